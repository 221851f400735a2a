//! The coach's insights (`GET /api/insights`, the CSV files, `/admin/insights`) against a seeded
//! practice whose figures are worked out by hand below. The clock stands at Monday 2 November
//! 2026, 09:00 UTC, so the default range is 5 August – 2 November 2026 (London); British Summer
//! Time ended on 25 October, inside it.
//!
//! The practice (Ana, Europe/London, cancellation cut-off 24 h), instants in UTC:
//!
//! | session | type | start | bookings |
//! |---|---|---|---|
//! | S1 | Coaching 60' EUR 80 | Mon 19 Oct 09:00 (10:00 BST) | Cleo completed |
//! | S2 | Coaching | Mon 26 Oct 09:00 (09:00 GMT) | Cleo completed, agreed GBP 60 |
//! | S3 | Group 90' EUR 20 | Wed 28 Oct 18:00 | Cleo confirmed, Dan completed, a guest pending |
//! | S4 | Coaching | Thu 29 Oct 12:00 | Dan cancelled 3 days before (early) |
//! | S5 | Coaching | Fri 30 Oct 12:00 | Dan cancelled 2 hours before (late) |
//! | S6 | Coaching | Fri 30 Oct 15:00 | Cleo no-show |
//! | S7 | Coaching | Wed 1 Jul 10:00 (outside) | Cleo completed |
//! | S8 | Coaching | Thu 5 Nov 10:00 (ahead) | Finn confirmed |
//!
//! and Bo (another coach) has a booked session on Mon 19 Oct too: never counted for Ana.

use axum::body::Body;
use axum::http::{header, Request};
use serde_json::{json, Value};

use crate::harness::{TestApp, COACH_EMAIL, OTHER_COACH_EMAIL};

/// Runs `sql` (which ends in `RETURNING id`) and answers the id.
async fn insert(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(app.state.db().pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

async fn coach_id(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT c.id FROM coaches c JOIN users u ON u.id = c.user_id WHERE u.email = $1",
    )
    .bind(email)
    .fetch_one(app.state.db().pool())
    .await
    .expect("coach id")
}

fn at(rfc3339: &str) -> i64 {
    rfc3339
        .parse::<jiff::Timestamp>()
        .expect("an instant")
        .as_second()
}

async fn session(app: &TestApp, coach: i64, kind: i64, start: &str, minutes: i64) -> i64 {
    let s = at(start);
    insert(
        app,
        &format!(
            "INSERT INTO sessions (coach_id, session_type_id, start_at, end_at, capacity, status,
             created_at, updated_at) VALUES ({coach}, {kind}, {s}, {e}, 3, 'scheduled', {c}, {c})
             RETURNING id",
            e = s + minutes * 60,
            c = s - 30 * 86400,
        ),
    )
    .await
}

/// A booking of `session` by `client` (`None`: a guest); `changed` is when it last changed (a
/// cancellation's moment); `price` an agreed price.
#[allow(clippy::too_many_arguments)]
async fn booking(
    app: &TestApp,
    coach: i64,
    session: i64,
    client: Option<i64>,
    status: &str,
    changed: i64,
    price: Option<(i64, &str)>,
) -> i64 {
    let client = client.map_or("NULL".to_owned(), |c| c.to_string());
    let (cents, currency) = price.map_or(("NULL".to_owned(), "NULL".to_owned()), |(p, c)| {
        (p.to_string(), format!("'{c}'"))
    });
    insert(
        app,
        &format!(
            "INSERT INTO bookings (coach_id, session_id, name, email, status, created_at, updated_at,
             client_id, price_cents, price_currency)
             VALUES ({coach}, {session}, 'Someone', 'someone@example.com', '{status}', {c}, {changed},
             {client}, {cents}, {currency}) RETURNING id",
            c = changed - 20 * 86400,
        ),
    )
    .await
}

async fn client(app: &TestApp, coach: i64, name: &str) -> i64 {
    let email = format!("{}@example.com", name.to_lowercase());
    insert(
        app,
        &format!(
            "INSERT INTO clients (coach_id, name, email, created_at, updated_at)
             VALUES ({coach}, '{name}', '{email}', 0, 0) RETURNING id"
        ),
    )
    .await
}

