//! The Availability page without JavaScript, on both databases: the weekly form saves and copies,
//! bad input comes back beside its day with nothing changed, the other forms save, only coaches
//! get in, and the preview route answers JSON for an unsaved draft.

use serde_json::{json, Value};

use crate::harness::{error_code, TestApp};

/// The form's day keys, which are also the API's field names for a day's windows.
const DAYS: [&str; 7] = coachbook::app::availability::WEEKDAY_FIELDS;

/// The weekly form as a browser without JavaScript sends it: Monday ticked with `windows`, every
/// day's blank row, plus `extra` fields.
fn week(windows: &[(&str, &str)], extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut f = vec![("part".to_owned(), "hours".to_owned())];
    for day in DAYS {
        let mut rows: Vec<(&str, &str)> = Vec::new();
        if day == "monday" {
            f.push(("day".into(), day.into()));
            rows.extend_from_slice(windows);
        }
        rows.push(("", ""));
        for (start, end) in rows {
            f.push((format!("start-{day}"), start.into()));
            f.push((format!("end-{day}"), end.into()));
            f.push((format!("scope-{day}"), "||".into()));
        }
    }
    f.extend(
        extra
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    f
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

async fn rules(app: &TestApp, token: &str) -> Vec<Value> {
    let (status, body) = app.get(token, "/api/availability/rules").await;
    assert_eq!(status, 200, "{body}");
    body["rules"].as_array().unwrap().clone()
}

db_test! {
    async fn the_weekly_form_saves_copies_and_refuses_a_window_that_ends_before_it_starts(db) {
        let app = TestApp::serve(db).await;
        let (client, token) = app.signed_in_coach().await;

        let page = client.get(app.url("/admin/availability")).send().await.unwrap();
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        assert!(html.contains("clients can't book you until you set some"), "no-hours sentence");
        assert!(html.contains("href=\"/admin/session-types\""), "no session types: a link to create one");

        let res = app.post_form(&client, "/admin/availability/hours", &week(&[("09:00", "12:00"), ("13:00", "17:00")], &[])).await;
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/admin/availability?saved=hours#hours");
        let saved = rules(&app, &token).await;
        assert_eq!(saved.len(), 2, "{saved:?}");
        assert!(saved.iter().all(|r| r["weekday"] == 1));
        assert_eq!((saved[0]["start"].as_str(), saved[1]["end"].as_str()), (Some("09:00"), Some("17:00")));
        let html = client.get(app.url("/admin/availability?saved=hours")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Saved your weekly hours."), "the notice shows beside the section");
        assert!(!html.contains("clients can't book you until"), "hours are set");

        // Copy: Monday's windows appear on Tuesday and Wednesday, unsaved until Save.
        let copy = week(&[("09:00", "12:00"), ("13:00", "17:00")], &[("copy", "monday"), ("copyto-monday", "tuesday"), ("copyto-monday", "wednesday")]);
        let res = app.post_form(&client, "/admin/availability/hours", &copy).await;
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        for day in ["tuesday", "wednesday"] {
            assert!(html.contains(&format!("name=\"day\" value=\"{day}\" checked")), "{day} ticked");
            assert!(html.contains(&format!("name=\"start-{day}\" value=\"13:00\"")), "{day} got the afternoon");
        }
        assert!(!html.contains("name=\"day\" value=\"thursday\" checked"), "thursday untouched");
        assert!(html.contains("hours to Tuesday and Wednesday. Not saved yet"), "the copy is explained");
        assert_eq!(rules(&app, &token).await.len(), 2, "copying alone saves nothing");

        // Bad input: the error sits beside Monday, what was typed is kept, nothing changes.
        let res = app.post_form(&client, "/admin/availability/hours", &week(&[("10:00", "09:00")], &[])).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("id=\"monday-error\""), "error beside Monday");
        assert!(html.contains("must be after the start"));
        assert!(html.contains("name=\"end-monday\" value=\"09:00\""), "the typed end is kept");
        let res = app.post_form(&client, "/admin/availability/hours", &week(&[("10:00", "")], &[])).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("give each window a start and an end"));
        assert_eq!(rules(&app, &token).await, saved, "nothing changed");

        // Garbage never yields a 500.
        let weird = pairs(&[("part", "hours"), ("day", "funday"), ("start-monday", "99:99"), ("copy", "nope")]);
        let res = app.post_form(&client, "/admin/availability/hours", &weird).await;
        assert!(res.status().is_success() || res.status().is_redirection() || res.status() == 422, "{}", res.status());
    }
}

db_test! {
    async fn booking_rules_overrides_and_time_off_save_from_their_forms(db) {
        let app = TestApp::serve(db).await;
        let (client, token) = app.signed_in_coach().await;

        let policy = pairs(&[
            ("part", "policy"), ("minNotice", "2"), ("minNoticeUnit", "hours"), ("maxDaysAhead", "30"),
            ("slotIntervalMinutes", "15"), ("maxSessionsPerDay", ""), ("maxSessionsPerWeek", "8"),
            ("cancellationCutoff", "1"), ("cancellationCutoffUnit", "days"),
            ("rescheduleCutoff", "90"), ("rescheduleCutoffUnit", "minutes"),
        ]);
        let res = app.post_form(&client, "/admin/availability/policy", &policy).await;
        assert_eq!(res.status(), 303);
        let (_, p) = app.get(&token, "/api/availability/policy").await;
        assert_eq!(p, json!({"minNoticeMinutes": 120, "maxDaysAhead": 30, "slotIntervalMinutes": 15,
            "maxSessionsPerDay": null, "maxSessionsPerWeek": 8, "cancellationCutoffMinutes": 1440,
            "rescheduleCutoffMinutes": 90}));
        let html = client.get(app.url("/admin/availability")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("id=\"cancellationCutoff\" name=\"cancellationCutoff\" type=\"number\" min=\"0\" step=\"1\" inputmode=\"numeric\" value=\"1\""), "shown in days");

        let mut bad = policy.clone();
        bad[1].1 = "soon".into();
        let res = app.post_form(&client, "/admin/availability/policy", &bad).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("id=\"minNotice-error\"") && html.contains("value=\"soon\""));

        let res = app.post_form(&client, "/admin/availability/overrides", &pairs(&[("date", "2099-12-24"), ("mode", "closed"), ("start", ""), ("end", "")])).await;
        assert_eq!(res.status(), 303);
        let res = app.post_form(&client, "/admin/availability/overrides", &pairs(&[("date", "2099-12-27"), ("mode", "hours"), ("start", "10:00"), ("end", "14:00"), ("start", ""), ("end", "")])).await;
        assert_eq!(res.status(), 303);
        let res = app.post_form(&client, "/admin/availability/overrides", &pairs(&[("date", "someday"), ("mode", "hours")])).await;
        assert_eq!(res.status(), 422);
        let (_, o) = app.get(&token, "/api/availability/overrides").await;
        assert_eq!(o, json!([{"date": "2099-12-24", "closed": true, "windows": []},
            {"date": "2099-12-27", "closed": false, "windows": [{"start": "10:00", "end": "14:00"}]}]));
        let res = app.post_form(&client, "/admin/availability/overrides/2099-12-24/delete", &pairs(&[])).await;
        assert_eq!(res.status(), 303);
        assert_eq!(app.get(&token, "/api/availability/overrides").await.1.as_array().unwrap().len(), 1);

        let res = app.post_form(&client, "/admin/availability/time-off", &pairs(&[("kind", "days"), ("from", "2099-08-01"), ("until", "2099-08-14"), ("label", "Summer")])).await;
        assert_eq!(res.status(), 303);
        let weekly = pairs(&[("kind", "weekly"), ("weekdays", "5"), ("weekdays", "6"), ("startTime", "12:00"), ("endTime", "00:00"), ("from", "2099-01-01"), ("until", ""), ("label", "")]);
        assert_eq!(app.post_form(&client, "/admin/availability/time-off", &weekly).await.status(), 303);
        let res = app.post_form(&client, "/admin/availability/time-off", &pairs(&[("kind", "once"), ("start", "2099-03-01T10:00"), ("end", "2099-03-01T09:00"), ("label", "")])).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("id=\"once-end-error\"") && html.contains("id=\"add-once\" open"), "the error shows in the one-off form");
        let (_, blocks) = app.get(&token, "/api/availability/blocks").await;
        let blocks = blocks.as_array().unwrap().clone();
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[1]["weekdays"], json!([5, 6]));
        let html = client.get(app.url("/admin/availability")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Summer") && html.contains("Every Fri, Sat 12:00–24:00"));
        let id = blocks[0]["id"].as_i64().unwrap();
        assert_eq!(app.post_form(&client, &format!("/admin/availability/time-off/{id}/delete"), &pairs(&[])).await.status(), 303);
        assert_eq!(app.post_form(&client, &format!("/admin/availability/time-off/{id}/delete"), &pairs(&[])).await.status(), 404);
    }
}

