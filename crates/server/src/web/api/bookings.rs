//! `/api/bookings`: the coach's bookings, and the shapes the API speaks for them.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use coachbook_core::booking::{BookingAction, BookingStatus};
use coachbook_core::time::{rfc3339, WallNote, Zone};
use coachbook_core::validate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::{IntoParams, ToSchema};

use crate::app::accounts::Coach;
use crate::app::bookings::{
    self, Booking, BookingInput, BookingUpdate, Created, ListFilter, Notice, Replay, TimeInput,
};
use crate::app::{AppError, Checker};
use crate::web::error::{ApiResult, ErrorBody};
use crate::web::extract::{ApiCoach, ApiJson, ApiPath, ApiQuery};
use crate::web::{words, AppState};

/// When: an RFC 3339 `start` (and optional `end`, default start + the session's length), or a
/// `date` with `startTime` (and optional `endTime`) in your time zone.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct When {
    /// RFC 3339 with offset, e.g. `2026-12-01T10:00:00+00:00`.
    #[schema(max_length = 64)]
    pub start: String,
    #[schema(max_length = 64)]
    pub end: Option<String>,
    /// `YYYY-MM-DD` in your time zone (with `startTime`, instead of `start`).
    #[schema(max_length = 64)]
    pub date: String,
    /// `HH:MM` wall-clock in your time zone. A time the clocks skip is read as the first time
    /// after the gap, and the answer says so in `notices`.
    #[schema(max_length = 64)]
    pub start_time: String,
    /// `HH:MM`; optional.
    #[schema(max_length = 64)]
    pub end_time: String,
    #[schema(schema_with = crate::app::schema::fold)]
    pub fold: Option<String>,
}

impl From<When> for TimeInput {
    fn from(w: When) -> Self {
        Self {
            start: w.start,
            end: w.end,
            date: w.date,
            start_time: w.start_time,
            end_time: w.end_time,
            fold: w.fold,
        }
    }
}

/// A coach's booking of a session: who, what and when.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct NewBookingRequest {
    /// Default (or `0`): the package's type, else (for a discovery call) your discovery type.
    #[schema(minimum = 0)]
    pub session_type_id: i64,
    #[serde(flatten)]
    pub when: When,
    /// The client's name, unless `clientId` or `applicationId` gives it.
    #[schema(max_length = 100)]
    pub name: String,
    /// The client's email, unless `clientId` or `applicationId` gives it.
    #[schema(max_length = 254)]
    pub email: String,
    #[schema(max_length = 10000)]
    pub notes: String,
    /// `https://…`.
    #[schema(max_length = 2000)]
    pub meeting_url: String,
    /// Book even though the time is outside your weekly hours (never over another session or
    /// time off: those always refuse).
    pub override_availability: bool,
    /// One of your clients: their name and email are used unless given.
    pub client_id: Option<i64>,
    /// A package the client is enrolled in: the session uses one of its credits, and its session
    /// length (and session type, if it has one) apply unless given.
    pub coaching_package_id: Option<i64>,
    /// An application: this booking becomes its discovery call (name and email from it).
    pub application_id: Option<i64>,
    /// One of your session templates: it fills the session type, length, capacity, meeting link
    /// and notes you leave out, and its client (with their agreed price) unless you name someone.
    pub template_id: Option<i64>,
}

impl From<NewBookingRequest> for BookingInput {
    fn from(r: NewBookingRequest) -> Self {
        Self {
            session_type_id: (r.session_type_id != 0).then_some(r.session_type_id),
            when: r.when.into(),
            name: r.name,
            email: r.email,
            notes: r.notes,
            meeting_url: r.meeting_url,
            override_hours: r.override_availability,
            client_id: r.client_id,
            package_id: r.coaching_package_id,
            application_id: r.application_id,
            template_id: r.template_id,
        }
    }
}

/// How a typed time was read when that needs saying (a time the clocks skip or show twice).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NoticeView {
    /// The field it is about, e.g. `startTime`.
    pub field: String,
    /// `skipped` (the clocks jump over that time) or `repeated` (they show it twice; send
    /// `fold` to choose).
    pub kind: String,
    pub message: String,
}

