//! `/my`: "My sessions", the signed-in person's own side of every practice they are connected to
//! (or booked with): upcoming and past sessions in their zone, package credits and the ledger, and
//! cancelling and rescheduling under the coach's cut-offs, the policy and its effect on the credit
//! shown before they act. Also the pieces `/b/{token}` (the manage page) shares with it.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use coachbook_core::availability::Slot;
use coachbook_core::time::{rfc3339, Zone};
use coachbook_core::validate::InvalidInput;
use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;
use tower_sessions::Session;

use super::{render, set_notice, Shell, Tr};
use crate::app::dates;
use crate::app::my_sessions::{self, Managed, MyBooking, MyCredits, MyError, Practice};
use crate::app::session_requests::{self, MyRequest, RequestError};
use crate::app::AppError;
use crate::web::error::{PageError, PageResult};
use crate::web::extract::{PageAccount, PageForm};
use crate::web::{words, AppState};

pub const PAGE: &str = "/my";

pub fn router() -> Router<AppState> {
    Router::new()
        .route(PAGE, get(my_get))
        .route("/my/bookings/{id}/cancel", post(cancel_post))
        .route("/my/requests/{id}/withdraw", post(withdraw_post))
        .route(
            "/my/bookings/{id}/reschedule",
            get(reschedule_get).post(reschedule_post),
        )
}

/// A booking's day and times in the reader's zone: ("Mon 9 Nov 2026", "10:00–11:00").
pub(super) fn when(b: &MyBooking, zone: &Zone) -> (String, String) {
    (
        dates::day(b.start_at, zone),
        dates::time_range(b.start_at, b.end_at, zone),
    )
}

/// One practice's part of the page.
struct PracticeView {
    practice: Practice,
    upcoming: Vec<MyBooking>,
    past: Vec<MyBooking>,
    requests: Vec<RequestView>,
}

/// One of the person's session requests, in their zone.
struct RequestView {
    id: i64,
    session_type_name: String,
    status: String,
    status_label: &'static str,
    pending: bool,
    /// The proposed times: "Mon 9 Nov 2026, 10:00–11:00".
    times: Vec<String>,
    message: String,
    decline_reason: String,
    /// "Waiting for an answer until …" while pending.
    until: String,
}

impl RequestView {
    fn new(r: &MyRequest) -> Self {
        let zone = &r.zone;
        Self {
            id: r.id,
            session_type_name: r.session_type_name.clone(),
            status: r.status.as_str().to_owned(),
            status_label: r.status.label(),
            pending: r.status.as_str() == "pending",
            times: r
                .times
                .iter()
                .map(|(s, e)| {
                    format!(
                        "{}, {}",
                        dates::day(*s, zone),
                        dates::time_range(*s, *e, zone)
                    )
                })
                .collect(),
            message: r.message.clone(),
            decline_reason: r.decline_reason.clone(),
            until: format!("{} ({})", dates::day_time(r.expires_at, zone), zone.name()),
        }
    }
}

#[derive(Template)]
#[template(path = "pages/my.html")]
struct MyPage {
    shell: Shell,
    practices: Vec<PracticeView>,
    zone: Zone,
    /// The person's calendar feed per coach they are a client of.
    feeds: Vec<crate::app::feeds::Feed>,
}

impl MyPage {
    fn when(&self, b: &MyBooking) -> (String, String) {
        when(b, &self.zone)
    }

    fn moment(&self, rfc: &str) -> String {
        dates::day_time_rfc3339(rfc, &self.zone)
    }

    fn day(raw: &str) -> String {
        dates::date_iso(raw)
    }

    fn credits_of<'a>(&self, p: &'a PracticeView) -> Option<&'a MyCredits> {
        p.practice.credits.as_ref()
    }
}

