//! Applications: prospects asking to be coached, from the public apply form or entered by the
//! coach; status changes; promoting one to a client; the coach's intake questions.

use coachbook_core::application::{ApplicationStatus, IntakeAnswer};
use coachbook_core::practice::ClientStatus;
use coachbook_core::time::{rfc3339, Zone};
use coachbook_core::validate::{Email, InvalidInput, PersonName};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::accounts::Coach;
use super::bookings::{self, BookingInput, Notice, TimeInput};
use super::catalog::text;
use super::clients::{enrol_in, package_for_enrolment, today};
use super::{notify, AllChecked, AppError, AppResult, Checker, Ctx, Refusal};
use crate::store::applications::{
    self as store, Answers, ApplicationFields, ApplicationRow, NewApplication as NewRow, Promoted,
    PublicCoach,
};
use crate::store::bookings::{get_booking, lock_coach};
use crate::store::clients::{self, ClientFields};
use crate::store::{StoreError, Tx};

/// Intake questions a coach may ask, and how long answers may be.
const MAX_QUESTIONS: usize = 10;
const MAX_QUESTION_CHARS: usize = 200;
const MAX_ANSWER_CHARS: usize = 2000;
const MAX_GOALS_CHARS: usize = 4000;

/// One intake question and the applicant's answer.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase", default)]
pub struct Answer {
    #[schema(max_length = 200)]
    pub question: String,
    #[schema(max_length = 2000)]
    pub answer: String,
}

impl From<IntakeAnswer> for Answer {
    fn from(a: IntakeAnswer) -> Self {
        Self {
            question: a.question,
            answer: a.answer,
        }
    }
}

/// An application as the coach sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Application {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub goals: String,
    pub answers: Vec<Answer>,
    /// `new`, `reviewing`, `discovery_scheduled`, `accepted`, `declined` or `promoted`.
    #[schema(value_type = String)]
    pub status: ApplicationStatus,
    /// The discovery call's booking, once scheduled.
    pub booking_id: Option<i64>,
    /// The client it was promoted to.
    pub client_id: Option<i64>,
    /// The package chosen for the client.
    pub package_id: Option<i64>,
    /// RFC 3339 in the coach's time zone.
    pub created_at: String,
    pub updated_at: String,
}

impl Application {
    fn from_row(r: ApplicationRow, zone: &Zone) -> Self {
        Self {
            id: r.id,
            name: r.name,
            email: r.email,
            goals: r.goals,
            answers: r.answers.0.into_iter().map(Answer::from).collect(),
            status: r.status,
            booking_id: r.booking_id,
            client_id: r.client_id,
            package_id: r.package_id,
            created_at: rfc3339(r.created_at.timestamp(), zone),
            updated_at: rfc3339(r.updated_at.timestamp(), zone),
        }
    }

    pub fn status_label(&self) -> &'static str {
        self.status.label()
    }

    pub fn is_promoted(&self) -> bool {
        self.status == ApplicationStatus::Promoted
    }

    /// The date part of `createdAt`, for lists.
    pub fn created_on(&self) -> &str {
        self.created_at.get(..10).unwrap_or(&self.created_at)
    }
}

/// An application entered by the coach (e.g. from an email or a call).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct NewApplication {
    #[schema(required = true, min_length = 1, max_length = 100)]
    pub name: String,
    #[schema(required = true, min_length = 3, max_length = 254)]
    pub email: String,
    #[schema(max_length = 4000)]
    pub goals: String,
    #[schema(max_items = 20)]
    pub answers: Vec<Answer>,
}

/// What the public apply form submits: answers in the order of the coach's questions.
#[derive(Debug, Clone, Default)]
pub struct PublicApplication {
    pub name: String,
    pub email: String,
    pub goals: String,
    pub answers: Vec<String>,
    /// The account it was sent from, when signed in: promoting it connects that account.
    pub user_id: Option<i64>,
}

/// An application's discovery call: when and how. The session type defaults to the coach's
/// discovery type.
#[derive(Debug, Clone, Default)]
pub struct DiscoveryCallInput {
    pub session_type_id: Option<i64>,
    pub when: TimeInput,
    pub meeting_url: String,
    pub notes: String,
    pub override_hours: bool,
}

