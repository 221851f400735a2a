//! Bulk session operations (issue 16): many sessions made at once from a template (or the fields
//! a single session takes) on a list of dates or a weekly pattern, and every session in a range
//! of days cancelled at once. Each has a dry run that answers the plan and writes nothing: every
//! occurrence with what it collides with (another session, time off, imported busy time, a
//! closed day, the past, another occurrence of the same batch). A commit runs in ONE
//! transaction under the coach's lock, re-planned there: all-or-nothing (`abort`), or the free
//! occurrences only (`skip`). A pattern is expanded by the `rrule` crate on wall-clock times and
//! each reading is then placed in the coach's zone, so 18:00 stays 18:00 across a DST change.

use coachbook_core::availability::{Calendar, Conflict, ConflictError, HoursReason};
use coachbook_core::booking::{BookingAction, BookingStatus, SessionStatus};
use coachbook_core::credit::{self, CreditKind, CreditState};
use coachbook_core::policy::can_cancel_free;
use coachbook_core::time::{
    local_date, resolve_wall, Buffers, Fold, Interval, SessionId, SessionTypeId, Zone,
};
use coachbook_core::validate::{self, InvalidInput};
use jiff::civil::{Date, DateTime, Time};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;
use utoipa::ToSchema;

use super::accounts::Coach;
use super::availability::load_calendar;
use super::catalog::{self, in_range};
use super::series::Rule;
use super::templates::capacity_for;
use super::{bookings, AppError, AppResult, Checker, Ctx};
use crate::store::bookings as booking_store;
use crate::store::session_types::SessionTypeRow;
use crate::store::sessions::{self as session_store, NewSession, SessionFilter, SessionRow};
use crate::store::{busy_calendars as busy_store, templates as template_store, StoreError};

/// The most sessions one bulk request makes.
pub const MAX_OCCURRENCES: usize = 200;

/// The widest range one bulk cancellation covers, in days.
pub const MAX_CANCEL_DAYS: i64 = 100;

/// A repeating pattern of sessions, read on the coach's wall clock.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct Pattern {
    /// `weekly` (the default), `daily` or `monthly`.
    #[schema(max_length = 16)]
    pub frequency: String,
    /// For a monthly pattern: `date` (the default: the day of the month of `from`) or `weekday`
    /// (the weekday of `from` in its week of the month, e.g. the second Tuesday; a fifth one
    /// means the last).
    #[schema(max_length = 16)]
    pub monthly_by: Option<String>,
    /// Every how many weeks (or days): 1 to 52; default 1.
    #[schema(minimum = 1, maximum = 52)]
    pub interval: Option<i64>,
    /// For a weekly pattern: `mo`, `tu`, `we`, `th`, `fr`, `sa`, `su`; default the weekday of
    /// `from`.
    #[schema(schema_with = weekdays_schema)]
    pub weekdays: Vec<String>,
    /// The local start time, `HH:MM`.
    #[schema(max_length = 8)]
    pub time: String,
    /// The first day, `YYYY-MM-DD`.
    #[schema(max_length = 10)]
    pub from: String,
    /// How many sessions (at most 200). With neither this nor `until` the series goes on: its
    /// sessions are made half a year ahead and kept that far ahead.
    #[schema(minimum = 1, maximum = 200)]
    pub count: Option<i64>,
    /// The last day, `YYYY-MM-DD`.
    #[schema(max_length = 10)]
    pub until: Option<String>,
}

/// The weekdays a pattern takes, as the two-letter codes of RFC 5545.
fn weekdays_schema() -> utoipa::openapi::schema::Array {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, SchemaType, Type};
    let codes = ["mo", "tu", "we", "th", "fr", "sa", "su"].map(serde_json::Value::from);
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(SchemaType::new(Type::String))
                .enum_values(Some(codes)),
        )
        .max_items(Some(7))
        .description(Some(
            "For a weekly pattern: `mo`, `tu`, `we`, `th`, `fr`, `sa`, `su`; default the weekday of `from`.",
        ))
        .build()
}

/// What to do with occurrences that collide when committing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnConflict {
    /// Nothing is made if any collides.
    Abort,
    /// The free ones are made; the colliding ones are named.
    Skip,
}

