//! Live updates (server-sent events), on both databases: a stream of a coach's calendar hears of
//! a booking, a change of hours and a cancellation, carries versions and nothing else, answers a
//! hidden calendar exactly as an unknown coach, ends when the coach hides the calendar or the
//! server shuts down, and is refused with 503 past the cap. On PostgreSQL, across two server
//! processes: a stream on one node hears of a booking made on the other, also after the
//! listening connections were killed.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::harness::cluster::Cluster;
use crate::harness::{postgres_available, Backend, TestApp};

/// The longest any one event may take to arrive before the test fails: generous, for a loaded
/// machine; a healthy run takes milliseconds (SQLite polls five times a second).
const EVENT_WAIT: Duration = Duration::from_secs(10);

/// One `event:` of a stream: its name, id and data.
#[derive(Debug, Clone, PartialEq)]
struct Sse {
    event: String,
    id: String,
    data: String,
}

impl Sse {
    fn version(&self) -> i64 {
        let data: Value = serde_json::from_str(&self.data)
            .unwrap_or_else(|e| panic!("data is not JSON ({e}): {self:?}"));
        assert_eq!(
            data.as_object().map(|o| o.len()),
            Some(1),
            "data holds the version and nothing else: {self:?}"
        );
        let v = data["version"].as_i64().expect("a version");
        assert_eq!(self.id, v.to_string(), "the id is the version");
        assert_eq!(self.event, "calendar");
        v
    }
}

/// A server-sent event stream read as it arrives; everything read is kept in `raw`.
struct Stream {
    res: reqwest::Response,
    buf: String,
    raw: String,
}

impl Stream {
    async fn open(client: &reqwest::Client, url: &str, last_event_id: Option<i64>) -> Self {
        let mut req = client.get(url).header("accept", "text/event-stream");
        if let Some(id) = last_event_id {
            req = req.header("last-event-id", id.to_string());
        }
        let res = req
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {url}: {e}"));
        assert_eq!(res.status(), 200, "GET {url}");
        assert_eq!(
            res.headers()["content-type"].to_str().unwrap(),
            "text/event-stream"
        );
        Self {
            res,
            buf: String::new(),
            raw: String::new(),
        }
    }

    /// The next event; `None` when the server ended the stream. Fails after [`EVENT_WAIT`].
    async fn next(&mut self) -> Option<Sse> {
        let deadline = tokio::time::Instant::now() + EVENT_WAIT;
        loop {
            if let Some(end) = self.buf.find("\n\n") {
                let block: String = self.buf.drain(..end + 2).collect();
                let mut event = Sse {
                    event: "message".into(),
                    id: String::new(),
                    data: String::new(),
                };
                let mut any = false;
                for line in block.lines() {
                    let (field, value) = line.split_once(':').unwrap_or((line, ""));
                    let value = value.strip_prefix(' ').unwrap_or(value);
                    match field {
                        "event" => event.event = value.into(),
                        "id" => event.id = value.into(),
                        "data" => {
                            event.data.push_str(value);
                            any = true;
                        }
                        "" | "retry" => {}
                        other => panic!("an unknown field {other:?} in {block:?}"),
                    }
                }
                if any {
                    return Some(event);
                }
                continue;
            }
            let chunk = tokio::time::timeout_at(deadline, self.res.chunk())
                .await
                .expect("no event within the wait")
                .expect("the stream failed")?;
            let text = String::from_utf8(chunk.to_vec()).expect("UTF-8");
            self.raw.push_str(&text);
            self.buf.push_str(&text.replace("\r\n", "\n"));
        }
    }

    /// The next event's version, which must be newer than `than`.
    async fn newer(&mut self, than: i64) -> i64 {
        let e = self.next().await.expect("an event, not the end");
        let v = e.version();
        assert!(v > than, "a newer version than {than}: {e:?}");
        v
    }
}

/// Ana (Europe/London, page `ana-ruiz`) with a 60-minute "Coaching" type, open 08:00–20:00
/// every day: her token and the type's id.
async fn practice(app: &TestApp) -> (String, i64) {
    let token = app.coach_token().await;
    let coaching = app
        .session_type(&token, json!({"name": "Coaching", "durationMinutes": 60}))
        .await;
    app.open_every_day(&token, "08:00", "20:00").await;
    (token, coaching)
}

