//! Package credits: the kinds of ledger entry, the state a booking's credit is in, what a status
//! change does to it, and when an enrolment's credits may be used. The ledger itself (rows that
//! are only ever added) lives in the database; every decision about it is made here.

use jiff::civil::Date;

use crate::booking::BookingStatus;

crate::text_enum! {
    /// One entry of the credit ledger. Credits remaining = the sum of an enrolment's deltas.
    pub enum CreditKind ("credit entry kind") {
        /// The package's sessions, on enrolment.
        Grant = "grant",
        /// A booking takes one.
        Hold = "hold",
        /// A cancellation in time gives it back.
        Release = "release",
        /// A late cancellation, a no-show or a held session uses it (turns the hold into a use).
        Use = "use",
        /// The coach gives a used credit back.
        Waive = "waive",
    }
}

impl CreditKind {
    /// How the entry changes the credits remaining; a grant adds the package's `sessions`.
    pub fn delta(self, sessions: i64) -> i64 {
        match self {
            CreditKind::Grant => sessions,
            CreditKind::Hold => -1,
            CreditKind::Release | CreditKind::Waive => 1,
            CreditKind::Use => 0,
        }
    }
}

crate::text_enum! {
    /// Where a booking's package credit stands.
    pub enum CreditState ("credit state") {
        Held = "held",
        Released = "released",
        Used = "used",
        Waived = "waived",
    }
}

impl CreditState {
    /// The state after the booking's latest ledger entry; a grant is not about a booking.
    pub fn after(latest: CreditKind) -> Option<Self> {
        match latest {
            CreditKind::Grant => None,
            CreditKind::Hold => Some(CreditState::Held),
            CreditKind::Release => Some(CreditState::Released),
            CreditKind::Use => Some(CreditState::Used),
            CreditKind::Waive => Some(CreditState::Waived),
        }
    }
}

/// The ledger entry a booking's status change writes for its credit, if any: a cancellation
/// before the coach's cut-off releases a held credit; a late one, a no-show or a held session
/// uses it. Nothing else touches the ledger.
pub fn settle(
    credit: Option<CreditState>,
    to: BookingStatus,
    cancelled_in_time: bool,
) -> Option<CreditKind> {
    match (credit?, to) {
        (CreditState::Held, BookingStatus::Cancelled) if cancelled_in_time => {
            Some(CreditKind::Release)
        }
        (
            CreditState::Held,
            BookingStatus::Cancelled | BookingStatus::NoShow | BookingStatus::Completed,
        ) => Some(CreditKind::Use),
        _ => None,
    }
}

/// Why a credit cannot be waived; each names the state the credit is actually in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WaiveError {
    #[error("This booking does not use a package credit.")]
    NoCredit,
    #[error(
        "The credit is held for this booking, not used: there is nothing to give back yet. \
         Cancelling in time releases it; a late cancellation or a no-show uses it, and then it can be waived."
    )]
    Held,
    #[error("The credit was already released when the booking was cancelled in time.")]
    Released,
    #[error("The credit is already waived.")]
    AlreadyWaived,
}

/// Whether the coach may give the booking's credit back: only a used one.
pub fn can_waive(credit: Option<CreditState>) -> Result<(), WaiveError> {
    match credit {
        None => Err(WaiveError::NoCredit),
        Some(CreditState::Used) => Ok(()),
        Some(CreditState::Held) => Err(WaiveError::Held),
        Some(CreditState::Released) => Err(WaiveError::Released),
        Some(CreditState::Waived) => Err(WaiveError::AlreadyWaived),
    }
}

/// Why an enrolment's credit cannot pay for a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CreditRefusal {
    #[error("no credits left: all {total} sessions are booked or used")]
    NoneLeft { total: i64 },
    /// `expires_on` is the first day the credits cannot be used.
    #[error("the credits can be used for sessions before {expires_on}")]
    Expired { expires_on: Date },
}

