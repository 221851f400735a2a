//! The coach's availability: weekly hours, date overrides, time off and the booking policy, and
//! the open slots the engine computes from them (also for an unsaved draft: the live preview).

use coachbook_core::availability::{
    data_window, Block, Calendar, DateOverride, ExistingSession, Query, QueryError, Schedule,
    SessionTypeSpec, WeeklyRule,
};
use coachbook_core::policy::BookingPolicy;
use coachbook_core::time::{
    local_date, wall_to_instant, Interval, SessionId, SessionTypeId, TimeWindow,
};
use coachbook_core::validate::InvalidInput;
use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;
use utoipa::{IntoParams, ToSchema};

use super::accounts::Account;
use super::{AppError, AppResult, Checker};
use crate::store::availability::{self as store, BlockRow, OverrideRow, PolicyRow, RuleRow};
use crate::store::bookings::{sessions_between, SessionRow};
use crate::store::session_types::{self, SessionTypeRow};
use crate::store::{Db, StoreError};

/// Field names for errors about one weekday's windows, Monday first.
pub const WEEKDAY_FIELDS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
pub const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
/// More windows than this is a script gone wrong, not a schedule.
const MAX_RULES: usize = 100;
const MAX_BLOCKS: usize = 500;

// ---------------------------------------------------------------------------------------------
// What the API and pages exchange.

/// A recurring weekly window in the coach's time zone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct WeeklyWindow {
    /// 1 = Monday … 7 = Sunday.
    pub weekday: i64,
    /// `HH:MM`, wall-clock in the coach's zone.
    pub start: String,
    /// `HH:MM`; `24:00` (or `00:00`) is midnight at the end of the day.
    pub end: String,
    /// Limit the window to these session types; empty = every type.
    pub session_type_ids: Vec<i64>,
    /// First date the window applies (`YYYY-MM-DD`, inclusive).
    pub valid_from: Option<String>,
    /// Last date the window applies (inclusive).
    pub valid_until: Option<String>,
}

/// The whole week; `PUT` replaces every window at once.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct WeeklyHours {
    pub rules: Vec<WeeklyWindow>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct TimeRange {
    /// `HH:MM`.
    pub start: String,
    /// `HH:MM`; `24:00` is the end of the day.
    pub end: String,
}

/// One date's hours replacing the weekly ones.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DateOverrideView {
    /// `YYYY-MM-DD` in the coach's zone.
    pub date: String,
    /// The coach is not bookable at all that day.
    pub closed: bool,
    pub windows: Vec<TimeRange>,
}

/// The hours for one date; no windows closes the day.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct NewDateOverride {
    pub windows: Vec<TimeRange>,
}

/// Time off.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BlockView {
    pub id: i64,
    /// `once`, `days` or `weekly`.
    pub kind: String,
    /// `once`: RFC 3339 in the coach's zone.
    pub start: Option<String>,
    pub end: Option<String>,
    /// `days` and `weekly`: first date (inclusive).
    pub from: Option<String>,
    /// `days`: last date (inclusive); `weekly`: last date or none for open-ended.
    pub until: Option<String>,
    /// `weekly`: 1 = Monday … 7 = Sunday.
    pub weekdays: Vec<i64>,
    /// `weekly`: `HH:MM` wall-clock.
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub label: String,
    /// A sentence describing it, e.g. "Every Fri 12:00–24:00 from 2026-12-04".
    pub summary: String,
}

/// New time off. `once` needs `start` and `end` (RFC 3339, or `YYYY-MM-DDTHH:MM` in the coach's
/// zone); `days` needs `from` (and `until`, default `from`); `weekly` needs `weekdays`,
/// `startTime`, `endTime` and optionally `from` (default today) and `until`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct NewBlock {
    pub kind: String,
    pub start: String,
    pub end: String,
    pub from: String,
    pub until: String,
    pub weekdays: Vec<i64>,
    pub start_time: String,
    pub end_time: String,
    pub label: String,
}

/// The booking policy ("firm booking" limits). Outside it a client's booking becomes a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Policy {
    /// No booking starts sooner than this after now (0 to 525,600).
    pub min_notice_minutes: i64,
    /// How far ahead clients may book (1 to 3,660 days).
    pub max_days_ahead: i64,
    /// Starts lie on this grid from local midnight (5 to 720 minutes).
    pub slot_interval_minutes: i64,
    pub max_sessions_per_day: Option<i64>,
    pub max_sessions_per_week: Option<i64>,
    /// Clients cancel free of charge until this long before the start.
    pub cancellation_cutoff_minutes: i64,
    /// Clients may reschedule until this long before the start.
    pub reschedule_cutoff_minutes: i64,
}

/// Everything that decides when the coach can be booked.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleView {
    pub time_zone: String,
    pub rules: Vec<WeeklyWindow>,
    pub overrides: Vec<DateOverrideView>,
    pub blocks: Vec<BlockView>,
    pub policy: Policy,
}

