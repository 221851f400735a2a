//! The client's own side: "My sessions" (a signed-in person's bookings and package credits at
//! every practice they are connected to or booked with) and the manage link `/b/{token}` (one
//! booking, for whoever holds the link). Both cancel and reschedule under the coach's cut-offs
//! (the core's [`can_cancel_free`] and [`can_reschedule`]), say what acting now means for the
//! package credit before the person acts, and move a booking only to an open time of its type,
//! through the same conflict check under the coach's lock as every booking.
//!
//! Nothing here reads another person's booking: a booking id that is not the account's own, or
//! a token that opens nothing, is "not found" exactly as a missing one is.

use coachbook_core::availability::{Query, Slot, StartClass};
use coachbook_core::booking::{transition, BookingAction, BookingStatus};
use coachbook_core::credit::{self, CreditKind, CreditState};
use coachbook_core::policy::{can_cancel_free, can_reschedule, BookingPolicy};
use coachbook_core::practice::EnrolmentStatus;
use coachbook_core::time::{local_date, rfc3339, Interval, SessionId, Zone};
use coachbook_core::validate;
use coachbook_core::validate::InvalidInput;
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;
use utoipa::ToSchema;

use super::accounts::{Account, Coach};
use super::availability::{calendar_for, load_calendar};
use super::bookings::{reschedule_in, TimeInput};
use super::i18n::Tr;
use super::privacy::{visit, Visit};
use super::{notify, AppError, AppResult, Ctx, Refusal};
use crate::store::bookings as bookings_store;
use crate::store::enrolments::{self, NewCredit};
use crate::store::invitations::{self as store, MyBookingRow};
use crate::store::types::IsoDate;
use crate::store::{session_types, Tx};

/// How many upcoming and how many past bookings one answer holds, at most.
pub const LIST_LIMIT: i64 = 100;
/// How far ahead the open times offered for rescheduling reach, and how many are listed.
pub const RESCHEDULE_DAYS: i64 = 14;
pub const RESCHEDULE_SLOTS: usize = 60;

/// What a person may do with one of their bookings now, and what it costs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    pub may_cancel: bool,
    /// Cancelling now is before the cancellation cut-off (a held credit comes back).
    pub cancel_free: bool,
    pub may_reschedule: bool,
    /// The booking holds a package credit.
    pub holds_credit: bool,
    /// The coach's page shows its calendar to this person (open times can be offered).
    pub sees_calendar: bool,
    pub cancel_cutoff: SignedDuration,
    pub reschedule_cutoff: SignedDuration,
    pub start: Timestamp,
    pub live: bool,
}

impl Rules {
    pub fn new(
        policy: &BookingPolicy,
        status: BookingStatus,
        start: Timestamp,
        credit: Option<CreditState>,
        sees_calendar: bool,
        now: Timestamp,
    ) -> Self {
        let live = status.is_live() && now < start;
        Self {
            may_cancel: live,
            cancel_free: can_cancel_free(policy, start, now),
            may_reschedule: live && sees_calendar && can_reschedule(policy, start, now),
            holds_credit: credit == Some(CreditState::Held),
            sees_calendar,
            cancel_cutoff: policy.cancellation_cutoff,
            reschedule_cutoff: policy.reschedule_cutoff,
            start,
            live,
        }
    }

    fn until(&self, cutoff: SignedDuration, zone: &Zone) -> String {
        let at = self.start.checked_sub(cutoff).unwrap_or(self.start);
        Tr::current().t2(
            "policy-until",
            "when",
            crate::app::dates::day_time(at, zone),
            "zone",
            zone.name(),
        )
    }

    /// The cancellation policy and what cancelling now does to the credit, said before acting,
    /// in the reader's language (`policy.ftl`).
    pub fn cancel_line(&self, zone: &Zone) -> String {
        if !self.may_cancel {
            return String::new();
        }
        let tr = Tr::current();
        let cutoff = duration_words(self.cancel_cutoff);
        match (self.cancel_free, self.holds_credit) {
            (true, true) => tr.t1(
                "policy-cancel-credit-back",
                "until",
                self.until(self.cancel_cutoff, zone),
            ),
            (true, false) => tr.t1(
                "policy-cancel-free",
                "until",
                self.until(self.cancel_cutoff, zone),
            ),
            (false, true) => tr.t1("policy-cancel-late-credit", "cutoff", cutoff),
            (false, false) => tr.t1("policy-cancel-late", "cutoff", cutoff),
        }
    }

