//! Webhooks: the `webhook_endpoints`, `webhook_deliveries` and `webhook_attempts` tables. Every
//! query a coach's request reaches is scoped to that coach; the delivery job reads one delivery
//! by its id (the job's own argument).

use sqlx::{Any, Executor};

use super::types::{Flag, UnixTime};
use super::{touched, Result};

coachbook_core::text_enum! {
    /// Where a delivery stands.
    pub enum DeliveryStatus ("webhook delivery status") {
        /// Queued, or waiting for its next attempt.
        Pending = "pending",
        /// An attempt was answered with a 2xx.
        Delivered = "delivered",
        /// The attempts ran out, or the endpoint went.
        Failed = "failed",
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EndpointRow {
    pub id: i64,
    pub coach_id: i64,
    pub url: String,
    pub description: String,
    /// Space-separated event types, or `*`.
    pub event_types: String,
    pub secret: String,
    pub enabled: Flag,
    pub created_at: UnixTime,
}

const ENDPOINT_COLUMNS: &str =
    "id, coach_id, url, description, event_types, secret, enabled, created_at";

/// What a coach registers.
#[derive(Debug, Clone)]
pub struct NewEndpoint<'a> {
    pub url: &'a str,
    pub description: &'a str,
    pub event_types: &'a str,
    pub secret: &'a str,
}

/// The coach's endpoints (not deleted), oldest first.
pub async fn list<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<Vec<EndpointRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints
         WHERE coach_id = $1 AND deleted_at IS NULL ORDER BY id"
    ))
    .bind(coach_id)
    .fetch_all(ex)
    .await?)
}

/// The coach's endpoints that deliver (enabled, not deleted).
pub async fn enabled<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<Vec<EndpointRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints
         WHERE coach_id = $1 AND deleted_at IS NULL AND enabled = 1 ORDER BY id"
    ))
    .bind(coach_id)
    .fetch_all(ex)
    .await?)
}

/// One of the coach's endpoints (not deleted).
pub async fn get<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
) -> Result<EndpointRow> {
    Ok(sqlx::query_as(&format!(
        "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints
         WHERE coach_id = $1 AND id = $2 AND deleted_at IS NULL"
    ))
    .bind(coach_id)
    .bind(id)
    .fetch_one(ex)
    .await?)
}

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    new: &NewEndpoint<'_>,
    now: UnixTime,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO webhook_endpoints (coach_id, url, description, event_types, secret, enabled, created_at)
         VALUES ($1, $2, $3, $4, $5, 1, $6) RETURNING id",
    )
    .bind(coach_id)
    .bind(new.url)
    .bind(new.description)
    .bind(new.event_types)
    .bind(new.secret)
    .bind(now)
    .fetch_one(ex)
    .await?)
}

/// Deletes one of the coach's endpoints (kept as a row, no longer listed or delivered to).
pub async fn delete<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE webhook_endpoints SET deleted_at = $1, enabled = 0, disabled_at = COALESCE(disabled_at, $1)
         WHERE coach_id = $2 AND id = $3 AND deleted_at IS NULL",
    )
    .bind(now)
    .bind(coach_id)
    .bind(id)
    .execute(ex)
    .await?;
    touched(&done)
}

/// A delivery to queue.
#[derive(Debug, Clone)]
pub struct NewDelivery<'a> {
    pub endpoint_id: i64,
    pub coach_id: i64,
    pub message_id: &'a str,
    pub event_type: &'a str,
    pub payload: &'a str,
}

pub async fn insert_delivery<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    new: &NewDelivery<'_>,
    now: UnixTime,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO webhook_deliveries (endpoint_id, coach_id, message_id, event_type, payload, status, attempts, created_at)
         VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6) RETURNING id",
    )
    .bind(new.endpoint_id)
    .bind(new.coach_id)
    .bind(new.message_id)
    .bind(new.event_type)
    .bind(new.payload)
    .bind(now)
    .fetch_one(ex)
    .await?)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DeliveryRow {
    pub id: i64,
    pub endpoint_id: i64,
    pub coach_id: i64,
    pub message_id: String,
    pub event_type: String,
    pub payload: String,
    #[sqlx(try_from = "String")]
    pub status: DeliveryStatus,
    pub attempts: i64,
    pub response_code: Option<i64>,
    pub response_excerpt: String,
    pub created_at: UnixTime,
    pub last_attempt_at: Option<UnixTime>,
    pub delivered_at: Option<UnixTime>,
    pub duration_ms: Option<i64>,
}

const DELIVERY_COLUMNS: &str = "d.id, d.endpoint_id, d.coach_id, d.message_id, d.event_type, \
    d.payload, d.status, d.attempts, d.response_code, d.response_excerpt, d.created_at, \
    d.last_attempt_at, d.delivered_at, d.duration_ms";

