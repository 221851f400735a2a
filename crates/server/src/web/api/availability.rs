//! `/api/availability`: the coach's weekly hours, date overrides, time off and booking policy,
//! the open slots computed from them, and the shapes the API speaks for them.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use coachbook_core::availability::{Block, DateOverride, WeeklyRule};
use coachbook_core::time::{rfc3339, Zone};
use coachbook_core::validate;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::app::availability::{
    self, boundary_label, AnswerKey, BlockInput, PolicyInput, RangeInput, SlotsInput, WindowInput,
    WEEKDAY_NAMES,
};
use crate::store::availability::StoredBlock;
use crate::web::error::{ApiResult, ErrorBody};
use crate::web::extract::{ApiCoach, ApiJson, ApiPath, ApiQuery};
use crate::web::AppState;

/// The whole week; `PUT` replaces every window at once.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct WeeklyHours {
    pub rules: Vec<WindowInput>,
}

impl WeeklyHours {
    pub fn of(rules: &[WeeklyRule]) -> Self {
        Self {
            rules: rules.iter().map(WindowInput::from).collect(),
        }
    }
}

/// One date's hours replacing the weekly ones.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DateOverrideView {
    /// `YYYY-MM-DD` in the coach's zone.
    pub date: String,
    /// The coach is not bookable at all that day.
    pub closed: bool,
    pub windows: Vec<RangeInput>,
}

impl From<&DateOverride> for DateOverrideView {
    fn from(o: &DateOverride) -> Self {
        Self {
            date: o.date.to_string(),
            closed: o.windows.is_empty(),
            windows: o.windows.iter().map(RangeInput::from).collect(),
        }
    }
}

/// The hours for one date; no windows closes the day.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct NewDateOverride {
    pub windows: Vec<RangeInput>,
}

/// Time off.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BlockView {
    pub id: i64,
    /// `once`, `days` or `weekly`.
    pub kind: String,
    /// `once`: RFC 3339 in the coach's zone.
    pub start: Option<String>,
    pub end: Option<String>,
    /// `days` and `weekly`: first date (inclusive).
    pub from: Option<String>,
    /// `days`: last date (inclusive); `weekly`: last date or none for open-ended.
    pub until: Option<String>,
    /// `weekly`: 1 = Monday … 7 = Sunday.
    pub weekdays: Vec<i64>,
    /// `weekly`: `HH:MM` wall-clock.
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub label: String,
    /// A sentence describing it, e.g. "Every Fri 12:00–24:00 from Fri 4 Dec 2026".
    pub summary: String,
}

