//! Browser journey for co-hosted sessions (issue 16): Ana invites Bo from her Calendar's session
//! panel ("Invite a co-host"), Bo sees it on his Calendar marked "Invited — accept / decline" and
//! accepts from the panel, and the session shows on both coaches' Calendar pages with its hosts.
//! Screenshots of both calendars in `artifacts/screenshots/`.

use serde_json::{json, Value};

use super::harness::{next_monday, Journey, Seed, COACH_EMAIL, PASSWORD};

async fn sign_out(j: &Journey) {
    j.goto("/logout").await;
    j.click_and_load("form[action='/logout'] button[type=submit]")
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cohosted_session_shows_on_both_coaches_calendars() {
    let Some(j) = Journey::start("cohosts", Seed::TwoCoaches).await else {
        return;
    };
    j.sign_in(COACH_EMAIL, PASSWORD).await;
    j.expect_path("/admin").await;
    let type_id = j.coaching_week().await;
    let monday = next_monday();
    let s = j
        .api(
            "POST",
            "/api/sessions",
            json!({"sessionTypeId": type_id, "date": monday, "startTime": "10:00"}),
        )
        .await;
    j.check(s["status"] == 201, format!("session: {s}")).await;
    let id = s["body"]["id"].as_i64().unwrap_or_default();
    let panel = format!("/admin/calendar?view=week&date={monday}&session={id}");

    // Ana invites Bo from the panel.
    j.goto(&panel).await;
    j.find("#panel-invite").await;
    j.click("#panel-invite summary").await;
    j.shot("ana-invites").await;
    j.click_and_load("#panel-invite button[type=submit]").await;
    let hosts = j.text("#panel-hosts").await;
    j.check(
        hosts.contains("Bo Chen") && hosts.to_lowercase().contains("invited"),
        format!("Bo invited in the panel: {hosts}"),
    )
    .await;
    j.shot("ana-calendar-invited").await;
    sign_out(&j).await;

    // Bo sees it on his calendar, marked as an invitation, and accepts.
    j.sign_in("bo@example.com", PASSWORD).await;
    j.goto(&format!("/admin/calendar?view=week&date={monday}"))
        .await;
    let item = j.text(&format!("#session-{id}")).await;
    j.check(
        item.to_lowercase().contains("invited"),
        format!("the invitation on Bo's calendar: {item}"),
    )
    .await;
    j.shot("bo-calendar-invited").await;
    j.goto(&panel).await;
    j.click_and_load("#panel-hosts form[action$='/hosts/accept'] button")
        .await;
    let hosts = j.text("#panel-hosts").await;
    j.check(
        hosts.contains("Ana Okafor") && hosts.to_lowercase().contains("accepted"),
        format!("Bo accepted: {hosts}"),
    )
    .await;
    let item = j.text(&format!("#session-{id}")).await;
    j.check(
        item.to_lowercase().contains("co-hosting"),
        format!("Bo's item: {item}"),
    )
    .await;
    j.check(
        j.all("#panel-edit").await.is_empty(),
        "a co-host does not get the owner's edit forms",
    )
    .await;
    j.shot("bo-calendar-cohosting").await;
    let mine: Value = j
        .api("GET", &format!("/api/sessions/{id}"), Value::Null)
        .await;
    j.check(mine["status"] == 200, format!("Bo reads it: {mine}"))
        .await;
    sign_out(&j).await;

    // Ana's calendar shows Bo accepted.
    j.sign_in(COACH_EMAIL, PASSWORD).await;
    j.goto(&panel).await;
    let hosts = j.text("#panel-hosts").await;
    j.check(
        hosts.to_lowercase().contains("accepted"),
        format!("Ana sees Bo accepted: {hosts}"),
    )
    .await;
    j.shot("ana-calendar-accepted").await;
    j.finish().await;
}
