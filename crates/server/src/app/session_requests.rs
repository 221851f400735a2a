//! Session requests: a person asks the coach for a time that is not offered (up to three
//! proposed times, a session type and a message); the coach approves one of the times, which
//! books it through the same conflict check as every booking, or declines with a reason; a
//! request left unanswered expires at `expires_at` (a job queued with the request). The requester
//! hears of each step by email (and in-app when they have an account); the coach in-app and by
//! email.
//!
//! Who may send one is decided by the coach's page [`Visit`]: the same audience as booking
//! ([`coachbook_core::privacy::View::may_book`]), and only for session types the viewer may see;
//! a hidden type answers exactly like a missing one. What a requester reads back ([`MyRequest`])
//! holds their own request and nothing of anyone else's.

use coachbook_core::availability::{data_window, StartClass};
use coachbook_core::privacy::BookAs;
use coachbook_core::time::{resolve_wall, rfc3339, supported, Fold, Interval, WallNote, Zone};
use coachbook_core::validate::{self, Email, InvalidInput, PersonName};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::accounts::Coach;
use super::bookings::{self, BookingInput, TimeInput};
use super::jobs::{self, kinds, Outcome};
use super::notify::{self, Event, RequestChange};
use super::privacy::{denied, Visit};
use super::{AllChecked, AppError, AppResult, Checker, Ctx};
use crate::store::jobs::JobRow;
use crate::store::session_requests::{self as store, NewRequest, NewTime, RequestRow, TimeRow};
use crate::store::types::{StoredZone, UnixTime};
use crate::store::StoreError;

pub use crate::store::session_requests::{DemandCell, RequestStatus};

/// At most this many times may be proposed in one request.
pub const MAX_TIMES: usize = 3;
/// How far ahead a proposed time may lie.
pub const MAX_DAYS_AHEAD: i64 = 180;
/// The most characters a message or a reason for declining may have.
pub const MESSAGE_MAX: usize = 2000;
/// The most requests one list answers with.
pub const LIST_LIMIT: i64 = 200;
/// Pending requests are counted up to this many (the dashboard and the nav).
pub const PENDING_COUNT_CAP: i64 = 100;
/// How many days the demand report looks back.
pub const DEMAND_DAYS: i64 = 90;
/// The bounds of "Requests expire after N hours".
pub const EXPIRY_HOURS: std::ops::RangeInclusive<i64> = 1..=720;

/// The field each proposed time's errors belong beside.
const START_FIELDS: [&str; MAX_TIMES] = ["times[0].start", "times[1].start", "times[2].start"];
const END_FIELDS: [&str; MAX_TIMES] = ["times[0].end", "times[1].end", "times[2].end"];

/// One proposed time as sent: `start` as RFC 3339 with an offset, or as a wall-clock
/// `YYYY-MM-DDTHH:MM` read in the request's `timeZone`; `end` likewise, by default start plus the
/// session type's length.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct ProposedInput {
    #[schema(max_length = 64)]
    pub start: String,
    #[schema(max_length = 64)]
    pub end: Option<String>,
}

/// A session request as the requester sends it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct NewSessionRequest {
    /// One of the session types the coach's page shows you.
    pub session_type_id: i64,
    /// One to three times you could make, each different.
    #[schema(min_items = 1, max_items = 3)]
    pub times: Vec<ProposedInput>,
    /// The IANA zone wall-clock times are read in, and your emails are written in. Default: your
    /// account's zone, else the coach's.
    #[schema(max_length = 64)]
    pub time_zone: Option<String>,
    /// A few words for the coach.
    #[schema(max_length = 2000)]
    pub message: String,
    /// Your name (only without an account; signed in, your account's is used).
    #[schema(max_length = 100)]
    pub name: String,
    /// Your email (only without an account).
    #[schema(max_length = 254)]
    pub email: String,
}

/// One proposed time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proposed {
    pub start: Timestamp,
    pub end: Timestamp,
    /// Whether it was an open slot when asked (then it could have been booked directly).
    pub offered: bool,
}

impl Proposed {
    pub fn interval(&self) -> Interval {
        Interval {
            start: self.start,
            end: self.end,
        }
    }
}

impl From<&TimeRow> for Proposed {
    fn from(t: &TimeRow) -> Self {
        Self {
            start: t.start_at.timestamp(),
            end: t.end_at.timestamp(),
            offered: t.offered.0,
        }
    }
}

