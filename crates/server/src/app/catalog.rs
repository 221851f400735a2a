//! What the coach's catalogue shares: session types and packages both have a name, a price in a
//! currency, numbers that must lie in a range, free text, and are archived rather than deleted.

use coachbook_core::validate::InvalidInput;

use super::{AppError, AppResult, Checker, Ctx};
use crate::store::{self, Archivable};

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
        Err(
            InvalidInput::new(field, format!("Use a {what} from {min} to {max}."))
                .key("validate-in-range")
                .arg("what", what)
                .arg("kind", kind(what))
                .arg("min", min)
                .arg("max", max),
        )
    }
}

/// What a number is, as a catalogue can select on ("length in minutes" is `length-in-minutes`),
/// so that each language words the whole sentence for it.
pub(crate) fn kind(what: &str) -> String {
    what.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Free text of at most `max` characters (line breaks allowed, other control characters not).
pub(crate) fn text(field: &'static str, raw: &str, max: usize) -> Result<String, InvalidInput> {
    let t = raw.trim();
    if raw.chars().count() > max {
        return Err(
            InvalidInput::new(field, format!("Use at most {max} characters."))
                .key("validate-at-most")
                .arg("max", max),
        );
    }
    if t.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(
            InvalidInput::new(field, "Remove the control characters from this text.")
                .key("validate-remove-control-characters-from"),
        );
    }
    Ok(t.replace("\r\n", "\n"))
}

/// What a list is searched for: trimmed, lower-case, at most 200 characters of one line; `None`
/// when empty.
pub(crate) fn search(
    field: &'static str,
    raw: Option<&str>,
) -> Result<Option<String>, InvalidInput> {
    if raw.is_some_and(|q| q.chars().count() > 200) {
        return Err(
            InvalidInput::new(field, "Search for at most 200 characters.")
                .key("validate-search-most-200-characters"),
        );
    }
    let Some(q) = raw.map(str::trim).filter(|q| !q.is_empty()) else {
        return Ok(None);
    };
    if q.chars().count() > 200 {
        return Err(
            InvalidInput::new(field, "Search for at most 200 characters.")
                .key("validate-search-most-200-characters"),
        );
    }
    if q.chars().any(char::is_control) {
        return Err(
            InvalidInput::new(field, "Remove the control characters from the search.")
                .key("validate-remove-control-characters-from-2"),
        );
    }
    Ok(Some(q.to_lowercase()))
}

/// A catalogue name: one line of 1 to 80 ordinary characters; `empty` says what to name when
/// there is none ("Give the package a name, e.g. …").
pub(crate) fn name(c: &mut Checker, raw: &str, empty: InvalidInput) -> String {
    let name = raw.trim();
    if name.is_empty() {
        c.push(empty);
    } else if raw.chars().count() > 80 || name.chars().any(char::is_control) {
        c.push(
            InvalidInput::new("name", "Use at most 80 ordinary characters for the name.")
                .key("validate-use-most-80-ordinary"),
        );
    }
    name.to_owned()
}

/// A price: at most a million in the currency's minor unit, and an ISO 4217 code.
pub(crate) fn price(c: &mut Checker, cents: i64, currency: &str) -> String {
    c.check(in_range(
        "priceCents",
        cents,
        0,
        100_000_000,
        "price in cents",
    ));
    // As sent: the API states exactly three letters.
    let currency = currency.to_uppercase();
    if currency.len() != 3 || !currency.chars().all(|ch| ch.is_ascii_uppercase()) {
        c.push(
            InvalidInput::new(
                "currency",
                "Use a three-letter currency code such as EUR, USD or GBP.",
            )
            .key("validate-use-three-letter-currency"),
        );
    }
    currency
}

/// The errors of a form whose typed fields (`typed`: numbers that did not read) failed before the
/// use case's own check (`checked`, run on the form with placeholders for those fields): all of
/// them at once, the typed field's error winning for its own field. Anything but field errors
/// from the check stops here.
pub fn with_typed_errors(typed: Vec<InvalidInput>, checked: AppResult<()>) -> AppError {
    let mut errors = typed;
    match checked {
        Ok(()) => {}
        Err(AppError::Invalid(more)) => {
            for e in more {
                if !errors.iter().any(|t| t.field == e.field) {
                    errors.push(e);
                }
            }
        }
        Err(other) => return other,
    }
    AppError::Invalid(errors)
}

/// Archives (or restores) one of the coach's session types or packages; `what` names it when it
/// is not theirs.
pub(crate) async fn set_archived(
    cx: &Ctx,
    table: Archivable,
    coach_id: i64,
    id: i64,
    archived: bool,
    what: &'static str,
) -> AppResult<()> {
    store::set_archived(cx.db.pool(), table, coach_id, id, archived, cx.stamp())
        .await
        .map_err(AppError::missing(what))
}
