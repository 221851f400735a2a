//! Domain values as the database keeps them, decoded at the boundary: a column that does not
//! decode is an error naming the column and the cause (`sqlx::Error::ColumnDecode`), never a
//! default. Enums of the core (statuses, kinds) decode through their `TryFrom<String>` with
//! `#[sqlx(try_from = "String")]`; the types here wrap what the core leaves to jiff.

use std::fmt;

use coachbook_core::time::Zone;
use jiff::civil::{Date, Time};
use jiff::Timestamp;
use sqlx::error::BoxDynError;

/// Implements `Type`, `Decode` and `Encode` for `Any` by way of a plain column type: `$raw`
/// is what the column holds, `decode` turns it into the value (or fails), `encode` back.
macro_rules! column {
    ($ty:ty, $raw:ty, decode: $decode:expr, encode: $encode:expr) => {
        impl ::sqlx::Type<::sqlx::Any> for $ty {
            fn type_info() -> ::sqlx::any::AnyTypeInfo {
                <$raw as ::sqlx::Type<::sqlx::Any>>::type_info()
            }

            fn compatible(ty: &::sqlx::any::AnyTypeInfo) -> bool {
                <$raw as ::sqlx::Type<::sqlx::Any>>::compatible(ty)
            }
        }

        impl<'r> ::sqlx::Decode<'r, ::sqlx::Any> for $ty {
            fn decode(
                value: <::sqlx::Any as ::sqlx::Database>::ValueRef<'r>,
            ) -> Result<Self, ::sqlx::error::BoxDynError> {
                let raw = <$raw as ::sqlx::Decode<'r, ::sqlx::Any>>::decode(value)?;
                let decode: fn($raw) -> Result<$ty, ::sqlx::error::BoxDynError> = $decode;
                decode(raw)
            }
        }

        impl<'q> ::sqlx::Encode<'q, ::sqlx::Any> for $ty {
            fn encode_by_ref(
                &self,
                buf: &mut <::sqlx::Any as ::sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<::sqlx::encode::IsNull, ::sqlx::error::BoxDynError> {
                let encode: fn(&$ty) -> $raw = $encode;
                <$raw as ::sqlx::Encode<'q, ::sqlx::Any>>::encode_by_ref(&encode(self), buf)
            }
        }
    };
}
pub(crate) use column;

/// A UTC instant, stored as Unix seconds in `*_at` columns (sub-second parts are dropped).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnixTime(Timestamp);

impl UnixTime {
    pub fn timestamp(self) -> Timestamp {
        self.0
    }

    pub fn as_second(self) -> i64 {
        self.0.as_second()
    }
}

impl From<Timestamp> for UnixTime {
    fn from(ts: Timestamp) -> Self {
        // Whole seconds of a valid timestamp are a valid timestamp.
        Self(Timestamp::from_second(ts.as_second()).unwrap_or(ts))
    }
}

impl From<UnixTime> for Timestamp {
    fn from(t: UnixTime) -> Self {
        t.0
    }
}

impl fmt::Display for UnixTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

column!(UnixTime, i64,
    decode: |secs| Ok(UnixTime(Timestamp::from_second(secs)
        .map_err(|e| format!("{secs} is not a Unix time: {e}"))?)),
    encode: |t| t.0.as_second());

/// A calendar date, stored as `YYYY-MM-DD` text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate(pub Date);

impl IsoDate {
    pub fn date(self) -> Date {
        self.0
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

column!(IsoDate, String,
    decode: |text| {
        if text.len() != 10 {
            return Err(format!("{text:?} is not a YYYY-MM-DD date").into());
        }
        Ok(IsoDate(text.parse().map_err(|e| format!("{text:?} is not a date: {e}"))?))
    },
    encode: |d| d.0.to_string());

/// A time of day, stored as minutes after local midnight; 1440 is the midnight that ends the
/// day (a window "until 24:00").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DayMinute(u16);

impl DayMinute {
    pub const END_OF_DAY: DayMinute = DayMinute(1440);

    pub fn new(minute: u16) -> Option<Self> {
        (minute <= 1440).then_some(Self(minute))
    }

    pub fn minutes(self) -> u16 {
        self.0
    }

    /// The wall-clock time; the end of the day is 00:00 (of the next day), as the engine's
    /// windows read it.
    pub fn time(self) -> Time {
        if self.0 >= 1440 {
            return Time::midnight();
        }
        // Below 1440 the hour is 0..=23 and the minute 0..=59: both fit and are valid.
        Time::new((self.0 / 60) as i8, (self.0 % 60) as i8, 0, 0).unwrap_or(Time::midnight())
    }

    /// `HH:MM`, with `24:00` for the end of the day.
    pub fn label(self) -> String {
        format!("{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

column!(DayMinute, i64,
    decode: |m| u16::try_from(m).ok().and_then(DayMinute::new)
        .ok_or_else(|| format!("{m} is not a minute of the day (0 to 1440)").into()),
    encode: |m| i64::from(m.0));

/// A set of ids kept as comma-separated text (`3,7`; empty = none), sorted and without repeats.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct IdList(Vec<i64>);

impl IdList {
    pub fn new(mut ids: Vec<i64>) -> Self {
        ids.sort_unstable();
        ids.dedup();
        Self(ids)
    }

    pub fn ids(&self) -> &[i64] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

column!(IdList, String,
    decode: |text| {
        if text.is_empty() {
            return Ok(IdList::default());
        }
        text.split(',')
            .map(|part| part.parse::<i64>().map_err(|e| format!("{text:?} is not a list of ids: {e}").into()))
            .collect::<Result<Vec<_>, BoxDynError>>()
            .map(IdList::new)
    },
    encode: |list| list.0.iter().map(i64::to_string).collect::<Vec<_>>().join(","));

/// A wall-clock reading (`YYYY-MM-DDTHH:MM`) in a zone kept beside it: a series' first start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WallTime(pub jiff::civil::DateTime);

impl WallTime {
    /// The stored form.
    pub fn text(self) -> String {
        self.0.strftime("%Y-%m-%dT%H:%M").to_string()
    }

    fn read(text: &str) -> Result<Self, BoxDynError> {
        text.parse::<jiff::civil::DateTime>()
            .ok()
            .filter(|dt| text.len() == 16 && dt.second() == 0)
            .map(WallTime)
            .ok_or_else(|| format!("{text:?} is not a wall-clock time YYYY-MM-DDTHH:MM").into())
    }
}

column!(WallTime, String,
    decode: |text| WallTime::read(&text),
    encode: |w| w.text());

/// Wall-clock readings kept as comma-separated text (empty = none), sorted, without repeats: a
/// series' exception dates.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WallTimes(pub Vec<jiff::civil::DateTime>);

impl WallTimes {
    pub fn new(mut times: Vec<jiff::civil::DateTime>) -> Self {
        times.sort_unstable();
        times.dedup();
        Self(times)
    }
}

column!(WallTimes, String,
    decode: |text| {
        if text.is_empty() {
            return Ok(WallTimes::default());
        }
        text.split(',')
            .map(|part| WallTime::read(part).map(|w| w.0))
            .collect::<Result<Vec<_>, BoxDynError>>()
            .map(WallTimes::new)
    },
    encode: |list| list.0.iter().map(|t| WallTime(*t).text()).collect::<Vec<_>>().join(","));

/// An IANA zone name, looked up in the bundled tz database when read: a name it does not know
/// is an error, never UTC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredZone(pub Zone);

column!(StoredZone, String,
    decode: |name| Zone::get(&name).map(StoredZone).map_err(|e| e.to_string().into()),
    encode: |z| z.0.name().to_owned());

/// An optional column of one of the core's text enums (`NULL` = none): the store reads it with
/// `#[sqlx(try_from = "Option<String>")]`, since the core's `TryFrom<String>` cannot reach inside
/// an `Option`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MaybeText<T>(pub Option<T>);

impl<T> TryFrom<Option<String>> for MaybeText<T>
where
    T: TryFrom<String>,
{
    type Error = T::Error;

    fn try_from(raw: Option<String>) -> Result<Self, Self::Error> {
        raw.map(T::try_from).transpose().map(MaybeText)
    }
}

/// A yes/no flag, kept as 0/1 so both backends read it alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Flag(pub bool);

column!(Flag, i64,
    decode: |n| match n {
        0 => Ok(Flag(false)),
        1 => Ok(Flag(true)),
        other => Err(format!("{other} is not a 0/1 flag").into()),
    },
    encode: |f| i64::from(f.0));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_minutes_read_as_wall_clock_times() {
        assert_eq!(
            DayMinute::new(570).unwrap().time(),
            Time::constant(9, 30, 0, 0)
        );
        assert_eq!(DayMinute::END_OF_DAY.time(), Time::midnight());
        assert_eq!(DayMinute::END_OF_DAY.label(), "24:00");
        assert!(DayMinute::new(1441).is_none());
    }

    #[test]
    fn id_lists_are_sorted_sets() {
        assert_eq!(IdList::new(vec![7, 3, 7]).ids(), &[3, 7]);
    }
}
