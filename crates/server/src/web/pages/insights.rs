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
use crate::app::i18n::Tr;
use crate::app::insights::{self, Grid, Insights, Period, Reliability};
use crate::web::api::insights::RangeQuery;
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

/// The weekdays' short and long names, Monday first, in the reader's language.
fn weekdays(tr: &Tr) -> Vec<(String, String)> {
    (1..=7)
        .map(|d| {
            (
                tr.t(&format!("insights-wd-{d}")),
                tr.t(&format!("insights-weekday-{d}")),
            )
        })
        .collect()
}

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
    day_labels: Vec<(i64, String)>,
    cells: Vec<HeatCell>,
    /// The table: one row per hour shown, a count per weekday.
    rows: Vec<(String, Vec<i64>)>,
    /// Below the map: the total and the hours shown.
    caption: String,
    /// The table's caption.
    table_caption: String,
}

impl HeatMap {
    fn new(id: &'static str, what: &str, g: &Grid, hours: &[i64], tr: &Tr) -> Self {
        let days = weekdays(tr);
        let left = 40;
        let top = 20;
        let cell_w = (WIDTH - left) / hours.len().max(1) as i64;
        let cell_h = 24;
        let max = g.max();
        let mut cells = Vec::new();
        for (d, (_, long)) in days.iter().enumerate() {
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
                    label: tr.args(
                        "insights-cell",
                        &[
                            ("day", long.as_str().into()),
                            ("hour", format!("{h:02}:00").into()),
                            ("count", count.into()),
                        ],
                    ),
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
        let day_labels = days
            .iter()
            .enumerate()
            .map(|(d, (short, _))| (top + d as i64 * cell_h + cell_h / 2 + 5, short.clone()))
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
                let day = days.get((d - 1) as usize).map_or("", |(_, l)| l.as_str());
                let most = tr.args(
                    "insights-heat-busiest",
                    &[
                        ("day", day.into()),
                        ("hour", format!("{h:02}:00").into()),
                        ("count", n.into()),
                    ],
                );
                format!(" {most}")
            })
            .unwrap_or_default();
        let (first, last) = (
            hours.first().copied().unwrap_or(0),
            hours.last().copied().unwrap_or(23),
        );
        Self {
            id,
            title: what.to_owned(),
            desc: format!(
                "{}{busiest}",
                tr.t2("insights-heat-desc", "what", what, "total", total)
            ),
            cell_w,
            cell_h,
            height: top + 7 * cell_h + 4,
            hour_labels,
            day_labels,
            cells,
            rows,
            caption: tr.args(
                "insights-heat-caption",
                &[
                    ("total", total.into()),
                    ("from", format!("{first:02}:00").into()),
                    ("to", format!("{last:02}:59").into()),
                ],
            ),
            table_caption: tr.t1("insights-heat-table", "title", what),
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
    fn new(id: &'static str, title: &str, items: Vec<(String, i64, String)>, tr: &Tr) -> Self {
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
            desc: tr.t2("insights-bars-desc", "title", title, "items", desc),
            height: bars.len() as i64 * 44 + 4,
            bars,
        }
    }
}

/// One part of a column: a session type's share of a period, or the whole of a week.
struct Segment {
    y: i64,
    height: i64,
    /// `ins-s1` … `ins-s6` (a session type's colour), or `chart-bar`.
    class: String,
    title: String,
}

struct Column {
    x: i64,
    segments: Vec<Segment>,
}

/// Vertical columns over time (periods or weeks), optionally stacked by session type, with a
/// value axis and every few periods labelled below.
struct Columns {
    id: &'static str,
    title: String,
    desc: String,
    col_w: i64,
    columns: Vec<Column>,
    labels: Vec<(i64, String)>,
    /// (y, label) of the value axis' lines.
    gridlines: Vec<(i64, String)>,
    /// (class, name) of each stacked series.
    legend: Vec<(String, String)>,
    /// The table behind the chart: the header and one row per period.
    head: Vec<String>,
    rows: Vec<(String, Vec<String>)>,
}

