//! The coach's meeting-link rule: how a new session without a link of its own gets one. `none`
//! leaves it without; `fixed` gives every session the coach's personal room; `pattern` makes a
//! room per session from an https URL with `{random}` in it (e.g.
//! `https://meet.jit.si/coachbook-{random}`), replaced by a random URL-safe id. The link goes
//! wherever the session's link goes: the coach's views, the participant's invitation email.

use coachbook_core::validate::InvalidInput;
use rand::Rng;
use serde::{Deserialize, Serialize};
use utoipa::openapi::Object;
use utoipa::ToSchema;

use super::accounts::Coach;
use super::{AppError, AppResult, Checker, Ctx};
use crate::store::sessions as store;
use crate::store::StoreError;

coachbook_core::text_enum! {
    /// How new sessions get a meeting link.
    pub enum MeetingLinkMode ("meeting link mode") {
        /// No link unless one is given.
        None = "none",
        /// The coach's personal room, the same for every session.
        Fixed = "fixed",
        /// A new room per session from a pattern with `{random}`.
        Pattern = "pattern",
    }
}

impl MeetingLinkMode {
    /// How people read the choice.
    pub fn label(self) -> &'static str {
        match self {
            Self::None => "No link unless I add one",
            Self::Fixed => "My personal room, the same link for every session",
            Self::Pattern => "A new room for every session, from a pattern",
        }
    }
}

/// What the pattern's placeholder is written as.
pub const PLACEHOLDER: &str = "{random}";

/// The rule as the coach sees and sends it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase", default)]
pub struct MeetingLinks {
    /// `none`, `fixed` or `pattern`.
    #[schema(schema_with = mode_schema)]
    pub mode: String,
    /// For `fixed`: your room's https link. For `pattern`: an https link with `{random}` in it,
    /// e.g. `https://meet.jit.si/coachbook-{random}`. Ignored (and may be empty) for `none`.
    #[schema(max_length = 2000)]
    pub url: String,
}

fn mode_schema() -> Object {
    let all: Vec<&'static str> = MeetingLinkMode::ALL.iter().map(|k| k.as_str()).collect();
    crate::app::schema::one_of(&all, "How new sessions get a meeting link.")
}

/// A link as every other meeting link is kept (https, normalised), its error beside `url`.
fn https(raw: &str) -> Result<String, InvalidInput> {
    super::bookings::meeting_url(raw).map_err(|_| {
        InvalidInput::new(
            "url",
            "Use a link starting with https://, e.g. https://meet.example.com/ana.",
        )
        .key("validate-use-link-starting-https")
    })
}

/// A pattern: an https URL with `{random}` in it (where the room name goes).
fn pattern(raw: &str) -> Result<String, InvalidInput> {
    let raw = raw.trim();
    if !raw.contains(PLACEHOLDER) {
        return Err(InvalidInput::new(
            "url",
            "Put {random} where each session's room name goes, e.g. https://meet.jit.si/coachbook-{random}.",
        )
        .key("validate-meeting-pattern-placeholder"));
    }
    https(&raw.replace(PLACEHOLDER, "abc123"))?;
    Ok(raw.to_owned())
}

/// Checks a rule: the mode, and the link it needs.
fn validate(input: &MeetingLinks) -> AppResult<(MeetingLinkMode, String)> {
    let mut c = Checker::default();
    let mode = c.check(MeetingLinkMode::parse(input.mode.trim()).map_err(|_| {
        InvalidInput::new(
            "mode",
            "Choose none, fixed (your personal room) or pattern (a new room per session).",
        )
        .key("validate-choose-none-fixed-personal")
    }));
    let url = match mode {
        Some(MeetingLinkMode::Fixed) if input.url.contains(PLACEHOLDER) => {
            c.push(InvalidInput::new(
                "url",
                "A personal room is one fixed link; for a new room per session choose the pattern instead.",
            ).key("validate-personal-room-one-fixed"));
            None
        }
        Some(MeetingLinkMode::Fixed) if input.url.trim().is_empty() => {
            c.push(
                InvalidInput::new(
                    "url",
                    "Enter your personal room's link, e.g. https://meet.example.com/ana.",
                )
                .key("validate-enter-personal-room-s"),
            );
            None
        }
        Some(MeetingLinkMode::Fixed) => c.check(https(&input.url)),
        Some(MeetingLinkMode::Pattern) => c.check(pattern(&input.url)),
        // Kept for when the coach turns links on again, if it reads as one or the other.
        Some(MeetingLinkMode::None) if input.url.trim().is_empty() => Some(String::new()),
        Some(MeetingLinkMode::None) if input.url.contains(PLACEHOLDER) => {
            c.check(pattern(&input.url))
        }
        Some(MeetingLinkMode::None) => c.check(https(&input.url)),
        None => None,
    };
    c.done(mode.zip(url))
}