/// A change to an application; `None` keeps what is there.
#[derive(Debug, Clone, Default)]
pub struct ApplicationChange {
    /// Any status but `promoted` (set by promoting, and final).
    pub status: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub goals: Option<String>,
    /// `Some(None)` clears the intended package.
    pub package_id: Option<Option<i64>>,
    /// The first time it books the discovery call (conflict-checked like any booking) and sets
    /// `booking_id`; later it moves that booking.
    pub discovery_call: Option<DiscoveryCallInput>,
}

/// The answer to promoting an application.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Promotion {
    pub client_id: i64,
    pub application_id: i64,
    /// The discovery call's booking, now linked to the client.
    pub booking_id: Option<i64>,
    /// The enrolment created in the chosen package.
    pub enrolment_id: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct PromoteRequest {
    /// Enrol the new client in this package; default the package chosen on the application.
    pub package_id: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", default)]
#[into_params(parameter_in = Query)]
pub struct ApplicationQuery {
    #[param(schema_with = super::schema::application_status_filter)]
    pub status: Option<String>,
    /// Search in name, email and goals.
    #[param(max_length = 200)]
    pub q: Option<String>,
}

fn not_found(e: StoreError) -> AppError {
    AppError::missing("application")(e)
}

/// The coach's questions, one per line, blank lines dropped.
pub fn split_questions(raw: &str) -> Vec<String> {
    raw.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A checked name, email and goals, when all three are well-formed.
type Person = Option<(PersonName, Email, String)>;

fn validate_person(c: &mut Checker, name: &str, email: &str, goals: &str) -> Person {
    let name = c.check(PersonName::parse("name", name));
    let email = c.check(Email::parse("email", email));
    let goals = c.check(text("goals", goals, MAX_GOALS_CHARS));
    (name, email, goals).all()
}

fn validate_answers(c: &mut Checker, answers: &[Answer]) -> Answers {
    if answers.len() > MAX_QUESTIONS * 2 {
        c.push(
            InvalidInput::new("answers", "Send at most 20 answers.")
                .key("validate-send-most-20-answers"),
        );
        return Answers::default();
    }
    let mut out = Vec::new();
    for a in answers {
        let q = c.check(text("answers", &a.question, MAX_QUESTION_CHARS));
        let ans = c.check(text("answers", &a.answer, MAX_ANSWER_CHARS));
        if let (Some(question), Some(answer)) = (q, ans) {
            out.push(IntakeAnswer { question, answer });
        }
    }
    Answers(out)
}

fn parse_status(raw: &str, message: &str) -> Result<ApplicationStatus, InvalidInput> {
    ApplicationStatus::parse(raw.trim()).map_err(|_| InvalidInput::new("status", message))
}

pub async fn list(cx: &Ctx, coach: &Coach, q: &ApplicationQuery) -> AppResult<Vec<Application>> {
    let status = match q.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(raw) => Some(parse_status(
            raw,
            "Use new, reviewing, discovery_scheduled, accepted, declined or promoted.",
        )?),
        None => None,
    };
    let search = super::catalog::search("q", q.q.as_deref())?;
    Ok(
        store::list(cx.db.pool(), coach.id, status, search.as_deref())
            .await?
            .into_iter()
            .map(|r| Application::from_row(r, &coach.zone))
            .collect(),
    )
}

/// How many applications are in each status, in the order of [`ApplicationStatus::ALL`].
pub async fn counts(cx: &Ctx, coach: &Coach) -> AppResult<Vec<(ApplicationStatus, i64)>> {
    let rows = store::count_by_status(cx.db.pool(), coach.id).await?;
    Ok(ApplicationStatus::ALL
        .iter()
        .map(|&s| {
            let n = rows.iter().find(|r| r.status == s).map_or(0, |r| r.count);
            (s, n)
        })
        .collect())
}

pub async fn get(cx: &Ctx, coach: &Coach, id: i64) -> AppResult<Application> {
    let row = store::get(cx.db.pool(), coach.id, id)
        .await
        .map_err(not_found)?;
    Ok(Application::from_row(row, &coach.zone))
}

/// Checks an application and writes it as new; answers its id.
async fn insert(
    cx: &Ctx,
    coach_id: i64,
    mut c: Checker,
    person: Person,
    answers: &[Answer],
    from_the_public: bool,
    user_id: Option<i64>,
) -> AppResult<i64> {
    let answers = validate_answers(&mut c, answers);
    let (name, email, goals) = c.done(person)?;
    let row = NewRow {
        name: name.as_str(),
        email: email.as_str(),
        goals: &goals,
        answers: &answers,
    };
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    let id = store::insert(&mut *tx, coach_id, &row, now.into()).await?;
    if let Some(user_id) = user_id {
        crate::store::invitations::set_application_user(&mut *tx, coach_id, id, user_id).await?;
    }
    // The coach hears of an application someone sent, not of one they typed in themselves.
    if from_the_public {
        let event = notify::Event::ApplicationReceived { application_id: id };
        notify::on(&mut tx, cx, coach_id, &event, now).await?;
    }
    super::webhooks::application(
        &mut tx,
        coach_id,
        id,
        super::webhooks::EventType::ApplicationReceived,
        now,
    )
    .await?;
    tx.commit().await?;
    cx.wake.notify();
    Ok(id)
}

/// An application the coach enters by hand.
pub async fn create(cx: &Ctx, coach: &Coach, new: &NewApplication) -> AppResult<Application> {
    let mut c = Checker::default();
    let person = validate_person(&mut c, &new.name, &new.email, &new.goals);
    let id = insert(cx, coach.id, c, person, &new.answers, false, None).await?;
    get(cx, coach, id).await
}

/// The coach behind a public page address; unknown addresses are "not found".
pub async fn public_coach(cx: &Ctx, slug: &str) -> AppResult<PublicCoach> {
    // An address no slug can have is no coach's, without asking the database.
    let slug = coachbook_core::validate::Slug::parse("slug", slug)
        .map_err(|_| AppError::NotFound("coach"))?;
    store::coach_by_slug(cx.db.pool(), slug.as_str())
        .await
        .map_err(AppError::missing("coach"))
}

/// The public apply form. Answers are paired with the coach's questions as they are now.
pub async fn apply(cx: &Ctx, coach: &PublicCoach, form: &PublicApplication) -> AppResult<()> {
    let questions = split_questions(&coach.intake_questions);
    let mut c = Checker::default();
    let person = validate_person(&mut c, &form.name, &form.email, &form.goals);
    if form.goals.trim().is_empty() {
        c.push(
            InvalidInput::new(
                "goals",
                "Tell the coach briefly what you would like to work on.",
            )
            .key("validate-tell-coach-briefly-what"),
        );
    }
    let answers: Vec<Answer> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| Answer {
            question: q.clone(),
            answer: form.answers.get(i).cloned().unwrap_or_default(),
        })
        .collect();
    insert(cx, coach.coach_id, c, person, &answers, true, form.user_id).await?;
    Ok(())
}

