//! `/api/series/{id}`: a recurring series (made by `/api/sessions/bulk` with a pattern), its
//! rule and occurrences; edit or cancel this and following occurrences or all of them; book a
//! client into every occurrence. One occurrence alone changes through `/api/sessions/{id}`.
//! Coach only.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use coachbook_core::time::{rfc3339, Zone};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::bulk::{collision_view, CollisionView};
use crate::app::series::{self, EditOutcome, NotBooked, Scope, Series, SeriesEdit};
use crate::web::error::{ApiResult, ErrorBody, ErrorDetail};
use crate::web::extract::{ApiCoach, ApiJson, ApiPath};
use crate::web::words;
use crate::web::AppState;

/// An occurrence of a series.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OccurrenceView {
    pub session_id: i64,
    /// Its start in the series (its iCalendar RECURRENCE-ID), RFC 3339 in the series' zone.
    pub recurrence_id: String,
    pub start: String,
    pub end: String,
    /// `scheduled` or `cancelled`.
    pub status: String,
    /// Moved on its own, away from its start in the series.
    pub moved: bool,
}

/// A recurring series: its rule and its occurrences from 90 days ago.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SeriesView {
    pub id: i64,
    pub session_type_id: i64,
    /// The RFC 5545 RRULE, read on the wall clock of `timeZone` from `firstStart` (an UNTIL is
    /// the UTC instant, as in iCalendar).
    pub rule: String,
    /// The rule in words.
    pub description: String,
    pub time_zone: String,
    /// The first occurrence's local date and time, `YYYY-MM-DDTHH:MM`.
    pub first_start: String,
    pub duration_minutes: i64,
    pub capacity: i64,
    pub meeting_url: String,
    pub notes: String,
    /// Local starts the rule gives that the series leaves out (`YYYY-MM-DDTHH:MM`).
    pub exceptions: Vec<String>,
    /// Occurrences exist as sessions up to here (RFC 3339); an open series is kept half a year
    /// ahead.
    pub made_until: String,
    /// Whether the rule has no occurrence left to make.
    pub ended: bool,
    /// The series this one was split from by a "this and following" change.
    pub split_from: Option<i64>,
    pub occurrences: Vec<OccurrenceView>,
}

fn local(dt: jiff::civil::DateTime) -> String {
    dt.strftime("%Y-%m-%dT%H:%M").to_string()
}

impl SeriesView {
    fn new(s: &Series) -> Self {
        let zone = &s.zone;
        Self {
            id: s.id,
            session_type_id: s.session_type_id,
            rule: s.rule.rrule_in(zone),
            description: s.description.clone(),
            time_zone: zone.name().to_owned(),
            first_start: local(s.rule.first),
            duration_minutes: s.duration_minutes,
            capacity: s.capacity,
            meeting_url: s.meeting_url.clone(),
            notes: s.notes.clone(),
            exceptions: s.exceptions.iter().map(|d| local(*d)).collect(),
            made_until: rfc3339(s.made_until, zone),
            ended: s.ended,
            split_from: s.split_from,
            occurrences: s
                .occurrences
                .iter()
                .map(|o| OccurrenceView {
                    session_id: o.session_id,
                    recurrence_id: rfc3339(o.recurrence, zone),
                    start: rfc3339(o.start, zone),
                    end: rfc3339(o.end, zone),
                    status: if o.cancelled {
                        "cancelled"
                    } else {
                        "scheduled"
                    }
                    .to_owned(),
                    moved: o.moved,
                })
                .collect(),
        }
    }
}

