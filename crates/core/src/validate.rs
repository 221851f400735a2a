//! Validated input newtypes ("parse, don't validate"): once a value has one of these types it is
//! known to be well-formed, and each error message says what to fix.

use std::fmt;

use jiff::civil::{Date, Time};
use jiff::Timestamp;

use crate::time::{supported, supported_date, Zone};

/// Why a piece of input was refused; `field` names the form field / JSON property it belongs to.
///
/// `message` is the English sentence (what the API says, and the fallback). A message that pages
/// show in the reader's language also carries its catalogue id (`key`) and the values of its
/// variables (`args`, as text: this crate knows nothing of catalogues); the server looks it up.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct InvalidInput {
    pub field: &'static str,
    pub message: String,
    /// The message's id in the catalogues (`validate-…`), if it has one.
    pub key: Option<&'static str>,
    /// The values of the message's variables, by name.
    pub args: Vec<(&'static str, String)>,
}

impl InvalidInput {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
            key: None,
            args: Vec::new(),
        }
    }

    /// The catalogue id of this message, whose English text is `message`.
    #[must_use]
    pub fn key(mut self, key: &'static str) -> Self {
        self.key = Some(key);
        self
    }

    /// A variable of the keyed message.
    #[must_use]
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    /// Says something else: the new English `message`, without the catalogue id of the old one.
    pub fn reword(&mut self, message: impl Into<String>) {
        self.message = message.into();
        self.key = None;
        self.args.clear();
    }
}

/// The most characters a coded value (a time, a date, a zone name) may have as sent, spaces
/// included; the API description states the same limit.
pub const CODE_MAX_CHARS: usize = 64;

/// Refuses input longer than `max` characters *as sent* (before trimming), so that a limit the
/// API description states is the limit the server applies.
pub fn at_most(field: &'static str, raw: &str, max: usize) -> Result<(), InvalidInput> {
    if raw.chars().count() > max {
        Err(
            InvalidInput::new(field, format!("Use at most {max} characters."))
                .key("validate-at-most")
                .arg("max", max),
        )
    } else {
        Ok(())
    }
}

/// A coded value as sent (a time, a date): at most [`CODE_MAX_CHARS`] characters and no control
/// characters, whether or not the rest of the request uses it.
pub fn code(field: &'static str, raw: &str) -> Result<(), InvalidInput> {
    at_most(field, raw, CODE_MAX_CHARS)?;
    if raw.chars().any(char::is_control) {
        return Err(
            InvalidInput::new(field, "Remove the control characters from this value.")
                .key("validate-value-control"),
        );
    }
    Ok(())
}

