//! In-app notices: one row per user who should see a change, read in the bell and its page.
//!
//! A notice is written when the change commits, in its transaction, in the words and time zone of
//! the person it is for: the coach hears of everything in their practice; the participant of a
//! booking hears of their own booking when they have an account (their client is connected to
//! it), and of nothing else. A participant's notice names only their own booking and their coach.

use coachbook_core::booking::BookingStatus;
use coachbook_core::time::Zone;
use coachbook_core::validate::InvalidInput;
use jiff::Timestamp;

use super::super::i18n::{self, Locale, Tr};
use super::super::{dates, AppError, AppResult, Ctx};
use super::Event;
use crate::store::notifications::{
    self as store, BookingFacts, CoachPerson, NewNotification, NotificationKind, NotificationRow,
};
use crate::store::Tx;

/// Unread notifications are counted up to this many (the count never reads further).
pub const UNREAD_COUNT_CAP: i64 = 1000;
/// The most notifications one read returns.
pub const MAX_LIMIT: i64 = 100;
/// How many one read returns when the reader does not say.
pub const DEFAULT_LIMIT: i64 = 20;

/// Records the notices `event` gives, in `tx`.
pub async fn record(
    tx: &mut Tx,
    _cx: &Ctx,
    coach_id: i64,
    event: &Event,
    now: Timestamp,
) -> AppResult<()> {
    // A reminder is an email to the participant; nobody gets an in-app notice of it.
    if matches!(event, Event::ReminderDue { .. }) {
        return Ok(());
    }
    let coach = store::coach_person(&mut **tx, coach_id).await?;
    let coach_locale = reader_locale(tx, coach.user_id, coach_id).await?;
    let notices = match *event {
        // (A session request's notices are written by `super::requests`.)
        Event::ReminderDue { .. } | Event::SessionRequest { .. } => Vec::new(),
        Event::ApplicationReceived { application_id } => {
            let name = store::application_name(&mut **tx, coach_id, application_id).await?;
            let tr = Tr(coach_locale);
            vec![Notice {
                user_id: coach.user_id,
                kind: NotificationKind::ApplicationReceived,
                words: Words {
                    title: tr.t1("notices-application-title", "name", name.as_str()),
                    body: tr.t("notices-application-body"),
                },
                link: format!("/admin/applications#application-{application_id}"),
                booking_id: None,
                application_id: Some(application_id),
            }]
        }
        Event::BookingCreated { booking_id }
        | Event::BookingConfirmed { booking_id }
        | Event::BookingCancelled { booking_id, .. }
        | Event::BookingRescheduled { booking_id } => {
            let facts = store::booking_facts(&mut **tx, coach_id, booking_id).await?;
            let participant_locale = match facts.participant_user_id {
                Some(user_id) => reader_locale(tx, user_id, coach_id).await?,
                None => Locale::default(),
            };
            let locales = (coach_locale, participant_locale);
            booking_notices(event, kind_of(event, &facts), &facts, &coach, locales)
        }
    };
    let stamp = now.into();
    for n in &notices {
        let row = NewNotification {
            user_id: n.user_id,
            coach_id,
            kind: n.kind,
            title: &n.words.title,
            body: &n.words.body,
            link: &n.link,
            booking_id: n.booking_id,
            application_id: n.application_id,
        };
        store::insert(&mut **tx, &row, stamp).await?;
    }
    Ok(())
}

/// The language a notice to `user_id` is written in: their choice, else the practice's default
/// (as their emails are).
pub(crate) async fn reader_locale(tx: &mut Tx, user_id: i64, coach_id: i64) -> AppResult<Locale> {
    let (chosen, practice) =
        crate::store::users::recipient_locale(&mut **tx, Some(user_id), coach_id).await?;
    Ok(chosen.or(practice).unwrap_or_default())
}

/// One notice to record.
struct Notice {
    user_id: i64,
    kind: NotificationKind,
    words: Words,
    link: String,
    booking_id: Option<i64>,
    application_id: Option<i64>,
}

