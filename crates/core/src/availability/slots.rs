//! Open slots: expanding the schedule over a range and removing what conflicts, breaks the
//! booking policy or exceeds capacity; plus classifying one requested start.

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::calendar::{Calendar, ExistingSession, MAX_BUFFER};
use super::conflict::Conflict;
use crate::policy::{BookingPolicy, PolicyError};
use crate::time::{
    iso_week_start, label_to_instant, local_date, local_day, merge_intervals, sat_add, sat_sub,
    wall_to_instant, Buffers, Interval, SessionId, SessionTypeId,
};

/// Longest query range; the booking page asks for weeks, an export at most a year.
pub const MAX_QUERY_DAYS: i64 = 366;
/// Longest session type accepted: windows stay within one local day, so nothing longer fits.
pub const MAX_DURATION: SignedDuration = SignedDuration::from_hours(24);

/// The session type being booked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionTypeSpec {
    pub id: SessionTypeId,
    /// Real elapsed time, also across DST transitions.
    pub duration: SignedDuration,
    #[serde(default)]
    pub buffer_before: SignedDuration,
    #[serde(default)]
    pub buffer_after: SignedDuration,
    /// 1 = one-on-one; more = a group session with this many seats.
    pub capacity: u32,
}

impl SessionTypeSpec {
    pub fn buffers(&self) -> Buffers {
        Buffers {
            before: self.buffer_before,
            after: self.buffer_after,
        }
    }

    pub fn validate(&self) -> Result<(), QueryError> {
        if self.duration <= SignedDuration::ZERO || self.duration > MAX_DURATION {
            return Err(QueryError::Duration);
        }
        let ok = |d: SignedDuration| !d.is_negative() && d <= MAX_BUFFER;
        if !ok(self.buffer_before) || !ok(self.buffer_after) {
            return Err(QueryError::Buffer);
        }
        if self.capacity == 0 {
            return Err(QueryError::Capacity);
        }
        Ok(())
    }
}

/// One availability question: which starts are open for this session type in `[from, to)`,
/// as seen at `now`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Query {
    pub session_type: SessionTypeSpec,
    pub policy: BookingPolicy,
    pub now: Timestamp,
    /// Slots *starting* in `[from, to)` are returned, so consecutive pages never repeat a slot.
    pub from: Timestamp,
    pub to: Timestamp,
    /// A session to treat as absent: the one being rescheduled.
    #[serde(default)]
    pub exclude_session: Option<SessionId>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("the range must end after it starts")]
    EmptyRange,
    #[error("ask for at most {MAX_QUERY_DAYS} days at a time")]
    RangeTooLong,
    #[error("the session duration must be more than zero and at most 24 hours")]
    Duration,
    #[error("buffers must be between 0 and 24 hours")]
    Buffer,
    #[error("the capacity must be at least 1")]
    Capacity,
    #[error(transparent)]
    Policy(#[from] PolicyError),
}

impl Query {
    pub fn validate(&self) -> Result<(), QueryError> {
        if self.to <= self.from {
            return Err(QueryError::EmptyRange);
        }
        if self.to.duration_since(self.from) > SignedDuration::from_hours(MAX_QUERY_DAYS * 24) {
            return Err(QueryError::RangeTooLong);
        }
        self.session_type.validate()?;
        self.policy.validate()?;
        Ok(())
    }
}

/// A bookable start. `session_id` is set when the slot joins an existing group session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    pub start: Timestamp,
    pub end: Timestamp,
    pub seats_left: u32,
    pub session_id: Option<SessionId>,
}

/// The answer to a [`Query`]: open slots and merged busy time, both sorted by start. Busy time
/// says only *that* the coach is busy, never with whom or for what.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Availability {
    pub slots: Vec<Slot>,
    pub busy: Vec<Interval>,
}

/// Why a requested start is not a firm booking although nothing hard is in the way: the server
/// turns these into session requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyReason {
    TooLittleNotice,
    TooFarAhead,
    /// Not in the coach's hours for this session type, or off the slot grid.
    OutsideHours,
    DailyLimitReached,
    WeeklyLimitReached,
}

/// Why the coach's own booking of a free time lies outside what they set up. Unlike a
/// [`Conflict`], the coach may book it anyway.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HoursReason {
    InThePast,
    TooFarAhead,
    /// Not inside the coach's weekly hours or date overrides for this session type.
    OutsideHours,
}

