//! Clients, their enrolments in packages and the package credit ledger.

use coachbook_core::validate::{Email, InvalidInput, PersonName};
use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::accounts::Account;
use super::availability::{rfc3339, zone};
use super::packages::text;
use super::{AppError, AppResult, Checker};
use crate::store::clients::{self, ClientFields, ClientRow};
use crate::store::enrolments::{self, CreditRow, EnrolmentRow, NewCredit, NewEnrolment};
use crate::store::packages::{self, PackageRow};
use crate::store::{Db, StoreError, Tx};

/// A client as listed.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Client {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub notes: String,
    /// Linked to a user account, so they can sign in and see their own sessions.
    pub connected: bool,
    /// `active` or `archived`.
    pub status: String,
    /// Package credits left over the active enrolments.
    pub credits_remaining: i64,
    pub active_enrolments: i64,
    /// RFC 3339.
    pub created_at: String,
}

impl Client {
    fn from_row(r: ClientRow, tz: &jiff::tz::TimeZone) -> Self {
        Self {
            id: r.id,
            name: r.name,
            email: r.email,
            phone: r.phone,
            notes: r.notes,
            connected: r.user_id.is_some(),
            status: r.status,
            credits_remaining: r.credits_remaining,
            active_enrolments: r.active_enrolments,
            created_at: rfc3339(seconds(r.created_at), tz),
        }
    }
}

/// A client's enrolment in a package, with the credits left.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Enrolment {
    pub id: i64,
    pub client_id: i64,
    pub package_id: i64,
    pub package_name: String,
    pub session_type_id: Option<i64>,
    pub session_minutes: i64,
    pub sessions_total: i64,
    /// The sum of the enrolment's credit ledger.
    pub credits_remaining: i64,
    /// `YYYY-MM-DD` in the coach's time zone.
    pub starts_on: String,
    /// The first day the credits can no longer be used; `null` = no expiry.
    pub expires_on: Option<String>,
    /// `active`, `completed` or `cancelled`.
    pub status: String,
    /// Past `expiresOn` (in the coach's time zone).
    pub expired: bool,
}

impl Enrolment {
    fn from_row(r: EnrolmentRow, today: Date) -> Self {
        let expired = r
            .expires_on
            .as_deref()
            .and_then(|d| d.parse::<Date>().ok())
            .is_some_and(|d| today >= d);
        Self {
            id: r.id,
            client_id: r.client_id,
            package_id: r.package_id,
            package_name: r.package_name,
            session_type_id: r.session_type_id,
            session_minutes: r.session_minutes,
            sessions_total: r.sessions_total,
            credits_remaining: r.credits_remaining,
            starts_on: r.starts_on,
            expires_on: r.expires_on,
            status: r.status,
            expired,
        }
    }
}

/// A client with their enrolments.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClientDetail {
    #[serde(flatten)]
    pub client: Client,
    pub enrolments: Vec<Enrolment>,
}

/// One line of the package credit ledger.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreditEntry {
    pub id: i64,
    pub enrolment_id: i64,
    pub package_name: String,
    pub booking_id: Option<i64>,
    /// `grant`, `hold`, `release`, `use` or `waive`.
    pub kind: String,
    pub delta: i64,
    /// Who made the change, when a person did.
    pub actor_name: Option<String>,
    pub note: String,
    /// RFC 3339.
    pub created_at: String,
}

impl CreditEntry {
    fn from_row(r: CreditRow, tz: &jiff::tz::TimeZone) -> Self {
        Self {
            id: r.id,
            enrolment_id: r.enrolment_id,
            package_name: r.package_name,
            booking_id: r.booking_id,
            kind: r.kind,
            delta: r.delta,
            actor_name: r.actor_name,
            note: r.note,
            created_at: rfc3339(seconds(r.created_at), tz),
        }
    }
}

/// One of a client's bookings (read from `bookings.client_id`).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClientBooking {
    pub id: i64,
    pub status: String,
    pub session_type_name: String,
    pub start: String,
    pub end: String,
    pub meeting_url: String,
    pub upcoming: bool,
}

fn seconds(ts: i64) -> Timestamp {
    Timestamp::from_second(ts).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// What a coach submits to create or change a client.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct NewClient {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub notes: String,
    /// `active` (default) or `archived`.
    pub status: Option<String>,
}

