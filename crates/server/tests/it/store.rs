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

db_test! {
    async fn a_database_a_newer_coachbook_migrated_is_refused_before_anything_is_written(db) {
        use coachbook::store::{migrations, Db};
        let test_db = crate::harness::TestDb::new(db).await;
        let now = coachbook::store::types::UnixTime::from(jiff::Timestamp::UNIX_EPOCH);
        let store = Db::open(&test_db.url, now).await.unwrap();
        let newest = migrations::all().last().unwrap().version;
        sqlx::query("INSERT INTO schema_migrations (version, name, applied_at, checksum) VALUES ($1, 'from_the_future', 0, 'abc')")
            .bind(newest + 1)
            .execute(store.pool())
            .await
            .unwrap();
        match migrations::run(&store, now).await {
            Err(e @ StoreError::SchemaTooNew { .. }) => {
                let said = e.to_string();
                assert!(said.contains(&format!("migration {} (from_the_future)", newest + 1)) && said.contains("newer"), "{said}");
            }
            other => panic!("a newer schema must be refused, got {other:?}"),
        }
        assert!(Db::open(&test_db.url, now).await.is_err(), "the server does not start on it either");
    }
}

db_test! {
    async fn a_migration_changed_after_it_was_applied_is_refused_and_old_rows_get_their_checksum(db) {
        use coachbook::store::{migrations, Db};
        let test_db = crate::harness::TestDb::new(db).await;
        let now = coachbook::store::types::UnixTime::from(jiff::Timestamp::UNIX_EPOCH);
        let store = Db::open(&test_db.url, now).await.unwrap();
        let first = &migrations::all()[0];
        let recorded: Option<String> = sqlx::query_scalar("SELECT checksum FROM schema_migrations WHERE version = 1")
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(recorded.as_deref(), Some(first.checksum().as_str()), "each migration is recorded with its checksum");

        // A database from before checksums: the next start records them.
        sqlx::query("UPDATE schema_migrations SET checksum = NULL").execute(store.pool()).await.unwrap();
        assert_eq!(migrations::run(&store, now).await.unwrap(), Vec::<i64>::new(), "nothing is applied again");
        let missing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM schema_migrations WHERE checksum IS NULL")
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(missing, 0);

        // The text of an applied migration is not what this binary has.
        sqlx::query("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1").execute(store.pool()).await.unwrap();
        match migrations::run(&store, now).await {
            Err(e @ StoreError::MigrationChanged { .. }) => {
                let said = e.to_string();
                assert!(said.contains(&format!("migration 1 ({})", first.name)) && said.contains("edited"), "{said}");
            }
            other => panic!("a changed migration must be refused, got {other:?}"),
        }
    }
}
