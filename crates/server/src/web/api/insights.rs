//! `GET /api/insights`: the coach's insights over a range of days (JSON), and
//! `GET /api/insights/{part}.csv`: one chart's or table's figures as CSV.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use coachbook_core::time::rfc3339;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::app::insights::{self, Insights, Period, Range, Reliability};
use crate::app::AppError;
use crate::web::error::{ApiResult, ErrorBody};
use crate::web::extract::{ApiCoach, ApiPath, ApiQuery};
use crate::web::AppState;

/// The range: days in your zone, both included.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct RangeQuery {
    /// `YYYY-MM-DD`, the first day; default 89 days before `to`.
    #[param(max_length = 32)]
    pub from: Option<String>,
    /// `YYYY-MM-DD`, the last day; default today. At most 366 days after `from`, counting both.
    #[param(max_length = 32)]
    pub to: Option<String>,
    /// `week` or `month`: what the trends are counted per; default weeks for ranges up to 92
    /// days, else months.
    #[param(max_length = 16)]
    pub by: Option<String>,
}

impl RangeQuery {
    pub fn range(&self, today: jiff::civil::Date) -> Result<Range, AppError> {
        Range::parse(self.from.as_deref(), self.to.as_deref(), today)
    }

    /// The range and the period of the trends, every field's error at once.
    pub fn range_by(&self, today: jiff::civil::Date) -> Result<(Range, Period), AppError> {
        let range = self.range(today);
        let by = match &range {
            Ok(r) => Period::parse(self.by.as_deref(), r),
            Err(_) => Period::parse(
                self.by.as_deref().or(Some("week")),
                &Range {
                    from: today,
                    to: today,
                },
            ),
        };
        match (range, by) {
            (Ok(r), Ok(b)) => Ok((r, b)),
            (Err(AppError::Invalid(mut a)), Err(AppError::Invalid(b))) => {
                a.extend(b);
                Err(AppError::Invalid(a))
            }
            (Err(e), _) | (_, Err(e)) => Err(e),
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CellView {
    /// 1 = Monday … 7 = Sunday, in your zone.
    pub weekday: i64,
    /// 0–23, in your zone.
    pub hour: i64,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PopularTimesView {
    /// Bookings (pending, confirmed or completed) per weekday and hour of their session's start;
    /// only cells with a count.
    pub booked: Vec<CellView>,
    pub booked_total: i64,
    /// Times proposed in session requests that were declined or expired and were not open
    /// slots when asked, per weekday and hour; only cells with a count.
    pub requested_not_offered: Vec<CellView>,
    pub requested_not_offered_total: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MoneyView {
    /// ISO 4217.
    pub currency: String,
    /// Integer minor units (cents).
    pub amount_cents: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TypeView {
    pub session_type_id: i64,
    pub name: String,
    /// Bookings counted (each participant of a group session counts).
    pub bookings: i64,
    /// Sessions with a booking counted, and their minutes (your time: a group session once).
    pub sessions: i64,
    pub minutes: i64,
    /// Per currency: the booking's agreed price when it has one, else the type's price.
    pub revenue: Vec<MoneyView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReliabilityView {
    /// The session type's or client's id; null for people who are not clients.
    pub id: Option<i64>,
    pub name: String,
    /// All bookings of sessions in the range, whatever became of them.
    pub bookings: i64,
    /// Cancelled before your cancellation cut-off.
    pub early_cancellations: i64,
    /// Cancelled after it.
    pub late_cancellations: i64,
    pub no_shows: i64,
}

impl From<&Reliability> for ReliabilityView {
    fn from(r: &Reliability) -> Self {
        Self {
            id: r.id,
            name: r.name.clone(),
            bookings: r.bookings,
            early_cancellations: r.early_cancellations,
            late_cancellations: r.late_cancellations,
            no_shows: r.no_shows,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReliabilitiesView {
    pub by_type: Vec<ReliabilityView>,
    /// The least reliable first.
    pub by_client: Vec<ReliabilityView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FunnelView {
    /// Applications sent in the range.
    pub applied: i64,
    /// Of those, with a discovery call booked.
    pub discovery_calls: i64,
    /// Of those, promoted to clients.
    pub promoted: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NudgeView {
    pub client_id: i64,
    pub client_name: String,
    pub package_name: String,
    pub credits_remaining: i64,
    /// `YYYY-MM-DD`, the first day the credits cannot be used; null = no expiry.
    pub expires_on: Option<String>,
    /// RFC 3339 in your zone; null when the client never had a session.
    pub last_session_at: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClientsView {
    /// Clients with a booking counted in the range.
    pub active: i64,
    pub funnel: FunnelView,
    /// Active clients with credits left in an active package and nothing booked ahead (at
    /// most 100), those longest without a session first.
    pub nudge: Vec<NudgeView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TypePointView {
    pub session_type_id: i64,
    pub name: String,
    pub bookings: i64,
    pub revenue: Vec<MoneyView>,
}

/// One week or month of the trend.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PointView {
    /// `YYYY-MM-DD`: the period's first and last day, clipped to the range.
    pub from: String,
    pub to: String,
    /// Bookings counted and revenue, per session type with any.
    pub session_types: Vec<TypePointView>,
    /// Payments you recorded as received on these days (by the day paid), per currency.
    pub received: Vec<MoneyView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TrendView {
    /// `week` or `month`.
    pub by: String,
    pub periods: Vec<PointView>,
}

/// One week (Monday to Sunday, clipped to the range) of utilisation.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WeekView {
    /// `YYYY-MM-DD`.
    pub from: String,
    pub to: String,
    /// Your time in sessions with a booking counted (a group session once).
    pub booked_minutes: i64,
    /// Your open hours (every window, for any session type) less time off and busy time.
    pub offered_minutes: i64,
    /// Booked ÷ offered in whole percent, rounded down; null when nothing was offered.
    pub utilisation_percent: Option<i64>,
}

/// One package's enrolments made in the range (not cancelled).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PackageView {
    pub package_id: i64,
    pub name: String,
    pub enrolments: i64,
    /// Of those, by clients who had enrolled with you before.
    pub renewals: i64,
}

/// Your insights over a range of days.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InsightsView {
    /// `YYYY-MM-DD`, both included.
    pub from: String,
    pub to: String,
    pub time_zone: String,
    pub popular_times: PopularTimesView,
    pub session_types: Vec<TypeView>,
    pub trend: TrendView,
    /// Payments you recorded as received in the range, per currency.
    pub received: Vec<MoneyView>,
    pub utilisation: Vec<WeekView>,
    pub packages: Vec<PackageView>,
    pub reliability: ReliabilitiesView,
    pub clients: ClientsView,
}

fn money_views(m: &[insights::Money]) -> Vec<MoneyView> {
    m.iter()
        .map(|m| MoneyView {
            currency: m.currency.clone(),
            amount_cents: m.cents,
        })
        .collect()
}

fn cells(g: &insights::Grid) -> Vec<CellView> {
    g.cells()
        .into_iter()
        .map(|(weekday, hour, count)| CellView {
            weekday,
            hour,
            count,
        })
        .collect()
}

impl From<&Insights> for InsightsView {
    fn from(i: &Insights) -> Self {
        Self {
            from: i.range.from.to_string(),
            to: i.range.to.to_string(),
            time_zone: i.zone.name().to_owned(),
            popular_times: PopularTimesView {
                booked: cells(&i.booked),
                booked_total: i.booked.total(),
                requested_not_offered: cells(&i.unmet),
                requested_not_offered_total: i.unmet.total(),
            },
            session_types: i
                .types
                .iter()
                .map(|t| TypeView {
                    session_type_id: t.session_type_id,
                    name: t.name.clone(),
                    bookings: t.bookings,
                    sessions: t.sessions,
                    minutes: t.minutes,
                    revenue: money_views(&t.revenue),
                })
                .collect(),
            trend: TrendView {
                by: i.period.as_str().to_owned(),
                periods: i
                    .trend
                    .iter()
                    .map(|p| PointView {
                        from: p.from.to_string(),
                        to: p.to.to_string(),
                        session_types: p
                            .types
                            .iter()
                            .map(|t| TypePointView {
                                session_type_id: t.session_type_id,
                                name: t.name.clone(),
                                bookings: t.bookings,
                                revenue: money_views(&t.revenue),
                            })
                            .collect(),
                        received: money_views(&p.received),
                    })
                    .collect(),
            },
            received: money_views(&i.received()),
            utilisation: i
                .utilisation
                .iter()
                .map(|w| WeekView {
                    from: w.from.to_string(),
                    to: w.to.to_string(),
                    booked_minutes: w.booked_minutes,
                    offered_minutes: w.offered_minutes,
                    utilisation_percent: w.utilisation_percent(),
                })
                .collect(),
            packages: i
                .packages
                .iter()
                .map(|p| PackageView {
                    package_id: p.package_id,
                    name: p.name.clone(),
                    enrolments: p.enrolments,
                    renewals: p.renewals,
                })
                .collect(),
            reliability: ReliabilitiesView {
                by_type: i.reliability_by_type.iter().map(Into::into).collect(),
                by_client: i.reliability_by_client.iter().map(Into::into).collect(),
            },
            clients: ClientsView {
                active: i.active_clients,
                funnel: FunnelView {
                    applied: i.funnel.applied,
                    discovery_calls: i.funnel.discovery_calls,
                    promoted: i.funnel.promoted,
                },
                nudge: i
                    .nudges
                    .iter()
                    .map(|n| NudgeView {
                        client_id: n.client_id,
                        client_name: n.client_name.clone(),
                        package_name: n.package_name.clone(),
                        credits_remaining: n.credits_remaining,
                        expires_on: n.expires_on.map(|d| d.to_string()),
                        last_session_at: n.last_session_at.map(|t| rfc3339(t, &i.zone)),
                    })
                    .collect(),
            },
        }
    }
}

/// Your insights over a range of days in your zone (default the last 90): popular times and
/// the times asked for but not offered, per session type bookings, hours and revenue,
/// cancellations and no-shows, active clients, the application funnel and clients to nudge.
#[utoipa::path(get, path = "/insights", tag = "insights", params(RangeQuery),
    responses((status = 200, body = InsightsView), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn insights_get(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiQuery(q): ApiQuery<RangeQuery>,
) -> ApiResult<Json<InsightsView>> {
    let cx = state.ctx();
    let (range, by) = q.range_by(insights::today(cx, &coach))?;
    let i = insights::insights(cx, &coach, range, by).await?;
    Ok(Json((&i).into()))
}

/// The CSV files, by name (without `.csv`).
pub const PARTS: &[(&str, &str)] = &[
    ("popular-times", "Popular times"),
    ("session-types", "Session types"),
    ("trend", "Trend per session type"),
    ("utilisation", "Utilisation"),
    ("packages", "Package sales and renewals"),
    ("received", "Payments received"),
    ("reliability-by-type", "Reliability per session type"),
    ("reliability-by-client", "Reliability per client"),
    ("funnel", "Application funnel"),
    ("nudge", "Clients to nudge"),
];

/// One chart's or table's figures as CSV (`text/csv`, a header row first): `popular-times`,
/// `session-types`, `trend`, `received`, `utilisation`, `packages`, `reliability-by-type`,
/// `reliability-by-client`, `funnel` or `nudge`, followed by `.csv`.
#[utoipa::path(get, path = "/insights/{file}", tag = "insights",
    params(("file" = String, Path, description = "e.g. `popular-times.csv`", max_length = 64), RangeQuery),
    responses((status = 200, content_type = "text/csv", body = String),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn insights_csv(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(file): ApiPath<String>,
    ApiQuery(q): ApiQuery<RangeQuery>,
) -> ApiResult<Response> {
    let part = file
        .strip_suffix(".csv")
        .and_then(|p| PARTS.iter().find(|(name, _)| *name == p))
        .map(|(name, _)| *name)
        .ok_or(AppError::NotFound("insights file"))?;
    let cx = state.ctx();
    let (range, by) = q.range_by(insights::today(cx, &coach))?;
    let i = insights::insights(cx, &coach, range, by).await?;
    let body = csv(&i, part);
    let filename = format!("insights-{part}-{}-{}.csv", range.from, range.to);
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response())
}

/// The figures of `part` as CSV.
pub fn csv(i: &Insights, part: &str) -> String {
    let mut out = Csv::default();
    match part {
        "popular-times" => {
            out.row(["weekday", "hour", "booked", "requested_not_offered"]);
            for d in 1..=7 {
                for h in 0..24 {
                    let (b, u) = (i.booked.count(d, h), i.unmet.count(d, h));
                    if b > 0 || u > 0 {
                        out.row([
                            WEEKDAYS[(d - 1) as usize].to_owned(),
                            format!("{h:02}:00"),
                            b.to_string(),
                            u.to_string(),
                        ]);
                    }
                }
            }
        }
        "session-types" => {
            out.row([
                "session_type",
                "bookings",
                "sessions",
                "hours",
                "currency",
                "revenue",
            ]);
            for t in &i.types {
                for m in &t.revenue {
                    out.row([
                        t.name.clone(),
                        t.bookings.to_string(),
                        t.sessions.to_string(),
                        hours(t.minutes),
                        m.currency.clone(),
                        plain_amount(m),
                    ]);
                }
            }
        }
        "trend" => {
            out.row([
                i.period.as_str(),
                "last_day",
                "session_type",
                "bookings",
                "currency",
                "revenue",
            ]);
            for p in &i.trend {
                for t in &p.types {
                    for m in &t.revenue {
                        out.row([
                            p.from.to_string(),
                            p.to.to_string(),
                            t.name.clone(),
                            t.bookings.to_string(),
                            m.currency.clone(),
                            plain_amount(m),
                        ]);
                    }
                }
            }
        }
        "utilisation" => {
            out.row([
                "week",
                "last_day",
                "booked_hours",
                "offered_hours",
                "utilisation_percent",
            ]);
            for w in &i.utilisation {
                out.row([
                    w.from.to_string(),
                    w.to.to_string(),
                    hours(w.booked_minutes),
                    hours(w.offered_minutes),
                    w.utilisation_percent()
                        .map(|u| u.to_string())
                        .unwrap_or_default(),
                ]);
            }
        }
        "received" => {
            out.row([i.period.as_str(), "last_day", "currency", "received"]);
            for p in &i.trend {
                for m in &p.received {
                    out.row([
                        p.from.to_string(),
                        p.to.to_string(),
                        m.currency.clone(),
                        plain_amount(m),
                    ]);
                }
            }
        }
        "packages" => {
            out.row(["package", "enrolments", "renewals"]);
            for p in &i.packages {
                out.row([
                    p.name.clone(),
                    p.enrolments.to_string(),
                    p.renewals.to_string(),
                ]);
            }
        }
        "reliability-by-type" | "reliability-by-client" => {
            let (head, rows) = if part == "reliability-by-type" {
                ("session_type", &i.reliability_by_type)
            } else {
                ("client", &i.reliability_by_client)
            };
            out.row([
                head,
                "bookings",
                "early_cancellations",
                "late_cancellations",
                "no_shows",
            ]);
            for r in rows {
                out.row([
                    r.name.clone(),
                    r.bookings.to_string(),
                    r.early_cancellations.to_string(),
                    r.late_cancellations.to_string(),
                    r.no_shows.to_string(),
                ]);
            }
        }
        "funnel" => {
            out.row(["stage", "count"]);
            out.row(["applied".to_owned(), i.funnel.applied.to_string()]);
            out.row([
                "discovery_call".to_owned(),
                i.funnel.discovery_calls.to_string(),
            ]);
            out.row(["promoted".to_owned(), i.funnel.promoted.to_string()]);
        }
        _ => {
            out.row([
                "client",
                "package",
                "credits_remaining",
                "expires_on",
                "last_session",
            ]);
            for n in &i.nudges {
                out.row([
                    n.client_name.clone(),
                    n.package_name.clone(),
                    n.credits_remaining.to_string(),
                    n.expires_on.map(|d| d.to_string()).unwrap_or_default(),
                    n.last_session_at
                        .map(|t| rfc3339(t, &i.zone))
                        .unwrap_or_default(),
                ]);
            }
        }
    }
    out.0
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// An amount as a spreadsheet reads it: the currency's decimals (ISO 4217) after a point, no
/// grouping, no sign: "80.00", "1234" (JPY), "1.234" (BHD). A code that is not ISO 4217 (never
/// stored: prices are checked) gets two decimals.
fn plain_amount(m: &insights::Money) -> String {
    let exponent = coachbook_core::pricing::Currency::parse("currency", &m.currency)
        .map_or(2, |c| c.exponent());
    let (negative, whole, fraction, exponent) =
        coachbook_core::pricing::split_minor(m.cents, exponent);
    let sign = if negative { "-" } else { "" };
    if exponent == 0 {
        format!("{sign}{whole}")
    } else {
        format!(
            "{sign}{whole}.{fraction:0width$}",
            width = usize::from(exponent)
        )
    }
}

/// Minutes as hours with two decimals, without floating point: 90 → "1.50".
pub fn hours(minutes: i64) -> String {
    let hundredths = minutes * 100 / 60;
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// CSV text (RFC 4180, CRLF line ends). A field people typed that starts with `=`, `+`, `-`,
/// `@` or a tab is written with a leading `'`, so a spreadsheet does not run it as a formula.
#[derive(Default)]
struct Csv(String);

impl Csv {
    fn row<S: AsRef<str>>(&mut self, fields: impl IntoIterator<Item = S>) {
        for (n, f) in fields.into_iter().enumerate() {
            if n > 0 {
                self.0.push(',');
            }
            let f = f.as_ref();
            let guarded;
            let f = if f.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                guarded = format!("'{f}");
                guarded.as_str()
            } else {
                f
            };
            if f.contains([',', '"', '\n', '\r']) {
                self.0.push('"');
                self.0.push_str(&f.replace('"', "\"\""));
                self.0.push('"');
            } else {
                self.0.push_str(f);
            }
        }
        self.0.push_str("\r\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_it_and_defuses_formulas() {
        let mut c = Csv::default();
        c.row(["a,b", "say \"hi\"", "=SUM(A1)", "plain"]);
        assert_eq!(c.0, "\"a,b\",\"say \"\"hi\"\"\",'=SUM(A1),plain\r\n");
        assert_eq!(hours(90), "1.50");
        assert_eq!(hours(20), "0.33");
    }
}
