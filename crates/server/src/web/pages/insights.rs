//! The coach's Insights page, `/admin/insights`: over a range of days (the last 90 by default),
//! popular times beside the times asked for but not offered (heat maps), what each session type
//! brings, cancellations and no-shows, the application funnel and the clients to nudge. Charts
//! are SVG drawn here (a `<title>`, a `<desc>`, and the figures as a table behind a "Show as
//! table" toggle); no script. Each chart links to its CSV under `/api/insights`.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use tower_sessions::Session;

use super::{form_errors, render, FieldErrors, Shell};
use crate::app::catalog::money;
use crate::app::insights::{self, Grid, Insights, Reliability};
use crate::web::api::insights::{hours, RangeQuery};
use crate::web::dates;
use crate::web::error::PageResult;
use crate::web::extract::PageCoach;
use crate::web::AppState;

pub const PAGE: &str = "/admin/insights";

pub fn router() -> Router<AppState> {
    Router::new().route(PAGE, get(insights_get))
}

/// The SVG's drawing width; it scales to the card.
const WIDTH: i64 = 400;

const WEEKDAYS: [(&str, &str); 7] = [
    ("Mon", "Monday"),
    ("Tue", "Tuesday"),
    ("Wed", "Wednesday"),
    ("Thu", "Thursday"),
    ("Fri", "Friday"),
    ("Sat", "Saturday"),
    ("Sun", "Sunday"),
];

/// One cell of a heat map, placed.
struct HeatCell {
    x: i64,
    y: i64,
    level: i64,
    label: String,
}

/// A weekday × hour heat map: the hours shown run from the earliest to the latest with a count
/// in either map (so the two maps line up), at least 09:00–17:00.
struct HeatMap {
    id: &'static str,
    title: String,
    desc: String,
    cell_w: i64,
    cell_h: i64,
    height: i64,
    hour_labels: Vec<(i64, String)>,
    day_labels: Vec<(i64, &'static str)>,
    cells: Vec<HeatCell>,
    /// The table: one row per hour shown, a count per weekday.
    rows: Vec<(String, Vec<i64>)>,
    total: i64,
    /// "09:00–17:59", the hours shown.
    span: String,
}

impl HeatMap {
    fn new(id: &'static str, what: &str, g: &Grid, hours: &[i64]) -> Self {
        let left = 40;
        let top = 20;
        let cell_w = (WIDTH - left) / hours.len().max(1) as i64;
        let cell_h = 24;
        let max = g.max();
        let mut cells = Vec::new();
        for (d, (_, long)) in WEEKDAYS.iter().enumerate() {
            let day = d as i64 + 1;
            for (n, h) in hours.iter().enumerate() {
                let count = g.count(day, *h);
                let level = if count == 0 || max == 0 {
                    0
                } else {
                    ((count * 4 + max - 1) / max).clamp(1, 4)
                };
                cells.push(HeatCell {
                    x: left + n as i64 * cell_w,
                    y: top + d as i64 * cell_h,
                    level,
                    label: format!("{long} {h:02}:00: {count}"),
                });
            }
        }
        let step = if hours.len() > 12 { 3 } else { 2 };
        let hour_labels = hours
            .iter()
            .enumerate()
            .filter(|(_, h)| *h % step == 0)
            .map(|(n, h)| (left + n as i64 * cell_w + cell_w / 2, format!("{h:02}")))
            .collect();
        let day_labels = WEEKDAYS
            .iter()
            .enumerate()
            .map(|(d, (short, _))| (top + d as i64 * cell_h + cell_h / 2 + 5, *short))
            .collect();
        let rows = hours
            .iter()
            .map(|h| {
                (
                    format!("{h:02}:00"),
                    (1..=7).map(|d| g.count(d, *h)).collect(),
                )
            })
            .collect();
        let total = g.total();
        let busiest = g
            .cells()
            .into_iter()
            .max_by_key(|(d, h, n)| (*n, -d, -h))
            .map(|(d, h, n)| {
                format!(
                    " The most: {} at {h:02}:00 ({n}).",
                    WEEKDAYS[(d - 1) as usize].1
                )
            })
            .unwrap_or_default();
        Self {
            id,
            title: what.to_owned(),
            desc: format!(
                "Heat map of {what} by weekday (rows) and hour (columns): {total} in all.{busiest}"
            ),
            cell_w,
            cell_h,
            height: top + 7 * cell_h + 4,
            hour_labels,
            day_labels,
            cells,
            rows,
            total,
            span: format!(
                "hours {:02}:00–{:02}:59",
                hours.first().copied().unwrap_or(0),
                hours.last().copied().unwrap_or(23)
            ),
        }
    }
}

/// One bar of a bar chart, placed.
struct Bar {
    label: String,
    value: i64,
    shown: String,
    y: i64,
    width: i64,
}

/// Horizontal bars, each with its label above it and its value after it.
struct Bars {
    id: &'static str,
    title: String,
    desc: String,
    height: i64,
    bars: Vec<Bar>,
}

impl Bars {
    fn new(id: &'static str, title: &str, items: Vec<(String, i64, String)>) -> Self {
        let max = items.iter().map(|(_, v, _)| *v).max().unwrap_or(0).max(1);
        let full = WIDTH - 80;
        let desc = items
            .iter()
            .map(|(l, _, s)| format!("{l}: {s}"))
            .collect::<Vec<_>>()
            .join("; ");
        let bars: Vec<Bar> = items
            .into_iter()
            .enumerate()
            .map(|(n, (label, value, shown))| Bar {
                label,
                value,
                shown,
                y: n as i64 * 44,
                width: (value * full / max).max(if value > 0 { 2 } else { 0 }),
            })
            .collect();
        Self {
            id,
            title: title.to_owned(),
            desc: format!("Bar chart of {}. {desc}.", title.to_lowercase()),
            height: bars.len() as i64 * 44 + 4,
            bars,
        }
    }
}

/// A session type's row of the table.
struct TypeRow {
    name: String,
    bookings: i64,
    sessions: i64,
    hours: String,
    revenue: String,
}

struct NudgeRow {
    name: String,
    client_id: i64,
    package: String,
    credits: i64,
    expires: String,
    last: String,
}

#[derive(Template)]
#[template(path = "pages/insights.html")]
struct InsightsPage {
    shell: Shell,
    from: String,
    to: String,
    days: i64,
    range_label: String,
    zone: String,
    errors: FieldErrors,
    empty: bool,
    csv_query: String,
    booked: HeatMap,
    unmet: HeatMap,
    types: Vec<TypeRow>,
    type_bars: Bars,
    bookings: i64,
    hours_total: String,
    revenue_total: String,
    reliability_bars: Bars,
    by_type: Vec<Reliability>,
    by_client: Vec<Reliability>,
    active_clients: i64,
    funnel: Bars,
    nudges: Vec<NudgeRow>,
}

impl InsightsPage {
    fn weekdays(&self) -> &'static [(&'static str, &'static str)] {
        &WEEKDAYS
    }

