//! Session requests (issue 13), on both databases: who may send one (the coach's booking
//! audience; a hidden calendar or type answers like a missing one), bad input refused field by
//! field with nothing written, the throttle, the coach's answers (approve books through the
//! conflict check, a collision changes nothing; decline with a reason), expiry by job with the
//! requester told, the demand report, and that a requester's answers hold only their own data.

use axum::body::Body;
use axum::http::{header, Request};
use coachbook::app::jobs;
use coachbook::app::session_requests as requests;
use serde_json::{json, Value};

use crate::harness::{error_code, TestApp, PASSWORD};

const PAGE: &str = "/api/coaches/ana-ruiz/session-requests";

/// Ana (Europe/London) with a 60-minute "Coaching" type, open 09:00–17:00 every day: her token
/// and the type's id.
async fn coach(app: &TestApp) -> (String, i64) {
    let token = app.coach_token().await;
    let coaching = app
        .session_type(&token, json!({"name": "Coaching", "durationMinutes": 60}))
        .await;
    app.open_every_day(&token, "09:00", "17:00").await;
    (token, coaching)
}

/// POSTs `body` as JSON to `path`, as `token` or (without one) as a visitor.
async fn send(app: &TestApp, token: Option<&str>, path: &str, body: &Value) -> (u16, Value) {
    let mut req = Request::post(path).header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let reply = app
        .request(req.body(Body::from(body.to_string())).expect("request"))
        .await;
    let json = serde_json::from_slice(&reply.body).unwrap_or(Value::Null);
    (reply.status, json)
}

/// A visitor's request for `times` of `coaching`.
fn visitor_request(coaching: i64, times: &[&str]) -> Value {
    json!({
        "sessionTypeId": coaching,
        "times": times.iter().map(|t| json!({"start": t})).collect::<Vec<_>>(),
        "message": "Evenings suit me best.",
        "name": "Noor Haddad",
        "email": "noor@example.com",
    })
}

/// A plain user account (not a coach) and its API token and id.
async fn user(app: &TestApp, name: &str, email: &str) -> (i64, String) {
    let signed_up = coachbook::app::accounts::sign_up(
        app.state.ctx(),
        &coachbook::app::accounts::NewAccount {
            name: name.into(),
            email: email.into(),
            password: PASSWORD.into(),
            time_zone: "America/New_York".into(),
            slug: None,
        },
    )
    .await;
    assert!(signed_up.is_ok(), "sign up {email}");
    let token = app.token_for(email).await;
    let (_, me) = app.get(&token, "/api/me").await;
    (me["id"].as_i64().expect("an account id"), token)
}

/// Makes `user_id` the account of a new client of Ana's called `name`; the client's id.
async fn connect(app: &TestApp, coach_token: &str, name: &str, email: &str, user_id: i64) -> i64 {
    let client = app
        .create(
            coach_token,
            "/api/coaching/clients",
            json!({"name": name, "email": email}),
        )
        .await;
    let id = client["id"].as_i64().expect("client id");
    sqlx::query("UPDATE clients SET user_id = $1 WHERE id = $2")
        .bind(user_id)
        .bind(id)
        .execute(app.state.db().pool())
        .await
        .expect("connect the client");
    id
}

async fn privacy(app: &TestApp, token: &str, calendar: &str, booking: &str, types: Value) {
    let (status, saved) = app
        .put(
            token,
            "/api/me/privacy",
            json!({"calendarVisibility": calendar, "bookingAudience": booking,
                   "showBooked": "booked", "showPrices": true, "sessionTypes": types}),
        )
        .await;
    assert_eq!(status, 200, "{saved}");
}

async fn email_kinds(app: &TestApp) -> Vec<(String, String)> {
    sqlx::query_as("SELECT kind, to_email FROM emails ORDER BY id")
        .fetch_all(app.state.db().pool())
        .await
        .expect("emails")
}

async fn email_text(app: &TestApp, kind: &str) -> String {
    sqlx::query_scalar("SELECT text_body FROM emails WHERE kind = $1 ORDER BY id DESC LIMIT 1")
        .bind(kind)
        .fetch_one(app.state.db().pool())
        .await
        .expect("an email of that kind")
}

