//! The coach's recurring schedule as entered: weekly rules, date overrides and blocks (time off),
//! and their expansion into windows for one local date.

use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::time::{serde_weekday, Interval, SessionTypeId, TimeError, TimeWindow};

/// A recurring weekly window, wall-clock in the coach's zone. Several per weekday are allowed;
/// overlapping or touching windows of one date are merged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklyRule {
    #[serde(with = "serde_weekday")]
    pub weekday: Weekday,
    pub start: Time,
    /// 00:00 means midnight at the end of the day.
    pub end: Time,
    /// The session types this window is for; empty means all types.
    #[serde(default)]
    pub session_type_ids: Vec<SessionTypeId>,
    /// First date the rule applies (inclusive); `None` = always has.
    #[serde(default)]
    pub valid_from: Option<Date>,
    /// Last date the rule applies (inclusive); `None` = open-ended.
    #[serde(default)]
    pub valid_until: Option<Date>,
    /// The window applies every this many weeks ([`MIN_EVERY_WEEKS`]..=[`MAX_EVERY_WEEKS`]):
    /// 1 = every week, 2 = alternate weeks.
    #[serde(default = "every_week")]
    pub every_weeks: u8,
    /// A date in a week where the window applies; weeks are counted from its (Monday-based, local)
    /// week. `None` = the week of `valid_from`. Needed when `every_weeks > 1` and there is no
    /// `valid_from`; ignored when `every_weeks` is 1.
    #[serde(default)]
    pub anchor: Option<Date>,
}

pub const MIN_EVERY_WEEKS: u8 = 1;
pub const MAX_EVERY_WEEKS: u8 = 8;

fn every_week() -> u8 {
    1
}

/// The Monday of `date`'s week (ISO weeks start on Monday).
pub fn week_start(date: Date) -> Date {
    // Only the first week jiff can represent has no Monday before it.
    crate::time::iso_week_start(date).unwrap_or(date)
}

/// Whole weeks from `anchor`'s week to `date`'s week (negative before it). Both are local dates,
/// so a DST change inside a week does not move anything: the count is of calendar weeks.
pub fn weeks_between(anchor: Date, date: Date) -> i64 {
    let days = week_start(date)
        .duration_since(week_start(anchor))
        .as_hours()
        / 24;
    days.div_euclid(7)
}

/// True when a window repeating every `every_weeks` weeks from `anchor`'s week falls in `date`'s
/// week. `every_weeks` 0 or 1 is every week.
pub fn in_cycle(every_weeks: u8, anchor: Date, date: Date) -> bool {
    every_weeks <= 1 || weeks_between(anchor, date).rem_euclid(i64::from(every_weeks)) == 0
}

impl WeeklyRule {
    pub fn validate(&self) -> Result<(), TimeError> {
        TimeWindow {
            start: self.start,
            end: self.end,
        }
        .validate()?;
        if let (Some(from), Some(until)) = (self.valid_from, self.valid_until) {
            if until < from {
                return Err(TimeError::DatesReversed { from, until });
            }
        }
        if !(MIN_EVERY_WEEKS..=MAX_EVERY_WEEKS).contains(&self.every_weeks) {
            return Err(TimeError::EveryWeeksOutOfRange(self.every_weeks));
        }
        if self.every_weeks > 1 && self.cycle_anchor().is_none() {
            return Err(TimeError::CycleWithoutAnchor(self.every_weeks));
        }
        Ok(())
    }

    /// The date whose week is week 0 of the cycle: `anchor`, else `valid_from`.
    pub fn cycle_anchor(&self) -> Option<Date> {
        self.anchor.or(self.valid_from)
    }

    /// True when the window is open on `date` (a local date): its weekday, within its dates, and
    /// in a week of its cycle.
    pub fn applies_on(&self, date: Date) -> bool {
        self.weekday == date.weekday()
            && self.valid_from.is_none_or(|from| from <= date)
            && self.valid_until.is_none_or(|until| date <= until)
            && self
                .cycle_anchor()
                .is_none_or(|anchor| in_cycle(self.every_weeks, anchor, date))
    }
}

/// Replaces the rule windows of one date. All overrides of a date together replace the rules;
/// an override with no windows closes the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateOverride {
    pub date: Date,
    #[serde(default)]
    pub windows: Vec<TimeWindow>,
    /// The session types these windows are for; empty means all types.
    #[serde(default)]
    pub session_type_ids: Vec<SessionTypeId>,
}

/// Time off. Busy time imported from other calendars comes as plain [`Interval`]s beside these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// A one-off range of instants.
    OneOff { start: Timestamp, end: Timestamp },
    /// Whole local days in the coach's zone, `from..=until`.
    Days { from: Date, until: Date },
    /// A weekly recurring wall-clock window, e.g. every Friday 12:00–00:00, from `from` (inclusive)
    /// until `until` (inclusive; `None` = open-ended).
    Weekly {
        #[serde(with = "serde_weekday::list")]
        weekdays: Vec<Weekday>,
        start: Time,
        end: Time,
        from: Date,
        #[serde(default)]
        until: Option<Date>,
    },
}

