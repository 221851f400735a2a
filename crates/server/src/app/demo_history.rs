//! The demo practice's last year, for Insights to have something true to show: clients who came
//! weekly, fortnightly or monthly and left or stayed, packages bought and renewed, sessions held,
//! cancelled early or late and missed, applications and discovery calls, evenings asked for and
//! declined.
//!
//! It is written the way it would have happened: through the same use cases as a coach's
//! clicks, on a copy of the context whose clock is set back to each moment in turn (a
//! [`ManualClock`]), so every row carries its real moment and every rule holds (no overlap, the
//! credit ledger, statuses moving only as they may). Deterministic: the same day gives the same
//! year. What the history queued to be sent (confirmations and reminders of sessions long past)
//! is discarded, and its in-app notices are marked read.

use coachbook_core::booking::BookingAction;
use coachbook_core::time::local_date;
use jiff::civil::{Date, Weekday};
use jiff::{SignedDuration, Timestamp, ToSpan};

use super::accounts::Coach;
use super::applications::{self, ApplicationChange, DiscoveryCallInput, NewApplication};
use super::bookings::{self, BookingInput, Created, TimeInput};
use super::clients::{self, NewClient, NewEnrolmentRequest};
use super::session_requests::{self, NewSessionRequest, ProposedInput};
use super::{AppError, AppResult, Ctx, Refusal};
use crate::clock::ManualClock;

/// How many weeks back the history starts; it ends the week before this one.
pub const WEEKS: i64 = 52;

/// Who came, how often and for how long. `every` in weeks; weeks count from the first week of
/// the history (0) to the last (`WEEKS - 1`).
struct Regular {
    name: &'static str,
    email: &'static str,
    every: i64,
    from: i64,
    until: i64,
    /// The package bought and bought again; `None`: pays per session.
    package: Option<usize>,
}

const REGULARS: &[Regular] = &[
    Regular {
        name: "Rosa Alvarez",
        email: "rosa@demo.coachbook.test",
        every: 1,
        from: 0,
        until: 15,
        package: Some(0),
    },
    Regular {
        name: "Hana Kim",
        email: "hana@demo.coachbook.test",
        every: 4,
        from: 0,
        until: 51,
        package: Some(1),
    },
    Regular {
        name: "Femi Adeyemi",
        email: "femi@demo.coachbook.test",
        every: 2,
        from: 3,
        until: 27,
        package: Some(0),
    },
    Regular {
        name: "Ben Okafor",
        email: "ben@demo.coachbook.test",
        every: 2,
        from: 9,
        until: 51,
        package: Some(0),
    },
    Regular {
        name: "Ines Costa",
        email: "ines@demo.coachbook.test",
        every: 4,
        from: 14,
        until: 51,
        package: None,
    },
    Regular {
        name: "Luca Romano",
        email: "luca@demo.coachbook.test",
        every: 2,
        from: 19,
        until: 40,
        package: None,
    },
    Regular {
        name: "Zoe Martin",
        email: "zoe@demo.coachbook.test",
        every: 1,
        from: 35,
        until: 51,
        package: Some(0),
    },
    Regular {
        name: "Omar Said",
        email: "omar@demo.coachbook.test",
        every: 1,
        from: 24,
        until: 37,
        package: Some(0),
    },
    Regular {
        name: "Nadia Haddad",
        email: "nadia@demo.coachbook.test",
        every: 1,
        from: 5,
        until: 22,
        package: Some(0),
    },
    Regular {
        name: "Leo Schmidt",
        email: "leo@demo.coachbook.test",
        every: 2,
        from: 28,
        until: 51,
        package: None,
    },
    Regular {
        name: "Ruth Cohen",
        email: "ruth@demo.coachbook.test",
        every: 4,
        from: 1,
        until: 51,
        package: Some(1),
    },
    Regular {
        name: "Kai Tanaka",
        email: "kai@demo.coachbook.test",
        every: 1,
        from: 42,
        until: 51,
        package: Some(0),
    },
];

/// How many regulars the history has.
pub const REGULARS_COUNT: usize = REGULARS.len();

