//! Coachbook's server: configuration, storage, use cases and HTTP, wired by `main.rs`.

pub mod app;
pub mod cli;
pub mod clock;
pub mod config;
pub mod net;
pub mod store;
pub mod web;

use std::future::Future;
use std::time::Duration;

use anyhow::Context;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use axum::Router;
use tokio::net::TcpListener;

use clock::Clock;
use config::Config;
use store::Db;
use web::AppState;

/// Opens (and migrates) the database and builds the HTTP app around `clock` (the system clock in
/// production, a manual one in tests). While no coach exists, a one-time setup code guards
/// first-run setup; the caller shows it to the operator.
pub async fn build(config: Config, clock: Clock) -> anyhow::Result<(AppState, Router)> {
    // Before anything else: a mail setting that cannot work stops the server at start, not at
    // the first email.
    let mail = app::notify::email::mailer::Mailer::from_config(&config)?;
    match mail.server() {
        Some(server) => tracing::info!(%server, from = %mail.from_address(), "emails are sent through SMTP"),
        None => tracing::info!("no SMTP server is configured (smtp_url): emails are kept in the database; see `coachbook emails list` or /admin/emails"),
    }
    // Recording starts with the process, whether or not /metrics is turned on.
    app::metrics::handle();
    let db = Db::open(config.database_url.expose(), clock.now().into())
        .await
        .context("could not open the database")?;
    let coaches = store::users::count_coaches(db.pool())
        .await
        .context("could not count coaches")?;
    let setup_code = (coaches == 0).then(new_setup_code);
    let state = AppState::new(db, clock, config, setup_code, mail);
    Ok((state.clone(), web::router(state)))
}

/// Eight characters without look-alikes (no 0/O, 1/I/L), shown as `ABCD-EFGH`: 40 bits, and
/// guesses are throttled like passwords.
fn new_setup_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 8];
    OsRng.fill_bytes(&mut bytes);
    let chars: String = bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect();
    format!("{}-{}", &chars[..4], &chars[4..])
}

/// Serves until `shutdown` resolves, then finishes the requests in flight.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let config = state.config();
    let limits = net::Limits {
        header_timeout: Duration::from_secs(config.header_timeout_secs.max(1)),
        max_connections: net::fit_connections(config.max_connections.max(1)),
    };
    let housekeeping = tokio::spawn(housekeeping(state.clone()));
    let workers = app::jobs::spawn_workers(
        state.clone(),
        config.workers,
        Duration::from_millis(config.job_poll_ms.max(10)),
    );
    if config.max_event_streams >= limits.max_connections {
        tracing::warn!(
            max_event_streams = config.max_event_streams,
            max_connections = limits.max_connections,
            "every live-update stream holds a connection: with max_event_streams not below max_connections, open calendars can leave no connection for anything else"
        );
    }
    // Open event streams never finish by themselves: they end as shutdown begins, so that the
    // requests in flight can drain.
    let live = state.ctx().live.clone();
    let shutdown = async move {
        shutdown.await;
        live.close();
    };
    net::serve(listener, router, limits, shutdown).await;
    housekeeping.abort();
    for w in &workers {
        w.abort();
    }
    state.db().close().await;
    Ok(())
}

/// Periodic clean-up: expired sessions, idle throttle entries, jobs finished a month ago.
async fn housekeeping(state: AppState) {
    let mut tick = tokio::time::interval(Duration::from_secs(600));
    loop {
        tick.tick().await;
        if let Err(e) = app::throttle::prune(state.ctx()).await {
            tracing::warn!(error = %e, "could not delete paid-off throttle entries");
        }
        if let Err(e) = app::jobs::prune(state.ctx()).await {
            tracing::warn!(error = %e, "could not delete finished jobs");
        }
        let now = state.clock().now().into();
        if let Err(e) = store::login_sessions::delete_expired(state.db(), now).await {
            tracing::warn!(error = %e, "could not delete expired sessions");
        }
    }
}