impl Block {
    pub fn one_off(interval: Interval) -> Self {
        Block::OneOff {
            start: interval.start,
            end: interval.end,
        }
    }
}

pub(crate) fn type_matches(ids: &[SessionTypeId], id: SessionTypeId) -> bool {
    ids.is_empty() || ids.contains(&id)
}

/// A weekly block kept for expansion at query time (it may be open-ended).
#[derive(Debug, Clone)]
pub(crate) struct WeeklyBlock {
    pub weekdays: Vec<Weekday>,
    pub window: TimeWindow,
    pub from: Date,
    pub until: Option<Date>,
}

impl WeeklyBlock {
    pub fn window_on(&self, date: Date) -> Option<(DateTime, DateTime)> {
        let active = self.from <= date
            && self.until.is_none_or(|until| date <= until)
            && self.weekdays.contains(&date.weekday());
        if active {
            self.window.on(date)
        } else {
            None
        }
    }
}

/// Rules grouped by weekday plus overrides by date: the part of the calendar that says when the
/// coach *can* be booked.
#[derive(Debug, Clone, Default)]
pub(crate) struct Hours {
    /// Indexed by `Weekday::to_monday_zero_offset`.
    rules: [Vec<WeeklyRule>; 7],
    /// Sorted by date.
    overrides: Vec<DateOverride>,
}

impl Hours {
    pub fn new(rules: Vec<WeeklyRule>, mut overrides: Vec<DateOverride>) -> Self {
        let mut by_day: [Vec<WeeklyRule>; 7] = Default::default();
        for rule in rules {
            by_day[weekday_index(rule.weekday)].push(rule);
        }
        // A stable sort keeps the caller's order within a date, though nothing depends on it:
        // windows are merged after expansion.
        overrides.sort_by_key(|o| o.date);
        Self {
            rules: by_day,
            overrides,
        }
    }

    /// The merged wall-clock windows on `date` for `session_type`, sorted; empty when closed.
    pub fn windows_on(&self, date: Date, session_type: SessionTypeId) -> Vec<(DateTime, DateTime)> {
        self.windows_for(date, |ids| type_matches(ids, session_type))
    }

    /// The merged wall-clock windows on `date` open to any session type: the hours the coach
    /// offers that day, whatever can be booked in them.
    pub fn all_windows_on(&self, date: Date) -> Vec<(DateTime, DateTime)> {
        self.windows_for(date, |_| true)
    }

    /// The merged windows on `date` of the rules and overrides whose session types `keep`
    /// accepts (overrides of the date replace the rules either way).
    fn windows_for(
        &self,
        date: Date,
        keep: impl Fn(&[SessionTypeId]) -> bool,
    ) -> Vec<(DateTime, DateTime)> {
        let first = self.overrides.partition_point(|o| o.date < date);
        let overrides = self.overrides[first..]
            .iter()
            .take_while(|o| o.date == date);
        let mut windows: Vec<(DateTime, DateTime)> = Vec::new();
        let mut overridden = false;
        for o in overrides {
            overridden = true;
            if keep(&o.session_type_ids) {
                windows.extend(o.windows.iter().filter_map(|w| w.on(date)));
            }
        }
        if !overridden {
            windows.extend(
                self.rules[weekday_index(date.weekday())]
                    .iter()
                    .filter(|r| r.applies_on(date) && keep(&r.session_type_ids))
                    .filter_map(|r| {
                        TimeWindow {
                            start: r.start,
                            end: r.end,
                        }
                        .on(date)
                    }),
            );
        }
        merge_wall(windows)
    }
}

pub(crate) fn weekday_index(weekday: Weekday) -> usize {
    // 0..=6 by construction, so the cast cannot truncate.
    weekday.to_monday_zero_offset().unsigned_abs() as usize
}

/// Sorts and merges overlapping or touching wall-clock windows. Merging in wall-clock space is
/// the same as merging the instants because `wall_to_instant` is monotone.
fn merge_wall(mut windows: Vec<(DateTime, DateTime)>) -> Vec<(DateTime, DateTime)> {
    windows.retain(|(s, e)| s < e);
    windows.sort_unstable();
    let mut merged: Vec<(DateTime, DateTime)> = Vec::with_capacity(windows.len());
    for (start, end) in windows {
        match merged.last_mut() {
            Some(last) if start <= last.1 => {
                if end > last.1 {
                    last.1 = end;
                }
            }
            _ => merged.push((start, end)),
        }
    }
    merged
}
