//! Issue 17, the pages left in English: a coach who chose German reads the outbox, one email's
//! page, the calendar feeds, the webhooks, the API reference and a client's Account card in
//! German, and hears of a visitor's booking in a German in-app notification (the visitor booked
//! in English); a visitor whose browser asks for German reads the manage page's title and policy
//! lines in German. A coach who chose nothing still reads all of it in English, as before.

use axum::body::Body;
use axum::http::{header, Request};
use serde_json::{json, Value};

use crate::harness::text::{has_all, has_none, page};
use crate::harness::{form_urlencoded, TestApp, COACH_EMAIL, PASSWORD};

/// The page at `path` for a visitor whose browser asks for `accept` (or says nothing).
async fn visit(app: &TestApp, path: &str, accept: Option<&str>) -> String {
    let mut req = Request::get(path);
    if let Some(a) = accept {
        req = req.header(header::ACCEPT_LANGUAGE, a);
    }
    let reply = app
        .request(req.body(Body::empty()).expect("a request"))
        .await;
    assert_eq!(reply.status, 200, "{path}: {}", reply.text());
    reply.text()
}

async fn notifications(app: &TestApp, token: &str) -> Value {
    let (status, list) = app.get(token, "/api/notifications").await;
    assert_eq!(status, 200, "{list}");
    list
}

/// A visitor (browser in English) books `name` for 10:00 on Monday 9 November 2026 on Ana's
/// page, and gets the path of the booking's manage page.
async fn visitor_books(
    app: &TestApp,
    slug: &str,
    coaching: i64,
    name: &str,
    email: &str,
) -> String {
    let fields = vec![
        ("sessionTypeId", coaching.to_string()),
        ("start", "2026-11-09T10:00:00+00:00".to_owned()),
        ("tz", "Europe/London".to_owned()),
        ("name", name.to_owned()),
        ("email", email.to_owned()),
        ("notes", String::new()),
        ("website", String::new()),
    ];
    let req = Request::post(format!("/c/{slug}/book"))
        .header(header::ORIGIN, "http://localhost")
        .header(header::ACCEPT_LANGUAGE, "en")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(form_urlencoded(&fields)))
        .expect("a request");
    let reply = app.request(req).await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    let booked = reply.headers[header::LOCATION]
        .to_str()
        .expect("a location")
        .to_owned();
    let done = visit(app, &booked, Some("en")).await;
    // `/b/` and the token's 32 hex digits (the first link may be its calendar file).
    let at = done.find("href=\"/b/").expect("a manage link") + "href=\"".len();
    done[at..at + "/b/".len() + 32].to_owned()
}