/// Applicants over the year, one every three weeks, and what became of each.
const APPLICANTS: &[(&str, &str, &str)] = &[
    (
        "Elif Demir",
        "elif@demo.coachbook.test",
        "Leading a team through a reorganisation.",
    ),
    (
        "Marek Nowak",
        "marek@demo.coachbook.test",
        "Deciding whether to go freelance.",
    ),
    (
        "Sofia Rossi",
        "sofia@demo.coachbook.test",
        "Getting back to work after a burnout.",
    ),
    (
        "Kwame Mensah",
        "kwame@demo.coachbook.test",
        "Speaking up in meetings.",
    ),
    (
        "Julia Fischer",
        "julia@demo.coachbook.test",
        "A first management role.",
    ),
    (
        "Tariq Aziz",
        "tariq@demo.coachbook.test",
        "Work and a young family.",
    ),
    (
        "Mia Jensen",
        "mia@demo.coachbook.test",
        "Finishing a thesis while working.",
    ),
    (
        "Arjun Rao",
        "arjun@demo.coachbook.test",
        "Moving from sales into product.",
    ),
    (
        "Chloe Dubois",
        "chloe@demo.coachbook.test",
        "Confidence after a bad review.",
    ),
    (
        "Noah Fischer",
        "noah@demo.coachbook.test",
        "Planning a career break.",
    ),
    (
        "Lea Novak",
        "lea@demo.coachbook.test",
        "Founding a small studio.",
    ),
    (
        "Sam Okoye",
        "samo@demo.coachbook.test",
        "Negotiating a promotion.",
    ),
    (
        "Iris Berg",
        "iris@demo.coachbook.test",
        "Less overtime, same results.",
    ),
    (
        "Pavel Horak",
        "pavel@demo.coachbook.test",
        "Delegating without losing quality.",
    ),
    (
        "Amara Nwosu",
        "amara@demo.coachbook.test",
        "A change of field at forty.",
    ),
    (
        "Yuki Sato",
        "yuki@demo.coachbook.test",
        "Presenting to investors.",
    ),
    (
        "Eva Lindqvist",
        "eva@demo.coachbook.test",
        "Returning from a sabbatical.",
    ),
];

/// Where the week's sessions go: Tuesday to Thursday, four times a day.
const TIMES: [(i8, i8); 4] = [(10, 0), (11, 30), (14, 0), (15, 30)];

/// A number in `0..n` that depends only on `a` and `b` (SplitMix64).
fn pick(a: i64, b: i64, n: u64) -> u64 {
    let mut z = (a as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add((b as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)) % n.max(1)
}

/// What became of a booking.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Held,
    CancelledEarly,
    CancelledLate,
    NoShow,
}

fn outcome(week: i64, who: i64) -> Outcome {
    match pick(week, who, 100) {
        0..=5 => Outcome::CancelledEarly,
        6..=8 => Outcome::CancelledLate,
        9..=11 => Outcome::NoShow,
        _ => Outcome::Held,
    }
}

/// One regular's standing during the replay.
struct Member {
    client_id: i64,
    /// Credits of the current enrolment not yet spent (an early cancellation gives one back).
    credits: i64,
    /// The first day the current enrolment's credits cannot be used.
    expires: Option<Date>,
}

/// A booking made this week, waiting for its moment.
struct Pending {
    booking_id: i64,
    start: Timestamp,
    end: Timestamp,
    outcome: Outcome,
}

