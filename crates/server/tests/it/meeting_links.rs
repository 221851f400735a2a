//! The coach's meeting-link rule on both databases: `GET|PUT /api/me/meeting-links` (each bad
//! field named, nothing changed), a pattern making a distinct room per new session, a fixed room
//! reused, a link of the booking's own winning, the link in the invitation email, and the
//! Settings page with each error beside its field.

use serde_json::{json, Value};

use crate::harness::{error_code, redirect, TestApp};

async fn coach(app: &TestApp) -> (String, i64, i64) {
    let token = app.coach_token().await;
    let coaching = app
        .session_type(&token, json!({"name": "Coaching", "durationMinutes": 60}))
        .await;
    let yoga = app
        .session_type(
            &token,
            json!({"name": "Yoga", "kind": "group", "capacity": 5}),
        )
        .await;
    app.open_every_day(&token, "08:00", "20:00").await;
    (token, coaching, yoga)
}

async fn book(app: &TestApp, token: &str, body: Value) -> Value {
    let (status, b) = app.post(token, "/api/bookings", body).await;
    assert_eq!(status, 201, "{b}");
    b
}

fn guest(type_id: i64, name: &str, start: &str) -> Value {
    let email = format!("{}@example.com", name.to_lowercase());
    json!({"sessionTypeId": type_id, "name": name, "email": email, "start": start})
}

db_test! {
    async fn a_pattern_makes_a_room_per_session_and_a_fixed_link_is_reused(db) {
        let app = TestApp::new(db).await;
        let (token, coaching, yoga) = coach(&app).await;
        let (status, links) = app.get(&token, "/api/me/meeting-links").await;
        assert_eq!((status, links), (200, json!({"mode": "none", "url": ""})));
        let b = book(&app, &token, guest(coaching, "Noor", "2026-11-10T10:00:00Z")).await;
        assert_eq!(b["meetingUrl"], "", "no rule, no link");

        let pattern = json!({"mode": "pattern", "url": "https://meet.jit.si/coachbook-{random}"});
        let (status, saved) = app.put(&token, "/api/me/meeting-links", pattern.clone()).await;
        assert_eq!((status, saved), (200, pattern));
        let one = book(&app, &token, guest(coaching, "Sam", "2026-11-10T12:00:00Z")).await;
        let two = book(&app, &token, guest(coaching, "Ola", "2026-11-10T14:00:00Z")).await;
        let (_, made) = app.post(&token, "/api/sessions", json!({"sessionTypeId": yoga, "start": "2026-11-11T10:00:00Z"})).await;
        let links: Vec<&str> = [&one, &two, &made].iter().map(|b| b["meetingUrl"].as_str().unwrap()).collect();
        for link in &links {
            let room = link.strip_prefix("https://meet.jit.si/coachbook-").unwrap_or_else(|| panic!("{link}"));
            assert_eq!(room.len(), 16, "{link}");
            assert!(room.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()), "{link}");
        }
        assert!(links[0] != links[1] && links[1] != links[2] && links[0] != links[2], "distinct: {links:?}");
        // Joining a group session shares its room; a booking's own link wins.
        let joined = book(&app, &token, guest(yoga, "Pia", "2026-11-11T10:00:00Z")).await;
        assert_eq!(joined["meetingUrl"], made["meetingUrl"]);
        let mut own = guest(coaching, "Kim", "2026-11-10T16:00:00Z");
        own["meetingUrl"] = json!("https://zoom.example.com/j/123");
        assert_eq!(book(&app, &token, own).await["meetingUrl"], "https://zoom.example.com/j/123");
        // The invitation carries the room.
        let text: String = sqlx::query_scalar("SELECT text_body FROM emails WHERE booking_id = $1 AND kind = 'booking_created'")
            .bind(one["id"].as_i64().unwrap())
            .fetch_one(app.state.db().pool())
            .await
            .expect("the invitation");
        assert!(text.contains(links[0]), "{text}");

        let fixed = json!({"mode": "fixed", "url": "https://meet.example.com/ana"});
        let (status, _) = app.put(&token, "/api/me/meeting-links", fixed).await;
        assert_eq!(status, 200);
        let a = book(&app, &token, guest(coaching, "Lea", "2026-11-12T10:00:00Z")).await;
        let b = book(&app, &token, guest(coaching, "Max", "2026-11-12T12:00:00Z")).await;
        assert_eq!((a["meetingUrl"].as_str(), b["meetingUrl"].as_str()), (Some("https://meet.example.com/ana"), Some("https://meet.example.com/ana")));
        // Sessions made before keep their links.
        let (_, before) = app.get(&token, &format!("/api/bookings/{}", one["id"])).await;
        assert_eq!(before["meetingUrl"], links[0]);
    }
}

