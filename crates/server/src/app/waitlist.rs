//! Waitlists for full group sessions: joining one (as the coach's page allows: a viewer who may
//! book, and visitors with an email when the coach lets them), leaving, the coach's list (reorder,
//! remove, offer a seat directly) and the offers.
//!
//! When a seat frees ([`seat_freed`]: a participant cancels, the coach raises the capacity, an
//! offer lapses or is passed on), the first person waiting is offered it: a claim link with a
//! random token (only its SHA-256 is stored) by email, an in-app notice for an account, and the
//! seat held for them: an offered entry counts as a taken seat wherever availability is read
//! (`store::bookings::sessions_between`), so nobody else is offered it. A job at the deadline
//! passes an unclaimed offer to the next person. A claim books the seat under the coach's lock,
//! counting bookings and the other held seats again, so a session can never overfill.
//!
//! Every path for non-coaches starts from [`visit`] and asks its view; a session they may not
//! see answers exactly as a missing one. A waiter learns their own place, never who else waits.

use coachbook_core::booking::{BookingStatus, SessionStatus};
use coachbook_core::privacy::{BookAs, Denied, View};
use coachbook_core::time::Zone;
use coachbook_core::validate;
use coachbook_core::validate::InvalidInput;
use jiff::{SignedDuration, Timestamp};
use rand::Rng;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use super::accounts::{Account, Coach};
use super::jobs::{self, kinds, Outcome};
use super::privacy::{visit, Visit};
use super::{manage, notify, AppError, AppResult, Checker, Ctx};
use crate::store::bookings::{self as bookings_store, NewBooking};
use crate::store::jobs::JobRow;
use crate::store::types::{Flag, UnixTime};
pub use crate::store::waitlist::WaitlistStatus;
use crate::store::waitlist::{self as store, EntryRow, NewEntry, SessionFacts, SettingsRow};
use crate::store::{clients, session_types, StoreError, Tx};

const WHAT: &str = "session";

/// The longest a coach may hold a seat for an offer.
pub const MAX_OFFER_HOURS: i64 = 168;
/// How many closed entries the coach's list shows.
const PAST_SHOWN: i64 = 20;

// ---------------------------------------------------------------------------------------------
// Settings

/// The coach's waitlist settings, as the coach reads and sends them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// Whether visitors without an account may join a waitlist (with their name and email), when
    /// they may book at all.
    pub waitlist_visitors: bool,
    /// How long a freed seat is held for the person offered it, in hours (1–168).
    #[schema(minimum = 1, maximum = 168)]
    pub waitlist_offer_hours: i64,
}

impl From<SettingsRow> for Settings {
    fn from(r: SettingsRow) -> Self {
        Self {
            waitlist_visitors: r.waitlist_visitors.0,
            waitlist_offer_hours: r.waitlist_offer_hours,
        }
    }
}

pub async fn settings(cx: &Ctx, coach: &Coach) -> AppResult<Settings> {
    Ok(store::settings(cx.db.pool(), coach.id).await?.into())
}

pub async fn update_settings(cx: &Ctx, coach: &Coach, s: &Settings) -> AppResult<Settings> {
    if !(1..=MAX_OFFER_HOURS).contains(&s.waitlist_offer_hours) {
        return Err(AppError::from(
            InvalidInput::new(
                "waitlistOfferHours",
                format!("Hold a freed seat for between 1 and {MAX_OFFER_HOURS} hours."),
            )
            .key("validate-hold-freed-seat-between")
            .arg("max-offer-hours", MAX_OFFER_HOURS),
        ));
    }
    store::set_settings(
        cx.db.writer(),
        coach.id,
        SettingsRow {
            waitlist_visitors: Flag(s.waitlist_visitors),
            waitlist_offer_hours: s.waitlist_offer_hours,
        },
    )
    .await?;
    settings(cx, coach).await
}

// ---------------------------------------------------------------------------------------------
// Refusals

/// Why a well-formed waitlist request did not go through, as things stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WaitRefusal {
    /// A seat is free: book it instead of waiting.
    SeatsFree,
    /// The person is on this waitlist already, at this place (0 = a seat is offered to them).
    AlreadyWaiting { place: i64 },
    /// The person has a seat in the session already.
    AlreadyBooked,
    /// The session has started, ended or was cancelled.
    Over,
    /// The viewer may not join (sign in, or clients only).
    Denied(Denied),
    /// The entry is not waiting (offered, or no longer on the list).
    NotWaiting,
    /// No seat is free to offer: every one is booked or held.
    NoFreeSeat,
    /// The offer's time ran out; the seat went to the next person.
    OfferExpired,
    /// The seat was claimed already.
    AlreadyClaimed,
    /// The offer was passed on or withdrawn.
    OfferWithdrawn,
    /// The offer was made to another account than the one signed in.
    NotYours,
}

