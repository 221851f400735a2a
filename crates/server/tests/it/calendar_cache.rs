//! The calendar version and each node's copy of a coach's calendar (issue 10): every change to
//! what availability is computed from bumps the version, on both databases, and a node answers
//! from its copy only while the version is the one it loaded, so a booking made on another node
//! shows at once.

use serde_json::{json, Value};

use crate::harness::TestApp;

async fn version(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT calendar_version FROM coaches")
        .fetch_one(app.state.db().pool())
        .await
        .unwrap()
}

fn starts(found: &Value) -> Vec<String> {
    found["slots"]
        .as_array()
        .unwrap_or_else(|| panic!("no slots in {found}"))
        .iter()
        .map(|s| s["start"].as_str().unwrap().to_owned())
        .collect()
}

db_test! {
    async fn every_change_to_what_availability_reads_bumps_the_calendar_version(db) {
        let app = TestApp::new(db).await;
        let token = app.coach_token().await;
        let mut last = version(&app).await;
        let bumped = |what: &'static str, before: i64| {
            let app = &app;
            async move {
                let now = version(app).await;
                assert!(now > before, "{what} did not bump the calendar version ({before} -> {now})");
                now
            }
        };
        let t = app.session_type(&token, json!({"name": "Coaching", "durationMinutes": 60})).await;
        last = bumped("creating a session type", last).await;
        let (s, _) = app.put(&token, &format!("/api/session-types/{t}"), json!({"name": "Coaching", "durationMinutes": 45})).await;
        assert_eq!(s, 200);
        last = bumped("changing a session type", last).await;
        app.open_every_day(&token, "08:00", "20:00").await;
        last = bumped("weekly hours", last).await;
        let (s, _) = app.put(&token, "/api/availability/overrides/2027-03-20", json!({"windows": [{"start": "09:00", "end": "12:00"}]})).await;
        assert_eq!(s, 200);
        last = bumped("a date override", last).await;
        let (s, _) = app.delete(&token, "/api/availability/overrides/2027-03-20").await;
        assert_eq!(s, 204);
        last = bumped("removing a date override", last).await;
        let block = app.create(&token, "/api/availability/blocks", json!({"kind": "days", "from": "2027-04-01"})).await;
        last = bumped("time off", last).await;
        let (s, _) = app.delete(&token, &format!("/api/availability/blocks/{}", block["id"])).await;
        assert_eq!(s, 204);
        last = bumped("removing time off", last).await;
        let (s, _) = app.put(&token, "/api/availability/policy", json!({"minNoticeMinutes": 0, "maxDaysAhead": 90, "slotIntervalMinutes": 15, "cancellationCutoffMinutes": 60, "rescheduleCutoffMinutes": 60})).await;
        assert_eq!(s, 200);
        last = bumped("the booking policy", last).await;
        let b = app.create(&token, "/api/bookings", json!({"sessionTypeId": t, "start": "2027-03-10T10:00:00Z", "name": "Jo", "email": "jo@example.com"})).await;
        last = bumped("a booking", last).await;
        let (s, _) = app.post(&token, &format!("/api/bookings/{}/reschedule", b["id"]), json!({"start": "2027-03-10T12:00:00Z"})).await;
        assert_eq!(s, 200);
        last = bumped("moving a booking", last).await;
        let (s, _) = app.post(&token, &format!("/api/bookings/{}/cancel", b["id"]), json!({"reason": "ill"})).await;
        assert_eq!(s, 200);
        bumped("cancelling a booking", last).await;
    }
}