/// Whether a session on local date `day` may use a credit of an enrolment whose credits run out
/// on `expires_on` (the first day they cannot be used; `None` = never). The one rule for
/// booking, rescheduling and approving.
pub fn usable_on(expires_on: Option<Date>, day: Date) -> Result<(), CreditRefusal> {
    match expires_on {
        Some(expires_on) if day >= expires_on => Err(CreditRefusal::Expired { expires_on }),
        _ => Ok(()),
    }
}

/// Whether a new booking on `day` can take a credit: one must be left and in date.
pub fn can_book(
    remaining: i64,
    total: i64,
    expires_on: Option<Date>,
    day: Date,
) -> Result<(), CreditRefusal> {
    if remaining <= 0 {
        return Err(CreditRefusal::NoneLeft { total });
    }
    usable_on(expires_on, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn cancelling_in_time_releases_a_held_credit_and_late_uses_it() {
        let held = Some(CreditState::Held);
        assert_eq!(
            settle(held, BookingStatus::Cancelled, true),
            Some(CreditKind::Release)
        );
        assert_eq!(
            settle(held, BookingStatus::Cancelled, false),
            Some(CreditKind::Use)
        );
        assert_eq!(
            settle(held, BookingStatus::NoShow, true),
            Some(CreditKind::Use)
        );
        assert_eq!(settle(held, BookingStatus::Confirmed, true), None);
        assert_eq!(
            settle(Some(CreditState::Used), BookingStatus::Completed, true),
            None
        );
        assert_eq!(settle(None, BookingStatus::Cancelled, true), None);
    }

    #[test]
    fn the_latest_entry_decides_the_state() {
        assert_eq!(
            CreditState::after(CreditKind::Hold),
            Some(CreditState::Held)
        );
        assert_eq!(
            CreditState::after(CreditKind::Waive),
            Some(CreditState::Waived)
        );
        assert_eq!(CreditState::after(CreditKind::Grant), None);
    }

    #[test]
    fn only_a_used_credit_can_be_waived_and_the_refusal_names_the_real_state() {
        assert_eq!(can_waive(Some(CreditState::Used)), Ok(()));
        let held = can_waive(Some(CreditState::Held)).unwrap_err();
        assert_eq!(held, WaiveError::Held);
        assert!(held.to_string().contains("held"), "{held}");
        assert!(!held.to_string().contains("no-show) can be waived"));
        assert_eq!(
            can_waive(Some(CreditState::Waived)),
            Err(WaiveError::AlreadyWaived)
        );
        assert_eq!(can_waive(None), Err(WaiveError::NoCredit));
    }

    #[test]
    fn the_expiry_date_is_the_first_day_credits_cannot_be_used() {
        let expires = Some(date(2027, 3, 1));
        assert_eq!(usable_on(expires, date(2027, 2, 28)), Ok(()));
        assert_eq!(
            usable_on(expires, date(2027, 3, 1)),
            Err(CreditRefusal::Expired {
                expires_on: date(2027, 3, 1)
            })
        );
        assert!(usable_on(expires, date(2027, 3, 2)).is_err());
        assert_eq!(usable_on(None, date(2199, 1, 1)), Ok(()));
    }

    #[test]
    fn a_booking_needs_a_credit_left() {
        assert_eq!(
            can_book(0, 6, None, date(2027, 1, 1)),
            Err(CreditRefusal::NoneLeft { total: 6 })
        );
        assert_eq!(can_book(1, 6, None, date(2027, 1, 1)), Ok(()));
    }

    #[test]
    fn deltas_add_up_to_the_credits_remaining() {
        let ledger = [
            CreditKind::Grant,
            CreditKind::Hold,
            CreditKind::Use,
            CreditKind::Waive,
        ];
        let sum: i64 = ledger.iter().map(|k| k.delta(6)).sum();
        assert_eq!(sum, 6);
    }
}
