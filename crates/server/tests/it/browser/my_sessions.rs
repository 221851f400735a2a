//! The client's own side in a browser: a client invited by email creates an account from the
//! link, connects, sees their sessions and credits on "My sessions", reads what cancelling does to
//! the credit before cancelling inside the cut-off, and a visitor reschedules through the manage
//! link of a booking made on the coach's page. Screenshots at 1280 and 390 wide in
//! `artifacts/screenshots/my-sessions-*`.

use serde_json::{json, Value};

use super::harness::{next_monday, Journey, Seed, COACH_EMAIL, PASSWORD};

/// Looks at the page at a laptop's and a phone's width, with a screenshot of each, and checks
/// that nothing runs off the phone's screen.
async fn both_widths(j: &Journey, step: &str) {
    j.device(1280, 800, false).await;
    j.client.refresh().await.expect("reload");
    j.settle().await;
    j.shot(&format!("{step}-1280")).await;
    j.device(390, 844, true).await;
    j.client.refresh().await.expect("reload");
    j.settle().await;
    let wide = j
        .js("return document.documentElement.scrollWidth > window.innerWidth + 1;")
        .await;
    j.check(
        wide == json!(false),
        format!("{step} scrolls sideways at 390 px"),
    )
    .await;
    j.full_shot(&format!("{step}-390")).await;
    j.device(1280, 800, false).await;
    j.client.refresh().await.expect("reload");
    j.settle().await;
}

