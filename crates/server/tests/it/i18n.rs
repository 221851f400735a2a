//! Languages (issue 17): the catalogues are complete and well formed, and each person reads pages,
//! emails and calendar texts in their language (their choice, else their browser's, else their
//! coach's default).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use coachbook::app::i18n::{catalogue, Locale};

/// Every file under `dir` whose name ends in one of `exts`.
fn files(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source directory") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            files(&path, exts, out);
        } else if exts
            .iter()
            .any(|e| path.extension().is_some_and(|x| x == *e))
        {
            out.push(path);
        }
    }
}

/// The message ids the code and templates look up: `.t("id"`, `.t1("id"`, `.t2("id"`,
/// `.t3("id"`, `.args("id"`, `msg("id")` and field messages' `.key("id")` (in core too).
fn ids_in_use() -> BTreeSet<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("src"), &["rs"], &mut paths);
    files(&root.join("../core/src"), &["rs"], &mut paths);
    files(&root.join("templates"), &["html", "txt", "ics"], &mut paths);
    let mut ids = BTreeSet::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("a readable source file");
        for call in [
            ".t(\"", ".t1(\"", ".t2(\"", ".t3(\"", ".args(\"", "msg(\"", ".key(\"",
        ] {
            for (at, _) in text.match_indices(call) {
                let rest = &text[at + call.len()..];
                let Some(end) = rest.find('"') else { continue };
                let id = &rest[..end];
                let well_formed = !id.is_empty()
                    && id.starts_with(|c: char| c.is_ascii_lowercase())
                    && id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if well_formed {
                    ids.insert((id.to_owned(), path.display().to_string()));
                }
            }
        }
    }
    ids
}

#[test]
fn every_catalogue_file_parses_and_no_id_is_defined_twice() {
    for locale in Locale::ALL {
        let problems = &catalogue(locale).problems;
        assert!(problems.is_empty(), "{locale}: {problems:#?}");
        assert!(
            !catalogue(locale).ids.is_empty(),
            "{locale} has no messages"
        );
    }
}

#[test]
fn every_message_is_in_every_locale() {
    let en = &catalogue(Locale::En).ids;
    for locale in Locale::ALL {
        let other = &catalogue(locale).ids;
        let missing: BTreeSet<_> = en.keys().filter(|id| !other.contains_key(*id)).collect();
        let extra: BTreeSet<_> = other.keys().filter(|id| !en.contains_key(*id)).collect();
        assert!(missing.is_empty(), "missing in {locale}: {missing:?}");
        assert!(extra.is_empty(), "in {locale} but not in en: {extra:?}");
        // An id sits in the same file in every locale, so that areas stay apart.
        for (id, file) in en {
            let mine = &other[id];
            let same = mine.split_once('/').map(|p| p.1) == file.split_once('/').map(|p| p.1);
            assert!(same, "{id} is in {file} but in {mine} for {locale}");
        }
    }
}

#[test]
fn every_message_the_code_and_templates_use_exists() {
    let used = ids_in_use();
    assert!(used.len() > 20, "the scan found too few ids: {used:?}");
    for locale in Locale::ALL {
        let ids = &catalogue(locale).ids;
        let missing: Vec<_> = used
            .iter()
            .filter(|(id, _)| !ids.contains_key(id))
            .collect();
        assert!(missing.is_empty(), "used but not in {locale}: {missing:#?}");
    }
}

// ---- Who reads which language (both databases) ----

use axum::body::Body;
use axum::http::{header, Method, Request};
use serde_json::{json, Value};

use crate::harness::{TestApp, COACH_EMAIL};

/// Ana's page address, with a one-hour session type and open every day.
async fn practice(app: &TestApp) -> (String, String, i64) {
    let token = app.coach_token().await;
    let coaching = app
        .session_type(&token, json!({"name": "Coaching", "durationMinutes": 60}))
        .await;
    app.open_every_day(&token, "08:00", "20:00").await;
    let (status, me) = app.get(&token, "/api/me").await;
    assert_eq!(status, 200, "{me}");
    let slug = me["coach"]["slug"].as_str().expect("a slug").to_owned();
    (token, slug, coaching)
}

