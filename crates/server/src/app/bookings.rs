//! Booking sessions and changing them. Every write that takes time on the calendar (a new
//! booking, a reschedule, approving a pending one) runs inside `BEGIN IMMEDIATE` under the
//! per-coach lock and re-checks the calendar there, so two requests can never both take
//! overlapping time.

use coachbook_core::availability::{Calendar, Conflict, ConflictError, PolicyReason, StartClass};
use coachbook_core::booking::{transition, BookingAction, BookingStatus, TransitionError};
use coachbook_core::policy::{BookingPolicy, MAX_DAYS_AHEAD};
use coachbook_core::time::{Buffers, Interval, SessionId};
use coachbook_core::validate::{Email, InvalidInput, PersonName};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;
use utoipa::{IntoParams, ToSchema};

use super::accounts::Account;
use super::availability::{load_calendar, rfc3339, session_spec, zone};
use super::{AppError, AppResult, Checker};
use crate::store::bookings::{
    self as store, BookingFilter, BookingRow, NewBooking, NewSession, SessionRow,
};
use crate::store::session_types::{self, SessionTypeRow};
use crate::store::{Db, StoreError};

/// A coach's booking of a session: who, what and when.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct NewBookingRequest {
    pub session_type_id: i64,
    /// RFC 3339 with offset, e.g. `2026-12-01T10:00:00+00:00`. Or leave it out and give `date`
    /// and `startTime` in your time zone.
    pub start: String,
    /// Optional RFC 3339 end; defaults to start + the type's duration.
    pub end: Option<String>,
    /// `YYYY-MM-DD` in your time zone (with `startTime`, instead of `start`).
    pub date: String,
    /// `HH:MM` wall-clock in your time zone.
    pub start_time: String,
    /// `HH:MM`; optional (defaults to start + duration).
    pub end_time: String,
    pub name: String,
    pub email: String,
    pub notes: String,
    pub meeting_url: String,
    /// Book even though the time is outside your weekly hours (never over another session or
    /// time off: those always refuse).
    pub override_availability: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BookingView {
    pub id: i64,
    pub session_id: i64,
    pub session_type_id: i64,
    pub session_type_name: String,
    /// RFC 3339 in the coach's time zone.
    pub start: String,
    pub end: String,
    pub time_zone: String,
    pub name: String,
    pub email: String,
    /// `pending`, `confirmed`, `cancelled`, `completed` or `no_show`.
    pub status: String,
    pub cancel_reason: String,
    pub notes: String,
    pub meeting_url: String,
}

/// What a create call produced: a new booking, or the stored answer to a retried request.
pub enum Created {
    New(BookingView),
    Replayed { status: u16, body: String },
}

/// Moving a booking to another time.
#[derive(Debug, Clone, Deserialize, ToSchema, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Reschedule {
    /// RFC 3339 with offset.
    pub start: String,
    /// Optional RFC 3339 end; defaults to the booking's current length.
    pub end: Option<String>,
    /// Move even though the new time is outside your weekly hours.
    pub override_availability: bool,
}

/// Why a booking is cancelled; shown to the coach and the client.
#[derive(Debug, Clone, Deserialize, ToSchema, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Cancellation {
    pub reason: String,
}

/// `GET /api/bookings` filters.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", default)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// `pending`, `confirmed`, `cancelled`, `completed` or `no_show`.
    pub status: Option<String>,
    pub session_type_id: Option<i64>,
    /// RFC 3339: only bookings ending after this.
    pub from: Option<String>,
    /// RFC 3339: only bookings starting before this.
    pub to: Option<String>,
    /// Text in the name or email.
    pub q: Option<String>,
}

fn view(row: BookingRow, tz_name: &str) -> BookingView {
    let tz = zone(tz_name);
    let at = |t: i64| {
        rfc3339(
            Timestamp::from_second(t).unwrap_or(Timestamp::UNIX_EPOCH),
            &tz,
        )
    };
    BookingView {
        id: row.id,
        session_id: row.session_id,
        session_type_id: row.session_type_id,
        session_type_name: row.session_type_name,
        start: at(row.start_at),
        end: at(row.end_at),
        time_zone: tz_name.to_owned(),
        name: row.name,
        email: row.email,
        status: row.status,
        cancel_reason: row.cancel_reason,
        notes: row.notes,
        meeting_url: row.meeting_url,
    }
}