/// What a notice says.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Words {
    title: String,
    body: String,
}

/// Whom a notice about a booking is written for.
#[derive(Debug, Clone, Copy)]
enum Reader<'a> {
    Coach,
    /// The participant, whose coach is called `coach`.
    Participant {
        coach: &'a str,
    },
}

/// The coach's notice about a booking, and the participant's when they have an account (and are
/// not the coach themselves), each in its reader's language (`locales`: the coach's, the
/// participant's).
fn booking_notices(
    event: &Event,
    kind: NotificationKind,
    b: &BookingFacts,
    coach: &CoachPerson,
    locales: (Locale, Locale),
) -> Vec<Notice> {
    let mut out = vec![Notice {
        user_id: coach.user_id,
        kind,
        words: i18n::sync_scope(locales.0, || {
            booking_words(event, kind, b, Reader::Coach, &coach.time_zone.0)
        }),
        link: format!("/admin/bookings?when=all#booking-{}", b.id),
        booking_id: Some(b.id),
        application_id: b.application_id,
    }];
    if let (Some(user_id), Some(zone)) = (b.participant_user_id, &b.participant_time_zone) {
        if user_id != coach.user_id {
            let reader = Reader::Participant { coach: &coach.name };
            out.push(Notice {
                user_id,
                kind,
                words: i18n::sync_scope(locales.1, || {
                    booking_words(event, kind, b, reader, &zone.0)
                }),
                // Their coach's page, where a client finds their own sessions.
                link: format!("/c/{}", coach.slug),
                booking_id: Some(b.id),
                // The application is the coach's record, not the participant's.
                application_id: None,
            });
        }
    }
    out
}

fn kind_of(event: &Event, b: &BookingFacts) -> NotificationKind {
    match event {
        Event::BookingCreated { .. } if b.application_id.is_some() => {
            NotificationKind::DiscoveryCallScheduled
        }
        Event::BookingCreated { .. } => NotificationKind::BookingCreated,
        Event::BookingConfirmed { .. } => NotificationKind::BookingConfirmed,
        Event::BookingCancelled { .. } => NotificationKind::BookingCancelled,
        // (A reminder gives no in-app notice; `record` never gets here with one.)
        Event::BookingRescheduled { .. }
        | Event::ReminderDue { .. }
        | Event::SessionRequest { .. } => NotificationKind::BookingRescheduled,
        Event::ApplicationReceived { .. } => NotificationKind::ApplicationReceived,
    }
}

