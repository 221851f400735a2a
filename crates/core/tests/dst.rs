//! The DST policy of docs/time.md, tested on real transitions in 2026–2028:
//! - rules are wall-clock times in the coach's zone, expanded per date;
//! - a window boundary inside a spring-forward gap becomes the first instant after the gap
//!   (the window is shortened, not moved);
//! - no slot starts at a wall-clock time that does not exist (labels in a gap are dropped);
//! - in an autumn fold each wall-clock label is offered once, at its earlier offset;
//! - durations are real elapsed time.

mod common;

use coachbook_core::availability::{Calendar, Slot};
use coachbook_core::time::{label_to_instant, local_day, wall_to_instant};
use common::*;
use jiff::civil::{Date, DateTime, Weekday};
use jiff::tz::TimeZone;
use jiff::Timestamp;

fn slots_on(
    zone: &TimeZone,
    rules: Vec<coachbook_core::availability::WeeklyRule>,
    day: Date,
    minutes: i64,
    grid: u32,
) -> Vec<Slot> {
    let cal = Calendar::new(schedule(zone, rules, vec![]), vec![], vec![], vec![]).unwrap();
    let range = local_day(zone, day).unwrap();
    let mut q = query(
        spec(minutes),
        ts("2020-01-01T00:00:00Z"),
        range.start,
        range.end,
    );
    q.policy.slot_interval_minutes = grid;
    q.policy.max_days_ahead = 3_660;
    cal.availability(&q).unwrap().slots
}

fn utc(slots: &[Slot]) -> Vec<String> {
    slots.iter().map(|s| s.start.to_string()).collect()
}

#[test]
fn new_york_spring_forward_drops_the_missing_hour_and_keeps_real_durations() {
    let ny = tz("America/New_York");
    // 2026-03-08: 02:00 EST jumps to 03:00 EDT.
    let slots = slots_on(
        &ny,
        vec![rule(Weekday::Sunday, "01:00", "05:00")],
        date("2026-03-08"),
        30,
        30,
    );
    assert_eq!(
        labels(&ny, slots.iter().map(|s| s.start)),
        vec!["01:00", "01:30", "03:00", "03:30", "04:00", "04:30"]
    );
    assert_eq!(
        utc(&slots),
        vec![
            "2026-03-08T06:00:00Z",
            "2026-03-08T06:30:00Z",
            "2026-03-08T07:00:00Z",
            "2026-03-08T07:30:00Z",
            "2026-03-08T08:00:00Z",
            "2026-03-08T08:30:00Z",
        ]
    );
    // 01:30 EST + 60 minutes of real time is 03:30 EDT on the wall clock.
    let hour = slots_on(
        &ny,
        vec![rule(Weekday::Sunday, "01:30", "05:00")],
        date("2026-03-08"),
        60,
        30,
    );
    assert_eq!(hour[0].start, ts("2026-03-08T06:30:00Z"));
    assert_eq!(
        ny.to_datetime(hour[0].end).to_string(),
        "2026-03-08T03:30:00"
    );
}

#[test]
fn window_starting_inside_the_gap_is_shortened_not_moved() {
    let ny = tz("America/New_York");
    let slots = slots_on(
        &ny,
        vec![rule(Weekday::Sunday, "02:30", "04:00")],
        date("2026-03-08"),
        30,
        30,
    );
    // The window runs from 03:00 EDT (the end of the gap), not from 03:30 (02:30 shifted by an hour).
    assert_eq!(
        labels(&ny, slots.iter().map(|s| s.start)),
        vec!["03:00", "03:30"]
    );
    let start = wall_to_instant(&ny, "2026-03-08T02:30".parse::<DateTime>().unwrap()).unwrap();
    assert_eq!(start, ts("2026-03-08T07:00:00Z"));
}

#[test]
fn window_ending_inside_the_gap_ends_at_the_gap() {
    let ny = tz("America/New_York");
    let slots = slots_on(
        &ny,
        vec![rule(Weekday::Sunday, "01:00", "02:30")],
        date("2026-03-08"),
        30,
        30,
    );
    assert_eq!(
        labels(&ny, slots.iter().map(|s| s.start)),
        vec!["01:00", "01:30"]
    );
    assert_eq!(slots[1].end, ts("2026-03-08T07:00:00Z"));
}

