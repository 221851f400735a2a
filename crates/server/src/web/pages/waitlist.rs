//! Waitlist pages, all working without script:
//! - `/admin/sessions/{id}/waitlist`: the coach's list for one session (seats, who holds an
//!   offer until when, the line with up/down, "Offer a seat now" and "Remove"), and the waitlist
//!   settings. Its list is `templates/partials/waitlist.html`, which the Calendar's session panel
//!   includes too ([`panel`] builds what it needs).
//! - `/c/{slug}/waitlist/{session_id}`: "Join the waitlist" of a full group session, for whoever
//!   the coach's page lets join (visitors give a name and email when the coach allows it).
//! - `/waitlist/claim/{token}`: the offer from the email: claim the held seat, or pass it on.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use coachbook_core::time::Zone;
use coachbook_core::validate::InvalidInput;
use serde::Deserialize;
use tower_sessions::Session;

use super::{form_errors, render, set_notice, with_retry_after, FieldErrors, Shell};
use crate::app::accounts::{Account, Coach};
use crate::app::dates;
use crate::app::i18n::{self, Tr};
use crate::app::throttle::PublicForm;
use crate::app::waitlist::{self, JoinInput, WaitRefusal, Waitlist, WaitlistStatus};
use crate::app::{AppError, Ctx};
use crate::web::error::{PageError, PageResult};
use crate::web::extract::{ClientAddr, MaybeAccount, PageCoach, PageForm};
use crate::web::{words, AppState};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/sessions/{id}/waitlist", get(admin_get))
        .route(
            "/admin/sessions/{id}/waitlist/{entry}/{action}",
            post(entry_post),
        )
        .route("/admin/waitlist/settings", post(settings_post))
        .route("/c/{slug}/waitlist/{id}", get(join_get).post(join_post))
        .route("/waitlist/claim/{token}", get(claim_get).post(claim_post))
}

/// "Mon 9 Nov 2026, 10:00–11:00" in `zone`.
fn when(start: jiff::Timestamp, end: jiff::Timestamp, zone: &Zone) -> String {
    format!(
        "{}, {}",
        dates::day(start, zone),
        dates::time_range(start, end, zone)
    )
}

/// One entry as the coach's list shows it.
pub struct EntryRow {
    pub id: i64,
    pub place: Option<i64>,
    pub name: String,
    pub email: String,
    pub status: &'static str,
    pub status_label: String,
    /// "held until Mon 2 Nov, 21:00" for an offer; when they joined otherwise.
    pub note: String,
    pub first: bool,
    pub last: bool,
}

/// The message id of an entry's status.
fn status_label(s: WaitlistStatus) -> &'static str {
    match s {
        WaitlistStatus::Waiting => i18n::msg("waitlist-status-waiting"),
        WaitlistStatus::Offered => i18n::msg("waitlist-status-offered"),
        WaitlistStatus::Claimed => i18n::msg("waitlist-status-claimed"),
        WaitlistStatus::Expired => i18n::msg("waitlist-status-expired"),
        WaitlistStatus::Left => i18n::msg("waitlist-status-left"),
        WaitlistStatus::Removed => i18n::msg("waitlist-status-removed"),
    }
}

/// What `templates/partials/waitlist.html` shows: one session's seats and waitlist.
pub struct WaitlistPanel {
    pub session_id: i64,
    pub seats: String,
    pub open: bool,
    pub free: i64,
    pub entries: Vec<EntryRow>,
    pub past: Vec<EntryRow>,
    pub zone: String,
    /// The reader's language: the panel is included by pages with different shells.
    pub tr: Tr,
}

impl WaitlistPanel {
    fn new(w: &Waitlist) -> Self {
        let tr = Tr::current();
        let waiting = w
            .entries
            .iter()
            .filter(|e| e.status == WaitlistStatus::Waiting)
            .count();
        let rows = |list: &[waitlist::Entry]| -> Vec<EntryRow> {
            list.iter()
                .map(|e| {
                    let note = match (e.status, e.offer_expires) {
                        (WaitlistStatus::Offered, Some(t)) => {
                            tr.t1("waitlist-held-until", "time", dates::day_time(t, &w.zone))
                        }
                        _ => tr.t1(
                            "waitlist-joined",
                            "time",
                            dates::day_time(e.joined, &w.zone),
                        ),
                    };
                    EntryRow {
                        id: e.id,
                        place: e.place,
                        name: e.name.clone(),
                        email: e.email.clone(),
                        status: e.status.as_str(),
                        status_label: tr.t(status_label(e.status)),
                        note,
                        first: e.place == Some(1),
                        last: e.place == i64::try_from(waiting).ok(),
                    }
                })
                .collect()
        };
        let mut args = vec![
            ("booked", w.booked.into()),
            ("capacity", w.capacity.into()),
            ("free", w.free.into()),
        ];
        let seats = if w.held > 0 {
            args.push(("held", w.held.into()));
            tr.args("waitlist-seats-held", &args)
        } else {
            tr.args("waitlist-seats", &args)
        };
        Self {
            session_id: w.session_id,
            seats,
            open: w.open,
            free: w.free,
            entries: rows(&w.entries),
            past: rows(&w.past),
            zone: w.zone.name().to_owned(),
            tr,
        }
    }
}