db_test! {
    async fn the_preview_route_answers_json_for_a_draft_and_errors_name_the_day(db) {
        let app = TestApp::serve(db).await;
        let (client, token) = app.signed_in_coach().await;
        app.session_type(&token, json!({"name": "Coaching", "durationMinutes": 60})).await;

        // Every day 09:00-12:00 as a draft, with no notice: slots on most of the 14 days.
        let mut draft = vec![("part".to_owned(), "hours".to_owned())];
        for day in DAYS {
            draft.push(("day".into(), day.into()));
            draft.push((format!("start-{day}"), "09:00".into()));
            draft.push((format!("end-{day}"), "12:00".into()));
            draft.push((format!("scope-{day}"), "||".into()));
        }
        draft.extend(pairs(&[("part", "policy"), ("minNotice", "0"), ("minNoticeUnit", "minutes"), ("maxDaysAhead", "60"),
            ("slotIntervalMinutes", "60"), ("cancellationCutoff", "1"), ("cancellationCutoffUnit", "days"),
            ("rescheduleCutoff", "1"), ("rescheduleCutoffUnit", "days")]));
        let res = app.post_form(&client, "/admin/availability/preview", &draft).await;
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
        let p: Value = res.json().await.unwrap();
        assert_eq!(p["days"].as_array().unwrap().len(), 14);
        assert_eq!(p["sessionTypeName"], "Coaching");
        let later = &p["days"][3]["slots"];
        assert_eq!(later, &json!(["09:00", "10:00", "11:00"]), "{p}");
        assert!(rules(&app, &token).await.is_empty(), "a preview saves nothing");

        let mut bad = draft.clone();
        bad[3].1 = "08:00".into();
        let res = app.post_form(&client, "/admin/availability/preview", &bad).await;
        assert_eq!(res.status(), 422);
        let body: Value = res.json().await.unwrap();
        assert_eq!(error_code(&body), "invalid_input");
        assert_eq!(body["error"]["fields"][0]["field"], "monday");
    }
}

