//! The integration-test harness: the app on a random port against a fresh SQLite file or a fresh
//! PostgreSQL database (created per test and dropped after it, from COACHBOOK_TEST_POSTGRES_URL).

use coachbook::config::{Config, Secret};
use coachbook::web::AppState;
use reqwest::redirect::Policy;
use serde_json::{json, Value};

pub const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";
pub const COACH_EMAIL: &str = "ana@example.com";
pub const PASSWORD: &str = "correct horse battery";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs one async test body against SQLite and against PostgreSQL.
macro_rules! db_test {
    ($(#[$meta:meta])* async fn $name:ident($db:ident) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            $(#[$meta])*
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $db = $crate::harness::Backend::Sqlite;
                $body
            }

            $(#[$meta])*
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if !$crate::harness::postgres_available().await {
                    return;
                }
                let $db = $crate::harness::Backend::Postgres;
                $body
            }
        }
    };
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

pub fn postgres_admin_url() -> String {
    std::env::var("COACHBOOK_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_POSTGRES_URL.to_owned())
}

/// Whether PostgreSQL tests can run. Without a server they skip with a note, except under CI,
/// where a skipped suite is a failure.
pub async fn postgres_available() -> bool {
    use sqlx::Connection;
    match sqlx::PgConnection::connect(&postgres_admin_url()).await {
        Ok(conn) => {
            let _ = conn.close().await;
            true
        }
        Err(e) => {
            assert!(
                !in_ci(),
                "PostgreSQL is required under CI=true but {} is unreachable: {e}",
                postgres_admin_url()
            );
            eprintln!(
                "SKIPPED (PostgreSQL unreachable at {}: {e})",
                postgres_admin_url()
            );
            false
        }
    }
}

/// A fresh database for one test; dropped (PostgreSQL) or deleted (SQLite) afterwards.
pub struct TestDb {
    pub url: String,
    pg_name: Option<String>,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    pub async fn new(backend: Backend) -> Self {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}", dir.path().join("coachbook.db").display());
                Self {
                    url,
                    pg_name: None,
                    _dir: Some(dir),
                }
            }
            Backend::Postgres => {
                use sqlx::{Connection, Executor};
                let name = format!("cb_test_{}_{}", std::process::id(), rand_suffix());
                let admin = postgres_admin_url();
                let mut conn = sqlx::PgConnection::connect(&admin)
                    .await
                    .expect("connect to PostgreSQL");
                conn.execute(format!("CREATE DATABASE {name}").as_str())
                    .await
                    .expect("create test database");
                let _ = conn.close().await;
                let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
                Self {
                    url: format!("{base}/{name}"),
                    pg_name: Some(name),
                    _dir: None,
                }
            }
        }
    }
}

fn rand_suffix() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!("{}_{}", nanos, N.fetch_add(1, Ordering::Relaxed))
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some(name) = self.pg_name.take() else {
            return;
        };
        // Drop runs outside async; a small runtime on its own thread does the network call.
        let admin = postgres_admin_url();
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async {
                use sqlx::{Connection, Executor};
                if let Ok(mut conn) = sqlx::PgConnection::connect(&admin).await {
                    let _ = conn
                        .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                        .await;
                    let _ = conn.close().await;
                }
            });
        })
        .join();
    }
}

/// The app serving on 127.0.0.1 on a random port.
pub struct TestApp {
    pub base: String,
    pub state: AppState,
    pub db: TestDb,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> Self {
        Self::spawn_with(backend, |_| {}).await
    }

    pub async fn spawn_with(backend: Backend, tweak: impl FnOnce(&mut Config)) -> Self {
        let db = TestDb::new(backend).await;
        let mut config = Config {
            database_url: Secret(db.url.clone()),
            ..Config::default()
        };
        tweak(&mut config);
        let (state, router) = coachbook::build(config).await.expect("build app");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let serve_state = state.clone();
        let task = tokio::spawn(async move {
            let shutdown = async move {
                let _ = rx.await;
            };
            coachbook::serve(listener, serve_state, router, shutdown)
                .await
                .expect("serve");
        });
        let app = Self {
            base: format!("http://{addr}"),
            state,
            db,
            shutdown: Some(tx),
            task: Some(task),
        };
        app.wait_ready().await;
        app
    }

    async fn wait_ready(&self) {
        let client = reqwest::Client::new();
        for _ in 0..200 {
            if let Ok(res) = client.get(self.url("/readyz")).send().await {
                if res.status().is_success() {
                    return;
                }
            }
            tokio::task::yield_now().await;
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        panic!("the app did not become ready");
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A browser-like client: keeps cookies, does not follow redirects (tests assert them).
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            .build()
            .expect("client")
    }

    pub fn setup_code(&self) -> String {
        self.state.setup_code().expect("setup is still open")
    }

    /// Completes first-run setup through the form, leaving `client` signed in as the coach.
    pub async fn setup_coach(&self, client: &reqwest::Client) {
        let res = client
            .post(self.url("/setup"))
            .header("origin", &self.base)
            .form(&[
                ("setupCode", self.setup_code().as_str()),
                ("name", "Ana Ruiz"),
                ("email", COACH_EMAIL),
                ("password", PASSWORD),
                ("timeZone", "Europe/London"),
                ("slug", ""),
            ])
            .send()
            .await
            .expect("post setup");
        assert_eq!(
            res.status(),
            303,
            "setup should redirect: {}",
            res.text().await.unwrap_or_default()
        );
    }

    /// Creates a coach through the use case (not the setup page) and returns its email.
    pub async fn create_coach(&self, name: &str, email: &str) {
        coachbook::app::accounts::create_coach(
            self.state.db(),
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

    /// Signs `client` in through the form.
    pub async fn login(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        client
            .post(self.url("/login"))
            .header("origin", &self.base)
            .form(&[("email", email), ("password", password)])
            .send()
            .await
            .expect("post login")
    }

    pub async fn token_for(&self, email: &str) -> String {
        coachbook::app::accounts::create_token(self.state.db(), email, "test")
            .await
            .expect("token")
            .1
    }

    pub async fn get_json(&self, path: &str, token: &str) -> (u16, Value) {
        let res = reqwest::Client::new()
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .expect("get");
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(json!(null)))
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// Asserts the DESIGN.md error shape and returns the code.
pub fn error_code(body: &Value) -> &str {
    let code = body["error"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("not an error body: {body}"));
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "error without a message: {body}"
    );
    code
}
