//! The recurrence expansion of bulk patterns (issue 16) against an independent RRULE engine:
//! 1,200 random patterns (daily or weekly, every 1-4, 0-3 weekdays, a count or an until), most
//! starting shortly before a DST transition of 2026-2030 at a time of day that the transition
//! skips or repeats, in zones with northern, southern, midnight, half-hour and no DST, are
//! expanded by `bulk::expand_pattern` and by Python's `dateutil.rrule` placed with `zoneinfo`
//! under the same gap/fold policy (`recurrence/expand.py` states it), all in ONE Python process,
//! and every rule must give the same instants. No database: it runs once.
//!
//! The seed is printed (and named in any failure); `COACHBOOK_PROPTEST_SEED=<n>` replays it.

use std::io::Write;
use std::process::{Command, Stdio};

use coachbook::app::bulk::{expand_pattern, Pattern};
use coachbook::app::AppError;
use coachbook_core::time::Zone;
use jiff::civil::{Date, Time};
use jiff::tz::AmbiguousOffset;
use jiff::Timestamp;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

use crate::harness::in_ci;

const RULES: usize = 1_200;

/// The zones, each with the times of day its transitions skip or repeat (and their edges).
const ZONES: &[(&str, &[&str])] = &[
    // Gap 01:00-02:00 in March, fold 01:00-02:00 in October.
    ("Europe/London", &["01:30", "01:00", "00:59", "02:00"]),
    // Gap 02:00-03:00 in March, fold 02:00-03:00 in October.
    ("Europe/Berlin", &["02:30", "02:00", "02:59", "03:00"]),
    // Gap 02:00-03:00 in March, fold 01:00-02:00 in November.
    ("America/New_York", &["02:30", "01:30", "02:00", "01:00"]),
    // Southern: gap 02:00-03:00 in October, fold 02:00-03:00 in April.
    ("Australia/Sydney", &["02:30", "02:00", "03:00", "01:59"]),
    // Transitions at midnight: gap 00:00-01:00 in September, fold 23:00-24:00 in April.
    ("America/Santiago", &["00:00", "00:30", "23:30", "23:00"]),
    // Half-hour DST: gap 02:00-02:30 in October, fold 01:30-02:00 in April.
    ("Australia/Lord_Howe", &["02:15", "02:00", "01:45", "01:30"]),
    // No DST at all.
    ("Asia/Kolkata", &["02:30", "00:00", "23:59"]),
];

const WEEKDAYS: &[&str] = &["mo", "tu", "we", "th", "fr", "sa", "su"];

/// Skips the test (a `SKIPPED:` line) or, under CI, fails it.
fn unavailable(why: &str) {
    if in_ci() {
        panic!("Python with dateutil is needed under CI for the recurrence property test: {why}");
    }
    eprintln!("SKIPPED: no Python with dateutil for the recurrence property test: {why}");
}

fn seed() -> u64 {
    match std::env::var("COACHBOOK_PROPTEST_SEED") {
        Ok(raw) => raw
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("COACHBOOK_PROPTEST_SEED={raw:?} is not a number")),
        Err(_) => rand::random(),
    }
}

/// The transitions of `zone` from 2026 to 2030, as local dates.
fn transition_days(zone: &Zone) -> Vec<Date> {
    let start: Timestamp = "2026-01-01T00:00:00Z".parse().expect("a timestamp");
    let end: Timestamp = "2031-01-01T00:00:00Z".parse().expect("a timestamp");
    zone.tz()
        .following(start)
        .take_while(|t| t.timestamp() < end)
        .map(|t| zone.tz().to_datetime(t.timestamp()).date())
        .collect()
}

