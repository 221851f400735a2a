//! `/api/sessions/bulk` and `/api/sessions/bulk-cancel` on both databases (issue 16): a dry run
//! writes nothing (no session, job or calendar version) and names every collision by kind; a
//! commit with `abort` makes nothing when one date collides, with `skip` makes the rest and names
//! what it left out; a weekly pattern keeps 18:00 local across the clocks going forward; a range
//! cancelled at once cancels every booking with its notice and settles credits as asked, leaving
//! another coach's sessions alone; bad input answers 422 beside the field.

use serde_json::{json, Value};

use crate::harness::{error_code, TestApp};

/// Ana (Europe/London) with a 60-minute "Coaching" type and a "Yoga" group of 5, open
/// 08:00–20:00 every day.
struct Ana {
    token: String,
    coaching: i64,
    yoga: i64,
}

async fn ana(app: &TestApp) -> Ana {
    let token = app.coach_token().await;
    let coaching = app
        .session_type(&token, json!({"name": "Coaching", "durationMinutes": 60}))
        .await;
    let yoga = app
        .session_type(
            &token,
            json!({"name": "Yoga", "kind": "group", "capacity": 5, "durationMinutes": 60}),
        )
        .await;
    app.open_every_day(&token, "08:00", "20:00").await;
    Ana {
        token,
        coaching,
        yoga,
    }
}

fn field_names(body: &Value) -> Vec<&str> {
    assert_eq!(error_code(body), "invalid_input", "{body}");
    body["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| f["field"].as_str().expect("a field name"))
        .collect()
}

async fn calendar_version(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT CAST(COALESCE(SUM(calendar_version), 0) AS BIGINT) FROM coaches")
        .fetch_one(app.state.db().pool())
        .await
        .expect("read calendar versions")
}

/// Sessions, jobs and calendar versions: what a dry run must leave as it was.
async fn footprint(app: &TestApp) -> (i64, i64, i64, i64) {
    (
        app.count("sessions").await,
        app.count("jobs").await,
        app.count("emails").await,
        calendar_version(app).await,
    )
}

/// The kinds of each occurrence's collisions, in order.
fn kinds(plan: &Value) -> Vec<Vec<String>> {
    plan["occurrences"]
        .as_array()
        .expect("occurrences")
        .iter()
        .map(|o| {
            o["collisions"]
                .as_array()
                .expect("collisions")
                .iter()
                .map(|c| c["kind"].as_str().expect("a kind").to_owned())
                .collect()
        })
        .collect()
}

/// An imported busy interval from a calendar called `name`, written as a sync would.
async fn busy(app: &TestApp, name: &str, start: &str, end: &str) {
    let pool = app.state.db().pool();
    let coach: i64 = sqlx::query_scalar("SELECT MIN(id) FROM coaches")
        .fetch_one(pool)
        .await
        .expect("coach");
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO busy_calendars (coach_id, kind, name, url, created_at) VALUES ($1, 'ics', $2, 'https://calendar.example.com/a.ics', 0) RETURNING id",
    )
    .bind(coach)
    .bind(name)
    .fetch_one(pool)
    .await
    .expect("busy calendar");
    let at = |s: &str| s.parse::<jiff::Timestamp>().unwrap().as_second();
    sqlx::query("INSERT INTO busy_intervals (calendar_id, coach_id, starts_at, ends_at) VALUES ($1, $2, $3, $4)")
        .bind(id)
        .bind(coach)
        .bind(at(start))
        .bind(at(end))
        .execute(pool)
        .await
        .expect("busy interval");
}

