//! Emails: rendered when the change commits, stored, and sent by an `email.send` job.
//!
//! [`queue`] runs inside the change's transaction: it reads what the email needs, writes it in
//! the recipient's words and zone (`templates/emails/<kind>/`), builds the booking's calendar
//! invitation ([`invite`]), stores it all in `emails` and queues one `email.send` job per email.
//! [`run`] (the job) only turns the stored row into a MIME message and hands it to the configured
//! SMTP server ([`mailer`]); with none configured the email is kept, and the log says where.

pub mod invite;
pub mod mailer;
pub mod message;
pub mod render;

use coachbook_core::time::Zone;
use jiff::Timestamp;
use rand::Rng;
use serde::{Deserialize, Serialize};

use super::super::jobs::{self, kinds, Outcome};
use super::super::{AppResult, Ctx};
use super::Event;
use crate::app::i18n::{self, Locale};
use crate::store::bookings::{self as bookings_store, BookingRow};
use crate::store::emails::{self as store, CoachContact, Invite, NewEmail};
use crate::store::jobs::JobRow;
use crate::store::users as users_store;
use crate::store::{applications as applications_store, StoreError, Tx};
use invite::Method;
use render::{Kind, View};

/// An email as stored, as the outbox shows it.
pub use crate::store::emails::EmailRow as Email;

/// The kind of email an unsubscribe link stops.
const REMINDERS: &str = "reminder";

/// The `email.send` job's arguments.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SendArgs {
    pub email_id: i64,
}

impl Kind {
    /// The switch in the coach's Settings that turns this kind off (`None`: always sent).
    fn setting(self) -> Option<&'static str> {
        match self {
            Self::BookingCreated | Self::BookingConfirmed | Self::DiscoveryCall => Some("booking"),
            Self::BookingCancelled => Some("cancellation"),
            Self::BookingRescheduled => Some("change"),
            Self::Reminder => Some("reminder"),
            Self::ApplicationReceived | Self::ApplicationAcknowledged => Some("application"),
            Self::BookingCancelledCoach | Self::ClientInvitation => None,
        }
    }
}

/// Renders and stores the emails `event` sends, each with its `email.send` job, in `tx`.
pub async fn queue(
    tx: &mut Tx,
    cx: &Ctx,
    coach_id: i64,
    event: &Event,
    now: Timestamp,
) -> AppResult<()> {
    let coach = store::coach_contact(&mut **tx, coach_id).await?;
    let prefs = super::settings::read(&mut **tx, coach_id).await?;
    let locales = Locales::read(tx, coach_id).await?;
    let q = Queue {
        cx,
        coach_id,
        coach: &coach,
        now,
        off: &prefs.emails_off,
        locales,
    };
    match *event {
        Event::BookingCreated { booking_id } => {
            let b = bookings_store::get_booking(&mut **tx, coach_id, booking_id).await?;
            let kind = if b.application_id.is_some() {
                Kind::DiscoveryCall
            } else {
                Kind::BookingCreated
            };
            q.to_participant(tx, &b, kind, Some(Method::Request), false)
                .await?;
        }
        Event::BookingConfirmed { booking_id } => {
            let b = bookings_store::get_booking(&mut **tx, coach_id, booking_id).await?;
            q.to_participant(tx, &b, Kind::BookingConfirmed, Some(Method::Request), false)
                .await?;
        }
        Event::BookingCancelled {
            booking_id,
            by_client,
        } => {
            let b = bookings_store::get_booking(&mut **tx, coach_id, booking_id).await?;
            q.to_participant(
                tx,
                &b,
                Kind::BookingCancelled,
                Some(Method::Cancel),
                by_client,
            )
            .await?;
            if by_client {
                q.cancelled_to_coach(tx, &b).await?;
            }
        }
        Event::BookingRescheduled { booking_id } => {
            let b = bookings_store::get_booking(&mut **tx, coach_id, booking_id).await?;
            q.to_participant(
                tx,
                &b,
                Kind::BookingRescheduled,
                Some(Method::Request),
                false,
            )
            .await?;
        }
        // (A session request's emails are written by `super::requests`.)
        Event::SessionRequest { .. } => {}
        Event::ReminderDue { booking_id, .. } => {
            let b = bookings_store::get_booking(&mut **tx, coach_id, booking_id).await?;
            q.to_participant(tx, &b, Kind::Reminder, None, false)
                .await?;
        }
        Event::ApplicationReceived { application_id } => {
            let a = applications_store::get(&mut **tx, coach_id, application_id).await?;
            q.application(tx, &a).await?;
        }
    }
    Ok(())
}

