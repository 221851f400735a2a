//! Busy time from the coach's other calendars: sources (an ICS address, or a CalDAV calendar)
//! that the `busy.sync` job reads every [`SYNC_EVERY`], turning their events into anonymous busy
//! intervals that block slots. Only times are kept (never a title, description or place). A
//! source that fails keeps its last good intervals and shows the error; it never blocks booking.
//!
//! Adding a source never touches the network: the address is checked against the outbound
//! policy, the source stored and its first sync queued at once. Discovery, fetching and parsing
//! happen in the job (`ics` and `caldav` below).

pub mod caldav;
pub mod ics;

use coachbook_core::time::{rfc3339, sat_add, sat_sub, Interval};
use coachbook_core::validate::InvalidInput;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::accounts::Coach;
use super::jobs::{self, Outcome};
use super::{AppError, AppResult, Checker, Ctx};
use crate::store::busy_calendars::{self as store, BusyCalendarRow, IntervalRow, SyncState};
use crate::store::jobs::JobRow;
use crate::store::StoreError;

/// How often each source is read.
pub const SYNC_EVERY: SignedDuration = SignedDuration::from_mins(15);
/// Sources per coach.
pub const MAX_SOURCES: i64 = 20;
/// The largest answer read from a calendar server.
pub const BODY_LIMIT: usize = 5 * 1024 * 1024;
/// How far back and ahead events are imported.
pub const BEHIND: SignedDuration = SignedDuration::from_hours(24);
pub const AHEAD: SignedDuration = SignedDuration::from_hours(366 * 24);

coachbook_core::text_enum! {
    /// Where a busy calendar is read from.
    pub enum BusyKind ("busy calendar kind") {
        /// An address of an .ics file (a "secret address in iCal format", a published calendar).
        Ics = "ics",
        /// A CalDAV server or calendar (Nextcloud, Fastmail, iCloud, Radicale…).
        Caldav = "caldav",
    }
}

/// A busy calendar as the coach sees it. The CalDAV password is never shown.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct BusyCalendar {
    pub id: i64,
    /// `ics` or `caldav`.
    pub kind: String,
    pub name: String,
    /// The address as given.
    pub url: String,
    /// The CalDAV user name (empty for ICS).
    pub username: String,
    /// Whether a CalDAV password is stored (it is never shown).
    pub has_password: bool,
    /// CalDAV: the calendar that discovery found at `url` (empty until the first sync).
    pub calendar_url: String,
    /// What the last sync chose or noticed (e.g. which of several calendars it imports).
    pub note: String,
    /// `waiting` (not yet synced), `ok` or `error`.
    pub status: String,
    /// The status in words: "waiting for first sync", "OK" or the last error.
    pub status_text: String,
    /// When the last sync succeeded (RFC 3339, in your zone).
    pub last_synced_at: Option<String>,
    /// When a sync last ran, successful or not.
    pub last_attempt_at: Option<String>,
    pub last_error: Option<String>,
    /// Busy intervals from this calendar in the next 30 days.
    pub busy_next_30_days: i64,
    pub created_at: String,
}

/// A new busy calendar.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct NewBusyCalendar {
    /// How the calendar is labelled on your calendar ("Busy · {name}").
    #[schema(max_length = 100)]
    pub name: String,
    /// `ics` (an .ics address) or `caldav`.
    #[schema(schema_with = kind_schema)]
    pub kind: String,
    /// For `ics`, the calendar's .ics address (webcal:// is read as https://). For `caldav`, the
    /// calendar's address, or the server's (the first calendar found there is imported).
    #[schema(max_length = 2000)]
    pub url: String,
    /// CalDAV only.
    #[schema(max_length = 200)]
    pub username: String,
    /// CalDAV only (an app password where the provider offers one).
    #[schema(max_length = 500)]
    pub password: String,
}

fn kind_schema() -> utoipa::openapi::Object {
    let all: Vec<&'static str> = BusyKind::ALL.iter().map(|k| k.as_str()).collect();
    crate::app::schema::one_of(&all, "`ics` (an .ics address) or `caldav`.")
}

/// A new name for a busy calendar.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct RenameBusyCalendar {
    #[schema(max_length = 100)]
    pub name: String,
}

