//! What an operator's Prometheus scrapes from `/metrics`: counters and histograms recorded where
//! things happen (requests, jobs, emails) through the `metrics` facade, and gauges read at scrape
//! time (the job queue, the database pool, open event streams), rendered in the Prometheus text
//! format by `metrics-exporter-prometheus`.
//!
//! The recorder is process-wide (one server per process; the tests' several apps share it, and
//! their assertions look at what changed). Names follow Prometheus' conventions: a `coachbook_`
//! prefix, base units (seconds), `_total` on counters.

use std::sync::OnceLock;

use metrics::{counter, gauge, histogram};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use super::jobs::Outcome;
use super::{AppResult, Ctx};

pub const HTTP_REQUESTS: &str = "coachbook_http_requests_total";
pub const HTTP_DURATION: &str = "coachbook_http_request_duration_seconds";
pub const JOBS_RUN: &str = "coachbook_jobs_run_total";
pub const JOBS_QUEUED: &str = "coachbook_jobs_queued";
pub const JOBS_FAILED_FOR_GOOD: &str = "coachbook_jobs_failed";
pub const EMAILS: &str = "coachbook_emails_total";
pub const EVENT_STREAMS: &str = "coachbook_event_streams_open";
pub const DB_POOL_SIZE: &str = "coachbook_db_pool_connections";
pub const DB_POOL_IDLE: &str = "coachbook_db_pool_idle_connections";

/// Latency buckets in seconds: from a cached availability answer (well under a millisecond) to
/// the request timeout.
const BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// The process's recorder, installed on first use. `None` only if another recorder was
/// installed first (then nothing is recorded here, and `/metrics` says so).
pub fn handle() -> Option<&'static PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let installed = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Full(HTTP_DURATION.into()), BUCKETS)
                .and_then(|b| b.install_recorder());
            match installed {
                Ok(handle) => {
                    describe();
                    Some(handle)
                }
                Err(e) => {
                    tracing::error!(error = %e, "the metrics recorder could not be installed; /metrics will be empty");
                    None
                }
            }
        })
        .as_ref()
}

fn describe() {
    metrics::describe_counter!(
        HTTP_REQUESTS,
        "HTTP requests answered, by route, method and status."
    );
    metrics::describe_histogram!(
        HTTP_DURATION,
        metrics::Unit::Seconds,
        "Time to answer an HTTP request (to its headers; a stream's body is not counted), by route and method."
    );
    metrics::describe_counter!(
        JOBS_RUN,
        "Jobs run, by kind and outcome (done, retry, failed)."
    );
    metrics::describe_gauge!(
        JOBS_QUEUED,
        "Jobs waiting, by state: due (should run now), scheduled (later), running."
    );
    metrics::describe_gauge!(
        JOBS_FAILED_FOR_GOOD,
        "Jobs that failed for good and are kept for a look (`coachbook jobs list`)."
    );
    metrics::describe_counter!(
        EMAILS,
        "Emails handed on, by result: sent, kept (no SMTP server), retrying, failed."
    );
    metrics::describe_gauge!(
        EVENT_STREAMS,
        "Live-update event streams this process serves now."
    );
    metrics::describe_gauge!(
        DB_POOL_SIZE,
        "Database connections open in this process's pool."
    );
    metrics::describe_gauge!(DB_POOL_IDLE, "Of those, connections idle.");
}

/// One answered request. `route` is the matched route's pattern (`/api/bookings/{id}`), never
/// the path itself, so that ids and tokens do not become labels.
pub fn request(route: &str, method: &str, status: u16, seconds: f64) {
    let labels = [("route", route.to_owned()), ("method", method.to_owned())];
    counter!(
        HTTP_REQUESTS,
        &[
            ("route", route.to_owned()),
            ("method", method.to_owned()),
            ("status", status.to_string()),
        ]
    )
    .increment(1);
    histogram!(HTTP_DURATION, &labels).record(seconds);
}

/// One job run and what came of it.
pub fn job_ran(kind: &str, outcome: &Outcome, will_retry: bool) {
    let outcome = match outcome {
        Outcome::Done => "done",
        Outcome::Retry(_) if will_retry => "retry",
        Outcome::Retry(_) | Outcome::Fail(_) => "failed",
    };
    counter!(JOBS_RUN, "kind" => kind.to_owned(), "outcome" => outcome).increment(1);
}

/// What became of one email: its stored status (`sent`, `kept`, `queued` again to retry,
/// `failed`).
pub fn email(status: &str) {
    let result = match status {
        "queued" => "retrying",
        other => other,
    };
    counter!(EMAILS, "result" => result.to_owned()).increment(1);
}

/// The gauges read now, then everything in the Prometheus text format.
pub async fn render(cx: &Ctx) -> AppResult<Option<String>> {
    let Some(handle) = handle() else {
        return Ok(None);
    };
    let depth = crate::store::jobs::depth(cx.db.pool(), cx.stamp()).await?;
    gauge!(JOBS_QUEUED, "state" => "due").set(depth.due as f64);
    gauge!(JOBS_QUEUED, "state" => "scheduled").set(depth.scheduled as f64);
    gauge!(JOBS_QUEUED, "state" => "running").set(depth.running as f64);
    gauge!(JOBS_FAILED_FOR_GOOD).set(depth.failed as f64);
    gauge!(EVENT_STREAMS).set(cx.live.open_streams() as f64);
    let pool = cx.db.pool();
    gauge!(DB_POOL_SIZE).set(f64::from(pool.size()));
    gauge!(DB_POOL_IDLE).set(pool.num_idle() as f64);
    handle.run_upkeep();
    Ok(Some(handle.render()))
}
