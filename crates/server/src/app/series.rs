//! Recurring series (issue 16): a series is kept as its rule, an RFC 5545 RRULE read on the
//! coach's wall clock from its first start, with exception dates; its occurrences are ordinary
//! sessions made over a rolling horizon ([`HORIZON_DAYS`]), so the conflict check, the database's
//! overlap constraint and bookings all work on real rows. Each occurrence remembers its start in
//! the series (its RECURRENCE-ID), which it keeps when it is moved on its own.
//!
//! A bulk request with a pattern makes a series ([`super::bulk`]); an open rule (no count, no
//! last day) is made up to the horizon and extended by the weekly `series.extend` job, which
//! leaves out (and records as exceptions) the occurrences that would collide.
//!
//! Changes: one occurrence through the session routes; "this and following" or "all" here, by
//! splitting the series at the occurrence (the old rule ends the day before, a new series takes
//! the rest) and changing every occurrence still ahead, all in one transaction under the coach's
//! lock: a new time that collides anywhere changes nothing and names every collision.

use coachbook_core::booking::SessionStatus;
use coachbook_core::time::{resolve_wall, Fold, Interval, Zone};
use coachbook_core::validate;
use coachbook_core::validate::InvalidInput;
use jiff::civil::{DateTime, Time};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

use super::accounts::Coach;
use super::bookings::{self, BookingInput, TimeInput};
use super::bulk::{self, Collision};
use super::catalog::{self, in_range};
use super::jobs::{self, Outcome};
use super::sessions::{self, Session, SessionRefusal};
use super::templates::capacity_for;
use super::{AppError, AppResult, Checker, Ctx, Refusal};
use crate::store::bookings as booking_store;
use crate::store::jobs::JobRow;
use crate::store::series::{self as store, NewSeries, SeriesChange, SeriesRow};
use crate::store::session_types as type_store;
use crate::store::sessions::NewSession;
use crate::store::types::{StoredZone, UnixTime, WallTimes};
use crate::store::{StoreError, Tx};

/// How far ahead an open series' occurrences exist as sessions.
pub const HORIZON_DAYS: i64 = 182;

/// How often an open series is extended.
const EXTEND_EVERY_DAYS: i64 = 7;

/// The most occurrences one expansion reads (a series never makes more at once).
const MAX_READ: u16 = 1000;

/// A rule: the RRULE value (no DTSTART) and the first start on the coach's wall clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub first: DateTime,
    pub rrule: String,
}

/// `20261117T180000`: a wall-clock reading written as if it were UTC, which is how the `rrule`
/// crate is given our wall clock (so it never applies a zone's jumps itself).
fn as_utc_text(dt: DateTime) -> String {
    dt.strftime("%Y%m%dT%H%M%SZ").to_string()
}

fn from_rrule(d: &chrono::DateTime<rrule::Tz>) -> Option<DateTime> {
    Timestamp::from_second(d.timestamp())
        .ok()
        .map(|ts| ts.to_zoned(jiff::tz::TimeZone::UTC).datetime())
}

fn to_rrule(dt: DateTime) -> Option<chrono::DateTime<rrule::Tz>> {
    let ts = dt.to_zoned(jiff::tz::TimeZone::UTC).ok()?.timestamp();
    chrono::DateTime::from_timestamp(ts.as_second(), 0).map(|d| d.with_timezone(&rrule::Tz::UTC))
}

impl Rule {
    /// Whether the rule goes on for ever (no COUNT, no UNTIL).
    pub fn open(&self) -> bool {
        !self.parts().any(|(k, _)| k == "COUNT" || k == "UNTIL")
    }

    fn parts(&self) -> impl Iterator<Item = (&str, &str)> {
        self.rrule.split(';').filter_map(|p| p.split_once('='))
    }