/// The panel for the coach's session `session_id` (for the Calendar's side panel).
pub async fn panel(cx: &Ctx, coach: &Coach, session_id: i64) -> Result<WaitlistPanel, AppError> {
    Ok(WaitlistPanel::new(
        &waitlist::for_coach(cx, coach, session_id).await?,
    ))
}

#[derive(Template)]
#[template(path = "pages/waitlist_admin.html")]
struct AdminPage {
    shell: Shell,
    title: String,
    when: String,
    wl: WaitlistPanel,
    visitors: bool,
    offer_hours: i64,
    errors: FieldErrors,
}

async fn admin_page(
    state: &AppState,
    session: &Session,
    coach: &Coach,
    id: i64,
    errors: FieldErrors,
    hours_typed: Option<i64>,
) -> PageResult<Response> {
    let w = waitlist::for_coach(state.ctx(), coach, id).await?;
    let title = Tr::current().t1("waitlist-admin-title", "session", &w.session_type_name);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render(
        status,
        &AdminPage {
            shell: Shell::for_coach(&title, coach, "", session).await,
            when: when(w.start, w.end, &w.zone),
            visitors: w.settings.waitlist_visitors,
            offer_hours: hours_typed.unwrap_or(w.settings.waitlist_offer_hours),
            wl: WaitlistPanel::new(&w),
            title,
            errors,
        },
    )
}

async fn admin_get(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(id): Path<i64>,
) -> PageResult<Response> {
    admin_page(&state, &session, &coach, id, FieldErrors::default(), None).await
}

fn admin_path(id: i64) -> String {
    format!("/admin/sessions/{id}/waitlist")
}

/// Up, down, offer or remove one entry; back to the list with what happened.
async fn entry_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path((id, entry, action)): Path<(i64, i64, String)>,
) -> PageResult<Response> {
    let cx = state.ctx();
    let notice = match action.as_str() {
        "up" | "down" => {
            let by = if action == "up" { -1 } else { 1 };
            waitlist::nudge(cx, &coach, id, entry, by).await?;
            Tr::current().t("waitlist-order-saved")
        }
        "remove" => {
            waitlist::remove(cx, &coach, id, entry).await?;
            Tr::current().t("waitlist-removed")
        }
        "offer" => match waitlist::offer_directly(cx, &coach, id, entry).await? {
            Ok(_) => Tr::current().t("waitlist-offered"),
            Err(r) => offer_refused(&r),
        },
        _ => return Err(PageError(AppError::NotFound("page"))),
    };
    set_notice(&session, &notice).await;
    Ok(Redirect::to(&format!("{}#waitlist", admin_path(id))).into_response())
}

