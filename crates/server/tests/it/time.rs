//! Time as the server reads it, on both databases: one clock that tests set, one tz database
//! (the bundled one), times outside 2000–2199 refused rather than overflowing, typed times the
//! clocks skip or show twice read as documented and said so, and bounds that must carry an
//! offset. A panic answers like any other server error, with a reference in the log.

use axum::body::Body;
use axum::http::{Method, Request};
use axum::routing::get;
use axum::{middleware, Router};
use serde_json::json;
use tower::ServiceExt;

use crate::harness::{error_code, logs, TestApp, COACH_EMAIL};

/// Ana, moved to New York, open 00:00–24:00 every day (or `start`–`end`), with a 60-minute
/// coaching type and a 20-minute one.
async fn new_york_coach(app: &TestApp, start: &str, end: &str) -> (String, i64, i64) {
    let token = app.coach_token().await;
    let (status, me) = app
        .patch(
            &token,
            "/api/me",
            json!({"name": "Ana Ruiz", "email": COACH_EMAIL, "timeZone": "America/New_York", "slug": "ana-ruiz"}),
        )
        .await;
    assert_eq!(status, 200, "{me}");
    let hour = app
        .session_type(&token, json!({"name": "Coaching", "durationMinutes": 60}))
        .await;
    let short = app
        .session_type(&token, json!({"name": "Check-in", "durationMinutes": 20}))
        .await;
    app.open_every_day(&token, start, end).await;
    (token, hour, short)
}

db_test! {
    async fn the_servers_now_is_the_clock_it_was_given(db) {
        let app = TestApp::new(db).await;
        let token = app.coach_token().await;
        app.session_type(&token, json!({"name": "Coaching", "durationMinutes": 60})).await;
        app.clock.set("2031-05-05T08:00:00Z".parse().unwrap());
        let (status, a) = app.get(&token, "/api/availability").await;
        assert_eq!(status, 200, "{a}");
        assert_eq!((a["from"].as_str(), a["to"].as_str()), (Some("2031-05-05T09:00:00+01:00"), Some("2031-05-19T09:00:00+01:00")),
            "the default range starts at the clock's now, in the coach's zone");
        // Weekly time off without a first date starts today, by the same clock.
        let (status, b) = app.post(&token, "/api/availability/blocks", json!({"kind": "weekly", "weekdays": [5], "startTime": "12:00", "endTime": "24:00"})).await;
        assert_eq!((status, b["from"].as_str()), (201, Some("2031-05-05")), "{b}");
    }
}

db_test! {
    async fn times_outside_the_years_2000_to_2199_are_refused_not_a_server_error(db) {
        let app = TestApp::new(db).await;
        let token = app.coach_token().await;
        let t = app.session_type(&token, json!({"name": "Coaching", "durationMinutes": 60})).await;
        app.open_every_day(&token, "00:00", "24:00").await;
        for q in ["from=9999-12-30T00:00:00Z", "from=2026-12-01&to=9999-12-31", "from=1970-01-01T00:00:00Z", "to=2200-01-01"] {
            let (status, err) = app.get(&token, &format!("/api/availability?{q}")).await;
            assert_eq!((status, error_code(&err)), (422, "invalid_input"), "{q}: {err}");
            assert!(err["error"]["message"].as_str().unwrap().contains("2000 and 2199"), "{err}");
        }
        let person = json!({"name": "Jo Client", "email": "jo@example.com"});
        let with = |extra: serde_json::Value| {
            let mut body = person.clone();
            body.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
            body["sessionTypeId"] = json!(t);
            body
        };
        for (body, field) in [
            (with(json!({"start": "9999-12-30T21:30:00Z"})), "start"),
            (with(json!({"date": "9999-12-30", "startTime": "21:30"})), "date"),
            (with(json!({"start": "2199-12-31T23:30:00Z"})), "end"),
        ] {
            for path in ["/api/bookings", "/api/bookings/check"] {
                let (status, err) = app.post(&token, path, body.clone()).await;
                assert_eq!((status, error_code(&err)), (422, "invalid_input"), "{path} {body}: {err}");
                assert_eq!(err["error"]["fields"][0]["field"], field, "{err}");
            }
        }
        let (status, err) = app.put(&token, "/api/availability/overrides/9999-12-31", json!({"windows": []})).await;
        assert_eq!((status, error_code(&err)), (422, "invalid_input"), "{err}");
        let (status, err) = app.post(&token, "/api/availability/blocks", json!({"kind": "once", "start": "9999-12-30T00:00:00Z", "end": "9999-12-31T00:00:00Z"})).await;
        assert_eq!((status, error_code(&err)), (422, "invalid_input"), "{err}");
        let (status, b) = app.post(&token, "/api/bookings", with(json!({"start": "2027-03-10T10:00:00Z"}))).await;
        assert_eq!(status, 201, "{b}");
        let (status, err) = app.post(&token, &format!("/api/bookings/{}/reschedule", b["id"]), json!({"start": "9999-12-30T21:30:00Z"})).await;
        assert_eq!((status, error_code(&err)), (422, "invalid_input"), "{err}");
        assert_eq!((app.count("sessions").await, app.count("blocks").await, app.count("date_overrides").await), (1, 0, 0), "nothing else was written");
    }
}

