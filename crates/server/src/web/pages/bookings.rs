//! The coach's Bookings page: every booking with filters and search, quick status actions, and the
//! BookSessionModal (a `<dialog>` with JavaScript, the `/admin/bookings/new` page without).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use coachbook_core::availability::HoursReason;
use coachbook_core::booking::{AllowedActions, BookingAction, BookingStatus};
use coachbook_core::credit::{self, CreditKind, CreditState};
use coachbook_core::policy::{can_cancel_free, BookingPolicy};
use coachbook_core::practice::EnrolmentStatus;
use coachbook_core::time::{resolve_wall, Fold, Zone};
use coachbook_core::validate;
use coachbook_core::validate::InvalidInput;
use jiff::Timestamp;
use serde::Deserialize;
use tower_sessions::Session;

use super::{form_errors, refusal_notice, render, set_notice, FieldErrors, Shell, Tr};
use crate::app::accounts::Coach;
use crate::app::availability;
use crate::app::bookings::{self, Booking, BookingInput, ListFilter, TimeInput};
use crate::app::clients::{self, ClientQuery, Enrolment};
use crate::app::i18n::{msg, Arg};
use crate::app::session_types::{self, SessionType};
use crate::app::{AppError, Refusal};
use crate::web::assets::asset_url;
use crate::web::error::{PageError, PageResult};
use crate::web::extract::{PageCoach, PageForm};
use crate::web::AppState;
use crate::web::{dates, words};

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

    /// The list's filter, with dates read in the coach's zone (a "to" date includes its day).
    fn to_filter(&self, zone: &Zone, now: Timestamp) -> Result<ListFilter, AppError> {
        let mut c = crate::app::Checker::default();
        let status = match self.status.trim() {
            "" => None,
            raw => c.check(
                BookingStatus::parse(raw)
                    .map_err(|e| validate::InvalidInput::new("status", e.to_string())),
            ),
        };
        let mut day = |field: &'static str, raw: &str, next: bool| -> Option<Timestamp> {
            if raw.trim().is_empty() {
                return None;
            }
            let date = c.check(validate::date(field, raw))?;
            let date = if next { date.tomorrow().ok()? } else { date };
            resolve_wall(
                zone.tz(),
                date.to_datetime(jiff::civil::Time::midnight()),
                Fold::Earlier,
            )
            .map(|r| r.instant)
        };
        let (mut from, mut to) = (day("from", &self.from, false), day("to", &self.to, true));
        c.finish()?;
        match self.when.as_str() {
            "past" => to = to.or(Some(now)),
            "all" => {}
            _ => from = from.or(Some(now)),
        }
        Ok(ListFilter {
            status,
            session_type_id: self.session_type.parse().ok(),
            client_id: self.client.parse().ok(),
            from,
            to,
            search: Some(self.q.clone()).filter(|s| !s.trim().is_empty()),
        })
    }
}

/// One booking as a list shows it (the Bookings page, a client's Sessions tab).
pub struct Row {
    pub b: Booking,
    /// e.g. "Mon 8 Mar 2027".
    pub day: String,
    /// e.g. "09:00–10:00".
    pub time: String,
    /// What the coach can do with it now.
    pub actions: AllowedActions,
    /// What each action does to the package credit, in words.
    pub effects: Effects,
    /// Whether it can still be edited and moved (pending or confirmed, not started).
    pub editable: bool,
}

/// What a status action does to the booking's package credit, said beside the action; empty
/// when the booking uses no package.
#[derive(Default)]
pub struct Effects {
    pub confirm: String,
    pub cancel: String,
    pub outcome: String,
}

