//! A stored email as a MIME message: `From` our address under the coach's name, `Reply-To` the
//! coach, our own `Message-ID`; a text and an HTML part, and with an invitation a
//! `text/calendar; method=…` part beside them plus the same `.ics` attached:
//! multipart/mixed [ multipart/alternative [ text, html, calendar ], invite.ics ].
//! Headers are written by lettre's builder, which encodes names and subjects, so a line break
//! typed into one can add neither a header nor a recipient.

use std::time::SystemTime;

use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{Address, Message};

use super::render::one_line;
use crate::store::emails::EmailRow;

/// `List-Unsubscribe` (RFC 2369), on reminders.
#[derive(Debug, Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), format!("<{}>", one_line(&self.0)))
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): the link works with one POST.
#[derive(Debug, Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".into())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MessageError {
    #[error("the address {0:?} is not an email address")]
    Address(String),
    #[error(transparent)]
    Build(#[from] lettre::error::Error),
    #[error("content type: {0}")]
    ContentType(String),
}

fn mailbox(name: &str, email: &str) -> Result<Mailbox, MessageError> {
    let address: Address = email
        .trim()
        .parse()
        .map_err(|_| MessageError::Address(email.to_owned()))?;
    let name = one_line(name);
    Ok(Mailbox::new((!name.is_empty()).then_some(name), address))
}

/// Builds the message of `email`, sent from `from` at `now`.
pub fn build(
    email: &EmailRow,
    from: &Address,
    now: jiff::Timestamp,
) -> Result<Message, MessageError> {
    let mut builder = Message::builder()
        .from(Mailbox::new(
            Some(one_line(&email.from_name)).filter(|n| !n.is_empty()),
            from.clone(),
        ))
        .reply_to(mailbox(&email.reply_to_name, &email.reply_to_email)?)
        .to(mailbox(&email.to_name, &email.to_email)?)
        .subject(one_line(&email.subject))
        .message_id(Some(one_line(&email.message_id)))
        .date(SystemTime::from(now));
    if let Some(u) = email.list_unsubscribe.as_deref() {
        builder = builder.header(ListUnsubscribe(u.to_owned()));
        if u.starts_with("https://") || u.starts_with("http://") {
            builder = builder.header(ListUnsubscribePost);
        }
    }
    let text = SinglePart::plain(email.text_body.clone());
    let html = SinglePart::html(email.html_body.clone());
    let body = match (&email.ics, &email.ics_method) {
        (Some(ics), Some(method)) => {
            let method = one_line(method).to_ascii_uppercase();
            let calendar =
                ContentType::parse(&format!("text/calendar; charset=utf-8; method={method}"))
                    .map_err(|e| MessageError::ContentType(e.to_string()))?;
            let file = ContentType::parse("application/ics; name=\"invite.ics\"")
                .map_err(|e| MessageError::ContentType(e.to_string()))?;
            MultiPart::mixed()
                .multipart(
                    MultiPart::alternative()
                        .singlepart(text)
                        .singlepart(html)
                        .singlepart(
                            SinglePart::builder()
                                .content_type(calendar)
                                .body(ics.clone()),
                        ),
                )
                .singlepart(Attachment::new("invite.ics".into()).body(ics.clone(), file))
        }
        _ => MultiPart::alternative().singlepart(text).singlepart(html),
    };
    Ok(builder.multipart(body)?)
}