/// An active enrolment of `client` in `package` with `credits` left (a grant, then holds).
async fn enrolment(
    app: &TestApp,
    coach: i64,
    client: i64,
    package: i64,
    granted: i64,
    held: i64,
    expires_on: Option<&str>,
) {
    let expires = expires_on.map_or("NULL".to_owned(), |d| format!("'{d}'"));
    let e = insert(
        app,
        &format!(
            "INSERT INTO enrolments (coach_id, client_id, package_id, sessions_total, starts_on,
             expires_on, status, created_at) VALUES ({coach}, {client}, {package}, {granted},
             '2026-06-01', {expires}, 'active', 0) RETURNING id"
        ),
    )
    .await;
    let mut entries = vec![("grant", granted)];
    entries.extend(std::iter::repeat_n(("hold", -1), held as usize));
    for (kind, delta) in entries {
        insert(
            app,
            &format!(
                "INSERT INTO credit_entries (coach_id, enrolment_id, kind, delta, created_at)
                 VALUES ({coach}, {e}, '{kind}', {delta}, 0) RETURNING id"
            ),
        )
        .await;
    }
}

/// A session request with the given status, sent at `sent`, and its proposed times
/// `(weekday, hour, offered)`.
async fn request(
    app: &TestApp,
    coach: i64,
    kind: i64,
    status: &str,
    sent: &str,
    times: &[(i64, i64, i64)],
) {
    let sent = at(sent);
    let r = insert(
        app,
        &format!(
            "INSERT INTO session_requests (coach_id, name, email, session_type_id, time_zone, status,
             expires_at, created_at, updated_at) VALUES ({coach}, 'Asker', 'asker@example.com',
             {kind}, 'Europe/London', '{status}', {e}, {sent}, {sent}) RETURNING id",
            e = sent + 72 * 3600,
        ),
    )
    .await;
    for (n, (weekday, hour, offered)) in times.iter().enumerate() {
        let start = sent + 86400 * (n as i64 + 2);
        insert(
            app,
            &format!(
                "INSERT INTO session_request_times (request_id, coach_id, position, start_at, end_at,
                 local_weekday, local_hour, offered, created_at) VALUES ({r}, {coach}, {n},
                 {start}, {end}, {weekday}, {hour}, {offered}, {sent}) RETURNING id",
                end = start + 3600,
            ),
        )
        .await;
    }
}

async fn application(app: &TestApp, coach: i64, status: &str, booking: Option<i64>, sent: &str) {
    let booking = booking.map_or("NULL".to_owned(), |b| b.to_string());
    let sent = at(sent);
    insert(
        app,
        &format!(
            "INSERT INTO applications (coach_id, name, email, status, booking_id, created_at,
             updated_at) VALUES ({coach}, 'Applicant', 'applicant@example.com', '{status}',
             {booking}, {sent}, {sent}) RETURNING id"
        ),
    )
    .await;
}

/// Sets Ana up, seeds the practice in the module's comment and answers Ana's token.
async fn seed(app: &TestApp) -> String {
    let token = app.coach_token().await;
    seed_practice(app, &token).await;
    token
}