impl BlockView {
    pub fn new(b: &StoredBlock, zone: &Zone) -> Self {
        let short = |t: Timestamp| crate::web::dates::day_time(t, zone);
        let day = |d: &jiff::civil::Date| crate::web::dates::date(*d);
        let mut view = Self {
            id: b.id,
            kind: String::new(),
            start: None,
            end: None,
            from: None,
            until: None,
            weekdays: Vec::new(),
            start_time: None,
            end_time: None,
            label: b.label.clone(),
            summary: String::new(),
        };
        match &b.block {
            Block::OneOff { start, end } => {
                view.kind = "once".into();
                view.start = Some(rfc3339(*start, zone));
                view.end = Some(rfc3339(*end, zone));
                view.summary = format!("{} – {}", short(*start), short(*end));
            }
            Block::Days { from, until } => {
                view.kind = "days".into();
                view.from = Some(from.to_string());
                view.until = Some(until.to_string());
                view.summary = if from == until {
                    format!("All day {}", day(from))
                } else {
                    format!("All day {} to {}", day(from), day(until))
                };
            }
            Block::Weekly {
                weekdays,
                start,
                end,
                from,
                until,
            } => {
                view.kind = "weekly".into();
                view.weekdays = weekdays
                    .iter()
                    .map(|d| i64::from(d.to_monday_one_offset()))
                    .collect();
                let (s, e) = (boundary_label(*start, false), boundary_label(*end, true));
                let days = weekdays
                    .iter()
                    .map(|d| {
                        &WEEKDAY_NAMES[usize::from(d.to_monday_zero_offset().unsigned_abs())][..3]
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                let through = until
                    .map(|u| format!(" until {}", day(&u)))
                    .unwrap_or_default();
                view.summary = format!("Every {days} {s}–{e} from {}{through}", day(from));
                view.start_time = Some(s);
                view.end_time = Some(e);
                view.from = Some(from.to_string());
                view.until = until.map(|u| u.to_string());
            }
        }
        view
    }
}

/// Everything that decides when the coach can be booked.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleView {
    pub time_zone: String,
    pub rules: Vec<WindowInput>,
    pub overrides: Vec<DateOverrideView>,
    pub blocks: Vec<BlockView>,
    pub policy: PolicyInput,
}

/// `GET /api/availability` parameters.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", default)]
#[into_params(parameter_in = Query)]
pub struct SlotsQuery {
    /// The coach; defaults to you. Another coach's id answers 404.
    pub coach_id: Option<i64>,
    /// Defaults to your first active session type.
    pub session_type_id: Option<i64>,
    /// RFC 3339 with an offset, or `YYYY-MM-DD` (midnight in the coach's zone). Default: now.
    /// A time without an offset answers 400.
    pub from: Option<String>,
    /// RFC 3339 or `YYYY-MM-DD` (exclusive). Default: 14 days after `from`; at most 366 days.
    pub to: Option<String>,
    /// IANA zone to present times in (the viewer's). Default: the coach's.
    #[param(max_length = 64)]
    pub time_zone: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SlotView {
    /// RFC 3339 with the presentation zone's offset.
    pub start: String,
    pub end: String,
    pub seats_left: u32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BusyView {
    pub start: String,
    pub end: String,
}

/// Open slots (and busy time, without any detail of what it is).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SlotsView {
    pub coach_id: i64,
    /// The coach's IANA zone: the rules are wall-clock times there.
    pub coach_time_zone: String,
    /// The zone the times below are shown in.
    pub time_zone: String,
    pub session_type_id: i64,
    pub from: String,
    pub to: String,
    pub slots: Vec<SlotView>,
    pub busy: Vec<BusyView>,
}

/// Open slots for one session type, as clients would be offered them (notice, horizon, grid,
/// limits and capacity applied). Busy time is merged and carries no detail.
#[utoipa::path(get, path = "/availability", tag = "availability", params(SlotsQuery),
    responses((status = 200, body = SlotsView),
        (status = 400, description = "`from` or `to` is not RFC 3339 with an offset or a date", body = ErrorBody),
        (status = 404, description = "Another coach", body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn availability_slots(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiQuery(q): ApiQuery<SlotsQuery>,
) -> ApiResult<Response> {
    let cx = state.ctx();
    let now = cx.now();
    // Without `from` the answer starts at `now` itself, and is nobody else's.
    let key = q
        .from
        .as_deref()
        .is_some_and(|f| !f.trim().is_empty())
        .then(|| AnswerKey {
            coach_id: coach.id,
            calendar_version: coach.calendar_version,
            coach_zone: coach.zone.name().to_owned(),
            asked: vec![
                q.coach_id.map(|id| id.to_string()),
                q.session_type_id.map(|id| id.to_string()),
                q.from.clone(),
                q.to.clone(),
                q.time_zone.clone(),
            ],
        });
    if let Some(body) = key.as_ref().and_then(|k| cx.answers.get(k, now)) {
        return Ok(json_bytes(body));
    }
    let view_zone = match q.time_zone.as_deref().filter(|z| !z.trim().is_empty()) {
        Some(name) => validate::zone("timeZone", name)?,
        None => coach.zone.clone(),
    };
    let input = SlotsInput {
        coach_id: q.coach_id,
        session_type_id: q.session_type_id,
        from: q.from,
        to: q.to,
    };
    let found = availability::slots(cx, &coach, &input, now).await?;
    let at = |t: Timestamp| rfc3339(t, &view_zone);
    let view = SlotsView {
        coach_id: coach.id,
        coach_time_zone: coach.zone.name().to_owned(),
        time_zone: view_zone.name().to_owned(),
        session_type_id: found.session_type_id,
        from: at(found.from),
        to: at(found.to),
        slots: found
            .availability
            .slots
            .iter()
            .map(|s| SlotView {
                start: at(s.start),
                end: at(s.end),
                seats_left: s.seats_left,
            })
            .collect(),
        busy: found
            .availability
            .busy
            .iter()
            .map(|b| BusyView {
                start: at(b.start),
                end: at(b.end),
            })
            .collect(),
    };
    let body = Bytes::from(
        serde_json::to_vec(&view).map_err(|e| anyhow::anyhow!("encode availability: {e}"))?,
    );
    if let Some(key) = key {
        cx.answers.put(key, now, &body);
    }
    Ok(json_bytes(body))
}

fn json_bytes(body: Bytes) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

/// Everything that decides when you can be booked.
#[utoipa::path(get, path = "/availability/schedule", tag = "availability",
    responses((status = 200, body = ScheduleView)), security(("bearer" = [])))]
pub async fn availability_schedule(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
) -> ApiResult<Json<ScheduleView>> {
    let s = availability::schedule(state.ctx(), &coach).await?;
    Ok(Json(ScheduleView {
        time_zone: coach.zone.name().to_owned(),
        rules: WeeklyHours::of(&s.rules).rules,
        overrides: s.overrides.iter().map(DateOverrideView::from).collect(),
        blocks: s
            .blocks
            .iter()
            .map(|b| BlockView::new(b, &coach.zone))
            .collect(),
        policy: PolicyInput::from(&s.policy),
    }))
}

/// Your weekly hours.
#[utoipa::path(get, path = "/availability/rules", tag = "availability",
    responses((status = 200, body = WeeklyHours)), security(("bearer" = [])))]