db_test! {
    async fn only_a_coach_gets_the_availability_pages(db) {
        let app = TestApp::serve(db).await;
        app.setup_coach(&app.client()).await;
        let anonymous = app.client().get(app.url("/admin/availability")).send().await.unwrap();
        assert_eq!(anonymous.status(), 303);
        assert!(anonymous.headers()["location"].to_str().unwrap().starts_with("/login"));
        let user = app.signed_up_user("Uma User", "uma@example.com").await;
        assert_eq!(user.get(app.url("/admin/availability")).send().await.unwrap().status(), 403);
        for path in ["/admin/availability/hours", "/admin/availability/preview", "/admin/availability/time-off"] {
            let res = app.post_form(&user, path, &week(&[("09:00", "17:00")], &[])).await;
            assert_eq!(res.status(), 403, "{path}");
        }
        // A form from another site is refused before it reaches the page.
        let res = app.client().post(app.url("/admin/availability/hours")).header("origin", "https://evil.example")
            .form(&week(&[("09:00", "17:00")], &[])).send().await.unwrap();
        assert_eq!(res.status(), 403);
    }
}

db_test! {
    async fn booking_rules_out_of_range_are_refused_in_the_unit_the_coach_chose(db) {
        let app = TestApp::serve(db).await;
        let (client, token) = app.signed_in_coach().await;
        let (_, before) = app.get(&token, "/api/availability/policy").await;

        let policy = pairs(&[
            ("part", "policy"), ("minNotice", "9000"), ("minNoticeUnit", "hours"), ("maxDaysAhead", "30"),
            ("slotIntervalMinutes", "15"), ("maxSessionsPerDay", ""), ("maxSessionsPerWeek", ""),
            ("cancellationCutoff", "400"), ("cancellationCutoffUnit", "days"),
            ("rescheduleCutoff", "600000"), ("rescheduleCutoffUnit", "minutes"),
        ]);
        let res = app.post_form(&client, "/admin/availability/policy", &policy).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        for message in [
            "The minimum notice must be between 0 and 8760 hours.",
            "The cancellation cut-off must be between 0 and 365 days.",
            "The reschedule cut-off must be between 0 and 525600 minutes.",
        ] {
            assert!(html.contains(message), "{message}: {html}");
        }
        assert!(!html.contains("(minutes)"), "no field is worded in a unit the coach did not choose");
        assert!(html.contains("value=\"9000\""), "what was typed is kept");
        assert_eq!(app.get(&token, "/api/availability/policy").await.1, before, "nothing changed");

        // The live preview words them the same way.
        let res = app.post_form(&client, "/admin/availability/preview", &policy).await;
        assert_eq!(res.status(), 422);
        let body: Value = res.json().await.unwrap();
        let min_notice = body["error"]["fields"].as_array().unwrap().iter().find(|f| f["field"] == "minNoticeMinutes").cloned();
        assert_eq!(min_notice.map(|f| f["message"].clone()), Some(json!("The minimum notice must be between 0 and 8760 hours.")), "{body}");
    }
}
