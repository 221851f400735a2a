//! Payments and balances on both databases: hand-computed balances (enrolments sold and priced
//! bookings not paid by credit, less payments, cancelled ones left out, per currency), the list
//! of clients who owe, bad input refused by field with nothing written, another coach's payment
//! a 404, and the money received per day for the insights.

use coachbook::store::types::IsoDate;
use serde_json::{json, Value};

use crate::harness::{error_code, TestApp};

fn fields(body: &Value) -> Vec<String> {
    assert_eq!(error_code(body), "invalid_input", "{body}");
    let mut f: Vec<String> = body["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_owned())
        .collect();
    f.sort();
    f
}

struct Practice {
    token: String,
    maya: i64,
    leo: i64,
    enrolment: i64,
    booking: i64,
}

/// Ana: Coaching at €100, a bundle of 5 at €430; Maya enrolled in the bundle and booked once
/// outside it (€100), once more and cancelled; Leo with nothing.
async fn practice(app: &TestApp) -> Practice {
    let token = app.coach_token().await;
    let coaching = app
        .session_type(
            &token,
            json!({"name": "Coaching", "durationMinutes": 60, "priceCents": 10000}),
        )
        .await;
    let package = app
        .create(&token, "/api/coaching/packages", json!({"name": "Five sessions", "sessionTypeId": coaching, "sessionCount": 5, "priceCents": 43000}))
        .await["id"]
        .as_i64()
        .unwrap();
    app.open_every_day(&token, "08:00", "20:00").await;
    let maya = app
        .create(
            &token,
            "/api/coaching/clients",
            json!({"name": "Maya Ortiz", "email": "maya@example.com"}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let leo = app
        .create(
            &token,
            "/api/coaching/clients",
            json!({"name": "Leo Park", "email": "leo@example.com"}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let (status, b) = app
        .post(&token, "/api/bookings", json!({"sessionTypeId": coaching, "clientId": maya, "date": "2026-11-10", "startTime": "10:00"}))
        .await;
    assert_eq!(status, 201, "{b}");
    let (_, cancelled) = app
        .post(&token, "/api/bookings", json!({"sessionTypeId": coaching, "clientId": maya, "date": "2026-11-11", "startTime": "10:00"}))
        .await;
    let (status, _) = app
        .post(
            &token,
            &format!("/api/bookings/{}/cancel", cancelled["id"]),
            json!({}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, e) = app
        .post(
            &token,
            &format!("/api/coaching/clients/{maya}/enrolments"),
            json!({"packageId": package}),
        )
        .await;
    assert_eq!(status, 201, "{e}");
    Practice {
        token,
        maya,
        leo,
        enrolment: e["id"].as_i64().unwrap(),
        booking: b["id"].as_i64().unwrap(),
    }
}

db_test! {
    async fn balances_are_what_was_sold_less_what_was_paid(db) {
        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        let (status, b) = app.get(&p.token, &format!("/api/clients/{}/balance", p.maya)).await;
        assert_eq!(status, 200, "{b}");
        // €430 bundle + €100 booking; the cancelled booking is not owed.
        assert_eq!(b["lines"], json!([{"currency": "EUR", "owedCents": 53000, "paidCents": 0, "dueCents": 53000}]));

        let (status, pay) = app
            .post(&p.token, "/api/payments", json!({"clientId": p.maya, "amountCents": 43000, "currency": "EUR", "method": "bank_transfer", "paidOn": "2026-11-03", "enrolmentId": p.enrolment}))
            .await;
        assert_eq!(status, 201, "{pay}");
        assert_eq!((pay["status"].as_str(), pay["provider"].clone()), (Some("recorded"), Value::Null));
        let (status, cash) = app
            .post(&p.token, "/api/payments", json!({"clientId": p.maya, "amountCents": 4000, "currency": "eur", "method": "cash", "bookingId": p.booking, "note": "part of it"}))
            .await;
        assert_eq!(status, 201, "{cash}");
        assert_eq!(cash["paidOn"], "2026-11-02", "today in the coach's zone");
        let (_, b) = app.get(&p.token, &format!("/api/clients/{}/balance", p.maya)).await;
        assert_eq!(b["lines"][0]["dueCents"], 53000 - 43000 - 4000);

        let (_, due) = app.get(&p.token, "/api/payments/due").await;
        assert_eq!(due.as_array().unwrap().len(), 1, "{due}");
        assert_eq!((due[0]["clientName"].as_str(), due[0]["lines"][0]["dueCents"].as_i64()), (Some("Maya Ortiz"), Some(6000)));
        let (_, leo) = app.get(&p.token, &format!("/api/clients/{}/balance", p.leo)).await;
        assert_eq!(leo["lines"], json!([]));

        let (_, list) = app.get(&p.token, &format!("/api/payments?clientId={}", p.maya)).await;
        assert_eq!(list.as_array().unwrap().len(), 2);
        let (_, none) = app.get(&p.token, &format!("/api/payments?clientId={}", p.leo)).await;
        assert_eq!(none, json!([]));

        // Received per day, for the insights.
        let coach_id: i64 = sqlx::query_scalar("SELECT id FROM coaches ORDER BY id LIMIT 1")
            .fetch_one(app.state.db().pool())
            .await
            .unwrap();
        let day = |s: &str| IsoDate(s.parse().unwrap());
        let got = coachbook::store::payments::received_between(app.state.db().pool(), coach_id, day("2026-11-01"), day("2026-11-02"))
            .await
            .unwrap();
        let got: Vec<(String, String, i64)> = got.into_iter().map(|r| (r.paid_on.to_string(), r.currency, r.amount_cents)).collect();
        assert_eq!(got, [("2026-11-02".to_owned(), "EUR".to_owned(), 4000)]);
        let all = coachbook::store::payments::received_between(app.state.db().pool(), coach_id, day("2026-11-01"), day("2026-11-30"))
            .await
            .unwrap();
        assert_eq!(all.len(), 2);

        // Deleting one puts it back on the balance.
        let (status, _) = app.delete(&p.token, &format!("/api/payments/{}", cash["id"])).await;
        assert_eq!(status, 204);
        let (_, b) = app.get(&p.token, &format!("/api/clients/{}/balance", p.maya)).await;
        assert_eq!(b["lines"][0]["dueCents"], 10000);
    }
}

db_test! {
    async fn bad_payments_are_refused_by_field_and_another_coachs_are_not_found(db) {
        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        for (body, expected) in [
            (json!({"clientId": p.maya, "amountCents": 0, "currency": "EUR", "method": "cash"}), vec!["amountCents"]),
            (json!({"clientId": p.maya, "amountCents": -5, "currency": "EURO", "method": "cheque"}), vec!["amountCents", "currency", "method"]),
            (json!({"clientId": p.maya, "amountCents": 100, "currency": "USD", "method": "cash", "enrolmentId": p.enrolment}), vec!["currency"]),
            (json!({"clientId": p.leo, "amountCents": 100, "currency": "EUR", "method": "cash", "bookingId": p.booking}), vec!["bookingId"]),
            (json!({"clientId": p.maya, "amountCents": 100, "currency": "EUR", "method": "cash", "paidOn": "2026-13-01"}), vec!["paidOn"]),
            (json!({"clientId": 999_999, "amountCents": 100, "currency": "EUR", "method": "cash"}), vec!["clientId"]),
        ] {
            let (status, e) = app.post(&p.token, "/api/payments", body).await;
            assert_eq!((status, fields(&e)), (422, expected.iter().map(|s| s.to_string()).collect::<Vec<_>>()));
        }
        assert_eq!(app.count("payments").await, 0, "nothing written");

        let (_, pay) = app
            .post(&p.token, "/api/payments", json!({"clientId": p.maya, "amountCents": 100, "currency": "EUR", "method": "other"}))
            .await;
        let other = app.other_coach_token().await;
        let (status, _) = app.delete(&other, &format!("/api/payments/{}", pay["id"])).await;
        assert_eq!(status, 404);
        let (status, _) = app.get(&other, &format!("/api/clients/{}/balance", p.maya)).await;
        assert_eq!(status, 404);
        let (_, theirs) = app.get(&other, "/api/payments").await;
        assert_eq!(theirs, json!([]));
        let (status, e) = app
            .post(&other, "/api/payments", json!({"clientId": p.maya, "amountCents": 100, "currency": "EUR", "method": "cash"}))
            .await;
        assert_eq!((status, fields(&e)), (422, vec!["clientId".to_owned()]));
        assert_eq!(app.count("payments").await, 1);
    }
}

db_test! {
    async fn the_coach_records_a_payment_on_the_page_and_sets_a_client_price_on_the_client_page(db) {
        let app = TestApp::serve(db).await;
        let p = practice(&app).await;
        let browser = app.client();
        let res = app.login(&browser, crate::harness::COACH_EMAIL, crate::harness::PASSWORD).await;
        assert_eq!(res.status(), 303);
        let page = browser.get(app.url("/admin/payments")).send().await.unwrap();
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        assert!(html.contains("Owed to you") && html.contains("Maya Ortiz") && html.contains("€530.00"), "{html}");

        // A typo: 422, the message beside the field, nothing written.
        let bad = [("clientId", p.maya.to_string()), ("amount", "12x".into()), ("currency", "EUR".into()), ("method", "cash".into()), ("paidOn", "".into()), ("note", "".into())];
        let res = app.post_form(&browser, "/admin/payments", &bad).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("id=\"amount-error\"") && html.contains("value=\"12x\""), "{html}");
        assert_eq!(app.count("payments").await, 0);

        let good = [("clientId", p.maya.to_string()), ("amount", "130".into()), ("currency", "EUR".into()), ("method", "card_in_person".into()), ("paidOn", "2026-11-02".into()), ("note", "At the studio".into())];
        let res = app.post_form(&browser, "/admin/payments", &good).await;
        assert_eq!(res.status(), 303);
        let html = browser.get(app.url("/admin/payments")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("At the studio") && html.contains("€400.00"), "{html}");

        // The client's tab: balance, payments, and their own price.
        let tab = format!("/admin/clients/{}?tab=payments", p.maya);
        let html = browser.get(app.url(&tab)).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Balance") && html.contains("€400.00") && html.contains("Their own prices"), "{html}");
        let (_, types) = app.get(&p.token, "/api/session-types").await;
        let st = types[0]["id"].as_i64().unwrap();
        let path = format!("/admin/clients/{}/prices", p.maya);
        let res = app.post_form(&browser, &path, &[("sessionTypeId", st.to_string()), ("price", "abc".into())]).await;
        assert_eq!(res.status(), 422);
        let res = app.post_form(&browser, &path, &[("sessionTypeId", st.to_string()), ("price", "70".into())]).await;
        assert_eq!(res.status(), 303);
        let html = browser.get(app.url(&tab)).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Coaching: €70.00 per session"), "{html}");
    }
}

db_test! {
    async fn a_german_coach_reads_payments_and_the_clients_money_in_german(db) {
        let app = TestApp::serve(db).await;
        let p = practice(&app).await;
        app.choose_locale(crate::harness::COACH_EMAIL, "de").await;
        let browser = app.client();
        let res = app.login(&browser, crate::harness::COACH_EMAIL, crate::harness::PASSWORD).await;
        assert_eq!(res.status(), 303);
        let (status, made) = app
            .post(&p.token, "/api/payments", json!({"clientId": p.maya, "amountCents": 123450, "currency": "EUR", "method": "bank_transfer", "paidOn": "2026-11-02"}))
            .await;
        assert_eq!(status, 201, "{made}");
        let html = browser.get(app.url("/admin/payments")).send().await.unwrap().text().await.unwrap();
        for needle in ["<h1>Zahlungen</h1>", "Offene Beträge", "Überweisung", "1.234,50\u{a0}€", "Mo., 2. Nov. 2026"] {
            assert!(html.contains(needle), "missing {needle:?}");
        }
        let tab = format!("/admin/clients/{}?tab=payments", p.maya);
        let html = browser.get(app.url(&tab)).send().await.unwrap().text().await.unwrap();
        for needle in ["Preise und Zahlungen", "Saldo", "Eigene Preise", "Überweisung"] {
            assert!(html.contains(needle), "missing {needle:?}");
        }
        assert!(!html.contains("Their own prices"), "no English left on the tab");
    }
}
