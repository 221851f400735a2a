//! `/api/coaching/clients/{id}/invitation` and `/disconnect`: connecting a client's account.
//! The coach invites the client by email (the link goes to the client only, never in an answer),
//! revokes an open invitation, or disconnects the account.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::app::invitations::{self, ClientAccount, InviteError};
use crate::web::error::{ApiError, ApiResult, ErrorBody, Public};
use crate::web::extract::{ApiCoach, ApiPath};
use crate::web::AppState;

/// The client's account link: connected or not, and the latest invitation.
#[utoipa::path(get, path = "/coaching/clients/{id}/invitation", tag = "clients", params(("id" = i64, Path)),
    responses((status = 200, body = ClientAccount), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn invitation_get(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ClientAccount>> {
    Ok(Json(invitations::account(state.ctx(), &coach, id).await?))
}

/// Invite the client to connect an account: an email with a link (single use, valid 14 days)
/// goes to the client's address. Any open invitation is replaced: its link stops working.
#[utoipa::path(post, path = "/coaching/clients/{id}/invitation", tag = "clients", params(("id" = i64, Path)),
    responses((status = 201, body = ClientAccount), (status = 404, body = ErrorBody),
        (status = 409, description = "`already_connected`: disconnect the client first", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn invitation_create(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> Response {
    match invitations::invite(state.ctx(), &coach, id).await {
        Ok(account) => (StatusCode::CREATED, Json(account)).into_response(),
        Err(InviteError::Refused(r)) => {
            Public::new(StatusCode::CONFLICT, r.code(), r.message()).into_json()
        }
        Err(InviteError::App(e)) => ApiError(e).into_response(),
    }
}

/// Revoke the client's open invitation: its link stops working.
#[utoipa::path(delete, path = "/coaching/clients/{id}/invitation", tag = "clients", params(("id" = i64, Path)),
    responses((status = 200, body = ClientAccount),
        (status = 404, description = "No such client, or no open invitation", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn invitation_revoke(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ClientAccount>> {
    Ok(Json(invitations::revoke(state.ctx(), &coach, id).await?))
}

/// Disconnect the client's account: the client record, bookings and credits stay; the person no
/// longer sees them. Disconnecting a client who is not connected changes nothing.
#[utoipa::path(post, path = "/coaching/clients/{id}/disconnect", tag = "clients", params(("id" = i64, Path)),
    responses((status = 200, body = ClientAccount), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn clients_disconnect(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ClientAccount>> {
    Ok(Json(
        invitations::disconnect(state.ctx(), &coach, id).await?,
    ))
}
