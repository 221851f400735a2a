//! Prices: money as integer minor units of an ISO 4217 currency, tiered prices per session type,
//! a client's own price, what the next sessions cost and what a bundle saves. No floating point.
//!
//! # What a tiered price means
//!
//! A session type's price is a list of tiers, each `{from, unit}`: `from` is the first session
//! number the tier applies to, counted per client and per session type over that client's
//! bookings of the type that were not cancelled. The price of a client's n-th session (n ≥ 1) is
//! the unit price of the last tier whose `from` is at most n. The first tier starts at 1, so
//! every session has a price; a session type without tiers has one implicit tier, its list
//! price, from 1.
//!
//! A **client-specific price** (the coach's arrangement with one client) replaces the tiers for
//! that client: every one of their sessions costs it.
//!
//! A **bundle** (a package of N sessions for a price) saves the difference between its price and
//! what the same N sessions cost one at a time at the session type's tiered prices, counted from a
//! client's first session (sessions 1..=N). It shows only when the bundle is cheaper.

use std::fmt;

use crate::validate::InvalidInput;

/// The largest price in minor units a coach may set (a million in a two-decimal currency).
pub const MAX_MINOR: i64 = 100_000_000;
/// The most tiers a session type may have.
pub const MAX_TIERS: usize = 10;
/// The largest session number a tier may start at.
pub const MAX_TIER_FROM: u32 = 10_000;

/// An ISO 4217 currency with the number of its minor-unit digits (JPY 0, EUR 2, BHD 3).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency {
    iso: iso_currency::Currency,
    exponent: u8,
}

impl Currency {
    /// Reads a three-letter ISO 4217 code in any case; `field` names the input for the error.
    /// A code without minor units defined by ISO (a fund or a metal such as XAU) is refused: a
    /// price needs to know how many decimals it has.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, InvalidInput> {
        let code = raw.trim().to_ascii_uppercase();
        let refuse = || {
            InvalidInput::new(
                field,
                "Use a three-letter ISO 4217 currency code such as EUR, USD or GBP.",
            )
            .key("validate-currency")
        };
        if code.len() != 3 {
            return Err(refuse());
        }
        let iso = iso_currency::Currency::from_code(&code).ok_or_else(refuse)?;
        let exponent = iso
            .exponent()
            .and_then(|e| u8::try_from(e).ok())
            .filter(|e| *e <= 4)
            .ok_or_else(refuse)?;
        Ok(Self { iso, exponent })
    }

    /// The three-letter code, upper case.
    pub fn code(self) -> &'static str {
        self.iso.code()
    }

    /// How many digits the minor unit has: 2 for EUR (cents), 0 for JPY, 3 for BHD.
    pub fn exponent(self) -> u8 {
        self.exponent
    }

    /// The usual sign ("€", "$", "¥"), or the code where the currency has none of its own.
    pub fn symbol(self) -> String {
        let symbol = self.iso.symbol().symbol;
        if symbol.is_empty() || symbol == "¤" {
            self.code().to_owned()
        } else {
            symbol
        }
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An amount in a currency's minor unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    pub fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }
}

/// The whole and fractional digits of an amount, for a formatter: `-1234.5 EUR` is
/// `(true, 1234, 50, 2)`. Pure integer arithmetic.
pub fn split_minor(minor: i64, exponent: u8) -> (bool, u64, u64, u8) {
    let scale = 10u64.pow(u32::from(exponent));
    let abs = minor.unsigned_abs();
    (minor < 0, abs / scale, abs % scale, exponent)
}

/// A price that is refused: outside `0..=MAX_MINOR`.
pub fn check_price(field: &'static str, minor: i64) -> Result<i64, InvalidInput> {
    if (0..=MAX_MINOR).contains(&minor) {
        Ok(minor)
    } else {
        Err(InvalidInput::new(
            field,
            format!("Use a price from 0 to {MAX_MINOR} in the currency's minor unit (cents)."),
        )
        .key("validate-price-range")
        .arg("max", MAX_MINOR))
    }
}

