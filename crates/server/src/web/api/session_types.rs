//! `/api/session-types`: the coach's session types.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::app::session_types::{self, NewSessionType, SessionType};
use crate::web::error::{ApiResult, ErrorBody};
use crate::web::extract::{ApiCoach, ApiJson, ApiPath, ApiQuery};
use crate::web::AppState;

#[derive(Debug, Deserialize, IntoParams, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct ListQuery {
    /// Include archived types.
    include_archived: bool,
}

/// The coach's session types, active first.
#[utoipa::path(get, path = "/session-types", tag = "session types", params(ListQuery),
    responses((status = 200, body = [SessionType]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn session_types_list(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> ApiResult<Json<Vec<SessionType>>> {
    Ok(Json(
        session_types::list(state.ctx(), &coach, q.include_archived).await?,
    ))
}

/// Create a session type.
#[utoipa::path(post, path = "/session-types", tag = "session types", request_body = NewSessionType,
    responses((status = 201, body = SessionType), (status = 422, description = "A field is invalid", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn session_types_create(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiJson(new): ApiJson<NewSessionType>,
) -> ApiResult<(StatusCode, Json<SessionType>)> {
    Ok((
        StatusCode::CREATED,
        Json(session_types::create(state.ctx(), &coach, &new).await?),
    ))
}

/// One session type.
#[utoipa::path(get, path = "/session-types/{id}", tag = "session types", params(("id" = i64, Path)),
    responses((status = 200, body = SessionType), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
pub async fn session_types_get(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<SessionType>> {
    Ok(Json(session_types::get(state.ctx(), &coach, id).await?))
}

/// Replace a session type's settings. Existing sessions keep the duration and buffers they were
/// booked with.
#[utoipa::path(put, path = "/session-types/{id}", tag = "session types", params(("id" = i64, Path)), request_body = NewSessionType,
    responses((status = 200, body = SessionType), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn session_types_update(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
    ApiJson(new): ApiJson<NewSessionType>,
) -> ApiResult<Json<SessionType>> {
    Ok(Json(
        session_types::update(state.ctx(), &coach, id, &new).await?,
    ))
}

/// Archive a session type: no longer offered; past and booked sessions keep it.
#[utoipa::path(post, path = "/session-types/{id}/archive", tag = "session types", params(("id" = i64, Path)),
    responses((status = 200, body = SessionType), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
pub async fn session_types_archive(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<SessionType>> {
    Ok(Json(
        session_types::set_archived(state.ctx(), &coach, id, true).await?,
    ))
}

/// Offer an archived session type again.
#[utoipa::path(post, path = "/session-types/{id}/restore", tag = "session types", params(("id" = i64, Path)),
    responses((status = 200, body = SessionType), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
pub async fn session_types_restore(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<SessionType>> {
    Ok(Json(
        session_types::set_archived(state.ctx(), &coach, id, false).await?,
    ))
}