/// What the coach asks for: what to make (a template, or the fields of a single session) and
/// when (a list of dates, or a pattern).
#[derive(Debug, Clone, Default)]
pub struct BulkInput {
    pub template_id: Option<i64>,
    pub session_type_id: Option<i64>,
    pub duration_minutes: Option<i64>,
    pub capacity: Option<i64>,
    pub meeting_url: Option<String>,
    pub notes: Option<String>,
    /// Local `YYYY-MM-DDTHH:MM` readings in the coach's zone, or RFC 3339 instants.
    pub dates: Option<Vec<String>>,
    pub pattern: Option<Pattern>,
    pub dry_run: bool,
    /// `abort` (the default) or `skip`.
    pub on_conflict: Option<String>,
    /// Make sessions outside the coach's hours too (never over anything).
    pub override_hours: bool,
}

/// What an occurrence collides with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Collision {
    /// Another of the coach's sessions.
    Session {
        id: i64,
        title: String,
        at: Interval,
    },
    TimeOff {
        at: Interval,
    },
    /// Imported busy time, with the name of the calendar it came from.
    Busy {
        calendar: String,
        at: Interval,
    },
    /// Outside the coach's hours (a closed day or time), or too far ahead.
    Closed(HoursReason),
    Past,
    /// Another occurrence of the same batch (its position, from 0).
    Batch(usize),
}

impl Collision {
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Session { .. } => "session",
            Self::TimeOff { .. } => "time_off",
            Self::Busy { .. } => "busy",
            Self::Closed(_) => "closed",
            Self::Past => "past",
            Self::Batch(_) => "batch",
        }
    }
}

/// One session of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub at: Interval,
    pub collisions: Vec<Collision>,
    /// Once made.
    pub session_id: Option<i64>,
}

impl Occurrence {
    pub fn free(&self) -> bool {
        self.collisions.is_empty()
    }
}

/// The plan of a bulk request, and what became of it.
#[derive(Debug, Clone)]
pub struct BulkOutcome {
    pub occurrences: Vec<Occurrence>,
    pub dry_run: bool,
    /// `Some` once committed: the ids made, in order.
    pub created: Option<Vec<i64>>,
    pub session_type_name: String,
    /// The series a pattern was kept as, once committed.
    pub series_id: Option<i64>,
}

impl BulkOutcome {
    pub fn colliding(&self) -> usize {
        self.occurrences.iter().filter(|o| !o.free()).count()
    }
}

/// The checked fields every occurrence shares.
struct Shape {
    st: SessionTypeRow,
    minutes: i64,
    capacity: i64,
    meeting_url: String,
    notes: String,
    on_conflict: OnConflict,
}

fn given_or(given: Option<&str>, template: Option<&str>) -> String {
    match given {
        Some(g) if !g.trim().is_empty() => g.to_owned(),
        _ => template.unwrap_or_default().to_owned(),
    }
}

async fn check_shape(
    conn: &mut AnyConnection,
    coach: &Coach,
    input: &BulkInput,
    c: &mut Checker,
) -> AppResult<Option<Shape>> {
    // An unknown template is the missing thing it is, as for any id in a path.
    let template = match input.template_id {
        None => None,
        Some(id) => Some(
            template_store::get(&mut *conn, coach.id, id)
                .await
                .map_err(AppError::missing("session template"))?,
        ),
    };
    let t = template.as_ref();
    let st = match input.session_type_id.or(t.map(|t| t.session_type_id)) {
        None => {
            c.push(
                InvalidInput::new("sessionTypeId", "Choose a session type, or a template.")
                    .key("validate-choose-session-type-template"),
            );
            None
        }
        Some(id) => match super::session_types::active(&mut *conn, coach.id, id).await {
            Ok(t) => Some(t),
            Err(e) => c.absorb(e).map(|()| None)?,
        },
    };
    if let Some(d) = input.duration_minutes {
        c.check(in_range("durationMinutes", d, 5, 720, "length in minutes"));
    }
    let meeting_url = c.check(bookings::meeting_url(&given_or(
        input.meeting_url.as_deref(),
        t.map(|t| t.meeting_url.as_str()),
    )));
    let notes = c.check(catalog::text(
        "notes",
        &given_or(input.notes.as_deref(), t.map(|t| t.notes.as_str())),
        10_000,
    ));
    let capacity = st.as_ref().and_then(|st| {
        let from_template = t.filter(|t| t.session_type_id == st.id).map(|t| t.capacity);
        let asked = input.capacity.or(from_template).unwrap_or(st.capacity);
        c.check(capacity_for(st, asked))
    });
    let on_conflict = match input.on_conflict.as_deref().map(str::trim) {
        None | Some("") | Some("abort") => Some(OnConflict::Abort),
        Some("skip") => Some(OnConflict::Skip),
        Some(_) => {
            c.push(
                InvalidInput::new("onConflict", "Choose abort or skip.")
                    .key("validate-choose-abort-skip"),
            );
            None
        }
    };
    let (Some(st), Some(capacity), Some(meeting_url), Some(notes), Some(on_conflict)) =
        (st, capacity, meeting_url, notes, on_conflict)
    else {
        return Ok(None);
    };
    let minutes = input
        .duration_minutes
        .or(t
            .filter(|t| t.session_type_id == st.id)
            .map(|t| t.duration_minutes))
        .unwrap_or(st.duration_minutes);
    Ok(Some(Shape {
        st,
        minutes,
        capacity,
        meeting_url,
        notes,
        on_conflict,
    }))
}