/// Changes an application's status and fields, and books or moves its discovery call, all in
/// one transaction under the coach's lock: the application is read again there, so requests
/// racing to schedule its call book it once and move that one booking afterwards. If the call's
/// time is refused, nothing about the application changes.
pub async fn update(
    cx: &Ctx,
    coach: &Coach,
    id: i64,
    change: &ApplicationChange,
) -> AppResult<(Application, Vec<Notice>)> {
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    lock_coach(&mut *tx, coach.id).await?;
    let current = store::get(&mut *tx, coach.id, id)
        .await
        .map_err(not_found)?;
    let from = current.status;
    let mut c = Checker::default();
    let to = match change.status.as_deref() {
        None => from,
        Some(raw) => {
            let to = c.check(parse_status(
                raw,
                "Use new, reviewing, discovery_scheduled, accepted or declined.",
            ));
            match to.map(|to| from.can_change_to(to).map(|()| to)) {
                Some(Ok(to)) => to,
                Some(Err(e)) => {
                    c.push(InvalidInput::new("status", e.to_string()));
                    from
                }
                None => from,
            }
        }
    };
    let person = validate_person(
        &mut c,
        change.name.as_deref().unwrap_or(&current.name),
        change.email.as_deref().unwrap_or(&current.email),
        change.goals.as_deref().unwrap_or(&current.goals),
    );
    let package_id = match change.package_id {
        None => current.package_id,
        Some(None) => None,
        Some(Some(pid)) => match package_for_enrolment(&mut tx, coach.id, pid).await {
            Ok(p) => Some(p.id),
            Err(e) => {
                c.absorb(e)?;
                None
            }
        },
    };
    let (name, email, goals) = c.done(person)?;
    let mut notices = Vec::new();
    let to = match &change.discovery_call {
        Some(call) => {
            notices = schedule_discovery(&mut tx, cx, coach, &current, call, now).await?;
            if change.status.is_none() {
                from.after_discovery_booked()
            } else {
                to
            }
        }
        None => to,
    };
    store::update(
        &mut *tx,
        coach.id,
        id,
        &ApplicationFields {
            name: name.as_str(),
            email: email.as_str(),
            goals: &goals,
            status: to,
            package_id,
        },
        now.into(),
    )
    .await
    .map_err(not_found)?;
    if to != from {
        super::webhooks::application(
            &mut tx,
            coach.id,
            id,
            super::webhooks::EventType::ApplicationStatusChanged,
            now,
        )
        .await?;
    }
    let row = store::get(&mut *tx, coach.id, id).await?;
    tx.commit().await?;
    cx.wake.notify();
    Ok((Application::from_row(row, &coach.zone), notices))
}