async fn my_get(
    State(state): State<AppState>,
    session: Session,
    PageAccount(account): PageAccount,
) -> PageResult<Response> {
    let cx = state.ctx();
    let practices = my_sessions::practices(cx, &account).await?;
    let bookings = my_sessions::bookings(cx, &account).await?;
    let requests = session_requests::mine(cx, account.id, None).await?;
    let mut views: Vec<PracticeView> = practices
        .into_iter()
        .map(|practice| PracticeView {
            requests: requests
                .iter()
                .filter(|r| r.coach_id == practice.coach_id)
                .map(RequestView::new)
                .collect(),
            practice,
            upcoming: Vec::new(),
            past: Vec::new(),
        })
        .collect();
    for b in bookings {
        let page = b.coach_page.trim_start_matches("/c/");
        if let Some(v) = views.iter_mut().find(|v| v.practice.coach_slug == page) {
            if b.upcoming {
                v.upcoming.push(b);
            } else {
                v.past.push(b);
            }
        }
    }
    let shell = Shell::signed_in(
        super::Tr::current().t("nav-my-sessions"),
        &account,
        PAGE,
        &session,
    )
    .await;
    render(
        StatusCode::OK,
        &MyPage {
            shell,
            practices: views,
            zone: account.zone.clone(),
            feeds: crate::app::feeds::client_feeds(cx, &account, &state.config().public_url())
                .await?,
        },
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct CancelForm {
    pub reason: String,
}

/// What a refused change says on the page it came from.
pub(super) fn refused_words(e: MyError) -> Result<String, PageError> {
    match e {
        MyError::Refused(r) => Ok(r.message()),
        MyError::App(AppError::Refused(r)) => Ok(words::refusal(&r)),
        MyError::App(AppError::Invalid(errors)) => Ok(errors.first().map_or_else(
            || "Check the form.".to_owned(),
            |e| Tr::current().invalid(e),
        )),
        MyError::App(e) => Err(PageError(e)),
    }
}

/// "Cancelled: your package credit was given back." and its kin, after the fact.
pub(super) fn cancelled_notice(before: &Managed) -> String {
    let r = &before.rules;
    match (r.cancel_free, r.holds_credit) {
        (true, true) => "Your booking is cancelled and your package credit was given back.",
        (false, true) => {
            "Your booking is cancelled. It was inside the cut-off, so the session counts as used."
        }
        (true, false) => "Your booking is cancelled.",
        (false, false) => "Your booking is cancelled (a late cancellation).",
    }
    .to_owned()
}

async fn cancel_post(
    State(state): State<AppState>,
    session: Session,
    PageAccount(account): PageAccount,
    Path(id): Path<i64>,
    PageForm(form): PageForm<CancelForm>,
) -> PageResult<Response> {
    let cx = state.ctx();
    let m = my_sessions::mine(cx, &account, id).await?;
    let notice = match my_sessions::cancel(cx, &m, &form.reason, Some(account.id)).await {
        Ok(()) => cancelled_notice(&m),
        Err(e) => refused_words(e)?,
    };
    set_notice(&session, &notice).await;
    Ok(Redirect::to(&format!("{PAGE}#booking-{id}")).into_response())
}

async fn withdraw_post(
    State(state): State<AppState>,
    session: Session,
    PageAccount(account): PageAccount,
    Path(id): Path<i64>,
) -> PageResult<Response> {
    let notice = match session_requests::withdraw(state.ctx(), account.id, id).await {
        Ok(_) => "Your request is withdrawn.".to_owned(),
        Err(RequestError::App(e)) => return Err(PageError(e)),
        Err(e) => e.message(),
    };
    set_notice(&session, &notice).await;
    Ok(Redirect::to(&format!("{PAGE}#request-{id}")).into_response())
}

/// Open times grouped by day in the reader's zone: (day, [(value, "10:00–11:00")]).
pub(super) type DayTimes = Vec<(String, Vec<(String, String)>)>;

pub(super) fn by_day(slots: &[Slot], zone: &Zone) -> DayTimes {
    let mut days: DayTimes = Vec::new();
    for s in slots {
        let day = dates::day(s.start, zone);
        let choice = (
            rfc3339(s.start, zone),
            dates::time_range(s.start, s.end, zone),
        );
        match days.last_mut() {
            Some((d, times)) if *d == day => times.push(choice),
            _ => days.push((day, vec![choice])),
        }
    }
    days
}

/// The reschedule page, for `/my` and for a manage link alike.
#[derive(Template)]
#[template(path = "pages/my_reschedule.html")]
pub(super) struct ReschedulePage {
    pub shell: Shell,
    pub booking: MyBooking,
    pub day: String,
    pub times: String,
    pub zone: String,
    pub days: DayTimes,
    /// Where the form posts, and where "Back" goes.
    pub action: String,
    pub back: String,
    pub chosen: String,
    pub error: Option<String>,
    /// `…?from=…` for the times after the last one listed, when the list is full.
    pub later: Option<String>,
}

#[expect(
    clippy::too_many_arguments,
    reason = "the page's parts, from two routes"
)]
pub(super) async fn reschedule_page(
    state: &AppState,
    shell: Shell,
    m: &Managed,
    (action, back): (String, String),
    chosen: String,
    error: Option<String>,
    status: StatusCode,
    after: Option<Timestamp>,
) -> PageResult<Response> {
    let slots = my_sessions::open_times(state.ctx(), m, after).await?;
    let later = (slots.len() >= my_sessions::RESCHEDULE_SLOTS)
        .then(|| slots.last())
        .flatten()
        .map(|s| {
            let sep = if action.contains('?') { '&' } else { '?' };
            let from = (s.start + SignedDuration::from_secs(1)).to_string();
            format!("{action}{sep}from={}", from.replace(':', "%3A"))
        });
    let (day, times) = when(&m.booking, &m.zone);
    render(
        status,
        &ReschedulePage {
            shell,
            booking: m.booking.clone(),
            day,
            times,
            zone: m.zone.name().to_owned(),
            days: by_day(&slots, &m.zone),
            action,
            back,
            chosen,
            error,
            later,
        },
    )
}

