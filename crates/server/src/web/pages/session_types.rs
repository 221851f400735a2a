//! The coach's Session types page: list, create, edit, archive and restore.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use coachbook_core::validate::InvalidInput;
use serde::Deserialize;
use tower_sessions::Session;

use super::{form_errors, render, set_notice, FieldErrors, Shell};
use crate::app::accounts::Coach;
use crate::app::session_types::{self, NewSessionType, SessionType};
use crate::app::AppError;
use crate::web::error::PageResult;
use crate::web::extract::{PageCoach, PageForm};
use crate::web::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/session-types", get(list_get).post(create_post))
        .route("/admin/session-types/{id}", get(edit_get).post(edit_post))
        .route("/admin/session-types/{id}/archive", post(archive_post))
        .route("/admin/session-types/{id}/restore", post(restore_post))
}

const PAGE: &str = "/admin/session-types";

/// The form as typed: numbers arrive as text and are checked here, so a typo is reported beside
/// its field instead of failing the whole form.
#[derive(Deserialize, Default, Clone)]
#[serde(rename_all = "camelCase", default)]
pub struct SessionTypeForm {
    name: String,
    kind: String,
    duration_minutes: String,
    price: String,
    currency: String,
    capacity: String,
    buffer_before_minutes: String,
    buffer_after_minutes: String,
    color: String,
    requires_approval: Option<String>,
}

impl SessionTypeForm {
    fn from_type(t: &NewSessionType) -> Self {
        Self {
            name: t.name.clone(),
            kind: t.kind.clone(),
            duration_minutes: t.duration_minutes.to_string(),
            price: format!("{}.{:02}", t.price_cents / 100, t.price_cents % 100),
            currency: t.currency.clone(),
            capacity: t.capacity.to_string(),
            buffer_before_minutes: t.buffer_before_minutes.to_string(),
            buffer_after_minutes: t.buffer_after_minutes.to_string(),
            color: t.color.clone(),
            requires_approval: t.requires_approval.then(|| "on".to_owned()),
        }
    }

    fn parse(&self) -> Result<NewSessionType, AppError> {
        let mut errors = Vec::new();
        let mut int = |field: &'static str, raw: &str| -> i64 {
            raw.trim().parse().unwrap_or_else(|_| {
                errors.push(InvalidInput::new(field, "Enter a whole number."));
                0
            })
        };
        let duration_minutes = int("durationMinutes", &self.duration_minutes);
        let capacity = int("capacity", &self.capacity);
        let buffer_before_minutes = int("bufferBeforeMinutes", &self.buffer_before_minutes);
        let buffer_after_minutes = int("bufferAfterMinutes", &self.buffer_after_minutes);
        let price_cents = parse_price(&self.price).unwrap_or_else(|| {
            errors.push(InvalidInput::new(
                "priceCents",
                "Enter a price like 80 or 79.50.",
            ));
            0
        });
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        Ok(NewSessionType {
            name: self.name.clone(),
            kind: self.kind.clone(),
            duration_minutes,
            price_cents,
            currency: self.currency.clone(),
            capacity,
            buffer_before_minutes,
            buffer_after_minutes,
            color: self.color.clone(),
            requires_approval: self.requires_approval.is_some(),
        })
    }
}

/// "80", "79.5", "79.50" -> cents.
pub(crate) fn parse_price(raw: &str) -> Option<i64> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Some(0);
    }
    let (whole, frac) = raw.split_once(['.', ',']).unwrap_or((raw, ""));
    if frac.len() > 2
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(frac)
}

/// "EUR 80.00", or "Free".
pub fn price_label(t: &SessionType) -> String {
    if t.price_cents == 0 {
        "Free".to_owned()
    } else {
        format!(
            "{} {}.{:02}",
            t.currency,
            t.price_cents / 100,
            t.price_cents % 100
        )
    }
}

#[derive(Template)]
#[template(path = "pages/session_types.html")]
struct ListPage {
    shell: Shell,
    types: Vec<SessionType>,
    form: SessionTypeForm,
    errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "pages/session_type_edit.html")]
struct EditPage {
    shell: Shell,
    session_type: SessionType,
    form: SessionTypeForm,
    errors: FieldErrors,
}