    /// When rescheduling is possible, or why the button is gone, in the reader's language.
    pub fn reschedule_line(&self, zone: &Zone, coach_name: &str) -> String {
        let tr = Tr::current();
        if !self.live {
            String::new()
        } else if self.may_reschedule {
            tr.t1(
                "policy-reschedule-until",
                "until",
                self.until(self.reschedule_cutoff, zone),
            )
        } else if !self.sees_calendar {
            tr.t1("policy-reschedule-offline", "coach", coach_name)
        } else {
            tr.t2(
                "policy-reschedule-past-cutoff",
                "cutoff",
                duration_words(self.reschedule_cutoff),
                "coach",
                coach_name,
            )
        }
    }
}

/// "24 hours", "90 minutes", "2 days" (in the reader's language: "24 Stunden").
pub fn duration_words(d: SignedDuration) -> String {
    let tr = Tr::current();
    let mins = d.as_mins();
    if mins % (24 * 60) == 0 && mins >= 48 * 60 {
        tr.t1("policy-days", "count", mins / (24 * 60))
    } else if mins % 60 == 0 {
        tr.t1("policy-hours", "count", mins / 60)
    } else {
        tr.t1("policy-minutes", "count", mins)
    }
}

/// One of the person's own bookings, as they read it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MyBooking {
    pub id: i64,
    pub coach_name: String,
    /// The coach's page, `/c/{slug}`.
    pub coach_page: String,
    pub session_type_name: String,
    /// `#rrggbb`.
    pub session_type_color: String,
    /// RFC 3339 in your time zone.
    pub start: String,
    pub end: String,
    /// The zone `start` and `end` are written in.
    pub time_zone: String,
    /// `pending`, `confirmed`, `cancelled`, `completed` or `no_show`.
    #[schema(value_type = String)]
    pub status: BookingStatus,
    pub cancel_reason: String,
    /// The session's meeting link (yours: it is your session).
    pub meeting_url: String,
    /// The package whose credit the booking uses.
    pub package_name: Option<String>,
    /// `held`, `released` or `used`, when the booking uses a credit.
    #[schema(value_type = Option<String>)]
    pub credit: Option<CreditState>,
    pub upcoming: bool,
    pub can_cancel: bool,
    /// Cancelling now is in time: free, and a held credit comes back.
    pub cancel_is_free: bool,
    pub can_reschedule: bool,
    /// What cancelling now means, in words (empty when it cannot be cancelled).
    pub cancel_policy: String,
    /// When it can be rescheduled, or why not (empty when it is over).
    pub reschedule_policy: String,
    #[serde(skip)]
    #[schema(ignore)]
    pub start_at: Timestamp,
    #[serde(skip)]
    #[schema(ignore)]
    pub end_at: Timestamp,
}

impl MyBooking {
    fn new(row: &MyBookingRow, rules: &Rules, zone: &Zone, now: Timestamp) -> Self {
        let (start, end) = (row.start_at.timestamp(), row.end_at.timestamp());
        Self {
            id: row.id,
            coach_name: row.coach_name.clone(),
            coach_page: format!("/c/{}", row.coach_slug),
            session_type_name: row.session_type_name.clone(),
            session_type_color: row.session_type_color.clone(),
            start: rfc3339(start, zone),
            end: rfc3339(end, zone),
            time_zone: zone.name().to_owned(),
            status: row.status,
            cancel_reason: row.cancel_reason.clone(),
            meeting_url: row.meeting_url.clone(),
            package_name: row.package_name.clone(),
            credit: row.last_credit_entry.0.and_then(CreditState::after),
            upcoming: end > now,
            can_cancel: rules.may_cancel,
            cancel_is_free: rules.may_cancel && rules.cancel_free,
            can_reschedule: rules.may_reschedule,
            cancel_policy: rules.cancel_line(zone),
            reschedule_policy: rules.reschedule_line(zone, &row.coach_name),
            start_at: start,
            end_at: end,
        }
    }

