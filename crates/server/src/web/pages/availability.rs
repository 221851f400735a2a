//! The coach's Availability page: weekly hours, date overrides, time off and booking rules, with
//! a preview of the next two weeks' open slots beside them (refreshed live by
//! `assets/availability.js` through `/admin/availability/preview`, rendered here without it).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use coachbook_core::availability::{week_start, WeeklyRule};
use coachbook_core::time::local_date;
use coachbook_core::validate::InvalidInput;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::{form_errors, render, set_notice, FieldErrors, Numbers, Shell};
use crate::app::accounts::Coach;
use crate::app::availability::{
    self, boundary_label, BlockInput, Draft, HoursChange, PolicyInput, Preview, RangeInput,
    WindowInput, WEEKDAY_FIELDS,
};
use crate::app::bookings::Booking;
use crate::app::i18n::{self, Arg, Tr};
use crate::app::session_types::{self, SessionType};
use crate::app::AppError;
use crate::store::availability::StoredBlock;
use crate::web::api::availability::{BlockView, DateOverrideView};
use crate::web::assets::asset_url;
use crate::web::dates;
use crate::web::error::{PageResult, Public};
use crate::web::extract::{PageCoach, PageForm};
use crate::web::AppState;
use coachbook_core::availability::Block;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/availability", get(availability_get))
        .route("/admin/availability/hours", post(hours_post))
        .route("/admin/availability/policy", post(policy_post))
        .route("/admin/availability/overrides", post(override_post))
        .route(
            "/admin/availability/overrides/{date}/delete",
            post(override_delete_post),
        )
        .route("/admin/availability/time-off", post(block_post))
        .route(
            "/admin/availability/time-off/{id}/delete",
            post(block_delete_post),
        )
        .route("/admin/availability/preview", post(preview_post))
}

const PAGE: &str = "/admin/availability";

/// The slot intervals offered; a saved value outside them (set through the API) is kept.
const INTERVALS: [i64; 9] = [5, 10, 15, 20, 30, 45, 60, 90, 120];

/// A form body as name/value pairs in document order: the weekly form repeats its names (one
/// `start-monday` per window), which a struct cannot hold.
struct Fields(Vec<(String, String)>);

impl Fields {
    fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    fn has(&self, name: &str, value: &str) -> bool {
        self.0.iter().any(|(k, v)| k == name && v == value)
    }
}

// ---------------------------------------------------------------------------------------------
// Weekly hours, as the form holds them.

/// One window row. `scope` carries what the page does not edit (session types and dates a window
/// is limited to, set through the API) as `ids|from|until`, so saving the week keeps it.
#[derive(Clone, Default)]
pub struct WindowForm {
    pub start: String,
    pub end: String,
    pub scope: String,
    pub blank: bool,
    /// Repeats every this many weeks, as typed ("1" = every week).
    pub every: String,
    /// "Starting the week of" (`YYYY-MM-DD`), or empty.
    pub anchor: String,
}

impl WindowForm {
    fn blank() -> Self {
        Self {
            scope: "||".into(),
            blank: true,
            every: "1".into(),
            ..Self::default()
        }
    }

    fn is_empty(&self) -> bool {
        self.start.trim().is_empty() && self.end.trim().is_empty()
    }

    fn from_rule(w: &WindowInput) -> Self {
        let ids = w
            .session_type_ids
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        Self {
            start: w.start.clone(),
            // A time input cannot hold 24:00; 00:00 as an end means midnight.
            end: if w.end == "24:00" {
                "00:00".into()
            } else {
                w.end.clone()
            },
            scope: format!(
                "{ids}|{}|{}",
                w.valid_from.as_deref().unwrap_or_default(),
                w.valid_until.as_deref().unwrap_or_default()
            ),
            blank: false,
            every: w.every_weeks.unwrap_or(1).to_string(),
            anchor: w.anchor_date.clone().unwrap_or_default(),
        }
    }

    /// The "Every week / Every 2 weeks / …" choices, with this window's own when set elsewhere
    /// (the API allows up to 8): (value, label, selected).
    pub fn every_options(&self) -> Vec<(String, String, bool)> {
        let current = self.every.trim();
        let mut values: Vec<String> = (1..=4).map(|n: i64| n.to_string()).collect();
        if !current.is_empty() && !values.iter().any(|v| v == current) {
            values.push(current.to_owned());
        }
        values
            .into_iter()
            .map(|v| {
                let n: Arg<'_> = match v.parse::<i64>() {
                    Ok(n) => n.into(),
                    Err(_) => v.as_str().into(),
                };
                let label = Tr::current().args("avail-every", &[("count", n)]);
                let selected = v == current || (current.is_empty() && v == "1");
                (v, label, selected)
            })
            .collect()
    }

    fn to_rule(&self, weekday: i64) -> WindowInput {
        let mut parts = self.scope.split('|');
        let ids = parts
            .next()
            .unwrap_or_default()
            .split(',')
            .filter_map(|s| s.trim().parse().ok())
            .collect();
        let date = |s: Option<&str>| {
            s.map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        WindowInput {
            weekday,
            start: self.start.trim().to_owned(),
            end: self.end.trim().to_owned(),
            session_type_ids: ids,
            valid_from: date(parts.next()),
            valid_until: date(parts.next()),
            // Anything typed that is not a number is refused by the check, not taken as 1.
            every_weeks: match self.every.trim() {
                "" => None,
                n => Some(n.parse().unwrap_or(0)),
            },
            anchor_date: date(Some(&self.anchor)),
        }
    }

    /// "Only Coaching · from 2027-01-04", or empty for a plain window.
    pub fn scope_label(&self, types: &[SessionType]) -> String {
        let rule = self.to_rule(1);
        let tr = Tr::current();
        let mut parts = Vec::new();
        if !rule.session_type_ids.is_empty() {
            let names: Vec<String> = rule
                .session_type_ids
                .iter()
                .map(|id| {
                    types
                        .iter()
                        .find(|t| t.id == *id)
                        .map_or_else(|| tr.t1("avail-scope-type", "id", *id), |t| t.name.clone())
                })
                .collect();
            parts.push(tr.t1("avail-scope-only", "names", names.join(", ")));
        }
        if let Some(f) = rule.valid_from {
            parts.push(tr.t1("avail-scope-from", "date", f));
        }
        if let Some(u) = rule.valid_until {
            parts.push(tr.t1("avail-scope-until", "date", u));
        }
        parts.join(" · ")
    }
}

