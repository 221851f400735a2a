//! Waitlists of full group sessions (`waitlist_entries`) and the coach's waitlist settings
//! (`coaches.waitlist_visitors`, `coaches.waitlist_offer_hours`). Which entry is offered what,
//! and when, is decided in `app::waitlist`; this file only reads and writes rows.

use coachbook_core::booking::SessionStatus;
use sqlx::{Any, Executor};

use super::types::{Flag, StoredZone, UnixTime};
use super::{touched, Result};

coachbook_core::text_enum! {
    /// Where an entry stands. `Waiting` and `Offered` are live (one per person per session);
    /// an `Offered` entry holds a seat.
    pub enum WaitlistStatus ("waitlist status") {
        Waiting = "waiting",
        Offered = "offered",
        Claimed = "claimed",
        Expired = "expired",
        Left = "left",
        Removed = "removed",
    }
}

impl WaitlistStatus {
    pub fn is_live(self) -> bool {
        matches!(self, Self::Waiting | Self::Offered)
    }
}

/// The coach's waitlist settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct SettingsRow {
    pub waitlist_visitors: Flag,
    pub waitlist_offer_hours: i64,
}

pub async fn settings<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<SettingsRow> {
    Ok(
        sqlx::query_as("SELECT waitlist_visitors, waitlist_offer_hours FROM coaches WHERE id = $1")
            .bind(coach_id)
            .fetch_one(ex)
            .await?,
    )
}

pub async fn set_settings<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    s: SettingsRow,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE coaches SET waitlist_visitors = $1, waitlist_offer_hours = $2 WHERE id = $3",
    )
    .bind(s.waitlist_visitors)
    .bind(s.waitlist_offer_hours)
    .bind(coach_id)
    .execute(ex)
    .await?;
    touched(&done)
}

/// A session as the waitlist needs it: whose, when, what type, how many seats, how many taken
/// by bookings and how many held by offers.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionFacts {
    pub id: i64,
    pub coach_id: i64,
    pub slug: String,
    pub session_type_id: i64,
    pub session_type_name: String,
    pub start_at: UnixTime,
    pub end_at: UnixTime,
    pub capacity: i64,
    #[sqlx(try_from = "String")]
    pub status: SessionStatus,
    /// Seats held by bookings.
    pub booked: i64,
    /// Seats held for offers not yet claimed.
    pub held: i64,
}

impl SessionFacts {
    /// Seats neither booked nor held.
    pub fn free(&self) -> i64 {
        (self.capacity - self.booked - self.held).max(0)
    }
}

/// One session by id, whoever's it is (`None` = any coach); `NotFound` when there is none.
pub async fn session<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: Option<i64>,
    session_id: i64,
) -> Result<SessionFacts> {
    let statuses = coachbook_core::booking::BookingStatus::SEAT_HOLDING;
    let params: Vec<String> = (0..statuses.len()).map(|i| format!("${}", i + 4)).collect();
    let sql = format!(
        "SELECT s.id, s.coach_id, c.slug, s.session_type_id, t.name AS session_type_name, s.start_at,
                s.end_at, s.capacity, s.status,
                (SELECT COUNT(*) FROM bookings b WHERE b.session_id = s.id AND b.status IN ({})) AS booked,
                (SELECT COUNT(*) FROM waitlist_entries w WHERE w.session_id = s.id AND w.status = $3) AS held
         FROM sessions s JOIN coaches c ON c.id = s.coach_id JOIN session_types t ON t.id = s.session_type_id
         WHERE s.id = $1 AND ($2 = 0 OR s.coach_id = $2)",
        params.join(", ")
    );
    let mut q = sqlx::query_as(&sql)
        .bind(session_id)
        .bind(coach_id.unwrap_or(0))
        .bind(WaitlistStatus::Offered.as_str());
    for s in statuses {
        q = q.bind(s.as_str());
    }
    Ok(q.fetch_one(ex).await?)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EntryRow {
    pub id: i64,
    pub coach_id: i64,
    pub session_id: i64,
    pub client_id: Option<i64>,
    pub user_id: Option<i64>,
    pub name: String,
    pub email: String,
    pub time_zone: StoredZone,
    pub position: i64,
    #[sqlx(try_from = "String")]
    pub status: WaitlistStatus,
    pub offered_at: Option<UnixTime>,
    pub offer_expires_at: Option<UnixTime>,
    pub booking_id: Option<i64>,
    pub created_at: UnixTime,
}

const COLUMNS: &str =
    "id, coach_id, session_id, client_id, user_id, name, email, time_zone, position, status,
    offered_at, offer_expires_at, booking_id, created_at";

/// The live entries of a session (offered first, then waiting in line order).
pub async fn live<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    session_id: i64,
) -> Result<Vec<EntryRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM waitlist_entries WHERE session_id = $1 AND status IN ($2, $3)
         ORDER BY CASE WHEN status = $2 THEN 0 ELSE 1 END, position, id"
    ))
    .bind(session_id)
    .bind(WaitlistStatus::Offered.as_str())
    .bind(WaitlistStatus::Waiting.as_str())
    .fetch_all(ex)
    .await?)
}

