//! Sessions managed whole by the coach: a range of the calendar with each session's
//! participants and seats, a session made without participants yet (a group class), its notes,
//! meeting link and type changed, moved with everyone in it, cancelled for everyone, its
//! capacity changed, and saved as a template. Every change that takes time on the calendar runs
//! under the per-coach lock through the same conflict check as booking; every participant hears
//! of a change to their session through the booking events (emails, in-app notices).

use coachbook_core::booking::{BookingAction, BookingStatus, SessionKind, SessionStatus};
use coachbook_core::credit;
use coachbook_core::time::{local_date, Buffers, Interval, SessionTypeId};
use coachbook_core::validate::InvalidInput;
use jiff::{SignedDuration, Timestamp};
use sqlx::AnyConnection;

use super::accounts::Coach;
use super::availability::load_calendar;
use super::bookings::{self, Notice, TimeInput};
use super::catalog::{self, in_range};
use super::templates::{self, capacity_for, Template};
use super::{notify, AllChecked, AppError, AppResult, Checker, Ctx, Refusal};
use crate::store::bookings as booking_store;
use crate::store::session_types::SessionTypeRow;
use crate::store::sessions::{
    self as store, NewSession, ParticipantRow, SessionFilter, SessionRow,
};
use crate::store::templates::TemplateFields;
use crate::store::{enrolments, session_types as type_store, Tx};

const WHAT: &str = "session";

/// The most sessions one list answers with.
pub const LIST_LIMIT: i64 = 2000;

/// The widest range one list covers.
pub const MAX_RANGE_DAYS: i64 = 100;

/// Why a session cannot be changed as asked although the input is well-formed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SessionRefusal {
    #[error("This session is cancelled; it cannot be changed any more.")]
    Cancelled,
    #[error(
        "{taken} seat{s} taken, so the capacity cannot go below {taken}. Cancel bookings first, or choose {taken} or more.",
        s = if *taken == 1 { " is" } else { "s are" }
    )]
    BelowSeats { taken: i64 },
    #[error(
        "{taken} people are booked into this session; a one-on-one type takes one. Keep a group type, or cancel bookings first."
    )]
    TooManyForType { taken: i64 },
    #[error(
        "A participant's booking is already {}; a session whose outcome is recorded cannot be moved.",
        .0.label().to_lowercase()
    )]
    HasOutcome(BookingStatus),
    #[error("Every seat in this session is taken.")]
    Full,
}

impl SessionRefusal {
    /// The stable code the API answers with.
    pub fn code(self) -> &'static str {
        match self {
            Self::Cancelled => "session_cancelled",
            Self::BelowSeats { .. } | Self::TooManyForType { .. } => "capacity_below_seats",
            Self::HasOutcome(_) => "conflict",
            Self::Full => "session_full",
        }
    }
}

/// One participant's booking in a session, as only the coach sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    pub booking_id: i64,
    pub name: String,
    pub email: String,
    pub status: BookingStatus,
    pub notes: String,
    pub client_id: Option<i64>,
    pub application_id: Option<i64>,
    /// Whether the booking holds a package credit.
    pub uses_package: bool,
    /// A price agreed for this booking (a template's client-specific price), with its currency.
    pub price: Option<(i64, String)>,
}

impl From<ParticipantRow> for Participant {
    fn from(r: ParticipantRow) -> Self {
        Self {
            booking_id: r.id,
            name: r.name,
            email: r.email,
            status: r.status,
            notes: r.notes,
            client_id: r.client_id,
            application_id: r.application_id,
            uses_package: r.enrolment_id.is_some(),
            price: r.price_cents.zip(r.price_currency),
        }
    }
}

