//! Editing what decides when the coach can be booked: the weekly hours, date overrides, time
//! off and the booking policy. Input arrives as typed text; each mistake is named beside its
//! field (a weekday's windows under that weekday), and nothing is saved until all is well.

use coachbook_core::availability::{
    data_window, Block, Calendar, DateOverride, WeeklyRule, MAX_EVERY_WEEKS, MIN_EVERY_WEEKS,
};
use coachbook_core::policy::{BookingPolicy, MAX_DAYS_AHEAD};
use coachbook_core::time::{
    local_date, local_day, resolve_wall, sat_add, Fold, Interval, SessionTypeId, TimeWindow,
};
use coachbook_core::validate::{self, InvalidInput};
use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;
use utoipa::ToSchema;

use super::super::accounts::Coach;
use super::super::bookings::{self, Booking, ListFilter};
use super::super::{AppError, AppResult, Checker, Ctx};
use super::{WEEKDAY_FIELDS, WEEKDAY_NAMES};
use crate::store::availability::{self as store, StoredBlock};
use crate::store::session_types;
use crate::store::types::DayMinute;

/// More windows than this is a script gone wrong, not a schedule.
pub const MAX_RULES: usize = 100;
pub const MAX_BLOCKS: i64 = 500;

// The inputs below are also what the API and the pages exchange: a window, a range, time off
// and the policy as a coach types them are the same on the wire.

/// A recurring weekly window in the coach's time zone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
#[schema(as = WeeklyWindow)]
pub struct WindowInput {
    /// 1 = Monday … 7 = Sunday.
    #[schema(required = true, minimum = 1, maximum = 7)]
    pub weekday: i64,
    /// `HH:MM` in the coach's zone.
    #[schema(required = true, min_length = 1, max_length = 64)]
    pub start: String,
    /// `HH:MM`; `24:00` (or `00:00`) is midnight at the end of the day.
    #[schema(required = true, min_length = 1, max_length = 64)]
    pub end: String,
    /// Limit the window to these session types; empty = every type.
    pub session_type_ids: Vec<i64>,
    /// First date the window applies (`YYYY-MM-DD`, inclusive).
    #[schema(schema_with = crate::app::schema::optional_date)]
    pub valid_from: Option<String>,
    /// Last date the window applies (inclusive).
    #[schema(schema_with = crate::app::schema::optional_date)]
    pub valid_until: Option<String>,
    /// The window applies every this many weeks: 1 (default) = every week, 2 = alternate weeks.
    #[schema(minimum = 1, maximum = 8)]
    pub every_weeks: Option<i64>,
    /// A date (`YYYY-MM-DD`) in a week where the window applies; weeks (Monday-based, in the
    /// coach's zone) are counted from it. Default: `validFrom`, else the day the window is saved.
    #[schema(schema_with = crate::app::schema::optional_date)]
    pub anchor_date: Option<String>,
}

impl From<&WeeklyRule> for WindowInput {
    fn from(r: &WeeklyRule) -> Self {
        Self {
            weekday: i64::from(r.weekday.to_monday_one_offset()),
            start: boundary_label(r.start, false),
            end: boundary_label(r.end, true),
            session_type_ids: r.session_type_ids.iter().map(|t| t.0).collect(),
            valid_from: r.valid_from.map(|d| d.to_string()),
            valid_until: r.valid_until.map(|d| d.to_string()),
            every_weeks: Some(i64::from(r.every_weeks)),
            anchor_date: r.anchor.map(|d| d.to_string()),
        }
    }
}

/// A window of one date's hours.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
#[schema(as = TimeRange)]
pub struct RangeInput {
    /// `HH:MM`.
    #[schema(required = true, min_length = 1, max_length = 64)]
    pub start: String,
    /// `HH:MM`; `24:00` is the end of the day.
    #[schema(required = true, min_length = 1, max_length = 64)]
    pub end: String,
}

impl From<&TimeWindow> for RangeInput {
    fn from(w: &TimeWindow) -> Self {
        Self {
            start: boundary_label(w.start, false),
            end: boundary_label(w.end, true),
        }
    }
}

