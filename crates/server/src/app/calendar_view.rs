//! What the coach's Calendar page shows for a range of days (sessions with their participants,
//! the availability windows, time off and the times of pending session requests) and what the
//! dashboard shows at a glance. Every read is bounded by the range it needs and served by an index
//! that starts at that bound, so the cost follows the days shown, never the history.

use coachbook_core::availability::{data_window, Block, DateOverride, WeeklyRule};
use coachbook_core::booking::{
    allowed_actions, AllowedActions, BookingStatus, SessionKind, SessionStatus,
};
use coachbook_core::credit::CreditState;
use coachbook_core::time::{
    iso_week_start, local_day, merge_intervals, wall_to_instant, Interval, TimeWindow, Zone,
};
use coachbook_core::validate::InvalidInput;
use jiff::civil::{Date, DateTime, Time};
use jiff::{Timestamp, ToSpan};

use super::accounts::Coach;
use super::session_requests;
use super::session_types::{self, SessionType};
use super::sessions;
use super::{AppError, AppResult, Ctx};
use crate::store::availability as hours_store;
use crate::store::session_requests::RequestStatus;

/// How the days are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Day,
    Week,
    Month,
    List,
}

impl View {
    pub const ALL: [View; 4] = [View::Day, View::Week, View::Month, View::List];

    /// `day`, `week`, `month` or `list`; anything else is no view.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim() {
            "day" => Some(Self::Day),
            "week" => Some(Self::Week),
            "month" => Some(Self::Month),
            "list" => Some(Self::List),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
            Self::List => "list",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Day => "Day",
            Self::Week => "Week",
            Self::Month => "Month",
            Self::List => "List",
        }
    }

    /// Whether the view draws the hours of each day (day and week).
    pub fn is_timed(self) -> bool {
        matches!(self, Self::Day | Self::Week)
    }
}

/// The days a view shows around the date asked for, in the zone the page is read in.
#[derive(Debug, Clone)]
pub struct Span {
    pub view: View,
    /// The date asked for.
    pub anchor: Date,
    /// The first day shown.
    pub first: Date,
    /// The day after the last one shown.
    pub end: Date,
    /// `[first, end)` as instants in the zone read in.
    pub range: Interval,
}

impl Span {
    /// The days of `view` around `anchor`, read in `zone`: the day; its week (Monday first); the
    /// weeks that hold its month (month); its month (list).
    pub fn new(view: View, anchor: Date, zone: &Zone) -> AppResult<Self> {
        let out_of_range = || {
            AppError::from(
                InvalidInput::new("date", "Choose a date between 2000 and 2199.")
                    .key("validate-choose-date-between-2000"),
            )
        };
        let month_start = anchor.first_of_month();
        let next_month = anchor
            .last_of_month()
            .tomorrow()
            .map_err(|_| out_of_range())?;
        let (first, end) = match view {
            View::Day => (anchor, anchor.tomorrow().map_err(|_| out_of_range())?),
            View::Week => {
                let monday = iso_week_start(anchor).ok_or_else(out_of_range)?;
                (monday, add_days(monday, 7).ok_or_else(out_of_range)?)
            }
            View::Month => {
                let monday = iso_week_start(month_start).ok_or_else(out_of_range)?;
                let last_monday =
                    iso_week_start(anchor.last_of_month()).ok_or_else(out_of_range)?;
                (monday, add_days(last_monday, 7).ok_or_else(out_of_range)?)
            }
            View::List => (month_start, next_month),
        };
        let from = local_day(zone.tz(), first).ok_or_else(out_of_range)?;
        let to = local_day(zone.tz(), end).ok_or_else(out_of_range)?;
        Ok(Self {
            view,
            anchor,
            first,
            end,
            range: Interval {
                start: from.start,
                end: to.start,
            },
        })
    }

