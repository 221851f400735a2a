//! Session requests (`session_requests`) and their proposed times (`session_request_times`), and
//! the demand report's aggregate. Every list is one coach's (or one requester's), bounded by a
//! `LIMIT` and served by an index that starts at the coach (or the user); the report reads the
//! times asked for since a bound, by the index that starts at (coach, created_at).

use sqlx::{Any, Executor};

use super::types::{Flag, StoredZone, UnixTime};
use super::{touched, Result};

coachbook_core::text_enum! {
    /// Where a session request stands.
    pub enum RequestStatus ("session request status") {
        Pending = "pending",
        Approved = "approved",
        Declined = "declined",
        Expired = "expired",
        Withdrawn = "withdrawn",
    }
}

impl RequestStatus {
    /// How the status reads to people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "Waiting for an answer",
            Self::Approved => "Approved",
            Self::Declined => "Declined",
            Self::Expired => "Expired",
            Self::Withdrawn => "Withdrawn",
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RequestRow {
    pub id: i64,
    pub coach_id: i64,
    pub client_id: Option<i64>,
    pub user_id: Option<i64>,
    pub name: String,
    pub email: String,
    pub session_type_id: i64,
    pub session_type_name: String,
    pub message: String,
    pub time_zone: StoredZone,
    #[sqlx(try_from = "String")]
    pub status: RequestStatus,
    pub decline_reason: String,
    pub booking_id: Option<i64>,
    pub expires_at: UnixTime,
    pub created_at: UnixTime,
    pub updated_at: UnixTime,
}

const COLUMNS: &str = "r.id, r.coach_id, r.client_id, r.user_id, r.name, r.email, \
    r.session_type_id, t.name AS session_type_name, r.message, r.time_zone, r.status, \
    r.decline_reason, r.booking_id, r.expires_at, r.created_at, r.updated_at";
const FROM: &str = "FROM session_requests r JOIN session_types t ON t.id = r.session_type_id";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TimeRow {
    pub request_id: i64,
    pub position: i64,
    pub start_at: UnixTime,
    pub end_at: UnixTime,
    pub offered: Flag,
}

pub struct NewRequest<'a> {
    pub coach_id: i64,
    pub client_id: Option<i64>,
    pub user_id: Option<i64>,
    pub name: &'a str,
    pub email: &'a str,
    pub session_type_id: i64,
    pub message: &'a str,
    pub time_zone: &'a StoredZone,
    pub expires_at: UnixTime,
}

pub struct NewTime {
    pub position: i64,
    pub start_at: UnixTime,
    pub end_at: UnixTime,
    /// 1 (Monday) to 7, in the coach's zone.
    pub local_weekday: i64,
    /// 0 to 23, in the coach's zone.
    pub local_hour: i64,
    pub offered: bool,
}

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    r: &NewRequest<'_>,
    now: UnixTime,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO session_requests (coach_id, client_id, user_id, name, email, session_type_id,
             message, time_zone, status, decline_reason, expires_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', '', $9, $10, $10) RETURNING id",
    )
    .bind(r.coach_id)
    .bind(r.client_id)
    .bind(r.user_id)
    .bind(r.name)
    .bind(r.email)
    .bind(r.session_type_id)
    .bind(r.message)
    .bind(r.time_zone)
    .bind(r.expires_at)
    .bind(now)
    .fetch_one(ex)
    .await?)
}

pub async fn insert_time<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    request_id: i64,
    t: &NewTime,
    now: UnixTime,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO session_request_times (request_id, coach_id, position, start_at, end_at,
             local_weekday, local_hour, offered, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(request_id)
    .bind(coach_id)
    .bind(t.position)
    .bind(t.start_at)
    .bind(t.end_at)
    .bind(t.local_weekday)
    .bind(t.local_hour)
    .bind(Flag(t.offered))
    .bind(now)
    .execute(ex)
    .await?;
    Ok(())
}

/// One of the coach's requests; `NotFound` when it is not theirs.
pub async fn get<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
) -> Result<RequestRow> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} {FROM} WHERE r.coach_id = $1 AND r.id = $2"
    ))
    .bind(coach_id)
    .bind(id)
    .fetch_one(ex)
    .await?)
}

/// A request by id alone (the expiry job, which carries the coach with it anyway).
pub async fn get_any<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<RequestRow> {
    Ok(
        sqlx::query_as(&format!("SELECT {COLUMNS} {FROM} WHERE r.id = $1"))
            .bind(id)
            .fetch_one(ex)
            .await?,
    )
}

