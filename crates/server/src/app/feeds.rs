//! iCalendar feeds out: a secret-token address per coach (every session with its participants'
//! names and link), an anonymised one (the same times, each only "Client session"), and one per
//! connected client and coach (their own bookings). Calendar apps poll them every few minutes, so
//! a poll is answered from one row ([`head`]: the feed, the coach's calendar version and zone)
//! with an ETag, and the sessions are read only when that changed ([`body`]).
//!
//! Events are decided first ([`FeedEvent`]) and written afterwards ([`write`]), so that a
//! recurring series (issue 16) becomes one event with a rule and its changed occurrences events
//! of the same UID with a RECURRENCE-ID, without touching how each is worded or privacy-checked.
//!
//! UIDs: a session in the coach's feeds is `session-{id}@{host}`; a booking in a client's feed is
//! the UID of the booking's emailed invitation ([`invite::uid`]), so a calendar app that has the
//! invitation and also subscribes holds one event, not two. Its SEQUENCE is never below the last
//! invitation's, so neither copy looks older than the other.

use coachbook_core::booking::{BookingStatus, SessionKind, SessionStatus};
use coachbook_core::time::{local_date, local_day, Zone};
use coachbook_core::validate::InvalidInput;
use icalendar::{Component, EventLike, EventStatus, Property};
use jiff::{SignedDuration, Timestamp};
use rand::Rng;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use super::accounts::Account;
use super::i18n::{self, Tr};
use super::notify::email::invite;
use super::{AppError, AppResult, Ctx};
use crate::store::feeds::{self as store, FeedHeadRow, FeedRow};
use crate::store::types::UnixTime;
use crate::store::StoreError;

coachbook_core::text_enum! {
    /// Which feed: the coach's own, the coach's anonymised one, or a client's.
    pub enum FeedKind ("feed kind") {
        /// Every session of the coach, with participants' names and meeting links.
        Coach = "coach",
        /// The coach's sessions as "Client session": no names, types, links or notes.
        CoachAnonymous = "coach_anonymous",
        /// One connected client's own bookings with one coach.
        Client = "client",
    }
}

impl FeedKind {
    /// How people read the feed's name.
    pub fn label(self) -> &'static str {
        match self {
            Self::Coach => "Your sessions, with names",
            Self::CoachAnonymous => "Your sessions, anonymised",
            Self::Client => "My sessions",
        }
    }
}

/// How far back a feed reaches (days before today in the coach's zone).
pub const PAST_DAYS: i64 = 90;
/// How far ahead a feed reaches (days after today in the coach's zone).
pub const AHEAD_DAYS: i64 = 366;
/// At most this many events in one feed: a year of a very busy practice fits.
pub const MAX_EVENTS: i64 = 5000;
/// How often a calendar app is asked to poll (REFRESH-INTERVAL and X-PUBLISHED-TTL).
pub const REFRESH: &str = "PT15M";
/// What the anonymised feed calls every session.
pub const ANONYMOUS_SUMMARY: &str = i18n::msg("ical-anonymous");

/// A booking's status as a feed's description says it, in the reader's language.
fn status_word(status: BookingStatus) -> String {
    let id = match status {
        BookingStatus::Pending => i18n::msg("ical-status-pending"),
        BookingStatus::Confirmed => i18n::msg("ical-status-confirmed"),
        BookingStatus::Cancelled => i18n::msg("ical-status-cancelled"),
        BookingStatus::Completed => i18n::msg("ical-status-completed"),
        BookingStatus::NoShow => i18n::msg("ical-status-no-show"),
    };
    Tr::current().t(id)
}

/// One of a person's feeds, as listed to them.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Feed {
    /// `coach`, `coach_anonymous` or `client`.
    pub kind: String,
    /// The coach whose sessions the feed holds.
    pub coach_id: i64,
    pub coach_name: String,
    /// A name for the feed, e.g. "Your sessions, anonymised".
    pub label: String,
    /// The address to subscribe to (https, or http where the server is).
    pub url: String,
    /// The same address as `webcal://`, which opens the subscription in most calendar apps.
    pub webcal_url: String,
}

/// Which feed to rotate: `kind`, and for a client's feed the coach's id.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct RotateFeed {
    /// `coach`, `coach_anonymous` or `client`.
    #[schema(schema_with = kind_schema, required = true)]
    pub kind: String,
    /// For `client`: the coach whose feed to rotate (from `GET /api/me/feeds`).
    pub coach_id: Option<i64>,
}

fn kind_schema() -> utoipa::openapi::Object {
    let all: Vec<&'static str> = FeedKind::ALL.iter().map(|k| k.as_str()).collect();
    crate::app::schema::one_of(&all, "Which feed: coach, coach_anonymous or client.")
}

/// A random feed token: 128 bits as 32 hex digits, as manage links are made.
fn new_token() -> String {
    let token: u128 = rand::thread_rng().gen();
    format!("{token:032x}")
}

