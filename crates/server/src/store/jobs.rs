//! The job queue's rows (`jobs`). Enqueueing takes any executor, so a change and the work it
//! causes commit (or roll back) together. Claiming is one statement: on PostgreSQL the candidate
//! row is locked with `FOR UPDATE SKIP LOCKED`, so concurrent workers on any node take different
//! jobs; on SQLite the statement runs under the database's single write lock. Finishing a job is
//! conditional on the claim's token, so a worker whose lease ran out (and whose job another
//! worker took) cannot mark it done or failed.

use sqlx::{Any, Executor};

use super::types::UnixTime;
use super::{touched, Backend, Result};

/// A job to run at `run_at`.
#[derive(Debug, Clone)]
pub struct NewJob<'a> {
    /// What to do, e.g. `email.send`.
    pub kind: &'a str,
    /// Its arguments, JSON.
    pub payload: String,
    /// The coach whose practice it serves (for their "delivery problems" notice).
    pub coach_id: Option<i64>,
    pub run_at: UnixTime,
    /// At most one job with this key, ever (a second enqueue is a no-op).
    pub dedupe_key: Option<String>,
    pub max_attempts: i64,
}

/// `queued` → `running` (claimed) → `done`, or back to `queued` to retry, or `failed`.
pub const QUEUED: &str = "queued";
pub const RUNNING: &str = "running";
pub const DONE: &str = "done";
pub const FAILED: &str = "failed";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JobRow {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub coach_id: Option<i64>,
    pub status: String,
    pub run_at: UnixTime,
    pub attempts: i64,
    pub max_attempts: i64,
    pub locked_by: Option<String>,
    pub locked_until: Option<UnixTime>,
    pub last_error: String,
    pub created_at: UnixTime,
    pub finished_at: Option<UnixTime>,
}

const COLUMNS: &str = "id, kind, payload, coach_id, status, run_at, attempts, max_attempts, \
    locked_by, locked_until, last_error, created_at, finished_at";

/// Queues a job; `None` when a job with its dedupe key exists already.
pub async fn enqueue<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    job: &NewJob<'_>,
    now: UnixTime,
) -> Result<Option<i64>> {
    let row: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO jobs (kind, payload, coach_id, status, run_at, attempts, max_attempts, last_error, dedupe_key, created_at)
         VALUES ($1, $2, $3, 'queued', $4, 0, $5, '', $6, $7)
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING id",
    )
    .bind(job.kind)
    .bind(&job.payload)
    .bind(job.coach_id)
    .bind(job.run_at)
    .bind(job.max_attempts)
    .bind(job.dedupe_key.as_deref())
    .bind(now)
    .fetch_optional(ex)
    .await?;
    Ok(row.map(|(id,)| id))
}

/// Claims the next due job for `worker` until `lease_until`: a queued job whose time has come, or
/// a running one whose lease ran out (its worker died). Counts the attempt.
pub async fn claim<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    backend: Backend,
    worker: &str,
    now: UnixTime,
    lease_until: UnixTime,
) -> Result<Option<JobRow>> {
    let lock = match backend {
        Backend::Postgres => "FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let sql = format!(
        "UPDATE jobs SET status = 'running', locked_by = $1, locked_until = $2, attempts = attempts + 1
         WHERE id = (
             SELECT id FROM jobs
             WHERE (status = 'queued' AND run_at <= $3) OR (status = 'running' AND locked_until <= $3)
             ORDER BY run_at, id LIMIT 1 {lock})
         RETURNING {COLUMNS}"
    );
    Ok(sqlx::query_as(&sql)
        .bind(worker)
        .bind(lease_until)
        .bind(now)
        .fetch_optional(ex)
        .await?)
}

/// Marks a claimed job done; `NotFound` when the claim was lost (the lease ran out and another
/// worker took the job).
pub async fn finish<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: i64,
    worker: &str,
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE jobs SET status = 'done', finished_at = $1, locked_by = NULL, locked_until = NULL
         WHERE id = $2 AND status = 'running' AND locked_by = $3",
    )
    .bind(now)
    .bind(id)
    .bind(worker)
    .execute(ex)
    .await?;
    touched(&done)
}

