//! Co-hosts of a session: `/api/sessions/{id}/hosts` (the owner invites another coach of this
//! practice), `…/hosts/{coachId}` (the owner removes a co-host, or a co-host leaves),
//! `…/hosts/accept|decline` (the invited coach answers), and `/api/me/cohost-candidates` (whom
//! you may invite). A coach who is not a host of the session gets 404 for it.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::sessions::SessionView;
use crate::app::cohosts::{self, Host, InviteInput};
use crate::web::error::{ApiResult, ErrorBody};
use crate::web::extract::{ApiCoach, ApiJson, ApiPath};
use crate::web::AppState;

/// One host of a session.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct HostView {
    pub coach_id: i64,
    pub name: String,
    /// `owner` or `cohost`.
    pub role: String,
    /// `invited`, `accepted` or `declined` (the owner is `accepted`).
    pub status: String,
}

impl From<&Host> for HostView {
    fn from(h: &Host) -> Self {
        Self {
            coach_id: h.coach_id,
            name: h.name.clone(),
            role: h.role.clone(),
            status: h.status.clone(),
        }
    }
}

/// Whom to invite: a coach of this practice by id, or by their account's email.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct HostInvite {
    pub coach_id: Option<i64>,
    #[schema(max_length = 254)]
    pub email: Option<String>,
}

/// Invite another coach of this practice to co-host your session. Their time is held at once
/// (until they decline); 409 naming the collision when they are not free then, and nothing
/// changes. They are told in the app.
#[utoipa::path(post, path = "/sessions/{id}/hosts", tag = "sessions", params(("id" = i64, Path)),
    request_body = HostInvite,
    responses((status = 201, body = SessionView), (status = 404, body = ErrorBody),
        (status = 409, description = "The coach is not free at the session's time, or it is cancelled", body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn sessions_hosts_invite(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<HostInvite>,
) -> ApiResult<(StatusCode, Json<SessionView>)> {
    let input = InviteInput {
        coach_id: req.coach_id,
        email: req.email,
    };
    let s = cohosts::invite(state.ctx(), &coach, id, &input).await?;
    Ok((
        StatusCode::CREATED,
        Json(SessionView::new(&s, &coach.zone, &[])),
    ))
}

/// Accept an invitation to co-host (after declining, the time is checked again: 409 when you
/// are no longer free).
#[utoipa::path(post, path = "/sessions/{id}/hosts/accept", tag = "sessions", params(("id" = i64, Path)),
    responses((status = 200, body = SessionView), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn sessions_hosts_accept(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<SessionView>> {
    let s = cohosts::accept(state.ctx(), &coach, id).await?;
    Ok(Json(SessionView::new(&s, &coach.zone, &[])))
}

/// Decline an invitation to co-host: your time is free again.
#[utoipa::path(post, path = "/sessions/{id}/hosts/decline", tag = "sessions", params(("id" = i64, Path)),
    responses((status = 200, body = SessionView), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn sessions_hosts_decline(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<SessionView>> {
    let s = cohosts::decline(state.ctx(), &coach, id).await?;
    Ok(Json(SessionView::new(&s, &coach.zone, &[])))
}

/// Remove a co-host from your session, or leave a session you co-host (your own id).
#[utoipa::path(delete, path = "/sessions/{id}/hosts/{coachId}", tag = "sessions",
    params(("id" = i64, Path), ("coachId" = i64, Path, description = "The co-host")),
    responses((status = 204), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn sessions_hosts_remove(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath((id, host_id)): ApiPath<(i64, i64)>,
) -> ApiResult<StatusCode> {
    cohosts::remove(state.ctx(), &coach, id, host_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Another coach of this practice, whom you may invite to co-host.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CohostCandidate {
    pub coach_id: i64,
    pub name: String,
}

/// The other coaches of this practice, by name.
#[utoipa::path(get, path = "/me/cohost-candidates", tag = "sessions",
    responses((status = 200, body = [CohostCandidate])), security(("bearer" = [])))]
pub async fn cohost_candidates(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
) -> ApiResult<Json<Vec<CohostCandidate>>> {
    let list = cohosts::other_coaches(state.ctx(), &coach).await?;
    Ok(Json(
        list.into_iter()
            .map(|(coach_id, name)| CohostCandidate { coach_id, name })
            .collect(),
    ))
}
