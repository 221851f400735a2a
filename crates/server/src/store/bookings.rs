//! Sessions on the calendar and the bookings in them (`sessions`, `bookings`), the per-coach write
//! lock, and stored idempotent responses.

use coachbook_core::availability::MAX_DURATION;
use coachbook_core::booking::{BookingStatus, SessionStatus};
use coachbook_core::credit::CreditKind;
use coachbook_core::time::{sat_sub, Interval};
use sqlx::{Any, Executor};

use super::types::{MaybeText, UnixTime};
use super::{touched, Result};

/// `(s1, s2, …)` over the statuses in which a booking holds a seat, as placeholders from
/// `$first`: the rule is the core's ([`BookingStatus::SEAT_HOLDING`]), the SQL only filters.
fn seat_holding(first: usize) -> String {
    let params: Vec<String> = (0..BookingStatus::SEAT_HOLDING.len())
        .map(|i| format!("${}", first + i))
        .collect();
    format!("({})", params.join(", "))
}

macro_rules! bind_seat_holding {
    ($query:expr) => {{
        let mut q = $query;
        for s in BookingStatus::SEAT_HOLDING {
            q = q.bind(s.as_str());
        }
        q
    }};
}

/// Serialises every booking write of one coach: the row update takes a row lock on PostgreSQL
/// and, inside `BEGIN IMMEDIATE`, SQLite already holds the database write lock.
pub async fn lock_coach<'e, E: Executor<'e, Database = Any>>(ex: E, coach_id: i64) -> Result<()> {
    let done = sqlx::query("UPDATE coaches SET lock_version = lock_version + 1 WHERE id = $1")
        .bind(coach_id)
        .execute(ex)
        .await?;
    touched(&done)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub id: i64,
    pub session_type_id: i64,
    pub start_at: UnixTime,
    pub end_at: UnixTime,
    pub buffer_before_minutes: i64,
    pub buffer_after_minutes: i64,
    pub capacity: i64,
    /// Seats held by bookings, and by waitlist offers not yet claimed (`app::waitlist`).
    pub booked: i64,
}

/// Live sessions of a coach overlapping `range`, with their taken seats. A session lasts at
/// most a day, so only sessions starting in `[range.start − 1 day, range.end)` are read: the
/// index on `(coach_id, start_at)` bounds the scan on both sides, whatever the history.
pub async fn sessions_between<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    range: Interval,
) -> Result<Vec<SessionRow>> {
    let sql = format!(
        "SELECT s.id, s.session_type_id, s.start_at, s.end_at, s.buffer_before_minutes, s.buffer_after_minutes, s.capacity,
                (SELECT COUNT(*) FROM bookings b WHERE b.session_id = s.id AND b.status IN {})
                + (SELECT COUNT(*) FROM waitlist_entries w WHERE w.session_id = s.id AND w.status = 'offered') AS booked
         FROM sessions s
         WHERE s.coach_id = $1 AND s.status = $2 AND s.start_at >= $3 AND s.start_at < $4 AND s.end_at > $5
         ORDER BY s.start_at",
        seat_holding(6)
    );
    let q = sqlx::query_as(&sql)
        .bind(coach_id)
        .bind(SessionStatus::Scheduled.as_str())
        .bind(UnixTime::from(sat_sub(range.start, MAX_DURATION)))
        .bind(UnixTime::from(range.end))
        .bind(UnixTime::from(range.start));
    Ok(bind_seat_holding!(q).fetch_all(ex).await?)
}

pub struct NewSession<'a> {
    pub coach_id: i64,
    pub session_type_id: i64,
    pub at: Interval,
    pub buffer_before_minutes: i64,
    pub buffer_after_minutes: i64,
    pub capacity: i64,
    pub meeting_url: &'a str,
}

pub async fn insert_session<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    s: &NewSession<'_>,
    now: UnixTime,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO sessions (coach_id, session_type_id, start_at, end_at, buffer_before_minutes, buffer_after_minutes,
            capacity, meeting_url, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
    )
    .bind(s.coach_id)
    .bind(s.session_type_id)
    .bind(UnixTime::from(s.at.start))
    .bind(UnixTime::from(s.at.end))
    .bind(s.buffer_before_minutes)
    .bind(s.buffer_after_minutes)
    .bind(s.capacity)
    .bind(s.meeting_url)
    .bind(now)
    .fetch_one(ex)
    .await?)
}

pub struct NewBooking<'a> {
    pub coach_id: i64,
    pub session_id: i64,
    pub user_id: Option<i64>,
    pub name: &'a str,
    pub email: &'a str,
    pub status: BookingStatus,
    pub notes: &'a str,
    pub client_id: Option<i64>,
    pub enrolment_id: Option<i64>,
    pub application_id: Option<i64>,
}

