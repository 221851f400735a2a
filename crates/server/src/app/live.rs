//! Live updates: this node's hub of open event streams, each watching one coach's calendar, and
//! what feeds it.
//!
//! The source of truth is `coaches.calendar_version`, which the database's triggers bump on every
//! change to what the calendar shows (migration 0005; the privacy settings bump it too). A stream
//! is told "now at version N" and nothing else; the page then fetches its calendar again, through
//! the same privacy rules as any other read.
//!
//! Per coach the hub keeps a `tokio::sync::watch` channel rather than a broadcast one: a stream
//! only ever needs the newest version, so a slow reader skips the ones in between instead of
//! lagging behind a queue, and a burst of changes costs one event.
//!
//! What feeds the hub depends on the backend, and runs only once someone is watching:
//!
//! - **PostgreSQL** (any number of nodes): one connection per node LISTENs on the channel
//!   migration 0016's trigger NOTIFYs on commit, on every node including the one that wrote. A
//!   lost connection is opened again with backoff (logged), and then the versions of the watched
//!   coaches are read again, so a change made while it was down is not missed.
//! - **SQLite** (one process): every [`POLL`] the versions of the watched coaches, and only
//!   those, are read by primary key. SQLite has no notification across connections, and its
//!   update hooks would see uncommitted changes on one connection of the pool; a read of a few
//!   rows five times a second while a page is open is cheaper than anything cleverer. The task
//!   stops when the last stream ends.
//!
//! With each version comes the coach's privacy settings, so a stream whose viewer may no longer
//! see the calendar (the coach made it private) ends, and its reconnection gets the 404 an
//! unknown coach gets.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use coachbook_core::privacy::{self, PrivacySettings, Viewer};
use tokio::sync::{watch, OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

use super::{AppResult, Ctx};
use crate::store::live as store;
use crate::store::{Backend, Db};

/// How often the SQLite feeder reads the watched coaches' versions.
pub const POLL: Duration = Duration::from_millis(200);
/// Open event streams one process serves by default.
pub const MAX_STREAMS: usize = 500;
/// The first wait before listening again after PostgreSQL failed; it doubles up to [`BACKOFF_MAX`].
const BACKOFF_MIN: Duration = Duration::from_millis(250);
const BACKOFF_MAX: Duration = Duration::from_secs(30);
/// A listening connection that lasted this long was healthy: the next failure starts the backoff
/// afresh.
const HEALTHY: Duration = Duration::from_secs(10);

/// A watched coach as last read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Snapshot {
    version: i64,
    /// `None`: the coach no longer exists.
    settings: Option<PrivacySettings>,
}

/// This node's open event streams and the channels that feed them. Cheap to clone.
#[derive(Clone)]
pub struct Hub {
    inner: Arc<Inner>,
}

struct Inner {
    topics: Mutex<Topics>,
    streams: Arc<Semaphore>,
    max_streams: usize,
    /// Set once, when the server shuts down: every stream ends and the feeder stops.
    closed: watch::Sender<bool>,
    /// Where the PostgreSQL listener connects; without it this node polls, as on SQLite.
    database_url: Option<String>,
}

#[derive(Default)]
struct Topics {
    /// `None` until the first read after the first stream subscribed.
    by_coach: HashMap<i64, watch::Sender<Option<Snapshot>>>,
    /// Whether a feeder task runs.
    feeding: bool,
}

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub")
            .field("streams", &self.open_streams())
            .field("max_streams", &self.inner.max_streams)
            .finish_non_exhaustive()
    }
}

impl Default for Hub {
    fn default() -> Self {
        Self::new(None, MAX_STREAMS)
    }
}

/// A place for one open stream, held for as long as the stream is open.
#[derive(Debug)]
pub struct Admitted(
    #[expect(dead_code, reason = "held only to keep the place")] OwnedSemaphorePermit,
);

impl Hub {
    /// A hub serving at most `max_streams` streams at once; `database_url` is where a
    /// PostgreSQL node LISTENs.
    pub fn new(database_url: Option<String>, max_streams: usize) -> Self {
        let max_streams = max_streams.clamp(1, Semaphore::MAX_PERMITS);
        Self {
            inner: Arc::new(Inner {
                topics: Mutex::default(),
                streams: Arc::new(Semaphore::new(max_streams)),
                max_streams,
                closed: watch::Sender::new(false),
                database_url,
            }),
        }
    }

    /// A place for one more stream, or `None` when this process serves as many as it may (or is
    /// shutting down).
    pub fn admit(&self) -> Option<Admitted> {
        if self.is_closed() {
            return None;
        }
        Arc::clone(&self.inner.streams)
            .try_acquire_owned()
            .ok()
            .map(Admitted)
    }

