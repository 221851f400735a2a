//! Bookings that cannot collide: conflict checks inside the write, 50 concurrent requests,
//! idempotent retries. Both databases.

mod pages;

use crate::harness::{error_code, TestApp, COACH_EMAIL};
use serde_json::{json, Value};

async fn post_json(
    app: &TestApp,
    token: &str,
    path: &str,
    body: &Value,
    key: Option<&str>,
) -> (u16, Value) {
    let mut req = reqwest::Client::new()
        .post(app.url(path))
        .bearer_auth(token)
        .json(body);
    if let Some(key) = key {
        req = req.header("idempotency-key", key);
    }
    let res = req.send().await.unwrap();
    (
        res.status().as_u16(),
        res.json().await.unwrap_or(Value::Null),
    )
}

async fn coach_with_types(app: &TestApp) -> (String, i64, i64) {
    app.setup_coach(&app.client()).await;
    let token = app.token_for(COACH_EMAIL).await;
    let (_, one) = post_json(
        app,
        &token,
        "/api/session-types",
        &json!({"name": "Coaching", "durationMinutes": 60, "bufferAfterMinutes": 15}),
        None,
    )
    .await;
    let (_, short) = post_json(
        app,
        &token,
        "/api/session-types",
        &json!({"name": "Check-in", "durationMinutes": 20}),
        None,
    )
    .await;
    // Open all week, so these tests are about collisions, not hours.
    let rules: Vec<Value> = (1..=7)
        .map(|d| json!({"weekday": d, "start": "00:00", "end": "24:00"}))
        .collect();
    let res = reqwest::Client::new()
        .put(app.url("/api/availability/rules"))
        .bearer_auth(&token)
        .json(&json!({ "rules": rules }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    (
        token,
        one["id"].as_i64().unwrap(),
        short["id"].as_i64().unwrap(),
    )
}

fn booking(type_id: i64, start: &str) -> Value {
    json!({"sessionTypeId": type_id, "start": start, "name": "Jo Client", "email": "jo@example.com"})
}

db_test! {
    async fn fifty_concurrent_overlapping_requests_book_exactly_once(db) {
        let app = TestApp::spawn(db).await;
        let (token, hour, short) = coach_with_types(&app).await;
        // Starts from 09:00 to 09:19 of two types and durations (60 and 20 minutes): every pair
        // overlaps (all contain 09:19:30), yet no two requests are the same slot.
        let requests: Vec<Value> = (0..50)
            .map(|i| {
                let start = format!("2027-03-10T09:{:02}:{:02}+00:00", i % 20, (i / 20) * 15);
                booking(if i % 2 == 0 { hour } else { short }, &start)
            })
            .collect();
        let client = reqwest::Client::new();
        let tasks: Vec<_> = requests
            .into_iter()
            .map(|body| {
                let client = client.clone();
                let url = app.url("/api/bookings");
                let token = token.clone();
                tokio::spawn(async move {
                    let res = client.post(url).bearer_auth(token).json(&body).send().await.unwrap();
                    let status = res.status().as_u16();
                    (status, res.json::<Value>().await.unwrap())
                })
            })
            .collect();
        let mut created = 0;
        let mut conflicts = 0;
        for task in tasks {
            let (status, body) = task.await.unwrap();
            match status {
                201 => created += 1,
                409 => {
                    conflicts += 1;
                    assert_eq!(error_code(&body), "conflict");
                    assert!(body["error"]["message"].as_str().unwrap().contains("collides with another session"), "{body}");
                }
                other => panic!("unexpected {other}: {body}"),
            }
        }
        assert_eq!((created, conflicts), (1, 49));
        let coach_id = app.state.db().pool().clone();
        let sessions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions").fetch_one(&coach_id).await.unwrap();
        let bookings: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bookings").fetch_one(&coach_id).await.unwrap();
        assert_eq!((sessions, bookings), (1, 1));
    }
}

db_test! {
    async fn buffers_keep_sessions_apart_but_back_to_back_fits_without_them(db) {
        let app = TestApp::spawn(db).await;
        let (token, hour, short) = coach_with_types(&app).await;
        let (status, _) = post_json(&app, &token, "/api/bookings", &booking(hour, "2027-03-10T09:00:00Z"), None).await;
        assert_eq!(status, 201);
        // 10:00 falls inside the first session's 15-minute buffer after.
        let (status, body) = post_json(&app, &token, "/api/bookings", &booking(short, "2027-03-10T10:05:00Z"), None).await;
        assert_eq!(status, 409, "{body}");
        let (status, body) = post_json(&app, &token, "/api/bookings", &booking(short, "2027-03-10T10:15:00Z"), None).await;
        assert_eq!(status, 201, "{body}");
        assert_eq!(body["start"], "2027-03-10T10:15:00+00:00");
        assert_eq!(body["end"], "2027-03-10T10:35:00+00:00");
        assert_eq!(body["timeZone"], "Europe/London");
        let (status, _) = post_json(&app, &token, "/api/bookings", &booking(short, "2027-03-10T08:40:00Z"), None).await;
        assert_eq!(status, 201, "ending exactly at the next start is fine");
    }
}

db_test! {
    async fn a_retried_request_with_the_same_key_books_once(db) {
        let app = TestApp::spawn(db).await;
        let (token, hour, _) = coach_with_types(&app).await;
        let body = booking(hour, "2027-04-01T14:00:00+02:00");
        let (s1, first) = post_json(&app, &token, "/api/bookings", &body, Some("retry-1")).await;
        let (s2, second) = post_json(&app, &token, "/api/bookings", &body, Some("retry-1")).await;
        assert_eq!((s1, s2), (201, 201));
        assert_eq!(first, second);
        let (s3, other) = post_json(&app, &token, "/api/bookings", &booking(hour, "2027-04-02T14:00:00+02:00"), Some("retry-1")).await;
        assert_eq!(s3, 422, "{other}");
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bookings").fetch_one(app.state.db().pool()).await.unwrap();
        assert_eq!(n, 1);
        let (status, fetched) = app.get_json(&format!("/api/bookings/{}", first["id"]), &token).await;
        assert_eq!((status, &fetched["start"]), (200, &json!("2027-04-01T13:00:00+01:00")));
    }
}

db_test! {
    async fn bad_bookings_get_clear_errors_and_change_nothing(db) {
        let app = TestApp::spawn(db).await;
        let (token, hour, _) = coach_with_types(&app).await;
        app.create_coach("Bo Chen", "bo@example.com").await;
        let bo = app.token_for("bo@example.com").await;
        let cases = [
            (json!({"sessionTypeId": hour, "start": "tomorrow at ten", "name": "Jo", "email": "jo@example.com"}), 422, "start"),
            (json!({"sessionTypeId": hour, "start": "2027-03-10T10:00:00", "name": "Jo", "email": "jo@example.com"}), 422, "start"),
            (json!({"sessionTypeId": 999_999, "start": "2027-03-10T10:00:00Z", "name": "Jo", "email": "jo@example.com"}), 422, "sessionTypeId"),
            (json!({"sessionTypeId": hour, "start": "2027-03-10T10:00:00Z", "end": "2027-03-10T09:00:00Z", "name": "Jo", "email": "jo@example.com"}), 422, "end"),
            (json!({"sessionTypeId": hour, "start": "2027-03-10T10:00:00Z", "name": "", "email": "jo"}), 422, "name"),
            (json!({"sessionTypeId": hour, "start": "2027-03-10T10:00:00Z", "name": "Jo", "email": "jo@example.com", "meetingUrl": "javascript:alert(1)"}), 422, "meetingUrl"),
        ];
        for (body, status, field) in &cases {
            let (got, err) = post_json(&app, &token, "/api/bookings", body, None).await;
            assert_eq!(got, *status, "{body} -> {err}");
            assert_eq!(err["error"]["fields"][0]["field"], *field, "{body} -> {err}");
        }
        // Another coach's session type is not theirs to book.
        let (got, err) = post_json(&app, &bo, "/api/bookings", &booking(hour, "2027-03-10T10:00:00Z"), None).await;
        assert_eq!((got, err["error"]["fields"][0]["field"].as_str()), (422, Some("sessionTypeId")));
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions").fetch_one(app.state.db().pool()).await.unwrap();
        assert_eq!(n, 0);
        // And bookings are private to their coach.
        let (_, mine) = post_json(&app, &token, "/api/bookings", &booking(hour, "2027-03-10T10:00:00Z"), None).await;
        let (status, _) = app.get_json(&format!("/api/bookings/{}", mine["id"]), &bo).await;
        assert_eq!(status, 404);
    }
}
