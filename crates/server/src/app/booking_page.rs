//! The coach's public page as one viewer sees it: the profile and the session types they may
//! see ([`page`]), the open times and booked blocks of a range ([`calendar`]), booking one of
//! those times ([`book`]) with the nearest free times when it was just taken, and a booking's own
//! `.ics` by its manage token ([`booking_ics`]). Everything starts from a [`Visit`] and asks its
//! [`View`](coachbook_core::privacy::View); nothing here names anyone but the booker themself.

use coachbook_core::availability::{
    data_window, Availability, PolicyReason, Query, QueryError, StartClass,
};
use coachbook_core::booking::{BookingStatus, SessionKind};
use coachbook_core::privacy::{BookAs, BusyLabel, Denied};
use coachbook_core::time::{local_date, resolve_wall, Fold, Interval, Zone};
use coachbook_core::validate::{self, InvalidInput};
use jiff::civil::{Date, DateTime};
use jiff::tz::AmbiguousOffset;
use jiff::{SignedDuration, Timestamp};

use super::accounts::Coach;
use super::availability::{calendar_for, load_calendar};
use super::bookings::{check_request, create_as, BookingInput, TimeInput};
use super::notify::email::invite;
use super::privacy::{denied, Visit};
use super::{manage, notify, session_types, AllChecked, AppError, AppResult, Checker, Ctx};
use crate::store::bookings as bookings_store;
use crate::store::session_types::SessionTypeRow;
use crate::store::{availability as availability_store, enrolments, StoreError};

/// The longest range one calendar answer covers.
pub const MAX_CALENDAR_DAYS: i64 = 42;
/// How many free times a "just taken" answer offers instead.
pub const NEAREST: usize = 3;
/// How far either side of a taken time the nearest free ones are looked for.
const NEAREST_SPAN: SignedDuration = SignedDuration::from_hours(7 * 24);
/// The most a visitor's note to the coach may hold.
pub const NOTES_MAX: usize = 2000;

/// What every "not found" on the page says: an unknown coach, a hidden calendar and a hidden or
/// unknown session type alike.
fn hidden() -> AppError {
    AppError::NotFound("coach")
}

/// A session type as this viewer sees it on the page.
#[derive(Debug, Clone)]
pub struct VisibleType {
    pub id: i64,
    pub name: String,
    pub kind: SessionKind,
    pub duration_minutes: i64,
    pub description: String,
    /// `#rrggbb`.
    pub color: String,
    /// (cents, currency) when the coach shows prices; `None` otherwise.
    pub price: Option<(i64, String)>,
    pub requires_approval: bool,
    pub capacity: i64,
    /// For a connected client: the package credits a booking of this type would use (one of
    /// how many left), when they have some.
    pub credits: Option<Credits>,
    /// Where prices show: "1–4 sessions €100.00 each · 5–9 €90.00 · 10+ €80.00" for a tiered type.
    pub tiers: Option<String>,
    /// Where prices show, to the signed-in client only: what their next session costs them.
    pub your_price: Option<String>,
    /// Where prices show: the type's packages, "Five sessions: 5 sessions for €430.00" and what
    /// each saves as a bundle ("Save €60.00 (12%)").
    pub bundles: Vec<(String, Option<String>)>,
}

/// A connected client's package credits for one session type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credits {
    pub package_name: String,
    pub remaining: i64,
}

/// The page as one viewer may see it.
#[derive(Debug, Clone)]
pub struct CoachPage {
    pub slug: String,
    pub name: String,
    pub bio: String,
    pub photo_url: String,
    /// The coach's zone: where the hours are kept, and the page's default.
    pub zone: Zone,
    pub sees_calendar: bool,
    /// Whether and as whom the viewer may book; why not, otherwise.
    pub may_book: Result<BookAs, Denied>,
    pub types: Vec<VisibleType>,
    pub calendar_version: i64,
}

impl CoachPage {
    pub fn apply_path(&self) -> String {
        format!("/c/{}/apply", self.slug)
    }

    /// Up to two initials, for when there is no photo.
    pub fn initials(&self) -> String {
        self.name
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .take(2)
            .flat_map(char::to_uppercase)
            .collect()
    }
}