fn read(row: store::MeetingLinkRow, coach_id: i64) -> AppResult<(MeetingLinkMode, String)> {
    let mode = MeetingLinkMode::parse(&row.meeting_link_mode).map_err(|e| {
        AppError::Store(StoreError::Corrupt(format!(
            "coach {coach_id}'s meeting link mode: {e}"
        )))
    })?;
    Ok((mode, row.meeting_link_url))
}

pub async fn get(cx: &Ctx, coach: &Coach) -> AppResult<MeetingLinks> {
    let (mode, url) = read(
        store::meeting_links(cx.db.pool(), coach.id).await?,
        coach.id,
    )?;
    Ok(MeetingLinks {
        mode: mode.as_str().to_owned(),
        url,
    })
}

/// Saves the rule (every field checked; nothing changes when one is wrong). Sessions made
/// before keep their links.
pub async fn update(cx: &Ctx, coach: &Coach, input: &MeetingLinks) -> AppResult<MeetingLinks> {
    let (mode, url) = validate(input)?;
    store::set_meeting_links(cx.db.pool(), coach.id, mode.as_str(), &url).await?;
    get(cx, coach).await
}

/// A random room name: 16 characters of `a-z0-9` (about 82 bits), safe in any URL.
fn room_id() -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::thread_rng();
    (0..16)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect()
}

/// The link a new session of the coach gets when it has none of its own: empty, the fixed
/// room, or a fresh room from the pattern. A stored rule that does not read is an error.
pub(crate) async fn for_new_session<'e, E>(ex: E, coach_id: i64) -> AppResult<String>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let (mode, url) = read(store::meeting_links(ex, coach_id).await?, coach_id)?;
    match mode {
        MeetingLinkMode::None => Ok(String::new()),
        MeetingLinkMode::Fixed => Ok(url),
        MeetingLinkMode::Pattern => {
            let made = url.replace(PLACEHOLDER, &room_id());
            super::bookings::meeting_url(&made).map_err(|_| {
                AppError::Store(StoreError::Corrupt(format!(
                    "coach {coach_id}'s meeting link pattern does not make a link"
                )))
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(mode: &str, url: &str) -> MeetingLinks {
        MeetingLinks {
            mode: mode.into(),
            url: url.into(),
        }
    }

    #[test]
    fn a_pattern_needs_the_placeholder_and_https() {
        assert!(validate(&links("pattern", "https://meet.jit.si/cb-{random}")).is_ok());
        let fields = |l| match validate(&l) {
            Err(AppError::Invalid(e)) => e.iter().map(|e| e.field).collect::<Vec<_>>(),
            other => panic!("expected field errors, got {other:?}"),
        };
        assert_eq!(fields(links("pattern", "https://meet.jit.si/cb")), ["url"]);
        assert_eq!(
            fields(links("pattern", "http://meet.jit.si/{random}")),
            ["url"]
        );
        assert_eq!(
            fields(links("fixed", "https://meet.jit.si/{random}")),
            ["url"]
        );
        assert_eq!(fields(links("fixed", "")), ["url"]);
        assert_eq!(fields(links("sometimes", "")), ["mode"]);
    }

    #[test]
    fn room_ids_are_url_safe_and_differ() {
        let (a, b) = (room_id(), room_id());
        assert_eq!(a.len(), 16);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
        assert_ne!(a, b);
    }
}