/// The public page's week of Monday 7 December 2026, in-process, with `accept` as the
/// browser's `Accept-Language`.
async fn public_page(app: &TestApp, slug: &str, accept: Option<&str>) -> String {
    let mut req = Request::builder()
        .method(Method::GET)
        .uri(format!("/c/{slug}?week=2026-12-07&tz=Europe/London"));
    if let Some(a) = accept {
        req = req.header(header::ACCEPT_LANGUAGE, a);
    }
    let reply = app.request(req.body(Body::empty()).unwrap()).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.text()
}

/// Everything `PATCH /api/me` needs besides what a test changes.
fn settings(extra: Value) -> Value {
    let mut body = json!({"name": "Ana Ruiz", "email": COACH_EMAIL, "timeZone": "Europe/London"});
    for (k, v) in extra.as_object().expect("an object") {
        body[k] = v.clone();
    }
    body
}

db_test! {
    async fn a_german_browser_reads_the_public_page_in_german_with_german_dates(db) {
        let app = TestApp::new(db).await;
        let (_, slug, _) = practice(&app).await;
        let de = public_page(&app, &slug, Some("de-DE,de;q=0.9,en;q=0.8")).await;
        assert!(de.contains("<html lang=\"de\">"), "{de}");
        assert!(de.contains("Termin buchen") && de.contains("Zeitzone"), "German words: {de}");
        assert!(de.contains("Mo., 7. Dez. 2026"), "a German date: {de}");
        assert!(!de.contains("Book a session"), "no English left in what was converted");

        let en = public_page(&app, &slug, Some("en-GB,en;q=0.9")).await;
        assert!(en.contains("<html lang=\"en\">") && en.contains("Book a session"));
        assert!(en.contains("Mon 7 Dec 2026"), "{en}");
        // A language we do not speak falls to the coach's default, English here.
        let fr = public_page(&app, &slug, Some("fr-FR, fr")).await;
        assert!(fr.contains("Book a session"));
        // The JSON API stays English whatever the browser asks.
        let req = Request::builder().uri(format!("/api/coaches/{slug}/calendar?from=nonsense"))
            .header(header::ACCEPT_LANGUAGE, "de").body(Body::empty()).unwrap();
        let reply = app.request(req).await;
        assert!(!reply.text().contains("Termin"), "{}", reply.text());
    }
}

db_test! {
    async fn without_a_header_the_coachs_default_decides_and_the_api_shows_it(db) {
        let app = TestApp::new(db).await;
        let (token, slug, _) = practice(&app).await;
        let (status, me) = app.get(&token, "/api/me").await;
        assert_eq!(status, 200);
        assert_eq!(me["locale"], Value::Null, "nothing chosen yet: {me}");
        assert_eq!(me["coach"]["defaultLocale"], "en");
        assert!(public_page(&app, &slug, None).await.contains("Book a session"));

        let (status, me) = app.patch(&token, "/api/me", settings(json!({"defaultLocale": "de"}))).await;
        assert_eq!(status, 200, "{me}");
        assert_eq!(me["coach"]["defaultLocale"], "de");
        assert_eq!(me["locale"], Value::Null, "the coach's own choice is apart");
        let page = public_page(&app, &slug, None).await;
        assert!(page.contains("<html lang=\"de\">") && page.contains("Termin buchen"), "{page}");
        // A browser that asks for English still gets English.
        assert!(public_page(&app, &slug, Some("en")).await.contains("Book a session"));
        // Other pages with no coach in the address take the practice's default too.
        let login = app.send(Method::GET, "/login").await.text();
        assert!(login.contains("<html lang=\"de\">"), "{login}");
    }
}

db_test! {
    async fn bad_language_values_are_refused_by_field_and_change_nothing(db) {
        let app = TestApp::new(db).await;
        let (token, _, _) = practice(&app).await;
        for (body, field) in [
            (json!({"locale": "fr"}), "locale"),
            (json!({"locale": "DE"}), "locale"),
            (json!({"locale": "de\u{0}"}), "locale"),
            (json!({"defaultLocale": ""}), "defaultLocale"),
            (json!({"defaultLocale": "english"}), "defaultLocale"),
        ] {
            let (status, err) = app.patch(&token, "/api/me", settings(body.clone())).await;
            assert_eq!(status, 422, "{body}: {err}");
            assert_eq!(err["error"]["fields"][0]["field"], field, "{err}");
            assert!(err["error"]["fields"][0]["message"].as_str().unwrap().contains("en (English)"), "{err}");
        }
        let (_, me) = app.get(&token, "/api/me").await;
        assert_eq!((me["locale"].clone(), me["coach"]["defaultLocale"].clone()), (Value::Null, json!("en")));
        // "" clears a choice.
        let (status, me) = app.patch(&token, "/api/me", settings(json!({"locale": "de"}))).await;
        assert_eq!((status, me["locale"].clone()), (200, json!("de")));
        let (status, me) = app.patch(&token, "/api/me", settings(json!({"locale": ""}))).await;
        assert_eq!((status, me["locale"].clone()), (200, Value::Null));
    }
}

