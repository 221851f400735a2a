//! The prepared calendar of one coach: schedule, sessions, blocks and busy time, validated and
//! indexed once so that each query looks only at what overlaps its range.

use std::collections::HashMap;

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::index::IntervalIndex;
use super::schedule::{Block, DateOverride, Hours, WeeklyBlock, WeeklyRule};
use crate::time::{
    local_date, merge_intervals, wall_to_instant, Buffers, Interval, SessionId, SessionTypeId,
    TimeError, TimeWindow,
};

/// Longest buffer accepted on a session or session type.
pub const MAX_BUFFER: SignedDuration = SignedDuration::from_hours(24);

/// A session already on the coach's calendar. The caller passes only live (not cancelled)
/// sessions; whatever its type, it occupies the coach's time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExistingSession {
    pub id: SessionId,
    pub start: Timestamp,
    pub end: Timestamp,
    pub session_type_id: SessionTypeId,
    pub capacity: u32,
    /// Seats taken by non-cancelled bookings.
    pub booked: u32,
    #[serde(default)]
    pub buffer_before: SignedDuration,
    #[serde(default)]
    pub buffer_after: SignedDuration,
}

impl ExistingSession {
    pub fn core(&self) -> Interval {
        Interval {
            start: self.start,
            end: self.end,
        }
    }

    pub fn buffers(&self) -> Buffers {
        Buffers {
            before: self.buffer_before,
            after: self.buffer_after,
        }
    }

    pub fn buffered(&self) -> Interval {
        self.core().with_buffers(self.buffers())
    }

    /// Seats still free; never negative, even if the data says more are booked than fit.
    pub fn seats_left(&self) -> u32 {
        self.capacity.saturating_sub(self.booked)
    }
}

/// When the coach can be booked: the zone the wall-clock rules are read in, weekly rules and
/// date overrides.
#[derive(Debug, Clone)]
pub struct Schedule {
    pub time_zone: TimeZone,
    pub rules: Vec<WeeklyRule>,
    pub overrides: Vec<DateOverride>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("availability rule {index}: {source}")]
    Rule { index: usize, source: TimeError },
    #[error("date override for {date}: {source}")]
    Override { date: Date, source: TimeError },
    #[error("block {index}: {source}")]
    Block { index: usize, source: TimeError },
    #[error("busy interval {index}: {source}")]
    Busy { index: usize, source: TimeError },
    #[error("session {id}: {source}")]
    Session { id: SessionId, source: TimeError },
    #[error("session {id}: buffers must be between 0 and 24 hours")]
    SessionBuffer { id: SessionId },
    #[error("session {0} appears twice")]
    DuplicateSession(SessionId),
}

/// What a piece of blocked time came from; used to name a conflict without naming a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Block,
    Busy,
}

/// One coach's calendar, prepared for queries: construction sorts and indexes once (O(n log n));
/// a query then costs O(log n + what overlaps its range), independent of history.
#[derive(Debug, Clone)]
pub struct Calendar {
    pub(crate) tz: TimeZone,
    pub(crate) hours: Hours,
    /// Sorted by start.
    pub(crate) sessions: Vec<ExistingSession>,
    /// `sessions[i].start`, for counting sessions per day and week by binary search.
    pub(crate) session_starts: Vec<Timestamp>,
    pub(crate) session_pos: HashMap<SessionId, usize>,
    /// Buffered session intervals -> position in `sessions`.
    pub(crate) session_index: IntervalIndex<usize>,
    /// One-off blocks, whole-day blocks and external busy time.
    pub(crate) fixed: IntervalIndex<Source>,
    pub(crate) weekly_blocks: Vec<WeeklyBlock>,
}