    /// Whether the meeting link is a web link (else it is shown as text, e.g. an address).
    pub fn meeting_link(&self) -> bool {
        self.meeting_url.starts_with("https://") || self.meeting_url.starts_with("http://")
    }
}

/// One of the person's bookings, opened to act on: the booking, the coach's page as this person
/// sees it, the coach's policy and what it allows now.
#[derive(Debug, Clone)]
pub struct Managed {
    pub row: MyBookingRow,
    pub visit: Visit,
    pub rules: Rules,
    /// The zone the person reads times in.
    pub zone: Zone,
    pub booking: MyBooking,
}

async fn managed(
    cx: &Ctx,
    row: MyBookingRow,
    account: Option<&Account>,
    zone: Zone,
) -> AppResult<Managed> {
    let visit = visit(cx, account, &row.coach_slug).await?;
    let policy = crate::store::availability::policy(cx.db.pool(), row.coach_id).await?;
    let now = cx.now();
    let rules = Rules::new(
        &policy,
        row.status,
        row.start_at.timestamp(),
        row.last_credit_entry.0.and_then(CreditState::after),
        visit.view.sees_calendar(),
        now,
    );
    let booking = MyBooking::new(&row, &rules, &zone, now);
    Ok(Managed {
        row,
        visit,
        rules,
        zone,
        booking,
    })
}

const WHAT: &str = "booking";

/// The account's own booking `id`; anyone else's is "not found", as a missing one is.
pub async fn mine(cx: &Ctx, account: &Account, id: i64) -> AppResult<Managed> {
    let row = store::my_booking(cx.db.pool(), account.id, id)
        .await
        .map_err(AppError::missing(WHAT))?;
    managed(cx, row, Some(account), account.zone.clone()).await
}

/// The booking a manage link opens, read in `zone` (else the signed-in account's, else the
/// coach's). A malformed or unknown token is "not found".
pub async fn by_token(
    cx: &Ctx,
    token: &str,
    account: Option<&Account>,
    zone: Option<Zone>,
) -> AppResult<Managed> {
    let (coach_id, booking_id) = super::manage::resolve(cx.db.pool(), token).await?;
    let row = store::booking(cx.db.pool(), coach_id, booking_id)
        .await
        .map_err(AppError::missing(WHAT))?;
    let zone = match (zone, account) {
        (Some(z), _) => z,
        (None, Some(a)) => a.zone.clone(),
        (None, None) => crate::store::privacy::by_coach(cx.db.pool(), coach_id)
            .await?
            .time_zone
            .0
            .clone(),
    };
    managed(cx, row, account, zone).await
}

/// The account's bookings across practices: upcoming (soonest first), then past (newest first).
pub async fn bookings(cx: &Ctx, account: &Account) -> AppResult<Vec<MyBooking>> {
    let now = cx.now();
    let mut conn = cx.db.pool().acquire().await?;
    let mut rows = store::my_upcoming(&mut *conn, account.id, now.into(), LIST_LIMIT).await?;
    rows.extend(store::my_past(&mut *conn, account.id, now.into(), LIST_LIMIT).await?);
    let mut policies: Vec<(i64, BookingPolicy, bool)> = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let (policy, sees) = match policies.iter().find(|(c, _, _)| *c == row.coach_id) {
            Some((_, p, s)) => (p.clone(), *s),
            None => {
                let policy = crate::store::availability::policy(&mut *conn, row.coach_id).await?;
                let sees = visit(cx, Some(account), &row.coach_slug)
                    .await?
                    .view
                    .sees_calendar();
                policies.push((row.coach_id, policy.clone(), sees));
                (policy, sees)
            }
        };
        let rules = Rules::new(
            &policy,
            row.status,
            row.start_at.timestamp(),
            row.last_credit_entry.0.and_then(CreditState::after),
            sees,
            now,
        );
        out.push(MyBooking::new(&row, &rules, &account.zone, now));
    }
    Ok(out)
}

