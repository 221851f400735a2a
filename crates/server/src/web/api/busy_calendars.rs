//! `/api/me/busy-calendars`: the coach's other calendars whose events make them busy (an ICS
//! address or a CalDAV calendar). Coach only; a CalDAV password is never sent back. Adding one
//! checks the address and queues its first sync; nothing here waits on the network.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use crate::app::busy_calendars::{self, BusyCalendar, NewBusyCalendar, RenameBusyCalendar};
use crate::web::error::{ApiResult, ErrorBody};
use crate::web::extract::{ApiCoach, ApiJson, ApiPath};
use crate::web::AppState;

/// Your busy calendars, by name, each with its last sync and status.
#[utoipa::path(get, path = "/me/busy-calendars", tag = "busy calendars",
    responses((status = 200, body = [BusyCalendar])), security(("bearer" = [])))]
pub async fn busy_calendars_list(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
) -> ApiResult<Json<Vec<BusyCalendar>>> {
    Ok(Json(busy_calendars::list(state.ctx(), &coach).await?))
}

/// Add a busy calendar. Its first sync is queued at once (status `waiting`). An address on a
/// private or local network is refused (422) unless the operator allows them.
#[utoipa::path(post, path = "/me/busy-calendars", tag = "busy calendars",
    request_body = NewBusyCalendar,
    responses((status = 201, body = BusyCalendar), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn busy_calendars_create(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiJson(new): ApiJson<NewBusyCalendar>,
) -> ApiResult<(StatusCode, Json<BusyCalendar>)> {
    Ok((
        StatusCode::CREATED,
        Json(busy_calendars::create(state.ctx(), &coach, &new).await?),
    ))
}

/// Rename a busy calendar.
#[utoipa::path(patch, path = "/me/busy-calendars/{id}", tag = "busy calendars",
    params(("id" = i64, Path)), request_body = RenameBusyCalendar,
    responses((status = 200, body = BusyCalendar), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn busy_calendars_rename(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<RenameBusyCalendar>,
) -> ApiResult<Json<BusyCalendar>> {
    Ok(Json(
        busy_calendars::rename(state.ctx(), &coach, id, &input).await?,
    ))
}

/// Remove a busy calendar and its busy time.
#[utoipa::path(delete, path = "/me/busy-calendars/{id}", tag = "busy calendars",
    params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn busy_calendars_delete(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    busy_calendars::delete(state.ctx(), &coach, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sync a busy calendar now (queued at once; its scheduled syncs go on).
#[utoipa::path(post, path = "/me/busy-calendars/{id}/sync", tag = "busy calendars",
    params(("id" = i64, Path)),
    responses((status = 202, body = BusyCalendar), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn busy_calendars_sync(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<(StatusCode, Json<BusyCalendar>)> {
    Ok((
        StatusCode::ACCEPTED,
        Json(busy_calendars::sync_now(state.ctx(), &coach, id).await?),
    ))
}