/// New time off. `once` needs `start` and `end` (RFC 3339, or `YYYY-MM-DDTHH:MM` in the coach's
/// zone); `days` needs `from` (and `until`, default `from`); `weekly` needs `weekdays`,
/// `startTime`, `endTime` and optionally `from` (default today) and `until`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
#[schema(as = NewBlock)]
pub struct BlockInput {
    #[schema(required = true, schema_with = crate::app::schema::block_kind)]
    pub kind: String,
    #[schema(max_length = 64)]
    pub start: String,
    #[schema(max_length = 64)]
    pub end: String,
    #[schema(max_length = 64)]
    pub from: String,
    #[schema(max_length = 64)]
    pub until: String,
    /// `weekly`: 1 = Monday … 7 = Sunday.
    #[schema(schema_with = crate::app::schema::weekdays)]
    pub weekdays: Vec<i64>,
    #[schema(max_length = 64)]
    pub start_time: String,
    #[schema(max_length = 64)]
    pub end_time: String,
    #[schema(max_length = 100)]
    pub label: String,
}

/// The booking policy ("firm booking" limits) in whole minutes and days, as the coach sets it.
/// Outside it a client's booking becomes a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = Policy)]
pub struct PolicyInput {
    /// No booking starts sooner than this after now.
    #[schema(minimum = 0, maximum = 525_600)]
    pub min_notice_minutes: i64,
    /// How far ahead clients may book, in days.
    #[schema(minimum = 1, maximum = 3660)]
    pub max_days_ahead: i64,
    /// Starts lie on this grid from local midnight.
    #[schema(minimum = 5, maximum = 720)]
    pub slot_interval_minutes: i64,
    /// Or none.
    #[schema(minimum = 1, maximum = 100)]
    pub max_sessions_per_day: Option<i64>,
    /// Or none.
    #[schema(minimum = 1, maximum = 500)]
    pub max_sessions_per_week: Option<i64>,
    /// Clients cancel free of charge until this long before the start.
    #[schema(minimum = 0, maximum = 525_600)]
    pub cancellation_cutoff_minutes: i64,
    /// Clients may reschedule until this long before the start.
    #[schema(minimum = 0, maximum = 525_600)]
    pub reschedule_cutoff_minutes: i64,
}

impl From<&BookingPolicy> for PolicyInput {
    fn from(p: &BookingPolicy) -> Self {
        Self {
            min_notice_minutes: p.min_notice.as_mins(),
            max_days_ahead: i64::from(p.max_days_ahead),
            slot_interval_minutes: i64::from(p.slot_interval_minutes),
            max_sessions_per_day: p.max_sessions_per_day.map(i64::from),
            max_sessions_per_week: p.max_sessions_per_week.map(i64::from),
            cancellation_cutoff_minutes: p.cancellation_cutoff.as_mins(),
            reschedule_cutoff_minutes: p.reschedule_cutoff.as_mins(),
        }
    }
}

impl PolicyInput {
    /// The policy, when every value is in its range (the same limits the page states).
    pub fn validate(&self) -> AppResult<BookingPolicy> {
        let mut c = Checker::default();
        let mut count = |field: &'static str, v: i64, min: i64, max: i64, what: &str| {
            if (min..=max).contains(&v) {
                u32::try_from(v).ok()
            } else {
                c.push(
                    InvalidInput::new(
                        field,
                        format!("The {what} must be between {min} and {max}."),
                    )
                    .key("validate-between")
                    .arg("what", what)
                    .arg("kind", crate::app::catalog::kind(what))
                    .arg("min", min)
                    .arg("max", max),
                );
                None
            }
        };
        const YEAR: i64 = 525_600;
        let notice = count(
            "minNoticeMinutes",
            self.min_notice_minutes,
            0,
            YEAR,
            "minimum notice (minutes)",
        );
        let ahead = count(
            "maxDaysAhead",
            self.max_days_ahead,
            1,
            3_660,
            "booking horizon (days)",
        );
        let interval = count(
            "slotIntervalMinutes",
            self.slot_interval_minutes,
            5,
            720,
            "slot interval (minutes)",
        );
        let cancel = count(
            "cancellationCutoffMinutes",
            self.cancellation_cutoff_minutes,
            0,
            YEAR,
            "cancellation cut-off (minutes)",
        );
        let reschedule = count(
            "rescheduleCutoffMinutes",
            self.reschedule_cutoff_minutes,
            0,
            YEAR,
            "reschedule cut-off (minutes)",
        );
        let per_day = match self.max_sessions_per_day {
            Some(v) => count(
                "maxSessionsPerDay",
                v,
                1,
                100,
                "daily limit (leave it empty for none)",
            )
            .map(Some),
            None => Some(None),
        };
        let per_week = match self.max_sessions_per_week {
            Some(v) => count(
                "maxSessionsPerWeek",
                v,
                1,
                500,
                "weekly limit (leave it empty for none)",
            )
            .map(Some),
            None => Some(None),
        };
        let mins = |m: Option<u32>| m.map(|m| SignedDuration::from_mins(i64::from(m)));
        let values = (|| {
            Some(BookingPolicy {
                min_notice: mins(notice)?,
                max_days_ahead: ahead?,
                slot_interval_minutes: interval?,
                max_sessions_per_day: per_day?,
                max_sessions_per_week: per_week?,
                cancellation_cutoff: mins(cancel)?,
                reschedule_cutoff: mins(reschedule)?,
            })
        })();
        c.done(values)
    }
}