/// Seeds the practice in the module's comment for Ana (who exists; `token` is hers).
async fn seed_practice(app: &TestApp, token: &str) {
    let token = token.to_owned();
    let bo_token = app.other_coach_token().await;
    let ana = coach_id(app, COACH_EMAIL).await;
    let bo = coach_id(app, OTHER_COACH_EMAIL).await;
    let coaching = app
        .session_type(
            &token,
            json!({"name": "Coaching", "durationMinutes": 60, "priceCents": 8000, "currency": "EUR"}),
        )
        .await;
    let group = app
        .session_type(
            &token,
            json!({"name": "Group", "durationMinutes": 90, "priceCents": 2000, "currency": "EUR",
                   "kind": "group", "capacity": 3}),
        )
        .await;
    let bo_type = app
        .session_type(
            &bo_token,
            json!({"name": "Mentoring", "durationMinutes": 60, "priceCents": 5000}),
        )
        .await;

    let cleo = client(app, ana, "Cleo").await;
    let dan = client(app, ana, "Dan").await;
    let eve = client(app, ana, "Eve").await;
    let finn = client(app, ana, "Finn").await;

    let s1 = session(app, ana, coaching, "2026-10-19T09:00:00Z", 60).await;
    booking(
        app,
        ana,
        s1,
        Some(cleo),
        "completed",
        at("2026-10-19T10:00:00Z"),
        None,
    )
    .await;
    let s2 = session(app, ana, coaching, "2026-10-26T09:00:00Z", 60).await;
    let agreed = Some((6000, "GBP"));
    booking(
        app,
        ana,
        s2,
        Some(cleo),
        "completed",
        at("2026-10-26T10:00:00Z"),
        agreed,
    )
    .await;
    let s3 = session(app, ana, group, "2026-10-28T18:00:00Z", 90).await;
    let t3 = at("2026-10-20T10:00:00Z");
    booking(app, ana, s3, Some(cleo), "confirmed", t3, None).await;
    let dans = booking(app, ana, s3, Some(dan), "completed", t3, None).await;
    booking(app, ana, s3, None, "pending", t3, None).await;
    let s4 = session(app, ana, coaching, "2026-10-29T12:00:00Z", 60).await;
    booking(
        app,
        ana,
        s4,
        Some(dan),
        "cancelled",
        at("2026-10-26T12:00:00Z"),
        None,
    )
    .await;
    let s5 = session(app, ana, coaching, "2026-10-30T12:00:00Z", 60).await;
    booking(
        app,
        ana,
        s5,
        Some(dan),
        "cancelled",
        at("2026-10-30T10:00:00Z"),
        None,
    )
    .await;
    let s6 = session(app, ana, coaching, "2026-10-30T15:00:00Z", 60).await;
    booking(
        app,
        ana,
        s6,
        Some(cleo),
        "no_show",
        at("2026-10-30T16:00:00Z"),
        None,
    )
    .await;
    let s7 = session(app, ana, coaching, "2026-07-01T10:00:00Z", 60).await;
    booking(
        app,
        ana,
        s7,
        Some(cleo),
        "completed",
        at("2026-07-01T11:00:00Z"),
        None,
    )
    .await;
    let s8 = session(app, ana, coaching, "2026-11-05T10:00:00Z", 60).await;
    booking(
        app,
        ana,
        s8,
        Some(finn),
        "confirmed",
        at("2026-11-01T10:00:00Z"),
        None,
    )
    .await;
    // Bo's practice, at Ana's busiest time.
    let bo_client = client(app, bo, "Gus").await;
    let sb = session(app, bo, bo_type, "2026-10-28T18:00:00Z", 60).await;
    booking(app, bo, sb, Some(bo_client), "completed", t3, None).await;
    booking(app, bo, sb, Some(bo_client), "no_show", t3, None).await;

    // Packages: Eve and Cleo have credits and nothing ahead; Finn has a session ahead; Dan has
    // none left, and an expired enrolment with credits.
    let pkg = insert(
        app,
        &format!(
            "INSERT INTO packages (coach_id, name, session_count, session_minutes, price_cents,
             created_at, updated_at) VALUES ({ana}, 'Five sessions', 5, 60, 35000, 0, 0)
             RETURNING id"
        ),
    )
    .await;
    enrolment(app, ana, eve, pkg, 5, 0, None).await;
    enrolment(app, ana, cleo, pkg, 3, 1, Some("2027-03-01")).await;
    enrolment(app, ana, finn, pkg, 5, 1, None).await;
    enrolment(app, ana, dan, pkg, 1, 1, None).await;
    enrolment(app, ana, dan, pkg, 5, 0, Some("2026-10-01")).await;
    let bo_pkg = insert(
        app,
        &format!(
            "INSERT INTO packages (coach_id, name, session_count, session_minutes, created_at,
             updated_at) VALUES ({bo}, 'Bo pack', 5, 60, 0, 0) RETURNING id"
        ),
    )
    .await;
    enrolment(app, bo, bo_client, bo_pkg, 5, 0, None).await;

    // Requests: declined (one time not offered, one that was), expired, pending (not counted),
    // declined before the range (not counted), and Bo's.
    let oct = "2026-10-12T10:00:00Z";
    request(
        app,
        ana,
        coaching,
        "declined",
        oct,
        &[(2, 14, 0), (2, 15, 1)],
    )
    .await;
    request(app, ana, coaching, "expired", oct, &[(5, 8, 0)]).await;
    request(app, ana, coaching, "pending", oct, &[(2, 14, 0)]).await;
    request(
        app,
        ana,
        coaching,
        "declined",
        "2026-07-01T10:00:00Z",
        &[(2, 14, 0)],
    )
    .await;
    request(app, bo, bo_type, "declined", oct, &[(2, 14, 0)]).await;

    // Applications: three in the range (one discovery call scheduled, one promoted after a
    // call), one before it; Bo's.
    application(app, ana, "new", None, oct).await;
    application(app, ana, "discovery_scheduled", None, oct).await;
    application(app, ana, "promoted", Some(dans), oct).await;
    application(app, ana, "promoted", None, "2026-07-01T10:00:00Z").await;
    application(app, bo, "new", None, oct).await;
}

