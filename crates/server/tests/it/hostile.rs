//! What a hostile tester found (issue 9), on both databases: control characters in text and
//! searches, newlines and tabs in redirect targets, two coaches racing for one page address,
//! throttling that locked out the owner, an Origin of another scheme, meeting links that were
//! only prefix-checked. Each answers a clear 4xx and changes nothing, never a 500.

use serde_json::{json, Value};

use crate::harness::{at_once, error_code, redirect, TestApp, COACH_EMAIL, PASSWORD};

/// Ana with a session type, open all week, and one booking on 2027-03-10 at 10:00.
async fn coach_with_booking(app: &TestApp) -> (String, Value) {
    let token = app.coach_token().await;
    let t = app
        .session_type(&token, json!({"name": "Coaching", "durationMinutes": 60}))
        .await;
    app.open_every_day(&token, "00:00", "24:00").await;
    let b = app
        .create(&token, "/api/bookings", json!({"sessionTypeId": t, "start": "2027-03-10T10:00:00Z", "name": "Jo Client", "email": "jo@example.com"}))
        .await;
    (token, b)
}

fn field(err: &Value) -> &str {
    err["error"]["fields"][0]["field"]
        .as_str()
        .unwrap_or_default()
}

db_test! {
    async fn control_characters_in_text_and_searches_are_refused_beside_the_field(db) {
        let app = TestApp::new(db).await;
        let (token, b) = coach_with_booking(&app).await;
        let path = format!("/api/bookings/{}", b["id"]);
        let (status, err) = app.put(&token, &path, json!({"notes": "a\u{0000}b"})).await;
        assert_eq!((status, field(&err)), (422, "notes"), "{err}");
        let (status, err) = app.post(&token, &format!("{path}/cancel"), json!({"reason": "ill\u{0000}"})).await;
        assert_eq!((status, field(&err)), (422, "reason"), "{err}");
        let (_, kept) = app.get(&token, &path).await;
        assert_eq!((kept["status"].as_str(), kept["notes"].as_str()), (Some("confirmed"), Some("")), "nothing changed");
        for list in ["/api/bookings", "/api/coaching/clients", "/api/coaching/applications"] {
            let (status, err) = app.get(&token, &format!("{list}?q=%00")).await;
            assert_eq!((status, field(&err)), (422, "q"), "{list}: {err}");
        }
        // Notes keep their line breaks.
        let (status, saved) = app.put(&token, &path, json!({"notes": "first line\nsecond\tline"})).await;
        assert_eq!((status, saved["notes"].as_str()), (200, Some("first line\nsecond\tline")));
        // A sign-in or a page address nobody can have is simply nobody's.
        let form = crate::harness::form_urlencoded(&[("email", "a\u{0000}@example.com".into()), ("password", PASSWORD.into())]);
        let req = axum::http::Request::post("/login")
            .header("origin", "http://localhost")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(form))
            .unwrap();
        assert_eq!(app.request(req).await.status, 401);
        assert_eq!(app.send(axum::http::Method::GET, "/c/%00/apply").await.status, 404);
    }
}

db_test! {
    async fn control_characters_in_page_searches_are_explained_not_a_server_error(db) {
        let app = TestApp::serve(db).await;
        let (browser, _) = app.signed_in_coach().await;
        for page in ["/admin/bookings?q=%00", "/admin/clients?q=%00", "/admin/applications?q=%00"] {
            let res = browser.get(app.url(page)).send().await.unwrap();
            assert!(res.status().is_success() || res.status() == 422, "{page}: {}", res.status());
            assert!(res.text().await.unwrap().contains("control characters"), "{page}");
        }
    }
}

