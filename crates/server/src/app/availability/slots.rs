//! Open slots as the engine computes them: for a range the coach asks about, and the next two
//! weeks for the saved settings or an unsaved draft (the live preview on the Availability page).

use coachbook_core::availability::{data_window, Availability, Query, QueryError};
use coachbook_core::time::{local_date, local_day, resolve_wall, Fold, Interval};
use coachbook_core::validate::{self, InvalidInput};
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use sqlx::AnyConnection;

use super::super::accounts::Coach;
use super::super::session_types;
use super::super::{AppError, AppResult, Ctx};
use super::schedule::{validate_rules, PolicyInput, WindowInput};
use super::{calendar_for, load_calendar};
use crate::store::availability as store;
use crate::store::session_types::SessionTypeRow;

/// Which slots to compute; bounds as typed (RFC 3339, or a date meaning midnight in the
/// coach's zone).
#[derive(Debug, Clone, Default)]
pub struct SlotsInput {
    /// Another coach's id answers "not found".
    pub coach_id: Option<i64>,
    /// Default: the coach's first active session type.
    pub session_type_id: Option<i64>,
    /// Default: now.
    pub from: Option<String>,
    /// Exclusive; default 14 days after `from`.
    pub to: Option<String>,
}

/// Open slots and merged busy time, for one session type in `[from, to)`.
#[derive(Debug, Clone)]
pub struct Found {
    pub session_type_id: i64,
    pub from: Timestamp,
    pub to: Timestamp,
    pub availability: Availability,
}

/// A bound given as RFC 3339 with an offset, or as a date. A time without an offset is refused
/// (it used to be read as midnight): the request is malformed, which is a 400; a well-formed
/// time outside the years 2000–2199 is a 422.
fn read_bound(field: &'static str, raw: &str, coach: &Coach) -> AppResult<Timestamp> {
    let raw = raw.trim();
    if raw.parse::<Timestamp>().is_ok() {
        return Ok(validate::instant(field, raw)?);
    }
    if raw.len() == 10 && raw.parse::<Date>().is_ok() {
        let date = validate::date(field, raw)?;
        let midnight = resolve_wall(
            coach.zone.tz(),
            date.to_datetime(jiff::civil::Time::midnight()),
            Fold::Earlier,
        )
        .ok_or_else(|| {
            AppError::from(
                InvalidInput::new(field, "Choose a date between 2000 and 2199.")
                    .key("validate-choose-date-between-2000"),
            )
        })?;
        return Ok(midnight.instant);
    }
    Err(AppError::Malformed(vec![InvalidInput::new(
        field,
        format!(
            "Give `{field}` as an RFC 3339 time with an offset (2026-12-01T09:00:00+01:00 or \
             2026-12-01T08:00:00Z) or as a date (2026-12-01, midnight in your time zone)."
        ),
    )
    .key("validate-give-rfc-3339-time")
    .arg("field", field)]))
}

fn query_error(e: QueryError) -> AppError {
    match e {
        QueryError::EmptyRange => AppError::from(
            InvalidInput::new("to", "`to` must be after `from`.").key("validate-must-after-from"),
        ),
        QueryError::RangeTooLong => AppError::from(
            InvalidInput::new("to", "Ask for at most 366 days at a time.")
                .key("validate-ask-most-366-days"),
        ),
        other => AppError::Internal(anyhow::anyhow!("stored settings are invalid: {other}")),
    }
}

/// The session type to compute slots for: the one asked for (the coach's and active), else the
/// coach's first active type.
async fn pick_type(
    conn: &mut AnyConnection,
    coach: &Coach,
    id: Option<i64>,
) -> AppResult<Option<SessionTypeRow>> {
    match id {
        Some(id) => Ok(Some(session_types::active(&mut *conn, coach.id, id).await?)),
        None => Ok(
            crate::store::session_types::list(&mut *conn, coach.id, false)
                .await?
                .into_iter()
                .next(),
        ),
    }
}

