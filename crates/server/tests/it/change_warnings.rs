//! Warnings before changes that hit booked sessions, on both databases: closing a day, narrowing
//! the weekly hours and adding time off over pending or confirmed sessions list them on the
//! Availability page (time, type, client) and save only when the coach confirms; without it
//! nothing is saved. `POST /api/availability/impact` answers the same list without saving, and
//! the routes that save stay as they were.

use serde_json::{json, Value};

use crate::harness::{error_code, TestApp};

const DAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Ana, open 09:00–17:00 every day, with Jo booked on Monday 9 November at 15:00 and Sam on
/// Tuesday 10 November at 10:00 (the clock stands on Monday 2 November).
struct Booked {
    browser: reqwest::Client,
    token: String,
    jo: i64,
    sam: i64,
}

async fn booked(app: &TestApp) -> Booked {
    let (browser, token) = app.signed_in_coach().await;
    let coaching = app
        .session_type(&token, json!({"name": "Coaching", "durationMinutes": 60}))
        .await;
    app.open_every_day(&token, "09:00", "17:00").await;
    let book = |name: &str, start: &str| {
        let body = json!({"sessionTypeId": coaching, "start": start, "name": name,
            "email": format!("{}@example.com", name.to_lowercase().replace(' ', "."))});
        let token = token.clone();
        async move {
            let (status, b) = app.post(&token, "/api/bookings", body).await;
            assert_eq!(status, 201, "{b}");
            b["id"].as_i64().unwrap()
        }
    };
    let jo = book("Jo Client", "2026-11-09T15:00:00Z").await;
    let sam = book("Sam Other", "2026-11-10T10:00:00Z").await;
    Booked {
        browser,
        token,
        jo,
        sam,
    }
}

/// The weekly hours form with `start`–`end` on every day.
fn week(start: &str, end: &str) -> Vec<(String, String)> {
    let mut form = Vec::new();
    for day in DAYS {
        form.push(("day".to_owned(), day.to_owned()));
        form.push((format!("start-{day}"), start.to_owned()));
        form.push((format!("end-{day}"), end.to_owned()));
    }
    form
}

fn with_confirm<K: From<&'static str>>(mut form: Vec<(K, String)>) -> Vec<(K, String)> {
    form.push(("confirm".into(), "yes".to_owned()));
    form
}

async fn impact(app: &TestApp, token: &str, body: Value) -> (u16, Value) {
    app.post(token, "/api/availability/impact", body).await
}

db_test! {
    async fn closing_a_day_over_booked_sessions_lists_them_and_saves_only_when_confirmed(db) {
        let app = TestApp::serve(db).await;
        let b = booked(&app).await;
        let close = |date: &str| vec![("date", date.to_owned()), ("mode", "closed".to_owned())];

        let asked = app.post_form(&b.browser, "/admin/availability/overrides", &close("2026-11-09")).await;
        assert_eq!(asked.status(), 409);
        let html = asked.text().await.unwrap();
        assert!(html.contains("1 booked session is on a day you close"), "{html}");
        assert!(html.contains("Mon 9 Nov 2026, 15:00–16:00") && html.contains("Coaching") && html.contains("Jo Client"), "{html}");
        assert!(!html.contains("Sam Other"), "only the sessions hit are listed");
        assert!(html.contains("name=\"confirm\""), "asks to confirm");
        assert!(html.contains("value=\"2026-11-09\""), "the form keeps what was sent");
        assert_eq!(app.get(&b.token, "/api/availability/overrides").await.1, json!([]), "nothing saved");

        let saved = app.post_form(&b.browser, "/admin/availability/overrides", &with_confirm(close("2026-11-09"))).await;
        assert_eq!(saved.status(), 303);
        let (_, overrides) = app.get(&b.token, "/api/availability/overrides").await;
        assert_eq!(overrides[0]["date"], "2026-11-09");
        assert_eq!(overrides[0]["closed"], true);
        let (_, jo) = app.get(&b.token, &format!("/api/bookings/{}", b.jo)).await;
        assert_eq!(jo["status"], "confirmed", "the session stays booked");

        // Narrowing a day: only what falls outside the new hours; a free day saves at once.
        let narrow = vec![("date", "2026-11-10".to_owned()), ("mode", "hours".to_owned()),
            ("start", "12:00".to_owned()), ("end", "17:00".to_owned())];
        let asked = app.post_form(&b.browser, "/admin/availability/overrides", &narrow).await;
        assert_eq!(asked.status(), 409);
        let html = asked.text().await.unwrap();
        assert!(html.contains("outside that day&#39;s new hours") || html.contains("outside that day's new hours"), "{html}");
        assert!(html.contains("Sam Other"));
        let free = app.post_form(&b.browser, "/admin/availability/overrides", &close("2026-11-11")).await;
        assert_eq!(free.status(), 303);
    }
}