    /// The days shown, in order.
    pub fn days(&self) -> Vec<Date> {
        let mut days = Vec::new();
        let mut d = self.first;
        while d < self.end {
            days.push(d);
            match d.tomorrow() {
                Ok(next) => d = next,
                Err(_) => break,
            }
        }
        days
    }

    /// The date "previous" goes to: a day, a week or a month back.
    pub fn previous(&self) -> Option<Date> {
        match self.view {
            View::Day => self.anchor.yesterday().ok(),
            View::Week => add_days(self.anchor, -7),
            View::Month | View::List => self.anchor.checked_sub(1.month()).ok(),
        }
    }

    /// The date "next" goes to.
    pub fn next(&self) -> Option<Date> {
        match self.view {
            View::Day => self.anchor.tomorrow().ok(),
            View::Week => add_days(self.anchor, 7),
            View::Month | View::List => self.anchor.checked_add(1.month()).ok(),
        }
    }
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(n.days()).ok()
}

/// What the page asks for.
#[derive(Debug, Clone)]
pub struct Ask {
    pub view: View,
    pub date: Date,
    /// The zone the page is read in (the coach's unless they switched).
    pub zone: Zone,
    /// Only sessions (and requests) of this type; `None` = every type.
    pub session_type_id: Option<i64>,
    /// The session whose details are open, wherever it is.
    pub session: Option<i64>,
}

/// One participant of a session, as only the coach sees it.
#[derive(Debug, Clone)]
pub struct Participant {
    pub booking_id: i64,
    pub name: String,
    pub email: String,
    pub status: BookingStatus,
    pub client_id: Option<i64>,
    pub notes: String,
    /// What the coach can do with this booking now.
    pub actions: AllowedActions,
}

/// One session on the calendar with the people in it.
#[derive(Debug, Clone)]
pub struct CalSession {
    pub id: i64,
    pub session_type_id: i64,
    pub type_name: String,
    /// `#rrggbb`.
    pub color: String,
    pub start: Timestamp,
    pub end: Timestamp,
    /// Seats in the session: 1 for one-on-one.
    pub capacity: i64,
    pub meeting_url: String,
    /// The session's own notes (the coach's).
    pub notes: String,
    pub cancelled: bool,
    /// A group session (seats taken and left are shown).
    pub group: bool,
    /// Participants holding a seat, in booking order.
    pub participants: Vec<Participant>,
    /// Every host, the owner first (one: the coach's own session alone).
    pub hosts: Vec<super::cohosts::Host>,
    /// This coach's answer when they co-host it (`invited` or `accepted`); none for the owner.
    pub cohost_status: Option<String>,
}

impl CalSession {
    /// Some participant waits for the coach's approval.
    pub fn pending(&self) -> bool {
        self.participants
            .iter()
            .any(|p| p.status == BookingStatus::Pending)
    }

    pub fn seats_taken(&self) -> i64 {
        i64::try_from(self.participants.len()).unwrap_or(i64::MAX)
    }

    pub fn seats_left(&self) -> i64 {
        (self.capacity - self.seats_taken()).max(0)
    }

    pub fn is_group(&self) -> bool {
        self.group
    }

    /// Whether the session can still be moved or cancelled: it has not started, it is not
    /// cancelled and nobody's outcome is recorded.
    pub fn movable(&self, now: Timestamp) -> bool {
        self.cohost_status.is_none()
            && self.start > now
            && !self.cancelled
            && self.participants.iter().all(|p| p.status.is_live())
    }

    /// "Maya Patel", "Maya Patel and 2 others", or "No one yet".
    pub fn who(&self) -> String {
        match self.participants.as_slice() {
            [] => "No one yet".to_owned(),
            [one] => one.name.clone(),
            [first, rest @ ..] => format!(
                "{} and {} other{}",
                first.name,
                rest.len(),
                if rest.len() == 1 { "" } else { "s" }
            ),
        }
    }

    pub fn interval(&self) -> Interval {
        Interval {
            start: self.start,
            end: self.end,
        }
    }
}

