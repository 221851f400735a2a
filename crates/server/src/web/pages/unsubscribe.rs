//! `/unsubscribe/{token}`: the link in a reminder email (and its List-Unsubscribe header). GET
//! asks; POST (the button, or a mail program's one-click request, RFC 8058) stops the reminders
//! from that coach to that address. No sign-in: the token is the permission.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;

use super::{render, Shell, Tr};
use crate::app::notify::email;
use crate::web::error::PageResult;
use crate::web::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/unsubscribe/{token}",
        get(unsubscribe_get).post(unsubscribe_post),
    )
}

#[derive(Template)]
#[template(path = "pages/unsubscribe.html")]
struct UnsubscribePage {
    shell: Shell,
    token: String,
    coach_name: String,
    email: String,
    done: bool,
}

async fn unsubscribe_get(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> PageResult<Response> {
    let who = email::unsubscriber(state.ctx(), &token).await?;
    render(
        StatusCode::OK,
        &UnsubscribePage {
            shell: Shell::public(Tr::current().t("unsubscribe-title")),
            token,
            coach_name: who.coach_name,
            email: who.email,
            done: false,
        },
    )
}

/// The body (the form's, or `List-Unsubscribe=One-Click`) says nothing the token does not.
async fn unsubscribe_post(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> PageResult<Response> {
    let who = email::unsubscribe(state.ctx(), &token).await?;
    render(
        StatusCode::OK,
        &UnsubscribePage {
            shell: Shell::public(Tr::current().t("unsubscribe-done-title")),
            token,
            coach_name: who.coach_name,
            email: who.email,
            done: true,
        },
    )
}
