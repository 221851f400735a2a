//! Accounts over HTTP on a real port (cookies, redirects, the cross-site check): first-run setup,
//! sign-in and sign-out, roles, settings, throttling. Every test runs on SQLite and on PostgreSQL.

use axum::http::Method;
use serde_json::json;

use crate::harness::{
    at_once, error_code, form_urlencoded, redirect, TestApp, COACH_EMAIL, PASSWORD,
};

db_test! {
    async fn setup_needs_the_one_time_code_and_then_closes(db) {
        let app = TestApp::serve(db).await;
        let client = app.client();
        let home = client.get(app.url("/")).send().await.unwrap();
        assert_eq!(home.headers()["location"], "/setup");

        let wrong = app.post_form(&client, "/setup", &[("setupCode", "AAAA-AAAA"), ("name", "Mallory"), ("email", "m@example.com"), ("password", PASSWORD), ("timeZone", "UTC")]).await;
        assert_eq!(wrong.status(), 422);
        assert!(wrong.text().await.unwrap().contains("setup code is wrong"));
        assert_eq!(coachbook::store::users::count_coaches(app.state.db().pool()).await.unwrap(), 0, "a wrong code creates nothing");

        app.setup_coach(&client).await;
        let dashboard = client.get(app.url("/admin")).send().await.unwrap();
        assert_eq!(dashboard.status(), 200);
        let html = dashboard.text().await.unwrap();
        assert!(html.contains("Good to see you, Ana"), "{html}");
        assert!(html.contains("/c/ana-ruiz"));

        assert!(app.state.setup_code().is_none());
        let again = app.client().get(app.url("/setup")).send().await.unwrap();
        assert_eq!(again.headers()["location"], "/login", "setup is closed once a coach exists");
    }
}

db_test! {
    async fn the_setup_code_is_taken_in_any_case_with_spaces_and_any_dash(db) {
        let app = TestApp::serve(db).await;
        let client = app.client();
        let code = app.setup_code();
        let (head, tail) = code.split_once('-').expect("ABCD-EFGH");
        let lower = |s: &str| s.to_lowercase();
        // Each is taken as the code: the page goes on to the other fields (the name is missing).
        for typed in [
            format!("{} {}", lower(head), lower(tail)),
            format!("{head}{tail}"),
            format!(" {code} "),
            format!("{head}\u{2013}{tail}"),
            lower(&code),
        ] {
            let res = app.post_form(&client, "/setup", &[("setupCode", typed.as_str()), ("name", ""), ("email", COACH_EMAIL), ("password", PASSWORD), ("timeZone", "UTC")]).await;
            assert_eq!(res.status(), 422, "{typed:?}");
            let html = res.text().await.unwrap();
            assert!(!html.contains("setup code is wrong") && html.contains("id=\"name-error\""), "{typed:?}: {html}");
        }
        let wrong = format!("{} {}", lower(head), lower(&tail[..3]));
        let res = app.post_form(&client, "/setup", &[("setupCode", wrong.as_str()), ("name", "Ana Ruiz"), ("email", COACH_EMAIL), ("password", PASSWORD), ("timeZone", "UTC")]).await;
        assert!(res.text().await.unwrap().contains("setup code is wrong"), "a code missing a character is still wrong");

        let typed = format!("  {} {}  ", lower(head), lower(tail));
        let res = app.post_form(&client, "/setup", &[("setupCode", typed.as_str()), ("name", "Ana Ruiz"), ("email", COACH_EMAIL), ("password", PASSWORD), ("timeZone", "UTC")]).await;
        assert_eq!(redirect(&res), (303, "/admin"));
        assert_eq!(coachbook::store::users::count_coaches(app.state.db().pool()).await.unwrap(), 1);
    }
}

