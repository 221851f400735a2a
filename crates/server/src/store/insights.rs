//! The aggregates behind the coach's insights: each one query over one coach's rows in a range,
//! grouped in SQL (never every booking read into memory). Sessions are read through the
//! `(coach_id, start_at)` index, proposed times through `(coach_id, created_at)`; applications
//! and enrolments are one coach's, few by nature.
//!
//! A booking "counts" (booked) when it is pending, confirmed or completed; cancelled and no-show
//! bookings are counted only by [`reliability`].

use sqlx::{Any, Executor};

use super::types::{IsoDate, UnixTime};
use super::Result;

/// The statuses of a booking that was (or is) going to take place.
const BOOKED: &str = "('pending', 'confirmed', 'completed')";

/// Bookings counted in one quarter hour (UTC) of session starts: `quarter` is the start's Unix
/// seconds divided by 900. The app folds these into local weekday × hour (zone rules and DST are
/// jiff's business, not SQL's); a quarter hour is fine enough for every zone offset in use.
#[derive(Debug, Clone, Copy, sqlx::FromRow)]
pub struct QuarterCount {
    pub quarter: i64,
    pub count: i64,
}

pub async fn booked_quarters<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    from: UnixTime,
    to: UnixTime,
) -> Result<Vec<QuarterCount>> {
    Ok(sqlx::query_as(&format!(
        "SELECT s.start_at / 900 AS quarter, COUNT(*) AS count
         FROM sessions s JOIN bookings b ON b.session_id = s.id
         WHERE s.coach_id = $1 AND s.start_at >= $2 AND s.start_at < $3 AND b.status IN {BOOKED}
         GROUP BY s.start_at / 900
         ORDER BY quarter"
    ))
    .bind(coach_id)
    .bind(from)
    .bind(to)
    .fetch_all(ex)
    .await?)
}

/// Proposed times (of requests sent in the range) that were not open slots when asked, of
/// requests the coach declined or that expired, per local weekday (1 = Monday) and hour as
/// stored when asked.
#[derive(Debug, Clone, Copy, sqlx::FromRow)]
pub struct WeekHourCount {
    pub weekday: i64,
    pub hour: i64,
    pub count: i64,
}

pub async fn unmet_requests<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    from: UnixTime,
    to: UnixTime,
) -> Result<Vec<WeekHourCount>> {
    Ok(sqlx::query_as(
        "SELECT t.local_weekday AS weekday, t.local_hour AS hour, COUNT(*) AS count
         FROM session_request_times t JOIN session_requests r ON r.id = t.request_id
         WHERE t.coach_id = $1 AND t.created_at >= $2 AND t.created_at < $3 AND t.offered = 0
           AND r.status IN ('declined', 'expired')
         GROUP BY t.local_weekday, t.local_hour
         ORDER BY t.local_weekday, t.local_hour",
    )
    .bind(coach_id)
    .bind(from)
    .bind(to)
    .fetch_all(ex)
    .await?)
}

/// Per session type and currency: bookings counted and their revenue (the booking's agreed
/// price when it has one, else the type's).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TypeRevenue {
    pub session_type_id: i64,
    pub name: String,
    pub currency: String,
    pub bookings: i64,
    pub revenue_cents: i64,
}

pub async fn type_revenue<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    from: UnixTime,
    to: UnixTime,
) -> Result<Vec<TypeRevenue>> {
    Ok(sqlx::query_as(&format!(
        "SELECT st.id AS session_type_id, st.name AS name,
                COALESCE(b.price_currency, st.currency) AS currency,
                COUNT(*) AS bookings,
                CAST(SUM(COALESCE(b.price_cents, st.price_cents)) AS BIGINT) AS revenue_cents
         FROM sessions s JOIN bookings b ON b.session_id = s.id
              JOIN session_types st ON st.id = s.session_type_id
         WHERE s.coach_id = $1 AND s.start_at >= $2 AND s.start_at < $3 AND b.status IN {BOOKED}
         GROUP BY st.id, st.name, COALESCE(b.price_currency, st.currency)
         ORDER BY st.name, st.id"
    ))
    .bind(coach_id)
    .bind(from)
    .bind(to)
    .fetch_all(ex)
    .await?)
}