/// Enrol a client in a package.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct NewEnrolmentRequest {
    pub package_id: i64,
    /// `YYYY-MM-DD`; default today in your time zone.
    pub starts_on: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", default)]
pub struct ClientQuery {
    /// Search in name and email.
    pub q: Option<String>,
    /// Include archived clients.
    pub include_archived: bool,
}

fn validate(new: &NewClient) -> AppResult<ClientFields> {
    let mut c = Checker::default();
    let name = c.check(PersonName::parse("name", &new.name));
    let email = c.check(Email::parse("email", &new.email));
    let phone = new.phone.trim();
    if phone.chars().count() > 40
        || !phone
            .chars()
            .all(|ch| ch.is_ascii_digit() || " +-().".contains(ch))
    {
        c.push(InvalidInput::new(
            "phone",
            "Use digits, spaces and + - ( ) only, at most 40 characters.",
        ));
    }
    let notes = c.check(text("notes", &new.notes, 10_000));
    let status = new.status.as_deref().map_or("active", str::trim);
    if !["active", "archived"].contains(&status) {
        c.push(InvalidInput::new("status", "Use active or archived."));
    }
    c.finish()?;
    match (name, email, notes) {
        (Some(name), Some(email), Some(notes)) => Ok(ClientFields {
            name: name.as_str().to_owned(),
            email: email.as_str().to_owned(),
            phone: phone.to_owned(),
            notes,
            status: status.to_owned(),
        }),
        _ => Err(AppError::invalid("name", "Enter a name.")),
    }
}

fn not_found(e: StoreError) -> AppError {
    match e {
        StoreError::NotFound => AppError::NotFound("client"),
        e => e.into(),
    }
}

fn duplicate(e: StoreError) -> AppError {
    if e.is_unique_on("email") {
        AppError::invalid(
            "email",
            "You already have a client with this email address.",
        )
    } else {
        e.into()
    }
}

fn today(coach: &Account) -> Date {
    Timestamp::now().to_zoned(zone(&coach.time_zone)).date()
}

fn coach_id(coach: &Account) -> i64 {
    coach.coach_id.unwrap_or_default()
}

pub async fn list(db: &Db, coach: &Account, q: &ClientQuery) -> AppResult<Vec<Client>> {
    let tz = zone(&coach.time_zone);
    Ok(clients::list(
        db.pool(),
        coach_id(coach),
        q.q.as_deref(),
        q.include_archived,
    )
    .await?
    .into_iter()
    .map(|r| Client::from_row(r, &tz))
    .collect())
}

pub async fn get(db: &Db, coach: &Account, id: i64) -> AppResult<ClientDetail> {
    let tz = zone(&coach.time_zone);
    let row = clients::get(db.pool(), coach_id(coach), id)
        .await
        .map_err(not_found)?;
    let today = today(coach);
    let enrolments = enrolments::for_client(db.pool(), coach_id(coach), id)
        .await?
        .into_iter()
        .map(|r| Enrolment::from_row(r, today))
        .collect();
    Ok(ClientDetail {
        client: Client::from_row(row, &tz),
        enrolments,
    })
}

pub async fn create(db: &Db, coach: &Account, new: &NewClient) -> AppResult<ClientDetail> {
    let fields = validate(new)?;
    let id = clients::insert(db.pool(), coach_id(coach), &fields)
        .await
        .map_err(duplicate)?;
    get(db, coach, id).await
}

pub async fn update(db: &Db, coach: &Account, id: i64, new: &NewClient) -> AppResult<ClientDetail> {
    clients::get(db.pool(), coach_id(coach), id)
        .await
        .map_err(not_found)?;
    let fields = validate(new)?;
    clients::update(db.pool(), coach_id(coach), id, &fields)
        .await
        .map_err(|e| match e {
            StoreError::NotFound => AppError::NotFound("client"),
            e => duplicate(e),
        })?;
    get(db, coach, id).await
}

