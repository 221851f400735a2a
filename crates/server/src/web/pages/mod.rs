//! Server-rendered pages: first-run setup, sign-in, the coach's admin shell and the user's account.

mod account;
mod admin;
pub mod applications;
mod auth;
pub mod availability;
mod booking_edit;
pub mod bookings;
mod bulk;
mod busy_calendars;
pub mod calendar;
mod catalog;
mod client_money;
pub mod clients;
mod coach_page;
mod cohosts;
mod emails;
mod feeds;
mod insights;
mod invite;
mod manage;
mod meeting_links;
pub mod my;
pub mod notifications;
mod notify_settings;
pub mod packages;
mod payments;
mod privacy;
mod request_form;
pub mod requests;
pub mod session_types;
mod unsubscribe;
pub mod waitlist;
mod webhooks;

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
use crate::app::i18n::msg;
pub use crate::app::i18n::Tr;
use crate::app::notify::inapp;
use crate::app::{AppError, Ctx};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home_get))
        .merge(auth::router())
        .merge(admin::router())
        .merge(account::router())
        .merge(session_types::router())
        .merge(bookings::router())
        .merge(bulk::router())
        .merge(booking_edit::router())
        .merge(busy_calendars::router())
        .merge(calendar::router())
        .merge(cohosts::router())
        .merge(availability::router())
        .merge(packages::router())
        .merge(clients::router())
        .merge(applications::router())
        .merge(coach_page::router())
        .merge(emails::router())
        .merge(my::router())
        .merge(manage::router())
        .merge(invite::router())
        .merge(unsubscribe::router())
        .merge(notify_settings::router())
        .merge(privacy::router())
        .merge(meeting_links::router())
        .merge(feeds::router())
        .merge(notifications::router())
        .merge(requests::router())
        .merge(request_form::router())
        .merge(waitlist::router())
        .merge(webhooks::router())
        .merge(insights::router())
        .merge(payments::router())
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
    /// The label, in the page's language.
    pub label: String,
    pub href: &'static str,
    pub active: bool,
}

/// (message id of the label, address).
const COACH_NAV: &[(&str, &str)] = &[
    (msg("nav-dashboard"), "/admin"),
    (msg("nav-calendar"), "/admin/calendar"),
    (msg("nav-bookings"), "/admin/bookings"),
    (msg("nav-clients"), "/admin/clients"),
    (msg("nav-applications"), "/admin/applications"),
    (msg("nav-requests"), "/admin/requests"),
    (msg("nav-insights"), "/admin/insights"),
    (msg("nav-payments"), "/admin/payments"),
    (msg("nav-packages"), "/admin/packages"),
    (msg("nav-session-types"), "/admin/session-types"),
    (msg("nav-availability"), "/admin/availability"),
    (msg("nav-settings"), "/admin/settings"),
];
const USER_NAV: &[(&str, &str)] = &[
    (msg("nav-my-sessions"), "/my"),
    (msg("nav-account"), "/account"),
];

/// What every page's layout needs.
pub struct Shell {
    pub title: String,
    pub account_name: Option<String>,
    pub nav: Vec<NavItem>,
    pub css: String,
    pub js: String,
    pub notice: Option<String>,
    /// The bell: how many of the signed-in person's notifications are unread.
    pub unread: i64,
    /// Whether this is the notifications page (the bell is then the current page).
    pub on_notifications: bool,
    /// The script that keeps the bell's count current.
    pub bell_js: String,
    /// The page's language, for templates: `shell.tr.t(id)` (docs/i18n.md).
    pub tr: Tr,
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
            unread: 0,
            on_notifications: false,
            bell_js: asset_url("notifications.js"),
            tr: Tr::current(),
        }
    }

    /// The words the page's scripts write, in the page's language: JSON for the layout's
    /// `#cb-messages` (docs/i18n.md, "Scripts").
    pub fn script_messages(&self) -> &'static str {
        crate::app::i18n::script_messages(self.tr.locale())
    }

    /// What the bell says to a screen reader: "Notifications, 3 unread".
    pub fn bell_label(&self) -> String {
        bell_label(self.unread)
    }

    /// The bell's badge: the count, "99+" past 99.
    pub fn bell_badge(&self) -> String {
        if self.unread > 99 {
            "99+".to_owned()
        } else {
            self.unread.to_string()
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
        let who = Who {
            user_id: account.id,
            name: &account.name,
            coach: account.is_coach(),
        };
        Self::inside(title, who, current, session).await
    }

    /// A page of the coach's admin shell.
    pub async fn for_coach(
        title: impl Into<String>,
        coach: &Coach,
        current: &str,
        session: &Session,
    ) -> Self {
        let who = Who {
            user_id: coach.user_id,
            name: &coach.name,
            coach: true,
        };
        Self::inside(title, who, current, session).await
    }

    async fn inside(
        title: impl Into<String>,
        who: Who<'_>,
        current: &str,
        session: &Session,
    ) -> Self {
        let items = if who.coach { COACH_NAV } else { USER_NAV };
        let tr = Tr::current();
        let nav = items
            .iter()
            .map(|(label, href)| NavItem {
                label: tr.t(label),
                href,
                active: *href == current,
            })
            .collect();
        let notice = take_notice(session).await;
        Self {
            account_name: Some(who.name.to_owned()),
            nav,
            notice,
            unread: unread_count(who.user_id).await,
            on_notifications: current == notifications::PAGE,
            ..Self::public(title)
        }
    }
}