/// The session types the viewer may see, in the coach's order, with prices and credits as
/// they may see them.
async fn visible_types(
    cx: &Ctx,
    visit: &Visit,
    rows: &[SessionTypeRow],
) -> AppResult<Vec<VisibleType>> {
    let view = &visit.view;
    let credits = match view.may_book() {
        Ok(BookAs::Client { client_id, .. }) => {
            client_credits(cx, &visit.page.coach(), client_id).await?
        }
        _ => Vec::new(),
    };
    let coach_id = visit.page.coach().id;
    let sees_prices = view.sees_prices();
    let (prices, packages) = if sees_prices {
        (
            super::pricing::type_prices(cx, coach_id).await?,
            crate::store::packages::list(cx.db.pool(), coach_id, false).await?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    // What the signed-in client pays next, per type: theirs alone, never anyone else's.
    let mut yours = Vec::new();
    if let (true, Ok(BookAs::Client { client_id, .. })) = (sees_prices, view.may_book()) {
        let mut conn = cx.db.pool().acquire().await?;
        for t in rows.iter().filter(|t| t.archived_at.is_none()) {
            let p =
                super::pricing::next_for_client(&mut conn, coach_id, client_id, t, None).await?;
            yours.push((
                t.id,
                super::pricing::next_line(&p, super::i18n::current().code()),
            ));
        }
    }
    let lang = super::i18n::current().code();
    Ok(rows
        .iter()
        .filter(|t| t.archived_at.is_none() && view.sees_type(t.visibility))
        .map(|t| {
            let tiered = prices.iter().find(|p| p.session_type_id == t.id);
            let bundles = packages
                .iter()
                .filter(|p| p.session_type_id == Some(t.id))
                .map(|p| {
                    let label = super::i18n::Tr::current().args(
                        "price-bundle",
                        &[
                            ("name", p.name.as_str().into()),
                            ("count", p.session_count.into()),
                            (
                                "price",
                                super::money::format(p.price_cents, &p.currency, lang).into(),
                            ),
                        ],
                    );
                    let saving = tiered.and_then(|tp| {
                        let s = super::pricing::saving_for(
                            &tp.prices,
                            p.session_count,
                            p.price_cents,
                            &p.currency,
                        )?;
                        Some(super::pricing::saving_line(&s, tp.prices.currency(), lang))
                    });
                    (label, saving)
                })
                .collect();
            (t, tiered, bundles)
        })
        .map(|(t, tiered, bundles)| VisibleType {
            tiers: tiered.and_then(|p| super::pricing::tier_line(&p.prices, lang)),
            your_price: yours
                .iter()
                .find(|(id, _)| *id == t.id)
                .map(|(_, line)| line.clone()),
            bundles,
            id: t.id,
            name: t.name.clone(),
            kind: t.kind,
            duration_minutes: t.duration_minutes,
            description: t.description.clone(),
            color: t.color.clone(),
            price: view
                .sees_prices()
                .then(|| (t.price_cents, t.currency.clone())),
            requires_approval: t.requires_approval.0,
            capacity: t.capacity,
            credits: credits
                .iter()
                .find(|(type_id, minutes, _, _)| *type_id == t.id && *minutes == t.duration_minutes)
                .map(|(_, _, package_name, remaining)| Credits {
                    package_name: package_name.clone(),
                    remaining: *remaining,
                }),
        })
        .collect())
}

/// A client's usable package credits today: (session type, session minutes, package, left).
async fn client_credits(
    cx: &Ctx,
    coach: &Coach,
    client_id: i64,
) -> AppResult<Vec<(i64, i64, String, i64)>> {
    let today = local_date(coach.zone.tz(), cx.now());
    let rows = enrolments::for_client(cx.db.pool(), coach.id, client_id).await?;
    let mut out: Vec<(i64, i64, String, i64)> = Vec::new();
    for e in rows {
        let usable = e.status == coachbook_core::practice::EnrolmentStatus::Active
            && e.credits_remaining > 0
            && e.expires_on.is_none_or(|d| today < d.date());
        if let (true, Some(type_id)) = (usable, e.session_type_id) {
            if !out.iter().any(|o| o.0 == type_id) {
                out.push((
                    type_id,
                    e.session_minutes,
                    e.package_name,
                    e.credits_remaining,
                ));
            }
        }
    }
    Ok(out)
}

/// The coach's page as this visit may see it.
pub async fn page(cx: &Ctx, visit: &Visit) -> AppResult<CoachPage> {
    let rows = crate::store::session_types::list(cx.db.pool(), visit.page.coach_id, false).await?;
    let types = visible_types(cx, visit, &rows).await?;
    let p = &visit.page;
    Ok(CoachPage {
        slug: p.slug.clone(),
        name: p.name.clone(),
        bio: p.bio.clone(),
        photo_url: p.photo_url.clone(),
        zone: p.zone.clone(),
        sees_calendar: visit.view.sees_calendar(),
        may_book: visit.view.may_book(),
        types,
        calendar_version: p.calendar_version,
    })
}

/// What range and types to show, as given.
#[derive(Debug, Clone, Default)]
pub struct CalendarInput {
    /// A date (midnight in the viewer's zone) or RFC 3339; default now.
    pub from: Option<String>,
    /// Exclusive; default seven days after `from`; at most [`MAX_CALENDAR_DAYS`] after it.
    pub to: Option<String>,
    /// The viewer's IANA zone; default the signed-in person's, else the coach's.
    pub time_zone: Option<String>,
    /// Only this (visible) type; default every visible type.
    pub session_type_id: Option<i64>,
}

/// One open time of one type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenSlot {
    pub session_type_id: i64,
    pub start: Timestamp,
    pub end: Timestamp,
    /// Seats left, for a group session.
    pub seats_left: Option<u32>,
}

/// A booked block as the viewer may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusyBlock {
    pub start: Timestamp,
    pub end: Timestamp,
    pub label: BusyLabel,
    /// A full group session of a type the viewer sees: its id, to join its waitlist.
    pub waitlist: Option<i64>,
}

