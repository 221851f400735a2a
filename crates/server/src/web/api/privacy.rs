//! `/api/me/privacy`: who sees the coach's calendar and session types, who may book, how booked
//! time and prices show, and the profile on the coach's page.

use axum::extract::State;
use axum::Json;

use crate::app::privacy::{self, Privacy, PrivacyInput};
use crate::web::error::{ApiResult, ErrorBody};
use crate::web::extract::{ApiCoach, ApiJson};
use crate::web::AppState;

/// The signed-in coach's privacy settings and page profile.
#[utoipa::path(
    get,
    path = "/me/privacy",
    tag = "privacy",
    responses((status = 200, description = "The settings", body = Privacy)),
    security(("bearer" = []))
)]
pub async fn privacy_get(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
) -> ApiResult<Json<Privacy>> {
    Ok(Json(privacy::get(state.ctx(), &coach).await?))
}

/// Replace the privacy settings and page profile (every field is checked; nothing changes when
/// one is wrong). Session types left out keep their visibility.
#[utoipa::path(
    put,
    path = "/me/privacy",
    tag = "privacy",
    request_body = PrivacyInput,
    responses(
        (status = 200, description = "The saved settings", body = Privacy),
        (status = 422, description = "A field is invalid; `fields` says which", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn privacy_put(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiJson(input): ApiJson<PrivacyInput>,
) -> ApiResult<Json<Privacy>> {
    Ok(Json(privacy::update(state.ctx(), &coach, &input).await?))
}
