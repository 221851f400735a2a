//! The availability engine: from a coach's rules, overrides, blocks, busy time and sessions to
//! open slots, busy time, conflict checks and the classification of a requested start. Pure:
//! `now` is always an argument.
//!
//! Build a [`Calendar`] once per request (it sorts and indexes), then ask it questions:
//! [`Calendar::availability`], [`Calendar::check_conflict`], [`Calendar::classify_start`].

mod calendar;
mod conflict;
mod index;
mod schedule;
mod slots;

pub use calendar::{Calendar, CalendarError, ExistingSession, Schedule, MAX_BUFFER};
pub use conflict::{check_conflict, Conflict, ConflictError};
pub use schedule::{Block, DateOverride, WeeklyRule};
pub use slots::{
    Availability, PolicyReason, Query, QueryError, SessionTypeSpec, Slot, StartClass, MAX_DURATION,
    MAX_QUERY_DAYS,
};

use jiff::Timestamp;

use crate::policy::BookingPolicy;
use crate::time::SessionId;

/// Free-function form of [`Calendar::classify_start`].
pub fn classify_start(
    calendar: &Calendar,
    session_type: &SessionTypeSpec,
    policy: &BookingPolicy,
    now: Timestamp,
    start: Timestamp,
    exclude: Option<SessionId>,
) -> Result<StartClass, QueryError> {
    calendar.classify_start(session_type, policy, now, start, exclude)
}

/// Free-function form of [`Calendar::is_offered`].
pub fn is_offered(
    calendar: &Calendar,
    session_type: &SessionTypeSpec,
    policy: &BookingPolicy,
    now: Timestamp,
    start: Timestamp,
    exclude: Option<SessionId>,
) -> Result<bool, QueryError> {
    calendar.is_offered(session_type, policy, now, start, exclude)
}