pub async fn availability_rules_get(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
) -> ApiResult<Json<WeeklyHours>> {
    let rules = availability::schedule(state.ctx(), &coach).await?.rules;
    Ok(Json(WeeklyHours::of(&rules)))
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
    let rules = availability::replace_rules(state.ctx(), &coach, &hours.rules).await?;
    Ok(Json(WeeklyHours::of(&rules)))
}

/// Your date overrides.
#[utoipa::path(get, path = "/availability/overrides", tag = "availability",
    responses((status = 200, body = [DateOverrideView])), security(("bearer" = [])))]
pub async fn availability_overrides_list(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
) -> ApiResult<Json<Vec<DateOverrideView>>> {
    let overrides = availability::schedule(state.ctx(), &coach).await?.overrides;
    Ok(Json(overrides.iter().map(DateOverrideView::from).collect()))
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
    let o = availability::set_override(state.ctx(), &coach, &date, &new.windows).await?;
    Ok(Json(DateOverrideView::from(&o)))
}

/// Remove a date's override: the weekly hours apply again.
#[utoipa::path(delete, path = "/availability/overrides/{date}", tag = "availability",
    params(("date" = String, Path, description = "YYYY-MM-DD")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, description = "The date is not a `YYYY-MM-DD` date", body = ErrorBody)), security(("bearer" = [])))]
pub async fn availability_override_delete(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(date): ApiPath<String>,
) -> ApiResult<StatusCode> {
    availability::delete_override(state.ctx(), &coach, &date).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Your time off.
#[utoipa::path(get, path = "/availability/blocks", tag = "availability",
    responses((status = 200, body = [BlockView])), security(("bearer" = [])))]
pub async fn availability_blocks_list(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
) -> ApiResult<Json<Vec<BlockView>>> {
    let blocks = availability::schedule(state.ctx(), &coach).await?.blocks;
    Ok(Json(
        blocks
            .iter()
            .map(|b| BlockView::new(b, &coach.zone))
            .collect(),
    ))
}

/// Add time off: `once`, whole `days`, or `weekly`.
#[utoipa::path(post, path = "/availability/blocks", tag = "availability", request_body = BlockInput,
    responses((status = 201, body = BlockView), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
pub async fn availability_blocks_create(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiJson(new): ApiJson<BlockInput>,
) -> ApiResult<(StatusCode, Json<BlockView>)> {
    let saved = availability::create_block(state.ctx(), &coach, &new).await?;
    Ok((
        StatusCode::CREATED,
        Json(BlockView::new(&saved, &coach.zone)),
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
    availability::delete_block(state.ctx(), &coach, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Your booking policy.
#[utoipa::path(get, path = "/availability/policy", tag = "availability",
    responses((status = 200, body = PolicyInput)), security(("bearer" = [])))]
pub async fn availability_policy_get(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
) -> ApiResult<Json<PolicyInput>> {
    Ok(Json(PolicyInput::from(
        &availability::policy(state.ctx(), &coach).await?,
    )))
}

/// Change your booking policy (every field at once).
#[utoipa::path(put, path = "/availability/policy", tag = "availability", request_body = PolicyInput,
    responses((status = 200, body = PolicyInput), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
pub async fn availability_policy_put(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiJson(policy): ApiJson<PolicyInput>,
) -> ApiResult<Json<PolicyInput>> {
    let saved = availability::update_policy(state.ctx(), &coach, &policy).await?;
    Ok(Json(PolicyInput::from(&saved)))
}