/// Everything that decides when the coach can be booked.
#[derive(Debug, Clone)]
pub struct Schedule {
    pub rules: Vec<WeeklyRule>,
    pub overrides: Vec<DateOverride>,
    pub blocks: Vec<StoredBlock>,
    pub policy: BookingPolicy,
}

pub async fn schedule(cx: &Ctx, coach: &Coach) -> AppResult<Schedule> {
    let pool = cx.db.pool();
    Ok(Schedule {
        rules: store::rules(pool, coach.id).await?,
        overrides: store::overrides(pool, coach.id).await?,
        blocks: store::blocks(pool, coach.id).await?,
        policy: store::policy(pool, coach.id).await?,
    })
}

/// `HH:MM` (or `H:MM`, `HH:MM:00`) to minutes after midnight; `24:00` only where `allow_end`.
fn parse_minute(raw: &str, allow_end: bool) -> Option<u16> {
    let number = |part: Option<&str>| part.and_then(|p| p.parse::<u16>().ok());
    let raw = raw.trim();
    let mut parts = raw.split(':');
    let h = number(parts.next())?;
    let m = number(parts.next())?;
    if let Some(s) = parts.next() {
        if s != "00" {
            return None;
        }
    }
    if parts.next().is_some() || raw.len() > 8 {
        return None;
    }
    match (h, m) {
        (24, 0) if allow_end => Some(1440),
        (0..=23, 0..=59) => Some(h * 60 + m),
        _ => None,
    }
}

/// A window's (start, end) minutes; an end of 00:00 means the end of the day.
fn parse_range(
    field: &'static str,
    what: &str,
    start: &str,
    end: &str,
) -> Result<(DayMinute, DayMinute), InvalidInput> {
    let s = parse_minute(start, false)
        .and_then(DayMinute::new)
        .ok_or_else(|| {
            InvalidInput::new(
                field,
                format!("{what}: give the start as HH:MM, e.g. 09:00."),
            )
        })?;
    let e = parse_minute(end, true).ok_or_else(|| {
        InvalidInput::new(field, format!("{what}: give the end as HH:MM, e.g. 17:00."))
    })?;
    let e = DayMinute::new(if e == 0 { 1440 } else { e }).unwrap_or(DayMinute::END_OF_DAY);
    if e <= s {
        return Err(InvalidInput::new(
            field,
            format!(
                "{what}: the end ({}) must be after the start ({}).",
                e.label(),
                s.label()
            ),
        ));
    }
    Ok((s, e))
}

fn window(start: DayMinute, end: DayMinute) -> TimeWindow {
    TimeWindow {
        start: start.time(),
        end: end.time(),
    }
}

fn weekday_of(n: i64) -> Option<Weekday> {
    i8::try_from(n)
        .ok()
        .and_then(|n| Weekday::from_monday_one_offset(n).ok())
}

