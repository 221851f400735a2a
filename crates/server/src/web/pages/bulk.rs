//! `/admin/sessions/bulk`: many sessions at once. The coach picks a template (or a session
//! type), a weekly pattern or a list of dates, and presses Preview: the plan comes back with
//! every collision highlighted, and then "Create N sessions" (all or nothing) or "Create,
//! skipping K". Without JavaScript every button is a normal form post.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use coachbook_core::time::rfc3339;
use tower_sessions::Session;

use super::{form_errors, render, set_notice, FieldErrors, Shell};
use crate::app::accounts::Coach;
use crate::app::bulk::{self, BulkInput, BulkOutcome, Collision, Pattern};
use crate::app::dates;
use crate::app::i18n::{self, Tr};
use crate::app::{session_types, templates};
use crate::web::error::PageResult;
use crate::web::extract::{PageCoach, PageForm};
use crate::web::AppState;

const PAGE: &str = "/admin/sessions/bulk";

pub fn router() -> Router<AppState> {
    Router::new().route(PAGE, get(page_get).post(page_post))
}

/// The form as typed, kept to fill it again.
#[derive(Debug, Clone, Default)]
struct Form {
    template_id: String,
    session_type_id: String,
    when: String,
    weekdays: Vec<String>,
    time: String,
    from: String,
    interval: String,
    count: String,
    until: String,
    dates: String,
    notes: String,
}

impl Form {
    fn read(pairs: &[(String, String)]) -> Self {
        let field = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        Self {
            template_id: field("templateId"),
            session_type_id: field("sessionTypeId"),
            when: field("when"),
            weekdays: pairs
                .iter()
                .filter(|(k, _)| k == "weekdays")
                .map(|(_, v)| v.clone())
                .collect(),
            time: field("time"),
            from: field("from"),
            interval: field("interval"),
            count: field("count"),
            until: field("until"),
            dates: field("dates"),
            notes: field("notes"),
        }
    }

    fn has_day(&self, code: &str) -> bool {
        self.weekdays.iter().any(|d| d == code)
    }

    fn by_dates(&self) -> bool {
        self.when == "dates"
    }
}

/// A number typed in a form: empty is none; anything else that is not a number is a field
/// error.
fn number(errors: &mut FieldErrors, field: &'static str, raw: &str) -> Option<i64> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match raw.parse() {
        Ok(n) => Some(n),
        Err(_) => {
            errors.0.push(
                coachbook_core::validate::InvalidInput::new(field, "Give a whole number.")
                    .key("validate-give-whole-number"),
            );
            None
        }
    }
}

/// One row of the preview.
struct Row {
    date: String,
    time: String,
    status: String,
    collisions: Vec<String>,
}

struct Preview {
    rows: Vec<Row>,
    free: usize,
    colliding: usize,
}

fn describe(tr: Tr, c: &Collision, coach: &Coach) -> String {
    let at = |i: &coachbook_core::time::Interval| {
        let s = rfc3339(i.start, &coach.zone);
        let e = rfc3339(i.end, &coach.zone);
        format!(
            "{}–{}",
            s.get(11..16).unwrap_or_default(),
            e.get(11..16).unwrap_or_default()
        )
    };
    match c {
        Collision::Session { title, at: i, .. } => {
            tr.t2("bulk-collides-session", "title", title, "time", at(i))
        }
        Collision::TimeOff { at: i } => tr.t1("bulk-collides-time-off", "time", at(i)),
        Collision::Busy { calendar, at: i } => {
            tr.t2("bulk-collides-busy", "calendar", calendar, "time", at(i))
        }
        Collision::Closed(_) => tr.t("bulk-collides-closed"),
        Collision::Past => tr.t("bulk-collides-past"),
        Collision::Batch(i) => tr.t1("bulk-collides-row", "row", i.saturating_add(1)),
    }
}

fn preview(outcome: &BulkOutcome, coach: &Coach) -> Preview {
    let tr = Tr::current();
    let rows = outcome
        .occurrences
        .iter()
        .map(|o| {
            let start = rfc3339(o.at.start, &coach.zone);
            let end = rfc3339(o.at.end, &coach.zone);
            Row {
                date: dates::date(bulk::local_day(coach, o.at.start)),
                time: format!(
                    "{}–{}",
                    start.get(11..16).unwrap_or_default(),
                    end.get(11..16).unwrap_or_default()
                ),
                status: tr.t(if o.free() {
                    "bulk-status-free"
                } else {
                    "bulk-status-collides"
                }),
                collisions: o
                    .collisions
                    .iter()
                    .map(|c| describe(tr, c, coach))
                    .collect(),
            }
        })
        .collect();
    let colliding = outcome.colliding();
    Preview {
        rows,
        free: outcome.occurrences.len() - colliding,
        colliding,
    }
}