db_test! {
    async fn a_node_answers_from_its_copy_until_any_node_changes_the_calendar(db) {
        let a = TestApp::new(db).await;
        let token = a.coach_token().await;
        let t = a.session_type(&token, json!({"name": "Coaching", "durationMinutes": 60})).await;
        a.open_every_day(&token, "09:00", "12:00").await;
        let b = a.another_node().await;
        let day = "/api/availability?from=2026-11-10&to=2026-11-11";
        // From today (midnight, before now) is served from the copy as well.
        let (status, today) = a.get(&token, "/api/availability?from=2026-11-02&to=2026-11-03").await;
        assert_eq!(status, 200, "{today}");
        assert_eq!(a.state.ctx().calendars.loads(), 1);

        let (status, first) = a.get(&token, day).await;
        assert_eq!(status, 200, "{first}");
        assert!(starts(&first).contains(&"2026-11-10T10:00:00+00:00".to_owned()), "{first}");
        assert_eq!(a.state.ctx().calendars.loads(), 1);
        // Nothing changed: the copy answers, and answers the same.
        let (_, again) = a.get(&token, day).await;
        assert_eq!(again, first);
        assert_eq!(a.state.ctx().calendars.loads(), 1, "no second read while nothing changed");

        // Another node books 10:00; this node sees it on its next answer.
        let (status, booked) = b.post(&token, "/api/bookings", json!({"sessionTypeId": t, "start": "2026-11-10T10:00:00Z", "name": "Jo", "email": "jo@example.com"})).await;
        assert_eq!(status, 201, "{booked}");
        let (_, after) = a.get(&token, day).await;
        assert!(!starts(&after).contains(&"2026-11-10T10:00:00+00:00".to_owned()), "the booked hour is gone: {after}");
        assert_eq!(a.state.ctx().calendars.loads(), 2);

        // A change to the hours on the other node, too.
        b.open_every_day(&token, "09:00", "10:00").await;
        let (_, narrowed) = a.get(&token, day).await;
        assert_eq!(starts(&narrowed), ["2026-11-10T09:00:00+00:00"], "{narrowed}");
        drop(b);
    }
}

db_test! {
    async fn an_answer_is_kept_for_the_second_it_was_computed_in_and_never_across_a_change(db) {
        let a = TestApp::new(db).await;
        let token = a.coach_token().await;
        let t = a.session_type(&token, json!({"name": "Coaching", "durationMinutes": 60})).await;
        a.open_every_day(&token, "09:00", "12:00").await;
        let (s, _) = a.put(&token, "/api/availability/policy", json!({"minNoticeMinutes": 0, "maxDaysAhead": 90, "slotIntervalMinutes": 60, "cancellationCutoffMinutes": 0, "rescheduleCutoffMinutes": 0})).await;
        assert_eq!(s, 200);
        let b = a.another_node().await;
        let hits = || a.state.ctx().answers.hits();
        let day = "/api/availability?from=2026-11-10&to=2026-11-11";
        let ten = "2026-11-10T10:00:00+00:00".to_owned();

        // Half a second before 10:00, then the same question again in that second.
        a.clock.set("2026-11-10T09:59:59.5Z".parse().unwrap());
        let (status, first) = a.get(&token, day).await;
        assert_eq!(status, 200, "{first}");
        assert!(starts(&first).contains(&ten), "{first}");
        assert_eq!(hits(), 0);
        let (_, again) = a.get(&token, day).await;
        assert_eq!((again.clone(), hits()), (first.clone(), 1), "the same second: the kept answer");

        // Another coach asking the same gets his own calendar, never Ana's answer.
        let bo = a.other_coach_token().await;
        let (_, his) = a.get(&bo, day).await;
        assert_ne!(his["coachId"], first["coachId"], "{his}");
        assert_eq!(hits(), 1);

        // The next second 10:00 has begun: no longer offered.
        a.clock.advance(jiff::SignedDuration::from_secs(1));
        let (_, later) = a.get(&token, day).await;
        assert!(!starts(&later).contains(&ten), "{later}");
        assert_eq!(hits(), 1);

        // A booking on the other node in the same second: the next answer is computed afresh.
        let (_, kept) = a.get(&token, day).await;
        assert_eq!((kept, hits()), (later.clone(), 2));
        let (status, booked) = b.post(&token, "/api/bookings", json!({"sessionTypeId": t, "start": "2026-11-10T11:00:00Z", "name": "Jo", "email": "jo@example.com"})).await;
        assert_eq!(status, 201, "{booked}");
        let (_, after) = a.get(&token, day).await;
        assert!(!starts(&after).contains(&"2026-11-10T11:00:00+00:00".to_owned()), "{after}");
        assert_eq!(hits(), 2, "not from the copy");

        // Exactly on a second (where "start ≥ now" changes) nothing is served from the copy.
        a.clock.set("2026-11-10T08:00:00Z".parse().unwrap());
        a.get(&token, day).await;
        a.get(&token, day).await;
        assert_eq!(hits(), 2);
        // Nor is a question without `from`, which starts at now itself.
        a.clock.set("2026-11-10T08:00:00.25Z".parse().unwrap());
        a.get(&token, "/api/availability").await;
        a.get(&token, "/api/availability").await;
        assert_eq!(hits(), 2);
        drop(b);
    }
}
