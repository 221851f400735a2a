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
use crate::store::enrolments::{self, EnrolmentRow, NewCredit};
use crate::store::session_types::{self, SessionTypeRow};
use crate::store::{applications, clients, packages, Db, StoreError};

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
    /// One of your clients: their name and email are used unless given.
    pub client_id: Option<i64>,
    /// A package the client is enrolled in: the session uses one of its credits, and its session
    /// length (and session type, if it has one) apply unless given.
    pub coaching_package_id: Option<i64>,
    /// An application: this booking becomes its discovery call (name and email from it).
    pub application_id: Option<i64>,
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
    pub client_id: Option<i64>,
    /// The package whose credit this booking uses.
    pub coaching_package_id: Option<i64>,
    pub package_name: Option<String>,
    pub application_id: Option<i64>,
    /// The package credit: `held`, `released`, `used` or `waived`; absent without a package.
    pub credit: Option<String>,
}

/// What a create call produced: a new booking, or the stored answer to a retried request.
pub enum Created {
    New(BookingView),
    Replayed { status: u16, body: String },
}

/// A change to a booking's details; omitted fields stay. The time moves with `reschedule`, the
/// status with the status actions.
#[derive(Debug, Clone, Deserialize, ToSchema, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct BookingUpdate {
    pub notes: Option<String>,
    /// `https://…`, or empty to remove it.
    pub meeting_url: Option<String>,
}

/// Moving a booking to another time.
#[derive(Debug, Clone, Deserialize, ToSchema, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Reschedule {
    /// RFC 3339 with offset. Or leave it out and give `date` and `startTime` in your zone.
    pub start: String,
    /// Optional RFC 3339 end; defaults to the booking's current length.
    pub end: Option<String>,
    /// `YYYY-MM-DD` in your time zone (with `startTime`, instead of `start`).
    pub date: String,
    /// `HH:MM` in your time zone.
    pub start_time: String,
    /// `HH:MM`; optional.
    pub end_time: String,
    /// Move even though the new time is outside your weekly hours.
    pub override_availability: bool,
}

/// An application's discovery call: when (RFC 3339 `start`, or `date` + `startTime` in your
/// zone) and how. The session type defaults to your discovery type.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct DiscoveryCall {
    pub session_type_id: i64,
    pub start: String,
    pub end: Option<String>,
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    pub meeting_url: String,
    pub notes: String,
    pub override_availability: bool,
}

/// Why a booking is cancelled; shown to the coach and the client.
#[derive(Debug, Clone, Deserialize, ToSchema, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Cancellation {
    pub reason: String,
    /// A late cancellation keeps the package credit used unless you waive it (recorded with you
    /// and the time).
    pub waive: bool,
}

/// `GET /api/bookings` filters.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", default)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// `pending`, `confirmed`, `cancelled`, `completed` or `no_show`.
    pub status: Option<String>,
    pub session_type_id: Option<i64>,
    /// Only this client's bookings.
    pub client_id: Option<i64>,
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
        client_id: row.client_id,
        coaching_package_id: row.package_id,
        package_name: row.package_name,
        application_id: row.application_id,
        credit: row.credit,
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
    client_id: Option<i64>,
    /// The enrolment whose credit the booking holds.
    enrolment: Option<EnrolmentRow>,
    application_id: Option<i64>,
}

/// Who the booking is for, when it names a client or an application: their stored name and
/// email fill what the request left empty.
struct Person {
    name: String,
    email: String,
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