db_test! {
    async fn narrowing_the_weekly_hours_lists_the_sessions_left_outside(db) {
        let app = TestApp::serve(db).await;
        let b = booked(&app).await;
        let asked = app.post_form(&b.browser, "/admin/availability/hours", &week("09:00", "12:00")).await;
        assert_eq!(asked.status(), 409);
        let html = asked.text().await.unwrap();
        assert!(html.contains("1 booked session is outside your new weekly hours") && html.contains("Jo Client"), "{html}");
        assert!(!html.contains("Sam Other"), "10:00 is still inside");
        let (_, rules) = app.get(&b.token, "/api/availability/rules").await;
        assert_eq!(rules["rules"][0]["end"], "17:00", "nothing saved");

        // Widening never asks; confirming saves the narrower week.
        assert_eq!(app.post_form(&b.browser, "/admin/availability/hours", &week("08:00", "18:00")).await.status(), 303);
        let saved = app.post_form(&b.browser, "/admin/availability/hours", &with_confirm(week("09:00", "12:00"))).await;
        assert_eq!(saved.status(), 303);
        let (_, rules) = app.get(&b.token, "/api/availability/rules").await;
        assert_eq!(rules["rules"][0]["end"], "12:00");

        // A cancelled session is no longer asked about.
        let (status, _) = app.post(&b.token, &format!("/api/bookings/{}/cancel", b.jo), json!({})).await;
        assert_eq!(status, 200);
        assert_eq!(app.post_form(&b.browser, "/admin/availability/hours", &week("09:00", "11:00")).await.status(), 303);
    }
}

db_test! {
    async fn adding_time_off_over_booked_sessions_lists_them_and_saves_only_when_confirmed(db) {
        let app = TestApp::serve(db).await;
        let b = booked(&app).await;
        let days = vec![("kind", "days".to_owned()), ("from", "2026-11-09".to_owned()), ("until", "2026-11-10".to_owned()), ("label", "Conference".to_owned())];
        let asked = app.post_form(&b.browser, "/admin/availability/time-off", &days).await;
        assert_eq!(asked.status(), 409);
        let html = asked.text().await.unwrap();
        assert!(html.contains("2 booked sessions are during the new time off") && html.contains("Jo Client") && html.contains("Sam Other"), "{html}");
        assert!(html.contains("id=\"affected-days\""), "shown in the form that was sent");
        assert_eq!(app.count("blocks").await, 0, "nothing saved");

        let once = vec![("kind", "once".to_owned()), ("start", "2026-11-09T15:30".to_owned()), ("end", "2026-11-09T18:00".to_owned())];
        let asked = app.post_form(&b.browser, "/admin/availability/time-off", &once).await;
        assert_eq!(asked.status(), 409);
        let html = asked.text().await.unwrap();
        assert!(html.contains("Jo Client") && !html.contains("Sam Other"), "{html}");

        let weekly = vec![("kind", "weekly".to_owned()), ("weekdays", "2".to_owned()), ("startTime", "09:00".to_owned()), ("endTime", "11:00".to_owned())];
        let asked = app.post_form(&b.browser, "/admin/availability/time-off", &weekly).await;
        assert_eq!(asked.status(), 409);
        let html = asked.text().await.unwrap();
        assert!(html.contains("Sam Other") && !html.contains("Jo Client"), "{html}");
        assert_eq!(app.count("blocks").await, 0);

        let saved = app.post_form(&b.browser, "/admin/availability/time-off", &with_confirm(days)).await;
        assert_eq!(saved.status(), 303);
        assert_eq!(app.count("blocks").await, 1);
        // Time off where nothing is booked saves at once; a mistake is still named beside its field.
        let free = vec![("kind", "days".to_owned()), ("from", "2026-11-20".to_owned())];
        assert_eq!(app.post_form(&b.browser, "/admin/availability/time-off", &free).await.status(), 303);
        let bad = vec![("kind", "days".to_owned()), ("from", "someday".to_owned())];
        let res = app.post_form(&b.browser, "/admin/availability/time-off", &bad).await;
        assert_eq!(res.status(), 422);
        assert_eq!(app.count("blocks").await, 2);
    }
}

