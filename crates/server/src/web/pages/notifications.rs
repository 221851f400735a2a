//! `/notifications`: the signed-in person's notifications (coach or user), newest first, with
//! "Mark read" and "Mark all read" forms that work without JavaScript.

use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use tower_sessions::Session;

use super::{local_path, render, set_notice, Shell, Tr};
use crate::app::dates;
use crate::app::notify::inapp::{self, ListQuery, Notification};
use crate::web::error::PageResult;
use crate::web::extract::PageAccount;
use crate::web::AppState;

pub const PAGE: &str = "/notifications";

/// How many one page lists.
const PER_PAGE: i64 = 30;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(PAGE, get(notifications_get))
        .route("/notifications/read-all", post(read_all_post))
        .route("/notifications/{id}/read", post(read_post))
}

#[derive(Template)]
#[template(path = "pages/notifications.html")]
struct NotificationsPage {
    shell: Shell,
    items: Vec<Item>,
    /// The id to list older ones before, when there are older ones.
    older: Option<i64>,
    /// Whether this is a later page (older ones).
    later_page: bool,
    /// Whether the reader is a coach (what to expect here differs).
    for_coach: bool,
}

/// One notification as the page shows it.
struct Item {
    id: i64,
    title: String,
    body: String,
    /// A path on this site, when the stored link is one.
    link: Option<String>,
    unread: bool,
    /// When it came, in the reader's zone.
    when: String,
    /// The same instant, RFC 3339, for `<time datetime>`.
    iso: String,
}

/// `?before=ID` lists older ones; anything else that is not a number is ignored.
#[derive(Debug, Default, Deserialize)]
struct PageQuery {
    before: Option<String>,
}

async fn notifications_get(
    State(state): State<AppState>,
    session: Session,
    PageAccount(account): PageAccount,
    query: Result<Query<PageQuery>, QueryRejection>,
) -> PageResult<Response> {
    let before = query
        .ok()
        .and_then(|Query(q)| q.before)
        .and_then(|b| b.trim().parse::<i64>().ok());
    let list = inapp::list(
        state.ctx(),
        account.id,
        ListQuery {
            unread_only: false,
            before,
            limit: Some(PER_PAGE),
        },
    )
    .await?;
    let shell = Shell::signed_in(
        Tr::current().t("notifications-title"),
        &account,
        PAGE,
        &session,
    )
    .await;
    let zone = &account.zone;
    let item = |n: &Notification| Item {
        id: n.id,
        title: n.title.clone(),
        body: n.body.clone(),
        link: local_path(&n.link).map(str::to_owned),
        unread: n.read_at.is_none(),
        when: dates::day_time(n.created_at, zone),
        iso: coachbook_core::time::rfc3339(n.created_at, zone),
    };
    let items: Vec<Item> = list.items.iter().map(item).collect();
    let older = if list.more {
        items.last().map(|i| i.id)
    } else {
        None
    };
    render(
        StatusCode::OK,
        &NotificationsPage {
            shell,
            items,
            older,
            later_page: before.is_some(),
            for_coach: account.is_coach(),
        },
    )
}

async fn read_post(
    State(state): State<AppState>,
    session: Session,
    PageAccount(account): PageAccount,
    Path(id): Path<i64>,
) -> PageResult<Response> {
    let n = inapp::mark_read(state.ctx(), account.id, id).await?;
    set_notice(
        &session,
        &Tr::current().t1("notifications-marked", "title", &n.title),
    )
    .await;
    Ok(Redirect::to(PAGE).into_response())
}

async fn read_all_post(
    State(state): State<AppState>,
    session: Session,
    PageAccount(account): PageAccount,
) -> PageResult<Response> {
    let marked = inapp::mark_all_read(state.ctx(), account.id).await?;
    let message = Tr::current().t1(
        "notifications-marked-all",
        "count",
        i64::try_from(marked).unwrap_or(i64::MAX),
    );
    set_notice(&session, &message).await;
    Ok(Redirect::to(PAGE).into_response())
}