    // The client, application and package named by id must be this coach's own.
    let client = match req.client_id {
        Some(id) => match clients::get(db.pool(), coach_id, id).await {
            Ok(row) => Some(row),
            Err(StoreError::NotFound) => {
                c.push(InvalidInput::new("clientId", "No such client among yours."));
                None
            }
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    let application = match req.application_id {
        Some(id) => match applications::get(db.pool(), coach_id, id).await {
            Ok(row) => Some(row),
            Err(StoreError::NotFound) => {
                c.push(InvalidInput::new(
                    "applicationId",
                    "No such application among yours.",
                ));
                None
            }
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    let package = match req.coaching_package_id {
        Some(id) => match packages::get(db.pool(), coach_id, id).await {
            Ok(row) => Some(row),
            Err(StoreError::NotFound) => {
                c.push(InvalidInput::new(
                    "coachingPackageId",
                    "No such package among yours.",
                ));
                None
            }
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    if let Some(booked) = application.as_ref().and_then(|a| a.booking_id) {
        let live = store::get_booking(db.pool(), coach_id, booked)
            .await
            .is_ok_and(|b| b.status == "pending" || b.status == "confirmed");
        if live {
            return Err(AppError::Conflict(
                "This application already has a discovery call booked; move that booking instead of adding another."
                    .into(),
            ));
        }
    }
    let person = client
        .as_ref()
        .map(|c| Person {
            name: c.name.clone(),
            email: c.email.clone(),
        })
        .or_else(|| {
            application.as_ref().map(|a| Person {
                name: a.name.clone(),
                email: a.email.clone(),
            })
        });
    let typed_or = |typed: &str, stored: Option<&str>| {
        if typed.trim().is_empty() {
            stored.unwrap_or_default().to_owned()
        } else {
            typed.to_owned()
        }
    };
    let name = c.check(PersonName::parse(
        "name",
        &typed_or(&req.name, person.as_ref().map(|p| p.name.as_str())),
    ));
    let email = c.check(Email::parse(
        "email",
        &typed_or(&req.email, person.as_ref().map(|p| p.email.as_str())),
    ));

    // A package session needs the client's enrolment in it, with a credit left and in date.
    let enrolment = match (&package, &client) {
        (Some(_), None) if req.client_id.is_none() => {
            c.push(InvalidInput::new(
                "clientId",
                "Choose the client whose package credit this session uses.",
            ));
            None
        }
        (Some(p), Some(client)) => {
            let enrolments = enrolments::for_client(db.pool(), coach_id, client.id).await?;
            let found = enrolments
                .into_iter()
                .filter(|e| e.package_id == p.id && e.status == "active")
                .max_by_key(|e| (e.credits_remaining > 0, e.id));
            if found.is_none() {
                c.push(InvalidInput::new(
                    "coachingPackageId",
                    format!(
                        "{} is not enrolled in {}. Enrol them on their page first, or book without a package.",
                        client.name, p.name
                    ),
                ));
            }
            found
        }
        _ => None,
    };

    let times = requested_times(&mut c, req, &tz);
    c.check(check_meeting_url(&req.meeting_url));
    if req.notes.len() > 10_000 {
        c.push(InvalidInput::new(
            "notes",
            "Keep notes under 10,000 characters.",
        ));
    }
    // The session type: as asked; else the package's; else, for a discovery call, the coach's
    // discovery type.
    let type_id = if req.session_type_id != 0 {
        Some(req.session_type_id)
    } else if let Some(id) = package.as_ref().and_then(|p| p.session_type_id) {
        Some(id)
    } else if application.is_some() {
        session_types::list(db.pool(), coach_id, false)
            .await?
            .into_iter()
            .find(|t| t.kind == "discovery")
            .map(|t| t.id)
    } else {
        None
    };
    let session_type = match type_id {
        None => {
            c.push(InvalidInput::new("sessionTypeId", "Choose a session type."));
            None
        }
        Some(id) => match active_type(db, coach_id, id).await {
            Ok(t) => Some(t),
            Err(AppError::Invalid(errors)) => {
                errors.into_iter().for_each(|e| c.push(e));
                None
            }
            Err(e) => return Err(e),
        },
    };
    c.finish()?;
    let (Some(name), Some(email), Some((start, end)), Some(st)) =
        (name, email, times, session_type)
    else {
        return Err(anyhow::anyhow!("validation passed without values").into());
    };
    let minutes = package
        .as_ref()
        .map_or(st.duration_minutes, |p| p.session_minutes);
    let end = end.unwrap_or_else(|| start + SignedDuration::from_mins(minutes));
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
    if let Some(e) = &enrolment {
        check_credit(e, proposed.start, &tz)?;
    }
    Ok(Checked {
        coach_id,
        name,
        email,
        session_type: st,
        proposed,
        client_id: client.map(|c| c.id),
        enrolment,
        application_id: application.map(|a| a.id),
    })
}

/// A credit can be booked only while the enrolment has one left and for a session on or before
/// its last valid day.
fn check_credit(e: &EnrolmentRow, start: Timestamp, tz: &TimeZone) -> AppResult<()> {
    if e.credits_remaining <= 0 {
        return Err(AppError::invalid(
            "coachingPackageId",
            format!(
                "No credits left in {}: all {} sessions are booked or used. Book without a package, or enrol the client again.",
                e.package_name, e.sessions_total
            ),
        ));
    }
    let day = start.to_zoned(tz.clone()).date().to_string();
    if let Some(expires) = e.expires_on.as_deref().filter(|x| day.as_str() > *x) {
        return Err(AppError::invalid(
            "coachingPackageId",
            format!(
                "The {} credits are valid until {expires}; choose an earlier date or book without a package.",
                e.package_name
            ),
        ));
    }
    Ok(())
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
        client_id,
        enrolment,
        application_id,
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
            client_id,
            enrolment_id: enrolment.as_ref().map(|e| e.id),
            application_id,
        },
    )
    .await?;
    if let Some(e) = &enrolment {
        // Re-read under the lock: two bookings racing for the last credit cannot both take it.
        let fresh = enrolments::get(&mut *tx, coach_id, e.id).await?;
        check_credit(&fresh, proposed.start, &zone(&coach.time_zone))?;
        enrolments::add_credit(
            &mut *tx,
            &NewCredit {
                coach_id,
                enrolment_id: e.id,
                booking_id: Some(booking_id),
                kind: "hold",
                delta: -1,
                actor_user_id: Some(coach.id),
                note: "",
            },
        )
        .await?;
    }
    if let Some(application_id) = application_id {
        store::link_application(&mut *tx, coach_id, application_id, booking_id).await?;
    }
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
            client_id: q.client_id,
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
    waive: bool,
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
    if let Some(enrolment_id) = row.enrolment_id {
        settle_credit(&mut tx, coach, coach_id, &row, enrolment_id, to, waive).await?;
    }
    let updated = store::get_booking(&mut *tx, coach_id, id).await?;
    tx.commit().await?;
    Ok(view(updated, &coach.time_zone))
}

/// What a status change does to the booking's package credit (see `credit_entries`): a
/// cancellation before the coach's cut-off releases the held credit; a late one, a no-show or a
/// completed session uses it; the coach may waive a use, which gives the credit back and is
/// recorded with who and when.
async fn settle_credit(
    conn: &mut AnyConnection,
    coach: &Account,
    coach_id: i64,
    row: &BookingRow,
    enrolment_id: i64,
    to: BookingStatus,
    waive: bool,
) -> AppResult<()> {
    let credit = |kind: &'static str, delta: i64, note: &'static str| NewCredit {
        coach_id,
        enrolment_id,
        booking_id: Some(row.id),
        kind,
        delta,
        actor_user_id: Some(coach.id),
        note,
    };
    let start = Timestamp::from_second(row.start_at).unwrap_or(Timestamp::UNIX_EPOCH);
    let policy = super::availability::Policy::from(
        crate::store::availability::policy(&mut *conn, coach_id).await?,
    )
    .to_core();
    let entry = match (row.credit.as_deref(), to) {
        (Some("held"), BookingStatus::Cancelled)
            if coachbook_core::policy::can_cancel_free(&policy, start, Timestamp::now()) =>
        {
            Some(credit("release", 1, "Cancelled before the cut-off"))
        }
        (Some("held"), BookingStatus::Cancelled) => Some(credit("use", 0, "Cancelled late")),
        (Some("held"), BookingStatus::NoShow) => Some(credit("use", 0, "No-show")),
        (Some("held"), BookingStatus::Completed) => Some(credit("use", 0, "Session held")),
        _ => None,
    };
    if let Some(entry) = entry {
        let used = entry.kind == "use";
        enrolments::add_credit(&mut *conn, &entry).await?;
        if used && waive {
            enrolments::add_credit(&mut *conn, &credit("waive", 1, "Waived by the coach")).await?;
        }
    }
    Ok(())
}

/// Gives back a used credit of a late-cancelled or no-show booking, recorded with who and when.
pub async fn waive_credit(db: &Db, coach: &Account, id: i64) -> AppResult<BookingView> {
    let coach_id = coach.coach_id.ok_or(AppError::Forbidden)?;
    let mut tx = db.begin_write().await?;
    let (row, _) = locked_booking(&mut tx, coach_id, id).await?;
    let Some(enrolment_id) = row.enrolment_id else {
        return Err(AppError::Conflict(
            "This booking does not use a package credit.".into(),
        ));
    };
    match row.credit.as_deref() {
        Some("used") => {}
        Some("waived") => {
            return Err(AppError::Conflict("The credit is already waived.".into()));
        }
        _ => return Err(AppError::Conflict(
            "Only a used credit (a late cancellation, a no-show or a held session) can be waived."
                .into(),
        )),
    }
    enrolments::add_credit(
        &mut *tx,
        &NewCredit {
            coach_id,
            enrolment_id,
            booking_id: Some(id),
            kind: "waive",
            delta: 1,
            actor_user_id: Some(coach.id),
            note: "Waived by the coach",
        },
    )
    .await?;
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
    let as_request = NewBookingRequest {
        start: req.start.clone(),
        end: req.end.clone(),
        date: req.date.clone(),
        start_time: req.start_time.clone(),
        end_time: req.end_time.clone(),
        ..NewBookingRequest::default()
    };
    let times = requested_times(&mut c, &as_request, &zone(&coach.time_zone));
    c.finish()?;
    let Some((start, end)) = times else {
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

/// Books an application's discovery call, or moves it when one is already booked: an
/// application has one discovery booking, never a second.
pub async fn schedule_discovery(
    db: &Db,
    coach: &Account,
    application_id: i64,
    existing_booking: Option<i64>,
    call: &DiscoveryCall,
) -> AppResult<BookingView> {
    if let Some(id) = existing_booking {
        let live = get(db, coach, id)
            .await
            .is_ok_and(|b| b.status == "pending" || b.status == "confirmed");
        if live {
            return reschedule(
                db,
                coach,
                id,
                &Reschedule {
                    start: call.start.clone(),
                    end: call.end.clone(),
                    date: call.date.clone(),
                    start_time: call.start_time.clone(),
                    end_time: call.end_time.clone(),
                    override_availability: call.override_availability,
                },
            )
            .await;
        }
    }
    let req = NewBookingRequest {
        session_type_id: call.session_type_id,
        start: call.start.clone(),
        end: call.end.clone(),
        date: call.date.clone(),
        start_time: call.start_time.clone(),
        end_time: call.end_time.clone(),
        meeting_url: call.meeting_url.clone(),
        notes: call.notes.clone(),
        override_availability: call.override_availability,
        application_id: Some(application_id),
        ..NewBookingRequest::default()
    };
    match create(db, coach, &req, None).await? {
        Created::New(b) => Ok(b),
        Created::Replayed { .. } => Err(anyhow::anyhow!("no idempotency key was given").into()),
    }
}

fn check_meeting_url(url: &str) -> Result<(), InvalidInput> {
    if url.len() > 2000
        || !(url.is_empty() || url.starts_with("https://") || url.starts_with("http://"))
    {
        return Err(InvalidInput::new(
            "meetingUrl",
            "Use a meeting link starting with https://.",
        ));
    }
    Ok(())
}

pub async fn update(
    db: &Db,
    coach: &Account,
    id: i64,
    change: &BookingUpdate,
) -> AppResult<BookingView> {
    let coach_id = coach.coach_id.ok_or(AppError::Forbidden)?;
    let mut c = Checker::default();
    let url = change.meeting_url.as_deref().map(str::trim);
    if let Some(url) = url {
        c.check(check_meeting_url(url));
    }
    if change.notes.as_ref().is_some_and(|n| n.len() > 10_000) {
        c.push(InvalidInput::new(
            "notes",
            "Keep notes under 10,000 characters.",
        ));
    }
    c.finish()?;
    let mut tx = db.begin_write().await?;
    let (_row, _) = locked_booking(&mut tx, coach_id, id).await?;
    if let Some(url) = url {
        store::update_meeting_url(&mut *tx, coach_id, id, url).await?;
    }
    if let Some(notes) = &change.notes {
        store::update_notes(&mut *tx, coach_id, id, notes).await?;
    }
    let updated = store::get_booking(&mut *tx, coach_id, id).await?;
    tx.commit().await?;
    Ok(view(updated, &coach.time_zone))
}
