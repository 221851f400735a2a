//! Browser journeys on the coach's page `/c/{slug}`: a visitor books an open time in the dialog
//! at laptop and phone widths and gets "Add to calendar" and the manage link; the time zone
//! switch changes the times shown. Screenshots in `artifacts/screenshots/`.

use super::harness::{next_monday, Journey, Seed, COACH_EMAIL, PASSWORD};

/// Sets the practice up as the coach (a 60-minute type, weekday hours 09:00–17:00), then forgets
/// the session: what follows is a visitor.
async fn practice(j: &Journey) {
    j.sign_in(COACH_EMAIL, PASSWORD).await;
    j.expect_path("/admin").await;
    j.coaching_week().await;
    j.client.delete_all_cookies().await.expect("sign out");
}

/// Books the first open time shown as a visitor and checks the confirmation.
async fn book_first_slot(j: &Journey, slot: &str, who: (&str, &str), step: &str) {
    j.click(slot).await;
    j.until(
        "document.querySelector('[data-cp-dialog]').open",
        "the booking dialog",
    )
    .await;
    j.fill("#cp-name", who.0).await;
    j.fill("#cp-email", who.1).await;
    j.shot(&format!("{step}-dialog")).await;
    j.click("[data-cp-submit]").await;
    j.until(
        "!document.querySelector('[data-cp-done]').hidden",
        "the confirmation",
    )
    .await;
    j.settle().await;
    j.shot(&format!("{step}-booked")).await;
    let ics = j.attr("[data-cp-ics]", "href").await.unwrap_or_default();
    j.check(
        ics.starts_with("/b/") && ics.ends_with("/calendar.ics"),
        format!("Add to calendar links the booking's .ics: {ics}"),
    )
    .await;
    let manage = j.attr("[data-cp-manage]", "href").await.unwrap_or_default();
    j.check(
        manage.starts_with("/b/") && manage.len() == 35,
        format!("manage link: {manage}"),
    )
    .await;
    let title = j.content("[data-cp-dialog-title]").await;
    j.check(title == "You're booked", format!("title: {title}"))
        .await;
    let add = j.content("[data-cp-ics]").await;
    j.check(add == "Add to calendar", format!("button: {add}"))
        .await;
    // The .ics is served, and it is this booking's.
    let body = j
        .js(&format!("return fetch('{ics}').then((r) => r.text())",))
        .await;
    j.check(
        body.as_str().is_some_and(|t| t.contains("BEGIN:VEVENT")),
        format!("the .ics: {body}"),
    )
    .await;
}

/// How far the page scrolls sideways (0 when it fits).
async fn overflow(j: &Journey) -> i64 {
    j.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        .await
        .as_i64()
        .unwrap_or(i64::MAX)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_books_on_the_coachs_page_at_laptop_and_phone_width() {
    let Some(j) = Journey::start("coach-page", Seed::Coach).await else {
        return;
    };
    practice(&j).await;
    let monday = next_monday();

    // Laptop: the week view, in the zone asked for.
    j.device(1280, 900, false).await;
    j.goto(&format!("/c/ana?week={monday}&tz=Europe/London"))
        .await;
    j.until(
        "document.querySelector('.cp-week .cp-slot')",
        "the week view with open times",
    )
    .await;
    j.settle().await;
    j.full_shot("week").await;
    let first = j.content(".cp-week .cp-slot .cp-time").await;
    j.check(
        first == "09:00",
        format!("first open time in London: {first}"),
    )
    .await;
    j.check(overflow(&j).await <= 0, "the page fits the laptop")
        .await;

    // The time zone switch changes the times shown, and is remembered.
    j.set("[data-cp-tz]", "Asia/Tokyo").await;
    j.until(
        "document.querySelector('.cp-week .cp-slot .cp-time')?.textContent !== '09:00'",
        "times in Tokyo",
    )
    .await;
    let hint = j.content("[data-cp-nav] + .hint").await;
    j.check(hint.contains("Asia/Tokyo"), format!("hint: {hint}"))
        .await;
    let times = j.content_all(".cp-week .cp-slot .cp-time").await;
    j.check(
        times.iter().any(|t| t == "18:00"),
        format!("09:00 London is 18:00 in Tokyo: {times:?}"),
    )
    .await;
    j.shot("week-tokyo").await;
    let kept = j
        .js("return localStorage.getItem('coachbook.timeZone')")
        .await;
    j.check(kept == "Asia/Tokyo", format!("remembered: {kept}"))
        .await;
    j.set("[data-cp-tz]", "Europe/London").await;
    j.until(
        "document.querySelector('.cp-week .cp-slot .cp-time')?.textContent === '09:00'",
        "times in London again",
    )
    .await;

    // The month view lists the days with open times.
    j.click("[data-view=month]").await;
    j.until(
        "document.querySelector('.cp-month .cp-month-cell')",
        "the month view",
    )
    .await;
    j.shot("month").await;
    j.click("[data-view=week]").await;
    j.until(
        "document.querySelector('.cp-week .cp-slot')",
        "the week view again",
    )
    .await;

    book_first_slot(
        &j,
        ".cp-week .cp-slot",
        ("Vi Visitor", "vi@example.com"),
        "laptop",
    )
    .await;
    j.click("[data-cp-cancel]").await;
    j.until(
        "document.querySelector('.cp-week .cp-slot .cp-time')?.textContent !== '09:00'",
        "the booked time gone from the calendar",
    )
    .await;

    // Phone: the list view by default, nothing runs off the screen.
    j.device(390, 844, true).await;
    j.goto(&format!("/c/ana?week={monday}&tz=Europe/London"))
        .await;
    j.until(
        "document.querySelector('[data-coach-page]').dataset.cpReady && document.querySelector('.cp-days button.cp-slot')",
        "the list view on a phone",
    )
    .await;
    j.settle().await;
    j.full_shot("phone-list").await;
    j.check(overflow(&j).await <= 0, "the page fits a 390 px phone")
        .await;
    book_first_slot(
        &j,
        ".cp-days .cp-slot",
        ("Pia Phone", "pia@example.com"),
        "phone",
    )
    .await;
    j.check(overflow(&j).await <= 0, "the dialog fits a 390 px phone")
        .await;
    j.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_script_a_visitor_books_through_the_confirm_page() {
    let Some(j) = Journey::start("coach-page-noscript", Seed::Coach).await else {
        return;
    };
    practice(&j).await;
    let monday = next_monday();
    // The links of the server-rendered list work on their own: follow one by its address.
    j.goto(&format!("/c/ana?week={monday}&tz=Europe/London"))
        .await;
    let href = j
        .attr(".cp-days a.cp-slot", "href")
        .await
        .unwrap_or_default();
    j.check(
        href.starts_with("/c/ana/book?"),
        format!("slot link: {href}"),
    )
    .await;
    j.goto(&href).await;
    j.fill("#name", "Nia Noscript").await;
    j.fill("#email", "nia@example.com").await;
    j.shot("confirm").await;
    j.click_and_load("form[action='/c/ana/book'] button[type=submit]")
        .await;
    let path = j.path().await;
    j.check(
        path.starts_with("/c/ana/booked/"),
        format!("confirmation: {path}"),
    )
    .await;
    let add = j.content(".cp-confirmation a[download]").await;
    j.check(add == "Add to calendar", add.clone()).await;
    j.shot("booked").await;
    j.finish().await;
}