    fn part(&self, key: &str) -> Option<&str> {
        self.parts().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    fn set(&self, exdates: &[DateTime]) -> Result<rrule::RRuleSet, String> {
        let mut text = format!("DTSTART:{}\nRRULE:{}", as_utc_text(self.first), self.rrule);
        if !exdates.is_empty() {
            let list: Vec<String> = exdates.iter().map(|d| as_utc_text(*d)).collect();
            text.push_str(&format!("\nEXDATE:{}", list.join(",")));
        }
        text.parse::<rrule::RRuleSet>().map_err(|e| e.to_string())
    }

    /// The rule's wall-clock readings from `after` (included) to `before` (excluded), without the
    /// exceptions; at most [`MAX_READ`].
    pub fn readings(
        &self,
        exdates: &[DateTime],
        after: Option<DateTime>,
        before: Option<DateTime>,
    ) -> Result<Vec<DateTime>, String> {
        let mut set = self.set(exdates)?;
        if let Some(a) = after.and_then(to_rrule) {
            set = set.after(a);
        }
        if let Some(b) = before.and_then(to_rrule) {
            set = set.before(b);
        }
        Ok(set
            .all(MAX_READ)
            .dates
            .iter()
            .filter_map(from_rrule)
            .filter(|d| after.is_none_or(|a| *d >= a) && before.is_none_or(|b| *d < b))
            .collect())
    }

    /// The rule ending before `pivot`: UNTIL one second before it, COUNT dropped.
    pub fn ending_before(&self, pivot: DateTime) -> Rule {
        let until = pivot
            .checked_sub(SignedDuration::from_secs(1))
            .unwrap_or(pivot);
        let mut kept: Vec<String> = self
            .parts()
            .filter(|(k, _)| *k != "COUNT" && *k != "UNTIL")
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        kept.push(format!("UNTIL={}", as_utc_text(until)));
        Rule {
            first: self.first,
            rrule: kept.join(";"),
        }
    }

    /// The rule from `pivot` (one of its readings) on, each reading at `time`: a COUNT is reduced
    /// by the readings before the pivot (exceptions count, as in RFC 5545), an UNTIL moves with
    /// the time of day.
    pub fn from_pivot(&self, pivot: DateTime, time: Time) -> Result<Rule, String> {
        let before = self.readings(&[], None, Some(pivot))?.len();
        let shift = time.since(pivot.time()).map_err(|e| e.to_string())?;
        // The rule was written by us: a part that does not read is an error naming it, never
        // a default.
        let mut parts = Vec::new();
        for (k, v) in self.parts() {
            parts.push(match k {
                "COUNT" => {
                    let n: usize = v.parse().map_err(|e| format!("COUNT={v}: {e}"))?;
                    format!("COUNT={}", n.saturating_sub(before).max(1))
                }
                "UNTIL" => {
                    let until = v
                        .trim_end_matches('Z')
                        .parse::<DateTime>()
                        .map_err(|e| format!("UNTIL={v}: {e}"))?;
                    let moved = until
                        .checked_add(shift)
                        .map_err(|e| format!("UNTIL={v} moved by {shift}: {e}"))?;
                    format!("UNTIL={}", as_utc_text(moved))
                }
                _ => format!("{k}={v}"),
            });
        }
        Ok(Rule {
            first: pivot.date().to_datetime(time),
            rrule: parts.join(";"),
        })
    }

    /// The RRULE as an iCalendar event with a TZID start must say it: UNTIL is kept as a
    /// wall-clock reading here, and written out as the UTC instant it is in `zone`.
    pub fn rrule_in(&self, zone: &Zone) -> String {
        self.parts()
            .map(|(k, v)| {
                let until = (k == "UNTIL")
                    .then(|| v.trim_end_matches('Z').parse::<DateTime>().ok())
                    .flatten()
                    .and_then(|u| place(zone, u));
                match until {
                    Some(t) => format!(
                        "UNTIL={}",
                        t.to_zoned(jiff::tz::TimeZone::UTC)
                            .datetime()
                            .strftime("%Y%m%dT%H%M%SZ")
                    ),
                    None => format!("{k}={v}"),
                }
            })
            .collect::<Vec<_>>()
            .join(";")
    }

    /// The rule in words: "Every 2 weeks on Tuesday at 18:00, 10 times".
    pub fn describe(&self) -> String {
        let n: i64 = self
            .part("INTERVAL")
            .and_then(|v| v.parse().ok())
            .unwrap_or(1);
        let unit = match self.part("FREQ") {
            Some("DAILY") => "day",
            Some("MONTHLY") => "month",
            _ => "week",
        };
        let every = if n == 1 {
            format!("Every {unit}")
        } else {
            format!("Every {n} {unit}s")
        };
        let on = match (
            self.part("FREQ"),
            self.part("BYDAY"),
            self.part("BYMONTHDAY"),
        ) {
            (_, Some(days), _) if unit == "week" => {
                let names: Vec<&str> = days.split(',').map(day_name).collect();
                format!(" on {}", names.join(", "))
            }
            (Some("MONTHLY"), Some(d), _) => {
                let (n, code) = d.split_at(d.len().saturating_sub(2));
                let ord = match n {
                    "1" | "+1" => "first",
                    "2" | "+2" => "second",
                    "3" | "+3" => "third",
                    "4" | "+4" => "fourth",
                    "-1" => "last",
                    _ => "",
                };
                format!(" on the {ord} {}", day_name(code))
            }
            (Some("MONTHLY"), None, Some(d)) => format!(" on day {d}"),
            _ => String::new(),
        };
        let at = self.first.time().strftime("%H:%M");
        let end = match (self.part("COUNT"), self.part("UNTIL")) {
            (Some(c), _) => format!(", {c} times"),
            (None, Some(u)) => match u.trim_end_matches('Z').parse::<DateTime>() {
                Ok(u) => format!(", until {}", u.date().strftime("%-d %b %Y")),
                Err(_) => String::new(),
            },
            _ => String::new(),
        };
        format!("{every}{on} at {at}{end}")
    }
}

fn day_name(code: &str) -> &'static str {
    match code {
        "MO" => "Monday",
        "TU" => "Tuesday",
        "WE" => "Wednesday",
        "TH" => "Thursday",
        "FR" => "Friday",
        "SA" => "Saturday",
        _ => "Sunday",
    }
}

/// A wall-clock reading placed in `zone` (a skipped one moves past the gap, a repeated one is
/// the earlier), as every occurrence is.
pub fn place(zone: &Zone, dt: DateTime) -> Option<Timestamp> {
    resolve_wall(zone.tz(), dt, Fold::Earlier).map(|r| r.instant)
}