/// Per session type: the sessions with at least one booking counted, and their length in
/// seconds (the coach's time: a group session counts once).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TypeTime {
    pub session_type_id: i64,
    pub sessions: i64,
    pub seconds: i64,
}

pub async fn type_time<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    from: UnixTime,
    to: UnixTime,
) -> Result<Vec<TypeTime>> {
    Ok(sqlx::query_as(&format!(
        "SELECT s.session_type_id AS session_type_id, COUNT(*) AS sessions,
                CAST(SUM(s.end_at - s.start_at) AS BIGINT) AS seconds
         FROM sessions s
         WHERE s.coach_id = $1 AND s.start_at >= $2 AND s.start_at < $3
           AND EXISTS (SELECT 1 FROM bookings b WHERE b.session_id = s.id AND b.status IN {BOOKED})
         GROUP BY s.session_type_id"
    ))
    .bind(coach_id)
    .bind(from)
    .bind(to)
    .fetch_all(ex)
    .await?)
}

/// Per session type and client (`client_id` `None`: bookings of people who are not clients):
/// cancellations before the coach's cancellation cut-off (early), after it (late), no-shows, and
/// all bookings. When a booking was cancelled is its last change (`updated_at`).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReliabilityRow {
    pub session_type_id: i64,
    pub type_name: String,
    pub client_id: Option<i64>,
    pub client_name: Option<String>,
    pub bookings: i64,
    pub early: i64,
    pub late: i64,
    pub no_shows: i64,
}

pub async fn reliability<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    from: UnixTime,
    to: UnixTime,
) -> Result<Vec<ReliabilityRow>> {
    Ok(sqlx::query_as(
        "SELECT st.id AS session_type_id, st.name AS type_name, c.id AS client_id,
                c.name AS client_name, COUNT(*) AS bookings,
                CAST(SUM(CASE WHEN b.status = 'cancelled'
                          AND b.updated_at <= s.start_at - co.cancellation_cutoff_minutes * 60
                     THEN 1 ELSE 0 END) AS BIGINT) AS early,
                CAST(SUM(CASE WHEN b.status = 'cancelled'
                          AND b.updated_at > s.start_at - co.cancellation_cutoff_minutes * 60
                     THEN 1 ELSE 0 END) AS BIGINT) AS late,
                CAST(SUM(CASE WHEN b.status = 'no_show' THEN 1 ELSE 0 END) AS BIGINT) AS no_shows
         FROM sessions s JOIN bookings b ON b.session_id = s.id
              JOIN session_types st ON st.id = s.session_type_id
              JOIN coaches co ON co.id = s.coach_id
              LEFT JOIN clients c ON c.id = b.client_id
         WHERE s.coach_id = $1 AND s.start_at >= $2 AND s.start_at < $3
         GROUP BY st.id, st.name, c.id, c.name
         ORDER BY st.name, st.id, c.name, c.id",
    )
    .bind(coach_id)
    .bind(from)
    .bind(to)
    .fetch_all(ex)
    .await?)
}

/// Distinct clients with a booking counted in the range.
pub async fn active_clients<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    from: UnixTime,
    to: UnixTime,
) -> Result<i64> {
    Ok(sqlx::query_scalar(&format!(
        "SELECT COUNT(DISTINCT b.client_id)
         FROM sessions s JOIN bookings b ON b.session_id = s.id
         WHERE s.coach_id = $1 AND s.start_at >= $2 AND s.start_at < $3 AND b.status IN {BOOKED}
           AND b.client_id IS NOT NULL"
    ))
    .bind(coach_id)
    .bind(from)
    .bind(to)
    .fetch_one(ex)
    .await?)
}

/// Applications sent in the range: how many, how many had a discovery call booked, how many
/// were promoted to clients.
#[derive(Debug, Clone, Copy, Default, sqlx::FromRow)]
pub struct Funnel {
    pub applied: i64,
    pub discovery: i64,
    pub promoted: i64,
}