/// What a requested start is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StartClass {
    /// Exactly an offered slot: book it firmly.
    Offered(Slot),
    /// Free, but outside the booking policy: it can become a request.
    OutsidePolicy(PolicyReason),
    /// Collides with a session, block or busy time: refuse.
    Conflict(Conflict),
}

/// Instants as nanoseconds since the Unix epoch. The hot loop of a query compares and adds
/// plain integers: jiff's checked `Timestamp` arithmetic showed up as a third of query time.
type Ns = i128;

fn ns(ts: Timestamp) -> Ns {
    ts.as_nanosecond()
}

fn ns_intervals(intervals: &[Interval]) -> Vec<(Ns, Ns)> {
    intervals.iter().map(|i| (ns(i.start), ns(i.end))).collect()
}

/// The query's view of the coach's time near the range, merged for binary search.
struct Obstacles<'a> {
    /// Session cores, blocks and busy time: the new slot *with* its buffers must avoid these.
    hard: Vec<(Ns, Ns)>,
    /// Sessions with their buffers: the new slot's core must avoid these.
    soft: Vec<Interval>,
    soft_ns: Vec<(Ns, Ns)>,
    /// Blocks and busy time alone.
    time_off: Vec<Interval>,
    sessions: Vec<&'a ExistingSession>,
}

impl<'a> Obstacles<'a> {
    fn gather(cal: &'a Calendar, span: Interval, exclude: Option<SessionId>) -> Self {
        let near = cal.sessions_near_buffered(span, exclude);
        let time_off: Vec<Interval> = cal.time_off_in(span).into_iter().map(|(i, _)| i).collect();
        let mut hard = time_off.clone();
        hard.extend(near.iter().map(|(s, _)| s.core()));
        let soft = merge_intervals(near.iter().map(|(_, buffered)| *buffered).collect());
        let sessions = near.into_iter().map(|(s, _)| s).collect();
        Self {
            hard: ns_intervals(&merge_intervals(hard)),
            soft_ns: ns_intervals(&soft),
            soft,
            time_off: merge_intervals(time_off),
            sessions,
        }
    }

    /// Whether a new session `[start, end)` with buffers `before`/`after` collides with anything.
    /// A cursor for candidates visited in increasing start order.
    fn sweep(&self) -> Sweep<'_> {
        Sweep {
            hard: &self.hard,
            soft: &self.soft_ns,
            hard_at: 0,
            soft_at: 0,
        }
    }
}

/// Checks candidates in increasing start order against the merged obstacle lists, advancing two
/// cursors instead of binary-searching each time: slot starts only grow, so every obstacle that
/// ended before one candidate ended before all later ones.
struct Sweep<'a> {
    hard: &'a [(Ns, Ns)],
    soft: &'a [(Ns, Ns)],
    hard_at: usize,
    soft_at: usize,
}

impl Sweep<'_> {
    /// Whether a new session `[start, end)` with buffers `before`/`after` collides with anything.
    /// `start` must not decrease between calls (buffers are the same for every call).
    fn blocks(&mut self, start: Ns, end: Ns, before: Ns, after: Ns) -> bool {
        let (buffered_start, buffered_end) = (start - before, end + after);
        while self
            .hard
            .get(self.hard_at)
            .is_some_and(|x| x.1 <= buffered_start)
        {
            self.hard_at += 1;
        }
        while self.soft.get(self.soft_at).is_some_and(|x| x.1 <= start) {
            self.soft_at += 1;
        }
        self.hard
            .get(self.hard_at)
            .is_some_and(|x| x.0 < buffered_end)
            || self.soft.get(self.soft_at).is_some_and(|x| x.0 < end)
    }
}

/// Whether `interval` overlaps any of `sorted`, which must be merged (disjoint, sorted), so its
/// ends are sorted too and one binary search suffices.
fn overlaps_any(sorted: &[Interval], interval: Interval) -> bool {
    let i = sorted.partition_point(|x| x.end <= interval.start);
    sorted.get(i).is_some_and(|x| x.start < interval.end)
}

/// Nanoseconds since midnight of a wall-clock time.
fn time_of_day_ns(t: jiff::civil::Time) -> Ns {
    let secs = i128::from(t.hour()) * 3600 + i128::from(t.minute()) * 60 + i128::from(t.second());
    secs * 1_000_000_000 + i128::from(t.subsec_nanosecond())
}

/// Minutes since local midnight of the first grid label at or after `time`.
fn first_grid_minute(time: jiff::civil::Time, interval: u32) -> u32 {
    let mut minute =
        u32::from(time.hour().unsigned_abs()) * 60 + u32::from(time.minute().unsigned_abs());
    if time.second() != 0 || time.subsec_nanosecond() != 0 {
        minute += 1;
    }
    minute.div_ceil(interval) * interval
}

