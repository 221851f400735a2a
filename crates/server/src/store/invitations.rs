//! Connected clients: invitations (`client_invitations`), the account a client record is linked
//! to (`clients.user_id`), and what a connected person reads of their own: their bookings
//! across coaches, found through the clients linked to them or the account they booked with.

use coachbook_core::booking::BookingStatus;
use coachbook_core::credit::CreditKind;
use sqlx::{Any, Executor};

use super::types::{MaybeText, StoredZone, UnixTime};
use super::{touched, Result};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InvitationRow {
    pub id: i64,
    pub coach_id: i64,
    pub client_id: i64,
    pub email: String,
    pub created_at: UnixTime,
    pub expires_at: UnixTime,
    pub accepted_at: Option<UnixTime>,
    pub accepted_user_id: Option<i64>,
    pub revoked_at: Option<UnixTime>,
    /// The coach's name, for the page the link opens.
    pub coach_name: String,
    pub coach_slug: String,
    /// The account the client record is connected to now, if any.
    pub client_user_id: Option<i64>,
}

const SELECT: &str = "SELECT i.id, i.coach_id, i.client_id, i.email, i.created_at, i.expires_at,
        i.accepted_at, i.accepted_user_id, i.revoked_at, u.name AS coach_name, c.slug AS coach_slug,
        cl.user_id AS client_user_id
    FROM client_invitations i JOIN coaches c ON c.id = i.coach_id JOIN users u ON u.id = c.user_id
    JOIN clients cl ON cl.id = i.client_id";

pub struct NewInvitation<'a> {
    pub coach_id: i64,
    pub client_id: i64,
    pub email: &'a str,
    pub token_hash: &'a str,
    pub expires_at: UnixTime,
}

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    i: &NewInvitation<'_>,
    now: UnixTime,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO client_invitations (coach_id, client_id, email, token_hash, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(i.coach_id)
    .bind(i.client_id)
    .bind(i.email)
    .bind(i.token_hash)
    .bind(now)
    .bind(i.expires_at)
    .fetch_one(ex)
    .await?)
}

/// Revokes the client's invitations that are neither used nor revoked; answers how many.
pub async fn revoke_open<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    client_id: i64,
    now: UnixTime,
) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE client_invitations SET revoked_at = $1
         WHERE coach_id = $2 AND client_id = $3 AND accepted_at IS NULL AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(coach_id)
    .bind(client_id)
    .execute(ex)
    .await?;
    Ok(done.rows_affected())
}

/// The invitation whose token hashes to `hash`; `NotFound` for an unknown one.
pub async fn by_hash<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    hash: &str,
) -> Result<InvitationRow> {
    Ok(sqlx::query_as(&format!("{SELECT} WHERE i.token_hash = $1"))
        .bind(hash)
        .fetch_one(ex)
        .await?)
}

/// The client's newest invitation, if any.
pub async fn latest_for_client<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    client_id: i64,
) -> Result<Option<InvitationRow>> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE i.coach_id = $1 AND i.client_id = $2 ORDER BY i.id DESC LIMIT 1"
    ))
    .bind(coach_id)
    .bind(client_id)
    .fetch_optional(ex)
    .await?)
}

/// Marks the invitation used by `user_id`, once: `NotFound` when it was used or revoked meanwhile.
pub async fn accept<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: i64,
    user_id: i64,
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE client_invitations SET accepted_at = $1, accepted_user_id = $2
         WHERE id = $3 AND accepted_at IS NULL AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .bind(id)
    .execute(ex)
    .await?;
    touched(&done)
}

/// Connects (or, with `None`, disconnects) the coach's client record to an account. A second
/// client of the same coach for one account is a `Unique` error on `user_id`.
pub async fn set_client_user<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    client_id: i64,
    user_id: Option<i64>,
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE clients SET user_id = $1, updated_at = $2 WHERE coach_id = $3 AND id = $4",
    )
    .bind(user_id)
    .bind(now)
    .bind(coach_id)
    .bind(client_id)
    .execute(ex)
    .await?;
    touched(&done)
}

/// The coach's client record connected to `user_id` (whatever its status), if any.
pub async fn client_of_user<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    user_id: i64,
) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM clients WHERE coach_id = $1 AND user_id = $2")
            .bind(coach_id)
            .bind(user_id)
            .fetch_optional(ex)
            .await?,
    )
}

/// The email of the account a client record is connected to.
pub async fn account_email<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: i64,
) -> Result<String> {
    Ok(sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(ex)
        .await?)
}

/// A practice a person is connected to, or has booked with under their account.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PracticeRow {
    pub coach_id: i64,
    pub coach_name: String,
    pub coach_slug: String,
    pub coach_zone: StoredZone,
    /// Their client record there, when connected.
    pub client_id: Option<i64>,
}

