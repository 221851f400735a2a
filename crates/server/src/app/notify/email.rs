//! Emails: rendered when the change commits, stored, and sent by an `email.send` job.

use jiff::Timestamp;

use super::super::jobs::Outcome;
use super::super::{AppResult, Ctx};
use super::Event;
use crate::store::jobs::JobRow;
use crate::store::Tx;

/// Renders and stores the emails `event` sends, each with its `email.send` job, in `tx`.
pub async fn queue(
    _tx: &mut Tx,
    _cx: &Ctx,
    _coach_id: i64,
    _event: &Event,
    _now: Timestamp,
) -> AppResult<()> {
    Ok(())
}

/// The `email.send` job: sends one stored email.
pub async fn run(_cx: &Ctx, job: &JobRow) -> Outcome {
    Outcome::Fail(format!("email job {} before emails exist", job.id))
}
