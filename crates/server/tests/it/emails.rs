//! Emails on both databases: a booking queues exactly its emails in its own transaction (one
//! refused with 409 queues none); with no SMTP server they are kept; through a real SMTP server
//! on loopback (Python's aiosmtpd) they arrive with both parts and an invitation that an
//! independent parser (Python's `icalendar`) reads, its UID kept and its SEQUENCE raised by a
//! reschedule, CANCEL on cancellation; SMTP down then up delivers once; an address refused for
//! good fails without retries; a line break in a name adds no header or recipient.

pub mod smtp;

use coachbook::app::jobs;
use coachbook::app::notify::email::mailer::Mailer;
use coachbook::app::Ctx;
use coachbook::config::{Config, Secret};
use coachbook::store::emails::{self as store, EmailRow, NewEmail};
use jiff::SignedDuration;
use serde_json::{json, Value};

use crate::harness::TestApp;
use smtp::Sink;

const FROM: &str = "bookings@coachbook.test";

/// The app's context sending through the SMTP server at `smtp_url`.
fn sending(app: &TestApp, smtp_url: &str) -> Ctx {
    let config = Config {
        smtp_url: Some(Secret(smtp_url.into())),
        email_from: Some(FROM.into()),
        ..Config::default()
    };
    app.state
        .ctx()
        .clone()
        .with_mail(Mailer::from_config(&config).expect("a valid mail config"))
}

struct Practice {
    token: String,
    coaching: i64,
}

/// Ana (Europe/London), open every day, with a one-hour coaching session type.
async fn practice(app: &TestApp) -> Practice {
    let token = app.coach_token().await;
    let coaching = app
        .session_type(&token, json!({"name": "Coaching", "durationMinutes": 60}))
        .await;
    app.open_every_day(&token, "08:00", "20:00").await;
    Practice { token, coaching }
}

async fn book(app: &TestApp, p: &Practice, start: &str, name: &str, email: &str) -> (u16, Value) {
    app.post(
        &p.token,
        "/api/bookings",
        json!({"sessionTypeId": p.coaching, "start": start, "name": name, "email": email,
               "meetingUrl": "https://meet.example.com/ana-jo"}),
    )
    .await
}

async fn emails(app: &TestApp) -> Vec<EmailRow> {
    let mut all = store::list(app.state.db().pool(), None, None, 1000)
        .await
        .expect("list emails");
    all.reverse();
    all
}

async fn email_jobs(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'email.send'")
        .fetch_one(app.state.db().pool())
        .await
        .expect("count jobs")
}

db_test! {
    async fn a_booking_queues_exactly_its_emails_and_one_refused_with_409_queues_none(db) {
        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        let (status, b) = book(&app, &p, "2027-03-10T10:00:00Z", "Jo Client", "jo@example.com").await;
        assert_eq!(status, 201, "{b}");
        let queued = emails(&app).await;
        assert_eq!(queued.len(), 1, "one email to the participant: {queued:?}");
        assert_eq!(email_jobs(&app).await, 1, "and one job to send it");
        let e = &queued[0];
        assert_eq!((e.kind.as_str(), e.to_email.as_str(), e.status.as_str()), ("booking_created", "jo@example.com", "queued"));
        assert_eq!(e.booking_id, b["id"].as_i64());
        assert_eq!((e.ics_method.as_deref(), e.ics_sequence), (Some("REQUEST"), Some(0)));
        assert!(e.text_body.contains("Wed 10 Mar 2027, 10:00–11:00") && e.text_body.contains("Europe/London"), "the coach's zone, named:\n{}", e.text_body);
        assert_eq!((e.from_name.as_str(), e.reply_to_email.as_str()), ("Ana Ruiz", crate::harness::COACH_EMAIL));

        // Refused: it collides. Nothing is queued with it.
        let (status, body) = book(&app, &p, "2027-03-10T10:30:00Z", "Sam Other", "sam@example.com").await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(emails(&app).await.len(), 1);
        assert_eq!(email_jobs(&app).await, 1);

        // No SMTP server configured: the email is kept, and says so.
        assert_eq!(jobs::drain(app.state.ctx(), "test-worker").await.unwrap(), 1);
        let kept = store::get(app.state.db().pool(), e.id).await.unwrap();
        assert_eq!(kept.status, "kept");
        assert!(kept.sent_at.is_some());
    }
}