/// The signed-in person a shell is for.
struct Who<'a> {
    user_id: i64,
    name: &'a str,
    coach: bool,
}

/// "Notifications, 3 unread", or "Notifications" when none is (the bell script says the same).
pub fn bell_label(unread: i64) -> String {
    Tr::current().t1("notifications-unread", "count", unread.max(0))
}

tokio::task_local! {
    /// The use cases' context while a page is served, so that every signed-in page's shell can
    /// show the bell's count without each handler handing the context to [`Shell`].
    static PAGE_CTX: Ctx;
}

/// Serves a page with [`PAGE_CTX`] set; a layer around [`router`].
pub async fn with_page_ctx(
    axum::extract::State(state): axum::extract::State<AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    PAGE_CTX.scope(state.ctx().clone(), next.run(req)).await
}

/// The bell's count: one indexed read of at most [`inapp::UNREAD_COUNT_CAP`] entries. A page
/// still renders when it fails (without a count; the cause goes to the log).
async fn unread_count(user_id: i64) -> i64 {
    let Ok(cx) = PAGE_CTX.try_with(Clone::clone) else {
        return 0;
    };
    match inapp::unread_count(&cx, user_id).await {
        Ok(n) => n,
        Err(e) => {
            tracing::warn!(error = %e, "could not count unread notifications");
            0
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
    /// The errors of a submitted form, each worded in the reader's language.
    pub fn new(errors: Vec<InvalidInput>) -> Self {
        let tr = Tr::current();
        Self(
            errors
                .into_iter()
                .map(|mut e| {
                    let text = tr.invalid(&e);
                    e.reword(text);
                    e
                })
                .collect(),
        )
    }

    /// Adds the error of one more field.
    pub fn push(&mut self, e: InvalidInput) {
        self.0.extend(Self::new(vec![e]).0);
    }

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

    /// The first error of any field whose name starts with `prefix` (a list field such as
    /// `priceTiers[2].from`, shown beside the one input it was typed in).
    pub fn starting(&self, prefix: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field.starts_with(prefix))
            .map(|e| e.message.as_str())
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
            self.errors.push(
                InvalidInput::new(field, "Enter a whole number.")
                    .key("validate-enter-whole-number"),
            );
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
            let refused = InvalidInput::new(field, format!("Enter a whole number{empty_hint}."));
            // Without a hint it is the plain sentence, which has its words in every language.
            self.errors.push(if empty_hint.is_empty() {
                refused.key("validate-enter-whole-number")
            } else {
                refused
            });
            None
        })
    }

    /// An amount of money in cents, typed the usual ways ("1,200.50", "€79,50", "95 GBP"); empty
    /// is free. A currency typed with it must be the form's `currency`.
    pub fn price(&mut self, field: &'static str, raw: &str, currency: &str) -> i64 {
        match parse_price(raw) {
            Some(Price {
                code: Some(code), ..
            }) if !currency.trim().is_empty() && !code.eq_ignore_ascii_case(currency.trim()) => {
                let currency = currency.trim().to_uppercase();
                self.errors.push(
                    InvalidInput::new(
                        field,
                        format!(
                            "This price is in {code} but the currency is {currency}; make them the same."
                        ),
                    )
                    .key("validate-price-other-currency")
                    .arg("code", &code)
                    .arg("currency", &currency),
                );
                0
            }
            Some(price) => price.cents,
            None => {
                self.errors.push(price_hint(field));
                0
            }
        }
    }

    /// `value` when every number read, else the errors.
    pub fn finish<T>(self, value: T) -> Result<T, AppError> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(AppError::Invalid(self.errors))
        }
    }

    /// `value` (with a placeholder where a number did not read) and the errors, so the rest of
    /// the form can still be checked.
    pub fn parts<T>(self, value: T) -> (T, Vec<InvalidInput>) {
        (value, self.errors)
    }
}

/// The field error for a price that does not read.
pub fn price_hint(field: &'static str) -> InvalidInput {
    InvalidInput::new(
        field,
        "Enter the price as a number like 1,200.50 or 79.50 (at most two decimals).",
    )
    .key("validate-price-hint")
}