db_test! {
    async fn signing_out_says_so_on_the_sign_in_page_and_keeps_nothing_private(db) {
        let app = TestApp::serve(db).await;
        let browser = app.client();
        app.setup_coach(&browser).await;
        let before = app.count("login_sessions").await;
        assert!(before >= 1);

        let out = browser.post(app.url("/logout")).header("origin", app.base()).send().await.unwrap();
        assert_eq!(redirect(&out), (303, "/login"));
        let page = browser.get(app.url("/login")).send().await.unwrap();
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        assert!(html.contains("You are signed out."), "{html}");
        assert!(!html.contains("Ana Ruiz") && !html.contains(COACH_EMAIL), "nothing of the account is shown");
        assert_eq!(browser.get(app.url("/admin")).send().await.unwrap().status(), 303, "still signed out");

        // Shown once.
        let again = browser.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
        assert!(!again.contains("You are signed out."));
        // The session that carried the notice holds no account.
        let user_sessions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM login_sessions WHERE user_id IS NOT NULL")
            .fetch_one(app.state.db().pool())
            .await
            .unwrap();
        assert_eq!(user_sessions, 0, "no session of the account is left");
    }
}

db_test! {
    async fn setup_reports_every_bad_field_beside_it(db) {
        let app = TestApp::serve(db).await;
        let res = app
            .client()
            .post(app.url("/setup"))
            .header("origin", app.base())
            .form(&[("setupCode", app.setup_code().as_str()), ("name", ""), ("email", "not-an-email"), ("password", "short"), ("timeZone", "Mars/Base")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        for id in ["name-error", "email-error", "password-error", "timeZone-error"] {
            assert!(html.contains(&format!("id=\"{id}\"")), "missing {id}");
        }
        assert!(html.contains("Mars/Base"), "the typed zone is kept and named in the message");
        assert_eq!(coachbook::store::users::count_coaches(app.state.db().pool()).await.unwrap(), 0);
    }
}

db_test! {
    async fn signing_in_issues_a_new_session_id_and_signing_out_ends_every_session(db) {
        let app = TestApp::serve(db).await;
        let laptop = app.client();
        app.setup_coach(&laptop).await;

        // A visitor's session id from before sign-in must not survive it.
        let phone = app.client();
        let login_page = phone.get(app.url("/login?next=/admin/settings")).send().await.unwrap();
        assert_eq!(login_page.status(), 200);
        let res = app.login(&phone, COACH_EMAIL, "wrong password!").await;
        assert_eq!(res.status(), 401);
        let res = app.post_form(&phone, "/login", &[("email", COACH_EMAIL), ("password", PASSWORD), ("next", "/admin/settings")]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/admin/settings");
        let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
        assert!(!cookie.contains("Secure"), "plain-http installs cannot use Secure cookies");

        // GET /logout only asks; it changes nothing.
        let ask = phone.get(app.url("/logout")).send().await.unwrap();
        assert_eq!(ask.status(), 200);
        assert_eq!(phone.get(app.url("/admin")).send().await.unwrap().status(), 200);

        let out = phone.post(app.url("/logout")).header("origin", app.base()).send().await.unwrap();
        assert_eq!(out.headers()["location"], "/login");
        let after = phone.get(app.url("/admin")).send().await.unwrap();
        assert_eq!(after.status(), 303);
        assert!(after.headers()["location"].to_str().unwrap().starts_with("/login?next=%2Fadmin") || after.headers()["location"].to_str().unwrap().starts_with("/login?next=/admin"));
        let laptop_after = laptop.get(app.url("/admin")).send().await.unwrap();
        assert_eq!(laptop_after.status(), 303, "signing out ends the other sessions too");
    }
}

db_test! {
    async fn changing_the_password_ends_the_other_sessions_but_not_this_one(db) {
        let app = TestApp::serve(db).await;
        let laptop = app.client();
        app.setup_coach(&laptop).await;
        let phone = app.client();
        assert_eq!(app.login(&phone, COACH_EMAIL, PASSWORD).await.status(), 303);

        let wrong = app.post_form(&laptop, "/admin/settings/password", &[("currentPassword", "not it at all"), ("newPassword", "a brand new password")]).await;
        assert_eq!(wrong.status(), 422);
        assert!(wrong.text().await.unwrap().contains("id=\"currentPassword-error\""));

        let ok = app.post_form(&laptop, "/admin/settings/password", &[("currentPassword", PASSWORD), ("newPassword", "a brand new password")]).await;
        assert_eq!(ok.status(), 303);
        let settings = laptop.get(app.url("/admin/settings")).send().await.unwrap();
        assert_eq!(settings.status(), 200);
        assert!(settings.text().await.unwrap().contains("signed out on 1 other device"));
        assert_eq!(phone.get(app.url("/admin")).send().await.unwrap().status(), 303);
        assert_eq!(app.login(&app.client(), COACH_EMAIL, PASSWORD).await.status(), 401, "the old password no longer works");
        assert_eq!(app.login(&app.client(), COACH_EMAIL, "a brand new password").await.status(), 303);
    }
}

db_test! {
    async fn repeated_wrong_passwords_get_429_before_thirty_tries(db) {
        let app = TestApp::serve(db).await;
        app.setup_coach(&app.client()).await;
        let attacker = app.client();
        let mut first_429 = None;
        for attempt in 1..=30 {
            let res = app.login(&attacker, COACH_EMAIL, "guess guess guess").await;
            if res.status() == 429 {
                assert!(res.headers().contains_key("retry-after"));
                first_429 = Some(attempt);
                break;
            }
            assert_eq!(res.status(), 401);
        }
        let first = first_429.expect("no 429 within 30 tries");
        assert!(first <= 15, "throttled only at try {first}");
        // Even the right password is refused while throttled: guessing gains nothing.
        assert_eq!(app.login(&attacker, COACH_EMAIL, PASSWORD).await.status(), 429);
    }
}

db_test! {
    async fn a_post_from_another_site_is_refused_and_changes_nothing(db) {
        let app = TestApp::serve(db).await;
        let client = app.client();
        app.setup_coach(&client).await;
        let res = client
            .post(app.url("/admin/settings"))
            .header("origin", "https://evil.example")
            .form(&[("name", "Hacked"), ("email", "evil@example.com"), ("timeZone", "UTC"), ("slug", "hacked")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        let me = client.get(app.url("/api/me")).send().await.unwrap().json::<serde_json::Value>().await.unwrap();
        assert_eq!(me["name"], "Ana Ruiz");

        let api = client
            .patch(app.url("/api/me"))
            .header("sec-fetch-site", "cross-site")
            .json(&json!({"name": "Hacked", "email": COACH_EMAIL, "timeZone": "UTC"}))
            .send()
            .await
            .unwrap();
        assert_eq!(api.status(), 403);
        assert_eq!(error_code(&api.json().await.unwrap()), "cross_site_request");
    }
}

db_test! {
    async fn a_user_sees_their_account_and_nothing_of_the_admin(db) {
        let app = TestApp::serve(db).await;
        app.setup_coach(&app.client()).await;
        let user = app.client();
        let res = app.post_form(&user, "/signup", &[("name", "Sam Lee"), ("email", "sam@example.com"), ("password", PASSWORD), ("timeZone", "America/New_York")]).await;
        assert_eq!(redirect(&res), (303, "/login"));
        // The sign-in form says so and has the email filled in.
        let login = user.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
        assert!(login.contains("Your account is ready.") && login.contains("value=\"sam@example.com\""), "{login}");
        let res = app.login(&user, "sam@example.com", PASSWORD).await;
        assert_eq!(res.headers()["location"], "/account");
        let account = user.get(app.url("/account")).send().await.unwrap().text().await.unwrap();
        assert!(account.contains("Sam Lee") && account.contains("America/New_York"));
        assert!(!account.contains("href=\"/admin"), "no admin navigation for users");

        for path in ["/admin", "/admin/settings"] {
            let res = user.get(app.url(path)).send().await.unwrap();
            assert_eq!(res.status(), 403, "{path}");
            assert!(!res.text().await.unwrap().contains("Ana"), "{path} leaks the coach");
        }
        let post = app.post_form(&user, "/admin/settings", &[("name", "x"), ("email", "x@example.com"), ("timeZone", "UTC")]).await;
        assert_eq!(post.status(), 403);

        // Signing up with a taken email answers exactly as a new one (issue 9, fault 10), and
        // changes nothing: only the owner's password opens the account.
        let stranger = app.client();
        let users = app.count("users").await;
        let dup = app.post_form(&stranger, "/signup", &[("name", "Sam Again"), ("email", "SAM@example.com"), ("password", "another long password"), ("timeZone", "UTC")]).await;
        assert_eq!(redirect(&dup), (303, "/login"));
        let login = stranger.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
        assert!(login.contains("Your account is ready.") && !login.contains("already"), "{login}");
        assert_eq!(app.count("users").await, users, "nothing was created");
        assert_eq!(app.login(&stranger, "sam@example.com", "another long password").await.status(), 401);
        assert_eq!(app.login(&stranger, "sam@example.com", PASSWORD).await.headers()["location"], "/account");
        let account = stranger.get(app.url("/account")).send().await.unwrap().text().await.unwrap();
        assert!(account.contains("Sam Lee") && !account.contains("Sam Again"));
    }
}

db_test! {
    async fn settings_refuse_a_taken_page_address_and_save_a_good_one(db) {
        let app = TestApp::serve(db).await;
        let client = app.client();
        app.setup_coach(&client).await;
        app.create_coach("Bo Chen", "bo@example.com").await;
        let taken = app.post_form(&client, "/admin/settings", &[("name", "Ana Ruiz"), ("email", COACH_EMAIL), ("timeZone", "Europe/London"), ("slug", "bo-chen")]).await;
        assert_eq!(taken.status(), 422);
        assert!(taken.text().await.unwrap().contains("id=\"slug-error\""));
        let ok = app.post_form(&client, "/admin/settings", &[("name", "Ana María Ruiz"), ("email", COACH_EMAIL), ("timeZone", "America/Sao_Paulo"), ("slug", "ana")]).await;
        assert_eq!(ok.status(), 303);
        let page = client.get(app.url("/admin/settings")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Settings saved.") && page.contains("America/Sao_Paulo") && page.contains("value=\"ana\""));
    }
}

db_test! {
    async fn pages_carry_the_security_headers(db) {
        let app = TestApp::new(db).await;
        let res = app.send(Method::GET, "/login").await;
        let h = &res.headers;
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("frame-ancestors 'none'"));
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["x-frame-options"], "DENY");
    }
}

db_test! {
    async fn behind_https_the_session_cookie_is_secure(db) {
        let app = TestApp::serve_with(db, |c| c.public_url = Some("https://book.example.com".into())).await;
        let client = app.client();
        let res = client
            .post(app.url("/setup"))
            .header("origin", "https://book.example.com")
            .form(&[("setupCode", app.setup_code().as_str()), ("name", "Ana Ruiz"), ("email", COACH_EMAIL), ("password", PASSWORD), ("timeZone", "UTC")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let cookie = res.headers()["set-cookie"].to_str().unwrap();
        assert!(cookie.contains("Secure"), "{cookie}");
        assert!(res.headers().contains_key("strict-transport-security"));
    }
}

db_test! {
    async fn setup_forms_racing_with_the_code_make_one_coach(db) {
        let app = std::sync::Arc::new(TestApp::new(db).await);
        let code = app.setup_code();
        let statuses = at_once(8, |i| {
            let (app, code) = (app.clone(), code.clone());
            async move {
                let form = form_urlencoded(&[
                    ("setupCode", code),
                    ("name", format!("Coach {i}")),
                    ("email", format!("coach{i}@example.com")),
                    ("password", PASSWORD.to_owned()),
                    ("timeZone", "Europe/London".to_owned()),
                    ("slug", String::new()),
                ]);
                let req = axum::http::Request::post("/setup")
                    .header("origin", "http://localhost")
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(axum::body::Body::from(form))
                    .unwrap();
                app.request(req).await.status
            }
        })
        .await;
        assert_eq!(coachbook::store::users::count_coaches(app.state.db().pool()).await.unwrap(), 1, "{statuses:?}");
        assert_eq!(statuses.iter().filter(|s| **s == 303).count(), 1, "one set up: {statuses:?}");
        assert!(statuses.iter().all(|s| *s == 303 || *s == 409), "the others are told setup is done: {statuses:?}");
        assert!(app.state.setup_code().is_none());
    }
}
