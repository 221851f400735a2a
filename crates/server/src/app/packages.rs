//! Packages: what a client buys (a number of sessions of a length, a price, a validity).

use coachbook_core::validate::InvalidInput;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{AppError, AppResult, Checker};
use crate::store::packages::{self, PackageFields, PackageRow};
use crate::store::session_types;
use crate::store::{Db, StoreError};

/// A package as the coach sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Package {
    pub id: i64,
    pub name: String,
    /// The session type its sessions are booked as, if any.
    pub session_type_id: Option<i64>,
    pub session_type_name: Option<String>,
    /// Sessions included.
    pub session_count: i64,
    /// Length of each session.
    pub session_minutes: i64,
    /// Price of the whole package in the currency's minor unit (cents).
    pub price_cents: i64,
    pub currency: String,
    /// Days the credits stay valid from enrolment; `null` = no expiry.
    pub validity_days: Option<i64>,
    pub description: String,
    pub archived: bool,
    /// Clients with an active enrolment in it.
    pub enrolled_count: i64,
}

impl From<PackageRow> for Package {
    fn from(r: PackageRow) -> Self {
        Self {
            id: r.id,
            name: r.name,
            session_type_id: r.session_type_id,
            session_type_name: r.session_type_name,
            session_count: r.session_count,
            session_minutes: r.session_minutes,
            price_cents: r.price_cents,
            currency: r.currency,
            validity_days: r.validity_days,
            description: r.description,
            archived: r.archived_at.is_some(),
            enrolled_count: r.enrolled,
        }
    }
}

impl Package {
    /// "EUR 480.00", or "Free".
    pub fn price_label(&self) -> String {
        money(self.price_cents, &self.currency)
    }

    /// "90 days" or "No expiry".
    pub fn validity_label(&self) -> String {
        match self.validity_days {
            Some(1) => "1 day".to_owned(),
            Some(d) => format!("{d} days"),
            None => "No expiry".to_owned(),
        }
    }
}

/// "EUR 80.00", or "Free".
pub fn money(cents: i64, currency: &str) -> String {
    if cents == 0 {
        "Free".to_owned()
    } else {
        format!("{currency} {}.{:02}", cents / 100, cents % 100)
    }
}

/// What a coach submits to create or change a package. Omitted fields take the defaults shown.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct NewPackage {
    pub name: String,
    /// One of your session types, or `null`.
    pub session_type_id: Option<i64>,
    /// 1 to 500; default 6.
    pub session_count: i64,
    /// 5 to 720; default: the session type's duration, else 60.
    pub session_minutes: Option<i64>,
    pub price_cents: i64,
    /// Default `EUR`.
    pub currency: String,
    /// 1 to 3650, or `null` for no expiry (the default).
    pub validity_days: Option<i64>,
    pub description: String,
}

impl Default for NewPackage {
    fn default() -> Self {
        Self {
            name: String::new(),
            session_type_id: None,
            session_count: 6,
            session_minutes: None,
            price_cents: 0,
            currency: "EUR".into(),
            validity_days: None,
            description: String::new(),
        }
    }
}

impl From<&Package> for NewPackage {
    fn from(p: &Package) -> Self {
        Self {
            name: p.name.clone(),
            session_type_id: p.session_type_id,
            session_count: p.session_count,
            session_minutes: Some(p.session_minutes),
            price_cents: p.price_cents,
            currency: p.currency.clone(),
            validity_days: p.validity_days,
            description: p.description.clone(),
        }
    }
}

pub(crate) fn in_range(
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

/// Free text of at most `max` characters (line breaks allowed, other control characters not).
pub(crate) fn text(field: &'static str, raw: &str, max: usize) -> Result<String, InvalidInput> {
    let t = raw.trim();
    if t.chars().count() > max {
        return Err(InvalidInput::new(
            field,
            format!("Use at most {max} characters."),
        ));
    }
    if t.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(InvalidInput::new(
            field,
            "Remove the control characters from this text.",
        ));
    }
    Ok(t.replace("\r\n", "\n"))
}

async fn validate(db: &Db, coach_id: i64, new: &NewPackage) -> AppResult<PackageFields> {
    let mut c = Checker::default();
    let name = new.name.trim();
    if name.is_empty() {
        c.push(InvalidInput::new(
            "name",
            "Give the package a name, e.g. \"Six-session programme\".",
        ));
    } else if name.chars().count() > 80 || name.chars().any(char::is_control) {
        c.push(InvalidInput::new(
            "name",
            "Use at most 80 ordinary characters for the name.",
        ));
    }
    let mut type_minutes = None;
    if let Some(type_id) = new.session_type_id {
        match session_types::get(db.pool(), coach_id, type_id).await {
            Ok(t) if t.archived_at.is_some() => c.push(InvalidInput::new(
                "sessionTypeId",
                "That session type is archived; restore it or choose another.",
            )),
            Ok(t) => type_minutes = Some(t.duration_minutes),
            Err(StoreError::NotFound) => c.push(InvalidInput::new(
                "sessionTypeId",
                "Choose one of your session types (or none).",
            )),
            Err(e) => return Err(e.into()),
        }
    }
    c.check(in_range(
        "sessionCount",
        new.session_count,
        1,
        500,
        "number of sessions",
    ));
    let session_minutes = new.session_minutes.or(type_minutes).unwrap_or(60);
    c.check(in_range(
        "sessionMinutes",
        session_minutes,
        5,
        720,
        "session length in minutes",
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
    if let Some(days) = new.validity_days {
        c.check(in_range("validityDays", days, 1, 3650, "validity in days"));
    }
    let description = c
        .check(text("description", &new.description, 2000))
        .unwrap_or_default();
    c.finish()?;
    Ok(PackageFields {
        name: name.to_owned(),
        session_type_id: new.session_type_id,
        session_count: new.session_count,
        session_minutes,
        price_cents: new.price_cents,
        currency,
        validity_days: new.validity_days,
        description,
    })
}

fn not_found(e: StoreError) -> AppError {
    match e {
        StoreError::NotFound => AppError::NotFound("package"),
        e => e.into(),
    }
}

pub async fn list(db: &Db, coach_id: i64, include_archived: bool) -> AppResult<Vec<Package>> {
    Ok(packages::list(db.pool(), coach_id, include_archived)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub async fn get(db: &Db, coach_id: i64, id: i64) -> AppResult<Package> {
    packages::get(db.pool(), coach_id, id)
        .await
        .map(Into::into)
        .map_err(not_found)
}

pub async fn create(db: &Db, coach_id: i64, new: &NewPackage) -> AppResult<Package> {
    let fields = validate(db, coach_id, new).await?;
    let id = packages::insert(db.pool(), coach_id, &fields).await?;
    get(db, coach_id, id).await
}

pub async fn update(db: &Db, coach_id: i64, id: i64, new: &NewPackage) -> AppResult<Package> {
    // A missing package is a 404 before any field complaint.
    get(db, coach_id, id).await?;
    let fields = validate(db, coach_id, new).await?;
    packages::update(db.pool(), coach_id, id, &fields)
        .await
        .map_err(not_found)?;
    get(db, coach_id, id).await
}

pub async fn set_archived(db: &Db, coach_id: i64, id: i64, archived: bool) -> AppResult<Package> {
    packages::set_archived(db.pool(), coach_id, id, archived)
        .await
        .map_err(not_found)?;
    get(db, coach_id, id).await
}
