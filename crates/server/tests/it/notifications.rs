//! In-app notifications, on both databases: a change records its notices in its own transaction
//! (a refused one records none), each person reads and marks only their own, a connected client's
//! account hears of its own bookings and of nobody else's, and the page and the bell show them.

use axum::body::Body;
use axum::http::{header, Request};
use serde_json::{json, Value};

use crate::harness::{error_code, form_urlencoded, redirect, TestApp, PASSWORD};

/// Ana (Europe/London) with a 60-minute "Coaching" type, open 08:00–20:00 every day: her token
/// and the type's id.
async fn coach(app: &TestApp) -> (String, i64) {
    let token = app.coach_token().await;
    let coaching = app
        .session_type(&token, json!({"name": "Coaching", "durationMinutes": 60}))
        .await;
    app.open_every_day(&token, "08:00", "20:00").await;
    (token, coaching)
}

/// Books `name` for Coaching at `time` on 10 November 2026 and returns the booking.
async fn book(
    app: &TestApp,
    (token, coaching): &(String, i64),
    name: &str,
    email: &str,
    time: &str,
) -> Value {
    let body = json!({"sessionTypeId": coaching, "name": name, "email": email, "date": "2026-11-10", "startTime": time});
    let (status, b) = app.post(token, "/api/bookings", body).await;
    assert_eq!(status, 201, "{b}");
    b
}

async fn notifications(app: &TestApp, token: &str, query: &str) -> Value {
    let (status, list) = app.get(token, &format!("/api/notifications{query}")).await;
    assert_eq!(status, 200, "{list}");
    list
}

/// A plain user account (not a coach) in `zone`, and its API token.
async fn user(app: &TestApp, name: &str, email: &str, zone: &str) -> (i64, String) {
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

db_test! {
    async fn a_booking_records_the_coachs_notice_and_a_refused_one_records_none(db) {
        let app = TestApp::new(db).await;
        let ana = coach(&app).await;
        let token = ana.0.clone();
        let empty = notifications(&app, &token, "").await;
        assert_eq!(empty, json!({"items": [], "unreadCount": 0, "more": false}));

        let b = book(&app, &ana, "Noor Haddad", "noor@example.com", "10:00").await;
        let list = notifications(&app, &token, "").await;
        assert_eq!(list["unreadCount"], 1, "{list}");
        let n = &list["items"][0];
        assert_eq!(n["kind"], "booking_created");
        assert_eq!(n["title"], "New booking: Noor Haddad");
        assert_eq!(n["body"], "Coaching, Tue 10 Nov 2026, 10:00–11:00", "in the coach's zone");
        assert_eq!(n["link"], format!("/admin/bookings?when=all#booking-{}", b["id"]));
        assert_eq!(n["bookingId"], b["id"]);
        assert_eq!((n["read"].as_bool(), n["readAt"].is_null()), (Some(false), true));
        assert_eq!(n["createdAt"], "2026-11-02T09:00:00+00:00");

        // The same time again collides: 409, and the refused booking left no notice behind.
        let (status, err) = app
            .post(&token, "/api/bookings", json!({"sessionTypeId": ana.1, "name": "Sam Lee", "email": "sam@example.com", "date": "2026-11-10", "startTime": "10:30"}))
            .await;
        assert_eq!(status, 409, "{err}");
        assert_eq!(app.count("notifications").await, 1);
        assert_eq!(notifications(&app, &token, "").await["unreadCount"], 1);
    }
}

db_test! {
    async fn confirming_cancelling_and_moving_a_booking_each_tell_the_coach(db) {
        let app = TestApp::new(db).await;
        let ana = coach(&app).await;
        let token = ana.0.clone();
        let b = book(&app, &ana, "Noor Haddad", "noor@example.com", "10:00").await;
        let id = b["id"].as_i64().unwrap();
        let (status, moved) = app
            .post(&token, &format!("/api/bookings/{id}/reschedule"), json!({"date": "2026-11-11", "startTime": "15:00"}))
            .await;
        assert_eq!(status, 200, "{moved}");
        let (status, cancelled) = app
            .post(&token, &format!("/api/bookings/{id}/cancel"), json!({"reason": "Travelling"}))
            .await;
        assert_eq!(status, 200, "{cancelled}");

        let list = notifications(&app, &token, "").await;
        let kinds: Vec<&str> = list["items"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["booking_cancelled", "booking_rescheduled", "booking_created"], "newest first");
        assert_eq!(list["items"][1]["title"], "Booking updated: Noor Haddad");
        assert_eq!(list["items"][1]["body"], "Now Coaching, Wed 11 Nov 2026, 15:00–16:00");
        assert_eq!(list["items"][0]["title"], "Booking cancelled: Noor Haddad");
        assert_eq!(
            list["items"][0]["body"],
            "Coaching, Wed 11 Nov 2026, 15:00–16:00. Cancelled by you. Reason: Travelling"
        );
        assert_eq!(list["unreadCount"], 3);
    }
}

db_test! {
    async fn an_application_and_its_discovery_call_tell_the_coach(db) {
        let app = TestApp::new(db).await;
        let ana = coach(&app).await;
        let token = ana.0.clone();
        app.session_type(&token, json!({"name": "Discovery call", "kind": "discovery", "durationMinutes": 20}))
            .await;
        let (_, me) = app.get(&token, "/api/me").await;
        let slug = me["coach"]["slug"].as_str().unwrap().to_owned();

        // Someone applies on the public form.
        let req = Request::post(format!("/c/{slug}/apply"))
            .header(header::ORIGIN, "http://localhost")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form_urlencoded(&[
                ("name", "Lea Roux".into()),
                ("email", "lea@example.com".into()),
                ("goals", "Find focus".into()),
            ])))
            .unwrap();
        let reply = app.request(req).await;
        assert_eq!(reply.status, 303, "{}", reply.text());
        let list = notifications(&app, &token, "").await;
        let n = &list["items"][0];
        assert_eq!((n["kind"].as_str(), n["title"].as_str()), (Some("application_received"), Some("New application: Lea Roux")));
        let application = n["applicationId"].as_i64().expect("the notice names its application");
        assert_eq!(n["link"], format!("/admin/applications#application-{application}"));

        // A discovery call scheduled for it.
        let (status, a) = app
            .put(&token, &format!("/api/coaching/applications/{application}"), json!({"discoveryCall": {"date": "2026-11-10", "startTime": "11:00"}}))
            .await;
        assert_eq!(status, 200, "{a}");
        let list = notifications(&app, &token, "").await;
        let n = &list["items"][0];
        assert_eq!(n["kind"], "discovery_call_scheduled");
        assert_eq!(n["title"], "Discovery call scheduled: Lea Roux");
        assert_eq!(n["body"], "Discovery call, Tue 10 Nov 2026, 11:00–11:20");
        assert_eq!((n["bookingId"].clone(), n["applicationId"].as_i64()), (a["bookingId"].clone(), Some(application)));

        // An application the coach types in themselves is no news to them.
        app.create(&token, "/api/coaching/applications", json!({"name": "Kim Park", "email": "kim@example.com"})).await;
        assert_eq!(notifications(&app, &token, "").await["unreadCount"], 2);
    }
}

