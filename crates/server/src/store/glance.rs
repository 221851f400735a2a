//! Reads for the coach's dashboard "at a glance" that no other store module makes: the active,
//! unexpired package enrolments of active clients with the credits left in each, bounded by a
//! `LIMIT` (the app decides which of them run low or expire soon).

use coachbook_core::practice::EnrolmentStatus;
use sqlx::{Any, Executor};

use super::types::IsoDate;
use super::Result;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CreditRow {
    pub enrolment_id: i64,
    pub client_id: i64,
    pub client_name: String,
    pub package_name: String,
    /// The first day the credits cannot be used; `None` = no expiry.
    pub expires_on: Option<IsoDate>,
    pub credits_remaining: i64,
}

/// Active enrolments still usable on `today` (of clients not archived), soonest expiry first,
/// at most `limit`.
pub async fn usable_enrolments<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    today: IsoDate,
    limit: i64,
) -> Result<Vec<CreditRow>> {
    Ok(sqlx::query_as(
        "SELECT e.id AS enrolment_id, c.id AS client_id, c.name AS client_name, p.name AS package_name,
                e.expires_on,
                CAST(COALESCE((SELECT SUM(ce.delta) FROM credit_entries ce WHERE ce.enrolment_id = e.id), 0) AS BIGINT)
                    AS credits_remaining
         FROM enrolments e JOIN clients c ON c.id = e.client_id JOIN packages p ON p.id = e.package_id
         WHERE e.coach_id = $1 AND e.status = $2 AND c.status = 'active'
           AND (e.expires_on IS NULL OR e.expires_on > $3)
         ORDER BY e.expires_on IS NULL, e.expires_on, e.id
         LIMIT $4",
    )
    .bind(coach_id)
    .bind(EnrolmentStatus::Active.as_str())
    .bind(today)
    .bind(limit)
    .fetch_all(ex)
    .await?)
}
