//! The coach's Clients pages: the list with search and a form to add one, and a client's page
//! with tabs (overview, sessions, package credits, notes).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use coachbook_core::validate::InvalidInput;
use serde::Deserialize;
use tower_sessions::Session;

use super::bookings::Row;
use super::{form_errors, render, set_notice, FieldErrors, Shell, Tr};
use crate::app::accounts::Coach;
use crate::app::availability;
use crate::app::bookings::{self, Booking, ListFilter};
use crate::app::clients::{
    self, Client, ClientDetail, ClientQuery, CreditEntry, NewClient, NewEnrolmentRequest,
    UpcomingSessions,
};
use crate::app::i18n::msg;
use crate::app::packages::{self, Package};
use crate::app::{AppError, Refusal};
use crate::web::error::PageResult;
use crate::web::extract::{PageCoach, PageForm};
use crate::web::{dates, words, AppState};
use coachbook_core::practice::ClientStatus;
use coachbook_core::time::Zone;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/clients", get(list_get).post(create_post))
        .route("/admin/clients/{id}", get(detail_get).post(details_post))
        .route("/admin/clients/{id}/notes", post(notes_post))
        .route(
            "/admin/clients/{id}/prices",
            post(super::client_money::price_post),
        )
        .route(
            "/admin/clients/{id}/prices/{session_type_id}/delete",
            post(super::client_money::price_delete_post),
        )
        .route("/admin/clients/{id}/enrolments", post(enrol_post))
}

const PAGE: &str = "/admin/clients";

#[derive(Deserialize, Default, Clone)]
#[serde(rename_all = "camelCase", default)]
pub struct ClientForm {
    name: String,
    email: String,
    phone: String,
    notes: String,
    status: String,
    /// When archiving a client with upcoming sessions: `keep` or `cancel` them.
    upcoming: String,
    /// The reason the client sees when their sessions are cancelled.
    cancel_reason: String,
}

impl ClientForm {
    fn to_new(&self) -> NewClient {
        NewClient {
            name: self.name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            notes: self.notes.clone(),
            status: Some(if self.status.is_empty() {
                "active".to_owned()
            } else {
                self.status.clone()
            }),
        }
    }

