//! `/api/sessions` on both databases: a range of the calendar with participants and seats
//! (bounded by the range, filtered by type and status), a session made without participants,
//! moved and cancelled for everyone (each told by email and notice; a collision refused with
//! nothing changed), its capacity never below the seats taken, its details and type changed,
//! saved as a template, and another coach's ids answering 404.

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
            json!({"name": "Yoga", "kind": "group", "capacity": 5, "durationMinutes": 60, "color": "#aa3366"}),
        )
        .await;
    app.open_every_day(&token, "08:00", "20:00").await;
    Ana {
        token,
        coaching,
        yoga,
    }
}

/// Books `name` into `type_id` at `start` (RFC 3339) and returns the booking.
async fn book(app: &TestApp, a: &Ana, type_id: i64, name: &str, start: &str) -> Value {
    let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
    let body = json!({"sessionTypeId": type_id, "name": name, "email": email, "start": start});
    let (status, b) = app.post(&a.token, "/api/bookings", body).await;
    assert_eq!(status, 201, "{b}");
    b
}

async fn session(app: &TestApp, token: &str, id: i64) -> Value {
    let (status, s) = app.get(token, &format!("/api/sessions/{id}")).await;
    assert_eq!(status, 200, "{s}");
    s
}

async fn list(app: &TestApp, token: &str, query: &str) -> Vec<Value> {
    let (status, l) = app.get(token, &format!("/api/sessions?{query}")).await;
    assert_eq!(status, 200, "{l}");
    l.as_array().expect("a list").clone()
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

/// The emails of `kind` queued so far, as (recipient, text).
async fn emails(app: &TestApp, kind: &str) -> Vec<(String, String)> {
    sqlx::query_as("SELECT to_email, text_body FROM emails WHERE kind = $1 ORDER BY id")
        .bind(kind)
        .fetch_all(app.state.db().pool())
        .await
        .expect("read emails")
}

db_test! {
    async fn the_list_is_bounded_by_its_range_and_filtered_by_type_and_status(db) {
        let app = TestApp::new(db).await;
        let a = ana(&app).await;
        let first = book(&app, &a, a.coaching, "Noor Haddad", "2026-11-10T10:00:00Z").await;
        let later = book(&app, &a, a.coaching, "Sam Lee", "2026-11-12T10:00:00Z").await;
        let (status, class) = app
            .post(&a.token, "/api/sessions", json!({"sessionTypeId": a.yoga, "start": "2026-11-11T15:00:00Z"}))
            .await;
        assert_eq!(status, 201, "{class}");

        // One day: only the first session, with its participant as only the coach sees them.
        let day = list(&app, &a.token, "from=2026-11-10T00:00:00Z&to=2026-11-11T00:00:00Z").await;
        assert_eq!(day.len(), 1, "{day:?}");
        let s = &day[0];
        assert_eq!(s["id"], first["sessionId"]);
        assert_eq!((s["sessionTypeName"].as_str(), s["kind"].as_str()), (Some("Coaching"), Some("one_on_one")));
        assert_eq!((s["start"].as_str(), s["timeZone"].as_str()), (Some("2026-11-10T10:00:00+00:00"), Some("Europe/London")));
        assert_eq!((s["capacity"].as_i64(), s["seatsTaken"].as_i64(), s["seatsLeft"].as_i64()), (Some(1), Some(1), Some(0)));
        assert_eq!(s["participants"][0]["name"], "Noor Haddad");
        assert_eq!(s["participants"][0]["email"], "noor.haddad@example.com");
        assert_eq!(s["participants"][0]["bookingId"], first["id"]);
        assert_eq!(s["status"], "scheduled");

        // A session that started before `from` but ends after it is in the range.
        let straddle = list(&app, &a.token, "from=2026-11-10T10:30:00Z&to=2026-11-10T10:45:00Z").await;
        assert_eq!(straddle.len(), 1);
        // One that ends exactly at `from` is not.
        assert!(list(&app, &a.token, "from=2026-11-10T11:00:00Z&to=2026-11-11T00:00:00Z").await.is_empty());

        let week = list(&app, &a.token, "from=2026-11-09T00:00:00Z&to=2026-11-16T00:00:00Z").await;
        assert_eq!(week.len(), 3);
        let starts: Vec<&str> = week.iter().map(|s| s["start"].as_str().unwrap()).collect();
        assert_eq!(starts, ["2026-11-10T10:00:00+00:00", "2026-11-11T15:00:00+00:00", "2026-11-12T10:00:00+00:00"], "by start");
        let yoga = list(&app, &a.token, &format!("from=2026-11-09T00:00:00Z&to=2026-11-16T00:00:00Z&sessionTypeId={}", a.yoga)).await;
        assert_eq!(yoga.len(), 1);
        assert_eq!((yoga[0]["seatsTaken"].as_i64(), yoga[0]["seatsLeft"].as_i64()), (Some(0), Some(5)));
        assert_eq!(yoga[0]["sessionTypeColor"], "#aa3366");

        // Cancelled sessions leave the default list and show with status=cancelled or any.
        let (status, _) = app.post(&a.token, &format!("/api/bookings/{}/cancel", later["id"]), json!({})).await;
        assert_eq!(status, 200);
        let range = "from=2026-11-09T00:00:00Z&to=2026-11-16T00:00:00Z";
        assert_eq!(list(&app, &a.token, range).await.len(), 2);
        let cancelled = list(&app, &a.token, &format!("{range}&status=cancelled")).await;
        assert_eq!(cancelled.len(), 1);
        assert_eq!(cancelled[0]["participants"][0]["status"], "cancelled");
        assert_eq!(list(&app, &a.token, &format!("{range}&status=any")).await.len(), 3);
    }
}

db_test! {
    async fn a_list_without_a_sensible_range_is_refused_naming_the_field(db) {
        let app = TestApp::new(db).await;
        let a = ana(&app).await;
        for (query, field) in [
            ("to=2026-11-10T00:00:00Z", "from"),
            ("from=2026-11-10T00:00:00Z", "to"),
            ("from=yesterday&to=2026-11-10T00:00:00Z", "from"),
            ("from=2026-11-10T00:00:00Z&to=2026-11-09T00:00:00Z", "to"),
            ("from=2026-01-01T00:00:00Z&to=2026-12-31T00:00:00Z", "to"),
            ("from=2026-11-10T00:00:00Z&to=2026-11-11T00:00:00Z&status=maybe", "status"),
        ] {
            let (status, e) = app.get(&a.token, &format!("/api/sessions?{query}")).await;
            assert_eq!(status, 422, "{query}: {e}");
            assert_eq!(field_names(&e), [field], "{query}");
        }
        let (status, e) = app.get(&a.token, "/api/sessions?from=2026-11-10T00:00:00Z&to=2026-11-11T00:00:00Z&sessionTypeId=abc").await;
        assert_eq!(status, 400, "{e}");
    }
}

db_test! {
    async fn a_session_is_made_without_participants_and_a_colliding_one_is_refused_with_nothing_changed(db) {
        let app = TestApp::new(db).await;
        let a = ana(&app).await;
        let (status, class) = app
            .post(&a.token, "/api/sessions", json!({
                "sessionTypeId": a.yoga, "date": "2026-11-11", "startTime": "15:00", "capacity": 8,
                "notes": "Bring a mat", "meetingUrl": "https://meet.example.com/yoga"
            }))
            .await;
        assert_eq!(status, 201, "{class}");
        assert_eq!((class["capacity"].as_i64(), class["seatsTaken"].as_i64(), class["seatsLeft"].as_i64()), (Some(8), Some(0), Some(8)));
        assert_eq!(class["participants"], json!([]));
        assert_eq!((class["notes"].as_str(), class["meetingUrl"].as_str()), (Some("Bring a mat"), Some("https://meet.example.com/yoga")));
        assert_eq!(class["end"], "2026-11-11T16:00:00+00:00", "the type's length");

        // A booking of the same type and time joins it.
        let joined = book(&app, &a, a.yoga, "Noor Haddad", "2026-11-11T15:00:00Z").await;
        assert_eq!(joined["sessionId"], class["id"]);
        let s = session(&app, &a.token, class["id"].as_i64().unwrap()).await;
        assert_eq!((s["seatsTaken"].as_i64(), s["seatsLeft"].as_i64()), (Some(1), Some(7)));

        // Over it: 409, and nothing was written.
        let sessions = app.count("sessions").await;
        let (status, e) = app
            .post(&a.token, "/api/sessions", json!({"sessionTypeId": a.coaching, "start": "2026-11-11T15:30:00Z"}))
            .await;
        assert_eq!((status, error_code(&e)), (409, "conflict"), "{e}");
        let (status, e) = app
            .post(&a.token, "/api/sessions", json!({"sessionTypeId": a.yoga, "start": "2026-11-11T15:00:00Z"}))
            .await;
        assert_eq!((status, error_code(&e)), (409, "conflict"), "a second class at the same time: {e}");
        assert_eq!(app.count("sessions").await, sessions);

        // Outside the hours: refused unless the coach overrides them.
        let late = json!({"sessionTypeId": a.coaching, "start": "2026-11-11T21:00:00Z"});
        let (status, e) = app.post(&a.token, "/api/sessions", late.clone()).await;
        assert_eq!((status, error_code(&e)), (409, "outside_availability"), "{e}");
        let mut anyway = late;
        anyway["overrideAvailability"] = json!(true);
        let (status, made) = app.post(&a.token, "/api/sessions", anyway).await;
        assert_eq!(status, 201, "{made}");
        assert_eq!(made["capacity"], 1);
    }
}

db_test! {
    async fn bad_session_input_is_refused_naming_each_field(db) {
        let app = TestApp::new(db).await;
        let a = ana(&app).await;
        let (status, e) = app
            .post(&a.token, "/api/sessions", json!({
                "sessionTypeId": a.yoga, "start": "next tuesday", "capacity": 0,
                "meetingUrl": "ftp://files.example.com", "durationMinutes": 2, "notes": "a\u{0007}b"
            }))
            .await;
        assert_eq!(status, 422, "{e}");
        let mut fields = field_names(&e);
        fields.sort_unstable();
        assert_eq!(fields, ["capacity", "durationMinutes", "meetingUrl", "notes", "start"]);

        let (status, e) = app
            .post(&a.token, "/api/sessions", json!({"sessionTypeId": a.coaching, "start": "2026-11-11T10:00:00Z", "capacity": 3}))
            .await;
        assert_eq!((status, field_names(&e)), (422, vec!["capacity"]), "one-on-one takes one");
        let (status, e) = app
            .post(&a.token, "/api/sessions", json!({"start": "2026-11-11T10:00:00Z"}))
            .await;
        assert_eq!((status, field_names(&e)), (422, vec!["sessionTypeId"]));
        let (status, e) = app
            .post(&a.token, "/api/sessions", json!({"sessionTypeId": 999_999, "start": "2026-11-11T10:00:00Z"}))
            .await;
        assert_eq!((status, field_names(&e)), (422, vec!["sessionTypeId"]));
        let (status, e) = app
            .post(&a.token, "/api/sessions", json!({"sessionTypeId": "yoga"}))
            .await;
        assert_eq!(status, 422, "a wrong type: {e}");
        assert_eq!(app.count("sessions").await, 0);
    }
}

db_test! {
    async fn moving_a_session_moves_everyone_and_tells_each_of_them(db) {
        let app = TestApp::new(db).await;
        let a = ana(&app).await;
        let noor = book(&app, &a, a.yoga, "Noor Haddad", "2026-11-11T15:00:00Z").await;
        let sam = book(&app, &a, a.yoga, "Sam Lee", "2026-11-11T15:00:00Z").await;
        let id = noor["sessionId"].as_i64().unwrap();
        assert_eq!(sam["sessionId"], noor["sessionId"]);

        let (status, moved) = app
            .post(&a.token, &format!("/api/sessions/{id}/move"), json!({"start": "2026-11-12T14:00:00Z"}))
            .await;
        assert_eq!(status, 200, "{moved}");
        assert_eq!((moved["start"].as_str(), moved["end"].as_str()), (Some("2026-11-12T14:00:00+00:00"), Some("2026-11-12T15:00:00+00:00")));
        for b in [&noor, &sam] {
            let (_, now) = app.get(&a.token, &format!("/api/bookings/{}", b["id"])).await;
            assert_eq!(now["start"], "2026-11-12T14:00:00+00:00");
            assert_eq!(now["sessionId"], id, "still one session");
        }
        let told: Vec<String> = emails(&app, "booking_rescheduled").await.into_iter().map(|e| e.0).collect();
        assert_eq!(told, ["noor.haddad@example.com", "sam.lee@example.com"]);
        let (_, notices) = app.get(&a.token, "/api/notifications").await;
        let kinds: Vec<&str> = notices["items"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds.iter().filter(|k| **k == "booking_rescheduled").count(), 2, "{kinds:?}");

        // A move onto another session is refused and changes nothing: no time, no email.
        book(&app, &a, a.coaching, "Ola Berg", "2026-11-13T10:00:00Z").await;
        let before = session(&app, &a.token, id).await;
        let emails_before = app.count("emails").await;
        let (status, e) = app
            .post(&a.token, &format!("/api/sessions/{id}/move"), json!({"date": "2026-11-13", "startTime": "10:30"}))
            .await;
        assert_eq!((status, error_code(&e)), (409, "conflict"), "{e}");
        assert!(e["error"]["message"].as_str().unwrap().contains("10:00"), "says what is in the way: {e}");
        assert_eq!(session(&app, &a.token, id).await, before);
        assert_eq!(app.count("emails").await, emails_before);

        // Bad input names the field.
        let (status, e) = app.post(&a.token, &format!("/api/sessions/{id}/move"), json!({"start": "soon"})).await;
        assert_eq!((status, field_names(&e)), (422, vec!["start"]));
        // A move next to itself (overlapping its own old time) is fine.
        let (status, moved) = app
            .post(&a.token, &format!("/api/sessions/{id}/move"), json!({"start": "2026-11-12T14:30:00Z"}))
            .await;
        assert_eq!(status, 200, "{moved}");
    }
}

db_test! {
    async fn cancelling_a_session_cancels_every_booking_settles_credits_and_tells_everyone(db) {
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

        // In time (more than 24 hours ahead): the credit is released.
        let (_, maya) = app.post(&a.token, "/api/bookings", with_credit("2026-11-11T15:00:00Z")).await;
        let noor = book(&app, &a, a.yoga, "Noor Haddad", "2026-11-11T15:00:00Z").await;
        let id = maya["sessionId"].as_i64().unwrap();
        let (status, cancelled) = app
            .post(&a.token, &format!("/api/sessions/{id}/cancel"), json!({"reason": "The studio is closed"}))
            .await;
        assert_eq!(status, 200, "{cancelled}");
        assert_eq!(cancelled["status"], "cancelled");
        assert_eq!((cancelled["seatsTaken"].as_i64(), cancelled["seatsLeft"].as_i64()), (Some(0), Some(5)));
        for b in [&maya, &noor] {
            let (_, now) = app.get(&a.token, &format!("/api/bookings/{}", b["id"])).await;
            assert_eq!((now["status"].as_str(), now["cancelReason"].as_str()), (Some("cancelled"), Some("The studio is closed")));
        }
        let (_, now) = app.get(&a.token, &format!("/api/bookings/{}", maya["id"])).await;
        assert_eq!(now["credit"], "released");
        let told = emails(&app, "booking_cancelled").await;
        let to: Vec<&str> = told.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(to, ["maya@example.com", "noor.haddad@example.com"]);
        assert!(told[0].1.contains("The studio is closed"), "{}", told[0].1);

        // Once cancelled it cannot be cancelled, moved or resized again.
        let (status, e) = app.post(&a.token, &format!("/api/sessions/{id}/cancel"), json!({})).await;
        assert_eq!((status, error_code(&e)), (409, "session_cancelled"), "{e}");
        let (status, _) = app.post(&a.token, &format!("/api/sessions/{id}/move"), json!({"start": "2026-11-20T10:00:00Z"})).await;
        assert_eq!(status, 409);
        // Its time is free again.
        let (status, e) = app.post(&a.token, "/api/sessions", json!({"sessionTypeId": a.coaching, "start": "2026-11-11T15:00:00Z"})).await;
        assert_eq!(status, 201, "{e}");

        // Late (inside the 24-hour cut-off): the credit is used, unless the coach gives it back.
        let (_, late) = app.post(&a.token, "/api/bookings", with_credit("2026-11-03T08:00:00Z")).await;
        let late_id = late["sessionId"].as_i64().unwrap();
        let (status, _) = app
            .post(&a.token, &format!("/api/sessions/{late_id}/cancel"), json!({"reason": "Ill", "releaseCredits": true}))
            .await;
        assert_eq!(status, 200);
        let (_, now) = app.get(&a.token, &format!("/api/bookings/{}", late["id"])).await;
        assert_eq!(now["credit"], "waived", "given back by the coach: {now}");
        let (_, late2) = app.post(&a.token, "/api/bookings", with_credit("2026-11-02T15:00:00Z")).await;
        let (status, _) = app
            .post(&a.token, &format!("/api/sessions/{}/cancel", late2["sessionId"]), json!({"reason": "Ill"}))
            .await;
        assert_eq!(status, 200);
        let (_, now) = app.get(&a.token, &format!("/api/bookings/{}", late2["id"])).await;
        assert_eq!(now["credit"], "used", "{now}");

        // A session that has started cannot be cancelled: nothing changes.
        let started = book(&app, &a, a.coaching, "Ola Berg", "2026-11-04T10:00:00Z").await;
        app.clock.set("2026-11-04T10:10:00Z".parse().unwrap());
        let emails_before = app.count("emails").await;
        let (status, e) = app
            .post(&a.token, &format!("/api/sessions/{}/cancel", started["sessionId"]), json!({}))
            .await;
        assert_eq!(status, 409, "{e}");
        let (_, now) = app.get(&a.token, &format!("/api/bookings/{}", started["id"])).await;
        assert_eq!(now["status"], "confirmed");
        assert_eq!(app.count("emails").await, emails_before);
    }
}

db_test! {
    async fn capacity_changes_but_never_below_the_seats_taken(db) {
        let app = TestApp::new(db).await;
        let a = ana(&app).await;
        let noor = book(&app, &a, a.yoga, "Noor Haddad", "2026-11-11T15:00:00Z").await;
        book(&app, &a, a.yoga, "Sam Lee", "2026-11-11T15:00:00Z").await;
        let id = noor["sessionId"].as_i64().unwrap();
        let path = format!("/api/sessions/{id}/capacity");

        let (status, s) = app.put(&a.token, &path, json!({"capacity": 12})).await;
        assert_eq!(status, 200, "{s}");
        assert_eq!((s["capacity"].as_i64(), s["seatsLeft"].as_i64()), (Some(12), Some(10)));
        let (status, s) = app.put(&a.token, &path, json!({"capacity": 2})).await;
        assert_eq!((status, s["seatsLeft"].as_i64()), (200, Some(0)), "{s}");
        // Full: the next booking of that time makes a session of its own, which collides.
        let (status, _) = app
            .post(&a.token, "/api/bookings", json!({"sessionTypeId": a.yoga, "name": "Ola Berg", "email": "ola@example.com", "start": "2026-11-11T15:00:00Z"}))
            .await;
        assert_eq!(status, 409);

        let (status, e) = app.put(&a.token, &path, json!({"capacity": 1})).await;
        assert_eq!((status, error_code(&e)), (409, "capacity_below_seats"), "{e}");
        assert!(e["error"]["message"].as_str().unwrap().contains("2 seats are taken"), "{e}");
        assert_eq!(session(&app, &a.token, id).await["capacity"], 2, "unchanged");
        for bad in [json!({"capacity": 0}), json!({"capacity": 501})] {
            let (status, e) = app.put(&a.token, &path, bad).await;
            assert_eq!((status, field_names(&e)), (422, vec!["capacity"]));
        }
        let (status, _) = app.put(&a.token, &path, json!({})).await;
        assert_eq!(status, 422, "capacity is required");

        // One-on-one stays one.
        let single = book(&app, &a, a.coaching, "Ola Berg", "2026-11-12T10:00:00Z").await;
        let (status, e) = app
            .put(&a.token, &format!("/api/sessions/{}/capacity", single["sessionId"]), json!({"capacity": 2}))
            .await;
        assert_eq!((status, field_names(&e)), (422, vec!["capacity"]));
    }
}

db_test! {
    async fn a_sessions_details_and_type_change_and_a_new_link_is_news_for_everyone(db) {
        let app = TestApp::new(db).await;
        let a = ana(&app).await;
        let noor = book(&app, &a, a.coaching, "Noor Haddad", "2026-11-10T10:00:00Z").await;
        let id = noor["sessionId"].as_i64().unwrap();
        let path = format!("/api/sessions/{id}");

        let (status, s) = app.patch(&a.token, &path, json!({"notes": "Focus on goals"})).await;
        assert_eq!((status, s["notes"].as_str()), (200, Some("Focus on goals")), "{s}");
        assert!(emails(&app, "booking_rescheduled").await.is_empty(), "notes are not news");

        let (status, s) = app.patch(&a.token, &path, json!({"meetingUrl": "https://meet.example.com/new-room"})).await;
        assert_eq!((status, s["meetingUrl"].as_str()), (200, Some("https://meet.example.com/new-room")));
        assert_eq!(s["notes"], "Focus on goals", "kept");
        let told = emails(&app, "booking_rescheduled").await;
        assert_eq!(told.len(), 1);
        assert!(told[0].1.contains("https://meet.example.com/new-room"), "{}", told[0].1);

        // Another type: its buffers must fit next to the neighbours.
        let padded = app
            .session_type(&a.token, json!({"name": "Deep dive", "durationMinutes": 60, "bufferAfterMinutes": 30}))
            .await;
        book(&app, &a, a.coaching, "Sam Lee", "2026-11-10T11:15:00Z").await;
        let (status, e) = app.patch(&a.token, &path, json!({"sessionTypeId": padded})).await;
        assert_eq!(status, 409, "{e}");
        assert_eq!(session(&app, &a.token, id).await["sessionTypeId"], a.coaching, "unchanged");
        let roomy = app
            .session_type(&a.token, json!({"name": "Check-in", "durationMinutes": 30, "bufferAfterMinutes": 10}))
            .await;
        let (status, s) = app.patch(&a.token, &path, json!({"sessionTypeId": roomy})).await;
        assert_eq!(status, 200, "{s}");
        assert_eq!((s["sessionTypeName"].as_str(), s["bufferAfterMinutes"].as_i64()), (Some("Check-in"), Some(10)));
        assert_eq!(s["end"], "2026-11-10T11:00:00+00:00", "the time stays");

        // A one-on-one type for a group with two people is refused.
        let g = book(&app, &a, a.yoga, "Ola Berg", "2026-11-12T15:00:00Z").await;
        book(&app, &a, a.yoga, "Pia Lund", "2026-11-12T15:00:00Z").await;
        let (status, e) = app
            .patch(&a.token, &format!("/api/sessions/{}", g["sessionId"]), json!({"sessionTypeId": a.coaching}))
            .await;
        assert_eq!((status, error_code(&e)), (409, "capacity_below_seats"), "{e}");

        let (status, e) = app.patch(&a.token, &path, json!({"meetingUrl": "javascript:alert(1)", "sessionTypeId": 999_999})).await;
        assert_eq!(status, 422);
        let mut fields = field_names(&e);
        fields.sort_unstable();
        assert_eq!(fields, ["meetingUrl", "sessionTypeId"]);
    }
}

db_test! {
    async fn a_session_is_saved_as_a_template(db) {
        let app = TestApp::new(db).await;
        let a = ana(&app).await;
        let (_, class) = app
            .post(&a.token, "/api/sessions", json!({"sessionTypeId": a.yoga, "start": "2026-11-11T15:00:00Z",
                "durationMinutes": 90, "capacity": 9, "notes": "Bring a mat", "meetingUrl": "https://meet.example.com/yoga"}))
            .await;
        let id = class["id"].as_i64().unwrap();
        let (status, t) = app.post(&a.token, &format!("/api/sessions/{id}/template"), json!({"name": "Long yoga"})).await;
        assert_eq!(status, 201, "{t}");
        assert_eq!(t["name"], "Long yoga");
        assert_eq!((t["sessionTypeId"].as_i64(), t["durationMinutes"].as_i64(), t["capacity"].as_i64()), (Some(a.yoga), Some(90), Some(9)));
        assert_eq!((t["notes"].as_str(), t["meetingUrl"].as_str()), (Some("Bring a mat"), Some("https://meet.example.com/yoga")));
        assert_eq!(t["clientId"], Value::Null);
        let (status, e) = app.post(&a.token, &format!("/api/sessions/{id}/template"), json!({"name": " "})).await;
        assert_eq!((status, field_names(&e)), (422, vec!["name"]));
        let (status, e) = app.post(&a.token, &format!("/api/sessions/{id}/template"), json!({"name": "Long yoga"})).await;
        assert_eq!((status, field_names(&e)), (422, vec!["name"]), "taken");
    }
}

db_test! {
    async fn another_coachs_sessions_answer_like_missing_ones(db) {
        let app = TestApp::new(db).await;
        let a = ana(&app).await;
        let noor = book(&app, &a, a.coaching, "Noor Haddad", "2026-11-10T10:00:00Z").await;
        let id = noor["sessionId"].as_i64().unwrap();
        let bo = app.other_coach_token().await;
        let (status, e) = app.get(&bo, &format!("/api/sessions/{id}")).await;
        assert_eq!((status, error_code(&e)), (404, "not_found"));
        let missing = app.get(&a.token, "/api/sessions/999999").await;
        assert_eq!(missing.0, 404);
        assert_eq!(e["error"]["message"], missing.1["error"]["message"], "alike");
        for (path, body) in [
            (format!("/api/sessions/{id}/move"), json!({"start": "2026-11-12T10:00:00Z"})),
            (format!("/api/sessions/{id}/cancel"), json!({})),
            (format!("/api/sessions/{id}/template"), json!({"name": "Mine now"})),
        ] {
            let (status, e) = app.post(&bo, &path, body).await;
            assert_eq!(status, 404, "{path}: {e}");
        }
        let (status, _) = app.put(&bo, &format!("/api/sessions/{id}/capacity"), json!({"capacity": 1})).await;
        assert_eq!(status, 404);
        let (status, _) = app.patch(&bo, &format!("/api/sessions/{id}"), json!({"notes": "x"})).await;
        assert_eq!(status, 404);
        assert!(list(&app, &bo, "from=2026-11-09T00:00:00Z&to=2026-11-16T00:00:00Z").await.is_empty());
        // Ana's session is as it was.
        let s = session(&app, &a.token, id).await;
        assert_eq!((s["status"].as_str(), s["notes"].as_str()), (Some("scheduled"), Some("")));
        // And a non-coach cannot list at all.
        let (status, _) = app.get("not-a-token", "/api/sessions?from=2026-11-09T00:00:00Z&to=2026-11-16T00:00:00Z").await;
        assert_eq!(status, 401);
    }
}
