//! The coach's availability as stored: weekly rules (`availability_rules`), date overrides
//! (`date_overrides`), time off (`blocks`) and the booking policy columns of `coaches`. Rows come
//! back as the engine's own types, or as an error saying which row does not make sense.

use coachbook_core::availability::{Block, DateOverride, WeeklyRule};
use coachbook_core::policy::BookingPolicy;
use coachbook_core::time::{Interval, SessionTypeId, TimeWindow};
use jiff::civil::{Date, Time, Weekday};
use jiff::SignedDuration;
use sqlx::{Any, Executor, Transaction};

use super::types::{DayMinute, IdList, IsoDate, UnixTime};
use super::{touched, Result, StoreError};

/// Minutes after midnight of a window boundary; `end` 00:00 is the end of the day (1440).
fn day_minute(t: Time, end: bool) -> DayMinute {
    if end && t == Time::midnight() {
        return DayMinute::END_OF_DAY;
    }
    // hour < 24 and minute < 60, so this is below 1440.
    let minutes = t.hour().unsigned_abs() as u16 * 60 + t.minute().unsigned_abs() as u16;
    DayMinute::new(minutes).unwrap_or(DayMinute::END_OF_DAY)
}

fn weekday_number(day: Weekday) -> i64 {
    i64::from(day.to_monday_one_offset())
}

fn weekday(n: i64, what: &str) -> Result<Weekday> {
    i8::try_from(n)
        .ok()
        .and_then(|n| Weekday::from_monday_one_offset(n).ok())
        .ok_or_else(|| StoreError::Corrupt(format!("{what}: weekday {n} is not 1 to 7")))
}

#[derive(sqlx::FromRow)]
struct RuleRow {
    id: i64,
    weekday: i64,
    start_minute: DayMinute,
    end_minute: DayMinute,
    session_type_ids: IdList,
    valid_from: Option<IsoDate>,
    valid_until: Option<IsoDate>,
    every_weeks: i64,
    anchor_date: Option<IsoDate>,
}

impl RuleRow {
    fn into_rule(self) -> Result<WeeklyRule> {
        let what = format!("availability rule {}", self.id);
        let rule = WeeklyRule {
            weekday: weekday(self.weekday, &what)?,
            start: self.start_minute.time(),
            end: self.end_minute.time(),
            session_type_ids: self
                .session_type_ids
                .ids()
                .iter()
                .copied()
                .map(SessionTypeId)
                .collect(),
            valid_from: self.valid_from.map(IsoDate::date),
            valid_until: self.valid_until.map(IsoDate::date),
            every_weeks: u8::try_from(self.every_weeks).map_err(|_| {
                StoreError::Corrupt(format!("{what}: every {} weeks", self.every_weeks))
            })?,
            anchor: self.anchor_date.map(IsoDate::date),
        };
        rule.validate()
            .map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))?;
        Ok(rule)
    }
}

/// The weekly rules, by weekday and start.
pub async fn rules<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<Vec<WeeklyRule>> {
    let rows: Vec<RuleRow> = sqlx::query_as(
        "SELECT id, weekday, start_minute, end_minute, session_type_ids, valid_from, valid_until,
                every_weeks, anchor_date
         FROM availability_rules WHERE coach_id = $1 ORDER BY weekday, start_minute, id",
    )
    .bind(coach_id)
    .fetch_all(ex)
    .await?;
    rows.into_iter().map(RuleRow::into_rule).collect()
}

