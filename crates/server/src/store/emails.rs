//! Emails (`emails`): rendered messages kept from the moment their change commits, with what
//! became of them. Inserting takes any executor, so an email and the change that causes it commit
//! (or roll back) together. Also the few reads rendering needs about the people involved.

use sqlx::{Any, Executor};

use super::types::{StoredZone, UnixTime};
use super::{touched, Result};

/// Waiting to be sent, or retrying.
pub const QUEUED: &str = "queued";
/// Taken by the SMTP server.
pub const SENT: &str = "sent";
/// No SMTP server is configured: kept in the database for the operator to see.
pub const KEPT: &str = "kept";
/// Refused for good, or out of attempts.
pub const FAILED: &str = "failed";

/// An email to store; the row starts `queued`.
#[derive(Debug, Clone)]
pub struct NewEmail {
    pub coach_id: i64,
    pub booking_id: Option<i64>,
    pub application_id: Option<i64>,
    pub kind: &'static str,
    pub from_name: String,
    pub reply_to_name: String,
    pub reply_to_email: String,
    pub to_name: String,
    pub to_email: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    /// The invitation, with its METHOD and SEQUENCE.
    pub ics: Option<Invite>,
    /// A `List-Unsubscribe` header value (reminders).
    pub list_unsubscribe: Option<String>,
    pub message_id: String,
}

#[derive(Debug, Clone)]
pub struct Invite {
    pub text: String,
    pub method: String,
    pub sequence: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EmailRow {
    pub id: i64,
    pub coach_id: i64,
    pub booking_id: Option<i64>,
    pub application_id: Option<i64>,
    pub kind: String,
    pub from_name: String,
    pub reply_to_name: String,
    pub reply_to_email: String,
    pub to_name: String,
    pub to_email: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub ics: Option<String>,
    pub ics_method: Option<String>,
    pub ics_sequence: Option<i64>,
    pub list_unsubscribe: Option<String>,
    pub message_id: String,
    pub status: String,
    pub last_error: String,
    pub created_at: UnixTime,
    pub sent_at: Option<UnixTime>,
}

const COLUMNS: &str = "id, coach_id, booking_id, application_id, kind, from_name, reply_to_name, \
    reply_to_email, to_name, to_email, subject, text_body, html_body, ics, ics_method, ics_sequence, \
    list_unsubscribe, message_id, status, last_error, created_at, sent_at";

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    e: &NewEmail,
    now: UnixTime,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO emails (coach_id, booking_id, application_id, kind, from_name, reply_to_name,
             reply_to_email, to_name, to_email, subject, text_body, html_body, ics, ics_method,
             ics_sequence, list_unsubscribe, message_id, status, last_error, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 'queued', '', $18)
         RETURNING id",
    )
    .bind(e.coach_id)
    .bind(e.booking_id)
    .bind(e.application_id)
    .bind(e.kind)
    .bind(&e.from_name)
    .bind(&e.reply_to_name)
    .bind(&e.reply_to_email)
    .bind(&e.to_name)
    .bind(&e.to_email)
    .bind(&e.subject)
    .bind(&e.text_body)
    .bind(&e.html_body)
    .bind(e.ics.as_ref().map(|i| i.text.as_str()))
    .bind(e.ics.as_ref().map(|i| i.method.as_str()))
    .bind(e.ics.as_ref().map(|i| i.sequence))
    .bind(e.list_unsubscribe.as_deref())
    .bind(&e.message_id)
    .bind(now)
    .fetch_one(ex)
    .await?)
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<EmailRow> {
    Ok(
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM emails WHERE id = $1"))
            .bind(id)
            .fetch_one(ex)
            .await?,
    )
}

/// One of the coach's emails.
pub async fn get_for_coach<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
) -> Result<EmailRow> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM emails WHERE coach_id = $1 AND id = $2"
    ))
    .bind(coach_id)
    .bind(id)
    .fetch_one(ex)
    .await?)
}

