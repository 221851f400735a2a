//! The coach's Calendar page (`/admin/calendar`): day, week, month and list views of the sessions
//! with their participants, the open hours shaded, time off and requested times drawn, in the
//! coach's zone or another; a side panel for one session (attendees and their statuses, notes,
//! meeting link, edit, move, cancel). Everything works without JavaScript (links and forms);
//! `calendar.js` lays the hours out, opens the BookSessionModal on an empty time, drags sessions
//! and refetches when the coach's event stream says the calendar changed.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use coachbook_core::time::{local_day, resolve_wall, Fold, Interval, Zone};
use coachbook_core::validate::{self, InvalidInput};
use jiff::civil::Date;
use jiff::Timestamp;
use serde::Deserialize;
use tower_sessions::Session;

use super::bookings::Modal;
use super::{render, set_notice, time_zones, FieldErrors, Shell, Tr};
use crate::app::accounts::Coach;
use crate::app::bookings::TimeInput;
use crate::app::calendar_view::{self, Ask, CalSession, CalendarData, Participant, View};
use crate::app::i18n::msg;
use crate::app::sessions::{self, SessionUpdate};
use crate::app::AppError;
use crate::web::assets::asset_url;
use crate::web::dates;
use crate::web::error::{PageError, PageResult};
use crate::web::extract::{PageCoach, PageForm};
use crate::web::AppState;

pub const PAGE: &str = "/admin/calendar";

pub fn router() -> Router<AppState> {
    Router::new()
        .route(PAGE, get(calendar_get))
        .route("/admin/calendar/sessions/{id}/move", post(move_post))
        .route("/admin/calendar/sessions/{id}/edit", post(edit_post))
        .route("/admin/calendar/sessions/{id}/cancel", post(cancel_post))
        .route(
            "/admin/calendar/sessions/{id}/template",
            post(template_post),
        )
}

/// The page's query as typed; every value optional, every one checked.
#[derive(Debug, Deserialize, Default, Clone)]
#[serde(default)]
pub struct CalendarQuery {
    pub view: String,
    pub date: String,
    pub zone: String,
    #[serde(rename = "type")]
    pub session_type: String,
    pub session: String,
    /// `1`: only the calendar itself, for the script to swap in.
    pub partial: String,
}

/// Where the page is: the view, the date, the zone read in and the type filtered by.
#[derive(Debug, Clone)]
pub struct Place {
    pub view: View,
    pub date: Date,
    pub zone: Zone,
    /// The zone named in the address (none when it is the coach's).
    pub zone_param: Option<String>,
    pub session_type: Option<i64>,
    pub session: Option<i64>,
}

impl Place {
    /// Reads the query; a value that does not read is a 400 naming it.
    pub fn read(q: &CalendarQuery, coach: &Coach, now: Timestamp) -> Result<Self, AppError> {
        let mut errors = Vec::new();
        let view = match q.view.trim() {
            "" => View::Week,
            raw => View::parse(raw).unwrap_or_else(|| {
                errors.push(
                    InvalidInput::new("view", "Choose the day, week, month or list view.")
                        .key("validate-choose-day-week-month"),
                );
                View::Week
            }),
        };
        let (zone, zone_param) = match q.zone.trim() {
            "" => (coach.zone.clone(), None),
            raw if raw == coach.zone.name() => (coach.zone.clone(), None),
            raw => match Zone::get(raw) {
                Ok(z) => {
                    let name = z.name().to_owned();
                    (z, Some(name))
                }
                Err(_) => {
                    errors.push(
                        InvalidInput::new(
                            "zone",
                            "Choose a time zone from the list, e.g. Europe/London.",
                        )
                        .key("validate-choose-time-zone-from"),
                    );
                    (coach.zone.clone(), None)
                }
            },
        };
        let today = now.to_zoned(zone.tz().clone()).date();
        let date = match q.date.trim() {
            "" => today,
            raw => validate::date("date", raw).unwrap_or_else(|e| {
                errors.push(e);
                today
            }),
        };
        let mut id = |field: &'static str, raw: &str, what: &str| match raw.trim() {
            "" => None,
            raw => match raw.parse::<i64>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    errors.push(InvalidInput::new(
                        field,
                        format!("Give the {what} as its number."),
                    ));
                    None
                }
            },
        };
        let session_type = id("type", &q.session_type, "session type");
        let session = id("session", &q.session, "session");
        if !errors.is_empty() {
            return Err(AppError::Malformed(errors));
        }
        Ok(Self {
            view,
            date,
            zone,
            zone_param,
            session_type,
            session,
        })
    }

    /// The page's address for `view` and `date` (keeping the zone and the type), with one
    /// session's panel open.
    pub fn href_for(&self, view: View, date: Date, session: Option<i64>) -> String {
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        q.append_pair("view", view.as_str());
        q.append_pair("date", &date.to_string());
        if let Some(z) = &self.zone_param {
            q.append_pair("zone", z);
        }
        if let Some(t) = self.session_type {
            q.append_pair("type", &t.to_string());
        }
        if let Some(s) = session {
            q.append_pair("session", &s.to_string());
        }
        format!("{PAGE}?{}", q.finish())
    }

    /// This place's address without a panel.
    pub fn href(&self) -> String {
        self.href_for(self.view, self.date, None)
    }

    /// This place's address with `session`'s panel open.
    pub fn with_session(&self, session: i64) -> String {
        self.href_for(self.view, self.date, Some(session))
    }
}

