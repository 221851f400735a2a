//! In-app notices: one row per user who should see a change, read in the bell and its page.

use jiff::Timestamp;

use super::super::{AppResult, Ctx};
use super::Event;
use crate::store::Tx;

/// Records the notices `event` gives, in `tx`.
pub async fn record(
    _tx: &mut Tx,
    _cx: &Ctx,
    _coach_id: i64,
    _event: &Event,
    _now: Timestamp,
) -> AppResult<()> {
    Ok(())
}