db_test! {
    async fn a_german_coach_reads_the_remaining_admin_pages_and_notices_in_german_and_others_in_english(db) {
        let app = TestApp::serve(db).await;
        let (ana, token) = app.signed_in_coach().await;
        let coaching = app
            .session_type(&token, json!({"name": "Coaching", "durationMinutes": 60}))
            .await;
        app.open_every_day(&token, "08:00", "20:00").await;
        let (_, me) = app.get(&token, "/api/me").await;
        let slug = me["coach"]["slug"].as_str().expect("a slug").to_owned();
        let client = app
            .create(&token, "/api/coaching/clients", json!({"name": "Ravi Kumar", "email": "ravi@example.com"}))
            .await["id"]
            .as_i64()
            .expect("a client id");
        app.choose_locale(COACH_EMAIL, "de").await;

        // A visitor books in English; Ana hears of it in German, with a German date.
        let manage = visitor_books(&app, &slug, coaching, "Vi Visitor", "vi@example.com").await;
        let list = notifications(&app, &token).await;
        let n = &list["items"][0];
        assert_eq!(n["title"], "Neue Buchung: Vi Visitor", "{list}");
        assert_eq!(n["body"], "Coaching, Mo., 9. Nov. 2026, 10:00–11:00", "{list}");
        let html = page(&app, &ana, "/notifications").await;
        has_all(&html, "/notifications", &["Neue Buchung: Vi Visitor"]);

        // The outbox and one email's page (the email itself is the visitor's, in English).
        let html = page(&app, &ana, "/admin/emails").await;
        has_all(&html, "/admin/emails", &[
            "<title>E-Mails · Coachbook</title>",
            "Es ist kein Mailserver eingerichtet",
            "Nach Status filtern",
            "In der Warteschlange",
            "An Vi Visitor &#60;vi@example.com&#62; · Buchung angelegt · Mo., 2. Nov. 2026",
            "Booked: Coaching with Ana Ruiz",
        ]);
        has_none(&html, "/admin/emails", &["Newest first", ">Queued<", "booking created"]);
        let at = html.find("href=\"/admin/emails/").expect("a link to an email") + "href=\"".len();
        let end = html[at..].find('"').expect("the link's end") + at;
        let one = html[at..end].to_owned();
        let html = page(&app, &ana, &one).await;
        has_all(&html, &one, &["← Alle E-Mails", "So sieht der Empfänger sie", "Nur Text", "Antwort an", "Kalendereinladung", "Sequenz 0"]);
        has_none(&html, &one, &["As the recipient sees it", "Plain text", "Written"]);

        let feeds = "/admin/settings/calendar-feeds";
        let html = page(&app, &ana, feeds).await;
        has_all(&html, feeds, &[
            "<h1>Kalender-Feeds</h1>",
            "Ihre Termine, mit Namen",
            "Ihre Termine, anonymisiert",
            "„Klienten-Termin“",
            "So abonnieren Sie",
            "die alte Adresse funktioniert sofort nicht mehr",
        ]);
        has_none(&html, feeds, &["How to subscribe", "Feed address", "Your sessions, anonymised"]);
        let res = app.post_form(&ana, "/admin/settings/calendar-feeds/rotate", &[("kind", "coach")]).await;
        assert_eq!(res.status(), 303);
        let html = page(&app, &ana, feeds).await;
        has_all(&html, feeds, &["Der Feed hat eine neue Adresse."]);

        let hooks = "/admin/settings/webhooks";
        let html = page(&app, &ana, hooks).await;
        has_all(&html, hooks, &[
            "<h1>Webhooks</h1>",
            "Noch keine Endpunkte.",
            "Eine Buchung wird angelegt <code>booking.created</code>",
            "Alle Ereignisse, auch später hinzukommende",
            "Endpunkt hinzufügen",
        ]);
        has_none(&html, hooks, &["No endpoints yet", "A booking is made", "Add endpoint"]);
        let res = app
            .post_form(&ana, hooks, &[("url", "http://"), ("description", ""), ("eventTypes", "booking.created")])
            .await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.expect("a page body");
        has_all(&html, hooks, &["Bitte korrigieren Sie das markierte Feld unten. Es wurde nichts gespeichert."]);

        let html = page(&app, &ana, "/api/docs").await;
        has_all(&html, "/api/docs", &["<html lang=\"de\">", "<h1>API-Referenz</h1>", "Die API spricht Englisch", "„Coachbook-Language: de“", "<th scope=\"col\">Bedeutung</th>", "/api/me"]);
        has_none(&html, "/api/docs", &["<h1>API reference</h1>"]);
        // The API itself stays English whoever asks.
        let (status, body) = app.get(&token, "/api/coaching/clients/0").await;
        assert_eq!(status, 404, "{body}");

        let account = format!("/admin/clients/{client}");
        let html = page(&app, &ana, &account).await;
        has_all(&html, &account, &["Nicht verbunden. Laden Sie den Klienten per E-Mail ein", "Zum Verbinden einladen"]);
        has_none(&html, &account, &["Not connected", "Invite to connect"]);
        let res = app.post_form(&ana, &format!("/admin/clients/{client}/invitation"), &[("x", "")]).await;
        assert_eq!(res.status(), 303);
        let html = page(&app, &ana, &account).await;
        has_all(&html, &account, &[
            "Einladung an ravi@example.com gesendet. Der Link funktioniert einmal, 14 Tage lang.",
            "Einladung an ravi@example.com am Mo., 2. Nov. 2026",
            "Einladung erneut senden",
            "Einladung zurückziehen",
        ]);

        // The visitor's manage page: German for a German browser, English without one.
        let html = visit(&app, &manage, Some("de")).await;
        has_all(&html, &manage, &[
            "<title>Ihre Buchung bei Ana Ruiz · Coachbook</title>",
            "Sie können bis So., 8. Nov. 2026, 10:00 (Europe/London) kostenlos absagen.",
            "Sie können den Termin bis So., 8. Nov. 2026, 10:00 (Europe/London) auf eine andere freie Zeit verschieben.",
        ]);
        has_none(&html, &manage, &["free of charge", "Your booking with"]);
        let html = visit(&app, &manage, None).await;
        has_all(&html, &manage, &[
            "<title>Your booking with Ana Ruiz · Coachbook</title>",
            "You can cancel free of charge until Sun 8 Nov 2026, 10:00 (Europe/London).",
            "You can move it to another open time until Sun 8 Nov 2026, 10:00 (Europe/London).",
        ]);
        let request = format!("/c/{slug}/request");
        let html = visit(&app, &request, Some("de")).await;
        has_all(&html, &request, &["<title>Ana Ruiz nach einer Zeit fragen · Coachbook</title>"]);
        let html = visit(&app, &request, None).await;
        has_all(&html, &request, &["<title>Ask Ana Ruiz for a time · Coachbook</title>"]);

        // Another coach of the practice, who chose nothing: English, as before.
        app.create_coach("Bo Chen", "bo@example.com").await;
        let bo = app.client();
        app.login(&bo, "bo@example.com", PASSWORD).await;
        let bo_token = app.token_for("bo@example.com").await;
        let bo_type = app
            .session_type(&bo_token, json!({"name": "Coaching", "durationMinutes": 60}))
            .await;
        app.open_every_day(&bo_token, "08:00", "20:00").await;
        let (_, bo_me) = app.get(&bo_token, "/api/me").await;
        let bo_slug = bo_me["coach"]["slug"].as_str().expect("a slug").to_owned();
        visitor_books(&app, &bo_slug, bo_type, "Sam Lee", "sam@example.com").await;
        let list = notifications(&app, &bo_token).await;
        assert_eq!(list["items"][0]["title"], "New booking: Sam Lee", "{list}");
        assert_eq!(list["items"][0]["body"], "Coaching, Mon 9 Nov 2026, 10:00–11:00", "{list}");

        let html = page(&app, &bo, "/admin/emails").await;
        has_all(&html, "/admin/emails", &[
            "<title>Emails · Coachbook</title>",
            "No mail server is set up, so emails are kept here and not sent.",
            "Newest first.",
            ">Queued</a>",
            "To Sam Lee &#60;sam@example.com&#62; · booking created · Mon 2 Nov 2026",
        ]);
        let html = page(&app, &bo, "/admin/emails?status=failed").await;
        has_all(&html, "/admin/emails", &["No emails failed."]);
        let html = page(&app, &bo, feeds).await;
        has_all(&html, feeds, &["<h1>Calendar feeds</h1>", "Your sessions, anonymised", "How to subscribe", "Feed address"]);
        let html = page(&app, &bo, hooks).await;
        has_all(&html, hooks, &["No endpoints yet.", "A booking is made <code>booking.created</code>", "Add endpoint"]);
        let html = page(&app, &bo, "/api/docs").await;
        has_all(&html, "/api/docs", &["<h1>API reference</h1>", "<th scope=\"col\">Meaning</th>"]);
        has_none(&html, "/api/docs", &["The API speaks English"]);
    }
}

