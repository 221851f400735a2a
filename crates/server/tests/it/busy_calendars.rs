//! Busy time from other calendars on both databases: an ICS address served by a loopback server
//! in this process (a weekly event with an EXDATE and a moved instance blocks exactly those slots;
//! a second sync gets 304 and keeps them; a failing server keeps the last good intervals and shows
//! its error), a CalDAV calendar on a real Radicale (an added and a deleted event picked up by the
//! next sync), a loopback address refused without `allow_private_outbound`, and titles stored
//! and shown nowhere.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::harness::TestApp;

/// A title that must never leave the imported calendar.
const SECRET: &str = "Dentist-Kestrel-7Q";

#[derive(Default)]
struct Served {
    body: String,
    etag: String,
    /// 0: the calendar; 500: an error; 1: garbage.
    mode: u16,
    requests: usize,
    not_modified: usize,
}

type Shared = Arc<Mutex<Served>>;

async fn serve_ics(State(s): State<Shared>, headers: HeaderMap) -> Response {
    let mut s = s.lock().unwrap();
    s.requests += 1;
    match s.mode {
        500 => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        1 => return (StatusCode::OK, "<html>not a calendar</html>").into_response(),
        _ => {}
    }
    if headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.to_str().unwrap_or("") == s.etag)
    {
        s.not_modified += 1;
        return StatusCode::NOT_MODIFIED.into_response();
    }
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/calendar".to_owned()),
            (header::ETAG, s.etag.clone()),
        ],
        s.body.clone(),
    )
        .into_response()
}

/// A loopback ICS server; its address and its shared state.
async fn ics_server(body: String) -> (String, Shared) {
    let shared: Shared = Arc::new(Mutex::new(Served {
        body,
        etag: "\"v1\"".into(),
        ..Served::default()
    }));
    let router = axum::Router::new()
        .route("/family.ics", axum::routing::get(serve_ics))
        .with_state(Arc::clone(&shared));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await });
    (format!("http://{addr}/family.ics"), shared)
}