db_test! {
    async fn a_visitor_asks_the_coach_hears_and_the_visitor_is_acknowledged(db) {
        let app = TestApp::new(db).await;
        let (token, coaching) = coach(&app).await;
        let body = visitor_request(coaching, &["2026-11-10T19:00:00Z", "2026-11-11T07:30:00+00:00"]);
        let (status, made) = send(&app, None, PAGE, &body).await;
        assert_eq!(status, 201, "{made}");
        assert_eq!(made["status"], "pending");
        assert_eq!(made["sessionTypeName"], "Coaching");
        assert_eq!(made["timeZone"], "Europe/London", "a visitor's default is the coach's zone");
        assert_eq!(made["times"][0], json!({"start": "2026-11-10T19:00:00+00:00", "end": "2026-11-10T20:00:00+00:00"}));
        assert_eq!(made["expiresAt"], "2026-11-05T09:00:00+00:00", "72 hours by default");
        assert!(made.get("name").is_none() && made.get("email").is_none(), "{made}");

        let (status, list) = app.get(&token, "/api/session-requests").await;
        assert_eq!(status, 200, "{list}");
        let r = &list[0];
        assert_eq!((r["name"].as_str(), r["email"].as_str()), (Some("Noor Haddad"), Some("noor@example.com")));
        assert_eq!(r["message"], "Evenings suit me best.");
        assert_eq!(r["times"].as_array().map(Vec::len), Some(2));
        assert_eq!(r["times"][0]["offered"], false, "19:00 is outside the hours");
        let (_, pending) = app.get(&token, "/api/session-requests?status=pending").await;
        assert_eq!(pending.as_array().map(Vec::len), Some(1));
        let (_, none) = app.get(&token, "/api/session-requests?status=declined").await;
        assert_eq!(none, json!([]));
        let (status, bad) = app.get(&token, "/api/session-requests?status=maybe").await;
        assert_eq!((status, error_code(&bad)), (422, "invalid_input"), "{bad}");

        let (_, bell) = app.get(&token, "/api/notifications").await;
        assert_eq!(bell["items"][0]["kind"], "session_request_received", "{bell}");
        assert_eq!(bell["items"][0]["title"], "New session request: Noor Haddad");
        assert_eq!(
            email_kinds(&app).await,
            vec![
                ("session_request_received".to_owned(), "ana@example.com".to_owned()),
                ("session_request_acknowledged".to_owned(), "noor@example.com".to_owned()),
            ]
        );
        let ack = email_text(&app, "session_request_acknowledged").await;
        assert!(ack.contains("Tue 10 Nov 2026, 19:00–20:00"), "{ack}");
        let expiry: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'session_request.expire'")
            .fetch_one(app.state.db().pool()).await.unwrap();
        assert_eq!(expiry, 1, "the expiry is scheduled with the request");
    }
}

