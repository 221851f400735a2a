//! Connected clients: the coach invites a client by email to connect an account to the client
//! record; the person opening the link connects the account they are signed in with. The link's
//! token is random (256 bits); only its SHA-256 is stored. An invitation expires after
//! [`VALID_DAYS`] days, works once, and is revoked when the coach revokes it or sends a new one.
//! The coach can also disconnect a client: the record stays, the account no longer sees it.

use base64::Engine;
use coachbook_core::time::rfc3339;
use jiff::{SignedDuration, Timestamp};
use rand::Rng;
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use super::accounts::{Account, Coach};
use super::{AppError, AppResult, Ctx};
use crate::store::clients;
use crate::store::invitations::{self as store, InvitationRow, NewInvitation};
use crate::store::types::UnixTime;
use crate::store::StoreError;

/// How long an invitation link works.
pub const VALID_DAYS: i64 = 14;

/// Where an invitation link leads.
pub fn path(token: &str) -> String {
    format!("/invite/{token}")
}

/// Where an invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum InvitationStatus {
    /// Sent, not used, not revoked, not expired.
    Open,
    /// Used: the client's account is connected.
    Accepted,
    /// Revoked by the coach, or replaced by a newer invitation.
    Revoked,
    /// Not used in time.
    Expired,
}

impl InvitationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Accepted => "accepted",
            Self::Revoked => "revoked",
            Self::Expired => "expired",
        }
    }

    fn of(row: &InvitationRow, now: Timestamp) -> Self {
        if row.accepted_at.is_some() {
            Self::Accepted
        } else if row.revoked_at.is_some() {
            Self::Revoked
        } else if now >= row.expires_at.timestamp() {
            Self::Expired
        } else {
            Self::Open
        }
    }
}

/// An invitation as the coach sees it (never its token).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Invitation {
    pub id: i64,
    /// Where it was sent.
    pub email: String,
    /// RFC 3339, in your time zone.
    pub created_at: String,
    /// RFC 3339: the link stops working then.
    pub expires_at: String,
    /// `open`, `accepted`, `revoked` or `expired`.
    pub status: InvitationStatus,
}

/// A client's account link as the coach sees it: connected or not, and the latest invitation.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClientAccount {
    pub client_id: i64,
    /// Linked to a user account, who then sees their own sessions and credits under "My sessions".
    pub connected: bool,
    /// The connected account's email, when connected.
    pub account_email: Option<String>,
    /// The newest invitation, if one was ever sent.
    pub invitation: Option<Invitation>,
}

/// Why a coach's invitation or a person's use of one is refused as things stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InviteRefusal {
    /// The client record is already connected (coach: disconnect first).
    ClientConnected,
    /// The link was revoked or replaced.
    Revoked,
    /// The link was used already (by someone else, or for another record).
    Used,
    Expired,
    /// The coach opened an invitation to their own practice.
    OwnPractice,
    /// This account is connected to another client record of the same coach.
    AlreadyConnected {
        coach_name: String,
    },
    /// The client record was connected to another account meanwhile.
    ClientTaken {
        coach_name: String,
    },
}

impl InviteRefusal {
    pub fn code(&self) -> &'static str {
        match self {
            Self::ClientConnected => "already_connected",
            Self::Revoked => "invitation_revoked",
            Self::Used => "invitation_used",
            Self::Expired => "invitation_expired",
            Self::OwnPractice => "own_practice",
            Self::AlreadyConnected { .. } => "account_already_connected",
            Self::ClientTaken { .. } => "client_taken",
        }
    }

    /// What to tell the person, and what they can do instead.
    pub fn message(&self) -> String {
        match self {
            Self::ClientConnected => "This client is already connected to an account. Disconnect \
                it first to invite another address."
                .into(),
            Self::Revoked => "This invitation is no longer valid: it was withdrawn or replaced by \
                a newer one. Use the link in the newest email, or ask your coach to send another."
                .into(),
            Self::Used => "This invitation has already been used. Sign in to see your sessions, \
                or ask your coach for a new invitation."
                .into(),
            Self::Expired => {
                "This invitation has expired. Ask your coach to send a new one.".into()
            }
            Self::OwnPractice => "This invitation is to your own practice: it is meant for your \
                client. Sign out, or open it in a private window, to try it as them."
                .into(),
            Self::AlreadyConnected { coach_name } => format!(
                "Your account is already connected to {coach_name} as another client. Ask \
                 {coach_name} to disconnect that one first, or sign in with another account."
            ),
            Self::ClientTaken { coach_name } => format!(
                "This client record is already connected to another account. Ask {coach_name} \
                 to disconnect it first."
            ),
        }
    }
}

/// A use case's answer: done, refused as things stand, or failed.
#[derive(Debug)]
pub enum InviteError {
    Refused(InviteRefusal),
    App(AppError),
}

impl<E: Into<AppError>> From<E> for InviteError {
    fn from(e: E) -> Self {
        Self::App(e.into())
    }
}

impl From<InviteRefusal> for InviteError {
    fn from(r: InviteRefusal) -> Self {
        Self::Refused(r)
    }
}

