//! Editing and rescheduling bookings from the coach's pages, on both databases: the Edit page
//! changes notes, the meeting link, the session type and the package (the credit moves with it),
//! each mistake shown beside its field with nothing changed; the Reschedule page moves a booking
//! through the booking conflict check (a collision refused, nothing changed); notes show on the
//! Bookings list and the client's Sessions tab; inline status changes say what they do to the
//! credit; archiving a client with upcoming sessions asks whether to keep or cancel them.

use serde_json::{json, Value};

use crate::harness::TestApp;

/// Ana (Europe/London, open 09:00–17:00 every day) with a 60-minute "Coaching" type, a
/// "Deep dive" type with 30-minute buffers, two packages and her client Maya Chen enrolled in
/// both.
struct Practice {
    browser: reqwest::Client,
    token: String,
    coaching: i64,
    deep_dive: i64,
    maya: i64,
    /// Maya's enrolments in "Six sessions" and "Three sessions".
    six: i64,
    three: i64,
}

async fn practice(app: &TestApp) -> Practice {
    let (browser, token) = app.signed_in_coach().await;
    let coaching = app
        .session_type(&token, json!({"name": "Coaching", "durationMinutes": 60}))
        .await;
    let deep_dive = app
        .session_type(
            &token,
            json!({"name": "Deep dive", "durationMinutes": 60, "bufferBeforeMinutes": 30, "bufferAfterMinutes": 30}),
        )
        .await;
    app.open_every_day(&token, "09:00", "17:00").await;
    let package = |name: &str, count: i64| json!({"name": name, "sessionCount": count, "validityDays": 365, "sessionTypeId": coaching});
    let six = app
        .create(&token, "/api/coaching/packages", package("Six sessions", 6))
        .await["id"]
        .clone();
    let three = app
        .create(
            &token,
            "/api/coaching/packages",
            package("Three sessions", 3),
        )
        .await["id"]
        .clone();
    let maya = app
        .create(
            &token,
            "/api/coaching/clients",
            json!({"name": "Maya Chen", "email": "maya@example.com"}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let enrol = |package: Value| {
        let token = token.clone();
        async move {
            app.create(
                &token,
                &format!("/api/coaching/clients/{maya}/enrolments"),
                json!({"packageId": package}),
            )
            .await["id"]
                .as_i64()
                .unwrap()
        }
    };
    let six = enrol(six).await;
    let three = enrol(three).await;
    Practice {
        browser,
        token,
        coaching,
        deep_dive,
        maya,
        six,
        three,
    }
}

/// Books Maya (with her "Six sessions" credit when `package`) or a guest at `start`.
async fn book(app: &TestApp, p: &Practice, name: &str, start: &str, package: bool) -> i64 {
    let mut body = json!({"sessionTypeId": p.coaching, "start": start});
    if name == "Maya Chen" {
        body["clientId"] = json!(p.maya);
        if package {
            let (_, c) = app
                .get(&p.token, &format!("/api/coaching/clients/{}", p.maya))
                .await;
            let six = c["enrolments"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["id"] == p.six)
                .unwrap()["packageId"]
                .clone();
            body["coachingPackageId"] = six;
        }
    } else {
        body["name"] = json!(name);
        body["email"] = json!(format!(
            "{}@example.com",
            name.to_lowercase().replace(' ', ".")
        ));
    }
    let (status, b) = app.post(&p.token, "/api/bookings", body).await;
    assert_eq!(status, 201, "{b}");
    b["id"].as_i64().unwrap()
}

async fn booking(app: &TestApp, p: &Practice, id: i64) -> Value {
    let (status, b) = app.get(&p.token, &format!("/api/bookings/{id}")).await;
    assert_eq!(status, 200, "{b}");
    b
}

/// Credits left in each of Maya's enrolments: (six, three).
async fn credits(app: &TestApp, p: &Practice) -> (i64, i64) {
    let (_, c) = app
        .get(&p.token, &format!("/api/coaching/clients/{}", p.maya))
        .await;
    let left = |id: i64| {
        c["enrolments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .unwrap()["creditsRemaining"]
            .as_i64()
            .unwrap()
    };
    (left(p.six), left(p.three))
}

async fn page(app: &TestApp, p: &Practice, path: &str) -> String {
    let res = p.browser.get(app.url(path)).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    res.text().await.unwrap()
}

db_test! {
    async fn the_edit_page_changes_notes_link_type_and_package_and_a_mistake_changes_nothing(db) {
        let app = TestApp::serve(db).await;
        let p = practice(&app).await;
        let id = book(&app, &p, "Maya Chen", "2026-11-09T10:00:00Z", true).await;
        assert_eq!(credits(&app, &p).await, (5, 3), "the six-session package holds one");

        let form = page(&app, &p, &format!("/admin/bookings/{id}/edit?next=/admin/clients/{}?tab=sessions", p.maya)).await;
        assert!(form.contains("id=\"notes\"") && form.contains("id=\"meetingUrl\"") && form.contains("id=\"sessionTypeId\"") && form.contains("id=\"enrolmentId\""), "{form}");
        assert!(form.contains("Six sessions — 5 of 6 credits left"), "the package picker says what is left");

        let edit = |notes: &str, url: &str, type_id: i64, enrolment: String| {
            vec![("notes", notes.to_owned()), ("meetingUrl", url.to_owned()), ("sessionTypeId", type_id.to_string()),
                 ("enrolmentId", enrolment), ("next", "/admin/bookings".to_owned())]
        };
        // Bad link and a foreign enrolment: both named beside their fields, nothing saved.
        let bad = app.post_form(&p.browser, &format!("/admin/bookings/{id}/edit"),
            &edit("Bring the workbook", "ftp://meet.example.com/x", p.coaching, "999999".into())).await;
        assert_eq!(bad.status(), 422);
        let html = bad.text().await.unwrap();
        assert!(html.contains("id=\"meetingUrl-error\"") && html.contains("id=\"enrolmentId-error\""), "{html}");
        assert!(html.contains("Bring the workbook"), "what was typed is kept");
        let b = booking(&app, &p, id).await;
        assert_eq!((b["notes"].as_str(), b["meetingUrl"].as_str()), (Some(""), Some("")), "nothing saved");
        assert_eq!(credits(&app, &p).await, (5, 3));

        // Every field at once.
        let ok = app.post_form(&p.browser, &format!("/admin/bookings/{id}/edit"),
            &edit("Bring the workbook", "https://meet.example.com/maya", p.deep_dive, p.three.to_string())).await;
        assert_eq!(ok.status(), 303);
        assert_eq!(ok.headers()["location"], "/admin/bookings");
        let b = booking(&app, &p, id).await;
        assert_eq!(b["notes"], "Bring the workbook");
        assert_eq!(b["meetingUrl"], "https://meet.example.com/maya");
        assert_eq!(b["sessionTypeId"], p.deep_dive);
        assert_eq!(b["packageName"], "Three sessions");
        assert_eq!(b["credit"], "held");
        assert_eq!(credits(&app, &p).await, (6, 2), "the credit moved from one package to the other");

        // Back to no package: the credit goes back.
        let none = app.post_form(&p.browser, &format!("/admin/bookings/{id}/edit"),
            &edit("Bring the workbook", "https://meet.example.com/maya", p.deep_dive, String::new())).await;
        assert_eq!(none.status(), 303);
        assert_eq!(credits(&app, &p).await, (6, 3));
        assert!(booking(&app, &p, id).await["packageName"].is_null());

        // The notes show where the booking is shown.
        let list = page(&app, &p, "/admin/bookings").await;
        assert!(list.contains("class=\"booking-notes\"") && list.contains("Bring the workbook"), "{list}");
        assert!(list.contains(&format!("/admin/bookings/{id}/edit")) && list.contains(&format!("/admin/bookings/{id}/reschedule")));
        let tab = page(&app, &p, &format!("/admin/clients/{}?tab=sessions", p.maya)).await;
        assert!(tab.contains("Bring the workbook") && tab.contains(&format!("/admin/bookings/{id}/reschedule")), "{tab}");

        // A type whose buffers would reach another session is refused; nothing changes.
        book(&app, &p, "Lee Park", "2026-11-10T10:00:00Z", false).await;
        let other = book(&app, &p, "Sam Other", "2026-11-10T11:15:00Z", false).await;
        let clash = app.post_form(&p.browser, &format!("/admin/bookings/{other}/edit"),
            &edit("Changed", "", p.deep_dive, String::new())).await;
        assert_eq!(clash.status(), 409);
        let html = clash.text().await.unwrap();
        assert!(html.contains("id=\"sessionTypeId-error\""), "the refusal sits beside the type");
        let b = booking(&app, &p, other).await;
        assert_eq!((b["sessionTypeId"].as_i64(), b["notes"].as_str()), (Some(p.coaching), Some("")), "nothing changed");

        // Another coach's booking is not found.
        let missing = p.browser.get(app.url("/admin/bookings/987654/edit")).send().await.unwrap();
        assert_eq!(missing.status(), 404);
    }
}

db_test! {
    async fn the_reschedule_page_moves_a_booking_and_a_collision_changes_nothing(db) {
        let app = TestApp::serve(db).await;
        let p = practice(&app).await;
        let jo = book(&app, &p, "Jo Client", "2026-11-09T10:00:00Z", false).await;
        let maya = book(&app, &p, "Maya Chen", "2026-11-09T14:00:00Z", true).await;
        let form = page(&app, &p, &format!("/admin/bookings/{maya}/reschedule")).await;
        assert!(form.contains("value=\"2026-11-09\"") && form.contains("value=\"14:00\""), "today's time is filled in");

        let move_to = |date: &str, time: &str| vec![("date", date.to_owned()), ("startTime", time.to_owned()), ("next", format!("/admin/clients/{}?tab=sessions", p.maya))];
        let clash = app.post_form(&p.browser, &format!("/admin/bookings/{maya}/reschedule"), &move_to("2026-11-09", "10:30")).await;
        assert_eq!(clash.status(), 409);
        let html = clash.text().await.unwrap();
        assert!(html.contains("id=\"startTime-error\"") && html.contains("collides with another session"), "{html}");
        assert_eq!(booking(&app, &p, maya).await["start"], "2026-11-09T14:00:00+00:00", "nothing changed");
        assert_eq!(booking(&app, &p, jo).await["start"], "2026-11-09T10:00:00+00:00");

        let bad = app.post_form(&p.browser, &format!("/admin/bookings/{maya}/reschedule"), &move_to("2026-02-30", "10:00")).await;
        assert_eq!(bad.status(), 422);
        assert!(bad.text().await.unwrap().contains("id=\"date-error\""));

        let outside = app.post_form(&p.browser, &format!("/admin/bookings/{maya}/reschedule"), &move_to("2026-11-10", "18:00")).await;
        assert_eq!(outside.status(), 409);
        assert!(outside.text().await.unwrap().contains("name=\"overrideAvailability\""), "booking anyway is offered");
        let mut anyway = move_to("2026-11-10", "18:00");
        anyway.push(("overrideAvailability", "yes".into()));
        let moved = app.post_form(&p.browser, &format!("/admin/bookings/{maya}/reschedule"), &anyway).await;
        assert_eq!(moved.status(), 303);
        assert_eq!(moved.headers()["location"], format!("/admin/clients/{}?tab=sessions", p.maya).as_str());
        let b = booking(&app, &p, maya).await;
        assert_eq!((b["start"].as_str(), b["end"].as_str()), (Some("2026-11-10T18:00:00+00:00"), Some("2026-11-10T19:00:00+00:00")));
        assert_eq!(b["credit"], "held", "the credit stays with the moved booking");
        coachbook::app::jobs::drain(app.state.ctx(), "test-worker").await.unwrap();
        let told: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM emails WHERE kind = 'booking_rescheduled' AND to_email = 'maya@example.com'")
            .fetch_one(app.state.db().pool()).await.unwrap();
        assert_eq!(told, 1, "Maya is told of the move");
    }
}

db_test! {
    async fn inline_status_changes_say_what_they_do_to_the_package_credit(db) {
        let app = TestApp::serve(db).await;
        let p = practice(&app).await;
        // Next week: cancelling is in time. This afternoon: past the 24-hour cut-off.
        let in_time = book(&app, &p, "Maya Chen", "2026-11-09T10:00:00Z", true).await;
        let late = book(&app, &p, "Maya Chen", "2026-11-02T15:00:00Z", true).await;
        let tab = page(&app, &p, &format!("/admin/clients/{}?tab=sessions", p.maya)).await;
        assert!(tab.contains("The Six sessions credit goes back to the client."), "{tab}");
        assert!(tab.contains("Past your cancellation cut-off: this uses the Six sessions credit unless you give it back."));

        let act = |id: i64, action: &'static str| {
            let (app, p) = (&app, &p);
            async move {
                let form = [("action", action.to_owned()), ("reason", "Ill".to_owned()), ("next", format!("/admin/clients/{}?tab=sessions", p.maya))];
                app.post_form(&p.browser, &format!("/admin/bookings/{id}/status"), &form).await
            }
        };
        assert_eq!(act(in_time, "cancel").await.status(), 303);
        assert_eq!(booking(&app, &p, in_time).await["credit"], "released");

        // After the session: completed or no-show, which uses the held credit.
        app.clock.advance(jiff::SignedDuration::from_hours(7));
        let tab = page(&app, &p, &format!("/admin/clients/{}?tab=sessions", p.maya)).await;
        assert!(tab.contains(&format!("id=\"status-{late}\"")) && tab.contains("Uses the Six sessions credit held for it."), "{tab}");
        assert_eq!(act(late, "no_show").await.status(), 303);
        let b = booking(&app, &p, late).await;
        assert_eq!((b["status"].as_str(), b["credit"].as_str()), (Some("no_show"), Some("used")));
        assert_eq!(credits(&app, &p).await, (5, 3));
        let tab = page(&app, &p, &format!("/admin/clients/{}?tab=sessions", p.maya)).await;
        assert!(tab.contains("Waive credit"), "a used credit can be given back");
    }
}

db_test! {
    async fn a_pending_booking_is_confirmed_or_declined_inline(db) {
        let app = TestApp::serve(db).await;
        let p = practice(&app).await;
        let id = book(&app, &p, "Jo Client", "2026-11-09T10:00:00Z", false).await;
        // A booking waiting for approval, as one made on the coach's page for such a type is.
        sqlx::query("UPDATE bookings SET status = 'pending' WHERE id = $1").bind(id).execute(app.state.db().pool()).await.unwrap();
        let list = page(&app, &p, "/admin/bookings").await;
        assert!(list.contains("Decline…") && list.contains("value=\"confirm\""), "{list}");
        let confirm = app.post_form(&p.browser, &format!("/admin/bookings/{id}/status"), &[("action", "confirm"), ("next", "/admin/bookings")]).await;
        assert_eq!(confirm.status(), 303);
        assert_eq!(booking(&app, &p, id).await["status"], "confirmed");
    }
}

db_test! {
    async fn archiving_a_client_with_upcoming_sessions_asks_then_keeps_or_cancels_them(db) {
        let app = TestApp::serve(db).await;
        let p = practice(&app).await;
        let first = book(&app, &p, "Maya Chen", "2026-11-09T10:00:00Z", true).await;
        let second = book(&app, &p, "Maya Chen", "2026-11-10T10:00:00Z", false).await;
        let details = |status: &str, upcoming: &str| {
            vec![("name", "Maya Chen".to_owned()), ("email", "maya@example.com".to_owned()), ("phone", String::new()),
                 ("status", status.to_owned()), ("upcoming", upcoming.to_owned()), ("cancelReason", "Moving abroad".to_owned())]
        };
        let path = format!("/admin/clients/{}", p.maya);
        let client_status = || async {
            app.get(&p.token, &format!("/api/coaching/clients/{}", p.maya)).await.1["status"].as_str().unwrap_or_default().to_owned()
        };

        let asked = app.post_form(&p.browser, &path, &details("archived", "")).await;
        assert_eq!(asked.status(), 409);
        let html = asked.text().await.unwrap();
        assert!(html.contains("has 2 upcoming sessions") && html.contains("value=\"keep\"") && html.contains("value=\"cancel\""), "{html}");
        assert!(html.contains("Mon 9 Nov 2026"), "the sessions are listed");
        assert_eq!(client_status().await, "active", "nothing saved before the answer");

        let kept = app.post_form(&p.browser, &path, &details("archived", "keep")).await;
        assert_eq!(kept.status(), 303);
        assert_eq!(client_status().await, "archived");
        assert_eq!(booking(&app, &p, first).await["status"], "confirmed");
        assert_eq!(booking(&app, &p, second).await["status"], "confirmed");

        // Active again (no question), then archived with the sessions cancelled.
        assert_eq!(app.post_form(&p.browser, &path, &details("active", "")).await.status(), 303);
        let cancelled = app.post_form(&p.browser, &path, &details("archived", "cancel")).await;
        assert_eq!(cancelled.status(), 303);
        assert_eq!(client_status().await, "archived");
        for id in [first, second] {
            let b = booking(&app, &p, id).await;
            assert_eq!((b["status"].as_str(), b["cancelReason"].as_str()), (Some("cancelled"), Some("Moving abroad")));
        }
        assert_eq!(booking(&app, &p, first).await["credit"], "released", "cancelled in time: the credit goes back");
        coachbook::app::jobs::drain(app.state.ctx(), "test-worker").await.unwrap();
        let told: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM emails WHERE kind = 'booking_cancelled' AND to_email = 'maya@example.com'")
            .fetch_one(app.state.db().pool()).await.unwrap();
        assert_eq!(told, 2, "Maya is told of each");

        // A client without upcoming sessions is archived at once.
        let other = app.create(&p.token, "/api/coaching/clients", json!({"name": "Lee Park", "email": "lee@example.com"})).await["id"].clone();
        let lee = vec![("name", "Lee Park".to_owned()), ("email", "lee@example.com".to_owned()), ("status", "archived".to_owned())];
        assert_eq!(app.post_form(&p.browser, &format!("/admin/clients/{other}"), &lee).await.status(), 303);
    }
}
