//! `/api/coaches/{slug}`: a coach's public page for scripts and for the page's own script — the
//! profile and session types as the caller may see them, the calendar of a range, and booking.
//! Nobody needs to be signed in; a bearer token or the session cookie makes the caller the
//! coach, a connected client or a registered user, and the coach's privacy settings decide.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use coachbook_core::availability::PolicyReason;
use coachbook_core::privacy::{BookAs, BusyLabel, Denied};
use coachbook_core::time::{rfc3339, Zone};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::app::booking_page::{
    self, BookRefusal, Booked, CalendarInput, CoachPage, PublicBookingInput, VisibleType,
};
use crate::app::privacy::visit;
use crate::app::throttle::PublicForm;
use crate::app::AppError;
use crate::web::error::{ApiResult, ErrorBody, Public};
use crate::web::extract::{ApiJson, ApiPath, ApiQuery, ClientAddr, MaybeApiAccount};
use crate::web::AppState;

/// A session type as the caller may see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PublicSessionType {
    pub id: i64,
    pub name: String,
    /// `one_on_one`, `group` or `discovery`.
    pub kind: String,
    pub duration_minutes: i64,
    pub description: String,
    /// `#rrggbb`; always shown with the name, never alone.
    pub colour: String,
    /// In cents; absent when the coach does not show prices.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price_cents: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Booking it makes a pending booking that the coach confirms.
    pub requires_approval: bool,
    /// More than 1: a group session with this many seats.
    pub capacity: i64,
    /// For a connected client with package credits for this type: a booking uses one of them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credits: Option<CreditsView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreditsView {
    pub package_name: String,
    /// Credits left before this booking.
    pub remaining: i64,
}

impl From<&VisibleType> for PublicSessionType {
    fn from(t: &VisibleType) -> Self {
        Self {
            id: t.id,
            name: t.name.clone(),
            kind: t.kind.as_str().to_owned(),
            duration_minutes: t.duration_minutes,
            description: t.description.clone(),
            colour: t.color.clone(),
            price_cents: t.price.as_ref().map(|p| p.0),
            currency: t.price.as_ref().map(|p| p.1.clone()),
            requires_approval: t.requires_approval,
            capacity: t.capacity,
            credits: t.credits.as_ref().map(|c| CreditsView {
                package_name: c.package_name.clone(),
                remaining: c.remaining,
            }),
        }
    }
}

/// A coach's page as the caller may see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CoachPageView {
    pub slug: String,
    pub name: String,
    pub bio: String,
    /// An `https` link, or empty.
    pub photo_url: String,
    /// The coach's IANA zone.
    pub time_zone: String,
    /// Whether the calendar (open times) shows to the caller.
    pub sees_calendar: bool,
    pub can_book: bool,
    /// When `canBook` is false and the calendar shows: `signIn` (an account would do) or
    /// `clientsOnly` (only the coach's connected clients book online).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cannot_book_because: Option<String>,
    /// What to tell the caller about booking, when they cannot.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cannot_book_message: Option<String>,
    /// As whom a booking is made: `client`, `user`, `visitor` or `owner`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub book_as: Option<String>,
    pub session_types: Vec<PublicSessionType>,
    pub apply_path: String,
    /// Changes whenever anything on the calendar does.
    pub calendar_version: i64,
}

fn book_as(b: BookAs) -> &'static str {
    match b {
        BookAs::Owner => "owner",
        BookAs::Client { .. } => "client",
        BookAs::User { .. } => "user",
        BookAs::Visitor => "visitor",
    }
}

fn denied_code(d: Denied) -> &'static str {
    match d {
        Denied::SignIn => "signIn",
        Denied::ClientsOnly | Denied::Hidden => "clientsOnly",
    }
}

impl From<&CoachPage> for CoachPageView {
    fn from(p: &CoachPage) -> Self {
        let refused = p.may_book.err().filter(|_| p.sees_calendar);
        Self {
            slug: p.slug.clone(),
            name: p.name.clone(),
            bio: p.bio.clone(),
            photo_url: p.photo_url.clone(),
            time_zone: p.zone.name().to_owned(),
            sees_calendar: p.sees_calendar,
            can_book: p.may_book.is_ok(),
            cannot_book_because: refused.map(|d| denied_code(d).to_owned()),
            cannot_book_message: refused.map(|d| d.message().to_owned()),
            book_as: p.may_book.ok().map(|b| book_as(b).to_owned()),
            session_types: p.types.iter().map(PublicSessionType::from).collect(),
            apply_path: p.apply_path(),
            calendar_version: p.calendar_version,
        }
    }
}