fn parse_instant(field: &'static str, raw: &str) -> Result<Timestamp, InvalidInput> {
    raw.trim().parse::<Timestamp>().map_err(|_| {
        InvalidInput::new(
            field,
            "Give the time as RFC 3339 with an offset, e.g. 2026-12-01T10:00:00+01:00.",
        )
    })
}

fn describe(conflict: &Conflict, tz: &TimeZone, tz_name: &str) -> String {
    let i = conflict.interval();
    let fmt = |t: Timestamp| {
        t.to_zoned(tz.clone())
            .strftime("%a %d %b %H:%M")
            .to_string()
    };
    let what = match conflict {
        Conflict::Session { .. } => "another session",
        Conflict::Block { .. } => "time off",
        Conflict::Busy { .. } => "busy time from another calendar",
    };
    let (start, end) = (i.start.to_zoned(tz.clone()), i.end.to_zoned(tz.clone()));
    let until = if start.date() == end.date() {
        end.strftime("%H:%M").to_string()
    } else {
        fmt(i.end)
    };
    format!(
        "That time collides with {what} ({}–{until}, {tz_name}). Choose another time.",
        fmt(i.start)
    )
}

/// The policy a coach's own booking is held to: only the weekly hours and overrides. Notice,
/// horizon, slot grid and daily limits are there to shape what *clients* may book.
fn coach_policy() -> BookingPolicy {
    BookingPolicy {
        min_notice: SignedDuration::ZERO,
        max_days_ahead: MAX_DAYS_AHEAD,
        slot_interval_minutes: 1,
        max_sessions_per_day: None,
        max_sessions_per_week: None,
        ..BookingPolicy::default()
    }
}

/// The proposed time as a checked interval: end after start, at most 12 hours.
fn span(start: Timestamp, end: Timestamp) -> AppResult<Interval> {
    if end <= start {
        return Err(AppError::invalid("end", "The end must be after the start."));
    }
    if end.duration_since(start) > SignedDuration::from_hours(12) {
        return Err(AppError::invalid(
            "end",
            "A session can last at most 12 hours.",
        ));
    }
    Ok(Interval { start, end })
}

async fn active_type(db: &Db, coach_id: i64, id: i64) -> AppResult<SessionTypeRow> {
    match session_types::get(db.pool(), coach_id, id).await {
        Ok(t) if t.archived_at.is_none() => Ok(t),
        Ok(_) => Err(AppError::invalid(
            "sessionTypeId",
            "This session type is archived; restore it or choose another.",
        )),
        Err(StoreError::NotFound) => Err(AppError::invalid(
            "sessionTypeId",
            "No such session type among yours.",
        )),
        Err(e) => Err(e.into()),
    }
}

/// Where a booking goes: an existing group session with a free seat, or a new session.
enum Placement {
    Join(i64),
    New,
}

/// Decides, under the coach's lock, whether `proposed` can take a booking of `st`: joining a
/// group session of the same type and time with a free seat, or a new session that collides with
/// nothing (buffers included) and lies in the coach's hours unless `override_hours`. `exclude` is
/// the session being moved.
async fn place(
    conn: &mut AnyConnection,
    coach: &Account,
    coach_id: i64,
    st: &SessionTypeRow,
    proposed: Interval,
    override_hours: bool,
    exclude: Option<i64>,
) -> AppResult<Placement> {
    let tz = zone(&coach.time_zone);
    let near = store::sessions_between(
        &mut *conn,
        coach_id,
        proposed.start.as_second(),
        proposed.end.as_second(),
    )
    .await?;
    let joinable = |s: &&SessionRow| {
        Some(s.id) != exclude
            && st.capacity > 1
            && s.session_type_id == st.id
            && s.start_at == proposed.start.as_second()
            && s.end_at == proposed.end.as_second()
            && s.booked < s.capacity
    };
    if let Some(group) = near.iter().find(joinable) {
        return Ok(Placement::Join(group.id));
    }
    let calendar: Calendar = load_calendar(conn, coach_id, &tz, proposed, None).await?;
    let exclude = exclude.map(SessionId);
    let buffers = Buffers::new(
        SignedDuration::from_mins(st.buffer_before_minutes),
        SignedDuration::from_mins(st.buffer_after_minutes),
    );
    match calendar.check_conflict(proposed, buffers, exclude) {
        Ok(()) => {}
        Err(ConflictError::Conflict(c)) => {
            return Err(AppError::Conflict(describe(&c, &tz, &coach.time_zone)))
        }
        Err(e) => return Err(AppError::invalid("start", e.to_string())),
    }
    if override_hours {
        return Ok(Placement::New);
    }
    let mut spec = session_spec(st);
    spec.duration = proposed.end.duration_since(proposed.start);
    let now = Timestamp::now();
    // The coach books to the minute: the hours check looks at the start's whole minute, so a
    // start with stray seconds is judged like the minute it falls in.
    let minute = Timestamp::from_second(
        proposed.start.as_second() - proposed.start.as_second().rem_euclid(60),
    )
    .unwrap_or(proposed.start);
    let class = calendar
        .classify_start(&spec, &coach_policy(), now, minute, exclude)
        .map_err(|e| AppError::invalid("start", e.to_string()))?;
    match class {
        StartClass::Offered(_) => Ok(Placement::New),
        StartClass::Conflict(c) => Err(AppError::Conflict(describe(&c, &tz, &coach.time_zone))),
        StartClass::OutsidePolicy(reason) => {
            let why = match reason {
                PolicyReason::TooLittleNotice => "That time has already passed.",
                PolicyReason::TooFarAhead => "That time is too far ahead.",
                _ => "That time is outside your weekly hours and date overrides.",
            };
            Err(AppError::OutsideAvailability(format!(
                "{why} Book it anyway with \"Override availability\" (overrideAvailability: true), \
                 or choose a time in your hours."
            )))
        }
    }
}