/// A stretch of one day, in minutes after the day's midnight as the clock shows it.
pub struct Piece {
    pub from: i64,
    pub to: i64,
    /// "09:00–17:00".
    pub text: String,
}

/// A session as one day of the calendar draws it.
pub struct Item {
    pub id: i64,
    pub type_id: i64,
    pub type_name: String,
    pub color: String,
    pub from: i64,
    pub to: i64,
    /// "09:00–10:00".
    pub time: String,
    pub who: String,
    pub pending: bool,
    pub group: bool,
    /// "3/8" for a group.
    pub seats: String,
    pub href: String,
    pub movable: bool,
    /// RFC 3339, for the script.
    pub start: String,
    pub minutes: i64,
    pub participants: Vec<Participant>,
    pub meeting_url: String,
    pub selected: bool,
    /// For a session the coach co-hosts: "Invited — accept / decline" or "Co-hosting"; empty
    /// for their own.
    pub cohost: String,
}

/// A requested time as a day draws it.
pub struct RequestItem {
    pub request_id: i64,
    pub from: i64,
    pub to: i64,
    pub time: String,
    pub name: String,
    pub type_name: String,
}

/// One day of the view.
pub struct DayCol {
    pub iso: String,
    /// "Mon 2".
    pub short: String,
    /// "Mon 2 Nov 2026".
    pub long: String,
    pub today: bool,
    /// Outside the month (month view).
    pub outside: bool,
    pub href: String,
    /// The UTC offset at noon, in minutes east (the script turns a clicked time into an instant).
    pub offset: i64,
    pub windows: Vec<Piece>,
    pub off: Vec<Piece>,
    /// Imported busy time: the piece and its calendar's name.
    pub busy: Vec<(Piece, String)>,
    pub items: Vec<Item>,
    pub requests: Vec<RequestItem>,
}

impl DayCol {
    /// Something to show in the list view.
    pub fn has_any(&self) -> bool {
        !(self.items.is_empty()
            && self.off.is_empty()
            && self.busy.is_empty()
            && self.requests.is_empty())
    }

    /// The first sessions of a month cell, and how many more there are.
    pub fn first_items(&self) -> &[Item] {
        &self.items[..self.items.len().min(MONTH_ITEMS)]
    }

    pub fn more(&self) -> usize {
        self.items.len().saturating_sub(MONTH_ITEMS)
    }

    /// Open hours, in words ("Open 09:00–12:00, 13:00–17:00"), or none.
    pub fn open_text(&self) -> String {
        if self.windows.is_empty() {
            return String::new();
        }
        let parts: Vec<&str> = self.windows.iter().map(|w| w.text.as_str()).collect();
        Tr::current().t1("calendar-open-at", "time", parts.join(", "))
    }
}

const MONTH_ITEMS: usize = 3;

/// One type in the legend and the filter.
pub struct TypeEntry {
    pub id: i64,
    pub name: String,
    pub color: String,
    pub selected: bool,
}

