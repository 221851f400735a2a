//! Recurring series on both databases (issue 16): a bulk pattern is kept as its rule with each
//! session its occurrence and the skipped dates its exceptions; an open rule is made half a
//! year ahead and extended by its job, leaving out what collides; "this and following" splits
//! the series (the old rule ends, a new one takes the rest at the new time, bookings moved and
//! told) and a collision anywhere changes nothing; cancelling following ends the rule; a client
//! is booked into every occurrence until their credits run out; the coach's feed is one event
//! with RRULE and EXDATE plus overrides with RECURRENCE-ID, which an independent expansion
//! (Python's icalendar + dateutil) turns into exactly the scheduled sessions; a client's
//! invitation to an occurrence names its series and RECURRENCE-ID.

use jiff::SignedDuration;
use serde_json::{json, Value};

use crate::harness::{error_code, in_ci, TestApp};

/// Ana (Europe/London) with a "Yoga" group of 8, open 08:00–20:00 every day.
async fn ana(app: &TestApp) -> (String, i64) {
    let token = app.coach_token().await;
    let yoga = app
        .session_type(
            &token,
            json!({"name": "Yoga", "kind": "group", "capacity": 8, "durationMinutes": 60}),
        )
        .await;
    app.open_every_day(&token, "08:00", "20:00").await;
    (token, yoga)
}

/// Makes a series from a weekly Tuesday pattern; the plan's answer.
async fn weekly(app: &TestApp, token: &str, yoga: i64, from: &str, count: Option<i64>) -> Value {
    let mut pattern = json!({"weekdays": ["tu"], "time": "18:00", "from": from});
    if let Some(n) = count {
        pattern["count"] = json!(n);
    }
    let (status, plan) = app
        .post(
            token,
            "/api/sessions/bulk",
            json!({"sessionTypeId": yoga, "pattern": pattern, "onConflict": "skip",
                   "overrideAvailability": true}),
        )
        .await;
    assert_eq!(status, 201, "{plan}");
    plan
}

async fn series(app: &TestApp, token: &str, id: i64) -> Value {
    let (status, s) = app.get(token, &format!("/api/series/{id}")).await;
    assert_eq!(status, 200, "{s}");
    s
}

fn occurrences(s: &Value) -> Vec<Value> {
    s["occurrences"].as_array().expect("occurrences").clone()
}

fn starts(s: &Value, status: &str) -> Vec<String> {
    occurrences(s)
        .iter()
        .filter(|o| o["status"] == status)
        .map(|o| o["start"].as_str().unwrap().to_owned())
        .collect()
}

db_test! {
    async fn a_pattern_is_kept_as_its_rule_with_skipped_dates_as_exceptions(db) {
        let app = TestApp::new(db).await;
        let (token, yoga) = ana(&app).await;
        // In the way of the third Tuesday.
        let (status, e) = app.post(&token, "/api/sessions", json!({"sessionTypeId": yoga, "start": "2026-11-24T18:30:00Z"})).await;
        assert_eq!(status, 201, "{e}");
        let plan = weekly(&app, &token, yoga, "2026-11-10", Some(10)).await;
        let id = plan["seriesId"].as_i64().expect("a series id");
        assert_eq!(plan["skipped"].as_array().unwrap().len(), 1);

        let s = series(&app, &token, id).await;
        assert_eq!(s["rule"], "FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;COUNT=10", "{s}");
        assert_eq!(s["description"], "Every week on Tuesday at 18:00, 10 times");
        assert_eq!(s["firstStart"], "2026-11-10T18:00");
        assert_eq!(s["exceptions"], json!(["2026-11-24T18:00"]));
        assert_eq!(s["ended"], true);
        let occ = occurrences(&s);
        assert_eq!(occ.len(), 9);
        assert!(occ.iter().all(|o| o["recurrenceId"] == o["start"] && o["moved"] == false), "{s}");
        // Every session says which series it is of, and where in it.
        let first = occ[0]["sessionId"].as_i64().unwrap();
        let (_, session) = app.get(&token, &format!("/api/sessions/{first}")).await;
        assert_eq!((session["seriesId"].as_i64(), session["recurrenceId"].as_str()), (Some(id), Some("2026-11-10T18:00:00+00:00")));

        // A dry run keeps nothing; a list of dates is no series.
        let (status, dry) = app.post(&token, "/api/sessions/bulk", json!({"sessionTypeId": yoga, "dryRun": true,
            "pattern": {"weekdays": ["we"], "time": "09:00", "from": "2026-11-11", "count": 3}})).await;
        assert_eq!((status, dry["seriesId"].clone()), (200, Value::Null));
        let (status, listed) = app.post(&token, "/api/sessions/bulk", json!({"sessionTypeId": yoga,
            "dates": ["2026-11-12T09:00"]})).await;
        assert_eq!((status, listed["seriesId"].clone()), (201, Value::Null), "{listed}");
        assert_eq!(app.count("session_series").await, 1);

        // A monthly pattern by weekday: the second Thursday of each month.
        let (status, monthly) = app.post(&token, "/api/sessions/bulk", json!({"sessionTypeId": yoga, "overrideAvailability": true,
            "pattern": {"frequency": "monthly", "monthlyBy": "weekday", "time": "10:00", "from": "2026-11-12", "count": 3}})).await;
        assert_eq!(status, 201, "{monthly}");
        let m = series(&app, &token, monthly["seriesId"].as_i64().unwrap()).await;
        assert_eq!(m["rule"], "FREQ=MONTHLY;INTERVAL=1;BYDAY=2TH;COUNT=3");
        assert_eq!(starts(&m, "scheduled"), ["2026-11-12T10:00:00+00:00", "2026-12-10T10:00:00+00:00", "2027-01-14T10:00:00+00:00"]);
    }
}