db_test! {
    async fn invitations_arrive_over_smtp_and_a_reschedule_keeps_the_uid_and_raises_the_sequence(db) {
        let Some(sink) = Sink::start().await else { return };
        let app = TestApp::new(db).await;
        let cx = sending(&app, &sink.url());
        let p = practice(&app).await;
        let (status, b) = book(&app, &p, "2027-03-10T10:00:00Z", "Jo Client", "jo@example.com").await;
        assert_eq!(status, 201, "{b}");
        let id = b["id"].as_i64().unwrap();
        assert_eq!(jobs::drain(&cx, "test-worker").await.unwrap(), 1);

        let got = sink.messages();
        assert_eq!(got.len(), 1);
        let m = &got[0];
        assert_eq!(m.rcpt_tos, ["jo@example.com"]);
        let subject = m.header("Subject");
        assert_eq!(subject, ["Booked: Coaching with Ana Ruiz, Wed 10 Mar 2027, 10:00"]);
        assert_eq!(m.header("From"), [format!("Ana Ruiz <{FROM}>")]);
        assert_eq!(m.header("Reply-To"), ["Ana Ruiz <ana@example.com>"]);
        let message_id = m.header("Message-ID");
        assert!(message_id.len() == 1 && message_id[0].starts_with('<') && message_id[0].ends_with('>'), "{message_id:?}");
        assert_eq!(m.parsed["contentType"], "multipart/mixed");
        let text = m.parsed["text"].as_str().unwrap();
        assert!(text.contains("Hello Jo Client") && text.contains("Wed 10 Mar 2027, 10:00–11:00 (Europe/London time)"), "{text}");
        let html = m.parsed["html"].as_str().unwrap();
        assert!(html.contains("<h1") && html.contains("https://meet.example.com/ana-jo"), "{html}");
        assert!(m.parsed["calendarContentType"].as_str().unwrap().replace('"', "").contains("method=REQUEST"), "{}", m.parsed);
        assert_eq!(m.parsed["attachmentName"], "invite.ics");
        assert!(m.raw.contains("Content-Type: text/calendar; charset=utf-8; method=REQUEST"), "as written:\n{}", m.raw);
        let uid = format!("booking-{id}@127.0.0.1");
        for ics in [&m.parsed["calendar"], &m.parsed["attachment"]] {
            assert_eq!(ics["method"], "REQUEST");
            let ev = &ics["events"][0];
            assert_eq!((ev["uid"].as_str(), ev["sequence"].as_i64()), (Some(uid.as_str()), Some(0)));
            assert_eq!((ev["dtstart"].as_str(), ev["dtend"].as_str()), (Some("2027-03-10T10:00:00+00:00"), Some("2027-03-10T11:00:00+00:00")));
            assert_eq!(ev["status"], "CONFIRMED");
            assert_eq!(ev["location"], "https://meet.example.com/ana-jo");
            assert_eq!(ev["organizer"], "mailto:ana@example.com");
            assert_eq!(ev["attendees"], json!(["mailto:jo@example.com"]));
        }
        let store_status = store::get(app.state.db().pool(), emails(&app).await[0].id).await.unwrap().status;
        assert_eq!(store_status, "sent");

        // Moved an hour later: the same event, a higher SEQUENCE.
        let (status, moved) = app.post(&p.token, &format!("/api/bookings/{id}/reschedule"), json!({"start": "2027-03-10T11:00:00Z"})).await;
        assert_eq!(status, 200, "{moved}");
        assert_eq!(jobs::drain(&cx, "test-worker").await.unwrap(), 1);
        let got = sink.messages();
        assert_eq!(got.len(), 2);
        let ev = &got[1].parsed["calendar"]["events"][0];
        assert_eq!(got[1].parsed["calendar"]["method"], "REQUEST");
        assert_eq!((ev["uid"].as_str(), ev["sequence"].as_i64()), (Some(uid.as_str()), Some(1)));
        assert_eq!(ev["dtstart"], "2027-03-10T11:00:00+00:00");
        assert!(got[1].header("Subject")[0].starts_with("Changed: "));

        // Cancelled: CANCEL, same UID, higher again.
        let (status, c) = app.post(&p.token, &format!("/api/bookings/{id}/cancel"), json!({"reason": "Ill"})).await;
        assert_eq!(status, 200, "{c}");
        assert_eq!(jobs::drain(&cx, "test-worker").await.unwrap(), 1);
        let got = sink.messages();
        assert_eq!(got.len(), 3, "the coach cancelled: only the participant hears by email");
        assert!(got[2].parsed["calendarContentType"].as_str().unwrap().replace('"', "").contains("method=CANCEL"));
        let cal = &got[2].parsed["attachment"];
        assert_eq!(cal["method"], "CANCEL");
        assert_eq!((cal["events"][0]["uid"].as_str(), cal["events"][0]["sequence"].as_i64()), (Some(uid.as_str()), Some(2)));
        assert_eq!(cal["events"][0]["status"], "CANCELLED");
        assert!(got[2].parsed["text"].as_str().unwrap().contains("Reason: Ill"));
    }
}

