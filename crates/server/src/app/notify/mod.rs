//! Who hears of what. Each change people should hear of is an [`Event`]; the use case that makes
//! the change records it with [`on`] inside its own transaction, so the notices and emails exist
//! exactly when the change does (a booking refused with 409 leaves none). In-app notices are
//! rows per user ([`inapp`]); emails are rendered and stored, then sent by a job ([`email`]).

pub mod email;
pub mod inapp;
pub mod reminders;
pub mod requests;
pub mod settings;
pub mod waitlist;

pub use requests::RequestChange;

use jiff::Timestamp;

use super::{AppResult, Ctx};
use crate::store::Tx;

/// Something that happened in a coach's practice that someone should hear of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A booking was made (by the coach, or by a client later); a discovery call when it has an
    /// application.
    BookingCreated { booking_id: i64 },
    /// A pending booking was confirmed.
    BookingConfirmed { booking_id: i64 },
    /// A booking was cancelled; `by_client` when the participant cancelled it.
    BookingCancelled { booking_id: i64, by_client: bool },
    /// A booking moved, or its meeting link changed.
    BookingRescheduled { booking_id: i64 },
    /// Someone applied to work with the coach.
    ApplicationReceived { application_id: i64 },
    /// A session is `offset_minutes` away: the participant's reminder email is due (queued by
    /// the `reminder.send` job once it has checked the booking is still on at that time; the
    /// coach gets no in-app notice for it). The email carries a `List-Unsubscribe` header.
    ReminderDue {
        booking_id: i64,
        offset_minutes: i64,
    },
    /// A session request arrived, was declined, expired or was withdrawn (its approval is a
    /// `BookingCreated`). Handled whole by [`requests`].
    SessionRequest {
        request_id: i64,
        change: RequestChange,
    },
}

/// Records `event`'s notices and queues its emails, in `tx`.
pub async fn on(
    tx: &mut Tx,
    cx: &Ctx,
    coach_id: i64,
    event: &Event,
    now: Timestamp,
) -> AppResult<()> {
    super::webhooks::on_event(tx, coach_id, event, now).await?;
    if let Event::SessionRequest { request_id, change } = *event {
        return requests::on(tx, cx, coach_id, request_id, change, now).await;
    }
    inapp::record(tx, cx, coach_id, event, now).await?;
    email::queue(tx, cx, coach_id, event, now).await?;
    match event {
        Event::BookingCreated { booking_id }
        | Event::BookingConfirmed { booking_id }
        | Event::BookingRescheduled { booking_id } => {
            reminders::schedule(tx, coach_id, *booking_id, now).await?;
        }
        _ => {}
    }
    Ok(())
}
