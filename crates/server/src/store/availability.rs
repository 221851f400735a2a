//! The coach's availability as stored: weekly rules (`availability_rules`), date overrides
//! (`date_overrides`), time off (`blocks`) and the booking policy columns of `coaches`.

use sqlx::{Any, Executor, Transaction};

use super::{unix_now, Result, StoreError};

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RuleRow {
    pub id: i64,
    /// 1 = Monday … 7 = Sunday.
    pub weekday: i64,
    pub start_minute: i64,
    /// 1440 = midnight at the end of the day.
    pub end_minute: i64,
    /// Comma-separated session type ids; empty = every type.
    pub session_type_ids: String,
    pub valid_from: Option<String>,
    pub valid_until: Option<String>,
}

pub async fn rules<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<Vec<RuleRow>> {
    Ok(sqlx::query_as(
        "SELECT id, weekday, start_minute, end_minute, session_type_ids, valid_from, valid_until
         FROM availability_rules WHERE coach_id = $1 ORDER BY weekday, start_minute, id",
    )
    .bind(coach_id)
    .fetch_all(ex)
    .await?)
}

/// Replaces the whole weekly schedule: the editor always submits every window at once.
pub async fn replace_rules(
    tx: &mut Transaction<'_, Any>,
    coach_id: i64,
    rules: &[RuleRow],
) -> Result<()> {
    sqlx::query("DELETE FROM availability_rules WHERE coach_id = $1")
        .bind(coach_id)
        .execute(&mut **tx)
        .await?;
    for r in rules {
        sqlx::query(
            "INSERT INTO availability_rules (coach_id, weekday, start_minute, end_minute, session_type_ids, valid_from, valid_until)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(coach_id)
        .bind(r.weekday)
        .bind(r.start_minute)
        .bind(r.end_minute)
        .bind(&r.session_type_ids)
        .bind(&r.valid_from)
        .bind(&r.valid_until)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// One row of a date override: a window, or (both minutes `None`) the day closed.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OverrideRow {
    pub date: String,
    pub start_minute: Option<i64>,
    pub end_minute: Option<i64>,
}

pub async fn overrides<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<Vec<OverrideRow>> {
    Ok(sqlx::query_as(
        "SELECT date, start_minute, end_minute FROM date_overrides WHERE coach_id = $1
         ORDER BY date, start_minute",
    )
    .bind(coach_id)
    .fetch_all(ex)
    .await?)
}

/// Sets one date's hours: `windows` empty closes the day.
pub async fn replace_override(
    tx: &mut Transaction<'_, Any>,
    coach_id: i64,
    date: &str,
    windows: &[(i64, i64)],
) -> Result<()> {
    sqlx::query("DELETE FROM date_overrides WHERE coach_id = $1 AND date = $2")
        .bind(coach_id)
        .bind(date)
        .execute(&mut **tx)
        .await?;
    let insert = "INSERT INTO date_overrides (coach_id, date, start_minute, end_minute) VALUES ($1, $2, $3, $4)";
    if windows.is_empty() {
        sqlx::query(insert)
            .bind(coach_id)
            .bind(date)
            .bind(None::<i64>)
            .bind(None::<i64>)
            .execute(&mut **tx)
            .await?;
    }
    for (start, end) in windows {
        sqlx::query(insert)
            .bind(coach_id)
            .bind(date)
            .bind(Some(*start))
            .bind(Some(*end))
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Removes a date's override; `NotFound` when the date had none.
pub async fn delete_override<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    date: &str,
) -> Result<()> {
    let done = sqlx::query("DELETE FROM date_overrides WHERE coach_id = $1 AND date = $2")
        .bind(coach_id)
        .bind(date)
        .execute(ex)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct BlockRow {
    pub id: i64,
    /// `once`, `days` or `weekly`.
    pub kind: String,
    pub start_at: Option<i64>,
    pub end_at: Option<i64>,
    pub from_date: Option<String>,
    pub until_date: Option<String>,
    /// Comma-separated 1 (Monday) … 7 (Sunday), for `weekly`.
    pub weekdays: String,
    pub start_minute: Option<i64>,
    pub end_minute: Option<i64>,
    pub label: String,
}

const BLOCK_COLUMNS: &str =
    "id, kind, start_at, end_at, from_date, until_date, weekdays, start_minute, end_minute, label";

pub async fn blocks<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<Vec<BlockRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {BLOCK_COLUMNS} FROM blocks WHERE coach_id = $1 ORDER BY kind, from_date, start_at, id"
    ))
    .bind(coach_id)
    .fetch_all(ex)
    .await?)
}

pub async fn insert_block<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    b: &BlockRow,
) -> Result<BlockRow> {
    Ok(sqlx::query_as(&format!(
        "INSERT INTO blocks (coach_id, kind, start_at, end_at, from_date, until_date, weekdays, start_minute, end_minute, label, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING {BLOCK_COLUMNS}"
    ))
    .bind(coach_id)
    .bind(&b.kind)
    .bind(b.start_at)
    .bind(b.end_at)
    .bind(&b.from_date)
    .bind(&b.until_date)
    .bind(&b.weekdays)
    .bind(b.start_minute)
    .bind(b.end_minute)
    .bind(&b.label)
    .bind(unix_now())
    .fetch_one(ex)
    .await?)
}

pub async fn delete_block<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
) -> Result<()> {
    let done = sqlx::query("DELETE FROM blocks WHERE coach_id = $1 AND id = $2")
        .bind(coach_id)
        .bind(id)
        .execute(ex)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// The coach's booking policy columns.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PolicyRow {
    pub min_notice_minutes: i64,
    pub max_days_ahead: i64,
    pub slot_interval_minutes: i64,
    pub max_sessions_per_day: Option<i64>,
    pub max_sessions_per_week: Option<i64>,
    pub cancellation_cutoff_minutes: i64,
    pub reschedule_cutoff_minutes: i64,
}

pub async fn policy<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<PolicyRow> {
    Ok(sqlx::query_as(
        "SELECT min_notice_minutes, max_days_ahead, slot_interval_minutes, max_sessions_per_day,
                max_sessions_per_week, cancellation_cutoff_minutes, reschedule_cutoff_minutes
         FROM coaches WHERE id = $1",
    )
    .bind(coach_id)
    .fetch_one(ex)
    .await?)
}

pub async fn update_policy<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    p: &PolicyRow,
) -> Result<()> {
    sqlx::query(
        "UPDATE coaches SET min_notice_minutes = $1, max_days_ahead = $2, slot_interval_minutes = $3,
            max_sessions_per_day = $4, max_sessions_per_week = $5, cancellation_cutoff_minutes = $6,
            reschedule_cutoff_minutes = $7
         WHERE id = $8",
    )
    .bind(p.min_notice_minutes)
    .bind(p.max_days_ahead)
    .bind(p.slot_interval_minutes)
    .bind(p.max_sessions_per_day)
    .bind(p.max_sessions_per_week)
    .bind(p.cancellation_cutoff_minutes)
    .bind(p.reschedule_cutoff_minutes)
    .bind(coach_id)
    .execute(ex)
    .await?;
    Ok(())
}
