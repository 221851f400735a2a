//! The `coachbook` command line, run as the real binary against both databases.

use std::process::{Command, Output};

use crate::harness::{Backend, TestApp, TestDb, PASSWORD};

fn coachbook(db_url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coachbook"))
        .args(args)
        .env("COACHBOOK_DATABASE_URL", db_url)
        .env("COACHBOOK_PASSWORD", PASSWORD)
        .env_remove("COACHBOOK_CONFIG")
        .output()
        .expect("run coachbook")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

db_test! {
    async fn coach_add_then_token_create_gives_a_token_the_api_accepts(db) {
        let test_db = TestDb::new(db).await;
        let migrate = coachbook(&test_db.url, &["migrate"]);
        assert!(migrate.status.success(), "{}", text(&migrate));
        assert!(text(&coachbook(&test_db.url, &["migrate"])).contains("Applied 0 migration"), "migrating twice is a no-op");

        let add = coachbook(&test_db.url, &["coach", "add", "--email", "Bo@Example.com", "--name", "Bo Chen", "--time-zone", "Asia/Kolkata"]);
        assert!(add.status.success(), "{}", text(&add));
        assert!(text(&add).contains("/c/bo-chen"));
        let again = coachbook(&test_db.url, &["coach", "add", "--email", "bo@example.com", "--name", "Bo Chen"]);
        assert!(!again.status.success());
        assert!(text(&again).contains("--email: An account with this email already exists"), "{}", text(&again));
        let bad_zone = coachbook(&test_db.url, &["coach", "add", "--email", "c@example.com", "--name", "C", "--time-zone", "Moon/Base"]);
        assert!(!bad_zone.status.success());
        assert!(text(&bad_zone).contains("--time-zone"), "{}", text(&bad_zone));

        let token = coachbook(&test_db.url, &["token", "create", "--email", "bo@example.com"]);
        assert!(token.status.success(), "{}", text(&token));
        let stdout = String::from_utf8_lossy(&token.stdout);
        let token_text = stdout.lines().last().expect("a last line").trim().to_owned();
        assert!(token_text.starts_with("cb_"));
        let unknown = coachbook(&test_db.url, &["token", "create", "--email", "nobody@example.com"]);
        assert!(!unknown.status.success() && text(&unknown).contains("No account has the email"));

        // The same database, in the app: the token works and only its hash was stored.
        let app = TestApp::open(test_db).await;
        let (status, me) = app.get(&token_text, "/api/me").await;
        assert_eq!(status, 200, "{me}");
        assert_eq!(me["email"], "bo@example.com");
        let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM api_tokens").fetch_all(app.state.db().pool()).await.unwrap();
        assert_eq!(stored.len(), 1);
        assert!(!stored[0].contains(&token_text[3..]));
    }
}

db_test! {
    async fn demo_loads_a_practice_once(db) {
        let test_db = TestDb::new(db).await;
        let first = coachbook(&test_db.url, &["demo"]);
        assert!(first.status.success(), "{}", text(&first));
        assert!(text(&first).contains("/c/ana-ruiz"));
        assert!(
            text(&first).contains("6 applications (one in each status), 6 bookings, a session request"),
            "the demo loads the practice with bookings: {}",
            text(&first)
        );
        // A year of history, made through the use cases: sessions held, cancelled and missed,
        // packages bought again, requests declined; what it queued to be sent is gone.
        let db = coachbook::store::Db::open(&test_db.url, jiff::Timestamp::UNIX_EPOCH.into())
            .await
            .unwrap();
        let count = |sql: &'static str| {
            let pool = db.pool().clone();
            async move { sqlx::query_scalar::<_, i64>(sql).fetch_one(&pool).await.unwrap() }
        };
        assert!(count("SELECT COUNT(*) FROM bookings WHERE status = 'completed'").await >= 140);
        assert!(count("SELECT COUNT(*) FROM bookings WHERE status = 'cancelled'").await >= 10);
        assert!(count("SELECT COUNT(*) FROM bookings WHERE status = 'no_show'").await >= 2);
        assert!(
            count("SELECT COUNT(*) FROM (SELECT client_id FROM enrolments GROUP BY client_id HAVING COUNT(*) > 1) r").await >= 3,
            "clients renewed their packages"
        );
        assert!(count("SELECT COUNT(*) FROM session_requests WHERE status = 'declined'").await >= 5);
        let span = count("SELECT CAST(MAX(start_at) - MIN(start_at) AS BIGINT) FROM sessions").await;
        assert!(span > 300 * 86_400, "the history spans a year: {span} s");
        assert!(
            count("SELECT COUNT(*) FROM jobs WHERE status = 'queued'").await < 30,
            "the history's confirmations and reminders are not sent a year late"
        );
        let second = coachbook(&test_db.url, &["demo"]);
        assert!(second.status.success(), "{}", text(&second));
        assert!(text(&second).contains("already loaded"));
        assert!(!text(&second).contains("Practice:"), "a second run adds nothing");
    }
}