/// `GET /api/availability` parameters.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", default)]
#[into_params(parameter_in = Query)]
pub struct SlotsQuery {
    /// The coach; defaults to you. Another coach's id answers 404.
    pub coach_id: Option<i64>,
    /// Defaults to your first active session type.
    pub session_type_id: Option<i64>,
    /// RFC 3339, or `YYYY-MM-DD` (midnight in the coach's zone). Default: now.
    pub from: Option<String>,
    /// RFC 3339 or `YYYY-MM-DD` (exclusive). Default: 14 days after `from`; at most 366 days.
    pub to: Option<String>,
    /// IANA zone to present times in (the viewer's). Default: the coach's.
    pub time_zone: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SlotView {
    /// RFC 3339 with the presentation zone's offset.
    pub start: String,
    pub end: String,
    pub seats_left: u32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BusyView {
    pub start: String,
    pub end: String,
}

/// Open slots (and busy time, without any detail of what it is).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SlotsView {
    pub coach_id: i64,
    /// The coach's IANA zone: the rules are wall-clock times there.
    pub coach_time_zone: String,
    /// The zone the times below are shown in.
    pub time_zone: String,
    pub session_type_id: i64,
    pub from: String,
    pub to: String,
    pub slots: Vec<SlotView>,
    pub busy: Vec<BusyView>,
}

/// An unsaved edit to preview: omitted parts are taken from what is saved.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub rules: Option<Vec<WeeklyWindow>>,
    pub policy: Option<Policy>,
    pub session_type_id: Option<i64>,
}

/// One day of the preview.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PreviewDay {
    pub date: String,
    /// e.g. "Mon 23 Nov".
    pub label: String,
    /// Start times, `HH:MM` in the coach's zone.
    pub slots: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    pub session_type_id: Option<i64>,
    pub session_type_name: String,
    pub duration_minutes: i64,
    pub time_zone: String,
    pub days: Vec<PreviewDay>,
    pub total: usize,
    /// Why there is nothing to show, when there is nothing.
    pub empty_reason: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Conversions between stored rows, the wire format and the engine's types.

pub fn minute_label(minute: i64) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// `HH:MM` (or `H:MM`, `HH:MM:SS`) to minutes after midnight; `24:00` only where `allow_end`.
fn parse_minute(raw: &str, allow_end: bool) -> Option<i64> {
    let raw = raw.trim();
    let mut parts = raw.split(':');
    let h: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    if let Some(s) = parts.next() {
        if s != "00" {
            return None;
        }
    }
    if parts.next().is_some() || raw.len() > 8 {
        return None;
    }
    let minute = h * 60 + m;
    match (h, m) {
        (24, 0) if allow_end => Some(1440),
        (0..=23, 0..=59) => Some(minute),
        _ => None,
    }
}

fn minute_time(minute: i64) -> Time {
    if minute >= 1440 {
        return Time::midnight();
    }
    let h = i8::try_from(minute / 60).unwrap_or(0);
    let m = i8::try_from(minute % 60).unwrap_or(0);
    Time::new(h, m, 0, 0).unwrap_or(Time::midnight())
}

/// A window's (start, end) minutes; an end of 00:00 means the end of the day.
fn parse_range(
    field: &'static str,
    what: &str,
    start: &str,
    end: &str,
) -> Result<(i64, i64), InvalidInput> {
    let s = parse_minute(start, false).ok_or_else(|| {
        InvalidInput::new(
            field,
            format!("{what}: give the start as HH:MM, e.g. 09:00."),
        )
    })?;
    let e = parse_minute(end, true).ok_or_else(|| {
        InvalidInput::new(field, format!("{what}: give the end as HH:MM, e.g. 17:00."))
    })?;
    let e = if e == 0 { 1440 } else { e };
    if e <= s {
        return Err(InvalidInput::new(
            field,
            format!(
                "{what}: the end ({}) must be after the start ({}).",
                minute_label(e),
                minute_label(s)
            ),
        ));
    }
    Ok((s, e))
}

fn parse_date(field: &'static str, raw: &str) -> Result<Date, InvalidInput> {
    raw.trim()
        .parse::<Date>()
        .map_err(|_| InvalidInput::new(field, "Give the date as YYYY-MM-DD, e.g. 2026-12-24."))
}

fn weekday_of(n: i64) -> Option<Weekday> {
    Weekday::from_monday_one_offset(i8::try_from(n).ok()?).ok()
}

