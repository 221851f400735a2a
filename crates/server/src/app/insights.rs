//! The coach's insights over a range of days in the coach's zone (the last 90 by default, at most
//! 366): when sessions are booked and when clients asked for times that were not offered, what
//! each session type brings (bookings, hours, revenue per currency), reliability (early and late
//! cancellations, no-shows) per type and per client, active clients, the application funnel and
//! the clients to nudge (credits left, nothing booked ahead).
//!
//! Every figure is an SQL aggregate (see [`crate::store::insights`]); the only folding here is
//! the booked quarter hours (UTC) into weekday × hour in the coach's zone, which jiff does right
//! across DST changes.

use std::collections::BTreeMap;

use coachbook_core::time::Zone;
use coachbook_core::validate::{self, InvalidInput};
use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};

use super::accounts::Coach;
use super::{AppError, AppResult, Checker, Ctx};
use crate::store::insights as store;
use crate::store::types::{IsoDate, UnixTime};

/// The default range: this many days, ending today.
pub const DEFAULT_DAYS: i64 = 90;
/// The longest range.
pub const MAX_DAYS: i64 = 366;
/// The most clients the nudge list shows.
pub const NUDGE_LIMIT: i64 = 100;

/// Days from `from` to `to`, both included, in the coach's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub from: Date,
    pub to: Date,
}

impl Range {
    /// The range asked for: `from`/`to` as `YYYY-MM-DD` (either may be empty: `to` defaults to
    /// today, `from` to 89 days before `to`).
    pub fn parse(from: Option<&str>, to: Option<&str>, today: Date) -> AppResult<Self> {
        let mut c = Checker::default();
        let mut date = |field: &'static str, raw: Option<&str>| match raw.map(str::trim) {
            None | Some("") => Some(None),
            Some(raw) => c.check(validate::date(field, raw)).map(Some),
        };
        let from = date("from", from);
        let to = date("to", to);
        let (from, to) = c.done(from.zip(to))?;
        let to = to.unwrap_or(today);
        let from = match from {
            Some(f) => f,
            None => to.checked_sub((DEFAULT_DAYS - 1).days()).map_err(|_| {
                AppError::from(
                    InvalidInput::new("to", "Choose a later day for to.")
                        .key("validate-choose-later-day"),
                )
            })?,
        };
        if from > to {
            return Err(AppError::from(
                InvalidInput::new(
                    "from",
                    "The range must start on or before its last day (from ≤ to).",
                )
                .key("validate-range-must-start-before"),
            ));
        }
        let days = (to - from).get_days() as i64 + 1;
        if days > MAX_DAYS {
            return Err(AppError::from(
                InvalidInput::new(
                    "to",
                    format!("Choose at most {MAX_DAYS} days (this range has {days})."),
                )
                .key("validate-choose-most-days-range")
                .arg("max-days", MAX_DAYS)
                .arg("days", days),
            ));
        }
        Ok(Self { from, to })
    }

    /// The instants the range covers in `zone`: from the start of `from` to the start of the day
    /// after `to`.
    pub fn instants(&self, zone: &Zone) -> AppResult<(Timestamp, Timestamp)> {
        let start = |d: Date| -> AppResult<Timestamp> {
            Ok(d.to_zoned(zone.tz().clone())
                .map_err(|e| anyhow::anyhow!("start of {d}: {e}"))?
                .timestamp())
        };
        let after = self.to.tomorrow().map_err(|_| {
            InvalidInput::new("to", "Choose an earlier day for to.")
                .key("validate-choose-earlier-day")
        })?;
        Ok((start(self.from)?, start(after)?))
    }

    pub fn days(&self) -> i64 {
        (self.to - self.from).get_days() as i64 + 1
    }
}

/// A weekday (1 = Monday … 7 = Sunday) × hour (0–23) grid of counts in the coach's zone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grid {
    counts: [[i64; 24]; 7],
}