    /// Streams open now.
    pub fn open_streams(&self) -> usize {
        self.inner.max_streams - self.inner.streams.available_permits()
    }

    /// Coaches whose calendars someone on this node watches now.
    pub fn watched_coaches(&self) -> usize {
        self.inner.topics().by_coach.len()
    }

    /// Ends every stream and stops the feeder (the server is shutting down); new streams are
    /// refused from now on.
    pub fn close(&self) {
        self.inner.closed.send_replace(true);
    }

    pub fn is_closed(&self) -> bool {
        *self.inner.closed.borrow()
    }
}

impl Inner {
    fn topics(&self) -> MutexGuard<'_, Topics> {
        // A panic while holding the lock leaves the map as valid as before it.
        self.topics
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn watched_ids(&self) -> Vec<i64> {
        self.topics().by_coach.keys().copied().collect()
    }

    /// `None` when nobody here watches `coach_id`; else the version last read, if any.
    fn version_of(&self, coach_id: i64) -> Option<Option<i64>> {
        let topics = self.topics();
        let tx = topics.by_coach.get(&coach_id)?;
        let version = tx.borrow().map(|s| s.version);
        Some(version)
    }

    /// Tells the watchers of `coach_id` (if any) of `snap`, when it is newer than what they have.
    fn publish(&self, coach_id: i64, snap: Snapshot) {
        let topics = self.topics();
        if let Some(tx) = topics.by_coach.get(&coach_id) {
            tx.send_if_modified(|current| {
                let newer = match current {
                    None => true,
                    Some(c) => {
                        snap.version > c.version
                            || (snap.settings.is_none() && c.settings.is_some())
                    }
                };
                if newer {
                    *current = Some(snap);
                }
                newer
            });
        }
    }
}

/// Reads the coaches `ids` as they stand and tells their watchers.
async fn refresh(inner: &Inner, db: &Db, ids: &[i64]) -> AppResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let rows = store::watched(db.pool(), ids).await?;
    for id in ids {
        let snap = match rows.iter().find(|r| r.coach_id == *id) {
            Some(r) => Snapshot {
                version: r.calendar_version,
                settings: Some(r.settings()),
            },
            None => Snapshot {
                version: i64::MAX,
                settings: None,
            },
        };
        inner.publish(*id, snap);
    }
    Ok(())
}

/// One open stream's view of one coach's calendar.
pub struct Watcher {
    hub: Arc<Inner>,
    coach_id: i64,
    viewer: Viewer,
    rx: watch::Receiver<Option<Snapshot>>,
    closed: watch::Receiver<bool>,
    sent: Option<i64>,
}

/// Starts watching `coach_id`'s calendar for `viewer` (who has been let see it: the caller
/// asked the [`privacy::View`]). The first [`Watcher::next`] answers the current version.
pub async fn subscribe(cx: &Ctx, coach_id: i64, viewer: Viewer) -> AppResult<Watcher> {
    let hub = &cx.live.inner;
    let watcher = {
        let mut topics = hub.topics();
        let rx = topics
            .by_coach
            .entry(coach_id)
            .or_insert_with(|| watch::Sender::new(None))
            .subscribe();
        if !topics.feeding {
            topics.feeding = true;
            spawn_feeder(Arc::clone(hub), cx.db.clone());
        }
        Watcher {
            hub: Arc::clone(hub),
            coach_id,
            viewer,
            rx,
            closed: hub.closed.subscribe(),
            sent: None,
        }
    };
    // Read after subscribing: a change committed in between reaches the watcher either way.
    refresh(hub, &cx.db, &[coach_id]).await?;
    Ok(watcher)
}

impl Watcher {
    /// The stream's client already has `version` (it said so in `Last-Event-ID`): it is not
    /// told it again.
    pub fn has(&mut self, version: i64) {
        self.sent = Some(version);
    }

