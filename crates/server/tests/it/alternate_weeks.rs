//! Windows that repeat every N weeks (issue 16): `everyWeeks` and `anchorDate` on the weekly
//! hours, the public calendar opening alternate Mondays only, the booking check and a public
//! booking refusing an off week, bad values beside their day, and the Availability page's form
//! round-tripping them. Both databases.

use serde_json::{json, Value};

use crate::harness::{call, TestApp};

const SLUG: &str = "ana-ruiz";
/// Mondays from the clock's start (Monday 2 November 2026): an "on" week every other week from
/// the first.
const ON: [&str; 3] = ["2026-11-09", "2026-11-23", "2026-12-07"];
const OFF: [&str; 3] = ["2026-11-16", "2026-11-30", "2026-12-14"];

/// Ana (Europe/London, GMT in November) with a 60-minute type, no notice, and Mondays 09:00–12:00
/// every 2 weeks from the week of 9 November; her token and the type's id.
async fn alternate_mondays(app: &TestApp) -> (String, i64) {
    let token = app.coach_token().await;
    let st = app
        .session_type(&token, json!({"name": "Coaching", "durationMinutes": 60}))
        .await;
    let (status, p) = app
        .put(
            &token,
            "/api/availability/policy",
            json!({
                "minNoticeMinutes": 0, "maxDaysAhead": 365, "slotIntervalMinutes": 60,
                "maxSessionsPerDay": null, "maxSessionsPerWeek": null,
                "cancellationCutoffMinutes": 1440, "rescheduleCutoffMinutes": 1440
            }),
        )
        .await;
    assert_eq!(status, 200, "{p}");
    let (status, saved) = app
        .put(
            &token,
            "/api/availability/rules",
            json!({"rules": [
                // A Wednesday anchor: its week (from Monday 9 November) is an "on" week.
                {"weekday": 1, "start": "09:00", "end": "12:00", "everyWeeks": 2, "anchorDate": "2026-11-11"},
            ]}),
        )
        .await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["rules"][0]["everyWeeks"], 2, "{saved}");
    assert_eq!(saved["rules"][0]["anchorDate"], "2026-11-11", "{saved}");
    (token, st)
}

fn open_dates(cal: &Value) -> Vec<String> {
    let mut days: Vec<String> = cal["slots"]
        .as_array()
        .expect("slots")
        .iter()
        .map(|s| s["start"].as_str().unwrap()[..10].to_owned())
        .collect();
    days.dedup();
    days
}

db_test! {
    async fn an_every_other_monday_window_opens_alternate_mondays_on_the_public_calendar(db) {
        let app = TestApp::new(db).await;
        let (_, st) = alternate_mondays(&app).await;
        let (status, cal) = call(
            &app,
            "GET",
            None,
            &format!("/api/coaches/{SLUG}/calendar?from=2026-11-03&to=2026-12-15&timeZone=Europe/London&sessionTypeId={st}"),
            None,
        )
        .await;
        assert_eq!(status, 200, "{cal}");
        assert_eq!(open_dates(&cal), ON, "{cal}");
        let slots: Vec<&str> = cal["slots"].as_array().unwrap().iter().map(|s| s["start"].as_str().unwrap()).collect();
        assert_eq!(&slots[..3], ["2026-11-09T09:00:00+00:00", "2026-11-09T10:00:00+00:00", "2026-11-09T11:00:00+00:00"]);
    }
}

db_test! {
    async fn the_booking_check_and_a_public_booking_refuse_a_monday_of_an_off_week(db) {
        let app = TestApp::new(db).await;
        let (token, st) = alternate_mondays(&app).await;
        let at = |day: &str| format!("{day}T10:00:00Z");
        let check = |day: &'static str| {
            let body = json!({"sessionTypeId": st, "start": at(day), "name": "Jo Client", "email": "jo@example.com"});
            let (app, token) = (&app, token.clone());
            async move { app.post(&token, "/api/bookings/check", body).await }
        };
        let (status, free) = check(ON[1]).await;
        assert_eq!((status, free["status"].as_str()), (200, Some("free")), "{free}");
        let (status, off) = check(OFF[0]).await;
        assert_eq!(status, 200, "{off}");
        assert_ne!(off["status"], "free", "an off week is outside the hours: {off}");
        assert!(off["reason"].is_string(), "the check says why: {off}");

        let (status, refused) = call(&app, "POST", None, &format!("/api/coaches/{SLUG}/bookings"),
            Some(json!({"sessionTypeId": st, "start": at(OFF[1]), "name": "Vi Visitor", "email": "vi@example.com"}))).await;
        assert!(status == 409 || status == 422, "{status} {refused}");
        assert_eq!(app.count("bookings").await, 0);
        let (status, booked) = call(&app, "POST", None, &format!("/api/coaches/{SLUG}/bookings"),
            Some(json!({"sessionTypeId": st, "start": at(ON[2]), "name": "Vi Visitor", "email": "vi@example.com"}))).await;
        assert_eq!(status, 201, "{booked}");
    }
}