/// One tier as sent: the first session number it applies to and the price of each session in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tier {
    pub from: u32,
    pub unit_minor: i64,
}

/// A tier as typed or sent, before it is checked; `currency` is optional (the session type's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierInput {
    pub from: i64,
    pub unit_minor: i64,
    pub currency: Option<String>,
}

/// The field names of each tier's parts, by position, as the API and the form use them.
pub const TIER_FROM_FIELDS: [&str; MAX_TIERS] = [
    "priceTiers[0].from",
    "priceTiers[1].from",
    "priceTiers[2].from",
    "priceTiers[3].from",
    "priceTiers[4].from",
    "priceTiers[5].from",
    "priceTiers[6].from",
    "priceTiers[7].from",
    "priceTiers[8].from",
    "priceTiers[9].from",
];
pub const TIER_PRICE_FIELDS: [&str; MAX_TIERS] = [
    "priceTiers[0].priceCents",
    "priceTiers[1].priceCents",
    "priceTiers[2].priceCents",
    "priceTiers[3].priceCents",
    "priceTiers[4].priceCents",
    "priceTiers[5].priceCents",
    "priceTiers[6].priceCents",
    "priceTiers[7].priceCents",
    "priceTiers[8].priceCents",
    "priceTiers[9].priceCents",
];
pub const TIER_CURRENCY_FIELDS: [&str; MAX_TIERS] = [
    "priceTiers[0].currency",
    "priceTiers[1].currency",
    "priceTiers[2].currency",
    "priceTiers[3].currency",
    "priceTiers[4].currency",
    "priceTiers[5].currency",
    "priceTiers[6].currency",
    "priceTiers[7].currency",
    "priceTiers[8].currency",
    "priceTiers[9].currency",
];

/// A session type's validated prices: one currency, tiers ordered by a strictly increasing `from`,
/// the first from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TieredPrice {
    currency: Currency,
    tiers: Vec<Tier>,
}

impl TieredPrice {
    /// One price for every session: a session type without tiers.
    pub fn flat(unit_minor: i64, currency: Currency) -> Self {
        Self {
            currency,
            tiers: vec![Tier {
                from: 1,
                unit_minor: unit_minor.clamp(0, MAX_MINOR),
            }],
        }
    }

    /// Checks tiers as sent, every mistake at once, each naming its field: at most
    /// [`MAX_TIERS`]; the first from 1; `from` strictly increasing and at most
    /// [`MAX_TIER_FROM`]; prices in `0..=MAX_MINOR`; a tier's currency, when given, the
    /// session type's.
    pub fn new(currency: Currency, input: &[TierInput]) -> Result<Self, Vec<InvalidInput>> {
        if input.is_empty() {
            return Err(vec![InvalidInput::new(
                "priceTiers",
                "Give at least one tier, starting from session 1.",
            )
            .key("validate-tiers-none")]);
        }
        if input.len() > MAX_TIERS {
            return Err(vec![InvalidInput::new(
                "priceTiers",
                format!("Use at most {MAX_TIERS} tiers."),
            )
            .key("validate-tiers-too-many")
            .arg("max", MAX_TIERS)]);
        }
        let mut errors = Vec::new();
        let mut tiers = Vec::with_capacity(input.len());
        let mut previous: Option<i64> = None;
        for (i, t) in input.iter().enumerate() {
            let from_field = TIER_FROM_FIELDS[i];
            if i == 0 && t.from != 1 {
                errors.push(
                    InvalidInput::new(from_field, "Start the first tier at session 1.")
                        .key("validate-tier-first"),
                );
            } else if !(1..=i64::from(MAX_TIER_FROM)).contains(&t.from) {
                errors.push(
                    InvalidInput::new(
                        from_field,
                        format!("Use a session number from 1 to {MAX_TIER_FROM}."),
                    )
                    .key("validate-tier-from-range")
                    .arg("max", MAX_TIER_FROM),
                );
            } else if previous.is_some_and(|p| t.from <= p) {
                errors.push(
                    InvalidInput::new(
                        from_field,
                        "Start each tier at a later session than the tier before it.",
                    )
                    .key("validate-tier-order"),
                );
            }
            if let Err(e) = check_price(TIER_PRICE_FIELDS[i], t.unit_minor) {
                errors.push(e);
            }
            if let Some(code) = &t.currency {
                match Currency::parse(TIER_CURRENCY_FIELDS[i], code) {
                    Ok(c) if c == currency => {}
                    Ok(c) => errors.push(
                        InvalidInput::new(
                            TIER_CURRENCY_FIELDS[i],
                            format!(
                            "This tier is in {c} but the session type is priced in {currency}; \
                             use {currency}."
                        ),
                        )
                        .key("validate-tier-currency")
                        .arg("tier", c)
                        .arg("currency", currency),
                    ),
                    Err(e) => errors.push(e),
                }
            }
            previous = Some(t.from);
            tiers.push(Tier {
                from: u32::try_from(t.from).unwrap_or(0),
                unit_minor: t.unit_minor,
            });
        }
        if errors.is_empty() {
            Ok(Self { currency, tiers })
        } else {
            Err(errors)
        }
    }