db_test! {
    async fn bad_input_is_named_field_by_field_and_nothing_is_written(db) {
        let app = TestApp::new(db).await;
        let (token, coaching) = coach(&app).await;
        let hidden = app
            .session_type(&token, json!({"name": "Inner circle", "durationMinutes": 60}))
            .await;
        privacy(&app, &token, "public", "public", json!([{"id": hidden, "visibility": "nobody"}])).await;
        let future = "2026-11-10T19:00:00Z";
        let cases: Vec<(Value, &str)> = vec![
            (json!({"sessionTypeId": coaching, "times": [], "name": "N", "email": "n@example.com"}), "times"),
            (visitor_request(coaching, &[future, "2026-11-11T19:00:00Z", "2026-11-12T19:00:00Z", "2026-11-13T19:00:00Z"]), "times"),
            (visitor_request(coaching, &["2026-11-01T10:00:00Z"]), "times[0].start"),
            (visitor_request(coaching, &[future, "2026-11-10T19:00:00+00:00"]), "times[1].start"),
            (visitor_request(coaching, &["2027-09-01T10:00:00Z"]), "times[0].start"),
            (visitor_request(coaching, &["tomorrow at ten"]), "times[0].start"),
            (json!({"sessionTypeId": coaching, "times": [{"start": "2027-03-28T01:30"}], "timeZone": "Europe/London",
                    "name": "N", "email": "n@example.com"}), "times[0].start"),
            (json!({"sessionTypeId": coaching, "times": [{"start": future}], "name": "Noor"}), "email"),
            (json!({"sessionTypeId": coaching, "times": [{"start": future}], "email": "n@example.com"}), "name"),
            (json!({"sessionTypeId": coaching, "times": [{"start": future}], "timeZone": "Mars/Olympus",
                    "name": "N", "email": "n@example.com"}), "timeZone"),
            (json!({"sessionTypeId": coaching, "times": [{"start": future, "end": "2026-11-10T18:00:00Z"}],
                    "name": "N", "email": "n@example.com"}), "times[0].end"),
            (json!({"times": [{"start": future}], "name": "N", "email": "n@example.com"}), "sessionTypeId"),
        ];
        for (body, field) in cases {
            let (status, err) = send(&app, None, PAGE, &body).await;
            assert_eq!((status, error_code(&err)), (422, "invalid_input"), "{body}: {err}");
            let fields: Vec<&str> = err["error"]["fields"].as_array().unwrap().iter()
                .filter_map(|f| f["field"].as_str()).collect();
            assert!(fields.contains(&field), "{body}: expected {field} in {err}");
        }
        let gap = send(&app, None, PAGE, &json!({"sessionTypeId": coaching, "times": [{"start": "2027-03-28T01:30"}],
            "timeZone": "Europe/London", "name": "N", "email": "n@example.com"})).await.1;
        assert!(gap.to_string().contains("the clocks go forward"), "{gap}");

        // A hidden type answers exactly like one that does not exist.
        let (s1, hidden_err) = send(&app, None, PAGE, &visitor_request(hidden, &[future])).await;
        let (s2, unknown_err) = send(&app, None, PAGE, &visitor_request(999_999, &[future])).await;
        assert_eq!((s1, s2), (404, 404));
        assert_eq!(hidden_err, unknown_err);
        let (status, _) = send(&app, None, "/api/coaches/nobody-here/session-requests", &visitor_request(coaching, &[future])).await;
        assert_eq!(status, 404);

        assert_eq!(app.count("session_requests").await, 0);
        assert_eq!(app.count("session_request_times").await, 0);
        assert_eq!(app.count("emails").await, 0);
    }
}