db_test! {
    async fn smtp_down_then_up_delivers_the_email_exactly_once(db) {
        let port = smtp::free_port();
        let app = TestApp::new(db).await;
        let cx = sending(&app, &format!("smtp://127.0.0.1:{port}?tls=none"));
        let p = practice(&app).await;
        let (status, b) = book(&app, &p, "2027-03-10T10:00:00Z", "Jo Client", "jo@example.com").await;
        assert_eq!(status, 201, "the booking succeeds with SMTP down: {b}");

        // Nothing listens: the job fails for now and is queued again, the email keeps the error.
        assert_eq!(jobs::drain(&cx, "test-worker").await.unwrap(), 1);
        let e = &emails(&app).await[0];
        assert_eq!(e.status, "queued");
        assert!(!e.last_error.is_empty(), "the error is kept for the operator");
        let (status, attempts): (String, i64) = sqlx::query_as("SELECT status, attempts FROM jobs WHERE kind = 'email.send'")
            .fetch_one(app.state.db().pool()).await.unwrap();
        assert_eq!((status.as_str(), attempts), ("queued", 1));

        let Some(sink) = Sink::start_on(port, &[]).await else { return };
        // Not due yet: the backoff holds it back.
        assert_eq!(jobs::drain(&cx, "test-worker").await.unwrap(), 0);
        assert!(sink.messages().is_empty());
        app.clock.advance(SignedDuration::from_mins(10));
        assert_eq!(jobs::drain(&cx, "test-worker").await.unwrap(), 1);
        assert_eq!(sink.messages().len(), 1);
        let sent = store::get(app.state.db().pool(), e.id).await.unwrap();
        assert_eq!((sent.status.as_str(), sent.last_error.as_str()), ("sent", ""));

        // Later runs find nothing to send again.
        app.clock.advance(SignedDuration::from_hours(24));
        assert_eq!(jobs::drain(&cx, "test-worker").await.unwrap(), 0);
        assert_eq!(sink.messages().len(), 1, "delivered exactly once");
    }
}