/// A page of one endpoint's deliveries, newest first: at most `limit`, older than `before` when
/// given. The endpoint must be the coach's (the caller checked it).
pub async fn deliveries<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    endpoint_id: i64,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<DeliveryRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries d
         WHERE d.coach_id = $1 AND d.endpoint_id = $2 AND d.id < $3
         ORDER BY d.id DESC LIMIT $4"
    ))
    .bind(coach_id)
    .bind(endpoint_id)
    .bind(before.unwrap_or(i64::MAX))
    .bind(limit)
    .fetch_all(ex)
    .await?)
}

/// One of the coach's deliveries.
pub async fn delivery<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
) -> Result<DeliveryRow> {
    Ok(sqlx::query_as(&format!(
        "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries d WHERE d.coach_id = $1 AND d.id = $2"
    ))
    .bind(coach_id)
    .bind(id)
    .fetch_one(ex)
    .await?)
}

/// What the delivery job needs: the delivery and where (and with what key) it goes.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Outgoing {
    pub id: i64,
    pub coach_id: i64,
    pub message_id: String,
    pub payload: String,
    #[sqlx(try_from = "String")]
    pub status: DeliveryStatus,
    pub url: String,
    pub secret: String,
    /// The endpoint is enabled and not deleted.
    pub live: Flag,
}

/// The delivery the job `webhook.deliver` is for.
pub async fn outgoing<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<Outgoing> {
    Ok(sqlx::query_as(
        "SELECT d.id, d.coach_id, d.message_id, d.payload, d.status, e.url, e.secret,
                CASE WHEN e.enabled = 1 AND e.deleted_at IS NULL THEN 1 ELSE 0 END AS live
         FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
         WHERE d.id = $1",
    )
    .bind(id)
    .fetch_one(ex)
    .await?)
}

/// One attempt's result.
#[derive(Debug, Clone)]
pub struct Attempt<'a> {
    pub at: UnixTime,
    pub response_code: Option<i64>,
    /// The answer's first characters, or why there was none.
    pub detail: &'a str,
    pub duration_ms: i64,
    /// Where the delivery stands after it.
    pub status: DeliveryStatus,
}

/// Records an attempt, and the delivery's state after it.
pub async fn record_attempt(tx: &mut super::Tx, delivery_id: i64, a: &Attempt<'_>) -> Result<()> {
    sqlx::query(
        "INSERT INTO webhook_attempts (delivery_id, attempted_at, response_code, detail, duration_ms)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(delivery_id)
    .bind(a.at)
    .bind(a.response_code)
    .bind(a.detail)
    .bind(a.duration_ms)
    .execute(&mut **tx)
    .await?;
    let delivered = (a.status == DeliveryStatus::Delivered).then_some(a.at);
    let done = sqlx::query(
        "UPDATE webhook_deliveries SET status = $1, attempts = attempts + 1, response_code = $2,
            response_excerpt = $3, last_attempt_at = $4, delivered_at = $5, duration_ms = $6
         WHERE id = $7",
    )
    .bind(a.status.as_str())
    .bind(a.response_code)
    .bind(a.detail)
    .bind(a.at)
    .bind(delivered)
    .bind(a.duration_ms)
    .bind(delivery_id)
    .execute(&mut **tx)
    .await?;
    touched(&done)
}

/// Ends a delivery that will not be attempted (its endpoint went).
pub async fn give_up<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    delivery_id: i64,
    why: &str,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE webhook_deliveries SET status = 'failed', response_excerpt = $1
         WHERE id = $2 AND status = 'pending'",
    )
    .bind(why)
    .bind(delivery_id)
    .execute(ex)
    .await?;
    touched(&done)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AttemptRow {
    pub delivery_id: i64,
    pub attempted_at: UnixTime,
    pub response_code: Option<i64>,
    pub detail: String,
    pub duration_ms: i64,
}

/// The attempts of the given deliveries (of one page), oldest first.
pub async fn attempts<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    delivery_ids: &[i64],
) -> Result<Vec<AttemptRow>> {
    if delivery_ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (1..=delivery_ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT delivery_id, attempted_at, response_code, detail, duration_ms FROM webhook_attempts
         WHERE delivery_id IN ({}) ORDER BY delivery_id, id",
        marks.join(", ")
    );
    let mut q = sqlx::query_as(&sql);
    for id in delivery_ids {
        q = q.bind(*id);
    }
    Ok(q.fetch_all(ex).await?)
}

/// The newest delivery of each of the coach's endpoints (for the list's "last delivery").
pub async fn latest<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<Vec<DeliveryRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries d
         WHERE d.id IN (SELECT MAX(x.id) FROM webhook_deliveries x JOIN webhook_endpoints e ON e.id = x.endpoint_id
                        WHERE x.coach_id = $1 AND e.deleted_at IS NULL GROUP BY x.endpoint_id)
         ORDER BY d.id"
    ))
    .bind(coach_id)
    .fetch_all(ex)
    .await?)
}

/// The approved session request that made `booking_id`, if one did.
pub async fn request_of_booking<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    booking_id: i64,
) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM session_requests WHERE coach_id = $1 AND booking_id = $2 AND status = 'approved'",
    )
    .bind(coach_id)
    .bind(booking_id)
    .fetch_optional(ex)
    .await?)
}
