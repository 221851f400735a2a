//! A node's copy of each coach's calendar for availability answers: the sessions, time off,
//! hours and overrides of the coming year, the booking policy and the active session types.
//!
//! A copy is used only while the coach's calendar version, read with the request's account, is
//! the one the copy was loaded at. Every change to any of those tables bumps the version in the
//! same transaction (triggers, migration 0005), on whichever node makes it, so a copy is never
//! used once it is stale, across any number of nodes. Booking does not read the copy: it checks
//! against the database inside the coach's lock, as before.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use coachbook_core::availability::{data_window, Calendar};
use coachbook_core::policy::BookingPolicy;
use coachbook_core::time::Interval;
use jiff::{SignedDuration, Timestamp};

use super::super::accounts::Coach;
use super::super::{AppResult, Ctx};
use super::load_calendar;
use crate::store::availability as store;
use crate::store::session_types::SessionTypeRow;

/// How far ahead and back a copy reaches when it is loaded; queries beyond read the database.
const AHEAD: SignedDuration = SignedDuration::from_hours(24 * 400);
const BEHIND: SignedDuration = SignedDuration::from_hours(48);
/// Coaches kept per node; the least recently used copy goes first.
const CAPACITY: usize = 256;

/// One coach's calendar as it was at `version`.
#[derive(Debug)]
pub struct Cached {
    pub version: i64,
    /// The data window the copy holds everything of.
    pub window: Interval,
    pub calendar: Calendar,
    pub policy: BookingPolicy,
    /// The active session types, in the order the coach sees them.
    pub types: Vec<SessionTypeRow>,
    used: AtomicU64,
}

#[derive(Debug, Default)]
pub struct CalendarCache {
    entries: Mutex<HashMap<i64, Arc<Cached>>>,
    clock: AtomicU64,
    loads: AtomicU64,
}

impl CalendarCache {
    fn tick(&self) -> u64 {
        self.clock.fetch_add(1, Ordering::Relaxed)
    }

    /// The copy of `coach`'s calendar at `version`, when it holds all of `need`.
    pub fn get(&self, coach_id: i64, version: i64, need: Interval) -> Option<Arc<Cached>> {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        let found = entries.get(&coach_id)?;
        let fits = found.window.start <= need.start && need.end <= found.window.end;
        (found.version == version && fits).then(|| {
            found.used.store(self.tick(), Ordering::Relaxed);
            Arc::clone(found)
        })
    }

    fn put(&self, coach_id: i64, cached: Arc<Cached>) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.len() >= CAPACITY && !entries.contains_key(&coach_id) {
            let oldest = entries
                .iter()
                .min_by_key(|(_, c)| c.used.load(Ordering::Relaxed))
                .map(|(id, _)| *id);
            if let Some(id) = oldest {
                entries.remove(&id);
            }
        }
        // A copy of a newer version is never replaced by an older one loaded at the same time.
        if entries
            .get(&coach_id)
            .is_none_or(|c| c.version <= cached.version)
        {
            entries.insert(coach_id, cached);
        }
    }

    /// How many times a calendar was read from the database for an availability answer.
    pub fn loads(&self) -> u64 {
        self.loads.load(Ordering::Relaxed)
    }

    pub fn len(&self) -> usize {
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The coach's calendar covering `need` (a data window): this node's copy when it is current,
/// else a fresh copy of the coming year read from the database (and kept when nothing changed
/// while it was read). A range outside the coming year is read for itself and not kept.
pub async fn calendar_for(
    cx: &Ctx,
    coach: &Coach,
    need: Interval,
    now: Timestamp,
) -> AppResult<Arc<Cached>> {
    if let Some(hit) = cx.calendars.get(coach.id, coach.calendar_version, need) {
        return Ok(hit);
    }
    // From the start of yesterday, whatever the zone: a query "from today" starts at the coach's
    // midnight, before now.
    let year = data_window(
        coachbook_core::time::sat_sub(now, BEHIND),
        coachbook_core::time::sat_add(now, AHEAD),
    );
    let keep = year.start <= need.start && need.end <= year.end;
    let window = if keep { year } else { need };
    cx.calendars.loads.fetch_add(1, Ordering::Relaxed);
    let mut conn = cx.db.pool().acquire().await?;
    // The version before and after: equal means no change committed while the copy was read,
    // since every change bumps it in its own transaction.
    let before = store::calendar_version(&mut *conn, coach.id).await?;
    let policy = store::policy(&mut *conn, coach.id).await?;
    let types = crate::store::session_types::list(&mut *conn, coach.id, false).await?;
    let calendar = load_calendar(&mut conn, coach.id, &coach.zone, window, None).await?;
    let after = store::calendar_version(&mut *conn, coach.id).await?;
    let cached = Arc::new(Cached {
        version: before,
        window,
        calendar,
        policy,
        types,
        used: AtomicU64::new(cx.calendars.tick()),
    });
    if keep && before == after {
        cx.calendars.put(coach.id, Arc::clone(&cached));
    }
    Ok(cached)
}