pub type InviteResult<T> = Result<T, InviteError>;

fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn new_token() -> String {
    let bytes: [u8; 32] = rand::thread_rng().gen();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Whether `token` can be an invitation token at all (43 characters of URL-safe base64), so a
/// malformed one is "not found" without asking the database.
fn well_formed(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn invitation(row: &InvitationRow, now: Timestamp, coach: &Coach) -> Invitation {
    Invitation {
        id: row.id,
        email: row.email.clone(),
        created_at: rfc3339(row.created_at.timestamp(), &coach.zone),
        expires_at: rfc3339(row.expires_at.timestamp(), &coach.zone),
        status: InvitationStatus::of(row, now),
    }
}

const CLIENT: &str = "client";

/// The client's account link and latest invitation.
pub async fn account(cx: &Ctx, coach: &Coach, client_id: i64) -> AppResult<ClientAccount> {
    let mut conn = cx.db.pool().acquire().await?;
    let client = clients::get(&mut *conn, coach.id, client_id)
        .await
        .map_err(AppError::missing(CLIENT))?;
    let account_email = match client.user_id {
        Some(user) => Some(store::account_email(&mut *conn, user).await?),
        None => None,
    };
    let latest = store::latest_for_client(&mut *conn, coach.id, client_id).await?;
    Ok(ClientAccount {
        client_id,
        connected: client.user_id.is_some(),
        account_email,
        invitation: latest.map(|row| invitation(&row, cx.now(), coach)),
    })
}

/// Sends the client an invitation to connect an account, replacing any open one: the new link
/// is emailed (queued in the same transaction); earlier links stop working.
pub async fn invite(cx: &Ctx, coach: &Coach, client_id: i64) -> InviteResult<ClientAccount> {
    let now = cx.now();
    let stamp: UnixTime = now.into();
    let expires = now
        .checked_add(SignedDuration::from_hours(VALID_DAYS * 24))
        .map_err(|e| anyhow::anyhow!("invitation expiry out of range: {e}"))?;
    let mut tx = cx.db.begin_write().await?;
    let client = clients::get(&mut *tx, coach.id, client_id)
        .await
        .map_err(AppError::missing(CLIENT))?;
    if client.user_id.is_some() {
        return Err(InviteRefusal::ClientConnected.into());
    }
    store::revoke_open(&mut *tx, coach.id, client_id, stamp).await?;
    let token = new_token();
    store::insert(
        &mut *tx,
        &NewInvitation {
            coach_id: coach.id,
            client_id,
            email: &client.email,
            token_hash: &hash(&token),
            expires_at: expires.into(),
        },
        stamp,
    )
    .await?;
    let link = format!("{}{}", cx.mail.public_url(), path(&token));
    let until = crate::app::dates::day_time(expires, &coach.zone);
    let until = format!("{until} ({})", coach.zone.name());
    super::notify::email::invitation(
        &mut tx,
        cx,
        coach.id,
        (&client.name, &client.email),
        &link,
        &until,
        now,
    )
    .await?;
    tx.commit().await?;
    cx.wake.notify();
    tracing::info!(coach = coach.id, client = client_id, "client invited");
    Ok(account(cx, coach, client_id).await?)
}

/// Revokes the client's open invitation; "not found" when there is none.
pub async fn revoke(cx: &Ctx, coach: &Coach, client_id: i64) -> AppResult<ClientAccount> {
    let mut tx = cx.db.begin_write().await?;
    clients::get(&mut *tx, coach.id, client_id)
        .await
        .map_err(AppError::missing(CLIENT))?;
    let revoked = store::revoke_open(&mut *tx, coach.id, client_id, cx.stamp()).await?;
    if revoked == 0 {
        return Err(AppError::NotFound("open invitation"));
    }
    tx.commit().await?;
    account(cx, coach, client_id).await
}

/// Unlinks the client's account: the client record, bookings and credits stay with the coach;
/// the person no longer sees them. Disconnecting a client who is not connected changes nothing.
pub async fn disconnect(cx: &Ctx, coach: &Coach, client_id: i64) -> AppResult<ClientAccount> {
    let mut tx = cx.db.begin_write().await?;
    clients::get(&mut *tx, coach.id, client_id)
        .await
        .map_err(AppError::missing(CLIENT))?;
    store::set_client_user(&mut *tx, coach.id, client_id, None, cx.stamp()).await?;
    super::webhooks::client_updated(&mut tx, coach.id, client_id, cx.now()).await?;
    tx.commit().await?;
    tracing::info!(coach = coach.id, client = client_id, "client disconnected");
    account(cx, coach, client_id).await
}

/// An invitation as the person opening its link sees it.
#[derive(Debug, Clone)]
pub struct Opened {
    pub coach_name: String,
    pub coach_slug: String,
    /// Where it was sent (the sign-up form starts with it).
    pub email: String,
    pub status: InvitationStatus,
    /// The signed-in account is the one this client record is connected to.
    pub connected_here: bool,
    pub expires_at: Timestamp,
}

async fn find(cx: &Ctx, token: &str) -> AppResult<InvitationRow> {
    if !well_formed(token) {
        return Err(AppError::NotFound("invitation"));
    }
    store::by_hash(cx.db.pool(), &hash(token))
        .await
        .map_err(AppError::missing("invitation"))
}

/// What the link `token` opens; a malformed or unknown token is "not found", alike.
pub async fn open(cx: &Ctx, token: &str, account: Option<&Account>) -> AppResult<Opened> {
    let row = find(cx, token).await?;
    Ok(Opened {
        status: InvitationStatus::of(&row, cx.now()),
        connected_here: account.is_some_and(|a| row.client_user_id == Some(a.id)),
        coach_name: row.coach_name,
        coach_slug: row.coach_slug,
        email: row.email,
        expires_at: row.expires_at.timestamp(),
    })
}

/// The practice an account was connected to.
#[derive(Debug, Clone)]
pub struct Connected {
    pub coach_name: String,
    pub coach_slug: String,
}

/// Connects `account` to the client record the invitation `token` is for, once. Opening it
/// again with the account it connected answers the same; anything else that makes it unusable
/// is refused with the reason.
pub async fn accept(cx: &Ctx, token: &str, account: &Account) -> InviteResult<Connected> {
    if !well_formed(token) {
        return Err(AppError::NotFound("invitation").into());
    }
    let now = cx.now();
    let stamp: UnixTime = now.into();
    let mut tx = cx.db.begin_write().await?;
    let row = store::by_hash(&mut *tx, &hash(token))
        .await
        .map_err(AppError::missing("invitation"))?;
    let connected = Connected {
        coach_name: row.coach_name.clone(),
        coach_slug: row.coach_slug.clone(),
    };
    match InvitationStatus::of(&row, now) {
        InvitationStatus::Accepted if row.client_user_id == Some(account.id) => {
            return Ok(connected);
        }
        InvitationStatus::Accepted => return Err(InviteRefusal::Used.into()),
        InvitationStatus::Revoked => return Err(InviteRefusal::Revoked.into()),
        InvitationStatus::Expired => return Err(InviteRefusal::Expired.into()),
        InvitationStatus::Open => {}
    }
    if account
        .practice
        .as_ref()
        .is_some_and(|(id, _)| *id == row.coach_id)
    {
        return Err(InviteRefusal::OwnPractice.into());
    }
    let coach_name = row.coach_name.clone();
    match store::client_of_user(&mut *tx, row.coach_id, account.id).await? {
        Some(other) if other != row.client_id => {
            return Err(InviteRefusal::AlreadyConnected { coach_name }.into());
        }
        _ => {}
    }
    if row.client_user_id.is_some_and(|u| u != account.id) {
        return Err(InviteRefusal::ClientTaken { coach_name }.into());
    }
    store::accept(&mut *tx, row.id, account.id, stamp)
        .await
        .map_err(|e| match e {
            StoreError::NotFound => InviteError::Refused(InviteRefusal::Used),
            e => e.into(),
        })?;
    store::set_client_user(
        &mut *tx,
        row.coach_id,
        row.client_id,
        Some(account.id),
        stamp,
    )
    .await
    .map_err(|e| {
        if e.is_unique_on("user_id") {
            InviteError::Refused(InviteRefusal::AlreadyConnected {
                coach_name: coach_name.clone(),
            })
        } else {
            e.into()
        }
    })?;
    super::webhooks::client_updated(&mut tx, row.coach_id, row.client_id, now).await?;
    tx.commit().await?;
    tracing::info!(
        coach = row.coach_id,
        client = row.client_id,
        user = account.id,
        "client connected their account"
    );
    Ok(connected)
}

/// Promoting an application sent by a signed-in person connects the new (or found) client
/// record to that account, inside the promotion's transaction, unless the record is connected
/// already, the account is connected to another of the coach's clients, or it is the coach's.
pub(crate) async fn connect_on_promotion(
    tx: &mut crate::store::Tx,
    coach: &Coach,
    application_id: i64,
    client_id: i64,
    now: UnixTime,
) -> AppResult<()> {
    let Some(user_id) = store::application_user(&mut **tx, coach.id, application_id).await? else {
        return Ok(());
    };
    if user_id == coach.user_id {
        return Ok(());
    }
    let client = clients::get(&mut **tx, coach.id, client_id).await?;
    if client.user_id.is_some()
        || store::client_of_user(&mut **tx, coach.id, user_id)
            .await?
            .is_some()
    {
        return Ok(());
    }
    store::set_client_user(&mut **tx, coach.id, client_id, Some(user_id), now).await?;
    tracing::info!(
        coach = coach.id,
        client = client_id,
        "promoted applicant's account connected"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_well_formed_and_differ() {
        let (a, b) = (new_token(), new_token());
        assert!(well_formed(&a) && well_formed(&b));
        assert_ne!(a, b);
        assert_ne!(hash(&a), a, "only the hash is stored");
    }

    #[test]
    fn malformed_tokens_are_refused_before_the_database() {
        for bad in ["", "abc", &"a".repeat(44), &format!("{}!", "a".repeat(42))] {
            assert!(!well_formed(bad), "{bad:?}");
        }
    }
}
