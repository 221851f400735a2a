//! The JSON API's edges: authentication, the error shape, hostile input, OpenAPI. In-process.

use axum::body::Body;
use axum::http::{Method, Request};
use serde_json::json;

use crate::harness::{error_code, Backend, TestApp, COACH_EMAIL};

db_test! {
    async fn api_me_answers_a_valid_token_and_refuses_others_with_401(db) {
        let app = TestApp::new(db).await;
        let token = app.coach_token().await;

        let (status, me) = app.get(&token, "/api/me").await;
        assert_eq!(status, 200);
        assert_eq!(me["email"], COACH_EMAIL);
        assert_eq!(me["role"], "coach");
        assert_eq!(me["timeZone"], "Europe/London");
        assert_eq!(me["coach"]["slug"], "ana-ruiz");
        assert!(me.get("passwordHash").is_none() && !me.to_string().contains("argon2"));

        let none = app.send(Method::GET, "/api/me").await;
        assert_eq!(none.status, 401);
        assert_eq!(error_code(&none.json()), "unauthorized");
        for bad in ["cb_wrong", "not-a-token", "", &format!("{token}x")] {
            let (status, body) = app.get(bad, "/api/me").await;
            assert_eq!(status, 401, "{bad:?}");
            assert_eq!(error_code(&body), "unauthorized");
        }
        let basic = app.request(Request::get("/api/me").header("authorization", "Basic YTpi").body(Body::empty()).unwrap()).await;
        assert_eq!(basic.status, 401);
    }
}

db_test! {
    async fn updating_me_reports_bad_fields_and_changes_nothing(db) {
        let app = TestApp::new(db).await;
        let token = app.coach_token().await;
        let patch = |body: String, content_type: &'static str| {
            let req = Request::patch("/api/me").header("authorization", format!("Bearer {token}")).header("content-type", content_type);
            app.request(req.body(Body::from(body)).unwrap())
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
            let res = patch(body.to_owned(), "application/json").await;
            assert_eq!(res.status, status, "{body}");
            assert_eq!(error_code(&res.json()), code, "{body}");
        }
        let res = patch(r#"{"name": "Ana", "email": "ana@example.com", "timeZone": "Nowhere/City"}"#.into(), "application/json").await;
        let json = res.json();
        assert_eq!(json["error"]["fields"][0]["field"], "timeZone");
        assert!(json["error"]["message"].as_str().unwrap().contains("Nowhere/City"));

        let wrong_type = patch("name=x".into(), "application/x-www-form-urlencoded").await;
        assert_eq!(wrong_type.status, 415);

        // In-process the whole body always arrives (over a socket the server may answer 413 and
        // close first), so both a 10 MB body and one just over the limit must get the answer.
        let huge = format!(r#"{{"name": "{}"}}"#, "x".repeat(10 * 1024 * 1024));
        assert_eq!(patch(huge, "application/json").await.status, 413);
        let over = format!(r#"{{"name": "{}"}}"#, "x".repeat(300 * 1024));
        let res = patch(over, "application/json").await;
        assert_eq!(res.status, 413);
        assert_eq!(error_code(&res.json()), "payload_too_large");

        let (_, me) = app.get(&token, "/api/me").await;
        assert_eq!(me["name"], "Ana Ruiz", "nothing changed");

        let (status, me) = app.patch(&token, "/api/me", json!({"name": "Ana R.", "email": "ANA@example.com", "timeZone": "Asia/Kolkata"})).await;
        assert_eq!(status, 200);
        assert_eq!(me["name"], "Ana R.");
        assert_eq!(me["email"], "ana@example.com");
        assert_eq!(me["timeZone"], "Asia/Kolkata");
    }
}

db_test! {
    async fn hostile_paths_and_methods_get_clear_errors_not_500(db) {
        let app = TestApp::new(db).await;
        let missing = app.send(Method::GET, "/api/nothing-here").await;
        assert_eq!(missing.status, 404);
        assert_eq!(error_code(&missing.json()), "not_found");
        let page = app.send(Method::GET, "/no/such/page").await;
        assert_eq!(page.status, 404);
        assert!(page.text().contains("There is no page at this address"));
        let method = app.send(Method::DELETE, "/api/me").await;
        assert_eq!(method.status, 405);
        assert_eq!(error_code(&method.json()), "method_not_allowed");
        // In-process the router gets `..` as written; an HTTP client would have sent /Cargo.toml.
        for path in ["/assets/x/../../Cargo.toml", "/Cargo.toml", "/assets/deadbeef/%00", "/login?next=//evil.example", "/c/%ff%fe"] {
            let res = app.send(Method::GET, path).await;
            assert!(res.status < 500, "{path}: {}", res.status);
        }
        let garbage_form = Request::post("/login").header("content-type", "application/x-www-form-urlencoded").body(Body::from("%%%&&&==")).unwrap();
        let garbage_form = app.request(garbage_form).await;
        assert!((400..500).contains(&garbage_form.status), "{}", garbage_form.status);
    }
}

#[tokio::test]
async fn the_openapi_document_describes_the_api_and_the_reference_page_links_it() {
    let app = TestApp::new(Backend::Sqlite).await;
    let res = app.send(Method::GET, "/api/openapi.json").await;
    assert_eq!(res.status, 200);
    let doc = res.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    assert!(
        doc["paths"]["/api/me"]["get"].is_object(),
        "{}",
        doc["paths"]
    );
    assert!(doc["paths"]["/api/me"]["patch"].is_object());
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    let page = app.send(Method::GET, "/api/docs").await.text();
    assert!(page.contains("href=\"/api/openapi.json\"") && page.contains("/api/me"));
}

#[tokio::test]
async fn health_and_readiness_answer() {
    let app = TestApp::new(Backend::Sqlite).await;
    assert_eq!(app.send(Method::GET, "/healthz").await.text(), "ok");
    assert_eq!(app.send(Method::GET, "/readyz").await.status, 200);
    app.state.db().close().await;
    assert_eq!(
        app.send(Method::GET, "/readyz").await.status,
        503,
        "a closed database is not ready"
    );
}

db_test! {
    async fn a_token_records_its_use_at_most_every_five_minutes_not_on_every_request(db) {
        let app = TestApp::new(db).await;
        let token = app.coach_token().await;
        let last_used = || async {
            sqlx::query_scalar::<_, Option<i64>>("SELECT last_used_at FROM api_tokens")
                .fetch_one(app.state.db().pool())
                .await
                .unwrap()
        };
        let t0 = crate::harness::clock_start().as_second();
        assert_eq!(app.get(&token, "/api/me").await.0, 200);
        assert_eq!(last_used().await, Some(t0), "the first use is recorded");
        // Within five minutes a request reads the token and writes nothing.
        app.clock.advance(jiff::SignedDuration::from_mins(4));
        assert_eq!(app.get(&token, "/api/me").await.0, 200);
        assert_eq!(last_used().await, Some(t0));
        app.clock.advance(jiff::SignedDuration::from_mins(2));
        assert_eq!(app.get(&token, "/api/me").await.0, 200);
        assert_eq!(last_used().await, Some(t0 + 6 * 60), "recorded again once it is older than five minutes");
    }
}
