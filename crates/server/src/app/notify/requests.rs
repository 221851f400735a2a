//! Who hears of a session request, and what they read: the coach (in-app and by email) when one
//! arrives, expires or is withdrawn; the requester by email (in-app too when they have an
//! account) when it arrived, was declined or expired. Each email is written in its reader's zone
//! (`templates/emails/session_request_*/`) and stored with its `email.send` job, in the change's
//! transaction. A requester's words name only their own request and their coach.

use askama::Template;
use coachbook_core::time::Zone;
use jiff::Timestamp;
use rand::Rng;

use super::super::i18n::{self, Locale, Tr};
use super::super::jobs::{self, kinds};
use super::super::{dates, AppResult, Ctx};
use super::email::{render::one_line, SendArgs};
use crate::store::emails::{self as emails_store, CoachContact, NewEmail};
use crate::store::notifications::{self as inapp_store, NewNotification, NotificationKind};
use crate::store::session_requests::{self as store, TimeRow};
use crate::store::Tx;

/// What happened to a session request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestChange {
    Received,
    Declined,
    Expired,
    Withdrawn,
}

/// The switch in the coach's Settings that turns request emails off.
const SETTING: &str = "request";

/// What the request emails say, written for their reader.
#[derive(Debug, Clone, Default)]
pub struct RequestView {
    pub to_name: String,
    pub coach_name: String,
    pub session: String,
    /// Each proposed time, "Mon 7 Dec 2026, 16:00–17:00", in the reader's zone.
    pub times: Vec<String>,
    pub zone: String,
    pub message: String,
    pub reason: String,
    /// When an unanswered request expires, in the reader's zone.
    pub expires: String,
    pub participant_name: String,
    pub participant_email: String,
    /// Where the reader acts on it.
    pub link: String,
    /// Always empty (the shared layout offers it for reminders only).
    pub unsubscribe_url: String,
}

macro_rules! request_email {
    ($module:ident, $subject:literal, $text:literal, $html:literal) => {
        mod $module {
            use askama::Template;

            #[derive(Template)]
            #[template(path = $subject, escape = "none")]
            pub struct Subject<'a> {
                pub v: &'a super::RequestView,
                pub tr: crate::app::i18n::Tr,
            }

            #[derive(Template)]
            #[template(path = $text, escape = "none")]
            pub struct Text<'a> {
                pub v: &'a super::RequestView,
                pub tr: crate::app::i18n::Tr,
            }

            #[derive(Template)]
            #[template(path = $html)]
            pub struct Html<'a> {
                pub v: &'a super::RequestView,
                pub subject: &'a str,
                pub tr: crate::app::i18n::Tr,
            }
        }
    };
}

request_email!(
    received,
    "emails/session_request_received/subject.txt",
    "emails/session_request_received/body.txt",
    "emails/session_request_received/body.html"
);
request_email!(
    acknowledged,
    "emails/session_request_acknowledged/subject.txt",
    "emails/session_request_acknowledged/body.txt",
    "emails/session_request_acknowledged/body.html"
);
request_email!(
    declined,
    "emails/session_request_declined/subject.txt",
    "emails/session_request_declined/body.txt",
    "emails/session_request_declined/body.html"
);
request_email!(
    expired,
    "emails/session_request_expired/subject.txt",
    "emails/session_request_expired/body.txt",
    "emails/session_request_expired/body.html"
);

/// The kinds of request email, as the outbox names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestEmail {
    /// To the coach.
    Received,
    /// To the requester.
    Acknowledged,
    Declined,
    Expired,
}

impl RequestEmail {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Received => "session_request_received",
            Self::Acknowledged => "session_request_acknowledged",
            Self::Declined => "session_request_declined",
            Self::Expired => "session_request_expired",
        }
    }

    /// Subject, text and HTML.
    fn render(self, v: &RequestView) -> askama::Result<(String, String, String)> {
        macro_rules! parts {
            ($m:ident) => {{
                let tr = crate::app::i18n::Tr::current();
                let subject = one_line(&$m::Subject { v, tr }.render()?);
                let html = $m::Html {
                    v,
                    subject: &subject,
                    tr,
                }
                .render()?;
                let text = $m::Text { v, tr }.render()?;
                (subject, text, html)
            }};
        }
        Ok(match self {
            Self::Received => parts!(received),
            Self::Acknowledged => parts!(acknowledged),
            Self::Declined => parts!(declined),
            Self::Expired => parts!(expired),
        })
    }
}

/// "Mon 7 Dec 2026, 16:00–17:00" in `zone`.
fn when(t: &TimeRow, zone: &Zone) -> String {
    let (start, end) = (t.start_at.timestamp(), t.end_at.timestamp());
    if dates::day(start, zone) == dates::day(end, zone) {
        format!(
            "{}, {}",
            dates::day(start, zone),
            dates::time_range(start, end, zone)
        )
    } else {
        dates::time_range(start, end, zone)
    }
}

