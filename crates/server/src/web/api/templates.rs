//! `/api/session-templates`: what pre-fills a new session or booking. Coach only; a template's
//! client-specific price is never shown to anyone else.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use crate::app::templates::{self, NewTemplate, Template};
use crate::web::error::{ApiResult, ErrorBody};
use crate::web::extract::{ApiCoach, ApiJson, ApiPath};
use crate::web::AppState;

/// Your session templates, by name.
#[utoipa::path(get, path = "/session-templates", tag = "session templates",
    responses((status = 200, body = [Template])), security(("bearer" = [])))]
pub async fn templates_list(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
) -> ApiResult<Json<Vec<Template>>> {
    Ok(Json(templates::list(state.ctx(), &coach).await?))
}

/// Create a template. Omitted length and capacity take the session type's.
#[utoipa::path(post, path = "/session-templates", tag = "session templates",
    request_body = NewTemplate,
    responses((status = 201, body = Template), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn templates_create(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiJson(new): ApiJson<NewTemplate>,
) -> ApiResult<(StatusCode, Json<Template>)> {
    Ok((
        StatusCode::CREATED,
        Json(templates::create(state.ctx(), &coach, &new).await?),
    ))
}

/// One template.
#[utoipa::path(get, path = "/session-templates/{id}", tag = "session templates",
    params(("id" = i64, Path)),
    responses((status = 200, body = Template), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn templates_get(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Template>> {
    Ok(Json(templates::get(state.ctx(), &coach, id).await?))
}

/// Replace a template (every field as on create).
#[utoipa::path(put, path = "/session-templates/{id}", tag = "session templates",
    params(("id" = i64, Path)), request_body = NewTemplate,
    responses((status = 200, body = Template), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn templates_update(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
    ApiJson(new): ApiJson<NewTemplate>,
) -> ApiResult<Json<Template>> {
    Ok(Json(
        templates::update(state.ctx(), &coach, id, &new).await?,
    ))
}

/// Delete a template. Sessions and bookings made from it keep what it filled in.
#[utoipa::path(delete, path = "/session-templates/{id}", tag = "session templates",
    params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn templates_delete(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    templates::delete(state.ctx(), &coach, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
