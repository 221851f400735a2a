//! Sessions with several coaches (issue 16): Ana invites Bo to co-host; a busy Bo is refused
//! with nothing changed; an invited or accepted co-host's time is taken on both public pages
//! (with no names from the session), Bo lists and reads the session while a third coach gets
//! 404; 20 racing requests leave exactly one live session holding each host's time; and on
//! PostgreSQL the exclusion constraint refuses a second host row over the same time even when
//! the app is bypassed. Both databases.

use serde_json::{json, Value};

use crate::harness::{at_once, call, error_code, Backend, TestApp, OTHER_COACH_EMAIL};

const MONDAY: &str = "2026-11-09";
const TEN: &str = "2026-11-09T10:00:00Z";
const RANGE: &str = "from=2026-11-09T00:00:00Z&to=2026-11-10T00:00:00Z";

/// Ana and Bo, each with a 60-minute "Coaching" type (Ana also a "Workshop" group of 5), open
/// 09:00–17:00 every day, both calendars public.
struct Two {
    ana: String,
    bo: String,
    bo_id: i64,
    ana_coaching: i64,
    ana_workshop: i64,
    bo_coaching: i64,
}

async fn public(app: &TestApp, token: &str) {
    let (status, body) = app
        .put(
            token,
            "/api/me/privacy",
            json!({"calendarVisibility": "public", "bookingAudience": "public",
                   "showBooked": "booked_with_type", "showPrices": true}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
}

async fn two(app: &TestApp) -> Two {
    let ana = app.coach_token().await;
    let bo = app.other_coach_token().await;
    let ana_coaching = app
        .session_type(&ana, json!({"name": "Coaching", "durationMinutes": 60}))
        .await;
    let ana_workshop = app
        .session_type(
            &ana,
            json!({"name": "Workshop", "kind": "group", "capacity": 5, "durationMinutes": 60}),
        )
        .await;
    let bo_coaching = app
        .session_type(&bo, json!({"name": "Coaching", "durationMinutes": 60}))
        .await;
    for t in [&ana, &bo] {
        app.open_every_day(t, "09:00", "17:00").await;
        public(app, t).await;
    }
    let (_, me) = app.get(&bo, "/api/me").await;
    let bo_id = me["coach"]["id"].as_i64().expect("Bo's coach id");
    Two {
        ana,
        bo,
        bo_id,
        ana_coaching,
        ana_workshop,
        bo_coaching,
    }
}

async fn new_session(app: &TestApp, token: &str, body: Value) -> (u16, Value) {
    app.post(token, "/api/sessions", body).await
}

/// The slot starts a visitor sees on a coach's public calendar for the Monday.
async fn public_starts(app: &TestApp, slug: &str) -> (Vec<String>, String) {
    let (status, cal) = call(
        app,
        "GET",
        None,
        &format!("/api/coaches/{slug}/calendar?from={MONDAY}&to=2026-11-10&timeZone=Europe/London"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{cal}");
    let starts = cal["slots"]
        .as_array()
        .expect("slots")
        .iter()
        .map(|s| s["start"].as_str().expect("a start").to_owned())
        .collect();
    (starts, cal.to_string())
}

const TEN_LONDON: &str = "2026-11-09T10:00:00+00:00";

async fn host_rows(app: &TestApp) -> i64 {
    app.count("session_hosts").await
}

db_test! {
    async fn inviting_a_busy_coach_answers_409_and_changes_nothing(db) {
        let app = TestApp::new(db).await;
        let t = two(&app).await;
        let (status, s) = new_session(&app, &t.ana, json!({"sessionTypeId": t.ana_coaching, "start": TEN})).await;
        assert_eq!(status, 201, "{s}");
        assert_eq!(s["hosts"].as_array().map(Vec::len), Some(1), "{s}");
        assert_eq!(s["hosts"][0]["role"], "owner");
        // Bo is busy 10:30–11:30 with his own session.
        let (status, own) = new_session(&app, &t.bo, json!({"sessionTypeId": t.bo_coaching, "start": "2026-11-09T10:30:00Z"})).await;
        assert_eq!(status, 201, "{own}");
        let before = host_rows(&app).await;
        let id = s["id"].as_i64().unwrap();
        let (status, refused) = app.post(&t.ana, &format!("/api/sessions/{id}/hosts"), json!({"coachId": t.bo_id})).await;
        assert_eq!(status, 409, "{refused}");
        assert_eq!(error_code(&refused), "conflict", "{refused}");
        assert!(refused["error"]["message"].as_str().unwrap().contains("10:30"), "names the collision: {refused}");
        assert_eq!(host_rows(&app).await, before);
        let (_, again) = app.get(&t.ana, &format!("/api/sessions/{id}")).await;
        assert_eq!(again["hosts"].as_array().map(Vec::len), Some(1), "{again}");
        // Creating a co-hosted session over Bo's time is refused the same way, nothing written.
        let sessions = app.count("sessions").await;
        let (status, refused) = new_session(&app, &t.ana, json!({"sessionTypeId": t.ana_coaching, "start": "2026-11-09T12:00:00Z", "cohostIds": [t.bo_id]})).await;
        assert_eq!(status, 201, "free at 12:00: {refused}");
        let (status, refused) = new_session(&app, &t.ana, json!({"sessionTypeId": t.ana_coaching, "start": "2026-11-09T11:00:00Z", "cohostIds": [t.bo_id]})).await;
        assert_eq!(status, 409, "{refused}");
        assert_eq!(app.count("sessions").await, sessions + 1);
        // Bad input is a 422, never a 500.
        let (status, bad) = app.post(&t.ana, &format!("/api/sessions/{id}/hosts"), json!({"coachId": 987654})).await;
        assert_eq!((status, error_code(&bad)), (422, "invalid_input"), "{bad}");
        let (status, bad) = app.post(&t.ana, &format!("/api/sessions/{id}/hosts"), json!({})).await;
        assert_eq!((status, error_code(&bad)), (422, "invalid_input"), "{bad}");
        let (status, bad) = new_session(&app, &t.ana, json!({"sessionTypeId": t.ana_coaching, "start": "2026-11-09T14:00:00Z", "cohostIds": [-1]})).await;
        assert_eq!((status, error_code(&bad)), (422, "invalid_input"), "{bad}");
    }
}

db_test! {
    async fn a_cohosted_session_takes_the_slot_from_both_pages_and_shows_in_the_cohosts_list(db) {
        let app = TestApp::new(db).await;
        let t = two(&app).await;
        let (ana_before, _) = public_starts(&app, "ana-ruiz").await;
        let (bo_before, _) = public_starts(&app, "bo-chen").await;
        assert!(ana_before.contains(&TEN_LONDON.to_owned()) && bo_before.contains(&TEN_LONDON.to_owned()));

        let (status, s) = new_session(&app, &t.ana, json!({
            "sessionTypeId": t.ana_workshop, "start": TEN, "capacity": 1,
            "meetingUrl": "https://meet.example.com/secret-room", "notes": "Private plan"
        })).await;
        assert_eq!(status, 201, "{s}");
        let id = s["id"].as_i64().unwrap();
        // A participant, whose name no visitor may see on either page.
        let (status, b) = app.post(&t.ana, "/api/bookings", json!({
            "sessionTypeId": t.ana_workshop, "start": TEN, "name": "Zed Secretname",
            "email": "zed@example.com", "notes": "about my divorce"
        })).await;
        assert_eq!(status, 201, "{b}");
        let (status, invited) = app.post(&t.ana, &format!("/api/sessions/{id}/hosts"), json!({"email": OTHER_COACH_EMAIL})).await;
        assert_eq!(status, 201, "{invited}");
        assert_eq!(invited["hosts"][1]["name"], "Bo Chen");
        assert_eq!(invited["hosts"][1]["status"], "invited");
        // Bo is told in the app.
        let (_, notes) = app.get(&t.bo, "/api/notifications").await;
        assert!(notes.to_string().contains("invites you to co-host"), "{notes}");
        // An invitation holds Bo's time already; Bo sees it, without participants until he accepts.
        assert!(!public_starts(&app, "bo-chen").await.0.contains(&TEN_LONDON.to_owned()));
        let (status, seen) = app.get(&t.bo, &format!("/api/sessions/{id}")).await;
        assert_eq!(status, 200, "{seen}");
        assert_eq!(seen["participants"].as_array().map(Vec::len), Some(0), "{seen}");
        let (status, accepted) = app.post(&t.bo, &format!("/api/sessions/{id}/hosts/accept"), json!({})).await;
        assert_eq!(status, 200, "{accepted}");
        assert_eq!(accepted["hosts"][1]["status"], "accepted");
        assert_eq!(accepted["participants"].as_array().map(Vec::len), Some(1), "{accepted}");

        for slug in ["ana-ruiz", "bo-chen"] {
            let (starts, text) = public_starts(&app, slug).await;
            assert!(!starts.contains(&TEN_LONDON.to_owned()), "{slug}: {starts:?}");
            for secret in ["Zed", "zed@", "divorce", "secret-room", "Private plan"] {
                assert!(!text.contains(secret), "{slug} shows {secret}: {text}");
            }
            let page = app.send(axum::http::Method::GET, &format!("/c/{slug}")).await.text();
            for secret in ["Zed", "zed@", "divorce", "secret-room", "Private plan"] {
                assert!(!page.contains(secret), "{slug} page shows {secret}");
            }
        }
        let (_, bo_cal) = public_starts(&app, "bo-chen").await;
        assert!(!bo_cal.contains("Ana") && !bo_cal.contains("Workshop"), "{bo_cal}");

        // Bo lists it among his sessions; he cannot change its time; a third coach gets 404.
        let (status, list) = app.get(&t.bo, &format!("/api/sessions?{RANGE}")).await;
        assert_eq!(status, 200, "{list}");
        let list = list.as_array().unwrap();
        assert_eq!(list.len(), 1, "{list:?}");
        assert_eq!(list[0]["id"], id);
        assert_eq!(list[0]["hosts"][0]["name"], "Ana Ruiz");
        let (status, _) = app.post(&t.bo, &format!("/api/sessions/{id}/move"), json!({"start": "2026-11-09T14:00:00Z"})).await;
        assert_eq!(status, 404);
        app.create_coach("Cy Dee", "cy@example.com").await;
        let cy = app.token_for("cy@example.com").await;
        let (status, none) = app.get(&cy, &format!("/api/sessions/{id}")).await;
        assert_eq!(status, 404, "{none}");
        assert!(!none.to_string().contains("Zed"));
        let (status, _) = app.post(&cy, &format!("/api/sessions/{id}/hosts/accept"), json!({})).await;
        assert_eq!(status, 404);
        let (_, cy_list) = app.get(&cy, &format!("/api/sessions?{RANGE}")).await;
        assert_eq!(cy_list.as_array().map(Vec::len), Some(0));

        // Bo's own new session over it is refused; moving the session onto Bo's busy time too.
        let (status, refused) = new_session(&app, &t.bo, json!({"sessionTypeId": t.bo_coaching, "start": "2026-11-09T10:30:00Z"})).await;
        assert_eq!(status, 409, "{refused}");
        let (status, own) = new_session(&app, &t.bo, json!({"sessionTypeId": t.bo_coaching, "start": "2026-11-09T15:00:00Z"})).await;
        assert_eq!(status, 201, "{own}");
        let (status, refused) = app.post(&t.ana, &format!("/api/sessions/{id}/move"), json!({"start": "2026-11-09T15:00:00Z"})).await;
        assert_eq!(status, 409, "{refused}");
        let (status, moved) = app.post(&t.ana, &format!("/api/sessions/{id}/move"), json!({"start": "2026-11-09T13:00:00Z"})).await;
        assert_eq!(status, 200, "{moved}");
        let (bo_now, _) = public_starts(&app, "bo-chen").await;
        assert!(bo_now.contains(&TEN_LONDON.to_owned()), "the move freed Bo's 10:00: {bo_now:?}");
        assert!(!bo_now.contains(&"2026-11-09T13:00:00+00:00".to_owned()), "{bo_now:?}");

        // Declining frees Bo's time; leaving removes him.
        let (status, _) = app.post(&t.bo, &format!("/api/sessions/{id}/hosts/decline"), json!({})).await;
        assert_eq!(status, 200);
        assert!(public_starts(&app, "bo-chen").await.0.contains(&"2026-11-09T13:00:00+00:00".to_owned()));
        let (_, bo_list) = app.get(&t.bo, &format!("/api/sessions?{RANGE}")).await;
        assert_eq!(bo_list.as_array().map(Vec::len), Some(1), "only his own: {bo_list}");
        let (status, _) = app.delete(&t.bo, &format!("/api/sessions/{id}/hosts/{}", t.bo_id)).await;
        assert_eq!(status, 204);
        let (_, after) = app.get(&t.ana, &format!("/api/sessions/{id}")).await;
        assert_eq!(after["hosts"].as_array().map(Vec::len), Some(1), "{after}");
    }
}

/// Coaches' ids by email.
async fn coach_id(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT c.id FROM coaches c JOIN users u ON u.id = c.user_id WHERE u.email = $1",
    )
    .bind(email)
    .fetch_one(app.state.db().pool())
    .await
    .expect("coach id")
}

/// Live sessions holding `coach_id`'s time at 10:30 on the Monday (every racing request's time
/// covers that minute, so any two of them overlap).
async fn holding_ten(app: &TestApp, coach_id: i64) -> i64 {
    let ten = 1_794_218_400_i64 + 1800; // 2026-11-09T10:30:00Z
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM session_hosts WHERE coach_id = $1 AND session_status = 'scheduled'
         AND status <> 'declined' AND start_at < $2 AND end_at > $3",
    )
    .bind(coach_id)
    .bind(ten + 60)
    .bind(ten)
    .fetch_one(app.state.db().pool())
    .await
    .expect("count holders")
}

db_test! {
    async fn twenty_racing_requests_leave_exactly_one_session_holding_each_hosts_time(db) {
        let app = TestApp::new(db).await;
        let t = two(&app).await;
        let ana_id = coach_id(&app, crate::harness::COACH_EMAIL).await;
        assert_eq!(holding_ten(&app, ana_id).await, 0);
        let app = std::sync::Arc::new(app);
        let answers = at_once(20, |i| {
            let app = app.clone();
            let (ana, bo) = (t.ana.clone(), t.bo.clone());
            let (ac, bc, bo_id) = (t.ana_coaching, t.bo_coaching, t.bo_id);
            async move {
                match i % 4 {
                    // The co-hosted session at 10:00.
                    0 => app.post(&ana, "/api/sessions", json!({"sessionTypeId": ac, "start": TEN, "cohostIds": [bo_id]})).await,
                    // Ana's own client, 10:30.
                    1 => app.post(&ana, "/api/bookings", json!({"sessionTypeId": ac, "start": "2026-11-09T10:30:00Z",
                        "name": format!("Client {i}"), "email": format!("c{i}@example.com")})).await,
                    // Bo's own session, 10:15.
                    2 => app.post(&bo, "/api/sessions", json!({"sessionTypeId": bc, "start": "2026-11-09T10:15:00Z"})).await,
                    // Bo's public page booked by a visitor at 10:30.
                    _ => call(&app, "POST", None, "/api/coaches/bo-chen/bookings", Some(json!({
                        "sessionTypeId": bc, "start": "2026-11-09T10:30:00Z",
                        "name": format!("Visitor {i}"), "email": format!("v{i}@example.com")}))).await,
                }
            }
        })
        .await;
        for (status, body) in &answers {
            assert!([200, 201, 409].contains(status), "{status} {body}");
        }
        assert!(answers.iter().any(|(s, _)| *s == 201));
        assert_eq!(holding_ten(&app, ana_id).await, 1, "{answers:?}");
        assert_eq!(holding_ten(&app, t.bo_id).await, 1, "{answers:?}");
    }
}

/// On PostgreSQL the database refuses a second live host row of one coach over the same time,
/// even written straight to the table past every check of the app.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_refuses_overlapping_host_rows_written_past_the_app() {
    if !crate::harness::postgres_available().await {
        return;
    }
    let app = TestApp::new(Backend::Postgres).await;
    let t = two(&app).await;
    let (status, a) = new_session(
        &app,
        &t.ana,
        json!({"sessionTypeId": t.ana_coaching, "start": TEN}),
    )
    .await;
    assert_eq!(status, 201, "{a}");
    let (status, b) = new_session(
        &app,
        &t.bo,
        json!({"sessionTypeId": t.bo_coaching, "start": "2026-11-09T10:30:00Z"}),
    )
    .await;
    assert_eq!(status, 201, "{b}");
    let ana_session = a["id"].as_i64().unwrap();
    let ten = 1_794_218_400_i64;
    let raw = |status: &'static str| {
        sqlx::query(
            "INSERT INTO session_hosts (session_id, coach_id, role, status, start_at, end_at, session_status, created_at, updated_at)
             VALUES ($1, $2, 'cohost', $3, $4, $5, 'scheduled', 0, 0)",
        )
        .bind(ana_session)
        .bind(t.bo_id)
        .bind(status)
        .bind(ten)
        .bind(ten + 3600)
    };
    let err = raw("accepted")
        .execute(app.state.db().pool())
        .await
        .expect_err("the exclusion constraint refuses it");
    let db_err = err.as_database_error().expect("a database error");
    assert_eq!(db_err.code().as_deref(), Some("23P01"), "{err}");
    assert_eq!(
        db_err.constraint(),
        Some("session_hosts_no_overlap"),
        "{err}"
    );
    // A declined row holds no time: the database takes it.
    raw("declined")
        .execute(app.state.db().pool())
        .await
        .expect("a declined host holds no time");
    // And moving Bo's own session over Ana's co-hosted... (his row) through raw SQL is refused too.
    let moved = sqlx::query(
        "UPDATE session_hosts SET status = 'invited' WHERE session_id = $1 AND coach_id = $2",
    )
    .bind(ana_session)
    .bind(t.bo_id)
    .execute(app.state.db().pool())
    .await;
    assert!(
        moved.is_err(),
        "re-holding the time over Bo's session is refused"
    );
}