db_test! {
    async fn an_open_series_is_made_half_a_year_ahead_and_extended_by_its_job(db) {
        let app = TestApp::new(db).await;
        let (token, yoga) = ana(&app).await;
        let plan = weekly(&app, &token, yoga, "2026-11-03", None).await;
        let id = plan["seriesId"].as_i64().unwrap();
        let s = series(&app, &token, id).await;
        assert_eq!((s["rule"].as_str(), s["ended"].as_bool()), (Some("FREQ=WEEKLY;INTERVAL=1;BYDAY=TU"), Some(false)), "{s}");
        let made = occurrences(&s).len();
        assert_eq!(made, 26, "half a year of Tuesdays: {s}");
        let last = occurrences(&s).last().unwrap()["start"].as_str().unwrap().to_owned();

        // Eight weeks on, the job makes the next Tuesdays, leaving out one that collides.
        app.clock.advance(SignedDuration::from_hours(24 * 7 * 8));
        let (status, e) = app.post(&token, "/api/sessions", json!({"sessionTypeId": yoga, "start": "2027-05-11T17:30:00+01:00", "overrideAvailability": true})).await;
        assert_eq!(status, 201, "{e}");
        coachbook::app::jobs::drain(app.state.ctx(), "test").await.unwrap();
        let s = series(&app, &token, id).await;
        let now_made = starts(&s, "scheduled");
        assert!(now_made.iter().any(|x| x.as_str() > last.as_str()), "extended past {last}: {s}");
        assert!(!now_made.contains(&"2027-05-11T18:00:00+01:00".to_owned()), "{s}");
        assert!(now_made.contains(&"2027-05-18T18:00:00+01:00".to_owned()), "18:00 stays 18:00 in summer: {s}");
        assert_eq!(s["exceptions"], json!(["2027-05-11T18:00"]));
        // Run again at once: nothing more, nothing twice.
        let before = app.count("sessions").await;
        coachbook::app::series::extend(app.state.ctx(), id).await.unwrap();
        assert_eq!(app.count("sessions").await, before);
    }
}

