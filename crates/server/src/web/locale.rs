//! The language of each request: resolved once, before the handler, and set as the task's
//! locale ([`crate::app::i18n::scope`]) so that the shell, the templates and the date formatting
//! all read it. The JSON API stays English.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::header;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use tower_sessions::Session;

use super::AppState;
use crate::app::i18n::{self, Locale, Tr};
use crate::store::login_sessions::USER_ID_KEY;

/// Serves the request in the person's language (see [`i18n::resolve`]); `/api` in English but
/// for its reference page. A failure to read the choice is logged and the page served in
/// English, rather than failing a page over its language.
pub async fn with_locale(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    // The API reference (`/api/docs`) is a page for people, in their language.
    let english = path == "/api"
        || (path.starts_with("/api/") && path != "/api/docs")
        || path.starts_with("/assets/");
    let locale = if english {
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
    i18n::scope(locale, next.run(req)).await
}

/// The request's language, for handlers that render text themselves.
impl<S: Send + Sync> FromRequestParts<S> for Tr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(_parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Tr::current())
    }
}
