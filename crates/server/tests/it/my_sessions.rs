//! The client's own side, on both databases: `/api/my/*` and `/my` show a connected person their
//! own sessions and credits and nobody else's; cancelling before the cut-off gives the credit
//! back and after it uses it; rescheduling offers open times and goes through the conflict check;
//! another person's booking is a 404; a manage link `/b/{token}` opens one booking, and a bad
//! token is a 404.

use axum::body::Body;
use axum::http::{header, Request};
use serde_json::{json, Value};

use crate::harness::{error_code, form_urlencoded, TestApp, PASSWORD};

/// Ana's practice with two connected clients whose names, emails, notes and meeting links are
/// unmistakable, each booked on Tue 10 Nov 2026 (Zed at 10:00 with a package credit, Yara at
/// 12:00).
pub(crate) struct Practice {
    pub coach: String,
    pub coaching: i64,
    pub zed: Person,
    pub yara: Person,
}

pub(crate) struct Person {
    pub token: String,
    pub booking_id: i64,
}

/// A plain account (not a coach) in `zone`: its id and API token.
pub(crate) async fn user(app: &TestApp, name: &str, email: &str, zone: &str) -> (i64, String) {
    let signed_up = coachbook::app::accounts::sign_up(
        app.state.ctx(),
        &coachbook::app::accounts::NewAccount {
            name: name.into(),
            email: email.into(),
            password: PASSWORD.into(),
            time_zone: zone.into(),
            slug: None,
        },
    )
    .await;
    assert!(signed_up.is_ok(), "sign up {email}");
    let token = app.token_for(email).await;
    let (_, me) = app.get(&token, "/api/me").await;
    (me["id"].as_i64().expect("an account id"), token)
}

pub(crate) async fn client(
    app: &TestApp,
    coach: &str,
    name: &str,
    email: &str,
    notes: &str,
) -> i64 {
    let c = app
        .create(
            coach,
            "/api/coaching/clients",
            json!({"name": name, "email": email, "notes": notes}),
        )
        .await;
    c["id"].as_i64().expect("a client id")
}

/// Links a client record to an account, as accepting an invitation does.
pub(crate) async fn connect(app: &TestApp, client_id: i64, user_id: i64) {
    sqlx::query("UPDATE clients SET user_id = $1 WHERE id = $2")
        .bind(user_id)
        .bind(client_id)
        .execute(app.state.db().pool())
        .await
        .expect("connect the client");
}

pub(crate) async fn book(app: &TestApp, coach: &str, body: Value) -> i64 {
    let (status, b) = app.post(coach, "/api/bookings", body).await;
    assert_eq!(status, 201, "{b}");
    b["id"].as_i64().expect("a booking id")
}