/// Per-day and per-week session limits, with the week's count cached while a query walks its days.
struct Limits<'a> {
    cal: &'a Calendar,
    per_day: Option<u32>,
    per_week: Option<u32>,
    exclude: Option<SessionId>,
    week: Option<(Date, bool)>,
}

impl<'a> Limits<'a> {
    fn new(cal: &'a Calendar, policy: &BookingPolicy, exclude: Option<SessionId>) -> Self {
        Self {
            cal,
            per_day: policy.max_sessions_per_day,
            per_week: policy.max_sessions_per_week,
            exclude,
            week: None,
        }
    }

    /// `None` when new sessions may start on `date`, else the limit that is reached.
    fn reached(&mut self, date: Date) -> Option<PolicyReason> {
        if let Some(max) = self.per_day {
            // A day jiff cannot represent cannot hold sessions either; treat it as full.
            let full = local_day(&self.cal.tz, date)
                .is_none_or(|day| self.cal.sessions_starting_in(day, self.exclude) >= max);
            if full {
                return Some(PolicyReason::DailyLimitReached);
            }
        }
        if let Some(max) = self.per_week {
            let monday = iso_week_start(date);
            let full = match (monday, self.week) {
                (Some(m), Some((cached, full))) if m == cached => full,
                (Some(m), _) => {
                    let week = m
                        .checked_add(jiff::Span::new().days(7))
                        .ok()
                        .and_then(|next| {
                            Some((local_day(&self.cal.tz, m)?, local_day(&self.cal.tz, next)?))
                        })
                        .map(|(a, b)| Interval {
                            start: a.start,
                            end: b.start,
                        });
                    let full =
                        week.is_none_or(|w| self.cal.sessions_starting_in(w, self.exclude) >= max);
                    self.week = Some((m, full));
                    full
                }
                (None, _) => true,
            };
            if full {
                return Some(PolicyReason::WeeklyLimitReached);
            }
        }
        None
    }
}

impl Calendar {
    /// Open slots and busy time for `query`. Costs O(days in range × slots per day + what
    /// overlaps the range + log(history)).
    pub fn availability(&self, query: &Query) -> Result<Availability, QueryError> {
        query.validate()?;
        let spec = &query.session_type;
        let buffers = spec.buffers();
        let policy = &query.policy;
        let range = Interval {
            start: query.from,
            end: query.to,
        };
        let earliest = sat_add(query.now, policy.min_notice);
        let latest = sat_add(query.now, policy.horizon());
        // Slot starts must lie in [lo, to) and not after `latest`.
        let lo = query.from.max(earliest);

        let span = Interval {
            start: sat_sub(query.from, buffers.before),
            end: sat_add(sat_add(query.to, spec.duration), buffers.after),
        };
        let obstacles = Obstacles::gather(self, span, query.exclude_session);

        let mut slots = Vec::new();
        if lo < query.to && lo <= latest {
            self.grid_slots(query, lo, latest, &obstacles, &mut slots);
        }

        // Existing group sessions of this type with seats left are offered at their own time,
        // on or off the grid, and regardless of limits: joining adds no session.
        for s in &obstacles.sessions {
            let joinable = s.session_type_id == spec.id && s.capacity > 1 && s.seats_left() > 0;
            if joinable
                && s.start >= lo
                && s.start < query.to
                && s.start <= latest
                && !overlaps_any(&obstacles.time_off, s.core())
            {
                slots.push(Slot {
                    start: s.start,
                    end: s.end,
                    seats_left: s.seats_left(),
                    session_id: Some(s.id),
                });
            }
        }

        // Overlapping group sessions of one type (bad data) could share a start: offer the one
        // with most seats, so no start appears twice.
        slots.sort_by_key(|s| (s.start, std::cmp::Reverse(s.seats_left), s.session_id));
        slots.dedup_by_key(|s| s.start);

        let mut busy = obstacles.time_off;
        busy.extend(obstacles.soft.iter().copied());
        let mut busy = merge_intervals(busy);
        for i in &mut busy {
            i.start = i.start.max(range.start);
            i.end = i.end.min(range.end);
        }
        busy.retain(|i| !i.is_empty());
        Ok(Availability { slots, busy })
    }