/// `ts` on the wall clock of `zone`.
fn wall(zone: &Zone, ts: Timestamp) -> DateTime {
    ts.to_zoned(zone.tz().clone()).datetime()
}

fn rule_of(row: &SeriesRow) -> Rule {
    Rule {
        first: row.first_local.0,
        rrule: row.rule.clone(),
    }
}

fn broken(row: &SeriesRow, e: String) -> AppError {
    anyhow::anyhow!(
        "series {}: its stored rule {:?} does not expand: {e}",
        row.id,
        row.rule
    )
    .into()
}

// ---------------------------------------------------------------------------------------------
// Made by a bulk request

/// What a bulk commit made of a pattern, to keep as a series.
pub(crate) struct Made<'a> {
    pub rule: &'a Rule,
    pub session_type_id: i64,
    pub duration_minutes: i64,
    pub capacity: i64,
    pub meeting_url: &'a str,
    pub notes: &'a str,
    /// Every planned start with the session made there, or `None` when it was left out.
    pub occurrences: Vec<(Timestamp, Option<i64>)>,
    /// Where the plan stopped: the end of the horizon for an open rule.
    pub planned_until: Timestamp,
}

/// Keeps the series a bulk commit made, inside its transaction: the rule, the left-out starts
/// as exceptions, each session linked to its start; an open rule gets its extension job.
pub(crate) async fn keep(
    tx: &mut Tx,
    coach: &Coach,
    made: &Made<'_>,
    now: Timestamp,
) -> AppResult<i64> {
    let exdates = WallTimes::new(
        made.occurrences
            .iter()
            .filter(|(_, id)| id.is_none())
            .map(|(at, _)| wall(&coach.zone, *at))
            .collect(),
    );
    let open = made.rule.open();
    let id = store::insert(
        &mut **tx,
        &NewSeries {
            coach_id: coach.id,
            session_type_id: made.session_type_id,
            rule: &made.rule.rrule,
            first_local: made.rule.first,
            zone: &StoredZone(coach.zone.clone()),
            duration_minutes: made.duration_minutes,
            capacity: made.capacity,
            meeting_url: made.meeting_url,
            notes: made.notes,
            exdates: &exdates,
            materialised_until: made.planned_until.into(),
            ended: !open,
            split_from: None,
        },
        now.into(),
    )
    .await?;
    for (at, session) in &made.occurrences {
        if let Some(session) = session {
            store::link(&mut **tx, *session, id, (*at).into()).await?;
        }
    }
    if open {
        queue_extension(tx, coach.id, id, now).await?;
    }
    Ok(id)
}

// ---------------------------------------------------------------------------------------------
// Extension over the rolling horizon

/// The `series.extend` job's arguments.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExtendArgs {
    pub series_id: i64,
}

async fn queue_extension(tx: &mut Tx, coach_id: i64, id: i64, now: Timestamp) -> AppResult<()> {
    let every = EXTEND_EVERY_DAYS * 86_400;
    let next = (now.as_second().div_euclid(every) + 1) * every;
    let at = Timestamp::from_second(next).map_err(|e| anyhow::anyhow!("next extension: {e}"))?;
    jobs::enqueue(
        &mut **tx,
        jobs::kinds::SERIES_EXTEND,
        &ExtendArgs { series_id: id },
        Some(coach_id),
        at,
        Some(format!("series.extend:{id}:{next}")),
        now,
    )
    .await?;
    Ok(())
}

/// The end of the rolling horizon seen at `now`.
fn horizon(now: Timestamp) -> Timestamp {
    now.checked_add(SignedDuration::from_hours(24 * HORIZON_DAYS))
        .unwrap_or(now)
}

/// The `series.extend` job: makes the occurrences of an open series up to the horizon, leaving
/// out (as exceptions) those that would collide, then queues the next run. A series gone or
/// ended is done.
pub async fn run_extend(cx: &Ctx, job: &JobRow) -> Outcome {
    let args: ExtendArgs = match jobs::args(job) {
        Ok(a) => a,
        Err(o) => return o,
    };
    match extend(cx, args.series_id).await {
        Ok(()) => Outcome::Done,
        Err(e) => Outcome::Retry(e.to_string()),
    }
}

