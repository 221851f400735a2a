//! Session requests: `POST /api/coaches/{slug}/session-requests` for whoever the coach's page
//! lets book (a visitor gives name and email), and `/api/session-requests` for the coach: list,
//! one, approve (books the time through the booking conflict check), decline, the demand report
//! and how long requests wait.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use coachbook_core::privacy::Denied;
use coachbook_core::time::{rfc3339, Zone};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::app::privacy::visit;
use crate::app::session_requests::{
    self as requests, Approval, MyRequest, NewSessionRequest, RequestError, RequestStatus,
    SessionRequest,
};
use crate::app::throttle::PublicForm;
use crate::app::AppError;
use crate::web::error::{ApiError, ApiResult, ErrorBody, Public};
use crate::web::extract::{ApiCoach, ApiJson, ApiPath, ApiQuery, ClientAddr, MaybeApiAccount};
use crate::web::AppState;

/// A proposed time, in the reader's zone.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProposedView {
    /// RFC 3339.
    pub start: String,
    pub end: String,
}

/// A proposed time as the coach reads it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CoachProposedView {
    /// RFC 3339 in your zone.
    pub start: String,
    pub end: String,
    /// Whether it was an open slot when asked (it could have been booked directly).
    pub offered: bool,
}

/// A request as its requester reads it: their own times and the coach's answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MyRequestView {
    pub id: i64,
    /// `pending`, `approved`, `declined`, `expired` or `withdrawn`.
    pub status: String,
    pub session_type_id: i64,
    pub session_type_name: String,
    pub message: String,
    pub times: Vec<ProposedView>,
    /// The zone `times` are written in (the request's `timeZone`).
    pub time_zone: String,
    /// Why the coach declined, when they did.
    pub decline_reason: String,
    /// The booking an approved request became.
    pub booking_id: Option<i64>,
    /// An unanswered request expires then.
    pub expires_at: String,
    pub created_at: String,
}

impl From<&MyRequest> for MyRequestView {
    fn from(r: &MyRequest) -> Self {
        let z = &r.zone;
        Self {
            id: r.id,
            status: r.status.as_str().to_owned(),
            session_type_id: r.session_type_id,
            session_type_name: r.session_type_name.clone(),
            message: r.message.clone(),
            times: r
                .times
                .iter()
                .map(|(s, e)| ProposedView {
                    start: rfc3339(*s, z),
                    end: rfc3339(*e, z),
                })
                .collect(),
            time_zone: z.name().to_owned(),
            decline_reason: r.decline_reason.clone(),
            booking_id: r.booking_id,
            expires_at: rfc3339(r.expires_at, z),
            created_at: rfc3339(r.created_at, z),
        }
    }
}

/// A request as the coach reads it, times in the coach's zone.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SessionRequestView {
    pub id: i64,
    /// `pending`, `approved`, `declined`, `expired` or `withdrawn`.
    pub status: String,
    /// Your client, when a connected client sent it.
    pub client_id: Option<i64>,
    /// The requester's account, when they were signed in.
    pub user_id: Option<i64>,
    pub name: String,
    pub email: String,
    pub session_type_id: i64,
    pub session_type_name: String,
    pub message: String,
    pub times: Vec<CoachProposedView>,
    /// The requester's zone.
    pub requester_time_zone: String,
    pub decline_reason: String,
    pub booking_id: Option<i64>,
    pub expires_at: String,
    pub created_at: String,
    pub updated_at: String,
}

impl SessionRequestView {
    pub fn new(r: &SessionRequest, zone: &Zone) -> Self {
        Self {
            id: r.id,
            status: r.status.as_str().to_owned(),
            client_id: r.client_id,
            user_id: r.user_id,
            name: r.name.clone(),
            email: r.email.clone(),
            session_type_id: r.session_type_id,
            session_type_name: r.session_type_name.clone(),
            message: r.message.clone(),
            times: r
                .times
                .iter()
                .map(|t| CoachProposedView {
                    start: rfc3339(t.start, zone),
                    end: rfc3339(t.end, zone),
                    offered: t.offered,
                })
                .collect(),
            requester_time_zone: r.zone.name().to_owned(),
            decline_reason: r.decline_reason.clone(),
            booking_id: r.booking_id,
            expires_at: rfc3339(r.expires_at, zone),
            created_at: rfc3339(r.created_at, zone),
            updated_at: rfc3339(r.updated_at, zone),
        }
    }
}

/// A refusal of a request's answer as the API words it: 409 `request_closed` or `time_passed`.
pub fn request_error(e: RequestError) -> Response {
    match e {
        RequestError::App(e) => ApiError(e).into_response(),
        RequestError::Closed(_) => {
            Public::new(StatusCode::CONFLICT, "request_closed", e.message()).into_json()
        }
        RequestError::Passed => {
            Public::new(StatusCode::CONFLICT, "time_passed", e.message()).into_json()
        }
    }
}