impl Grid {
    fn add(&mut self, weekday: i64, hour: i64, n: i64) {
        if let (Some(d), Some(h)) = (
            usize::try_from(weekday - 1).ok().filter(|d| *d < 7),
            usize::try_from(hour).ok().filter(|h| *h < 24),
        ) {
            self.counts[d][h] += n;
        }
    }

    pub fn count(&self, weekday: i64, hour: i64) -> i64 {
        match (usize::try_from(weekday - 1), usize::try_from(hour)) {
            (Ok(d), Ok(h)) if d < 7 && h < 24 => self.counts[d][h],
            _ => 0,
        }
    }

    pub fn total(&self) -> i64 {
        self.counts.iter().flatten().sum()
    }

    pub fn max(&self) -> i64 {
        self.counts.iter().flatten().copied().max().unwrap_or(0)
    }

    /// The cells with a count, by weekday then hour.
    pub fn cells(&self) -> Vec<(i64, i64, i64)> {
        let mut out = Vec::new();
        for (d, row) in self.counts.iter().enumerate() {
            for (h, n) in row.iter().enumerate() {
                if *n > 0 {
                    out.push((d as i64 + 1, h as i64, *n));
                }
            }
        }
        out
    }
}

/// An amount in a currency's minor units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Money {
    pub currency: String,
    pub cents: i64,
}

/// What one session type brought in the range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeStat {
    pub session_type_id: i64,
    pub name: String,
    /// Bookings counted (a group session's participants each count).
    pub bookings: i64,
    /// Sessions with a booking counted, and their minutes (the coach's time).
    pub sessions: i64,
    pub minutes: i64,
    /// Per currency, most first.
    pub revenue: Vec<Money>,
}

/// Cancellations and no-shows of one session type or one client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reliability {
    /// The type's or the client's id; `None` for bookings of people who are not clients.
    pub id: Option<i64>,
    pub name: String,
    pub bookings: i64,
    pub early_cancellations: i64,
    pub late_cancellations: i64,
    pub no_shows: i64,
}

impl Reliability {
    fn add(&mut self, r: &store::ReliabilityRow) {
        self.bookings += r.bookings;
        self.early_cancellations += r.early;
        self.late_cancellations += r.late;
        self.no_shows += r.no_shows;
    }
}

/// A client with credits left in an active package and nothing booked ahead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nudge {
    pub client_id: i64,
    pub client_name: String,
    pub package_name: String,
    pub credits_remaining: i64,
    /// The first day the credits cannot be used; `None` = no expiry.
    pub expires_on: Option<Date>,
    pub last_session_at: Option<Timestamp>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Funnel {
    pub applied: i64,
    pub discovery_calls: i64,
    pub promoted: i64,
}

/// What the trends are counted per.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Week,
    Month,
}

impl Period {
    /// `week` or `month` as asked; by default weeks for ranges up to 92 days, else months.
    pub fn parse(raw: Option<&str>, range: &Range) -> AppResult<Self> {
        match raw.map(str::trim) {
            None | Some("") if range.days() <= 92 => Ok(Period::Week),
            None | Some("") => Ok(Period::Month),
            Some("week") => Ok(Period::Week),
            Some("month") => Ok(Period::Month),
            Some(_) => Err(AppError::from(
                InvalidInput::new("by", "Use week or month for by.").key("validate-use-week-month"),
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Period::Week => "week",
            Period::Month => "month",
        }
    }

    /// The first day of the period `d` falls in: its Monday, or the first of its month.
    fn start(self, d: Date) -> Date {
        match self {
            Period::Week => coachbook_core::availability::week_start(d),
            Period::Month => d.first_of_month(),
        }
    }

    fn next(self, d: Date) -> Option<Date> {
        match self {
            Period::Week => d.checked_add(7.days()).ok(),
            Period::Month => d.checked_add(1.month()).ok(),
        }
    }

    /// The periods covering `range`, each clipped to it: (first day, last day), both included.
    pub fn spans(self, range: &Range) -> Vec<(Date, Date)> {
        let mut out = Vec::new();
        let mut start = self.start(range.from);
        while start <= range.to {
            let Some(next) = self.next(start) else { break };
            let last = next.yesterday().map_or(range.to, |l| l.min(range.to));
            out.push((start.max(range.from), last));
            start = next;
        }
        out
    }
}

/// One session type's figures in one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypePoint {
    pub session_type_id: i64,
    pub name: String,
    pub bookings: i64,
    pub revenue: Vec<Money>,
}

/// One period of the trend: its days (clipped to the range) and what each session type
/// brought.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    pub from: Date,
    pub to: Date,
    pub types: Vec<TypePoint>,
    /// Payments the coach recorded as received on these days, per currency.
    pub received: Vec<Money>,
}