/// A wall-clock reading placed in the coach's zone (a skipped reading moves past the gap, a
/// repeated one is the earlier).
fn place_wall(coach: &Coach, dt: DateTime) -> Option<Timestamp> {
    place_in(&coach.zone, dt)
}

/// [`place_wall`] in a zone.
fn place_in(zone: &Zone, dt: DateTime) -> Option<Timestamp> {
    resolve_wall(zone.tz(), dt, Fold::Earlier).map(|r| r.instant)
}

/// The starts a list of dates gives.
fn read_dates(c: &mut Checker, coach: &Coach, dates: &[String]) -> Option<Vec<Timestamp>> {
    if dates.len() > MAX_OCCURRENCES {
        let given = dates.len();
        c.push(
            InvalidInput::new(
                "dates",
                format!(
                    "{given} dates were given; at most {MAX_OCCURRENCES} sessions can be made at once. Split the list."
                ),
            )
            .key("validate-bulk-too-many-dates")
            .arg("given", given)
            .arg("max-occurrences", MAX_OCCURRENCES),
        );
        return None;
    }
    let mut out = Vec::with_capacity(dates.len());
    for (i, raw) in dates.iter().enumerate() {
        let n = i + 1;
        c.check(validate::code("dates", raw))?;
        let raw = raw.trim();
        let at = if let Ok(ts) = raw.parse::<Timestamp>() {
            coachbook_core::time::supported(ts).ok()
        } else {
            match raw.parse::<DateTime>() {
                Ok(dt) if raw.len() >= 16 => coachbook_core::time::supported_date(dt.date())
                    .ok()
                    .and_then(|_| place_wall(coach, dt)),
                _ => None,
            }
        };
        match at {
            Some(ts) => out.push(ts),
            None => {
                let shown = raw.chars().take(40).collect::<String>();
                c.push(
                    InvalidInput::new(
                        "dates",
                        format!(
                            "Date {n} (\"{shown}\") does not read: give a local date and time such as 2027-01-05T18:00, or RFC 3339 such as 2027-01-05T18:00:00Z, between the years 2000 and 2199."
                        ),
                    )
                    .key("validate-bulk-date-unreadable")
                    .arg("n", n)
                    .arg("shown", shown),
                );
                return None;
            }
        }
    }
    Some(out)
}

fn weekday(raw: &str) -> Option<&'static str> {
    let w = raw.trim().to_ascii_lowercase();
    let code = match w.as_str() {
        "mo" | "mon" | "monday" => "MO",
        "tu" | "tue" | "tuesday" => "TU",
        "we" | "wed" | "wednesday" => "WE",
        "th" | "thu" | "thursday" => "TH",
        "fr" | "fri" | "friday" => "FR",
        "sa" | "sat" | "saturday" => "SA",
        "su" | "sun" | "sunday" => "SU",
        _ => return None,
    };
    Some(code)
}

fn weekday_code(w: jiff::civil::Weekday) -> &'static str {
    use jiff::civil::Weekday::*;
    match w {
        Monday => "MO",
        Tuesday => "TU",
        Wednesday => "WE",
        Thursday => "TH",
        Friday => "FR",
        Saturday => "SA",
        Sunday => "SU",
    }
}

fn ymd(d: Date) -> String {
    d.strftime("%Y%m%d").to_string()
}

/// The starts `p` gives in `zone`, as a bulk request would make them (no database needed), or
/// the field errors a bulk request would answer: what the property test of the expansion
/// compares with an independent RRULE engine.
pub fn expand_pattern(p: &Pattern, zone: &Zone) -> AppResult<Vec<Timestamp>> {
    let mut c = Checker::default();
    let starts = expand(&mut c, zone, p, None).map(|(_, starts, _)| starts);
    c.done(starts)
}

