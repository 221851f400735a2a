//! A client's "Prices and payments" tab: what they owe (per currency), the payments recorded,
//! and their own prices per session type, set or removed by the coach.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use coachbook_core::validate::InvalidInput;
use serde::Deserialize;
use tower_sessions::Session;

use super::clients::{clean_input, detail_page, DetailInput};
use super::{form_errors, set_notice, FieldErrors};
use crate::app::accounts::Coach;
use crate::app::payments::{self, Balance, Payment, PaymentQuery};
use crate::app::pricing::{self, ClientPrice, NewClientPrice};
use crate::app::session_types::{self, SessionType};
use crate::app::{money, AppError};
use crate::web::error::PageResult;
use crate::web::extract::{PageCoach, PageForm};
use crate::web::AppState;

/// What the tab shows.
pub struct ClientMoney {
    pub balance: Balance,
    pub payments: Vec<Payment>,
    pub prices: Vec<ClientPrice>,
    pub types: Vec<SessionType>,
}

impl ClientMoney {
    pub fn money(&self, minor: &i64, currency: &str) -> String {
        money::show_amount(*minor, currency)
    }
}

pub async fn load(state: &AppState, coach: &Coach, id: i64) -> PageResult<ClientMoney> {
    let cx = state.ctx();
    Ok(ClientMoney {
        balance: payments::balance(cx, coach, id).await?,
        payments: payments::list(
            cx,
            coach,
            &PaymentQuery {
                client_id: Some(id),
            },
        )
        .await?,
        prices: pricing::client_prices(cx, coach, id).await?,
        types: session_types::list(cx, coach, false).await?,
    })
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct PriceForm {
    session_type_id: String,
    price: String,
}

pub async fn price_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(id): Path<i64>,
    PageForm(form): PageForm<PriceForm>,
) -> PageResult<Response> {
    let result = match (
        form.session_type_id.trim().parse::<i64>(),
        super::parse_price(&form.price),
    ) {
        (Err(_), _) => Err(AppError::from(
            InvalidInput::new("sessionTypeId", "Choose one of your session types.")
                .key("validate-choose-one-session-types"),
        )),
        (_, None) => Err(AppError::Invalid(vec![super::price_hint("priceCents")])),
        (Ok(type_id), Some(price)) => {
            let new = NewClientPrice {
                price_cents: price.cents,
                currency: price.code,
            };
            match pricing::set_client_price(state.ctx(), &coach, id, type_id, &new).await {
                Err(AppError::NotFound("session type")) => Err(AppError::from(
                    InvalidInput::new("sessionTypeId", "Choose one of your session types.")
                        .key("validate-choose-one-session-types"),
                )),
                other => other,
            }
        }
    };
    match result {
        Ok(p) => {
            set_notice(
                &session,
                &format!(
                    "{} now costs this client {} per session.",
                    p.session_type_name,
                    money::show_amount(p.price_cents, &p.currency)
                ),
            )
            .await;
            Ok(Redirect::to(&format!("/admin/clients/{id}?tab=payments")).into_response())
        }
        Err(e) => {
            let errors: FieldErrors = form_errors(e)?;
            let mut input: DetailInput = clean_input();
            input.errors = errors;
            detail_page(&state, &session, &coach, id, "payments", input).await
        }
    }
}

pub async fn price_delete_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path((id, session_type_id)): Path<(i64, i64)>,
) -> PageResult<Response> {
    pricing::delete_client_price(state.ctx(), &coach, id, session_type_id).await?;
    set_notice(
        &session,
        &crate::app::i18n::Tr::current().t("cdetail-price-removed"),
    )
    .await;
    Ok(Redirect::to(&format!("/admin/clients/{id}?tab=payments")).into_response())
}