fn optional_date(field: &'static str, raw: Option<&str>) -> Result<Option<Date>, InvalidInput> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        Some(d) => validate::date(field, d).map(Some),
        None => Ok(None),
    }
}

/// How often a window repeats, checked: every 1 to 8 weeks, and for more than 1 the date whose
/// week is an "on" week (the typed anchor, else the first date, else `today`). An every-week
/// window keeps no anchor, so the same week saved twice compares equal.
fn read_cycle(
    field: &'static str,
    name: &str,
    w: &WindowInput,
    from: Option<Date>,
    today: Date,
) -> Result<(u8, Option<Date>), InvalidInput> {
    let every = w.every_weeks.unwrap_or(1);
    let every = u8::try_from(every)
        .ok()
        .filter(|n| (MIN_EVERY_WEEKS..=MAX_EVERY_WEEKS).contains(n))
        .ok_or_else(|| {
            InvalidInput::new(
                field,
                format!(
                    "{name}: repeat every {MIN_EVERY_WEEKS} to {MAX_EVERY_WEEKS} weeks, not every {every}."
                ),
            ).key("validate-repeat-every-weeks-not").arg("name", name).arg("min-every-weeks", MIN_EVERY_WEEKS).arg("max-every-weeks", MAX_EVERY_WEEKS).arg("every", every)
        })?;
    let anchor = optional_date(field, w.anchor_date.as_deref()).map_err(|e| {
        InvalidInput::new(
            field,
            format!(
                "{name}: the week to start from is not a date ({}).",
                e.message
            ),
        )
    })?;
    if every == 1 {
        return Ok((1, None));
    }
    Ok((every, Some(anchor.or(from).unwrap_or(today))))
}

/// One typed window, checked.
struct CheckedWindow {
    day: usize,
    start: DayMinute,
    end: DayMinute,
    types: Vec<i64>,
    from: Option<Date>,
    until: Option<Date>,
    every_weeks: u8,
    anchor: Option<Date>,
}

/// Checks a submitted week and turns it into rules. Errors name the weekday (`monday`, …) so the
/// page shows them beside that day.
pub(crate) async fn validate_rules(
    conn: &mut AnyConnection,
    coach_id: i64,
    today: Date,
    windows: &[WindowInput],
) -> AppResult<Vec<WeeklyRule>> {
    if windows.len() > MAX_RULES {
        return Err(AppError::from(
            InvalidInput::new("rules", format!("Use at most {MAX_RULES} windows."))
                .key("validate-use-most-windows")
                .arg("max-rules", MAX_RULES),
        ));
    }
    let own_types: Vec<i64> = session_types::list(&mut *conn, coach_id, true)
        .await?
        .iter()
        .map(|t| t.id)
        .collect();
    let mut c = Checker::default();
    let mut checked: Vec<CheckedWindow> = Vec::with_capacity(windows.len());
    for w in windows {
        let Some(day) = usize::try_from(w.weekday - 1).ok().filter(|d| *d < 7) else {
            let weekday = w.weekday;
            c.push(
                InvalidInput::new(
                    "weekday",
                    format!("Weekday {weekday} is not 1 (Monday) to 7 (Sunday)."),
                )
                .key("validate-weekday-number")
                .arg("weekday", weekday),
            );
            continue;
        };
        let (field, name) = (WEEKDAY_FIELDS[day], WEEKDAY_NAMES[day]);
        let Some((start, end)) = c.check(parse_range(field, name, &w.start, &w.end)) else {
            continue;
        };
        let Some(from) = c.check(optional_date(field, w.valid_from.as_deref())) else {
            continue;
        };
        let Some(until) = c.check(optional_date(field, w.valid_until.as_deref())) else {
            continue;
        };
        if let (Some(f), Some(u)) = (from, until) {
            if u < f {
                c.push(
                    InvalidInput::new(
                        field,
                        format!("{name}: the last date must not be before the first."),
                    )
                    .key("validate-last-date-must-not")
                    .arg("name", name),
                );
                continue;
            }
        }
        let Some((every_weeks, anchor)) = c.check(read_cycle(field, name, w, from, today)) else {
            continue;
        };
        if let Some(bad) = w.session_type_ids.iter().find(|id| !own_types.contains(id)) {
            c.push(
                InvalidInput::new(
                    field,
                    format!("{name}: session type {bad} is not one of yours."),
                )
                .key("validate-session-type-not-one")
                .arg("name", name)
                .arg("bad", bad),
            );
            continue;
        }
        let mut types = w.session_type_ids.clone();
        types.sort_unstable();
        types.dedup();
        checked.push(CheckedWindow {
            day,
            start,
            end,
            types,
            from,
            until,
            every_weeks,
            anchor,
        });
    }
    // Overlapping windows for the same types and dates are almost always a typo.
    checked.sort_by_key(|w| (w.day, w.start));
    for pair in checked.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let same_scope = a.day == b.day
            && a.types == b.types
            && a.from == b.from
            && a.until == b.until
            && a.every_weeks == b.every_weeks
            && a.anchor == b.anchor;
        if same_scope && b.start < a.end {
            c.push(InvalidInput::new(
                WEEKDAY_FIELDS[a.day],
                format!(
                    "{}: {}–{} overlaps {}–{}; merge them into one window.",
                    WEEKDAY_NAMES[a.day],
                    a.start.label(),
                    a.end.label(),
                    b.start.label(),
                    b.end.label()
                ),
            ));
        }
    }
    c.finish()?;
    Ok(checked
        .into_iter()
        .filter_map(|w| {
            let weekday = weekday_of(i64::try_from(w.day + 1).unwrap_or(0))?;
            let window = window(w.start, w.end);
            Some(WeeklyRule {
                weekday,
                start: window.start,
                end: window.end,
                session_type_ids: w.types.into_iter().map(SessionTypeId).collect(),
                valid_from: w.from,
                valid_until: w.until,
                every_weeks: w.every_weeks,
                anchor: w.anchor,
            })
        })
        .collect())
}

