//! More admin pages in German (issue 17): availability (its summaries and notices written in
//! Rust, and the question about booked sessions), creating many sessions, a session's waitlist
//! (also in the Calendar's panel), page and privacy, settings and busy calendars. A coach who
//! chose `de` reads them in German; before she chooses, they read exactly as before in English.

use serde_json::json;

use crate::harness::text::{has_all, has_none, page};
use crate::harness::{TestApp, COACH_EMAIL};

const AVAILABILITY: &str = "/admin/availability";
const BULK: &str = "/admin/sessions/bulk";
const PRIVACY: &str = "/admin/settings/privacy";
const SETTINGS: &str = "/admin/settings";
const BUSY: &str = "/admin/settings/busy-calendars";

db_test! {
    async fn a_coach_who_chose_german_reads_availability_bulk_waitlist_privacy_settings_and_busy_calendars_in_german(db) {
        let app = TestApp::serve(db).await;
        let (ana, token) = app.signed_in_coach().await;
        let circle = app
            .session_type(&token, json!({"name": "Circle", "kind": "group", "capacity": 2, "durationMinutes": 60}))
            .await;
        app.open_every_day(&token, "09:00", "17:00").await;
        let mut session = 0;
        for (name, email) in [("Pia Park", "pia@example.com"), ("Paul Poe", "paul@example.com")] {
            let (status, b) = app
                .post(&token, "/api/bookings", json!({"sessionTypeId": circle, "start": "2026-11-03T10:00:00Z", "name": name, "email": email}))
                .await;
            assert_eq!(status, 201, "{b}");
            session = b["sessionId"].as_i64().expect("a session id");
        }
        let (status, block) = app
            .post(&token, "/api/availability/blocks", json!({"kind": "weekly", "weekdays": [5], "startTime": "12:00", "endTime": "24:00", "from": "2027-01-01"}))
            .await;
        assert_eq!(status, 201, "{block}");
        let waitlist = format!("/admin/sessions/{session}/waitlist");
        let panel = format!("/admin/calendar?view=week&date=2026-11-03&session={session}");
        let bulk_preview = [
            ("templateId", ""), ("sessionTypeId", &*circle.to_string()), ("when", "pattern"), ("weekdays", "tu"),
            ("time", "10:00"), ("from", "2026-11-02"), ("interval", "1"), ("count", "2"), ("until", ""),
            ("dates", ""), ("notes", ""), ("action", "preview"),
        ]
        .map(|(k, v)| (k, v.to_owned()));

        // Before she chooses: English, as it always read.
        let html = page(&app, &ana, AVAILABILITY).await;
        has_all(&html, AVAILABILITY, &[
            "<html lang=\"en\">",
            "<h1>Availability</h1>",
            "Mondays 09:00–17:00",
            "Every Fri 12:00–24:00 from Fri 1 Jan 2027",
            "Save weekly hours",
            "15 minutes",
        ]);
        let html = page(&app, &ana, BULK).await;
        has_all(&html, BULK, &["<h1>Create many sessions</h1>", "Weekly on", "> Tue</label>"]);
        let res = app.post_form(&ana, BULK, &bulk_preview).await;
        assert_eq!(res.status(), 200);
        let html = res.text().await.expect("a page body");
        has_all(&html, BULK, &[
            "1 free, <strong>1 in the way of something</strong>.",
            "Session “Circle” 10:00–11:00",
            "Tue 3 Nov 2026",
            "Create 1, skipping 1",
        ]);
        let html = page(&app, &ana, &waitlist).await;
        has_all(&html, &waitlist, &["<title>Waitlist: Circle", "2 of 2 seats booked, 0 free.", "Waitlist settings", "Nobody is waiting."]);
        let html = page(&app, &ana, PRIVACY).await;
        has_all(&html, PRIVACY, &["<h1>Your page and privacy</h1>", "Anyone, also without an account", "Circle: who sees it"]);
        let html = page(&app, &ana, SETTINGS).await;
        has_all(&html, SETTINGS, &["<h1>Settings</h1>"]);
        let html = page(&app, &ana, BUSY).await;
        has_all(&html, BUSY, &["<h1>Busy calendars</h1>", "No busy calendars yet.", "Add a calendar"]);

        app.choose_locale(COACH_EMAIL, "de").await;

        // Availability: the page, the summaries written in Rust, the preview's days.
        let html = page(&app, &ana, AVAILABILITY).await;
        has_all(&html, AVAILABILITY, &[
            "<html lang=\"de\">",
            "<title>Verfügbarkeit",
            "<h1>Verfügbarkeit</h1>",
            "Montags 09:00–17:00",
            "Jeden Fr. 12:00–24:00 ab Fr., 1. Jan. 2027",
            "Wöchentliche Zeiten speichern",
            "Mindestvorlaufzeit",
            "15 Minuten",
            "Jede Woche",
            "Di., 3. Nov.",
            "Ganze Tage hinzufügen",
        ]);
        has_none(&html, AVAILABILITY, &["Weekly hours", "Booking rules", "Date overrides", "Mondays", "Every week", "Add whole days"]);
        // A notice the page writes itself.
        let res = app.post_form(&ana, "/admin/availability/hours", &[("copy", "monday")]).await;
        assert_eq!(res.status(), 200);
        let html = res.text().await.expect("a page body");
        has_all(&html, "copy", &["Haken Sie die Tage an, auf die die Zeiten von Montag kopiert werden sollen"]);
        // Closing a day with booked sessions asks first, in German.
        let res = app.post_form(&ana, "/admin/availability/overrides", &[("date", "2026-11-03"), ("mode", "closed")]).await;
        assert_eq!(res.status(), 409);
        let html = res.text().await.expect("a page body");
        has_all(&html, "override", &[
            "2 gebuchte Termine liegen an einem Tag, an dem Sie schließen.",
            "Noch ist nichts gespeichert.",
            "Trotzdem speichern: Diese Termine bleiben gebucht",
        ]);
        has_none(&html, "override", &["booked sessions are", "Save anyway"]);

        // Creating many sessions: the page and its preview.
        let html = page(&app, &ana, BULK).await;
        has_all(&html, BULK, &["<title>Viele Termine anlegen", "<h1>Viele Termine anlegen</h1>", "Wöchentlich am", "> Di.</label>", "Vorschau"]);
        has_none(&html, BULK, &["Create many sessions", "Weekly on", "Start time"]);
        let res = app.post_form(&ana, BULK, &bulk_preview).await;
        assert_eq!(res.status(), 200);
        let html = res.text().await.expect("a page body");
        has_all(&html, BULK, &[
            "1 frei, <strong>1 mit Überschneidungen</strong>.",
            "Termin „Circle“ 10:00–11:00",
            "Di., 3. Nov. 2026",
            "1 anlegen, 1 überspringen",
        ]);
        has_none(&html, BULK, &["in the way of something", "Collides"]);

        // The waitlist, on its page and in the Calendar's panel.
        let html = page(&app, &ana, &waitlist).await;
        has_all(&html, &waitlist, &[
            "<title>Warteliste: Circle",
            "2 von 2 Plätzen gebucht, 0 frei.",
            "Einstellungen der Warteliste",
            "Niemand wartet.",
        ]);
        has_none(&html, &waitlist, &["Waitlist settings", "Nobody is waiting", "seats booked"]);
        let html = page(&app, &ana, &panel).await;
        has_all(&html, &panel, &["Warteliste</h3>", "2 von 2 Plätzen gebucht, 0 frei."]);
        has_none(&html, &panel, &["Nobody is waiting", "seats booked"]);

        // Page and privacy.
        let html = page(&app, &ana, PRIVACY).await;
        has_all(&html, PRIVACY, &[
            "<h1>Ihre Seite und Privatsphäre</h1>",
            "Wer Ihren Kalender sieht",
            "Alle, auch ohne Konto",
            "Circle: wer sie sieht",
        ]);
        has_none(&html, PRIVACY, &["Who sees what", "Anyone with an account", "Save page and privacy"]);

        // Settings: its heading and its notice.
        let html = page(&app, &ana, SETTINGS).await;
        has_all(&html, SETTINGS, &["<title>Einstellungen", "<h1>Einstellungen</h1>"]);
        let res = app
            .post_form(&ana, SETTINGS, &[("name", "Ana Ruiz"), ("email", COACH_EMAIL), ("timeZone", "Europe/London"), ("locale", "de"), ("defaultLocale", "en"), ("slug", "ana-ruiz")])
            .await;
        assert_eq!(res.status(), 303);
        let html = page(&app, &ana, SETTINGS).await;
        has_all(&html, SETTINGS, &["Einstellungen gespeichert."]);
        has_none(&html, SETTINGS, &["Settings saved."]);

        // Busy calendars.
        let html = page(&app, &ana, BUSY).await;
        has_all(&html, BUSY, &[
            "<h1>Belegt-Kalender</h1>",
            "Noch keine Belegt-Kalender.",
            "Kalender hinzufügen",
            "Benutzername (nur CalDAV)",
        ]);
        has_none(&html, BUSY, &["Busy calendars", "Add a calendar", "No busy calendars"]);
    }
}
