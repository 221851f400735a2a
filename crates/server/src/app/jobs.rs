//! The job queue: work done after a change commits, by workers inside `coachbook serve`.
//!
//! A use case queues a job with [`enqueue`] on its own transaction, so the job exists exactly when
//! the change does. Workers poll for due jobs (and are woken at once when this node queued one),
//! claim one with a lease ([`LEASE`]), run its handler and record the outcome: done; failed for
//! now, queued again after an exponential backoff with jitter; or failed for good after
//! `max_attempts` or on a permanent error, with the last error kept. A worker that dies leaves
//! its claim to expire; the job is then claimed again. Scheduled work (reminders) is a job with a
//! later `run_at`, never a sleep.
//!
//! Why our own table rather than a crate: the job must be written by the change's own sqlx
//! `Any` transaction on SQLite and PostgreSQL alike. The maintained queue crates either own
//! their connection pool and schema per backend (apalis-sql) or are PostgreSQL-only (sqlxmq,
//! graphile-worker); none enqueues inside a transaction we already hold on both backends.

use std::time::Duration;

use jiff::Timestamp;
use rand::Rng;
use serde::de::DeserializeOwned;
use serde::Serialize;
use tokio::sync::Notify;

use super::{AppError, AppResult, Ctx};
use crate::store::jobs::{self as store, JobRow, NewJob};
use crate::store::types::UnixTime;

/// How long a claim lasts. A handler must finish well inside it (the SMTP timeout is far
/// shorter); a worker that dies holds its job at most this long.
pub const LEASE: Duration = Duration::from_secs(300);
/// Attempts before a job fails for good, unless the job says otherwise.
pub const MAX_ATTEMPTS: i64 = 8;

/// The job kinds and their arguments.
pub mod kinds {
    /// Send one stored email (`emails.id`).
    pub const EMAIL_SEND: &str = "email.send";
    /// Check a booking is still on and queue its reminder email.
    pub const REMINDER_SEND: &str = "reminder.send";
    /// Expire a session request still pending at its expiry and tell the requester.
    pub const SESSION_REQUEST_EXPIRE: &str = "session_request.expire";
    /// Pass a waitlist offer still unclaimed at its deadline on to the next person waiting.
    pub const WAITLIST_OFFER_EXPIRE: &str = "waitlist.offer_expire";
    /// Read one busy calendar (`busy_calendars.id`) and queue its next read.
    pub const BUSY_SYNC: &str = "busy.sync";
    /// One attempt of one webhook delivery (`webhook_deliveries.id`).
    pub const WEBHOOK_DELIVER: &str = "webhook.deliver";
    /// Make a series' occurrences up to the rolling horizon and queue the next run.
    pub const SERIES_EXTEND: &str = "series.extend";
}

/// What a handler made of a job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// Worth trying again later (a server down, a timeout).
    Retry(String),
    /// Never worth trying again (an address refused for good, a payload that does not read).
    Fail(String),
}

/// Wakes this node's workers when it has queued a job, so they need not wait for the next poll.
#[derive(Debug, Default)]
pub struct Wake(Notify);

impl Wake {
    pub fn notify(&self) {
        self.0.notify_waiters();
    }
}

/// Queues a job of `kind` with `args` to run at `run_at`, inside the caller's transaction.
pub async fn enqueue<'e, E, T>(
    ex: E,
    kind: &str,
    args: &T,
    coach_id: Option<i64>,
    run_at: Timestamp,
    dedupe_key: Option<String>,
    now: Timestamp,
) -> AppResult<Option<i64>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
    T: Serialize,
{
    let payload = serde_json::to_string(args).map_err(|e| anyhow::anyhow!("job payload: {e}"))?;
    Ok(store::enqueue(
        ex,
        &NewJob {
            kind,
            payload,
            coach_id,
            run_at: run_at.into(),
            dedupe_key,
            max_attempts: MAX_ATTEMPTS,
        },
        now.into(),
    )
    .await?)
}

/// Reads a job's arguments; a payload that does not read fails the job for good.
pub fn args<T: DeserializeOwned>(job: &JobRow) -> Result<T, Outcome> {
    serde_json::from_str(&job.payload).map_err(|e| {
        Outcome::Fail(format!(
            "the payload of {} job {} does not read: {e}",
            job.kind, job.id
        ))
    })
}

/// The wait before attempt `attempts + 1`: 30 s, doubling, at most six hours, with ±25 % jitter
/// so that jobs failing together do not retry together.
pub fn backoff(attempts: i64) -> Duration {
    let exp = u32::try_from(attempts.clamp(1, 20) - 1).unwrap_or(0);
    let base = 30u64.saturating_mul(1u64 << exp.min(20)).min(6 * 3600);
    let jitter = rand::thread_rng().gen_range(0.75..=1.25);
    Duration::from_secs_f64(base as f64 * jitter)
}

/// Runs a claimed job's handler.
async fn handle(cx: &Ctx, job: &JobRow) -> Outcome {
    match job.kind.as_str() {
        kinds::EMAIL_SEND => super::notify::email::run(cx, job).await,
        kinds::REMINDER_SEND => super::notify::reminders::run(cx, job).await,
        kinds::SESSION_REQUEST_EXPIRE => super::session_requests::run_expiry(cx, job).await,
        kinds::WAITLIST_OFFER_EXPIRE => super::waitlist::run_expiry(cx, job).await,
        kinds::BUSY_SYNC => super::busy_calendars::run(cx, job).await,
        kinds::WEBHOOK_DELIVER => super::webhooks::run(cx, job).await,
        kinds::SERIES_EXTEND => super::series::run_extend(cx, job).await,
        other => Outcome::Fail(format!("no handler for jobs of kind {other:?}")),
    }
}