db_test! {
    async fn reading_one_then_all_brings_the_unread_count_to_zero(db) {
        let app = TestApp::new(db).await;
        let ana = coach(&app).await;
        let token = ana.0.clone();
        for (name, time) in [("Ann A", "09:00"), ("Ben B", "11:00"), ("Cal C", "13:00")] {
            book(&app, &ana, name, &format!("{}@example.com", &name[..3].to_lowercase()), time).await;
        }
        let list = notifications(&app, &token, "").await;
        assert_eq!(list["unreadCount"], 3);
        let oldest = list["items"][2]["id"].as_i64().unwrap();

        app.clock.advance(jiff::SignedDuration::from_mins(5));
        let (status, read) = app.post(&token, &format!("/api/notifications/{oldest}/read"), json!({})).await;
        assert_eq!(status, 200, "{read}");
        assert_eq!((read["id"].as_i64(), read["read"].as_bool()), (Some(oldest), Some(true)));
        assert_eq!(read["readAt"], "2026-11-02T09:05:00+00:00");
        let unread = notifications(&app, &token, "?unread=true").await;
        assert_eq!(unread["unreadCount"], 2);
        assert_eq!(unread["items"].as_array().unwrap().len(), 2);
        assert!(unread["items"].as_array().unwrap().iter().all(|n| n["read"] == false));

        // Reading it again is fine and keeps when it was first read.
        app.clock.advance(jiff::SignedDuration::from_mins(5));
        let (status, again) = app.post(&token, &format!("/api/notifications/{oldest}/read"), json!({})).await;
        assert_eq!((status, again["readAt"].as_str()), (200, Some("2026-11-02T09:05:00+00:00")));

        let (status, all) = app.post(&token, "/api/notifications/read-all", json!({})).await;
        assert_eq!(status, 200, "{all}");
        assert_eq!(all, json!({"marked": 2, "unreadCount": 0}));
        let after = notifications(&app, &token, "").await;
        assert_eq!((after["unreadCount"].as_i64(), after["items"].as_array().unwrap().len()), (Some(0), 3));
        assert_eq!(notifications(&app, &token, "?unread=true").await["items"], json!([]));
    }
}

