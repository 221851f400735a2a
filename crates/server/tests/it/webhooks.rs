//! Webhooks on both databases: a local HTTP server (axum on 127.0.0.1, a random port) receives
//! what the delivery job sends; a booking made through the API arrives as `booking.created` and
//! verifies with the Standard Webhooks reference check (Python's `standardwebhooks`), a tampered
//! body does not; an endpoint answering 500 gets the delivery again after the backoff and the
//! log shows both attempts; cancel, reschedule and confirm emit their types, only to endpoints
//! subscribed to them and never to another coach's; bad registrations are refused with 422
//! (a loopback address by default), another coach's endpoint is 404; the test button delivers
//! `webhook.test`; the settings page lists the endpoint and its log.

use std::collections::{HashMap, VecDeque};
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use jiff::SignedDuration;
use serde_json::{json, Value};

use crate::harness::{error_code, in_ci, TestApp};

/// One request as the receiver got it.
#[derive(Debug, Clone)]
struct Got {
    headers: HashMap<String, String>,
    body: String,
}

impl Got {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).expect("a JSON body")
    }
}

#[derive(Clone, Default)]
struct Inbox {
    got: Arc<Mutex<Vec<Got>>>,
    /// Status codes to answer, in turn; 200 once they run out.
    answers: Arc<Mutex<VecDeque<u16>>>,
}

