//! First-run setup, sign-in, sign-out and sign-up.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use tower_sessions::Session;

use super::Tr;
use super::{
    form_errors, render, safe_next, set_notice, time_zones, with_retry_after, FieldErrors, Shell,
};
use crate::app::accounts::{self, Account, NewAccount, SignUp};
use crate::app::throttle::PublicForm;
use crate::app::{AppError, Refusal};
use crate::store::login_sessions::USER_ID_KEY;
use crate::web::error::{PageError, PageResult};
use crate::web::extract::{ClientAddr, MaybeAccount, PageForm};
use crate::web::{words, AppState};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/setup", get(setup_get).post(setup_post))
        .route("/login", get(login_get).post(login_post))
        .route("/logout", get(logout_get).post(logout_post))
        .route("/signup", get(signup_get).post(signup_post))
}

/// Starts a fresh session for `account`: a new session id, so a session id planted before
/// sign-in is worthless after it.
async fn sign_in(session: &Session, account: &Account) -> Result<(), PageError> {
    session
        .cycle_id()
        .await
        .map_err(|e| anyhow::anyhow!("session cycle failed: {e}"))?;
    session
        .insert(USER_ID_KEY, account.id)
        .await
        .map_err(|e| anyhow::anyhow!("session insert failed: {e}"))?;
    Ok(())
}

fn home_for(account: &Account) -> &'static str {
    if account.is_coach() {
        "/admin"
    } else {
        "/account"
    }
}

