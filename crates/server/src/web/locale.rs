//! The language of each request: resolved once, before the handler, and set as the task's
//! locale ([`crate::app::i18n::scope`]) so that the shell, the templates and the date formatting
//! all read it. The JSON API stays English.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use tower_sessions::Session;

use super::AppState;
use crate::app::i18n::{self, Locale, Tr};
use crate::store::login_sessions::USER_ID_KEY;

/// The request header that asks the JSON API for its messages in a language Coachbook speaks
/// (`Coachbook-Language: de`); without it, or with a language it does not speak, the API answers
/// in English whatever `Accept-Language` says. The app's own scripts send their page's language.
pub const LANGUAGE_HEADER: &str = "coachbook-language";

/// Serves the request in the person's language (see [`i18n::resolve`]); `/api` in English (but for its
/// reference page, or when asked with [`LANGUAGE_HEADER`]). A failure to read the choice is logged and the page served in
/// English, rather than failing a page over its language.
pub async fn with_locale(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    // The API reference (`/api/docs`) is a page for people, in their language.
    let api = path == "/api" || (path.starts_with("/api/") && path != "/api/docs");
    let locale = if api {
        // Scripts match on codes and fields, and read English; Coachbook's own pages ask for
        // their reader's language by name, so a refusal shown in a German page is German.
        req.headers()
            .get(LANGUAGE_HEADER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| Locale::from_code(v.trim()))
            .unwrap_or(Locale::En)
    } else if path.starts_with("/assets/") {
        Locale::En
    } else {
        let slug = path
            .strip_prefix("/c/")
            .and_then(|rest| rest.split('/').next())
            .map(str::to_owned);
        let accept = req
            .headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let user_id = match req.extensions().get::<Session>() {
            Some(session) => session.get::<i64>(USER_ID_KEY).await.ok().flatten(),
            None => None,
        };
        match i18n::resolve(state.ctx(), user_id, slug.as_deref(), accept.as_deref()).await {
            Ok(locale) => locale,
            Err(e) => {
                tracing::error!(error = %e, "could not resolve the request's language");
                Locale::En
            }
        }
    };
    let mut response = i18n::scope(locale, next.run(req)).await;
    if api {
        // An answer's words depend on the header: no cache may hand one reader's to another.
        response
            .headers_mut()
            .append(header::VARY, HeaderValue::from_static(LANGUAGE_HEADER));
    }
    response
}

/// The request's language, for handlers that render text themselves.
impl<S: Send + Sync> FromRequestParts<S> for Tr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(_parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Tr::current())
    }
}
