//! What live updates read: the calendar versions and privacy settings of the coaches whose
//! calendars someone is watching, and (PostgreSQL) the connection that LISTENs for the
//! `coachbook_calendar` notifications migration 0016 sends.

use std::str::FromStr;

use coachbook_core::privacy::{BookingAudience, CalendarVisibility, PrivacySettings, ShowBooked};
use sqlx::postgres::{PgConnectOptions, PgListener, PgPoolOptions};
use sqlx::{Any, Executor};

use super::types::Flag;
use super::Result;

/// The channel migration 0016's trigger notifies on, with the payload `{coach id}:{version}`.
pub const CHANNEL: &str = "coachbook_calendar";

/// How many ids go into one `IN (…)` list (far below either backend's limit on parameters).
const CHUNK: usize = 500;

/// A watched coach as it stands: the version of their calendar and who may see it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Watched {
    pub coach_id: i64,
    pub calendar_version: i64,
    #[sqlx(try_from = "String")]
    pub calendar_visibility: CalendarVisibility,
    #[sqlx(try_from = "String")]
    pub booking_audience: BookingAudience,
    #[sqlx(try_from = "String")]
    pub show_booked: ShowBooked,
    pub show_prices: Flag,
}

impl Watched {
    pub fn settings(&self) -> PrivacySettings {
        PrivacySettings {
            calendar: self.calendar_visibility,
            booking: self.booking_audience,
            show_booked: self.show_booked,
            show_prices: self.show_prices.0,
        }
    }
}

/// The coaches among `ids` that exist, each read by its primary key: bounded by the number of
/// calendars watched on this node, never by history. A coach who no longer exists is absent.
pub async fn watched<'c, E>(ex: E, ids: &[i64]) -> Result<Vec<Watched>>
where
    E: Executor<'c, Database = Any> + Copy,
{
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(CHUNK) {
        let list = (1..=chunk.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT id AS coach_id, calendar_version, calendar_visibility, booking_audience, \
             show_booked, show_prices FROM coaches WHERE id IN ({list})"
        );
        let mut query = sqlx::query_as::<_, Watched>(&sql);
        for id in chunk {
            query = query.bind(*id);
        }
        out.extend(query.fetch_all(ex).await?);
    }
    Ok(out)
}

/// A connection of its own that LISTENs on [`CHANNEL`]; it shows in `pg_stat_activity` as
/// `coachbook live updates`.
pub async fn listen(database_url: &str) -> Result<PgListener> {
    let options =
        PgConnectOptions::from_str(database_url)?.application_name("coachbook live updates");
    let pool = PgPoolOptions::new()
        .max_connections(1)
        .min_connections(0)
        .idle_timeout(None)
        .max_lifetime(None)
        .acquire_timeout(std::time::Duration::from_secs(10))
        .connect_with(options)
        .await?;
    let mut listener = PgListener::connect_with(&pool).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}

/// A notification's payload, `{coach id}:{version}`; `None` for anything else.
pub fn parse_payload(payload: &str) -> Option<(i64, i64)> {
    let (id, version) = payload.split_once(':')?;
    Some((id.trim().parse().ok()?, version.trim().parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_read_as_coach_and_version() {
        assert_eq!(parse_payload("12:345"), Some((12, 345)));
        assert_eq!(parse_payload("12"), None);
        assert_eq!(parse_payload("a:1"), None);
        assert_eq!(parse_payload("1:"), None);
    }
}