/// The starts a pattern gives, with its rule and the instant the starts were read up to: the
/// `rrule` crate expands the wall-clock readings (as if the clock never changed), and each is
/// then placed in the coach's zone. An open pattern (no count, no until) is read up to half a
/// year after `today` (`None`: an open pattern is refused).
fn expand(
    c: &mut Checker,
    zone: &Zone,
    p: &Pattern,
    today: Option<Date>,
) -> Option<(Rule, Vec<Timestamp>, Option<Timestamp>)> {
    let freq = match p.frequency.trim().to_ascii_lowercase().as_str() {
        "" | "weekly" => Some("WEEKLY"),
        "daily" => Some("DAILY"),
        "monthly" => Some("MONTHLY"),
        _ => {
            c.push(
                InvalidInput::new("pattern.frequency", "Choose weekly, daily or monthly.")
                    .key("validate-choose-weekly-daily-monthly"),
            );
            None
        }
    };
    let monthly_weekday = match p.monthly_by.as_deref().map(str::trim) {
        None | Some("") | Some("date") => Some(false),
        Some("weekday") => Some(true),
        Some(_) => {
            c.push(
                InvalidInput::new("pattern.monthlyBy", "Choose date or weekday.")
                    .key("validate-choose-date-weekday"),
            );
            None
        }
    };
    let interval = c.check(in_range(
        "pattern.interval",
        p.interval.unwrap_or(1),
        1,
        52,
        "interval",
    ));
    let mut days = Vec::new();
    for w in p.weekdays.iter().take(8) {
        match weekday(w) {
            Some(d) if !days.contains(&d) => days.push(d),
            Some(_) => {}
            None => {
                let shown = w.chars().take(20).collect::<String>();
                c.push(
                    InvalidInput::new(
                        "pattern.weekdays",
                        format!("\"{shown}\" is not a weekday; use mo, tu, we, th, fr, sa or su."),
                    )
                    .key("validate-bulk-not-a-weekday")
                    .arg("shown", shown),
                );
                break;
            }
        }
    }
    let time = c.check(validate::time_of_day("pattern.time", &p.time));
    let from = c.check(validate::date("pattern.from", &p.from));
    let until = match p.until.as_deref().filter(|u| !u.trim().is_empty()) {
        Some(raw) => c.check(validate::date("pattern.until", raw)).map(Some),
        None => Some(None),
    };
    let count = match p.count {
        Some(n) if !(1..=MAX_OCCURRENCES as i64).contains(&n) => {
            c.push(InvalidInput::new(
                "pattern.count",
                format!("Choose from 1 to {MAX_OCCURRENCES} sessions; at most {MAX_OCCURRENCES} can be made at once."),
            ).key("validate-choose-from-1-sessions").arg("max-occurrences", MAX_OCCURRENCES));
            None
        }
        n => Some(n),
    };
    let (freq, interval, time, from, until, count, monthly_weekday) = (
        freq?,
        interval?,
        time?,
        from?,
        until?,
        count?,
        monthly_weekday?,
    );
    let end = match (count, until) {
        (Some(_), Some(_)) => {
            c.push(
                InvalidInput::new("pattern.until", "Give either count or until, not both.")
                    .key("validate-give-either-count-until"),
            );
            return None;
        }
        (None, None) if today.is_none() => {
            c.push(
                InvalidInput::new(
                    "pattern.count",
                    "Say how many sessions (count) or the last day (until).",
                )
                .key("validate-say-how-many-sessions"),
            );
            return None;
        }
        (None, None) => String::new(),
        (Some(n), None) => format!("COUNT={n}"),
        (None, Some(u)) if u < from => {
            c.push(
                InvalidInput::new(
                    "pattern.until",
                    "The last day is before the first; choose an until on or after from.",
                )
                .key("validate-last-day-before-first"),
            );
            return None;
        }
        (None, Some(u)) => format!("UNTIL={}T235959Z", ymd(u)),
    };
    let byday = match freq {
        "WEEKLY" if !days.is_empty() => format!(";BYDAY={}", days.join(",")),
        "MONTHLY" if monthly_weekday => {
            let nth = (i64::from(from.day()) - 1) / 7 + 1;
            let nth = if nth >= 5 { -1 } else { nth };
            let code = weekday_code(from.weekday());
            format!(";BYDAY={nth}{code}")
        }
        "MONTHLY" => format!(";BYMONTHDAY={}", from.day()),
        _ => String::new(),
    };
    let rule = Rule {
        first: from.to_datetime(time),
        rrule: format!(
            "FREQ={freq};INTERVAL={interval}{byday}{}{end}",
            if end.is_empty() { "" } else { ";" }
        ),
    };
    // An open rule is read up to the horizon from today (or from its first day, if later).
    let horizon = match (end.is_empty(), today) {
        (true, Some(today)) => today
            .max(from)
            .checked_add(jiff::Span::new().days(super::series::HORIZON_DAYS))
            .ok(),
        _ => None,
    };
    let found = match rule.readings(&[], None, horizon.map(|d| d.to_datetime(Time::midnight()))) {
        Ok(found) => found,
        Err(e) => {
            c.push(InvalidInput::new(
                "pattern",
                format!("This pattern cannot be expanded: {e}"),
            ));
            return None;
        }
    };
    let planned_until = horizon.and_then(|d| place_in(zone, d.to_datetime(Time::midnight())));
    if found.len() > MAX_OCCURRENCES {
        c.push(InvalidInput::new(
            "pattern.until",
            format!("This pattern gives more than {MAX_OCCURRENCES} sessions; at most {MAX_OCCURRENCES} can be made at once. Choose an earlier until."),
        ).key("validate-pattern-gives-more-than").arg("max-occurrences", MAX_OCCURRENCES));
        return None;
    }
    if found.is_empty() {
        c.push(
            InvalidInput::new(
                "pattern",
                "This pattern gives no session; check the weekdays and the days from and until.",
            )
            .key("validate-pattern-gives-no-session"),
        );
        return None;
    }
    let mut out = Vec::with_capacity(found.len());
    for wall in found {
        match place_in(zone, wall) {
            Some(ts) => out.push(ts),
            None => {
                c.push(
                    InvalidInput::new(
                        "pattern",
                        "This pattern reaches a time that cannot be placed on your calendar.",
                    )
                    .key("validate-pattern-reaches-time-cannot"),
                );
                return None;
            }
        }
    }
    Some((rule, out, planned_until))
}