    /// The next version to tell, once it differs from the last one told; `None` when the stream
    /// should end: the server is shutting down, the viewer may no longer see the calendar, or
    /// the coach is gone.
    pub async fn next(&mut self) -> Option<i64> {
        loop {
            if *self.closed.borrow() {
                return None;
            }
            let snap = *self.rx.borrow_and_update();
            if let Some(snap) = snap {
                let settings = snap.settings?;
                if !privacy::view(self.viewer, settings).sees_calendar() {
                    return None;
                }
                if self.sent != Some(snap.version) {
                    self.sent = Some(snap.version);
                    return Some(snap.version);
                }
            }
            tokio::select! {
                changed = self.rx.changed() => changed.ok()?,
                _ = self.closed.wait_for(|closed| *closed) => return None,
            }
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let mut topics = self.hub.topics();
        // Under the lock no one subscribes meanwhile; this watcher's receiver is still counted.
        if topics
            .by_coach
            .get(&self.coach_id)
            .is_some_and(|tx| tx.receiver_count() <= 1)
        {
            topics.by_coach.remove(&self.coach_id);
        }
    }
}

fn spawn_feeder(hub: Arc<Inner>, db: Db) {
    match (db.backend(), hub.database_url.clone()) {
        (Backend::Postgres, Some(url)) => {
            tokio::spawn(listen(hub, db, url));
        }
        _ => {
            tokio::spawn(poll(hub, db));
        }
    }
}

/// SQLite: reads the watched coaches every [`POLL`] until no one watches.
async fn poll(hub: Arc<Inner>, db: Db) {
    let mut closed = hub.closed.subscribe();
    let mut failing = false;
    loop {
        let ids = {
            let mut topics = hub.topics();
            if topics.by_coach.is_empty() || *closed.borrow() {
                topics.feeding = false;
                return;
            }
            topics.by_coach.keys().copied().collect::<Vec<_>>()
        };
        match refresh(&hub, &db, &ids).await {
            Ok(()) if failing => {
                tracing::info!("live updates: reading calendar versions works again");
                failing = false;
            }
            Ok(()) => {}
            Err(e) if !failing => {
                tracing::warn!(error = %e, "live updates: could not read calendar versions; trying again");
                failing = true;
            }
            Err(_) => {}
        }
        tokio::select! {
            () = tokio::time::sleep(POLL) => {}
            _ = closed.wait_for(|c| *c) => {}
        }
    }
}

/// PostgreSQL: LISTENs until the server shuts down, listening again with backoff when the
/// connection fails, and reading the watched coaches afresh each time it listens again.
async fn listen(hub: Arc<Inner>, db: Db, url: String) {
    let mut closed = hub.closed.subscribe();
    let mut backoff = BACKOFF_MIN;
    let mut lost = false;
    while !*closed.borrow() {
        let started = Instant::now();
        match store::listen(&url).await {
            Err(e) => {
                tracing::warn!(error = %e, retry_in = ?backoff, "live updates: could not LISTEN on PostgreSQL");
            }
            Ok(mut listener) => {
                // Whatever changed while nobody listened (or before the first stream's read).
                match refresh(&hub, &db, &hub.watched_ids()).await {
                    Err(e) => {
                        tracing::warn!(error = %e, retry_in = ?backoff, "live updates: could not read calendar versions after listening")
                    }
                    Ok(()) => {
                        if lost {
                            tracing::info!("live updates: listening on PostgreSQL again");
                        }
                        loop {
                            let received = tokio::select! {
                                _ = closed.wait_for(|c| *c) => return,
                                received = listener.try_recv() => received,
                            };
                            match received {
                                Ok(Some(n)) => {
                                    if let Err(e) = on_notification(&hub, &db, n.payload()).await {
                                        // Listening afresh reads every watched coach again.
                                        tracing::warn!(error = %e, "live updates: could not read a coach's calendar version; listening again");
                                        break;
                                    }
                                }
                                Ok(None) => {
                                    tracing::warn!("live updates: the PostgreSQL connection was lost; listening again");
                                    break;
                                }
                                Err(e) => {
                                    tracing::warn!(error = %e, "live updates: the PostgreSQL connection failed; listening again");
                                    break;
                                }
                            }
                        }
                        lost = true;
                    }
                }
            }
        }
        if started.elapsed() >= HEALTHY {
            backoff = BACKOFF_MIN;
        }
        tokio::select! {
            () = tokio::time::sleep(backoff) => {}
            _ = closed.wait_for(|c| *c) => return,
        }
        backoff = (backoff * 2).min(BACKOFF_MAX);
    }
}

/// `{coach id}:{version}` from the trigger: the coach is read again when someone here watches
/// them and the version is news.
async fn on_notification(hub: &Inner, db: &Db, payload: &str) -> AppResult<()> {
    let Some((coach_id, version)) = store::parse_payload(payload) else {
        tracing::warn!(
            payload,
            "live updates: a notification that is not `coach:version`"
        );
        return Ok(());
    };
    match hub.version_of(coach_id) {
        None => Ok(()),
        Some(Some(known)) if known >= version => Ok(()),
        Some(_) => refresh(hub, db, &[coach_id]).await,
    }
}
