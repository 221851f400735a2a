//! How refusals and notices read to people, in the zone they read times in. The use cases hand
//! over structured values (a collision and its interval, a skipped wall-clock time); the wording
//! is decided here, once, for the API and the pages alike.

use coachbook_core::availability::{Conflict, HoursReason};
use coachbook_core::booking::{BookingStatus, TransitionError};
use coachbook_core::time::{Fold, WallNote, Zone};
use jiff::Timestamp;

use crate::app::applications::MergeRefusal;
use crate::app::bookings::Notice;
use crate::app::clients::AlreadyEnrolled;
use crate::app::Refusal;

fn status_words(s: BookingStatus) -> String {
    s.as_str().replace('_', "-")
}

/// "Mon 8 Mar 2027, 11:30" in `zone`.
fn short(t: Timestamp, zone: &Zone) -> String {
    super::dates::day_time(t, zone)
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

/// Why a time is outside the coach's hours, as the API's `reason` says it.
pub fn hours_reason_code(reason: HoursReason) -> &'static str {
    match reason {
        HoursReason::InThePast => "in_the_past",
        HoursReason::TooFarAhead => "too_far_ahead",
        HoursReason::OutsideHours => "outside_hours",
    }
}

/// The refusal for a script: names the JSON property that books anyway.
pub fn outside_hours(reason: HoursReason) -> String {
    let why = match reason {
        HoursReason::InThePast => "That time is in the past.",
        HoursReason::TooFarAhead => "That time is beyond your booking horizon.",
        HoursReason::OutsideHours => "That time is outside your weekly hours and date overrides.",
    };
    format!("{why} Send \"overrideAvailability\": true to book it anyway, or choose another time.")
}

/// The label of the page's checkbox that books anyway, for this reason.
pub fn override_label(reason: HoursReason) -> &'static str {
    match reason {
        HoursReason::InThePast => "Record this past session anyway",
        HoursReason::TooFarAhead => "Book beyond my booking horizon anyway",
        HoursReason::OutsideHours => "Book outside my hours anyway",
    }
}

/// The refusal for a person on a page, pointing at the checkbox beside it.
pub fn outside_hours_on_page(reason: HoursReason) -> String {
    let why = match reason {
        HoursReason::InThePast => "That time is in the past.",
        HoursReason::TooFarAhead => "That time is beyond your booking horizon.",
        HoursReason::OutsideHours => "That time is outside your weekly hours.",
    };
    format!(
        "{why} Tick \u{201c}{}\u{201d} to book it, or choose another time.",
        override_label(reason)
    )
}

/// A refusal worded for a page (the same as for the API, except where the API names a field).
pub fn refusal_on_page(r: &Refusal) -> String {
    match r {
        Refusal::OutsideHours(reason) => outside_hours_on_page(*reason),
        Refusal::AlreadyEnrolled(a) => already_enrolled_question(a),
        other => refusal(other),
    }
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
        Refusal::Merge(m) => match m {
            MergeRefusal::NothingEarlier => "This is the earliest application from this email; \
                merge the later ones into it."
                .into(),
            MergeRefusal::Promoted => "A promoted application is final and cannot be merged; \
                decline the other one if it is not needed."
                .into(),
            MergeRefusal::TwoDiscoveryCalls => "Both applications have a discovery call booked; \
                cancel one of the calls, then merge."
                .into(),
        },
        Refusal::Session(s) => s.to_string(),
        Refusal::AlreadyEnrolled(a) => format!(
            "{} already has an active enrolment in {} ({}). Send \"allowDuplicate\": true to \
             enrol them again.",
            a.client_name,
            a.package_name,
            enrolment_left(a, |d| d.to_string())
        ),
    }
}

/// "3 of 6 credits left, valid until …", dates written by `date`.
fn enrolment_left(a: &AlreadyEnrolled, date: impl Fn(jiff::civil::Date) -> String) -> String {
    let credits = if a.sessions_total == 1 {
        "credit"
    } else {
        "credits"
    };
    let until = match a.valid_until {
        Some(d) => format!("valid until {}", date(d)),
        None => "no expiry".to_owned(),
    };
    format!(
        "{} of {} {credits} left, {until}",
        a.credits_remaining, a.sessions_total
    )
}

/// The question the enrolment form asks before enrolling a client in a package again.
pub fn already_enrolled_question(a: &AlreadyEnrolled) -> String {
    format!(
        "{} already has this package ({}). Enrol again anyway?",
        a.client_name,
        enrolment_left(a, super::dates::date)
    )
}

/// The machine-readable code of a refusal in the API's error body.
pub fn refusal_code(r: &Refusal) -> &'static str {
    match r {
        Refusal::OutsideHours(_) => "outside_availability",
        Refusal::AlreadyEnrolled(_) => "already_enrolled",
        Refusal::Session(s) => s.code(),
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
