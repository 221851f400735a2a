//! Browser journeys through the BookSessionModal: the real binary in headless Chromium, with
//! screenshots in `artifacts/screenshots/`. Skips without Chromium, except under `CI=true`.

use super::harness::{next_monday, Journey, Seed, COACH_EMAIL, PASSWORD};
use fantoccini::key::Key;
use serde_json::{json, Value};

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

    let type_id = j.coaching_week().await;
    let monday = next_monday();
    let existing = j
        .api(
            "POST",
            "/api/bookings",
            json!({
                "sessionTypeId": type_id, "date": monday, "startTime": "10:00",
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
    j.mark_page().await;
    j.find("a[data-book-session]")
        .await
        .click()
        .await
        .expect("open the modal");
    j.until(
        "document.querySelector('dialog[data-bs-dialog]').open",
        "the dialog to open",
    )
    .await;
    let search = j.find("#bs-client").await;
    j.until(
        "document.activeElement?.id === 'bs-client'",
        "focus in the client search",
    )
    .await;
    j.until(
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
    // What was typed in the search is not lost: choosing "Custom" makes it the name.
    search.send_keys("Rosa Diaz").await.expect("type a name");
    j.until(
        "(() => { const o = [...document.querySelectorAll('#bs-client-list [role=option]')]; \
          return o.length === 1 && o[0].textContent.startsWith('Custom'); })()",
        "only Custom to match a new name",
    )
    .await;
    search
        .send_keys(&format!("{}", Key::Enter))
        .await
        .expect("choose custom");
    j.until(
        "document.activeElement?.id === 'name'",
        "focus on the name after Custom",
    )
    .await;
    let typed = j.value("#name").await;
    j.check(
        typed == "Rosa Diaz",
        format!("the search text becomes the name, got {typed:?}"),
    )
    .await;
    j.fill("#email", "rosa@example.com").await;

    // A collision shows before saving, naming what is in the way.
    j.set("#date", &monday).await;
    j.set("#startTime", "10:30").await;
    j.until(
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
    j.set("#startTime", "18:00").await;
    j.until(
        "document.querySelector('[data-bs-check]').classList.contains('warn')",
        "the outside-hours warning",
    )
    .await;
    j.check(
        j.displayed("[data-bs-override]").await,
        "the override checkbox shows",
    )
    .await;
    // People's words, not the API's: no JSON field names on the page.
    let warning = j.content("[data-bs-check]").await;
    j.check(
        warning.contains("outside your weekly hours") && !warning.contains("overrideAvailability"),
        format!("outside-hours warning reads {warning:?}"),
    )
    .await;
    let label = j.content("[data-bs-override-label]").await;
    j.check(
        label == "Book outside my hours anyway",
        format!("override label {label:?}"),
    )
    .await;
    j.shot("modal-outside-hours").await;

    // A time in the past says so, and the checkbox says what ticking it does.
    let last_week = jiff::civil::Date::strptime("%Y-%m-%d", &monday)
        .unwrap()
        .checked_sub(jiff::Span::new().days(14))
        .unwrap()
        .to_string();
    j.set("#date", &last_week).await;
    j.set("#startTime", "10:00").await;
    j.until(
        "document.querySelector('[data-bs-check]').textContent.includes('in the past')",
        "the in-the-past warning",
    )
    .await;
    let label = j.content("[data-bs-override-label]").await;
    j.check(
        label == "Record this past session anyway",
        format!("past override label {label:?}"),
    )
    .await;
    j.shot("modal-in-the-past").await;
    j.set("#date", &monday).await;

    j.set("#startTime", "13:00").await;
    j.until(
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
    j.until("document.querySelector('#email-error')", "the email error")
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
    j.until(
        "!document.querySelector('dialog[data-bs-dialog]').open",
        "the dialog to close",
    )
    .await;
    j.until("[...document.querySelectorAll('.booking-row strong')].some(e => e.textContent === 'Rosa Diaz')", "the new row").await;
    j.check_same_page("no page reload").await;
    let notice = j.content("main > .notice").await;
    j.check(notice.contains("Rosa Diaz"), format!("notice: {notice}"))
        .await;
    j.shot("booked").await;

    // Escape on a half-filled booking asks first; "Keep editing" keeps every letter.
    j.find("a[data-book-session]")
        .await
        .click()
        .await
        .expect("open the modal again");
    j.until(
        "document.querySelector('dialog[data-bs-dialog]').open",
        "the dialog to open again",
    )
    .await;
    j.find("#bs-client")
        .await
        .send_keys("Half typed")
        .await
        .expect("type in the search");
    j.set("#notes", "Bring the worksheet").await;
    // The first Escape closes the open client list (not the dialog), the second asks.
    j.until(
        "!document.querySelector('#bs-client-list').hidden",
        "the client list while typing",
    )
    .await;
    j.press(Key::Escape).await;
    j.until(
        "document.querySelector('#bs-client-list').hidden",
        "Escape to close the list",
    )
    .await;
    j.press(Key::Escape).await;
    j.until(
        "!document.querySelector('[data-bs-discard]').hidden",
        "the discard question",
    )
    .await;
    j.check(
        j.js("return document.querySelector('dialog[data-bs-dialog]').open")
            .await
            == json!(true),
        "Escape did not throw the booking away",
    )
    .await;
    j.shot("modal-discard-question").await;
    j.find("[data-bs-discard-no]")
        .await
        .click()
        .await
        .expect("keep editing");
    let notes = j.value("#notes").await;
    j.check(
        notes == "Bring the worksheet",
        format!("notes kept: {notes:?}"),
    )
    .await;
    j.press(Key::Escape).await;
    j.until(
        "!document.querySelector('[data-bs-discard]').hidden",
        "the discard question again",
    )
    .await;
    j.find("[data-bs-discard-yes]")
        .await
        .click()
        .await
        .expect("discard");
    j.until(
        "!document.querySelector('dialog[data-bs-dialog]').open",
        "the dialog to close after Discard",
    )
    .await;

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
    j.until(
        "document.querySelector('dialog[data-bs-dialog]').open",
        "the dialog on a phone",
    )
    .await;
    j.shot("phone-modal").await;
    j.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_discovery_call_is_booked_from_an_application_and_follows_the_promoted_client() {
    let Some(j) = Journey::start("discovery", Seed::Coach).await else {
        return;
    };
    j.sign_in(COACH_EMAIL, PASSWORD).await;
    j.expect_path("/admin").await;
    let coaching = j
        .api(
            "POST",
            "/api/session-types",
            json!({"name": "Coaching session", "durationMinutes": 60}),
        )
        .await;
    j.api(
        "POST",
        "/api/session-types",
        json!({"name": "Discovery call", "kind": "discovery", "durationMinutes": 30}),
    )
    .await;
    let rules: Vec<Value> = (1..=5)
        .map(|d| json!({"weekday": d, "start": "09:00", "end": "17:00"}))
        .collect();
    j.api("PUT", "/api/availability/rules", json!({ "rules": rules }))
        .await;
    let package = j.api("POST", "/api/coaching/packages", json!({
        "name": "Six sessions", "sessionTypeId": coaching["body"]["id"], "sessionCount": 6, "sessionMinutes": 45
    })).await;
    j.check(package["status"] == 201, format!("package: {package}"))
        .await;
    let a = j
        .api(
            "POST",
            "/api/coaching/applications",
            json!({"name": "Kai Lindqvist", "email": "kai@example.com", "goals": "Lead my team"}),
        )
        .await;
    let app_id = a["body"]["id"].as_i64().unwrap_or_default();
    let monday = next_monday();

    // Schedule discovery call: the modal knows the applicant and the type.
    j.goto("/admin/applications").await;
    j.mark_page().await;
    j.click(&format!("#application-{app_id} [data-book-session]"))
        .await;
    j.until(
        "document.querySelector('dialog[data-bs-dialog]').open",
        "the dialog",
    )
    .await;
    let title = j.content("[data-bs-title]").await;
    j.check(title.contains("Kai Lindqvist"), format!("title: {title}"))
        .await;
    let chosen = j.content("[data-bs-chosen]").await;
    j.check(
        chosen.contains("Applicant") && chosen.contains("kai@example.com"),
        format!("chosen: {chosen}"),
    )
    .await;
    let kind = j
        .js("return document.querySelector('[data-bs-type]').selectedOptions[0].dataset.kind;")
        .await;
    j.check(kind == json!("discovery"), format!("type kind: {kind}"))
        .await;
    j.set("#date", &monday).await;
    j.set("#startTime", "11:00").await;
    let end = j.value("#endTime").await;
    j.check(
        end == "11:30",
        format!("end follows the discovery type: {end}"),
    )
    .await;
    j.until(
        "document.querySelector('[data-bs-check]').classList.contains('ok')",
        "the time to be free",
    )
    .await;
    j.shot("modal-discovery").await;
    j.click("[data-bs-submit]").await;
    j.until(
        "!document.querySelector('dialog[data-bs-dialog]').open",
        "the dialog to close",
    )
    .await;
    j.until(
        &format!("document.querySelector('#application-{app_id} a[href*=\"#booking-\"]')"),
        "View booking",
    )
    .await;
    j.check_same_page("no page reload").await;
    j.shot("application-booked").await;

    // Promote with a package: the call becomes the client's session. Promoting cannot be
    // undone, so the button opens a confirmation holding the package choice and a second "Yes".
    j.click(&format!("#promote-{app_id} > summary")).await;
    j.until(
        &format!("document.querySelector('#promote-{app_id}').open"),
        "the promote confirmation",
    )
    .await;
    j.shot("application-promote-question").await;
    j.find(&format!("#package-{app_id}")).await;
    j.set(
        &format!("#package-{app_id}"),
        &package["body"]["id"].to_string(),
    )
    .await;
    j.click_and_load(&format!(
        "form[action='/admin/applications/{app_id}/promote'] button[type=submit]"
    ))
    .await;
    let client = j
        .api(
            "GET",
            &format!("/api/coaching/applications/{app_id}"),
            json!(null),
        )
        .await;
    let client_id = client["body"]["clientId"].as_i64();
    j.check(client_id.is_some(), format!("promoted: {client}"))
        .await;
    j.goto(&format!(
        "/admin/clients/{}?tab=sessions",
        client_id.unwrap_or_default()
    ))
    .await;
    let upcoming = j.content_all("[data-booking-id] .booking-who strong").await;
    j.check(
        upcoming == ["Discovery call"],
        format!("client's sessions: {upcoming:?}"),
    )
    .await;

    // Book session from the client's page: client, package and length come pre-filled.
    j.click("a[data-book-session]").await;
    j.until(
        "document.querySelector('dialog[data-bs-dialog]').open",
        "the dialog",
    )
    .await;
    j.until(
        "!document.querySelector('[data-bs-package-field]').hidden",
        "the package",
    )
    .await;
    let credits = j.content("[data-bs-credits]").await;
    j.check(
        credits.contains("6 session credit"),
        format!("credits: {credits}"),
    )
    .await;
    j.set("#date", &monday).await;
    j.set("#startTime", "14:00").await;
    let end = j.value("#endTime").await;
    j.check(end == "14:45", format!("end follows the package: {end}"))
        .await;
    j.shot("modal-client").await;
    j.click("[data-bs-submit]").await;
    j.until(
        "!document.querySelector('dialog[data-bs-dialog]').open",
        "the dialog to close",
    )
    .await;
    j.until(
        "document.querySelectorAll('#client-sessions [data-booking-id]').length === 2",
        "the new session in the list",
    )
    .await;
    j.shot("client-sessions").await;
    let detail = j
        .api(
            "GET",
            &format!("/api/coaching/clients/{}", client_id.unwrap_or_default()),
            json!(null),
        )
        .await;
    j.check(
        detail["body"]["enrolments"][0]["creditsRemaining"] == 5,
        format!("a credit is held: {detail}"),
    )
    .await;

    // The lists the chain passed through.
    j.goto("/admin/clients").await;
    let names = j.content_all("main a[href^='/admin/clients/']").await;
    j.check(
        names.iter().any(|n| n.contains("Kai Lindqvist")),
        format!("clients: {names:?}"),
    )
    .await;
    j.shot("clients").await;
    j.goto("/admin/packages").await;
    j.shot("packages").await;
    j.finish().await;
}
