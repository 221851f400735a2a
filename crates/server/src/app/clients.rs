//! Clients, their enrolments in packages and the package credit ledger.

use coachbook_core::booking::{allowed_actions, AllowedActions, BookingStatus};
use coachbook_core::credit::{CreditKind, CreditState};
use coachbook_core::practice::{ClientStatus, EnrolmentStatus};
use coachbook_core::time::{local_date, rfc3339, Zone};
use coachbook_core::validate::{self, Email, InvalidInput, PersonName};
use jiff::civil::Date;
use jiff::ToSpan;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::accounts::Coach;
use super::catalog::text;
use super::{AllChecked, AppError, AppResult, Checker, Ctx, Refusal};
use crate::store::clients::{self, ClientFields, ClientRow};
use crate::store::enrolments::{self, CreditRow, EnrolmentRow, NewCredit, NewEnrolment};
use crate::store::packages::{self, PackageRow};
use crate::store::types::IsoDate;
use crate::store::{StoreError, Tx};

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
    #[schema(value_type = String)]
    pub status: ClientStatus,
    /// Package credits left over the active enrolments.
    pub credits_remaining: i64,
    pub active_enrolments: i64,
    /// RFC 3339.
    pub created_at: String,
}

impl Client {
    fn from_row(r: ClientRow, zone: &Zone) -> Self {
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
            created_at: rfc3339(r.created_at.timestamp(), zone),
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
    #[schema(value_type = String)]
    pub status: EnrolmentStatus,
    /// Past `expiresOn` (in the coach's time zone).
    pub expired: bool,
}

impl Enrolment {
    fn from_row(r: EnrolmentRow, today: Date) -> Self {
        let expires_on = r.expires_on.map(IsoDate::date);
        let expired = coachbook_core::credit::usable_on(expires_on, today).is_err();
        Self {
            id: r.id,
            client_id: r.client_id,
            package_id: r.package_id,
            package_name: r.package_name,
            session_type_id: r.session_type_id,
            session_minutes: r.session_minutes,
            sessions_total: r.sessions_total,
            credits_remaining: r.credits_remaining,
            starts_on: r.starts_on.to_string(),
            expires_on: expires_on.map(|d| d.to_string()),
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
    #[schema(value_type = String)]
    pub kind: CreditKind,
    pub delta: i64,
    /// Who made the change, when a person did.
    pub actor_name: Option<String>,
    pub note: String,
    /// RFC 3339.
    pub created_at: String,
}

impl CreditEntry {
    fn from_row(r: CreditRow, zone: &Zone) -> Self {
        Self {
            id: r.id,
            enrolment_id: r.enrolment_id,
            package_name: r.package_name,
            booking_id: r.booking_id,
            kind: r.kind,
            delta: r.delta,
            actor_name: r.actor_name,
            note: r.note,
            created_at: rfc3339(r.created_at.timestamp(), zone),
        }
    }
}

/// One of a client's bookings (read from `bookings.client_id`).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClientBooking {
    pub id: i64,
    #[schema(value_type = String)]
    pub status: BookingStatus,
    pub session_type_name: String,
    /// The type's calendar colour, `#rrggbb`.
    pub session_type_color: String,
    pub start: String,
    pub end: String,
    pub meeting_url: String,
    pub upcoming: bool,
    /// What the coach can do with it now.
    #[serde(skip)]
    pub actions: AllowedActions,
}

/// What a coach submits to create or change a client.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct NewClient {
    #[schema(required = true, min_length = 1, max_length = 100)]
    pub name: String,
    #[schema(required = true, min_length = 3, max_length = 254)]
    pub email: String,
    /// Digits, spaces and `+ - ( ) .`.
    #[schema(max_length = 40, pattern = "^[0-9 +().-]*$")]
    pub phone: String,
    #[schema(max_length = 10000)]
    pub notes: String,
    #[schema(schema_with = super::schema::client_status)]
    pub status: Option<String>,
}

/// Enrol a client in a package.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct NewEnrolmentRequest {
    #[schema(required = true, minimum = 1)]
    pub package_id: i64,
    /// `YYYY-MM-DD`; default today in your time zone.
    #[schema(schema_with = crate::app::schema::optional_date)]
    pub starts_on: Option<String>,
    /// Enrol even though the client already has an active enrolment in this package (credits
    /// left, not expired). Without it that answers 409 `already_enrolled`. Default `false`.
    pub allow_duplicate: bool,
}

