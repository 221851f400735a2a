//! Prices: a session type's tiers, a client's own price, what a client's next session costs,
//! and what a bundle saves. The rules are the core's (`coachbook_core::pricing`); this reads and
//! writes what they need.

use coachbook_core::pricing::{
    bundle_saving, check_price, next_session_price, Currency, PriceSource, Saving, TierInput,
    TieredPrice,
};
use coachbook_core::validate::InvalidInput;
use serde::{Deserialize, Serialize};
use sqlx::{Any, Executor};
use utoipa::ToSchema;

use super::accounts::Coach;
use super::{AppError, AppResult, Ctx};
use crate::store::pricing::{self as store, ClientPriceRow, TierRow};
use crate::store::session_types::SessionTypeRow;
use crate::store::{self as db_store, StoreError};

/// One tier of a session type's price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PriceTier {
    /// The first session number (per client, counting bookings of the type that were not
    /// cancelled) this price applies to; the first tier is from 1.
    #[schema(minimum = 1, maximum = 10_000)]
    pub from: i64,
    /// Price of each session in this tier, in the currency's minor unit.
    #[schema(minimum = 0, maximum = 100_000_000)]
    pub price_cents: i64,
    /// The session type's ISO 4217 currency; may be left out, must match when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(min_length = 3, max_length = 3)]
    pub currency: Option<String>,
}

/// The core's checked prices of a session type from its row and stored tiers. A stored value
/// that no longer reads is an error with its cause, never a silent list price.
pub fn tiered(st: &SessionTypeRow, rows: &[TierRow]) -> AppResult<TieredPrice> {
    let currency = Currency::parse("currency", &st.currency).map_err(|e| {
        anyhow::anyhow!("session type {} has currency {:?}: {e}", st.id, st.currency)
    })?;
    if rows.is_empty() {
        return Ok(TieredPrice::flat(st.price_cents, currency));
    }
    let input: Vec<TierInput> = rows
        .iter()
        .map(|r| TierInput {
            from: r.from_session,
            unit_minor: r.unit_price_cents,
            currency: None,
        })
        .collect();
    TieredPrice::new(currency, &input).map_err(|e| {
        anyhow::anyhow!(
            "session type {} has stored tiers that do not read: {}",
            st.id,
            e.first().map_or("", |e| e.message.as_str())
        )
        .into()
    })
}

/// Checks tiers as sent for a session type in `currency`: `None` when there is nothing to store
/// (no tiers); the checked tiers otherwise.
pub fn check_tiers(
    currency: &str,
    tiers: &[PriceTier],
) -> Result<Option<TieredPrice>, Vec<coachbook_core::validate::InvalidInput>> {
    if tiers.is_empty() {
        return Ok(None);
    }
    let Ok(currency) = Currency::parse("currency", currency) else {
        // The currency's own error is reported by the session type's check.
        return Ok(None);
    };
    let input: Vec<TierInput> = tiers
        .iter()
        .map(|t| TierInput {
            from: t.from,
            unit_minor: t.price_cents,
            currency: t.currency.clone(),
        })
        .collect();
    TieredPrice::new(currency, &input).map(Some)
}

/// Replaces a session type's stored tiers with `tiers` (none: the list price for every session).
pub async fn store_tiers(
    tx: &mut db_store::Tx,
    session_type_id: i64,
    tiers: Option<&TieredPrice>,
) -> AppResult<()> {
    store::clear_tiers(&mut **tx, session_type_id).await?;
    if let Some(p) = tiers.filter(|p| p.is_tiered()) {
        for t in p.tiers() {
            store::insert_tier(&mut **tx, session_type_id, i64::from(t.from), t.unit_minor).await?;
        }
    }
    Ok(())
}

/// A session type's tiers for the API: empty when it has one price.
pub fn tiers_out(rows: &[TierRow]) -> Vec<PriceTier> {
    rows.iter()
        .map(|r| PriceTier {
            from: r.from_session,
            price_cents: r.unit_price_cents,
            currency: None,
        })
        .collect()
}

/// The prices of a session type read from the database.
pub async fn prices_of<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    st: &SessionTypeRow,
) -> AppResult<TieredPrice> {
    let rows = store::tiers_for_type(ex, st.id).await?;
    tiered(st, &rows)
}

