//! Manage links for bookings made on the coach's page by people without a connected account:
//! `/b/{token}` lets them see, cancel and reschedule that one booking under the coach's rules.
//! The token is random (128 bits, hex), stored with the booking like unsubscribe tokens are.

use rand::Rng;

use super::{AppError, AppResult};
use crate::store::manage_links as store;
use crate::store::Tx;

/// The path of a booking's manage page.
pub fn path(token: &str) -> String {
    format!("/b/{token}")
}

/// Gives a new booking its manage token (inside the booking's transaction) and returns it.
pub async fn issue(tx: &mut Tx, coach_id: i64, booking_id: i64) -> AppResult<String> {
    let token: u128 = rand::thread_rng().gen();
    let token = format!("{token:032x}");
    store::set(&mut **tx, coach_id, booking_id, &token).await?;
    Ok(token)
}

/// The booking a token opens, as (coach id, booking id). A token that is malformed or unknown is
/// "not found", alike.
pub async fn resolve<'e, E>(ex: E, token: &str) -> AppResult<(i64, i64)>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    if token.len() != 32 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound("booking"));
    }
    store::by_token(ex, token)
        .await
        .map_err(AppError::missing("booking"))
}
