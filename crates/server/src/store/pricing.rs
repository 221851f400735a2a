//! Prices beyond a session type's list price: `session_type_price_tiers` and `client_prices`,
//! and the count of a client's sessions of a type that the tiers are read against.

use sqlx::{Any, Executor};

use super::types::UnixTime;
use super::Result;

/// One stored tier of a session type.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TierRow {
    pub session_type_id: i64,
    pub from_session: i64,
    pub unit_price_cents: i64,
}

/// The tiers of every session type of a coach, ordered by type and first session.
pub async fn tiers_for_coach<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<Vec<TierRow>> {
    Ok(sqlx::query_as(
        "SELECT t.session_type_id, t.from_session, t.unit_price_cents
         FROM session_type_price_tiers t JOIN session_types st ON st.id = t.session_type_id
         WHERE st.coach_id = $1 ORDER BY t.session_type_id, t.from_session",
    )
    .bind(coach_id)
    .fetch_all(ex)
    .await?)
}

/// The tiers of one session type (already known to be the coach's), by first session.
pub async fn tiers_for_type<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    session_type_id: i64,
) -> Result<Vec<TierRow>> {
    Ok(sqlx::query_as(
        "SELECT session_type_id, from_session, unit_price_cents FROM session_type_price_tiers
         WHERE session_type_id = $1 ORDER BY from_session",
    )
    .bind(session_type_id)
    .fetch_all(ex)
    .await?)
}

/// Removes a session type's tiers (before writing the new ones in the same transaction).
pub async fn clear_tiers<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    session_type_id: i64,
) -> Result<()> {
    sqlx::query("DELETE FROM session_type_price_tiers WHERE session_type_id = $1")
        .bind(session_type_id)
        .execute(ex)
        .await?;
    Ok(())
}

pub async fn insert_tier<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    session_type_id: i64,
    from_session: i64,
    unit_price_cents: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO session_type_price_tiers (session_type_id, from_session, unit_price_cents)
         VALUES ($1, $2, $3)",
    )
    .bind(session_type_id)
    .bind(from_session)
    .bind(unit_price_cents)
    .execute(ex)
    .await?;
    Ok(())
}

/// A client's own price for a session type.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClientPriceRow {
    pub client_id: i64,
    pub session_type_id: i64,
    pub session_type_name: String,
    pub price_cents: i64,
    pub currency: String,
    pub updated_at: UnixTime,
}

/// A client's own prices, by session type name.
pub async fn client_prices<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    client_id: i64,
) -> Result<Vec<ClientPriceRow>> {
    Ok(sqlx::query_as(
        "SELECT cp.client_id, cp.session_type_id, st.name AS session_type_name, cp.price_cents,
                cp.currency, cp.updated_at
         FROM client_prices cp JOIN session_types st ON st.id = cp.session_type_id
         WHERE cp.coach_id = $1 AND cp.client_id = $2 ORDER BY st.name, st.id",
    )
    .bind(coach_id)
    .bind(client_id)
    .fetch_all(ex)
    .await?)
}

/// Sets (or replaces) a client's price for a session type.
pub async fn set_client_price<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    client_id: i64,
    session_type_id: i64,
    price_cents: i64,
    currency: &str,
    now: UnixTime,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO client_prices (coach_id, client_id, session_type_id, price_cents, currency, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (client_id, session_type_id)
         DO UPDATE SET price_cents = excluded.price_cents, currency = excluded.currency,
                       updated_at = excluded.updated_at",
    )
    .bind(coach_id)
    .bind(client_id)
    .bind(session_type_id)
    .bind(price_cents)
    .bind(currency)
    .bind(now)
    .execute(ex)
    .await?;
    Ok(())
}

/// Removes a client's price; `NotFound` when there was none.
pub async fn delete_client_price<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    client_id: i64,
    session_type_id: i64,
) -> Result<()> {
    let done = sqlx::query(
        "DELETE FROM client_prices WHERE coach_id = $1 AND client_id = $2 AND session_type_id = $3",
    )
    .bind(coach_id)
    .bind(client_id)
    .bind(session_type_id)
    .execute(ex)
    .await?;
    if done.rows_affected() == 0 {
        return Err(super::StoreError::NotFound);
    }
    Ok(())
}

/// How many bookings of a session type a client has that were not cancelled, leaving out
/// `except` (the booking being priced).
pub async fn sessions_had<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    client_id: i64,
    session_type_id: i64,
    except: Option<i64>,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM bookings b JOIN sessions s ON s.id = b.session_id
         WHERE b.client_id = $1 AND b.coach_id = $2 AND s.session_type_id = $3
           AND b.status <> 'cancelled' AND b.id <> $4",
    )
    .bind(client_id)
    .bind(coach_id)
    .bind(session_type_id)
    .bind(except.unwrap_or(0))
    .fetch_one(ex)
    .await?)
}
