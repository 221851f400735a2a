//! Settings › Your page and privacy: the profile on the coach's page, who sees the calendar and
//! each session type, who may book, and how booked time and prices show.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use coachbook_core::privacy::{BookingAudience, CalendarVisibility, ShowBooked, TypeVisibility};
use tower_sessions::Session;

use super::calendar::escape_html;
use super::{form_errors, render, set_notice, FieldErrors, Shell};
use crate::app::i18n::Tr;
use crate::app::privacy::{self, Privacy, PrivacyInput, TypeVisibilityInput};
use crate::web::error::PageResult;
use crate::web::extract::{PageCoach, PageForm};
use crate::web::AppState;

const PAGE: &str = "/admin/settings/privacy";

pub fn router() -> Router<AppState> {
    Router::new().route(PAGE, get(page_get).post(page_post))
}

/// One session type's row in the form.
struct TypeRow {
    id: i64,
    name: String,
    visibility: String,
}

#[derive(Template)]
#[template(path = "pages/privacy.html")]
struct Page {
    shell: Shell,
    form: PrivacyInput,
    types: Vec<TypeRow>,
    page_path: String,
    errors: FieldErrors,
    calendars: &'static [CalendarVisibility],
    audiences: &'static [BookingAudience],
    booked: &'static [ShowBooked],
    visibilities: &'static [TypeVisibility],
}

impl Page {
    /// The page's address, escaped for the lead sentence's link.
    fn page_href(&self) -> String {
        escape_html(&self.page_path)
    }

    fn calendar_label(&self, v: &CalendarVisibility) -> String {
        self.shell.tr.t(match v {
            CalendarVisibility::Private => "privacy-calendar-private",
            CalendarVisibility::Connected => "privacy-calendar-connected",
            CalendarVisibility::Public => "privacy-calendar-public",
        })
    }

    fn audience_label(&self, v: &BookingAudience) -> String {
        self.shell.tr.t(match v {
            BookingAudience::Connected => "privacy-audience-connected",
            BookingAudience::Registered => "privacy-audience-registered",
            BookingAudience::Public => "privacy-audience-public",
        })
    }

    fn booked_label(&self, v: &ShowBooked) -> String {
        self.shell.tr.t(match v {
            ShowBooked::No => "privacy-booked-no",
            ShowBooked::Booked => "privacy-booked-booked",
            ShowBooked::BookedWithType => "privacy-booked-with-type",
        })
    }

    fn type_label(&self, v: &TypeVisibility) -> String {
        self.shell.tr.t(match v {
            TypeVisibility::Nobody => "privacy-type-nobody",
            TypeVisibility::Connected => "privacy-type-connected",
            TypeVisibility::Registered => "privacy-type-registered",
            TypeVisibility::Public => "privacy-type-public",
        })
    }

    fn new(
        shell: Shell,
        saved: &Privacy,
        form: PrivacyInput,
        slug: &str,
        errors: FieldErrors,
    ) -> Self {
        let types = saved
            .session_types
            .iter()
            .map(|t| TypeRow {
                id: t.id,
                name: t.name.clone(),
                visibility: form
                    .session_types
                    .iter()
                    .find(|s| s.id == t.id)
                    .map_or_else(
                        || t.visibility.as_str().to_owned(),
                        |s| s.visibility.clone(),
                    ),
            })
            .collect();
        Self {
            shell,
            form,
            types,
            page_path: format!("/c/{slug}"),
            errors,
            calendars: CalendarVisibility::ALL,
            audiences: BookingAudience::ALL,
            booked: ShowBooked::ALL,
            visibilities: TypeVisibility::ALL,
        }
    }
}

fn as_input(p: &Privacy) -> PrivacyInput {
    PrivacyInput {
        calendar_visibility: p.calendar_visibility.as_str().to_owned(),
        booking_audience: p.booking_audience.as_str().to_owned(),
        show_booked: p.show_booked.as_str().to_owned(),
        show_prices: p.show_prices,
        bio: p.bio.clone(),
        photo_url: p.photo_url.clone(),
        session_types: p
            .session_types
            .iter()
            .map(|t| TypeVisibilityInput {
                id: t.id,
                visibility: t.visibility.as_str().to_owned(),
            })
            .collect(),
    }
}

/// Reads the form's pairs: the named settings, and `type-{id}` for each session type.
fn read_form(pairs: &[(String, String)]) -> PrivacyInput {
    let value = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    PrivacyInput {
        calendar_visibility: value("calendarVisibility"),
        booking_audience: value("bookingAudience"),
        show_booked: value("showBooked"),
        show_prices: pairs.iter().any(|(k, _)| k == "showPrices"),
        bio: value("bio"),
        photo_url: value("photoUrl"),
        session_types: pairs
            .iter()
            .filter_map(|(k, v)| {
                let id = k.strip_prefix("type-")?.parse().ok()?;
                Some(TypeVisibilityInput {
                    id,
                    visibility: v.clone(),
                })
            })
            .collect(),
    }
}

async fn page_get(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
) -> PageResult<Response> {
    let saved = privacy::get(state.ctx(), &coach).await?;
    let title = Tr::current().t("privacy-title");
    let shell = Shell::for_coach(title, &coach, "/admin/settings", &session).await;
    let page = Page::new(
        shell,
        &saved,
        as_input(&saved),
        &coach.slug,
        FieldErrors::default(),
    );
    render(StatusCode::OK, &page)
}

async fn page_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    PageForm(pairs): PageForm<Vec<(String, String)>>,
) -> PageResult<Response> {
    let input = read_form(&pairs);
    match privacy::update(state.ctx(), &coach, &input).await {
        Ok(_) => {
            set_notice(&session, &Tr::current().t("privacy-saved")).await;
            Ok(Redirect::to(PAGE).into_response())
        }
        Err(e) => {
            let errors = form_errors(e)?;
            let saved = privacy::get(state.ctx(), &coach).await?;
            let title = Tr::current().t("privacy-title");
            let shell = Shell::for_coach(title, &coach, "/admin/settings", &session).await;
            let page = Page::new(shell, &saved, input, &coach.slug, errors);
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}