fn ids_csv(ids: &[i64]) -> String {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

fn csv_ids(csv: &str) -> Vec<i64> {
    csv.split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

fn rule_view(r: &RuleRow) -> WeeklyWindow {
    WeeklyWindow {
        weekday: r.weekday,
        start: minute_label(r.start_minute),
        end: minute_label(r.end_minute),
        session_type_ids: csv_ids(&r.session_type_ids),
        valid_from: r.valid_from.clone(),
        valid_until: r.valid_until.clone(),
    }
}

fn rule_to_core(r: &RuleRow) -> Option<WeeklyRule> {
    let date = |s: &Option<String>| -> Option<Option<Date>> {
        match s {
            None => Some(None),
            Some(d) => d.parse().ok().map(Some),
        }
    };
    Some(WeeklyRule {
        weekday: weekday_of(r.weekday)?,
        start: minute_time(r.start_minute),
        end: minute_time(r.end_minute),
        session_type_ids: csv_ids(&r.session_type_ids)
            .into_iter()
            .map(SessionTypeId)
            .collect(),
        valid_from: date(&r.valid_from)?,
        valid_until: date(&r.valid_until)?,
    })
}

fn overrides_view(rows: &[OverrideRow]) -> Vec<DateOverrideView> {
    let mut out: Vec<DateOverrideView> = Vec::new();
    for row in rows {
        if out.last().is_none_or(|o| o.date != row.date) {
            out.push(DateOverrideView {
                date: row.date.clone(),
                closed: true,
                windows: Vec::new(),
            });
        }
        if let (Some(s), Some(e), Some(o)) = (row.start_minute, row.end_minute, out.last_mut()) {
            o.closed = false;
            o.windows.push(TimeRange {
                start: minute_label(s),
                end: minute_label(e),
            });
        }
    }
    out
}

fn overrides_to_core(rows: &[OverrideRow]) -> Vec<DateOverride> {
    let mut out: Vec<DateOverride> = Vec::new();
    for row in rows {
        let Ok(date) = row.date.parse::<Date>() else {
            continue;
        };
        if out.last().is_none_or(|o| o.date != date) {
            out.push(DateOverride {
                date,
                windows: Vec::new(),
                session_type_ids: Vec::new(),
            });
        }
        if let (Some(s), Some(e), Some(o)) = (row.start_minute, row.end_minute, out.last_mut()) {
            o.windows.push(TimeWindow {
                start: minute_time(s),
                end: minute_time(e),
            });
        }
    }
    out
}

pub(crate) fn block_to_core(row: &BlockRow) -> Option<Block> {
    let date = |s: &Option<String>| s.as_deref().and_then(|d| d.parse::<Date>().ok());
    match row.kind.as_str() {
        "once" => Some(Block::OneOff {
            start: Timestamp::from_second(row.start_at?).ok()?,
            end: Timestamp::from_second(row.end_at?).ok()?,
        }),
        "days" => Some(Block::Days {
            from: date(&row.from_date)?,
            until: date(&row.until_date)?,
        }),
        "weekly" => Some(Block::Weekly {
            weekdays: csv_ids(&row.weekdays)
                .into_iter()
                .filter_map(weekday_of)
                .collect(),
            start: minute_time(row.start_minute?),
            end: minute_time(row.end_minute?),
            from: date(&row.from_date)?,
            until: date(&row.until_date),
        }),
        _ => None,
    }
}

pub(crate) fn zone(name: &str) -> TimeZone {
    jiff::tz::db().get(name).unwrap_or(TimeZone::UTC)
}

pub(crate) fn rfc3339(ts: Timestamp, tz: &TimeZone) -> String {
    ts.to_zoned(tz.clone())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

fn seconds(ts: i64) -> Timestamp {
    Timestamp::from_second(ts).unwrap_or(Timestamp::UNIX_EPOCH)
}

fn block_view(row: &BlockRow, tz: &TimeZone) -> BlockView {
    let weekdays = csv_ids(&row.weekdays);
    let start = row.start_at.map(|t| rfc3339(seconds(t), tz));
    let end = row.end_at.map(|t| rfc3339(seconds(t), tz));
    let start_time = row.start_minute.map(minute_label);
    let end_time = row.end_minute.map(minute_label);
    let short = |t: i64| {
        seconds(t)
            .to_zoned(tz.clone())
            .strftime("%a %d %b %Y %H:%M")
            .to_string()
    };
    let summary = match row.kind.as_str() {
        "once" => format!(
            "{} – {}",
            row.start_at.map(short).unwrap_or_default(),
            row.end_at.map(short).unwrap_or_default()
        ),
        "days" if row.from_date == row.until_date => {
            format!("All day {}", row.from_date.clone().unwrap_or_default())
        }
        "days" => format!(
            "All day {} to {}",
            row.from_date.clone().unwrap_or_default(),
            row.until_date.clone().unwrap_or_default()
        ),
        _ => {
            let days = weekdays
                .iter()
                .filter_map(|d| WEEKDAY_NAMES.get(usize::try_from(d - 1).ok()?))
                .map(|n| &n[..3])
                .collect::<Vec<_>>()
                .join(", ");
            let until = row
                .until_date
                .as_deref()
                .map(|u| format!(" until {u}"))
                .unwrap_or_default();
            format!(
                "Every {days} {}–{} from {}{until}",
                start_time.clone().unwrap_or_default(),
                end_time.clone().unwrap_or_default(),
                row.from_date.clone().unwrap_or_default()
            )
        }
    };
    BlockView {
        id: row.id,
        kind: row.kind.clone(),
        start,
        end,
        from: row.from_date.clone(),
        until: row.until_date.clone(),
        weekdays,
        start_time,
        end_time,
        label: row.label.clone(),
        summary,
    }
}

impl From<PolicyRow> for Policy {
    fn from(p: PolicyRow) -> Self {
        Self {
            min_notice_minutes: p.min_notice_minutes,
            max_days_ahead: p.max_days_ahead,
            slot_interval_minutes: p.slot_interval_minutes,
            max_sessions_per_day: p.max_sessions_per_day,
            max_sessions_per_week: p.max_sessions_per_week,
            cancellation_cutoff_minutes: p.cancellation_cutoff_minutes,
            reschedule_cutoff_minutes: p.reschedule_cutoff_minutes,
        }
    }
}

impl Policy {
    /// The engine's form; values were range-checked when saved.
    pub fn to_core(&self) -> BookingPolicy {
        let count = |v: Option<i64>| v.and_then(|v| u32::try_from(v).ok());
        BookingPolicy {
            min_notice: SignedDuration::from_mins(self.min_notice_minutes),
            max_days_ahead: u32::try_from(self.max_days_ahead).unwrap_or(60),
            slot_interval_minutes: u32::try_from(self.slot_interval_minutes).unwrap_or(30),
            max_sessions_per_day: count(self.max_sessions_per_day),
            max_sessions_per_week: count(self.max_sessions_per_week),
            cancellation_cutoff: SignedDuration::from_mins(self.cancellation_cutoff_minutes),
            reschedule_cutoff: SignedDuration::from_mins(self.reschedule_cutoff_minutes),
        }
    }

    fn validate(&self) -> AppResult<PolicyRow> {
        let mut c = Checker::default();
        let mut range = |field: &'static str, v: i64, min: i64, max: i64, what: &str| {
            if !(min..=max).contains(&v) {
                c.push(InvalidInput::new(
                    field,
                    format!("The {what} must be between {min} and {max}."),
                ));
            }
        };
        range(
            "minNoticeMinutes",
            self.min_notice_minutes,
            0,
            525_600,
            "minimum notice (minutes)",
        );
        range(
            "maxDaysAhead",
            self.max_days_ahead,
            1,
            3_660,
            "booking horizon (days)",
        );
        range(
            "slotIntervalMinutes",
            self.slot_interval_minutes,
            5,
            720,
            "slot interval (minutes)",
        );
        range(
            "cancellationCutoffMinutes",
            self.cancellation_cutoff_minutes,
            0,
            525_600,
            "cancellation cut-off (minutes)",
        );
        range(
            "rescheduleCutoffMinutes",
            self.reschedule_cutoff_minutes,
            0,
            525_600,
            "reschedule cut-off (minutes)",
        );
        if let Some(v) = self.max_sessions_per_day {
            range(
                "maxSessionsPerDay",
                v,
                1,
                100,
                "daily limit (leave it empty for none)",
            );
        }
        if let Some(v) = self.max_sessions_per_week {
            range(
                "maxSessionsPerWeek",
                v,
                1,
                500,
                "weekly limit (leave it empty for none)",
            );
        }
        c.finish()?;
        Ok(PolicyRow {
            min_notice_minutes: self.min_notice_minutes,
            max_days_ahead: self.max_days_ahead,
            slot_interval_minutes: self.slot_interval_minutes,
            max_sessions_per_day: self.max_sessions_per_day,
            max_sessions_per_week: self.max_sessions_per_week,
            cancellation_cutoff_minutes: self.cancellation_cutoff_minutes,
            reschedule_cutoff_minutes: self.reschedule_cutoff_minutes,
        })
    }
}

pub fn session_spec(t: &SessionTypeRow) -> SessionTypeSpec {
    SessionTypeSpec {
        id: SessionTypeId(t.id),
        duration: SignedDuration::from_mins(t.duration_minutes),
        buffer_before: SignedDuration::from_mins(t.buffer_before_minutes),
        buffer_after: SignedDuration::from_mins(t.buffer_after_minutes),
        capacity: u32::try_from(t.capacity).unwrap_or(1),
    }
}

fn existing(s: &SessionRow) -> ExistingSession {
    ExistingSession {
        id: SessionId(s.id),
        start: seconds(s.start_at),
        end: seconds(s.end_at),
        session_type_id: SessionTypeId(s.session_type_id),
        capacity: u32::try_from(s.capacity).unwrap_or(1),
        booked: u32::try_from(s.booked).unwrap_or(0),
        buffer_before: SignedDuration::from_mins(s.buffer_before_minutes),
        buffer_after: SignedDuration::from_mins(s.buffer_after_minutes),
    }
}

/// Everything the engine needs about one coach near `range`, read on one connection (inside the
/// booking transaction when called from a write). `rules` replaces the saved weekly rules (the
/// preview of a draft).
pub(crate) async fn load_calendar(
    conn: &mut AnyConnection,
    coach_id: i64,
    tz: &TimeZone,
    range: Interval,
    rules: Option<Vec<WeeklyRule>>,
) -> AppResult<Calendar> {
    let window = data_window(range.start, range.end);
    let sessions = sessions_between(
        &mut *conn,
        coach_id,
        window.start.as_second(),
        window.end.as_second(),
    )
    .await?
    .iter()
    .map(existing)
    .collect();
    let blocks = store::blocks(&mut *conn, coach_id)
        .await?
        .iter()
        .filter_map(block_to_core)
        .collect();
    let rules = match rules {
        Some(r) => r,
        None => store::rules(&mut *conn, coach_id)
            .await?
            .iter()
            .filter_map(rule_to_core)
            .collect(),
    };
    let overrides = overrides_to_core(&store::overrides(&mut *conn, coach_id).await?);
    let schedule = Schedule {
        time_zone: tz.clone(),
        rules,
        overrides,
    };
    Calendar::new(schedule, sessions, blocks, Vec::new())
        .map_err(|e| AppError::Internal(anyhow::anyhow!("stored calendar data is invalid: {e}")))
}

fn coach_id(coach: &Account) -> AppResult<i64> {
    coach.coach_id.ok_or(AppError::Forbidden)
}

// ---------------------------------------------------------------------------------------------
// Use cases.

pub async fn schedule(db: &Db, coach: &Account) -> AppResult<ScheduleView> {
    let id = coach_id(coach)?;
    let tz = zone(&coach.time_zone);
    Ok(ScheduleView {
        time_zone: coach.time_zone.clone(),
        rules: store::rules(db.pool(), id)
            .await?
            .iter()
            .map(rule_view)
            .collect(),
        overrides: overrides_view(&store::overrides(db.pool(), id).await?),
        blocks: store::blocks(db.pool(), id)
            .await?
            .iter()
            .map(|b| block_view(b, &tz))
            .collect(),
        policy: store::policy(db.pool(), id).await?.into(),
    })
}

/// Checks a submitted week and turns it into rows. Errors name the weekday (`monday`, …) so the
/// page shows them beside that day.
async fn validate_rules(db: &Db, coach_id: i64, rules: &[WeeklyWindow]) -> AppResult<Vec<RuleRow>> {
    if rules.len() > MAX_RULES {
        return Err(AppError::invalid(
            "rules",
            format!("Use at most {MAX_RULES} windows."),
        ));
    }
    let own_types: Vec<i64> = session_types::list(db.pool(), coach_id, true)
        .await?
        .iter()
        .map(|t| t.id)
        .collect();
    let mut c = Checker::default();
    let mut rows = Vec::with_capacity(rules.len());
    for r in rules {
        let Some(day) = usize::try_from(r.weekday - 1).ok().filter(|d| *d < 7) else {
            c.push(InvalidInput::new(
                "weekday",
                format!("Weekday {} is not 1 (Monday) to 7 (Sunday).", r.weekday),
            ));
            continue;
        };
        let field = WEEKDAY_FIELDS[day];
        let name = WEEKDAY_NAMES[day];
        let Some((start, end)) = c.check(parse_range(field, name, &r.start, &r.end)) else {
            continue;
        };
        let from = r
            .valid_from
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|d| parse_date(field, d));
        let until = r
            .valid_until
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|d| parse_date(field, d));
        let from = match from.transpose() {
            Ok(d) => d,
            Err(e) => {
                c.push(e);
                continue;
            }
        };
        let until = match until.transpose() {
            Ok(d) => d,
            Err(e) => {
                c.push(e);
                continue;
            }
        };
        if let (Some(f), Some(u)) = (from, until) {
            if u < f {
                c.push(InvalidInput::new(
                    field,
                    format!("{name}: the last date must not be before the first."),
                ));
                continue;
            }
        }
        if let Some(bad) = r.session_type_ids.iter().find(|id| !own_types.contains(id)) {
            c.push(InvalidInput::new(
                field,
                format!("{name}: session type {bad} is not one of yours."),
            ));
            continue;
        }
        rows.push(RuleRow {
            id: 0,
            weekday: r.weekday,
            start_minute: start,
            end_minute: end,
            session_type_ids: ids_csv(&r.session_type_ids),
            valid_from: from.map(|d| d.to_string()),
            valid_until: until.map(|d| d.to_string()),
        });
    }
    // Overlapping windows for the same types and dates are almost always a typo.
    rows.sort_by_key(|r| (r.weekday, r.start_minute));
    for pair in rows.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let same_scope = a.weekday == b.weekday
            && a.session_type_ids == b.session_type_ids
            && a.valid_from == b.valid_from
            && a.valid_until == b.valid_until;
        if same_scope && b.start_minute < a.end_minute {
            let day = usize::try_from(a.weekday - 1).unwrap_or(0);
            c.push(InvalidInput::new(
                WEEKDAY_FIELDS[day],
                format!(
                    "{}: {}–{} overlaps {}–{}; merge them into one window.",
                    WEEKDAY_NAMES[day],
                    minute_label(a.start_minute),
                    minute_label(a.end_minute),
                    minute_label(b.start_minute),
                    minute_label(b.end_minute)
                ),
            ));
        }
    }
    c.finish()?;
    Ok(rows)
}