/// What to type when a price does not read.
pub const PRICE_HINT: &str =
    "Enter the price as a number like 1,200.50 or 79.50 (at most two decimals).";

/// A typed price: cents, and the currency typed with it, if any (`"EUR"` for "€79,50").
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Price {
    pub cents: i64,
    pub code: Option<String>,
}

/// Spaces people put between thousands: ordinary, no-break, thin and narrow no-break.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}')
}

/// Reads a typed price: "1,200.50", "1.200,50", "1 200,50", "$1,200.50", "€79,50", "£95",
/// "95 GBP", "79.5"; empty is 0. When both '.' and ',' appear, the last one is the decimal mark and the other
/// groups thousands; a single '.' or ',' followed by exactly three digits groups thousands
/// ("1,200" is 1200.00), otherwise it is the decimal mark. Groups after the first have exactly
/// three digits; at most two decimals; ASCII digits only; never negative.
pub(crate) fn parse_price(raw: &str) -> Option<Price> {
    let s = raw.trim_matches(|c: char| c.is_whitespace() || is_group_space(c));
    if s.is_empty() {
        return Some(Price {
            cents: 0,
            code: None,
        });
    }
    if s.chars().count() > 40 {
        return None;
    }
    let (number, code) = strip_currency(s)?;
    let number = number.trim_matches(|c: char| c.is_whitespace() || is_group_space(c));
    if number.is_empty()
        || !number
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || is_group_space(c))
    {
        return None;
    }
    let has_space = number.chars().any(is_group_space);
    let dots = number.matches('.').count();
    let commas = number.matches(',').count();
    // Which character groups thousands and which marks decimals, if any.
    let (group, decimal): (Option<char>, Option<char>) = match (has_space, dots, commas) {
        (true, 0, 0) => (Some(' '), None),
        (true, 1, 0) => (Some(' '), Some('.')),
        (true, 0, 1) => (Some(' '), Some(',')),
        (true, _, _) => return None,
        (false, 0, 0) => (None, None),
        (false, _, 0) | (false, 0, _) => {
            let sep = if dots > 0 { '.' } else { ',' };
            let after = number.rsplit(sep).next().unwrap_or_default();
            if dots + commas > 1 || after.len() == 3 {
                (Some(sep), None)
            } else {
                (None, Some(sep))
            }
        }
        (false, 1, _) | (false, _, 1) => {
            let last_dot = number.rfind('.');
            let last_comma = number.rfind(',');
            let (group, decimal) = if last_dot > last_comma {
                (',', '.')
            } else {
                ('.', ',')
            };
            if number.matches(decimal).count() != 1 {
                return None;
            }
            (Some(group), Some(decimal))
        }
        _ => return None,
    };
    let (whole, frac) = match decimal {
        Some(d) => number.split_once(d)?,
        None => (number, ""),
    };
    if frac.len() > 2 || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if decimal.is_some() && frac.is_empty() {
        return None;
    }
    let whole_digits: String = match group {
        None => {
            if !whole.chars().all(|c| c.is_ascii_digit()) || (whole.is_empty() && frac.is_empty()) {
                return None;
            }
            whole.to_owned()
        }
        Some(g) => {
            let groups: Vec<&str> = if g == ' ' {
                whole.split(is_group_space).collect()
            } else {
                whole.split(g).collect()
            };
            let (first, rest) = groups.split_first()?;
            let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
            if first.is_empty()
                || first.len() > 3
                || !digits(first)
                || (first.starts_with('0') && !rest.is_empty())
                || rest.iter().any(|g| g.len() != 3 || !digits(g))
            {
                return None;
            }
            groups.concat()
        }
    };
    let whole: i64 = if whole_digits.is_empty() {
        0
    } else {
        whole_digits.parse().ok()?
    };
    let frac: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    let cents = whole.checked_mul(100)?.checked_add(frac)?;
    Some(Price { cents, code })
}

/// Takes one currency sign or three-letter code off the front or the back: "$1,200.50",
/// "€ 79,50", "95 GBP", "EUR80". The rest is the number.
fn strip_currency(s: &str) -> Option<(&str, Option<String>)> {
    const SIGNS: &[(char, Option<&str>)] = &[
        ('$', None),
        ('\u{20ac}', Some("EUR")),
        ('\u{a3}', Some("GBP")),
        ('\u{a5}', None),
    ];
    for (sign, code) in SIGNS {
        if let Some(rest) = s.strip_prefix(*sign).or_else(|| s.strip_suffix(*sign)) {
            return Some((rest, code.map(str::to_owned)));
        }
    }
    let letters = |t: &str| t.len() == 3 && t.bytes().all(|b| b.is_ascii_alphabetic());
    if let (Some(head), Some(rest)) = (s.get(..3), s.get(3..)) {
        if letters(head) {
            return Some((rest, Some(head.to_ascii_uppercase())));
        }
    }
    if let Some(cut) = s.len().checked_sub(3) {
        if let (Some(rest), Some(tail)) = (s.get(..cut), s.get(cut..)) {
            if letters(tail) {
                return Some((rest, Some(tail.to_ascii_uppercase())));
            }
        }
    }
    if s.starts_with(|c: char| c.is_alphabetic()) || s.ends_with(|c: char| c.is_alphabetic()) {
        return None;
    }
    Some((s, None))
}