async fn set_calendar(app: &TestApp, token: &str, visibility: &str) {
    let (status, body) = app
        .put(
            token,
            "/api/me/privacy",
            json!({"calendarVisibility": visibility, "bookingAudience": "public", "showBooked": "booked", "showPrices": true}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
}

/// Waits until no stream is open on `app` any more (the server let go of the closed ones).
async fn until_no_streams(app: &TestApp) {
    let deadline = Instant::now() + EVENT_WAIT;
    while app.state.ctx().live.open_streams() > 0 {
        assert!(Instant::now() < deadline, "streams still open");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

db_test! {
    async fn a_stream_hears_of_bookings_a_change_of_hours_and_a_cancellation_and_nothing_else(db) {
        let app = TestApp::serve(db).await;
        let (token, coaching) = practice(&app).await;
        let mut stream = Stream::open(&reqwest::Client::new(), &app.url("/api/coaches/ana-ruiz/events"), None).await;
        let first = stream.next().await.expect("the current version at once");
        let v0 = first.version();
        assert!(stream.raw.contains("retry: 1000") || stream.raw.contains("retry:1000"), "{}", stream.raw);

        let (status, booked) = app.post(&token, "/api/bookings", json!({
            "sessionTypeId": coaching, "name": "Zelda Quixote-Marchetti", "email": "zelda.secret@example.com",
            "date": "2026-11-10", "startTime": "10:00", "notes": "Private matter", "meetingUrl": "https://meet.example.com/zelda-room"
        })).await;
        assert_eq!(status, 201, "{booked}");
        let v1 = stream.newer(v0).await;

        let rules: Vec<Value> = (1..=7).map(|d| json!({"weekday": d, "start": "09:00", "end": "17:00"})).collect();
        let (status, saved) = app.put(&token, "/api/availability/rules", json!({ "rules": rules })).await;
        assert_eq!(status, 200, "{saved}");
        let v2 = stream.newer(v1).await;

        let (status, cancelled) = app.post(&token, &format!("/api/bookings/{}/cancel", booked["id"]), json!({"reason": "Zelda is travelling"})).await;
        assert_eq!(status, 200, "{cancelled}");
        let v3 = stream.newer(v2).await;

        // A visitor books on the coach's page, through its public route.
        let res = reqwest::Client::new()
            .post(app.url("/api/coaches/ana-ruiz/bookings"))
            .json(&json!({"sessionTypeId": coaching, "start": "2026-11-10T12:00", "timeZone": "Europe/London",
                "name": "Yusuf Visitor-Quartermaine", "email": "yusuf.hidden@example.com"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
        stream.newer(v3).await;

        for secret in ["Zelda", "Quixote", "zelda.secret", "Private matter", "meet.example.com", "travelling", "Coaching", "Yusuf", "Quartermaine", "yusuf.hidden"] {
            assert!(!stream.raw.contains(secret), "{secret:?} in the stream: {}", stream.raw);
        }
        let others: String = stream.raw.lines()
            .filter(|l| !l.is_empty() && !l.starts_with("event: calendar") && !l.starts_with("id: ") && !l.starts_with("data: {\"version\":") && !l.starts_with("retry: ") && !l.starts_with(':'))
            .collect();
        assert_eq!(others, "", "only calendar events: {}", stream.raw);
    }
}

db_test! {
    async fn a_hidden_calendar_answers_exactly_as_an_unknown_coach_and_an_open_stream_ends(db) {
        let app = TestApp::serve(db).await;
        let (token, _) = practice(&app).await;
        let http = reqwest::Client::new();
        let mut stream = Stream::open(&http, &app.url("/api/coaches/ana-ruiz/events"), None).await;
        let v0 = stream.next().await.expect("the current version").version();

        set_calendar(&app, &token, "private").await;
        assert_eq!(stream.next().await, None, "the visitor's stream ends once the calendar is private");
        assert!(!stream.raw.contains(&format!("id: {}", v0 + 1)), "nothing more was told: {}", stream.raw);

        let answer = |path: &'static str| {
            let http = http.clone();
            let url = app.url(path);
            async move {
                let res = http.get(url).header("accept", "text/event-stream").send().await.expect("GET");
                let status = res.status().as_u16();
                let ct = res.headers().get("content-type").map(|v| v.to_str().unwrap().to_owned());
                (status, ct, res.text().await.expect("body"))
            }
        };
        let hidden = answer("/api/coaches/ana-ruiz/events").await;
        let unknown = answer("/api/coaches/no-such-coach/events").await;
        assert_eq!(hidden.0, 404, "{hidden:?}");
        assert_eq!(hidden, unknown, "a private calendar answers as an unknown coach");

        let user = app.signed_up_user("Rhea Visitor", "rhea@example.com").await;
        for calendar in ["connected", "private"] {
            set_calendar(&app, &token, calendar).await;
            let res = user.get(app.url("/api/coaches/ana-ruiz/events?once=true")).send().await.unwrap();
            assert_eq!(res.status(), 404, "a registered user who is not a client, calendar {calendar}");
        }

        // The coach still sees her own, on both routes.
        let owner = reqwest::Client::new();
        for path in ["/api/coaches/ana-ruiz/events?once=true", "/api/events?once=true"] {
            let res = owner.get(app.url(path)).bearer_auth(&token).send().await.unwrap();
            assert_eq!(res.status(), 200, "{path}");
            let body = res.text().await.unwrap();
            assert!(body.contains("event: calendar"), "{path}: {body}");
        }
        let res = http.get(app.url("/api/events")).send().await.unwrap();
        assert_eq!(res.status(), 401, "the coach's stream needs the coach");
    }
}

db_test! {
    async fn once_tells_the_current_version_and_ends_and_last_event_id_is_not_told_again(db) {
        let app = TestApp::serve(db).await;
        let (token, coaching) = practice(&app).await;
        let http = reqwest::Client::new();
        let body = http.get(app.url("/api/coaches/ana-ruiz/events?once=true")).send().await.unwrap().text().await.unwrap();
        let version: i64 = body.lines().find_map(|l| l.strip_prefix("id: ")).expect("an id").parse().unwrap();
        assert!(body.contains(&format!("data: {{\"version\":{version}}}")), "{body}");

        let res = http.get(app.url("/api/coaches/ana-ruiz/events?once=maybe")).send().await.unwrap();
        assert_eq!(res.status(), 400, "a malformed query");

        // A client that already has the version hears only of the next one.
        let mut stream = Stream::open(&http, &app.url("/api/coaches/ana-ruiz/events"), Some(version)).await;
        let (status, booked) = app.post(&token, "/api/bookings", json!({
            "sessionTypeId": coaching, "name": "Noor Haddad", "email": "noor@example.com", "date": "2026-11-10", "startTime": "11:00"
        })).await;
        assert_eq!(status, 201, "{booked}");
        let first = stream.next().await.expect("an event").version();
        assert!(first > version, "the first event is the new version, not {version} again");
    }
}

db_test! {
    async fn past_the_cap_a_stream_is_refused_with_503_and_a_closed_one_frees_its_place(db) {
        let app = TestApp::serve_with(db, |c| c.max_event_streams = 1).await;
        practice(&app).await;
        let http = reqwest::Client::new();
        let url = app.url("/api/coaches/ana-ruiz/events");
        let mut first = Stream::open(&http, &url, None).await;
        first.next().await.expect("an event");

        let res = http.get(&url).send().await.unwrap();
        assert_eq!(res.status(), 503);
        assert_eq!(res.headers()["retry-after"], "10");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["error"]["code"], "busy", "{body}");

        drop(first);
        until_no_streams(&app).await;
        let mut again = Stream::open(&http, &url, None).await;
        again.next().await.expect("an event");
    }
}

db_test! {
    async fn shutdown_ends_every_open_stream_cleanly_and_the_server_stops(db) {
        let app = TestApp::new(db).await;
        practice(&app).await;
        // The server as `coachbook serve` runs it, on the same database, until told to stop.
        let config = coachbook::config::Config {
            database_url: coachbook::config::Secret(app.db.url.clone()),
            workers: 0,
            ..Default::default()
        };
        let (state, router) = coachbook::build(config, app.clock.clock()).await.expect("build");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(coachbook::serve(listener, state.clone(), router, async move {
            let _ = stopped.await;
        }));

        let http = reqwest::Client::new();
        let url = format!("{base}/api/coaches/ana-ruiz/events");
        let mut a = Stream::open(&http, &url, None).await;
        let mut b = Stream::open(&http, &url, None).await;
        a.next().await.expect("an event");
        b.next().await.expect("an event");
        assert_eq!(state.ctx().live.watched_coaches(), 1, "two streams, one coach watched");

        stop.send(()).expect("the server is running");
        assert_eq!(a.next().await, None, "the stream ends, not cut off");
        assert_eq!(b.next().await, None, "the stream ends, not cut off");
        tokio::time::timeout(EVENT_WAIT, server)
            .await
            .expect("serve returns once its streams ended")
            .expect("the server task")
            .expect("serve");
        assert_eq!(state.ctx().live.open_streams(), 0);
        assert_eq!(state.ctx().live.watched_coaches(), 0);
        assert!(state.ctx().live.admit().is_none(), "no new streams once shut down");
    }
}

/// The `k`-th hour of the test's calendar on the nodes' real clock: from 08:00 UTC forty days
/// from today.
fn slot(k: i64) -> String {
    let now = jiff::Timestamp::now().as_second();
    let day = (now / 86_400 + 40) * 86_400;
    jiff::Timestamp::from_second(day + 8 * 3600 + k * 3600)
        .expect("a time")
        .to_string()
}

/// Books slot `k` on the node at `base`.
async fn book_on(http: &reqwest::Client, base: &str, token: &str, coaching: i64, k: i64) {
    let res = http
        .post(format!("{base}/api/bookings"))
        .bearer_auth(token)
        .json(&json!({
            "sessionTypeId": coaching, "start": slot(k), "name": format!("Client {k}"),
            "email": format!("client{k}@example.com"), "overrideAvailability": true,
        }))
        .send()
        .await
        .expect("book");
    assert_eq!(
        res.status(),
        201,
        "{}",
        res.text().await.unwrap_or_default()
    );
}

/// The PIDs of the nodes' listening connections.
async fn listeners(app: &TestApp) -> Vec<i32> {
    sqlx::query_scalar(
        "SELECT pid FROM pg_stat_activity WHERE application_name = 'coachbook live updates' \
         AND datname = current_database() ORDER BY pid",
    )
    .fetch_all(app.state.db().pool())
    .await
    .expect("read pg_stat_activity")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_booking_on_one_node_reaches_a_stream_on_the_other_also_after_the_listeners_are_killed() {
    if !postgres_available().await {
        return;
    }
    let cluster = Cluster::start(Backend::Postgres, 2).await;
    let app = &cluster.app;
    let token = app.coach_token().await;
    let coaching = app
        .session_type(&token, json!({"name": "Coaching", "durationMinutes": 60}))
        .await;
    let (one, two) = (&cluster.nodes[0].base, &cluster.nodes[1].base);
    let http = reqwest::Client::new();
    let mut watching =
        Stream::open(&http, &format!("{one}/api/coaches/ana-ruiz/events"), None).await;
    let mut v = watching
        .next()
        .await
        .expect("the current version")
        .version();
    // Node two listens too once someone watches there.
    let mut also = Stream::open(&http, &format!("{two}/api/coaches/ana-ruiz/events"), None).await;
    also.next().await.expect("the current version");

    let started = Instant::now();
    book_on(&http, two, &token, coaching, 0).await;
    v = watching.newer(v).await;
    println!(
        "a booking on node 2 reached a stream on node 1 in {:?}",
        started.elapsed()
    );

    let before = listeners(app).await;
    assert_eq!(
        before.len(),
        2,
        "one listening connection per node: {before:?}"
    );
    for pid in &before {
        sqlx::query("SELECT pg_terminate_backend($1)")
            .bind(pid)
            .execute(app.state.db().pool())
            .await
            .expect("terminate a listener");
    }
    // Made while the nodes may not be listening: read again when they listen again.
    book_on(&http, two, &token, coaching, 1).await;
    v = watching.newer(v).await;

    let deadline = Instant::now() + EVENT_WAIT;
    loop {
        let now = listeners(app).await;
        if now.len() == 2 && now.iter().all(|p| !before.contains(p)) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the nodes did not listen again: {now:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let started = Instant::now();
    book_on(&http, two, &token, coaching, 2).await;
    watching.newer(v).await;
    println!(
        "after the listeners were killed, a booking on node 2 reached node 1 in {:?}",
        started.elapsed()
    );
}
