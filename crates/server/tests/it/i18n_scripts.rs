//! The words browser scripts write, in the page's language (issue 17, docs/i18n.md "Scripts"):
//! every message id the scripts in `assets/` use is in every locale, and every page carries the
//! `js-` messages (`#cb-messages`) in its reader's language. The browser side (German written by
//! `coach_page.js` and `book_session.js`) is in `browser/i18n_scripts.rs`.

use std::collections::BTreeSet;
use std::path::Path;

use axum::body::Body;
use axum::http::{header, Method, Request};
use coachbook::app::i18n::{catalogue, script_messages, Locale};
use serde_json::{json, Value};

use crate::harness::text::page;
use crate::harness::{TestApp, COACH_EMAIL};

/// The script files and their text.
fn scripts() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("the assets directory") {
        let path = entry.expect("a directory entry").path();
        if path.extension().is_some_and(|e| e == "js") {
            let text = std::fs::read_to_string(&path).expect("a readable script");
            out.push((path.display().to_string(), text));
        }
    }
    assert!(out.len() >= 7, "the scripts: {out:?}");
    out
}

/// Every `"js-…"` string in `text` (the ids scripts pass to `t`, `tn` and `parts`, also from
/// tables), and those passed to `tn` (which reads `<id>-one` and `<id>-other`).
fn ids_in(text: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut all = BTreeSet::new();
    let mut plural = BTreeSet::new();
    for (at, _) in text.match_indices("\"js-") {
        let rest = &text[at + 1..];
        let Some(end) = rest.find('"') else { continue };
        let id = &rest[..end];
        assert!(
            id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "a message id of lower-case words: {id:?}"
        );
        all.insert(id.to_owned());
        if text[..at].ends_with("tn(") {
            plural.insert(id.to_owned());
        }
    }
    // An id built at run time would escape this scan: scripts spell their ids out.
    assert!(
        !text.contains("`js-"),
        "a message id built from pieces in a script"
    );
    (all, plural)
}

#[test]
fn every_message_the_scripts_use_is_in_every_locale_and_every_js_message_is_used() {
    let mut used = BTreeSet::new();
    for (path, text) in scripts() {
        let (all, plural) = ids_in(&text);
        for locale in Locale::ALL {
            let ids = &catalogue(locale).ids;
            for id in &all {
                let found = if plural.contains(id) {
                    ids.contains_key(&format!("{id}-one"))
                        && ids.contains_key(&format!("{id}-other"))
                } else {
                    ids.contains_key(id)
                };
                assert!(found, "{path} uses {id}, which {locale} does not have");
                // A message of scripts.ftl, where the page's JSON takes it from.
                let file = ids
                    .get(id)
                    .or_else(|| ids.get(&format!("{id}-other")))
                    .map(String::as_str);
                assert_eq!(
                    file,
                    Some(&*format!("{}/scripts.ftl", locale.code())),
                    "{id}"
                );
            }
        }
        for id in &all {
            if plural.contains(id) {
                used.insert(format!("{id}-one"));
                used.insert(format!("{id}-other"));
            } else {
                used.insert(id.clone());
            }
        }
    }
    assert!(used.len() > 40, "the scan found too few ids: {used:?}");
    let defined: BTreeSet<_> = catalogue(Locale::En)
        .ids
        .keys()
        .filter(|id| id.starts_with("js-"))
        .cloned()
        .collect();
    let unused: Vec<_> = defined.difference(&used).collect();
    assert!(
        unused.is_empty(),
        "in scripts.ftl but no script uses them: {unused:?}"
    );
}

#[test]
fn the_pages_json_has_every_js_message_with_its_variables_as_the_script_fills_them() {
    for locale in Locale::ALL {
        let json = decode(script_messages(locale));
        let map = json.as_object().expect("an object");
        let js_ids = catalogue(locale)
            .ids
            .keys()
            .filter(|id| id.starts_with("js-"));
        for id in js_ids {
            let message = map.get(id).and_then(Value::as_str);
            assert!(
                message.is_some_and(|m| !m.is_empty()),
                "{locale}: {id} missing"
            );
        }
        assert!(
            map.keys().all(|id| id.starts_with("js-")),
            "{locale}: only js- messages"
        );
    }
    let en = decode(script_messages(Locale::En));
    let de = decode(script_messages(Locale::De));
    assert_eq!(en["js-cp-times-in"], "Times are in {zone}.");
    assert_eq!(de["js-cp-times-in"], "Zeiten in {zone}.");
    assert_eq!(en["js-cp-day-open-other"], "{day}: {count} open");
    assert_eq!(de["js-cp-day-open-other"], "{day}: {count} Zeiten frei");
    assert_eq!(
        de["js-cp-credit-other"],
        "Verbraucht 1 Ihrer {count} {package}-Einheiten."
    );
    assert_eq!(
        en["js-bs-outside-hours"],
        "That time is outside your weekly hours. Tick “{choice}” to book it, or choose another time."
    );
}