/// The words of a notice about booking `b` for `reader`, with times in `zone` (the reader's), in
/// the language of the task (the reader's: see [`booking_notices`]).
fn booking_words(
    event: &Event,
    kind: NotificationKind,
    b: &BookingFacts,
    reader: Reader<'_>,
    zone: &Zone,
) -> Words {
    let tr = Tr::current();
    let when = when(b.start_at.timestamp(), b.end_at.timestamp(), zone);
    let what = format!("{}, {when}", b.session_type_name);
    let what = what.as_str();
    let pending = b.status == BookingStatus::Pending;
    let name = b.name.as_str();
    let reason = b.cancel_reason.trim();
    let by_client = matches!(
        event,
        Event::BookingCancelled {
            by_client: true,
            ..
        }
    );
    // A cancellation's body, with its reason when one was given.
    let cancelled = |id: &str, with_reason: &str, extra: &[(&str, &str)]| {
        let mut args: Vec<(&str, i18n::Arg<'_>)> =
            extra.iter().map(|(k, v)| (*k, (*v).into())).collect();
        args.push(("what", what.into()));
        if reason.is_empty() {
            tr.args(id, &args)
        } else {
            args.push(("reason", reason.into()));
            tr.args(with_reason, &args)
        }
    };
    let (title, body) = match (reader, kind) {
        (Reader::Coach, NotificationKind::DiscoveryCallScheduled) => (
            tr.t1("notices-discovery-title", "name", name),
            what.to_owned(),
        ),
        (Reader::Coach, NotificationKind::BookingCreated) if pending => (
            tr.t1("notices-new-booking-title", "name", name),
            tr.t1("notices-new-booking-pending", "what", what),
        ),
        (Reader::Coach, NotificationKind::BookingCreated) => (
            tr.t1("notices-new-booking-title", "name", name),
            what.to_owned(),
        ),
        (Reader::Coach, NotificationKind::BookingConfirmed) => (
            tr.t1("notices-confirmed-title", "name", name),
            what.to_owned(),
        ),
        (Reader::Coach, NotificationKind::BookingCancelled) if by_client => (
            tr.t1("notices-client-cancelled-title", "name", name),
            cancelled(
                "notices-client-cancelled-body",
                "notices-client-cancelled-body-reason",
                &[("name", name)],
            ),
        ),
        (Reader::Coach, NotificationKind::BookingCancelled) => (
            tr.t1("notices-cancelled-title", "name", name),
            cancelled(
                "notices-cancelled-body",
                "notices-cancelled-body-reason",
                &[],
            ),
        ),
        (Reader::Coach, _) => (
            tr.t1("notices-updated-title", "name", name),
            tr.t1("notices-now", "what", what),
        ),
        (Reader::Participant { coach }, NotificationKind::DiscoveryCallScheduled) => (
            tr.t1("notices-my-discovery-title", "coach", coach),
            what.to_owned(),
        ),
        (Reader::Participant { coach }, NotificationKind::BookingCreated) if pending => (
            tr.t1("notices-my-requested-title", "coach", coach),
            tr.t2("notices-my-requested-body", "what", what, "coach", coach),
        ),
        (Reader::Participant { coach }, NotificationKind::BookingCreated) => (
            tr.t1("notices-my-booked-title", "coach", coach),
            what.to_owned(),
        ),
        (Reader::Participant { coach }, NotificationKind::BookingConfirmed) => (
            tr.t1("notices-my-confirmed-title", "coach", coach),
            what.to_owned(),
        ),
        (Reader::Participant { coach }, NotificationKind::BookingCancelled) if by_client => (
            tr.t1("notices-my-you-cancelled-title", "coach", coach),
            cancelled(
                "notices-my-cancelled-body",
                "notices-my-cancelled-body-reason",
                &[],
            ),
        ),
        (Reader::Participant { coach }, NotificationKind::BookingCancelled) => (
            tr.t1("notices-my-cancelled-title", "coach", coach),
            cancelled(
                "notices-my-cancelled-body",
                "notices-my-cancelled-body-reason",
                &[],
            ),
        ),
        (Reader::Participant { coach }, _) => (
            tr.t1("notices-my-changed-title", "coach", coach),
            tr.t1("notices-now", "what", what),
        ),
    };
    Words {
        title,
        body: body.trim().to_owned(),
    }
}

/// "Mon 7 Dec 2026, 10:00–11:00" (the day written twice only when it crosses midnight).
fn when(start: Timestamp, end: Timestamp, zone: &Zone) -> String {
    if dates::day(start, zone) == dates::day(end, zone) {
        format!(
            "{}, {}",
            dates::day(start, zone),
            dates::time_range(start, end, zone)
        )
    } else {
        dates::time_range(start, end, zone)
    }
}

// ---------------------------------------------------------------------------------------------
// Reading them: each person reads and marks only their own.

/// A notification as its reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub id: i64,
    pub kind: NotificationKind,
    pub title: String,
    pub body: String,
    /// A path on this site.
    pub link: String,
    pub coach_id: i64,
    pub booking_id: Option<i64>,
    pub application_id: Option<i64>,
    pub created_at: Timestamp,
    pub read_at: Option<Timestamp>,
}