/// Weekly on Tuesdays 10:00-11:00 London from 3 Nov 2026, four times; 10 Nov excluded; 17 Nov
/// moved to Wed 18 Nov 14:00-15:00. Plus a cancelled and a transparent event that block nothing.
fn weekly_ics() -> String {
    [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Test//Busy//EN",
        "BEGIN:VEVENT",
        "UID:weekly-1",
        &format!("SUMMARY:{SECRET}"),
        "DESCRIPTION:Private notes",
        "LOCATION:Harley Street",
        "DTSTART;TZID=Europe/London:20261103T100000",
        "DTEND;TZID=Europe/London:20261103T110000",
        "RRULE:FREQ=WEEKLY;COUNT=4",
        "EXDATE;TZID=Europe/London:20261110T100000",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:weekly-1",
        &format!("SUMMARY:{SECRET} moved"),
        "RECURRENCE-ID;TZID=Europe/London:20261117T100000",
        "DTSTART;TZID=Europe/London:20261118T140000",
        "DTEND;TZID=Europe/London:20261118T150000",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:cancelled-1",
        "STATUS:CANCELLED",
        "DTSTART:20261104T100000Z",
        "DTEND:20261104T110000Z",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:free-1",
        "TRANSP:TRANSPARENT",
        "DTSTART:20261105T100000Z",
        "DTEND:20261105T110000Z",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    .join("\r\n")
}

async fn coach(app: &TestApp) -> String {
    let token = app.coach_token().await;
    app.session_type(&token, json!({"name": "Coaching", "durationMinutes": 60}))
        .await;
    app.open_every_day(&token, "08:00", "20:00").await;
    token
}

/// The open slot starts from 2 to 30 Nov 2026, in UTC.
async fn slots(app: &TestApp, token: &str) -> BTreeSet<String> {
    let (status, body) = app
        .get(
            token,
            "/api/availability?from=2026-11-02&to=2026-11-30&timeZone=UTC",
        )
        .await;
    assert_eq!(status, 200, "{body}");
    body["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["start"].as_str().unwrap().to_owned())
        .collect()
}

fn instant(s: &str) -> jiff::Timestamp {
    s.parse().unwrap()
}

/// The slots of `before` that a one-hour session starting there would overlap `busy` with.
fn overlapping(before: &BTreeSet<String>, busy: &[(&str, &str)]) -> BTreeSet<String> {
    before
        .iter()
        .filter(|s| {
            let start = instant(s);
            let end = start + jiff::SignedDuration::from_hours(1);
            busy.iter()
                .any(|(b, e)| start < instant(e) && instant(b) < end)
        })
        .cloned()
        .collect()
}

async fn sync_all(app: &TestApp) {
    coachbook::app::jobs::drain(app.state.ctx(), "test")
        .await
        .unwrap();
}

async fn source(app: &TestApp, token: &str, id: i64) -> Value {
    let (status, list) = app.get(token, "/api/me/busy-calendars").await;
    assert_eq!(status, 200, "{list}");
    list.as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("source {id} in {list}"))
}

db_test! {
    async fn an_ics_import_blocks_exactly_its_instances_and_survives_a_broken_server(db) {
        let app = TestApp::new_with(db, |c| c.allow_private_outbound = true).await;
        let token = coach(&app).await;
        let before = slots(&app, &token).await;
        let (url, served) = ics_server(weekly_ics()).await;

        let (status, added) = app.post(&token, "/api/me/busy-calendars",
            json!({"name": "Family", "kind": "ics", "url": url})).await;
        assert_eq!(status, 201, "{added}");
        assert_eq!((added["status"].as_str(), added["statusText"].as_str()), (Some("waiting"), Some("waiting for first sync")));
        assert_eq!(served.lock().unwrap().requests, 0, "adding never waits on the network");
        let id = added["id"].as_i64().unwrap();

        sync_all(&app).await;
        let busy = [
            ("2026-11-03T10:00:00Z", "2026-11-03T11:00:00Z"),
            ("2026-11-18T14:00:00Z", "2026-11-18T15:00:00Z"),
            ("2026-11-24T10:00:00Z", "2026-11-24T11:00:00Z"),
        ];
        let blocked = overlapping(&before, &busy);
        assert!(blocked.len() >= 3, "{blocked:?}");
        let after = slots(&app, &token).await;
        let expected: BTreeSet<String> = before.difference(&blocked).cloned().collect();
        assert_eq!(after, expected, "exactly the instances are blocked");
        assert!(after.contains("2026-11-10T10:00:00+00:00"), "the EXDATE instance stays open");
        assert!(after.contains("2026-11-17T10:00:00+00:00"), "the moved instance's old time is open");
        let s = source(&app, &token, id).await;
        assert_eq!((s["status"].as_str(), s["busyNext30Days"].as_i64()), (Some("ok"), Some(3)), "{s}");
        assert!(s["lastSyncedAt"].is_string(), "{s}");

        // Unchanged: the server answers 304 and the busy time stays.
        // ("Sync now" twice in one second is one sync: the clock moves on first.)
        app.clock.advance(jiff::SignedDuration::from_secs(1));
        let (status, _) = app.post(&token, &format!("/api/me/busy-calendars/{id}/sync"), json!({})).await;
        assert_eq!(status, 202);
        sync_all(&app).await;
        assert_eq!(served.lock().unwrap().not_modified, 1);
        assert_eq!(slots(&app, &token).await, expected);

        // A failing server and then garbage: the last good intervals stay, the error shows.
        for (mode, words) in [(500, "500"), (1, "iCalendar")] {
            served.lock().unwrap().mode = mode;
            served.lock().unwrap().etag = format!("\"v{mode}\"");
            app.clock.advance(jiff::SignedDuration::from_secs(1));
            let (status, _) = app.post(&token, &format!("/api/me/busy-calendars/{id}/sync"), json!({})).await;
            assert_eq!(status, 202);
            sync_all(&app).await;
            let s = source(&app, &token, id).await;
            assert_eq!(s["status"], "error", "{s}");
            assert!(s["lastError"].as_str().unwrap().contains(words), "{s}");
            assert_eq!(s["busyNext30Days"], 3, "{s}");
            assert_eq!(slots(&app, &token).await, expected, "booking is never blocked by a broken source");
        }

        // The next run is scheduled, once.
        let pending: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'busy.sync' AND status = 'queued'")
            .fetch_one(app.state.db().pool()).await.unwrap();
        assert_eq!(pending, 1);

        // Titles are stored and shown nowhere.
        let (_, list) = app.get(&token, "/api/me/busy-calendars").await;
        let (_, mine) = app.get(&token, "/api/availability?from=2026-11-02&to=2026-11-30").await;
        let (_, public) = app.get("", "/api/coaches/ana-ruiz/calendar?from=2026-11-02&to=2026-11-09").await;
        for text in [list.to_string(), mine.to_string(), public.to_string()] {
            assert!(!text.contains(SECRET) && !text.contains("Harley") && !text.contains("Private notes"), "{text}");
        }
        let stored: Vec<(String, String)> = sqlx::query_as("SELECT href, etag FROM busy_intervals")
            .fetch_all(app.state.db().pool()).await.unwrap();
        assert_eq!(stored.len(), 3);
        assert!(stored.iter().all(|(h, e)| h.is_empty() && e.is_empty()), "{stored:?}");

        // Removing the source frees the time.
        let (status, _) = app.delete(&token, &format!("/api/me/busy-calendars/{id}")).await;
        assert_eq!(status, 204);
        assert_eq!(slots(&app, &token).await, before);
    }
}

db_test! {
    async fn a_loopback_address_is_refused_unless_the_operator_allows_private_ones(db) {
        let app = TestApp::new(db).await;
        let token = coach(&app).await;
        let (status, e) = app.post(&token, "/api/me/busy-calendars",
            json!({"name": "Family", "kind": "ics", "url": "http://127.0.0.1:9/family.ics"})).await;
        assert_eq!(status, 422, "{e}");
        let field = &e["error"]["fields"][0];
        assert_eq!(field["field"], "url", "{e}");
        assert!(field["message"].as_str().unwrap().contains("private or local address"), "{e}");
        for (body, field) in [
            (json!({"name": "", "kind": "ics", "url": "https://cal.example.com/a.ics"}), "name"),
            (json!({"name": "Family", "kind": "outlook", "url": "https://cal.example.com/a.ics"}), "kind"),
            (json!({"name": "Family", "kind": "ics", "url": "ftp://cal.example.com/a.ics"}), "url"),
        ] {
            let (status, e) = app.post(&token, "/api/me/busy-calendars", body.clone()).await;
            assert_eq!(status, 422, "{body}: {e}");
            assert_eq!(e["error"]["fields"][0]["field"], field, "{body}: {e}");
        }
        assert_eq!(app.count("busy_calendars").await, 0);
        // A webcal:// address is read as https, and a CalDAV password never comes back.
        let (status, added) = app.post(&token, "/api/me/busy-calendars",
            json!({"name": "Work", "kind": "caldav", "url": "webcal://dav.example.com/cal/", "username": "ana", "password": "hunter2-secret"})).await;
        assert_eq!(status, 201, "{added}");
        assert_eq!(added["url"], "https://dav.example.com/cal/");
        assert_eq!(added["hasPassword"], true);
        let (_, list) = app.get(&token, "/api/me/busy-calendars").await;
        assert!(!list.to_string().contains("hunter2"), "{list}");
        let id = added["id"].as_i64().unwrap();
        let (status, renamed) = app.patch(&token, &format!("/api/me/busy-calendars/{id}"), json!({"name": "Office"})).await;
        assert_eq!((status, renamed["name"].as_str()), (200, Some("Office")));
        // Another coach (and nobody) sees none of it.
        let other = app.other_coach_token().await;
        for (method, path) in [("PATCH", format!("/api/me/busy-calendars/{id}")), ("DELETE", format!("/api/me/busy-calendars/{id}")), ("POST", format!("/api/me/busy-calendars/{id}/sync"))] {
            let (status, _) = match method {
                "PATCH" => app.patch(&other, &path, json!({"name": "Mine"})).await,
                "DELETE" => app.delete(&other, &path).await,
                _ => app.post(&other, &path, json!({})).await,
            };
            assert_eq!(status, 404, "{method} {path}");
        }
        let (_, theirs) = app.get(&other, "/api/me/busy-calendars").await;
        assert_eq!(theirs, json!([]));
    }
}

/// Radicale on loopback; stopped when dropped.
pub(crate) struct Radicale {
    child: std::process::Child,
    pub(crate) base: String,
    _dir: tempfile::TempDir,
}

impl Drop for Radicale {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) async fn radicale() -> Option<Radicale> {
    let python = match crate::harness::python::python() {
        Ok(p) => p,
        Err(why) => {
            crate::emails::smtp::unavailable(&format!("no Radicale: {why}"));
            return None;
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let port = crate::emails::smtp::free_port();
    let child = std::process::Command::new(python)
        .args(["-m", "radicale", "--storage-filesystem-folder"])
        .arg(dir.path())
        .arg(format!("--server-hosts=127.0.0.1:{port}"))
        .args(["--auth-type=none", "--logging-level=warning"])
        // Radicale forgets deletions older than this, judged by comparing file times (the real
        // ones) with its clock (moved years ahead under CI's faketime runs): without a long age
        // every deletion looks ancient there and is never reported.
        .arg("--storage-max-sync-token-age=3153600000")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start radicale");
    let server = Radicale {
        child,
        base: format!("http://127.0.0.1:{port}"),
        _dir: dir,
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        if reqwest::get(&server.base).await.is_ok() {
            return Some(server);
        }
        assert!(
            std::time::Instant::now() < deadline,
            "radicale did not answer within 30 s"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

fn event(uid: &str, start: &str, end: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//Busy//EN\r\nBEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:{SECRET}\r\nDTSTART:{start}\r\nDTEND:{end}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}

async fn dav(method: &str, url: &str, body: String) -> u16 {
    reqwest::Client::new()
        .request(reqwest::Method::from_bytes(method.as_bytes()).unwrap(), url)
        .basic_auth("ana", Some("pw"))
        .header("content-type", "text/calendar; charset=utf-8")
        .body(body)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

db_test! {
    async fn a_caldav_calendar_syncs_an_added_and_a_deleted_event(db) {
        let Some(server) = radicale().await else { return };
        let calendar = format!("{}/ana/family/", server.base);
        assert_eq!(dav("MKCALENDAR", &calendar, String::new()).await, 201);
        assert_eq!(dav("PUT", &format!("{calendar}one.ics"), event("one", "20261103T100000Z", "20261103T110000Z")).await, 201);
        assert_eq!(dav("PUT", &format!("{calendar}two.ics"), event("two", "20261104T100000Z", "20261104T110000Z")).await, 201);

        let app = TestApp::new_with(db, |c| c.allow_private_outbound = true).await;
        let token = coach(&app).await;
        let before = slots(&app, &token).await;
        let (status, added) = app.post(&token, "/api/me/busy-calendars",
            json!({"name": "Family", "kind": "caldav", "url": calendar, "username": "ana", "password": "pw"})).await;
        assert_eq!(status, 201, "{added}");
        let id = added["id"].as_i64().unwrap();
        sync_all(&app).await;
        let s = source(&app, &token, id).await;
        assert_eq!((s["status"].as_str(), s["busyNext30Days"].as_i64()), (Some("ok"), Some(2)), "{s}");
        let first = [("2026-11-03T10:00:00Z", "2026-11-03T11:00:00Z"), ("2026-11-04T10:00:00Z", "2026-11-04T11:00:00Z")];
        let expected: BTreeSet<String> = before.difference(&overlapping(&before, &first)).cloned().collect();
        assert_eq!(slots(&app, &token).await, expected);
        let token_after_first: Option<String> = sqlx::query_scalar("SELECT sync_token FROM busy_calendars WHERE id = $1")
            .bind(id).fetch_one(app.state.db().pool()).await.unwrap();
        assert!(token_after_first.is_some(), "Radicale offers sync-collection");
        let kept_row: (i64, String) = sqlx::query_as("SELECT id, etag FROM busy_intervals WHERE href LIKE '%one.ics'")
            .fetch_one(app.state.db().pool()).await.unwrap();

        // One more, one gone: the next sync picks up both.
        assert_eq!(dav("PUT", &format!("{calendar}three.ics"), event("three", "20261105T150000Z", "20261105T160000Z")).await, 201);
        assert_eq!(dav("DELETE", &format!("{calendar}two.ics"), String::new()).await, 200);
        app.clock.advance(jiff::SignedDuration::from_secs(1));
        let (status, _) = app.post(&token, &format!("/api/me/busy-calendars/{id}/sync"), json!({})).await;
        assert_eq!(status, 202);
        sync_all(&app).await;
        let second = [("2026-11-03T10:00:00Z", "2026-11-03T11:00:00Z"), ("2026-11-05T15:00:00Z", "2026-11-05T16:00:00Z")];
        let expected: BTreeSet<String> = before.difference(&overlapping(&before, &second)).cloned().collect();
        assert_eq!(slots(&app, &token).await, expected);
        assert!(slots(&app, &token).await.contains("2026-11-04T10:00:00+00:00"), "the deleted event's time is open again");
        // Only changes were applied: the untouched event's row is the very one stored before (a
        // full replace would have made a new one), and the sync token moved on.
        let still: (i64, String) = sqlx::query_as("SELECT id, etag FROM busy_intervals WHERE href LIKE '%one.ics'")
            .fetch_one(app.state.db().pool()).await.unwrap();
        assert_eq!(still, kept_row);
        let token_after_second: Option<String> = sqlx::query_scalar("SELECT sync_token FROM busy_calendars WHERE id = $1")
            .bind(id).fetch_one(app.state.db().pool()).await.unwrap();
        assert_ne!(token_after_second, token_after_first);
        let (_, list) = app.get(&token, "/api/me/busy-calendars").await;
        assert!(!list.to_string().contains(SECRET), "{list}");
        drop(server);
    }
}

db_test! {
    async fn the_settings_page_lists_sources_and_shows_each_error_beside_its_field(db) {
        let app = TestApp::serve(db).await;
        let (browser, token) = app.signed_in_coach().await;
        let page = browser.get(app.url("/admin/settings")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("href=\"/admin/settings/busy-calendars\""), "linked from Settings");
        let html = browser.get(app.url("/admin/settings/busy-calendars")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("No busy calendars yet"), "the empty state");

        let res = app
            .post_form(&browser, "/admin/settings/busy-calendars", &[("name", "Family"), ("kind", "ics"), ("url", "http://127.0.0.1:9/family.ics"), ("username", ""), ("password", "")])
            .await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("id=\"url-error\""), "{html}");
        assert!(html.contains("private or local address"), "the message beside the field");
        assert!(html.contains("value=\"Family\""), "what was typed stays");
        assert_eq!(app.count("busy_calendars").await, 0);

        let res = app
            .post_form(&browser, "/admin/settings/busy-calendars", &[("name", "Work"), ("kind", "caldav"), ("url", "https://dav.example.com/cal/"), ("username", "ana"), ("password", "hunter2-secret")])
            .await;
        assert_eq!(crate::harness::redirect(&res), (303, "/admin/settings/busy-calendars"));
        let html = browser.get(app.url("/admin/settings/busy-calendars")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Work") && html.contains("CalDAV") && html.contains("waiting for first sync") && html.contains("never"), "{html}");
        assert!(html.contains("Sync now") && html.contains("Remove calendar"), "{html}");
        assert!(!html.contains("hunter2"), "the password is never shown");
        let (_, list) = app.get(&token, "/api/me/busy-calendars").await;
        let id = list[0]["id"].as_i64().unwrap();
        let res = app.post_form(&browser, &format!("/admin/settings/busy-calendars/{id}/delete"), &[("x", "")]).await;
        assert_eq!(crate::harness::redirect(&res).0, 303);
        assert_eq!(app.count("busy_calendars").await, 0);
    }
}

db_test! {
    async fn the_coachs_calendar_draws_imported_busy_time_with_its_source_and_no_title(db) {
        let app = TestApp::serve_with(db, |c| c.allow_private_outbound = true).await;
        let (browser, token) = app.signed_in_coach().await;
        app.session_type(&token, json!({"name": "Coaching", "durationMinutes": 60})).await;
        app.open_every_day(&token, "08:00", "20:00").await;
        let (url, _served) = ics_server(weekly_ics()).await;
        let (status, added) = app.post(&token, "/api/me/busy-calendars",
            json!({"name": "Family", "kind": "ics", "url": url})).await;
        assert_eq!(status, 201, "{added}");

        let page = |path: &'static str| {
            let browser = browser.clone();
            let url = app.url(path);
            async move {
                let res = browser.get(url).send().await.unwrap();
                assert_eq!(res.status(), 200);
                res.text().await.unwrap()
            }
        };
        let path = "/admin/calendar?view=week&date=2026-11-16";
        let empty = page(path).await;
        assert!(!empty.contains("Busy ·"), "nothing before the first sync");
        sync_all(&app).await;

        // The moved instance (Wed 18 Nov, 14:00 London) is drawn with its source's name.
        let week = page(path).await;
        assert_eq!(week.matches("Busy · Family").count(), 1, "{week}");
        assert!(week.contains("Busy in another calendar"), "the legend names it");
        let list = page("/admin/calendar?view=list&date=2026-11-02").await;
        assert_eq!(list.matches("Busy · Family").count(), 3, "three instances in the list: {list}");
        let month = page("/admin/calendar?view=month&date=2026-11-02").await;
        assert!(month.contains("cal-month-busy"), "{month}");
        for html in [&week, &list, &month] {
            assert!(!html.contains(SECRET) && !html.contains("Harley") && !html.contains("Private notes"));
        }
    }
}