db_test! {
    async fn a_dry_run_writes_nothing_and_names_every_collision(db) {
        let app = TestApp::new(db).await;
        let a = ana(&app).await;
        let (status, existing) = app
            .post(&a.token, "/api/sessions", json!({"sessionTypeId": a.coaching, "start": "2026-11-10T10:00:00Z"}))
            .await;
        assert_eq!(status, 201, "{existing}");
        let (status, b) = app
            .post(&a.token, "/api/availability/blocks", json!({"kind": "once", "start": "2026-11-11T09:00:00Z", "end": "2026-11-11T12:00:00Z", "label": "Dentist"}))
            .await;
        assert_eq!(status, 201, "{b}");
        let (status, o) = app.put(&a.token, "/api/availability/overrides/2026-11-12", json!({"windows": []})).await;
        assert_eq!(status, 200, "{o}");
        busy(&app, "Work calendar", "2026-11-13T09:30:00Z", "2026-11-13T10:30:00Z").await;

        let before = footprint(&app).await;
        let body = json!({
            "sessionTypeId": a.coaching,
            "dates": ["2026-11-09T10:00", "2026-11-10T10:00", "2026-11-11T10:00", "2026-11-12T10:00", "2026-11-13T10:00", "2026-11-01T10:00:00Z"],
            "dryRun": true,
        });
        let (status, plan) = app.post(&a.token, "/api/sessions/bulk", body).await;
        assert_eq!(status, 200, "{plan}");
        assert_eq!(footprint(&app).await, before, "a dry run writes nothing");
        assert_eq!(plan["dryRun"], true);
        assert_eq!((plan["total"].as_i64(), plan["colliding"].as_i64()), (Some(6), Some(5)));
        assert_eq!(
            kinds(&plan),
            [vec![], vec!["session".to_owned()], vec!["time_off".to_owned()], vec!["closed".to_owned()], vec!["busy".to_owned()], vec!["past".to_owned()]]
        );
        let occ = &plan["occurrences"];
        assert_eq!(occ[0]["status"], "free");
        assert_eq!(occ[0]["start"], "2026-11-09T10:00:00+00:00");
        assert_eq!(occ[0]["end"], "2026-11-09T11:00:00+00:00");
        assert_eq!(occ[0]["date"], "2026-11-09");
        assert_eq!(occ[1]["status"], "collides");
        let with = &occ[1]["collisions"][0];
        assert_eq!((with["sessionId"].as_i64(), with["title"].as_str()), (existing["id"].as_i64(), Some("Coaching")));
        assert_eq!(occ[2]["collisions"][0]["start"], "2026-11-11T09:00:00+00:00");
        assert_eq!(occ[3]["collisions"][0]["reason"], "outside_hours");
        assert_eq!(occ[4]["collisions"][0]["calendar"], "Work calendar");
        assert_eq!(plan["sessions"].as_array().map(Vec::len), Some(0));

        // Two occurrences of the same request overlapping each other: the later one is named.
        let (status, plan) = app
            .post(&a.token, "/api/sessions/bulk", json!({"sessionTypeId": a.coaching, "dates": ["2026-11-16T10:00", "2026-11-16T10:30:00Z"], "dryRun": true}))
            .await;
        assert_eq!(status, 200, "{plan}");
        assert_eq!(kinds(&plan), [vec![], vec!["batch".to_owned()]]);
        assert_eq!(plan["occurrences"][1]["collisions"][0]["occurrence"], 0);
        assert_eq!(footprint(&app).await, before);
    }
}

