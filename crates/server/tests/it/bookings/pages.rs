//! The Bookings page without JavaScript, on both databases: the /admin/bookings/new form books,
//! refuses bad input beside the field, names a collision, and the row actions change status.

use serde_json::json;

use crate::harness::TestApp;

db_test! {
    async fn the_booking_form_books_refuses_bad_input_and_names_collisions(db) {
        let app = TestApp::serve(db).await;
        let (client, token) = app.signed_in_coach().await;
        let type_id = app.session_type(&token, json!({"name": "Coaching", "durationMinutes": 60})).await.to_string();
        app.open_every_day(&token, "09:00", "17:00").await;

        let page = client.get(app.url("/admin/bookings")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("No upcoming bookings"), "empty state");
        let form = |name: &'static str, email: &'static str, start: &'static str| {
            vec![("sessionTypeId", type_id.clone()), ("date", "2027-03-08".into()), ("startTime", start.into()),
                 ("endTime", String::new()), ("name", name.into()), ("email", email.into()),
                 ("meetingUrl", "https://meet.example.com/ana".into()), ("notes", String::new())]
        };
        let post = |f: Vec<(&'static str, String)>| client.post(app.url("/admin/bookings")).header("origin", app.base()).form(&f).send();

        let bad = post(form("", "nobody", "10:00")).await.unwrap();
        assert_eq!(bad.status(), 422);
        let html = bad.text().await.unwrap();
        assert!(html.contains("id=\"name-error\"") && html.contains("id=\"email-error\""), "errors beside fields");
        assert!(html.contains("value=\"nobody\""), "what was typed is kept");

        let ok = post(form("Jo Client", "jo@example.com", "10:00")).await.unwrap();
        assert_eq!(ok.status(), 303);
        let list = client.get(app.url("/admin/bookings?when=all")).send().await.unwrap().text().await.unwrap();
        assert!(list.contains("Jo Client") && list.contains("10:00–11:00") && list.contains("https://meet.example.com/ana"), "{list}");

        let clash = post(form("Sam Other", "sam@example.com", "10:30")).await.unwrap();
        assert_eq!(clash.status(), 409);
        let html = clash.text().await.unwrap();
        assert!(html.contains("collides with another session"), "the collision is named");

        let outside = post(form("Sam Other", "sam@example.com", "18:00")).await.unwrap();
        assert_eq!(outside.status(), 409);
        let html = outside.text().await.unwrap();
        assert!(html.contains("outside your weekly hours") && html.contains("id=\"overrideAvailability\""), "the override is offered");
        let mut anyway = form("Sam Other", "sam@example.com", "18:00");
        anyway.push(("overrideAvailability", "on".into()));
        assert_eq!(post(anyway).await.unwrap().status(), 303);

        // Row actions: cancel with a reason; a nonsense action changes nothing.
        let (_, all) = app.get(&token, "/api/bookings").await;
        let jo = all.as_array().unwrap().iter().find(|b| b["name"] == "Jo Client").unwrap()["id"].clone();
        let act = |action: &'static str| client.post(app.url(&format!("/admin/bookings/{jo}/status"))).header("origin", app.base())
            .form(&[("action", action), ("reason", "Moved to next week"), ("next", "https://evil.example/")]).send();
        let weird = act("explode").await.unwrap();
        assert_eq!(weird.status(), 422);
        let done = act("cancel").await.unwrap();
        assert_eq!(done.status(), 303);
        assert_eq!(done.headers()["location"], "/admin/bookings", "never redirects off-site");
        let (_, b) = app.get(&token, &format!("/api/bookings/{jo}")).await;
        assert_eq!((b["status"].as_str(), b["cancelReason"].as_str()), (Some("cancelled"), Some("Moved to next week")));

        // Filters that make no sense are explained, not a failure.
        let res = client.get(app.url("/admin/bookings?status=maybe&from=garbage")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.text().await.unwrap().contains("unknown booking status"));
        let filtered = client.get(app.url("/admin/bookings?when=all&status=cancelled")).send().await.unwrap().text().await.unwrap();
        assert!(filtered.contains("Jo Client") && !filtered.contains("Sam Other"));
    }
}

