//! Field messages and refusals in the reader's language (issue 17): a refused input carries its
//! catalogue id, pages word it in German for a German reader, the JSON API keeps the English
//! sentence, and each keyed message's English catalogue text is the use case's own English.

use std::path::{Path, PathBuf};

use coachbook::app::i18n::{Arg, Locale, Tr};
use serde_json::json;

use crate::harness::text::{has_all, has_none};
use crate::harness::{Reply, TestApp, COACH_EMAIL};

// ---- The English catalogue says what the code says ----

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source directory") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// The Rust string literal at the start of `s` (which starts with `"`), unescaped, and its
/// length in `s`.
fn literal(s: &str) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut chars = s.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, i + 1)),
            '\\' => match chars.next()?.1 {
                '\n' => {
                    while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                        chars.next();
                    }
                }
                'n' => out.push('\n'),
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

/// The length of the parenthesised arguments at the start of `s` (just after the `(`), up to
/// the closing `)`.
fn closing(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = 0;
    let bytes = s.as_bytes();
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += literal(&s[i..])?.1;
                continue;
            }
            b'\'' if bytes.get(i + 2) == Some(&b'\'') => i += 2,
            b'\'' if bytes.get(i + 1) == Some(&b'\\') => {
                i += s[i + 1..].find('\'')? + 1;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' if depth == 0 => return Some(i),
            b')' | b']' | b'}' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    None
}

/// The top-level, comma-separated arguments of `s`.
fn arguments(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    loop {
        // The end of the first argument: the first top-level comma.
        let mut depth = 0usize;
        let mut i = 0;
        let bytes = rest.as_bytes();
        let mut end = rest.len();
        while i < bytes.len() {
            match bytes[i] {
                b'"' => {
                    i += literal(&rest[i..]).map_or(1, |l| l.1);
                    continue;
                }
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => depth = depth.saturating_sub(1),
                b',' if depth == 0 => {
                    end = i;
                    break;
                }
                _ => {}
            }
            i += 1;
        }
        let arg = rest[..end].trim();
        if !arg.is_empty() {
            out.push(arg);
        }
        if end >= rest.len() {
            return out;
        }
        rest = &rest[end + 1..];
    }
}

/// One keyed `InvalidInput::new(field, message).key("id").arg("name", value)…` in the code.
struct Keyed {
    at: String,
    key: String,
    english: String,
    args: Vec<(String, String)>,
}

/// Every keyed field message in the server's and core's code; a keyed one whose English is not
/// a literal (or a `format!` of one with inline names) is a failure, named.
fn keyed_messages() -> (Vec<Keyed>, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    rust_files(&root.join("src"), &mut paths);
    rust_files(&root.join("../core/src"), &mut paths);
    let (mut found, mut unreadable) = (Vec::new(), Vec::new());
    const CALL: &str = "InvalidInput::new(";
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("a readable source file");
        for (at, _) in text.match_indices(CALL) {
            let line = text[..at].lines().count();
            let place = format!("{}:{line}", path.display());
            let start = at + CALL.len();
            let Some(len) = closing(&text[start..]) else {
                unreadable.push(place);
                continue;
            };
            let args = arguments(&text[start..start + len]);
            // The chain after the call.
            let mut rest = &text[start + len + 1..];
            let mut key = None;
            let mut vars = Vec::new();
            loop {
                let trimmed = rest.trim_start();
                let (is_key, is_arg) = (trimmed.starts_with(".key("), trimmed.starts_with(".arg("));
                if !is_key && !is_arg {
                    break;
                }
                let inner = &trimmed[5..];
                let Some(l) = closing(inner) else { break };
                let parts = arguments(&inner[..l]);
                let name = parts.first().and_then(|p| literal(p)).map(|p| p.0);
                match (is_key, name) {
                    (true, Some(k)) => key = Some(k),
                    (false, Some(n)) => vars.push((
                        n,
                        parts
                            .get(1)
                            .map_or("", |v| v.trim_start_matches('&'))
                            .to_owned(),
                    )),
                    _ => {}
                }
                rest = &inner[l + 1..];
            }
            let Some(key) = key else { continue };
            let message = args.get(1).copied().unwrap_or_default();
            let english = if message.starts_with('"') {
                literal(message).map(|l| l.0)
            } else if let Some(inner) = message.strip_prefix("format!(") {
                let parts = arguments(inner.strip_suffix(')').unwrap_or(inner));
                match parts.as_slice() {
                    [only] if only.starts_with('"') => literal(only).map(|l| l.0),
                    _ => None,
                }
            } else {
                // A constant of the same file: `const HINT: &str = "…";`.
                let decl = format!("const {message}: &str =");
                text.find(&decl)
                    .map(|at| text[at + decl.len()..].trim_start())
                    .and_then(literal)
                    .map(|l| l.0)
            };
            match english {
                Some(english) if args.len() == 2 => found.push(Keyed {
                    at: place,
                    key,
                    english,
                    args: vars,
                }),
                _ => unreadable.push(format!("{place} ({key})")),
            }
        }
    }
    (found, unreadable)
}

#[test]
fn every_keyed_field_message_reads_in_english_as_the_code_writes_it() {
    let (found, unreadable) = keyed_messages();
    assert!(
        unreadable.is_empty(),
        "keyed messages whose English is not a literal or an inline format!: {unreadable:#?}"
    );
    assert!(found.len() > 60, "the scan found too few: {}", found.len());
    let en = Tr(Locale::En);
    let mut wrong = Vec::new();
    for k in &found {
        if !en.has(&k.key) {
            wrong.push(format!("{}: {} is not in the catalogue", k.at, k.key));
            continue;
        }
        // Each variable reads as the code's own placeholder, `{value}` (or `{name}`).
        let args: Vec<(&str, Arg<'_>)> = k
            .args
            .iter()
            .map(|(name, value)| {
                let by_value = format!("{{{value}}}");
                let shown = if k.english.contains(&by_value) {
                    by_value
                } else {
                    format!("{{{}}}", name.replace('-', "_"))
                };
                (name.as_str(), Arg::from(shown))
            })
            .collect();
        let catalogue = en.args(&k.key, &args);
        if catalogue != k.english {
            wrong.push(format!(
                "{}: {}\n  code:      {}\n  catalogue: {catalogue}",
                k.at, k.key, k.english
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_keyed_message_reads_in_the_readers_language_with_its_values() {
    let refused = coachbook_core::validate::Slug::parse("slug", "api").expect_err("reserved");
    assert_eq!(
        refused.message,
        "\"api\" is reserved; choose another address."
    );
    assert_eq!(Tr(Locale::En).invalid(&refused), refused.message);
    assert_eq!(
        Tr(Locale::De).invalid(&refused),
        "„api“ ist reserviert; wählen Sie eine andere Adresse."
    );
    // Without an id, the message is what it is.
    let plain = coachbook_core::validate::InvalidInput::new("x", "As written.");
    assert_eq!(Tr(Locale::De).invalid(&plain), "As written.");
}

// ---- Pages in German, the API in English (both databases) ----

/// Posts `form` to `path` as a browser whose `Accept-Language` is `accept`.
async fn post_as(
    app: &TestApp,
    browser: &reqwest::Client,
    accept: &str,
    path: &str,
    form: &[(&str, &str)],
) -> (u16, String) {
    let res = browser
        .post(app.url(path))
        .header("origin", app.base())
        .header("accept-language", accept)
        .form(form)
        .send()
        .await
        .expect("the form answers");
    let status = res.status().as_u16();
    (status, res.text().await.expect("a page body"))
}

db_test! {
    async fn a_german_visitor_reads_the_request_forms_mistakes_in_german_and_the_api_stays_english(db) {
        let app = TestApp::serve(db).await;
        let (_, token) = app.signed_in_coach().await;
        let coaching = app
            .session_type(&token, json!({"name": "Coaching", "durationMinutes": 60}))
            .await
            .to_string();
        let form = [
            ("sessionTypeId", coaching.as_str()),
            ("date0", "2026-11-01"), ("time0", "10:00"),
            ("date1", "2026-11-10"), ("time1", ""),
            ("date2", "2027-03-28"), ("time2", "01:30"),
            ("timeZone", "Europe/London"),
            ("name", ""), ("email", "not an email"),
        ];

        let (status, de) = post_as(&app, &app.client(), "de-DE,de;q=0.9", "/c/ana-ruiz/request", &form).await;
        assert_eq!(status, 422, "{de}");
        has_all(&de, "", &[
            "<html lang=\"de\">",
            "Diese Zeit ist bereits vorbei; wählen Sie eine in der Zukunft.",
            "Geben Sie ein Datum und eine Uhrzeit an.",
            "01:30 Uhr gibt es am ",
            "28. März 2027 in Europe/London nicht: Die Uhren werden dann vorgestellt.",
            "Geben Sie einen Namen ein.",
            "Geben Sie eine E-Mail-Adresse wie name@example.com ein.",
        ]);
        has_none(&de, "", &["This time has passed", "Enter a name.", "Enter an email address like", "clocks go forward"]);

        // The same mistakes in English read as they always did.
        let (status, en) = post_as(&app, &app.client(), "en-GB,en;q=0.9", "/c/ana-ruiz/request", &form).await;
        assert_eq!(status, 422, "{en}");
        has_all(&en, "", &[
            "This time has passed; choose one in the future.",
            "Give both a date and a time.",
            "01:30 does not exist on Sun 28 Mar 2027 in Europe/London: the clocks go forward then. Choose another time.",
            "Enter a name.",
            "Enter an email address like name@example.com.",
        ]);
        assert_eq!(app.count("session_requests").await, 0);

        // The API answers a German browser in English, word for word; only a request that asks
        // for German by name (`Coachbook-Language`, as the app's own scripts do) reads German.
        let ask = |header: (&'static str, &'static str)| {
            app.request(
                axum::http::Request::post("/api/coaches/ana-ruiz/session-requests")
                    .header("content-type", "application/json")
                    .header(header.0, header.1)
                    .body(axum::body::Body::from(
                        json!({
                            "sessionTypeId": coaching.parse::<i64>().expect("an id"),
                            "times": [{"start": "2026-11-01T10:00:00Z"}],
                            "name": "Noor Haddad",
                            "email": "not an email",
                        })
                        .to_string(),
                    ))
                    .expect("a request"),
            )
        };
        let says = |reply: &Reply, field: &str| {
            assert_eq!(reply.status, 422, "{}", reply.text());
            let vary = reply.headers.get_all("vary").iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>();
            assert!(vary.iter().any(|v| v.contains("coachbook-language")), "{vary:?}");
            let body: serde_json::Value = serde_json::from_slice(&reply.body).expect("JSON");
            body["error"]["fields"]
                .as_array()
                .expect("fields")
                .iter()
                .find(|f| f["field"] == field)
                .and_then(|f| f["message"].as_str())
                .unwrap_or_default()
                .to_owned()
        };
        for header in [("accept-language", "de"), ("coachbook-language", "fr"), ("coachbook-language", "")] {
            let english = ask(header).await;
            assert_eq!(says(&english, "email"), "Enter an email address like name@example.com.", "{header:?}");
            assert_eq!(says(&english, "times[0].start"), "This time has passed; choose one in the future.", "{header:?}");
        }
        let german = ask(("coachbook-language", "de")).await;
        assert_eq!(says(&german, "email"), "Geben Sie eine E-Mail-Adresse wie name@example.com ein.");
        assert_eq!(says(&german, "times[0].start"), "Diese Zeit ist bereits vorbei; wählen Sie eine in der Zukunft.");
        assert_eq!(app.count("session_requests").await, 0);
    }
}

db_test! {
    async fn a_german_coach_reads_the_booking_forms_refusals_in_german(db) {
        let app = TestApp::serve(db).await;
        let (ana, token) = app.signed_in_coach().await;
        let type_id = app
            .session_type(&token, json!({"name": "Coaching", "durationMinutes": 60}))
            .await
            .to_string();
        app.open_every_day(&token, "09:00", "17:00").await;
        let form = |name: &'static str, email: &'static str, start: &'static str| {
            vec![("sessionTypeId", type_id.clone()), ("date", "2027-03-08".into()), ("startTime", start.into()),
                 ("endTime", String::new()), ("name", name.into()), ("email", email.into()),
                 ("meetingUrl", String::new()), ("notes", String::new())]
        };
        let post = |f: Vec<(&'static str, String)>| {
            ana.post(app.url("/admin/bookings")).header("origin", app.base()).form(&f).send()
        };
        let booked = post(form("Jo Client", "jo@example.com", "10:00")).await.expect("posted");
        assert_eq!(booked.status(), 303);

        // English first: unchanged.
        let clash = post(form("Sam Other", "sam@example.com", "10:30")).await.expect("posted");
        assert_eq!(clash.status(), 409);
        let html = clash.text().await.expect("a page");
        has_all(&html, "", &["That time collides with another session (Mon 8 Mar 2027, 10:00–11:00, Europe/London). Choose another time."]);

        app.choose_locale(COACH_EMAIL, "de").await;
        let clash = post(form("Sam Other", "sam@example.com", "10:30")).await.expect("posted");
        assert_eq!(clash.status(), 409);
        let html = clash.text().await.expect("a page");
        has_all(&html, "", &[
            "<html lang=\"de\">",
            "Diese Zeit überschneidet sich mit einem anderen Termin (Mo., 8. März 2027, 10:00–11:00, Europe/London). Wählen Sie eine andere Zeit.",
        ]);
        has_none(&html, "", &["collides with"]);

        let outside = post(form("Sam Other", "sam@example.com", "18:00")).await.expect("posted");
        assert_eq!(outside.status(), 409);
        let html = outside.text().await.expect("a page");
        has_all(&html, "", &["Diese Zeit liegt außerhalb Ihrer Wochenzeiten. Kreuzen Sie „Trotzdem außerhalb meiner Zeiten buchen“ an, um sie zu buchen, oder wählen Sie eine andere Zeit."]);

        let bad = post(form("", "nobody", "10:00")).await.expect("posted");
        assert_eq!(bad.status(), 422);
        let html = bad.text().await.expect("a page");
        has_all(&html, "", &["Geben Sie einen Namen ein.", "Geben Sie eine E-Mail-Adresse wie name@example.com ein."]);

        // Her scripts still read English.
        let (status, body) = app
            .post(&token, "/api/bookings", json!({"sessionTypeId": type_id.parse::<i64>().expect("an id"), "name": "Sam Other", "email": "sam@example.com", "start": "2027-03-08T10:30:00Z"}))
            .await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(
            body["error"]["message"],
            "That time collides with another session (Mon 8 Mar 2027, 10:00–11:00, Europe/London). Choose another time.",
            "{body}"
        );
    }
}