impl Point {
    pub fn bookings(&self) -> i64 {
        self.types.iter().map(|t| t.bookings).sum()
    }
}

/// One week (Monday to Sunday, clipped to the range) of utilisation: the coach's booked time
/// against the time offered (open hours less time off and busy time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Week {
    pub from: Date,
    pub to: Date,
    pub booked_minutes: i64,
    pub offered_minutes: i64,
}

impl Week {
    /// Booked ÷ offered in whole percent (rounded down); `None` when nothing was offered.
    pub fn utilisation_percent(&self) -> Option<i64> {
        (self.offered_minutes > 0).then(|| self.booked_minutes * 100 / self.offered_minutes)
    }
}

/// One package's enrolments in the range: all of them, and those that were renewals (the
/// client had enrolled before).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageStat {
    pub package_id: i64,
    pub name: String,
    pub enrolments: i64,
    pub renewals: i64,
}

/// Everything the insights page and API show.
#[derive(Debug, Clone)]
pub struct Insights {
    pub range: Range,
    pub zone: Zone,
    /// Bookings counted per weekday × hour of their session's start.
    pub booked: Grid,
    /// Times asked for in requests that were declined or expired and were not open slots.
    pub unmet: Grid,
    pub types: Vec<TypeStat>,
    pub reliability_by_type: Vec<Reliability>,
    pub reliability_by_client: Vec<Reliability>,
    pub active_clients: i64,
    pub funnel: Funnel,
    pub nudges: Vec<Nudge>,
    /// Per week or month: bookings and revenue per type.
    pub period: Period,
    pub trend: Vec<Point>,
    pub utilisation: Vec<Week>,
    pub packages: Vec<PackageStat>,
}

impl Insights {
    /// Whether the range holds nothing at all to chart.
    pub fn is_empty(&self) -> bool {
        self.booked.total() == 0
            && self.unmet.total() == 0
            && self.reliability_by_type.is_empty()
            && self.funnel.applied == 0
            && self.nudges.is_empty()
            && self.packages.is_empty()
    }
}