/// The invitation to connect an account to a client record, to `to_email`: `link` opens it
/// until `until` (in the coach's words and zone). Always sent; stored and queued in `tx`.
pub async fn invitation(
    tx: &mut Tx,
    cx: &Ctx,
    coach_id: i64,
    (to_name, to_email): (&str, &str),
    link: &str,
    until: &str,
    now: Timestamp,
) -> AppResult<i64> {
    let coach = store::coach_contact(&mut **tx, coach_id).await?;
    let locales = Locales::read(tx, coach_id).await?;
    let q = Queue {
        cx,
        coach_id,
        coach: &coach,
        now,
        off: &[],
        locales,
    };
    // The invitee has no account with this practice yet: the practice's language.
    i18n::scope(locales.practice, async {
        let view = View {
            to_name: render::one_line(to_name),
            coach_name: render::one_line(&coach.name),
            link: link.to_owned(),
            when: until.to_owned(),
            zone: coach.time_zone.0.name().to_owned(),
            ..View::default()
        };
        q.store(
            tx,
            Kind::ClientInvitation,
            (None, None),
            (to_name, to_email),
            &view,
            None,
            None,
        )
        .await
    })
    .await
}

/// The languages of one coach's emails: the practice's default (for guests, applicants and
/// clients who chose none) and the coach's own (for emails to the coach).
#[derive(Clone, Copy)]
struct Locales {
    practice: Locale,
    coach: Locale,
}

impl Locales {
    async fn read(tx: &mut Tx, coach_id: i64) -> AppResult<Self> {
        let (own, default) = users_store::coach_locales(&mut **tx, coach_id).await?;
        let practice = default.unwrap_or_default();
        Ok(Self {
            practice,
            coach: own.unwrap_or(practice),
        })
    }
}

/// What every email of one event shares.
struct Queue<'a> {
    cx: &'a Ctx,
    coach_id: i64,
    coach: &'a CoachContact,
    now: Timestamp,
    off: &'a [String],
    locales: Locales,
}

