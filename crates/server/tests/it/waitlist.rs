//! Waitlists of full group sessions (issue 14): joining as the coach's page allows (twice
//! refused), a freed seat offered to the first in line by email and in-app and held from others,
//! the claim (one winner among twenty at once, never over capacity), the offer timing out and
//! passing on (the clock moved, the job drained: no sleeping), the coach's reorder, removal and
//! direct offer, leaving, privacy of the lists and bad input. Both databases.

use axum::body::Body;
use axum::http::{header, Request};
use coachbook::app::jobs;
use serde_json::{json, Value};

use crate::harness::{at_once, call, error_code, TestApp};

const SLUG: &str = "ana-ruiz";
/// A Monday a week after the clock's start: inside the default notice and horizon.
const TEN: &str = "2026-11-09T10:00:00Z";

/// A signed-up user: their token and user id.
async fn user(app: &TestApp, name: &str, email: &str) -> (String, i64) {
    let signed = coachbook::app::accounts::sign_up(
        app.state.ctx(),
        &coachbook::app::accounts::NewAccount {
            name: name.into(),
            email: email.into(),
            password: crate::harness::PASSWORD.into(),
            time_zone: "Europe/London".into(),
            slug: None,
        },
    )
    .await
    .expect("sign up");
    assert!(matches!(
        signed,
        coachbook::app::accounts::SignUp::Created(_)
    ));
    let (account, token) = coachbook::app::accounts::create_token(app.state.ctx(), email, "t")
        .await
        .expect("token");
    (token, account.id)
}

/// Ana with a public group type of two seats, hours 09:00–17:00, and one full session at
/// [`TEN`] (Pia and Paul): her token, the type and the session, and the two bookings.
struct Group {
    coach: String,
    st: i64,
    session: i64,
    bookings: [i64; 2],
}

async fn full_group(app: &TestApp) -> Group {
    let coach = app.coach_token().await;
    group_for(app, coach).await
}

async fn group_for(app: &TestApp, coach: String) -> Group {
    let st = app
        .session_type(
            &coach,
            json!({"name": "Circle", "kind": "group", "capacity": 2, "durationMinutes": 60}),
        )
        .await;
    app.open_every_day(&coach, "09:00", "17:00").await;
    let mut bookings = [0; 2];
    let mut session = 0;
    for (i, (name, email)) in [
        ("Pia Park", "pia@example.com"),
        ("Paul Poe", "paul@example.com"),
    ]
    .into_iter()
    .enumerate()
    {
        let b = app
            .create(
                &coach,
                "/api/bookings",
                json!({"sessionTypeId": st, "start": TEN, "name": name, "email": email}),
            )
            .await;
        bookings[i] = b["id"].as_i64().expect("booking id");
        session = b["sessionId"].as_i64().expect("session id");
    }
    Group {
        coach,
        st,
        session,
        bookings,
    }
}

fn path(g: &Group, rest: &str) -> String {
    format!("/api/sessions/{}/waitlist{rest}", g.session)
}

async fn join(app: &TestApp, token: Option<&str>, g: &Group, body: Value) -> (u16, Value) {
    call(app, "POST", token, &path(g, ""), Some(body)).await
}

/// The claim token in the latest offer email to `email`.
async fn offer_token(app: &TestApp, email: &str) -> String {
    let body: String = sqlx::query_scalar(
        "SELECT text_body FROM emails WHERE kind = 'waitlist_offer' AND to_email = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(email)
    .fetch_one(app.state.db().pool())
    .await
    .expect("an offer email");
    let at = body.find("/waitlist/claim/").expect("a claim link") + "/waitlist/claim/".len();
    body[at..at + 64].to_owned()
}

async fn offers_to(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM emails WHERE kind = 'waitlist_offer' AND to_email = $1",
    )
    .bind(email)
    .fetch_one(app.state.db().pool())
    .await
    .expect("count offers")
}

async fn seats_booked(app: &TestApp, session: i64) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM bookings WHERE session_id = $1 AND status IN ('pending', 'confirmed')",
    )
    .bind(session)
    .fetch_one(app.state.db().pool())
    .await
    .expect("count seats")
}