fn cells(v: &Value) -> Vec<(i64, i64, i64)> {
    v.as_array()
        .expect("cells")
        .iter()
        .map(|c| {
            (
                c["weekday"].as_i64().unwrap(),
                c["hour"].as_i64().unwrap(),
                c["count"].as_i64().unwrap(),
            )
        })
        .collect()
}

db_test! {
    async fn the_seeded_practice_adds_up_to_the_hand_worked_figures(db) {
        let app = TestApp::new(db).await;
        let token = seed(&app).await;
        let (status, i) = app.get(&token, "/api/insights").await;
        assert_eq!(status, 200, "{i}");
        assert_eq!((i["from"].as_str(), i["to"].as_str()), (Some("2026-08-05"), Some("2026-11-02")));
        assert_eq!(i["timeZone"], "Europe/London");

        // Monday 10:00 (BST) and Monday 09:00 (GMT): the same UTC hour either side of the change.
        let times = &i["popularTimes"];
        assert_eq!(cells(&times["booked"]), vec![(1, 9, 1), (1, 10, 1), (3, 18, 3)]);
        assert_eq!(times["bookedTotal"], 5);
        assert_eq!(cells(&times["requestedNotOffered"]), vec![(2, 14, 1), (5, 8, 1)]);
        assert_eq!(times["requestedNotOfferedTotal"], 2);

        assert_eq!(
            i["sessionTypes"],
            json!([
                {"sessionTypeId": i["sessionTypes"][0]["sessionTypeId"], "name": "Coaching",
                 "bookings": 2, "sessions": 2, "minutes": 120,
                 "revenue": [{"currency": "EUR", "amountCents": 8000},
                             {"currency": "GBP", "amountCents": 6000}]},
                {"sessionTypeId": i["sessionTypes"][1]["sessionTypeId"], "name": "Group",
                 "bookings": 3, "sessions": 1, "minutes": 90,
                 "revenue": [{"currency": "EUR", "amountCents": 6000}]}
            ])
        );

        let rel = &i["reliability"];
        let row = |v: &Value| {
            (
                v["name"].as_str().unwrap().to_owned(),
                v["bookings"].as_i64().unwrap(),
                v["earlyCancellations"].as_i64().unwrap(),
                v["lateCancellations"].as_i64().unwrap(),
                v["noShows"].as_i64().unwrap(),
            )
        };
        let by_type: Vec<_> = rel["byType"].as_array().unwrap().iter().map(row).collect();
        assert_eq!(
            by_type,
            vec![("Coaching".into(), 5, 1, 1, 1), ("Group".into(), 3, 0, 0, 0)]
        );
        let by_client: Vec<_> = rel["byClient"].as_array().unwrap().iter().map(row).collect();
        assert_eq!(
            by_client,
            vec![
                ("Dan".into(), 3, 1, 1, 0),
                ("Cleo".into(), 4, 0, 0, 1),
                ("People who are not clients".into(), 1, 0, 0, 0),
            ]
        );
        assert!(rel["byClient"][2]["id"].is_null());

        let clients = &i["clients"];
        assert_eq!(clients["active"], 2, "Cleo and Dan");
        assert_eq!(clients["funnel"], json!({"applied": 3, "discoveryCalls": 2, "promoted": 1}));
        let nudge: Vec<_> = clients["nudge"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| {
                (
                    n["clientName"].as_str().unwrap().to_owned(),
                    n["creditsRemaining"].as_i64().unwrap(),
                    n["lastSessionAt"].as_str().map(str::to_owned),
                    n["expiresOn"].as_str().map(str::to_owned),
                )
            })
            .collect();
        assert_eq!(
            nudge,
            vec![
                ("Eve".into(), 5, None, None),
                (
                    "Cleo".into(),
                    2,
                    Some("2026-10-28T18:00:00+00:00".into()),
                    Some("2027-03-01".into())
                ),
            ]
        );
        assert_eq!(clients["nudge"][0]["packageName"], "Five sessions");
    }
}

