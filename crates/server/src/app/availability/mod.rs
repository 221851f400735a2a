//! The coach's availability: weekly hours, date overrides, time off and the booking policy
//! ([`schedule`]), and the open slots the engine computes from them, also for an unsaved draft
//! (the live preview) ([`slots`]). Loading what the engine needs is here, shared with booking.

mod answers;
mod cache;
mod schedule;
mod slots;

pub use answers::{AnswerCache, AnswerKey};
pub use cache::{calendar_for, Cached, CalendarCache};

pub use schedule::{
    boundary_label, create_block, delete_block, delete_override, impact, policy, replace_rules,
    schedule, set_override, update_policy, BlockInput, HoursChange, PolicyInput, RangeInput,
    Schedule, WindowInput, MAX_BLOCKS, MAX_RULES,
};
pub use slots::{preview, slots, Draft, Found, Preview, SlotsInput};

use coachbook_core::availability::{data_window, Calendar, ExistingSession, WeeklyRule};
use coachbook_core::time::{Interval, SessionId, SessionTypeId, Zone};
use jiff::SignedDuration;
use sqlx::AnyConnection;

use super::AppResult;
use crate::store::availability as store;
use crate::store::bookings::{sessions_between, SessionRow};

/// Field names for errors about one weekday's windows, Monday first.
pub const WEEKDAY_FIELDS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
pub const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn existing(s: &SessionRow) -> AppResult<ExistingSession> {
    let count = |what: &str, v: i64| {
        u32::try_from(v).map_err(|_| anyhow::anyhow!("session {}: {what} is {v}", s.id))
    };
    Ok(ExistingSession {
        id: SessionId(s.id),
        start: s.start_at.timestamp(),
        end: s.end_at.timestamp(),
        session_type_id: SessionTypeId(s.session_type_id),
        capacity: count("capacity", s.capacity)?,
        booked: count("seats taken", s.booked)?,
        buffer_before: SignedDuration::from_mins(s.buffer_before_minutes),
        buffer_after: SignedDuration::from_mins(s.buffer_after_minutes),
    })
}

/// Everything the engine needs about one coach near `range`, read on one connection (inside the
/// booking transaction when called from a write): sessions and time off within the engine's
/// [`data_window`] of the range only, so the cost follows the range and not the history. `rules`
/// replaces the saved weekly rules (the preview of a draft). Stored data the engine refuses is a
/// server error with its cause, never skipped.
pub(crate) async fn load_calendar(
    conn: &mut AnyConnection,
    coach_id: i64,
    zone: &Zone,
    range: Interval,
    rules: Option<Vec<WeeklyRule>>,
) -> AppResult<Calendar> {
    let window = data_window(range.start, range.end);
    let mut sessions = sessions_between(&mut *conn, coach_id, window)
        .await?
        .iter()
        .map(existing)
        .collect::<AppResult<Vec<_>>>()?;
    // Sessions this coach co-hosts (invited or accepted) take their time like their own: full,
    // so that no seat in another coach's session is ever offered here.
    for s in crate::store::cohosts::held_between(&mut *conn, coach_id, window).await? {
        sessions.push(existing(&s)?);
    }
    with_sessions(conn, coach_id, zone, window, rules, sessions).await
}

/// The coach's hours and time off near `range`, without sessions: what was offered, for
/// [`Calendar::open_in`] (utilisation), at the cost of the rules, overrides and time off only.
pub(crate) async fn load_hours(
    conn: &mut AnyConnection,
    coach_id: i64,
    zone: &Zone,
    range: Interval,
) -> AppResult<Calendar> {
    let window = data_window(range.start, range.end);
    with_sessions(conn, coach_id, zone, window, None, Vec::new()).await
}

/// The calendar of `sessions` with the coach's stored hours (or `rules`) and time off in
/// `window`.
async fn with_sessions(
    conn: &mut AnyConnection,
    coach_id: i64,
    zone: &Zone,
    window: Interval,
    rules: Option<Vec<WeeklyRule>>,
    sessions: Vec<ExistingSession>,
) -> AppResult<Calendar> {
    let blocks = store::blocks_near(&mut *conn, coach_id, window).await?;
    let rules = match rules {
        Some(r) => r,
        None => store::rules(&mut *conn, coach_id).await?,
    };
    let overrides = store::overrides_near(&mut *conn, coach_id, window).await?;
    let schedule = coachbook_core::availability::Schedule {
        time_zone: zone.tz().clone(),
        rules,
        overrides,
    };
    let busy = super::busy_calendars::busy_near(&mut *conn, coach_id, window).await?;
    Ok(Calendar::new(schedule, sessions, blocks, busy)
        .map_err(|e| anyhow::anyhow!("stored calendar data of coach {coach_id} is invalid: {e}"))?)
}
