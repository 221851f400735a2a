//! Bookings that know who they are for, on both databases (in-process but for the pages): a
//! client's package session takes its name, email, length and a credit; the credit ledger on
//! cancel, no-show and waive; a discovery call booked for an application and carried over when it
//! is promoted; bad references refused.

use serde_json::{json, Value};

use crate::harness::{at_once, error_code, TestApp, COACH_EMAIL, PASSWORD};

struct Practice {
    token: String,
    coaching: i64,
    discovery: i64,
    package: i64,
    client: i64,
}

/// A coach open all week, with a coaching and a discovery type, a 3-session package of 45-minute
/// sessions, and a client enrolled in it.
async fn practice(app: &TestApp) -> Practice {
    let token = app.coach_token().await;
    let coaching = app
        .session_type(&token, json!({"name": "Coaching", "durationMinutes": 60}))
        .await;
    let discovery = app
        .session_type(
            &token,
            json!({"name": "Discovery call", "kind": "discovery", "durationMinutes": 20}),
        )
        .await;
    app.open_every_day(&token, "08:00", "20:00").await;
    let package = app.create(&token, "/api/coaching/packages", json!({
        "name": "Three sessions", "sessionTypeId": coaching, "sessionCount": 3, "sessionMinutes": 45, "priceCents": 30000
    })).await["id"].as_i64().unwrap();
    let client = app
        .create(
            &token,
            "/api/coaching/clients",
            json!({"name": "Noor Haddad", "email": "noor@example.com"}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    app.create(
        &token,
        &format!("/api/coaching/clients/{client}/enrolments"),
        json!({"packageId": package}),
    )
    .await;
    Practice {
        token,
        coaching,
        discovery,
        package,
        client,
    }
}

async fn credits_left(app: &TestApp, p: &Practice) -> i64 {
    let (_, detail) = app
        .get(&p.token, &format!("/api/coaching/clients/{}", p.client))
        .await;
    detail["enrolments"][0]["creditsRemaining"]
        .as_i64()
        .unwrap()
}

db_test! {
    async fn a_package_session_takes_the_clients_details_and_a_credit(db) {
        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        assert_eq!(credits_left(&app, &p).await, 3);

        let (status, b) = app.post(&p.token, "/api/bookings", json!({
            "clientId": p.client, "coachingPackageId": p.package, "date": "2031-03-10", "startTime": "10:00"
        })).await;
        assert_eq!(status, 201, "{b}");
        assert_eq!((b["name"].as_str(), b["email"].as_str()), (Some("Noor Haddad"), Some("noor@example.com")));
        assert_eq!((b["start"].as_str(), b["end"].as_str()), (Some("2031-03-10T10:00:00+00:00"), Some("2031-03-10T10:45:00+00:00")), "the package's 45 minutes");
        assert_eq!(b["sessionTypeId"].as_i64(), Some(p.coaching), "the package's session type");
        assert_eq!((b["clientId"].as_i64(), b["coachingPackageId"].as_i64(), b["credit"].as_str()), (Some(p.client), Some(p.package), Some("held")));
        assert_eq!(credits_left(&app, &p).await, 2);

        // Cancelled well before the cut-off: the credit comes back.
        let (_, c) = app.post(&p.token, &format!("/api/bookings/{}/cancel", b["id"]), json!({"reason": "Travelling"})).await;
        assert_eq!(c["credit"], "released");
        assert_eq!(credits_left(&app, &p).await, 3);

        // The client's bookings filter.
        let (_, theirs) = app.get(&p.token, &format!("/api/bookings?clientId={}&status=cancelled", p.client)).await;
        assert_eq!(theirs.as_array().unwrap().len(), 1);
    }
}

db_test! {
    async fn a_late_cancellation_uses_the_credit_unless_the_coach_waives_it(db) {
        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        // Within the 24-hour cut-off: an hour from now, on the 5-minute grid of the coach's day.
        let soon = app.clock.now() + jiff::SignedDuration::from_hours(2);
        let soon = jiff::Timestamp::from_second(soon.as_second() - soon.as_second() % 300).unwrap();
        let body = |start: String| json!({"clientId": p.client, "coachingPackageId": p.package, "start": start, "overrideAvailability": true});
        let (status, late) = app.post(&p.token, "/api/bookings", body(soon.to_string())).await;
        assert_eq!(status, 201, "{late}");
        let (_, c) = app.post(&p.token, &format!("/api/bookings/{}/cancel", late["id"]), json!({})).await;
        assert_eq!((c["status"].as_str(), c["credit"].as_str()), (Some("cancelled"), Some("used")));
        assert_eq!(credits_left(&app, &p).await, 2, "a late cancellation uses the credit");

        let (status, w) = app.post(&p.token, &format!("/api/bookings/{}/waive", late["id"]), json!({})).await;
        assert_eq!((status, w["credit"].as_str()), (200, Some("waived")));
        assert_eq!(credits_left(&app, &p).await, 3);
        let (status, again) = app.post(&p.token, &format!("/api/bookings/{}/waive", late["id"]), json!({})).await;
        assert_eq!((status, error_code(&again)), (409, "conflict"));
        let (_, ledger) = app.get(&p.token, &format!("/api/coaching/clients/{}/credits", p.client)).await;
        let kinds: Vec<&str> = ledger.as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["waive", "use", "hold", "grant"], "newest first, every change kept");
        assert!(ledger[0]["actorName"].as_str().is_some_and(|n| !n.is_empty()), "the waiver says who: {ledger}");
    }
}

db_test! {
    async fn credits_run_out_and_the_client_is_told_instead_of_booked(db) {
        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        for day in ["2031-03-10", "2031-03-11", "2031-03-12"] {
            let (status, b) = app.post(&p.token, "/api/bookings", json!({"clientId": p.client, "coachingPackageId": p.package, "date": day, "startTime": "09:00"})).await;
            assert_eq!(status, 201, "{b}");
        }
        let (status, err) = app.post(&p.token, "/api/bookings", json!({"clientId": p.client, "coachingPackageId": p.package, "date": "2031-03-13", "startTime": "09:00"})).await;
        assert_eq!(status, 422);
        assert_eq!(err["error"]["fields"][0]["field"], "coachingPackageId");
        assert!(err["error"]["fields"][0]["message"].as_str().unwrap().contains("No credits left"), "{err}");
        // Without the package the same client can still be booked.
        let (status, _) = app.post(&p.token, "/api/bookings", json!({"clientId": p.client, "sessionTypeId": p.coaching, "date": "2031-03-13", "startTime": "09:00"})).await;
        assert_eq!(status, 201);
    }
}

db_test! {
    async fn bad_references_get_clear_errors_and_book_nothing(db) {
        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        let bo = app.other_coach_token().await;
        let bo_package = app.create(&bo, "/api/coaching/packages", json!({"name": "Bo's five", "sessionCount": 5, "sessionMinutes": 60})).await["id"].as_i64().unwrap();
        let other = app.create(&p.token, "/api/coaching/clients", json!({"name": "Ola Nowak", "email": "ola@example.com"})).await["id"].as_i64().unwrap();
        let cases = [
            (json!({"clientId": 999_999, "sessionTypeId": p.coaching, "date": "2031-03-10", "startTime": "09:00"}), "clientId"),
            (json!({"clientId": p.client, "coachingPackageId": bo_package, "date": "2031-03-10", "startTime": "09:00"}), "coachingPackageId"),
            (json!({"clientId": other, "coachingPackageId": p.package, "date": "2031-03-10", "startTime": "09:00"}), "coachingPackageId"),
            (json!({"coachingPackageId": p.package, "name": "X", "email": "x@example.com", "date": "2031-03-10", "startTime": "09:00"}), "clientId"),
            (json!({"clientId": p.client, "sessionTypeId": p.coaching, "date": "2031-03-10", "startTime": "11:00", "endTime": "10:00"}), "endTime"),
            (json!({"applicationId": 424_242, "date": "2031-03-10", "startTime": "09:00"}), "applicationId"),
            (json!({"name": "Y", "email": "y@example.com", "date": "2031-03-10", "startTime": "09:00"}), "sessionTypeId"),
        ];
        for (body, field) in cases {
            let (status, err) = app.post(&p.token, "/api/bookings", body.clone()).await;
            assert_eq!(status, 422, "{body} -> {err}");
            assert_eq!(err["error"]["fields"][0]["field"], field, "{body} -> {err}");
        }
        // Another coach cannot book my client.
        let (status, err) = app.post(&bo, "/api/bookings", json!({"clientId": p.client, "name": "", "date": "2031-03-10", "startTime": "09:00"})).await;
        assert_eq!(status, 422);
        assert!(err.to_string().contains("No such client"), "{err}");
        assert!(!err.to_string().contains("Noor"), "nothing about my client leaks: {err}");

        let (_, first) = app.post(&p.token, "/api/bookings", json!({"clientId": p.client, "sessionTypeId": p.coaching, "date": "2031-03-10", "startTime": "09:00"})).await;
        let (status, clash) = app.post(&p.token, "/api/bookings", json!({"clientId": other, "sessionTypeId": p.coaching, "date": "2031-03-10", "startTime": "09:30"})).await;
        assert_eq!((status, error_code(&clash)), (409, "conflict"), "{first} {clash}");
        assert_eq!(app.count("bookings").await, 1);
        assert_eq!(credits_left(&app, &p).await, 3, "refused bookings hold no credit");
    }
}

db_test! {
    async fn a_discovery_call_becomes_the_promoted_clients_booking(db) {
        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        let application = app.create(&p.token, "/api/coaching/applications", json!({"name": "Kai Lindqvist", "email": "kai@example.com", "goals": "Lead my team"})).await;
        let id = application["id"].as_i64().unwrap();

        let (status, call) = app.post(&p.token, "/api/bookings", json!({"applicationId": id, "date": "2031-03-10", "startTime": "15:00"})).await;
        assert_eq!(status, 201, "{call}");
        assert_eq!((call["name"].as_str(), call["sessionTypeId"].as_i64()), (Some("Kai Lindqvist"), Some(p.discovery)), "the discovery type");
        assert_eq!(call["end"], "2031-03-10T15:20:00+00:00");
        let (_, a) = app.get(&p.token, &format!("/api/coaching/applications/{id}")).await;
        assert_eq!((a["bookingId"].as_i64(), a["status"].as_str()), (call["id"].as_i64(), Some("discovery_scheduled")), "{a}");

        let (status, promoted) = app.post(&p.token, &format!("/api/coaching/applications/{id}/promote"), json!({"packageId": p.package})).await;
        assert_eq!(status, 200, "{promoted}");
        let client_id = promoted["clientId"].as_i64().unwrap();
        let (_, booking) = app.get(&p.token, &format!("/api/bookings/{}", call["id"])).await;
        assert_eq!(booking["clientId"].as_i64(), Some(client_id), "the discovery call is now the client's");
        let (_, twice) = app.post(&p.token, &format!("/api/coaching/applications/{id}/promote"), json!({"packageId": p.package})).await;
        assert_eq!(twice["clientId"].as_i64(), Some(client_id), "promoting twice makes no second client: {twice}");
    }
}

db_test! {
    async fn updating_an_application_with_a_discovery_call_books_it_once_and_then_moves_it(db) {
        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        let a = app.create(&p.token, "/api/coaching/applications", json!({"name": "Lea Roux", "email": "lea@example.com"})).await;
        let path = format!("/api/coaching/applications/{}", a["id"]);
        let put = |body: Value| app.put(&p.token, &path, body);

        let (status, first) = put(json!({"discoveryCall": {"date": "2031-03-10", "startTime": "11:00"}})).await;
        assert_eq!(status, 200, "{first}");
        assert_eq!(first["status"], "discovery_scheduled");
        let booking_id = first["bookingId"].as_i64().expect("the application keeps its booking");

        let (status, moved) = put(json!({"discoveryCall": {"date": "2031-03-11", "startTime": "16:00"}})).await;
        assert_eq!(status, 200, "{moved}");
        assert_eq!(moved["bookingId"].as_i64(), Some(booking_id), "rescheduling moves the same booking");
        let (_, b) = app.get(&p.token, &format!("/api/bookings/{booking_id}")).await;
        assert_eq!(b["start"], "2031-03-11T16:00:00+00:00");
        assert_eq!(app.count("bookings").await, 1);

        // A colliding time is refused and changes nothing.
        app.post(&p.token, "/api/bookings", json!({"clientId": p.client, "sessionTypeId": p.coaching, "date": "2031-03-12", "startTime": "10:00"})).await;
        let (status, err) = put(json!({"name": "Lea R.", "discoveryCall": {"date": "2031-03-12", "startTime": "10:30"}})).await;
        assert_eq!((status, error_code(&err)), (409, "conflict"), "{err}");
        let (_, kept) = app.get(&p.token, &path).await;
        assert_eq!(kept["name"], "Lea Roux");
        let (status, err) = put(json!({"discoveryCall": {"date": "someday", "startTime": "10:30"}})).await;
        assert_eq!((status, err["error"]["fields"][0]["field"].as_str()), (422, Some("date")));
    }
}

db_test! {
    async fn the_client_and_application_pages_open_the_booking_modal_pre_filled(db) {
        let app = TestApp::serve(db).await;
        let p = practice(&app).await;
        let a = app.create(&p.token, "/api/coaching/applications", json!({"name": "Ines Moreau", "email": "ines@example.com"})).await;
        let browser = app.client();
        let res = app.login(&browser, COACH_EMAIL, PASSWORD).await;
        assert_eq!(res.status(), 303);
        let page = |path: String| {
            let browser = browser.clone();
            let url = app.url(&path);
            async move { browser.get(url).send().await.unwrap().text().await.unwrap() }
        };
        let sessions = page(format!("/admin/clients/{}?tab=sessions", p.client)).await;
        assert!(sessions.contains("data-book-session"), "a Book session opener");
        assert!(sessions.contains(&format!("data-client-id=\"{}\"", p.client)) && sessions.contains(&format!("data-package-id=\"{}\"", p.package)), "pre-filled with the client and their package");
        assert!(sessions.contains("<dialog"), "the modal is on the page");
        let applications = page("/admin/applications".into()).await;
        assert!(applications.contains(&format!("data-application-id=\"{}\"", a["id"])) && applications.contains("data-kind=\"discovery\""), "Schedule discovery call opens the modal for the applicant");
        let fallback = page(format!("/admin/bookings/new?applicationId={}&name=Ines+Moreau&email=ines%40example.com", a["id"])).await;
        assert!(fallback.contains(&format!("name=\"applicationId\" value=\"{}\"", a["id"])), "without JavaScript the form keeps the application");
    }
}

db_test! {
    async fn a_booking_s_notes_and_meeting_link_can_be_changed_by_its_coach_only(db) {
        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        let (_, b) = app.post(&p.token, "/api/bookings", json!({"clientId": p.client, "sessionTypeId": p.coaching, "date": "2031-03-10", "startTime": "09:00"})).await;
        let path = format!("/api/bookings/{}", b["id"]);
        let (status, changed) = app.put(&p.token, &path, json!({"meetingUrl": "https://meet.example.com/noor", "notes": "Bring the 360 feedback"})).await;
        assert_eq!(status, 200, "{changed}");
        assert_eq!((changed["meetingUrl"].as_str(), changed["notes"].as_str()), (Some("https://meet.example.com/noor"), Some("Bring the 360 feedback")));
        assert_eq!(changed["start"], b["start"], "the time does not move");
        let (status, err) = app.put(&p.token, &path, json!({"meetingUrl": "javascript:alert(1)"})).await;
        assert_eq!((status, err["error"]["fields"][0]["field"].as_str()), (422, Some("meetingUrl")));
        let bo = app.other_coach_token().await;
        let (status, _) = app.put(&bo, &path, json!({"notes": "mine now"})).await;
        assert_eq!(status, 404);
        let (_, kept) = app.get(&p.token, &path).await;
        assert_eq!((kept["notes"].as_str(), kept["meetingUrl"].as_str()), (Some("Bring the 360 feedback"), Some("https://meet.example.com/noor")));
    }
}

/// Enrols the practice's client in a 30-day package starting on 2027-01-01: its credits can be
/// used for sessions before 2027-01-31. Answers the package id.
async fn thirty_day_package(app: &TestApp, p: &Practice) -> i64 {
    let package = app.create(&p.token, "/api/coaching/packages", json!({
        "name": "Thirty days", "sessionTypeId": p.coaching, "sessionCount": 4, "sessionMinutes": 60, "validityDays": 30
    })).await["id"].as_i64().unwrap();
    let enrolment = app
        .create(
            &p.token,
            &format!("/api/coaching/clients/{}/enrolments", p.client),
            json!({"packageId": package, "startsOn": "2027-01-01"}),
        )
        .await;
    assert_eq!(enrolment["expiresOn"], "2027-01-31", "{enrolment}");
    package
}

db_test! {
    async fn the_expiry_date_is_the_first_day_a_credit_cannot_be_used_when_booking_or_rescheduling(db) {
        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        let package = thirty_day_package(&app, &p).await;
        let book = |date: &str| json!({"clientId": p.client, "coachingPackageId": package, "date": date, "startTime": "10:00"});
        let (status, err) = app.post(&p.token, "/api/bookings", book("2027-01-31")).await;
        assert_eq!((status, err["error"]["fields"][0]["field"].as_str()), (422, Some("coachingPackageId")), "on expiresOn itself: {err}");
        assert!(err["error"]["message"].as_str().unwrap().contains("before 2027-01-31"), "{err}");
        let (status, b) = app.post(&p.token, "/api/bookings", book("2027-01-30")).await;
        assert_eq!(status, 201, "the last valid day: {b}");

        // Moving it past the expiry is refused like booking there, and changes nothing.
        let path = format!("/api/bookings/{}/reschedule", b["id"]);
        let (status, err) = app.post(&p.token, &path, json!({"date": "2027-02-02", "startTime": "10:00"})).await;
        assert_eq!((status, error_code(&err)), (422, "invalid_input"), "{err}");
        assert!(err["error"]["message"].as_str().unwrap().contains("before 2027-01-31"), "{err}");
        let (_, kept) = app.get(&p.token, &format!("/api/bookings/{}", b["id"])).await;
        assert_eq!(kept["start"], "2027-01-30T10:00:00+00:00");
        let (status, moved) = app.post(&p.token, &path, json!({"date": "2027-01-29", "startTime": "10:00"})).await;
        assert_eq!(status, 200, "inside the validity it moves: {moved}");
    }
}

db_test! {
    async fn approving_a_pending_package_session_checks_the_credit_is_still_in_date(db) {
        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        let package = thirty_day_package(&app, &p).await;
        let (status, b) = app.post(&p.token, "/api/bookings", json!({"clientId": p.client, "coachingPackageId": package, "date": "2027-01-20", "startTime": "10:00"})).await;
        assert_eq!(status, 201, "{b}");
        // A request waiting for approval (clients make these), and the package shortened since.
        let pool = app.state.db().pool();
        sqlx::query("UPDATE bookings SET status = 'pending' WHERE id = $1").bind(b["id"].as_i64()).execute(pool).await.unwrap();
        sqlx::query("UPDATE enrolments SET expires_on = '2027-01-15'").execute(pool).await.unwrap();
        let (status, err) = app.post(&p.token, &format!("/api/bookings/{}/confirm", b["id"]), json!({})).await;
        assert_eq!((status, err["error"]["fields"][0]["field"].as_str()), (422, Some("coachingPackageId")), "{err}");
        let (_, still) = app.get(&p.token, &format!("/api/bookings/{}", b["id"])).await;
        assert_eq!(still["status"], "pending", "nothing changed");
    }
}

db_test! {
    async fn waiving_a_credit_that_is_only_held_says_it_is_held(db) {
        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        let (_, b) = app.post(&p.token, "/api/bookings", json!({"clientId": p.client, "coachingPackageId": p.package, "date": "2031-03-10", "startTime": "10:00"})).await;
        let (status, err) = app.post(&p.token, &format!("/api/bookings/{}/waive", b["id"]), json!({})).await;
        assert_eq!((status, error_code(&err)), (409, "conflict"), "{err}");
        let message = err["error"]["message"].as_str().unwrap();
        assert!(message.contains("held") && !message.contains("no-show or a held session"), "names the state it is in: {message}");
        let (_, plain) = app.post(&p.token, "/api/bookings", json!({"sessionTypeId": p.coaching, "name": "Jo", "email": "jo@example.com", "date": "2031-03-11", "startTime": "10:00"})).await;
        let (_, err) = app.post(&p.token, &format!("/api/bookings/{}/waive", plain["id"]), json!({})).await;
        assert!(err["error"]["message"].as_str().unwrap().contains("does not use a package credit"), "{err}");
    }
}

db_test! {
    async fn twenty_racing_updates_leave_an_application_one_live_discovery_call(db) {
        let app = std::sync::Arc::new(TestApp::new(db).await);
        let p = practice(&app).await;
        let a = app.create(&p.token, "/api/coaching/applications", json!({"name": "Lea Roux", "email": "lea@example.com"})).await;
        let path = format!("/api/coaching/applications/{}", a["id"]);
        let answers = at_once(20, |i| {
            let (app, token, path) = (app.clone(), p.token.clone(), path.clone());
            async move {
                // Distinct times half an hour apart: none collides with another.
                let at = format!("{:02}:{:02}", 8 + i / 2, (i % 2) * 30);
                let call = json!({"discoveryCall": {"date": "2031-03-10", "startTime": at}});
                app.put(&token, &path, call).await
            }
        })
        .await;
        for (status, body) in &answers {
            assert!(*status == 200 || *status == 409, "{status} {body}");
        }
        let live: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bookings WHERE application_id = $1 AND status IN ('pending', 'confirmed')")
            .bind(a["id"].as_i64()).fetch_one(app.state.db().pool()).await.unwrap();
        assert_eq!(live, 1, "one discovery call, moved by the later requests");
        assert_eq!(app.count("bookings").await, 1);
    }
}

db_test! {
    async fn twenty_racing_bookings_for_one_application_book_its_call_once(db) {
        let app = std::sync::Arc::new(TestApp::new(db).await);
        let p = practice(&app).await;
        let a = app.create(&p.token, "/api/coaching/applications", json!({"name": "Kai Lindqvist", "email": "kai@example.com"})).await;
        let id = a["id"].as_i64().unwrap();
        let answers = at_once(20, |i| {
            let (app, token) = (app.clone(), p.token.clone());
            async move {
                let at = format!("{:02}:{:02}", 8 + i / 2, (i % 2) * 30);
                app.post(&token, "/api/bookings", json!({"applicationId": id, "date": "2031-03-11", "startTime": at})).await
            }
        })
        .await;
        let created = answers.iter().filter(|(s, _)| *s == 201).count();
        let refused: Vec<&Value> = answers.iter().filter(|(s, _)| *s == 409).map(|(_, b)| b).collect();
        assert_eq!((created, refused.len()), (1, 19), "{answers:?}");
        assert!(refused.iter().all(|b| b["error"]["message"].as_str().unwrap().contains("already has a discovery call")), "{refused:?}");
        assert_eq!(app.count("bookings").await, 1);
    }
}