/// The side panel of one session.
pub struct Panel {
    pub item: Item,
    pub day: String,
    pub seats_text: String,
    pub close_href: String,
    pub back: String,
    /// What the forms show: the session's values, or what was sent back with a mistake.
    pub form: PanelForm,
    pub errors: FieldErrors,
    /// Why the last change was refused.
    pub error: Option<String>,
    /// Which form is open: `edit`, `move`, `cancel` or none.
    pub open: &'static str,
    /// A group session's waitlist (the waitlist pages' own list).
    pub wl: Option<super::waitlist::WaitlistPanel>,
    /// The series the session is an occurrence of: its id and its rule in words.
    pub series: Option<(i64, String)>,
    /// The hosts, when the session has co-hosts or may get them (`super::cohosts`).
    pub hosts: super::cohosts::HostsPanel,
}

/// The panel's edit and move forms as posted.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PanelForm {
    /// The coach to invite as co-host (an id).
    pub coach_id: String,
    pub meeting_url: String,
    pub notes: String,
    pub date: String,
    pub time: String,
    pub zone: String,
    pub reason: String,
    pub next: String,
    /// The name to save the session under as a template.
    pub name: String,
    /// What a cancellation reaches in a series: `this` (the default), `following` or `all`.
    pub scope: String,
    #[serde(skip)]
    pub override_hours: bool,
    pub override_availability: Option<String>,
}

/// Everything the calendar region draws.
pub struct Model {
    pub place: Place,
    pub view: View,
    pub title: String,
    pub zone_name: String,
    pub coach_zone: String,
    pub today_href: String,
    pub prev_href: String,
    pub next_href: String,
    pub views: Vec<(String, String, bool)>,
    pub days: Vec<DayCol>,
    pub hours: Vec<(i64, String)>,
    pub first_minute: i64,
    pub last_minute: i64,
    pub types: Vec<TypeEntry>,
    pub panel: Option<Panel>,
    pub missing_session: bool,
    pub truncated: bool,
    pub sessions: usize,
    pub pending: usize,
    pub requests: usize,
    pub self_href: String,
    pub type_param: String,
    /// This view in the coach's own zone.
    pub coach_zone_href: String,
    /// The coach's calendar version when this was read: the event stream's news is newer.
    pub version: i64,
    /// The reader's language, for the region and panel (which are also drawn without a shell).
    pub tr: Tr,
}

impl Model {
    /// The month view's rows of seven days.
    pub fn weeks(&self) -> Vec<&[DayCol]> {
        self.days.chunks(7).collect()
    }

    pub fn zones(&self) -> &'static [String] {
        time_zones()
    }

    /// Days with something on them (the list view).
    pub fn busy_days(&self) -> Vec<&DayCol> {
        self.days.iter().filter(|d| d.has_any()).collect()
    }

    pub fn is_view(&self, name: &str) -> bool {
        self.view.as_str() == name
    }

    /// Imported busy time shows somewhere in the span (the legend names it then).
    pub fn has_busy(&self) -> bool {
        self.days.iter().any(|d| !d.busy.is_empty())
    }

    /// "12 sessions · 2 pending approval · 1 requested time".
    pub fn summary(&self) -> String {
        let tr = self.tr;
        let mut parts = vec![tr.t1("calendar-summary-sessions", "count", self.sessions)];
        if self.pending > 0 {
            parts.push(tr.t1("calendar-summary-pending", "count", self.pending));
        }
        if self.requests > 0 {
            parts.push(tr.t1("calendar-summary-requests", "count", self.requests));
        }
        parts.join(" · ")
    }

    /// `text` escaped for HTML, to go into a message that carries markup (and is shown `|safe`).
    pub fn esc(&self, text: &str) -> String {
        escape_html(text)
    }

    /// The month view's column heads, Monday first.
    pub fn weekday_names(&self) -> Vec<String> {
        (1..=7)
            .map(|n| self.tr.t1("calendar-weekday", "weekday", n))
            .collect()
    }
}

/// `text` with the characters that mean something in HTML written as entities.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// "Mon 2".
fn day_short(tr: Tr, d: Date) -> String {
    let weekday = tr.t1(
        "calendar-weekday",
        "weekday",
        i64::from(d.weekday().to_monday_one_offset()),
    );
    tr.t2(
        "calendar-day-short",
        "weekday",
        weekday,
        "day",
        i64::from(d.day()),
    )
}