db_test! {
    async fn who_may_ask_follows_the_booking_audience_and_a_hidden_calendar_is_not_there(db) {
        let app = TestApp::new(db).await;
        let (token, coaching) = coach(&app).await;
        let clients_only = app
            .session_type(&token, json!({"name": "Inner circle", "durationMinutes": 30}))
            .await;
        let (user_id, user_token) = user(&app, "Rae Kim", "rae@example.com").await;
        let (client_user, client_token) = user(&app, "Sam Ode", "sam@example.com").await;
        let client_id = connect(&app, &token, "Sam Ode", "sam@example.com", client_user).await;
        let times = json!([{"start": "2026-11-10T19:00:00Z"}]);
        let signed_in = |id: i64| json!({"sessionTypeId": id, "times": times.clone(), "message": "Hi"});

        // A private calendar: nobody but the coach sees it, so the page is not there at all.
        privacy(&app, &token, "private", "public", json!([])).await;
        let (status, hidden) = send(&app, None, PAGE, &visitor_request(coaching, &["2026-11-10T19:00:00Z"])).await;
        let (_, missing) = send(&app, None, "/api/coaches/nobody-here/session-requests", &visitor_request(coaching, &["2026-11-10T19:00:00Z"])).await;
        assert_eq!((status, &hidden), (404, &missing));
        let (status, _) = send(&app, Some(&client_token), PAGE, &signed_in(coaching)).await;
        assert_eq!(status, 404);

        // Registered users may ask; visitors are told to sign in.
        privacy(&app, &token, "public", "registered", json!([{"id": clients_only, "visibility": "connected"}])).await;
        let (status, err) = send(&app, None, PAGE, &visitor_request(coaching, &["2026-11-10T19:00:00Z"])).await;
        assert_eq!((status, error_code(&err)), (401, "sign_in_required"), "{err}");
        let (status, made) = send(&app, Some(&user_token), PAGE, &signed_in(coaching)).await;
        assert_eq!(status, 201, "{made}");
        assert_eq!(made["timeZone"], "America/New_York", "the account's zone");
        assert_eq!(made["times"][0]["start"], "2026-11-10T14:00:00-05:00");
        // A type for connected clients is not there for a registered user.
        let (status, _) = send(&app, Some(&user_token), PAGE, &signed_in(clients_only)).await;
        assert_eq!(status, 404);

        // Clients only: a registered user is refused, the connected client asks as the client.
        privacy(&app, &token, "public", "connected", json!([])).await;
        let (status, err) = send(&app, Some(&user_token), PAGE, &signed_in(coaching)).await;
        assert_eq!((status, error_code(&err)), (403, "clients_only"), "{err}");
        let (status, made) = send(&app, Some(&client_token), PAGE, &signed_in(clients_only)).await;
        assert_eq!(status, 201, "{made}");

        let (_, list) = app.get(&token, "/api/session-requests").await;
        assert_eq!(list.as_array().map(Vec::len), Some(2), "{list}");
        assert_eq!(list[0]["clientId"], client_id);
        assert_eq!(list[0]["userId"], client_user);
        assert_eq!(list[0]["name"], "Sam Ode");
        assert_eq!(list[1]["clientId"], Value::Null);
        assert_eq!(list[1]["userId"], user_id);
        assert_eq!(list[1]["email"], "rae@example.com");

        // Each requester reads back their own requests only, with nothing of the other's.
        let rae = requests::mine(app.state.ctx(), user_id, None).await.unwrap();
        assert_eq!(rae.len(), 1);
        assert_eq!(rae[0].session_type_name, "Coaching");
        let sam = requests::mine(app.state.ctx(), client_user, Some(rae[0].coach_id)).await.unwrap();
        assert_eq!(sam.len(), 1);
        assert_eq!(sam[0].session_type_name, "Inner circle");
        assert!(!format!("{sam:?}").contains("Rae") && !format!("{rae:?}").contains("Sam"));

        // Withdrawing: only one's own, only while pending.
        let err = requests::withdraw(app.state.ctx(), user_id, sam[0].id).await.unwrap_err();
        assert!(matches!(err, requests::RequestError::App(coachbook::app::AppError::NotFound(_))), "{err:?}");
        let gone = requests::withdraw(app.state.ctx(), user_id, rae[0].id).await.unwrap();
        assert_eq!(gone.status, requests::RequestStatus::Withdrawn);
        let again = requests::withdraw(app.state.ctx(), user_id, rae[0].id).await.unwrap_err();
        assert!(matches!(again, requests::RequestError::Closed(_)), "{again:?}");
        let (_, bell) = app.get(&token, "/api/notifications").await;
        assert_eq!(bell["items"][0]["title"], "Rae Kim withdrew their session request", "{bell}");
    }
}

db_test! {
    async fn a_visitor_asking_in_a_loop_is_slowed_down(db) {
        let app = TestApp::new(db).await;
        let (_, coaching) = coach(&app).await;
        // A mistake does not count against the allowance.
        let (status, _) = send(&app, None, PAGE, &visitor_request(coaching, &["2020-01-01T10:00:00Z"])).await;
        assert_eq!(status, 422);
        for i in 0..3 {
            let (status, made) = send(&app, None, PAGE, &visitor_request(coaching, &[&format!("2026-11-1{i}T19:00:00Z")])).await;
            assert_eq!(status, 201, "{made}");
        }
        let req = Request::post(PAGE)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(visitor_request(coaching, &["2026-11-14T19:00:00Z"]).to_string()))
            .unwrap();
        let reply = app.request(req).await;
        assert_eq!(reply.status, 429, "{}", reply.text());
        assert!(reply.headers.contains_key("retry-after"));
        assert_eq!(error_code(&reply.json()), "rate_limited");
        assert_eq!(app.count("session_requests").await, 3);
    }
}

