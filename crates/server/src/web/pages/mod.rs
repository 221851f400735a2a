//! Server-rendered pages: first-run setup, sign-in, the coach's admin shell and the user's account.

mod account;
mod admin;
pub mod applications;
mod auth;
pub mod availability;
pub mod bookings;
mod catalog;
pub mod clients;
pub mod packages;
pub mod session_types;

use std::sync::OnceLock;

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use coachbook_core::validate::InvalidInput;
use tower_sessions::Session;

use super::assets::asset_url;
use super::error::{PageError, PageResult};
use super::extract::MaybeAccount;
use super::AppState;
use crate::app::accounts::{Account, Coach};
use crate::app::AppError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home_get))
        .merge(auth::router())
        .merge(admin::router())
        .merge(account::router())
        .merge(session_types::router())
        .merge(bookings::router())
        .merge(availability::router())
        .merge(packages::router())
        .merge(clients::router())
        .merge(applications::router())
}

/// `/` sends each person where they belong.
async fn home_get(
    axum::extract::State(state): axum::extract::State<AppState>,
    MaybeAccount(account): MaybeAccount,
) -> Response {
    match account {
        Some(a) if a.is_coach() => Redirect::to("/admin").into_response(),
        Some(_) => Redirect::to("/account").into_response(),
        None if state.setup_code().is_some() => Redirect::to("/setup").into_response(),
        None => Redirect::to("/login").into_response(),
    }
}

/// One entry of the navigation; only pages that exist are listed.
pub struct NavItem {
    pub label: &'static str,
    pub href: &'static str,
    pub active: bool,
}

const COACH_NAV: &[(&str, &str)] = &[
    ("Dashboard", "/admin"),
    ("Bookings", "/admin/bookings"),
    ("Clients", "/admin/clients"),
    ("Applications", "/admin/applications"),
    ("Packages", "/admin/packages"),
    ("Session types", "/admin/session-types"),
    ("Availability", "/admin/availability"),
    ("Settings", "/admin/settings"),
];
const USER_NAV: &[(&str, &str)] = &[("Account", "/account")];

/// What every page's layout needs.
pub struct Shell {
    pub title: String,
    pub account_name: Option<String>,
    pub nav: Vec<NavItem>,
    pub css: String,
    pub js: String,
    pub notice: Option<String>,
}

impl Shell {
    /// A page outside the signed-in area (setup, sign-in, errors).
    pub fn public(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            account_name: None,
            nav: Vec::new(),
            css: asset_url("app.css"),
            js: asset_url("app.js"),
            notice: None,
        }
    }

    /// A public page that shows the notice left for it (sign-in after sign-up).
    pub async fn public_with_notice(title: impl Into<String>, session: &Session) -> Self {
        Self {
            notice: take_notice(session).await,
            ..Self::public(title)
        }
    }

    /// A page inside the signed-in area, with the navigation for the account's role.
    pub async fn signed_in(
        title: impl Into<String>,
        account: &Account,
        current: &str,
        session: &Session,
    ) -> Self {
        Self::inside(title, &account.name, account.is_coach(), current, session).await
    }

    /// A page of the coach's admin shell.
    pub async fn for_coach(
        title: impl Into<String>,
        coach: &Coach,
        current: &str,
        session: &Session,
    ) -> Self {
        Self::inside(title, &coach.name, true, current, session).await
    }

    async fn inside(
        title: impl Into<String>,
        name: &str,
        coach: bool,
        current: &str,
        session: &Session,
    ) -> Self {
        let items = if coach { COACH_NAV } else { USER_NAV };
        let nav = items
            .iter()
            .map(|(label, href)| NavItem {
                label,
                href,
                active: *href == current,
            })
            .collect();
        let notice = take_notice(session).await;
        Self {
            account_name: Some(name.to_owned()),
            nav,
            notice,
            ..Self::public(title)
        }
    }
}

/// A 429 page with the `Retry-After` a script (or a browser extension) can follow.
pub fn with_retry_after(mut res: Response, secs: u64) -> Response {
    res.headers_mut()
        .insert(axum::http::header::RETRY_AFTER, secs.into());
    res
}

const NOTICE_KEY: &str = "notice";

/// Shows `message` once on the next page (after a redirect).
pub async fn set_notice(session: &Session, message: &str) {
    if let Err(e) = session.insert(NOTICE_KEY, message).await {
        tracing::warn!(error = %e, "could not store a notice");
    }
}

async fn take_notice(session: &Session) -> Option<String> {
    session.remove::<String>(NOTICE_KEY).await.ok().flatten()
}

/// Field errors of a submitted form, shown beside each field.
#[derive(Default)]
pub struct FieldErrors(Vec<InvalidInput>);

impl FieldErrors {
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn count(&self) -> usize {
        self.0.len()
    }

    pub fn message(field: &'static str, message: impl Into<String>) -> Self {
        Self(vec![InvalidInput::new(field, message)])
    }
}

/// Reads the numbers of a form, typed as text, noting one error for each field that is not a
/// number, so every typo is shown beside its field at once.
#[derive(Default)]
pub struct Numbers {
    errors: Vec<InvalidInput>,
}

