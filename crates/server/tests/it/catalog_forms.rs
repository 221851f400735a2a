//! What coaches type into the Packages and Session types forms (issue 11): every field's error
//! shows at once, on the page and through the API, and prices read the usual ways people write
//! money. Nothing is written on refusal. Both databases.

use serde_json::{json, Value};

use crate::harness::{error_code, TestApp};

/// The `id="…-error"` messages a page shows beside its fields.
fn field_errors(html: &str) -> Vec<String> {
    html.match_indices("<p class=\"field-error\" id=\"")
        .filter_map(|(at, found)| {
            let rest = &html[at + found.len()..];
            rest.split_once("-error\"").map(|(id, _)| id.to_owned())
        })
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn api_fields(err: &Value) -> Vec<String> {
    sorted(
        err["error"]["fields"]
            .as_array()
            .unwrap_or_else(|| panic!("no fields in {err}"))
            .iter()
            .map(|f| f["field"].as_str().unwrap_or_default().to_owned())
            .collect(),
    )
}

/// Six mistakes at once on the Packages form: the three numbers that do not read and the three
/// values the use case refuses.
const BAD_PACKAGE: &[(&str, &str)] = &[
    ("name", ""),
    ("sessionTypeId", ""),
    ("sessionCount", "abc"),
    ("sessionMinutes", "-3"),
    ("price", "12x"),
    ("currency", "EURO"),
    ("validityDays", "0"),
    ("description", ""),
];

const BAD_SESSION_TYPE: &[(&str, &str)] = &[
    ("name", ""),
    ("kind", "one_on_one"),
    ("durationMinutes", "-3"),
    ("price", "12x"),
    ("currency", "EURO"),
    ("capacity", "abc"),
    ("bufferBeforeMinutes", "0"),
    ("bufferAfterMinutes", "0"),
    ("color", "red"),
];

db_test! {
    async fn the_package_forms_show_every_fields_error_at_once_and_create_nothing(db) {
        let app = TestApp::serve(db).await;
        let (browser, token) = app.signed_in_coach().await;
        let six = sorted(["name", "sessionCount", "sessionMinutes", "price", "currency", "validityDays"].map(String::from).to_vec());

        let res = app.post_form(&browser, "/admin/packages", BAD_PACKAGE).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert_eq!(sorted(field_errors(&html)), six, "{html}");
        assert!(html.contains("Please fix the 6 highlighted fields"), "{html}");
        assert!(html.contains("Enter the price as a number like 1,200.50 or 79.50 (at most two decimals)."), "the price says what to type");
        assert!(html.contains("value=\"12x\"") && html.contains("value=\"EURO\""), "what was typed is kept");
        assert_eq!(app.count("packages").await, 0, "nothing was created");

        let (_, created) = app.post(&token, "/api/coaching/packages", json!({"name": "Starter", "sessionCount": 4, "priceCents": 32000})).await;
        let id = created["id"].as_i64().unwrap();
        let res = app.post_form(&browser, &format!("/admin/packages/{id}"), BAD_PACKAGE).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert_eq!(sorted(field_errors(&html)), six, "{html}");
        let (_, kept) = app.get(&token, &format!("/api/coaching/packages/{id}")).await;
        assert_eq!((kept["name"].as_str(), kept["sessionCount"].as_i64(), kept["priceCents"].as_i64()), (Some("Starter"), Some(4), Some(32000)), "nothing was changed");

        // A number error wins for its own field: "abc" sessions is not also "from 1 to 500".
        assert!(!html.contains("number of sessions from 1 to 500"), "{html}");
    }
}

db_test! {
    async fn the_session_type_forms_show_every_fields_error_at_once_and_create_nothing(db) {
        let app = TestApp::serve(db).await;
        let (browser, token) = app.signed_in_coach().await;
        let six = sorted(["name", "durationMinutes", "price", "currency", "capacity", "color"].map(String::from).to_vec());

        let res = app.post_form(&browser, "/admin/session-types", BAD_SESSION_TYPE).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert_eq!(sorted(field_errors(&html)), six, "{html}");
        assert_eq!(app.count("session_types").await, 0, "nothing was created");

        let id = app.session_type(&token, json!({"name": "Coaching", "durationMinutes": 60})).await;
        let res = app.post_form(&browser, &format!("/admin/session-types/{id}"), BAD_SESSION_TYPE).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert_eq!(sorted(field_errors(&html)), six, "{html}");
        let (_, kept) = app.get(&token, &format!("/api/session-types/{id}")).await;
        assert_eq!((kept["name"].as_str(), kept["durationMinutes"].as_i64()), (Some("Coaching"), Some(60)), "nothing was changed");
    }
}

db_test! {
    async fn the_api_reports_a_wrong_type_beside_the_other_fields_errors(db) {
        let app = TestApp::new(db).await;
        let token = app.coach_token().await;

        let bad = json!({"name": "", "sessionCount": "abc", "sessionMinutes": -3, "priceCents": "12x", "currency": "EURO", "validityDays": 0});
        let (status, err) = app.post(&token, "/api/coaching/packages", bad.clone()).await;
        assert_eq!((status, error_code(&err)), (422, "invalid_input"), "{err}");
        assert_eq!(api_fields(&err), sorted(["name", "sessionCount", "sessionMinutes", "priceCents", "currency", "validityDays"].map(String::from).to_vec()), "{err}");
        let count = err["error"]["fields"].as_array().unwrap().iter().find(|f| f["field"] == "sessionCount").unwrap().clone();
        assert_eq!(count["message"], "Send a whole number.", "{err}");
        assert_eq!(app.count("packages").await, 0, "nothing was created");

        let (_, created) = app.post(&token, "/api/coaching/packages", json!({"name": "Starter"})).await;
        let id = created["id"].as_i64().unwrap();
        let (status, err) = app.put(&token, &format!("/api/coaching/packages/{id}"), bad).await;
        assert_eq!(status, 422, "{err}");
        assert_eq!(err["error"]["fields"].as_array().map(Vec::len), Some(6), "{err}");
        let (status, _) = app.put(&token, "/api/coaching/packages/424242", json!({"sessionCount": "abc"})).await;
        assert_eq!(status, 404, "a missing package is a 404 before any field complaint");

        let (status, err) = app.post(&token, "/api/session-types", json!({"name": "", "durationMinutes": "sixty", "capacity": 3, "color": "red", "requiresApproval": "yes"})).await;
        assert_eq!(status, 422, "{err}");
        assert_eq!(api_fields(&err), sorted(["name", "durationMinutes", "capacity", "color", "requiresApproval"].map(String::from).to_vec()), "{err}");
        assert_eq!(app.count("session_types").await, 0, "nothing was created");

        // Well-typed bodies answer as before.
        let (status, created) = app.post(&token, "/api/session-types", json!({"name": "Coaching", "priceCents": 8000})).await;
        assert_eq!((status, created["priceCents"].as_i64()), (201, Some(8000)), "{created}");
    }
}

db_test! {
    async fn prices_typed_the_usual_ways_are_saved_in_cents(db) {
        let app = TestApp::serve(db).await;
        let (browser, token) = app.signed_in_coach().await;
        let cases = [
            ("1,200.50", "EUR", 120_050),
            ("$1,200.50", "USD", 120_050),
            ("€79,50", "EUR", 7950),
            ("1.200,50", "EUR", 120_050),
            ("1\u{a0}200,50", "EUR", 120_050),
            ("£95", "GBP", 9500),
            ("95 GBP", "GBP", 9500),
            ("1,200", "EUR", 120_000),
            ("79.5", "EUR", 7950),
        ];
        for (i, (price, currency, cents)) in cases.iter().enumerate() {
            let name = format!("Package {i}");
            let res = app.post_form(&browser, "/admin/packages", &[("name", name.as_str()), ("sessionCount", "6"), ("sessionMinutes", "60"), ("price", price), ("currency", currency), ("validityDays", ""), ("description", "")]).await;
            assert_eq!(res.status(), 303, "{price}: {}", res.text().await.unwrap_or_default());
            let (_, list) = app.get(&token, "/api/coaching/packages").await;
            let saved = list.as_array().unwrap().iter().find(|p| p["name"] == name.as_str()).cloned().unwrap();
            assert_eq!(saved["priceCents"].as_i64(), Some(*cents), "{price}");
        }
        for bad in ["1,2,3", "1..2", "--5", "\u{661}\u{662}\u{663}", "99999999999999999999", "-3"] {
            let res = app.post_form(&browser, "/admin/session-types", &[("name", "Coaching"), ("kind", "one_on_one"), ("durationMinutes", "60"), ("price", bad), ("currency", "EUR"), ("capacity", "1"), ("bufferBeforeMinutes", "0"), ("bufferAfterMinutes", "0"), ("color", "#2f6f62")]).await;
            assert_eq!(res.status(), 422, "{bad}");
            let html = res.text().await.unwrap();
            assert_eq!(field_errors(&html), vec!["price".to_owned()], "{bad}");
            assert!(html.contains("Enter the price as a number like 1,200.50 or 79.50 (at most two decimals)."), "{bad}");
        }
        let res = app.post_form(&browser, "/admin/session-types", &[("name", "Coaching"), ("kind", "one_on_one"), ("durationMinutes", "60"), ("price", "£95"), ("currency", "EUR"), ("capacity", "1"), ("bufferBeforeMinutes", "0"), ("bufferAfterMinutes", "0"), ("color", "#2f6f62")]).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("This price is in GBP but the currency is EUR; make them the same."));
        assert_eq!(app.count("session_types").await, 0, "nothing was created");
    }
}
