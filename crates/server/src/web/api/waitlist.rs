//! Waitlists of full group sessions: `/api/sessions/{id}/waitlist` (the coach's list, or a
//! waiter's own place; joining; leaving or removing), `…/claim` (taking an offered seat with the
//! token from the offer email), `…/order` and `…/{entryId}/offer` for the coach, and the coach's
//! settings at `/api/me/waitlist`. A waiter never sees anyone else on the list.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use coachbook_core::time::{rfc3339, Zone};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::app::accounts::Account;
use crate::app::throttle::PublicForm;
use crate::app::waitlist::{
    self, Claimed, Entry, JoinInput, Place, Settings, WaitRefusal, Waitlist,
};
use crate::app::AppError;
use crate::web::error::{ApiResult, ErrorBody, Public};
use crate::web::extract::{ApiCoach, ApiJson, ApiPath, ApiQuery, ClientAddr, MaybeApiAccount};
use crate::web::AppState;

/// One person on the list, as the coach sees them.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EntryView {
    pub id: i64,
    /// Their number in line (1 = next) while waiting; none once offered or closed.
    pub place: Option<i64>,
    /// `waiting`, `offered` (a seat is held for them), `claimed`, `expired`, `left` or `removed`.
    pub status: String,
    pub name: String,
    pub email: String,
    /// Your client, when it is one.
    pub client_id: Option<i64>,
    /// RFC 3339 in your zone.
    pub joined_at: String,
    pub offered_at: Option<String>,
    /// The seat is held for them until then.
    pub offer_expires_at: Option<String>,
    /// The booking a claimed seat became.
    pub booking_id: Option<i64>,
}

impl EntryView {
    fn new(e: &Entry, zone: &Zone) -> Self {
        Self {
            id: e.id,
            place: e.place,
            status: e.status.as_str().to_owned(),
            name: e.name.clone(),
            email: e.email.clone(),
            client_id: e.client_id,
            joined_at: rfc3339(e.joined, zone),
            offered_at: e.offered.map(|t| rfc3339(t, zone)),
            offer_expires_at: e.offer_expires.map(|t| rfc3339(t, zone)),
            booking_id: e.booking_id,
        }
    }
}

/// A waiter's own place.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PlaceView {
    pub entry_id: i64,
    /// Your number in line (1 = next); 0 while a seat is held for you.
    pub place: i64,
    /// `waiting` or `offered`.
    pub status: String,
    /// While offered: claim the seat before this (RFC 3339), with the link from the email.
    pub offer_expires_at: Option<String>,
}

impl PlaceView {
    fn new(p: &Place, zone: &Zone) -> Self {
        Self {
            entry_id: p.entry_id,
            place: p.place,
            status: p.status.as_str().to_owned(),
            offer_expires_at: p.offer_expires.map(|t| rfc3339(t, zone)),
        }
    }
}

/// A session's waitlist. The coach gets the seats and every entry; a waiter only `mine`.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WaitlistView {
    pub session_id: i64,
    /// For the coach: the session's seats, those booked, those held for offers, those free.
    pub capacity: Option<i64>,
    pub booked: Option<i64>,
    pub held: Option<i64>,
    pub free: Option<i64>,
    /// For the coach: offered entries first, then the line in order.
    pub entries: Vec<EntryView>,
    /// For the coach: the latest entries no longer on the list, newest first.
    pub past: Vec<EntryView>,
    /// For a waiter: their own place.
    pub mine: Option<PlaceView>,
}

impl WaitlistView {
    fn coach(w: &Waitlist) -> Self {
        Self {
            session_id: w.session_id,
            capacity: Some(w.capacity),
            booked: Some(w.booked),
            held: Some(w.held),
            free: Some(w.free),
            entries: w
                .entries
                .iter()
                .map(|e| EntryView::new(e, &w.zone))
                .collect(),
            past: w.past.iter().map(|e| EntryView::new(e, &w.zone)).collect(),
            mine: None,
        }
    }

