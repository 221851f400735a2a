//! What most tests start from: the first coach (Ana) set up through the setup form, a second
//! coach (Bo), API tokens, session types and weekly hours.

use axum::body::Body;
use axum::http::{header, Request};
use serde_json::{json, Value};

use super::{redirect, TestApp, COACH_EMAIL, PASSWORD};

/// The second coach's email; [`TestApp::other_coach_token`] creates him.
pub const OTHER_COACH_EMAIL: &str = "bo@example.com";

impl TestApp {
    pub fn setup_code(&self) -> String {
        self.state.setup_code().expect("setup is still open")
    }

    /// The setup form as Ana fills it in.
    fn setup_form(&self) -> [(&'static str, String); 6] {
        [
            ("setupCode", self.setup_code()),
            ("name", "Ana Ruiz".into()),
            ("email", COACH_EMAIL.into()),
            ("password", PASSWORD.into()),
            ("timeZone", "Europe/London".into()),
            ("slug", String::new()),
        ]
    }

    /// Completes first-run setup through the form over the real port, leaving `client` signed in
    /// as Ana.
    pub async fn setup_coach(&self, client: &reqwest::Client) {
        let res = self.post_form(client, "/setup", &self.setup_form()).await;
        assert_eq!(
            res.status(),
            303,
            "setup should redirect: {}",
            res.text().await.unwrap_or_default()
        );
    }

    /// Completes first-run setup through the form, in-process, and returns an API token for Ana
    /// (Europe/London, page address `ana-ruiz`).
    pub async fn coach_token(&self) -> String {
        let req = Request::post("/setup")
            .header(header::ORIGIN, "http://localhost")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form_urlencoded(&self.setup_form())))
            .expect("a valid request");
        let reply = self.request(req).await;
        assert_eq!(reply.status, 303, "setup should redirect: {}", reply.text());
        self.token_for(COACH_EMAIL).await
    }

    /// Creates a coach through the use case (not the setup page).
    pub async fn create_coach(&self, name: &str, email: &str) {
        coachbook::app::accounts::create_coach(
            self.state.ctx(),
            &coachbook::app::accounts::NewAccount {
                name: name.into(),
                email: email.into(),
                password: PASSWORD.into(),
                time_zone: "Europe/London".into(),
                slug: None,
            },
        )
        .await
        .expect("create coach");
    }

    /// Creates Bo Chen ([`OTHER_COACH_EMAIL`]), a second coach, and returns his API token.
    pub async fn other_coach_token(&self) -> String {
        self.create_coach("Bo Chen", OTHER_COACH_EMAIL).await;
        self.token_for(OTHER_COACH_EMAIL).await
    }

    pub async fn token_for(&self, email: &str) -> String {
        coachbook::app::accounts::create_token(self.state.ctx(), email, "test")
            .await
            .expect("token")
            .1
    }

    /// Signs `client` in through the form over the real port.
    pub async fn login(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        self.post_form(
            client,
            "/login",
            &[("email", email), ("password", password)],
        )
        .await
    }

    /// Signs a new plain user up through the public form and then in (sign-up itself does not
    /// sign in: it answers alike for a taken email); a browser signed in as them.
    pub async fn signed_up_user(&self, name: &str, email: &str) -> reqwest::Client {
        let user = self.client();
        let res = self
            .post_form(
                &user,
                "/signup",
                &[
                    ("name", name),
                    ("email", email),
                    ("password", PASSWORD),
                    ("timeZone", "Europe/London"),
                ],
            )
            .await;
        assert_eq!(redirect(&res), (303, "/login"));
        let res = self.login(&user, email, PASSWORD).await;
        assert_eq!(redirect(&res), (303, "/account"));
        user
    }

    /// Sets Ana up through the setup form over the real port and returns a browser signed in as
    /// her, and her API token.
    pub async fn signed_in_coach(&self) -> (reqwest::Client, String) {
        let browser = self.client();
        self.setup_coach(&browser).await;
        (browser, self.token_for(COACH_EMAIL).await)
    }

    /// Posts `form` (name-value pairs in order; a name may repeat) from `client` over the real
    /// port, as a browser on this site sends a form.
    pub async fn post_form<F: serde::Serialize + ?Sized>(
        &self,
        client: &reqwest::Client,
        path: &str,
        form: &F,
    ) -> reqwest::Response {
        client
            .post(self.url(path))
            .header("origin", self.base())
            .form(form)
            .send()
            .await
            .expect("post form")
    }

    /// POSTs `body` to `path` and returns what was created; fails the test unless it answers 200
    /// or 201.
    pub async fn create(&self, token: &str, path: &str, body: Value) -> Value {
        let (status, created) = self.post(token, path, body).await;
        assert!(status == 201 || status == 200, "{path}: {status} {created}");
        created
    }

    /// Creates a session type from `body` (201) and returns its id.
    pub async fn session_type(&self, token: &str, body: Value) -> i64 {
        let (status, created) = self.post(token, "/api/session-types", body).await;
        assert_eq!(status, 201, "{created}");
        created["id"].as_i64().expect("an id")
    }

    /// Sets the weekly hours to `start`–`end` (`HH:MM`) on every day of the week.
    pub async fn open_every_day(&self, token: &str, start: &str, end: &str) {
        let rules: Vec<Value> = (1..=7)
            .map(|d| json!({"weekday": d, "start": start, "end": end}))
            .collect();
        let (status, saved) = self
            .put(token, "/api/availability/rules", json!({ "rules": rules }))
            .await;
        assert_eq!(status, 200, "{saved}");
    }

    /// Sets the language the user `email` chose, as the account page stores it.
    pub async fn choose_locale(&self, email: &str, locale: &str) {
        sqlx::query("UPDATE users SET locale = $1 WHERE email = $2")
            .bind(locale)
            .bind(email)
            .execute(self.state.db().pool())
            .await
            .expect("set the user's locale");
    }

    /// How many rows `table` holds.
    pub async fn count(&self, table: &str) -> i64 {
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(self.state.db().pool())
            .await
            .expect("count rows")
    }
}

/// `application/x-www-form-urlencoded`: every byte but `A-Za-z0-9-._~` percent-encoded.
pub fn form_urlencoded(pairs: &[(&str, String)]) -> String {
    let encode = |s: &str| -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    char::from(b).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}