impl Queue<'_> {
    fn sends(&self, kind: Kind) -> bool {
        kind.setting()
            .is_none_or(|k| !self.off.iter().any(|o| o == k))
    }

    fn coach_zone(&self) -> &Zone {
        &self.coach.time_zone.0
    }

    /// The booking's details written for a reader in `zone`.
    fn booking_view(&self, b: &BookingRow, zone: &Zone, to_name: &str) -> View {
        let (start, end) = (b.start_at.timestamp(), b.end_at.timestamp());
        let link = b.meeting_url.trim().to_owned();
        View {
            to_name: render::one_line(to_name),
            coach_name: render::one_line(&self.coach.name),
            session: b.session_type_name.clone(),
            when: format!(
                "{}, {}",
                crate::app::dates::day(start, zone),
                crate::app::dates::time_range(start, end, zone)
            ),
            starts: crate::app::dates::day_time(start, zone),
            zone: zone.name().to_owned(),
            with: render::one_line(&self.coach.name),
            meeting_link: url::Url::parse(&link)
                .is_ok_and(|u| matches!(u.scheme(), "http" | "https")),
            meeting_url: link,
            pending: b.status == coachbook_core::booking::BookingStatus::Pending,
            reason: b.cancel_reason.trim().to_owned(),
            ..View::default()
        }
    }

    /// The participant's email about booking `b`, in their language: a connected client's
    /// choice, else the practice's.
    async fn to_participant(
        &self,
        tx: &mut Tx,
        b: &BookingRow,
        kind: Kind,
        method: Option<Method>,
        by_client: bool,
    ) -> AppResult<()> {
        let chosen = match b.client_id {
            Some(client) => users_store::client_locale(&mut **tx, self.coach_id, client).await?,
            None => None,
        };
        let locale = chosen.unwrap_or(self.locales.practice);
        i18n::scope(
            locale,
            self.to_participant_in(tx, b, kind, method, by_client),
        )
        .await
    }

    /// The participant's email about booking `b`, with its invitation when `method` is given.
    async fn to_participant_in(
        &self,
        tx: &mut Tx,
        b: &BookingRow,
        kind: Kind,
        method: Option<Method>,
        by_client: bool,
    ) -> AppResult<()> {
        if !self.sends(kind) || b.email.trim().is_empty() {
            return Ok(());
        }
        // A connected client reads times in their own zone; anyone else in the coach's, named.
        let zone = match b.client_id {
            Some(client) => store::client_zone(&mut **tx, self.coach_id, client)
                .await?
                .map(|z| z.0),
            None => None,
        }
        .unwrap_or_else(|| self.coach_zone().clone());
        let mut view = self.booking_view(b, &zone, &b.name);
        view.cancelled = method == Some(Method::Cancel);
        view.by_client = by_client;
        let mailer = &self.cx.mail;
        // A booking made on the coach's page is managed through its own link.
        if let Some(token) =
            crate::store::manage_links::token_of(&mut **tx, self.coach_id, b.id).await?
        {
            view.manage_url = format!(
                "{}{}",
                mailer.public_url(),
                super::super::manage::path(&token)
            );
        }
        // Reminders can be stopped: a link of their own, also the List-Unsubscribe header.
        let token = if kind == Kind::Reminder {
            let address = b.email.trim().to_ascii_lowercase();
            if store::opted_out(&mut **tx, self.coach_id, &address, REMINDERS).await? {
                return Ok(());
            }
            let token: u128 = rand::thread_rng().gen();
            Some(format!("{token:032x}"))
        } else {
            None
        };
        let unsubscribe = token
            .as_ref()
            .map(|t| format!("{}/unsubscribe/{t}", mailer.public_url()));
        if let Some(u) = &unsubscribe {
            view.unsubscribe_url = u.clone();
        }
        let ics = match method {
            Some(method) => {
                let sequence = store::next_sequence(&mut **tx, b.id).await?;
                let tr = i18n::Tr::current();
                let summary = tr.t2(
                    "ical-summary",
                    "session",
                    &b.session_type_name,
                    "coach",
                    &self.coach.name,
                );
                let description = if b.meeting_url.trim().is_empty() {
                    String::new()
                } else {
                    tr.t1("ical-join", "url", b.meeting_url.trim())
                };
                let (uid, recurrence_id) =
                    invite::identity(b.id, &b.email, b.series(), &mailer.host());
                let text = invite::build(&invite::InviteData {
                    method,
                    uid,
                    recurrence_id,
                    sequence,
                    stamp: self.now,
                    start: b.start_at.timestamp(),
                    end: b.end_at.timestamp(),
                    summary: &summary,
                    description: &description,
                    meeting_url: &b.meeting_url,
                    tentative: view.pending,
                    organizer_name: &self.coach.name,
                    organizer_email: &self.coach.email,
                    attendee_name: &b.name,
                    attendee_email: &b.email,
                });
                Some(Invite {
                    text,
                    method: method.as_str().to_owned(),
                    sequence,
                })
            }
            None => None,
        };
        let id = self
            .store(
                tx,
                kind,
                (Some(b.id), b.application_id),
                (&b.name, &b.email),
                &view,
                ics,
                unsubscribe,
            )
            .await?;
        if let Some(token) = token {
            store::set_unsubscribe_token(&mut **tx, id, &token).await?;
        }
        Ok(())
    }

    /// The coach hears by email (in the coach's language) when a participant cancelled.
    async fn cancelled_to_coach(&self, tx: &mut Tx, b: &BookingRow) -> AppResult<()> {
        i18n::scope(self.locales.coach, self.cancelled_to_coach_in(tx, b)).await
    }

    async fn cancelled_to_coach_in(&self, tx: &mut Tx, b: &BookingRow) -> AppResult<()> {
        let zone = self.coach_zone().clone();
        let mut view = self.booking_view(b, &zone, &self.coach.name);
        view.cancelled = true;
        view.by_client = true;
        view.with = render::one_line(&b.name);
        view.participant_name = render::one_line(&b.name);
        view.participant_email = b.email.trim().to_owned();
        view.link = format!("{}/admin/bookings", self.cx.mail.public_url());
        let (name, email) = (self.coach.name.clone(), self.coach.email.clone());
        self.store(
            tx,
            Kind::BookingCancelledCoach,
            (Some(b.id), b.application_id),
            (&name, &email),
            &view,
            None,
            None,
        )
        .await
        .map(|_| ())
    }

    /// A new application: the coach hears of it, the applicant hears it arrived.
    async fn application(
        &self,
        tx: &mut Tx,
        a: &applications_store::ApplicationRow,
    ) -> AppResult<()> {
        let base = View {
            coach_name: render::one_line(&self.coach.name),
            participant_name: render::one_line(&a.name),
            participant_email: a.email.trim().to_owned(),
            goals: a.goals.trim().to_owned(),
            link: format!("{}/admin/applications", self.cx.mail.public_url()),
            zone: self.coach_zone().name().to_owned(),
            ..View::default()
        };
        if self.sends(Kind::ApplicationReceived) {
            let view = View {
                to_name: render::one_line(&self.coach.name),
                ..base.clone()
            };
            let (name, email) = (self.coach.name.clone(), self.coach.email.clone());
            let to_coach = self.store(
                tx,
                Kind::ApplicationReceived,
                (None, Some(a.id)),
                (&name, &email),
                &view,
                None,
                None,
            );
            i18n::scope(self.locales.coach, to_coach).await?;
        }
        if self.sends(Kind::ApplicationAcknowledged) && !a.email.trim().is_empty() {
            let view = View {
                to_name: render::one_line(&a.name),
                ..base
            };
            let to_applicant = self.store(
                tx,
                Kind::ApplicationAcknowledged,
                (None, Some(a.id)),
                (&a.name, &a.email),
                &view,
                None,
                None,
            );
            i18n::scope(self.locales.practice, to_applicant).await?;
        }
        Ok(())
    }

    /// Renders `kind`, stores the email and queues its job.
    #[expect(
        clippy::too_many_arguments,
        reason = "one call site per recipient kind"
    )]
    async fn store(
        &self,
        tx: &mut Tx,
        kind: Kind,
        (booking_id, application_id): (Option<i64>, Option<i64>),
        (to_name, to_email): (&str, &str),
        view: &View,
        ics: Option<Invite>,
        list_unsubscribe: Option<String>,
    ) -> AppResult<i64> {
        let rendered = render::render(kind, view)
            .map_err(|e| anyhow::anyhow!("the {} email does not render: {e}", kind.as_str()))?;
        let mailer = &self.cx.mail;
        let token: u128 = rand::thread_rng().gen();
        let new = NewEmail {
            coach_id: self.coach_id,
            booking_id,
            application_id,
            kind: kind.as_str(),
            from_name: render::one_line(&self.coach.name),
            reply_to_name: render::one_line(&self.coach.name),
            reply_to_email: self.coach.email.trim().to_owned(),
            to_name: render::one_line(to_name),
            to_email: to_email.trim().to_owned(),
            subject: rendered.subject,
            text_body: rendered.text,
            html_body: rendered.html,
            ics,
            list_unsubscribe,
            message_id: format!("<{token:032x}@{}>", mailer.host()),
        };
        let id = store::insert(&mut **tx, &new, self.now.into()).await?;
        jobs::enqueue(
            &mut **tx,
            kinds::EMAIL_SEND,
            &SendArgs { email_id: id },
            Some(self.coach_id),
            self.now,
            Some(format!("email:{id}")),
            self.now,
        )
        .await?;
        Ok(id)
    }
}