db_test! {
    async fn an_address_the_server_refuses_for_good_fails_without_retries(db) {
        let Some(sink) = Sink::start_on(smtp::free_port(), &["gone@example.com"]).await else { return };
        let app = TestApp::new(db).await;
        let cx = sending(&app, &sink.url());
        let p = practice(&app).await;
        let (status, _) = book(&app, &p, "2027-03-10T10:00:00Z", "Gone", "gone@example.com").await;
        assert_eq!(status, 201);
        assert_eq!(jobs::drain(&cx, "test-worker").await.unwrap(), 1);
        let e = &emails(&app).await[0];
        assert_eq!(e.status, "failed");
        assert!(e.last_error.contains("550"), "{}", e.last_error);
        let (status, attempts): (String, i64) = sqlx::query_as("SELECT status, attempts FROM jobs WHERE kind = 'email.send'")
            .fetch_one(app.state.db().pool()).await.unwrap();
        assert_eq!((status.as_str(), attempts), ("failed", 1), "failed for good on the first attempt");
        app.clock.advance(SignedDuration::from_hours(24));
        assert_eq!(jobs::drain(&cx, "test-worker").await.unwrap(), 0, "never retried");
        assert!(sink.messages().is_empty());
    }
}

db_test! {
    async fn a_line_break_in_a_name_or_subject_adds_no_header_and_no_recipient(db) {
        let Some(sink) = Sink::start().await else { return };
        let app = TestApp::new(db).await;
        let cx = sending(&app, &sink.url());
        practice(&app).await;
        let coach_id: i64 = sqlx::query_scalar("SELECT id FROM coaches").fetch_one(app.state.db().pool()).await.unwrap();
        // Stored as hostile as it could come: every field a header is made from.
        let evil = "Jo\r\nBcc: evil@example.com\r\nX-Injected: yes";
        let now = app.clock.now();
        let mut tx = app.state.db().pool().begin().await.unwrap();
        let id = store::insert(&mut *tx, &NewEmail {
            coach_id,
            booking_id: None,
            application_id: None,
            kind: "booking_created",
            from_name: evil.into(),
            reply_to_name: evil.into(),
            reply_to_email: "ana@example.com".into(),
            to_name: evil.into(),
            to_email: "jo@example.com".into(),
            subject: format!("Hello {evil}"),
            text_body: "text".into(),
            html_body: "<p>html</p>".into(),
            ics: None,
            list_unsubscribe: Some("mailto:ana@example.com\r\nBcc: evil@example.com".into()),
            message_id: "<x@example.com>\r\nBcc: evil@example.com".into(),
        }, now.into()).await.unwrap();
        jobs::enqueue(&mut *tx, jobs::kinds::EMAIL_SEND, &json!({"emailId": id}), Some(coach_id), now, None, now).await.unwrap();
        tx.commit().await.unwrap();

        assert_eq!(jobs::drain(&cx, "test-worker").await.unwrap(), 1);
        let got = sink.messages();
        assert_eq!(got.len(), 1);
        let m = &got[0];
        assert_eq!(m.rcpt_tos, ["jo@example.com"], "no recipient added");
        assert!(m.header("Bcc").is_empty() && m.header("X-Injected").is_empty(), "no header added: {:?}", m.parsed["headers"]);
        let names: Vec<String> = m.parsed["headers"].as_array().unwrap().iter().map(|h| h[0].as_str().unwrap().to_ascii_lowercase()).collect();
        for name in &names {
            assert!(["from", "reply-to", "to", "subject", "message-id", "date", "list-unsubscribe", "mime-version", "content-type", "content-transfer-encoding"].contains(&name.as_str()), "unexpected header {name}");
        }
        assert!(m.header("Subject")[0].contains("Bcc: evil@example.com"), "the text stays, on one line: {:?}", m.header("Subject"));
        assert!(!m.raw.lines().any(|l| l.to_ascii_lowercase().starts_with("bcc:")), "{}", m.raw);
    }
}

