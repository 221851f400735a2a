//! Bulk writes for `coachbook bench-data`: the reference datasets the benchmarks run on. Rows go
//! in hundreds to a statement; nothing here is on a request's path.

use std::fmt::Write;

use super::types::UnixTime;
use super::{Result, Tx};

/// Rows per `INSERT`: far below either database's limit on bound values.
const BATCH: usize = 500;

/// Inserts the coach's sessions of one type at `spans` (start, end), all scheduled.
pub async fn insert_sessions(
    tx: &mut Tx,
    coach_id: i64,
    session_type_id: i64,
    spans: &[(UnixTime, UnixTime)],
    now: UnixTime,
) -> Result<()> {
    for chunk in spans.chunks(BATCH) {
        let mut sql = String::from(
            "INSERT INTO sessions (coach_id, session_type_id, start_at, end_at, created_at, updated_at) VALUES ",
        );
        for i in 0..chunk.len() {
            let sep = if i == 0 { "" } else { ", " };
            // Writing to a String cannot fail.
            let _ = write!(sql, "{sep}($1, $2, ${}, ${}, $3, $3)", 4 + 2 * i, 5 + 2 * i);
        }
        let mut q = sqlx::query(&sql)
            .bind(coach_id)
            .bind(session_type_id)
            .bind(now);
        for (start, end) in chunk {
            q = q.bind(*start).bind(*end);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Books one client into each of the coach's sessions: completed before `now`, confirmed after.
pub async fn book_every_session(tx: &mut Tx, coach_id: i64, now: UnixTime) -> Result<u64> {
    let done = sqlx::query(
        "INSERT INTO bookings (coach_id, session_id, name, email, status, created_at, updated_at)
         SELECT s.coach_id, s.id, 'Client ' || (s.id % 500), 'client' || (s.id % 500) || '@bench.coachbook.test',
                CASE WHEN s.start_at < $2 THEN 'completed' ELSE 'confirmed' END, $2, $2
         FROM sessions s WHERE s.coach_id = $1",
    )
    .bind(coach_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected())
}

/// After a bulk load: the planner's statistics brought up to date and, on PostgreSQL, the dead
/// row versions the load left cleared (the calendar-version triggers update the coach's row once
/// per session and once per booking, all in the load's one transaction). Autovacuum would do the
/// same within a minute or so; the figures are measured at once.
pub async fn analyze(db: &super::Db) -> Result<()> {
    let sql = match db.backend() {
        super::Backend::Postgres => "VACUUM ANALYZE",
        super::Backend::Sqlite => "ANALYZE",
    };
    sqlx::raw_sql(sql).execute(db.pool()).await?;
    Ok(())
}
