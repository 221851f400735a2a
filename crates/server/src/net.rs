//! The accept loop: HTTP/1.1 connections served by hyper with the limits a server on the open
//! internet needs, which `axum::serve` does not set.
//!
//! - A client has [`Limits::header_timeout`] to send its request headers, and an idle keep-alive
//!   connection is closed after the same time (hyper's header-read timeout covers both), so
//!   connections that never finish a request cannot pile up.
//! - At most [`Limits::max_connections`] are open at once; further clients wait in the kernel's
//!   backlog until one closes, instead of the process running out of file descriptors.
//! - An accept error that is not about the one connection (`EMFILE`, `ENFILE`, `ENOBUFS`) pauses
//!   accepting briefly rather than spinning.

use std::future::Future;
use std::io;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// How long the requests in flight get to finish once shutdown starts.
const DRAIN: Duration = Duration::from_secs(10);
/// How long accepting pauses after the process ran out of descriptors or memory.
const ACCEPT_PAUSE: Duration = Duration::from_millis(250);

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub header_timeout: Duration,
    pub max_connections: usize,
}

/// Raises the soft limit on open files towards the hard limit so that `wanted` connections fit
/// beside the database pool and log files; answers how many connections can really be held.
pub fn fit_connections(wanted: usize) -> usize {
    /// Descriptors kept for everything else: the database pool, SQLite's journal, logs.
    const RESERVED: u64 = 128;
    let want = (wanted as u64).saturating_add(RESERVED);
    match rlimit::increase_nofile_limit(want) {
        Ok(limit) if limit >= want => wanted,
        Ok(limit) => {
            let fits = usize::try_from(limit.saturating_sub(RESERVED))
                .unwrap_or(usize::MAX)
                .max(1);
            tracing::warn!(
                wanted,
                fits,
                open_files_limit = limit,
                "the open-files limit is too low for max_connections; serving at most {fits} at once"
            );
            fits
        }
        // Not every platform has the limit; keep the configured cap.
        Err(e) => {
            tracing::debug!(error = %e, "could not read the open-files limit");
            wanted
        }
    }
}

/// Serves `router` on `listener` until `shutdown` resolves, then lets the connections in flight
/// finish their requests (for up to ten seconds).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .keep_alive(true);
    tokio::pin!(shutdown);

    loop {
        let slot = tokio::select! {
            biased;
            () = &mut shutdown => break,
            slot = Arc::clone(&slots).acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break, // never closed
            },
        };
        let (stream, remote) = tokio::select! {
            biased;
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) if is_connection_error(&e) => continue,
                Err(e) => {
                    tracing::error!(error = %e, "could not accept a connection; pausing");
                    tokio::time::sleep(ACCEPT_PAUSE).await;
                    continue;
                }
            },
        };
        if let Err(e) = stream.set_nodelay(true) {
            tracing::debug!(error = %e, "could not set TCP_NODELAY");
        }
        let router = router.clone();
        let service = hyper::service::service_fn(move |req: hyper::Request<Incoming>| {
            let mut req = req.map(Body::new);
            req.extensions_mut().insert(ConnectInfo(remote));
            // The router's error type is `Infallible`: every failure is already a response.
            router.clone().oneshot(req)
        });
        let conn = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, %remote, "connection ended with an error");
            }
            drop(slot);
        });
    }

    drop(listener);
    if tokio::time::timeout(DRAIN, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("some connections were still open after {DRAIN:?}; closing them");
    }
}

/// Errors about the one connection being accepted (it was reset before we took it); the next
/// accept is fine.
fn is_connection_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}
