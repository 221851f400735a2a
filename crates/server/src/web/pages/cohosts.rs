//! Co-hosts on the Calendar's session panel: the hosts of a session with their answers, the
//! owner's "Invite a co-host" (a select of the practice's other coaches) and "Remove", and the
//! invited coach's Accept / Decline. Plain forms that come back to the calendar, like the
//! panel's other forms; a refusal (the coach is not free) shows in the panel.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::Router;
use coachbook_core::validate::InvalidInput;
use tower_sessions::Session;

use super::calendar::{panel_done, PanelForm, PAGE};
use super::set_notice;
use crate::app::accounts::Coach;
use crate::app::calendar_view::CalSession;
use crate::app::cohosts::{self, Host, InviteInput};
use crate::app::{AppError, AppResult};
use crate::web::error::{PageError, PageResult};
use crate::web::extract::{PageCoach, PageForm};
use crate::web::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/calendar/sessions/{id}/hosts", post(invite_post))
        .route(
            "/admin/calendar/sessions/{id}/hosts/accept",
            post(accept_post),
        )
        .route(
            "/admin/calendar/sessions/{id}/hosts/decline",
            post(decline_post),
        )
        .route(
            "/admin/calendar/sessions/{id}/hosts/{coach}/remove",
            post(remove_post),
        )
}

/// The hosts part of the session panel.
#[derive(Debug, Clone, Default)]
pub struct HostsPanel {
    pub hosts: Vec<Host>,
    /// The coach's own answer when they co-host it; empty for the owner.
    pub my_status: String,
    /// Whom the owner may still invite: the other coaches who are not hosts yet.
    pub candidates: Vec<(i64, String)>,
}

impl HostsPanel {
    pub fn of(s: &CalSession) -> Self {
        Self {
            hosts: s.hosts.clone(),
            my_status: s.cohost_status.clone().unwrap_or_default(),
            candidates: Vec::new(),
        }
    }

    pub fn is_owner(&self) -> bool {
        self.my_status.is_empty()
    }

    pub fn has_cohosts(&self) -> bool {
        self.hosts.len() > 1
    }
}

/// Reads whom the owner may invite.
pub async fn fill(state: &AppState, coach: &Coach, panel: &mut HostsPanel) -> AppResult<()> {
    if panel.is_owner() {
        panel.candidates = cohosts::other_coaches(state.ctx(), coach)
            .await?
            .into_iter()
            .filter(|(id, _)| {
                !panel
                    .hosts
                    .iter()
                    .any(|h| h.coach_id == *id && h.status != "declined")
            })
            .collect();
    }
    Ok(())
}

fn back(form: &PanelForm) -> String {
    super::local_path(&form.next).unwrap_or(PAGE).to_owned()
}

async fn invite_post(
    State(state): State<AppState>,
    PageCoach(coach): PageCoach,
    session: Session,
    Path(id): Path<i64>,
    PageForm(form): PageForm<PanelForm>,
) -> PageResult<Response> {
    let invited = match form.coach_id.trim().parse::<i64>() {
        Ok(coach_id) => {
            let input = InviteInput {
                coach_id: Some(coach_id),
                email: None,
            };
            cohosts::invite(state.ctx(), &coach, id, &input).await
        }
        Err(_) => Err(AppError::from(
            InvalidInput::new("coachId", "Choose the coach to invite.")
                .key("validate-choose-coach-invite"),
        )),
    };
    panel_done(
        (&state, &coach, &session),
        (id, form, "hosts"),
        invited,
        |s| {
            let name = s.hosts.last().map(|h| h.name.clone()).unwrap_or_default();
            format!("Invited {name} to co-host. Their time is held until they answer.")
        },
    )
    .await
}

async fn accept_post(
    State(state): State<AppState>,
    PageCoach(coach): PageCoach,
    session: Session,
    Path(id): Path<i64>,
    PageForm(form): PageForm<PanelForm>,
) -> PageResult<Response> {
    let done = cohosts::accept(state.ctx(), &coach, id).await;
    panel_done(
        (&state, &coach, &session),
        (id, form, "hosts"),
        done,
        |_| "You co-host this session.".to_owned(),
    )
    .await
}

async fn decline_post(
    State(state): State<AppState>,
    PageCoach(coach): PageCoach,
    session: Session,
    Path(id): Path<i64>,
    PageForm(form): PageForm<PanelForm>,
) -> PageResult<Response> {
    let done = cohosts::decline(state.ctx(), &coach, id).await;
    panel_done(
        (&state, &coach, &session),
        (id, form, "hosts"),
        done,
        |_| "Declined: your time is free again.".to_owned(),
    )
    .await
}

async fn remove_post(
    State(state): State<AppState>,
    PageCoach(coach): PageCoach,
    session: Session,
    Path((id, host)): Path<(i64, i64)>,
    PageForm(form): PageForm<PanelForm>,
) -> PageResult<Response> {
    cohosts::remove(state.ctx(), &coach, id, host)
        .await
        .map_err(PageError)?;
    set_notice(&session, "Removed the co-host.").await;
    // A co-host who left no longer sees the session: back to the calendar without its panel.
    let to = if host == coach.id {
        PAGE.to_owned()
    } else {
        back(&form)
    };
    Ok(Redirect::to(&to).into_response())
}
