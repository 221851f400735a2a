//! `/api/webhooks`: the coach's webhook endpoints, their delivery logs and test events. Coach
//! only; another coach's endpoint is "not found". What each event's payload holds is described
//! in `docs/webhooks.md`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use crate::app::webhooks::{self, Delivery, DeliveryQuery, NewWebhook, Webhook};
use crate::web::error::{ApiResult, ErrorBody};
use crate::web::extract::{ApiCoach, ApiJson, ApiPath, ApiQuery};
use crate::web::AppState;

/// Your webhook endpoints, oldest first, each with how its newest delivery went.
#[utoipa::path(get, path = "/webhooks", tag = "webhooks",
    responses((status = 200, body = [Webhook])), security(("bearer" = [])))]
pub async fn webhooks_list(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
) -> ApiResult<Json<Vec<Webhook>>> {
    Ok(Json(webhooks::list(state.ctx(), &coach).await?))
}

/// Register an endpoint. Events are POSTed to it as `{ "type", "timestamp", "data" }`, signed
/// per the Standard Webhooks spec with the `secret` in this answer (`whsec_…`). Event types:
/// `booking.created`, `booking.confirmed`, `booking.cancelled`, `booking.rescheduled`,
/// `session_request.received`, `session_request.approved`, `session_request.declined`,
/// `session_request.expired`, `session_request.withdrawn`, `application.received`,
/// `application.status_changed`, `application.promoted`, `client.created`, `client.updated`,
/// `client.archived`, or `*` for all. Private and loopback addresses are refused unless the
/// operator allows them.
#[utoipa::path(post, path = "/webhooks", tag = "webhooks",
    request_body = NewWebhook,
    responses((status = 201, body = Webhook), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn webhooks_create(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiJson(new): ApiJson<NewWebhook>,
) -> ApiResult<(StatusCode, Json<Webhook>)> {
    Ok((
        StatusCode::CREATED,
        Json(webhooks::create(state.ctx(), &coach, &new).await?),
    ))
}

/// Delete an endpoint: nothing more is sent to it, and deliveries still queued for it fail.
#[utoipa::path(delete, path = "/webhooks/{id}", tag = "webhooks",
    params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn webhooks_delete(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    webhooks::delete(state.ctx(), &coach, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An endpoint's delivery log, newest first, a page at a time (`before` the last id of the
/// page before), each delivery with every attempt.
#[utoipa::path(get, path = "/webhooks/{id}/deliveries", tag = "webhooks",
    params(("id" = i64, Path), DeliveryQuery),
    responses((status = 200, body = [Delivery]), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn webhooks_deliveries(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<DeliveryQuery>,
) -> ApiResult<Json<Vec<Delivery>>> {
    Ok(Json(
        webhooks::deliveries(state.ctx(), &coach, id, &q).await?,
    ))
}

/// Queue a `webhook.test` event to the endpoint (sent whatever it subscribes to).
#[utoipa::path(post, path = "/webhooks/{id}/test", tag = "webhooks",
    params(("id" = i64, Path)),
    responses((status = 202, body = Delivery), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn webhooks_test(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<(StatusCode, Json<Delivery>)> {
    Ok((
        StatusCode::ACCEPTED,
        Json(webhooks::send_test(state.ctx(), &coach, id).await?),
    ))
}