pub async fn insert_booking<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    b: &NewBooking<'_>,
    now: UnixTime,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO bookings (coach_id, session_id, user_id, name, email, status, notes, client_id, enrolment_id,
            application_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
    )
    .bind(b.coach_id)
    .bind(b.session_id)
    .bind(b.user_id)
    .bind(b.name)
    .bind(b.email)
    .bind(b.status.as_str())
    .bind(b.notes)
    .bind(b.client_id)
    .bind(b.enrolment_id)
    .bind(b.application_id)
    .bind(now)
    .fetch_one(ex)
    .await?)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BookingRow {
    pub id: i64,
    pub session_id: i64,
    pub session_type_id: i64,
    pub session_type_name: String,
    pub session_type_color: String,
    pub start_at: UnixTime,
    pub end_at: UnixTime,
    pub buffer_before_minutes: i64,
    pub buffer_after_minutes: i64,
    pub capacity: i64,
    pub name: String,
    pub email: String,
    #[sqlx(try_from = "String")]
    pub status: BookingStatus,
    pub cancel_reason: String,
    pub notes: String,
    pub meeting_url: String,
    pub created_at: UnixTime,
    pub client_id: Option<i64>,
    pub enrolment_id: Option<i64>,
    pub package_id: Option<i64>,
    pub package_name: Option<String>,
    pub application_id: Option<i64>,
    /// The latest credit ledger entry about the booking; the core says what state it means.
    #[sqlx(try_from = "Option<String>")]
    pub last_credit_entry: MaybeText<CreditKind>,
    /// The session's series and its start in it, for the booking's calendar identity.
    pub series_id: Option<i64>,
    pub recurrence_at: Option<UnixTime>,
}

impl BookingRow {
    /// The series the booking's session is an occurrence of, with its start in it.
    pub fn series(&self) -> Option<(i64, jiff::Timestamp)> {
        self.series_id
            .zip(self.recurrence_at.map(|t| t.timestamp()))
    }
}

const BOOKING_SELECT: &str = "SELECT b.id, b.session_id, s.session_type_id, t.name AS session_type_name,
        t.color AS session_type_color, s.start_at, s.end_at, s.buffer_before_minutes, s.buffer_after_minutes, s.capacity,
        b.name, b.email, b.status, b.cancel_reason, b.notes, s.meeting_url, b.created_at,
        b.client_id, b.enrolment_id, e.package_id, p.name AS package_name, b.application_id,
        (SELECT ce.kind FROM credit_entries ce WHERE ce.booking_id = b.id ORDER BY ce.id DESC LIMIT 1)
            AS last_credit_entry, s.series_id, s.recurrence_at
    FROM bookings b JOIN sessions s ON s.id = b.session_id JOIN session_types t ON t.id = s.session_type_id
    LEFT JOIN enrolments e ON e.id = b.enrolment_id LEFT JOIN packages p ON p.id = e.package_id";

pub async fn get_booking<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
) -> Result<BookingRow> {
    Ok(sqlx::query_as(&format!(
        "{BOOKING_SELECT} WHERE b.coach_id = $1 AND b.id = $2"
    ))
    .bind(coach_id)
    .bind(id)
    .fetch_one(ex)
    .await?)
}

/// Filters for the coach's booking list; `None` = any.
#[derive(Debug, Clone, Default)]
pub struct BookingFilter {
    pub status: Option<BookingStatus>,
    pub session_type_id: Option<i64>,
    pub client_id: Option<i64>,
    /// Only bookings ending after this.
    pub from: Option<UnixTime>,
    /// Only bookings starting before this.
    pub to: Option<UnixTime>,
    /// Lower-case text matched against name and email.
    pub search: Option<String>,
    pub limit: i64,
}

/// The coach's bookings matching `f`, by start time. Only the filters given reach the SQL, so
/// that a range reads the index on `(coach_id, start_at)` from its bound (a session lasts at most
/// a day, so "ending after `from`" starts at `from` − 1 day at the earliest), whatever the
/// history; a filter written `$n IS NULL OR …` would leave the planner a scan of every booking.
pub async fn list_bookings<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    f: &BookingFilter,
) -> Result<Vec<BookingRow>> {
    // `s.coach_id` as well as `b.coach_id`: the range below is on the sessions' index, which
    // starts with the coach.
    let mut sql = format!("{BOOKING_SELECT} WHERE b.coach_id = $1 AND s.coach_id = $1");
    let mut next = 2;
    let mut cond = |sql: &mut String, text: &str| {
        let n = next;
        next += 1;
        sql.push_str(" AND ");
        sql.push_str(&text.replace('?', &format!("${n}")));
    };
    let pattern = f.search.as_deref().map(super::clients::like_pattern);
    if f.status.is_some() {
        cond(&mut sql, "b.status = ?");
    }
    if f.session_type_id.is_some() {
        cond(&mut sql, "s.session_type_id = ?");
    }
    if f.client_id.is_some() {
        cond(&mut sql, "b.client_id = ?");
    }
    if f.from.is_some() {
        cond(&mut sql, "s.start_at >= ?");
        cond(&mut sql, "s.end_at > ?");
    }
    if f.to.is_some() {
        cond(&mut sql, "s.start_at < ?");
    }
    if pattern.is_some() {
        cond(
            &mut sql,
            "(LOWER(b.name) LIKE ? ESCAPE '\\' OR LOWER(b.email) LIKE ? ESCAPE '\\')",
        );
    }
    sql.push_str(&format!(" ORDER BY s.start_at, b.id LIMIT ${next}"));
    let mut q = sqlx::query_as(&sql).bind(coach_id);
    if let Some(status) = f.status {
        q = q.bind(status.as_str());
    }
    if let Some(id) = f.session_type_id {
        q = q.bind(id);
    }
    if let Some(id) = f.client_id {
        q = q.bind(id);
    }
    if let Some(from) = f.from {
        q = q
            .bind(UnixTime::from(sat_sub(from.into(), MAX_DURATION)))
            .bind(from);
    }
    if let Some(to) = f.to {
        q = q.bind(to);
    }
    if let Some(pattern) = pattern {
        q = q.bind(pattern);
    }
    Ok(q.bind(f.limit).fetch_all(ex).await?)
}

