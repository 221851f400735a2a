//! Settings › Webhooks: the coach's endpoints (address, events, how the last delivery went),
//! the form to add one, and per endpoint its secret (revealed on request), "Send test event",
//! Delete (after a second yes) and its recent deliveries.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use tower_sessions::Session;

use super::{form_errors, render, set_notice, FieldErrors, Shell};
use crate::app::accounts::Coach;
use crate::app::i18n::Tr;
use crate::app::webhooks::{self, Delivery, DeliveryQuery, EventType, NewWebhook, Webhook, ALL};
use crate::web::error::PageResult;
use crate::web::extract::{PageCoach, PageForm};
use crate::web::AppState;

const PAGE: &str = "/admin/settings/webhooks";
/// Deliveries shown per endpoint (the API pages through the rest).
const LOG: i64 = 10;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(PAGE, get(page_get).post(page_post))
        .route("/admin/settings/webhooks/{id}/test", post(test_post))
        .route("/admin/settings/webhooks/{id}/delete", post(delete_post))
}

/// One endpoint as the page shows it.
struct Endpoint {
    hook: Webhook,
    secret: String,
    deliveries: Vec<Delivery>,
}

impl Endpoint {
    /// The events it receives, in words (the types themselves are the API's names).
    fn events(&self, tr: &Tr) -> String {
        if self.hook.event_types.iter().any(|t| t == ALL) {
            return tr.t("webhooks-all-events");
        }
        self.hook.event_types.join(", ")
    }
}

#[derive(Template)]
#[template(path = "pages/webhooks.html")]
struct Page {
    shell: Shell,
    endpoints: Vec<Endpoint>,
    form: NewWebhook,
    errors: FieldErrors,
    types: &'static [EventType],
    zone: coachbook_core::time::Zone,
}

impl Page {
    fn chosen(&self, t: &str) -> bool {
        self.form.event_types.iter().any(|c| c == t)
    }

    /// What the page says beside an event type's checkbox.
    fn event_label(&self, t: &EventType) -> String {
        self.shell.tr.t(&event_id(*t))
    }

    /// A delivery's status (`delivered`) as the reader says it; one the page has no words for is
    /// logged and shown as stored.
    fn status(&self, status: &str) -> String {
        match status {
            "pending" | "delivered" | "failed" => {
                self.shell.tr.t(&format!("webhooks-status-{status}"))
            }
            other => {
                tracing::warn!(status = other, "a webhook delivery with an unknown status");
                other.to_owned()
            }
        }
    }

    /// `text` escaped for HTML, to go into a message that carries markup (shown `|safe`).
    fn esc(&self, text: &str) -> String {
        super::calendar::escape_html(text)
    }

    /// An RFC 3339 time from the log, as the coach reads times.
    fn when(&self, raw: &str) -> String {
        crate::web::dates::day_time_rfc3339(raw, &self.zone)
    }
}

/// The catalogue id of an event type's words: `booking.created` -> `webhooks-event-booking-created`.
pub fn event_id(t: EventType) -> String {
    format!("webhooks-event-{}", t.as_str().replace(['.', '_'], "-"))
}

async fn page(
    state: &AppState,
    session: &Session,
    coach: &Coach,
    form: NewWebhook,
    errors: FieldErrors,
) -> PageResult<Page> {
    let cx = state.ctx();
    let mut endpoints = Vec::new();
    for hook in webhooks::list(cx, coach).await? {
        let q = DeliveryQuery {
            before: None,
            limit: Some(LOG),
        };
        endpoints.push(Endpoint {
            secret: webhooks::secret(cx, coach, hook.id).await?,
            deliveries: webhooks::deliveries(cx, coach, hook.id, &q).await?,
            hook,
        });
    }
    let shell = Shell::for_coach(
        Tr::current().t("webhooks-title"),
        coach,
        "/admin/settings",
        session,
    )
    .await;
    Ok(Page {
        shell,
        endpoints,
        form,
        errors,
        types: EventType::ALL,
        zone: coach.zone.clone(),
    })
}

async fn page_get(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
) -> PageResult<Response> {
    let page = page(
        &state,
        &session,
        &coach,
        NewWebhook::default(),
        FieldErrors::default(),
    )
    .await?;
    render(StatusCode::OK, &page)
}

async fn page_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    PageForm(pairs): PageForm<Vec<(String, String)>>,
) -> PageResult<Response> {
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let input = NewWebhook {
        url: field("url"),
        description: field("description"),
        event_types: pairs
            .iter()
            .filter(|(k, _)| k == "eventTypes")
            .map(|(_, v)| v.clone())
            .collect(),
    };
    match webhooks::create(state.ctx(), &coach, &input).await {
        Ok(made) => {
            set_notice(&session, &Tr::current().t("webhooks-added")).await;
            Ok(Redirect::to(&format!("{PAGE}#webhook-{}", made.id)).into_response())
        }
        Err(e) => {
            let errors = form_errors(e)?;
            let page = page(&state, &session, &coach, input, errors).await?;
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

async fn test_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(id): Path<i64>,
) -> PageResult<Response> {
    webhooks::send_test(state.ctx(), &coach, id).await?;
    set_notice(&session, &Tr::current().t("webhooks-test-queued")).await;
    Ok(Redirect::to(&format!("{PAGE}#webhook-{id}")).into_response())
}

async fn delete_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(id): Path<i64>,
) -> PageResult<Response> {
    webhooks::delete(state.ctx(), &coach, id).await?;
    set_notice(&session, &Tr::current().t("webhooks-deleted")).await;
    Ok(Redirect::to(PAGE).into_response())
}
