//! Sessions with several coaches (issue 16): the owner of a session invites another coach of the
//! installation as co-host; the invited coach accepts or declines; the owner removes a co-host, or
//! a co-host leaves. An invited or accepted co-host's time is taken by the session (their public
//! page, their own bookings and sessions see it as busy), so every change that takes time checks
//! every host under every host's lock, taken in ascending id order so that two writers never wait
//! on each other; on PostgreSQL the exclusion constraint on `session_hosts` is the backstop.

use coachbook_core::validate::InvalidInput;
use std::collections::HashMap;

use coachbook_core::booking::SessionStatus;
use coachbook_core::time::{Buffers, Interval};
use sqlx::AnyConnection;

use super::accounts::Coach;
use super::availability::load_calendar;
use super::bookings;
use super::i18n::Tr;
use super::sessions::{self, Session, SessionRefusal};
use super::{AppError, AppResult, Ctx, Refusal};
use crate::store::bookings as booking_store;
use crate::store::cohosts as store;
use crate::store::notifications::{self as notices, NewNotification, NotificationKind};
use crate::store::{privacy as page_store, StoreError, Tx};

/// The most co-hosts one session takes.
pub const MAX_COHOSTS: usize = 10;

/// One host of a session as the hosts see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Host {
    pub coach_id: i64,
    pub name: String,
    /// `owner` or `cohost`.
    pub role: String,
    /// `invited`, `accepted` or `declined` (the owner is always `accepted`).
    pub status: String,
}

/// The hosts of the given sessions, by session.
pub(crate) async fn hosts_for(
    conn: &mut AnyConnection,
    session_ids: &[i64],
) -> AppResult<HashMap<i64, Vec<Host>>> {
    let mut out: HashMap<i64, Vec<Host>> = HashMap::new();
    for r in store::hosts_of(conn, session_ids).await? {
        out.entry(r.session_id).or_default().push(Host {
            coach_id: r.coach_id,
            name: r.name,
            role: r.role,
            status: r.status,
        });
    }
    Ok(out)
}

/// Takes the per-coach locks of `ids` in ascending order, each once.
pub(crate) async fn lock_all(tx: &mut Tx, ids: &[i64]) -> AppResult<()> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        booking_store::lock_coach(&mut **tx, id).await?;
    }
    Ok(())
}

/// Locks the session's owner (`coach`) and every co-host holding its time, ascending; `NotFound`
/// when `coach` does not own it. Answers the co-hosts.
pub(crate) async fn lock_hosts(tx: &mut Tx, coach: &Coach, session_id: i64) -> AppResult<Vec<i64>> {
    let hosting = store::hosting(&mut **tx, session_id, coach.id)
        .await
        .map_err(AppError::missing("session"))?;
    if hosting.owner_id != coach.id {
        return Err(AppError::NotFound("session"));
    }
    let mut cohosts = store::holding_cohosts(&mut **tx, session_id).await?;
    let mut all = cohosts.clone();
    all.push(coach.id);
    lock_all(tx, &all).await?;
    // A co-host invited between the read and the locks: lock them too (out of order, but
    // only in that race; the exclusion constraint still guards their time).
    let now_held = store::holding_cohosts(&mut **tx, session_id).await?;
    for id in &now_held {
        if !cohosts.contains(id) {
            booking_store::lock_coach(&mut **tx, *id).await?;
        }
    }
    cohosts = now_held;
    Ok(cohosts)
}

/// Whether coach `host_id` is free at `at` (with `buffers`), but for session `exclude`; a
/// collision is worded in `reader`'s zone.
pub(crate) async fn check_host_free(
    tx: &mut Tx,
    reader: &Coach,
    host_id: i64,
    (at, buffers): (Interval, Buffers),
    exclude: Option<i64>,
) -> AppResult<()> {
    let host = page_store::by_coach(&mut **tx, host_id)
        .await
        .map_err(AppError::missing("coach"))?;
    let host = super::privacy::Page::from(host);
    let calendar = load_calendar(tx, host_id, &host.zone, at, None).await?;
    bookings::check_free(&calendar, reader, at, buffers, exclude)
}

/// Whether every co-host in `cohosts` is free at `at` but for the session itself.
pub(crate) async fn check_all_free(
    tx: &mut Tx,
    owner: &Coach,
    cohosts: &[i64],
    at: (Interval, Buffers),
    session_id: Option<i64>,
) -> AppResult<()> {
    for id in cohosts {
        check_host_free(tx, owner, *id, at, session_id).await?;
    }
    Ok(())
}

