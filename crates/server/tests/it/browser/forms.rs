//! The coach's forms in a real browser: a creation dialog shows every field's error at once and
//! stays open, money is read the way people type it, and archiving asks first.

use super::harness::{Journey, Seed, COACH_EMAIL, PASSWORD};
use serde_json::json;

const DIALOG: &str = "#new-package";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_package_shows_every_error_at_once_takes_grouped_money_and_archiving_asks_first() {
    let Some(j) = Journey::start("forms", Seed::Coach).await else {
        return;
    };
    j.sign_in(COACH_EMAIL, PASSWORD).await;
    j.expect_path("/admin").await;

    // Creation is a button that opens a dialog, not half the page.
    j.goto("/admin/packages").await;
    j.check(
        j.js(&format!("return document.querySelector('{DIALOG}').open"))
            .await
            == json!(false),
        "the dialog starts closed",
    )
    .await;
    j.click(".page-head a[data-open-dialog]").await;
    j.until(
        &format!(
            "document.querySelector('{DIALOG}').open && document.activeElement?.id === 'name'"
        ),
        "the New package dialog, focus on its first field",
    )
    .await;

    // Six bad fields: six errors, each beside its field, in the dialog that stays open.
    j.fill("#name", "").await;
    j.fill("#sessionCount", "0").await;
    j.fill("#sessionMinutes", "-3").await;
    j.fill("#price", "12x").await;
    j.fill("#currency", "EURO").await;
    j.fill("#validityDays", "0").await;
    j.shot("package-bad-fields").await;
    j.click_and_load(&format!("{DIALOG} button[type=submit]"))
        .await;
    j.until(
        &format!("document.querySelector('{DIALOG}').open"),
        "the dialog open again with the errors",
    )
    .await;
    let errors = j
        .attrs(&format!("{DIALOG} [aria-invalid=true]"), "id")
        .await;
    let mut sorted = errors.clone();
    sorted.sort();
    j.check(
        sorted
            == [
                "currency",
                "name",
                "price",
                "sessionCount",
                "sessionMinutes",
                "validityDays",
            ],
        format!("fields marked invalid: {errors:?}"),
    )
    .await;
    let shown = j.all(&format!("{DIALOG} .field-error")).await.len();
    j.check(shown == 6, format!("{shown} errors shown, not 6"))
        .await;
    let kept = j.value("#sessionCount").await;
    j.check(kept == "0", format!("what was typed is kept: {kept:?}"))
        .await;
    j.shot("package-every-error").await;

    // Money as people type it: grouping separators and a currency sign.
    j.fill("#name", "Twelve-session programme").await;
    j.fill("#sessionCount", "12").await;
    j.fill("#sessionMinutes", "60").await;
    j.fill("#price", "€1,200.50").await;
    j.fill("#currency", "EUR").await;
    j.fill("#validityDays", "180").await;
    j.click_and_load(&format!("{DIALOG} button[type=submit]"))
        .await;
    j.expect_path("/admin/packages").await;
    let notice = j.content("main > .notice").await;
    j.check(
        notice.contains("Twelve-session programme"),
        format!("notice: {notice:?}"),
    )
    .await;
    let packages = j.api("GET", "/api/coaching/packages", json!(null)).await;
    let price = packages["body"][0]["priceCents"].clone();
    j.check(
        price == json!(120_050),
        format!("price stored as {price} cents: {packages}"),
    )
    .await;

    // Archiving asks first, with a second explicit button; nothing changes until it is pressed.
    j.click(".confirm-menu summary").await;
    j.until(
        "document.querySelector('.confirm-menu').open",
        "the archive confirmation",
    )
    .await;
    let question = j.content(".confirm-form p").await;
    j.check(
        question.starts_with("Archive “Twelve-session programme”?"),
        format!("the question: {question:?}"),
    )
    .await;
    j.shot("package-archive-question").await;
    j.click_and_load(".confirm-form button[type=submit]").await;
    let badge = j.content("tbody .badge").await;
    j.check(
        badge == "Archived",
        format!("badge after archiving: {badge:?}"),
    )
    .await;

    // A new session type: a discovery call is suggested short and free; back to one-on-one, an
    // hour again.
    j.goto("/admin/session-types").await;
    j.click(".page-head a[data-open-dialog]").await;
    j.until(
        "document.querySelector('#new-session-type').open",
        "the New session type dialog",
    )
    .await;
    j.set("#kind", "discovery").await;
    let suggested = (j.value("#durationMinutes").await, j.value("#price").await);
    j.check(
        suggested == ("20".to_owned(), "0.00".to_owned()),
        format!("a discovery call starts at 20 minutes, free: {suggested:?}"),
    )
    .await;
    j.set("#kind", "one_on_one").await;
    let back = j.value("#durationMinutes").await;
    j.check(back == "60", format!("one-on-one: {back}")).await;
    j.finish().await;
}
