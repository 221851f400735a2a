//! The coach's public page `/c/{slug}`: the practice's landing page (profile, session types,
//! "Apply for coaching") and its booking calendar. Without JavaScript it lists a week of open
//! times in the viewer's zone and books through `/c/{slug}/book`; `assets/coach_page.js` turns
//! it into week, month and list views over `/api/coaches/{slug}/calendar`, books in a dialog and
//! follows the live event stream. Also `/b/{token}/calendar.ics`, a booking's own calendar file.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use coachbook_core::availability::PolicyReason;
use coachbook_core::booking::BookingStatus;
use coachbook_core::privacy::{BookAs, Denied};
use coachbook_core::time::{local_date, rfc3339, Zone};
use jiff::civil::Date;
use jiff::Timestamp;
use serde::Deserialize;
use tower_sessions::Session;

use super::{form_errors, render, time_zones, with_retry_after, FieldErrors, Shell, Tr};
use crate::app::booking_page::{
    self, BookRefusal, CalendarInput, CoachPage, PublicBookingInput, VisibleType,
};
use crate::app::dates;
use crate::app::i18n::msg;
use crate::app::privacy::{visit, Visit};
use crate::app::throttle::PublicForm;
use crate::app::AppError;
use crate::web::api::coaches::busy_label;
use crate::web::assets::asset_url;
use crate::web::error::{PageError, PageResult};
use crate::web::extract::{ClientAddr, MaybeAccount, PageForm};
use crate::web::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/c/{slug}", get(coach_page_get))
        .route("/c/{slug}/book", get(book_get).post(book_post))
        .route("/c/{slug}/booked/{token}", get(booked_get))
        .route("/b/{token}/calendar.ics", get(ics_get))
}

/// The page's own policy: the coach's photo may come from any `https` host.
const PAGE_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; \
     connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

fn with_page_csp(mut res: Response) -> Response {
    res.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(PAGE_CSP),
    );
    res
}

/// Percent-encodes one query value.
fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn shell(title: String, v: &Visit, session: &Session) -> Shell {
    match &v.account {
        Some(a) => Shell::signed_in(title, a, "", session).await,
        None => Shell::public(title),
    }
}

/// The zone the viewer asked for with `?tz=`, else their default; a zone that does not read is
/// said, and the default used.
fn pick_zone(v: &Visit, raw: &str) -> (Zone, Option<String>) {
    match booking_page::viewer_zone(v, Some(raw)) {
        Ok(z) => (z, None),
        Err(_) => (
            booking_page::viewer_zone(v, None).unwrap_or_else(|_| v.page.zone.clone()),
            Some(format!(
                "\u{201c}{}\u{201d} is not a time zone we know; times are shown in another.",
                raw.chars().take(60).collect::<String>()
            )),
        ),
    }
}

/// A session type card on the page.
struct TypeCard {
    id: i64,
    name: String,
    minutes: i64,
    description: String,
    color: String,
    price: Option<String>,
    approval: bool,
    group: Option<i64>,
    credits: Option<String>,
    tiers: Option<String>,
    your_price: Option<String>,
    bundles: Vec<(String, Option<String>)>,
}

impl From<&VisibleType> for TypeCard {
    fn from(t: &VisibleType) -> Self {
        Self {
            id: t.id,
            name: t.name.clone(),
            minutes: t.duration_minutes,
            description: t.description.clone(),
            color: t.color.clone(),
            price: t
                .price
                .as_ref()
                .map(|(cents, currency)| crate::app::money::show(*cents, currency)),
            approval: t.requires_approval,
            group: (t.capacity > 1).then_some(t.capacity),
            credits: t.credits.as_ref().map(credit_note),
            tiers: t.tiers.clone(),
            your_price: t.your_price.clone(),
            bundles: t.bundles.clone(),
        }
    }
}

fn credit_note(c: &booking_page::Credits) -> String {
    Tr::current().t2(
        "public-credit-note",
        "count",
        c.remaining,
        "package",
        &c.package_name,
    )
}

/// One open time (with a link to book it) or booked block in the no-script week list.
struct DayItem {
    at: Timestamp,
    time: String,
    type_name: String,
    color: String,
    /// For an open time: where to book it, and what the link says to a screen reader.
    book: Option<(String, String)>,
    /// For a full group session: its waitlist's page.
    waitlist: Option<String>,
}

struct DayList {
    label: String,
    iso: String,
    items: Vec<DayItem>,
}