/// A time a pending session request asks for.
#[derive(Debug, Clone)]
pub struct RequestedTime {
    pub request_id: i64,
    pub name: String,
    pub type_name: String,
    pub start: Timestamp,
    pub end: Timestamp,
}

/// Everything the Calendar page draws for a span.
#[derive(Debug, Clone)]
pub struct CalendarData {
    pub span: Span,
    /// By start.
    pub sessions: Vec<CalSession>,
    /// The session asked for ([`Ask::session`]).
    pub selected: Option<CalSession>,
    /// The coach's open hours (of every type, or of the type filtered by), merged, clipped to
    /// the span.
    pub windows: Vec<Interval>,
    /// Time off, merged, clipped to the span.
    pub time_off: Vec<Interval>,
    /// Busy time imported from the coach's other calendars, by source name, pieces of one
    /// source that touch joined, clipped to the span (coach only: titles are never stored).
    pub busy: Vec<(String, Interval)>,
    /// By start.
    pub requests: Vec<RequestedTime>,
    /// The coach's active session types (the filter and the legend).
    pub types: Vec<SessionType>,
    /// More sessions than one read answers fall in the span; the first ones are shown.
    pub truncated: bool,
}

/// The calendar of `ask`, for the coach. A type or a session that is not the coach's answers
/// "not found".
pub async fn load(cx: &Ctx, coach: &Coach, ask: &Ask) -> AppResult<CalendarData> {
    let span = Span::new(ask.view, ask.date, &ask.zone)?;
    let types = session_types::list(cx, coach, false).await?;
    if let Some(id) = ask.session_type_id {
        if !types.iter().any(|t| t.id == id) {
            // An archived type of the coach's still filters; another coach's is not there.
            session_types::get(cx, coach, id).await?;
        }
    }
    let range = span.range;
    let now = cx.now();
    let listed = sessions::list(
        cx,
        coach,
        &sessions::ListFilter {
            from: range.start,
            to: range.end,
            session_type_id: ask.session_type_id,
            status: Some(SessionStatus::Scheduled),
        },
    )
    .await?;
    let truncated = i64::try_from(listed.len()).unwrap_or(i64::MAX) >= sessions::LIST_LIMIT;
    let mut shown: Vec<CalSession> = listed
        .into_iter()
        .map(|s| cal_session(s, coach.id, now))
        .collect();
    shown.sort_by_key(|s| (s.start, s.id));
    let selected = match ask.session {
        None => None,
        Some(id) => match shown.iter().find(|s| s.id == id) {
            Some(s) => Some(s.clone()),
            None => Some(cal_session(
                sessions::get(cx, coach, id).await?,
                coach.id,
                now,
            )),
        },
    };
    let (windows, time_off) = hours(cx, coach, range, ask.session_type_id).await?;
    let requests = requested_times(cx, coach, range, ask.session_type_id).await?;
    let busy = imported_busy(cx, coach, range).await?;
    Ok(CalendarData {
        span,
        sessions: shown,
        selected,
        windows,
        time_off,
        busy,
        requests,
        types,
        truncated,
    })
}

/// A session as the calendar draws it: the places still held, what the coach may do with each.
fn cal_session(s: sessions::Session, me: i64, now: Timestamp) -> CalSession {
    let started = now >= s.start;
    // A co-host sees who is in the session; the owner alone acts on the bookings.
    let cohost_status = s
        .hosts
        .iter()
        .find(|h| h.coach_id == me && h.role == "cohost")
        .map(|h| h.status.clone());
    let owner = cohost_status.is_none();
    let participants = s
        .participants
        .into_iter()
        .filter(|p| p.status.holds_seat())
        .map(|p| {
            // A live booking on a package holds its credit (the ledger's "hold").
            let credit = (p.uses_package && p.status.is_live()).then_some(CreditState::Held);
            Participant {
                booking_id: p.booking_id,
                actions: if owner {
                    allowed_actions(p.status, started, credit)
                } else {
                    AllowedActions::default()
                },
                name: p.name,
                email: p.email,
                status: p.status,
                client_id: p.client_id,
                notes: p.notes,
            }
        })
        .collect();
    CalSession {
        id: s.id,
        session_type_id: s.session_type_id,
        type_name: s.session_type_name,
        color: s.session_type_color,
        start: s.start,
        end: s.end,
        capacity: s.capacity,
        meeting_url: s.meeting_url,
        notes: s.notes,
        cancelled: s.status == SessionStatus::Cancelled,
        group: s.kind == SessionKind::Group,
        participants,
        hosts: s.hosts,
        cohost_status,
    }
}

