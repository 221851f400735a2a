//! `/metrics` on both databases: off unless a token is configured, 404 to anyone without it,
//! and, with it, the Prometheus text format with requests counted under their route's pattern
//! (never an id), latency histograms, jobs run by kind and outcome, emails by result, and the
//! gauges read at scrape time (job queue, database pool, event streams).
//!
//! The recorder is the process's, shared with every other test running at once, so counters are
//! compared before and after (others only ever add) and gauges are read under one lock.

use axum::body::Body;
use axum::http::{header, Method, Request};
use serde_json::json;

use crate::harness::TestApp;

const TOKEN: &str = "scrape-secret-7f3a";

/// The gauges are process-wide and a scrape sets them from its own app's database before it
/// renders them: one scrape at a time among these tests, so that none renders another's values.
static SCRAPE: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

async fn scrape(app: &TestApp, token: Option<&str>) -> (u16, String) {
    let _one = SCRAPE.lock().await;
    let mut req = Request::builder().method(Method::GET).uri("/metrics");
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let reply = app.request(req.body(Body::empty()).unwrap()).await;
    (reply.status, reply.text())
}

/// The sum of the samples of `name` whose labels include every one of `labels`.
fn sample(text: &str, name: &str, labels: &[(&str, &str)]) -> f64 {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (series, value) = l.rsplit_once(' ')?;
            let (metric, rest) = series.split_once('{').unwrap_or((series, ""));
            (metric == name
                && labels
                    .iter()
                    .all(|(k, v)| rest.contains(&format!("{k}=\"{v}\""))))
            .then(|| value.parse::<f64>().ok())
            .flatten()
        })
        .sum()
}

/// Every line is a comment or `name{labels} value`, as the text format requires.
fn well_formed(text: &str) {
    for line in text.lines().filter(|l| !l.is_empty()) {
        if let Some(rest) = line.strip_prefix("# ") {
            assert!(
                rest.starts_with("HELP ") || rest.starts_with("TYPE "),
                "{line}"
            );
            continue;
        }
        let (series, value) = line.rsplit_once(' ').expect(line);
        assert!(
            value.parse::<f64>().is_ok() || value == "+Inf" || value == "NaN",
            "{line}"
        );
        let name = series.split('{').next().unwrap();
        assert!(
            name.starts_with("coachbook_")
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "{line}"
        );
    }
}

db_test! {
    async fn metrics_is_off_without_a_token_and_hidden_from_wrong_ones(db) {
        let off = TestApp::new(db).await;
        let (status, body) = scrape(&off, Some(TOKEN)).await;
        assert_eq!(status, 404, "{body}");
        assert!(!body.contains("coachbook_"), "{body}");

        let on = TestApp::new_with(db, |c| c.metrics_token = Some(coachbook::config::Secret(TOKEN.into()))).await;
        for wrong in [None, Some("guess"), Some("")] {
            let (status, body) = scrape(&on, wrong).await;
            assert_eq!(status, 404, "{wrong:?}: {body}");
            assert!(!body.contains("coachbook_"), "{body}");
        }
        let (status, body) = scrape(&on, Some(TOKEN)).await;
        assert_eq!(status, 200, "{body}");
        well_formed(&body);
    }
}

db_test! {
    async fn requests_jobs_and_emails_are_counted_under_their_patterns(db) {
        let app = TestApp::new_with(db, |c| c.metrics_token = Some(coachbook::config::Secret(TOKEN.into()))).await;
        let token = app.coach_token().await;
        let type_id = app.session_type(&token, json!({"name": "Coaching", "durationMinutes": 60})).await;
        app.open_every_day(&token, "08:00", "20:00").await;
        let route = [("route", "/api/session-types/{id}"), ("method", "GET"), ("status", "200")];
        let missing = [("route", "/api/session-types/{id}"), ("method", "GET"), ("status", "404")];
        let ran = [("kind", "email.send"), ("outcome", "done")];

        let (_, before) = scrape(&app, Some(TOKEN)).await;
        for _ in 0..3 {
            let (status, _) = app.get(&token, &format!("/api/session-types/{type_id}")).await;
            assert_eq!(status, 200);
        }
        let (status, _) = app.get(&token, "/api/session-types/987654").await;
        assert_eq!(status, 404);
        let (status, booked) = app.post(&token, "/api/bookings", json!({
            "sessionTypeId": type_id, "start": "2026-11-20T10:00:00Z",
            "name": "Jo Client", "email": "jo@example.com"
        })).await;
        assert_eq!(status, 201, "{booked}");

        let (_, queued) = scrape(&app, Some(TOKEN)).await;
        assert!(sample(&queued, "coachbook_jobs_queued", &[("state", "due")]) >= 1.0, "the booking's emails wait: {queued}");
        let sent = coachbook::app::jobs::drain(app.state.ctx(), "test-worker").await.unwrap();
        assert!(sent >= 1);
        let (status, after) = scrape(&app, Some(TOKEN)).await;
        assert_eq!(status, 200);
        well_formed(&after);

        assert!(sample(&after, "coachbook_http_requests_total", &route) - sample(&before, "coachbook_http_requests_total", &route) >= 3.0, "{after}");
        assert!(sample(&after, "coachbook_http_requests_total", &missing) - sample(&before, "coachbook_http_requests_total", &missing) >= 1.0);
        assert!(!after.contains(&format!("/api/session-types/{type_id}")), "an id never becomes a label");
        assert!(!after.contains("987654"));
        let buckets = after.lines().filter(|l| l.starts_with("coachbook_http_request_duration_seconds_bucket{") && l.contains("route=\"/api/session-types/{id}\"")).count();
        assert!(buckets >= 10, "a latency histogram per route: {after}");
        assert!(sample(&after, "coachbook_jobs_run_total", &ran) - sample(&before, "coachbook_jobs_run_total", &ran) >= 1.0);
        assert!(sample(&after, "coachbook_emails_total", &[("result", "kept")]) - sample(&before, "coachbook_emails_total", &[("result", "kept")]) >= 1.0);
        assert_eq!(sample(&after, "coachbook_jobs_queued", &[("state", "due")]), 0.0, "drained: {after}");
        assert!(sample(&after, "coachbook_db_pool_connections", &[]) >= 1.0);
        for gauge in ["coachbook_event_streams_open", "coachbook_db_pool_idle_connections", "coachbook_jobs_failed"] {
            assert!(after.lines().any(|l| l.starts_with(gauge)), "{gauge} in {after}");
        }
    }
}