impl WaitRefusal {
    /// The machine-readable code in the API's error body.
    pub fn code(&self) -> &'static str {
        match self {
            Self::SeatsFree => "seats_free",
            Self::AlreadyWaiting { .. } => "already_waiting",
            Self::AlreadyBooked => "already_booked",
            Self::Over => "session_over",
            Self::Denied(Denied::SignIn) => "sign_in_required",
            Self::Denied(_) => "clients_only",
            Self::NotWaiting => "not_waiting",
            Self::NoFreeSeat => "no_free_seat",
            Self::OfferExpired => "offer_expired",
            Self::AlreadyClaimed => "already_claimed",
            Self::OfferWithdrawn => "offer_withdrawn",
            Self::NotYours => "not_yours",
        }
    }

    /// What to tell the person, and what to do instead.
    pub fn message(&self) -> String {
        match self {
            Self::SeatsFree => {
                "A seat is free in this session: book it instead of joining the waitlist.".into()
            }
            Self::AlreadyWaiting { place: 0 } => {
                "You are already on this waitlist, and a seat is being held for you: claim it \
                 from the link in your email."
                    .into()
            }
            Self::AlreadyWaiting { place } => format!(
                "You are already on this waitlist (number {place} in line); you will hear as soon \
                 as a seat is free."
            ),
            Self::AlreadyBooked => "You already have a seat in this session.".into(),
            Self::Over => "This session has started, ended or was cancelled.".into(),
            Self::Denied(Denied::SignIn) => {
                "Sign in or create an account to join this waitlist.".into()
            }
            Self::Denied(d) => d.message().into(),
            Self::NotWaiting => {
                "This person is not waiting any more: the seat was offered to them already, or \
                 they left the list."
                    .into()
            }
            Self::NoFreeSeat => "Every seat is booked or held for an offer. Raise the \
                                 session's capacity, or wait for a cancellation."
                .into(),
            Self::OfferExpired => "This offer has expired, and the seat was offered to the next \
                                   person waiting."
                .into(),
            Self::AlreadyClaimed => "This seat has been claimed already.".into(),
            Self::OfferWithdrawn => {
                "This offer is no longer open: it was passed on or withdrawn.".into()
            }
            Self::NotYours => "This offer was made to someone else. Sign in as the person it \
                               was sent to, or open the link signed out."
                .into(),
        }
    }
}

pub type Refused<T> = AppResult<Result<T, WaitRefusal>>;

// ---------------------------------------------------------------------------------------------
// Reading

/// A session's seats and its line, as the coach sees them.
#[derive(Debug, Clone)]
pub struct Waitlist {
    pub session_id: i64,
    pub session_type_name: String,
    pub start: Timestamp,
    pub end: Timestamp,
    pub zone: Zone,
    pub capacity: i64,
    pub booked: i64,
    pub held: i64,
    pub free: i64,
    /// Whether the session is still ahead and on.
    pub open: bool,
    /// Offered entries first, then the line in order.
    pub entries: Vec<Entry>,
    /// The latest closed entries (claimed, expired, left, removed), newest first.
    pub past: Vec<Entry>,
    pub settings: Settings,
}

/// One person on a waitlist, as the coach sees them.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: i64,
    /// Their number in line (1 = next), for those waiting.
    pub place: Option<i64>,
    pub status: WaitlistStatus,
    pub name: String,
    pub email: String,
    pub client_id: Option<i64>,
    pub joined: Timestamp,
    pub offered: Option<Timestamp>,
    pub offer_expires: Option<Timestamp>,
    pub booking_id: Option<i64>,
}

fn entries(rows: Vec<EntryRow>) -> Vec<Entry> {
    let mut place = 0;
    rows.into_iter()
        .map(|r| {
            let place = (r.status == WaitlistStatus::Waiting).then(|| {
                place += 1;
                place
            });
            Entry {
                id: r.id,
                place,
                status: r.status,
                name: r.name,
                email: r.email,
                client_id: r.client_id,
                joined: r.created_at.timestamp(),
                offered: r.offered_at.map(UnixTime::timestamp),
                offer_expires: r.offer_expires_at.map(UnixTime::timestamp),
                booking_id: r.booking_id,
            }
        })
        .collect()
}

fn is_open(s: &SessionFacts, now: Timestamp) -> bool {
    s.status == SessionStatus::Scheduled && s.start_at.timestamp() > now
}