/// The session's entries that are no longer live, newest first (the coach's history), at most
/// `limit`.
pub async fn past<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    session_id: i64,
    limit: i64,
) -> Result<Vec<EntryRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM waitlist_entries WHERE session_id = $1 AND status NOT IN ($2, $3)
         ORDER BY updated_at DESC, id DESC LIMIT $4"
    ))
    .bind(session_id)
    .bind(WaitlistStatus::Offered.as_str())
    .bind(WaitlistStatus::Waiting.as_str())
    .bind(limit)
    .fetch_all(ex)
    .await?)
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    session_id: i64,
    id: i64,
) -> Result<EntryRow> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM waitlist_entries WHERE session_id = $1 AND id = $2"
    ))
    .bind(session_id)
    .bind(id)
    .fetch_one(ex)
    .await?)
}

/// The entry whose offer carries the token with this hash.
pub async fn by_token_hash<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    token_hash: &str,
) -> Result<EntryRow> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM waitlist_entries WHERE token_hash = $1"
    ))
    .bind(token_hash)
    .fetch_one(ex)
    .await?)
}

/// The live entry of a person (by account, else by email) in a session.
pub async fn live_for<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    session_id: i64,
    user_id: Option<i64>,
    email_key: &str,
) -> Result<Option<EntryRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM waitlist_entries
         WHERE session_id = $1 AND status IN ($2, $3) AND (email_key = $4 OR user_id = $5)
         ORDER BY id LIMIT 1"
    ))
    .bind(session_id)
    .bind(WaitlistStatus::Offered.as_str())
    .bind(WaitlistStatus::Waiting.as_str())
    .bind(email_key)
    .bind(user_id.unwrap_or(0))
    .fetch_optional(ex)
    .await?)
}

/// Whether the person (by account or email) holds a seat in the session already.
pub async fn has_seat<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    session_id: i64,
    user_id: Option<i64>,
    client_id: Option<i64>,
    email_key: &str,
) -> Result<bool> {
    let statuses = coachbook_core::booking::BookingStatus::SEAT_HOLDING;
    let params: Vec<String> = (0..statuses.len()).map(|i| format!("${}", i + 5)).collect();
    let sql = format!(
        "SELECT COUNT(*) FROM bookings b LEFT JOIN clients c ON c.id = b.client_id
         WHERE b.session_id = $1 AND b.status IN ({})
           AND (LOWER(TRIM(b.email)) = $2 OR LOWER(TRIM(c.email)) = $2 OR b.user_id = $3 OR b.client_id = $4)",
        params.join(", ")
    );
    let mut q = sqlx::query_scalar(&sql)
        .bind(session_id)
        .bind(email_key)
        .bind(user_id.unwrap_or(0))
        .bind(client_id.unwrap_or(0));
    for s in statuses {
        q = q.bind(s.as_str());
    }
    let n: i64 = q.fetch_one(ex).await?;
    Ok(n > 0)
}