db_test! {
    async fn a_bound_with_a_time_but_no_offset_is_refused_naming_the_accepted_forms(db) {
        let app = TestApp::new(db).await;
        let token = app.coach_token().await;
        app.session_type(&token, json!({"name": "Coaching", "durationMinutes": 60})).await;
        for q in ["from=2027-01-12T10:00:00", "from=2027-01-12&to=2027-01-13T10:00"] {
            let (status, err) = app.get(&token, &format!("/api/availability?{q}")).await;
            assert_eq!((status, error_code(&err)), (400, "invalid_query"), "{q}: {err}");
            let message = err["error"]["message"].as_str().unwrap();
            assert!(message.contains("RFC 3339") && message.contains("offset") && message.contains("2026-12-01"), "{message}");
        }
        let (status, a) = app.get(&token, "/api/availability?from=2027-01-12T10:00:00Z&to=2027-01-13").await;
        assert_eq!(status, 200, "{a}");
        assert_eq!(a["from"], "2027-01-12T10:00:00+00:00");
    }
}

db_test! {
    async fn a_time_the_clocks_skip_is_read_as_after_the_gap_and_the_answer_says_so(db) {
        let app = TestApp::new(db).await;
        let (token, hour, _) = new_york_coach(&app, "00:00", "24:00").await;
        let body = json!({"sessionTypeId": hour, "date": "2027-03-14", "startTime": "02:30", "name": "Jo Client", "email": "jo@example.com"});
        let (status, check) = app.post(&token, "/api/bookings/check", body.clone()).await;
        assert_eq!(status, 200, "{check}");
        assert_eq!((check["status"].as_str(), check["start"].as_str()), (Some("free"), Some("2027-03-14T03:00:00-04:00")));
        let said = check["message"].as_str().unwrap();
        assert!(said.contains("02:30 does not exist on Sun 14 Mar 2027") && said.contains("03:00"), "{said}");
        assert_eq!((check["notices"][0]["field"].as_str(), check["notices"][0]["kind"].as_str()), (Some("startTime"), Some("skipped")));

        let (status, b) = app.post(&token, "/api/bookings", body).await;
        assert_eq!(status, 201, "{b}");
        assert_eq!(b["start"], "2027-03-14T03:00:00-04:00");
        assert!(b["notices"][0]["message"].as_str().unwrap().contains("does not exist"), "{b}");
        let (_, again) = app.get(&token, &format!("/api/bookings/{}", b["id"])).await;
        assert!(again.get("notices").is_none(), "only the answer to the request says how it was read: {again}");
    }
}

