//! HTTP: shared state, the router, and the layers every request passes through.

pub mod api;
pub mod assets;
pub mod dates;
pub mod error;
pub mod extract;
pub mod locale;
pub mod metrics;
pub mod pages;
pub mod security;
pub mod words;

use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use argon2::password_hash::rand_core::{OsRng, RngCore};
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{middleware, Router};
use futures_util::FutureExt;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tracing::Instrument;

use crate::app::notify::email::mailer::Mailer;
use crate::app::throttle::{FormThrottle, LoginThrottle};
use crate::app::Ctx;
use crate::clock::Clock;
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
    ctx: Ctx,
    config: Config,
    throttle: LoginThrottle,
    forms: FormThrottle,
    /// The one-time code that protects first-run setup; `None` once a coach exists.
    setup_code: Mutex<Option<String>>,
}

impl AsRef<Ctx> for AppState {
    fn as_ref(&self) -> &Ctx {
        &self.inner.ctx
    }
}

impl AppState {
    /// `mail` is where the job workers send emails (built from `config` at start-up, where a
    /// bad SMTP setting stops the server).
    pub fn new(
        db: Db,
        clock: Clock,
        config: Config,
        setup_code: Option<String>,
        mail: Mailer,
    ) -> Self {
        Self {
            inner: Arc::new(Inner {
                ctx: Ctx::new(db, clock)
                    .with_mail(mail)
                    .with_job_lease(std::time::Duration::from_secs(config.job_lease_secs.max(1)))
                    .with_live(crate::app::live::Hub::new(
                        Some(config.database_url.expose().to_owned()),
                        config.max_event_streams,
                    ))
                    .with_outbound(crate::app::outbound::Outbound::new(
                        config.allow_private_outbound,
                    )),
                config,
                throttle: LoginThrottle::default(),
                forms: FormThrottle::default(),
                setup_code: Mutex::new(setup_code),
            }),
        }
    }

    /// What the use cases run against: the database and the clock.
    pub fn ctx(&self) -> &Ctx {
        &self.inner.ctx
    }

    pub fn db(&self) -> &Db {
        &self.inner.ctx.db
    }

    pub fn clock(&self) -> &Clock {
        &self.inner.ctx.clock
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    pub fn throttle(&self) -> &LoginThrottle {
        &self.inner.throttle
    }

    /// Limits on the public forms (sign-up, apply).
    pub fn forms(&self) -> &FormThrottle {
        &self.inner.forms
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
    let idle_days = state.config().session_idle_days.max(1);
    let store = DbSessionStore::new(
        state.db().clone(),
        state.clock().clone(),
        jiff::SignedDuration::from_hours(idle_days.saturating_mul(24)),
    );
    let sessions = SessionManagerLayer::new(store)
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.config().https())
        .with_expiry(Expiry::OnInactivity(time::Duration::days(idle_days)));

    Router::new()
        .merge(pages::router().layer(middleware::from_fn_with_state(
            state.clone(),
            pages::with_page_ctx,
        )))
        .nest("/api", api::router())
        .route("/assets/{hash}/{*path}", get(assets::get))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics::get))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn(metrics::track))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            locale::with_locale,
        ))
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
        .layer(TraceLayer::new_for_http())
        .layer(middleware::from_fn(request_context))
        .with_state(state)
}

tokio::task_local! {
    static REQUEST_ID: String;
}

/// The id of the request being served (shown on error pages, logged with its errors).
pub fn request_id() -> Option<String> {
    REQUEST_ID.try_with(Clone::clone).ok()
}

fn new_request_id() -> String {
    let mut bytes = [0u8; 6];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Gives every request an id (in its log span, the `x-request-id` header and any error page),
/// and turns a panic into the error a person or script expects: the HTML error page for pages,
/// the JSON error for the API, the panic and the id in the log. The outermost layer of
/// [`router`]; public so that it can be put around other routes (the tests put it around one that
/// panics).
pub async fn request_context(req: Request, next: Next) -> Response {
    let id = new_request_id();
    let api = is_api(req.uri());
    let span =
        tracing::info_span!("request", id = %id, method = %req.method(), path = %req.uri().path());
    let served = REQUEST_ID
        .scope(id.clone(), AssertUnwindSafe(next.run(req)).catch_unwind())
        .instrument(span)
        .await;
    let mut res = match served {
        Ok(res) => res,
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(no message)".to_owned());
            tracing::error!(request_id = %id, panic = %message, "a request panicked");
            let public = Public::internal_with(Some(&id));
            if api {
                public.into_json()
            } else {
                public.into_page()
            }
        }
    };
    if let Ok(value) = HeaderValue::from_str(&id) {
        res.headers_mut().insert("x-request-id", value);
    }
    res
}

fn is_api(uri: &Uri) -> bool {
    uri.path().starts_with("/api/") || uri.path() == "/api"
}

/// The process is up.
async fn healthz() -> &'static str {
    "ok"
}

/// The process can serve: the database answers. Says which tz database the node computes with,
/// so an operator can see that every node agrees.
async fn readyz(State(state): State<AppState>) -> Response {
    match state.db().ping().await {
        Ok(()) => format!(
            "ready\ntz database {}\n",
            coachbook_core::time::tzdb_version()
        )
        .into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

fn for_path(uri: &Uri, public: Public) -> Response {
    if is_api(uri) {
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
