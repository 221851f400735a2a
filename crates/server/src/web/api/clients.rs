//! `/api/coaching/clients`: the coach's clients, their enrolments and package credits.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use crate::app::clients::{
    self, Client, ClientBooking, ClientDetail, ClientQuery, CreditEntry, Enrolment, NewClient,
    NewEnrolmentRequest,
};
use crate::web::error::{ApiResult, ErrorBody};
use crate::web::extract::{ApiCoach, ApiJson, ApiPath, ApiQuery};
use crate::web::AppState;

/// The coach's clients, active first; `q` searches name and email.
#[utoipa::path(get, path = "/coaching/clients", tag = "clients", params(ClientQuery),
    responses((status = 200, body = [Client]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn clients_list(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiQuery(q): ApiQuery<ClientQuery>,
) -> ApiResult<Json<Vec<Client>>> {
    Ok(Json(clients::list(state.ctx(), &coach, &q).await?))
}

/// Add a client. Emails are unique per coach.
#[utoipa::path(post, path = "/coaching/clients", tag = "clients", request_body = NewClient,
    responses((status = 201, body = ClientDetail), (status = 422, description = "A field is invalid or the email is taken", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn clients_create(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiJson(new): ApiJson<NewClient>,
) -> ApiResult<(StatusCode, Json<ClientDetail>)> {
    Ok((
        StatusCode::CREATED,
        Json(clients::create(state.ctx(), &coach, &new).await?),
    ))
}

/// One client with their enrolments and the credits left in each.
#[utoipa::path(get, path = "/coaching/clients/{id}", tag = "clients", params(("id" = i64, Path)),
    responses((status = 200, body = ClientDetail), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
pub async fn clients_get(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ClientDetail>> {
    Ok(Json(clients::get(state.ctx(), &coach, id).await?))
}

/// Replace a client's details (name, email, phone, notes, status).
#[utoipa::path(put, path = "/coaching/clients/{id}", tag = "clients", params(("id" = i64, Path)), request_body = NewClient,
    responses((status = 200, body = ClientDetail), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn clients_update(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
    ApiJson(new): ApiJson<NewClient>,
) -> ApiResult<Json<ClientDetail>> {
    Ok(Json(clients::update(state.ctx(), &coach, id, &new).await?))
}

/// Enrol the client in a package: grants the package's sessions as credits. A second active
/// enrolment in the same package is refused (409) unless `allowDuplicate` is true.
#[utoipa::path(post, path = "/coaching/clients/{id}/enrolments", tag = "clients", params(("id" = i64, Path)),
    request_body = NewEnrolmentRequest,
    responses((status = 201, body = Enrolment), (status = 404, body = ErrorBody),
        (status = 409, description = "`already_enrolled`: the client has an active enrolment in this package (credits left, not expired); send `allowDuplicate: true` to enrol again", body = ErrorBody),
        (status = 422, description = "Unknown or archived package, bad date", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn clients_enrol(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<NewEnrolmentRequest>,
) -> ApiResult<(StatusCode, Json<Enrolment>)> {
    Ok((
        StatusCode::CREATED,
        Json(clients::enrol(state.ctx(), &coach, id, &req).await?),
    ))
}

/// The client's package credit ledger, newest first.
#[utoipa::path(get, path = "/coaching/clients/{id}/credits", tag = "clients", params(("id" = i64, Path)),
    responses((status = 200, body = [CreditEntry]), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
pub async fn clients_credits(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Vec<CreditEntry>>> {
    Ok(Json(clients::credits(state.ctx(), &coach, id).await?))
}

/// The client's bookings, newest first.
#[utoipa::path(get, path = "/coaching/clients/{id}/bookings", tag = "clients", params(("id" = i64, Path)),
    responses((status = 200, body = [ClientBooking]), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
pub async fn clients_bookings(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Vec<ClientBooking>>> {
    Ok(Json(clients::bookings(state.ctx(), &coach, id).await?))
}
