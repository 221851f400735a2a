//! The JSON API's edges: authentication, the error shape, hostile input, OpenAPI.

use crate::harness::{error_code, TestApp, COACH_EMAIL};
use serde_json::Value;

db_test! {
    async fn api_me_answers_a_valid_token_and_refuses_others_with_401(db) {
        let app = TestApp::spawn(db).await;
        app.setup_coach(&app.client()).await;
        let token = app.token_for(COACH_EMAIL).await;

        let (status, me) = app.get_json("/api/me", &token).await;
        assert_eq!(status, 200);
        assert_eq!(me["email"], COACH_EMAIL);
        assert_eq!(me["role"], "coach");
        assert_eq!(me["timeZone"], "Europe/London");
        assert_eq!(me["coach"]["slug"], "ana-ruiz");
        assert!(me.get("passwordHash").is_none() && !me.to_string().contains("argon2"));

        let http = reqwest::Client::new();
        let none = http.get(app.url("/api/me")).send().await.unwrap();
        assert_eq!(none.status(), 401);
        assert_eq!(error_code(&none.json().await.unwrap()), "unauthorized");
        for bad in ["cb_wrong", "not-a-token", "", &format!("{token}x")] {
            let (status, body) = app.get_json("/api/me", bad).await;
            assert_eq!(status, 401, "{bad:?}");
            assert_eq!(error_code(&body), "unauthorized");
        }
        let basic = http.get(app.url("/api/me")).header("authorization", "Basic YTpi").send().await.unwrap();
        assert_eq!(basic.status(), 401);
    }
}

db_test! {
    async fn updating_me_reports_bad_fields_and_changes_nothing(db) {
        let app = TestApp::spawn(db).await;
        app.setup_coach(&app.client()).await;
        let token = app.token_for(COACH_EMAIL).await;
        let http = reqwest::Client::new();
        let patch = |body: reqwest::Body, content_type: &'static str| {
            http.patch(app.url("/api/me")).bearer_auth(&token).header("content-type", content_type).body(body).send()
        };

        let cases: Vec<(&str, u16, &str)> = vec![
            ("{not json", 400, "malformed_json"),
            ("[1,2,3]", 422, "invalid_input"),
            (r#"{"name": 42}"#, 422, "invalid_input"),
            (r#"{"name": "Ana", "email": "nope", "timeZone": "Europe/London"}"#, 422, "invalid_input"),
            (r#"{"name": "Ana", "email": "ana@example.com", "timeZone": "Nowhere/City"}"#, 422, "invalid_input"),
            (r#"{}"#, 422, "invalid_input"),
            (r#"{"name": "Ana", "email": "ana@example.com", "timeZone": "UTC", "slug": "API"}"#, 422, "invalid_input"),
        ];
        for (body, status, code) in cases {
            let res = patch(body.to_owned().into(), "application/json").await.unwrap();
            assert_eq!(res.status().as_u16(), status, "{body}");
            let json: Value = res.json().await.unwrap();
            assert_eq!(error_code(&json), code, "{body}");
        }
        let res = patch(r#"{"name": "Ana", "email": "ana@example.com", "timeZone": "Nowhere/City"}"#.into(), "application/json").await.unwrap();
        let json: Value = res.json().await.unwrap();
        assert_eq!(json["error"]["fields"][0]["field"], "timeZone");
        assert!(json["error"]["message"].as_str().unwrap().contains("Nowhere/City"));

        let wrong_type = patch("name=x".into(), "application/x-www-form-urlencoded").await.unwrap();
        assert_eq!(wrong_type.status(), 415);

        // The server may answer 413 and close before a 10 MB upload finishes (a broken pipe for the
        // client); a body just over the limit always gets the answer.
        let huge = format!(r#"{{"name": "{}"}}"#, "x".repeat(10 * 1024 * 1024));
        if let Ok(res) = patch(huge.into(), "application/json").await {
            assert_eq!(res.status(), 413);
        }
        let over = format!(r#"{{"name": "{}"}}"#, "x".repeat(300 * 1024));
        let res = patch(over.into(), "application/json").await.unwrap();
        assert_eq!(res.status(), 413);
        assert_eq!(error_code(&res.json().await.unwrap()), "payload_too_large");

        let (_, me) = app.get_json("/api/me", &token).await;
        assert_eq!(me["name"], "Ana Ruiz", "nothing changed");

        let ok = patch(r#"{"name": "Ana R.", "email": "ANA@example.com", "timeZone": "Asia/Kolkata"}"#.into(), "application/json").await.unwrap();
        assert_eq!(ok.status(), 200);
        let me: Value = ok.json().await.unwrap();
        assert_eq!(me["name"], "Ana R.");
        assert_eq!(me["email"], "ana@example.com");
        assert_eq!(me["timeZone"], "Asia/Kolkata");
    }
}

db_test! {
    async fn hostile_paths_and_methods_get_clear_errors_not_500(db) {
        let app = TestApp::spawn(db).await;
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let missing = http.get(app.url("/api/nothing-here")).send().await.unwrap();
        assert_eq!(missing.status(), 404);
        assert_eq!(error_code(&missing.json().await.unwrap()), "not_found");
        let page = http.get(app.url("/no/such/page")).send().await.unwrap();
        assert_eq!(page.status(), 404);
        assert!(page.text().await.unwrap().contains("There is no page at this address"));
        let method = http.delete(app.url("/api/me")).send().await.unwrap();
        assert_eq!(method.status(), 405);
        assert_eq!(error_code(&method.json().await.unwrap()), "method_not_allowed");
        for path in ["/assets/x/../../Cargo.toml", "/assets/deadbeef/%00", "/login?next=//evil.example", "/c/%ff%fe"] {
            let res = http.get(app.url(path)).send().await.unwrap();
            assert!(res.status().as_u16() < 500, "{path}: {}", res.status());
        }
        let garbage_form = http.post(app.url("/login")).header("content-type", "application/x-www-form-urlencoded").body("%%%&&&==").send().await.unwrap();
        assert!(garbage_form.status().is_client_error(), "{}", garbage_form.status());
    }
}

#[tokio::test]
async fn the_openapi_document_describes_the_api_and_the_reference_page_links_it() {
    let app = TestApp::spawn(crate::harness::Backend::Sqlite).await;
    let res = reqwest::get(app.url("/api/openapi.json")).await.unwrap();
    assert_eq!(res.status(), 200);
    let doc: Value = res.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    assert!(
        doc["paths"]["/api/me"]["get"].is_object(),
        "{}",
        doc["paths"]
    );
    assert!(doc["paths"]["/api/me"]["patch"].is_object());
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    let page = reqwest::get(app.url("/api/docs"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("href=\"/api/openapi.json\"") && page.contains("/api/me"));
}

#[tokio::test]
async fn health_and_readiness_answer() {
    let app = TestApp::spawn(crate::harness::Backend::Sqlite).await;
    assert_eq!(
        reqwest::get(app.url("/healthz"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "ok"
    );
    assert_eq!(
        reqwest::get(app.url("/readyz")).await.unwrap().status(),
        200
    );
    app.state.db().close().await;
    assert_eq!(
        reqwest::get(app.url("/readyz")).await.unwrap().status(),
        503,
        "a closed database is not ready"
    );
}