/// The insights of `coach` over `range`.
pub async fn insights(
    cx: &Ctx,
    coach: &Coach,
    range: Range,
    period: Period,
) -> AppResult<Insights> {
    let (from, to) = range.instants(&coach.zone)?;
    let (from, to): (UnixTime, UnixTime) = (from.into(), to.into());
    let pool = cx.db.pool();
    let id = coach.id;
    let tz = coach.zone.tz();

    let mut booked = Grid::default();
    for q in store::booked_quarters(pool, id, from, to).await? {
        let at = Timestamp::from_second(q.quarter * 900)
            .map_err(|e| anyhow::anyhow!("quarter {}: {e}", q.quarter))?
            .to_zoned(tz.clone());
        booked.add(
            i64::from(at.weekday().to_monday_one_offset()),
            i64::from(at.hour()),
            q.count,
        );
    }
    let mut unmet = Grid::default();
    for c in store::unmet_requests(pool, id, from, to).await? {
        unmet.add(c.weekday, c.hour, c.count);
    }

    let time: BTreeMap<i64, store::TypeTime> = store::type_time(pool, id, from, to)
        .await?
        .into_iter()
        .map(|t| (t.session_type_id, t))
        .collect();
    let mut types: Vec<TypeStat> = Vec::new();
    for r in store::type_revenue(pool, id, from, to).await? {
        let money = Money {
            currency: r.currency,
            cents: r.revenue_cents,
        };
        match types.last_mut() {
            Some(t) if t.session_type_id == r.session_type_id => {
                t.bookings += r.bookings;
                t.revenue.push(money);
            }
            _ => {
                let t = time.get(&r.session_type_id);
                types.push(TypeStat {
                    session_type_id: r.session_type_id,
                    name: r.name,
                    bookings: r.bookings,
                    sessions: t.map_or(0, |t| t.sessions),
                    minutes: t.map_or(0, |t| t.seconds / 60),
                    revenue: vec![money],
                });
            }
        }
    }
    for t in &mut types {
        t.revenue
            .sort_by(|a, b| b.cents.cmp(&a.cents).then(a.currency.cmp(&b.currency)));
    }

    let mut by_type: Vec<Reliability> = Vec::new();
    let mut by_client: BTreeMap<Option<i64>, Reliability> = BTreeMap::new();
    for r in store::reliability(pool, id, from, to).await? {
        match by_type.last_mut() {
            Some(t) if t.id == Some(r.session_type_id) => t.add(&r),
            _ => {
                let mut t = Reliability {
                    id: Some(r.session_type_id),
                    name: r.type_name.clone(),
                    bookings: 0,
                    early_cancellations: 0,
                    late_cancellations: 0,
                    no_shows: 0,
                };
                t.add(&r);
                by_type.push(t);
            }
        }
        by_client
            .entry(r.client_id)
            .or_insert_with(|| Reliability {
                id: r.client_id,
                name: r
                    .client_name
                    .clone()
                    .unwrap_or_else(|| "People who are not clients".to_owned()),
                bookings: 0,
                early_cancellations: 0,
                late_cancellations: 0,
                no_shows: 0,
            })
            .add(&r);
    }
    let mut by_client: Vec<Reliability> = by_client.into_values().collect();
    // The least reliable first; then by name.
    by_client.sort_by(|a, b| {
        let misses = |r: &Reliability| r.late_cancellations + r.no_shows;
        misses(b)
            .cmp(&misses(a))
            .then(b.early_cancellations.cmp(&a.early_cancellations))
            .then(a.id.is_none().cmp(&b.id.is_none()))
            .then(a.name.cmp(&b.name))
    });

    let active_clients = store::active_clients(pool, id, from, to).await?;
    let f = store::funnel(pool, id, from, to).await?;
    let now = cx.now();
    let today = now.to_zoned(tz.clone()).date();
    let nudges = store::nudges(pool, id, IsoDate(today), now.into(), NUDGE_LIMIT)
        .await?
        .into_iter()
        .map(|n| Nudge {
            client_id: n.client_id,
            client_name: n.client_name,
            package_name: n.package_name,
            credits_remaining: n.credits_remaining,
            expires_on: n.expires_on.map(IsoDate::date),
            last_session_at: n.last_session_at.map(UnixTime::timestamp),
        })
        .collect();

    let trend = trend(cx, coach, &range, period).await?;
    let utilisation = utilisation(cx, coach, &range).await?;
    let packages = store::package_sales(pool, id, from, to)
        .await?
        .into_iter()
        .map(|p| PackageStat {
            package_id: p.package_id,
            name: p.name,
            enrolments: p.enrolments,
            renewals: p.renewals,
        })
        .collect();

    Ok(Insights {
        range,
        zone: coach.zone.clone(),
        booked,
        unmet,
        types,
        reliability_by_type: by_type,
        reliability_by_client: by_client,
        active_clients,
        funnel: Funnel {
            applied: f.applied,
            discovery_calls: f.discovery,
            promoted: f.promoted,
        },
        nudges,
        period,
        trend,
        utilisation,
        packages,
    })
}

