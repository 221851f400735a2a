//! `/api/bookings`: the coach's bookings.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use sha2::{Digest, Sha256};

use coachbook_core::booking::BookingAction;

use crate::app::bookings::{
    self, BookingCheck, BookingUpdate, BookingView, Cancellation, Created, ListQuery,
    NewBookingRequest, Reschedule,
};
use crate::app::AppError;
use crate::web::error::{ApiResult, ErrorBody};
use crate::web::extract::{ApiCoach, ApiJson, ApiPath, ApiQuery};
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

/// Your bookings, by start time, filtered.
#[utoipa::path(get, path = "/bookings", tag = "bookings", params(ListQuery),
    responses((status = 200, body = [BookingView]), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
pub async fn bookings_list(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> ApiResult<Json<Vec<BookingView>>> {
    Ok(Json(bookings::list(state.db(), &coach, &q).await?))
}

async fn act(
    state: &AppState,
    coach: &crate::app::accounts::Account,
    id: i64,
    action: BookingAction,
    reason: &str,
    waive: bool,
) -> ApiResult<Json<BookingView>> {
    Ok(Json(
        bookings::change_status(state.db(), coach, id, action, reason, waive).await?,
    ))
}

/// Confirm (approve) a pending booking. Its time is re-checked: 409 if it now collides.
#[utoipa::path(post, path = "/bookings/{id}/confirm", tag = "bookings", params(("id" = i64, Path)),
    responses((status = 200, body = BookingView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn bookings_confirm(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<BookingView>> {
    act(&state, &coach, id, BookingAction::Confirm, "", false).await
}

/// Cancel a booking, with a reason the client will see. The last seat cancelled frees the time.
#[utoipa::path(post, path = "/bookings/{id}/cancel", tag = "bookings", params(("id" = i64, Path)),
    request_body = Cancellation,
    responses((status = 200, body = BookingView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn bookings_cancel(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
    body: axum::body::Bytes,
) -> ApiResult<Json<BookingView>> {
    // The body is optional: a bare POST cancels without a reason.
    let cancellation = if body.iter().all(u8::is_ascii_whitespace) {
        Cancellation::default()
    } else {
        serde_json::from_slice::<Cancellation>(&body).map_err(|_| {
            AppError::invalid(
                "reason",
                "Send JSON like {\"reason\": \"Client is ill\", \"waive\": false}, or no body.",
            )
        })?
    };
    act(
        &state,
        &coach,
        id,
        BookingAction::Cancel,
        &cancellation.reason,
        cancellation.waive,
    )
    .await
}

/// Mark a session that has started as completed.
#[utoipa::path(post, path = "/bookings/{id}/complete", tag = "bookings", params(("id" = i64, Path)),
    responses((status = 200, body = BookingView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn bookings_complete(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<BookingView>> {
    act(&state, &coach, id, BookingAction::Complete, "", false).await
}

/// Mark that the client did not come.
#[utoipa::path(post, path = "/bookings/{id}/no-show", tag = "bookings", params(("id" = i64, Path)),
    responses((status = 200, body = BookingView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn bookings_no_show(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<BookingView>> {
    act(&state, &coach, id, BookingAction::MarkNoShow, "", false).await
}

/// Move a booking to another time, checked like a new booking (409 on a collision or, without
/// `overrideAvailability`, outside your hours).
#[utoipa::path(post, path = "/bookings/{id}/reschedule", tag = "bookings", params(("id" = i64, Path)),
    request_body = Reschedule,
    responses((status = 200, body = BookingView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn bookings_reschedule(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<Reschedule>,
) -> ApiResult<Json<BookingView>> {
    Ok(Json(
        bookings::reschedule(state.db(), &coach, id, &req).await?,
    ))
}

/// Check a booking without making it: whether the time is free, collides (and with what), or is
/// outside your hours. Same body as creating one; field errors answer 422 as they would there.
#[utoipa::path(post, path = "/bookings/check", tag = "bookings", request_body = NewBookingRequest,
    responses((status = 200, body = BookingCheck), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
pub async fn bookings_check(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiJson(req): ApiJson<NewBookingRequest>,
) -> ApiResult<Json<BookingCheck>> {
    Ok(Json(bookings::check(state.db(), &coach, &req).await?))
}

/// Give back the package credit a late cancellation or no-show used (recorded with you and when).
#[utoipa::path(post, path = "/bookings/{id}/waive", tag = "bookings", params(("id" = i64, Path)),
    responses((status = 200, body = BookingView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn bookings_waive(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<BookingView>> {
    Ok(Json(bookings::waive_credit(state.db(), &coach, id).await?))
}

/// Change a booking's notes or meeting link (move it with `reschedule`).
#[utoipa::path(put, path = "/bookings/{id}", tag = "bookings", params(("id" = i64, Path)), request_body = BookingUpdate,
    responses((status = 200, body = BookingView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn bookings_update(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
    ApiJson(change): ApiJson<BookingUpdate>,
) -> ApiResult<Json<BookingView>> {
    Ok(Json(
        bookings::update(state.db(), &coach, id, &change).await?,
    ))
}
