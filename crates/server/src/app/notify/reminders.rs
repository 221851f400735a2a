//! Reminders before a session: a `reminder.send` job per offset, queued with the booking (and
//! again when it is confirmed or moved), due `offset` before the start. When the job runs it
//! checks the booking as it is then: a cancelled session, or one that moved (its start is not the
//! one the job was queued for), sends nothing; a reminder that comes more than its tolerance late
//! (the server was down) is skipped rather than sent late. Only then is the email queued.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::super::jobs::{self, kinds, Outcome};
use super::super::{AppResult, Ctx};
use super::{settings, Event};
use crate::store::bookings as bookings_store;
use crate::store::jobs::JobRow;
use crate::store::{StoreError, Tx};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ReminderArgs {
    pub booking_id: i64,
    pub offset_minutes: i64,
    /// The session's start (Unix seconds) the reminder was queued for.
    pub start_at: i64,
}

/// How late a reminder may still go out: a quarter of its offset, at least 10 minutes, at most
/// two hours (a 24-hour reminder two hours late is still useful; a 1-hour one 40 minutes late is
/// not).
pub fn tolerance(offset_minutes: i64) -> SignedDuration {
    SignedDuration::from_mins((offset_minutes / 4).clamp(10, 120))
}

/// Queues the reminders of booking `booking_id` (inside `tx`), one per offset of the coach's,
/// except those whose time has already passed. The dedupe key holds the start, so a booking
/// confirmed twice queues its reminders once, and a moved one gets new ones.
pub async fn schedule(
    tx: &mut Tx,
    coach_id: i64,
    booking_id: i64,
    now: Timestamp,
) -> AppResult<()> {
    let booking = bookings_store::get_booking(&mut **tx, coach_id, booking_id).await?;
    if !booking.status.is_live() {
        return Ok(());
    }
    let start = booking.start_at.timestamp();
    let prefs = settings::read(&mut **tx, coach_id).await?;
    for offset in prefs.reminder_offsets {
        let Ok(run_at) = start.checked_sub(SignedDuration::from_mins(offset)) else {
            continue;
        };
        if run_at <= now {
            continue;
        }
        let args = ReminderArgs {
            booking_id,
            offset_minutes: offset,
            start_at: start.as_second(),
        };
        let key = format!("reminder:{booking_id}:{offset}:{}", start.as_second());
        jobs::enqueue(
            &mut **tx,
            kinds::REMINDER_SEND,
            &args,
            Some(coach_id),
            run_at,
            Some(key),
            now,
        )
        .await?;
    }
    Ok(())
}

/// Why a due reminder sends nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    Gone,
    NotLive,
    Moved,
    TooLate,
}

/// Whether a reminder queued with `args`, running at `now`, should go out for a booking that now
/// starts at `start` and is `live`.
pub fn decide(args: &ReminderArgs, live: bool, start: Timestamp, now: Timestamp) -> Option<Skip> {
    if !live {
        return Some(Skip::NotLive);
    }
    if start.as_second() != args.start_at {
        return Some(Skip::Moved);
    }
    // A due time that does not exist (an offset past the start of time) is no time to send.
    let Ok(due) = start.checked_sub(SignedDuration::from_mins(args.offset_minutes)) else {
        return Some(Skip::TooLate);
    };
    match now.duration_since(due) {
        late if late > tolerance(args.offset_minutes) => Some(Skip::TooLate),
        _ if now >= start => Some(Skip::TooLate),
        _ => None,
    }
}

/// The `reminder.send` job.
pub async fn run(cx: &Ctx, job: &JobRow) -> Outcome {
    let args: ReminderArgs = match jobs::args(job) {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let Some(coach_id) = job.coach_id else {
        return Outcome::Fail(format!("reminder job {} names no coach", job.id));
    };
    match send(cx, coach_id, &args).await {
        Ok(None) => Outcome::Done,
        Ok(Some(skip)) => {
            tracing::info!(
                job = job.id,
                booking = args.booking_id,
                ?skip,
                "reminder not sent"
            );
            Outcome::Done
        }
        Err(e) => Outcome::Retry(format!("could not queue the reminder email: {e}")),
    }
}

async fn send(cx: &Ctx, coach_id: i64, args: &ReminderArgs) -> AppResult<Option<Skip>> {
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    let booking = match bookings_store::get_booking(&mut *tx, coach_id, args.booking_id).await {
        Ok(b) => b,
        Err(StoreError::NotFound) => return Ok(Some(Skip::Gone)),
        Err(e) => return Err(e.into()),
    };
    if let Some(skip) = decide(
        args,
        booking.status.is_live(),
        booking.start_at.timestamp(),
        now,
    ) {
        return Ok(Some(skip));
    }
    let event = Event::ReminderDue {
        booking_id: args.booking_id,
        offset_minutes: args.offset_minutes,
    };
    super::email::queue(&mut tx, cx, coach_id, &event, now).await?;
    tx.commit().await?;
    cx.wake.notify();
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn a_reminder_goes_out_only_for_the_session_it_was_queued_for_and_not_late() {
        let start = at("2027-03-08T10:00:00Z");
        let args = ReminderArgs {
            booking_id: 1,
            offset_minutes: 1440,
            start_at: start.as_second(),
        };
        assert_eq!(decide(&args, true, start, at("2027-03-07T10:00:00Z")), None);
        assert_eq!(
            decide(&args, true, start, at("2027-03-07T11:59:00Z")),
            None,
            "within two hours"
        );
        assert_eq!(
            decide(&args, true, start, at("2027-03-07T12:01:00Z")),
            Some(Skip::TooLate)
        );
        assert_eq!(
            decide(&args, false, start, at("2027-03-07T10:00:00Z")),
            Some(Skip::NotLive)
        );
        assert_eq!(
            decide(
                &args,
                true,
                at("2027-03-09T10:00:00Z"),
                at("2027-03-07T10:00:00Z")
            ),
            Some(Skip::Moved)
        );
        let hour = ReminderArgs {
            offset_minutes: 60,
            ..args
        };
        assert_eq!(
            decide(&hour, true, start, at("2027-03-08T09:14:00Z")),
            None,
            "15 min tolerance"
        );
        assert_eq!(
            decide(&hour, true, start, at("2027-03-08T09:16:00Z")),
            Some(Skip::TooLate)
        );
    }
}