/// A request as the coach sees it.
#[derive(Debug, Clone)]
pub struct SessionRequest {
    pub id: i64,
    pub status: RequestStatus,
    pub client_id: Option<i64>,
    pub user_id: Option<i64>,
    pub name: String,
    pub email: String,
    pub session_type_id: i64,
    pub session_type_name: String,
    pub message: String,
    /// The requester's zone.
    pub zone: Zone,
    pub times: Vec<Proposed>,
    pub decline_reason: String,
    pub booking_id: Option<i64>,
    pub expires_at: Timestamp,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// A request as its requester sees it: their own words and times, the coach's answer; nothing
/// about anyone else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MyRequest {
    pub id: i64,
    pub coach_id: i64,
    pub status: RequestStatus,
    pub session_type_id: i64,
    pub session_type_name: String,
    pub message: String,
    /// The zone the requester reads times in.
    pub zone: Zone,
    pub times: Vec<(Timestamp, Timestamp)>,
    pub decline_reason: String,
    /// The booking an approved request became.
    pub booking_id: Option<i64>,
    pub expires_at: Timestamp,
    pub created_at: Timestamp,
}

impl From<SessionRequest> for MyRequest {
    fn from(r: SessionRequest) -> Self {
        Self {
            id: r.id,
            coach_id: 0,
            status: r.status,
            session_type_id: r.session_type_id,
            session_type_name: r.session_type_name,
            message: r.message,
            zone: r.zone,
            times: r.times.iter().map(|t| (t.start, t.end)).collect(),
            decline_reason: r.decline_reason,
            booking_id: r.booking_id,
            expires_at: r.expires_at,
            created_at: r.created_at,
        }
    }
}

/// Why a request cannot be answered (or withdrawn) as asked.
#[derive(Debug)]
pub enum RequestError {
    App(AppError),
    /// It is no longer waiting for an answer.
    Closed(RequestStatus),
    /// The chosen time has passed.
    Passed,
}

impl<E: Into<AppError>> From<E> for RequestError {
    fn from(e: E) -> Self {
        Self::App(e.into())
    }
}

impl RequestError {
    /// What to tell the person, for [`RequestError::Closed`] and [`RequestError::Passed`].
    pub fn message(&self) -> String {
        match self {
            Self::App(e) => e.to_string(),
            Self::Closed(s) => format!(
                "This request is {} already; only a request waiting for an answer can be approved, \
                 declined or withdrawn.",
                s.label().to_lowercase()
            ),
            Self::Passed => "That time has passed. Approve another of the times, or decline \
                             the request and ask for new times."
                .to_owned(),
        }
    }
}

pub type RequestResult<T> = Result<T, RequestError>;

fn assemble(row: RequestRow, times: &[TimeRow]) -> SessionRequest {
    SessionRequest {
        id: row.id,
        status: row.status,
        client_id: row.client_id,
        user_id: row.user_id,
        name: row.name,
        email: row.email,
        session_type_id: row.session_type_id,
        session_type_name: row.session_type_name,
        message: row.message,
        zone: row.time_zone.0,
        times: times
            .iter()
            .filter(|t| t.request_id == row.id)
            .map(Proposed::from)
            .collect(),
        decline_reason: row.decline_reason,
        booking_id: row.booking_id,
        expires_at: row.expires_at.timestamp(),
        created_at: row.created_at.timestamp(),
        updated_at: row.updated_at.timestamp(),
    }
}

async fn with_times(
    conn: &mut sqlx::AnyConnection,
    rows: Vec<RequestRow>,
) -> AppResult<Vec<SessionRequest>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let times = store::times(&mut *conn, &ids).await?;
    Ok(rows.into_iter().map(|r| assemble(r, &times)).collect())
}

fn mine_of(r: SessionRequest, coach_id: i64) -> MyRequest {
    MyRequest {
        coach_id,
        ..MyRequest::from(r)
    }
}

// ---- Sending one ------------------------------------------------------------------------------

/// Whether the viewer may send requests on this page at all (asked before anything is counted
/// against their allowance): the booking audience, with a hidden calendar "not found".
pub fn permitted(visit: &Visit) -> AppResult<BookAs> {
    visit.view.may_book().map_err(|d| denied(d, "coach"))
}

