//! One way to write dates, times and numbers for people, on every page and in every notice:
//! "Mon 7 Dec 2026, 16:00" in English, "Mo., 7. Dez. 2026, 16:00" in German, always in the
//! reader's zone (the coach's, on the admin pages), with the day before the month and a 24-hour
//! clock. The API speaks RFC 3339; people read these.
//!
//! The language is the task's ([`i18n::current`]: the request's, or the email job's); the `*_in`
//! forms take it explicitly. Month and weekday names and number symbols are CLDR's, through
//! ICU4X; the patterns are CLDR's `yMMMEd` and `Hm` skeletons for each locale (ICU4X 2 offers
//! no skeleton lookup, so they are written here, one line per locale).

use std::cell::OnceCell;

use coachbook_core::time::Zone;
use icu_calendar::Gregorian;
use icu_datetime::input::{Date as IcuDate, DateTime as IcuDateTime, Time as IcuTime};
use icu_datetime::pattern::{
    DateTimePattern, FixedCalendarDateTimeNames, MonthNameLength, WeekdayNameLength,
};
use icu_decimal::DecimalFormatter;
use jiff::civil::{Date, DateTime};
use jiff::Timestamp;
use writeable::TryWriteable;

use super::i18n::{self, Locale};

/// A locale's names and patterns, loaded once.
struct Formats {
    names: FixedCalendarDateTimeNames<Gregorian>,
    date: DateTimePattern,
    date_time: DateTimePattern,
    time: DateTimePattern,
    numbers: DecimalFormatter,
}

thread_local! {
    // ICU4X's formatters are not `Sync`; each worker thread loads its own, once.
    static EN: OnceCell<Formats> = const { OnceCell::new() };
    static DE: OnceCell<Formats> = const { OnceCell::new() };
}

fn with_formats<R>(locale: Locale, f: impl FnOnce(&Formats) -> R) -> R {
    let key = match locale {
        Locale::En => &EN,
        Locale::De => &DE,
    };
    key.with(|cell| f(cell.get_or_init(|| load(locale))))
}

fn load(locale: Locale) -> Formats {
    // English names are CLDR's `en` ("Sep"), with the day before the month as in en-GB.
    let (tag, date) = match locale {
        Locale::En => (icu_locale_core::locale!("en"), "E d MMM y"),
        Locale::De => (icu_locale_core::locale!("de"), "E, d. MMM y"),
    };
    let mut names = FixedCalendarDateTimeNames::<Gregorian>::try_new(tag.clone().into())
        .expect("compiled CLDR data has every locale the app offers");
    names
        .include_month_names(MonthNameLength::Abbreviated)
        .expect("compiled CLDR data has month names")
        .include_weekday_names(WeekdayNameLength::Abbreviated)
        .expect("compiled CLDR data has weekday names");
    let pattern = |p: &str| -> DateTimePattern { p.parse().expect("a date pattern written here") };
    Formats {
        names,
        date: pattern(date),
        date_time: pattern(&format!("{date}, HH:mm")),
        time: pattern("HH:mm"),
        numbers: DecimalFormatter::try_new(tag.into(), Default::default())
            .expect("compiled CLDR data has number symbols"),
    }
}

fn icu_date(d: Date) -> IcuDate<Gregorian> {
    // jiff dates are always valid Gregorian dates in years -9999..=9999.
    IcuDate::try_new_gregorian(i32::from(d.year()), d.month() as u8, d.day() as u8)
        .expect("a jiff date is a valid Gregorian date")
}

fn render(locale: Locale, which: fn(&Formats) -> &DateTimePattern, dt: DateTime) -> String {
    let value = IcuDateTime {
        date: icu_date(dt.date()),
        time: IcuTime::try_new(dt.hour() as u8, dt.minute() as u8, 0, 0)
            .expect("a jiff time is a valid time"),
    };
    with_formats(locale, |f| {
        match f
            .names
            .with_pattern_unchecked(which(f))
            .format(&value)
            .try_write_to_string()
        {
            Ok(s) => s.into_owned(),
            // Names are loaded for every field the patterns use; ICU4X still writes a fallback.
            Err((e, s)) => {
                tracing::error!(error = ?e, locale = %locale, "a date did not format cleanly");
                s.into_owned()
            }
        }
    })
}

/// "Mon 7 Dec 2026".
pub fn date(d: Date) -> String {
    date_in(i18n::current(), d)
}

