//! Changing a booking: its status (confirm, cancel, complete, no-show), the package credit that
//! follows from it, giving a used credit back, and its notes and meeting link.

use coachbook_core::booking::{transition, BookingAction, BookingStatus};
use coachbook_core::credit::{self, CreditKind, CreditState};
use coachbook_core::policy::can_cancel_free;
use coachbook_core::time::{local_date, Buffers};
use jiff::{SignedDuration, Timestamp};

use super::super::accounts::Coach;
use super::super::availability::load_calendar;
use super::super::{notify, AppError, AppResult, Checker, Ctx, Refusal};
use super::place::check_free;
use super::request::{credit_refused, meeting_url, notes};
use super::Booking;
use crate::store::bookings::{self as store, BookingRow};
use crate::store::enrolments::{self, NewCredit};
use crate::store::types::UnixTime;
use crate::store::Tx;

/// Takes the coach's lock, then reads the booking.
async fn locked_booking(tx: &mut Tx, coach: &Coach, id: i64) -> AppResult<BookingRow> {
    store::lock_coach(&mut **tx, coach.id).await?;
    store::get_booking(&mut **tx, coach.id, id)
        .await
        .map_err(AppError::missing("booking"))
}

/// Confirms, cancels, completes or marks a no-show. Approving a pending booking re-checks its
/// time and its package credit under the lock (time off may have been added since it was
/// requested, the credit may have run out of date); cancelling the last seat frees the time.
pub async fn change_status(
    cx: &Ctx,
    coach: &Coach,
    id: i64,
    action: BookingAction,
    reason: &str,
    waive: bool,
) -> AppResult<Booking> {
    let reason = super::super::catalog::text("reason", reason, 1000)?;
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    let row = locked_booking(&mut tx, coach, id).await?;
    status_in(&mut tx, cx, coach, &row, action, &reason, waive, now).await?;
    super::super::waitlist::seat_freed(&mut tx, cx, coach.id, row.session_id, now).await?;
    commit_and_read(tx, coach, id).await
}

/// [`change_status`] of the booking `row` inside `tx`, which holds the coach's lock (a whole
/// session's cancellation runs it for each participant).
#[expect(
    clippy::too_many_arguments,
    reason = "one status change: the booking, the action and its two options"
)]
pub(crate) async fn status_in(
    tx: &mut Tx,
    cx: &Ctx,
    coach: &Coach,
    row: &BookingRow,
    action: BookingAction,
    reason: &str,
    waive: bool,
    now: Timestamp,
) -> AppResult<()> {
    let id = row.id;
    let (start, end) = (row.start_at.timestamp(), row.end_at.timestamp());
    let to = transition(row.status, action, start, now).map_err(Refusal::Transition)?;
    if row.status == BookingStatus::Pending && to == BookingStatus::Confirmed {
        let at = coachbook_core::time::Interval { start, end };
        let calendar = load_calendar(tx, coach.id, &coach.zone, at, None).await?;
        let buffers = Buffers::new(
            SignedDuration::from_mins(row.buffer_before_minutes),
            SignedDuration::from_mins(row.buffer_after_minutes),
        );
        check_free(&calendar, coach, at, buffers, Some(row.session_id))?;
        if let Some(enrolment_id) = row.enrolment_id {
            let e = enrolments::get(&mut **tx, coach.id, enrolment_id).await?;
            credit::usable_on(
                e.expires_on.map(|d| d.date()),
                local_date(coach.zone.tz(), start),
            )
            .map_err(|r| credit_refused(&e, r, "coachingPackageId"))?;
        }
    }
    let reason = if to == BookingStatus::Cancelled {
        reason
    } else {
        ""
    };
    let stamp = now.into();
    store::set_booking_status(&mut **tx, coach.id, id, to, reason, stamp).await?;
    let event = match to {
        BookingStatus::Confirmed => Some(notify::Event::BookingConfirmed { booking_id: id }),
        BookingStatus::Cancelled => Some(notify::Event::BookingCancelled {
            booking_id: id,
            by_client: false,
        }),
        _ => None,
    };
    if let Some(event) = &event {
        notify::on(tx, cx, coach.id, event, now).await?;
    }
    if !to.holds_seat() && store::seats_taken(&mut **tx, row.session_id).await? == 0 {
        store::cancel_session(&mut **tx, row.session_id, stamp).await?;
    }
    if let Some(enrolment_id) = row.enrolment_id {
        let state = row.last_credit_entry.0.and_then(CreditState::after);
        let policy = crate::store::availability::policy(&mut **tx, coach.id).await?;
        let in_time = can_cancel_free(&policy, start, now);
        if let Some(kind) = credit::settle(state, to, in_time) {
            let note = match (kind, to) {
                (CreditKind::Release, _) => "Cancelled before the cut-off",
                (_, BookingStatus::Cancelled) => "Cancelled late",
                (_, BookingStatus::NoShow) => "No-show",
                _ => "Session held",
            };
            add_credit(tx, coach, enrolment_id, id, kind, note, now).await?;
            if kind == CreditKind::Use && waive {
                give_back(tx, coach, enrolment_id, id, now).await?;
            }
        }
    }
    Ok(())
}

