//! The coach's Applications page (list with status filter and search, status changes, promote
//! with a package, the intake questions editor) and the public apply form `/c/{slug}/apply`.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use coachbook_core::application::ApplicationStatus;
use serde::Deserialize;
use tower_sessions::Session;

use super::{form_errors, render, set_notice, with_retry_after, FieldErrors, Shell, Tr};
use crate::app::accounts::Coach;
use crate::app::applications::{
    self, Application, ApplicationChange, ApplicationQuery, PublicApplication, SharedEmail,
};
use crate::app::packages::{self, Package};
use crate::app::throttle::PublicForm;
use crate::app::AppError;
use crate::web::error::{PageError, PageResult};
use crate::web::extract::{ClientAddr, MaybeAccount, PageCoach, PageForm};
use crate::web::{dates, words, AppState};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/applications", get(list_get))
        .route("/admin/applications/questions", post(questions_post))
        .route("/admin/applications/{id}/status", post(status_post))
        .route("/admin/applications/{id}/promote", post(promote_post))
        .route("/admin/applications/{id}/merge", post(merge_post))
        .route("/c/{slug}/apply", get(apply_get).post(apply_post))
}

const PAGE: &str = "/admin/applications";

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct ListQuery {
    status: String,
    q: String,
}

impl ListQuery {
    fn query_string(&self) -> String {
        let mut parts = Vec::new();
        if !self.status.is_empty() {
            parts.push(format!("status={}", encode(&self.status)));
        }
        if !self.q.is_empty() {
            parts.push(format!("q={}", encode(&self.q)));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

struct StatusTab {
    value: &'static str,
    count: i64,
    current: bool,
}

#[derive(Template)]
#[template(path = "pages/applications.html")]
struct ListPage {
    shell: Shell,
    applications: Vec<Application>,
    statuses: Vec<StatusTab>,
    total: i64,
    filter: ListQuery,
    back: String,
    packages: Vec<Package>,
    apply_url: String,
    questions: String,
    question_errors: FieldErrors,
    /// The application whose form failed, and its errors.
    row_error: Option<(i64, String)>,
    /// Applications that share their email with another of the coach's.
    shared: HashMap<i64, SharedEmail>,
    /// The BookSessionModal, for "Schedule discovery call".
    modal: super::bookings::Modal,
}

impl ListPage {
    /// Statuses the coach may set by hand on an application in `from`.
    fn choices(&self, from: &ApplicationStatus) -> Vec<&'static str> {
        ApplicationStatus::ALL
            .iter()
            .filter(|to| from.can_change_to(**to).is_ok())
            .map(|s| s.as_str())
            .collect()
    }

    /// "People asking to work with you. Prospects apply at <a>…</a>.", the address escaped.
    fn lead(&self) -> String {
        let url = super::calendar::escape_html(&self.apply_url);
        self.shell.tr.t1("applications-lead", "url", url)
    }

    /// How many applications came from this one's email, when more than one did.
    fn shared(&self, id: &i64) -> Option<&SharedEmail> {
        self.shared.get(id)
    }

    fn package_name(&self, id: &Option<i64>) -> Option<&str> {
        let id = (*id)?;
        self.packages
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.name.as_str())
    }
}

async fn list_page(
    state: &AppState,
    session: &Session,
    coach: &Coach,
    filter: ListQuery,
    questions_form: Option<(String, FieldErrors)>,
    row_error: Option<(i64, String)>,
) -> PageResult<Response> {
    let shell = Shell::for_coach(Tr::current().t("applications-title"), coach, PAGE, session).await;
    let status = ApplicationStatus::parse(&filter.status)
        .ok()
        .map(|s| s.as_str().to_owned());
    let filter = ListQuery {
        status: status.clone().unwrap_or_default(),
        q: filter.q.trim().to_owned(),
    };
    let list = applications::list(
        state.ctx(),
        coach,
        &ApplicationQuery {
            status,
            q: Some(filter.q.clone()),
        },
    )
    .await?;
    let counts = applications::counts(state.ctx(), coach).await?;
    let total = counts.iter().map(|(_, n)| n).sum();
    let statuses = counts
        .into_iter()
        .map(|(s, count)| StatusTab {
            value: s.as_str(),
            count,
            current: filter.status == s.as_str(),
        })
        .collect();
    let packages = packages::list(state.ctx(), coach, false).await?;
    let shared = applications::sharing_an_email(state.ctx(), coach).await?;
    let code = if questions_form.is_some() || row_error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let (questions, question_errors) = match questions_form {
        Some(q) => q,
        None => (
            applications::intake_questions(state.ctx(), coach).await?,
            FieldErrors::default(),
        ),
    };
    let back = format!("{PAGE}{}", filter.query_string());
    render(
        code,
        &ListPage {
            shell,
            applications: list,
            statuses,
            total,
            back,
            filter,
            packages,
            apply_url: format!("/c/{}/apply", coach.slug),
            questions,
            question_errors,
            row_error,
            shared,
            modal: super::bookings::Modal::new(state, coach).await?,
        },
    )
}

async fn list_get(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Query(filter): Query<ListQuery>,
) -> PageResult<Response> {
    list_page(&state, &session, &coach, filter, None, None).await
}

/// Where to go back to after a row action: the list as it was filtered (same-site paths only).
fn back_to(raw: &str) -> String {
    super::local_path(raw)
        .filter(|p| p.starts_with(PAGE))
        .unwrap_or(PAGE)
        .to_owned()
}

fn filter_from(back: &str) -> ListQuery {
    back.parse::<axum::http::Uri>()
        .ok()
        .and_then(|uri| Query::<ListQuery>::try_from_uri(&uri).ok())
        .map(|Query(q)| q)
        .unwrap_or_default()
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct StatusForm {
    status: String,
    back: String,
}

async fn status_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(id): Path<i64>,
    PageForm(form): PageForm<StatusForm>,
) -> PageResult<Response> {
    let change = ApplicationChange {
        status: Some(form.status.clone()),
        ..ApplicationChange::default()
    };
    match applications::update(state.ctx(), &coach, id, &change).await {
        Ok((a, _)) => {
            set_notice(
                &session,
                &Tr::current().t2(
                    "applications-now",
                    "name",
                    &a.name,
                    "status",
                    Tr::current().t1("applications-status", "status", a.status.as_str()),
                ),
            )
            .await;
            Ok(Redirect::to(&back_to(&form.back)).into_response())
        }
        Err(e) => row_refused(&state, &session, &coach, &form.back, id, e).await,
    }
}

/// The list again, as it was filtered, with a row action's refusal beside application `id`;
/// anything but a refusal or a field error is an error page.
async fn row_refused(
    state: &AppState,
    session: &Session,
    coach: &Coach,
    back: &str,
    id: i64,
    e: AppError,
) -> PageResult<Response> {
    let message = match &e {
        AppError::Invalid(errors) => errors.first().map_or_else(
            || Tr::current().t("applications-not-possible"),
            |x| Tr::current().invalid(x),
        ),
        AppError::Refused(r) => crate::web::words::refusal(r),
        _ => return Err(e.into()),
    };
    let filter = filter_from(back);
    list_page(state, session, coach, filter, None, Some((id, message))).await
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct PromoteForm {
    package_id: String,
    back: String,
}

async fn promote_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(id): Path<i64>,
    PageForm(form): PageForm<PromoteForm>,
) -> PageResult<Response> {
    let package_id = match form.package_id.trim() {
        "" => Ok(None),
        raw => raw.parse::<i64>().map(Some).map_err(|_| {
            AppError::invalid("packageId", Tr::current().t("applications-error-package"))
        }),
    };
    let result = match package_id {
        Ok(pid) => applications::promote(state.ctx(), &coach, id, pid).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(p) => {
            set_notice(&session, &Tr::current().t("applications-promoted")).await;
            Ok(Redirect::to(&format!("/admin/clients/{}", p.client_id)).into_response())
        }
        Err(e) => row_refused(&state, &session, &coach, &form.back, id, e).await,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MergeForm {
    back: String,
}

/// The second step of "Merge into the earlier one" (the first opens the question on the page).
async fn merge_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(id): Path<i64>,
    PageForm(form): PageForm<MergeForm>,
) -> PageResult<Response> {
    match applications::merge_into_earliest(state.ctx(), &coach, id).await {
        Ok(kept) => {
            set_notice(
                &session,
                &Tr::current().t2(
                    "applications-merged",
                    "name",
                    &kept.name,
                    "date",
                    dates::date_iso(kept.created_on()),
                ),
            )
            .await;
            let back = back_to(&form.back);
            Ok(Redirect::to(&format!("{back}#application-{}", kept.id)).into_response())
        }
        Err(e) => row_refused(&state, &session, &coach, &form.back, id, e).await,
    }
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct QuestionsForm {
    intake_questions: String,
}

async fn questions_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    PageForm(form): PageForm<QuestionsForm>,
) -> PageResult<Response> {
    match applications::set_intake_questions(state.ctx(), &coach, &form.intake_questions).await {
        Ok(_) => {
            set_notice(&session, &Tr::current().t("applications-questions-saved")).await;
            Ok(Redirect::to(PAGE).into_response())
        }
        Err(e) => {
            let errors = form_errors(e)?;
            list_page(
                &state,
                &session,
                &coach,
                ListQuery::default(),
                Some((form.intake_questions, errors)),
                None,
            )
            .await
        }
    }
}

// ---- The public apply form -------------------------------------------------------------------

#[derive(Template)]
#[template(path = "pages/apply.html")]
struct ApplyPage {
    shell: Shell,
    coach_name: String,
    slug: String,
    questions: Vec<(usize, String, String)>,
    form: ApplyForm,
    errors: FieldErrors,
    sent: bool,
}

/// The form as posted: `answer0`, `answer1`, … follow the coach's questions in order.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct ApplyForm {
    name: String,
    email: String,
    goals: String,
    /// A field people never see (hidden by CSS); bots fill it in.
    website: String,
    #[serde(flatten)]
    rest: std::collections::HashMap<String, String>,
}

impl ApplyForm {
    fn answer(&self, i: usize) -> String {
        self.rest
            .get(&format!("answer{i}"))
            .cloned()
            .unwrap_or_default()
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ApplyQuery {
    sent: String,
}

async fn apply_page(
    state: &AppState,
    slug: &str,
    form: ApplyForm,
    errors: FieldErrors,
    sent: bool,
) -> PageResult<Response> {
    let coach = applications::public_coach(state.ctx(), slug).await?;
    let questions = applications::split_questions(&coach.intake_questions)
        .into_iter()
        .enumerate()
        .map(|(i, q)| (i, q, form.answer(i)))
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render(
        status,
        &ApplyPage {
            shell: Shell::public(crate::app::i18n::Tr::current().t1(
                "apply-title",
                "coach",
                &coach.name,
            )),
            coach_name: coach.name,
            slug: coach.slug,
            questions,
            form,
            errors,
            sent,
        },
    )
}

async fn apply_get(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<ApplyQuery>,
) -> PageResult<Response> {
    apply_page(
        &state,
        &slug,
        ApplyForm::default(),
        FieldErrors::default(),
        !q.sent.is_empty(),
    )
    .await
}

/// Applications are limited per address and per email ([`PublicForm::Apply`]); the invisible
/// `website` field catches the simplest bots.
async fn apply_post(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ClientAddr(addr): ClientAddr,
    MaybeAccount(account): MaybeAccount,
    PageForm(form): PageForm<ApplyForm>,
) -> PageResult<Response> {
    let coach = applications::public_coach(state.ctx(), &slug).await?;
    let thanks = format!("/c/{}/apply?sent=1", coach.slug);
    let admitted = match state
        .forms()
        .admit(
            state.ctx(),
            PublicForm::Apply(coach.coach_id),
            addr,
            &form.email,
        )
        .await
    {
        Ok(admitted) => admitted,
        Err(AppError::RateLimited { retry_after_secs }) => {
            let message = format!(
                "Too many applications from here or with this email. Wait {}, then try again.",
                words::wait(retry_after_secs)
            );
            let errors = FieldErrors::message("email", message);
            let res = apply_page(&state, &slug, form, errors, false).await?;
            let mut res = with_retry_after(res, retry_after_secs);
            *res.status_mut() = StatusCode::TOO_MANY_REQUESTS;
            return Ok(res);
        }
        Err(e) => return Err(PageError(e)),
    };
    if !form.website.is_empty() {
        // A bot filled the invisible field: answer as if it worked, store nothing.
        return Ok(Redirect::to(&thanks).into_response());
    }
    let count = applications::split_questions(&coach.intake_questions).len();
    let submitted = PublicApplication {
        name: form.name.clone(),
        email: form.email.clone(),
        goals: form.goals.clone(),
        answers: (0..count).map(|i| form.answer(i)).collect(),
        user_id: account.as_ref().map(|a| a.id),
    };
    match applications::apply(state.ctx(), &coach, &submitted).await {
        Ok(()) => Ok(Redirect::to(&thanks).into_response()),
        Err(e) => {
            admitted.give_back(state.ctx()).await?;
            let errors = form_errors(e)?;
            apply_page(&state, &slug, form, errors, false).await
        }
    }
}
