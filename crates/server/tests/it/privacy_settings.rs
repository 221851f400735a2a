//! The coach's privacy settings and page profile (issue 13): read and saved through
//! `GET|PUT /api/me/privacy` and Settings › Your page and privacy, every field checked at once,
//! nothing saved when one is wrong, and only the coach may touch them. Both databases.

use serde_json::json;

use crate::harness::{error_code, TestApp};

db_test! {
    async fn a_new_practice_is_public_and_anonymous_and_the_coach_changes_it(db) {
        let app = TestApp::new(db).await;
        let token = app.coach_token().await;
        let st = app.session_type(&token, json!({"name": "Coaching"})).await;

        let (status, saved) = app.get(&token, "/api/me/privacy").await;
        assert_eq!(status, 200, "{saved}");
        assert_eq!(saved["calendarVisibility"], "public");
        assert_eq!(saved["bookingAudience"], "public");
        assert_eq!(saved["showBooked"], "booked", "booked time is anonymous by default");
        assert_eq!(saved["showPrices"], true);
        assert_eq!(saved["sessionTypes"][0]["visibility"], "public");

        let (status, saved) = app.put(&token, "/api/me/privacy", json!({
            "calendarVisibility": "connected",
            "bookingAudience": "connected",
            "showBooked": "booked_with_type",
            "showPrices": false,
            "bio": "I help founders find their footing.\nTen years of practice.",
            "photoUrl": "https://images.example.com/ana.jpg",
            "sessionTypes": [{"id": st, "visibility": "nobody"}]
        })).await;
        assert_eq!(status, 200, "{saved}");
        let (_, read) = app.get(&token, "/api/me/privacy").await;
        assert_eq!(read, saved, "what was saved is what is read");
        assert_eq!(read["calendarVisibility"], "connected");
        assert_eq!(read["showBooked"], "booked_with_type");
        assert_eq!(read["showPrices"], false);
        assert_eq!(read["photoUrl"], "https://images.example.com/ana.jpg");
        assert_eq!(read["sessionTypes"][0]["visibility"], "nobody");
        let (_, st_read) = app.get(&token, &format!("/api/session-types/{st}")).await;
        assert_eq!(st_read["visibility"], "nobody", "the session type says it too");
    }
}

db_test! {
    async fn every_wrong_field_is_named_at_once_and_nothing_is_saved(db) {
        let app = TestApp::new(db).await;
        let token = app.coach_token().await;
        let st = app.session_type(&token, json!({"name": "Coaching"})).await;
        let (_, before) = app.get(&token, "/api/me/privacy").await;
        let (status, err) = app.put(&token, "/api/me/privacy", json!({
            "calendarVisibility": "everyone",
            "bookingAudience": "friends",
            "showBooked": "yes",
            "showPrices": true,
            "bio": "x".repeat(2001),
            "photoUrl": "javascript:alert(1)",
            "sessionTypes": [{"id": st, "visibility": "secret"}]
        })).await;
        assert_eq!((status, error_code(&err)), (422, "invalid_input"), "{err}");
        let fields: Vec<&str> = err["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
        for f in ["calendarVisibility", "bookingAudience", "showBooked", "bio", "photoUrl", "sessionTypes"] {
            assert!(fields.contains(&f), "{f} is named: {err}");
        }
        let (_, after) = app.get(&token, "/api/me/privacy").await;
        assert_eq!(after, before, "nothing was saved");

        // A session type that is not the coach's is refused, and the rest is not saved either.
        let (status, err) = app.put(&token, "/api/me/privacy", json!({
            "calendarVisibility": "private", "bookingAudience": "public", "showBooked": "no",
            "showPrices": true, "sessionTypes": [{"id": st + 1000, "visibility": "public"}]
        })).await;
        assert_eq!(status, 422, "{err}");
        let (_, after) = app.get(&token, "/api/me/privacy").await;
        assert_eq!(after, before, "nothing was saved");
    }
}

db_test! {
    async fn only_the_coach_reads_or_changes_the_settings(db) {
        let app = TestApp::new(db).await;
        let (status, _) = app.get("", "/api/me/privacy").await;
        assert_eq!(status, 401);
        let token = app.coach_token().await;
        let other = app.other_coach_token().await;
        app.put(&other, "/api/me/privacy", json!({
            "calendarVisibility": "private", "bookingAudience": "connected", "showBooked": "no", "showPrices": false
        })).await;
        let (_, mine) = app.get(&token, "/api/me/privacy").await;
        assert_eq!(mine["calendarVisibility"], "public", "another coach's change is theirs alone");
    }
}

db_test! {
    async fn the_settings_page_saves_and_shows_errors_beside_their_fields(db) {
        let app = TestApp::serve(db).await;
        let (browser, token) = app.signed_in_coach().await;
        let st = app.session_type(&token, json!({"name": "Coaching"})).await;
        let page = app.url("/admin/settings/privacy");
        let html = browser.get(&page).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Who sees your calendar") && html.contains(&format!("name=\"type-{st}\"")), "{html}");

        let type_key = format!("type-{st}");
        let form = [
            ("calendarVisibility", "connected".to_owned()),
            ("bookingAudience", "registered".into()),
            ("showBooked", "no".into()),
            ("bio", "Coaching for new managers.".into()),
            ("photoUrl", "ftp://example.com/me.png".into()),
            (type_key.as_str(), "connected".into()),
        ];
        let res = app.post_form(&browser, "/admin/settings/privacy", &form).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("photoUrl-error") && html.contains("starting with https://"), "{html}");
        assert!(html.contains("Coaching for new managers."), "what was typed is kept");
        let (_, saved) = app.get(&token, "/api/me/privacy").await;
        assert_eq!(saved["calendarVisibility"], "public", "nothing was saved");

        let mut form = form.to_vec();
        form[4].1 = "https://example.com/me.png".into();
        let res = app.post_form(&browser, "/admin/settings/privacy", &form).await;
        assert_eq!(res.status(), 303);
        let (_, saved) = app.get(&token, "/api/me/privacy").await;
        assert_eq!(saved["calendarVisibility"], "connected");
        assert_eq!(saved["bookingAudience"], "registered");
        assert_eq!(saved["showBooked"], "no");
        assert_eq!(saved["showPrices"], false, "an unticked box is a no");
        assert_eq!(saved["sessionTypes"][0]["visibility"], "connected");
    }
}