pub struct NewEntry<'a> {
    pub coach_id: i64,
    pub session_id: i64,
    pub client_id: Option<i64>,
    pub user_id: Option<i64>,
    pub name: &'a str,
    pub email: &'a str,
    pub email_key: &'a str,
    pub time_zone: &'a str,
}

/// Adds a person at the end of the session's line.
pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    e: &NewEntry<'_>,
    now: UnixTime,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO waitlist_entries (coach_id, session_id, client_id, user_id, name, email, email_key,
            time_zone, position, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
            (SELECT COALESCE(MAX(position), 0) + 1 FROM waitlist_entries WHERE session_id = $2),
            $9, $10, $10)
         RETURNING id",
    )
    .bind(e.coach_id)
    .bind(e.session_id)
    .bind(e.client_id)
    .bind(e.user_id)
    .bind(e.name)
    .bind(e.email)
    .bind(e.email_key)
    .bind(e.time_zone)
    .bind(WaitlistStatus::Waiting.as_str())
    .bind(now)
    .fetch_one(ex)
    .await?)
}

/// Marks an offer made: the entry holds a seat until `expires_at` for the token with `token_hash`.
pub async fn offer<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: i64,
    token_hash: &str,
    expires_at: UnixTime,
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE waitlist_entries SET status = $1, token_hash = $2, offered_at = $3, offer_expires_at = $4,
            updated_at = $3
         WHERE id = $5 AND status = $6",
    )
    .bind(WaitlistStatus::Offered.as_str())
    .bind(token_hash)
    .bind(now)
    .bind(expires_at)
    .bind(id)
    .bind(WaitlistStatus::Waiting.as_str())
    .execute(ex)
    .await?;
    touched(&done)
}

/// Ends a live entry with `status` (claimed with its booking, expired, left, removed); `NotFound`
/// when it is not live any more.
pub async fn close<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: i64,
    status: WaitlistStatus,
    booking_id: Option<i64>,
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE waitlist_entries SET status = $1, booking_id = $2, updated_at = $3
         WHERE id = $4 AND status IN ($5, $6)",
    )
    .bind(status.as_str())
    .bind(booking_id)
    .bind(now)
    .bind(id)
    .bind(WaitlistStatus::Offered.as_str())
    .bind(WaitlistStatus::Waiting.as_str())
    .execute(ex)
    .await?;
    touched(&done)
}

/// Puts a waiting entry at `position`.
pub async fn set_position<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: i64,
    position: i64,
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE waitlist_entries SET position = $1, updated_at = $2 WHERE id = $3 AND status = $4",
    )
    .bind(position)
    .bind(now)
    .bind(id)
    .bind(WaitlistStatus::Waiting.as_str())
    .execute(ex)
    .await?;
    touched(&done)
}

/// The live entries of a coach's sessions among `session_ids` (for the page's lists): (session,
/// waiting count).
pub async fn waiting_counts<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    session_ids: &[i64],
) -> Result<Vec<(i64, i64)>> {
    if session_ids.is_empty() {
        return Ok(Vec::new());
    }
    let params: Vec<String> = (0..session_ids.len())
        .map(|i| format!("${}", i + 3))
        .collect();
    let sql = format!(
        "SELECT session_id, COUNT(*) FROM waitlist_entries
         WHERE coach_id = $1 AND status = $2 AND session_id IN ({}) GROUP BY session_id",
        params.join(", ")
    );
    let mut q = sqlx::query_as(&sql)
        .bind(coach_id)
        .bind(WaitlistStatus::Waiting.as_str());
    for id in session_ids {
        q = q.bind(*id);
    }
    Ok(q.fetch_all(ex).await?)
}