fn coachbook(db_url: &str, args: &[&str], envs: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_coachbook"));
    cmd.args(args)
        .env("COACHBOOK_DATABASE_URL", db_url)
        .env("COACHBOOK_BIND", "127.0.0.1:0")
        .env_remove("COACHBOOK_CONFIG")
        .env_remove("COACHBOOK_SMTP_URL")
        .env_remove("COACHBOOK_EMAIL_FROM");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.stdin(std::process::Stdio::null())
        .output()
        .expect("run coachbook")
}

fn output(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

db_test! {
    async fn the_coach_sees_the_outbox_and_one_email_as_sent_and_the_operator_lists_them(db) {
        let app = TestApp::serve(db).await;
        let (browser, token) = app.signed_in_coach().await;
        let coaching = app.session_type(&token, json!({"name": "Coaching", "durationMinutes": 60})).await;
        app.open_every_day(&token, "08:00", "20:00").await;
        let p = Practice { token, coaching };
        let (status, _) = book(&app, &p, "2027-03-10T10:00:00Z", "Jo <b>Client</b>", "jo@example.com").await;
        assert_eq!(status, 201);
        let e = emails(&app).await.pop().expect("an email");

        let page = browser.get(app.url("/admin/emails")).send().await.unwrap();
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        assert!(html.contains("No mail server is set up"), "says emails are kept");
        assert!(html.contains(&format!("/admin/emails/{}", e.id)) && html.contains("Booked: Coaching with Ana Ruiz"));
        assert!(html.contains("Jo &lt;b&gt;Client&lt;/b&gt;") || html.contains("Jo &#60;b&#62;Client"), "names are escaped");

        let one = browser.get(app.url(&format!("/admin/emails/{}", e.id))).send().await.unwrap();
        assert_eq!(one.status(), 200);
        let html = one.text().await.unwrap();
        assert!(html.contains(&format!("src=\"/admin/emails/{}/html\"", e.id)) && html.contains("BEGIN:VCALENDAR"));

        let part = browser.get(app.url(&format!("/admin/emails/{}/html", e.id))).send().await.unwrap();
        assert_eq!(part.status(), 200);
        let csp = part.headers()["content-security-policy"].to_str().unwrap().to_owned();
        assert!(csp.contains("sandbox") && csp.contains("default-src 'none'"), "{csp}");
        // (The heading is a catalogue message, escaped like any text: the apostrophe as an entity.)
        let body = part.text().await.unwrap();
        assert!(body.contains("You're booked") || body.contains("You&#39;re booked"), "{body}");

        for bad in ["/admin/emails/abc", "/admin/emails/999999", "/admin/emails/-1/html", "/admin/emails?status=%00nonsense"] {
            let res = browser.get(app.url(bad)).send().await.unwrap();
            assert!(res.status() == 404 || (bad.contains('?') && res.status() == 200), "{bad}: {}", res.status());
        }
        // Another coach sees none of Ana's.
        let bo = app.other_coach_token().await;
        let (status, _) = app.get(&bo, "/api/bookings").await;
        assert_eq!(status, 200);
        let bo_browser = app.client();
        app.login(&bo_browser, crate::harness::OTHER_COACH_EMAIL, crate::harness::PASSWORD).await;
        let res = bo_browser.get(app.url(&format!("/admin/emails/{}", e.id))).send().await.unwrap();
        assert_eq!(res.status(), 404);

        // The operator's view.
        let out = coachbook(&app.db.url, &["emails", "list"], &[]);
        assert!(out.status.success(), "{}", output(&out));
        assert!(output(&out).contains("jo@example.com") && output(&out).contains("booking_created"), "{}", output(&out));
        let out = coachbook(&app.db.url, &["emails", "show", &e.id.to_string()], &[]);
        assert!(output(&out).contains("METHOD:REQUEST") && output(&out).contains("Reply-To:   Ana Ruiz <ana@example.com>"), "{}", output(&out));
        let out = coachbook(&app.db.url, &["emails", "list", "--status", "nonsense"], &[]);
        assert!(!out.status.success() && output(&out).contains("queued, sent, kept or failed"), "{}", output(&out));
    }
}

db_test! {
    async fn serve_stops_at_start_on_an_smtp_url_it_cannot_use_and_says_what_to_write(db) {
        let test_db = crate::harness::TestDb::new(db).await;
        let out = coachbook(&test_db.url, &["serve"], &[("COACHBOOK_SMTP_URL", "http://mail.example.com")]);
        assert!(!out.status.success());
        assert!(output(&out).contains("smtp://USER:PASSWORD@HOST:587?tls=starttls"), "{}", output(&out));
        let out = coachbook(&test_db.url, &["serve"], &[("COACHBOOK_SMTP_URL", "smtp://127.0.0.1:25?tls=none")]);
        assert!(!out.status.success());
        assert!(output(&out).contains("email_from"), "{}", output(&out));
    }
}

db_test! {
    async fn a_connected_client_reads_the_time_in_their_own_zone_and_a_guest_in_the_coachs(db) {
        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        let client = app
            .create(&p.token, "/api/coaching/clients", json!({"name": "Noor Haddad", "email": "noor@example.com"}))
            .await["id"]
            .as_i64()
            .unwrap();
        // Noor has an account in New York and is connected to it.
        app.create_coach("Noor Haddad", "noor-account@example.com").await;
        let pool = app.state.db().pool();
        sqlx::query("UPDATE users SET time_zone = 'America/New_York' WHERE email = 'noor-account@example.com'")
            .execute(pool).await.unwrap();
        sqlx::query("UPDATE clients SET user_id = (SELECT id FROM users WHERE email = 'noor-account@example.com') WHERE id = $1")
            .bind(client).execute(pool).await.unwrap();

        let (status, b) = app.post(&p.token, "/api/bookings", json!({
            "sessionTypeId": p.coaching, "clientId": client, "start": "2027-03-10T15:00:00Z"
        })).await;
        assert_eq!(status, 201, "{b}");
        let e = emails(&app).await.pop().unwrap();
        assert!(e.text_body.contains("Wed 10 Mar 2027, 10:00–11:00 (America/New_York time)"), "{}", e.text_body);
        assert!(e.subject.ends_with("Wed 10 Mar 2027, 10:00"), "{}", e.subject);

        let (status, _) = book(&app, &p, "2027-03-11T15:00:00Z", "Guest", "guest@example.com").await;
        assert_eq!(status, 201);
        let e = emails(&app).await.pop().unwrap();
        assert!(e.text_body.contains("Thu 11 Mar 2027, 15:00–16:00 (Europe/London time)"), "{}", e.text_body);
    }
}

db_test! {
    async fn an_application_tells_the_coach_and_the_applicant_and_its_discovery_call_invites_them(db) {
        use axum::body::Body;
        use axum::http::{header, Request};

        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        app.session_type(&p.token, json!({"name": "Discovery call", "kind": "discovery", "durationMinutes": 20})).await;
        let (_, me) = app.get(&p.token, "/api/me").await;
        let slug = me["coach"]["slug"].as_str().unwrap().to_owned();
        let req = Request::post(format!("/c/{slug}/apply"))
            .header(header::ORIGIN, "http://localhost")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(crate::harness::form_urlencoded(&[
                ("name", "Lea <i>Roux</i>".into()),
                ("email", "lea@example.com".into()),
                ("goals", "Find focus".into()),
            ])))
            .unwrap();
        let reply = app.request(req).await;
        assert_eq!(reply.status, 303, "{}", reply.text());
        let sent = emails(&app).await;
        let kinds: Vec<(&str, &str)> = sent.iter().map(|e| (e.kind.as_str(), e.to_email.as_str())).collect();
        assert_eq!(kinds, [("application_received", crate::harness::COACH_EMAIL), ("application_acknowledged", "lea@example.com")]);
        assert!(sent[0].text_body.contains("Find focus") && sent[0].text_body.contains("/admin/applications"));
        assert!(sent[0].html_body.contains("Lea &#60;i&#62;Roux") || sent[0].html_body.contains("Lea &lt;i&gt;Roux"), "escaped in HTML: {}", sent[0].html_body);
        let application = sent[0].application_id.expect("the email names its application");

        let (status, a) = app
            .put(&p.token, &format!("/api/coaching/applications/{application}"), json!({"discoveryCall": {"date": "2027-03-10", "startTime": "11:00"}}))
            .await;
        assert_eq!(status, 200, "{a}");
        let call = emails(&app).await.pop().unwrap();
        assert_eq!((call.kind.as_str(), call.to_email.as_str(), call.ics_method.as_deref()), ("discovery_call", "lea@example.com", Some("REQUEST")));
        assert!(call.subject.starts_with("Discovery call with Ana Ruiz, Wed 10 Mar 2027, 11:00"), "{}", call.subject);
    }
}