    fn waiter(session_id: i64, p: &Place, zone: &Zone) -> Self {
        Self {
            session_id,
            capacity: None,
            booked: None,
            held: None,
            free: None,
            entries: Vec::new(),
            past: Vec::new(),
            mine: Some(PlaceView::new(p, zone)),
        }
    }
}

/// A refusal as the API answers it.
pub fn refusal_response(r: &WaitRefusal) -> Response {
    let status = match r {
        WaitRefusal::Denied(coachbook_core::privacy::Denied::SignIn) => StatusCode::UNAUTHORIZED,
        WaitRefusal::Denied(_) | WaitRefusal::NotYours => StatusCode::FORBIDDEN,
        _ => StatusCode::CONFLICT,
    };
    Public::new(status, r.code(), r.message()).into_json()
}

fn zone_of(account: Option<&Account>, fallback: &Zone) -> Zone {
    account.map_or_else(|| fallback.clone(), |a| a.zone.clone())
}

/// The coach's whole list (seats, the line, who holds an offer); or, for anyone else on it,
/// only their own place. Someone not on it (or who may not see the session) gets 404.
#[utoipa::path(get, path = "/sessions/{id}/waitlist", tag = "waitlists",
    params(("id" = i64, Path, description = "The session")),
    responses(
        (status = 200, body = WaitlistView),
        (status = 401, description = "Sign in to see your place", body = ErrorBody),
        (status = 404, description = "No such session (or one you may not see), or you are not on its waitlist", body = ErrorBody),
    ),
    security((), ("bearer" = [])))]
pub async fn waitlist_get(
    State(state): State<AppState>,
    MaybeApiAccount(account): MaybeApiAccount,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<WaitlistView>> {
    let cx = state.ctx();
    let r = waitlist::reach(cx, account.as_ref(), id).await?;
    if r.visit.view.is_owner() {
        let list = waitlist::for_coach(cx, &r.visit.page.coach(), id).await?;
        return Ok(Json(WaitlistView::coach(&list)));
    }
    let place = waitlist::mine(cx, account.as_ref(), id).await?;
    let zone = zone_of(account.as_ref(), &r.visit.page.zone);
    Ok(Json(WaitlistView::waiter(id, &place, &zone)))
}

/// Who joins: a visitor's `name` and `email` (when the coach lets visitors wait); for the
/// coach, the `clientId` to add. A signed-in person joins as themselves.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct JoinRequest {
    #[schema(max_length = 200)]
    pub name: String,
    #[schema(max_length = 320)]
    pub email: String,
    /// A visitor's IANA zone, for the offer email's times; default the coach's.
    #[schema(max_length = 64)]
    pub time_zone: Option<String>,
    /// For the coach: your client to add.
    pub client_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct JoinedView {
    pub entry_id: i64,
    /// Number in line (1 = next).
    pub place: i64,
}

/// Join the waitlist of a full group session: whoever may book on the coach's page joins as
/// themselves (the coach adds a client with `clientId`); visitors join with `name` and `email`
/// when the coach lets them. When a seat frees, the first in line is offered it by email (and
/// in-app) and it is held for them for the coach's time limit. Refused with 409 while a seat is
/// free (`seats_free`: book it instead), for someone already waiting (`already_waiting`) or
/// booked in it (`already_booked`), or for a session that is over (`session_over`). Visitors are
/// limited per address and per email (429).
#[utoipa::path(post, path = "/sessions/{id}/waitlist", tag = "waitlists",
    params(("id" = i64, Path, description = "The session")),
    request_body = JoinRequest,
    responses(
        (status = 201, body = JoinedView),
        (status = 401, description = "`sign_in_required`: sign in to join this waitlist", body = ErrorBody),
        (status = 403, description = "`clients_only`: only the coach's connected clients may join", body = ErrorBody),
        (status = 404, description = "No such session (or one you may not see)", body = ErrorBody),
        (status = 409, description = "`seats_free`, `already_waiting`, `already_booked` or `session_over`", body = ErrorBody),
        (status = 422, description = "A field is invalid; `fields` names each", body = ErrorBody),
        (status = 429, description = "Too many from this address or for this email; `Retry-After` says when to try again", body = ErrorBody),
    ),
    security((), ("bearer" = [])))]