/// A booking request that passed every check that needs no lock.
struct Checked {
    coach_id: i64,
    name: PersonName,
    email: Email,
    session_type: SessionTypeRow,
    proposed: Interval,
}

/// The start and end from either RFC 3339 instants or a date and wall-clock times in `tz`.
fn requested_times(
    c: &mut Checker,
    req: &NewBookingRequest,
    tz: &TimeZone,
) -> Option<(Timestamp, Option<Timestamp>)> {
    // Without an RFC 3339 `start`, the date and wall-clock fields say when.
    if req.start.trim().is_empty() {
        let date = c.check(req.date.trim().parse::<jiff::civil::Date>().map_err(|_| {
            let message = if req.date.trim().is_empty() {
                "Choose a date."
            } else {
                "Give the date as YYYY-MM-DD, e.g. 2026-12-01."
            };
            InvalidInput::new("date", message)
        }));
        let time = |field: &'static str, raw: &str| {
            raw.trim().parse::<jiff::civil::Time>().map_err(|_| {
                let message = if raw.trim().is_empty() {
                    "Choose a time."
                } else {
                    "Give the time as HH:MM, e.g. 09:30."
                };
                InvalidInput::new(field, message)
            })
        };
        let start = c.check(time("startTime", &req.start_time));
        let end = if req.end_time.trim().is_empty() {
            Some(None)
        } else {
            c.check(time("endTime", &req.end_time)).map(Some)
        };
        let (date, start, end) = (date?, start?, end?);
        let at =
            |t: jiff::civil::Time| coachbook_core::time::wall_to_instant(tz, date.to_datetime(t));
        let Some(start) = at(start) else {
            c.push(InvalidInput::new(
                "startTime",
                "That time does not exist on that day (the clocks change); choose another.",
            ));
            return None;
        };
        return Some((start, end.and_then(at)));
    }
    let start = c.check(parse_instant("start", &req.start));
    let end = match req.end.as_deref().filter(|e| !e.trim().is_empty()) {
        Some(raw) => c.check(parse_instant("end", raw)).map(Some),
        None => Some(None),
    };
    Some((start?, end?))
}

