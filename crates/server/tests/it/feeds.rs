//! iCalendar feeds out (issue 15) on both databases: the coach's feed holds every session of its
//! window with names, the anonymised one none, a client's only their own bookings under the
//! invitation's UID; a change raises SEQUENCE and keeps the UID; the VTIMEZONE is the coach's;
//! every feed parses with the `icalendar` crate and with Python's `icalendar`; a poll with the
//! ETag is a bodiless 304 until something changes; a rotated or unknown token is the missing page;
//! `GET /api/me/feeds` and `POST /api/me/feeds/rotate` by cookie and by token; the Settings page.

use axum::body::Body;
use axum::http::{header, Method, Request};
use serde_json::{json, Value};

use crate::harness::{error_code, in_ci, redirect, TestApp, PASSWORD};

/// Ana with a one-on-one and a group type, hours every day, clients Noor and Sam.
struct Practice {
    token: String,
    coaching: i64,
    circle: i64,
    noor: i64,
    sam: i64,
}

async fn practice(app: &TestApp) -> Practice {
    let token = app.coach_token().await;
    let coaching = app
        .session_type(&token, json!({"name": "Coaching", "durationMinutes": 60}))
        .await;
    let circle = app
        .session_type(
            &token,
            json!({"name": "Circle", "kind": "group", "capacity": 5}),
        )
        .await;
    app.open_every_day(&token, "08:00", "20:00").await;
    let client = |name: &str, email: &str| json!({"name": name, "email": email});
    let noor = app
        .create(
            &token,
            "/api/coaching/clients",
            client("Noor Haddad", "noor@example.com"),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let sam = app
        .create(
            &token,
            "/api/coaching/clients",
            client("Sam Okafor", "sam@example.com"),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    Practice {
        token,
        coaching,
        circle,
        noor,
        sam,
    }
}

async fn book(app: &TestApp, token: &str, client: i64, st: i64, start: &str, link: &str) -> i64 {
    app.create(
        token,
        "/api/bookings",
        json!({"clientId": client, "sessionTypeId": st, "start": start,
               "meetingUrl": link, "notes": "PRIVATE-NOTE-4411"}),
    )
    .await["id"]
        .as_i64()
        .unwrap()
}

/// The caller's feeds as listed by the API, by kind (and coach for client feeds).
async fn feeds(app: &TestApp, token: &str) -> Vec<Value> {
    let (status, body) = app.get(token, "/api/me/feeds").await;
    assert_eq!(status, 200, "{body}");
    body["feeds"].as_array().expect("a list").clone()
}

fn feed_of<'a>(feeds: &'a [Value], kind: &str) -> &'a Value {
    feeds
        .iter()
        .find(|f| f["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} feed in {feeds:?}"))
}

/// The path of a listed feed (its absolute URL without the server's address).
fn path_of(feed: &Value) -> String {
    let url = feed["url"].as_str().expect("a url");
    let at = url.find("/feeds/").unwrap_or_else(|| panic!("{url}"));
    url[at..].to_owned()
}

