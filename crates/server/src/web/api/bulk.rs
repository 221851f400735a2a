//! `/api/sessions/bulk` and `/api/sessions/bulk-cancel`: many sessions made or cancelled at
//! once, each with a dry run that answers the plan and writes nothing. Coach only.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use coachbook_core::availability::HoursReason;
use coachbook_core::time::{rfc3339, Interval, Zone};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::sessions::SessionView;
use crate::app::bulk::{
    self, BulkInput, BulkOutcome, CancelInput, CancelOutcome, Collision, Occurrence, Pattern,
};
use crate::app::{accounts::Coach, sessions};
use crate::web::error::{ApiResult, ErrorBody, ErrorDetail};
use crate::web::extract::{ApiCoach, ApiJson};
use crate::web::AppState;

/// Many sessions at once: what to make (a template, or the fields a single session takes) and
/// when (`dates`, or a `pattern`; not both).
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct BulkCreate {
    /// One of your session templates: it fills what is left out.
    pub template_id: Option<i64>,
    /// One of your session types; default the template's.
    pub session_type_id: Option<i64>,
    /// Default: the template's, else the type's.
    #[schema(minimum = 5, maximum = 720)]
    pub duration_minutes: Option<i64>,
    /// Default: the template's, else the type's.
    #[schema(minimum = 1, maximum = 500)]
    pub capacity: Option<i64>,
    /// `https://…`; default the template's, else your meeting-link setting.
    #[schema(max_length = 2000)]
    pub meeting_url: Option<String>,
    #[schema(max_length = 10000)]
    pub notes: Option<String>,
    /// Local date and time in your zone (`2027-01-05T18:00`) or RFC 3339 instants; at most 200.
    #[schema(schema_with = dates_schema)]
    pub dates: Option<Vec<String>>,
    pub pattern: Option<Pattern>,
    /// Answer the plan and write nothing.
    pub dry_run: bool,
    /// `abort` (the default: nothing is made if any occurrence collides) or `skip`.
    #[schema(max_length = 8)]
    pub on_conflict: Option<String>,
    /// Make sessions outside your weekly hours too (never over anything).
    pub override_availability: bool,
}

/// At most 200 dates, each a short text.
fn dates_schema() -> utoipa::openapi::schema::Array {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, SchemaType, Type};
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(SchemaType::new(Type::String))
                .max_length(Some(64))
                .examples(["2027-01-05T18:00", "2027-01-05T18:00:00Z"]),
        )
        .max_items(Some(bulk::MAX_OCCURRENCES))
        // Left out or null: no list (then a pattern says when).
        .schema_type(SchemaType::from_iter([Type::Array, Type::Null]))
        .description(Some(
            "Local date and time in your zone (`2027-01-05T18:00`) or RFC 3339 instants; at most 200.",
        ))
        .build()
}

/// Something an occurrence collides with.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CollisionView {
    /// `session`, `time_off`, `busy`, `closed`, `past` or `batch` (another occurrence of this
    /// request).
    pub kind: String,
    /// A sentence for people.
    pub message: String,
    /// For `session`: its id and title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// For `busy`: the imported calendar's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    /// For `closed`: `outside_hours` or `too_far_ahead`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// For `batch`: the other occurrence's index.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<usize>,
    /// What it collides with, RFC 3339 in your zone (not for `closed`, `past`, `batch`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
}

pub(super) fn collision_view(c: &Collision, zone: &Zone) -> CollisionView {
    let span = |at: &Interval| (Some(rfc3339(at.start, zone)), Some(rfc3339(at.end, zone)));
    let mut v = CollisionView {
        kind: c.kind().to_owned(),
        message: String::new(),
        session_id: None,
        title: None,
        calendar: None,
        reason: None,
        occurrence: None,
        start: None,
        end: None,
    };
    match c {
        Collision::Session { id, title, at } => {
            v.message = format!("Collides with your session \"{title}\".");
            v.session_id = Some(*id);
            v.title = Some(title.clone());
            (v.start, v.end) = span(at);
        }
        Collision::TimeOff { at } => {
            v.message = "Collides with your time off.".to_owned();
            (v.start, v.end) = span(at);
        }
        Collision::Busy { calendar, at } => {
            v.message = format!("Collides with busy time from \"{calendar}\".");
            v.calendar = Some(calendar.clone());
            (v.start, v.end) = span(at);
        }
        Collision::Closed(r) => {
            let (code, message) = match r {
                HoursReason::TooFarAhead => (
                    "too_far_ahead",
                    "Further ahead than your calendar is open for booking.",
                ),
                _ => (
                    "outside_hours",
                    "Outside your hours on that day (closed then).",
                ),
            };
            v.message = message.to_owned();
            v.reason = Some(code.to_owned());
        }
        Collision::Past => v.message = "This time has passed.".to_owned(),
        Collision::Batch(i) => {
            v.message = format!("Overlaps occurrence {} of this request.", i + 1);
            v.occurrence = Some(*i);
        }
    }
    v
}