pub async fn replace_rules(
    cx: &Ctx,
    coach: &Coach,
    windows: &[WindowInput],
) -> AppResult<Vec<WeeklyRule>> {
    let today = local_date(coach.zone.tz(), cx.now());
    let mut tx = cx.db.begin_write().await?;
    let rules = validate_rules(&mut tx, coach.id, today, windows).await?;
    store::replace_rules(&mut tx, coach.id, &rules).await?;
    tx.commit().await?;
    Ok(store::rules(cx.db.pool(), coach.id).await?)
}

pub async fn set_override(
    cx: &Ctx,
    coach: &Coach,
    date: &str,
    windows: &[RangeInput],
) -> AppResult<DateOverride> {
    let (date, windows) = read_override(date, windows)?;
    let mut tx = cx.db.begin_write().await?;
    store::replace_override(&mut tx, coach.id, date, &windows).await?;
    tx.commit().await?;
    store::overrides(cx.db.pool(), coach.id)
        .await?
        .into_iter()
        .find(|o| o.date == date)
        .ok_or(AppError::NotFound("date override"))
}

/// A date override as typed, checked: its date and its windows (none = closed).
fn read_override(date: &str, windows: &[RangeInput]) -> AppResult<(Date, Vec<TimeWindow>)> {
    let date = validate::date("date", date)?;
    if windows.len() > 12 {
        return Err(AppError::from(
            InvalidInput::new("windows", "Use at most 12 windows a day.")
                .key("validate-use-most-12-windows"),
        ));
    }
    let mut c = Checker::default();
    let mut ranges: Vec<(DayMinute, DayMinute)> = windows
        .iter()
        .filter_map(|w| c.check(parse_range("windows", "Hours", &w.start, &w.end)))
        .collect();
    c.finish()?;
    ranges.sort_unstable();
    if let Some(pair) = ranges.windows(2).find(|p| p[1].0 < p[0].1) {
        let (a, b) = (pair[0].0.label(), pair[0].1.label());
        let (c, d) = (pair[1].0.label(), pair[1].1.label());
        return Err(AppError::from(
            InvalidInput::new(
                "windows",
                format!("{a}–{b} overlaps {c}–{d}; merge them into one window."),
            )
            .key("validate-windows-overlap")
            .arg("a", &a)
            .arg("b", &b)
            .arg("c", &c)
            .arg("d", &d),
        ));
    }
    Ok((date, ranges.iter().map(|(s, e)| window(*s, *e)).collect()))
}