db_test! {
    async fn a_limit_pages_through_newest_first_and_bad_values_are_refused(db) {
        let app = TestApp::new(db).await;
        let ana = coach(&app).await;
        let token = ana.0.clone();
        for (name, time) in [("Ann A", "09:00"), ("Ben B", "11:00"), ("Cal C", "13:00")] {
            book(&app, &ana, name, "x@example.com", time).await;
        }
        let first = notifications(&app, &token, "?limit=2").await;
        let titles = |l: &Value| -> Vec<String> { l["items"].as_array().unwrap().iter().map(|n| n["title"].as_str().unwrap().to_owned()).collect() };
        assert_eq!(titles(&first), ["New booking: Cal C", "New booking: Ben B"]);
        assert_eq!((first["more"].as_bool(), first["unreadCount"].as_i64()), (Some(true), Some(3)));
        let before = first["items"][1]["id"].as_i64().unwrap();
        let rest = notifications(&app, &token, &format!("?limit=2&before={before}")).await;
        assert_eq!(titles(&rest), ["New booking: Ann A"]);
        assert_eq!(rest["more"], false);

        for (query, status, code) in [
            ("?limit=0", 422, "invalid_input"),
            ("?limit=101", 422, "invalid_input"),
            ("?limit=-5", 422, "invalid_input"),
            ("?limit=ten", 400, "invalid_query"),
            ("?unread=maybe", 400, "invalid_query"),
            ("?before=99999999999999999999", 400, "invalid_query"),
        ] {
            let (got, err) = app.get(&token, &format!("/api/notifications{query}")).await;
            assert_eq!((got, error_code(&err)), (status, code), "{query}: {err}");
        }
        let (status, ok) = app.get(&token, "/api/notifications?limit=100&unread=false").await;
        assert_eq!(status, 200, "{ok}");
    }
}

db_test! {
    async fn another_persons_notification_answers_404_and_stays_unread(db) {
        let app = TestApp::new(db).await;
        let ana = coach(&app).await;
        let token = ana.0.clone();
        book(&app, &ana, "Noor Haddad", "noor@example.com", "10:00").await;
        let mine = notifications(&app, &token, "").await["items"][0]["id"].as_i64().unwrap();

        let bo = app.other_coach_token().await;
        let (_, sam) = user(&app, "Sam Lee", "sam@example.com", "Europe/London").await;
        for other in [&bo, &sam] {
            assert_eq!(notifications(&app, other, "").await, json!({"items": [], "unreadCount": 0, "more": false}));
            let (status, err) = app.post(other, &format!("/api/notifications/{mine}/read"), json!({})).await;
            assert_eq!((status, error_code(&err)), (404, "not_found"), "{err}");
            let (status, all) = app.post(other, "/api/notifications/read-all", json!({})).await;
            assert_eq!((status, all["marked"].as_i64()), (200, Some(0)));
        }
        for bad in ["999999", "abc", "-1", "0"] {
            let (status, _) = app.post(&token, &format!("/api/notifications/{bad}/read"), json!({})).await;
            assert_eq!(status, 404, "{bad}");
        }
        assert_eq!(notifications(&app, &token, "").await["unreadCount"], 1, "still unread for Ana");
        let (status, _) = app.get("not-a-token", "/api/notifications").await;
        assert_eq!(status, 401);
    }
}

