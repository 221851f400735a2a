//! Extractors: request bodies that reject with our error shape, and who is asking.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::rejection::{FormRejection, JsonRejection, QueryRejection};
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::de::DeserializeOwned;
use tower_sessions::Session;

use super::error::{ApiError, PageError, Public};
use super::AppState;
use crate::app::accounts::{self, Account, Coach};
use crate::app::AppError;
use crate::store::login_sessions::USER_ID_KEY;

/// `axum::Json` whose rejections use the API error shape and say what to fix.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(req.headers()) {
            return Err(
                json_rejection(&JsonRejection::MissingJsonContentType(Default::default()))
                    .into_json(),
            );
        }
        let body = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|e| json_rejection(&JsonRejection::BytesRejection(e)).into_json())?;
        json_object(&body).map(Self).map_err(Public::into_json)
    }
}

/// `Content-Type: application/json` (or `application/…+json`), parameters aside.
fn is_json(headers: &axum::http::HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Reads a JSON body that must be an object. (serde would also read a struct from an array of
/// its fields in order, which no client means and the API description does not allow.)
pub fn json_object<T: DeserializeOwned>(body: &[u8]) -> Result<T, Public> {
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    if first.is_some_and(|b| *b != b'{')
        && serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok()
    {
        return Err(Public::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
            "Send a JSON object, e.g. {\"name\": \"…\"}.",
        ));
    }
    axum::Json::<T>::from_bytes(body)
        .map(|axum::Json(v)| v)
        .map_err(|rejection| json_rejection(&rejection))
}

fn json_rejection(r: &JsonRejection) -> Public {
    let (status, code, message) = match r {
        JsonRejection::JsonDataError(e) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
            e.body_text(),
        ),
        JsonRejection::JsonSyntaxError(e) => {
            (StatusCode::BAD_REQUEST, "malformed_json", e.body_text())
        }
        JsonRejection::MissingJsonContentType(_) => (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Send the body as JSON with the header `Content-Type: application/json`.".to_owned(),
        ),
        other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => (
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!(
                "The request body is too large; the limit is {} KiB.",
                super::BODY_LIMIT / 1024
            ),
        ),
        other => (other.status(), "bad_request", other.body_text()),
    };
    Public::new(status, code, message)
}

/// `axum::extract::Query` with API-shaped rejections.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(Self(v)),
            Err(r @ QueryRejection::FailedToDeserializeQueryString(_)) => {
                Err(
                    Public::new(StatusCode::BAD_REQUEST, "invalid_query", r.body_text())
                        .into_json(),
                )
            }
            Err(r) => Err(Public::new(r.status(), "invalid_query", r.body_text()).into_json()),
        }
    }
}

/// `axum::Form` for pages: a malformed body gets an error page, not a bare text response.
pub struct PageForm<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for PageForm<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(v)) => Ok(Self(v)),
            Err(r) => {
                let public = match &r {
                    FormRejection::BytesRejection(_)
                        if r.status() == StatusCode::PAYLOAD_TOO_LARGE =>
                    {
                        Public::new(
                            StatusCode::PAYLOAD_TOO_LARGE,
                            "payload_too_large",
                            "The form is too large to send.",
                        )
                    }
                    _ => Public::new(
                        StatusCode::BAD_REQUEST,
                        "bad_request",
                        "The form could not be read; reload the page and try again.",
                    ),
                };
                Err(public.into_page())
            }
        }
    }
}

/// The address a request came from; `X-Forwarded-For` only when configured to trust it.
pub struct ClientAddr(pub IpAddr);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if state.config().trust_forwarded_for {
            let forwarded = parts
                .headers
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next_back())
                .and_then(|v| v.trim().parse().ok());
            if let Some(ip) = forwarded {
                return Ok(Self(ip));
            }
        }
        let ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::LOCALHOST), |ConnectInfo(addr)| {
                addr.ip()
            });
        Ok(Self(ip))
    }
}