/// A signed-up user Jo (jo@example.com, living in `zone`), a client of Ana connected to Jo's
/// account, with `locale` chosen.
pub(crate) async fn connected_client(
    app: &TestApp,
    coach_token: &str,
    locale: &str,
    zone: &str,
) -> i64 {
    let jo = "jo@example.com";
    let created = coachbook::app::accounts::sign_up(
        app.state.ctx(),
        &coachbook::app::accounts::NewAccount {
            name: "Jo Client".into(),
            email: jo.into(),
            password: crate::harness::PASSWORD.into(),
            time_zone: zone.into(),
            slug: None,
        },
    )
    .await
    .expect("a user");
    let coachbook::app::accounts::SignUp::Created(user) = created else {
        panic!("Jo's email is free")
    };
    let token = app.token_for(jo).await;
    let (status, me) = app
        .patch(
            &token,
            "/api/me",
            json!({"name": "Jo Client", "email": jo, "timeZone": zone, "locale": locale}),
        )
        .await;
    assert_eq!(status, 200, "{me}");
    let client = app
        .create(
            coach_token,
            "/api/coaching/clients",
            json!({"name": "Jo Client", "email": jo}),
        )
        .await["id"]
        .as_i64()
        .expect("a client id");
    sqlx::query("UPDATE clients SET user_id = $1 WHERE id = $2")
        .bind(user.id)
        .bind(client)
        .execute(app.state.db().pool())
        .await
        .expect("connect the client");
    client
}

db_test! {
    async fn a_client_who_chose_german_gets_the_booking_email_and_invitation_in_german(db) {
        let app = TestApp::new(db).await;
        let (token, _, coaching) = practice(&app).await;
        let client = connected_client(&app, &token, "de", "Europe/London").await;
        let (status, b) = app.post(&token, "/api/bookings", json!({
            "sessionTypeId": coaching, "start": "2026-12-07T16:00:00Z", "clientId": client,
            "meetingUrl": "https://meet.example.com/ana-jo"})).await;
        assert_eq!(status, 201, "{b}");
        // A guest of the same (English) practice reads English.
        let (status, g) = app.post(&token, "/api/bookings", json!({
            "sessionTypeId": coaching, "start": "2026-12-08T16:00:00Z", "name": "Sam Guest",
            "email": "sam@example.com"})).await;
        assert_eq!(status, 201, "{g}");

        let emails = coachbook::store::emails::list(app.state.db().pool(), None, None, 100).await.unwrap();
        let to_jo = emails.iter().find(|e| e.to_email == "jo@example.com").expect("Jo's email");
        assert_eq!(to_jo.subject, "Gebucht: Coaching mit Ana Ruiz, Mo., 7. Dez. 2026, 16:00", "{to_jo:?}");
        assert!(to_jo.text_body.starts_with("Hallo Jo Client,"), "{}", to_jo.text_body);
        assert!(to_jo.text_body.contains("Mo., 7. Dez. 2026, 16:00–17:00"), "{}", to_jo.text_body);
        assert!(to_jo.text_body.contains("Antworten Sie auf diese E-Mail"), "{}", to_jo.text_body);
        assert!(to_jo.html_body.contains("<html lang=\"de\">") && to_jo.html_body.contains("Ihr Termin ist gebucht"), "{}", to_jo.html_body);
        let ics = to_jo.ics.as_deref().expect("an invitation");
        assert!(ics.contains("SUMMARY:Coaching mit Ana Ruiz"), "{ics}");
        assert!(ics.contains("Teilnehmen: https://meet.example.com/ana-jo"), "{ics}");

        let to_sam = emails.iter().find(|e| e.to_email == "sam@example.com").expect("Sam's email");
        assert!(to_sam.subject.starts_with("Booked: Coaching with Ana Ruiz, Tue 8 Dec 2026"), "{}", to_sam.subject);
        assert!(to_sam.ics.as_deref().unwrap().contains("SUMMARY:Coaching with Ana Ruiz"));

        // Sent: the stored German email is what goes out.
        coachbook::app::jobs::drain(app.state.ctx(), "test-worker").await.unwrap();
        let kept = coachbook::store::emails::get(app.state.db().pool(), to_jo.id).await.unwrap();
        assert_eq!((kept.status.as_str(), kept.subject.as_str()), ("kept", to_jo.subject.as_str()));
    }
}