/// Splits a use-case error into field errors to show on the form, or an error page.
pub fn form_errors(err: AppError) -> Result<FieldErrors, PageError> {
    match err {
        AppError::Invalid(errors) | AppError::Malformed(errors) => Ok(FieldErrors::new(errors)),
        other => Err(PageError(other)),
    }
}

/// A refusal worded for a notice on the next page; anything else is an error page.
pub fn refusal_notice(err: AppError) -> Result<String, PageError> {
    match err {
        AppError::Refused(r) => Ok(crate::web::words::refusal_on_page(&r)),
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
    /// Whether the page is in English, the language of the operations it lists.
    english: bool,
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
    let tr = Tr::current();
    let page = ApiDocsPage {
        shell: Shell::public(tr.t("api-title")),
        operations,
        english: tr.locale() == crate::app::i18n::Locale::En,
    };
    page.render()
        .map_err(|e| anyhow::anyhow!("template failed: {e}").into())
}

#[cfg(test)]
mod tests {
    use super::{Numbers, Price, PRICE_HINT};

    fn cents(typed: &str) -> Option<i64> {
        super::parse_price(typed).map(|p| p.cents)
    }

    #[test]
    fn prices_read_the_ways_people_type_them() {
        for (typed, c) in [
            ("", 0),
            ("80", 8000),
            ("79.5", 7950),
            ("79,50", 7950),
            ("1200.50", 120_050),
            ("1,200.50", 120_050),
            ("$1,200.50", 120_050),
            ("1.200,50", 120_050),
            ("1 200,50", 120_050),
            ("1\u{a0}200,50", 120_050),
            ("1\u{2009}200,50", 120_050),
            ("1\u{202f}200.50", 120_050),
            ("1,200", 120_000),
            ("1.200", 120_000),
            ("1,234,567.89", 123_456_789),
            ("1.234.567,89", 123_456_789),
            ("£95", 9500),
            ("95 GBP", 9500),
            ("EUR 80", 8000),
            ("  79.50 ", 7950),
            (".5", 50),
        ] {
            assert_eq!(cents(typed), Some(c), "{typed:?}");
        }
    }

    #[test]
    fn a_currency_typed_with_the_price_is_kept() {
        assert_eq!(
            super::parse_price("€79,50"),
            Some(Price {
                cents: 7950,
                code: Some("EUR".into())
            })
        );
        assert_eq!(
            super::parse_price("95 gbp").and_then(|p| p.code),
            Some("GBP".into())
        );
        assert_eq!(
            super::parse_price("$5").and_then(|p| p.code),
            None,
            "$ is many currencies"
        );
    }

    #[test]
    fn prices_that_do_not_read_are_refused_without_panicking() {
        for bad in [
            "-1",
            "--5",
            "-$5",
            "abc",
            "12x",
            "1e3",
            "1,2,3",
            "1..2",
            "1.2345",
            "12.345.6",
            "1,20,000",
            "0.500",
            ",500",
            "5.",
            "1,200.505",
            "1.200,50.1",
            "1 200.50,1",
            "\u{661}\u{662}\u{663}",
            "\u{ff11}\u{ff12}",
            "99999999999999999999",
            "92233720368547758.08",
            "9223372036854775807",
            "$",
            "EURO",
            "US$5",
            "$5$",
            "1 2",
            ".",
            "\u{0}",
        ] {
            assert_eq!(cents(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_refused_price_says_what_to_type() {
        let mut n = Numbers::default();
        n.price("priceCents", "1,2,3", "EUR");
        let (_, errors) = n.parts(());
        assert_eq!(errors[0].message, PRICE_HINT);
        assert_eq!(
            PRICE_HINT,
            "Enter the price as a number like 1,200.50 or 79.50 (at most two decimals)."
        );
    }

    #[test]
    fn a_price_in_another_currency_than_the_form_is_refused() {
        let mut n = Numbers::default();
        assert_eq!(n.price("priceCents", "95 GBP", "gbp"), 9500);
        assert_eq!(n.price("priceCents", "€80", ""), 8000);
        assert!(n.parts(()).1.is_empty());
        let mut n = Numbers::default();
        n.price("priceCents", "£95", "EUR");
        let (_, errors) = n.parts(());
        assert_eq!(
            errors[0].message,
            "This price is in GBP but the currency is EUR; make them the same."
        );
    }
}
