//! Manage links: the random token a booking made on the coach's page carries, for the person who
//! made it to cancel or reschedule without an account.

use sqlx::{Any, Executor};

use super::{touched, Result};

/// Gives booking `booking_id` its token (once: a booking that has one keeps it).
pub async fn set<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    booking_id: i64,
    token: &str,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE bookings SET manage_token = $1 WHERE coach_id = $2 AND id = $3 AND manage_token IS NULL",
    )
    .bind(token)
    .bind(coach_id)
    .bind(booking_id)
    .execute(ex)
    .await?;
    touched(&done)
}

/// The booking's token, if it has one.
pub async fn token_of<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    booking_id: i64,
) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT manage_token FROM bookings WHERE coach_id = $1 AND id = $2")
            .bind(coach_id)
            .bind(booking_id)
            .fetch_one(ex)
            .await?,
    )
}

/// The (coach id, booking id) a token belongs to; `NotFound` for an unknown token.
pub async fn by_token<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    token: &str,
) -> Result<(i64, i64)> {
    Ok(
        sqlx::query_as("SELECT coach_id, id FROM bookings WHERE manage_token = $1")
            .bind(token)
            .fetch_one(ex)
            .await?,
    )
}
