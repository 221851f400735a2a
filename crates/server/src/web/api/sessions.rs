//! `/api/sessions`: the coach's sessions whole (occurrences with their bookings), and
//! `/api/me/meeting-links`: how new sessions get a meeting link. Coach only.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use coachbook_core::booking::SessionStatus;
use coachbook_core::time::{rfc3339, Zone};
use coachbook_core::validate::{self, InvalidInput};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::bookings::{notices, NoticeView, When};
use crate::app::bookings::Notice;
use crate::app::meeting_links::{self, MeetingLinks};
use crate::app::sessions::{
    self, ListFilter, NewSessionInput, Participant, Session, SessionUpdate,
};
use crate::app::templates::Template;
use crate::app::{AppError, Checker};
use crate::web::error::{ApiResult, ErrorBody};
use crate::web::extract::{ApiCoach, ApiJson, ApiPath, ApiQuery};
use crate::web::AppState;

/// One participant's booking in a session; only you see these.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantView {
    pub booking_id: i64,
    pub name: String,
    pub email: String,
    /// `pending`, `confirmed`, `cancelled`, `completed` or `no_show`.
    pub status: String,
    pub notes: String,
    pub client_id: Option<i64>,
    pub application_id: Option<i64>,
    /// Whether the booking holds a package credit.
    pub uses_package: bool,
    /// A price agreed for this booking (a template's client-specific price), minor units.
    pub price_cents: Option<i64>,
    pub currency: Option<String>,
}

impl From<&Participant> for ParticipantView {
    fn from(p: &Participant) -> Self {
        Self {
            booking_id: p.booking_id,
            name: p.name.clone(),
            email: p.email.clone(),
            status: p.status.as_str().to_owned(),
            notes: p.notes.clone(),
            client_id: p.client_id,
            application_id: p.application_id,
            uses_package: p.uses_package,
            price_cents: p.price.as_ref().map(|p| p.0),
            currency: p.price.as_ref().map(|p| p.1.clone()),
        }
    }
}

/// A session on your calendar with everyone in it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SessionView {
    pub id: i64,
    pub session_type_id: i64,
    pub session_type_name: String,
    /// The type's calendar colour, `#rrggbb`.
    pub session_type_color: String,
    /// `one_on_one`, `group` or `discovery`.
    pub kind: String,
    /// RFC 3339 in your time zone.
    pub start: String,
    pub end: String,
    pub time_zone: String,
    /// `scheduled` or `cancelled`.
    pub status: String,
    /// Participants it takes: 1 unless a group.
    pub capacity: i64,
    /// Seats held by bookings (pending, confirmed, completed or no-show).
    pub seats_taken: i64,
    pub seats_left: i64,
    pub meeting_url: String,
    pub notes: String,
    pub buffer_before_minutes: i64,
    pub buffer_after_minutes: i64,
    /// Every booking in it, cancelled ones too, as booked (empty for a co-host who has not
    /// accepted yet).
    pub participants: Vec<ParticipantView>,
    /// The series it is an occurrence of (`/api/series/{id}`), if any.
    pub series_id: Option<i64>,
    /// Its start in the series (its iCalendar RECURRENCE-ID), RFC 3339; kept when it is moved
    /// on its own.
    pub recurrence_id: Option<String>,
    /// Every host, the owner first.
    pub hosts: Vec<super::cohosts::HostView>,
    /// How the times you typed were read, when that needs saying.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<NoticeView>,
}

impl SessionView {
    pub fn new(s: &Session, zone: &Zone, notes: &[Notice]) -> Self {
        Self {
            id: s.id,
            session_type_id: s.session_type_id,
            session_type_name: s.session_type_name.clone(),
            session_type_color: s.session_type_color.clone(),
            kind: s.kind.as_str().to_owned(),
            start: rfc3339(s.start, zone),
            end: rfc3339(s.end, zone),
            time_zone: zone.name().to_owned(),
            status: s.status.as_str().to_owned(),
            capacity: s.capacity,
            seats_taken: s.seats_taken,
            seats_left: s.seats_left(),
            meeting_url: s.meeting_url.clone(),
            notes: s.notes.clone(),
            buffer_before_minutes: s.buffer_before_minutes,
            buffer_after_minutes: s.buffer_after_minutes,
            participants: s.participants.iter().map(Into::into).collect(),
            series_id: s.series.map(|(id, _)| id),
            recurrence_id: s.series.map(|(_, at)| rfc3339(at, zone)),
            hosts: s.hosts.iter().map(Into::into).collect(),
            notices: notices(notes),
        }
    }
}

/// `GET /api/sessions`: a range (required, at most 100 days) and filters.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", default)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// RFC 3339: sessions ending after this.
    #[param(max_length = 64)]
    pub from: String,
    /// RFC 3339: sessions starting before this; at most 100 days after `from`.
    #[param(max_length = 64)]
    pub to: String,
    pub session_type_id: Option<i64>,
    /// `scheduled` (the default), `cancelled` or `any`.
    #[param(max_length = 16)]
    pub status: Option<String>,
}