    /// New-session slots on the wall-clock grid of each local date touching `[lo, to)`.
    fn grid_slots(
        &self,
        query: &Query,
        lo: Timestamp,
        latest: Timestamp,
        obstacles: &Obstacles<'_>,
        slots: &mut Vec<Slot>,
    ) {
        const MINUTE: Ns = 60_000_000_000;
        let spec = &query.session_type;
        let (duration, before, after) = (
            spec.duration.as_nanos(),
            spec.buffer_before.as_nanos(),
            spec.buffer_after.as_nanos(),
        );
        let (lo_ns, to_ns, latest_ns) = (ns(lo), ns(query.to), ns(latest));
        let step = query.policy.slot_interval_minutes;
        let mut limits = Limits::new(self, &query.policy, query.exclude_session);
        let mut sweep = obstacles.sweep();
        let mut date = local_date(&self.tz, lo);
        let last = local_date(&self.tz, query.to.min(latest));
        while date <= last {
            let windows = self.hours.windows_on(date, spec.id);
            if !windows.is_empty() && limits.reached(date).is_none() {
                for (wall_start, wall_end) in windows {
                    let (Some(window_start), Some(window_end)) = (
                        wall_to_instant(&self.tz, wall_start),
                        wall_to_instant(&self.tz, wall_end),
                    ) else {
                        continue;
                    };
                    // Most windows see no DST transition: then every label is the window start
                    // plus its wall-clock distance, and the zone need not be consulted per label.
                    let fixed_offset = label_to_instant(&self.tz, wall_start) == Some(window_start)
                        && !matches!(
                            self.tz.to_ambiguous_timestamp(wall_start).offset(),
                            jiff::tz::AmbiguousOffset::Fold { .. }
                        )
                        && self
                            .tz
                            .following(window_start)
                            .next()
                            .is_none_or(|t| t.timestamp() >= window_end);
                    let window_start_ns = ns(window_start);
                    let midnight_ns = window_start_ns - time_of_day_ns(wall_start.time());
                    let window_end_ns = ns(window_end);
                    // Labels run while their wall-clock reading is before the window's end
                    // (which may be midnight of the next day).
                    let wall_end_tod = if wall_end.date() == date {
                        time_of_day_ns(wall_end.time())
                    } else {
                        1440 * MINUTE
                    };
                    let mut minute = first_grid_minute(wall_start.time(), step);
                    while minute < 1440 {
                        let label_tod = Ns::from(minute) * MINUTE;
                        let label_minute = minute;
                        minute += step;
                        if label_tod >= wall_end_tod {
                            break;
                        }
                        let start = if fixed_offset {
                            midnight_ns + label_tod
                        } else {
                            // label_minute < 1440, so the casts cannot truncate.
                            let label =
                                date.at((label_minute / 60) as i8, (label_minute % 60) as i8, 0, 0);
                            // A label inside a DST gap does not exist on the clock: no slot.
                            match label_to_instant(&self.tz, label) {
                                Some(ts) => ns(ts),
                                None => continue,
                            }
                        };
                        if start < lo_ns || start < window_start_ns {
                            continue;
                        }
                        if start >= to_ns || start > latest_ns {
                            return;
                        }
                        let end = start + duration;
                        if end > window_end_ns {
                            break;
                        }
                        if !sweep.blocks(start, end, before, after) {
                            if let (Ok(start), Ok(end)) = (
                                Timestamp::from_nanosecond(start),
                                Timestamp::from_nanosecond(end),
                            ) {
                                slots.push(Slot {
                                    start,
                                    end,
                                    seats_left: spec.capacity,
                                    session_id: None,
                                });
                            }
                        }
                    }
                }
            }
            match date.tomorrow() {
                Ok(next) => date = next,
                Err(_) => break,
            }
        }
    }

    /// Whether `core` starts on the slot grid inside the coach's hours for `session_type` and
    /// ends inside the same window.
    fn fits_hours(&self, session_type: SessionTypeId, step: u32, core: Interval) -> bool {
        let dt = self.tz.to_datetime(core.start);
        // The second pass of a folded hour is not a label of its own.
        if label_to_instant(&self.tz, dt) != Some(core.start) {
            return false;
        }
        let t = dt.time();
        if t.second() != 0
            || t.subsec_nanosecond() != 0
            || first_grid_minute(t, step) != first_grid_minute(t, 1)
        {
            return false;
        }
        self.hours
            .windows_on(dt.date(), session_type)
            .iter()
            .any(|(ws, we)| {
                *ws <= dt
                    && dt < *we
                    && wall_to_instant(&self.tz, *we).is_some_and(|end| core.end <= end)
            })
    }

