//! The database: one connection pool for SQLite and PostgreSQL, migrations, and the queries.
//!
//! Queries are written once in the dialect both backends share (`$1` placeholders, `RETURNING`,
//! `BIGINT` integers, UTC instants as Unix seconds in `*_at` columns). What must differ lives in
//! [`dialect`].

pub mod api_tokens;
pub mod applications;
pub mod availability;
pub mod bench;
pub mod booking_edits;
pub mod bookings;
pub mod busy_calendars;
pub mod clients;
pub mod cohosts;
pub mod dialect;
pub mod emails;
pub mod enrolments;
pub mod feeds;
pub mod glance;
pub mod insights;
pub mod invitations;
pub mod jobs;
pub mod live;
pub mod login_sessions;
pub mod manage_links;
pub mod migrations;
pub mod notifications;
pub mod notify_settings;
pub mod packages;
pub mod payments;
pub mod pricing;
pub mod privacy;
pub mod series;
pub mod session_requests;
pub mod session_types;
pub mod sessions;
pub mod templates;
pub mod throttles;
pub mod types;
pub mod users;
pub mod waitlist;
pub mod webhooks;

use std::str::FromStr;
use std::sync::Once;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyPool, Transaction};

/// Which database engine a [`Db`] talks to; chosen by the URL scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Result<Self, StoreError> {
        if url.starts_with("sqlite:") {
            Ok(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres)
        } else {
            Err(StoreError::UnsupportedUrl)
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A unique constraint refused the write; `detail` names the constraint or column.
    #[error("already exists ({detail})")]
    Unique { detail: String },
    /// The database refused overlapping time for one coach (the PostgreSQL exclusion constraint).
    #[error("overlaps existing time")]
    Overlap,
    #[error("unsupported database URL: use sqlite://FILE or postgres://USER@HOST/DB")]
    UnsupportedUrl,
    /// A stored value that does not decode (a column holding what its type cannot be): the
    /// data is wrong, and saying so beats guessing.
    #[error("stored data does not decode: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Backend(sqlx::Error),
    #[error("migration {version} failed: {source}")]
    Migration { version: i64, source: sqlx::Error },
    /// The database holds a migration this binary does not know: a newer Coachbook wrote it.
    #[error(
        "the database has migration {version} ({name}), which this Coachbook does not know (it knows \
         up to {known}): a newer version has upgraded it. Run that version, or restore the backup \
         taken before the upgrade"
    )]
    SchemaTooNew {
        version: i64,
        name: String,
        known: i64,
    },
    /// An applied migration's text differs from the one embedded in this binary.
    #[error(
        "migration {version} ({name}) in this Coachbook differs from the one applied to the database \
         (checksum {applied}, this binary {embedded}): released migrations must never change"
    )]
    MigrationChanged {
        version: i64,
        name: String,
        applied: String,
        embedded: String,
    },
}