/// The drawing of [`Columns`]: its width (wider than the other charts: a year has 53 weeks),
/// the left margin for the axis, the right margin for the last label, top and plot height.
const COL_WIDTH: i64 = 640;
const COL_LEFT: i64 = 34;
const COL_RIGHT: i64 = 24;
const COL_TOP: i64 = 8;
const COL_PLOT: i64 = 150;
const COL_HEIGHT: i64 = COL_TOP + COL_PLOT + 24;

impl Columns {
    /// `values[p][k]`: period `p`'s value of series `k` (named `names[k]`); `max` at least 1.
    fn new(
        id: &'static str,
        title: &str,
        periods: &[String],
        names: &[String],
        values: &[Vec<i64>],
        max: i64,
        tr: &Tr,
    ) -> Self {
        let n = periods.len().max(1) as i64;
        let col_w = ((COL_WIDTH - COL_LEFT - COL_RIGHT) / n).max(2);
        let max = max.max(1);
        let scale = |v: i64| v * COL_PLOT / max;
        let columns = values
            .iter()
            .enumerate()
            .map(|(p, series)| {
                let mut top = COL_TOP + COL_PLOT;
                let segments = series
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| **v > 0)
                    .map(|(k, v)| {
                        let h = scale(*v).max(1);
                        top -= h;
                        let period = periods.get(p).map_or("", String::as_str);
                        let name = names.get(k).map_or("", String::as_str);
                        Segment {
                            y: top,
                            height: h,
                            class: format!("ins-s{}", k % 6 + 1),
                            title: tr.args(
                                "insights-segment",
                                &[
                                    ("period", period.into()),
                                    ("name", name.into()),
                                    ("count", (*v).into()),
                                ],
                            ),
                        }
                    })
                    .collect();
                Column {
                    x: COL_LEFT + p as i64 * col_w,
                    segments,
                }
            })
            .collect();
        // About six labels below, whatever the number of periods.
        let every = (n + 5) / 6;
        let labels = periods
            .iter()
            .enumerate()
            .filter(|(p, _)| (*p as i64) % every == 0)
            .map(|(p, l)| (COL_LEFT + p as i64 * col_w + col_w / 2, l.clone()))
            .collect();
        let gridlines = [0, max / 2, max]
            .into_iter()
            .map(|v| (COL_TOP + COL_PLOT - scale(v), v.to_string()))
            .collect();
        Self {
            id,
            title: title.to_owned(),
            desc: String::new(),
            col_w,
            columns,
            labels,
            gridlines,
            legend: Vec::new(),
            head: Vec::new(),
            rows: Vec::new(),
        }
    }

    fn height(&self) -> i64 {
        COL_HEIGHT
    }
}

/// "7 Dec" for a week, "Dec 2026" for a month.
fn period_label(by: Period, from: jiff::civil::Date) -> String {
    match by {
        Period::Week => dates::day_month(from),
        Period::Month => dates::month_year(from),
    }
}

