//! `/api/coaching/applications`: prospects' applications, status changes and promotion.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use serde::Deserialize;
use utoipa::ToSchema;

use super::bookings::{NoticeView, When};
use crate::app::applications::{
    self, Application, ApplicationChange, ApplicationQuery, DiscoveryCallInput, NewApplication,
    PromoteRequest, Promotion,
};
use crate::app::AppError;
use crate::web::error::{ApiResult, ErrorBody};
use crate::web::extract::{json_object, ApiCoach, ApiJson, ApiPath, ApiQuery};
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
    Ok(Json(applications::list(state.ctx(), &coach, &q).await?))
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
        Json(applications::create(state.ctx(), &coach, &new).await?),
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
    Ok(Json(applications::get(state.ctx(), &coach, id).await?))
}

/// An application's discovery call: when (RFC 3339 `start`, or `date` + `startTime` in your
/// zone) and how. The session type defaults to your discovery type.
#[derive(Debug, Clone, Deserialize, serde::Serialize, ToSchema, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct DiscoveryCall {
    pub session_type_id: Option<i64>,
    #[serde(flatten)]
    pub when: When,
    /// `https://…`.
    #[schema(max_length = 2000)]
    pub meeting_url: String,
    #[schema(max_length = 10000)]
    pub notes: String,
    pub override_availability: bool,
}

/// A change to an application. Omitted fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct ApplicationUpdate {
    #[schema(schema_with = crate::app::schema::settable_application_status)]
    pub status: Option<String>,
    #[schema(min_length = 1, max_length = 100)]
    pub name: Option<String>,
    #[schema(min_length = 3, max_length = 254)]
    pub email: Option<String>,
    #[schema(max_length = 4000)]
    pub goals: Option<String>,
    /// The package intended for the client (used when promoting without one); `null` clears it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>)]
    pub package_id: Option<Option<i64>>,
    /// Schedule the discovery call: the first time it creates the application's booking
    /// (conflict-checked like any booking) and sets `bookingId`; later it moves that booking.
    pub discovery_call: Option<DiscoveryCall>,
}

/// Tells "absent" (keep) from `null` (clear) for an optional field.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<i64>>, D::Error> {
    Option::<i64>::deserialize(d).map(Some)
}

impl From<ApplicationUpdate> for ApplicationChange {
    fn from(u: ApplicationUpdate) -> Self {
        Self {
            status: u.status,
            name: u.name,
            email: u.email,
            goals: u.goals,
            package_id: u.package_id,
            discovery_call: u.discovery_call.map(|c| DiscoveryCallInput {
                session_type_id: c.session_type_id.filter(|id| *id != 0),
                when: c.when.into(),
                meeting_url: c.meeting_url,
                notes: c.notes,
                override_hours: c.override_availability,
            }),
        }
    }
}

/// An application, with how the discovery call's times were read when that needs saying.
#[derive(Debug, Clone, serde::Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationView {
    #[serde(flatten)]
    pub application: Application,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<NoticeView>,
}

/// Change an application's status, details or intended package. `promoted` is final and set
/// only by promoting.
#[utoipa::path(put, path = "/coaching/applications/{id}", tag = "applications", params(("id" = i64, Path)),
    request_body = ApplicationUpdate,
    responses((status = 200, body = ApplicationView), (status = 404, body = ErrorBody),
        (status = 409, description = "The discovery call's time is taken", body = ErrorBody),
        (status = 422, description = "A field is invalid or the status change is not allowed", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn applications_update(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
    ApiJson(change): ApiJson<ApplicationUpdate>,
) -> ApiResult<Json<ApplicationView>> {
    let (application, notices) =
        applications::update(state.ctx(), &coach, id, &change.into()).await?;
    Ok(Json(ApplicationView {
        application,
        notices: super::bookings::notices(&notices),
    }))
}

/// Promote an application to a client: creates the client (or reuses yours with that email),
/// enrols them in the package, links the discovery booking. Promoting twice returns the same
/// client.
#[utoipa::path(post, path = "/coaching/applications/{id}/promote", tag = "applications", params(("id" = i64, Path)),
    request_body(content = Option<PromoteRequest>, description = "Optional: without a body the application's own package is used."),
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
        json_object(&body).map_err(|e| {
            AppError::invalid(
                "packageId",
                format!("Send {{\"packageId\": 12}} or nothing: {}", e.message),
            )
        })?
    };
    Ok(Json(
        applications::promote(state.ctx(), &coach, id, req.package_id).await?,
    ))
}

/// Merge an application into the earliest of yours from the same email: that one is kept, with
/// this one's goals and answers appended (each question dated), its discovery call when it had
/// the only one, and its package when it had none; this one is removed. Answers the application
/// kept.
#[utoipa::path(post, path = "/coaching/applications/{id}/merge", tag = "applications", params(("id" = i64, Path)),
    responses((status = 200, body = Application), (status = 404, body = ErrorBody),
        (status = 409, description = "Nothing earlier from this email, a promoted application, or two discovery calls booked", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn applications_merge(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Application>> {
    Ok(Json(
        applications::merge_into_earliest(state.ctx(), &coach, id).await?,
    ))
}
