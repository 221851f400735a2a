//! Browser journey for prices and payments (issue 17): the coach's public page showing a tiered
//! session type and a bundle's saving, and the payments page with a client owing, at laptop and
//! phone widths. Screenshots in `artifacts/screenshots/`.

use serde_json::json;

use super::harness::{Journey, Seed, COACH_EMAIL, PASSWORD};

/// How far the page scrolls sideways (0 when it fits).
async fn overflow(j: &Journey) -> i64 {
    j.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        .await
        .as_i64()
        .unwrap_or(i64::MAX)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_page_shows_tiers_and_a_bundle_saving_and_the_payments_page_who_owes() {
    let Some(j) = Journey::start("pricing", Seed::Coach).await else {
        return;
    };
    j.sign_in(COACH_EMAIL, PASSWORD).await;
    j.expect_path("/admin").await;
    let coaching = j.coaching_week().await;
    let t = j
        .api(
            "PUT",
            &format!("/api/session-types/{coaching}"),
            json!({"name": "Coaching session", "durationMinutes": 60, "priceTiers": [
                {"from": 1, "priceCents": 10000}, {"from": 5, "priceCents": 9000}, {"from": 10, "priceCents": 8000}
            ]}),
        )
        .await;
    j.check(t["status"] == 200, format!("tiers: {t}")).await;
    let p = j
        .api(
            "POST",
            "/api/coaching/packages",
            json!({"name": "Five-session bundle", "sessionTypeId": coaching, "sessionCount": 5, "priceCents": 41650}),
        )
        .await;
    j.check(p["status"] == 201, format!("bundle: {p}")).await;
    let c = j
        .api(
            "POST",
            "/api/coaching/clients",
            json!({"name": "Maya Patel", "email": "maya@example.com"}),
        )
        .await;
    let maya = c["body"]["id"].as_i64().unwrap_or_default();
    let e = j
        .api(
            "POST",
            &format!("/api/coaching/clients/{maya}/enrolments"),
            json!({"packageId": p["body"]["id"]}),
        )
        .await;
    j.check(e["status"] == 201, format!("enrol: {e}")).await;
    let pay = j
        .api(
            "POST",
            "/api/payments",
            json!({"clientId": maya, "amountCents": 20000, "currency": "EUR", "method": "bank_transfer", "note": "First half"}),
        )
        .await;
    j.check(pay["status"] == 201, format!("payment: {pay}"))
        .await;

    // The payments page: Maya owes €216.50.
    for (width, height, phone, step) in [
        (1280, 900, false, "payments"),
        (390, 844, true, "payments-phone"),
    ] {
        j.device(width, height, phone).await;
        j.goto("/admin/payments").await;
        j.settle().await;
        j.full_shot(step).await;
        let text = j.text("main").await;
        j.check(
            text.contains("Maya Patel") && text.contains("€216.50") && text.contains("First half"),
            format!("who owes: {text}"),
        )
        .await;
        j.check(overflow(&j).await <= 0, format!("{step} fits"))
            .await;
    }

    // The public page, as a visitor.
    j.client.delete_all_cookies().await.expect("sign out");
    for (width, height, phone, step) in [
        (1280, 900, false, "public"),
        (390, 844, true, "public-phone"),
    ] {
        j.device(width, height, phone).await;
        j.goto("/c/ana").await;
        j.settle().await;
        j.full_shot(step).await;
        let tiers = j.text(".cp-tiers").await;
        j.check(
            tiers == "1–4 sessions €100.00 each · 5–9 €90.00 · 10+ €80.00",
            format!("tiers: {tiers}"),
        )
        .await;
        // 4 × €100 + €90 = €490 one at a time; the bundle at €416.50 saves €73.50 (15%).
        let saving = j.text(".cp-saving").await;
        j.check(saving == "Save €73.50 (15%)", format!("saving: {saving}"))
            .await;
        j.check(overflow(&j).await <= 0, format!("{step} fits"))
            .await;
    }
    j.finish().await;
}