/// Whom to invite: a coach id, or the email of a coach's account.
#[derive(Debug, Clone, Default)]
pub struct InviteInput {
    pub coach_id: Option<i64>,
    pub email: Option<String>,
}

/// The coach `input` names, checked: another coach of this installation.
async fn invitee(conn: &mut AnyConnection, owner: &Coach, input: &InviteInput) -> AppResult<i64> {
    let id = match (input.coach_id, input.email.as_deref().map(str::trim)) {
        (Some(id), _) => Some(id),
        (None, Some(email)) if !email.is_empty() => {
            let email = coachbook_core::validate::Email::parse("email", email)?;
            store::coach_by_email(&mut *conn, email.as_str()).await?
        }
        _ => {
            return Err(AppError::from(
                InvalidInput::new(
                    "coachId",
                    "Choose the coach to invite (coachId, or their email).",
                )
                .key("validate-choose-coach-invite-coachid"),
            ))
        }
    };
    let Some(id) = id else {
        return Err(AppError::from(
            InvalidInput::new("email", "No coach of this practice has this email.")
                .key("validate-no-coach-practice-has"),
        ));
    };
    if id == owner.id {
        return Err(AppError::from(
            InvalidInput::new(
                "coachId",
                "You host this session already; choose another coach.",
            )
            .key("validate-host-session-already-choose"),
        ));
    }
    match page_store::by_coach(&mut *conn, id).await {
        Ok(_) => Ok(id),
        Err(StoreError::NotFound) => Err(AppError::from(
            InvalidInput::new("coachId", "No coach of this practice has this id.")
                .key("validate-no-coach-practice-has-2"),
        )),
        Err(e) => Err(e.into()),
    }
}

/// Checks `cohost_ids` for a new session: other coaches of this installation, at most
/// [`MAX_COHOSTS`], each once.
pub(crate) async fn check_new_cohosts(
    conn: &mut AnyConnection,
    owner: &Coach,
    cohost_ids: &[i64],
) -> AppResult<Vec<i64>> {
    let mut ids = cohost_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.len() > MAX_COHOSTS {
        return Err(AppError::from(
            InvalidInput::new(
                "cohostIds",
                format!("Invite at most {MAX_COHOSTS} co-hosts."),
            )
            .key("validate-invite-most-co-hosts")
            .arg("max-cohosts", MAX_COHOSTS),
        ));
    }
    for id in &ids {
        let input = InviteInput {
            coach_id: Some(*id),
            email: None,
        };
        invitee(conn, owner, &input).await.map_err(|e| match e {
            AppError::Invalid(_) => AppError::from(
                InvalidInput::new(
                    "cohostIds",
                    format!("Coach {id} cannot co-host: choose other coaches of this practice."),
                )
                .key("validate-coach-cannot-co-host")
                .arg("id", id),
            ),
            e => e,
        })?;
    }
    Ok(ids)
}

/// Records the invitation (its time held at once) and tells the invited coach, in `tx`.
pub(crate) async fn add_invited(
    tx: &mut Tx,
    owner: &Coach,
    session_id: i64,
    cohost_id: i64,
    now: jiff::Timestamp,
) -> AppResult<()> {
    store::invite(&mut **tx, session_id, cohost_id, now.into())
        .await
        .map_err(|e| match e {
            StoreError::Unique { .. } => AppError::from(
                InvalidInput::new("coachId", "This coach is a host of this session already.")
                    .key("validate-coach-host-session-already"),
            ),
            e => bookings::overlap_refused(e),
        })?;
    let host = page_store::by_coach(&mut **tx, cohost_id).await?;
    // In the invited coach's language.
    let tr = Tr(super::notify::inapp::reader_locale(tx, host.user_id, cohost_id).await?);
    let title = tr.t1("notices-cohost-title", "coach", owner.name.as_str());
    let body = tr.t("notices-cohost-body");
    let link = format!("/admin/calendar#session-{session_id}");
    notices::insert(
        &mut **tx,
        &NewNotification {
            user_id: host.user_id,
            coach_id: cohost_id,
            kind: NotificationKind::CohostInvited,
            title: &title,
            body: &body,
            link: &link,
            booking_id: None,
            application_id: None,
        },
        now.into(),
    )
    .await?;
    Ok(())
}