#[tokio::test]
async fn backup_copies_a_live_sqlite_database_and_points_postgres_to_pg_dump() {
    let app = TestApp::new(Backend::Sqlite).await;
    app.create_coach("Ana Ruiz", "ana@example.com").await;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("backup.db");
    let target_str = target.to_str().unwrap();
    let out = coachbook(&app.db.url, &["backup", "--to", target_str]);
    assert!(out.status.success(), "{}", text(&out));
    let copy =
        coachbook::store::Db::open(&format!("sqlite://{target_str}"), app.clock.now().into())
            .await
            .unwrap();
    assert_eq!(
        coachbook::store::users::count_coaches(copy.pool())
            .await
            .unwrap(),
        1,
        "the copy holds the data"
    );
    let again = coachbook(&app.db.url, &["backup", "--to", target_str]);
    assert!(
        !again.status.success() && text(&again).contains("already exists"),
        "never overwrites"
    );

    let pg = coachbook(
        "postgres://postgres@127.0.0.1:5432/postgres",
        &["backup", "--to", "/tmp/x.dump"],
    );
    assert!(!pg.status.success());
    assert!(text(&pg).contains("pg_dump"));
}

#[test]
fn help_lists_every_command_and_bad_urls_are_refused() {
    let help = coachbook("sqlite://unused.db", &["--help"]);
    let help = text(&help);
    for command in [
        "serve",
        "migrate",
        "coach",
        "token",
        "backup",
        "demo",
        "--database-url",
        "--config",
    ] {
        assert!(help.contains(command), "--help lacks {command}");
    }
    let serve_help = text(&coachbook("sqlite://unused.db", &["serve", "--help"]));
    assert!(serve_help.contains("--bind") && serve_help.contains("COACHBOOK_BIND"));
    let bad = coachbook("mysql://root@localhost/x", &["migrate"]);
    assert!(!bad.status.success());
    assert!(
        text(&bad).contains("unsupported database URL"),
        "{}",
        text(&bad)
    );
}

#[test]
fn version_names_the_bundled_tz_database() {
    let out = Command::new(env!("CARGO_BIN_EXE_coachbook"))
        .arg("--version")
        .output()
        .expect("run coachbook");
    assert!(out.status.success());
    assert!(
        text(&out).contains(&format!(
            "(tz database {})",
            coachbook_core::time::tzdb_version()
        )),
        "{}",
        text(&out)
    );
}