fn is_token(raw: &str) -> bool {
    raw.len() == 32 && raw.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The path a token is served at.
pub fn path(token: &str) -> String {
    format!("/feeds/{token}.ics")
}

fn kind_of(raw: &str, feed_id: i64) -> AppResult<FeedKind> {
    FeedKind::parse(raw).map_err(|e| {
        AppError::Store(StoreError::Corrupt(format!(
            "calendar feed {feed_id}'s kind: {e}"
        )))
    })
}

fn listed(row: FeedRow, base: &str) -> AppResult<Feed> {
    let kind = kind_of(&row.kind, row.id)?;
    let url = format!("{base}{}", path(&row.token));
    let webcal_url = match url.split_once("://") {
        Some((_, rest)) => format!("webcal://{rest}"),
        None => url.clone(),
    };
    Ok(Feed {
        kind: kind.as_str().to_owned(),
        coach_id: row.coach_id,
        label: match kind {
            FeedKind::Client => format!("My sessions with {}", row.coach_name),
            k => k.label().to_owned(),
        },
        coach_name: row.coach_name,
        url,
        webcal_url,
    })
}

/// The signed-in person's feeds, made on first ask: a coach's two, and one per coach whose
/// client they are connected as. `base` is the server's public address (no trailing slash).
pub async fn list(cx: &Ctx, account: &Account, base: &str) -> AppResult<Vec<Feed>> {
    let rows = ensure(cx, account).await?;
    rows.into_iter().map(|r| listed(r, base)).collect()
}

/// The person's client feeds only (one per coach they are connected to as a client).
pub async fn client_feeds(cx: &Ctx, account: &Account, base: &str) -> AppResult<Vec<Feed>> {
    Ok(list(cx, account, base)
        .await?
        .into_iter()
        .filter(|f| f.kind == FeedKind::Client.as_str())
        .collect())
}

/// Makes whatever feed the account should have and has not, and answers them all.
async fn ensure(cx: &Ctx, account: &Account) -> AppResult<Vec<FeedRow>> {
    let pool = cx.db.pool();
    let have = store::list_for_user(pool, account.id).await?;
    let clients = store::connected_clients(pool, account.id).await?;
    let coach_missing = account.coach().is_some_and(|c| {
        [FeedKind::Coach, FeedKind::CoachAnonymous].iter().any(|k| {
            !have
                .iter()
                .any(|f| f.client_id.is_none() && f.coach_id == c.id && f.kind == k.as_str())
        })
    });
    let client_missing = clients
        .iter()
        .any(|(_, client)| !have.iter().any(|f| f.client_id == Some(*client)));
    if !coach_missing && !client_missing {
        return Ok(have);
    }
    let now = cx.stamp();
    let mut tx = cx.db.begin_write().await?;
    if let Some(coach) = account.coach() {
        for kind in [FeedKind::Coach, FeedKind::CoachAnonymous] {
            store::ensure_coach_feed(
                &mut *tx,
                coach.id,
                account.id,
                kind.as_str(),
                &new_token(),
                now,
            )
            .await?;
        }
    }
    for (coach_id, client_id) in &clients {
        store::ensure_client_feed(
            &mut tx,
            *coach_id,
            *client_id,
            account.id,
            &new_token(),
            now,
        )
        .await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(store::list_for_user(pool, account.id).await?)
}

/// Gives one of the person's feeds a new address (the old one answers 404 from now on) and
/// answers the list. A feed they do not have is refused beside the field that names it.
pub async fn rotate(
    cx: &Ctx,
    account: &Account,
    input: &RotateFeed,
    base: &str,
) -> AppResult<Vec<Feed>> {
    let kind = FeedKind::parse(input.kind.trim()).map_err(|_| {
        InvalidInput::new(
            "kind",
            "Say which feed: coach, coach_anonymous or client (with coachId).",
        )
        .key("validate-say-which-feed-coach")
    })?;
    let rows = ensure(cx, account).await?;
    let feed = match kind {
        FeedKind::Coach | FeedKind::CoachAnonymous => {
            let Some(coach) = account.coach() else {
                return Err(AppError::from(InvalidInput::new("kind", "Only a coach has this feed; yours are the client feeds, kind client with the coach's id.").key("validate-only-coach-has-feed")));
            };
            rows.iter().find(|f| {
                f.client_id.is_none() && f.coach_id == coach.id && f.kind == kind.as_str()
            })
        }
        FeedKind::Client => {
            let Some(coach_id) = input.coach_id else {
                return Err(AppError::from(InvalidInput::new("coachId", "Give the coach's id (coachId) of the client feed to rotate; GET /api/me/feeds lists them.").key("validate-give-coach-s-id")));
            };
            let found = rows
                .iter()
                .find(|f| f.client_id.is_some() && f.coach_id == coach_id);
            if found.is_none() {
                return Err(AppError::from(InvalidInput::new("coachId", "You have no feed of this coach: you are not connected to them as a client.").key("validate-have-no-feed-coach")));
            }
            found
        }
    };
    let Some(feed) = feed else {
        return Err(anyhow::anyhow!("the coach's {kind} feed was not made").into());
    };
    store::rotate(
        cx.db.writer(),
        account.id,
        feed.id,
        &new_token(),
        cx.stamp(),
    )
    .await
    .map_err(AppError::missing("feed"))?;
    list(cx, account, base).await
}

/// A feed as a poll needs it before any session is read: who it is for, its window and its ETag.
#[derive(Debug, Clone)]
pub struct Head {
    /// The language of the feed's words: its owner's.
    pub locale: i18n::Locale,
    pub kind: FeedKind,
    pub coach_id: i64,
    pub client_id: Option<i64>,
    pub user_id: i64,
    pub coach_name: String,
    pub zone: Zone,
    /// The events of sessions starting in `[from, to)`: 90 days back to a year ahead, from
    /// midnight in the coach's zone (so the window, and the ETag, move once a day).
    pub from: Timestamp,
    pub to: Timestamp,
    /// Quoted, as the `ETag` header carries it.
    pub etag: String,
}

/// The feed a token opens, in one read. A malformed or unknown token, and a client's feed whose
/// client is no longer connected to the account it was given to, are "not found" alike.
pub async fn head(cx: &Ctx, token: &str) -> AppResult<Head> {
    if !is_token(token) {
        return Err(AppError::NotFound("feed"));
    }
    let row = store::head_by_token(cx.db.pool(), token)
        .await
        .map_err(AppError::missing("feed"))?;
    let kind = kind_of(&row.kind, row.id)?;
    if kind == FeedKind::Client && row.client_connected != 1 {
        return Err(AppError::NotFound("feed"));
    }
    let zone = row.coach_zone.0.clone();
    let today = local_date(zone.tz(), cx.now());
    let day_start = |days: i64| {
        today
            .checked_add(jiff::Span::new().days(days))
            .ok()
            .and_then(|d| local_day(zone.tz(), d))
            .map(|i| i.start)
            .ok_or_else(|| anyhow::anyhow!("the feed's window around {today} is out of range"))
    };
    let (from, to) = (day_start(-PAST_DAYS)?, day_start(AHEAD_DAYS)?);
    // In the feed owner's language: their choice, else their coach's default.
    let locale = i18n::for_recipient(cx, Some(row.user_id), row.coach_id).await?;
    let etag = etag(&row, kind, today, &cx.mail.host(), locale);
    Ok(Head {
        locale,
        kind,
        coach_id: row.coach_id,
        client_id: row.client_id,
        user_id: row.user_id,
        coach_name: row.coach_name,
        zone,
        from,
        to,
        etag,
    })
}

/// Made of everything a feed's text depends on: the calendar version (every session, booking,
/// session type and client-name change bumps it; the invitation emails' SEQUENCE is written in
/// the same transactions), the window's day, the coach's name and zone, the UIDs' host, and the
/// owner's language (its words are in it).
fn etag(
    row: &FeedHeadRow,
    kind: FeedKind,
    today: jiff::civil::Date,
    host: &str,
    locale: i18n::Locale,
) -> String {
    let mut h = Sha256::new();
    for part in [
        row.id.to_string(),
        kind.as_str().to_owned(),
        row.calendar_version.to_string(),
        today.to_string(),
        row.coach_zone.0.name().to_owned(),
        row.coach_name.clone(),
        host.to_owned(),
        locale.code().to_owned(),
    ] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    let hex: String = h.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("\"{hex}\"")
}

/// Whether an `If-None-Match` value names this ETag (a list, `*`, or a weak form of it).
pub fn matches(if_none_match: &str, etag: &str) -> bool {
    if_none_match
        .split(',')
        .map(str::trim)
        .any(|t| t == "*" || t == etag || t.strip_prefix("W/") == Some(etag))
}

/// The feed's iCalendar text.
pub async fn body(cx: &Ctx, head: &Head) -> AppResult<String> {
    i18n::scope(head.locale, body_in(cx, head)).await
}

async fn body_in(cx: &Ctx, head: &Head) -> AppResult<String> {
    let host = cx.mail.host();
    let (from, to) = (UnixTime::from(head.from), UnixTime::from(head.to));
    let (name, events) = match head.kind {
        FeedKind::Coach | FeedKind::CoachAnonymous => {
            let anonymous = head.kind == FeedKind::CoachAnonymous;
            let mut sessions =
                store::coach_sessions(cx.db.pool(), head.coach_id, from, to, MAX_EVENTS).await?;
            // Sessions the coach co-hosts, without their participants (the owner's to list).
            sessions.extend(
                crate::store::cohosts::feed_sessions(
                    cx.db.pool(),
                    head.coach_id,
                    from,
                    to,
                    MAX_EVENTS,
                )
                .await?,
            );
            sessions.sort_by_key(|s| (s.start_at.timestamp(), s.id));
            let people = store::coach_participants(cx.db.pool(), head.coach_id, from, to).await?;
            let mut events: Vec<FeedEvent> = sessions
                .iter()
                .map(|s| {
                    let mine: Vec<&store::FeedParticipantRow> =
                        people.iter().filter(|p| p.session_id == s.id).collect();
                    session_event(s, &mine, anonymous, &host)
                })
                .collect();
            let mut ids: Vec<i64> = sessions.iter().filter_map(|s| s.series_id).collect();
            ids.sort_unstable();
            ids.dedup();
            let series = crate::store::series::many(cx.db.pool(), head.coach_id, &ids).await?;
            series_events(&mut events, &sessions, &series, anonymous, head, &host)?;
            let tr = Tr::current();
            let name = if anonymous {
                tr.t1("ical-feed-anonymised", "coach", &head.coach_name)
            } else {
                tr.t1("ical-feed-coach", "coach", &head.coach_name)
            };
            (name, events)
        }
        FeedKind::Client => {
            let client_id = head
                .client_id
                .ok_or_else(|| anyhow::anyhow!("a client feed without its client"))?;
            let bookings = store::client_bookings(
                cx.db.pool(),
                head.coach_id,
                client_id,
                head.user_id,
                from,
                to,
                MAX_EVENTS,
            )
            .await?;
            let events = bookings
                .iter()
                .map(|b| booking_event(b, &head.coach_name, &host))
                .collect();
            let name = Tr::current().t1("ical-feed-client", "coach", &head.coach_name);
            (name, events)
        }
    };
    Ok(write(&FeedCalendar {
        name,
        zone: head.zone.clone(),
        from: head.from,
        to: head.to,
        events,
    }))
}

/// One VEVENT, decided: nothing here is looked up or hidden later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEvent {
    pub uid: String,
    pub sequence: i64,
    /// LAST-MODIFIED, and DTSTAMP (a feed without METHOD dates an event by its last revision).
    pub modified: Timestamp,
    pub start: Timestamp,
    pub end: Timestamp,
    pub summary: String,
    pub description: String,
    /// LOCATION and URL: only in the coach's own feed and in a client's for their own booking.
    pub link: String,
    pub status: EventStatus,
    /// A series (issue 16): its RRULE (e.g. `FREQ=WEEKLY;COUNT=10`), read in the coach's zone.
    pub rule: Option<String>,
    /// An occurrence of a series changed on its own: the start it had in the series.
    pub recurrence_id: Option<Timestamp>,
    /// A series' exceptions (EXDATE): starts its rule gives that it leaves out.
    pub exdates: Vec<Timestamp>,
}

/// A feed to write: its name, the coach's zone (the VTIMEZONE and every TZID), its window.
#[derive(Debug, Clone)]
pub struct FeedCalendar {
    pub name: String,
    pub zone: Zone,
    pub from: Timestamp,
    pub to: Timestamp,
    pub events: Vec<FeedEvent>,
}

/// The newest of the instants, or `fallback`.
fn newest(times: impl IntoIterator<Item = UnixTime>, fallback: UnixTime) -> Timestamp {
    times.into_iter().fold(fallback, std::cmp::max).timestamp()
}

/// A session of the coach's feed. Its SEQUENCE is made of the revisions of the session and of
/// every booking in it (each raised by the database on any change) plus the count of bookings (a
/// new booking raises it too); bookings are never deleted, so it only grows.
fn session_event(
    s: &store::FeedSessionRow,
    people: &[&store::FeedParticipantRow],
    anonymous: bool,
    host: &str,
) -> FeedEvent {
    let sequence = s.revision
        + people
            .iter()
            .map(|p| p.revision.saturating_add(1))
            .sum::<i64>();
    let seated: Vec<&&store::FeedParticipantRow> =
        people.iter().filter(|p| p.status.holds_seat()).collect();
    let statuses: Vec<BookingStatus> = seated.iter().map(|p| p.status).collect();
    let status = session_status(s.status, &statuses);
    let (summary, description, link) = if anonymous {
        (
            Tr::current().t(ANONYMOUS_SUMMARY),
            String::new(),
            String::new(),
        )
    } else {
        // A cancelled session still says who it was with.
        let named: Vec<&&store::FeedParticipantRow> = if seated.is_empty() {
            people.iter().collect()
        } else {
            seated.clone()
        };
        let names: Vec<String> = named.iter().map(|p| clean(&p.name)).collect();
        let summary = match (names.is_empty(), s.kind) {
            (true, SessionKind::Group) => {
                Tr::current().t1("ical-group-empty", "session", &s.session_type_name)
            }
            (true, _) => s.session_type_name.clone(),
            (false, _) => format!("{}: {}", s.session_type_name, names.join(", ")),
        };
        let mut lines: Vec<String> = named
            .iter()
            .map(|p| {
                Tr::current().t2(
                    "ical-participant",
                    "name",
                    clean(&p.name),
                    "status",
                    status_word(p.status),
                )
            })
            .collect();
        if !s.meeting_url.trim().is_empty() {
            lines.push(Tr::current().t1("ical-join", "url", s.meeting_url.trim()));
        }
        (summary, lines.join("\n"), s.meeting_url.trim().to_owned())
    };
    FeedEvent {
        uid: format!("session-{}@{host}", s.id),
        sequence,
        modified: newest(people.iter().map(|p| p.updated_at), s.updated_at),
        start: s.start_at.timestamp(),
        end: s.end_at.timestamp(),
        summary,
        description,
        link,
        status,
        rule: None,
        recurrence_id: None,
        exdates: Vec::new(),
    }
}

/// Folds the occurrences of series into them: each series becomes one event with its rule (its
/// UNTIL as a true UTC instant, its exceptions as EXDATE), and each of its occurrences in the
/// window an override of the same UID with its RECURRENCE-ID (moved, cancelled or booked, it
/// says so). An occurrence its rule no longer gives (after a split or the series' end) stays
/// an event of its own.
fn series_events(
    events: &mut Vec<FeedEvent>,
    sessions: &[store::FeedSessionRow],
    series: &[crate::store::series::SeriesRow],
    anonymous: bool,
    head: &Head,
    host: &str,
) -> AppResult<()> {
    use super::series::{place, Rule};
    for row in series {
        let zone = &row.zone.0;
        // The window on the series' wall clock, widened by a month each side: an occurrence
        // moved on its own may start in the window while its place in the series lies outside.
        let margin = SignedDuration::from_hours(24 * 31);
        let wall = |t: Timestamp, side: i32| {
            t.checked_add(margin * side)
                .unwrap_or(t)
                .to_zoned(zone.tz().clone())
                .datetime()
        };
        let rule = Rule {
            first: row.first_local.0,
            rrule: row.rule.clone(),
        };
        let readings: std::collections::HashSet<Timestamp> = rule
            .readings(
                &row.exdates.0,
                Some(wall(head.from, -1)),
                Some(wall(head.to, 1)),
            )
            .map_err(|e| {
                anyhow::anyhow!(
                    "series {}: its rule {:?} does not expand: {e}",
                    row.id,
                    row.rule
                )
            })?
            .into_iter()
            .filter_map(|d| place(zone, d))
            .collect();
        let Some(start) = place(zone, rule.first) else {
            continue;
        };
        let uid = format!("series-{}@{host}", row.id);
        let mut overrides = 0;
        for (s, e) in sessions.iter().zip(events.iter_mut()) {
            let Some(at) = s.recurrence_at.filter(|_| s.series_id == Some(row.id)) else {
                continue;
            };
            if readings.contains(&at.timestamp()) {
                e.uid = uid.clone();
                e.recurrence_id = Some(at.timestamp());
                e.sequence += row.revision;
                overrides += 1;
            }
        }
        if readings.is_empty() && overrides == 0 {
            continue;
        }
        let end = start
            .checked_add(SignedDuration::from_mins(row.duration_minutes))
            .map_err(|e| anyhow::anyhow!("series {} ends out of range: {e}", row.id))?;
        let type_name = sessions
            .iter()
            .find(|s| s.series_id == Some(row.id))
            .map(|s| s.session_type_name.clone())
            .unwrap_or_default();
        let link = if anonymous {
            String::new()
        } else {
            row.meeting_url.trim().to_owned()
        };
        events.push(FeedEvent {
            uid,
            sequence: row.revision,
            modified: row.updated_at.timestamp(),
            start,
            end,
            summary: if anonymous {
                Tr::current().t(ANONYMOUS_SUMMARY)
            } else {
                type_name
            },
            description: String::new(),
            link,
            status: EventStatus::Confirmed,
            rule: Some(rule.rrule_in(zone)),
            recurrence_id: None,
            exdates: row
                .exdates
                .0
                .iter()
                .filter_map(|d| place(zone, *d))
                .collect(),
        });
    }
    Ok(())
}

/// A session's state for the coach: cancelled, tentative while every seat is still pending, else
/// confirmed (an open group session without anyone yet is still on the calendar).
pub fn session_status(session: SessionStatus, seated: &[BookingStatus]) -> EventStatus {
    if session == SessionStatus::Cancelled {
        EventStatus::Cancelled
    } else if !seated.is_empty() && seated.iter().all(|s| *s == BookingStatus::Pending) {
        EventStatus::Tentative
    } else {
        EventStatus::Confirmed
    }
}

/// A booking's state for its participant.
pub fn booking_status(booking: BookingStatus, session: SessionStatus) -> EventStatus {
    match (booking, session) {
        (BookingStatus::Cancelled, _) | (_, SessionStatus::Cancelled) => EventStatus::Cancelled,
        (BookingStatus::Pending, _) => EventStatus::Tentative,
        _ => EventStatus::Confirmed,
    }
}

/// A booking of a client's feed: the invitation's UID, summary and link.
fn booking_event(b: &store::FeedBookingRow, coach_name: &str, host: &str) -> FeedEvent {
    let sequence = (b.revision + b.session_revision).max(b.email_sequence.unwrap_or(0));
    let link = b.meeting_url.trim().to_owned();
    let (uid, recurrence_id) = invite::identity(
        b.id,
        &b.email,
        b.series_id.zip(b.recurrence_at.map(|t| t.timestamp())),
        host,
    );
    FeedEvent {
        uid,
        sequence,
        modified: newest([b.session_updated_at], b.updated_at),
        start: b.start_at.timestamp(),
        end: b.end_at.timestamp(),
        summary: Tr::current().t2(
            "ical-summary",
            "session",
            &b.session_type_name,
            "coach",
            coach_name,
        ),
        description: if link.is_empty() {
            String::new()
        } else {
            Tr::current().t1("ical-join", "url", &link)
        },
        link,
        status: booking_status(b.status, b.session_status),
        rule: None,
        recurrence_id,
        exdates: Vec::new(),
    }
}

/// Text with no control characters except the line breaks a description has.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// jiff's timestamps all lie inside chrono's range; the default is never reached.
fn utc(t: Timestamp) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(t.as_second(), 0).unwrap_or_default()
}