db_test! {
    async fn the_impact_endpoint_names_the_bookings_a_change_would_hit_without_saving(db) {
        let app = TestApp::serve(db).await;
        let b = booked(&app).await;
        let (status, answer) = impact(&app, &b.token, json!({"dateOverride": {"date": "2026-11-09", "windows": []}})).await;
        assert_eq!(status, 200, "{answer}");
        assert_eq!(answer["code"], "affects_bookings");
        let affected = answer["affected"].as_array().unwrap();
        assert_eq!(affected.len(), 1);
        assert_eq!(affected[0]["bookingId"], b.jo);
        assert_eq!(affected[0]["name"], "Jo Client");
        assert_eq!(affected[0]["sessionTypeName"], "Coaching");
        assert_eq!(affected[0]["start"], "2026-11-09T15:00:00+00:00");

        let (_, answer) = impact(&app, &b.token, json!({"timeOff": {"kind": "days", "from": "2026-11-10"}})).await;
        assert_eq!(answer["affected"][0]["bookingId"], b.sam);
        let rules: Vec<Value> = (1..=7).map(|d| json!({"weekday": d, "start": "09:00", "end": "12:00"})).collect();
        let (_, answer) = impact(&app, &b.token, json!({"weeklyHours": rules})).await;
        assert_eq!(answer["affected"].as_array().unwrap().len(), 1);
        assert_eq!(answer["affected"][0]["bookingId"], b.jo);
        let (_, answer) = impact(&app, &b.token, json!({"timeOff": {"kind": "days", "from": "2026-12-24"}})).await;
        assert_eq!((answer["code"].as_str(), answer["affected"].as_array().map(Vec::len)), (Some("none"), Some(0)));

        // Bad input: 422 naming the field, as saving would.
        let (status, answer) = impact(&app, &b.token, json!({})).await;
        assert_eq!((status, error_code(&answer)), (422, "invalid_input"));
        let (status, _) = impact(&app, &b.token, json!({"timeOff": {"kind": "days", "from": "2026-11-10"}, "dateOverride": {"date": "2026-11-09"}})).await;
        assert_eq!(status, 422);
        let (status, answer) = impact(&app, &b.token, json!({"dateOverride": {"date": "2026-13-40", "windows": []}})).await;
        assert_eq!(status, 422, "{answer}");
        assert_eq!(answer["error"]["fields"][0]["field"], "date");
        let (status, answer) = impact(&app, &b.token, json!({"weeklyHours": [{"weekday": 1, "start": "17:00", "end": "09:00"}]})).await;
        assert_eq!(status, 422, "{answer}");
        assert_eq!(answer["error"]["fields"][0]["field"], "monday");

        // Nothing was saved, and the saving routes do not ask: they stay as they were.
        assert_eq!(app.count("blocks").await, 0);
        assert_eq!(app.get(&b.token, "/api/availability/overrides").await.1, json!([]));
        let (status, _) = app.put(&b.token, "/api/availability/overrides/2026-11-09", json!({"windows": []})).await;
        assert_eq!(status, 200);

        // Another coach sees none of Ana's bookings.
        let other = app.other_coach_token().await;
        let (status, answer) = impact(&app, &other, json!({"timeOff": {"kind": "days", "from": "2026-11-09", "until": "2026-11-10"}})).await;
        assert_eq!(status, 200);
        assert_eq!(answer["affected"], json!([]));
    }
}
