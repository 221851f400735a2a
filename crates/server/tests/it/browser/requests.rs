//! Browser journey for session requests: a visitor asks for times the coach does not offer on
//! `/c/{slug}/request` (laptop and phone width), the coach approves one request's time and
//! declines another with a reason on `/admin/requests`. Screenshots in
//! `artifacts/screenshots/requests-*`.

use serde_json::Value;

use super::harness::{next_monday, Journey, Seed, COACH_EMAIL, PASSWORD};

/// How far the page scrolls sideways (0 when it fits).
async fn overflow(j: &Journey) -> i64 {
    j.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        .await
        .as_i64()
        .unwrap_or(i64::MAX)
}

/// The day after `date` (`YYYY-MM-DD`).
fn next_day(date: &str) -> String {
    let d: jiff::civil::Date = date.parse().expect("a date");
    d.tomorrow().expect("a next day").to_string()
}

/// Fills the request form as a visitor and sends it; ends on the "sent" page.
async fn ask(j: &Journey, who: (&str, &str), times: &[(&str, &str)], step: &str) {
    j.goto("/c/ana/request").await;
    j.expect_path("/c/ana/request").await;
    for (i, (date, time)) in times.iter().enumerate() {
        j.set(&format!("#date{i}"), date).await;
        j.set(&format!("#time{i}"), time).await;
    }
    j.set("#timeZone", "Europe/London").await;
    j.fill("#message", "Evenings suit me best.").await;
    j.fill("#name", who.0).await;
    j.fill("#email", who.1).await;
    j.shot(&format!("{step}-form")).await;
    j.click_and_load("form[action='/c/ana/request'] button[type=submit]")
        .await;
    j.expect_path("/c/ana/request?sent=1").await;
    let said = j.content("#request-sent").await;
    j.check(
        said.contains("Your request is with"),
        format!("the sent page says what happens next: {said}"),
    )
    .await;
    j.shot(&format!("{step}-sent")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_asks_for_times_and_the_coach_approves_one_and_declines_another() {
    let Some(j) = Journey::start("requests", Seed::Coach).await else {
        return;
    };
    j.sign_in(COACH_EMAIL, PASSWORD).await;
    j.expect_path("/admin").await;
    j.coaching_week().await;
    j.client.delete_all_cookies().await.expect("sign out");

    let monday = next_monday();
    let tuesday = next_day(&monday);
    j.device(1280, 900, false).await;
    ask(
        &j,
        ("Noor Haddad", "noor@example.com"),
        &[(&monday, "19:00"), (&tuesday, "18:00")],
        "laptop",
    )
    .await;

    // A mistake shows beside its field, at phone width too, and the page fits.
    j.device(390, 844, true).await;
    j.goto("/c/ana/request").await;
    j.set("#date0", &monday).await;
    j.fill("#name", "Sam Lee").await;
    j.fill("#email", "sam@example.com").await;
    j.click_and_load("form[action='/c/ana/request'] button[type=submit]")
        .await;
    let error = j.content("#slot0-error").await;
    j.check(
        error == "Give both a date and a time.",
        format!("the slot's error: {error}"),
    )
    .await;
    j.check(overflow(&j).await == 0, "the form fits a phone")
        .await;
    j.full_shot("phone-error").await;
    ask(
        &j,
        ("Sam Lee", "sam@example.com"),
        &[(&tuesday, "07:30")],
        "phone",
    )
    .await;

    // The coach answers.
    j.device(1280, 900, false).await;
    j.sign_in(COACH_EMAIL, PASSWORD).await;
    j.expect_path("/admin").await;
    let dash = j.content("#dashboard-requests").await;
    j.check(
        dash.contains("2 requests"),
        format!("the dashboard counts them: {dash}"),
    )
    .await;
    let list = j.api("GET", "/api/session-requests", Value::Null).await;
    let sam = list["body"][0]["id"].as_i64().unwrap_or_default();
    let noor = list["body"][1]["id"].as_i64().unwrap_or_default();
    j.click_and_load("a[href='/admin/requests']").await;
    j.expect_path("/admin/requests").await;
    j.full_shot("coach-list").await;

    j.click_and_load(&format!(
        "#request-{noor} form[action='/admin/requests/{noor}/approve'] input[value='1'] ~ button"
    ))
    .await;
    let notice = j.content(".notice").await;
    j.check(
        notice.starts_with("Approved: Noor Haddad is booked."),
        format!("notice: {notice}"),
    )
    .await;

    j.click(&format!("#decline-{sam} summary")).await;
    j.fill(&format!("#reason-{sam}"), "I am away that week.")
        .await;
    j.shot("decline-confirm").await;
    j.click_and_load(&format!("#decline-{sam} button[type=submit]"))
        .await;
    let notice = j.content(".notice").await;
    j.check(
        notice.contains("Sam Lee has been emailed your reason"),
        format!("notice: {notice}"),
    )
    .await;

    let all = j.api("GET", "/api/session-requests", Value::Null).await;
    j.check(
        all["body"][0]["status"] == "declined" && all["body"][1]["status"] == "approved",
        format!("statuses: {all}"),
    )
    .await;
    let booking = all["body"][1]["bookingId"].as_i64().unwrap_or_default();
    let b = j
        .api("GET", &format!("/api/bookings/{booking}"), Value::Null)
        .await;
    j.check(
        b["body"]["name"] == "Noor Haddad",
        format!("the approved time is booked: {b}"),
    )
    .await;

    j.goto("/admin/requests?show=all").await;
    j.full_shot("coach-all").await;
    j.device(390, 844, true).await;
    j.goto("/admin/requests?show=all").await;
    j.check(overflow(&j).await == 0, "the Requests page fits a phone")
        .await;
    j.full_shot("coach-phone").await;
    j.finish().await;
}