/// The credit effects of the actions on `b` at `now`, decided by the core's credit rules.
fn effects(b: &Booking, policy: &BookingPolicy, now: Timestamp) -> Effects {
    let Some(package) = b.package_name.as_deref() else {
        return Effects::default();
    };
    let tr = Tr::current();
    let say = |to: BookingStatus| -> String {
        let in_time = can_cancel_free(policy, b.start, now);
        match credit::settle(b.credit, to, in_time) {
            Some(CreditKind::Release) => tr.t1("bookings-credit-back", "package", package),
            Some(CreditKind::Use) if to == BookingStatus::Cancelled => {
                tr.t1("bookings-credit-late", "package", package)
            }
            Some(CreditKind::Use) => tr.t1("bookings-credit-uses", "package", package),
            _ => match b.credit {
                Some(CreditState::Held) => tr.t1("bookings-credit-held", "package", package),
                _ => String::new(),
            },
        }
    };
    Effects {
        confirm: say(BookingStatus::Confirmed),
        cancel: say(BookingStatus::Cancelled),
        outcome: say(BookingStatus::Completed),
    }
}

impl Row {
    /// Whose booking and when ("Maya Chen, Mon 8 Mar 2027 09:00–10:00"), which screen readers
    /// hear after a row's buttons.
    pub fn which(&self, tr: &Tr) -> String {
        tr.args("bookings-row-which", &self.which_args())
    }

    /// "of Maya Chen, Mon 8 Mar 2027 09:00–10:00", after the notes button.
    pub fn of_which(&self, tr: &Tr) -> String {
        tr.args("bookings-row-of-which", &self.which_args())
    }

    fn which_args(&self) -> [(&'static str, Arg<'_>); 3] {
        [
            ("name", self.b.name.as_str().into()),
            ("day", self.day.as_str().into()),
            ("time", self.time.as_str().into()),
        ]
    }
}

pub fn row(b: Booking, zone: &Zone, policy: &BookingPolicy, now: Timestamp) -> Row {
    Row {
        day: dates::day(b.start, zone),
        time: dates::time_range(b.start, b.end, zone),
        actions: b.actions(now),
        effects: effects(&b, policy, now),
        editable: b.status.is_live() && b.start > now,
        b,
    }
}

/// The BookSessionModal's fields as a form posts them (also the no-JS page).
#[derive(Debug, Deserialize, Default, Clone)]
#[serde(rename_all = "camelCase", default)]
pub struct BookingForm {
    /// The template the modal's "From template" picker chose (it fills capacity and price).
    pub template_id: String,
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
    /// The client booked (from their page), and the package whose credit the session holds.
    pub client_id: String,
    pub coaching_package_id: String,
    /// `earlier` or `later`, for a time the clocks show twice.
    pub fold: String,
}

impl BookingForm {
    fn request(&self) -> BookingInput {
        BookingInput {
            when: TimeInput {
                date: self.date.clone(),
                start_time: self.start_time.clone(),
                end_time: self.end_time.clone(),
                fold: Some(self.fold.clone()).filter(|f| !f.trim().is_empty()),
                ..TimeInput::default()
            },
            name: self.name.clone(),
            email: self.email.clone(),
            meeting_url: self.meeting_url.trim().to_owned(),
            notes: self.notes.clone(),
            override_hours: self.override_availability.is_some(),
            application_id: self.application_id.trim().parse().ok(),
            client_id: self.client_id.trim().parse().ok(),
            package_id: self.coaching_package_id.trim().parse().ok(),
            template_id: self.template_id.trim().parse().ok(),
            // An unreadable id is no id of the coach's: the use case says so beside the field.
            session_type_id: match self.session_type_id.trim() {
                "" => None,
                raw => Some(raw.parse().unwrap_or(-1)),
            },
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
    /// The label of the checkbox that books anyway, for the reason the time was refused.
    pub override_label: String,
    pub script: String,
    pub time_zone: String,
    /// Without JavaScript, a client chosen on their page: "Maya Patel (maya@…)".
    pub client_label: Option<String>,
    /// That client's usable enrolments, to hold a credit of.
    pub packages: Vec<Enrolment>,
}

impl Modal {
    pub async fn new(state: &AppState, coach: &Coach) -> PageResult<Self> {
        let types = session_types::list(state.ctx(), coach, false)
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
            override_label: override_label(HoursReason::OutsideHours),
            script: asset_url("book_session.js"),
            time_zone: coach.zone.name().to_owned(),
            client_label: None,
            packages: Vec::new(),
        })
    }