/// One session of the plan.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OccurrenceView {
    /// Its position in the request, from 0.
    pub index: usize,
    /// The local day, `YYYY-MM-DD`.
    pub date: String,
    /// RFC 3339 in your time zone.
    pub start: String,
    pub end: String,
    /// `free` (would be made), `collides`, `created` or `skipped`.
    pub status: String,
    /// Once made.
    pub session_id: Option<i64>,
    /// Empty when free.
    pub collisions: Vec<CollisionView>,
}

/// The plan of a bulk request, and what became of it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BulkPlan {
    pub dry_run: bool,
    pub time_zone: String,
    pub session_type_name: String,
    /// Occurrences in the request.
    pub total: usize,
    /// Those that collide with something.
    pub colliding: usize,
    /// Every occurrence with its collisions.
    pub occurrences: Vec<OccurrenceView>,
    /// The sessions made (empty on a dry run or a refusal).
    pub sessions: Vec<SessionView>,
    /// The occurrences left out by `onConflict: skip`, each with why.
    pub skipped: Vec<OccurrenceView>,
    /// A pattern is kept as a series once committed (`/api/series/{id}`): edit or cancel this
    /// and following occurrences, or all, and book a client into every one.
    pub series_id: Option<i64>,
}

/// 409 for `onConflict: abort` when an occurrence collides: nothing was made.
#[derive(Debug, Serialize, ToSchema)]
pub struct BulkConflictBody {
    pub error: ErrorDetail,
    pub plan: BulkPlan,
}

fn occurrence_view(
    i: usize,
    o: &Occurrence,
    coach: &Coach,
    outcome: &BulkOutcome,
) -> OccurrenceView {
    let status = match (o.session_id, o.free(), outcome.created.is_some()) {
        (Some(_), _, _) => "created",
        (None, true, _) => "free",
        (None, false, true) => "skipped",
        (None, false, false) => "collides",
    };
    OccurrenceView {
        index: i,
        date: bulk::local_day(coach, o.at.start).to_string(),
        start: rfc3339(o.at.start, &coach.zone),
        end: rfc3339(o.at.end, &coach.zone),
        status: status.to_owned(),
        session_id: o.session_id,
        collisions: o
            .collisions
            .iter()
            .map(|c| collision_view(c, &coach.zone))
            .collect(),
    }
}

fn plan_view(outcome: &BulkOutcome, coach: &Coach, made: Vec<SessionView>) -> BulkPlan {
    let occurrences: Vec<OccurrenceView> = outcome
        .occurrences
        .iter()
        .enumerate()
        .map(|(i, o)| occurrence_view(i, o, coach, outcome))
        .collect();
    let skipped = occurrences
        .iter()
        .filter(|o| o.status == "skipped")
        .cloned()
        .collect();
    BulkPlan {
        dry_run: outcome.dry_run,
        time_zone: coach.zone.name().to_owned(),
        session_type_name: outcome.session_type_name.clone(),
        total: outcome.occurrences.len(),
        colliding: outcome.colliding(),
        occurrences,
        sessions: made,
        skipped,
        series_id: outcome.series_id,
    }
}