pub(crate) async fn practice(app: &TestApp) -> Practice {
    let coach = app.coach_token().await;
    let coaching = app
        .session_type(&coach, json!({"name": "Coaching", "durationMinutes": 60}))
        .await;
    app.open_every_day(&coach, "08:00", "20:00").await;
    let package = app
        .create(
            &coach,
            "/api/coaching/packages",
            json!({"name": "Five sessions", "sessionTypeId": coaching, "sessionCount": 5}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let mut people = Vec::new();
    for (name, email, notes, time, link) in [
        (
            "Zed Quill",
            "zed.quill@example.com",
            "ZED-PRIVATE-NOTE",
            "10:00",
            "https://meet.example.com/zed-room",
        ),
        (
            "Yara Vantablack",
            "yara.vantablack@example.com",
            "YARA-PRIVATE-NOTE",
            "12:00",
            "https://meet.example.com/yara-room",
        ),
    ] {
        let client_id = client(app, &coach, name, email, notes).await;
        let (user_id, token) = user(app, name, email, "Europe/Paris").await;
        connect(app, client_id, user_id).await;
        let mut body = json!({"sessionTypeId": coaching, "clientId": client_id, "date": "2026-11-10",
            "startTime": time, "meetingUrl": link, "notes": format!("{notes}-ON-BOOKING")});
        if name.starts_with("Zed") {
            let (status, e) = app
                .post(
                    &coach,
                    &format!("/api/coaching/clients/{client_id}/enrolments"),
                    json!({"packageId": package}),
                )
                .await;
            assert_eq!(status, 201, "{e}");
            body["coachingPackageId"] = json!(package);
        }
        let booking_id = book(app, &coach, body).await;
        people.push(Person { token, booking_id });
    }
    let yara = people.pop().unwrap();
    let zed = people.pop().unwrap();
    Practice {
        coach,
        coaching,
        zed,
        yara,
    }
}

/// What must never reach Zed: everything that is Yara's, and the coach's notes on Zed.
pub(crate) const NOT_FOR_ZED: &[&str] = &[
    "Yara",
    "yara",
    "YARA-PRIVATE-NOTE",
    "yara-room",
    "ZED-PRIVATE-NOTE",
];

pub(crate) fn assert_clean(what: &str, text: &str) {
    for secret in NOT_FOR_ZED {
        assert!(!text.contains(secret), "{what} shows {secret:?}: {text}");
    }
}

async fn credits_left(app: &TestApp, token: &str) -> i64 {
    let (status, credits) = app.get(token, "/api/my/credits").await;
    assert_eq!(status, 200, "{credits}");
    credits[0]["enrolments"][0]["creditsRemaining"]
        .as_i64()
        .expect("credits")
}

async fn my_booking(app: &TestApp, token: &str, id: i64) -> Value {
    let (status, list) = app.get(token, "/api/my/bookings").await;
    assert_eq!(status, 200, "{list}");
    list.as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("booking {id} not in {list}"))
}

db_test! {
    async fn the_portal_shows_only_the_accounts_own_sessions_and_credits(db) {
        let app = TestApp::serve(db).await;
        let p = practice(&app).await;
        let (status, list) = app.get(&p.zed.token, "/api/my/bookings").await;
        assert_eq!(status, 200, "{list}");
        assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
        let b = &list[0];
        assert_eq!(b["id"], p.zed.booking_id);
        assert_eq!(b["coachName"], "Ana Ruiz");
        assert_eq!(b["coachPage"], "/c/ana-ruiz");
        assert_eq!(b["start"], "2026-11-10T11:00:00+01:00", "in Zed's zone (Paris)");
        assert_eq!(b["timeZone"], "Europe/Paris");
        assert_eq!(b["meetingUrl"], "https://meet.example.com/zed-room", "his own link");
        assert_eq!(b["packageName"], "Five sessions");
        assert_eq!(b["credit"], "held");
        assert_eq!((b["canCancel"].as_bool(), b["cancelIsFree"].as_bool(), b["canReschedule"].as_bool()), (Some(true), Some(true), Some(true)));
        assert!(b["cancelPolicy"].as_str().unwrap().starts_with("Cancelling now gives your package credit back"), "{b}");
        assert_clean("/api/my/bookings", &list.to_string());

        let (status, credits) = app.get(&p.zed.token, "/api/my/credits").await;
        assert_eq!(status, 200, "{credits}");
        assert_eq!(credits[0]["enrolments"][0]["creditsRemaining"], 4, "{credits}");
        assert_eq!(credits[0]["entries"][0]["kind"], "hold");
        assert_clean("/api/my/credits", &credits.to_string());

        // The page, signed in through the form.
        let browser = app.client();
        let res = app.login(&browser, "zed.quill@example.com", PASSWORD).await;
        assert_eq!(res.status(), 303);
        let page = browser.get(app.url("/my")).send().await.unwrap();
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        for expected in ["My sessions", "Ana Ruiz", "Coaching", "Tue 10 Nov 2026", "11:00–12:00", "zed-room",
            "Five sessions", "4 of 5 credits left", "Cancelling now gives your package credit back", "/c/ana-ruiz", "/notifications"] {
            assert!(html.contains(expected), "/my lacks {expected:?}");
        }
        assert_clean("/my", &html);

        // Yara's booking, asked for by Zed, is not found, exactly as a missing one.
        let yara = p.yara.booking_id;
        for path in [format!("/api/my/bookings/{yara}/cancel"), format!("/api/my/bookings/{yara}/reschedule")] {
            let (status, err) = app.post(&p.zed.token, &path, json!({"start": "2026-11-12T10:00:00Z"})).await;
            assert_eq!((status, error_code(&err)), (404, "not_found"), "{path}: {err}");
            assert_clean(&path, &err.to_string());
        }
        let (status, missing) = app.post(&p.zed.token, "/api/my/bookings/999999/cancel", json!({})).await;
        let (_, theirs) = app.post(&p.zed.token, &format!("/api/my/bookings/{yara}/cancel"), json!({})).await;
        assert_eq!((status, &missing), (404, &theirs), "another's booking answers like a missing one");
        let (status, _) = app.get(&p.zed.token, &format!("/api/my/bookings/{yara}/open-times")).await;
        assert_eq!(status, 404);
        let page = browser.get(app.url(&format!("/my/bookings/{yara}/reschedule"))).send().await.unwrap();
        assert_eq!(page.status(), 404);
        assert_clean("reschedule page", &page.text().await.unwrap());
        let res = app.post_form(&browser, &format!("/my/bookings/{yara}/cancel"), &[("reason", "x")]).await;
        assert_eq!(res.status(), 404);
        let (_, yaras) = app.get(&p.yara.token, "/api/my/bookings").await;
        assert_eq!(yaras[0]["status"], "confirmed", "nothing changed");

        // Signed out, the API asks for a token and the page for signing in.
        let (status, _) = app.get("cb_not-a-token", "/api/my/bookings").await;
        assert_eq!(status, 401);
        let res = app.client().get(app.url("/my")).send().await.unwrap();
        assert_eq!(crate::harness::redirect(&res), (303, "/login?next=/my"));
    }
}

db_test! {
    async fn cancelling_before_the_cutoff_gives_the_credit_back_and_tells_the_coach(db) {
        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        assert_eq!(credits_left(&app, &p.zed.token).await, 4);
        let path = format!("/api/my/bookings/{}/cancel", p.zed.booking_id);
        let (status, b) = app.post(&p.zed.token, &path, json!({"reason": "Ill"})).await;
        assert_eq!(status, 200, "{b}");
        assert_eq!((b["status"].as_str(), b["credit"].as_str(), b["canCancel"].as_bool()), (Some("cancelled"), Some("released"), Some(false)));
        assert_eq!(credits_left(&app, &p.zed.token).await, 5, "the credit is back");
        let (_, credits) = app.get(&p.zed.token, "/api/my/credits").await;
        assert_eq!(credits[0]["entries"][0]["kind"], "release");
        assert_eq!(credits[0]["entries"][0]["note"], "Cancelled by the client before the cut-off");

        // The coach hears of it, in the app and by email.
        let (_, notices) = app.get(&p.coach, "/api/notifications").await;
        assert_eq!(notices["items"][0]["title"], "Zed Quill cancelled their booking", "{notices}");
        let kinds: Vec<String> = sqlx::query_scalar("SELECT kind FROM emails WHERE booking_id = $1 ORDER BY id")
            .bind(p.zed.booking_id)
            .fetch_all(app.state.db().pool())
            .await
            .unwrap();
        assert!(kinds.iter().any(|k| k == "booking_cancelled_coach"), "{kinds:?}");

        // Cancelling again changes nothing.
        let (status, err) = app.post(&p.zed.token, &path, json!({})).await;
        assert_eq!((status, error_code(&err)), (409, "not_changeable"), "{err}");
        assert_eq!(credits_left(&app, &p.zed.token).await, 5);
        // The time is free again: Yara can move there.
        let (status, moved) = app
            .post(&p.yara.token, &format!("/api/my/bookings/{}/reschedule", p.yara.booking_id), json!({"start": "2026-11-10T10:00:00Z"}))
            .await;
        assert_eq!(status, 200, "{moved}");
    }
}

db_test! {
    async fn inside_the_cutoff_cancelling_uses_the_credit_and_rescheduling_is_gone(db) {
        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        // 22 hours before the session (10:00 UTC on the 10th); the cut-offs are 24 hours.
        app.clock.set("2026-11-09T12:00:00Z".parse().unwrap());
        let b = my_booking(&app, &p.zed.token, p.zed.booking_id).await;
        assert_eq!((b["canCancel"].as_bool(), b["cancelIsFree"].as_bool(), b["canReschedule"].as_bool()), (Some(true), Some(false), Some(false)));
        assert_eq!(b["cancelPolicy"], "It is less than 24 hours before the session: if you cancel now, the session counts as used and your credit is not given back.");
        assert_eq!(b["reschedulePolicy"], "It is less than 24 hours before the session, so it can no longer be rescheduled online. Contact Ana Ruiz to change it.");
        let (status, open) = app.get(&p.zed.token, &format!("/api/my/bookings/{}/open-times", p.zed.booking_id)).await;
        assert_eq!((status, open), (200, json!([])));

        let (status, err) = app
            .post(&p.zed.token, &format!("/api/my/bookings/{}/reschedule", p.zed.booking_id), json!({"start": "2026-11-12T10:00:00Z"}))
            .await;
        assert_eq!((status, error_code(&err)), (409, "past_cutoff"), "{err}");
        let (status, b) = app.post(&p.zed.token, &format!("/api/my/bookings/{}/cancel", p.zed.booking_id), json!({})).await;
        assert_eq!(status, 200, "{b}");
        assert_eq!((b["status"].as_str(), b["credit"].as_str()), (Some("cancelled"), Some("used")));
        assert_eq!(credits_left(&app, &p.zed.token).await, 4, "the credit stays used");
        let (_, credits) = app.get(&p.zed.token, "/api/my/credits").await;
        assert_eq!(credits[0]["entries"][0]["note"], "Cancelled late by the client");

        // Once the session has started there is nothing to cancel.
        app.clock.set("2026-11-10T12:30:00Z".parse().unwrap());
        let (status, err) = app.post(&p.yara.token, &format!("/api/my/bookings/{}/cancel", p.yara.booking_id), json!({})).await;
        assert_eq!((status, error_code(&err)), (409, "session_started"), "{err}");
    }
}

db_test! {
    async fn rescheduling_offers_open_times_and_goes_through_the_conflict_check(db) {
        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        let zed = p.zed.booking_id;
        let (status, first) = app.get(&p.zed.token, &format!("/api/my/bookings/{zed}/open-times")).await;
        assert_eq!(status, 200, "{first}");
        assert_eq!(first.as_array().map(Vec::len), Some(60), "at most 60 at a time");
        assert_eq!(first[0]["start"], "2026-11-03T09:00:00+01:00", "after the minimum notice (12 hours), in the hours");
        let (status, err) = app.get(&p.zed.token, &format!("/api/my/bookings/{zed}/open-times?from=soon")).await;
        assert_eq!((status, error_code(&err)), (422, "invalid_input"), "{err}");
        let (status, open) = app.get(&p.zed.token, &format!("/api/my/bookings/{zed}/open-times?from=2026-11-10T00:00:00Z")).await;
        assert_eq!(status, 200, "{open}");
        let starts: Vec<&str> = open.as_array().unwrap().iter().map(|t| t["start"].as_str().unwrap()).collect();
        assert!(!starts.is_empty());
        assert!(!starts.contains(&"2026-11-10T13:00:00+01:00"), "Yara's time is not open: {starts:?}");
        assert!(!starts.contains(&"2026-11-10T11:00:00+01:00"), "his own time is not offered");
        assert!(starts.contains(&"2026-11-11T16:00:00+01:00"), "{starts:?}");

        let path = format!("/api/my/bookings/{zed}/reschedule");
        // Onto Yara's session: a collision, 409, nothing moved, nothing revealed.
        let (status, err) = app.post(&p.zed.token, &path, json!({"start": "2026-11-10T12:00:00Z"})).await;
        assert_eq!((status, error_code(&err)), (409, "conflict"), "{err}");
        assert_clean("collision", &err.to_string());
        // A time that is not offered (before the hours), and one that is not a time.
        let (status, err) = app.post(&p.zed.token, &path, json!({"start": "2026-11-11T05:00:00Z"})).await;
        assert_eq!((status, error_code(&err)), (422, "invalid_input"), "{err}");
        assert_eq!(err["error"]["fields"][0]["field"], "start");
        let (status, err) = app.post(&p.zed.token, &path, json!({"start": "tomorrow"})).await;
        assert_eq!((status, error_code(&err)), (422, "invalid_input"), "{err}");
        let (status, err) = app.post(&p.zed.token, &path, json!({})).await;
        assert_eq!(status, 422, "{err}");
        assert_eq!(my_booking(&app, &p.zed.token, zed).await["start"], "2026-11-10T11:00:00+01:00", "nothing moved");

        let (status, moved) = app.post(&p.zed.token, &path, json!({"start": "2026-11-11T16:00:00+01:00"})).await;
        assert_eq!(status, 200, "{moved}");
        assert_eq!((moved["start"].as_str(), moved["end"].as_str(), moved["status"].as_str()), (Some("2026-11-11T16:00:00+01:00"), Some("2026-11-11T17:00:00+01:00"), Some("confirmed")));
        assert_eq!(moved["credit"], "held", "the credit goes with it");
        let (_, notices) = app.get(&p.coach, "/api/notifications").await;
        assert_eq!(notices["items"][0]["kind"], "booking_rescheduled", "{notices}");
        // The coach sees it at the new time.
        let (_, b) = app.get(&p.coach, &format!("/api/bookings/{zed}")).await;
        assert_eq!(b["start"], "2026-11-11T15:00:00+00:00", "{b}");
        // And the old time is free for someone else.
        let (status, _) = app
            .post(&p.yara.token, &format!("/api/my/bookings/{}/reschedule", p.yara.booking_id), json!({"start": "2026-11-10T10:00:00Z"}))
            .await;
        assert_eq!(status, 200);
    }
}

/// A booking made without an account, with a manage link: (booking id, token).
async fn visitor_booking(app: &TestApp, p: &Practice) -> (i64, String) {
    let id = book(app, &p.coach, json!({"sessionTypeId": p.coaching, "name": "Vic Visitor", "email": "vic@example.com",
        "date": "2026-11-12", "startTime": "09:00", "meetingUrl": "https://meet.example.com/vic-room"})).await;
    let mut tx = app.state.db().begin().await.unwrap();
    let (_, me) = app.get(&p.coach, "/api/me").await;
    let coach_id = me["coach"]["id"].as_i64().expect("coach id");
    let token = coachbook::app::manage::issue(&mut tx, coach_id, id)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    (id, token)
}

/// A form POST in-process, as a browser on this site sends it: the status and the page.
pub(crate) struct Answer {
    pub status: u16,
    text: String,
}

impl Answer {
    pub fn text(&self) -> String {
        self.text.clone()
    }
}

pub(crate) async fn form(app: &TestApp, path: &str, pairs: &[(&str, String)]) -> Answer {
    let req = Request::post(path)
        .header(header::ORIGIN, "http://localhost")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(form_urlencoded(pairs)))
        .unwrap();
    let reply = app.request(req).await;
    Answer {
        status: reply.status,
        text: reply.text(),
    }
}

