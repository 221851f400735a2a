//! The coach's Bookings page: every booking with filters and search, quick status actions, and the
//! BookSessionModal (a `<dialog>` with JavaScript, the `/admin/bookings/new` page without).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use coachbook_core::booking::BookingAction;
use jiff::Timestamp;
use serde::Deserialize;
use tower_sessions::Session;

use super::{form_errors, render, set_notice, FieldErrors, Shell};
use crate::app::accounts::Account;
use crate::app::availability::zone;
use crate::app::bookings::{self, BookingView, ListQuery, NewBookingRequest};
use crate::app::session_types::{self, SessionType};
use crate::app::AppError;
use crate::store::clients;
use crate::web::assets::asset_url;
use crate::web::error::{PageError, PageResult};
use crate::web::extract::{PageCoach, PageForm};
use crate::web::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/bookings", get(list_get).post(create_post))
        .route("/admin/bookings/new", get(new_get))
        .route("/admin/bookings/{id}/status", post(status_post))
}

const PAGE: &str = "/admin/bookings";

/// The list's filters as typed in the query string; all optional.
#[derive(Debug, Deserialize, Default, Clone)]
#[serde(default)]
pub struct Filters {
    pub when: String,
    pub status: String,
    #[serde(rename = "type")]
    pub session_type: String,
    pub client: String,
    pub from: String,
    pub to: String,
    pub q: String,
}

impl Filters {
    fn is_filtered(&self) -> bool {
        !(self.status.is_empty()
            && self.session_type.is_empty()
            && self.client.is_empty()
            && self.from.is_empty()
            && self.to.is_empty()
            && self.q.is_empty()
            && matches!(self.when.as_str(), "" | "upcoming"))
    }

    /// The API query, with dates read in the coach's zone.
    fn to_query(&self, tz_name: &str) -> ListQuery {
        let tz = zone(tz_name);
        let day = |raw: &str, next: bool| -> Option<String> {
            let date = raw.trim().parse::<jiff::civil::Date>().ok()?;
            let date = if next { date.tomorrow().ok()? } else { date };
            let ts = date.to_zoned(tz.clone()).ok()?.timestamp();
            Some(ts.to_string())
        };
        let now = Timestamp::now().to_string();
        let (mut from, mut to) = (day(&self.from, false), day(&self.to, true));
        match self.when.as_str() {
            "past" => to = to.or(Some(now)),
            "all" => {}
            _ => from = from.or(Some(now)),
        }
        ListQuery {
            status: Some(self.status.clone()).filter(|s| !s.is_empty()),
            session_type_id: self.session_type.parse().ok(),
            client_id: self.client.parse().ok(),
            from,
            to,
            q: Some(self.q.clone()).filter(|s| !s.trim().is_empty()),
        }
    }
}

/// One booking as the list shows it.
pub struct Row {
    pub b: BookingView,
    /// e.g. "Mon 8 Mar 2027".
    pub day: String,
    /// e.g. "09:00–10:00".
    pub time: String,
    pub started: bool,
}

fn row(b: BookingView) -> Row {
    let parse = |s: &str| s.parse::<Timestamp>().ok();
    let tz = zone(&b.time_zone);
    let (start, end) = (parse(&b.start), parse(&b.end));
    let local = |t: Option<Timestamp>, f: &str| {
        t.map(|t| t.to_zoned(tz.clone()).strftime(f).to_string())
            .unwrap_or_default()
    };
    Row {
        day: local(start, "%a %-d %b %Y"),
        time: format!("{}–{}", local(start, "%H:%M"), local(end, "%H:%M")),
        started: start.is_some_and(|s| s <= Timestamp::now()),
        b,
    }
}

/// The BookSessionModal's fields as a form posts them (also the no-JS page).
#[derive(Debug, Deserialize, Default, Clone)]
#[serde(rename_all = "camelCase", default)]
pub struct BookingForm {
    pub session_type_id: String,
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    pub name: String,
    pub email: String,
    pub meeting_url: String,
    pub notes: String,
    pub override_availability: Option<String>,
    pub application_id: String,
}