async fn ok(j: &Journey, what: &str, answer: &Value, status: u64) -> Value {
    j.check(answer["status"] == status, format!("{what}: {answer}"))
        .await;
    answer["body"].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connected_client_cancels_in_time_and_a_visitor_reschedules_by_link() {
    let Some(j) = Journey::start("my-sessions", Seed::Coach).await else {
        return;
    };
    // The coach: hours, a package, a client enrolled in it with two sessions on Monday.
    j.sign_in(COACH_EMAIL, PASSWORD).await;
    let type_id = j.coaching_week().await;
    let package = ok(
        &j,
        "package",
        &j.api(
            "POST",
            "/api/coaching/packages",
            json!({"name": "Five sessions", "sessionTypeId": type_id, "sessionCount": 5}),
        )
        .await,
        201,
    )
    .await;
    let client = ok(
        &j,
        "client",
        &j.api(
            "POST",
            "/api/coaching/clients",
            json!({"name": "Cleo Client", "email": "cleo@example.com", "notes": "Private note"}),
        )
        .await,
        201,
    )
    .await;
    let client_id = client["id"].as_i64().unwrap_or_default();
    ok(
        &j,
        "enrol",
        &j.api(
            "POST",
            &format!("/api/coaching/clients/{client_id}/enrolments"),
            json!({"packageId": package["id"]}),
        )
        .await,
        201,
    )
    .await;
    let day = next_monday();
    for time in ["10:00", "14:00"] {
        ok(
            &j,
            "booking",
            &j.api(
                "POST",
                "/api/bookings",
                json!({"sessionTypeId": type_id, "clientId": client_id,
            "coachingPackageId": package["id"], "date": day, "startTime": time,
            "meetingUrl": "https://meet.example.com/cleo"}),
            )
            .await,
            201,
        )
        .await;
    }
    // The invitation, from the client's page.
    j.goto(&format!("/admin/clients/{client_id}")).await;
    j.click_and_load(".account-card button[type=submit]").await;
    j.check(
        j.content(".notice")
            .await
            .starts_with("Invitation sent to cleo@example.com"),
        "invited",
    )
    .await;
    j.shot("account-card").await;
    let emails = ok(
        &j,
        "outbox",
        &j.api("GET", "/api/emails", json!(null)).await,
        200,
    )
    .await;
    let id = emails
        .as_array()
        .and_then(|l| l.iter().find(|e| e["kind"] == "client_invitation"))
        .map(|e| e["id"].clone());
    let email = ok(
        &j,
        "email",
        &j.api(
            "GET",
            &format!("/api/emails/{}", id.unwrap_or_default()),
            json!(null),
        )
        .await,
        200,
    )
    .await;
    let text = email["text"].as_str().unwrap_or_default().to_owned();
    let link = text
        .find("/invite/")
        .map(|at| text[at..at + 51].to_owned())
        .unwrap_or_default();
    j.check(link.len() == 51, format!("an invitation link in {text}"))
        .await;
    j.goto("/logout").await;
    j.click_and_load("form[action='/logout'] button[type=submit]")
        .await;

    // Cleo opens the link, creates her account (the email filled in) and connects.
    j.goto(&link).await;
    j.shot("invite-signed-out").await;
    j.click_and_load(".invite-actions a.primary").await;
    j.check(
        j.value("#email").await == "cleo@example.com",
        "the email is filled in",
    )
    .await;
    j.fill("#name", "Cleo Client").await;
    j.fill("#password", PASSWORD).await;
    j.set("#timeZone", "Europe/London").await;
    j.click_and_load("form[action^='/signup'] button[type=submit]")
        .await;
    j.fill("#password", PASSWORD).await;
    j.click_and_load("form[action='/login'] button[type=submit]")
        .await;
    j.expect_path(&link).await;
    j.shot("invite-signed-in").await;
    j.click_and_load("form[action^='/invite/'] button[type=submit]")
        .await;
    j.expect_path("/my").await;
    let page = j.content("main").await;
    for expected in [
        "Your account is connected to Ana Okafor",
        "Coaching session",
        "10:00–11:00",
        "14:00–15:00",
        "3 of 5 credits left",
        "Cancelling now gives your package credit back",
    ] {
        j.check(page.contains(expected), format!("/my lacks {expected:?}"))
            .await;
    }
    j.check(
        !page.contains("Private note"),
        "the coach's notes stay the coach's",
    )
    .await;
    both_widths(&j, "my").await;

    // Cancel the first one: the policy line is shown in the form before the button.
    j.click(".my-booking .cancel-menu summary").await;
    let line = j.content(".my-booking .cancel-form .policy-line").await;
    j.check(
        line.starts_with("Cancelling now gives your package credit back"),
        format!("policy: {line}"),
    )
    .await;
    j.shot("cancel-policy").await;
    j.click_and_load(".my-booking .cancel-form button[type=submit]")
        .await;
    j.check(
        j.content(".notice").await
            == "Your booking is cancelled and your package credit was given back.",
        "cancelled",
    )
    .await;
    j.check(
        j.content("main").await.contains("4 of 5 credits left"),
        "the credit is back",
    )
    .await;
    j.shot("cancelled").await;
    j.goto("/logout").await;
    j.click_and_load("form[action='/logout'] button[type=submit]")
        .await;

    // A visitor books on the coach's page (through its API) and keeps the manage link.
    j.goto("/login").await;
    let booked = j.api("POST", "/api/coaches/ana/bookings", json!({"sessionTypeId": type_id,
        "start": format!("{day}T12:00"), "timeZone": "Europe/London", "name": "Vic Visitor", "email": "vic@example.com"})).await;
    let booked = ok(&j, "public booking", &booked, 201).await;
    let manage = booked["managePath"].as_str().unwrap_or_default().to_owned();
    j.goto(&manage).await;
    let page = j.content("main").await;
    j.check(
        page.contains("Your booking with Ana Okafor") && page.contains("12:00–13:00"),
        format!("manage page: {page}"),
    )
    .await;
    j.check(!page.contains("Cleo"), "nobody else's name").await;
    both_widths(&j, "manage").await;
    j.click_and_load(".manage-actions a[href$='/reschedule']")
        .await;
    both_widths(&j, "reschedule").await;
    j.click(".slot-option input").await;
    let chosen = j.value(".slot-option input:checked").await;
    j.click_and_load("form button.primary[type=submit]").await;
    let notice = j.content(".notice").await;
    j.check(
        notice.starts_with("Your session is moved to"),
        format!("moved: {notice} (chose {chosen})"),
    )
    .await;
    j.shot("rescheduled").await;
    j.finish().await;
}
