//! The leak test (issue 13): a practice is seeded with people whose names, emails, notes and
//! meeting links are unmistakable; then every view a non-coach can fetch — the coach's page and
//! its booking form, the request and apply forms, the page and calendar JSON, the event stream,
//! the client's portal and API, notifications, a manage link and its `.ics`, and the error bodies
//! of refused bookings and requests — is fetched as each kind of viewer (a visitor, a registered
//! user, another coach's client, a connected client) under every combination of the coach's
//! privacy settings, and none of them may hold anything of anybody but the viewer. Both
//! databases, over a real port (pages need the session cookie).

use serde_json::{json, Value};

use crate::harness::TestApp;

const SLUG: &str = "ana-ruiz";

/// One person's unmistakable traces.
struct Person {
    name: &'static str,
    email: &'static str,
    /// Notes, goals, messages and meeting links that only the coach (and they) may see.
    secrets: &'static [&'static str],
}

const ULRIKE: Person = Person {
    name: "Ulrike Leakwell",
    email: "ulrike.leakwell@leak.example",
    secrets: &[
        "NOTE-ULRIKE-7731",
        "BOOKINGNOTE-ULRIKE-7731",
        "LINK-ULRIKE-7731",
    ],
};
const PETRONELLA: Person = Person {
    name: "Petronella Appsworth",
    email: "petronella.appsworth@leak.example",
    secrets: &["GOAL-PETRONELLA-7731"],
};
const VANCE: Person = Person {
    name: "Vance Visitorson",
    email: "vance.visitorson@leak.example",
    secrets: &["VNOTE-VANCE-7731"],
};
const RHODA: Person = Person {
    name: "Rhoda Requestley",
    email: "rhoda.requestley@leak.example",
    secrets: &["MSG-RHODA-7731"],
};
const CONNIE: Person = Person {
    name: "Connie Connected",
    email: "connie.connected@leak.example",
    secrets: &["NOTE-CONNIE-7731", "LINK-CONNIE-7731"],
};
const REGGIE: Person = Person {
    name: "Reggie Registered",
    email: "reggie.registered@leak.example",
    secrets: &[],
};
const OTTO: Person = Person {
    name: "Otto Othercoach",
    email: "otto.othercoach@leak.example",
    secrets: &["NOTE-OTTO-7731"],
};

const EVERYONE: [&Person; 7] = [
    &ULRIKE,
    &PETRONELLA,
    &VANCE,
    &RHODA,
    &CONNIE,
    &REGGIE,
    &OTTO,
];

/// Who is looking, and who they are themselves (their own traces may show to them).
struct Viewer {
    label: &'static str,
    me: Option<&'static Person>,
    http: reqwest::Client,
    signed_in: bool,
}

/// Everything `viewer` may not see: every person's traces but their own.
fn forbidden(viewer: &Viewer) -> Vec<&'static str> {
    EVERYONE
        .iter()
        .filter(|p| viewer.me.is_none_or(|me| me.email != p.email))
        .flat_map(|p| {
            [p.name, p.email]
                .into_iter()
                .chain(p.secrets.iter().copied())
        })
        .collect()
}

