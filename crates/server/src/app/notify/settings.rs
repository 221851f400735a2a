//! What a coach's practice sends, as the coach sets it in Settings: reminders before a session
//! (up to three offsets, 24 hours by default) and which kinds of email go out at all.

use coachbook_core::validate::InvalidInput;
use sqlx::{Any, Executor};

use super::super::accounts::Coach;
use super::super::{AppResult, Ctx};
use crate::store::notify_settings::{self as store, NotifySettingsRow};

/// The kinds of email a coach can switch off, with what Settings calls them.
pub const EMAIL_KINDS: &[(&str, &str)] = &[
    (
        "booking",
        "Booking confirmations and calendar invitations to clients",
    ),
    ("cancellation", "Cancellation emails to clients"),
    (
        "change",
        "Updated invitations when a session moves or its link changes",
    ),
    ("reminder", "Reminders to clients before a session"),
    (
        "application",
        "Applications: the email to you and the acknowledgement to the applicant",
    ),
    (
        "request",
        "Session requests: the email to you, and the acknowledgement and answer to the requester",
    ),
];

/// At most this many reminders per session.
pub const MAX_REMINDERS: usize = 3;

/// The settings as the app uses them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotifySettings {
    /// Minutes before the session, largest first.
    pub reminder_offsets: Vec<i64>,
    pub emails_off: Vec<String>,
}

impl NotifySettings {
    /// Whether emails of `kind` (one of [`EMAIL_KINDS`]) are sent.
    pub fn sends(&self, kind: &str) -> bool {
        !self.emails_off.iter().any(|k| k == kind)
    }

    /// "24h, 1h" for the form.
    pub fn offsets_text(&self) -> String {
        self.reminder_offsets
            .iter()
            .map(|m| offset_label(*m))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// 1440 -> "24h", 90 -> "90m", 2880 -> "48h".
pub fn offset_label(minutes: i64) -> String {
    if minutes % 60 == 0 {
        format!("{}h", minutes / 60)
    } else {
        format!("{minutes}m")
    }
}

/// Reads "24h, 1h", "30m", "2d" (or a bare number of hours) into minutes, largest first.
pub fn parse_offsets(raw: &str) -> Result<Vec<i64>, InvalidInput> {
    let wrong = |part: &str| {
        InvalidInput::new(
            "reminderOffsets",
            format!("{part:?} is not a time before the session: write e.g. 24h, 1h or 30m."),
        )
    };
    let mut out = Vec::new();
    for part in raw
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let lower = part.to_ascii_lowercase().replace(' ', "");
        let (num, unit) = match lower.find(|c: char| !c.is_ascii_digit()) {
            Some(i) => lower.split_at(i),
            None => (lower.as_str(), "h"),
        };
        let n: i64 = num.parse().map_err(|_| wrong(part))?;
        let per = match unit {
            "m" | "min" | "mins" | "minutes" => 1,
            "h" | "hr" | "hrs" | "hour" | "hours" => 60,
            "d" | "day" | "days" => 1440,
            _ => return Err(wrong(part)),
        };
        let minutes = n.checked_mul(per).ok_or_else(|| wrong(part))?;
        if !(15..=14 * 1440).contains(&minutes) {
            return Err(InvalidInput::new(
                "reminderOffsets",
                format!("{part} is out of range: a reminder goes between 15 minutes and 14 days before."),
            ).key("validate-out-range-reminder-goes").arg("part", part));
        }
        if !out.contains(&minutes) {
            out.push(minutes);
        }
    }
    if out.len() > MAX_REMINDERS {
        return Err(InvalidInput::new(
            "reminderOffsets",
            format!("At most {MAX_REMINDERS} reminders per session."),
        )
        .key("validate-most-reminders-per-session")
        .arg("max-reminders", MAX_REMINDERS));
    }
    out.sort_unstable_by(|a, b| b.cmp(a));
    Ok(out)
}

/// The coach's settings, inside any transaction or pool.
pub async fn read<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> AppResult<NotifySettings> {
    let row = store::get(ex, coach_id).await?;
    Ok(NotifySettings {
        reminder_offsets: row.reminder_offsets,
        emails_off: row.emails_off,
    })
}

pub async fn get(cx: &Ctx, coach: &Coach) -> AppResult<NotifySettings> {
    read(cx.db.pool(), coach.id).await
}

/// What the Settings form sends: the offsets as typed, and the kinds left on.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NotifySettingsInput {
    pub reminder_offsets: String,
    /// The kinds whose box is ticked (sent).
    pub send: Vec<String>,
}

/// Saves the settings; reminders already queued follow the offsets they were queued with.
pub async fn update(
    cx: &Ctx,
    coach: &Coach,
    input: &NotifySettingsInput,
) -> AppResult<NotifySettings> {
    let offsets = parse_offsets(&input.reminder_offsets)?;
    let emails_off = EMAIL_KINDS
        .iter()
        .map(|(k, _)| *k)
        .filter(|k| !input.send.iter().any(|s| s == k))
        .map(str::to_owned)
        .collect();
    let row = NotifySettingsRow {
        reminder_offsets: offsets,
        emails_off,
    };
    store::set(cx.db.writer(), coach.id, &row).await?;
    get(cx, coach).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_read_as_people_write_them() {
        assert_eq!(parse_offsets("24h, 1h").unwrap(), vec![1440, 60]);
        assert_eq!(parse_offsets("30m;2d").unwrap(), vec![2880, 30]);
        assert_eq!(parse_offsets("  ").unwrap(), Vec::<i64>::new());
        assert_eq!(parse_offsets("48").unwrap(), vec![2880]);
        assert_eq!(
            parse_offsets("1 h, 1h").unwrap(),
            vec![60],
            "duplicates count once"
        );
        for bad in [
            "soon",
            "5m",
            "15d",
            "1h,2h,3h,4h",
            "99999999999999999999h",
            "-1h",
            "1x",
        ] {
            assert!(parse_offsets(bad).is_err(), "{bad} is refused");
        }
        assert_eq!(offset_label(1440), "24h");
        assert_eq!(offset_label(90), "90m");
    }
}