pub async fn funnel<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    from: UnixTime,
    to: UnixTime,
) -> Result<Funnel> {
    Ok(sqlx::query_as(
        "SELECT COUNT(*) AS applied,
                CAST(COALESCE(SUM(CASE WHEN booking_id IS NOT NULL OR status = 'discovery_scheduled'
                     THEN 1 ELSE 0 END), 0) AS BIGINT) AS discovery,
                CAST(COALESCE(SUM(CASE WHEN status = 'promoted' THEN 1 ELSE 0 END), 0) AS BIGINT)
                    AS promoted
         FROM applications
         WHERE coach_id = $1 AND created_at >= $2 AND created_at < $3",
    )
    .bind(coach_id)
    .bind(from)
    .bind(to)
    .fetch_one(ex)
    .await?)
}

/// An active client's usable enrolment with credits left and nothing booked from `now` on.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NudgeRow {
    pub client_id: i64,
    pub client_name: String,
    pub package_name: String,
    pub credits_remaining: i64,
    pub expires_on: Option<IsoDate>,
    /// When the client's last booked session started; `None` = never.
    pub last_session_at: Option<UnixTime>,
}

pub async fn nudges<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    today: IsoDate,
    now: UnixTime,
    limit: i64,
) -> Result<Vec<NudgeRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT * FROM (
           SELECT c.id AS client_id, c.name AS client_name, p.name AS package_name,
                  CAST(COALESCE((SELECT SUM(ce.delta) FROM credit_entries ce
                                 WHERE ce.enrolment_id = e.id), 0) AS BIGINT) AS credits_remaining,
                  e.expires_on,
                  (SELECT MAX(s.start_at) FROM bookings b JOIN sessions s ON s.id = b.session_id
                   WHERE b.client_id = c.id AND b.status IN {BOOKED} AND s.start_at < $4)
                      AS last_session_at
           FROM enrolments e JOIN clients c ON c.id = e.client_id
                JOIN packages p ON p.id = e.package_id
           WHERE e.coach_id = $1 AND e.status = 'active' AND c.status = 'active'
             AND (e.expires_on IS NULL OR e.expires_on > $2)
             AND NOT EXISTS (SELECT 1 FROM bookings b JOIN sessions s ON s.id = b.session_id
                             WHERE b.client_id = c.id AND b.status IN ('pending', 'confirmed')
                               AND s.start_at >= $3)
         ) n
         WHERE n.credits_remaining > 0
         ORDER BY n.last_session_at IS NOT NULL, n.last_session_at, n.client_name, n.client_id
         LIMIT $5"
    ))
    .bind(coach_id)
    .bind(today)
    .bind(now)
    .bind(now)
    .bind(limit)
    .fetch_all(ex)
    .await?)
}

/// One span of instants the trends are counted in: a week or a month of the coach's calendar,
/// `[lo, hi)`, as the app cut it in the coach's zone (so a clock change moves no booking into
/// the wrong week).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub lo: UnixTime,
    pub hi: UnixTime,
}

/// The instants every span lies within. The span queries bound the sessions they read by these
/// as well as by each span: PostgreSQL plans a prepared statement without the spans' values, and
/// with only the join to `bk` it read the coach's whole history (2.2 s at 1M sessions, 25 ms
/// with the bounds).
fn outer_bounds(spans: &[Span]) -> Option<(UnixTime, UnixTime)> {
    let lo = spans.iter().map(|s| s.lo).min()?;
    let hi = spans.iter().map(|s| s.hi).max()?;
    Some((lo, hi))
}

/// `WITH bk (i, lo, hi) AS (VALUES …)`: the spans as a table, their bounds bound from `$first`
/// on. Both databases take a CTE over `VALUES` with named columns.
fn spans_cte(spans: &[Span], first: usize) -> String {
    let rows: Vec<String> = (0..spans.len())
        .map(|i| {
            let p = first + 2 * i;
            format!("({i}, CAST(${p} AS BIGINT), CAST(${} AS BIGINT))", p + 1)
        })
        .collect();
    format!("WITH bk (i, lo, hi) AS (VALUES {})", rows.join(", "))
}

/// Per span, session type and currency: bookings counted and their revenue (as
/// [`type_revenue`]).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SpanTypeRevenue {
    pub span: i64,
    pub session_type_id: i64,
    pub name: String,
    pub currency: String,
    pub bookings: i64,
    pub revenue_cents: i64,
}