/// Why the viewer may not book, and where to go about it.
struct CannotBook {
    message: String,
    link: Option<(String, String)>,
}

/// "12 seconds", "3 minutes": how long to wait, in the reader's language.
fn wait_words(secs: u64) -> String {
    let tr = Tr::current();
    match secs {
        0..=90 => tr.t1(
            "wait-seconds",
            "count",
            i64::try_from(secs.max(1)).unwrap_or(90),
        ),
        _ => tr.t1(
            "wait-minutes",
            "count",
            i64::try_from(secs.div_ceil(60)).unwrap_or(i64::MAX),
        ),
    }
}

/// Why a time cannot be booked directly, as one sentence per reason.
fn outside_rules_words(reason: PolicyReason) -> String {
    let id = match reason {
        PolicyReason::TooLittleNotice => msg("book-outside-notice"),
        PolicyReason::TooFarAhead => msg("book-outside-ahead"),
        PolicyReason::OutsideHours => msg("book-outside-hours"),
        PolicyReason::DailyLimitReached => msg("book-outside-day-full"),
        PolicyReason::WeeklyLimitReached => msg("book-outside-week-full"),
    };
    Tr::current().t(id)
}

/// The core's refusal, in the reader's language.
pub fn denied_message(d: Denied) -> String {
    let tr = Tr::current();
    match d {
        Denied::Hidden => tr.t("denied-hidden"),
        Denied::SignIn => tr.t("denied-sign-in"),
        Denied::ClientsOnly => tr.t("denied-clients-only"),
    }
}

fn cannot_book(d: Denied, slug: &str) -> CannotBook {
    let tr = Tr::current();
    let path = format!("/c/{slug}");
    match d {
        Denied::SignIn => CannotBook {
            message: denied_message(d),
            link: Some((
                format!("/login?next={}", enc(&path)),
                tr.t("public-sign-in"),
            )),
        },
        _ => CannotBook {
            message: denied_message(d),
            link: Some((format!("/c/{slug}/apply"), tr.t("public-apply"))),
        },
    }
}

#[derive(Template)]
#[template(path = "pages/coach_page.html")]
struct LandingPage {
    shell: Shell,
    slug: String,
    name: String,
    initials: String,
    bio_lines: Vec<String>,
    photo_url: String,
    types: Vec<TypeCard>,
    sees_calendar: bool,
    cannot: Option<CannotBook>,
    book_as: &'static str,
    zone: String,
    zones: &'static [String],
    zone_notice: Option<String>,
    type_filter: Option<i64>,
    week_label: String,
    week_iso: String,
    prev_href: String,
    next_href: String,
    today_href: String,
    days: Vec<DayList>,
    open_count: usize,
    script: String,
}