/// The `email.send` job: sends one stored email. An email already sent or kept is not sent
/// again (the job may run twice when a worker died after sending, before recording it).
pub async fn run(cx: &Ctx, job: &JobRow) -> Outcome {
    let args: SendArgs = match jobs::args(job) {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let email = match store::get(cx.db.pool(), args.email_id).await {
        Ok(e) => e,
        Err(StoreError::NotFound) => {
            return Outcome::Fail(format!("email {} no longer exists", args.email_id))
        }
        Err(e) => return Outcome::Retry(format!("could not read email {}: {e}", args.email_id)),
    };
    if email.status == store::SENT || email.status == store::KEPT {
        return Outcome::Done;
    }
    let record = |status: &'static str, error: String, sent: bool| {
        crate::app::metrics::email(status);
        let db = cx.db.clone();
        let at = sent.then(|| cx.stamp());
        async move {
            if let Err(e) = store::set_status(db.writer(), email.id, status, &error, at).await {
                tracing::error!(email = email.id, error = %e, "could not record what became of an email");
            }
        }
    };
    let message = match message::build(&email, cx.mail.from_address(), cx.now()) {
        Ok(m) => m,
        Err(e) => {
            let error = format!("the email cannot be sent as stored: {e}");
            record(store::FAILED, error.clone(), false).await;
            return Outcome::Fail(error);
        }
    };
    match cx.mail.send(message).await {
        None => {
            tracing::info!(
                email = email.id,
                to = %email.to_email,
                kind = %email.kind,
                "no SMTP server is configured (smtp_url): the email is kept in the database; see `coachbook emails list` or /admin/emails"
            );
            record(store::KEPT, String::new(), true).await;
            Outcome::Done
        }
        Some(Ok(())) => {
            tracing::info!(email = email.id, to = %email.to_email, kind = %email.kind, server = %cx.mail.server().unwrap_or_default(), "email sent");
            record(store::SENT, String::new(), true).await;
            Outcome::Done
        }
        Some(Err(e)) => {
            let error = smtp_error(&e);
            if e.is_permanent() {
                record(store::FAILED, error.clone(), false).await;
                Outcome::Fail(error)
            } else {
                // Out of attempts, the job fails for good: so does the email.
                let status = if job.attempts >= job.max_attempts {
                    store::FAILED
                } else {
                    store::QUEUED
                };
                record(status, error.clone(), false).await;
                Outcome::Retry(error)
            }
        }
    }
}