/// The email a submission is counted under: the account's, else the one typed.
pub fn throttle_email<'a>(visit: &'a Visit, input: &'a NewSessionRequest) -> &'a str {
    match &visit.account {
        Some(a) => &a.email,
        None => &input.email,
    }
}

/// Reads one typed time: RFC 3339 with an offset, or a wall-clock reading in `zone` (which must
/// exist: a time the clocks skip is refused, a repeated one is its first occurrence).
fn read_instant(field: &'static str, raw: &str, zone: &Zone) -> Result<Timestamp, InvalidInput> {
    validate::code(field, raw)?;
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(
            InvalidInput::new(field, "Choose a date and time.").key("validate-choose-date-time")
        );
    }
    if let Ok(ts) = raw.parse::<Timestamp>() {
        return supported(ts).map_err(|_| out_of_range(field));
    }
    let hint = || {
        InvalidInput::new(
            field,
            "Give the time as RFC 3339 (2026-12-01T10:00:00+01:00) or as 2026-12-01T10:00 in your time zone.",
        ).key("validate-give-time-rfc-3339")
    };
    let dt = raw.parse::<jiff::civil::DateTime>().map_err(|_| hint())?;
    let resolved = resolve_wall(zone.tz(), dt, Fold::Earlier).ok_or_else(hint)?;
    if let Some(WallNote::Skipped { asked, .. }) = resolved.note {
        let time = asked.strftime("%H:%M").to_string();
        let day = asked.date().strftime("%a %-d %b %Y").to_string();
        return Err(InvalidInput::new(
            field,
            format!("{time} does not exist on {day} in {zone}: the clocks go forward then. Choose another time."),
        )
        .key("validate-clock-gap-on")
        .arg("time", &time)
        .arg("day", super::i18n::day_arg(asked.date(), || day.clone()))
        .arg("zone", zone));
    }
    supported(resolved.instant).map_err(|_| out_of_range(field))
}

fn out_of_range(field: &'static str) -> InvalidInput {
    InvalidInput::new(
        field,
        "Choose another time: times and dates must lie between the years 2000 and 2199.",
    )
    .key("validate-choose-another-time-range")
}

/// Checks the proposed times: each readable, in the future, at most [`MAX_DAYS_AHEAD`] days
/// ahead, at most 12 hours long, and no two starting together.
fn read_times(
    c: &mut Checker,
    times: &[ProposedInput],
    zone: &Zone,
    length: Option<SignedDuration>,
    now: Timestamp,
) -> Option<Vec<Interval>> {
    if times.is_empty() || times.len() > MAX_TIMES {
        c.push(
            InvalidInput::new(
                "times",
                "Propose one, two or three times that would suit you.",
            )
            .key("validate-propose-one-two-three"),
        );
        return None;
    }
    let horizon = now
        .checked_add(SignedDuration::from_hours(MAX_DAYS_AHEAD * 24))
        .ok()?;
    let mut out: Vec<Interval> = Vec::new();
    let mut ok = true;
    for (i, t) in times.iter().enumerate() {
        let (start_field, end_field) = (START_FIELDS[i], END_FIELDS[i]);
        let Some(start) = c.check(read_instant(start_field, &t.start, zone)) else {
            ok = false;
            continue;
        };
        let end = match t.end.as_deref().filter(|e| !e.trim().is_empty()) {
            Some(raw) => match c.check(read_instant(end_field, raw, zone)) {
                Some(e) => e,
                None => {
                    ok = false;
                    continue;
                }
            },
            None => match length.and_then(|l| start.checked_add(l).ok()) {
                Some(e) => e,
                // Without a known session type the length is unknown; its error is elsewhere.
                None => {
                    ok = false;
                    continue;
                }
            },
        };
        if start <= now {
            c.push(
                InvalidInput::new(
                    start_field,
                    "This time has passed; choose one in the future.",
                )
                .key("validate-time-has-passed-choose-2"),
            );
            ok = false;
            continue;
        }
        if start > horizon {
            c.push(
                InvalidInput::new(
                    start_field,
                    format!("Choose a time within the next {MAX_DAYS_AHEAD} days."),
                )
                .key("validate-choose-time-within-next")
                .arg("max-days-ahead", MAX_DAYS_AHEAD),
            );
            ok = false;
            continue;
        }
        if end <= start {
            c.push(
                InvalidInput::new(end_field, "The end must be after the start.")
                    .key("validate-end-must-after-start"),
            );
            ok = false;
            continue;
        }
        if end.duration_since(start) > SignedDuration::from_hours(12) {
            c.push(
                InvalidInput::new(end_field, "A session can last at most 12 hours.")
                    .key("validate-session-can-last-most"),
            );
            ok = false;
            continue;
        }
        if out.iter().any(|o| o.start == start) {
            c.push(
                InvalidInput::new(
                    start_field,
                    "You proposed this time already; choose a different one.",
                )
                .key("validate-proposed-time-already-choose"),
            );
            ok = false;
            continue;
        }
        out.push(Interval { start, end });
    }
    ok.then_some(out)
}

