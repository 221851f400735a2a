//! `/admin/emails`: the coach's outbox. Every email sent on the coach's behalf (or kept, when no
//! SMTP server is configured), with what became of it; one email shows its headers, its HTML part
//! as the recipient sees it, its text part and its invitation.

use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use tower_sessions::Session;

use super::{render, Shell};
use crate::app::dates;
use crate::app::i18n::Tr;
use crate::app::notify::email::{self, Email, STATUSES};
use crate::app::AppError;
use crate::web::error::{PageError, PageResult};
use crate::web::extract::PageCoach;
use crate::web::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/emails", get(emails_get))
        .route("/admin/emails/{id}", get(email_get))
        .route("/admin/emails/{id}/html", get(email_html_get))
}

/// How many the list shows.
const LIMIT: i64 = 200;

/// The HTML part is our own template's output, but it holds what people typed: shown on its own,
/// it may style itself and nothing more (no script, no request anywhere, no form, no navigation).
const HTML_PART_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
    base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox allow-popups";

#[derive(Template)]
#[template(path = "pages/emails.html")]
struct EmailsPage {
    shell: Shell,
    rows: Vec<Row>,
    status: String,
    statuses: &'static [&'static str],
    sending: Option<String>,
}

struct Row {
    id: i64,
    when: String,
    to: String,
    subject: String,
    kind: String,
    status: String,
    /// The status as the reader says it.
    status_label: String,
    error: String,
}

#[derive(Template)]
#[template(path = "pages/email.html")]
struct EmailPage {
    shell: Shell,
    e: Email,
    /// The address it comes from (`email_from`), beside the coach's name.
    from_address: String,
    created: String,
    sent: Option<String>,
    ics: Option<String>,
    status_label: String,
}

/// An email's kind (`booking_created`) as the reader says it. A kind the catalogue does not know
/// is logged and shown as stored, spaced out.
fn kind_label(tr: Tr, kind: &str) -> String {
    let id = format!("outbox-kind-{kind}");
    if tr.has(&id) {
        tr.t(&id)
    } else {
        tracing::warn!(kind, "an email of a kind the outbox has no words for");
        kind.replace('_', " ")
    }
}

/// An email's status (`sent`) as the reader says it; one not in [`STATUSES`] is logged and shown
/// as stored.
fn status_label(tr: Tr, status: &str) -> String {
    if STATUSES.contains(&status) {
        tr.t(&format!("outbox-status-{status}"))
    } else {
        tracing::warn!(status, "an email with a status the outbox has no words for");
        status.to_owned()
    }
}

impl EmailsPage {
    /// The heading of an empty list, for the status filtered by (or none).
    fn none_text(&self) -> String {
        if STATUSES.contains(&self.status.as_str()) {
            self.shell.tr.t(&format!("outbox-none-{}", self.status))
        } else {
            self.shell.tr.t("outbox-none")
        }
    }

    fn status_text(&self, status: &str) -> String {
        status_label(self.shell.tr, status)
    }
}

#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    status: Option<String>,
}

fn parse_id(raw: &str) -> Result<i64, PageError> {
    raw.trim()
        .parse()
        .map_err(|_| PageError(AppError::NotFound("email")))
}

async fn emails_get(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> PageResult<Response> {
    let status = query
        .ok()
        .and_then(|Query(q)| q.status)
        .filter(|s| STATUSES.contains(&s.as_str()))
        .unwrap_or_default();
    let list = email::outbox(
        state.ctx(),
        coach.id,
        (!status.is_empty()).then_some(status.as_str()),
        LIMIT,
    )
    .await?;
    let tr = Tr::current();
    let rows = list
        .into_iter()
        .map(|e| Row {
            id: e.id,
            when: dates::day_time(e.created_at.timestamp(), &coach.zone),
            to: if e.to_name.is_empty() {
                e.to_email.clone()
            } else {
                format!("{} <{}>", e.to_name, e.to_email)
            },
            subject: e.subject,
            kind: kind_label(tr, &e.kind),
            status_label: status_label(tr, &e.status),
            status: e.status,
            error: e.last_error.lines().next().unwrap_or_default().to_owned(),
        })
        .collect();
    let shell = Shell::for_coach(tr.t("outbox-title"), &coach, "/admin/settings", &session).await;
    render(
        StatusCode::OK,
        &EmailsPage {
            shell,
            rows,
            status,
            statuses: STATUSES,
            sending: state.ctx().mail.server(),
        },
    )
}

async fn email_get(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let e = email::one(state.ctx(), coach.id, parse_id(&id)?).await?;
    let shell = Shell::for_coach(e.subject.clone(), &coach, "/admin/settings", &session).await;
    render(
        StatusCode::OK,
        &EmailPage {
            shell,
            from_address: state.ctx().mail.from_address().to_string(),
            created: dates::day_time(e.created_at.timestamp(), &coach.zone),
            sent: e
                .sent_at
                .map(|t| dates::day_time(t.timestamp(), &coach.zone)),
            ics: e.ics.as_ref().map(|i| i.replace("\r\n", "\n")),
            status_label: status_label(Tr::current(), &e.status),
            e,
        },
    )
}

/// The HTML part alone, as the recipient's mail program shows it.
async fn email_html_get(
    State(state): State<AppState>,
    PageCoach(coach): PageCoach,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let e = email::one(state.ctx(), coach.id, parse_id(&id)?).await?;
    let mut res = Html(e.html_body).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(HTML_PART_POLICY),
    );
    h.insert(
        header::X_FRAME_OPTIONS,
        HeaderValue::from_static("SAMEORIGIN"),
    );
    Ok(res)
}