/// The calendar of a range as the viewer may see it.
#[derive(Debug, Clone)]
pub struct CalendarAnswer {
    pub from: Timestamp,
    pub to: Timestamp,
    /// The zone the times are shown in.
    pub zone: Zone,
    pub types: Vec<VisibleType>,
    /// By start, then type.
    pub slots: Vec<OpenSlot>,
    pub busy: Vec<BusyBlock>,
    pub calendar_version: i64,
}

/// The zone to show times in: as asked, else the signed-in person's, else the coach's.
pub fn viewer_zone(visit: &Visit, asked: Option<&str>) -> AppResult<Zone> {
    match asked.map(str::trim).filter(|z| !z.is_empty()) {
        Some(raw) => Ok(validate::zone("timeZone", raw)?),
        None => Ok(visit
            .account
            .as_ref()
            .map_or_else(|| visit.page.zone.clone(), |a| a.zone.clone())),
    }
}

/// A range bound: RFC 3339 with an offset, or a date meaning midnight in `zone`.
fn read_bound(field: &'static str, raw: &str, zone: &Zone) -> AppResult<Timestamp> {
    let raw = raw.trim();
    if raw.len() == 10 {
        let date = validate::date(field, raw)?;
        let midnight = resolve_wall(
            zone.tz(),
            date.to_datetime(jiff::civil::Time::midnight()),
            Fold::Earlier,
        )
        .ok_or_else(|| {
            AppError::from(
                InvalidInput::new(field, "Choose a date between 2000 and 2199.")
                    .key("validate-choose-date-between-2000"),
            )
        })?;
        return Ok(midnight.instant);
    }
    Ok(validate::instant(field, raw).map_err(|_| {
        InvalidInput::new(
            field,
            format!(
                "Give `{field}` as a date (2026-12-01, midnight in your time zone) or as RFC 3339 \
                 with an offset (2026-12-01T09:00:00+01:00)."
            ),
        )
        .key("validate-give-date-2026-12")
        .arg("field", field)
    })?)
}

/// A value, or its field errors noted in `c` (anything else stops).
fn checked<T>(c: &mut Checker, r: AppResult<T>) -> AppResult<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(e) => c.absorb(e).map(|()| None),
    }
}

