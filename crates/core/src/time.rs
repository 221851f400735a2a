//! The time model: ids, instant intervals, wall-clock windows, and the one place where a
//! wall-clock time in a zone becomes an instant (the DST policy of docs/time.md).
//!
//! Instants are `jiff::Timestamp`, wall-clock is `jiff::civil::{Date, Time, DateTime}`, zones are
//! `jiff::tz::TimeZone`. All zone arithmetic goes through jiff and its bundled tzdb.

use std::fmt;

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{AmbiguousOffset, TimeZone};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

/// A session (an occurrence on the coach's calendar) as stored by the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SessionId(pub i64);

/// A session type (the template a session is made from).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SessionTypeId(pub i64);

impl fmt::Display for SessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Display for SessionTypeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Why an interval or window was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("the interval ends ({end}) before it starts ({start})")]
    EndBeforeStart { start: Timestamp, end: Timestamp },
    #[error("the interval is empty: it starts and ends at {0}")]
    Empty(Timestamp),
    #[error(
        "the window {start}–{end} ends before it starts; windows stay within one day \
         (use 00:00 as the end to mean midnight at the end of the day)"
    )]
    WindowEndBeforeStart { start: Time, end: Time },
    #[error("the date range ends ({until}) before it starts ({from})")]
    DatesReversed { from: Date, until: Date },
}

/// A half-open range of instants `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Interval {
    pub start: Timestamp,
    pub end: Timestamp,
}

impl Interval {
    /// A non-empty interval; `end` must be after `start`.
    pub fn new(start: Timestamp, end: Timestamp) -> Result<Self, TimeError> {
        if end < start {
            Err(TimeError::EndBeforeStart { start, end })
        } else if end == start {
            Err(TimeError::Empty(start))
        } else {
            Ok(Self { start, end })
        }
    }

    /// True when the two half-open intervals share at least one instant (touching is not
    /// overlapping: a session may start exactly when another ends).
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn contains(&self, other: &Interval) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    pub fn duration(&self) -> SignedDuration {
        self.end.duration_since(self.start)
    }

    /// The interval widened by the given buffers, saturating at the ends of time so hostile
    /// input can never overflow.
    pub fn with_buffers(&self, buffers: Buffers) -> Interval {
        Interval {
            start: sat_sub(self.start, buffers.before),
            end: sat_add(self.end, buffers.after),
        }
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", self.start, self.end)
    }
}

/// Time kept free around a session (preparation, travel, notes). Real elapsed time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Buffers {
    pub before: SignedDuration,
    pub after: SignedDuration,
}

impl Buffers {
    pub const NONE: Buffers = Buffers {
        before: SignedDuration::ZERO,
        after: SignedDuration::ZERO,
    };

    pub fn new(before: SignedDuration, after: SignedDuration) -> Self {
        Self { before, after }
    }

    pub fn minutes(before: i64, after: i64) -> Self {
        Self {
            before: SignedDuration::from_mins(before),
            after: SignedDuration::from_mins(after),
        }
    }
}

/// A wall-clock window within one local day, `[start, end)`. An `end` of 00:00 means midnight at
/// the end of the day, so "18:00–00:00" is the evening.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TimeWindow {
    pub start: Time,
    pub end: Time,
}

impl TimeWindow {
    pub fn new(start: Time, end: Time) -> Result<Self, TimeError> {
        let window = Self { start, end };
        window.validate()?;
        Ok(window)
    }

    pub fn validate(&self) -> Result<(), TimeError> {
        if self.end == Time::midnight() || self.start < self.end {
            Ok(())
        } else {
            Err(TimeError::WindowEndBeforeStart {
                start: self.start,
                end: self.end,
            })
        }
    }

    /// The window as civil datetimes on `date`; `None` only at the very end of jiff's calendar.
    pub(crate) fn on(&self, date: Date) -> Option<(DateTime, DateTime)> {
        let start = date.to_datetime(self.start);
        let end = if self.end == Time::midnight() {
            date.tomorrow().ok()?.to_datetime(Time::midnight())
        } else {
            date.to_datetime(self.end)
        };
        Some((start, end))
    }
}

/// The instant a wall-clock reading in `tz` stands for, following the DST policy of
/// docs/time.md:
/// - an unambiguous reading is that instant;
/// - a reading repeated by an autumn fold is its *first* occurrence (the earlier offset), so each
///   wall-clock label names exactly one instant and nothing is offered twice;
/// - a reading skipped by a spring-forward gap becomes the first instant after the gap (the
///   transition itself). Window boundaries are thereby shortened, never moved.
///
/// The mapping is monotone (a later reading never gives an earlier instant), which is what lets
/// the engine merge windows in wall-clock space and scan slot labels in order.
///
/// Returns `None` only for readings outside jiff's supported range.
pub fn wall_to_instant(tz: &TimeZone, dt: DateTime) -> Option<Timestamp> {
    let ambiguous = tz.to_ambiguous_timestamp(dt);
    match ambiguous.offset() {
        AmbiguousOffset::Unambiguous { .. } | AmbiguousOffset::Fold { .. } => {
            ambiguous.earlier().ok()
        }
        AmbiguousOffset::Gap { after, .. } => {
            // Read with the post-gap offset the instant lies before the transition, so the first
            // transition after it is the end of the gap.
            let before_gap = after.to_timestamp(dt).ok()?;
            tz.following(before_gap).next().map(|t| t.timestamp())
        }
    }
}