impl BookingForm {
    fn request(&self) -> NewBookingRequest {
        NewBookingRequest {
            date: self.date.clone(),
            start_time: self.start_time.clone(),
            end_time: self.end_time.clone(),
            name: self.name.clone(),
            email: self.email.clone(),
            meeting_url: self.meeting_url.trim().to_owned(),
            notes: self.notes.clone(),
            override_availability: self.override_availability.is_some(),
            application_id: self.application_id.trim().parse().ok(),
            session_type_id: if self.session_type_id.trim().is_empty() {
                0
            } else {
                self.session_type_id.trim().parse().unwrap_or(-1)
            },
            ..NewBookingRequest::default()
        }
    }
}

/// What the modal needs wherever it is included.
pub struct Modal {
    pub types: Vec<SessionType>,
    pub form: BookingForm,
    pub errors: FieldErrors,
    /// A conflict or outside-hours message from the last attempt (no-JS path).
    pub problem: Option<String>,
    pub outside_hours: bool,
    pub script: String,
    pub time_zone: String,
}

impl Modal {
    pub async fn new(state: &AppState, coach: &Account) -> PageResult<Self> {
        let types = session_types::list(state.db(), coach.coach_id.unwrap_or_default(), false)
            .await
            .map_err(PageError)?;
        let form = BookingForm {
            session_type_id: types.first().map(|t| t.id.to_string()).unwrap_or_default(),
            ..BookingForm::default()
        };
        Ok(Self {
            types,
            form,
            errors: FieldErrors::default(),
            problem: None,
            outside_hours: false,
            script: asset_url("book_session.js"),
            time_zone: coach.time_zone.clone(),
        })
    }
}

#[derive(Template)]
#[template(path = "pages/bookings.html")]
struct BookingsPage {
    shell: Shell,
    rows: Vec<Row>,
    /// (id, name) of the coach's clients, for the filter.
    clients: Vec<(i64, String)>,
    filters: Filters,
    filtered: bool,
    filter_error: Option<String>,
    modal: Modal,
}

#[derive(Template)]
#[template(path = "pages/booking_new.html")]
struct NewBookingPage {
    shell: Shell,
    modal: Modal,
}

