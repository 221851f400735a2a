//! The job queue on both databases: a job is claimed by one worker at a time, only its claimant
//! records the outcome, a claim whose worker died is taken again when its lease runs out, and
//! many workers claiming at once take every job exactly once.

use std::collections::HashMap;
use std::sync::Arc;

use coachbook::app::jobs;
use coachbook::store::jobs::{self as store, NewJob};
use coachbook::store::StoreError;
use jiff::{SignedDuration, Timestamp};

use crate::harness::TestApp;

fn job<'a>(kind: &'a str, dedupe: Option<&str>, run_at: Timestamp) -> NewJob<'a> {
    NewJob {
        kind,
        payload: "{}".into(),
        coach_id: None,
        run_at: run_at.into(),
        dedupe_key: dedupe.map(str::to_owned),
        max_attempts: 3,
    }
}

fn later(t: Timestamp, secs: i64) -> Timestamp {
    t.checked_add(SignedDuration::from_secs(secs)).unwrap()
}

db_test! {
    async fn a_job_is_claimed_once_and_only_its_claimant_records_the_outcome(db) {
        let app = TestApp::new(db).await;
        let db = app.state.db();
        let now = app.clock.now();
        let id = store::enqueue(db.writer(), &job("test.noop", Some("only-one"), now), now.into()).await.unwrap().unwrap();
        // The same dedupe key queues nothing more.
        assert_eq!(store::enqueue(db.writer(), &job("test.noop", Some("only-one"), now), now.into()).await.unwrap(), None);
        // Not due yet: a job for later is not claimed now.
        store::enqueue(db.writer(), &job("test.noop", None, later(now, 3600)), now.into()).await.unwrap().unwrap();

        let lease = later(now, 300).into();
        let a = store::claim(db.writer(), db.backend(), "worker-a", now.into(), lease).await.unwrap().expect("a claims the due job");
        assert_eq!((a.id, a.attempts, a.status.as_str()), (id, 1, "running"));
        assert!(store::claim(db.writer(), db.backend(), "worker-b", now.into(), lease).await.unwrap().is_none(), "b finds nothing due");
        assert!(matches!(store::finish(db.writer(), id, "worker-b", now.into()).await, Err(StoreError::NotFound)), "b cannot finish a's job");
        store::finish(db.writer(), id, "worker-a", now.into()).await.unwrap();
        let done = store::get(db.pool(), id).await.unwrap();
        assert_eq!((done.status.as_str(), done.locked_by), ("done", None));
    }
}

db_test! {
    async fn a_claim_whose_worker_died_is_taken_again_when_its_lease_runs_out(db) {
        let app = TestApp::new(db).await;
        let db = app.state.db();
        let now = app.clock.now();
        let id = store::enqueue(db.writer(), &job("test.noop", None, now), now.into()).await.unwrap().unwrap();
        let lease_end = later(now, 300);
        store::claim(db.writer(), db.backend(), "dead-worker", now.into(), lease_end.into()).await.unwrap().unwrap();
        // Before the lease runs out nobody else may take it.
        let almost = later(now, 299);
        assert!(store::claim(db.writer(), db.backend(), "worker-b", almost.into(), later(almost, 300).into()).await.unwrap().is_none());
        // After it, the job is claimed again, its attempt counted.
        let after = later(now, 300);
        let again = store::claim(db.writer(), db.backend(), "worker-b", after.into(), later(after, 300).into()).await.unwrap().expect("taken again");
        assert_eq!((again.id, again.attempts, again.locked_by.as_deref()), (id, 2, Some("worker-b")));
        // The worker that came back to life cannot record anything over the new claim.
        assert!(matches!(store::fail(db.writer(), id, "dead-worker", "late", None, after.into()).await, Err(StoreError::NotFound)));
        store::finish(db.writer(), id, "worker-b", after.into()).await.unwrap();
    }
}

