//! Payments: the `payments` table (money a client paid the coach), what each client owes, and
//! the money received per day for the insights.

use coachbook_core::pricing::{PaymentMethod, PaymentStatus};
use sqlx::{Any, Executor};

use super::types::{IsoDate, UnixTime};
use super::Result;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PaymentRow {
    pub id: i64,
    pub client_id: i64,
    pub client_name: String,
    pub amount_cents: i64,
    pub currency: String,
    #[sqlx(try_from = "String")]
    pub method: PaymentMethod,
    pub paid_on: IsoDate,
    pub enrolment_id: Option<i64>,
    pub booking_id: Option<i64>,
    pub note: String,
    pub provider: Option<String>,
    pub provider_ref: Option<String>,
    #[sqlx(try_from = "String")]
    pub status: PaymentStatus,
    pub created_at: UnixTime,
}

pub struct NewPayment<'a> {
    pub coach_id: i64,
    pub client_id: i64,
    pub amount_cents: i64,
    pub currency: &'a str,
    pub method: PaymentMethod,
    pub paid_on: IsoDate,
    pub enrolment_id: Option<i64>,
    pub booking_id: Option<i64>,
    pub note: &'a str,
}

const COLUMNS: &str = "p.id, p.client_id, c.name AS client_name, p.amount_cents, p.currency, \
    p.method, p.paid_on, p.enrolment_id, p.booking_id, p.note, p.provider, p.provider_ref, \
    p.status, p.created_at";

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    p: &NewPayment<'_>,
    now: UnixTime,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO payments (coach_id, client_id, amount_cents, currency, method, paid_on,
            enrolment_id, booking_id, note, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'recorded', $10) RETURNING id",
    )
    .bind(p.coach_id)
    .bind(p.client_id)
    .bind(p.amount_cents)
    .bind(p.currency)
    .bind(p.method.as_str())
    .bind(p.paid_on)
    .bind(p.enrolment_id)
    .bind(p.booking_id)
    .bind(p.note)
    .bind(now)
    .fetch_one(ex)
    .await?)
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
) -> Result<PaymentRow> {
    let sql = format!(
        "SELECT {COLUMNS} FROM payments p JOIN clients c ON c.id = p.client_id
         WHERE p.coach_id = $1 AND p.id = $2"
    );
    Ok(sqlx::query_as(&sql)
        .bind(coach_id)
        .bind(id)
        .fetch_one(ex)
        .await?)
}

/// The coach's payments, newest first, of one client or all; at most `limit`.
pub async fn list<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    client_id: Option<i64>,
    limit: i64,
) -> Result<Vec<PaymentRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM payments p JOIN clients c ON c.id = p.client_id
         WHERE p.coach_id = $1 AND ($2 = 0 OR p.client_id = $2)
         ORDER BY p.paid_on DESC, p.id DESC LIMIT $3"
    );
    Ok(sqlx::query_as(&sql)
        .bind(coach_id)
        .bind(client_id.unwrap_or(0))
        .bind(limit)
        .fetch_all(ex)
        .await?)
}

/// Deletes a payment recorded by hand; `NotFound` when it is not the coach's or came from a
/// provider (whose record is the provider's to change).
pub async fn delete<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
) -> Result<()> {
    let done =
        sqlx::query("DELETE FROM payments WHERE coach_id = $1 AND id = $2 AND provider IS NULL")
            .bind(coach_id)
            .bind(id)
            .execute(ex)
            .await?;
    if done.rows_affected() == 0 {
        return Err(super::StoreError::NotFound);
    }
    Ok(())
}

/// One client's position in one currency.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BalanceRow {
    pub client_id: i64,
    pub currency: String,
    /// Enrolments sold plus priced bookings not paid by a credit, neither cancelled.
    pub owed_cents: i64,
    /// Payments received (recorded by hand, or succeeded at a provider).
    pub paid_cents: i64,
}

/// What each client owes and paid, per currency; one client when `client_id` is given. Summed
/// in the database.
pub async fn balances<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    client_id: Option<i64>,
) -> Result<Vec<BalanceRow>> {
    Ok(sqlx::query_as(
        "SELECT client_id, currency,
                CAST(SUM(owed) AS BIGINT) AS owed_cents, CAST(SUM(paid) AS BIGINT) AS paid_cents
         FROM (
             SELECT e.client_id, e.price_currency AS currency, e.price_cents AS owed, 0 AS paid
             FROM enrolments e
             WHERE e.coach_id = $1 AND ($2 = 0 OR e.client_id = $2) AND e.status <> 'cancelled'
               AND e.price_cents IS NOT NULL AND e.price_currency IS NOT NULL
             UNION ALL
             SELECT b.client_id, b.price_currency, b.price_cents, 0
             FROM bookings b
             WHERE b.coach_id = $1 AND ($2 = 0 OR b.client_id = $2) AND b.client_id IS NOT NULL
               AND b.status <> 'cancelled' AND b.enrolment_id IS NULL
               AND b.price_cents IS NOT NULL AND b.price_currency IS NOT NULL
             UNION ALL
             SELECT p.client_id, p.currency, 0, p.amount_cents
             FROM payments p
             WHERE p.coach_id = $1 AND ($2 = 0 OR p.client_id = $2)
               AND p.status IN ('recorded', 'succeeded')
         ) x
         GROUP BY client_id, currency
         ORDER BY client_id, currency",
    )
    .bind(coach_id)
    .bind(client_id.unwrap_or(0))
    .fetch_all(ex)
    .await?)
}

/// Money received on one day in one currency.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ReceivedRow {
    pub paid_on: IsoDate,
    pub currency: String,
    pub amount_cents: i64,
}

/// Money received by the coach per day and currency, `from..=to` (dates of payment), for the
/// insights: read through the `(coach_id, paid_on)` index, summed in the database.
pub async fn received_between<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    from: IsoDate,
    to: IsoDate,
) -> Result<Vec<ReceivedRow>> {
    Ok(sqlx::query_as(
        "SELECT paid_on, currency, CAST(SUM(amount_cents) AS BIGINT) AS amount_cents
         FROM payments
         WHERE coach_id = $1 AND paid_on >= $2 AND paid_on <= $3
           AND status IN ('recorded', 'succeeded')
         GROUP BY paid_on, currency
         ORDER BY paid_on, currency",
    )
    .bind(coach_id)
    .bind(from)
    .bind(to)
    .fetch_all(ex)
    .await?)
}

/// The currency an enrolment was sold in or a booking priced in (`table` is one of the two),
/// `None` when it has no price.
pub async fn charged_currency<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    table: &'static str,
    id: i64,
) -> Result<Option<String>> {
    let sql = match table {
        "enrolments" => "SELECT price_currency FROM enrolments WHERE id = $1",
        _ => "SELECT price_currency FROM bookings WHERE id = $1",
    };
    let row: Option<(Option<String>,)> = sqlx::query_as(sql).bind(id).fetch_optional(ex).await?;
    Ok(row.and_then(|r| r.0))
}