#[test]
fn window_entirely_inside_the_gap_offers_nothing() {
    let ny = tz("America/New_York");
    assert!(slots_on(
        &ny,
        vec![rule(Weekday::Sunday, "02:00", "02:59")],
        date("2026-03-08"),
        15,
        15
    )
    .is_empty());
}

#[test]
fn new_york_fall_back_offers_each_label_once_at_the_earlier_offset() {
    let ny = tz("America/New_York");
    // 2026-11-01: 02:00 EDT falls back to 01:00 EST; 01:00–02:00 happens twice.
    let slots = slots_on(
        &ny,
        vec![rule(Weekday::Sunday, "00:00", "03:00")],
        date("2026-11-01"),
        30,
        30,
    );
    assert_eq!(
        labels(&ny, slots.iter().map(|s| s.start)),
        vec!["00:00", "00:30", "01:00", "01:30", "02:00", "02:30"]
    );
    assert_eq!(
        utc(&slots),
        vec![
            "2026-11-01T04:00:00Z",
            "2026-11-01T04:30:00Z",
            "2026-11-01T05:00:00Z", // 01:00 EDT
            "2026-11-01T05:30:00Z", // 01:30 EDT
            "2026-11-01T07:00:00Z", // 02:00 EST; 01:00 and 01:30 EST are not offered again
            "2026-11-01T07:30:00Z",
        ]
    );
}

#[test]
fn fall_back_window_boundary_in_the_fold_uses_the_first_occurrence() {
    let ny = tz("America/New_York");
    let slots = slots_on(
        &ny,
        vec![rule(Weekday::Sunday, "00:00", "01:30")],
        date("2026-11-01"),
        30,
        30,
    );
    // The window ends the first time the clock reads 01:30 (EDT).
    assert_eq!(
        labels(&ny, slots.iter().map(|s| s.start)),
        vec!["00:00", "00:30", "01:00"]
    );
    assert_eq!(slots.last().unwrap().end, ts("2026-11-01T05:30:00Z"));
}

#[test]
fn london_transitions_2027_drop_and_fold_the_one_oclock_hour() {
    let london = tz("Europe/London");
    // 2027-03-28: 01:00 GMT -> 02:00 BST.
    let spring = slots_on(
        &london,
        vec![rule(Weekday::Sunday, "00:00", "03:00")],
        date("2027-03-28"),
        60,
        60,
    );
    assert_eq!(
        labels(&london, spring.iter().map(|s| s.start)),
        vec!["00:00", "02:00"]
    );
    // 2027-10-31: 02:00 BST -> 01:00 GMT.
    let autumn = slots_on(
        &london,
        vec![rule(Weekday::Sunday, "00:00", "03:00")],
        date("2027-10-31"),
        60,
        60,
    );
    assert_eq!(
        labels(&london, autumn.iter().map(|s| s.start)),
        vec!["00:00", "01:00", "02:00"]
    );
    assert_eq!(
        utc(&autumn),
        vec![
            "2027-10-30T23:00:00Z",
            "2027-10-31T00:00:00Z",
            "2027-10-31T02:00:00Z"
        ]
    );
}

#[test]
fn sydney_transitions_2028_are_handled_on_the_southern_calendar() {
    let sydney = tz("Australia/Sydney");
    // 2028-10-01: 02:00 AEST -> 03:00 AEDT.
    let spring = slots_on(
        &sydney,
        vec![rule(Weekday::Sunday, "01:00", "04:00")],
        date("2028-10-01"),
        60,
        60,
    );
    assert_eq!(
        labels(&sydney, spring.iter().map(|s| s.start)),
        vec!["01:00", "03:00"]
    );
    // 2028-04-02: 03:00 AEDT -> 02:00 AEST.
    let autumn = slots_on(
        &sydney,
        vec![rule(Weekday::Sunday, "01:00", "04:00")],
        date("2028-04-02"),
        60,
        60,
    );
    assert_eq!(
        labels(&sydney, autumn.iter().map(|s| s.start)),
        vec!["01:00", "02:00", "03:00"]
    );
    assert_eq!(
        utc(&autumn),
        vec![
            "2028-04-01T14:00:00Z",
            "2028-04-01T15:00:00Z",
            "2028-04-01T17:00:00Z"
        ]
    );
}

