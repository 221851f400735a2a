//! The languages people read Coachbook in, and how a browser's `Accept-Language` picks one.

use thiserror::Error;

/// A language the UI is written in. English is the fallback wherever nothing was chosen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    #[default]
    En,
    De,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::De];

    /// The code stored and sent: `en`, `de`.
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::De => "de",
        }
    }

    /// The language's own name, as a chooser lists it ("Deutsch").
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::De => "Deutsch",
        }
    }

    /// A stored or submitted code, exactly as [`Locale::code`] writes it.
    pub fn from_code(code: &str) -> Option<Locale> {
        Locale::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The best of our locales for an `Accept-Language` header (RFC 9110 §12.5.4): the one with
    /// the highest weight whose primary language matches; `None` when none does.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut best: Option<(u16, Locale)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or_default().trim();
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q=").map(quality))
                .unwrap_or(Some(1000));
            let Some(weight) = weight.filter(|w| *w > 0) else {
                continue;
            };
            let primary = tag.split(['-', '_']).next().unwrap_or_default();
            let Some(locale) = Locale::ALL
                .into_iter()
                .find(|l| l.code().eq_ignore_ascii_case(primary))
            else {
                continue;
            };
            // Earlier items win ties, as browsers list them in preference order.
            if best.is_none_or(|(w, _)| weight > w) {
                best = Some((weight, locale));
            }
        }
        best.map(|(_, l)| l)
    }
}

/// A `q=` value in thousandths; `None` when it is not a number from 0 to 1.
fn quality(raw: &str) -> Option<u16> {
    let q: f32 = raw.trim().parse().ok()?;
    (0.0..=1.0)
        .contains(&q)
        .then(|| (q * 1000.0).round() as u16)
}

impl std::fmt::Display for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A stored or submitted language code that is not one of ours.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[error("`{0}` is not a language Coachbook speaks (en, de)")]
pub struct UnknownLocale(pub String);

impl TryFrom<String> for Locale {
    type Error = UnknownLocale;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        Locale::from_code(&code).ok_or(UnknownLocale(code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_heaviest_language_we_speak() {
        assert_eq!(
            Locale::from_accept_language("de-DE,de;q=0.9,en;q=0.8"),
            Some(Locale::De)
        );
        assert_eq!(
            Locale::from_accept_language("fr-FR, en;q=0.5, de;q=0.7"),
            Some(Locale::De)
        );
        assert_eq!(Locale::from_accept_language("fr, es;q=0.5"), None);
        assert_eq!(Locale::from_accept_language("de;q=0, en"), Some(Locale::En));
        assert_eq!(Locale::from_accept_language("en-GB,de"), Some(Locale::En));
        assert_eq!(Locale::from_accept_language("*"), None);
        assert_eq!(Locale::from_accept_language(""), None);
        assert_eq!(Locale::from_accept_language("de;q=oops"), None);
    }

    #[test]
    fn a_stored_code_reads_back_or_is_an_error() {
        assert_eq!(Locale::try_from("de".to_owned()), Ok(Locale::De));
        assert!(Locale::try_from("DE".to_owned()).is_err());
    }
}
