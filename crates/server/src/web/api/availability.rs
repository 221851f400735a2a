//! `/api/availability`: the coach's weekly hours, date overrides, time off and booking policy,
//! and the open slots computed from them.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use crate::app::availability::{
    self, BlockView, DateOverrideView, NewBlock, NewDateOverride, Policy, ScheduleView, SlotsQuery,
    SlotsView, WeeklyHours, WeeklyWindow,
};
use crate::web::error::{ApiResult, ErrorBody};
use crate::web::extract::{ApiCoach, ApiJson, ApiPath, ApiQuery};
use crate::web::AppState;

/// Open slots for one session type, as clients would be offered them (notice, horizon, grid,
/// limits and capacity applied). Busy time is merged and carries no detail.
#[utoipa::path(get, path = "/availability", tag = "availability", params(SlotsQuery),
    responses((status = 200, body = SlotsView), (status = 404, description = "Another coach", body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn availability_slots(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiQuery(q): ApiQuery<SlotsQuery>,
) -> ApiResult<Json<SlotsView>> {
    Ok(Json(availability::slots(state.db(), &coach, &q).await?))
}

/// Everything that decides when you can be booked.
#[utoipa::path(get, path = "/availability/schedule", tag = "availability",
    responses((status = 200, body = ScheduleView)), security(("bearer" = [])))]
pub async fn availability_schedule(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
) -> ApiResult<Json<ScheduleView>> {
    Ok(Json(availability::schedule(state.db(), &coach).await?))
}

/// Your weekly hours.
#[utoipa::path(get, path = "/availability/rules", tag = "availability",
    responses((status = 200, body = WeeklyHours)), security(("bearer" = [])))]
pub async fn availability_rules_get(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
) -> ApiResult<Json<WeeklyHours>> {
    let rules = availability::schedule(state.db(), &coach).await?.rules;
    Ok(Json(WeeklyHours { rules }))
}

/// Replace your weekly hours (every window at once; several per weekday allowed).
#[utoipa::path(put, path = "/availability/rules", tag = "availability", request_body = WeeklyHours,
    responses((status = 200, body = WeeklyHours), (status = 422, description = "Errors are keyed by weekday (`monday` …)", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn availability_rules_put(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiJson(hours): ApiJson<WeeklyHours>,
) -> ApiResult<Json<WeeklyHours>> {
    let rules: Vec<WeeklyWindow> = availability::replace_rules(state.db(), &coach, &hours).await?;
    Ok(Json(WeeklyHours { rules }))
}

/// Your date overrides.
#[utoipa::path(get, path = "/availability/overrides", tag = "availability",
    responses((status = 200, body = [DateOverrideView])), security(("bearer" = [])))]
pub async fn availability_overrides_list(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
) -> ApiResult<Json<Vec<DateOverrideView>>> {
    Ok(Json(
        availability::schedule(state.db(), &coach).await?.overrides,
    ))
}

/// Set one date's hours, replacing the weekly ones; no windows closes the day.
#[utoipa::path(put, path = "/availability/overrides/{date}", tag = "availability",
    params(("date" = String, Path, description = "YYYY-MM-DD")), request_body = NewDateOverride,
    responses((status = 200, body = DateOverrideView), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
pub async fn availability_override_put(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(date): ApiPath<String>,
    ApiJson(new): ApiJson<NewDateOverride>,
) -> ApiResult<Json<DateOverrideView>> {
    Ok(Json(
        availability::set_override(state.db(), &coach, &date, &new).await?,
    ))
}

/// Remove a date's override: the weekly hours apply again.
#[utoipa::path(delete, path = "/availability/overrides/{date}", tag = "availability",
    params(("date" = String, Path, description = "YYYY-MM-DD")),
    responses((status = 204), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
pub async fn availability_override_delete(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(date): ApiPath<String>,
) -> ApiResult<StatusCode> {
    availability::delete_override(state.db(), &coach, &date).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Your time off.
#[utoipa::path(get, path = "/availability/blocks", tag = "availability",
    responses((status = 200, body = [BlockView])), security(("bearer" = [])))]
pub async fn availability_blocks_list(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
) -> ApiResult<Json<Vec<BlockView>>> {
    Ok(Json(
        availability::schedule(state.db(), &coach).await?.blocks,
    ))
}

/// Add time off: `once`, whole `days`, or `weekly`.
#[utoipa::path(post, path = "/availability/blocks", tag = "availability", request_body = NewBlock,
    responses((status = 201, body = BlockView), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
pub async fn availability_blocks_create(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiJson(new): ApiJson<NewBlock>,
) -> ApiResult<(StatusCode, Json<BlockView>)> {
    Ok((
        StatusCode::CREATED,
        Json(availability::create_block(state.db(), &coach, &new).await?),
    ))
}

/// Remove time off.
#[utoipa::path(delete, path = "/availability/blocks/{id}", tag = "availability", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
pub async fn availability_blocks_delete(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    availability::delete_block(state.db(), &coach, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Your booking policy.
#[utoipa::path(get, path = "/availability/policy", tag = "availability",
    responses((status = 200, body = Policy)), security(("bearer" = [])))]
pub async fn availability_policy_get(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
) -> ApiResult<Json<Policy>> {
    Ok(Json(availability::policy(state.db(), &coach).await?))
}

/// Change your booking policy (every field at once).
#[utoipa::path(put, path = "/availability/policy", tag = "availability", request_body = Policy,
    responses((status = 200, body = Policy), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
pub async fn availability_policy_put(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiJson(policy): ApiJson<Policy>,
) -> ApiResult<Json<Policy>> {
    Ok(Json(
        availability::update_policy(state.db(), &coach, &policy).await?,
    ))
}