    /// Fills in the client named by `form.client_id` (their name, email and usable packages),
    /// keeping a package already chosen, else the first with credits left.
    async fn with_client(&mut self, state: &AppState, coach: &Coach) -> PageResult<()> {
        let Ok(id) = self.form.client_id.trim().parse::<i64>() else {
            self.form.client_id.clear();
            return Ok(());
        };
        let client = match clients::get(state.ctx(), coach, id).await {
            Ok(c) => c,
            Err(AppError::NotFound(_)) => {
                self.form.client_id.clear();
                return Ok(());
            }
            Err(e) => return Err(PageError(e)),
        };
        if self.form.name.trim().is_empty() {
            self.form.name = client.client.name.clone();
        }
        if self.form.email.trim().is_empty() {
            self.form.email = client.client.email.clone();
        }
        self.client_label = Some(format!("{} ({})", client.client.name, client.client.email));
        self.packages = client
            .enrolments
            .into_iter()
            .filter(|e| e.status == EnrolmentStatus::Active && !e.expired)
            .collect();
        let chosen = self.form.coaching_package_id.trim().to_owned();
        let keep = self
            .packages
            .iter()
            .find(|e| e.package_id.to_string() == chosen)
            .or_else(|| self.packages.iter().find(|e| e.credits_remaining > 0));
        if let Some(e) = keep {
            self.form.coaching_package_id = e.package_id.to_string();
            if let Some(t) = e.session_type_id {
                self.form.session_type_id = t.to_string();
            }
        } else {
            self.form.coaching_package_id.clear();
        }
        Ok(())
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
    /// Where a row's actions return to: this list with its filters.
    next: String,
    /// Rows name the person (a client's own tab does not).
    client_tab: bool,
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
    let now = state.clock().now();
    let listed = match filters.to_filter(&coach.zone, now) {
        Ok(filter) => bookings::list(state.ctx(), &coach, &filter).await,
        Err(e) => Err(e),
    };
    let policy = availability::policy(state.ctx(), &coach).await?;
    let (rows, filter_error) = match listed {
        Ok(list) => {
            let mut rows: Vec<Row> = list
                .into_iter()
                .map(|b| row(b, &coach.zone, &policy, now))
                .collect();
            if filters.when == "past" {
                rows.reverse();
            }
            (rows, None)
        }
        Err(AppError::Invalid(errors)) => {
            (Vec::new(), errors.first().map(|e| Tr::current().invalid(e)))
        }
        Err(e) => return Err(PageError(e)),
    };
    let page = BookingsPage {
        shell: Shell::for_coach(Tr::current().t("bookings-title"), &coach, PAGE, &session).await,
        rows,
        clients: clients::list(
            state.ctx(),
            &coach,
            &ClientQuery {
                q: None,
                include_archived: true,
            },
        )
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect(),
        filtered: filters.is_filtered(),
        next: list_path(&filters),
        client_tab: false,
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
    client_id: String,
    package_id: String,
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
        if let Some(t) = modal
            .types
            .iter()
            .find(|t| t.kind == coachbook_core::booking::SessionKind::Discovery)
        {
            modal.form.session_type_id = t.id.to_string();
        }
    }
    modal.form.client_id = prefill.client_id;
    modal.form.coaching_package_id = prefill.package_id;
    modal.with_client(&state, &coach).await?;
    if !prefill.session_type_id.is_empty() {
        modal.form.session_type_id = prefill.session_type_id;
    }
    let page = NewBookingPage {
        shell: Shell::for_coach(Tr::current().t("booking-form-new"), &coach, PAGE, &session).await,
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
    let problem = match bookings::create(state.ctx(), &coach, &form.request(), None).await {
        Ok(bookings::Created::New { booking, notices }) => {
            let r = &booking;
            let (day, time) = (
                dates::day(r.start, &coach.zone),
                dates::time_range(r.start, r.end, &coach.zone),
            );
            let mut message = Tr::current().args(
                "booking-form-booked",
                &[
                    ("name", r.name.as_str().into()),
                    ("day", day.into()),
                    ("time", time.into()),
                ],
            );
            for n in &notices {
                message.push(' ');
                message.push_str(&words::notice(n));
            }
            set_notice(&session, &message).await;
            return Ok(Redirect::to(PAGE).into_response());
        }
        Ok(bookings::Created::Replayed { .. }) => {
            return Ok(Redirect::to(PAGE).into_response());
        }
        Err(AppError::Refused(r)) => (
            FieldErrors::default(),
            Some(words::refusal_on_page(&r)),
            match r {
                Refusal::OutsideHours(reason) => Some(reason),
                _ => None,
            },
        ),
        Err(e) => (form_errors(e)?, None, None),
    };
    let mut modal = Modal::new(&state, &coach).await?;
    let session_type_id = form.session_type_id.clone();
    modal.form = form;
    modal.with_client(&state, &coach).await?;
    // What was sent wins over the package's type.
    modal.form.session_type_id = session_type_id;
    let reason;
    (modal.errors, modal.problem, reason) = problem;
    if let Some(reason) = reason {
        modal.outside_hours = true;
        modal.override_label = override_label(reason);
    }
    let page = NewBookingPage {
        shell: Shell::for_coach(Tr::current().t("booking-form-new"), &coach, PAGE, &session).await,
        modal,
    };
    let status = if page.modal.problem.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render(status, &page)
}

/// The label of the checkbox that books despite `reason`, in the page's language.
pub(super) fn override_label(reason: HoursReason) -> String {
    Tr::current().t(match reason {
        HoursReason::InThePast => msg("booking-form-override-past"),
        HoursReason::TooFarAhead => msg("booking-form-override-horizon"),
        HoursReason::OutsideHours => msg("booking-form-override-hours"),
    })
}

/// The list's own address with its filters, to come back to after an action.
fn list_path(f: &Filters) -> String {
    let pairs = [
        ("when", &f.when),
        ("status", &f.status),
        ("type", &f.session_type),
        ("client", &f.client),
        ("from", &f.from),
        ("to", &f.to),
        ("q", &f.q),
    ];
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
        query.append_pair(k, v);
    }
    let query = query.finish();
    if query.is_empty() {
        PAGE.to_owned()
    } else {
        format!("{PAGE}?{query}")
    }
}

/// A path on this site to go back to, or the bookings page.
pub fn safe_next(next: &str) -> &str {
    super::local_path(next).unwrap_or(PAGE)
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
        match bookings::waive_credit(state.ctx(), &coach, id).await {
            Ok(b) => {
                let notice = Tr::current().t1("bookings-waived", "name", &b.name);
                set_notice(&session, &notice).await
            }
            Err(e) => set_notice(&session, &refusal_notice(e)?).await,
        }
        return Ok(Redirect::to(safe_next(&form.next)).into_response());
    }
    let action = match form.action.as_str() {
        "confirm" => BookingAction::Confirm,
        "cancel" => BookingAction::Cancel,
        "complete" => BookingAction::Complete,
        "no_show" => BookingAction::MarkNoShow,
        _ => {
            return Err(PageError(AppError::from(
                InvalidInput::new("action", "Choose confirm, cancel, complete or no-show.")
                    .key("validate-choose-confirm-cancel-complete"),
            )))
        }
    };
    let next = safe_next(&form.next);
    match bookings::change_status(
        state.ctx(),
        &coach,
        id,
        action,
        &form.reason,
        form.waive.is_some(),
    )
    .await
    {
        Ok(b) => {
            let id = match b.status {
                BookingStatus::Confirmed => msg("bookings-now-confirmed"),
                BookingStatus::Cancelled => msg("bookings-now-cancelled"),
                BookingStatus::Completed => msg("bookings-now-completed"),
                _ => msg("bookings-now-no-show"),
            };
            set_notice(&session, &Tr::current().t1(id, "name", &b.name)).await;
        }
        Err(e) => set_notice(&session, &refusal_notice(e)?).await,
    }
    Ok(Redirect::to(next).into_response())
}