/// A session on the coach's calendar with everyone in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: i64,
    pub session_type_id: i64,
    pub session_type_name: String,
    pub session_type_color: String,
    pub kind: SessionKind,
    pub start: Timestamp,
    pub end: Timestamp,
    pub status: SessionStatus,
    pub capacity: i64,
    pub seats_taken: i64,
    pub meeting_url: String,
    pub notes: String,
    pub buffer_before_minutes: i64,
    pub buffer_after_minutes: i64,
    pub participants: Vec<Participant>,
    /// The series it is an occurrence of, with its start in the series (RECURRENCE-ID).
    pub series: Option<(i64, Timestamp)>,
    /// Every host, the owner first (`super::cohosts`).
    pub hosts: Vec<super::cohosts::Host>,
}

impl Session {
    fn new(r: SessionRow, participants: Vec<Participant>) -> Self {
        Self {
            id: r.id,
            session_type_id: r.session_type_id,
            session_type_name: r.session_type_name,
            session_type_color: r.session_type_color,
            kind: r.kind,
            start: r.start_at.timestamp(),
            end: r.end_at.timestamp(),
            status: r.status,
            capacity: r.capacity,
            seats_taken: r.seats_taken,
            meeting_url: r.meeting_url,
            notes: r.notes,
            buffer_before_minutes: r.buffer_before_minutes,
            buffer_after_minutes: r.buffer_after_minutes,
            participants,
            series: r.series_id.zip(r.recurrence_at.map(|t| t.timestamp())),
            hosts: Vec::new(),
        }
    }

    pub fn seats_left(&self) -> i64 {
        (self.capacity - self.seats_taken).max(0)
    }

    pub(crate) fn interval(&self) -> Interval {
        Interval {
            start: self.start,
            end: self.end,
        }
    }

    /// The bookings still ahead of their outcome: the people a change is news for.
    fn live(&self) -> impl Iterator<Item = &Participant> {
        self.participants.iter().filter(|p| p.status.is_live())
    }
}

/// Reads sessions with their participants, on one connection.
async fn with_participants(
    conn: &mut AnyConnection,
    coach_id: i64,
    rows: Vec<SessionRow>,
) -> AppResult<Vec<Session>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut by_session: std::collections::HashMap<i64, Vec<Participant>> =
        std::collections::HashMap::new();
    for p in store::participants(conn, coach_id, &ids).await? {
        by_session.entry(p.session_id).or_default().push(p.into());
    }
    let mut hosts = super::cohosts::hosts_for(conn, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let people = by_session.remove(&r.id).unwrap_or_default();
            let id = r.id;
            let mut s = Session::new(r, people);
            s.hosts = hosts.remove(&id).unwrap_or_default();
            s
        })
        .collect())
}

async fn read(conn: &mut AnyConnection, coach_id: i64, id: i64) -> AppResult<Session> {
    let row = store::get(&mut *conn, coach_id, id)
        .await
        .map_err(AppError::missing(WHAT))?;
    let mut found = with_participants(conn, coach_id, vec![row]).await?;
    found
        .pop()
        .ok_or_else(|| anyhow::anyhow!("session {id} read without itself").into())
}

/// Which sessions to list: those overlapping `[from, to)`.
#[derive(Debug, Clone)]
pub struct ListFilter {
    pub from: Timestamp,
    pub to: Timestamp,
    pub session_type_id: Option<i64>,
    /// `None`: every status.
    pub status: Option<SessionStatus>,
}

