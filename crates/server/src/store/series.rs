//! Recurring series: the rule a coach's occurrences are made from, and the link from each
//! occurrence (a session) to its series with its start in the series (its RECURRENCE-ID). Every
//! read is scoped to one coach; occurrences are read by series and bounded by the instant asked.

use coachbook_core::booking::SessionStatus;
use jiff::civil::DateTime;
use sqlx::{Any, Executor};

use super::types::{Flag, StoredZone, UnixTime, WallTime, WallTimes};
use super::{touched, Result};

/// A series as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SeriesRow {
    pub id: i64,
    pub coach_id: i64,
    pub session_type_id: i64,
    pub rule: String,
    pub first_local: WallTime,
    pub zone: StoredZone,
    pub duration_minutes: i64,
    pub capacity: i64,
    pub meeting_url: String,
    pub notes: String,
    pub exdates: WallTimes,
    pub materialised_until: UnixTime,
    pub ended: Flag,
    pub split_from: Option<i64>,
    pub revision: i64,
    pub updated_at: UnixTime,
}

const COLUMNS: &str =
    "id, coach_id, session_type_id, rule, first_local, zone, duration_minutes, capacity,
    meeting_url, notes, exdates, materialised_until, ended, split_from, revision, updated_at";

/// What a new series holds.
#[derive(Debug, Clone)]
pub struct NewSeries<'a> {
    pub coach_id: i64,
    pub session_type_id: i64,
    pub rule: &'a str,
    pub first_local: DateTime,
    pub zone: &'a StoredZone,
    pub duration_minutes: i64,
    pub capacity: i64,
    pub meeting_url: &'a str,
    pub notes: &'a str,
    pub exdates: &'a WallTimes,
    pub materialised_until: UnixTime,
    pub ended: bool,
    pub split_from: Option<i64>,
}

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    s: &NewSeries<'_>,
    now: UnixTime,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO session_series (coach_id, session_type_id, rule, first_local, zone, duration_minutes,
            capacity, meeting_url, notes, exdates, materialised_until, ended, split_from, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id",
    )
    .bind(s.coach_id)
    .bind(s.session_type_id)
    .bind(s.rule)
    .bind(WallTime(s.first_local))
    .bind(s.zone.clone())
    .bind(s.duration_minutes)
    .bind(s.capacity)
    .bind(s.meeting_url)
    .bind(s.notes)
    .bind(s.exdates.clone())
    .bind(s.materialised_until)
    .bind(Flag(s.ended))
    .bind(s.split_from)
    .bind(now)
    .fetch_one(ex)
    .await?)
}

/// One of the coach's series; `NotFound` when it is not theirs.
pub async fn get<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
) -> Result<SeriesRow> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM session_series WHERE id = $1 AND coach_id = $2"
    ))
    .bind(id)
    .bind(coach_id)
    .fetch_optional(ex)
    .await?
    .ok_or(super::StoreError::NotFound)
}

/// A series by id alone, for its job.
pub async fn by_id<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<SeriesRow> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM session_series WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(ex)
    .await?
    .ok_or(super::StoreError::NotFound)
}

/// Series of the coach by id, for the occurrences a list shows.
pub async fn many<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    ids: &[i64],
) -> Result<Vec<SeriesRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let params: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 2)).collect();
    let sql = format!(
        "SELECT {COLUMNS} FROM session_series WHERE coach_id = $1 AND id IN ({}) ORDER BY id",
        params.join(", ")
    );
    let mut q = sqlx::query_as(&sql).bind(coach_id);
    for id in ids {
        q = q.bind(*id);
    }
    Ok(q.fetch_all(ex).await?)
}

/// The rule, its first start, the exceptions and how far it is made; the shared fields.
#[derive(Debug, Clone)]
pub struct SeriesChange<'a> {
    pub rule: &'a str,
    pub first_local: DateTime,
    pub duration_minutes: i64,
    pub capacity: i64,
    pub meeting_url: &'a str,
    pub notes: &'a str,
    pub exdates: &'a WallTimes,
    pub materialised_until: UnixTime,
    pub ended: bool,
}