/// Reads what to make and when; every field error at once.
/// A pattern's rule, and the instant an open one was planned up to.
type Planned = Option<(Rule, Option<Timestamp>)>;

async fn read_input(
    conn: &mut AnyConnection,
    coach: &Coach,
    input: &BulkInput,
    today: Date,
) -> AppResult<(Shape, Vec<Interval>, Planned)> {
    let mut c = Checker::default();
    let shape = check_shape(conn, coach, input, &mut c).await?;
    let mut planned: Planned = None;
    let starts = match (&input.dates, &input.pattern) {
        (Some(d), Some(_)) if !d.is_empty() => {
            c.push(
                InvalidInput::new("pattern", "Give either dates or a pattern, not both.")
                    .key("validate-give-either-dates-pattern"),
            );
            None
        }
        (_, Some(p)) => expand(&mut c, &coach.zone, p, Some(today)).map(|(rule, starts, until)| {
            planned = Some((rule, until));
            starts
        }),
        (Some(d), None) if !d.is_empty() => read_dates(&mut c, coach, d),
        _ => {
            c.push(
                InvalidInput::new("dates", "Say when: a list of dates, or a pattern.")
                    .key("validate-say-when-list-dates"),
            );
            None
        }
    };
    let (shape, starts) = c.done(shape.zip(starts))?;
    let length = SignedDuration::from_mins(shape.minutes);
    let mut at = Vec::with_capacity(starts.len());
    for start in starts {
        let end = start.checked_add(length).map_err(|_| {
            AppError::from(
                InvalidInput::new("dates", "Choose an earlier time.")
                    .key("validate-choose-earlier-time"),
            )
        })?;
        coachbook_core::time::supported(end).map_err(|_| {
            AppError::from(
                InvalidInput::new("dates", "Choose times between the years 2000 and 2199.")
                    .key("validate-choose-times-between-years"),
            )
        })?;
        at.push(Interval { start, end });
    }
    Ok((shape, at, planned))
}

fn buffers(st: &SessionTypeRow) -> Buffers {
    Buffers::new(
        SignedDuration::from_mins(st.buffer_before_minutes),
        SignedDuration::from_mins(st.buffer_after_minutes),
    )
}

