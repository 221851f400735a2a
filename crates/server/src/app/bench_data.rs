//! `coachbook bench-data`: the reference dataset the performance figures are measured on (see
//! `docs/performance.md`). One coach in Europe/London, open Monday to Friday 09:00–17:00 with a
//! 30-minute session type, and N booked sessions laid out by a [`Shape`]. Deterministic but for
//! "now": the same N and shape give the same calendar around whatever day it is loaded.

use coachbook_core::time::local_date;
use jiff::civil::{Date, Weekday};
use jiff::{SignedDuration, Timestamp};

use super::accounts::{self, Account, NewAccount};
use super::availability::{self, PolicyInput, WindowInput};
use super::session_types::{self, NewSessionType};
use super::{AppError, AppResult, Ctx};
use crate::store::types::UnixTime;
use crate::store::{bench, users, StoreError};

pub const BENCH_COACH_EMAIL: &str = "bench@coachbook.test";
/// The sessions of the reference calendar around today; the rest of a `past` dataset is history.
pub const REFERENCE_SESSIONS: usize = 2_000;

/// How the sessions are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// The reference year (up to 2,000 sessions in the working hours of the half-year before and
    /// after today; fewer over a shorter span, as densely), and the rest as history before it:
    /// ten-minute sessions back to back. The weeks around today are the same whatever N is, so
    /// any cost that grows with N is the cost of history.
    Past,
    /// N sessions evenly over the two years around today, whatever the hours (30 minutes each, or
    /// shorter when they are denser than that).
    Uniform,
}

impl std::str::FromStr for Shape {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "past" => Ok(Shape::Past),
            "uniform" => Ok(Shape::Uniform),
            other => Err(format!("unknown shape {other:?}; use past or uniform")),
        }
    }
}

/// What was loaded.
#[derive(Debug)]
pub struct Loaded {
    pub email: String,
    pub session_type_id: i64,
    pub sessions: usize,
    pub bookings: u64,
}

/// Loads the dataset into an empty install (it refuses when the bench coach exists).
pub async fn load(cx: &Ctx, sessions: usize, shape: Shape) -> AppResult<Loaded> {
    match users::find_by_email(cx.db.pool(), BENCH_COACH_EMAIL).await {
        Ok(_) => {
            return Err(AppError::invalid(
                "sessions",
                "The bench coach exists already: load bench data into a fresh database.",
            ))
        }
        Err(StoreError::NotFound) => {}
        Err(e) => return Err(e.into()),
    }
    let password =
        std::env::var("COACHBOOK_PASSWORD").unwrap_or_else(|_| "bench-password-1".to_owned());
    let account: Account = accounts::create_coach(
        cx,
        &NewAccount {
            name: "Bench Coach".into(),
            email: BENCH_COACH_EMAIL.into(),
            password,
            time_zone: "Europe/London".into(),
            slug: Some("bench".into()),
        },
    )
    .await?;
    let coach = account
        .coach()
        .ok_or_else(|| anyhow::anyhow!("the bench coach was created without a practice"))?;
    let session_type = session_types::create(
        cx,
        &coach,
        &NewSessionType {
            name: "Session".into(),
            duration_minutes: 30,
            ..NewSessionType::default()
        },
    )
    .await?;
    let rules: Vec<WindowInput> = (1..=5)
        .map(|weekday| WindowInput {
            weekday,
            start: "09:00".into(),
            end: "17:00".into(),
            ..WindowInput::default()
        })
        .collect();
    availability::replace_rules(cx, &coach, &rules).await?;
    availability::update_policy(
        cx,
        &coach,
        &PolicyInput {
            min_notice_minutes: 0,
            max_days_ahead: 366,
            slot_interval_minutes: 30,
            max_sessions_per_day: None,
            max_sessions_per_week: None,
            cancellation_cutoff_minutes: 0,
            reschedule_cutoff_minutes: 0,
        },
    )
    .await?;
    let now = cx.now();
    let spans: Vec<(UnixTime, UnixTime)> = plan(shape, sessions, now, &coach.zone)
        .into_iter()
        .map(|(s, e)| (s.into(), e.into()))
        .collect();
    let mut tx = cx.db.begin_write().await?;
    bench::insert_sessions(&mut tx, coach.id, session_type.id, &spans, now.into()).await?;
    let bookings = bench::book_every_session(&mut tx, coach.id, now.into()).await?;
    tx.commit().await?;
    bench::analyze(&cx.db).await?;
    Ok(Loaded {
        email: BENCH_COACH_EMAIL.into(),
        session_type_id: session_type.id,
        sessions: spans.len(),
        bookings,
    })
}