/// One random pattern in one of [`ZONES`].
fn pattern(rng: &mut StdRng, zones: &[(Zone, Vec<Date>, &[&str])]) -> (Zone, Pattern) {
    let (zone, transitions, edgy) = zones.choose(rng).expect("zones");
    let near = transitions
        .choose(rng)
        .copied()
        .filter(|_| rng.gen_bool(0.9));
    let from = match near {
        // Mostly up to three weeks before a transition, so that the run crosses it early.
        Some(day) => day
            .checked_sub(jiff::Span::new().days(rng.gen_range(-2..=21)))
            .expect("a date"),
        None => Date::new(rng.gen_range(2026..=2030), rng.gen_range(1..=12), 1)
            .expect("a date")
            .checked_add(jiff::Span::new().days(rng.gen_range(0..=27)))
            .expect("a date"),
    };
    let time = if rng.gen_bool(0.7) {
        edgy.choose(rng).expect("times").to_string()
    } else {
        Time::new(rng.gen_range(0..24), rng.gen_range(0..60), 0, 0)
            .expect("a time")
            .strftime("%H:%M")
            .to_string()
    };
    let weekly = rng.gen_bool(0.6);
    // Some are monthly (issue 16's series), by the day of the month or by weekday.
    let monthly = !weekly && rng.gen_bool(0.4);
    let monthly_by = monthly.then(|| if rng.gen_bool(0.5) { "date" } else { "weekday" }.to_owned());
    let interval = rng.gen_range(1..=4);
    let n_days = if rng.gen_bool(0.1) {
        0
    } else {
        rng.gen_range(1..=3)
    };
    let mut weekdays: Vec<String> = WEEKDAYS
        .choose_multiple(rng, n_days)
        .map(|w| w.to_string())
        .collect();
    // Often the transition's own weekday, so that a weekly run lands on the transition day.
    if let Some(day) = near.filter(|_| n_days > 0 && rng.gen_bool(0.5)) {
        let code = WEEKDAYS[day.weekday().to_monday_zero_offset() as usize].to_string();
        if !weekdays.contains(&code) {
            weekdays[0] = code;
        }
    }
    let (count, until) = if rng.gen_bool(0.5) {
        (Some(rng.gen_range(1..=30)), None)
    } else {
        // At most 200 occurrences: 150 days of a daily pattern, 60 weeks of three days a week.
        let days = if monthly {
            rng.gen_range(0..=2000)
        } else if weekly {
            rng.gen_range(0..=420)
        } else {
            rng.gen_range(0..=150)
        };
        let last = from
            .checked_add(jiff::Span::new().days(days))
            .expect("a date");
        (None, Some(last.to_string()))
    };
    let p = Pattern {
        frequency: if weekly {
            "weekly"
        } else if monthly {
            "monthly"
        } else {
            "daily"
        }
        .to_owned(),
        monthly_by,
        interval: Some(interval),
        weekdays,
        time,
        from: from.to_string(),
        count,
        until,
    };
    (zone.clone(), p)
}

fn describe(zone: &Zone, starts: &[Timestamp]) -> String {
    starts
        .iter()
        .enumerate()
        .map(|(i, ts)| {
            format!(
                "  {i:>3}: {ts} = {}\n",
                ts.to_zoned(zone.tz().clone())
                    .strftime("%Y-%m-%d %H:%M %a %:z")
            )
        })
        .collect()
}

/// Runs `recurrence/expand.py` once on every pattern; `None` when Python or dateutil is
/// missing (skipped, or failed under CI, by the caller).
fn dateutil(patterns: &[(Zone, Pattern)]) -> Option<(String, Vec<Vec<Timestamp>>)> {
    let python = match crate::harness::python::python() {
        Ok(p) => p,
        Err(why) => {
            unavailable(&why);
            return None;
        }
    };
    let input: Vec<Value> = patterns
        .iter()
        .map(|(zone, p)| {
            json!({
                "zone": zone.name(),
                "frequency": p.frequency,
                "monthlyBy": p.monthly_by,
                "interval": p.interval,
                "weekdays": p.weekdays,
                "time": p.time,
                "from": p.from,
                "count": p.count,
                "until": p.until,
            })
        })
        .collect();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/recurrence/expand.py");
    let mut child = Command::new(&python)
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.display()));
    let mut stdin = child.stdin.take().expect("stdin");
    let body = serde_json::to_vec(&input).expect("json");
    // Written from a thread so a large answer cannot block on a full pipe meanwhile.
    let writer = std::thread::spawn(move || stdin.write_all(&body));
    let out = child.wait_with_output().expect("expand.py ran");
    writer
        .join()
        .expect("writer")
        .expect("patterns written to expand.py");
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        if stderr.contains("No module named") {
            unavailable(&format!(
                "dateutil or zoneinfo missing from the venv: {stderr}"
            ));
            return None;
        }
        panic!("expand.py failed ({}): {stderr}", out.status);
    }
    let answer: Value = serde_json::from_slice(&out.stdout).expect("expand.py answers JSON");
    let starts = answer["starts"]
        .as_array()
        .expect("starts")
        .iter()
        .map(|rule| {
            rule.as_array()
                .expect("a list per rule")
                .iter()
                .map(|s| {
                    Timestamp::from_second(s.as_i64().expect("epoch seconds")).expect("a time")
                })
                .collect()
        })
        .collect();
    Some((answer["tzdata"].to_string(), starts))
}