pub async fn delete_override(cx: &Ctx, coach: &Coach, date: &str) -> AppResult<()> {
    let date = validate::date("date", date)?;
    store::delete_override(cx.db.pool(), coach.id, date)
        .await
        .map_err(AppError::missing("date override"))
}

/// A local `YYYY-MM-DDTHH:MM` (what a datetime-local input sends) in the coach's zone, or an RFC
/// 3339 instant.
fn local_or_instant(
    field: &'static str,
    raw: &str,
    coach: &Coach,
) -> Result<Timestamp, InvalidInput> {
    let raw = raw.trim();
    if raw.parse::<Timestamp>().is_ok() {
        return validate::instant(field, raw);
    }
    let local = raw
        .parse::<DateTime>()
        .ok()
        .filter(|dt| raw.len() <= 19 && coachbook_core::time::supported_date(dt.date()).is_ok());
    local
        .and_then(|dt| resolve_wall(coach.zone.tz(), dt, Fold::Earlier))
        .map(|r| r.instant)
        .ok_or_else(|| {
            InvalidInput::new(
                field,
                "Give a date and time between 2000 and 2199, e.g. 2026-12-24T09:00 (your time zone) or RFC 3339.",
            ).key("validate-give-date-time-between")
        })
}

/// Time off as typed, checked.
fn read_block(c: &mut Checker, input: &BlockInput, coach: &Coach, today: Date) -> Option<Block> {
    match input.kind.trim() {
        "once" => {
            let start = c.check(local_or_instant("start", &input.start, coach));
            let end = c.check(local_or_instant("end", &input.end, coach));
            let (start, end) = (start?, end?);
            if end <= start {
                c.push(
                    InvalidInput::new("end", "The end must be after the start.")
                        .key("validate-end-must-after-start"),
                );
                return None;
            }
            if end.duration_since(start) > SignedDuration::from_hours(24 * 366) {
                c.push(
                    InvalidInput::new(
                        "end",
                        "Time off can last at most a year; use whole days for longer.",
                    )
                    .key("validate-time-off-can-last"),
                );
                return None;
            }
            Some(Block::OneOff { start, end })
        }
        "days" => {
            let from = c.check(validate::date("from", &input.from));
            let until = if input.until.trim().is_empty() {
                from
            } else {
                c.check(validate::date("until", &input.until))
            };
            let (from, until) = (from?, until?);
            if until < from {
                c.push(
                    InvalidInput::new("until", "The last day must not be before the first.")
                        .key("validate-last-day-must-not"),
                );
                return None;
            }
            if (until - from).get_days() > 366 {
                c.push(
                    InvalidInput::new("until", "Block at most 366 days at a time.")
                        .key("validate-block-most-366-days"),
                );
                return None;
            }
            Some(Block::Days { from, until })
        }
        "weekly" => {
            let mut days = input.weekdays.clone();
            days.sort_unstable();
            days.dedup();
            let weekdays: Option<Vec<Weekday>> = days.iter().map(|d| weekday_of(*d)).collect();
            let weekdays = match weekdays {
                Some(w) if !w.is_empty() => Some(w),
                Some(_) => {
                    c.push(
                        InvalidInput::new("weekdays", "Choose at least one weekday.")
                            .key("validate-choose-least-one-weekday"),
                    );
                    None
                }
                None => {
                    c.push(
                        InvalidInput::new("weekdays", "Weekdays are 1 (Monday) to 7 (Sunday).")
                            .key("validate-weekdays-1-monday-7"),
                    );
                    None
                }
            };
            let range = c.check(parse_range(
                "startTime",
                "Time off",
                &input.start_time,
                &input.end_time,
            ));
            let from = if input.from.trim().is_empty() {
                Some(today)
            } else {
                c.check(validate::date("from", &input.from))
            };
            let until = if input.until.trim().is_empty() {
                Some(None)
            } else {
                c.check(validate::date("until", &input.until)).map(Some)
            };
            let (weekdays, (start, end), from, until) = (weekdays?, range?, from?, until?);
            if until.is_some_and(|u| u < from) {
                c.push(
                    InvalidInput::new("until", "The last date must not be before the first.")
                        .key("validate-last-date-must-not-2"),
                );
                return None;
            }
            Some(Block::Weekly {
                weekdays,
                start: start.time(),
                end: end.time(),
                from,
                until,
            })
        }
        _ => {
            c.push(
                InvalidInput::new(
                    "kind",
                    "Choose once, days or weekly for the kind of time off.",
                )
                .key("validate-choose-once-days-weekly"),
            );
            None
        }
    }
}