/// `t` as the coach's wall-clock time with TZID; in UTC when that wall-clock time is ambiguous
/// (the second 01:30 of a night the clocks go back), which TZID alone cannot say.
fn at(t: Timestamp, zone: &Zone) -> icalendar::CalendarDateTime {
    let dt = t.to_zoned(zone.tz().clone()).datetime();
    let back = zone.tz().to_ambiguous_timestamp(dt).compatible().ok();
    let naive = chrono::NaiveDate::from_ymd_opt(
        i32::from(dt.year()),
        u32::from(dt.month().unsigned_abs()),
        u32::from(dt.day().unsigned_abs()),
    )
    .and_then(|d| {
        d.and_hms_opt(
            u32::from(dt.hour().unsigned_abs()),
            u32::from(dt.minute().unsigned_abs()),
            u32::from(dt.second().unsigned_abs()),
        )
    });
    match naive {
        Some(date_time) if back == Some(t) => icalendar::CalendarDateTime::WithTimezone {
            date_time,
            tzid: zone.name().to_owned(),
        },
        _ => icalendar::CalendarDateTime::Utc(utc(t)),
    }
}

fn event(e: &FeedEvent, zone: &Zone) -> icalendar::Event {
    let mut ev = icalendar::Event::new();
    ev.uid(&clean(&e.uid))
        .sequence(u32::try_from(e.sequence.max(0)).unwrap_or(u32::MAX))
        .timestamp(utc(e.modified))
        .last_modified(utc(e.modified))
        .starts(at(e.start, zone))
        .ends(at(e.end, zone))
        .summary(&clean(&e.summary))
        .status(e.status);
    if !e.description.trim().is_empty() {
        ev.description(&clean(&e.description));
    }
    let link = clean(&e.link);
    if !link.is_empty() {
        ev.location(&link);
        if url::Url::parse(&link).is_ok_and(|u| matches!(u.scheme(), "http" | "https")) {
            ev.url(&link);
        }
    }
    if let Some(rule) = &e.rule {
        ev.append_property(Property::new("RRULE", clean(rule)));
    }
    if !e.exdates.is_empty() {
        let local: Vec<String> = e
            .exdates
            .iter()
            .filter_map(|t| match at(*t, zone) {
                icalendar::CalendarDateTime::WithTimezone { date_time, .. } => {
                    Some(date_time.format("%Y%m%dT%H%M%S").to_string())
                }
                _ => None,
            })
            .collect();
        if !local.is_empty() {
            ev.append_property(
                Property::new("EXDATE", local.join(","))
                    .add_parameter("TZID", zone.name())
                    .done(),
            );
        }
    }
    if let Some(id) = e.recurrence_id {
        let prop = match at(id, zone) {
            icalendar::CalendarDateTime::WithTimezone { date_time, tzid } => Property::new(
                "RECURRENCE-ID",
                date_time.format("%Y%m%dT%H%M%S").to_string(),
            )
            .add_parameter("TZID", &tzid)
            .done(),
            _ => Property::new(
                "RECURRENCE-ID",
                utc(id).format("%Y%m%dT%H%M%SZ").to_string(),
            ),
        };
        ev.append_property(prop);
    }
    ev.done()
}

