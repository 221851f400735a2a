//! The coach's Requests page, `/admin/requests`: session requests waiting for an answer (or all
//! of them), each proposed time with an Approve button that says when the time now collides,
//! Decline with a reason, how long requests wait, and the demand report (the weekdays and hours
//! clients asked for that were not offered, over the last 90 days).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use tower_sessions::Session;

use super::{render, set_notice, FieldErrors, Shell, Tr};
use crate::app::accounts::Coach;
use crate::app::session_requests::{
    self as requests, Approval, Assessment, Demand, RequestError, RequestStatus, SessionRequest,
};
use crate::app::AppError;
use crate::web::dates;
use crate::web::error::{PageError, PageResult};
use crate::web::extract::{PageCoach, PageForm};
use crate::web::{words, AppState};

pub const PAGE: &str = "/admin/requests";

pub fn router() -> Router<AppState> {
    Router::new()
        .route(PAGE, get(requests_get))
        .route("/admin/requests/settings", post(settings_post))
        .route("/admin/requests/{id}/approve", post(approve_post))
        .route("/admin/requests/{id}/decline", post(decline_post))
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct ListQuery {
    /// `all`, or (default) only pending ones.
    show: String,
}

impl ListQuery {
    fn all(&self) -> bool {
        self.show == "all"
    }
}

/// One proposed time as the page shows it.
struct TimeRow {
    index: usize,
    when: String,
    offered: bool,
    /// Why approving it now would fail, in words; `None` when it would book.
    blocked: Option<String>,
}

/// One request as the page shows it.
struct Row {
    r: SessionRequest,
    times: Vec<TimeRow>,
    sent: String,
    expires: String,
    /// The error of the last action on this request.
    error: Option<String>,
    reason_error: Option<String>,
}

impl Row {
    fn pending(&self) -> bool {
        self.r.status == RequestStatus::Pending
    }

    fn status(&self) -> &'static str {
        self.r.status.as_str()
    }
}

#[derive(Template)]
#[template(path = "pages/requests.html")]
struct RequestsPage {
    shell: Shell,
    rows: Vec<Row>,
    filter: ListQuery,
    pending: i64,
    zone: String,
    request_url: String,
    expiry_hours: String,
    settings_errors: FieldErrors,
    demand: Demand,
    demand_from: String,
    demand_to: String,
}

const WEEKDAYS: [(i64, &str, &str); 7] = [
    (1, "Mon", "Monday"),
    (2, "Tue", "Tuesday"),
    (3, "Wed", "Wednesday"),
    (4, "Thu", "Thursday"),
    (5, "Fri", "Friday"),
    (6, "Sat", "Saturday"),
    (7, "Sun", "Sunday"),
];

impl RequestsPage {
    /// The lead, with the request form's address (escaped) as its link.
    fn lead(&self) -> String {
        let url = super::calendar::escape_html(&self.request_url);
        self.shell.tr.t1("requests-lead", "url", url)
    }

    /// "Times in Europe/London; Maya reads them in America/New_York."
    fn times_note(&self, row: &Row) -> String {
        let theirs = row.r.zone.name();
        if theirs == self.zone {
            return self.shell.tr.t1("requests-times-in", "zone", &self.zone);
        }
        self.shell.tr.args(
            "requests-times-in-theirs",
            &[
                ("zone", self.zone.as_str().into()),
                ("name", row.r.name.as_str().into()),
                ("theirs", theirs.into()),
            ],
        )
    }

    /// What the demand report counts, and over which days.
    fn demand_lead(&self) -> String {
        self.shell.tr.args(
            "requests-demand-lead",
            &[
                ("from", self.demand_from.as_str().into()),
                ("to", self.demand_to.as_str().into()),
                ("zone", self.zone.as_str().into()),
            ],
        )
    }

    /// `text` escaped, for a message that carries markup.
    fn esc(&self, text: &str) -> String {
        super::calendar::escape_html(text)
    }