/// A coach's page: profile, the session types you may see, and whether you may book. Works
/// without credentials; a token or session makes you the coach, a connected client or a
/// registered user.
#[utoipa::path(get, path = "/coaches/{slug}", tag = "coach page",
    params(("slug" = String, Path, description = "The coach's page address")),
    responses(
        (status = 200, body = CoachPageView),
        (status = 404, description = "No such coach", body = ErrorBody),
    ),
    security((), ("bearer" = [])))]
pub async fn coaches_get(
    State(state): State<AppState>,
    MaybeApiAccount(account): MaybeApiAccount,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<Json<CoachPageView>> {
    let cx = state.ctx();
    let v = visit(cx, account.as_ref(), &slug).await?;
    let page = booking_page::page(cx, &v).await?;
    Ok(Json(CoachPageView::from(&page)))
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct CalendarQuery {
    /// `YYYY-MM-DD` (midnight in `timeZone`) or RFC 3339 with an offset. Default: now.
    #[param(max_length = 64)]
    pub from: Option<String>,
    /// Exclusive, as `from`. Default: 7 days after `from`; at most 42 days after it.
    #[param(max_length = 64)]
    pub to: Option<String>,
    /// Your IANA zone: dates are read and times answered in it. Default: your account's, else
    /// the coach's.
    #[param(max_length = 64)]
    pub time_zone: Option<String>,
    /// Only this session type (one you may see).
    pub session_type_id: Option<i64>,
}

/// One open time.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OpenSlotView {
    pub session_type_id: i64,
    /// RFC 3339 with `timeZone`'s offset.
    pub start: String,
    pub end: String,
    /// Seats left, for a group session.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seats_left: Option<u32>,
}

/// Booked time, as the coach lets you see it: never who booked.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BookedBlockView {
    pub start: String,
    pub end: String,
    /// "Booked", or "Booked · {session type}" where the coach shows the type.
    pub label: String,
    /// The session type's name, where the coach shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_type: Option<String>,
    /// A full group session: the page to join its waitlist (`/c/{slug}/waitlist/{sessionId}`);
    /// the API's is `POST /api/sessions/{sessionId}/waitlist`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waitlist_path: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CalendarView {
    /// The zone every time here is written in.
    pub time_zone: String,
    pub from: String,
    pub to: String,
    /// The types shown (the one asked for, or every one you may see).
    pub session_types: Vec<PublicSessionType>,
    pub slots: Vec<OpenSlotView>,
    pub booked: Vec<BookedBlockView>,
    pub calendar_version: i64,
}

/// A coach's open times (per session type you may see) and booked blocks in `[from, to)`. A
/// private calendar, or a session type you may not see, answers 404 exactly like an unknown
/// coach.
#[utoipa::path(get, path = "/coaches/{slug}/calendar", tag = "coach page",
    params(("slug" = String, Path, description = "The coach's page address"), CalendarQuery),
    responses(
        (status = 200, body = CalendarView),
        (status = 404, description = "No such coach (or a calendar or type you may not see)", body = ErrorBody),
        (status = 422, description = "A bound or the zone is not acceptable; `fields` names it", body = ErrorBody),
    ),
    security((), ("bearer" = [])))]
pub async fn coaches_calendar(
    State(state): State<AppState>,
    MaybeApiAccount(account): MaybeApiAccount,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(q): ApiQuery<CalendarQuery>,
) -> ApiResult<Json<CalendarView>> {
    let cx = state.ctx();
    let v = visit(cx, account.as_ref(), &slug).await?;
    let input = CalendarInput {
        from: q.from,
        to: q.to,
        time_zone: q.time_zone,
        session_type_id: q.session_type_id,
    };
    let answer = booking_page::calendar(cx, &v, &input).await?;
    let zone = &answer.zone;
    let shown: Vec<PublicSessionType> = answer
        .types
        .iter()
        .filter(|t| input.session_type_id.is_none_or(|id| id == t.id))
        .map(PublicSessionType::from)
        .collect();
    Ok(Json(CalendarView {
        time_zone: zone.name().to_owned(),
        from: rfc3339(answer.from, zone),
        to: rfc3339(answer.to, zone),
        session_types: shown,
        slots: answer
            .slots
            .iter()
            .map(|s| OpenSlotView {
                session_type_id: s.session_type_id,
                start: rfc3339(s.start, zone),
                end: rfc3339(s.end, zone),
                seats_left: s.seats_left,
            })
            .collect(),
        booked: answer
            .busy
            .iter()
            .map(|b| {
                let session_type = match &b.label {
                    BusyLabel::Booked => None,
                    BusyLabel::BookedAs { session_type } => Some(session_type.clone()),
                };
                BookedBlockView {
                    start: rfc3339(b.start, zone),
                    end: rfc3339(b.end, zone),
                    label: busy_label(&b.label),
                    session_type,
                    waitlist_path: b
                        .waitlist
                        .map(|id| crate::app::waitlist::join_path(&v.page.slug, id)),
                }
            })
            .collect(),
        calendar_version: answer.calendar_version,
    }))
}