/// The plan: each occurrence checked against the calendar (read once, on `conn`), the coach's
/// hours, the clock, and the occurrences before it.
pub(crate) async fn plan_times(
    conn: &mut AnyConnection,
    coach: &Coach,
    st: &SessionTypeRow,
    at: &[Interval],
    override_hours: bool,
    now: Timestamp,
) -> AppResult<Vec<Occurrence>> {
    let (Some(first), Some(last)) = (
        at.iter().map(|i| i.start).min(),
        at.iter().map(|i| i.end).max(),
    ) else {
        return Ok(Vec::new());
    };
    let pad = buffers(st);
    let range = Interval {
        start: first,
        end: last,
    };
    let calendar = load_calendar(&mut *conn, coach.id, &coach.zone, range, None).await?;
    let mut out: Vec<Occurrence> = Vec::with_capacity(at.len());
    for &here in at {
        let mut collisions = Vec::new();
        if let Some(c) = first_conflict(&calendar, here, pad)? {
            collisions.push(describe(&mut *conn, coach, c).await?);
        }
        let padded = here.with_buffers(pad);
        if let Some(i) = out.iter().position(|o| {
            o.free()
                && o.at.with_buffers(pad).start < padded.end
                && padded.start < o.at.with_buffers(pad).end
        }) {
            collisions.push(Collision::Batch(i));
        }
        if here.start < now {
            collisions.push(Collision::Past);
        } else if !override_hours {
            match calendar.check_hours(SessionTypeId(st.id), here, now) {
                Ok(()) | Err(HoursReason::InThePast) => {}
                Err(r) => collisions.push(Collision::Closed(r)),
            }
        }
        out.push(Occurrence {
            at: here,
            collisions,
            session_id: None,
        });
    }
    Ok(out)
}

fn first_conflict(calendar: &Calendar, at: Interval, pad: Buffers) -> AppResult<Option<Conflict>> {
    match calendar.check_conflict(at, pad, None) {
        Ok(()) => Ok(None),
        Err(ConflictError::Conflict(c)) => Ok(Some(c)),
        Err(e) => Err(AppError::invalid("dates", e.to_string())),
    }
}

/// What `at` (with `session`'s buffers) would collide with on the calendar, `session` itself
/// left out: a series edit's check of each occurrence's new time.
pub(crate) async fn collisions_for(
    conn: &mut AnyConnection,
    coach: &Coach,
    session: &super::sessions::Session,
    at: Interval,
) -> AppResult<Vec<Collision>> {
    let pad = Buffers::new(
        SignedDuration::from_mins(session.buffer_before_minutes),
        SignedDuration::from_mins(session.buffer_after_minutes),
    );
    let calendar = load_calendar(&mut *conn, coach.id, &coach.zone, at, None).await?;
    match calendar.check_conflict(at, pad, Some(SessionId(session.id))) {
        Ok(()) => Ok(Vec::new()),
        Err(ConflictError::Conflict(c)) => Ok(vec![describe(conn, coach, c).await?]),
        Err(e) => Err(AppError::invalid("time", e.to_string())),
    }
}

/// A conflict named for the coach: a session with its title, busy time with its calendar.
async fn describe(conn: &mut AnyConnection, coach: &Coach, c: Conflict) -> AppResult<Collision> {
    Ok(match c {
        Conflict::Session {
            session_id: SessionId(id),
            interval,
        } => {
            let title = match session_store::get(&mut *conn, coach.id, id).await {
                Ok(s) => s.session_type_name,
                Err(StoreError::NotFound) => String::new(),
                Err(e) => return Err(e.into()),
            };
            Collision::Session {
                id,
                title,
                at: interval,
            }
        }
        Conflict::Block { interval } => Collision::TimeOff { at: interval },
        Conflict::Busy { interval } => {
            let rows = busy_store::busy_between(&mut *conn, coach.id, interval).await?;
            Collision::Busy {
                calendar: rows.into_iter().next().map(|r| r.name).unwrap_or_default(),
                at: interval,
            }
        }
    })
}

