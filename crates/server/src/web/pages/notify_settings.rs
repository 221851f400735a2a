//! Settings › Notifications: the reminders clients get before a session, which kinds of email the
//! practice sends, and whether emails are failing to go out.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use tower_sessions::Session;

use super::{form_errors, render, set_notice, FieldErrors, Shell};
use crate::app::accounts::Coach;
use crate::app::i18n::Tr;
use crate::app::notify::settings::{self, NotifySettings, NotifySettingsInput, EMAIL_KINDS};
use crate::app::Ctx;
use crate::web::error::PageResult;
use crate::web::extract::{PageCoach, PageForm};
use crate::web::AppState;

const PAGE: &str = "/admin/settings/notifications";

pub fn router() -> Router<AppState> {
    Router::new().route(PAGE, get(page_get).post(page_post))
}

/// The form as sent: the offsets as typed, and one checkbox per kind of email (ticked = sent).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct Form {
    reminder_offsets: String,
    send_booking: Option<String>,
    send_cancellation: Option<String>,
    send_change: Option<String>,
    send_reminder: Option<String>,
    send_application: Option<String>,
}

impl Form {
    fn input(&self) -> NotifySettingsInput {
        let ticked = [
            ("booking", &self.send_booking),
            ("cancellation", &self.send_cancellation),
            ("change", &self.send_change),
            ("reminder", &self.send_reminder),
            ("application", &self.send_application),
        ];
        NotifySettingsInput {
            reminder_offsets: self.reminder_offsets.clone(),
            send: ticked
                .iter()
                .filter(|(_, on)| on.is_some())
                .map(|(k, _)| (*k).to_owned())
                .collect(),
        }
    }
}

/// One kind of email as the form lists it.
struct Kind {
    key: &'static str,
    /// The message id of its label.
    label: String,
    on: bool,
}

#[derive(Template)]
#[template(path = "pages/notify_settings.html")]
struct Page {
    shell: Shell,
    offsets: String,
    kinds: Vec<Kind>,
    errors: FieldErrors,
    /// Emails that failed for good, and that are being retried, in the last week.
    problems: (i64, i64),
}

/// Emails to the coach's clients that failed for good, and that are being retried after an
/// error, over the last seven days.
pub async fn delivery_problems(cx: &Ctx, coach: &Coach) -> PageResult<(i64, i64)> {
    let since = cx
        .now()
        .checked_sub(jiff::SignedDuration::from_hours(24 * 7))
        .unwrap_or(cx.now());
    Ok(crate::store::jobs::troubles(
        cx.db.pool(),
        coach.id,
        crate::app::jobs::kinds::EMAIL_SEND,
        since.into(),
    )
    .await
    .map_err(crate::app::AppError::from)?)
}

fn kinds(current: &NotifySettings) -> Vec<Kind> {
    EMAIL_KINDS
        .iter()
        .map(|(key, _)| Kind {
            key,
            label: format!("notify-kind-{key}"),
            on: current.sends(key),
        })
        .collect()
}

async fn page_get(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
) -> PageResult<Response> {
    let current = settings::get(state.ctx(), &coach).await?;
    let page = Page {
        shell: Shell::for_coach(
            &Tr::current().t("notify-title"),
            &coach,
            "/admin/settings",
            &session,
        )
        .await,
        offsets: current.offsets_text(),
        kinds: kinds(&current),
        errors: FieldErrors::default(),
        problems: delivery_problems(state.ctx(), &coach).await?,
    };
    render(StatusCode::OK, &page)
}

async fn page_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    PageForm(form): PageForm<Form>,
) -> PageResult<Response> {
    let input = form.input();
    match settings::update(state.ctx(), &coach, &input).await {
        Ok(_) => {
            set_notice(&session, &Tr::current().t("notify-saved")).await;
            Ok(Redirect::to(PAGE).into_response())
        }
        Err(e) => {
            let errors = form_errors(e)?;
            let sent = NotifySettings {
                reminder_offsets: Vec::new(),
                emails_off: EMAIL_KINDS
                    .iter()
                    .map(|(k, _)| *k)
                    .filter(|k| !input.send.iter().any(|s| s == k))
                    .map(str::to_owned)
                    .collect(),
            };
            let page = Page {
                shell: Shell::for_coach(
                    &Tr::current().t("notify-title"),
                    &coach,
                    "/admin/settings",
                    &session,
                )
                .await,
                offsets: form.reminder_offsets.clone(),
                kinds: kinds(&sent),
                errors,
                problems: delivery_problems(state.ctx(), &coach).await?,
            };
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}