impl LandingPage {
    fn is_filter(&self, id: &i64) -> bool {
        self.type_filter == Some(*id)
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LandingQuery {
    tz: String,
    week: String,
    #[serde(rename = "type")]
    session_type: String,
}

fn book_as_word(b: Result<BookAs, Denied>) -> &'static str {
    match b {
        Ok(BookAs::Visitor) => "visitor",
        Ok(BookAs::User { .. }) => "user",
        Ok(BookAs::Client { .. }) => "client",
        Ok(BookAs::Owner) => "owner",
        Err(_) => "",
    }
}

/// The page address with the viewer's choices.
fn landing_href(slug: &str, tz: &str, week: Option<Date>, session_type: Option<i64>) -> String {
    let mut q = vec![format!("tz={}", enc(tz))];
    if let Some(w) = week {
        q.push(format!("week={w}"));
    }
    if let Some(t) = session_type {
        q.push(format!("type={t}"));
    }
    format!("/c/{slug}?{}#book", q.join("&"))
}

fn book_href(slug: &str, type_id: i64, start: Timestamp, zone: &Zone) -> String {
    format!(
        "/c/{slug}/book?sessionTypeId={type_id}&start={}&tz={}",
        enc(&rfc3339(start, zone)),
        enc(zone.name())
    )
}

async fn coach_page_get(
    State(state): State<AppState>,
    session: Session,
    MaybeAccount(account): MaybeAccount,
    Path(slug): Path<String>,
    Query(q): Query<LandingQuery>,
) -> PageResult<Response> {
    let cx = state.ctx();
    let v = visit(cx, account.as_ref(), &slug).await?;
    let page: CoachPage = booking_page::page(cx, &v).await?;
    let (zone, zone_notice) = if q.tz.trim().is_empty() {
        (booking_page::viewer_zone(&v, None)?, None)
    } else {
        pick_zone(&v, &q.tz)
    };
    let today = local_date(zone.tz(), cx.now());
    let week = q
        .week
        .trim()
        .parse::<Date>()
        .ok()
        .filter(|d| (2000..2200).contains(&d.year()))
        .map_or_else(|| booking_page::week_start(today), booking_page::week_start);
    let type_filter = q
        .session_type
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| page.types.iter().any(|t| t.id == *id));
    let mut days = Vec::new();
    let mut open_count = 0;
    if page.sees_calendar {
        let dates: Vec<Date> = (0..7)
            .filter_map(|n| week.checked_add(jiff::Span::new().days(n)).ok())
            .collect();
        let end = week
            .checked_add(jiff::Span::new().days(7))
            .map_err(|e| anyhow::anyhow!("a week after {week}: {e}"))?;
        let answer = booking_page::calendar(
            cx,
            &v,
            &CalendarInput {
                from: Some(week.to_string()),
                to: Some(end.to_string()),
                time_zone: Some(zone.name().to_owned()),
                session_type_id: type_filter,
            },
        )
        .await?;
        for d in dates {
            let on = |t: Timestamp| local_date(zone.tz(), t) == d;
            let mut items: Vec<DayItem> = answer
                .slots
                .iter()
                .filter(|s| on(s.start))
                .filter_map(|s| {
                    let t = page.types.iter().find(|t| t.id == s.session_type_id)?;
                    let time = dates::time(s.start, &zone);
                    Some(DayItem {
                        at: s.start,
                        book: Some((
                            book_href(&slug, t.id, s.start, &zone),
                            // Read after the visible time (and type): "09:00 Coaching
                            // session, Wed 19 Apr 2028: book".
                            Tr::current().t1("public-slot-book", "date", dates::date(d)),
                        )),
                        time,
                        type_name: t.name.clone(),
                        color: t.color.clone(),
                        waitlist: None,
                    })
                })
                .collect();
            open_count += items.len();
            items.extend(answer.busy.iter().filter(|b| on(b.start)).map(|b| {
                DayItem {
                    at: b.start,
                    time: dates::time_range(b.start, b.end, &zone),
                    type_name: busy_label(&b.label),
                    color: String::new(),
                    book: None,
                    waitlist: b
                        .waitlist
                        .map(|id| crate::app::waitlist::join_path(&slug, id)),
                }
            }));
            items.sort_by_key(|i| i.at);
            days.push(DayList {
                label: dates::date(d),
                iso: d.to_string(),
                items,
            });
        }
    }
    let prev = week.checked_sub(jiff::Span::new().days(7)).ok();
    let next = week.checked_add(jiff::Span::new().days(7)).ok();
    let week_end = week.checked_add(jiff::Span::new().days(6)).unwrap_or(week);
    let landing = LandingPage {
        shell: shell(page.name.clone(), &v, &session).await,
        initials: page.initials(),
        bio_lines: page
            .bio
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        photo_url: page.photo_url.clone(),
        types: page.types.iter().map(TypeCard::from).collect(),
        sees_calendar: page.sees_calendar,
        cannot: page.may_book.err().map(|d| cannot_book(d, &slug)),
        book_as: book_as_word(page.may_book),
        zones: time_zones(),
        zone_notice,
        type_filter,
        week_label: format!("{} \u{2013} {}", dates::date(week), dates::date(week_end)),
        week_iso: week.to_string(),
        prev_href: landing_href(&slug, zone.name(), prev, type_filter),
        next_href: landing_href(&slug, zone.name(), next, type_filter),
        today_href: landing_href(&slug, zone.name(), None, type_filter),
        days,
        open_count,
        zone: zone.name().to_owned(),
        name: page.name,
        slug,
        script: asset_url("coach_page.js"),
    };
    Ok(with_page_csp(render(StatusCode::OK, &landing)?))
}

/// The confirm form as typed.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct BookForm {
    #[serde(rename = "sessionTypeId")]
    session_type_id: String,
    start: String,
    tz: String,
    name: String,
    email: String,
    notes: String,
    /// Invisible to people; a bot that fills it books nothing.
    website: String,
}

/// What the confirm page says about the chosen time.
struct Chosen {
    type_name: String,
    color: String,
    when: String,
    minutes: i64,
    price: Option<String>,
    approval: bool,
    credits: Option<String>,
}

