//! Application statuses and which changes the coach may make. `promoted` is reached only by
//! promoting (which creates the client) and is final.

use std::fmt;

/// Where a prospect's application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApplicationStatus {
    New,
    Reviewing,
    DiscoveryScheduled,
    Accepted,
    Declined,
    Promoted,
}

impl ApplicationStatus {
    pub const ALL: [ApplicationStatus; 6] = [
        ApplicationStatus::New,
        ApplicationStatus::Reviewing,
        ApplicationStatus::DiscoveryScheduled,
        ApplicationStatus::Accepted,
        ApplicationStatus::Declined,
        ApplicationStatus::Promoted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationStatus::New => "new",
            ApplicationStatus::Reviewing => "reviewing",
            ApplicationStatus::DiscoveryScheduled => "discovery_scheduled",
            ApplicationStatus::Accepted => "accepted",
            ApplicationStatus::Declined => "declined",
            ApplicationStatus::Promoted => "promoted",
        }
    }

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

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw.trim())
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

impl fmt::Display for ApplicationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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
            assert_eq!(S::parse(s.as_str()), Some(s));
        }
        assert_eq!(S::parse("archived"), None);
    }

    #[test]
    fn promoted_is_final_and_reached_only_by_promoting() {
        for s in S::ALL {
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
}