/// Books an application's discovery call, or moves it when one is already booked: an
/// application has one discovery booking, never a second. Runs inside `tx`, under the lock.
async fn schedule_discovery(
    tx: &mut Tx,
    cx: &Ctx,
    coach: &Coach,
    app: &ApplicationRow,
    call: &DiscoveryCallInput,
    now: jiff::Timestamp,
) -> AppResult<Vec<Notice>> {
    if let Some(booking_id) = app.booking_id {
        let live = match get_booking(&mut **tx, coach.id, booking_id).await {
            Ok(b) => b.status.is_live(),
            Err(StoreError::NotFound) => false,
            Err(e) => return Err(e.into()),
        };
        if live {
            let notices = bookings::reschedule_in(
                tx,
                coach,
                booking_id,
                &call.when,
                call.override_hours,
                now,
            )
            .await?;
            // A link or notes sent with the move change the call's; empty keeps them.
            let given = |s: &str| (!s.trim().is_empty()).then(|| s.to_owned());
            let details = bookings::BookingUpdate {
                notes: given(&call.notes),
                meeting_url: given(&call.meeting_url),
            };
            bookings::update_in(tx, coach, booking_id, &details, now.into()).await?;
            let event = notify::Event::BookingRescheduled { booking_id };
            notify::on(tx, cx, coach.id, &event, now).await?;
            return Ok(notices);
        }
    }
    let input = BookingInput {
        session_type_id: call.session_type_id,
        when: call.when.clone(),
        meeting_url: call.meeting_url.clone(),
        notes: call.notes.clone(),
        override_hours: call.override_hours,
        application_id: Some(app.id),
        ..BookingInput::default()
    };
    let checked = bookings::check_request(tx, coach, &input).await?;
    let booking_id = bookings::create_in(tx, coach, &checked, now).await?;
    let event = notify::Event::BookingCreated { booking_id };
    notify::on(tx, cx, coach.id, &event, now).await?;
    Ok(checked.notices)
}

