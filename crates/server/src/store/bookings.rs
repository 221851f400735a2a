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

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BlockRow {
    pub id: i64,
    pub kind: String,
    pub start_at: Option<i64>,
    pub end_at: Option<i64>,
    pub from_date: Option<String>,
    pub until_date: Option<String>,
    pub weekdays: String,
    pub start_minute: Option<i64>,
    pub end_minute: Option<i64>,
}

pub async fn blocks<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<Vec<BlockRow>> {
    Ok(sqlx::query_as(
        "SELECT id, kind, start_at, end_at, from_date, until_date, weekdays, start_minute, end_minute FROM blocks WHERE coach_id = $1",
    )
    .bind(coach_id)
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
}

pub async fn insert_booking<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    b: &NewBooking<'_>,
) -> Result<i64> {
    let now = unix_now();
    Ok(sqlx::query_scalar(
        "INSERT INTO bookings (coach_id, session_id, user_id, name, email, status, notes, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
    )
    .bind(b.coach_id)
    .bind(b.session_id)
    .bind(b.user_id)
    .bind(b.name)
    .bind(b.email)
    .bind(b.status)
    .bind(b.notes)
    .bind(now)
    .fetch_one(ex)
    .await?)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BookingRow {
    pub id: i64,
    pub session_id: i64,
    pub session_type_id: i64,
    pub start_at: i64,
    pub end_at: i64,
    pub name: String,
    pub email: String,
    pub status: String,
    pub notes: String,
    pub meeting_url: String,
}

pub async fn get_booking<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
) -> Result<BookingRow> {
    Ok(sqlx::query_as(
        "SELECT b.id, b.session_id, s.session_type_id, s.start_at, s.end_at, b.name, b.email, b.status, b.notes, s.meeting_url
         FROM bookings b JOIN sessions s ON s.id = b.session_id
         WHERE b.coach_id = $1 AND b.id = $2",
    )
    .bind(coach_id)
    .bind(id)
    .fetch_one(ex)
    .await?)
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
