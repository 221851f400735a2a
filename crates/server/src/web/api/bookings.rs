//! `/api/bookings`: the coach's bookings.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use sha2::{Digest, Sha256};

use crate::app::bookings::{self, BookingView, Created, NewBookingRequest};
use crate::app::AppError;
use crate::web::error::{ApiResult, ErrorBody};
use crate::web::extract::{ApiCoach, ApiJson, ApiPath};
use crate::web::AppState;

/// Book a session. The time is re-checked inside the write: a time that collides with another
/// session, time off or their buffers gets 409. Send an `Idempotency-Key` header to make retries
/// safe: a repeated request with the same key returns the first answer and books nothing.
#[utoipa::path(post, path = "/bookings", tag = "bookings", request_body = NewBookingRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Any unique string up to 200 characters")),
    responses(
        (status = 201, body = BookingView),
        (status = 409, description = "The time collides with something on the calendar", body = ErrorBody),
        (status = 422, description = "A field is invalid", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn bookings_create(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    headers: HeaderMap,
    ApiJson(req): ApiJson<NewBookingRequest>,
) -> ApiResult<Response> {
    let key = match headers.get("idempotency-key") {
        None => None,
        Some(v) => match v.to_str() {
            Ok(k) if !k.trim().is_empty() && k.len() <= 200 => Some(k.trim().to_owned()),
            _ => {
                return Err(AppError::invalid(
                    "Idempotency-Key",
                    "Use a printable Idempotency-Key of 1 to 200 characters.",
                )
                .into())
            }
        },
    };
    let hash = key.as_ref().map(|_| {
        let canonical = serde_json::to_string(&req).unwrap_or_default();
        Sha256::digest(canonical.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    });
    let idempotency = key.as_deref().zip(hash.as_deref());
    match bookings::create(state.db(), &coach, &req, idempotency).await? {
        Created::New(booking) => Ok((StatusCode::CREATED, Json(booking)).into_response()),
        Created::Replayed { status, body } => Ok((
            StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
            [
                (axum::http::header::CONTENT_TYPE, "application/json"),
                (
                    axum::http::header::HeaderName::from_static("idempotent-replayed"),
                    "true",
                ),
            ],
            body,
        )
            .into_response()),
    }
}

/// One booking.
#[utoipa::path(get, path = "/bookings/{id}", tag = "bookings", params(("id" = i64, Path)),
    responses((status = 200, body = BookingView), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
pub async fn bookings_get(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<BookingView>> {
    Ok(Json(bookings::get(state.db(), &coach, id).await?))
}