db_test! {
    async fn a_connected_clients_account_hears_of_its_own_booking_and_of_nobody_elses(db) {
        let app = TestApp::new(db).await;
        let ana = coach(&app).await;
        let token = ana.0.clone();
        let (noor_user, noor) = user(&app, "Noor Haddad", "noor@example.com", "America/New_York").await;
        let client = app.create(&token, "/api/coaching/clients", json!({"name": "Noor Haddad", "email": "noor@example.com"})).await;
        let other = app.create(&token, "/api/coaching/clients", json!({"name": "Sam Lee", "email": "sam@example.com"})).await;
        // Connecting a client to an account comes with the client pages; here it is set directly.
        sqlx::query("UPDATE clients SET user_id = $1 WHERE id = $2")
            .bind(noor_user)
            .bind(client["id"].as_i64())
            .execute(app.state.db().pool())
            .await
            .unwrap();

        let (status, hers) = app.post(&token, "/api/bookings", json!({"sessionTypeId": ana.1, "clientId": client["id"], "date": "2026-11-10", "startTime": "10:00"})).await;
        assert_eq!(status, 201, "{hers}");
        let (status, his) = app.post(&token, "/api/bookings", json!({"sessionTypeId": ana.1, "clientId": other["id"], "date": "2026-11-10", "startTime": "14:00"})).await;
        assert_eq!(status, 201, "{his}");
        let (status, _) = app.post(&token, &format!("/api/bookings/{}/cancel", his["id"]), json!({"reason": "Sam is ill"})).await;
        assert_eq!(status, 200);

        let list = notifications(&app, &noor, "").await;
        assert_eq!(list["unreadCount"], 1, "only her own booking: {list}");
        let n = &list["items"][0];
        assert_eq!(n["bookingId"], hers["id"]);
        assert_eq!(n["title"], "Session booked with Ana Ruiz");
        assert_eq!(n["body"], "Coaching, Tue 10 Nov 2026, 05:00–06:00", "in her own zone");
        assert_eq!(n["link"], "/c/ana-ruiz");
        assert_eq!(n["createdAt"], "2026-11-02T04:00:00-05:00");
        let text = list.to_string();
        assert!(!text.contains("Sam") && !text.contains("ill") && !text.contains("noor@"), "{text}");

        // Ana hears of all three; Noor cannot read or mark Ana's.
        let ana = notifications(&app, &token, "").await;
        assert_eq!(ana["unreadCount"], 3);
        let anas = ana["items"][0]["id"].as_i64().unwrap();
        let (status, _) = app.post(&noor, &format!("/api/notifications/{anas}/read"), json!({})).await;
        assert_eq!(status, 404);

        // Her cancellation by the coach comes with the reason, still only about her.
        let (status, _) = app.post(&token, &format!("/api/bookings/{}/cancel", hers["id"]), json!({"reason": "Coach unwell"})).await;
        assert_eq!(status, 200);
        let list = notifications(&app, &noor, "").await;
        assert_eq!(list["items"][0]["title"], "Ana Ruiz cancelled your session");
        assert_eq!(list["items"][0]["body"], "Coaching, Tue 10 Nov 2026, 05:00–06:00. Reason: Coach unwell");
        assert_eq!(list["unreadCount"], 2);
    }
}

db_test! {
    async fn the_page_lists_them_and_its_forms_mark_them_read_without_javascript(db) {
        let app = TestApp::serve(db).await;
        let (browser, token) = app.signed_in_coach().await;
        let page = |c: &reqwest::Client| {
            let c = c.clone();
            let url = app.url("/notifications");
            async move {
                let res = c.get(url).send().await.unwrap();
                assert_eq!(res.status(), 200);
                res.text().await.unwrap()
            }
        };
        let html = page(&browser).await;
        assert!(html.contains("all caught up"), "empty state");
        assert!(html.contains(">Notifications</span>"), "the bell says no count");

        let coaching = app.session_type(&token, json!({"name": "Coaching", "durationMinutes": 60})).await;
        app.open_every_day(&token, "08:00", "20:00").await;
        let ana = (token.clone(), coaching);
        book(&app, &ana, "Noor Haddad", "noor@example.com", "10:00").await;
        book(&app, &ana, "Sam Lee", "sam@example.com", "12:00").await;
        let html = page(&browser).await;
        assert!(html.contains("Notifications, 2 unread"), "the bell counts them");
        assert!(html.contains("New booking: Noor Haddad") && html.contains("New booking: Sam Lee"));
        assert!(html.find("Sam Lee").unwrap() < html.find("Noor Haddad").unwrap(), "newest first");
        assert_eq!(html.matches("class=\"notification is-unread\"").count(), 2);
        let dashboard = browser.get(app.url("/admin")).send().await.unwrap().text().await.unwrap();
        assert!(dashboard.contains("Notifications, 2 unread"), "every signed-in page has the bell");

        let id = notifications(&app, &token, "").await["items"][0]["id"].as_i64().unwrap();
        let res = app.post_form(&browser, &format!("/notifications/{id}/read"), &[("go", "1")]).await;
        assert_eq!(redirect(&res), (303, "/notifications"));
        let html = page(&browser).await;
        assert!(html.contains("Notifications, 1 unread"));
        assert_eq!(html.matches("class=\"notification is-unread\"").count(), 1);

        let res = app.post_form(&browser, "/notifications/read-all", &[("go", "1")]).await;
        assert_eq!(redirect(&res), (303, "/notifications"));
        let html = page(&browser).await;
        assert!(html.contains("Marked 1 notification read."), "{html}");
        assert!(!html.contains("is-unread") && html.contains(">Notifications</span>"));

        // A user's page is their own; the coach's notification is not found for them.
        let sam = app.signed_up_user("Sam Lee", "sam@example.com").await;
        let html = page(&sam).await;
        assert!(html.contains("all caught up") && !html.contains("Noor"), "{html}");
        let res = app.post_form(&sam, &format!("/notifications/{id}/read"), &[("go", "1")]).await;
        assert_eq!(res.status(), 404);
        let signed_out = app.client().get(app.url("/notifications")).send().await.unwrap();
        assert_eq!(redirect(&signed_out), (303, "/login?next=/notifications"));
    }
}