/// Sends a request on the coach's page `visit`. Everything is checked before anything is
/// written, each mistake beside its field; a session type the viewer may not see is "not found"
/// like one that does not exist.
pub async fn create(cx: &Ctx, visit: &Visit, input: &NewSessionRequest) -> AppResult<MyRequest> {
    match checked(cx, visit, input, true).await? {
        Some(r) => Ok(r),
        None => Err(anyhow::anyhow!("a session request was checked but not written").into()),
    }
}

/// Checks `input` as [`create`] does, writing nothing (a form shows every mistake at once).
pub async fn check(cx: &Ctx, visit: &Visit, input: &NewSessionRequest) -> AppResult<()> {
    checked(cx, visit, input, false).await.map(|_| ())
}

async fn checked(
    cx: &Ctx,
    visit: &Visit,
    input: &NewSessionRequest,
    write: bool,
) -> AppResult<Option<MyRequest>> {
    let book_as = permitted(visit)?;
    let coach = visit.page.coach();
    let now = cx.now();
    let mut conn = cx.db.pool().acquire().await?;

    // The type first: a hidden one answers as a missing one, whatever else is wrong.
    let mut c = Checker::default();
    let session_type = if input.session_type_id == 0 {
        c.push(
            InvalidInput::new("sessionTypeId", "Choose a session type.")
                .key("validate-choose-session-type"),
        );
        None
    } else {
        match crate::store::session_types::get(&mut *conn, coach.id, input.session_type_id).await {
            Ok(t) if t.archived_at.is_none() && visit.view.session_type(t.visibility).is_ok() => {
                Some(t)
            }
            Ok(_) | Err(StoreError::NotFound) => return Err(AppError::NotFound("session type")),
            Err(e) => return Err(e.into()),
        }
    };
    let (client_id, user_id) = match book_as {
        BookAs::Owner => return Err(AppError::from(
            InvalidInput::new(
                "times",
                "This is your own page: book the time on your calendar instead of requesting it.",
            )
            .key("validate-own-page-book-time"),
        )),
        BookAs::Client { client_id, user_id } => (Some(client_id), Some(user_id)),
        BookAs::User { user_id } => (None, Some(user_id)),
        BookAs::Visitor => (None, None),
    };
    let zone = match input
        .time_zone
        .as_deref()
        .map(str::trim)
        .filter(|z| !z.is_empty())
    {
        Some(raw) => c.check(validate::zone("timeZone", raw)),
        None => Some(
            visit
                .account
                .as_ref()
                .map_or_else(|| coach.zone.clone(), |a| a.zone.clone()),
        ),
    };
    let (name, email) = match &visit.account {
        Some(a) => (Some(a.name.clone()), Some(a.email.clone())),
        None => (
            c.check(PersonName::parse("name", &input.name))
                .map(|n| n.as_str().to_owned()),
            c.check(Email::parse("email", &input.email))
                .map(|e| e.as_str().to_owned()),
        ),
    };
    let message = c.check(super::catalog::text("message", &input.message, MESSAGE_MAX));
    let length = session_type
        .as_ref()
        .map(|t| SignedDuration::from_mins(t.duration_minutes));
    let times = match &zone {
        Some(z) => read_times(&mut c, &input.times, z, length, now),
        None => None,
    };
    let (st, zone, name, email, (message, times)) =
        c.done((session_type, zone, name, email, message.zip(times)).all())?;
    if !write {
        return Ok(None);
    }

    // Whether each time was an open slot when asked, for the demand report.
    let cached = {
        let first = times.iter().map(|t| t.start).min().unwrap_or(now);
        let last = times.iter().map(|t| t.end).max().unwrap_or(now);
        super::availability::calendar_for(cx, &coach, data_window(first, last), now).await?
    };
    let spec = super::session_types::spec(&st)?;
    let offered: Vec<bool> = times
        .iter()
        .map(|t| {
            matches!(
                cached
                    .calendar
                    .classify_start(&spec, &cached.policy, now, t.start, None),
                Ok(StartClass::Offered(slot)) if slot.end == t.end
            )
        })
        .collect();
    drop(conn);

    let stamp: UnixTime = now.into();
    let mut tx = cx.db.begin_write().await?;
    let hours = store::expiry_hours(&mut *tx, coach.id).await?;
    let expires_at = now
        .checked_add(SignedDuration::from_hours(hours))
        .map_err(|e| anyhow::anyhow!("request expiry {hours} h: {e}"))?;
    let stored_zone = StoredZone(zone);
    let id = store::insert(
        &mut *tx,
        &NewRequest {
            coach_id: coach.id,
            client_id,
            user_id,
            name: &name,
            email: &email,
            session_type_id: st.id,
            message: &message,
            time_zone: &stored_zone,
            expires_at: expires_at.into(),
        },
        stamp,
    )
    .await?;
    for (position, (t, offered)) in times.iter().zip(offered).enumerate() {
        let local = t.start.to_zoned(coach.zone.tz().clone());
        store::insert_time(
            &mut *tx,
            coach.id,
            id,
            &NewTime {
                position: position as i64,
                start_at: t.start.into(),
                end_at: t.end.into(),
                local_weekday: i64::from(local.weekday().to_monday_one_offset()),
                local_hour: i64::from(local.hour()),
                offered,
            },
            stamp,
        )
        .await?;
    }
    jobs::enqueue(
        &mut *tx,
        kinds::SESSION_REQUEST_EXPIRE,
        &ExpireArgs { request_id: id },
        Some(coach.id),
        expires_at,
        Some(format!("session-request-expiry:{id}")),
        now,
    )
    .await?;
    let event = Event::SessionRequest {
        request_id: id,
        change: RequestChange::Received,
    };
    notify::on(&mut tx, cx, coach.id, &event, now).await?;
    let row = store::get(&mut *tx, coach.id, id).await?;
    let times = store::times(&mut *tx, &[id]).await?;
    tx.commit().await?;
    cx.wake.notify();
    Ok(Some(mine_of(assemble(row, &times), coach.id)))
}