db_test! {
    async fn a_reminder_can_be_stopped_by_its_link_and_then_none_is_written(db) {
        use axum::body::Body;
        use axum::http::{header, Method, Request};

        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        let cx = app.state.ctx();
        // Two days ahead: the default reminder is due 24 hours before.
        let (status, _) = book(&app, &p, "2026-11-04T10:00:00Z", "Jo Client", "Jo@Example.com").await;
        assert_eq!(status, 201);
        jobs::drain(cx, "test-worker").await.unwrap();
        app.clock.set("2026-11-03T10:01:00Z".parse().unwrap());
        jobs::drain(cx, "test-worker").await.unwrap();
        let reminder = emails(&app).await.pop().unwrap();
        assert_eq!(reminder.kind, "reminder");
        let link = reminder.list_unsubscribe.clone().expect("a List-Unsubscribe link");
        let path = link.strip_prefix("http://127.0.0.1:8080").expect("a link to this server").to_owned();
        assert!(path.starts_with("/unsubscribe/"), "{link}");
        assert!(reminder.text_body.contains(&link) && reminder.html_body.contains(&link));
        let message = coachbook::app::notify::email::message::build(&reminder, &FROM.parse().unwrap(), app.clock.now()).unwrap();
        let raw = String::from_utf8(message.formatted()).unwrap();
        assert!(raw.contains(&format!("List-Unsubscribe: <{link}>")), "{raw}");
        assert!(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), "{raw}");

        let page = app.send(Method::GET, &path).await;
        assert_eq!(page.status, 200);
        assert!(page.text().contains("Stop reminders?") && page.text().contains("Ana Ruiz"));
        for bad in ["/unsubscribe/nonsense", "/unsubscribe/00000000000000000000000000000000"] {
            assert_eq!(app.send(Method::GET, bad).await.status, 404, "{bad}");
        }
        // A mail program's one-click request (RFC 8058).
        let req = Request::post(path.as_str())
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("List-Unsubscribe=One-Click"))
            .unwrap();
        let done = app.request(req).await;
        assert_eq!(done.status, 200, "{}", done.text());
        assert!(done.text().contains("Reminders stopped"));

        // Another session for the same address: its reminder is not written.
        let (status, _) = book(&app, &p, "2026-11-05T10:00:00Z", "Jo Client", "jo@example.com").await;
        assert_eq!(status, 201);
        jobs::drain(cx, "test-worker").await.unwrap();
        app.clock.set("2026-11-04T10:01:00Z".parse().unwrap());
        jobs::drain(cx, "test-worker").await.unwrap();
        let reminders = emails(&app).await.iter().filter(|e| e.kind == "reminder").count();
        assert_eq!(reminders, 1, "no reminder after unsubscribing");
    }
}