/// Why the coach could not offer a seat, in the reader's words (the refusals a coach meets here;
/// any other keeps the API's English).
fn offer_refused(r: &WaitRefusal) -> String {
    let tr = Tr::current();
    match r {
        WaitRefusal::NotWaiting => tr.t("waitlist-refused-not-waiting"),
        WaitRefusal::NoFreeSeat => tr.t("waitlist-refused-no-seat"),
        WaitRefusal::Over => tr.t("waitlist-refused-over"),
        other => other.message(),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SettingsForm {
    visitors: String,
    #[serde(rename = "offerHours")]
    offer_hours: String,
    /// The session page to return to.
    session: String,
}

async fn settings_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    PageForm(form): PageForm<SettingsForm>,
) -> PageResult<Response> {
    let back: i64 = form.session.trim().parse().unwrap_or(0);
    let hours = form.offer_hours.trim().parse::<i64>();
    let input = waitlist::Settings {
        waitlist_visitors: form.visitors == "on" || form.visitors == "true",
        waitlist_offer_hours: *hours.as_ref().unwrap_or(&0),
    };
    let result = match hours {
        Ok(_) => waitlist::update_settings(state.ctx(), &coach, &input).await,
        Err(_) => Err(AppError::from(
            InvalidInput::new(
                "waitlistOfferHours",
                "Give a whole number of hours, from 1 to 168.",
            )
            .key("validate-give-whole-number-hours"),
        )),
    };
    match result {
        Ok(_) => {
            set_notice(&session, &Tr::current().t("waitlist-settings-saved")).await;
            Ok(Redirect::to(&format!("{}#settings", admin_path(back))).into_response())
        }
        Err(e @ AppError::Invalid(_)) => {
            let errors = form_errors(e)?;
            admin_page(&state, &session, &coach, back, errors, None).await
        }
        Err(e) => Err(PageError(e)),
    }
}

// ---------------------------------------------------------------------------------------------
// Joining, on the coach's page

#[derive(Template)]
#[template(path = "pages/waitlist_join.html")]
struct JoinPage {
    shell: Shell,
    slug: String,
    coach_name: String,
    session_id: i64,
    type_name: String,
    when: String,
    zone: String,
    /// Whether name and email are asked (a visitor).
    needs_contact: bool,
    form: JoinForm,
    errors: FieldErrors,
    /// Why joining is not possible (with a link to act on it), or a refusal to show.
    blocked: Option<(String, Option<(String, String)>)>,
    /// After joining: the place in line.
    joined: Option<i64>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct JoinForm {
    name: String,
    email: String,
    tz: String,
    /// Invisible to people; a bot that fills it joins nothing.
    website: String,
}

/// A waitlist refusal as the person on the join or claim page reads it (the API keeps the
/// English of [`WaitRefusal::message`]).
fn refusal_words(r: &WaitRefusal) -> String {
    use coachbook_core::privacy::Denied;
    let tr = Tr::current();
    match r {
        WaitRefusal::SeatsFree => tr.t("extra-wait-seats-free"),
        WaitRefusal::AlreadyWaiting { place: 0 } => tr.t("extra-wait-held"),
        WaitRefusal::AlreadyWaiting { place } => tr.t1("extra-wait-waiting", "place", *place),
        WaitRefusal::AlreadyBooked => tr.t("extra-wait-booked"),
        WaitRefusal::Over => tr.t("extra-wait-over"),
        WaitRefusal::Denied(Denied::SignIn) => tr.t("extra-wait-sign-in"),
        WaitRefusal::Denied(_) => tr.t("extra-wait-clients-only"),
        WaitRefusal::NotWaiting => tr.t("extra-wait-not-waiting"),
        WaitRefusal::NoFreeSeat => tr.t("extra-wait-no-free-seat"),
        WaitRefusal::OfferExpired => tr.t("extra-wait-offer-expired"),
        WaitRefusal::AlreadyClaimed => tr.t("extra-wait-claimed"),
        WaitRefusal::OfferWithdrawn => tr.t("extra-wait-withdrawn"),
        WaitRefusal::NotYours => tr.t("extra-wait-not-yours"),
    }
}

async fn page_shell(title: &str, account: Option<&Account>, session: &Session) -> Shell {
    match account {
        Some(a) => Shell::signed_in(title, a, "", session).await,
        None => Shell::public_with_notice(title, session).await,
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "one page: who, which session, the form as typed and what came of it"
)]
async fn join_page(
    state: &AppState,
    session: &Session,
    account: Option<&Account>,
    slug: &str,
    id: i64,
    form: JoinForm,
    errors: FieldErrors,
    outcome: Option<Result<i64, WaitRefusal>>,
) -> PageResult<JoinPage> {
    let cx = state.ctx();
    let r = waitlist::reach(cx, account, id).await?;
    if r.visit.page.slug != slug {
        return Err(PageError(AppError::NotFound("session")));
    }
    let visitors = waitlist::settings(cx, &r.visit.page.coach())
        .await?
        .waitlist_visitors;
    let zone = match &account {
        Some(a) => a.zone.clone(),
        None => coachbook_core::validate::zone("tz", form.tz.trim())
            .unwrap_or_else(|_| r.visit.page.zone.clone()),
    };
    let s = &r.session;
    let login = format!("/login?next=/c/{slug}/waitlist/{id}");
    let tr = Tr::current();
    let sign_in = WaitRefusal::Denied(coachbook_core::privacy::Denied::SignIn);
    let mut blocked = match r.visit.view.may_book() {
        Err(coachbook_core::privacy::Denied::ClientsOnly) => Some((
            refusal_words(&WaitRefusal::Denied(
                coachbook_core::privacy::Denied::ClientsOnly,
            )),
            Some((format!("/c/{slug}/apply"), tr.t("public-apply"))),
        )),
        Err(_) => Some((
            refusal_words(&sign_in),
            Some((login.clone(), tr.t("public-sign-in"))),
        )),
        Ok(coachbook_core::privacy::BookAs::Visitor) if !visitors => Some((
            refusal_words(&sign_in),
            Some((login.clone(), tr.t("public-sign-in"))),
        )),
        Ok(coachbook_core::privacy::BookAs::Owner) => Some((
            tr.t("extra-wait-own-session"),
            Some((admin_path(id), tr.t("extra-wait-open-admin"))),
        )),
        Ok(_) if s.free() > 0 => Some((
            refusal_words(&WaitRefusal::SeatsFree),
            Some((format!("/c/{slug}#book"), tr.t("extra-wait-book-it"))),
        )),
        Ok(_) => None,
    };
    let mut joined = None;
    match outcome {
        Some(Ok(place)) => joined = Some(place),
        Some(Err(r)) => blocked = Some((refusal_words(&r), None)),
        None => {}
    }
    let title = tr.t1(
        "extra-waitlist-title",
        "session",
        s.session_type_name.as_str(),
    );
    Ok(JoinPage {
        shell: page_shell(&title, account, session).await,
        slug: slug.to_owned(),
        coach_name: r.visit.page.name.clone(),
        session_id: id,
        type_name: s.session_type_name.clone(),
        when: when(s.start_at.timestamp(), s.end_at.timestamp(), &zone),
        zone: zone.name().to_owned(),
        needs_contact: account.is_none(),
        form,
        errors,
        blocked,
        joined,
    })
}

async fn join_get(
    State(state): State<AppState>,
    session: Session,
    MaybeAccount(account): MaybeAccount,
    Path((slug, id)): Path<(String, i64)>,
) -> PageResult<Response> {
    let page = join_page(
        &state,
        &session,
        account.as_ref(),
        &slug,
        id,
        JoinForm::default(),
        FieldErrors::default(),
        None,
    )
    .await?;
    render(StatusCode::OK, &page)
}

async fn join_post(
    State(state): State<AppState>,
    session: Session,
    MaybeAccount(account): MaybeAccount,
    ClientAddr(addr): ClientAddr,
    Path((slug, id)): Path<(String, i64)>,
    PageForm(form): PageForm<JoinForm>,
) -> PageResult<Response> {
    let cx = state.ctx();
    let r = waitlist::reach(cx, account.as_ref(), id).await?;
    let admitted = match &account {
        Some(_) => None,
        None => match state
            .forms()
            .admit(
                cx,
                PublicForm::Book(r.visit.page.coach_id),
                addr,
                &form.email,
            )
            .await
        {
            Ok(a) => Some(a),
            Err(AppError::RateLimited { retry_after_secs }) => {
                let message = format!(
                    "Too many tries from here or with this email. Wait {}, then try again.",
                    words::wait(retry_after_secs)
                );
                let errors = FieldErrors::message("email", message);
                let page = join_page(&state, &session, None, &slug, id, form, errors, None).await?;
                let res = render(StatusCode::TOO_MANY_REQUESTS, &page)?;
                return Ok(with_retry_after(res, retry_after_secs));
            }
            Err(e) => return Err(PageError(e)),
        },
    };
    if !form.website.is_empty() {
        let page = join_page(
            &state,
            &session,
            account.as_ref(),
            &slug,
            id,
            form,
            FieldErrors::default(),
            Some(Ok(1)),
        )
        .await?;
        return render(StatusCode::OK, &page);
    }
    let input = JoinInput {
        name: form.name.clone(),
        email: form.email.clone(),
        time_zone: Some(form.tz.clone()),
        client_id: None,
    };
    let outcome = waitlist::join(cx, account.as_ref(), id, &input).await;
    if let (Some(a), true) = (admitted, !matches!(outcome, Ok(Ok(_)))) {
        a.give_back(cx).await?;
    }
    match outcome {
        Ok(Ok(j)) => {
            let page = join_page(
                &state,
                &session,
                account.as_ref(),
                &slug,
                id,
                form,
                FieldErrors::default(),
                Some(Ok(j.place)),
            )
            .await?;
            render(StatusCode::CREATED, &page)
        }
        Ok(Err(r)) => {
            let status = match r {
                WaitRefusal::Denied(coachbook_core::privacy::Denied::SignIn) => {
                    StatusCode::UNAUTHORIZED
                }
                WaitRefusal::Denied(_) => StatusCode::FORBIDDEN,
                _ => StatusCode::CONFLICT,
            };
            let page = join_page(
                &state,
                &session,
                account.as_ref(),
                &slug,
                id,
                form,
                FieldErrors::default(),
                Some(Err(r)),
            )
            .await?;
            render(status, &page)
        }
        Err(e @ AppError::Invalid(_)) => {
            let errors = form_errors(e)?;
            let page = join_page(
                &state,
                &session,
                account.as_ref(),
                &slug,
                id,
                form,
                errors,
                None,
            )
            .await?;
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(PageError(e)),
    }
}

// ---------------------------------------------------------------------------------------------
// The claim page

#[derive(Template)]
#[template(path = "pages/waitlist_claim.html")]
struct ClaimPage {
    shell: Shell,
    token: String,
    name: String,
    coach_name: String,
    slug: String,
    type_name: String,
    when: String,
    zone: String,
    expires: String,
    claimable: bool,
    /// Why it cannot be claimed (as things stand now, or as the last try was answered).
    refusal: Option<String>,
    /// After a claim: where the booking is managed (when the person has no account).
    claimed: Option<Option<String>>,
    passed: bool,
}

async fn claim_page(
    state: &AppState,
    session: &Session,
    account: Option<&Account>,
    token: &str,
    refusal: Option<String>,
    claimed: Option<Option<String>>,
    passed: bool,
) -> PageResult<ClaimPage> {
    let o = waitlist::offer_page(state.ctx(), token).await?;
    let zone = account.map_or_else(|| o.zone.clone(), |a| a.zone.clone());
    let standing = match o.status {
        _ if claimed.is_some() || passed => None,
        WaitlistStatus::Claimed => Some(refusal_words(&WaitRefusal::AlreadyClaimed)),
        WaitlistStatus::Expired => Some(refusal_words(&WaitRefusal::OfferExpired)),
        WaitlistStatus::Left | WaitlistStatus::Removed => {
            Some(refusal_words(&WaitRefusal::OfferWithdrawn))
        }
        _ if !o.claimable => Some(refusal_words(&WaitRefusal::OfferExpired)),
        _ => None,
    };
    Ok(ClaimPage {
        shell: page_shell(
            &Tr::current().t1("extra-claim-title", "coach", o.coach_name.as_str()),
            account,
            session,
        )
        .await,
        token: token.to_owned(),
        name: o.name,
        coach_name: o.coach_name,
        slug: o.slug,
        type_name: o.session_type_name,
        when: when(o.start, o.end, &zone),
        expires: o
            .expires
            .map(|t| dates::day_time(t, &zone))
            .unwrap_or_default(),
        zone: zone.name().to_owned(),
        claimable: o.claimable && claimed.is_none() && !passed,
        refusal: refusal.or(standing),
        claimed,
        passed,
    })
}

async fn claim_get(
    State(state): State<AppState>,
    session: Session,
    MaybeAccount(account): MaybeAccount,
    Path(token): Path<String>,
) -> PageResult<Response> {
    let page = claim_page(
        &state,
        &session,
        account.as_ref(),
        &token,
        None,
        None,
        false,
    )
    .await?;
    render(StatusCode::OK, &page)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ClaimForm {
    /// `claim` (default) or `pass`.
    action: String,
}

async fn claim_post(
    State(state): State<AppState>,
    session: Session,
    MaybeAccount(account): MaybeAccount,
    Path(token): Path<String>,
    PageForm(form): PageForm<ClaimForm>,
) -> PageResult<Response> {
    let cx = state.ctx();
    // What was refused reads the same after a pass as after a claim: 403 when the offer is
    // someone else's, 409 otherwise, and its words on the page.
    let refused = |r: WaitRefusal| {
        let status = match r {
            WaitRefusal::NotYours => StatusCode::FORBIDDEN,
            _ => StatusCode::CONFLICT,
        };
        (status, Some(refusal_words(&r)), None, false)
    };
    let (status, error, claimed, passed) = if form.action == "pass" {
        match waitlist::pass(cx, account.as_ref(), &token).await? {
            Ok(()) => (StatusCode::OK, None, None, true),
            Err(r) => refused(r),
        }
    } else {
        match waitlist::claim(cx, account.as_ref(), None, &token).await? {
            Ok(c) => {
                let manage = c.manage_token.as_deref().map(crate::app::manage::path);
                (StatusCode::CREATED, None, Some(manage), false)
            }
            Err(r) => refused(r),
        }
    };
    let page = claim_page(
        &state,
        &session,
        account.as_ref(),
        &token,
        error,
        claimed,
        passed,
    )
    .await?;
    render(status, &page)
}