/// A client's enrolment in a package, as they read it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MyEnrolment {
    pub id: i64,
    pub package_name: String,
    pub sessions_total: i64,
    pub credits_remaining: i64,
    /// `YYYY-MM-DD` in the coach's time zone.
    pub starts_on: String,
    /// The first day the credits can no longer be used; `null` = no expiry.
    pub expires_on: Option<String>,
    /// `active`, `completed` or `cancelled`.
    #[schema(value_type = String)]
    pub status: EnrolmentStatus,
    pub expired: bool,
}

/// One line of the client's credit ledger.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MyCreditEntry {
    pub id: i64,
    pub enrolment_id: i64,
    pub package_name: String,
    pub booking_id: Option<i64>,
    /// `grant`, `hold`, `release`, `use` or `waive`.
    #[schema(value_type = String)]
    pub kind: CreditKind,
    pub delta: i64,
    pub note: String,
    /// RFC 3339 in your time zone.
    pub created_at: String,
}

/// The package credits at one practice the account is connected to.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MyCredits {
    pub coach_name: String,
    pub coach_page: String,
    pub enrolments: Vec<MyEnrolment>,
    /// Newest first.
    pub entries: Vec<MyCreditEntry>,
}

/// A practice the account is connected to or booked with.
#[derive(Debug, Clone)]
pub struct Practice {
    pub coach_id: i64,
    pub coach_name: String,
    pub coach_slug: String,
    /// Connected as a client (credits are theirs to see).
    pub connected: bool,
    pub credits: Option<MyCredits>,
    /// What the next session of each type costs them, when the coach shows prices (type name,
    /// line); empty unless connected.
    pub prices: Vec<(String, String)>,
}

/// The practices the account is connected to (or booked with), each with its credits.
pub async fn practices(cx: &Ctx, account: &Account) -> AppResult<Vec<Practice>> {
    let now = cx.now();
    let mut conn = cx.db.pool().acquire().await?;
    let rows = store::practices(&mut *conn, account.id).await?;
    let mut out = Vec::with_capacity(rows.len());
    for p in rows {
        let credits = match p.client_id {
            Some(client_id) => {
                let today = local_date(p.coach_zone.0.tz(), now);
                let enrolments = enrolments::for_client(&mut *conn, p.coach_id, client_id)
                    .await?
                    .into_iter()
                    .map(|e| {
                        let expires_on = e.expires_on.map(IsoDate::date);
                        MyEnrolment {
                            id: e.id,
                            package_name: e.package_name,
                            sessions_total: e.sessions_total,
                            credits_remaining: e.credits_remaining,
                            starts_on: e.starts_on.to_string(),
                            expires_on: expires_on.map(|d| d.to_string()),
                            status: e.status,
                            expired: credit::usable_on(expires_on, today).is_err(),
                        }
                    })
                    .collect();
                let entries = enrolments::credits_for_client(&mut *conn, p.coach_id, client_id)
                    .await?
                    .into_iter()
                    .map(|c| MyCreditEntry {
                        id: c.id,
                        enrolment_id: c.enrolment_id,
                        package_name: c.package_name,
                        booking_id: c.booking_id,
                        kind: c.kind,
                        delta: c.delta,
                        note: c.note,
                        created_at: rfc3339(c.created_at.timestamp(), &account.zone),
                    })
                    .collect();
                Some(MyCredits {
                    coach_name: p.coach_name.clone(),
                    coach_page: format!("/c/{}", p.coach_slug),
                    enrolments,
                    entries,
                })
            }
            None => None,
        };
        let prices = match p.client_id {
            Some(client_id) => super::pricing::my_prices(&mut conn, p.coach_id, client_id).await?,
            None => Vec::new(),
        };
        out.push(Practice {
            prices,
            coach_id: p.coach_id,
            coach_name: p.coach_name,
            coach_slug: p.coach_slug,
            connected: p.client_id.is_some(),
            credits,
        });
    }
    Ok(out)
}

/// The credits at every practice the account is connected to.
pub async fn credits(cx: &Ctx, account: &Account) -> AppResult<Vec<MyCredits>> {
    Ok(practices(cx, account)
        .await?
        .into_iter()
        .filter_map(|p| p.credits)
        .collect())
}