/// Extends one series to the horizon (see [`run_extend`]); how many sessions it made.
pub async fn extend(cx: &Ctx, series_id: i64) -> AppResult<()> {
    let now = cx.now();
    let row = match store::by_id(cx.db.pool(), series_id).await {
        Ok(r) => r,
        Err(StoreError::NotFound) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    if row.ended.0 {
        return Ok(());
    }
    let coach = coach_of(cx, row.coach_id).await?;
    let mut tx = cx.db.begin_write().await?;
    booking_store::lock_coach(&mut *tx, coach.id).await?;
    // Re-read under the lock: an edit may have split or ended it meanwhile.
    let row = store::get(&mut *tx, coach.id, series_id).await?;
    if row.ended.0 {
        return Ok(());
    }
    let until = horizon(now);
    let made = materialise(&mut tx, &coach, &row, until, now).await?;
    tracing::info!(series = row.id, made, "series extended");
    queue_extension(&mut tx, coach.id, row.id, now).await?;
    tx.commit().await?;
    cx.wake.notify();
    Ok(())
}

/// The coach a job works for.
async fn coach_of(cx: &Ctx, coach_id: i64) -> AppResult<Coach> {
    let row = crate::store::privacy::by_coach(cx.db.pool(), coach_id).await?;
    Ok(super::privacy::Page::from(row).coach())
}

/// Makes the occurrences of `row` from where it stopped to `until`, under the coach's lock in
/// `tx`; the colliding ones become exceptions. Ends the series when its rule has nothing left.
async fn materialise(
    tx: &mut Tx,
    coach: &Coach,
    row: &SeriesRow,
    until: Timestamp,
    now: Timestamp,
) -> AppResult<usize> {
    let rule = rule_of(row);
    let zone = &row.zone.0;
    let from = row.materialised_until.timestamp().max(now);
    let day = SignedDuration::from_hours(24);
    let after = wall(zone, from.checked_sub(day).unwrap_or(from));
    let before = wall(zone, until.checked_add(day).unwrap_or(until));
    let readings = rule
        .readings(&row.exdates.0, Some(after), Some(before))
        .map_err(|e| broken(row, e))?;
    let existing: std::collections::HashSet<UnixTime> = store::occurrences(
        &mut **tx,
        coach.id,
        row.id,
        from.checked_sub(day).unwrap_or(from).into(),
    )
    .await?
    .into_iter()
    .map(|o| o.recurrence_at)
    .collect();
    let length = SignedDuration::from_mins(row.duration_minutes);
    let mut wanted = Vec::new();
    for r in readings {
        let Some(start) = place(zone, r) else {
            continue;
        };
        if start < from || start >= until || existing.contains(&UnixTime::from(start)) {
            continue;
        }
        let Ok(end) = start.checked_add(length) else {
            continue;
        };
        wanted.push((r, Interval { start, end }));
    }
    let st = type_store::get(&mut **tx, coach.id, row.session_type_id).await?;
    let at: Vec<Interval> = wanted.iter().map(|w| w.1).collect();
    let plan = bulk::plan_times(&mut *tx, coach, &st, &at, true, now).await?;
    let mut exdates = row.exdates.0.clone();
    let mut made = 0;
    for ((reading, at), o) in wanted.iter().zip(plan) {
        if !o.free() {
            exdates.push(*reading);
            continue;
        }
        let meeting_url = if row.meeting_url.is_empty() {
            super::meeting_links::for_new_session(&mut **tx, coach.id).await?
        } else {
            row.meeting_url.clone()
        };
        let id = crate::store::sessions::insert(
            &mut **tx,
            &NewSession {
                coach_id: coach.id,
                session_type_id: st.id,
                at: *at,
                buffer_before_minutes: st.buffer_before_minutes,
                buffer_after_minutes: st.buffer_after_minutes,
                capacity: row.capacity,
                meeting_url: &meeting_url,
                notes: &row.notes,
            },
            now.into(),
        )
        .await
        .map_err(bookings::overlap_refused)?;
        store::link(&mut **tx, id, row.id, at.start.into()).await?;
        made += 1;
    }
    let left = rule
        .readings(&exdates, Some(wall(zone, until)), None)
        .map_err(|e| broken(row, e))?;
    let exdates = WallTimes::new(exdates);
    store::update(
        &mut **tx,
        coach.id,
        row.id,
        &SeriesChange {
            exdates: &exdates,
            materialised_until: until.max(row.materialised_until.timestamp()).into(),
            ended: left.is_empty(),
            ..SeriesChange::of(row)
        },
        now.into(),
    )
    .await?;
    Ok(made)
}

// ---------------------------------------------------------------------------------------------
// Reading

/// An occurrence as the series shows it.
#[derive(Debug, Clone)]
pub struct Occurrence {
    pub session_id: i64,
    /// Its start in the series.
    pub recurrence: Timestamp,
    pub start: Timestamp,
    pub end: Timestamp,
    pub cancelled: bool,
    /// Moved on its own, away from its start in the series.
    pub moved: bool,
}

/// A series with its occurrences from 90 days ago.
#[derive(Debug, Clone)]
pub struct Series {
    pub id: i64,
    pub session_type_id: i64,
    pub rule: Rule,
    pub description: String,
    pub zone: Zone,
    pub duration_minutes: i64,
    pub capacity: i64,
    pub meeting_url: String,
    pub notes: String,
    /// The starts the rule gives that the series leaves out, on the wall clock.
    pub exceptions: Vec<DateTime>,
    pub made_until: Timestamp,
    pub ended: bool,
    pub split_from: Option<i64>,
    pub occurrences: Vec<Occurrence>,
}

async fn view(
    conn: &mut AnyConnection,
    coach: &Coach,
    row: SeriesRow,
    now: Timestamp,
) -> AppResult<Series> {
    let since = now
        .checked_sub(SignedDuration::from_hours(24 * 90))
        .unwrap_or(now);
    let occurrences = store::occurrences(&mut *conn, coach.id, row.id, since.into())
        .await?
        .into_iter()
        .map(|o| Occurrence {
            session_id: o.session_id,
            recurrence: o.recurrence_at.timestamp(),
            start: o.start_at.timestamp(),
            end: o.end_at.timestamp(),
            cancelled: o.status == SessionStatus::Cancelled,
            moved: o.start_at != o.recurrence_at,
        })
        .collect();
    let rule = rule_of(&row);
    Ok(Series {
        id: row.id,
        session_type_id: row.session_type_id,
        description: rule.describe(),
        rule,
        zone: row.zone.0,
        duration_minutes: row.duration_minutes,
        capacity: row.capacity,
        meeting_url: row.meeting_url,
        notes: row.notes,
        exceptions: row.exdates.0,
        made_until: row.materialised_until.timestamp(),
        ended: row.ended.0,
        split_from: row.split_from,
        occurrences,
    })
}

pub async fn get(cx: &Ctx, coach: &Coach, id: i64) -> AppResult<Series> {
    let mut conn = cx.db.pool().acquire().await?;
    let row = store::get(&mut *conn, coach.id, id)
        .await
        .map_err(AppError::missing("series"))?;
    view(&mut conn, coach, row, cx.now()).await
}

// ---------------------------------------------------------------------------------------------
// This and following, or all

/// Which occurrences a change reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The occurrence of this session and every one after it.
    Following(i64),
    /// Every occurrence still ahead.
    All,
}

