//! Tiered prices, client prices and bundle savings on both databases: tiers round-trip through
//! the session types API and are refused by field with nothing changed; a client's n-th booking
//! is priced by its tier and keeps that price; a client's own price wins and shows only to that
//! client and the coach; the public page shows the tiers and a bundle's saving.

use serde_json::{json, Value};

use crate::harness::{error_code, TestApp, PASSWORD};
use crate::my_sessions::{connect, user};

const TIERS: &str = r#"[{"from": 1, "priceCents": 10000}, {"from": 5, "priceCents": 9000}, {"from": 10, "priceCents": 8000}]"#;

fn fields(body: &Value) -> Vec<String> {
    assert_eq!(error_code(body), "invalid_input", "{body}");
    body["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_owned())
        .collect()
}

/// Ana with a tiered "Coaching" type, a 5-session bundle at €430, open hours and a client.
async fn ana(app: &TestApp) -> (String, i64, i64) {
    let token = app.coach_token().await;
    let tiers: Value = serde_json::from_str(TIERS).unwrap();
    let (status, t) = app
        .post(
            &token,
            "/api/session-types",
            json!({"name": "Coaching", "durationMinutes": 60, "priceTiers": tiers}),
        )
        .await;
    assert_eq!(status, 201, "{t}");
    let coaching = t["id"].as_i64().unwrap();
    app.create(
        &token,
        "/api/coaching/packages",
        json!({"name": "Five sessions", "sessionTypeId": coaching, "sessionCount": 5, "priceCents": 43000}),
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
    (token, coaching, client)
}

async fn booked_price(app: &TestApp, token: &str, booking: &Value) -> Option<i64> {
    let (_, s) = app
        .get(token, &format!("/api/sessions/{}", booking["sessionId"]))
        .await;
    s["participants"][0]["priceCents"].as_i64()
}

db_test! {
    async fn tiers_round_trip_and_bad_tiers_are_refused_by_field_with_nothing_changed(db) {
        let app = TestApp::new(db).await;
        let (token, coaching, _) = ana(&app).await;
        let (_, t) = app.get(&token, &format!("/api/session-types/{coaching}")).await;
        assert_eq!(t["priceTiers"], serde_json::from_str::<Value>(TIERS).unwrap());
        assert_eq!(t["priceCents"], 10000, "the first tier is the list price");

        for (tiers, field) in [
            (json!([{"from": 2, "priceCents": 100}]), "priceTiers[0].from"),
            (json!([{"from": 1, "priceCents": 100}, {"from": 1, "priceCents": 90}]), "priceTiers[1].from"),
            (json!([{"from": 1, "priceCents": 100}, {"from": 3, "priceCents": -5}]), "priceTiers[1].priceCents"),
            (json!([{"from": 1, "priceCents": 100}, {"from": 3, "priceCents": 90, "currency": "USD"}]), "priceTiers[1].currency"),
            (Value::Array((1..=11).map(|i| json!({"from": i, "priceCents": 100})).collect()), "priceTiers"),
        ] {
            let (status, e) = app
                .put(&token, &format!("/api/session-types/{coaching}"), json!({"name": "Coaching", "priceTiers": tiers}))
                .await;
            assert_eq!(status, 422, "{e}");
            assert_eq!(fields(&e), vec![field.to_owned()]);
        }
        let (_, after) = app.get(&token, &format!("/api/session-types/{coaching}")).await;
        assert_eq!(after, t, "nothing changed");

        // Left out, tiers stay; [] removes them.
        let (status, kept) = app.put(&token, &format!("/api/session-types/{coaching}"), json!({"name": "Coaching", "priceCents": 10000})).await;
        assert_eq!((status, &kept["priceTiers"]), (200, &t["priceTiers"]));
        let (_, flat) = app.put(&token, &format!("/api/session-types/{coaching}"), json!({"name": "Coaching", "priceCents": 7000, "priceTiers": []})).await;
        assert_eq!((flat["priceTiers"].clone(), flat["priceCents"].as_i64()), (json!([]), Some(7000)));
    }
}

db_test! {
    async fn the_nth_booking_is_priced_by_its_tier_and_keeps_that_price(db) {
        let app = TestApp::new(db).await;
        let (token, coaching, client) = ana(&app).await;
        let mut bookings = Vec::new();
        for day in 10..=15 {
            let (status, b) = app
                .post(&token, "/api/bookings", json!({"sessionTypeId": coaching, "clientId": client, "date": format!("2026-11-{day}"), "startTime": "10:00"}))
                .await;
            assert_eq!(status, 201, "{b}");
            bookings.push(b);
        }
        // A cancelled one does not count: cancel the 2nd, then book once more.
        let (status, _) = app.post(&token, &format!("/api/bookings/{}/cancel", bookings[1]["id"]), json!({})).await;
        assert_eq!(status, 200);
        let (_, last) = app
            .post(&token, "/api/bookings", json!({"sessionTypeId": coaching, "clientId": client, "date": "2026-11-16", "startTime": "10:00"}))
            .await;
        let mut prices = Vec::new();
        for b in &bookings {
            prices.push(booked_price(&app, &token, b).await);
        }
        assert_eq!(prices, [Some(10000), Some(10000), Some(10000), Some(10000), Some(9000), Some(9000)]);
        // Sessions 1, 3–6 stand; the new one is the 6th that was not cancelled.
        assert_eq!(booked_price(&app, &token, &last).await, Some(9000));

        // New tiers do not rewrite what was agreed.
        app.put(&token, &format!("/api/session-types/{coaching}"), json!({"name": "Coaching", "priceTiers": [{"from": 1, "priceCents": 5000}]})).await;
        assert_eq!(booked_price(&app, &token, &bookings[0]).await, Some(10000));
        // A guest (not a client) is not priced per client.
        let (_, guest) = app
            .post(&token, "/api/bookings", json!({"sessionTypeId": coaching, "name": "Sam Lee", "email": "sam@example.com", "date": "2026-11-17", "startTime": "10:00"}))
            .await;
        assert_eq!(booked_price(&app, &token, &guest).await, None);
    }
}

db_test! {
    async fn a_client_price_wins_and_shows_only_to_that_client_and_the_coach(db) {
        let app = TestApp::serve(db).await;
        let (token, coaching, maya) = ana(&app).await;
        let (status, p) = app.put(&token, &format!("/api/clients/{maya}/prices/{coaching}"), json!({"priceCents": 7100})).await;
        assert_eq!(status, 200, "{p}");
        assert_eq!((p["priceCents"].as_i64(), p["currency"].as_str()), (Some(7100), Some("EUR")));
        let (status, e) = app.put(&token, &format!("/api/clients/{maya}/prices/{coaching}"), json!({"priceCents": 7100, "currency": "USD"})).await;
        assert_eq!((status, fields(&e)), (422, vec!["currency".to_owned()]));
        let (status, e) = app.put(&token, &format!("/api/clients/{maya}/prices/{coaching}"), json!({"priceCents": -1})).await;
        assert_eq!((status, fields(&e)), (422, vec!["priceCents".to_owned()]));
        let other = app.other_coach_token().await;
        let (status, _) = app.put(&other, &format!("/api/clients/{maya}/prices/{coaching}"), json!({"priceCents": 1})).await;
        assert_eq!(status, 404);
        let (_, list) = app.get(&token, &format!("/api/clients/{maya}/prices")).await;
        assert_eq!(list[0]["priceCents"], 7100);

        // Maya's booking takes her price.
        let (_, b) = app
            .post(&token, "/api/bookings", json!({"sessionTypeId": coaching, "clientId": maya, "date": "2026-11-10", "startTime": "10:00"}))
            .await;
        assert_eq!(booked_price(&app, &token, &b).await, Some(7100));

        // Maya and Zed, both connected; only Maya sees €71.00.
        let (maya_user, _) = user(&app, "Maya Ortiz", "maya@example.com", "Europe/Paris").await;
        connect(&app, maya, maya_user).await;
        let zed = app
            .create(&token, "/api/coaching/clients", json!({"name": "Zed Quill", "email": "zed@example.com"}))
            .await["id"]
            .as_i64()
            .unwrap();
        let (zed_user, _) = user(&app, "Zed Quill", "zed@example.com", "Europe/Paris").await;
        connect(&app, zed, zed_user).await;

        let page_as = |email: &'static str| {
            let app = &app;
            async move {
                let browser = app.client();
                let res = app.login(&browser, email, PASSWORD).await;
                assert_eq!(res.status(), 303);
                browser.get(app.url("/c/ana-ruiz")).send().await.unwrap().text().await.unwrap()
            }
        };
        let html = page_as("maya@example.com").await;
        assert!(html.contains("Your price: €71.00 per session"), "{html}");
        // And in her portal.
        let browser = app.client();
        app.login(&browser, "maya@example.com", PASSWORD).await;
        let my = browser.get(app.url("/my")).send().await.unwrap().text().await.unwrap();
        assert!(my.contains("Your prices") && my.contains("Your price: €71.00 per session"), "{my}");
        let zed_browser = app.client();
        app.login(&zed_browser, "zed@example.com", PASSWORD).await;
        let my = zed_browser.get(app.url("/my")).send().await.unwrap().text().await.unwrap();
        assert!(!my.contains("71.00") && my.contains("Your next session (your #1): €100.00"), "{my}");
        let html = page_as("zed@example.com").await;
        assert!(!html.contains("71.00") && !html.contains("7100"), "another client's price shows");
        assert!(html.contains("Your next session (your #1): €100.00"), "{html}");
        let anonymous = app.client().get(app.url("/c/ana-ruiz")).send().await.unwrap().text().await.unwrap();
        assert!(!anonymous.contains("71.00") && !anonymous.contains("Your price") && !anonymous.contains("Your next session"), "{anonymous}");
        let (_, public) = app.get("", "/api/coaches/ana-ruiz").await;
        assert!(!public.to_string().contains("7100"));

        let (status, _) = app.delete(&token, &format!("/api/clients/{maya}/prices/{coaching}")).await;
        assert_eq!(status, 204);
        let (status, _) = app.delete(&token, &format!("/api/clients/{maya}/prices/{coaching}")).await;
        assert_eq!(status, 404);
    }
}

db_test! {
    async fn the_public_page_shows_the_tiers_and_a_bundles_saving_under_show_prices(db) {
        let app = TestApp::new(db).await;
        let (token, _, _) = ana(&app).await;
        let html = app.send(axum::http::Method::GET, "/c/ana-ruiz").await.text();
        // 5 sessions one at a time: 4 × €100 + €90 = €490; the bundle at €430 saves €60 (12%).
        for needle in ["1–4 sessions €100.00 each · 5–9 €90.00 · 10+ €80.00", "Five sessions: 5 sessions for €430.00", "Save €60.00 (12%)"] {
            assert!(html.contains(needle), "missing {needle}: {html}");
        }
        let (_, mut privacy) = app.get(&token, "/api/me/privacy").await;
        privacy["showPrices"] = json!(false);
        let (status, s) = app.put(&token, "/api/me/privacy", privacy).await;
        assert_eq!(status, 200, "{s}");
        let html = app.send(axum::http::Method::GET, "/c/ana-ruiz").await.text();
        assert!(!html.contains("€100.00") && !html.contains("Save €"), "prices hidden: {html}");
    }
}