db_test! {
    async fn a_manage_link_opens_its_booking_only_and_bad_tokens_are_not_found(db) {
        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        let (id, token) = visitor_booking(&app, &p).await;
        let page = app.send(axum::http::Method::GET, &format!("/b/{token}")).await;
        assert_eq!(page.status, 200, "{}", page.text());
        let html = page.text();
        for expected in ["Your booking with Ana Ruiz", "Coaching", "Thu 12 Nov 2026", "09:00–10:00", "Europe/London",
            "Add to calendar", &format!("/b/{token}/calendar.ics"), "vic-room", "Reschedule"] {
            assert!(html.contains(expected), "manage page lacks {expected:?}");
        }
        assert!(html.contains("You can cancel free of charge until"), "the policy before acting");
        for secret in ["Zed", "Yara", "zed-room", "yara-room", "PRIVATE-NOTE", "vic@example.com"] {
            assert!(!html.contains(secret), "manage page shows {secret:?}");
        }
        // In another zone.
        let paris = app.send(axum::http::Method::GET, &format!("/b/{token}?tz=Europe/Paris")).await;
        assert!(paris.text().contains("10:00–11:00"), "read in Paris");

        // Bad tokens are a 404 page, alike.
        for bad in ["nope", "00000000000000000000000000000000", &format!("{token}x"), "../../etc"] {
            let res = app.send(axum::http::Method::GET, &format!("/b/{bad}")).await;
            assert_eq!(res.status, 404, "{bad}");
            let res = form(&app, &format!("/b/{bad}/cancel"), &[]).await;
            assert_eq!(res.status, 404, "{bad}");
        }

        // Rescheduling: the open times, a collision refused beside the list, then a move.
        let list = app.send(axum::http::Method::GET, &format!("/b/{token}/reschedule")).await;
        assert_eq!(list.status, 200);
        assert!(list.text().contains("Choose a new time"));
        let res = form(&app, &format!("/b/{token}/reschedule"), &[("start", "2026-11-10T12:00:00Z".into())]).await;
        assert_eq!(res.status, 409, "{}", res.text());
        assert!(res.text().contains("collides with another session"), "{}", res.text());
        assert!(!res.text().contains("Yara"));
        let res = form(&app, &format!("/b/{token}/reschedule"), &[("start", String::new())]).await;
        assert_eq!(res.status, 422);
        assert!(res.text().contains("Choose one of the open times."));
        let res = form(&app, &format!("/b/{token}/reschedule"), &[("start", "2026-11-13T14:00:00Z".into())]).await;
        assert_eq!(res.status, 303, "{}", res.text());
        let (_, b) = app.get(&p.coach, &format!("/api/bookings/{id}")).await;
        assert_eq!(b["start"], "2026-11-13T14:00:00+00:00", "{b}");
        // The email about the move carries the manage link.
        let text: String = sqlx::query_scalar("SELECT text_body FROM emails WHERE booking_id = $1 AND kind = 'booking_rescheduled'")
            .bind(id)
            .fetch_one(app.state.db().pool())
            .await
            .unwrap();
        assert!(text.contains(&format!("Manage this booking (cancel or reschedule): http://127.0.0.1:8080/b/{token}")), "{text}");

        // Inside the cut-off the reschedule button is gone and says why; cancelling is late.
        app.clock.set("2026-11-13T00:00:00Z".parse().unwrap());
        let html = app.send(axum::http::Method::GET, &format!("/b/{token}")).await.text();
        assert!(html.contains("can no longer be rescheduled online"), "{html}");
        assert!(!html.contains(&format!("/b/{token}/reschedule")));
        assert!(html.contains("cancelling now is a late cancellation"));
        let res = form(&app, &format!("/b/{token}/reschedule"), &[("start", "2026-11-14T14:00:00Z".into())]).await;
        assert_eq!(res.status, 409);
        let res = form(&app, &format!("/b/{token}/cancel"), &[("reason", "Sorry".into())]).await;
        assert_eq!(res.status, 303);
        let (_, b) = app.get(&p.coach, &format!("/api/bookings/{id}")).await;
        assert_eq!((b["status"].as_str(), b["cancelReason"].as_str()), (Some("cancelled"), Some("Sorry")));
        let html = app.send(axum::http::Method::GET, &format!("/b/{token}")).await.text();
        assert!(html.contains("Cancelled") && !html.contains("Cancel…"));
    }
}