/// The open hours and the time off that touch `range`, read only near it.
async fn hours(
    cx: &Ctx,
    coach: &Coach,
    range: Interval,
    session_type_id: Option<i64>,
) -> AppResult<(Vec<Interval>, Vec<Interval>)> {
    let window = data_window(range.start, range.end);
    let mut conn = cx.db.pool().acquire().await?;
    let rules = hours_store::rules(&mut *conn, coach.id).await?;
    let overrides = hours_store::overrides_near(&mut *conn, coach.id, window).await?;
    let blocks = hours_store::blocks_near(&mut *conn, coach.id, window).await?;
    drop(conn);
    let tz = coach.zone.tz();
    let dates = coach_dates(coach, range);
    let mut windows = Vec::new();
    for &date in &dates {
        for (start, end) in windows_on(&rules, &overrides, date, session_type_id) {
            if let (Some(start), Some(end)) = (wall_to_instant(tz, start), wall_to_instant(tz, end))
            {
                windows.push(Interval { start, end });
            }
        }
    }
    let mut off = Vec::new();
    for block in &blocks {
        off.extend(block_intervals(block, coach, &dates));
    }
    Ok((clip(windows, range), clip(off, range)))
}

/// Imported busy time in `range`: the store keeps it in pieces of at most a week, so pieces of
/// one source that touch or overlap are joined back into the event they came from.
async fn imported_busy(
    cx: &Ctx,
    coach: &Coach,
    range: Interval,
) -> AppResult<Vec<(String, Interval)>> {
    let mut blocks = super::busy_calendars::blocks_between(cx, coach, range).await?;
    blocks.sort_by_key(|b| (b.calendar_id, b.interval.start));
    let mut joined: Vec<(i64, String, Interval)> = Vec::new();
    for b in blocks {
        match joined.last_mut() {
            Some((id, _, last)) if *id == b.calendar_id && b.interval.start <= last.end => {
                last.end = last.end.max(b.interval.end);
            }
            _ => joined.push((b.calendar_id, b.name, b.interval)),
        }
    }
    let mut out: Vec<(String, Interval)> = joined
        .into_iter()
        .filter_map(|(_, name, i)| {
            let start = i.start.max(range.start);
            let end = i.end.min(range.end);
            (start < end).then_some((name, Interval { start, end }))
        })
        .collect();
    out.sort_by_key(|(_, i)| i.start);
    Ok(out)
}

/// The coach's dates `range` reaches (their zone may differ from the page's).
fn coach_dates(coach: &Coach, range: Interval) -> Vec<Date> {
    let tz = coach.zone.tz();
    let first = tz.to_datetime(range.start).date();
    let last = tz
        .to_datetime(coachbook_core::time::sat_sub(
            range.end,
            jiff::SignedDuration::from_secs(1),
        ))
        .date();
    let mut dates = Vec::new();
    let mut d = first;
    while d <= last {
        dates.push(d);
        match d.tomorrow() {
            Ok(next) => d = next,
            Err(_) => break,
        }
    }
    dates
}