/// The coach's package for a new enrolment; another coach's or an unknown one is a field error.
pub(crate) async fn package_for_enrolment(
    tx: &mut Tx,
    coach_id: i64,
    package_id: i64,
) -> AppResult<PackageRow> {
    match packages::get(&mut **tx, coach_id, package_id).await {
        Ok(p) if p.archived_at.is_some() => Err(AppError::invalid(
            "packageId",
            "That package is archived; restore it or choose another.",
        )),
        Ok(p) => Ok(p),
        Err(StoreError::NotFound) => Err(AppError::invalid(
            "packageId",
            "Choose one of your packages.",
        )),
        Err(e) => Err(e.into()),
    }
}

/// Writes an enrolment and its credit grant inside `tx`.
pub(crate) async fn enrol_in(
    tx: &mut Tx,
    coach: &Account,
    client_id: i64,
    package: &PackageRow,
    starts_on: Date,
) -> AppResult<i64> {
    let expires_on = match package.validity_days {
        Some(days) => Some(
            starts_on
                .checked_add(days.days())
                .map_err(|_| AppError::invalid("startsOn", "Use a start date before 9999."))?
                .to_string(),
        ),
        None => None,
    };
    let starts = starts_on.to_string();
    let enrolment_id = enrolments::insert(
        &mut **tx,
        &NewEnrolment {
            coach_id: coach_id(coach),
            client_id,
            package_id: package.id,
            sessions_total: package.session_count,
            starts_on: &starts,
            expires_on: expires_on.as_deref(),
        },
    )
    .await?;
    enrolments::add_credit(
        &mut **tx,
        &NewCredit {
            coach_id: coach_id(coach),
            enrolment_id,
            booking_id: None,
            kind: "grant",
            delta: package.session_count,
            actor_user_id: Some(coach.id),
            note: &format!("Enrolled in {}", package.name),
        },
    )
    .await?;
    Ok(enrolment_id)
}

fn parse_start(coach: &Account, raw: Option<&str>) -> AppResult<Date> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(today(coach)),
        Some(s) => s
            .parse::<Date>()
            .map_err(|_| AppError::invalid("startsOn", "Enter the start date as YYYY-MM-DD.")),
    }
}

/// Enrols a client in a package: the enrolment and its credit grant in one transaction.
pub async fn enrol(
    db: &Db,
    coach: &Account,
    client_id: i64,
    req: &NewEnrolmentRequest,
) -> AppResult<Enrolment> {
    let starts_on = parse_start(coach, req.starts_on.as_deref());
    let mut tx = db.begin_write().await?;
    clients::get(&mut *tx, coach_id(coach), client_id)
        .await
        .map_err(not_found)?;
    let starts_on = starts_on?;
    let package = package_for_enrolment(&mut tx, coach_id(coach), req.package_id).await?;
    let id = enrol_in(&mut tx, coach, client_id, &package, starts_on).await?;
    tx.commit().await?;
    let row = enrolments::get(db.pool(), coach_id(coach), id).await?;
    Ok(Enrolment::from_row(row, today(coach)))
}

/// The client's credit ledger, newest first.
pub async fn credits(db: &Db, coach: &Account, client_id: i64) -> AppResult<Vec<CreditEntry>> {
    clients::get(db.pool(), coach_id(coach), client_id)
        .await
        .map_err(not_found)?;
    let tz = zone(&coach.time_zone);
    Ok(
        enrolments::credits_for_client(db.pool(), coach_id(coach), client_id)
            .await?
            .into_iter()
            .map(|r| CreditEntry::from_row(r, &tz))
            .collect(),
    )
}

/// The client's bookings, newest first.
pub async fn bookings(db: &Db, coach: &Account, client_id: i64) -> AppResult<Vec<ClientBooking>> {
    clients::get(db.pool(), coach_id(coach), client_id)
        .await
        .map_err(not_found)?;
    let tz = zone(&coach.time_zone);
    let now = Timestamp::now().as_second();
    Ok(clients::bookings(db.pool(), coach_id(coach), client_id)
        .await?
        .into_iter()
        .map(|b| ClientBooking {
            id: b.id,
            status: b.status,
            session_type_name: b.session_type_name,
            start: rfc3339(seconds(b.start_at), &tz),
            end: rfc3339(seconds(b.end_at), &tz),
            meeting_url: b.meeting_url,
            upcoming: b.end_at > now,
        })
        .collect())
}