/// Promotes an application: creates the client (or reuses the coach's client with that email),
/// enrols them in the package chosen, marks the application promoted and moves its discovery
/// booking to the client — all in one transaction. Promoting again answers the same.
pub async fn promote(
    cx: &Ctx,
    coach: &Coach,
    application_id: i64,
    package_id: Option<i64>,
) -> AppResult<Promotion> {
    let now = cx.now();
    let stamp = now.into();
    let today = today(cx, coach);
    let mut tx = cx.db.begin_write().await?;
    store::lock(&mut *tx, coach.id, application_id, stamp)
        .await
        .map_err(not_found)?;
    let app = store::get(&mut *tx, coach.id, application_id)
        .await
        .map_err(not_found)?;
    if let (ApplicationStatus::Promoted, Some(client_id)) = (app.status, app.client_id) {
        // Already done: the same answer, nothing new written.
        tx.rollback().await?;
        return Ok(Promotion {
            client_id,
            application_id,
            booking_id: app.booking_id,
            enrolment_id: app.enrolment_id,
        });
    }
    app.status.can_promote().map_err(Refusal::Application)?;
    let package = match package_id.or(app.package_id) {
        Some(pid) => Some(package_for_enrolment(&mut tx, coach.id, pid).await?),
        None => None,
    };
    let client_id = match clients::find_by_email(&mut *tx, coach.id, &app.email).await {
        Ok(existing) => {
            if existing.status != ClientStatus::Active {
                clients::reactivate(&mut *tx, coach.id, existing.id, stamp).await?;
            }
            existing.id
        }
        Err(StoreError::NotFound) => clients::insert(
            &mut *tx,
            coach.id,
            &ClientFields {
                name: app.name.clone(),
                email: app.email.clone(),
                phone: String::new(),
                notes: String::new(),
                status: ClientStatus::Active,
            },
            stamp,
        )
        .await
        .map_err(|e| {
            if e.is_unique_on("email") {
                Refusal::Raced("client").into()
            } else {
                AppError::from(e)
            }
        })?,
        Err(e) => return Err(e.into()),
    };
    let enrolment_id = match &package {
        Some(p) => Some(enrol_in(cx, &mut tx, coach, client_id, p, today).await?),
        None => None,
    };
    store::set_promoted(
        &mut *tx,
        coach.id,
        application_id,
        &Promoted {
            client_id,
            package_id: package.as_ref().map(|p| p.id),
            enrolment_id,
        },
        stamp,
    )
    .await?;
    if let Some(booking_id) = app.booking_id {
        clients::link_booking(&mut *tx, coach.id, booking_id, client_id, stamp).await?;
    }
    super::invitations::connect_on_promotion(&mut tx, coach, application_id, client_id, stamp)
        .await?;
    super::webhooks::application(
        &mut tx,
        coach.id,
        application_id,
        super::webhooks::EventType::ApplicationPromoted,
        now,
    )
    .await?;
    tx.commit().await?;
    cx.wake.notify();
    Ok(Promotion {
        client_id,
        application_id,
        booking_id: app.booking_id,
        enrolment_id,
    })
}

/// Why an application cannot be merged into the earliest one from its email.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeRefusal {
    /// It is the earliest itself (or the only one).
    NothingEarlier,
    /// One of the two was promoted to a client, which is final.
    Promoted,
    /// Both have a discovery call booked; an application keeps one.
    TwoDiscoveryCalls,
}

/// The coach's applications that share their email with another of theirs: for each such
/// application, how many there are from that email and the earliest one's id.
pub async fn sharing_an_email(
    cx: &Ctx,
    coach: &Coach,
) -> AppResult<std::collections::HashMap<i64, SharedEmail>> {
    let rows = store::sharing_an_email(cx.db.pool(), coach.id).await?;
    let mut out = std::collections::HashMap::new();
    for group in rows.chunk_by(|a, b| a.1 == b.1) {
        let earliest = group[0].0;
        for (id, _) in group {
            out.insert(
                *id,
                SharedEmail {
                    count: group.len(),
                    earliest,
                },
            );
        }
    }
    Ok(out)
}

/// Several applications from one email, as the list marks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SharedEmail {
    /// Applications from this email, this one included.
    pub count: usize,
    /// The earliest of them, which the others merge into.
    pub earliest: i64,
}

/// The later application's goals and answers as added to the earlier one, each question dated
/// with the day it was sent (`YYYY-MM-DD` in the coach's zone); its name too when it differs.
fn answers_appended(earlier: &ApplicationRow, later: &ApplicationRow, zone: &Zone) -> Answers {
    let day = rfc3339(later.created_at.timestamp(), zone);
    let day = day.get(..10).unwrap_or(&day);
    let dated = |q: &str| format!("{q} (applied again {day})");
    let mut out = earlier.answers.0.clone();
    if !later.name.trim().eq_ignore_ascii_case(earlier.name.trim()) {
        out.push(IntakeAnswer {
            question: dated("Name"),
            answer: later.name.clone(),
        });
    }
    if !later.goals.trim().is_empty() {
        out.push(IntakeAnswer {
            question: dated("Goals"),
            answer: later.goals.clone(),
        });
    }
    out.extend(later.answers.0.iter().map(|a| IntakeAnswer {
        question: dated(&a.question),
        answer: a.answer.clone(),
    }));
    Answers(out)
}

