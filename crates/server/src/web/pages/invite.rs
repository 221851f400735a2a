//! `/invite/{token}`: the link in a coach's invitation email. Signed in, the person connects
//! their account to the client record with one button; signed out, they sign in or create an
//! account (the email filled in) and come back here. A used, revoked or expired invitation says
//! so plainly; a malformed or unknown token is a 404 page. Also the coach's side on a client's
//! page: invite, resend, revoke, disconnect (the "Account" card).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use tower_sessions::Session;

use super::{render, set_notice, Shell};
use crate::app::accounts::Account;
use crate::app::dates;
use crate::app::i18n::Tr;
use crate::app::invitations::{self, InviteError, InviteRefusal, Opened};
use crate::web::error::{PageError, PageResult};
use crate::web::extract::{MaybeAccount, PageAccount, PageCoach};
use crate::web::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/invite/{token}", get(invite_get).post(invite_post))
        .route("/admin/clients/{id}/invitation", post(invite_client_post))
        .route("/admin/clients/{id}/invitation/revoke", post(revoke_post))
        .route("/admin/clients/{id}/disconnect", post(disconnect_post))
}

#[derive(Template)]
#[template(path = "pages/invite.html")]
struct InvitePage {
    shell: Shell,
    token: String,
    invitation: Opened,
    signed_in_as: Option<String>,
    /// The refusal of an attempt to use it, shown instead of the button.
    refusal: Option<String>,
    until: String,
    /// `/login?next=…` and `/signup?…` back to this page.
    login: String,
    signup: String,
}

impl InvitePage {
    fn is(&self, status: &str) -> bool {
        self.invitation.status.as_str() == status
    }
}

/// Percent-encodes one query value.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn page(
    state: &AppState,
    session: &Session,
    token: String,
    account: Option<&Account>,
    refusal: Option<String>,
) -> PageResult<Response> {
    let invitation = invitations::open(state.ctx(), &token, account).await?;
    let title = Tr::current().t1("invite-title", "coach", invitation.coach_name.as_str());
    let shell = match account {
        Some(a) => Shell::signed_in(title, a, "", session).await,
        None => Shell::public_with_notice(title, session).await,
    };
    let zone = account.map_or_else(coachbook_core::time::Zone::utc, |a| a.zone.clone());
    let here = invitations::path(&token);
    let status = if refusal.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    render(
        status,
        &InvitePage {
            shell,
            until: format!(
                "{} ({})",
                dates::day_time(invitation.expires_at, &zone),
                zone.name()
            ),
            login: format!("/login?next={}", encode(&here)),
            signup: format!(
                "/signup?next={}&email={}",
                encode(&here),
                encode(&invitation.email)
            ),
            token,
            invitation,
            signed_in_as: account.map(|a| a.email.clone()),
            refusal,
        },
    )
}

async fn invite_get(
    State(state): State<AppState>,
    session: Session,
    MaybeAccount(account): MaybeAccount,
    Path(token): Path<String>,
) -> PageResult<Response> {
    page(&state, &session, token, account.as_ref(), None).await
}

async fn invite_post(
    State(state): State<AppState>,
    session: Session,
    PageAccount(account): PageAccount,
    Path(token): Path<String>,
) -> PageResult<Response> {
    match invitations::accept(state.ctx(), &token, &account).await {
        Ok(connected) => {
            let notice = Tr::current().t1(
                "extra-invite-connected",
                "coach",
                connected.coach_name.as_str(),
            );
            set_notice(&session, &notice).await;
            Ok(Redirect::to(super::my::PAGE).into_response())
        }
        Err(InviteError::Refused(r)) => {
            let coach = invitations::open(state.ctx(), &token, Some(&account))
                .await
                .map(|o| o.coach_name)?;
            let words = refusal_words(&r, &coach);
            page(&state, &session, token, Some(&account), Some(words)).await
        }
        Err(InviteError::App(e)) => Err(PageError(e)),
    }
}

/// A refusal to use an invitation in the reader's language; `coach` is the inviting coach (the
/// refusal names them where it asks the person to turn to them).
fn refusal_words(r: &InviteRefusal, coach: &str) -> String {
    let tr = Tr::current();
    match r {
        InviteRefusal::ClientConnected => tr.t("extra-invite-client-connected"),
        InviteRefusal::Revoked => tr.t1("invite-revoked", "coach", coach),
        InviteRefusal::Used => tr.t1("invite-used", "coach", coach),
        InviteRefusal::Expired => tr.t1("invite-expired", "coach", coach),
        InviteRefusal::OwnPractice => tr.t("extra-invite-own-practice"),
        InviteRefusal::AlreadyConnected { coach_name } => {
            tr.t1("extra-invite-account-taken", "coach", coach_name.as_str())
        }
        InviteRefusal::ClientTaken { coach_name } => {
            tr.t1("extra-invite-client-taken", "coach", coach_name.as_str())
        }
    }
}