struct Seeded {
    public_type: i64,
    clients_type: i64,
    hidden_type: i64,
    group_type: i64,
    /// Ulrike's booking: a taken start, and its id.
    taken_start: &'static str,
    ulrike_booking: i64,
    /// Vance's manage token (the visitor's own booking).
    vance_token: String,
    /// Calendar feeds, by whose they are (`None`: the anonymised feed, which a coach may show
    /// anyone): each viewer fetches those they may hold.
    feeds: Vec<(Option<&'static str>, String)>,
}

/// Ana's practice: three types (public, clients only, nobody), a group type, hours every day,
/// Ulrike's booking with notes and a link, a group session Ulrike and Connie share, Connie's own
/// booking, Petronella's application, Vance's booking made on the page, Rhoda's request; Bo's
/// client Otto. Connie and Otto are connected to their accounts.
async fn seed(app: &TestApp, token: &str, other: &str) -> Seeded {
    let public_type = app
        .session_type(token, json!({"name": "Coaching", "visibility": "public"}))
        .await;
    let clients_type = app
        .session_type(
            token,
            json!({"name": "Inner circle", "visibility": "connected"}),
        )
        .await;
    let hidden_type = app
        .session_type(token, json!({"name": "Board prep", "visibility": "nobody"}))
        .await;
    let group_type = app
        .session_type(
            token,
            json!({"name": "Circle", "kind": "group", "capacity": 6, "visibility": "public"}),
        )
        .await;
    app.open_every_day(token, "08:00", "20:00").await;

    let client =
        |p: &Person, notes: &str| json!({"name": p.name, "email": p.email, "notes": notes});
    let ulrike = app
        .create(
            token,
            "/api/coaching/clients",
            client(&ULRIKE, "NOTE-ULRIKE-7731"),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let connie = app
        .create(
            token,
            "/api/coaching/clients",
            client(&CONNIE, "NOTE-CONNIE-7731"),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    app.create(
        other,
        "/api/coaching/clients",
        client(&OTTO, "NOTE-OTTO-7731"),
    )
    .await;

    let book = |client: i64, st: i64, start: &str, link: &str, notes: &str| {
        json!({"clientId": client, "sessionTypeId": st, "start": start,
               "meetingUrl": format!("https://meet.example.com/{link}"), "notes": notes})
    };
    let taken_start = "2026-11-04T10:00:00Z";
    let ulrike_booking = app
        .create(
            token,
            "/api/bookings",
            book(
                ulrike,
                public_type,
                taken_start,
                "LINK-ULRIKE-7731",
                "BOOKINGNOTE-ULRIKE-7731",
            ),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    for c in [ulrike, connie] {
        app.create(
            token,
            "/api/bookings",
            book(
                c,
                group_type,
                "2026-11-05T12:00:00Z",
                "LINK-GROUP-CIRCLE",
                "",
            ),
        )
        .await;
    }
    app.create(
        token,
        "/api/bookings",
        book(
            connie,
            clients_type,
            "2026-11-06T09:00:00Z",
            "LINK-CONNIE-7731",
            "NOTE-CONNIE-7731",
        ),
    )
    .await;
    app.create(
        token,
        "/api/bookings",
        book(
            ulrike,
            hidden_type,
            "2026-11-06T14:00:00Z",
            "LINK-ULRIKE-7731",
            "",
        ),
    )
    .await;
    app.create(
        token,
        "/api/coaching/applications",
        json!({"name": PETRONELLA.name, "email": PETRONELLA.email, "goals": "GOAL-PETRONELLA-7731"}),
    )
    .await;

    // Vance books on the page as a visitor; Rhoda sends a request.
    let visitor = app.client();
    let res = visitor
        .post(app.url(&format!("/api/coaches/{SLUG}/bookings")))
        .header("origin", app.base())
        .json(
            &json!({"sessionTypeId": public_type, "start": "2026-11-07T11:00:00Z",
                      "name": VANCE.name, "email": VANCE.email, "notes": "VNOTE-VANCE-7731"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "Vance books");
    let booked: Value = res.json().await.unwrap();
    let vance_token = booked["managePath"]
        .as_str()
        .expect("a manage link")
        .trim_start_matches("/b/")
        .to_owned();
    let res = visitor
        .post(app.url(&format!("/api/coaches/{SLUG}/session-requests")))
        .header("origin", app.base())
        .json(&json!({"sessionTypeId": public_type,
                      "times": [{"start": "2026-11-08T06:00:00Z"}],
                      "message": "MSG-RHODA-7731", "name": RHODA.name, "email": RHODA.email}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        201,
        "Rhoda's request: {}",
        res.text().await.unwrap()
    );

    // Connie and Otto have accounts connected to their client records.
    let _ = connie;
    Seeded {
        public_type,
        clients_type,
        hidden_type,
        group_type,
        taken_start,
        ulrike_booking,
        vance_token,
        feeds: Vec::new(),
    }
}

/// The path of the feed of `kind` that `token`'s owner has.
async fn feed_path(app: &TestApp, token: &str, kind: &str) -> String {
    let (status, listed) = app.get(token, "/api/me/feeds").await;
    assert_eq!(status, 200, "{listed}");
    let url = listed["feeds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == kind)
        .and_then(|f| f["url"].as_str())
        .unwrap_or_else(|| panic!("no {kind} feed: {listed}"))
        .to_owned();
    url[url.find("/feeds/").unwrap()..].to_owned()
}

/// Links the client with `email` (of whichever coach) to the account with the same email.
async fn connect(app: &TestApp, email: &str) {
    let sql = format!(
        "UPDATE clients SET user_id = (SELECT id FROM users WHERE email = '{email}') WHERE email = '{email}'"
    );
    let done = sqlx::query(&sql)
        .execute(app.state.ctx().db.writer())
        .await
        .expect("link the client");
    assert_eq!(done.rows_affected(), 1, "{email} is one client");
}

/// Everything `viewer` can fetch, as (what, status, body).
async fn fetch_all(
    app: &TestApp,
    viewer: &Viewer,
    s: &Seeded,
    n: usize,
) -> Vec<(String, u16, String)> {
    let mut paths = vec![
        format!("/c/{SLUG}"),
        format!("/c/{SLUG}?tz=America/New_York&from=2026-11-02"),
        format!(
            "/c/{SLUG}/book?sessionTypeId={}&start=2026-11-04T13:00:00Z",
            s.public_type
        ),
        format!(
            "/c/{SLUG}/book?sessionTypeId={}&start={}",
            s.public_type, s.taken_start
        ),
        format!(
            "/c/{SLUG}/book?sessionTypeId={}&start=2026-11-04T13:00:00Z",
            s.hidden_type
        ),
        format!("/c/{SLUG}/request"),
        format!("/c/{SLUG}/apply"),
        format!("/api/coaches/{SLUG}"),
        format!("/api/coaches/{SLUG}/calendar?from=2026-11-02&to=2026-11-16"),
        format!("/api/coaches/{SLUG}/calendar?from=2026-11-02&to=2026-11-16&timeZone=Asia/Tokyo"),
        format!(
            "/api/coaches/{SLUG}/calendar?from=2026-11-02&to=2026-11-16&sessionTypeId={}",
            s.group_type
        ),
        format!(
            "/api/coaches/{SLUG}/calendar?from=2026-11-02&to=2026-11-16&sessionTypeId={}",
            s.clients_type
        ),
        format!(
            "/api/coaches/{SLUG}/calendar?from=2026-11-02&to=2026-11-16&sessionTypeId={}",
            s.hidden_type
        ),
        format!("/api/coaches/{SLUG}/events?once=true"),
        "/b/0123456789abcdef0123456789abcdef".to_owned(),
        "/c/no-such-coach".to_owned(),
        "/api/coaches/no-such-coach/calendar".to_owned(),
    ];
    for (owner, path) in &s.feeds {
        if owner.is_none_or(|o| viewer.me.is_some_and(|me| me.email == o)) {
            paths.push(path.clone());
        }
    }
    if viewer.me.is_some_and(|me| me.email == VANCE.email) {
        paths.push(format!("/b/{}", s.vance_token));
        paths.push(format!("/b/{}/calendar.ics", s.vance_token));
    }
    if viewer.signed_in {
        paths.extend([
            "/my".to_owned(),
            "/api/my/bookings".to_owned(),
            "/api/my/credits".to_owned(),
            format!("/api/my/bookings/{}/open-times", s.ulrike_booking),
            "/notifications".to_owned(),
            "/api/notifications".to_owned(),
            "/account".to_owned(),
        ]);
    }
    let mut out = Vec::new();
    // A different address per round, so the public forms' allowances per address never run out.
    let addr = format!("10.7.{}.{}", n / 250, n % 250 + 1);
    for path in paths {
        let res = viewer
            .http
            .get(app.url(&path))
            .header("x-forwarded-for", &addr)
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        out.push((format!("GET {path}"), status, res.text().await.unwrap()));
    }
    let posts = [
        // A taken time, a hidden type, another's booking: each refused with a body.
        (
            format!("/api/coaches/{SLUG}/bookings"),
            json!({"sessionTypeId": s.public_type, "start": s.taken_start,
                   "name": "Leak Probe", "email": format!("probe{n}@probe.example")}),
        ),
        (
            format!("/api/coaches/{SLUG}/bookings"),
            json!({"sessionTypeId": s.hidden_type, "start": "2026-11-06T14:00:00Z",
                   "name": "Leak Probe", "email": format!("probe{n}@probe.example")}),
        ),
        (
            format!("/api/coaches/{SLUG}/session-requests"),
            json!({"sessionTypeId": s.clients_type, "times": [],
                   "name": "Leak Probe", "email": format!("probe{n}@probe.example")}),
        ),
        (
            format!("/api/my/bookings/{}/cancel", s.ulrike_booking),
            json!({"reason": "probe"}),
        ),
    ];
    for (path, body) in posts {
        let res = viewer
            .http
            .post(app.url(&path))
            .header("origin", app.base())
            .header("x-forwarded-for", &addr)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        out.push((format!("POST {path}"), status, res.text().await.unwrap()));
    }
    out
}

db_test! {
    async fn no_view_a_non_coach_can_fetch_holds_anyone_elses_name_email_notes_or_link(db) {
        let app = TestApp::serve_with(db, |c| c.trust_forwarded_for = true).await;
        let token = app.coach_token().await;
        let other = app.other_coach_token().await;
        let mut s = seed(&app, &token, &other).await;

        let viewers = [
            Viewer { label: "visitor", me: Some(&VANCE), http: app.client(), signed_in: false },
            Viewer { label: "registered user", me: Some(&REGGIE), http: app.signed_up_user(REGGIE.name, REGGIE.email).await, signed_in: true },
            Viewer { label: "another coach's client", me: Some(&OTTO), http: app.signed_up_user(OTTO.name, OTTO.email).await, signed_in: true },
            Viewer { label: "connected client", me: Some(&CONNIE), http: app.signed_up_user(CONNIE.name, CONNIE.email).await, signed_in: true },
        ];
        connect(&app, OTTO.email).await;
        connect(&app, CONNIE.email).await;
        let connie_token = app.token_for(CONNIE.email).await;
        s.feeds = vec![
            (None, feed_path(&app, &token, "coach_anonymous").await),
            (Some(CONNIE.email), feed_path(&app, &connie_token, "client").await),
        ];

        let mut fetched = 0;
        let mut seen_ok = std::collections::BTreeSet::new();
        let mut round = 0;
        for calendar in ["private", "connected", "public"] {
            for booking in ["connected", "registered", "public"] {
                for show_booked in ["no", "booked", "booked_with_type"] {
                    round += 1;
                    let (status, saved) = app.put(&token, "/api/me/privacy", json!({
                        "calendarVisibility": calendar, "bookingAudience": booking,
                        "showBooked": show_booked, "showPrices": round % 2 == 0,
                    })).await;
                    assert_eq!(status, 200, "{saved}");
                    for (i, viewer) in viewers.iter().enumerate() {
                        let banned = forbidden(viewer);
                        for (what, status, body) in fetch_all(&app, viewer, &s, round * 4 + i).await {
                            fetched += 1;
                            assert!(status < 500, "{what} as {} ({calendar}/{booking}/{show_booked}): {status} {body}", viewer.label);
                            if status == 200 {
                                seen_ok.insert(what.clone());
                            }
                            for word in &banned {
                                assert!(
                                    !body.contains(word),
                                    "{what} as the {} ({calendar} calendar, {booking} booking, booked time {show_booked}) holds {word:?}:\n{body}",
                                    viewer.label
                                );
                            }
                        }
                    }
                }
            }
        }
        // The views were really there to look at (not all 404s).
        for expected in [
            format!("GET /c/{SLUG}"),
            format!("GET /api/coaches/{SLUG}/calendar?from=2026-11-02&to=2026-11-16"),
            format!("GET /api/coaches/{SLUG}/events?once=true"),
            format!("GET /b/{}", s.vance_token),
            format!("GET /b/{}/calendar.ics", s.vance_token),
            "GET /my".to_owned(),
            "GET /api/my/bookings".to_owned(),
            format!("GET {}", s.feeds[0].1),
            format!("GET {}", s.feeds[1].1),
        ] {
            assert!(seen_ok.contains(&expected), "{expected} answered 200 at least once: {seen_ok:?}");
        }
        assert!(fetched > 2000, "{fetched} views fetched");

        // Controls: the traces are really stored, and a viewer's own do reach them, so a view
        // that showed someone else's would have been caught above.
        let (_, clients) = app.get(&token, "/api/coaching/clients").await;
        assert!(clients.to_string().contains(ULRIKE.name) && clients.to_string().contains("NOTE-ULRIKE-7731"));
        let (_, bookings) = app.get(&token, "/api/bookings?from=2026-11-02T00:00:00Z&to=2026-11-16T00:00:00Z").await;
        for word in ["LINK-ULRIKE-7731", "BOOKINGNOTE-ULRIKE-7731", VANCE.email, "LINK-CONNIE-7731"] {
            assert!(bookings.to_string().contains(word), "the coach sees {word}: {bookings}");
        }
        let connie = &viewers[3];
        let mine = connie.http.get(app.url("/api/my/bookings")).send().await.unwrap().text().await.unwrap();
        assert!(mine.contains("LINK-CONNIE-7731"), "Connie sees her own meeting link: {mine}");
        // Connie's feed holds her own link, and only her bookings: not Ulrike's, nor the
        // coach's full feed, which holds them all.
        let feed = app.client().get(app.url(&s.feeds[1].1)).send().await.unwrap().text().await.unwrap();
        assert!(feed.contains("LINK-CONNIE-7731") && feed.contains("UID:booking-"), "{feed}");
        assert!(!feed.contains(&format!("booking-{}@", s.ulrike_booking)), "{feed}");
        let full = app.client().get(app.url(&feed_path(&app, &token, "coach").await)).send().await.unwrap().text().await.unwrap();
        assert!(full.contains(ULRIKE.name) && full.contains("LINK-ULRIKE-7731"), "the coach's own feed has them: {full}");
        let vance = app.client().get(app.url(&format!("/b/{}", s.vance_token))).send().await.unwrap().text().await.unwrap();
        assert!(vance.contains("Coaching") && vance.contains("Ana Ruiz"), "the manage link shows Vance his booking: {vance}");
    }
}