pub fn notices(list: &[Notice]) -> Vec<NoticeView> {
    list.iter()
        .map(|n| NoticeView {
            field: n.field.to_owned(),
            kind: match n.note {
                WallNote::Skipped { .. } => "skipped",
                WallNote::Repeated { .. } => "repeated",
            }
            .to_owned(),
            message: words::notice(n),
        })
        .collect()
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BookingView {
    pub id: i64,
    pub session_id: i64,
    pub session_type_id: i64,
    pub session_type_name: String,
    /// RFC 3339 in the coach's time zone.
    pub start: String,
    pub end: String,
    pub time_zone: String,
    pub name: String,
    pub email: String,
    /// `pending`, `confirmed`, `cancelled`, `completed` or `no_show`.
    pub status: String,
    pub cancel_reason: String,
    pub notes: String,
    pub meeting_url: String,
    pub client_id: Option<i64>,
    /// The package whose credit this booking uses.
    pub coaching_package_id: Option<i64>,
    pub package_name: Option<String>,
    pub application_id: Option<i64>,
    /// The package credit: `held`, `released`, `used` or `waived`; absent without a package.
    pub credit: Option<String>,
    /// How the times you typed were read, when that needs saying.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<NoticeView>,
}

impl BookingView {
    pub fn new(b: &Booking, zone: &Zone, notes: &[Notice]) -> Self {
        Self {
            id: b.id,
            session_id: b.session_id,
            session_type_id: b.session_type_id,
            session_type_name: b.session_type_name.clone(),
            start: rfc3339(b.start, zone),
            end: rfc3339(b.end, zone),
            time_zone: zone.name().to_owned(),
            name: b.name.clone(),
            email: b.email.clone(),
            status: b.status.as_str().to_owned(),
            cancel_reason: b.cancel_reason.clone(),
            notes: b.notes.clone(),
            meeting_url: b.meeting_url.clone(),
            client_id: b.client_id,
            coaching_package_id: b.package_id,
            package_name: b.package_name.clone(),
            application_id: b.application_id,
            credit: b.credit.map(|c| c.as_str().to_owned()),
            notices: notices(notes),
        }
    }
}

fn view(b: &Booking, coach: &Coach) -> Json<BookingView> {
    Json(BookingView::new(b, &coach.zone, &[]))
}

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
    let request_hash = serde_json::to_string(&req)
        .map(|canonical| {
            Sha256::digest(canonical.as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        })
        .map_err(|e| anyhow::anyhow!("encode the request: {e}"))?;
    let zone = coach.zone.clone();
    let encode = move |b: &Booking, n: &[Notice]| {
        serde_json::to_string(&BookingView::new(b, &zone, n)).unwrap_or_default()
    };
    let replay = key.as_deref().map(|key| Replay {
        key,
        request_hash: request_hash.clone(),
        encode: &encode,
    });
    match bookings::create(state.ctx(), &coach, &req.into(), replay).await? {
        Created::New { booking, notices } => Ok((
            StatusCode::CREATED,
            Json(BookingView::new(&booking, &coach.zone, &notices)),
        )
            .into_response()),
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
    Ok(view(&bookings::get(state.ctx(), &coach, id).await?, &coach))
}

/// `GET /api/bookings` filters.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", default)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    #[param(schema_with = crate::app::schema::booking_status_filter)]
    pub status: Option<String>,
    pub session_type_id: Option<i64>,
    /// Only this client's bookings.
    pub client_id: Option<i64>,
    /// RFC 3339: only bookings ending after this.
    pub from: Option<String>,
    /// RFC 3339: only bookings starting before this.
    pub to: Option<String>,
    /// Text in the name or email.
    #[param(max_length = 200)]
    pub q: Option<String>,
}

impl ListQuery {
    fn filter(&self) -> Result<ListFilter, AppError> {
        fn given(v: &Option<String>) -> Option<&str> {
            v.as_deref().map(str::trim).filter(|s| !s.is_empty())
        }
        let mut c = Checker::default();
        let status = given(&self.status).and_then(|s| {
            c.check(
                BookingStatus::parse(s)
                    .map_err(|e| validate::InvalidInput::new("status", e.to_string())),
            )
        });
        let from = given(&self.from).and_then(|s| c.check(validate::instant("from", s)));
        let to = given(&self.to).and_then(|s| c.check(validate::instant("to", s)));
        c.finish()?;
        Ok(ListFilter {
            status,
            session_type_id: self.session_type_id,
            client_id: self.client_id,
            from,
            to,
            search: self.q.clone(),
        })
    }
}

/// Your bookings, by start time, filtered.
#[utoipa::path(get, path = "/bookings", tag = "bookings", params(ListQuery),
    responses((status = 200, body = [BookingView]), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
pub async fn bookings_list(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> ApiResult<Json<Vec<BookingView>>> {
    let list = bookings::list(state.ctx(), &coach, &q.filter()?).await?;
    Ok(Json(
        list.iter()
            .map(|b| BookingView::new(b, &coach.zone, &[]))
            .collect(),
    ))
}

async fn act(
    state: &AppState,
    coach: &Coach,
    id: i64,
    action: BookingAction,
    reason: &str,
    waive: bool,
) -> ApiResult<Json<BookingView>> {
    let b = bookings::change_status(state.ctx(), coach, id, action, reason, waive).await?;
    Ok(view(&b, coach))
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

/// Why a booking is cancelled; shown to the coach and the client.
#[derive(Debug, Clone, Deserialize, ToSchema, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Cancellation {
    #[schema(max_length = 1000)]
    pub reason: String,
    /// A late cancellation keeps the package credit used unless you waive it (recorded with you
    /// and the time).
    pub waive: bool,
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

/// Moving a booking to another time.
#[derive(Debug, Clone, Deserialize, ToSchema, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Reschedule {
    /// The new time; the end defaults to the booking's current length.
    #[serde(flatten)]
    pub when: When,
    /// Move even though the new time is outside your weekly hours.
    pub override_availability: bool,
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
    let (b, notes) = bookings::reschedule(
        state.ctx(),
        &coach,
        id,
        &req.when.into(),
        req.override_availability,
    )
    .await?;
    Ok(Json(BookingView::new(&b, &coach.zone, &notes)))
}

/// What booking a time would meet, without booking it: the modal asks this as the coach types.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BookingCheckView {
    /// `free`, `conflict` or `outside_availability`.
    pub status: String,
    /// What is in the way, or how the time was read; empty when there is nothing to say.
    pub message: String,
    /// For `outside_availability`: why (`in_the_past`, `too_far_ahead` or `outside_hours`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// RFC 3339 start and end as understood, in your time zone.
    pub start: String,
    pub end: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<NoticeView>,
}

/// Check a booking without making it: whether the time is free, collides (and with what), or is
/// outside your hours. Same body as creating one; field errors answer 422 as they would there.
#[utoipa::path(post, path = "/bookings/check", tag = "bookings", request_body = NewBookingRequest,
    responses((status = 200, body = BookingCheckView), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
pub async fn bookings_check(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiJson(req): ApiJson<NewBookingRequest>,
) -> ApiResult<Json<BookingCheckView>> {
    let check = bookings::check(state.ctx(), &coach, &req.into()).await?;
    let notices = notices(&check.notices);
    let reason = match &check.refusal {
        Some(crate::app::Refusal::OutsideHours(r)) => Some(words::hours_reason_code(*r).to_owned()),
        _ => None,
    };
    let (status, message) = match &check.refusal {
        None => (
            "free",
            notices
                .iter()
                .map(|n| n.message.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        ),
        Some(r) => {
            let code = words::refusal_code(r);
            (code, words::refusal(r))
        }
    };
    Ok(Json(BookingCheckView {
        status: status.to_owned(),
        message,
        reason,
        start: rfc3339(check.at.start, &coach.zone),
        end: rfc3339(check.at.end, &coach.zone),
        notices,
    }))
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
    Ok(view(
        &bookings::waive_credit(state.ctx(), &coach, id).await?,
        &coach,
    ))
}

/// A change to a booking's details; omitted fields stay.
#[derive(Debug, Clone, Deserialize, ToSchema, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct BookingChange {
    #[schema(max_length = 10000)]
    pub notes: Option<String>,
    /// `https://…`, or empty to remove it.
    #[schema(max_length = 2000)]
    pub meeting_url: Option<String>,
}

/// Change a booking's notes or meeting link (move it with `reschedule`).
#[utoipa::path(put, path = "/bookings/{id}", tag = "bookings", params(("id" = i64, Path)), request_body = BookingChange,
    responses((status = 200, body = BookingView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn bookings_update(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
    ApiJson(change): ApiJson<BookingChange>,
) -> ApiResult<Json<BookingView>> {
    let update = BookingUpdate {
        notes: change.notes,
        meeting_url: change.meeting_url,
    };
    Ok(view(
        &bookings::update(state.ctx(), &coach, id, &update).await?,
        &coach,
    ))
}