/// "2–8 Nov 2026" for a week, "November 2026" for a month.
fn span_title(tr: Tr, view: View, first: Date, last: Date, anchor: Date) -> String {
    let month = |id: &str, d: Date| tr.t1(id, "month", i64::from(d.month()));
    match view {
        View::Day => dates::date(anchor),
        View::Week if first.month() == last.month() => tr.args(
            "calendar-week-title",
            &[
                ("first", i64::from(first.day()).into()),
                ("last", i64::from(last.day()).into()),
                ("month", month("calendar-month-short", last).into()),
                ("year", last.year().to_string().into()),
            ],
        ),
        View::Week => tr.args(
            "calendar-week-title-across",
            &[
                ("first", i64::from(first.day()).into()),
                ("firstMonth", month("calendar-month-short", first).into()),
                ("last", i64::from(last.day()).into()),
                ("month", month("calendar-month-short", last).into()),
                ("year", last.year().to_string().into()),
            ],
        ),
        View::Month | View::List => tr.t2(
            "calendar-month-title",
            "month",
            month("calendar-month-long", anchor),
            "year",
            anchor.year().to_string(),
        ),
    }
}

/// The toolbar's name of a view.
fn view_label(tr: Tr, view: View) -> String {
    tr.t(match view {
        View::Day => msg("calendar-view-day"),
        View::Week => msg("calendar-view-week"),
        View::Month => msg("calendar-view-month"),
        View::List => msg("calendar-view-list"),
    })
}

/// Minutes after midnight the clock shows at `t` in `zone`.
fn wall_minutes(t: Timestamp, zone: &Zone) -> i64 {
    let z = t.to_zoned(zone.tz().clone());
    i64::from(z.hour()) * 60 + i64::from(z.minute())
}

/// The part of `i` on `day` (its interval `bounds`), in the day's minutes.
fn piece(i: Interval, bounds: Interval, zone: &Zone) -> Option<(i64, i64)> {
    let start = i.start.max(bounds.start);
    let end = i.end.min(bounds.end);
    if start >= end {
        return None;
    }
    let from = if start == bounds.start {
        0
    } else {
        wall_minutes(start, zone)
    };
    let to = if end == bounds.end {
        24 * 60
    } else {
        wall_minutes(end, zone)
    };
    // A day the clocks go back can read an earlier time at its end; keep pieces drawable.
    Some((from, to.max(from + 15).min(24 * 60)))
}

fn hhmm(m: i64) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

fn item(s: &CalSession, from: i64, to: i64, place: &Place, now: Timestamp) -> Item {
    Item {
        id: s.id,
        type_id: s.session_type_id,
        type_name: s.type_name.clone(),
        color: s.color.clone(),
        from,
        to,
        time: dates::time_range(s.start, s.end, &place.zone),
        who: s.who(),
        pending: s.pending(),
        group: s.is_group(),
        seats: format!("{}/{}", s.seats_taken(), s.capacity),
        href: format!("{}#session-panel", place.with_session(s.id)),
        movable: s.movable(now),
        start: s.start.to_string(),
        minutes: s.end.duration_since(s.start).as_mins(),
        participants: s.participants.clone(),
        meeting_url: s.meeting_url.clone(),
        selected: place.session == Some(s.id),
        cohost: match s.cohost_status.as_deref() {
            None => String::new(),
            Some("invited") => Tr::current().t("calendar-cohost-invited"),
            Some(_) => Tr::current().t("calendar-cohosting"),
        },
    }
}

