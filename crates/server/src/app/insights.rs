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
            None => to
                .checked_sub((DEFAULT_DAYS - 1).days())
                .map_err(|_| AppError::invalid("to", "Choose a later day for to."))?,
        };
        if from > to {
            return Err(AppError::invalid(
                "from",
                "The range must start on or before its last day (from ≤ to).",
            ));
        }
        let days = (to - from).get_days() as i64 + 1;
        if days > MAX_DAYS {
            return Err(AppError::invalid(
                "to",
                format!("Choose at most {MAX_DAYS} days (this range has {days})."),
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
        let after = self
            .to
            .tomorrow()
            .map_err(|_| InvalidInput::new("to", "Choose an earlier day for to."))?;
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
}

impl Insights {
    /// Whether the range holds nothing at all to chart.
    pub fn is_empty(&self) -> bool {
        self.booked.total() == 0
            && self.unmet.total() == 0
            && self.reliability_by_type.is_empty()
            && self.funnel.applied == 0
            && self.nudges.is_empty()
    }
}

/// The insights of `coach` over `range`.
pub async fn insights(cx: &Ctx, coach: &Coach, range: Range) -> AppResult<Insights> {
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
    })
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
    fn a_range_longer_than_366_days_or_backwards_is_refused() {
        let today = d("2026-11-02");
        assert!(Range::parse(Some("2025-01-01"), Some("2026-01-01"), today).is_ok());
        assert!(Range::parse(Some("2025-01-01"), Some("2026-01-02"), today).is_err());
        assert!(Range::parse(Some("2026-01-02"), Some("2026-01-01"), today).is_err());
        assert!(Range::parse(Some("yesterday"), None, today).is_err());
    }
}