#[test]
fn chatham_quarter_hour_gap_drops_only_labels_that_do_not_exist() {
    let chatham = tz("Pacific/Chatham");
    // 2026-09-27: 02:45 +12:45 -> 03:45 +13:45.
    let slots = slots_on(
        &chatham,
        vec![rule(Weekday::Sunday, "02:00", "05:00")],
        date("2026-09-27"),
        30,
        30,
    );
    // 02:30 exists (the gap starts at 02:45) and its 30 real minutes end at 04:00; 03:00 and 03:30
    // do not exist; 03:45 exists but is off the 30-minute grid.
    assert_eq!(
        labels(&chatham, slots.iter().map(|s| s.start)),
        vec!["02:00", "02:30", "04:00", "04:30"]
    );
    assert_eq!(slots[1].end, slots[2].start);
    let quarter = slots_on(
        &chatham,
        vec![rule(Weekday::Sunday, "02:00", "05:00")],
        date("2026-09-27"),
        15,
        15,
    );
    assert_eq!(
        labels(&chatham, quarter.iter().map(|s| s.start)),
        vec!["02:00", "02:15", "02:30", "03:45", "04:00", "04:15", "04:30", "04:45"]
    );
    assert_eq!(
        quarter[2].end, quarter[3].start,
        "02:30 + 15 min is 03:45 on the wall clock"
    );
}

#[test]
fn chatham_fold_offers_each_label_once() {
    let chatham = tz("Pacific/Chatham");
    // 2027-04-04: 03:45 +13:45 -> 02:45 +12:45.
    let slots = slots_on(
        &chatham,
        vec![rule(Weekday::Sunday, "02:00", "05:00")],
        date("2027-04-04"),
        30,
        30,
    );
    assert_eq!(
        labels(&chatham, slots.iter().map(|s| s.start)),
        vec!["02:00", "02:30", "03:00", "03:30", "04:00", "04:30"]
    );
    let starts: Vec<Timestamp> = slots.iter().map(|s| s.start).collect();
    assert!(starts.windows(2).all(|w| w[0] < w[1]));
    for pair in slots.windows(2) {
        assert!(
            pair[0].end <= pair[1].start,
            "no overlapping 30-minute slots in the fold"
        );
    }
}

#[test]
fn kolkata_half_hour_offset_keeps_the_grid_on_the_local_clock() {
    let kolkata = tz("Asia/Kolkata");
    let slots = slots_on(
        &kolkata,
        vec![rule(Weekday::Monday, "09:00", "10:00")],
        date("2027-06-07"),
        30,
        30,
    );
    assert_eq!(
        utc(&slots),
        vec!["2027-06-07T03:30:00Z", "2027-06-07T04:00:00Z"]
    );
}

#[test]
fn tokyo_without_dst_has_the_same_slots_every_sunday() {
    let tokyo = tz("Asia/Tokyo");
    let rules = vec![rule(Weekday::Sunday, "00:00", "00:00")];
    for day in ["2026-03-08", "2026-11-01", "2027-03-28", "2028-10-29"] {
        assert_eq!(slots_on(&tokyo, rules.clone(), date(day), 30, 30).len(), 48);
    }
}

#[test]
fn whole_day_block_on_a_23_hour_day_covers_the_real_day() {
    let london = tz("Europe/London");
    let day = local_day(&london, date("2026-03-29")).unwrap();
    assert_eq!(day.duration(), jiff::SignedDuration::from_hours(23));
    let day = local_day(&london, date("2026-10-25")).unwrap();
    assert_eq!(day.duration(), jiff::SignedDuration::from_hours(25));
}

#[test]
fn weekly_block_in_the_fold_uses_the_same_mapping_as_rules() {
    let ny = tz("America/New_York");
    let block = coachbook_core::availability::Block::Weekly {
        weekdays: vec![Weekday::Sunday],
        start: time("01:00"),
        end: time("02:00"),
        from: date("2026-01-01"),
        until: None,
    };
    let cal = Calendar::new(
        schedule(&ny, vec![rule(Weekday::Sunday, "00:00", "03:00")], vec![]),
        vec![],
        vec![block],
        vec![],
    )
    .unwrap();
    let range = local_day(&ny, date("2026-11-01")).unwrap();
    let q = query(spec(30), ts("2026-10-01T00:00:00Z"), range.start, range.end);
    let slots = cal.availability(&q).unwrap().slots;
    // The block runs from 01:00 EDT to 02:00 EST (two real hours, the whole fold).
    assert_eq!(
        labels(&ny, slots.iter().map(|s| s.start)),
        vec!["00:00", "00:30", "02:00", "02:30"]
    );
}