async fn cancel(app: &TestApp, g: &Group, booking: i64) {
    let (status, body) = app
        .post(
            &g.coach,
            &format!("/api/bookings/{booking}/cancel"),
            json!({"reason": "ill"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
}

async fn set_settings(app: &TestApp, coach: &str, visitors: bool, hours: i64) {
    let (status, body) = app
        .put(
            coach,
            "/api/me/waitlist",
            json!({"waitlistVisitors": visitors, "waitlistOfferHours": hours}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
}

db_test! {
    async fn a_full_group_session_takes_a_waitlist_once_per_person(db) {
        let app = TestApp::new(db).await;
        let g = full_group(&app).await;
        let (uma, _) = user(&app, "Uma User", "uma@example.com").await;
        let (vic, _) = user(&app, "Vic Vale", "vic@example.com").await;
        let (pia, _) = user(&app, "Pia Park", "pia@example.com").await;

        let (status, joined) = join(&app, Some(&uma), &g, json!({})).await;
        assert_eq!((status, joined["place"].as_i64()), (201, Some(1)), "{joined}");
        let (status, again) = join(&app, Some(&uma), &g, json!({})).await;
        assert_eq!((status, error_code(&again)), (409, "already_waiting"), "{again}");
        assert!(again["error"]["message"].as_str().unwrap().contains("number 1"), "{again}");
        let (status, joined) = join(&app, Some(&vic), &g, json!({})).await;
        assert_eq!((status, joined["place"].as_i64()), (201, Some(2)), "{joined}");
        // Pia has a seat already.
        let (status, booked) = join(&app, Some(&pia), &g, json!({})).await;
        assert_eq!((status, error_code(&booked)), (409, "already_booked"), "{booked}");

        // Visitors only when the coach allows it, and then with a valid name and email.
        let visitor = json!({"name": "Wes Walk", "email": "wes@example.com"});
        let (status, refused) = join(&app, None, &g, visitor.clone()).await;
        assert_eq!((status, error_code(&refused)), (401, "sign_in_required"), "{refused}");
        set_settings(&app, &g.coach, true, 12).await;
        let (status, bad) = join(&app, None, &g, json!({"name": "", "email": "nope"})).await;
        assert_eq!((status, error_code(&bad)), (422, "invalid_input"), "{bad}");
        let fields: Vec<&str> = bad["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["name", "email"], "{bad}");
        let (status, joined) = join(&app, None, &g, visitor.clone()).await;
        assert_eq!((status, joined["place"].as_i64()), (201, Some(3)), "{joined}");
        let (status, again) = join(&app, None, &g, json!({"name": "Wes", "email": " WES@example.com "})).await;
        assert_eq!((status, error_code(&again)), (409, "already_waiting"), "{again}");

        // The coach adds a client; a client of another coach is not theirs.
        let client = app.create(&g.coach, "/api/coaching/clients", json!({"name": "Cleo Client", "email": "cleo@example.com"})).await;
        let (status, added) = join(&app, Some(&g.coach), &g, json!({"clientId": client["id"]})).await;
        assert_eq!((status, added["place"].as_i64()), (201, Some(4)), "{added}");
        let (status, missing) = join(&app, Some(&g.coach), &g, json!({})).await;
        assert_eq!((status, error_code(&missing)), (422, "invalid_input"), "{missing}");
        let (status, unknown) = join(&app, Some(&g.coach), &g, json!({"clientId": 99999})).await;
        assert_eq!((status, error_code(&unknown)), (422, "invalid_input"), "{unknown}");

        // A session with a free seat is booked, not waited for; an unknown one is not found.
        let other = app.create(&g.coach, "/api/bookings", json!({"sessionTypeId": g.st, "start": "2026-11-09T14:00:00Z", "name": "Ola", "email": "ola@example.com"})).await;
        let (status, free) = call(&app, "POST", Some(&uma), &format!("/api/sessions/{}/waitlist", other["sessionId"]), Some(json!({}))).await;
        assert_eq!((status, error_code(&free)), (409, "seats_free"), "{free}");
        let (status, nothing) = call(&app, "POST", Some(&uma), "/api/sessions/99999/waitlist", Some(json!({}))).await;
        assert_eq!((status, error_code(&nothing)), (404, "not_found"), "{nothing}");
        assert_eq!(app.count("waitlist_entries").await, 4);
    }
}

db_test! {
    async fn a_freed_seat_is_offered_to_the_first_waiter_held_from_others_and_claimed(db) {
        let app = TestApp::new(db).await;
        let g = full_group(&app).await;
        let (uma, uma_id) = user(&app, "Uma User", "uma@example.com").await;
        let (vic, _) = user(&app, "Vic Vale", "vic@example.com").await;
        join(&app, Some(&uma), &g, json!({})).await;
        join(&app, Some(&vic), &g, json!({})).await;
        assert_eq!(offers_to(&app, "uma@example.com").await, 0);

        cancel(&app, &g, g.bookings[0]).await;
        assert_eq!(offers_to(&app, "uma@example.com").await, 1, "the first in line is offered the seat");
        assert_eq!(offers_to(&app, "vic@example.com").await, 0);
        let notices: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND kind = 'waitlist_offer'")
            .bind(uma_id).fetch_one(app.state.db().pool()).await.unwrap();
        assert_eq!(notices, 1, "an in-app notice for an account");

        // The seat is held: the page offers no time there, and nobody else can book it.
        let (_, cal) = call(&app, "GET", Some(&vic), &format!("/api/coaches/{SLUG}/calendar?from=2026-11-09&to=2026-11-10&timeZone=Europe/London"), None).await;
        let open_at_ten = cal["slots"].as_array().unwrap().iter().any(|s| s["start"] == "2026-11-09T10:00:00+00:00");
        assert!(!open_at_ten, "a held seat is not an open time: {cal}");
        let (status, taken) = call(&app, "POST", Some(&vic), &format!("/api/coaches/{SLUG}/bookings"), Some(json!({"sessionTypeId": g.st, "start": TEN}))).await;
        assert_eq!((status, error_code(&taken)), (409, "slot_taken"), "{taken}");
        let (status, coach_try) = app.post(&g.coach, "/api/bookings", json!({"sessionTypeId": g.st, "start": TEN, "name": "Zed", "email": "zed@example.com"})).await;
        assert_eq!(status, 409, "not even the coach books over a held seat: {coach_try}");

        // Each waiter sees their own place.
        let (_, mine) = call(&app, "GET", Some(&uma), &path(&g, ""), None).await;
        assert_eq!((mine["mine"]["place"].as_i64(), mine["mine"]["status"].as_str()), (Some(0), Some("offered")), "{mine}");
        assert!(mine["mine"]["offerExpiresAt"].as_str().unwrap().starts_with("2026-11-02T21:00:00"), "12 hours: {mine}");
        let (_, theirs) = call(&app, "GET", Some(&vic), &path(&g, ""), None).await;
        assert_eq!(theirs["mine"]["place"].as_i64(), Some(1), "{theirs}");

        let token = offer_token(&app, "uma@example.com").await;
        // The wrong session, a malformed token, someone else signed in: refused, nothing booked.
        let (status, _) = call(&app, "POST", Some(&uma), "/api/sessions/99999/waitlist/claim", Some(json!({"token": token}))).await;
        assert_eq!(status, 404);
        let (status, _) = call(&app, "POST", Some(&uma), &path(&g, "/claim"), Some(json!({"token": "abc"}))).await;
        assert_eq!(status, 404);
        let (status, not_yours) = call(&app, "POST", Some(&vic), &path(&g, "/claim"), Some(json!({"token": token}))).await;
        assert_eq!((status, error_code(&not_yours)), (403, "not_yours"), "{not_yours}");
        assert_eq!(seats_booked(&app, g.session).await, 1);

        let (status, claimed) = call(&app, "POST", Some(&uma), &path(&g, "/claim"), Some(json!({"token": token}))).await;
        assert_eq!(status, 201, "{claimed}");
        assert_eq!(claimed["start"], "2026-11-09T10:00:00+00:00");
        assert_eq!(seats_booked(&app, g.session).await, 2);
        let (status, twice) = call(&app, "POST", Some(&uma), &path(&g, "/claim"), Some(json!({"token": token}))).await;
        assert_eq!((status, error_code(&twice)), (409, "already_claimed"), "{twice}");
        let (_, list) = app.get(&g.coach, &path(&g, "")).await;
        assert_eq!((list["capacity"].as_i64(), list["booked"].as_i64(), list["held"].as_i64(), list["free"].as_i64()), (Some(2), Some(2), Some(0), Some(0)), "{list}");
        assert_eq!(list["entries"].as_array().unwrap().len(), 1, "Vic still waits: {list}");
        assert_eq!(list["past"][0]["status"], "claimed");
        assert_eq!(list["past"][0]["bookingId"], claimed["bookingId"]);
        // The claimed seat is a confirmed booking with the usual confirmation.
        let (_, booking) = app.get(&g.coach, &format!("/api/bookings/{}", claimed["bookingId"])).await;
        assert_eq!((booking["status"].as_str(), booking["email"].as_str()), (Some("confirmed"), Some("uma@example.com")), "{booking}");
    }
}

db_test! {
    async fn a_participant_cancelling_from_their_own_page_frees_the_seat_for_the_line(db) {
        let app = TestApp::new(db).await;
        let coach = app.coach_token().await;
        let st = app.session_type(&coach, json!({"name": "Circle", "kind": "group", "capacity": 2, "durationMinutes": 60})).await;
        app.open_every_day(&coach, "09:00", "17:00").await;
        set_settings(&app, &coach, true, 12).await;
        // Two visitors book on the page (manage links), then a visitor waits.
        let mut managed = Vec::new();
        for (name, email) in [("Pia Park", "pia@example.com"), ("Paul Poe", "paul@example.com")] {
            let (status, b) = call(&app, "POST", None, &format!("/api/coaches/{SLUG}/bookings"), Some(json!({"sessionTypeId": st, "start": TEN, "name": name, "email": email}))).await;
            assert_eq!(status, 201, "{b}");
            managed.push(b["managePath"].as_str().unwrap().to_owned());
        }
        let session: i64 = sqlx::query_scalar("SELECT id FROM sessions").fetch_one(app.state.db().pool()).await.unwrap();
        let (status, joined) = call(&app, "POST", None, &format!("/api/sessions/{session}/waitlist"), Some(json!({"name": "Wes Walk", "email": "wes@example.com", "timeZone": "America/New_York"}))).await;
        assert_eq!(status, 201, "{joined}");
        // Pia cancels through her manage link.
        let reply = crate::my_sessions::form(&app, &format!("{}/cancel", managed[0]), &[("reason", "away".into())]).await;
        assert!(reply.status == 303 || reply.status == 200, "{}", reply.text());
        assert_eq!(offers_to(&app, "wes@example.com").await, 1);
        let text: String = sqlx::query_scalar("SELECT text_body FROM emails WHERE kind = 'waitlist_offer'").fetch_one(app.state.db().pool()).await.unwrap();
        assert!(text.contains("05:00") && text.contains("America/New_York"), "times in the waiter's zone: {text}");
        // A visitor claims signed out, and gets a manage link.
        let token = offer_token(&app, "wes@example.com").await;
        let (status, claimed) = call(&app, "POST", None, &format!("/api/sessions/{session}/waitlist/claim"), Some(json!({"token": token}))).await;
        assert_eq!(status, 201, "{claimed}");
        assert!(claimed["managePath"].as_str().unwrap().starts_with("/b/"), "{claimed}");
        assert_eq!(seats_booked(&app, session).await, 2);
    }
}

db_test! {
    async fn an_unclaimed_offer_times_out_and_passes_to_the_next(db) {
        let app = TestApp::new(db).await;
        let g = full_group(&app).await;
        set_settings(&app, &g.coach, false, 6).await;
        let (uma, _) = user(&app, "Uma User", "uma@example.com").await;
        let (vic, _) = user(&app, "Vic Vale", "vic@example.com").await;
        let (wes, _) = user(&app, "Wes Walk", "wes@example.com").await;
        for t in [&uma, &vic, &wes] {
            join(&app, Some(t), &g, json!({})).await;
        }
        cancel(&app, &g, g.bookings[0]).await;
        let uma_token = offer_token(&app, "uma@example.com").await;
        let cx = app.state.ctx();

        // Before the deadline the job is not due; nothing changes.
        app.clock.advance(jiff::SignedDuration::from_hours(5));
        jobs::drain(cx, "test-worker").await.unwrap();
        assert_eq!(offers_to(&app, "vic@example.com").await, 0);

        // Past it, the job passes the seat on to Vic, still held.
        app.clock.advance(jiff::SignedDuration::from_hours(2));
        jobs::drain(cx, "test-worker").await.unwrap();
        assert_eq!(offers_to(&app, "vic@example.com").await, 1, "the next in line is offered it");
        let (status, late) = call(&app, "POST", Some(&uma), &path(&g, "/claim"), Some(json!({"token": uma_token}))).await;
        assert_eq!((status, error_code(&late)), (409, "offer_expired"), "{late}");
        let (_, list) = app.get(&g.coach, &path(&g, "")).await;
        assert_eq!(list["held"].as_i64(), Some(1), "{list}");
        assert_eq!(list["entries"][0]["email"], "vic@example.com");
        assert_eq!(list["entries"][0]["status"], "offered");
        assert_eq!(list["past"][0]["status"], "expired");

        // A claim after the deadline but before the job ran is refused, and passes it on too.
        let vic_token = offer_token(&app, "vic@example.com").await;
        app.clock.advance(jiff::SignedDuration::from_hours(7));
        let (status, late) = call(&app, "POST", Some(&vic), &path(&g, "/claim"), Some(json!({"token": vic_token}))).await;
        assert_eq!((status, error_code(&late)), (409, "offer_expired"), "{late}");
        assert_eq!(offers_to(&app, "wes@example.com").await, 1);
        jobs::drain(cx, "test-worker").await.unwrap();
        assert_eq!(offers_to(&app, "wes@example.com").await, 1, "the lapsed job offers nothing twice");
        let wes_token = offer_token(&app, "wes@example.com").await;
        let (status, claimed) = call(&app, "POST", Some(&wes), &path(&g, "/claim"), Some(json!({"token": wes_token}))).await;
        assert_eq!(status, 201, "{claimed}");
        assert_eq!(seats_booked(&app, g.session).await, 2);
    }
}

db_test! {
    async fn twenty_claims_at_once_book_the_held_seat_once_and_never_overfill(db) {
        let app = TestApp::new(db).await;
        let g = full_group(&app).await;
        let (uma, _) = user(&app, "Uma User", "uma@example.com").await;
        join(&app, Some(&uma), &g, json!({})).await;
        cancel(&app, &g, g.bookings[0]).await;
        let token = offer_token(&app, "uma@example.com").await;
        let app = std::sync::Arc::new(app);
        let st = g.st;
        let session = g.session;
        // Ten claims with the token and ten visitors booking the same time, all at once.
        let answers = at_once(20, |i| {
            let (app, token, uma) = (app.clone(), token.clone(), uma.clone());
            async move {
                if i % 2 == 0 {
                    let (status, _) = call(&app, "POST", Some(&uma), &format!("/api/sessions/{session}/waitlist/claim"), Some(json!({"token": token}))).await;
                    ("claim", status)
                } else {
                    let body = json!({"sessionTypeId": st, "start": TEN, "name": format!("Guest {i}"), "email": format!("guest{i}@example.com")});
                    let (status, _) = call(&app, "POST", None, &format!("/api/coaches/{SLUG}/bookings"), Some(body)).await;
                    ("book", status)
                }
            }
        })
        .await;
        let won: Vec<_> = answers.iter().filter(|(_, s)| *s == 201).collect();
        assert_eq!(won, [&("claim", 201)], "exactly one claim wins: {answers:?}");
        assert!(answers.iter().all(|(_, s)| *s == 201 || *s == 409), "{answers:?}");
        assert_eq!(seats_booked(&app, session).await, 2, "never over capacity");
    }
}

db_test! {
    async fn the_coach_reorders_removes_and_offers_a_seat_directly(db) {
        let app = TestApp::new(db).await;
        let g = full_group(&app).await;
        let mut ids = Vec::new();
        let mut tokens = Vec::new();
        for (name, email) in [("Uma User", "uma@example.com"), ("Vic Vale", "vic@example.com"), ("Wes Walk", "wes@example.com")] {
            let (t, _) = user(&app, name, email).await;
            let (_, j) = join(&app, Some(&t), &g, json!({})).await;
            ids.push(j["entryId"].as_i64().unwrap());
            tokens.push(t);
        }
        let (status, list) = app.put(&g.coach, &path(&g, "/order"), json!({"entryIds": [ids[2], ids[0], ids[1]]})).await;
        assert_eq!(status, 200, "{list}");
        let order: Vec<(i64, i64)> = list["entries"].as_array().unwrap().iter().map(|e| (e["id"].as_i64().unwrap(), e["place"].as_i64().unwrap())).collect();
        assert_eq!(order, [(ids[2], 1), (ids[0], 2), (ids[1], 3)]);
        let (_, mine) = call(&app, "GET", Some(&tokens[2]), &path(&g, ""), None).await;
        assert_eq!(mine["mine"]["place"].as_i64(), Some(1), "{mine}");
        for bad in [json!({"entryIds": [ids[0], ids[1]]}), json!({"entryIds": [ids[0], ids[0], ids[1]]}), json!({"entryIds": [ids[0], ids[1], 99999]})] {
            let (status, body) = app.put(&g.coach, &path(&g, "/order"), bad.clone()).await;
            assert_eq!((status, body["error"]["fields"][0]["field"].as_str()), (422, Some("entryIds")), "{bad}: {body}");
        }
        let (status, body) = app.put(&g.coach, &path(&g, "/order"), json!({"entryIds": "all"})).await;
        assert_eq!(status, 422, "{body}");

        // Removing; a waiter leaving.
        let (status, _) = app.delete(&g.coach, &path(&g, &format!("?entryId={}", ids[1]))).await;
        assert_eq!(status, 204);
        let (status, _) = app.delete(&g.coach, &path(&g, &format!("?entryId={}", ids[1]))).await;
        assert_eq!(status, 404, "removed already");
        let (status, body) = app.delete(&g.coach, &path(&g, "")).await;
        assert_eq!((status, body["error"]["fields"][0]["field"].as_str()), (422, Some("entryId")), "{body}");
        let (status, _) = call(&app, "DELETE", Some(&tokens[0]), &path(&g, ""), None).await;
        assert_eq!(status, 204);
        let (status, _) = call(&app, "GET", Some(&tokens[0]), &path(&g, ""), None).await;
        assert_eq!(status, 404, "not on the list any more");
        let (status, _) = call(&app, "DELETE", Some(&tokens[0]), &path(&g, ""), None).await;
        assert_eq!(status, 404);

        // A direct offer needs a free seat.
        let (status, none) = app.post(&g.coach, &path(&g, &format!("/{}/offer", ids[2])), json!({})).await;
        assert_eq!((status, error_code(&none)), (409, "no_free_seat"), "{none}");
        let (_, j) = join(&app, Some(&tokens[0]), &g, json!({})).await;
        let back = j["entryId"].as_i64().unwrap();
        sqlx::query("UPDATE sessions SET capacity = 3 WHERE id = $1").bind(g.session).execute(app.state.db().pool()).await.unwrap();
        let (status, list) = app.post(&g.coach, &path(&g, &format!("/{back}/offer")), json!({})).await;
        assert_eq!(status, 200, "{list}");
        assert_eq!((list["entries"][0]["id"].as_i64(), list["entries"][0]["status"].as_str()), (Some(back), Some("offered")), "ahead of the line: {list}");
        assert_eq!(offers_to(&app, "uma@example.com").await, 1);
        let (status, again) = app.post(&g.coach, &path(&g, &format!("/{back}/offer")), json!({})).await;
        assert_eq!((status, error_code(&again)), (409, "not_waiting"), "{again}");
        let (status, _) = app.post(&g.coach, &path(&g, "/99999/offer"), json!({})).await;
        assert_eq!(status, 404);
    }
}

db_test! {
    async fn a_waiter_sees_only_their_own_place_and_hidden_sessions_are_not_found(db) {
        let app = TestApp::new(db).await;
        let g = full_group(&app).await;
        let (uma, _) = user(&app, "Uma User", "uma@example.com").await;
        let (vic, _) = user(&app, "Vic Vale", "vic@example.com").await;
        join(&app, Some(&uma), &g, json!({})).await;
        join(&app, Some(&vic), &g, json!({})).await;
        cancel(&app, &g, g.bookings[0]).await;

        let (status, mine) = call(&app, "GET", Some(&vic), &path(&g, ""), None).await;
        assert_eq!(status, 200);
        let text = mine.to_string();
        for secret in ["Uma", "uma@", "Pia", "pia@", "Paul", "paul@", "Vic Vale"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert_eq!((mine["entries"].as_array().unwrap().len(), mine["capacity"].is_null()), (0, true), "{mine}");
        let (status, _) = call(&app, "GET", None, &path(&g, ""), None).await;
        assert_eq!(status, 401, "a visitor has no place to see");
        let (other, _) = user(&app, "Oli Other", "oli@example.com").await;
        let (status, _) = call(&app, "GET", Some(&other), &path(&g, ""), None).await;
        assert_eq!(status, 404, "not on it");
        // Another coach reaches none of the coach's routes.
        let bo = app.other_coach_token().await;
        let (status, _) = app.get(&bo, &path(&g, "")).await;
        assert_eq!(status, 404);
        let (status, _) = app.put(&bo, &path(&g, "/order"), json!({"entryIds": []})).await;
        assert_eq!(status, 404);
        // The coach's own routes refuse waiters.
        let (status, _) = app.put(&uma, &path(&g, "/order"), json!({"entryIds": []})).await;
        assert_eq!(status, 403);

        // A private calendar or a hidden type answers exactly like an unknown session.
        let (_, unknown) = call(&app, "GET", Some(&vic), "/api/sessions/99999/waitlist", None).await;
        let (_, p) = app.get(&g.coach, "/api/me/privacy").await;
        let (status, _) = app.put(&g.coach, "/api/me/privacy", json!({"calendarVisibility": "private", "bookingAudience": p["bookingAudience"], "showBooked": p["showBooked"], "showPrices": true})).await;
        assert_eq!(status, 200);
        for (method, body) in [("GET", None), ("POST", Some(json!({})))] {
            let (status, hidden) = call(&app, method, Some(&vic), &path(&g, ""), body).await;
            assert_eq!((status, &hidden["error"]), (404, &unknown["error"]), "{method}");
        }
        // The coach still sees the whole list.
        let (status, list) = app.get(&g.coach, &path(&g, "")).await;
        assert_eq!((status, list["entries"].as_array().unwrap().len()), (200, 2), "{list}");
    }
}

db_test! {
    async fn bad_input_gets_a_clear_4xx_and_changes_nothing(db) {
        let app = TestApp::new(db).await;
        let g = full_group(&app).await;
        let (uma, _) = user(&app, "Uma User", "uma@example.com").await;
        for hours in [0, 169, -3] {
            let (status, body) = app.put(&g.coach, "/api/me/waitlist", json!({"waitlistVisitors": true, "waitlistOfferHours": hours})).await;
            assert_eq!((status, body["error"]["fields"][0]["field"].as_str()), (422, Some("waitlistOfferHours")), "{hours}: {body}");
        }
        let (_, s) = app.get(&g.coach, "/api/me/waitlist").await;
        assert_eq!(s, json!({"waitlistVisitors": false, "waitlistOfferHours": 12}));
        let (status, _) = app.put(&g.coach, "/api/me/waitlist", json!({"waitlistVisitors": "yes"})).await;
        assert_eq!(status, 422);
        let (status, _) = call(&app, "GET", Some(&uma), "/api/sessions/abc/waitlist", None).await;
        assert_eq!(status, 404);
        let req = Request::post(path(&g, "")).header(header::AUTHORIZATION, format!("Bearer {uma}")).header(header::CONTENT_TYPE, "application/json").body(Body::from("{not json")).unwrap();
        assert_eq!(app.request(req).await.status, 400);
        for token in ["", "abc", &"z".repeat(64), &"a".repeat(64)] {
            let (status, body) = call(&app, "POST", Some(&uma), &path(&g, "/claim"), Some(json!({"token": token}))).await;
            assert_eq!((status, error_code(&body)), (404, "not_found"), "{token}: {body}");
        }
        let (status, _) = call(&app, "POST", Some(&uma), &path(&g, "/claim"), Some(json!({}))).await;
        assert_eq!(status, 422);
        let (status, _) = app.post(&g.coach, &path(&g, "/abc/offer"), json!({})).await;
        assert_eq!(status, 404);
        assert_eq!(app.count("waitlist_entries").await, 0);
        assert_eq!(seats_booked(&app, g.session).await, 2);
    }
}

/// A page GET in-process, with a bearer token or none: status and HTML.
async fn page(app: &TestApp, token: Option<&str>, path: &str) -> (u16, String) {
    let mut req = Request::get(path);
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let reply = app.request(req.body(Body::empty()).unwrap()).await;
    (reply.status, reply.text())
}

db_test! {
    async fn the_pages_join_claim_and_manage_a_waitlist_without_script(db) {
        let app = TestApp::serve(db).await;
        let (coach_browser, coach) = app.signed_in_coach().await;
        let g = group_for(&app, coach).await;
        // The coach's page shows the full session with its waitlist link, no names.
        let (status, html) = page(&app, None, &format!("/c/{SLUG}?week=2026-11-09&tz=Europe/London")).await;
        assert_eq!(status, 200);
        let join = format!("/c/{SLUG}/waitlist/{}", g.session);
        assert!(html.contains(&join) && html.contains("Full · Join the waitlist"), "{html}");
        assert!(!html.contains("Pia") && !html.contains("pia@"), "no names on the page");
        let (_, cal) = call(&app, "GET", None, &format!("/api/coaches/{SLUG}/calendar?from=2026-11-09&to=2026-11-10&timeZone=Europe/London"), None).await;
        assert_eq!(cal["booked"][0]["waitlistPath"], join.as_str(), "{cal}");

        // A visitor: asked to sign in until the coach lets visitors wait.
        let (status, html) = page(&app, None, &join).await;
        assert_eq!(status, 200);
        assert!(html.contains("Sign in or create an account to join this waitlist"), "{html}");
        set_settings(&app, &g.coach, true, 12).await;
        let (_, html) = page(&app, None, &join).await;
        assert!(html.contains("name=\"email\"") && html.contains("Join the waitlist"), "{html}");
        let bad = crate::my_sessions::form(&app, &join, &[("name", "Wes".into()), ("email", "not-an-email".into()), ("tz", "Europe/London".into())]).await;
        assert_eq!(bad.status, 422);
        assert!(bad.text().contains("id=\"wl-email-error\""), "the message beside the field: {}", bad.text());
        let ok = crate::my_sessions::form(&app, &join, &[("name", "Wes Walk".into()), ("email", "wes@example.com".into()), ("tz", "Europe/London".into())]).await;
        assert_eq!(ok.status, 201, "{}", ok.text());
        assert!(ok.text().contains("number 1 in line"), "{}", ok.text());
        let again = crate::my_sessions::form(&app, &join, &[("name", "Wes Walk".into()), ("email", "wes@example.com".into()), ("tz", "Europe/London".into())]).await;
        assert_eq!(again.status, 409);
        assert!(again.text().contains("already on this waitlist"), "{}", again.text());
        let (status, _) = page(&app, None, &format!("/c/someone-else/waitlist/{}", g.session)).await;
        assert_eq!(status, 404);

        // The coach's page for the list.
        let (uma, _) = user(&app, "Uma User", "uma@example.com").await;
        join_as(&app, &uma, &g).await;
        let admin = format!("/admin/sessions/{}/waitlist", g.session);
        let html = coach_browser.get(app.url(&admin)).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Wes Walk") && html.contains("Uma User") && html.contains("2 of 2 seats booked"), "{html}");
        let wes_first = html.find("Wes Walk").unwrap() < html.find("Uma User").unwrap();
        assert!(wes_first, "in line order");
        let (_, list) = app.get(&g.coach, &path(&g, "")).await;
        let uma_entry = list["entries"][1]["id"].as_i64().unwrap();
        let res = app.post_form(&coach_browser, &format!("{admin}/{uma_entry}/up"), &[("x", "")]).await;
        assert_eq!(crate::harness::redirect(&res), (303, format!("{admin}#waitlist").as_str()));
        let (_, list) = app.get(&g.coach, &path(&g, "")).await;
        assert_eq!(list["entries"][0]["id"].as_i64(), Some(uma_entry), "moved up: {list}");
        let res = app.post_form(&coach_browser, &format!("{admin}/{uma_entry}/down"), &[("x", "")]).await;
        assert_eq!(res.status(), 303);
        let res = app.post_form(&coach_browser, "/admin/waitlist/settings", &[("session", g.session.to_string()), ("visitors", "on".into()), ("offerHours", "0".into())]).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("id=\"offer-hours-error\""), "{html}");
        let (status, _) = page(&app, None, &admin).await;
        assert_eq!(status, 303, "signed out: to the sign-in page");

        // A seat frees; the offer's page claims it.
        cancel(&app, &g, g.bookings[1]).await;
        let token = offer_token(&app, "wes@example.com").await;
        let claim = format!("/waitlist/claim/{token}");
        let (status, html) = page(&app, None, &claim).await;
        assert_eq!(status, 200);
        assert!(html.contains("Claim my seat") && html.contains("Hello Wes Walk"), "{html}");
        assert!(!html.contains("Uma"), "no other waiter on the claim page");
        let done = crate::my_sessions::form(&app, &claim, &[("action", "claim".into())]).await;
        assert_eq!(done.status, 201, "{}", done.text());
        assert!(done.text().contains("Your seat is booked") && done.text().contains("/b/"), "{}", done.text());
        let twice = crate::my_sessions::form(&app, &claim, &[("action", "claim".into())]).await;
        assert_eq!(twice.status, 409);
        let (status, _) = page(&app, None, "/waitlist/claim/nope").await;
        assert_eq!(status, 404);
        assert_eq!(seats_booked(&app, g.session).await, 2);
    }
}

async fn join_as(app: &TestApp, token: &str, g: &Group) {
    let (status, body) = join(app, Some(token), g, json!({})).await;
    assert_eq!(status, 201, "{body}");
}

db_test! {
    async fn raising_the_capacity_offers_the_new_seats_to_the_line_in_order(db) {
        let app = TestApp::new(db).await;
        let g = full_group(&app).await;
        let (uma, _) = user(&app, "Uma User", "uma@example.com").await;
        let (vic, _) = user(&app, "Vic Vale", "vic@example.com").await;
        let (wes, _) = user(&app, "Wes West", "wes@example.com").await;
        for t in [&uma, &vic, &wes] {
            join(&app, Some(t), &g, json!({})).await;
        }
        let (status, body) = app
            .put(&g.coach, &format!("/api/sessions/{}/capacity", g.session), json!({"capacity": 4}))
            .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(offers_to(&app, "uma@example.com").await, 1, "two new seats: the first two waiting");
        assert_eq!(offers_to(&app, "vic@example.com").await, 1);
        assert_eq!(offers_to(&app, "wes@example.com").await, 0, "the third keeps waiting");
        let (_, list) = app.get(&g.coach, &path(&g, "")).await;
        assert_eq!((list["capacity"].as_i64(), list["held"].as_i64(), list["free"].as_i64()), (Some(4), Some(2), Some(0)), "{list}");
    }
}