db_test! {
    async fn a_redirect_target_with_a_newline_or_a_tab_goes_home_instead(db) {
        let app = TestApp::serve(db).await;
        app.setup_coach(&app.client()).await;
        for next in ["/\n/evil.example", "/\t/evil.example", "//evil.example", "/\\evil.example", "https://evil.example"] {
            let browser = app.client();
            let res = app.post_form(&browser, "/login", &[("email", COACH_EMAIL), ("password", PASSWORD), ("next", next)]).await;
            assert_eq!(res.status(), 303, "{next:?}");
            assert_eq!(res.headers()["location"], "/admin", "{next:?} is not followed");
        }
        let ok = app.post_form(&app.client(), "/login", &[("email", COACH_EMAIL), ("password", PASSWORD), ("next", "/admin/clients?q=ana")]).await;
        assert_eq!(ok.headers()["location"], "/admin/clients?q=ana");

        // A row action's `back` with a newline: the change is made and the list answers.
        let token = app.token_for(COACH_EMAIL).await;
        let a = app.create(&token, "/api/coaching/applications", json!({"name": "Lea Roux", "email": "lea@example.com"})).await;
        let (browser, _) = (app.client(), ());
        app.login(&browser, COACH_EMAIL, PASSWORD).await;
        let res = app.post_form(&browser, &format!("/admin/applications/{}/status", a["id"]), &[("status", "reviewing"), ("back", "/admin/applications\n")]).await;
        assert_eq!((res.status().as_u16(), res.headers()["location"].to_str().unwrap()), (303, "/admin/applications"));
    }
}

db_test! {
    async fn two_coaches_racing_for_one_page_address_get_a_field_error_not_a_500(db) {
        let app = std::sync::Arc::new(TestApp::new(db).await);
        let ana = app.coach_token().await;
        let bo = app.other_coach_token().await;
        let answers = at_once(8, |i| {
            let (app, token) = (app.clone(), if i % 2 == 0 { ana.clone() } else { bo.clone() });
            async move {
                let (name, email) = if i % 2 == 0 { ("Ana Ruiz", COACH_EMAIL) } else { ("Bo Chen", crate::harness::OTHER_COACH_EMAIL) };
                app.patch(&token, "/api/me", json!({"name": name, "email": email, "timeZone": "Europe/London", "slug": "the-coach"})).await
            }
        })
        .await;
        for (status, body) in &answers {
            assert!(*status == 200 || (*status == 422 && field(body) == "slug"), "{status} {body}");
        }
        let holders: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM coaches WHERE slug = 'the-coach'").fetch_one(app.state.db().pool()).await.unwrap();
        assert_eq!(holders, 1);
    }
}

db_test! {
    async fn the_owner_is_never_locked_out_by_their_own_sign_ins_or_a_strangers_guesses(db) {
        let app = TestApp::serve_with(db, |c| c.trust_forwarded_for = true).await;
        app.setup_coach(&app.client()).await;
        let sign_in = |from: &'static str, password: &'static str| {
            let client = app.client();
            let app = &app;
            async move {
                client
                    .post(app.url("/login"))
                    .header("origin", app.base())
                    .header("x-forwarded-for", from)
                    .form(&[("email", COACH_EMAIL), ("password", password)])
                    .send()
                    .await
                    .unwrap()
            }
        };
        for _ in 0..12 {
            assert_eq!(sign_in("10.0.0.1", PASSWORD).await.status(), 303, "successes are not counted");
        }
        for _ in 0..10 {
            assert_eq!(sign_in("10.0.0.66", "a stranger's guess").await.status(), 401);
        }
        let locked = sign_in("10.0.0.66", "a stranger's guess").await;
        assert_eq!(locked.status(), 429, "the stranger is slowed down");
        assert_eq!(locked.headers()["retry-after"], "30", "rounded up, never down");
        assert_eq!(sign_in("10.0.0.1", PASSWORD).await.status(), 303, "the owner, elsewhere, is not locked out");
    }
}