    fn from_client(c: &Client) -> Self {
        Self {
            name: c.name.clone(),
            email: c.email.clone(),
            phone: c.phone.clone(),
            notes: c.notes.clone(),
            status: c.status.to_string(),
            upcoming: String::new(),
            cancel_reason: String::new(),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    q: String,
    archived: String,
}

#[derive(Template)]
#[template(path = "pages/clients.html")]
struct ListPage {
    shell: Shell,
    clients: Vec<Client>,
    q: String,
    include_archived: bool,
    form: ClientForm,
    errors: FieldErrors,
}

async fn list_page(
    state: &AppState,
    session: &Session,
    coach: &Coach,
    query: ListQuery,
    form: Option<(ClientForm, FieldErrors)>,
) -> PageResult<Response> {
    let shell = Shell::for_coach(Tr::current().t("clients-title"), coach, PAGE, session).await;
    let include_archived = !query.archived.is_empty();
    let clients = clients::list(
        state.ctx(),
        coach,
        &ClientQuery {
            q: Some(query.q.clone()),
            include_archived,
        },
    )
    .await?;
    let status = if form.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let (form, errors) = form.unwrap_or_default();
    render(
        status,
        &ListPage {
            shell,
            clients,
            q: query.q,
            include_archived,
            form,
            errors,
        },
    )
}

async fn list_get(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Query(query): Query<ListQuery>,
) -> PageResult<Response> {
    list_page(&state, &session, &coach, query, None).await
}

/// The add form's errors in the page's language: the use case says them in English, so each known
/// message of a field is looked up by what it says; one it does not know stays as it is.
fn add_form_errors(mut errors: FieldErrors) -> FieldErrors {
    const KNOWN: &[(&str, &str, &str)] = &[
        ("name", "Enter a name.", msg("clients-error-name-empty")),
        (
            "name",
            "Use at most 100 characters for the name.",
            msg("clients-error-name-long"),
        ),
        (
            "name",
            "The name must not contain control characters.",
            msg("clients-error-name-control"),
        ),
        (
            "email",
            "Enter an email address.",
            msg("clients-error-email-empty"),
        ),
        (
            "email",
            "Enter an email address like name@example.com.",
            msg("clients-error-email-bad"),
        ),
        (
            "email",
            "Use an email address of at most 254 characters.",
            msg("clients-error-email-long"),
        ),
        (
            "email",
            "You already have a client with this email address.",
            msg("clients-error-email-taken"),
        ),
        (
            "phone",
            "Use digits, spaces and + - ( ) only, at most 40 characters.",
            msg("clients-error-phone"),
        ),
        (
            "notes",
            "Use at most 10000 characters.",
            msg("clients-error-notes-long"),
        ),
        (
            "notes",
            "Remove the control characters from this text.",
            msg("clients-error-notes-control"),
        ),
    ];
    let tr = Tr::current();
    for e in &mut errors.0 {
        if let Some((_, _, id)) = KNOWN
            .iter()
            .find(|(field, english, _)| e.field == *field && e.message == *english)
        {
            e.message = tr.t(id);
        }
    }
    errors
}

async fn create_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    PageForm(form): PageForm<ClientForm>,
) -> PageResult<Response> {
    match clients::create(state.ctx(), &coach, &form.to_new()).await {
        Ok(created) => {
            let notice = Tr::current().t1("clients-added", "name", &created.client.name);
            set_notice(&session, &notice).await;
            Ok(Redirect::to(&format!("{PAGE}/{}", created.client.id)).into_response())
        }
        Err(e) => {
            let errors = add_form_errors(form_errors(e)?);
            list_page(
                &state,
                &session,
                &coach,
                ListQuery::default(),
                Some((form, errors)),
            )
            .await
        }
    }
}

/// The tabs of a client's page, as links (`?tab=`), so each works without scripts: (key, message
/// id of the label).
const TABS: &[(&str, &str)] = &[
    ("overview", "cdetail-tab-overview"),
    ("sessions", "cdetail-tab-sessions"),
    ("credits", "cdetail-tab-credits"),
    ("notes", "cdetail-tab-notes"),
    ("payments", "cdetail-tab-payments"),
];

#[derive(Deserialize, Default)]
#[serde(default)]
struct DetailQuery {
    tab: String,
}

#[derive(Template)]
#[template(path = "pages/client_detail.html")]
struct DetailPage {
    shell: Shell,
    detail: ClientDetail,
    tab: &'static str,
    tabs: &'static [(&'static str, &'static str)],
    packages: Vec<Package>,
    upcoming: Vec<Row>,
    past: Vec<Row>,
    /// Where a session row's actions return to.
    next: String,
    /// Rows sit on the client's own page and do not name them.
    client_tab: bool,
    /// Archiving asked first: the upcoming sessions it would leave, as rows.
    archive_question: Option<Vec<Row>>,
    credits: Vec<CreditEntry>,
    form: ClientForm,
    errors: FieldErrors,
    enrol_package: String,
    enrol_starts_on: String,
    /// The question asked before enrolling the client in a package they already have.
    enrol_question: Option<String>,
    /// The BookSessionModal, on the sessions tab.
    modal: Option<super::bookings::Modal>,
    zone: Zone,
    /// The "Account" card (connected, invitation), on the overview tab.
    account: Option<super::invite::AccountCard>,
    /// Their balance, payments and own prices, on the payments tab.
    money: Option<super::client_money::ClientMoney>,
}

impl DetailPage {
    /// How a payment was made, in the reader's language.
    fn method_label(&self, m: &coachbook_core::pricing::PaymentMethod) -> String {
        self.shell.tr.t(&format!("payments-method-{}", m.as_str()))
    }

    /// The day a payment was made ("2026-12-05" as stored) as the reader writes dates.
    fn paid_on(&self, day: &str) -> String {
        crate::web::dates::date_iso(day)
    }

    /// The package a new booking uses by default: the first active one with credits left.
    fn book_package(&self) -> String {
        self.detail
            .enrolments
            .iter()
            .find(|e| e.status == "active" && e.credits_remaining > 0)
            .map(|e| e.package_id.to_string())
            .unwrap_or_default()
    }

    /// "Mon 7 Dec 2026, 16:00" for an RFC 3339 instant, in the coach's zone.
    fn moment(&self, rfc: &str) -> String {
        dates::day_time_rfc3339(rfc, &self.zone)
    }