/// Bookings per period, stacked by session type (the types of the range, most booked first).
fn trend_chart(i: &Insights, tr: &Tr) -> Columns {
    let types: Vec<(i64, String)> = i
        .types
        .iter()
        .map(|t| (t.session_type_id, t.name.clone()))
        .collect();
    let labels: Vec<String> = i
        .trend
        .iter()
        .map(|p| period_label(i.period, p.from))
        .collect();
    let values: Vec<Vec<i64>> = i
        .trend
        .iter()
        .map(|p| {
            types
                .iter()
                .map(|(id, _)| {
                    p.types
                        .iter()
                        .filter(|t| t.session_type_id == *id)
                        .map(|t| t.bookings)
                        .sum()
                })
                .collect()
        })
        .collect();
    let max = i.trend.iter().map(|p| p.bookings()).max().unwrap_or(0);
    let (what, title, desc) = match i.period {
        Period::Week => (
            "insights-col-week",
            "insights-trend-week",
            "insights-trend-week-desc",
        ),
        Period::Month => (
            "insights-col-month",
            "insights-trend-month",
            "insights-trend-month-desc",
        ),
    };
    let names: Vec<String> = types.iter().map(|(_, n)| n.clone()).collect();
    let mut c = Columns::new("trend", &tr.t(title), &labels, &names, &values, max, tr);
    c.legend = types
        .iter()
        .enumerate()
        .map(|(k, (_, name))| (format!("ins-s{}", k % 6 + 1), name.clone()))
        .collect();
    let total: i64 = i.trend.iter().map(|p| p.bookings()).sum();
    c.desc = tr.t2(desc, "total", total, "periods", i.trend.len());
    c.head = std::iter::once(tr.t(what))
        .chain(types.iter().map(|(_, n)| n.clone()))
        .chain(std::iter::once(tr.t("insights-col-revenue")))
        .chain(std::iter::once(tr.t("insights-col-received")))
        .collect();
    c.rows = i
        .trend
        .iter()
        .zip(&values)
        .map(|(p, v)| {
            let mut revenue: Vec<insights::Money> = Vec::new();
            for m in p.types.iter().flat_map(|t| &t.revenue) {
                match revenue.iter_mut().find(|r| r.currency == m.currency) {
                    Some(r) => r.cents += m.cents,
                    None => revenue.push(m.clone()),
                }
            }
            (
                format!("{} – {}", dates::date(p.from), dates::date(p.to)),
                v.iter()
                    .map(ToString::to_string)
                    .chain(std::iter::once(revenue_label(&revenue, tr)))
                    .chain(std::iter::once(revenue_label(&p.received, tr)))
                    .collect(),
            )
        })
        .collect();
    c
}

/// Utilisation per week: booked ÷ offered, in percent.
fn utilisation_chart(i: &Insights, tr: &Tr) -> Columns {
    let labels: Vec<String> = i
        .utilisation
        .iter()
        .map(|w| period_label(Period::Week, w.from))
        .collect();
    let values: Vec<Vec<i64>> = i
        .utilisation
        .iter()
        .map(|w| vec![w.utilisation_percent().unwrap_or(0)])
        .collect();
    // The scale: the busiest week rounded up to the next ten percent.
    let max = (values.iter().flatten().copied().max().unwrap_or(0) + 9) / 10 * 10;
    let max = max.max(10);
    let names = [tr.t("insights-col-util")];
    let title = tr.t("insights-util-chart");
    let mut c = Columns::new("utilisation", &title, &labels, &names, &values, max, tr);
    for ((col, w), label) in c.columns.iter_mut().zip(&i.utilisation).zip(&labels) {
        for seg in &mut col.segments {
            seg.class = "chart-bar".to_owned();
            seg.title = tr.args(
                "insights-util-segment",
                &[
                    ("week", label.as_str().into()),
                    ("booked", hours_label(w.booked_minutes, tr).into()),
                    ("offered", hours_label(w.offered_minutes, tr).into()),
                ],
            );
        }
    }
    for g in &mut c.gridlines {
        g.1.push('%');
    }
    let booked: i64 = i.utilisation.iter().map(|w| w.booked_minutes).sum();
    let offered: i64 = i.utilisation.iter().map(|w| w.offered_minutes).sum();
    c.desc = tr.t2(
        "insights-util-desc",
        "booked",
        hours_label(booked, tr),
        "offered",
        hours_label(offered, tr),
    );
    c.head = [
        "insights-col-week",
        "insights-col-booked",
        "insights-col-offered",
        "insights-col-util",
    ]
    .map(|id| tr.t(id))
    .to_vec();
    c.rows = i
        .utilisation
        .iter()
        .map(|w| {
            (
                format!("{} – {}", dates::date(w.from), dates::date(w.to)),
                vec![
                    hours_label(w.booked_minutes, tr),
                    hours_label(w.offered_minutes, tr),
                    w.utilisation_percent()
                        .map_or("–".to_owned(), |u| format!("{u}%")),
                ],
            )
        })
        .collect();
    c
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
    /// "Five sessions: 2 left".
    left: String,
    expires: String,
    last: String,
}