/// Grows the year before this week for `coach`, whose `packages` are (id, sessions, days
/// valid) in the order [`Regular::package`] names them. Answers how many bookings it made.
pub async fn grow(cx: &Ctx, coach: &Coach, packages: &[(i64, i64, i64)]) -> AppResult<usize> {
    let tz = coach.zone.tz().clone();
    let today = local_date(&tz, cx.now());
    let this_monday = coachbook_core::availability::week_start(today);
    let first_monday = this_monday
        .checked_sub((7 * WEEKS).days())
        .map_err(|e| anyhow::anyhow!("a year before {this_monday}: {e}"))?;
    let at = |d: Date, h: i8, m: i8| -> AppResult<Timestamp> {
        Ok(d.at(h, m, 0, 0)
            .to_zoned(tz.clone())
            .map_err(|e| anyhow::anyhow!("{d} {h}:{m} in {}: {e}", coach.zone.name()))?
            .timestamp())
    };
    let day = |monday: Date, n: i64| -> AppResult<Date> {
        Ok(monday
            .checked_add(n.days())
            .map_err(|e| anyhow::anyhow!("{monday} + {n} days: {e}"))?)
    };
    let clock = ManualClock::new(at(first_monday, 8, 0)?);
    let hx = Ctx {
        clock: clock.clock(),
        ..cx.clone()
    };
    let jobs_before = crate::store::jobs::last_id(cx.db.pool()).await?;
    let meeting_url = "https://meet.example.com/ana-ruiz";
    let Some(coaching) = one_on_one(cx, coach).await? else {
        return Ok(0);
    };

    let mut members: Vec<Option<Member>> = REGULARS.iter().map(|_| None).collect();
    let mut booked = 0;
    for week in 0..WEEKS {
        let monday = day(first_monday, 7 * week)?;
        // The week's bookings are made the Thursday before.
        clock.set(at(day(monday, -4)?, 9, 0)?);
        let mut pending: Vec<Pending> = Vec::new();
        let mut slot = pick(week, 0, 12) as usize;
        for (n, r) in REGULARS.iter().enumerate() {
            let who = n as i64;
            if week < r.from || week > r.until || (week - r.from) % r.every != 0 {
                continue;
            }
            let member = match &mut members[n] {
                Some(m) => m,
                empty => {
                    let c = clients::create(
                        &hx,
                        coach,
                        &NewClient {
                            name: r.name.into(),
                            email: r.email.into(),
                            phone: String::new(),
                            notes: String::new(),
                            status: None,
                        },
                    )
                    .await?;
                    empty.insert(Member {
                        client_id: c.client.id,
                        credits: 0,
                        expires: None,
                    })
                }
            };
            let (h, m) = TIMES[slot % 4];
            let date = day(monday, 1 + (slot / 4 % 3) as i64)?;
            slot += 1;
            let package_id = match r.package.and_then(|p| packages.get(p)) {
                Some(&(package_id, sessions, valid_days)) => {
                    if member.credits <= 0 || member.expires.is_some_and(|e| date >= e) {
                        clients::enrol(
                            &hx,
                            coach,
                            member.client_id,
                            &NewEnrolmentRequest {
                                package_id,
                                starts_on: None,
                                allow_duplicate: true,
                            },
                        )
                        .await?;
                        member.credits = sessions;
                        let enrolled = local_date(&tz, hx.now());
                        member.expires = enrolled.checked_add(valid_days.days()).ok();
                    }
                    Some(package_id)
                }
                None => None,
            };
            let input = BookingInput {
                session_type_id: package_id.is_none().then_some(coaching),
                client_id: Some(member.client_id),
                package_id,
                when: TimeInput {
                    date: date.to_string(),
                    start_time: format!("{h:02}:{m:02}"),
                    ..TimeInput::default()
                },
                meeting_url: meeting_url.into(),
                override_hours: true,
                ..BookingInput::default()
            };
            match bookings::create(&hx, coach, &input, None).await {
                Ok(Created::New { booking, .. }) => {
                    booked += 1;
                    if package_id.is_some() {
                        member.credits -= 1;
                    }
                    let o = outcome(week, who);
                    if o == Outcome::CancelledEarly && package_id.is_some() {
                        member.credits += 1;
                    }
                    pending.push(Pending {
                        booking_id: booking.id,
                        start: booking.start,
                        end: booking.end,
                        outcome: o,
                    });
                }
                Ok(Created::Replayed { .. }) => {}
                // Taken by one of the demo's own sessions: that week the regular skipped.
                Err(AppError::Refused(Refusal::Collision { .. } | Refusal::Overlap)) => {}
                Err(e) => return Err(e),
            }
        }
        // Early cancellations on Monday morning, more than a day ahead of Tuesday.
        clock.set(at(monday, 8, 0)?);
        for p in pending
            .iter()
            .filter(|p| p.outcome == Outcome::CancelledEarly)
        {
            let reason = "Something came up at work; I will book another week.";
            bookings::change_status(
                &hx,
                coach,
                p.booking_id,
                BookingAction::Cancel,
                reason,
                false,
            )
            .await?;
        }
        // An applicant every third week; a request for an evening every fifth.
        if week % 3 == 1 {
            applicant(&hx, &clock, coach, week, monday, &at, meeting_url).await?;
        }
        if week % 5 == 2 {
            clock.set(at(monday, 9, 0)?);
            evening_request(&hx, coach, week, day(monday, 3)?).await?;
        }
        pending.sort_by_key(|p| p.start);
        for p in pending
            .iter()
            .filter(|p| p.outcome != Outcome::CancelledEarly)
        {
            let (moment, action) = match p.outcome {
                Outcome::CancelledLate => (
                    p.start - SignedDuration::from_hours(2),
                    BookingAction::Cancel,
                ),
                Outcome::NoShow => (
                    p.end + SignedDuration::from_mins(30),
                    BookingAction::MarkNoShow,
                ),
                _ => (
                    p.end + SignedDuration::from_mins(30),
                    BookingAction::Complete,
                ),
            };
            clock.set(moment);
            let reason = if action == BookingAction::Cancel {
                "Unwell today, sorry."
            } else {
                ""
            };
            bookings::change_status(&hx, coach, p.booking_id, action, reason, false).await?;
        }
    }
    crate::store::jobs::discard_queued_after(cx.db.writer(), jobs_before).await?;
    crate::store::notifications::mark_read_before(
        cx.db.writer(),
        coach.id,
        clock.now().into(),
        cx.stamp(),
    )
    .await?;
    Ok(booked)
}

