//! The hosts of sessions (`session_hosts`): the owner's row (kept by triggers) and the co-hosts
//! the owner invites, with their answer. Every read of a coach's co-hosted time is bounded by the
//! range asked, on the index `(coach_id, start_at)`.

use coachbook_core::availability::MAX_DURATION;
use coachbook_core::booking::SessionStatus;
use coachbook_core::time::{sat_sub, Interval};
use sqlx::{Any, Executor};

use super::bookings::SessionRow;
use super::types::UnixTime;
use super::{touched, Result};

/// One host of a session, with the name the other hosts see.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HostRow {
    pub session_id: i64,
    pub coach_id: i64,
    pub name: String,
    pub role: String,
    pub status: String,
}

/// The hosts of the given sessions, owner first, then as invited. The ids come from a bounded
/// list; they are read in chunks so that no statement has too many parameters.
pub async fn hosts_of(conn: &mut sqlx::AnyConnection, session_ids: &[i64]) -> Result<Vec<HostRow>> {
    let mut out = Vec::new();
    for chunk in session_ids.chunks(500) {
        let params: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 1)).collect();
        let sql = format!(
            "SELECT h.session_id, h.coach_id, u.name, h.role, h.status
             FROM session_hosts h JOIN coaches c ON c.id = h.coach_id JOIN users u ON u.id = c.user_id
             WHERE h.session_id IN ({})
             ORDER BY h.session_id, CASE WHEN h.role = 'owner' THEN 0 ELSE 1 END, h.id",
            params.join(", ")
        );
        let mut q = sqlx::query_as(&sql);
        for id in chunk {
            q = q.bind(*id);
        }
        out.extend(q.fetch_all(&mut *conn).await?);
    }
    Ok(out)
}

/// The session's owner, and this coach's row on it when they are a host: `NotFound` when the
/// session does not exist.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Hosting {
    pub owner_id: i64,
    pub role: Option<String>,
    pub status: Option<String>,
}

pub async fn hosting<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    session_id: i64,
    coach_id: i64,
) -> Result<Hosting> {
    Ok(sqlx::query_as(
        "SELECT s.coach_id AS owner_id, h.role, h.status
         FROM sessions s LEFT JOIN session_hosts h ON h.session_id = s.id AND h.coach_id = $2
         WHERE s.id = $1",
    )
    .bind(session_id)
    .bind(coach_id)
    .fetch_one(ex)
    .await?)
}

/// The co-hosts of a session who still hold its time (invited or accepted).
pub async fn holding_cohosts<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    session_id: i64,
) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT coach_id FROM session_hosts
         WHERE session_id = $1 AND role = 'cohost' AND status <> 'declined' ORDER BY coach_id",
    )
    .bind(session_id)
    .fetch_all(ex)
    .await?)
}

/// Invites `coach_id` to the session (its time copied from the session): a `Unique` error when
/// they are already a host.
pub async fn invite<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    session_id: i64,
    coach_id: i64,
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "INSERT INTO session_hosts (session_id, coach_id, role, status, start_at, end_at, session_status, created_at, updated_at)
         SELECT id, $2, 'cohost', 'invited', start_at, end_at, status, $3, $3 FROM sessions WHERE id = $1",
    )
    .bind(session_id)
    .bind(coach_id)
    .bind(now)
    .execute(ex)
    .await?;
    touched(&done)
}

/// A co-host's answer; `NotFound` when they are not a co-host of the session.
pub async fn set_status<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    session_id: i64,
    coach_id: i64,
    status: &str,
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE session_hosts SET status = $1, updated_at = $2
         WHERE session_id = $3 AND coach_id = $4 AND role = 'cohost'",
    )
    .bind(status)
    .bind(now)
    .bind(session_id)
    .bind(coach_id)
    .execute(ex)
    .await?;
    touched(&done)
}

/// Removes a co-host (never the owner); `NotFound` when they are not one.
pub async fn remove<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    session_id: i64,
    coach_id: i64,
) -> Result<()> {
    let done = sqlx::query(
        "DELETE FROM session_hosts WHERE session_id = $1 AND coach_id = $2 AND role = 'cohost'",
    )
    .bind(session_id)
    .bind(coach_id)
    .execute(ex)
    .await?;
    touched(&done)
}

