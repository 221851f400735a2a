//! Session types: the `session_types` table. Every query is scoped to one coach.

use coachbook_core::booking::SessionKind;
use coachbook_core::privacy::TypeVisibility;
use sqlx::{Any, Executor};

use super::types::{Flag, UnixTime};
use super::{touched, Archivable, Result};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionTypeRow {
    pub id: i64,
    pub coach_id: i64,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub kind: SessionKind,
    pub duration_minutes: i64,
    pub price_cents: i64,
    pub currency: String,
    pub capacity: i64,
    pub buffer_before_minutes: i64,
    pub buffer_after_minutes: i64,
    pub color: String,
    pub requires_approval: Flag,
    pub archived_at: Option<UnixTime>,
    pub description: String,
    /// Who sees it on the coach's page.
    #[sqlx(try_from = "String")]
    pub visibility: TypeVisibility,
}

/// The columns a coach sets; the same for insert and update.
#[derive(Debug, Clone)]
pub struct SessionTypeFields {
    pub name: String,
    pub kind: SessionKind,
    pub duration_minutes: i64,
    pub price_cents: i64,
    pub currency: String,
    pub capacity: i64,
    pub buffer_before_minutes: i64,
    pub buffer_after_minutes: i64,
    pub color: String,
    pub requires_approval: bool,
    pub description: String,
    pub visibility: TypeVisibility,
}

const COLUMNS: &str =
    "id, coach_id, name, kind, duration_minutes, price_cents, currency, capacity, \
    buffer_before_minutes, buffer_after_minutes, color, requires_approval, archived_at, \
    description, visibility";

pub async fn list<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    include_archived: bool,
) -> Result<Vec<SessionTypeRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM session_types WHERE coach_id = $1 AND ($2 = 1 OR archived_at IS NULL) ORDER BY archived_at IS NOT NULL, name, id"
    );
    Ok(sqlx::query_as(&sql)
        .bind(coach_id)
        .bind(i64::from(include_archived))
        .fetch_all(ex)
        .await?)
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
) -> Result<SessionTypeRow> {
    let sql = format!("SELECT {COLUMNS} FROM session_types WHERE coach_id = $1 AND id = $2");
    Ok(sqlx::query_as(&sql)
        .bind(coach_id)
        .bind(id)
        .fetch_one(ex)
        .await?)
}

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    f: &SessionTypeFields,
    now: UnixTime,
) -> Result<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO session_types (coach_id, name, kind, duration_minutes, price_cents, currency, capacity,
            buffer_before_minutes, buffer_after_minutes, color, requires_approval, created_at, updated_at,
            description, visibility)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13, $14) RETURNING id",
    )
    .bind(coach_id)
    .bind(&f.name)
    .bind(f.kind.as_str())
    .bind(f.duration_minutes)
    .bind(f.price_cents)
    .bind(&f.currency)
    .bind(f.capacity)
    .bind(f.buffer_before_minutes)
    .bind(f.buffer_after_minutes)
    .bind(&f.color)
    .bind(i64::from(f.requires_approval))
    .bind(now)
    .bind(&f.description)
    .bind(f.visibility.as_str())
    .fetch_one(ex)
    .await?;
    Ok(id)
}

/// Updates a type; `NotFound` when it is not this coach's.
pub async fn update<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
    f: &SessionTypeFields,
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE session_types SET name = $1, kind = $2, duration_minutes = $3, price_cents = $4, currency = $5,
            capacity = $6, buffer_before_minutes = $7, buffer_after_minutes = $8, color = $9, requires_approval = $10,
            updated_at = $11, description = $14, visibility = $15
         WHERE coach_id = $12 AND id = $13",
    )
    .bind(&f.name)
    .bind(f.kind.as_str())
    .bind(f.duration_minutes)
    .bind(f.price_cents)
    .bind(&f.currency)
    .bind(f.capacity)
    .bind(f.buffer_before_minutes)
    .bind(f.buffer_after_minutes)
    .bind(&f.color)
    .bind(i64::from(f.requires_approval))
    .bind(now)
    .bind(coach_id)
    .bind(id)
    .bind(&f.description)
    .bind(f.visibility.as_str())
    .execute(ex)
    .await?;
    touched(&done)
}

/// Sets who sees one type on the coach's page; `NotFound` when it is not this coach's.
pub async fn set_visibility<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
    visibility: TypeVisibility,
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE session_types SET visibility = $1, updated_at = $2 WHERE coach_id = $3 AND id = $4",
    )
    .bind(visibility.as_str())
    .bind(now)
    .bind(coach_id)
    .bind(id)
    .execute(ex)
    .await?;
    touched(&done)
}

/// Session types can be archived: no longer offered, but past sessions keep them.
pub const TABLE: Archivable = Archivable::SessionTypes;