async fn list_page(
    state: &AppState,
    session: &Session,
    account: &Coach,
    form: Option<(SessionTypeForm, FieldErrors)>,
) -> PageResult<Response> {
    let shell = Shell::for_coach("Session types", account, PAGE, session).await;
    let types = session_types::list(state.ctx(), account, true).await?;
    let status = if form.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let (form, errors) = form.unwrap_or_else(|| {
        (
            SessionTypeForm::from_type(&NewSessionType::default()),
            FieldErrors::default(),
        )
    });
    render(
        status,
        &ListPage {
            shell,
            types,
            form,
            errors,
        },
    )
}

async fn list_get(
    State(state): State<AppState>,
    session: Session,
    PageCoach(account): PageCoach,
) -> PageResult<Response> {
    list_page(&state, &session, &account, None).await
}

async fn create_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(account): PageCoach,
    PageForm(form): PageForm<SessionTypeForm>,
) -> PageResult<Response> {
    let result = match form.parse() {
        Ok(new) => session_types::create(state.ctx(), &account, &new).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(created) => {
            set_notice(
                &session,
                &format!("Created \u{201c}{}\u{201d}.", created.name),
            )
            .await;
            Ok(Redirect::to(PAGE).into_response())
        }
        Err(e) => list_page(&state, &session, &account, Some((form, form_errors(e)?))).await,
    }
}

async fn edit_get(
    State(state): State<AppState>,
    session: Session,
    PageCoach(account): PageCoach,
    Path(id): Path<i64>,
) -> PageResult<Response> {
    let session_type = session_types::get(state.ctx(), &account, id).await?;
    let shell = Shell::for_coach(
        format!("Edit {}", session_type.name),
        &account,
        PAGE,
        &session,
    )
    .await;
    let form = SessionTypeForm::from_type(&NewSessionType::from(&session_type));
    render(
        StatusCode::OK,
        &EditPage {
            shell,
            session_type,
            form,
            errors: FieldErrors::default(),
        },
    )
}

async fn edit_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(account): PageCoach,
    Path(id): Path<i64>,
    PageForm(form): PageForm<SessionTypeForm>,
) -> PageResult<Response> {
    let result = match form.parse() {
        Ok(new) => session_types::update(state.ctx(), &account, id, &new).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(updated) => {
            set_notice(
                &session,
                &format!("Saved \u{201c}{}\u{201d}.", updated.name),
            )
            .await;
            Ok(Redirect::to(PAGE).into_response())
        }
        Err(e) => {
            let errors = form_errors(e)?;
            let session_type = session_types::get(state.ctx(), &account, id).await?;
            let shell = Shell::for_coach(
                format!("Edit {}", session_type.name),
                &account,
                PAGE,
                &session,
            )
            .await;
            render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &EditPage {
                    shell,
                    session_type,
                    form,
                    errors,
                },
            )
        }
    }
}

async fn archive_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(account): PageCoach,
    Path(id): Path<i64>,
) -> PageResult<Response> {
    let t = session_types::set_archived(state.ctx(), &account, id, true).await?;
    set_notice(
        &session,
        &format!(
            "Archived \u{201c}{}\u{201d}. It is no longer offered; booked sessions keep it.",
            t.name
        ),
    )
    .await;
    Ok(Redirect::to(PAGE).into_response())
}

async fn restore_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(account): PageCoach,
    Path(id): Path<i64>,
) -> PageResult<Response> {
    let t = session_types::set_archived(state.ctx(), &account, id, false).await?;
    set_notice(
        &session,
        &format!("\u{201c}{}\u{201d} is offered again.", t.name),
    )
    .await;
    Ok(Redirect::to(PAGE).into_response())
}

#[cfg(test)]
mod tests {
    use super::parse_price;

    #[test]
    fn prices_parse_to_cents_and_refuse_nonsense() {
        assert_eq!(parse_price("80"), Some(8000));
        assert_eq!(parse_price("79.5"), Some(7950));
        assert_eq!(parse_price("79,50"), Some(7950));
        assert_eq!(parse_price(""), Some(0));
        for bad in ["-1", "1.234", "abc", "1e3", "99999999999999999999"] {
            assert_eq!(parse_price(bad), None, "{bad}");
        }
    }
}