fn query_error(e: QueryError) -> AppError {
    match e {
        QueryError::EmptyRange => AppError::from(
            InvalidInput::new("to", "`to` must be after `from`.").key("validate-must-after-from"),
        ),
        QueryError::RangeTooLong => AppError::from(
            InvalidInput::new(
                "to",
                format!("Ask for at most {MAX_CALENDAR_DAYS} days at a time."),
            )
            .key("validate-ask-most-days-time")
            .arg("max-calendar-days", MAX_CALENDAR_DAYS),
        ),
        other => AppError::Internal(anyhow::anyhow!("stored settings are invalid: {other}")),
    }
}

/// The open times per visible session type (or the one asked for) in `[from, to)`, and the
/// booked blocks the coach lets this viewer see. A hidden calendar, or a hidden or unknown type,
/// is "not found" exactly like an unknown coach.
pub async fn calendar(cx: &Ctx, visit: &Visit, q: &CalendarInput) -> AppResult<CalendarAnswer> {
    visit.view.calendar().map_err(|_| hidden())?;
    let zone = viewer_zone(visit, q.time_zone.as_deref())?;
    let now = cx.now();
    let given = |raw: &Option<String>| {
        raw.as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(str::to_owned)
    };
    let mut c = Checker::default();
    let from = match given(&q.from) {
        Some(raw) => checked(&mut c, read_bound("from", &raw, &zone))?,
        None => Some(now),
    };
    let to = match (given(&q.to), from) {
        (Some(raw), _) => checked(&mut c, read_bound("to", &raw, &zone))?,
        (None, Some(from)) => Some(
            from.checked_add(SignedDuration::from_hours(7 * 24))
                .map_err(|_| {
                    AppError::from(
                        InvalidInput::new("from", "Choose an earlier start.")
                            .key("validate-choose-earlier-start"),
                    )
                })?,
        ),
        (None, None) => None,
    };
    let (from, to) = c.done((from, to).all())?;
    if to <= from {
        return Err(AppError::from(
            InvalidInput::new("to", "`to` must be after `from`.").key("validate-must-after-from"),
        ));
    }
    if to.duration_since(from) > SignedDuration::from_hours(MAX_CALENDAR_DAYS * 24) {
        return Err(AppError::from(
            InvalidInput::new(
                "to",
                format!("Ask for at most {MAX_CALENDAR_DAYS} days at a time."),
            )
            .key("validate-ask-most-days-time")
            .arg("max-calendar-days", MAX_CALENDAR_DAYS),
        ));
    }
    let coach = visit.page.coach();
    let cached = calendar_for(cx, &coach, data_window(from, to), now).await?;
    let types = visible_types(cx, visit, &cached.types).await?;
    let shown: Vec<&VisibleType> = match q.session_type_id {
        None => types.iter().collect(),
        Some(id) => vec![types.iter().find(|t| t.id == id).ok_or_else(hidden)?],
    };
    let mut slots = Vec::new();
    for t in &shown {
        let Some(row) = cached.types.iter().find(|r| r.id == t.id) else {
            continue;
        };
        let query = Query {
            session_type: session_types::spec(row)?,
            policy: cached.policy.clone(),
            now,
            from,
            to,
            exclude_session: None,
        };
        let Availability { slots: open, .. } =
            cached.calendar.availability(&query).map_err(query_error)?;
        slots.extend(open.into_iter().map(|s| OpenSlot {
            session_type_id: t.id,
            start: s.start,
            end: s.end,
            seats_left: (row.capacity > 1).then_some(s.seats_left),
        }));
    }
    slots.sort_by_key(|s| (s.start, s.session_type_id));
    let busy = busy_blocks(cx, visit, &cached.types, from, to).await?;
    Ok(CalendarAnswer {
        from,
        to,
        zone,
        types,
        slots,
        busy,
        calendar_version: cached.version,
    })
}