/// The wall-clock windows on `date`: the date's overrides when it has any (none = closed), else
/// the weekly rules that apply that day; only those for `session_type_id` when one is given.
fn windows_on(
    rules: &[WeeklyRule],
    overrides: &[DateOverride],
    date: Date,
    session_type_id: Option<i64>,
) -> Vec<(DateTime, DateTime)> {
    let for_type = |ids: &[coachbook_core::time::SessionTypeId]| {
        session_type_id.is_none_or(|t| ids.is_empty() || ids.iter().any(|i| i.0 == t))
    };
    let todays: Vec<&DateOverride> = overrides.iter().filter(|o| o.date == date).collect();
    let mut out = Vec::new();
    if todays.is_empty() {
        for r in rules {
            if r.applies_on(date) && for_type(&r.session_type_ids) {
                out.extend(wall_window(
                    TimeWindow {
                        start: r.start,
                        end: r.end,
                    },
                    date,
                ));
            }
        }
    } else {
        for o in todays {
            if for_type(&o.session_type_ids) {
                out.extend(o.windows.iter().filter_map(|w| wall_window(*w, date)));
            }
        }
    }
    out
}

/// A window as wall-clock readings on `date` (an end of 00:00 is the next midnight).
fn wall_window(w: TimeWindow, date: Date) -> Option<(DateTime, DateTime)> {
    let end = if w.end == Time::midnight() {
        date.tomorrow().ok()?.to_datetime(Time::midnight())
    } else {
        date.to_datetime(w.end)
    };
    Some((date.to_datetime(w.start), end))
}

/// The instants one block of time off covers on `dates` (the coach's).
fn block_intervals(block: &Block, coach: &Coach, dates: &[Date]) -> Vec<Interval> {
    let tz = coach.zone.tz();
    match block {
        Block::OneOff { start, end } => vec![Interval {
            start: *start,
            end: *end,
        }],
        Block::Days { from, until } => {
            let start = local_day(tz, *from).map(|d| d.start);
            let end = local_day(tz, *until).map(|d| d.end);
            match (start, end) {
                (Some(start), Some(end)) => vec![Interval { start, end }],
                _ => Vec::new(),
            }
        }
        Block::Weekly {
            weekdays,
            start,
            end,
            from,
            until,
        } => dates
            .iter()
            .filter(|d| {
                weekdays.contains(&d.weekday()) && *from <= **d && until.is_none_or(|u| **d <= u)
            })
            .filter_map(|d| {
                let (s, e) = wall_window(
                    TimeWindow {
                        start: *start,
                        end: *end,
                    },
                    *d,
                )?;
                Some(Interval {
                    start: wall_to_instant(tz, s)?,
                    end: wall_to_instant(tz, e)?,
                })
            })
            .collect(),
    }
}

/// Merged, clipped to `range`, empty ones dropped.
fn clip(intervals: Vec<Interval>, range: Interval) -> Vec<Interval> {
    let mut merged = merge_intervals(intervals);
    for i in &mut merged {
        i.start = i.start.max(range.start);
        i.end = i.end.min(range.end);
    }
    merged.retain(|i| !i.is_empty());
    merged
}

/// The times pending session requests ask for inside `range`. Pending requests expire within
/// days, so the read is bounded by what waits for an answer, not by the history.
async fn requested_times(
    cx: &Ctx,
    coach: &Coach,
    range: Interval,
    session_type_id: Option<i64>,
) -> AppResult<Vec<RequestedTime>> {
    let pending = session_requests::list(cx, coach, Some(RequestStatus::Pending)).await?;
    let mut out: Vec<RequestedTime> = pending
        .into_iter()
        .filter(|r| session_type_id.is_none_or(|t| t == r.session_type_id))
        .flat_map(|r| {
            r.times
                .iter()
                .filter(|t| t.interval().overlaps(&range))
                .map(|t| RequestedTime {
                    request_id: r.id,
                    name: r.name.clone(),
                    type_name: r.session_type_name.clone(),
                    start: t.start,
                    end: t.end,
                })
                .collect::<Vec<_>>()
        })
        .collect();
    out.sort_by_key(|t| (t.start, t.request_id));
    Ok(out)
}

// ---- The dashboard at a glance ----------------------------------------------------------------

