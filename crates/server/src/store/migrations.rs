//! The one migration history for both backends: `migrations/NNNN_name.sql`, embedded in the
//! binary, applied in order at start, each in its own transaction.

use rust_embed::RustEmbed;

use super::types::UnixTime;
use super::{dialect, Db, Result, StoreError};

#[derive(RustEmbed)]
#[folder = "migrations/"]
#[include = "*.sql"]
struct MigrationFiles;

#[derive(Debug, Clone)]
pub struct Migration {
    pub version: i64,
    pub name: String,
    pub sql: String,
}

/// All embedded migrations, ordered by version. File names that do not start with a number are a
/// build mistake and are reported, not skipped.
pub fn all() -> Vec<Migration> {
    let mut out: Vec<Migration> = MigrationFiles::iter()
        .filter_map(|path| {
            let file = MigrationFiles::get(&path)?;
            let stem = path.trim_end_matches(".sql");
            let (num, name) = stem.split_once('_').unwrap_or((stem, ""));
            let version = num
                .parse()
                .unwrap_or_else(|_| panic!("migration file {path} must start with a number"));
            Some(Migration {
                version,
                name: name.to_owned(),
                sql: String::from_utf8_lossy(&file.data).into_owned(),
            })
        })
        .collect();
    out.sort_by_key(|m| m.version);
    out
}

/// Applies every migration not yet recorded in `schema_migrations`, noting `now` beside each.
pub async fn run(db: &Db, now: UnixTime) -> Result<Vec<i64>> {
    let backend = db.backend();
    let mut conn = db.pool().acquire().await?;
    if let Some(lock) = dialect::migration_lock(backend) {
        sqlx::query(lock).execute(&mut *conn).await?;
    }
    let result = apply_pending(db, now).await;
    if let Some(unlock) = dialect::migration_unlock(backend) {
        sqlx::query(unlock).execute(&mut *conn).await?;
    }
    result
}

async fn apply_pending(db: &Db, now: UnixTime) -> Result<Vec<i64>> {
    sqlx::raw_sql(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version BIGINT PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at BIGINT NOT NULL
        )",
    )
    .execute(db.pool())
    .await?;
    let mut applied = Vec::new();
    for m in all() {
        let mut tx = db.begin_write().await?;
        let done: Option<i64> =
            sqlx::query_scalar("SELECT version FROM schema_migrations WHERE version = $1")
                .bind(m.version)
                .fetch_optional(&mut *tx)
                .await?;
        if done.is_some() {
            continue;
        }
        let sql = dialect::expand_migration(&m.sql, db.backend());
        sqlx::raw_sql(&sql)
            .execute(&mut *tx)
            .await
            .map_err(|source| StoreError::Migration {
                version: m.version,
                source,
            })?;
        sqlx::query(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
        )
        .bind(m.version)
        .bind(&m.name)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        tracing::info!(version = m.version, name = %m.name, "applied migration");
        applied.push(m.version);
    }
    Ok(applied)
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_numbered_without_gaps() {
        let versions: Vec<i64> = super::all().iter().map(|m| m.version).collect();
        let expected: Vec<i64> = (1..=versions.len() as i64).collect();
        assert_eq!(versions, expected);
    }
}