db_test! {
    async fn the_portal_lists_the_accounts_own_session_requests_and_withdraws_one(db) {
        let app = TestApp::serve(db).await;
        let p = practice(&app).await;
        let mut ids = Vec::new();
        for (token, message) in [(&p.zed.token, "ZED-REQUEST please"), (&p.yara.token, "YARA-REQUEST please")] {
            let (status, r) = app
                .post(token, "/api/coaches/ana-ruiz/session-requests", json!({"sessionTypeId": p.coaching,
                    "times": [{"start": "2026-11-20T21:00"}], "timeZone": "Europe/Paris", "message": message}))
                .await;
            assert_eq!(status, 201, "{r}");
            ids.push(r["id"].as_i64().expect("a request id"));
        }
        let browser = app.client();
        app.login(&browser, "zed.quill@example.com", PASSWORD).await;
        let html = browser.get(app.url("/my")).send().await.unwrap().text().await.unwrap();
        for expected in ["Session requests", "ZED-REQUEST please", "Fri 20 Nov 2026, 21:00–22:00", "Waiting for an answer", "Withdraw request"] {
            assert!(html.contains(expected), "/my lacks {expected:?}");
        }
        assert_clean("/my with requests", &html);
        assert!(!html.contains("YARA-REQUEST"));

        // Yara's request, withdrawn by Zed: not found, and still waiting.
        let res = app.post_form(&browser, &format!("/my/requests/{}/withdraw", ids[1]), &[("x", "")]).await;
        assert_eq!(res.status(), 404);
        let res = app.post_form(&browser, &format!("/my/requests/{}/withdraw", ids[0]), &[("x", "")]).await;
        assert_eq!(crate::harness::redirect(&res).0, 303);
        let html = browser.get(app.url("/my")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Your request is withdrawn.") && html.contains("Withdrawn"), "{html}");
        let res = app.post_form(&browser, &format!("/my/requests/{}/withdraw", ids[0]), &[("x", "")]).await;
        assert_eq!(crate::harness::redirect(&res).0, 303, "again: told it is closed");
    }
}