db_test! {
    async fn abort_makes_nothing_when_one_date_collides_and_skip_makes_the_rest(db) {
        let app = TestApp::new(db).await;
        let a = ana(&app).await;
        let (status, existing) = app
            .post(&a.token, "/api/sessions", json!({"sessionTypeId": a.coaching, "start": "2026-11-19T18:00:00Z"}))
            .await;
        assert_eq!(status, 201, "{existing}");
        let before = footprint(&app).await;
        let pattern = json!({"frequency": "daily", "time": "18:00", "from": "2026-11-16", "count": 5});

        let (status, refused) = app
            .post(&a.token, "/api/sessions/bulk", json!({"sessionTypeId": a.coaching, "pattern": pattern, "onConflict": "abort"}))
            .await;
        assert_eq!((status, error_code(&refused)), (409, "conflict"), "{refused}");
        assert!(refused["error"]["message"].as_str().unwrap().contains("1 of 5"), "{refused}");
        assert_eq!(kinds(&refused["plan"])[3], ["session"]);
        assert_eq!(refused["plan"]["occurrences"][3]["collisions"][0]["sessionId"], existing["id"]);
        assert_eq!(footprint(&app).await, before, "nothing of the batch exists");
        let (_, listed) = app.get(&a.token, "/api/sessions?from=2026-11-16T00:00:00Z&to=2026-11-21T00:00:00Z").await;
        assert_eq!(listed.as_array().map(Vec::len), Some(1), "only the session that was there: {listed}");

        // The default is abort too.
        let (status, _) = app
            .post(&a.token, "/api/sessions/bulk", json!({"sessionTypeId": a.coaching, "pattern": pattern}))
            .await;
        assert_eq!(status, 409);

        let (status, made) = app
            .post(&a.token, "/api/sessions/bulk", json!({"sessionTypeId": a.coaching, "pattern": pattern, "onConflict": "skip", "notes": "Bring water"}))
            .await;
        assert_eq!(status, 201, "{made}");
        let sessions = made["sessions"].as_array().expect("sessions");
        let starts: Vec<&str> = sessions.iter().map(|s| s["start"].as_str().unwrap()).collect();
        assert_eq!(starts, ["2026-11-16T18:00:00+00:00", "2026-11-17T18:00:00+00:00", "2026-11-18T18:00:00+00:00", "2026-11-20T18:00:00+00:00"]);
        assert!(sessions.iter().all(|s| s["notes"] == "Bring water"));
        let skipped = made["skipped"].as_array().expect("skipped");
        assert_eq!(skipped.len(), 1, "{made}");
        assert_eq!((skipped[0]["index"].as_i64(), skipped[0]["date"].as_str()), (Some(3), Some("2026-11-19")));
        assert_eq!(skipped[0]["collisions"][0]["kind"], "session");
        assert_eq!(made["occurrences"][0]["status"], "created");
        assert_eq!(made["occurrences"][0]["sessionId"], sessions[0]["id"]);
        assert_eq!(app.count("sessions").await, before.0 + 4);
        assert!(calendar_version(&app).await > before.3);
    }
}

db_test! {
    async fn a_weekly_pattern_from_a_template_keeps_six_pm_across_the_clock_change(db) {
        let app = TestApp::new(db).await;
        let a = ana(&app).await;
        let template = app
            .create(&a.token, "/api/session-templates", json!({"name": "Tuesday class", "sessionTypeId": a.yoga, "capacity": 4, "durationMinutes": 90, "meetingUrl": "https://meet.example.com/class"}))
            .await["id"].as_i64().unwrap();
        // London goes to summer time on Sunday 28 March 2027.
        let body = json!({"templateId": template, "pattern": {"frequency": "weekly", "interval": 1, "weekdays": ["tu"], "time": "18:00", "from": "2027-03-15", "until": "2027-04-06"}});
        let (status, made) = app.post(&a.token, "/api/sessions/bulk", body).await;
        assert_eq!(status, 201, "{made}");
        let sessions = made["sessions"].as_array().expect("sessions");
        let times: Vec<(&str, &str)> = sessions.iter().map(|s| (s["start"].as_str().unwrap(), s["end"].as_str().unwrap())).collect();
        assert_eq!(times, [
            ("2027-03-16T18:00:00+00:00", "2027-03-16T19:30:00+00:00"),
            ("2027-03-23T18:00:00+00:00", "2027-03-23T19:30:00+00:00"),
            ("2027-03-30T18:00:00+01:00", "2027-03-30T19:30:00+01:00"),
            ("2027-04-06T18:00:00+01:00", "2027-04-06T19:30:00+01:00"),
        ]);
        for s in sessions {
            assert_eq!((s["capacity"].as_i64(), s["meetingUrl"].as_str(), s["sessionTypeName"].as_str()), (Some(4), Some("https://meet.example.com/class"), Some("Yoga")));
        }
        // Every other week, by count.
        let (status, plan) = app
            .post(&a.token, "/api/sessions/bulk", json!({"templateId": template, "dryRun": true, "pattern": {"interval": 2, "weekdays": ["mo", "th"], "time": "18:00", "from": "2027-03-22", "count": 4}}))
            .await;
        assert_eq!(status, 200, "{plan}");
        let dates: Vec<&str> = plan["occurrences"].as_array().unwrap().iter().map(|o| o["date"].as_str().unwrap()).collect();
        assert_eq!(dates, ["2027-03-22", "2027-03-25", "2027-04-05", "2027-04-08"]);
        assert_eq!(plan["occurrences"][2]["start"], "2027-04-05T18:00:00+01:00");
    }
}