pub async fn replace_rules(
    db: &Db,
    coach: &Account,
    hours: &WeeklyHours,
) -> AppResult<Vec<WeeklyWindow>> {
    let id = coach_id(coach)?;
    let rows = validate_rules(db, id, &hours.rules).await?;
    let mut tx = db.begin_write().await?;
    store::replace_rules(&mut tx, id, &rows).await?;
    tx.commit().await?;
    Ok(store::rules(db.pool(), id)
        .await?
        .iter()
        .map(rule_view)
        .collect())
}

pub async fn set_override(
    db: &Db,
    coach: &Account,
    date: &str,
    new: &NewDateOverride,
) -> AppResult<DateOverrideView> {
    let id = coach_id(coach)?;
    let date = parse_date("date", date)?;
    if new.windows.len() > 12 {
        return Err(AppError::invalid(
            "windows",
            "Use at most 12 windows a day.",
        ));
    }
    let mut c = Checker::default();
    let mut windows: Vec<(i64, i64)> = new
        .windows
        .iter()
        .filter_map(|w| c.check(parse_range("windows", "Hours", &w.start, &w.end)))
        .collect();
    c.finish()?;
    windows.sort_unstable();
    if let Some(pair) = windows.windows(2).find(|p| p[1].0 < p[0].1) {
        return Err(AppError::invalid(
            "windows",
            format!(
                "{}–{} overlaps {}–{}; merge them into one window.",
                minute_label(pair[0].0),
                minute_label(pair[0].1),
                minute_label(pair[1].0),
                minute_label(pair[1].1)
            ),
        ));
    }
    let date = date.to_string();
    let mut tx = db.begin_write().await?;
    store::replace_override(&mut tx, id, &date, &windows).await?;
    tx.commit().await?;
    let rows = store::overrides(db.pool(), id).await?;
    overrides_view(&rows)
        .into_iter()
        .find(|o| o.date == date)
        .ok_or(AppError::NotFound("date override"))
}