// ---- The coach's side -------------------------------------------------------------------------

/// The coach's requests, newest first, optionally of one status.
pub async fn list(
    cx: &Ctx,
    coach: &Coach,
    status: Option<RequestStatus>,
) -> AppResult<Vec<SessionRequest>> {
    let mut conn = cx.db.pool().acquire().await?;
    let rows = store::list(&mut *conn, coach.id, status, LIST_LIMIT).await?;
    with_times(&mut conn, rows).await
}

pub async fn get(cx: &Ctx, coach: &Coach, id: i64) -> AppResult<SessionRequest> {
    let mut conn = cx.db.pool().acquire().await?;
    let row = store::get(&mut *conn, coach.id, id)
        .await
        .map_err(AppError::missing("session request"))?;
    Ok(with_times(&mut conn, vec![row]).await?.remove(0))
}

/// How many of the coach's requests wait for an answer (up to [`PENDING_COUNT_CAP`]).
pub async fn pending_count(cx: &Ctx, coach_id: i64) -> AppResult<i64> {
    Ok(store::pending_count(cx.db.pool(), coach_id, PENDING_COUNT_CAP).await?)
}

/// Which proposed time to approve: by position (0, 1, 2) or by its start.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct Approval {
    /// 0, 1 or 2: the position of the time in `times`.
    #[schema(minimum = 0, maximum = 2)]
    pub time_index: Option<i64>,
    /// Or the time's `start`, RFC 3339.
    #[schema(max_length = 64)]
    pub start: Option<String>,
}