/// `name`'s email as the tests write it.
fn email_of(name: &str) -> String {
    format!("{}@example.com", name.to_lowercase().replace(' ', "."))
}

async fn book(app: &TestApp, token: &str, body: Value) -> Value {
    let (status, b) = app.post(token, "/api/bookings", body).await;
    assert_eq!(status, 201, "{b}");
    b
}

async fn booking(app: &TestApp, token: &str, id: &Value) -> Value {
    let (status, b) = app.get(token, &format!("/api/bookings/{id}")).await;
    assert_eq!(status, 200, "{b}");
    b
}

db_test! {
    async fn bulk_cancel_cancels_every_booking_in_the_range_and_settles_credits_as_asked(db) {
        let app = TestApp::new(db).await;
        let a = ana(&app).await;
        let package = app
            .create(&a.token, "/api/coaching/packages", json!({"name": "Five", "sessionTypeId": a.yoga, "sessionCount": 5}))
            .await["id"].as_i64().unwrap();
        let client = app
            .create(&a.token, "/api/coaching/clients", json!({"name": "Maya Ortiz", "email": "maya@example.com"}))
            .await["id"].as_i64().unwrap();
        let (status, e) = app
            .post(&a.token, &format!("/api/coaching/clients/{client}/enrolments"), json!({"packageId": package}))
            .await;
        assert_eq!(status, 201, "{e}");
        let with_credit = |start: &str| json!({"sessionTypeId": a.yoga, "clientId": client, "coachingPackageId": package, "start": start});
        let plain = |name: &str, start: &str| json!({"sessionTypeId": a.coaching, "name": name, "email": email_of(name), "start": start});

        // Late (inside the 24-hour cut-off) and in time, both holding a credit, and one without.
        let late = book(&app, &a.token, with_credit("2026-11-03T08:00:00Z")).await;
        let in_time = book(&app, &a.token, with_credit("2026-11-05T15:00:00Z")).await;
        let noor = book(&app, &a.token, plain("Noor Haddad", "2026-11-04T10:00:00Z")).await;
        // After the range, and another coach's session inside it.
        let after = book(&app, &a.token, plain("Ola Berg", "2026-11-06T10:00:00Z")).await;
        let bo = app.other_coach_token().await;
        let bo_type = app.session_type(&bo, json!({"name": "Mentoring", "durationMinutes": 60})).await;
        app.open_every_day(&bo, "00:00", "24:00").await;
        let (status, bo_session) = app.post(&bo, "/api/sessions", json!({"sessionTypeId": bo_type, "start": "2026-11-04T10:00:00Z"})).await;
        assert_eq!(status, 201, "{bo_session}");

        let range = json!({"from": "2026-11-03", "to": "2026-11-05", "reason": "Away at a retreat"});
        let mut dry = range.clone();
        dry["dryRun"] = json!(true);
        let before = footprint(&app).await;
        let (status, plan) = app.post(&a.token, "/api/sessions/bulk-cancel", dry).await;
        assert_eq!(status, 200, "{plan}");
        assert_eq!(footprint(&app).await, before, "a dry run writes nothing");
        assert_eq!((plan["cancelled"].as_i64(), plan["bookings"].as_i64()), (Some(3), Some(3)));
        let credits: Vec<(i64, &str, &str)> = plan["sessions"].as_array().unwrap().iter().map(|s| {
            (s["bookings"][0]["bookingId"].as_i64().unwrap(), s["bookings"][0]["credit"].as_str().unwrap(), s["status"].as_str().unwrap())
        }).collect();
        assert_eq!(credits, [
            (late["id"].as_i64().unwrap(), "used", "would_cancel"),
            (noor["id"].as_i64().unwrap(), "none", "would_cancel"),
            (in_time["id"].as_i64().unwrap(), "released", "would_cancel"),
        ]);
        assert_eq!(booking(&app, &a.token, &late["id"]).await["status"], "confirmed");

        let notices_before = app.count("notifications").await;
        let (status, done) = app.post(&a.token, "/api/sessions/bulk-cancel", range).await;
        assert_eq!(status, 200, "{done}");
        assert_eq!((done["dryRun"].as_bool(), done["cancelled"].as_i64()), (Some(false), Some(3)));
        for b in [&late, &in_time, &noor] {
            let now = booking(&app, &a.token, &b["id"]).await;
            assert_eq!((now["status"].as_str(), now["cancelReason"].as_str()), (Some("cancelled"), Some("Away at a retreat")), "{now}");
        }
        assert_eq!(booking(&app, &a.token, &late["id"]).await["credit"], "used");
        assert_eq!(booking(&app, &a.token, &in_time["id"]).await["credit"], "released");
        let told: Vec<String> = sqlx::query_scalar("SELECT to_email FROM emails WHERE kind = 'booking_cancelled' ORDER BY to_email")
            .fetch_all(app.state.db().pool()).await.unwrap();
        assert_eq!(told, ["maya@example.com", "maya@example.com", "noor.haddad@example.com"]);
        assert!(app.count("notifications").await > notices_before, "in-app notices are written");
        for id in [&late["sessionId"], &noor["sessionId"]] {
            let (_, s) = app.get(&a.token, &format!("/api/sessions/{id}")).await;
            assert_eq!(s["status"], "cancelled", "{s}");
        }
        assert_eq!(booking(&app, &a.token, &after["id"]).await["status"], "confirmed", "after the range");
        let (_, bos) = app.get(&bo, &format!("/api/sessions/{}", bo_session["id"])).await;
        assert_eq!(bos["status"], "scheduled", "another coach's session is untouched");

        // refund: always gives a late credit back; an emptied range cancels nothing.
        let again = book(&app, &a.token, with_credit("2026-11-02T15:00:00Z")).await;
        let (status, done) = app
            .post(&a.token, "/api/sessions/bulk-cancel", json!({"from": "2026-11-02", "to": "2026-11-02", "reason": "Ill", "refund": "always"}))
            .await;
        assert_eq!(status, 200, "{done}");
        assert_eq!(done["sessions"][0]["bookings"][0]["credit"], "given_back");
        assert_eq!(booking(&app, &a.token, &again["id"]).await["credit"], "waived");
        let (status, none) = app
            .post(&a.token, "/api/sessions/bulk-cancel", json!({"from": "2026-11-03", "to": "2026-11-05", "reason": "Again"}))
            .await;
        assert_eq!((status, none["cancelled"].as_i64()), (200, Some(0)), "{none}");
    }
}