/// The instants of the periods `days` (first and last day) in the coach's zone: each is cut at
/// local midnights, so that a clock change moves no booking into the wrong period.
fn cut(coach: &Coach, days: &[(Date, Date)]) -> AppResult<Vec<store::Span>> {
    let tz = coach.zone.tz();
    let start = |d: Date| -> AppResult<UnixTime> {
        Ok(d.to_zoned(tz.clone())
            .map_err(|e| anyhow::anyhow!("start of {d}: {e}"))?
            .timestamp()
            .into())
    };
    let mut spans = Vec::with_capacity(days.len());
    for (first, last) in days {
        let after = last.tomorrow().map_err(|_| {
            InvalidInput::new("to", "Choose an earlier day for to.")
                .key("validate-choose-earlier-day")
        })?;
        spans.push(store::Span {
            lo: start(*first)?,
            hi: start(after)?,
        });
    }
    Ok(spans)
}

/// The index of a span an aggregate row names; one out of range is the query's fault.
fn span_index(span: i64, n: usize) -> AppResult<usize> {
    usize::try_from(span)
        .ok()
        .filter(|i| *i < n)
        .ok_or_else(|| anyhow::anyhow!("aggregate row for span {span} of {n}").into())
}

/// Per period of `range`: bookings and revenue per session type, counted in SQL over each
/// period's instants.
async fn trend(cx: &Ctx, coach: &Coach, range: &Range, period: Period) -> AppResult<Vec<Point>> {
    let days = period.spans(range);
    let spans = cut(coach, &days)?;
    let mut points: Vec<Point> = days
        .iter()
        .map(|(from, to)| Point {
            from: *from,
            to: *to,
            types: Vec::new(),
            received: Vec::new(),
        })
        .collect();
    for r in store::span_type_revenue(cx.db.pool(), coach.id, &spans).await? {
        let i = span_index(r.span, points.len())?;
        let money = Money {
            currency: r.currency,
            cents: r.revenue_cents,
        };
        match points[i].types.last_mut() {
            Some(t) if t.session_type_id == r.session_type_id => {
                t.bookings += r.bookings;
                t.revenue.push(money);
            }
            _ => points[i].types.push(TypePoint {
                session_type_id: r.session_type_id,
                name: r.name,
                bookings: r.bookings,
                revenue: vec![money],
            }),
        }
    }
    // Payments carry the day they were paid (no instant): each falls in the period of its day.
    let received = crate::store::payments::received_between(
        cx.db.pool(),
        coach.id,
        IsoDate(range.from),
        IsoDate(range.to),
    )
    .await?;
    for r in received {
        let day = r.paid_on.date();
        let Some(p) = points.iter_mut().find(|p| p.from <= day && day <= p.to) else {
            return Err(
                anyhow::anyhow!("a payment on {day} outside {}–{}", range.from, range.to).into(),
            );
        };
        add_money(&mut p.received, &r.currency, r.amount_cents);
    }
    for p in &mut points {
        p.received.sort_by(|a, b| a.currency.cmp(&b.currency));
    }
    Ok(points)
}

