//! Settings › Meeting links: how a new session without a link of its own gets one (none, the
//! coach's personal room, or a new room per session from a pattern with `{random}`).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use tower_sessions::Session;

use super::{form_errors, render, set_notice, FieldErrors, Shell};
use crate::app::meeting_links::{self, MeetingLinkMode, MeetingLinks, PLACEHOLDER};
use crate::web::error::PageResult;
use crate::web::extract::{PageCoach, PageForm};
use crate::web::AppState;

const PAGE: &str = "/admin/settings/meeting-links";

pub fn router() -> Router<AppState> {
    Router::new().route(PAGE, get(page_get).post(page_post))
}

#[derive(Template)]
#[template(path = "pages/meeting_links.html")]
struct Page {
    shell: Shell,
    form: MeetingLinks,
    errors: FieldErrors,
    modes: &'static [MeetingLinkMode],
    placeholder: &'static str,
}

impl Page {
    /// How the reader reads a choice.
    fn mode_label(&self, m: &MeetingLinkMode) -> String {
        self.shell.tr.t(&format!("mlinks-mode-{}", m.as_str()))
    }
}

/// The form as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Form {
    mode: String,
    url: String,
}

async fn page(
    state: &AppState,
    session: &Session,
    coach: &crate::app::accounts::Coach,
    form: Option<MeetingLinks>,
    errors: FieldErrors,
) -> PageResult<Page> {
    let form = match form {
        Some(f) => f,
        None => meeting_links::get(state.ctx(), coach).await?,
    };
    let title = crate::app::i18n::Tr::current().t("mlinks-title");
    let shell = Shell::for_coach(&title, coach, "/admin/settings", session).await;
    Ok(Page {
        shell,
        form,
        errors,
        modes: MeetingLinkMode::ALL,
        placeholder: PLACEHOLDER,
    })
}

async fn page_get(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
) -> PageResult<Response> {
    let page = page(&state, &session, &coach, None, FieldErrors::default()).await?;
    render(StatusCode::OK, &page)
}

async fn page_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    PageForm(form): PageForm<Form>,
) -> PageResult<Response> {
    let input = MeetingLinks {
        mode: form.mode,
        url: form.url,
    };
    match meeting_links::update(state.ctx(), &coach, &input).await {
        Ok(_) => {
            let saved = crate::app::i18n::Tr::current().t("mlinks-saved");
            set_notice(&session, &saved).await;
            Ok(Redirect::to(PAGE).into_response())
        }
        Err(e) => {
            let errors = form_errors(e)?;
            let page = page(&state, &session, &coach, Some(input), errors).await?;
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}