/// A coach's answer to a request (approve or decline) as the API returns it: the request as it
/// now stands, or [`request_error`].
fn answered(result: Result<SessionRequest, RequestError>, zone: &Zone) -> Response {
    match result {
        Ok(r) => Json(SessionRequestView::new(&r, zone)).into_response(),
        Err(e) => request_error(e),
    }
}

/// Ask a coach for a time that is not offered: one to three times, a session type you may see
/// on their page, and a message. Who may ask is who may book there (a visitor gives `name` and
/// `email`); a session type you may not see is "not found" like a missing one. The coach hears
/// of it; you get an acknowledgement by email, and an answer (a booking confirmation, or a
/// decline with a reason), or word that it expired unanswered. Limited per address and per
/// email (429).
#[utoipa::path(post, path = "/coaches/{slug}/session-requests", tag = "session requests",
    params(("slug" = String, Path, description = "The coach's page address")),
    request_body = NewSessionRequest,
    responses(
        (status = 201, body = MyRequestView),
        (status = 401, description = "`sign_in_required`: this coach takes requests from people with an account", body = ErrorBody),
        (status = 403, description = "`clients_only`: only the coach's connected clients may ask", body = ErrorBody),
        (status = 404, description = "No such coach or session type (or one you may not see)", body = ErrorBody),
        (status = 422, description = "A field is invalid (no times or more than three, a time past, repeated or that the clocks skip, no email); `fields` names each", body = ErrorBody),
        (status = 429, description = "Too many requests from this address or for this email; `Retry-After` says when to try again", body = ErrorBody),
    ),
    security((), ("bearer" = [])))]
pub async fn session_requests_create(
    State(state): State<AppState>,
    MaybeApiAccount(account): MaybeApiAccount,
    ClientAddr(addr): ClientAddr,
    ApiPath(slug): ApiPath<String>,
    ApiJson(input): ApiJson<NewSessionRequest>,
) -> ApiResult<Response> {
    let cx = state.ctx();
    let v = visit(cx, account.as_ref(), &slug).await?;
    if let Err(d) = v.view.may_book() {
        return Ok(denied_response(d));
    }
    let email = requests::throttle_email(&v, &input).to_owned();
    let admitted = state
        .forms()
        .admit(cx, PublicForm::Request(v.page.coach_id), addr, &email)
        .await?;
    match requests::create(cx, &v, &input).await {
        Ok(r) => Ok((StatusCode::CREATED, Json(MyRequestView::from(&r))).into_response()),
        Err(e @ (AppError::Invalid(_) | AppError::Malformed(_) | AppError::NotFound(_))) => {
            admitted.give_back(cx).await?;
            Err(e.into())
        }
        Err(e) => Err(e.into()),
    }
}

/// May not book: hidden answers as a missing coach; otherwise what would allow it.
fn denied_response(d: Denied) -> Response {
    let (status, code) = match d {
        Denied::Hidden => return ApiError(AppError::NotFound("coach")).into_response(),
        Denied::SignIn => (StatusCode::UNAUTHORIZED, "sign_in_required"),
        Denied::ClientsOnly => (StatusCode::FORBIDDEN, "clients_only"),
    };
    let message = match d {
        Denied::SignIn => "Sign in or create an account to send this coach a session request.",
        _ => {
            "Only this coach's clients can send session requests. Apply for coaching, or ask \
              the coach for an invitation."
        }
    };
    Public::new(status, code, message).into_json()
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", default)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Only requests with this status: `pending`, `approved`, `declined`, `expired` or
    /// `withdrawn`. Default: all.
    #[param(max_length = 20)]
    pub status: Option<String>,
}

/// Your session requests, newest first (at most 200); `status=pending` for those waiting for
/// an answer.
#[utoipa::path(get, path = "/session-requests", tag = "session requests", params(ListQuery),
    responses((status = 200, body = [SessionRequestView])), security(("bearer" = [])))]
pub async fn session_requests_list(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> ApiResult<Json<Vec<SessionRequestView>>> {
    let status = match q.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(raw) => Some(RequestStatus::parse(raw).map_err(|_| {
            AppError::invalid(
                "status",
                "Use pending, approved, declined, expired or withdrawn.",
            )
        })?),
    };
    let list = requests::list(state.ctx(), &coach, status).await?;
    Ok(Json(
        list.iter()
            .map(|r| SessionRequestView::new(r, &coach.zone))
            .collect(),
    ))
}

