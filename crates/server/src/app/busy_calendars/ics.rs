//! iCalendar text to busy intervals: the events of a calendar (RFC 5545) within a window, their
//! recurrences expanded (RRULE with the `rrule` crate in the event's zone; RDATE and EXDATE; moved
//! or cancelled instances by RECURRENCE-ID), cancelled and transparent events skipped, all-day
//! events blocking whole days of the coach's zone, floating times read in the coach's zone. Only
//! times come out: a title, description or place is never read.

use std::collections::{HashMap, HashSet};

use coachbook_core::time::{local_day, wall_to_instant, Interval};
use icalendar::parser::{read_calendar, unfold, Component, Property};
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};

/// At most this many intervals from one calendar (a year of a busy calendar is a few thousand).
pub const MAX_INTERVALS: usize = 20_000;
/// At most this many occurrences of one recurring event within the window.
const MAX_OCCURRENCES: u16 = 2_000;

/// The start (or another date-time) of an event: a day, or an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum When {
    Day(Date),
    At(Timestamp),
}

/// A zone as the event names it: jiff's for arithmetic, its name for the `rrule` crate.
#[derive(Clone)]
struct EventZone {
    tz: TimeZone,
    name: String,
}

/// What reads the text: the coach's zone (for floating times and all-day events) and the window.
pub struct Reader<'a> {
    pub coach_tz: &'a TimeZone,
    pub coach_zone_name: &'a str,
    pub window: Interval,
}

fn prop<'a>(c: &'a Component<'a>, name: &str) -> Option<&'a Property<'a>> {
    c.properties
        .iter()
        .find(|p| p.name.as_str().eq_ignore_ascii_case(name))
}

fn param<'a>(p: &'a Property<'a>, key: &str) -> Option<&'a str> {
    p.params
        .iter()
        .find(|x| x.key.as_str().eq_ignore_ascii_case(key))
        .and_then(|x| x.val.as_ref())
        .map(|v| v.as_str().trim_matches('"'))
}

fn digits(s: &str, from: usize, len: usize) -> Option<i16> {
    s.get(from..from + len)
        .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|d| d.parse().ok())
}