/// Who is signed in through the browser session, if anyone.
async fn session_account(parts: &mut Parts, state: &AppState) -> Result<Option<Account>, AppError> {
    let Ok(session) = Session::from_request_parts(parts, state).await else {
        return Ok(None);
    };
    let user_id: Option<i64> = session
        .get(USER_ID_KEY)
        .await
        .map_err(|e| anyhow::anyhow!("session load failed: {e}"))?;
    match user_id {
        None => Ok(None),
        Some(id) => match accounts::get_account(state.ctx(), id).await {
            Ok(account) => Ok(Some(account)),
            Err(AppError::Unauthenticated) => Ok(None),
            Err(e) => Err(e),
        },
    }
}

/// The account behind an API request: a bearer token, else the session cookie.
pub struct ApiAccount(pub Account);

impl FromRequestParts<AppState> for ApiAccount {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(value) = parts.headers.get(header::AUTHORIZATION) {
            let token = value
                .to_str()
                .ok()
                .and_then(|v| {
                    v.strip_prefix("Bearer ")
                        .or_else(|| v.strip_prefix("bearer "))
                })
                .ok_or(AppError::Unauthenticated)?;
            return Ok(Self(
                accounts::account_for_token(state.ctx(), token.trim()).await?,
            ));
        }
        session_account(parts, state)
            .await?
            .map(Self)
            .ok_or(ApiError(AppError::Unauthenticated))
    }
}

/// An API request from a coach.
pub struct ApiCoach(pub Coach);

impl FromRequestParts<AppState> for ApiCoach {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let ApiAccount(account) = ApiAccount::from_request_parts(parts, state).await?;
        account
            .coach()
            .map(Self)
            .ok_or(ApiError(AppError::Forbidden))
    }
}

/// Whoever is signed in to the pages, if anyone.
pub struct MaybeAccount(pub Option<Account>);

impl FromRequestParts<AppState> for MaybeAccount {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Self(session_account(parts, state).await?))
    }
}

fn to_login(parts: &Parts) -> Response {
    let next = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let next = if next.starts_with('/') && !next.starts_with("//") {
        next
    } else {
        "/"
    };
    let encoded: String = form_urlencoded_component(next);
    Redirect::to(&format!("/login?next={encoded}")).into_response()
}

/// Percent-encodes a path for use as one query value.
fn form_urlencoded_component(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A signed-in person on a page; others are sent to sign in and brought back.
pub struct PageAccount(pub Account);

impl FromRequestParts<AppState> for PageAccount {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match session_account(parts, state).await {
            Ok(Some(account)) => Ok(Self(account)),
            Ok(None) => Err(to_login(parts)),
            Err(e) => Err(PageError(e).into_response()),
        }
    }
}

/// A signed-in coach on an admin page.
pub struct PageCoach(pub Coach);

impl FromRequestParts<AppState> for PageCoach {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let PageAccount(account) = PageAccount::from_request_parts(parts, state).await?;
        account
            .coach()
            .map(Self)
            .ok_or_else(|| PageError(AppError::Forbidden).into_response())
    }
}

/// A signed-in coach's account, for the settings coaches share with users.
pub struct PageCoachAccount(pub Account);

impl FromRequestParts<AppState> for PageCoachAccount {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let PageAccount(account) = PageAccount::from_request_parts(parts, state).await?;
        if account.is_coach() {
            Ok(Self(account))
        } else {
            Err(PageError(AppError::Forbidden).into_response())
        }
    }
}

/// `axum::extract::Path` with API-shaped rejections (e.g. `/api/session-types/abc`).
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(Self(v)),
            Err(_) => Err(Public::new(
                StatusCode::NOT_FOUND,
                "not_found",
                "No such resource: the id in the path is not valid.",
            )
            .into_json()),
        }
    }
}

/// Whoever is asking through the API, if anyone: a bearer token (which must be valid when
/// given), else the session cookie, else nobody. For the routes visitors may use too.
pub struct MaybeApiAccount(pub Option<Account>);

impl FromRequestParts<AppState> for MaybeApiAccount {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if parts.headers.contains_key(header::AUTHORIZATION) {
            let ApiAccount(account) = ApiAccount::from_request_parts(parts, state).await?;
            return Ok(Self(Some(account)));
        }
        Ok(Self(session_account(parts, state).await?))
    }
}