db_test! {
    async fn a_chosen_range_counts_only_its_days(db) {
        let app = TestApp::new(db).await;
        let token = seed(&app).await;
        // July: S7 alone, Wednesday 11:00 BST; the request sent then.
        let (status, i) = app.get(&token, "/api/insights?from=2026-07-01&to=2026-07-31").await;
        assert_eq!(status, 200, "{i}");
        assert_eq!(cells(&i["popularTimes"]["booked"]), vec![(3, 11, 1)]);
        assert_eq!(cells(&i["popularTimes"]["requestedNotOffered"]), vec![(2, 14, 1)]);
        assert_eq!(i["sessionTypes"][0]["bookings"], 1);
        assert_eq!(i["clients"]["funnel"], json!({"applied": 1, "discoveryCalls": 0, "promoted": 1}));
        // One day: Monday 26 October only.
        let (_, i) = app.get(&token, "/api/insights?from=2026-10-26&to=2026-10-26").await;
        assert_eq!(cells(&i["popularTimes"]["booked"]), vec![(1, 9, 1)]);
        assert_eq!(i["sessionTypes"][0]["revenue"], json!([{"currency": "GBP", "amountCents": 6000}]));
        // Nothing at all in a quiet month: empty lists, zeros, no error.
        let (status, i) = app.get(&token, "/api/insights?from=2026-01-01&to=2026-01-31").await;
        assert_eq!(status, 200);
        assert_eq!(i["popularTimes"]["bookedTotal"], 0);
        assert_eq!(i["sessionTypes"], json!([]));
        assert_eq!(i["reliability"]["byClient"], json!([]));
        assert_eq!(i["clients"]["active"], 0);
    }
}

db_test! {
    async fn another_coachs_practice_is_never_counted(db) {
        let app = TestApp::new(db).await;
        seed(&app).await;
        let bo = app.token_for(OTHER_COACH_EMAIL).await;
        let (status, i) = app.get(&bo, "/api/insights").await;
        assert_eq!(status, 200, "{i}");
        assert_eq!(cells(&i["popularTimes"]["booked"]), vec![(3, 18, 1)]);
        assert_eq!(cells(&i["popularTimes"]["requestedNotOffered"]), vec![(2, 14, 1)]);
        assert_eq!(i["sessionTypes"].as_array().unwrap().len(), 1);
        assert_eq!(i["sessionTypes"][0]["name"], "Mentoring");
        assert_eq!(i["clients"]["funnel"]["applied"], 1);
        let names: Vec<_> = i["clients"]["nudge"].as_array().unwrap().iter()
            .map(|n| n["clientName"].as_str().unwrap().to_owned()).collect();
        assert_eq!(names, vec!["Gus".to_owned()]);
        let text = i.to_string();
        for ana_only in ["Cleo", "Dan", "Eve", "Finn", "Coaching", "Group"] {
            assert!(!text.contains(ana_only), "{ana_only} leaked into Bo's insights: {text}");
        }
    }
}

db_test! {
    async fn bad_ranges_are_refused_with_a_message_that_says_what_to_fix(db) {
        let app = TestApp::new(db).await;
        let token = app.coach_token().await;
        for (query, field) in [
            ("from=2026-13-01", "from"),
            ("to=yesterday", "to"),
            ("from=2026-11-02T00:00:00Z", "from"),
            ("from=2026-10-02&to=2026-10-01", "from"),
            ("from=2025-01-01&to=2026-01-02", "to"),
            ("from=-999999-01-01", "from"),
            ("to=9999-12-31", "to"),
        ] {
            let (status, body) = app.get(&token, &format!("/api/insights?{query}")).await;
            assert_eq!(status, 422, "{query}: {body}");
            assert_eq!(body["error"]["code"], "invalid_input", "{query}: {body}");
            assert_eq!(body["error"]["fields"][0]["field"], field, "{query}: {body}");
            assert!(!body["error"]["fields"][0]["message"].as_str().unwrap().is_empty());
        }
        let (status, _) = app.get(&token, "/api/insights?from=2025-01-01&to=2025-12-31").await;
        assert_eq!(status, 200, "366 days is the most");
        let (status, body) = app.get(&token, "/api/insights/nothing.csv").await;
        assert_eq!((status, body["error"]["code"].as_str()), (404, Some("not_found")));
        let (status, _) = app.get(&token, "/api/insights/funnel.json").await;
        assert_eq!(status, 404);
        let (status, _) = app.get(&token, "/api/insights/funnel.csv?from=nope").await;
        assert_eq!(status, 422);
        let (status, _) = app.get("not-a-token", "/api/insights").await;
        assert_eq!(status, 401);
    }
}

