//! Sessions as the coach manages them whole: a range of the calendar with each session's type,
//! seats and participants; a session's details, capacity and type; a booking's agreed price;
//! and the coach's meeting-link rule (columns of `coaches`). Every read is scoped to one coach
//! and bounded by the range asked, on the index `(coach_id, start_at)`.

use coachbook_core::availability::MAX_DURATION;
use coachbook_core::booking::{BookingStatus, SessionKind, SessionStatus};
use coachbook_core::time::{sat_sub, Interval};
use sqlx::{Any, Executor};

use super::types::UnixTime;
use super::{touched, Result};

/// `(s1, s2, …)` placeholders from `$first` over the seat-holding statuses (the core's list).
fn seat_holding(first: usize) -> String {
    let params: Vec<String> = (0..BookingStatus::SEAT_HOLDING.len())
        .map(|i| format!("${}", first + i))
        .collect();
    format!("({})", params.join(", "))
}

/// A session with its type and the seats its bookings hold.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub id: i64,
    pub session_type_id: i64,
    pub session_type_name: String,
    pub session_type_color: String,
    #[sqlx(try_from = "String")]
    pub kind: SessionKind,
    pub start_at: UnixTime,
    pub end_at: UnixTime,
    pub buffer_before_minutes: i64,
    pub buffer_after_minutes: i64,
    pub capacity: i64,
    #[sqlx(try_from = "String")]
    pub status: SessionStatus,
    pub meeting_url: String,
    pub notes: String,
    /// Seats held by bookings.
    pub seats_taken: i64,
    /// The series it is an occurrence of, and its start in it.
    pub series_id: Option<i64>,
    pub recurrence_at: Option<UnixTime>,
}

fn select(first_status_param: usize) -> String {
    format!(
        "SELECT s.id, s.session_type_id, t.name AS session_type_name, t.color AS session_type_color, t.kind,
            s.start_at, s.end_at, s.buffer_before_minutes, s.buffer_after_minutes, s.capacity, s.status,
            s.meeting_url, s.notes, s.series_id, s.recurrence_at,
            (SELECT COUNT(*) FROM bookings b WHERE b.session_id = s.id AND b.status IN {}) AS seats_taken
         FROM sessions s JOIN session_types t ON t.id = s.session_type_id",
        seat_holding(first_status_param)
    )
}

/// Which of a coach's sessions to list: those overlapping `range`, optionally of one type and
/// in one status; at most `limit`.
#[derive(Debug, Clone)]
pub struct SessionFilter {
    pub range: Interval,
    pub session_type_id: Option<i64>,
    pub status: Option<SessionStatus>,
    pub limit: i64,
}

/// The coach's sessions overlapping the range, by start. A session lasts at most a day, so only
/// those starting in `[range.start − 1 day, range.end)` are read: the scan is bounded on both
/// sides of the index, whatever the history.
pub async fn list<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    f: &SessionFilter,
) -> Result<Vec<SessionRow>> {
    let n = BookingStatus::SEAT_HOLDING.len();
    let mut sql = select(1);
    let mut next = n + 1;
    let mut param = || {
        let p = format!("${next}");
        next += 1;
        p
    };
    sql.push_str(&format!(
        " WHERE s.coach_id = {} AND s.start_at >= {} AND s.start_at < {} AND s.end_at > {}",
        param(),
        param(),
        param(),
        param()
    ));
    if f.session_type_id.is_some() {
        sql.push_str(&format!(" AND s.session_type_id = {}", param()));
    }
    if f.status.is_some() {
        sql.push_str(&format!(" AND s.status = {}", param()));
    }
    sql.push_str(&format!(" ORDER BY s.start_at, s.id LIMIT {}", param()));
    let mut q = sqlx::query_as(&sql);
    for s in BookingStatus::SEAT_HOLDING {
        q = q.bind(s.as_str());
    }
    q = q
        .bind(coach_id)
        .bind(UnixTime::from(sat_sub(f.range.start, MAX_DURATION)))
        .bind(UnixTime::from(f.range.end))
        .bind(UnixTime::from(f.range.start));
    if let Some(id) = f.session_type_id {
        q = q.bind(id);
    }
    if let Some(status) = f.status {
        q = q.bind(status.as_str());
    }
    Ok(q.bind(f.limit).fetch_all(ex).await?)
}

/// One of the coach's sessions; `NotFound` when it is not theirs.
pub async fn get<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
) -> Result<SessionRow> {
    let n = BookingStatus::SEAT_HOLDING.len();
    let sql = format!(
        "{} WHERE s.coach_id = ${} AND s.id = ${}",
        select(1),
        n + 1,
        n + 2
    );
    let mut q = sqlx::query_as(&sql);
    for s in BookingStatus::SEAT_HOLDING {
        q = q.bind(s.as_str());
    }
    Ok(q.bind(coach_id).bind(id).fetch_one(ex).await?)
}