/// Why a second enrolment in the same package waits for a yes: the one the client already has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlreadyEnrolled {
    pub client_name: String,
    pub package_name: String,
    pub credits_remaining: i64,
    pub sessions_total: i64,
    /// The last day its credits can be used; `None` = no expiry.
    pub valid_until: Option<Date>,
}

/// The client's enrolment in `package_id` that still has credits to use today, if any.
fn active_in(rows: &[EnrolmentRow], package_id: i64, today: Date) -> Option<&EnrolmentRow> {
    rows.iter().find(|e| {
        e.package_id == package_id
            && e.status == EnrolmentStatus::Active
            && coachbook_core::credit::can_book(
                e.credits_remaining,
                e.sessions_total,
                e.expires_on.map(IsoDate::date),
                today,
            )
            .is_ok()
    })
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", default)]
#[into_params(parameter_in = Query)]
pub struct ClientQuery {
    /// Search in name and email.
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Include archived clients.
    #[param(required = false)]
    pub include_archived: bool,
}

fn validate(new: &NewClient) -> AppResult<ClientFields> {
    let mut c = Checker::default();
    let name = c.check(PersonName::parse("name", &new.name));
    let email = c.check(Email::parse("email", &new.email));
    let phone = new.phone.trim();
    if new.phone.chars().count() > 40
        || !new
            .phone
            .chars()
            .all(|ch| ch.is_ascii_digit() || " +-().".contains(ch))
    {
        c.push(
            InvalidInput::new(
                "phone",
                "Use digits, spaces and + - ( ) only, at most 40 characters.",
            )
            .key("validate-use-digits-spaces-only"),
        );
    }
    let notes = c.check(text("notes", &new.notes, 10_000));
    let status = match new
        .status
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => Some(ClientStatus::Active),
        Some(raw) => c.check(ClientStatus::parse(raw).map_err(|_| {
            InvalidInput::new("status", "Use active or archived.")
                .key("validate-use-active-archived")
        })),
    };
    let (name, email, notes, status) = c.done((name, email, notes, status).all())?;
    Ok(ClientFields {
        name: name.as_str().to_owned(),
        email: email.as_str().to_owned(),
        phone: phone.to_owned(),
        notes,
        status,
    })
}

const WHAT: &str = "client";

fn not_found(e: StoreError) -> AppError {
    AppError::missing(WHAT)(e)
}

fn duplicate(e: StoreError) -> AppError {
    if e.is_unique_on("email") {
        AppError::from(
            InvalidInput::new(
                "email",
                "You already have a client with this email address.",
            )
            .key("validate-already-have-client-email"),
        )
    } else {
        e.into()
    }
}

/// Today in the coach's zone.
pub(crate) fn today(cx: &Ctx, coach: &Coach) -> Date {
    local_date(coach.zone.tz(), cx.now())
}

pub async fn list(cx: &Ctx, coach: &Coach, q: &ClientQuery) -> AppResult<Vec<Client>> {
    let search = super::catalog::search("q", q.q.as_deref())?;
    Ok(clients::list(
        cx.db.pool(),
        coach.id,
        search.as_deref(),
        q.include_archived,
    )
    .await?
    .into_iter()
    .map(|r| Client::from_row(r, &coach.zone))
    .collect())
}

pub async fn get(cx: &Ctx, coach: &Coach, id: i64) -> AppResult<ClientDetail> {
    let row = clients::get(cx.db.pool(), coach.id, id)
        .await
        .map_err(not_found)?;
    let today = today(cx, coach);
    let enrolments = enrolments::for_client(cx.db.pool(), coach.id, id)
        .await?
        .into_iter()
        .map(|r| Enrolment::from_row(r, today))
        .collect();
    Ok(ClientDetail {
        client: Client::from_row(row, &coach.zone),
        enrolments,
    })
}

pub async fn create(cx: &Ctx, coach: &Coach, new: &NewClient) -> AppResult<ClientDetail> {
    let fields = validate(new)?;
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    let id = clients::insert(&mut *tx, coach.id, &fields, now.into())
        .await
        .map_err(duplicate)?;
    super::webhooks::client_saved(&mut tx, coach.id, id, None, now).await?;
    tx.commit().await?;
    cx.wake.notify();
    get(cx, coach, id).await
}

pub async fn update(cx: &Ctx, coach: &Coach, id: i64, new: &NewClient) -> AppResult<ClientDetail> {
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    let before = clients::get(&mut *tx, coach.id, id)
        .await
        .map_err(not_found)?;
    let fields = validate(new)?;
    clients::update(&mut *tx, coach.id, id, &fields, now.into())
        .await
        .map_err(|e| match e {
            StoreError::NotFound => AppError::NotFound(WHAT),
            e => duplicate(e),
        })?;
    super::webhooks::client_saved(&mut tx, coach.id, id, Some(before.status), now).await?;
    tx.commit().await?;
    cx.wake.notify();
    get(cx, coach, id).await
}

