//! Browser journeys on the coach's Calendar (`/admin/calendar`), the real binary in headless
//! Chromium with screenshots in `artifacts/screenshots/`: a session made by clicking an empty
//! time, moved by dragging and by the keyboard's "Move to…" form, a move refused for a collision
//! (nothing changes), a session cancelled from its side panel, the calendar updating by itself when
//! a booking arrives through the API, and the day and list views on a phone.

use std::time::Duration;

use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use fantoccini::key::Key;
use serde_json::{json, Value};

use super::harness::{next_monday, Journey, Seed, COACH_EMAIL, PASSWORD};

/// `date` plus `days`, as `YYYY-MM-DD`.
fn plus(date: &str, days: i64) -> String {
    let d: jiff::civil::Date = date.parse().expect("a date");
    d.checked_add(jiff::Span::new().days(days))
        .expect("a later date")
        .to_string()
}

/// Books `name` at `time` on `date` (the coach's zone) through the API; the booking.
async fn book(j: &Journey, type_id: i64, date: &str, time: &str, name: &str) -> Value {
    let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
    let b = j
        .api(
            "POST",
            "/api/bookings",
            json!({"sessionTypeId": type_id, "date": date, "startTime": time, "name": name, "email": email}),
        )
        .await;
    j.check(b["status"] == 201, format!("booking {name}: {b}"))
        .await;
    b["body"].clone()
}

/// The viewport point of `minute` (after midnight) on `date`'s column, the grid scrolled so that
/// it shows.
async fn point(j: &Journey, date: &str, minute: i64) -> (f64, f64) {
    let p = j
        .client
        .execute(
            "const [date, minute] = arguments;
             const day = document.querySelector(`section[data-date='${date}'] [data-cal-day]`);
             const grid = day.closest('[data-cal-grid]');
             const first = Number(grid.dataset.first), last = Number(grid.dataset.last);
             const scroller = day.closest('[data-cal-scroll]');
             scroller.scrollIntoView({block: 'start'});
             const before = day.getBoundingClientRect();
             scroller.scrollTop = Math.max(0, (minute - first) / (last - first) * before.height - 150);
             const r = day.getBoundingClientRect();
             return [r.left + r.width / 2, r.top + (minute - first) / (last - first) * r.height];",
            vec![json!(date), json!(minute)],
        )
        .await
        .unwrap_or_else(|e| panic!("[{}] point on {date}: {e}", j.name));
    (p[0].as_f64().expect("x"), p[1].as_f64().expect("y"))
}

async fn mouse(j: &Journey, steps: Vec<PointerAction>) {
    let mut actions = MouseActions::new("mouse".into());
    for s in steps {
        actions = actions.then(s);
    }
    if let Err(e) = j.client.perform_actions(actions).await {
        j.fail::<()>(format!("pointer actions: {e}")).await;
    }
    let _ = j.client.release_actions().await;
}

fn to(x: f64, y: f64, ms: u64) -> PointerAction {
    PointerAction::MoveTo {
        duration: Some(Duration::from_millis(ms)),
        x,
        y,
    }
}

/// Drags session `id` by a point 10 px below its top to `minute` on `date`.
async fn drag(j: &Journey, id: i64, date: &str, minute: i64) {
    let (tx, ty) = point(j, date, minute).await;
    let from = j
        .client
        .execute(
            "const r = document.getElementById('session-' + arguments[0]).getBoundingClientRect();
             return [r.left + r.width / 2, r.top + 10];",
            vec![json!(id)],
        )
        .await
        .expect("the session's place");
    let (sx, sy) = (from[0].as_f64().expect("x"), from[1].as_f64().expect("y"));
    mouse(
        j,
        vec![
            to(sx, sy, 0),
            PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            },
            to(sx + 4.0, sy + 12.0, 60),
            to((sx + tx) / 2.0, (sy + ty + 10.0) / 2.0, 120),
            to(tx, ty + 10.0, 120),
            PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            },
        ],
    )
    .await;
}

/// The booking's start as the API answers it.
async fn start_of(j: &Journey, booking_id: &Value) -> String {
    let b = j
        .api("GET", &format!("/api/bookings/{booking_id}"), Value::Null)
        .await;
    b["body"]["start"].as_str().unwrap_or_default().to_owned()
}

