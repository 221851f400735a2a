//! Availability through the API, in-process, on both databases: weekly hours, overrides, time
//! off, policy, open slots, and bookings, approvals and reschedules going through the same checks.

mod pages;

use serde_json::{json, Value};

use crate::harness::{error_code, TestApp};

/// A coach (Europe/London) with a 60-minute type and a policy without notice, and their token.
async fn coach(app: &TestApp) -> (String, i64) {
    let token = app.coach_token().await;
    let type_id = app
        .session_type(&token, json!({"name": "Coaching", "durationMinutes": 60}))
        .await;
    let (status, p) = app
        .put(
            &token,
            "/api/availability/policy",
            json!({
                "minNoticeMinutes": 0, "maxDaysAhead": 3000, "slotIntervalMinutes": 30,
                "maxSessionsPerDay": null, "maxSessionsPerWeek": null,
                "cancellationCutoffMinutes": 1440, "rescheduleCutoffMinutes": 1440
            }),
        )
        .await;
    assert_eq!(status, 200, "{p}");
    (token, type_id)
}

fn starts(slots: &Value) -> Vec<String> {
    slots["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["start"].as_str().unwrap().to_owned())
        .collect()
}

// 2027-03-08 is a Monday; London is on GMT (+00:00) until 2027-03-28.
const MONDAY: &str = "from=2027-03-08&to=2027-03-09";

db_test! {
    async fn weekly_hours_with_several_windows_give_the_slots_between_them(db) {
        let app = TestApp::new(db).await;
        let (token, type_id) = coach(&app).await;
        let (status, saved) = app.put(&token, "/api/availability/rules", json!({"rules": [
            {"weekday": 1, "start": "13:00", "end": "15:00"},
            {"weekday": 1, "start": "09:00", "end": "10:30"},
            {"weekday": 3, "start": "09:00", "end": "17:00", "validUntil": "2027-01-31"},
        ]})).await;
        assert_eq!(status, 200, "{saved}");
        assert_eq!(saved["rules"].as_array().unwrap().len(), 3);
        assert_eq!(saved["rules"][0]["start"], "09:00", "sorted by weekday and start");

        let (status, slots) = app.get(&token, &format!("/api/availability?sessionTypeId={type_id}&{MONDAY}")).await;
        assert_eq!(status, 200, "{slots}");
        assert_eq!(slots["coachTimeZone"], "Europe/London");
        assert_eq!(starts(&slots), [
            "2027-03-08T09:00:00+00:00", "2027-03-08T09:30:00+00:00",
            "2027-03-08T13:00:00+00:00", "2027-03-08T13:30:00+00:00", "2027-03-08T14:00:00+00:00",
        ]);
        assert_eq!(slots["slots"][0]["end"], "2027-03-08T10:00:00+00:00");
        assert_eq!(slots["slots"][0]["seatsLeft"], 1);

        // The viewer's zone changes only how the same instants are written.
        let (_, ny) = app.get(&token, &format!("/api/availability?{MONDAY}&timeZone=America/New_York")).await;
        assert_eq!(ny["timeZone"], "America/New_York");
        assert_eq!(starts(&ny)[0], "2027-03-08T04:00:00-05:00");
        assert_eq!(starts(&ny).len(), 5);

        // The Wednesday window ended in January.
        let (_, wed) = app.get(&token, &format!("/api/availability?sessionTypeId={type_id}&from=2027-03-10&to=2027-03-11")).await;
        assert!(starts(&wed).is_empty(), "{wed}");
    }
}

db_test! {
    async fn bad_weekly_hours_are_refused_beside_their_day_and_change_nothing(db) {
        let app = TestApp::new(db).await;
        let (token, _) = coach(&app).await;
        let (status, _) = app.put(&token, "/api/availability/rules", json!({"rules": [{"weekday": 2, "start": "09:00", "end": "12:00"}]})).await;
        assert_eq!(status, 200);
        let cases = [
            (json!([{"weekday": 1, "start": "12:00", "end": "09:00"}]), "monday", "after the start"),
            (json!([{"weekday": 1, "start": "09:00", "end": "12:00"}, {"weekday": 1, "start": "11:00", "end": "13:00"}]), "monday", "overlaps"),
            (json!([{"weekday": 5, "start": "9am", "end": "12:00"}]), "friday", "HH:MM"),
            (json!([{"weekday": 5, "start": "25:00", "end": "26:00"}]), "friday", "HH:MM"),
            (json!([{"weekday": 8, "start": "09:00", "end": "12:00"}]), "weekday", "1 (Monday)"),
            (json!([{"weekday": 7, "start": "09:00", "end": "12:00", "sessionTypeIds": [999999]}]), "sunday", "not one of yours"),
            (json!([{"weekday": 7, "start": "09:00", "end": "12:00", "validFrom": "2027-05-01", "validUntil": "2027-04-01"}]), "sunday", "before the first"),
        ];
        for (rules, field, words) in cases {
            let (status, err) = app.put(&token, "/api/availability/rules", json!({ "rules": rules })).await;
            assert_eq!(status, 422, "{rules} -> {err}");
            assert_eq!(err["error"]["fields"][0]["field"], field, "{err}");
            assert!(err["error"]["fields"][0]["message"].as_str().unwrap().contains(words), "{err}");
        }
        let (status, _) = app.put(&token, "/api/availability/rules", json!("not an object")).await;
        assert_eq!(status, 422);
        let (_, kept) = app.get(&token, "/api/availability/rules").await;
        assert_eq!(kept["rules"], json!([{"weekday": 2, "start": "09:00", "end": "12:00", "sessionTypeIds": [], "validFrom": null, "validUntil": null, "everyWeeks": 1, "anchorDate": null}]));
    }
}

db_test! {
    async fn overrides_replace_or_close_a_day_and_can_be_removed(db) {
        let app = TestApp::new(db).await;
        let (token, _) = coach(&app).await;
        app.put(&token, "/api/availability/rules", json!({"rules": [{"weekday": 1, "start": "09:00", "end": "12:00"}]})).await;

        let (status, o) = app.put(&token, "/api/availability/overrides/2027-03-08", json!({"windows": [{"start": "16:00", "end": "18:00"}]})).await;
        assert_eq!(status, 200, "{o}");
        assert_eq!(o["closed"], false);
        let (_, slots) = app.get(&token, &format!("/api/availability?{MONDAY}")).await;
        assert_eq!(starts(&slots), ["2027-03-08T16:00:00+00:00", "2027-03-08T16:30:00+00:00", "2027-03-08T17:00:00+00:00"]);

        let (status, closed) = app.put(&token, "/api/availability/overrides/2027-03-08", json!({"windows": []})).await;
        assert_eq!((status, &closed["closed"]), (200, &json!(true)));
        let (_, slots) = app.get(&token, &format!("/api/availability?{MONDAY}")).await;
        assert!(starts(&slots).is_empty());

        let (status, list) = app.get(&token, "/api/availability/overrides").await;
        assert_eq!((status, list.as_array().unwrap().len()), (200, 1));
        let (status, _) = app.delete(&token, "/api/availability/overrides/2027-03-08").await;
        assert_eq!(status, 204);
        let (_, slots) = app.get(&token, &format!("/api/availability?{MONDAY}")).await;
        assert_eq!(starts(&slots).len(), 5, "the weekly hours apply again");
        let (status, err) = app.delete(&token, "/api/availability/overrides/2027-03-08").await;
        assert_eq!((status, error_code(&err)), (404, "not_found"));

        let (status, err) = app.put(&token, "/api/availability/overrides/next-monday", json!({"windows": []})).await;
        assert_eq!((status, err["error"]["fields"][0]["field"].as_str()), (422, Some("date")));
        let (status, err) = app.put(&token, "/api/availability/overrides/2027-03-09", json!({"windows": [{"start": "10:00", "end": "09:00"}]})).await;
        assert_eq!((status, err["error"]["fields"][0]["field"].as_str()), (422, Some("windows")));
    }
}

db_test! {
    async fn time_off_of_each_kind_removes_slots_and_is_the_coachs_own(db) {
        let app = TestApp::new(db).await;
        let (token, _) = coach(&app).await;
        app.open_every_day(&token, "09:00", "12:00").await;

        let (status, once) = app.post(&token, "/api/availability/blocks", json!({"kind": "once", "start": "2027-03-08T09:00", "end": "2027-03-08T10:30", "label": "Dentist"})).await;
        assert_eq!(status, 201, "{once}");
        assert_eq!(once["start"], "2027-03-08T09:00:00+00:00", "a local time is read in the coach's zone");
        let (_, slots) = app.get(&token, &format!("/api/availability?{MONDAY}")).await;
        assert_eq!(starts(&slots), ["2027-03-08T10:30:00+00:00", "2027-03-08T11:00:00+00:00"]);

        let (status, days) = app.post(&token, "/api/availability/blocks", json!({"kind": "days", "from": "2027-03-09", "until": "2027-03-10"})).await;
        assert_eq!(status, 201, "{days}");
        let (status, weekly) = app.post(&token, "/api/availability/blocks", json!({"kind": "weekly", "weekdays": [5], "startTime": "09:00", "endTime": "24:00", "from": "2027-01-01"})).await;
        assert_eq!(status, 201, "{weekly}");
        assert!(weekly["summary"].as_str().unwrap().starts_with("Every Fri 09:00–24:00"), "{weekly}");
        let (_, week) = app.get(&token, "/api/availability?from=2027-03-08&to=2027-03-15").await;
        let days_with_slots: std::collections::BTreeSet<String> = starts(&week).iter().map(|s| s[..10].to_owned()).collect();
        assert_eq!(days_with_slots.into_iter().collect::<Vec<_>>(), ["2027-03-08", "2027-03-11", "2027-03-13", "2027-03-14"]);
        assert!(week["busy"].as_array().unwrap().iter().all(|b| b.as_object().unwrap().len() == 2), "busy time says only when: {week}");

        for (bad, field) in [
            (json!({"kind": "sometimes"}), "kind"),
            (json!({"kind": "once", "start": "2027-03-08T11:00", "end": "2027-03-08T10:00"}), "end"),
            (json!({"kind": "days", "from": "2027-03-10", "until": "2027-03-01"}), "until"),
            (json!({"kind": "weekly", "weekdays": [], "startTime": "09:00", "endTime": "10:00"}), "weekdays"),
            (json!({"kind": "once", "start": "2027-03-08T09:00", "end": "2027-03-08T10:00", "label": "x".repeat(101)}), "label"),
        ] {
            let (status, err) = app.post(&token, "/api/availability/blocks", bad.clone()).await;
            assert_eq!(status, 422, "{bad} -> {err}");
            assert_eq!(err["error"]["fields"][0]["field"], field, "{err}");
        }

        let bo = app.other_coach_token().await;
        let (_, theirs) = app.get(&bo, "/api/availability/blocks").await;
        assert_eq!(theirs, json!([]));
        let path = format!("/api/availability/blocks/{}", once["id"]);
        let (status, _) = app.delete(&bo, &path).await;
        assert_eq!(status, 404, "another coach's time off is not found");
        let (status, _) = app.get(&bo, &format!("/api/availability?coachId=1&{MONDAY}")).await;
        assert!(status == 404 || status == 422, "another coach's slots are not shown: {status}");
        let (status, _) = app.delete(&token, &path).await;
        assert_eq!(status, 204);
        let (_, mine) = app.get(&token, "/api/availability/blocks").await;
        assert_eq!(mine.as_array().unwrap().len(), 2);
    }
}

db_test! {
    async fn the_policy_shapes_slots_and_bad_values_are_refused(db) {
        let app = TestApp::new(db).await;
        let (token, _) = coach(&app).await;
        app.put(&token, "/api/availability/rules", json!({"rules": [{"weekday": 1, "start": "09:00", "end": "12:00"}]})).await;
        let (status, p) = app.put(&token, "/api/availability/policy", json!({
            "minNoticeMinutes": 0, "maxDaysAhead": 3000, "slotIntervalMinutes": 60,
            "maxSessionsPerDay": 2, "maxSessionsPerWeek": null,
            "cancellationCutoffMinutes": 60, "rescheduleCutoffMinutes": 60
        })).await;
        assert_eq!(status, 200, "{p}");
        let (_, slots) = app.get(&token, &format!("/api/availability?{MONDAY}")).await;
        assert_eq!(starts(&slots), ["2027-03-08T09:00:00+00:00", "2027-03-08T10:00:00+00:00", "2027-03-08T11:00:00+00:00"]);

        let (status, err) = app.put(&token, "/api/availability/policy", json!({
            "minNoticeMinutes": -5, "maxDaysAhead": 0, "slotIntervalMinutes": 1,
            "maxSessionsPerDay": 0, "maxSessionsPerWeek": null,
            "cancellationCutoffMinutes": 60, "rescheduleCutoffMinutes": 60
        })).await;
        assert_eq!(status, 422);
        let fields: Vec<&str> = err["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["minNoticeMinutes", "maxDaysAhead", "slotIntervalMinutes", "maxSessionsPerDay"]);
        let (_, kept) = app.get(&token, "/api/availability/policy").await;
        assert_eq!(kept["slotIntervalMinutes"], 60);

        for q in ["from=2027-03-08&to=2027-03-01", "from=2027-01-01&to=2028-06-01", "timeZone=Mars/Olympus", "sessionTypeId=99999"] {
            let (status, err) = app.get(&token, &format!("/api/availability?{q}")).await;
            assert_eq!(status, 422, "{q} -> {err}");
        }
        // A bound in no accepted form is a malformed request.
        let (status, err) = app.get(&token, "/api/availability?from=yesterday").await;
        assert_eq!((status, error_code(&err)), (400, "invalid_query"), "{err}");
    }
}

db_test! {
    async fn a_coach_books_outside_hours_only_deliberately_and_slots_close_around_bookings(db) {
        let app = TestApp::new(db).await;
        let (token, type_id) = coach(&app).await;
        app.put(&token, "/api/availability/rules", json!({"rules": [{"weekday": 1, "start": "09:00", "end": "12:00"}]})).await;
        let booking = |start: &str, over: bool| json!({"sessionTypeId": type_id, "start": start, "name": "Jo Client", "email": "jo@example.com", "overrideAvailability": over});

        let (status, err) = app.post(&token, "/api/bookings", booking("2027-03-08T18:00:00Z", false)).await;
        assert_eq!((status, error_code(&err)), (409, "outside_availability"), "{err}");
        let (status, late) = app.post(&token, "/api/bookings", booking("2027-03-08T18:00:00Z", true)).await;
        assert_eq!(status, 201, "{late}");
        // Overriding the hours never overrides a collision.
        let (status, err) = app.post(&token, "/api/bookings", booking("2027-03-08T18:30:00Z", true)).await;
        assert_eq!((status, error_code(&err)), (409, "conflict"));

        let (status, b) = app.post(&token, "/api/bookings", booking("2027-03-08T10:00:00Z", false)).await;
        assert_eq!(status, 201, "{b}");
        let (_, slots) = app.get(&token, &format!("/api/availability?{MONDAY}")).await;
        assert_eq!(starts(&slots), ["2027-03-08T09:00:00+00:00", "2027-03-08T11:00:00+00:00"]);
        let body = slots.to_string();
        assert!(!body.contains("Jo Client") && !body.contains("jo@example.com"), "slots name nobody");

        // Cancelling frees the time.
        let (status, cancelled) = app.post(&token, &format!("/api/bookings/{}/cancel", b["id"]), json!({"reason": "Client is ill"})).await;
        assert_eq!((status, &cancelled["status"], &cancelled["cancelReason"]), (200, &json!("cancelled"), &json!("Client is ill")));
        let (_, slots) = app.get(&token, &format!("/api/availability?{MONDAY}")).await;
        assert_eq!(starts(&slots).len(), 5);
        let (status, err) = app.post(&token, &format!("/api/bookings/{}/cancel", b["id"]), json!({})).await;
        assert_eq!(status, 409, "cancelled is final: {err}");
        let (status, err) = app.post(&token, &format!("/api/bookings/{}/complete", late["id"]), json!({})).await;
        assert_eq!(status, 409, "a future session cannot be completed: {err}");
    }
}

db_test! {
    async fn rescheduling_and_approving_go_through_the_same_check(db) {
        let app = TestApp::new(db).await;
        let (token, type_id) = coach(&app).await;
        app.open_every_day(&token, "08:00", "20:00").await;
        let book = |start: &str| json!({"sessionTypeId": type_id, "start": start, "name": "Jo Client", "email": "jo@example.com"});
        let (_, a) = app.post(&token, "/api/bookings", book("2027-03-08T09:00:00Z")).await;
        let (_, b) = app.post(&token, "/api/bookings", book("2027-03-08T11:00:00Z")).await;

        let path = format!("/api/bookings/{}/reschedule", a["id"]);
        let (status, err) = app.post(&token, &path, json!({"start": "2027-03-08T10:30:00Z"})).await;
        assert_eq!((status, error_code(&err)), (409, "conflict"), "{err}");
        let (status, err) = app.post(&token, &path, json!({"start": "2027-03-08T21:00:00Z"})).await;
        assert_eq!((status, error_code(&err)), (409, "outside_availability"));
        let (status, err) = app.post(&token, &path, json!({"start": "soon"})).await;
        assert_eq!((status, err["error"]["fields"][0]["field"].as_str()), (422, Some("start")));
        // Moving within its own old time is fine: it does not collide with itself.
        let (status, moved) = app.post(&token, &path, json!({"start": "2027-03-08T09:30:00Z"})).await;
        assert_eq!(status, 200, "{moved}");
        assert_eq!((moved["start"].as_str(), moved["end"].as_str()), (Some("2027-03-08T09:30:00+00:00"), Some("2027-03-08T10:30:00+00:00")));
        assert_eq!(moved["sessionId"], a["sessionId"], "a one-on-one session moves whole");

        // A pending booking whose time has since been blocked cannot be approved.
        sqlx::query("UPDATE bookings SET status = 'pending' WHERE id = $1").bind(b["id"].as_i64().unwrap()).execute(app.state.db().pool()).await.unwrap();
        let (_, block) = app.post(&token, "/api/availability/blocks", json!({"kind": "once", "start": "2027-03-08T11:30:00Z", "end": "2027-03-08T12:30:00Z"})).await;
        let confirm = format!("/api/bookings/{}/confirm", b["id"]);
        let (status, err) = app.post(&token, &confirm, json!({})).await;
        assert_eq!((status, error_code(&err)), (409, "conflict"), "{err}");
        assert!(err["error"]["message"].as_str().unwrap().contains("time off"), "{err}");
        app.delete(&token, &format!("/api/availability/blocks/{}", block["id"])).await;
        let (status, ok) = app.post(&token, &confirm, json!({})).await;
        assert_eq!((status, &ok["status"]), (200, &json!("confirmed")));
        let (status, _) = app.post(&token, &confirm, json!({})).await;
        assert_eq!(status, 409, "already confirmed");

        // Filters on the list.
        let (_, list) = app.get(&token, "/api/bookings?status=confirmed&from=2027-03-08T00:00:00Z&to=2027-03-09T00:00:00Z&q=JO").await;
        assert_eq!(list.as_array().unwrap().len(), 2, "{list}");
        let (status, _) = app.get(&token, "/api/bookings?status=maybe").await;
        assert_eq!(status, 422);
        let (status, _) = app.post(&token, "/api/bookings/999999/confirm", json!({})).await;
        assert_eq!(status, 404);
    }
}
