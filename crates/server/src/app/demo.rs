//! `coachbook demo`: a small, realistic practice to explore. Running it twice changes nothing.

use coachbook_core::booking::BookingAction;

use super::accounts::{self, NewAccount};
use super::bookings::{self, Created, DiscoveryCall, NewBookingRequest};
use super::{AppError, AppResult};
use crate::store::{users, Db, StoreError};

pub const DEMO_COACH_EMAIL: &str = "coach@demo.coachbook.test";
pub const DEMO_USER_EMAIL: &str = "sam@demo.coachbook.test";

/// The demo accounts' password: COACHBOOK_PASSWORD, or a documented default for local trials.
fn demo_password() -> String {
    std::env::var("COACHBOOK_PASSWORD").unwrap_or_else(|_| "demo-password-1".to_owned())
}

pub async fn load(db: &Db) -> AppResult<()> {
    let password = demo_password();
    match users::find_by_email(db.pool(), DEMO_COACH_EMAIL).await {
        Ok(_) => println!("The demo practice is already loaded."),
        Err(StoreError::NotFound) => {
            let coach = accounts::create_coach(
                db,
                &NewAccount {
                    name: "Ana Ruiz".into(),
                    email: DEMO_COACH_EMAIL.into(),
                    password: password.clone(),
                    time_zone: "Europe/London".into(),
                    slug: Some("ana-ruiz".into()),
                },
            )
            .await?;
            println!(
                "Coach: {} <{}>, page /c/{}",
                coach.name,
                coach.email,
                coach.slug.unwrap_or_default()
            );
        }
        Err(e) => return Err(AppError::Store(e)),
    }
    match users::find_by_email(db.pool(), DEMO_USER_EMAIL).await {
        Ok(_) => {}
        Err(StoreError::NotFound) => {
            let user = accounts::sign_up(
                db,
                &NewAccount {
                    name: "Sam Lee".into(),
                    email: DEMO_USER_EMAIL.into(),
                    password: password.clone(),
                    time_zone: "America/New_York".into(),
                    slug: None,
                },
            )
            .await?;
            println!("User:  {} <{}>", user.name, user.email);
        }
        Err(e) => return Err(AppError::Store(e)),
    }
    load_practice(db).await?;
    println!("Sign in with either email and the password {password:?} (set COACHBOOK_PASSWORD to choose another).");
    Ok(())
}

/// `n` days from today in the demo coach's zone (negative: in the past).
fn day(n: i64) -> jiff::civil::Date {
    let today = jiff::Zoned::now()
        .in_tz("Europe/London")
        .map_or_else(|_| jiff::Zoned::now().date(), |z| z.date());
    today
        .checked_add(jiff::Span::new().days(n))
        .unwrap_or(today)
}

/// Two session types and weekday hours, so the booking pages have something to offer.
async fn schedule(db: &Db, coach: &super::accounts::Account, coach_id: i64) -> AppResult<()> {
    use super::availability::{self, WeeklyHours, WeeklyWindow};
    use super::session_types::{self, NewSessionType};
    if !session_types::list(db, coach_id, true).await?.is_empty() {
        return Ok(());
    }
    session_types::create(
        db,
        coach_id,
        &NewSessionType {
            name: "Coaching session".into(),
            duration_minutes: 60,
            price_cents: 9_500,
            currency: "GBP".into(),
            buffer_after_minutes: 15,
            ..NewSessionType::default()
        },
    )
    .await?;
    session_types::create(
        db,
        coach_id,
        &NewSessionType {
            name: "Discovery call".into(),
            kind: "discovery".into(),
            duration_minutes: 20,
            color: "#7a5200".into(),
            ..NewSessionType::default()
        },
    )
    .await?;
    let rules = (1..=5)
        .flat_map(|weekday| {
            [("09:00", "12:00"), ("13:00", "17:00")].map(|(start, end)| WeeklyWindow {
                weekday,
                start: start.into(),
                end: end.into(),
                ..WeeklyWindow::default()
            })
        })
        .collect();
    availability::replace_rules(db, coach, &WeeklyHours { rules }).await?;
    Ok(())
}

