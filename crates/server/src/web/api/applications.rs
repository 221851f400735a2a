//! `/api/coaching/applications`: prospects' applications, status changes and promotion.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use crate::app::applications::{
    self, Application, ApplicationQuery, ApplicationUpdate, NewApplication, PromoteRequest,
    Promotion,
};
use crate::app::AppError;
use crate::web::error::{ApiResult, ErrorBody};
use crate::web::extract::{ApiCoach, ApiJson, ApiPath, ApiQuery};
use crate::web::AppState;

/// The coach's applications, newest first; filter by `status`, search name, email and goals
/// with `q`.
#[utoipa::path(get, path = "/coaching/applications", tag = "applications", params(ApplicationQuery),
    responses((status = 200, body = [Application]), (status = 422, description = "Unknown status", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn applications_list(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiQuery(q): ApiQuery<ApplicationQuery>,
) -> ApiResult<Json<Vec<Application>>> {
    Ok(Json(applications::list(state.db(), &coach, &q).await?))
}

/// Enter an application by hand (prospects use the apply form on your page).
#[utoipa::path(post, path = "/coaching/applications", tag = "applications", request_body = NewApplication,
    responses((status = 201, body = Application), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
pub async fn applications_create(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiJson(new): ApiJson<NewApplication>,
) -> ApiResult<(StatusCode, Json<Application>)> {
    Ok((
        StatusCode::CREATED,
        Json(applications::create(state.db(), &coach, &new).await?),
    ))
}

/// One application.
#[utoipa::path(get, path = "/coaching/applications/{id}", tag = "applications", params(("id" = i64, Path)),
    responses((status = 200, body = Application), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
pub async fn applications_get(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Application>> {
    Ok(Json(applications::get(state.db(), &coach, id).await?))
}

/// Change an application's status, details or intended package. `promoted` is final and set
/// only by promoting.
#[utoipa::path(put, path = "/coaching/applications/{id}", tag = "applications", params(("id" = i64, Path)),
    request_body = ApplicationUpdate,
    responses((status = 200, body = Application), (status = 404, body = ErrorBody), (status = 422, description = "A field is invalid or the status change is not allowed", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn applications_update(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
    ApiJson(change): ApiJson<ApplicationUpdate>,
) -> ApiResult<Json<Application>> {
    Ok(Json(
        applications::update(state.db(), &coach, id, &change).await?,
    ))
}

/// Promote an application to a client: creates the client (or reuses yours with that email),
/// enrols them in the package, links the discovery booking. Promoting twice returns the same
/// client.
#[utoipa::path(post, path = "/coaching/applications/{id}/promote", tag = "applications", params(("id" = i64, Path)),
    request_body = PromoteRequest,
    responses((status = 200, body = Promotion), (status = 404, body = ErrorBody), (status = 409, description = "The application was declined", body = ErrorBody), (status = 422, description = "Unknown or archived package", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn applications_promote(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
    body: Bytes,
) -> ApiResult<Json<Promotion>> {
    // The body is optional: an empty POST promotes with the application's own package.
    let req: PromoteRequest = if body.iter().all(u8::is_ascii_whitespace) {
        PromoteRequest::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| {
            AppError::invalid(
                "packageId",
                format!("Send {{\"packageId\": 12}} or nothing: {e}"),
            )
        })?
    };
    Ok(Json(
        applications::promote(state.db(), &coach, id, req.package_id).await?,
    ))
}