/// The coach's sessions overlapping the range, by start, each with its participants. The range
/// is required and at most [`MAX_RANGE_DAYS`] long: the read is bounded by it, never by history.
pub async fn list(cx: &Ctx, coach: &Coach, f: &ListFilter) -> AppResult<Vec<Session>> {
    if f.to <= f.from {
        return Err(AppError::from(
            InvalidInput::new("to", "Choose a `to` after `from`.")
                .key("validate-choose-after-from"),
        ));
    }
    if f.to.duration_since(f.from) > SignedDuration::from_hours(24 * MAX_RANGE_DAYS) {
        return Err(AppError::from(
            InvalidInput::new(
                "to",
                format!("Ask for at most {MAX_RANGE_DAYS} days at a time."),
            )
            .key("validate-ask-most-days-range")
            .arg("max-range-days", MAX_RANGE_DAYS),
        ));
    }
    let mut conn = cx.db.pool().acquire().await?;
    let rows = store::list(
        &mut *conn,
        coach.id,
        &SessionFilter {
            range: Interval {
                start: f.from,
                end: f.to,
            },
            session_type_id: f.session_type_id,
            status: f.status,
            limit: LIST_LIMIT,
        },
    )
    .await?;
    let mut found = with_participants(&mut conn, coach.id, rows).await?;
    // Sessions this coach co-hosts, each read in its owner's scope.
    let range = Interval {
        start: f.from,
        end: f.to,
    };
    let cohosted =
        crate::store::cohosts::cohosted_between(&mut *conn, coach.id, range, f.status, LIST_LIMIT)
            .await?;
    for (id, _owner) in cohosted {
        let s = as_cohost(&mut conn, coach, id).await?;
        if f.session_type_id.is_none_or(|t| t == s.session_type_id) {
            found.push(s);
        }
    }
    found.sort_by_key(|s| (s.start, s.id));
    found.truncate(usize::try_from(LIST_LIMIT).unwrap_or(usize::MAX));
    Ok(found)
}

pub async fn get(cx: &Ctx, coach: &Coach, id: i64) -> AppResult<Session> {
    let mut conn = cx.db.pool().acquire().await?;
    match read(&mut conn, coach.id, id).await {
        Err(AppError::NotFound(_)) => as_cohost(&mut conn, coach, id).await,
        found => found,
    }
}

/// A session `coach` co-hosts, read with its owner's scope: participants only once they have
/// accepted; `NotFound` for a coach who is not a host.
async fn as_cohost(conn: &mut AnyConnection, coach: &Coach, id: i64) -> AppResult<Session> {
    let hosting = crate::store::cohosts::hosting(&mut *conn, id, coach.id)
        .await
        .map_err(AppError::missing(WHAT))?;
    if hosting.role.as_deref() != Some("cohost") {
        return Err(AppError::NotFound(WHAT));
    }
    let mut session = read(conn, hosting.owner_id, id).await?;
    if hosting.status.as_deref() != Some("accepted") {
        session.participants.clear();
    }
    Ok(session)
}

/// The owner's session as `tx` sees it.
pub(crate) async fn read_in(tx: &mut Tx, owner_id: i64, id: i64) -> AppResult<Session> {
    read(tx, owner_id, id).await
}

/// The buffers a session keeps around its time.
pub(crate) fn session_buffers(s: &Session) -> Buffers {
    buffers(s.buffer_before_minutes, s.buffer_after_minutes)
}

/// [`commit_and_read`] for the co-host use cases.
pub(crate) async fn commit_and_read_pub(
    tx: Tx,
    cx: &Ctx,
    coach: &Coach,
    id: i64,
) -> AppResult<Session> {
    commit_and_read(tx, cx, coach, id).await
}

/// What the coach asks for when making a session without participants yet.
#[derive(Debug, Clone, Default)]
pub struct NewSessionInput {
    /// Default: the template's.
    pub session_type_id: Option<i64>,
    pub when: TimeInput,
    /// Default: the template's, else the type's (an `end` in `when` wins over both).
    pub duration_minutes: Option<i64>,
    /// Default: the template's, else the type's.
    pub capacity: Option<i64>,
    /// Default: the template's, else the coach's meeting-link rule.
    pub meeting_url: Option<String>,
    /// Default: the template's.
    pub notes: Option<String>,
    pub template_id: Option<i64>,
    /// Make it even though the time is outside the coach's hours (never over anything).
    pub override_hours: bool,
    /// Other coaches of the installation invited to co-host it (each must be free).
    pub cohost_ids: Vec<i64>,
}

/// A new session that passed every check that needs no lock.
struct CheckedSession {
    st: SessionTypeRow,
    at: Interval,
    capacity: i64,
    meeting_url: String,
    notes: String,
    notices: Vec<Notice>,
}

/// Something given, or else the template's.
fn given_or<'a>(given: Option<&'a str>, template: Option<&'a str>) -> &'a str {
    match given {
        Some(g) if !g.trim().is_empty() => g,
        _ => template.unwrap_or_default(),
    }
}