/// One series of yours.
#[utoipa::path(get, path = "/series/{id}", tag = "sessions", params(("id" = i64, Path)),
    responses((status = 200, body = SeriesView), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn series_get(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<SeriesView>> {
    let s = series::get(state.ctx(), &coach, id).await?;
    Ok(Json(SeriesView::new(&s)))
}

/// A change to this and following occurrences, or to all still ahead; what is left out stays.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct SeriesEditBody {
    /// `all` (the default: every occurrence still ahead) or `following`.
    #[schema(max_length = 16)]
    pub scope: String,
    /// For `following`: the occurrence (a session of this series) the change starts from.
    pub from_session_id: Option<i64>,
    /// A new local start time, `HH:MM`; an occurrence moved on its own keeps its time.
    #[schema(max_length = 8)]
    pub time: Option<String>,
    #[schema(minimum = 5, maximum = 720)]
    pub duration_minutes: Option<i64>,
    #[schema(minimum = 1, maximum = 500)]
    pub capacity: Option<i64>,
    /// `https://…`, or empty to remove it.
    #[schema(max_length = 2000)]
    pub meeting_url: Option<String>,
    #[schema(max_length = 10000)]
    pub notes: Option<String>,
}

/// What a change did.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SeriesChanged {
    /// The series that now holds the changed occurrences (a new one when a "following" change
    /// split it).
    pub series: SeriesView,
    /// The sessions changed or cancelled.
    pub sessions: Vec<i64>,
}

/// An occurrence a new time would put over something.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OccurrenceCollision {
    pub session_id: i64,
    /// Where it would go, RFC 3339.
    pub start: String,
    pub end: String,
    pub collisions: Vec<CollisionView>,
}

/// 409 when a new time collides: nothing was changed.
#[derive(Debug, Serialize, ToSchema)]
pub struct SeriesConflictBody {
    pub error: ErrorDetail,
    pub collisions: Vec<OccurrenceCollision>,
}

fn changed(outcome: &EditOutcome, zone: &Zone) -> Response {
    if !outcome.collisions.is_empty() {
        let n = outcome.collisions.len();
        let body = SeriesConflictBody {
            error: ErrorDetail {
                code: "conflict",
                message: format!(
                    "{n} occurrence{} would collide at the new time; nothing was changed. Choose another time, or move those occurrences first.",
                    if n == 1 { "" } else { "s" }
                ),
                fields: Vec::new(),
                reason: None,
                reference: None,
            },
            collisions: outcome
                .collisions
                .iter()
                .map(|(id, at, found)| OccurrenceCollision {
                    session_id: *id,
                    start: rfc3339(at.start, zone),
                    end: rfc3339(at.end, zone),
                    collisions: found.iter().map(|c| collision_view(c, zone)).collect(),
                })
                .collect(),
        };
        return (StatusCode::CONFLICT, Json(body)).into_response();
    }
    Json(SeriesChanged {
        series: SeriesView::new(&outcome.series),
        sessions: outcome.changed.clone(),
    })
    .into_response()
}

/// Change this and following occurrences (`scope: following` with `fromSessionId`), or all
/// still ahead: their time of day, length, capacity, meeting link or notes. A "following" change
/// splits the series there. One transaction: a new time that collides anywhere answers 409 with
/// every collision and changes nothing. Everyone booked into a moved occurrence is told.
#[utoipa::path(patch, path = "/series/{id}", tag = "sessions", params(("id" = i64, Path)),
    request_body = SeriesEditBody,
    responses((status = 200, body = SeriesChanged), (status = 404, body = ErrorBody),
        (status = 409, description = "A new time collides; nothing changed", body = SeriesConflictBody),
        (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn series_update(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<SeriesEditBody>,
) -> ApiResult<Response> {
    let scope = Scope::read(&req.scope, req.from_session_id)?;
    let edit = SeriesEdit {
        time: req.time,
        duration_minutes: req.duration_minutes,
        capacity: req.capacity,
        meeting_url: req.meeting_url,
        notes: req.notes,
    };
    let outcome = series::edit(state.ctx(), &coach, id, scope, &edit).await?;
    Ok(changed(&outcome, &coach.zone))
}

/// Cancelling this and following occurrences, or all still ahead.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct SeriesCancelBody {
    /// `all` (the default) or `following`.
    #[schema(max_length = 16)]
    pub scope: String,
    /// For `following`: the first occurrence to cancel.
    pub from_session_id: Option<i64>,
    /// Told to every participant.
    #[schema(max_length = 1000)]
    pub reason: String,
    /// Give package credits back even after your cut-off.
    pub release_credits: bool,
}

/// Cancel this and following occurrences, or all still ahead, for everyone in them; the rule
/// ends before them, so none is made again.
#[utoipa::path(post, path = "/series/{id}/cancel", tag = "sessions", params(("id" = i64, Path)),
    request_body = SeriesCancelBody,
    responses((status = 200, body = SeriesChanged), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn series_cancel(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<SeriesCancelBody>,
) -> ApiResult<Response> {
    let scope = Scope::read(&req.scope, req.from_session_id)?;
    let outcome = series::cancel(
        state.ctx(),
        &coach,
        id,
        scope,
        &req.reason,
        req.release_credits,
    )
    .await?;
    Ok(changed(&outcome, &coach.zone))
}

/// Booking a client into every occurrence.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct SeriesBookBody {
    pub client_id: i64,
    /// A package the client is enrolled in: each occurrence holds one of its credits, until
    /// they run out.
    pub package_id: Option<i64>,
    /// Start from this occurrence (default: every occurrence still ahead).
    pub from_session_id: Option<i64>,
}

/// An occurrence booked.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BookedOccurrence {
    pub session_id: i64,
    pub start: String,
    pub booking_id: i64,
}