/// A webhook receiver on loopback; stops when dropped.
struct Receiver {
    url: String,
    inbox: Inbox,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Receiver {
    async fn start(answers: &[u16]) -> Self {
        async fn take(State(inbox): State<Inbox>, headers: HeaderMap, body: Bytes) -> StatusCode {
            let headers = headers
                .iter()
                .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
                .collect();
            let body = String::from_utf8(body.to_vec()).expect("a UTF-8 body");
            inbox.got.lock().unwrap().push(Got { headers, body });
            let code = inbox.answers.lock().unwrap().pop_front().unwrap_or(200);
            StatusCode::from_u16(code).unwrap()
        }
        let inbox = Inbox {
            answers: Arc::new(Mutex::new(answers.iter().copied().collect())),
            ..Inbox::default()
        };
        let router = axum::Router::new()
            .route("/hook", axum::routing::post(take))
            .with_state(inbox.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let url = format!("http://{}/hook", listener.local_addr().expect("addr"));
        let task = tokio::spawn(async move {
            axum::serve(listener, router).await.expect("serve");
        });
        Self { url, inbox, task }
    }

    fn got(&self) -> Vec<Got> {
        self.inbox.got.lock().unwrap().clone()
    }

    /// The event types received, in order.
    fn types(&self) -> Vec<String> {
        self.got()
            .iter()
            .map(|g| g.json()["type"].as_str().unwrap_or_default().to_owned())
            .collect()
    }
}

/// Loopback endpoints allowed, as an operator running a receiver on the same host would.
async fn app(db: crate::harness::Backend) -> TestApp {
    TestApp::new_with(db, |c| c.allow_private_outbound = true).await
}

async fn drain(app: &TestApp) -> usize {
    coachbook::app::jobs::drain(app.state.ctx(), "test-worker")
        .await
        .expect("jobs run")
}

async fn register(app: &TestApp, token: &str, url: &str, types: Value) -> Value {
    let (status, hook) = app
        .post(
            token,
            "/api/webhooks",
            json!({"url": url, "description": "CRM sync", "eventTypes": types}),
        )
        .await;
    assert_eq!(status, 201, "{hook}");
    hook
}

/// Ana with a 60-minute type and open hours; her token and the type.
async fn ana(app: &TestApp) -> (String, i64) {
    let token = app.coach_token().await;
    let st = app
        .session_type(&token, json!({"name": "Coaching", "durationMinutes": 60}))
        .await;
    app.open_every_day(&token, "08:00", "20:00").await;
    (token, st)
}

async fn book(app: &TestApp, token: &str, st: i64, name: &str, start: &str) -> Value {
    let email = format!("{}@example.com", name.to_lowercase());
    let (status, b) = app
        .post(
            token,
            "/api/bookings",
            json!({"sessionTypeId": st, "name": name, "email": email, "start": start, "notes": "private note"}),
        )
        .await;
    assert_eq!(status, 201, "{b}");
    b
}

/// The reference check's verdict on one request: the parsed payload, or why it failed.
fn reference_check(secret: &str, got: &Got) -> Option<Result<Value, String>> {
    let python = match crate::harness::python::python() {
        Ok(p) => p,
        Err(why) => {
            assert!(
                !in_ci(),
                "the standardwebhooks check is needed under CI: {why}"
            );
            eprintln!("SKIPPED: no Python with standardwebhooks: {why}");
            return None;
        }
    };
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/webhooks/verify.py");
    let mut child = Command::new(python)
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run verify.py");
    let input = json!({"secret": secret, "headers": got.headers, "body": got.body});
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().expect("verify.py ends");
    Some(if out.status.success() {
        Ok(serde_json::from_slice(&out.stdout).expect("verify.py prints JSON"))
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    })
}

db_test! {
    async fn a_booking_made_through_the_api_arrives_signed_and_verifies_with_the_reference_check(db) {
        let app = app(db).await;
        let (token, st) = ana(&app).await;
        let rx = Receiver::start(&[]).await;
        let hook = register(&app, &token, &rx.url, json!(["booking.created"])).await;
        let secret = hook["secret"].as_str().expect("the secret is in the create answer").to_owned();
        assert!(secret.starts_with("whsec_"), "{secret}");
        assert_eq!(hook["eventTypes"], json!(["booking.created"]));
        let (_, listed) = app.get(&token, "/api/webhooks").await;
        assert!(listed[0].get("secret").is_none(), "the list does not repeat the secret: {listed}");

        let b = book(&app, &token, st, "Noor", "2026-11-10T10:00:00Z").await;
        // The reference check holds the timestamp to the wall clock (5 minutes' tolerance):
        // the app's clock is set to it before the job signs.
        app.clock.set(jiff::Timestamp::now());
        drain(&app).await;
        let got = rx.got();
        assert_eq!(got.len(), 1, "one delivery: {got:?}");
        let body = got[0].json();
        assert_eq!(body["type"], "booking.created");
        assert_eq!(body["data"]["bookingId"], b["id"]);
        assert_eq!(body["data"]["start"], "2026-11-10T10:00:00+00:00");
        assert_eq!(body["data"]["timeZone"], "Europe/London");
        assert_eq!(body["data"]["sessionType"]["name"], "Coaching");
        assert_eq!(body["data"]["participant"]["email"], "noor@example.com");
        assert!(!got[0].body.contains("private note"), "no notes in a payload: {}", got[0].body);
        assert!(got[0].headers["webhook-id"].starts_with("msg_"));
        assert_eq!(got[0].headers["content-type"], "application/json");

        let Some(verdict) = reference_check(&secret, &got[0]) else { return };
        assert_eq!(verdict.expect("the signature verifies"), body);
        let mut tampered = got[0].clone();
        tampered.body = tampered.body.replace("noor@example.com", "eve@example.com");
        assert!(reference_check(&secret, &tampered).unwrap().is_err(), "a changed body fails the check");
        let other = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        assert!(reference_check(other, &got[0]).unwrap().is_err(), "another secret fails the check");

        let (status, log) = app.get(&token, &format!("/api/webhooks/{}/deliveries", hook["id"])).await;
        assert_eq!(status, 200, "{log}");
        assert_eq!(log[0]["status"], "delivered");
        assert_eq!(log[0]["responseCode"], 200);
        assert_eq!(log[0]["messageId"], got[0].headers["webhook-id"].as_str());
    }
}

db_test! {
    async fn an_endpoint_answering_500_gets_the_delivery_again_after_the_backoff(db) {
        let app = app(db).await;
        let (token, st) = ana(&app).await;
        let rx = Receiver::start(&[500]).await;
        let hook = register(&app, &token, &rx.url, json!(["*"])).await;
        book(&app, &token, st, "Sam", "2026-11-10T12:00:00Z").await;
        drain(&app).await;
        assert_eq!(rx.got().len(), 1, "the first attempt");
        let deliveries = format!("/api/webhooks/{}/deliveries", hook["id"]);
        let (_, log) = app.get(&token, &deliveries).await;
        assert_eq!((log[0]["status"].as_str(), log[0]["responseCode"].as_i64()), (Some("pending"), Some(500)), "{log}");
        // Nothing more until the backoff (30 s ± 25 %) has passed.
        drain(&app).await;
        assert_eq!(rx.got().len(), 1);
        app.clock.advance(SignedDuration::from_secs(60));
        drain(&app).await;
        let got = rx.got();
        assert_eq!(got.len(), 2, "retried once");
        assert_eq!(got[0].headers["webhook-id"], got[1].headers["webhook-id"], "the same message id on every attempt");
        assert_eq!(got[0].body, got[1].body);
        let (_, log) = app.get(&token, &deliveries).await;
        assert_eq!(log[0]["status"], "delivered", "{log}");
        assert_eq!(log[0]["attempts"], 2);
        let codes: Vec<i64> = log[0]["attemptLog"].as_array().unwrap().iter().map(|a| a["responseCode"].as_i64().unwrap()).collect();
        assert_eq!(codes, [500, 200]);
        let (_, listed) = app.get(&token, "/api/webhooks").await;
        assert_eq!(listed[0]["lastDelivery"]["status"], "delivered", "{listed}");
    }
}

db_test! {
    async fn a_delivery_never_answered_2xx_fails_once_its_attempts_run_out(db) {
        let app = app(db).await;
        let (token, st) = ana(&app).await;
        let rx = Receiver::start(&[503; 20]).await;
        let hook = register(&app, &token, &rx.url, json!(["booking.created"])).await;
        book(&app, &token, st, "Ola", "2026-11-10T14:00:00Z").await;
        for _ in 0..12 {
            drain(&app).await;
            app.clock.advance(SignedDuration::from_hours(8));
        }
        let attempts = rx.got().len();
        assert_eq!(attempts, coachbook::app::jobs::MAX_ATTEMPTS as usize, "every attempt, then no more");
        let (_, log) = app.get(&token, &format!("/api/webhooks/{}/deliveries", hook["id"])).await;
        assert_eq!(log[0]["status"], "failed", "{log}");
        assert_eq!(log[0]["attemptLog"].as_array().unwrap().len(), attempts);
    }
}

db_test! {
    async fn each_change_emits_its_type_to_the_endpoints_subscribed_and_never_to_another_coach(db) {
        let app = app(db).await;
        let (token, st) = ana(&app).await;
        let intro = app
            .session_type(&token, json!({"name": "Intro", "durationMinutes": 30, "requiresApproval": true}))
            .await;
        let bo = app.other_coach_token().await;
        let bo_type = app.session_type(&bo, json!({"name": "Bo's", "durationMinutes": 60})).await;
        app.open_every_day(&bo, "08:00", "20:00").await;
        let all = Receiver::start(&[]).await;
        let cancels = Receiver::start(&[]).await;
        let bos = Receiver::start(&[]).await;
        register(&app, &token, &all.url, json!(["*"])).await;
        register(&app, &token, &cancels.url, json!(["booking.cancelled"])).await;
        register(&app, &bo, &bos.url, json!(["*"])).await;

        let b = book(&app, &token, st, "Kim", "2026-11-11T10:00:00Z").await;
        let (status, _) = app
            .post(&token, &format!("/api/bookings/{}/reschedule", b["id"]), json!({"start": "2026-11-11T15:00:00Z"}))
            .await;
        assert_eq!(status, 200);
        let (status, _) = app.post(&token, &format!("/api/bookings/{}/cancel", b["id"]), json!({"reason": "Ill"})).await;
        assert_eq!(status, 200);
        let (status, pending) = crate::harness::call(
            &app,
            "POST",
            None,
            "/api/coaches/ana-ruiz/bookings",
            Some(json!({"sessionTypeId": intro, "start": "2026-11-12T10:00:00Z", "timeZone": "Europe/London", "name": "Lea", "email": "lea@example.com"})),
        )
        .await;
        assert_eq!(status, 201, "{pending}");
        let (status, _) = app.post(&token, &format!("/api/bookings/{}/confirm", pending["id"]), json!({})).await;
        assert_eq!(status, 200);
        // A refused booking (the same time again) emits nothing.
        let (status, _) = app
            .post(&token, "/api/bookings", json!({"sessionTypeId": st, "name": "Max", "email": "max@example.com", "start": "2026-11-12T10:00:00Z"}))
            .await;
        assert_eq!(status, 409);
        let (status, client) = app
            .post(&token, "/api/coaching/clients", json!({"name": "Pia Lund", "email": "pia@example.com", "notes": "likes tea"}))
            .await;
        assert_eq!(status, 201, "{client}");
        // Bo's own booking goes to Bo's endpoint only.
        book(&app, &bo, bo_type, "Zed", "2026-11-13T10:00:00Z").await;
        drain(&app).await;

        assert_eq!(
            all.types(),
            ["booking.created", "booking.rescheduled", "booking.cancelled", "booking.created", "booking.confirmed", "client.created"]
        );
        assert_eq!(cancels.types(), ["booking.cancelled"]);
        assert_eq!(bos.types(), ["booking.created"]);
        let bo_got = bos.got()[0].body.clone();
        assert!(bo_got.contains("zed@example.com") && !bo_got.contains("kim@example.com") && !bo_got.contains("lea@example.com"), "{bo_got}");
        for g in all.got() {
            assert!(!g.body.contains("Zed") && !g.body.contains("likes tea") && !g.body.contains("Ill"), "{}", g.body);
        }
        let got = all.got();
        assert_eq!(got[2].json()["data"]["status"], "cancelled");
        assert_eq!(got[2].json()["data"]["cancelledBy"], "coach");
        assert_eq!(got[1].json()["data"]["start"], "2026-11-11T15:00:00+00:00");
        assert_eq!(got[5].json()["data"]["clientId"], client["id"]);
    }
}

db_test! {
    async fn bad_registrations_are_refused_and_another_coachs_webhook_is_not_found(db) {
        // The default configuration: private and loopback addresses refused.
        let app = TestApp::new(db).await;
        let (token, _) = ana(&app).await;
        let field = |e: &Value| e["error"]["fields"][0]["field"].as_str().unwrap_or_default().to_owned();
        let (status, e) = app
            .post(&token, "/api/webhooks", json!({"url": "http://127.0.0.1:9/hook", "eventTypes": ["*"]}))
            .await;
        assert_eq!(status, 422, "{e}");
        assert_eq!(field(&e), "url");
        assert!(e["error"]["message"].as_str().unwrap().contains("private or local address"), "{e}");
        let (status, e) = app
            .post(&token, "/api/webhooks", json!({"url": "ftp://hooks.example.com/x", "eventTypes": ["*"]}))
            .await;
        assert_eq!((status, field(&e)), (422, "url".to_owned()), "{e}");
        let (status, e) = app
            .post(&token, "/api/webhooks", json!({"url": "not a url", "eventTypes": ["*"]}))
            .await;
        assert_eq!((status, field(&e)), (422, "url".to_owned()), "{e}");
        let (status, e) = app
            .post(&token, "/api/webhooks", json!({"url": "https://hooks.example.com/x", "eventTypes": ["booking.created", "booking.exploded"]}))
            .await;
        assert_eq!((status, field(&e)), (422, "eventTypes".to_owned()), "{e}");
        assert!(e["error"]["message"].as_str().unwrap().contains("booking.exploded"), "{e}");
        let (status, e) = app
            .post(&token, "/api/webhooks", json!({"url": "https://hooks.example.com/x", "eventTypes": []}))
            .await;
        assert_eq!((status, field(&e)), (422, "eventTypes".to_owned()), "{e}");
        let (_, listed) = app.get(&token, "/api/webhooks").await;
        assert_eq!(listed, json!([]), "nothing saved");

        let hook = register(&app, &token, "https://hooks.example.com/coachbook", json!(["*"])).await;
        let bo = app.other_coach_token().await;
        let id = hook["id"].as_i64().unwrap();
        for (status, e) in [
            app.get(&bo, &format!("/api/webhooks/{id}/deliveries")).await,
            app.post(&bo, &format!("/api/webhooks/{id}/test"), json!({})).await,
            app.delete(&bo, &format!("/api/webhooks/{id}")).await,
        ] {
            assert_eq!(status, 404, "{e}");
            assert_eq!(error_code(&e), "not_found");
        }
        let (_, bo_list) = app.get(&bo, "/api/webhooks").await;
        assert_eq!(bo_list, json!([]));
        let (status, _) = app.delete(&token, &format!("/api/webhooks/{id}")).await;
        assert_eq!(status, 204);
        let (status, _) = app.delete(&token, &format!("/api/webhooks/{id}")).await;
        assert_eq!(status, 404, "deleted once");
    }
}

db_test! {
    async fn the_test_button_delivers_a_webhook_test_event_and_the_page_shows_the_log(db) {
        let app = TestApp::serve_with(db, |c| c.allow_private_outbound = true).await;
        let (browser, token) = app.signed_in_coach().await;
        let rx = Receiver::start(&[]).await;
        let hook = register(&app, &token, &rx.url, json!(["client.archived"])).await;
        let (status, queued) = app.post(&token, &format!("/api/webhooks/{}/test", hook["id"]), json!({})).await;
        assert_eq!(status, 202, "{queued}");
        assert_eq!(queued["status"], "pending");
        drain(&app).await;
        assert_eq!(rx.types(), ["webhook.test"]);
        assert_eq!(rx.got()[0].json()["data"]["webhookId"], hook["id"]);

        let res = browser.get(app.url("/admin/settings/webhooks")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(html.contains(rx.url.as_str()), "the endpoint is listed");
        assert!(html.contains(hook["secret"].as_str().unwrap()), "the secret is on the page");
        assert!(html.contains("webhook.test") && html.contains("Delivered"), "the log shows the delivery");
        let settings = browser.get(app.url("/admin/settings")).send().await.unwrap().text().await.unwrap();
        assert!(settings.contains("/admin/settings/webhooks"));

        // The add form: a mistake is shown beside its field, nothing saved; then one is added.
        let res = app
            .post_form(&browser, "/admin/settings/webhooks", &[("url", "http://"), ("description", "Zap"), ("eventTypes", "booking.created")])
            .await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("id=\"url-error\""), "the error is beside the address");
        assert!(html.contains("value=\"booking.created\" checked"), "the choice is kept");
        let res = app
            .post_form(&browser, "/admin/settings/webhooks", &[("url", rx.url.as_str()), ("description", "Zap"), ("eventTypes", "booking.created"), ("eventTypes", "booking.cancelled")])
            .await;
        assert_eq!(res.status(), 303);
        let (_, listed) = app.get(&token, "/api/webhooks").await;
        assert_eq!(listed[1]["eventTypes"], json!(["booking.created", "booking.cancelled"]), "{listed}");
    }
}