db_test! {
    async fn a_started_session_is_left_alone_by_bulk_cancel(db) {
        let app = TestApp::new(db).await;
        let a = ana(&app).await;
        let started = book(&app, &a.token, json!({"sessionTypeId": a.coaching, "name": "Ola Berg", "email": "ola@example.com", "start": "2026-11-02T10:00:00Z"})).await;
        app.clock.set("2026-11-02T10:10:00Z".parse().unwrap());
        let (status, done) = app
            .post(&a.token, "/api/sessions/bulk-cancel", json!({"from": "2026-11-02", "to": "2026-11-02", "reason": "Ill"}))
            .await;
        assert_eq!(status, 200, "{done}");
        assert_eq!((done["cancelled"].as_i64(), done["sessions"][0]["status"].as_str()), (Some(0), Some("started")));
        assert_eq!(booking(&app, &a.token, &started["id"]).await["status"], "confirmed");
    }
}

db_test! {
    async fn bad_bulk_input_answers_422_beside_the_field(db) {
        let app = TestApp::new(db).await;
        let a = ana(&app).await;
        let st = a.coaching;
        let cases = [
            (json!({"sessionTypeId": st}), "dates"),
            (json!({"sessionTypeId": st, "dates": []}), "dates"),
            (json!({"sessionTypeId": st, "dates": ["2027-01-05T18:00"], "pattern": {"time": "18:00", "from": "2027-01-05", "count": 2}}), "pattern"),
            (json!({"sessionTypeId": st, "dates": ["next tuesday"]}), "dates"),
            (json!({"sessionTypeId": st, "pattern": {"weekdays": ["tx"], "time": "18:00", "from": "2027-01-05", "count": 2}}), "pattern.weekdays"),
            (json!({"sessionTypeId": st, "pattern": {"frequency": "hourly", "time": "18:00", "from": "2027-01-05", "count": 2}}), "pattern.frequency"),
            (json!({"sessionTypeId": st, "pattern": {"time": "18:00", "from": "2027-01-05", "until": "2027-01-01"}}), "pattern.until"),
            (json!({"sessionTypeId": st, "pattern": {"time": "18:00", "from": "2027-01-05", "count": 2, "until": "2027-02-01"}}), "pattern.until"),
            (json!({"sessionTypeId": st, "pattern": {"frequency": "monthly", "monthlyBy": "year", "time": "18:00", "from": "2027-01-05"}}), "pattern.monthlyBy"),
            (json!({"sessionTypeId": st, "pattern": {"time": "18:00", "from": "2027-01-05", "count": 201}}), "pattern.count"),
            (json!({"sessionTypeId": st, "pattern": {"frequency": "daily", "time": "18:00", "from": "2027-01-01", "until": "2027-12-31"}}), "pattern.until"),
            (json!({"sessionTypeId": st, "pattern": {"time": "6pm", "from": "2027-01-05", "count": 2}}), "pattern.time"),
            (json!({"sessionTypeId": st, "pattern": {"time": "18:00", "from": "5 Jan", "count": 2}}), "pattern.from"),
            (json!({"sessionTypeId": st, "pattern": {"interval": 0, "time": "18:00", "from": "2027-01-05", "count": 2}}), "pattern.interval"),
            (json!({"sessionTypeId": st, "dates": ["2027-01-05T18:00"], "onConflict": "maybe"}), "onConflict"),
            (json!({"dates": ["2027-01-05T18:00"]}), "sessionTypeId"),
            (json!({"sessionTypeId": st, "capacity": 3, "dates": ["2027-01-05T18:00"]}), "capacity"),
        ];
        let before = footprint(&app).await;
        for (body, field) in cases {
            let (status, e) = app.post(&a.token, "/api/sessions/bulk", body.clone()).await;
            assert_eq!(status, 422, "{body} → {e}");
            assert_eq!(field_names(&e), [field], "{body}");
        }
        let many: Vec<String> = (0..201).map(|i| format!("2027-01-{:02}T{:02}:00", 1 + i / 12, 8 + i % 12)).collect();
        let (status, e) = app.post(&a.token, "/api/sessions/bulk", json!({"sessionTypeId": st, "dates": many})).await;
        assert_eq!((status, field_names(&e)), (422, vec!["dates"]), "{e}");
        assert!(e["error"]["message"].as_str().unwrap().contains("200"), "{e}");
        let (status, e) = app.post(&a.token, "/api/sessions/bulk", json!({"templateId": 999999, "dates": ["2027-01-05T18:00"]})).await;
        assert_eq!((status, error_code(&e)), (404, "not_found"), "{e}");

        let cancels = [
            (json!({"from": "2026-12-26", "to": "2026-12-22"}), "to"),
            (json!({"from": "22 Dec", "to": "2026-12-26"}), "from"),
            (json!({"from": "2026-12-22", "to": "2027-06-30"}), "to"),
            (json!({"from": "2026-12-22", "to": "2026-12-26", "refund": "sometimes"}), "refund"),
            (json!({"from": "2026-12-22", "to": "2026-12-26", "reason": "x".repeat(1001)}), "reason"),
        ];
        for (body, field) in cancels {
            let (status, e) = app.post(&a.token, "/api/sessions/bulk-cancel", body.clone()).await;
            assert_eq!(status, 422, "{body} → {e}");
            assert_eq!(field_names(&e), [field], "{body}");
        }
        assert_eq!(footprint(&app).await, before);

        // An account that is not a coach is refused by the coach extractor, as on every coach route.
        let (_, uma) = crate::my_sessions::user(&app, "Uma User", "uma@example.com", "Europe/London").await;
        let (status, e) = app
            .post(&uma, "/api/sessions/bulk", json!({"sessionTypeId": st, "dates": ["2027-01-05T18:00"], "dryRun": true}))
            .await;
        assert_eq!((status, error_code(&e)), (403, "forbidden"), "{e}");
        let (status, e) = app
            .post(&uma, "/api/sessions/bulk-cancel", json!({"from": "2026-12-22", "to": "2026-12-26", "dryRun": true}))
            .await;
        assert_eq!((status, error_code(&e)), (403, "forbidden"), "{e}");
    }
}

