//! Booking statuses and the transitions between them, and session kinds. The database stores
//! the snake_case strings of `as_str`; `parse` is the only way back.

use jiff::Timestamp;

pub use crate::codes::ParseError;

crate::text_enum! {
    /// One participant's place in a session.
    pub enum BookingStatus ("booking status") {
        /// Waiting for the coach (a request, or a session type that needs approval).
        Pending = "pending",
        Confirmed = "confirmed",
        Cancelled = "cancelled",
        Completed = "completed",
        NoShow = "no_show",
    }
}

impl BookingStatus {
    /// The statuses in which a booking holds a seat (counts toward capacity and keeps its
    /// session's time taken). The store filters by this list instead of repeating the rule.
    pub const SEAT_HOLDING: &'static [BookingStatus] = &[
        BookingStatus::Pending,
        BookingStatus::Confirmed,
        BookingStatus::Completed,
        BookingStatus::NoShow,
    ];

    /// Whether the booking still holds a seat (counts toward capacity).
    pub fn holds_seat(self) -> bool {
        Self::SEAT_HOLDING.contains(&self)
    }

    /// Whether the booking is still ahead of its outcome: waiting for approval or confirmed. Only
    /// these can be moved, and an application's discovery call in one of them is "booked".
    pub fn is_live(self) -> bool {
        matches!(self, BookingStatus::Pending | BookingStatus::Confirmed)
    }

    /// How people read the status ("No-show").
    pub fn label(self) -> &'static str {
        match self {
            BookingStatus::Pending => "Pending",
            BookingStatus::Confirmed => "Confirmed",
            BookingStatus::Cancelled => "Cancelled",
            BookingStatus::Completed => "Completed",
            BookingStatus::NoShow => "No-show",
        }
    }
}

crate::text_enum! {
    /// What someone does to a booking.
    pub enum BookingAction ("booking action") {
        Confirm = "confirm",
        Cancel = "cancel",
        Complete = "complete",
        MarkNoShow = "no_show",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("a {} booking cannot be changed with {}", from.as_str(), action.as_str())]
    NotAllowed {
        from: BookingStatus,
        action: BookingAction,
    },
    #[error("the booking is already {}", .0.as_str())]
    Already(BookingStatus),
    #[error("the session has not started yet, so it cannot be marked completed or no-show")]
    NotStarted,
    #[error("the session has already started; mark it completed or no-show instead")]
    AlreadyStarted,
}

/// The status after `action`, or why not. `session_start` and `now` decide the time-bound
/// actions: completed and no-show only once the session has started; a confirmed booking can be
/// cancelled only before it starts (afterwards it was either attended or not). Completed and
/// no-show may be swapped to correct a mistake. Cancelled is final.
pub fn transition(
    from: BookingStatus,
    action: BookingAction,
    session_start: Timestamp,
    now: Timestamp,
) -> Result<BookingStatus, TransitionError> {
    use BookingAction as A;
    use BookingStatus as S;
    let started = now >= session_start;
    let to = match (from, action) {
        (S::Pending, A::Confirm) => S::Confirmed,
        // A pending request may be declined even after its time has passed.
        (S::Pending, A::Cancel) => S::Cancelled,
        (S::Confirmed, A::Cancel) if started => return Err(TransitionError::AlreadyStarted),
        (S::Confirmed, A::Cancel) => S::Cancelled,
        (S::Confirmed | S::NoShow, A::Complete) | (S::Confirmed | S::Completed, A::MarkNoShow)
            if !started =>
        {
            return Err(TransitionError::NotStarted)
        }
        (S::Confirmed | S::NoShow, A::Complete) => S::Completed,
        (S::Confirmed | S::Completed, A::MarkNoShow) => S::NoShow,
        (S::Confirmed, A::Confirm)
        | (S::Cancelled, A::Cancel)
        | (S::Completed, A::Complete)
        | (S::NoShow, A::MarkNoShow) => return Err(TransitionError::Already(from)),
        _ => return Err(TransitionError::NotAllowed { from, action }),
    };
    Ok(to)
}

crate::text_enum! {
    /// The kind of a session type.
    pub enum SessionKind ("session kind") {
        OneOnOne = "one_on_one",
        Group = "group",
        /// A discovery call with a prospect, scheduled from an application.
        Discovery = "discovery",
    }
}

crate::text_enum! {
    /// Whether a session still takes the coach's time. A session is cancelled when its last
    /// seat is.
    pub enum SessionStatus ("session status") {
        Scheduled = "scheduled",
        Cancelled = "cancelled",
    }
}

/// What the coach can do with a booking now: the one place that decides which buttons a
/// booking row shows (the actions themselves are decided again by [`transition`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AllowedActions {
    pub confirm: bool,
    pub cancel: bool,
    /// Set the outcome: completed or no-show.
    pub outcome: bool,
    /// Give back a used package credit.
    pub waive: bool,
    /// Offer "give the credit back even if it is late" beside cancelling.
    pub waive_on_cancel: bool,
}

