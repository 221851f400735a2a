//! The outbox in the browser: a booking's email listed at /admin/emails, and its HTML part as the
//! recipient sees it, with screenshots in `artifacts/screenshots/`. Skips without Chromium, except
//! under `CI=true`.

use super::harness::{next_monday, Journey, Seed, COACH_EMAIL, PASSWORD};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coach_reads_a_booking_email_as_the_client_sees_it() {
    let Some(j) = Journey::start("emails", Seed::Coach).await else {
        return;
    };
    j.sign_in(COACH_EMAIL, PASSWORD).await;
    j.expect_path("/admin").await;
    let type_id = j.coaching_week().await;
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

    j.goto("/admin/settings").await;
    j.click_and_load("a[href='/admin/emails']").await;
    j.expect_path("/admin/emails").await;
    let rows = j.texts(".email-row").await;
    j.check(
        rows.len() == 1 && rows[0].contains("Booked: Coaching session"),
        format!("the outbox lists the booking's email: {rows:?}"),
    )
    .await;
    j.shot("outbox").await;

    j.click_and_load(".email-row a").await;
    let href = j
        .attr("iframe.email-preview", "src")
        .await
        .unwrap_or_default();
    j.check(
        href.ends_with("/html"),
        format!("the HTML part is framed: {href}"),
    )
    .await;
    j.shot("email").await;

    // The HTML part on its own, at a phone's width and a desktop's.
    j.goto(&href).await;
    let heading = j.text("h1").await;
    j.check(heading == "You're booked", format!("heading: {heading}"))
        .await;
    let styled = j
        .js("return getComputedStyle(document.querySelector('h1')).fontSize")
        .await;
    j.check(
        styled == "22px",
        format!("the email's inline styles apply: {styled}"),
    )
    .await;
    j.shot("html-part").await;
    j.finish().await;
}
