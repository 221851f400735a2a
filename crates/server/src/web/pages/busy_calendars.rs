//! Settings › Busy calendars: the coach's other calendars whose events block their open times
//! (an ICS address or a CalDAV calendar), each with its last sync, status and the busy intervals
//! it brings in the next 30 days; Sync now, Remove (after a second yes) and an add form with each
//! error beside its field.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use jiff::Timestamp;
use serde::Deserialize;
use tower_sessions::Session;

use super::{form_errors, render, set_notice, FieldErrors, Shell};
use crate::app::busy_calendars::{self, BusyCalendar, NewBusyCalendar, SYNC_EVERY};
use crate::web::error::PageResult;
use crate::web::extract::{PageCoach, PageForm};
use crate::web::AppState;

const PAGE: &str = "/admin/settings/busy-calendars";

pub fn router() -> Router<AppState> {
    Router::new()
        .route(PAGE, get(page_get).post(page_post))
        .route("/admin/settings/busy-calendars/{id}/sync", post(sync_post))
        .route(
            "/admin/settings/busy-calendars/{id}/delete",
            post(delete_post),
        )
}

/// One source as the page shows it.
struct Row {
    cal: BusyCalendar,
    /// "3 minutes ago", or "never".
    synced: String,
}

#[derive(Template)]
#[template(path = "pages/busy_calendars.html")]
struct Page {
    shell: Shell,
    rows: Vec<Row>,
    form: NewBusyCalendar,
    errors: FieldErrors,
    every_minutes: i64,
}

/// The form as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Form {
    name: String,
    kind: String,
    url: String,
    username: String,
    password: String,
}

/// How long ago `then` was, in words.
fn ago(now: Timestamp, then: Option<&str>) -> String {
    let Some(then) = then.and_then(|t| t.parse::<Timestamp>().ok()) else {
        return "never".into();
    };
    let secs = (now.as_second() - then.as_second()).max(0);
    let plural = |n: i64, unit: &str| format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" });
    match secs {
        0..=59 => "just now".into(),
        60..=3599 => plural(secs / 60, "minute"),
        3600..=86_399 => plural(secs / 3600, "hour"),
        _ => plural(secs / 86_400, "day"),
    }
}

async fn page(
    state: &AppState,
    session: &Session,
    coach: &crate::app::accounts::Coach,
    form: Option<NewBusyCalendar>,
    errors: FieldErrors,
) -> PageResult<Page> {
    let now = state.ctx().now();
    let rows = busy_calendars::list(state.ctx(), coach)
        .await?
        .into_iter()
        .map(|cal| Row {
            synced: ago(now, cal.last_synced_at.as_deref()),
            cal,
        })
        .collect();
    let shell = Shell::for_coach("Busy calendars", coach, "/admin/settings", session).await;
    Ok(Page {
        shell,
        rows,
        form: form.unwrap_or(NewBusyCalendar {
            kind: "ics".into(),
            ..NewBusyCalendar::default()
        }),
        errors,
        every_minutes: SYNC_EVERY.as_mins(),
    })
}

async fn page_get(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
) -> PageResult<Response> {
    let page = page(&state, &session, &coach, None, FieldErrors::default()).await?;
    render(StatusCode::OK, &page)
}

async fn page_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    PageForm(form): PageForm<Form>,
) -> PageResult<Response> {
    let input = NewBusyCalendar {
        name: form.name,
        kind: form.kind,
        url: form.url,
        username: form.username,
        password: form.password,
    };
    match busy_calendars::create(state.ctx(), &coach, &input).await {
        Ok(added) => {
            set_notice(
                &session,
                &format!("{} is added; its first sync runs now.", added.name),
            )
            .await;
            Ok(Redirect::to(PAGE).into_response())
        }
        Err(e) => {
            let errors = form_errors(e)?;
            // The password is never sent back, not even to the form.
            let input = NewBusyCalendar {
                password: String::new(),
                ..input
            };
            let page = page(&state, &session, &coach, Some(input), errors).await?;
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

async fn sync_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(id): Path<i64>,
) -> PageResult<Response> {
    let cal = busy_calendars::sync_now(state.ctx(), &coach, id).await?;
    set_notice(
        &session,
        &format!(
            "{} is syncing now; reload in a moment to see the result.",
            cal.name
        ),
    )
    .await;
    Ok(Redirect::to(PAGE).into_response())
}

async fn delete_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(id): Path<i64>,
) -> PageResult<Response> {
    busy_calendars::delete(state.ctx(), &coach, id).await?;
    set_notice(
        &session,
        "The calendar is removed; its busy time no longer blocks your open times.",
    )
    .await;
    Ok(Redirect::to(PAGE).into_response())
}

#[cfg(test)]
mod tests {
    use super::ago;

    #[test]
    fn ago_reads_as_people_say_it() {
        let now: jiff::Timestamp = "2026-11-02T09:00:00Z".parse().unwrap();
        assert_eq!(ago(now, None), "never");
        assert_eq!(ago(now, Some("2026-11-02T08:57:00+00:00")), "3 minutes ago");
        assert_eq!(ago(now, Some("2026-11-02T08:59:00Z")), "1 minute ago");
        assert_eq!(ago(now, Some("2026-11-02T08:59:40Z")), "just now");
        assert_eq!(ago(now, Some("2026-11-01T07:00:00Z")), "1 day ago");
    }
}