db_test! {
    async fn approving_books_the_time_and_a_collision_changes_nothing(db) {
        let app = TestApp::new(db).await;
        let (token, coaching) = coach(&app).await;
        let (_, made) = send(&app, None, PAGE, &visitor_request(coaching, &["2026-11-10T19:00:00Z", "2026-11-11T18:00:00Z"])).await;
        let id = made["id"].as_i64().unwrap();
        let approve = format!("/api/session-requests/{id}/approve");

        let (status, err) = app.post(&token, &approve, json!({"timeIndex": 2})).await;
        assert_eq!((status, error_code(&err)), (422, "invalid_input"), "{err}");
        let (status, err) = app.post(&token, &approve, json!({"start": "2026-11-12T18:00:00Z"})).await;
        assert_eq!((status, error_code(&err)), (422, "invalid_input"), "{err}");

        // The coach has booked the first time meanwhile: approving it collides.
        let (status, b) = app.post(&token, "/api/bookings", json!({"sessionTypeId": coaching,
            "start": "2026-11-10T19:30:00Z", "name": "Lee Park", "email": "lee@example.com",
            "overrideAvailability": true})).await;
        assert_eq!(status, 201, "{b}");
        let before = (app.count("bookings").await, app.count("emails").await);
        let (status, err) = app.post(&token, &approve, json!({"timeIndex": 0})).await;
        assert_eq!((status, error_code(&err)), (409, "conflict"), "{err}");
        assert!(err["error"]["message"].as_str().unwrap().contains("collides"), "{err}");
        assert_eq!((app.count("bookings").await, app.count("emails").await), before, "nothing changed");
        let (_, still) = app.get(&token, &format!("/api/session-requests/{id}")).await;
        assert_eq!(still["status"], "pending");

        let (status, approved) = app.post(&token, &approve, json!({"start": "2026-11-11T18:00:00+00:00"})).await;
        assert_eq!(status, 200, "{approved}");
        assert_eq!(approved["status"], "approved");
        let booking_id = approved["bookingId"].as_i64().expect("the booking");
        let (_, booking) = app.get(&token, &format!("/api/bookings/{booking_id}")).await;
        assert_eq!(booking["start"], "2026-11-11T18:00:00+00:00", "{booking}");
        assert_eq!(booking["name"], "Noor Haddad");
        assert_eq!(booking["status"], "confirmed");
        let kinds: Vec<String> = email_kinds(&app).await.into_iter().map(|(k, _)| k).collect();
        assert!(kinds.contains(&"booking_created".to_owned()), "{kinds:?}");

        let (status, err) = app.post(&token, &approve, json!({"timeIndex": 0})).await;
        assert_eq!((status, error_code(&err)), (409, "request_closed"), "{err}");
        let (status, err) = app.post(&token, &format!("/api/session-requests/{id}/decline"), json!({"reason": "No"})).await;
        assert_eq!((status, error_code(&err)), (409, "request_closed"), "{err}");
    }
}

db_test! {
    async fn declining_tells_the_requester_why(db) {
        let app = TestApp::new(db).await;
        let (token, coaching) = coach(&app).await;
        let (_, made) = send(&app, None, PAGE, &visitor_request(coaching, &["2026-11-10T19:00:00Z"])).await;
        let decline = format!("/api/session-requests/{}/decline", made["id"]);
        let (status, err) = app.post(&token, &decline, json!({"reason": "  "})).await;
        assert_eq!((status, err["error"]["fields"][0]["field"].as_str()), (422, Some("reason")), "{err}");
        let (status, declined) = app.post(&token, &decline, json!({"reason": "I am away that week."})).await;
        assert_eq!(status, 200, "{declined}");
        assert_eq!(declined["status"], "declined");
        assert_eq!(declined["declineReason"], "I am away that week.");
        let text = email_text(&app, "session_request_declined").await;
        assert!(text.contains("I am away that week.") && text.contains("Hello Noor Haddad"), "{text}");
        let (status, _) = app.post(&token, &decline, json!({"reason": "Again"})).await;
        assert_eq!(status, 409);

        // Another coach's request is not there for him.
        let bo = app.other_coach_token().await;
        let path = format!("/api/session-requests/{}", made["id"]);
        assert_eq!(app.get(&bo, &path).await.0, 404);
        assert_eq!(app.post(&bo, &format!("{path}/approve"), json!({"timeIndex": 0})).await.0, 404);
        assert_eq!(app.post(&bo, &format!("{path}/decline"), json!({"reason": "x"})).await.0, 404);
        assert_eq!(app.get(&bo, "/api/session-requests").await.1, json!([]));
    }
}