pub async fn delete_override(db: &Db, coach: &Account, date: &str) -> AppResult<()> {
    let id = coach_id(coach)?;
    let date = parse_date("date", date)?;
    match store::delete_override(db.pool(), id, &date.to_string()).await {
        Err(StoreError::NotFound) => Err(AppError::NotFound("date override")),
        other => Ok(other?),
    }
}

/// A local `YYYY-MM-DDTHH:MM` (what a datetime-local input sends) in the coach's zone, or an RFC
/// 3339 instant.
fn parse_local_or_instant(
    field: &'static str,
    raw: &str,
    tz: &TimeZone,
) -> Result<Timestamp, InvalidInput> {
    let raw = raw.trim();
    if let Ok(ts) = raw.parse::<Timestamp>() {
        return Ok(ts);
    }
    raw.parse::<DateTime>()
        .ok()
        .and_then(|dt| wall_to_instant(tz, dt))
        .ok_or_else(|| {
            InvalidInput::new(
                field,
                "Give a date and time, e.g. 2026-12-24T09:00 (your time zone) or RFC 3339.",
            )
        })
}

pub async fn create_block(db: &Db, coach: &Account, new: &NewBlock) -> AppResult<BlockView> {
    let id = coach_id(coach)?;
    let tz = zone(&coach.time_zone);
    let label = new.label.trim();
    let mut c = Checker::default();
    if label.chars().count() > 100 || label.chars().any(char::is_control) {
        c.push(InvalidInput::new(
            "label",
            "Keep the label to one line of at most 100 characters.",
        ));
    }
    let mut row = BlockRow {
        kind: new.kind.trim().to_owned(),
        label: label.to_owned(),
        ..BlockRow::default()
    };
    match row.kind.as_str() {
        "once" => {
            let start = c.check(parse_local_or_instant("start", &new.start, &tz));
            let end = c.check(parse_local_or_instant("end", &new.end, &tz));
            if let (Some(s), Some(e)) = (start, end) {
                if e <= s {
                    c.push(InvalidInput::new("end", "The end must be after the start."));
                } else if e.duration_since(s) > SignedDuration::from_hours(24 * 366) {
                    c.push(InvalidInput::new(
                        "end",
                        "Time off can last at most a year; use whole days for longer.",
                    ));
                }
                row.start_at = Some(s.as_second());
                row.end_at = Some(e.as_second());
            }
        }
        "days" => {
            let from = c.check(parse_date("from", &new.from));
            let until = if new.until.trim().is_empty() {
                from
            } else {
                c.check(parse_date("until", &new.until))
            };
            if let (Some(f), Some(u)) = (from, until) {
                if u < f {
                    c.push(InvalidInput::new(
                        "until",
                        "The last day must not be before the first.",
                    ));
                } else if (u - f).get_days() > 366 {
                    c.push(InvalidInput::new(
                        "until",
                        "Block at most 366 days at a time.",
                    ));
                }
                row.from_date = Some(f.to_string());
                row.until_date = Some(u.to_string());
            }
        }
        "weekly" => {
            let mut days: Vec<i64> = new.weekdays.clone();
            days.sort_unstable();
            days.dedup();
            if days.is_empty() {
                c.push(InvalidInput::new(
                    "weekdays",
                    "Choose at least one weekday.",
                ));
            } else if days.iter().any(|d| weekday_of(*d).is_none()) {
                c.push(InvalidInput::new(
                    "weekdays",
                    "Weekdays are 1 (Monday) to 7 (Sunday).",
                ));
            }
            if let Some((s, e)) = c.check(parse_range(
                "startTime",
                "Time off",
                &new.start_time,
                &new.end_time,
            )) {
                row.start_minute = Some(s);
                row.end_minute = Some(e);
            }
            let from = if new.from.trim().is_empty() {
                Some(local_date(&tz, Timestamp::now()))
            } else {
                c.check(parse_date("from", &new.from))
            };
            let until = if new.until.trim().is_empty() {
                None
            } else {
                c.check(parse_date("until", &new.until))
            };
            if let (Some(f), Some(u)) = (from, until) {
                if u < f {
                    c.push(InvalidInput::new(
                        "until",
                        "The last date must not be before the first.",
                    ));
                }
            }
            row.weekdays = ids_csv(&days);
            row.from_date = from.map(|d| d.to_string());
            row.until_date = until.map(|d| d.to_string());
        }
        _ => c.push(InvalidInput::new(
            "kind",
            "Choose once, days or weekly for the kind of time off.",
        )),
    }
    c.finish()?;
    let mut tx = db.begin_write().await?;
    if store::blocks(&mut *tx, id).await?.len() >= MAX_BLOCKS {
        return Err(AppError::invalid(
            "kind",
            format!("You have {MAX_BLOCKS} entries of time off; remove old ones first."),
        ));
    }
    let saved = store::insert_block(&mut *tx, id, &row).await?;
    tx.commit().await?;
    Ok(block_view(&saved, &tz))
}

