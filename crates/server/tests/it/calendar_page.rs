//! The coach's Calendar page (`/admin/calendar`) and the dashboard at a glance, on both
//! databases: each view draws the range's sessions with their participants, the open hours, time
//! off and requested times, in the coach's zone or another; the type filter; one session's panel;
//! another coach's sessions never appear; a query that does not read is a 4xx, never a 500; and
//! the panel's forms move (through the booking conflict check: a collision changes nothing),
//! edit and cancel a session.

use axum::body::Body;
use axum::http::{header, Request};
use serde_json::{json, Value};

use crate::harness::{redirect, TestApp};

/// Ana (Europe/London) signed in over a real port with a 60-minute "Coaching" type, a "Yoga"
/// group of 6 and an "Intro" that needs approval, open 09:00–17:00 every day, and lunch off on
/// Tuesday 3 Nov 2026.
struct Ana {
    browser: reqwest::Client,
    token: String,
    coaching: i64,
    yoga: i64,
    intro: i64,
}

async fn ana(app: &TestApp) -> Ana {
    let (browser, token) = app.signed_in_coach().await;
    let coaching = app
        .session_type(
            &token,
            json!({"name": "Coaching", "durationMinutes": 60, "color": "#2f6f62"}),
        )
        .await;
    let yoga = app
        .session_type(
            &token,
            json!({"name": "Yoga", "kind": "group", "capacity": 6, "durationMinutes": 60, "color": "#aa3366"}),
        )
        .await;
    let intro = app
        .session_type(
            &token,
            json!({"name": "Intro", "durationMinutes": 30, "requiresApproval": true}),
        )
        .await;
    app.open_every_day(&token, "09:00", "17:00").await;
    let (status, block) = app
        .post(
            &token,
            "/api/availability/blocks",
            json!({"kind": "once", "start": "2026-11-03T12:00", "end": "2026-11-03T13:00", "label": "Lunch"}),
        )
        .await;
    assert_eq!(status, 201, "{block}");
    Ana {
        browser,
        token,
        coaching,
        yoga,
        intro,
    }
}

/// Books `name` into `type_id` at `start` as the coach; the booking.
async fn book(app: &TestApp, a: &Ana, type_id: i64, name: &str, start: &str) -> Value {
    let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
    let body = json!({"sessionTypeId": type_id, "name": name, "email": email, "start": start});
    let (status, b) = app.post(&a.token, "/api/bookings", body).await;
    assert_eq!(status, 201, "{b}");
    b
}

/// A visitor books on Ana's page (pending when the type needs approval).
async fn visitor_books(app: &TestApp, type_id: i64, name: &str, email: &str, start: &str) -> Value {
    let req = Request::post("/api/coaches/ana-ruiz/bookings")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            json!({"sessionTypeId": type_id, "start": start, "name": name, "email": email})
                .to_string(),
        ))
        .expect("a request");
    let reply = app.request(req).await;
    assert_eq!(reply.status, 201, "{}", reply.text());
    reply.json()
}

async fn page(app: &TestApp, browser: &reqwest::Client, path: &str) -> (u16, String) {
    let res = browser.get(app.url(path)).send().await.expect("get");
    let status = res.status().as_u16();
    (status, res.text().await.expect("body"))
}

async fn ok_page(app: &TestApp, browser: &reqwest::Client, path: &str) -> String {
    let (status, html) = page(app, browser, path).await;
    assert_eq!(status, 200, "{path}: {html}");
    html
}

/// When session `id` starts, as stored (Unix seconds).
async fn start_of(app: &TestApp, id: i64) -> i64 {
    sqlx::query_scalar("SELECT start_at FROM sessions WHERE id = $1")
        .bind(id)
        .fetch_one(app.state.db().pool())
        .await
        .expect("read the session")
}

fn unix(rfc3339: &str) -> i64 {
    rfc3339
        .parse::<jiff::Timestamp>()
        .expect("a time")
        .as_second()
}