impl Scope {
    pub fn read(scope: &str, from: Option<i64>) -> AppResult<Self> {
        match (scope.trim(), from) {
            ("following", Some(id)) => Ok(Self::Following(id)),
            ("following", None) => Err(AppError::from(
                InvalidInput::new(
                    "fromSessionId",
                    "Say which occurrence the change starts from (fromSessionId).",
                )
                .key("validate-say-which-occurrence-change"),
            )),
            ("" | "all", _) => Ok(Self::All),
            _ => Err(AppError::from(
                InvalidInput::new("scope", "Choose following or all.")
                    .key("validate-choose-following-all"),
            )),
        }
    }
}

/// A change to every occurrence a scope reaches; `None` keeps what is there.
#[derive(Debug, Clone, Default)]
pub struct SeriesEdit {
    /// The new local start time, `HH:MM`.
    pub time: Option<String>,
    pub duration_minutes: Option<i64>,
    pub capacity: Option<i64>,
    pub meeting_url: Option<String>,
    pub notes: Option<String>,
}

/// What an edit or a cancellation did.
#[derive(Debug, Clone)]
pub struct EditOutcome {
    pub series: Series,
    /// The sessions changed (or cancelled).
    pub changed: Vec<i64>,
    /// When a new time collides: each occurrence that would, with what it collides with; then
    /// nothing was changed.
    pub collisions: Vec<(i64, Interval, Vec<Collision>)>,
}

/// The wall-clock reading where a scope starts, and the series' occurrences from there that
/// are still ahead and on.
async fn pivot(
    tx: &mut Tx,
    coach: &Coach,
    row: &SeriesRow,
    scope: Scope,
    now: Timestamp,
) -> AppResult<(DateTime, Vec<Session>)> {
    let zone = &row.zone.0;
    let start_rec = match scope {
        Scope::Following(session_id) => {
            match store::of_session(&mut **tx, coach.id, session_id)
                .await
                .map_err(AppError::missing("session"))?
            {
                Some((series, at)) if series == row.id => at.timestamp(),
                _ => {
                    return Err(AppError::from(
                        InvalidInput::new(
                            "fromSessionId",
                            "This session is not an occurrence of this series.",
                        )
                        .key("validate-session-not-occurrence-series"),
                    ))
                }
            }
        }
        Scope::All => place(zone, row.first_local.0).unwrap_or(now),
    };
    let mut ahead = Vec::new();
    let mut first_ahead: Option<Timestamp> = None;
    for o in store::occurrences(&mut **tx, coach.id, row.id, start_rec.into()).await? {
        if o.status != SessionStatus::Scheduled || o.start_at.timestamp() <= now {
            if let Scope::Following(id) = scope {
                if id == o.session_id && o.start_at.timestamp() <= now {
                    return Err(AppError::from(InvalidInput::new("fromSessionId", "This occurrence has started; change the following ones from a later occurrence.").key("validate-occurrence-has-started-change")));
                }
            }
            continue;
        }
        first_ahead = Some(
            first_ahead.map_or(o.recurrence_at.timestamp(), |f: Timestamp| {
                f.min(o.recurrence_at.timestamp())
            }),
        );
        ahead.push(sessions::read_in(tx, coach.id, o.session_id).await?);
    }
    // "All" reaches what is still ahead: the series splits where that begins (past occurrences
    // are history and keep what they were).
    let pivot_at = match scope {
        Scope::Following(_) => start_rec,
        Scope::All => first_ahead
            .unwrap_or(row.materialised_until.timestamp())
            .max(start_rec),
    };
    Ok((wall(zone, pivot_at), ahead))
}