db_test! {
    async fn a_feed_speaks_its_owners_language(db) {
        let app = TestApp::new(db).await;
        let (token, _, coaching) = practice(&app).await;
        let client = connected_client(&app, &token, "de", "Europe/London").await;
        let (status, b) = app.post(&token, "/api/bookings", json!({
            "sessionTypeId": coaching, "start": "2026-12-07T16:00:00Z", "clientId": client})).await;
        assert_eq!(status, 201, "{b}");
        let feed = |t: String| {
            let app = &app;
            async move {
                let (status, body) = app.get(&t, "/api/me/feeds").await;
                assert_eq!(status, 200, "{body}");
                body["feeds"].as_array().unwrap().clone()
            }
        };
        let get = |path: String| {
            let app = &app;
            async move { app.send(Method::GET, &path).await.text() }
        };
        let path = |f: &Value| {
            let url = f["url"].as_str().unwrap();
            url[url.find("/feeds/").unwrap()..].to_owned()
        };
        // Jo (German) reads their client feed in German.
        let jo = feed(app.token_for("jo@example.com").await).await;
        let ics = get(path(&jo[0])).await;
        assert!(ics.contains("SUMMARY:Coaching mit Ana Ruiz") && ics.contains("Termine mit Ana Ruiz"), "{ics}");
        // Ana (English) reads hers in English; once she chooses German, in German.
        let ana = feed(token.clone()).await;
        let anon = ana.iter().find(|f| f["kind"] == "coach_anonymous").unwrap();
        assert!(get(path(anon)).await.contains("SUMMARY:Client session"));
        let (status, _) = app.patch(&token, "/api/me", settings(json!({"locale": "de"}))).await;
        assert_eq!(status, 200);
        assert!(get(path(anon)).await.contains("SUMMARY:Klienten-Termin"));
    }
}

db_test! {
    async fn an_account_choice_beats_the_browser(db) {
        let app = TestApp::serve(db).await;
        let (_, slug, _) = practice(&app).await;
        let jo = app.signed_up_user("Jo Client", "jo@example.com").await;
        let token = app.token_for("jo@example.com").await;
        let page = |accept: &'static str| {
            let (app, jo, slug) = (&app, &jo, &slug);
            async move {
                jo.get(app.url(&format!("/c/{slug}?week=2026-12-07&tz=Europe/London")))
                    .header("accept-language", accept).send().await.unwrap().text().await.unwrap()
            }
        };
        assert!(page("de").await.contains("Termin buchen"), "no choice yet: the browser decides");
        let (status, me) = app.patch(&token, "/api/me", json!({"name": "Jo Client", "email": "jo@example.com", "timeZone": "Europe/London", "locale": "en"})).await;
        assert_eq!(status, 200, "{me}");
        let en = page("de-DE,de").await;
        assert!(en.contains("Book a session") && en.contains("Mon 7 Dec 2026"), "English chosen beats a German browser");
        // The account page offers the choice, and saves it through the form.
        let account = jo.get(app.url("/account")).send().await.unwrap().text().await.unwrap();
        assert!(account.contains("name=\"locale\"") && account.contains("<option value=\"en\" lang=\"en\" selected>"), "{account}");
        let res = app.post_form(&jo, "/account", &[("name", "Jo Client"), ("email", "jo@example.com"), ("timeZone", "Europe/London"), ("locale", "de")]).await;
        assert_eq!(res.status(), 303);
        assert!(page("en").await.contains("Termin buchen"), "German chosen beats an English browser");
        let account = jo.get(app.url("/account")).send().await.unwrap().text().await.unwrap();
        assert!(account.contains("<html lang=\"de\">") && account.contains("Meine Termine"), "the shell too");
        // A bad value is shown beside the field, with nothing changed.
        let res = app.post_form(&jo, "/account", &[("name", "Jo Client"), ("email", "jo@example.com"), ("timeZone", "Europe/London"), ("locale", "xx")]).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("id=\"locale-error\"") && html.contains("en (English)"), "{html}");
        assert!(page("en").await.contains("Termin buchen"), "still German");
    }
}