/// Lays `data` out for `place`.
pub fn model(data: &CalendarData, place: Place, coach: &Coach, now: Timestamp) -> Model {
    let zone = place.zone.clone();
    let span = &data.span;
    let today = now.to_zoned(zone.tz().clone()).date();
    let mut days = Vec::new();
    for d in span.days() {
        let Some(bounds) = local_day(zone.tz(), d) else {
            continue;
        };
        let pieces = |list: &[Interval]| -> Vec<Piece> {
            list.iter()
                .filter_map(|i| piece(*i, bounds, &zone))
                .map(|(from, to)| Piece {
                    from,
                    to,
                    text: format!("{}–{}", hhmm(from), hhmm(to)),
                })
                .collect()
        };
        let items = data
            .sessions
            .iter()
            .filter(|s| s.start >= bounds.start && s.start < bounds.end)
            .filter_map(|s| {
                let (from, to) = piece(s.interval(), bounds, &zone)?;
                Some(item(s, from, to, &place, now))
            })
            .collect();
        let requests = data
            .requests
            .iter()
            .filter(|r| r.start >= bounds.start && r.start < bounds.end)
            .filter_map(|r| {
                let (from, to) = piece(
                    Interval {
                        start: r.start,
                        end: r.end,
                    },
                    bounds,
                    &zone,
                )?;
                Some(RequestItem {
                    request_id: r.request_id,
                    from,
                    to,
                    time: dates::time_range(r.start, r.end, &zone),
                    name: r.name.clone(),
                    type_name: r.type_name.clone(),
                })
            })
            .collect();
        let noon = d
            .to_datetime(jiff::civil::Time::constant(12, 0, 0, 0))
            .to_zoned(zone.tz().clone())
            .map(|z| i64::from(z.offset().seconds()) / 60)
            .unwrap_or(0);
        days.push(DayCol {
            iso: d.to_string(),
            short: day_short(Tr::current(), d),
            long: dates::date(d),
            today: d == today,
            outside: span.view == View::Month && d.month() != span.anchor.month(),
            href: place.href_for(View::Day, d, None),
            offset: noon,
            windows: pieces(&data.windows),
            off: pieces(&data.time_off),
            busy: data
                .busy
                .iter()
                .filter_map(|(name, i)| {
                    let (from, to) = piece(*i, bounds, &zone)?;
                    Some((
                        Piece {
                            from,
                            to,
                            text: format!("{}–{}", hhmm(from), hhmm(to)),
                        },
                        name.clone(),
                    ))
                })
                .collect(),
            items,
            requests,
        });
    }
    // The hours drawn: 07:00–20:00 at least, stretched to what the days hold.
    let (mut first, mut last) = (7 * 60, 20 * 60);
    if span.view.is_timed() {
        for d in &days {
            let spans = d
                .windows
                .iter()
                .map(|p| (p.from, p.to))
                .chain(d.items.iter().map(|i| (i.from, i.to)))
                .chain(d.requests.iter().map(|r| (r.from, r.to)));
            for (from, to) in spans {
                first = first.min(from / 60 * 60);
                last = last.max((to + 59) / 60 * 60);
            }
        }
    }
    let hours = (first / 60..last / 60)
        .map(|h| (h * 60, format!("{h:02}:00")))
        .collect();
    let tr = Tr::current();
    let last_day = span.end.yesterday().unwrap_or(span.end);
    let title = span_title(tr, span.view, span.first, last_day, span.anchor);
    let panel = data.selected.as_ref().and_then(|s| {
        let bounds = local_day(zone.tz(), s.start.to_zoned(zone.tz().clone()).date())?;
        let (from, to) = piece(s.interval(), bounds, &zone)?;
        let start = s.start.to_zoned(zone.tz().clone());
        Some(Panel {
            item: item(s, from, to, &place, now),
            day: dates::day(s.start, &zone),
            seats_text: if s.is_group() {
                tr.args(
                    "calendar-panel-seats",
                    &[
                        ("taken", s.seats_taken().into()),
                        ("capacity", s.capacity.into()),
                        ("left", s.seats_left().into()),
                    ],
                )
            } else {
                String::new()
            },
            close_href: place.href(),
            back: place.with_session(s.id),
            form: PanelForm {
                meeting_url: s.meeting_url.clone(),
                notes: s.notes.clone(),
                date: start.date().to_string(),
                time: start.strftime("%H:%M").to_string(),
                ..PanelForm::default()
            },
            errors: FieldErrors::default(),
            error: None,
            open: "",
            wl: None,
            series: None,
            hosts: super::cohosts::HostsPanel::of(s),
        })
    });
    let missing_session = place.session.is_some() && panel.is_none();
    let views = View::ALL
        .iter()
        .map(|v| {
            (
                view_label(tr, *v),
                place.href_for(*v, place.date, None),
                *v == span.view,
            )
        })
        .collect();
    let sessions = data.sessions.len();
    let pending = data.sessions.iter().filter(|s| s.pending()).count();
    Model {
        view: span.view,
        title,
        zone_name: zone.name().to_owned(),
        coach_zone: coach.zone.name().to_owned(),
        today_href: place.href_for(span.view, today, None),
        prev_href: place.href_for(span.view, span.previous().unwrap_or(span.anchor), None),
        next_href: place.href_for(span.view, span.next().unwrap_or(span.anchor), None),
        views,
        days,
        hours,
        first_minute: first,
        last_minute: last,
        types: data
            .types
            .iter()
            .map(|t| TypeEntry {
                id: t.id,
                name: t.name.clone(),
                color: t.color.clone(),
                selected: place.session_type == Some(t.id),
            })
            .collect(),
        panel,
        missing_session,
        truncated: data.truncated,
        sessions,
        pending,
        requests: data.requests.len(),
        self_href: place.href(),
        type_param: place
            .session_type
            .map(|t| t.to_string())
            .unwrap_or_default(),
        coach_zone_href: Place {
            zone_param: None,
            ..place.clone()
        }
        .href(),
        version: coach.calendar_version,
        tr,
        place,
    }
}