/// What happens to a client's upcoming sessions when the client is archived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UpcomingSessions {
    /// They stay booked (what the API does unless told otherwise).
    #[default]
    Keep,
    /// Each is cancelled with a reason the client sees: they are told, and a package credit is
    /// released or used as the cancellation policy says.
    Cancel,
}

/// The client's bookings still ahead that hold a place (pending or confirmed), soonest first:
/// what archiving them asks about.
pub async fn upcoming_sessions(
    cx: &Ctx,
    coach: &Coach,
    client_id: i64,
) -> AppResult<Vec<super::bookings::Booking>> {
    clients::get(cx.db.pool(), coach.id, client_id)
        .await
        .map_err(not_found)?;
    let now = cx.now();
    let filter = super::bookings::ListFilter {
        client_id: Some(client_id),
        from: Some(now),
        ..Default::default()
    };
    Ok(super::bookings::list(cx, coach, &filter)
        .await?
        .into_iter()
        .filter(|b| b.status.is_live() && b.start >= now)
        .collect())
}

/// [`update`], and when it archives an active client, does with their upcoming sessions what
/// `upcoming` says, in the same transaction (so the client is never archived with half of them
/// cancelled). Answers the client and how many sessions were cancelled.
pub async fn update_archiving(
    cx: &Ctx,
    coach: &Coach,
    id: i64,
    new: &NewClient,
    upcoming: UpcomingSessions,
    reason: &str,
) -> AppResult<(ClientDetail, usize)> {
    let fields = validate(new)?;
    let reason = text("reason", reason, 1000)?;
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    crate::store::bookings::lock_coach(&mut *tx, coach.id).await?;
    let before = clients::get(&mut *tx, coach.id, id)
        .await
        .map_err(not_found)?;
    clients::update(&mut *tx, coach.id, id, &fields, now.into())
        .await
        .map_err(|e| match e {
            StoreError::NotFound => AppError::NotFound(WHAT),
            e => duplicate(e),
        })?;
    let archiving =
        before.status == ClientStatus::Active && fields.status == ClientStatus::Archived;
    let mut cancelled = 0;
    if archiving && upcoming == UpcomingSessions::Cancel {
        let filter = crate::store::bookings::BookingFilter {
            client_id: Some(id),
            from: Some(now.into()),
            limit: super::bookings::LIST_LIMIT,
            ..Default::default()
        };
        let rows = crate::store::bookings::list_bookings(&mut *tx, coach.id, &filter).await?;
        for row in rows
            .iter()
            .filter(|r| r.status.is_live() && r.start_at.timestamp() >= now)
        {
            super::bookings::status_in(
                &mut tx,
                cx,
                coach,
                row,
                coachbook_core::booking::BookingAction::Cancel,
                &reason,
                false,
                now,
            )
            .await?;
            super::waitlist::seat_freed(&mut tx, cx, coach.id, row.session_id, now).await?;
            cancelled += 1;
        }
    }
    super::webhooks::client_saved(&mut tx, coach.id, id, Some(before.status), now).await?;
    tx.commit().await?;
    if cancelled > 0 {
        cx.wake.notify();
    }
    Ok((get(cx, coach, id).await?, cancelled))
}

/// The coach's package for a new enrolment; another coach's or an unknown one is a field error.
pub(crate) async fn package_for_enrolment(
    tx: &mut Tx,
    coach_id: i64,
    package_id: i64,
) -> AppResult<PackageRow> {
    match packages::get(&mut **tx, coach_id, package_id).await {
        Ok(p) if p.archived_at.is_some() => Err(AppError::from(
            InvalidInput::new(
                "packageId",
                "That package is archived; restore it or choose another.",
            )
            .key("validate-package-archived-restore-choose"),
        )),
        Ok(p) => Ok(p),
        Err(StoreError::NotFound) => Err(AppError::from(
            InvalidInput::new("packageId", "Choose one of your packages.")
                .key("validate-choose-one-packages"),
        )),
        Err(e) => Err(e.into()),
    }
}

