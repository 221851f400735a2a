//! In-app notifications (`notifications`): rows per user, and what a notice about a booking or an
//! application is written from. Every read is one user's, bounded by a `LIMIT` and served by an
//! index that starts at the user.

use coachbook_core::booking::BookingStatus;
use sqlx::{Any, Executor};

use super::types::{StoredZone, UnixTime};
use super::{touched, Result};

coachbook_core::text_enum! {
    /// What a notification is about.
    pub enum NotificationKind ("notification kind") {
        BookingCreated = "booking_created",
        DiscoveryCallScheduled = "discovery_call_scheduled",
        BookingConfirmed = "booking_confirmed",
        BookingCancelled = "booking_cancelled",
        BookingRescheduled = "booking_rescheduled",
        ApplicationReceived = "application_received",
        SessionRequestReceived = "session_request_received",
        SessionRequestDeclined = "session_request_declined",
        SessionRequestExpired = "session_request_expired",
        SessionRequestWithdrawn = "session_request_withdrawn",
        WaitlistOffer = "waitlist_offer",
        CohostInvited = "cohost_invited",
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NotificationRow {
    pub id: i64,
    pub user_id: i64,
    pub coach_id: i64,
    #[sqlx(try_from = "String")]
    pub kind: NotificationKind,
    pub title: String,
    pub body: String,
    pub link: String,
    pub booking_id: Option<i64>,
    pub application_id: Option<i64>,
    pub created_at: UnixTime,
    pub read_at: Option<UnixTime>,
}

const COLUMNS: &str =
    "id, user_id, coach_id, kind, title, body, link, booking_id, application_id, \
    created_at, read_at";

pub struct NewNotification<'a> {
    pub user_id: i64,
    pub coach_id: i64,
    pub kind: NotificationKind,
    pub title: &'a str,
    pub body: &'a str,
    pub link: &'a str,
    pub booking_id: Option<i64>,
    pub application_id: Option<i64>,
}

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    n: &NewNotification<'_>,
    now: UnixTime,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO notifications (user_id, coach_id, kind, title, body, link, booking_id, application_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(n.user_id)
    .bind(n.coach_id)
    .bind(n.kind.as_str())
    .bind(n.title)
    .bind(n.body)
    .bind(n.link)
    .bind(n.booking_id)
    .bind(n.application_id)
    .bind(now)
    .fetch_one(ex)
    .await?)
}

/// Which of a user's notifications to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Only those not yet read.
    pub unread_only: bool,
    /// Only those older than this one (the id of the last one of the previous page).
    pub before: Option<i64>,
    /// At most this many.
    pub limit: i64,
}

/// The user's notifications, newest first (in the order they were recorded), one page of them.
pub async fn list<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: i64,
    page: Page,
) -> Result<Vec<NotificationRow>> {
    // Two statements rather than `($2 = 0 OR read_at IS NULL)`: a planner cannot choose the
    // partial index of unread ones for a condition that only a parameter decides.
    let unread = if page.unread_only {
        " AND read_at IS NULL"
    } else {
        ""
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM notifications WHERE user_id = $1 AND id < $2{unread}
         ORDER BY id DESC LIMIT $3"
    );
    Ok(sqlx::query_as(&sql)
        .bind(user_id)
        .bind(page.before.unwrap_or(i64::MAX))
        .bind(page.limit)
        .fetch_all(ex)
        .await?)
}

/// How many of the user's notifications are unread, counted up to `cap`: the count reads at most
/// `cap` index entries, however many pile up.
pub async fn unread_count<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: i64,
    cap: i64,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT 1 AS one FROM notifications WHERE user_id = $1 AND read_at IS NULL LIMIT $2) AS unread",
    )
    .bind(user_id)
    .bind(cap)
    .fetch_one(ex)
    .await?)
}

/// One of the user's notifications; `NotFound` when there is none of that id or it is another's.
pub async fn get<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: i64,
    id: i64,
) -> Result<NotificationRow> {
    let sql = format!("SELECT {COLUMNS} FROM notifications WHERE user_id = $1 AND id = $2");
    Ok(sqlx::query_as(&sql)
        .bind(user_id)
        .bind(id)
        .fetch_one(ex)
        .await?)
}

/// Marks one of the user's notifications read (one already read keeps when it was read);
/// `NotFound` when it is not theirs.
pub async fn mark_read<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: i64,
    id: i64,
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE notifications SET read_at = COALESCE(read_at, $1) WHERE user_id = $2 AND id = $3",
    )
    .bind(now)
    .bind(user_id)
    .bind(id)
    .execute(ex)
    .await?;
    touched(&done)
}

/// Marks every unread notification of the user read; how many that was.
pub async fn mark_all_read<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: i64,
    now: UnixTime,
) -> Result<u64> {
    let done =
        sqlx::query("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL")
            .bind(now)
            .bind(user_id)
            .execute(ex)
            .await?;
    Ok(done.rows_affected())
}

/// The coach (the person) of a practice: who hears of what happens in it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CoachPerson {
    pub user_id: i64,
    pub name: String,
    pub time_zone: StoredZone,
    pub slug: String,
}

pub async fn coach_person<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<CoachPerson> {
    Ok(sqlx::query_as(
        "SELECT u.id AS user_id, u.name, u.time_zone, c.slug
         FROM coaches c JOIN users u ON u.id = c.user_id WHERE c.id = $1",
    )
    .bind(coach_id)
    .fetch_one(ex)
    .await?)
}

/// What a notice about a booking says, and who its participant is when they have an account:
/// the user the booking's client is connected to, else the user the booking itself names.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BookingFacts {
    pub id: i64,
    pub name: String,
    pub session_type_name: String,
    pub start_at: UnixTime,
    pub end_at: UnixTime,
    #[sqlx(try_from = "String")]
    pub status: BookingStatus,
    pub cancel_reason: String,
    pub application_id: Option<i64>,
    pub participant_user_id: Option<i64>,
    pub participant_time_zone: Option<StoredZone>,
}

pub async fn booking_facts<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    booking_id: i64,
) -> Result<BookingFacts> {
    Ok(sqlx::query_as(
        "SELECT b.id, b.name, t.name AS session_type_name, s.start_at, s.end_at, b.status, b.cancel_reason,
                b.application_id, p.id AS participant_user_id, p.time_zone AS participant_time_zone
         FROM bookings b JOIN sessions s ON s.id = b.session_id JOIN session_types t ON t.id = s.session_type_id
         LEFT JOIN clients c ON c.id = b.client_id
         LEFT JOIN users p ON p.id = COALESCE(c.user_id, b.user_id)
         WHERE b.coach_id = $1 AND b.id = $2",
    )
    .bind(coach_id)
    .bind(booking_id)
    .fetch_one(ex)
    .await?)
}

/// The name an application was sent under.
pub async fn application_name<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    application_id: i64,
) -> Result<String> {
    Ok(
        sqlx::query_scalar("SELECT name FROM applications WHERE coach_id = $1 AND id = $2")
            .bind(coach_id)
            .bind(application_id)
            .fetch_one(ex)
            .await?,
    )
}

/// Marks the practice's unread notifications made before `before` read (the demo's replayed
/// history: news of a year ago is not news); how many that was.
pub async fn mark_read_before<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    before: UnixTime,
    now: UnixTime,
) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE notifications SET read_at = $1
         WHERE coach_id = $2 AND created_at < $3 AND read_at IS NULL",
    )
    .bind(now)
    .bind(coach_id)
    .bind(before)
    .execute(ex)
    .await?;
    Ok(done.rows_affected())
}