    /// A `YYYY-MM-DD` day as every page writes days.
    fn day(raw: &str) -> String {
        dates::date_iso(raw)
    }
}

pub(super) struct DetailInput {
    pub(super) form: Option<ClientForm>,
    pub(super) errors: FieldErrors,
    enrol_package: String,
    enrol_starts_on: String,
    enrol_question: Option<String>,
    /// The upcoming sessions archiving would leave, to ask about.
    archive_question: Option<Vec<Booking>>,
}

pub(super) async fn detail_page(
    state: &AppState,
    session: &Session,
    coach: &Coach,
    id: i64,
    tab: &str,
    input: DetailInput,
) -> PageResult<Response> {
    let detail = clients::get(state.ctx(), coach, id).await?;
    let tab = TABS
        .iter()
        .map(|(t, _)| *t)
        .find(|t| *t == tab)
        .unwrap_or("overview");
    let packages = packages::list(state.ctx(), coach, false).await?;
    let now = state.clock().now();
    let policy = availability::policy(state.ctx(), coach).await?;
    let to_row = |b: Booking| super::bookings::row(b, &coach.zone, &policy, now);
    let (upcoming, past) = if tab == "sessions" {
        let filter = ListFilter {
            client_id: Some(id),
            ..ListFilter::default()
        };
        let (upcoming, mut past): (Vec<Booking>, Vec<Booking>) =
            bookings::list(state.ctx(), coach, &filter)
                .await?
                .into_iter()
                .partition(|b| b.end > now);
        // Soonest first for upcoming; newest first for the past.
        past.reverse();
        (
            upcoming.into_iter().map(to_row).collect(),
            past.into_iter().map(to_row).collect(),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let archive_question = input
        .archive_question
        .map(|list| list.into_iter().map(to_row).collect::<Vec<_>>());
    let credits = if tab == "credits" {
        clients::credits(state.ctx(), coach, id).await?
    } else {
        Vec::new()
    };
    let shell = Shell::for_coach(detail.client.name.clone(), coach, PAGE, session).await;
    let status = if !input.errors.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else if input.enrol_question.is_some() || archive_question.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    let form = input
        .form
        .unwrap_or_else(|| ClientForm::from_client(&detail.client));
    render(
        status,
        &DetailPage {
            shell,
            detail,
            tab,
            tabs: TABS,
            packages,
            upcoming,
            past,
            next: format!("{PAGE}/{id}?tab=sessions"),
            client_tab: true,
            archive_question,
            credits,
            form,
            errors: input.errors,
            enrol_package: input.enrol_package,
            enrol_starts_on: input.enrol_starts_on,
            enrol_question: input.enrol_question,
            modal: if tab == "sessions" {
                Some(super::bookings::Modal::new(state, coach).await?)
            } else {
                None
            },
            zone: coach.zone.clone(),
            money: if tab == "payments" {
                Some(super::client_money::load(state, coach, id).await?)
            } else {
                None
            },
            account: if tab == "overview" {
                Some(super::invite::account_card(state, coach, id).await?)
            } else {
                None
            },
        },
    )
}

pub(super) fn clean_input() -> DetailInput {
    DetailInput {
        form: None,
        errors: FieldErrors::default(),
        enrol_package: String::new(),
        enrol_starts_on: String::new(),
        enrol_question: None,
        archive_question: None,
    }
}

async fn detail_get(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(id): Path<i64>,
    Query(q): Query<DetailQuery>,
) -> PageResult<Response> {
    detail_page(&state, &session, &coach, id, &q.tab, clean_input()).await
}

async fn details_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(id): Path<i64>,
    PageForm(form): PageForm<ClientForm>,
) -> PageResult<Response> {
    // The overview form does not carry notes; keep the ones saved.
    let current = clients::get(state.ctx(), &coach, id).await?;
    let new = NewClient {
        notes: current.client.notes.clone(),
        ..form.to_new()
    };
    let archiving = current.client.status == ClientStatus::Active && form.status == "archived";
    let choice = match form.upcoming.as_str() {
        "keep" => Some(UpcomingSessions::Keep),
        "cancel" => Some(UpcomingSessions::Cancel),
        _ => None,
    };
    if archiving && choice.is_none() {
        // Ask first what becomes of the sessions still ahead, if there are any.
        let ahead = clients::upcoming_sessions(state.ctx(), &coach, id).await?;
        if !ahead.is_empty() {
            let input = DetailInput {
                form: Some(form),
                archive_question: Some(ahead),
                ..clean_input()
            };
            return detail_page(&state, &session, &coach, id, "overview", input).await;
        }
    }
    let reason = if form.cancel_reason.trim().is_empty() {
        "The coach is no longer working with this client."
    } else {
        form.cancel_reason.as_str()
    };
    let saved = clients::update_archiving(
        state.ctx(),
        &coach,
        id,
        &new,
        choice.unwrap_or_default(),
        reason,
    )
    .await;
    match saved {
        Ok((saved, cancelled)) => {
            let tr = Tr::current();
            let message = match cancelled {
                0 => tr.t1("cdetail-saved", "name", &saved.client.name),
                n => tr.t2(
                    "cdetail-archived-cancelled",
                    "name",
                    &saved.client.name,
                    "count",
                    n,
                ),
            };
            set_notice(&session, &message).await;
            Ok(Redirect::to(&format!("{PAGE}/{id}")).into_response())
        }
        Err(e) => {
            let errors = form_errors(e)?;
            let input = DetailInput {
                form: Some(form),
                errors,
                ..clean_input()
            };
            detail_page(&state, &session, &coach, id, "overview", input).await
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NotesForm {
    notes: String,
}

async fn notes_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(id): Path<i64>,
    PageForm(form): PageForm<NotesForm>,
) -> PageResult<Response> {
    let current = clients::get(state.ctx(), &coach, id).await?;
    let c = &current.client;
    let new = NewClient {
        name: c.name.clone(),
        email: c.email.clone(),
        phone: c.phone.clone(),
        notes: form.notes.clone(),
        status: Some(c.status.to_string()),
    };
    match clients::update(state.ctx(), &coach, id, &new).await {
        Ok(_) => {
            set_notice(&session, &Tr::current().t("cdetail-notes-saved")).await;
            Ok(Redirect::to(&format!("{PAGE}/{id}?tab=notes")).into_response())
        }
        Err(e) => {
            let errors = form_errors(e)?;
            let mut f = ClientForm::from_client(c);
            f.notes = form.notes;
            let input = DetailInput {
                form: Some(f),
                errors,
                ..clean_input()
            };
            detail_page(&state, &session, &coach, id, "notes", input).await
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct EnrolForm {
    package_id: String,
    starts_on: String,
    /// Ticked when the page asked whether to enrol the client in a package they already have.
    confirm_duplicate: Option<String>,
}

async fn enrol_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(id): Path<i64>,
    PageForm(form): PageForm<EnrolForm>,
) -> PageResult<Response> {
    let result = match form.package_id.trim().parse::<i64>() {
        Ok(package_id) => {
            clients::enrol(
                state.ctx(),
                &coach,
                id,
                &NewEnrolmentRequest {
                    package_id,
                    starts_on: Some(form.starts_on.clone()),
                    allow_duplicate: form.confirm_duplicate.is_some(),
                },
            )
            .await
        }
        Err(_) => Err(AppError::from(
            InvalidInput::new("packageId", "Choose a package.").key("validate-choose-package"),
        )),
    };
    match result {
        Ok(e) => {
            set_notice(
                &session,
                &Tr::current().t2(
                    "cdetail-enrolled",
                    "package",
                    &e.package_name,
                    "count",
                    e.sessions_total,
                ),
            )
            .await;
            Ok(Redirect::to(&format!("{PAGE}/{id}?tab=credits")).into_response())
        }
        Err(AppError::Refused(Refusal::AlreadyEnrolled(already))) => {
            // Ask first, with the form as sent and a box to tick.
            let input = DetailInput {
                form: None,
                errors: FieldErrors::default(),
                enrol_package: form.package_id,
                enrol_starts_on: form.starts_on,
                enrol_question: Some(words::already_enrolled_question(&already)),
                archive_question: None,
            };
            detail_page(&state, &session, &coach, id, "credits", input).await
        }
        Err(e) => {
            let errors = form_errors(e)?;
            let input = DetailInput {
                form: None,
                errors,
                enrol_package: form.package_id,
                enrol_starts_on: form.starts_on,
                enrol_question: None,
                archive_question: None,
            };
            detail_page(&state, &session, &coach, id, "credits", input).await
        }
    }
}