db_test! {
    async fn the_second_pass_of_the_autumn_hour_books_inside_hours_that_span_it(db) {
        let app = TestApp::new(db).await;
        // 00:00–04:00 on 7 November 2027 in New York runs 00:00 EDT to 04:00 EST: five hours.
        let (token, _, short) = new_york_coach(&app, "00:00", "04:00").await;
        let person = |extra: serde_json::Value| {
            let mut body = json!({"sessionTypeId": short, "name": "Jo Client", "email": "jo@example.com"});
            body.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
            body
        };
        // The second 01:30, named by its offset.
        let (status, b) = app.post(&token, "/api/bookings", person(json!({"start": "2027-11-07T01:30:00-05:00"}))).await;
        assert_eq!(status, 201, "inside the hours, not outside them: {b}");
        assert_eq!(b["start"], "2027-11-07T01:30:00-05:00");
        // The second 01:00, named by `fold`; the answer says which one it is.
        let (status, later) = app.post(&token, "/api/bookings", person(json!({"date": "2027-11-07", "startTime": "01:00", "fold": "later"}))).await;
        assert_eq!(status, 201, "{later}");
        assert_eq!(later["start"], "2027-11-07T01:00:00-05:00");
        assert_eq!(later["notices"][0]["kind"], "repeated");
        assert!(later["notices"][0]["message"].as_str().unwrap().contains("the second one"), "{later}");
        // Without `fold`, the first one, and the answer says how to get the other.
        let (status, earlier) = app.post(&token, "/api/bookings", person(json!({"date": "2027-11-07", "startTime": "01:00"}))).await;
        assert_eq!(status, 201, "{earlier}");
        assert_eq!(earlier["start"], "2027-11-07T01:00:00-04:00");
        assert!(earlier["notices"][0]["message"].as_str().unwrap().contains("\"later\""), "{earlier}");
        // A nonsense fold is a field error.
        let (status, err) = app.post(&token, "/api/bookings/check", person(json!({"date": "2027-11-08", "startTime": "01:00", "fold": "sideways"}))).await;
        assert_eq!((status, err["error"]["fields"][0]["field"].as_str()), (422, Some("fold")), "{err}");
    }
}

db_test! {
    async fn zones_come_from_the_bundled_tz_database_whatever_the_host_has(db) {
        let app = TestApp::new(db).await;
        let token = app.coach_token().await;
        app.session_type(&token, json!({"name": "Coaching", "durationMinutes": 60})).await;
        // British Columbia stays on UTC-7 from 2026 (tzdata 2026a); a host with older tzdata
        // (Debian's 2025b) says UTC-8. The bundle decides, on every node.
        let (status, a) = app.get(&token, "/api/availability?from=2027-01-12&to=2027-01-13&timeZone=America/Vancouver").await;
        assert_eq!(status, 200, "{a}");
        assert_eq!(a["from"], "2027-01-11T17:00:00-07:00");
        let ready = app.send(Method::GET, "/readyz").await;
        assert_eq!(ready.status, 200);
        assert!(ready.text().contains(&format!("tz database {}", coachbook_core::time::tzdb_version())), "{}", ready.text());
    }
}

async fn panics() -> &'static str {
    panic!("the flux capacitor broke")
}

#[tokio::test]
async fn a_panic_answers_pages_with_the_error_page_and_the_api_with_json_and_logs_its_cause() {
    logs::capture();
    let router: Router = Router::new()
        .route("/boom", get(panics))
        .route("/api/boom", get(panics))
        .layer(middleware::from_fn(coachbook::web::request_context));
    let ask = |path: &str| {
        router
            .clone()
            .oneshot(Request::get(path).body(Body::empty()).unwrap())
    };

    let page = ask("/boom").await.unwrap();
    assert_eq!(page.status(), 500);
    let id = page.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert!(page.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = String::from_utf8(
        axum::body::to_bytes(page.into_body(), usize::MAX)
            .await
            .unwrap()
            .to_vec(),
    )
    .unwrap();
    assert!(
        html.contains("Something went wrong") && html.contains(&id),
        "the page shows the reference: {html}"
    );
    assert!(
        !html.contains("flux capacitor"),
        "the cause stays in the log"
    );
    let logged = logs::lines_with(&id).join("\n");
    assert!(
        logged.contains("a request panicked") && logged.contains("the flux capacitor broke"),
        "{logged}"
    );

    let api = ask("/api/boom").await.unwrap();
    assert_eq!(api.status(), 500);
    let id = api.headers()["x-request-id"].to_str().unwrap().to_owned();
    let body: serde_json::Value = serde_json::from_slice(
        &axum::body::to_bytes(api.into_body(), usize::MAX)
            .await
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        (error_code(&body), body["error"]["reference"].as_str()),
        ("internal", Some(id.as_str()))
    );
}