db_test! {
    async fn a_host_without_a_tz_database_still_schedules_in_the_coachs_zone(db) {
        let test_db = TestDb::new(db).await;
        // No zoneinfo on this "host" and a UTC system zone: the binary's own database decides.
        let empty = tempfile::tempdir().unwrap();
        let add = Command::new(env!("CARGO_BIN_EXE_coachbook"))
            .args(["coach", "add", "--email", "mere@example.com", "--name", "Mere Tane", "--time-zone", "Pacific/Auckland"])
            .env("COACHBOOK_DATABASE_URL", &test_db.url)
            .env("COACHBOOK_PASSWORD", PASSWORD)
            .env("TZDIR", empty.path())
            .env("TZ", "UTC")
            .env_remove("COACHBOOK_CONFIG")
            .output()
            .expect("run coachbook");
        assert!(add.status.success(), "{}", text(&add));
        let app = TestApp::open(test_db).await;
        let token = app.token_for("mere@example.com").await;
        app.session_type(&token, serde_json::json!({"name": "Coaching", "durationMinutes": 60})).await;
        let (status, a) = app.get(&token, "/api/availability?from=2027-01-12&to=2027-01-13").await;
        assert_eq!(status, 200, "{a}");
        assert_eq!(a["from"], "2027-01-12T00:00:00+13:00", "midnight in Auckland (NZDT), not in UTC");
    }
}

// Bookings made through the API, then the database copied the operator's way (`coachbook
// backup` on SQLite, `pg_dump` and `pg_restore` on PostgreSQL) and a real server started on the
// restored copy: it lists every booking, with its time and client, and takes new ones.
db_test! {
    async fn a_restored_backup_serves_every_booking(db) {
        use crate::harness::process::ServerProcess;
        use serde_json::{json, Value};

        let app = TestApp::new(db).await;
        let token = app.coach_token().await;
        let t = app.session_type(&token, json!({"name": "Coaching", "durationMinutes": 60})).await;
        app.open_every_day(&token, "09:00", "17:00").await;
        let mut made = Vec::new();
        for (i, day) in ["2026-11-10", "2026-11-11", "2026-11-12", "2026-12-01", "2027-01-05"].iter().enumerate() {
            let b = app.create(&token, "/api/bookings", json!({"sessionTypeId": t, "start": format!("{day}T10:00:00Z"), "name": format!("Client {i}"), "email": format!("c{i}@example.com")})).await;
            made.push((b["id"].as_i64().unwrap(), b["start"].as_str().unwrap().to_owned(), b["name"].as_str().unwrap().to_owned()));
        }

        let dir = tempfile::tempdir().unwrap();
        let restored = TestDb::new(db).await;
        let restored_url = match db {
            Backend::Sqlite => {
                let file = dir.path().join("backup.db");
                let out = coachbook(&app.db.url, &["backup", "--to", file.to_str().unwrap()]);
                assert!(out.status.success(), "{}", text(&out));
                format!("sqlite://{}", file.display())
            }
            Backend::Postgres => {
                let dump = dir.path().join("coachbook.dump");
                let out = Command::new("pg_dump").args(["--format=custom", "--no-owner", "--file", dump.to_str().unwrap(), &app.db.url]).output().expect("run pg_dump");
                assert!(out.status.success(), "pg_dump: {}", text(&out));
                let out = Command::new("pg_restore").args(["--no-owner", "--exit-on-error", "--dbname", &restored.url, dump.to_str().unwrap()]).output().expect("run pg_restore");
                assert!(out.status.success(), "pg_restore: {}", text(&out));
                restored.url.clone()
            }
        };

        let server = ServerProcess::start(&restored_url, false, &[]).await;
        let http = reqwest::Client::new();
        let list: Value = http.get(format!("{}/api/bookings", server.base)).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
        let found: Vec<(i64, String, String)> = list
            .as_array()
            .unwrap_or_else(|| panic!("{list}"))
            .iter()
            .map(|b| (b["id"].as_i64().unwrap(), b["start"].as_str().unwrap().to_owned(), b["name"].as_str().unwrap().to_owned()))
            .collect();
        assert_eq!(found, made, "every booking, as it was");
        // The restored database goes on: its identities continue after the restored rows.
        let res = http.post(format!("{}/api/bookings", server.base)).bearer_auth(&token)
            .json(&json!({"sessionTypeId": t, "start": "2027-02-02T10:00:00Z", "name": "After", "email": "after@example.com", "overrideAvailability": true}))
            .send().await.unwrap();
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    }
}
