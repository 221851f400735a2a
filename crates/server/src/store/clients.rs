//! Clients: the `clients` table, and the bookings that name a client. Every query is scoped to
//! one coach.

use coachbook_core::booking::BookingStatus;
use coachbook_core::credit::CreditKind;
use coachbook_core::practice::{ClientStatus, EnrolmentStatus};
use sqlx::{Any, Executor};

use super::types::{MaybeText, UnixTime};
use super::{touched, Result};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClientRow {
    pub id: i64,
    pub coach_id: i64,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub notes: String,
    pub user_id: Option<i64>,
    #[sqlx(try_from = "String")]
    pub status: ClientStatus,
    pub created_at: UnixTime,
    pub updated_at: UnixTime,
    /// Credits left over the client's active enrolments.
    pub credits_remaining: i64,
    pub active_enrolments: i64,
}

#[derive(Debug, Clone)]
pub struct ClientFields {
    pub name: String,
    /// Lower-case.
    pub email: String,
    pub phone: String,
    pub notes: String,
    pub status: ClientStatus,
}

const SELECT: &str = "SELECT c.id, c.coach_id, c.name, c.email, c.phone, c.notes, c.user_id, c.status,
        c.created_at, c.updated_at,
        CAST(COALESCE((SELECT SUM(ce.delta) FROM credit_entries ce JOIN enrolments e ON e.id = ce.enrolment_id
                  WHERE e.client_id = c.id AND e.status = $1), 0) AS BIGINT) AS credits_remaining,
        (SELECT COUNT(*) FROM enrolments e WHERE e.client_id = c.id AND e.status = $1) AS active_enrolments
    FROM clients c";

/// `%text%` for LIKE, with the wildcards in the text itself escaped (matched with `ESCAPE '\'`).
pub fn like_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for ch in text.trim().to_lowercase().chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('%');
    out
}

/// The coach's clients, active first, optionally matching `q` in name or email.
pub async fn list<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    q: Option<&str>,
    include_archived: bool,
) -> Result<Vec<ClientRow>> {
    let sql = format!(
        "{SELECT} WHERE c.coach_id = $2 AND ($3 = 1 OR c.status = $6)
            AND ($4 = '' OR LOWER(c.name) LIKE $5 ESCAPE '\\' OR c.email LIKE $5 ESCAPE '\\')
         ORDER BY c.status, LOWER(c.name), c.id"
    );
    let q = q.map(str::trim).unwrap_or_default();
    Ok(sqlx::query_as(&sql)
        .bind(EnrolmentStatus::Active.as_str())
        .bind(coach_id)
        .bind(i64::from(include_archived))
        .bind(q)
        .bind(like_pattern(q))
        .bind(ClientStatus::Active.as_str())
        .fetch_all(ex)
        .await?)
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
) -> Result<ClientRow> {
    let sql = format!("{SELECT} WHERE c.coach_id = $2 AND c.id = $3");
    Ok(sqlx::query_as(&sql)
        .bind(EnrolmentStatus::Active.as_str())
        .bind(coach_id)
        .bind(id)
        .fetch_one(ex)
        .await?)
}

/// The coach's client with this (lower-case) email.
pub async fn find_by_email<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    email: &str,
) -> Result<ClientRow> {
    let sql = format!("{SELECT} WHERE c.coach_id = $2 AND c.email = $3");
    Ok(sqlx::query_as(&sql)
        .bind(EnrolmentStatus::Active.as_str())
        .bind(coach_id)
        .bind(email)
        .fetch_one(ex)
        .await?)
}

/// Inserts a client; a second client with the same email is a `Unique` error on `email`.
pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    f: &ClientFields,
    now: UnixTime,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO clients (coach_id, name, email, phone, notes, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(coach_id)
    .bind(&f.name)
    .bind(&f.email)
    .bind(&f.phone)
    .bind(&f.notes)
    .bind(f.status.as_str())
    .bind(now)
    .fetch_one(ex)
    .await?)
}

pub async fn update<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
    f: &ClientFields,
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE clients SET name = $1, email = $2, phone = $3, notes = $4, status = $5, updated_at = $6
         WHERE coach_id = $7 AND id = $8",
    )
    .bind(&f.name)
    .bind(&f.email)
    .bind(&f.phone)
    .bind(&f.notes)
    .bind(f.status.as_str())
    .bind(now)
    .bind(coach_id)
    .bind(id)
    .execute(ex)
    .await?;
    touched(&done)
}

/// Sets an existing client active again (promoting an application of a former client).
pub async fn reactivate<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
    now: UnixTime,
) -> Result<()> {
    sqlx::query("UPDATE clients SET status = $1, updated_at = $2 WHERE coach_id = $3 AND id = $4")
        .bind(ClientStatus::Active.as_str())
        .bind(now)
        .bind(coach_id)
        .bind(id)
        .execute(ex)
        .await?;
    Ok(())
}

/// One of a client's bookings, for the client's Sessions tab.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClientBookingRow {
    pub id: i64,
    #[sqlx(try_from = "String")]
    pub status: BookingStatus,
    pub start_at: UnixTime,
    pub end_at: UnixTime,
    pub session_type_name: String,
    pub session_type_color: String,
    pub meeting_url: String,
    #[sqlx(try_from = "Option<String>")]
    pub last_credit_entry: MaybeText<CreditKind>,
}

/// The client's bookings, newest first.
pub async fn bookings<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    client_id: i64,
) -> Result<Vec<ClientBookingRow>> {
    Ok(sqlx::query_as(
        "SELECT b.id, b.status, s.start_at, s.end_at, st.name AS session_type_name, st.color AS session_type_color, s.meeting_url,
                (SELECT ce.kind FROM credit_entries ce WHERE ce.booking_id = b.id ORDER BY ce.id DESC LIMIT 1)
                    AS last_credit_entry
         FROM bookings b JOIN sessions s ON s.id = b.session_id JOIN session_types st ON st.id = s.session_type_id
         WHERE b.coach_id = $1 AND b.client_id = $2
         ORDER BY s.start_at DESC, b.id DESC",
    )
    .bind(coach_id)
    .bind(client_id)
    .fetch_all(ex)
    .await?)
}

/// Links a booking to a client (a promoted application's discovery call).
pub async fn link_booking<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    booking_id: i64,
    client_id: i64,
    now: UnixTime,
) -> Result<()> {
    sqlx::query(
        "UPDATE bookings SET client_id = $1, updated_at = $2 WHERE coach_id = $3 AND id = $4",
    )
    .bind(client_id)
    .bind(now)
    .bind(coach_id)
    .bind(booking_id)
    .execute(ex)
    .await?;
    Ok(())
}
