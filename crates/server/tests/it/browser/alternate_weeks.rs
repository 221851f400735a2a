//! Alternate weeks on the Availability page (issue 16), in headless Chromium with screenshots:
//! a saved every-other-Monday window is summarised and comes back in its row; the coach makes
//! Tuesday every 3 weeks from the keyboard, saves, and the API has it. Desktop and phone.

use fantoccini::key::Key;
use serde_json::{json, Value};

use super::harness::{next_monday, Journey, Seed, COACH_EMAIL, PASSWORD};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coach_sets_windows_that_repeat_every_few_weeks() {
    let Some(j) = Journey::start("altweeks", Seed::Coach).await else {
        return;
    };
    j.sign_in(COACH_EMAIL, PASSWORD).await;
    j.expect_path("/admin").await;
    let t = j
        .api(
            "POST",
            "/api/session-types",
            json!({"name": "Coaching", "durationMinutes": 60}),
        )
        .await;
    j.check(t["status"] == 201, format!("session type: {t}"))
        .await;
    let monday = next_monday();
    let r = j
        .api(
            "PUT",
            "/api/availability/rules",
            json!({"rules": [
                {"weekday": 1, "start": "09:00", "end": "12:00", "everyWeeks": 2, "anchorDate": monday},
                {"weekday": 3, "start": "13:00", "end": "17:00"},
            ]}),
        )
        .await;
    j.check(r["status"] == 200, format!("rules: {r}")).await;

    j.click_and_load("#site-nav a[href='/admin/availability']")
        .await;
    j.expect_path("/admin/availability").await;
    let summary = j.texts(".hours-summary li").await;
    let day: jiff::civil::Date = monday.parse().expect("a date");
    let pattern = if day.year() == jiff::Zoned::now().year() {
        "%-d %b"
    } else {
        "%-d %b %Y"
    };
    let want = format!(
        "Mondays 09:00–12:00, every 2nd week from {}",
        day.strftime(pattern)
    );
    j.check(
        summary.first() == Some(&want)
            && summary.get(1).map(String::as_str) == Some("Wednesdays 13:00–17:00"),
        format!("the summary: {summary:?}, wanted {want}"),
    )
    .await;
    j.check(
        j.value("[data-day=monday] select[name=every-monday]").await == "2",
        "Monday's row shows every 2 weeks",
    )
    .await;
    j.check(
        !j.displayed("[data-day=wednesday] .window-anchor").await,
        "an every-week window asks for no start week",
    )
    .await;
    j.js("document.querySelector('#hours').scrollIntoView();")
        .await;
    j.settle().await;
    j.shot("hours-desktop").await;

    // Tuesday, from the keyboard: tick it (09:00–17:00), then every 3 weeks from next Tuesday.
    j.js("document.querySelector('#day-tuesday').focus();")
        .await;
    j.press(Key::Space).await;
    let select = "[data-day=tuesday] select[name=every-tuesday]";
    j.js(&format!("document.querySelector('{select}').focus();"))
        .await;
    let focused = j
        .client
        .active_element()
        .await
        .expect("the focused element");
    focused
        .send_keys("Every 3")
        .await
        .expect("choose with the keyboard");
    j.check(j.value(select).await == "3", "typing chooses every 3 weeks")
        .await;
    j.check(
        j.displayed("[data-day=tuesday] .window-anchor").await,
        "the start week shows once the window skips weeks",
    )
    .await;
    let tuesday = day.tomorrow().expect("a day").to_string();
    j.set("[data-day=tuesday] input[name=anchor-tuesday]", &tuesday)
        .await;
    j.click_and_load("form[data-hours-form] .actions button.primary")
        .await;
    j.settle().await;
    let saved: Value = j.api("GET", "/api/availability/rules", Value::Null).await;
    let tue = saved["body"]["rules"]
        .as_array()
        .and_then(|rules| rules.iter().find(|r| r["weekday"] == 2))
        .cloned()
        .unwrap_or_default();
    j.check(
        tue["everyWeeks"] == 3 && tue["anchorDate"] == tuesday.as_str() && tue["start"] == "09:00",
        format!("Tuesday saved every 3 weeks: {saved}"),
    )
    .await;
    let summary = j.texts(".hours-summary li").await;
    j.check(
        summary
            .iter()
            .any(|l| l.starts_with("Tuesdays 09:00–17:00, every 3rd week from")),
        format!("the summary after saving: {summary:?}"),
    )
    .await;

    j.device(390, 844, true).await;
    j.goto("/admin/availability#hours").await;
    j.settle().await;
    let wide = j
        .js("return document.documentElement.scrollWidth > document.documentElement.clientWidth")
        .await;
    j.check(wide == json!(false), "no sideways scrolling on a phone")
        .await;
    j.shot("hours-phone").await;
    j.finish().await;
}
