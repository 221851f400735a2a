//! Browser journeys through the BookSessionModal: the real binary in headless Chromium, with
//! screenshots in `artifacts/screenshots/`. Skips without Chromium, except under `CI=true`.

#[path = "browser/harness.rs"]
mod harness;

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use harness::{Journey, Seed, COACH_EMAIL, PASSWORD};
use serde_json::{json, Value};

/// Calls the JSON API from the signed-in page (the session cookie authenticates it).
async fn api(j: &Journey, method: &str, path: &str, body: Value) -> Value {
    let script = r#"
        const [method, path, body, done] = arguments;
        fetch(path, { method, headers: { "content-type": "application/json" },
                      body: method === "GET" ? undefined : JSON.stringify(body) })
          .then(async (r) => done({ status: r.status, body: await r.json().catch(() => null) }))
          .catch((e) => done({ status: 0, body: String(e) }));
    "#;
    j.client
        .execute_async(script, vec![json!(method), json!(path), body])
        .await
        .unwrap_or_else(|e| panic!("[{}] api {method} {path}: {e}", j.name))
}

/// Waits until `script` (an expression) is truthy in the page.
async fn until(j: &Journey, script: &str, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if j.js(&format!("return Boolean({script});")).await == json!(true) {
            return;
        }
        if Instant::now() > deadline {
            j.fail::<()>(format!("waited for {what}")).await;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Sets an input's value as the date and time pickers would, firing `input` and `change`.
async fn set(j: &Journey, css: &str, value: &str) {
    j.find(css).await;
    j.client
        .execute(
            "const el = document.querySelector(arguments[0]); el.value = arguments[1];
             el.dispatchEvent(new Event('input', {bubbles: true}));
             el.dispatchEvent(new Event('change', {bubbles: true}));",
            vec![json!(css), json!(value)],
        )
        .await
        .expect("set a field");
}

/// The first Monday at least two days ahead, as `YYYY-MM-DD`.
fn next_monday() -> String {
    let mut d = jiff::Zoned::now()
        .date()
        .tomorrow()
        .unwrap()
        .tomorrow()
        .unwrap();
    while d.weekday() != jiff::civil::Weekday::Monday {
        d = d.tomorrow().unwrap();
    }
    d.to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coach_books_from_the_bookings_page_and_sees_conflicts_before_saving() {
    let Some(j) = Journey::start("bookings", Seed::Coach).await else {
        return;
    };
    j.sign_in(COACH_EMAIL, PASSWORD).await;
    j.expect_path("/admin").await;

    // Before any session type, the page says what to do first.
    j.goto("/admin/bookings").await;
    let empty = j.content(".empty-state").await;
    j.check(
        empty.contains("Create a session type first"),
        format!("empty state: {empty}"),
    )
    .await;

    let t = api(
        &j,
        "POST",
        "/api/session-types",
        json!({"name": "Coaching session", "durationMinutes": 60}),
    )
    .await;
    j.check(t["status"] == 201, format!("session type: {t}"))
        .await;
    let rules: Vec<Value> = (1..=5)
        .map(|d| json!({"weekday": d, "start": "09:00", "end": "17:00"}))
        .collect();
    let r = api(
        &j,
        "PUT",
        "/api/availability/rules",
        json!({ "rules": rules }),
    )
    .await;
    j.check(r["status"] == 200, format!("rules: {r}")).await;
    let monday = next_monday();
    let existing = api(
        &j,
        "POST",
        "/api/bookings",
        json!({
            "sessionTypeId": t["body"]["id"], "date": monday, "startTime": "10:00",
            "name": "Existing Client", "email": "existing@example.com"
        }),
    )
    .await;
    j.check(
        existing["status"] == 201,
        format!("existing booking: {existing}"),
    )
    .await;

    j.goto("/admin/bookings").await;
    let rows = j.content_all(".booking-row .booking-who strong").await;
    j.check(rows == ["Existing Client"], format!("rows: {rows:?}"))
        .await;
    j.shot("list").await;

    // The modal opens in place; "Custom" is chosen from the keyboard.
    j.js("window.__samePage = true;").await;
    j.find("a[data-book-session]")
        .await
        .click()
        .await
        .expect("open the modal");
    until(
        &j,
        "document.querySelector('dialog[data-bs-dialog]').open",
        "the dialog to open",
    )
    .await;
    let search = j.find("#bs-client").await;
    until(
        &j,
        "document.activeElement?.id === 'bs-client'",
        "focus in the client search",
    )
    .await;
    until(
        &j,
        "!document.querySelector('#bs-client-list').hidden",
        "the client list",
    )
    .await;
    let options = j.content_all("#bs-client-list [role=option]").await;
    j.check(
        options.last().is_some_and(|o| o.starts_with("Custom")),
        format!("options: {options:?}"),
    )
    .await;
    search
        .send_keys(&format!("{}", Key::Enter))
        .await
        .expect("choose custom");
    until(
        &j,
        "document.activeElement?.id === 'name'",
        "focus on the name after Custom",
    )
    .await;
    j.fill("#name", "Rosa Diaz").await;
    j.fill("#email", "rosa@example.com").await;

    // A collision shows before saving, naming what is in the way.
    set(&j, "#date", &monday).await;
    set(&j, "#startTime", "10:30").await;
    until(
        &j,
        "document.querySelector('[data-bs-check]').classList.contains('bad')",
        "the conflict warning",
    )
    .await;
    let warning = j.content("[data-bs-check]").await;
    j.check(
        warning.contains("collides with another session"),
        format!("check says {warning:?}"),
    )
    .await;
    let end = j.value("#endTime").await;
    j.check(
        end == "11:30",
        format!("end time follows the duration, got {end}"),
    )
    .await;
    j.shot("modal-conflict").await;

    // Outside the hours: the coach may override deliberately.
    set(&j, "#startTime", "18:00").await;
    until(
        &j,
        "document.querySelector('[data-bs-check]').classList.contains('warn')",
        "the outside-hours warning",
    )
    .await;
    j.check(
        j.displayed("[data-bs-override]").await,
        "the override checkbox shows",
    )
    .await;
    j.shot("modal-outside-hours").await;

    set(&j, "#startTime", "13:00").await;
    until(
        &j,
        "document.querySelector('[data-bs-check]').classList.contains('ok')",
        "the time to be free",
    )
    .await;

    // A server error lands beside its field.
    j.fill("#email", "rosa-at-example").await;
    j.find("[data-bs-submit]")
        .await
        .click()
        .await
        .expect("submit");
    until(
        &j,
        "document.querySelector('#email-error')",
        "the email error",
    )
    .await;
    let err = j.content("#email-error").await;
    j.check(
        err.to_lowercase().contains("email"),
        format!("email error: {err}"),
    )
    .await;
    j.shot("modal-field-error").await;

    j.fill("#email", "rosa@example.com").await;
    j.find("[data-bs-submit]")
        .await
        .click()
        .await
        .expect("submit");
    until(
        &j,
        "!document.querySelector('dialog[data-bs-dialog]').open",
        "the dialog to close",
    )
    .await;
    until(&j, "[...document.querySelectorAll('.booking-row strong')].some(e => e.textContent === 'Rosa Diaz')", "the new row").await;
    j.check(
        j.js("return window.__samePage === true;").await == json!(true),
        "no page reload",
    )
    .await;
    let notice = j.content("main > .notice").await;
    j.check(notice.contains("Rosa Diaz"), format!("notice: {notice}"))
        .await;
    j.shot("booked").await;

    // Cancelling with a reason from the row's menu.
    let row = "[data-booking-id]:nth-child(2)";
    let name = j.content(&format!("{row} .booking-who strong")).await;
    j.check(name == "Rosa Diaz", format!("second row is {name}"))
        .await;
    j.find(&format!("{row} .cancel-menu summary"))
        .await
        .click()
        .await
        .expect("open cancel");
    j.fill(
        &format!("{row} input[name=reason]"),
        "Rosa asked to move it",
    )
    .await;
    j.click_and_load(&format!("{row} button[value=cancel]"))
        .await;
    let status = j.content(&format!("{row} .status-badge")).await;
    j.check(
        status == "Cancelled",
        format!("status after cancel: {status}"),
    )
    .await;

    let filtered = {
        j.goto("/admin/bookings?status=cancelled&when=all").await;
        j.content_all(".booking-row .booking-who strong").await
    };
    j.check(
        filtered == ["Rosa Diaz"],
        format!("cancelled filter: {filtered:?}"),
    )
    .await;

    // On a phone the modal fills the screen and stays usable.
    j.goto("/admin/bookings").await;
    j.client
        .set_window_size(390, 844)
        .await
        .expect("phone size");
    j.find("a[data-book-session]")
        .await
        .click()
        .await
        .expect("open on phone");
    until(
        &j,
        "document.querySelector('dialog[data-bs-dialog]').open",
        "the dialog on a phone",
    )
    .await;
    j.shot("phone-modal").await;
    j.finish().await;
}
