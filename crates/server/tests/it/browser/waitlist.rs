//! Browser journey for waitlists: a group session fills up, a visitor joins its waitlist from
//! the coach's page (another joins after), a participant cancels through their manage link, the
//! first waiter's offer email (read from the coach's outbox) opens the claim page and they claim
//! the seat; the coach's list at each step. Laptop (1280) and phone (390) widths. Screenshots in
//! `artifacts/screenshots/waitlist-*`.

use serde_json::{json, Value};

use super::harness::{next_monday, Journey, Seed, COACH_EMAIL, PASSWORD};

/// How far the page scrolls sideways (0 when it fits).
async fn overflow(j: &Journey) -> i64 {
    j.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        .await
        .as_i64()
        .unwrap_or(i64::MAX)
}

async fn sign_out(j: &Journey) {
    j.client.delete_all_cookies().await.expect("sign out");
}

/// The claim path in the latest offer email to `email`, from the coach's outbox.
async fn claim_path(j: &Journey, email: &str) -> String {
    let list = j.api("GET", "/api/emails?limit=50", Value::Null).await;
    let id = list["body"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|e| e["kind"] == "waitlist_offer" && e["toEmail"] == email)
        .and_then(|e| e["id"].as_i64());
    let Some(id) = id else {
        return j.fail(format!("no offer email to {email}: {list}")).await;
    };
    let mail = j
        .api("GET", &format!("/api/emails/{id}"), Value::Null)
        .await;
    let text = mail["body"]["text"].as_str().unwrap_or_default().to_owned();
    let Some(at) = text.find("/waitlist/claim/") else {
        return j.fail(format!("no claim link in the offer: {text}")).await;
    };
    text[at..at + "/waitlist/claim/".len() + 64].to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_fills_up_a_participant_cancels_and_the_first_waiter_claims_the_seat() {
    let Some(j) = Journey::start("waitlist", Seed::Coach).await else {
        return;
    };
    let monday = next_monday();
    let start = format!("{monday}T10:00");

    // The coach: a group of two, weekday hours, visitors may wait.
    j.sign_in(COACH_EMAIL, PASSWORD).await;
    j.coaching_week().await;
    let t = j
        .api(
            "POST",
            "/api/session-types",
            json!({"name": "Morning circle", "kind": "group", "capacity": 2, "durationMinutes": 60}),
        )
        .await;
    j.check(t["status"] == 201, format!("group type: {t}"))
        .await;
    let st = t["body"]["id"].as_i64().unwrap_or_default();
    let s = j
        .api(
            "PUT",
            "/api/me/waitlist",
            json!({"waitlistVisitors": true, "waitlistOfferHours": 12}),
        )
        .await;
    j.check(s["status"] == 200, format!("settings: {s}")).await;
    sign_out(&j).await;

    // Two visitors fill the group from the page's API.
    j.goto("/c/ana").await;
    let mut manage = Vec::new();
    for (name, email) in [
        ("Pia Park", "pia@example.com"),
        ("Paul Poe", "paul@example.com"),
    ] {
        let b = j
            .api(
                "POST",
                "/api/coaches/ana/bookings",
                json!({"sessionTypeId": st, "start": start, "timeZone": "Europe/London", "name": name, "email": email}),
            )
            .await;
        j.check(b["status"] == 201, format!("booking {name}: {b}"))
            .await;
        manage.push(
            b["body"]["managePath"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        );
    }

    // The full session reads "Full · Join the waitlist" on the page, with no names.
    j.device(1280, 900, false).await;
    j.goto(&format!(
        "/c/ana?week={monday}&tz=Europe/London&type={st}#book"
    ))
    .await;
    j.until(
        "document.querySelector('.cp-week a.cp-waitlist')",
        "the full session on the week view",
    )
    .await;
    let full = j.content(".cp-week a.cp-waitlist").await;
    j.check(
        full.contains("10:00") && full.contains("Full · Join the waitlist"),
        format!("the full group: {full}"),
    )
    .await;
    let page = j.content("main").await;
    j.check(
        !page.contains("Pia Park") && !page.contains("Paul Poe") && !page.contains("@example.com"),
        "no names on the page",
    )
    .await;
    j.shot("full-laptop").await;
    j.click_and_load(".cp-week a.cp-waitlist").await;
    j.fill("#wl-name", "Wes Walk").await;
    j.fill("#wl-email", "wes@example.com").await;
    j.shot("join-form").await;
    j.click_and_load("main form button[type=submit]").await;
    let joined = j.content(".waitlist-join .notice").await;
    j.check(
        joined.contains("number 1 in line"),
        format!("joined: {joined}"),
    )
    .await;
    j.shot("joined-laptop").await;

    // A second visitor joins at phone width; the page fits.
    j.device(390, 844, true).await;
    j.goto(&format!("/c/ana?week={monday}&tz=Europe/London&type={st}"))
        .await;
    j.until(
        "document.querySelector('a.cp-waitlist')",
        "the full session on the phone",
    )
    .await;
    j.shot("full-phone").await;
    j.click_and_load("a.cp-waitlist").await;
    j.fill("#wl-name", "Vic Vale").await;
    j.fill("#wl-email", "vic@example.com").await;
    j.click_and_load("main form button[type=submit]").await;
    let joined = j.content(".waitlist-join .notice").await;
    j.check(
        joined.contains("number 2 in line"),
        format!("second: {joined}"),
    )
    .await;
    j.check(overflow(&j).await == 0, "the join page fits a phone")
        .await;
    j.shot("joined-phone").await;

    // Pia cancels through her manage link: the seat goes to Wes, held.
    j.device(1280, 900, false).await;
    j.goto(&manage[0]).await;
    j.click(".cancel-menu summary").await;
    j.click_and_load(".cancel-form button[type=submit]").await;
    j.shot("participant-cancelled").await;

    // The coach sees the offer on the list, and the claim link in the outbox.
    j.sign_in(COACH_EMAIL, PASSWORD).await;
    let claim = claim_path(&j, "wes@example.com").await;
    let sessions = j
        .api("GET", "/api/bookings?status=confirmed", Value::Null)
        .await;
    let session_id = sessions["body"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|b| b["email"] == "paul@example.com")
        .and_then(|b| b["sessionId"].as_i64())
        .unwrap_or_default();
    j.goto(&format!("/admin/sessions/{session_id}/waitlist"))
        .await;
    let list = j.content("#waitlist").await;
    j.check(
        list.contains("Wes Walk") && list.contains("Seat offered") && list.contains("Vic Vale"),
        format!("the coach's list: {list}"),
    )
    .await;
    j.shot("coach-list-laptop").await;
    j.device(390, 844, true).await;
    j.goto(&format!("/admin/sessions/{session_id}/waitlist"))
        .await;
    j.check(overflow(&j).await == 0, "the coach's list fits a phone")
        .await;
    j.shot("coach-list-phone").await;
    sign_out(&j).await;

    // Wes opens the link from the email, on his phone, and claims the seat.
    j.goto(&claim).await;
    let head = j.content("main h1").await;
    j.check(
        head == "A seat is free for you",
        format!("claim page: {head}"),
    )
    .await;
    j.check(overflow(&j).await == 0, "the claim page fits a phone")
        .await;
    j.shot("claim-phone").await;
    j.device(1280, 900, false).await;
    j.goto(&claim).await;
    j.shot("claim-laptop").await;
    j.click_and_load("form[action^='/waitlist/claim/'] button.primary")
        .await;
    let head = j.content("main h1").await;
    j.check(head == "Your seat is booked", format!("claimed: {head}"))
        .await;
    j.shot("claimed").await;

    // The group is full again, with Wes in it.
    j.sign_in(COACH_EMAIL, PASSWORD).await;
    j.goto(&format!("/admin/sessions/{session_id}/waitlist"))
        .await;
    let seats = j.content(".waitlist-seats").await;
    j.check(
        seats.starts_with("2 of 2 seats booked"),
        format!("full again: {seats}"),
    )
    .await;
    j.shot("coach-list-after").await;
    j.finish().await;
}