/// Open slots for the coach's own view (`GET /api/availability`) as of `now`.
pub async fn slots(cx: &Ctx, coach: &Coach, q: &SlotsInput, now: Timestamp) -> AppResult<Found> {
    if q.coach_id.is_some_and(|c| c != coach.id) {
        return Err(AppError::NotFound("coach"));
    }
    let given = |raw: &Option<String>| {
        raw.as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(str::to_owned)
    };
    let from = match given(&q.from) {
        Some(raw) => read_bound("from", &raw, coach)?,
        None => now,
    };
    let to = match given(&q.to) {
        Some(raw) => read_bound("to", &raw, coach)?,
        None => from
            .checked_add(SignedDuration::from_hours(14 * 24))
            .map_err(|_| {
                AppError::from(
                    InvalidInput::new("from", "Choose an earlier start.")
                        .key("validate-choose-earlier-start"),
                )
            })?,
    };
    let need = data_window(from, to);
    let cached = calendar_for(cx, coach, need, now).await?;
    let st = match q.session_type_id {
        None => cached.types.first().cloned(),
        Some(id) => match cached.types.iter().find(|t| t.id == id) {
            Some(t) => Some(t.clone()),
            // Not among the active ones: the database says why (archived, or not the coach's).
            None => Some(session_types::active(cx.db.pool(), coach.id, id).await?),
        },
    }
    .ok_or_else(|| {
        AppError::from(
            InvalidInput::new(
                "sessionTypeId",
                "Create a session type first: slots are computed for one.",
            )
            .key("validate-create-session-type-first"),
        )
    })?;
    let query = Query {
        session_type: session_types::spec(&st)?,
        policy: cached.policy.clone(),
        now,
        from,
        to,
        exclude_session: None,
    };
    query.validate().map_err(query_error)?;
    let availability = cached.calendar.availability(&query).map_err(query_error)?;
    Ok(Found {
        session_type_id: st.id,
        from,
        to,
        availability,
    })
}

/// An unsaved edit to preview: what is `None` is taken from what is saved.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub rules: Option<Vec<WindowInput>>,
    pub policy: Option<PolicyInput>,
    pub session_type_id: Option<i64>,
}

/// The next two weeks' open slots, by local date of the coach.
#[derive(Debug, Clone)]
pub struct Preview {
    /// `None` when the coach has no session type yet.
    pub session_type: Option<SessionTypeRow>,
    /// The fourteen dates from today, each with its slot starts.
    pub days: Vec<(Date, Vec<Timestamp>)>,
    pub total: usize,
}

/// The next two weeks' open slots as clients would see them, for the saved settings or a draft.
/// A draft that does not validate answers with its field errors, like saving it would.
pub async fn preview(cx: &Ctx, coach: &Coach, draft: &Draft) -> AppResult<Preview> {
    let now = cx.now();
    let mut conn = cx.db.pool().acquire().await?;
    let rules = match &draft.rules {
        Some(r) => {
            let today = local_date(coach.zone.tz(), now);
            Some(validate_rules(&mut conn, coach.id, today, r).await?)
        }
        None => None,
    };
    let policy = match &draft.policy {
        Some(p) => p.validate()?,
        None => store::policy(&mut *conn, coach.id).await?,
    };
    let today = local_date(coach.zone.tz(), now);
    let dates: Vec<Date> = (0..14)
        .filter_map(|n| today.checked_add(jiff::Span::new().days(n)).ok())
        .collect();
    let Some(st) = pick_type(&mut conn, coach, draft.session_type_id).await? else {
        return Ok(Preview {
            session_type: None,
            days: dates.into_iter().map(|d| (d, Vec::new())).collect(),
            total: 0,
        });
    };
    let day = |d: Option<&Date>| d.and_then(|d| local_day(coach.zone.tz(), *d));
    let (Some(first), Some(last)) = (day(dates.first()), day(dates.last())) else {
        return Err(anyhow::anyhow!("the next two weeks are outside the calendar").into());
    };
    let range = Interval {
        start: first.start,
        end: last.end,
    };
    let query = Query {
        session_type: session_types::spec(&st)?,
        policy,
        now,
        from: range.start,
        to: range.end,
        exclude_session: None,
    };
    let calendar = load_calendar(&mut conn, coach.id, &coach.zone, range, rules).await?;
    let found = calendar.availability(&query).map_err(query_error)?;
    let mut days: Vec<(Date, Vec<Timestamp>)> =
        dates.into_iter().map(|d| (d, Vec::new())).collect();
    for slot in &found.slots {
        let date = local_date(coach.zone.tz(), slot.start);
        if let Some((_, starts)) = days.iter_mut().find(|(d, _)| *d == date) {
            starts.push(slot.start);
        }
    }
    Ok(Preview {
        session_type: Some(st),
        days,
        total: found.slots.len(),
    })
}