db_test! {
    async fn only_the_coach_sees_the_bookings_page(db) {
        let app = TestApp::serve(db).await;
        app.setup_coach(&app.client()).await;
        let anonymous = app.client().get(app.url("/admin/bookings")).send().await.unwrap();
        assert_eq!(anonymous.status(), 303);
        let user = app.signed_up_user("Uma User", "uma@example.com").await;
        for path in ["/admin/bookings", "/admin/bookings/new"] {
            let res = user.get(app.url(path)).send().await.unwrap();
            assert_eq!(res.status(), 403, "{path}");
        }
        let res = user.post(app.url("/api/bookings/check")).header("origin", app.base()).json(&json!({})).send().await.unwrap();
        assert_eq!(res.status(), 403);
    }
}

db_test! {
    async fn without_javascript_book_session_from_a_clients_page_keeps_the_client_and_their_credit(db) {
        let app = TestApp::serve(db).await;
        let (browser, token) = app.signed_in_coach().await;
        let coaching = app.session_type(&token, json!({"name": "Coaching", "durationMinutes": 60})).await;
        app.open_every_day(&token, "09:00", "17:00").await;
        let package = app.create(&token, "/api/coaching/packages", json!({
            "name": "Three sessions", "sessionTypeId": coaching, "sessionCount": 3, "sessionMinutes": 45, "priceCents": 30000
        })).await["id"].as_i64().unwrap();
        let client = app.create(&token, "/api/coaching/clients", json!({"name": "Noor Haddad", "email": "noor@example.com"}))
            .await["id"].as_i64().unwrap();
        app.create(&token, &format!("/api/coaching/clients/{client}/enrolments"), json!({"packageId": package})).await;

        // The client's page links "Book session" to the form with the client and package named.
        let sessions = browser.get(app.url(&format!("/admin/clients/{client}?tab=sessions"))).send().await.unwrap().text().await.unwrap();
        let link = format!("href=\"/admin/bookings/new?clientId={client}&");
        assert!(sessions.contains(&link) && sessions.contains(&format!("packageId={package}\"")), "Book session links to the client and package");

        let form = browser.get(app.url(&format!("/admin/bookings/new?clientId={client}&packageId={package}"))).send().await.unwrap().text().await.unwrap();
        assert!(form.contains("Client: Noor Haddad (noor@example.com)"), "the client is named: {form}");
        assert!(form.contains(&format!("name=\"clientId\" value=\"{client}\"")), "the client travels with the form");
        assert!(form.contains(&format!("<option value=\"{package}\" selected>Three sessions — 3 left</option>")), "their package is chosen: {form}");

        // Sent without the name and email (the client's are used) and with a bad time first:
        // the page comes back still holding the client and the package.
        let post = |start: &'static str| browser.post(app.url("/admin/bookings")).header("origin", app.base()).form(&[
            ("sessionTypeId", coaching.to_string()), ("date", "2027-03-08".into()), ("startTime", start.into()), ("endTime", String::new()),
            ("name", String::new()), ("email", String::new()), ("clientId", client.to_string()),
            ("coachingPackageId", package.to_string()), ("meetingUrl", String::new()), ("notes", String::new()),
        ]).send();
        let bad = post("25:00").await.unwrap();
        assert_eq!(bad.status(), 422);
        let html = bad.text().await.unwrap();
        assert!(html.contains(&format!("name=\"clientId\" value=\"{client}\"")) && html.contains(&format!("<option value=\"{package}\" selected>")), "{html}");

        let ok = post("10:00").await.unwrap();
        assert_eq!(ok.status(), 303);
        let (_, all) = app.get(&token, "/api/bookings?from=2027-03-01T00:00:00Z&to=2027-03-31T00:00:00Z").await;
        let booked = &all.as_array().unwrap()[0];
        assert_eq!((booked["name"].as_str(), booked["clientId"].as_i64(), booked["coachingPackageId"].as_i64()),
            (Some("Noor Haddad"), Some(client), Some(package)), "{booked}");
        let (_, detail) = app.get(&token, &format!("/api/coaching/clients/{client}")).await;
        assert_eq!(detail["enrolments"][0]["creditsRemaining"], 2, "one credit is held: {detail}");
    }
}