db_test! {
    async fn an_origin_of_another_scheme_is_another_site(db) {
        let app = TestApp::new(db).await;
        let req = |origin: &str| {
            axum::http::Request::post("/setup")
                .header("origin", origin)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(axum::body::Body::from("setupCode=x"))
                .unwrap()
        };
        assert_eq!(app.request(req("https://localhost")).await.status, 403, "the server is http");
        assert_eq!(app.request(req("http://localhost:8443")).await.status, 403, "another port");
        assert_eq!(app.request(req("http://localhost")).await.status, 422, "its own origin reaches the form");
    }
}

db_test! {
    async fn meeting_links_are_parsed_as_https_urls(db) {
        let app = TestApp::new(db).await;
        let (token, b) = coach_with_booking(&app).await;
        let path = format!("/api/bookings/{}", b["id"]);
        for bad in ["https://\"><img src=x onerror=alert(1)>", "https://meet.example.com/a\r\nSet-Cookie: x=1", "http://meet.example.com/ana", "javascript:alert(1)", "https://", "meet.example.com"] {
            let (status, err) = app.put(&token, &path, json!({"meetingUrl": bad})).await;
            assert_eq!((status, error_code(&err), field(&err)), (422, "invalid_input", "meetingUrl"), "{bad:?}: {err}");
        }
        let (status, saved) = app.put(&token, &path, json!({"meetingUrl": "https://meet.example.com/ana?pwd=1"})).await;
        assert_eq!((status, saved["meetingUrl"].as_str()), (200, Some("https://meet.example.com/ana?pwd=1")));
        let (status, cleared) = app.put(&token, &path, json!({"meetingUrl": ""})).await;
        assert_eq!((status, cleared["meetingUrl"].as_str()), (200, Some("")));
    }
}

/// Posts a public form from `from` (the proxy's `X-Forwarded-For`) on a fresh client.
async fn public_post(
    app: &TestApp,
    path: &str,
    from: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    app.client()
        .post(app.url(path))
        .header("origin", app.base())
        .header("x-forwarded-for", from)
        .form(form)
        .send()
        .await
        .unwrap()
}

db_test! {
    async fn sign_up_is_limited_per_address_and_per_email_and_never_says_an_email_is_taken(db) {
        let app = TestApp::serve_with(db, |c| c.trust_forwarded_for = true).await;
        app.setup_coach(&app.client()).await;
        let sign_up = |from: &'static str, email: String, password: &'static str| {
            let app = &app;
            async move {
                public_post(app, "/signup", from, &[("name", "Sam Lee"), ("email", &email), ("password", password), ("timeZone", "UTC")]).await
            }
        };
        // Mistakes are shown and not counted: a person fixing a form is never throttled.
        for _ in 0..15 {
            assert_eq!(sign_up("10.0.0.1", "sam@example.com".into(), "short").await.status(), 422);
        }
        // One email: three tries, taken or not, then a wait; the same answer each time.
        for _ in 0..3 {
            let res = sign_up("10.0.0.1", "sam@example.com".into(), PASSWORD).await;
            assert_eq!(redirect(&res), (303, "/login"));
        }
        let coach_email = sign_up("10.0.0.2", COACH_EMAIL.into(), PASSWORD).await;
        assert_eq!(redirect(&coach_email), (303, "/login"), "a coach's email is not revealed");
        let refused = sign_up("10.0.0.3", "sam@example.com".into(), PASSWORD).await;
        assert_eq!(refused.status(), 429);
        let retry: u64 = refused.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((1..=3600).contains(&retry), "retry-after {retry}");
        let page = refused.text().await.unwrap();
        assert!(page.contains("Too many sign-ups") && page.contains("aria-invalid=\"true\""), "beside the email field: {page}");
        // One address: ten sign-ups (three spent above), then a wait, whatever the email.
        for i in 0..7 {
            assert_eq!(sign_up("10.0.0.1", format!("user{i}@example.com"), PASSWORD).await.status(), 303, "sign-up {i}");
        }
        assert_eq!(sign_up("10.0.0.1", "late@example.com".into(), PASSWORD).await.status(), 429);
        assert_eq!(sign_up("10.0.0.9", "late@example.com".into(), PASSWORD).await.status(), 303, "another address is not held up");
        // The coach, Sam, seven users and the late one: the refused and the taken created nothing.
        assert_eq!(app.count("users").await, 10);
    }
}

