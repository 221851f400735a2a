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
