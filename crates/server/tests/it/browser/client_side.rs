//! The client's side in a browser, on the demo practice (issue 13): a registered user (signed up
//! a minute ago, not a client) books on the coach's page as themselves; the demo client Sam,
//! connected to his account, books with a package credit (the dialog says so before he
//! confirms), and then, past the coach's cancellation cut-off, sees on My sessions that
//! cancelling uses the credit and that rescheduling is gone, and cancels anyway. At laptop and
//! phone width. Screenshots in `artifacts/screenshots/client-side-*`.

use serde_json::json;

use super::harness::{next_monday, Journey, Seed, DEMO_COACH_EMAIL, DEMO_USER_EMAIL, PASSWORD};

/// Opens the coach's page and books the first open "Coaching session" time in the dialog; answers
/// what the dialog said about credits before confirming.
async fn book_first_coaching_slot(j: &Journey, step: &str) -> String {
    // Next week: the demo's hours are on weekdays, and today may be a Saturday.
    j.goto(&format!("/c/ana-ruiz?week={}", next_monday())).await;
    j.until(
        "document.querySelector('.cp-week .cp-slot')",
        "open times on the coach's page",
    )
    .await;
    // Only coaching sessions: the programme's credits are for those.
    j.js("const s = document.querySelector('[data-cp-type]'); \
          s.value = [...s.options].find((o) => o.text === 'Coaching session').value; \
          s.dispatchEvent(new Event('change', { bubbles: true }));")
        .await;
    j.until(
        "[...document.querySelectorAll('.cp-week .cp-slot')].length > 0 && \
         ![...document.querySelectorAll('.cp-week .cp-slot .cp-type-name')].some((n) => n.textContent !== 'Coaching session')",
        "only coaching sessions",
    )
    .await;
    j.settle().await;
    j.click(".cp-week .cp-slot").await;
    j.until(
        "document.querySelector('[data-cp-dialog]').open",
        "the booking dialog",
    )
    .await;
    let asks_name = j
        .js("return Boolean(document.querySelector('#cp-name'))")
        .await;
    j.check(
        asks_name == json!(false),
        "a signed-in person is not asked for a name and email",
    )
    .await;
    let credit = j
        .js("const c = document.querySelector('[data-cp-chosen-credit]'); return c.hidden ? '' : c.textContent")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned();
    j.shot(&format!("{step}-dialog")).await;
    j.click("[data-cp-submit]").await;
    j.until(
        "!document.querySelector('[data-cp-done]').hidden",
        "the confirmation",
    )
    .await;
    j.settle().await;
    j.shot(&format!("{step}-booked")).await;
    credit
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_registered_user_and_a_connected_client_book_and_the_client_meets_the_cutoff() {
    let Some(j) = Journey::start("client-side", Seed::Demo).await else {
        return;
    };
    j.device(1280, 900, false).await;

    // A new account, not a client of Ana's: books as themselves.
    j.goto("/signup").await;
    j.fill("#name", "Robin Vale").await;
    j.fill("#email", "robin@example.org").await;
    j.fill("#password", PASSWORD).await;
    j.click_and_load("form button[type=submit]").await;
    j.sign_in("robin@example.org", PASSWORD).await;
    let credit = book_first_coaching_slot(&j, "registered").await;
    j.check(
        credit.is_empty(),
        format!("no credits for a non-client: {credit}"),
    )
    .await;
    let note = j.content("[data-cp-done-note]").await;
    j.check(
        note.contains("robin@example.org"),
        format!("the confirmation goes to the account's email: {note}"),
    )
    .await;
    j.client.delete_all_cookies().await.expect("sign out");

    // The coach makes every session late to cancel: a cut-off of 30 days.
    j.sign_in(DEMO_COACH_EMAIL, PASSWORD).await;
    let policy = j
        .api(
            "PUT",
            "/api/availability/policy",
            json!({"minNoticeMinutes": 720, "maxDaysAhead": 60, "slotIntervalMinutes": 30,
                   "cancellationCutoffMinutes": 43200, "rescheduleCutoffMinutes": 43200}),
        )
        .await;
    j.check(policy["status"] == 200, format!("policy: {policy}"))
        .await;
    j.client.delete_all_cookies().await.expect("sign out");

    // Sam, connected to his client record with a programme, books with a credit.
    j.sign_in(DEMO_USER_EMAIL, PASSWORD).await;
    let credit = book_first_coaching_slot(&j, "client").await;
    j.check(
        credit.starts_with("Uses 1 of your") && credit.contains("credit"),
        format!("the dialog says a credit is used before he confirms: {credit:?}"),
    )
    .await;

    // On My sessions, inside the cut-off: the policy line says what cancelling does; no
    // rescheduling, and a line saying why.
    for (width, height, phone, step) in [
        (1280, 900, false, "my-laptop"),
        (390, 844, true, "my-phone"),
    ] {
        j.device(width, height, phone).await;
        j.goto("/my").await;
        j.settle().await;
        j.full_shot(step).await;
        let overflow = j
            .js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            .await;
        j.check(
            overflow.as_i64().is_some_and(|o| o <= 0),
            format!("/my fits at {width}px: {overflow}"),
        )
        .await;
    }
    let late = j.content_all(".my-booking .policy-late").await;
    j.check(
        late.iter()
            .any(|l| l.contains("counts as used and your credit is not given back")),
        format!("the late-cancellation line is shown before acting: {late:?}"),
    )
    .await;
    j.check(
        late.iter()
            .any(|l| l.contains("can no longer be rescheduled online")),
        format!("why rescheduling is gone: {late:?}"),
    )
    .await;
    let reschedule = j.all(".my-booking a[href$='/reschedule']").await;
    j.check(
        reschedule.is_empty(),
        "no Reschedule button past the cut-off",
    )
    .await;
    let before = j.all(".my-booking.status-confirmed").await.len();

    // He cancels anyway: the form repeats the policy, and the session leaves the upcoming list.
    j.click(".my-booking .cancel-menu summary").await;
    j.fill(
        ".my-booking .cancel-form input[name=reason]",
        "Travelling after all",
    )
    .await;
    j.shot("cancel-form").await;
    j.click_and_load(".my-booking .cancel-form button[type=submit]")
        .await;
    j.settle().await;
    j.full_shot("cancelled").await;
    let after = j.all(".my-booking.status-confirmed").await.len();
    j.check(
        after + 1 == before,
        format!("one confirmed session fewer: {before} -> {after}"),
    )
    .await;
    j.finish().await;
}