pub async fn create_block(cx: &Ctx, coach: &Coach, input: &BlockInput) -> AppResult<StoredBlock> {
    let now = cx.now();
    let (block, label) = check_block(input, coach, now)?;
    let mut tx = cx.db.begin_write().await?;
    if store::count_blocks(&mut *tx, coach.id).await? >= MAX_BLOCKS {
        return Err(AppError::from(
            InvalidInput::new(
                "kind",
                format!("You have {MAX_BLOCKS} entries of time off; remove old ones first."),
            )
            .key("validate-have-entries-time-off")
            .arg("max-blocks", MAX_BLOCKS),
        ));
    }
    let saved = store::insert_block(&mut *tx, coach.id, &block, label, now.into()).await?;
    tx.commit().await?;
    Ok(saved)
}

/// New time off as typed, checked, with its label.
fn check_block<'a>(
    input: &'a BlockInput,
    coach: &Coach,
    now: Timestamp,
) -> AppResult<(Block, &'a str)> {
    let label = input.label.trim();
    let mut c = Checker::default();
    if input.label.chars().count() > 100 || label.chars().any(char::is_control) {
        c.push(
            InvalidInput::new(
                "label",
                "Keep the label to one line of at most 100 characters.",
            )
            .key("validate-keep-label-one-line"),
        );
    }
    // Every field is held to what the API states, whichever kind of time off it is.
    for (field, raw) in [
        ("start", &input.start),
        ("end", &input.end),
        ("from", &input.from),
        ("until", &input.until),
        ("startTime", &input.start_time),
        ("endTime", &input.end_time),
    ] {
        c.check(validate::code(field, raw));
    }
    if input.kind.trim() != "weekly" && input.weekdays.iter().any(|d| weekday_of(*d).is_none()) {
        c.push(
            InvalidInput::new("weekdays", "Weekdays are 1 (Monday) to 7 (Sunday).")
                .key("validate-weekdays-1-monday-7"),
        );
    }
    let block = read_block(&mut c, input, coach, local_date(coach.zone.tz(), now));
    Ok((c.done(block)?, label))
}

pub async fn delete_block(cx: &Ctx, coach: &Coach, block_id: i64) -> AppResult<()> {
    store::delete_block(cx.db.pool(), coach.id, block_id)
        .await
        .map_err(AppError::missing("time off"))
}

pub async fn policy(cx: &Ctx, coach: &Coach) -> AppResult<BookingPolicy> {
    Ok(store::policy(cx.db.pool(), coach.id).await?)
}

pub async fn update_policy(
    cx: &Ctx,
    coach: &Coach,
    input: &PolicyInput,
) -> AppResult<BookingPolicy> {
    let policy = input.validate()?;
    store::update_policy(cx.db.pool(), coach.id, &policy).await?;
    Ok(store::policy(cx.db.pool(), coach.id).await?)
}

/// The wall-clock `HH:MM` of a window boundary, `24:00` for the end of the day.
pub fn boundary_label(t: Time, end: bool) -> String {
    if end && t == Time::midnight() {
        "24:00".to_owned()
    } else {
        t.strftime("%H:%M").to_string()
    }
}

/// A change to the coach's hours or time off, checked against what is booked before it saves.
#[derive(Debug, Clone)]
pub enum HoursChange {
    /// The whole week replaced, as `replace_rules` would save it.
    WeeklyHours(Vec<WindowInput>),
    /// One date's own hours (none = closed), as `set_override` would save them.
    DateOverride {
        date: String,
        windows: Vec<RangeInput>,
    },
    /// New time off, as `create_block` would save it.
    TimeOff(BlockInput),
}

