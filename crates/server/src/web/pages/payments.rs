//! Payments: what clients owe (per currency), the form to record a payment (with each mistake
//! beside its field), and the payments recorded, filtered by client, each deletable after a
//! second yes.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use coachbook_core::pricing::{Currency, PaymentMethod};
use coachbook_core::validate::InvalidInput;
use serde::Deserialize;
use tower_sessions::Session;

use super::{form_errors, render, set_notice, FieldErrors, Shell};
use crate::app::accounts::Coach;
use crate::app::clients::{self, Client, ClientQuery};
use crate::app::i18n::Tr;
use crate::app::money;
use crate::app::payments::{self, Balance, NewPaymentRequest, Payment, PaymentQuery};
use crate::web::error::PageResult;
use crate::web::extract::{PageCoach, PageForm};
use crate::web::AppState;

const PAGE: &str = "/admin/payments";

pub fn router() -> Router<AppState> {
    Router::new()
        .route(PAGE, get(page_get).post(page_post))
        .route("/admin/payments/{id}/delete", post(delete_post))
}

/// The record form as typed.
#[derive(Deserialize, Default, Clone)]
#[serde(rename_all = "camelCase", default)]
pub struct PaymentForm {
    client_id: String,
    amount: String,
    currency: String,
    method: String,
    paid_on: String,
    note: String,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Filter {
    client_id: String,
}

#[derive(Template)]
#[template(path = "pages/payments.html")]
struct Page {
    shell: Shell,
    due: Vec<Balance>,
    payments: Vec<Payment>,
    clients: Vec<Client>,
    filter: Option<i64>,
    form: PaymentForm,
    errors: FieldErrors,
    methods: &'static [PaymentMethod],
}

impl Page {
    fn money(&self, minor: &i64, currency: &str) -> String {
        money::show_amount(*minor, currency)
    }

    fn method_label(&self, m: &PaymentMethod) -> String {
        self.shell.tr.t(&format!("payments-method-{}", m.as_str()))
    }

    /// The day paid ("2026-12-05" as stored) as the reader writes dates.
    fn day(&self, paid_on: &str) -> String {
        crate::web::dates::date_iso(paid_on)
    }

    fn filtered(&self, id: &i64) -> bool {
        self.filter == Some(*id)
    }

    fn picked(&self, id: &i64) -> bool {
        self.form.client_id == id.to_string()
            || (self.form.client_id.is_empty() && self.filter == Some(*id))
    }
}

/// The amount typed ("80", "1,200.50", "¥1,234") in the currency's minor unit: the page reads two
/// decimals, so a currency with fewer refuses the ones it does not have.
fn amount_minor(form: &PaymentForm) -> Result<i64, InvalidInput> {
    let refuse = |m: &str| InvalidInput::new("amountCents", m.to_owned());
    let price = super::parse_price(&form.amount).ok_or_else(|| refuse(super::PRICE_HINT))?;
    let exponent = Currency::parse("currency", &form.currency)
        .map(Currency::exponent)
        .unwrap_or(2);
    match exponent {
        0 if price.cents % 100 != 0 => Err(refuse(&Tr::current().t("payments-no-decimals"))),
        0 => Ok(price.cents / 100),
        1 if price.cents % 10 != 0 => Err(refuse(&Tr::current().t("payments-one-decimal"))),
        1 => Ok(price.cents / 10),
        e => Ok(price.cents * 10i64.pow(u32::from(e) - 2)),
    }
}

async fn page(
    state: &AppState,
    session: &Session,
    coach: &Coach,
    filter: Option<i64>,
    form: PaymentForm,
    errors: FieldErrors,
) -> PageResult<Page> {
    let cx = state.ctx();
    let q = ClientQuery {
        q: None,
        include_archived: false,
    };
    let list = payments::list(cx, coach, &PaymentQuery { client_id: filter }).await?;
    Ok(Page {
        shell: Shell::for_coach(&Tr::current().t("payments-title"), coach, PAGE, session).await,
        due: payments::due(cx, coach).await?,
        payments: list,
        clients: clients::list(cx, coach, &q).await?,
        filter,
        form,
        errors,
        methods: PaymentMethod::ALL,
    })
}

async fn page_get(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Query(f): Query<Filter>,
) -> PageResult<Response> {
    // A filter that does not read (or is not one of the coach's clients) shows everyone's.
    let filter = f.client_id.trim().parse::<i64>().ok();
    let form = PaymentForm {
        currency: "EUR".to_owned(),
        method: PaymentMethod::BankTransfer.as_str().to_owned(),
        ..PaymentForm::default()
    };
    let page = match page(
        &state,
        &session,
        &coach,
        filter,
        form.clone(),
        FieldErrors::default(),
    )
    .await
    {
        Ok(p) => p,
        Err(_) if filter.is_some() => {
            page(&state, &session, &coach, None, form, FieldErrors::default()).await?
        }
        Err(e) => return Err(e),
    };
    render(StatusCode::OK, &page)
}

async fn page_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    PageForm(form): PageForm<PaymentForm>,
) -> PageResult<Response> {
    let amount = amount_minor(&form);
    let input = NewPaymentRequest {
        client_id: form.client_id.trim().parse().unwrap_or(0),
        amount_cents: *amount.as_ref().unwrap_or(&1),
        currency: form.currency.clone(),
        method: form.method.clone(),
        paid_on: Some(form.paid_on.clone()),
        enrolment_id: None,
        booking_id: None,
        note: form.note.clone(),
    };
    let result = match amount {
        Ok(_) => payments::record(state.ctx(), &coach, &input).await,
        Err(typed) => {
            let checked = payments::check(state.ctx(), &coach, &input).await;
            Err(crate::app::catalog::with_typed_errors(vec![typed], checked))
        }
    };
    match result {
        Ok(made) => {
            set_notice(
                &session,
                &Tr::current().t2(
                    "payments-recorded",
                    "amount",
                    money::show_amount(made.amount_cents, &made.currency),
                    "name",
                    &made.client_name,
                ),
            )
            .await;
            Ok(Redirect::to(PAGE).into_response())
        }
        Err(e) => {
            let errors = form_errors(e)?;
            let page = page(&state, &session, &coach, None, form, errors).await?;
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

async fn delete_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(id): Path<i64>,
) -> PageResult<Response> {
    payments::delete(state.ctx(), &coach, id).await?;
    set_notice(&session, &Tr::current().t("payments-deleted")).await;
    Ok(Redirect::to(PAGE).into_response())
}
