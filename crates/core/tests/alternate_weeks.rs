//! Windows that repeat every N weeks (issue 16): a window applies on a local date when the whole
//! number of Monday-based weeks from its anchor's week to the date's week is a multiple of N.

mod common;

use coachbook_core::availability::{
    in_cycle, week_start, weeks_between, Calendar, WeeklyRule, MAX_EVERY_WEEKS,
};
use coachbook_core::time::{local_day, TimeError};
use common::*;
use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;
use jiff::Span;
use proptest::prelude::*;

fn every(weeks: u8, anchor: &str, mut rule: WeeklyRule) -> WeeklyRule {
    rule.every_weeks = weeks;
    rule.anchor = Some(date(anchor));
    rule
}

/// The local dates in `from..=until` on which the calendar offers at least one slot.
fn open_days(zone: &TimeZone, rules: Vec<WeeklyRule>, from: Date, until: Date) -> Vec<Date> {
    let cal = Calendar::new(schedule(zone, rules, vec![]), vec![], vec![], vec![]).unwrap();
    let start = local_day(zone, from).unwrap().start;
    let end = local_day(zone, until).unwrap().end;
    let mut q = query(spec(60), ts("2020-01-01T00:00:00Z"), start, end);
    q.policy.max_days_ahead = 3_660;
    let mut days: Vec<Date> = cal
        .availability(&q)
        .unwrap()
        .slots
        .iter()
        .map(|s| zone.to_datetime(s.start).date())
        .collect();
    days.dedup();
    days
}

fn dates(list: &[&str]) -> Vec<Date> {
    list.iter().map(|d| date(d)).collect()
}

#[test]
fn weeks_start_on_monday() {
    assert_eq!(week_start(date("2026-12-07")), date("2026-12-07"));
    assert_eq!(week_start(date("2026-12-13")), date("2026-12-07"));
    assert_eq!(week_start(date("2027-01-03")), date("2026-12-28"));
}

#[test]
fn weeks_are_counted_across_the_year_boundary() {
    // 2026-12-28 (Monday) and 2027-01-03 (Sunday) are the same ISO week (2026-W53).
    assert_eq!(weeks_between(date("2026-12-28"), date("2027-01-03")), 0);
    assert_eq!(weeks_between(date("2026-12-31"), date("2027-01-04")), 1);
    assert_eq!(weeks_between(date("2026-12-21"), date("2027-01-04")), 2);
    assert_eq!(weeks_between(date("2027-01-04"), date("2026-12-21")), -2);
    assert!(in_cycle(2, date("2026-12-21"), date("2027-01-04")));
    assert!(!in_cycle(2, date("2026-12-21"), date("2026-12-28")));
    // Before the anchor the cycle runs backwards too.
    assert!(in_cycle(2, date("2027-01-04"), date("2026-12-21")));
    assert!(!in_cycle(3, date("2027-01-04"), date("2026-12-21")));
}

#[test]
fn an_every_other_monday_window_opens_alternate_mondays_across_new_year() {
    let zone = tz("Europe/Berlin");
    let rules = vec![every(
        2,
        "2026-12-07",
        rule(Weekday::Monday, "09:00", "12:00"),
    )];
    assert_eq!(
        open_days(&zone, rules, date("2026-12-01"), date("2027-01-31")),
        dates(&["2026-12-07", "2026-12-21", "2027-01-04", "2027-01-18",])
    );
}

#[test]
fn the_anchor_may_be_any_day_of_its_week() {
    let zone = tz("UTC");
    // A Thursday anchor puts the Monday of that week in the cycle.
    let rules = vec![every(
        2,
        "2026-12-10",
        rule(Weekday::Monday, "09:00", "12:00"),
    )];
    assert_eq!(
        open_days(&zone, rules, date("2026-12-01"), date("2026-12-31")),
        dates(&["2026-12-07", "2026-12-21"])
    );
}

#[test]
fn a_dst_change_inside_the_week_does_not_shift_the_cycle() {
    // London falls back on Sunday 2026-10-25 and springs forward on Sunday 2027-03-28: the
    // weeks holding the transitions are 167 and 169 hours long, yet still one week each.
    let zone = tz("Europe/London");
    let rules = vec![every(
        2,
        "2026-10-11",
        rule(Weekday::Sunday, "01:00", "03:00"),
    )];
    assert_eq!(
        open_days(&zone, rules.clone(), date("2026-10-01"), date("2026-11-30")),
        dates(&["2026-10-11", "2026-10-25", "2026-11-08", "2026-11-22"])
    );
    // 2027-03-28 is 24 weeks after 2026-10-11: an on week, shortened by the gap but open.
    let spring = open_days(&zone, rules, date("2027-03-15"), date("2027-04-11"));
    assert_eq!(spring, dates(&["2027-03-28", "2027-04-11"]));
}

