//! Browser journey (issue 16): one occurrence of a weekly series cancelled from the Calendar's
//! side panel. The panel says the session repeats and offers this one, this and following, or
//! all; "This session only" cancels that one and leaves the rest of the series on the calendar.

use serde_json::{json, Value};

use super::harness::{next_monday, Journey, Seed, COACH_EMAIL, PASSWORD};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coach_cancels_one_occurrence_of_a_series_from_the_panel() {
    let Some(j) = Journey::start("series-cancel-one", Seed::Coach).await else {
        return;
    };
    j.sign_in(COACH_EMAIL, PASSWORD).await;
    j.expect_path("/admin").await;
    let type_id = j.coaching_week().await;
    let monday = next_monday();
    // Four Tuesdays at 10:00, kept as a series.
    let tuesday: jiff::civil::Date = monday
        .parse::<jiff::civil::Date>()
        .unwrap()
        .tomorrow()
        .unwrap();
    let plan = j
        .api(
            "POST",
            "/api/sessions/bulk",
            json!({"sessionTypeId": type_id, "overrideAvailability": true,
                   "pattern": {"weekdays": ["tu"], "time": "10:00", "from": tuesday.to_string(), "count": 4}}),
        )
        .await;
    j.check(plan["status"] == 201, format!("series: {plan}"))
        .await;
    let series_id = plan["body"]["seriesId"].as_i64().unwrap_or_default();
    let first = plan["body"]["sessions"][0]["id"]
        .as_i64()
        .unwrap_or_default();

    j.goto(&format!(
        "/admin/calendar?view=week&date={monday}&session={first}"
    ))
    .await;
    let panel = j.text("#session-panel").await;
    j.check(
        panel.contains("Repeats: Every week on Tuesday at 10:00, 4 times"),
        format!("the panel names the series: {panel}"),
    )
    .await;
    j.click("#panel-cancel summary").await;
    j.until(
        "document.querySelector('#panel-cancel').open",
        "the cancel form",
    )
    .await;
    let scope = j.text("#panel-cancel fieldset").await;
    j.check(
        scope.contains("This session only") && scope.contains("This and the following sessions"),
        format!("the choices: {scope}"),
    )
    .await;
    j.check(
        j.js("return document.querySelector('#panel-cancel input[value=this]').checked")
            .await
            == Value::Bool(true),
        "this session only is the default",
    )
    .await;
    j.fill("#cancel-reason", "Bank holiday").await;
    j.shot("cancel-one-form").await;
    j.click_and_load("#panel-cancel button[type=submit]").await;
    j.until(
        "(document.querySelector('main > .notice')?.textContent || '').includes('Cancelled the session')",
        "the cancel notice",
    )
    .await;
    let s = j
        .api("GET", &format!("/api/series/{series_id}"), Value::Null)
        .await;
    let statuses: Vec<String> = s["body"]["occurrences"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|o| o["status"].as_str().unwrap_or_default().to_owned())
        .collect();
    j.check(
        statuses == ["cancelled", "scheduled", "scheduled", "scheduled"],
        format!("only the first is cancelled: {s}"),
    )
    .await;
    j.goto(&format!("/admin/calendar?view=month&date={monday}"))
        .await;
    j.shot("series-after-cancelling-one").await;
    j.finish().await;
}
