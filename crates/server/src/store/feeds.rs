//! Calendar feeds: the secret-token addresses (`calendar_feeds`), the one-row read that answers a
//! poll's `If-None-Match` without touching sessions, and the window reads a feed is built from.
//! Every session read is bounded by the feed's window on the index `(coach_id, start_at)`.

use coachbook_core::booking::{BookingStatus, SessionStatus};
use sqlx::{Any, Executor};

use super::types::{StoredZone, UnixTime};
use super::{touched, Result};

/// A feed address as its owner lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FeedRow {
    pub id: i64,
    pub coach_id: i64,
    pub kind: String,
    pub client_id: Option<i64>,
    pub token: String,
    pub coach_name: String,
}

const FEED_SELECT: &str =
    "SELECT f.id, f.coach_id, f.kind, f.client_id, f.token, u.name AS coach_name
    FROM calendar_feeds f JOIN coaches c ON c.id = f.coach_id JOIN users u ON u.id = c.user_id";

/// Gives the coach's feed of `kind` a token unless it has one (a second caller racing the first
/// keeps the first's).
pub async fn ensure_coach_feed<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    user_id: i64,
    kind: &str,
    token: &str,
    now: UnixTime,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO calendar_feeds (coach_id, kind, client_id, user_id, token, created_at)
         VALUES ($1, $2, NULL, $3, $4, $5) ON CONFLICT DO NOTHING",
    )
    .bind(coach_id)
    .bind(kind)
    .bind(user_id)
    .bind(token)
    .bind(now)
    .execute(ex)
    .await?;
    Ok(())
}

/// Gives a connected client's feed a token unless it has one. A feed left from an account that
/// is no longer the client's moves to `user_id` with the new token: the old owner's address stops.
pub async fn ensure_client_feed(
    conn: &mut sqlx::AnyConnection,
    coach_id: i64,
    client_id: i64,
    user_id: i64,
    token: &str,
    now: UnixTime,
) -> Result<()> {
    sqlx::query(
        "UPDATE calendar_feeds SET user_id = $1, token = $2, rotated_at = $3
         WHERE client_id = $4 AND user_id <> $1",
    )
    .bind(user_id)
    .bind(token)
    .bind(now)
    .bind(client_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO calendar_feeds (coach_id, kind, client_id, user_id, token, created_at)
         VALUES ($1, 'client', $2, $3, $4, $5) ON CONFLICT DO NOTHING",
    )
    .bind(coach_id)
    .bind(client_id)
    .bind(user_id)
    .bind(token)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The client records (of other practices than the account's own) connected to `user_id`, as
/// (coach id, client id).
pub async fn connected_clients<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: i64,
) -> Result<Vec<(i64, i64)>> {
    Ok(sqlx::query_as(
        "SELECT cl.coach_id, cl.id FROM clients cl JOIN coaches c ON c.id = cl.coach_id
         WHERE cl.user_id = $1 AND c.user_id <> $1 ORDER BY cl.coach_id",
    )
    .bind(user_id)
    .fetch_all(ex)
    .await?)
}

/// The feeds given to `user_id` that still answer: their own practice's, and those of client
/// records still connected to them; by coach, then kind.
pub async fn list_for_user<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: i64,
) -> Result<Vec<FeedRow>> {
    Ok(sqlx::query_as(&format!(
        "{FEED_SELECT} LEFT JOIN clients cl ON cl.id = f.client_id
         WHERE f.user_id = $1 AND (f.client_id IS NULL OR cl.user_id = $1)
         ORDER BY CASE WHEN f.client_id IS NULL THEN 0 ELSE 1 END, u.name, f.coach_id, f.kind"
    ))
    .bind(user_id)
    .fetch_all(ex)
    .await?)
}

/// Writes a new token over one of `user_id`'s feeds; `NotFound` when they have no such feed.
pub async fn rotate<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: i64,
    feed_id: i64,
    token: &str,
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE calendar_feeds SET token = $1, rotated_at = $2 WHERE id = $3 AND user_id = $4",
    )
    .bind(token)
    .bind(now)
    .bind(feed_id)
    .bind(user_id)
    .execute(ex)
    .await?;
    touched(&done)
}

/// What answering a poll needs, in one indexed read: the feed, its coach's name, zone and
/// calendar version, and for a client's feed whether the client is still connected to its owner
/// (`client_connected`).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FeedHeadRow {
    pub id: i64,
    pub coach_id: i64,
    pub kind: String,
    pub client_id: Option<i64>,
    pub user_id: i64,
    pub coach_name: String,
    pub coach_zone: StoredZone,
    pub calendar_version: i64,
    pub client_connected: i64,
}

/// The feed a token opens; `NotFound` for an unknown token.
pub async fn head_by_token<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    token: &str,
) -> Result<FeedHeadRow> {
    Ok(sqlx::query_as(
        "SELECT f.id, f.coach_id, f.kind, f.client_id, f.user_id, u.name AS coach_name,
            u.time_zone AS coach_zone, c.calendar_version,
            CASE WHEN cl.user_id = f.user_id THEN 1 ELSE 0 END AS client_connected
         FROM calendar_feeds f JOIN coaches c ON c.id = f.coach_id JOIN users u ON u.id = c.user_id
         LEFT JOIN clients cl ON cl.id = f.client_id
         WHERE f.token = $1",
    )
    .bind(token)
    .fetch_one(ex)
    .await?)
}

