//! The one migration history for both backends: `migrations/NNNN_name.sql`, embedded in the
//! binary, applied in order at start, each in its own transaction.
//!
//! Each applied migration is recorded with the SHA-256 of its text. At start the recorded history
//! is checked against the binary's: a migration the binary does not know (a newer Coachbook ran it)
//! or one whose text changed after it was applied stops the start with an error that says so,
//! before anything is written. Rows recorded before checksums existed get theirs on the next start.

use rust_embed::RustEmbed;
use sha2::{Digest, Sha256};

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

impl Migration {
    /// SHA-256 of the text, hex, with line endings made `\n` so that a checkout's line endings do
    /// not change it.
    pub fn checksum(&self) -> String {
        let digest = Sha256::digest(self.sql.replace("\r\n", "\n").as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
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
            applied_at BIGINT NOT NULL,
            checksum TEXT
        )",
    )
    .execute(db.pool())
    .await?;
    // Databases from before checksums: the column is added once.
    if sqlx::query("SELECT checksum FROM schema_migrations WHERE 1 = 0")
        .execute(db.pool())
        .await
        .is_err()
    {
        sqlx::query("ALTER TABLE schema_migrations ADD COLUMN checksum TEXT")
            .execute(db.pool())
            .await?;
    }
    let known = all();
    check_history(db, &known).await?;
    let mut applied = Vec::new();
    for m in known {
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
            "INSERT INTO schema_migrations (version, name, applied_at, checksum) VALUES ($1, $2, $3, $4)",
        )
        .bind(m.version)
        .bind(&m.name)
        .bind(now)
        .bind(m.checksum())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        tracing::info!(version = m.version, name = %m.name, "applied migration");
        applied.push(m.version);
    }
    Ok(applied)
}

/// Compares the recorded history with `known`: refuses a migration it does not know or one whose
/// text changed, and records the checksum of rows from before checksums.
async fn check_history(db: &Db, known: &[Migration]) -> Result<()> {
    let recorded: Vec<(i64, String, Option<String>)> =
        sqlx::query_as("SELECT version, name, checksum FROM schema_migrations ORDER BY version")
            .fetch_all(db.pool())
            .await?;
    let newest_known = known.last().map_or(0, |m| m.version);
    for (version, name, checksum) in recorded {
        let Some(m) = known.iter().find(|m| m.version == version) else {
            return Err(StoreError::SchemaTooNew {
                version,
                name,
                known: newest_known,
            });
        };
        let embedded = m.checksum();
        match checksum {
            Some(applied) if applied != embedded => {
                return Err(StoreError::MigrationChanged {
                    version,
                    name,
                    applied,
                    embedded,
                })
            }
            Some(_) => {}
            None => {
                sqlx::query(
                    "UPDATE schema_migrations SET checksum = $1 WHERE version = $2 AND checksum IS NULL",
                )
                .bind(&embedded)
                .bind(version)
                .execute(db.pool())
                .await?;
            }
        }
    }
    Ok(())
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
