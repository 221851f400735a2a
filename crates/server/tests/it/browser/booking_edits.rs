//! Editing and rescheduling from the Bookings page in a browser, and the warnings before changes
//! that hit booked sessions: the coach adds notes and a link, moves a booking (a collision is
//! refused beside the time, nothing changed), is warned before taking days off over two booked
//! sessions and saves anyway, and is asked what to do with a client's sessions when archiving
//! them. Each page at 1280 and 390 wide (no sideways scrolling, no serious axe-core violation
//! when axe is installed); screenshots in `artifacts/screenshots/booking-edits-*`.

use serde_json::{json, Value};

use super::harness::{axe_source, next_monday, Journey, Seed, COACH_EMAIL, PASSWORD};

/// The current page at a laptop's and a phone's width: a screenshot of each, nothing running off
/// the phone's screen, and no serious or critical axe-core violation (when axe is installed).
async fn both_widths(j: &Journey, step: &str) {
    for (width, height, phone) in [(1280, 800, false), (390, 844, true)] {
        j.device(width, height, phone).await;
        j.client.refresh().await.expect("reload");
        j.settle().await;
        let wide = j
            .js("return document.documentElement.scrollWidth > window.innerWidth + 1;")
            .await;
        j.check(
            wide == json!(false),
            format!("{step} scrolls sideways at {width} px"),
        )
        .await;
        if let Ok(axe) = axe_source() {
            let serious: Vec<Value> = j
                .axe(axe)
                .await
                .into_iter()
                .filter(|v| v["impact"] == "serious" || v["impact"] == "critical")
                .collect();
            j.check(
                serious.is_empty(),
                format!("{step} at {width} px: {serious:?}"),
            )
            .await;
        }
        j.full_shot(&format!("{step}-{width}")).await;
    }
    j.device(1280, 800, false).await;
}

async fn ok(j: &Journey, what: &str, answer: &Value, status: u64) -> Value {
    j.check(answer["status"] == status, format!("{what}: {answer}"))
        .await;
    answer["body"].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coach_edits_and_moves_bookings_and_is_warned_before_changes_that_hit_them() {
    let Some(j) = Journey::start("booking-edits", Seed::Coach).await else {
        return;
    };
    j.sign_in(COACH_EMAIL, PASSWORD).await;
    let type_id = j.coaching_week().await;
    let monday = next_monday();
    let maya = ok(
        &j,
        "client",
        &j.api(
            "POST",
            "/api/coaching/clients",
            json!({"name": "Maya Chen", "email": "maya@example.com"}),
        )
        .await,
        201,
    )
    .await["id"]
        .as_i64()
        .unwrap_or_default();
    let book = |body: Value| j.api("POST", "/api/bookings", body);
    ok(
        &j,
        "Jo's booking",
        &book(
            json!({"sessionTypeId": type_id, "date": monday, "startTime": "10:00",
            "name": "Jo Client", "email": "jo@example.com"}),
        )
        .await,
        201,
    )
    .await;
    let booking = ok(
        &j,
        "Maya's booking",
        &book(json!({"sessionTypeId": type_id, "date": monday, "startTime": "14:00", "clientId": maya}))
            .await,
        201,
    )
    .await;
    let id = booking["id"].as_i64().unwrap_or_default();

    // Edit from the Bookings list: notes and a meeting link.
    j.goto("/admin/bookings").await;
    j.click_and_load(&format!(
        "#booking-{id} a[href^='/admin/bookings/{id}/edit']"
    ))
    .await;
    j.fill("#notes", "Bring the workbook; talk about goals")
        .await;
    j.fill("#meetingUrl", "not a link").await;
    j.click_and_load("form[data-booking-edit] button[type=submit]")
        .await;
    let error = j.text("#meetingUrl-error").await;
    j.check(error.contains("https://"), format!("link error: {error}"))
        .await;
    both_widths(&j, "edit-error").await;
    j.fill("#meetingUrl", "https://meet.example.com/maya").await;
    j.click_and_load("form[data-booking-edit] button[type=submit]")
        .await;
    j.expect_path("/admin/bookings").await;
    let notes = j.text(&format!("#booking-{id} .booking-notes")).await;
    j.check(
        notes.contains("Bring the workbook"),
        format!("notes on the row: {notes}"),
    )
    .await;

    // Reschedule: a collision is refused beside the time; then a free time moves it.
    j.click_and_load(&format!(
        "#booking-{id} a[href^='/admin/bookings/{id}/reschedule']"
    ))
    .await;
    j.set("#startTime", "10:30").await;
    j.click_and_load("form[data-booking-reschedule] button[type=submit]")
        .await;
    let error = j.text("#startTime-error").await;
    j.check(
        error.contains("collides"),
        format!("collision error: {error}"),
    )
    .await;
    both_widths(&j, "reschedule-collision").await;
    j.set("#startTime", "12:00").await;
    j.click_and_load("form[data-booking-reschedule] button[type=submit]")
        .await;
    j.expect_path("/admin/bookings").await;
    let when = j.text(&format!("#booking-{id} .booking-when")).await;
    j.check(when.contains("12:00"), format!("moved: {when}"))
        .await;
    both_widths(&j, "list").await;

    // Days off over both sessions: listed, nothing saved until "save anyway".
    j.goto("/admin/availability#time-off").await;
    j.click("#add-days summary").await;
    j.set("#days-from", &monday).await;
    j.click_and_load("#add-days button[type=submit]").await;
    let listed = j.texts("#affected-days li").await;
    j.check(
        listed.len() == 2
            && listed.iter().any(|l| l.contains("Jo Client"))
            && listed.iter().any(|l| l.contains("Maya Chen")),
        format!("affected: {listed:?}"),
    )
    .await;
    both_widths(&j, "time-off-warning").await;
    j.click("#affected-days input[name=confirm]").await;
    j.click_and_load("#add-days button[type=submit]").await;
    let blocks = ok(
        &j,
        "blocks",
        &j.api("GET", "/api/availability/blocks", json!(null)).await,
        200,
    )
    .await;
    j.check(
        blocks.as_array().is_some_and(|b| b.len() == 1),
        format!("saved: {blocks}"),
    )
    .await;

    // Archiving Maya asks about her upcoming session.
    j.goto(&format!("/admin/clients/{maya}")).await;
    j.set("#status", "archived").await;
    let details = format!("form[action='/admin/clients/{maya}'] button[type=submit]");
    j.click_and_load(&details).await;
    let question = j.text("#archive-question").await;
    j.check(
        question.contains("1 upcoming session") && question.contains("Keep them booked"),
        format!("archive question: {question}"),
    )
    .await;
    both_widths(&j, "archive-question").await;
    j.click("#archive-question input[value=cancel]").await;
    j.fill("#cancelReason", "Moving abroad").await;
    j.click_and_load(&details).await;
    let b = ok(
        &j,
        "Maya's booking",
        &j.api("GET", &format!("/api/bookings/{id}"), json!(null))
            .await,
        200,
    )
    .await;
    j.check(
        b["status"] == "cancelled" && b["cancelReason"] == "Moving abroad",
        format!("cancelled with the client archived: {b}"),
    )
    .await;
    j.finish().await;
}
