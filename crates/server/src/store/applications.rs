//! Applications (`applications`) and the coach's intake questions (`coaches.intake_questions`).
//! Every query is scoped to one coach; the public apply form finds the coach by slug first.

use coachbook_core::application::{ApplicationStatus, IntakeAnswer};
use sqlx::{Any, Executor};

use super::clients::like_pattern;
use super::types::{column, UnixTime};
use super::{touched, Result};

/// The intake answers, kept as a JSON array of `{question, answer}`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Answers(pub Vec<IntakeAnswer>);

column!(Answers, String,
    decode: |text| serde_json::from_str(&text)
        .map(Answers)
        .map_err(|e| format!("intake answers are not a JSON list of question and answer: {e}").into()),
    encode: |a| serde_json::to_string(&a.0).unwrap_or_else(|_| "[]".to_owned()));

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApplicationRow {
    pub id: i64,
    pub coach_id: i64,
    pub name: String,
    pub email: String,
    pub goals: String,
    pub answers: Answers,
    #[sqlx(try_from = "String")]
    pub status: ApplicationStatus,
    pub booking_id: Option<i64>,
    pub client_id: Option<i64>,
    pub package_id: Option<i64>,
    /// The enrolment made when it was promoted.
    pub enrolment_id: Option<i64>,
    pub created_at: UnixTime,
    pub updated_at: UnixTime,
}

const COLUMNS: &str =
    "id, coach_id, name, email, goals, answers, status, booking_id, client_id, package_id, \
    enrolment_id, created_at, updated_at";

/// The coach's applications, newest first, optionally of one status and matching `q` in name,
/// email or goals.
pub async fn list<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    status: Option<ApplicationStatus>,
    q: Option<&str>,
) -> Result<Vec<ApplicationRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM applications
         WHERE coach_id = $1 AND ($2 = '' OR status = $2)
            AND ($3 = '' OR LOWER(name) LIKE $4 ESCAPE '\\' OR email LIKE $4 ESCAPE '\\' OR LOWER(goals) LIKE $4 ESCAPE '\\')
         ORDER BY created_at DESC, id DESC"
    );
    let q = q.map(str::trim).unwrap_or_default();
    Ok(sqlx::query_as(&sql)
        .bind(coach_id)
        .bind(status.map_or("", ApplicationStatus::as_str))
        .bind(q)
        .bind(like_pattern(q))
        .fetch_all(ex)
        .await?)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StatusCount {
    #[sqlx(try_from = "String")]
    pub status: ApplicationStatus,
    pub count: i64,
}

/// How many of the coach's applications are in each status.
pub async fn count_by_status<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<Vec<StatusCount>> {
    Ok(sqlx::query_as(
        "SELECT status, COUNT(*) AS count FROM applications WHERE coach_id = $1 GROUP BY status",
    )
    .bind(coach_id)
    .fetch_all(ex)
    .await?)
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
) -> Result<ApplicationRow> {
    let sql = format!("SELECT {COLUMNS} FROM applications WHERE coach_id = $1 AND id = $2");
    Ok(sqlx::query_as(&sql)
        .bind(coach_id)
        .bind(id)
        .fetch_one(ex)
        .await?)
}

pub struct NewApplication<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub goals: &'a str,
    pub answers: &'a Answers,
}

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    a: &NewApplication<'_>,
    now: UnixTime,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO applications (coach_id, name, email, goals, answers, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(coach_id)
    .bind(a.name)
    .bind(a.email)
    .bind(a.goals)
    .bind(a.answers)
    .bind(ApplicationStatus::New.as_str())
    .bind(now)
    .fetch_one(ex)
    .await?)
}

/// What the coach may change on an application by hand.
pub struct ApplicationFields<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub goals: &'a str,
    pub status: ApplicationStatus,
    pub package_id: Option<i64>,
}

pub async fn update<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
    f: &ApplicationFields<'_>,
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE applications SET name = $1, email = $2, goals = $3, status = $4, package_id = $5, updated_at = $6
         WHERE coach_id = $7 AND id = $8",
    )
    .bind(f.name)
    .bind(f.email)
    .bind(f.goals)
    .bind(f.status.as_str())
    .bind(f.package_id)
    .bind(now)
    .bind(coach_id)
    .bind(id)
    .execute(ex)
    .await?;
    touched(&done)
}

/// Touches the application first in a transaction, so concurrent promotes of it queue up (a row
/// lock on PostgreSQL; SQLite's write transaction already serialises).
pub async fn lock<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
    now: UnixTime,
) -> Result<()> {
    let done =
        sqlx::query("UPDATE applications SET updated_at = $1 WHERE coach_id = $2 AND id = $3")
            .bind(now)
            .bind(coach_id)
            .bind(id)
            .execute(ex)
            .await?;
    touched(&done)
}