#[derive(Template)]
#[template(path = "pages/setup.html")]
struct SetupPage {
    shell: Shell,
    form: SetupForm,
    errors: FieldErrors,
    zones: &'static [String],
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct SetupForm {
    setup_code: String,
    name: String,
    email: String,
    password: String,
    time_zone: String,
    slug: String,
}

async fn setup_get(State(state): State<AppState>) -> PageResult<Response> {
    if state.setup_code().is_none() {
        return Ok(Redirect::to("/login").into_response());
    }
    let page = SetupPage {
        shell: Shell::public(Tr::current().t("setup-title")),
        form: SetupForm::default(),
        errors: FieldErrors::default(),
        zones: time_zones(),
    };
    render(StatusCode::OK, &page)
}

async fn setup_post(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    session: Session,
    PageForm(form): PageForm<SetupForm>,
) -> PageResult<Response> {
    let Some(code) = state.setup_code() else {
        return Err(PageError(Refusal::SetupDone.into()));
    };
    let reshow_with = |status: StatusCode, form: SetupForm, errors: FieldErrors| {
        let page = SetupPage {
            shell: Shell::public(Tr::current().t("setup-title")),
            form: SetupForm {
                password: String::new(),
                ..form
            },
            errors,
            zones: time_zones(),
        };
        render(status, &page)
    };
    let reshow = |form: SetupForm, errors: FieldErrors| {
        reshow_with(StatusCode::UNPROCESSABLE_ENTITY, form, errors)
    };
    // Guessing the setup code is throttled like guessing a password.
    match state.throttle().check(state.ctx(), "setup", addr).await {
        Ok(()) => {}
        Err(AppError::RateLimited { retry_after_secs }) => {
            let message =
                Tr::current().t1("setup-too-many", "seconds", retry_after_secs.to_string());
            let res = reshow_with(
                StatusCode::TOO_MANY_REQUESTS,
                form,
                FieldErrors::message("setupCode", message),
            )?;
            return Ok(with_retry_after(res, retry_after_secs));
        }
        Err(e) => return Err(PageError(e)),
    }
    // Copied or typed: any case, spaces, with or without the dash.
    if !coachbook_core::codes::code_matches(&form.setup_code, &code) {
        state.throttle().failed(state.ctx(), "setup", addr).await?;
        return reshow(
            form,
            FieldErrors::message("setupCode", Tr::current().t("setup-code-wrong")),
        );
    }
    let new = NewAccount {
        name: form.name.clone(),
        email: form.email.clone(),
        password: form.password.clone(),
        time_zone: form.time_zone.clone(),
        slug: Some(form.slug.clone()),
    };
    let account = match accounts::first_run_setup(state.ctx(), &new).await {
        Ok(account) => account,
        Err(AppError::Refused(Refusal::SetupDone)) => {
            state.close_setup();
            return Err(PageError(Refusal::SetupDone.into()));
        }
        Err(e) => return reshow(form, form_errors(e)?),
    };
    state.close_setup();
    tracing::info!(coach = account.id, "first-run setup finished");
    sign_in(&session, &account).await?;
    set_notice(&session, &Tr::current().t("setup-welcome")).await;
    Ok(Redirect::to("/admin").into_response())
}

#[derive(Template)]
#[template(path = "pages/login.html")]
struct LoginPage {
    shell: Shell,
    email: String,
    next: String,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NextQuery {
    next: Option<String>,
}

async fn login_get(
    State(state): State<AppState>,
    MaybeAccount(account): MaybeAccount,
    session: Session,
    Query(q): Query<NextQuery>,
) -> PageResult<Response> {
    if let Some(account) = account {
        return Ok(Redirect::to(home_for(&account)).into_response());
    }
    if state.setup_code().is_some() {
        return Ok(Redirect::to("/setup").into_response());
    }
    let next = safe_next(q.next.as_deref()).unwrap_or_default();
    // After sign-up, the email just entered (kept in the session, never in the address).
    let email = session
        .remove::<String>(SIGNED_UP_EMAIL)
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    render(
        StatusCode::OK,
        &LoginPage {
            shell: Shell::public_with_notice(Tr::current().t("login-title"), &session).await,
            email,
            next,
            error: None,
        },
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LoginForm {
    email: String,
    password: String,
    next: String,
}

async fn login_post(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    session: Session,
    PageForm(form): PageForm<LoginForm>,
) -> PageResult<Response> {
    let next = safe_next(Some(&form.next));
    let refuse = |status: StatusCode, message: String| {
        let page = LoginPage {
            shell: Shell::public(Tr::current().t("login-title")),
            email: form.email.clone(),
            next: next.clone().unwrap_or_default(),
            error: Some(message),
        };
        render(status, &page)
    };
    if form.email.trim().is_empty() || form.password.is_empty() {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            Tr::current().t("login-enter-both"),
        );
    }
    match state.throttle().check(state.ctx(), &form.email, addr).await {
        Ok(()) => {}
        Err(AppError::RateLimited { retry_after_secs }) => {
            let res = refuse(
                StatusCode::TOO_MANY_REQUESTS,
                format!(
                    "Too many sign-in attempts. Wait {retry_after_secs} seconds, then try again."
                ),
            )?;
            return Ok(with_retry_after(res, retry_after_secs));
        }
        Err(e) => return Err(PageError(e)),
    }
    match accounts::authenticate(state.ctx(), &form.email, &form.password).await {
        Ok(account) => {
            state
                .throttle()
                .succeeded(state.ctx(), &form.email, addr)
                .await?;
            sign_in(&session, &account).await?;
            Ok(Redirect::to(next.as_deref().unwrap_or(home_for(&account))).into_response())
        }
        Err(AppError::BadCredentials) => {
            state
                .throttle()
                .failed(state.ctx(), &form.email, addr)
                .await?;
            refuse(StatusCode::UNAUTHORIZED, Tr::current().t("login-wrong"))
        }
        Err(e) => Err(PageError(e)),
    }
}

#[derive(Template)]
#[template(path = "pages/logout.html")]
struct LogoutPage {
    shell: Shell,
}

/// Signing out changes state, so GET only asks.
async fn logout_get(MaybeAccount(account): MaybeAccount) -> PageResult<Response> {
    if account.is_none() {
        return Ok(Redirect::to("/login").into_response());
    }
    render(
        StatusCode::OK,
        &LogoutPage {
            shell: Shell::public(Tr::current().t("logout-title")),
        },
    )
}

/// Ends this session and every other session of the account (a shared or lost device is
/// signed out too), and says so on the sign-in page.
async fn logout_post(State(state): State<AppState>, session: Session) -> PageResult<Response> {
    let user_id: Option<i64> = session.get(USER_ID_KEY).await.ok().flatten();
    if let Some(user_id) = user_id {
        accounts::sign_out_everywhere(state.ctx(), user_id).await?;
    }
    session
        .flush()
        .await
        .map_err(|e| anyhow::anyhow!("session flush failed: {e}"))?;
    // The signed-in session is gone; the notice goes in a fresh one that holds nothing else
    // (a new id, no account), read once by the sign-in page.
    set_notice(&session, &Tr::current().t("logout-done")).await;
    Ok(Redirect::to("/login").into_response())
}

#[derive(Template)]
#[template(path = "pages/signup.html")]
struct SignupPage {
    shell: Shell,
    form: NewAccount,
    errors: FieldErrors,
    zones: &'static [String],
    /// Where to go after signing in (an invitation link), percent-encoded; empty for home.
    next: String,
}

/// `?next=` (a path on this site to come back to) and `?email=` (filled in), as an invitation
/// link sends them.
#[derive(Deserialize, Default)]
#[serde(default)]
struct SignupQuery {
    next: Option<String>,
    email: Option<String>,
}

/// Percent-encodes a path as one query value.
fn encode_next(next: &str) -> String {
    next.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn signup_get(
    MaybeAccount(account): MaybeAccount,
    Query(q): Query<SignupQuery>,
) -> PageResult<Response> {
    let next = safe_next(q.next.as_deref());
    if let Some(account) = account {
        return Ok(Redirect::to(next.as_deref().unwrap_or(home_for(&account))).into_response());
    }
    let email: String = q
        .email
        .unwrap_or_default()
        .trim()
        .chars()
        .take(254)
        .collect();
    render(
        StatusCode::OK,
        &SignupPage {
            shell: Shell::public(Tr::current().t("signup-title")),
            form: NewAccount {
                email,
                ..NewAccount::default()
            },
            errors: FieldErrors::default(),
            zones: time_zones(),
            next: next.as_deref().map(encode_next).unwrap_or_default(),
        },
    )
}

/// The session key under which sign-up leaves its email for the sign-in form.
const SIGNED_UP_EMAIL: &str = "signed_up_email";

/// Sign-up answers alike whether or not the email already had an account: it goes on to the
/// sign-in form with the email filled in, and only the account's own password opens it.
/// Submissions are limited per address and per email ([`PublicForm::SignUp`]).
async fn signup_post(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    session: Session,
    Query(q): Query<NextQuery>,
    PageForm(form): PageForm<NewAccount>,
) -> PageResult<Response> {
    let new = NewAccount { slug: None, ..form };
    let next = safe_next(q.next.as_deref());
    let reshow = |status: StatusCode, new: NewAccount, errors: FieldErrors| {
        let page = SignupPage {
            shell: Shell::public(Tr::current().t("signup-title")),
            form: NewAccount {
                password: String::new(),
                ..new
            },
            errors,
            zones: time_zones(),
            next: next.as_deref().map(encode_next).unwrap_or_default(),
        };
        render(status, &page)
    };
    let admitted = match state
        .forms()
        .admit(state.ctx(), PublicForm::SignUp, addr, &new.email)
        .await
    {
        Ok(admitted) => admitted,
        Err(AppError::RateLimited { retry_after_secs }) => {
            let message = format!(
                "Too many sign-ups from here or with this email. Wait {}, then try again.",
                words::wait(retry_after_secs)
            );
            let res = reshow(
                StatusCode::TOO_MANY_REQUESTS,
                new,
                FieldErrors::message("email", message),
            )?;
            return Ok(with_retry_after(res, retry_after_secs));
        }
        Err(e) => return Err(PageError(e)),
    };
    match accounts::sign_up(state.ctx(), &new).await {
        Ok(outcome) => {
            match outcome {
                SignUp::Created(account) => {
                    tracing::info!(user = account.id, "account created");
                }
                SignUp::EmailTaken => {
                    tracing::info!(
                        "a sign-up named an email that already has an account; nothing changed"
                    );
                }
            }
            set_notice(&session, &Tr::current().t("signup-ready")).await;
            if let Err(e) = session.insert(SIGNED_UP_EMAIL, new.email.trim()).await {
                tracing::warn!(error = %e, "could not keep the email for the sign-in form");
            }
            let login = match &next {
                Some(next) => format!("/login?next={}", encode_next(next)),
                None => "/login".to_owned(),
            };
            Ok(Redirect::to(&login).into_response())
        }
        Err(e) => {
            admitted.give_back(state.ctx()).await?;
            reshow(StatusCode::UNPROCESSABLE_ENTITY, new, form_errors(e)?)
        }
    }
}
