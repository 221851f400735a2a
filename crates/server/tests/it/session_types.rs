//! Session types through the API (in-process) and the page, on both databases; coaches see only
//! their own.

use serde_json::json;

use crate::harness::{error_code, TestApp, PASSWORD};

db_test! {
    async fn a_coach_creates_edits_archives_and_restores_session_types(db) {
        let app = TestApp::new(db).await;
        let token = app.coach_token().await;

        let (status, created) = app.post(&token, "/api/session-types", json!({
            "name": "Coaching session", "durationMinutes": 60, "priceCents": 9000, "currency": "gbp",
            "bufferAfterMinutes": 15
        })).await;
        assert_eq!(status, 201, "{created}");
        assert_eq!(created["kind"], "one_on_one");
        assert_eq!(created["currency"], "GBP");
        assert_eq!(created["capacity"], 1);
        let id = created["id"].as_i64().unwrap();

        let (status, group) = app.post(&token, "/api/session-types", json!({"name": "Circle", "kind": "group", "capacity": 8, "durationMinutes": 90})).await;
        assert_eq!(status, 201, "{group}");

        let (status, _) = app.put(&token, &format!("/api/session-types/{id}"),
            json!({"name": "Deep-dive session", "durationMinutes": 90, "currency": "GBP", "priceCents": 12000})).await;
        assert_eq!(status, 200);
        let (status, archived) = app.post(&token, &format!("/api/session-types/{id}/archive"), json!({})).await;
        assert_eq!((status, archived["archived"].as_bool()), (200, Some(true)));

        let (_, active) = app.get(&token, "/api/session-types").await;
        assert_eq!(active.as_array().unwrap().len(), 1, "archived types are hidden by default");
        let (_, all) = app.get(&token, "/api/session-types?includeArchived=true").await;
        assert_eq!(all.as_array().unwrap().len(), 2);
        let (status, restored) = app.post(&token, &format!("/api/session-types/{id}/restore"), json!({})).await;
        assert_eq!((status, restored["name"].as_str()), (200, Some("Deep-dive session")));
    }
}

db_test! {
    async fn bad_session_types_are_refused_field_by_field(db) {
        let app = TestApp::new(db).await;
        let token = app.coach_token().await;
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
            let (status, err) = app.post(&token, "/api/session-types", body.clone()).await;
            assert_eq!(status, 422, "{body}");
            assert_eq!(error_code(&err), "invalid_input");
            assert_eq!(err["error"]["fields"][0]["field"], field, "{body} -> {err}");
        }
        let (status, err) = app.post(&token, "/api/session-types", json!({"name": "x", "durationMinutes": "sixty"})).await;
        assert_eq!((status, error_code(&err)), (422, "invalid_input"));
        let (_, list) = app.get(&token, "/api/session-types?includeArchived=true").await;
        assert_eq!(list, json!([]), "nothing was created");
        let (status, err) = app.get(&token, "/api/session-types/abc").await;
        assert_eq!((status, error_code(&err)), (404, "not_found"));
    }
}

db_test! {
    async fn coaches_never_see_or_change_each_others_session_types(db) {
        let app = TestApp::new(db).await;
        let ana = app.coach_token().await;
        let bo = app.other_coach_token().await;
        let (_, created) = app.post(&ana, "/api/session-types", json!({"name": "Ana's session"})).await;
        let id = created["id"].as_i64().unwrap();

        let (_, list) = app.get(&bo, "/api/session-types").await;
        assert_eq!(list, json!([]));
        let (status, _) = app.get(&bo, &format!("/api/session-types/{id}")).await;
        assert_eq!(status, 404);
        let (status, _) = app.put(&bo, &format!("/api/session-types/{id}"), json!({"name": "Mine now"})).await;
        assert_eq!(status, 404);
        let (status, _) = app.post(&bo, &format!("/api/session-types/{id}/archive"), json!({})).await;
        assert_eq!(status, 404);
        let (_, still) = app.get(&ana, &format!("/api/session-types/{id}")).await;
        assert_eq!((still["name"].as_str(), still["archived"].as_bool()), (Some("Ana's session"), Some(false)));

        // A plain user is no coach at all.
        coachbook::app::accounts::sign_up(app.state.ctx(), &coachbook::app::accounts::NewAccount {
            name: "Sam".into(), email: "sam@example.com".into(), password: PASSWORD.into(), time_zone: "UTC".into(), slug: None,
        }).await.unwrap();
        let sam = app.token_for("sam@example.com").await;
        let (status, err) = app.get(&sam, "/api/session-types").await;
        assert_eq!((status, error_code(&err)), (403, "forbidden"));
    }
}

db_test! {
    async fn the_page_shows_field_errors_and_creates_a_type(db) {
        let app = TestApp::serve(db).await;
        let client = app.client();
        app.setup_coach(&client).await;
        let empty = client.get(app.url("/admin/session-types")).send().await.unwrap().text().await.unwrap();
        assert!(empty.contains("No session types yet"));
        let bad = app.post_form(&client, "/admin/session-types", &[("name", ""), ("kind", "one_on_one"), ("durationMinutes", "sixty"), ("price", "1.2345"), ("currency", "EUR"), ("capacity", "1"), ("bufferBeforeMinutes", "0"), ("bufferAfterMinutes", "0"), ("color", "#2f6f62")]).await;
        assert_eq!(bad.status(), 422);
        let html = bad.text().await.unwrap();
        assert!(html.contains("id=\"durationMinutes-error\"") && html.contains("id=\"price-error\""), "{html}");
        let ok = app.post_form(&client, "/admin/session-types", &[("name", "Coaching session"), ("kind", "one_on_one"), ("durationMinutes", "60"), ("price", "80"), ("currency", "EUR"), ("capacity", "1"), ("bufferBeforeMinutes", "0"), ("bufferAfterMinutes", "10"), ("color", "#2f6f62"), ("requiresApproval", "on")]).await;
        assert_eq!(ok.status(), 303);
        let list = client.get(app.url("/admin/session-types")).send().await.unwrap().text().await.unwrap();
        assert!(list.contains("Coaching session") && list.contains("€80.00") && list.contains("Needs approval"));
    }
}