/// Replaces the whole weekly schedule: the editor always submits every window at once.
pub async fn replace_rules(
    tx: &mut Transaction<'_, Any>,
    coach_id: i64,
    rules: &[WeeklyRule],
) -> Result<()> {
    sqlx::query("DELETE FROM availability_rules WHERE coach_id = $1")
        .bind(coach_id)
        .execute(&mut **tx)
        .await?;
    for r in rules {
        sqlx::query(
            "INSERT INTO availability_rules (coach_id, weekday, start_minute, end_minute, session_type_ids, valid_from, valid_until, every_weeks, anchor_date)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(coach_id)
        .bind(weekday_number(r.weekday))
        .bind(day_minute(r.start, false))
        .bind(day_minute(r.end, true))
        .bind(IdList::new(r.session_type_ids.iter().map(|t| t.0).collect()))
        .bind(r.valid_from.map(IsoDate))
        .bind(r.valid_until.map(IsoDate))
        .bind(i64::from(r.every_weeks))
        .bind(r.anchor.map(IsoDate))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct OverrideRow {
    date: IsoDate,
    start_minute: Option<DayMinute>,
    end_minute: Option<DayMinute>,
}

/// The coach's calendar version (migration 0005): every change to what availability is computed
/// from bumps it.
pub async fn calendar_version<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT calendar_version FROM coaches WHERE id = $1")
            .bind(coach_id)
            .fetch_one(ex)
            .await?,
    )
}

/// The first and last dates `window` can reach in any zone: its UTC dates and a day either side
/// (a coach's date is at most a day away from UTC's).
fn dates_reached(window: Interval) -> (jiff::civil::Date, jiff::civil::Date) {
    let day = SignedDuration::from_hours(24);
    let utc_date = |t| jiff::Timestamp::to_zoned(t, jiff::tz::TimeZone::UTC).date();
    (
        utc_date(coachbook_core::time::sat_sub(window.start, day)),
        utc_date(coachbook_core::time::sat_add(window.end, day)),
    )
}

/// The date overrides on the dates `window` reaches (a day either side, since dates are the
/// coach's), by date: the cost follows the range asked about, not the history.
pub async fn overrides_near<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    window: Interval,
) -> Result<Vec<DateOverride>> {
    let (first, last) = dates_reached(window);
    let rows: Vec<OverrideRow> = sqlx::query_as(
        "SELECT date, start_minute, end_minute FROM date_overrides
         WHERE coach_id = $1 AND date >= $2 AND date <= $3
         ORDER BY date, start_minute",
    )
    .bind(coach_id)
    .bind(IsoDate(first))
    .bind(IsoDate(last))
    .fetch_all(ex)
    .await?;
    group_overrides(rows)
}

/// Every date override, by date; a date without windows is closed.
pub async fn overrides<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<Vec<DateOverride>> {
    let rows: Vec<OverrideRow> = sqlx::query_as(
        "SELECT date, start_minute, end_minute FROM date_overrides WHERE coach_id = $1
         ORDER BY date, start_minute",
    )
    .bind(coach_id)
    .fetch_all(ex)
    .await?;
    group_overrides(rows)
}

/// Rows of one coach's overrides, ordered by date and start, as one override per date.
fn group_overrides(rows: Vec<OverrideRow>) -> Result<Vec<DateOverride>> {
    let mut out: Vec<DateOverride> = Vec::new();
    for row in rows {
        let date = row.date.date();
        if out.last().is_none_or(|o| o.date != date) {
            out.push(DateOverride {
                date,
                windows: Vec::new(),
                session_type_ids: Vec::new(),
            });
        }
        let window = match (row.start_minute, row.end_minute) {
            (None, None) => continue,
            (Some(start), Some(end)) => TimeWindow::new(start.time(), end.time())
                .map_err(|e| StoreError::Corrupt(format!("date override {date}: {e}")))?,
            _ => {
                return Err(StoreError::Corrupt(format!(
                    "date override {date}: a window with only one end"
                )))
            }
        };
        if let Some(o) = out.last_mut() {
            o.windows.push(window);
        }
    }
    Ok(out)
}

/// Sets one date's hours: `windows` empty closes the day.
pub async fn replace_override(
    tx: &mut Transaction<'_, Any>,
    coach_id: i64,
    date: Date,
    windows: &[TimeWindow],
) -> Result<()> {
    let date = IsoDate(date);
    sqlx::query("DELETE FROM date_overrides WHERE coach_id = $1 AND date = $2")
        .bind(coach_id)
        .bind(date)
        .execute(&mut **tx)
        .await?;
    let insert = "INSERT INTO date_overrides (coach_id, date, start_minute, end_minute) VALUES ($1, $2, $3, $4)";
    let closed = [None];
    let rows: Vec<Option<&TimeWindow>> = if windows.is_empty() {
        closed.to_vec()
    } else {
        windows.iter().map(Some).collect()
    };
    for w in rows {
        sqlx::query(insert)
            .bind(coach_id)
            .bind(date)
            .bind(w.map(|w| day_minute(w.start, false)))
            .bind(w.map(|w| day_minute(w.end, true)))
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Removes a date's override; `NotFound` when the date had none.
pub async fn delete_override<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    date: Date,
) -> Result<()> {
    let done = sqlx::query("DELETE FROM date_overrides WHERE coach_id = $1 AND date = $2")
        .bind(coach_id)
        .bind(IsoDate(date))
        .execute(ex)
        .await?;
    touched(&done)
}

coachbook_core::text_enum! {
    /// How a row of `blocks` is to be read.
    enum BlockKind ("kind of time off") {
        Once = "once",
        Days = "days",
        Weekly = "weekly",
    }
}

/// One entry of time off as the coach entered it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredBlock {
    pub id: i64,
    pub block: Block,
    pub label: String,
}