/// The coach's session `session_id` and its waitlist.
pub async fn for_coach(cx: &Ctx, coach: &Coach, session_id: i64) -> AppResult<Waitlist> {
    let mut conn = cx.db.pool().acquire().await?;
    let s = store::session(&mut *conn, Some(coach.id), session_id)
        .await
        .map_err(AppError::missing(WHAT))?;
    let live = store::live(&mut *conn, session_id).await?;
    let past = store::past(&mut *conn, session_id, PAST_SHOWN).await?;
    let settings = store::settings(&mut *conn, coach.id).await?.into();
    Ok(Waitlist {
        session_id,
        session_type_name: s.session_type_name.clone(),
        start: s.start_at.timestamp(),
        end: s.end_at.timestamp(),
        zone: coach.zone.clone(),
        capacity: s.capacity,
        booked: s.booked,
        held: s.held,
        free: s.free(),
        open: is_open(&s, cx.now()),
        entries: entries(live),
        past: entries(past),
        settings,
    })
}

/// A waiter's own place on one waitlist.
#[derive(Debug, Clone)]
pub struct Place {
    pub entry_id: i64,
    /// Their number in line (1 = next); 0 while a seat is offered to them.
    pub place: i64,
    pub status: WaitlistStatus,
    pub offer_expires: Option<Timestamp>,
}

/// A session as a non-coach reaches it by id: its coach's page visited, and the session shown
/// only when the viewer may see that booked block (a group of a type they see, on a calendar
/// they see, where the coach shows booked time); otherwise "not found", as a missing one.
pub struct Reached {
    pub visit: Visit,
    pub session: SessionFacts,
}

/// Whether `view` may see the waitlist of session `s` (of a type with `visibility`).
fn sees(
    view: &View,
    s: &SessionFacts,
    name: &str,
    vis: coachbook_core::privacy::TypeVisibility,
) -> bool {
    view.is_owner()
        || (s.capacity > 1
            && view.session_type(vis).is_ok()
            && view.busy_label(Some((name, vis))).is_some())
}

/// The session `session_id` as `account` may reach it.
pub async fn reach(cx: &Ctx, account: Option<&Account>, session_id: i64) -> AppResult<Reached> {
    let s = store::session(cx.db.pool(), None, session_id)
        .await
        .map_err(AppError::missing(WHAT))?;
    let v = visit(cx, account, &s.slug).await?;
    let st = session_types::get(cx.db.pool(), s.coach_id, s.session_type_id)
        .await
        .map_err(AppError::missing(WHAT))?;
    if !sees(&v.view, &s, &st.name, st.visibility) {
        return Err(AppError::NotFound(WHAT));
    }
    Ok(Reached {
        visit: v,
        session: s,
    })
}

/// The signed-in person's own place on the session's waitlist; "not found" when they are not
/// on it (or may not see the session).
pub async fn mine(cx: &Ctx, account: Option<&Account>, session_id: i64) -> AppResult<Place> {
    let Some(account) = account else {
        return Err(AppError::Unauthenticated);
    };
    let r = reach(cx, Some(account), session_id).await?;
    let key = email_key(&account.email);
    let mut conn = cx.db.pool().acquire().await?;
    let row = store::live_for(&mut *conn, r.session.id, Some(account.id), &key)
        .await?
        .ok_or(AppError::NotFound("waitlist entry"))?;
    let place = place_of(&mut conn, &row).await?;
    Ok(Place {
        entry_id: row.id,
        place,
        status: row.status,
        offer_expires: row.offer_expires_at.map(UnixTime::timestamp),
    })
}

/// A live entry's number in line (0 while offered).
async fn place_of(conn: &mut sqlx::AnyConnection, row: &EntryRow) -> AppResult<i64> {
    if row.status == WaitlistStatus::Offered {
        return Ok(0);
    }
    let live = store::live(&mut *conn, row.session_id).await?;
    let ahead = live
        .iter()
        .filter(|e| e.status == WaitlistStatus::Waiting)
        .take_while(|e| e.id != row.id)
        .count();
    Ok(i64::try_from(ahead).unwrap_or(i64::MAX) + 1)
}

fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

// ---------------------------------------------------------------------------------------------
// Joining and leaving

/// What a join sends: a visitor's name and email (and zone); the coach's `client_id`.
#[derive(Debug, Clone, Default)]
pub struct JoinInput {
    pub name: String,
    pub email: String,
    pub time_zone: Option<String>,
    pub client_id: Option<i64>,
}

/// Who is joining, decided from the view.
struct Joiner {
    name: String,
    email: String,
    zone: Zone,
    user_id: Option<i64>,
    client_id: Option<i64>,
}