async fn check_new(
    conn: &mut AnyConnection,
    coach: &Coach,
    input: &NewSessionInput,
) -> AppResult<CheckedSession> {
    let mut c = Checker::default();
    let template = templates::prefill(conn, &mut c, coach.id, input.template_id).await?;
    let type_id = input
        .session_type_id
        .or(template.as_ref().map(|t| t.session_type_id));
    let st = match type_id {
        None if input.template_id.is_some() && template.is_none() => None,
        None => {
            c.push(
                InvalidInput::new("sessionTypeId", "Choose a session type, or a template.")
                    .key("validate-choose-session-type-template"),
            );
            None
        }
        Some(id) => match super::session_types::active(&mut *conn, coach.id, id).await {
            Ok(t) => Some(t),
            Err(e) => c.absorb(e).map(|()| None)?,
        },
    };
    let times = bookings::read_times(&mut c, &input.when, &coach.zone);
    if let Some(d) = input.duration_minutes {
        c.check(in_range("durationMinutes", d, 5, 720, "length in minutes"));
    }
    let t = template.as_ref();
    let meeting_url = c.check(bookings::meeting_url(given_or(
        input.meeting_url.as_deref(),
        t.map(|t| t.meeting_url.as_str()),
    )));
    let notes = c.check(catalog::text(
        "notes",
        given_or(input.notes.as_deref(), t.map(|t| t.notes.as_str())),
        10_000,
    ));
    let capacity = st.as_ref().and_then(|st| {
        // A template made for another type says nothing of this one's capacity.
        let from_template = t.filter(|t| t.session_type_id == st.id).map(|t| t.capacity);
        let asked = input.capacity.or(from_template).unwrap_or(st.capacity);
        c.check(capacity_for(st, asked))
    });
    let (st, times, capacity, (meeting_url, notes)) =
        c.done((st, times, capacity, meeting_url.zip(notes)).all())?;
    let minutes = input
        .duration_minutes
        .or(t.map(|t| t.duration_minutes))
        .unwrap_or(st.duration_minutes);
    let at = times.interval(SignedDuration::from_mins(minutes))?;
    Ok(CheckedSession {
        st,
        at,
        capacity,
        meeting_url,
        notes,
        notices: times.notices,
    })
}

/// Whether `at` with `buffers` is free on the calendar but for `exclude`, and (unless the coach
/// overrides them) inside the coach's hours for `session_type`: the booking check.
async fn check_time(
    tx: &mut Tx,
    coach: &Coach,
    (at, buffers): (Interval, Buffers),
    session_type: i64,
    exclude: Option<i64>,
    (override_hours, now): (bool, Timestamp),
) -> AppResult<()> {
    let calendar = load_calendar(tx, coach.id, &coach.zone, at, None).await?;
    bookings::check_free(&calendar, coach, at, buffers, exclude)?;
    if !override_hours {
        calendar
            .check_hours(SessionTypeId(session_type), at, now)
            .map_err(Refusal::OutsideHours)?;
    }
    Ok(())
}

fn buffers(before: i64, after: i64) -> Buffers {
    Buffers::new(
        SignedDuration::from_mins(before),
        SignedDuration::from_mins(after),
    )
}

/// Takes the locks of the coach and of every co-host (ascending), then reads the session; a
/// cancelled one cannot change. Only the owner gets it (a co-host gets `NotFound`).
async fn locked(tx: &mut Tx, coach: &Coach, id: i64) -> AppResult<Session> {
    super::cohosts::lock_hosts(tx, coach, id).await?;
    let session = read(tx, coach.id, id).await?;
    if session.status == SessionStatus::Cancelled {
        return Err(Refusal::Session(SessionRefusal::Cancelled).into());
    }
    Ok(session)
}

/// Reads the session as the transaction left it, then commits.
async fn commit_and_read(mut tx: Tx, cx: &Ctx, coach: &Coach, id: i64) -> AppResult<Session> {
    let session = read(&mut tx, coach.id, id).await?;
    tx.commit().await?;
    cx.wake.notify();
    Ok(session)
}

