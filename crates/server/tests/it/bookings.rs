//! Bookings that cannot collide: conflict checks inside the write, 50 concurrent requests,
//! idempotent retries. In-process, on both databases.

mod pages;

use serde_json::{json, Value};

use crate::harness::{error_code, TestApp};

/// A coach open all week (so these tests are about collisions, not hours), with a 60-minute
/// type with a 15-minute buffer after and a 20-minute one.
async fn coach_with_types(app: &TestApp) -> (String, i64, i64) {
    let token = app.coach_token().await;
    let hour = app
        .session_type(
            &token,
            json!({"name": "Coaching", "durationMinutes": 60, "bufferAfterMinutes": 15}),
        )
        .await;
    let short = app
        .session_type(&token, json!({"name": "Check-in", "durationMinutes": 20}))
        .await;
    app.open_every_day(&token, "00:00", "24:00").await;
    (token, hour, short)
}

fn booking(type_id: i64, start: &str) -> Value {
    json!({"sessionTypeId": type_id, "start": start, "name": "Jo Client", "email": "jo@example.com"})
}

db_test! {
    async fn fifty_concurrent_overlapping_requests_book_exactly_once(db) {
        let app = TestApp::new(db).await;
        let (token, hour, short) = coach_with_types(&app).await;
        // Starts from 09:00 to 09:19 of two types and durations (60 and 20 minutes): every pair
        // overlaps (all contain 09:19:30), yet no two requests are the same slot.
        let requests: Vec<Value> = (0..50)
            .map(|i| {
                let start = format!("2027-03-10T09:{:02}:{:02}+00:00", i % 20, (i / 20) * 15);
                booking(if i % 2 == 0 { hour } else { short }, &start)
            })
            .collect();
        // In-process, each request on its own task, all let go at once: the handlers and the
        // database see 50 overlapping writes, as they would from 50 connections.
        let app = std::sync::Arc::new(app);
        let start = std::sync::Arc::new(tokio::sync::Barrier::new(requests.len()));
        let tasks: Vec<_> = requests
            .into_iter()
            .map(|body| {
                let (app, start, token) = (app.clone(), start.clone(), token.clone());
                tokio::spawn(async move {
                    start.wait().await;
                    let (status, body) = app.post(&token, "/api/bookings", body).await;
                    assert_ne!(body, Value::Null, "{status} without a JSON body");
                    (status, body)
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
        assert_eq!((app.count("sessions").await, app.count("bookings").await), (1, 1));
    }
}

db_test! {
    async fn buffers_keep_sessions_apart_but_back_to_back_fits_without_them(db) {
        let app = TestApp::new(db).await;
        let (token, hour, short) = coach_with_types(&app).await;
        let (status, _) = app.post(&token, "/api/bookings", booking(hour, "2027-03-10T09:00:00Z")).await;
        assert_eq!(status, 201);
        // 10:00 falls inside the first session's 15-minute buffer after.
        let (status, body) = app.post(&token, "/api/bookings", booking(short, "2027-03-10T10:05:00Z")).await;
        assert_eq!(status, 409, "{body}");
        let (status, body) = app.post(&token, "/api/bookings", booking(short, "2027-03-10T10:15:00Z")).await;
        assert_eq!(status, 201, "{body}");
        assert_eq!(body["start"], "2027-03-10T10:15:00+00:00");
        assert_eq!(body["end"], "2027-03-10T10:35:00+00:00");
        assert_eq!(body["timeZone"], "Europe/London");
        let (status, _) = app.post(&token, "/api/bookings", booking(short, "2027-03-10T08:40:00Z")).await;
        assert_eq!(status, 201, "ending exactly at the next start is fine");
    }
}

db_test! {
    async fn a_retried_request_with_the_same_key_books_once(db) {
        let app = TestApp::new(db).await;
        let (token, hour, _) = coach_with_types(&app).await;
        let body = booking(hour, "2027-04-01T14:00:00+02:00");
        let (s1, first) = app.post_with_key(&token, "/api/bookings", &body, "retry-1").await;
        let (s2, second) = app.post_with_key(&token, "/api/bookings", &body, "retry-1").await;
        assert_eq!((s1, s2), (201, 201));
        assert_eq!(first, second);
        let (s3, other) = app.post_with_key(&token, "/api/bookings", &booking(hour, "2027-04-02T14:00:00+02:00"), "retry-1").await;
        assert_eq!(s3, 422, "{other}");
        assert_eq!(app.count("bookings").await, 1);
        let (status, fetched) = app.get(&token, &format!("/api/bookings/{}", first["id"])).await;
        assert_eq!((status, &fetched["start"]), (200, &json!("2027-04-01T13:00:00+01:00")));
    }
}

db_test! {
    async fn bad_bookings_get_clear_errors_and_change_nothing(db) {
        let app = TestApp::new(db).await;
        let (token, hour, _) = coach_with_types(&app).await;
        let bo = app.other_coach_token().await;
        let cases = [
            (json!({"sessionTypeId": hour, "start": "tomorrow at ten", "name": "Jo", "email": "jo@example.com"}), 422, "start"),
            (json!({"sessionTypeId": hour, "start": "2027-03-10T10:00:00", "name": "Jo", "email": "jo@example.com"}), 422, "start"),
            (json!({"sessionTypeId": 999_999, "start": "2027-03-10T10:00:00Z", "name": "Jo", "email": "jo@example.com"}), 422, "sessionTypeId"),
            (json!({"sessionTypeId": hour, "start": "2027-03-10T10:00:00Z", "end": "2027-03-10T09:00:00Z", "name": "Jo", "email": "jo@example.com"}), 422, "end"),
            (json!({"sessionTypeId": hour, "start": "2027-03-10T10:00:00Z", "name": "", "email": "jo"}), 422, "name"),
            (json!({"sessionTypeId": hour, "start": "2027-03-10T10:00:00Z", "name": "Jo", "email": "jo@example.com", "meetingUrl": "javascript:alert(1)"}), 422, "meetingUrl"),
        ];
        for (body, status, field) in &cases {
            let (got, err) = app.post(&token, "/api/bookings", body.clone()).await;
            assert_eq!(got, *status, "{body} -> {err}");
            assert_eq!(err["error"]["fields"][0]["field"], *field, "{body} -> {err}");
        }
        // Another coach's session type is not theirs to book.
        let (got, err) = app.post(&bo, "/api/bookings", booking(hour, "2027-03-10T10:00:00Z")).await;
        assert_eq!((got, err["error"]["fields"][0]["field"].as_str()), (422, Some("sessionTypeId")));
        assert_eq!(app.count("sessions").await, 0);
        // And bookings are private to their coach.
        let (_, mine) = app.post(&token, "/api/bookings", booking(hour, "2027-03-10T10:00:00Z")).await;
        let (status, _) = app.get(&bo, &format!("/api/bookings/{}", mine["id"])).await;
        assert_eq!(status, 404);
    }
}
