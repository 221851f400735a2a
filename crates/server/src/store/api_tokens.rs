//! API tokens: the `api_tokens` table. Tokens are looked up by the SHA-256 of their text.

use sqlx::{Any, Executor};

use super::types::UnixTime;
use super::users::{user_columns, UserRow};
use super::Result;

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: i64,
    name: &str,
    token_hash: &str,
    now: UnixTime,
) -> Result<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(user_id)
    .bind(name)
    .bind(token_hash)
    .bind(now)
    .fetch_one(ex)
    .await?;
    Ok(id)
}

/// The user a token belongs to, with when the token was last recorded as used: one query, since
/// every API request asks.
pub async fn find<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    token_hash: &str,
) -> Result<(UserRow, Option<UnixTime>)> {
    #[derive(sqlx::FromRow)]
    struct Found {
        #[sqlx(flatten)]
        user: UserRow,
        last_used_at: Option<UnixTime>,
    }
    let found: Found = sqlx::query_as(concat!(
        "SELECT ",
        user_columns!(),
        ", t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id
         LEFT JOIN coaches c ON c.user_id = u.id WHERE t.token_hash = $1"
    ))
    .bind(token_hash)
    .fetch_one(ex)
    .await?;
    Ok((found.user, found.last_used_at))
}

/// Records that the token was used at `now`, unless a use since `since` is already recorded (so
/// that nodes racing to record it write once).
pub async fn record_use<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    token_hash: &str,
    now: UnixTime,
    since: UnixTime,
) -> Result<()> {
    sqlx::query(
        "UPDATE api_tokens SET last_used_at = $1
         WHERE token_hash = $2 AND (last_used_at IS NULL OR last_used_at < $3)",
    )
    .bind(now)
    .bind(token_hash)
    .bind(since)
    .execute(ex)
    .await?;
    Ok(())
}