impl From<NotificationRow> for Notification {
    fn from(r: NotificationRow) -> Self {
        Self {
            id: r.id,
            kind: r.kind,
            title: r.title,
            body: r.body,
            link: r.link,
            coach_id: r.coach_id,
            booking_id: r.booking_id,
            application_id: r.application_id,
            created_at: r.created_at.timestamp(),
            read_at: r.read_at.map(|t| t.timestamp()),
        }
    }
}

/// Which notifications to read: newest first, only unread ones or all, older than `before`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListQuery {
    pub unread_only: bool,
    pub before: Option<i64>,
    pub limit: Option<i64>,
}

/// One page of a user's notifications and how many of theirs are unread.
#[derive(Debug, Clone)]
pub struct Listed {
    pub items: Vec<Notification>,
    /// Counted up to [`UNREAD_COUNT_CAP`].
    pub unread_count: i64,
    /// Whether older ones than the last of `items` may follow.
    pub more: bool,
}

/// The user's notifications, newest first.
pub async fn list(cx: &Ctx, user_id: i64, q: ListQuery) -> AppResult<Listed> {
    let limit = q.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(AppError::from(
            InvalidInput::new(
                "limit",
                format!("Ask for between 1 and {MAX_LIMIT} notifications."),
            )
            .key("validate-ask-between-1-notifications")
            .arg("max-limit", MAX_LIMIT),
        ));
    }
    let page = store::Page {
        unread_only: q.unread_only,
        before: q.before,
        // One more than asked says whether there are more.
        limit: limit + 1,
    };
    let mut rows = store::list(cx.db.pool(), user_id, page).await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(0));
    let unread_count = unread_count(cx, user_id).await?;
    Ok(Listed {
        items: rows.into_iter().map(Notification::from).collect(),
        unread_count,
        more,
    })
}

/// How many of the user's notifications are unread (up to [`UNREAD_COUNT_CAP`]).
pub async fn unread_count(cx: &Ctx, user_id: i64) -> AppResult<i64> {
    Ok(store::unread_count(cx.db.pool(), user_id, UNREAD_COUNT_CAP).await?)
}

/// Marks one of the user's notifications read; `NotFound` when it is not theirs.
pub async fn mark_read(cx: &Ctx, user_id: i64, id: i64) -> AppResult<Notification> {
    let mut tx = cx.db.begin_write().await?;
    store::mark_read(&mut *tx, user_id, id, cx.stamp())
        .await
        .map_err(not_found)?;
    let row = store::get(&mut *tx, user_id, id).await?;
    tx.commit().await?;
    Ok(row.into())
}

/// Marks all of the user's notifications read; how many were unread.
pub async fn mark_all_read(cx: &Ctx, user_id: i64) -> AppResult<u64> {
    Ok(store::mark_all_read(cx.db.writer(), user_id, cx.stamp()).await?)
}