/// "Booked" or "Booked · Coaching session", in the reader's language (English for the API but
/// when asked with `Coachbook-Language`).
pub fn busy_label(l: &BusyLabel) -> String {
    let tr = crate::app::i18n::Tr::current();
    match l {
        BusyLabel::Booked => tr.t("extra-busy-booked"),
        BusyLabel::BookedAs { session_type } => {
            tr.t1("extra-busy-booked-as", "type", session_type.as_str())
        }
    }
}

/// A booking on a coach's page.
#[derive(Debug, Clone, Deserialize, ToSchema, Default)]
#[serde(rename_all = "camelCase")]
pub struct PublicBookingRequest {
    /// One of the session types you may see.
    pub session_type_id: i64,
    /// One of the open times: RFC 3339 with an offset, or `YYYY-MM-DDTHH:MM` in `timeZone`.
    #[schema(max_length = 64)]
    pub start: String,
    /// Your IANA zone (answers are written in it). Default: your account's, else the coach's.
    #[serde(default)]
    #[schema(max_length = 64)]
    pub time_zone: Option<String>,
    /// Required without an account: your name.
    #[serde(default)]
    #[schema(max_length = 100)]
    pub name: String,
    /// Required without an account: where the confirmation goes.
    #[serde(default)]
    #[schema(max_length = 254)]
    pub email: String,
    /// Anything the coach should know.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub notes: String,
}

impl From<PublicBookingRequest> for PublicBookingInput {
    fn from(r: PublicBookingRequest) -> Self {
        Self {
            session_type_id: Some(r.session_type_id),
            start: r.start,
            time_zone: r.time_zone,
            name: r.name,
            email: r.email,
            notes: r.notes,
        }
    }
}

/// A booking made on the page: yours alone to see.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PublicBookingView {
    pub id: i64,
    /// `confirmed`, or `pending` when the coach confirms bookings of this type.
    pub status: String,
    pub session_type_id: i64,
    pub session_type_name: String,
    /// RFC 3339 in `timeZone`.
    pub start: String,
    pub end: String,
    pub time_zone: String,
    pub name: String,
    pub email: String,
    /// Whether it uses one of your package credits.
    pub uses_credit: bool,
    /// Your page for this booking (cancel, reschedule): keep the link.
    pub manage_path: String,
    /// This booking as an iCalendar file, for "Add to calendar".
    pub calendar_path: String,
}

impl PublicBookingView {
    pub fn new(b: &Booked) -> Self {
        let zone: &Zone = &b.zone;
        Self {
            id: b.booking.id,
            status: b.booking.status.as_str().to_owned(),
            session_type_id: b.booking.session_type_id,
            session_type_name: b.booking.session_type_name.clone(),
            start: rfc3339(b.booking.start, zone),
            end: rfc3339(b.booking.end, zone),
            time_zone: zone.name().to_owned(),
            name: b.booking.name.clone(),
            email: b.booking.email.clone(),
            uses_credit: b.uses_credit,
            manage_path: b.manage_path(),
            calendar_path: b.calendar_path(),
        }
    }
}

/// The error body of a refused booking: the usual `error`, with the nearest free times (for
/// `slot_taken`) or the session request page (for `outside_booking_rules`).
#[derive(Debug, Serialize, ToSchema)]
pub struct BookingConflictBody {
    pub error: BookingConflictDetail,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BookingConflictDetail {
    /// `slot_taken` or `outside_booking_rules`.
    pub code: &'static str,
    pub message: String,
    /// For `slot_taken`: up to three open starts of the same type nearest the one asked for.
    pub nearest: Vec<String>,
    /// For `outside_booking_rules`: the page to send a session request for this time instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_path: Option<String>,
    /// For `outside_booking_rules`: `too_little_notice`, `too_far_ahead`, `outside_hours`,
    /// `daily_limit_reached` or `weekly_limit_reached`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
}

pub const SLOT_TAKEN: &str = "That time was just taken";

/// Why a time is outside the rules, for people.
pub fn outside_rules(reason: PolicyReason) -> &'static str {
    match reason {
        PolicyReason::TooLittleNotice => "it is too soon: bookings need more notice",
        PolicyReason::TooFarAhead => "it is further ahead than bookings are taken",
        PolicyReason::OutsideHours => "it is not one of the offered times",
        PolicyReason::DailyLimitReached => "that day is fully booked",
        PolicyReason::WeeklyLimitReached => "that week is fully booked",
    }
}