#[derive(Template)]
#[template(path = "pages/insights.html")]
struct InsightsPage {
    shell: Shell,
    from: String,
    to: String,
    /// "When clients want you …: 7 Sep – 5 Dec 2026 (90 days, Europe/London)."
    lead: String,
    /// "bookings", after the count.
    bookings_label: String,
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
    /// Payments recorded as received in the range; `None` when there are none.
    received_total: Option<String>,
    reliability_bars: Bars,
    by_type: Vec<Reliability>,
    by_client: Vec<Reliability>,
    active_clients: i64,
    funnel: Bars,
    nudges: Vec<NudgeRow>,
    by: &'static str,
    weekdays: Vec<(String, String)>,
    trend: Columns,
    utilisation: Columns,
    packages: Vec<insights::PackageStat>,
}

impl InsightsPage {
    fn csv(&self, part: &str) -> String {
        format!("/api/insights/{part}.csv?{}", self.csv_query)
    }

    /// Renewals as a share of the enrolments, "40%", or "–".
    fn renewal_share(p: &insights::PackageStat) -> String {
        if p.enrolments > 0 {
            format!("{}%", p.renewals * 100 / p.enrolments)
        } else {
            "–".to_owned()
        }
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
    let ((range, by), errors, status) = match q.range_by(today) {
        Ok(r) => (r, FieldErrors::default(), StatusCode::OK),
        Err(e) => (
            RangeQuery::default().range_by(today)?,
            form_errors(e)?,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    };
    let i = insights::insights(cx, &coach, range, by).await?;
    let tr = Tr::current();
    let shell = Shell::for_coach(&tr.t("insights-title"), &coach, PAGE, &session).await;
    let (from, to) = if errors.is_empty() {
        (range.from.to_string(), range.to.to_string())
    } else {
        (
            q.from.clone().unwrap_or_default(),
            q.to.clone().unwrap_or_default(),
        )
    };
    let page = page(shell, &i, from, to, errors, &tr);
    render(status, &page)
}

fn page(
    shell: Shell,
    i: &Insights,
    from: String,
    to: String,
    errors: FieldErrors,
    tr: &Tr,
) -> InsightsPage {
    let hours = shown_hours(&i.booked, &i.unmet);
    let booked = HeatMap::new("booked", &tr.t("insights-booked"), &i.booked, &hours, tr);
    let unmet = HeatMap::new("unmet", &tr.t("insights-unmet-long"), &i.unmet, &hours, tr);
    let types: Vec<TypeRow> = i
        .types
        .iter()
        .map(|t| TypeRow {
            name: t.name.clone(),
            bookings: t.bookings,
            sessions: t.sessions,
            hours: hours_label(t.minutes, tr),
            revenue: revenue_label(&t.revenue, tr),
        })
        .collect();
    let type_bars = Bars::new(
        "types",
        &tr.t("insights-types-bars"),
        i.types
            .iter()
            .map(|t| {
                (
                    t.name.clone(),
                    t.bookings,
                    tr.t2(
                        "insights-types-bar",
                        "count",
                        t.bookings,
                        "revenue",
                        revenue_label(&t.revenue, tr),
                    ),
                )
            })
            .collect(),
        tr,
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
        &tr.t("insights-rel-bars"),
        vec![
            sum_bar(tr.t("insights-rel-early"), &i.reliability_by_type, |r| {
                r.early_cancellations
            }),
            sum_bar(tr.t("insights-rel-late"), &i.reliability_by_type, |r| {
                r.late_cancellations
            }),
            sum_bar(tr.t("insights-rel-no-shows"), &i.reliability_by_type, |r| {
                r.no_shows
            }),
        ],
        tr,
    );
    let funnel = Bars::new(
        "funnel",
        &tr.t("insights-funnel-bars"),
        vec![
            funnel_bar(tr.t("insights-funnel-applied"), i.funnel.applied),
            funnel_bar(tr.t("insights-funnel-discovery"), i.funnel.discovery_calls),
            funnel_bar(tr.t("insights-funnel-clients"), i.funnel.promoted),
        ],
        tr,
    );
    let nudges = i
        .nudges
        .iter()
        .map(|n| NudgeRow {
            name: n.client_name.clone(),
            client_id: n.client_id,
            left: tr.t2(
                "insights-nudge-left",
                "package",
                &n.package_name,
                "count",
                n.credits_remaining,
            ),
            expires: n.expires_on.map_or(tr.t("insights-nudge-no-expiry"), |d| {
                tr.t1("insights-nudge-expires", "date", dates::date(d))
            }),
            last: n.last_session_at.map_or(tr.t("insights-nudge-never"), |t| {
                tr.t1("insights-nudge-last", "date", dates::day(t, &i.zone))
            }),
        })
        .collect();
    InsightsPage {
        shell,
        csv_query: format!(
            "from={}&to={}&by={}",
            i.range.from,
            i.range.to,
            i.period.as_str()
        ),
        lead: tr.args(
            "insights-lead",
            &[
                (
                    "range",
                    format!(
                        "{} – {}",
                        dates::date(i.range.from),
                        dates::date(i.range.to)
                    )
                    .into(),
                ),
                ("days", i.range.days().into()),
                ("zone", i.zone.name().into()),
            ],
        ),
        bookings_label: tr.t1(
            "insights-stat-bookings",
            "count",
            i.types.iter().map(|t| t.bookings).sum::<i64>(),
        ),
        from,
        to,
        zone: i.zone.name().to_owned(),
        errors,
        empty: i.is_empty(),
        booked,
        unmet,
        bookings: i.types.iter().map(|t| t.bookings).sum(),
        hours_total: hours_label(i.types.iter().map(|t| t.minutes).sum(), tr),
        revenue_total: revenue_label(&totals, tr),
        received_total: {
            let received = i.received();
            (!received.is_empty()).then(|| revenue_label(&received, tr))
        },
        types,
        type_bars,
        reliability_bars,
        by_type: i.reliability_by_type.clone(),
        by_client: i
            .reliability_by_client
            .iter()
            .map(|r| match r.id {
                // People who are not clients have no name of their own: the row says what
                // they are, in the reader's language.
                None => Reliability {
                    name: tr.t("insights-not-clients"),
                    ..r.clone()
                },
                Some(_) => r.clone(),
            })
            .collect(),
        active_clients: i.active_clients,
        funnel,
        nudges,
        by: i.period.as_str(),
        weekdays: weekdays(tr),
        trend: trend_chart(i, tr),
        utilisation: utilisation_chart(i, tr),
        packages: i.packages.clone(),
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
    label: String,
    rows: &[Reliability],
    f: impl Fn(&Reliability) -> i64,
) -> (String, i64, String) {
    let n: i64 = rows.iter().map(f).sum();
    (label, n, dates::number(n))
}

fn funnel_bar(label: String, n: i64) -> (String, i64, String) {
    (label, n, dates::number(n))
}

/// "1.50 h" / "1,50 Std.".
fn hours_label(minutes: i64, tr: &Tr) -> String {
    tr.t1(
        "insights-hours",
        "hours",
        dates::decimal(minutes * 100 / 60, 2),
    )
}

/// "EUR 80.00 + GBP 10.00", or "Free".
fn revenue_label(revenue: &[insights::Money], tr: &Tr) -> String {
    let paid: Vec<String> = revenue
        .iter()
        .filter(|m| m.cents > 0)
        .map(|m| crate::app::money::show(m.cents, &m.currency))
        .collect();
    if paid.is_empty() {
        tr.t("insights-free")
    } else {
        paid.join(" + ")
    }
}