/// Packages, clients with enrolments (and their credit grants), and an application in each
/// status. Skipped when the demo coach already has packages, so a second run adds nothing.
async fn load_practice(db: &Db) -> AppResult<()> {
    use super::applications::{self, ApplicationUpdate, NewApplication};
    use super::clients::{self, NewClient, NewEnrolmentRequest};
    use super::packages::{self, NewPackage};

    let coach = users::find_by_email(db.pool(), DEMO_COACH_EMAIL).await?;
    let Some(coach_id) = coach.coach_id else {
        return Ok(());
    };
    if !packages::list(db, coach_id, true).await?.is_empty() {
        return Ok(());
    }
    schedule(db, &coach, coach_id).await?;
    // Link the packages to a one-on-one session type when the demo has one.
    let one_on_one = super::session_types::list(db, coach_id, false)
        .await?
        .into_iter()
        .find(|t| t.kind == "one_on_one")
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
        db,
        coach_id,
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
        db,
        coach_id,
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
        db,
        coach_id,
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
        db,
        coach_id,
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
    packages::set_archived(db, coach_id, old.id, true).await?;

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
    };
    let maya = clients::create(
        db,
        &coach,
        &client(
            "Maya Patel",
            "maya@demo.coachbook.test",
            "+44 20 7946 0101",
            "Product lead moving into her first director role. Prefers mornings.",
        ),
    )
    .await?;
    clients::enrol(db, &coach, maya.client.id, &enrol(programme.id)).await?;
    let tom = clients::create(
        db,
        &coach,
        &client(
            "Tom Berg",
            "tom@demo.coachbook.test",
            "",
            "Finished the programme in the spring; monthly check-ins since.",
        ),
    )
    .await?;
    clients::enrol(db, &coach, tom.client.id, &enrol(check_ins.id)).await?;
    clients::create(
        db,
        &coach,
        &client(
            "Grace Liu",
            "grace@demo.coachbook.test",
            "+44 7700 900123",
            "Met at the leadership meetup; no package yet.",
        ),
    )
    .await?;
    let ole = clients::create(
        db,
        &coach,
        &client(
            "Ole Hansen",
            "ole@demo.coachbook.test",
            "",
            "Moved abroad; paused.",
        ),
    )
    .await?;
    clients::update(
        db,
        &coach,
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
    applications::set_intake_questions(db, &coach, questions).await?;
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
            db,
            &coach,
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
                applications::promote(db, &coach, a.id, Some(single.id)).await?;
            }
            "discovery_scheduled" => {
                applications::update(
                    db,
                    &coach,
                    a.id,
                    &ApplicationUpdate {
                        discovery_call: Some(DiscoveryCall {
                            date: day(3).to_string(),
                            start_time: "16:00".into(),
                            meeting_url: "https://meet.example.com/ana-ruiz".into(),
                            override_availability: true,
                            ..DiscoveryCall::default()
                        }),
                        ..ApplicationUpdate::default()
                    },
                )
                .await?;
            }
            other => {
                applications::update(
                    db,
                    &coach,
                    a.id,
                    &ApplicationUpdate {
                        status: Some(other.into()),
                        ..ApplicationUpdate::default()
                    },
                )
                .await?;
            }
        }
    }
    // Sessions: Maya's programme (one held last week, two coming up), Tom's next check-in.
    let book =
        |client_id: i64, package_id: i64, date: jiff::civil::Date, time: &str| NewBookingRequest {
            client_id: Some(client_id),
            coaching_package_id: Some(package_id),
            date: date.to_string(),
            start_time: time.into(),
            meeting_url: "https://meet.example.com/ana-ruiz".into(),
            override_availability: true,
            ..NewBookingRequest::default()
        };
    let mut held = None;
    for (client_id, package_id, date, time) in [
        (maya.client.id, programme.id, day(-6), "09:30"),
        (maya.client.id, programme.id, day(8), "09:30"),
        (maya.client.id, programme.id, day(22), "09:30"),
        (tom.client.id, check_ins.id, day(5), "13:00"),
    ] {
        if let Created::New(b) =
            bookings::create(db, &coach, &book(client_id, package_id, date, time), None).await?
        {
            held.get_or_insert(b.id);
        }
    }
    if let Some(past) = held {
        bookings::change_status(db, &coach, past, BookingAction::Complete, "", false).await?;
    }
    println!("Practice: 4 packages, 5 clients, 6 applications (one in each status), 5 bookings");
    Ok(())
}
