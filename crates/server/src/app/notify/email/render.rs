//! The words of each kind of email: `templates/emails/<kind>/{subject.txt,body.txt,body.html}`,
//! filled from one [`View`] written for its recipient (times in their zone, the zone named).

/// The kinds of email, each a folder under `templates/emails/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    BookingCreated,
    BookingConfirmed,
    BookingCancelled,
    /// To the coach, when the participant cancelled.
    BookingCancelledCoach,
    BookingRescheduled,
    DiscoveryCall,
    /// To the coach.
    ApplicationReceived,
    /// To the applicant.
    ApplicationAcknowledged,
    /// Before a session; carries `List-Unsubscribe`.
    Reminder,
    /// To a client: connect an account to the client record (`link`, valid until `when`).
    ClientInvitation,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BookingCreated => "booking_created",
            Self::BookingConfirmed => "booking_confirmed",
            Self::BookingCancelled => "booking_cancelled",
            Self::BookingCancelledCoach => "booking_cancelled_coach",
            Self::BookingRescheduled => "booking_rescheduled",
            Self::DiscoveryCall => "discovery_call",
            Self::ApplicationReceived => "application_received",
            Self::ApplicationAcknowledged => "application_acknowledged",
            Self::Reminder => "reminder",
            Self::ClientInvitation => "client_invitation",
        }
    }
}

/// What the templates say, already written for the recipient.
#[derive(Debug, Clone, Default)]
pub struct View {
    pub to_name: String,
    pub coach_name: String,
    /// The session type's name.
    pub session: String,
    /// "Mon 7 Dec 2026, 16:00–17:00" in the recipient's zone.
    pub when: String,
    /// "Mon 7 Dec 2026, 16:00" in the recipient's zone (subject lines).
    pub starts: String,
    /// The recipient's zone, named: "Europe/London".
    pub zone: String,
    /// Who the session is with, for the recipient.
    pub with: String,
    pub meeting_url: String,
    /// Whether `meeting_url` is a web link (else it is shown as text, e.g. an address).
    pub meeting_link: bool,
    pub pending: bool,
    pub cancelled: bool,
    pub by_client: bool,
    pub reason: String,
    /// The other person, in emails to the coach.
    pub participant_name: String,
    pub participant_email: String,
    pub goals: String,
    /// Where the coach acts on it.
    pub link: String,
    /// Reminders: where to stop them (also the `List-Unsubscribe` header).
    pub unsubscribe_url: String,
    /// The participant's manage page (`/b/{token}`), for a booking made on the coach's page.
    pub manage_url: String,
}

/// One email's subject and parts.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

macro_rules! email_kind {
    ($module:ident, $subject:tt, $text:tt, $html:tt) => {
        mod $module {
            use askama::Template;

            #[derive(Template)]
            #[template(path = $subject, escape = "none")]
            struct Subject<'a> {
                v: &'a super::View,
                tr: crate::app::i18n::Tr,
            }

            #[derive(Template)]
            #[template(path = $text, escape = "none")]
            struct Text<'a> {
                v: &'a super::View,
                tr: crate::app::i18n::Tr,
            }

            #[derive(Template)]
            #[template(path = $html)]
            struct Html<'a> {
                v: &'a super::View,
                subject: &'a str,
                tr: crate::app::i18n::Tr,
            }

            /// Renders in the task's language ([`crate::app::i18n::current`]).
            pub fn render(v: &super::View) -> askama::Result<super::Rendered> {
                let tr = crate::app::i18n::Tr::current();
                let subject = super::one_line(&Subject { v, tr }.render()?);
                let html = Html {
                    v,
                    subject: &subject,
                    tr,
                }
                .render()?;
                Ok(super::Rendered {
                    text: Text { v, tr }.render()?,
                    html,
                    subject,
                })
            }
        }
    };
}

email_kind!(
    booking_created,
    "emails/booking_created/subject.txt",
    "emails/booking_created/body.txt",
    "emails/booking_created/body.html"
);
email_kind!(
    booking_confirmed,
    "emails/booking_confirmed/subject.txt",
    "emails/booking_confirmed/body.txt",
    "emails/booking_confirmed/body.html"
);
email_kind!(
    booking_cancelled,
    "emails/booking_cancelled/subject.txt",
    "emails/booking_cancelled/body.txt",
    "emails/booking_cancelled/body.html"
);
email_kind!(
    booking_cancelled_coach,
    "emails/booking_cancelled_coach/subject.txt",
    "emails/booking_cancelled_coach/body.txt",
    "emails/booking_cancelled_coach/body.html"
);
email_kind!(
    booking_rescheduled,
    "emails/booking_rescheduled/subject.txt",
    "emails/booking_rescheduled/body.txt",
    "emails/booking_rescheduled/body.html"
);
email_kind!(
    discovery_call,
    "emails/discovery_call/subject.txt",
    "emails/discovery_call/body.txt",
    "emails/discovery_call/body.html"
);
email_kind!(
    application_received,
    "emails/application_received/subject.txt",
    "emails/application_received/body.txt",
    "emails/application_received/body.html"
);
email_kind!(
    application_acknowledged,
    "emails/application_acknowledged/subject.txt",
    "emails/application_acknowledged/body.txt",
    "emails/application_acknowledged/body.html"
);
email_kind!(
    reminder,
    "emails/reminder/subject.txt",
    "emails/reminder/body.txt",
    "emails/reminder/body.html"
);

email_kind!(
    client_invitation,
    "emails/client_invitation/subject.txt",
    "emails/client_invitation/body.txt",
    "emails/client_invitation/body.html"
);

/// A header's text on one line: control characters (a `\r\n` typed into a name) become spaces,
/// so no text of a person's can start a header of its own.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Renders `kind` for `v`.
pub fn render(kind: Kind, v: &View) -> askama::Result<Rendered> {
    match kind {
        Kind::BookingCreated => booking_created::render(v),
        Kind::BookingConfirmed => booking_confirmed::render(v),
        Kind::BookingCancelled => booking_cancelled::render(v),
        Kind::BookingCancelledCoach => booking_cancelled_coach::render(v),
        Kind::BookingRescheduled => booking_rescheduled::render(v),
        Kind::DiscoveryCall => discovery_call::render(v),
        Kind::ApplicationReceived => application_received::render(v),
        Kind::ApplicationAcknowledged => application_acknowledged::render(v),
        Kind::Reminder => reminder::render(v),
        Kind::ClientInvitation => client_invitation::render(v),
    }
}