db_test! {
    async fn this_and_following_splits_the_series_and_a_collision_changes_nothing(db) {
        let app = TestApp::new(db).await;
        let (token, yoga) = ana(&app).await;
        let plan = weekly(&app, &token, yoga, "2026-11-10", Some(10)).await;
        let id = plan["seriesId"].as_i64().unwrap();
        let occ = occurrences(&series(&app, &token, id).await);
        let sid = |i: usize| occ[i]["sessionId"].as_i64().unwrap();
        // Maya is booked into the sixth; the seventh was moved on its own to Wednesday.
        let (status, b) = app.post(&token, "/api/bookings", json!({"sessionTypeId": yoga, "name": "Maya Ortiz",
            "email": "maya@example.com", "start": occ[5]["start"], "overrideAvailability": true})).await;
        assert_eq!(status, 201, "{b}");
        assert_eq!(b["sessionId"].as_i64(), Some(sid(5)), "joined the occurrence");
        let (status, moved) = app.post(&token, &format!("/api/sessions/{}/move", sid(6)),
            json!({"start": "2026-12-23T18:00:00Z", "overrideAvailability": true})).await;
        assert_eq!(status, 200, "{moved}");
        assert_eq!(moved["recurrenceId"], "2026-12-22T18:00:00+00:00", "a moved occurrence keeps its identity");

        // 19:30 collides with something on the eighth Tuesday: 409, every collision named, nothing changed.
        let (status, e) = app.post(&token, "/api/sessions", json!({"sessionTypeId": yoga, "start": "2026-12-29T20:15:00Z", "overrideAvailability": true})).await;
        assert_eq!(status, 201, "{e}");
        let before = series(&app, &token, id).await;
        let (status, refused) = app.patch(&token, &format!("/api/series/{id}"),
            json!({"scope": "following", "fromSessionId": sid(4), "time": "19:30"})).await;
        assert_eq!((status, error_code(&refused)), (409, "conflict"), "{refused}");
        let named = refused["collisions"].as_array().unwrap();
        assert_eq!(named.len(), 1, "{refused}");
        assert_eq!((named[0]["sessionId"].as_i64(), named[0]["collisions"][0]["kind"].as_str()), (Some(sid(7)), Some("session")));
        assert_eq!(series(&app, &token, id).await, before);
        assert_eq!(app.count("session_series").await, 1);

        // At 19:00 it fits: the series splits at the fifth occurrence.
        let emails_before = app.count("emails").await;
        let (status, done) = app.patch(&token, &format!("/api/series/{id}"),
            json!({"scope": "following", "fromSessionId": sid(4), "time": "19:00", "notes": "Bring a mat"})).await;
        assert_eq!(status, 200, "{done}");
        let new = &done["series"];
        assert_eq!((new["splitFrom"].as_i64(), new["firstStart"].as_str()), (Some(id), Some("2026-12-08T19:00")), "{done}");
        assert_eq!(new["rule"], "FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;COUNT=6");
        assert_eq!(new["notes"], "Bring a mat");
        let old = series(&app, &token, id).await;
        assert_eq!(old["rule"], "FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;UNTIL=20261208T175959Z", "{old}");
        assert_eq!(starts(&old, "scheduled"), ["2026-11-10T18:00:00+00:00", "2026-11-17T18:00:00+00:00", "2026-11-24T18:00:00+00:00", "2026-12-01T18:00:00+00:00"]);
        assert_eq!(starts(new, "scheduled"), ["2026-12-08T19:00:00+00:00", "2026-12-15T19:00:00+00:00", "2026-12-23T18:00:00+00:00",
            "2026-12-29T19:00:00+00:00", "2027-01-05T19:00:00+00:00", "2027-01-12T19:00:00+00:00"], "the moved one keeps its own time");
        let moved_one = occurrences(new).into_iter().find(|o| o["sessionId"].as_i64() == Some(sid(6))).unwrap();
        assert_eq!((moved_one["moved"].as_bool(), moved_one["recurrenceId"].as_str()), (Some(true), Some("2026-12-22T19:00:00+00:00")));
        let (_, maya) = app.get(&token, &format!("/api/bookings/{}", b["id"])).await;
        assert_eq!(maya["start"], "2026-12-15T19:00:00+00:00", "{maya}");
        assert!(app.count("emails").await > emails_before, "Maya is told of the new time");

        // Bad input is named beside its field.
        for (body, field) in [(json!({"scope": "following"}), "fromSessionId"), (json!({"scope": "some"}), "scope"),
                              (json!({"time": "7pm"}), "time"), (json!({"durationMinutes": 1}), "durationMinutes")] {
            let (status, e) = app.patch(&token, &format!("/api/series/{id}"), body).await;
            assert_eq!(status, 422, "{e}");
            assert_eq!(e["error"]["fields"][0]["field"], field, "{e}");
        }
        let (status, e) = app.patch(&token, &format!("/api/series/{id}"), json!({"scope": "following", "fromSessionId": 999_999})).await;
        assert_eq!(status, 404, "{e}");
        let other = app.other_coach_token().await;
        let (status, _) = app.get(&other, &format!("/api/series/{id}")).await;
        assert_eq!(status, 404, "another coach's series does not exist for them");
    }
}