/// An occurrence not booked, with why.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UnbookedOccurrence {
    pub session_id: i64,
    pub start: String,
    /// `already_booked`, `full`, `no_credit` (the credits ran out before it) or `refused`.
    pub reason: String,
    pub message: String,
}

/// What booking into a series did.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SeriesBookResult {
    pub booked: Vec<BookedOccurrence>,
    pub not_booked: Vec<UnbookedOccurrence>,
    /// In words: "Booked 6 of 10; 4 not booked: no credits left."
    pub summary: String,
}

fn not_booked_message(n: &NotBooked) -> String {
    match n {
        NotBooked::AlreadyBooked => "Already booked into this occurrence.".to_owned(),
        NotBooked::Full => "Every seat is taken.".to_owned(),
        NotBooked::NoCredit(m) | NotBooked::Other(m) => m.clone(),
        NotBooked::Refused(r) => words::refusal(r),
    }
}

/// Book a client into every occurrence still ahead, each its own booking (and invitation),
/// holding one credit of the package when one is given and stopping when the credits run out.
/// The answer says which occurrences were booked and why the others were not.
#[utoipa::path(post, path = "/series/{id}/bookings", tag = "sessions", params(("id" = i64, Path)),
    request_body = SeriesBookBody,
    responses((status = 200, body = SeriesBookResult), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn series_book(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<SeriesBookBody>,
) -> ApiResult<Json<SeriesBookResult>> {
    let out = series::book(
        state.ctx(),
        &coach,
        id,
        req.client_id,
        req.package_id,
        req.from_session_id,
    )
    .await?;
    let zone = &coach.zone;
    let total = out.booked.len() + out.not_booked.len();
    let mut reasons: Vec<String> = out
        .not_booked
        .iter()
        .map(|(_, _, n)| not_booked_message(n))
        .collect();
    reasons.dedup();
    let summary = if out.not_booked.is_empty() {
        format!("Booked {} of {total}.", out.booked.len())
    } else {
        format!(
            "Booked {} of {total}; {} not booked: {}",
            out.booked.len(),
            out.not_booked.len(),
            reasons.join(" ")
        )
    };
    Ok(Json(SeriesBookResult {
        booked: out
            .booked
            .iter()
            .map(|(s, at, b)| BookedOccurrence {
                session_id: *s,
                start: rfc3339(*at, zone),
                booking_id: *b,
            })
            .collect(),
        not_booked: out
            .not_booked
            .iter()
            .map(|(s, at, n)| UnbookedOccurrence {
                session_id: *s,
                start: rfc3339(*at, zone),
                reason: n.code().to_owned(),
                message: not_booked_message(n),
            })
            .collect(),
        summary,
    }))
}