/// The owner invites another coach to co-host: refused (409, naming the collision) when that
/// coach is not free at the session's time; then nothing changes.
pub async fn invite(
    cx: &Ctx,
    owner: &Coach,
    session_id: i64,
    input: &InviteInput,
) -> AppResult<Session> {
    let cohost = {
        let mut conn = cx.db.pool().acquire().await?;
        invitee(&mut conn, owner, input).await?
    };
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    let hosting = store::hosting(&mut *tx, session_id, owner.id)
        .await
        .map_err(AppError::missing("session"))?;
    if hosting.owner_id != owner.id {
        return Err(AppError::NotFound("session"));
    }
    let mut held = store::holding_cohosts(&mut *tx, session_id).await?;
    held.push(owner.id);
    held.push(cohost);
    lock_all(&mut tx, &held).await?;
    let session = sessions::read_in(&mut tx, owner.id, session_id).await?;
    if session.status == SessionStatus::Cancelled {
        return Err(Refusal::Session(SessionRefusal::Cancelled).into());
    }
    let existing = store::hosting(&mut *tx, session_id, cohost).await?;
    match existing.status.as_deref() {
        Some("declined") => store::remove(&mut *tx, session_id, cohost).await?,
        Some(_) => {
            return Err(AppError::from(
                InvalidInput::new("coachId", "This coach is a host of this session already.")
                    .key("validate-coach-host-session-already"),
            ))
        }
        None => {}
    }
    let pad = sessions::session_buffers(&session);
    check_host_free(&mut tx, owner, cohost, (session.interval(), pad), None).await?;
    add_invited(&mut tx, owner, session_id, cohost, now).await?;
    sessions::commit_and_read_pub(tx, cx, owner, session_id).await
}

/// The invited coach accepts (or, after declining, takes the time back: checked again).
pub async fn accept(cx: &Ctx, coach: &Coach, session_id: i64) -> AppResult<Session> {
    answer(cx, coach, session_id, "accepted").await
}

/// The invited coach declines: their time is free again.
pub async fn decline(cx: &Ctx, coach: &Coach, session_id: i64) -> AppResult<Session> {
    answer(cx, coach, session_id, "declined").await
}

async fn answer(cx: &Ctx, coach: &Coach, session_id: i64, status: &str) -> AppResult<Session> {
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    let hosting = store::hosting(&mut *tx, session_id, coach.id)
        .await
        .map_err(AppError::missing("session"))?;
    if hosting.role.as_deref() != Some("cohost") {
        return Err(AppError::NotFound("session"));
    }
    lock_all(&mut tx, &[hosting.owner_id, coach.id]).await?;
    let session = sessions::read_in(&mut tx, hosting.owner_id, session_id).await?;
    if session.status == SessionStatus::Cancelled {
        return Err(Refusal::Session(SessionRefusal::Cancelled).into());
    }
    if status == "accepted" && hosting.status.as_deref() == Some("declined") {
        let pad = sessions::session_buffers(&session);
        check_host_free(
            &mut tx,
            coach,
            coach.id,
            (session.interval(), pad),
            Some(session_id),
        )
        .await?;
    }
    store::set_status(&mut *tx, session_id, coach.id, status, now.into())
        .await
        .map_err(bookings::overlap_refused)?;
    tx.commit().await?;
    cx.wake.notify();
    sessions::get(cx, coach, session_id).await
}

/// The owner removes co-host `host_id`, or a co-host removes themself (leaves).
pub async fn remove(cx: &Ctx, coach: &Coach, session_id: i64, host_id: i64) -> AppResult<()> {
    let mut tx = cx.db.begin_write().await?;
    let hosting = store::hosting(&mut *tx, session_id, coach.id)
        .await
        .map_err(AppError::missing("session"))?;
    let allowed = hosting.owner_id == coach.id
        || (host_id == coach.id && hosting.role.as_deref() == Some("cohost"));
    if !allowed {
        return Err(AppError::NotFound("session"));
    }
    lock_all(&mut tx, &[hosting.owner_id, host_id]).await?;
    store::remove(&mut *tx, session_id, host_id)
        .await
        .map_err(AppError::missing("co-host"))?;
    tx.commit().await?;
    cx.wake.notify();
    Ok(())
}

/// The other coaches of the installation: whom `coach` may invite.
pub async fn other_coaches(cx: &Ctx, coach: &Coach) -> AppResult<Vec<(i64, String)>> {
    Ok(store::other_coaches(cx.db.pool(), coach.id).await?)
}