/// The message ids of the weekdays' names, Monday first.
const DAY_NAMES: [&str; 7] = [
    i18n::msg("avail-day-1"),
    i18n::msg("avail-day-2"),
    i18n::msg("avail-day-3"),
    i18n::msg("avail-day-4"),
    i18n::msg("avail-day-5"),
    i18n::msg("avail-day-6"),
    i18n::msg("avail-day-7"),
];

/// The message ids of "Mondays" … "Sundays", Monday first.
const DAYS_PLURAL: [&str; 7] = [
    i18n::msg("avail-days-1"),
    i18n::msg("avail-days-2"),
    i18n::msg("avail-days-3"),
    i18n::msg("avail-days-4"),
    i18n::msg("avail-days-5"),
    i18n::msg("avail-days-6"),
    i18n::msg("avail-days-7"),
];

/// The message ids of "Mon" … "Sun", Monday first.
const DAYS_SHORT: [&str; 7] = [
    i18n::msg("avail-day-short-1"),
    i18n::msg("avail-day-short-2"),
    i18n::msg("avail-day-short-3"),
    i18n::msg("avail-day-short-4"),
    i18n::msg("avail-day-short-5"),
    i18n::msg("avail-day-short-6"),
    i18n::msg("avail-day-short-7"),
];

/// The name of weekday `index` (0 = Monday) from one of the tables above.
fn day_word(tr: Tr, table: &[&str; 7], index: usize) -> String {
    table.get(index).map_or_else(String::new, |id| tr.t(id))
}

pub struct DayForm {
    pub key: &'static str,
    /// The day's name in the reader's language.
    pub name: String,
    pub available: bool,
    pub windows: Vec<WindowForm>,
    /// (key, name) of the other days, for "Copy to".
    pub others: Vec<(&'static str, String)>,
}

impl DayForm {
    fn new(index: usize) -> Self {
        let tr = Tr::current();
        Self {
            key: WEEKDAY_FIELDS[index],
            name: day_word(tr, &DAY_NAMES, index),
            available: false,
            windows: Vec::new(),
            others: (0..7)
                .filter(|i| *i != index)
                .map(|i| (WEEKDAY_FIELDS[i], day_word(tr, &DAY_NAMES, i)))
                .collect(),
        }
    }

