//! Session templates on both databases: CRUD under `/api/session-templates` (defaults from the
//! type, each bad field named, names unique per coach, another coach's ids 404), and what a
//! template fills in when a session or booking names it (explicit fields win), including a
//! client-specific price that only the coach sees.

use serde_json::{json, Value};

use crate::harness::{error_code, TestApp};

struct Ana {
    token: String,
    coaching: i64,
    yoga: i64,
    client: i64,
}

/// Ana with "Coaching" (60 min, EUR 80), a "Yoga" group of 5, hours 08:00–20:00, and a client.
async fn ana(app: &TestApp) -> Ana {
    let token = app.coach_token().await;
    let coaching = app
        .session_type(
            &token,
            json!({"name": "Coaching", "durationMinutes": 60, "priceCents": 8000}),
        )
        .await;
    let yoga = app
        .session_type(
            &token,
            json!({"name": "Yoga", "kind": "group", "capacity": 5, "durationMinutes": 60}),
        )
        .await;
    app.open_every_day(&token, "08:00", "20:00").await;
    let client = app
        .create(
            &token,
            "/api/coaching/clients",
            json!({"name": "Maya Ortiz", "email": "maya@example.com"}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    Ana {
        token,
        coaching,
        yoga,
        client,
    }
}

fn field_names(body: &Value) -> Vec<&str> {
    assert_eq!(error_code(body), "invalid_input", "{body}");
    let mut names: Vec<&str> = body["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| f["field"].as_str().expect("a field name"))
        .collect();
    names.sort_unstable();
    names
}

db_test! {
    async fn templates_are_created_read_listed_replaced_and_deleted(db) {
        let app = TestApp::new(db).await;
        let a = ana(&app).await;
        let (status, t) = app
            .post(&a.token, "/api/session-templates", json!({"name": "Quick check-in", "sessionTypeId": a.coaching}))
            .await;
        assert_eq!(status, 201, "{t}");
        assert_eq!((t["durationMinutes"].as_i64(), t["capacity"].as_i64()), (Some(60), Some(1)), "the type's");
        assert_eq!((t["currency"].as_str(), t["sessionTypeName"].as_str()), (Some("EUR"), Some("Coaching")));
        assert_eq!((t["meetingUrl"].as_str(), t["notes"].as_str()), (Some(""), Some("")));
        assert_eq!((t["clientId"].clone(), t["clientSpecificPriceCents"].clone()), (Value::Null, Value::Null));
        assert_eq!(t["createdAt"], "2026-11-02T09:00:00+00:00");
        let id = t["id"].as_i64().unwrap();

        let (status, maya) = app
            .post(&a.token, "/api/session-templates", json!({
                "name": "Maya's deep dive", "sessionTypeId": a.coaching, "durationMinutes": 90,
                "meetingUrl": "https://meet.example.com/maya", "notes": "Review the plan",
                "clientId": a.client, "clientSpecificPriceCents": 6500, "currency": "gbp"
            }))
            .await;
        assert_eq!(status, 201, "{maya}");
        assert_eq!((maya["clientName"].as_str(), maya["clientSpecificPriceCents"].as_i64()), (Some("Maya Ortiz"), Some(6500)));
        assert_eq!(maya["currency"], "GBP");

        let (status, list) = app.get(&a.token, "/api/session-templates").await;
        assert_eq!(status, 200);
        let names: Vec<&str> = list.as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["Maya's deep dive", "Quick check-in"], "by name");

        app.clock.advance(jiff::SignedDuration::from_mins(5));
        let (status, put) = app
            .put(&a.token, &format!("/api/session-templates/{id}"), json!({"name": "Group yoga", "sessionTypeId": a.yoga, "capacity": 12}))
            .await;
        assert_eq!(status, 200, "{put}");
        assert_eq!((put["name"].as_str(), put["capacity"].as_i64()), (Some("Group yoga"), Some(12)));
        assert_eq!(put["updatedAt"], "2026-11-02T09:05:00+00:00");
        let (_, got) = app.get(&a.token, &format!("/api/session-templates/{id}")).await;
        assert_eq!(got, put);

        let (status, _) = app.delete(&a.token, &format!("/api/session-templates/{id}")).await;
        assert_eq!(status, 204);
        let (status, e) = app.get(&a.token, &format!("/api/session-templates/{id}")).await;
        assert_eq!((status, error_code(&e)), (404, "not_found"));
        let (status, _) = app.delete(&a.token, &format!("/api/session-templates/{id}")).await;
        assert_eq!(status, 404);
    }
}

db_test! {
    async fn bad_template_input_is_refused_naming_each_field_and_changes_nothing(db) {
        let app = TestApp::new(db).await;
        let a = ana(&app).await;
        let (status, e) = app
            .post(&a.token, "/api/session-templates", json!({
                "name": "", "sessionTypeId": 0, "durationMinutes": 1, "meetingUrl": "http://insecure.example.com",
                "clientSpecificPriceCents": -5, "currency": "EURO", "notes": "ok"
            }))
            .await;
        assert_eq!(status, 422, "{e}");
        assert_eq!(
            field_names(&e),
            ["clientId", "clientSpecificPriceCents", "currency", "durationMinutes", "meetingUrl", "name", "sessionTypeId"]
        );
        let (status, e) = app
            .post(&a.token, "/api/session-templates", json!({"name": "Pair", "sessionTypeId": a.coaching, "capacity": 2, "clientId": 999_999}))
            .await;
        assert_eq!((status, field_names(&e)), (422, vec!["capacity", "clientId"]));
        assert_eq!(app.count("session_templates").await, 0);

        let (status, _) = app.post(&a.token, "/api/session-templates", json!({"name": "Pair", "sessionTypeId": a.coaching})).await;
        assert_eq!(status, 201);
        let (status, e) = app.post(&a.token, "/api/session-templates", json!({"name": "Pair", "sessionTypeId": a.yoga})).await;
        assert_eq!((status, field_names(&e)), (422, vec!["name"]), "one name once per coach");
        let (status, e) = app.put(&a.token, "/api/session-templates/999999", json!({"name": "X", "sessionTypeId": a.yoga})).await;
        assert_eq!((status, error_code(&e)), (404, "not_found"));
        assert_eq!(app.count("session_templates").await, 1);
    }
}

db_test! {
    async fn another_coachs_templates_answer_like_missing_ones_and_cannot_be_used(db) {
        let app = TestApp::new(db).await;
        let a = ana(&app).await;
        let t = app
            .create(&a.token, "/api/session-templates", json!({"name": "Mine", "sessionTypeId": a.coaching, "clientId": a.client, "clientSpecificPriceCents": 100}))
            .await;
        let id = t["id"].as_i64().unwrap();
        let bo = app.other_coach_token().await;
        let bo_type = app.session_type(&bo, json!({"name": "Bo's session"})).await;
        app.open_every_day(&bo, "08:00", "20:00").await;
        let (status, _) = app.get(&bo, &format!("/api/session-templates/{id}")).await;
        assert_eq!(status, 404);
        let (status, _) = app.put(&bo, &format!("/api/session-templates/{id}"), json!({"name": "Taken", "sessionTypeId": bo_type})).await;
        assert_eq!(status, 404);
        let (status, _) = app.delete(&bo, &format!("/api/session-templates/{id}")).await;
        assert_eq!(status, 404);
        let (_, list) = app.get(&bo, "/api/session-templates").await;
        assert_eq!(list, json!([]));
        // Naming it when booking or making a session is a field error, like any unknown id.
        let (status, e) = app
            .post(&bo, "/api/sessions", json!({"templateId": id, "start": "2026-11-10T10:00:00Z"}))
            .await;
        assert_eq!((status, field_names(&e)), (422, vec!["templateId"]));
        let (status, e) = app
            .post(&bo, "/api/bookings", json!({"templateId": id, "sessionTypeId": bo_type, "name": "Kim", "email": "kim@example.com", "start": "2026-11-10T10:00:00Z"}))
            .await;
        assert_eq!((status, field_names(&e)), (422, vec!["templateId"]));
        // Bo's own templates cannot name Ana's types or clients.
        let (status, e) = app
            .post(&bo, "/api/session-templates", json!({"name": "Sneaky", "sessionTypeId": a.coaching, "clientId": a.client}))
            .await;
        assert_eq!((status, field_names(&e)), (422, vec!["clientId", "sessionTypeId"]));
        let (_, still) = app.get(&a.token, &format!("/api/session-templates/{id}")).await;
        assert_eq!(still, t);
    }
}

db_test! {
    async fn a_template_fills_a_new_session_and_explicit_fields_win(db) {
        let app = TestApp::new(db).await;
        let a = ana(&app).await;
        let t = app
            .create(&a.token, "/api/session-templates", json!({
                "name": "Long yoga", "sessionTypeId": a.yoga, "durationMinutes": 90, "capacity": 9,
                "meetingUrl": "https://meet.example.com/yoga", "notes": "Bring a mat"
            }))
            .await;
        let (status, s) = app
            .post(&a.token, "/api/sessions", json!({"templateId": t["id"], "start": "2026-11-10T10:00:00Z"}))
            .await;
        assert_eq!(status, 201, "{s}");
        assert_eq!((s["sessionTypeId"].as_i64(), s["end"].as_str()), (Some(a.yoga), Some("2026-11-10T11:30:00+00:00")));
        assert_eq!((s["capacity"].as_i64(), s["notes"].as_str()), (Some(9), Some("Bring a mat")));
        assert_eq!(s["meetingUrl"], "https://meet.example.com/yoga");

        let (status, s) = app
            .post(&a.token, "/api/sessions", json!({
                "templateId": t["id"], "start": "2026-11-11T10:00:00Z", "capacity": 3, "durationMinutes": 45,
                "notes": "Outdoors", "meetingUrl": "https://meet.example.com/park"
            }))
            .await;
        assert_eq!(status, 201, "{s}");
        assert_eq!((s["capacity"].as_i64(), s["end"].as_str()), (Some(3), Some("2026-11-11T10:45:00+00:00")));
        assert_eq!((s["notes"].as_str(), s["meetingUrl"].as_str()), (Some("Outdoors"), Some("https://meet.example.com/park")));
        // An explicit end wins over every length.
        let (status, s) = app
            .post(&a.token, "/api/sessions", json!({"templateId": t["id"], "start": "2026-11-12T10:00:00Z", "end": "2026-11-12T10:20:00Z"}))
            .await;
        assert_eq!((status, s["end"].as_str()), (201, Some("2026-11-12T10:20:00+00:00")), "{s}");
    }
}

db_test! {
    async fn a_template_fills_a_booking_with_its_client_and_their_price_only_the_coach_sees(db) {
        let app = TestApp::new(db).await;
        let a = ana(&app).await;
        let t = app
            .create(&a.token, "/api/session-templates", json!({
                "name": "Maya's deep dive", "sessionTypeId": a.coaching, "durationMinutes": 90,
                "meetingUrl": "https://meet.example.com/maya", "notes": "Review the plan",
                "clientId": a.client, "clientSpecificPriceCents": 6500
            }))
            .await;
        let (status, b) = app
            .post(&a.token, "/api/bookings", json!({"templateId": t["id"], "date": "2026-11-10", "startTime": "10:00"}))
            .await;
        assert_eq!(status, 201, "{b}");
        assert_eq!((b["name"].as_str(), b["clientId"].as_i64()), (Some("Maya Ortiz"), Some(a.client)));
        assert_eq!((b["sessionTypeId"].as_i64(), b["end"].as_str()), (Some(a.coaching), Some("2026-11-10T11:30:00+00:00")));
        assert_eq!((b["meetingUrl"].as_str(), b["notes"].as_str()), (Some("https://meet.example.com/maya"), Some("Review the plan")));
        let (_, s) = app.get(&a.token, &format!("/api/sessions/{}", b["sessionId"])).await;
        let p = &s["participants"][0];
        assert_eq!((p["priceCents"].as_i64(), p["currency"].as_str()), (Some(6500), Some("EUR")));

        // Someone else named explicitly: the template's client and price do not apply.
        let (status, other) = app
            .post(&a.token, "/api/bookings", json!({"templateId": t["id"], "name": "Sam Lee", "email": "sam@example.com",
                "date": "2026-11-11", "startTime": "10:00", "notes": "First call", "meetingUrl": "https://meet.example.com/sam"}))
            .await;
        assert_eq!(status, 201, "{other}");
        assert_eq!((other["clientId"].clone(), other["name"].as_str()), (Value::Null, Some("Sam Lee")));
        assert_eq!((other["notes"].as_str(), other["meetingUrl"].as_str()), (Some("First call"), Some("https://meet.example.com/sam")));
        let (_, s) = app.get(&a.token, &format!("/api/sessions/{}", other["sessionId"])).await;
        assert_eq!(s["participants"][0]["priceCents"], Value::Null);

        // A group template sets the new session's capacity.
        let g = app
            .create(&a.token, "/api/session-templates", json!({"name": "Small yoga", "sessionTypeId": a.yoga, "capacity": 3}))
            .await;
        let (status, gb) = app
            .post(&a.token, "/api/bookings", json!({"templateId": g["id"], "name": "Ola Berg", "email": "ola@example.com", "start": "2026-11-12T15:00:00Z"}))
            .await;
        assert_eq!(status, 201, "{gb}");
        let (_, s) = app.get(&a.token, &format!("/api/sessions/{}", gb["sessionId"])).await;
        assert_eq!((s["capacity"].as_i64(), s["seatsLeft"].as_i64()), (Some(3), Some(2)));

        // The price is nowhere on the coach's public page.
        let (_, page) = app.get("", "/api/coaches/ana-ruiz").await;
        let (_, cal) = app.get("", "/api/coaches/ana-ruiz/calendar?from=2026-11-09&to=2026-11-16").await;
        for text in [page.to_string(), cal.to_string()] {
            assert!(!text.contains("6500") && !text.contains("65.00") && !text.contains("Maya"), "{text}");
        }
    }
}
