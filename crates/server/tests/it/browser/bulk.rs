//! The bulk creation journey (issue 16), the real binary in headless Chromium with screenshots in
//! `artifacts/screenshots/`: from the Calendar, "Create many"; a template for a weekly group
//! class on Tuesdays for 10 weeks, previewed with one date in the way of an existing session (9
//! free, 1 highlighted), at desktop and phone widths; then created skipping the collision, and
//! the Calendar shows the new sessions. The form is driven from the keyboard: every control is
//! reached by Tab, choices are made with keys, and Enter previews (never commits).

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

/// Types `keys` into whatever has the focus, as a person at the keyboard would.
async fn type_keys(j: &Journey, keys: &str) {
    let focused = j
        .client
        .active_element()
        .await
        .unwrap_or_else(|e| panic!("[{}] the focused element: {e}", j.name));
    focused
        .send_keys(keys)
        .await
        .unwrap_or_else(|e| panic!("[{}] type {keys:?}: {e}", j.name));
}

/// A description of the focused element: its id, else its name and value.
async fn focused(j: &Journey) -> String {
    j.js("const e = document.activeElement;
          return e.id || `${e.getAttribute('name')}=${e.value}`;")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Presses Tab until the element described as `want` (see [`focused`]) has the focus, failing
/// after 100 presses; the descriptions passed on the way.
async fn tab_to(j: &Journey, want: &str) -> Vec<String> {
    let mut passed = Vec::new();
    for _ in 0..100 {
        let now = focused(j).await;
        if now == want {
            return passed;
        }
        passed.push(now);
        j.press(Key::Tab).await;
    }
    j.fail(format!("Tab never reached {want}; passed {passed:?}"))
        .await
}

/// The preview's numbers: `[free, colliding]` from its table, and the highlighted rows' dates.
async fn plan(j: &Journey) -> Value {
    j.js("const rows = [...document.querySelectorAll('#plan-heading ~ .table-wrap tbody tr')];
          const hit = rows.filter((r) => r.classList.contains('collides'));
          return { rows: rows.length, colliding: hit.map((r) => r.querySelector('th').textContent.trim()),
                   highlighted: hit.every((r) => { const bg = (row) => [row, row.querySelector('th')].map((e) => getComputedStyle(e).backgroundColor).join();
                                                 return bg(r) !== bg(rows.find((x) => !x.classList.contains('collides'))); }),
                   wide: document.documentElement.scrollWidth > document.documentElement.clientWidth };")
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coach_creates_a_ten_week_group_class_skipping_the_one_date_in_the_way() {
    let Some(j) = Journey::start("bulk", Seed::Coach).await else {
        return;
    };
    j.sign_in(COACH_EMAIL, PASSWORD).await;
    j.expect_path("/admin").await;

    // A group type, hours every day, a template for the class, and a session in the way on the
    // fourth Tuesday.
    let t = j
        .api(
            "POST",
            "/api/session-types",
            json!({"name": "Yoga", "kind": "group", "capacity": 8, "durationMinutes": 60}),
        )
        .await;
    j.check(t["status"] == 201, format!("session type: {t}"))
        .await;
    let yoga = t["body"]["id"].as_i64().unwrap_or_default();
    let rules: Vec<Value> = (1..=7)
        .map(|d| json!({"weekday": d, "start": "08:00", "end": "20:00"}))
        .collect();
    let r = j
        .api("PUT", "/api/availability/rules", json!({ "rules": rules }))
        .await;
    j.check(r["status"] == 200, format!("rules: {r}")).await;
    let tpl = j
        .api(
            "POST",
            "/api/session-templates",
            json!({"name": "Tuesday group class", "sessionTypeId": yoga}),
        )
        .await;
    j.check(tpl["status"] == 201, format!("template: {tpl}"))
        .await;
    let first = plus(&next_monday(), 1);
    let blocked = plus(&first, 21);
    let s = j
        .api(
            "POST",
            "/api/sessions",
            json!({"sessionTypeId": yoga, "date": blocked, "startTime": "18:30"}),
        )
        .await;
    j.check(s["status"] == 201, format!("the session in the way: {s}"))
        .await;

    // Calendar → "Create many".
    j.click_and_load("#site-nav a[href='/admin/calendar']")
        .await;
    j.expect_path("/admin/calendar").await;
    j.click_and_load("a[href='/admin/sessions/bulk']").await;
    j.expect_path("/admin/sessions/bulk").await;
    j.shot("empty-form").await;

    // The keyboard alone: Tab from the top of the page into the form.
    j.js("document.activeElement.blur(); window.scrollTo(0, 0);")
        .await;
    j.press(Key::Tab).await;
    tab_to(&j, "templateId").await;
    type_keys(&j, "Tuesday").await;
    j.check(
        j.value("#templateId").await.parse::<i64>().ok() == tpl["body"]["id"].as_i64(),
        "typing the template's name chooses it",
    )
    .await;
    // The weekly pattern is already chosen; tick Tuesday with Space.
    tab_to(&j, "weekdays=tu").await;
    j.press(Key::Space).await;
    j.check(
        j.js("return document.querySelector('input[name=weekdays][value=tu]').checked")
            .await
            == json!(true),
        "Space ticks Tuesday",
    )
    .await;
    tab_to(&j, "time").await;
    // Date and time fields take typed keys in the browser's locale; set them as a picker would.
    j.set("#time", "18:00").await;
    tab_to(&j, "from").await;
    j.set("#from", &first).await;
    tab_to(&j, "interval").await;
    type_keys(&j, &format!("{}1", Key::Backspace)).await;
    tab_to(&j, "count").await;
    type_keys(&j, "10").await;
    let passed = tab_to(&j, "action=preview").await;
    j.check(
        passed.contains(&"until".to_owned()) && passed.contains(&"dates".to_owned()),
        format!("every field is on the way: {passed:?}"),
    )
    .await;
    // Enter in a field previews.
    tab_to(&j, "count").await;
    j.mark_page().await;
    j.press(Key::Enter).await;
    j.until(
        "!window.__samePage && document.querySelector('#plan-heading') && document.readyState === 'complete'",
        "the preview",
    )
    .await;
    j.settle().await;

    let p = plan(&j).await;
    j.check(p["rows"] == 10, format!("ten dates planned: {p}"))
        .await;
    j.check(
        p["colliding"].as_array().map(Vec::len) == Some(1),
        format!("one collision: {p}"),
    )
    .await;
    j.check(
        p["highlighted"] == true,
        format!("the collision stands out: {p}"),
    )
    .await;
    j.check(p["wide"] == false, format!("no sideways scrolling: {p}"))
        .await;
    let summary = j.text("#plan-heading + p").await;
    j.check(
        summary.contains("9 free") && summary.contains("1 in the way"),
        format!("the preview's summary: {summary}"),
    )
    .await;
    let in_the_way = j.text("tr.collides").await;
    j.check(
        in_the_way.contains("Yoga") && in_the_way.contains("18:30"),
        format!("the collision says what is in the way: {in_the_way}"),
    )
    .await;
    j.full_shot("preview-desktop").await;

    // Enter after the preview previews again, it does not commit.
    tab_to(&j, "count").await;
    j.mark_page().await;
    j.press(Key::Enter).await;
    j.until(
        "!window.__samePage && document.querySelector('#plan-heading') && document.readyState === 'complete'",
        "the preview again",
    )
        .await;
    let sessions = j.api("GET", "/api/sessions", Value::Null).await;
    j.check(
        sessions["body"]
            .to_string()
            .matches("\"sessionTypeId\"")
            .count()
            <= 1,
        format!("a preview writes nothing: {sessions}"),
    )
    .await;

    // The same preview on a phone.
    j.device(390, 844, true).await;
    j.click_and_load("button[name=action][value=preview]:not(.visually-hidden)")
        .await;
    j.settle().await;
    let p = plan(&j).await;
    j.check(
        p["rows"] == 10 && p["wide"] == false,
        format!("the phone preview fits: {p}"),
    )
    .await;
    j.full_shot("preview-phone").await;

    // Commit from the keyboard: the "skip" button, then Enter.
    j.device(1280, 900, false).await;
    j.js("document.querySelector('button[name=action][value=skip]').scrollIntoView({block: 'center'});")
        .await;
    j.js("document.activeElement.blur();").await;
    let label = j.text("button[name=action][value=skip]").await;
    j.check(
        label == "Create 9, skipping 1",
        format!("the commit button says what it does: {label}"),
    )
    .await;
    tab_to(&j, "action=skip").await;
    j.mark_page().await;
    j.press(Key::Enter).await;
    j.until(
        "location.pathname === '/admin/calendar' && document.readyState === 'complete'",
        "the Calendar after creating",
    )
    .await;
    j.settle().await;
    let notice = j.text(".notice").await;
    j.check(
        notice.contains("9 sessions created") && notice.contains("1 skipped"),
        format!("the notice: {notice}"),
    )
    .await;
    let here = j.js("return location.search").await;
    j.check(
        here.as_str().unwrap_or_default().contains(&first),
        format!("the Calendar opens on the first new session's week: {here}"),
    )
    .await;
    j.js("document.querySelector('.cal-session')?.scrollIntoView({block: 'center'});")
        .await;
    j.settle().await;
    j.shot("calendar-after").await;

    // Each created Tuesday is on the Calendar, and the blocked one holds only the older session.
    for week in 0..10 {
        let day = plus(&first, week * 7);
        j.goto(&format!("/admin/calendar?view=week&date={day}"))
            .await;
        let shown = j
            .js(&format!(
                "return [...document.querySelectorAll(\"section[data-date='{day}'] .cal-session\")].map((e) => e.textContent.replace(/\\s+/g, ' ').trim());"
            ))
            .await;
        let n = shown.as_array().map(Vec::len).unwrap_or_default();
        j.check(n == 1, format!("{day}: one Yoga session shown: {shown}"))
            .await;
        let text = shown.to_string();
        let expect = if day == blocked { "18:30" } else { "18:00" };
        j.check(
            text.contains(expect),
            format!("{day}: the session at {expect}: {shown}"),
        )
        .await;
    }
    j.finish().await;
}