pub async fn delete_block(db: &Db, coach: &Account, block_id: i64) -> AppResult<()> {
    match store::delete_block(db.pool(), coach_id(coach)?, block_id).await {
        Err(StoreError::NotFound) => Err(AppError::NotFound("time off")),
        other => Ok(other?),
    }
}

pub async fn policy(db: &Db, coach: &Account) -> AppResult<Policy> {
    Ok(store::policy(db.pool(), coach_id(coach)?).await?.into())
}

pub async fn update_policy(db: &Db, coach: &Account, policy: &Policy) -> AppResult<Policy> {
    let id = coach_id(coach)?;
    let row = policy.validate()?;
    store::update_policy(db.pool(), id, &row).await?;
    Ok(store::policy(db.pool(), id).await?.into())
}

/// A moment given as RFC 3339 or as a date (midnight in `tz`).
fn parse_bound(field: &'static str, raw: &str, tz: &TimeZone) -> Result<Timestamp, InvalidInput> {
    let raw = raw.trim();
    if let Ok(ts) = raw.parse::<Timestamp>() {
        return Ok(ts);
    }
    raw.parse::<Date>()
        .ok()
        .and_then(|d| d.to_zoned(tz.clone()).ok())
        .map(|z| z.timestamp())
        .ok_or_else(|| {
            InvalidInput::new(
                field,
                "Give an RFC 3339 time with offset (2026-12-01T09:00:00+01:00) or a date (2026-12-01).",
            )
        })
}

