//! Account settings (profile and password), shown to users at `/account` and to coaches inside
//! the admin shell.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use tower_sessions::Session;

use super::{form_errors, render, set_notice, time_zones, FieldErrors, Shell};
use crate::app::accounts::{self, Account, SettingsUpdate};
use crate::app::i18n::{self, Locale, Tr};
use crate::web::error::PageResult;
use crate::web::extract::{PageAccount, PageForm};
use crate::web::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account", get(account_get).post(account_post))
        .route("/account/password", post(password_post))
}

/// Where a settings page lives.
pub struct Place {
    pub page: &'static str,
    /// The message id of the page's title and heading.
    pub title: &'static str,
}

const PLACE: Place = Place {
    page: "/account",
    title: i18n::msg("nav-account"),
};

#[derive(Template)]
#[template(path = "pages/settings.html")]
struct SettingsPage<'a> {
    shell: Shell,
    place: &'a Place,
    account: &'a Account,
    form: SettingsUpdate,
    errors: FieldErrors,
    password_errors: FieldErrors,
    zones: &'static [String],
    locales: [Locale; 2],
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct PasswordForm {
    current_password: String,
    new_password: String,
}

fn current_values(account: &Account) -> SettingsUpdate {
    SettingsUpdate {
        name: account.name.clone(),
        email: account.email.clone(),
        time_zone: account.zone.name().to_owned(),
        slug: account.practice.as_ref().map(|(_, slug)| slug.clone()),
        locale: Some(account.locale.map_or("", Locale::code).to_owned()),
        default_locale: account.default_locale.map(|l| l.code().to_owned()),
    }
}

pub async fn settings_page(
    place: &Place,
    account: &Account,
    session: &Session,
    submitted: Option<(SettingsUpdate, FieldErrors)>,
    password_errors: Option<FieldErrors>,
) -> PageResult<Response> {
    let shell = Shell::signed_in(Tr::current().t(place.title), account, place.page, session).await;
    let (form, errors) =
        submitted.unwrap_or_else(|| (current_values(account), FieldErrors::default()));
    let password_errors = password_errors.unwrap_or_default();
    let status = if errors.is_empty() && password_errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render(
        status,
        &SettingsPage {
            shell,
            place,
            account,
            form,
            errors,
            password_errors,
            zones: time_zones(),
            locales: Locale::ALL,
        },
    )
}

pub async fn settings_post_for(
    place: &Place,
    state: &AppState,
    session: &Session,
    account: &Account,
    form: SettingsUpdate,
) -> PageResult<Response> {
    match accounts::update_settings(state.ctx(), account, &form).await {
        Ok(_) => {
            set_notice(session, &Tr::current().t("settings-saved")).await;
            Ok(Redirect::to(place.page).into_response())
        }
        Err(e) => settings_page(place, account, session, Some((form, form_errors(e)?)), None).await,
    }
}

/// Changes the password and ends every other session of the account.
pub async fn password_post_for(
    place: &Place,
    state: &AppState,
    session: &Session,
    account: &Account,
    form: PasswordForm,
) -> PageResult<Response> {
    match accounts::change_password(
        state.ctx(),
        account,
        &form.current_password,
        &form.new_password,
        session.id().as_ref(),
    )
    .await
    {
        Ok(ended) => {
            let others = i64::try_from(ended).unwrap_or(i64::MAX);
            let said = Tr::current().t1("settings-password-changed", "others", others);
            set_notice(session, &said).await;
            Ok(Redirect::to(place.page).into_response())
        }
        Err(e) => settings_page(place, account, session, None, Some(form_errors(e)?)).await,
    }
}

async fn account_get(session: Session, PageAccount(account): PageAccount) -> PageResult<Response> {
    if account.is_coach() {
        return Ok(Redirect::to("/admin/settings").into_response());
    }
    settings_page(&PLACE, &account, &session, None, None).await
}

async fn account_post(
    State(state): State<AppState>,
    session: Session,
    PageAccount(account): PageAccount,
    PageForm(form): PageForm<SettingsUpdate>,
) -> PageResult<Response> {
    settings_post_for(
        &PLACE,
        &state,
        &session,
        &account,
        SettingsUpdate { slug: None, ..form },
    )
    .await
}

async fn password_post(
    State(state): State<AppState>,
    session: Session,
    PageAccount(account): PageAccount,
    PageForm(form): PageForm<PasswordForm>,
) -> PageResult<Response> {
    password_post_for(&PLACE, &state, &session, &account, form).await
}