/// Signs Ana in with a 60-minute type and weekday hours; the type's id and next Monday.
async fn ready(j: &Journey) -> (i64, String) {
    j.sign_in(COACH_EMAIL, PASSWORD).await;
    j.expect_path("/admin").await;
    (j.coaching_week().await, next_monday())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coach_books_an_empty_time_and_drags_sessions_where_they_fit() {
    let Some(j) = Journey::start("calendar", Seed::Coach).await else {
        return;
    };
    let (type_id, monday) = ready(&j).await;
    let tuesday = plus(&monday, 1);
    let wednesday = plus(&monday, 2);
    let maya = book(&j, type_id, &monday, "10:00", "Maya Patel").await;
    book(&j, type_id, &monday, "14:00", "Noor Haddad").await;

    j.click("#site-nav a[href='/admin/calendar']").await;
    j.expect_path("/admin/calendar").await;
    j.goto(&format!("/admin/calendar?view=week&date={monday}"))
        .await;
    j.until(
        "document.querySelector('[data-cal-root]').classList.contains('cal-js')",
        "the calendar drawn to scale",
    )
    .await;
    let names = j.content_all(".cal-session .cal-who").await;
    j.check(
        names == ["Maya Patel", "Noor Haddad"],
        format!("sessions: {names:?}"),
    )
    .await;
    j.shot("week").await;

    // An empty time: Tuesday 11:00 opens the BookSessionModal with that date and time.
    j.mark_page().await;
    let (x, y) = point(&j, &tuesday, 11 * 60 + 10).await;
    mouse(
        &j,
        vec![
            to(x, y, 0),
            PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            },
            PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            },
        ],
    )
    .await;
    j.until(
        "document.querySelector('dialog[data-bs-dialog]').open",
        "the modal to open",
    )
    .await;
    let (date, start, end) = (
        j.value("#date").await,
        j.value("#startTime").await,
        j.value("#endTime").await,
    );
    j.check(
        (date.as_str(), start.as_str(), end.as_str()) == (tuesday.as_str(), "11:00", "12:00"),
        format!("the modal holds the clicked time, got {date} {start}–{end}"),
    )
    .await;
    let search = j.find("#bs-client").await;
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
    j.fill("#email", "rosa@example.com").await;
    j.until(
        "document.querySelector('[data-bs-check]').classList.contains('ok')",
        "the time checked free",
    )
    .await;
    j.shot("book-empty-time").await;
    j.click("[data-bs-submit]").await;
    j.until(
        "!document.querySelector('dialog[data-bs-dialog]').open",
        "the modal to close",
    )
    .await;
    j.until(
        &format!("[...document.querySelectorAll(\"section[data-date='{tuesday}'] .cal-who\")].some((e) => e.textContent.includes('Rosa Diaz'))"),
        "Rosa's session on Tuesday",
    )
    .await;
    j.check_same_page("the page was not reloaded").await;
    j.shot("booked-by-click").await;

    // Drag Maya from Monday 10:00 to Wednesday 09:30.
    let maya_session = maya["sessionId"].as_i64().expect("a session id");
    drag(&j, maya_session, &wednesday, 9 * 60 + 30).await;
    j.until(
        "(document.querySelector('[data-cal-status]').textContent || '').startsWith('Moved.')",
        "the server's answer to the drop",
    )
    .await;
    j.until(
        &format!("(document.querySelector(\"section[data-date='{wednesday}'] #session-{maya_session} .cal-time\")?.textContent || '') === '09:30–10:30'"),
        "Maya's session on Wednesday at 09:30",
    )
    .await;
    let moved = start_of(&j, &maya["id"]).await;
    j.check(
        moved.starts_with(&format!("{wednesday}T09:30")),
        format!("the booking moved: {moved}"),
    )
    .await;
    j.shot("dragged").await;

    // Onto Rosa's session: refused, said why, nothing changed.
    drag(&j, maya_session, &tuesday, 11 * 60).await;
    j.until(
        "!document.querySelector('[data-cal-alert]').hidden",
        "the refusal",
    )
    .await;
    let why = j.text("[data-cal-alert]").await;
    j.check(
        why.starts_with("Not moved:") && why.contains("collides"),
        format!("the refusal says why: {why}"),
    )
    .await;
    j.until(
        &format!("!!document.querySelector(\"section[data-date='{wednesday}'] #session-{maya_session}\")"),
        "Maya's session back on Wednesday",
    )
    .await;
    let still = start_of(&j, &maya["id"]).await;
    j.check(still == moved, format!("nothing changed: {still}"))
        .await;
    j.shot("move-refused").await;
    j.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coach_moves_by_keyboard_cancels_from_the_panel_and_sees_bookings_arrive() {
    let Some(j) = Journey::start("calendar-panel", Seed::Coach).await else {
        return;
    };
    let (type_id, monday) = ready(&j).await;
    let thursday = plus(&monday, 3);
    let noor = book(&j, type_id, &monday, "14:00", "Noor Haddad").await;
    let noor_session = noor["sessionId"].as_i64().expect("a session id");
    j.goto(&format!("/admin/calendar?view=week&date={monday}"))
        .await;
    j.until(
        "document.querySelector('[data-cal-root]').classList.contains('cal-js')",
        "the calendar drawn",
    )
    .await;

    // The keyboard: focus the session, Enter opens its panel, "Move to…" moves it.
    j.js(&format!(
        "document.getElementById('session-{noor_session}').focus();"
    ))
    .await;
    j.press(Key::Enter).await;
    j.until(
        "document.activeElement?.id === 'panel-title'",
        "the panel, focused",
    )
    .await;
    let panel = j.text("#session-panel").await;
    j.check(
        panel.contains("Noor Haddad") && panel.contains("noor.haddad@example.com"),
        format!("panel: {panel}"),
    )
    .await;
    j.shot("panel").await;
    j.js("document.querySelector('#panel-move summary').focus();")
        .await;
    j.press(Key::Enter).await;
    j.until(
        "document.querySelector('#panel-move').open",
        "the Move to… form",
    )
    .await;
    j.set("#move-date", &thursday).await;
    j.set("#move-time", "15:00").await;
    j.js("document.querySelector('#panel-move button[type=submit]').focus();")
        .await;
    j.shot("move-form").await;
    j.press(Key::Enter).await;
    j.until(
        "(document.querySelector('main > .notice')?.textContent || '').includes('Moved to')",
        "the move's notice",
    )
    .await;
    let start = start_of(&j, &noor["id"]).await;
    j.check(
        start.starts_with(&format!("{thursday}T15:00")),
        format!("moved by keyboard: {start}"),
    )
    .await;
    j.shot("moved-by-keyboard").await;

    // Cancel from the side panel: the session leaves the calendar, the booking is cancelled.
    j.click("#panel-cancel summary").await;
    j.until(
        "document.querySelector('#panel-cancel').open",
        "the cancel form",
    )
    .await;
    j.shot("cancel-form").await;
    j.fill("#cancel-reason", "I am unwell").await;
    j.click_and_load("#panel-cancel button[type=submit]").await;
    j.until("(document.querySelector('main > .notice')?.textContent || '').includes('Cancelled the session')", "the cancel notice").await;
    j.check(
        j.all(&format!("#session-{noor_session}")).await.is_empty(),
        "the session is gone",
    )
    .await;
    let b = j
        .api("GET", &format!("/api/bookings/{}", noor["id"]), Value::Null)
        .await;
    j.check(
        b["body"]["status"] == "cancelled",
        format!("cancelled: {b}"),
    )
    .await;
    j.shot("cancelled").await;

    // Live: a booking made through the API elsewhere appears without reloading the page.
    j.goto(&format!("/admin/calendar?view=week&date={monday}"))
        .await;
    j.until(
        "document.querySelector('[data-cal-root]').classList.contains('cal-js')",
        "the calendar drawn",
    )
    .await;
    j.mark_page().await;
    // The stream is open before the booking is made.
    j.until(
        "document.documentElement.dataset.calLive === 'open'",
        "the event stream",
    )
    .await;
    book(&j, type_id, &monday, "11:00", "Lee Chen").await;
    j.until(
        &format!("[...document.querySelectorAll(\"section[data-date='{monday}'] .cal-who\")].some((e) => e.textContent.includes('Lee Chen'))"),
        "Lee's booking to appear by itself",
    )
    .await;
    j.check_same_page("the page was not reloaded").await;
    j.shot("live-update").await;
    j.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_day_and_list_views_fit_a_phone_and_the_week_scrolls_inside_itself() {
    let Some(j) = Journey::start("calendar-phone", Seed::Coach).await else {
        return;
    };
    let (type_id, monday) = ready(&j).await;
    book(&j, type_id, &monday, "10:00", "Maya Patel").await;
    book(&j, type_id, &monday, "14:00", "Noor Haddad").await;
    j.device(390, 844, true).await;
    let fits = "document.documentElement.scrollWidth <= window.innerWidth";

    // Without a view asked for, a phone gets the day.
    j.goto(&format!("/admin/calendar?date={monday}")).await;
    j.until(
        "location.search.includes('view=day') && document.querySelector('.cal-views a[aria-current=page]')?.textContent === 'Day'",
        "the day view on a phone",
    )
    .await;
    j.until(
        "document.querySelectorAll('.cal-session').length === 2",
        "the day's sessions",
    )
    .await;
    j.check(
        j.js(&format!("return {fits}")).await == json!(true),
        "the day view fits 390 px",
    )
    .await;
    j.shot("phone-day").await;

    j.goto(&format!("/admin/calendar?view=list&date={monday}"))
        .await;
    let people = j.text(".cal-list").await;
    j.check(
        people.contains("maya.patel@example.com"),
        format!("list: {people}"),
    )
    .await;
    j.check(
        j.js(&format!("return {fits}")).await == json!(true),
        "the list fits 390 px",
    )
    .await;
    j.shot("phone-list").await;

    j.goto(&format!("/admin/calendar?view=week&date={monday}"))
        .await;
    j.check(
        j.js(&format!("return {fits}")).await == json!(true),
        "the page does not scroll sideways",
    )
    .await;
    let inner = j
        .js("const s = document.querySelector('[data-cal-scroll]'); return s.scrollWidth > s.clientWidth;")
        .await;
    j.check(inner == json!(true), "the week scrolls inside itself")
        .await;
    j.shot("phone-week").await;

    j.goto(&format!("/admin/calendar?view=month&date={monday}"))
        .await;
    j.check(
        j.js(&format!("return {fits}")).await == json!(true),
        "the month fits 390 px",
    )
    .await;
    j.shot("phone-month").await;
    j.finish().await;
}
