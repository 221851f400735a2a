//! Who hears of a waitlist offer: the person offered a seat, by email (with the claim link: the
//! only place the token ever goes) and in-app when they have an account. Written in the change's
//! transaction, in the person's zone (`templates/emails/waitlist_offer/`). The words name only
//! the person, their coach and the session; never another waiter or participant.

use askama::Template;
use coachbook_core::time::Zone;
use jiff::Timestamp;
use rand::Rng;

use super::super::jobs::{self, kinds};
use super::super::{dates, AppResult, Ctx};
use super::email::{render::one_line, SendArgs};
use crate::store::emails::{self as emails_store, NewEmail};
use crate::store::notifications::{self as inapp_store, NewNotification, NotificationKind};
use crate::store::Tx;

/// What the offer email says, written for its reader.
#[derive(Debug, Clone, Default)]
pub struct OfferView {
    pub to_name: String,
    pub coach_name: String,
    pub session: String,
    /// "Mon 7 Dec 2026, 16:00–17:00" in the reader's zone.
    pub when: String,
    pub zone: String,
    /// Until when the seat is held, in the reader's zone.
    pub expires: String,
    /// The claim page, with its token.
    pub link: String,
    /// Always empty (the shared layout offers it for reminders only).
    pub unsubscribe_url: String,
}

mod offer {
    use askama::Template;

    #[derive(Template)]
    #[template(path = "emails/waitlist_offer/subject.txt", escape = "none")]
    pub struct Subject<'a> {
        pub v: &'a super::OfferView,
        pub tr: crate::app::i18n::Tr,
    }

    #[derive(Template)]
    #[template(path = "emails/waitlist_offer/body.txt", escape = "none")]
    pub struct Text<'a> {
        pub v: &'a super::OfferView,
        pub tr: crate::app::i18n::Tr,
    }

    #[derive(Template)]
    #[template(path = "emails/waitlist_offer/body.html")]
    pub struct Html<'a> {
        pub v: &'a super::OfferView,
        pub subject: &'a str,
        pub tr: crate::app::i18n::Tr,
    }
}

/// The outbox's name for the offer email.
pub const OFFER_KIND: &str = "waitlist_offer";

/// Subject, text and HTML of the offer email.
pub fn render(v: &OfferView) -> askama::Result<(String, String, String)> {
    let tr = crate::app::i18n::Tr::current();
    let subject = one_line(&offer::Subject { v, tr }.render()?);
    let html = offer::Html {
        v,
        subject: &subject,
        tr,
    }
    .render()?;
    let text = offer::Text { v, tr }.render()?;
    Ok((subject, text, html))
}

/// One offer, as the use case made it.
pub struct Offer<'a> {
    pub coach_id: i64,
    pub user_id: Option<i64>,
    pub name: &'a str,
    pub email: &'a str,
    pub zone: &'a Zone,
    pub session_type: &'a str,
    pub start: Timestamp,
    pub end: Timestamp,
    pub expires: Timestamp,
    /// The claim page's path (with the token).
    pub claim_path: &'a str,
}

/// Queues the offer email and records the in-app notice, in `tx`.
pub async fn offered(tx: &mut Tx, cx: &Ctx, o: &Offer<'_>, now: Timestamp) -> AppResult<()> {
    // In the reader's language: their choice, else the practice's.
    let (chosen, practice) =
        crate::store::users::recipient_locale(&mut **tx, o.user_id, o.coach_id).await?;
    let locale = chosen.or(practice).unwrap_or_default();
    crate::app::i18n::scope(locale, offered_in(tx, cx, o, now)).await
}

async fn offered_in(tx: &mut Tx, cx: &Ctx, o: &Offer<'_>, now: Timestamp) -> AppResult<()> {
    let coach = emails_store::coach_contact(&mut **tx, o.coach_id).await?;
    let when = format!(
        "{}, {}",
        dates::day(o.start, o.zone),
        dates::time_range(o.start, o.end, o.zone)
    );
    let expires = dates::day_time(o.expires, o.zone);
    if let Some(user_id) = o.user_id {
        // (In the reader's language: `offered` runs this in their scope.)
        let tr = crate::app::i18n::Tr::current();
        let title = tr.t1("notices-seat-title", "session", o.session_type);
        let body = tr.args(
            "notices-seat-body",
            &[
                ("when", when.as_str().into()),
                ("coach", coach.name.as_str().into()),
                ("expires", expires.as_str().into()),
            ],
        );
        inapp_store::insert(
            &mut **tx,
            &NewNotification {
                user_id,
                coach_id: o.coach_id,
                kind: NotificationKind::WaitlistOffer,
                title: &title,
                body: &body,
                link: o.claim_path,
                booking_id: None,
                application_id: None,
            },
            now.into(),
        )
        .await?;
    }
    if o.email.trim().is_empty() {
        return Ok(());
    }
    let view = OfferView {
        to_name: one_line(o.name),
        coach_name: one_line(&coach.name),
        session: o.session_type.to_owned(),
        when,
        zone: o.zone.name().to_owned(),
        expires,
        link: format!("{}{}", cx.mail.public_url(), o.claim_path),
        unsubscribe_url: String::new(),
    };
    let (subject, text, html) = render(&view)
        .map_err(|e| anyhow::anyhow!("the waitlist offer email does not render: {e}"))?;
    let token: u128 = rand::thread_rng().gen();
    let new = NewEmail {
        coach_id: o.coach_id,
        booking_id: None,
        application_id: None,
        kind: OFFER_KIND,
        from_name: one_line(&coach.name),
        reply_to_name: one_line(&coach.name),
        reply_to_email: coach.email.trim().to_owned(),
        to_name: one_line(o.name),
        to_email: o.email.trim().to_owned(),
        subject,
        text_body: text,
        html_body: html,
        ics: None,
        list_unsubscribe: None,
        message_id: format!("<{token:032x}@{}>", cx.mail.host()),
    };
    let id = emails_store::insert(&mut **tx, &new, now.into()).await?;
    jobs::enqueue(
        &mut **tx,
        kinds::EMAIL_SEND,
        &SendArgs { email_id: id },
        Some(o.coach_id),
        now,
        Some(format!("email:{id}")),
        now,
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offer_email_renders_the_session_the_deadline_and_the_link() {
        let v = OfferView {
            to_name: "Noor Haddad".into(),
            coach_name: "Ana Ruiz".into(),
            session: "Group class".into(),
            when: "Mon 7 Dec 2026, 16:00–17:00".into(),
            zone: "Europe/London".into(),
            expires: "Sun 6 Dec 2026, 21:00".into(),
            link: "https://book.example.com/waitlist/claim/abc".into(),
            unsubscribe_url: String::new(),
        };
        let (subject, text, html) = render(&v).unwrap();
        assert!(!subject.is_empty() && !subject.contains('\n'), "{subject}");
        for part in [&text, &html] {
            assert!(part.contains("Mon 7 Dec 2026, 16:00–17:00"), "{part}");
            assert!(part.contains("Sun 6 Dec 2026, 21:00"), "{part}");
            assert!(
                part.contains("https://book.example.com/waitlist/claim/abc"),
                "{part}"
            );
        }
    }
}