#[test]
fn new_york_spring_forward_week_keeps_every_third_week() {
    let zone = tz("America/New_York");
    // 2027-03-14: 02:00 EST jumps to 03:00 EDT. Fridays every 3 weeks from 2027-02-26.
    let rules = vec![every(
        3,
        "2027-02-26",
        rule(Weekday::Friday, "09:00", "10:00"),
    )];
    assert_eq!(
        open_days(&zone, rules, date("2027-02-20"), date("2027-04-30")),
        dates(&["2027-02-26", "2027-03-19", "2027-04-09", "2027-04-30"])
    );
}

#[test]
fn valid_from_is_the_anchor_when_none_is_given() {
    let zone = tz("UTC");
    let mut r = rule(Weekday::Monday, "09:00", "12:00");
    r.every_weeks = 2;
    r.valid_from = Some(date("2026-12-14"));
    assert_eq!(
        open_days(&zone, vec![r], date("2026-12-01"), date("2027-01-15")),
        dates(&["2026-12-14", "2026-12-28", "2027-01-11"])
    );
}

#[test]
fn every_weeks_out_of_range_or_without_an_anchor_is_refused() {
    let mut r = rule(Weekday::Monday, "09:00", "12:00");
    r.every_weeks = 0;
    assert!(matches!(
        r.validate(),
        Err(TimeError::EveryWeeksOutOfRange(0))
    ));
    r.every_weeks = MAX_EVERY_WEEKS + 1;
    assert!(matches!(
        r.validate(),
        Err(TimeError::EveryWeeksOutOfRange(9))
    ));
    r.every_weeks = 2;
    assert!(matches!(
        r.validate(),
        Err(TimeError::CycleWithoutAnchor(2))
    ));
    r.anchor = Some(date("2026-12-07"));
    assert!(r.validate().is_ok());
}

#[test]
fn every_week_ignores_the_anchor() {
    let zone = tz("UTC");
    let rules = vec![every(
        1,
        "2026-12-09",
        rule(Weekday::Monday, "09:00", "12:00"),
    )];
    assert_eq!(
        open_days(&zone, rules, date("2026-11-01"), date("2026-11-30")).len(),
        5
    );
}

const ZONES: [&str; 5] = [
    "UTC",
    "Europe/London",
    "America/New_York",
    "Australia/Sydney",
    "Pacific/Auckland",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Over a year from a random start, an every-2-weeks window's open days are exactly its
    /// weekday in every other week, counted from the anchor's week, in zones with and without DST.
    #[test]
    fn an_every_two_weeks_window_opens_exactly_every_other_week(
        zone in 0usize..ZONES.len(),
        day in 0i8..7,
        start_offset in 0i64..800,
        anchor_offset in -400i64..400,
    ) {
        let zone = tz(ZONES[zone]);
        let weekday = Weekday::from_monday_zero_offset(day).unwrap();
        let base = date("2026-01-01");
        let from = base.checked_add(Span::new().days(start_offset)).unwrap();
        let until = from.checked_add(Span::new().days(364)).unwrap();
        let anchor = from.checked_add(Span::new().days(anchor_offset)).unwrap();
        let mut r = rule(weekday, "10:00", "11:00");
        r.every_weeks = 2;
        r.anchor = Some(anchor);
        let got = open_days(&zone, vec![r], from, until);

        let mut expected = Vec::new();
        let mut d = from;
        while d <= until {
            if d.weekday() == weekday && (week_start(d) - week_start(anchor)).get_days() % 14 == 0 {
                expected.push(d);
            }
            d = d.tomorrow().unwrap();
        }
        prop_assert_eq!(&got, &expected);
        // Every other week: consecutive open days are exactly 14 days apart.
        for pair in got.windows(2) {
            prop_assert_eq!((pair[1] - pair[0]).get_days(), 14);
        }
        prop_assert!(got.len() == 26 || got.len() == 27);
    }
}
