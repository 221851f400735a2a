//! Availability query cost against history size. Reference dataset: one coach in Europe/London,
//! five weekly windows (Mon–Fri 09:00–17:00), 2,000 booked sessions and 200 blocks per year,
//! 30-minute slots, a 90-day query that crosses the spring DST change; then the same query with
//! 20,000 and 200,000 sessions, the extra ones in earlier years (outside the range).
//!
//! CARGO_TARGET_DIR=/var/tmp/cb-target-core cargo bench -p coachbook-core --bench availability

use std::collections::HashMap;
use std::hint::black_box;
use std::time::Duration;

use coachbook_core::availability::{
    Block, Calendar, ExistingSession, Query, Schedule, SessionTypeSpec, WeeklyRule,
};
use coachbook_core::policy::BookingPolicy;
use coachbook_core::time::{Interval, SessionId, SessionTypeId};
use criterion::{criterion_group, criterion_main, Criterion};
use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Span, Timestamp};

const SESSIONS_PER_YEAR: usize = 2_000;
const BLOCKS_PER_YEAR: usize = 200;
const QUERY_YEAR: i16 = 2026;

struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn zone() -> TimeZone {
    TimeZone::get("Europe/London").expect("bundled tzdb")
}

fn rules() -> Vec<WeeklyRule> {
    [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
    ]
    .into_iter()
    .map(|weekday| WeeklyRule {
        weekday,
        start: Time::constant(9, 0, 0, 0),
        end: Time::constant(17, 0, 0, 0),
        session_type_ids: vec![],
        valid_from: None,
        valid_until: None,
        every_weeks: 1,
        anchor: None,
    })
    .collect()
}

/// One year of a busy practice: 30-minute sessions at half-hour starts inside the weekday windows
/// (about half of the working hours booked), never overlapping, half of them with a 15-minute
/// buffer after, one in ten a group session; and one-off blocks of one to four hours.
fn year(
    tz: &TimeZone,
    year: i16,
    rng: &mut Lcg,
    next_id: &mut i64,
    sessions: &mut Vec<ExistingSession>,
    blocks: &mut Vec<Block>,
) {
    let first = Date::new(year, 1, 1).expect("valid year");
    let days = if first.in_leap_year() { 366 } else { 365 };
    let mut taken: HashMap<Date, Vec<u64>> = HashMap::new();
    let mut placed = 0;
    while placed < SESSIONS_PER_YEAR {
        let day = first
            .checked_add(Span::new().days(rng.below(days) as i64))
            .expect("in range");
        if matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
            continue;
        }
        let half = rng.below(16); // 09:00 .. 16:30
        let slots = taken.entry(day).or_default();
        if slots.contains(&half) {
            continue;
        }
        slots.push(half);
        let minute = 9 * 60 + half * 30;
        let start = tz
            .to_timestamp(day.at((minute / 60) as i8, (minute % 60) as i8, 0, 0))
            .expect("working hours exist on the clock");
        let group = rng.below(10) == 0;
        sessions.push(ExistingSession {
            id: SessionId(*next_id),
            start,
            end: start
                .checked_add(SignedDuration::from_mins(30))
                .expect("in range"),
            session_type_id: SessionTypeId(if group { 2 } else { 1 }),
            capacity: if group { 8 } else { 1 },
            booked: if group { rng.below(9) as u32 } else { 1 },
            buffer_before: SignedDuration::ZERO,
            buffer_after: SignedDuration::from_mins(if rng.below(2) == 0 { 0 } else { 15 }),
        });
        *next_id += 1;
        placed += 1;
    }
    for _ in 0..BLOCKS_PER_YEAR {
        let day = first
            .checked_add(Span::new().days(rng.below(days) as i64))
            .expect("in range");
        let start = tz
            .to_timestamp(day.at(8 + rng.below(10) as i8, 0, 0, 0))
            .expect("exists");
        let end = start
            .checked_add(SignedDuration::from_hours(1 + rng.below(4) as i64))
            .expect("in range");
        blocks.push(Block::OneOff { start, end });
    }
}

/// A calendar with `years` years of data, the last one being the query year.
fn calendar(years: i16) -> Calendar {
    let tz = zone();
    let mut rng = Lcg(42);
    let mut next_id = 1;
    let (mut sessions, mut blocks) = (Vec::new(), Vec::new());
    // The query year first, so its data is identical whatever the history.
    year(
        &tz,
        QUERY_YEAR,
        &mut rng,
        &mut next_id,
        &mut sessions,
        &mut blocks,
    );
    for y in (QUERY_YEAR - years + 1)..QUERY_YEAR {
        year(&tz, y, &mut rng, &mut next_id, &mut sessions, &mut blocks);
    }
    Calendar::new(
        Schedule {
            time_zone: tz,
            rules: rules(),
            overrides: vec![],
        },
        sessions,
        blocks,
        vec![],
    )
    .expect("valid calendar")
}

fn query() -> Query {
    let now: Timestamp = "2026-03-02T08:00:00Z".parse().expect("timestamp");
    Query {
        session_type: SessionTypeSpec {
            id: SessionTypeId(1),
            duration: SignedDuration::from_mins(30),
            buffer_before: SignedDuration::ZERO,
            buffer_after: SignedDuration::ZERO,
            capacity: 1,
        },
        policy: BookingPolicy {
            max_days_ahead: 120,
            ..BookingPolicy::default()
        },
        now,
        from: now,
        to: now
            .checked_add(SignedDuration::from_hours(90 * 24))
            .expect("in range"),
        exclude_session: None,
    }
}

fn bench(c: &mut Criterion) {
    let q = query();
    let mut group = c.benchmark_group("availability_90_days");
    for (label, years) in [
        ("2k_sessions", 1i16),
        ("20k_sessions", 10),
        ("200k_sessions", 100),
    ] {
        let cal = calendar(years);
        assert_eq!(cal.session_count(), SESSIONS_PER_YEAR * years as usize);
        let result = cal.availability(&q).expect("valid query");
        eprintln!(
            "{label}: {} slots, {} busy intervals",
            result.slots.len(),
            result.busy.len()
        );
        group.bench_function(label, |b| {
            b.iter(|| black_box(cal.availability(black_box(&q))))
        });
    }
    group.finish();

    // The two calls the server makes per booking, on the largest history.
    let cal = calendar(100);
    let spec = q.session_type.clone();
    let start: Timestamp = "2026-04-14T13:00:00Z".parse().expect("timestamp");
    let proposed = Interval {
        start,
        end: start.checked_add(spec.duration).expect("in range"),
    };
    c.bench_function("check_conflict_200k_sessions", |b| {
        b.iter(|| black_box(cal.check_conflict(black_box(proposed), spec.buffers(), None)))
    });
    c.bench_function("classify_start_200k_sessions", |b| {
        b.iter(|| black_box(cal.classify_start(&spec, &q.policy, q.now, black_box(start), None)))
    });

    let tz = zone();
    let mut rng = Lcg(42);
    let mut next_id = 1;
    let (mut sessions, mut blocks) = (Vec::new(), Vec::new());
    year(
        &tz,
        QUERY_YEAR,
        &mut rng,
        &mut next_id,
        &mut sessions,
        &mut blocks,
    );
    c.bench_function("calendar_new_2k_sessions", |b| {
        b.iter(|| {
            Calendar::new(
                Schedule {
                    time_zone: tz.clone(),
                    rules: rules(),
                    overrides: vec![],
                },
                black_box(sessions.clone()),
                black_box(blocks.clone()),
                vec![],
            )
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .sample_size(50);
    targets = bench
}
criterion_main!(benches);