async fn check_request(db: &Db, coach: &Account, req: &NewBookingRequest) -> AppResult<Checked> {
    let coach_id = coach.coach_id.ok_or(AppError::Forbidden)?;
    let tz = zone(&coach.time_zone);
    let mut c = Checker::default();
    let name = c.check(PersonName::parse("name", &req.name));
    let email = c.check(Email::parse("email", &req.email));
    let times = requested_times(&mut c, req, &tz);
    if req.meeting_url.len() > 2000
        || !(req.meeting_url.is_empty()
            || req.meeting_url.starts_with("https://")
            || req.meeting_url.starts_with("http://"))
    {
        c.push(InvalidInput::new(
            "meetingUrl",
            "Use a meeting link starting with https://.",
        ));
    }
    if req.notes.len() > 10_000 {
        c.push(InvalidInput::new(
            "notes",
            "Keep notes under 10,000 characters.",
        ));
    }
    let session_type = match active_type(db, coach_id, req.session_type_id).await {
        Ok(t) => Some(t),
        Err(AppError::Invalid(errors)) => {
            errors.into_iter().for_each(|e| c.push(e));
            None
        }
        Err(e) => return Err(e),
    };
    c.finish()?;
    let (Some(name), Some(email), Some((start, end)), Some(st)) =
        (name, email, times, session_type)
    else {
        return Err(anyhow::anyhow!("validation passed without values").into());
    };
    let end = end.unwrap_or_else(|| start + SignedDuration::from_mins(st.duration_minutes));
    let field = if req.end_time.trim().is_empty() {
        "end"
    } else {
        "endTime"
    };
    let proposed = span(start, end).map_err(|e| match e {
        AppError::Invalid(mut errors) => {
            errors.iter_mut().for_each(|e| e.field = field);
            AppError::Invalid(errors)
        }
        other => other,
    })?;
    Ok(Checked {
        coach_id,
        name,
        email,
        session_type: st,
        proposed,
    })
}

/// What booking a time would meet, without booking it: the modal asks this as the coach types.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BookingCheck {
    /// `free`, `conflict` or `outside_availability`.
    pub status: &'static str,
    /// What is in the way, for people; empty when free.
    pub message: String,
    /// RFC 3339 start and end as understood, in your time zone.
    pub start: String,
    pub end: String,
}

pub async fn check(db: &Db, coach: &Account, req: &NewBookingRequest) -> AppResult<BookingCheck> {
    let checked = check_request(db, coach, req).await?;
    let tz = zone(&coach.time_zone);
    let mut conn = db.pool().acquire().await?;
    let outcome = place(
        &mut conn,
        coach,
        checked.coach_id,
        &checked.session_type,
        checked.proposed,
        req.override_availability,
        None,
    )
    .await;
    let (status, message) = match outcome {
        Ok(_) => ("free", String::new()),
        Err(AppError::Conflict(m)) => ("conflict", m),
        Err(AppError::OutsideAvailability(m)) => ("outside_availability", m),
        Err(e) => return Err(e),
    };
    Ok(BookingCheck {
        status,
        message,
        start: rfc3339(checked.proposed.start, &tz),
        end: rfc3339(checked.proposed.end, &tz),
    })
}

/// Books a session for the coach. `idempotency` is (key, request hash): a retried request with the
/// same key gets the first answer back and books nothing.
pub async fn create(
    db: &Db,
    coach: &Account,
    req: &NewBookingRequest,
    idempotency: Option<(&str, &str)>,
) -> AppResult<Created> {
    let Checked {
        coach_id,
        name,
        email,
        session_type: st,
        proposed,
    } = check_request(db, coach, req).await?;

    let mut tx = db.begin_write().await?;
    store::lock_coach(&mut *tx, coach_id).await?;
    if let Some((key, hash)) = idempotency {
        if let Some((stored_hash, status, body)) =
            store::find_idempotent(&mut *tx, coach.id, key).await?
        {
            if stored_hash != hash {
                return Err(AppError::invalid(
                    "Idempotency-Key",
                    "This Idempotency-Key was used for a different request; use a new key.",
                ));
            }
            return Ok(Created::Replayed {
                status: u16::try_from(status).unwrap_or(200),
                body,
            });
        }
    }
    let placement = place(
        &mut tx,
        coach,
        coach_id,
        &st,
        proposed,
        req.override_availability,
        None,
    )
    .await?;
    let session_id = match placement {
        Placement::Join(id) => id,
        Placement::New => new_session(&mut tx, coach_id, &st, proposed, &req.meeting_url).await?,
    };
    let booking_id = store::insert_booking(
        &mut *tx,
        &NewBooking {
            coach_id,
            session_id,
            user_id: None,
            name: name.as_str(),
            email: email.as_str(),
            status: BookingStatus::Confirmed.as_str(),
            notes: &req.notes,
        },
    )
    .await?;
    let booking = view(
        store::get_booking(&mut *tx, coach_id, booking_id).await?,
        &coach.time_zone,
    );
    if let Some((key, hash)) = idempotency {
        let body =
            serde_json::to_string(&booking).map_err(|e| anyhow::anyhow!("encode booking: {e}"))?;
        store::store_idempotent(&mut *tx, coach.id, key, hash, 201, &body).await?;
    }
    tx.commit().await?;
    Ok(Created::New(booking))
}