/// The newest emails, of one coach or of all, optionally of one status.
pub async fn list<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: Option<i64>,
    status: Option<&str>,
    limit: i64,
) -> Result<Vec<EmailRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM emails
         WHERE ($1 IS NULL OR coach_id = $1) AND ($2 IS NULL OR status = $2)
         ORDER BY id DESC LIMIT $3"
    ))
    .bind(coach_id)
    .bind(status)
    .bind(limit)
    .fetch_all(ex)
    .await?)
}

/// Records what became of an email: `sent` or `kept` with the time, or `queued`/`failed` with
/// the error.
pub async fn set_status<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: i64,
    status: &str,
    error: &str,
    sent_at: Option<UnixTime>,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE emails SET status = $2, last_error = $3, sent_at = COALESCE($4, sent_at) WHERE id = $1",
    )
    .bind(id)
    .bind(status)
    .bind(error)
    .bind(sent_at)
    .execute(ex)
    .await?;
    touched(&done)
}

/// The SEQUENCE of the booking's next invitation: one more than its last, 0 for the first.
pub async fn next_sequence<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    booking_id: i64,
) -> Result<i64> {
    let last: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(ics_sequence) FROM emails WHERE booking_id = $1 AND ics_sequence IS NOT NULL",
    )
    .bind(booking_id)
    .fetch_one(ex)
    .await?;
    Ok(last.map_or(0, |s| s + 1))
}

/// Who a coach is, for the emails of their practice.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CoachContact {
    pub name: String,
    pub email: String,
    pub time_zone: StoredZone,
}

pub async fn coach_contact<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<CoachContact> {
    Ok(sqlx::query_as(
        "SELECT u.name, u.email, u.time_zone FROM coaches c JOIN users u ON u.id = c.user_id WHERE c.id = $1",
    )
    .bind(coach_id)
    .fetch_one(ex)
    .await?)
}

/// The time zone of a client who is connected to an account; `None` when they are not.
pub async fn client_zone<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    client_id: i64,
) -> Result<Option<StoredZone>> {
    let zone: Option<(StoredZone,)> = sqlx::query_as(
        "SELECT u.time_zone FROM clients c JOIN users u ON u.id = c.user_id
         WHERE c.coach_id = $1 AND c.id = $2",
    )
    .bind(coach_id)
    .bind(client_id)
    .fetch_optional(ex)
    .await?;
    Ok(zone.map(|(z,)| z))
}

/// Gives a stored email its unsubscribe token (reminders).
pub async fn set_unsubscribe_token<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: i64,
    token: &str,
) -> Result<()> {
    let done = sqlx::query("UPDATE emails SET unsubscribe_token = $2 WHERE id = $1")
        .bind(id)
        .bind(token)
        .execute(ex)
        .await?;
    touched(&done)
}

/// Whose email an unsubscribe token came with: the coach, their name, and the address.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Unsubscriber {
    pub coach_id: i64,
    pub coach_name: String,
    pub email: String,
    pub kind: String,
}

pub async fn by_unsubscribe_token<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    token: &str,
) -> Result<Unsubscriber> {
    Ok(sqlx::query_as(
        "SELECT e.coach_id, u.name AS coach_name, e.to_email AS email, e.kind
         FROM emails e JOIN coaches c ON c.id = e.coach_id JOIN users u ON u.id = c.user_id
         WHERE e.unsubscribe_token = $1",
    )
    .bind(token)
    .fetch_one(ex)
    .await?)
}

/// Records that `email` wants no more emails of `kind` from the coach (twice is once).
pub async fn opt_out<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    email: &str,
    kind: &str,
    now: UnixTime,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO email_optouts (coach_id, email, kind, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (coach_id, email, kind) DO NOTHING",
    )
    .bind(coach_id)
    .bind(email)
    .bind(kind)
    .bind(now)
    .execute(ex)
    .await?;
    Ok(())
}

/// Whether `email` asked for no more emails of `kind` from the coach.
pub async fn opted_out<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    email: &str,
    kind: &str,
) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM email_optouts WHERE coach_id = $1 AND email = $2 AND kind = $3",
    )
    .bind(coach_id)
    .bind(email)
    .bind(kind)
    .fetch_one(ex)
    .await?;
    Ok(n > 0)
}