/// Which of `r`'s times `a` names, else a field error.
fn chosen(r: &SessionRequest, a: &Approval) -> AppResult<Proposed> {
    if let Some(i) = a.time_index {
        return usize::try_from(i)
            .ok()
            .and_then(|i| r.times.get(i).copied())
            .ok_or_else(|| {
                let (count, last) = (r.times.len(), r.times.len().saturating_sub(1));
                AppError::from(
                    InvalidInput::new(
                        "timeIndex",
                        format!("Choose one of the {count} proposed times (0 to {last})."),
                    )
                    .key("validate-choose-proposed-time")
                    .arg("count", count)
                    .arg("last", last),
                )
            });
    }
    let raw = a.start.as_deref().unwrap_or_default();
    if raw.trim().is_empty() {
        return Err(AppError::from(
            InvalidInput::new(
                "timeIndex",
                "Say which time to book: timeIndex (0, 1 or 2) or its start.",
            )
            .key("validate-say-which-time-book"),
        ));
    }
    let start = validate::instant("start", raw)?;
    r.times
        .iter()
        .find(|t| t.start == start)
        .copied()
        .ok_or_else(|| {
            AppError::from(
                InvalidInput::new("start", "That is not one of the proposed times.")
                    .key("validate-not-one-proposed-times"),
            )
        })
}

/// What booking the approved time takes: the requester's name and email, the client when they
/// are one, the message as the booking's notes. The coach approves, so their own hours do not
/// bind; a collision always refuses.
fn booking_input(r: &SessionRequest, t: &Proposed) -> BookingInput {
    let zone = Zone::utc();
    let notes = if r.message.trim().is_empty() {
        String::new()
    } else {
        format!("From the session request: {}", r.message.trim())
    };
    BookingInput {
        session_type_id: Some(r.session_type_id),
        when: TimeInput {
            start: rfc3339(t.start, &zone),
            end: Some(rfc3339(t.end, &zone)),
            ..TimeInput::default()
        },
        name: r.name.clone(),
        email: r.email.clone(),
        notes,
        override_hours: true,
        client_id: r.client_id,
        ..BookingInput::default()
    }
}

/// Approves request `id` at the chosen time: books it (conflict-checked under the coach's lock,
/// with the usual emails) and links the booking. Only a pending request; a collision changes
/// nothing.
pub async fn approve(
    cx: &Ctx,
    coach: &Coach,
    id: i64,
    approval: &Approval,
) -> RequestResult<SessionRequest> {
    let r = get(cx, coach, id).await?;
    if r.status != RequestStatus::Pending {
        return Err(RequestError::Closed(r.status));
    }
    let t = chosen(&r, approval)?;
    let now = cx.now();
    if t.start <= now {
        return Err(RequestError::Passed);
    }
    let checked = {
        let mut conn = cx.db.pool().acquire().await?;
        bookings::check_request(&mut conn, coach, &booking_input(&r, &t)).await?
    };
    let mut tx = cx.db.begin_write().await?;
    crate::store::bookings::lock_coach(&mut *tx, coach.id).await?;
    // Under the lock: another answer may have come first.
    let fresh = store::get(&mut *tx, coach.id, id).await?;
    if fresh.status != RequestStatus::Pending {
        return Err(RequestError::Closed(fresh.status));
    }
    let booking_id = bookings::create_in(&mut tx, coach, &checked, now).await?;
    if r.client_id.is_none() {
        if let Some(user_id) = r.user_id {
            store::link_booking_user(&mut *tx, coach.id, booking_id, user_id).await?;
        }
        // Without a connected account the booking is managed through its link.
        super::manage::issue(&mut tx, coach.id, booking_id).await?;
    }
    store::close(
        &mut *tx,
        coach.id,
        id,
        RequestStatus::Approved,
        "",
        Some(booking_id),
        now.into(),
    )
    .await?;
    let event = Event::BookingCreated { booking_id };
    notify::on(&mut tx, cx, coach.id, &event, now).await?;
    tx.commit().await?;
    cx.wake.notify();
    Ok(get(cx, coach, id).await?)
}

/// Declines request `id`, telling the requester `reason`.
pub async fn decline(
    cx: &Ctx,
    coach: &Coach,
    id: i64,
    reason: &str,
) -> RequestResult<SessionRequest> {
    let r = get(cx, coach, id).await?;
    let reason = super::catalog::text("reason", reason, MESSAGE_MAX)?;
    if reason.trim().is_empty() {
        return Err(AppError::from(
            InvalidInput::new(
                "reason",
                "Tell the requester why, in a few words (they receive it by email).",
            )
            .key("validate-tell-requester-why-few"),
        )
        .into());
    }
    if r.status != RequestStatus::Pending {
        return Err(RequestError::Closed(r.status));
    }
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    close_or_refuse(
        store::close(
            &mut *tx,
            coach.id,
            id,
            RequestStatus::Declined,
            reason.trim(),
            None,
            now.into(),
        )
        .await,
        &mut tx,
        coach.id,
        id,
    )
    .await?;
    let event = Event::SessionRequest {
        request_id: id,
        change: RequestChange::Declined,
    };
    notify::on(&mut tx, cx, coach.id, &event, now).await?;
    tx.commit().await?;
    cx.wake.notify();
    Ok(get(cx, coach, id).await?)
}