db_test! {
    async fn a_bad_rule_is_refused_naming_the_field_and_changes_nothing(db) {
        let app = TestApp::new(db).await;
        let (token, _, _) = coach(&app).await;
        let kept = json!({"mode": "fixed", "url": "https://meet.example.com/ana"});
        let (status, _) = app.put(&token, "/api/me/meeting-links", kept.clone()).await;
        assert_eq!(status, 200);
        for (body, field) in [
            (json!({"mode": "sometimes", "url": ""}), "mode"),
            (json!({"mode": "pattern", "url": "https://meet.jit.si/no-placeholder"}), "url"),
            (json!({"mode": "pattern", "url": "http://meet.jit.si/{random}"}), "url"),
            (json!({"mode": "fixed", "url": "https://meet.jit.si/{random}"}), "url"),
            (json!({"mode": "fixed", "url": ""}), "url"),
            (json!({"mode": "fixed", "url": "javascript:alert(1)"}), "url"),
        ] {
            let (status, e) = app.put(&token, "/api/me/meeting-links", body.clone()).await;
            assert_eq!(status, 422, "{body}: {e}");
            assert_eq!(error_code(&e), "invalid_input");
            let fields: Vec<&str> = e["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
            assert_eq!(fields, [field], "{body}");
        }
        let (_, now) = app.get(&token, "/api/me/meeting-links").await;
        assert_eq!(now, kept);
        // Turning links off keeps the room for later.
        let (status, off) = app.put(&token, "/api/me/meeting-links", json!({"mode": "none", "url": "https://meet.example.com/ana"})).await;
        assert_eq!((status, off["mode"].as_str()), (200, Some("none")));
        // Only a coach has a rule.
        let (status, _) = app.get("nobody", "/api/me/meeting-links").await;
        assert_eq!(status, 401);
    }
}

db_test! {
    async fn the_settings_page_saves_the_rule_and_shows_each_error_beside_its_field(db) {
        let app = TestApp::serve(db).await;
        let (browser, token) = app.signed_in_coach().await;
        let page = browser.get(app.url("/admin/settings")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("href=\"/admin/settings/meeting-links\""), "linked from Settings");
        let res = browser.get(app.url("/admin/settings/meeting-links")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(html.contains("value=\"none\" checked"), "{html}");

        let res = app
            .post_form(&browser, "/admin/settings/meeting-links", &[("mode", "pattern"), ("url", "https://meet.jit.si/room")])
            .await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("id=\"url-error\""), "{html}");
        assert!(html.contains("Put {random} where each session"), "the message beside the field");
        assert!(html.contains("value=\"https://meet.jit.si/room\""), "what was typed stays");
        assert!(html.contains("value=\"pattern\" checked"));
        let (_, still) = app.get(&token, "/api/me/meeting-links").await;
        assert_eq!(still["mode"], "none", "nothing saved");

        let res = app
            .post_form(&browser, "/admin/settings/meeting-links", &[("mode", "pattern"), ("url", "https://meet.jit.si/coachbook-{random}")])
            .await;
        assert_eq!(redirect(&res), (303, "/admin/settings/meeting-links"));
        let (_, saved) = app.get(&token, "/api/me/meeting-links").await;
        assert_eq!(saved, json!({"mode": "pattern", "url": "https://meet.jit.si/coachbook-{random}"}));
        let html = browser.get(app.url("/admin/settings/meeting-links")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("is saved"), "the notice");

        // Signed out: the sign-in page, not the setting.
        let res = app.client().get(app.url("/admin/settings/meeting-links")).send().await.unwrap();
        assert_eq!(redirect(&res).0, 303);
    }
}

db_test! {
    async fn a_german_coach_reads_the_meeting_link_rule_in_german(db) {
        let app = TestApp::serve(db).await;
        let (browser, _token) = app.signed_in_coach().await;
        app.choose_locale(crate::harness::COACH_EMAIL, "de").await;
        let html = browser.get(app.url("/admin/settings/meeting-links")).send().await.unwrap().text().await.unwrap();
        for needle in ["<h1>Meeting-Links</h1>", "Neue Sitzungen erhalten", "Meinen persönlichen Raum", "coachbook-{random}"] {
            assert!(html.contains(needle), "missing {needle:?}");
        }
        let res = app
            .post_form(&browser, "/admin/settings/meeting-links", &[("mode", "pattern"), ("url", "https://meet.jit.si/room")])
            .await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("Bitte korrigieren Sie das markierte Feld unten"), "the summary in German");
    }
}