db_test! {
    async fn cancelling_one_then_following_ends_the_rule_and_booking_into_a_series_stops_at_the_last_credit(db) {
        let app = TestApp::new(db).await;
        let (token, yoga) = ana(&app).await;
        let plan = weekly(&app, &token, yoga, "2026-11-10", Some(10)).await;
        let id = plan["seriesId"].as_i64().unwrap();
        let occ = occurrences(&series(&app, &token, id).await);
        let sid = |i: usize| occ[i]["sessionId"].as_i64().unwrap();

        // Maya has a package of three: she is booked into the first three, then it stops.
        let package = app.create(&token, "/api/coaching/packages", json!({"name": "Three", "sessionTypeId": yoga, "sessionCount": 3}))
            .await["id"].as_i64().unwrap();
        let client = app.create(&token, "/api/coaching/clients", json!({"name": "Maya Ortiz", "email": "maya@example.com"}))
            .await["id"].as_i64().unwrap();
        let (status, e) = app.post(&token, &format!("/api/coaching/clients/{client}/enrolments"), json!({"packageId": package})).await;
        assert_eq!(status, 201, "{e}");
        let (status, booked) = app.post(&token, &format!("/api/series/{id}/bookings"), json!({"clientId": client, "packageId": package})).await;
        assert_eq!(status, 200, "{booked}");
        assert_eq!(booked["booked"].as_array().unwrap().len(), 3, "{booked}");
        let not = booked["notBooked"].as_array().unwrap();
        assert_eq!(not.len(), 7);
        assert!(not.iter().all(|n| n["reason"] == "no_credit"), "{booked}");
        assert!(booked["summary"].as_str().unwrap().starts_with("Booked 3 of 10; 7 not booked:"), "{booked}");
        // Again: the three are already booked, the rest still without credit.
        let (_, again) = app.post(&token, &format!("/api/series/{id}/bookings"), json!({"clientId": client, "packageId": package})).await;
        assert_eq!(again["booked"].as_array().unwrap().len(), 0, "{again}");
        assert_eq!(again["notBooked"][0]["reason"], "already_booked", "{again}");
        // The invitation of an occurrence is an instance of her recurring event.
        let ics: String = sqlx::query_scalar("SELECT ics FROM emails WHERE ics IS NOT NULL ORDER BY id LIMIT 1")
            .fetch_one(app.state.db().pool()).await.unwrap();
        assert!(ics.contains(&format!("UID:series-{id}-")) && ics.contains("RECURRENCE-ID:20261110T180000Z"), "{ics}");
        let (status, e) = app.post(&token, &format!("/api/series/{id}/bookings"), json!({"clientId": 999_999})).await;
        assert_eq!(status, 422, "{e}");

        // One occurrence alone, then the eighth and following.
        let (status, one) = app.post(&token, &format!("/api/sessions/{}/cancel", sid(1)), json!({"reason": "Hall closed"})).await;
        assert_eq!((status, one["seriesId"].as_i64()), (200, Some(id)), "{one}");
        let (status, done) = app.post(&token, &format!("/api/series/{id}/cancel"),
            json!({"scope": "following", "fromSessionId": sid(7), "reason": "Term ends"})).await;
        assert_eq!(status, 200, "{done}");
        assert_eq!(done["sessions"].as_array().unwrap().len(), 3);
        let s = &done["series"];
        assert_eq!((s["ended"].as_bool(), s["rule"].as_str()), (Some(true), Some("FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;UNTIL=20261229T175959Z")), "{s}");
        assert_eq!(starts(s, "cancelled").len(), 4);
        assert_eq!(starts(s, "scheduled").len(), 6);
        coachbook::app::series::extend(app.state.ctx(), id).await.unwrap();
        assert_eq!(starts(&series(&app, &token, id).await, "scheduled").len(), 6, "nothing is made again");
    }
}

const EXPAND: &str = r#"
import json, sys
from datetime import timezone
from dateutil.rrule import rrulestr, rruleset
from icalendar import Calendar
cal = Calendar.from_ical(sys.stdin.buffer.read())
by_uid = {}
for e in cal.walk("VEVENT"):
    by_uid.setdefault(str(e.get("UID")), []).append(e)
