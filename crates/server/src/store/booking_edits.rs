//! The one write editing a booking needs beyond what `bookings` offers: which enrolment's credit
//! it holds (the credit entries themselves go through `enrolments`).

use sqlx::{Any, Executor};

use super::types::UnixTime;
use super::{touched, Result};

/// Points the coach's booking `id` at another enrolment, or at none.
pub async fn set_enrolment<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
    enrolment_id: Option<i64>,
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE bookings SET enrolment_id = $1, updated_at = $2 WHERE coach_id = $3 AND id = $4",
    )
    .bind(enrolment_id)
    .bind(now)
    .bind(coach_id)
    .bind(id)
    .execute(ex)
    .await?;
    touched(&done)
}