/// A person's display name: trimmed, 1..=100 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, InvalidInput> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(InvalidInput::new(field, "Enter a name.").key("validate-name-empty"));
        }
        if raw.chars().count() > 100 {
            return Err(
                InvalidInput::new(field, "Use at most 100 characters for the name.")
                    .key("validate-name-too-long"),
            );
        }
        if name.chars().any(char::is_control) {
            return Err(
                InvalidInput::new(field, "The name must not contain control characters.")
                    .key("validate-name-control"),
            );
        }
        Ok(Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An email address, lower-cased. Deliberately simple: one `@`, a non-empty local part, a domain
/// with a dot and no spaces. Deliverability is proven by sending, not by a regex.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, InvalidInput> {
        let email = raw.trim().to_lowercase();
        let bad = || {
            InvalidInput::new(field, "Enter an email address like name@example.com.")
                .key("validate-email-malformed")
        };
        if email.is_empty() {
            return Err(
                InvalidInput::new(field, "Enter an email address.").key("validate-email-empty")
            );
        }
        if email.len() > 254 || raw.chars().count() > 254 {
            return Err(InvalidInput::new(
                field,
                "Use an email address of at most 254 characters.",
            )
            .key("validate-email-too-long"));
        }
        let (local, domain) = email.split_once('@').ok_or_else(bad)?;
        let valid_domain = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        if local.is_empty()
            || domain.contains('@')
            || !valid_domain
            || email
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
        {
            return Err(bad());
        }
        Ok(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A password as typed. Length is the only rule (NIST SP 800-63B): 10..=256 characters.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, InvalidInput> {
        let n = raw.chars().count();
        if n < 10 {
            return Err(
                InvalidInput::new(field, "Use a password of at least 10 characters.")
                    .key("validate-password-too-short"),
            );
        }
        if n > 256 {
            return Err(
                InvalidInput::new(field, "Use a password of at most 256 characters.")
                    .key("validate-password-too-long"),
            );
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

/// A coach's URL slug for `/c/{slug}`: 3..=40 of `a-z`, `0-9` and inner single hyphens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slug(String);

/// Slugs that would shadow a route or mislead a visitor.
const RESERVED_SLUGS: &[&str] = &[
    "admin", "api", "apply", "assets", "login", "logout", "new", "setup", "signup",
];

impl Slug {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, InvalidInput> {
        let slug = raw.trim().to_lowercase();
        let len = slug.chars().count();
        if !(3..=40).contains(&len) || raw.chars().count() > 40 {
            return Err(
                InvalidInput::new(field, "Use 3 to 40 characters for the page address.")
                    .key("validate-slug-length"),
            );
        }
        let allowed = slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !allowed || slug.starts_with('-') || slug.ends_with('-') || slug.contains("--") {
            return Err(InvalidInput::new(
                field,
                "Use only letters a-z, digits and single hyphens (not at the start or end).",
            )
            .key("validate-slug-characters"));
        }
        if RESERVED_SLUGS.contains(&slug.as_str()) {
            return Err(InvalidInput::new(
                field,
                format!("\"{slug}\" is reserved; choose another address."),
            )
            .key("validate-slug-reserved")
            .arg("slug", &slug));
        }
        Ok(Self(slug))
    }

    /// Derives a valid slug from a name ("Dr. Ana María Ruiz" -> "dr-ana-mar-a-ruiz"), padding
    /// short results so that the outcome always parses.
    pub fn suggest(name: &str) -> Self {
        let mut out = String::new();
        for c in name.to_lowercase().chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c);
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        let mut out: String = out.trim_end_matches('-').chars().take(34).collect();
        out = out.trim_end_matches('-').to_owned();
        if out.len() < 3 || RESERVED_SLUGS.contains(&out.as_str()) {
            out = if out.is_empty() {
                "coach".to_owned()
            } else {
                format!("{out}-coach")
            };
        }
        Self(out)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An IANA time zone name that the bundled time zone database knows.
pub fn zone(field: &'static str, raw: &str) -> Result<Zone, InvalidInput> {
    at_most(field, raw, CODE_MAX_CHARS)?;
    let name = raw.trim();
    if name.is_empty() {
        return Err(InvalidInput::new(field, "Choose a time zone.").key("validate-zone-empty"));
    }
    Zone::get(name).map_err(|_| {
        let shown = truncate(name, 60);
        InvalidInput::new(
            field,
            format!("\"{shown}\" is not a known time zone; use an IANA name like Europe/London."),
        )
        .key("validate-zone-unknown")
        .arg("zone", shown)
    })
}

const RANGE_HINT: &str = "Use a date between 2000 and 2199.";

fn out_of_range(field: &'static str) -> InvalidInput {
    InvalidInput::new(field, RANGE_HINT).key("validate-date-range")
}

fn date_format(field: &'static str) -> InvalidInput {
    InvalidInput::new(field, "Give the date as YYYY-MM-DD, e.g. 2026-12-01.")
        .key("validate-date-format")
}

/// An instant given as RFC 3339 with an offset (`2026-12-01T10:00:00+01:00`), in the accepted
/// range (see [`crate::time::supported`]).
pub fn instant(field: &'static str, raw: &str) -> Result<Timestamp, InvalidInput> {
    at_most(field, raw, CODE_MAX_CHARS)?;
    let ts = raw.trim().parse::<Timestamp>().map_err(|_| {
        InvalidInput::new(
            field,
            "Give the time as RFC 3339 with an offset, e.g. 2026-12-01T10:00:00+01:00.",
        )
        .key("validate-instant-format")
    })?;
    supported(ts).map_err(|_| out_of_range(field))
}

/// A calendar date as `YYYY-MM-DD`, in the accepted range.
pub fn date(field: &'static str, raw: &str) -> Result<Date, InvalidInput> {
    at_most(field, raw, CODE_MAX_CHARS)?;
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(InvalidInput::new(field, "Choose a date.").key("validate-date-empty"));
    }
    // jiff reads a date out of a longer datetime; a date field takes only the date.
    if raw.len() != 10 {
        return Err(date_format(field));
    }
    let d = raw.parse::<Date>().map_err(|_| date_format(field))?;
    supported_date(d).map_err(|_| out_of_range(field))
}

/// A wall-clock time of day as `HH:MM` (seconds, if given, must be `00`).
pub fn time_of_day(field: &'static str, raw: &str) -> Result<Time, InvalidInput> {
    at_most(field, raw, CODE_MAX_CHARS)?;
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(InvalidInput::new(field, "Choose a time.").key("validate-time-empty"));
    }
    match raw.parse::<Time>() {
        Ok(t) if raw.len() <= 8 && t.subsec_nanosecond() == 0 && t.second() == 0 => Ok(t),
        _ => Err(
            InvalidInput::new(field, "Give the time as HH:MM, e.g. 09:30.")
                .key("validate-time-format"),
        ),
    }
}

/// Cuts user input for echoing in an error message.
fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(max).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_lowercased_and_checked() {
        assert_eq!(
            Email::parse("email", " Ana@Example.COM ").unwrap().as_str(),
            "ana@example.com"
        );
        for bad in [
            "",
            "ana",
            "ana@",
            "@x.com",
            "ana@x",
            "a b@x.com",
            "a@b@c.com",
            "a@x..com",
            "a@.x.com",
        ] {
            assert!(
                Email::parse("email", bad).is_err(),
                "{bad:?} should be refused"
            );
        }
    }

    #[test]
    fn slugs_refuse_reserved_and_malformed_addresses() {
        assert_eq!(
            Slug::parse("slug", "Ana-Ruiz").unwrap().as_str(),
            "ana-ruiz"
        );
        for bad in ["ab", "-ana", "ana-", "an--a", "api", "ana ruiz", "ánä"] {
            assert!(
                Slug::parse("slug", bad).is_err(),
                "{bad:?} should be refused"
            );
        }
    }

    #[test]
    fn suggested_slugs_always_parse() {
        for name in [
            "Dr. Ana María Ruiz",
            "",
            "A",
            "API",
            "---",
            "李小龙",
            &"x".repeat(200),
        ] {
            let s = Slug::suggest(name);
            assert!(Slug::parse("slug", s.as_str()).is_ok(), "{name:?} -> {s:?}");
        }
    }

    #[test]
    fn time_zones_must_be_known_iana_names() {
        assert_eq!(zone("tz", "Europe/London").unwrap().name(), "Europe/London");
        assert!(zone("tz", "Mars/Olympus").is_err());
        assert!(zone("tz", "").is_err());
    }

    #[test]
    fn instants_need_an_offset_and_a_sane_year() {
        assert!(instant("start", "2026-12-01T10:00:00+01:00").is_ok());
        assert!(instant("start", "2026-12-01T10:00:00").is_err());
        let far = instant("start", "9999-12-30T21:30:00Z").unwrap_err();
        assert!(far.message.contains("2000 and 2199"), "{far}");
    }

    #[test]
    fn dates_are_only_dates() {
        assert!(date("from", "2027-01-12").is_ok());
        assert!(date("from", "2027-01-12T10:00:00").is_err());
        assert!(date("from", "2200-01-01").is_err());
        assert!(time_of_day("startTime", "09:30").is_ok());
        assert!(time_of_day("startTime", "9:30:15").is_err());
        assert!(time_of_day("startTime", "25:00").is_err());
    }

    #[test]
    fn passwords_need_ten_characters() {
        assert!(Password::parse("password", "short").is_err());
        assert!(Password::parse("password", "long enough!").is_ok());
        assert_eq!(
            format!("{:?}", Password::parse("p", "long enough!").unwrap()),
            "Password(***)"
        );
    }
}
