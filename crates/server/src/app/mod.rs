//! Use cases, one function each. The JSON API, the pages and the CLI all call these; nothing
//! else writes to the store. Each takes a [`Ctx`] (the database and the clock) and plain inputs,
//! and answers with domain values or an [`AppError`] that keeps its structure: how it is worded
//! and shown is the web layer's business.
//!
//! Which types are whose: where the API's form differs from the domain (times written in the
//! viewer's zone, a booking's time given as text, notices worded for people), the API has its
//! own request and response types in `web::api`, converted at the handler. Where a record reads
//! and writes the same on the wire and in the use case (a session type, a package, a client, a
//! weekly window, the policy in minutes), one type serves both, rather than two copies kept in
//! step by hand.

pub mod accounts;
pub mod applications;
pub mod availability;
pub mod bench_data;
pub mod booking_edit;
pub mod booking_page;
pub mod bookings;
pub mod bulk;
pub mod busy_calendars;
pub mod calendar_view;
pub mod catalog;
pub mod clients;
pub mod cohosts;
pub mod dates;
pub mod demo;
mod demo_history;
pub mod feeds;
pub mod i18n;
pub mod insights;
pub mod invitations;
pub mod jobs;
pub mod live;
pub mod manage;
pub mod meeting_links;
pub mod metrics;
pub mod money;
pub mod my_sessions;
pub mod notify;
pub mod outbound;
pub mod packages;
pub mod payments;
pub mod pricing;
pub mod privacy;
pub mod schema;
pub mod series;
pub mod session_requests;
pub mod session_types;
pub mod sessions;
pub mod templates;
pub mod throttle;
pub mod waitlist;
pub mod webhooks;

use coachbook_core::availability::{Conflict, HoursReason};
use coachbook_core::booking::TransitionError;
use coachbook_core::credit::WaiveError;
use coachbook_core::time::Zone;
use coachbook_core::validate::InvalidInput;
use jiff::Timestamp;

use crate::clock::Clock;
use crate::store::types::UnixTime;
use crate::store::{Db, StoreError};

/// What every use case runs against: the database and the one clock. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub db: Db,
    pub clock: Clock,
    /// This node's copies of coaches' calendars for availability answers.
    pub calendars: std::sync::Arc<availability::CalendarCache>,
    /// This node's availability answers of the current second.
    pub answers: std::sync::Arc<availability::AnswerCache>,
    /// Wakes this node's job workers when a job was queued.
    pub wake: std::sync::Arc<jobs::Wake>,
    /// Where emails go (an SMTP server, or kept in the database) and the address they come from.
    pub mail: std::sync::Arc<notify::email::mailer::Mailer>,
    /// How long a worker's claim on a job lasts before another worker may take the job.
    pub job_lease: std::time::Duration,
    /// This node's open event streams (live updates of coaches' calendars).
    pub live: live::Hub,
    /// The HTTP client for addresses people typed (calendar URLs, webhooks), private addresses
    /// refused unless the operator allows them.
    pub outbound: std::sync::Arc<outbound::Outbound>,
}

impl Ctx {
    pub fn new(db: Db, clock: Clock) -> Self {
        Self {
            db,
            clock,
            calendars: std::sync::Arc::default(),
            answers: std::sync::Arc::default(),
            wake: std::sync::Arc::default(),
            mail: std::sync::Arc::default(),
            job_lease: jobs::LEASE,
            live: live::Hub::default(),
            outbound: std::sync::Arc::default(),
        }
    }

    /// The same context making outgoing requests with `outbound`.
    pub fn with_outbound(mut self, outbound: outbound::Outbound) -> Self {
        self.outbound = std::sync::Arc::new(outbound);
        self
    }

    /// The same context with job claims lasting `lease` (see [`jobs::LEASE`]).
    pub fn with_job_lease(mut self, lease: std::time::Duration) -> Self {
        self.job_lease = lease;
        self
    }

    /// The same context with `live` as its hub of event streams.
    pub fn with_live(mut self, live: live::Hub) -> Self {
        self.live = live;
        self
    }

    /// The same context sending emails with `mail` (without it, emails are kept, not sent).
    pub fn with_mail(mut self, mail: notify::email::mailer::Mailer) -> Self {
        self.mail = std::sync::Arc::new(mail);
        self
    }

    /// The current instant; a use case reads it once and uses that value throughout.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// The current instant as stored.
    pub fn stamp(&self) -> UnixTime {
        self.clock.now().into()
    }
}