/// Claims and runs one due job as `worker`; `None` when nothing is due.
pub async fn run_once(cx: &Ctx, worker: &str) -> AppResult<Option<(i64, Outcome)>> {
    let now = cx.now();
    // A lease that does not fit a timestamp is a configuration error, never a zero lease (which
    // would let every worker take the job at once).
    let lease = jiff::SignedDuration::try_from(cx.job_lease)
        .map_err(|e| anyhow::anyhow!("job lease {:?}: {e}", cx.job_lease))?;
    let lease_until = now
        .checked_add(lease)
        .map_err(|e| anyhow::anyhow!("lease end: {e}"))?;
    let Some(job) = store::claim(
        cx.db.writer(),
        cx.db.backend(),
        worker,
        now.into(),
        UnixTime::from(lease_until),
    )
    .await?
    else {
        return Ok(None);
    };
    let outcome = handle(cx, &job).await;
    super::metrics::job_ran(&job.kind, &outcome, job.attempts < job.max_attempts);
    let after = cx.now();
    let recorded = match &outcome {
        Outcome::Done => store::finish(cx.db.writer(), job.id, worker, after.into()).await,
        Outcome::Retry(error) if job.attempts < job.max_attempts => {
            // backoff() is at most 7.5 h, which always converts; the cap is the fallback.
            let wait = jiff::SignedDuration::try_from(backoff(job.attempts))
                .unwrap_or(jiff::SignedDuration::from_hours(6));
            let at = after.checked_add(wait).unwrap_or(after);
            tracing::warn!(job = job.id, kind = %job.kind, attempt = job.attempts, retry_at = %at, error = %error, "job failed; will retry");
            store::fail(
                cx.db.writer(),
                job.id,
                worker,
                error,
                Some(at.into()),
                after.into(),
            )
            .await
        }
        Outcome::Retry(error) | Outcome::Fail(error) => {
            tracing::error!(job = job.id, kind = %job.kind, attempts = job.attempts, error = %error, "job failed for good");
            store::fail(cx.db.writer(), job.id, worker, error, None, after.into()).await
        }
    };
    match recorded {
        Ok(()) => {}
        // The lease ran out while the handler ran and another worker has the job now.
        Err(crate::store::StoreError::NotFound) => {
            tracing::warn!(
                job = job.id,
                "a job's lease ran out before it finished; another worker has it"
            );
        }
        Err(e) => return Err(e.into()),
    }
    Ok(Some((job.id, outcome)))
}

/// Runs due jobs until none is left (tests and `coachbook jobs run`); how many ran.
pub async fn drain(cx: &Ctx, worker: &str) -> AppResult<usize> {
    let mut ran = 0;
    while run_once(cx, worker).await?.is_some() {
        ran += 1;
    }
    Ok(ran)
}

/// A name for a worker that is unique across nodes and restarts.
pub fn worker_name(n: usize) -> String {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "node".into());
    let tag: u32 = rand::thread_rng().gen();
    format!("{host}-{}-{n}-{tag:08x}", std::process::id())
}

/// Starts `count` workers polling every `poll`; they stop when the returned handles are aborted.
pub fn spawn_workers<C>(cx: C, count: usize, poll: Duration) -> Vec<tokio::task::JoinHandle<()>>
where
    C: AsRef<Ctx> + Clone + Send + Sync + 'static,
{
    (0..count)
        .map(|n| {
            let cx = cx.clone();
            tokio::spawn(async move {
                let cx = cx.as_ref();
                let name = worker_name(n);
                loop {
                    match run_once(cx, &name).await {
                        Ok(Some(_)) => continue,
                        Ok(None) => {}
                        Err(e) => tracing::error!(worker = %name, error = %e, "the job worker could not reach the queue"),
                    }
                    tokio::select! {
                        () = cx.wake.0.notified() => {}
                        () = tokio::time::sleep(poll) => {}
                    }
                }
            })
        })
        .collect()
}

/// Queues a failed job again (`coachbook jobs retry ID`).
pub async fn retry(cx: &Ctx, id: i64) -> AppResult<()> {
    store::retry(cx.db.writer(), id, cx.stamp())
        .await
        .map_err(AppError::missing("failed or finished job"))?;
    cx.wake.notify();
    Ok(())
}

/// How long a finished job is kept (its email stays in the outbox either way).
pub const KEEP_DONE: jiff::SignedDuration = jiff::SignedDuration::from_hours(30 * 24);

/// Housekeeping: deletes jobs finished more than [`KEEP_DONE`] ago, so the queue does not grow
/// with history. Failed jobs stay until someone retries them.
pub async fn prune(cx: &Ctx) -> AppResult<u64> {
    // Near the start of time nothing can be a month old: delete nothing rather than everything.
    let Ok(before) = cx.now().checked_sub(KEEP_DONE) else {
        return Ok(0);
    };
    Ok(store::delete_done_before(cx.db.writer(), before.into()).await?)
}