/// An SMTP error with its causes, for the operator.
fn smtp_error(e: &lettre::transport::smtp::Error) -> String {
    let mut out = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let text = s.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = s.source();
    }
    out
}

/// The statuses an email can have, for filters.
pub const STATUSES: &[&str] = &[store::QUEUED, store::SENT, store::KEPT, store::FAILED];

/// The coach's emails, newest first, optionally of one status (`/admin/emails`).
pub async fn outbox(
    cx: &Ctx,
    coach_id: i64,
    status: Option<&str>,
    limit: i64,
) -> AppResult<Vec<store::EmailRow>> {
    let status = status.filter(|s| STATUSES.contains(s));
    Ok(store::list(cx.db.pool(), Some(coach_id), status, limit.clamp(1, 500)).await?)
}

/// One of the coach's emails, as stored.
pub async fn one(cx: &Ctx, coach_id: i64, id: i64) -> AppResult<store::EmailRow> {
    store::get_for_coach(cx.db.pool(), coach_id, id)
        .await
        .map_err(super::super::AppError::missing("email"))
}

/// Who an unsubscribe link is for: the coach's name and the address.
pub async fn unsubscriber(cx: &Ctx, token: &str) -> AppResult<store::Unsubscriber> {
    if token.len() != 32 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(super::super::AppError::NotFound("unsubscribe link"));
    }
    store::by_unsubscribe_token(cx.db.pool(), token)
        .await
        .map_err(super::super::AppError::missing("unsubscribe link"))
}

/// Follows an unsubscribe link: no more reminders from that coach to that address.
pub async fn unsubscribe(cx: &Ctx, token: &str) -> AppResult<store::Unsubscriber> {
    let who = unsubscriber(cx, token).await?;
    store::opt_out(
        cx.db.writer(),
        who.coach_id,
        &who.email.trim().to_ascii_lowercase(),
        REMINDERS,
        cx.stamp(),
    )
    .await?;
    tracing::info!(coach = who.coach_id, "a recipient stopped reminders");
    Ok(who)
}