impl Calendar {
    /// Validates and indexes the calendar. Empty one-off blocks and busy intervals are dropped
    /// (imported calendars carry zero-length reminders); reversed ones are refused.
    pub fn new(
        schedule: Schedule,
        mut sessions: Vec<ExistingSession>,
        blocks: Vec<Block>,
        busy: Vec<Interval>,
    ) -> Result<Self, CalendarError> {
        let Schedule {
            time_zone: tz,
            rules,
            overrides,
        } = schedule;
        for (index, rule) in rules.iter().enumerate() {
            rule.validate()
                .map_err(|source| CalendarError::Rule { index, source })?;
        }
        for o in &overrides {
            for w in &o.windows {
                w.validate().map_err(|source| CalendarError::Override {
                    date: o.date,
                    source,
                })?;
            }
        }

        let mut fixed: Vec<(Interval, Source)> = Vec::with_capacity(blocks.len() + busy.len());
        let mut weekly_blocks = Vec::new();
        for (index, block) in blocks.into_iter().enumerate() {
            let err = |source| CalendarError::Block { index, source };
            match block {
                Block::OneOff { start, end } => {
                    if end < start {
                        return Err(err(TimeError::EndBeforeStart { start, end }));
                    }
                    if start < end {
                        fixed.push((Interval { start, end }, Source::Block));
                    }
                }
                Block::Days { from, until } => {
                    if until < from {
                        return Err(err(TimeError::DatesReversed { from, until }));
                    }
                    // "Closed until 9999-12-31" means closed for good: at the ends of jiff's
                    // calendar the block runs to the end (or from the start) of time.
                    let start = wall_to_instant(&tz, from.to_datetime(Time::midnight()))
                        .unwrap_or(Timestamp::MIN);
                    let end = until
                        .tomorrow()
                        .ok()
                        .and_then(|d| wall_to_instant(&tz, d.to_datetime(Time::midnight())))
                        .unwrap_or(Timestamp::MAX);
                    fixed.push((Interval { start, end }, Source::Block));
                }
                Block::Weekly {
                    weekdays,
                    start,
                    end,
                    from,
                    until,
                } => {
                    let window = TimeWindow::new(start, end).map_err(err)?;
                    if let Some(until) = until {
                        if until < from {
                            return Err(err(TimeError::DatesReversed { from, until }));
                        }
                    }
                    weekly_blocks.push(WeeklyBlock {
                        weekdays,
                        window,
                        from,
                        until,
                    });
                }
            }
        }
        for (index, interval) in busy.into_iter().enumerate() {
            if interval.end < interval.start {
                return Err(CalendarError::Busy {
                    index,
                    source: TimeError::EndBeforeStart {
                        start: interval.start,
                        end: interval.end,
                    },
                });
            }
            if !interval.is_empty() {
                fixed.push((interval, Source::Busy));
            }
        }

        for s in &sessions {
            Interval::new(s.start, s.end)
                .map_err(|source| CalendarError::Session { id: s.id, source })?;
            let ok = |d: SignedDuration| !d.is_negative() && d <= MAX_BUFFER;
            if !ok(s.buffer_before) || !ok(s.buffer_after) {
                return Err(CalendarError::SessionBuffer { id: s.id });
            }
        }
        // Sorting by (start, id) makes every later step independent of the caller's order.
        sessions.sort_by_key(|s| (s.start, s.id));
        let mut session_pos = HashMap::with_capacity(sessions.len());
        for (pos, s) in sessions.iter().enumerate() {
            if session_pos.insert(s.id, pos).is_some() {
                return Err(CalendarError::DuplicateSession(s.id));
            }
        }
        let session_starts = sessions.iter().map(|s| s.start).collect();
        let session_index = IntervalIndex::new(
            sessions
                .iter()
                .enumerate()
                .map(|(i, s)| (s.buffered(), i))
                .collect(),
        );

        Ok(Self {
            tz,
            hours: Hours::new(rules, overrides),
            sessions,
            session_starts,
            session_pos,
            session_index,
            fixed: IntervalIndex::new(fixed),
            weekly_blocks,
        })
    }

    pub fn time_zone(&self) -> &TimeZone {
        &self.tz
    }

    pub fn session_count(&self) -> usize {
        self.sessions.len()
    }

    /// Sessions (excluding `exclude`) starting in `[range.start, range.end)`.
    pub(crate) fn sessions_starting_in(&self, range: Interval, exclude: Option<SessionId>) -> u32 {
        let lo = self.session_starts.partition_point(|s| *s < range.start);
        let hi = self.session_starts.partition_point(|s| *s < range.end);
        let mut count = hi.saturating_sub(lo);
        if let Some(pos) = exclude.and_then(|id| self.session_pos.get(&id)) {
            if (lo..hi).contains(pos) {
                count -= 1;
            }
        }
        u32::try_from(count).unwrap_or(u32::MAX)
    }

