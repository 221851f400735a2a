//! Reminders on both databases: a booking queues one per offset the coach chose, due that long
//! before the session; when one comes due it queues the email only if the booking is still on at
//! that time (never for a cancelled or moved session), and the coach's settings page reads and
//! refuses offsets as people type them.

use jiff::Timestamp;
use serde_json::json;

use crate::harness::TestApp;

/// `(run_at, status)` of the reminder jobs of booking `id`, earliest first.
async fn reminders(app: &TestApp, id: i64) -> Vec<(i64, String)> {
    let like = format!("%\"bookingId\":{id},%");
    sqlx::query_as("SELECT run_at, status FROM jobs WHERE kind = 'reminder.send' AND payload LIKE $1 ORDER BY run_at")
        .bind(like)
        .fetch_all(app.state.db().pool())
        .await
        .unwrap()
}

async fn email_jobs(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'email.send'")
        .fetch_one(app.state.db().pool())
        .await
        .unwrap()
}

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

async fn run_due(app: &TestApp) {
    coachbook::app::jobs::drain(app.state.ctx(), "test-worker")
        .await
        .unwrap();
}

db_test! {
    async fn reminders_are_queued_per_offset_and_skip_cancelled_and_moved_sessions(db) {
        let app = TestApp::serve(db).await;
        let (browser, token) = app.signed_in_coach().await;
        let type_id = app.session_type(&token, json!({"name": "Coaching", "durationMinutes": 60})).await;
        app.open_every_day(&token, "08:00", "20:00").await;

        // The settings page refuses what it cannot read, beside the field, and saves the rest.
        let bad = app.post_form(&browser, "/admin/settings/notifications", &[("reminderOffsets", "soon"), ("sendBooking", "on")]).await;
        assert_eq!(bad.status(), 422);
        let html = bad.text().await.unwrap();
        assert!(html.contains("id=\"reminderOffsets-error\"") && html.contains("value=\"soon\""), "{html}");
        let ok = app.post_form(&browser, "/admin/settings/notifications", &[("reminderOffsets", "24h, 1h"), ("sendBooking", "on"), ("sendReminder", "on")]).await;
        assert_eq!(ok.status(), 303);
        let page = browser.get(app.url("/admin/settings/notifications")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("value=\"24h, 1h\""), "{page}");
        assert!(page.contains("name=\"sendCancellation\">"), "an unticked kind stays unticked");

        let book = |start: &str| json!({"sessionTypeId": type_id, "start": start, "name": "Jo Client", "email": "jo@example.com"});
        let (_, kept) = app.post(&token, "/api/bookings", book("2027-03-08T10:00:00Z")).await;
        let (_, cancelled) = app.post(&token, "/api/bookings", book("2027-03-09T10:00:00Z")).await;
        let (_, moved) = app.post(&token, "/api/bookings", book("2027-03-10T10:00:00Z")).await;
        let (kept, cancelled, moved) = (kept["id"].as_i64().unwrap(), cancelled["id"].as_i64().unwrap(), moved["id"].as_i64().unwrap());
        let due = reminders(&app, kept).await;
        assert_eq!(due.iter().map(|(t, _)| *t).collect::<Vec<_>>(),
            vec![at("2027-03-07T10:00:00Z").as_second(), at("2027-03-08T09:00:00Z").as_second()], "24 h and 1 h before");

        assert_eq!(app.post(&token, &format!("/api/bookings/{cancelled}/cancel"), json!({"reason": "Ill"})).await.0, 200);
        let (status, _) = app.post(&token, &format!("/api/bookings/{moved}/reschedule"), json!({"start": "2027-03-10T15:00:00Z"})).await;
        assert_eq!(status, 200);
        assert_eq!(reminders(&app, moved).await.len(), 4, "the move queues reminders for the new time too");

        // Nothing is due yet: running the queue now sends no reminder.
        run_due(&app).await;
        let before = email_jobs(&app).await;

        // Each step runs what is due at that moment: the kept session's two reminders queue
        // their emails; the cancelled session's and the moved session's old-time reminders send
        // nothing; its new-time 24-hour reminder does.
        let steps = [
            ("2027-03-07T10:05:00Z", 1, "the kept session's 24-hour reminder"),
            ("2027-03-08T09:05:00Z", 2, "its 1-hour reminder, five minutes late"),
            ("2027-03-08T10:05:00Z", 2, "nothing for the cancelled session (24 h)"),
            ("2027-03-09T09:05:00Z", 2, "nothing for the cancelled session (1 h)"),
            ("2027-03-09T10:05:00Z", 2, "nothing at the moved session's old time"),
            ("2027-03-09T15:05:00Z", 3, "the moved session's new 24-hour reminder"),
            ("2027-03-10T09:05:00Z", 3, "nothing at the old time's 1 hour"),
            // The server was down: a 1-hour reminder 30 minutes late is skipped, not sent late.
            ("2027-03-10T14:30:00Z", 3, "no late 1-hour reminder"),
        ];
        for (when, emails, what) in steps {
            app.clock.set(at(when));
            run_due(&app).await;
            let all: Vec<(i64, String, i64, String, String, String)> = sqlx::query_as("SELECT id, kind, run_at, status, payload, last_error FROM jobs ORDER BY id").fetch_all(app.state.db().pool()).await.unwrap();
            assert_eq!(email_jobs(&app).await, before + emails, "at {when}: {what}: {all:#?}");
        }
        for id in [kept, cancelled, moved] {
            let statuses = reminders(&app, id).await;
            assert!(statuses.iter().all(|(_, s)| s == "done"), "booking {id}: every reminder ran: {statuses:?}");
        }
    }
}

db_test! {
    async fn a_german_coach_reads_the_notification_settings_in_german(db) {
        let app = TestApp::serve(db).await;
        let (browser, _token) = app.signed_in_coach().await;
        app.choose_locale(crate::harness::COACH_EMAIL, "de").await;
        let html = browser.get(app.url("/admin/settings/notifications")).send().await.unwrap().text().await.unwrap();
        for needle in ["<h1>Benachrichtigungen</h1>", "Klienten vor einer Sitzung erinnern", "Absage-E-Mails an Klienten"] {
            assert!(html.contains(needle), "missing {needle:?}");
        }
        let ok = app.post_form(&browser, "/admin/settings/notifications", &[("reminderOffsets", "24h"), ("sendBooking", "on")]).await;
        assert_eq!(ok.status(), 303);
        let html = browser.get(app.url("/admin/settings/notifications")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Benachrichtigungseinstellungen gespeichert."), "the notice in German");
    }
}
