//! The coach's public page (issue 13): `GET /api/coaches/{slug}`, its calendar and booking on it
//! as each kind of viewer under each privacy setting, the "just taken" race through the public
//! route, bad input, the rate limit, a booking's `.ics` by its manage token, and the page itself
//! without script. Both databases.

use axum::body::Body;
use axum::http::{header, Request};
use serde_json::{json, Value};

use crate::harness::{at_once, call, error_code, form_urlencoded, TestApp};

const SLUG: &str = "ana-ruiz";
/// A Monday a week after the clock's start: inside the default notice and horizon.
const MONDAY: &str = "2026-11-09";
const TEN: &str = "2026-11-09T10:00:00Z";

async fn visitor_get(app: &TestApp, path: &str) -> (u16, Value) {
    call(app, "GET", None, path, None).await
}

async fn book(app: &TestApp, token: Option<&str>, body: Value) -> (u16, Value) {
    call(
        app,
        "POST",
        token,
        &format!("/api/coaches/{SLUG}/bookings"),
        Some(body),
    )
    .await
}

/// Ana with one 60-minute "Coaching" type and hours 09:00–17:00 every day; her token and the
/// type's id.
async fn practice(app: &TestApp) -> (String, i64) {
    let token = app.coach_token().await;
    let st = app
        .session_type(&token, json!({"name": "Coaching", "durationMinutes": 60}))
        .await;
    app.open_every_day(&token, "09:00", "17:00").await;
    (token, st)
}