/// The actions [`transition`] and the credit rules allow for a booking in `status` whose session
/// has (or has not) `started`, with its package credit in `credit`.
pub fn allowed_actions(
    status: BookingStatus,
    started: bool,
    credit: Option<crate::credit::CreditState>,
) -> AllowedActions {
    use crate::credit::CreditState;
    use BookingStatus as S;
    let cancel = match status {
        S::Pending => true,
        S::Confirmed => !started,
        _ => false,
    };
    AllowedActions {
        confirm: status == S::Pending,
        cancel,
        outcome: started && matches!(status, S::Confirmed | S::Completed | S::NoShow),
        waive: credit == Some(CreditState::Used) && matches!(status, S::Cancelled | S::NoShow),
        waive_on_cancel: cancel && credit == Some(CreditState::Held),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use BookingAction as A;
    use BookingStatus as S;

    const START: &str = "2026-06-01T10:00:00Z";

    fn before() -> Timestamp {
        "2026-06-01T09:00:00Z".parse().unwrap()
    }
    fn after() -> Timestamp {
        "2026-06-01T11:00:00Z".parse().unwrap()
    }
    fn start() -> Timestamp {
        START.parse().unwrap()
    }

    #[test]
    fn every_status_round_trips_through_its_string() {
        for s in S::ALL {
            assert_eq!(S::parse(s.as_str()), Ok(*s));
        }
        assert_eq!(S::NoShow.as_str(), "no_show");
    }

    #[test]
    fn unknown_status_string_is_an_error_that_lists_the_options() {
        let err = S::parse("Confirmed").unwrap_err();
        assert!(err.to_string().contains("pending, confirmed"));
    }

    #[test]
    fn every_session_kind_round_trips_through_its_string() {
        for k in SessionKind::ALL {
            assert_eq!(SessionKind::parse(k.as_str()), Ok(*k));
        }
        assert!(SessionKind::parse("one-on-one").is_err());
    }

    #[test]
    fn pending_booking_can_be_confirmed() {
        assert_eq!(
            transition(S::Pending, A::Confirm, start(), before()),
            Ok(S::Confirmed)
        );
    }

    #[test]
    fn cancelled_booking_cannot_be_confirmed() {
        assert_eq!(
            transition(S::Cancelled, A::Confirm, start(), before()),
            Err(TransitionError::NotAllowed {
                from: S::Cancelled,
                action: A::Confirm
            })
        );
    }

    #[test]
    fn confirming_twice_says_it_is_already_confirmed() {
        assert_eq!(
            transition(S::Confirmed, A::Confirm, start(), before()),
            Err(TransitionError::Already(S::Confirmed))
        );
    }

    #[test]
    fn confirmed_booking_can_be_cancelled_before_it_starts() {
        assert_eq!(
            transition(S::Confirmed, A::Cancel, start(), before()),
            Ok(S::Cancelled)
        );
    }

    #[test]
    fn confirmed_booking_cannot_be_cancelled_after_it_started() {
        assert_eq!(
            transition(S::Confirmed, A::Cancel, start(), after()),
            Err(TransitionError::AlreadyStarted)
        );
    }

    #[test]
    fn pending_request_can_be_declined_after_its_time_passed() {
        assert_eq!(
            transition(S::Pending, A::Cancel, start(), after()),
            Ok(S::Cancelled)
        );
    }

    #[test]
    fn session_cannot_be_completed_before_it_starts() {
        assert_eq!(
            transition(S::Confirmed, A::Complete, start(), before()),
            Err(TransitionError::NotStarted)
        );
        assert_eq!(
            transition(S::Confirmed, A::MarkNoShow, start(), before()),
            Err(TransitionError::NotStarted)
        );
    }

    #[test]
    fn started_session_can_be_completed_or_marked_no_show() {
        assert_eq!(
            transition(S::Confirmed, A::Complete, start(), start()),
            Ok(S::Completed)
        );
        assert_eq!(
            transition(S::Confirmed, A::MarkNoShow, start(), after()),
            Ok(S::NoShow)
        );
    }

    #[test]
    fn completed_and_no_show_can_be_swapped_to_correct_a_mistake() {
        assert_eq!(
            transition(S::Completed, A::MarkNoShow, start(), after()),
            Ok(S::NoShow)
        );
        assert_eq!(
            transition(S::NoShow, A::Complete, start(), after()),
            Ok(S::Completed)
        );
    }

    #[test]
    fn pending_booking_cannot_be_completed() {
        assert_eq!(
            transition(S::Pending, A::Complete, start(), after()),
            Err(TransitionError::NotAllowed {
                from: S::Pending,
                action: A::Complete
            })
        );
    }

    #[test]
    fn cancelled_is_final() {
        for action in [A::Confirm, A::Complete, A::MarkNoShow] {
            assert!(transition(S::Cancelled, action, start(), after()).is_err());
        }
        assert_eq!(
            transition(S::Cancelled, A::Cancel, start(), after()),
            Err(TransitionError::Already(S::Cancelled))
        );
    }

    #[test]
    fn only_cancelled_bookings_give_their_seat_up() {
        for s in S::ALL {
            assert_eq!(s.holds_seat(), *s != S::Cancelled, "{s}");
        }
    }

    #[test]
    fn a_pending_booking_offers_confirm_and_cancel_but_no_outcome() {
        let a = allowed_actions(S::Pending, false, None);
        assert!(a.confirm && a.cancel && !a.outcome && !a.waive);
    }

    #[test]
    fn a_started_confirmed_booking_offers_the_outcome_not_cancel() {
        let a = allowed_actions(S::Confirmed, true, None);
        assert!(!a.confirm && !a.cancel && a.outcome);
    }

    #[test]
    fn a_used_credit_of_a_no_show_can_be_waived_a_held_one_only_on_cancel() {
        use crate::credit::CreditState as C;
        assert!(allowed_actions(S::NoShow, true, Some(C::Used)).waive);
        assert!(!allowed_actions(S::Confirmed, false, Some(C::Held)).waive);
        assert!(allowed_actions(S::Confirmed, false, Some(C::Held)).waive_on_cancel);
        assert!(!allowed_actions(S::Cancelled, false, Some(C::Waived)).waive);
    }
}