/// The coach's requests, newest first, optionally of one status, at most `limit`.
pub async fn list<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    status: Option<RequestStatus>,
    limit: i64,
) -> Result<Vec<RequestRow>> {
    // Two statements rather than `($2 IS NULL OR status = $2)`, so each has its own index.
    match status {
        Some(s) => Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} {FROM} WHERE r.coach_id = $1 AND r.status = $2 ORDER BY r.id DESC LIMIT $3"
        ))
        .bind(coach_id)
        .bind(s.as_str())
        .bind(limit)
        .fetch_all(ex)
        .await?),
        None => Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} {FROM} WHERE r.coach_id = $1 ORDER BY r.id DESC LIMIT $2"
        ))
        .bind(coach_id)
        .bind(limit)
        .fetch_all(ex)
        .await?),
    }
}

/// A requester's own requests, newest first, optionally with one coach only.
pub async fn for_user<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: i64,
    coach_id: Option<i64>,
    limit: i64,
) -> Result<Vec<RequestRow>> {
    match coach_id {
        Some(c) => Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} {FROM} WHERE r.user_id = $1 AND r.coach_id = $2 ORDER BY r.id DESC LIMIT $3"
        ))
        .bind(user_id)
        .bind(c)
        .bind(limit)
        .fetch_all(ex)
        .await?),
        None => Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} {FROM} WHERE r.user_id = $1 ORDER BY r.id DESC LIMIT $2"
        ))
        .bind(user_id)
        .bind(limit)
        .fetch_all(ex)
        .await?),
    }
}

/// One of a requester's own requests; `NotFound` when it is not theirs.
pub async fn get_for_user<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: i64,
    id: i64,
) -> Result<RequestRow> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} {FROM} WHERE r.user_id = $1 AND r.id = $2"
    ))
    .bind(user_id)
    .bind(id)
    .fetch_one(ex)
    .await?)
}

/// The proposed times of `ids`, in request and position order.
pub async fn times<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    ids: &[i64],
) -> Result<Vec<TimeRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // The ids are numbers of our own, at most a list's LIMIT of them.
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    Ok(sqlx::query_as(&format!(
        "SELECT request_id, position, start_at, end_at, offered FROM session_request_times
         WHERE request_id IN ({list}) ORDER BY request_id, position"
    ))
    .fetch_all(ex)
    .await?)
}

/// How many of the coach's requests are pending, counted up to `cap`.
pub async fn pending_count<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    cap: i64,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT 1 AS one FROM session_requests
             WHERE coach_id = $1 AND status = 'pending' LIMIT $2) AS pending",
    )
    .bind(coach_id)
    .bind(cap)
    .fetch_one(ex)
    .await?)
}

/// Moves a pending request to `to` (with the reason and the booking when given); `NotFound`
/// when it is not pending any more (another answer came first).
pub async fn close<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
    to: RequestStatus,
    reason: &str,
    booking_id: Option<i64>,
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE session_requests SET status = $1, decline_reason = $2, booking_id = $3, updated_at = $4
         WHERE coach_id = $5 AND id = $6 AND status = 'pending'",
    )
    .bind(to.as_str())
    .bind(reason)
    .bind(booking_id)
    .bind(now)
    .bind(coach_id)
    .bind(id)
    .execute(ex)
    .await?;
    touched(&done)
}

/// Names the account a booking made from a request belongs to (a registered user who is not a
/// client of the coach), so they hear of it in their notifications.
pub async fn link_booking_user<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    booking_id: i64,
    user_id: i64,
) -> Result<()> {
    let done = sqlx::query("UPDATE bookings SET user_id = $1 WHERE coach_id = $2 AND id = $3")
        .bind(user_id)
        .bind(coach_id)
        .bind(booking_id)
        .execute(ex)
        .await?;
    touched(&done)
}

/// How long the coach's requests wait for an answer, in hours.
pub async fn expiry_hours<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT request_expiry_hours FROM coaches WHERE id = $1")
            .bind(coach_id)
            .fetch_one(ex)
            .await?,
    )
}

pub async fn set_expiry_hours<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    hours: i64,
) -> Result<()> {
    let done = sqlx::query("UPDATE coaches SET request_expiry_hours = $1 WHERE id = $2")
        .bind(hours)
        .bind(coach_id)
        .execute(ex)
        .await?;
    touched(&done)
}

/// One cell of the demand report: how many proposed times started on `weekday` (1 = Monday) in
/// `hour` (coach's zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct DemandCell {
    pub weekday: i64,
    pub hour: i64,
    pub count: i64,
}

/// The coach's proposed times asked for since `since` that were not offered, counted per local
/// weekday and hour. One range of the (coach_id, created_at) index.
pub async fn demand<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    since: UnixTime,
) -> Result<Vec<DemandCell>> {
    Ok(sqlx::query_as(
        "SELECT local_weekday AS weekday, local_hour AS hour, COUNT(*) AS count
         FROM session_request_times
         WHERE coach_id = $1 AND created_at >= $2 AND offered = 0
         GROUP BY local_weekday, local_hour
         ORDER BY local_weekday, local_hour",
    )
    .bind(coach_id)
    .bind(since)
    .fetch_all(ex)
    .await?)
}
