//! Helpers shared by the core integration tests.
#![allow(dead_code)]

use coachbook_core::availability::{
    Block, Calendar, DateOverride, ExistingSession, Query, Schedule, SessionTypeSpec, WeeklyRule,
};
use coachbook_core::policy::BookingPolicy;
use coachbook_core::time::{Interval, SessionId, SessionTypeId};
use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

pub const ONE_ON_ONE: SessionTypeId = SessionTypeId(1);
pub const GROUP: SessionTypeId = SessionTypeId(2);
pub const DISCOVERY: SessionTypeId = SessionTypeId(3);

pub fn tz(name: &str) -> TimeZone {
    TimeZone::get(name).expect("zone in the bundled tzdb")
}

pub fn ts(s: &str) -> Timestamp {
    s.parse().expect("RFC 3339 timestamp")
}

pub fn date(s: &str) -> Date {
    s.parse().expect("date")
}

pub fn time(s: &str) -> Time {
    s.parse().expect("time")
}

/// A wall-clock reading in `zone` that exists and is unambiguous (panics otherwise: tests only).
pub fn local(zone: &TimeZone, s: &str) -> Timestamp {
    let dt: DateTime = s.parse().expect("civil datetime");
    zone.to_ambiguous_timestamp(dt)
        .unambiguous()
        .expect("unambiguous local time")
}

pub fn mins(m: i64) -> SignedDuration {
    SignedDuration::from_mins(m)
}

pub fn rule(weekday: Weekday, start: &str, end: &str) -> WeeklyRule {
    WeeklyRule {
        weekday,
        start: time(start),
        end: time(end),
        session_type_ids: vec![],
        valid_from: None,
        valid_until: None,
        every_weeks: 1,
        anchor: None,
    }
}

pub fn every_day(start: &str, end: &str) -> Vec<WeeklyRule> {
    [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ]
    .into_iter()
    .map(|d| rule(d, start, end))
    .collect()
}

pub fn weekdays_nine_to_five() -> Vec<WeeklyRule> {
    [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
    ]
    .into_iter()
    .map(|d| rule(d, "09:00", "17:00"))
    .collect()
}

pub fn schedule(zone: &TimeZone, rules: Vec<WeeklyRule>, overrides: Vec<DateOverride>) -> Schedule {
    Schedule {
        time_zone: zone.clone(),
        rules,
        overrides,
    }
}

pub fn calendar(
    zone: &TimeZone,
    rules: Vec<WeeklyRule>,
    sessions: Vec<ExistingSession>,
    blocks: Vec<Block>,
    busy: Vec<Interval>,
) -> Calendar {
    Calendar::new(schedule(zone, rules, vec![]), sessions, blocks, busy).expect("valid calendar")
}

pub fn spec(minutes: i64) -> SessionTypeSpec {
    SessionTypeSpec {
        id: ONE_ON_ONE,
        duration: mins(minutes),
        buffer_before: SignedDuration::ZERO,
        buffer_after: SignedDuration::ZERO,
        capacity: 1,
    }
}

/// A policy that gets out of the way: no notice, a year ahead, 30-minute grid.
pub fn open_policy() -> BookingPolicy {
    BookingPolicy {
        min_notice: SignedDuration::ZERO,
        max_days_ahead: 366,
        ..BookingPolicy::default()
    }
}

pub fn query(spec: SessionTypeSpec, now: Timestamp, from: Timestamp, to: Timestamp) -> Query {
    Query {
        session_type: spec,
        policy: open_policy(),
        now,
        from,
        to,
        exclude_session: None,
    }
}

pub fn session(id: i64, start: Timestamp, minutes: i64) -> ExistingSession {
    ExistingSession {
        id: SessionId(id),
        start,
        end: start.checked_add(mins(minutes)).expect("in range"),
        session_type_id: ONE_ON_ONE,
        capacity: 1,
        booked: 1,
        buffer_before: SignedDuration::ZERO,
        buffer_after: SignedDuration::ZERO,
    }
}

pub fn interval(start: Timestamp, end: Timestamp) -> Interval {
    Interval::new(start, end).expect("non-empty interval")
}

/// Local wall-clock labels ("HH:MM") of slot starts, in the given zone.
pub fn labels(zone: &TimeZone, starts: impl IntoIterator<Item = Timestamp>) -> Vec<String> {
    starts
        .into_iter()
        .map(|s| zone.to_datetime(s).time().strftime("%H:%M").to_string())
        .collect()
}
