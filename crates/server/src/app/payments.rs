//! Payments the coach records (cash, bank transfer, card in person, other) and what each client
//! owes: enrolments sold plus priced bookings not paid by a package credit, neither cancelled,
//! less payments received, per currency.

use coachbook_core::pricing::{check_price, Currency, PaymentMethod, PaymentStatus};
use coachbook_core::validate::InvalidInput;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::accounts::Coach;
use super::{AllChecked, AppError, AppResult, Checker, Ctx};
use crate::store::payments::{self as store, BalanceRow, NewPayment, PaymentRow};
use crate::store::types::IsoDate;
use crate::store::{self as db, StoreError};

/// A payment as the coach sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Payment {
    pub id: i64,
    pub client_id: i64,
    pub client_name: String,
    /// In the currency's minor unit.
    pub amount_cents: i64,
    pub currency: String,
    /// `cash`, `bank_transfer`, `card_in_person` or `other`.
    #[schema(value_type = String)]
    pub method: PaymentMethod,
    /// `YYYY-MM-DD`.
    #[schema(value_type = String)]
    pub paid_on: String,
    /// The enrolment it pays for, if any.
    pub enrolment_id: Option<i64>,
    /// The booking it pays for, if any; neither = on account.
    pub booking_id: Option<i64>,
    pub note: String,
    /// The online provider it came from; `null` = recorded by the coach.
    pub provider: Option<String>,
    pub provider_ref: Option<String>,
    /// `recorded`, `pending`, `succeeded`, `failed` or `refunded`.
    #[schema(value_type = String)]
    pub status: PaymentStatus,
}

impl From<PaymentRow> for Payment {
    fn from(r: PaymentRow) -> Self {
        Self {
            id: r.id,
            client_id: r.client_id,
            client_name: r.client_name,
            amount_cents: r.amount_cents,
            currency: r.currency,
            method: r.method,
            paid_on: r.paid_on.to_string(),
            enrolment_id: r.enrolment_id,
            booking_id: r.booking_id,
            note: r.note,
            provider: r.provider,
            provider_ref: r.provider_ref,
            status: r.status,
        }
    }
}

/// What the coach sends to record a payment.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct NewPaymentRequest {
    pub client_id: i64,
    /// In the currency's minor unit; more than 0.
    #[schema(minimum = 1, maximum = 100_000_000)]
    pub amount_cents: i64,
    /// ISO 4217; must be the currency of the enrolment or booking it pays for.
    #[schema(min_length = 3, max_length = 3)]
    pub currency: String,
    /// `cash`, `bank_transfer`, `card_in_person` or `other`.
    #[schema(max_length = 20)]
    pub method: String,
    /// `YYYY-MM-DD`; default today in your time zone.
    #[schema(format = Date, max_length = 10)]
    pub paid_on: Option<String>,
    pub enrolment_id: Option<i64>,
    pub booking_id: Option<i64>,
    #[schema(max_length = 500)]
    pub note: String,
}

/// `?clientId=` filters the list to one client.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", default)]
#[into_params(parameter_in = Query)]
pub struct PaymentQuery {
    #[param(required = false)]
    pub client_id: Option<i64>,
}

/// One currency of a client's balance.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BalanceLine {
    pub currency: String,
    /// Enrolments sold plus priced bookings not paid by a credit, neither cancelled.
    pub owed_cents: i64,
    /// Payments received.
    pub paid_cents: i64,
    /// `owedCents - paidCents`: above 0 the client owes, below 0 they paid ahead.
    pub due_cents: i64,
}

impl From<&BalanceRow> for BalanceLine {
    fn from(r: &BalanceRow) -> Self {
        Self {
            currency: r.currency.clone(),
            owed_cents: r.owed_cents,
            paid_cents: r.paid_cents,
            due_cents: r.owed_cents - r.paid_cents,
        }
    }
}

/// A client's balance in every currency they were charged or paid in.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Balance {
    pub client_id: i64,
    pub client_name: String,
    pub lines: Vec<BalanceLine>,
}

