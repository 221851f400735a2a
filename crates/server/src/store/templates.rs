//! Session templates: the `session_templates` table. Every query is scoped to one coach.

use sqlx::{Any, Executor};

use super::types::UnixTime;
use super::{touched, Result};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TemplateRow {
    pub id: i64,
    pub name: String,
    pub session_type_id: i64,
    pub session_type_name: String,
    pub duration_minutes: i64,
    pub capacity: i64,
    pub meeting_url: String,
    pub notes: String,
    pub client_id: Option<i64>,
    pub client_name: Option<String>,
    pub client_specific_price_cents: Option<i64>,
    pub currency: String,
    pub created_at: UnixTime,
    pub updated_at: UnixTime,
}

/// The columns a coach sets; the same for insert and update.
#[derive(Debug, Clone)]
pub struct TemplateFields {
    pub name: String,
    pub session_type_id: i64,
    pub duration_minutes: i64,
    pub capacity: i64,
    pub meeting_url: String,
    pub notes: String,
    pub client_id: Option<i64>,
    pub client_specific_price_cents: Option<i64>,
    pub currency: String,
}

const SELECT: &str = "SELECT st.id, st.name, st.session_type_id, t.name AS session_type_name,
        st.duration_minutes, st.capacity, st.meeting_url, st.notes, st.client_id, c.name AS client_name,
        st.client_specific_price_cents, st.currency, st.created_at, st.updated_at
    FROM session_templates st JOIN session_types t ON t.id = st.session_type_id
    LEFT JOIN clients c ON c.id = st.client_id";

pub async fn list<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<Vec<TemplateRow>> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE st.coach_id = $1 ORDER BY st.name, st.id"
    ))
    .bind(coach_id)
    .fetch_all(ex)
    .await?)
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
) -> Result<TemplateRow> {
    Ok(
        sqlx::query_as(&format!("{SELECT} WHERE st.coach_id = $1 AND st.id = $2"))
            .bind(coach_id)
            .bind(id)
            .fetch_one(ex)
            .await?,
    )
}

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    f: &TemplateFields,
    now: UnixTime,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO session_templates (coach_id, name, session_type_id, duration_minutes, capacity, meeting_url,
            notes, client_id, client_specific_price_cents, currency, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
    )
    .bind(coach_id)
    .bind(&f.name)
    .bind(f.session_type_id)
    .bind(f.duration_minutes)
    .bind(f.capacity)
    .bind(&f.meeting_url)
    .bind(&f.notes)
    .bind(f.client_id)
    .bind(f.client_specific_price_cents)
    .bind(&f.currency)
    .bind(now)
    .fetch_one(ex)
    .await?)
}

pub async fn update<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
    f: &TemplateFields,
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE session_templates SET name = $1, session_type_id = $2, duration_minutes = $3, capacity = $4,
            meeting_url = $5, notes = $6, client_id = $7, client_specific_price_cents = $8, currency = $9,
            updated_at = $10
         WHERE coach_id = $11 AND id = $12",
    )
    .bind(&f.name)
    .bind(f.session_type_id)
    .bind(f.duration_minutes)
    .bind(f.capacity)
    .bind(&f.meeting_url)
    .bind(&f.notes)
    .bind(f.client_id)
    .bind(f.client_specific_price_cents)
    .bind(&f.currency)
    .bind(now)
    .bind(coach_id)
    .bind(id)
    .execute(ex)
    .await?;
    touched(&done)
}

pub async fn delete<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
) -> Result<()> {
    let done = sqlx::query("DELETE FROM session_templates WHERE coach_id = $1 AND id = $2")
        .bind(coach_id)
        .bind(id)
        .execute(ex)
        .await?;
    touched(&done)
}
