//! Moving a booking to another time, through the same check as booking it: a one-on-one
//! session moves whole; a participant of a group session moves to another (new or joined)
//! session.

use coachbook_core::credit;
use coachbook_core::time::local_date;
use jiff::{SignedDuration, Timestamp};

use super::super::accounts::Coach;
use super::super::{notify, AppError, AppResult, Checker, Ctx, Refusal};
use super::place::{new_session, overlap_refused, place, Placement};
use super::request::{credit_refused, read_times, Notice, TimeInput};
use super::Booking;
use crate::store::bookings as store;
use crate::store::enrolments;
use crate::store::session_types;
use crate::store::Tx;

/// Moves booking `id` to `when`.
pub async fn reschedule(
    cx: &Ctx,
    coach: &Coach,
    id: i64,
    when: &TimeInput,
    override_hours: bool,
) -> AppResult<(Booking, Vec<Notice>)> {
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    store::lock_coach(&mut *tx, coach.id).await?;
    let notices = reschedule_in(&mut tx, coach, id, when, override_hours, now).await?;
    let event = notify::Event::BookingRescheduled { booking_id: id };
    notify::on(&mut tx, cx, coach.id, &event, now).await?;
    Ok((
        super::change::commit_and_read(tx, coach, id).await?,
        notices,
    ))
}

/// Moves booking `id` inside `tx`, which holds the coach's lock.
pub(crate) async fn reschedule_in(
    tx: &mut Tx,
    coach: &Coach,
    id: i64,
    when: &TimeInput,
    override_hours: bool,
    now: Timestamp,
) -> AppResult<Vec<Notice>> {
    let mut c = Checker::default();
    let times = read_times(&mut c, when, &coach.zone);
    let times = c.done(times)?;
    let row = store::get_booking(&mut **tx, coach.id, id)
        .await
        .map_err(AppError::missing("booking"))?;
    if !row.status.is_live() {
        return Err(Refusal::NotMovable(row.status).into());
    }
    let length = row
        .end_at
        .timestamp()
        .duration_since(row.start_at.timestamp());
    let proposed = times.interval(length.max(SignedDuration::from_mins(1)))?;
    // A package session keeps its credit only on days the credit is valid.
    if let Some(enrolment_id) = row.enrolment_id {
        let e = enrolments::get(&mut **tx, coach.id, enrolment_id).await?;
        let day = local_date(coach.zone.tz(), proposed.start);
        credit::usable_on(e.expires_on.map(|d| d.date()), day).map_err(|r| {
            let field = if when.start.trim().is_empty() {
                "date"
            } else {
                "start"
            };
            credit_refused(&e, r, field)
        })?;
    }
    let st = session_types::get(&mut **tx, coach.id, row.session_type_id).await?;
    let alone = store::seats_taken(&mut **tx, row.session_id).await? <= 1;
    let exclude = alone.then_some(row.session_id);
    let stamp = now.into();
    match place(tx, coach, &st, proposed, override_hours, exclude, now).await? {
        Placement::New if alone => {
            store::move_session(&mut **tx, row.session_id, proposed, stamp)
                .await
                .map_err(overlap_refused)?;
        }
        Placement::New => {
            let session = new_session(tx, coach, &st, proposed, &row.meeting_url, now).await?;
            store::move_booking(&mut **tx, id, session, stamp).await?;
        }
        Placement::Join(session) => {
            store::move_booking(&mut **tx, id, session, stamp).await?;
            if alone {
                store::cancel_session(&mut **tx, row.session_id, stamp).await?;
            }
        }
    }
    Ok(times.notices)
}
