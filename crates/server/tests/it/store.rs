//! The store's boundary, on both databases: rows come back as domain values or as an error that
//! names what does not decode, never a silent default; and that error reaches people as a server
//! error with a reference, its cause in the log.

use coachbook::store::StoreError;
use serde_json::json;

use crate::harness::{error_code, logs, TestApp};

async fn coach_id(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT id FROM coaches ORDER BY id LIMIT 1")
        .fetch_one(app.state.db().pool())
        .await
        .unwrap()
}

async fn exec(app: &TestApp, sql: &str) {
    sqlx::query(sql)
        .execute(app.state.db().pool())
        .await
        .unwrap();
}

/// The log lines of the request that answered `err` (a 500 with a reference).
fn logged_for(err: &serde_json::Value) -> String {
    let reference = err["error"]["reference"]
        .as_str()
        .unwrap_or_else(|| panic!("a server error names its reference: {err}"));
    logs::lines_with(reference).join("\n")
}

db_test! {
    async fn time_off_that_does_not_decode_is_an_error_not_skipped(db) {
        let app = TestApp::new(db).await;
        let token = app.coach_token().await;
        app.session_type(&token, json!({"name": "Coaching", "durationMinutes": 60})).await;
        app.open_every_day(&token, "09:00", "17:00").await;
        let (status, block) = app.post(&token, "/api/availability/blocks", json!({"kind": "weekly", "weekdays": [1, 2, 3, 4, 5, 6, 7], "startTime": "00:00", "endTime": "24:00", "from": "2026-11-01"})).await;
        assert_eq!(status, 201, "{block}");
        let (_, closed) = app.get(&token, "/api/availability?from=2027-01-04&to=2027-01-05").await;
        assert_eq!(closed["slots"].as_array().unwrap().len(), 0, "every day is off");

        // A weekday no week has: skipping the row would offer the coach's time off to clients.
        exec(&app, "UPDATE blocks SET weekdays = '1,9'").await;
        match coachbook::store::availability::blocks(app.state.db().pool(), coach_id(&app).await).await {
            Err(StoreError::Corrupt(why)) => assert!(why.contains(&format!("time off {}", block["id"])) && why.contains("weekday 9"), "{why}"),
            other => panic!("expected a decoding error, got {other:?}"),
        }
        let (status, err) = app.get(&token, "/api/availability?from=2027-01-04&to=2027-01-05").await;
        assert_eq!((status, error_code(&err)), (500, "internal"), "{err}");
        assert!(!err["error"]["message"].as_str().unwrap().contains("weekday"), "the cause is not shown: {err}");
        assert!(logged_for(&err).contains("weekday 9"), "the cause is logged");
    }
}

db_test! {
    async fn a_zone_the_bundled_database_does_not_know_is_an_error_not_utc(db) {
        let app = TestApp::new(db).await;
        let token = app.coach_token().await;
        exec(&app, "UPDATE users SET time_zone = 'Mars/Olympus_Mons'").await;
        match coachbook::store::users::find_by_email(app.state.db().pool(), crate::harness::COACH_EMAIL).await {
            Err(StoreError::Corrupt(why)) => assert!(why.contains("time_zone") && why.contains("Mars/Olympus_Mons"), "{why}"),
            other => panic!("expected a decoding error, got {other:?}"),
        }
        let (status, err) = app.get(&token, "/api/availability").await;
        assert_eq!((status, error_code(&err)), (500, "internal"), "{err}");
        assert!(logged_for(&err).contains("Mars/Olympus_Mons"));
    }
}

db_test! {
    async fn dates_and_minutes_that_do_not_decode_name_their_row(db) {
        let app = TestApp::new(db).await;
        let token = app.coach_token().await;
        let (status, _) = app.put(&token, "/api/availability/overrides/2027-01-04", json!({"windows": [{"start": "09:00", "end": "12:00"}]})).await;
        assert_eq!(status, 200);
        let id = coach_id(&app).await;
        exec(&app, "UPDATE date_overrides SET date = '04/01/2027'").await;
        match coachbook::store::availability::overrides(app.state.db().pool(), id).await {
            Err(StoreError::Corrupt(why)) => assert!(why.contains("date") && why.contains("04/01/2027"), "{why}"),
            other => panic!("expected a decoding error, got {other:?}"),
        }
        exec(&app, "UPDATE date_overrides SET date = '2027-01-04', end_minute = 2000").await;
        match coachbook::store::availability::overrides(app.state.db().pool(), id).await {
            Err(StoreError::Corrupt(why)) => assert!(why.contains("2000"), "{why}"),
            other => panic!("expected a decoding error, got {other:?}"),
        }
        exec(&app, "UPDATE coaches SET slot_interval_minutes = 0").await;
        match coachbook::store::availability::policy(app.state.db().pool(), id).await {
            Err(StoreError::Corrupt(why)) => assert!(why.contains("slot interval"), "{why}"),
            other => panic!("expected a decoding error, got {other:?}"),
        }
    }
}