#[derive(Template)]
#[template(path = "pages/calendar.html")]
struct CalendarPage {
    shell: Shell,
    cal: Model,
    modal: Modal,
    script: String,
}

#[derive(Template)]
#[template(path = "pages/calendar_region.html")]
struct CalendarRegion {
    cal: Model,
}

/// Reads the calendar for `q`, laid out.
pub async fn build(state: &AppState, coach: &Coach, q: &CalendarQuery) -> PageResult<Model> {
    let now = state.clock().now();
    let place = Place::read(q, coach, now).map_err(PageError)?;
    let data = calendar_view::load(
        state.ctx(),
        coach,
        &Ask {
            view: place.view,
            date: place.date,
            zone: place.zone.clone(),
            session_type_id: place.session_type,
            session: place.session,
        },
    )
    .await
    .map_err(PageError)?;
    let mut cal = model(&data, place, coach, now);
    if let Some(p) = cal.panel.as_mut() {
        let s = sessions::get(state.ctx(), coach, p.item.id)
            .await
            .map_err(PageError)?;
        // A co-host sees the occurrence, not the owner's series.
        if let Some((series_id, _)) = s.series {
            match crate::app::series::get(state.ctx(), coach, series_id).await {
                Ok(series) => p.series = Some((series_id, series.description)),
                Err(AppError::NotFound(_)) => {}
                Err(e) => return Err(PageError(e)),
            }
        }
        super::cohosts::fill(state, coach, &mut p.hosts)
            .await
            .map_err(PageError)?;
    }
    if let Some(p) = cal.panel.as_mut().filter(|p| p.item.group) {
        p.wl = Some(
            super::waitlist::panel(state.ctx(), coach, p.item.id)
                .await
                .map_err(PageError)?,
        );
    }
    Ok(cal)
}

async fn calendar_get(
    State(state): State<AppState>,
    PageCoach(coach): PageCoach,
    session: Session,
    Query(q): Query<CalendarQuery>,
) -> PageResult<Response> {
    let cal = build(&state, &coach, &q).await?;
    if q.partial == "1" {
        let html = CalendarRegion { cal }
            .render()
            .map_err(|e| anyhow::anyhow!("template failed: {e}"))?;
        return Ok((StatusCode::OK, Html(html)).into_response());
    }
    let page = CalendarPage {
        shell: Shell::for_coach(Tr::current().t("calendar-title"), &coach, PAGE, &session).await,
        cal,
        modal: Modal::new(&state, &coach).await?,
        script: asset_url("calendar.js"),
    };
    render(StatusCode::OK, &page)
}

/// The calendar at `next` (a path on this site), as the page to show again after a change; the
/// calendar's own address when `next` is not one of its addresses.
fn query_of(next: &str, session: i64) -> CalendarQuery {
    let mut q = CalendarQuery::default();
    if let Some(query) = next
        .strip_prefix(PAGE)
        .and_then(|rest| rest.strip_prefix('?'))
    {
        for (k, v) in url::form_urlencoded::parse(query.split('#').next().unwrap_or("").as_bytes())
        {
            let v = v.into_owned();
            match k.as_ref() {
                "view" => q.view = v,
                "date" => q.date = v,
                "zone" => q.zone = v,
                "type" => q.session_type = v,
                _ => {}
            }
        }
    }
    q.session = session.to_string();
    q
}

