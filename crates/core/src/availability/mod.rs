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
pub use schedule::{
    in_cycle, week_start, weeks_between, Block, DateOverride, WeeklyRule, MAX_EVERY_WEEKS,
    MIN_EVERY_WEEKS,
};
pub use slots::{
    Availability, HoursReason, PolicyReason, Query, QueryError, SessionTypeSpec, Slot, StartClass,
    MAX_DURATION, MAX_QUERY_DAYS,
};

use jiff::{SignedDuration, Timestamp};

use crate::policy::BookingPolicy;
use crate::time::{sat_add, sat_sub, Interval, SessionId};

/// The stretch of time whose sessions, one-off blocks and busy intervals can affect a question
/// about `[from, to)`: buffers (at most 24 h), slot lengths (at most 24 h) and the ISO weeks
/// touching the range for weekly limits all lie within eight days either side. The server loads
/// only this from the database, so building a [`Calendar`] per request stays cheap whatever the
/// history; rules, overrides and weekly/whole-day blocks are few and are loaded whole.
pub fn data_window(from: Timestamp, to: Timestamp) -> Interval {
    const MARGIN: SignedDuration = SignedDuration::from_hours(8 * 24);
    Interval {
        start: sat_sub(from, MARGIN),
        end: sat_add(to, MARGIN),
    }
}

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
