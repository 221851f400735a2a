//! The throttles' shared state (`throttles`): per scope and key, the instant (milliseconds) the
//! next event is due. Each change is one statement, so nodes counting the same key at once never
//! lose a count (a row lock on PostgreSQL, the write lock on SQLite).

use sqlx::{Any, Executor};

use super::Result;

/// The instants the given `(scope, key)` pairs are due, as `(scope, due)`, for those that have one.
pub async fn due<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    keys: &[(&str, &str)],
) -> Result<Vec<(String, i64)>> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let wanted: Vec<String> = (0..keys.len())
        .map(|i| format!("(scope = ${} AND key_digest = ${})", 2 * i + 1, 2 * i + 2))
        .collect();
    let sql = format!(
        "SELECT scope, due_at_ms FROM throttles WHERE {}",
        wanted.join(" OR ")
    );
    let mut q = sqlx::query_as(&sql);
    for (scope, key) in keys {
        q = q.bind(*scope).bind(*key);
    }
    Ok(q.fetch_all(ex).await?)
}

/// Counts one event: the key is due one `period` later than it was (or than `now`, if that is
/// later). With `room`, only while the key is due at most `room` after `now` (so within its
/// allowance); answers whether the event was counted.
pub async fn spend<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    scope: &str,
    key: &str,
    now_ms: i64,
    period_ms: i64,
    room: Option<i64>,
) -> Result<bool> {
    let counted: Option<i64> = sqlx::query_scalar(
        "INSERT INTO throttles (scope, key_digest, due_at_ms) VALUES ($1, $2, $3 + $4)
         ON CONFLICT (scope, key_digest) DO UPDATE
            SET due_at_ms = (CASE WHEN throttles.due_at_ms > $3 THEN throttles.due_at_ms ELSE $3 END) + $4
            WHERE $5 IS NULL OR throttles.due_at_ms - $3 <= $5
         RETURNING due_at_ms",
    )
    .bind(scope)
    .bind(key)
    .bind(now_ms)
    .bind(period_ms)
    .bind(room)
    .fetch_optional(ex)
    .await?;
    Ok(counted.is_some())
}

/// Takes back one event counted for the key.
pub async fn give_back<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    scope: &str,
    key: &str,
    period_ms: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE throttles SET due_at_ms = due_at_ms - $3 WHERE scope = $1 AND key_digest = $2",
    )
    .bind(scope)
    .bind(key)
    .bind(period_ms)
    .execute(ex)
    .await?;
    Ok(())
}

/// Forgets the key's events.
pub async fn forget<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    scope: &str,
    key: &str,
) -> Result<()> {
    sqlx::query("DELETE FROM throttles WHERE scope = $1 AND key_digest = $2")
        .bind(scope)
        .bind(key)
        .execute(ex)
        .await?;
    Ok(())
}

/// Deletes keys whose events have all been paid off by `now_ms`.
pub async fn prune<'e, E: Executor<'e, Database = Any>>(ex: E, now_ms: i64) -> Result<u64> {
    Ok(sqlx::query("DELETE FROM throttles WHERE due_at_ms <= $1")
        .bind(now_ms)
        .execute(ex)
        .await?
        .rows_affected())
}