#[derive(Template)]
#[template(path = "pages/coach_page_book.html")]
struct BookPage {
    shell: Shell,
    slug: String,
    coach_name: String,
    form: BookForm,
    chosen: Option<Chosen>,
    zone: String,
    cannot: Option<CannotBook>,
    needs_contact: bool,
    errors: FieldErrors,
    /// A refusal to show above the form: the message, the nearest times (label, link) and a
    /// link to the request page.
    refusal: Option<String>,
    nearest: Vec<(String, String)>,
    request_link: Option<String>,
    back: String,
}

/// A refusal to show on the confirm form: the message, the nearest open times (label, link) and
/// the session request page to offer instead.
type Refused = (String, Vec<(String, String)>, Option<String>);

async fn book_page(
    state: &AppState,
    v: &Visit,
    session: &Session,
    form: BookForm,
    errors: FieldErrors,
    refusal: Option<Refused>,
) -> PageResult<BookPage> {
    let cx = state.ctx();
    let page = booking_page::page(cx, v).await?;
    if !page.sees_calendar {
        return Err(PageError(AppError::NotFound("coach")));
    }
    let (zone, _) = pick_zone(v, &form.tz);
    let type_id = form.session_type_id.trim().parse::<i64>().ok();
    let t = page.types.iter().find(|t| Some(t.id) == type_id);
    let start = form.start.trim().parse::<Timestamp>().ok();
    let chosen = match (t, start) {
        (Some(t), Some(start)) => {
            let end = start
                .checked_add(jiff::SignedDuration::from_mins(t.duration_minutes))
                .unwrap_or(start);
            let card = TypeCard::from(t);
            Some(Chosen {
                type_name: t.name.clone(),
                color: t.color.clone(),
                when: format!(
                    "{}, {}",
                    dates::day(start, &zone),
                    dates::time_range(start, end, &zone)
                ),
                minutes: t.duration_minutes,
                price: card.price,
                approval: t.requires_approval,
                credits: card.credits,
            })
        }
        _ => None,
    };
    let (refusal, nearest, request_link) = match refusal {
        Some((m, n, r)) => (Some(m), n, r),
        None => (None, Vec::new(), None),
    };
    Ok(BookPage {
        shell: shell(
            Tr::current().t1("book-title", "coach", &page.name),
            v,
            session,
        )
        .await,
        back: landing_href(&page.slug, zone.name(), None, None),
        slug: page.slug.clone(),
        coach_name: page.name.clone(),
        form: BookForm {
            tz: zone.name().to_owned(),
            ..form
        },
        chosen,
        zone: zone.name().to_owned(),
        cannot: page.may_book.err().map(|d| cannot_book(d, &page.slug)),
        needs_contact: matches!(page.may_book, Ok(BookAs::Visitor)),
        errors,
        refusal,
        nearest,
        request_link,
    })
}

async fn book_get(
    State(state): State<AppState>,
    session: Session,
    MaybeAccount(account): MaybeAccount,
    Path(slug): Path<String>,
    Query(form): Query<BookForm>,
) -> PageResult<Response> {
    let v = visit(state.ctx(), account.as_ref(), &slug).await?;
    let page = book_page(&state, &v, &session, form, FieldErrors::default(), None).await?;
    let status = if page.chosen.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    Ok(with_page_csp(render(status, &page)?))
}