fn check_name(raw: &str) -> Result<String, InvalidInput> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(InvalidInput::new(
            "name",
            "Give the calendar a name, e.g. Personal or Family.",
        )
        .key("validate-give-calendar-name-personal"));
    }
    if name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(InvalidInput::new(
            "name",
            "Keep the name to one line of at most 100 characters.",
        )
        .key("validate-keep-name-one-line"));
    }
    Ok(name.to_owned())
}

/// The address as it will be fetched: `webcal://` (what calendar apps hand out) is https.
fn check_url(cx: &Ctx, raw: &str) -> Result<String, InvalidInput> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(InvalidInput::new(
            "url",
            "Enter the calendar's address, starting with https://.",
        )
        .key("validate-enter-calendar-s-address"));
    }
    if raw.chars().count() > 2000 {
        return Err(
            InvalidInput::new("url", "The address is longer than 2000 characters.")
                .key("validate-address-longer-than-2000"),
        );
    }
    let raw = match raw.get(..9) {
        Some(p) if p.eq_ignore_ascii_case("webcal://") => format!("https://{}", &raw[9..]),
        _ => raw.to_owned(),
    };
    cx.outbound
        .policy()
        .check_url(&raw)
        .map(|u| u.to_string())
        .map_err(|e| InvalidInput::new("url", format!("This address cannot be used: {e}.")))
}

fn check_short(field: &'static str, raw: &str, max: usize) -> Result<String, InvalidInput> {
    if raw.chars().count() > max || raw.chars().any(char::is_control) {
        return Err(InvalidInput::new(
            field,
            format!("Keep it to one line of at most {max} characters."),
        )
        .key("validate-keep-one-line-most")
        .arg("max", max));
    }
    Ok(raw.to_owned())
}

fn stamp(t: Option<crate::store::types::UnixTime>, coach: &Coach) -> Option<String> {
    t.map(|t| rfc3339(t.timestamp(), &coach.zone))
}

fn view(row: BusyCalendarRow, coach: &Coach, count: i64) -> BusyCalendar {
    let (status, status_text) = match (&row.last_error, row.last_synced_at) {
        (Some(e), _) => ("error", e.clone()),
        (None, Some(_)) => ("ok", "OK".to_owned()),
        (None, None) => ("waiting", "waiting for first sync".to_owned()),
    };
    BusyCalendar {
        id: row.id,
        kind: row.kind,
        name: row.name,
        url: row.url,
        username: row.username,
        has_password: !row.password.is_empty(),
        calendar_url: row.calendar_url,
        note: row.note,
        status: status.to_owned(),
        status_text,
        last_synced_at: stamp(row.last_synced_at, coach),
        last_attempt_at: stamp(row.last_attempt_at, coach),
        last_error: row.last_error,
        busy_next_30_days: count,
        created_at: rfc3339(row.created_at.timestamp(), &coach.zone),
    }
}

/// The next 30 days from now, for the count on each source.
fn next_30_days(now: Timestamp) -> Interval {
    Interval {
        start: now,
        end: sat_add(now, SignedDuration::from_hours(30 * 24)),
    }
}

/// The coach's busy calendars, by name.
pub async fn list(cx: &Ctx, coach: &Coach) -> AppResult<Vec<BusyCalendar>> {
    let rows = store::list(cx.db.pool(), coach.id).await?;
    let counts = store::counts_between(cx.db.pool(), coach.id, next_30_days(cx.now())).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let n = counts
                .iter()
                .find(|(id, _)| *id == r.id)
                .map_or(0, |(_, n)| *n);
            view(r, coach, n)
        })
        .collect())
}

pub async fn get(cx: &Ctx, coach: &Coach, id: i64) -> AppResult<BusyCalendar> {
    let row = store::get(cx.db.pool(), coach.id, id)
        .await
        .map_err(AppError::missing("busy calendar"))?;
    let counts = store::counts_between(cx.db.pool(), coach.id, next_30_days(cx.now())).await?;
    let n = counts.iter().find(|(i, _)| *i == id).map_or(0, |(_, n)| *n);
    Ok(view(row, coach, n))
}