/// Writes an enrolment and its credit grant inside `tx`.
pub(crate) async fn enrol_in(
    cx: &Ctx,
    tx: &mut Tx,
    coach: &Coach,
    client_id: i64,
    package: &PackageRow,
    starts_on: Date,
) -> AppResult<i64> {
    let expires_on = match package.validity_days {
        Some(days) => Some(IsoDate(
            starts_on
                .checked_add(days.days())
                .ok()
                .and_then(|d| coachbook_core::time::supported_date(d).ok())
                .ok_or_else(|| {
                    AppError::from(InvalidInput::new("startsOn", "Choose a start date that keeps the package inside the years 2000 to 2199.").key("validate-choose-start-date-keeps"))
                })?,
        )),
        None => None,
    };
    let now = cx.stamp();
    let enrolment_id = enrolments::insert(
        &mut **tx,
        &NewEnrolment {
            coach_id: coach.id,
            client_id,
            package_id: package.id,
            sessions_total: package.session_count,
            starts_on: IsoDate(starts_on),
            expires_on,
        },
        now,
    )
    .await?;
    enrolments::add_credit(
        &mut **tx,
        &NewCredit {
            coach_id: coach.id,
            enrolment_id,
            booking_id: None,
            kind: CreditKind::Grant,
            delta: CreditKind::Grant.delta(package.session_count),
            actor_user_id: Some(coach.user_id),
            note: &format!("Enrolled in {}", package.name),
        },
        now,
    )
    .await?;
    Ok(enrolment_id)
}

/// Enrols a client in a package: the enrolment and its credit grant in one transaction. When the
/// client already has an active enrolment in that package, it asks first (a refusal) unless
/// `allow_duplicate` says yes.
pub async fn enrol(
    cx: &Ctx,
    coach: &Coach,
    client_id: i64,
    req: &NewEnrolmentRequest,
) -> AppResult<Enrolment> {
    let starts_on = match req
        .starts_on
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => Ok(today(cx, coach)),
        Some(raw) => validate::date("startsOn", raw).map_err(AppError::from),
    };
    let mut tx = cx.db.begin_write().await?;
    let client = clients::get(&mut *tx, coach.id, client_id)
        .await
        .map_err(not_found)?;
    let starts_on = starts_on?;
    let package = package_for_enrolment(&mut tx, coach.id, req.package_id).await?;
    if !req.allow_duplicate {
        // Read inside the write transaction: two enrolments sent at once are asked about once.
        let current = enrolments::for_client(&mut *tx, coach.id, client_id).await?;
        if let Some(e) = active_in(&current, package.id, today(cx, coach)) {
            return Err(Refusal::AlreadyEnrolled(Box::new(AlreadyEnrolled {
                client_name: client.name,
                package_name: package.name,
                credits_remaining: e.credits_remaining,
                sessions_total: e.sessions_total,
                valid_until: e.expires_on.and_then(|d| d.date().yesterday().ok()),
            }))
            .into());
        }
    }
    let id = enrol_in(cx, &mut tx, coach, client_id, &package, starts_on).await?;
    tx.commit().await?;
    let row = enrolments::get(cx.db.pool(), coach.id, id).await?;
    Ok(Enrolment::from_row(row, today(cx, coach)))
}

/// The client's credit ledger, newest first.
pub async fn credits(cx: &Ctx, coach: &Coach, client_id: i64) -> AppResult<Vec<CreditEntry>> {
    clients::get(cx.db.pool(), coach.id, client_id)
        .await
        .map_err(not_found)?;
    Ok(
        enrolments::credits_for_client(cx.db.pool(), coach.id, client_id)
            .await?
            .into_iter()
            .map(|r| CreditEntry::from_row(r, &coach.zone))
            .collect(),
    )
}

/// The client's bookings, newest first.
pub async fn bookings(cx: &Ctx, coach: &Coach, client_id: i64) -> AppResult<Vec<ClientBooking>> {
    clients::get(cx.db.pool(), coach.id, client_id)
        .await
        .map_err(not_found)?;
    let now = cx.now();
    Ok(clients::bookings(cx.db.pool(), coach.id, client_id)
        .await?
        .into_iter()
        .map(|b| ClientBooking {
            id: b.id,
            status: b.status,
            session_type_name: b.session_type_name,
            session_type_color: b.session_type_color,
            start: rfc3339(b.start_at.timestamp(), &coach.zone),
            end: rfc3339(b.end_at.timestamp(), &coach.zone),
            meeting_url: b.meeting_url,
            upcoming: b.end_at.timestamp() > now,
            actions: allowed_actions(
                b.status,
                now >= b.start_at.timestamp(),
                b.last_credit_entry.0.and_then(CreditState::after),
            ),
        })
        .collect())
}