db_test! {
    async fn a_script_reads_the_outbox_through_the_api(db) {
        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        let (status, b) = book(&app, &p, "2027-03-10T10:00:00Z", "Jo Client", "jo@example.com").await;
        assert_eq!(status, 201);
        let (status, list) = app.get(&p.token, "/api/emails").await;
        assert_eq!(status, 200, "{list}");
        let first = &list[0];
        assert_eq!((first["kind"].as_str(), first["status"].as_str(), first["toEmail"].as_str()), (Some("booking_created"), Some("queued"), Some("jo@example.com")));
        assert_eq!(first["bookingId"], b["id"]);
        assert!(first.get("html").is_none(), "the list leaves the parts out");
        let id = first["id"].as_i64().unwrap();
        let (status, one) = app.get(&p.token, &format!("/api/emails/{id}")).await;
        assert_eq!(status, 200, "{one}");
        assert_eq!((one["icsMethod"].as_str(), one["icsSequence"].as_i64()), (Some("REQUEST"), Some(0)));
        assert!(one["ics"].as_str().unwrap().contains("BEGIN:VEVENT") && one["text"].as_str().unwrap().contains("Europe/London"));
        assert_eq!(one["replyTo"], "Ana Ruiz <ana@example.com>");

        let (status, kept) = app.get(&p.token, "/api/emails?status=kept").await;
        assert_eq!((status, kept.as_array().map(Vec::len)), (200, Some(0)));
        for bad in ["/api/emails?status=bogus", "/api/emails?limit=0", "/api/emails?limit=x"] {
            let (status, body) = app.get(&p.token, bad).await;
            assert!(status == 422 || status == 400, "{bad}: {status} {body}");
            crate::harness::error_code(&body);
        }
        let bo = app.other_coach_token().await;
        let (status, body) = app.get(&bo, &format!("/api/emails/{id}")).await;
        assert_eq!(status, 404, "{body}");
        let (_, theirs) = app.get(&bo, "/api/emails").await;
        assert_eq!(theirs, json!([]));
    }
}

