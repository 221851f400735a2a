//! Booking statuses and the transitions between them, and session kinds. The database stores
//! the snake_case strings of `as_str`; `parse` is the only way back.

use std::fmt;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// One participant's place in a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    /// Waiting for the coach (a request, or a session type that needs approval).
    Pending,
    Confirmed,
    Cancelled,
    Completed,
    NoShow,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {value:?}; expected one of {expected}")]
pub struct ParseError {
    pub what: &'static str,
    pub value: String,
    pub expected: &'static str,
}

impl BookingStatus {
    pub const ALL: [BookingStatus; 5] = [
        BookingStatus::Pending,
        BookingStatus::Confirmed,
        BookingStatus::Cancelled,
        BookingStatus::Completed,
        BookingStatus::NoShow,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BookingStatus::Pending => "pending",
            BookingStatus::Confirmed => "confirmed",
            BookingStatus::Cancelled => "cancelled",
            BookingStatus::Completed => "completed",
            BookingStatus::NoShow => "no_show",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == raw)
            .ok_or_else(|| ParseError {
                what: "booking status",
                value: raw.to_owned(),
                expected: "pending, confirmed, cancelled, completed, no_show",
            })
    }

    /// Whether the booking still holds a seat (counts toward capacity).
    pub fn holds_seat(self) -> bool {
        !matches!(self, BookingStatus::Cancelled)
    }
}

impl fmt::Display for BookingStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What someone does to a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingAction {
    Confirm,
    Cancel,
    Complete,
    MarkNoShow,
}

impl BookingAction {
    pub fn as_str(self) -> &'static str {
        match self {
            BookingAction::Confirm => "confirm",
            BookingAction::Cancel => "cancel",
            BookingAction::Complete => "complete",
            BookingAction::MarkNoShow => "mark_no_show",
        }
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

/// The kind of a session type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    OneOnOne,
    Group,
    /// A discovery call with a prospect, scheduled from an application.
    Discovery,
}

impl SessionKind {
    pub const ALL: [SessionKind; 3] = [
        SessionKind::OneOnOne,
        SessionKind::Group,
        SessionKind::Discovery,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SessionKind::OneOnOne => "one_on_one",
            SessionKind::Group => "group",
            SessionKind::Discovery => "discovery",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == raw)
            .ok_or_else(|| ParseError {
                what: "session kind",
                value: raw.to_owned(),
                expected: "one_on_one, group, discovery",
            })
    }
}

impl fmt::Display for SessionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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
            assert_eq!(S::parse(s.as_str()), Ok(s));
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
            assert_eq!(SessionKind::parse(k.as_str()), Ok(k));
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
}