async fn list_get(
    State(state): State<AppState>,
    PageCoach(coach): PageCoach,
    session: Session,
    Query(filters): Query<Filters>,
) -> PageResult<Response> {
    let (rows, filter_error) =
        match bookings::list(state.db(), &coach, &filters.to_query(&coach.time_zone)).await {
            Ok(list) => {
                let mut rows: Vec<Row> = list.into_iter().map(row).collect();
                if filters.when == "past" {
                    rows.reverse();
                }
                (rows, None)
            }
            Err(AppError::Invalid(errors)) => {
                (Vec::new(), errors.first().map(|e| e.message.clone()))
            }
            Err(e) => return Err(PageError(e)),
        };
    let page = BookingsPage {
        shell: Shell::signed_in("Bookings", &coach, PAGE, &session).await,
        rows,
        clients: clients::list(
            state.db().pool(),
            coach.coach_id.unwrap_or_default(),
            None,
            true,
        )
        .await
        .map_err(|e| PageError(e.into()))?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect(),
        filtered: filters.is_filtered(),
        filters,
        filter_error,
        modal: Modal::new(&state, &coach).await?,
    };
    render(StatusCode::OK, &page)
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct Prefill {
    name: String,
    email: String,
    session_type_id: String,
    date: String,
    application_id: String,
}

async fn new_get(
    State(state): State<AppState>,
    PageCoach(coach): PageCoach,
    session: Session,
    Query(prefill): Query<Prefill>,
) -> PageResult<Response> {
    let mut modal = Modal::new(&state, &coach).await?;
    modal.form.name = prefill.name;
    modal.form.email = prefill.email;
    modal.form.date = prefill.date;
    if let Ok(id) = prefill.application_id.trim().parse::<i64>() {
        modal.form.application_id = id.to_string();
        // A discovery call is of the coach's discovery type, when there is one.
        if let Some(t) = modal.types.iter().find(|t| t.kind == "discovery") {
            modal.form.session_type_id = t.id.to_string();
        }
    }
    if !prefill.session_type_id.is_empty() {
        modal.form.session_type_id = prefill.session_type_id;
    }
    let page = NewBookingPage {
        shell: Shell::signed_in("New booking", &coach, PAGE, &session).await,
        modal,
    };
    render(StatusCode::OK, &page)
}

async fn create_post(
    State(state): State<AppState>,
    PageCoach(coach): PageCoach,
    session: Session,
    PageForm(form): PageForm<BookingForm>,
) -> PageResult<Response> {
    let problem = match bookings::create(state.db(), &coach, &form.request(), None).await {
        Ok(bookings::Created::New(b)) => {
            let r = row(b);
            set_notice(
                &session,
                &format!("Booked {} on {}, {}.", r.b.name, r.day, r.time),
            )
            .await;
            return Ok(Redirect::to(PAGE).into_response());
        }
        Ok(bookings::Created::Replayed { .. }) => {
            return Ok(Redirect::to(PAGE).into_response());
        }
        Err(AppError::Conflict(m)) => (FieldErrors::default(), Some(m), false),
        Err(AppError::OutsideAvailability(m)) => (FieldErrors::default(), Some(m), true),
        Err(e) => (form_errors(e)?, None, false),
    };
    let mut modal = Modal::new(&state, &coach).await?;
    modal.form = form;
    (modal.errors, modal.problem, modal.outside_hours) = problem;
    let page = NewBookingPage {
        shell: Shell::signed_in("New booking", &coach, PAGE, &session).await,
        modal,
    };
    let status = if page.modal.problem.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render(status, &page)
}

/// A path on this site to go back to, or the bookings page.
pub fn safe_next(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next
    } else {
        PAGE
    }
}

/// A quick action from a list row: confirm, cancel (with an optional reason), complete or no-show.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
struct StatusForm {
    action: String,
    reason: String,
    /// "on": waive the package credit a late cancellation or no-show would use.
    waive: Option<String>,
    /// Where to go back to (a path on this site), so filters survive the action.
    next: String,
}

async fn status_post(
    State(state): State<AppState>,
    PageCoach(coach): PageCoach,
    session: Session,
    Path(id): Path<i64>,
    PageForm(form): PageForm<StatusForm>,
) -> PageResult<Response> {
    if form.action == "waive" {
        match bookings::waive_credit(state.db(), &coach, id).await {
            Ok(b) => set_notice(&session, &format!("{}'s credit is given back.", b.name)).await,
            Err(AppError::Conflict(m)) => set_notice(&session, &m).await,
            Err(e) => return Err(PageError(e)),
        }
        return Ok(Redirect::to(safe_next(&form.next)).into_response());
    }
    let action = match form.action.as_str() {
        "confirm" => BookingAction::Confirm,
        "cancel" => BookingAction::Cancel,
        "complete" => BookingAction::Complete,
        "no_show" => BookingAction::MarkNoShow,
        _ => {
            return Err(PageError(AppError::invalid(
                "action",
                "Choose confirm, cancel, complete or no-show.",
            )))
        }
    };
    let next = safe_next(&form.next);
    match bookings::change_status(
        state.db(),
        &coach,
        id,
        action,
        &form.reason,
        form.waive.is_some(),
    )
    .await
    {
        Ok(b) => {
            let what = match b.status.as_str() {
                "confirmed" => "confirmed",
                "cancelled" => "cancelled",
                "completed" => "marked completed",
                _ => "marked as a no-show",
            };
            set_notice(&session, &format!("{}'s booking is {what}.", b.name)).await;
        }
        Err(AppError::Conflict(m)) => set_notice(&session, &m).await,
        Err(e) => return Err(PageError(e)),
    }
    Ok(Redirect::to(next).into_response())
}