    fn weekdays(&self) -> &'static [(i64, &'static str, &'static str)] {
        &WEEKDAYS
    }

    /// The hours the report shows: from the earliest to the latest asked for.
    fn hours(&self) -> Vec<i64> {
        let hours = self.demand.cells.iter().map(|c| c.hour);
        match (hours.clone().min(), hours.max()) {
            (Some(a), Some(b)) => (a..=b).collect(),
            _ => Vec::new(),
        }
    }

    fn count(&self, weekday: &i64, hour: &i64) -> i64 {
        self.demand.count(*weekday, *hour)
    }

    /// A shade from 0 (none) to 4 (the most asked for), for the heat map's cells.
    fn level(&self, weekday: &i64, hour: &i64) -> i64 {
        let n = self.count(weekday, hour);
        if n == 0 || self.demand.max == 0 {
            0
        } else {
            ((n * 4 + self.demand.max - 1) / self.demand.max).clamp(1, 4)
        }
    }
}

/// What happened to the last action, to show beside the request it was about.
#[derive(Default)]
struct Feedback {
    row: Option<(i64, String)>,
    reason: Option<(i64, String)>,
    settings: Option<(String, FieldErrors)>,
}

async fn list_page(
    state: &AppState,
    session: &Session,
    coach: &Coach,
    filter: ListQuery,
    feedback: Feedback,
) -> PageResult<Response> {
    let cx = state.ctx();
    let shell = Shell::for_coach(Tr::current().t("requests-title"), coach, PAGE, session).await;
    let status = (!filter.all()).then_some(RequestStatus::Pending);
    let list = requests::list(cx, coach, status).await?;
    let zone = &coach.zone;
    let mut rows = Vec::with_capacity(list.len());
    for r in list {
        let assessed = if r.status == RequestStatus::Pending {
            requests::assess(cx, coach, &r).await?
        } else {
            vec![None; r.times.len()]
        };
        let times = r
            .times
            .iter()
            .zip(assessed)
            .enumerate()
            .map(|(index, (t, a))| TimeRow {
                index,
                when: when(t.start, t.end, zone),
                offered: t.offered,
                blocked: a.map(|a| match a {
                    Assessment::Passed => Tr::current().t("requests-passed"),
                    Assessment::Refused(r) => words::refusal_on_page(&r),
                    Assessment::Invalid(m) => m,
                }),
            })
            .collect();
        let error = feedback
            .row
            .as_ref()
            .filter(|(id, _)| *id == r.id)
            .map(|(_, m)| m.clone());
        let reason_error = feedback
            .reason
            .as_ref()
            .filter(|(id, _)| *id == r.id)
            .map(|(_, m)| m.clone());
        rows.push(Row {
            sent: dates::day_time(r.created_at, zone),
            expires: dates::day_time(r.expires_at, zone),
            times,
            error,
            reason_error,
            r,
        });
    }
    let pending = requests::pending_count(cx, coach.id).await?;
    let demand = requests::demand(cx, coach).await?;
    let (expiry_hours, settings_errors) = match feedback.settings {
        Some(s) => s,
        None => (
            requests::expiry_hours(cx, coach).await?.to_string(),
            FieldErrors::default(),
        ),
    };
    let code = if feedback.row.is_some() || feedback.reason.is_some() || !settings_errors.is_empty()
    {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render(
        code,
        &RequestsPage {
            shell,
            rows,
            filter,
            pending,
            zone: zone.name().to_owned(),
            request_url: format!("/c/{}/request", coach.slug),
            expiry_hours,
            settings_errors,
            demand_from: dates::day(demand.since, zone),
            demand_to: dates::day(demand.until, zone),
            demand,
        },
    )
}

/// "Tue 10 Nov 2026, 19:00–20:00" in `zone`.
fn when(start: jiff::Timestamp, end: jiff::Timestamp, zone: &coachbook_core::time::Zone) -> String {
    if dates::day(start, zone) == dates::day(end, zone) {
        format!(
            "{}, {}",
            dates::day(start, zone),
            dates::time_range(start, end, zone)
        )
    } else {
        dates::time_range(start, end, zone)
    }
}

async fn requests_get(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Query(filter): Query<ListQuery>,
) -> PageResult<Response> {
    list_page(&state, &session, &coach, filter, Feedback::default()).await
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct ApproveForm {
    time_index: String,
    show: String,
}

fn back(show: &str, id: i64) -> String {
    let q = if show == "all" { "?show=all" } else { "" };
    format!("{PAGE}{q}#request-{id}")
}

/// A refusal of an answer, shown beside the request; anything else is an error page.
fn refusal_words(e: RequestError) -> Result<String, PageError> {
    match e {
        RequestError::App(AppError::Refused(r)) => Ok(words::refusal_on_page(&r)),
        RequestError::App(AppError::Invalid(errors)) => Ok(errors.first().map_or_else(
            || Tr::current().t("requests-not-possible"),
            |x| Tr::current().invalid(x),
        )),
        RequestError::App(e) => Err(PageError(e)),
        e => Ok(e.message()),
    }
}

/// A refused answer (approve or decline): 409, the list of all requests with the refusal beside
/// request `id` (one answered meanwhile is no longer among the pending ones).
async fn refused_page(
    state: &AppState,
    session: &Session,
    coach: &Coach,
    id: i64,
    e: RequestError,
) -> PageResult<Response> {
    let message = refusal_words(e)?;
    let filter = ListQuery { show: "all".into() };
    let feedback = Feedback {
        row: Some((id, message)),
        ..Feedback::default()
    };
    let mut res = list_page(state, session, coach, filter, feedback).await?;
    *res.status_mut() = StatusCode::CONFLICT;
    Ok(res)
}

async fn approve_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(id): Path<i64>,
    PageForm(form): PageForm<ApproveForm>,
) -> PageResult<Response> {
    let approval = Approval {
        time_index: form.time_index.trim().parse().ok().or(Some(-1)),
        start: None,
    };
    match requests::approve(state.ctx(), &coach, id, &approval).await {
        Ok(r) => {
            let tr = Tr::current();
            let notice = match r.booking_id {
                Some(b) => tr.t2("requests-approved-booking", "name", &r.name, "booking", b),
                None => tr.t1("requests-approved", "name", &r.name),
            };
            set_notice(&session, &notice).await;
            Ok(Redirect::to(&back(&form.show, id)).into_response())
        }
        Err(e) => refused_page(&state, &session, &coach, id, e).await,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DeclineForm {
    reason: String,
    show: String,
}

async fn decline_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(id): Path<i64>,
    PageForm(form): PageForm<DeclineForm>,
) -> PageResult<Response> {
    match requests::decline(state.ctx(), &coach, id, &form.reason).await {
        Ok(r) => {
            set_notice(
                &session,
                &Tr::current().t1("requests-declined", "name", &r.name),
            )
            .await;
            Ok(Redirect::to(&back(&form.show, id)).into_response())
        }
        Err(RequestError::App(AppError::Invalid(errors))) => {
            let message = errors.first().map_or_else(
                || Tr::current().t("requests-give-reason"),
                |e| Tr::current().invalid(e),
            );
            let filter = ListQuery { show: form.show };
            let feedback = Feedback {
                reason: Some((id, message)),
                ..Feedback::default()
            };
            list_page(&state, &session, &coach, filter, feedback).await
        }
        Err(e) => refused_page(&state, &session, &coach, id, e).await,
    }
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct SettingsForm {
    expiry_hours: String,
}

async fn settings_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    PageForm(form): PageForm<SettingsForm>,
) -> PageResult<Response> {
    let result = match form.expiry_hours.trim().parse::<i64>() {
        Ok(h) => requests::set_expiry_hours(state.ctx(), &coach, h).await,
        Err(_) => Err(AppError::invalid(
            "expiryHours",
            Tr::current().t("requests-whole-hours"),
        )),
    };
    match result {
        Ok(h) => {
            set_notice(
                &session,
                &Tr::current().t1("requests-expiry-saved", "hours", h),
            )
            .await;
            Ok(Redirect::to(&format!("{PAGE}#request-settings")).into_response())
        }
        Err(e) => {
            let errors = super::form_errors(e)?;
            let feedback = Feedback {
                settings: Some((form.expiry_hours, errors)),
                ..Feedback::default()
            };
            list_page(&state, &session, &coach, ListQuery::default(), feedback).await
        }
    }
}