/// The price a client's next session of `st` comes to; `had` counts their bookings of the type
/// that were not cancelled, leaving out `except`.
pub async fn next_for_client(
    conn: &mut sqlx::AnyConnection,
    coach_id: i64,
    client_id: i64,
    st: &SessionTypeRow,
    except: Option<i64>,
) -> AppResult<coachbook_core::pricing::SessionPrice> {
    let prices = prices_of(&mut *conn, st).await?;
    let own = store::client_prices(&mut *conn, coach_id, client_id)
        .await?
        .into_iter()
        .find(|p| p.session_type_id == st.id);
    let own = match own {
        Some(p) if p.currency.eq_ignore_ascii_case(&st.currency) => Some(p.price_cents),
        Some(p) => {
            // The type's currency changed after the price was set: the tiers apply, and the
            // coach sees the mismatch on the client's page.
            tracing::warn!(
                client_id,
                session_type_id = st.id,
                client_currency = %p.currency,
                "client price in another currency than its session type; tiers used"
            );
            None
        }
        None => None,
    };
    let had = store::sessions_had(&mut *conn, coach_id, client_id, st.id, except).await?;
    let had = u32::try_from(had).unwrap_or(u32::MAX);
    Ok(next_session_price(&prices, own, had))
}

/// Stores on a new booking of a known client the price computed now, when no package credit pays
/// for it: their own price, else the tier holding this session. Later changes of the tiers or
/// the client's price do not touch it.
pub async fn price_new_booking(
    tx: &mut db_store::Tx,
    coach_id: i64,
    booking_id: i64,
    client_id: i64,
    st: &SessionTypeRow,
) -> AppResult<()> {
    let price = next_for_client(tx, coach_id, client_id, st, Some(booking_id)).await?;
    crate::store::sessions::set_booking_price(
        &mut **tx,
        coach_id,
        booking_id,
        price.unit_minor,
        price.currency.code(),
    )
    .await?;
    Ok(())
}

/// A client's own price as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClientPrice {
    pub client_id: i64,
    pub session_type_id: i64,
    pub session_type_name: String,
    pub price_cents: i64,
    pub currency: String,
}

impl From<ClientPriceRow> for ClientPrice {
    fn from(r: ClientPriceRow) -> Self {
        Self {
            client_id: r.client_id,
            session_type_id: r.session_type_id,
            session_type_name: r.session_type_name,
            price_cents: r.price_cents,
            currency: r.currency,
        }
    }
}

/// What a coach sends to set a client's price for a session type.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NewClientPrice {
    #[schema(minimum = 0, maximum = 100_000_000)]
    pub price_cents: i64,
    /// The session type's ISO 4217 currency; may be left out, must match when sent.
    #[serde(default)]
    #[schema(min_length = 3, max_length = 3)]
    pub currency: Option<String>,
}

