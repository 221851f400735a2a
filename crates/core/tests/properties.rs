//! Property tests of the availability engine against brute-force checks: whatever the schedule,
//! sessions, blocks and busy time, every offered slot is free (with buffers), inside a rule window
//! of its date, on the grid, inside notice and horizon, within capacity and limits, unique; and
//! the answer does not depend on the order of the inputs.

mod common;

use coachbook_core::availability::{
    Availability, Block, Calendar, DateOverride, ExistingSession, Query, SessionTypeSpec,
    StartClass, WeeklyRule,
};
use coachbook_core::policy::BookingPolicy;
use coachbook_core::time::{
    iso_week_start, label_to_instant, local_date, local_day, merge_intervals, wall_to_instant,
    Interval, SessionId, SessionTypeId, TimeWindow,
};
use common::*;
use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Span, Timestamp};
use proptest::prelude::*;

const ZONES: [&str; 6] = [
    "America/New_York",
    "Europe/London",
    "Australia/Sydney",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "Asia/Tokyo",
];
const GRIDS: [u32; 5] = [15, 20, 30, 45, 60];
const WEEKDAYS: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];
/// Dates around real transitions, so that DST is exercised often, plus ordinary ones.
const BASES: [&str; 8] = [
    "2026-03-05",
    "2026-10-22",
    "2026-09-24",
    "2026-04-02",
    "2027-03-11",
    "2027-10-28",
    "2028-03-30",
    "2028-06-14",
];

#[derive(Debug, Clone)]
struct World {
    zone: TimeZone,
    base: Timestamp,
    rules: Vec<WeeklyRule>,
    overrides: Vec<DateOverride>,
    sessions: Vec<ExistingSession>,
    blocks: Vec<Block>,
    busy: Vec<Interval>,
    query: Query,
}

fn minute_time(m: u32) -> Time {
    let m = m % 1440;
    Time::new((m / 60) as i8, (m % 60) as i8, 0, 0).unwrap()
}

fn window(start: u32, len: u32) -> (Time, Time) {
    let end = start + len;
    (
        minute_time(start),
        if end >= 1440 {
            Time::midnight()
        } else {
            minute_time(end)
        },
    )
}

fn at(base: Timestamp, minutes: i64) -> Timestamp {
    base.checked_add(SignedDuration::from_mins(minutes))
        .unwrap()
}

fn plus_days(d: Date, n: i64) -> Date {
    d.checked_add(Span::new().days(n)).unwrap()
}

fn type_ids(mask: u8) -> Vec<SessionTypeId> {
    (1..=3)
        .filter(|i| mask & (1 << i) != 0)
        .map(SessionTypeId)
        .collect()
}

prop_compose! {
    fn rule_strategy()(day in 0usize..7, start in (0u32..96).prop_map(|q| q * 15), len in 15u32..600,
                       types in 0u8..16, from in proptest::option::of(-3i64..10), until in proptest::option::of(0i64..20))
                       -> (usize, u32, u32, u8, Option<i64>, Option<i64>) {
        (day, start, len, types, from, until)
    }
}

prop_compose! {
    fn session_strategy()(start in 0i64..(16 * 288), len in 3i64..36, ty in 1i64..4, capacity in 1u32..5,
                          booked in 0u32..6, before in 0i64..7, after in 0i64..7)
                          -> (i64, i64, i64, u32, u32, i64, i64) {
        (start * 5, len * 5, ty, capacity, booked, before * 5, after * 5)
    }
}

