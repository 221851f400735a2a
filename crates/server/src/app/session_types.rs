//! Session types: templates for the kinds of session a coach offers.

use coachbook_core::validate::InvalidInput;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{AppError, AppResult, Checker};
use crate::store::session_types::{self, SessionTypeFields, SessionTypeRow};
use crate::store::{Db, StoreError};

/// A session type as the coach sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SessionType {
    pub id: i64,
    pub name: String,
    /// `one_on_one`, `group` or `discovery`.
    pub kind: String,
    pub duration_minutes: i64,
    /// Price in the currency's minor unit (cents).
    pub price_cents: i64,
    /// ISO 4217 code, e.g. `EUR`.
    pub currency: String,
    /// Participants per session: 1 unless the kind is `group`.
    pub capacity: i64,
    pub buffer_before_minutes: i64,
    pub buffer_after_minutes: i64,
    /// `#rrggbb`, used on calendars.
    pub color: String,
    /// Bookings wait for the coach's approval.
    pub requires_approval: bool,
    pub archived: bool,
}

impl From<SessionTypeRow> for SessionType {
    fn from(r: SessionTypeRow) -> Self {
        Self {
            id: r.id,
            name: r.name,
            kind: r.kind,
            duration_minutes: r.duration_minutes,
            price_cents: r.price_cents,
            currency: r.currency,
            capacity: r.capacity,
            buffer_before_minutes: r.buffer_before_minutes,
            buffer_after_minutes: r.buffer_after_minutes,
            color: r.color,
            requires_approval: r.requires_approval != 0,
            archived: r.archived_at.is_some(),
        }
    }
}

/// What a coach submits to create or change a session type. Omitted fields take the defaults
/// shown.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct NewSessionType {
    pub name: String,
    /// `one_on_one` (default), `group` or `discovery`.
    pub kind: String,
    /// 5 to 720; default 60.
    pub duration_minutes: i64,
    pub price_cents: i64,
    /// Default `EUR`.
    pub currency: String,
    /// Default 1; 2 to 500 for groups.
    pub capacity: i64,
    pub buffer_before_minutes: i64,
    pub buffer_after_minutes: i64,
    pub color: String,
    pub requires_approval: bool,
}

impl Default for NewSessionType {
    fn default() -> Self {
        Self {
            name: String::new(),
            kind: "one_on_one".into(),
            duration_minutes: 60,
            price_cents: 0,
            currency: "EUR".into(),
            capacity: 1,
            buffer_before_minutes: 0,
            buffer_after_minutes: 0,
            color: "#2f6f62".into(),
            requires_approval: false,
        }
    }
}

impl From<&SessionType> for NewSessionType {
    fn from(t: &SessionType) -> Self {
        Self {
            name: t.name.clone(),
            kind: t.kind.clone(),
            duration_minutes: t.duration_minutes,
            price_cents: t.price_cents,
            currency: t.currency.clone(),
            capacity: t.capacity,
            buffer_before_minutes: t.buffer_before_minutes,
            buffer_after_minutes: t.buffer_after_minutes,
            color: t.color.clone(),
            requires_approval: t.requires_approval,
        }
    }
}

fn in_range(
    field: &'static str,
    value: i64,
    min: i64,
    max: i64,
    what: &str,
) -> Result<i64, InvalidInput> {
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(InvalidInput::new(
            field,
            format!("Use a {what} from {min} to {max}."),
        ))
    }
}

fn validate(new: &NewSessionType) -> AppResult<SessionTypeFields> {
    let mut c = Checker::default();
    let name = new.name.trim();
    if name.is_empty() {
        c.push(InvalidInput::new(
            "name",
            "Give the session type a name, e.g. \"Coaching session\".",
        ));
    } else if name.chars().count() > 80 || name.chars().any(char::is_control) {
        c.push(InvalidInput::new(
            "name",
            "Use at most 80 ordinary characters for the name.",
        ));
    }
    let kind = new.kind.trim();
    if !["one_on_one", "group", "discovery"].contains(&kind) {
        c.push(InvalidInput::new(
            "kind",
            "Choose one_on_one, group or discovery.",
        ));
    }
    c.check(in_range(
        "durationMinutes",
        new.duration_minutes,
        5,
        720,
        "duration in minutes",
    ));
    c.check(in_range(
        "priceCents",
        new.price_cents,
        0,
        100_000_000,
        "price in cents",
    ));
    let currency = new.currency.trim().to_uppercase();
    if currency.len() != 3 || !currency.chars().all(|ch| ch.is_ascii_uppercase()) {
        c.push(InvalidInput::new(
            "currency",
            "Use a three-letter currency code such as EUR, USD or GBP.",
        ));
    }
    if kind == "group" {
        c.check(in_range("capacity", new.capacity, 2, 500, "group size"));
    } else if new.capacity != 1 {
        c.push(InvalidInput::new(
            "capacity",
            "Only group sessions take more than one participant; use 1 or make it a group.",
        ));
    }
    c.check(in_range(
        "bufferBeforeMinutes",
        new.buffer_before_minutes,
        0,
        240,
        "buffer in minutes",
    ));
    c.check(in_range(
        "bufferAfterMinutes",
        new.buffer_after_minutes,
        0,
        240,
        "buffer in minutes",
    ));
    let color = new.color.trim().to_lowercase();
    if color.len() != 7
        || !color.starts_with('#')
        || !color[1..].chars().all(|ch| ch.is_ascii_hexdigit())
    {
        c.push(InvalidInput::new("color", "Use a colour like #2f6f62."));
    }
    c.finish()?;
    Ok(SessionTypeFields {
        name: name.to_owned(),
        kind: kind.to_owned(),
        duration_minutes: new.duration_minutes,
        price_cents: new.price_cents,
        currency,
        capacity: new.capacity,
        buffer_before_minutes: new.buffer_before_minutes,
        buffer_after_minutes: new.buffer_after_minutes,
        color,
        requires_approval: new.requires_approval,
    })
}

fn not_found(e: StoreError) -> AppError {
    match e {
        StoreError::NotFound => AppError::NotFound("session type"),
        e => e.into(),
    }
}

pub async fn list(db: &Db, coach_id: i64, include_archived: bool) -> AppResult<Vec<SessionType>> {
    Ok(session_types::list(db.pool(), coach_id, include_archived)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub async fn get(db: &Db, coach_id: i64, id: i64) -> AppResult<SessionType> {
    session_types::get(db.pool(), coach_id, id)
        .await
        .map(Into::into)
        .map_err(not_found)
}

pub async fn create(db: &Db, coach_id: i64, new: &NewSessionType) -> AppResult<SessionType> {
    let fields = validate(new)?;
    let id = session_types::insert(db.pool(), coach_id, &fields).await?;
    get(db, coach_id, id).await
}

pub async fn update(
    db: &Db,
    coach_id: i64,
    id: i64,
    new: &NewSessionType,
) -> AppResult<SessionType> {
    let fields = validate(new)?;
    session_types::update(db.pool(), coach_id, id, &fields)
        .await
        .map_err(not_found)?;
    get(db, coach_id, id).await
}

pub async fn set_archived(
    db: &Db,
    coach_id: i64,
    id: i64,
    archived: bool,
) -> AppResult<SessionType> {
    session_types::set_archived(db.pool(), coach_id, id, archived)
        .await
        .map_err(not_found)?;
    get(db, coach_id, id).await
}