    /// The rows to show: the windows plus one blank row, so a window can be added without
    /// JavaScript (the script removes the blank row and offers "Add window" instead).
    pub fn rows(&self) -> Vec<WindowForm> {
        let mut rows: Vec<WindowForm> = self
            .windows
            .iter()
            .filter(|w| !w.is_empty())
            .cloned()
            .collect();
        rows.push(WindowForm::blank());
        rows
    }
}

fn week_from_rules(rules: &[WindowInput]) -> Vec<DayForm> {
    let mut week: Vec<DayForm> = (0..7).map(DayForm::new).collect();
    for r in rules {
        if let Some(day) = usize::try_from(r.weekday - 1)
            .ok()
            .and_then(|i| week.get_mut(i))
        {
            day.available = true;
            day.windows.push(WindowForm::from_rule(r));
        }
    }
    week
}

fn week_from_form(f: &Fields) -> Vec<DayForm> {
    let mut week: Vec<DayForm> = (0..7).map(DayForm::new).collect();
    for day in &mut week {
        day.available = f.has("day", day.key);
        let starts = f.all(&format!("start-{}", day.key));
        let ends = f.all(&format!("end-{}", day.key));
        let scopes = f.all(&format!("scope-{}", day.key));
        let everys = f.all(&format!("every-{}", day.key));
        let anchors = f.all(&format!("anchor-{}", day.key));
        for (i, start) in starts.iter().enumerate() {
            let w = WindowForm {
                start: (*start).to_owned(),
                end: ends.get(i).copied().unwrap_or_default().to_owned(),
                scope: scopes.get(i).copied().unwrap_or("||").to_owned(),
                blank: false,
                every: everys.get(i).copied().unwrap_or("1").to_owned(),
                anchor: anchors.get(i).copied().unwrap_or_default().to_owned(),
            };
            if !w.is_empty() {
                day.windows.push(w);
            }
        }
    }
    week
}

/// The week to save, or errors beside the days that are incomplete.
fn week_to_hours(week: &[DayForm]) -> Result<Vec<WindowInput>, AppError> {
    let tr = Tr::current();
    let mut errors = Vec::new();
    let mut rules = Vec::new();
    for (i, day) in week.iter().enumerate() {
        if !day.available {
            continue;
        }
        if day.windows.is_empty() {
            errors.push(InvalidInput::new(
                day.key,
                tr.t1("avail-day-empty", "day", &day.name),
            ));
            continue;
        }
        if day
            .windows
            .iter()
            .any(|w| w.start.trim().is_empty() || w.end.trim().is_empty())
        {
            errors.push(InvalidInput::new(
                day.key,
                tr.t1("avail-day-incomplete", "day", &day.name),
            ));
            continue;
        }
        let weekday = i64::try_from(i + 1).unwrap_or(1);
        rules.extend(day.windows.iter().map(|w| w.to_rule(weekday)));
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// "Mondays 09:00–12:00", with ", every 2nd week from 7 Dec" for a window that skips weeks
/// (the first date it applies on or after its anchor's week; the year only when not this year's).
pub fn summary_line(rule: &WeeklyRule, today: Date) -> String {
    let tr = Tr::current();
    let w = WindowInput::from(rule);
    let index = usize::from(rule.weekday.to_monday_zero_offset().unsigned_abs());
    let days = day_word(tr, &DAYS_PLURAL, index);
    if let (n @ 2.., Some(anchor)) = (rule.every_weeks, rule.cycle_anchor()) {
        let offset = i64::from(rule.weekday.to_monday_zero_offset());
        let first = week_start(anchor)
            .checked_add(jiff::Span::new().days(offset))
            .unwrap_or(anchor);
        let from = if first.year() == today.year() {
            dates::day_month(first)
        } else {
            dates::day_month_year(first)
        };
        tr.args(
            "avail-summary-cycle",
            &[
                ("days", days.into()),
                ("start", w.start.as_str().into()),
                ("end", w.end.as_str().into()),
                ("count", i64::from(n).into()),
                ("date", from.into()),
            ],
        )
    } else {
        tr.args(
            "avail-summary",
            &[
                ("days", days.into()),
                ("start", w.start.as_str().into()),
                ("end", w.end.as_str().into()),
            ],
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Booking rules in friendly units.

#[derive(Deserialize, Default, Clone)]
#[serde(rename_all = "camelCase", default)]
pub struct PolicyForm {
    pub min_notice: String,
    pub min_notice_unit: String,
    pub max_days_ahead: String,
    pub slot_interval_minutes: String,
    pub max_sessions_per_day: String,
    pub max_sessions_per_week: String,
    pub cancellation_cutoff: String,
    pub cancellation_cutoff_unit: String,
    pub reschedule_cutoff: String,
    pub reschedule_cutoff_unit: String,
}

/// The longest minimum notice and cut-offs the use case takes: a year, in minutes (365 days,
/// 8760 hours). A test holds it to the use case's own limit.
const POLICY_MAX_MINUTES: i64 = 525_600;

/// Minutes as the largest unit that holds them exactly: 2880 -> ("2", "days").
fn in_units(minutes: i64) -> (String, String) {
    if minutes != 0 && minutes % 1440 == 0 {
        ((minutes / 1440).to_string(), "days".into())
    } else if minutes != 0 && minutes % 60 == 0 {
        ((minutes / 60).to_string(), "hours".into())
    } else {
        (minutes.to_string(), "minutes".into())
    }
}

impl PolicyForm {
    fn from_policy(p: &PolicyInput) -> Self {
        let (min_notice, min_notice_unit) = in_units(p.min_notice_minutes);
        let (cancellation_cutoff, cancellation_cutoff_unit) =
            in_units(p.cancellation_cutoff_minutes);
        let (reschedule_cutoff, reschedule_cutoff_unit) = in_units(p.reschedule_cutoff_minutes);
        let limit = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        Self {
            min_notice,
            min_notice_unit,
            max_days_ahead: p.max_days_ahead.to_string(),
            slot_interval_minutes: p.slot_interval_minutes.to_string(),
            max_sessions_per_day: limit(p.max_sessions_per_day),
            max_sessions_per_week: limit(p.max_sessions_per_week),
            cancellation_cutoff,
            cancellation_cutoff_unit,
            reschedule_cutoff,
            reschedule_cutoff_unit,
        }
    }

    fn from_fields(f: &Fields) -> Self {
        let s = |name: &str| f.get(name).to_owned();
        Self {
            min_notice: s("minNotice"),
            min_notice_unit: s("minNoticeUnit"),
            max_days_ahead: s("maxDaysAhead"),
            slot_interval_minutes: s("slotIntervalMinutes"),
            max_sessions_per_day: s("maxSessionsPerDay"),
            max_sessions_per_week: s("maxSessionsPerWeek"),
            cancellation_cutoff: s("cancellationCutoff"),
            cancellation_cutoff_unit: s("cancellationCutoffUnit"),
            reschedule_cutoff: s("rescheduleCutoff"),
            reschedule_cutoff_unit: s("rescheduleCutoffUnit"),
        }
    }

    /// The policy, with errors keyed by the API's field names (the range checks are the app's).
    fn parse(&self) -> Result<PolicyInput, AppError> {
        let mut n = Numbers::default();
        let scaled = |v: i64, unit: &str| match unit {
            "days" => v.saturating_mul(1440),
            "hours" => v.saturating_mul(60),
            _ => v,
        };
        let no_limit = ", or leave it empty for no limit";
        let policy = PolicyInput {
            min_notice_minutes: scaled(
                n.whole("minNoticeMinutes", &self.min_notice),
                &self.min_notice_unit,
            ),
            max_days_ahead: n.whole("maxDaysAhead", &self.max_days_ahead),
            slot_interval_minutes: n.whole("slotIntervalMinutes", &self.slot_interval_minutes),
            max_sessions_per_day: n.optional(
                "maxSessionsPerDay",
                &self.max_sessions_per_day,
                no_limit,
            ),
            max_sessions_per_week: n.optional(
                "maxSessionsPerWeek",
                &self.max_sessions_per_week,
                no_limit,
            ),
            cancellation_cutoff_minutes: scaled(
                n.whole("cancellationCutoffMinutes", &self.cancellation_cutoff),
                &self.cancellation_cutoff_unit,
            ),
            reschedule_cutoff_minutes: scaled(
                n.whole("rescheduleCutoffMinutes", &self.reschedule_cutoff),
                &self.reschedule_cutoff_unit,
            ),
        };
        n.finish(policy)
    }

    /// The use case's range errors for the three values typed with a unit, worded in the unit the
    /// coach chose ("between 0 and 8760 hours"), not in the minutes they are kept in.
    fn in_typed_units(&self, err: AppError) -> AppError {
        let AppError::Invalid(mut errors) = err else {
            return err;
        };
        let tr = Tr::current();
        for e in &mut errors {
            let (id, unit) = match e.field {
                "minNoticeMinutes" => ("avail-range-min-notice", &self.min_notice_unit),
                "cancellationCutoffMinutes" => {
                    ("avail-range-cancellation", &self.cancellation_cutoff_unit)
                }
                "rescheduleCutoffMinutes" => {
                    ("avail-range-reschedule", &self.reschedule_cutoff_unit)
                }
                _ => continue,
            };
            let (per, unit) = match unit.as_str() {
                "days" => (1440, "days"),
                "hours" => (60, "hours"),
                _ => (1, "minutes"),
            };
            e.reword(tr.t2(id, "max", POLICY_MAX_MINUTES / per, "unit", unit));
        }
        AppError::Invalid(errors)
    }

    /// The interval options, with a non-standard saved value kept.
    pub fn intervals(&self) -> Vec<String> {
        let mut v: Vec<i64> = INTERVALS.to_vec();
        if let Ok(current) = self.slot_interval_minutes.trim().parse::<i64>() {
            if !v.contains(&current) {
                v.push(current);
                v.sort_unstable();
            }
        }
        v.iter().map(i64::to_string).collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Date overrides and time off.

#[derive(Default, Clone)]
pub struct OverrideForm {
    pub date: String,
    pub closed: bool,
    pub windows: Vec<RangeInput>,
}

impl OverrideForm {
    fn from_fields(f: &Fields) -> Self {
        let ends = f.all("end");
        let windows = f
            .all("start")
            .iter()
            .enumerate()
            .map(|(i, s)| RangeInput {
                start: (*s).to_owned(),
                end: ends.get(i).copied().unwrap_or_default().to_owned(),
            })
            .filter(|w| !(w.start.trim().is_empty() && w.end.trim().is_empty()))
            .collect();
        Self {
            date: f.get("date").to_owned(),
            closed: f.get("mode") == "closed",
            windows,
        }
    }

    /// Two rows at least, so a split day can be entered without JavaScript.
    pub fn rows(&self) -> Vec<RangeInput> {
        let mut rows = self.windows.clone();
        while rows.len() < 2 {
            rows.push(RangeInput::default());
        }
        rows
    }
}

/// The time-off forms hold what the use case takes, as typed.
pub type BlockForm = BlockInput;

/// Reading and showing the time-off forms (the same fields as the API's new time off).
impl BlockInput {
    fn from_fields(f: &Fields) -> Self {
        Self {
            kind: f.get("kind").to_owned(),
            start: f.get("start").to_owned(),
            end: f.get("end").to_owned(),
            from: f.get("from").to_owned(),
            until: f.get("until").to_owned(),
            weekdays: f
                .all("weekdays")
                .iter()
                .filter_map(|d| d.parse().ok())
                .collect(),
            start_time: f.get("startTime").to_owned(),
            end_time: f.get("endTime").to_owned(),
            label: f.get("label").to_owned(),
        }
    }

    /// What the form of `kind` shows: the submitted values if that form was sent.
    pub fn of(&self, kind: &str) -> Self {
        if self.kind == kind {
            self.clone()
        } else {
            Self::default()
        }
    }

    pub fn has_day(&self, day: i64) -> bool {
        self.weekdays.contains(&day)
    }
}

// ---------------------------------------------------------------------------------------------
// The page.

/// Which form on the page was sent back with errors (and what it held).
#[derive(Default)]
enum Sent {
    #[default]
    Nothing,
    Hours(Vec<DayForm>, FieldErrors, Option<String>),
    PolicyInput(PolicyForm, FieldErrors),
    Override(OverrideForm, FieldErrors),
    Block(BlockForm, FieldErrors),
}

#[derive(Template)]
#[template(path = "pages/availability.html")]
struct AvailabilityPage {
    shell: Shell,
    script: String,
    time_zone: String,
    /// The section a flash notice belongs to (`?saved=`), shown there instead of at the top.
    notice: Option<String>,
    notice_at: String,
    has_hours: bool,
    /// The saved weekly hours in words, one line a window.
    hours_summary: Vec<String>,
    week: Vec<DayForm>,
    hours_errors: FieldErrors,
    hours_message: Option<String>,
    policy: PolicyForm,
    policy_errors: FieldErrors,
    overrides: Vec<DateOverrideView>,
    override_form: OverrideForm,
    override_errors: FieldErrors,
    blocks: Vec<BlockView>,
    block_form: BlockForm,
    block_errors: FieldErrors,
    types: Vec<SessionType>,
    preview: PreviewView,
    /// Booked sessions the change just sent would hit, asked about before saving it.
    warning: Option<Warning>,
}

/// The question asked before a change that hits booked sessions is saved.
pub struct Warning {
    /// The form it belongs to: `hours`, `overrides`, or the kind of time off (`days`, `once`,
    /// `weekly`).
    pub at: String,
    /// The message id of what the change does to them ("… outside your new weekly hours").
    pub why: &'static str,
    pub rows: Vec<Affected>,
}

/// A booked session the change would hit, as the warning lists it (the coach's own page: the
/// participant is named).
pub struct Affected {
    pub id: i64,
    pub day: String,
    pub time: String,
    pub session_type_name: String,
    pub name: String,
    pub status: coachbook_core::booking::BookingStatus,
}

impl Warning {
    fn new(at: &str, why: &'static str, booked: Vec<Booking>, coach: &Coach) -> Self {
        Self {
            at: at.to_owned(),
            why,
            rows: booked
                .into_iter()
                .map(|b| Affected {
                    id: b.id,
                    day: dates::day(b.start, &coach.zone),
                    time: dates::time_range(b.start, b.end, &coach.zone),
                    session_type_name: b.session_type_name,
                    name: b.name,
                    status: b.status,
                })
                .collect(),
        }
    }
}

/// Whether the form says "save anyway" to the question about booked sessions.
fn confirmed(f: &Fields) -> bool {
    f.get("confirm") == "yes"
}

/// The booked sessions `change` would hit, unless the coach already said to save anyway. A
/// change that does not validate is left to the save, which names its fields.
async fn warn(
    state: &AppState,
    coach: &Coach,
    f: &Fields,
    change: HoursChange,
) -> PageResult<Vec<Booking>> {
    if confirmed(f) {
        return Ok(Vec::new());
    }
    match availability::impact(state.ctx(), coach, &change).await {
        Ok(booked) => Ok(booked),
        Err(AppError::Invalid(_)) => Ok(Vec::new()),
        Err(e) => Err(e.into()),
    }
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

/// The preview as the page shows it and the script receives it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PreviewView {
    pub session_type_id: Option<i64>,
    pub session_type_name: String,
    pub duration_minutes: i64,
    pub time_zone: String,
    pub days: Vec<PreviewDay>,
    pub total: usize,
    /// Why there is nothing to show, when there is nothing.
    pub empty_reason: Option<String>,
}

impl PreviewView {
    fn new(p: Preview, coach: &Coach) -> Self {
        let tr = Tr::current();
        let empty_reason = match (&p.session_type, p.total) {
            (None, _) => Some(tr.t("avail-preview-no-type")),
            (Some(_), 0) => Some(tr.t("avail-preview-none")),
            _ => None,
        };
        let tz = coach.zone.tz();
        Self {
            session_type_id: p.session_type.as_ref().map(|t| t.id),
            session_type_name: p
                .session_type
                .as_ref()
                .map(|t| t.name.clone())
                .unwrap_or_default(),
            duration_minutes: p.session_type.as_ref().map_or(0, |t| t.duration_minutes),
            time_zone: coach.zone.name().to_owned(),
            days: p
                .days
                .iter()
                .map(|(date, starts)| PreviewDay {
                    date: date.to_string(),
                    label: dates::weekday_day_month(*date),
                    slots: starts
                        .iter()
                        .map(|t| t.to_zoned(tz.clone()).strftime("%H:%M").to_string())
                        .collect(),
                })
                .collect(),
            total: p.total,
            empty_reason,
        }
    }
}

impl AvailabilityPage {
    /// The error for `field` of the time-off form of `kind`, if that one was sent.
    fn block_error(&self, kind: &str, field: &str) -> Option<&str> {
        if self.block_form.kind == kind {
            self.block_errors.get(field)
        } else {
            None
        }
    }

    fn is_previewed(&self, id: &i64) -> bool {
        self.preview.session_type_id == Some(*id)
    }

    /// "Mon" for 1 … "Sun" for 7.
    fn weekday_name(&self, n: i64) -> String {
        usize::try_from(n - 1)
            .ok()
            .map_or_else(String::new, |i| day_word(self.shell.tr, &DAYS_SHORT, i))
    }

    /// The coach's zone, escaped for the lead sentence (which holds a link).
    fn zone_html(&self) -> String {
        super::calendar::escape_html(&self.time_zone)
    }

    /// "15 minutes" for a slot interval choice.
    fn minutes(&self, v: &str) -> String {
        let n: Arg<'_> = match v.parse::<i64>() {
            Ok(n) => n.into(),
            Err(_) => v.into(),
        };
        self.shell.tr.args("avail-minutes", &[("count", n)])
    }

    /// The sentence that asks about the booked sessions a change would hit.
    fn affected(&self, w: &Warning) -> String {
        self.shell.tr.t1(w.why, "count", w.rows.len())
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PageQuery {
    #[serde(rename = "type")]
    session_type: String,
    saved: String,
}

async fn page(
    state: &AppState,
    session: &Session,
    coach: &Coach,
    query: &PageQuery,
    sent: Sent,
) -> PageResult<Response> {
    let (page, status) = build(state, session, coach, query, sent).await?;
    render(status, &page)
}

/// The page with the form as sent and the question about the booked sessions it would hit
/// (409: nothing was saved).
async fn warned(
    state: &AppState,
    session: &Session,
    coach: &Coach,
    sent: Sent,
    warning: Warning,
) -> PageResult<Response> {
    let (mut page, _) = build(state, session, coach, &PageQuery::default(), sent).await?;
    page.warning = Some(warning);
    render(StatusCode::CONFLICT, &page)
}

async fn build(
    state: &AppState,
    session: &Session,
    coach: &Coach,
    query: &PageQuery,
    sent: Sent,
) -> PageResult<(AvailabilityPage, StatusCode)> {
    let db = state.ctx();
    let tr = Tr::current();
    let mut shell = Shell::for_coach(tr.t("avail-title"), coach, PAGE, session).await;
    let schedule = availability::schedule(db, coach).await?;
    let types = session_types::list(db, coach, false).await?;
    let draft = Draft {
        session_type_id: query.session_type.trim().parse().ok(),
        ..Draft::default()
    };
    // A stale or foreign `?type=` falls back to the first session type.
    let preview = match availability::preview(db, coach, &draft).await {
        Err(AppError::Invalid(_)) => availability::preview(db, coach, &Draft::default()).await?,
        other => other?,
    };
    let today = local_date(coach.zone.tz(), state.clock().now());
    let notice_at = match query.saved.as_str() {
        s @ ("hours" | "rules" | "overrides" | "time-off") => s.to_owned(),
        _ => String::new(),
    };
    let notice = if notice_at.is_empty() {
        None
    } else {
        shell.notice.take()
    };
    let mut page = AvailabilityPage {
        shell,
        script: asset_url("availability.js"),
        time_zone: coach.zone.name().to_owned(),
        notice,
        notice_at,
        has_hours: !schedule.rules.is_empty(),
        hours_summary: schedule
            .rules
            .iter()
            .map(|r| summary_line(r, today))
            .collect(),
        week: week_from_rules(
            &schedule
                .rules
                .iter()
                .map(WindowInput::from)
                .collect::<Vec<_>>(),
        ),
        hours_errors: FieldErrors::default(),
        hours_message: None,
        policy: PolicyForm::from_policy(&PolicyInput::from(&schedule.policy)),
        policy_errors: FieldErrors::default(),
        overrides: schedule
            .overrides
            .iter()
            .filter(|o| o.date >= today)
            .map(DateOverrideView::from)
            .collect(),
        override_form: OverrideForm::default(),
        override_errors: FieldErrors::default(),
        blocks: schedule
            .blocks
            .iter()
            .map(|b| BlockView {
                summary: block_summary(tr, b, &coach.zone),
                ..BlockView::new(b, &coach.zone)
            })
            .collect(),
        block_form: BlockForm::default(),
        block_errors: FieldErrors::default(),
        types,
        preview: PreviewView::new(preview, coach),
        warning: None,
    };
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    match sent {
        Sent::Nothing => status = StatusCode::OK,
        Sent::Hours(week, errors, message) => {
            if errors.is_empty() {
                status = StatusCode::OK;
            }
            page.week = week;
            page.hours_errors = errors;
            page.hours_message = message;
        }
        Sent::PolicyInput(form, errors) => {
            page.policy = form;
            page.policy_errors = errors;
        }
        Sent::Override(form, errors) => {
            page.override_form = form;
            page.override_errors = errors;
        }
        Sent::Block(form, errors) => {
            page.block_form = form;
            page.block_errors = errors;
        }
    }
    Ok((page, status))
}

async fn availability_get(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Query(query): Query<PageQuery>,
) -> PageResult<Response> {
    page(&state, &session, &coach, &query, Sent::Nothing).await
}

/// Back to the page, at the section that changed, with a notice shown there.
async fn saved(session: &Session, section: &str, message: &str) -> Response {
    set_notice(session, message).await;
    Redirect::to(&format!("{PAGE}?saved={section}#{section}")).into_response()
}

fn list_names(tr: Tr, names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => tr.t2("avail-list-and", "rest", rest.join(", "), "last", last),
    }
}

/// A time off in words, e.g. "Every Fri 12:00–24:00 from Fri 4 Dec 2026" (the page's; the API's
/// own `summary` stays English).
fn block_summary(tr: Tr, b: &StoredBlock, zone: &coachbook_core::time::Zone) -> String {
    match &b.block {
        Block::OneOff { start, end } => tr.t2(
            "avail-block-once",
            "start",
            dates::day_time(*start, zone),
            "end",
            dates::day_time(*end, zone),
        ),
        Block::Days { from, until } if from == until => {
            tr.t1("avail-block-day", "day", dates::date(*from))
        }
        Block::Days { from, until } => tr.t2(
            "avail-block-days",
            "from",
            dates::date(*from),
            "until",
            dates::date(*until),
        ),
        Block::Weekly {
            weekdays,
            start,
            end,
            from,
            until,
        } => {
            let days = weekdays
                .iter()
                .map(|d| {
                    let i = usize::from(d.to_monday_zero_offset().unsigned_abs());
                    day_word(tr, &DAYS_SHORT, i)
                })
                .collect::<Vec<_>>()
                .join(", ");
            let mut args = vec![
                ("days", Arg::from(days)),
                ("start", boundary_label(*start, false).into()),
                ("end", boundary_label(*end, true).into()),
                ("from", dates::date(*from).into()),
            ];
            match until {
                Some(u) => {
                    args.push(("until", dates::date(*u).into()));
                    tr.args("avail-block-weekly-until", &args)
                }
                None => tr.args("avail-block-weekly", &args),
            }
        }
    }
}

/// Saves the whole week, or (the `copy` button) copies one day's windows to the days ticked
/// beside it and shows the result unsaved, as the script does in the browser.
async fn hours_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    PageForm(pairs): PageForm<Vec<(String, String)>>,
) -> PageResult<Response> {
    let f = Fields(pairs);
    let tr = Tr::current();
    let mut week = week_from_form(&f);
    let query = PageQuery::default();
    let source = f.get("copy");
    if let Some(from) = week.iter().position(|d| d.key == source) {
        let targets: Vec<&str> = f.all(&format!("copyto-{source}"));
        let (available, windows) = (week[from].available, week[from].windows.clone());
        let mut copied = Vec::new();
        for day in week.iter_mut().filter(|d| targets.contains(&d.key)) {
            day.available = available;
            day.windows = windows.clone();
            copied.push(day.name.clone());
        }
        let name = day_word(tr, &DAY_NAMES, from);
        let message = if copied.is_empty() {
            tr.t1("avail-copy-none", "day", name)
        } else {
            tr.t2("avail-copied", "day", name, "days", list_names(tr, &copied))
        };
        return page(
            &state,
            &session,
            &coach,
            &query,
            Sent::Hours(week, FieldErrors::default(), Some(message)),
        )
        .await;
    }
    if let Ok(hours) = week_to_hours(&week) {
        let booked = warn(&state, &coach, &f, HoursChange::WeeklyHours(hours)).await?;
        if !booked.is_empty() {
            let why = i18n::msg("avail-affected-hours");
            let warning = Warning::new("hours", why, booked, &coach);
            let sent = Sent::Hours(week, FieldErrors::default(), None);
            return warned(&state, &session, &coach, sent, warning).await;
        }
    }
    let result = match week_to_hours(&week) {
        Ok(hours) => availability::replace_rules(state.ctx(), &coach, &hours).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(rules) if rules.is_empty() => {
            Ok(saved(&session, "hours", &tr.t("avail-saved-no-hours")).await)
        }
        Ok(_) => Ok(saved(&session, "hours", &tr.t("avail-saved-hours")).await),
        Err(e) => {
            let errors = form_errors(e)?;
            page(
                &state,
                &session,
                &coach,
                &query,
                Sent::Hours(week, errors, None),
            )
            .await
        }
    }
}

async fn policy_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    PageForm(pairs): PageForm<Vec<(String, String)>>,
) -> PageResult<Response> {
    let form = PolicyForm::from_fields(&Fields(pairs));
    let result = match form.parse() {
        Ok(p) => availability::update_policy(state.ctx(), &coach, &p)
            .await
            .map_err(|e| form.in_typed_units(e)),
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(saved(&session, "rules", &Tr::current().t("avail-saved-rules")).await),
        Err(e) => {
            let sent = Sent::PolicyInput(form, form_errors(e)?);
            page(&state, &session, &coach, &PageQuery::default(), sent).await
        }
    }
}

async fn override_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    PageForm(pairs): PageForm<Vec<(String, String)>>,
) -> PageResult<Response> {
    let f = Fields(pairs);
    let form = OverrideForm::from_fields(&f);
    if form.closed || !form.windows.is_empty() {
        let windows = if form.closed {
            Vec::new()
        } else {
            form.windows.clone()
        };
        let change = HoursChange::DateOverride {
            date: form.date.clone(),
            windows,
        };
        let booked = warn(&state, &coach, &f, change).await?;
        if !booked.is_empty() {
            let why = if form.closed {
                i18n::msg("avail-affected-closed")
            } else {
                i18n::msg("avail-affected-override")
            };
            let warning = Warning::new("overrides", why, booked, &coach);
            let sent = Sent::Override(form, FieldErrors::default());
            return warned(&state, &session, &coach, sent, warning).await;
        }
    }
    let result = if !form.closed && form.windows.is_empty() {
        Err(AppError::from(
            InvalidInput::new(
                "windows",
                "Give the hours for this date, or choose Closed all day.",
            )
            .key("validate-give-hours-date-choose"),
        ))
    } else {
        let windows = if form.closed {
            Vec::new()
        } else {
            form.windows.clone()
        };
        availability::set_override(state.ctx(), &coach, &form.date, &windows).await
    };
    match result {
        Ok(o) => {
            let tr = Tr::current();
            let what = if o.windows.is_empty() {
                tr.t2(
                    "avail-saved-closed",
                    "date",
                    o.date.to_string(),
                    "day",
                    dates::date(o.date),
                )
            } else {
                tr.t2(
                    "avail-saved-override",
                    "date",
                    o.date.to_string(),
                    "day",
                    dates::date(o.date),
                )
            };
            Ok(saved(&session, "overrides", &what).await)
        }
        Err(e) => {
            let sent = Sent::Override(form, form_errors(e)?);
            page(&state, &session, &coach, &PageQuery::default(), sent).await
        }
    }
}

async fn override_delete_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(date): Path<String>,
) -> PageResult<Response> {
    availability::delete_override(state.ctx(), &coach, &date).await?;
    Ok(saved(
        &session,
        "overrides",
        &Tr::current().t2(
            "avail-removed-override",
            "date",
            &date,
            "day",
            dates::date_iso(&date),
        ),
    )
    .await)
}

async fn block_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    PageForm(pairs): PageForm<Vec<(String, String)>>,
) -> PageResult<Response> {
    let f = Fields(pairs);
    let form = BlockForm::from_fields(&f);
    let booked = warn(&state, &coach, &f, HoursChange::TimeOff(form.clone())).await?;
    if !booked.is_empty() {
        let why = i18n::msg("avail-affected-time-off");
        let warning = Warning::new(&form.kind, why, booked, &coach);
        let sent = Sent::Block(form, FieldErrors::default());
        return warned(&state, &session, &coach, sent, warning).await;
    }
    match availability::create_block(state.ctx(), &coach, &form).await {
        Ok(b) => Ok(saved(
            &session,
            "time-off",
            &Tr::current().t1(
                "avail-added-time-off",
                "summary",
                block_summary(Tr::current(), &b, &coach.zone),
            ),
        )
        .await),
        Err(e) => {
            let sent = Sent::Block(form, form_errors(e)?);
            page(&state, &session, &coach, &PageQuery::default(), sent).await
        }
    }
}

async fn block_delete_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(id): Path<i64>,
) -> PageResult<Response> {
    availability::delete_block(state.ctx(), &coach, id).await?;
    Ok(saved(
        &session,
        "time-off",
        &Tr::current().t("avail-removed-time-off"),
    )
    .await)
}

/// The preview for what the page's forms hold right now (unsaved): the weekly form sends
/// `part=hours`, the booking rules `part=policy`. JSON either way: the preview, or the error
/// shape of the API with the fields to fix.
async fn preview_post(
    State(state): State<AppState>,
    PageCoach(coach): PageCoach,
    PageForm(pairs): PageForm<Vec<(String, String)>>,
) -> Response {
    let f = Fields(pairs);
    let mut errors = Vec::new();
    let mut draft = Draft {
        session_type_id: f.get("sessionTypeId").trim().parse().ok(),
        ..Draft::default()
    };
    if f.has("part", "hours") {
        match week_to_hours(&week_from_form(&f)) {
            Ok(rules) => draft.rules = Some(rules),
            Err(AppError::Invalid(e)) => errors.extend(e),
            Err(e) => return Public::from(&e).into_json(),
        }
    }
    let policy_form = f.has("part", "policy").then(|| PolicyForm::from_fields(&f));
    if let Some(form) = &policy_form {
        match form.parse() {
            Ok(p) => draft.policy = Some(p),
            Err(AppError::Invalid(e)) => errors.extend(e),
            Err(e) => return Public::from(&e).into_json(),
        }
    }
    if !errors.is_empty() {
        return Public::from(&AppError::Invalid(errors)).into_json();
    }
    match availability::preview(state.ctx(), &coach, &draft).await {
        Ok(p) => Json(PreviewView::new(p, &coach)).into_response(),
        Err(e) => {
            let e = match &policy_form {
                Some(form) => form.in_typed_units(e),
                None => e,
            };
            Public::from(&e).into_json()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_show_in_the_largest_exact_unit() {
        assert_eq!(in_units(2880), ("2".into(), "days".into()));
        assert_eq!(in_units(720), ("12".into(), "hours".into()));
        assert_eq!(in_units(90), ("90".into(), "minutes".into()));
        assert_eq!(in_units(0), ("0".into(), "minutes".into()));
    }

    #[test]
    fn policy_units_convert_exactly_and_typos_name_their_field() {
        let form = PolicyForm {
            min_notice: "2".into(),
            min_notice_unit: "hours".into(),
            max_days_ahead: "30".into(),
            slot_interval_minutes: "15".into(),
            max_sessions_per_day: String::new(),
            max_sessions_per_week: "10".into(),
            cancellation_cutoff: "1".into(),
            cancellation_cutoff_unit: "days".into(),
            reschedule_cutoff: "90".into(),
            reschedule_cutoff_unit: "minutes".into(),
        };
        let p = form.parse().expect("valid");
        assert_eq!(p.min_notice_minutes, 120);
        assert_eq!(p.cancellation_cutoff_minutes, 1440);
        assert_eq!(p.reschedule_cutoff_minutes, 90);
        assert_eq!(
            (p.max_sessions_per_day, p.max_sessions_per_week),
            (None, Some(10))
        );
        let bad = PolicyForm {
            min_notice: "soon".into(),
            ..form
        };
        match bad.parse() {
            Err(AppError::Invalid(e)) => assert_eq!(e[0].field, "minNoticeMinutes"),
            other => panic!("{:?}", other.err()),
        }
    }

    #[test]
    fn range_errors_are_worded_in_the_unit_typed() {
        let form = PolicyForm {
            min_notice: "9000".into(),
            min_notice_unit: "hours".into(),
            max_days_ahead: "30".into(),
            slot_interval_minutes: "15".into(),
            cancellation_cutoff: "400".into(),
            cancellation_cutoff_unit: "days".into(),
            reschedule_cutoff: "-5".into(),
            reschedule_cutoff_unit: "minutes".into(),
            ..PolicyForm::default()
        };
        let policy = form.parse().expect("the numbers read");
        let refused = policy.validate().expect_err("out of range");
        let words = |e: &AppError| -> Vec<(&str, String)> {
            e.fields()
                .unwrap_or_default()
                .iter()
                .map(|f| (f.field, f.message.clone()))
                .collect()
        };
        // The limit stated here is the use case's own.
        assert!(
            words(&refused)[0]
                .1
                .contains(&POLICY_MAX_MINUTES.to_string()),
            "{:?}",
            words(&refused)
        );
        assert_eq!(
            words(&form.in_typed_units(refused)),
            vec![
                (
                    "minNoticeMinutes",
                    "The minimum notice must be between 0 and 8760 hours.".to_owned()
                ),
                (
                    "cancellationCutoffMinutes",
                    "The cancellation cut-off must be between 0 and 365 days.".to_owned()
                ),
                (
                    "rescheduleCutoffMinutes",
                    "The reschedule cut-off must be between 0 and 525600 minutes.".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn a_window_keeps_its_scope_through_the_form() {
        let rule = WindowInput {
            weekday: 3,
            start: "09:00".into(),
            end: "24:00".into(),
            session_type_ids: vec![4, 7],
            valid_from: Some("2027-01-04".into()),
            valid_until: None,
            every_weeks: Some(6),
            anchor_date: Some("2027-01-06".into()),
        };
        let row = WindowForm::from_rule(&rule);
        assert_eq!(row.end, "00:00");
        let back = row.to_rule(3);
        assert_eq!(back.session_type_ids, vec![4, 7]);
        assert_eq!(back.valid_from.as_deref(), Some("2027-01-04"));
        assert_eq!(back.valid_until, None);
        assert_eq!(back.every_weeks, Some(6));
        assert_eq!(back.anchor_date.as_deref(), Some("2027-01-06"));
        // A value set through the API beyond the page's choices stays chosen.
        let options = row.every_options();
        assert_eq!(options.len(), 5);
        assert_eq!(
            options.last(),
            Some(&("6".to_owned(), "Every 6 weeks".to_owned(), true))
        );
    }

    #[test]
    fn the_summary_names_the_cycle_and_its_first_date() {
        let date = |s: &str| -> Date { s.parse().expect("date") };
        let mut rule = WeeklyRule {
            weekday: jiff::civil::Weekday::Monday,
            start: jiff::civil::Time::constant(9, 0, 0, 0),
            end: jiff::civil::Time::constant(12, 0, 0, 0),
            session_type_ids: Vec::new(),
            valid_from: None,
            valid_until: None,
            every_weeks: 1,
            anchor: None,
        };
        let today = date("2026-12-01");
        assert_eq!(summary_line(&rule, today), "Mondays 09:00–12:00");
        rule.every_weeks = 2;
        rule.anchor = Some(date("2026-12-10"));
        assert_eq!(
            summary_line(&rule, today),
            "Mondays 09:00–12:00, every 2nd week from 7 Dec"
        );
        rule.every_weeks = 3;
        rule.weekday = jiff::civil::Weekday::Sunday;
        rule.anchor = Some(date("2027-01-04"));
        assert_eq!(
            summary_line(&rule, today),
            "Sundays 09:00–12:00, every 3rd week from 10 Jan 2027"
        );
    }
}