/// Makes a session without participants yet (e.g. a group class), conflict-checked like a
/// booking under the coach's lock.
pub async fn create(
    cx: &Ctx,
    coach: &Coach,
    input: &NewSessionInput,
) -> AppResult<(Session, Vec<Notice>)> {
    let (checked, cohosts) = {
        let mut conn = cx.db.pool().acquire().await?;
        let checked = check_new(&mut conn, coach, input).await?;
        let cohosts =
            super::cohosts::check_new_cohosts(&mut conn, coach, &input.cohost_ids).await?;
        (checked, cohosts)
    };
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    let mut hosts = cohosts.clone();
    hosts.push(coach.id);
    super::cohosts::lock_all(&mut tx, &hosts).await?;
    let st = &checked.st;
    let pad = buffers(st.buffer_before_minutes, st.buffer_after_minutes);
    check_time(
        &mut tx,
        coach,
        (checked.at, pad),
        st.id,
        None,
        (input.override_hours, now),
    )
    .await?;
    super::cohosts::check_all_free(&mut tx, coach, &cohosts, (checked.at, pad), None).await?;
    let meeting_url = if checked.meeting_url.is_empty() {
        super::meeting_links::for_new_session(&mut *tx, coach.id).await?
    } else {
        checked.meeting_url.clone()
    };
    let id = store::insert(
        &mut *tx,
        &NewSession {
            coach_id: coach.id,
            session_type_id: st.id,
            at: checked.at,
            buffer_before_minutes: st.buffer_before_minutes,
            buffer_after_minutes: st.buffer_after_minutes,
            capacity: checked.capacity,
            meeting_url: &meeting_url,
            notes: &checked.notes,
        },
        now.into(),
    )
    .await
    .map_err(bookings::overlap_refused)?;
    for cohost in &cohosts {
        super::cohosts::add_invited(&mut tx, coach, id, *cohost, now).await?;
    }
    Ok((commit_and_read(tx, cx, coach, id).await?, checked.notices))
}

/// A change to a session's details; `None` keeps what is there.
#[derive(Debug, Clone, Default)]
pub struct SessionUpdate {
    pub notes: Option<String>,
    /// `https://…`, or empty to remove it.
    pub meeting_url: Option<String>,
    /// Another of the coach's session types: its buffers apply, re-checked against the calendar.
    pub session_type_id: Option<i64>,
}

/// Tells every participant still booked that their session changed.
pub(crate) async fn tell_everyone(
    tx: &mut Tx,
    cx: &Ctx,
    coach: &Coach,
    session: &Session,
    now: Timestamp,
) -> AppResult<()> {
    for p in session.live() {
        let event = notify::Event::BookingRescheduled {
            booking_id: p.booking_id,
        };
        notify::on(tx, cx, coach.id, &event, now).await?;
    }
    Ok(())
}

/// The capacity a session keeps when it becomes of type `st`.
fn capacity_on_type_change(session: &Session, st: &SessionTypeRow) -> AppResult<i64> {
    if st.kind == SessionKind::Group {
        let kept = if session.kind == SessionKind::Group {
            session.capacity
        } else {
            st.capacity
        };
        return Ok(kept.max(session.seats_taken));
    }
    if session.seats_taken > 1 {
        return Err(Refusal::Session(SessionRefusal::TooManyForType {
            taken: session.seats_taken,
        })
        .into());
    }
    Ok(1)
}

