//! `coachbook demo`: a small, realistic practice to explore. Running it twice changes nothing.

use coachbook_core::booking::{BookingAction, SessionKind};
use coachbook_core::time::local_date;

use super::accounts::{self, Account, Coach, NewAccount};
use super::bookings::{self, BookingInput, Created, TimeInput};
use super::{AppError, AppResult, Ctx};
use crate::store::{users, StoreError};

pub const DEMO_COACH_EMAIL: &str = "coach@demo.coachbook.test";
pub const DEMO_USER_EMAIL: &str = "sam@demo.coachbook.test";

/// The demo accounts' password: COACHBOOK_PASSWORD, or a documented default for local trials.
fn demo_password() -> String {
    std::env::var("COACHBOOK_PASSWORD").unwrap_or_else(|_| "demo-password-1".to_owned())
}

pub async fn load(cx: &Ctx) -> AppResult<()> {
    let password = demo_password();
    match users::find_by_email(cx.db.pool(), DEMO_COACH_EMAIL).await {
        Ok(_) => println!("The demo practice is already loaded."),
        Err(StoreError::NotFound) => {
            let coach = accounts::create_coach(
                cx,
                &NewAccount {
                    name: "Ana Ruiz".into(),
                    email: DEMO_COACH_EMAIL.into(),
                    password: password.clone(),
                    time_zone: "Europe/London".into(),
                    slug: Some("ana-ruiz".into()),
                },
            )
            .await?;
            let slug = coach.practice.map(|(_, slug)| slug).unwrap_or_default();
            println!("Coach: {} <{}>, page /c/{slug}", coach.name, coach.email);
        }
        Err(e) => return Err(AppError::Store(e)),
    }
    match users::find_by_email(cx.db.pool(), DEMO_USER_EMAIL).await {
        Ok(_) => {}
        Err(StoreError::NotFound) => {
            let accounts::SignUp::Created(user) = accounts::sign_up(
                cx,
                &NewAccount {
                    name: "Sam Lee".into(),
                    email: DEMO_USER_EMAIL.into(),
                    password: password.clone(),
                    time_zone: "America/New_York".into(),
                    slug: None,
                },
            )
            .await?
            else {
                return Err(AppError::Internal(anyhow::anyhow!(
                    "{DEMO_USER_EMAIL} was taken while the demo was being loaded"
                )));
            };
            println!("User:  {} <{}>", user.name, user.email);
        }
        Err(e) => return Err(AppError::Store(e)),
    }
    load_practice(cx).await?;
    println!("Sign in with either email and the password {password:?} (set COACHBOOK_PASSWORD to choose another).");
    Ok(())
}

/// `n` days from today in the demo coach's zone (negative: in the past).
fn day(cx: &Ctx, coach: &Coach, n: i64) -> jiff::civil::Date {
    let today = local_date(coach.zone.tz(), cx.now());
    today
        .checked_add(jiff::Span::new().days(n))
        .unwrap_or(today)
}

/// Two session types and weekday hours, so the booking pages have something to offer.
async fn schedule(cx: &Ctx, coach: &Coach) -> AppResult<()> {
    use super::availability::{self, WindowInput};
    use super::session_types::{self, NewSessionType};
    if !session_types::list(cx, coach, true).await?.is_empty() {
        return Ok(());
    }
    session_types::create(
        cx,
        coach,
        &NewSessionType {
            name: "Coaching session".into(),
            duration_minutes: 60,
            price_cents: 9_500,
            currency: "GBP".into(),
            buffer_after_minutes: 15,
            description: "An hour on the goal you choose, with a plan to take away.".into(),
            ..NewSessionType::default()
        },
    )
    .await?;
    session_types::create(
        cx,
        coach,
        &NewSessionType {
            name: "Discovery call".into(),
            kind: "discovery".into(),
            duration_minutes: 20,
            color: "#7a5200".into(),
            description: "Twenty minutes to see whether we are a good fit. Free.".into(),
            ..NewSessionType::default()
        },
    )
    .await?;
    let rules = (1..=5)
        .flat_map(|weekday| {
            [("09:00", "12:00"), ("13:00", "17:00")].map(|(start, end)| WindowInput {
                weekday,
                start: start.into(),
                end: end.into(),
                ..WindowInput::default()
            })
        })
        .collect::<Vec<_>>();
    availability::replace_rules(cx, coach, &rules).await?;
    Ok(())
}

