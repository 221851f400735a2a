//! Calendar invitations (RFC 5545 with the RFC 5546 methods), built with the `icalendar` crate:
//! one VEVENT per booking, its UID stable for the booking's life and its SEQUENCE raised by every
//! change, so a calendar app updates (or removes) the event it already holds.

use icalendar::{Attendee, Calendar, Component, EventLike, EventStatus, PartStat, Property, Role};
use jiff::Timestamp;

/// REQUEST (a new or changed event) or CANCEL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Request,
    Cancel,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Request => "REQUEST",
            Self::Cancel => "CANCEL",
        }
    }
}

/// What an invitation says.
#[derive(Debug, Clone)]
pub struct InviteData<'a> {
    pub method: Method,
    pub uid: String,
    pub sequence: i64,
    /// When the invitation was made (DTSTAMP): the use case's `now`.
    pub stamp: Timestamp,
    pub start: Timestamp,
    pub end: Timestamp,
    pub summary: &'a str,
    pub description: &'a str,
    pub meeting_url: &'a str,
    /// A pending booking is TENTATIVE until the coach confirms it.
    pub tentative: bool,
    /// For an occurrence of a series: its start in the series.
    pub recurrence_id: Option<Timestamp>,
    pub organizer_name: &'a str,
    pub organizer_email: &'a str,
    pub attendee_name: &'a str,
    pub attendee_email: &'a str,
}

/// The UID of a booking's event: the same for every invitation about it.
pub fn uid(booking_id: i64, host: &str) -> String {
    format!("booking-{booking_id}@{host}")
}

/// A booking's calendar identity: its UID, and for a booking in a recurring series the start
/// of its occurrence in the series (RECURRENCE-ID). Every booking of one address in one series
/// is an instance of one recurring event (`series-{id}-{address digest}`), so a calendar app
/// keeps them together and a moved occurrence replaces its own instance; any other booking is
/// its own event.
pub fn identity(
    booking_id: i64,
    email: &str,
    series: Option<(i64, Timestamp)>,
    host: &str,
) -> (String, Option<Timestamp>) {
    use sha2::{Digest, Sha256};
    match series {
        Some((series_id, at)) => {
            let digest = Sha256::digest(email.trim().to_ascii_lowercase().as_bytes());
            let key: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
            (format!("series-{series_id}-{key}@{host}"), Some(at))
        }
        None => (uid(booking_id, host), None),
    }
}

/// Text of a property or parameter with no control characters (a line break in a name must not
/// start a new content line).
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// A parameter value may not hold a double quote at all (RFC 5545 §3.1).
fn param(s: &str) -> String {
    clean(s).replace('"', "'")
}

/// jiff's timestamps (years -9999..=9999) all lie inside chrono's range, so the conversion
/// cannot fail; the default is never reached.
fn utc(t: Timestamp) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(t.as_second(), 0).unwrap_or_default()
}

/// The invitation as an iCalendar object.
pub fn build(d: &InviteData<'_>) -> String {
    let mut event = icalendar::Event::new();
    event
        .uid(&clean(&d.uid))
        .sequence(u32::try_from(d.sequence.max(0)).unwrap_or(u32::MAX))
        .timestamp(utc(d.stamp))
        .starts(utc(d.start))
        .ends(utc(d.end))
        .summary(&clean(d.summary))
        .status(match (d.method, d.tentative) {
            (Method::Cancel, _) => EventStatus::Cancelled,
            (Method::Request, true) => EventStatus::Tentative,
            (Method::Request, false) => EventStatus::Confirmed,
        });
    if !d.description.trim().is_empty() {
        event.description(d.description.trim());
    }
    if let Some(id) = d.recurrence_id {
        event.append_property(Property::new(
            "RECURRENCE-ID",
            utc(id).format("%Y%m%dT%H%M%SZ").to_string(),
        ));
    }
    let link = clean(d.meeting_url);
    if !link.is_empty() {
        event.location(&link);
        // URL is a URI value: only a link that parses as one.
        if url::Url::parse(&link).is_ok_and(|u| matches!(u.scheme(), "http" | "https")) {
            event.url(&link);
        }
    }
    let mut organizer = Property::new("ORGANIZER", format!("mailto:{}", clean(d.organizer_email)));
    organizer.add_parameter("CN", &param(d.organizer_name));
    event.append_property(organizer);
    event.attendee(
        Attendee::new(format!("mailto:{}", clean(d.attendee_email)))
            .cn(param(d.attendee_name))
            .role(Role::ReqParticipant)
            .partstat(PartStat::NeedsAction)
            .rsvp(d.method == Method::Request),
    );
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("PRODID", "-//Coachbook//Coachbook//EN"));
    cal.append_property(Property::new("VERSION", "2.0"));
    cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
    cal.append_property(Property::new("METHOD", d.method.as_str()));
    cal.push(event.done());
    cal.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(method: Method, sequence: i64) -> InviteData<'static> {
        InviteData {
            method,
            uid: uid(7, "book.example.com"),
            sequence,
            stamp: "2026-11-02T09:00:00Z".parse().unwrap(),
            start: "2026-12-07T16:00:00Z".parse().unwrap(),
            end: "2026-12-07T17:00:00Z".parse().unwrap(),
            summary: "Coaching with Ana Ruiz",
            description: "Join: https://meet.example.com/abc",
            meeting_url: "https://meet.example.com/abc",
            tentative: false,
            recurrence_id: None,
            organizer_name: "Ana Ruiz",
            organizer_email: "ana@example.com",
            attendee_name: "Noor\r\nX-EVIL:1",
            attendee_email: "noor@example.com",
        }
    }

    #[test]
    fn an_invitation_names_the_booking_its_sequence_and_method() {
        let ics = build(&data(Method::Request, 2));
        for line in [
            "METHOD:REQUEST",
            "UID:booking-7@book.example.com",
            "SEQUENCE:2",
            "DTSTART:20261207T160000Z",
            "DTEND:20261207T170000Z",
            "DTSTAMP:20261102T090000Z",
            "STATUS:CONFIRMED",
            "LOCATION:https://meet.example.com/abc",
            "ORGANIZER;CN=Ana Ruiz:mailto:ana@example.com",
        ] {
            assert!(ics.contains(line), "{line} in\n{ics}");
        }
        assert!(
            !ics.contains("\nX-EVIL"),
            "a line break in a name starts no property:\n{ics}"
        );
        let cancel = build(&data(Method::Cancel, 3));
        assert!(cancel.contains("METHOD:CANCEL") && cancel.contains("STATUS:CANCELLED"));
    }
}
