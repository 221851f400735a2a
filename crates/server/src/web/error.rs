//! One error, rendered two ways: the JSON shape from DESIGN.md under `/api`, an HTML page
//! elsewhere. 4xx messages are safe to show and say what to fix; 5xx bodies say nothing and the
//! cause goes to the log.

use askama::Template;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;

use crate::app::AppError;
use crate::store::StoreError;

/// The JSON error body: `{ "error": { "code", "message", "fields"? } }`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code, e.g. `invalid_input`, `unauthorized`, `not_found`.
    pub code: &'static str,
    /// A sentence for people that says what to fix.
    pub message: String,
    /// Per-field messages for `invalid_input`, keyed by the JSON property name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// For `outside_availability`: why (`in_the_past`, `too_far_ahead` or `outside_hours`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
    /// For server errors: the request's id, which the server log has beside the cause.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

/// How an error looks to the outside: status, code, message, field details.
pub struct Public {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub fields: Vec<FieldError>,
    /// Why a time is outside the hours (kept small: the error travels in `Result`s).
    pub reason: Option<coachbook_core::availability::HoursReason>,
    pub retry_after: Option<u64>,
    /// The request id, for server errors.
    pub reference: Option<String>,
}

impl Public {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            fields: Vec::new(),
            reason: None,
            retry_after: None,
            reference: None,
        }
    }

    /// A server error: it says nothing of the cause (that goes to the log) but gives the
    /// request's id to quote.
    pub fn internal() -> Self {
        Self::internal_with(super::request_id().as_deref())
    }

    pub fn internal_with(reference: Option<&str>) -> Self {
        let message = match reference {
            Some(id) => format!(
                "Something went wrong on our side; it has been logged with reference {id}. Try again."
            ),
            None => "Something went wrong on our side; it has been logged. Try again.".to_owned(),
        };
        let mut p = Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", message);
        p.reference = reference.map(str::to_owned);
        p
    }

    fn with_fields(mut self, errors: &[coachbook_core::validate::InvalidInput]) -> Self {
        self.fields = errors
            .iter()
            .map(|e| FieldError {
                field: e.field,
                message: crate::app::i18n::Tr::current().invalid(e),
            })
            .collect();
        self
    }
}

/// The message of a form's first mistake, in the reader's language (English under `/api`).
fn first_field_message(
    err: &AppError,
    errors: &[coachbook_core::validate::InvalidInput],
) -> String {
    errors.first().map_or_else(
        || err.to_string(),
        |e| crate::app::i18n::Tr::current().invalid(e),
    )
}

impl From<&AppError> for Public {
    fn from(err: &AppError) -> Self {
        match err {
            AppError::Invalid(errors) => Public::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_input",
                first_field_message(err, errors),
            )
            .with_fields(errors),
            AppError::Malformed(errors) => Public::new(
                StatusCode::BAD_REQUEST,
                "invalid_query",
                first_field_message(err, errors),
            )
            .with_fields(errors),
            AppError::Unauthenticated => Public::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "Sign in, or send a valid API token as `Authorization: Bearer TOKEN`.",
            ),
            AppError::BadCredentials => Public::new(
                StatusCode::UNAUTHORIZED,
                "bad_credentials",
                "The email or password is wrong.",
            ),
            AppError::Forbidden => Public::new(
                StatusCode::FORBIDDEN,
                "forbidden",
                "Your account does not have access to this.",
            ),
            AppError::NotFound(what) => Public::new(
                StatusCode::NOT_FOUND,
                "not_found",
                format!("No such {what}."),
            ),
            AppError::Refused(r) => {
                let mut p = Public::new(
                    StatusCode::CONFLICT,
                    super::words::refusal_code(r),
                    super::words::refusal(r),
                );
                if let crate::app::Refusal::OutsideHours(reason) = r {
                    p.reason = Some(*reason);
                }
                p
            }
            AppError::RateLimited { retry_after_secs } => {
                let mut p = Public::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "rate_limited",
                    format!("Too many attempts. Wait {retry_after_secs} seconds, then try again."),
                );
                p.retry_after = Some(*retry_after_secs);
                p
            }
            AppError::Store(StoreError::NotFound) => {
                Public::new(StatusCode::NOT_FOUND, "not_found", "Not found.")
            }
            // A use case names the field of every unique value people choose; one that slips
            // through (two requests racing) is still a conflict to retry, not a server error.
            AppError::Store(e @ (StoreError::Unique { .. } | StoreError::Overlap)) => {
                tracing::warn!(error = %e, "a write conflicted with another");
                Public::new(
                    StatusCode::CONFLICT,
                    "conflict",
                    "This conflicts with a change made at the same moment; reload and try again.",
                )
            }
            AppError::Store(e @ StoreError::Corrupt(_)) => {
                let reference = super::request_id();
                tracing::error!(request_id = reference.as_deref().unwrap_or("-"), error = %e, "stored data does not decode");
                Public::internal_with(reference.as_deref())
            }
            AppError::Store(e) => {
                let reference = super::request_id();
                tracing::error!(request_id = reference.as_deref().unwrap_or("-"), error = %e, "storage failure");
                Public::internal_with(reference.as_deref())
            }
            AppError::Internal(e) => {
                let reference = super::request_id();
                tracing::error!(request_id = reference.as_deref().unwrap_or("-"), error = ?e, "internal failure");
                Public::internal_with(reference.as_deref())
            }
        }
    }
}

impl Public {
    pub fn into_json(self) -> Response {
        let retry_after = self.retry_after;
        let status = self.status;
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code,
                message: self.message,
                fields: self.fields,
                reason: self.reason.map(super::words::hours_reason_code),
                reference: self.reference,
            },
        };
        let mut res = (status, axum::Json(body)).into_response();
        if let Some(secs) = retry_after {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        res
    }

    pub fn into_page(self) -> Response {
        let page = ErrorPage {
            status: self.status.as_u16(),
            title: error_title(self.status),
            message: self.message,
            reference: self.reference,
        };
        let html = page
            .render()
            .unwrap_or_else(|_| "Something went wrong.".to_owned());
        let mut res = (self.status, axum::response::Html(html)).into_response();
        if let Some(secs) = self.retry_after {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        res
    }
}

fn error_title(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 | 422 => "That did not work",
        401 => "Please sign in",
        403 => "No access",
        404 => "Page not found",
        405 => "Not allowed",
        409 => "Conflict",
        413 => "Too large",
        429 => "Slow down",
        _ => "Something went wrong",
    }
}

#[derive(Template)]
#[template(path = "pages/error.html")]
struct ErrorPage {
    status: u16,
    title: &'static str,
    message: String,
    reference: Option<String>,
}

/// An error from a JSON API handler.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        Self(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        Public::from(&self.0).into_json()
    }
}

/// An error from a page handler: signed-out people go to the sign-in page, everything else gets
/// an error page.
#[derive(Debug)]
pub struct PageError(pub AppError);

impl<E: Into<AppError>> From<E> for PageError {
    fn from(e: E) -> Self {
        Self(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        match self.0 {
            AppError::Unauthenticated => Redirect::to("/login").into_response(),
            other => Public::from(&other).into_page(),
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
pub type PageResult<T> = Result<T, PageError>;