db_test! {
    async fn a_job_without_a_handler_fails_with_its_error_and_can_be_retried(db) {
        let app = TestApp::new(db).await;
        let cx = app.state.ctx();
        let db = app.state.db();
        let now = app.clock.now();
        let id = store::enqueue(db.writer(), &job("test.unknown", None, now), now.into()).await.unwrap().unwrap();
        let (ran, outcome) = jobs::run_once(cx, "worker").await.unwrap().expect("one job ran");
        assert_eq!(ran, id);
        assert!(matches!(outcome, jobs::Outcome::Fail(ref e) if e.contains("test.unknown")), "{outcome:?}");
        let failed = store::get(db.pool(), id).await.unwrap();
        assert_eq!(failed.status, "failed");
        assert!(failed.last_error.contains("no handler"), "{}", failed.last_error);
        assert_eq!(store::list(db.pool(), Some("failed"), 10).await.unwrap().len(), 1);

        jobs::retry(cx, id).await.unwrap();
        let queued = store::get(db.pool(), id).await.unwrap();
        assert_eq!((queued.status.as_str(), queued.attempts), ("queued", 0));
        assert!(matches!(jobs::retry(cx, id).await, Err(coachbook::app::AppError::NotFound(_))), "a queued job is not retried twice");
        assert!(matches!(jobs::retry(cx, 999_999).await, Err(coachbook::app::AppError::NotFound(_))));
    }
}

db_test! {
    async fn eight_workers_claiming_at_once_take_each_of_200_jobs_exactly_once(db) {
        let app = TestApp::new(db).await;
        let db = app.state.db().clone();
        let now = app.clock.now();
        let mut ids = Vec::new();
        for _ in 0..200 {
            ids.push(store::enqueue(db.writer(), &job("test.noop", None, now), now.into()).await.unwrap().unwrap());
        }
        let claimed = Arc::new(std::sync::Mutex::new(HashMap::<i64, Vec<String>>::new()));
        let mut tasks = Vec::new();
        for w in 0..8 {
            let (db, claimed) = (db.clone(), claimed.clone());
            tasks.push(tokio::spawn(async move {
                let name = format!("worker-{w}");
                while let Some(j) = store::claim(db.writer(), db.backend(), &name, now.into(), later(now, 300).into()).await.unwrap() {
                    claimed.lock().unwrap().entry(j.id).or_default().push(name.clone());
                    store::finish(db.writer(), j.id, &name, now.into()).await.unwrap();
                }
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let claimed = std::mem::take(&mut *claimed.lock().unwrap());
        assert_eq!(claimed.len(), 200, "every job was claimed");
        let twice: Vec<_> = claimed.iter().filter(|(_, by)| by.len() != 1).collect();
        assert!(twice.is_empty(), "jobs claimed more than once: {twice:?}");
        let workers: std::collections::HashSet<&String> = claimed.values().flatten().collect();
        assert!(workers.len() > 1, "the work was shared: {workers:?}");
        let done: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE status = 'done'").fetch_one(db.pool()).await.unwrap();
        assert_eq!(done, 200);
    }
}

db_test! {
    async fn jobs_finished_a_month_ago_are_deleted_and_failed_ones_kept(db) {
        let app = TestApp::new(db).await;
        let cx = app.state.ctx();
        let db = app.state.db();
        let start = app.clock.now();
        let mut ids = Vec::new();
        for kind in ["test.noop", "test.noop", "test.unknown"] {
            ids.push(store::enqueue(db.writer(), &job(kind, None, start), start.into()).await.unwrap().unwrap());
        }
        for id in &ids[..2] {
            let j = store::claim(db.writer(), db.backend(), "w", start.into(), later(start, 300).into()).await.unwrap().unwrap();
            assert_eq!(j.id, *id);
        }
        store::finish(db.writer(), ids[0], "w", start.into()).await.unwrap();
        // The second finishes 20 days later; the unknown kind fails for good.
        app.clock.advance(SignedDuration::from_hours(20 * 24));
        store::finish(db.writer(), ids[1], "w", app.clock.now().into()).await.unwrap();
        jobs::run_once(cx, "w").await.unwrap().expect("the failing job ran");

        app.clock.advance(SignedDuration::from_hours(11 * 24));
        assert_eq!(jobs::prune(cx).await.unwrap(), 1, "only the job done 31 days ago goes");
        assert!(matches!(store::get(db.pool(), ids[0]).await, Err(StoreError::NotFound)));
        assert_eq!(store::get(db.pool(), ids[1]).await.unwrap().status, "done");
        assert_eq!(store::get(db.pool(), ids[2]).await.unwrap().status, "failed", "failed jobs stay for the operator");
    }
}

#[test]
fn backoff_doubles_from_thirty_seconds_with_jitter_and_stops_at_six_hours() {
    for _ in 0..50 {
        let first = jobs::backoff(1).as_secs_f64();
        assert!((22.5..=37.5).contains(&first), "{first}");
        let third = jobs::backoff(3).as_secs_f64();
        assert!((90.0..=150.0).contains(&third), "{third}");
        let late = jobs::backoff(40).as_secs_f64();
        assert!(late <= 6.0 * 3600.0 * 1.25, "{late}");
    }
}