#[test]
fn expansion_agrees_with_dateutil_rrule_across_dst() {
    let seed = seed();
    eprintln!("recurrence: seed {seed} (replay with COACHBOOK_PROPTEST_SEED={seed})");
    let mut rng = StdRng::seed_from_u64(seed);
    let zones: Vec<(Zone, Vec<Date>, &[&str])> = ZONES
        .iter()
        .map(|(name, times)| {
            let zone = Zone::get(name).expect("a zone of the bundled tz database");
            let days = transition_days(&zone);
            (zone, days, *times)
        })
        .collect();
    let patterns: Vec<(Zone, Pattern)> = (0..RULES).map(|_| pattern(&mut rng, &zones)).collect();
    let Some((tzdata, theirs)) = dateutil(&patterns) else {
        return;
    };
    assert_eq!(theirs.len(), patterns.len(), "one answer per rule");

    let (mut occurrences, mut skipped, mut repeated, mut empty) = (0, 0, 0, 0);
    let mut disagreements = Vec::new();
    for (i, ((zone, p), theirs)) in patterns.iter().zip(&theirs).enumerate() {
        let ours = match expand_pattern(p, zone) {
            Ok(ours) => ours,
            // A pattern that gives nothing is refused (422 beside the field): agreement when
            // dateutil finds nothing either.
            Err(AppError::Invalid(_)) if theirs.is_empty() => {
                empty += 1;
                continue;
            }
            Err(e) => panic!(
                "seed {seed}: rule {i} in {} is refused by ours but dateutil gives {} occurrences: {e:?}\n{p:#?}\n{}",
                zone.name(),
                theirs.len(),
                describe(zone, theirs)
            ),
        };
        occurrences += ours.len();
        for ts in &ours {
            let local = ts.to_zoned(zone.tz().clone()).datetime();
            if local.time().strftime("%H:%M").to_string() != p.time {
                skipped += 1;
            } else if matches!(
                zone.tz().to_ambiguous_timestamp(local).offset(),
                AmbiguousOffset::Fold { .. }
            ) {
                repeated += 1;
            }
        }
        if &ours != theirs {
            disagreements.push((i, zone, p, ours, theirs));
        }
    }
    eprintln!(
        "recurrence: {RULES} rules, {occurrences} occurrences ({skipped} in a gap, {repeated} in a fold, {empty} rules empty); tz database ours {} theirs {tzdata}",
        coachbook_core::time::tzdb_version()
    );
    if let Some((i, zone, p, ours, theirs)) = disagreements.first() {
        let at = ours
            .iter()
            .zip(theirs.iter())
            .position(|(a, b)| a != b)
            .unwrap_or(ours.len().min(theirs.len()));
        panic!(
            "seed {seed}: {} of {RULES} rules disagree with dateutil.rrule + zoneinfo ({tzdata}); the first is rule {i} in {}, first different at occurrence {at}:\n{p:#?}\nours ({}):\n{}dateutil ({}):\n{}",
            disagreements.len(),
            zone.name(),
            ours.len(),
            describe(zone, ours),
            theirs.len(),
            describe(zone, theirs),
        );
    }
    // The sample really crossed the transitions it was made to cross.
    assert!(occurrences > 10 * RULES, "{occurrences} occurrences");
    assert!(skipped >= 25, "only {skipped} occurrences fell in a gap");
    assert!(repeated >= 25, "only {repeated} occurrences fell in a fold");
}
