//! The coach's admin shell: dashboard and settings.

use askama::Template;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use tower_sessions::Session;

use super::account::{password_post_for, settings_page, settings_post_for, PasswordForm, Place};
use super::{calendar, render, Shell};
use crate::app::accounts::SettingsUpdate;
use crate::app::calendar_view::{self, Glance};
use crate::app::i18n::Tr;
use crate::web::dates;
use crate::web::error::PageResult;
use crate::web::extract::{PageCoach, PageCoachAccount, PageForm};
use crate::web::AppState;
use coachbook_core::time::Zone;
use jiff::civil::Date;
use jiff::Timestamp;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(dashboard_get))
        .route("/admin/settings", get(settings_get).post(settings_post))
        .route("/admin/settings/password", post(password_post))
}

const PLACE: Place = Place {
    page: "/admin/settings",
    title: crate::app::i18n::msg("nav-settings"),
};

#[derive(Template)]
#[template(path = "pages/dashboard.html")]
struct DashboardPage {
    shell: Shell,
    first_name: String,
    time_zone: String,
    public_url: String,
    email: String,
    /// Emails to clients that failed for good, and that are being retried, this week.
    problems: (i64, i64),
    /// Session requests waiting for an answer.
    pending_requests: i64,
    /// Today, this week, what waits and who runs low on credits.
    glance: Glance,
    zone: Zone,
}

impl DashboardPage {
    /// "09:00–10:00" in the coach's zone.
    fn time(&self, start: &Timestamp, end: &Timestamp) -> String {
        dates::time_range(*start, *end, &self.zone)
    }

    /// "Mon 7 Dec 2026, 09:00" in the coach's zone.
    fn day_time(&self, t: &Timestamp) -> String {
        dates::day_time(*t, &self.zone)
    }

    fn date(&self, d: &Date) -> String {
        dates::date(*d)
    }

    /// A count as the locale writes it, with "+" once it reaches the `cap` the query stops at.
    fn capped(&self, n: impl TryInto<i64>, cap: i64) -> String {
        let n = n.try_into().unwrap_or(i64::MAX);
        let shown = dates::number(n.min(cap));
        if n >= cap {
            format!("{shown}+")
        } else {
            shown
        }
    }

    /// The calendar at today's day, or this week.
    fn calendar_href(&self, view: &str) -> String {
        let date = if view == "day" {
            self.glance.today
        } else {
            self.glance.week_first
        };
        format!("{}?view={view}&date={date}", calendar::PAGE)
    }

    /// A session's panel on the calendar.
    fn session_href(&self, id: &i64, start: &Timestamp) -> String {
        let date = start.to_zoned(self.zone.tz().clone()).date();
        format!(
            "{}?view=week&date={date}&session={id}#session-panel",
            calendar::PAGE
        )
    }

    /// The public address cut after each `/`, so it wraps between its parts, never inside one.
    fn url_parts(&self) -> Vec<String> {
        let mut parts: Vec<String> = self
            .public_url
            .split_inclusive('/')
            .map(str::to_owned)
            .collect();
        // "https://" stays whole.
        if parts.len() > 2 && parts[1] == "/" {
            let second = parts.remove(1);
            parts[0].push_str(&second);
        }
        parts
    }
}

async fn dashboard_get(
    State(state): State<AppState>,
    headers: HeaderMap,
    session: Session,
    PageCoach(coach): PageCoach,
) -> PageResult<Response> {
    let shell = Shell::for_coach(
        Tr::current().t("dashboard-title"),
        &coach,
        "/admin",
        &session,
    )
    .await;
    let first_name = coach
        .name
        .split_whitespace()
        .next()
        .unwrap_or(&coach.name)
        .to_owned();
    let slug = &coach.slug;
    // Without a configured public URL, the address the coach used is the best guess (the bind
    // address may be 0.0.0.0 or port 0).
    let base = match (
        &state.config().public_url,
        headers.get(header::HOST).and_then(|h| h.to_str().ok()),
    ) {
        (None, Some(host)) => format!("http://{host}"),
        _ => state.config().public_url(),
    };
    let public_url = format!("{base}/c/{slug}");
    render(
        StatusCode::OK,
        &DashboardPage {
            shell,
            first_name,
            time_zone: coach.zone.name().to_owned(),
            public_url,
            email: coach.email.clone(),
            problems: super::notify_settings::delivery_problems(state.ctx(), &coach).await?,
            pending_requests: crate::app::session_requests::pending_count(state.ctx(), coach.id)
                .await?,
            glance: calendar_view::glance(state.ctx(), &coach).await?,
            zone: coach.zone.clone(),
        },
    )
}

async fn settings_get(
    session: Session,
    PageCoachAccount(account): PageCoachAccount,
) -> PageResult<Response> {
    settings_page(&PLACE, &account, &session, None, None).await
}

async fn settings_post(
    State(state): State<AppState>,
    session: Session,
    PageCoachAccount(account): PageCoachAccount,
    PageForm(form): PageForm<SettingsUpdate>,
) -> PageResult<Response> {
    settings_post_for(&PLACE, &state, &session, &account, form).await
}

async fn password_post(
    State(state): State<AppState>,
    session: Session,
    PageCoachAccount(account): PageCoachAccount,
    PageForm(form): PageForm<PasswordForm>,
) -> PageResult<Response> {
    password_post_for(&PLACE, &state, &session, &account, form).await
}