/// A package credit count at or below this runs low.
pub const LOW_CREDITS: i64 = 1;
/// Credits that stop being usable within this many days expire soon.
pub const EXPIRES_SOON_DAYS: i64 = 14;
/// The most pending bookings, and the most clients low on credits, the dashboard names.
pub const GLANCE_ITEMS: usize = 5;
/// The most enrolments one glance reads.
const ENROLMENTS_READ: i64 = 500;

/// A client whose package credits run low or expire soon.
#[derive(Debug, Clone)]
pub struct LowCredit {
    pub client_id: i64,
    pub client_name: String,
    pub package_name: String,
    pub credits_remaining: i64,
    /// The first day the credits cannot be used.
    pub expires_on: Option<Date>,
    pub expires_soon: bool,
}

/// What the dashboard shows: today and this week on the calendar, what waits for the coach, and
/// who is running out of credits. Each part is one bounded read.
#[derive(Debug, Clone)]
pub struct Glance {
    pub today: Date,
    /// Today's sessions, by start.
    pub today_sessions: Vec<CalSession>,
    pub week_first: Date,
    pub week_sessions: usize,
    pub week_people: usize,
    /// Upcoming bookings waiting for approval (the first [`GLANCE_ITEMS`]) and how many there
    /// are (up to [`bookings::LIST_LIMIT`]).
    pub pending: Vec<PendingBooking>,
    pub pending_count: usize,
    pub requests: i64,
    pub new_applications: i64,
    pub low_credits: Vec<LowCredit>,
    pub low_credits_count: usize,
}

/// An upcoming booking waiting for the coach's approval.
#[derive(Debug, Clone)]
pub struct PendingBooking {
    pub booking_id: i64,
    pub session_id: i64,
    pub name: String,
    pub type_name: String,
    pub start: Timestamp,
    pub end: Timestamp,
}

