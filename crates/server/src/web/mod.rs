//! HTTP: shared state, the router, and the layers every request passes through.

pub mod api;
pub mod assets;
pub mod error;
pub mod extract;
pub mod pages;
pub mod security;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{middleware, Router};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::app::throttle::LoginThrottle;
use crate::config::Config;
use crate::store::login_sessions::DbSessionStore;
use crate::store::Db;
use error::Public;

/// The largest request body accepted (forms and JSON).
pub const BODY_LIMIT: usize = 256 * 1024;

pub const SESSION_COOKIE: &str = "coachbook_session";

/// Everything handlers share; cheap to clone. Two differently configured apps can live in one
/// process (the tests do this), so nothing here is global.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    db: Db,
    config: Config,
    throttle: LoginThrottle,
    /// The one-time code that protects first-run setup; `None` once a coach exists.
    setup_code: Mutex<Option<String>>,
}

impl AppState {
    pub fn new(db: Db, config: Config, setup_code: Option<String>) -> Self {
        Self {
            inner: Arc::new(Inner {
                db,
                config,
                throttle: LoginThrottle::default(),
                setup_code: Mutex::new(setup_code),
            }),
        }
    }

    pub fn db(&self) -> &Db {
        &self.inner.db
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    pub fn throttle(&self) -> &LoginThrottle {
        &self.inner.throttle
    }

    pub fn setup_code(&self) -> Option<String> {
        self.inner.setup_code.lock().ok().and_then(|c| c.clone())
    }

    /// Ends first-run setup for good (a coach now exists).
    pub fn close_setup(&self) {
        if let Ok(mut code) = self.inner.setup_code.lock() {
            *code = None;
        }
    }
}

pub fn router(state: AppState) -> Router {
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.db().clone()))
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.config().https())
        .with_expiry(Expiry::OnInactivity(time::Duration::days(
            state.config().session_idle_days.max(1),
        )));

    Router::new()
        .merge(pages::router())
        .nest("/api", api::router())
        .route("/assets/{hash}/{*path}", get(assets::get))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(sessions)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::same_origin,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::headers,
        ))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(CatchPanicLayer::custom(|_panic| {
            Public::internal().into_json()
        }))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// The process is up.
async fn healthz() -> &'static str {
    "ok"
}

/// The process can serve: the database answers.
async fn readyz(State(state): State<AppState>) -> Response {
    match state.db().ping().await {
        Ok(()) => "ready".into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

fn for_path(uri: &Uri, public: Public) -> Response {
    if uri.path().starts_with("/api/") || uri.path() == "/api" {
        public.into_json()
    } else {
        public.into_page()
    }
}

async fn not_found(uri: Uri) -> Response {
    let message = if uri.path().starts_with("/api") {
        "No such API route; see /api/openapi.json for the routes."
    } else {
        "There is no page at this address."
    };
    for_path(
        &uri,
        Public::new(StatusCode::NOT_FOUND, "not_found", message),
    )
}

async fn method_not_allowed(req: Request) -> Response {
    let message = format!("{} is not allowed here.", req.method());
    for_path(
        req.uri(),
        Public::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            message,
        ),
    )
}
