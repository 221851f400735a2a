//! Busy calendars (`busy_calendars`) and the anonymous busy intervals imported from them
//! (`busy_intervals`). Every query is scoped to one coach; intervals are read only near a window.

use coachbook_core::time::Interval;
use jiff::SignedDuration;
use sqlx::{Any, Executor, Transaction};

use super::types::UnixTime;
use super::{touched, Result};

/// The longest one stored interval may be; longer busy time is stored in pieces, so a window's
/// query can start at `window.start - MAX_PIECE` on the index.
pub const MAX_PIECE: SignedDuration = SignedDuration::from_hours(7 * 24);

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BusyCalendarRow {
    pub id: i64,
    pub coach_id: i64,
    pub kind: String,
    pub name: String,
    pub url: String,
    pub username: String,
    pub password: String,
    pub calendar_url: String,
    pub note: String,
    pub http_etag: Option<String>,
    pub http_last_modified: Option<String>,
    pub sync_token: Option<String>,
    pub ctag: Option<String>,
    pub window_end_at: Option<UnixTime>,
    pub last_synced_at: Option<UnixTime>,
    pub last_attempt_at: Option<UnixTime>,
    pub last_error: Option<String>,
    pub created_at: UnixTime,
}

const COLUMNS: &str = "id, coach_id, kind, name, url, username, password, calendar_url, note,
    http_etag, http_last_modified, sync_token, ctag, window_end_at, last_synced_at,
    last_attempt_at, last_error, created_at";

/// A new source as the coach typed it (already checked).
#[derive(Debug, Clone)]
pub struct NewBusyCalendar<'a> {
    pub kind: &'a str,
    pub name: &'a str,
    pub url: &'a str,
    pub username: &'a str,
    pub password: &'a str,
}

pub async fn list<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<Vec<BusyCalendarRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM busy_calendars WHERE coach_id = $1 ORDER BY name, id"
    ))
    .bind(coach_id)
    .fetch_all(ex)
    .await?)
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
) -> Result<BusyCalendarRow> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM busy_calendars WHERE coach_id = $1 AND id = $2"
    ))
    .bind(coach_id)
    .bind(id)
    .fetch_one(ex)
    .await?)
}

/// One source by id alone (the sync job, which carries only the id).
pub async fn by_id<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<BusyCalendarRow> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM busy_calendars WHERE id = $1"
    ))
    .bind(id)
    .fetch_one(ex)
    .await?)
}

pub async fn count<'e, E: Executor<'e, Database = Any>>(ex: E, coach_id: i64) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM busy_calendars WHERE coach_id = $1")
            .bind(coach_id)
            .fetch_one(ex)
            .await?,
    )
}

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    new: &NewBusyCalendar<'_>,
    now: UnixTime,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO busy_calendars (coach_id, kind, name, url, username, password, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(coach_id)
    .bind(new.kind)
    .bind(new.name)
    .bind(new.url)
    .bind(new.username)
    .bind(new.password)
    .bind(now)
    .fetch_one(ex)
    .await?)
}

pub async fn rename<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
    name: &str,
) -> Result<()> {
    let done = sqlx::query("UPDATE busy_calendars SET name = $3 WHERE coach_id = $1 AND id = $2")
        .bind(coach_id)
        .bind(id)
        .bind(name)
        .execute(ex)
        .await?;
    touched(&done)
}

/// Removes a source and (by cascade) its intervals.
pub async fn delete(tx: &mut Transaction<'_, Any>, coach_id: i64, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM busy_intervals WHERE coach_id = $1 AND calendar_id = $2")
        .bind(coach_id)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    let done = sqlx::query("DELETE FROM busy_calendars WHERE coach_id = $1 AND id = $2")
        .bind(coach_id)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    touched(&done)
}

/// A sync that failed: the error and when; the intervals and validators stay.
pub async fn record_error<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: i64,
    error: &str,
    now: UnixTime,
) -> Result<()> {
    sqlx::query("UPDATE busy_calendars SET last_error = $2, last_attempt_at = $3 WHERE id = $1")
        .bind(id)
        .bind(error)
        .bind(now)
        .execute(ex)
        .await?;
    Ok(())
}

/// What a successful sync leaves for the next one.
#[derive(Debug, Clone, Default)]
pub struct SyncState {
    pub calendar_url: String,
    pub note: String,
    pub http_etag: Option<String>,
    pub http_last_modified: Option<String>,
    pub sync_token: Option<String>,
    pub ctag: Option<String>,
    pub window_end_at: Option<UnixTime>,
}