/// Why a person's change to their booking is refused as things stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MyRefusal {
    /// The session has started (or is over): nothing to cancel or move.
    Started,
    /// Cancelled, completed or no-show: nothing to change.
    NotLive(BookingStatus),
    /// Past the reschedule cut-off.
    PastCutoff {
        cutoff: SignedDuration,
        coach_name: String,
    },
    /// The coach's calendar is not shown to this person, so no open time can be offered.
    NoOnlineReschedule { coach_name: String },
}

impl MyRefusal {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Started => "session_started",
            Self::NotLive(_) => "not_changeable",
            Self::PastCutoff { .. } => "past_cutoff",
            Self::NoOnlineReschedule { .. } => "reschedule_unavailable",
        }
    }

    pub fn message(&self) -> String {
        match self {
            Self::Started => "The session has already started, so it can no longer be changed \
                online."
                .into(),
            Self::NotLive(s) => format!(
                "This booking is {}; it can no longer be changed.",
                s.as_str().replace('_', "-")
            ),
            // The same sentences as the policy lines, in the reader's language (English on /api).
            Self::PastCutoff { cutoff, coach_name } => Tr::current().t2(
                "policy-reschedule-past-cutoff",
                "cutoff",
                duration_words(*cutoff),
                "coach",
                coach_name.as_str(),
            ),
            Self::NoOnlineReschedule { coach_name } => {
                Tr::current().t1("policy-reschedule-offline", "coach", coach_name.as_str())
            }
        }
    }
}

/// A change's answer: done, refused as things stand, or failed.
#[derive(Debug)]
pub enum MyError {
    Refused(MyRefusal),
    App(AppError),
}

impl<E: Into<AppError>> From<E> for MyError {
    fn from(e: E) -> Self {
        Self::App(e.into())
    }
}

impl From<MyRefusal> for MyError {
    fn from(r: MyRefusal) -> Self {
        Self::Refused(r)
    }
}

pub type MyResult<T> = Result<T, MyError>;

/// Reads the booking again under the coach's lock (it may have changed since it was shown).
async fn locked(tx: &mut Tx, m: &Managed, coach: &Coach) -> MyResult<bookings_store::BookingRow> {
    bookings_store::lock_coach(&mut **tx, coach.id).await?;
    Ok(bookings_store::get_booking(&mut **tx, coach.id, m.row.id)
        .await
        .map_err(AppError::missing(WHAT))?)
}

/// Cancels the person's booking. Before the cancellation cut-off a held package credit comes
/// back; after it, the credit counts as used. The coach is told (in-app and by email).
/// `actor` is the signed-in person, recorded on the ledger (none for a manage link).
pub async fn cancel(cx: &Ctx, m: &Managed, reason: &str, actor: Option<i64>) -> MyResult<()> {
    let reason = super::catalog::text("reason", reason, 1000)?;
    let coach = m.visit.page.coach();
    let now = cx.now();
    let stamp = now.into();
    let mut tx = cx.db.begin_write().await?;
    let row = locked(&mut tx, m, &coach).await?;
    let start = row.start_at.timestamp();
    if !row.status.is_live() {
        return Err(MyRefusal::NotLive(row.status).into());
    }
    if now >= start {
        return Err(MyRefusal::Started.into());
    }
    let to = transition(row.status, BookingAction::Cancel, start, now)
        .map_err(|e| AppError::from(Refusal::Transition(e)))?;
    bookings_store::set_booking_status(&mut *tx, coach.id, row.id, to, &reason, stamp).await?;
    let event = notify::Event::BookingCancelled {
        booking_id: row.id,
        by_client: true,
    };
    notify::on(&mut tx, cx, coach.id, &event, now).await?;
    if bookings_store::seats_taken(&mut *tx, row.session_id).await? == 0 {
        bookings_store::cancel_session(&mut *tx, row.session_id, stamp).await?;
    }
    super::waitlist::seat_freed(&mut tx, cx, coach.id, row.session_id, now).await?;
    if let Some(enrolment_id) = row.enrolment_id {
        let state = row.last_credit_entry.0.and_then(CreditState::after);
        let policy = crate::store::availability::policy(&mut *tx, coach.id).await?;
        let in_time = can_cancel_free(&policy, start, now);
        if let Some(kind) = credit::settle(state, to, in_time) {
            let note = match kind {
                CreditKind::Release => "Cancelled by the client before the cut-off",
                _ => "Cancelled late by the client",
            };
            enrolments::add_credit(
                &mut *tx,
                &NewCredit {
                    coach_id: coach.id,
                    enrolment_id,
                    booking_id: Some(row.id),
                    kind,
                    delta: kind.delta(0),
                    actor_user_id: actor,
                    note,
                },
                stamp,
            )
            .await?;
        }
    }
    tx.commit().await?;
    cx.wake.notify();
    Ok(())
}

