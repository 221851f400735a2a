//! Application statuses and which changes the coach may make. `promoted` is reached only by
//! promoting (which creates the client) and is final.

use serde::{Deserialize, Serialize};

/// One of the coach's intake questions and the applicant's answer, as asked when they applied
/// (the coach may change the questions later).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IntakeAnswer {
    pub question: String,
    pub answer: String,
}

crate::text_enum! {
    /// Where a prospect's application stands.
    pub enum ApplicationStatus ("application status") {
        New = "new",
        Reviewing = "reviewing",
        DiscoveryScheduled = "discovery_scheduled",
        Accepted = "accepted",
        Declined = "declined",
        Promoted = "promoted",
    }
}

impl ApplicationStatus {
    pub fn label(self) -> &'static str {
        match self {
            ApplicationStatus::New => "New",
            ApplicationStatus::Reviewing => "Reviewing",
            ApplicationStatus::DiscoveryScheduled => "Discovery scheduled",
            ApplicationStatus::Accepted => "Accepted",
            ApplicationStatus::Declined => "Declined",
            ApplicationStatus::Promoted => "Promoted",
        }
    }

    /// The status once a discovery call is booked: a new or reviewed application moves on to
    /// "discovery scheduled"; one the coach already decided on keeps its status.
    pub fn after_discovery_booked(self) -> Self {
        match self {
            ApplicationStatus::New | ApplicationStatus::Reviewing => {
                ApplicationStatus::DiscoveryScheduled
            }
            other => other,
        }
    }

    /// Whether the coach may set `to` by hand (not by promoting). Staying put is always allowed.
    pub fn can_change_to(self, to: ApplicationStatus) -> Result<(), StatusChangeError> {
        use ApplicationStatus as S;
        if self == to {
            return Ok(());
        }
        match (self, to) {
            (S::Promoted, _) => Err(StatusChangeError::Final),
            (_, S::Promoted) => Err(StatusChangeError::PromoteInstead),
            _ => Ok(()),
        }
    }

    /// Whether the application can still be promoted to a client.
    pub fn can_promote(self) -> Result<(), StatusChangeError> {
        match self {
            ApplicationStatus::Declined => Err(StatusChangeError::Declined),
            _ => Ok(()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum StatusChangeError {
    #[error("This application was promoted to a client; its status can no longer change.")]
    Final,
    #[error("Use \"Promote to client\" to promote an application; it creates the client.")]
    PromoteInstead,
    #[error("This application was declined; set it back to reviewing before promoting it.")]
    Declined,
}

#[cfg(test)]
mod tests {
    use super::ApplicationStatus as S;
    use super::*;

    #[test]
    fn statuses_round_trip_through_their_names() {
        for s in S::ALL {
            assert_eq!(S::parse(s.as_str()), Ok(*s));
        }
        assert!(S::parse("archived").is_err());
    }

    #[test]
    fn promoted_is_final_and_reached_only_by_promoting() {
        for &s in S::ALL {
            if s != S::Promoted {
                assert_eq!(S::Promoted.can_change_to(s), Err(StatusChangeError::Final));
                assert_eq!(
                    s.can_change_to(S::Promoted),
                    Err(StatusChangeError::PromoteInstead)
                );
            }
        }
        assert!(S::Declined.can_change_to(S::Reviewing).is_ok());
        assert!(S::New.can_change_to(S::Accepted).is_ok());
    }

    #[test]
    fn a_declined_application_is_reopened_before_promoting() {
        assert_eq!(S::Declined.can_promote(), Err(StatusChangeError::Declined));
        assert!(S::Accepted.can_promote().is_ok());
        assert!(S::New.can_promote().is_ok());
    }

    #[test]
    fn booking_a_discovery_call_moves_only_undecided_applications_on() {
        assert_eq!(S::New.after_discovery_booked(), S::DiscoveryScheduled);
        assert_eq!(S::Reviewing.after_discovery_booked(), S::DiscoveryScheduled);
        assert_eq!(S::Accepted.after_discovery_booked(), S::Accepted);
        assert_eq!(S::Promoted.after_discovery_booked(), S::Promoted);
    }
}