/// What promoting an application made.
pub struct Promoted {
    pub client_id: i64,
    pub package_id: Option<i64>,
    pub enrolment_id: Option<i64>,
}

pub async fn set_promoted<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
    p: &Promoted,
    now: UnixTime,
) -> Result<()> {
    sqlx::query(
        "UPDATE applications SET status = $1, client_id = $2, package_id = $3, enrolment_id = $4,
            updated_at = $5
         WHERE coach_id = $6 AND id = $7",
    )
    .bind(ApplicationStatus::Promoted.as_str())
    .bind(p.client_id)
    .bind(p.package_id)
    .bind(p.enrolment_id)
    .bind(now)
    .bind(coach_id)
    .bind(id)
    .execute(ex)
    .await?;
    Ok(())
}

/// Points an application at its discovery call's booking and sets its status.
pub async fn set_discovery_call<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
    booking_id: i64,
    status: ApplicationStatus,
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE applications SET booking_id = $1, status = $2, updated_at = $3
         WHERE coach_id = $4 AND id = $5",
    )
    .bind(booking_id)
    .bind(status.as_str())
    .bind(now)
    .bind(coach_id)
    .bind(id)
    .execute(ex)
    .await?;
    touched(&done)
}

/// The coach's applications whose email another of their applications shares: (id, email in
/// lower case), the earliest of each email first.
pub async fn sharing_an_email<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, LOWER(email) AS email FROM applications
         WHERE coach_id = $1 AND LOWER(email) IN (
             SELECT LOWER(email) FROM applications WHERE coach_id = $1
             GROUP BY LOWER(email) HAVING COUNT(*) > 1)
         ORDER BY LOWER(email), created_at, id",
    )
    .bind(coach_id)
    .fetch_all(ex)
    .await?)
}

/// The coach's earliest application from `email` (any case).
pub async fn earliest_with_email<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    email: &str,
) -> Result<ApplicationRow> {
    let sql = format!(
        "SELECT {COLUMNS} FROM applications WHERE coach_id = $1 AND LOWER(email) = LOWER($2)
         ORDER BY created_at, id LIMIT 1"
    );
    Ok(sqlx::query_as(&sql)
        .bind(coach_id)
        .bind(email)
        .fetch_one(ex)
        .await?)
}

/// What an application becomes when a later one from the same person is merged into it.
pub struct Merged<'a> {
    pub answers: &'a Answers,
    pub status: ApplicationStatus,
    pub booking_id: Option<i64>,
    pub package_id: Option<i64>,
}

pub async fn set_merged<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
    m: &Merged<'_>,
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE applications SET answers = $1, status = $2, booking_id = $3, package_id = $4,
            updated_at = $5
         WHERE coach_id = $6 AND id = $7",
    )
    .bind(m.answers)
    .bind(m.status.as_str())
    .bind(m.booking_id)
    .bind(m.package_id)
    .bind(now)
    .bind(coach_id)
    .bind(id)
    .execute(ex)
    .await?;
    touched(&done)
}

/// Points the bookings made for application `from` (its discovery calls) at application `to`.
pub async fn move_bookings<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    from: i64,
    to: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE bookings SET application_id = $1 WHERE coach_id = $2 AND application_id = $3",
    )
    .bind(to)
    .bind(coach_id)
    .bind(from)
    .execute(ex)
    .await?;
    Ok(())
}

pub async fn delete<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
) -> Result<()> {
    let done = sqlx::query("DELETE FROM applications WHERE coach_id = $1 AND id = $2")
        .bind(coach_id)
        .bind(id)
        .execute(ex)
        .await?;
    touched(&done)
}

/// The coach behind a public page address, with what the apply form needs.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PublicCoach {
    pub coach_id: i64,
    pub name: String,
    pub slug: String,
    pub intake_questions: String,
}

pub async fn coach_by_slug<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    slug: &str,
) -> Result<PublicCoach> {
    Ok(sqlx::query_as(
        "SELECT c.id AS coach_id, u.name, c.slug, c.intake_questions
         FROM coaches c JOIN users u ON u.id = c.user_id WHERE c.slug = $1",
    )
    .bind(slug)
    .fetch_one(ex)
    .await?)
}

pub async fn intake_questions<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<String> {
    Ok(
        sqlx::query_scalar("SELECT intake_questions FROM coaches WHERE id = $1")
            .bind(coach_id)
            .fetch_one(ex)
            .await?,
    )
}

pub async fn set_intake_questions<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    questions: &str,
) -> Result<()> {
    sqlx::query("UPDATE coaches SET intake_questions = $1 WHERE id = $2")
        .bind(questions)
        .bind(coach_id)
        .execute(ex)
        .await?;
    Ok(())
}
