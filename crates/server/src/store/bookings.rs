//! Sessions on the calendar and the bookings in them (`sessions`, `bookings`), the per-coach write
//! lock, and stored idempotent responses.

use sqlx::{Any, Executor};

use super::{unix_now, Result, StoreError};

/// Serialises every booking write of one coach: the row update takes a row lock on PostgreSQL
/// and, inside `BEGIN IMMEDIATE`, SQLite already holds the database write lock.
pub async fn lock_coach<'e, E: Executor<'e, Database = Any>>(ex: E, coach_id: i64) -> Result<()> {
    let done = sqlx::query("UPDATE coaches SET lock_version = lock_version + 1 WHERE id = $1")
        .bind(coach_id)
        .execute(ex)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub id: i64,
    pub session_type_id: i64,
    pub start_at: i64,
    pub end_at: i64,
    pub buffer_before_minutes: i64,
    pub buffer_after_minutes: i64,
    pub capacity: i64,
    pub booked: i64,
}

/// Live sessions of a coach overlapping `[from, to)`, with their taken seats.
pub async fn sessions_between<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    from: i64,
    to: i64,
) -> Result<Vec<SessionRow>> {
    Ok(sqlx::query_as(
        "SELECT s.id, s.session_type_id, s.start_at, s.end_at, s.buffer_before_minutes, s.buffer_after_minutes, s.capacity,
                (SELECT COUNT(*) FROM bookings b WHERE b.session_id = s.id AND b.status <> 'cancelled') AS booked
         FROM sessions s
         WHERE s.coach_id = $1 AND s.status = 'scheduled' AND s.start_at < $3 AND s.end_at > $2
         ORDER BY s.start_at",
    )
    .bind(coach_id)
    .bind(from)
    .bind(to)
    .fetch_all(ex)
    .await?)
}

pub struct NewSession<'a> {
    pub coach_id: i64,
    pub session_type_id: i64,
    pub start_at: i64,
    pub end_at: i64,
    pub buffer_before_minutes: i64,
    pub buffer_after_minutes: i64,
    pub capacity: i64,
    pub meeting_url: &'a str,
}

pub async fn insert_session<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    s: &NewSession<'_>,
) -> Result<i64> {
    let now = unix_now();
    Ok(sqlx::query_scalar(
        "INSERT INTO sessions (coach_id, session_type_id, start_at, end_at, buffer_before_minutes, buffer_after_minutes,
            capacity, meeting_url, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
    )
    .bind(s.coach_id)
    .bind(s.session_type_id)
    .bind(s.start_at)
    .bind(s.end_at)
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
    pub status: &'a str,
    pub notes: &'a str,
    pub client_id: Option<i64>,
    pub enrolment_id: Option<i64>,
    pub application_id: Option<i64>,
}

pub async fn insert_booking<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    b: &NewBooking<'_>,
) -> Result<i64> {
    let now = unix_now();
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
    .bind(b.status)
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
    pub start_at: i64,
    pub end_at: i64,
    pub buffer_before_minutes: i64,
    pub buffer_after_minutes: i64,
    pub capacity: i64,
    pub name: String,
    pub email: String,
    pub status: String,
    pub cancel_reason: String,
    pub notes: String,
    pub meeting_url: String,
    pub created_at: i64,
    pub client_id: Option<i64>,
    pub enrolment_id: Option<i64>,
    pub package_id: Option<i64>,
    pub package_name: Option<String>,
    pub application_id: Option<i64>,
    /// The booking's package credit, from its ledger entries: `held`, `released`, `used` or
    /// `waived`; `None` without a package.
    pub credit: Option<String>,
}

/// The credit state is the latest ledger entry of the booking (hold, then release / use, then
/// possibly waive).
const BOOKING_SELECT: &str = "SELECT b.id, b.session_id, s.session_type_id, t.name AS session_type_name,
        s.start_at, s.end_at, s.buffer_before_minutes, s.buffer_after_minutes, s.capacity,
        b.name, b.email, b.status, b.cancel_reason, b.notes, s.meeting_url, b.created_at,
        b.client_id, b.enrolment_id, e.package_id, p.name AS package_name, b.application_id,
        (SELECT CASE ce.kind WHEN 'hold' THEN 'held' WHEN 'release' THEN 'released' WHEN 'use' THEN 'used'
                             WHEN 'waive' THEN 'waived' ELSE ce.kind END
         FROM credit_entries ce WHERE ce.booking_id = b.id ORDER BY ce.id DESC LIMIT 1) AS credit
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
    pub status: Option<String>,
    pub session_type_id: Option<i64>,
    pub client_id: Option<i64>,
    pub from: Option<i64>,
    pub to: Option<i64>,
    /// Lower-case text matched against name and email.
    pub search: Option<String>,
    pub limit: i64,
}

