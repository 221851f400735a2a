//! The coach's Packages page: list (with how many clients are enrolled), create, edit, archive
//! and restore.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use coachbook_core::validate::InvalidInput;
use serde::Deserialize;
use tower_sessions::Session;

use super::session_types::parse_price;
use super::{form_errors, render, set_notice, FieldErrors, Shell};
use crate::app::accounts::Coach;
use crate::app::packages::{self, NewPackage, Package};
use crate::app::session_types::{self, SessionType};
use crate::app::AppError;
use crate::web::error::PageResult;
use crate::web::extract::{PageCoach, PageForm};
use crate::web::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/packages", get(list_get).post(create_post))
        .route("/admin/packages/{id}", get(edit_get).post(edit_post))
        .route("/admin/packages/{id}/archive", post(archive_post))
        .route("/admin/packages/{id}/restore", post(restore_post))
}

const PAGE: &str = "/admin/packages";

/// The form as typed; numbers arrive as text and are checked here, beside their fields.
#[derive(Deserialize, Default, Clone)]
#[serde(rename_all = "camelCase", default)]
pub struct PackageForm {
    name: String,
    session_type_id: String,
    session_count: String,
    session_minutes: String,
    price: String,
    currency: String,
    validity_days: String,
    description: String,
}

impl PackageForm {
    fn from_package(p: &NewPackage) -> Self {
        Self {
            name: p.name.clone(),
            session_type_id: p
                .session_type_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            session_count: p.session_count.to_string(),
            session_minutes: p.session_minutes.map(|m| m.to_string()).unwrap_or_default(),
            price: format!("{}.{:02}", p.price_cents / 100, p.price_cents % 100),
            currency: p.currency.clone(),
            validity_days: p.validity_days.map(|d| d.to_string()).unwrap_or_default(),
            description: p.description.clone(),
        }
    }

    fn parse(&self) -> Result<NewPackage, AppError> {
        let mut errors = Vec::new();
        let mut optional = |field: &'static str, raw: &str| -> Option<i64> {
            let raw = raw.trim();
            if raw.is_empty() {
                return None;
            }
            raw.parse().map(Some).unwrap_or_else(|_| {
                errors.push(InvalidInput::new(field, "Enter a whole number."));
                None
            })
        };
        let session_type_id = optional("sessionTypeId", &self.session_type_id);
        let session_minutes = optional("sessionMinutes", &self.session_minutes);
        let validity_days = optional("validityDays", &self.validity_days);
        let session_count = optional("sessionCount", &self.session_count).unwrap_or(0);
        let price_cents = parse_price(&self.price).unwrap_or_else(|| {
            errors.push(InvalidInput::new(
                "priceCents",
                "Enter a price like 480 or 479.50.",
            ));
            0
        });
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        Ok(NewPackage {
            name: self.name.clone(),
            session_type_id,
            session_count,
            session_minutes,
            price_cents,
            currency: self.currency.clone(),
            validity_days,
            description: self.description.clone(),
        })
    }
}

#[derive(Template)]
#[template(path = "pages/packages.html")]
struct ListPage {
    shell: Shell,
    packages: Vec<Package>,
    types: Vec<SessionType>,
    form: PackageForm,
    errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "pages/package_edit.html")]
struct EditPage {
    shell: Shell,
    package: Package,
    types: Vec<SessionType>,
    form: PackageForm,
    errors: FieldErrors,
}

async fn list_page(
    state: &AppState,
    session: &Session,
    account: &Coach,
    form: Option<(PackageForm, FieldErrors)>,
) -> PageResult<Response> {
    let shell = Shell::for_coach("Packages", account, PAGE, session).await;
    let packages = packages::list(state.ctx(), account, true).await?;
    let types = session_types::list(state.ctx(), account, false).await?;
    let status = if form.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let (form, errors) = form.unwrap_or_else(|| {
        (
            PackageForm::from_package(&NewPackage {
                session_minutes: Some(60),
                ..NewPackage::default()
            }),
            FieldErrors::default(),
        )
    });
    render(
        status,
        &ListPage {
            shell,
            packages,
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
    PageForm(form): PageForm<PackageForm>,
) -> PageResult<Response> {
    let result = match form.parse() {
        Ok(new) => packages::create(state.ctx(), &account, &new).await,
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

async fn edit_page(
    state: &AppState,
    session: &Session,
    account: &Coach,
    id: i64,
    form: Option<(PackageForm, FieldErrors)>,
) -> PageResult<Response> {
    let package = packages::get(state.ctx(), account, id).await?;
    let types = session_types::list(state.ctx(), account, true).await?;
    let shell = Shell::for_coach(format!("Edit {}", package.name), account, PAGE, session).await;
    let status = if form.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let (form, errors) = form.unwrap_or_else(|| {
        (
            PackageForm::from_package(&NewPackage::from(&package)),
            FieldErrors::default(),
        )
    });
    render(
        status,
        &EditPage {
            shell,
            package,
            types,
            form,
            errors,
        },
    )
}

async fn edit_get(
    State(state): State<AppState>,
    session: Session,
    PageCoach(account): PageCoach,
    Path(id): Path<i64>,
) -> PageResult<Response> {
    edit_page(&state, &session, &account, id, None).await
}

async fn edit_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(account): PageCoach,
    Path(id): Path<i64>,
    PageForm(form): PageForm<PackageForm>,
) -> PageResult<Response> {
    let result = match form.parse() {
        Ok(new) => packages::update(state.ctx(), &account, id, &new).await,
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
            edit_page(
                &state,
                &session,
                &account,
                id,
                Some((form, form_errors(e)?)),
            )
            .await
        }
    }
}

async fn archive_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(account): PageCoach,
    Path(id): Path<i64>,
) -> PageResult<Response> {
    let p = packages::set_archived(state.ctx(), &account, id, true).await?;
    set_notice(
        &session,
        &format!(
            "Archived \u{201c}{}\u{201d}. Nobody new can be enrolled; enrolled clients keep their credits.",
            p.name
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
    let p = packages::set_archived(state.ctx(), &account, id, false).await?;
    set_notice(
        &session,
        &format!("\u{201c}{}\u{201d} is offered again.", p.name),
    )
    .await;
    Ok(Redirect::to(PAGE).into_response())
}
