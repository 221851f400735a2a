//! Enrolments of clients in packages and the package credit ledger (`enrolments`,
//! `credit_entries`). Credits remaining are the sum of an enrolment's ledger entries; rows are
//! only ever added. Every query is scoped to one coach.

use coachbook_core::credit::CreditKind;
use coachbook_core::practice::EnrolmentStatus;
use sqlx::{Any, Executor};

use super::types::{IsoDate, UnixTime};
use super::Result;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EnrolmentRow {
    pub id: i64,
    pub client_id: i64,
    pub package_id: i64,
    pub package_name: String,
    pub session_minutes: i64,
    pub session_type_id: Option<i64>,
    pub sessions_total: i64,
    pub starts_on: IsoDate,
    /// The first day the credits cannot be used; `None` = no expiry.
    pub expires_on: Option<IsoDate>,
    #[sqlx(try_from = "String")]
    pub status: EnrolmentStatus,
    pub created_at: UnixTime,
    pub credits_remaining: i64,
}

const SELECT: &str = "SELECT e.id, e.client_id, e.package_id, p.name AS package_name, p.session_minutes,
        p.session_type_id, e.sessions_total, e.starts_on, e.expires_on, e.status, e.created_at,
        CAST(COALESCE((SELECT SUM(ce.delta) FROM credit_entries ce WHERE ce.enrolment_id = e.id), 0) AS BIGINT) AS credits_remaining
    FROM enrolments e JOIN packages p ON p.id = e.package_id";

/// A client's enrolments, newest first.
pub async fn for_client<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    client_id: i64,
) -> Result<Vec<EnrolmentRow>> {
    let sql = format!(
        "{SELECT} WHERE e.coach_id = $1 AND e.client_id = $2 ORDER BY e.created_at DESC, e.id DESC"
    );
    Ok(sqlx::query_as(&sql)
        .bind(coach_id)
        .bind(client_id)
        .fetch_all(ex)
        .await?)
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
) -> Result<EnrolmentRow> {
    let sql = format!("{SELECT} WHERE e.coach_id = $1 AND e.id = $2");
    Ok(sqlx::query_as(&sql)
        .bind(coach_id)
        .bind(id)
        .fetch_one(ex)
        .await?)
}

pub struct NewEnrolment {
    pub coach_id: i64,
    pub client_id: i64,
    pub package_id: i64,
    pub sessions_total: i64,
    pub starts_on: IsoDate,
    pub expires_on: Option<IsoDate>,
}

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    e: &NewEnrolment,
    now: UnixTime,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO enrolments (coach_id, client_id, package_id, sessions_total, starts_on, expires_on, created_at,
            price_cents, price_currency)
         SELECT $1, $2, $3, $4, $5, $6, $7, p.price_cents, p.currency FROM packages p WHERE p.id = $3
         RETURNING id",
    )
    .bind(e.coach_id)
    .bind(e.client_id)
    .bind(e.package_id)
    .bind(e.sessions_total)
    .bind(e.starts_on)
    .bind(e.expires_on)
    .bind(now)
    .fetch_one(ex)
    .await?)
}

/// One ledger entry to add.
pub struct NewCredit<'a> {
    pub coach_id: i64,
    pub enrolment_id: i64,
    pub booking_id: Option<i64>,
    pub kind: CreditKind,
    /// From [`CreditKind::delta`].
    pub delta: i64,
    pub actor_user_id: Option<i64>,
    pub note: &'a str,
}

pub async fn add_credit<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    c: &NewCredit<'_>,
    now: UnixTime,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO credit_entries (coach_id, enrolment_id, booking_id, kind, delta, actor_user_id, note, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(c.coach_id)
    .bind(c.enrolment_id)
    .bind(c.booking_id)
    .bind(c.kind.as_str())
    .bind(c.delta)
    .bind(c.actor_user_id)
    .bind(c.note)
    .bind(now)
    .fetch_one(ex)
    .await?)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CreditRow {
    pub id: i64,
    pub enrolment_id: i64,
    pub package_name: String,
    pub booking_id: Option<i64>,
    #[sqlx(try_from = "String")]
    pub kind: CreditKind,
    pub delta: i64,
    pub actor_name: Option<String>,
    pub note: String,
    pub created_at: UnixTime,
}

/// A client's ledger over all enrolments, newest first.
pub async fn credits_for_client<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    client_id: i64,
) -> Result<Vec<CreditRow>> {
    Ok(sqlx::query_as(
        "SELECT ce.id, ce.enrolment_id, p.name AS package_name, ce.booking_id, ce.kind, ce.delta,
                u.name AS actor_name, ce.note, ce.created_at
         FROM credit_entries ce
         JOIN enrolments e ON e.id = ce.enrolment_id
         JOIN packages p ON p.id = e.package_id
         LEFT JOIN users u ON u.id = ce.actor_user_id
         WHERE ce.coach_id = $1 AND e.client_id = $2
         ORDER BY ce.created_at DESC, ce.id DESC",
    )
    .bind(coach_id)
    .bind(client_id)
    .fetch_all(ex)
    .await?)
}
