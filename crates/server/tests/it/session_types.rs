//! Session types through the API and the page, on both databases; coaches see only their own.

use crate::harness::{error_code, TestApp, COACH_EMAIL};
use serde_json::{json, Value};

async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> (u16, Value) {
    let res = reqwest::Client::new()
        .post(app.url(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    (
        res.status().as_u16(),
        res.json().await.unwrap_or(Value::Null),
    )
}

db_test! {
    async fn a_coach_creates_edits_archives_and_restores_session_types(db) {
        let app = TestApp::spawn(db).await;
        app.setup_coach(&app.client()).await;
        let token = app.token_for(COACH_EMAIL).await;

        let (status, created) = post(&app, &token, "/api/session-types", json!({
            "name": "Coaching session", "durationMinutes": 60, "priceCents": 9000, "currency": "gbp",
            "bufferAfterMinutes": 15
        })).await;
        assert_eq!(status, 201, "{created}");
        assert_eq!(created["kind"], "one_on_one");
        assert_eq!(created["currency"], "GBP");
        assert_eq!(created["capacity"], 1);
        let id = created["id"].as_i64().unwrap();

        let (status, group) = post(&app, &token, "/api/session-types", json!({"name": "Circle", "kind": "group", "capacity": 8, "durationMinutes": 90})).await;
        assert_eq!(status, 201, "{group}");

        let res = reqwest::Client::new().put(app.url(&format!("/api/session-types/{id}"))).bearer_auth(&token)
            .json(&json!({"name": "Deep-dive session", "durationMinutes": 90, "currency": "GBP", "priceCents": 12000}))
            .send().await.unwrap();
        assert_eq!(res.status(), 200);
        let (status, archived) = post(&app, &token, &format!("/api/session-types/{id}/archive"), json!({})).await;
        assert_eq!((status, archived["archived"].as_bool()), (200, Some(true)));

        let (_, active) = app.get_json("/api/session-types", &token).await;
        assert_eq!(active.as_array().unwrap().len(), 1, "archived types are hidden by default");
        let (_, all) = app.get_json("/api/session-types?includeArchived=true", &token).await;
        assert_eq!(all.as_array().unwrap().len(), 2);
        let (status, restored) = post(&app, &token, &format!("/api/session-types/{id}/restore"), json!({})).await;
        assert_eq!((status, restored["name"].as_str()), (200, Some("Deep-dive session")));
    }
}

db_test! {
    async fn bad_session_types_are_refused_field_by_field(db) {
        let app = TestApp::spawn(db).await;
        app.setup_coach(&app.client()).await;
        let token = app.token_for(COACH_EMAIL).await;
        let cases = [
            (json!({"durationMinutes": 60}), "name"),
            (json!({"name": "x", "kind": "party"}), "kind"),
            (json!({"name": "x", "durationMinutes": 0}), "durationMinutes"),
            (json!({"name": "x", "durationMinutes": 100000}), "durationMinutes"),
            (json!({"name": "x", "capacity": 5}), "capacity"),
            (json!({"name": "x", "kind": "group", "capacity": 1}), "capacity"),
            (json!({"name": "x", "priceCents": -5}), "priceCents"),
            (json!({"name": "x", "currency": "euros"}), "currency"),
            (json!({"name": "x", "color": "red"}), "color"),
            (json!({"name": "x", "bufferBeforeMinutes": -1}), "bufferBeforeMinutes"),
        ];
        for (body, field) in cases {
            let (status, err) = post(&app, &token, "/api/session-types", body.clone()).await;
            assert_eq!(status, 422, "{body}");
            assert_eq!(error_code(&err), "invalid_input");
            assert_eq!(err["error"]["fields"][0]["field"], field, "{body} -> {err}");
        }
        let (status, err) = post(&app, &token, "/api/session-types", json!({"name": "x", "durationMinutes": "sixty"})).await;
        assert_eq!((status, error_code(&err)), (422, "invalid_input"));
        let (_, list) = app.get_json("/api/session-types?includeArchived=true", &token).await;
        assert_eq!(list, json!([]), "nothing was created");
        let (status, err) = app.get_json("/api/session-types/abc", &token).await;
        assert_eq!((status, error_code(&err)), (404, "not_found"));
    }
}

db_test! {
    async fn coaches_never_see_or_change_each_others_session_types(db) {
        let app = TestApp::spawn(db).await;
        app.setup_coach(&app.client()).await;
        app.create_coach("Bo Chen", "bo@example.com").await;
        let ana = app.token_for(COACH_EMAIL).await;
        let bo = app.token_for("bo@example.com").await;
        let (_, created) = post(&app, &ana, "/api/session-types", json!({"name": "Ana's session"})).await;
        let id = created["id"].as_i64().unwrap();

        let (_, list) = app.get_json("/api/session-types", &bo).await;
        assert_eq!(list, json!([]));
        let (status, _) = app.get_json(&format!("/api/session-types/{id}"), &bo).await;
        assert_eq!(status, 404);
        let res = reqwest::Client::new().put(app.url(&format!("/api/session-types/{id}"))).bearer_auth(&bo).json(&json!({"name": "Mine now"})).send().await.unwrap();
        assert_eq!(res.status(), 404);
        let (status, _) = post(&app, &bo, &format!("/api/session-types/{id}/archive"), json!({})).await;
        assert_eq!(status, 404);
        let (_, still) = app.get_json(&format!("/api/session-types/{id}"), &ana).await;
        assert_eq!((still["name"].as_str(), still["archived"].as_bool()), (Some("Ana's session"), Some(false)));

        // A plain user is no coach at all.
        coachbook::app::accounts::sign_up(app.state.db(), &coachbook::app::accounts::NewAccount {
            name: "Sam".into(), email: "sam@example.com".into(), password: crate::harness::PASSWORD.into(), time_zone: "UTC".into(), slug: None,
        }).await.unwrap();
        let sam = app.token_for("sam@example.com").await;
        let (status, err) = app.get_json("/api/session-types", &sam).await;
        assert_eq!((status, error_code(&err)), (403, "forbidden"));
    }
}

db_test! {
    async fn the_page_shows_field_errors_and_creates_a_type(db) {
        let app = TestApp::spawn(db).await;
        let client = app.client();
        app.setup_coach(&client).await;
        let empty = client.get(app.url("/admin/session-types")).send().await.unwrap().text().await.unwrap();
        assert!(empty.contains("No session types yet"));
        let bad = client.post(app.url("/admin/session-types")).header("origin", &app.base)
            .form(&[("name", ""), ("kind", "one_on_one"), ("durationMinutes", "sixty"), ("price", "12.345"), ("currency", "EUR"), ("capacity", "1"), ("bufferBeforeMinutes", "0"), ("bufferAfterMinutes", "0"), ("color", "#2f6f62")])
            .send().await.unwrap();
        assert_eq!(bad.status(), 422);
        let html = bad.text().await.unwrap();
        assert!(html.contains("id=\"durationMinutes-error\"") && html.contains("id=\"price-error\""), "{html}");
        let ok = client.post(app.url("/admin/session-types")).header("origin", &app.base)
            .form(&[("name", "Coaching session"), ("kind", "one_on_one"), ("durationMinutes", "60"), ("price", "80"), ("currency", "EUR"), ("capacity", "1"), ("bufferBeforeMinutes", "0"), ("bufferAfterMinutes", "10"), ("color", "#2f6f62"), ("requiresApproval", "on")])
            .send().await.unwrap();
        assert_eq!(ok.status(), 303);
        let list = client.get(app.url("/admin/session-types")).send().await.unwrap().text().await.unwrap();
        assert!(list.contains("Coaching session") && list.contains("EUR 80.00") && list.contains("Needs approval"));
    }
}