/// Where to go after a change: `next` when it is a path on this site, else the calendar.
fn back_to(next: &str) -> String {
    super::local_path(next).unwrap_or(PAGE).to_owned()
}

/// Where a panel form's change goes: done, back to where the coach was with the notice `said`
/// makes of it; a session that is not there is the missing page it is; any other refusal shows
/// the calendar again with the form `open` and why.
pub(super) async fn panel_done<T>(
    (state, coach, session): (&AppState, &Coach, &Session),
    (id, form, open): (i64, PanelForm, &'static str),
    done: Result<T, AppError>,
    said: impl FnOnce(T) -> String,
) -> PageResult<Response> {
    match done {
        Ok(v) => {
            set_notice(session, &said(v)).await;
            Ok(Redirect::to(&back_to(&form.next)).into_response())
        }
        Err(AppError::NotFound(what)) => Err(PageError(AppError::NotFound(what))),
        Err(e) => panel_again(state, coach, session, id, form, open, e).await,
    }
}

/// The calendar again with one session's panel showing what was sent and why it did not work.
pub(super) async fn panel_again(
    state: &AppState,
    coach: &Coach,
    session: &Session,
    id: i64,
    form: PanelForm,
    open: &'static str,
    err: AppError,
) -> PageResult<Response> {
    let (status, errors, message) = match err {
        AppError::Refused(r) => (
            StatusCode::CONFLICT,
            FieldErrors::default(),
            Some(crate::web::words::refusal_on_page(&r)),
        ),
        e @ (AppError::Invalid(_) | AppError::Malformed(_)) => {
            let fields = e.fields().map(<[InvalidInput]>::to_vec).unwrap_or_default();
            // The move form calls the start time `time`.
            let fields = fields
                .into_iter()
                .map(|mut f| {
                    if matches!(f.field, "startTime" | "start") {
                        f.field = "time";
                    }
                    f
                })
                .collect::<Vec<_>>();
            let first = fields.first().map(|f| {
                Tr::current().t1("calendar-please-fix", "message", Tr::current().invalid(f))
            });
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                super::form_errors(AppError::Invalid(fields))?,
                first,
            )
        }
        other => return Err(PageError(other)),
    };
    let q = query_of(&form.next, id);
    let mut cal = build(state, coach, &q).await?;
    if let Some(p) = cal.panel.as_mut() {
        p.form.meeting_url = form.meeting_url;
        p.form.notes = form.notes;
        if open == "move" {
            p.form.date = form.date;
            p.form.time = form.time;
            p.form.override_hours = form.override_availability.is_some();
        }
        p.errors = errors;
        p.error = message;
        p.open = open;
    }
    let page = CalendarPage {
        shell: Shell::for_coach(Tr::current().t("calendar-title"), coach, PAGE, session).await,
        cal,
        modal: Modal::new(state, coach).await?,
        script: asset_url("calendar.js"),
    };
    render(status, &page)
}

/// The new time as the use case reads it: wall-clock in the coach's zone when the page was read
/// in it, else the instant the typed time means in the zone the page was read in.
fn new_time(form: &PanelForm, coach: &Coach) -> Result<TimeInput, AppError> {
    let zone = match form.zone.trim() {
        "" => coach.zone.clone(),
        raw => Zone::get(raw).map_err(|_| {
            AppError::from(
                InvalidInput::new(
                    "zone",
                    "Choose a time zone from the list, e.g. Europe/London.",
                )
                .key("validate-choose-time-zone-from"),
            )
        })?,
    };
    if zone.name() == coach.zone.name() {
        return Ok(TimeInput {
            date: form.date.clone(),
            start_time: form.time.clone(),
            ..TimeInput::default()
        });
    }
    let mut c = crate::app::Checker::default();
    let date = c.check(validate::date("date", &form.date));
    let time = c.check(validate::time_of_day("time", &form.time));
    c.finish()?;
    let (Some(date), Some(time)) = (date, time) else {
        return Err(AppError::from(
            InvalidInput::new("date", "Choose a date.").key("validate-date-empty"),
        ));
    };
    let at = resolve_wall(zone.tz(), date.to_datetime(time), Fold::Earlier).ok_or_else(|| {
        AppError::from(
            InvalidInput::new("date", "Choose a date between 2000 and 2199.")
                .key("validate-choose-date-between-2000"),
        )
    })?;
    Ok(TimeInput {
        start: at.instant.to_string(),
        ..TimeInput::default()
    })
}

