//! Where a booking goes, decided under the coach's lock: into an existing group session with a
//! free seat, or into a new session that collides with nothing (buffers included) and lies in
//! the coach's hours unless the coach overrides them.

use coachbook_core::availability::ConflictError;
use coachbook_core::time::{Buffers, Interval, SessionId};
use jiff::{SignedDuration, Timestamp};
use sqlx::AnyConnection;

use super::super::accounts::Coach;
use super::super::availability::load_calendar;
use super::super::{AppError, AppResult, Refusal};
use crate::store::bookings::{self as store, NewSession};
use crate::store::session_types::SessionTypeRow;
use crate::store::types::UnixTime;
use crate::store::StoreError;

/// Where a booking goes.
pub(crate) enum Placement {
    /// An existing group session of the same type and time with a seat left.
    Join(i64),
    New,
}

/// Decides where `proposed` can take a booking of `st`. `exclude` is the session being moved.
pub(crate) async fn place(
    conn: &mut AnyConnection,
    coach: &Coach,
    st: &SessionTypeRow,
    proposed: Interval,
    override_hours: bool,
    exclude: Option<i64>,
    now: Timestamp,
) -> AppResult<Placement> {
    let near = store::sessions_between(&mut *conn, coach.id, proposed).await?;
    let joinable = near.iter().find(|s| {
        Some(s.id) != exclude
            && st.capacity > 1
            && s.session_type_id == st.id
            && s.start_at == UnixTime::from(proposed.start)
            && s.end_at == UnixTime::from(proposed.end)
            && s.booked < s.capacity
    });
    if let Some(group) = joinable {
        return Ok(Placement::Join(group.id));
    }
    let calendar = load_calendar(conn, coach.id, &coach.zone, proposed, None).await?;
    let buffers = Buffers::new(
        SignedDuration::from_mins(st.buffer_before_minutes),
        SignedDuration::from_mins(st.buffer_after_minutes),
    );
    check_free(&calendar, coach, proposed, buffers, exclude)?;
    if !override_hours {
        let session_type = coachbook_core::time::SessionTypeId(st.id);
        calendar
            .check_hours(session_type, proposed, now)
            .map_err(Refusal::OutsideHours)?;
    }
    Ok(Placement::New)
}

/// Whether `proposed` with `buffers` collides with nothing on `calendar` but `exclude`.
pub(crate) fn check_free(
    calendar: &coachbook_core::availability::Calendar,
    coach: &Coach,
    proposed: Interval,
    buffers: Buffers,
    exclude: Option<i64>,
) -> AppResult<()> {
    match calendar.check_conflict(proposed, buffers, exclude.map(SessionId)) {
        Ok(()) => Ok(()),
        Err(ConflictError::Conflict(with)) => Err(Refusal::Collision {
            with,
            zone: coach.zone.clone(),
        }
        .into()),
        Err(e) => Err(AppError::invalid("start", e.to_string())),
    }
}

/// Makes a new session of `st` at `at`. The PostgreSQL exclusion constraint is the backstop
/// behind the check: should it refuse, that is a collision too.
pub(crate) async fn new_session(
    conn: &mut AnyConnection,
    coach: &Coach,
    st: &SessionTypeRow,
    at: Interval,
    meeting_url: &str,
    now: Timestamp,
) -> AppResult<i64> {
    // A session without a link of its own gets one by the coach's meeting-link rule.
    let rule;
    let meeting_url = if meeting_url.trim().is_empty() {
        rule = super::super::meeting_links::for_new_session(&mut *conn, coach.id).await?;
        rule.as_str()
    } else {
        meeting_url
    };
    store::insert_session(
        conn,
        &NewSession {
            coach_id: coach.id,
            session_type_id: st.id,
            at,
            buffer_before_minutes: st.buffer_before_minutes,
            buffer_after_minutes: st.buffer_after_minutes,
            capacity: st.capacity,
            meeting_url,
        },
        now.into(),
    )
    .await
    .map_err(overlap_refused)
}

/// The exclusion constraint's refusal as the collision it is.
pub(crate) fn overlap_refused(e: StoreError) -> AppError {
    match e {
        StoreError::Overlap => Refusal::Overlap.into(),
        e => e.into(),
    }
}
