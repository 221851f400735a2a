//! Enums that travel as snake_case text (database columns, JSON, forms): one macro gives each the
//! same `as_str` / `parse` pair, so a stored value that is not one of them is an error that
//! names what was expected, never a default.

use std::fmt;

/// A text that is not one of an enum's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ParseError {
    pub what: &'static str,
    pub value: String,
    pub expected: &'static [&'static str],
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} {:?}; expected one of {}",
            self.what,
            self.value,
            self.expected.join(", ")
        )
    }
}

/// A one-time code (the first-run setup code, `ABCD-EFGH`) as people copy or type it: in any case,
/// with spaces, without the dash or with another dash. Spaces and dashes are dropped and ASCII
/// letters upper-cased; anything else stays as typed, so it does not match.
pub fn code_key(raw: &str) -> String {
    raw.chars()
        .filter(|c| !(c.is_whitespace() || is_dash(*c)))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The dashes a code may be typed with: hyphen-minus, the Unicode hyphens and dashes, the minus
/// sign and the full-width and small hyphen-minus.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' | '_'
    )
}

/// Whether `typed` is the code `expected`, read as [`code_key`] reads them, in time that does not
/// depend on where they differ (only on their lengths).
pub fn code_matches(typed: &str, expected: &str) -> bool {
    let (a, b) = (code_key(typed), code_key(expected));
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Defines a fieldless enum with a fixed text for each variant: `ALL`, `as_str`, `parse`,
/// `Display`, `FromStr`, `TryFrom<String>` (what the store decodes columns with) and serde as the
/// same text.
#[macro_export]
macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($what:literal) {
            $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            pub fn parse(raw: &str) -> Result<Self, $crate::codes::ParseError> {
                match raw {
                    $($text => Ok($name::$variant),)+
                    _ => Err($crate::codes::ParseError {
                        what: $what,
                        value: raw.chars().take(40).collect(),
                        expected: &[$($text,)+],
                    }),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        // Templates and tests compare with the text: `status == "confirmed"`.
        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::codes::ParseError;

            fn from_str(raw: &str) -> Result<Self, Self::Err> {
                Self::parse(raw)
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::codes::ParseError;

            fn try_from(raw: String) -> Result<Self, Self::Error> {
                Self::parse(&raw)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = <::std::borrow::Cow<'de, str>>::deserialize(d)?;
                Self::parse(&raw).map_err(::serde::de::Error::custom)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::text_enum! {
        enum Colour ("colour") {
            Red = "red",
            DarkBlue = "dark_blue",
        }
    }

    #[test]
    fn every_value_round_trips_through_its_text() {
        for c in Colour::ALL {
            assert_eq!(Colour::parse(c.as_str()), Ok(*c));
            assert_eq!(Colour::try_from(c.to_string()), Ok(*c));
        }
    }

    #[test]
    fn an_unknown_text_is_an_error_naming_the_expected_values() {
        let err = Colour::parse("Dark Blue").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown colour \"Dark Blue\"; expected one of red, dark_blue"
        );
    }

    #[test]
    fn a_code_is_read_as_people_type_it() {
        for typed in [
            "ABCD-EFGH",
            "abcd-efgh",
            "abcd efgh",
            "abcdefgh",
            " ABCD-EFGH ",
            "ABCD\u{2013}EFGH",
            "ABCD\u{2014}EFGH",
            "ABCD\u{2212}EFGH",
            "AB CD - EF GH",
            "\tabcd\u{a0}efgh\n",
        ] {
            assert!(super::code_matches(typed, "ABCD-EFGH"), "{typed:?}");
        }
        for typed in [
            "",
            "ABCD-EFG",
            "ABCD-EFGHI",
            "ABCD.EFGH",
            "ABCD-EFGX",
            "\u{410}BCD-EFGH",
            "ＡＢＣＤ-ＥＦＧＨ",
        ] {
            assert!(!super::code_matches(typed, "ABCD-EFGH"), "{typed:?}");
        }
    }

    #[test]
    fn serde_uses_the_same_text() {
        assert_eq!(
            serde_json::to_string(&Colour::DarkBlue).unwrap(),
            "\"dark_blue\""
        );
        assert!(serde_json::from_str::<Colour>("\"green\"").is_err());
    }
}