async fn set_privacy(app: &TestApp, token: &str, calendar: &str, booking: &str, show_booked: &str) {
    let (status, body) = app
        .put(
            token,
            "/api/me/privacy",
            json!({
                "calendarVisibility": calendar, "bookingAudience": booking,
                "showBooked": show_booked, "showPrices": true
            }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
}

async fn set_type_visibility(app: &TestApp, token: &str, st: i64, visibility: &str) {
    let (_, p) = app.get(token, "/api/me/privacy").await;
    let (status, body) = app
        .put(token, "/api/me/privacy", json!({
            "calendarVisibility": p["calendarVisibility"], "bookingAudience": p["bookingAudience"],
            "showBooked": p["showBooked"], "showPrices": p["showPrices"],
            "sessionTypes": [{"id": st, "visibility": visibility}]
        }))
        .await;
    assert_eq!(status, 200, "{body}");
}

/// A signed-up user (not a client): their token and user id.
async fn user(app: &TestApp, name: &str, email: &str) -> (String, i64) {
    let signed = coachbook::app::accounts::sign_up(
        app.state.ctx(),
        &coachbook::app::accounts::NewAccount {
            name: name.into(),
            email: email.into(),
            password: crate::harness::PASSWORD.into(),
            time_zone: "America/New_York".into(),
            slug: None,
        },
    )
    .await
    .expect("sign up");
    assert!(matches!(
        signed,
        coachbook::app::accounts::SignUp::Created(_)
    ));
    let (account, token) = coachbook::app::accounts::create_token(app.state.ctx(), email, "t")
        .await
        .expect("token");
    (token, account.id)
}

/// A user linked to a client record of Ana's (a connected client): their token and client id.
async fn connected_client(
    app: &TestApp,
    coach_token: &str,
    name: &str,
    email: &str,
) -> (String, i64) {
    let (token, user_id) = user(app, name, email).await;
    let client = app
        .create(
            coach_token,
            "/api/coaching/clients",
            json!({"name": name, "email": email}),
        )
        .await;
    let client_id = client["id"].as_i64().expect("client id");
    sqlx::query("UPDATE clients SET user_id = $1 WHERE id = $2")
        .bind(user_id)
        .bind(client_id)
        .execute(app.state.db().pool())
        .await
        .expect("connect the client");
    (token, client_id)
}

fn calendar_path(extra: &str) -> String {
    format!(
        "/api/coaches/{SLUG}/calendar?from={MONDAY}&to=2026-11-10&timeZone=Europe/London{extra}"
    )
}

fn starts(cal: &Value) -> Vec<String> {
    cal["slots"]
        .as_array()
        .expect("slots")
        .iter()
        .map(|s| s["start"].as_str().unwrap().to_owned())
        .collect()
}

db_test! {
    async fn each_viewer_sees_the_calendar_only_as_the_settings_allow(db) {
        let app = TestApp::new(db).await;
        let (coach, _st) = practice(&app).await;
        let (user_token, _) = user(&app, "Uma User", "uma@example.com").await;
        let (client_token, _) = connected_client(&app, &coach, "Cleo Client", "cleo@example.com").await;
        let (_, unknown) = visitor_get(&app, "/api/coaches/nobody-here/calendar").await;
        assert_eq!(error_code(&unknown), "not_found");

        // visitor, registered user, connected client, owner
        let viewers: [Option<&str>; 4] = [None, Some(&user_token), Some(&client_token), Some(&coach)];
        for (calendar, sees) in [("private", [false, false, false, true]), ("connected", [false, false, true, true]), ("public", [true, true, true, true])] {
            set_privacy(&app, &coach, calendar, "public", "booked").await;
            for (viewer, sees) in viewers.iter().zip(sees) {
                let (status, cal) = call(&app, "GET", *viewer, &calendar_path(""), None).await;
                if sees {
                    assert_eq!(status, 200, "{calendar} {viewer:?}: {cal}");
                    assert_eq!(starts(&cal).len(), 15, "09:00..16:00 every half hour: {cal}");
                    assert_eq!(starts(&cal)[0], "2026-11-09T09:00:00+00:00");
                } else {
                    assert_eq!((status, &cal), (404, &unknown), "{calendar} {viewer:?}: hidden reads as unknown");
                }
                let (status, page) = call(&app, "GET", *viewer, &format!("/api/coaches/{SLUG}"), None).await;
                assert_eq!(status, 200, "{page}");
                assert_eq!(page["seesCalendar"], sees, "{calendar} {viewer:?}: {page}");
                assert_eq!(page["applyPath"], "/c/ana-ruiz/apply");
            }
        }

        // Times come in the zone asked for.
        let (_, cal) = visitor_get(&app, &format!("/api/coaches/{SLUG}/calendar?from={MONDAY}&to=2026-11-10&timeZone=Asia/Tokyo")).await;
        assert_eq!(cal["timeZone"], "Asia/Tokyo");
        assert!(starts(&cal).iter().all(|s| s.ends_with("+09:00")), "{cal}");

        // Who may book, and why not.
        set_privacy(&app, &coach, "public", "registered", "booked").await;
        let (_, page) = visitor_get(&app, &format!("/api/coaches/{SLUG}")).await;
        assert_eq!((page["canBook"].as_bool(), page["cannotBookBecause"].as_str()), (Some(false), Some("signIn")), "{page}");
        set_privacy(&app, &coach, "public", "connected", "booked").await;
        let (_, page) = call(&app, "GET", Some(&user_token), &format!("/api/coaches/{SLUG}"), None).await;
        assert_eq!(page["cannotBookBecause"], "clientsOnly", "{page}");
        let (_, page) = call(&app, "GET", Some(&client_token), &format!("/api/coaches/{SLUG}"), None).await;
        assert_eq!((page["canBook"].as_bool(), page["bookAs"].as_str()), (Some(true), Some("client")), "{page}");
    }
}

db_test! {
    async fn a_hidden_session_type_answers_exactly_like_an_unknown_one(db) {
        let app = TestApp::new(db).await;
        let (coach, st) = practice(&app).await;
        let (client_token, _) = connected_client(&app, &coach, "Cleo Client", "cleo@example.com").await;
        set_type_visibility(&app, &coach, st, "connected").await;
        let (_, unknown_coach) = visitor_get(&app, "/api/coaches/nobody-here/calendar").await;
        let (s1, hidden) = visitor_get(&app, &calendar_path(&format!("&sessionTypeId={st}"))).await;
        let (s2, unknown) = visitor_get(&app, &calendar_path(&format!("&sessionTypeId={}", st + 999))).await;
        assert_eq!((s1, &hidden), (404, &unknown_coach), "hidden type");
        assert_eq!((s2, &unknown), (404, &unknown_coach), "unknown type");
        // Without the type, the visitor sees no types and no slots; the page lists none.
        let (_, cal) = visitor_get(&app, &calendar_path("")).await;
        assert_eq!((cal["slots"].as_array().map(Vec::len), cal["sessionTypes"].as_array().map(Vec::len)), (Some(0), Some(0)), "{cal}");
        let (_, page) = visitor_get(&app, &format!("/api/coaches/{SLUG}")).await;
        assert_eq!(page["sessionTypes"], json!([]), "{page}");
        // A connected client sees and asks for it.
        let (status, cal) = call(&app, "GET", Some(&client_token), &calendar_path(&format!("&sessionTypeId={st}")), None).await;
        assert_eq!((status, starts(&cal).len()), (200, 15), "{cal}");
        // Booking it as a visitor is refused the same way as an unknown type.
        let body = |id: i64| json!({"sessionTypeId": id, "start": TEN, "name": "Vi Visitor", "email": "vi@example.com"});
        let (s1, e1) = book(&app, None, body(st)).await;
        let (s2, e2) = book(&app, None, body(st + 999)).await;
        assert_eq!((s1, &e1["error"]["fields"]), (422, &e2["error"]["fields"]), "{e1} {e2}");
        assert_eq!(s2, 422);
        assert_eq!(app.count("bookings").await, 0);
    }
}

db_test! {
    async fn booked_time_shows_as_the_coach_chooses_and_never_who_booked(db) {
        let app = TestApp::new(db).await;
        let (coach, _st) = practice(&app).await;
        let (status, b) = app.post(&coach, "/api/bookings", json!({
            "sessionTypeId": _st, "start": "2026-11-09T11:00:00Z", "name": "Zebedee Secretname",
            "email": "zebedee@secret.example", "notes": "confidential notes", "meetingUrl": "https://meet.example.com/hidden-room"
        })).await;
        assert_eq!(status, 201, "{b}");
        for (show, expected) in [("no", json!([])), ("booked", json!(["Booked"])), ("booked_with_type", json!(["Booked · Coaching"]))] {
            set_privacy(&app, &coach, "public", "public", show).await;
            let (status, cal) = visitor_get(&app, &calendar_path("")).await;
            assert_eq!(status, 200);
            let labels: Vec<Value> = cal["booked"].as_array().unwrap().iter().map(|b| b["label"].clone()).collect();
            assert_eq!(Value::Array(labels), expected, "{show}: {cal}");
            assert!(!starts(&cal).contains(&"2026-11-09T11:00:00+00:00".to_owned()), "the booked hour is not open");
            let text = cal.to_string().to_lowercase();
            for secret in ["zebedee", "secretname", "secret.example", "confidential", "hidden-room"] {
                assert!(!text.contains(secret), "{show}: {secret} leaked: {cal}");
            }
        }
    }
}

db_test! {
    async fn a_visitor_books_an_open_time_and_gets_its_manage_link_and_calendar_file(db) {
        let app = TestApp::new(db).await;
        let (_coach, st) = practice(&app).await;
        let (status, booked) = book(&app, None, json!({
            "sessionTypeId": st, "start": TEN, "timeZone": "Europe/Paris",
            "name": "Vi Visitor", "email": "vi@example.com", "notes": "First time"
        })).await;
        assert_eq!(status, 201, "{booked}");
        assert_eq!(booked["status"], "confirmed");
        assert_eq!(booked["start"], "2026-11-09T11:00:00+01:00", "in the visitor's zone");
        assert_eq!((booked["name"].as_str(), booked["email"].as_str()), (Some("Vi Visitor"), Some("vi@example.com")));
        let manage = booked["managePath"].as_str().unwrap();
        assert!(manage.starts_with("/b/") && manage.len() == 35, "{manage}");
        assert_eq!(booked["calendarPath"], format!("{manage}/calendar.ics"));

        let (_, cal) = visitor_get(&app, &calendar_path("")).await;
        assert!(!starts(&cal).contains(&"2026-11-09T10:00:00+00:00".to_owned()), "taken: {cal}");
        // The confirmation email is queued with the booking.
        let emails: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM emails WHERE booking_id = $1")
            .bind(booked["id"].as_i64().unwrap())
            .fetch_one(app.state.db().pool()).await.unwrap();
        assert!(emails >= 1, "a confirmation is queued");

        let reply = app.send(axum::http::Method::GET, booked["calendarPath"].as_str().unwrap()).await;
        assert_eq!(reply.status, 200);
        assert!(reply.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/calendar"));
        let ics = reply.text();
        for line in ["BEGIN:VEVENT", &format!("UID:booking-{}@", booked["id"]), "DTSTART:20261109T100000Z", "DTEND:20261109T110000Z", "STATUS:CONFIRMED", "SUMMARY:Coaching with Ana Ruiz"] {
            assert!(ics.contains(line), "{line} in {ics}");
        }
        for bad in ["/b/0123456789abcdef0123456789abcdef/calendar.ics", "/b/nope/calendar.ics"] {
            assert_eq!(app.send(axum::http::Method::GET, bad).await.status, 404, "{bad}");
        }
        let (_, other) = book(&app, None, json!({"sessionTypeId": st, "start": "2026-11-09T12:00:00Z", "name": "Other Person", "email": "other@example.com"})).await;
        let ics = app.send(axum::http::Method::GET, booked["calendarPath"].as_str().unwrap()).await.text();
        assert!(!ics.contains("Other Person") && !ics.contains("other@example.com"), "only that booking: {other}");
    }
}

db_test! {
    async fn a_registered_user_books_as_their_account_and_a_type_needing_approval_is_pending(db) {
        let app = TestApp::new(db).await;
        let (coach, _) = practice(&app).await;
        let intro = app.session_type(&coach, json!({"name": "Intro", "durationMinutes": 30, "requiresApproval": true})).await;
        let (token, user_id) = user(&app, "Uma User", "uma@example.com").await;
        let (status, booked) = book(&app, Some(&token), json!({"sessionTypeId": intro, "start": TEN, "name": "Someone Else", "email": "else@example.com"})).await;
        assert_eq!(status, 201, "{booked}");
        assert_eq!((booked["status"].as_str(), booked["name"].as_str(), booked["email"].as_str()), (Some("pending"), Some("Uma User"), Some("uma@example.com")));
        assert_eq!(booked["timeZone"], "America/New_York", "the account's zone");
        assert_eq!(booked["start"], "2026-11-09T05:00:00-05:00");
        let stored: Option<i64> = sqlx::query_scalar("SELECT user_id FROM bookings WHERE id = $1")
            .bind(booked["id"].as_i64().unwrap()).fetch_one(app.state.db().pool()).await.unwrap();
        assert_eq!(stored, Some(user_id));
        let ics = app.send(axum::http::Method::GET, booked["calendarPath"].as_str().unwrap()).await.text();
        assert!(ics.contains("STATUS:TENTATIVE"), "{ics}");
    }
}

db_test! {
    async fn a_connected_client_books_as_themselves_and_holds_a_package_credit(db) {
        let app = TestApp::new(db).await;
        let (coach, st) = practice(&app).await;
        let (token, client_id) = connected_client(&app, &coach, "Cleo Client", "cleo@example.com").await;
        let package = app.create(&coach, "/api/coaching/packages", json!({"name": "Five", "sessionCount": 5, "sessionTypeId": st, "sessionMinutes": 60})).await;
        let (status, e) = app.post(&coach, &format!("/api/coaching/clients/{client_id}/enrolments"), json!({"packageId": package["id"]})).await;
        assert_eq!(status, 201, "{e}");
        let (_, page) = call(&app, "GET", Some(&token), &format!("/api/coaches/{SLUG}"), None).await;
        assert_eq!(page["sessionTypes"][0]["credits"], json!({"packageName": "Five", "remaining": 5}), "{page}");

        let (status, booked) = book(&app, Some(&token), json!({"sessionTypeId": st, "start": TEN})).await;
        assert_eq!(status, 201, "{booked}");
        assert_eq!((booked["usesCredit"].as_bool(), booked["name"].as_str()), (Some(true), Some("Cleo Client")));
        let (_, detail) = app.get(&coach, &format!("/api/coaching/clients/{client_id}")).await;
        assert_eq!(detail["creditsRemaining"], 4, "one credit held: {detail}");
        let (_, b) = app.get(&coach, &format!("/api/bookings/{}", booked["id"])).await;
        assert_eq!((b["clientId"].as_i64(), b["credit"].as_str()), (Some(client_id), Some("held")), "{b}");
        let (_, page) = call(&app, "GET", Some(&token), &format!("/api/coaches/{SLUG}"), None).await;
        assert_eq!(page["sessionTypes"][0]["credits"]["remaining"], 4);
    }
}

db_test! {
    async fn a_time_outside_the_booking_rules_is_refused_with_the_request_page(db) {
        let app = TestApp::new(db).await;
        let (_coach, st) = practice(&app).await;
        for (start, reason) in [("2026-11-02T12:00:00Z", "too_little_notice"), ("2026-11-09T10:15:00Z", "outside_hours"), ("2026-11-09T20:00:00Z", "outside_hours"), ("2027-03-01T10:00:00Z", "too_far_ahead")] {
            let (status, err) = book(&app, None, json!({"sessionTypeId": st, "start": start, "name": "Vi Visitor", "email": "vi@example.com"})).await;
            assert_eq!((status, error_code(&err)), (409, "outside_booking_rules"), "{start}: {err}");
            assert_eq!(err["error"]["reason"], reason, "{start}: {err}");
            let path = err["error"]["requestPath"].as_str().unwrap();
            assert!(path.starts_with(&format!("/c/{SLUG}/request?sessionTypeId={st}&start=")), "{path}");
            assert!(err["error"]["message"].as_str().unwrap().contains("session request"), "{err}");
        }
        assert_eq!(app.count("bookings").await, 0, "nothing written");
    }
}

db_test! {
    async fn twenty_visitors_racing_for_the_last_free_time_leave_one_booking(db) {
        let app = std::sync::Arc::new(TestApp::new(db).await);
        let (coach, st) = practice(&app).await;
        // One hour open on that Monday: a day override.
        let (status, body) = app.put(&coach, &format!("/api/availability/overrides/{MONDAY}"), json!({"windows": [{"start": "10:00", "end": "11:00"}]})).await;
        assert_eq!(status, 200, "{body}");
        let answers = at_once(20, |i| {
            let app = app.clone();
            async move {
                book(&app, None, json!({"sessionTypeId": st, "start": TEN, "name": format!("Racer {i}"), "email": format!("racer{i}@example.com")})).await
            }
        })
        .await;
        let won = answers.iter().filter(|(s, _)| *s == 201).count();
        let taken: Vec<&Value> = answers.iter().filter(|(s, _)| *s == 409).map(|(_, b)| b).collect();
        assert_eq!((won, taken.len()), (1, 19), "{answers:?}");
        for t in taken {
            assert_eq!(error_code(t), "slot_taken", "{t}");
            assert!(t["error"]["message"].as_str().unwrap().starts_with("That time was just taken"), "{t}");
            let nearest = t["error"]["nearest"].as_array().unwrap();
            assert!(!nearest.is_empty() && nearest.len() <= 3, "{t}");
            assert!(!nearest.contains(&json!("2026-11-09T10:00:00+00:00")), "{t}");
        }
        assert_eq!(app.count("bookings").await, 1);
    }
}

db_test! {
    async fn bad_input_is_refused_field_by_field_and_writes_nothing(db) {
        let app = TestApp::new(db).await;
        let (coach, st) = practice(&app).await;
        let hidden = app.session_type(&coach, json!({"name": "Inner circle", "durationMinutes": 60})).await;
        set_type_visibility(&app, &coach, hidden, "nobody").await;
        let cases = [
            (json!({"sessionTypeId": st, "start": "2026-11-01T10:00:00Z", "name": "Vi", "email": "vi@example.com"}), vec!["start"]),
            (json!({"sessionTypeId": st, "start": "2027-03-28T01:30", "timeZone": "Europe/London", "name": "Vi", "email": "vi@example.com"}), vec!["start"]),
            (json!({"sessionTypeId": st, "start": "2027-03-28T01:30:00+00:00", "timeZone": "Europe/London", "name": "Vi", "email": "vi@example.com"}), vec!["start"]),
            (json!({"sessionTypeId": st + 999, "start": TEN, "name": "Vi", "email": "vi@example.com"}), vec!["sessionTypeId"]),
            (json!({"sessionTypeId": hidden, "start": TEN, "name": "Vi", "email": "vi@example.com"}), vec!["sessionTypeId"]),
            (json!({"sessionTypeId": st, "start": TEN, "name": "Vi", "email": "not-an-email"}), vec!["email"]),
            (json!({"sessionTypeId": st, "start": TEN, "email": "vi@example.com"}), vec!["name"]),
            (json!({"sessionTypeId": st, "start": "tomorrow", "name": "", "email": "x", "timeZone": "Mars/Base"}), vec!["timeZone", "name", "email"]),
        ];
        for (body, fields) in cases {
            let (status, err) = book(&app, None, body.clone()).await;
            assert_eq!((status, error_code(&err)), (422, "invalid_input"), "{body}: {err}");
            let named: Vec<&str> = err["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
            for f in fields {
                assert!(named.contains(&f), "{body}: {f} not named in {err}");
            }
        }
        let (status, err) = book(&app, None, json!({"sessionTypeId": st, "start": "2027-03-28T01:30", "timeZone": "Europe/London", "name": "Vi", "email": "vi@example.com"})).await;
        assert!(err["error"]["fields"][0]["message"].as_str().unwrap().contains("does not exist in Europe/London"), "{status} {err}");
        // Not JSON, a string id: clear 4xx, no 500.
        let (status, _) = book(&app, None, json!({"sessionTypeId": "one", "start": TEN})).await;
        assert_eq!(status, 422);
        let (status, err) = visitor_get(&app, &format!("/api/coaches/{SLUG}/calendar?from=2026-11-01&to=2027-01-01")).await;
        assert_eq!((status, err["error"]["fields"][0]["field"].as_str()), (422, Some("to")), "at most 42 days: {err}");
        let (status, err) = visitor_get(&app, &format!("/api/coaches/{SLUG}/calendar?from=soon")).await;
        assert_eq!((status, err["error"]["fields"][0]["field"].as_str()), (422, Some("from")), "{err}");
        let (status, _) = visitor_get(&app, &format!("/api/coaches/{SLUG}/calendar?timeZone=Nowhere/Place")).await;
        assert_eq!(status, 422);
        assert_eq!(app.count("bookings").await, 0, "nothing written");
        assert_eq!(app.count("sessions").await, 0, "nothing written");
    }
}

db_test! {
    async fn a_visitor_booking_in_a_loop_is_stopped_with_a_clear_429(db) {
        let app = TestApp::new(db).await;
        let (_coach, st) = practice(&app).await;
        // Invalid submissions are given back: they do not count.
        for _ in 0..8 {
            let (status, _) = book(&app, None, json!({"sessionTypeId": st, "start": TEN, "name": "", "email": "loop@example.com"})).await;
            assert_eq!(status, 422);
        }
        let mut statuses = Vec::new();
        for hour in 9..16 {
            let (status, body) = book(&app, None, json!({"sessionTypeId": st, "start": format!("2026-11-10T{hour:02}:00:00Z"), "name": "Lu Loop", "email": "loop@example.com"})).await;
            statuses.push(status);
            if status == 429 {
                assert_eq!(error_code(&body), "rate_limited", "{body}");
            }
        }
        assert_eq!(statuses, [201, 201, 201, 201, 201, 429, 429], "five bookings for one email, then wait");
        assert_eq!(app.count("bookings").await, 5);
    }
}

db_test! {
    async fn who_may_not_book_is_told_why_and_a_private_calendar_books_nothing(db) {
        let app = TestApp::new(db).await;
        let (coach, st) = practice(&app).await;
        let (user_token, _) = user(&app, "Uma User", "uma@example.com").await;
        let body = json!({"sessionTypeId": st, "start": TEN, "name": "Vi Visitor", "email": "vi@example.com"});
        set_privacy(&app, &coach, "public", "registered", "booked").await;
        let (status, err) = book(&app, None, body.clone()).await;
        assert_eq!((status, error_code(&err)), (401, "sign_in_required"), "{err}");
        set_privacy(&app, &coach, "public", "connected", "booked").await;
        let (status, err) = book(&app, Some(&user_token), body.clone()).await;
        assert_eq!((status, error_code(&err)), (403, "clients_only"), "{err}");
        set_privacy(&app, &coach, "private", "public", "booked").await;
        let (_, unknown) = book_at(&app, "nobody-here", body.clone()).await;
        let (status, err) = book(&app, None, body).await;
        assert_eq!((status, &err), (404, &unknown), "a private calendar reads as an unknown coach");
        assert_eq!(app.count("bookings").await, 0);
    }
}

async fn book_at(app: &TestApp, slug: &str, body: Value) -> (u16, Value) {
    call(
        app,
        "POST",
        None,
        &format!("/api/coaches/{slug}/bookings"),
        Some(body),
    )
    .await
}

/// The page as a browser without script sees it, in-process.
async fn page(app: &TestApp, path: &str) -> (u16, String) {
    let reply = app.send(axum::http::Method::GET, path).await;
    (reply.status, reply.text())
}

db_test! {
    async fn without_script_the_page_lists_a_week_of_open_times_and_books_one(db) {
        let app = TestApp::new(db).await;
        let (coach, st) = practice(&app).await;
        let (status, html) = page(&app, &format!("/c/{SLUG}?week={MONDAY}&tz=Europe/London")).await;
        assert_eq!(status, 200, "{html}");
        for text in ["Ana Ruiz", "Coaching", "Apply for coaching", "/c/ana-ruiz/apply", "cp-slot", "Mon 9 Nov 2026"] {
            assert!(html.contains(text), "{text} on the page");
        }
        let href = format!("/c/{SLUG}/book?sessionTypeId={st}&#38;start=2026-11-09T10%3A00%3A00%2B00%3A00&#38;tz=Europe/London");
        assert!(html.contains(&href), "a link to book 10:00: {href}");
        let (status, form) = page(&app, &href.replace("&#38;", "&")).await;
        assert_eq!(status, 200, "{form}");
        assert!(form.contains("Confirm booking") && form.contains("Mon 9 Nov 2026, 10:00–11:00"), "{form}");

        let post = |fields: Vec<(&'static str, String)>| {
            Request::post(format!("/c/{SLUG}/book"))
                .header(header::ORIGIN, "http://localhost")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(form_urlencoded(&fields)))
                .unwrap()
        };
        let base = |name: &str, email: &str| vec![
            ("sessionTypeId", st.to_string()), ("start", "2026-11-09T10:00:00+00:00".to_owned()),
            ("tz", "Europe/London".to_owned()), ("name", name.to_owned()), ("email", email.to_owned()),
            ("notes", String::new()), ("website", String::new()),
        ];
        let reply = app.request(post(base("", "bad"))).await;
        assert_eq!(reply.status, 422);
        assert!(reply.text().contains("field-error"), "errors beside the fields");
        let reply = app.request(post(base("Vi Visitor", "vi@example.com"))).await;
        assert_eq!(reply.status, 303, "{}", reply.text());
        let to = reply.headers[header::LOCATION].to_str().unwrap().to_owned();
        assert!(to.starts_with(&format!("/c/{SLUG}/booked/")), "{to}");
        let (status, done) = page(&app, &to).await;
        assert_eq!(status, 200);
        assert!(done.contains("You&#x27;re booked") || done.contains("You&#39;re booked") || done.contains("You're booked"), "{done}");
        assert!(done.contains("Add to calendar") && done.contains("/calendar.ics") && done.contains("Manage this booking"), "{done}");

        // The same time again: taken, with the nearest free times to pick instead.
        let reply = app.request(post(base("Other Visitor", "other@example.com"))).await;
        assert_eq!(reply.status, 409);
        let html = reply.text();
        assert!(html.contains("That time was just taken") && html.contains("2026-11-09T09%3A00"), "{html}");

        // A private calendar: the profile and the apply link, no calendar.
        set_privacy(&app, &coach, "private", "public", "booked").await;
        let (status, html) = page(&app, &format!("/c/{SLUG}")).await;
        assert_eq!(status, 200);
        assert!(html.contains("Apply for coaching") && !html.contains("cp-slot") && !html.contains("data-coach-page"), "{html}");
        let (status, _) = page(&app, "/c/nobody-here").await;
        assert_eq!(status, 404);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_description_documents_the_coachs_page_and_every_answer_it_gives() {
    let doc = coachbook::web::api::openapi();
    let doc = serde_json::to_value(&doc).expect("the document as JSON");
    let paths = &doc["paths"];
    let page = &paths["/api/coaches/{slug}"]["get"];
    assert!(
        page["responses"]["200"].is_object() && page["responses"]["404"].is_object(),
        "{page}"
    );
    let calendar = &paths["/api/coaches/{slug}/calendar"]["get"];
    for status in ["200", "400", "404", "422"] {
        assert!(
            calendar["responses"][status].is_object(),
            "calendar {status}: {calendar}"
        );
    }
    let names: Vec<&str> = calendar["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for name in ["slug", "from", "to", "timeZone", "sessionTypeId"] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    let book = &paths["/api/coaches/{slug}/bookings"]["post"];
    for status in ["201", "401", "403", "404", "409", "422", "429"] {
        assert!(
            book["responses"][status].is_object(),
            "booking {status}: {book}"
        );
    }
    // Nobody needs credentials: the empty requirement is listed beside the bearer token.
    assert!(
        book["security"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s.as_object().is_some_and(|o| o.is_empty())),
        "{book}"
    );
}