async fn book_post(
    State(state): State<AppState>,
    session: Session,
    MaybeAccount(account): MaybeAccount,
    ClientAddr(addr): ClientAddr,
    Path(slug): Path<String>,
    PageForm(form): PageForm<BookForm>,
) -> PageResult<Response> {
    let cx = state.ctx();
    let v = visit(cx, account.as_ref(), &slug).await?;
    let email = account
        .as_ref()
        .map_or_else(|| form.email.clone(), |a| a.email.clone());
    let admitted = match state
        .forms()
        .admit(cx, PublicForm::Book(v.page.coach_id), addr, &email)
        .await
    {
        Ok(a) => a,
        Err(AppError::RateLimited { retry_after_secs }) => {
            let message = Tr::current().t1("book-too-many", "wait", wait_words(retry_after_secs));
            let page = book_page(
                &state,
                &v,
                &session,
                form,
                FieldErrors::default(),
                Some((message, Vec::new(), None)),
            )
            .await?;
            let mut res = with_retry_after(
                render(StatusCode::TOO_MANY_REQUESTS, &page)?,
                retry_after_secs,
            );
            *res.status_mut() = StatusCode::TOO_MANY_REQUESTS;
            return Ok(with_page_csp(res));
        }
        Err(e) => return Err(PageError(e)),
    };
    let zone_name = form.tz.clone();
    if !form.website.is_empty() {
        // A bot filled the invisible field: nothing is booked.
        return Ok(Redirect::to(&format!("/c/{slug}")).into_response());
    }
    let input = PublicBookingInput {
        session_type_id: form.session_type_id.trim().parse().ok(),
        start: form.start.clone(),
        time_zone: Some(zone_name.clone()).filter(|z| !z.trim().is_empty()),
        name: form.name.clone(),
        email: form.email.clone(),
        notes: form.notes.clone(),
    };
    match booking_page::book(cx, &v, &input).await {
        Ok(Ok(booked)) => {
            let to = format!(
                "/c/{slug}/booked/{}?tz={}",
                booked.manage_token,
                enc(booked.zone.name())
            );
            Ok(Redirect::to(&to).into_response())
        }
        Ok(Err(refusal)) => {
            if matches!(refusal, BookRefusal::Denied(_)) {
                admitted.give_back(cx).await?;
            }
            let (zone, _) = pick_zone(&v, &zone_name);
            let shown = match refusal {
                BookRefusal::SlotTaken { nearest } => {
                    let type_id = input.session_type_id.unwrap_or_default();
                    let times = nearest
                        .iter()
                        .map(|t| {
                            (
                                dates::day_time(*t, &zone),
                                book_href(&slug, type_id, *t, &zone),
                            )
                        })
                        .collect::<Vec<_>>();
                    let message = if times.is_empty() {
                        Tr::current().t("book-taken-none-near")
                    } else {
                        Tr::current().t("book-taken-nearest")
                    };
                    (message, times, None)
                }
                BookRefusal::OutsideRules {
                    reason,
                    request_path,
                } => (outside_rules_words(reason), Vec::new(), Some(request_path)),
                BookRefusal::Denied(d) => (denied_message(d), Vec::new(), None),
            };
            let page = book_page(
                &state,
                &v,
                &session,
                form,
                FieldErrors::default(),
                Some(shown),
            )
            .await?;
            Ok(with_page_csp(render(StatusCode::CONFLICT, &page)?))
        }
        Err(e @ AppError::Invalid(_)) => {
            admitted.give_back(cx).await?;
            let errors = form_errors(e)?;
            let page = book_page(&state, &v, &session, form, errors, None).await?;
            Ok(with_page_csp(render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &page,
            )?))
        }
        Err(e) => {
            admitted.give_back(cx).await?;
            Err(PageError(e))
        }
    }
}

#[derive(Template)]
#[template(path = "pages/coach_page_booked.html")]
struct BookedPage {
    shell: Shell,
    coach_name: String,
    type_name: String,
    when: String,
    pending: bool,
    cancelled: bool,
    email: String,
    uses_credit: bool,
    manage_path: String,
    calendar_path: String,
    back: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TzQuery {
    tz: String,
}

/// The confirmation after booking without script. The token is the booker's own secret link.
async fn booked_get(
    State(state): State<AppState>,
    session: Session,
    MaybeAccount(account): MaybeAccount,
    Path((slug, token)): Path<(String, String)>,
    Query(q): Query<TzQuery>,
) -> PageResult<Response> {
    let cx = state.ctx();
    let v = visit(cx, account.as_ref(), &slug).await?;
    let b = booking_page::booked_by_token(cx, &v, &token).await?;
    let (zone, _) = pick_zone(&v, &q.tz);
    let page = BookedPage {
        shell: shell(Tr::current().t("booked-page-title"), &v, &session).await,
        coach_name: v.page.name.clone(),
        type_name: b.session_type_name.clone(),
        when: format!(
            "{}, {} ({})",
            dates::day(b.start, &zone),
            dates::time_range(b.start, b.end, &zone),
            zone.name()
        ),
        pending: b.status == BookingStatus::Pending,
        cancelled: b.status == BookingStatus::Cancelled,
        email: b.email.clone(),
        uses_credit: b.package_id.is_some(),
        manage_path: crate::app::manage::path(&token),
        calendar_path: booking_page::calendar_path(&token),
        back: landing_href(&slug, zone.name(), None, None),
    };
    Ok(with_page_csp(render(StatusCode::OK, &page)?))
}

/// A booking's own `.ics`: only that booking, by its manage token.
async fn ics_get(State(state): State<AppState>, Path(token): Path<String>) -> PageResult<Response> {
    let ics = booking_page::booking_ics(state.ctx(), &token).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"coachbook-session.ics\"",
            ),
        ],
        ics,
    )
        .into_response())
}