/// The coach's sessions in `[from, to)` as "Booked" blocks, labelled as the view allows; none
/// when the coach shows no booked time. Group sessions of a visible type with seats left are
/// open times, not blocks. Time off is not shown: it looks like time that was never offered.
async fn busy_blocks(
    cx: &Ctx,
    visit: &Visit,
    types: &[SessionTypeRow],
    from: Timestamp,
    to: Timestamp,
) -> AppResult<Vec<BusyBlock>> {
    let view = &visit.view;
    if view.busy_label(None).is_none() {
        return Ok(Vec::new());
    }
    let range = Interval {
        start: from,
        end: to,
    };
    let mut sessions =
        bookings_store::sessions_between(cx.db.pool(), visit.page.coach_id, range).await?;
    // Sessions the coach co-hosts show like their own booked time: their type is another
    // coach's, so never named here, and never joinable here.
    sessions.extend(
        crate::store::cohosts::held_between(cx.db.pool(), visit.page.coach_id, range).await?,
    );
    sessions.sort_by_key(|s| (s.start_at.timestamp(), s.id));
    let mut out = Vec::new();
    for s in sessions {
        let t = types.iter().find(|t| t.id == s.session_type_id);
        let joinable = s.capacity > 1 && s.booked < s.capacity;
        let visible = t.is_some_and(|t| view.sees_type(t.visibility));
        if joinable && visible {
            continue;
        }
        let label = view.busy_label(t.map(|t| (t.name.as_str(), t.visibility)));
        if let Some(label) = label {
            out.push(BusyBlock {
                start: s.start_at.timestamp(),
                end: s.end_at.timestamp(),
                label,
                waitlist: (s.capacity > 1 && visible).then_some(s.id),
            });
        }
    }
    Ok(out)
}

/// A booking as the page's form or a script sends it.
#[derive(Debug, Clone, Default)]
pub struct PublicBookingInput {
    pub session_type_id: Option<i64>,
    /// RFC 3339 with an offset, or a wall-clock `YYYY-MM-DDTHH:MM` in `time_zone`.
    pub start: String,
    /// The booker's zone: how `start` is read without an offset, and how times are answered.
    pub time_zone: Option<String>,
    /// A visitor's; a signed-in person's come from their account or client record.
    pub name: String,
    pub email: String,
    pub notes: String,
}

/// A booking made on the page.
#[derive(Debug, Clone)]
pub struct Booked {
    pub booking: super::bookings::Booking,
    /// The zone the booker reads times in.
    pub zone: Zone,
    pub manage_token: String,
    /// Whether it holds one of the client's package credits.
    pub uses_credit: bool,
}

impl Booked {
    pub fn manage_path(&self) -> String {
        manage::path(&self.manage_token)
    }

    pub fn calendar_path(&self) -> String {
        calendar_path(&self.manage_token)
    }
}

/// The path of a booking's own `.ics`.
pub fn calendar_path(token: &str) -> String {
    format!("{}/calendar.ics", manage::path(token))
}

/// Why a well-formed booking did not book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookRefusal {
    /// Someone else took (part of) the time first; the nearest free starts of the type instead.
    SlotTaken { nearest: Vec<Timestamp> },
    /// Free, but outside the coach's firm booking rules: a session request can ask for it.
    OutsideRules {
        reason: PolicyReason,
        request_path: String,
    },
    /// The viewer may not book here (sign in, or clients only).
    Denied(Denied),
}

/// The request page for a time the rules do not offer.
pub fn request_path(slug: &str, session_type_id: i64, start: Timestamp) -> String {
    let start = start.to_string().replace(':', "%3A").replace('+', "%2B");
    format!("/c/{slug}/request?sessionTypeId={session_type_id}&start={start}")
}

