//! Packages: what a client buys (a number of sessions of a length, a price, a validity).

use coachbook_core::validate::InvalidInput;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::accounts::Coach;
use super::catalog::{self, in_range};
use super::{AppError, AppResult, Checker, Ctx};
use crate::store::packages::{self, PackageFields, PackageRow};

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
    /// "€480.00", or "Free" (in English until the reader's language is passed).
    pub fn price_label(&self) -> String {
        crate::app::money::show(self.price_cents, &self.currency)
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

/// What a coach submits to create or change a package. Omitted fields take the defaults shown.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct NewPackage {
    #[schema(required = true, min_length = 1, max_length = 80)]
    pub name: String,
    /// One of your session types, or `null`.
    pub session_type_id: Option<i64>,
    /// Default 6.
    #[schema(minimum = 1, maximum = 500)]
    pub session_count: i64,
    /// Default: the session type's duration, else 60.
    #[schema(minimum = 5, maximum = 720)]
    pub session_minutes: Option<i64>,
    #[schema(minimum = 0, maximum = 100_000_000)]
    pub price_cents: i64,
    /// An ISO 4217 code; default `EUR`.
    #[schema(min_length = 3, max_length = 3, pattern = "^[A-Za-z]{3}$")]
    pub currency: String,
    /// Days a credit stays usable, or `null` for no expiry (the default).
    #[schema(minimum = 1, maximum = 3650)]
    pub validity_days: Option<i64>,
    #[schema(max_length = 2000)]
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

async fn validate(cx: &Ctx, coach: &Coach, new: &NewPackage) -> AppResult<PackageFields> {
    let mut c = Checker::default();
    let name = catalog::name(
        &mut c,
        &new.name,
        InvalidInput::new(
            "name",
            "Give the package a name, e.g. \"Six-session programme\".",
        )
        .key("validate-name-package"),
    );
    let mut type_minutes = None;
    if let Some(type_id) = new.session_type_id {
        match super::session_types::active(cx.db.pool(), coach.id, type_id).await {
            Ok(t) => type_minutes = Some(t.duration_minutes),
            Err(e) => c.absorb(e)?,
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
    let currency = catalog::price(&mut c, new.price_cents, &new.currency);
    if let Some(days) = new.validity_days {
        c.check(in_range("validityDays", days, 1, 3650, "validity in days"));
    }
    let description = c.check(catalog::text("description", &new.description, 2000));
    let description = c.done(description)?;
    Ok(PackageFields {
        name,
        session_type_id: new.session_type_id,
        session_count: new.session_count,
        session_minutes,
        price_cents: new.price_cents,
        currency,
        validity_days: new.validity_days,
        description,
    })
}

const WHAT: &str = "package";

pub async fn list(cx: &Ctx, coach: &Coach, include_archived: bool) -> AppResult<Vec<Package>> {
    Ok(packages::list(cx.db.pool(), coach.id, include_archived)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub async fn get(cx: &Ctx, coach: &Coach, id: i64) -> AppResult<Package> {
    packages::get(cx.db.pool(), coach.id, id)
        .await
        .map(Into::into)
        .map_err(AppError::missing(WHAT))
}

/// Checks `new` as [`create`] and [`update`] would, writing nothing: every field's error at once.
pub async fn check(cx: &Ctx, coach: &Coach, new: &NewPackage) -> AppResult<()> {
    validate(cx, coach, new).await.map(|_| ())
}

pub async fn create(cx: &Ctx, coach: &Coach, new: &NewPackage) -> AppResult<Package> {
    let fields = validate(cx, coach, new).await?;
    let id = packages::insert(cx.db.pool(), coach.id, &fields, cx.stamp()).await?;
    get(cx, coach, id).await
}

pub async fn update(cx: &Ctx, coach: &Coach, id: i64, new: &NewPackage) -> AppResult<Package> {
    // A missing package is a 404 before any field complaint.
    get(cx, coach, id).await?;
    let fields = validate(cx, coach, new).await?;
    packages::update(cx.db.pool(), coach.id, id, &fields, cx.stamp())
        .await
        .map_err(AppError::missing(WHAT))?;
    get(cx, coach, id).await
}

pub async fn set_archived(cx: &Ctx, coach: &Coach, id: i64, archived: bool) -> AppResult<Package> {
    catalog::set_archived(cx, packages::TABLE, coach.id, id, archived, WHAT).await?;
    get(cx, coach, id).await
}
