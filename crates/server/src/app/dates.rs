//! One way to write dates and times for people, on every page and in every notice: "Mon 7 Dec
//! 2026, 16:00", always in the reader's zone (the coach's, on the admin pages), with the day before
//! the month and a 24-hour clock. The API speaks RFC 3339; people read these.

use coachbook_core::time::Zone;
use jiff::civil::Date;
use jiff::Timestamp;

/// "Mon 7 Dec 2026".
pub fn date(d: Date) -> String {
    d.strftime("%a %-d %b %Y").to_string()
}

/// "Mon 7 Dec 2026" for the day `t` falls on in `zone`.
pub fn day(t: Timestamp, zone: &Zone) -> String {
    date(t.to_zoned(zone.tz().clone()).date())
}

/// "16:00" in `zone`.
pub fn time(t: Timestamp, zone: &Zone) -> String {
    t.to_zoned(zone.tz().clone()).strftime("%H:%M").to_string()
}

/// "Mon 7 Dec 2026, 16:00" in `zone`.
pub fn day_time(t: Timestamp, zone: &Zone) -> String {
    format!("{}, {}", day(t, zone), time(t, zone))
}

/// "16:00–17:00", or "Mon 7 Dec 2026, 23:00 – Tue 8 Dec 2026, 01:00" across midnight.
pub fn time_range(start: Timestamp, end: Timestamp, zone: &Zone) -> String {
    let tz = zone.tz();
    if start.to_zoned(tz.clone()).date() == end.to_zoned(tz.clone()).date() {
        format!("{}–{}", time(start, zone), time(end, zone))
    } else {
        format!("{} – {}", day_time(start, zone), day_time(end, zone))
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
}
