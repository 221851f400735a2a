//! The hours a coach offers over a range (`Calendar::open_in`), the denominator of utilisation:
//! every window of the rules and overrides for any session type, less time off, across clock
//! changes; sessions do not reduce it.

mod common;

use coachbook_core::availability::{Block, Calendar, DateOverride};
use coachbook_core::time::{local_day, SessionTypeId};
use common::*;
use jiff::civil::Weekday;
use jiff::SignedDuration;

fn hours(open: &[coachbook_core::time::Interval]) -> i64 {
    open.iter().map(|i| i.duration().as_secs()).sum::<i64>() / 60
}

#[test]
fn a_week_of_nine_to_five_is_forty_hours_whatever_is_booked() {
    let zone = tz("Europe/London");
    let monday = local_day(&zone, date("2026-12-07")).unwrap().start;
    let week = interval(monday, local_day(&zone, date("2026-12-13")).unwrap().end);
    let booked = vec![session(1, local(&zone, "2026-12-07 10:00"), 60)];
    let cal = calendar(&zone, weekdays_nine_to_five(), booked, vec![], vec![]);
    assert_eq!(hours(&cal.open_in(week)), 40 * 60);
}

#[test]
fn time_off_and_a_closed_day_come_off_and_windows_for_one_type_count() {
    let zone = tz("America/New_York");
    let mut rules = weekdays_nine_to_five();
    // A Saturday window for one session type only: still offered time.
    let mut saturday = rule(Weekday::Saturday, "10:00", "12:00");
    saturday.session_type_ids = vec![SessionTypeId(7)];
    rules.push(saturday);
    let overrides = vec![DateOverride {
        date: date("2026-12-09"),
        windows: vec![],
        session_type_ids: vec![],
    }];
    let blocks = vec![Block::OneOff {
        start: local(&zone, "2026-12-10 12:00"),
        end: local(&zone, "2026-12-10 13:30"),
    }];
    let cal = Calendar::new(schedule(&zone, rules, overrides), vec![], blocks, vec![]).unwrap();
    let week = interval(
        local_day(&zone, date("2026-12-07")).unwrap().start,
        local_day(&zone, date("2026-12-13")).unwrap().end,
    );
    // 5 × 8 h − Wednesday closed − 1.5 h off + 2 h on Saturday.
    assert_eq!(hours(&cal.open_in(week)), (32 * 60) - 90 + 120);
    // Clipped to the range asked: Thursday 09:00–12:00 only.
    let morning = interval(
        local(&zone, "2026-12-10 00:00"),
        local(&zone, "2026-12-10 12:00"),
    );
    assert_eq!(
        cal.open_in(morning),
        vec![interval(
            local(&zone, "2026-12-10 09:00"),
            local(&zone, "2026-12-10 12:00")
        )]
    );
}

#[test]
fn a_window_across_the_spring_change_is_an_hour_shorter() {
    let zone = tz("Europe/Berlin");
    let rules = vec![rule(Weekday::Sunday, "01:00", "05:00")];
    let cal = calendar(&zone, rules, vec![], vec![], vec![]);
    let day = local_day(&zone, date("2027-03-28")).unwrap();
    let open = cal.open_in(day);
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].duration(), SignedDuration::from_hours(3));
}