async fn joiner(
    cx: &Ctx,
    r: &Reached,
    input: &JoinInput,
    visitors: bool,
) -> AppResult<Result<Joiner, WaitRefusal>> {
    let v = &r.visit;
    let coach_zone = v.page.zone.clone();
    let client = |client_id: i64, what: &'static str| async move {
        clients::get(cx.db.pool(), v.page.coach_id, client_id)
            .await
            .map_err(|e| match e {
                StoreError::NotFound => AppError::from(
                    InvalidInput::new(what, "No such client of yours.")
                        .key("validate-no-such-client-yours"),
                ),
                e => e.into(),
            })
    };
    let as_ = match v.view.may_book() {
        Ok(a) => a,
        Err(Denied::Hidden) => return Err(AppError::NotFound(WHAT)),
        Err(d) => return Ok(Err(WaitRefusal::Denied(d))),
    };
    // A name, email or zone sent by someone who joins as themselves is not used, but one that
    // could never be valid is still refused rather than silently dropped.
    if !matches!(as_, BookAs::Visitor) {
        let mut c = Checker::default();
        if !input.name.trim().is_empty() {
            c.check(validate::PersonName::parse("name", &input.name));
        }
        if !input.email.trim().is_empty() {
            c.check(validate::Email::parse("email", &input.email));
        }
        if let Some(z) = input.time_zone.as_deref().filter(|z| !z.trim().is_empty()) {
            c.check(validate::zone("timeZone", z.trim()));
        }
        c.finish()?;
    }
    Ok(Ok(match (as_, &v.account) {
        (BookAs::Owner, _) => {
            let Some(id) = input.client_id else {
                return Err(AppError::from(
                    InvalidInput::new("clientId", "Choose the client to add to the waitlist.")
                        .key("validate-choose-client-add-waitlist"),
                ));
            };
            let c = client(id, "clientId").await?;
            Joiner {
                name: c.name,
                email: c.email,
                zone: coach_zone,
                user_id: c.user_id,
                client_id: Some(c.id),
            }
        }
        (BookAs::Client { client_id, user_id }, Some(a)) => {
            let c = client(client_id, "clientId").await?;
            let email = if c.email.trim().is_empty() {
                a.email.clone()
            } else {
                c.email
            };
            Joiner {
                name: c.name,
                email,
                zone: a.zone.clone(),
                user_id: Some(user_id),
                client_id: Some(client_id),
            }
        }
        (BookAs::User { user_id }, Some(a)) => Joiner {
            name: a.name.clone(),
            email: a.email.clone(),
            zone: a.zone.clone(),
            user_id: Some(user_id),
            client_id: None,
        },
        _ if !visitors => return Ok(Err(WaitRefusal::Denied(Denied::SignIn))),
        _ => {
            let mut c = Checker::default();
            let name = c.check(validate::PersonName::parse("name", &input.name));
            let email = c.check(validate::Email::parse("email", &input.email));
            let zone = match input.time_zone.as_deref().map(str::trim) {
                Some(z) if !z.is_empty() => c.check(validate::zone("timeZone", z)),
                _ => Some(coach_zone),
            };
            let (name, email, zone) = c.done(super::AllChecked::all((name, email, zone)))?;
            Joiner {
                name: name.as_str().to_owned(),
                email: email.as_str().to_owned(),
                zone,
                user_id: None,
                client_id: None,
            }
        }
    }))
}

/// The joiner's place, once on the list.
#[derive(Debug, Clone)]
pub struct Joined {
    pub entry_id: i64,
    pub place: i64,
}