/// Plans, and unless it is a dry run makes the sessions in one transaction. A commit with
/// `abort` that finds a collision answers the plan with `created: None` and writes nothing.
pub async fn create(cx: &Ctx, coach: &Coach, input: &BulkInput) -> AppResult<BulkOutcome> {
    let now = cx.now();
    let today = local_day(coach, now);
    let (shape, at, planned) = {
        let mut conn = cx.db.pool().acquire().await?;
        read_input(&mut conn, coach, input, today).await?
    };
    let name = shape.st.name.clone();
    if input.dry_run {
        let mut conn = cx.db.pool().acquire().await?;
        let occurrences =
            plan_times(&mut conn, coach, &shape.st, &at, input.override_hours, now).await?;
        return Ok(BulkOutcome {
            occurrences,
            dry_run: true,
            created: None,
            session_type_name: name,
            series_id: None,
        });
    }
    let mut tx = cx.db.begin_write().await?;
    booking_store::lock_coach(&mut *tx, coach.id).await?;
    let mut occurrences =
        plan_times(&mut tx, coach, &shape.st, &at, input.override_hours, now).await?;
    let colliding = occurrences.iter().any(|o| !o.free());
    if colliding && shape.on_conflict == OnConflict::Abort {
        tx.rollback().await?;
        return Ok(BulkOutcome {
            occurrences,
            dry_run: false,
            created: None,
            session_type_name: name,
            series_id: None,
        });
    }
    let st = &shape.st;
    let mut created = Vec::new();
    for o in occurrences.iter_mut().filter(|o| o.free()) {
        let meeting_url = if shape.meeting_url.is_empty() {
            super::meeting_links::for_new_session(&mut *tx, coach.id).await?
        } else {
            shape.meeting_url.clone()
        };
        let id = session_store::insert(
            &mut *tx,
            &NewSession {
                coach_id: coach.id,
                session_type_id: st.id,
                at: o.at,
                buffer_before_minutes: st.buffer_before_minutes,
                buffer_after_minutes: st.buffer_after_minutes,
                capacity: shape.capacity,
                meeting_url: &meeting_url,
                notes: &shape.notes,
            },
            now.into(),
        )
        .await
        .map_err(bookings::overlap_refused)?;
        o.session_id = Some(id);
        created.push(id);
    }
    // A pattern is kept as a series: its rule, each session its occurrence, the ones left out
    // its exceptions.
    let series_id = match &planned {
        Some((rule, until)) => {
            let last = occurrences.iter().map(|o| o.at.end).max().unwrap_or(now);
            let made = super::series::Made {
                rule,
                session_type_id: st.id,
                duration_minutes: shape.minutes,
                capacity: shape.capacity,
                meeting_url: &shape.meeting_url,
                notes: &shape.notes,
                occurrences: occurrences
                    .iter()
                    .map(|o| (o.at.start, o.session_id))
                    .collect(),
                planned_until: until.unwrap_or(last),
            };
            Some(super::series::keep(&mut tx, coach, &made, now).await?)
        }
        None => None,
    };
    tx.commit().await?;
    cx.wake.notify();
    Ok(BulkOutcome {
        occurrences,
        dry_run: false,
        created: Some(created),
        session_type_name: name,
        series_id,
    })
}

/// What the coach asks to cancel: every session starting on the days `from` to `to` (both
/// included, in the coach's zone).
#[derive(Debug, Clone, Default)]
pub struct CancelInput {
    pub from: String,
    pub to: String,
    pub reason: String,
    /// `policy` (the default) or `always`.
    pub refund: Option<String>,
    pub dry_run: bool,
}

/// What cancelling a booking does to its package credit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreditEffect {
    /// The booking holds no credit (or its credit is already settled).
    None,
    /// Cancelled before the cut-off: the credit is released.
    Released,
    /// Cancelled late: the policy uses the credit.
    Used,
    /// Cancelled late, but the coach gives the credit back.
    GivenBack,
}

impl CreditEffect {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Released => "released",
            Self::Used => "used",
            Self::GivenBack => "given_back",
        }
    }
}

/// One booking a cancellation reaches.
#[derive(Debug, Clone)]
pub struct CancelledBooking {
    pub booking_id: i64,
    pub name: String,
    pub email: String,
    pub credit: CreditEffect,
}

/// One session of the range.
#[derive(Debug, Clone)]
pub struct CancelItem {
    pub session: SessionRow,
    pub bookings: Vec<CancelledBooking>,
    /// It has started: it is left alone (mark its outcome instead).
    pub started: bool,
}

#[derive(Debug, Clone)]
pub struct CancelOutcome {
    pub dry_run: bool,
    pub items: Vec<CancelItem>,
}

/// Reads and checks a cancellation: the range as instants, the reason, whether to refund always.
fn read_cancel(coach: &Coach, input: &CancelInput) -> AppResult<(Interval, String, bool)> {
    let mut c = Checker::default();
    let from = c.check(validate::date("from", &input.from));
    let to = c.check(validate::date("to", &input.to));
    let reason = c.check(catalog::text("reason", &input.reason, 1000));
    let always = match input.refund.as_deref().map(str::trim) {
        None | Some("") | Some("policy") => Some(false),
        Some("always") => Some(true),
        Some(_) => {
            c.push(
                InvalidInput::new("refund", "Choose policy or always.")
                    .key("validate-choose-policy-always"),
            );
            None
        }
    };
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            c.push(
                InvalidInput::new(
                    "to",
                    "The last day is before the first; choose a to on or after from.",
                )
                .key("validate-last-day-before-first-2"),
            );
        } else if (t - f).get_days() >= MAX_CANCEL_DAYS as i32 {
            c.push(
                InvalidInput::new(
                    "to",
                    format!("Cancel at most {MAX_CANCEL_DAYS} days at a time."),
                )
                .key("validate-cancel-most-days-time")
                .arg("max-cancel-days", MAX_CANCEL_DAYS),
            );
        }
    }
    let (from, to, reason, always) = c.done(
        from.zip(to)
            .zip(reason.zip(always))
            .map(|((f, t), (r, a))| (f, t, r, a)),
    )?;
    let day_start = |d: Date| place_wall(coach, d.to_datetime(Time::midnight()));
    let start = day_start(from);
    let end = to.tomorrow().ok().and_then(day_start);
    let (Some(start), Some(end)) = (start, end) else {
        return Err(AppError::from(
            InvalidInput::new("to", "Choose days within the calendar.")
                .key("validate-choose-days-within-calendar"),
        ));
    };
    Ok((Interval { start, end }, reason, always))
}