prop_compose! {
    fn world()(
        zone in 0usize..ZONES.len(),
        base in 0usize..BASES.len(),
        rules in prop::collection::vec(rule_strategy(), 1..9),
        overrides in prop::collection::vec((0i64..14, prop::collection::vec((0u32..96, 15u32..300), 0..3), 0u8..16), 0..3),
        sessions in prop::collection::vec(session_strategy(), 0..14),
        one_off in prop::collection::vec((0i64..(16 * 96), 1i64..40), 0..4),
        days in prop::collection::vec((0i64..14, 0i64..2), 0..2),
        weekly in prop::collection::vec((prop::collection::vec(0usize..7, 1..3), 0u32..96, 15u32..400, -3i64..5, proptest::option::of(0i64..15)), 0..2),
        busy in prop::collection::vec((0i64..(16 * 96), 1i64..40), 0..4),
        spec in (1i64..4, 1i64..9, 0i64..4, 0i64..4, 1u32..5),
        policy in (0i64..30, 3u32..20, 0usize..GRIDS.len(), proptest::option::of(1u32..5), proptest::option::of(1u32..10)),
        now in -2_000i64..4_000,
        range in (0i64..(7 * 96), 1i64..(10 * 96)),
        exclude in proptest::option::of(0i64..14),
    ) -> World {
        let zone = tz(ZONES[zone]);
        let base_date = date(BASES[base]);
        let base = local_day(&zone, base_date).unwrap().start;
        let rules = rules.into_iter().map(|(day, start, len, types, from, until)| {
            let (start, end) = window(start, len);
            WeeklyRule {
                weekday: WEEKDAYS[day],
                start,
                end,
                session_type_ids: type_ids(types),
                valid_from: from.map(|d| plus_days(base_date, d)),
                valid_until: until.map(|d| plus_days(base_date, d)).filter(|u| from.is_none_or(|f| *u >= plus_days(base_date, f))),
                every_weeks: 1,
                anchor: None,
            }
        }).collect();
        let overrides = overrides.into_iter().map(|(d, windows, types)| DateOverride {
            date: plus_days(base_date, d),
            windows: windows.into_iter().map(|(s, l)| { let (s, e) = window(s * 15, l); TimeWindow { start: s, end: e } }).collect(),
            session_type_ids: type_ids(types),
        }).collect();
        let sessions = sessions.into_iter().enumerate().map(|(i, (start, len, ty, capacity, booked, before, after))| ExistingSession {
            id: SessionId(i as i64),
            start: at(base, start),
            end: at(base, start + len),
            session_type_id: SessionTypeId(ty),
            capacity,
            booked,
            buffer_before: mins(before),
            buffer_after: mins(after),
        }).collect();
        let mut blocks: Vec<Block> = one_off.into_iter().map(|(s, l)| Block::OneOff { start: at(base, s * 15), end: at(base, (s + l) * 15) }).collect();
        blocks.extend(days.into_iter().map(|(d, l)| Block::Days { from: plus_days(base_date, d), until: plus_days(base_date, d + l) }));
        blocks.extend(weekly.into_iter().map(|(days, start, len, from, until)| {
            let (start, end) = window(start * 15, len);
            Block::Weekly {
                weekdays: days.into_iter().map(|d| WEEKDAYS[d]).collect(),
                start,
                end,
                from: plus_days(base_date, from),
                until: until.map(|u| plus_days(base_date, u.max(from))),
            }
        }));
        let busy = busy.into_iter().map(|(s, l)| interval(at(base, s * 15), at(base, (s + l) * 15))).collect();
        let (ty, dur, before, after, capacity) = spec;
        let query = Query {
            session_type: SessionTypeSpec {
                id: SessionTypeId(ty),
                duration: mins(dur * 15),
                buffer_before: mins(before * 5),
                buffer_after: mins(after * 5),
                capacity,
            },
            policy: BookingPolicy {
                min_notice: SignedDuration::from_hours(policy.0),
                max_days_ahead: policy.1,
                slot_interval_minutes: GRIDS[policy.2],
                max_sessions_per_day: policy.3,
                max_sessions_per_week: policy.4,
                ..BookingPolicy::default()
            },
            now: at(base, now),
            from: at(base, range.0 * 15),
            to: at(base, (range.0 + range.1) * 15),
            exclude_session: exclude.map(SessionId),
        };
        World { zone, base, rules, overrides, sessions, blocks, busy, query }
    }
}

fn build(w: &World) -> Calendar {
    Calendar::new(
        schedule(&w.zone, w.rules.clone(), w.overrides.clone()),
        w.sessions.clone(),
        w.blocks.clone(),
        w.busy.clone(),
    )
    .expect("generated calendars are valid")
}

fn live_sessions(w: &World) -> impl Iterator<Item = &ExistingSession> {
    w.sessions
        .iter()
        .filter(|s| Some(s.id) != w.query.exclude_session)
}

