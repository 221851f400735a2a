//! Use cases, one function each. The JSON API, the pages and the CLI all call these; nothing
//! else writes to the store.

pub mod accounts;
pub mod applications;
pub mod availability;
pub mod bookings;
pub mod clients;
pub mod demo;
pub mod packages;
pub mod session_types;
pub mod throttle;

use coachbook_core::validate::InvalidInput;

use crate::store::StoreError;

/// What a use case can refuse, independent of how it is shown (JSON or a page).
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Input that parsed but is not acceptable; one entry per offending field.
    #[error("{}", .0.first().map_or("invalid input", |e| e.message.as_str()))]
    Invalid(Vec<InvalidInput>),
    #[error("sign in to continue")]
    Unauthenticated,
    #[error("the email or password is wrong")]
    BadCredentials,
    #[error("you do not have access to this")]
    Forbidden,
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{0}")]
    Conflict(String),
    /// Free time, but outside the coach's hours or booking policy; the coach may override it.
    #[error("{0}")]
    OutsideAvailability(String),
    #[error("too many attempts; try again in {retry_after_secs} seconds")]
    RateLimited { retry_after_secs: u64 },
    #[error(transparent)]
    Store(StoreError),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Self::Invalid(vec![InvalidInput::new(field, message)])
    }
}

impl From<InvalidInput> for AppError {
    fn from(e: InvalidInput) -> Self {
        Self::Invalid(vec![e])
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        Self::Store(e)
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        Self::Store(e.into())
    }
}

/// Collects every field error of a form before giving up, so a person fixes them all at once.
#[derive(Default)]
pub struct Checker {
    errors: Vec<InvalidInput>,
}

impl Checker {
    pub fn check<T>(&mut self, result: Result<T, InvalidInput>) -> Option<T> {
        result.map_err(|e| self.errors.push(e)).ok()
    }

    pub fn push(&mut self, e: InvalidInput) {
        self.errors.push(e);
    }

    pub fn finish(self) -> Result<(), AppError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self.errors))
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;