impl ListQuery {
    fn filter(&self) -> Result<ListFilter, AppError> {
        let mut c = Checker::default();
        let mut instant = |field: &'static str, raw: &str| {
            if raw.trim().is_empty() {
                c.push(InvalidInput::new(
                    field,
                    "Give the range as RFC 3339, e.g. from=2026-11-02T00:00:00Z&to=2026-11-09T00:00:00Z.",
                ));
                None
            } else {
                c.check(validate::instant(field, raw))
            }
        };
        let from = instant("from", &self.from);
        let to = instant("to", &self.to);
        let status = match self.status.as_deref().map(str::trim) {
            None | Some("") | Some("scheduled") => Some(Some(SessionStatus::Scheduled)),
            Some("any") => Some(None),
            Some("cancelled") => Some(Some(SessionStatus::Cancelled)),
            Some(_) => {
                c.push(InvalidInput::new(
                    "status",
                    "Choose scheduled, cancelled or any.",
                ));
                None
            }
        };
        let (from, to, status) = c.done(from.zip(to).zip(status).map(|((a, b), s)| (a, b, s)))?;
        Ok(ListFilter {
            from,
            to,
            session_type_id: self.session_type_id,
            status,
        })
    }
}

/// Your sessions overlapping a range, by start, each with its participants and seats.
#[utoipa::path(get, path = "/sessions", tag = "sessions", params(ListQuery),
    responses((status = 200, body = [SessionView]), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn sessions_list(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> ApiResult<Json<Vec<SessionView>>> {
    let list = sessions::list(state.ctx(), &coach, &q.filter()?).await?;
    Ok(Json(
        list.iter()
            .map(|s| SessionView::new(s, &coach.zone, &[]))
            .collect(),
    ))
}

/// One session with everyone in it.
#[utoipa::path(get, path = "/sessions/{id}", tag = "sessions", params(("id" = i64, Path)),
    responses((status = 200, body = SessionView), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn sessions_get(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<SessionView>> {
    let s = sessions::get(state.ctx(), &coach, id).await?;
    Ok(Json(SessionView::new(&s, &coach.zone, &[])))
}

/// A session without participants yet (e.g. a group class). Fields given win over the
/// template's; what neither gives comes from the session type (and your meeting-link setting).
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct SessionCreate {
    /// One of your session types; default the template's.
    pub session_type_id: Option<i64>,
    #[serde(flatten)]
    pub when: When,
    /// Default: the template's, else the type's (an `end` wins over both).
    #[schema(minimum = 5, maximum = 720)]
    pub duration_minutes: Option<i64>,
    /// Default: the template's, else the type's. 1 to 500 for a group type, 1 otherwise.
    #[schema(minimum = 1, maximum = 500)]
    pub capacity: Option<i64>,
    /// `https://…`; default the template's, else your meeting-link setting.
    #[schema(max_length = 2000)]
    pub meeting_url: Option<String>,
    #[schema(max_length = 10000)]
    pub notes: Option<String>,
    /// One of your session templates.
    pub template_id: Option<i64>,
    /// Make it even though the time is outside your weekly hours (never over another session or
    /// time off).
    pub override_availability: bool,
    /// Other coaches of this practice invited to co-host it (at most 10); each must be free.
    #[schema(max_items = 10)]
    pub cohost_ids: Vec<i64>,
}

/// Make a session without participants, checked like a booking: 409 when the time collides
/// (or, without `overrideAvailability`, is outside your hours).
#[utoipa::path(post, path = "/sessions", tag = "sessions", request_body = SessionCreate,
    responses((status = 201, body = SessionView),
        (status = 409, description = "The time collides with something on the calendar, or is outside your hours", body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn sessions_create(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiJson(req): ApiJson<SessionCreate>,
) -> ApiResult<(StatusCode, Json<SessionView>)> {
    let input = NewSessionInput {
        session_type_id: req.session_type_id,
        when: req.when.into(),
        duration_minutes: req.duration_minutes,
        capacity: req.capacity,
        meeting_url: req.meeting_url,
        notes: req.notes,
        template_id: req.template_id,
        override_hours: req.override_availability,
        cohost_ids: req.cohost_ids,
    };
    let (s, notes) = sessions::create(state.ctx(), &coach, &input).await?;
    Ok((
        StatusCode::CREATED,
        Json(SessionView::new(&s, &coach.zone, &notes)),
    ))
}

/// A change to a session's details; omitted fields stay.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct SessionChange {
    #[schema(max_length = 10000)]
    pub notes: Option<String>,
    /// `https://…`, or empty to remove it.
    #[schema(max_length = 2000)]
    pub meeting_url: Option<String>,
    /// Another of your session types: its buffers apply and must fit the calendar.
    pub session_type_id: Option<i64>,
}

/// Change a session's notes, meeting link or type. A new link or type tells every participant
/// (an updated invitation). 409 when the new type's buffers collide or a one-on-one type would
/// hold more than one booking.
#[utoipa::path(patch, path = "/sessions/{id}", tag = "sessions", params(("id" = i64, Path)),
    request_body = SessionChange,
    responses((status = 200, body = SessionView), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn sessions_update(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
    ApiJson(change): ApiJson<SessionChange>,
) -> ApiResult<Json<SessionView>> {
    let update = SessionUpdate {
        notes: change.notes,
        meeting_url: change.meeting_url,
        session_type_id: change.session_type_id,
    };
    let s = sessions::update(state.ctx(), &coach, id, &update).await?;
    Ok(Json(SessionView::new(&s, &coach.zone, &[])))
}

/// Moving a session, with everyone in it.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct SessionMove {
    /// The new start (`start`, or `date` and `startTime`); the length stays.
    #[serde(flatten)]
    pub when: When,
    /// Move even though the new time is outside your weekly hours.
    pub override_availability: bool,
}

/// Move a session and everyone in it, checked like a booking (409 on a collision, or outside
/// your hours without `overrideAvailability`; then nothing changes). Every participant is told.
#[utoipa::path(post, path = "/sessions/{id}/move", tag = "sessions", params(("id" = i64, Path)),
    request_body = SessionMove,
    responses((status = 200, body = SessionView), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn sessions_move(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<SessionMove>,
) -> ApiResult<Json<SessionView>> {
    let (s, notes) = sessions::move_to(
        state.ctx(),
        &coach,
        id,
        &req.when.into(),
        req.override_availability,
    )
    .await?;
    Ok(Json(SessionView::new(&s, &coach.zone, &notes)))
}

/// Cancelling a session for everyone in it.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct SessionCancellation {
    /// Told to every participant.
    #[schema(max_length = 1000)]
    pub reason: String,
    /// Give package credits back even when the cancellation is after your cut-off (otherwise a
    /// late cancellation uses them, as your policy says).
    pub release_credits: bool,
}

/// Cancel a session: every participant's booking is cancelled and they are told; package
/// credits are released under your cancellation policy, or given back with `releaseCredits`.
/// 409 once it has started (mark outcomes instead) or when it is already cancelled.
#[utoipa::path(post, path = "/sessions/{id}/cancel", tag = "sessions", params(("id" = i64, Path)),
    request_body = SessionCancellation,
    responses((status = 200, body = SessionView), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn sessions_cancel(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<SessionCancellation>,
) -> ApiResult<Json<SessionView>> {
    let s = sessions::cancel(state.ctx(), &coach, id, &req.reason, req.release_credits).await?;
    Ok(Json(SessionView::new(&s, &coach.zone, &[])))
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CapacityChange {
    /// 1 to 500 for a group session (never below the seats taken); 1 otherwise.
    #[schema(minimum = 1, maximum = 500)]
    pub capacity: i64,
}

/// Raise or lower a session's capacity. Below the seats taken answers 409 and changes nothing.
#[utoipa::path(put, path = "/sessions/{id}/capacity", tag = "sessions", params(("id" = i64, Path)),
    request_body = CapacityChange,
    responses((status = 200, body = SessionView), (status = 404, body = ErrorBody),
        (status = 409, description = "Below the seats taken, or the session is cancelled", body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn sessions_capacity(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<CapacityChange>,
) -> ApiResult<Json<SessionView>> {
    let s = sessions::set_capacity(state.ctx(), &coach, id, req.capacity).await?;
    Ok(Json(SessionView::new(&s, &coach.zone, &[])))
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct TemplateName {
    #[schema(required = true, min_length = 1, max_length = 80)]
    pub name: String,
}

/// Save a session as a template: its type, length, capacity, meeting link and notes (and, with
/// one client booked at an agreed price, that client and price).
#[utoipa::path(post, path = "/sessions/{id}/template", tag = "sessions", params(("id" = i64, Path)),
    request_body = TemplateName,
    responses((status = 201, body = Template), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn sessions_save_template(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<TemplateName>,
) -> ApiResult<(StatusCode, Json<Template>)> {
    let t = sessions::save_as_template(state.ctx(), &coach, id, &req.name).await?;
    Ok((StatusCode::CREATED, Json(t)))
}

/// How new sessions without a link of their own get one.
#[utoipa::path(get, path = "/me/meeting-links", tag = "sessions",
    responses((status = 200, body = MeetingLinks)), security(("bearer" = [])))]
pub async fn meeting_links_get(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
) -> ApiResult<Json<MeetingLinks>> {
    Ok(Json(meeting_links::get(state.ctx(), &coach).await?))
}

/// Set how new sessions get a meeting link: `none`, `fixed` (your room's link) or `pattern` (an
/// https link with `{random}`, a new room per session). Sessions made before keep their links.
#[utoipa::path(put, path = "/me/meeting-links", tag = "sessions", request_body = MeetingLinks,
    responses((status = 200, body = MeetingLinks), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn meeting_links_put(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiJson(req): ApiJson<MeetingLinks>,
) -> ApiResult<Json<MeetingLinks>> {
    Ok(Json(
        meeting_links::update(state.ctx(), &coach, &req).await?,
    ))
}
