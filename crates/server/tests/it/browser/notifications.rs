//! The bell: its count rises when a booking is made through the API while the page stays open,
//! and falls when notifications are read, with no reload; the notifications page, its forms and
//! how it looks on a phone. Screenshots in `artifacts/screenshots/notifications-*`.

use serde_json::{json, Value};

use super::harness::{next_monday, Journey, Seed, COACH_EMAIL, PASSWORD};

/// The bell's badge as shown (`""` when hidden) and its accessible label.
async fn bell(j: &Journey) -> (String, String) {
    let got = j
        .js("const b = document.querySelector('[data-bell-badge]');
             const l = document.querySelector('[data-bell-label]');
             return [b.hidden ? '' : b.textContent.trim(), l.textContent.trim()];")
        .await;
    let pair: Vec<String> = serde_json::from_value(got).unwrap_or_default();
    match pair.as_slice() {
        [badge, label] => (badge.clone(), label.clone()),
        _ => (String::new(), String::new()),
    }
}

/// Waits until the bell shows `count` (the script polls every 15 s).
async fn until_bell_shows(j: &Journey, count: u32) {
    let script = if count == 0 {
        "document.querySelector('[data-bell-badge]').hidden".to_owned()
    } else {
        format!(
            "!document.querySelector('[data-bell-badge]').hidden && \
             document.querySelector('[data-bell-badge]').textContent.trim() === '{count}'"
        )
    };
    j.until(
        &script,
        &format!("the bell to show {count} without a reload"),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bells_count_rises_with_a_booking_and_falls_when_read_without_a_reload() {
    let Some(j) = Journey::start("notifications", Seed::Coach).await else {
        return;
    };
    j.sign_in(COACH_EMAIL, PASSWORD).await;
    j.expect_path("/admin").await;

    let type_id = j.coaching_week().await;

    // Nothing yet: the bell has no badge and says so.
    j.goto("/admin").await;
    j.expect_path("/admin").await;
    let (badge, label) = bell(&j).await;
    j.check(
        badge.is_empty() && label == "Notifications",
        format!("an empty bell, got {badge:?} {label:?}"),
    )
    .await;
    j.shot("bell-empty").await;

    // A booking made through the API while the page stays open: the bell learns of it.
    j.mark_page().await;
    let day = next_monday();
    let book = |time: &str, who: &str| {
        json!({
            "sessionTypeId": type_id, "date": day, "startTime": time,
            "name": who, "email": format!("{}@example.com", who.to_lowercase().replace(' ', "."))
        })
    };
    let b = j
        .api("POST", "/api/bookings", book("10:00", "Noor Haddad"))
        .await;
    j.check(b["status"] == 201, format!("booking: {b}")).await;
    until_bell_shows(&j, 1).await;
    let (_, label) = bell(&j).await;
    j.check(
        label == "Notifications, 1 unread",
        format!("the bell's name is {label:?}"),
    )
    .await;
    j.shot("bell-one").await;

    let b = j
        .api("POST", "/api/bookings", book("13:00", "Sam Lee"))
        .await;
    j.check(b["status"] == 201, format!("second booking: {b}"))
        .await;
    until_bell_shows(&j, 2).await;

    // Reading one (here through the API, as another tab would) brings it down.
    let list = j
        .api("GET", "/api/notifications?unread=true", Value::Null)
        .await;
    let first = list["body"]["items"][0]["id"].clone();
    let read = j
        .api(
            "POST",
            &format!("/api/notifications/{first}/read"),
            json!({}),
        )
        .await;
    j.check(read["status"] == 200, format!("read: {read}"))
        .await;
    until_bell_shows(&j, 1).await;
    j.check_same_page("the count changed without the page reloading")
        .await;
    j.shot("bell-after-read").await;

    // The page: the unread one is marked; "Mark all read" clears the bell.
    j.click_and_load("a.bell").await;
    j.expect_path("/notifications").await;
    let current = j.attr("a.bell", "aria-current").await;
    j.check(
        current.as_deref() == Some("page"),
        "the bell is the current page",
    )
    .await;
    let titles = j.content_all(".notification-title a").await;
    j.check(
        titles == ["New booking: Sam Lee", "New booking: Noor Haddad"],
        format!("newest first: {titles:?}"),
    )
    .await;
    let unread = j
        .content_all(".notification.is-unread .notification-title a")
        .await;
    j.check(
        unread == ["New booking: Noor Haddad"],
        format!("the unread one is marked: {unread:?}"),
    )
    .await;
    j.shot("page").await;
    j.click_and_load(".notifications-read-all button").await;
    j.expect_path("/notifications").await;
    let (badge, label) = bell(&j).await;
    j.check(
        badge.is_empty() && label == "Notifications",
        format!("all read: {badge:?} {label:?}"),
    )
    .await;
    j.check(
        j.all(".notification.is-unread").await.is_empty(),
        "nothing is marked unread",
    )
    .await;
    j.shot("page-all-read").await;

    // A third booking: the open notifications page's bell counts it too, and it is on a phone.
    let b = j
        .api("POST", "/api/bookings", book("15:00", "Kim Park"))
        .await;
    j.check(b["status"] == 201, format!("third booking: {b}"))
        .await;
    until_bell_shows(&j, 1).await;
    j.device(390, 844, true).await;
    j.goto("/notifications").await;
    j.expect_path("/notifications").await;
    let overflow = j
        .js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        .await;
    j.check(
        overflow.as_i64().is_some_and(|o| o <= 0),
        format!("the page scrolls sideways by {overflow}px on a phone"),
    )
    .await;
    j.check(
        j.displayed("a.bell").await,
        "the bell shows on a phone with the menu folded",
    )
    .await;
    j.shot("phone").await;
    j.click_and_load(".notification.is-unread .notification-read button")
        .await;
    j.expect_path("/notifications").await;
    let (badge, _) = bell(&j).await;
    j.check(
        badge.is_empty(),
        format!("read from its own button: {badge:?}"),
    )
    .await;
    j.shot("phone-read").await;

    // Opening an unread one marks it read on the way to what it is about.
    let b = j
        .api("POST", "/api/bookings", book("16:00", "Lea Roux"))
        .await;
    j.check(b["status"] == 201, format!("fourth booking: {b}"))
        .await;
    j.goto("/notifications").await;
    j.expect_path("/notifications").await;
    let (badge, _) = bell(&j).await;
    j.check(badge == "1", format!("one unread again: {badge:?}"))
        .await;
    j.click_and_load(".notification.is-unread .notification-title a")
        .await;
    j.expect_path("/admin/bookings?when=all").await;
    let (badge, label) = bell(&j).await;
    j.check(
        badge.is_empty() && label == "Notifications",
        format!("opened, so read: {badge:?} {label:?}"),
    )
    .await;
    let target = j
        .js("return document.querySelector('.booking-row.is-target .booking-who strong')?.textContent ?? ''")
        .await;
    j.check(
        target.as_str().is_some_and(|t| t.contains("Lea Roux")),
        format!("the booking it is about is marked: {target}"),
    )
    .await;
    j.shot("phone-opened").await;

    j.finish().await;
}