/// Whether an application's discovery call is still on (pending or confirmed).
async fn call_is_live(tx: &mut Tx, coach_id: i64, booking: Option<i64>) -> AppResult<bool> {
    let Some(id) = booking else {
        return Ok(false);
    };
    match get_booking(&mut **tx, coach_id, id).await {
        Ok(b) => Ok(b.status.is_live()),
        Err(StoreError::NotFound) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Merges application `id` into the earliest application from the same email: the earliest is
/// kept, with the later one's goals and answers appended (dated), its discovery call if it had
/// the only one and its package if it had none; the later one is removed. One transaction, under
/// the coach's lock (as booking a discovery call takes it). Answers the application kept.
pub async fn merge_into_earliest(cx: &Ctx, coach: &Coach, id: i64) -> AppResult<Application> {
    let now = cx.stamp();
    let mut tx = cx.db.begin_write().await?;
    lock_coach(&mut *tx, coach.id).await?;
    let later = store::get(&mut *tx, coach.id, id)
        .await
        .map_err(not_found)?;
    let earlier = store::earliest_with_email(&mut *tx, coach.id, &later.email).await?;
    if earlier.id == later.id {
        return Err(Refusal::Merge(MergeRefusal::NothingEarlier).into());
    }
    if later.status == ApplicationStatus::Promoted || earlier.status == ApplicationStatus::Promoted
    {
        return Err(Refusal::Merge(MergeRefusal::Promoted).into());
    }
    let earlier_live = call_is_live(&mut tx, coach.id, earlier.booking_id).await?;
    let later_live = call_is_live(&mut tx, coach.id, later.booking_id).await?;
    let (booking_id, status) = match (earlier_live, later_live) {
        (true, true) => return Err(Refusal::Merge(MergeRefusal::TwoDiscoveryCalls).into()),
        (false, true) => (later.booking_id, earlier.status.after_discovery_booked()),
        _ => (earlier.booking_id.or(later.booking_id), earlier.status),
    };
    let answers = answers_appended(&earlier, &later, &coach.zone);
    store::move_bookings(&mut *tx, coach.id, later.id, earlier.id).await?;
    store::set_merged(
        &mut *tx,
        coach.id,
        earlier.id,
        &store::Merged {
            answers: &answers,
            status,
            booking_id,
            package_id: earlier.package_id.or(later.package_id),
        },
        now,
    )
    .await?;
    store::delete(&mut *tx, coach.id, later.id).await?;
    let kept = store::get(&mut *tx, coach.id, earlier.id).await?;
    tx.commit().await?;
    Ok(Application::from_row(kept, &coach.zone))
}

/// The coach's intake questions, one per line.
pub async fn intake_questions(cx: &Ctx, coach: &Coach) -> AppResult<String> {
    Ok(store::intake_questions(cx.db.pool(), coach.id).await?)
}

pub async fn set_intake_questions(cx: &Ctx, coach: &Coach, raw: &str) -> AppResult<String> {
    let questions = split_questions(raw);
    if questions.len() > MAX_QUESTIONS {
        return Err(AppError::from(
            InvalidInput::new(
                "intakeQuestions",
                format!("Ask at most {MAX_QUESTIONS} questions."),
            )
            .key("validate-ask-most-questions")
            .arg("max-questions", MAX_QUESTIONS),
        ));
    }
    if questions
        .iter()
        .any(|q| q.chars().count() > MAX_QUESTION_CHARS || q.chars().any(char::is_control))
    {
        return Err(AppError::from(
            InvalidInput::new(
                "intakeQuestions",
                format!(
                    "Keep each question to one line of at most {MAX_QUESTION_CHARS} characters."
                ),
            )
            .key("validate-keep-each-question-one")
            .arg("max-question-chars", MAX_QUESTION_CHARS),
        ));
    }
    let joined = questions.join("\n");
    store::set_intake_questions(cx.db.pool(), coach.id, &joined).await?;
    Ok(joined)
}