/// A sync that succeeded: its state, the time, and no error.
pub async fn record_success(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    state: &SyncState,
    now: UnixTime,
) -> Result<()> {
    sqlx::query(
        "UPDATE busy_calendars SET calendar_url = $2, note = $3, http_etag = $4,
            http_last_modified = $5, sync_token = $6, ctag = $7, window_end_at = $8,
            last_synced_at = $9, last_attempt_at = $9, last_error = NULL
         WHERE id = $1",
    )
    .bind(id)
    .bind(&state.calendar_url)
    .bind(&state.note)
    .bind(&state.http_etag)
    .bind(&state.http_last_modified)
    .bind(&state.sync_token)
    .bind(&state.ctag)
    .bind(state.window_end_at)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// One imported interval, with the CalDAV resource it came from (empty for ICS).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, sqlx::FromRow)]
pub struct IntervalRow {
    pub href: String,
    pub etag: String,
    pub starts_at: UnixTime,
    pub ends_at: UnixTime,
}

/// Every interval of one source (a sync compares them with what it fetched).
pub async fn intervals_of<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    calendar_id: i64,
) -> Result<Vec<IntervalRow>> {
    Ok(sqlx::query_as(
        "SELECT href, etag, starts_at, ends_at FROM busy_intervals WHERE calendar_id = $1
         ORDER BY href, starts_at, ends_at",
    )
    .bind(calendar_id)
    .fetch_all(ex)
    .await?)
}

/// Drops the intervals of the given resources of one source (all of them when `hrefs` is
/// `None`).
pub async fn delete_intervals(
    tx: &mut Transaction<'_, Any>,
    calendar_id: i64,
    hrefs: Option<&[String]>,
) -> Result<()> {
    match hrefs {
        None => {
            sqlx::query("DELETE FROM busy_intervals WHERE calendar_id = $1")
                .bind(calendar_id)
                .execute(&mut **tx)
                .await?;
        }
        Some(hrefs) => {
            for href in hrefs {
                sqlx::query("DELETE FROM busy_intervals WHERE calendar_id = $1 AND href = $2")
                    .bind(calendar_id)
                    .bind(href)
                    .execute(&mut **tx)
                    .await?;
            }
        }
    }
    Ok(())
}

/// Adds intervals to one source, each already at most [`MAX_PIECE`] long.
pub async fn insert_intervals(
    tx: &mut Transaction<'_, Any>,
    calendar_id: i64,
    coach_id: i64,
    rows: &[IntervalRow],
) -> Result<()> {
    for r in rows {
        sqlx::query(
            "INSERT INTO busy_intervals (calendar_id, coach_id, href, etag, starts_at, ends_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(calendar_id)
        .bind(coach_id)
        .bind(&r.href)
        .bind(&r.etag)
        .bind(r.starts_at)
        .bind(r.ends_at)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// One imported interval near a window, with the name of its source.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BusyRow {
    pub calendar_id: i64,
    pub name: String,
    pub starts_at: UnixTime,
    pub ends_at: UnixTime,
}

/// The coach's imported busy time overlapping `window`, read from the (coach, start) index
/// starting at `window.start - MAX_PIECE`: the cost follows the window, not the history.
pub async fn busy_between<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    window: Interval,
) -> Result<Vec<BusyRow>> {
    let from = coachbook_core::time::sat_sub(window.start, MAX_PIECE);
    Ok(sqlx::query_as(
        "SELECT i.calendar_id, c.name, i.starts_at, i.ends_at
         FROM busy_intervals i JOIN busy_calendars c ON c.id = i.calendar_id
         WHERE i.coach_id = $1 AND i.starts_at >= $2 AND i.starts_at < $3 AND i.ends_at > $4
         ORDER BY i.starts_at, i.ends_at",
    )
    .bind(coach_id)
    .bind(UnixTime::from(from))
    .bind(UnixTime::from(window.end))
    .bind(UnixTime::from(window.start))
    .fetch_all(ex)
    .await?)
}

/// How many intervals each of the coach's sources has overlapping `window`.
pub async fn counts_between<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    window: Interval,
) -> Result<Vec<(i64, i64)>> {
    let from = coachbook_core::time::sat_sub(window.start, MAX_PIECE);
    Ok(sqlx::query_as(
        "SELECT calendar_id, COUNT(*) FROM busy_intervals
         WHERE coach_id = $1 AND starts_at >= $2 AND starts_at < $3 AND ends_at > $4
         GROUP BY calendar_id",
    )
    .bind(coach_id)
    .bind(UnixTime::from(from))
    .bind(UnixTime::from(window.end))
    .bind(UnixTime::from(window.start))
    .fetch_all(ex)
    .await?)
}

/// The coach's time zone (all-day and floating times of imported events are read in it).
pub async fn coach_zone<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<super::types::StoredZone> {
    Ok(sqlx::query_scalar(
        "SELECT u.time_zone FROM coaches c JOIN users u ON u.id = c.user_id WHERE c.id = $1",
    )
    .bind(coach_id)
    .fetch_one(ex)
    .await?)
}
