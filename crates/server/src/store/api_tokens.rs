//! API tokens: the `api_tokens` table. Tokens are looked up by the SHA-256 of their text.

use sqlx::{Any, Executor};

use super::types::UnixTime;
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

/// The user a token belongs to, recording its use.
pub async fn use_token<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    token_hash: &str,
    now: UnixTime,
) -> Result<i64> {
    let user_id = sqlx::query_scalar(
        "UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2 RETURNING user_id",
    )
    .bind(now)
    .bind(token_hash)
    .fetch_one(ex)
    .await?;
    Ok(user_id)
}