    /// Whether the coach's own booking of `core` for `session_type` lies in their hours: inside
    /// one merged window of its local date, compared as instants (so a session in the second pass
    /// of an autumn hour lies inside a window spanning the fold), not in the past and at most
    /// [`crate::policy::MAX_DAYS_AHEAD`] days ahead. The coach books to any minute: the slot grid,
    /// notice and limits shape only what clients are offered. Conflicts are
    /// [`Calendar::check_conflict`]'s business.
    pub fn check_hours(
        &self,
        session_type: SessionTypeId,
        core: Interval,
        now: Timestamp,
    ) -> Result<(), HoursReason> {
        if core.start < now {
            return Err(HoursReason::InThePast);
        }
        let horizon = SignedDuration::from_hours(i64::from(crate::policy::MAX_DAYS_AHEAD) * 24);
        if core.start > sat_add(now, horizon) {
            return Err(HoursReason::TooFarAhead);
        }
        let inside = self
            .hours
            .windows_on(local_date(&self.tz, core.start), session_type)
            .iter()
            .any(|(ws, we)| {
                match (
                    wall_to_instant(&self.tz, *ws),
                    wall_to_instant(&self.tz, *we),
                ) {
                    (Some(start), Some(end)) => start <= core.start && core.end <= end,
                    _ => false,
                }
            });
        if inside {
            Ok(())
        } else {
            Err(HoursReason::OutsideHours)
        }
    }

    /// Classifies a requested start for `session_type`: an offered slot (book it), free but outside
    /// the policy (make it a request), or a hard conflict (refuse). `exclude` is the session being
    /// rescheduled, if any.
    pub fn classify_start(
        &self,
        session_type: &SessionTypeSpec,
        policy: &BookingPolicy,
        now: Timestamp,
        start: Timestamp,
        exclude: Option<SessionId>,
    ) -> Result<StartClass, QueryError> {
        let query = Query {
            session_type: session_type.clone(),
            policy: policy.clone(),
            now,
            from: start,
            to: start
                .checked_add(SignedDuration::from_nanos(1))
                .map_err(|_| QueryError::EmptyRange)?,
            exclude_session: exclude,
        };
        let offered = self.availability(&query)?;
        if let Some(slot) = offered.slots.into_iter().find(|s| s.start == start) {
            return Ok(StartClass::Offered(slot));
        }

        // Joining a group session that exists at this very start is no conflict with it.
        let join = self
            .sessions_near(
                Interval {
                    start,
                    end: sat_add(start, SignedDuration::from_nanos(1)),
                },
                exclude,
            )
            .into_iter()
            .find(|s| {
                s.start == start
                    && s.session_type_id == session_type.id
                    && s.capacity > 1
                    && s.seats_left() > 0
            });
        let end = start
            .checked_add(session_type.duration)
            .map_err(|_| QueryError::Duration)?;
        let core = Interval { start, end };
        let (proposed, buffers) = match join {
            Some(s) => (s.core(), Buffers::NONE),
            None => (core, session_type.buffers()),
        };
        let join = join.map(|s| s.id);
        if let Some(conflict) = self.first_conflict(proposed, buffers, exclude, join) {
            return Ok(StartClass::Conflict(conflict));
        }
        if start < sat_add(now, policy.min_notice) {
            return Ok(StartClass::OutsidePolicy(PolicyReason::TooLittleNotice));
        }
        if start > sat_add(now, policy.horizon()) {
            return Ok(StartClass::OutsidePolicy(PolicyReason::TooFarAhead));
        }
        if join.is_none() {
            if !self.fits_hours(session_type.id, policy.slot_interval_minutes, core) {
                return Ok(StartClass::OutsidePolicy(PolicyReason::OutsideHours));
            }
            let mut limits = Limits::new(self, policy, exclude);
            if let Some(reason) = limits.reached(local_date(&self.tz, start)) {
                return Ok(StartClass::OutsidePolicy(reason));
            }
        }
        // Everything above passed yet the engine did not offer it; say "outside hours" rather
        // than offer something the engine did not.
        Ok(StartClass::OutsidePolicy(PolicyReason::OutsideHours))
    }

    /// Whether `start` is exactly an offered slot for `session_type`.
    pub fn is_offered(
        &self,
        session_type: &SessionTypeSpec,
        policy: &BookingPolicy,
        now: Timestamp,
        start: Timestamp,
        exclude: Option<SessionId>,
    ) -> Result<bool, QueryError> {
        Ok(matches!(
            self.classify_start(session_type, policy, now, start, exclude)?,
            StartClass::Offered(_)
        ))
    }
}
