//! Browser sessions in the database (the `login_sessions` table), so that every node sees the
//! same sign-ins. Implements tower-sessions' store; the cookie carries the session id, the table
//! only its SHA-256, so a copy of the database holds no usable session.

use async_trait::async_trait;
use sha2::{Digest, Sha256};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

use super::types::UnixTime;
use super::{Db, Result, StoreError};
use crate::clock::Clock;

/// The session key under which the signed-in user's id is kept.
pub const USER_ID_KEY: &str = "user_id";

/// Expiry is decided here, by the app's clock: a session lasts `idle` from its last save, and
/// is gone once the clock passes that (tower-sessions' own expiry date reads the system clock).
#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: Db,
    clock: Clock,
    idle: jiff::SignedDuration,
}

impl DbSessionStore {
    pub fn new(db: Db, clock: Clock, idle: jiff::SignedDuration) -> Self {
        Self { db, clock, idle }
    }

    fn expires_at(&self) -> UnixTime {
        coachbook_core::time::sat_add(self.clock.now(), self.idle).into()
    }
}

pub fn hash_id(id: &Id) -> String {
    let digest = Sha256::digest(id.to_string().as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn user_id_of(record: &Record) -> Option<i64> {
    record
        .data
        .get(USER_ID_KEY)
        .and_then(serde_json::Value::as_i64)
}

fn backend_error(err: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(err.to_string())
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let data = serde_json::to_string(&record.data)
            .map_err(|e| session_store::Error::Encode(e.to_string()))?;
        // A 128-bit random id collides practically never; retry anyway rather than overwrite.
        for _ in 0..4 {
            let inserted = sqlx::query(
                "INSERT INTO login_sessions (id_hash, user_id, data, expires_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(hash_id(&record.id))
            .bind(user_id_of(record))
            .bind(&data)
            .bind(self.expires_at())
            .execute(self.db.pool())
            .await
            .map_err(StoreError::from);
            match inserted {
                Ok(_) => return Ok(()),
                Err(StoreError::Unique { .. }) => record.id = Id::default(),
                Err(e) => return Err(backend_error(e)),
            }
        }
        Err(backend_error("could not allocate a session id"))
    }

    /// Updates only: a session ended elsewhere (sign-out, password change) must not be brought
    /// back by a request that was already in flight.
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = serde_json::to_string(&record.data)
            .map_err(|e| session_store::Error::Encode(e.to_string()))?;
        sqlx::query(
            "UPDATE login_sessions SET user_id = $1, data = $2, expires_at = $3 WHERE id_hash = $4",
        )
        .bind(user_id_of(record))
        .bind(&data)
        .bind(self.expires_at())
        .bind(hash_id(&record.id))
        .execute(self.db.pool())
        .await
        .map_err(backend_error)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let row: Option<(String, i64)> = sqlx::query_as(
            "SELECT data, expires_at FROM login_sessions WHERE id_hash = $1 AND expires_at > $2",
        )
        .bind(hash_id(id))
        .bind(UnixTime::from(self.clock.now()))
        .fetch_optional(self.db.pool())
        .await
        .map_err(backend_error)?;
        let Some((data, expires_at)) = row else {
            return Ok(None);
        };
        let data =
            serde_json::from_str(&data).map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date =
            time::OffsetDateTime::from_unix_timestamp(expires_at).map_err(backend_error)?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        sqlx::query("DELETE FROM login_sessions WHERE id_hash = $1")
            .bind(hash_id(id))
            .execute(self.db.pool())
            .await
            .map_err(backend_error)?;
        Ok(())
    }
}

/// Ends every session of a user except `keep` (the one making the request, if any).
pub async fn end_all_for_user(db: &Db, user_id: i64, keep: Option<&Id>) -> Result<u64> {
    let keep = keep.map(hash_id).unwrap_or_default();
    let done = sqlx::query("DELETE FROM login_sessions WHERE user_id = $1 AND id_hash <> $2")
        .bind(user_id)
        .bind(keep)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected())
}

pub async fn delete_expired(db: &Db, now: UnixTime) -> Result<u64> {
    let done = sqlx::query("DELETE FROM login_sessions WHERE expires_at <= $1")
        .bind(now)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected())
}
