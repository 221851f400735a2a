//! What the scripts write, in the reader's language (issue 17, docs/i18n.md "Scripts"): the
//! coach's page drawn by `coach_page.js` (week, list and month views, the booking dialog) and the
//! booking dialog of `book_session.js` on the Calendar and the availability editor's status lines
//! (`availability.js`), read by a coach who chose German, after the coach's page in English as it
//! always read. Screenshots in `artifacts/screenshots/`. Skips
//! without Chromium, except under `CI=true`.

use super::harness::{next_monday, Journey, Seed, COACH_EMAIL, COACH_NAME, PASSWORD};
use fantoccini::key::Key;
use serde_json::json;

/// No message id shows on the page: every one the scripts asked for was there.
async fn no_ids_shown(j: &Journey, step: &str) {
    let shown = j
        .js("return (document.body.innerText.match(/js-[a-z-]+/g) || []).join(' ')")
        .await;
    j.check(
        shown == json!(""),
        format!("{step}: message ids on the page: {shown}"),
    )
    .await;
}

/// Opens the coach's page on `monday`'s week and waits for the script's week view.
async fn week(j: &Journey, monday: &str) {
    j.goto(&format!("/c/ana?week={monday}&tz=Europe/London"))
        .await;
    j.until(
        "document.querySelector('.cp-week .cp-slot')",
        "the week view with open times",
    )
    .await;
}