    /// Block and busy time overlapping `range`, weekly blocks expanded, each tagged with where it
    /// came from (unmerged).
    pub(crate) fn time_off_in(&self, range: Interval) -> Vec<(Interval, Source)> {
        let mut out = Vec::new();
        self.fixed
            .for_each_overlapping(range, |i, src| out.push((*i, *src)));
        if !self.weekly_blocks.is_empty() {
            let mut date = local_date(&self.tz, range.start);
            let last = local_date(&self.tz, range.end);
            while date <= last {
                for block in &self.weekly_blocks {
                    let Some((ws, we)) = block.window_on(date) else {
                        continue;
                    };
                    if let (Some(start), Some(end)) =
                        (wall_to_instant(&self.tz, ws), wall_to_instant(&self.tz, we))
                    {
                        let interval = Interval { start, end };
                        if !interval.is_empty() && interval.overlaps(&range) {
                            out.push((interval, Source::Block));
                        }
                    }
                }
                match date.tomorrow() {
                    Ok(next) => date = next,
                    Err(_) => break,
                }
            }
        }
        out
    }

    /// Live sessions (excluding `exclude`) whose buffered interval overlaps `range`.
    pub(crate) fn sessions_near(
        &self,
        range: Interval,
        exclude: Option<SessionId>,
    ) -> Vec<&ExistingSession> {
        self.sessions_near_buffered(range, exclude)
            .into_iter()
            .map(|(s, _)| s)
            .collect()
    }

    /// Like [`Calendar::sessions_near`], each with its buffered interval as indexed (computing it
    /// again with jiff's checked arithmetic was a fifth of a query's time), in buffered-start
    /// order.
    pub(crate) fn sessions_near_buffered(
        &self,
        range: Interval,
        exclude: Option<SessionId>,
    ) -> Vec<(&ExistingSession, Interval)> {
        let mut out = Vec::new();
        self.session_index
            .for_each_overlapping(range, |buffered, &pos| {
                if let Some(s) = self.sessions.get(pos) {
                    if Some(s.id) != exclude {
                        out.push((s, *buffered));
                    }
                }
            });
        out
    }

    /// The hours offered in `range`: every window of the weekly rules and date overrides, for
    /// any session type, less time off and busy time from other calendars; merged and clipped to
    /// the range. Sessions do not reduce it: booked or not, the time was offered. The
    /// denominator of utilisation.
    pub fn open_in(&self, range: Interval) -> Vec<Interval> {
        let mut open = Vec::new();
        let mut date = local_date(&self.tz, range.start);
        let last = local_date(&self.tz, range.end);
        while date <= last {
            for (ws, we) in self.hours.all_windows_on(date) {
                if let (Some(start), Some(end)) =
                    (wall_to_instant(&self.tz, ws), wall_to_instant(&self.tz, we))
                {
                    open.push(Interval {
                        start: start.max(range.start),
                        end: end.min(range.end),
                    });
                }
            }
            match date.tomorrow() {
                Ok(next) => date = next,
                Err(_) => break,
            }
        }
        let off = merge_intervals(
            self.time_off_in(range)
                .into_iter()
                .map(|(i, _)| i)
                .collect(),
        );
        let mut out = Vec::new();
        for window in merge_intervals(open) {
            let mut rest = window;
            // `off` is sorted and merged: cut each piece in order.
            for o in off.iter().filter(|o| o.overlaps(&window)) {
                if o.start > rest.start {
                    out.push(Interval {
                        start: rest.start,
                        end: o.start.min(rest.end),
                    });
                }
                rest.start = rest.start.max(o.end);
                if rest.start >= rest.end {
                    break;
                }
            }
            if rest.start < rest.end {
                out.push(rest);
            }
        }
        out
    }

    /// The merged busy time in `range`: sessions with their buffers, blocks and external busy
    /// time, clipped to the range. Carries no ids, types or people.
    pub fn busy_in(&self, range: Interval, exclude: Option<SessionId>) -> Vec<Interval> {
        let mut all: Vec<Interval> = self
            .time_off_in(range)
            .into_iter()
            .map(|(i, _)| i)
            .collect();
        all.extend(
            self.sessions_near(range, exclude)
                .iter()
                .map(|s| s.buffered()),
        );
        let mut merged = merge_intervals(all);
        for i in &mut merged {
            i.start = i.start.max(range.start);
            i.end = i.end.min(range.end);
        }
        merged.retain(|i| !i.is_empty());
        merged
    }
}
