//! How refusals and notices read to people, in the zone they read times in. The use cases hand
//! over structured values (a collision and its interval, a skipped wall-clock time); the wording
//! is decided here, once, for the API and the pages alike.

use coachbook_core::availability::{Conflict, HoursReason};
use coachbook_core::booking::{BookingStatus, TransitionError};
use coachbook_core::time::{Fold, WallNote, Zone};
use jiff::Timestamp;

use crate::app::bookings::Notice;
use crate::app::Refusal;

fn status_words(s: BookingStatus) -> String {
    s.as_str().replace('_', "-")
}

/// "Mon 08 Mar 11:30" in `zone`.
fn short(t: Timestamp, zone: &Zone) -> String {
    t.to_zoned(zone.tz().clone())
        .strftime("%a %d %b %H:%M")
        .to_string()
}

/// What a time collides with, and when, without naming anyone.
pub fn collision(with: &Conflict, zone: &Zone) -> String {
    let i = with.interval();
    let what = match with {
        Conflict::Session { .. } => "another session",
        Conflict::Block { .. } => "time off",
        Conflict::Busy { .. } => "busy time from another calendar",
    };
    let (start, end) = (
        i.start.to_zoned(zone.tz().clone()),
        i.end.to_zoned(zone.tz().clone()),
    );
    let until = if start.date() == end.date() {
        end.strftime("%H:%M").to_string()
    } else {
        short(i.end, zone)
    };
    format!(
        "That time collides with {what} ({}–{until}, {zone}). Choose another time.",
        short(i.start, zone)
    )
}

pub fn outside_hours(reason: HoursReason) -> String {
    let why = match reason {
        HoursReason::InThePast => "That time has already passed.",
        HoursReason::TooFarAhead => "That time is too far ahead.",
        HoursReason::OutsideHours => "That time is outside your weekly hours and date overrides.",
    };
    format!(
        "{why} Book it anyway with \"Override availability\" (overrideAvailability: true), \
         or choose a time in your hours."
    )
}

fn transition(e: TransitionError) -> String {
    match e {
        TransitionError::Already(s) => format!("The booking is already {}.", status_words(s)),
        TransitionError::NotStarted => {
            "The session has not started yet, so it cannot be marked completed or no-show.".into()
        }
        TransitionError::AlreadyStarted => {
            "The session has already started; mark it completed or no-show instead.".into()
        }
        TransitionError::NotAllowed { from, .. } => format!(
            "A {} booking cannot be changed that way.",
            status_words(from)
        ),
    }
}

/// A refusal as a sentence that says what to do instead.
pub fn refusal(r: &Refusal) -> String {
    match r {
        Refusal::Collision { with, zone } => collision(with, zone),
        Refusal::Overlap => "That time collides with another session. Choose another time.".into(),
        Refusal::OutsideHours(reason) => outside_hours(*reason),
        Refusal::Transition(e) => transition(*e),
        Refusal::Waive(e) => e.to_string(),
        Refusal::DiscoveryCallBooked => "This application already has a discovery call booked; \
            move that booking instead of adding another."
            .into(),
        Refusal::Application(e) => e.to_string(),
        Refusal::NotMovable(status) => format!(
            "A {} booking cannot be moved; only pending and confirmed ones can.",
            status_words(*status)
        ),
        Refusal::SetupDone => "Setup is already done; sign in instead.".into(),
        Refusal::Raced(what) => {
            format!("Another request changed this {what} at the same moment; try again.")
        }
    }
}

/// The machine-readable code of a refusal in the API's error body.
pub fn refusal_code(r: &Refusal) -> &'static str {
    match r {
        Refusal::OutsideHours(_) => "outside_availability",
        _ => "conflict",
    }
}

/// How a typed time was read, e.g. "02:30 does not exist on Sun 14 Mar 2027 (the clocks go
/// forward): the session starts at 03:00."
pub fn notice(n: &Notice) -> String {
    match n.note {
        WallNote::Skipped { asked, became } => format!(
            "{} does not exist on {} (the clocks go forward): it is read as {}.",
            asked.strftime("%H:%M"),
            asked.date().strftime("%a %-d %b %Y"),
            became.strftime("%H:%M"),
        ),
        WallNote::Repeated {
            asked,
            chosen,
            offset,
            other,
        } => {
            let (which, then) = match chosen {
                Fold::Earlier => ("the first", "later"),
                Fold::Later => ("the second", "earlier"),
            };
            format!(
                "{time} happens twice on {day} (the clocks go back): this is {which} one, at UTC{offset}. \
                 Choose \"{then}\" for the one at UTC{other}.",
                time = asked.strftime("%H:%M"),
                day = asked.date().strftime("%a %-d %b %Y"),
            )
        }
    }
}

/// How long to wait, in the largest whole unit that reads naturally ("45 seconds", "6 minutes").
pub fn wait(secs: u64) -> String {
    match secs {
        0..=1 => "a second".into(),
        2..=90 => format!("{secs} seconds"),
        _ => {
            let minutes = secs.div_ceil(60);
            format!("{minutes} minutes")
        }
    }
}