    fn csv(&self, part: &str) -> String {
        format!("/api/insights/{part}.csv?{}", self.csv_query)
    }
}

async fn insights_get(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Query(q): Query<RangeQuery>,
) -> PageResult<Response> {
    let cx = state.ctx();
    let today = insights::today(cx, &coach);
    // A range that does not read is shown beside the form; the default range is shown meanwhile.
    let (range, errors, status) = match q.range(today) {
        Ok(r) => (r, FieldErrors::default(), StatusCode::OK),
        Err(e) => (
            RangeQuery::default().range(today)?,
            form_errors(e)?,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    };
    let i = insights::insights(cx, &coach, range).await?;
    let shell = Shell::for_coach("Insights", &coach, PAGE, &session).await;
    let (from, to) = if errors.is_empty() {
        (range.from.to_string(), range.to.to_string())
    } else {
        (
            q.from.clone().unwrap_or_default(),
            q.to.clone().unwrap_or_default(),
        )
    };
    let page = page(shell, &i, from, to, errors);
    render(status, &page)
}

fn page(shell: Shell, i: &Insights, from: String, to: String, errors: FieldErrors) -> InsightsPage {
    let hours = shown_hours(&i.booked, &i.unmet);
    let booked = HeatMap::new("booked", "Sessions booked", &i.booked, &hours);
    let unmet = HeatMap::new("unmet", "Times asked for but not offered", &i.unmet, &hours);
    let types: Vec<TypeRow> = i
        .types
        .iter()
        .map(|t| TypeRow {
            name: t.name.clone(),
            bookings: t.bookings,
            sessions: t.sessions,
            hours: hours_label(t.minutes),
            revenue: revenue_label(&t.revenue),
        })
        .collect();
    let type_bars = Bars::new(
        "types",
        "Bookings per session type",
        i.types
            .iter()
            .map(|t| {
                (
                    t.name.clone(),
                    t.bookings,
                    format!(
                        "{} · {}",
                        plural(t.bookings, "booking"),
                        revenue_label(&t.revenue)
                    ),
                )
            })
            .collect(),
    );
    let mut totals: Vec<insights::Money> = Vec::new();
    for m in i.types.iter().flat_map(|t| &t.revenue) {
        match totals.iter_mut().find(|t| t.currency == m.currency) {
            Some(t) => t.cents += m.cents,
            None => totals.push(m.clone()),
        }
    }
    let reliability_bars = Bars::new(
        "reliability",
        "Cancellations and no-shows",
        vec![
            sum_bar("Cancelled early", &i.reliability_by_type, |r| {
                r.early_cancellations
            }),
            sum_bar("Cancelled late", &i.reliability_by_type, |r| {
                r.late_cancellations
            }),
            sum_bar("No-shows", &i.reliability_by_type, |r| r.no_shows),
        ],
    );
    let funnel = Bars::new(
        "funnel",
        "Application funnel",
        vec![
            funnel_bar("Applied", i.funnel.applied),
            funnel_bar("Discovery call booked", i.funnel.discovery_calls),
            funnel_bar("Became clients", i.funnel.promoted),
        ],
    );
    let nudges = i
        .nudges
        .iter()
        .map(|n| NudgeRow {
            name: n.client_name.clone(),
            client_id: n.client_id,
            package: n.package_name.clone(),
            credits: n.credits_remaining,
            expires: n.expires_on.map_or("no expiry".to_owned(), |d| {
                format!("expires {}", dates::date(d))
            }),
            last: n.last_session_at.map_or("no session yet".to_owned(), |t| {
                format!("last session {}", dates::day(t, &i.zone))
            }),
        })
        .collect();
    InsightsPage {
        shell,
        csv_query: format!("from={}&to={}", i.range.from, i.range.to),
        range_label: format!(
            "{} – {}",
            dates::date(i.range.from),
            dates::date(i.range.to)
        ),
        days: i.range.days(),
        from,
        to,
        zone: i.zone.name().to_owned(),
        errors,
        empty: i.is_empty(),
        booked,
        unmet,
        bookings: i.types.iter().map(|t| t.bookings).sum(),
        hours_total: hours_label(i.types.iter().map(|t| t.minutes).sum()),
        revenue_total: revenue_label(&totals),
        types,
        type_bars,
        reliability_bars,
        by_type: i.reliability_by_type.clone(),
        by_client: i.reliability_by_client.clone(),
        active_clients: i.active_clients,
        funnel,
        nudges,
    }
}

/// The hours both heat maps show: every hour from the earliest to the latest with a count,
/// widened to at least 09:00–17:00.
fn shown_hours(a: &Grid, b: &Grid) -> Vec<i64> {
    let used = a.cells().into_iter().chain(b.cells()).map(|(_, h, _)| h);
    let first = used.clone().min().unwrap_or(9).min(9);
    let last = used.max().unwrap_or(17).max(17);
    (first..=last).collect()
}

fn sum_bar(
    label: &str,
    rows: &[Reliability],
    f: impl Fn(&Reliability) -> i64,
) -> (String, i64, String) {
    let n: i64 = rows.iter().map(f).sum();
    (label.to_owned(), n, n.to_string())
}

fn funnel_bar(label: &str, n: i64) -> (String, i64, String) {
    (label.to_owned(), n, n.to_string())
}

fn plural(n: i64, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// "1.50 h".
fn hours_label(minutes: i64) -> String {
    format!("{} h", hours(minutes))
}

/// "EUR 80.00 + GBP 10.00", or "Free".
fn revenue_label(revenue: &[insights::Money]) -> String {
    let paid: Vec<String> = revenue
        .iter()
        .filter(|m| m.cents > 0)
        .map(|m| money(m.cents, &m.currency))
        .collect();
    if paid.is_empty() {
        "Free".to_owned()
    } else {
        paid.join(" + ")
    }
}