async fn move_post(
    State(state): State<AppState>,
    PageCoach(coach): PageCoach,
    session: Session,
    Path(id): Path<i64>,
    PageForm(form): PageForm<PanelForm>,
) -> PageResult<Response> {
    let moved = match new_time(&form, &coach) {
        Ok(when) => {
            sessions::move_to(
                state.ctx(),
                &coach,
                id,
                &when,
                form.override_availability.is_some(),
            )
            .await
        }
        Err(e) => Err(e),
    };
    let zone = coach.zone.clone();
    panel_done(
        (&state, &coach, &session),
        (id, form, "move"),
        moved,
        |(s, notices)| {
            let mut message = Tr::current().t2(
                "calendar-moved",
                "day",
                dates::day(s.start, &zone),
                "time",
                dates::time_range(s.start, s.end, &zone),
            );
            for n in &notices {
                message.push(' ');
                message.push_str(&crate::web::words::notice(n));
            }
            message
        },
    )
    .await
}

async fn edit_post(
    State(state): State<AppState>,
    PageCoach(coach): PageCoach,
    session: Session,
    Path(id): Path<i64>,
    PageForm(form): PageForm<PanelForm>,
) -> PageResult<Response> {
    let change = SessionUpdate {
        notes: Some(form.notes.clone()),
        meeting_url: Some(form.meeting_url.trim().to_owned()),
        session_type_id: None,
    };
    let done = sessions::update(state.ctx(), &coach, id, &change).await;
    panel_done((&state, &coach, &session), (id, form, "edit"), done, |_| {
        Tr::current().t("calendar-saved")
    })
    .await
}

/// Saves the session as a template (type, length, capacity, link, notes; one client's agreed
/// price), to pick in the booking modal's "From template".
async fn template_post(
    State(state): State<AppState>,
    PageCoach(coach): PageCoach,
    session: Session,
    Path(id): Path<i64>,
    PageForm(form): PageForm<PanelForm>,
) -> PageResult<Response> {
    let done = sessions::save_as_template(state.ctx(), &coach, id, &form.name).await;
    panel_done(
        (&state, &coach, &session),
        (id, form, "template"),
        done,
        |t| Tr::current().t1("calendar-saved-template", "name", &t.name),
    )
    .await
}

async fn cancel_post(
    State(state): State<AppState>,
    PageCoach(coach): PageCoach,
    session: Session,
    Path(id): Path<i64>,
    PageForm(form): PageForm<PanelForm>,
) -> PageResult<Response> {
    let scope = match form.scope.as_str() {
        "following" => Some(crate::app::series::Scope::Following(id)),
        "all" => Some(crate::app::series::Scope::All),
        _ => None,
    };
    if let Some(scope) = scope {
        let series = sessions::get(state.ctx(), &coach, id)
            .await
            .map_err(PageError)?
            .series;
        if let Some((series_id, _)) = series {
            let done = crate::app::series::cancel(
                state.ctx(),
                &coach,
                series_id,
                scope,
                &form.reason,
                false,
            )
            .await;
            return panel_done(
                (&state, &coach, &session),
                (id, form, "cancel"),
                done,
                |o| Tr::current().t1("calendar-cancelled-series", "count", o.changed.len()),
            )
            .await;
        }
    }
    let done = sessions::cancel(state.ctx(), &coach, id, &form.reason, false).await;
    let zone = coach.zone.clone();
    panel_done(
        (&state, &coach, &session),
        (id, form, "cancel"),
        done,
        |s| {
            Tr::current().t2(
                "calendar-cancelled",
                "day",
                dates::day(s.start, &zone),
                "time",
                dates::time_range(s.start, s.end, &zone),
            )
        },
    )
    .await
}