db_test! {
    async fn bad_repeat_values_are_refused_beside_their_day_and_change_nothing(db) {
        let app = TestApp::new(db).await;
        let (token, _) = alternate_mondays(&app).await;
        let cases = [
            (json!({"weekday": 2, "start": "09:00", "end": "12:00", "everyWeeks": 0}), "tuesday", "1 to 8 weeks"),
            (json!({"weekday": 3, "start": "09:00", "end": "12:00", "everyWeeks": 9}), "wednesday", "1 to 8 weeks"),
            (json!({"weekday": 4, "start": "09:00", "end": "12:00", "everyWeeks": -2}), "thursday", "1 to 8 weeks"),
            (json!({"weekday": 5, "start": "09:00", "end": "12:00", "everyWeeks": 2, "anchorDate": "next week"}), "friday", "week to start from"),
            (json!({"weekday": 6, "start": "09:00", "end": "12:00", "everyWeeks": 2, "anchorDate": "2026-02-30"}), "saturday", "week to start from"),
        ];
        for (rule, field, words) in cases {
            let (status, err) = app.put(&token, "/api/availability/rules", json!({"rules": [rule]})).await;
            assert_eq!(status, 422, "{rule} -> {err}");
            assert_eq!(err["error"]["code"], "invalid_input", "{err}");
            assert_eq!(err["error"]["fields"][0]["field"], field, "{err}");
            assert!(err["error"]["fields"][0]["message"].as_str().unwrap().contains(words), "{err}");
        }
        for bad in [json!("two"), json!(2.5), json!(1e30)] {
            let (status, err) = app.put(&token, "/api/availability/rules",
                json!({"rules": [{"weekday": 1, "start": "09:00", "end": "12:00", "everyWeeks": bad}]})).await;
            assert_eq!(status, 422, "{bad} -> {err}");
        }
        let (_, kept) = app.get(&token, "/api/availability/rules").await;
        assert_eq!(kept["rules"].as_array().unwrap().len(), 1, "{kept}");
        assert_eq!(kept["rules"][0]["everyWeeks"], 2);
    }
}

db_test! {
    async fn without_an_anchor_the_weeks_count_from_valid_from_else_from_today(db) {
        let app = TestApp::new(db).await;
        let (token, _) = alternate_mondays(&app).await;
        let (status, saved) = app.put(&token, "/api/availability/rules", json!({"rules": [
            {"weekday": 1, "start": "09:00", "end": "12:00", "everyWeeks": 3},
            {"weekday": 2, "start": "09:00", "end": "12:00", "everyWeeks": 2, "validFrom": "2026-12-01"},
            {"weekday": 3, "start": "09:00", "end": "12:00"},
        ]})).await;
        assert_eq!(status, 200, "{saved}");
        // The clock starts on 2 November 2026 (London).
        assert_eq!(saved["rules"][0]["anchorDate"], "2026-11-02", "{saved}");
        assert_eq!(saved["rules"][1]["anchorDate"], "2026-12-01", "{saved}");
        assert_eq!((&saved["rules"][2]["everyWeeks"], &saved["rules"][2]["anchorDate"]), (&json!(1), &Value::Null));
    }
}

/// The weekly form as the page sends it: Monday ticked with one window repeating `every` weeks
/// from `anchor`, every other day's blank row.
fn week(every: &str, anchor: &str) -> Vec<(String, String)> {
    let mut f = vec![("part".to_owned(), "hours".to_owned())];
    for day in coachbook::app::availability::WEEKDAY_FIELDS {
        let mut rows = vec![("", "", "1", "")];
        if day == "monday" {
            f.push(("day".into(), day.into()));
            rows.insert(0, ("09:00", "12:00", every, anchor));
        }
        for (start, end, every, anchor) in rows {
            f.push((format!("start-{day}"), start.into()));
            f.push((format!("end-{day}"), end.into()));
            f.push((format!("scope-{day}"), "||".into()));
            f.push((format!("every-{day}"), every.into()));
            f.push((format!("anchor-{day}"), anchor.into()));
        }
    }
    f
}

db_test! {
    async fn the_availability_page_round_trips_every_other_week_and_summarises_it(db) {
        let app = TestApp::serve(db).await;
        let (client, token) = app.signed_in_coach().await;

        let res = app.post_form(&client, "/admin/availability/hours", &week("2", "2026-12-09")).await;
        assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
        let (_, rules) = app.get(&token, "/api/availability/rules").await;
        assert_eq!(rules["rules"][0]["everyWeeks"], 2, "{rules}");
        assert_eq!(rules["rules"][0]["anchorDate"], "2026-12-09", "{rules}");

        let html = client.get(app.url("/admin/availability")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Mondays 09:00–12:00, every 2nd week from 7 Dec"), "the summary names the cycle");
        assert!(html.contains("<option value=\"2\" selected>Every 2 weeks</option>"), "the choice comes back");
        assert!(html.contains("name=\"anchor-monday\" value=\"2026-12-09\""), "the week comes back");

        // Saving the page again as it came back keeps the cycle; back to every week drops it.
        let res = app.post_form(&client, "/admin/availability/hours", &week("2", "2026-12-09")).await;
        assert_eq!(res.status(), 303);
        let (_, again) = app.get(&token, "/api/availability/rules").await;
        assert_eq!(again, rules);
        let res = app.post_form(&client, "/admin/availability/hours", &week("1", "2026-12-09")).await;
        assert_eq!(res.status(), 303);
        let (_, weekly) = app.get(&token, "/api/availability/rules").await;
        assert_eq!((&weekly["rules"][0]["everyWeeks"], &weekly["rules"][0]["anchorDate"]), (&json!(1), &Value::Null));

        // A bad value comes back beside Monday, with nothing saved.
        let res = app.post_form(&client, "/admin/availability/hours", &week("12", "")).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("id=\"monday-error\""), "the error is beside Monday");
        assert!(html.contains("repeat every 1 to 8 weeks"), "{html}");
        let (_, still) = app.get(&token, "/api/availability/rules").await;
        assert_eq!(still, weekly);
    }
}