async fn csv(app: &TestApp, token: &str, path: &str) -> (u16, String, String) {
    let req = Request::get(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    let reply = app.request(req).await;
    let kind = reply
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (reply.status, kind, reply.text())
}

db_test! {
    async fn every_chart_exports_its_figures_as_csv(db) {
        let app = TestApp::new(db).await;
        let token = seed(&app).await;
        let (status, kind, body) = csv(&app, &token, "/api/insights/session-types.csv").await;
        assert_eq!(status, 200, "{body}");
        assert!(kind.starts_with("text/csv"), "{kind}");
        assert_eq!(
            body,
            "session_type,bookings,sessions,hours,currency,revenue\r\n\
             Coaching,2,2,2.00,EUR,80.00\r\n\
             Coaching,2,2,2.00,GBP,60.00\r\n\
             Group,3,1,1.50,EUR,60.00\r\n"
        );
        let (_, _, body) = csv(&app, &token, "/api/insights/popular-times.csv").await;
        assert_eq!(
            body,
            "weekday,hour,booked,requested_not_offered\r\nMonday,09:00,1,0\r\nMonday,10:00,1,0\r\n\
             Tuesday,14:00,0,1\r\nWednesday,18:00,3,0\r\nFriday,08:00,0,1\r\n"
        );
        let (_, _, body) = csv(&app, &token, "/api/insights/reliability-by-client.csv").await;
        assert!(body.starts_with("client,bookings,early_cancellations,late_cancellations,no_shows\r\nDan,3,1,1,0\r\n"), "{body}");
        let (_, _, body) = csv(&app, &token, "/api/insights/reliability-by-type.csv").await;
        assert!(body.contains("Coaching,5,1,1,1\r\n"), "{body}");
        let (_, _, body) = csv(&app, &token, "/api/insights/funnel.csv").await;
        assert_eq!(body, "stage,count\r\napplied,3\r\ndiscovery_call,2\r\npromoted,1\r\n");
        let (_, _, body) = csv(&app, &token, "/api/insights/nudge.csv?from=2026-10-01&to=2026-10-31").await;
        assert_eq!(
            body,
            "client,package,credits_remaining,expires_on,last_session\r\n\
             Eve,Five sessions,5,,\r\n\
             Cleo,Five sessions,2,2027-03-01,2026-10-28T18:00:00+00:00\r\n"
        );
    }
}

db_test! {
    async fn the_insights_page_draws_accessible_charts_for_the_coach_only(db) {
        let app = TestApp::serve(db).await;
        let (browser, token) = app.signed_in_coach().await;
        let res = browser.get(app.url("/admin/insights")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(html.contains("Nothing to show for these days yet"), "an empty practice says so");
        assert!(html.contains("href=\"/admin/insights\""), "the nav links the page");

        seed_practice(&app, &token).await;
        let res = browser.get(app.url("/admin/insights")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(!html.contains("Nothing to show"));
        for needle in [
            "<svg", "role=\"img\"", "<title id=\"booked-title\">Sessions booked</title>",
            "<desc id=\"booked-desc\">", "Show as table", "/api/insights/popular-times.csv?from=2026-08-05&#38;to=2026-11-02",
            "Cleo", "Eve", "€80.00 + £60.00",
        ] {
            assert!(html.contains(needle), "missing {needle}");
        }
        // The page's CSV link works with the browser's session.
        let res = browser
            .get(app.url("/api/insights/funnel.csv?from=2026-08-05&to=2026-11-02"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.text().await.unwrap().contains("applied,3"));

        // A bad range: the form says what to fix, the last 90 days show meanwhile.
        let res = browser.get(app.url("/admin/insights?from=2026-11-05&to=2026-11-01")).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("from-error") && html.contains("Showing the last 90 days"));

        // Someone who is not a coach gets neither the page nor the figures.
        let user = app.signed_up_user("Cleo Client", "cleo.client@example.com").await;
        let res = user.get(app.url("/api/insights")).send().await.unwrap();
        assert_eq!(res.status(), 403);
        let res = user.get(app.url("/admin/insights")).send().await.unwrap();
        assert_ne!(res.status(), 200);
        let anon = app.client();
        let res = anon.get(app.url("/admin/insights")).send().await.unwrap();
        assert_eq!(res.status(), 303);
    }
}

db_test! {
    async fn trends_utilisation_and_renewals_add_up_per_week_and_month(db) {
        let app = TestApp::new(db).await;
        let token = seed(&app).await;
        let ana = coach_id(&app, COACH_EMAIL).await;
        // Open Monday to Friday 09:00–17:00 (London), and Friday 30 October off.
        let rules: Vec<Value> = (1..=5)
            .map(|d| json!({"weekday": d, "start": "09:00", "end": "17:00"}))
            .collect();
        let (status, saved) = app.put(&token, "/api/availability/rules", json!({"rules": rules})).await;
        assert_eq!(status, 200, "{saved}");
        let (status, off) = app
            .post(&token, "/api/availability/blocks", json!({"kind": "days", "from": "2026-10-30", "until": "2026-10-30"}))
            .await;
        assert_eq!(status, 201, "{off}");
        // Enrolments in the range: Eve again (a renewal), Gia's first, Gia's cancelled one (not
        // counted) and Gia's top-up (a renewal).
        let five: i64 = sqlx::query_scalar("SELECT id FROM packages WHERE name = 'Five sessions'")
            .fetch_one(app.state.db().pool())
            .await
            .unwrap();
        let top_up = insert(
            &app,
            &format!(
                "INSERT INTO packages (coach_id, name, session_count, session_minutes, created_at,
                 updated_at) VALUES ({ana}, 'Top-up', 2, 60, 0, 0) RETURNING id"
            ),
        )
        .await;
        let eve: i64 = sqlx::query_scalar("SELECT id FROM clients WHERE name = 'Eve'")
            .fetch_one(app.state.db().pool())
            .await
            .unwrap();
        let gia = client(&app, ana, "Gia").await;
        for (who, package, status, when) in [
            (eve, five, "active", "2026-10-20T10:00:00Z"),
            (gia, five, "active", "2026-10-21T10:00:00Z"),
            (gia, five, "cancelled", "2026-10-22T10:00:00Z"),
            (gia, top_up, "active", "2026-10-23T10:00:00Z"),
        ] {
            insert(
                &app,
                &format!(
                    "INSERT INTO enrolments (coach_id, client_id, package_id, sessions_total,
                     starts_on, status, created_at) VALUES ({ana}, {who}, {package}, 2,
                     '2026-10-20', '{status}', {}) RETURNING id",
                    at(when)
                ),
            )
            .await;
        }

        // Payments recorded: one in each week, one after the range, one refunded (not counted).
        let cleo: i64 = sqlx::query_scalar("SELECT id FROM clients WHERE name = 'Cleo'")
            .fetch_one(app.state.db().pool())
            .await
            .unwrap();
        for (amount, currency, day, status) in [
            (8000, "EUR", "2026-10-20", "recorded"),
            (6000, "GBP", "2026-10-27", "recorded"),
            (2000, "EUR", "2026-11-01", "recorded"),
            (9900, "EUR", "2026-11-02", "recorded"),
            (5000, "EUR", "2026-10-21", "refunded"),
        ] {
            insert(
                &app,
                &format!(
                    "INSERT INTO payments (coach_id, client_id, amount_cents, currency, method,
                     paid_on, status, created_at) VALUES ({ana}, {cleo}, {amount}, '{currency}',
                     'bank_transfer', '{day}', '{status}', 0) RETURNING id"
                ),
            )
            .await;
        }

        let (status, i) = app.get(&token, "/api/insights?from=2026-10-19&to=2026-11-01").await;
        assert_eq!(status, 200, "{i}");
        assert_eq!(
            i["received"],
            json!([{"currency": "EUR", "amountCents": 10000}, {"currency": "GBP", "amountCents": 6000}])
        );
        assert_eq!(i["trend"]["periods"][0]["received"], json!([{"currency": "EUR", "amountCents": 8000}]));
        assert_eq!(
            i["trend"]["periods"][1]["received"],
            json!([{"currency": "EUR", "amountCents": 2000}, {"currency": "GBP", "amountCents": 6000}])
        );
        let (_, _, body) =
            csv(&app, &token, "/api/insights/received.csv?from=2026-10-19&to=2026-11-01").await;
        assert_eq!(
            body,
            "week,last_day,currency,received\r\n2026-10-19,2026-10-25,EUR,80.00\r\n\
             2026-10-26,2026-11-01,EUR,20.00\r\n2026-10-26,2026-11-01,GBP,60.00\r\n"
        );
        let trend = &i["trend"];
        assert_eq!(trend["by"], "week", "two weeks are counted per week by default");
        let strip = |periods: &Value| -> Vec<Value> {
            periods
                .as_array()
                .unwrap()
                .iter()
                .map(|p| {
                    json!([p["from"], p["to"], p["sessionTypes"].as_array().unwrap().iter()
                        .map(|t| json!([t["name"], t["bookings"], t["revenue"]]))
                        .collect::<Vec<_>>()])
                })
                .collect()
        };
        let eur = |c: i64| json!([{"currency": "EUR", "amountCents": c}]);
        assert_eq!(
            strip(&trend["periods"]),
            vec![
                json!(["2026-10-19", "2026-10-25", [["Coaching", 1, eur(8000)]]]),
                json!(["2026-10-26", "2026-11-01", [
                    ["Coaching", 1, [{"currency": "GBP", "amountCents": 6000}]],
                    ["Group", 3, eur(6000)]
                ]]),
            ]
        );
        // Week 1: 40 h open, S1's hour booked. Week 2 (GMT now): 32 h open with Friday off; S2's
        // hour and S3's hour and a half booked (S4–S6 have no booking that counts).
        assert_eq!(
            i["utilisation"],
            json!([
                {"from": "2026-10-19", "to": "2026-10-25", "bookedMinutes": 60,
                 "offeredMinutes": 2400, "utilisationPercent": 2},
                {"from": "2026-10-26", "to": "2026-11-01", "bookedMinutes": 150,
                 "offeredMinutes": 1920, "utilisationPercent": 7}
            ])
        );
        assert_eq!(
            i["packages"],
            json!([
                {"packageId": five, "name": "Five sessions", "enrolments": 2, "renewals": 1},
                {"packageId": top_up, "name": "Top-up", "enrolments": 1, "renewals": 1}
            ])
        );

        // Per month over October and November: S7 (July) is outside, S8 (5 November) inside.
        let (status, m) = app
            .get(&token, "/api/insights?from=2026-10-01&to=2026-11-30&by=month")
            .await;
        assert_eq!(status, 200, "{m}");
        assert_eq!(
            strip(&m["trend"]["periods"]),
            vec![
                json!(["2026-10-01", "2026-10-31", [
                    ["Coaching", 2, [{"currency": "EUR", "amountCents": 8000}, {"currency": "GBP", "amountCents": 6000}]],
                    ["Group", 3, eur(6000)]
                ]]),
                json!(["2026-11-01", "2026-11-30", [["Coaching", 1, eur(8000)]]]),
            ]
        );
        assert_eq!(m["utilisation"].as_array().unwrap().len(), 10, "utilisation stays weekly: {m}");

        let (status, _, body) =
            csv(&app, &token, "/api/insights/utilisation.csv?from=2026-10-19&to=2026-11-01").await;
        assert_eq!(status, 200);
        assert_eq!(
            body,
            "week,last_day,booked_hours,offered_hours,utilisation_percent\r\n\
             2026-10-19,2026-10-25,1.00,40.00,2\r\n\
             2026-10-26,2026-11-01,2.50,32.00,7\r\n"
        );
        let (status, err) = app.get(&token, "/api/insights?by=fortnight").await;
        assert_eq!(status, 422, "{err}");
        assert!(err.to_string().contains("week or month"), "{err}");
    }
}