/// Stores a new source (every field checked; nothing stored when one is wrong) and queues its
/// first sync at once. Never waits on the network.
pub async fn create(cx: &Ctx, coach: &Coach, input: &NewBusyCalendar) -> AppResult<BusyCalendar> {
    let mut c = Checker::default();
    let name = c.check(check_name(&input.name));
    let kind = c.check(BusyKind::parse(input.kind.trim()).map_err(|_| {
        InvalidInput::new(
            "kind",
            "Choose ics (a calendar's .ics address) or caldav (a CalDAV server).",
        )
        .key("validate-choose-ics-calendar-s")
    }));
    let url = c.check(check_url(cx, &input.url));
    let (username, password) = match kind {
        Some(BusyKind::Caldav) => (
            c.check(check_short("username", input.username.trim(), 200)),
            c.check(check_short("password", &input.password, 500)),
        ),
        _ => (Some(String::new()), Some(String::new())),
    };
    let (name, kind, url, username, password) = c.done(super::AllChecked::all((
        name, kind, url, username, password,
    )))?;
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    if store::count(&mut *tx, coach.id).await? >= MAX_SOURCES {
        return Err(AppError::from(
            InvalidInput::new(
                "url",
                format!("You have {MAX_SOURCES} busy calendars; remove one first."),
            )
            .key("validate-have-busy-calendars-remove")
            .arg("max-sources", MAX_SOURCES),
        ));
    }
    let id = store::insert(
        &mut *tx,
        coach.id,
        &store::NewBusyCalendar {
            kind: kind.as_str(),
            name: &name,
            url: &url,
            username: &username,
            password: &password,
        },
        now.into(),
    )
    .await?;
    queue_sync_now(&mut tx, coach.id, id, now).await?;
    tx.commit().await?;
    cx.wake.notify();
    get(cx, coach, id).await
}

pub async fn rename(
    cx: &Ctx,
    coach: &Coach,
    id: i64,
    input: &RenameBusyCalendar,
) -> AppResult<BusyCalendar> {
    let name = check_name(&input.name)?;
    store::rename(cx.db.writer(), coach.id, id, &name)
        .await
        .map_err(AppError::missing("busy calendar"))?;
    get(cx, coach, id).await
}

/// Removes a source and its busy time (its pending sync finds nothing and stops).
pub async fn delete(cx: &Ctx, coach: &Coach, id: i64) -> AppResult<()> {
    let mut tx = cx.db.begin_write().await?;
    store::delete(&mut tx, coach.id, id)
        .await
        .map_err(AppError::missing("busy calendar"))?;
    tx.commit().await?;
    Ok(())
}

/// Queues a sync of the source now (its scheduled runs go on).
pub async fn sync_now(cx: &Ctx, coach: &Coach, id: i64) -> AppResult<BusyCalendar> {
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    store::get(&mut *tx, coach.id, id)
        .await
        .map_err(AppError::missing("busy calendar"))?;
    queue_sync_now(&mut tx, coach.id, id, now).await?;
    tx.commit().await?;
    cx.wake.notify();
    get(cx, coach, id).await
}

/// The job's arguments.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncArgs {
    pub calendar_id: i64,
}

async fn queue_sync_now(
    tx: &mut crate::store::Tx,
    coach_id: i64,
    id: i64,
    now: Timestamp,
) -> AppResult<()> {
    jobs::enqueue(
        &mut **tx,
        jobs::kinds::BUSY_SYNC,
        &SyncArgs { calendar_id: id },
        Some(coach_id),
        now,
        Some(format!("busy.sync:{id}:now:{}", now.as_second())),
        now,
    )
    .await?;
    Ok(())
}

/// The next scheduled run after `now`: the next [`SYNC_EVERY`] mark, keyed by it, so a source
/// has one pending scheduled run however many runs (scheduled or "Sync now") queue it.
async fn queue_next(cx: &Ctx, coach_id: i64, id: i64, now: Timestamp) -> AppResult<()> {
    let every = SYNC_EVERY.as_secs();
    let next = (now.as_second().div_euclid(every) + 1) * every;
    let at = Timestamp::from_second(next).map_err(|e| anyhow::anyhow!("next sync: {e}"))?;
    jobs::enqueue(
        cx.db.writer(),
        jobs::kinds::BUSY_SYNC,
        &SyncArgs { calendar_id: id },
        Some(coach_id),
        at,
        Some(format!("busy.sync:{id}:{next}")),
        now,
    )
    .await?;
    Ok(())
}

