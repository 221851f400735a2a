//! How refusals and notices read to people, in the zone they read times in. The use cases hand
//! over structured values (a collision and its interval, a skipped wall-clock time); the wording
//! is decided here, once, for the API and the pages alike.

use coachbook_core::application::StatusChangeError;
use coachbook_core::availability::{Conflict, HoursReason};
use coachbook_core::booking::TransitionError;
use coachbook_core::credit::WaiveError;
use coachbook_core::time::{Fold, WallNote, Zone};
use jiff::Timestamp;

use crate::app::applications::MergeRefusal;
use crate::app::bookings::Notice;
use crate::app::clients::AlreadyEnrolled;
use crate::app::i18n::{msg, Arg, Tr};
use crate::app::sessions::SessionRefusal;
use crate::app::Refusal;

/// "Mon 8 Mar 2027, 11:30" in `zone`.
fn short(t: Timestamp, zone: &Zone) -> String {
    super::dates::day_time(t, zone)
}

/// What a time collides with, and when, without naming anyone.
pub fn collision(with: &Conflict, zone: &Zone) -> String {
    let i = with.interval();
    let id = match with {
        Conflict::Session { .. } => msg("refuse-collision-session"),
        Conflict::Block { .. } => msg("refuse-collision-time-off"),
        Conflict::Busy { .. } => msg("refuse-collision-busy"),
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
    Tr::current().t3(
        id,
        "start",
        short(i.start, zone),
        "until",
        until,
        "zone",
        zone.to_string(),
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
    Tr::current().t(match reason {
        HoursReason::InThePast => msg("refuse-past-api"),
        HoursReason::TooFarAhead => msg("refuse-horizon-api"),
        HoursReason::OutsideHours => msg("refuse-hours-api"),
    })
}

/// The label of the page's checkbox that books anyway, for this reason.
pub fn override_label(reason: HoursReason) -> String {
    Tr::current().t(match reason {
        HoursReason::InThePast => msg("booking-form-override-past"),
        HoursReason::TooFarAhead => msg("booking-form-override-horizon"),
        HoursReason::OutsideHours => msg("booking-form-override-hours"),
    })
}

/// The refusal for a person on a page, pointing at the checkbox beside it.
pub fn outside_hours_on_page(reason: HoursReason) -> String {
    let id = match reason {
        HoursReason::InThePast => msg("refuse-past-page"),
        HoursReason::TooFarAhead => msg("refuse-horizon-page"),
        HoursReason::OutsideHours => msg("refuse-hours-page"),
    };
    Tr::current().t1(id, "label", override_label(reason))
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
    let tr = Tr::current();
    match e {
        TransitionError::Already(s) => tr.t1("refuse-already", "status", s.as_str()),
        TransitionError::NotStarted => tr.t("refuse-not-started"),
        TransitionError::AlreadyStarted => tr.t("refuse-already-started"),
        TransitionError::NotAllowed { from, .. } => {
            tr.t1("refuse-not-allowed", "status", from.as_str())
        }
    }
}

/// A refusal as a sentence that says what to do instead.
pub fn refusal(r: &Refusal) -> String {
    let tr = Tr::current();
    match r {
        Refusal::Collision { with, zone } => collision(with, zone),
        Refusal::Overlap => tr.t("refuse-overlap"),
        Refusal::OutsideHours(reason) => outside_hours(*reason),
        Refusal::Transition(e) => transition(*e),
        Refusal::Waive(e) => tr.t(match e {
            WaiveError::NoCredit => msg("refuse-waive-no-credit"),
            WaiveError::Held => msg("refuse-waive-held"),
            WaiveError::Released => msg("refuse-waive-released"),
            WaiveError::AlreadyWaived => msg("refuse-waive-already"),
        }),
        Refusal::DiscoveryCallBooked => tr.t("refuse-discovery-call-booked"),
        Refusal::Application(e) => tr.t(match e {
            StatusChangeError::Final => msg("refuse-application-final"),
            StatusChangeError::PromoteInstead => msg("refuse-application-promote-instead"),
            StatusChangeError::Declined => msg("refuse-application-declined"),
        }),
        Refusal::NotMovable(status) => tr.t1("refuse-not-movable", "status", status.as_str()),
        Refusal::SetupDone => tr.t("refuse-setup-done"),
        Refusal::Raced(what) => tr.t1("refuse-raced", "what", *what),
        Refusal::Merge(m) => tr.t(match m {
            MergeRefusal::NothingEarlier => msg("refuse-merge-nothing-earlier"),
            MergeRefusal::Promoted => msg("refuse-merge-promoted"),
            MergeRefusal::TwoDiscoveryCalls => msg("refuse-merge-two-calls"),
        }),
        Refusal::Session(s) => match *s {
            SessionRefusal::Cancelled => tr.t("refuse-session-cancelled"),
            SessionRefusal::BelowSeats { taken } => {
                tr.t1("refuse-session-below-seats", "taken", taken)
            }
            SessionRefusal::TooManyForType { taken } => {
                tr.t1("refuse-session-too-many-for-type", "taken", taken)
            }
            SessionRefusal::HasOutcome(status) => {
                tr.t1("refuse-session-has-outcome", "status", status.as_str())
            }
            SessionRefusal::Full => tr.t("refuse-session-full"),
        },
        Refusal::AlreadyEnrolled(a) => tr.t3(
            "refuse-already-enrolled-api",
            "name",
            &a.client_name,
            "package",
            &a.package_name,
            "left",
            enrolment_left(a, |d| d.to_string()),
        ),
    }
}

/// "3 of 6 credits left, valid until …", dates written by `date`.
fn enrolment_left(a: &AlreadyEnrolled, date: impl Fn(jiff::civil::Date) -> String) -> String {
    let tr = Tr::current();
    let args = |until: Option<String>| {
        let mut args = vec![
            ("left", Arg::from(a.credits_remaining)),
            ("count", Arg::from(a.sessions_total)),
        ];
        if let Some(until) = until {
            args.push(("until", Arg::from(until)));
        }
        args
    };
    match a.valid_until {
        Some(d) => tr.args("refuse-credits-left-until", &args(Some(date(d)))),
        None => tr.args("refuse-credits-left", &args(None)),
    }
}

/// The question the enrolment form asks before enrolling a client in a package again.
pub fn already_enrolled_question(a: &AlreadyEnrolled) -> String {
    Tr::current().t2(
        "refuse-already-enrolled-question",
        "name",
        &a.client_name,
        "left",
        enrolment_left(a, super::dates::date),
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
    let tr = Tr::current();
    match n.note {
        WallNote::Skipped { asked, became } => tr.t3(
            "refuse-notice-skipped",
            "time",
            asked.strftime("%H:%M").to_string(),
            "day",
            super::dates::date(asked.date()),
            "became",
            became.strftime("%H:%M").to_string(),
        ),
        WallNote::Repeated {
            asked,
            chosen,
            offset,
            other,
        } => tr.args(
            match chosen {
                Fold::Earlier => msg("refuse-notice-repeated-first"),
                Fold::Later => msg("refuse-notice-repeated-second"),
            },
            &[
                ("time", asked.strftime("%H:%M").to_string().into()),
                ("day", super::dates::date(asked.date()).into()),
                ("offset", offset.to_string().into()),
                ("other", other.to_string().into()),
            ],
        ),
    }
}

/// How long to wait, in the largest whole unit that reads naturally ("45 seconds", "6 minutes").
pub fn wait(secs: u64) -> String {
    let tr = Tr::current();
    match secs {
        0..=1 => tr.t1("wait-seconds", "count", 1),
        2..=90 => tr.t1(
            "wait-seconds",
            "count",
            i64::try_from(secs).unwrap_or(i64::MAX),
        ),
        _ => {
            let minutes = secs.div_ceil(60);
            tr.t1(
                "wait-minutes",
                "count",
                i64::try_from(minutes).unwrap_or(i64::MAX),
            )
        }
    }
}