#[derive(sqlx::FromRow)]
struct BlockRow {
    id: i64,
    #[sqlx(try_from = "String")]
    kind: BlockKind,
    start_at: Option<UnixTime>,
    end_at: Option<UnixTime>,
    from_date: Option<IsoDate>,
    until_date: Option<IsoDate>,
    weekdays: IdList,
    start_minute: Option<DayMinute>,
    end_minute: Option<DayMinute>,
    label: String,
}

impl BlockRow {
    fn into_block(self) -> Result<StoredBlock> {
        let what = format!("time off {}", self.id);
        let missing = |column: &str| StoreError::Corrupt(format!("{what}: {column} is empty"));
        let block = match self.kind {
            BlockKind::Once => Block::OneOff {
                start: self
                    .start_at
                    .ok_or_else(|| missing("start_at"))?
                    .timestamp(),
                end: self.end_at.ok_or_else(|| missing("end_at"))?.timestamp(),
            },
            BlockKind::Days => Block::Days {
                from: self.from_date.ok_or_else(|| missing("from_date"))?.date(),
                until: self.until_date.ok_or_else(|| missing("until_date"))?.date(),
            },
            BlockKind::Weekly => Block::Weekly {
                weekdays: self
                    .weekdays
                    .ids()
                    .iter()
                    .map(|n| weekday(*n, &what))
                    .collect::<Result<_>>()?,
                start: self
                    .start_minute
                    .ok_or_else(|| missing("start_minute"))?
                    .time(),
                end: self.end_minute.ok_or_else(|| missing("end_minute"))?.time(),
                from: self.from_date.ok_or_else(|| missing("from_date"))?.date(),
                until: self.until_date.map(IsoDate::date),
            },
        };
        Ok(StoredBlock {
            id: self.id,
            block,
            label: self.label,
        })
    }
}

const BLOCK_COLUMNS: &str =
    "id, kind, start_at, end_at, from_date, until_date, weekdays, start_minute, end_minute, label";

/// All of the coach's time off, for the schedule page.
pub async fn blocks<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<Vec<StoredBlock>> {
    let rows: Vec<BlockRow> = sqlx::query_as(&format!(
        "SELECT {BLOCK_COLUMNS} FROM blocks WHERE coach_id = $1 ORDER BY kind, from_date, start_at, id"
    ))
    .bind(coach_id)
    .fetch_all(ex)
    .await?;
    rows.into_iter().map(BlockRow::into_block).collect()
}

/// The time off that can touch `window`: one-off blocks overlapping it, whole days and weekly
/// blocks whose dates reach it (a day either side, since dates are the coach's). Older time off
/// is not read, so the cost follows the range, not the history.
pub async fn blocks_near<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    window: Interval,
) -> Result<Vec<Block>> {
    let (first, last) = dates_reached(window);
    let rows: Vec<BlockRow> = sqlx::query_as(&format!(
        "SELECT {BLOCK_COLUMNS} FROM blocks
         WHERE coach_id = $1
           AND ((kind = 'once' AND start_at < $3 AND end_at > $2)
             OR (kind = 'days' AND from_date <= $5 AND until_date >= $4)
             OR (kind = 'weekly' AND from_date <= $5 AND (until_date IS NULL OR until_date >= $4)))"
    ))
    .bind(coach_id)
    .bind(UnixTime::from(window.start))
    .bind(UnixTime::from(coachbook_core::time::sat_add(
        window.end,
        SignedDuration::from_secs(1),
    )))
    .bind(IsoDate(first))
    .bind(IsoDate(last))
    .fetch_all(ex)
    .await?;
    rows.into_iter()
        .map(|r| r.into_block().map(|b| b.block))
        .collect()
}

pub async fn count_blocks<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM blocks WHERE coach_id = $1")
            .bind(coach_id)
            .fetch_one(ex)
            .await?,
    )
}

/// The columns of `blocks` that hold one entry's time.
#[derive(Default)]
struct BlockColumns {
    start_at: Option<UnixTime>,
    end_at: Option<UnixTime>,
    from_date: Option<IsoDate>,
    until_date: Option<IsoDate>,
    weekdays: IdList,
    start_minute: Option<DayMinute>,
    end_minute: Option<DayMinute>,
}

fn block_columns(block: &Block) -> (BlockKind, BlockColumns) {
    match block {
        Block::OneOff { start, end } => (
            BlockKind::Once,
            BlockColumns {
                start_at: Some((*start).into()),
                end_at: Some((*end).into()),
                ..BlockColumns::default()
            },
        ),
        Block::Days { from, until } => (
            BlockKind::Days,
            BlockColumns {
                from_date: Some(IsoDate(*from)),
                until_date: Some(IsoDate(*until)),
                ..BlockColumns::default()
            },
        ),
        Block::Weekly {
            weekdays,
            start,
            end,
            from,
            until,
        } => (
            BlockKind::Weekly,
            BlockColumns {
                from_date: Some(IsoDate(*from)),
                until_date: until.map(IsoDate),
                weekdays: IdList::new(weekdays.iter().map(|d| weekday_number(*d)).collect()),
                start_minute: Some(day_minute(*start, false)),
                end_minute: Some(day_minute(*end, true)),
                ..BlockColumns::default()
            },
        ),
    }
}

