//! The coach's public page: profile and privacy settings (columns of `coaches`), and finding a
//! coach by page address. A setting that does not read is an error naming the coach, never a
//! silent "public".

use coachbook_core::privacy::{BookingAudience, CalendarVisibility, PrivacySettings, ShowBooked};
use sqlx::{Any, Executor};

use super::types::{Flag, StoredZone};
use super::{touched, Result};

/// A coach as their public page needs them: who, where, and what they allow.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PageRow {
    pub coach_id: i64,
    pub user_id: i64,
    pub slug: String,
    pub name: String,
    pub email: String,
    pub time_zone: StoredZone,
    pub bio: String,
    pub photo_url: String,
    #[sqlx(try_from = "String")]
    pub calendar_visibility: CalendarVisibility,
    #[sqlx(try_from = "String")]
    pub booking_audience: BookingAudience,
    #[sqlx(try_from = "String")]
    pub show_booked: ShowBooked,
    pub show_prices: Flag,
    pub calendar_version: i64,
}

impl PageRow {
    pub fn settings(&self) -> PrivacySettings {
        PrivacySettings {
            calendar: self.calendar_visibility,
            booking: self.booking_audience,
            show_booked: self.show_booked,
            show_prices: self.show_prices.0,
        }
    }
}

const SELECT: &str = "SELECT c.id AS coach_id, c.user_id, c.slug, u.name, u.email, u.time_zone, \
     c.bio, c.photo_url, c.calendar_visibility, c.booking_audience, c.show_booked, c.show_prices, \
     c.calendar_version FROM coaches c JOIN users u ON u.id = c.user_id";

/// The coach whose page is at `slug`; `NotFound` when there is none.
pub async fn by_slug<'e, E: Executor<'e, Database = Any>>(ex: E, slug: &str) -> Result<PageRow> {
    Ok(sqlx::query_as(&format!("{SELECT} WHERE c.slug = $1"))
        .bind(slug)
        .fetch_one(ex)
        .await?)
}

pub async fn by_coach<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<PageRow> {
    Ok(sqlx::query_as(&format!("{SELECT} WHERE c.id = $1"))
        .bind(coach_id)
        .fetch_one(ex)
        .await?)
}

/// Saves the settings and profile. The calendar version moves too: every open copy of the page
/// (and every node's cached answer) is then out of date.
pub async fn set<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    settings: &PrivacySettings,
    bio: &str,
    photo_url: &str,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE coaches SET calendar_visibility = $1, booking_audience = $2, show_booked = $3,
            show_prices = $4, bio = $5, photo_url = $6, calendar_version = calendar_version + 1
         WHERE id = $7",
    )
    .bind(settings.calendar.as_str())
    .bind(settings.booking.as_str())
    .bind(settings.show_booked.as_str())
    .bind(i64::from(settings.show_prices))
    .bind(bio)
    .bind(photo_url)
    .bind(coach_id)
    .execute(ex)
    .await?;
    touched(&done)
}

/// The active client of `coach_id` linked to `user_id`, if any: what makes a signed-in person a
/// connected client of this coach.
pub async fn connected_client<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    user_id: i64,
) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM clients WHERE coach_id = $1 AND user_id = $2 AND status = 'active'
         ORDER BY id LIMIT 1",
    )
    .bind(coach_id)
    .bind(user_id)
    .fetch_optional(ex)
    .await?)
}
