//! Browser journeys: the real `coachbook` binary driven through headless Chromium (Debian's
//! `chromium` + `chromium-driver`), one fresh server and browser per journey, with a screenshot
//! of every step in `artifacts/screenshots/`. Without Chromium the journeys print `SKIPPED:` and
//! pass, except under `CI=true`, where they fail.

mod alternate_weeks;
mod booking_edits;
mod bookings;
mod bulk;
mod calendar;
mod client_side;
mod coach_page;
mod cohosts;
mod emails;
mod forms;
mod harness;
mod i18n;
mod i18n_scripts;
mod live;
mod my_sessions;
mod notifications;
mod pages;
mod pricing;
mod requests;
mod series;
mod waitlist;

use fantoccini::key::Key;
use harness::{Journey, Seed, COACH_EMAIL, PASSWORD};
use serde_json::json;

const SETUP_FORM: &str = "form[action='/setup']";

/// The coach's admin pages named in DESIGN.md, in their order; the nav lists those that exist.
const ADMIN_PAGES: &[&str] = &[
    "Dashboard",
    "Calendar",
    "Bookings",
    "Clients",
    "Applications",
    "Packages",
    "Session types",
    "Availability",
    "Requests",
    "Insights",
    "Payments",
    "Settings",
];

/// Fills the setup form with the first coach's details and `code`.
async fn fill_setup(j: &Journey, code: &str) {
    j.fill("#setupCode", code).await;
    j.fill("#name", "Ana Okafor").await;
    j.fill("#email", COACH_EMAIL).await;
    j.fill("#password", PASSWORD).await;
    j.fill("#timeZone", "Europe/London").await;
    j.fill("#slug", "ana").await;
}