/// A pending-only update that touched nothing: another answer came first, and says which.
async fn close_or_refuse(
    done: Result<(), StoreError>,
    tx: &mut crate::store::Tx,
    coach_id: i64,
    id: i64,
) -> RequestResult<()> {
    match done {
        Ok(()) => Ok(()),
        Err(StoreError::NotFound) => {
            let now = store::get(&mut **tx, coach_id, id)
                .await
                .map_err(AppError::missing("session request"))?;
            Err(RequestError::Closed(now.status))
        }
        Err(e) => Err(e.into()),
    }
}

/// For each of `r`'s times, why approving it now would fail (a collision, or it has passed);
/// `None` where it would book. Asked the way [`approve`] books, without the lock.
pub async fn assess(
    cx: &Ctx,
    coach: &Coach,
    r: &SessionRequest,
) -> AppResult<Vec<Option<Assessment>>> {
    let now = cx.now();
    let mut out = Vec::with_capacity(r.times.len());
    for t in &r.times {
        if t.start <= now {
            out.push(Some(Assessment::Passed));
            continue;
        }
        match bookings::check(cx, coach, &booking_input(r, t)).await {
            Ok(c) => out.push(c.refusal.map(Assessment::Refused)),
            Err(AppError::Invalid(e)) => out.push(Some(Assessment::Invalid(
                e.first().map(|e| e.message.clone()).unwrap_or_default(),
            ))),
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// Why a proposed time would not book now.
#[derive(Debug, Clone)]
pub enum Assessment {
    Passed,
    Refused(super::Refusal),
    /// E.g. the session type was archived since.
    Invalid(String),
}

/// The coach's "Requests expire after N hours".
pub async fn expiry_hours(cx: &Ctx, coach: &Coach) -> AppResult<i64> {
    Ok(store::expiry_hours(cx.db.pool(), coach.id).await?)
}

/// Sets how long new requests wait for an answer; requests already sent keep their expiry.
pub async fn set_expiry_hours(cx: &Ctx, coach: &Coach, hours: i64) -> AppResult<i64> {
    if !EXPIRY_HOURS.contains(&hours) {
        let (fewest, most) = (EXPIRY_HOURS.start(), EXPIRY_HOURS.end());
        return Err(AppError::from(
            InvalidInput::new(
                "expiryHours",
                format!("Choose between {fewest} and {most} hours (30 days)."),
            )
            .key("validate-expiry-hours")
            .arg("fewest", fewest)
            .arg("most", most),
        ));
    }
    store::set_expiry_hours(cx.db.writer(), coach.id, hours).await?;
    Ok(hours)
}

/// The demand report: the proposed times of the last [`DEMAND_DAYS`] days that were not open
/// slots when asked, per weekday and hour in the coach's zone.
#[derive(Debug, Clone)]
pub struct Demand {
    pub since: Timestamp,
    pub until: Timestamp,
    /// Only the cells with a count.
    pub cells: Vec<DemandCell>,
    pub total: i64,
    pub max: i64,
}

impl Demand {
    /// The count of one cell (weekday 1 = Monday).
    pub fn count(&self, weekday: i64, hour: i64) -> i64 {
        self.cells
            .iter()
            .find(|c| c.weekday == weekday && c.hour == hour)
            .map_or(0, |c| c.count)
    }
}

pub async fn demand(cx: &Ctx, coach: &Coach) -> AppResult<Demand> {
    let until = cx.now();
    let since = until
        .checked_sub(SignedDuration::from_hours(DEMAND_DAYS * 24))
        .map_err(|e| anyhow::anyhow!("demand range: {e}"))?;
    let cells = store::demand(cx.db.pool(), coach.id, since.into()).await?;
    Ok(Demand {
        since,
        until,
        total: cells.iter().map(|c| c.count).sum(),
        max: cells.iter().map(|c| c.count).max().unwrap_or(0),
        cells,
    })
}

// ---- The requester's side (the client's portal) ----------------------------------------------

/// A requester's own requests, newest first; with one coach only when `coach_id` is given.
pub async fn mine(cx: &Ctx, user_id: i64, coach_id: Option<i64>) -> AppResult<Vec<MyRequest>> {
    let mut conn = cx.db.pool().acquire().await?;
    let rows = store::for_user(&mut *conn, user_id, coach_id, LIST_LIMIT).await?;
    let coaches: Vec<i64> = rows.iter().map(|r| r.coach_id).collect();
    let all = with_times(&mut conn, rows).await?;
    Ok(all
        .into_iter()
        .zip(coaches)
        .map(|(r, coach)| mine_of(r, coach))
        .collect())
}

/// Withdraws one of the requester's own pending requests; another person's is "not found".
pub async fn withdraw(cx: &Ctx, user_id: i64, request_id: i64) -> RequestResult<MyRequest> {
    let row = store::get_for_user(cx.db.pool(), user_id, request_id)
        .await
        .map_err(AppError::missing("session request"))?;
    let coach_id = row.coach_id;
    if row.status != RequestStatus::Pending {
        return Err(RequestError::Closed(row.status));
    }
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    close_or_refuse(
        store::close(
            &mut *tx,
            coach_id,
            request_id,
            RequestStatus::Withdrawn,
            "",
            None,
            now.into(),
        )
        .await,
        &mut tx,
        coach_id,
        request_id,
    )
    .await?;
    let event = Event::SessionRequest {
        request_id,
        change: RequestChange::Withdrawn,
    };
    notify::on(&mut tx, cx, coach_id, &event, now).await?;
    let row = store::get(&mut *tx, coach_id, request_id).await?;
    let times = store::times(&mut *tx, &[request_id]).await?;
    tx.commit().await?;
    Ok(mine_of(assemble(row, &times), coach_id))
}

// ---- Expiry -----------------------------------------------------------------------------------

/// The `session_request.expire` job's arguments.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ExpireArgs {
    pub request_id: i64,
}

/// The `session_request.expire` job: a request still pending at its expiry becomes expired and
/// the requester is told. One answered meanwhile is left as it is.
pub async fn run_expiry(cx: &Ctx, job: &JobRow) -> Outcome {
    let args: ExpireArgs = match jobs::args(job) {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    match expire(cx, args.request_id).await {
        Ok(()) => Outcome::Done,
        Err(e) => Outcome::Retry(format!(
            "could not expire session request {}: {e}",
            args.request_id
        )),
    }
}

async fn expire(cx: &Ctx, id: i64) -> AppResult<()> {
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    let row = match store::get_any(&mut *tx, id).await {
        Ok(r) => r,
        // Deleted with its coach: nothing to do.
        Err(StoreError::NotFound) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    if row.status != RequestStatus::Pending {
        return Ok(());
    }
    if row.expires_at.timestamp() > now {
        return Err(anyhow::anyhow!("not due until {}", row.expires_at).into());
    }
    store::close(
        &mut *tx,
        row.coach_id,
        id,
        RequestStatus::Expired,
        "",
        None,
        now.into(),
    )
    .await?;
    let event = Event::SessionRequest {
        request_id: id,
        change: RequestChange::Expired,
    };
    notify::on(&mut tx, cx, row.coach_id, &event, now).await?;
    tx.commit().await?;
    cx.wake.notify();
    Ok(())
}

// ---- The request form ------------------------------------------------------------------------

/// A session type the form offers: one the viewer may see, not archived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormType {
    pub id: i64,
    pub name: String,
    pub duration_minutes: i64,
}

/// What the request form on the coach's page needs: the types this viewer may ask for and how
/// long an unanswered request waits. The viewer must be allowed to ask ([`permitted`]).
pub async fn form(cx: &Ctx, visit: &Visit) -> AppResult<(Vec<FormType>, i64)> {
    permitted(visit)?;
    let mut conn = cx.db.pool().acquire().await?;
    let types = crate::store::session_types::list(&mut *conn, visit.page.coach_id, false)
        .await?
        .into_iter()
        .filter(|t| t.archived_at.is_none() && visit.view.session_type(t.visibility).is_ok())
        .map(|t| FormType {
            id: t.id,
            name: t.name,
            duration_minutes: t.duration_minutes,
        })
        .collect();
    let hours = store::expiry_hours(&mut *conn, visit.page.coach_id).await?;
    Ok((types, hours))
}