db_test! {
    async fn an_unanswered_request_expires_by_job_and_the_requester_is_told(db) {
        let app = TestApp::new(db).await;
        let (token, coaching) = coach(&app).await;
        let (status, s) = app.put(&token, "/api/session-requests/settings", json!({"expiryHours": 0})).await;
        assert_eq!(status, 422, "{s}");
        let (status, s) = app.put(&token, "/api/session-requests/settings", json!({"expiryHours": 24})).await;
        assert_eq!((status, &s), (200, &json!({"expiryHours": 24})));
        let (_, made) = send(&app, None, PAGE, &visitor_request(coaching, &["2026-11-10T19:00:00Z"])).await;
        assert_eq!(made["expiresAt"], "2026-11-03T09:00:00+00:00");
        let cx = app.state.ctx();
        jobs::drain(cx, "test-worker").await.unwrap();
        let path = format!("/api/session-requests/{}", made["id"]);
        assert_eq!(app.get(&token, &path).await.1["status"], "pending", "not due yet");

        app.clock.advance(jiff::SignedDuration::from_hours(24));
        jobs::drain(cx, "test-worker").await.unwrap();
        let (_, r) = app.get(&token, &path).await;
        assert_eq!(r["status"], "expired", "{r}");
        let text = email_text(&app, "session_request_expired").await;
        assert!(text.contains("has expired") && text.contains("Tue 10 Nov 2026, 19:00–20:00"), "{text}");
        let to: String = sqlx::query_scalar("SELECT to_email FROM emails WHERE kind = 'session_request_expired'")
            .fetch_one(app.state.db().pool()).await.unwrap();
        assert_eq!(to, "noor@example.com");
        let (status, err) = app.post(&token, &format!("{path}/approve"), json!({"timeIndex": 0})).await;
        assert_eq!((status, error_code(&err)), (409, "request_closed"));
    }
}

db_test! {
    async fn the_demand_report_counts_what_was_asked_and_not_offered_in_the_last_90_days(db) {
        let app = TestApp::new(db).await;
        let (token, coaching) = coach(&app).await;
        // Long ago (more than 90 days before the report): not counted.
        send(&app, None, PAGE, &visitor_request(coaching, &["2026-11-10T19:00:00Z"])).await;
        app.clock.advance(jiff::SignedDuration::from_hours(91 * 24));
        // Now 1 Feb 2027 (a Monday). Tue 9 Feb 19:00 twice, Wed 10 Feb 07:00 once, and an open
        // slot (Thu 11 Feb 10:00), which is not demand for something missing.
        let body = |email: &str, times: &[&str]| {
            let mut b = visitor_request(coaching, times);
            b["email"] = json!(email);
            b
        };
        let (s, m) = send(&app, None, PAGE, &body("a@example.com", &["2027-02-09T19:00:00Z", "2027-02-10T07:00:00Z"])).await;
        assert_eq!(s, 201, "{m}");
        send(&app, None, PAGE, &body("b@example.com", &["2027-02-16T19:15:00Z", "2027-02-11T10:00:00Z"])).await;
        let (status, report) = app.get(&token, "/api/session-requests/demand").await;
        assert_eq!(status, 200, "{report}");
        assert_eq!(report["timeZone"], "Europe/London");
        assert_eq!(report["total"], 3, "{report}");
        assert_eq!(report["cells"], json!([
            {"weekday": 2, "hour": 19, "count": 2},
            {"weekday": 3, "hour": 7, "count": 1},
        ]));
    }
}