/// [`date`] in `locale`.
pub fn date_in(locale: Locale, d: Date) -> String {
    render(
        locale,
        |f| &f.date,
        d.to_datetime(jiff::civil::Time::midnight()),
    )
}

/// "Mon 7 Dec 2026" for the day `t` falls on in `zone`.
pub fn day(t: Timestamp, zone: &Zone) -> String {
    day_in(i18n::current(), t, zone)
}

/// [`day`] in `locale`.
pub fn day_in(locale: Locale, t: Timestamp, zone: &Zone) -> String {
    date_in(locale, t.to_zoned(zone.tz().clone()).date())
}

/// "16:00" in `zone`.
pub fn time(t: Timestamp, zone: &Zone) -> String {
    time_in(i18n::current(), t, zone)
}

/// [`time`] in `locale`.
pub fn time_in(locale: Locale, t: Timestamp, zone: &Zone) -> String {
    render(
        locale,
        |f| &f.time,
        t.to_zoned(zone.tz().clone()).datetime(),
    )
}

/// "Mon 7 Dec 2026, 16:00" in `zone`.
pub fn day_time(t: Timestamp, zone: &Zone) -> String {
    day_time_in(i18n::current(), t, zone)
}

/// [`day_time`] in `locale`.
pub fn day_time_in(locale: Locale, t: Timestamp, zone: &Zone) -> String {
    render(
        locale,
        |f| &f.date_time,
        t.to_zoned(zone.tz().clone()).datetime(),
    )
}

/// "16:00–17:00", or "Mon 7 Dec 2026, 23:00 – Tue 8 Dec 2026, 01:00" across midnight.
pub fn time_range(start: Timestamp, end: Timestamp, zone: &Zone) -> String {
    time_range_in(i18n::current(), start, end, zone)
}

/// [`time_range`] in `locale`.
pub fn time_range_in(locale: Locale, start: Timestamp, end: Timestamp, zone: &Zone) -> String {
    let tz = zone.tz();
    if start.to_zoned(tz.clone()).date() == end.to_zoned(tz.clone()).date() {
        format!(
            "{}–{}",
            time_in(locale, start, zone),
            time_in(locale, end, zone)
        )
    } else {
        format!(
            "{} – {}",
            day_time_in(locale, start, zone),
            day_time_in(locale, end, zone)
        )
    }
}

/// An RFC 3339 instant (as the use cases hand some over) as [`day_time`]; the text itself when
/// it does not parse, so a label never hides what is stored.
pub fn day_time_rfc3339(raw: &str, zone: &Zone) -> String {
    match raw.parse::<Timestamp>() {
        Ok(t) => day_time(t, zone),
        Err(_) => raw.to_owned(),
    }
}

/// A `YYYY-MM-DD` day as [`date`]; the text itself when it does not parse.
pub fn date_iso(raw: &str) -> String {
    match raw.parse::<Date>() {
        Ok(d) => date(d),
        Err(_) => raw.to_owned(),
    }
}

/// A whole number with the locale's grouping: "12,345" / "12.345".
pub fn number(n: i64) -> String {
    number_in(i18n::current(), n)
}

/// [`number`] in `locale`.
pub fn number_in(locale: Locale, n: i64) -> String {
    with_formats(locale, |f| {
        f.numbers
            .format(&fixed_decimal::Decimal::from(n))
            .to_string()
    })
}

/// An amount in minor units with `scale` decimals (a price of 12345 cents, scale 2): "123.45" /
/// "123,45". Integer arithmetic only.
pub fn decimal(minor: i64, scale: u8) -> String {
    decimal_in(i18n::current(), minor, scale)
}

/// [`decimal`] in `locale`.
pub fn decimal_in(locale: Locale, minor: i64, scale: u8) -> String {
    let mut d = fixed_decimal::Decimal::from(minor);
    d.multiply_pow10(-i16::from(scale));
    d.absolute.pad_end(-i16::from(scale));
    with_formats(locale, |f| f.numbers.format(&d).to_string())
}

/// `dt` written with a CLDR `pattern` in `locale` (the names it uses must be abbreviated
/// month or weekday names, which every locale has loaded).
fn render_pattern(locale: Locale, pattern: &str, d: Date) -> String {
    let Ok(pattern) = pattern.parse::<DateTimePattern>() else {
        tracing::error!(pattern, "a date pattern written here does not parse");
        return d.to_string();
    };
    let value = IcuDateTime {
        date: icu_date(d),
        time: IcuTime::try_new(0, 0, 0, 0).expect("midnight is a valid time"),
    };
    with_formats(locale, |f| {
        match f
            .names
            .with_pattern_unchecked(&pattern)
            .format(&value)
            .try_write_to_string()
        {
            Ok(s) => s.into_owned(),
            Err((e, s)) => {
                tracing::error!(error = ?e, locale = %locale, "a date did not format cleanly");
                s.into_owned()
            }
        }
    })
}