pub async fn span_type_revenue<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    spans: &[Span],
) -> Result<Vec<SpanTypeRevenue>> {
    if spans.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "{} SELECT CAST(bk.i AS BIGINT) AS span, st.id AS session_type_id, st.name AS name,
                COALESCE(b.price_currency, st.currency) AS currency,
                COUNT(*) AS bookings,
                CAST(SUM(COALESCE(b.price_cents, st.price_cents)) AS BIGINT) AS revenue_cents
         FROM bk JOIN sessions s ON s.coach_id = $1 AND s.start_at >= $2 AND s.start_at < $3
                                AND s.start_at >= bk.lo AND s.start_at < bk.hi
              JOIN bookings b ON b.session_id = s.id
              JOIN session_types st ON st.id = s.session_type_id
         WHERE b.status IN {BOOKED}
         GROUP BY bk.i, st.id, st.name, COALESCE(b.price_currency, st.currency)
         ORDER BY span, st.name, st.id, currency",
        spans_cte(spans, 4)
    );
    let Some((lo, hi)) = outer_bounds(spans) else {
        return Ok(Vec::new());
    };
    let mut q = sqlx::query_as(&sql).bind(coach_id).bind(lo).bind(hi);
    for s in spans {
        q = q.bind(s.lo).bind(s.hi);
    }
    Ok(q.fetch_all(ex).await?)
}

/// Per span: the coach's time in sessions with a booking counted, in seconds (a group session
/// counts once), as [`type_time`] counts it.
#[derive(Debug, Clone, Copy, sqlx::FromRow)]
pub struct SpanTime {
    pub span: i64,
    pub seconds: i64,
}

pub async fn span_booked_time<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    spans: &[Span],
) -> Result<Vec<SpanTime>> {
    if spans.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "{} SELECT CAST(bk.i AS BIGINT) AS span, CAST(SUM(s.end_at - s.start_at) AS BIGINT) AS seconds
         FROM bk JOIN sessions s ON s.coach_id = $1 AND s.start_at >= $2 AND s.start_at < $3
                                AND s.start_at >= bk.lo AND s.start_at < bk.hi
         WHERE EXISTS (SELECT 1 FROM bookings b WHERE b.session_id = s.id AND b.status IN {BOOKED})
         GROUP BY bk.i
         ORDER BY span",
        spans_cte(spans, 4)
    );
    let Some((lo, hi)) = outer_bounds(spans) else {
        return Ok(Vec::new());
    };
    let mut q = sqlx::query_as(&sql).bind(coach_id).bind(lo).bind(hi);
    for s in spans {
        q = q.bind(s.lo).bind(s.hi);
    }
    Ok(q.fetch_all(ex).await?)
}

/// Per package: enrolments made in the range (not cancelled), and how many of them were
/// renewals: the client had enrolled with this coach before (in any package).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PackageSales {
    pub package_id: i64,
    pub name: String,
    pub enrolments: i64,
    pub renewals: i64,
}

pub async fn package_sales<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    from: UnixTime,
    to: UnixTime,
) -> Result<Vec<PackageSales>> {
    Ok(sqlx::query_as(
        "SELECT p.id AS package_id, p.name AS name, COUNT(*) AS enrolments,
                CAST(SUM(CASE WHEN EXISTS (
                    SELECT 1 FROM enrolments e2
                    WHERE e2.client_id = e.client_id AND e2.coach_id = e.coach_id
                      AND e2.status <> 'cancelled'
                      AND (e2.created_at < e.created_at
                           OR (e2.created_at = e.created_at AND e2.id < e.id)))
                THEN 1 ELSE 0 END) AS BIGINT) AS renewals
         FROM enrolments e JOIN packages p ON p.id = e.package_id
         WHERE e.coach_id = $1 AND e.created_at >= $2 AND e.created_at < $3
           AND e.status <> 'cancelled'
         GROUP BY p.id, p.name
         ORDER BY p.name, p.id",
    )
    .bind(coach_id)
    .bind(from)
    .bind(to)
    .fetch_all(ex)
    .await?)
}