    pub fn currency(&self) -> Currency {
        self.currency
    }

    pub fn tiers(&self) -> &[Tier] {
        &self.tiers
    }

    /// Whether there is more than one price (a session type with real tiers).
    pub fn is_tiered(&self) -> bool {
        self.tiers.len() > 1
    }

    /// The index of the tier holding a client's `n`-th session (`n` below 1 reads as 1).
    pub fn tier_index(&self, n: u32) -> usize {
        self.tiers
            .iter()
            .rposition(|t| t.from <= n.max(1))
            .unwrap_or(0)
    }

    /// The price of a client's `n`-th session of the type.
    pub fn unit_price(&self, n: u32) -> i64 {
        self.tiers[self.tier_index(n)].unit_minor
    }

    /// What `k` more sessions cost after `had` sessions: sessions `had+1 ..= had+k`, summed tier
    /// by tier (not session by session, so any `k` is quick). Never overflows: at most
    /// `MAX_MINOR × u32::MAX`, well inside `i64`.
    pub fn total(&self, had: u32, k: u32) -> i64 {
        let first = u64::from(had) + 1;
        let last = u64::from(had) + u64::from(k); // inclusive
        let mut sum: i128 = 0;
        for (i, t) in self.tiers.iter().enumerate() {
            let start = u64::from(t.from).max(first);
            let end = match self.tiers.get(i + 1) {
                Some(next) => (u64::from(next.from) - 1).min(last),
                None => last,
            };
            if end >= start {
                sum += i128::from(end - start + 1) * i128::from(t.unit_minor);
            }
        }
        i64::try_from(sum).unwrap_or(i64::MAX)
    }

    /// The tiers as ranges for display: `(from, Some(to))`, the last `(from, None)` ("10+").
    pub fn ranges(&self) -> Vec<(u32, Option<u32>, i64)> {
        self.tiers
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let to = self.tiers.get(i + 1).map(|next| next.from - 1);
                (t.from, to, t.unit_minor)
            })
            .collect()
    }
}

/// Where the price of a client's next session comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceSource {
    /// The coach's arrangement with this client.
    ClientSpecific,
    /// The tier (by index) holding the client's next session number.
    Tier(usize),
}

/// The price of one session for one client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPrice {
    pub unit_minor: i64,
    pub currency: Currency,
    /// Which session of the type this is for the client (1 for their first).
    pub session_number: u32,
    pub source: PriceSource,
}

/// The price of a client's next session of a type, after `had` sessions that were not cancelled:
/// their client-specific price when the coach set one, else the tier holding session `had + 1`.
pub fn next_session_price(
    prices: &TieredPrice,
    client_price: Option<i64>,
    had: u32,
) -> SessionPrice {
    let n = had.saturating_add(1);
    match client_price {
        Some(minor) => SessionPrice {
            unit_minor: minor,
            currency: prices.currency,
            session_number: n,
            source: PriceSource::ClientSpecific,
        },
        None => SessionPrice {
            unit_minor: prices.unit_price(n),
            currency: prices.currency,
            session_number: n,
            source: PriceSource::Tier(prices.tier_index(n)),
        },
    }
}