#[derive(Template)]
#[template(path = "pages/bulk.html")]
struct Page {
    shell: Shell,
    form: Form,
    errors: FieldErrors,
    templates: Vec<(i64, String)>,
    types: Vec<(i64, String)>,
    preview: Option<Preview>,
    /// Set when a commit was refused because an occurrence collides.
    refused: bool,
    /// Each weekday's code and its short name in the reader's language.
    days: Vec<(&'static str, String)>,
}

/// The weekdays' codes and the message ids of their short names.
const DAYS: [(&str, &str); 7] = [
    ("mo", i18n::msg("bulk-day-mo")),
    ("tu", i18n::msg("bulk-day-tu")),
    ("we", i18n::msg("bulk-day-we")),
    ("th", i18n::msg("bulk-day-th")),
    ("fr", i18n::msg("bulk-day-fr")),
    ("sa", i18n::msg("bulk-day-sa")),
    ("su", i18n::msg("bulk-day-su")),
];

async fn page(
    state: &AppState,
    session: &Session,
    coach: &Coach,
    form: Form,
    errors: FieldErrors,
    preview: Option<Preview>,
    refused: bool,
) -> PageResult<Page> {
    let cx = state.ctx();
    let templates = templates::list(cx, coach)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    let types = session_types::list(cx, coach, false)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    let tr = Tr::current();
    let shell = Shell::for_coach(tr.t("bulk-title"), coach, "/admin/calendar", session).await;
    Ok(Page {
        shell,
        form,
        errors,
        templates,
        types,
        preview,
        refused,
        days: DAYS.iter().map(|(code, id)| (*code, tr.t(id))).collect(),
    })
}

async fn page_get(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
) -> PageResult<Response> {
    let form = Form {
        when: "pattern".to_owned(),
        interval: "1".to_owned(),
        ..Form::default()
    };
    let page = page(
        &state,
        &session,
        &coach,
        form,
        FieldErrors::default(),
        None,
        false,
    )
    .await?;
    render(StatusCode::OK, &page)
}

async fn page_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    PageForm(pairs): PageForm<Vec<(String, String)>>,
) -> PageResult<Response> {
    let form = Form::read(&pairs);
    let action = pairs
        .iter()
        .find(|(k, _)| k == "action")
        .map(|(_, v)| v.as_str())
        .unwrap_or("preview");
    let mut errors = FieldErrors::default();
    let template_id = number(&mut errors, "templateId", &form.template_id);
    let session_type_id = number(&mut errors, "sessionTypeId", &form.session_type_id);
    let interval = number(&mut errors, "pattern.interval", &form.interval);
    let count = number(&mut errors, "pattern.count", &form.count);
    if !errors.is_empty() {
        let page = page(&state, &session, &coach, form, errors, None, false).await?;
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let (dates, pattern) = if form.by_dates() {
        let list = form
            .dates
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| l.replace(' ', "T"))
            .collect();
        (Some(list), None)
    } else {
        let until = Some(form.until.trim().to_owned()).filter(|u| !u.is_empty());
        let pattern = Pattern {
            frequency: "weekly".to_owned(),
            interval,
            weekdays: form.weekdays.clone(),
            time: form.time.clone(),
            from: form.from.clone(),
            count,
            until,
            monthly_by: None,
        };
        (None, Some(pattern))
    };
    let input = BulkInput {
        template_id,
        session_type_id: session_type_id.filter(|_| template_id.is_none()),
        notes: Some(form.notes.clone()).filter(|n| !n.trim().is_empty()),
        dates,
        pattern,
        dry_run: action == "preview",
        on_conflict: Some(if action == "skip" { "skip" } else { "abort" }.to_owned()),
        ..BulkInput::default()
    };
    match bulk::create(state.ctx(), &coach, &input).await {
        Ok(outcome) => match &outcome.created {
            Some(made) => {
                let skipped = outcome.colliding();
                let tr = Tr::current();
                let notice = if skipped > 0 {
                    tr.t2(
                        "bulk-created-skipped",
                        "count",
                        made.len(),
                        "skipped",
                        skipped,
                    )
                } else {
                    tr.t1("bulk-created", "count", made.len())
                };
                set_notice(&session, &notice).await;
                let first = outcome
                    .occurrences
                    .iter()
                    .find(|o| o.session_id.is_some())
                    .map(|o| bulk::local_day(&coach, o.at.start).to_string());
                let to = match first {
                    Some(d) => format!("/admin/calendar?view=week&date={d}"),
                    None => "/admin/calendar".to_owned(),
                };
                Ok(Redirect::to(&to).into_response())
            }
            None => {
                let refused = !outcome.dry_run;
                let shown = preview(&outcome, &coach);
                let status = if refused {
                    StatusCode::CONFLICT
                } else {
                    StatusCode::OK
                };
                let page = page(
                    &state,
                    &session,
                    &coach,
                    form,
                    FieldErrors::default(),
                    Some(shown),
                    refused,
                )
                .await?;
                render(status, &page)
            }
        },
        Err(crate::app::AppError::NotFound(_)) => {
            let errors =
                FieldErrors::message("templateId", Tr::current().t("bulk-no-such-template"));
            let page = page(&state, &session, &coach, form, errors, None, false).await?;
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => {
            let errors = form_errors(e)?;
            let page = page(&state, &session, &coach, form, errors, None, false).await?;
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}