impl Numbers {
    /// A whole number; 0 (and an error) when it is not one.
    pub fn whole(&mut self, field: &'static str, raw: &str) -> i64 {
        raw.trim().parse().unwrap_or_else(|_| {
            self.errors
                .push(InvalidInput::new(field, "Enter a whole number."));
            0
        })
    }

    /// A whole number, or none when left empty; `empty_hint` says what empty means.
    pub fn optional(&mut self, field: &'static str, raw: &str, empty_hint: &str) -> Option<i64> {
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        raw.parse().map(Some).unwrap_or_else(|_| {
            self.errors.push(InvalidInput::new(
                field,
                format!("Enter a whole number{empty_hint}."),
            ));
            None
        })
    }

    /// An amount of money ("80", "79.5", "79,50") in cents; empty is free.
    pub fn price(&mut self, field: &'static str, raw: &str, example: &str) -> i64 {
        parse_price(raw).unwrap_or_else(|| {
            self.errors.push(InvalidInput::new(
                field,
                format!("Enter a price like {example}."),
            ));
            0
        })
    }

    /// `value` when every number read, else the errors.
    pub fn finish<T>(self, value: T) -> Result<T, AppError> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(AppError::Invalid(self.errors))
        }
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

/// Splits a use-case error into field errors to show on the form, or an error page.
pub fn form_errors(err: AppError) -> Result<FieldErrors, PageError> {
    match err {
        AppError::Invalid(errors) | AppError::Malformed(errors) => Ok(FieldErrors(errors)),
        other => Err(PageError(other)),
    }
}

/// A refusal worded for a notice on the next page; anything else is an error page.
pub fn refusal_notice(err: AppError) -> Result<String, PageError> {
    match err {
        AppError::Refused(r) => Ok(crate::web::words::refusal(&r)),
        other => Err(PageError(other)),
    }
}

/// Renders a template as a page with a status.
pub fn render(status: StatusCode, page: &impl Template) -> PageResult<Response> {
    let html = page
        .render()
        .map_err(|e| anyhow::anyhow!("template failed: {e}"))?;
    Ok((status, Html(html)).into_response())
}

/// The IANA zone names offered in time zone pickers.
pub fn time_zones() -> &'static [String] {
    static ZONES: OnceLock<Vec<String>> = OnceLock::new();
    ZONES.get_or_init(|| {
        let mut zones: Vec<String> = jiff::tz::db()
            .available()
            .map(|n| n.to_string())
            .filter(|n| n.contains('/') && !n.starts_with("Etc/"))
            .collect();
        zones.push("UTC".into());
        zones.sort();
        zones.dedup();
        zones
    })
}

/// `raw` when it is a path on this site that is safe to put in a `Location` header: it starts
/// with one `/` (not `//`, which browsers read as another host), holds no backslash (`/\` is
/// read as `//` too) and no control character or space (a tab or a newline is dropped or breaks
/// the header). Every `next` and `back` goes through here before anything is done.
pub fn local_path(raw: &str) -> Option<&str> {
    let ok = raw.starts_with('/')
        && !raw.starts_with("//")
        && raw.len() <= 2000
        && !raw
            .chars()
            .any(|c| c == '\\' || c.is_control() || c.is_whitespace());
    ok.then_some(raw)
}

/// Only same-site paths may be returned to after sign-in.
pub fn safe_next(next: Option<&str>) -> Option<String> {
    next.and_then(local_path).map(str::to_owned)
}

#[derive(Template)]
#[template(path = "pages/api_docs.html")]
struct ApiDocsPage {
    shell: Shell,
    operations: Vec<Operation>,
}

struct Operation {
    method: String,
    path: String,
    summary: String,
    description: String,
    responses: Vec<(String, String)>,
    anchor: String,
}

/// The API reference page, rendered from the OpenAPI document.
pub fn api_docs(doc: &utoipa::openapi::OpenApi) -> Result<String, AppError> {
    let mut operations = Vec::new();
    for (path, item) in &doc.paths.paths {
        let methods = [
            ("GET", &item.get),
            ("POST", &item.post),
            ("PUT", &item.put),
            ("PATCH", &item.patch),
            ("DELETE", &item.delete),
        ];
        for (method, op) in methods {
            let Some(op) = op else { continue };
            let responses = op
                .responses
                .responses
                .iter()
                .map(|(code, r)| {
                    let text = match r {
                        utoipa::openapi::RefOr::T(r) => r.description.clone(),
                        utoipa::openapi::RefOr::Ref(r) => r.ref_location.clone(),
                    };
                    (code.clone(), text)
                })
                .collect();
            let anchor = format!(
                "{}-{}",
                method.to_lowercase(),
                path.replace(['/', '{', '}'], "-")
            );
            operations.push(Operation {
                method: method.to_owned(),
                path: path.clone(),
                summary: op.summary.clone().unwrap_or_default(),
                description: op.description.clone().unwrap_or_default(),
                responses,
                anchor,
            });
        }
    }
    let page = ApiDocsPage {
        shell: Shell::public("API reference"),
        operations,
    };
    page.render()
        .map_err(|e| anyhow::anyhow!("template failed: {e}").into())
}
