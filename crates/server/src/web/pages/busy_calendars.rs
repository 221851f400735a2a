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
use crate::app::i18n::Tr;
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
fn ago(tr: Tr, now: Timestamp, then: Option<&str>) -> String {
    let Some(then) = then else {
        return tr.t("busy-ago-never");
    };
    let Ok(then) = then.parse::<Timestamp>() else {
        tracing::error!(then, "a busy calendar's last sync does not read as a time");
        return tr.t("busy-ago-never");
    };
    let secs = (now.as_second() - then.as_second()).max(0);
    match secs {
        0..=59 => tr.t("busy-ago-now"),
        60..=3599 => tr.t1("busy-ago-minutes", "count", secs / 60),
        3600..=86_399 => tr.t1("busy-ago-hours", "count", secs / 3600),
        _ => tr.t1("busy-ago-days", "count", secs / 86_400),
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
    let tr = Tr::current();
    let rows = busy_calendars::list(state.ctx(), coach)
        .await?
        .into_iter()
        .map(|cal| Row {
            synced: ago(tr, now, cal.last_synced_at.as_deref()),
            cal,
        })
        .collect();
    let shell = Shell::for_coach(tr.t("busy-title"), coach, "/admin/settings", session).await;
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
            let said = Tr::current().t1("busy-added", "name", &added.name);
            set_notice(&session, &said).await;
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
    let said = Tr::current().t1("busy-syncing", "name", &cal.name);
    set_notice(&session, &said).await;
    Ok(Redirect::to(PAGE).into_response())
}

async fn delete_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(id): Path<i64>,
) -> PageResult<Response> {
    busy_calendars::delete(state.ctx(), &coach, id).await?;
    set_notice(&session, &Tr::current().t("busy-removed")).await;
    Ok(Redirect::to(PAGE).into_response())
}

#[cfg(test)]
mod tests {
    use super::ago;
    use crate::app::i18n::{Locale, Tr};

    #[test]
    fn ago_reads_as_people_say_it() {
        let now: jiff::Timestamp = "2026-11-02T09:00:00Z".parse().unwrap();
        let en = Tr(Locale::En);
        assert_eq!(ago(en, now, None), "never");
        assert_eq!(
            ago(en, now, Some("2026-11-02T08:57:00+00:00")),
            "3 minutes ago"
        );
        assert_eq!(ago(en, now, Some("2026-11-02T08:59:00Z")), "1 minute ago");
        assert_eq!(ago(en, now, Some("2026-11-02T08:59:40Z")), "just now");
        assert_eq!(ago(en, now, Some("2026-11-01T07:00:00Z")), "1 day ago");
    }

    #[test]
    fn ago_reads_as_german_people_say_it() {
        let now: jiff::Timestamp = "2026-11-02T09:00:00Z".parse().unwrap();
        let de = Tr(Locale::De);
        assert_eq!(ago(de, now, None), "nie");
        assert_eq!(ago(de, now, Some("2026-11-02T08:57:00Z")), "vor 3 Minuten");
        assert_eq!(ago(de, now, Some("2026-11-02T07:00:00Z")), "vor 2 Stunden");
        assert_eq!(ago(de, now, Some("2026-11-01T07:00:00Z")), "vor 1 Tag");
    }
}