/// The `busy.sync` job: queues the next run, then syncs. A source that fails records its error
/// and waits for its next run (Done); only a database failure retries the job itself.
pub async fn run(cx: &Ctx, job: &JobRow) -> Outcome {
    let args: SyncArgs = match jobs::args(job) {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    match sync(cx, args.calendar_id).await {
        Ok(()) => Outcome::Done,
        Err(e) => Outcome::Retry(format!(
            "could not sync busy calendar {}: {e}",
            args.calendar_id
        )),
    }
}

/// What a sync found: the state for the next one and how the intervals change.
pub(crate) struct Synced {
    pub state: SyncState,
    pub update: Update,
}

pub(crate) enum Update {
    /// Nothing changed (304, same sync-token or ctag).
    Keep,
    /// All of the source's intervals are these.
    Replace(Vec<IntervalRow>),
    /// Resources changed or deleted (CalDAV): their intervals go, `add` comes in.
    Patch {
        drop: Vec<String>,
        add: Vec<IntervalRow>,
    },
}

/// Intervals as stored: whole seconds, at most [`store::MAX_PIECE`] each.
pub(crate) fn rows(intervals: &[Interval], href: &str, etag: &str) -> Vec<IntervalRow> {
    let mut out = Vec::with_capacity(intervals.len());
    for i in intervals {
        let mut start = i.start;
        while start < i.end {
            let end = sat_add(start, store::MAX_PIECE).min(i.end);
            let row = IntervalRow {
                href: href.to_owned(),
                etag: etag.to_owned(),
                starts_at: start.into(),
                ends_at: end.into(),
            };
            if row.starts_at < row.ends_at {
                out.push(row);
            }
            start = end;
        }
    }
    out
}

/// Reads one source and stores what it found, or its error.
pub async fn sync(cx: &Ctx, id: i64) -> AppResult<()> {
    let row = match store::by_id(cx.db.pool(), id).await {
        Ok(r) => r,
        // Removed since the job was queued: nothing to do, and no next run.
        Err(StoreError::NotFound) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let now = cx.now();
    queue_next(cx, row.coach_id, id, now).await?;
    let zone = store::coach_zone(cx.db.pool(), row.coach_id).await?.0;
    let window = Interval {
        start: sat_sub(now, BEHIND),
        end: sat_add(now, AHEAD),
    };
    let kind = BusyKind::parse(&row.kind).map_err(|e| {
        AppError::Store(StoreError::Corrupt(format!(
            "busy calendar {id}'s kind: {e}"
        )))
    })?;
    let found = match kind {
        BusyKind::Ics => sync_ics(cx, &row, &zone, window).await,
        BusyKind::Caldav => caldav::sync(cx, &row, &zone, window).await,
    };
    let after = cx.stamp();
    match found {
        Err(error) => {
            tracing::warn!(busy_calendar = id, error = %error, "a busy calendar did not sync");
            store::record_error(cx.db.writer(), id, &error, after).await?;
        }
        Ok(synced) => {
            let mut tx = cx.db.begin_write().await?;
            match store::get(&mut *tx, row.coach_id, id).await {
                Ok(_) => {}
                Err(StoreError::NotFound) => return Ok(()),
                Err(e) => return Err(e.into()),
            }
            match synced.update {
                Update::Keep => {}
                Update::Replace(mut new) => {
                    new.sort();
                    // An unchanged calendar changes nothing (and leaves the calendar version).
                    if store::intervals_of(&mut *tx, id).await? != new {
                        store::delete_intervals(&mut tx, id, None).await?;
                        store::insert_intervals(&mut tx, id, row.coach_id, &new).await?;
                    }
                }
                Update::Patch { mut drop, add } => {
                    drop.extend(add.iter().map(|r| r.href.clone()));
                    drop.sort();
                    drop.dedup();
                    store::delete_intervals(&mut tx, id, Some(&drop)).await?;
                    store::insert_intervals(&mut tx, id, row.coach_id, &add).await?;
                }
            }
            store::record_success(&mut tx, id, &synced.state, after).await?;
            tx.commit().await?;
        }
    }
    Ok(())
}

/// Whether the stored intervals reach far enough ahead that validators may be trusted: the
/// expansion slides with time, so the calendar is read whole again once it lags by `slack`.
pub(crate) fn window_fresh(row: &BusyCalendarRow, window: Interval, slack: SignedDuration) -> bool {
    row.window_end_at
        .is_some_and(|end| end.timestamp() >= sat_sub(window.end, slack))
}

async fn sync_ics(
    cx: &Ctx,
    row: &BusyCalendarRow,
    zone: &coachbook_core::time::Zone,
    window: Interval,
) -> Result<Synced, String> {
    use reqwest::header::{ACCEPT, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED};
    let url = cx
        .outbound
        .policy()
        .check_url(&row.url)
        .map_err(|e| format!("the address cannot be used: {e}"))?;
    let mut request = cx
        .outbound
        .client()
        .get(url)
        .header(ACCEPT, "text/calendar, */*;q=0.5");
    let fresh = window_fresh(row, window, SignedDuration::from_hours(24));
    if fresh {
        if let Some(etag) = &row.http_etag {
            request = request.header(IF_NONE_MATCH, etag);
        }
        if let Some(lm) = &row.http_last_modified {
            request = request.header(IF_MODIFIED_SINCE, lm);
        }
    }
    let answer = cx
        .outbound
        .fetch(request, BODY_LIMIT)
        .await
        .map_err(|e| e.to_string())?;
    let header = |name| {
        answer
            .headers
            .get(name)
            .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
            .map(str::to_owned)
    };
    let kept = SyncState {
        http_etag: row.http_etag.clone(),
        http_last_modified: row.http_last_modified.clone(),
        window_end_at: row.window_end_at,
        ..SyncState::default()
    };
    if answer.status == reqwest::StatusCode::NOT_MODIFIED && fresh {
        return Ok(Synced {
            state: kept,
            update: Update::Keep,
        });
    }
    if !answer.status.is_success() {
        return Err(http_error(answer.status));
    }
    let text = String::from_utf8_lossy(&answer.body);
    let intervals = ics::Reader {
        coach_tz: zone.tz(),
        coach_zone_name: zone.name(),
        window,
    }
    .read(&text)?;
    Ok(Synced {
        state: SyncState {
            http_etag: header(ETAG),
            http_last_modified: header(LAST_MODIFIED),
            window_end_at: Some(window.end.into()),
            ..SyncState::default()
        },
        update: Update::Replace(rows(&intervals, "", "")),
    })
}

/// A refused answer in words for the coach.
pub(crate) fn http_error(status: reqwest::StatusCode) -> String {
    let what = match status.as_u16() {
        401 | 403 => "refused access: check the address (a secret address may have been reset) or the user name and password",
        404 | 410 => "has no calendar at this address: check it, or copy it again from your calendar",
        500..=599 => "had a problem; the next sync tries again",
        _ => "did not answer with a calendar",
    };
    format!("the server {what} ({status})")
}

/// The coach's imported busy time overlapping `window` (for the availability engine).
pub(crate) async fn busy_near(
    conn: &mut sqlx::AnyConnection,
    coach_id: i64,
    window: Interval,
) -> AppResult<Vec<Interval>> {
    store::busy_between(&mut *conn, coach_id, window)
        .await?
        .into_iter()
        .map(|r| {
            Interval::new(r.starts_at.timestamp(), r.ends_at.timestamp()).map_err(|e| {
                AppError::Store(StoreError::Corrupt(format!(
                    "busy interval of calendar {}: {e}",
                    r.calendar_id
                )))
            })
        })
        .collect()
}

/// One imported busy interval with its source's name, for the coach's own calendar.
#[derive(Debug, Clone)]
pub struct BusyBlock {
    pub calendar_id: i64,
    pub name: String,
    pub interval: Interval,
}

/// The coach's imported busy time overlapping `window`, named by source (coach only).
pub async fn blocks_between(
    cx: &Ctx,
    coach: &Coach,
    window: Interval,
) -> AppResult<Vec<BusyBlock>> {
    store::busy_between(cx.db.pool(), coach.id, window)
        .await?
        .into_iter()
        .map(|r| {
            Ok(BusyBlock {
                calendar_id: r.calendar_id,
                name: r.name,
                interval: Interval::new(r.starts_at.timestamp(), r.ends_at.timestamp()).map_err(
                    |e| {
                        AppError::Store(StoreError::Corrupt(format!(
                            "busy interval of calendar {}: {e}",
                            r.calendar_id
                        )))
                    },
                )?,
            })
        })
        .collect()
}
