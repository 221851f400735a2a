//! `/b/{token}`: the manage page of one booking made on a coach's page, for whoever holds the
//! link in its email (no account needed): the time in their zone, the session type, the status,
//! "Add to calendar", and cancelling and rescheduling under the same rules and explanations as
//! "My sessions". It shows that booking only. A malformed or unknown token is a 404 page.
//! (`/b/{token}/calendar.ics` is the public page's.)

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use coachbook_core::time::Zone;
use coachbook_core::validate;
use serde::Deserialize;
use tower_sessions::Session;

use super::my::{
    cancelled_notice, moved_notice, refused_reschedule, refused_words, reschedule_page,
    reschedule_to, when, CancelForm, FromQuery, RescheduleForm,
};
use super::{render, set_notice, time_zones, Shell};
use crate::app::accounts::Account;
use crate::app::i18n::Tr;
use crate::app::my_sessions::{self, Managed, MyBooking};
use crate::app::AppError;
use crate::web::error::PageResult;
use crate::web::extract::{MaybeAccount, PageForm};
use crate::web::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/b/{token}", get(manage_get))
        .route("/b/{token}/cancel", post(cancel_post))
        .route(
            "/b/{token}/reschedule",
            get(reschedule_get).post(reschedule_post),
        )
}

/// `?tz=Europe/Paris`: the zone to read times in (else the account's, else the coach's).
#[derive(Deserialize, Default)]
#[serde(default)]
struct ZoneQuery {
    tz: String,
}

impl ZoneQuery {
    fn zone(&self) -> Option<Zone> {
        let raw = self.tz.trim();
        (!raw.is_empty())
            .then(|| validate::zone("tz", raw).ok())
            .flatten()
    }

    /// `?tz=…` to carry on to the next page, when one was chosen.
    fn suffix(&self) -> String {
        match self.zone() {
            Some(z) => format!("?tz={}", z.name().replace('+', "%2B")),
            None => String::new(),
        }
    }
}

async fn shell(title: &str, account: Option<&Account>, session: &Session) -> Shell {
    match account {
        Some(a) => Shell::signed_in(title, a, "", session).await,
        None => Shell::public_with_notice(title, session).await,
    }
}

#[derive(Template)]
#[template(path = "pages/manage.html")]
struct ManagePage {
    shell: Shell,
    token: String,
    booking: MyBooking,
    day: String,
    times: String,
    zone: String,
    zones: &'static [String],
    suffix: String,
}

async fn open(
    state: &AppState,
    token: &str,
    account: Option<&Account>,
    q: &ZoneQuery,
) -> Result<Managed, AppError> {
    my_sessions::by_token(state.ctx(), token, account, q.zone()).await
}

async fn manage_get(
    State(state): State<AppState>,
    session: Session,
    MaybeAccount(account): MaybeAccount,
    Path(token): Path<String>,
    Query(q): Query<ZoneQuery>,
) -> PageResult<Response> {
    let m = open(&state, &token, account.as_ref(), &q).await?;
    let (day, times) = when(&m.booking, &m.zone);
    let title = Tr::current().t1("manage-title", "coach", m.booking.coach_name.as_str());
    render(
        StatusCode::OK,
        &ManagePage {
            shell: shell(&title, account.as_ref(), &session).await,
            token,
            day,
            times,
            zone: m.zone.name().to_owned(),
            zones: time_zones(),
            suffix: q.suffix(),
            booking: m.booking,
        },
    )
}

async fn cancel_post(
    State(state): State<AppState>,
    session: Session,
    MaybeAccount(account): MaybeAccount,
    Path(token): Path<String>,
    Query(q): Query<ZoneQuery>,
    PageForm(form): PageForm<CancelForm>,
) -> PageResult<Response> {
    let m = open(&state, &token, account.as_ref(), &q).await?;
    let actor = account.as_ref().map(|a| a.id);
    let notice = match my_sessions::cancel(state.ctx(), &m, &form.reason, actor).await {
        Ok(()) => cancelled_notice(&m),
        Err(e) => refused_words(e)?,
    };
    set_notice(&session, &notice).await;
    Ok(Redirect::to(&format!("/b/{token}{}", q.suffix())).into_response())
}

async fn reschedule_get(
    State(state): State<AppState>,
    session: Session,
    MaybeAccount(account): MaybeAccount,
    Path(token): Path<String>,
    Query(q): Query<ZoneQuery>,
    Query(from): Query<FromQuery>,
) -> PageResult<Response> {
    let m = open(&state, &token, account.as_ref(), &q).await?;
    let shell = shell(
        &Tr::current().t("extra-reschedule-title"),
        account.as_ref(),
        &session,
    )
    .await;
    let urls = (
        format!("/b/{token}/reschedule{}", q.suffix()),
        format!("/b/{token}{}", q.suffix()),
    );
    let after = from.after();
    reschedule_page(
        &state,
        shell,
        &m,
        urls,
        String::new(),
        None,
        StatusCode::OK,
        after,
    )
    .await
}

async fn reschedule_post(
    State(state): State<AppState>,
    session: Session,
    MaybeAccount(account): MaybeAccount,
    Path(token): Path<String>,
    Query(q): Query<ZoneQuery>,
    PageForm(form): PageForm<RescheduleForm>,
) -> PageResult<Response> {
    let m = open(&state, &token, account.as_ref(), &q).await?;
    match reschedule_to(&state, &m, &form.start).await {
        Ok(()) => {
            let m = open(&state, &token, account.as_ref(), &q).await?;
            set_notice(&session, &moved_notice(&m)).await;
            Ok(Redirect::to(&format!("/b/{token}{}", q.suffix())).into_response())
        }
        Err(e) => {
            let (status, message) = refused_reschedule(e)?;
            let m = open(&state, &token, account.as_ref(), &q).await?;
            let shell = shell(
                &Tr::current().t("extra-reschedule-title"),
                account.as_ref(),
                &session,
            )
            .await;
            let urls = (
                format!("/b/{token}/reschedule{}", q.suffix()),
                format!("/b/{token}{}", q.suffix()),
            );
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