/// What `k` more sessions cost one client after `had`: `k ×` their client price, or the tiers.
pub fn total_for_client(prices: &TieredPrice, client_price: Option<i64>, had: u32, k: u32) -> i64 {
    match client_price {
        Some(minor) => i64::try_from(i128::from(minor) * i128::from(k)).unwrap_or(i64::MAX),
        None => prices.total(had, k),
    }
}

/// What a bundle saves against buying its sessions one at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Saving {
    /// The tiered total less the bundle's price, in minor units; always above 0.
    pub amount_minor: i64,
    /// The saving as a whole percent of the tiered total, rounded down (may be 0 for a tiny one).
    pub percent: u8,
    /// What the sessions would cost one at a time.
    pub single_total_minor: i64,
}

/// A bundle of `sessions` for `bundle_minor` in `bundle_currency` against the same sessions at
/// the session type's tiered prices from a client's first session. `None` when it is not
/// cheaper, when it holds no session, or when the currencies differ (no rate is assumed).
pub fn bundle_saving(
    prices: &TieredPrice,
    sessions: u32,
    bundle_minor: i64,
    bundle_currency: Currency,
) -> Option<Saving> {
    if sessions == 0 || bundle_currency != prices.currency || bundle_minor < 0 {
        return None;
    }
    let single = prices.total(0, sessions);
    if bundle_minor >= single {
        return None;
    }
    let amount = single - bundle_minor;
    let percent = (i128::from(amount) * 100 / i128::from(single)) as u8;
    Some(Saving {
        amount_minor: amount,
        percent,
        single_total_minor: single,
    })
}

crate::text_enum! {
    /// How a payment was made. Recorded by hand today; an online provider adds its own later.
    pub enum PaymentMethod ("payment method") {
        Cash = "cash",
        BankTransfer = "bank_transfer",
        CardInPerson = "card_in_person",
        Other = "other",
    }
}

impl PaymentMethod {
    /// The words for people.
    pub fn label(self) -> &'static str {
        match self {
            PaymentMethod::Cash => "Cash",
            PaymentMethod::BankTransfer => "Bank transfer",
            PaymentMethod::CardInPerson => "Card (in person)",
            PaymentMethod::Other => "Other",
        }
    }
}

crate::text_enum! {
    /// Where a payment stands. One the coach records is `recorded`; a provider's moves from
    /// `pending` to `succeeded` or `failed`, and may be `refunded`.
    pub enum PaymentStatus ("payment status") {
        Recorded = "recorded",
        Pending = "pending",
        Succeeded = "succeeded",
        Failed = "failed",
        Refunded = "refunded",
    }
}