db_test! {
    async fn a_connected_client_who_chose_german_hears_of_their_booking_in_german_and_the_coach_in_english(db) {
        let app = TestApp::new(db).await;
        let token = app.coach_token().await;
        let coaching = app
            .session_type(&token, json!({"name": "Coaching", "durationMinutes": 60}))
            .await;
        app.open_every_day(&token, "08:00", "20:00").await;
        let jo = "jo@example.com";
        let client = crate::i18n::connected_client(&app, &token, "de", "Europe/Berlin").await;
        let jo_token = app.token_for(jo).await;

        let (status, b) = app
            .post(&token, "/api/bookings", json!({"sessionTypeId": coaching, "start": "2026-12-07T16:00:00Z", "clientId": client}))
            .await;
        assert_eq!(status, 201, "{b}");
        let list = notifications(&app, &jo_token).await;
        assert_eq!(list["items"][0]["title"], "Termin bei Ana Ruiz gebucht", "{list}");
        assert_eq!(list["items"][0]["body"], "Coaching, Mo., 7. Dez. 2026, 17:00–18:00", "in her zone: {list}");
        let list = notifications(&app, &token).await;
        assert_eq!(list["items"][0]["title"], "New booking: Jo Client", "{list}");
        assert_eq!(list["items"][0]["body"], "Coaching, Mon 7 Dec 2026, 16:00–17:00", "{list}");

        let (status, _) = app
            .post(&token, &format!("/api/bookings/{}/cancel", b["id"]), json!({"reason": "Krank"}))
            .await;
        assert_eq!(status, 200);
        let list = notifications(&app, &jo_token).await;
        assert_eq!(list["items"][0]["title"], "Ana Ruiz hat Ihren Termin abgesagt", "{list}");
        assert_eq!(list["items"][0]["body"], "Coaching, Mo., 7. Dez. 2026, 17:00–18:00. Grund: Krank", "{list}");
        let list = notifications(&app, &token).await;
        assert_eq!(list["items"][0]["body"], "Coaching, Mon 7 Dec 2026, 16:00–17:00. Cancelled by you. Reason: Krank", "{list}");
    }
}