pub async fn set_booking_status<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
    status: BookingStatus,
    cancel_reason: &str,
    now: UnixTime,
) -> Result<()> {
    sqlx::query(
        "UPDATE bookings SET status = $1, cancel_reason = $2, updated_at = $3 WHERE coach_id = $4 AND id = $5",
    )
    .bind(status.as_str())
    .bind(cancel_reason)
    .bind(now)
    .bind(coach_id)
    .bind(id)
    .execute(ex)
    .await?;
    Ok(())
}

/// Seats still held in a session.
pub async fn seats_taken<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    session_id: i64,
) -> Result<i64> {
    let sql = format!(
        "SELECT COUNT(*) FROM bookings WHERE session_id = $1 AND status IN {}",
        seat_holding(2)
    );
    let q = sqlx::query_scalar(&sql).bind(session_id);
    Ok(bind_seat_holding!(q).fetch_one(ex).await?)
}

/// Frees the session's time: nobody holds a seat in it any more.
pub async fn cancel_session<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    session_id: i64,
    now: UnixTime,
) -> Result<()> {
    sqlx::query("UPDATE sessions SET status = $1, updated_at = $2 WHERE id = $3")
        .bind(SessionStatus::Cancelled.as_str())
        .bind(now)
        .bind(session_id)
        .execute(ex)
        .await?;
    Ok(())
}

pub async fn move_session<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    session_id: i64,
    to: Interval,
    now: UnixTime,
) -> Result<()> {
    sqlx::query("UPDATE sessions SET start_at = $1, end_at = $2, updated_at = $3 WHERE id = $4")
        .bind(UnixTime::from(to.start))
        .bind(UnixTime::from(to.end))
        .bind(now)
        .bind(session_id)
        .execute(ex)
        .await?;
    Ok(())
}

pub async fn move_booking<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    booking_id: i64,
    session_id: i64,
    now: UnixTime,
) -> Result<()> {
    sqlx::query("UPDATE bookings SET session_id = $1, updated_at = $2 WHERE id = $3")
        .bind(session_id)
        .bind(now)
        .bind(booking_id)
        .execute(ex)
        .await?;
    Ok(())
}

pub async fn count_live_sessions<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE coach_id = $1 AND status = $2")
            .bind(coach_id)
            .bind(SessionStatus::Scheduled.as_str())
            .fetch_one(ex)
            .await?,
    )
}

/// The answer stored for an earlier request with the same key.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredResponse {
    pub request_hash: String,
    pub response_status: i64,
    pub response_body: String,
}

pub async fn find_idempotent<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: i64,
    key: &str,
) -> Result<Option<StoredResponse>> {
    Ok(sqlx::query_as("SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE user_id = $1 AND key = $2")
        .bind(user_id)
        .bind(key)
        .fetch_optional(ex)
        .await?)
}

pub async fn store_idempotent<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: i64,
    key: &str,
    response: &StoredResponse,
    now: UnixTime,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO idempotency_keys (user_id, key, request_hash, response_status, response_body, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(user_id)
    .bind(key)
    .bind(&response.request_hash)
    .bind(response.response_status)
    .bind(&response.response_body)
    .bind(now)
    .execute(ex)
    .await?;
    Ok(())
}

/// Changes the meeting link of a booking's session (the time moves by rescheduling).
pub async fn update_meeting_url<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
    meeting_url: &str,
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE sessions SET meeting_url = $1, updated_at = $2
         WHERE coach_id = $3 AND id = (SELECT session_id FROM bookings WHERE coach_id = $3 AND id = $4)",
    )
    .bind(meeting_url)
    .bind(now)
    .bind(coach_id)
    .bind(id)
    .execute(ex)
    .await?;
    touched(&done)
}

pub async fn update_notes<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
    notes: &str,
    now: UnixTime,
) -> Result<()> {
    sqlx::query("UPDATE bookings SET notes = $1, updated_at = $2 WHERE coach_id = $3 AND id = $4")
        .bind(notes)
        .bind(now)
        .bind(coach_id)
        .bind(id)
        .execute(ex)
        .await?;
    Ok(())
}