fn parse_date(s: &str) -> Option<Date> {
    if s.len() < 8 {
        return None;
    }
    let (y, m, d) = (digits(s, 0, 4)?, digits(s, 4, 2)?, digits(s, 6, 2)?);
    Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

fn parse_datetime(s: &str) -> Option<DateTime> {
    if s.len() < 15 || s.as_bytes().get(8) != Some(&b'T') {
        return None;
    }
    let date = parse_date(s)?;
    let (h, mi, sec) = (digits(s, 9, 2)?, digits(s, 11, 2)?, digits(s, 13, 2)?);
    // A leap second (60) is read as the last second of the minute.
    let t = jiff::civil::Time::new(
        i8::try_from(h).ok()?,
        i8::try_from(mi).ok()?,
        i8::try_from(sec.min(59)).ok()?,
        0,
    )
    .ok()?;
    Some(date.to_datetime(t))
}

impl Reader<'_> {
    fn coach_zone(&self) -> EventZone {
        EventZone {
            tz: self.coach_tz.clone(),
            name: self.coach_zone_name.to_owned(),
        }
    }

    /// The zone a property's time is in: its TZID when the tz database knows it, else the
    /// coach's (a Windows zone name from Outlook, a floating time).
    fn zone_of(&self, p: &Property<'_>) -> EventZone {
        if let Some(id) = param(p, "TZID") {
            let id = id.trim_start_matches('/');
            if let Ok(tz) = jiff::tz::db().get(id) {
                return EventZone {
                    tz,
                    name: id.to_owned(),
                };
            }
        }
        self.coach_zone()
    }

    /// One value of a date or date-time property, read in `zone`.
    fn when(&self, raw: &str, date_only: bool, zone: &EventZone) -> Result<When, String> {
        let raw = raw.trim();
        if date_only || raw.len() == 8 {
            return parse_date(raw)
                .map(When::Day)
                .ok_or_else(|| format!("{raw:?} is not a date"));
        }
        let dt = parse_datetime(raw).ok_or_else(|| format!("{raw:?} is not a date and time"))?;
        let at = if raw.ends_with('Z') || raw.ends_with('z') {
            dt.to_zoned(TimeZone::UTC).map(|z| z.timestamp()).ok()
        } else {
            wall_to_instant(&zone.tz, dt)
        };
        at.map(When::At)
            .ok_or_else(|| format!("{raw:?} is out of range"))
    }

    /// Every value of a (possibly repeated, comma-separated) date property such as EXDATE.
    fn whens(&self, c: &Component<'_>, name: &str) -> Result<Vec<When>, String> {
        let mut out = Vec::new();
        for p in c
            .properties
            .iter()
            .filter(|p| p.name.as_str().eq_ignore_ascii_case(name))
        {
            let zone = self.zone_of(p);
            let date_only = param(p, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
            if param(p, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("PERIOD")) {
                continue;
            }
            for v in p.val.as_str().split(',').filter(|v| !v.trim().is_empty()) {
                out.push(self.when(v, date_only, &zone)?);
            }
        }
        Ok(out)
    }

    fn start_of(&self, c: &Component<'_>) -> Result<(When, EventZone), String> {
        let p = prop(c, "DTSTART").ok_or("an event has no DTSTART")?;
        let zone = self.zone_of(p);
        let date_only = param(p, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
        Ok((self.when(p.val.as_str(), date_only, &zone)?, zone))
    }

    /// An instance of an event starting at `start`, lasting like the event.
    fn instance(&self, start: When, length: &Length) -> Option<Interval> {
        match (start, length) {
            (When::Day(d), Length::Days(n)) => {
                let first = local_day(self.coach_tz, d)?;
                let last_day = d.checked_add(Span::new().days(n.max(&1) - 1)).ok()?;
                let last = local_day(self.coach_tz, last_day)?;
                Some(Interval {
                    start: first.start,
                    end: last.end,
                })
            }
            (When::At(t), Length::Span(span, zone)) => {
                let end = t.to_zoned(zone.tz.clone()).checked_add(*span).ok()?;
                Some(Interval {
                    start: t,
                    end: end.timestamp(),
                })
            }
            _ => None,
        }
    }

    /// How long an event lasts: whole days for an all-day event, else a span.
    fn length_of(
        &self,
        c: &Component<'_>,
        start: When,
        zone: &EventZone,
    ) -> Result<Length, String> {
        if let Some(p) = prop(c, "DTEND") {
            let end_zone = self.zone_of(p);
            let date_only = param(p, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
            let end = self.when(p.val.as_str(), date_only, &end_zone)?;
            return match (start, end) {
                (When::Day(s), When::Day(e)) => Ok(Length::Days(
                    i64::from(s.until(e).map_err(|e| e.to_string())?.get_days()).max(1),
                )),
                (When::At(s), When::At(e)) => Ok(Length::Span(
                    Span::new().seconds((e.as_second() - s.as_second()).max(0)),
                    zone.clone(),
                )),
                _ => Err("an event's DTSTART and DTEND are of different kinds".into()),
            };
        }
        if let Some(p) = prop(c, "DURATION") {
            let span: Span = p
                .val
                .as_str()
                .trim()
                .parse()
                .map_err(|e| format!("DURATION {:?}: {e}", p.val.as_str()))?;
            return Ok(match start {
                When::Day(_) => Length::Days(
                    i64::from(span.get_days()).max(1) + i64::from(span.get_weeks()) * 7,
                ),
                When::At(_) => Length::Span(span, zone.clone()),
            });
        }
        // RFC 5545: without either, a day event lasts the day and a timed one no time at all.
        Ok(match start {
            When::Day(_) => Length::Days(1),
            When::At(_) => Length::Span(Span::new(), zone.clone()),
        })
    }

    /// The starts of a recurring event from its RRULE, in the window (reaching back by the
    /// event's length, so an instance that began before the window and runs into it counts).
    fn expand_rule(
        &self,
        rule: &str,
        start: When,
        zone: &EventZone,
        reach_back: jiff::SignedDuration,
    ) -> Result<Vec<When>, String> {
        let (zone_name, local) = match start {
            When::Day(d) => (
                self.coach_zone_name.to_owned(),
                d.to_datetime(jiff::civil::Time::midnight()),
            ),
            When::At(t) => (zone.name.clone(), zone.tz.to_datetime(t)),
        };
        let rule = normalise_until(rule, &zone.tz);
        let text = |zone_name: &str| {
            format!(
                "DTSTART;TZID={zone_name}:{}\nRRULE:{rule}",
                local.strftime("%Y%m%dT%H%M%S")
            )
        };
        // The `rrule` crate has its own zone list; a name only jiff knows reads in the coach's.
        let set: rrule::RRuleSet = text(&zone_name)
            .parse()
            .or_else(|_| text(self.coach_zone_name).parse())
            .map_err(|e| format!("a recurrence rule ({rule}) does not read: {e}"))?;
        let utc = |t: Timestamp| {
            chrono::DateTime::from_timestamp(t.as_second(), 0)
                .map(|d| d.with_timezone(&rrule::Tz::UTC))
                .ok_or_else(|| "the window is out of range".to_owned())
        };
        let from = coachbook_core::time::sat_sub(self.window.start, reach_back);
        let set = set.after(utc(from)?).before(utc(self.window.end)?);
        let found = set.all(MAX_OCCURRENCES);
        let mut out = Vec::with_capacity(found.dates.len());
        for d in found.dates {
            match start {
                When::Day(_) => {
                    let n = d.naive_local().date();
                    let day = Date::new(
                        i16::try_from(chrono::Datelike::year(&n)).map_err(|e| e.to_string())?,
                        i8::try_from(chrono::Datelike::month(&n)).map_err(|e| e.to_string())?,
                        i8::try_from(chrono::Datelike::day(&n)).map_err(|e| e.to_string())?,
                    )
                    .map_err(|e| e.to_string())?;
                    out.push(When::Day(day));
                }
                When::At(_) => out.push(When::At(
                    Timestamp::from_second(d.timestamp()).map_err(|e| e.to_string())?,
                )),
            }
        }
        Ok(out)
    }

    /// Reads the calendar's busy intervals within the window, sorted, at most [`MAX_INTERVALS`].
    pub fn read(&self, text: &str) -> Result<Vec<Interval>, String> {
        let unfolded = unfold(text);
        let calendar = read_calendar(&unfolded).map_err(|_| {
            "the calendar is not valid iCalendar (it does not parse as RFC 5545)".to_owned()
        })?;
        if calendar.properties.is_empty()
            && !calendar
                .components
                .iter()
                .any(|c| c.name.as_str().eq_ignore_ascii_case("VEVENT"))
        {
            return Err(
                "the address did not answer with an iCalendar file (BEGIN:VCALENDAR)".into(),
            );
        }
        let events: Vec<&Component<'_>> = calendar
            .components
            .iter()
            .filter(|c| c.name.as_str().eq_ignore_ascii_case("VEVENT"))
            .collect();
        // Instances moved or cancelled by an override, by the UID of their series.
        let mut overridden: HashMap<String, HashSet<When>> = HashMap::new();
        for e in &events {
            if let (Some(uid), Some(rid)) = (prop(e, "UID"), prop(e, "RECURRENCE-ID")) {
                let zone = self.zone_of(rid);
                let date_only = param(rid, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
                let when = self.when(rid.val.as_str(), date_only, &zone)?;
                overridden
                    .entry(uid.val.as_str().to_owned())
                    .or_default()
                    .insert(when);
            }
        }
        let mut out = Vec::new();
        for e in events {
            let skipped = prop(e, "STATUS")
                .is_some_and(|s| s.val.as_str().trim().eq_ignore_ascii_case("CANCELLED"))
                || prop(e, "TRANSP")
                    .is_some_and(|t| t.val.as_str().trim().eq_ignore_ascii_case("TRANSPARENT"));
            if skipped {
                continue;
            }
            let (start, zone) = self.start_of(e)?;
            let length = self.length_of(e, start, &zone)?;
            let is_override = prop(e, "RECURRENCE-ID").is_some();
            let rule = prop(e, "RRULE").filter(|_| !is_override);
            let starts: Vec<When> = if let Some(rule) = rule {
                let reach_back = match self.instance(start, &length) {
                    Some(i) => i.duration() + jiff::SignedDuration::from_hours(48),
                    None => jiff::SignedDuration::from_hours(48),
                };
                let mut starts =
                    self.expand_rule(rule.val.as_str().trim(), start, &zone, reach_back)?;
                starts.extend(self.whens(e, "RDATE")?);
                let excluded: HashSet<When> = self.whens(e, "EXDATE")?.into_iter().collect();
                let moved = prop(e, "UID")
                    .and_then(|u| overridden.get(u.val.as_str()))
                    .cloned()
                    .unwrap_or_default();
                starts.retain(|s| !excluded.contains(s) && !moved.contains(s));
                starts
            } else {
                let mut starts = vec![start];
                if !is_override {
                    starts.extend(self.whens(e, "RDATE")?);
                }
                starts
            };
            for s in starts {
                if let Some(i) = self.instance(s, &length) {
                    if i.start < i.end && i.overlaps(&self.window) {
                        out.push(i);
                    }
                }
            }
            if out.len() > MAX_INTERVALS {
                return Err(format!(
                    "the calendar has more than {MAX_INTERVALS} events in the coming year"
                ));
            }
        }
        out.sort_by_key(|i| (i.start, i.end));
        out.dedup();
        Ok(out)
    }
}

enum Length {
    Days(i64),
    Span(Span, EventZone),
}

/// The `rrule` crate wants UNTIL in UTC when DTSTART has a zone (RFC 5545 §3.3.10): an UNTIL
/// written as a date or as a local time is turned into the UTC instant it stands for.
fn normalise_until(rule: &str, tz: &TimeZone) -> String {
    rule.split(';')
        .map(|part| {
            let Some(value) = part
                .strip_prefix("UNTIL=")
                .or_else(|| part.strip_prefix("until="))
            else {
                return part.to_owned();
            };
            if value.ends_with('Z') {
                return part.to_owned();
            }
            let local = match value.len() {
                8 => parse_date(value).and_then(|d| d.at(23, 59, 59, 0).into()),
                _ => parse_datetime(value),
            };
            match local.and_then(|dt| wall_to_instant(tz, dt)) {
                Some(t) => format!("UNTIL={}", t.strftime("%Y%m%dT%H%M%SZ")),
                None => part.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join(";")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, String)> {
        let tz = jiff::tz::db().get("Europe/Berlin").unwrap();
        let window = Interval {
            start: "2026-11-01T00:00:00Z".parse().unwrap(),
            end: "2027-01-01T00:00:00Z".parse().unwrap(),
        };
        Reader {
            coach_tz: &tz,
            coach_zone_name: "Europe/Berlin",
            window,
        }
        .read(text)
        .unwrap()
        .into_iter()
        .map(|i| (i.start.to_string(), i.end.to_string()))
        .collect()
    }

    fn cal(events: &str) -> String {
        format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n{events}END:VCALENDAR\r\n")
    }

    #[test]
    fn a_weekly_event_with_an_exdate_and_a_moved_instance() {
        let text = cal(concat!(
            "BEGIN:VEVENT\r\nUID:w\r\nSUMMARY:Secret\r\nDTSTART;TZID=Europe/Berlin:20261103T100000\r\n",
            "DTEND;TZID=Europe/Berlin:20261103T110000\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n",
            "EXDATE;TZID=Europe/Berlin:20261110T100000\r\nEND:VEVENT\r\n",
            "BEGIN:VEVENT\r\nUID:w\r\nRECURRENCE-ID;TZID=Europe/Berlin:20261117T100000\r\n",
            "DTSTART;TZID=Europe/Berlin:20261118T140000\r\nDTEND;TZID=Europe/Berlin:20261118T150000\r\nEND:VEVENT\r\n",
        ));
        assert_eq!(
            read(&text),
            [
                ("2026-11-03T09:00:00Z".into(), "2026-11-03T10:00:00Z".into()),
                ("2026-11-18T13:00:00Z".into(), "2026-11-18T14:00:00Z".into()),
                ("2026-11-24T09:00:00Z".into(), "2026-11-24T10:00:00Z".into()),
            ]
        );
    }

    #[test]
    fn cancelled_transparent_all_day_and_floating_events() {
        let text = cal(concat!(
            "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261105T100000Z\r\nDTEND:20261105T110000Z\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n",
            "BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20261105T120000Z\r\nDTEND:20261105T130000Z\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n",
            "BEGIN:VEVENT\r\nUID:c\r\nDTSTART;VALUE=DATE:20261106\r\nDTEND;VALUE=DATE:20261108\r\nEND:VEVENT\r\n",
            "BEGIN:VEVENT\r\nUID:d\r\nDTSTART:20261109T090000\r\nDURATION:PT30M\r\nEND:VEVENT\r\n",
        ));
        assert_eq!(
            read(&text),
            [
                ("2026-11-05T23:00:00Z".into(), "2026-11-07T23:00:00Z".into()),
                ("2026-11-09T08:00:00Z".into(), "2026-11-09T08:30:00Z".into()),
            ]
        );
    }

    #[test]
    fn a_weekly_rule_keeps_its_wall_clock_time_across_dst_and_an_until_date() {
        let text = cal(concat!(
            "BEGIN:VEVENT\r\nUID:e\r\nDTSTART;TZID=Europe/Berlin:20261020T100000\r\n",
            "DTEND;TZID=Europe/Berlin:20261020T110000\r\nRRULE:FREQ=WEEKLY;UNTIL=20261103\r\nEND:VEVENT\r\n",
        ));
        // 27 Oct is before the window; 3 Nov (after the change to CET) still at 10:00 local.
        assert_eq!(
            read(&text),
            [("2026-11-03T09:00:00Z".into(), "2026-11-03T10:00:00Z".into())]
        );
    }

    #[test]
    fn text_that_is_not_a_calendar_is_an_error() {
        let tz = TimeZone::UTC;
        let r = Reader {
            coach_tz: &tz,
            coach_zone_name: "UTC",
            window: Interval {
                start: Timestamp::UNIX_EPOCH,
                end: Timestamp::UNIX_EPOCH,
            },
        };
        assert!(r.read("<html>nope</html>").is_err());
        assert!(r.read("").is_err());
    }
}