/// A client's own prices.
pub async fn client_prices(cx: &Ctx, coach: &Coach, client_id: i64) -> AppResult<Vec<ClientPrice>> {
    db_store::clients::get(cx.db.pool(), coach.id, client_id)
        .await
        .map_err(AppError::missing("client"))?;
    Ok(store::client_prices(cx.db.pool(), coach.id, client_id)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Sets a client's own price for one of the coach's session types, in the type's currency.
pub async fn set_client_price(
    cx: &Ctx,
    coach: &Coach,
    client_id: i64,
    session_type_id: i64,
    new: &NewClientPrice,
) -> AppResult<ClientPrice> {
    db_store::clients::get(cx.db.pool(), coach.id, client_id)
        .await
        .map_err(AppError::missing("client"))?;
    let st = db_store::session_types::get(cx.db.pool(), coach.id, session_type_id)
        .await
        .map_err(AppError::missing("session type"))?;
    let price = check_price("priceCents", new.price_cents)?;
    if let Some(code) = new.currency.as_deref() {
        let sent = Currency::parse("currency", code)?;
        if !sent.code().eq_ignore_ascii_case(&st.currency) {
            let (name, currency) = (&st.name, &st.currency);
            return Err(AppError::from(
                InvalidInput::new(
                    "currency",
                    format!(
                        "{name} is priced in {currency}; give the client's price in {currency}."
                    ),
                )
                .key("validate-client-price-currency")
                .arg("name", name)
                .arg("currency", currency),
            ));
        }
    }
    store::set_client_price(
        cx.db.pool(),
        coach.id,
        client_id,
        st.id,
        price,
        &st.currency,
        cx.stamp(),
    )
    .await?;
    store::client_prices(cx.db.pool(), coach.id, client_id)
        .await?
        .into_iter()
        .find(|p| p.session_type_id == st.id)
        .map(Into::into)
        .ok_or(AppError::NotFound("client price"))
}

/// Removes a client's own price: the tiers apply to them again.
pub async fn delete_client_price(
    cx: &Ctx,
    coach: &Coach,
    client_id: i64,
    session_type_id: i64,
) -> AppResult<()> {
    store::delete_client_price(cx.db.pool(), coach.id, client_id, session_type_id)
        .await
        .map_err(|e| match e {
            StoreError::NotFound => AppError::NotFound("client price"),
            e => e.into(),
        })
}

/// A session type's prices as clients see them (under the coach's show-prices setting).
#[derive(Debug, Clone)]
pub struct TypePrices {
    pub session_type_id: i64,
    pub prices: TieredPrice,
}

/// The prices of the coach's session types (tiers included), by type id.
pub async fn type_prices(cx: &Ctx, coach_id: i64) -> AppResult<Vec<TypePrices>> {
    let types = db_store::session_types::list(cx.db.pool(), coach_id, false).await?;
    let tiers = store::tiers_for_coach(cx.db.pool(), coach_id).await?;
    types
        .iter()
        .map(|st| {
            let rows: Vec<TierRow> = tiers
                .iter()
                .filter(|t| t.session_type_id == st.id)
                .cloned()
                .collect();
            Ok(TypePrices {
                session_type_id: st.id,
                prices: tiered(st, &rows)?,
            })
        })
        .collect()
}

/// "1–4 sessions €100.00 each · 5–9 €90.00 · 10+ €80.00" for a tiered type; `None` for one price.
pub fn tier_line(p: &TieredPrice, lang: &str) -> Option<String> {
    if !p.is_tiered() {
        return None;
    }
    let code = p.currency().code();
    let tr = tr_for(lang);
    let parts: Vec<String> = p
        .ranges()
        .iter()
        .enumerate()
        .map(|(i, (from, to, unit))| {
            let range = match to {
                Some(to) if to == from => format!("{from}"),
                Some(to) => format!("{from}–{to}"),
                None => format!("{from}+"),
            };
            let money = super::money::amount(*unit, code, lang);
            if i == 0 {
                let count: i64 = if *to == Some(1) { 1 } else { 2 };
                tr.args(
                    "price-tier-first",
                    &[
                        ("range", range.into()),
                        ("count", count.into()),
                        ("price", money.into()),
                    ],
                )
            } else {
                tr.t2("price-tier-next", "range", range, "price", money)
            }
        })
        .collect();
    Some(parts.join(" · "))
}

/// "Save €60.00 (15%)".
pub fn saving_line(s: &Saving, currency: Currency, lang: &str) -> String {
    tr_for(lang).t2(
        "price-save",
        "amount",
        super::money::amount(s.amount_minor, currency.code(), lang),
        "percent",
        i64::from(s.percent),
    )
}

/// What a bundle of `sessions` of a type at `price` saves, if anything.
pub fn saving_for(
    prices: &TieredPrice,
    sessions: i64,
    price_cents: i64,
    currency: &str,
) -> Option<Saving> {
    let currency = match Currency::parse("currency", currency) {
        Ok(c) => c,
        Err(e) => {
            // Prices are checked when they are written: this is stored data gone wrong.
            tracing::error!(currency, error = %e.message, "a package's stored currency is not ISO 4217");
            return None;
        }
    };
    bundle_saving(prices, u32::try_from(sessions).ok()?, price_cents, currency)
}

/// "Your next session: €90.00 (your price)" for the signed-in client.
pub fn next_line(p: &coachbook_core::pricing::SessionPrice, lang: &str) -> String {
    let money = super::money::amount(p.unit_minor, p.currency.code(), lang);
    let tr = tr_for(lang);
    match p.source {
        PriceSource::ClientSpecific => tr.t1("price-yours", "price", money),
        PriceSource::Tier(_) => tr.t2(
            "price-next",
            "number",
            i64::from(p.session_number),
            "price",
            money,
        ),
    }
}

/// The messages of the language `lang` names (English when it names none of ours).
fn tr_for(lang: &str) -> super::i18n::Tr {
    super::i18n::Tr(super::i18n::Locale::from_code(lang).unwrap_or_default())
}

/// What a connected client pays next for each of the coach's session types they may book (their
/// own price or their tier), as "(type name, line)", when the coach shows prices; for their
/// portal. Only ever their own.
pub async fn my_prices(
    conn: &mut sqlx::AnyConnection,
    coach_id: i64,
    client_id: i64,
) -> AppResult<Vec<(String, String)>> {
    let page = db_store::privacy::by_coach(&mut *conn, coach_id).await?;
    if !page.show_prices.0 {
        return Ok(Vec::new());
    }
    let types = db_store::session_types::list(&mut *conn, coach_id, false).await?;
    let mut out = Vec::new();
    for t in types
        .iter()
        .filter(|t| t.visibility != coachbook_core::privacy::TypeVisibility::Nobody)
    {
        let p = next_for_client(&mut *conn, coach_id, client_id, t, None).await?;
        out.push((t.name.clone(), next_line(&p, super::i18n::current().code())));
    }
    Ok(out)
}