impl Balance {
    /// Whether anything is due in any currency.
    pub fn owes(&self) -> bool {
        self.lines.iter().any(|l| l.due_cents > 0)
    }
}

const WHAT: &str = "payment";

pub async fn list(cx: &Ctx, coach: &Coach, q: &PaymentQuery) -> AppResult<Vec<Payment>> {
    if let Some(client_id) = q.client_id {
        db::clients::get(cx.db.pool(), coach.id, client_id)
            .await
            .map_err(AppError::missing("client"))?;
    }
    Ok(store::list(cx.db.pool(), coach.id, q.client_id, 500)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub async fn get(cx: &Ctx, coach: &Coach, id: i64) -> AppResult<Payment> {
    store::get(cx.db.pool(), coach.id, id)
        .await
        .map(Into::into)
        .map_err(AppError::missing(WHAT))
}

/// Checks `new` as [`record`] would, writing nothing: every field's error at once.
pub async fn check(cx: &Ctx, coach: &Coach, new: &NewPaymentRequest) -> AppResult<()> {
    checked(cx, coach, new).await.map(|_| ())
}

/// Records a payment. Every mistake at once, by field; what it pays for must be the client's and
/// in the payment's currency.
pub async fn record(cx: &Ctx, coach: &Coach, new: &NewPaymentRequest) -> AppResult<Payment> {
    let (client_id, amount, currency, method, paid_on, note) = checked(cx, coach, new).await?;
    let id = store::insert(
        cx.db.pool(),
        &NewPayment {
            coach_id: coach.id,
            client_id,
            amount_cents: amount,
            currency: currency.code(),
            method,
            paid_on: IsoDate(paid_on),
            enrolment_id: new.enrolment_id,
            booking_id: new.booking_id,
            note: &note,
        },
        cx.stamp(),
    )
    .await?;
    get(cx, coach, id).await
}

type CheckedPayment = (i64, i64, Currency, PaymentMethod, jiff::civil::Date, String);

async fn checked(cx: &Ctx, coach: &Coach, new: &NewPaymentRequest) -> AppResult<CheckedPayment> {
    let mut c = Checker::default();
    let pool = cx.db.pool();
    let client = match db::clients::get(pool, coach.id, new.client_id).await {
        Ok(client) => Some(client),
        Err(StoreError::NotFound) => {
            c.push(
                InvalidInput::new("clientId", "Choose one of your clients.")
                    .key("validate-choose-one-clients"),
            );
            None
        }
        Err(e) => return Err(e.into()),
    };
    let amount = c.check(check_price("amountCents", new.amount_cents).and_then(|a| {
        if a > 0 {
            Ok(a)
        } else {
            Err(InvalidInput::new("amountCents", "Enter an amount above 0.")
                .key("validate-enter-amount-above-0"))
        }
    }));
    let currency = c.check(Currency::parse("currency", &new.currency));
    let method = c.check(PaymentMethod::parse(new.method.trim()).map_err(|_| {
        InvalidInput::new(
            "method",
            "Choose cash, bank_transfer, card_in_person or other.",
        )
        .key("validate-choose-cash-bank-transfer")
    }));
    let paid_on = match new.paid_on.as_deref().map(str::trim) {
        None | Some("") => Some(super::clients::today(cx, coach)),
        Some(raw) => c.check(coachbook_core::validate::date("paidOn", raw)),
    };
    let note = new.note.trim();
    if note.chars().count() > 500 || note.chars().any(|ch| ch.is_control() && ch != '\n') {
        c.push(
            InvalidInput::new("note", "Keep the note to at most 500 characters.")
                .key("validate-keep-note-most-500"),
        );
    }
    if new.enrolment_id.is_some() && new.booking_id.is_some() {
        c.push(
            InvalidInput::new(
                "bookingId",
                "A payment is for an enrolment or a booking, not both; leave one empty.",
            )
            .key("validate-payment-enrolment-booking-not"),
        );
    }
    // What it pays for: the coach's, this client's, in this currency.
    let client_id = client.as_ref().map(|c| c.id);
    if let Some(id) = new.enrolment_id {
        match db::enrolments::get(pool, coach.id, id).await {
            Ok(e) if Some(e.client_id) == client_id => {
                let code = store::charged_currency(pool, "enrolments", id).await?;
                if let (Some(code), Some(cur)) = (code, currency) {
                    if !code.eq_ignore_ascii_case(cur.code()) {
                        c.push(
                            InvalidInput::new(
                                "currency",
                                format!(
                                "This enrolment was sold in {code}; record the payment in {code}."
                            ),
                            )
                            .key("validate-enrolment-was-sold-record")
                            .arg("code", code),
                        );
                    }
                }
            }
            Ok(_) | Err(StoreError::NotFound) => c.push(
                InvalidInput::new("enrolmentId", "Choose one of this client's enrolments.")
                    .key("validate-choose-one-client-s"),
            ),
            Err(e) => return Err(e.into()),
        }
    }
    if let Some(id) = new.booking_id {
        match crate::store::bookings::get_booking(pool, coach.id, id).await {
            Ok(b) if b.client_id.is_some() && b.client_id == client_id => {
                let code = store::charged_currency(pool, "bookings", id).await?;
                if let (Some(code), Some(cur)) = (code, currency) {
                    if !code.eq_ignore_ascii_case(cur.code()) {
                        c.push(
                            InvalidInput::new(
                                "currency",
                                format!(
                                "This booking is priced in {code}; record the payment in {code}."
                            ),
                            )
                            .key("validate-booking-priced-record-payment")
                            .arg("code", code),
                        );
                    }
                }
            }
            Ok(_) | Err(StoreError::NotFound) => c.push(
                InvalidInput::new("bookingId", "Choose one of this client's bookings.")
                    .key("validate-choose-one-client-s-2"),
            ),
            Err(e) => return Err(e.into()),
        }
    }
    let (client, amount, currency, method, paid_on) =
        c.done((client, amount, currency, method, paid_on).all())?;
    Ok((
        client.id,
        amount,
        currency,
        method,
        paid_on,
        note.to_owned(),
    ))
}

/// Deletes a payment the coach recorded (a mistake); a provider's payment is not theirs to
/// delete and reads as not found.
pub async fn delete(cx: &Ctx, coach: &Coach, id: i64) -> AppResult<()> {
    store::delete(cx.db.pool(), coach.id, id)
        .await
        .map_err(AppError::missing(WHAT))
}

/// One client's balance.
pub async fn balance(cx: &Ctx, coach: &Coach, client_id: i64) -> AppResult<Balance> {
    let client = db::clients::get(cx.db.pool(), coach.id, client_id)
        .await
        .map_err(AppError::missing("client"))?;
    let rows = store::balances(cx.db.pool(), coach.id, Some(client_id)).await?;
    Ok(Balance {
        client_id,
        client_name: client.name,
        lines: rows.iter().map(BalanceLine::from).collect(),
    })
}

/// The clients who owe something, in any currency, by name.
pub async fn due(cx: &Ctx, coach: &Coach) -> AppResult<Vec<Balance>> {
    let rows = store::balances(cx.db.pool(), coach.id, None).await?;
    let mut out: Vec<Balance> = Vec::new();
    for r in &rows {
        match out.last_mut() {
            Some(b) if b.client_id == r.client_id => b.lines.push(r.into()),
            _ => out.push(Balance {
                client_id: r.client_id,
                client_name: String::new(),
                lines: vec![r.into()],
            }),
        }
    }
    out.retain(Balance::owes);
    let clients = db::clients::list(cx.db.pool(), coach.id, None, true).await?;
    for b in &mut out {
        if let Some(c) = clients.iter().find(|c| c.id == b.client_id) {
            b.client_name.clone_from(&c.name);
        }
    }
    out.sort_by(|a, b| a.client_name.cmp(&b.client_name));
    Ok(out)
}