pub async fn waitlist_join(
    State(state): State<AppState>,
    MaybeApiAccount(account): MaybeApiAccount,
    ClientAddr(addr): ClientAddr,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<JoinRequest>,
) -> ApiResult<Response> {
    let cx = state.ctx();
    let admitted = match &account {
        Some(_) => None,
        None => {
            let r = waitlist::reach(cx, None, id).await?;
            let coach_id = r.visit.page.coach_id;
            Some(
                state
                    .forms()
                    .admit(cx, PublicForm::Book(coach_id), addr, &req.email)
                    .await?,
            )
        }
    };
    let input = JoinInput {
        name: req.name,
        email: req.email,
        time_zone: req.time_zone,
        client_id: req.client_id,
    };
    let outcome = waitlist::join(cx, account.as_ref(), id, &input).await;
    let given_back = matches!(
        outcome,
        Ok(Err(_)) | Err(AppError::Invalid(_) | AppError::NotFound(_))
    );
    if let (true, Some(a)) = (given_back, admitted) {
        a.give_back(cx).await?;
    }
    match outcome? {
        Ok(j) => Ok((
            StatusCode::CREATED,
            Json(JoinedView {
                entry_id: j.entry_id,
                place: j.place,
            }),
        )
            .into_response()),
        Err(r) => Ok(refusal_response(&r)),
    }
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", default)]
#[into_params(parameter_in = Query)]
pub struct LeaveQuery {
    /// For the coach: the entry to remove.
    pub entry_id: Option<i64>,
}

/// Leave the waitlist (a seat held for you passes to the next person); the coach removes one
/// entry with `?entryId=`.
#[utoipa::path(delete, path = "/sessions/{id}/waitlist", tag = "waitlists",
    params(("id" = i64, Path, description = "The session"), LeaveQuery),
    responses(
        (status = 204),
        (status = 401, description = "Sign in to leave a waitlist", body = ErrorBody),
        (status = 404, description = "No such session, or you (or that entry) are not on its waitlist", body = ErrorBody),
    ),
    security((), ("bearer" = [])))]