/// `?from=` (RFC 3339): list the open times after this instant ("Later times").
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct FromQuery {
    from: String,
}

impl FromQuery {
    /// The instant asked for; anything that does not read is "from now".
    pub fn after(&self) -> Option<Timestamp> {
        self.from.trim().parse().ok()
    }
}

async fn reschedule_get(
    State(state): State<AppState>,
    session: Session,
    PageAccount(account): PageAccount,
    Path(id): Path<i64>,
    Query(q): Query<FromQuery>,
) -> PageResult<Response> {
    let m = my_sessions::mine(state.ctx(), &account, id).await?;
    let shell = Shell::signed_in("Reschedule", &account, PAGE, &session).await;
    let urls = (format!("/my/bookings/{id}/reschedule"), PAGE.to_owned());
    let ok = StatusCode::OK;
    reschedule_page(&state, shell, &m, urls, String::new(), None, ok, q.after()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct RescheduleForm {
    pub start: String,
}

/// The status a refused reschedule is shown with: 409 when things stand in the way, 422 for a
/// time that is not one of the open ones.
fn refused_status(e: &MyError) -> StatusCode {
    if matches!(e, MyError::App(AppError::Invalid(_))) {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::CONFLICT
    }
}

/// A refused reschedule as the page shows it: its status and what it says beside the times.
pub(super) fn refused_reschedule(e: MyError) -> Result<(StatusCode, String), PageError> {
    let status = refused_status(&e);
    Ok((status, refused_words(e)?))
}

/// Moves booking `m` to the chosen time (`/my` and a manage link alike); no time chosen is a
/// 422 beside the times.
pub(super) async fn reschedule_to(
    state: &AppState,
    m: &Managed,
    start: &str,
) -> Result<(), MyError> {
    let start = start.trim();
    if start.is_empty() {
        return Err(MyError::App(AppError::from(
            InvalidInput::new("start", "Choose one of the open times.")
                .key("validate-choose-one-open-times"),
        )));
    }
    my_sessions::reschedule(state.ctx(), m, start).await
}

/// "Your session is moved to …", said once the booking is read again after the move.
pub(super) fn moved_notice(m: &Managed) -> String {
    let (day, times) = when(&m.booking, &m.zone);
    format!(
        "Your session is moved to {day}, {times}. {} has been told.",
        m.booking.coach_name
    )
}

async fn reschedule_post(
    State(state): State<AppState>,
    session: Session,
    PageAccount(account): PageAccount,
    Path(id): Path<i64>,
    PageForm(form): PageForm<RescheduleForm>,
) -> PageResult<Response> {
    let cx = state.ctx();
    let m = my_sessions::mine(cx, &account, id).await?;
    match reschedule_to(&state, &m, &form.start).await {
        Ok(()) => {
            let m = my_sessions::mine(cx, &account, id).await?;
            set_notice(&session, &moved_notice(&m)).await;
            Ok(Redirect::to(&format!("{PAGE}#booking-{id}")).into_response())
        }
        Err(e) => {
            let (status, message) = refused_reschedule(e)?;
            // Read again: the booking or the open times may have changed meanwhile.
            let m = my_sessions::mine(cx, &account, id).await?;
            let shell = Shell::signed_in("Reschedule", &account, PAGE, &session).await;
            let urls = (format!("/my/bookings/{id}/reschedule"), PAGE.to_owned());
            reschedule_page(
                &state,
                shell,
                &m,
                urls,
                form.start,
                Some(message),
                status,
                None,
            )
            .await
        }
    }
}