/// Reads `start`: an instant with an offset, or a wall-clock time in `zone`. A wall-clock time
/// the clocks skip is refused (never moved), also when written with an offset the zone does not
/// have at that time.
fn read_start(raw: &str, zone: &Zone, zone_given: bool) -> Result<Timestamp, InvalidInput> {
    validate::code("start", raw)?;
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(InvalidInput::new("start", "Choose a time.").key("validate-time-empty"));
    }
    let gap = |dt: DateTime| {
        let day = dt.strftime("%-d %b %Y").to_string();
        let time = dt.strftime("%H:%M").to_string();
        let zone = zone.name();
        InvalidInput::new(
            "start",
            format!("{day} {time} does not exist in {zone}: the clocks go forward then. Choose another time."),
        )
        .key("validate-clock-gap-day")
        .arg("day", super::i18n::day_arg(dt.date(), || day.clone()))
        .arg("time", &time)
        .arg("zone", zone)
    };
    if raw.parse::<Timestamp>().is_ok() {
        let ts = validate::instant("start", raw)?;
        if zone_given {
            if let Ok(dt) = raw.parse::<DateTime>() {
                let in_gap = matches!(
                    zone.tz().to_ambiguous_timestamp(dt).offset(),
                    AmbiguousOffset::Gap { .. }
                );
                if in_gap && zone.tz().to_datetime(ts) != dt {
                    return Err(gap(dt));
                }
            }
        }
        return Ok(ts);
    }
    let dt = raw.parse::<DateTime>().map_err(|_| {
        InvalidInput::new(
            "start",
            "Give the time as RFC 3339 with an offset, e.g. 2026-12-01T10:00:00+01:00.",
        )
        .key("validate-instant-format")
    })?;
    match zone.tz().to_ambiguous_timestamp(dt).offset() {
        AmbiguousOffset::Gap { .. } => Err(gap(dt)),
        _ => {
            let resolved = resolve_wall(zone.tz(), dt, Fold::Earlier).ok_or_else(|| {
                InvalidInput::new("start", "Use a date between 2000 and 2199.")
                    .key("validate-date-range")
            })?;
            coachbook_core::time::supported(resolved.instant).map_err(|_| {
                InvalidInput::new("start", "Use a date between 2000 and 2199.")
                    .key("validate-date-range")
            })
        }
    }
}

/// The session type a booker asked for, when they may see it; else a field error that reads the
/// same for a hidden and an unknown type.
fn visible_type<'a>(
    visit: &Visit,
    rows: &'a [SessionTypeRow],
    id: Option<i64>,
) -> Result<&'a SessionTypeRow, InvalidInput> {
    let Some(id) = id else {
        return Err(InvalidInput::new("sessionTypeId", "Choose a session type.")
            .key("validate-choose-session-type"));
    };
    rows.iter()
        .find(|t| t.id == id && t.archived_at.is_none() && visit.view.sees_type(t.visibility))
        .ok_or_else(|| {
            InvalidInput::new(
                "sessionTypeId",
                "No such session type on this page; choose one of those listed.",
            )
            .key("validate-no-such-session-type")
        })
}