/// The coach's bookings matching `f`, by start time.
pub async fn list_bookings<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    f: &BookingFilter,
) -> Result<Vec<BookingRow>> {
    let pattern = f.search.as_ref().map(|s| {
        let escaped = s
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        format!("%{escaped}%")
    });
    Ok(sqlx::query_as(&format!(
        "{BOOKING_SELECT}
         WHERE b.coach_id = $1
           AND ($2 IS NULL OR b.status = $2)
           AND ($3 IS NULL OR s.session_type_id = $3)
           AND ($4 IS NULL OR s.end_at > $4)
           AND ($5 IS NULL OR s.start_at < $5)
           AND ($6 IS NULL OR LOWER(b.name) LIKE $6 ESCAPE '\\' OR LOWER(b.email) LIKE $6 ESCAPE '\\')
           AND ($8 IS NULL OR b.client_id = $8)
         ORDER BY s.start_at, b.id
         LIMIT $7"
    ))
    .bind(coach_id)
    .bind(&f.status)
    .bind(f.session_type_id)
    .bind(f.from)
    .bind(f.to)
    .bind(pattern)
    .bind(f.limit)
    .bind(f.client_id)
    .fetch_all(ex)
    .await?)
}

pub async fn set_booking_status<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
    status: &str,
    cancel_reason: &str,
) -> Result<()> {
    sqlx::query(
        "UPDATE bookings SET status = $1, cancel_reason = $2, updated_at = $3 WHERE coach_id = $4 AND id = $5",
    )
    .bind(status)
    .bind(cancel_reason)
    .bind(unix_now())
    .bind(coach_id)
    .bind(id)
    .execute(ex)
    .await?;
    Ok(())
}

/// Seats still held in a session (bookings not cancelled).
pub async fn seats_taken<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    session_id: i64,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM bookings WHERE session_id = $1 AND status <> 'cancelled'",
    )
    .bind(session_id)
    .fetch_one(ex)
    .await?)
}

/// Frees the session's time: nobody holds a seat in it any more.
pub async fn cancel_session<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    session_id: i64,
) -> Result<()> {
    sqlx::query("UPDATE sessions SET status = 'cancelled', updated_at = $1 WHERE id = $2")
        .bind(unix_now())
        .bind(session_id)
        .execute(ex)
        .await?;
    Ok(())
}

pub async fn move_session<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    session_id: i64,
    start_at: i64,
    end_at: i64,
) -> Result<()> {
    sqlx::query("UPDATE sessions SET start_at = $1, end_at = $2, updated_at = $3 WHERE id = $4")
        .bind(start_at)
        .bind(end_at)
        .bind(unix_now())
        .bind(session_id)
        .execute(ex)
        .await
        .map_err(StoreError::from)?;
    Ok(())
}

pub async fn move_booking<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    booking_id: i64,
    session_id: i64,
) -> Result<()> {
    sqlx::query("UPDATE bookings SET session_id = $1, updated_at = $2 WHERE id = $3")
        .bind(session_id)
        .bind(unix_now())
        .bind(booking_id)
        .execute(ex)
        .await?;
    Ok(())
}

pub async fn count_live_sessions<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM sessions WHERE coach_id = $1 AND status = 'scheduled'",
    )
    .bind(coach_id)
    .fetch_one(ex)
    .await?)
}

/// A stored answer to an earlier request with the same key: (request hash, status, body).
pub async fn find_idempotent<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: i64,
    key: &str,
) -> Result<Option<(String, i64, String)>> {
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
    request_hash: &str,
    status: i64,
    body: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO idempotency_keys (user_id, key, request_hash, response_status, response_body, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(user_id)
    .bind(key)
    .bind(request_hash)
    .bind(status)
    .bind(body)
    .bind(unix_now())
    .execute(ex)
    .await?;
    Ok(())
}

/// Points an application at its discovery call and marks the call scheduled.
pub async fn link_application<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    application_id: i64,
    booking_id: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE applications SET booking_id = $1,
            status = CASE WHEN status IN ('new', 'reviewing') THEN 'discovery_scheduled' ELSE status END,
            updated_at = $2
         WHERE coach_id = $3 AND id = $4",
    )
    .bind(booking_id)
    .bind(unix_now())
    .bind(coach_id)
    .bind(application_id)
    .execute(ex)
    .await?;
    Ok(())
}

/// Changes a booking's notes and its session's meeting link (the time moves by rescheduling).
pub async fn update_meeting_url<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
    meeting_url: &str,
) -> Result<()> {
    let now = unix_now();
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
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub async fn update_notes<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
    notes: &str,
) -> Result<()> {
    sqlx::query("UPDATE bookings SET notes = $1, updated_at = $2 WHERE coach_id = $3 AND id = $4")
        .bind(notes)
        .bind(unix_now())
        .bind(coach_id)
        .bind(id)
        .execute(ex)
        .await?;
    Ok(())
}
