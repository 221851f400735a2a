//! The integration-test harness, written once for every module of the `it` binary.
//!
//! A [`TestApp`] is the app against a fresh database ([`TestDb`]: a SQLite file, or a PostgreSQL
//! database created per test and dropped after it). Requests go straight to its router,
//! in-process ([`TestApp::get`], [`TestApp::post`], … in `requests.rs`). An app started with
//! [`TestApp::serve`] also listens on 127.0.0.1 on a random port, for the tests that need a real
//! client: cookies, redirects, the cross-site check. Ready-made coaches, session types and hours
//! are in `fixtures.rs`.

pub mod cluster;
mod db;
mod fixtures;
pub mod logs;
pub mod process;
pub mod python;
mod requests;
pub mod text;

use coachbook::clock::ManualClock;
use coachbook::config::{Config, Secret};
use coachbook::web::AppState;
use jiff::Timestamp;
use reqwest::redirect::Policy;
use serde_json::Value;

pub use db::{postgres_available, Backend, TestDb};
pub use fixtures::{form_urlencoded, OTHER_COACH_EMAIL};
pub use requests::{call, Reply};

pub const COACH_EMAIL: &str = "ana@example.com";
pub const PASSWORD: &str = "correct horse battery";

/// Where every in-process app's clock starts: Monday 2 November 2026, 09:00 UTC (09:00 in
/// London). Test dates are written relative to it (the weeks after it, or DST dates it comes
/// before), never to the day the suite happens to run; `app.clock` moves it.
pub const CLOCK_START: &str = "2026-11-02T09:00:00Z";

pub fn clock_start() -> Timestamp {
    CLOCK_START.parse().expect("CLOCK_START is RFC 3339")
}

/// Runs one async test body against SQLite and against PostgreSQL, as `$name::sqlite` and
/// `$name::postgres`.
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

/// A page answer's status and where it redirects (empty when it does not).
pub fn redirect(res: &reqwest::Response) -> (u16, &str) {
    let location = res
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default();
    (res.status().as_u16(), location)
}

/// Under CI a test that cannot run fails instead of skipping.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// The app on a fresh database; in-process, and on a real port when started with `serve`.
pub struct TestApp {
    pub state: AppState,
    /// The app's clock: it stands still at [`CLOCK_START`] until a test moves it.
    pub clock: ManualClock,
    router: axum::Router,
    server: Option<Server>,
    // Last: the database goes once the server has stopped.
    pub db: TestDb,
}

/// The app serving on 127.0.0.1 on a random port; stopped when dropped.
struct Server {
    base: String,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        self.task.abort();
    }
}

impl TestApp {
    /// The app in-process, on a fresh database: no port, requests go to the router.
    pub async fn new(backend: Backend) -> Self {
        Self::open(TestDb::new(backend).await).await
    }

    /// [`TestApp::new`] with a changed configuration.
    #[allow(dead_code)] // used by the integration modules as they come
    pub async fn new_with(backend: Backend, tweak: impl FnOnce(&mut Config)) -> Self {
        Self::build(TestDb::new(backend).await, tweak).await
    }

    /// The app on a fresh database, also listening on a random port.
    pub async fn serve(backend: Backend) -> Self {
        Self::serve_with(backend, |_| {}).await
    }

    /// [`TestApp::serve`] with a changed configuration.
    pub async fn serve_with(backend: Backend, tweak: impl FnOnce(&mut Config)) -> Self {
        Self::build(TestDb::new(backend).await, tweak)
            .await
            .listen()
            .await
    }

    /// A second node on this app's database: its own state, caches and throttles, in-process.
    /// Drop it before this app.
    pub async fn another_node(&self) -> Self {
        Self::open(self.db.shared()).await
    }

    /// The app in-process on `db`, which may already hold data (the command line filled it).
    pub async fn open(db: TestDb) -> Self {
        Self::build(db, |_| {}).await
    }

    async fn build(db: TestDb, tweak: impl FnOnce(&mut Config)) -> Self {
        let mut config = Config {
            database_url: Secret(db.url.clone()),
            // In-process tests run due jobs themselves (`jobs::drain`), at the moments their
            // clock says; background workers would race them.
            workers: 0,
            ..Config::default()
        };
        tweak(&mut config);
        logs::capture();
        let clock = ManualClock::new(clock_start());
        let (state, router) = coachbook::build(config, clock.clock())
            .await
            .expect("build app");
        Self {
            state,
            clock,
            router,
            server: None,
            db,
        }
    }

    async fn listen(mut self) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let (state, router) = (self.state.clone(), self.router.clone());
        let task = tokio::spawn(async move {
            let shutdown = async move {
                let _ = rx.await;
            };
            coachbook::serve(listener, state, router, shutdown)
                .await
                .expect("serve");
        });
        self.server = Some(Server {
            base: format!("http://{addr}"),
            shutdown: Some(tx),
            task,
        });
        self.wait_ready().await;
        self
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

    /// `http://127.0.0.1:PORT` of an app started with [`TestApp::serve`].
    pub fn base(&self) -> &str {
        &self
            .server
            .as_ref()
            .expect("this app is in-process only; start it with TestApp::serve for a real port")
            .base
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base())
    }

    /// A browser-like client: keeps cookies, does not follow redirects (tests assert them).
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            .build()
            .expect("client")
    }
}

/// Runs `make(i)` for every `i` in `0..n`, each on its own task, all let go at once (a barrier),
/// and answers their results in order: `n` overlapping requests, as from `n` connections.
pub async fn at_once<F, Fut, T>(n: usize, make: F) -> Vec<T>
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let start = std::sync::Arc::new(tokio::sync::Barrier::new(n));
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            let (start, work) = (start.clone(), make(i));
            tokio::spawn(async move {
                start.wait().await;
                work.await
            })
        })
        .collect();
    let mut out = Vec::with_capacity(n);
    for task in tasks {
        out.push(task.await.expect("a task of at_once panicked"));
    }
    out
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