/// Make many sessions at once. `dryRun: true` answers the plan (200) and writes nothing. A
/// commit is one transaction: with `onConflict: abort` any collision answers 409 with the plan
/// and nothing is made; with `skip` the free occurrences are made (201) and the others named.
#[utoipa::path(post, path = "/sessions/bulk", tag = "sessions", request_body = BulkCreate,
    responses((status = 200, description = "The plan (dry run); nothing written", body = BulkPlan),
        (status = 201, description = "The sessions made, and any skipped", body = BulkPlan),
        (status = 404, description = "No such template among yours", body = ErrorBody),
        (status = 409, description = "An occurrence collides (onConflict: abort); nothing made", body = BulkConflictBody),
        (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn sessions_bulk(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiJson(req): ApiJson<BulkCreate>,
) -> ApiResult<Response> {
    let input = BulkInput {
        template_id: req.template_id,
        session_type_id: req.session_type_id,
        duration_minutes: req.duration_minutes,
        capacity: req.capacity,
        meeting_url: req.meeting_url,
        notes: req.notes,
        dates: req.dates,
        pattern: req.pattern,
        dry_run: req.dry_run,
        on_conflict: req.on_conflict,
        override_hours: req.override_availability,
    };
    let cx = state.ctx();
    let outcome = bulk::create(cx, &coach, &input).await?;
    if outcome.dry_run {
        return Ok((
            StatusCode::OK,
            Json(plan_view(&outcome, &coach, Vec::new())),
        )
            .into_response());
    }
    let Some(ids) = &outcome.created else {
        let n = outcome.colliding();
        let body = BulkConflictBody {
            error: ErrorDetail {
                code: "conflict",
                message: format!(
                    "{n} of {} sessions collide{}; nothing was made. Change those dates, or send onConflict: skip to make the rest.",
                    outcome.occurrences.len(),
                    if n == 1 { "s" } else { "" }
                ),
                fields: Vec::new(),
                reason: None,
                reference: None,
            },
            plan: plan_view(&outcome, &coach, Vec::new()),
        };
        return Ok((StatusCode::CONFLICT, Json(body)).into_response());
    };
    let mut made = Vec::with_capacity(ids.len());
    for id in ids {
        let s = sessions::get(cx, &coach, *id).await?;
        made.push(SessionView::new(&s, &coach.zone, &[]));
    }
    Ok((StatusCode::CREATED, Json(plan_view(&outcome, &coach, made))).into_response())
}

/// Cancel every session starting on the days `from` to `to` (both included, your zone).
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct BulkCancel {
    /// The first day, `YYYY-MM-DD`.
    #[schema(required = true, max_length = 10)]
    pub from: String,
    /// The last day, `YYYY-MM-DD`; at most 100 days after `from`.
    #[schema(required = true, max_length = 10)]
    pub to: String,
    /// Told to every participant.
    #[schema(max_length = 1000)]
    pub reason: String,
    /// `policy` (the default: credits settled by your cancellation cut-off) or `always`
    /// (every credit given back).
    #[schema(max_length = 8)]
    pub refund: Option<String>,
    /// Answer what would be cancelled and write nothing.
    pub dry_run: bool,
}

/// One booking a cancellation reaches.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CancelBookingView {
    pub booking_id: i64,
    pub name: String,
    pub email: String,
    /// `none`, `released` (before your cut-off), `used` (late, by your policy) or `given_back`.
    pub credit: String,
}

/// One session of the range.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CancelSessionView {
    pub session_id: i64,
    pub session_type_name: String,
    /// RFC 3339 in your time zone.
    pub start: String,
    pub end: String,
    /// `cancelled` (or `would_cancel` on a dry run), or `started` (left alone: mark its
    /// outcome instead).
    pub status: String,
    pub bookings: Vec<CancelBookingView>,
}

/// What a bulk cancellation did (or would do).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BulkCancelResult {
    pub dry_run: bool,
    pub time_zone: String,
    /// Sessions cancelled (or that would be).
    pub cancelled: usize,
    /// Bookings cancelled (or that would be).
    pub bookings: usize,
    pub sessions: Vec<CancelSessionView>,
}

fn cancel_view(o: &CancelOutcome, zone: &Zone) -> BulkCancelResult {
    let sessions: Vec<CancelSessionView> = o
        .items
        .iter()
        .map(|i| CancelSessionView {
            session_id: i.session.id,
            session_type_name: i.session.session_type_name.clone(),
            start: rfc3339(i.session.start_at.timestamp(), zone),
            end: rfc3339(i.session.end_at.timestamp(), zone),
            status: match (i.started, o.dry_run) {
                (true, _) => "started",
                (false, true) => "would_cancel",
                (false, false) => "cancelled",
            }
            .to_owned(),
            bookings: i
                .bookings
                .iter()
                .map(|b| CancelBookingView {
                    booking_id: b.booking_id,
                    name: b.name.clone(),
                    email: b.email.clone(),
                    credit: b.credit.as_str().to_owned(),
                })
                .collect(),
        })
        .collect();
    let live = o.items.iter().filter(|i| !i.started);
    BulkCancelResult {
        dry_run: o.dry_run,
        time_zone: zone.name().to_owned(),
        cancelled: live.clone().count(),
        bookings: live.map(|i| i.bookings.len()).sum(),
        sessions,
    }
}

/// Cancel every session starting in a range of days, in one transaction: each participant's
/// booking is cancelled and they are told (email, notice, webhooks); package credits are settled
/// by your cancellation policy, or all given back with `refund: always`. Sessions that have
/// started are left alone and listed as `started`. `dryRun: true` lists what would happen and
/// writes nothing.
#[utoipa::path(post, path = "/sessions/bulk-cancel", tag = "sessions", request_body = BulkCancel,
    responses((status = 200, body = BulkCancelResult), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn sessions_bulk_cancel(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiJson(req): ApiJson<BulkCancel>,
) -> ApiResult<Json<BulkCancelResult>> {
    let input = CancelInput {
        from: req.from,
        to: req.to,
        reason: req.reason,
        refund: req.refund,
        dry_run: req.dry_run,
    };
    let outcome = bulk::cancel_range(state.ctx(), &coach, &input).await?;
    Ok(Json(cancel_view(&outcome, &coach.zone)))
}
