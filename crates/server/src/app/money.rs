//! Money as a reader sees it: an amount in minor units and its currency written for a language
//! ("€1,234.50" in English, "1.234,50 €" in German, "¥1,234"), or "Free" for zero.
//!
//! Digits, grouping and the decimal separator come from the CLDR data compiled into ICU4X's
//! `icu_decimal`; the currency's decimals from ISO 4217 (through the core's `Currency`). Where
//! the sign goes is CLDR's currency pattern, which ICU4X does not yet offer in a stable crate, so
//! the few patterns the UI needs are kept in [`sign_after`] below.

use coachbook_core::pricing::{split_minor, Currency};
use icu_decimal::input::Decimal;
use icu_decimal::{DecimalFormatter, DecimalFormatterPreferences};
use icu_locale_core::Locale;

/// `minor` units of `currency` written for `lang` (a BCP-47 tag such as "en", "de-AT"); "Free"
/// for zero. A currency code that is not ISO 4217 is written as a code with two decimals and
/// logged: such a value should never have been stored.
pub fn format(minor: i64, currency: &str, lang: &str) -> String {
    if minor == 0 {
        let locale = super::i18n::Locale::from_code(lang).unwrap_or_default();
        return super::i18n::Tr(locale).t("price-free");
    }
    amount(minor, currency, lang)
}

/// [`format`] in the language of the task at hand (the request's or the email's).
pub fn show(minor: i64, currency: &str) -> String {
    format(minor, currency, super::i18n::current().code())
}

/// [`amount`] in the language of the task at hand.
pub fn show_amount(minor: i64, currency: &str) -> String {
    amount(minor, currency, super::i18n::current().code())
}

/// Like [`format`] but writes zero as an amount ("€0.00"), for balances and totals.
pub fn amount(minor: i64, currency: &str, lang: &str) -> String {
    let locale = Locale::try_from_str(lang).unwrap_or(Locale::UNKNOWN);
    let (symbol, exponent) = match Currency::parse("currency", currency) {
        Ok(c) => (c.symbol(), c.exponent()),
        Err(_) => {
            tracing::warn!(currency, "money shown in a currency that is not ISO 4217");
            (currency.to_owned(), 2)
        }
    };
    let (negative, _, _, _) = split_minor(minor, exponent);
    let number = digits(minor.unsigned_abs(), exponent, &locale);
    let sign = if negative { "-" } else { "" };
    if sign_after(&locale) {
        format!("{sign}{number}\u{a0}{symbol}")
    } else if symbol.chars().all(|c| c.is_ascii_uppercase()) {
        // A code rather than a sign reads better apart from the number: "CHF 80.00".
        format!("{sign}{symbol}\u{a0}{number}")
    } else {
        format!("{sign}{symbol}{number}")
    }
}

/// The number part: grouped, with exactly the currency's decimals, in the locale's digits.
fn digits(abs_minor: u64, exponent: u8, locale: &Locale) -> String {
    let mut decimal = Decimal::from(abs_minor);
    decimal.multiply_pow10(-i16::from(exponent));
    decimal.pad_end(-i16::from(exponent));
    let prefs = DecimalFormatterPreferences::from(locale);
    match DecimalFormatter::try_new(prefs, Default::default())
        .or_else(|_| DecimalFormatter::try_new(Default::default(), Default::default()))
    {
        Ok(f) => f.format(&decimal).to_string(),
        // The compiled data holds the root locale, so this cannot happen; still no panic.
        Err(_) => decimal.to_string(),
    }
}

/// Whether the language writes the currency sign after the amount (CLDR "#,##0.00 ¤").
fn sign_after(locale: &Locale) -> bool {
    matches!(
        locale.id.language.as_str(),
        "de" | "fr" | "es" | "it" | "pt" | "pl" | "cs" | "sk" | "sv" | "fi" | "da" | "nb" | "no"
    ) && !(locale.id.language.as_str() == "de"
        && locale.id.region.is_some_and(|r| r.as_str() == "CH"))
}

#[cfg(test)]
mod tests {
    use super::{amount, format};

    #[test]
    fn money_is_written_for_the_language() {
        assert_eq!(format(123_450, "EUR", "en"), "€1,234.50");
        assert_eq!(format(123_450, "EUR", "de"), "1.234,50\u{a0}€");
        assert_eq!(format(1_234, "JPY", "en"), "¥1,234");
        assert_eq!(format(8_000, "usd", "en"), "$80.00");
        assert!(format(1_234_567, "BHD", "en").ends_with("1,234.567"));
        assert_eq!(format(-6_000, "EUR", "en"), "-€60.00");
        assert_eq!(format(0, "EUR", "de"), "Kostenlos");
        assert_eq!(format(0, "EUR", "en"), "Free");
        assert_eq!(amount(0, "EUR", "en"), "€0.00");
        assert!(format(i64::MIN, "EUR", "en").starts_with("-€"));
    }

    #[test]
    fn an_unknown_language_or_currency_still_reads() {
        assert_eq!(format(8_000, "EUR", "not a tag!"), "€80.00");
        assert_eq!(format(8_000, "ZZZ", "en"), "ZZZ\u{a0}80.00");
    }
}