/// Time off as instants, brute force: every block expanded over every date near `around`.
fn time_off_near(w: &World, around: Timestamp) -> Vec<Interval> {
    let mut out = w.busy.clone();
    let center = local_date(&w.zone, around);
    for block in &w.blocks {
        match block {
            Block::OneOff { start, end } => out.push(Interval {
                start: *start,
                end: *end,
            }),
            Block::Days { from, until } => out.push(Interval {
                start: local_day(&w.zone, *from).unwrap().start,
                end: local_day(&w.zone, *until).unwrap().end,
            }),
            Block::Weekly {
                weekdays,
                start,
                end,
                from,
                until,
            } => {
                for offset in -2..=2 {
                    let d = plus_days(center, offset);
                    if d < *from || until.is_some_and(|u| d > u) || !weekdays.contains(&d.weekday())
                    {
                        continue;
                    }
                    let s = wall_to_instant(&w.zone, d.to_datetime(*start)).unwrap();
                    let e = if *end == Time::midnight() {
                        local_day(&w.zone, d).unwrap().end
                    } else {
                        wall_to_instant(&w.zone, d.to_datetime(*end)).unwrap()
                    };
                    out.push(Interval { start: s, end: e });
                }
            }
        }
    }
    out
}

/// The rule windows of `day` for the session type, as merged instants, brute force.
fn windows_of(w: &World, day: Date) -> Vec<Interval> {
    let ty = w.query.session_type.id;
    let matches = |ids: &[SessionTypeId]| ids.is_empty() || ids.contains(&ty);
    let overrides: Vec<&DateOverride> = w.overrides.iter().filter(|o| o.date == day).collect();
    let wall: Vec<(Time, Time)> = if overrides.is_empty() {
        w.rules
            .iter()
            .filter(|r| r.weekday == day.weekday())
            .filter(|r| {
                r.valid_from.is_none_or(|f| f <= day) && r.valid_until.is_none_or(|u| day <= u)
            })
            .filter(|r| matches(&r.session_type_ids))
            .map(|r| (r.start, r.end))
            .collect()
    } else {
        overrides
            .iter()
            .filter(|o| matches(&o.session_type_ids))
            .flat_map(|o| o.windows.iter().map(|w| (w.start, w.end)))
            .collect()
    };
    merge_intervals(
        wall.into_iter()
            .map(|(s, e)| Interval {
                start: wall_to_instant(&w.zone, day.to_datetime(s)).unwrap(),
                end: if e == Time::midnight() {
                    local_day(&w.zone, day).unwrap().end
                } else {
                    wall_to_instant(&w.zone, day.to_datetime(e)).unwrap()
                },
            })
            .collect(),
    )
}

fn sessions_starting_in(w: &World, range: Interval) -> u32 {
    live_sessions(w)
        .filter(|s| range.start <= s.start && s.start < range.end)
        .count() as u32
}