const ZONES: [&str; 6] = [
    "America/New_York",
    "Europe/London",
    "Australia/Sydney",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "Asia/Tokyo",
];

/// Every real transition of 2026–2028 in the six zones, through a full-day rule on grids of 15,
/// 30 and 60 minutes: labels exist on the clock, appear once, in order, and slots whose length
/// equals the grid never overlap.
#[test]
fn every_transition_2026_to_2028_gives_existing_unique_non_overlapping_slots() {
    let mut transitions_seen = 0;
    for name in ZONES {
        let zone = tz(name);
        let start = ts("2026-01-01T00:00:00Z");
        let end = ts("2029-01-01T00:00:00Z");
        let mut days: Vec<Date> = zone
            .following(start)
            .take_while(|t| t.timestamp() < end)
            .map(|t| zone.to_datetime(t.timestamp()).date())
            .collect();
        transitions_seen += days.len();
        if days.is_empty() {
            days.push(date("2027-03-14"));
        }
        for day in days {
            for grid in [15u32, 30, 60] {
                let slots = slots_on(
                    &zone,
                    every_day("00:00", "00:00"),
                    day,
                    i64::from(grid),
                    grid,
                );
                let range = local_day(&zone, day).unwrap();
                // Each existing label of the day exactly once.
                let existing = (0..1440 / grid)
                    .filter(|k| {
                        let m = k * grid;
                        label_to_instant(&zone, day.at((m / 60) as i8, (m % 60) as i8, 0, 0))
                            .is_some()
                    })
                    .count();
                assert_eq!(slots.len(), existing, "{name} {day} grid {grid}");
                for s in &slots {
                    let dt = zone.to_datetime(s.start);
                    assert_eq!(dt.date(), day);
                    assert_eq!(
                        label_to_instant(&zone, dt),
                        Some(s.start),
                        "{name} {day}: {dt} is a first occurrence"
                    );
                    assert_eq!(u32::from(dt.minute().unsigned_abs()) % grid.min(60), 0);
                    assert!(range.start <= s.start && s.end <= range.end);
                }
                for pair in slots.windows(2) {
                    assert!(pair[0].start < pair[1].start);
                    assert!(
                        pair[0].end <= pair[1].start,
                        "{name} {day} grid {grid}: overlap"
                    );
                }
            }
        }
    }
    // NY, London, Sydney and Chatham each change twice a year for three years.
    assert_eq!(transitions_seen, 24);
}

#[test]
fn the_coachs_own_booking_in_the_second_pass_of_the_autumn_hour_is_inside_hours() {
    use coachbook_core::availability::HoursReason;
    let ny = tz("America/New_York");
    let cal = Calendar::new(
        schedule(&ny, every_day("00:00", "04:00"), vec![]),
        vec![],
        vec![],
        vec![],
    )
    .unwrap();
    let now = ts("2027-10-01T00:00:00Z");
    // 01:30 EST, the second 01:30 of 2027-11-07, for an hour: inside 00:00 EDT–04:00 EST.
    let second = ts("2027-11-07T06:30:00Z");
    let hour = interval(second, ts("2027-11-07T07:30:00Z"));
    assert_eq!(cal.check_hours(ONE_ON_ONE, hour, now), Ok(()));
    // Ending after 04:00 EST runs past the window.
    let late = interval(ts("2027-11-07T08:30:00Z"), ts("2027-11-07T09:30:00Z"));
    assert_eq!(
        cal.check_hours(ONE_ON_ONE, late, now),
        Err(HoursReason::OutsideHours)
    );
    assert_eq!(
        cal.check_hours(ONE_ON_ONE, hour, ts("2027-11-08T00:00:00Z")),
        Err(HoursReason::InThePast)
    );
}