db_test! {
    async fn the_request_form_works_without_script_and_the_coach_answers_on_the_requests_page(db) {
        let app = TestApp::serve(db).await;
        let (coach_browser, token) = app.signed_in_coach().await;
        let coaching = app
            .session_type(&token, json!({"name": "Coaching", "durationMinutes": 60}))
            .await;
        let hidden = app
            .session_type(&token, json!({"name": "Inner circle", "durationMinutes": 60}))
            .await;
        privacy(&app, &token, "public", "public", json!([{"id": hidden, "visibility": "nobody"}])).await;
        let visitor = app.client();
        let form = visitor
            .get(app.url("/c/ana-ruiz/request?sessionTypeId=1&start=2026-11-10T19:00:00Z&tz=Europe/Paris"))
            .send().await.unwrap();
        assert_eq!(form.status(), 200);
        let html = form.text().await.unwrap();
        assert!(html.contains("Coaching (60 min)") && !html.contains("Inner circle"), "{html}");
        assert!(html.contains(r#"value="2026-11-10""#) && html.contains(r#"value="20:00""#), "prefilled in Paris time");

        // Mistakes show beside their fields and nothing is sent.
        let coaching_id = coaching.to_string();
        let res = app.post_form(&visitor, "/c/ana-ruiz/request", &[
            ("sessionTypeId", coaching_id.as_str()), ("date0", "2026-11-10"), ("time0", ""),
            ("date1", "2027-03-28"), ("time1", "01:30"), ("timeZone", "Europe/London"),
            ("name", "Noor Haddad"), ("email", "not an email"),
        ]).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"id="slot0-error""#) && html.contains("Give both a date and a time."), "{html}");
        assert!(html.contains(r#"id="slot1-error""#) && html.contains("the clocks go forward"), "{html}");
        assert!(html.contains(r#"id="email-error""#), "{html}");
        assert_eq!(app.count("session_requests").await, 0);

        let res = app.post_form(&visitor, "/c/ana-ruiz/request", &[
            ("sessionTypeId", coaching_id.as_str()), ("date0", "2026-11-10"), ("time0", "19:00"),
            ("date2", "2026-11-12"), ("time2", "07:00"), ("timeZone", "Europe/London"),
            ("message", "Evenings suit me best."), ("name", "Noor Haddad"), ("email", "noor@example.com"),
        ]).await;
        assert_eq!(crate::harness::redirect(&res), (303, "/c/ana-ruiz/request?sent=1"));
        let sent = visitor.get(app.url("/c/ana-ruiz/request?sent=1")).send().await.unwrap().text().await.unwrap();
        assert!(sent.contains("Your request is with Ana Ruiz") && sent.contains("72 hours"), "{sent}");

        // The coach: the dashboard counts it, the Requests page lists it.
        let dash = coach_browser.get(app.url("/admin")).send().await.unwrap().text().await.unwrap();
        assert!(dash.contains("waiting for your answer") && dash.contains(r#"href="/admin/requests""#), "{dash}");
        let page = coach_browser.get(app.url("/admin/requests")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Noor Haddad") && page.contains("Tue 10 Nov 2026, 19:00–20:00"), "{page}");
        assert!(page.contains("Thu 12 Nov 2026, 07:00–08:00") && page.contains("Evenings suit me best."));
        assert!(page.contains("Demand you do not offer") && page.contains("heat-4"), "{page}");
        let (_, list) = app.get(&token, "/api/session-requests").await;
        let id = list[0]["id"].as_i64().unwrap();

        // Declining needs a reason, shown beside the field when missing.
        let res = app.post_form(&coach_browser, &format!("/admin/requests/{id}/decline"), &[("reason", "")]).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains(&format!(r#"id="reason-{id}-error""#)));
        let res = app.post_form(&coach_browser, &format!("/admin/requests/{id}/approve"), &[("timeIndex", "1")]).await;
        assert_eq!(crate::harness::redirect(&res), (303, format!("/admin/requests#request-{id}").as_str()));
        let (_, r) = app.get(&token, &format!("/api/session-requests/{id}")).await;
        assert_eq!(r["status"], "approved");
        // Answered already: said beside the request.
        let res = app.post_form(&coach_browser, &format!("/admin/requests/{id}/decline"), &[("reason", "No")]).await;
        assert_eq!(res.status(), 409);
        assert!(res.text().await.unwrap().contains("approved already"));

        let res = app.post_form(&coach_browser, "/admin/requests/settings", &[("expiryHours", "abc")]).await;
        assert_eq!(res.status(), 422);
        let res = app.post_form(&coach_browser, "/admin/requests/settings", &[("expiryHours", "48")]).await;
        assert_eq!(res.status(), 303);
        let (_, s) = app.get(&token, "/api/session-requests/settings").await;
        assert_eq!(s["expiryHours"], 48);
    }
}