/// Ends `row`'s rule before `pivot` (its exceptions from there dropped with it): nothing from
/// the pivot on is made again.
async fn end_before(
    tx: &mut Tx,
    coach: &Coach,
    row: &SeriesRow,
    pivot: DateTime,
    now: Timestamp,
) -> AppResult<()> {
    let old = rule_of(row).ending_before(pivot);
    let kept = WallTimes::new(
        row.exdates
            .0
            .iter()
            .copied()
            .filter(|d| *d < pivot)
            .collect(),
    );
    let pivot_at = place(&row.zone.0, pivot).unwrap_or(now);
    store::update(
        &mut **tx,
        coach.id,
        row.id,
        &SeriesChange {
            rule: &old.rrule,
            first_local: old.first,
            exdates: &kept,
            materialised_until: row.materialised_until.min(pivot_at.into()),
            ended: true,
            ..SeriesChange::of(row)
        },
        now.into(),
    )
    .await?;
    Ok(())
}

/// Splits `row` at `pivot` when the pivot is not its first start: the old rule ends before it,
/// a new series (with `change`'s rule) takes the occurrences from the pivot on. Returns the id of
/// the series that now holds the occurrences from the pivot.
async fn split(
    tx: &mut Tx,
    coach: &Coach,
    row: &SeriesRow,
    pivot_wall: DateTime,
    new_rule: &Rule,
    fields: (i64, i64, &str, &str),
    now: Timestamp,
) -> AppResult<i64> {
    let (duration, capacity, url, notes) = fields;
    let rule = rule_of(row);
    let zone = &row.zone.0;
    let pivot_at = place(zone, pivot_wall).unwrap_or(now);
    let shift = new_rule
        .first
        .time()
        .since(pivot_wall.time())
        .unwrap_or_default();
    // The exceptions from the pivot on go with the occurrences, at the new time of day.
    let moved = WallTimes::new(
        row.exdates
            .0
            .iter()
            .filter(|d| **d >= pivot_wall)
            .filter_map(|d| d.checked_add(shift).ok())
            .collect(),
    );
    if pivot_wall <= rule.first {
        store::update(
            &mut **tx,
            coach.id,
            row.id,
            &SeriesChange {
                rule: &new_rule.rrule,
                first_local: new_rule.first,
                duration_minutes: duration,
                capacity,
                meeting_url: url,
                notes,
                exdates: &moved,
                ..SeriesChange::of(row)
            },
            now.into(),
        )
        .await?;
        return Ok(row.id);
    }
    end_before(tx, coach, row, pivot_wall, now).await?;
    let id = store::insert(
        &mut **tx,
        &NewSeries {
            coach_id: coach.id,
            session_type_id: row.session_type_id,
            rule: &new_rule.rrule,
            first_local: new_rule.first,
            zone: &row.zone,
            duration_minutes: duration,
            capacity,
            meeting_url: url,
            notes,
            exdates: &moved,
            materialised_until: row.materialised_until,
            ended: row.ended.0,
            split_from: Some(row.id),
        },
        now.into(),
    )
    .await?;
    store::repoint(&mut **tx, coach.id, row.id, id, pivot_at.into()).await?;
    if !row.ended.0 {
        queue_extension(tx, coach.id, id, now).await?;
    }
    Ok(id)
}