db_test! {
    async fn the_cohosts_calendar_feed_holds_the_session_without_its_participants(db) {
        let app = TestApp::new(db).await;
        let t = two(&app).await;
        let (status, s) = new_session(&app, &t.ana, json!({"sessionTypeId": t.ana_workshop, "start": TEN, "cohostIds": [t.bo_id]})).await;
        assert_eq!(status, 201, "{s}");
        let (status, b) = app.post(&t.ana, "/api/bookings", json!({
            "sessionTypeId": t.ana_workshop, "start": TEN, "name": "Zed Secretname", "email": "zed@example.com"
        })).await;
        assert_eq!(status, 201, "{b}");
        let (_, feeds) = app.get(&t.bo, "/api/me/feeds").await;
        let url = feeds["feeds"].as_array().unwrap().iter().find(|f| f["kind"] == "coach").expect("Bo's feed")["url"]
            .as_str().unwrap().to_owned();
        let path = &url[url.find("/feeds/").unwrap()..];
        let text = app.send(axum::http::Method::GET, path).await.text();
        assert!(text.contains("Workshop"), "{text}");
        assert!(text.contains("20261109T100000"), "{text}");
        assert!(!text.contains("Zed"), "{text}");
        // Declined: gone from his feed.
        let id = s["id"].as_i64().unwrap();
        let (status, _) = app.post(&t.bo, &format!("/api/sessions/{id}/hosts/decline"), json!({})).await;
        assert_eq!(status, 200);
        let text = app.send(axum::http::Method::GET, path).await.text();
        assert!(!text.contains("Workshop"), "{text}");
    }
}
