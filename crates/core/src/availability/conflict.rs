//! The conflict check the server runs inside its write transaction (manual bookings, approvals,
//! reschedules): does a proposed session collide with a session, a block or busy time?

use serde::{Deserialize, Serialize};

use super::calendar::{Calendar, Source, MAX_BUFFER};
use crate::time::{Buffers, Interval, SessionId, TimeError};

/// What a proposed session collides with. Names the thing and its time, never a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Conflict {
    /// Another session (its core time; its buffers are implied).
    #[error("it collides with another session ({interval})")]
    Session {
        session_id: SessionId,
        interval: Interval,
    },
    #[error("it collides with time off ({interval})")]
    Block { interval: Interval },
    #[error("it collides with busy time from another calendar ({interval})")]
    Busy { interval: Interval },
}

impl Conflict {
    pub fn interval(&self) -> Interval {
        match self {
            Conflict::Session { interval, .. }
            | Conflict::Block { interval }
            | Conflict::Busy { interval } => *interval,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConflictError {
    #[error(transparent)]
    Conflict(#[from] Conflict),
    #[error("the proposed time is invalid: {0}")]
    InvalidInterval(#[from] TimeError),
    #[error("buffers must be between 0 and 24 hours")]
    InvalidBuffers,
}

impl Calendar {
    /// Checks a proposed session against the calendar, with the rule of docs/time.md: the
    /// proposed time *with* its buffers must not overlap another session's core time, a block or
    /// busy time; its core time must not overlap another session's buffers. Buffers may overlap
    /// buffers. `exclude` is the session being moved. Rule windows and the booking policy are not
    /// checked here: the coach may book outside their own hours.
    pub fn check_conflict(
        &self,
        proposed: Interval,
        buffers: Buffers,
        exclude: Option<SessionId>,
    ) -> Result<(), ConflictError> {
        let proposed = Interval::new(proposed.start, proposed.end)?;
        let ok = |d: jiff::SignedDuration| !d.is_negative() && d <= MAX_BUFFER;
        if !ok(buffers.before) || !ok(buffers.after) {
            return Err(ConflictError::InvalidBuffers);
        }
        match self.first_conflict(proposed, buffers, exclude, None) {
            Some(conflict) => Err(conflict.into()),
            None => Ok(()),
        }
    }

    /// The earliest conflict, if any; `also_exclude` lets a join ignore the session it joins.
    pub(crate) fn first_conflict(
        &self,
        proposed: Interval,
        buffers: Buffers,
        exclude: Option<SessionId>,
        also_exclude: Option<SessionId>,
    ) -> Option<Conflict> {
        let buffered = proposed.with_buffers(buffers);
        let mut conflicts: Vec<Conflict> = self
            .sessions_near(buffered, exclude)
            .into_iter()
            .filter(|s| Some(s.id) != also_exclude)
            .filter(|s| s.core().overlaps(&buffered) || s.buffered().overlaps(&proposed))
            .map(|s| Conflict::Session {
                session_id: s.id,
                interval: s.core(),
            })
            .collect();
        conflicts.extend(
            self.time_off_in(buffered)
                .into_iter()
                .map(|(interval, source)| match source {
                    Source::Block => Conflict::Block { interval },
                    Source::Busy => Conflict::Busy { interval },
                }),
        );
        // Earliest first, sessions before blocks before busy time, so the answer is deterministic.
        conflicts.into_iter().min_by_key(|c| {
            let rank = match c {
                Conflict::Session { session_id, .. } => (0, session_id.0),
                Conflict::Block { .. } => (1, 0),
                Conflict::Busy { .. } => (2, 0),
            };
            (c.interval().start, rank, c.interval().end)
        })
    }
}

/// Free-function form of [`Calendar::check_conflict`].
pub fn check_conflict(
    calendar: &Calendar,
    proposed: Interval,
    buffers: Buffers,
    exclude: Option<SessionId>,
) -> Result<(), ConflictError> {
    calendar.check_conflict(proposed, buffers, exclude)
}