/// The session type to compute slots for: the one asked for (it must be the coach's and active),
/// else the coach's first active type.
async fn pick_type(db: &Db, coach_id: i64, id: Option<i64>) -> AppResult<Option<SessionTypeRow>> {
    match id {
        Some(id) => match session_types::get(db.pool(), coach_id, id).await {
            Ok(t) if t.archived_at.is_none() => Ok(Some(t)),
            Ok(_) => Err(AppError::invalid(
                "sessionTypeId",
                "This session type is archived; restore it or choose another.",
            )),
            Err(StoreError::NotFound) => Err(AppError::invalid(
                "sessionTypeId",
                "No such session type among yours.",
            )),
            Err(e) => Err(e.into()),
        },
        None => Ok(session_types::list(db.pool(), coach_id, false)
            .await?
            .into_iter()
            .next()),
    }
}

fn query_error(e: QueryError) -> AppError {
    match e {
        QueryError::EmptyRange => AppError::invalid("to", "`to` must be after `from`."),
        QueryError::RangeTooLong => AppError::invalid("to", "Ask for at most 366 days at a time."),
        other => AppError::Internal(anyhow::anyhow!("stored settings are invalid: {other}")),
    }
}

/// Open slots for the coach's own view (`GET /api/availability`).
pub async fn slots(db: &Db, coach: &Account, q: &SlotsQuery) -> AppResult<SlotsView> {
    let id = coach_id(coach)?;
    if q.coach_id.is_some_and(|c| c != id) {
        return Err(AppError::NotFound("coach"));
    }
    let coach_tz = zone(&coach.time_zone);
    let mut c = Checker::default();
    let view_tz = match q.time_zone.as_deref().filter(|z| !z.trim().is_empty()) {
        Some(name) => c.check(jiff::tz::db().get(name.trim()).map_err(|_| {
            InvalidInput::new(
                "timeZone",
                "Use an IANA time zone name such as Europe/Berlin.",
            )
        })),
        None => Some(coach_tz.clone()),
    };
    let now = Timestamp::now();
    let from = match q.from.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(raw) => c.check(parse_bound("from", raw, &coach_tz)),
        None => Some(now),
    };
    let to = match (q.to.as_deref().filter(|s| !s.trim().is_empty()), from) {
        (Some(raw), _) => c.check(parse_bound("to", raw, &coach_tz)),
        (None, Some(f)) => Some(f + SignedDuration::from_hours(14 * 24)),
        (None, None) => None,
    };
    c.finish()?;
    let (Some(view_tz), Some(from), Some(to)) = (view_tz, from, to) else {
        return Err(anyhow::anyhow!("validation passed without values").into());
    };
    let st = pick_type(db, id, q.session_type_id).await?.ok_or_else(|| {
        AppError::invalid(
            "sessionTypeId",
            "Create a session type first: slots are computed for one.",
        )
    })?;
    let policy = Policy::from(store::policy(db.pool(), id).await?).to_core();
    let query = Query {
        session_type: session_spec(&st),
        policy,
        now,
        from,
        to,
        exclude_session: None,
    };
    query.validate().map_err(query_error)?;
    let mut conn = db.pool().acquire().await?;
    let calendar = load_calendar(
        &mut conn,
        id,
        &coach_tz,
        Interval {
            start: from,
            end: to,
        },
        None,
    )
    .await?;
    let found = calendar.availability(&query).map_err(query_error)?;
    Ok(SlotsView {
        coach_id: id,
        coach_time_zone: coach.time_zone.clone(),
        time_zone: view_tz.iana_name().unwrap_or("UTC").to_owned(),
        session_type_id: st.id,
        from: rfc3339(from, &view_tz),
        to: rfc3339(to, &view_tz),
        slots: found
            .slots
            .iter()
            .map(|s| SlotView {
                start: rfc3339(s.start, &view_tz),
                end: rfc3339(s.end, &view_tz),
                seats_left: s.seats_left,
            })
            .collect(),
        busy: found
            .busy
            .iter()
            .map(|b| BusyView {
                start: rfc3339(b.start, &view_tz),
                end: rfc3339(b.end, &view_tz),
            })
            .collect(),
    })
}