/// The open times the booking can move to: its session type's slots over the
/// [`RESCHEDULE_DAYS`] days from `after` (default now) as the coach offers them, at most
/// [`RESCHEDULE_SLOTS`], its own time left out.
pub async fn open_times(cx: &Ctx, m: &Managed, after: Option<Timestamp>) -> AppResult<Vec<Slot>> {
    if !m.rules.may_reschedule {
        return Ok(Vec::new());
    }
    let coach = m.visit.page.coach();
    let now = cx.now();
    let from = after.map_or(now, |a| a.max(now));
    let horizon = now
        .checked_add(SignedDuration::from_hours(
            i64::from(coachbook_core::policy::MAX_DAYS_AHEAD) * 24,
        ))
        .map_err(|e| anyhow::anyhow!("reschedule horizon: {e}"))?;
    if from >= horizon {
        return Ok(Vec::new());
    }
    let to = from
        .checked_add(SignedDuration::from_hours(RESCHEDULE_DAYS * 24))
        .map_err(|e| anyhow::anyhow!("reschedule range: {e}"))?;
    let mut conn = cx.db.pool().acquire().await?;
    let st = session_types::get(&mut *conn, coach.id, m.row.session_type_id).await?;
    let alone = bookings_store::seats_taken(&mut *conn, m.row.session_id).await? <= 1;
    drop(conn);
    let cached = calendar_for(
        cx,
        &coach,
        coachbook_core::availability::data_window(from, to),
        now,
    )
    .await?;
    let query = Query {
        session_type: super::session_types::spec(&st)?,
        policy: cached.policy.clone(),
        now,
        from,
        to,
        exclude_session: alone.then_some(SessionId(m.row.session_id)),
    };
    let found = cached
        .calendar
        .availability(&query)
        .map_err(|e| anyhow::anyhow!("open times for rescheduling: {e}"))?;
    let current = m.row.start_at.timestamp();
    Ok(found
        .slots
        .into_iter()
        .filter(|s| s.start != current)
        .take(RESCHEDULE_SLOTS)
        .collect())
}