/// Changes every occurrence `scope` reaches that is still ahead: a new time of day or length
/// moves each (one moved on its own keeps its own time), checked against the calendar like a
/// booking; a new capacity must hold the seats taken; a new link or time is news for everyone
/// booked. All in one transaction: one refusal changes nothing.
pub async fn edit(
    cx: &Ctx,
    coach: &Coach,
    id: i64,
    scope: Scope,
    e: &SeriesEdit,
) -> AppResult<EditOutcome> {
    let mut c = Checker::default();
    let time = e
        .time
        .as_deref()
        .and_then(|t| c.check(validate::time_of_day("time", t)));
    if let Some(d) = e.duration_minutes {
        c.check(in_range("durationMinutes", d, 5, 720, "length in minutes"));
    }
    let url = e
        .meeting_url
        .as_deref()
        .and_then(|u| c.check(bookings::meeting_url(u)));
    let notes = e
        .notes
        .as_deref()
        .and_then(|n| c.check(catalog::text("notes", n, 10_000)));
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    booking_store::lock_coach(&mut *tx, coach.id).await?;
    let row = store::get(&mut *tx, coach.id, id)
        .await
        .map_err(AppError::missing("series"))?;
    let st = type_store::get(&mut *tx, coach.id, row.session_type_id).await?;
    let capacity = e.capacity.and_then(|n| c.check(capacity_for(&st, n)));
    c.finish()?;
    let (pivot_wall, ahead) = pivot(&mut tx, coach, &row, scope, now).await?;
    let rule = rule_of(&row);
    let new_time = time.unwrap_or(rule.first.time());
    let duration = e.duration_minutes.unwrap_or(row.duration_minutes);
    let capacity = capacity.unwrap_or(row.capacity);
    let url = url.unwrap_or_else(|| row.meeting_url.clone());
    let notes = notes.unwrap_or_else(|| row.notes.clone());
    let zone = &row.zone.0;
    // Where each occurrence goes, then every collision at once.
    let mut moves = Vec::new();
    let mut collisions = Vec::new();
    for s in &ahead {
        if capacity < s.seats_taken {
            return Err(Refusal::Session(SessionRefusal::BelowSeats {
                taken: s.seats_taken,
            })
            .into());
        }
        let recurrence = store::of_session(&mut *tx, coach.id, s.id)
            .await?
            .map(|(_, at)| at.timestamp())
            .unwrap_or(s.start);
        let rec_wall = wall(zone, recurrence);
        let new_rec = place(zone, rec_wall.date().to_datetime(new_time)).unwrap_or(recurrence);
        let on_its_own = s.start != recurrence;
        let start = if on_its_own { s.start } else { new_rec };
        let at = Interval {
            start,
            end: start
                .checked_add(SignedDuration::from_mins(duration))
                .map_err(|_| {
                    AppError::from(
                        InvalidInput::new("durationMinutes", "Choose a shorter length.")
                            .key("validate-choose-shorter-length"),
                    )
                })?,
        };
        if at
            != (Interval {
                start: s.start,
                end: s.end,
            })
        {
            let found = bulk::collisions_for(&mut tx, coach, s, at).await?;
            if !found.is_empty() {
                collisions.push((s.id, at, found));
            }
        }
        moves.push((s, new_rec, at));
    }
    if !collisions.is_empty() {
        tx.rollback().await?;
        let series = get(cx, coach, id).await?;
        return Ok(EditOutcome {
            series,
            changed: Vec::new(),
            collisions,
        });
    }
    let new_rule = rule
        .from_pivot(pivot_wall, new_time)
        .map_err(|e| broken(&row, e))?;
    let holder = split(
        &mut tx,
        coach,
        &row,
        pivot_wall,
        &new_rule,
        (duration, capacity, &url, &notes),
        now,
    )
    .await?;
    let mut changed = Vec::new();
    for (s, new_rec, at) in moves {
        store::set_recurrence_at(&mut *tx, s.id, new_rec.into()).await?;
        let mut news = false;
        if at
            != (Interval {
                start: s.start,
                end: s.end,
            })
        {
            booking_store::move_session(&mut *tx, s.id, at, now.into())
                .await
                .map_err(bookings::overlap_refused)?;
            news = true;
        }
        if capacity != s.capacity {
            crate::store::sessions::set_capacity(&mut *tx, coach.id, s.id, capacity, now.into())
                .await?;
        }
        if url != s.meeting_url || notes != s.notes {
            crate::store::sessions::set_details(&mut *tx, coach.id, s.id, &notes, &url, now.into())
                .await?;
            news |= url != s.meeting_url;
        }
        if news {
            sessions::tell_everyone(&mut tx, cx, coach, s, now).await?;
        }
        changed.push(s.id);
    }
    tx.commit().await?;
    cx.wake.notify();
    let series = get(cx, coach, holder).await?;
    Ok(EditOutcome {
        series,
        changed,
        collisions: Vec::new(),
    })
}

/// Cancels every occurrence `scope` reaches that is still ahead, for everyone in them (credits
/// settled as for one session), and ends the rule before them, so none is made again.
pub async fn cancel(
    cx: &Ctx,
    coach: &Coach,
    id: i64,
    scope: Scope,
    reason: &str,
    release_credits: bool,
) -> AppResult<EditOutcome> {
    let reason = catalog::text("reason", reason, 1000)?;
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    booking_store::lock_coach(&mut *tx, coach.id).await?;
    let row = store::get(&mut *tx, coach.id, id)
        .await
        .map_err(AppError::missing("series"))?;
    let (pivot_wall, ahead) = pivot(&mut tx, coach, &row, scope, now).await?;
    let mut changed = Vec::new();
    for s in &ahead {
        sessions::cancel_in(&mut tx, cx, coach, s, &reason, release_credits, now).await?;
        changed.push(s.id);
    }
    end_before(&mut tx, coach, &row, pivot_wall, now).await?;
    tx.commit().await?;
    cx.wake.notify();
    Ok(EditOutcome {
        series: get(cx, coach, id).await?,
        changed,
        collisions: Vec::new(),
    })
}

// ---------------------------------------------------------------------------------------------
// Booking a client into every occurrence

/// Why an occurrence was not booked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotBooked {
    AlreadyBooked,
    Full,
    /// The client's credits ran out before it (or would expire by then).
    NoCredit(String),
    /// The booking was refused as any booking would be (a collision, …).
    Refused(Refusal),
    /// Refused for a reason given in words.
    Other(String),
}

impl NotBooked {
    pub fn code(&self) -> &'static str {
        match self {
            Self::AlreadyBooked => "already_booked",
            Self::Full => "full",
            Self::NoCredit(_) => "no_credit",
            Self::Refused(_) | Self::Other(_) => "refused",
        }
    }
}

/// What booking a client into a series did, occurrence by occurrence.
#[derive(Debug, Clone)]
pub struct SeriesBooking {
    pub booked: Vec<(i64, Timestamp, i64)>,
    pub not_booked: Vec<(i64, Timestamp, NotBooked)>,
}

