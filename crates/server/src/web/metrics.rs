//! `GET /metrics` for an operator's Prometheus, and the layer that times every request.
//!
//! `/metrics` is off unless `metrics_token` is set; then it asks for
//! `Authorization: Bearer TOKEN` (compared by hash, so the comparison takes the same time whatever
//! the guess). Without the token, or with a wrong one, it answers 404 like any missing page: a
//! scanner learns nothing.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use super::error::Public;
use super::AppState;
use crate::app::metrics;

/// Times the request and counts it under its route's pattern.
pub async fn track(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".to_owned());
    let method = req.method().as_str().to_owned();
    let started = Instant::now();
    let res = next.run(req).await;
    metrics::request(
        &route,
        &method,
        res.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    res
}

fn allowed(state: &AppState, headers: &HeaderMap) -> bool {
    let Some(token) = state.config().metrics_token.as_ref() else {
        return false;
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    !token.expose().is_empty()
        && Sha256::digest(given.as_bytes()) == Sha256::digest(token.expose().as_bytes())
}

pub async fn get(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if !allowed(&state, &headers) {
        return Public::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "There is no page at this address.",
        )
        .into_page();
    }
    match metrics::render(state.ctx()).await {
        Ok(Some(text)) => (
            [(
                header::CONTENT_TYPE,
                "text/plain; version=0.0.4; charset=utf-8",
            )],
            text,
        )
            .into_response(),
        Ok(None) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "the metrics recorder is not installed in this process\n",
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "metrics could not be read");
            (StatusCode::SERVICE_UNAVAILABLE, "metrics unavailable\n").into_response()
        }
    }
}