fn check(w: &World, got: &Availability) -> Result<(), TestCaseError> {
    let q = &w.query;
    let spec = &q.session_type;
    let earliest = q.now.checked_add(q.policy.min_notice).unwrap();
    let latest = q.now.checked_add(q.policy.horizon()).unwrap();
    for pair in got.slots.windows(2) {
        prop_assert!(pair[0].start < pair[1].start, "sorted, no duplicate starts");
    }
    for slot in &got.slots {
        prop_assert!(
            q.from <= slot.start && slot.start < q.to,
            "inside the query range"
        );
        prop_assert!(earliest <= slot.start, "minimum notice");
        prop_assert!(slot.start <= latest, "horizon");
        let core = Interval {
            start: slot.start,
            end: slot.end,
        };
        if let Some(id) = slot.session_id {
            let s = live_sessions(w)
                .find(|s| s.id == id)
                .expect("joins a real session");
            prop_assert_eq!(s.session_type_id, spec.id);
            prop_assert!(s.capacity > 1);
            prop_assert!(
                slot.seats_left > 0 && slot.seats_left == s.capacity - s.booked,
                "capacity never exceeded"
            );
            prop_assert_eq!((s.start, s.end), (slot.start, slot.end));
            for off in time_off_near(w, slot.start) {
                prop_assert!(
                    !off.overlaps(&core),
                    "a group session under time off is not offered"
                );
            }
            continue;
        }
        prop_assert_eq!(slot.seats_left, spec.capacity);
        prop_assert_eq!(
            core.duration(),
            spec.duration,
            "durations are real elapsed time"
        );
        let buffered = core.with_buffers(spec.buffers());
        for s in live_sessions(w) {
            prop_assert!(
                !s.core().overlaps(&buffered),
                "slot buffers overlap session {}",
                s.id
            );
            prop_assert!(
                !s.buffered().overlaps(&core),
                "slot overlaps the buffers of session {}",
                s.id
            );
        }
        for off in time_off_near(w, slot.start) {
            prop_assert!(
                !off.overlaps(&buffered),
                "slot (with buffers) overlaps time off {off}"
            );
        }
        for b in &got.busy {
            prop_assert!(!b.overlaps(&core), "slot overlaps reported busy time");
        }
        let dt = w.zone.to_datetime(slot.start);
        let day = dt.date();
        prop_assert_eq!(
            label_to_instant(&w.zone, dt),
            Some(slot.start),
            "the start label exists and is its first occurrence"
        );
        let minute = i64::from(dt.hour()) * 60 + i64::from(dt.minute());
        prop_assert!(dt.second() == 0 && dt.subsec_nanosecond() == 0);
        prop_assert_eq!(
            minute % i64::from(q.policy.slot_interval_minutes),
            0,
            "on the grid"
        );
        prop_assert!(
            windows_of(w, day).iter().any(|win| win.contains(&core)),
            "inside a rule window of {}",
            day
        );
        if let Some(max) = q.policy.max_sessions_per_day {
            prop_assert!(
                sessions_starting_in(w, local_day(&w.zone, day).unwrap()) < max,
                "daily limit"
            );
        }
        if let Some(max) = q.policy.max_sessions_per_week {
            let monday = iso_week_start(day).unwrap();
            let week = Interval {
                start: local_day(&w.zone, monday).unwrap().start,
                end: local_day(&w.zone, plus_days(monday, 7)).unwrap().start,
            };
            prop_assert!(sessions_starting_in(w, week) < max, "weekly limit");
        }
    }
    for pair in got.busy.windows(2) {
        prop_assert!(
            pair[0].end < pair[1].start,
            "busy time is merged and sorted"
        );
    }
    for b in &got.busy {
        prop_assert!(q.from <= b.start && b.end <= q.to && b.start < b.end);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn every_offered_slot_is_free_inside_hours_and_within_policy(w in world()) {
        let cal = build(&w);
        let got = cal.availability(&w.query).unwrap();
        check(&w, &got)?;
    }

    #[test]
    fn result_does_not_depend_on_the_order_of_inputs(w in world(), rotate in 0usize..7) {
        let got = build(&w).availability(&w.query).unwrap();
        let mut shuffled = w.clone();
        let rot = |n: usize| if n == 0 { 0 } else { rotate % n };
        shuffled.rules.reverse();
        let n = shuffled.rules.len();
        shuffled.rules.rotate_left(rot(n));
        shuffled.overrides.reverse();
        shuffled.sessions.reverse();
        let n = shuffled.sessions.len();
        shuffled.sessions.rotate_left(rot(n));
        shuffled.blocks.reverse();
        shuffled.busy.reverse();
        prop_assert_eq!(got, build(&shuffled).availability(&shuffled.query).unwrap());
    }

    #[test]
    fn every_offered_slot_classifies_as_offered_and_nothing_else_does(w in world(), probes in prop::collection::vec(0i64..(16 * 96), 0..8)) {
        let cal = build(&w);
        let q = &w.query;
        let got = cal.availability(q).unwrap();
        for slot in got.slots.iter().take(6) {
            let class = cal.classify_start(&q.session_type, &q.policy, q.now, slot.start, q.exclude_session).unwrap();
            prop_assert_eq!(class, StartClass::Offered(*slot));
        }
        for p in probes {
            let start = at(w.base, p * 15);
            if start < q.from || start >= q.to {
                continue;
            }
            let class = cal.classify_start(&q.session_type, &q.policy, q.now, start, q.exclude_session).unwrap();
            let offered = got.slots.iter().find(|s| s.start == start);
            match (class, offered) {
                (StartClass::Offered(a), Some(b)) => prop_assert_eq!(a, *b),
                (StartClass::Offered(a), None) => prop_assert!(false, "classified {:?} as offered but it is not", a),
                (_, Some(b)) => prop_assert!(false, "offered {:?} but not classified so", b),
                (_, None) => {}
            }
        }
    }

    #[test]
    fn data_outside_the_data_window_does_not_change_the_answer(w in world(), offsets in prop::collection::vec((0i64..(30 * 96), 1i64..40, any::<bool>()), 1..6)) {
        let window = coachbook_core::availability::data_window(w.query.from, w.query.to);
        let mut more = w.clone();
        for (i, (offset, len, before)) in offsets.into_iter().enumerate() {
            // Entirely before or entirely after the data window.
            let (start, end) = if before {
                (at(window.start, -(offset + len) * 15), at(window.start, -offset * 15))
            } else {
                (at(window.end, offset * 15), at(window.end, (offset + len) * 15))
            };
            more.sessions.push(ExistingSession {
                id: SessionId(1_000 + i as i64),
                start,
                end,
                session_type_id: w.query.session_type.id,
                capacity: 4,
                booked: 1,
                buffer_before: SignedDuration::ZERO,
                buffer_after: SignedDuration::ZERO,
            });
            more.busy.push(Interval { start, end });
            more.blocks.push(Block::OneOff { start, end });
        }
        prop_assert_eq!(
            build(&w).availability(&w.query).unwrap(),
            build(&more).availability(&more.query).unwrap()
        );
    }

    #[test]
    fn offered_new_slots_pass_the_conflict_check(w in world()) {
        let cal = build(&w);
        let q = &w.query;
        for slot in cal.availability(q).unwrap().slots.iter().filter(|s| s.session_id.is_none()) {
            let proposed = Interval { start: slot.start, end: slot.end };
            prop_assert_eq!(cal.check_conflict(proposed, q.session_type.buffers(), q.exclude_session), Ok(()));
        }
    }

    #[test]
    fn hostile_input_never_panics(
        times in prop::collection::vec(-377_705_116_800i64..253_402_207_200, 12),
        durations in prop::collection::vec(-100_000i64..100_000, 4),
        grid in 0u32..2000,
        days_ahead in 0u32..5000,
    ) {
        let t = |i: usize| Timestamp::from_second(times[i]).unwrap();
        let zone = tz("Pacific/Chatham");
        let sessions = vec![ExistingSession {
            id: SessionId(1), start: t(0), end: t(1), session_type_id: SessionTypeId(1), capacity: 3, booked: 9,
            buffer_before: mins(durations[0]), buffer_after: mins(durations[1]),
        }];
        let blocks = vec![Block::OneOff { start: t(2), end: t(3) }, Block::Days { from: local_date(&zone, t(4)), until: local_date(&zone, t(5)) }];
        let busy = vec![Interval { start: t(6), end: t(7) }];
        if let Ok(cal) = Calendar::new(schedule(&zone, every_day("00:00", "00:00"), vec![]), sessions, blocks, busy) {
            let q = Query {
                session_type: SessionTypeSpec { id: SessionTypeId(1), duration: mins(durations[2]), buffer_before: mins(durations[3]), buffer_after: SignedDuration::ZERO, capacity: 3 },
                policy: BookingPolicy { slot_interval_minutes: grid, max_days_ahead: days_ahead, min_notice: mins(durations[3]), ..BookingPolicy::default() },
                now: t(8), from: t(9), to: t(10), exclude_session: None,
            };
            let _ = cal.availability(&q);
            let _ = cal.classify_start(&q.session_type, &q.policy, q.now, t(11), None);
            let _ = cal.check_conflict(Interval { start: t(9), end: t(10) }, coachbook_core::time::Buffers::minutes(durations[0], durations[1]), None);
        }
    }
}
