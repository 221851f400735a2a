//! The coach's admin pages in German (issue 17): a coach whose account says `de` reads the
//! dashboard, calendar, bookings and clients pages in German, with German dates, while another
//! coach of the same practice who chose nothing still reads them in English.

use serde_json::json;

use crate::harness::text::{has_all, has_none, page};
use crate::harness::{TestApp, COACH_EMAIL, PASSWORD};

const WEEK: &str = "/admin/calendar?view=week&date=2026-11-03";

db_test! {
    async fn a_coach_who_chose_german_reads_the_admin_pages_in_german_and_others_in_english(db) {
        let app = TestApp::serve(db).await;
        let (ana, token) = app.signed_in_coach().await;
        let coaching = app
            .session_type(&token, json!({"name": "Coaching", "durationMinutes": 60}))
            .await;
        app.open_every_day(&token, "09:00", "17:00").await;
        let (status, booked) = app
            .post(
                &token,
                "/api/bookings",
                json!({"sessionTypeId": coaching, "name": "Maya Chen", "email": "maya@example.com", "start": "2026-11-03T10:00:00Z"}),
            )
            .await;
        assert_eq!(status, 201, "{booked}");
        let res = app
            .post_form(&ana, "/admin/clients", &[("name", "Ravi Kumar"), ("email", "ravi@example.com"), ("phone", ""), ("notes", "")])
            .await;
        assert_eq!(res.status(), 303);

        // Before she chooses, English (no Accept-Language, the practice's default is English).
        let html = page(&app, &ana, "/admin").await;
        has_all(&html, "/admin", &["<html lang=\"en\">", "Good to see you, Ana", "Mon 2 Nov 2026", "Waiting for you"]);

        let (status, me) = app.patch(&token, "/api/me", json!({"name": "Ana Ruiz", "email": COACH_EMAIL, "timeZone": "Europe/London", "slug": "ana-ruiz", "locale": "de"})).await;
        assert_eq!(status, 200, "{me}");

        let html = page(&app, &ana, "/admin").await;
        has_all(&html, "/admin", &[
            "<html lang=\"de\">",
            "<title>Übersicht",
            "Schön, Sie zu sehen, Ana",
            "Mo., 2. Nov. 2026",
            "Wartet auf Sie",
            "<strong>1</strong> Termin",
        ]);
        has_none(&html, "/admin", &["Good to see you", "Waiting for you", "This week"]);

        let html = page(&app, &ana, WEEK).await;
        has_all(&html, WEEK, &[
            "<h1>Kalender</h1>",
            "2.–8. Nov. 2026",
            "Di. 3.",
            "1 Termin",
            "Maya Chen",
            "Öffnungszeiten",
        ]);
        has_none(&html, WEEK, &["Open hours", "Time off", "Go to date"]);
        let month = "/admin/calendar?view=month&date=2026-11-03";
        let html = page(&app, &ana, month).await;
        has_all(&html, month, &["November 2026", "<th scope=\"col\">Mo.</th>"]);

        let html = page(&app, &ana, "/admin/bookings").await;
        has_all(&html, "/admin/bookings", &[
            "<h1>Buchungen</h1>",
            "Di., 3. Nov. 2026",
            "Maya Chen",
            "Bestätigt",
            "Name oder E-Mail",
        ]);
        has_none(&html, "/admin/bookings", &["Upcoming", "Confirmed", "Reschedule"]);

        let html = page(&app, &ana, "/admin/clients").await;
        has_all(&html, "/admin/clients", &["<h1>Klienten</h1>", "Ravi Kumar", "Klient hinzufügen", "Kein Paket"]);
        has_none(&html, "/admin/clients", &["Add a client", "No package"]);

        // A form's mistakes come back in German beside their field.
        let res = app
            .post_form(&ana, "/admin/clients", &[("name", ""), ("email", "ravi@example.com"), ("phone", ""), ("notes", "")])
            .await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.expect("a page body");
        has_all(&html, "/admin/clients (post)", &[
            "Bitte korrigieren Sie das markierte Feld unten.",
            "Geben Sie einen Namen ein.",
        ]);

        // Another coach, who chose no language, still reads English.
        app.create_coach("Bo Chen", "bo@example.com").await;
        let bo = app.client();
        app.login(&bo, "bo@example.com", PASSWORD).await;
        let html = page(&app, &bo, "/admin").await;
        has_all(&html, "/admin", &["<html lang=\"en\">", "Good to see you, Bo", "Mon 2 Nov 2026"]);
        let html = page(&app, &bo, WEEK).await;
        has_all(&html, WEEK, &["<h1>Calendar</h1>", "2–8 Nov 2026", "Open hours"]);
        let html = page(&app, &bo, "/admin/bookings").await;
        has_all(&html, "/admin/bookings", &["<h1>Bookings</h1>", "Upcoming"]);
        let html = page(&app, &bo, "/admin/clients").await;
        has_all(&html, "/admin/clients", &["<h1>Clients</h1>", "Add a client"]);
    }
}