impl PaymentStatus {
    /// Whether the money counts as received (against a balance, in revenue).
    pub fn is_received(self) -> bool {
        matches!(self, PaymentStatus::Recorded | PaymentStatus::Succeeded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur() -> Currency {
        Currency::parse("currency", "eur").unwrap()
    }

    fn tiers(list: &[(i64, i64)]) -> Result<TieredPrice, Vec<InvalidInput>> {
        let input: Vec<TierInput> = list
            .iter()
            .map(|&(from, unit_minor)| TierInput {
                from,
                unit_minor,
                currency: None,
            })
            .collect();
        TieredPrice::new(eur(), &input)
    }

    #[test]
    fn currencies_know_their_minor_units() {
        assert_eq!(eur().exponent(), 2);
        assert_eq!(Currency::parse("c", "JPY").unwrap().exponent(), 0);
        assert_eq!(Currency::parse("c", "bhd").unwrap().exponent(), 3);
        assert_eq!(eur().symbol(), "€");
        assert_eq!(Currency::parse("c", "EURO").unwrap_err().field, "c");
        assert!(Currency::parse("c", "ABC").is_err());
        assert!(
            Currency::parse("c", "XAU").is_err(),
            "a metal has no minor unit"
        );
    }

    #[test]
    fn the_nth_session_costs_the_tier_that_holds_it() {
        let p = tiers(&[(1, 10_000), (5, 9_000), (10, 8_000)]).unwrap();
        assert_eq!(p.unit_price(1), 10_000);
        assert_eq!(p.unit_price(4), 10_000);
        assert_eq!(p.unit_price(5), 9_000);
        assert_eq!(p.unit_price(9), 9_000);
        assert_eq!(p.unit_price(10), 8_000);
        assert_eq!(p.unit_price(500), 8_000);
        // 3 more after 3: sessions 4, 5, 6.
        assert_eq!(p.total(3, 3), 10_000 + 9_000 + 9_000);
        assert_eq!(p.total(0, 10), 4 * 10_000 + 5 * 9_000 + 8_000);
        assert_eq!(p.total(7, 0), 0);
    }

    #[test]
    fn a_client_price_replaces_the_tiers() {
        let p = tiers(&[(1, 10_000), (5, 9_000)]).unwrap();
        let next = next_session_price(&p, Some(7_000), 0);
        assert_eq!(next.unit_minor, 7_000);
        assert_eq!(next.source, PriceSource::ClientSpecific);
        let next = next_session_price(&p, None, 4);
        assert_eq!((next.unit_minor, next.session_number), (9_000, 5));
        assert_eq!(next.source, PriceSource::Tier(1));
        assert_eq!(total_for_client(&p, Some(7_000), 3, 2), 14_000);
    }

    #[test]
    fn a_bundle_saves_against_its_sessions_at_tiered_prices() {
        let p = tiers(&[(1, 10_000), (5, 9_000), (10, 8_000)]).unwrap();
        // 5 sessions one at a time: 4 × 100 + 90 = 490; the bundle at 430 saves 60 (12%).
        let s = bundle_saving(&p, 5, 43_000, eur()).unwrap();
        assert_eq!(
            (s.amount_minor, s.percent, s.single_total_minor),
            (6_000, 12, 49_000)
        );
        assert_eq!(bundle_saving(&p, 5, 49_000, eur()), None);
        assert_eq!(bundle_saving(&p, 5, 60_000, eur()), None);
        assert_eq!(bundle_saving(&p, 0, 0, eur()), None);
        let usd = Currency::parse("c", "USD").unwrap();
        assert_eq!(bundle_saving(&p, 5, 1, usd), None);
    }

    #[test]
    fn tiers_are_refused_by_field() {
        let e = tiers(&[(2, 100)]).unwrap_err();
        assert_eq!(e[0].field, "priceTiers[0].from");
        let e = tiers(&[(1, 100), (5, 90), (5, 80)]).unwrap_err();
        assert_eq!(e[0].field, "priceTiers[2].from");
        let e = tiers(&[(1, 100), (3, -1)]).unwrap_err();
        assert_eq!(e[0].field, "priceTiers[1].priceCents");
        let e = tiers(&[(1, MAX_MINOR + 1)]).unwrap_err();
        assert_eq!(e[0].field, "priceTiers[0].priceCents");
        let e = tiers(&[]).unwrap_err();
        assert_eq!(e[0].field, "priceTiers");
        let many: Vec<(i64, i64)> = (1..=11).map(|i| (i, 100)).collect();
        assert_eq!(tiers(&many).unwrap_err()[0].field, "priceTiers");
        let input = [
            TierInput {
                from: 1,
                unit_minor: 100,
                currency: Some("EUR".into()),
            },
            TierInput {
                from: 2,
                unit_minor: 90,
                currency: Some("USD".into()),
            },
        ];
        let e = TieredPrice::new(eur(), &input).unwrap_err();
        assert_eq!(e[0].field, "priceTiers[1].currency");
        assert!(tiers(&[(1, 0), (2, MAX_MINOR)]).is_ok());
    }

    #[test]
    fn amounts_split_by_the_currency_exponent() {
        assert_eq!(split_minor(123_450, 2), (false, 1234, 50, 2));
        assert_eq!(split_minor(1234, 0), (false, 1234, 0, 0));
        assert_eq!(split_minor(-1_234_567, 3), (true, 1234, 567, 3));
        assert!(split_minor(i64::MIN, 2).0);
    }
}