/// The messages as a script reads them: base64 of a JSON object.
fn decode(encoded: &str) -> Value {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .expect("base64");
    serde_json::from_slice(&bytes).expect("the messages are JSON")
}

/// The messages a page carries for its scripts.
fn messages_of(html: &str) -> Value {
    let open = "<script type=\"text/plain\" id=\"cb-messages\">";
    let start = html
        .find(open)
        .unwrap_or_else(|| panic!("no #cb-messages in {html}"))
        + open.len();
    let end = html[start..].find("</script>").expect("the element closes") + start;
    decode(&html[start..end])
}

/// Ana's public page with `accept` as the browser's `Accept-Language`.
async fn public_page(app: &TestApp, slug: &str, accept: Option<&str>) -> String {
    let mut req = Request::builder()
        .method(Method::GET)
        .uri(format!("/c/{slug}?week=2026-12-07&tz=Europe/London"));
    if let Some(a) = accept {
        req = req.header(header::ACCEPT_LANGUAGE, a);
    }
    let reply = app
        .request(req.body(Body::empty()).expect("a request"))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.text()
}

const WEEK: &str = "/admin/calendar?view=week&date=2026-12-07";

db_test! {
    async fn a_german_reader_gets_the_scripts_words_in_german_and_an_english_one_in_english(db) {
        let app = TestApp::serve(db).await;
        let (ana, token) = app.signed_in_coach().await;
        app.session_type(&token, json!({"name": "Coaching", "durationMinutes": 60})).await;
        app.open_every_day(&token, "09:00", "17:00").await;
        let (status, me) = app.get(&token, "/api/me").await;
        assert_eq!(status, 200, "{me}");
        let slug = me["coach"]["slug"].as_str().expect("a slug").to_owned();

        // A visitor whose browser asks for German: the page and its scripts' words are German.
        let de = public_page(&app, &slug, Some("de-DE,de;q=0.9")).await;
        assert!(de.contains("<html lang=\"de\">"), "{de}");
        let words = messages_of(&de);
        assert_eq!(words["js-cp-no-times"], "Keine Zeiten");
        assert_eq!(words["js-cp-booked"], "Ihr Termin ist gebucht");
        assert_eq!(words["js-cp-seats-left-other"], "noch {count} Plätze");
        // The messages come before the scripts that read them.
        assert!(de.find("id=\"cb-messages\"") < de.find("type=\"module\""), "{de}");

        // An English one: the words the scripts wrote before, unchanged.
        for accept in [Some("en-GB,en;q=0.9"), None] {
            let en = public_page(&app, &slug, accept).await;
            assert!(en.contains("<html lang=\"en\">"), "{en}");
            let words = messages_of(&en);
            assert_eq!(words["js-cp-no-times"], "No times");
            assert_eq!(words["js-cp-booked"], "You're booked");
            assert_eq!(words["js-cp-empty-week-ask"], "No open times here. Try the next week, or {link}.");
            assert_eq!(words["js-cp-slot-book"], ", {date}: book");
            // A search of the page for a sentence finds only what the page shows, never the
            // scripts' catalogue.
            assert!(!en.contains("Reload the page to try again") && !en.contains("That time was just taken"), "{en}");
        }

        // The coach's own pages follow her choice: the calendar's and the booking dialog's words.
        let en = messages_of(&page(&app, &ana, WEEK).await);
        assert_eq!(en["js-cal-moved"], "Moved. Everyone in the session is told.");
        assert_eq!(en["js-bs-custom"], "Custom — type a name and email");
        app.choose_locale(COACH_EMAIL, "de").await;
        let html = page(&app, &ana, WEEK).await;
        assert!(html.contains("<html lang=\"de\">"), "{html}");
        let de = messages_of(&html);
        assert_eq!(de["js-cal-moved"], "Verschoben. Alle Teilnehmenden werden benachrichtigt.");
        assert_eq!(de["js-bs-free"], "Frei – innerhalb Ihrer Zeiten.");
        assert_eq!(de["js-bell-unread-other"], "Benachrichtigungen, {count} ungelesen");
    }
}