/// Changes a session's notes, meeting link or type. A new link or type is news for every
/// participant (an updated invitation); notes are not.
pub async fn update(
    cx: &Ctx,
    coach: &Coach,
    id: i64,
    change: &SessionUpdate,
) -> AppResult<Session> {
    let mut c = Checker::default();
    let url = change
        .meeting_url
        .as_deref()
        .and_then(|u| c.check(bookings::meeting_url(u)));
    let notes = change
        .notes
        .as_deref()
        .and_then(|n| c.check(catalog::text("notes", n, 10_000)));
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    let before = locked(&mut tx, coach, id).await?;
    let st = match change.session_type_id {
        Some(type_id) if type_id != before.session_type_id => {
            match super::session_types::active(&mut *tx, coach.id, type_id).await {
                Ok(t) => Some(t),
                Err(e) => c.absorb(e).map(|()| None)?,
            }
        }
        _ => None,
    };
    c.finish()?;
    let stamp = now.into();
    if let Some(st) = &st {
        let capacity = capacity_on_type_change(&before, st)?;
        let pad = buffers(st.buffer_before_minutes, st.buffer_after_minutes);
        // The time stays; only its buffers change, and they must fit.
        check_time(
            &mut tx,
            coach,
            (before.interval(), pad),
            st.id,
            Some(id),
            (true, now),
        )
        .await?;
        let cohosts = crate::store::cohosts::holding_cohosts(&mut *tx, id).await?;
        super::cohosts::check_all_free(
            &mut tx,
            coach,
            &cohosts,
            (before.interval(), pad),
            Some(id),
        )
        .await?;
        store::set_type(
            &mut *tx,
            coach.id,
            id,
            (
                st.id,
                st.buffer_before_minutes,
                st.buffer_after_minutes,
                capacity,
            ),
            stamp,
        )
        .await
        .map_err(bookings::overlap_refused)?;
    }
    let new_url = url.clone().unwrap_or_else(|| before.meeting_url.clone());
    let new_notes = notes.unwrap_or_else(|| before.notes.clone());
    store::set_details(&mut *tx, coach.id, id, &new_notes, &new_url, stamp).await?;
    if st.is_some() || new_url != before.meeting_url {
        tell_everyone(&mut tx, cx, coach, &before, now).await?;
    }
    commit_and_read(tx, cx, coach, id).await
}

/// Moves a session with everyone in it to `when` (same length), through the booking check with
/// the session itself left out; every participant is told. A package credit must be usable on
/// the new day.
pub async fn move_to(
    cx: &Ctx,
    coach: &Coach,
    id: i64,
    when: &TimeInput,
    override_hours: bool,
) -> AppResult<(Session, Vec<Notice>)> {
    let mut c = Checker::default();
    let times = bookings::read_times(&mut c, when, &coach.zone);
    let times = c.done(times)?;
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    let session = locked(&mut tx, coach, id).await?;
    if let Some(p) = session
        .participants
        .iter()
        .find(|p| p.status.holds_seat() && !p.status.is_live())
    {
        return Err(Refusal::Session(SessionRefusal::HasOutcome(p.status)).into());
    }
    let length = session.end.duration_since(session.start);
    let to = times.interval(length.max(SignedDuration::from_mins(1)))?;
    let field = if when.start.trim().is_empty() {
        "date"
    } else {
        "start"
    };
    for p in session.live().filter(|p| p.uses_package) {
        let b = booking_store::get_booking(&mut *tx, coach.id, p.booking_id).await?;
        if let Some(enrolment_id) = b.enrolment_id {
            let e = enrolments::get(&mut *tx, coach.id, enrolment_id).await?;
            let day = local_date(coach.zone.tz(), to.start);
            credit::usable_on(e.expires_on.map(|d| d.date()), day)
                .map_err(|r| bookings::credit_refused(&e, r, field))?;
        }
    }
    let pad = buffers(session.buffer_before_minutes, session.buffer_after_minutes);
    check_time(
        &mut tx,
        coach,
        (to, pad),
        session.session_type_id,
        Some(id),
        (override_hours, now),
    )
    .await?;
    let cohosts = crate::store::cohosts::holding_cohosts(&mut *tx, id).await?;
    super::cohosts::check_all_free(&mut tx, coach, &cohosts, (to, pad), Some(id)).await?;
    booking_store::move_session(&mut *tx, id, to, now.into())
        .await
        .map_err(bookings::overlap_refused)?;
    tell_everyone(&mut tx, cx, coach, &session, now).await?;
    Ok((commit_and_read(tx, cx, coach, id).await?, times.notices))
}