out = []
for uid, events in by_uid.items():
    masters = [e for e in events if e.get("RECURRENCE-ID") is None]
    instances = {}
    for m in masters:
        start = m["DTSTART"].dt
        if m.get("RRULE") is not None:
            rs = rruleset()
            rs.rrule(rrulestr(m["RRULE"].to_ical().decode(), dtstart=start))
            ex = m.get("EXDATE")
            for group in (ex if isinstance(ex, list) else [ex] if ex is not None else []):
                for d in group.dts:
                    rs.exdate(d.dt)
            for d in rs:
                instances[d.astimezone(timezone.utc)] = (d, str(m.get("STATUS")))
        else:
            instances[start.astimezone(timezone.utc)] = (start, str(m.get("STATUS")))
    for o in events:
        rid = o.get("RECURRENCE-ID")
        if rid is not None:
            instances[rid.dt.astimezone(timezone.utc)] = (o["DTSTART"].dt, str(o.get("STATUS")))
    for start, status in instances.values():
        if status != "CANCELLED":
            out.append(start.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
print(json.dumps(sorted(out)))
"#;

db_test! {
    async fn the_feed_is_one_recurring_event_with_overrides_that_an_independent_expansion_reads_as_the_sessions(db) {
        let app = TestApp::new(db).await;
        let (token, yoga) = ana(&app).await;
        // Across the clocks going forward (28 March 2027), one date skipped, one moved, one
        // cancelled, and the series split with a new time.
        let (status, e) = app.post(&token, "/api/sessions", json!({"sessionTypeId": yoga, "start": "2027-03-16T18:15:00Z", "overrideAvailability": true})).await;
        assert_eq!(status, 201, "{e}");
        let plan = weekly(&app, &token, yoga, "2027-03-02", Some(10)).await;
        let id = plan["seriesId"].as_i64().unwrap();
        let occ = occurrences(&series(&app, &token, id).await);
        let sid = |i: usize| occ[i]["sessionId"].as_i64().unwrap();
        let (status, _) = app.post(&token, &format!("/api/sessions/{}/move", sid(2)), json!({"start": "2027-03-24T18:00:00Z", "overrideAvailability": true})).await;
        assert_eq!(status, 200);
        let (status, _) = app.post(&token, &format!("/api/sessions/{}/cancel", sid(4)), json!({"reason": "x"})).await;
        assert_eq!(status, 200);
        let (status, split) = app.patch(&token, &format!("/api/series/{id}"), json!({"scope": "following", "fromSessionId": sid(6), "time": "07:30"})).await;
        assert_eq!(status, 200, "{split}");

        let (_, list) = app.get(&token, "/api/me/feeds").await;
        let url = list["feeds"].as_array().unwrap().iter().find(|f| f["kind"] == "coach").unwrap()["url"].as_str().unwrap().to_owned();
        let path = &url[url.find("/feeds/").unwrap()..];
        let text = app.send(axum::http::Method::GET, path).await.text();
        assert!(text.contains(&format!("UID:series-{id}@")) && text.contains("RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;UNTIL=20270420T165959Z"), "{text}");
        assert!(text.contains("EXDATE;TZID=Europe/London:20270316T180000"), "{text}");
        assert!(!text.contains("RECURRENCE-ID;TZID=Europe/London:20270316T180000"), "a skipped date has no override");
        assert!(text.contains("RECURRENCE-ID;TZID=Europe/London:20270323T180000"), "the moved one names its place in the series: {text}");

        // Every scheduled occurrence of both series, as the API lists them, in UTC.
        let mut expected = Vec::new();
        for s in [series(&app, &token, id).await, split["series"].clone()] {
            for o in occurrences(&s).iter().filter(|o| o["status"] == "scheduled") {
                let t: jiff::Timestamp = o["start"].as_str().unwrap().parse().unwrap();
                expected.push(t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string());
            }
        }
        // And the one standalone session.
        expected.push("2027-03-16T18:15:00Z".to_owned());
        expected.sort();
        assert_eq!(expected.len(), 9 - 1 + 1, "{expected:?}");
        assert!(expected.contains(&"2027-04-20T06:30:00Z".to_owned()), "07:30 BST: {expected:?}");

        let python = match crate::harness::python::python() {
            Ok(p) => p,
            Err(why) if in_ci() => panic!("Python's icalendar and dateutil are needed under CI: {why}"),
            Err(why) => {
                eprintln!("SKIPPED: the independent expansion: {why}");
                return;
            }
        };
        use std::io::Write;
        let mut child = std::process::Command::new(python)
            .args(["-c", EXPAND])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run python");
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}\n{text}", String::from_utf8_lossy(&out.stderr));
        let got: Vec<String> = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(got, expected, "{text}");
    }
}