fn not_found(e: crate::store::StoreError) -> AppError {
    match e {
        crate::store::StoreError::NotFound => AppError::NotFound("notification"),
        other => other.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::types::StoredZone;

    fn zone(name: &str) -> Zone {
        coachbook_core::validate::zone("z", name).unwrap()
    }

    fn facts(status: BookingStatus, reason: &str, participant: Option<i64>) -> BookingFacts {
        BookingFacts {
            id: 7,
            name: "Noor Haddad".into(),
            session_type_name: "Coaching".into(),
            start_at: "2026-12-07T10:00:00Z".parse::<Timestamp>().unwrap().into(),
            end_at: "2026-12-07T11:00:00Z".parse::<Timestamp>().unwrap().into(),
            status,
            cancel_reason: reason.into(),
            application_id: None,
            participant_user_id: participant,
            participant_time_zone: participant.map(|_| StoredZone(zone("America/New_York"))),
        }
    }

    fn coach() -> CoachPerson {
        CoachPerson {
            user_id: 1,
            name: "Ana Ruiz".into(),
            time_zone: StoredZone(zone("Europe/London")),
            slug: "ana-ruiz".into(),
        }
    }

    fn notices_for(event: &Event, b: &BookingFacts) -> Vec<Notice> {
        booking_notices(
            event,
            kind_of(event, b),
            b,
            &coach(),
            (Locale::En, Locale::En),
        )
    }

    #[test]
    fn the_coach_reads_a_new_booking_in_their_zone_with_a_link_to_its_row() {
        let b = facts(BookingStatus::Confirmed, "", None);
        let event = Event::BookingCreated { booking_id: 7 };
        let notices = notices_for(&event, &b);
        assert_eq!(notices.len(), 1, "no account, no participant notice");
        let n = &notices[0];
        assert_eq!((n.user_id, n.kind), (1, NotificationKind::BookingCreated));
        assert_eq!(n.words.title, "New booking: Noor Haddad");
        assert_eq!(n.words.body, "Coaching, Mon 7 Dec 2026, 10:00–11:00");
        assert_eq!(n.link, "/admin/bookings?when=all#booking-7");
    }

    #[test]
    fn a_connected_participant_reads_their_own_notice_in_their_own_zone() {
        let b = facts(BookingStatus::Cancelled, "Ill today", Some(42));
        let event = Event::BookingCancelled {
            booking_id: 7,
            by_client: false,
        };
        let notices = notices_for(&event, &b);
        assert_eq!(notices.len(), 2);
        let (c, p) = (&notices[0], &notices[1]);
        assert_eq!(c.words.title, "Booking cancelled: Noor Haddad");
        assert_eq!(
            c.words.body,
            "Coaching, Mon 7 Dec 2026, 10:00–11:00. Cancelled by you. Reason: Ill today"
        );
        assert_eq!(p.user_id, 42);
        assert_eq!(p.words.title, "Ana Ruiz cancelled your session");
        assert_eq!(
            p.words.body,
            "Coaching, Mon 7 Dec 2026, 05:00–06:00. Reason: Ill today"
        );
        assert_eq!(p.link, "/c/ana-ruiz");
        assert!(!p.words.title.contains("Noor") && !p.words.body.contains("Noor"));
    }

    #[test]
    fn a_cancellation_by_the_client_says_who_cancelled() {
        let b = facts(BookingStatus::Cancelled, "", Some(42));
        let event = Event::BookingCancelled {
            booking_id: 7,
            by_client: true,
        };
        let notices = notices_for(&event, &b);
        assert_eq!(
            notices[0].words.title,
            "Noor Haddad cancelled their booking"
        );
        assert!(notices[0].words.body.ends_with("Cancelled by Noor Haddad."));
        assert_eq!(
            notices[1].words.title,
            "You cancelled your session with Ana Ruiz"
        );
    }

    #[test]
    fn a_booking_with_an_application_is_a_discovery_call() {
        let mut b = facts(BookingStatus::Confirmed, "", None);
        b.application_id = Some(3);
        let notices = notices_for(&Event::BookingCreated { booking_id: 7 }, &b);
        assert_eq!(notices[0].kind, NotificationKind::DiscoveryCallScheduled);
        assert_eq!(
            notices[0].words.title,
            "Discovery call scheduled: Noor Haddad"
        );
        assert_eq!(notices[0].application_id, Some(3));
    }

    #[test]
    fn the_coach_booking_themselves_gets_one_notice() {
        let b = facts(BookingStatus::Pending, "", Some(1));
        let notices = notices_for(&Event::BookingCreated { booking_id: 7 }, &b);
        assert_eq!(notices.len(), 1);
        assert!(notices[0]
            .words
            .body
            .ends_with("Waiting for your confirmation."));
    }

    #[test]
    fn a_session_across_midnight_names_both_days() {
        let start = "2026-12-07T23:00:00Z".parse().unwrap();
        let end = "2026-12-08T01:00:00Z".parse().unwrap();
        assert_eq!(
            when(start, end, &zone("Europe/London")),
            "Mon 7 Dec 2026, 23:00 – Tue 8 Dec 2026, 01:00"
        );
    }
}