/// Cancels a session for everyone: each participant's booking is cancelled with `reason` and
/// they are told; package credits are released under the cancellation policy, or given back
/// whatever the policy when `release_credits`. A session that has started cannot be cancelled
/// (mark its outcome instead); then nothing changes.
pub async fn cancel(
    cx: &Ctx,
    coach: &Coach,
    id: i64,
    reason: &str,
    release_credits: bool,
) -> AppResult<Session> {
    let reason = catalog::text("reason", reason, 1000)?;
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    let session = locked(&mut tx, coach, id).await?;
    cancel_in(&mut tx, cx, coach, &session, &reason, release_credits, now).await?;
    commit_and_read(tx, cx, coach, id).await
}

/// Cancels `session` and every live booking in it inside `tx`, which holds the coach's lock.
pub(crate) async fn cancel_in(
    tx: &mut Tx,
    cx: &Ctx,
    coach: &Coach,
    session: &Session,
    reason: &str,
    release_credits: bool,
    now: Timestamp,
) -> AppResult<()> {
    for p in session.live() {
        let row = booking_store::get_booking(&mut **tx, coach.id, p.booking_id).await?;
        bookings::status_in(
            tx,
            cx,
            coach,
            &row,
            BookingAction::Cancel,
            reason,
            release_credits,
            now,
        )
        .await?;
    }
    booking_store::cancel_session(&mut **tx, session.id, now.into()).await?;
    Ok(())
}

/// Sets a session's capacity: a group's from 1 to 500, never below the seats taken; any other
/// session takes one.
pub async fn set_capacity(cx: &Ctx, coach: &Coach, id: i64, capacity: i64) -> AppResult<Session> {
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    let session = locked(&mut tx, coach, id).await?;
    let st = type_store::get(&mut *tx, coach.id, session.session_type_id).await?;
    let capacity = capacity_for(&st, capacity)?;
    if capacity < session.seats_taken {
        return Err(Refusal::Session(SessionRefusal::BelowSeats {
            taken: session.seats_taken,
        })
        .into());
    }
    store::set_capacity(&mut *tx, coach.id, id, capacity, now.into()).await?;
    // A raised capacity frees seats: the first people waiting are offered them.
    super::waitlist::seat_freed(&mut tx, cx, coach.id, id, now).await?;
    commit_and_read(tx, cx, coach, id).await
}

/// Saves a session as a template named `name`: its type, length, capacity, meeting link and
/// notes, and, when one client is booked into it with an agreed price, that client and price.
pub async fn save_as_template(cx: &Ctx, coach: &Coach, id: i64, name: &str) -> AppResult<Template> {
    let mut c = Checker::default();
    let name = catalog::name(
        &mut c,
        name,
        InvalidInput::new(
            "name",
            "Give the template a name, e.g. \"Weekly group class\".",
        )
        .key("validate-name-template"),
    );
    c.finish()?;
    let (session, st) = {
        let mut conn = cx.db.pool().acquire().await?;
        let session = read(&mut conn, coach.id, id).await?;
        let st = type_store::get(&mut *conn, coach.id, session.session_type_id).await?;
        (session, st)
    };
    let mut live = session.live();
    let only = match (live.next(), live.next()) {
        (Some(p), None) => Some(p),
        _ => None,
    };
    let client_id = only.and_then(|p| p.client_id);
    let price = only
        .and_then(|p| p.price.clone())
        .filter(|_| client_id.is_some());
    let minutes = session.end.duration_since(session.start).as_mins();
    let fields = TemplateFields {
        name,
        session_type_id: st.id,
        duration_minutes: minutes.max(1),
        capacity: session.capacity,
        meeting_url: session.meeting_url.clone(),
        notes: session.notes.clone(),
        client_id,
        client_specific_price_cents: price.as_ref().map(|p| p.0),
        currency: price.map_or_else(|| st.currency.clone(), |p| p.1),
    };
    templates::insert_fields(cx, coach, &fields).await
}