db_test! {
    async fn applications_are_limited_per_address_and_per_email(db) {
        let app = TestApp::serve_with(db, |c| c.trust_forwarded_for = true).await;
        let token = app.coach_token().await;
        let (_, me) = app.get(&token, "/api/me").await;
        let apply = format!("/c/{}/apply", me["coach"]["slug"].as_str().or_else(|| me["slug"].as_str()).unwrap());
        let send = |from: &'static str, email: String| {
            let (app, apply) = (&app, apply.clone());
            async move {
                public_post(app, &apply, from, &[("name", "Lena Ortiz"), ("email", &email), ("goals", "Focus")]).await.status().as_u16()
            }
        };
        for i in 0..3 {
            assert_eq!(send("10.0.0.1", "lena@example.com".into()).await, 303, "application {i}");
        }
        assert_eq!(send("10.0.0.2", "LENA@example.com".into()).await, 429, "the same email from elsewhere");
        // Sixty from one address: ten in all are taken, the rest wait.
        let mut statuses = Vec::new();
        for i in 0..60 {
            statuses.push(send("10.0.0.1", format!("a{i}@example.com")).await);
        }
        assert_eq!(statuses.iter().filter(|s| **s == 303).count(), 7, "{statuses:?}");
        assert!(statuses[7..].iter().all(|s| *s == 429), "{statuses:?}");
        assert_eq!(app.count("applications").await, 10);
    }
}

db_test! {
    async fn moving_a_discovery_call_also_takes_the_link_and_notes_sent_with_it(db) {
        let app = TestApp::new(db).await;
        let token = app.coach_token().await;
        app.session_type(&token, json!({"name": "Intro call", "kind": "discovery", "durationMinutes": 30})).await;
        app.open_every_day(&token, "00:00", "24:00").await;
        let application = app.create(&token, "/api/coaching/applications", json!({"name": "Lena Ortiz", "email": "lena@example.com"})).await;
        let path = format!("/api/coaching/applications/{}", application["id"]);
        let (status, first) = app.put(&token, &path, json!({"discoveryCall": {"start": "2027-03-10T10:00:00Z", "meetingUrl": "https://meet.example.com/one"}})).await;
        assert_eq!(status, 200, "{first}");
        let booking = format!("/api/bookings/{}", first["application"]["bookingId"].as_i64().or(first["bookingId"].as_i64()).expect("a booking id"));
        // A bad link with the move refuses the whole change.
        let (status, err) = app.put(&token, &path, json!({"discoveryCall": {"start": "2027-03-11T10:00:00Z", "meetingUrl": "https://meet.example.com/\u{0}"}})).await;
        assert_eq!((status, field(&err)), (422, "meetingUrl"), "{err}");
        let (_, kept) = app.get(&token, &booking).await;
        assert_eq!((kept["start"].as_str(), kept["meetingUrl"].as_str()), (Some("2027-03-10T10:00:00+00:00"), Some("https://meet.example.com/one")), "{kept}");
        let (status, _) = app.put(&token, &path, json!({"discoveryCall": {"start": "2027-03-11T10:00:00Z", "meetingUrl": "https://meet.example.com/two", "notes": "Bring questions"}})).await;
        assert_eq!(status, 200);
        let (_, moved) = app.get(&token, &booking).await;
        assert_eq!((moved["meetingUrl"].as_str(), moved["notes"].as_str()), (Some("https://meet.example.com/two"), Some("Bring questions")), "{moved}");
        assert!(moved["start"].as_str().unwrap().starts_with("2027-03-11T10:00:00"), "{moved}");
    }
}