/// What cancelling each session of the range does, read on `conn`.
async fn cancel_plan(
    conn: &mut AnyConnection,
    coach: &Coach,
    range: Interval,
    always: bool,
    now: Timestamp,
) -> AppResult<Vec<CancelItem>> {
    let rows = session_store::list(
        &mut *conn,
        coach.id,
        &SessionFilter {
            range,
            session_type_id: None,
            status: Some(SessionStatus::Scheduled),
            limit: super::sessions::LIST_LIMIT,
        },
    )
    .await?;
    let rows: Vec<SessionRow> = rows
        .into_iter()
        .filter(|r| r.start_at.timestamp() >= range.start)
        .collect();
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let people = session_store::participants(&mut *conn, coach.id, &ids).await?;
    let policy = crate::store::availability::policy(&mut *conn, coach.id).await?;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        let start = row.start_at.timestamp();
        let in_time = can_cancel_free(&policy, start, now);
        let mut reached = Vec::new();
        for p in people
            .iter()
            .filter(|p| p.session_id == row.id && p.status.is_live())
        {
            let credit = match p.enrolment_id {
                None => CreditEffect::None,
                Some(_) => {
                    let b = booking_store::get_booking(&mut *conn, coach.id, p.id).await?;
                    let state = b.last_credit_entry.0.and_then(CreditState::after);
                    match credit::settle(state, BookingStatus::Cancelled, in_time) {
                        Some(CreditKind::Release) => CreditEffect::Released,
                        Some(CreditKind::Use) if always => CreditEffect::GivenBack,
                        Some(CreditKind::Use) => CreditEffect::Used,
                        _ => CreditEffect::None,
                    }
                }
            };
            reached.push(CancelledBooking {
                booking_id: p.id,
                name: p.name.clone(),
                email: p.email.clone(),
                credit,
            });
        }
        items.push(CancelItem {
            started: start < now,
            session: row,
            bookings: reached,
        });
    }
    Ok(items)
}

/// Cancels every session of the coach starting in the range, in one transaction: each booking
/// through the booking's own cancel path (the participant told, the credit settled under the
/// policy, or given back with `refund: always`). A session that has started is left alone and
/// said so. A dry run answers the same list and writes nothing.
pub async fn cancel_range(
    cx: &Ctx,
    coach: &Coach,
    input: &CancelInput,
) -> AppResult<CancelOutcome> {
    let (range, reason, always) = read_cancel(coach, input)?;
    let now = cx.now();
    if input.dry_run {
        let mut conn = cx.db.pool().acquire().await?;
        let items = cancel_plan(&mut conn, coach, range, always, now).await?;
        return Ok(CancelOutcome {
            dry_run: true,
            items,
        });
    }
    let mut tx = cx.db.begin_write().await?;
    booking_store::lock_coach(&mut *tx, coach.id).await?;
    let items = cancel_plan(&mut tx, coach, range, always, now).await?;
    for item in items.iter().filter(|i| !i.started) {
        for b in &item.bookings {
            let row = booking_store::get_booking(&mut *tx, coach.id, b.booking_id).await?;
            bookings::status_in(
                &mut tx,
                cx,
                coach,
                &row,
                BookingAction::Cancel,
                &reason,
                always,
                now,
            )
            .await?;
        }
        booking_store::cancel_session(&mut *tx, item.session.id, now.into()).await?;
    }
    tx.commit().await?;
    cx.wake.notify();
    Ok(CancelOutcome {
        dry_run: false,
        items,
    })
}

/// The local day an instant falls on for the coach.
pub fn local_day(coach: &Coach, ts: Timestamp) -> Date {
    local_date(coach.zone.tz(), ts)
}