db_test! {
    async fn the_page_previews_with_collisions_then_creates_skipping_them(db) {
        let app = TestApp::serve(db).await;
        let (browser, token) = app.signed_in_coach().await;
        let yoga = app
            .session_type(&token, json!({"name": "Yoga", "kind": "group", "capacity": 8, "durationMinutes": 60}))
            .await;
        app.open_every_day(&token, "08:00", "20:00").await;
        let template = app
            .create(&token, "/api/session-templates", json!({"name": "Tuesday class", "sessionTypeId": yoga}))
            .await["id"].as_i64().unwrap();
        let (status, e) = app.post(&token, "/api/sessions", json!({"sessionTypeId": yoga, "start": "2026-11-17T18:00:00Z"})).await;
        assert_eq!(status, 201, "{e}");

        let calendar = browser.get(app.url("/admin/calendar")).send().await.unwrap().text().await.unwrap();
        assert!(calendar.contains("href=\"/admin/sessions/bulk\""), "linked from the calendar");
        let html = browser.get(app.url("/admin/sessions/bulk")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Tuesday class") && html.contains("<label for=\"time\">"), "{html}");

        let t = template.to_string();
        let form = |action: &'static str| {
            vec![("templateId", t.clone()), ("sessionTypeId", String::new()), ("when", "pattern".into()), ("weekdays", "tu".into()),
                 ("time", "18:00".into()), ("from", "2026-11-09".into()), ("interval", "1".into()), ("count", "4".into()),
                 ("until", String::new()), ("dates", String::new()), ("notes", String::new()), ("action", action.into())]
        };
        let before = app.count("sessions").await;
        let res = app.post_form(&browser, "/admin/sessions/bulk", &form("preview")).await;
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(html.contains("3 free") && html.contains("1 in the way of something"), "{html}");
        assert!(html.contains("class=\"collides\"") && html.contains("Session “Yoga” 18:00–19:00"), "{html}");
        assert!(html.contains("Create 3, skipping 1"), "{html}");
        assert_eq!(app.count("sessions").await, before, "a preview writes nothing");

        // All or nothing refuses; skip creates the rest.
        let res = app.post_form(&browser, "/admin/sessions/bulk", &form("create")).await;
        assert_eq!(res.status(), 409);
        assert!(res.text().await.unwrap().contains("nothing was created"));
        assert_eq!(app.count("sessions").await, before);
        let res = app.post_form(&browser, "/admin/sessions/bulk", &form("skip")).await;
        assert_eq!(crate::harness::redirect(&res), (303, "/admin/calendar?view=week&date=2026-11-10"));
        assert_eq!(app.count("sessions").await, before + 3);

        // A mistake is shown beside its field, with what was typed kept.
        let mut bad = form("preview");
        bad[4].1 = "6pm".into();
        let res = app.post_form(&browser, "/admin/sessions/bulk", &bad).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("id=\"time-error\"") && html.contains("value=\"6pm\""), "{html}");

        let res = app.client().get(app.url("/admin/sessions/bulk")).send().await.unwrap();
        assert_eq!(crate::harness::redirect(&res).0, 303, "signed out: the sign-in page");
    }
}