/// Records the notices and queues the emails of `change` to request `request_id`, in `tx`.
pub async fn on(
    tx: &mut Tx,
    cx: &Ctx,
    coach_id: i64,
    request_id: i64,
    change: RequestChange,
    now: Timestamp,
) -> AppResult<()> {
    let r = store::get(&mut **tx, coach_id, request_id).await?;
    let times = store::times(&mut **tx, &[request_id]).await?;
    let coach = emails_store::coach_contact(&mut **tx, coach_id).await?;
    let person = inapp_store::coach_person(&mut **tx, coach_id).await?;
    let prefs = super::settings::read(&mut **tx, coach_id).await?;
    let sends = prefs.sends(SETTING);
    let coach_zone = coach.time_zone.0.clone();
    let requester_zone = r.time_zone.0.clone();
    // Each email in its reader's language: the coach's own, the requester's choice, else the
    // practice's.
    let (coach_own, practice) = crate::store::users::coach_locales(&mut **tx, coach_id).await?;
    let practice = practice.unwrap_or_default();
    let to_coach = coach_own.unwrap_or(practice);
    let to_requester = match r.user_id {
        Some(user_id) => crate::store::users::recipient_locale(&mut **tx, Some(user_id), coach_id)
            .await?
            .0
            .unwrap_or(practice),
        None => practice,
    };
    let base = |zone: &Zone, to_name: &str, locale: Locale| {
        i18n::sync_scope(locale, || RequestView {
            to_name: one_line(to_name),
            coach_name: one_line(&coach.name),
            session: r.session_type_name.clone(),
            times: times.iter().map(|t| when(t, zone)).collect(),
            zone: zone.name().to_owned(),
            message: r.message.trim().to_owned(),
            reason: r.decline_reason.trim().to_owned(),
            expires: dates::day_time(r.expires_at.timestamp(), zone),
            ..RequestView::default()
        })
    };
    // The first time asked for, in the coach's zone and language, and how many more there are.
    let first = i18n::sync_scope(to_coach, || {
        times
            .first()
            .map(|t| when(t, &coach_zone))
            .unwrap_or_default()
    });
    let others = times.len().saturating_sub(1);
    let (tr_coach, tr_requester) = (Tr(to_coach), Tr(to_requester));
    let about_times = |tr: Tr, id: &str| {
        tr.args(
            id,
            &[
                ("session", r.session_type_name.as_str().into()),
                ("first", first.as_str().into()),
                ("others", others.into()),
            ],
        )
    };
    let coach_link = format!("/admin/requests#request-{request_id}");
    let page = format!("/c/{}", person.slug);
    let mut notices: Vec<(i64, NotificationKind, String, String, String)> = Vec::new();
    let q = Queue {
        cx,
        coach_id,
        coach: &coach,
        now,
    };
    match change {
        RequestChange::Received => {
            notices.push((
                person.user_id,
                NotificationKind::SessionRequestReceived,
                tr_coach.t1("notices-request-title", "name", r.name.as_str()),
                about_times(tr_coach, "notices-request-body"),
                coach_link.clone(),
            ));
            if sends {
                let view = RequestView {
                    participant_name: one_line(&r.name),
                    participant_email: r.email.trim().to_owned(),
                    link: format!("{}{coach_link}", cx.mail.public_url()),
                    ..base(&coach_zone, &coach.name, to_coach)
                };
                let email = q.store(
                    tx,
                    RequestEmail::Received,
                    (&coach.name, &coach.email),
                    &view,
                );
                i18n::scope(to_coach, email).await?;
                let view = base(&requester_zone, &r.name, to_requester);
                let email = q.store(tx, RequestEmail::Acknowledged, (&r.name, &r.email), &view);
                i18n::scope(to_requester, email).await?;
            }
        }
        RequestChange::Declined => {
            if let Some(user_id) = r.user_id {
                let reason = r.decline_reason.trim();
                let session = r.session_type_name.as_str();
                let body = if reason.is_empty() {
                    tr_requester.t1("notices-request-declined-body", "session", session)
                } else {
                    tr_requester.t2(
                        "notices-request-declined-body-reason",
                        "session",
                        session,
                        "reason",
                        reason,
                    )
                };
                notices.push((
                    user_id,
                    NotificationKind::SessionRequestDeclined,
                    tr_requester.t1(
                        "notices-request-declined-title",
                        "coach",
                        coach.name.as_str(),
                    ),
                    body,
                    page.clone(),
                ));
            }
            if sends {
                let view = RequestView {
                    link: format!("{}{page}", cx.mail.public_url()),
                    ..base(&requester_zone, &r.name, to_requester)
                };
                let email = q.store(tx, RequestEmail::Declined, (&r.name, &r.email), &view);
                i18n::scope(to_requester, email).await?;
            }
        }
        RequestChange::Expired => {
            notices.push((
                person.user_id,
                NotificationKind::SessionRequestExpired,
                tr_coach.t1("notices-request-expired-title", "name", r.name.as_str()),
                about_times(tr_coach, "notices-request-expired-body"),
                coach_link.clone(),
            ));
            if let Some(user_id) = r.user_id {
                notices.push((
                    user_id,
                    NotificationKind::SessionRequestExpired,
                    tr_requester.t1(
                        "notices-my-request-expired-title",
                        "coach",
                        coach.name.as_str(),
                    ),
                    tr_requester.t1(
                        "notices-my-request-expired-body",
                        "session",
                        r.session_type_name.as_str(),
                    ),
                    page.clone(),
                ));
            }
            if sends {
                let view = RequestView {
                    link: format!("{}{page}", cx.mail.public_url()),
                    ..base(&requester_zone, &r.name, to_requester)
                };
                let email = q.store(tx, RequestEmail::Expired, (&r.name, &r.email), &view);
                i18n::scope(to_requester, email).await?;
            }
        }
        RequestChange::Withdrawn => {
            notices.push((
                person.user_id,
                NotificationKind::SessionRequestWithdrawn,
                tr_coach.t1("notices-request-withdrawn-title", "name", r.name.as_str()),
                about_times(tr_coach, "notices-request-withdrawn-body"),
                coach_link.clone(),
            ));
        }
    }
    let stamp = now.into();
    for (user_id, kind, title, body, link) in &notices {
        inapp_store::insert(
            &mut **tx,
            &NewNotification {
                user_id: *user_id,
                coach_id,
                kind: *kind,
                title,
                body,
                link,
                booking_id: r.booking_id,
                application_id: None,
            },
            stamp,
        )
        .await?;
    }
    Ok(())
}

