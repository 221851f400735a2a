//! Packages: the `packages` table. Every query is scoped to one coach.

use coachbook_core::practice::EnrolmentStatus;
use sqlx::{Any, Executor};

use super::types::UnixTime;
use super::{touched, Archivable, Result};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PackageRow {
    pub id: i64,
    pub coach_id: i64,
    pub name: String,
    pub session_type_id: Option<i64>,
    pub session_type_name: Option<String>,
    pub session_count: i64,
    pub session_minutes: i64,
    pub price_cents: i64,
    pub currency: String,
    pub validity_days: Option<i64>,
    pub description: String,
    pub archived_at: Option<UnixTime>,
    /// Active enrolments in this package.
    pub enrolled: i64,
}

/// The columns a coach sets; the same for insert and update.
#[derive(Debug, Clone)]
pub struct PackageFields {
    pub name: String,
    pub session_type_id: Option<i64>,
    pub session_count: i64,
    pub session_minutes: i64,
    pub price_cents: i64,
    pub currency: String,
    pub validity_days: Option<i64>,
    pub description: String,
}

const SELECT: &str = "SELECT p.id, p.coach_id, p.name, p.session_type_id, st.name AS session_type_name,
        p.session_count, p.session_minutes, p.price_cents, p.currency, p.validity_days, p.description,
        p.archived_at,
        (SELECT COUNT(*) FROM enrolments e WHERE e.package_id = p.id AND e.status = $1) AS enrolled
    FROM packages p LEFT JOIN session_types st ON st.id = p.session_type_id";

pub async fn list<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    include_archived: bool,
) -> Result<Vec<PackageRow>> {
    let sql = format!(
        "{SELECT} WHERE p.coach_id = $2 AND ($3 = 1 OR p.archived_at IS NULL)
         ORDER BY p.archived_at IS NOT NULL, p.name, p.id"
    );
    Ok(sqlx::query_as(&sql)
        .bind(EnrolmentStatus::Active.as_str())
        .bind(coach_id)
        .bind(i64::from(include_archived))
        .fetch_all(ex)
        .await?)
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
) -> Result<PackageRow> {
    let sql = format!("{SELECT} WHERE p.coach_id = $2 AND p.id = $3");
    Ok(sqlx::query_as(&sql)
        .bind(EnrolmentStatus::Active.as_str())
        .bind(coach_id)
        .bind(id)
        .fetch_one(ex)
        .await?)
}

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    f: &PackageFields,
    now: UnixTime,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO packages (coach_id, name, session_type_id, session_count, session_minutes, price_cents,
            currency, validity_days, description, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
    )
    .bind(coach_id)
    .bind(&f.name)
    .bind(f.session_type_id)
    .bind(f.session_count)
    .bind(f.session_minutes)
    .bind(f.price_cents)
    .bind(&f.currency)
    .bind(f.validity_days)
    .bind(&f.description)
    .bind(now)
    .fetch_one(ex)
    .await?)
}

/// Updates a package; `NotFound` when it is not this coach's. Existing enrolments keep what was
/// bought (their session total and expiry are copied at enrolment).
pub async fn update<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
    f: &PackageFields,
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE packages SET name = $1, session_type_id = $2, session_count = $3, session_minutes = $4,
            price_cents = $5, currency = $6, validity_days = $7, description = $8, updated_at = $9
         WHERE coach_id = $10 AND id = $11",
    )
    .bind(&f.name)
    .bind(f.session_type_id)
    .bind(f.session_count)
    .bind(f.session_minutes)
    .bind(f.price_cents)
    .bind(&f.currency)
    .bind(f.validity_days)
    .bind(&f.description)
    .bind(now)
    .bind(coach_id)
    .bind(id)
    .execute(ex)
    .await?;
    touched(&done)
}

/// Packages can be archived: no longer offered for new enrolments; existing ones go on.
pub const TABLE: Archivable = Archivable::Packages;