/// Records a failed attempt: the job is queued again for `retry_at`, or, with `None`, failed
/// for good. Conditional on the claim like [`finish`].
pub async fn fail<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: i64,
    worker: &str,
    error: &str,
    retry_at: Option<UnixTime>,
    now: UnixTime,
) -> Result<()> {
    let done = match retry_at {
        Some(at) => {
            sqlx::query(
                "UPDATE jobs SET status = 'queued', run_at = $1, last_error = $2, locked_by = NULL, locked_until = NULL
                 WHERE id = $3 AND status = 'running' AND locked_by = $4",
            )
            .bind(at)
            .bind(error)
            .bind(id)
            .bind(worker)
            .execute(ex)
            .await?
        }
        None => {
            sqlx::query(
                "UPDATE jobs SET status = 'failed', finished_at = $1, last_error = $2, locked_by = NULL, locked_until = NULL
                 WHERE id = $3 AND status = 'running' AND locked_by = $4",
            )
            .bind(now)
            .bind(error)
            .bind(id)
            .bind(worker)
            .execute(ex)
            .await?
        }
    };
    touched(&done)
}

/// Queues a failed (or done) job again, now, with its attempts counted afresh.
pub async fn retry<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: i64,
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE jobs SET status = 'queued', run_at = $1, attempts = 0, finished_at = NULL, locked_by = NULL, locked_until = NULL
         WHERE id = $2 AND status IN ('failed', 'done')",
    )
    .bind(now)
    .bind(id)
    .execute(ex)
    .await?;
    touched(&done)
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<JobRow> {
    Ok(
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM jobs WHERE id = $1"))
            .bind(id)
            .fetch_one(ex)
            .await?,
    )
}

/// The newest jobs, optionally only those in `status`, at most `limit`.
pub async fn list<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    status: Option<&str>,
    limit: i64,
) -> Result<Vec<JobRow>> {
    let rows = match status {
        Some(s) => {
            sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM jobs WHERE status = $1 ORDER BY id DESC LIMIT $2"
            ))
            .bind(s)
            .bind(limit)
            .fetch_all(ex)
            .await?
        }
        None => {
            sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM jobs ORDER BY id DESC LIMIT $1"
            ))
            .bind(limit)
            .fetch_all(ex)
            .await?
        }
    };
    Ok(rows)
}

/// How many of the coach's jobs of `kind` failed for good, and how many are being retried
/// after an error, since `since` (for the "delivery problems" notice).
pub async fn troubles<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    kind: &str,
    since: UnixTime,
) -> Result<(i64, i64)> {
    let row: (i64, i64) = sqlx::query_as(
        "SELECT
             COALESCE(SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), 0),
             COALESCE(SUM(CASE WHEN status = 'queued' AND attempts > 0 THEN 1 ELSE 0 END), 0)
         FROM jobs WHERE coach_id = $1 AND kind = $2 AND status IN ('failed', 'queued') AND created_at >= $3",
    )
    .bind(coach_id)
    .bind(kind)
    .bind(since)
    .fetch_one(ex)
    .await?;
    Ok(row)
}

/// Deletes the jobs that finished (done) before `before`; failed ones stay for the operator.
/// How many went.
pub async fn delete_done_before<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    before: UnixTime,
) -> Result<u64> {
    let done = sqlx::query("DELETE FROM jobs WHERE status = 'done' AND finished_at < $1")
        .bind(before)
        .execute(ex)
        .await?;
    Ok(done.rows_affected())
}

/// How many jobs wait, run and have failed for good: `/metrics`' queue gauges.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Depth {
    /// Queued with `run_at` reached: should be running now.
    pub due: i64,
    /// Queued for later (reminders, expiries, retries after backoff).
    pub scheduled: i64,
    pub running: i64,
    pub failed: i64,
}

/// Counted by the `(status, run_at)` index; done jobs (the history) are never read.
pub async fn depth<'e, E: Executor<'e, Database = Any>>(ex: E, now: UnixTime) -> Result<Depth> {
    let (due, scheduled, running, failed): (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT
            (SELECT COUNT(*) FROM jobs WHERE status = 'queued' AND run_at <= $1),
            (SELECT COUNT(*) FROM jobs WHERE status = 'queued' AND run_at > $1),
            (SELECT COUNT(*) FROM jobs WHERE status = 'running'),
            (SELECT COUNT(*) FROM jobs WHERE status = 'failed')",
    )
    .bind(now)
    .fetch_one(ex)
    .await?;
    Ok(Depth {
        due,
        scheduled,
        running,
        failed,
    })
}

/// The newest job's id, 0 when there is none.
pub async fn last_id<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM jobs")
            .fetch_one(ex)
            .await?,
    )
}

/// Deletes the jobs queued after job `id` that have not run: what the demo's replayed history
/// queued (confirmations and reminders of sessions long past). How many went.
pub async fn discard_queued_after<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: i64,
) -> Result<u64> {
    let done = sqlx::query("DELETE FROM jobs WHERE id > $1 AND status = 'queued'")
        .bind(id)
        .execute(ex)
        .await?;
    Ok(done.rows_affected())
}