/// The instant a wall-clock *slot label* stands for: like [`wall_to_instant`] but `None` for a
/// reading inside a gap, because a slot never starts at a time the clock does not show
/// (RFC 5545 §3.3.10 style: the nonexistent occurrence is dropped, not shifted).
pub fn label_to_instant(tz: &TimeZone, dt: DateTime) -> Option<Timestamp> {
    let ambiguous = tz.to_ambiguous_timestamp(dt);
    match ambiguous.offset() {
        AmbiguousOffset::Gap { .. } => None,
        _ => ambiguous.earlier().ok(),
    }
}

/// The local day `date` in `tz` as instants: from its first instant to the next day's first
/// instant (23, 24 or 25 hours, or other lengths in unusual zones).
pub fn local_day(tz: &TimeZone, date: Date) -> Option<Interval> {
    let start = wall_to_instant(tz, date.to_datetime(Time::midnight()))?;
    let end = wall_to_instant(tz, date.tomorrow().ok()?.to_datetime(Time::midnight()))?;
    Some(Interval { start, end })
}

/// The local date of an instant in `tz`.
pub fn local_date(tz: &TimeZone, ts: Timestamp) -> Date {
    tz.to_datetime(ts).date()
}

/// The Monday starting the ISO week of `date`.
pub fn iso_week_start(date: Date) -> Option<Date> {
    let back = i64::from(date.weekday().to_monday_zero_offset());
    date.checked_sub(jiff::Span::new().days(back)).ok()
}

/// `ts + d`, clamped to jiff's range instead of failing.
pub fn sat_add(ts: Timestamp, d: SignedDuration) -> Timestamp {
    ts.checked_add(d).unwrap_or(if d.is_negative() {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    })
}

/// `ts - d`, clamped to jiff's range instead of failing.
pub fn sat_sub(ts: Timestamp, d: SignedDuration) -> Timestamp {
    ts.checked_sub(d).unwrap_or(if d.is_negative() {
        Timestamp::MAX
    } else {
        Timestamp::MIN
    })
}

/// Sorts and merges intervals; overlapping or touching ones become one. Empty ones vanish.
pub fn merge_intervals(mut intervals: Vec<Interval>) -> Vec<Interval> {
    intervals.retain(|i| !i.is_empty());
    // Callers often pass intervals already in order (from the index); checking is O(n).
    if !intervals.is_sorted() {
        intervals.sort_unstable();
    }
    let mut merged: Vec<Interval> = Vec::with_capacity(intervals.len());
    for interval in intervals {
        match merged.last_mut() {
            Some(last) if interval.start <= last.end => {
                if interval.end > last.end {
                    last.end = interval.end;
                }
            }
            _ => merged.push(interval),
        }
    }
    merged
}

/// Serde for `jiff::civil::Weekday` (which has no serde impls) as lower-case English names,
/// matching what the JSON API and the database use.
pub mod serde_weekday {
    use jiff::civil::Weekday;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn name(weekday: Weekday) -> &'static str {
        match weekday {
            Weekday::Monday => "monday",
            Weekday::Tuesday => "tuesday",
            Weekday::Wednesday => "wednesday",
            Weekday::Thursday => "thursday",
            Weekday::Friday => "friday",
            Weekday::Saturday => "saturday",
            Weekday::Sunday => "sunday",
        }
    }

    pub fn parse(raw: &str) -> Option<Weekday> {
        Some(match raw.to_ascii_lowercase().as_str() {
            "monday" => Weekday::Monday,
            "tuesday" => Weekday::Tuesday,
            "wednesday" => Weekday::Wednesday,
            "thursday" => Weekday::Thursday,
            "friday" => Weekday::Friday,
            "saturday" => Weekday::Saturday,
            "sunday" => Weekday::Sunday,
            _ => return None,
        })
    }

    pub fn serialize<S: Serializer>(weekday: &Weekday, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(name(*weekday))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Weekday, D::Error> {
        let raw = String::deserialize(d)?;
        parse(&raw).ok_or_else(|| serde::de::Error::custom(format!("unknown weekday {raw:?}")))
    }

    /// The same for a list of weekdays.
    pub mod list {
        use jiff::civil::Weekday;
        use serde::ser::SerializeSeq;
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(days: &[Weekday], s: S) -> Result<S::Ok, S::Error> {
            let mut seq = s.serialize_seq(Some(days.len()))?;
            for day in days {
                seq.serialize_element(super::name(*day))?;
            }
            seq.end()
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Weekday>, D::Error> {
            let raw = Vec::<String>::deserialize(d)?;
            raw.iter()
                .map(|r| {
                    super::parse(r)
                        .ok_or_else(|| serde::de::Error::custom(format!("unknown weekday {r:?}")))
                })
                .collect()
        }
    }
}