/// A session of the coach's feed.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FeedSessionRow {
    pub id: i64,
    pub session_type_name: String,
    #[sqlx(try_from = "String")]
    pub kind: coachbook_core::booking::SessionKind,
    pub start_at: UnixTime,
    pub end_at: UnixTime,
    #[sqlx(try_from = "String")]
    pub status: SessionStatus,
    pub meeting_url: String,
    pub revision: i64,
    pub updated_at: UnixTime,
    /// The series it is an occurrence of, and its start in it (RECURRENCE-ID).
    pub series_id: Option<i64>,
    pub recurrence_at: Option<UnixTime>,
}

/// A booking in a session of the coach's feed: the participant's name as the coach knows them
/// now (the client record's, else the name booked with).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FeedParticipantRow {
    pub session_id: i64,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub status: BookingStatus,
    pub revision: i64,
    pub updated_at: UnixTime,
}

/// The coach's sessions starting in `[from, to)`, by start; at most `limit`.
pub async fn coach_sessions<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    from: UnixTime,
    to: UnixTime,
    limit: i64,
) -> Result<Vec<FeedSessionRow>> {
    Ok(sqlx::query_as(
        "SELECT s.id, t.name AS session_type_name, t.kind, s.start_at, s.end_at, s.status,
            s.meeting_url, s.revision, s.updated_at, s.series_id, s.recurrence_at
         FROM sessions s JOIN session_types t ON t.id = s.session_type_id
         WHERE s.coach_id = $1 AND s.start_at >= $2 AND s.start_at < $3
         ORDER BY s.start_at, s.id LIMIT $4",
    )
    .bind(coach_id)
    .bind(from)
    .bind(to)
    .bind(limit)
    .fetch_all(ex)
    .await?)
}

/// The bookings of the coach's sessions starting in `[from, to)`, by session and as booked.
pub async fn coach_participants<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    from: UnixTime,
    to: UnixTime,
) -> Result<Vec<FeedParticipantRow>> {
    Ok(sqlx::query_as(
        "SELECT b.session_id, COALESCE(cl.name, b.name) AS name, b.status, b.revision, b.updated_at
         FROM bookings b LEFT JOIN clients cl ON cl.id = b.client_id
         WHERE b.coach_id = $1 AND b.session_id IN (
             SELECT s.id FROM sessions s WHERE s.coach_id = $1 AND s.start_at >= $2 AND s.start_at < $3)
         ORDER BY b.session_id, b.id",
    )
    .bind(coach_id)
    .bind(from)
    .bind(to)
    .fetch_all(ex)
    .await?)
}

/// One of a client's own bookings in their feed, with nothing of anyone else's.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FeedBookingRow {
    pub id: i64,
    pub session_type_name: String,
    pub start_at: UnixTime,
    pub end_at: UnixTime,
    #[sqlx(try_from = "String")]
    pub status: BookingStatus,
    #[sqlx(try_from = "String")]
    pub session_status: SessionStatus,
    pub meeting_url: String,
    pub revision: i64,
    pub session_revision: i64,
    pub updated_at: UnixTime,
    pub session_updated_at: UnixTime,
    /// The SEQUENCE of the last invitation emailed about the booking.
    pub email_sequence: Option<i64>,
    /// The address booked with, and the session's series and start in it: a booking in a series
    /// is an instance of the attendee's recurring event.
    pub email: String,
    pub series_id: Option<i64>,
    pub recurrence_at: Option<UnixTime>,
}

/// The bookings of client `client_id` (or made with account `user_id`) in the coach's sessions
/// starting in `[from, to)`, by start; at most `limit`.
pub async fn client_bookings<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    client_id: i64,
    user_id: i64,
    from: UnixTime,
    to: UnixTime,
    limit: i64,
) -> Result<Vec<FeedBookingRow>> {
    Ok(sqlx::query_as(
        "SELECT b.id, t.name AS session_type_name, s.start_at, s.end_at, b.status,
            s.status AS session_status, s.meeting_url, b.revision, s.revision AS session_revision,
            b.updated_at, s.updated_at AS session_updated_at,
            (SELECT MAX(e.ics_sequence) FROM emails e
             WHERE e.booking_id = b.id AND e.ics_sequence IS NOT NULL) AS email_sequence,
            b.email, s.series_id, s.recurrence_at
         FROM sessions s JOIN bookings b ON b.session_id = s.id
         JOIN session_types t ON t.id = s.session_type_id
         WHERE s.coach_id = $1 AND s.start_at >= $2 AND s.start_at < $3
           AND b.coach_id = $1 AND (b.client_id = $4 OR b.user_id = $5)
         ORDER BY s.start_at, b.id LIMIT $6",
    )
    .bind(coach_id)
    .bind(from)
    .bind(to)
    .bind(client_id)
    .bind(user_id)
    .bind(limit)
    .fetch_all(ex)
    .await?)
}