/// Packages, clients with enrolments (and their credit grants), and an application in each
/// status. Skipped when the demo coach already has packages, so a second run adds nothing.
async fn load_practice(cx: &Ctx) -> AppResult<()> {
    use super::applications::{self, ApplicationChange, DiscoveryCallInput, NewApplication};
    use super::clients::{self, NewClient, NewEnrolmentRequest};
    use super::packages::{self, NewPackage};

    let account = Account::from(users::find_by_email(cx.db.pool(), DEMO_COACH_EMAIL).await?);
    let Some(coach) = account.coach() else {
        return Ok(());
    };
    let coach = &coach;
    if !packages::list(cx, coach, true).await?.is_empty() {
        return Ok(());
    }
    schedule(cx, coach).await?;
    // Link the packages to a one-on-one session type when the demo has one.
    let one_on_one = super::session_types::list(cx, coach, false)
        .await?
        .into_iter()
        .find(|t| t.kind == SessionKind::OneOnOne)
        .map(|t| t.id);
    let package =
        |name: &str, count: i64, minutes: i64, cents: i64, days: Option<i64>, text: &str| {
            NewPackage {
                name: name.into(),
                session_type_id: one_on_one,
                session_count: count,
                session_minutes: Some(minutes),
                price_cents: cents,
                currency: "GBP".into(),
                validity_days: days,
                description: text.into(),
            }
        };
    let programme = packages::create(
        cx,
        coach,
        &package(
            "Six-session programme",
            6,
            60,
            54_000,
            Some(90),
            "Six fortnightly sessions over three months.",
        ),
    )
    .await?;
    let check_ins = packages::create(
        cx,
        coach,
        &package(
            "Monthly check-ins",
            3,
            45,
            24_000,
            Some(120),
            "A lighter rhythm after a programme.",
        ),
    )
    .await?;
    let single = packages::create(
        cx,
        coach,
        &package(
            "Single session",
            1,
            60,
            9_500,
            None,
            "One session, no expiry.",
        ),
    )
    .await?;
    let old = packages::create(
        cx,
        coach,
        &package(
            "Intro offer 2025",
            2,
            60,
            12_000,
            Some(30),
            "Last year's offer.",
        ),
    )
    .await?;
    packages::set_archived(cx, coach, old.id, true).await?;

    let client = |name: &str, email: &str, phone: &str, notes: &str| NewClient {
        name: name.into(),
        email: email.into(),
        phone: phone.into(),
        notes: notes.into(),
        status: None,
    };
    let enrol = |package_id: i64| NewEnrolmentRequest {
        package_id,
        starts_on: None,
        allow_duplicate: false,
    };
    let maya = clients::create(
        cx,
        coach,
        &client(
            "Maya Patel",
            "maya@demo.coachbook.test",
            "+44 20 7946 0101",
            "Product lead moving into her first director role. Prefers mornings.",
        ),
    )
    .await?;
    clients::enrol(cx, coach, maya.client.id, &enrol(programme.id)).await?;
    let tom = clients::create(
        cx,
        coach,
        &client(
            "Tom Berg",
            "tom@demo.coachbook.test",
            "",
            "Finished the programme in the spring; monthly check-ins since.",
        ),
    )
    .await?;
    clients::enrol(cx, coach, tom.client.id, &enrol(check_ins.id)).await?;
    clients::create(
        cx,
        coach,
        &client(
            "Grace Liu",
            "grace@demo.coachbook.test",
            "+44 7700 900123",
            "Met at the leadership meetup; no package yet.",
        ),
    )
    .await?;
    let ole = clients::create(
        cx,
        coach,
        &client(
            "Ole Hansen",
            "ole@demo.coachbook.test",
            "",
            "Moved abroad; paused.",
        ),
    )
    .await?;
    clients::update(
        cx,
        coach,
        ole.client.id,
        &NewClient {
            status: Some("archived".into()),
            ..client(
                "Ole Hansen",
                "ole@demo.coachbook.test",
                "",
                "Moved abroad; paused.",
            )
        },
    )
    .await?;

    let questions = "What have you tried so far?\nWhat would make coaching worth it for you?";
    applications::set_intake_questions(cx, coach, questions).await?;
    let answers = |tried: &str, worth: &str| {
        vec![
            applications::Answer {
                question: "What have you tried so far?".into(),
                answer: tried.into(),
            },
            applications::Answer {
                question: "What would make coaching worth it for you?".into(),
                answer: worth.into(),
            },
        ]
    };
    let apps = [
        (
            "Lena Ortiz",
            "lena@demo.coachbook.test",
            "Finding focus at work and saying no more often.",
            "new",
        ),
        (
            "Jonas Weber",
            "jonas@demo.coachbook.test",
            "Preparing for a move from engineer to manager.",
            "reviewing",
        ),
        (
            "Aiko Tanaka",
            "aiko@demo.coachbook.test",
            "Confidence in presenting to the board.",
            "discovery_scheduled",
        ),
        (
            "Carlos Mendes",
            "carlos@demo.coachbook.test",
            "Building a sustainable routine as a founder.",
            "accepted",
        ),
        (
            "Dana Cohen",
            "dana@demo.coachbook.test",
            "Career change into teaching.",
            "declined",
        ),
        (
            "Priya Shah",
            "priya@demo.coachbook.test",
            "Returning to work after parental leave.",
            "promoted",
        ),
    ];
    for (name, email, goals, status) in apps {
        let a = applications::create(
            cx,
            coach,
            &NewApplication {
                name: name.into(),
                email: email.into(),
                goals: goals.into(),
                answers: answers(
                    "Books, a peer group and a few workshops.",
                    "Clear next steps and someone to keep me honest.",
                ),
            },
        )
        .await?;
        match status {
            "new" => {}
            "promoted" => {
                applications::promote(cx, coach, a.id, Some(single.id)).await?;
            }
            "discovery_scheduled" => {
                applications::update(
                    cx,
                    coach,
                    a.id,
                    &ApplicationChange {
                        discovery_call: Some(DiscoveryCallInput {
                            when: TimeInput {
                                date: day(cx, coach, 3).to_string(),
                                start_time: "16:00".into(),
                                ..TimeInput::default()
                            },
                            meeting_url: "https://meet.example.com/ana-ruiz".into(),
                            override_hours: true,
                            ..DiscoveryCallInput::default()
                        }),
                        ..ApplicationChange::default()
                    },
                )
                .await?;
            }
            other => {
                applications::update(
                    cx,
                    coach,
                    a.id,
                    &ApplicationChange {
                        status: Some(other.into()),
                        ..ApplicationChange::default()
                    },
                )
                .await?;
            }
        }
    }
    // Sessions: Maya's programme (one held last week, two coming up), Tom's next check-in.
    let book =
        |client_id: i64, package_id: i64, date: jiff::civil::Date, time: &str| BookingInput {
            client_id: Some(client_id),
            package_id: Some(package_id),
            when: TimeInput {
                date: date.to_string(),
                start_time: time.into(),
                ..TimeInput::default()
            },
            meeting_url: "https://meet.example.com/ana-ruiz".into(),
            override_hours: true,
            ..BookingInput::default()
        };
    let mut held = None;
    for (client_id, package_id, date, time) in [
        (maya.client.id, programme.id, day(cx, coach, -6), "09:30"),
        (maya.client.id, programme.id, day(cx, coach, 8), "09:30"),
        (maya.client.id, programme.id, day(cx, coach, 22), "09:30"),
        (tom.client.id, check_ins.id, day(cx, coach, 5), "13:00"),
    ] {
        if let Created::New { booking, .. } =
            bookings::create(cx, coach, &book(client_id, package_id, date, time), None).await?
        {
            held.get_or_insert(booking.id);
        }
    }
    if let Some(past) = held {
        bookings::change_status(cx, coach, past, BookingAction::Complete, "", false).await?;
    }
    client_side(cx, coach, &book, programme.id).await?;
    prices_and_payments(cx, coach, maya.client.id, tom.client.id, programme.id).await?;
    let history =
        super::demo_history::grow(cx, coach, &[(programme.id, 6, 90), (check_ins.id, 3, 120)])
            .await?;
    println!(
        "Practice: 4 packages, 6 clients (Sam connected to his account), 6 applications (one in \
         each status), 6 bookings, a session request; and a year of history before this week \
         ({history} bookings of {} regulars, applicants and requests)",
        super::demo_history::REGULARS_COUNT
    );
    Ok(())
}