/// Switches the coach's page to the month view and waits for it.
async fn month(j: &Journey) {
    j.click("[data-view=month]").await;
    j.until(
        "document.querySelector('.cp-month .cp-month-cell')",
        "the month view",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_german_reader_sees_what_the_scripts_write_in_german() {
    let Some(j) = Journey::start("i18n-scripts", Seed::Coach).await else {
        return;
    };
    j.sign_in(COACH_EMAIL, PASSWORD).await;
    j.expect_path("/admin").await;
    let type_id = j.coaching_week().await;
    let monday = next_monday();
    let b = j
        .api(
            "POST",
            "/api/bookings",
            json!({"sessionTypeId": type_id, "date": monday, "startTime": "10:00",
                   "name": "Noor Haddad", "email": "noor@example.com"}),
        )
        .await;
    j.check(b["status"] == 201, format!("booking: {b}")).await;
    j.device(1280, 900, false).await;

    // In English, what the script writes reads as it always did.
    week(&j, &monday).await;
    let hint = j.content("[data-cp-nav] + .hint").await;
    j.check(
        hint == "Times are in Europe/London.",
        format!("hint: {hint}"),
    )
    .await;
    let none = j.content_all(".cp-week .cp-none").await;
    j.check(
        none == ["No times", "No times"],
        format!("the weekend: {none:?}"),
    )
    .await;
    let booked = j.content_all(".cp-week .cp-booked").await;
    j.check(
        booked.iter().any(|b| b.starts_with("10:00–11:00 Booked")),
        format!("the booked hour: {booked:?}"),
    )
    .await;
    let spoken = j.content(".cp-week .cp-slot .visually-hidden").await;
    j.check(
        spoken.trim_start().starts_with("Coaching session, ") && spoken.ends_with(": book"),
        format!("a time's spoken name: {spoken:?}"),
    )
    .await;
    month(&j).await;
    let heads = j.content_all(".cp-month th").await;
    j.check(
        heads == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        format!("weekdays: {heads:?}"),
    )
    .await;
    let count = j.content(".cp-month-count").await;
    j.check(count.ends_with(" open"), format!("a day's count: {count}"))
        .await;
    no_ids_shown(&j, "the English month").await;

    // Ana chooses German.
    let me = j
        .api(
            "PATCH",
            "/api/me",
            json!({"name": COACH_NAME, "email": COACH_EMAIL, "timeZone": "Europe/London",
                   "locale": "de"}),
        )
        .await;
    j.check(me["status"] == 200, format!("settings: {me}"))
        .await;

    // coach_page.js: the week, in German.
    week(&j, &monday).await;
    let lang = j.attr("html", "lang").await.unwrap_or_default();
    j.check(lang == "de", format!("the page's language: {lang}"))
        .await;
    let hint = j.content("[data-cp-nav] + .hint").await;
    j.check(hint == "Zeiten in Europe/London.", format!("hint: {hint}"))
        .await;
    let none = j.content_all(".cp-week .cp-none").await;
    j.check(
        none == ["Keine Zeiten", "Keine Zeiten"],
        format!("the weekend: {none:?}"),
    )
    .await;
    let booked = j.content_all(".cp-week .cp-booked").await;
    j.check(
        booked.iter().any(|b| b.starts_with("10:00–11:00 Gebucht")),
        format!("the booked hour: {booked:?}"),
    )
    .await;
    let spoken = j.content(".cp-week .cp-slot .visually-hidden").await;
    j.check(
        spoken.trim_start().starts_with("Coaching session, Mo., ") && spoken.ends_with(": buchen"),
        format!("a time's spoken name: {spoken:?}"),
    )
    .await;
    let heads = j.content_all(".cp-week .cp-day-head").await;
    j.check(
        heads.first().is_some_and(|h| h.starts_with("Mo., ")),
        format!("German day names: {heads:?}"),
    )
    .await;
    no_ids_shown(&j, "the German week").await;
    j.full_shot("coach-page-week-de").await;

    // The list of times, a day at a time.
    j.click("[data-view=list]").await;
    j.until(
        "document.querySelector('.cp-days .cp-day-head')",
        "the list view",
    )
    .await;
    let days = j.content_all(".cp-days .cp-day-head").await;
    j.check(
        days.len() == 5 && days.iter().all(|d| d.contains(". ")),
        format!("the days listed: {days:?}"),
    )
    .await;
    let items = j.content_all(".cp-days .cp-booked").await;
    j.check(
        items.iter().any(|i| i.contains(" Gebucht")),
        format!("the list's booked hour: {items:?}"),
    )
    .await;
    no_ids_shown(&j, "the German list").await;
    j.full_shot("coach-page-list-de").await;

    // The month: German weekdays and counts.
    month(&j).await;
    let heads = j.content_all(".cp-month th").await;
    j.check(
        heads == ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"],
        format!("weekdays: {heads:?}"),
    )
    .await;
    let count = j.content(".cp-month-count").await;
    j.check(count.ends_with(" frei"), format!("a day's count: {count}"))
        .await;
    let label = j
        .attr(".cp-month-cell", "aria-label")
        .await
        .unwrap_or_default();
    j.check(
        label.contains(" Zeiten frei") || label.contains(" Zeit frei"),
        format!("a day's spoken count: {label}"),
    )
    .await;
    j.full_shot("coach-page-month-de").await;

    // The booking dialog the script fills in.
    week(&j, &monday).await;
    j.click(".cp-week .cp-slot").await;
    j.until(
        "document.querySelector('[data-cp-dialog]').open",
        "the booking dialog",
    )
    .await;
    let title = j.content("[data-cp-dialog-title]").await;
    j.check(
        title == "Buchung bestätigen",
        format!("the dialog's title: {title}"),
    )
    .await;
    let when = j.content("[data-cp-chosen-when]").await;
    j.check(
        when.starts_with("Mo., ") && when.ends_with("(Europe/London)"),
        format!("when: {when}"),
    )
    .await;
    let cancel = j.content("[data-cp-cancel]").await;
    j.check(cancel == "Abbrechen", format!("cancel: {cancel}"))
        .await;
    j.shot("coach-page-dialog-de").await;
    j.click("[data-cp-cancel]").await;

    // book_session.js on the Calendar: the dialog's words and the live check, in German.
    j.goto(&format!("/admin/calendar?view=week&date={monday}"))
        .await;
    j.until(
        "document.querySelector('[data-cal-root]').classList.contains('cal-js')",
        "the calendar drawn by its script",
    )
    .await;
    j.find("a[data-book-session]")
        .await
        .click()
        .await
        .expect("open the booking dialog");
    j.until(
        "document.querySelector('dialog[data-bs-dialog]').open",
        "the booking dialog",
    )
    .await;
    j.until(
        "!document.querySelector('#bs-client-list').hidden",
        "the client list",
    )
    .await;
    let options = j.content_all("#bs-client-list [role=option]").await;
    j.check(
        options.last().map(String::as_str) == Some("Jemand anderes – Name und E-Mail eingeben"),
        format!("options: {options:?}"),
    )
    .await;
    let search = j.find("#bs-client").await;
    search.send_keys("Rosa Diaz").await.expect("type a name");
    j.until(
        "(() => { const o = [...document.querySelectorAll('#bs-client-list [role=option]')]; \
          return o.length === 1 && o[0].textContent.startsWith('Jemand'); })()",
        "only the custom choice for a new name",
    )
    .await;
    search
        .send_keys(&format!("{}", Key::Enter))
        .await
        .expect("choose custom");
    j.fill("#email", "rosa@example.com").await;
    j.set("#date", &monday).await;
    j.set("#startTime", "18:00").await;
    j.until(
        "document.querySelector('[data-bs-check]').classList.contains('warn')",
        "the outside-hours warning",
    )
    .await;
    let warning = j.content("[data-bs-check]").await;
    j.check(
        warning
            == "Diese Zeit liegt außerhalb Ihrer wöchentlichen Zeiten. Kreuzen Sie \
                „Trotzdem außerhalb meiner Zeiten buchen“ an, um sie zu buchen, oder wählen Sie \
                eine andere Zeit.",
        format!("the warning: {warning:?}"),
    )
    .await;
    let label = j.content("[data-bs-override-label]").await;
    j.check(
        label == "Trotzdem außerhalb meiner Zeiten buchen",
        format!("the override: {label:?}"),
    )
    .await;
    j.shot("book-session-outside-de").await;
    j.set("#startTime", "13:00").await;
    j.until(
        "document.querySelector('[data-bs-check]').classList.contains('ok')",
        "the time checked free",
    )
    .await;
    let free = j.content("[data-bs-check]").await;
    j.check(
        free == "Frei – innerhalb Ihrer Zeiten.",
        format!("free: {free:?}"),
    )
    .await;
    no_ids_shown(&j, "the German booking dialog").await;
    j.shot("book-session-free-de").await;
    j.click("[data-bs-submit]").await;
    j.until(
        "!document.querySelector('dialog[data-bs-dialog]').open",
        "the dialog to close",
    )
    .await;
    let notice = j.content("main > .notice").await;
    j.check(
        notice == "Rosa Diaz ist gebucht.",
        format!("the notice: {notice:?}"),
    )
    .await;
    j.shot("book-session-booked-de").await;

    // availability.js: an unsaved change and the preview that follows it.
    j.goto("/admin/availability").await;
    j.set("[data-day=monday] input[type=time]", "08:00").await;
    j.until(
        // The page's own status is German too ("… wie Klienten sie jetzt sehen."): wait for the
        // draft's.
        "document.querySelector('[data-preview-status]').textContent.includes('nicht gespeicherten')",
        "the preview of the draft",
    )
    .await;
    let unsaved = j.content("[data-hours-status]").await;
    j.check(
        unsaved == "Nicht gespeicherte Änderungen.",
        format!("the hours' status: {unsaved:?}"),
    )
    .await;
    let status = j.content("[data-preview-status]").await;
    j.check(
        status
            == "Freie Zeiten der nächsten zwei Wochen, mit Ihren nicht gespeicherten Änderungen.",
        format!("the preview's status: {status:?}"),
    )
    .await;
    no_ids_shown(&j, "availability").await;
    j.shot("availability-de").await;
    j.finish().await;
}