/// Reads the booking as the transaction left it, then commits.
pub(super) async fn commit_and_read(mut tx: Tx, coach: &Coach, id: i64) -> AppResult<Booking> {
    let updated = store::get_booking(&mut *tx, coach.id, id).await?;
    tx.commit().await?;
    Ok(updated.into())
}

/// Waives the used credit of booking `booking_id`: gives it back, recorded with the coach.
async fn give_back(
    tx: &mut Tx,
    coach: &Coach,
    enrolment_id: i64,
    booking_id: i64,
    now: Timestamp,
) -> AppResult<()> {
    let kind = CreditKind::Waive;
    add_credit(
        tx,
        coach,
        enrolment_id,
        booking_id,
        kind,
        "Waived by the coach",
        now,
    )
    .await
}

/// Appends a ledger entry about booking `booking_id`, recorded with the coach and `now`
/// (the one way a coach's change to a booking writes the package ledger: here and when a
/// booking is edited whole, [`crate::app::booking_edit`]).
pub(crate) async fn add_credit(
    tx: &mut Tx,
    coach: &Coach,
    enrolment_id: i64,
    booking_id: i64,
    kind: CreditKind,
    note: &str,
    now: Timestamp,
) -> AppResult<()> {
    enrolments::add_credit(
        &mut **tx,
        &NewCredit {
            coach_id: coach.id,
            enrolment_id,
            booking_id: Some(booking_id),
            kind,
            delta: kind.delta(0),
            actor_user_id: Some(coach.user_id),
            note,
        },
        now.into(),
    )
    .await?;
    Ok(())
}

/// Gives back a used credit of a late-cancelled or no-show booking, recorded with who and when.
pub async fn waive_credit(cx: &Ctx, coach: &Coach, id: i64) -> AppResult<Booking> {
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    let row = locked_booking(&mut tx, coach, id).await?;
    let state = row
        .enrolment_id
        .and(row.last_credit_entry.0.and_then(CreditState::after));
    credit::can_waive(state).map_err(Refusal::Waive)?;
    let Some(enrolment_id) = row.enrolment_id else {
        return Err(Refusal::Waive(credit::WaiveError::NoCredit).into());
    };
    give_back(&mut tx, coach, enrolment_id, id, now).await?;
    commit_and_read(tx, coach, id).await
}

/// A change to a booking's details; `None` keeps what is there. The time moves with
/// `reschedule`, the status with the status actions.
#[derive(Debug, Clone, Default)]
pub struct BookingUpdate {
    pub notes: Option<String>,
    /// `https://…`, or empty to remove it.
    pub meeting_url: Option<String>,
}

pub async fn update(
    cx: &Ctx,
    coach: &Coach,
    id: i64,
    change: &BookingUpdate,
) -> AppResult<Booking> {
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    let before = locked_booking(&mut tx, coach, id).await?;
    update_in(&mut tx, coach, id, change, now.into()).await?;
    // A new meeting link is news for the participant (an updated invitation); notes are not.
    if change
        .meeting_url
        .as_deref()
        .is_some_and(|u| u.trim() != before.meeting_url)
    {
        let event = notify::Event::BookingRescheduled { booking_id: id };
        notify::on(&mut tx, cx, coach.id, &event, now).await?;
    }
    commit_and_read(tx, coach, id).await
}

/// Checks and writes `change` to the coach's booking `id`, inside `tx` (which holds its lock).
pub(crate) async fn update_in(
    tx: &mut Tx,
    coach: &Coach,
    id: i64,
    change: &BookingUpdate,
    stamp: UnixTime,
) -> AppResult<()> {
    let mut c = Checker::default();
    let url = change
        .meeting_url
        .as_deref()
        .and_then(|u| c.check(meeting_url(u)));
    let notes = change.notes.as_deref().and_then(|n| c.check(notes(n)));
    c.finish()?;
    if let Some(url) = &url {
        store::update_meeting_url(&mut **tx, coach.id, id, url, stamp).await?;
    }
    if let Some(notes) = &notes {
        store::update_notes(&mut **tx, coach.id, id, notes, stamp).await?;
    }
    Ok(())
}