/// The client's side of the demo: Sam Lee's account is connected to his client record, with a
/// programme and a session coming up, so `/my` has something to show; and a visitor has asked
/// for an evening the coach does not offer, so Requests has one waiting.
async fn client_side(
    cx: &Ctx,
    coach: &Coach,
    book: &dyn Fn(i64, i64, jiff::civil::Date, &str) -> BookingInput,
    programme: i64,
) -> AppResult<()> {
    use super::clients::{self, NewClient, NewEnrolmentRequest};
    use super::session_requests::{self, NewSessionRequest, ProposedInput};
    let sam = users::find_by_email(cx.db.pool(), DEMO_USER_EMAIL).await?;
    let client = clients::create(
        cx,
        coach,
        &NewClient {
            name: sam.name.clone(),
            email: sam.email.clone(),
            phone: String::new(),
            notes: "Connected his account; books his own sessions.".into(),
            status: None,
        },
    )
    .await?;
    crate::store::invitations::set_client_user(
        cx.db.writer(),
        coach.id,
        client.client.id,
        Some(sam.id),
        cx.stamp(),
    )
    .await?;
    clients::enrol(
        cx,
        coach,
        client.client.id,
        &NewEnrolmentRequest {
            package_id: programme,
            starts_on: None,
            allow_duplicate: false,
        },
    )
    .await?;
    bookings::create(
        cx,
        coach,
        &book(client.client.id, programme, day(cx, coach, 9), "14:00"),
        None,
    )
    .await?;
    let visit = super::privacy::visit(cx, None, &coach.slug).await?;
    let discovery = super::session_types::list(cx, coach, false)
        .await?
        .into_iter()
        .find(|t| t.kind == SessionKind::Discovery);
    if let Some(t) = discovery {
        session_requests::create(
            cx,
            &visit,
            &NewSessionRequest {
                session_type_id: t.id,
                times: vec![ProposedInput {
                    start: format!("{}T19:00", day(cx, coach, 4)),
                    end: None,
                }],
                time_zone: Some(coach.zone.name().to_owned()),
                message: "Evenings are all I can do while the kids are small.".into(),
                name: "Noor Haddad".into(),
                email: "noor@demo.coachbook.test".into(),
            },
        )
        .await?;
    }
    Ok(())
}