/// Books a client into every occurrence still ahead (from `from_session` when given), each
/// holding one credit of their package when one is named, stopping when the credits run out.
/// Each occurrence is its own booking (its own transaction, its own invitation): one refused
/// never undoes another, and the answer says which were booked and why the others were not.
pub async fn book(
    cx: &Ctx,
    coach: &Coach,
    id: i64,
    client_id: i64,
    package_id: Option<i64>,
    from_session: Option<i64>,
) -> AppResult<SeriesBooking> {
    let now = cx.now();
    let (row, ahead) = {
        let mut tx = cx.db.begin_write().await?;
        let row = store::get(&mut *tx, coach.id, id)
            .await
            .map_err(AppError::missing("series"))?;
        let scope = from_session.map_or(Scope::All, Scope::Following);
        let (_, ahead) = pivot(&mut tx, coach, &row, scope, now).await?;
        tx.rollback().await?;
        (row, ahead)
    };
    let mut out = SeriesBooking {
        booked: Vec::new(),
        not_booked: Vec::new(),
    };
    let mut out_of_credit: Option<String> = None;
    for s in ahead {
        if let Some(why) = &out_of_credit {
            out.not_booked
                .push((s.id, s.start, NotBooked::NoCredit(why.clone())));
            continue;
        }
        if s.participants
            .iter()
            .any(|p| p.client_id == Some(client_id) && p.status.is_live())
        {
            out.not_booked
                .push((s.id, s.start, NotBooked::AlreadyBooked));
            continue;
        }
        if s.seats_left() == 0 {
            out.not_booked.push((s.id, s.start, NotBooked::Full));
            continue;
        }
        let input = BookingInput {
            session_type_id: Some(row.session_type_id),
            when: TimeInput {
                start: s.start.to_string(),
                end: Some(s.end.to_string()),
                ..TimeInput::default()
            },
            client_id: Some(client_id),
            package_id,
            override_hours: true,
            ..BookingInput::default()
        };
        match bookings::create_into(cx, coach, &input, s.id).await {
            Ok(booking_id) => out.booked.push((s.id, s.start, booking_id)),
            Err(AppError::Invalid(e)) if e.iter().any(|f| f.field.ends_with("ackageId")) => {
                let why = e
                    .first()
                    .map_or_else(|| "No credit left.".to_owned(), |f| f.message.clone());
                out.not_booked
                    .push((s.id, s.start, NotBooked::NoCredit(why.clone())));
                out_of_credit = Some(why);
            }
            Err(AppError::Invalid(e)) if out.booked.is_empty() && out.not_booked.is_empty() => {
                // The request itself is wrong (an unknown client or package): say so.
                return Err(AppError::Invalid(e));
            }
            Err(AppError::Invalid(e)) => {
                let why = e
                    .first()
                    .map_or_else(|| "Refused.".to_owned(), |f| f.message.clone());
                out.not_booked.push((s.id, s.start, NotBooked::Other(why)));
            }
            Err(AppError::Refused(r)) => {
                out.not_booked.push((s.id, s.start, NotBooked::Refused(r)));
            }
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> DateTime {
        s.parse().unwrap()
    }

    fn weekly10() -> Rule {
        Rule {
            first: dt("2026-10-06T18:00"),
            rrule: "FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;COUNT=10".into(),
        }
    }

    #[test]
    fn a_split_rule_ends_before_the_pivot_and_the_rest_keeps_the_remaining_count() {
        let r = weekly10();
        let pivot = dt("2026-11-03T18:00");
        let old = r.ending_before(pivot);
        assert_eq!(old.readings(&[], None, None).unwrap().len(), 4);
        assert!(!old.open());
        let new = r.from_pivot(pivot, Time::constant(19, 30, 0, 0)).unwrap();
        let rest = new.readings(&[], None, None).unwrap();
        assert_eq!(rest.len(), 6);
        assert_eq!(rest[0], dt("2026-11-03T19:30"));
        assert_eq!(rest[5], dt("2026-12-08T19:30"));
    }

    #[test]
    fn exceptions_and_windows_bound_the_readings() {
        let r = weekly10();
        let got = r
            .readings(
                &[dt("2026-10-13T18:00")],
                Some(dt("2026-10-06T18:00")),
                Some(dt("2026-10-28T00:00")),
            )
            .unwrap();
        assert_eq!(
            got,
            vec![
                dt("2026-10-06T18:00"),
                dt("2026-10-20T18:00"),
                dt("2026-10-27T18:00")
            ]
        );
    }

    #[test]
    fn an_until_moves_with_the_time_of_day_and_an_open_rule_stays_open() {
        let r = Rule {
            first: dt("2026-10-05T09:00"),
            rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;UNTIL=20261228T235959Z".into(),
        };
        let new = r
            .from_pivot(dt("2026-11-02T09:00"), Time::constant(8, 0, 0, 0))
            .unwrap();
        assert_eq!(
            new.readings(&[], None, None).unwrap().last(),
            Some(&dt("2026-12-28T08:00"))
        );
        let open = Rule {
            first: dt("2026-10-05T09:00"),
            rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO".into(),
        };
        assert!(open.open());
        assert!(!open.ending_before(dt("2026-11-02T09:00")).open());
    }

    #[test]
    fn rules_are_described_in_words() {
        assert_eq!(
            weekly10().describe(),
            "Every week on Tuesday at 18:00, 10 times"
        );
        let r = Rule {
            first: dt("2026-10-13T10:00"),
            rrule: "FREQ=MONTHLY;INTERVAL=1;BYDAY=2TU".into(),
        };
        assert_eq!(r.describe(), "Every month on the second Tuesday at 10:00");
    }
}