db_test! {
    async fn a_cancellation_by_the_client_also_tells_the_coach_by_email(db) {
        use coachbook::app::notify::{self, Event};

        let app = TestApp::new(db).await;
        let p = practice(&app).await;
        let (status, b) = book(&app, &p, "2027-03-10T10:00:00Z", "Jo Client", "jo@example.com").await;
        assert_eq!(status, 201);
        let (status, _) = app.post(&p.token, &format!("/api/bookings/{}/cancel", b["id"]), json!({"reason": "Moving away"})).await;
        assert_eq!(status, 200);
        let before = emails(&app).await.len();
        // The client pages will record this when the participant cancels; the event is the same.
        let coach_id: i64 = sqlx::query_scalar("SELECT id FROM coaches").fetch_one(app.state.db().pool()).await.unwrap();
        let mut tx = app.state.db().pool().begin().await.unwrap();
        let event = Event::BookingCancelled { booking_id: b["id"].as_i64().unwrap(), by_client: true };
        notify::on(&mut tx, app.state.ctx(), coach_id, &event, app.clock.now()).await.unwrap();
        tx.commit().await.unwrap();
        let all = emails(&app).await;
        let new: Vec<(&str, &str)> = all[before..].iter().map(|e| (e.kind.as_str(), e.to_email.as_str())).collect();
        assert_eq!(new, [("booking_cancelled", "jo@example.com"), ("booking_cancelled_coach", crate::harness::COACH_EMAIL)]);
        let coach = &all[before + 1];
        assert!(coach.subject.starts_with("Jo Client cancelled: Coaching"), "{}", coach.subject);
        assert!(coach.text_body.contains("Reason: Moving away") && coach.text_body.contains("jo@example.com"), "{}", coach.text_body);
        assert!(coach.ics.is_none());
        assert!(all[before].text_body.contains("cancelled, as you asked"));
    }
}