/// Live sessions overlapping `range` whose time `coach_id` holds as a co-host (invited or
/// accepted), shaped like the coach's own sessions for the availability engine. Only rows
/// starting in `[range.start − 1 day, range.end)` are read (a session lasts at most a day).
pub async fn held_between<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    range: Interval,
) -> Result<Vec<SessionRow>> {
    Ok(sqlx::query_as(
        "SELECT s.id, s.session_type_id, s.start_at, s.end_at, s.buffer_before_minutes, s.buffer_after_minutes,
                s.capacity, s.capacity AS booked
         FROM session_hosts h JOIN sessions s ON s.id = h.session_id
         WHERE h.coach_id = $1 AND h.role = 'cohost' AND h.status <> 'declined' AND h.session_status = $2
           AND h.start_at >= $3 AND h.start_at < $4 AND h.end_at > $5
         ORDER BY h.start_at",
    )
    .bind(coach_id)
    .bind(SessionStatus::Scheduled.as_str())
    .bind(UnixTime::from(sat_sub(range.start, MAX_DURATION)))
    .bind(UnixTime::from(range.end))
    .bind(UnixTime::from(range.start))
    .fetch_all(ex)
    .await?)
}

/// Sessions overlapping `range` that `coach_id` co-hosts (any answer but declined), with their
/// owners, by start; `status` filters the session's status when given.
pub async fn cohosted_between<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    range: Interval,
    status: Option<SessionStatus>,
    limit: i64,
) -> Result<Vec<(i64, i64)>> {
    let mut sql = String::from(
        "SELECT h.session_id, s.coach_id FROM session_hosts h JOIN sessions s ON s.id = h.session_id
         WHERE h.coach_id = $1 AND h.role = 'cohost' AND h.status <> 'declined'
           AND h.start_at >= $2 AND h.start_at < $3 AND h.end_at > $4",
    );
    let last = if status.is_some() {
        sql.push_str(" AND h.session_status = $5");
        6
    } else {
        5
    };
    sql.push_str(&format!(" ORDER BY h.start_at, h.session_id LIMIT ${last}"));
    let mut q = sqlx::query_as(&sql)
        .bind(coach_id)
        .bind(UnixTime::from(sat_sub(range.start, MAX_DURATION)))
        .bind(UnixTime::from(range.end))
        .bind(UnixTime::from(range.start));
    if let Some(s) = status {
        q = q.bind(s.as_str());
    }
    Ok(q.bind(limit).fetch_all(ex).await?)
}

/// The other coaches of the installation, by name: whom a session's owner may invite.
pub async fn other_coaches<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT c.id, u.name FROM coaches c JOIN users u ON u.id = c.user_id
         WHERE c.id <> $1 ORDER BY u.name, c.id LIMIT 500",
    )
    .bind(coach_id)
    .fetch_all(ex)
    .await?)
}

/// The coach whose account has this email, when there is one.
pub async fn coach_by_email<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    email: &str,
) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT c.id FROM coaches c JOIN users u ON u.id = c.user_id WHERE LOWER(u.email) = LOWER($1)",
    )
    .bind(email)
    .fetch_optional(ex)
    .await?)
}

/// Sessions starting in `[from, to)` that `coach_id` co-hosts (not declined), shaped for their
/// calendar feed, by start; at most `limit`.
pub async fn feed_sessions<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    from: UnixTime,
    to: UnixTime,
    limit: i64,
) -> Result<Vec<super::feeds::FeedSessionRow>> {
    Ok(sqlx::query_as(
        "SELECT s.id, t.name AS session_type_name, t.kind, s.start_at, s.end_at, s.status,
            s.meeting_url, s.revision, s.updated_at, s.series_id, s.recurrence_at
         FROM session_hosts h JOIN sessions s ON s.id = h.session_id
         JOIN session_types t ON t.id = s.session_type_id
         WHERE h.coach_id = $1 AND h.role = 'cohost' AND h.status <> 'declined'
           AND h.start_at >= $2 AND h.start_at < $3
         ORDER BY h.start_at, h.session_id LIMIT $4",
    )
    .bind(coach_id)
    .bind(from)
    .bind(to)
    .bind(limit)
    .fetch_all(ex)
    .await?)
}