/// Puts the viewer (or, for the coach, `input.client_id`) on the waitlist of a full group
/// session. Refused while a seat is free, for someone already waiting or booked in it, and for
/// a session that is over.
pub async fn join(
    cx: &Ctx,
    account: Option<&Account>,
    session_id: i64,
    input: &JoinInput,
) -> Refused<Joined> {
    let r = reach(cx, account, session_id).await?;
    let coach_id = r.session.coach_id;
    let visitors = store::settings(cx.db.pool(), coach_id)
        .await?
        .waitlist_visitors
        .0;
    let who = match joiner(cx, &r, input, visitors).await? {
        Ok(j) => j,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let key = email_key(&who.email);
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    bookings_store::lock_coach(&mut *tx, coach_id).await?;
    let s = store::session(&mut *tx, Some(coach_id), session_id).await?;
    if !is_open(&s, now) {
        return Ok(Err(WaitRefusal::Over));
    }
    if let Some(e) = store::live_for(&mut *tx, session_id, who.user_id, &key).await? {
        let place = place_of(&mut tx, &e).await?;
        return Ok(Err(WaitRefusal::AlreadyWaiting { place }));
    }
    if store::has_seat(&mut *tx, session_id, who.user_id, who.client_id, &key).await? {
        return Ok(Err(WaitRefusal::AlreadyBooked));
    }
    if s.free() > 0 {
        return Ok(Err(WaitRefusal::SeatsFree));
    }
    let id = store::insert(
        &mut *tx,
        &NewEntry {
            coach_id,
            session_id,
            client_id: who.client_id,
            user_id: who.user_id,
            name: &who.name,
            email: who.email.trim(),
            email_key: &key,
            time_zone: who.zone.name(),
        },
        now.into(),
    )
    .await
    .map_err(|e| match e {
        // The same person joining twice at the same moment: the index refused the second.
        StoreError::Unique { .. } => AppError::Refused(super::Refusal::Raced("waitlist")),
        e => e.into(),
    })?;
    let row = store::get(&mut *tx, session_id, id).await?;
    let place = place_of(&mut tx, &row).await?;
    tx.commit().await?;
    Ok(Ok(Joined {
        entry_id: id,
        place,
    }))
}

/// Takes the signed-in person off the waitlist; a seat held for them passes to the next.
pub async fn leave(cx: &Ctx, account: Option<&Account>, session_id: i64) -> AppResult<()> {
    let Some(account) = account else {
        return Err(AppError::Unauthenticated);
    };
    let r = reach(cx, Some(account), session_id).await?;
    let key = email_key(&account.email);
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    bookings_store::lock_coach(&mut *tx, r.session.coach_id).await?;
    let row = store::live_for(&mut *tx, session_id, Some(account.id), &key)
        .await?
        .ok_or(AppError::NotFound("waitlist entry"))?;
    close_and_pass(&mut tx, cx, &row, WaitlistStatus::Left, now).await?;
    tx.commit().await?;
    cx.wake.notify();
    Ok(())
}

/// Ends a live entry; when it held a seat, the seat goes to the next person.
async fn close_and_pass(
    tx: &mut Tx,
    cx: &Ctx,
    row: &EntryRow,
    status: WaitlistStatus,
    now: Timestamp,
) -> AppResult<()> {
    store::close(&mut **tx, row.id, status, None, now.into()).await?;
    if row.status == WaitlistStatus::Offered {
        seat_freed(tx, cx, row.coach_id, row.session_id, now).await?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The coach's list

/// Removes one entry from the coach's waitlist; a seat held for it passes to the next.
pub async fn remove(
    cx: &Ctx,
    coach: &Coach,
    session_id: i64,
    entry_id: i64,
) -> AppResult<Waitlist> {
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    bookings_store::lock_coach(&mut *tx, coach.id).await?;
    store::session(&mut *tx, Some(coach.id), session_id)
        .await
        .map_err(AppError::missing(WHAT))?;
    let row = store::get(&mut *tx, session_id, entry_id)
        .await
        .map_err(AppError::missing("waitlist entry"))?;
    if !row.status.is_live() {
        return Err(AppError::NotFound("waitlist entry"));
    }
    close_and_pass(&mut tx, cx, &row, WaitlistStatus::Removed, now).await?;
    tx.commit().await?;
    cx.wake.notify();
    for_coach(cx, coach, session_id).await
}

/// Puts the waiting entries in the order given: every waiting entry's id, once each.
pub async fn reorder(cx: &Ctx, coach: &Coach, session_id: i64, ids: &[i64]) -> AppResult<Waitlist> {
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    bookings_store::lock_coach(&mut *tx, coach.id).await?;
    store::session(&mut *tx, Some(coach.id), session_id)
        .await
        .map_err(AppError::missing(WHAT))?;
    let waiting: Vec<i64> = store::live(&mut *tx, session_id)
        .await?
        .into_iter()
        .filter(|e| e.status == WaitlistStatus::Waiting)
        .map(|e| e.id)
        .collect();
    let mut given = ids.to_vec();
    given.sort_unstable();
    let mut expected = waiting.clone();
    expected.sort_unstable();
    if given != expected {
        return Err(AppError::invalid(
            "entryIds",
            format!(
                "List each waiting entry once, in the new order: {} entr{} now ({}).",
                waiting.len(),
                if waiting.len() == 1 {
                    "y waits"
                } else {
                    "ies wait"
                },
                waiting
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    for (i, id) in ids.iter().enumerate() {
        let position = i64::try_from(i).unwrap_or(i64::MAX - 1) + 1;
        store::set_position(&mut *tx, *id, position, now.into()).await?;
    }
    tx.commit().await?;
    for_coach(cx, coach, session_id).await
}

/// Moves one waiting entry up (`-1`) or down (`+1`) a place (the page's buttons).
pub async fn nudge(
    cx: &Ctx,
    coach: &Coach,
    session_id: i64,
    entry_id: i64,
    by: i64,
) -> AppResult<Waitlist> {
    let list = for_coach(cx, coach, session_id).await?;
    let mut ids: Vec<i64> = list
        .entries
        .iter()
        .filter(|e| e.status == WaitlistStatus::Waiting)
        .map(|e| e.id)
        .collect();
    let Some(at) = ids.iter().position(|id| *id == entry_id) else {
        return Err(AppError::NotFound("waitlist entry"));
    };
    let to = if by < 0 {
        at.saturating_sub(1)
    } else {
        (at + 1).min(ids.len() - 1)
    };
    ids.swap(at, to);
    reorder(cx, coach, session_id, &ids).await
}

/// Offers a free seat to one waiting entry, ahead of the line.
pub async fn offer_directly(
    cx: &Ctx,
    coach: &Coach,
    session_id: i64,
    entry_id: i64,
) -> Refused<Waitlist> {
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    bookings_store::lock_coach(&mut *tx, coach.id).await?;
    let s = store::session(&mut *tx, Some(coach.id), session_id)
        .await
        .map_err(AppError::missing(WHAT))?;
    let row = store::get(&mut *tx, session_id, entry_id)
        .await
        .map_err(AppError::missing("waitlist entry"))?;
    if !is_open(&s, now) {
        return Ok(Err(WaitRefusal::Over));
    }
    if row.status != WaitlistStatus::Waiting {
        return Ok(Err(WaitRefusal::NotWaiting));
    }
    if s.free() == 0 {
        return Ok(Err(WaitRefusal::NoFreeSeat));
    }
    make_offer(&mut tx, cx, &s, &row, now).await?;
    tx.commit().await?;
    cx.wake.notify();
    Ok(Ok(for_coach(cx, coach, session_id).await?))
}

// ---------------------------------------------------------------------------------------------
// Offers

fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The claim page of an offer's token.
pub fn claim_path(token: &str) -> String {
    format!("/waitlist/claim/{token}")
}

#[derive(Debug, Serialize, Deserialize)]
struct ExpireArgs {
    entry_id: i64,
    session_id: i64,
}

/// Offers a seat of `s` to `row` (waiting): holds it until the deadline, tells them, and queues
/// the job that passes it on when unclaimed. Inside the caller's transaction, under the lock.
async fn make_offer(
    tx: &mut Tx,
    cx: &Ctx,
    s: &SessionFacts,
    row: &EntryRow,
    now: Timestamp,
) -> AppResult<()> {
    let hours = store::settings(&mut **tx, s.coach_id)
        .await?
        .waitlist_offer_hours;
    let start = s.start_at.timestamp();
    let deadline = now
        .checked_add(SignedDuration::from_hours(hours))
        .map_err(|e| anyhow::anyhow!("offer deadline: {e}"))?
        .min(start);
    let bytes: [u8; 32] = rand::thread_rng().gen();
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    store::offer(
        &mut **tx,
        row.id,
        &hash(&token),
        deadline.into(),
        now.into(),
    )
    .await?;
    jobs::enqueue(
        &mut **tx,
        kinds::WAITLIST_OFFER_EXPIRE,
        &ExpireArgs {
            entry_id: row.id,
            session_id: row.session_id,
        },
        Some(s.coach_id),
        deadline,
        Some(format!("waitlist.offer:{}", row.id)),
        now,
    )
    .await?;
    let path = claim_path(&token);
    notify::waitlist::offered(
        tx,
        cx,
        &notify::waitlist::Offer {
            coach_id: s.coach_id,
            user_id: row.user_id,
            name: &row.name,
            email: &row.email,
            zone: &row.time_zone.0,
            session_type: &s.session_type_name,
            start,
            end: s.end_at.timestamp(),
            expires: deadline,
            claim_path: &path,
        },
        now,
    )
    .await
}

/// A seat may have come free in session `session_id` (a booking cancelled, the capacity raised,
/// an offer lapsed or passed on): offers every free seat to the next people waiting, in order.
/// Call it inside the transaction that freed the seat, which holds the coach's lock.
pub async fn seat_freed(
    tx: &mut Tx,
    cx: &Ctx,
    coach_id: i64,
    session_id: i64,
    now: Timestamp,
) -> AppResult<()> {
    let s = match store::session(&mut **tx, Some(coach_id), session_id).await {
        Ok(s) => s,
        Err(StoreError::NotFound) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    if !is_open(&s, now) || s.free() == 0 {
        return Ok(());
    }
    let free = usize::try_from(s.free()).unwrap_or(0);
    let next: Vec<EntryRow> = store::live(&mut **tx, session_id)
        .await?
        .into_iter()
        .filter(|e| e.status == WaitlistStatus::Waiting)
        .take(free)
        .collect();
    for row in &next {
        make_offer(tx, cx, &s, row, now).await?;
    }
    Ok(())
}

/// The `waitlist.offer_expire` job: an offer still unclaimed at its deadline lapses and the seat
/// goes to the next person waiting.
pub async fn run_expiry(cx: &Ctx, job: &JobRow) -> Outcome {
    let args: ExpireArgs = match jobs::args(job) {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    match expire(cx, &args).await {
        Ok(()) => Outcome::Done,
        Err(e) => Outcome::Retry(format!(
            "could not expire waitlist offer {}: {e}",
            args.entry_id
        )),
    }
}

async fn expire(cx: &Ctx, args: &ExpireArgs) -> AppResult<()> {
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    let row = match store::get(&mut *tx, args.session_id, args.entry_id).await {
        Ok(r) => r,
        // Deleted with its session or coach: nothing to do.
        Err(StoreError::NotFound) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    bookings_store::lock_coach(&mut *tx, row.coach_id).await?;
    let row = store::get(&mut *tx, args.session_id, args.entry_id).await?;
    if row.status != WaitlistStatus::Offered {
        return Ok(());
    }
    if row.offer_expires_at.is_some_and(|t| t.timestamp() > now) {
        return Err(anyhow::anyhow!("not due until {:?}", row.offer_expires_at).into());
    }
    close_and_pass(&mut tx, cx, &row, WaitlistStatus::Expired, now).await?;
    tx.commit().await?;
    cx.wake.notify();
    Ok(())
}

/// An offer as its claim page shows it to the token's holder: their own name, the coach, the
/// session and the deadline; nobody else.
#[derive(Debug, Clone)]
pub struct OfferPage {
    pub name: String,
    pub coach_name: String,
    pub slug: String,
    pub session_id: i64,
    pub session_type_name: String,
    pub start: Timestamp,
    pub end: Timestamp,
    pub zone: Zone,
    pub status: WaitlistStatus,
    pub expires: Option<Timestamp>,
    /// Whether it can be claimed now (offered, in time, the session still ahead).
    pub claimable: bool,
}

fn token_ok(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The offer a token opens; "not found" for an unknown or malformed token.
pub async fn offer_page(cx: &Ctx, token: &str) -> AppResult<OfferPage> {
    if !token_ok(token) {
        return Err(AppError::NotFound("offer"));
    }
    let mut conn = cx.db.pool().acquire().await?;
    let row = store::by_token_hash(&mut *conn, &hash(token))
        .await
        .map_err(AppError::missing("offer"))?;
    let s = store::session(&mut *conn, Some(row.coach_id), row.session_id)
        .await
        .map_err(AppError::missing("offer"))?;
    let coach = crate::store::emails::coach_contact(&mut *conn, row.coach_id).await?;
    let now = cx.now();
    let in_time = row.offer_expires_at.is_some_and(|t| t.timestamp() > now);
    Ok(OfferPage {
        claimable: row.status == WaitlistStatus::Offered && in_time && is_open(&s, now),
        name: row.name,
        coach_name: coach.name,
        slug: s.slug.clone(),
        session_id: s.id,
        session_type_name: s.session_type_name.clone(),
        start: s.start_at.timestamp(),
        end: s.end_at.timestamp(),
        zone: row.time_zone.0,
        status: row.status,
        expires: row.offer_expires_at.map(UnixTime::timestamp),
    })
}

/// A seat claimed: the booking made, and its manage link when the person has no account.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub booking_id: i64,
    pub session_id: i64,
    pub start: Timestamp,
    pub end: Timestamp,
    pub session_type_name: String,
    pub manage_token: Option<String>,
}

/// Reads the token's entry under the coach's lock and checks it is an offer still open to
/// `account`. A lapsed offer is closed and passed on here (committed by the caller).
async fn open_offer(
    tx: &mut Tx,
    cx: &Ctx,
    account: Option<&Account>,
    session_id: Option<i64>,
    token: &str,
    now: Timestamp,
) -> AppResult<Result<(EntryRow, SessionFacts), WaitRefusal>> {
    if !token_ok(token) {
        return Err(AppError::NotFound("offer"));
    }
    let hashed = hash(token);
    let first = store::by_token_hash(&mut **tx, &hashed)
        .await
        .map_err(AppError::missing("offer"))?;
    if session_id.is_some_and(|id| id != first.session_id) {
        return Err(AppError::NotFound("offer"));
    }
    bookings_store::lock_coach(&mut **tx, first.coach_id).await?;
    let row = store::by_token_hash(&mut **tx, &hashed).await?;
    if let (Some(owner), Some(a)) = (row.user_id, account) {
        if owner != a.id {
            return Ok(Err(WaitRefusal::NotYours));
        }
    }
    match row.status {
        WaitlistStatus::Offered => {}
        WaitlistStatus::Claimed => return Ok(Err(WaitRefusal::AlreadyClaimed)),
        WaitlistStatus::Expired => return Ok(Err(WaitRefusal::OfferExpired)),
        _ => return Ok(Err(WaitRefusal::OfferWithdrawn)),
    }
    if row.offer_expires_at.is_none_or(|t| t.timestamp() <= now) {
        close_and_pass(tx, cx, &row, WaitlistStatus::Expired, now).await?;
        return Ok(Err(WaitRefusal::OfferExpired));
    }
    let s = store::session(&mut **tx, Some(row.coach_id), row.session_id).await?;
    if !is_open(&s, now) {
        return Ok(Err(WaitRefusal::Over));
    }
    Ok(Ok((row, s)))
}

/// Claims the seat a token offers: books it for the person offered it, under the coach's lock,
/// counting the seats booked and the others held again so the session can never overfill.
/// `session_id`, when given, must be the offer's session.
pub async fn claim(
    cx: &Ctx,
    account: Option<&Account>,
    session_id: Option<i64>,
    token: &str,
) -> Refused<Claimed> {
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    let (row, s) = match open_offer(&mut tx, cx, account, session_id, token, now).await? {
        Ok(found) => found,
        Err(refusal) => {
            // A lapsed offer was closed and passed on: keep that.
            tx.commit().await?;
            cx.wake.notify();
            return Ok(Err(refusal));
        }
    };
    // This entry's own hold is one of `held`: the seat it holds is the one it takes.
    if s.booked + s.held > s.capacity {
        return Ok(Err(WaitRefusal::NoFreeSeat));
    }
    let booking_id = bookings_store::insert_booking(
        &mut *tx,
        &NewBooking {
            coach_id: s.coach_id,
            session_id: s.id,
            user_id: row.user_id,
            name: &row.name,
            email: &row.email,
            status: BookingStatus::Confirmed,
            notes: "",
            client_id: row.client_id,
            enrolment_id: None,
            application_id: None,
        },
        now.into(),
    )
    .await?;
    let manage_token = if row.client_id.is_none() {
        Some(manage::issue(&mut tx, s.coach_id, booking_id).await?)
    } else {
        None
    };
    store::close(
        &mut *tx,
        row.id,
        WaitlistStatus::Claimed,
        Some(booking_id),
        now.into(),
    )
    .await?;
    let event = notify::Event::BookingCreated { booking_id };
    notify::on(&mut tx, cx, s.coach_id, &event, now).await?;
    tx.commit().await?;
    cx.wake.notify();
    Ok(Ok(Claimed {
        booking_id,
        session_id: s.id,
        start: s.start_at.timestamp(),
        end: s.end_at.timestamp(),
        session_type_name: s.session_type_name,
        manage_token,
    }))
}

/// Passes on the seat a token offers (the person does not want it): it goes to the next.
pub async fn pass(cx: &Ctx, account: Option<&Account>, token: &str) -> Refused<()> {
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    let row = match open_offer(&mut tx, cx, account, None, token, now).await? {
        Ok((row, _)) => row,
        Err(WaitRefusal::Over) => {
            return Ok(Err(WaitRefusal::Over));
        }
        Err(refusal) => {
            tx.commit().await?;
            return Ok(Err(refusal));
        }
    };
    close_and_pass(&mut tx, cx, &row, WaitlistStatus::Left, now).await?;
    tx.commit().await?;
    cx.wake.notify();
    Ok(Ok(()))
}

/// The coach's settings and the page a full session's waitlist is joined on, for a page's link.
pub fn join_path(slug: &str, session_id: i64) -> String {
    format!("/c/{slug}/waitlist/{session_id}")
}

/// The waiting count of each of the coach's sessions among `session_ids` (for lists).
pub async fn waiting_counts(
    cx: &Ctx,
    coach: &Coach,
    session_ids: &[i64],
) -> AppResult<Vec<(i64, i64)>> {
    Ok(store::waiting_counts(cx.db.pool(), coach.id, session_ids).await?)
}
