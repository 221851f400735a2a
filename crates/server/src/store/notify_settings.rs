//! A coach's notification settings (columns of `coaches`): reminder offsets and the kinds of
//! email switched off. Stored as text lists; one that does not read is an error naming the coach,
//! never a silent "no reminders".

use sqlx::{Any, Executor};

use super::{touched, Result, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotifySettingsRow {
    /// Minutes before a session, largest first.
    pub reminder_offsets: Vec<i64>,
    pub emails_off: Vec<String>,
}

fn list(raw: &str) -> impl Iterator<Item = &str> {
    raw.split(',').map(str::trim).filter(|s| !s.is_empty())
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<NotifySettingsRow> {
    let (offsets, off): (String, String) =
        sqlx::query_as("SELECT reminder_offsets, emails_off FROM coaches WHERE id = $1")
            .bind(coach_id)
            .fetch_one(ex)
            .await?;
    let mut reminder_offsets = list(&offsets)
        .map(|m| {
            m.parse::<i64>().ok().filter(|m| *m > 0).ok_or_else(|| {
                StoreError::Corrupt(format!(
                    "coach {coach_id}: reminder offset {m:?} is not a number of minutes"
                ))
            })
        })
        .collect::<Result<Vec<_>>>()?;
    reminder_offsets.sort_unstable_by(|a, b| b.cmp(a));
    Ok(NotifySettingsRow {
        reminder_offsets,
        emails_off: list(&off).map(str::to_owned).collect(),
    })
}

pub async fn set<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    settings: &NotifySettingsRow,
) -> Result<()> {
    let offsets: Vec<String> = settings
        .reminder_offsets
        .iter()
        .map(i64::to_string)
        .collect();
    let done =
        sqlx::query("UPDATE coaches SET reminder_offsets = $1, emails_off = $2 WHERE id = $3")
            .bind(offsets.join(","))
            .bind(settings.emails_off.join(","))
            .bind(coach_id)
            .execute(ex)
            .await?;
    touched(&done)
}