/// "7 Dec" / "7. Dez.": a day on a chart's axis.
pub fn day_month(d: Date) -> String {
    let locale = i18n::current();
    let pattern = match locale {
        Locale::En => "d MMM",
        Locale::De => "d. MMM",
    };
    render_pattern(locale, pattern, d)
}

/// "7 Dec 2027" / "7. Dez. 2027": a day named without its weekday.
pub fn day_month_year(d: Date) -> String {
    let locale = i18n::current();
    let pattern = match locale {
        Locale::En => "d MMM y",
        Locale::De => "d. MMM y",
    };
    render_pattern(locale, pattern, d)
}

/// "Mon 23 Nov" / "Mo., 23. Nov.": a day of the coming weeks, its year understood.
pub fn weekday_day_month(d: Date) -> String {
    let locale = i18n::current();
    let pattern = match locale {
        Locale::En => "E d MMM",
        Locale::De => "E, d. MMM",
    };
    render_pattern(locale, pattern, d)
}

/// "Dec 2026" / "Dez. 2026": a month on a chart's axis.
pub fn month_year(d: Date) -> String {
    render_pattern(i18n::current(), "MMM y", d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn london() -> Zone {
        coachbook_core::validate::zone("z", "Europe/London").unwrap()
    }

    #[test]
    fn every_page_writes_a_moment_the_same_way() {
        let t: Timestamp = "2026-12-07T16:00:00Z".parse().unwrap();
        assert_eq!(day_time(t, &london()), "Mon 7 Dec 2026, 16:00");
        let summer: Timestamp = "2027-07-05T08:30:00Z".parse().unwrap();
        assert_eq!(day_time(summer, &london()), "Mon 5 Jul 2027, 09:30");
        assert_eq!(date_iso("2026-12-07"), "Mon 7 Dec 2026");
        assert_eq!(
            day_time_rfc3339("2026-12-07T17:00:00+01:00", &london()),
            "Mon 7 Dec 2026, 16:00"
        );
        assert_eq!(date_iso("not a date"), "not a date");
    }

    #[test]
    fn a_range_names_the_day_again_only_when_it_crosses_midnight() {
        let z = london();
        let a: Timestamp = "2026-12-07T16:00:00Z".parse().unwrap();
        let b: Timestamp = "2026-12-07T17:00:00Z".parse().unwrap();
        assert_eq!(time_range(a, b, &z), "16:00–17:00");
        let c: Timestamp = "2026-12-08T01:00:00Z".parse().unwrap();
        assert_eq!(
            time_range(a, c, &z),
            "Mon 7 Dec 2026, 16:00 – Tue 8 Dec 2026, 01:00"
        );
    }

    #[test]
    fn german_readers_get_german_names_and_patterns() {
        let t: Timestamp = "2026-12-07T16:00:00Z".parse().unwrap();
        let de = Locale::De;
        assert_eq!(day_time_in(de, t, &london()), "Mo., 7. Dez. 2026, 16:00");
        assert_eq!(
            crate::app::i18n::sync_scope(de, || day_time(t, &london())),
            "Mo., 7. Dez. 2026, 16:00"
        );
        let may: Timestamp = "2027-05-03T08:30:00Z".parse().unwrap();
        assert_eq!(day_in(de, may, &london()), "Mo., 3. Mai 2027");
        assert_eq!(day_in(Locale::En, may, &london()), "Mon 3 May 2027");
        let sep: Date = "2026-09-07".parse().unwrap();
        assert_eq!(date_in(Locale::En, sep), "Mon 7 Sep 2026");
    }

    #[test]
    fn numbers_follow_the_locale() {
        assert_eq!(number_in(Locale::En, 1234567), "1,234,567");
        assert_eq!(number_in(Locale::De, 1234567), "1.234.567");
        assert_eq!(decimal_in(Locale::En, 12345, 2), "123.45");
        assert_eq!(decimal_in(Locale::De, 123400, 2), "1.234,00");
        assert_eq!(decimal_in(Locale::De, -5, 2), "-0,05");
    }
}