db_test! {
    async fn a_german_coach_reads_insights_in_german_and_the_figures_stay_the_same(db) {
        let app = TestApp::serve(db).await;
        let (browser, token) = app.signed_in_coach().await;
        seed_practice(&app, &token).await;
        // Her own choice, as the account page stores it.
        app.choose_locale(COACH_EMAIL, "de").await;
        let res = browser.get(app.url("/admin/insights?from=2026-10-19&to=2026-11-01")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        for needle in [
            "<h1>Auswertungen</h1>",
            // German dates, weekdays and hours, the same figures.
            "Mo., 19. Okt. 2026 – So., 1. Nov. 2026 (14 Tage, Europe/London)",
            "<title id=\"booked-title\">Gebuchte Sitzungen</title>",
            "Als Tabelle zeigen",
            "Buchungen pro Woche",
            "19. Okt.",
            "Mittwoch 18:00: 3",
            "Früh storniert",
        ] {
            assert!(html.contains(needle), "missing {needle:?}");
        }
        assert!(!html.contains("Show as table"), "no English left in the charts");
        // The CSV stays machine-readable whatever the reader's language.
        let res = browser
            .get(app.url("/api/insights/funnel.csv?from=2026-08-05&to=2026-11-02"))
            .send()
            .await
            .unwrap();
        assert!(res.text().await.unwrap().starts_with("stage,count\r\napplied,3"));
    }
}