impl<'a> SeriesChange<'a> {
    /// The series as it is: a change names what it changes and keeps the rest from here.
    pub fn of(row: &'a SeriesRow) -> Self {
        Self {
            rule: &row.rule,
            first_local: row.first_local.0,
            duration_minutes: row.duration_minutes,
            capacity: row.capacity,
            meeting_url: &row.meeting_url,
            notes: &row.notes,
            exdates: &row.exdates,
            materialised_until: row.materialised_until,
            ended: row.ended.0,
        }
    }
}

pub async fn update<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
    c: &SeriesChange<'_>,
    now: UnixTime,
) -> Result<()> {
    touched(
        &sqlx::query(
            "UPDATE session_series SET rule = $1, first_local = $2, duration_minutes = $3, capacity = $4,
                meeting_url = $5, notes = $6, exdates = $7, materialised_until = $8, ended = $9, updated_at = $10
             WHERE id = $11 AND coach_id = $12",
        )
        .bind(c.rule)
        .bind(WallTime(c.first_local))
        .bind(c.duration_minutes)
        .bind(c.capacity)
        .bind(c.meeting_url)
        .bind(c.notes)
        .bind(c.exdates.clone())
        .bind(c.materialised_until)
        .bind(Flag(c.ended))
        .bind(now)
        .bind(id)
        .bind(coach_id)
        .execute(ex)
        .await?,
    )
}

/// Marks a session as the occurrence of `series_id` that the rule started at `recurrence_at`.
pub async fn link<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    session_id: i64,
    series_id: i64,
    recurrence_at: UnixTime,
) -> Result<()> {
    touched(
        &sqlx::query("UPDATE sessions SET series_id = $1, recurrence_at = $2 WHERE id = $3")
            .bind(series_id)
            .bind(recurrence_at)
            .bind(session_id)
            .execute(ex)
            .await?,
    )
}

/// An occurrence as its series sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OccurrenceRow {
    pub session_id: i64,
    pub recurrence_at: UnixTime,
    pub start_at: UnixTime,
    pub end_at: UnixTime,
    #[sqlx(try_from = "String")]
    pub status: SessionStatus,
}

/// The series' occurrences whose start in the series is at or after `from`, by it. A series has
/// at most a rolling horizon of them ahead, so the read is bounded by the series itself.
pub async fn occurrences<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    series_id: i64,
    from: UnixTime,
) -> Result<Vec<OccurrenceRow>> {
    Ok(sqlx::query_as(
        "SELECT id AS session_id, recurrence_at, start_at, end_at, status FROM sessions
         WHERE coach_id = $1 AND series_id = $2 AND recurrence_at >= $3 ORDER BY recurrence_at",
    )
    .bind(coach_id)
    .bind(series_id)
    .bind(from)
    .fetch_all(ex)
    .await?)
}

/// The series a session belongs to and its start in it, if any.
pub async fn of_session<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    session_id: i64,
) -> Result<Option<(i64, UnixTime)>> {
    let row: Option<(Option<i64>, Option<UnixTime>)> = sqlx::query_as(
        "SELECT series_id, recurrence_at FROM sessions WHERE id = $1 AND coach_id = $2",
    )
    .bind(session_id)
    .bind(coach_id)
    .fetch_optional(ex)
    .await?;
    match row {
        None => Err(super::StoreError::NotFound),
        Some((Some(s), Some(at))) => Ok(Some((s, at))),
        Some(_) => Ok(None),
    }
}

/// Moves the occurrences `session_ids` (already of the coach) into `series_id`.
pub async fn repoint<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    from_series: i64,
    to_series: i64,
    from: UnixTime,
) -> Result<u64> {
    Ok(sqlx::query(
        "UPDATE sessions SET series_id = $1 WHERE coach_id = $2 AND series_id = $3 AND recurrence_at >= $4",
    )
    .bind(to_series)
    .bind(coach_id)
    .bind(from_series)
    .bind(from)
    .execute(ex)
    .await?
    .rows_affected())
}

/// Sets an occurrence's start in its series (when the series' time of day changes).
pub async fn set_recurrence_at<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    session_id: i64,
    recurrence_at: UnixTime,
) -> Result<()> {
    touched(
        &sqlx::query("UPDATE sessions SET recurrence_at = $1 WHERE id = $2")
            .bind(recurrence_at)
            .bind(session_id)
            .execute(ex)
            .await?,
    )
}