async fn new_session(
    conn: &mut AnyConnection,
    coach_id: i64,
    st: &SessionTypeRow,
    at: Interval,
    meeting_url: &str,
) -> AppResult<i64> {
    store::insert_session(
        conn,
        &NewSession {
            coach_id,
            session_type_id: st.id,
            start_at: at.start.as_second(),
            end_at: at.end.as_second(),
            buffer_before_minutes: st.buffer_before_minutes,
            buffer_after_minutes: st.buffer_after_minutes,
            capacity: st.capacity,
            meeting_url,
        },
    )
    .await
    .map_err(overlap_is_conflict)
}

fn overlap_is_conflict(e: StoreError) -> AppError {
    match e {
        StoreError::Overlap => AppError::Conflict(
            "That time collides with another session. Choose another time.".into(),
        ),
        e => e.into(),
    }
}

pub async fn get(db: &Db, coach: &Account, id: i64) -> AppResult<BookingView> {
    let coach_id = coach.coach_id.ok_or(AppError::Forbidden)?;
    match store::get_booking(db.pool(), coach_id, id).await {
        Ok(row) => Ok(view(row, &coach.time_zone)),
        Err(StoreError::NotFound) => Err(AppError::NotFound("booking")),
        Err(e) => Err(e.into()),
    }
}

pub async fn list(db: &Db, coach: &Account, q: &ListQuery) -> AppResult<Vec<BookingView>> {
    let coach_id = coach.coach_id.ok_or(AppError::Forbidden)?;
    let mut c = Checker::default();
    let status = match q.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => c
            .check(BookingStatus::parse(s).map_err(|e| InvalidInput::new("status", e.to_string())))
            .map(|s| s.as_str().to_owned()),
        None => None,
    };
    let bound = |c: &mut Checker, field, raw: &Option<String>| match raw
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(raw) => c.check(parse_instant(field, raw)).map(|t| t.as_second()),
        None => None,
    };
    let from = bound(&mut c, "from", &q.from);
    let to = bound(&mut c, "to", &q.to);
    let search =
        q.q.as_deref()
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty());
    if search.as_ref().is_some_and(|s| s.chars().count() > 200) {
        c.push(InvalidInput::new("q", "Search for at most 200 characters."));
    }
    c.finish()?;
    let rows = store::list_bookings(
        db.pool(),
        coach_id,
        &BookingFilter {
            status,
            session_type_id: q.session_type_id,
            from,
            to,
            search,
            limit: 1000,
        },
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| view(r, &coach.time_zone))
        .collect())
}

fn transition_error(e: TransitionError) -> AppError {
    let message = match e {
        TransitionError::Already(s) => {
            format!("The booking is already {}.", s.as_str().replace('_', "-"))
        }
        TransitionError::NotStarted => {
            "The session has not started yet, so it cannot be marked completed or no-show.".into()
        }
        TransitionError::AlreadyStarted => {
            "The session has already started; mark it completed or no-show instead.".into()
        }
        TransitionError::NotAllowed { from, .. } => format!(
            "A {} booking cannot be changed that way.",
            from.as_str().replace('_', "-")
        ),
    };
    AppError::Conflict(message)
}

async fn locked_booking(
    conn: &mut AnyConnection,
    coach_id: i64,
    id: i64,
) -> AppResult<(BookingRow, BookingStatus)> {
    store::lock_coach(&mut *conn, coach_id).await?;
    let row = match store::get_booking(&mut *conn, coach_id, id).await {
        Ok(row) => row,
        Err(StoreError::NotFound) => return Err(AppError::NotFound("booking")),
        Err(e) => return Err(e.into()),
    };
    let status = BookingStatus::parse(&row.status)
        .map_err(|e| anyhow::anyhow!("stored booking {id}: {e}"))?;
    Ok((row, status))
}