fn reason_code(reason: PolicyReason) -> &'static str {
    match reason {
        PolicyReason::TooLittleNotice => "too_little_notice",
        PolicyReason::TooFarAhead => "too_far_ahead",
        PolicyReason::OutsideHours => "outside_hours",
        PolicyReason::DailyLimitReached => "daily_limit_reached",
        PolicyReason::WeeklyLimitReached => "weekly_limit_reached",
    }
}

/// A refusal as the API answers it.
pub fn refusal_response(r: &BookRefusal, zone: &Zone) -> Response {
    let (status, detail) = match r {
        BookRefusal::SlotTaken { nearest } => (
            StatusCode::CONFLICT,
            BookingConflictDetail {
                code: "slot_taken",
                message: if nearest.is_empty() {
                    format!("{SLOT_TAKEN}, and no other time is open near it.")
                } else {
                    format!("{SLOT_TAKEN}. The nearest free times are in `nearest`.")
                },
                nearest: nearest.iter().map(|t| rfc3339(*t, zone)).collect(),
                request_path: None,
                reason: None,
            },
        ),
        BookRefusal::OutsideRules {
            reason,
            request_path,
        } => (
            StatusCode::CONFLICT,
            BookingConflictDetail {
                code: "outside_booking_rules",
                message: format!(
                    "This time cannot be booked directly: {}. You can send a session request for \
                     it instead: {request_path}",
                    outside_rules(*reason)
                ),
                nearest: Vec::new(),
                request_path: Some(request_path.clone()),
                reason: Some(reason_code(*reason)),
            },
        ),
        BookRefusal::Denied(d) => {
            let (status, code) = match d {
                Denied::SignIn => (StatusCode::UNAUTHORIZED, "sign_in_required"),
                _ => (StatusCode::FORBIDDEN, "clients_only"),
            };
            return Public::new(status, code, d.message()).into_json();
        }
    };
    (status, Json(BookingConflictBody { error: detail })).into_response()
}

/// Book an open time on a coach's page, as the coach's settings allow: a connected client as
/// themselves (using a package credit for the type when they have one), a registered user as
/// their account, a visitor with `name` and `email`. Inside the coach's booking rules it is
/// `confirmed` (or `pending` when the type needs the coach's approval); outside them it answers
/// 409 `outside_booking_rules` with the session request page; a time taken meanwhile answers 409
/// `slot_taken` with the nearest free times. The answer carries the booking's manage link and
/// its `.ics`. Limited per address and per email (429).
#[utoipa::path(post, path = "/coaches/{slug}/bookings", tag = "coach page",
    params(("slug" = String, Path, description = "The coach's page address")),
    request_body = PublicBookingRequest,
    responses(
        (status = 201, body = PublicBookingView),
        (status = 401, description = "`sign_in_required`: this coach takes bookings from people with an account", body = ErrorBody),
        (status = 403, description = "`clients_only`: only the coach's connected clients book online", body = ErrorBody),
        (status = 404, description = "No such coach (or a calendar you may not see)", body = ErrorBody),
        (status = 409, description = "`slot_taken` (with `nearest`) or `outside_booking_rules` (with `requestPath`)", body = BookingConflictBody),
        (status = 422, description = "A field is invalid; `fields` names each", body = ErrorBody),
        (status = 429, description = "Too many bookings from this address or for this email; `Retry-After` says when to try again", body = ErrorBody),
    ),
    security((), ("bearer" = [])))]
pub async fn coaches_book(
    State(state): State<AppState>,
    MaybeApiAccount(account): MaybeApiAccount,
    ClientAddr(addr): ClientAddr,
    ApiPath(slug): ApiPath<String>,
    ApiJson(req): ApiJson<PublicBookingRequest>,
) -> ApiResult<Response> {
    let cx = state.ctx();
    let v = visit(cx, account.as_ref(), &slug).await?;
    let email = account
        .as_ref()
        .map_or_else(|| req.email.clone(), |a| a.email.clone());
    let admitted = state
        .forms()
        .admit(cx, PublicForm::Book(v.page.coach_id), addr, &email)
        .await?;
    let input = PublicBookingInput::from(req);
    match booking_page::book(cx, &v, &input).await {
        Ok(Ok(booked)) => {
            Ok((StatusCode::CREATED, Json(PublicBookingView::new(&booked))).into_response())
        }
        Ok(Err(refusal)) => {
            if matches!(refusal, BookRefusal::Denied(_)) {
                admitted.give_back(cx).await?;
            }
            let zone = booking_page::viewer_zone(&v, input.time_zone.as_deref())
                .unwrap_or_else(|_| v.page.zone.clone());
            Ok(refusal_response(&refusal, &zone))
        }
        Err(e @ (AppError::Invalid(_) | AppError::Malformed(_) | AppError::NotFound(_))) => {
            admitted.give_back(cx).await?;
            Err(e.into())
        }
        Err(e) => Err(e.into()),
    }
}
