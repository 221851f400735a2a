//! The UI in German in the browser: the coach's public page and a booking email as their reader
//! sees them, at a phone's width and a desktop's, with screenshots in `artifacts/screenshots/`.
//! Skips without Chromium, except under `CI=true`.

use super::harness::{next_monday, Journey, Seed, COACH_EMAIL, COACH_NAME, PASSWORD};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_german_practice_shows_its_page_and_emails_in_german() {
    let Some(j) = Journey::start("i18n", Seed::Coach).await else {
        return;
    };
    j.sign_in(COACH_EMAIL, PASSWORD).await;
    j.expect_path("/admin").await;
    let type_id = j.coaching_week().await;
    // Ana reads German herself, and her practice speaks German to guests.
    let me = j
        .api(
            "PATCH",
            "/api/me",
            json!({"name": COACH_NAME, "email": COACH_EMAIL, "timeZone": "Europe/London",
                   "locale": "de", "defaultLocale": "de"}),
        )
        .await;
    j.check(me["status"] == 200, format!("settings: {me}"))
        .await;
    let b = j
        .api(
            "POST",
            "/api/bookings",
            json!({"sessionTypeId": type_id, "date": next_monday(), "startTime": "10:00",
                   "name": "Noor Haddad", "email": "noor@example.com",
                   "meetingUrl": "https://meet.example.com/ana-noor", "overrideAvailability": true}),
        )
        .await;
    j.check(b["status"] == 201, format!("booking: {b}")).await;

    for (width, height, phone, name) in [(390, 844, true, "390"), (1280, 900, false, "1280")] {
        j.device(width, height, phone).await;
        j.goto("/c/ana").await;
        let lang = j.attr("html", "lang").await.unwrap_or_default();
        j.check(lang == "de", format!("the page's language: {lang}"))
            .await;
        let heading = j.text("#book-title").await;
        j.check(heading == "Termin buchen", format!("heading: {heading}"))
            .await;
        let range = j.text("[data-cp-range]").await;
        j.check(
            range.starts_with("Mo., "),
            format!("German day names: {range}"),
        )
        .await;
        j.full_shot(&format!("public-page-de-{name}")).await;
    }

    // The coach's own pages in German: the longer words fit a phone and a laptop.
    for (width, height, phone, name) in [(390, 844, true, "390"), (1280, 900, false, "1280")] {
        j.device(width, height, phone).await;
        for page in ["/admin/insights", "/admin/payments"] {
            j.goto(page).await;
            let sideways = j
                .js("return document.documentElement.scrollWidth > window.innerWidth")
                .await;
            j.check(sideways == json!(false), format!("{page} fits {name} px"))
                .await;
            j.full_shot(&format!("{}-de-{name}", page.trim_start_matches("/admin/")))
                .await;
        }
    }

    j.device(1280, 900, false).await;
    j.goto("/admin/emails").await;
    j.click_and_load(".email-row a").await;
    let href = j
        .attr("iframe.email-preview", "src")
        .await
        .unwrap_or_default();
    for (width, height, phone, name) in [(390, 844, true, "390"), (1280, 900, false, "1280")] {
        // (Sized on a page of the app: the email's own part is sandboxed.)
        j.goto("/admin/emails").await;
        j.device(width, height, phone).await;
        j.goto(&href).await;
        let heading = j.text("h1").await;
        j.check(
            heading == "Ihr Termin ist gebucht",
            format!("the email's heading: {heading}"),
        )
        .await;
        let body = j.text("body").await;
        j.check(
            body.contains("Hallo Noor Haddad") && body.contains("Mo., "),
            format!("German words and dates: {body}"),
        )
        .await;
        j.full_shot(&format!("email-de-{name}")).await;
    }
    j.finish().await;
}