/// Books a time on the coach's page for this visit, as the view allows: a connected client as
/// their client record (holding a package credit when they have one for the type), a
/// registered user as their account, a visitor with the name and email they give. Inside the
/// coach's firm booking rules it is confirmed (pending when the type needs approval); outside
/// them, or taken meanwhile, it is refused with what to do instead. Checked under the coach's
/// lock; the manage link and the confirmation email are written in the same transaction.
pub async fn book(
    cx: &Ctx,
    visit: &Visit,
    input: &PublicBookingInput,
) -> AppResult<Result<Booked, BookRefusal>> {
    let book_as = match visit.view.may_book() {
        Ok(as_) => as_,
        Err(Denied::Hidden) => return Err(denied(Denied::Hidden, "coach")),
        Err(d) => return Ok(Err(BookRefusal::Denied(d))),
    };
    let coach = visit.page.coach();
    let now = cx.now();
    let rows = crate::store::session_types::list(cx.db.pool(), coach.id, false).await?;

    let mut c = Checker::default();
    let zone_given = input
        .time_zone
        .as_deref()
        .is_some_and(|z| !z.trim().is_empty());
    let zone = match viewer_zone(visit, input.time_zone.as_deref()) {
        Ok(z) => Some(z),
        Err(e) => {
            c.absorb(e)?;
            None
        }
    };
    let st = c.check(visible_type(visit, &rows, input.session_type_id));
    let start = match &zone {
        Some(zone) => c.check(read_start(&input.start, zone, zone_given)),
        None => None,
    };
    let start = start.and_then(|s| {
        if s < now {
            c.push(
                InvalidInput::new("start", "That time has passed; choose a later one.")
                    .key("validate-time-has-passed-choose"),
            );
            None
        } else {
            Some(s)
        }
    });
    c.check(super::catalog::text("notes", &input.notes, NOTES_MAX));
    let (name, email, client_id, user_id) = match (book_as, &visit.account) {
        (BookAs::Client { client_id, user_id }, _) => {
            (String::new(), String::new(), Some(client_id), Some(user_id))
        }
        (BookAs::User { user_id }, Some(a)) => {
            (a.name.clone(), a.email.clone(), None, Some(user_id))
        }
        (BookAs::Owner, Some(a)) => (
            non_empty(&input.name, &a.name),
            non_empty(&input.email, &a.email),
            None,
            None,
        ),
        _ => {
            c.check(validate::PersonName::parse("name", &input.name));
            c.check(validate::Email::parse("email", &input.email));
            (input.name.clone(), input.email.clone(), None, None)
        }
    };
    let (st, start, zone) = c.done((st, start, zone).all())?;

    // A connected client's package credit for this type, when there is one that fits.
    let package_id = match client_id {
        Some(client_id) => {
            let credits = client_credits(cx, &coach, client_id).await?;
            let fits = credits
                .iter()
                .any(|(t, minutes, _, _)| *t == st.id && *minutes == st.duration_minutes);
            if fits {
                enrolments::for_client(cx.db.pool(), coach.id, client_id)
                    .await?
                    .into_iter()
                    .find(|e| e.session_type_id == Some(st.id) && e.credits_remaining > 0)
                    .map(|e| e.package_id)
            } else {
                None
            }
        }
        None => None,
    };
    let request = BookingInput {
        session_type_id: Some(st.id),
        when: TimeInput {
            start: start.to_string(),
            ..TimeInput::default()
        },
        name,
        email,
        notes: input.notes.clone(),
        client_id,
        package_id,
        ..BookingInput::default()
    };
    let checked = {
        let mut conn = cx.db.pool().acquire().await?;
        check_request(&mut conn, &coach, &request).await?
    };
    let spec = session_types::spec(st)?;

    let mut tx = cx.db.begin_write().await?;
    bookings_store::lock_coach(&mut *tx, coach.id).await?;
    let around = around(start);
    let calendar = load_calendar(&mut tx, coach.id, &coach.zone, around, None).await?;
    let policy = availability_store::policy(&mut *tx, coach.id).await?;
    let class = calendar
        .classify_start(&spec, &policy, now, start, None)
        .map_err(query_error)?;
    match class {
        StartClass::Offered(_) => {}
        StartClass::OutsidePolicy(reason) => {
            return Ok(Err(BookRefusal::OutsideRules {
                reason,
                request_path: request_path(&coach.slug, st.id, start),
            }))
        }
        StartClass::Conflict(_) => {
            drop(tx);
            return Ok(Err(taken(cx, &coach, st, start).await?));
        }
    }
    let status = if st.requires_approval.0 {
        BookingStatus::Pending
    } else {
        BookingStatus::Confirmed
    };
    let id = match create_as(&mut tx, &coach, &checked, now, status, user_id).await {
        Ok(id) => id,
        Err(AppError::Refused(
            super::Refusal::Collision { .. }
            | super::Refusal::Overlap
            | super::Refusal::OutsideHours(_),
        )) => {
            drop(tx);
            return Ok(Err(taken(cx, &coach, st, start).await?));
        }
        Err(e) => return Err(e),
    };
    let token = manage::issue(&mut tx, coach.id, id).await?;
    let event = notify::Event::BookingCreated { booking_id: id };
    notify::on(&mut tx, cx, coach.id, &event, now).await?;
    let booking =
        super::bookings::Booking::from(bookings_store::get_booking(&mut *tx, coach.id, id).await?);
    tx.commit().await?;
    cx.wake.notify();
    Ok(Ok(Booked {
        uses_credit: booking.package_id.is_some(),
        booking,
        zone,
        manage_token: token,
    }))
}

fn non_empty(typed: &str, stored: &str) -> String {
    if typed.trim().is_empty() {
        stored.to_owned()
    } else {
        typed.to_owned()
    }
}

/// The stretch around `start` whose open times can stand in for it.
fn around(start: Timestamp) -> Interval {
    Interval {
        start: coachbook_core::time::sat_sub(start, NEAREST_SPAN),
        end: coachbook_core::time::sat_add(start, NEAREST_SPAN),
    }
}