/// Runs first-run setup with the server's code and lands on the dashboard, signed in.
async fn complete_setup(j: &Journey) {
    let code = j
        .server
        .setup_code
        .clone()
        .expect("a fresh server prints a setup code");
    j.goto("/setup").await;
    j.expect_path("/setup").await;
    fill_setup(j, &code).await;
    j.click_and_load(&format!("{SETUP_FORM} button[type=submit]"))
        .await;
    j.expect_path("/admin").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_run_setup_refuses_a_wrong_code_and_then_opens_the_dashboard() {
    let Some(j) = Journey::start("setup", Seed::Empty).await else {
        return;
    };
    let code = j
        .server
        .setup_code
        .clone()
        .expect("a fresh server prints a setup code");

    // A fresh install sends everyone to setup.
    j.goto("/").await;
    j.expect_path("/setup").await;
    let h1 = j.text("h1").await;
    j.check(
        h1 == "Create the first coach account",
        format!("setup heading is {h1:?}"),
    )
    .await;
    j.check(
        j.all("#site-nav").await.is_empty(),
        "no navigation before anyone signs in",
    )
    .await;
    j.shot("setup-form").await;

    // A wrong code: the error sits beside the setup code field, the rest of the form is kept.
    // '0' is never in a real code, so this one cannot be right by chance.
    fill_setup(&j, "0000-0000").await;
    j.click_and_load(&format!("{SETUP_FORM} button[type=submit]"))
        .await;
    j.expect_path("/setup").await;
    let error = j.text("#setupCode-error").await;
    j.check(
        error.contains("The setup code is wrong"),
        format!("setup code error reads {error:?}"),
    )
    .await;
    let invalid = j.attr("#setupCode", "aria-invalid").await;
    j.check(
        invalid.as_deref() == Some("true"),
        "the setup code field is marked invalid",
    )
    .await;
    let described = j.attr("#setupCode", "aria-describedby").await;
    j.check(
        described.as_deref() == Some("setupCode-error"),
        format!("the field points at its error: {described:?}"),
    )
    .await;
    let alert = j.text(".alert").await;
    j.check(
        alert == "Please fix the highlighted field below.",
        format!("summary reads {alert:?}"),
    )
    .await;
    j.check(
        j.all(".field-error").await.len() == 1,
        "only the setup code has an error",
    )
    .await;
    let name = j.value("#name").await;
    j.check(
        name == "Ana Okafor",
        format!("the name is kept, got {name:?}"),
    )
    .await;
    let password = j.value("#password").await;
    j.check(
        password.is_empty(),
        "the password is not sent back to the page",
    )
    .await;
    let focused = j
        .js("return document.activeElement && document.activeElement.id")
        .await;
    j.check(
        focused == json!("setupCode"),
        format!("the field to fix has the focus, not {focused}"),
    )
    .await;
    j.shot("wrong-code").await;

    // Nothing was created: the install is still in setup, so sign-in sends back here.
    j.goto("/login").await;
    j.expect_path("/setup").await;

    // The right code creates the coach and signs them in.
    fill_setup(&j, &code).await;
    j.click_and_load(&format!("{SETUP_FORM} button[type=submit]"))
        .await;
    j.expect_path("/admin").await;
    let notice = j.text(".notice").await;
    j.check(
        notice == "Welcome to Coachbook. Your practice is ready.",
        format!("welcome notice reads {notice:?}"),
    )
    .await;
    let h1 = j.text("h1").await;
    j.check(
        h1 == "Good to see you, Ana",
        format!("dashboard heading is {h1:?}"),
    )
    .await;
    let nav = j.texts("#site-nav ul a").await;
    j.check(
        nav.first().map(String::as_str) == Some("Dashboard")
            && nav.last().map(String::as_str) == Some("Settings"),
        format!("the nav runs from Dashboard to Settings, got {nav:?}"),
    )
    .await;
    let unknown: Vec<&String> = nav
        .iter()
        .filter(|label| !ADMIN_PAGES.contains(&label.as_str()))
        .collect();
    j.check(
        unknown.is_empty(),
        format!("the nav lists only admin pages of the design, got {unknown:?}"),
    )
    .await;
    let current = j.texts("#site-nav a[aria-current=page]").await;
    j.check(
        current == ["Dashboard"],
        format!("the current page is marked, got {current:?}"),
    )
    .await;
    let body = j.text("main").await;
    j.check(
        body.contains("Europe/London"),
        "the dashboard shows the coach's time zone",
    )
    .await;
    let public_page = format!("{}/c/ana", j.server.base);
    j.check(
        body.contains(&public_page),
        format!("the dashboard shows the public page as {public_page}"),
    )
    .await;
    j.shot("dashboard").await;

    // Every nav entry is a page that exists (nothing is listed before it is built).
    let hrefs = j.attrs("#site-nav ul a", "href").await;
    for href in &hrefs {
        let path = href.strip_prefix(&j.server.base).unwrap_or(href).to_owned();
        j.goto(&path).await;
        j.expect_path(&path).await;
        let eyebrow = j.content_all(".eyebrow").await.join(" ");
        j.check(
            !eyebrow.starts_with("Error"),
            format!("the nav links to {path}, which answers {eyebrow:?}"),
        )
        .await;
        let marked = j.attrs("#site-nav a[aria-current=page]", "href").await;
        j.check(
            marked == [href.clone()],
            format!("on {path} the nav marks {marked:?}"),
        )
        .await;
    }

    // The notice is shown once, and setup is closed for good.
    j.goto("/admin").await;
    j.expect_path("/admin").await;
    j.check(
        j.all(".notice").await.is_empty(),
        "the welcome notice shows only once",
    )
    .await;
    j.goto("/setup").await;
    j.expect_path("/admin").await;

    j.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coach_signs_out_signs_back_in_and_fixes_a_bad_time_zone() {
    let Some(j) = Journey::start("signin", Seed::Empty).await else {
        return;
    };
    complete_setup(&j).await;

    // Sign out from the top bar.
    j.click_and_load(".nav-account form[action='/logout'] button")
        .await;
    j.expect_path("/login").await;
    j.check(
        j.all("#site-nav").await.is_empty(),
        "no navigation once signed out",
    )
    .await;
    j.shot("signed-out").await;
    j.goto("/admin").await;
    j.expect_path("/login?next=/admin").await;

    // A wrong password is refused with a message; the email is kept.
    j.fill("#email", COACH_EMAIL).await;
    j.fill("#password", "not the password").await;
    j.click_and_load("form[action='/login'] button[type=submit]")
        .await;
    j.expect_path("/login").await;
    let error = j.text("#login-error").await;
    j.check(
        error == "The email or password is wrong.",
        format!("login error reads {error:?}"),
    )
    .await;
    let email = j.value("#email").await;
    j.check(
        email == COACH_EMAIL,
        format!("the email is kept, got {email:?}"),
    )
    .await;
    j.check(
        j.value("#password").await.is_empty(),
        "the password is not sent back",
    )
    .await;
    j.shot("wrong-password").await;

    // The right one goes back to where the coach was headed.
    j.fill("#password", PASSWORD).await;
    j.click_and_load("form[action='/login'] button[type=submit]")
        .await;
    j.expect_path("/admin").await;
    j.check(
        j.text("h1").await == "Good to see you, Ana",
        "signed back in on the dashboard",
    )
    .await;

    // Settings: an unknown time zone is refused beside the field, and nothing changes.
    j.click_and_load("#site-nav a[href='/admin/settings']")
        .await;
    j.expect_path("/admin/settings").await;
    let zone = j.value("#timeZone").await;
    j.check(
        zone == "Europe/London",
        format!("settings show the zone from setup, got {zone:?}"),
    )
    .await;
    j.shot("settings").await;
    j.fill("#timeZone", "Mars/Olympus_Mons").await;
    j.click_and_load("form[action='/admin/settings'] button[type=submit]")
        .await;
    j.expect_path("/admin/settings").await;
    let error = j.text("#timeZone-error").await;
    j.check(!error.is_empty(), "the time zone error is shown")
        .await;
    j.check(
        j.all(".field-error").await.len() == 1,
        "only the time zone has an error",
    )
    .await;
    j.check(
        j.all(".notice").await.is_empty(),
        "no 'saved' notice after an error",
    )
    .await;
    let kept = j.value("#timeZone").await;
    j.check(
        kept == "Mars/Olympus_Mons",
        format!("the bad value stays in the field to fix, got {kept:?}"),
    )
    .await;
    j.shot("bad-time-zone").await;
    j.goto("/admin").await;
    j.expect_path("/admin").await;
    let body = j.text("main").await;
    j.check(
        body.contains("Europe/London") && !body.contains("Mars"),
        "the stored time zone is unchanged",
    )
    .await;

    // Fixing it saves.
    j.goto("/admin/settings").await;
    j.expect_path("/admin/settings").await;
    j.fill("#timeZone", "America/New_York").await;
    j.click_and_load("form[action='/admin/settings'] button[type=submit]")
        .await;
    j.expect_path("/admin/settings").await;
    let notice = j.text(".notice").await;
    j.check(
        notice == "Settings saved.",
        format!("notice reads {notice:?}"),
    )
    .await;
    j.check(
        j.all(".field-error").await.is_empty(),
        "no errors after saving",
    )
    .await;
    let zone = j.value("#timeZone").await;
    j.check(
        zone == "America/New_York",
        format!("the new zone is stored, got {zone:?}"),
    )
    .await;
    j.shot("saved").await;

    j.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_who_signs_up_gets_an_account_page_and_no_admin() {
    let Some(j) = Journey::start("signup", Seed::Coach).await else {
        return;
    };

    j.goto("/signup").await;
    j.expect_path("/signup").await;
    j.fill("#name", "Sam Rivera").await;
    j.fill("#email", "sam@example.com").await;
    j.fill("#password", "a long enough password").await;
    j.fill("#timeZone", "Europe/Berlin").await;
    j.shot("signup-form").await;
    j.click_and_load("form[action='/signup'] button[type=submit]")
        .await;

    // Sign-up goes on to the sign-in form (it answers alike for an email that is taken), with
    // the email filled in; the new password opens the account.
    j.expect_path("/login").await;
    let notice = j.text(".notice").await;
    j.check(
        notice == "Your account is ready. Sign in with the password you chose.",
        format!("notice reads {notice:?}"),
    )
    .await;
    j.check(
        j.value("#email").await == "sam@example.com",
        "the sign-in form has the email from sign-up",
    )
    .await;
    j.shot("signup-then-sign-in").await;
    j.fill("#password", "a long enough password").await;
    j.click_and_load("form[action='/login'] button[type=submit]")
        .await;
    j.expect_path("/account").await;
    let nav = j.texts("#site-nav ul a").await;
    j.check(
        nav == ["My sessions", "Account"],
        format!("a user's nav lists only My sessions and Account, got {nav:?}"),
    )
    .await;
    let name = j.text(".nav-name").await;
    j.check(
        name == "Sam Rivera",
        format!("the top bar names the user, got {name:?}"),
    )
    .await;
    j.check(
        j.all("#slug").await.is_empty(),
        "a user has no public page address to set",
    )
    .await;
    j.check(
        j.value("#timeZone").await == "Europe/Berlin",
        "the account keeps the zone from sign-up",
    )
    .await;
    j.shot("account").await;

    // The admin pages are the coach's: a 403 page, with nothing of the admin shell.
    for path in ["/admin", "/admin/settings"] {
        j.goto(path).await;
        j.expect_path(path).await;
        let title = j.client.title().await.unwrap_or_default();
        j.check(
            title.starts_with("No access"),
            format!("{path} title is {title:?}"),
        )
        .await;
        let eyebrow = j.content(".eyebrow").await;
        j.check(eyebrow == "Error 403", format!("{path} says {eyebrow:?}"))
            .await;
        let body = j.text("body").await;
        j.check(
            !body.contains("Good to see you") && !body.contains("Public page address"),
            format!("{path} shows no admin content"),
        )
        .await;
        j.check(
            j.all("#site-nav").await.is_empty() && j.all("form").await.is_empty(),
            format!("{path} has no admin nav or forms"),
        )
        .await;
        j.check(
            !body.contains(COACH_EMAIL) && !body.contains("Ana"),
            format!("{path} names nobody"),
        )
        .await;
    }
    j.shot("admin-forbidden").await;

    j.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_the_menu_button_opens_the_navigation_from_the_keyboard() {
    let Some(j) = Journey::start("phone", Seed::Coach).await else {
        return;
    };
    j.client
        .set_window_rect(0, 0, 390, 844)
        .await
        .expect("resize the window to a phone");

    j.sign_in(COACH_EMAIL, PASSWORD).await;
    j.expect_path("/admin").await;
    let width = j.js("return window.innerWidth").await;
    j.check(
        width.as_u64().is_some_and(|w| w <= 400),
        format!("the viewport is phone-sized, got {width}"),
    )
    .await;
    let overflow = j
        .js("return document.documentElement.scrollWidth - window.innerWidth")
        .await;
    j.check(
        overflow.as_i64().is_some_and(|o| o <= 0),
        format!("the dashboard scrolls sideways by {overflow}px"),
    )
    .await;

    // Closed at first: only the Menu button shows.
    j.check(
        j.displayed("[data-nav-toggle]").await,
        "the Menu button shows on a phone",
    )
    .await;
    j.check(
        !j.displayed("#site-nav").await,
        "the navigation starts closed on a phone",
    )
    .await;
    let expanded = j.attr("[data-nav-toggle]", "aria-expanded").await;
    j.check(
        expanded.as_deref() == Some("false"),
        format!("aria-expanded is {expanded:?} while closed"),
    )
    .await;
    j.shot("menu-closed").await;

    // Keyboard: focus the button, press Enter.
    j.js("document.querySelector('[data-nav-toggle]').focus()")
        .await;
    let focused = j
        .js("return document.activeElement.hasAttribute('data-nav-toggle')")
        .await;
    j.check(focused == json!(true), "the Menu button takes the focus")
        .await;
    j.press(Key::Enter).await;
    let expanded = j.attr("[data-nav-toggle]", "aria-expanded").await;
    j.check(
        expanded.as_deref() == Some("true"),
        format!("Enter opens the menu; aria-expanded is {expanded:?}"),
    )
    .await;
    j.check(
        j.displayed("#site-nav").await,
        "the navigation shows once opened",
    )
    .await;
    for link in [
        "#site-nav a[href='/admin']",
        "#site-nav a[href='/admin/settings']",
        ".nav-account button",
    ] {
        j.check(
            j.displayed(link).await,
            format!("{link} shows in the open menu"),
        )
        .await;
    }
    let overflow = j
        .js("return document.documentElement.scrollWidth - window.innerWidth")
        .await;
    j.check(
        overflow.as_i64().is_some_and(|o| o <= 0),
        format!("the open menu scrolls sideways by {overflow}px"),
    )
    .await;
    j.shot("menu-open").await;

    // Space closes it again; the focus stays on the button.
    j.press(Key::Space).await;
    let expanded = j.attr("[data-nav-toggle]", "aria-expanded").await;
    j.check(
        expanded.as_deref() == Some("false"),
        format!("Space closes the menu; aria-expanded is {expanded:?}"),
    )
    .await;
    j.check(
        !j.displayed("#site-nav").await,
        "the navigation hides once closed",
    )
    .await;

    // The settings form fits a phone too.
    j.goto("/admin/settings").await;
    j.expect_path("/admin/settings").await;
    let overflow = j
        .js("return document.documentElement.scrollWidth - window.innerWidth")
        .await;
    j.check(
        overflow.as_i64().is_some_and(|o| o <= 0),
        format!("settings scroll sideways by {overflow}px"),
    )
    .await;
    j.shot("settings").await;

    j.finish().await;
}

// ---------------------------------------------------------------------------------------------
// Availability: the weekly hours editor and its live preview.

/// The preview's slot texts for `date`, as a JavaScript expression.
fn preview_slots(date: &str) -> String {
    format!("[...document.querySelectorAll(\"[data-preview-body] [data-date='{date}'] .slot\")].map((e) => e.textContent)")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coach_sets_weekly_hours_copies_them_and_the_preview_follows_without_reloading() {
    let Some(j) = Journey::start("availability", Seed::Coach).await else {
        return;
    };
    // A Tuesday far enough ahead to clear the default 12 hours' notice, and the Wednesday after.
    let today = jiff::Zoned::now()
        .in_tz("Europe/London")
        .expect("zone")
        .date();
    let mut tuesday = today.checked_add(jiff::Span::new().days(2)).expect("date");
    while tuesday.weekday() != jiff::civil::Weekday::Tuesday {
        tuesday = tuesday.tomorrow().expect("date");
    }
    let wednesday = tuesday.tomorrow().expect("date").to_string();
    let tuesday = tuesday.to_string();

    j.sign_in(COACH_EMAIL, PASSWORD).await;
    j.expect_path("/admin").await;
    j.goto("/admin/availability").await;
    j.expect_path("/admin/availability").await;
    let empty = j.content("#preview .empty-state").await;
    j.check(
        empty.contains("No session types yet")
            && !j
                .all("#preview a[href='/admin/session-types']")
                .await
                .is_empty(),
        format!("without session types the preview links to create one: {empty:?}"),
    )
    .await;
    let no_hours = j.content(".avail-empty").await;
    j.check(
        no_hours.contains("can't book you"),
        format!("no hours yet: {no_hours:?}"),
    )
    .await;
    let current = j.texts("#site-nav a[aria-current=page]").await;
    j.check(
        current == ["Availability"],
        format!("the nav marks {current:?}"),
    )
    .await;

    let created = j
        .api(
            "POST",
            "/api/session-types",
            json!({"name": "Coaching", "durationMinutes": 60}),
        )
        .await;
    j.check(
        created["status"] == json!(201),
        format!("session type: {created}"),
    )
    .await;
    j.goto("/admin/availability").await;
    j.find("[data-preview-type]").await;
    let live = j.attr("[data-preview-body]", "aria-live").await;
    j.check(
        live.as_deref() == Some("polite"),
        "the preview is a polite live region",
    )
    .await;
    j.shot("empty-week").await;

    // Monday: tick it (the script offers 09:00–17:00), then two windows.
    j.js("window.__availabilityPage = 1;").await;
    j.click("#day-monday").await;
    let start = j
        .value("[data-day=monday] .window-row:nth-child(1) input[name=start-monday]")
        .await;
    j.check(
        start == "09:00",
        format!("ticking Monday suggests 09:00, got {start:?}"),
    )
    .await;
    j.set(
        "[data-day=monday] .window-row:nth-child(1) input[name=end-monday]",
        "12:00",
    )
    .await;
    j.click("[data-day=monday] [data-add-window]").await;
    j.set(
        "[data-day=monday] .window-row:nth-child(2) input[name=start-monday]",
        "13:00",
    )
    .await;
    j.set(
        "[data-day=monday] .window-row:nth-child(2) input[name=end-monday]",
        "17:00",
    )
    .await;

    // Copy Monday to Tuesday–Friday, in place.
    j.click("[data-day=monday] .copy-menu summary").await;
    for day in ["tuesday", "wednesday", "thursday", "friday"] {
        j.click(&format!(
            "[data-day=monday] input[name=copyto-monday][value={day}]"
        ))
        .await;
    }
    j.click("[data-day=monday] [data-copy]").await;
    let copied = j
        .value("[data-day=friday] .window-row:nth-child(2) input[name=start-friday]")
        .await;
    j.check(
        copied == "13:00",
        format!("Friday got Monday's afternoon, got {copied:?}"),
    )
    .await;
    let slots = preview_slots(&tuesday);
    j.until(
        &format!(
            "{slots}.includes('09:00') && {slots}.includes('13:00') && !{slots}.includes('12:00')"
        ),
        "Tuesday's slots in the preview",
    )
    .await;
    j.check(
        j.js("return window.__availabilityPage === 1").await == json!(true),
        "the preview updated without reloading the page",
    )
    .await;
    let status = j.content("[data-hours-status]").await;
    j.check(
        status.contains("Not saved yet"),
        format!("the copy says it is unsaved: {status:?}"),
    )
    .await;
    j.shot("copied").await;

    j.click_and_load("[data-hours-form] .actions button[type=submit]")
        .await;
    j.expect_path("/admin/availability?saved=hours").await;
    let notice = j.content("#hours .notice").await;
    j.check(
        notice == "Saved your weekly hours.",
        format!("notice: {notice:?}"),
    )
    .await;

    // A whole day off on that Tuesday: its slots leave the preview, Wednesday's stay.
    j.click("#add-days > summary").await;
    j.set("#days-from", &tuesday).await;
    j.fill("#days-label", "Dentist").await;
    j.click_and_load("#add-days button[type=submit]").await;
    j.expect_path("/admin/availability?saved=time-off").await;
    let gone = j.js(&format!("return {};", preview_slots(&tuesday))).await;
    j.check(
        gone == json!([]),
        format!("Tuesday has no slots after the day off: {gone}"),
    )
    .await;
    let wed = j
        .js(&format!("return {};", preview_slots(&wednesday)))
        .await;
    j.check(
        wed.as_array().is_some_and(|s| s.contains(&json!("09:30"))),
        format!("Wednesday keeps its slots: {wed}"),
    )
    .await;
    let listed = j.content("#time-off .item-list").await;
    j.check(
        listed.contains("Dentist"),
        format!("the time off is listed: {listed:?}"),
    )
    .await;
    j.js("document.getElementById('time-off').scrollIntoView()")
        .await;
    j.shot("time-off").await;

    // A window that ends before it starts: the preview says so live, saving shows it beside Monday.
    j.set(
        "[data-day=monday] .window-row:nth-child(1) input[name=end-monday]",
        "08:00",
    )
    .await;
    j.until(
        "document.querySelector('[data-preview-body] .preview-error')",
        "the preview to show the draft's error",
    )
    .await;
    j.click_and_load("[data-hours-form] .actions button[type=submit]")
        .await;
    j.expect_path("/admin/availability/hours").await;
    let error = j.text("#monday-error").await;
    j.check(
        error.contains("must be after the start"),
        format!("Monday's error: {error:?}"),
    )
    .await;
    let kept = j
        .value("[data-day=monday] .window-row:nth-child(1) input[name=end-monday]")
        .await;
    j.check(kept == "08:00", format!("the typed end is kept: {kept:?}"))
        .await;
    let focused = j
        .js("return document.activeElement && document.activeElement.name")
        .await;
    j.check(
        focused == json!("start-monday"),
        format!("the day to fix has the focus: {focused}"),
    )
    .await;
    j.shot("error").await;

    // Fix it and change the slot interval: the preview follows, then the rules are saved.
    j.set(
        "[data-day=monday] .window-row:nth-child(1) input[name=end-monday]",
        "12:00",
    )
    .await;
    j.set("#slotIntervalMinutes", "60").await;
    let wed = preview_slots(&wednesday);
    j.until(
        &format!("{wed}.includes('10:00') && !{wed}.includes('09:30')"),
        "hourly slots in the preview",
    )
    .await;
    j.shot("hourly").await;
    j.click_and_load("[data-policy-form] button[type=submit]")
        .await;
    j.expect_path("/admin/availability?saved=rules").await;
    let policy = j.api("GET", "/api/availability/policy", json!(null)).await;
    j.check(
        policy["body"]["slotIntervalMinutes"] == json!(60),
        format!("policy: {policy}"),
    )
    .await;
    j.js("window.scrollTo(0, 0)").await;
    j.shot("desktop").await;

    // On a phone: one column, nothing scrolls sideways, the preview follows the weekly hours.
    j.client
        .set_window_rect(0, 0, 390, 844)
        .await
        .expect("phone-sized window");
    j.goto("/admin/availability").await;
    j.expect_path("/admin/availability").await;
    let overflow = j
        .js("return document.documentElement.scrollWidth - window.innerWidth")
        .await;
    j.check(
        overflow.as_i64().is_some_and(|o| o <= 0),
        format!("the page scrolls sideways by {overflow}px"),
    )
    .await;
    j.shot("phone-hours").await;
    j.js("document.getElementById('preview').scrollIntoView()")
        .await;
    j.shot("phone-preview").await;
    j.js("document.getElementById('rules').scrollIntoView()")
        .await;
    j.shot("phone-rules").await;
    j.js("document.getElementById('time-off').scrollIntoView()")
        .await;
    j.shot("phone-time-off").await;

    j.finish().await;
}
