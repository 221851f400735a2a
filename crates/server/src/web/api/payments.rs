//! `/api/payments` and `/api/clients/{id}/...`: payments the coach records, client balances and
//! a client's own prices.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use crate::app::payments::{self, Balance, NewPaymentRequest, Payment, PaymentQuery};
use crate::app::pricing::{self, ClientPrice, NewClientPrice};
use crate::web::error::{ApiResult, ErrorBody};
use crate::web::extract::{ApiCoach, ApiJson, ApiPath, ApiQuery};
use crate::web::AppState;

/// The coach's payments, newest first (at most 500); `clientId` filters to one client.
#[utoipa::path(get, path = "/payments", tag = "payments", params(PaymentQuery),
    responses((status = 200, body = [Payment]), (status = 401, body = ErrorBody), (status = 404, description = "No such client", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn payments_list(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiQuery(q): ApiQuery<PaymentQuery>,
) -> ApiResult<Json<Vec<Payment>>> {
    Ok(Json(payments::list(state.ctx(), &coach, &q).await?))
}

/// Record a payment a client made (cash, bank transfer, card in person, other), for an
/// enrolment, a booking or on account.
#[utoipa::path(post, path = "/payments", tag = "payments", request_body = NewPaymentRequest,
    responses((status = 201, body = Payment), (status = 422, description = "A field is invalid, or the currency is not the one charged", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn payments_create(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiJson(new): ApiJson<NewPaymentRequest>,
) -> ApiResult<(StatusCode, Json<Payment>)> {
    Ok((
        StatusCode::CREATED,
        Json(payments::record(state.ctx(), &coach, &new).await?),
    ))
}

/// Delete a payment recorded by mistake.
#[utoipa::path(delete, path = "/payments/{id}", tag = "payments", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
pub async fn payments_delete(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    payments::delete(state.ctx(), &coach, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// What a client owes, per currency: enrolments and priced bookings not paid by a credit (not
/// cancelled), less payments.
#[utoipa::path(get, path = "/clients/{id}/balance", tag = "payments", params(("id" = i64, Path)),
    responses((status = 200, body = Balance), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
pub async fn clients_balance(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Balance>> {
    Ok(Json(payments::balance(state.ctx(), &coach, id).await?))
}

/// The clients who owe something, by name.
#[utoipa::path(get, path = "/payments/due", tag = "payments",
    responses((status = 200, body = [Balance])), security(("bearer" = [])))]
pub async fn payments_due(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
) -> ApiResult<Json<Vec<Balance>>> {
    Ok(Json(payments::due(state.ctx(), &coach).await?))
}

/// A client's own prices (they replace the tiers for that client).
#[utoipa::path(get, path = "/clients/{id}/prices", tag = "payments", params(("id" = i64, Path)),
    responses((status = 200, body = [ClientPrice]), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
pub async fn client_prices_list(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Vec<ClientPrice>>> {
    Ok(Json(pricing::client_prices(state.ctx(), &coach, id).await?))
}

/// Set a client's own price for a session type, in the type's currency. Only that client and
/// you see it.
#[utoipa::path(put, path = "/clients/{id}/prices/{sessionTypeId}", tag = "payments",
    params(("id" = i64, Path), ("sessionTypeId" = i64, Path)), request_body = NewClientPrice,
    responses((status = 200, body = ClientPrice), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn client_prices_put(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath((id, session_type_id)): ApiPath<(i64, i64)>,
    ApiJson(new): ApiJson<NewClientPrice>,
) -> ApiResult<Json<ClientPrice>> {
    Ok(Json(
        pricing::set_client_price(state.ctx(), &coach, id, session_type_id, &new).await?,
    ))
}

/// Remove a client's own price: the session type's tiers apply to them again.
#[utoipa::path(delete, path = "/clients/{id}/prices/{sessionTypeId}", tag = "payments",
    params(("id" = i64, Path), ("sessionTypeId" = i64, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
pub async fn client_prices_delete(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath((id, session_type_id)): ApiPath<(i64, i64)>,
) -> ApiResult<StatusCode> {
    pricing::delete_client_price(state.ctx(), &coach, id, session_type_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