/// "Just taken", with the nearest open starts of the type, read afresh (the booking that took
/// the time is committed: it was seen under the lock).
async fn taken(
    cx: &Ctx,
    coach: &Coach,
    st: &SessionTypeRow,
    start: Timestamp,
) -> AppResult<BookRefusal> {
    Ok(BookRefusal::SlotTaken {
        nearest: nearest(cx, coach, st, start).await?,
    })
}

/// Up to [`NEAREST`] open starts of `st` closest to `start`, in time order.
pub async fn nearest(
    cx: &Ctx,
    coach: &Coach,
    st: &SessionTypeRow,
    start: Timestamp,
) -> AppResult<Vec<Timestamp>> {
    let now = cx.now();
    let span = around(start);
    let from = span.start.max(now);
    if from >= span.end {
        return Ok(Vec::new());
    }
    let mut conn = cx.db.pool().acquire().await?;
    let calendar = load_calendar(&mut conn, coach.id, &coach.zone, span, None).await?;
    let policy = availability_store::policy(&mut *conn, coach.id).await?;
    let query = Query {
        session_type: session_types::spec(st)?,
        policy,
        now,
        from,
        to: span.end,
        exclude_session: None,
    };
    let open = calendar.availability(&query).map_err(query_error)?;
    let mut starts: Vec<Timestamp> = open
        .slots
        .into_iter()
        .map(|s| s.start)
        .filter(|s| *s != start)
        .collect();
    starts.sort_by_key(|s| (s.duration_since(start).abs(), *s));
    starts.truncate(NEAREST);
    starts.sort();
    Ok(starts)
}

/// A booking's own calendar file, by its manage token: (file name, iCalendar text). An unknown
/// or malformed token is "not found".
pub async fn booking_ics(cx: &Ctx, token: &str) -> AppResult<String> {
    let (coach_id, booking_id) = manage::resolve(cx.db.pool(), token).await?;
    let b = bookings_store::get_booking(cx.db.pool(), coach_id, booking_id)
        .await
        .map_err(AppError::missing("booking"))?;
    let coach = crate::store::privacy::by_coach(cx.db.pool(), coach_id)
        .await
        .map_err(|e| match e {
            StoreError::NotFound => AppError::NotFound("booking"),
            e => e.into(),
        })?;
    let sequence = crate::store::emails::next_sequence(cx.db.pool(), b.id).await?;
    let summary = format!("{} with {}", b.session_type_name, coach.name);
    let description = if b.meeting_url.trim().is_empty() {
        String::new()
    } else {
        format!("Join: {}", b.meeting_url.trim())
    };
    let method = if b.status == BookingStatus::Cancelled {
        invite::Method::Cancel
    } else {
        invite::Method::Request
    };
    let (uid, recurrence_id) = invite::identity(b.id, &b.email, b.series(), &cx.mail.host());
    Ok(invite::build(&invite::InviteData {
        method,
        uid,
        recurrence_id,
        sequence: (sequence - 1).max(0),
        stamp: cx.now(),
        start: b.start_at.timestamp(),
        end: b.end_at.timestamp(),
        summary: &summary,
        description: &description,
        meeting_url: &b.meeting_url,
        tentative: b.status == BookingStatus::Pending,
        organizer_name: &coach.name,
        organizer_email: &coach.email,
        attendee_name: &b.name,
        attendee_email: &b.email,
    }))
}

/// The booking a manage token opens, for the page's confirmation, when it is a booking on the
/// coach at `slug`; "not found" otherwise.
pub async fn booked_by_token(
    cx: &Ctx,
    visit: &Visit,
    token: &str,
) -> AppResult<super::bookings::Booking> {
    let (coach_id, booking_id) = manage::resolve(cx.db.pool(), token).await?;
    if coach_id != visit.page.coach_id {
        return Err(AppError::NotFound("booking"));
    }
    bookings_store::get_booking(cx.db.pool(), coach_id, booking_id)
        .await
        .map(super::bookings::Booking::from)
        .map_err(AppError::missing("booking"))
}

/// The first day of the week (Monday) holding `date`.
pub fn week_start(date: Date) -> Date {
    coachbook_core::time::iso_week_start(date).unwrap_or(date)
}