/// The coach's practice at a glance, as of now, in their zone.
pub async fn glance(cx: &Ctx, coach: &Coach) -> AppResult<Glance> {
    let now = cx.now();
    let tz = coach.zone.tz();
    let today = tz.to_datetime(now).date();
    let out_of_range = || AppError::Internal(anyhow::anyhow!("today ({today}) has no week"));
    let week_first = iso_week_start(today).ok_or_else(out_of_range)?;
    let week_end = add_days(week_first, 7).ok_or_else(out_of_range)?;
    let day = local_day(tz, today).ok_or_else(out_of_range)?;
    let week_from = local_day(tz, week_first).ok_or_else(out_of_range)?.start;
    let week_to = local_day(tz, week_end).ok_or_else(out_of_range)?.start;
    let week: Vec<CalSession> = sessions::list(
        cx,
        coach,
        &sessions::ListFilter {
            from: week_from,
            to: week_to,
            session_type_id: None,
            status: Some(SessionStatus::Scheduled),
        },
    )
    .await?
    .into_iter()
    .map(|s| cal_session(s, coach.id, now))
    .filter(|s| !s.participants.is_empty())
    .collect();
    let mut today_sessions: Vec<CalSession> = week
        .iter()
        .filter(|s| s.interval().overlaps(&day))
        .cloned()
        .collect();
    today_sessions.sort_by_key(|s| (s.start, s.id));

    let horizon = coachbook_core::time::sat_add(now, jiff::SignedDuration::from_hours(24 * 366));
    let pending_all = super::bookings::list(
        cx,
        coach,
        &super::bookings::ListFilter {
            status: Some(BookingStatus::Pending),
            from: Some(now),
            to: Some(horizon),
            ..super::bookings::ListFilter::default()
        },
    )
    .await?;
    let pending_count = pending_all.len();
    let pending = pending_all
        .into_iter()
        .take(GLANCE_ITEMS)
        .map(|b| PendingBooking {
            booking_id: b.id,
            session_id: b.session_id,
            name: b.name,
            type_name: b.session_type_name,
            start: b.start,
            end: b.end,
        })
        .collect();

    let requests = session_requests::pending_count(cx, coach.id).await?;
    let new_applications = super::applications::counts(cx, coach)
        .await?
        .into_iter()
        .find(|(s, _)| *s == coachbook_core::application::ApplicationStatus::New)
        .map_or(0, |(_, n)| n);

    let soon = add_days(today, EXPIRES_SOON_DAYS).ok_or_else(out_of_range)?;
    let rows = crate::store::glance::usable_enrolments(
        cx.db.pool(),
        coach.id,
        crate::store::types::IsoDate(today),
        ENROLMENTS_READ,
    )
    .await?;
    let low: Vec<LowCredit> = rows
        .into_iter()
        .filter_map(|r| {
            let expires_on = r.expires_on.map(|d| d.date());
            let expires_soon = expires_on.is_some_and(|d| d <= soon);
            (r.credits_remaining <= LOW_CREDITS || expires_soon).then_some(LowCredit {
                client_id: r.client_id,
                client_name: r.client_name,
                package_name: r.package_name,
                credits_remaining: r.credits_remaining,
                expires_on,
                expires_soon,
            })
        })
        .collect();
    let low_credits_count = low.len();
    Ok(Glance {
        today,
        week_sessions: week.len(),
        week_people: week.iter().map(|s| s.participants.len()).sum(),
        today_sessions,
        week_first,
        pending,
        pending_count,
        requests,
        new_applications,
        low_credits: low.into_iter().take(GLANCE_ITEMS).collect(),
        low_credits_count,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn london() -> Zone {
        Zone::get("Europe/London").expect("zone")
    }

    #[test]
    fn each_view_spans_its_days() {
        let d: Date = "2026-11-04".parse().expect("date");
        let week = Span::new(View::Week, d, &london()).expect("week");
        assert_eq!(week.first.to_string(), "2026-11-02");
        assert_eq!(week.end.to_string(), "2026-11-09");
        assert_eq!(week.days().len(), 7);
        let month = Span::new(View::Month, d, &london()).expect("month");
        assert_eq!(month.first.to_string(), "2026-10-26");
        assert_eq!(month.end.to_string(), "2026-12-07");
        assert_eq!(month.days().len() % 7, 0);
        let list = Span::new(View::List, d, &london()).expect("list");
        assert_eq!(list.first.to_string(), "2026-11-01");
        assert_eq!(list.end.to_string(), "2026-12-01");
        let day = Span::new(View::Day, d, &london()).expect("day");
        assert_eq!(day.days(), vec![d]);
        assert_eq!(
            day.previous().map(|d| d.to_string()).as_deref(),
            Some("2026-11-03")
        );
        assert_eq!(
            list.next().map(|d| d.to_string()).as_deref(),
            Some("2026-12-04")
        );
    }

    #[test]
    fn a_day_the_clocks_change_is_its_real_length() {
        let d: Date = "2026-10-25".parse().expect("date");
        let day = Span::new(View::Day, d, &london()).expect("day");
        assert_eq!(day.range.end.duration_since(day.range.start).as_hours(), 25);
    }

    #[test]
    fn overrides_replace_the_rules_of_their_date() {
        let monday: Date = "2026-11-02".parse().expect("date");
        let rule = WeeklyRule {
            weekday: jiff::civil::Weekday::Monday,
            start: Time::constant(9, 0, 0, 0),
            end: Time::constant(17, 0, 0, 0),
            session_type_ids: Vec::new(),
            valid_from: None,
            valid_until: None,
            every_weeks: 1,
            anchor: None,
        };
        assert_eq!(
            windows_on(std::slice::from_ref(&rule), &[], monday, None).len(),
            1
        );
        let closed = DateOverride {
            date: monday,
            windows: Vec::new(),
            session_type_ids: Vec::new(),
        };
        assert!(windows_on(&[rule], &[closed], monday, None).is_empty());
    }
}
