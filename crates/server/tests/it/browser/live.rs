//! Live updates in the browser: two windows on the coach's page, one books an open time, and the
//! other, never reloaded, sees that time go (and a "Booked" block come). Once against one server
//! on SQLite, once across two server processes on one PostgreSQL (window 1 on node 1, window 2 on
//! node 2). Each prints how long the other window took to show it; screenshots of both windows
//! before and after in `artifacts/screenshots/`.

use std::time::Instant;

use fantoccini::wd::WindowHandle;
use serde_json::{json, Value};

use super::harness::{next_monday, Journey, Seed, COACH_EMAIL, PASSWORD};
use crate::harness::cluster::Cluster;
use crate::harness::{postgres_available, Backend};

/// Opens `url` in the current window and waits until the calendar has loaded its times.
async fn open_calendar(j: &Journey, url: &str, monday: &str) {
    if let Err(e) = j.client.goto(url).await {
        j.fail::<()>(format!("could not open {url}: {e}")).await;
    }
    j.until(
        &format!("document.querySelector(\"[data-date='{monday}'] button.cp-slot\")"),
        "the calendar's open times",
    )
    .await;
    j.settle().await;
}

async fn switch(j: &Journey, to: &WindowHandle) {
    j.client
        .switch_to_window(to.clone())
        .await
        .unwrap_or_else(|e| panic!("[{}] switch windows: {e}", j.name));
}

/// Window 1 shows the calendar at `one`, window 2 at `two` (both the coach's page, for the week
/// of `monday`). Window 2 books the first open time on that Monday; window 1 must show it gone
/// without a reload.
async fn book_in_one_window_and_watch_the_other(j: &Journey, one: &str, two: &str, monday: &str) {
    let first = j.client.window().await.expect("the first window");
    open_calendar(j, one, monday).await;
    let slot = format!("[data-date='{monday}'] button.cp-slot");
    let start = j
        .attr(&slot, "data-start")
        .await
        .unwrap_or_else(|| panic!("[{}] an open time says when it starts", j.name));
    let this_slot = format!("button.cp-slot[data-start=\"{start}\"]");
    // Set on this document only: a reload would lose it.
    j.js("window.__coachbookNoReload = true; return true;")
        .await;
    j.shot("window-1-before").await;

    let second = j
        .client
        .new_window(false)
        .await
        .expect("a second window")
        .handle;
    switch(j, &second).await;
    open_calendar(j, two, monday).await;
    j.shot("window-2-before").await;
    j.click(&this_slot).await;
    j.until(
        "document.querySelector('[data-cp-dialog]').open",
        "the booking dialog",
    )
    .await;
    j.fill("#cp-name", "Lena Visitor").await;
    j.fill("#cp-email", "lena@example.com").await;
    j.click("[data-cp-submit]").await;
    j.until(
        "!document.querySelector('[data-cp-done]').hidden",
        "the confirmation",
    )
    .await;
    let booked_at = Instant::now();
    j.shot("window-2-booked").await;

    switch(j, &first).await;
    j.until(
        &format!("!document.querySelector({:?})", this_slot),
        "the booked time to go from the other window",
    )
    .await;
    let took = booked_at.elapsed();
    println!(
        "[{}] the other window showed the time gone {took:?} after the booking was confirmed",
        j.name
    );
    let reloaded = j.js("return window.__coachbookNoReload !== true;").await;
    j.check(
        reloaded == json!(false),
        "the first window updated without a reload",
    )
    .await;
    let blocks: Value = j
        .js(&format!(
            "return [...document.querySelectorAll(\"[data-date='{monday}'] .cp-booked\")].map((b) => b.textContent)"
        ))
        .await;
    j.check(
        blocks.as_array().is_some_and(|b| {
            b.iter()
                .any(|t| t.as_str().is_some_and(|t| t.contains("Booked")))
        }),
        format!("a Booked block shows instead: {blocks}"),
    )
    .await;
    let page = j.js("return document.body.innerText").await;
    j.check(
        !page.as_str().unwrap_or_default().contains("Lena"),
        "the other window does not name who booked",
    )
    .await;
    j.settle().await;
    j.shot("window-1-after").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_time_booked_in_one_window_goes_from_the_other_without_a_reload() {
    let Some(j) = Journey::start("live", Seed::Coach).await else {
        return;
    };
    j.sign_in(COACH_EMAIL, PASSWORD).await;
    j.expect_path("/admin").await;
    j.coaching_week().await;
    j.client.delete_all_cookies().await.expect("sign out");
    let monday = next_monday();
    let page = j.url(&format!("/c/ana?week={monday}"));
    book_in_one_window_and_watch_the_other(&j, &page, &page, &monday).await;
    j.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn across_two_nodes_on_postgresql_a_time_booked_on_one_goes_from_the_other() {
    if !postgres_available().await {
        return;
    }
    // The journey's own server is not used: the windows go to the two nodes.
    let Some(j) = Journey::start("live-nodes", Seed::Empty).await else {
        return;
    };
    let cluster = Cluster::start(Backend::Postgres, 2).await;
    let token = cluster.app.coach_token().await;
    cluster
        .app
        .session_type(
            &token,
            json!({"name": "Coaching session", "durationMinutes": 60}),
        )
        .await;
    let rules: Vec<Value> = (1..=5)
        .map(|d| json!({"weekday": d, "start": "09:00", "end": "17:00"}))
        .collect();
    let (status, saved) = cluster
        .app
        .put(&token, "/api/availability/rules", json!({ "rules": rules }))
        .await;
    assert_eq!(status, 200, "{saved}");
    let monday = next_monday();
    let at = |node: usize| format!("{}/c/ana-ruiz?week={monday}", cluster.nodes[node].base);
    book_in_one_window_and_watch_the_other(&j, &at(0), &at(1), &monday).await;
    j.finish().await;
}
