//! The booking policy: the coach's "firm booking" restrictions (notice, horizon, slot grid,
//! daily/weekly limits, cancellation and reschedule cut-offs) and the pure decisions made from it.
//! Outside the policy a booking is not refused outright: it becomes a session request.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

/// Longest horizon accepted; beyond ten years a setting is a typo, not a policy.
pub const MAX_DAYS_AHEAD: u32 = 3_660;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BookingPolicy {
    /// No slot starts earlier than `now + min_notice`.
    pub min_notice: SignedDuration,
    /// No slot starts later than `now + max_days_ahead × 24 h` (real elapsed time).
    pub max_days_ahead: u32,
    /// Slot starts lie on this grid of the coach's wall clock, counted from local midnight.
    pub slot_interval_minutes: u32,
    /// At most this many sessions start on one local day (joining a group session adds none).
    pub max_sessions_per_day: Option<u32>,
    /// At most this many sessions start in one ISO week (Monday start, coach's zone).
    pub max_sessions_per_week: Option<u32>,
    /// A client may cancel free of charge until this long before the session starts.
    pub cancellation_cutoff: SignedDuration,
    /// A client may reschedule until this long before the session starts.
    pub reschedule_cutoff: SignedDuration,
}

impl Default for BookingPolicy {
    fn default() -> Self {
        Self {
            min_notice: SignedDuration::from_hours(12),
            max_days_ahead: 60,
            slot_interval_minutes: 30,
            max_sessions_per_day: None,
            max_sessions_per_week: None,
            cancellation_cutoff: SignedDuration::from_hours(24),
            reschedule_cutoff: SignedDuration::from_hours(24),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    #[error("the slot interval must be between 1 and 1440 minutes, not {0}")]
    SlotInterval(u32),
    #[error("the {0} must not be negative")]
    Negative(&'static str),
    #[error("book at most {MAX_DAYS_AHEAD} days ahead, not {0}")]
    TooFarAhead(u32),
}

impl BookingPolicy {
    pub fn validate(&self) -> Result<(), PolicyError> {
        if !(1..=1440).contains(&self.slot_interval_minutes) {
            return Err(PolicyError::SlotInterval(self.slot_interval_minutes));
        }
        if self.max_days_ahead > MAX_DAYS_AHEAD {
            return Err(PolicyError::TooFarAhead(self.max_days_ahead));
        }
        for (name, d) in [
            ("minimum notice", self.min_notice),
            ("cancellation cut-off", self.cancellation_cutoff),
            ("reschedule cut-off", self.reschedule_cutoff),
        ] {
            if d.is_negative() {
                return Err(PolicyError::Negative(name));
            }
        }
        Ok(())
    }

    /// The horizon as a duration (`max_days_ahead` whole 24-hour days).
    pub fn horizon(&self) -> SignedDuration {
        SignedDuration::from_hours(i64::from(self.max_days_ahead) * 24)
    }
}

/// Whether `now` is at least `cutoff` before `session_start`.
fn before_cutoff(cutoff: SignedDuration, session_start: Timestamp, now: Timestamp) -> bool {
    session_start.duration_since(now) >= cutoff
}

/// Whether a client cancelling at `now` cancels free of charge: at least the cancellation
/// cut-off before the session starts (exactly at the cut-off still counts as in time).
pub fn can_cancel_free(policy: &BookingPolicy, session_start: Timestamp, now: Timestamp) -> bool {
    before_cutoff(policy.cancellation_cutoff, session_start, now)
}

/// Whether a client may still reschedule at `now` (at least the reschedule cut-off before the
/// session starts). Where the new time may go is the availability engine's question.
pub fn can_reschedule(policy: &BookingPolicy, session_start: Timestamp, now: Timestamp) -> bool {
    before_cutoff(policy.reschedule_cutoff, session_start, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn default_policy_matches_the_documented_defaults() {
        let p = BookingPolicy::default();
        assert_eq!(p.min_notice, SignedDuration::from_hours(12));
        assert_eq!(p.max_days_ahead, 60);
        assert_eq!(p.slot_interval_minutes, 30);
        assert_eq!(p.cancellation_cutoff, SignedDuration::from_hours(24));
        assert_eq!(p.reschedule_cutoff, SignedDuration::from_hours(24));
        assert_eq!(p.validate(), Ok(()));
    }

    #[test]
    fn cancelling_two_days_ahead_is_free() {
        let p = BookingPolicy::default();
        assert!(can_cancel_free(
            &p,
            ts("2026-05-03T10:00:00Z"),
            ts("2026-05-01T10:00:00Z")
        ));
    }

    #[test]
    fn cancelling_exactly_at_the_cutoff_is_still_free() {
        let p = BookingPolicy::default();
        assert!(can_cancel_free(
            &p,
            ts("2026-05-02T10:00:00Z"),
            ts("2026-05-01T10:00:00Z")
        ));
    }

    #[test]
    fn cancelling_inside_the_cutoff_is_not_free() {
        let p = BookingPolicy::default();
        assert!(!can_cancel_free(
            &p,
            ts("2026-05-02T09:59:59Z"),
            ts("2026-05-01T10:00:00Z")
        ));
    }

    #[test]
    fn cancelling_after_the_session_started_is_not_free() {
        let p = BookingPolicy {
            cancellation_cutoff: SignedDuration::ZERO,
            ..Default::default()
        };
        assert!(!can_cancel_free(
            &p,
            ts("2026-05-01T09:00:00Z"),
            ts("2026-05-01T10:00:00Z")
        ));
    }

    #[test]
    fn rescheduling_inside_the_cutoff_is_refused() {
        let p = BookingPolicy {
            reschedule_cutoff: SignedDuration::from_hours(48),
            ..Default::default()
        };
        assert!(!can_reschedule(
            &p,
            ts("2026-05-02T10:00:00Z"),
            ts("2026-05-01T10:00:00Z")
        ));
        assert!(can_reschedule(
            &p,
            ts("2026-05-03T10:00:00Z"),
            ts("2026-05-01T10:00:00Z")
        ));
    }

    #[test]
    fn zero_slot_interval_is_rejected() {
        let p = BookingPolicy {
            slot_interval_minutes: 0,
            ..Default::default()
        };
        assert_eq!(p.validate(), Err(PolicyError::SlotInterval(0)));
    }

    #[test]
    fn negative_notice_is_rejected() {
        let p = BookingPolicy {
            min_notice: SignedDuration::from_mins(-1),
            ..Default::default()
        };
        assert_eq!(p.validate(), Err(PolicyError::Negative("minimum notice")));
    }
}
