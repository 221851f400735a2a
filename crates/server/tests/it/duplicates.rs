//! Doing the same thing twice (issue 11): enrolling a client again in a package they still have
//! asks first, on the page and through the API; several applications from one email are marked
//! for the coach (never for the applicant) and can be merged into the earliest; promoting asks
//! for a second, explicit yes on the page. Both databases.

use serde_json::{json, Value};

use crate::harness::{error_code, TestApp};

/// Ana's package of six 60-minute sessions valid for 90 days, and her client Maya Chen.
async fn package_and_client(app: &TestApp, token: &str) -> (i64, i64) {
    let package = app
        .create(
            token,
            "/api/coaching/packages",
            json!({"name": "Six sessions", "sessionCount": 6, "validityDays": 90}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let client = app
        .create(
            token,
            "/api/coaching/clients",
            json!({"name": "Maya Chen", "email": "maya@example.com"}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    (package, client)
}

db_test! {
    async fn enrolling_a_client_again_in_a_package_they_still_have_asks_first_on_the_page(db) {
        let app = TestApp::serve(db).await;
        let (browser, token) = app.signed_in_coach().await;
        let (package, client) = package_and_client(&app, &token).await;
        let page = format!("/admin/clients/{client}/enrolments");
        let form = [("packageId", package.to_string()), ("startsOn", String::new())];

        let res = app.post_form(&browser, &page, &form).await;
        assert_eq!(res.status(), 303, "the first enrolment needs no question");

        let res = app.post_form(&browser, &page, &form).await;
        assert_eq!(res.status(), 409);
        let html = res.text().await.unwrap();
        // Today is Mon 2 Nov 2026 in London; 90 days of validity end after Sat 30 Jan 2027.
        assert!(html.contains("Maya Chen already has this package (6 of 6 credits left, valid until Sat 30 Jan 2027). Enrol again anyway?"), "{html}");
        assert!(html.contains("name=\"confirmDuplicate\""), "{html}");
        assert!(html.contains(&format!("<option value=\"{package}\" selected>")), "the package chosen is kept");
        assert_eq!(app.count("enrolments").await, 1, "nothing was enrolled while asking");

        let confirmed = [("packageId", package.to_string()), ("startsOn", String::new()), ("confirmDuplicate", "yes".into())];
        let res = app.post_form(&browser, &page, &confirmed).await;
        assert_eq!(res.status(), 303, "with the box ticked it enrols again");
        assert_eq!(app.count("enrolments").await, 2);
    }
}

db_test! {
    async fn the_api_refuses_a_second_active_enrolment_unless_allowed(db) {
        let app = TestApp::new(db).await;
        let token = app.coach_token().await;
        let (package, client) = package_and_client(&app, &token).await;
        let path = format!("/api/coaching/clients/{client}/enrolments");

        let (status, first) = app.post(&token, &path, json!({"packageId": package})).await;
        assert_eq!(status, 201, "{first}");
        let (status, err) = app.post(&token, &path, json!({"packageId": package})).await;
        assert_eq!((status, error_code(&err)), (409, "already_enrolled"), "{err}");
        let message = err["error"]["message"].as_str().unwrap();
        assert!(message.contains("Maya Chen already has an active enrolment in Six sessions (6 of 6 credits left, valid until 2027-01-30)") && message.contains("\"allowDuplicate\": true"), "{message}");
        assert_eq!(app.count("enrolments").await, 1, "nothing was enrolled");

        let (status, again) = app.post(&token, &path, json!({"packageId": package, "allowDuplicate": true})).await;
        assert_eq!(status, 201, "{again}");
        assert_ne!(again["id"], first["id"]);

        // Another package is no duplicate; an expired enrolment does not count.
        let (_, other) = app.post(&token, "/api/coaching/packages", json!({"name": "Check-ins", "sessionCount": 2, "validityDays": 10})).await;
        let other = other["id"].as_i64().unwrap();
        assert_eq!(app.post(&token, &path, json!({"packageId": other})).await.0, 201);
        app.clock.advance(jiff::SignedDuration::from_hours(24 * 11));
        assert_eq!(app.post(&token, &path, json!({"packageId": other})).await.0, 201, "the first one has expired");

        let doc: Value = app.get(&token, "/api/openapi.json").await.1;
        let schema = &doc["components"]["schemas"]["NewEnrolmentRequest"]["properties"]["allowDuplicate"];
        assert_eq!(schema["type"], "boolean", "the field is in the OpenAPI document: {schema}");
    }
}

/// Ana's page address, from her account.
async fn slug(app: &TestApp, token: &str) -> String {
    let (_, me) = app.get(token, "/api/me").await;
    me["coach"]["slug"]
        .as_str()
        .or_else(|| me["slug"].as_str())
        .map(str::to_owned)
        .unwrap_or_else(|| panic!("no slug in {me}"))
}

db_test! {
    async fn several_applications_from_one_email_get_the_same_thanks_and_are_marked_for_the_coach(db) {
        let app = TestApp::serve(db).await;
        let (browser, token) = app.signed_in_coach().await;
        let slug = slug(&app, &token).await;
        let apply = format!("/c/{slug}/apply");

        // The same person applies twice (two days apart, the second time with the email in
        // capitals); a stranger once. Each is thanked alike: the public is never told.
        let mut answers = Vec::new();
        for (name, email, goals) in [
            ("Lena Ortiz", "lena@example.org", "Focus at work"),
            ("Lena Ortiz", "LENA@example.org", "Focus, and a new job"),
            ("Sam Roe", "sam@example.org", "Sleep better"),
        ] {
            let visitor = app.client();
            let res = app.post_form(&visitor, &apply, &[("name", name), ("email", email), ("goals", goals)]).await;
            let (status, to) = crate::harness::redirect(&res);
            let page = visitor.get(app.url(to)).send().await.unwrap();
            answers.push((status, to.to_owned(), page.status().as_u16(), page.text().await.unwrap()));
            app.clock.advance(jiff::SignedDuration::from_hours(48));
        }
        assert_eq!(answers[0], answers[1], "applying again is answered exactly as the first time");
        assert_eq!(answers[0], answers[2], "and as anyone else");
        assert!(!answers[1].3.contains("already"), "{}", answers[1].3);

        let (_, list) = app.get(&token, "/api/coaching/applications").await;
        let id_of = |goals: &str| list.as_array().unwrap().iter().find(|a| a["goals"] == goals).unwrap()["id"].as_i64().unwrap();
        let (first, second, sam) = (id_of("Focus at work"), id_of("Focus, and a new job"), id_of("Sleep better"));
        let html = browser.get(app.url("/admin/applications")).send().await.unwrap().text().await.unwrap();
        for id in [first, second] {
            assert!(html.contains(&format!("id=\"application-{id}-shared\">2 applications from this email<")), "{id}: {html}");
        }
        assert!(!html.contains(&format!("id=\"application-{sam}-shared\"")), "one application is not marked");
        // Only the later one offers to merge, as a two-step: the button opens the question.
        assert!(html.contains(&format!("<details class=\"confirm-menu\" id=\"merge-{second}\">")), "{html}");
        assert!(!html.contains(&format!("id=\"merge-{first}\"")) && !html.contains(&format!("id=\"merge-{sam}\"")));
        let merge_form = &html[html.find(&format!("id=\"merge-{second}\"")).unwrap()..];
        let merge_form = &merge_form[..merge_form.find("</details>").unwrap()];
        assert!(merge_form.contains("Merge into the earlier one") && merge_form.contains(">Yes, merge</button>"), "{merge_form}");
        assert!(merge_form.contains(&format!("action=\"/admin/applications/{second}/merge\"")));
    }
}

db_test! {
    async fn merging_keeps_the_earliest_with_the_later_answers_dated_and_removes_the_later(db) {
        let app = TestApp::serve(db).await;
        let (browser, token) = app.signed_in_coach().await;
        let new = |name: &'static str, email: &'static str, goals: &'static str, answer: &'static str| {
            let body = json!({"name": name, "email": email, "goals": goals, "answers": [{"question": "How did you hear of me?", "answer": answer}]});
            let (app, token) = (&app, &token);
            async move { app.create(token, "/api/coaching/applications", body).await["id"].as_i64().unwrap() }
        };
        let first = new("Lena Ortiz", "lena@example.org", "Focus at work", "A friend").await;
        app.clock.advance(jiff::SignedDuration::from_hours(72));
        let second = new("Lena O.", "lena@example.org", "A new job", "A podcast").await;
        let other = new("Sam Roe", "sam@example.org", "Sleep", "Search").await;

        // The earliest itself, and an application alone, have nothing to merge into.
        for id in [first, other] {
            let (status, err) = app.post(&token, &format!("/api/coaching/applications/{id}/merge"), json!(null)).await;
            assert_eq!((status, error_code(&err)), (409, "conflict"), "{err}");
            assert!(err["error"]["message"].as_str().unwrap().contains("earliest application from this email"), "{err}");
        }
        assert_eq!(app.post(&token, "/api/coaching/applications/424242/merge", json!(null)).await.0, 404);

        // Through the page: the form's second step posts; the list comes back with a notice.
        let res = app.post_form(&browser, &format!("/admin/applications/{second}/merge"), &[("back", "/admin/applications?status=new")]).await;
        assert_eq!(crate::harness::redirect(&res), (303, format!("/admin/applications?status=new#application-{first}").as_str()));
        let list = browser.get(app.url("/admin/applications")).send().await.unwrap().text().await.unwrap();
        assert!(list.contains("Merged into Lena Ortiz\u{2019}s application of Mon 2 Nov 2026"), "{list}");
        assert!(!list.contains("applications from this email"), "nothing is shared any more");

        let (_, kept) = app.get(&token, &format!("/api/coaching/applications/{first}")).await;
        assert_eq!((kept["name"].as_str(), kept["goals"].as_str(), kept["status"].as_str()), (Some("Lena Ortiz"), Some("Focus at work"), Some("new")));
        assert_eq!(kept["answers"], json!([
            {"question": "How did you hear of me?", "answer": "A friend"},
            {"question": "Name (applied again 2026-11-05)", "answer": "Lena O."},
            {"question": "Goals (applied again 2026-11-05)", "answer": "A new job"},
            {"question": "How did you hear of me? (applied again 2026-11-05)", "answer": "A podcast"},
        ]), "{kept}");
        assert_eq!(app.get(&token, &format!("/api/coaching/applications/{second}")).await.0, 404, "the later one is gone");
        assert_eq!(app.count("applications").await, 2);
    }
}

db_test! {
    async fn merging_carries_the_later_discovery_call_and_refuses_two_calls_or_a_promoted_one(db) {
        let app = TestApp::new(db).await;
        let token = app.coach_token().await;
        app.session_type(&token, json!({"name": "Discovery", "kind": "discovery", "durationMinutes": 30})).await;
        app.open_every_day(&token, "08:00", "18:00").await;
        let new = |email: &'static str| {
            let (app, token) = (&app, &token);
            async move { app.create(token, "/api/coaching/applications", json!({"name": "Noor Haddad", "email": email})).await["id"].as_i64().unwrap() }
        };
        let call = |id: i64, day: &'static str| {
            let (app, token) = (&app, &token);
            async move {
                let (status, a) = app.put(token, &format!("/api/coaching/applications/{id}"), json!({"discoveryCall": {"date": day, "startTime": "10:00"}})).await;
                assert_eq!(status, 200, "{a}");
                a["bookingId"].as_i64().unwrap()
            }
        };

        // The later one has the only call: the kept one takes it over.
        let (first, second) = (new("noor@example.com").await, new("noor@example.com").await);
        let booking = call(second, "2026-11-10").await;
        let (status, kept) = app.post(&token, &format!("/api/coaching/applications/{second}/merge"), json!(null)).await;
        assert_eq!(status, 200, "{kept}");
        assert_eq!((kept["id"].as_i64(), kept["bookingId"].as_i64(), kept["status"].as_str()), (Some(first), Some(booking), Some("discovery_scheduled")), "{kept}");
        let linked: Option<i64> = sqlx::query_scalar("SELECT application_id FROM bookings WHERE id = $1").bind(booking).fetch_one(app.state.db().pool()).await.unwrap();
        assert_eq!(linked, Some(first), "the booking points at the application kept");

        // Both with a call: refused, nothing changed.
        let third = new("noor@example.com").await;
        call(third, "2026-11-11").await;
        let (status, err) = app.post(&token, &format!("/api/coaching/applications/{third}/merge"), json!(null)).await;
        assert_eq!(status, 409, "{err}");
        assert!(err["error"]["message"].as_str().unwrap().contains("Both applications have a discovery call booked"), "{err}");
        assert_eq!(app.count("applications").await, 2);

        // A promoted application is final.
        let (a, b) = (new("kai@example.com").await, new("kai@example.com").await);
        assert_eq!(app.post(&token, &format!("/api/coaching/applications/{a}/promote"), json!({})).await.0, 200);
        let (status, err) = app.post(&token, &format!("/api/coaching/applications/{b}/merge"), json!(null)).await;
        assert_eq!(status, 409, "{err}");
        assert!(err["error"]["message"].as_str().unwrap().contains("promoted application is final"), "{err}");
        assert_eq!(app.count("applications").await, 4, "nothing was removed");
    }
}

db_test! {
    async fn promoting_on_the_page_asks_for_a_second_explicit_yes(db) {
        let app = TestApp::serve(db).await;
        let (browser, token) = app.signed_in_coach().await;
        let id = app.create(&token, "/api/coaching/applications", json!({"name": "Ines Duarte", "email": "ines@example.com"})).await["id"].as_i64().unwrap();

        let html = browser.get(app.url("/admin/applications")).send().await.unwrap().text().await.unwrap();
        let start = html.find(&format!("<details class=\"confirm-menu\" id=\"promote-{id}\">")).unwrap_or_else(|| panic!("no two-step promote: {html}"));
        let step = &html[start..];
        let step = &step[..step.find("</details>").unwrap()];
        // First step: a summary that only opens the question; the form with the real button is
        // inside it, so one click never promotes.
        let summary = step.find("<summary").unwrap();
        let form = step.find(&format!("<form class=\"confirm-form\" method=\"post\" action=\"/admin/applications/{id}/promote\">")).unwrap();
        assert!(summary < form && step[summary..form].contains("Promote to client…"), "{step}");
        assert!(step[form..].contains("It cannot be undone.") && step[form..].contains(">Yes, promote Ines Duarte</button>"), "{step}");
        assert_eq!(html.matches(&format!("action=\"/admin/applications/{id}/promote\"")).count(), 1, "no other way to promote on the page");

        // Scripts (and the form's second step) post directly, as before.
        let res = app.post_form(&browser, &format!("/admin/applications/{id}/promote"), &[("packageId", ""), ("back", "/admin/applications")]).await;
        assert_eq!(res.status(), 303);
        assert!(res.headers()["location"].to_str().unwrap().starts_with("/admin/clients/"));
    }
}