/// Moves the person's booking to `start` (RFC 3339), which must be an open time of its session
/// type: checked under the coach's lock against everything on the calendar, as every booking is.
/// The coach is told (in-app and by email).
pub async fn reschedule(cx: &Ctx, m: &Managed, start: &str) -> MyResult<()> {
    let coach = m.visit.page.coach();
    let now = cx.now();
    let new_start = validate::instant("start", start).map_err(AppError::from)?;
    let mut tx = cx.db.begin_write().await?;
    let row = locked(&mut tx, m, &coach).await?;
    let old_start = row.start_at.timestamp();
    if !row.status.is_live() {
        return Err(MyRefusal::NotLive(row.status).into());
    }
    if now >= old_start {
        return Err(MyRefusal::Started.into());
    }
    if !m.visit.view.sees_calendar() {
        return Err(MyRefusal::NoOnlineReschedule {
            coach_name: coach.name.clone(),
        }
        .into());
    }
    let policy = crate::store::availability::policy(&mut *tx, coach.id).await?;
    if !can_reschedule(&policy, old_start, now) {
        return Err(MyRefusal::PastCutoff {
            cutoff: policy.reschedule_cutoff,
            coach_name: coach.name.clone(),
        }
        .into());
    }
    let st = session_types::get(&mut *tx, coach.id, row.session_type_id).await?;
    let spec = super::session_types::spec(&st)?;
    let length = row.end_at.timestamp().duration_since(old_start);
    let end = new_start.checked_add(length).map_err(|_| {
        AppError::from(
            InvalidInput::new("start", "Choose an earlier time.")
                .key("validate-choose-earlier-time"),
        )
    })?;
    let alone = bookings_store::seats_taken(&mut *tx, row.session_id).await? <= 1;
    let exclude = alone.then_some(SessionId(row.session_id));
    let calendar = load_calendar(
        &mut tx,
        coach.id,
        &coach.zone,
        Interval {
            start: new_start,
            end,
        },
        None,
    )
    .await?;
    let class = calendar
        .classify_start(&spec, &policy, now, new_start, exclude)
        .map_err(|_| {
            AppError::from(
                InvalidInput::new(
                    "start",
                    "That time is not open for booking. Choose one of the open times.",
                )
                .key("validate-time-not-open-booking"),
            )
        })?;
    match class {
        StartClass::Offered(_) => {}
        StartClass::Conflict(with) => {
            return Err(AppError::from(Refusal::Collision {
                with,
                zone: m.zone.clone(),
            })
            .into())
        }
        StartClass::OutsidePolicy(_) => {
            return Err(AppError::from(
                InvalidInput::new(
                    "start",
                    "That time is not open for booking. Choose one of the open times.",
                )
                .key("validate-time-not-open-booking"),
            )
            .into())
        }
    }
    let when = TimeInput {
        start: rfc3339(new_start, &coach.zone),
        ..TimeInput::default()
    };
    reschedule_in(&mut tx, &coach, row.id, &when, false, now).await?;
    let event = notify::Event::BookingRescheduled { booking_id: row.id };
    notify::on(&mut tx, cx, coach.id, &event, now).await?;
    tx.commit().await?;
    cx.wake.notify();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn rules(now: &str, credit: Option<CreditState>) -> Rules {
        Rules::new(
            &BookingPolicy::default(),
            BookingStatus::Confirmed,
            ts("2026-11-10T10:00:00Z"),
            credit,
            true,
            ts(now),
        )
    }

    #[test]
    fn in_time_the_credit_comes_back_and_rescheduling_is_open() {
        let r = rules("2026-11-08T10:00:00Z", Some(CreditState::Held));
        assert!(r.may_cancel && r.cancel_free && r.may_reschedule);
        let zone = Zone::get("Europe/London").unwrap();
        assert!(r
            .cancel_line(&zone)
            .starts_with("Cancelling now gives your package credit back"));
        assert!(r
            .reschedule_line(&zone, "Ana")
            .starts_with("You can move it"));
    }

    #[test]
    fn inside_the_cutoff_the_session_counts_as_used_and_rescheduling_is_gone() {
        let r = rules("2026-11-09T12:00:00Z", Some(CreditState::Held));
        assert!(r.may_cancel && !r.cancel_free && !r.may_reschedule);
        let zone = Zone::get("Europe/London").unwrap();
        assert_eq!(
            r.cancel_line(&zone),
            "It is less than 24 hours before the session: if you cancel now, the session counts \
             as used and your credit is not given back."
        );
        assert!(r
            .reschedule_line(&zone, "Ana")
            .contains("can no longer be rescheduled online. Contact Ana"));
    }

    #[test]
    fn a_started_session_offers_nothing() {
        let r = rules("2026-11-10T10:30:00Z", None);
        assert!(!r.may_cancel && !r.may_reschedule);
        let zone = Zone::get("UTC").unwrap();
        assert_eq!(r.cancel_line(&zone), "");
        assert_eq!(r.reschedule_line(&zone, "Ana"), "");
    }

    #[test]
    fn durations_read_as_people_say_them() {
        assert_eq!(duration_words(SignedDuration::from_hours(24)), "24 hours");
        assert_eq!(duration_words(SignedDuration::from_hours(1)), "1 hour");
        assert_eq!(duration_words(SignedDuration::from_hours(72)), "3 days");
        assert_eq!(duration_words(SignedDuration::from_mins(90)), "90 minutes");
    }
}