/// Per week of `range`: the coach's time in sessions with a booking counted (SQL, per week)
/// against the time offered, from the coach's hours and time off as they are now (hours edited
/// later read back as if they had always held) without reading a session.
async fn utilisation(cx: &Ctx, coach: &Coach, range: &Range) -> AppResult<Vec<Week>> {
    let days = Period::Week.spans(range);
    let spans = cut(coach, &days)?;
    let mut weeks: Vec<Week> = days
        .iter()
        .map(|(from, to)| Week {
            from: *from,
            to: *to,
            booked_minutes: 0,
            offered_minutes: 0,
        })
        .collect();
    let pool = cx.db.pool();
    for r in store::span_booked_time(pool, coach.id, &spans).await? {
        let i = span_index(r.span, weeks.len())?;
        weeks[i].booked_minutes = r.seconds / 60;
    }
    let interval = |s: &store::Span| coachbook_core::time::Interval {
        start: s.lo.timestamp(),
        end: s.hi.timestamp(),
    };
    if let (Some(first), Some(last)) = (spans.first(), spans.last()) {
        let whole = coachbook_core::time::Interval {
            start: first.lo.timestamp(),
            end: last.hi.timestamp(),
        };
        let mut conn = pool.acquire().await?;
        let hours =
            super::availability::load_hours(&mut conn, coach.id, &coach.zone, whole).await?;
        for (w, s) in weeks.iter_mut().zip(&spans) {
            let offered: i64 = hours
                .open_in(interval(s))
                .iter()
                .map(|i| i.duration().as_secs())
                .sum();
            w.offered_minutes = offered / 60;
        }
    }
    Ok(weeks)
}

/// Adds `cents` of `currency` to `sums` (one entry per currency).
pub fn add_money(sums: &mut Vec<Money>, currency: &str, cents: i64) {
    match sums.iter_mut().find(|m| m.currency == currency) {
        Some(m) => m.cents = m.cents.saturating_add(cents),
        None => sums.push(Money {
            currency: currency.to_owned(),
            cents,
        }),
    }
}

impl Insights {
    /// Payments recorded as received over the whole range, per currency.
    pub fn received(&self) -> Vec<Money> {
        let mut sums = Vec::new();
        for m in self.trend.iter().flat_map(|p| &p.received) {
            add_money(&mut sums, &m.currency, m.cents);
        }
        sums.sort_by(|a, b| a.currency.cmp(&b.currency));
        sums
    }
}

/// Today in the coach's zone.
pub fn today(cx: &Ctx, coach: &Coach) -> Date {
    cx.now().to_zoned(coach.zone.tz().clone()).date()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn the_default_range_is_the_last_ninety_days_including_today() {
        let r = Range::parse(None, None, d("2026-11-02")).unwrap();
        assert_eq!(
            (r.from, r.to, r.days()),
            (d("2026-08-05"), d("2026-11-02"), 90)
        );
    }

    #[test]
    fn periods_are_mondays_or_firsts_clipped_to_the_range() {
        let r = Range::parse(Some("2026-11-04"), Some("2026-11-20"), d("2026-12-01")).unwrap();
        assert_eq!(
            Period::Week.spans(&r),
            vec![
                (d("2026-11-04"), d("2026-11-08")),
                (d("2026-11-09"), d("2026-11-15")),
                (d("2026-11-16"), d("2026-11-20")),
            ]
        );
        let r = Range::parse(Some("2026-01-31"), Some("2026-03-01"), d("2026-12-01")).unwrap();
        assert_eq!(
            Period::Month.spans(&r),
            vec![
                (d("2026-01-31"), d("2026-01-31")),
                (d("2026-02-01"), d("2026-02-28")),
                (d("2026-03-01"), d("2026-03-01")),
            ]
        );
        assert_eq!(Period::parse(None, &r).unwrap(), Period::Week);
        let year = Range::parse(Some("2026-01-01"), Some("2026-12-31"), d("2027-01-01")).unwrap();
        assert_eq!(Period::parse(None, &year).unwrap(), Period::Month);
        assert_eq!(Period::Month.spans(&year).len(), 12);
        assert!(Period::parse(Some("day"), &year).is_err());
    }

    #[test]
    fn a_range_longer_than_366_days_or_backwards_is_refused() {
        let today = d("2026-11-02");
        assert!(Range::parse(Some("2025-01-01"), Some("2026-01-01"), today).is_ok());
        assert!(Range::parse(Some("2025-01-01"), Some("2026-01-02"), today).is_err());
        assert!(Range::parse(Some("2026-01-02"), Some("2026-01-01"), today).is_err());
        assert!(Range::parse(Some("yesterday"), None, today).is_err());
    }
}