/// The upcoming bookings (pending or confirmed) that `change` would leave outside the coach's
/// hours (inside them as saved, outside them after) or under the new time off. A dry run: it
/// reads only, validates the change as saving it would (the same field errors), and reads only
/// the bookings in the range the change touches (a date, the time off's span, or for the weekly
/// hours everything bookable from now), in time order.
pub async fn impact(cx: &Ctx, coach: &Coach, change: &HoursChange) -> AppResult<Vec<Booking>> {
    let now = cx.now();
    let tz = coach.zone.tz();
    let horizon = sat_add(
        now,
        SignedDuration::from_hours(i64::from(MAX_DAYS_AHEAD) * 24),
    );
    let ahead = Interval {
        start: now,
        end: horizon,
    };
    let day = |d: Date| {
        local_day(tz, d).ok_or_else(|| {
            AppError::from(
                InvalidInput::new("date", "Choose a date between 2000 and 2199.")
                    .key("validate-choose-date-between-2000"),
            )
        })
    };
    let mut conn = cx.db.pool().acquire().await?;
    let (range, rules, new_override, block) = match change {
        HoursChange::WeeklyHours(windows) => {
            let rules = validate_rules(&mut conn, coach.id, local_date(tz, now), windows).await?;
            (ahead, Some(rules), None, None)
        }
        HoursChange::DateOverride { date, windows } => {
            let (date, windows) = read_override(date, windows)?;
            let o = DateOverride {
                date,
                windows,
                session_type_ids: Vec::new(),
            };
            (day(date)?, None, Some(o), None)
        }
        HoursChange::TimeOff(input) => {
            let (block, _) = check_block(input, coach, now)?;
            let range = match &block {
                Block::OneOff { start, end } => Interval {
                    start: *start,
                    end: *end,
                },
                Block::Days { from, until } => Interval {
                    start: day(*from)?.start,
                    end: day(*until)?.end,
                },
                Block::Weekly { from, until, .. } => Interval {
                    start: day(*from)?.start,
                    end: match until {
                        Some(u) => day(*u)?.end,
                        None => horizon,
                    },
                },
            };
            (range, None, None, Some(block))
        }
    };
    let (from, to) = (range.start.max(now), range.end.min(horizon));
    if to <= from {
        return Ok(Vec::new());
    }
    let booked: Vec<Booking> = bookings::list(
        cx,
        coach,
        &ListFilter {
            from: Some(from),
            to: Some(to),
            ..ListFilter::default()
        },
    )
    .await?
    .into_iter()
    .filter(|b| b.status.is_live() && b.start >= now)
    .collect();
    if booked.is_empty() {
        return Ok(booked);
    }
    let window = data_window(from, to);
    let saved_rules = store::rules(&mut *conn, coach.id).await?;
    let saved_overrides = store::overrides_near(&mut *conn, coach.id, window).await?;
    let hours_change = rules.is_some() || new_override.is_some();
    let mut overrides = saved_overrides.clone();
    if let Some(o) = new_override {
        overrides.retain(|x| x.date != o.date);
        overrides.push(o);
    }
    let calendar = |rules: Vec<WeeklyRule>, overrides: Vec<DateOverride>, blocks: Vec<Block>| {
        let schedule = coachbook_core::availability::Schedule {
            time_zone: tz.clone(),
            rules,
            overrides,
        };
        Calendar::new(schedule, Vec::new(), blocks, Vec::new()).map_err(|e| {
            AppError::from(anyhow::anyhow!(
                "calendar data of coach {} is invalid: {e}",
                coach.id
            ))
        })
    };
    let before = calendar(saved_rules.clone(), saved_overrides, Vec::new())?;
    let after = calendar(
        rules.unwrap_or(saved_rules),
        overrides,
        block.into_iter().collect(),
    )?;
    Ok(booked
        .into_iter()
        .filter(|b| {
            let at = b.interval();
            let t = SessionTypeId(b.session_type_id);
            let under_time_off = !after.busy_in(at, None).is_empty();
            let left_outside = hours_change
                && before.check_hours(t, at, now).is_ok()
                && after.check_hours(t, at, now).is_err();
            under_time_off || left_outside
        })
        .collect())
}