/// Confirms, cancels, completes or marks a no-show. Approving a pending booking re-checks its
/// time under the lock (time off may have been added since it was requested); cancelling the
/// last seat frees the session's time.
pub async fn change_status(
    db: &Db,
    coach: &Account,
    id: i64,
    action: BookingAction,
    reason: &str,
) -> AppResult<BookingView> {
    let coach_id = coach.coach_id.ok_or(AppError::Forbidden)?;
    let reason = reason.trim();
    if reason.chars().count() > 1000 {
        return Err(AppError::invalid(
            "reason",
            "Keep the reason under 1,000 characters.",
        ));
    }
    let mut tx = db.begin_write().await?;
    let (row, from) = locked_booking(&mut tx, coach_id, id).await?;
    let start = Timestamp::from_second(row.start_at).unwrap_or(Timestamp::UNIX_EPOCH);
    let to = transition(from, action, start, Timestamp::now()).map_err(transition_error)?;
    if from == BookingStatus::Pending && to == BookingStatus::Confirmed {
        let tz = zone(&coach.time_zone);
        let end = Timestamp::from_second(row.end_at).unwrap_or(start);
        let at = Interval { start, end };
        let calendar = load_calendar(&mut tx, coach_id, &tz, at, None).await?;
        let buffers = Buffers::new(
            SignedDuration::from_mins(row.buffer_before_minutes),
            SignedDuration::from_mins(row.buffer_after_minutes),
        );
        match calendar.check_conflict(at, buffers, Some(SessionId(row.session_id))) {
            Ok(()) => {}
            Err(ConflictError::Conflict(c)) => {
                return Err(AppError::Conflict(describe(&c, &tz, &coach.time_zone)))
            }
            Err(e) => return Err(AppError::invalid("start", e.to_string())),
        }
    }
    let reason = if to == BookingStatus::Cancelled {
        reason
    } else {
        ""
    };
    store::set_booking_status(&mut *tx, coach_id, id, to.as_str(), reason).await?;
    if to == BookingStatus::Cancelled && store::seats_taken(&mut *tx, row.session_id).await? == 0 {
        store::cancel_session(&mut *tx, row.session_id).await?;
    }
    let updated = store::get_booking(&mut *tx, coach_id, id).await?;
    tx.commit().await?;
    Ok(view(updated, &coach.time_zone))
}

/// Moves a booking to another time through the same check as booking it: a one-on-one session
/// moves whole; a participant of a group session moves to another (new or joined) session.
pub async fn reschedule(
    db: &Db,
    coach: &Account,
    id: i64,
    req: &Reschedule,
) -> AppResult<BookingView> {
    let coach_id = coach.coach_id.ok_or(AppError::Forbidden)?;
    let mut c = Checker::default();
    let start = c.check(parse_instant("start", &req.start));
    let end = match req.end.as_deref().filter(|e| !e.trim().is_empty()) {
        Some(raw) => c.check(parse_instant("end", raw)).map(Some),
        None => Some(None),
    };
    c.finish()?;
    let (Some(start), Some(end)) = (start, end) else {
        return Err(anyhow::anyhow!("validation passed without values").into());
    };
    let mut tx = db.begin_write().await?;
    let (row, status) = locked_booking(&mut tx, coach_id, id).await?;
    if !matches!(status, BookingStatus::Pending | BookingStatus::Confirmed) {
        return Err(AppError::Conflict(format!(
            "A {} booking cannot be moved; only pending and confirmed ones can.",
            status.as_str().replace('_', "-")
        )));
    }
    let length = SignedDuration::from_secs(row.end_at - row.start_at);
    let proposed = span(start, end.unwrap_or(start + length))?;
    let st = match session_types::get(&mut *tx, coach_id, row.session_type_id).await {
        Ok(t) => t,
        Err(e) => return Err(e.into()),
    };
    let alone = store::seats_taken(&mut *tx, row.session_id).await? <= 1;
    let exclude = alone.then_some(row.session_id);
    match place(
        &mut tx,
        coach,
        coach_id,
        &st,
        proposed,
        req.override_availability,
        exclude,
    )
    .await?
    {
        Placement::New if alone => {
            store::move_session(
                &mut *tx,
                row.session_id,
                proposed.start.as_second(),
                proposed.end.as_second(),
            )
            .await
            .map_err(overlap_is_conflict)?;
        }
        Placement::New => {
            let session = new_session(&mut tx, coach_id, &st, proposed, &row.meeting_url).await?;
            store::move_booking(&mut *tx, id, session).await?;
        }
        Placement::Join(session) => {
            store::move_booking(&mut *tx, id, session).await?;
            if alone {
                store::cancel_session(&mut *tx, row.session_id).await?;
            }
        }
    }
    let updated = store::get_booking(&mut *tx, coach_id, id).await?;
    tx.commit().await?;
    Ok(view(updated, &coach.time_zone))
}