/// Week `week`'s applicant: applied on Wednesday; then a discovery call on Friday and a new
/// client, or a call and no, or a plain no, or straight to client.
async fn applicant(
    hx: &Ctx,
    clock: &ManualClock,
    coach: &Coach,
    week: i64,
    monday: Date,
    at: &dyn Fn(Date, i8, i8) -> AppResult<Timestamp>,
    meeting_url: &str,
) -> AppResult<()> {
    let n = (week / 3) as usize % APPLICANTS.len();
    let (name, email, goals) = APPLICANTS[n];
    let wednesday = monday
        .checked_add(2.days())
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let friday = monday
        .checked_add(4.days())
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    clock.set(at(wednesday, 12, 0)?);
    let a = applications::create(
        hx,
        coach,
        &NewApplication {
            name: name.into(),
            email: email.into(),
            goals: goals.into(),
            answers: Vec::new(),
        },
    )
    .await?;
    let path = n % 4;
    if path == 0 || path == 2 {
        let call = DiscoveryCallInput {
            when: TimeInput {
                date: friday.to_string(),
                start_time: "16:30".into(),
                ..TimeInput::default()
            },
            meeting_url: meeting_url.into(),
            override_hours: true,
            ..DiscoveryCallInput::default()
        };
        let change = ApplicationChange {
            discovery_call: Some(call),
            ..ApplicationChange::default()
        };
        let (called, _) = applications::update(hx, coach, a.id, &change).await?;
        clock.set(at(friday, 17, 0)?);
        if let Some(booking) = called.booking_id {
            bookings::change_status(hx, coach, booking, BookingAction::Complete, "", false).await?;
        }
    }
    match path {
        0 | 3 => {
            applications::promote(hx, coach, a.id, None).await?;
        }
        _ => {
            let change = ApplicationChange {
                status: Some("declined".into()),
                ..ApplicationChange::default()
            };
            applications::update(hx, coach, a.id, &change).await?;
        }
    }
    Ok(())
}

/// A visitor asks for an evening the coach does not offer, and is declined the next morning.
async fn evening_request(hx: &Ctx, coach: &Coach, week: i64, thursday: Date) -> AppResult<()> {
    let Some(kind) = one_on_one(hx, coach).await? else {
        return Ok(());
    };
    let visit = super::privacy::visit(hx, None, &coach.slug).await?;
    let hour = if pick(week, 7, 2) == 0 { 19 } else { 20 };
    debug_assert_eq!(thursday.weekday(), Weekday::Thursday);
    let weekday = thursday;
    let request = session_requests::create(
        hx,
        &visit,
        &NewSessionRequest {
            session_type_id: kind,
            times: vec![ProposedInput {
                start: format!("{weekday}T{hour}:00"),
                end: None,
            }],
            time_zone: Some(coach.zone.name().to_owned()),
            message: "After work is the only time I have.".into(),
            name: "Evening Visitor".into(),
            email: format!("visitor{week}@demo.coachbook.test"),
        },
    )
    .await?;
    session_requests::decline(hx, coach, request.id, "I do not offer evenings, sorry.")
        .await
        .map_err(|e| anyhow::anyhow!("declining the demo's request {}: {e:?}", request.id))?;
    Ok(())
}

/// The coach's first one-on-one session type.
async fn one_on_one(cx: &Ctx, coach: &Coach) -> AppResult<Option<i64>> {
    Ok(super::session_types::list(cx, coach, false)
        .await?
        .into_iter()
        .find(|t| t.kind == coachbook_core::booking::SessionKind::OneOnOne)
        .map(|t| t.id))
}