db_test! {
    async fn each_view_draws_the_sessions_with_their_people_the_open_hours_and_time_off(db) {
        let app = TestApp::serve(db).await;
        let a = ana(&app).await;
        let maya = book(&app, &a, a.coaching, "Maya Patel", "2026-11-03T10:00:00Z").await;
        book(&app, &a, a.yoga, "Lee Chen", "2026-11-04T15:00:00Z").await;
        book(&app, &a, a.yoga, "Ola Berg", "2026-11-04T15:00:00Z").await;
        visitor_books(&app, a.intro, "Vera Visitor", "vera@example.com", "2026-11-05T09:00:00Z").await;

        // The week of Tuesday 3 November: every session with its people, the hours, the time off.
        let week = ok_page(&app, &a.browser, "/admin/calendar?view=week&date=2026-11-03").await;
        assert!(week.contains("2–8 Nov 2026"), "{week}");
        assert!(week.contains("Maya Patel") && week.contains("10:00–11:00"), "{week}");
        assert!(week.contains("Lee Chen and 1 other") && week.contains("2/6 seats"), "{week}");
        assert!(week.contains(r#"class="cal-window" data-from="540" data-to="1020""#), "the hours are shaded: {week}");
        assert!(week.contains("Time off 12:00–13:00"), "{week}");
        assert!(week.contains("is-pending") && week.contains("Vera Visitor"), "a pending booking stands out: {week}");
        assert!(week.contains(r#"href="/admin/calendar""#) && week.contains(r#"aria-current="page">Calendar"#), "in the nav");
        assert!(week.contains("3 sessions"), "{week}");
        assert!(week.contains("1 pending approval"), "{week}");

        // Day, month and list views of the same days.
        let day = ok_page(&app, &a.browser, "/admin/calendar?view=day&date=2026-11-03").await;
        assert!(day.contains("Tue 3 Nov 2026") && day.contains("Maya Patel") && !day.contains("Lee Chen"), "{day}");
        let month = ok_page(&app, &a.browser, "/admin/calendar?view=month&date=2026-11-03").await;
        assert!(month.contains("November 2026") && month.contains("Maya Patel") && month.contains("Vera Visitor"), "{month}");
        let list = ok_page(&app, &a.browser, "/admin/calendar?view=list&date=2026-11-03").await;
        assert!(list.contains("maya.patel@example.com") && list.contains("ola.berg@example.com"), "the list names everyone: {list}");
        assert!(list.contains("Time off"), "{list}");

        // Another zone: the same session at New York's time, the coach's zone named.
        let ny = ok_page(&app, &a.browser, "/admin/calendar?view=day&date=2026-11-03&zone=America/New_York").await;
        assert!(ny.contains("05:00–06:00") && ny.contains("America/New_York") && ny.contains("Show Europe/London"), "{ny}");

        // One type only.
        let yoga = ok_page(&app, &a.browser, &format!("/admin/calendar?view=week&date=2026-11-03&type={}", a.yoga)).await;
        assert!(yoga.contains("Lee Chen") && !yoga.contains("Maya Patel"), "{yoga}");

        // One session's panel: attendees, seats, status actions, and the forms to change it.
        let session_id = maya["sessionId"].as_i64().expect("a session id");
        let panel = ok_page(&app, &a.browser, &format!("/admin/calendar?view=week&date=2026-11-03&session={session_id}")).await;
        assert!(panel.contains(r#"id="session-panel""#) && panel.contains("maya.patel@example.com"), "{panel}");
        assert!(panel.contains("Move to…") && panel.contains("Cancel session…") && panel.contains("Edit"), "{panel}");
        let yoga_id: i64 = sqlx::query_scalar("SELECT id FROM sessions WHERE session_type_id = $1")
            .bind(a.yoga)
            .fetch_one(app.state.db().pool())
            .await
            .expect("the yoga session");
        let group = ok_page(&app, &a.browser, &format!("/admin/calendar?date=2026-11-04&session={yoga_id}")).await;
        assert!(group.contains("2 of 6 seats taken · 4 left"), "{group}");

        // The script's fragment: the calendar alone.
        let partial = ok_page(&app, &a.browser, "/admin/calendar?view=week&date=2026-11-03&partial=1").await;
        assert!(partial.contains("Maya Patel") && !partial.contains("<html"), "{partial}");
    }
}

db_test! {
    async fn another_coachs_sessions_never_appear_and_their_ids_are_not_found(db) {
        let app = TestApp::serve(db).await;
        let a = ana(&app).await;
        book(&app, &a, a.coaching, "Maya Patel", "2026-11-03T10:00:00Z").await;
        let bo = app.other_coach_token().await;
        let theirs = app.session_type(&bo, json!({"name": "Bo's coaching", "durationMinutes": 60})).await;
        app.open_every_day(&bo, "09:00", "17:00").await;
        let (status, b) = app
            .post(&bo, "/api/bookings", json!({"sessionTypeId": theirs, "name": "Secret Client", "email": "secret@example.com", "start": "2026-11-03T14:00:00Z"}))
            .await;
        assert_eq!(status, 201, "{b}");
        for view in ["day", "week", "month", "list"] {
            let html = ok_page(&app, &a.browser, &format!("/admin/calendar?view={view}&date=2026-11-03")).await;
            assert!(html.contains("Maya Patel"), "{view}: {html}");
            assert!(!html.contains("Secret Client") && !html.contains("Bo's coaching"), "{view}: {html}");
        }
        let (status, _) = page(&app, &a.browser, &format!("/admin/calendar?session={}", b["sessionId"])).await;
        assert_eq!(status, 404);
        let (status, _) = page(&app, &a.browser, &format!("/admin/calendar?type={theirs}")).await;
        assert_eq!(status, 404);
        let res = app
            .post_form(&a.browser, &format!("/admin/calendar/sessions/{}/cancel", b["sessionId"]), &[("reason", "mine now")])
            .await;
        assert_eq!(res.status(), 404);
        let (_, still) = app.get(&bo, &format!("/api/bookings/{}", b["id"])).await;
        assert_eq!(still["status"], "confirmed", "{still}");
        // Signed out, the page asks to sign in.
        let res = app.client().get(app.url("/admin/calendar")).send().await.expect("get");
        let (status, to) = redirect(&res);
        assert!(status == 303 && to.starts_with("/login"), "{status} {to}");
    }
}

db_test! {
    async fn a_query_that_does_not_read_is_a_4xx_and_never_a_500(db) {
        let app = TestApp::serve(db).await;
        let a = ana(&app).await;
        for bad in [
            "view=year",
            "date=2026-13-01",
            "date=yesterday",
            "date=1900-01-01",
            "date=2026-11-03T10:00",
            "zone=Mars/Olympus",
            "zone=%00",
            "type=abc",
            "type=-1",
            "type=99999999999999999999",
            "session=abc",
            "session=0",
            "view=day&view=week",
            "view=week&date=9999-12-31",
        ] {
            let (status, html) = page(&app, &a.browser, &format!("/admin/calendar?{bad}")).await;
            assert!((400..500).contains(&status), "{bad}: {status} {html}");
        }
        let (status, html) = page(&app, &a.browser, "/admin/calendar?view=year&zone=Nowhere").await;
        assert_eq!(status, 400);
        assert!(html.contains("day, week, month or list"), "{html}");
        let (status, _) = page(&app, &a.browser, "/admin/calendar?session=999999").await;
        assert_eq!(status, 404);
        // The edges of the calendar still draw.
        for edge in ["date=2000-01-01", "date=2199-12-31&view=list", "date=2199-12-31&view=month"] {
            let (status, html) = page(&app, &a.browser, &format!("/admin/calendar?{edge}")).await;
            assert!(status < 500, "{edge}: {status} {html}");
        }
    }
}

db_test! {
    async fn the_panel_moves_a_session_only_where_booking_could_and_edits_and_cancels_it(db) {
        let app = TestApp::serve(db).await;
        let a = ana(&app).await;
        let maya = book(&app, &a, a.coaching, "Maya Patel", "2026-11-03T10:00:00Z").await;
        book(&app, &a, a.coaching, "Noor Haddad", "2026-11-03T14:00:00Z").await;
        let id = maya["sessionId"].as_i64().expect("a session id");
        let back = format!("/admin/calendar?view=week&date=2026-11-03&session={id}");
        let path = format!("/admin/calendar/sessions/{id}/move");

        // Onto Noor's session: refused, said why beside the form, nothing changed.
        let res = app
            .post_form(&a.browser, &path, &[("date", "2026-11-03"), ("time", "14:30"), ("zone", "Europe/London"), ("next", back.as_str())])
            .await;
        assert_eq!(res.status(), 409);
        let html = res.text().await.expect("body");
        assert!(html.contains(r#"id="panel-error""#) && html.contains(r#"id="panel-move" open"#), "{html}");
        assert_eq!(start_of(&app, id).await, unix("2026-11-03T10:00:00Z"));

        // A time that does not read: said beside its field.
        let res = app
            .post_form(&a.browser, &path, &[("date", "2026-11-03"), ("time", "25:99"), ("next", back.as_str())])
            .await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.expect("body");
        assert!(html.contains(r#"id="move-time-error""#), "{html}");
        assert_eq!(start_of(&app, id).await, unix("2026-11-03T10:00:00Z"));

        // Read in New York's zone: 06:00 there is 11:00 in London.
        let res = app
            .post_form(&a.browser, &path, &[("date", "2026-11-03"), ("time", "06:00"), ("zone", "America/New_York"), ("next", back.as_str())])
            .await;
        assert_eq!(redirect(&res), (303, back.as_str()));
        assert_eq!(start_of(&app, id).await, unix("2026-11-03T11:00:00Z"));
        let after = ok_page(&app, &a.browser, &back).await;
        assert!(after.contains("Moved to Tue 3 Nov 2026, 11:00–12:00"), "{after}");

        // Edit: a link that is not a web address is refused beside the field; a good one is kept.
        let edit = format!("/admin/calendar/sessions/{id}/edit");
        let res = app.post_form(&a.browser, &edit, &[("meetingUrl", "not a link"), ("notes", "Bring the plan"), ("next", back.as_str())]).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.expect("body").contains(r#"id="panel-meeting-error""#));
        let res = app
            .post_form(&a.browser, &edit, &[("meetingUrl", "https://meet.example.org/ana"), ("notes", "Bring the plan"), ("next", back.as_str())])
            .await;
        assert_eq!(redirect(&res), (303, back.as_str()));
        let panel = ok_page(&app, &a.browser, &back).await;
        assert!(panel.contains("https://meet.example.org/ana") && panel.contains("Bring the plan"), "{panel}");

        // Save as template: a name is needed; then the template holds the session's details.
        let template = format!("/admin/calendar/sessions/{id}/template");
        let res = app.post_form(&a.browser, &template, &[("name", ""), ("next", back.as_str())]).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.expect("body");
        assert!(html.contains(r#"id="template-name-error""#) && html.contains(r#"id="panel-template" open"#), "{html}");
        let res = app.post_form(&a.browser, &template, &[("name", "Morning coaching"), ("next", back.as_str())]).await;
        assert_eq!(redirect(&res), (303, back.as_str()));
        let (_, templates) = app.get(&a.token, "/api/session-templates").await;
        let saved = templates.as_array().and_then(|t| t.iter().find(|t| t["name"] == "Morning coaching")).cloned().unwrap_or_default();
        assert_eq!((saved["meetingUrl"].as_str(), saved["notes"].as_str()), (Some("https://meet.example.org/ana"), Some("Bring the plan")), "{templates}");

        // Cancel for everyone: the session leaves the calendar.
        let res = app
            .post_form(&a.browser, &format!("/admin/calendar/sessions/{id}/cancel"), &[("reason", "I am ill"), ("next", "/admin/calendar?view=week&date=2026-11-03")])
            .await;
        assert_eq!(redirect(&res), (303, "/admin/calendar?view=week&date=2026-11-03"));
        let (_, b) = app.get(&a.token, &format!("/api/bookings/{}", maya["id"])).await;
        assert_eq!(b["status"], "cancelled", "{b}");
        let week = ok_page(&app, &a.browser, "/admin/calendar?view=week&date=2026-11-03").await;
        assert!(!week.contains("Maya Patel") && week.contains("Noor Haddad"), "{week}");
        // A `next` elsewhere is not followed.
        let noor = ok_page(&app, &a.browser, "/admin/calendar?view=list&date=2026-11-03").await;
        assert!(noor.contains("Noor Haddad"));
    }
}

db_test! {
    async fn the_dashboard_shows_today_the_week_what_waits_and_who_runs_out_of_credits(db) {
        let app = TestApp::serve(db).await;
        let a = ana(&app).await;
        // The clock stands at Monday 2 November 2026, 09:00 UTC.
        let (status, today) = app
            .post(&a.token, "/api/bookings", json!({"sessionTypeId": a.coaching, "name": "Maya Patel", "email": "maya@example.com", "start": "2026-11-02T14:00:00Z", "overrideAvailability": true}))
            .await;
        assert_eq!(status, 201, "{today}");
        book(&app, &a, a.yoga, "Lee Chen", "2026-11-04T15:00:00Z").await;
        book(&app, &a, a.coaching, "Next Week", "2026-11-10T10:00:00Z").await;
        visitor_books(&app, a.intro, "Vera Visitor", "vera@example.com", "2026-11-05T09:00:00Z").await;
        app.create(&a.token, "/api/coaching/applications", json!({"name": "Kai Lindqvist", "email": "kai@example.com"})).await;
        let package = app
            .create(&a.token, "/api/coaching/packages", json!({"name": "Two sessions", "sessionCount": 2, "sessionMinutes": 60}))
            .await["id"]
            .as_i64()
            .expect("a package");
        let plenty = app
            .create(&a.token, "/api/coaching/packages", json!({"name": "Ten sessions", "sessionCount": 10, "sessionMinutes": 60}))
            .await["id"]
            .as_i64()
            .expect("a package");
        for (name, email, pkg) in [("Ola Berg", "ola@example.com", package), ("Ines Moreau", "ines@example.com", plenty)] {
            let client = app.create(&a.token, "/api/coaching/clients", json!({"name": name, "email": email})).await["id"]
                .as_i64()
                .expect("a client");
            app.create(&a.token, &format!("/api/coaching/clients/{client}/enrolments"), json!({"packageId": pkg})).await;
            if pkg == package {
                // One of Ola's two credits held by a booking: one left.
                let (status, b) = app
                    .post(&a.token, "/api/bookings", json!({"sessionTypeId": a.coaching, "clientId": client, "coachingPackageId": pkg, "start": "2026-11-06T10:00:00Z"}))
                    .await;
                assert_eq!(status, 201, "{b}");
            }
        }

        let dash = ok_page(&app, &a.browser, "/admin").await;
        let today_card = dash.split(r#"id="dashboard-today""#).nth(1).and_then(|s| s.split("</section>").next()).unwrap_or_default().to_owned();
        assert!(today_card.contains("Maya Patel") && today_card.contains("14:00–15:00"), "{today_card}");
        assert!(!today_card.contains("Lee Chen"), "only today: {today_card}");
        let week = dash.split(r#"id="dashboard-week""#).nth(1).and_then(|s| s.split("</section>").next()).unwrap_or_default().to_owned();
        // Maya, Lee's yoga, Vera's intro and Ola's session; next week's is not counted.
        assert!(week.contains("<strong>4</strong> sessions"), "{week}");
        let waiting = dash.split(r#"id="dashboard-waiting""#).nth(1).and_then(|s| s.split("</section>").next()).unwrap_or_default().to_owned();
        assert!(waiting.contains("<strong>1</strong> booking to approve") && waiting.contains("Vera Visitor"), "{waiting}");
        assert!(waiting.contains("<strong>1</strong> new application"), "{waiting}");
        let credits = dash.split(r#"id="dashboard-credits""#).nth(1).and_then(|s| s.split("</section>").next()).unwrap_or_default().to_owned();
        assert!(credits.contains("Ola Berg") && credits.contains("1 credit left"), "{credits}");
        assert!(!credits.contains("Ines Moreau"), "plenty left: {credits}");
        // Nav: the calendar is one click away.
        assert!(dash.contains(r#"href="/admin/calendar?view=day&#38;date=2026-11-02""#), "{dash}");
    }
}