/// One booking in a session, as the coach sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ParticipantRow {
    pub id: i64,
    pub session_id: i64,
    pub name: String,
    pub email: String,
    #[sqlx(try_from = "String")]
    pub status: BookingStatus,
    pub notes: String,
    pub client_id: Option<i64>,
    pub enrolment_id: Option<i64>,
    pub application_id: Option<i64>,
    pub price_cents: Option<i64>,
    pub price_currency: Option<String>,
}

/// The bookings of the given sessions of the coach, by session and then as booked. The ids come
/// from a bounded list; they are read in chunks so that no statement has too many parameters.
pub async fn participants(
    conn: &mut sqlx::AnyConnection,
    coach_id: i64,
    session_ids: &[i64],
) -> Result<Vec<ParticipantRow>> {
    let mut out = Vec::new();
    for chunk in session_ids.chunks(500) {
        let params: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "SELECT id, session_id, name, email, status, notes, client_id, enrolment_id, application_id,
                price_cents, price_currency
             FROM bookings WHERE coach_id = $1 AND session_id IN ({}) ORDER BY session_id, id",
            params.join(", ")
        );
        let mut q = sqlx::query_as(&sql).bind(coach_id);
        for id in chunk {
            q = q.bind(*id);
        }
        out.extend(q.fetch_all(&mut *conn).await?);
    }
    Ok(out)
}

/// A new session as the coach makes it (without participants yet, or for a booking).
pub struct NewSession<'a> {
    pub coach_id: i64,
    pub session_type_id: i64,
    pub at: Interval,
    pub buffer_before_minutes: i64,
    pub buffer_after_minutes: i64,
    pub capacity: i64,
    pub meeting_url: &'a str,
    pub notes: &'a str,
}

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    s: &NewSession<'_>,
    now: UnixTime,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO sessions (coach_id, session_type_id, start_at, end_at, buffer_before_minutes, buffer_after_minutes,
            capacity, meeting_url, notes, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
    )
    .bind(s.coach_id)
    .bind(s.session_type_id)
    .bind(UnixTime::from(s.at.start))
    .bind(UnixTime::from(s.at.end))
    .bind(s.buffer_before_minutes)
    .bind(s.buffer_after_minutes)
    .bind(s.capacity)
    .bind(s.meeting_url)
    .bind(s.notes)
    .bind(now)
    .fetch_one(ex)
    .await?)
}

/// Sets a session's notes and meeting link.
pub async fn set_details<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
    notes: &str,
    meeting_url: &str,
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE sessions SET notes = $1, meeting_url = $2, updated_at = $3 WHERE coach_id = $4 AND id = $5",
    )
    .bind(notes)
    .bind(meeting_url)
    .bind(now)
    .bind(coach_id)
    .bind(id)
    .execute(ex)
    .await?;
    touched(&done)
}

/// Gives a session another type, with that type's buffers and the capacity decided for it.
pub async fn set_type<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
    (session_type_id, before, after, capacity): (i64, i64, i64, i64),
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE sessions SET session_type_id = $1, buffer_before_minutes = $2, buffer_after_minutes = $3,
            capacity = $4, updated_at = $5 WHERE coach_id = $6 AND id = $7",
    )
    .bind(session_type_id)
    .bind(before)
    .bind(after)
    .bind(capacity)
    .bind(now)
    .bind(coach_id)
    .bind(id)
    .execute(ex)
    .await?;
    touched(&done)
}

pub async fn set_capacity<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
    capacity: i64,
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE sessions SET capacity = $1, updated_at = $2 WHERE coach_id = $3 AND id = $4",
    )
    .bind(capacity)
    .bind(now)
    .bind(coach_id)
    .bind(id)
    .execute(ex)
    .await?;
    touched(&done)
}

/// Records the price agreed for one booking (a template's client-specific price).
pub async fn set_booking_price<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    booking_id: i64,
    cents: i64,
    currency: &str,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE bookings SET price_cents = $1, price_currency = $2 WHERE coach_id = $3 AND id = $4",
    )
    .bind(cents)
    .bind(currency)
    .bind(coach_id)
    .bind(booking_id)
    .execute(ex)
    .await?;
    touched(&done)
}

/// The coach's meeting-link rule as stored: the mode's text and the URL (or pattern).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MeetingLinkRow {
    pub meeting_link_mode: String,
    pub meeting_link_url: String,
}

pub async fn meeting_links<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<MeetingLinkRow> {
    Ok(
        sqlx::query_as("SELECT meeting_link_mode, meeting_link_url FROM coaches WHERE id = $1")
            .bind(coach_id)
            .fetch_one(ex)
            .await?,
    )
}

pub async fn set_meeting_links<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    mode: &str,
    url: &str,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE coaches SET meeting_link_mode = $1, meeting_link_url = $2 WHERE id = $3",
    )
    .bind(mode)
    .bind(url)
    .bind(coach_id)
    .execute(ex)
    .await?;
    touched(&done)
}