/// The "Account" card on a client's page: connected or not, the latest invitation, and what the
/// coach can do (invite, resend, revoke, disconnect).
pub struct AccountCard {
    pub connected: bool,
    pub account_email: Option<String>,
    /// What stands, in words: "Invitation sent on …; the link works until …".
    pub line: String,
    /// An open invitation exists (it can be revoked; sending again replaces it).
    pub open: bool,
    pub invite_url: String,
    pub revoke_url: String,
    pub disconnect_url: String,
}

impl AccountCard {
    /// "Connected to the account …" about client `name`, as HTML (its badge; the email and name
    /// escaped).
    pub fn connected_html(&self, tr: &Tr, name: &str) -> String {
        let name = super::calendar::escape_html(name);
        match &self.account_email {
            Some(email) => tr.t2(
                "account-card-connected-to",
                "email",
                super::calendar::escape_html(email),
                "name",
                name,
            ),
            None => tr.t1("account-card-connected-line", "name", name),
        }
    }
}

/// The card for client `id`, in the coach's words and zone.
pub async fn account_card(
    state: &AppState,
    coach: &crate::app::accounts::Coach,
    id: i64,
) -> PageResult<AccountCard> {
    use crate::app::invitations::InvitationStatus as S;
    let account = invitations::account(state.ctx(), coach, id).await?;
    let at = |rfc: &str| dates::day_time_rfc3339(rfc, &coach.zone);
    let tr = Tr::current();
    let line = match (&account.invitation, account.connected) {
        (_, true) => String::new(),
        (None, false) => tr.t("account-card-none"),
        (Some(i), false) => match i.status {
            S::Open => tr.t3(
                "account-card-open",
                "email",
                i.email.as_str(),
                "sent",
                at(&i.created_at),
                "until",
                at(&i.expires_at),
            ),
            S::Expired => tr.t2(
                "account-card-expired",
                "email",
                i.email.as_str(),
                "sent",
                at(&i.created_at),
            ),
            S::Revoked => tr.t2(
                "account-card-revoked",
                "email",
                i.email.as_str(),
                "sent",
                at(&i.created_at),
            ),
            S::Accepted => tr.t("account-card-disconnected"),
        },
    };
    Ok(AccountCard {
        connected: account.connected,
        account_email: account.account_email,
        open: account
            .invitation
            .as_ref()
            .is_some_and(|i| i.status == S::Open),
        line,
        invite_url: format!("/admin/clients/{id}/invitation"),
        revoke_url: format!("/admin/clients/{id}/invitation/revoke"),
        disconnect_url: format!("/admin/clients/{id}/disconnect"),
    })
}

async fn invite_client_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(id): Path<i64>,
) -> PageResult<Response> {
    let tr = Tr::current();
    let notice = match invitations::invite(state.ctx(), &coach, id).await {
        Ok(a) => tr.t2(
            "account-card-sent",
            "email",
            a.invitation.map(|i| i.email).unwrap_or_default(),
            "days",
            invitations::VALID_DAYS,
        ),
        Err(InviteError::Refused(r)) => refusal_words(&r, &coach.name),
        Err(InviteError::App(e)) => return Err(PageError(e)),
    };
    set_notice(&session, &notice).await;
    Ok(Redirect::to(&format!("/admin/clients/{id}#account-heading")).into_response())
}

async fn revoke_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(id): Path<i64>,
) -> PageResult<Response> {
    let notice = match invitations::revoke(state.ctx(), &coach, id).await {
        Ok(_) => Tr::current().t("account-card-revoked-notice"),
        Err(crate::app::AppError::NotFound("open invitation")) => {
            Tr::current().t("account-card-nothing-to-revoke")
        }
        Err(e) => return Err(PageError(e)),
    };
    set_notice(&session, &notice).await;
    Ok(Redirect::to(&format!("/admin/clients/{id}#account-heading")).into_response())
}

async fn disconnect_post(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(id): Path<i64>,
) -> PageResult<Response> {
    invitations::disconnect(state.ctx(), &coach, id).await?;
    set_notice(
        &session,
        &Tr::current().t("account-card-disconnected-notice"),
    )
    .await;
    Ok(Redirect::to(&format!("/admin/clients/{id}#account-heading")).into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn query_values_are_encoded() {
        assert_eq!(super::encode("/invite/a_b-c"), "%2Finvite%2Fa_b-c");
        assert_eq!(super::encode("a+b@x.com"), "a%2Bb%40x.com");
    }
}