/// What every email of one change shares.
struct Queue<'a> {
    cx: &'a Ctx,
    coach_id: i64,
    coach: &'a CoachContact,
    now: Timestamp,
}

impl Queue<'_> {
    /// Renders `kind`, stores the email and queues its job.
    async fn store(
        &self,
        tx: &mut Tx,
        kind: RequestEmail,
        (to_name, to_email): (&str, &str),
        view: &RequestView,
    ) -> AppResult<()> {
        if to_email.trim().is_empty() {
            return Ok(());
        }
        let (subject, text, html) = kind
            .render(view)
            .map_err(|e| anyhow::anyhow!("the {} email does not render: {e}", kind.as_str()))?;
        let token: u128 = rand::thread_rng().gen();
        let new = NewEmail {
            coach_id: self.coach_id,
            booking_id: None,
            application_id: None,
            kind: kind.as_str(),
            from_name: one_line(&self.coach.name),
            reply_to_name: one_line(&self.coach.name),
            reply_to_email: self.coach.email.trim().to_owned(),
            to_name: one_line(to_name),
            to_email: to_email.trim().to_owned(),
            subject,
            text_body: text,
            html_body: html,
            ics: None,
            list_unsubscribe: None,
            message_id: format!("<{token:032x}@{}>", self.cx.mail.host()),
        };
        let id = emails_store::insert(&mut **tx, &new, self.now.into()).await?;
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
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_request_email_renders_with_the_times_and_the_reason() {
        let v = RequestView {
            to_name: "Noor Haddad".into(),
            coach_name: "Ana Ruiz".into(),
            session: "Coaching".into(),
            times: vec![
                "Mon 7 Dec 2026, 16:00–17:00".into(),
                "Tue 8 Dec 2026, 09:00–10:00".into(),
            ],
            zone: "Europe/London".into(),
            message: "Evenings suit me best.".into(),
            reason: "I am away that week.".into(),
            expires: "Thu 3 Dec 2026, 09:00".into(),
            participant_name: "Noor Haddad".into(),
            participant_email: "noor@example.com".into(),
            link: "https://book.example.com/admin/requests#request-1".into(),
            unsubscribe_url: String::new(),
        };
        for kind in [
            RequestEmail::Received,
            RequestEmail::Acknowledged,
            RequestEmail::Declined,
            RequestEmail::Expired,
        ] {
            let (subject, text, html) = kind.render(&v).unwrap();
            assert!(!subject.is_empty() && !subject.contains('\n'), "{kind:?}");
            assert!(
                text.contains("Mon 7 Dec 2026, 16:00–17:00"),
                "{kind:?}: {text}"
            );
            assert!(html.contains("Tue 8 Dec 2026, 09:00–10:00"), "{kind:?}");
        }
        let (_, text, _) = RequestEmail::Declined.render(&v).unwrap();
        assert!(text.contains("I am away that week."), "{text}");
        let (_, text, _) = RequestEmail::Received.render(&v).unwrap();
        assert!(text.contains("noor@example.com") && text.contains("Evenings suit me best."));
    }
}