/// A feed's answer, fetched in-process.
struct Got {
    status: u16,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Got {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A feed fetched in-process, with an `If-None-Match` when given.
async fn fetch(app: &TestApp, path: &str, etag: Option<&str>) -> Got {
    let mut req = Request::builder().method(Method::GET).uri(path);
    if let Some(tag) = etag {
        req = req.header(header::IF_NONE_MATCH, tag);
    }
    let r = app.request(req.body(Body::empty()).unwrap()).await;
    Got {
        status: r.status,
        headers: r.headers,
        body: r.body,
    }
}

/// The events of a feed as the `icalendar` crate's parser reads them: (UID, property → value).
fn parse(text: &str) -> Vec<(String, std::collections::BTreeMap<String, String>)> {
    let unfolded = icalendar::parser::unfold(text);
    let cal = icalendar::parser::read_calendar(&unfolded)
        .unwrap_or_else(|e| panic!("the feed does not parse: {e}\n{text}"));
    let kinds: Vec<String> = cal.components.iter().map(|c| c.name.to_string()).collect();
    assert!(kinds.iter().any(|k| k == "VTIMEZONE"), "{kinds:?}");
    cal.components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .map(|c| {
            let props: std::collections::BTreeMap<String, String> = c
                .properties
                .iter()
                .map(|p| (p.name.to_string(), p.val.to_string()))
                .collect();
            (props.get("UID").cloned().unwrap_or_default(), props)
        })
        .collect()
}

const PYTHON_READER: &str = r#"
import json, sys
from datetime import timezone
from icalendar import Calendar
cal = Calendar.from_ical(sys.stdin.buffer.read())
zones = [str(z.get("TZID")) for z in cal.walk("VTIMEZONE")]
events = []
for e in cal.walk("VEVENT"):
    start = e.get("DTSTART").dt
    events.append({
        "uid": str(e.get("UID")),
        "summary": str(e.get("SUMMARY")),
        "status": str(e.get("STATUS")),
        "sequence": int(e.get("SEQUENCE")),
        "start": start.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "tzid": str(e["DTSTART"].params.get("TZID", "")),
        "location": str(e.get("LOCATION", "")),
    })
print(json.dumps({"zones": zones, "calname": str(cal.get("X-WR-CALNAME")), "events": events}))
"#;

/// The feed as Python's `icalendar` reads it; `None` (outside CI) when there is no Python.
fn python_reads(text: &str) -> Option<Value> {
    use std::io::Write;
    let python = match crate::harness::python::python() {
        Ok(p) => p,
        Err(why) if in_ci() => panic!("Python's icalendar is needed under CI: {why}"),
        Err(why) => {
            eprintln!("SKIPPED: the independent parser: {why}");
            return None;
        }
    };
    let mut child = std::process::Command::new(python)
        .args(["-c", PYTHON_READER])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run python");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "Python's icalendar refused the feed: {}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).expect("JSON from the reader"))
}

fn sequence_of(text: &str, uid: &str) -> i64 {
    let events = parse(text);
    let (_, props) = events
        .iter()
        .find(|(u, _)| u == uid)
        .unwrap_or_else(|| panic!("{uid} in {text}"));
    props["SEQUENCE"].parse().unwrap()
}

db_test! {
    async fn the_coachs_feed_holds_every_session_of_its_window_with_names_and_both_parsers_read_it(db) {
        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        let one = book(&app, &p.token, p.noor, p.coaching, "2026-11-10T10:00:00Z", "https://meet.example.com/noor").await;
        book(&app, &p.token, p.noor, p.circle, "2026-11-11T12:00:00Z", "https://meet.example.com/circle").await;
        book(&app, &p.token, p.sam, p.circle, "2026-11-11T12:00:00Z", "").await;
        let gone = book(&app, &p.token, p.sam, p.coaching, "2026-11-12T09:00:00Z", "").await;
        let (status, _) = app.post(&p.token, &format!("/api/bookings/{gone}/cancel"), json!({"reason": "ill"})).await;
        assert_eq!(status, 200);
        let (_, read) = app.get(&p.token, &format!("/api/bookings/{one}")).await;
        let session = read["sessionId"].as_i64().unwrap();

        let list = feeds(&app, &p.token).await;
        assert_eq!(list.len(), 2, "a coach has two feeds: {list:?}");
        let res = fetch(&app, &path_of(feed_of(&list, "coach")), None).await;
        assert_eq!(res.status, 200, "{}", res.text());
        assert_eq!(res.headers[header::CONTENT_TYPE], "text/calendar; charset=utf-8");
        assert_eq!(res.headers[header::CACHE_CONTROL], "private, max-age=300");
        let text = res.text();
        let events = parse(&text);
        assert_eq!(events.len(), 3, "three sessions: {text}");
        let by_summary = |s: &str| events.iter().find(|(_, p)| p["SUMMARY"].contains(s)).map(|(_, p)| p.clone()).unwrap_or_else(|| panic!("{s} in {text}"));
        let noor = by_summary("Coaching: Noor Haddad");
        assert!(noor["UID"].starts_with(&format!("session-{session}@")), "{noor:?}");
        assert_eq!(noor["STATUS"], "CONFIRMED");
        assert_eq!(noor["LOCATION"], "https://meet.example.com/noor");
        let circle = by_summary("Circle: ");
        assert!(circle["SUMMARY"].contains("Noor Haddad") && circle["SUMMARY"].contains("Sam Okafor"), "{circle:?}");
        assert_eq!(by_summary("Coaching: Sam Okafor")["STATUS"], "CANCELLED", "{text}");
        assert!(text.contains("DTSTART;TZID=Europe/London:20261110T100000"), "{text}");
        assert!(text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n"), "{text}");
        assert!(text.contains("TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000"), "the autumn change: {text}");
        assert!(text.contains("X-WR-CALNAME:Ana Ruiz – sessions") && text.contains("REFRESH-INTERVAL;VALUE=DURATION:PT15M"), "{text}");
        assert!(!text.contains("PRIVATE-NOTE-4411"), "no notes in a feed");

        if let Some(py) = python_reads(&text) {
            assert_eq!(py["zones"], json!(["Europe/London"]));
            let evs = py["events"].as_array().unwrap();
            assert_eq!(evs.len(), 3, "{py}");
            let noor = evs.iter().find(|e| e["summary"] == "Coaching: Noor Haddad").unwrap();
            assert_eq!((noor["start"].as_str(), noor["tzid"].as_str()), (Some("2026-11-10T10:00:00Z"), Some("Europe/London")), "{py}");
            assert!(evs.iter().any(|e| e["status"] == "CANCELLED"), "{py}");
        }

        // The anonymised feed: the same times, nothing else.
        let anon = fetch(&app, &path_of(feed_of(&list, "coach_anonymous")), None).await.text();
        let anon_events = parse(&anon);
        assert_eq!(anon_events.len(), 3, "{anon}");
        assert!(anon_events.iter().all(|(_, p)| p["SUMMARY"] == "Client session" && !p.contains_key("LOCATION") && !p.contains_key("URL") && !p.contains_key("DESCRIPTION")), "{anon}");
        for word in ["Noor", "Sam", "Coaching", "Circle", "meet.example.com", "PRIVATE-NOTE"] {
            assert!(!anon.contains(word), "{word} in the anonymised feed: {anon}");
        }
        if let Some(py) = python_reads(&anon) {
            assert!(py["events"].as_array().unwrap().iter().all(|e| e["summary"] == "Client session"), "{py}");
        }

        // Four months on, the November sessions are older than 90 days: out of the window.
        app.clock.set("2027-03-01T09:00:00Z".parse().unwrap());
        let later = fetch(&app, &path_of(feed_of(&list, "coach")), None).await.text();
        assert_eq!(parse(&later).len(), 0, "{later}");
    }
}

db_test! {
    async fn a_poll_with_the_etag_is_a_bodiless_304_and_a_change_raises_sequence_keeping_the_uid(db) {
        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        let one = book(&app, &p.token, p.noor, p.coaching, "2026-11-10T10:00:00Z", "").await;
        let path = path_of(feed_of(&feeds(&app, &p.token).await, "coach"));
        let first = fetch(&app, &path, None).await;
        let etag = first.headers[header::ETAG].to_str().unwrap().to_owned();
        let text = first.text();
        let (uid, _) = parse(&text).into_iter().next().expect("one event");
        let before = sequence_of(&text, &uid);

        let again = fetch(&app, &path, Some(&etag)).await;
        assert_eq!(again.status, 304);
        assert!(again.body.is_empty(), "a 304 has no body");
        assert_eq!(again.headers[header::ETAG], etag.as_str());
        assert_eq!(fetch(&app, &path, Some("\"other\"")).await.status, 200);

        // Moving the booking: a new ETag, the same UID, a higher SEQUENCE, the new time.
        let (status, moved) = app.post(&p.token, &format!("/api/bookings/{one}/reschedule"), json!({"start": "2026-11-10T14:00:00Z"})).await;
        assert_eq!(status, 200, "{moved}");
        let after = fetch(&app, &path, Some(&etag)).await;
        assert_eq!(after.status, 200);
        let etag2 = after.headers[header::ETAG].to_str().unwrap().to_owned();
        assert_ne!(etag2, etag);
        let text2 = after.text();
        assert!(sequence_of(&text2, &uid) > before, "{text2}");
        assert!(text2.contains("DTSTART;TZID=Europe/London:20261110T140000"), "{text2}");

        // Confirming, then cancelling: each raises it again; cancelled is CANCELLED.
        let seq2 = sequence_of(&text2, &uid);
        let (status, _) = app.post(&p.token, &format!("/api/bookings/{one}/cancel"), json!({"reason": "moved away"})).await;
        assert_eq!(status, 200);
        let text3 = fetch(&app, &path, Some(&etag2)).await.text();
        assert!(sequence_of(&text3, &uid) > seq2 && text3.contains("STATUS:CANCELLED"), "{text3}");

        // A client's new name is in the coach's feed: the ETag moves for it too.
        let etag3 = fetch(&app, &path, None).await.headers[header::ETAG].to_str().unwrap().to_owned();
        let (status, _) = app.put(&p.token, &format!("/api/coaching/clients/{}", p.noor), json!({"name": "Noor Haddad-Lee", "email": "noor@example.com"})).await;
        assert_eq!(status, 200);
        let renamed = fetch(&app, &path, Some(&etag3)).await;
        assert_eq!(renamed.status, 200, "a rename changes the coach's feed");
        assert!(renamed.text().contains("Noor Haddad-Lee"));

        // A raw write that no use case made still raises the revision (the database does it).
        let (_, read) = app.get(&p.token, &format!("/api/bookings/{one}")).await;
        let session = read["sessionId"].as_i64().unwrap();
        let rev: i64 = sqlx::query_scalar("SELECT revision FROM sessions WHERE id = $1").bind(session).fetch_one(app.state.db().pool()).await.unwrap();
        sqlx::query("UPDATE sessions SET notes = 'x' WHERE id = $1").bind(session).execute(app.state.db().writer()).await.unwrap();
        let rev2: i64 = sqlx::query_scalar("SELECT revision FROM sessions WHERE id = $1").bind(session).fetch_one(app.state.db().pool()).await.unwrap();
        assert_eq!(rev2, rev + 1);
    }
}

db_test! {
    async fn a_rotated_or_unknown_token_answers_like_any_missing_page(db) {
        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        let list = feeds(&app, &p.token).await;
        let old = path_of(feed_of(&list, "coach_anonymous"));
        assert_eq!(fetch(&app, &old, None).await.status, 200);
        let (status, rotated) = app.post(&p.token, "/api/me/feeds/rotate", json!({"kind": "coach_anonymous"})).await;
        assert_eq!(status, 200, "{rotated}");
        let new_list = rotated["feeds"].as_array().unwrap().clone();
        let new = path_of(feed_of(&new_list, "coach_anonymous"));
        assert_ne!(new, old);
        assert_eq!(feed_of(&new_list, "coach")["url"], feed_of(&list, "coach")["url"], "the other feed keeps its address");
        let missing = app.send(Method::GET, "/no-such-page").await;
        assert_eq!(missing.status, 404);
        let gone = fetch(&app, &old, None).await;
        assert_eq!((gone.status, gone.text()), (404, missing.text()), "the same body as any missing page");
        assert_eq!(fetch(&app, &new, None).await.status, 200);
        for path in ["/feeds/0123456789abcdef0123456789abcdef.ics", "/feeds/abc.ics", "/feeds/..%2F..%2Fetc.ics"] {
            let r = fetch(&app, path, None).await;
            assert_eq!((r.status, r.text()), (404, missing.text()), "{path}");
        }
        let no_suffix = new.trim_end_matches(".ics").to_owned();
        assert_eq!(fetch(&app, &no_suffix, None).await.status, 404);
    }
}

db_test! {
    async fn a_clients_feed_holds_only_their_own_bookings_under_the_invitations_uid(db) {
        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        coachbook::app::accounts::sign_up(app.state.ctx(), &coachbook::app::accounts::NewAccount {
            name: "Noor Haddad".into(), email: "noor@example.com".into(), password: PASSWORD.into(),
            time_zone: "Europe/Paris".into(), slug: None,
        }).await.expect("sign up");
        sqlx::query("UPDATE clients SET user_id = (SELECT id FROM users WHERE email = 'noor@example.com') WHERE id = $1")
            .bind(p.noor).execute(app.state.db().writer()).await.unwrap();
        let noor_token = app.token_for("noor@example.com").await;

        let own = book(&app, &p.token, p.noor, p.coaching, "2026-11-10T10:00:00Z", "https://meet.example.com/noor").await;
        let shared = book(&app, &p.token, p.noor, p.circle, "2026-11-11T12:00:00Z", "https://meet.example.com/circle").await;
        let sams_shared = book(&app, &p.token, p.sam, p.circle, "2026-11-11T12:00:00Z", "").await;
        let sams = book(&app, &p.token, p.sam, p.coaching, "2026-11-12T10:00:00Z", "https://meet.example.com/SAM-ONLY").await;
        let (status, _) = app.post(&p.token, &format!("/api/bookings/{own}/reschedule"), json!({"start": "2026-11-10T15:00:00Z"})).await;
        assert_eq!(status, 200);

        let list = feeds(&app, &noor_token).await;
        assert_eq!(list.len(), 1, "{list:?}");
        let feed = feed_of(&list, "client");
        assert_eq!(feed["coachName"], "Ana Ruiz");
        let text = fetch(&app, &path_of(feed), None).await.text();
        let events = parse(&text);
        assert_eq!(events.len(), 2, "{text}");
        // The same UID as the invitation emailed about the booking, and a SEQUENCE not below it.
        for booking in [own, shared] {
            let (ics, seq): (String, i64) = sqlx::query_as("SELECT ics, ics_sequence FROM emails WHERE booking_id = $1 AND ics IS NOT NULL ORDER BY id DESC LIMIT 1")
                .bind(booking).fetch_one(app.state.db().pool()).await.expect("an invitation");
            let uid = ics.lines().find_map(|l| l.strip_prefix("UID:")).unwrap().trim().to_owned();
            assert!(uid.starts_with(&format!("booking-{booking}@")), "{uid}");
            assert!(sequence_of(&text, &uid) >= seq, "{text}");
        }
        assert!(text.contains("SUMMARY:Coaching with Ana Ruiz") && text.contains("LOCATION:https://meet.example.com/noor"), "{text}");
        for word in ["Sam Okafor", "sam@example.com", "SAM-ONLY", "PRIVATE-NOTE", &format!("booking-{sams}@"), &format!("booking-{sams_shared}@"), "session-"] {
            assert!(!text.contains(word), "{word} in Noor's feed: {text}");
        }
        if let Some(py) = python_reads(&text) {
            assert_eq!(py["events"].as_array().unwrap().len(), 2, "{py}");
            assert_eq!(py["calname"], "Sessions with Ana Ruiz");
        }

        // No longer connected: the feed is gone, as an unknown one.
        sqlx::query("UPDATE clients SET user_id = NULL WHERE id = $1").bind(p.noor).execute(app.state.db().writer()).await.unwrap();
        assert_eq!(fetch(&app, &path_of(feed), None).await.status, 404);
        assert!(feeds(&app, &noor_token).await.is_empty());
    }
}

db_test! {
    async fn the_feeds_api_lists_and_rotates_by_cookie_and_by_token_and_names_a_bad_field(db) {
        let app = TestApp::serve(db).await;
        let (browser, token) = app.signed_in_coach().await;
        let base = app.state.config().public_url();
        let listed: Value = browser.get(app.url("/api/me/feeds")).send().await.unwrap().json().await.unwrap();
        let list = listed["feeds"].as_array().unwrap().clone();
        assert_eq!(list.len(), 2, "{listed}");
        for f in &list {
            let url = f["url"].as_str().unwrap();
            assert!(url.starts_with(&format!("{base}/feeds/")) && url.ends_with(".ics"), "{url}");
            assert_eq!(f["webcalUrl"].as_str().unwrap(), format!("webcal://{}", url.split_once("://").unwrap().1));
        }
        assert_eq!(feeds(&app, &token).await, list, "the same by token, and listing twice makes nothing new");

        let res = browser.post(app.url("/api/me/feeds/rotate")).header("origin", app.base())
            .json(&json!({"kind": "coach"})).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let after: Value = res.json().await.unwrap();
        assert_ne!(feed_of(after["feeds"].as_array().unwrap(), "coach")["url"], feed_of(&list, "coach")["url"]);

        for (body, field) in [
            (json!({"kind": "everything"}), "kind"),
            (json!({}), "kind"),
            (json!({"kind": "client"}), "coachId"),
            (json!({"kind": "client", "coachId": 999_999}), "coachId"),
        ] {
            let (status, e) = app.post(&token, "/api/me/feeds/rotate", body.clone()).await;
            assert_eq!(status, 422, "{body}: {e}");
            assert_eq!(error_code(&e), "invalid_input");
            assert_eq!(e["error"]["fields"][0]["field"], field, "{body}: {e}");
            assert!(!e["error"]["message"].as_str().unwrap().is_empty());
        }
        let (status, _) = crate::harness::call(&app, "POST", Some(&token), "/api/me/feeds/rotate", None).await;
        assert!(status == 400 || status == 415, "{status}");
        let (status, _) = app.get("nobody", "/api/me/feeds").await;
        assert_eq!(status, 401);

        // A plain user has no coach feeds to rotate.
        let user = app.signed_up_user("Reggie Reader", "reggie@example.com").await;
        let res = user.post(app.url("/api/me/feeds/rotate")).header("origin", app.base()).json(&json!({"kind": "coach"})).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let none: Value = user.get(app.url("/api/me/feeds")).send().await.unwrap().json().await.unwrap();
        assert_eq!(none, json!({"feeds": []}));

        // The Settings page: linked, both addresses, subscribe links, and a rotate that confirms.
        let settings = browser.get(app.url("/admin/settings")).send().await.unwrap().text().await.unwrap();
        assert!(settings.contains("href=\"/admin/settings/calendar-feeds\""));
        let now = feeds(&app, &token).await;
        let page = browser.get(app.url("/admin/settings/calendar-feeds")).send().await.unwrap().text().await.unwrap();
        for f in &now {
            assert!(page.contains(f["url"].as_str().unwrap()) && page.contains(f["webcalUrl"].as_str().unwrap()), "{page}");
        }
        assert!(page.contains("stops working") && page.contains("Google Calendar") && page.contains("Outlook") && page.contains("Apple Calendar"));
        let res = app.post_form(&browser, "/admin/settings/calendar-feeds/rotate", &[("kind", "coach_anonymous")]).await;
        assert_eq!(redirect(&res), (303, "/admin/settings/calendar-feeds"));
        assert_ne!(feed_of(&feeds(&app, &token).await, "coach_anonymous")["url"], feed_of(&now, "coach_anonymous")["url"]);
        let page = browser.get(app.url("/admin/settings/calendar-feeds")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("old address no longer works"), "the notice");
        // Not a coach: not this page.
        let res = user.get(app.url("/admin/settings/calendar-feeds")).send().await.unwrap();
        assert_eq!(res.status(), 403);
    }
}

db_test! {
    async fn a_connected_client_sees_their_feed_address_on_my_sessions(db) {
        let app = TestApp::serve(db).await;
        let (_, token) = app.signed_in_coach().await;
        let user = app.signed_up_user("Noor Haddad", "noor@example.com").await;
        let empty = user.get(app.url("/my")).send().await.unwrap().text().await.unwrap();
        assert!(!empty.contains("/feeds/"), "not connected, no feed");
        app.create(&token, "/api/coaching/clients", json!({"name": "Noor Haddad", "email": "noor@example.com"})).await;
        sqlx::query("UPDATE clients SET user_id = (SELECT id FROM users WHERE email = 'noor@example.com')")
            .execute(app.state.db().writer()).await.unwrap();
        let page = user.get(app.url("/my")).send().await.unwrap().text().await.unwrap();
        let listed: Value = user.get(app.url("/api/me/feeds")).send().await.unwrap().json().await.unwrap();
        let url = listed["feeds"][0]["url"].as_str().expect("a client feed").to_owned();
        assert!(page.contains(&url) && page.contains("My sessions with Ana Ruiz"), "{page}");
        let ics = app.client().get(url.replace(&app.state.config().public_url(), app.base())).send().await.unwrap();
        assert_eq!(ics.status(), 200);
    }
}

db_test! {
    async fn a_real_calendar_server_imports_the_feed_whole(db) {
        // Radicale (a CalDAV server) takes a whole calendar PUT to a new collection and splits it
        // into its events by UID, refusing what its parser cannot read: a third, independent reader.
        let Some(server) = crate::busy_calendars::radicale().await else { return };
        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        book(&app, &p.token, p.noor, p.coaching, "2026-11-10T10:00:00Z", "https://meet.example.com/noor").await;
        book(&app, &p.token, p.sam, p.circle, "2026-11-11T12:00:00Z", "").await;
        let gone = book(&app, &p.token, p.sam, p.coaching, "2026-11-12T09:00:00Z", "").await;
        let (status, _) = app.post(&p.token, &format!("/api/bookings/{gone}/cancel"), json!({"reason": "ill"})).await;
        assert_eq!(status, 200);
        let list = feeds(&app, &p.token).await;
        let text = fetch(&app, &path_of(feed_of(&list, "coach")), None).await.text();
        let uids: std::collections::BTreeSet<String> = parse(&text).into_iter().map(|(_, p)| p["UID"].clone()).collect();
        assert_eq!(uids.len(), 3, "{text}");

        let collection = format!("{}/ana/coachbook-feed/", server.base);
        let http = reqwest::Client::new();
        let put = http.put(&collection).basic_auth("ana", Some("pw"))
            .header("content-type", "text/calendar; charset=utf-8").body(text.clone()).send().await.unwrap();
        assert_eq!(put.status().as_u16(), 201, "Radicale refused the feed: {}", put.text().await.unwrap());
        let stored = http.get(&collection).basic_auth("ana", Some("pw")).send().await.unwrap().text().await.unwrap();
        let imported: std::collections::BTreeSet<String> = parse(&stored).into_iter().map(|(_, p)| p["UID"].clone()).collect();
        assert_eq!(imported, uids, "every event, under its own UID: {stored}");
        assert!(stored.contains("STATUS:CANCELLED") && stored.contains("TZID:Europe/London"), "{stored}");
    }
}