/// One of your session requests.
#[utoipa::path(get, path = "/session-requests/{id}", tag = "session requests",
    params(("id" = i64, Path)),
    responses((status = 200, body = SessionRequestView), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn session_requests_get(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<SessionRequestView>> {
    let r = requests::get(state.ctx(), &coach, id).await?;
    Ok(Json(SessionRequestView::new(&r, &coach.zone)))
}

/// Approve one of the proposed times (`timeIndex` 0–2, or its `start`): it is booked at once
/// through the same conflict check as every booking (your weekly hours do not bind, since you
/// approve; a collision always refuses with 409 and nothing changes), the requester gets the
/// usual booking confirmation, and the request links the booking.
#[utoipa::path(post, path = "/session-requests/{id}/approve", tag = "session requests",
    params(("id" = i64, Path)),
    request_body = Approval,
    responses(
        (status = 200, body = SessionRequestView),
        (status = 404, body = ErrorBody),
        (status = 409, description = "`conflict`: the time collides with your calendar; `request_closed`: the request is not pending; `time_passed`", body = ErrorBody),
        (status = 422, description = "No such time among the proposed ones", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn session_requests_approve(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
    ApiJson(approval): ApiJson<Approval>,
) -> Response {
    answered(
        requests::approve(state.ctx(), &coach, id, &approval).await,
        &coach.zone,
    )
}

/// Why you decline.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct Decline {
    /// Sent to the requester by email.
    #[schema(min_length = 1, max_length = 2000)]
    pub reason: String,
}

/// Decline a pending request with a reason, which the requester receives by email.
#[utoipa::path(post, path = "/session-requests/{id}/decline", tag = "session requests",
    params(("id" = i64, Path)),
    request_body = Decline,
    responses(
        (status = 200, body = SessionRequestView),
        (status = 404, body = ErrorBody),
        (status = 409, description = "`request_closed`: the request is not pending", body = ErrorBody),
        (status = 422, description = "No reason given", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn session_requests_decline(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
    ApiJson(d): ApiJson<Decline>,
) -> Response {
    answered(
        requests::decline(state.ctx(), &coach, id, &d.reason).await,
        &coach.zone,
    )
}

/// One cell of the demand report.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DemandCellView {
    /// 1 = Monday … 7 = Sunday, in your zone.
    pub weekday: i64,
    /// 0–23, in your zone.
    pub hour: i64,
    pub count: i64,
}

/// What clients asked for that you did not offer.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DemandView {
    /// The report covers requests sent from `from` to `to` (the last 90 days).
    pub from: String,
    pub to: String,
    pub time_zone: String,
    /// Proposed times that were not open slots when asked, counted per weekday and hour of
    /// their start; only the cells with a count.
    pub cells: Vec<DemandCellView>,
    pub total: i64,
}

/// The demand report: over the last 90 days, which weekdays and hours (in your zone) clients
/// proposed in their session requests that were not open slots when they asked.
#[utoipa::path(get, path = "/session-requests/demand", tag = "session requests",
    responses((status = 200, body = DemandView)), security(("bearer" = [])))]
pub async fn session_requests_demand(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
) -> ApiResult<Json<DemandView>> {
    let d = requests::demand(state.ctx(), &coach).await?;
    Ok(Json(DemandView {
        from: rfc3339(d.since, &coach.zone),
        to: rfc3339(d.until, &coach.zone),
        time_zone: coach.zone.name().to_owned(),
        cells: d
            .cells
            .iter()
            .map(|c| DemandCellView {
                weekday: c.weekday,
                hour: c.hour,
                count: c.count,
            })
            .collect(),
        total: d.total,
    }))
}

/// How long a request waits for your answer.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RequestSettings {
    /// Hours, 1–720; requests already sent keep their expiry.
    #[schema(minimum = 1, maximum = 720)]
    pub expiry_hours: i64,
}

/// How long new session requests wait for an answer before they expire.
#[utoipa::path(get, path = "/session-requests/settings", tag = "session requests",
    responses((status = 200, body = RequestSettings)), security(("bearer" = [])))]
pub async fn session_requests_settings_get(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
) -> ApiResult<Json<RequestSettings>> {
    Ok(Json(RequestSettings {
        expiry_hours: requests::expiry_hours(state.ctx(), &coach).await?,
    }))
}

/// Set how long new session requests wait for an answer (1–720 hours).
#[utoipa::path(put, path = "/session-requests/settings", tag = "session requests",
    request_body = RequestSettings,
    responses((status = 200, body = RequestSettings), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn session_requests_settings_put(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiJson(s): ApiJson<RequestSettings>,
) -> ApiResult<Json<RequestSettings>> {
    Ok(Json(RequestSettings {
        expiry_hours: requests::set_expiry_hours(state.ctx(), &coach, s.expiry_hours).await?,
    }))
}