pub async fn insert_block<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    block: &Block,
    label: &str,
    now: UnixTime,
) -> Result<StoredBlock> {
    let (kind, c) = block_columns(block);
    let inserted: BlockRow = sqlx::query_as(&format!(
        "INSERT INTO blocks (coach_id, kind, start_at, end_at, from_date, until_date, weekdays, start_minute, end_minute, label, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING {BLOCK_COLUMNS}"
    ))
    .bind(coach_id)
    .bind(kind.as_str())
    .bind(c.start_at)
    .bind(c.end_at)
    .bind(c.from_date)
    .bind(c.until_date)
    .bind(c.weekdays)
    .bind(c.start_minute)
    .bind(c.end_minute)
    .bind(label)
    .bind(now)
    .fetch_one(ex)
    .await?;
    inserted.into_block()
}

pub async fn delete_block<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    id: i64,
) -> Result<()> {
    let done = sqlx::query("DELETE FROM blocks WHERE coach_id = $1 AND id = $2")
        .bind(coach_id)
        .bind(id)
        .execute(ex)
        .await?;
    touched(&done)
}

#[derive(sqlx::FromRow)]
struct PolicyRow {
    min_notice_minutes: i64,
    max_days_ahead: i64,
    slot_interval_minutes: i64,
    max_sessions_per_day: Option<i64>,
    max_sessions_per_week: Option<i64>,
    cancellation_cutoff_minutes: i64,
    reschedule_cutoff_minutes: i64,
}

impl PolicyRow {
    fn into_policy(self, coach_id: i64) -> Result<BookingPolicy> {
        let bad = |what: &str, v: i64| {
            StoreError::Corrupt(format!("booking policy of coach {coach_id}: {what} {v}"))
        };
        let count = |what: &str, v: i64| u32::try_from(v).map_err(|_| bad(what, v));
        let minutes = |what: &str, v: i64| {
            if (0..=10_000_000).contains(&v) {
                Ok(SignedDuration::from_mins(v))
            } else {
                Err(bad(what, v))
            }
        };
        let policy = BookingPolicy {
            min_notice: minutes("minimum notice", self.min_notice_minutes)?,
            max_days_ahead: count("horizon", self.max_days_ahead)?,
            slot_interval_minutes: count("slot interval", self.slot_interval_minutes)?,
            max_sessions_per_day: self
                .max_sessions_per_day
                .map(|v| count("daily limit", v))
                .transpose()?,
            max_sessions_per_week: self
                .max_sessions_per_week
                .map(|v| count("weekly limit", v))
                .transpose()?,
            cancellation_cutoff: minutes("cancellation cut-off", self.cancellation_cutoff_minutes)?,
            reschedule_cutoff: minutes("reschedule cut-off", self.reschedule_cutoff_minutes)?,
        };
        policy
            .validate()
            .map_err(|e| StoreError::Corrupt(format!("booking policy of coach {coach_id}: {e}")))?;
        Ok(policy)
    }
}

pub async fn policy<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<BookingPolicy> {
    let row: PolicyRow = sqlx::query_as(
        "SELECT min_notice_minutes, max_days_ahead, slot_interval_minutes, max_sessions_per_day,
                max_sessions_per_week, cancellation_cutoff_minutes, reschedule_cutoff_minutes
         FROM coaches WHERE id = $1",
    )
    .bind(coach_id)
    .fetch_one(ex)
    .await?;
    row.into_policy(coach_id)
}

pub async fn update_policy<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    p: &BookingPolicy,
) -> Result<()> {
    sqlx::query(
        "UPDATE coaches SET min_notice_minutes = $1, max_days_ahead = $2, slot_interval_minutes = $3,
            max_sessions_per_day = $4, max_sessions_per_week = $5, cancellation_cutoff_minutes = $6,
            reschedule_cutoff_minutes = $7
         WHERE id = $8",
    )
    .bind(p.min_notice.as_mins())
    .bind(i64::from(p.max_days_ahead))
    .bind(i64::from(p.slot_interval_minutes))
    .bind(p.max_sessions_per_day.map(i64::from))
    .bind(p.max_sessions_per_week.map(i64::from))
    .bind(p.cancellation_cutoff.as_mins())
    .bind(p.reschedule_cutoff.as_mins())
    .bind(coach_id)
    .execute(ex)
    .await?;
    Ok(())
}