/// Why a change cannot be made as asked although the input is well-formed: structured, so the
/// web layer can word it for the person (and a page can place it beside the right field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The time collides with something on the calendar; never overridable. `zone` is the one
    /// the coach reads times in.
    Collision { with: Conflict, zone: Zone },
    /// The database itself refused overlapping time (the backstop behind the check).
    Overlap,
    /// Free, but outside the coach's own hours (or in the past, or too far ahead); the coach may
    /// book it anyway.
    OutsideHours(HoursReason),
    /// The booking's status does not allow this change.
    Transition(TransitionError),
    /// The package credit cannot be given back.
    Waive(WaiveError),
    /// An application already has a live discovery call.
    DiscoveryCallBooked,
    /// Application status rules (promoted is final; declined cannot be promoted).
    Application(coachbook_core::application::StatusChangeError),
    /// A booking that is no longer pending or confirmed cannot be moved.
    NotMovable(coachbook_core::booking::BookingStatus),
    /// First-run setup has already made a coach.
    SetupDone,
    /// Two requests raced for the same unique thing; trying again answers.
    Raced(&'static str),
    /// The client already has an active enrolment in this package; enrolling again needs a yes.
    AlreadyEnrolled(Box<clients::AlreadyEnrolled>),
    /// An application cannot be merged into the earliest one from its email.
    Merge(applications::MergeRefusal),
    /// A session cannot be changed as asked (cancelled, capacity below the seats taken, …).
    Session(sessions::SessionRefusal),
}

/// What a use case can refuse, independent of how it is shown (JSON or a page).
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Input that parsed but is not acceptable; one entry per offending field.
    #[error("{}", .0.first().map_or("invalid input", |e| e.message.as_str()))]
    Invalid(Vec<InvalidInput>),
    /// A query string whose values are not in an accepted form (400, not 422: the request
    /// itself is malformed).
    #[error("{}", .0.first().map_or("malformed query", |e| e.message.as_str()))]
    Malformed(Vec<InvalidInput>),
    #[error("sign in to continue")]
    Unauthenticated,
    #[error("the email or password is wrong")]
    BadCredentials,
    #[error("you do not have access to this")]
    Forbidden,
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("refused: {0:?}")]
    Refused(Refusal),
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

    /// The field errors, when this is a form mistake.
    pub fn fields(&self) -> Option<&[InvalidInput]> {
        match self {
            Self::Invalid(e) | Self::Malformed(e) => Some(e),
            _ => None,
        }
    }

    /// A store error, with "not found" meaning the `what` the caller asked for.
    pub fn missing(what: &'static str) -> impl Fn(StoreError) -> AppError {
        move |e| match e {
            StoreError::NotFound => AppError::NotFound(what),
            e => AppError::Store(e),
        }
    }
}

impl From<Refusal> for AppError {
    fn from(r: Refusal) -> Self {
        Self::Refused(r)
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

    /// Takes the field errors of a use case's refusal; anything else is returned to stop.
    pub fn absorb(&mut self, e: AppError) -> Result<(), AppError> {
        match e {
            AppError::Invalid(errors) => {
                self.errors.extend(errors);
                Ok(())
            }
            other => Err(other),
        }
    }

    pub fn finish(self) -> Result<(), AppError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self.errors))
        }
    }

    /// Finishes, and hands back the values that every check produced. `None` among them with no
    /// error recorded is a bug in the caller, reported as one.
    pub fn done<T>(self, values: Option<T>) -> Result<T, AppError> {
        self.finish()?;
        values.ok_or_else(|| anyhow::anyhow!("validation passed without values").into())
    }
}

pub type AppResult<T> = Result<T, AppError>;

/// A tuple of checked values: all of them, when every check produced one.
pub trait AllChecked {
    type Values;
    fn all(self) -> Option<Self::Values>;
}

macro_rules! all_checked {
    ($($t:ident),+) => {
        impl<$($t),+> AllChecked for ($(Option<$t>,)+) {
            type Values = ($($t,)+);

            #[allow(non_snake_case, reason = "the type names double as binding names")]
            fn all(self) -> Option<Self::Values> {
                let ($($t,)+) = self;
                Some(($($t?,)+))
            }
        }
    };
}

all_checked!(A, B);
all_checked!(A, B, C);
all_checked!(A, B, C, D);
all_checked!(A, B, C, D, E);