/// The sessions' (start, end), without overlaps, in no particular order.
pub fn plan(
    shape: Shape,
    n: usize,
    now: Timestamp,
    zone: &coachbook_core::time::Zone,
) -> Vec<(Timestamp, Timestamp)> {
    match shape {
        Shape::Past => {
            // Fewer sessions than the reference year hold are laid out over a shorter span
            // around today, as densely: the week around today looks the same at 1k as at 1M.
            let today = local_date(zone.tz(), now);
            let half = i64::try_from(182 * n.min(REFERENCE_SESSIONS) / REFERENCE_SESSIONS)
                .unwrap_or(182)
                .max(14);
            let first = today.saturating_sub(jiff::Span::new().days(half));
            let last = today.saturating_add(jiff::Span::new().days(half));
            let slots = working_slots(first, last, zone);
            let reference = n.min(REFERENCE_SESSIONS).min(slots.len());
            let mut out: Vec<_> = (0..reference)
                .map(|j| slots[j * slots.len() / reference])
                .collect();
            // History: ten-minute sessions back to back, ending where the reference year starts.
            let history_end = slots.first().map_or(now, |s| s.0);
            let ten = SignedDuration::from_mins(10);
            let mut end = history_end;
            for _ in reference..n {
                let start = end.saturating_sub(ten).unwrap_or(end);
                out.push((start, end));
                end = start;
            }
            out
        }
        Shape::Uniform => {
            let span = SignedDuration::from_hours(24 * 730);
            let from = now
                .saturating_sub(SignedDuration::from_hours(24 * 365))
                .unwrap_or(now);
            let n_i32 = i32::try_from(n.max(1)).unwrap_or(i32::MAX);
            let step = span / n_i32;
            // Whole minutes, at most 30 and never longer than the step: no two overlap.
            let minutes = (step.as_secs() / 60).clamp(1, 30);
            let length = SignedDuration::from_mins(minutes);
            (0..n)
                .map(|i| {
                    let offset = step * i32::try_from(i).unwrap_or(i32::MAX);
                    let start = from.saturating_add(offset).unwrap_or(from);
                    let start = Timestamp::from_second(start.as_second()).unwrap_or(start);
                    (start, start.saturating_add(length).unwrap_or(start))
                })
                .collect()
        }
    }
}

/// Every 30-minute slot from 09:00 to 17:00 on the weekdays `first..=last`, in the coach's zone.
fn working_slots(
    first: Date,
    last: Date,
    zone: &coachbook_core::time::Zone,
) -> Vec<(Timestamp, Timestamp)> {
    let mut out = Vec::new();
    let mut day = first;
    while day <= last {
        if !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
            for k in 0..16 {
                let at = day.at(9, 0, 0, 0) + SignedDuration::from_mins(30 * k);
                if let Ok(start) = at.to_zoned(zone.tz().clone()) {
                    let start = start.timestamp();
                    out.push((
                        start,
                        start
                            .saturating_add(SignedDuration::from_mins(30))
                            .unwrap_or(start),
                    ));
                }
            }
        }
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overlaps(spans: &mut [(Timestamp, Timestamp)]) -> bool {
        spans.sort();
        spans.windows(2).any(|w| w[1].0 < w[0].1)
    }

    #[test]
    fn both_shapes_have_n_sessions_and_no_overlaps() {
        let zone = coachbook_core::time::Zone::get("Europe/London").unwrap();
        let now: Timestamp = "2026-11-02T09:00:00Z".parse().unwrap();
        for (shape, n) in [
            (Shape::Past, 2_000),
            (Shape::Past, 20_000),
            (Shape::Uniform, 20_000),
            (Shape::Uniform, 200_000),
        ] {
            let mut spans = plan(shape, n, now, &zone);
            assert_eq!(spans.len(), n, "{shape:?} {n}");
            assert!(!overlaps(&mut spans), "{shape:?} {n} overlaps");
        }
        // The future of a past dataset is the reference year's, whatever N is.
        let future = |n| {
            plan(Shape::Past, n, now, &zone)
                .into_iter()
                .filter(|s| s.0 >= now)
                .count()
        };
        assert_eq!(future(2_000), future(200_000));
        assert!(
            future(2_000) > 900,
            "about half the reference year is ahead"
        );
    }
}