pub async fn waitlist_leave(
    State(state): State<AppState>,
    MaybeApiAccount(account): MaybeApiAccount,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<LeaveQuery>,
) -> ApiResult<StatusCode> {
    let cx = state.ctx();
    let r = waitlist::reach(cx, account.as_ref(), id).await?;
    if r.visit.view.is_owner() {
        let Some(entry_id) = q.entry_id else {
            return Err(
                AppError::invalid("entryId", "Give the `entryId` of the entry to remove.").into(),
            );
        };
        waitlist::remove(cx, &r.visit.page.coach(), id, entry_id).await?;
    } else {
        waitlist::leave(cx, account.as_ref(), id).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClaimRequest {
    /// The token from the offer email's link (`/waitlist/claim/{token}`).
    #[schema(max_length = 128)]
    pub token: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClaimedView {
    pub booking_id: i64,
    pub session_id: i64,
    pub session_type_name: String,
    /// RFC 3339.
    pub start: String,
    pub end: String,
    /// Where the booking is managed, for someone without a connected account.
    pub manage_path: Option<String>,
}

impl ClaimedView {
    fn new(c: &Claimed, zone: &Zone) -> Self {
        Self {
            booking_id: c.booking_id,
            session_id: c.session_id,
            session_type_name: c.session_type_name.clone(),
            start: rfc3339(c.start, zone),
            end: rfc3339(c.end, zone),
            manage_path: c.manage_token.as_deref().map(crate::app::manage::path),
        }
    }
}

/// Claim the seat an offer holds for you, with the token from its email: it is booked for you
/// (under the coach's lock, counting every booked and held seat again, so a session never
/// overfills). A lapsed offer answers 409 `offer_expired` (the seat went to the next person);
/// one claimed already `already_claimed`; one passed on or withdrawn `offer_withdrawn`;
/// signed in as someone else than the person offered, 403 `not_yours`.
#[utoipa::path(post, path = "/sessions/{id}/waitlist/claim", tag = "waitlists",
    params(("id" = i64, Path, description = "The session")),
    request_body = ClaimRequest,
    responses(
        (status = 201, body = ClaimedView),
        (status = 403, description = "`not_yours`: the offer was made to another account", body = ErrorBody),
        (status = 404, description = "No offer with this token for this session", body = ErrorBody),
        (status = 409, description = "`offer_expired`, `already_claimed`, `offer_withdrawn`, `no_free_seat` or `session_over`", body = ErrorBody),
    ),
    security((), ("bearer" = [])))]
pub async fn waitlist_claim(
    State(state): State<AppState>,
    MaybeApiAccount(account): MaybeApiAccount,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<ClaimRequest>,
) -> ApiResult<Response> {
    let cx = state.ctx();
    match waitlist::claim(cx, account.as_ref(), Some(id), req.token.trim()).await? {
        Ok(c) => {
            let page = waitlist::offer_page(cx, req.token.trim()).await?;
            let zone = zone_of(account.as_ref(), &page.zone);
            Ok((StatusCode::CREATED, Json(ClaimedView::new(&c, &zone))).into_response())
        }
        Err(r) => Ok(refusal_response(&r)),
    }
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrderRequest {
    /// Every waiting entry's id, once each, in the new order (first = next offered).
    #[schema(max_items = 1000)]
    pub entry_ids: Vec<i64>,
}

/// Reorder the line: every waiting entry's id, once each (offered entries keep their offer).
#[utoipa::path(put, path = "/sessions/{id}/waitlist/order", tag = "waitlists",
    params(("id" = i64, Path, description = "Your session")),
    request_body = OrderRequest,
    responses(
        (status = 200, body = WaitlistView),
        (status = 404, description = "No such session of yours", body = ErrorBody),
        (status = 422, description = "`entryIds` is not every waiting entry once", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn waitlist_order(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<OrderRequest>,
) -> ApiResult<Json<WaitlistView>> {
    let list = waitlist::reorder(state.ctx(), &coach, id, &req.entry_ids).await?;
    Ok(Json(WaitlistView::coach(&list)))
}

/// Offer a free seat to one waiting person now, ahead of the line. A seat must be free (neither
/// booked nor held): 409 `no_free_seat` otherwise; `not_waiting` when they are offered already
/// or left; `session_over` for a session that has started.
#[utoipa::path(post, path = "/sessions/{id}/waitlist/{entryId}/offer", tag = "waitlists",
    params(("id" = i64, Path, description = "Your session"), ("entryId" = i64, Path, description = "The entry")),
    responses(
        (status = 200, body = WaitlistView),
        (status = 404, description = "No such session of yours or entry on its waitlist", body = ErrorBody),
        (status = 409, description = "`no_free_seat`, `not_waiting` or `session_over`", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn waitlist_offer(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath((id, entry_id)): ApiPath<(i64, i64)>,
) -> ApiResult<Response> {
    match waitlist::offer_directly(state.ctx(), &coach, id, entry_id).await? {
        Ok(list) => Ok(Json(WaitlistView::coach(&list)).into_response()),
        Err(r) => Ok(refusal_response(&r)),
    }
}

/// Your waitlist settings: whether visitors without an account may join, and how long a freed
/// seat is held for the person offered it.
#[utoipa::path(get, path = "/me/waitlist", tag = "waitlists",
    responses((status = 200, body = Settings)), security(("bearer" = [])))]
pub async fn waitlist_settings_get(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
) -> ApiResult<Json<Settings>> {
    Ok(Json(waitlist::settings(state.ctx(), &coach).await?))
}

/// Change your waitlist settings (`waitlistOfferHours` 1–168). Offers already made keep their
/// deadline.
#[utoipa::path(put, path = "/me/waitlist", tag = "waitlists", request_body = Settings,
    responses((status = 200, body = Settings)), security(("bearer" = [])))]
pub async fn waitlist_settings_put(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiJson(s): ApiJson<Settings>,
) -> ApiResult<Json<Settings>> {
    Ok(Json(
        waitlist::update_settings(state.ctx(), &coach, &s).await?,
    ))
}
