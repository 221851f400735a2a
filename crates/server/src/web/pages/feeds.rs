//! The iCalendar feeds themselves (`GET /feeds/{token}.ics`, polled by calendar apps, answered
//! 304 from one row while nothing changed) and Settings › Calendar feeds, where a coach copies
//! and rotates their two addresses.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use tower_sessions::Session;

use super::{render, set_notice, Shell};
use crate::app::feeds::{self, Feed, FeedKind, RotateFeed};
use crate::app::i18n::Tr;
use crate::app::AppError;
use crate::web::assets::asset_url;
use crate::web::error::{PageError, PageResult, Public};
use crate::web::extract::{PageCoachAccount, PageForm};
use crate::web::AppState;

const PAGE: &str = "/admin/settings/calendar-feeds";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/feeds/{file}", get(feed_get))
        .route(PAGE, get(page_get))
        .route("/admin/settings/calendar-feeds/rotate", post(rotate_post))
}

/// Exactly what any address without a page answers: a feed that is gone says nothing more.
fn missing() -> Response {
    Public::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "There is no page at this address.",
    )
    .into_page()
}

async fn feed_get(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some(token) = file.strip_suffix(".ics") else {
        return missing();
    };
    let cx = state.ctx();
    let head = match feeds::head(cx, token).await {
        Ok(h) => h,
        Err(AppError::NotFound(_)) => return missing(),
        Err(e) => return PageError(e).into_response(),
    };
    let cache = [
        (header::ETAG, head.etag.clone()),
        (header::CACHE_CONTROL, "private, max-age=300".to_owned()),
    ];
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| feeds::matches(v, &head.etag));
    if fresh {
        return (StatusCode::NOT_MODIFIED, cache).into_response();
    }
    match feeds::body(cx, &head).await {
        Ok(text) => {
            let mut res = (StatusCode::OK, cache, text).into_response();
            res.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            );
            res.headers_mut().insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("inline; filename=\"coachbook.ics\""),
            );
            res
        }
        Err(e) => PageError(e).into_response(),
    }
}

#[derive(Template)]
#[template(path = "pages/calendar_feeds.html")]
struct Page {
    shell: Shell,
    feeds: Vec<Feed>,
    script: String,
}

impl Page {
    /// A feed's name as the reader says it (the two feeds a coach has; any other as listed).
    fn label(&self, feed: &Feed) -> String {
        match feed.kind.as_str() {
            "coach" => self.shell.tr.t("feeds-label-coach"),
            "coach_anonymous" => self.shell.tr.t("feeds-label-coach_anonymous"),
            _ => feed.label.clone(),
        }
    }

    /// `text` escaped for HTML, to go into a message that carries markup (shown `|safe`).
    fn esc(&self, text: &str) -> String {
        super::calendar::escape_html(text)
    }
}

async fn page_get(
    State(state): State<AppState>,
    session: Session,
    PageCoachAccount(account): PageCoachAccount,
) -> PageResult<Response> {
    let coach = account.coach().ok_or(AppError::Forbidden)?;
    let base = state.config().public_url();
    let feeds: Vec<Feed> = feeds::list(state.ctx(), &account, &base)
        .await?
        .into_iter()
        .filter(|f| f.kind != FeedKind::Client.as_str())
        .collect();
    let shell = Shell::for_coach(
        Tr::current().t("feeds-title"),
        &coach,
        "/admin/settings",
        &session,
    )
    .await;
    render(
        StatusCode::OK,
        &Page {
            shell,
            feeds,
            script: asset_url("calendar_feeds.js"),
        },
    )
}

/// The form as posted: which of the coach's feeds.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RotateForm {
    kind: String,
}

async fn rotate_post(
    State(state): State<AppState>,
    session: Session,
    PageCoachAccount(account): PageCoachAccount,
    PageForm(form): PageForm<RotateForm>,
) -> PageResult<Response> {
    let base = state.config().public_url();
    let input = RotateFeed {
        kind: form.kind,
        coach_id: None,
    };
    feeds::rotate(state.ctx(), &account, &input, &base).await?;
    set_notice(&session, &Tr::current().t("feeds-rotated")).await;
    Ok(Redirect::to(PAGE).into_response())
}