/// A UTC offset as iCalendar writes it: `+0100`, `-0330`, `+053328` (seconds when there are).
fn offset(o: jiff::tz::Offset) -> String {
    let secs = o.seconds();
    let sign = if secs < 0 { '-' } else { '+' };
    let secs = secs.unsigned_abs();
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

/// The coach's zone as a VTIMEZONE, from the tz database's transitions: the observance in force
/// at `from`, and every change until `to` (each onset in the wall-clock time it is made from).
pub fn vtimezone(zone: &Zone, from: Timestamp, to: Timestamp) -> String {
    let tz = zone.tz();
    let mut lines = vec![
        "BEGIN:VTIMEZONE".to_owned(),
        format!("TZID:{}", clean(zone.name())),
    ];
    let mut changes: Vec<_> = tz.preceding(from).take(1).collect();
    changes.extend(tz.following(from).take_while(|t| t.timestamp() < to));
    if changes.is_empty() {
        let info = tz.to_offset_info(from);
        let o = offset(info.offset());
        lines.extend([
            "BEGIN:STANDARD".to_owned(),
            "DTSTART:19700101T000000".to_owned(),
            format!("TZOFFSETFROM:{o}"),
            format!("TZOFFSETTO:{o}"),
        ]);
        if !info.abbreviation().is_empty() {
            lines.push(format!("TZNAME:{}", clean(info.abbreviation())));
        }
        lines.push("END:STANDARD".to_owned());
    }
    let mut before = changes
        .first()
        .map(|t| tz.to_offset(t.timestamp() - SignedDuration::from_secs(1)));
    for t in &changes {
        let prev = before.unwrap_or(t.offset());
        let part = if t.dst().is_dst() {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        let onset = prev.to_datetime(t.timestamp());
        lines.push(format!("BEGIN:{part}"));
        lines.push(format!("DTSTART:{}", onset.strftime("%Y%m%dT%H%M%S")));
        lines.push(format!("TZOFFSETFROM:{}", offset(prev)));
        lines.push(format!("TZOFFSETTO:{}", offset(t.offset())));
        if !t.abbreviation().is_empty() {
            lines.push(format!("TZNAME:{}", clean(t.abbreviation())));
        }
        lines.push(format!("END:{part}"));
        before = Some(t.offset());
    }
    lines.push("END:VTIMEZONE".to_owned());
    lines.iter().map(|l| format!("{l}\r\n")).collect()
}

/// The whole feed: the calendar's properties, the coach's VTIMEZONE, then the events.
pub fn write(cal: &FeedCalendar) -> String {
    let mut c = icalendar::Calendar::empty();
    c.append_property(Property::new("PRODID", "-//Coachbook//Coachbook feed//EN"));
    c.append_property(Property::new("VERSION", "2.0"));
    c.append_property(Property::new("CALSCALE", "GREGORIAN"));
    c.append_property(Property::new("METHOD", "PUBLISH"));
    c.name(&clean(&cal.name));
    c.timezone(cal.zone.name());
    c.append_property(
        Property::new("REFRESH-INTERVAL", REFRESH)
            .add_parameter("VALUE", "DURATION")
            .done(),
    );
    c.append_property(Property::new("X-PUBLISHED-TTL", REFRESH));
    for e in &cal.events {
        c.push(event(e, &cal.zone));
    }
    let text = c.to_string();
    let zone = vtimezone(&cal.zone, cal.from, cal.to);
    // The VTIMEZONE goes before the first component (or the end): after the calendar's own lines.
    let at = text
        .find("\r\nBEGIN:VEVENT\r\n")
        .or_else(|| text.find("\r\nEND:VCALENDAR"))
        .map_or(text.len(), |i| i + 2);
    let mut out = String::with_capacity(text.len() + zone.len());
    out.push_str(&text[..at]);
    out.push_str(&zone);
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn ev(start: &str) -> FeedEvent {
        FeedEvent {
            uid: "session-1@book.example.com".into(),
            sequence: 3,
            modified: ts("2026-11-01T08:00:00Z"),
            start: ts(start),
            end: ts(start) + SignedDuration::from_hours(1),
            summary: "Coaching: Noor, Sam".into(),
            description: "Noor (confirmed)\nJoin: https://meet.example.com/x".into(),
            link: "https://meet.example.com/x".into(),
            status: EventStatus::Confirmed,
            rule: None,
            recurrence_id: None,
            exdates: Vec::new(),
        }
    }

    fn london() -> Zone {
        Zone::get("Europe/London").unwrap()
    }

    #[test]
    fn london_has_its_two_changes_a_year_with_the_offsets_they_make() {
        let z = vtimezone(
            &london(),
            ts("2026-08-04T23:00:00Z"),
            ts("2027-11-03T00:00:00Z"),
        );
        assert!(
            z.starts_with("BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n"),
            "{z}"
        );
        // The summer time in force at the start, then autumn, spring and autumn again.
        for part in [
            "BEGIN:DAYLIGHT\r\nDTSTART:20260329T010000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST\r\nEND:DAYLIGHT",
            "BEGIN:STANDARD\r\nDTSTART:20261025T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\nEND:STANDARD",
            "BEGIN:DAYLIGHT\r\nDTSTART:20270328T010000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100",
            "DTSTART:20271031T020000",
        ] {
            assert!(z.contains(part), "{part} in {z}");
        }
        assert_eq!(z.matches("BEGIN:").count(), 5, "{z}");
    }

    #[test]
    fn a_zone_without_changes_has_one_standard_time() {
        let z = vtimezone(
            &Zone::get("UTC").unwrap(),
            ts("2026-08-04T00:00:00Z"),
            ts("2027-11-03T00:00:00Z"),
        );
        assert!(z.contains("BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0000"), "{z}");
        let kolkata = vtimezone(
            &Zone::get("Asia/Kolkata").unwrap(),
            ts("2026-08-04T00:00:00Z"),
            ts("2027-11-03T00:00:00Z"),
        );
        assert!(kolkata.contains("TZOFFSETTO:+0530"), "{kolkata}");
    }

    #[test]
    fn events_are_in_the_coachs_zone_and_the_zone_comes_before_them() {
        let mut cal = FeedCalendar {
            name: "Ana Ruiz – sessions".into(),
            zone: london(),
            from: ts("2026-08-04T00:00:00Z"),
            to: ts("2027-11-03T00:00:00Z"),
            events: vec![ev("2026-11-10T10:00:00Z"), ev("2026-07-10T10:00:00Z")],
        };
        let text = write(&cal);
        let zone_at = text.find("BEGIN:VTIMEZONE").unwrap();
        assert!(zone_at < text.find("BEGIN:VEVENT").unwrap(), "{text}");
        assert!(
            text.contains("DTSTART;TZID=Europe/London:20261110T100000"),
            "{text}"
        );
        assert!(
            text.contains("DTSTART;TZID=Europe/London:20260710T110000"),
            "summer: {text}"
        );
        for line in [
            "X-WR-CALNAME:Ana Ruiz – sessions",
            "REFRESH-INTERVAL;VALUE=DURATION:PT15M",
            "X-PUBLISHED-TTL:PT15M",
            "SEQUENCE:3",
            "STATUS:CONFIRMED",
            "DTSTAMP:20261101T080000Z",
            "LAST-MODIFIED:20261101T080000Z",
            "SUMMARY:Coaching: Noor\\, Sam",
            "LOCATION:https://meet.example.com/x",
        ] {
            assert!(text.contains(line), "{line} in {text}");
        }
        // An empty feed still has its zone and is a calendar.
        cal.events.clear();
        let empty = write(&cal);
        assert!(
            empty.contains("END:VTIMEZONE\r\nEND:VCALENDAR\r\n"),
            "{empty}"
        );
    }

    #[test]
    fn the_second_half_hour_of_a_night_the_clocks_go_back_is_written_in_utc() {
        // 01:30 happens twice in London on 25 October 2026: 00:30Z and 01:30Z.
        let first = at(ts("2026-10-25T00:30:00Z"), &london());
        let second = at(ts("2026-10-25T01:30:00Z"), &london());
        assert!(matches!(
            first,
            icalendar::CalendarDateTime::WithTimezone { .. }
        ));
        assert!(matches!(second, icalendar::CalendarDateTime::Utc(_)));
    }

    #[test]
    fn a_series_is_one_event_with_its_rule_and_an_override_names_its_occurrence() {
        let mut series = ev("2026-11-10T10:00:00Z");
        series.rule = Some("FREQ=WEEKLY;COUNT=4".into());
        let mut moved = ev("2026-11-17T12:00:00Z");
        moved.recurrence_id = Some(ts("2026-11-17T10:00:00Z"));
        let text = write(&FeedCalendar {
            name: "x".into(),
            zone: london(),
            from: ts("2026-08-04T00:00:00Z"),
            to: ts("2027-11-03T00:00:00Z"),
            events: vec![series, moved],
        });
        assert!(text.contains("RRULE:FREQ=WEEKLY;COUNT=4"), "{text}");
        assert!(
            text.contains("RECURRENCE-ID;TZID=Europe/London:20261117T100000"),
            "{text}"
        );
    }

    #[test]
    fn statuses_follow_the_session_and_the_bookings() {
        use BookingStatus::*;
        assert_eq!(
            session_status(SessionStatus::Cancelled, &[Confirmed]),
            EventStatus::Cancelled
        );
        assert_eq!(
            session_status(SessionStatus::Scheduled, &[Pending]),
            EventStatus::Tentative
        );
        assert_eq!(
            session_status(SessionStatus::Scheduled, &[Pending, Confirmed]),
            EventStatus::Confirmed
        );
        assert_eq!(
            session_status(SessionStatus::Scheduled, &[]),
            EventStatus::Confirmed
        );
        assert_eq!(
            booking_status(Cancelled, SessionStatus::Scheduled),
            EventStatus::Cancelled
        );
        assert_eq!(
            booking_status(Confirmed, SessionStatus::Cancelled),
            EventStatus::Cancelled
        );
        assert_eq!(
            booking_status(Pending, SessionStatus::Scheduled),
            EventStatus::Tentative
        );
        assert_eq!(
            booking_status(Completed, SessionStatus::Scheduled),
            EventStatus::Confirmed
        );
    }

    #[test]
    fn if_none_match_takes_lists_weak_forms_and_the_star() {
        assert!(matches("\"abc\"", "\"abc\""));
        assert!(matches("\"x\", W/\"abc\"", "\"abc\""));
        assert!(matches("*", "\"abc\""));
        assert!(!matches("\"abd\"", "\"abc\""));
    }

    #[test]
    fn tokens_are_32_hex_digits_and_differ() {
        let (a, b) = (new_token(), new_token());
        assert!(is_token(&a) && is_token(&b) && a != b);
        assert!(!is_token("../../etc/passwd") && !is_token(""));
    }
}