/// The practices `user_id` is connected to as a client, and those they booked with or sent
/// session requests to as themselves; never their own practice.
pub async fn practices<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: i64,
) -> Result<Vec<PracticeRow>> {
    Ok(sqlx::query_as(
        "SELECT c.id AS coach_id, u.name AS coach_name, c.slug AS coach_slug, u.time_zone AS coach_zone,
                (SELECT cl.id FROM clients cl WHERE cl.coach_id = c.id AND cl.user_id = $1) AS client_id
         FROM coaches c JOIN users u ON u.id = c.user_id
         WHERE c.user_id <> $1 AND (
             c.id IN (SELECT cl.coach_id FROM clients cl WHERE cl.user_id = $1)
             OR c.id IN (SELECT b.coach_id FROM bookings b WHERE b.user_id = $1)
             OR c.id IN (SELECT r.coach_id FROM session_requests r WHERE r.user_id = $1))
         ORDER BY LOWER(u.name), c.id",
    )
    .bind(user_id)
    .fetch_all(ex)
    .await?)
}

/// One of a person's own bookings, with nothing of anyone else's.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MyBookingRow {
    pub id: i64,
    pub coach_id: i64,
    pub session_id: i64,
    pub session_type_id: i64,
    pub session_type_name: String,
    pub session_type_color: String,
    pub start_at: UnixTime,
    pub end_at: UnixTime,
    #[sqlx(try_from = "String")]
    pub status: BookingStatus,
    pub cancel_reason: String,
    pub meeting_url: String,
    pub enrolment_id: Option<i64>,
    pub package_name: Option<String>,
    #[sqlx(try_from = "Option<String>")]
    pub last_credit_entry: MaybeText<CreditKind>,
    pub coach_name: String,
    pub coach_slug: String,
}

const MY_SELECT: &str = "SELECT b.id, b.coach_id, b.session_id, s.session_type_id,
        t.name AS session_type_name, t.color AS session_type_color, s.start_at, s.end_at, b.status,
        b.cancel_reason, s.meeting_url, b.enrolment_id, p.name AS package_name,
        (SELECT ce.kind FROM credit_entries ce WHERE ce.booking_id = b.id ORDER BY ce.id DESC LIMIT 1)
            AS last_credit_entry,
        u.name AS coach_name, c.slug AS coach_slug
    FROM bookings b JOIN sessions s ON s.id = b.session_id JOIN session_types t ON t.id = s.session_type_id
    LEFT JOIN enrolments e ON e.id = b.enrolment_id LEFT JOIN packages p ON p.id = e.package_id
    JOIN coaches c ON c.id = b.coach_id JOIN users u ON u.id = c.user_id";

/// Which bookings are `$1`'s own: booked with their account, or of a client record connected to
/// it; never those of their own practice.
const MINE: &str = "c.user_id <> $1 AND b.id IN (
        SELECT b2.id FROM bookings b2 WHERE b2.user_id = $1
        UNION SELECT b3.id FROM bookings b3 JOIN clients c3 ON c3.id = b3.client_id WHERE c3.user_id = $1)";

/// `user_id`'s bookings that end after `now`, soonest first.
pub async fn my_upcoming<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: i64,
    now: UnixTime,
    limit: i64,
) -> Result<Vec<MyBookingRow>> {
    Ok(sqlx::query_as(&format!(
        "{MY_SELECT} WHERE {MINE} AND s.end_at > $2 ORDER BY s.start_at, b.id LIMIT $3"
    ))
    .bind(user_id)
    .bind(now)
    .bind(limit)
    .fetch_all(ex)
    .await?)
}

/// `user_id`'s bookings that ended by `now`, newest first.
pub async fn my_past<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: i64,
    now: UnixTime,
    limit: i64,
) -> Result<Vec<MyBookingRow>> {
    Ok(sqlx::query_as(&format!(
        "{MY_SELECT} WHERE {MINE} AND s.end_at <= $2 ORDER BY s.start_at DESC, b.id DESC LIMIT $3"
    ))
    .bind(user_id)
    .bind(now)
    .bind(limit)
    .fetch_all(ex)
    .await?)
}

/// One of `user_id`'s own bookings; `NotFound` for anyone else's, exactly as for a missing one.
pub async fn my_booking<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: i64,
    booking_id: i64,
) -> Result<MyBookingRow> {
    Ok(
        sqlx::query_as(&format!("{MY_SELECT} WHERE {MINE} AND b.id = $2"))
            .bind(user_id)
            .bind(booking_id)
            .fetch_one(ex)
            .await?,
    )
}

/// The booking of a coach by id, in the same shape (for a manage link, which opens one booking).
pub async fn booking<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    booking_id: i64,
) -> Result<MyBookingRow> {
    Ok(
        sqlx::query_as(&format!("{MY_SELECT} WHERE b.coach_id = $1 AND b.id = $2"))
            .bind(coach_id)
            .bind(booking_id)
            .fetch_one(ex)
            .await?,
    )
}

/// Records the account that sent an application while signed in.
pub async fn set_application_user<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    application_id: i64,
    user_id: i64,
) -> Result<()> {
    let done = sqlx::query("UPDATE applications SET user_id = $1 WHERE coach_id = $2 AND id = $3")
        .bind(user_id)
        .bind(coach_id)
        .bind(application_id)
        .execute(ex)
        .await?;
    touched(&done)
}

/// The account that sent an application, when it was sent signed in.
pub async fn application_user<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    application_id: i64,
) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT user_id FROM applications WHERE coach_id = $1 AND id = $2")
            .bind(coach_id)
            .bind(application_id)
            .fetch_one(ex)
            .await?,
    )
}