impl StoreError {
    /// Whether a unique violation concerns `column` (PostgreSQL names the constraint, SQLite the
    /// column, and our constraints are named after their columns).
    pub fn is_unique_on(&self, column: &str) -> bool {
        matches!(self, Self::Unique { detail } if detail.contains(column))
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::RowNotFound => Self::NotFound,
            sqlx::Error::ColumnDecode { .. } | sqlx::Error::Decode(_) => {
                Self::Corrupt(err.to_string())
            }
            sqlx::Error::Database(db) => match db.kind() {
                sqlx::error::ErrorKind::UniqueViolation => Self::Unique {
                    detail: db
                        .constraint()
                        .map_or_else(|| db.message().to_owned(), str::to_owned),
                },
                _ if dialect::is_exclusion_violation(db.as_ref()) => Self::Overlap,
                _ => Self::Backend(err),
            },
            _ => Self::Backend(err),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// `Ok` when a statement touched a row; `NotFound` when none matched (not the coach's, or gone).
pub(crate) fn touched(done: &sqlx::any::AnyQueryResult) -> Result<()> {
    if done.rows_affected() == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// Tables whose rows a coach archives rather than deletes (other rows still point at them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Archivable {
    SessionTypes,
    Packages,
}

/// Archives (or restores) one of the coach's rows; `NotFound` when it is not theirs.
pub async fn set_archived<'e, E: sqlx::Executor<'e, Database = Any>>(
    ex: E,
    table: Archivable,
    coach_id: i64,
    id: i64,
    archived: bool,
    now: types::UnixTime,
) -> Result<()> {
    let table = match table {
        Archivable::SessionTypes => "session_types",
        Archivable::Packages => "packages",
    };
    let done = sqlx::query(&format!(
        "UPDATE {table} SET archived_at = $1, updated_at = $2 WHERE coach_id = $3 AND id = $4"
    ))
    .bind(archived.then_some(now))
    .bind(now)
    .bind(coach_id)
    .bind(id)
    .execute(ex)
    .await?;
    touched(&done)
}
pub type Tx = Transaction<'static, Any>;

/// A handle on the database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    /// Where transactions that write begin. On SQLite a pool of one connection, so that writers
    /// queue in order here instead of all taking turns at SQLite's busy handler, which sleeps
    /// and retries (that made the slowest bookings 200 times the median). On PostgreSQL, `pool`.
    writer: AnyPool,
    backend: Backend,
}

static DRIVERS: Once = Once::new();

impl Db {
    /// Connects without migrating. SQLite files are created if missing and opened in WAL mode with
    /// foreign keys on and a busy timeout, on every pooled connection.
    pub async fn connect(url: &str) -> Result<Self> {
        let backend = Backend::from_url(url)?;
        DRIVERS.call_once(sqlx::any::install_default_drivers);
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") => {
                format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
            }
            _ => url.to_owned(),
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let pool_of = |size: u32| {
            AnyPoolOptions::new()
                .max_connections(size)
                .acquire_timeout(Duration::from_secs(10))
                .after_connect(move |conn, _meta| {
                    Box::pin(async move {
                        if backend == Backend::Sqlite {
                            for pragma in dialect::SQLITE_CONNECTION_PRAGMAS {
                                sqlx::query(pragma).execute(&mut *conn).await?;
                            }
                        }
                        Ok(())
                    })
                })
        };
        let (pool, writer) = match backend {
            Backend::Sqlite => (
                pool_of(8).connect_with(options.clone()).await?,
                pool_of(1).connect_with(options).await?,
            ),
            Backend::Postgres => {
                let pool = pool_of(16).connect_with(options).await?;
                (pool.clone(), pool)
            }
        };
        Ok(Self {
            pool,
            writer,
            backend,
        })
    }

    /// Connects and applies any pending migrations (noted as applied at `now`).
    pub async fn open(url: &str, now: types::UnixTime) -> Result<Self> {
        let db = Self::connect(url).await?;
        migrations::run(&db, now).await?;
        Ok(db)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Where a single statement that writes goes: on SQLite the one writer connection, so that it
    /// queues with the transactions that write instead of meeting their lock in the busy handler.
    pub fn writer(&self) -> &AnyPool {
        &self.writer
    }

    /// A transaction for reads, or one whose first statement writes.
    pub async fn begin(&self) -> Result<Tx> {
        Ok(self.pool.begin().await?)
    }

    /// A transaction that reads before it writes. On SQLite it takes the write lock up front
    /// (`BEGIN IMMEDIATE`): a deferred transaction that later upgrades to a write fails with
    /// SQLITE_BUSY at once instead of waiting for the busy timeout.
    pub async fn begin_write(&self) -> Result<Tx> {
        Ok(self
            .writer
            .begin_with(dialect::begin_write(self.backend))
            .await?)
    }

    /// Whether the database answers (for `/readyz`).
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
        self.writer.close().await;
    }
}