/// The next two weeks' open slots as clients would see them, for the saved settings or a draft.
/// A draft that does not validate answers with its field errors, like saving it would.
pub async fn preview(db: &Db, coach: &Account, draft: &Draft) -> AppResult<Preview> {
    let id = coach_id(coach)?;
    let tz = zone(&coach.time_zone);
    let rules = match &draft.rules {
        Some(r) => Some(
            validate_rules(db, id, r)
                .await?
                .iter()
                .filter_map(rule_to_core)
                .collect(),
        ),
        None => None,
    };
    let policy = match &draft.policy {
        Some(p) => {
            p.validate()?;
            p.clone()
        }
        None => store::policy(db.pool(), id).await?.into(),
    };
    let Some(st) = pick_type(db, id, draft.session_type_id).await? else {
        return Ok(Preview {
            session_type_id: None,
            session_type_name: String::new(),
            duration_minutes: 0,
            time_zone: coach.time_zone.clone(),
            days: Vec::new(),
            total: 0,
            empty_reason: Some(
                "Create a session type to see the slots clients will be offered.".into(),
            ),
        });
    };
    let now = Timestamp::now();
    let today = local_date(&tz, now);
    let from = today
        .to_zoned(tz.clone())
        .map(|z| z.timestamp())
        .unwrap_or(now);
    let to = today
        .checked_add(jiff::Span::new().days(14))
        .ok()
        .and_then(|d| d.to_zoned(tz.clone()).ok())
        .map_or(from + SignedDuration::from_hours(14 * 24), |z| {
            z.timestamp()
        });
    let query = Query {
        session_type: session_spec(&st),
        policy: policy.to_core(),
        now,
        from,
        to,
        exclude_session: None,
    };
    let mut conn = db.pool().acquire().await?;
    let calendar = load_calendar(
        &mut conn,
        id,
        &tz,
        Interval {
            start: from,
            end: to,
        },
        rules,
    )
    .await?;
    let found = calendar.availability(&query).map_err(query_error)?;
    let mut days: Vec<PreviewDay> = (0..14)
        .filter_map(|n| today.checked_add(jiff::Span::new().days(n)).ok())
        .map(|d| PreviewDay {
            date: d.to_string(),
            label: d.strftime("%a %d %b").to_string(),
            slots: Vec::new(),
        })
        .collect();
    for slot in &found.slots {
        let local = slot.start.to_zoned(tz.clone());
        let date = local.date().to_string();
        if let Some(day) = days.iter_mut().find(|d| d.date == date) {
            day.slots.push(local.strftime("%H:%M").to_string());
        }
    }
    let total = found.slots.len();
    let empty_reason = (total == 0).then(|| {
        "No open slots in the next two weeks: add weekly hours, or check the notice and horizon."
            .to_owned()
    });
    Ok(Preview {
        session_type_id: Some(st.id),
        session_type_name: st.name,
        duration_minutes: st.duration_minutes,
        time_zone: coach.time_zone.clone(),
        days,
        total,
        empty_reason,
    })
}