/// Issue 17's prices and payments: tiers on the one-on-one type (100%, then 90% from the 5th
/// session, 80% from the 10th), a five-session bundle that saves against them, Tom's own price,
/// and payments: Maya paid part of her programme (so she owes the rest), Tom paid in full.
async fn prices_and_payments(
    cx: &Ctx,
    coach: &Coach,
    maya: i64,
    tom: i64,
    programme: i64,
) -> AppResult<()> {
    use super::packages::{self, NewPackage};
    use super::payments::{self, NewPaymentRequest};
    use super::pricing::{self, NewClientPrice, PriceTier};
    use super::session_types::{self, NewSessionType};

    let Some(t) = session_types::list(cx, coach, false)
        .await?
        .into_iter()
        .find(|t| t.kind == SessionKind::OneOnOne && t.price_cents > 0)
    else {
        return Ok(());
    };
    let unit = t.price_cents;
    let tier = |from: i64, percent: i64| PriceTier {
        from,
        price_cents: unit * percent / 100,
        currency: None,
    };
    let mut new = NewSessionType::from(&t);
    new.price_tiers = Some(vec![tier(1, 100), tier(5, 90), tier(10, 80)]);
    session_types::update(cx, coach, t.id, &new).await?;
    // Five one at a time: 4 × 100% + 90% = 490% of the unit; the bundle asks 425%.
    packages::create(
        cx,
        coach,
        &NewPackage {
            name: "Five-session bundle".into(),
            session_type_id: Some(t.id),
            session_count: 5,
            session_minutes: Some(t.duration_minutes),
            price_cents: unit * 425 / 100,
            currency: t.currency.clone(),
            validity_days: Some(120),
            description: "Five sessions, paid once, for less than one at a time.".into(),
        },
    )
    .await?;
    pricing::set_client_price(
        cx,
        coach,
        tom,
        t.id,
        &NewClientPrice {
            price_cents: unit * 85 / 100,
            currency: None,
        },
    )
    .await?;
    let enrolments = super::clients::get(cx, coach, maya).await?.enrolments;
    let maya_programme = enrolments
        .iter()
        .find(|e| e.package_id == programme)
        .map(|e| e.id);
    let paid =
        |client_id: i64, cents: i64, method: &str, days_ago: i64, note: &str| NewPaymentRequest {
            client_id,
            amount_cents: cents,
            currency: "GBP".into(),
            method: method.into(),
            paid_on: Some(day(cx, coach, -days_ago).to_string()),
            enrolment_id: None,
            booking_id: None,
            note: note.into(),
        };
    payments::record(
        cx,
        coach,
        &NewPaymentRequest {
            enrolment_id: maya_programme,
            ..paid(
                maya,
                30_000,
                "bank_transfer",
                20,
                "First half of the programme",
            )
        },
    )
    .await?;
    payments::record(
        cx,
        coach,
        &paid(tom, 24_000, "card_in_person", 12, "Check-ins"),
    )
    .await?;
    payments::record(cx, coach, &paid(tom, 8_000, "cash", 3, "")).await?;
    println!(
        "Prices: tiers on {}, a five-session bundle, Tom's own price; 3 payments, Maya owing",
        t.name
    );
    Ok(())
}
