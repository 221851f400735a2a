//! Applications: prospects asking to be coached, from the public apply form or entered by the
//! coach; status changes; promoting one to a client; the coach's intake questions.

use coachbook_core::application::ApplicationStatus;
use coachbook_core::validate::{Email, InvalidInput, PersonName};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::accounts::Account;
use super::availability::{rfc3339, zone};
use super::clients::{enrol_in, package_for_enrolment};
use super::packages::text;
use super::{AppError, AppResult, Checker};
use crate::store::applications::{
    self as store, ApplicationFields, ApplicationRow, NewApplication as NewRow, PublicCoach,
};
use crate::store::clients::{self, ClientFields};
use crate::store::{Db, StoreError};

/// Intake questions a coach may ask, and how long answers may be.
const MAX_QUESTIONS: usize = 10;
const MAX_QUESTION_CHARS: usize = 200;
const MAX_ANSWER_CHARS: usize = 2000;
const MAX_GOALS_CHARS: usize = 4000;

/// One intake question and the applicant's answer.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase", default)]
pub struct Answer {
    pub question: String,
    pub answer: String,
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
    pub status: String,
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
    fn from_row(r: ApplicationRow, tz: &jiff::tz::TimeZone) -> Self {
        let answers = serde_json::from_str(&r.answers).unwrap_or_default();
        Self {
            id: r.id,
            name: r.name,
            email: r.email,
            goals: r.goals,
            answers,
            status: r.status,
            booking_id: r.booking_id,
            client_id: r.client_id,
            package_id: r.package_id,
            created_at: rfc3339(seconds(r.created_at), tz),
            updated_at: rfc3339(seconds(r.updated_at), tz),
        }
    }

    pub fn status_label(&self) -> &'static str {
        ApplicationStatus::parse(&self.status).map_or("Unknown", ApplicationStatus::label)
    }

    pub fn is_promoted(&self) -> bool {
        self.status == "promoted"
    }

    /// The date part of `createdAt`, for lists.
    pub fn created_on(&self) -> &str {
        self.created_at.get(..10).unwrap_or(&self.created_at)
    }
}

fn seconds(ts: i64) -> Timestamp {
    Timestamp::from_second(ts).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// An application entered by the coach (e.g. from an email or a call).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct NewApplication {
    pub name: String,
    pub email: String,
    pub goals: String,
    pub answers: Vec<Answer>,
}

/// What the public apply form submits: answers in the order of the coach's questions.
#[derive(Debug, Clone, Default)]
pub struct PublicApplication {
    pub name: String,
    pub email: String,
    pub goals: String,
    pub answers: Vec<String>,
}

/// A change to an application. Omitted fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct ApplicationUpdate {
    /// `new`, `reviewing`, `discovery_scheduled`, `accepted` or `declined`. `promoted` is set by
    /// `POST /api/coaching/applications/{id}/promote`, and is final.
    pub status: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub goals: Option<String>,
    /// The package intended for the client (used when promoting without one).
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i64>)]
    pub package_id: Option<Option<i64>>,
    /// Schedule the discovery call: the first time it creates the application's booking
    /// (conflict-checked like any booking) and sets `bookingId`; later it moves that booking.
    pub discovery_call: Option<crate::app::bookings::DiscoveryCall>,
}

/// Tells "absent" (keep) from `null` (clear) for an optional field.
fn double_option<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<i64>>, D::Error> {
    Option::<i64>::deserialize(d).map(Some)
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
pub struct ApplicationQuery {
    /// One status, or all.
    pub status: Option<String>,
    /// Search in name, email and goals.
    pub q: Option<String>,
}

fn coach_id(coach: &Account) -> i64 {
    coach.coach_id.unwrap_or_default()
}

fn not_found(e: StoreError) -> AppError {
    match e {
        StoreError::NotFound => AppError::NotFound("application"),
        e => e.into(),
    }
}

/// The coach's questions, one per line, blank lines dropped.
pub fn split_questions(raw: &str) -> Vec<String> {
    raw.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn validate_person(
    c: &mut Checker,
    name: &str,
    email: &str,
    goals: &str,
) -> Option<(PersonName, Email, String)> {
    let name = c.check(PersonName::parse("name", name));
    let email = c.check(Email::parse("email", email));
    let goals = c.check(text("goals", goals, MAX_GOALS_CHARS));
    Some((name?, email?, goals?))
}

fn validate_answers(c: &mut Checker, answers: &[Answer]) -> Vec<Answer> {
    if answers.len() > MAX_QUESTIONS * 2 {
        c.push(InvalidInput::new("answers", "Send at most 20 answers."));
        return Vec::new();
    }
    let mut out = Vec::new();
    for a in answers {
        let q = c.check(text("answers", &a.question, MAX_QUESTION_CHARS));
        let ans = c.check(text("answers", &a.answer, MAX_ANSWER_CHARS));
        if let (Some(question), Some(answer)) = (q, ans) {
            out.push(Answer { question, answer });
        }
    }
    out
}

fn answers_json(answers: &[Answer]) -> AppResult<String> {
    serde_json::to_string(answers)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("answers to JSON: {e}")))
}

pub async fn list(db: &Db, coach: &Account, q: &ApplicationQuery) -> AppResult<Vec<Application>> {
    let status = q.status.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if let Some(s) = status {
        if ApplicationStatus::parse(s).is_none() {
            return Err(AppError::invalid(
                "status",
                "Use new, reviewing, discovery_scheduled, accepted, declined or promoted.",
            ));
        }
    }
    let tz = zone(&coach.time_zone);
    Ok(
        store::list(db.pool(), coach_id(coach), status, q.q.as_deref())
            .await?
            .into_iter()
            .map(|r| Application::from_row(r, &tz))
            .collect(),
    )
}

/// How many applications are in each status, in the order of [`ApplicationStatus::ALL`].
pub async fn counts(db: &Db, coach: &Account) -> AppResult<Vec<(ApplicationStatus, i64)>> {
    let rows = store::count_by_status(db.pool(), coach_id(coach)).await?;
    Ok(ApplicationStatus::ALL
        .into_iter()
        .map(|s| {
            let n = rows
                .iter()
                .find(|(name, _)| name == s.as_str())
                .map_or(0, |(_, n)| *n);
            (s, n)
        })
        .collect())
}

pub async fn get(db: &Db, coach: &Account, id: i64) -> AppResult<Application> {
    let row = store::get(db.pool(), coach_id(coach), id)
        .await
        .map_err(not_found)?;
    Ok(Application::from_row(row, &zone(&coach.time_zone)))
}

/// An application the coach enters by hand.
pub async fn create(db: &Db, coach: &Account, new: &NewApplication) -> AppResult<Application> {
    let mut c = Checker::default();
    let person = validate_person(&mut c, &new.name, &new.email, &new.goals);
    let answers = validate_answers(&mut c, &new.answers);
    c.finish()?;
    let Some((name, email, goals)) = person else {
        return Err(AppError::invalid("name", "Enter a name."));
    };
    let id = store::insert(
        db.pool(),
        coach_id(coach),
        &NewRow {
            name: name.as_str(),
            email: email.as_str(),
            goals: &goals,
            answers: &answers_json(&answers)?,
            status: "new",
        },
    )
    .await?;
    get(db, coach, id).await
}

/// The coach behind a public page address; unknown addresses are "not found".
pub async fn public_coach(db: &Db, slug: &str) -> AppResult<PublicCoach> {
    store::coach_by_slug(db.pool(), &slug.trim().to_lowercase())
        .await
        .map_err(|e| match e {
            StoreError::NotFound => AppError::NotFound("coach"),
            e => e.into(),
        })
}

/// The public apply form. Answers are paired with the coach's questions as they are now.
pub async fn apply(db: &Db, coach: &PublicCoach, form: &PublicApplication) -> AppResult<()> {
    let questions = split_questions(&coach.intake_questions);
    let mut c = Checker::default();
    let person = validate_person(&mut c, &form.name, &form.email, &form.goals);
    if form.goals.trim().is_empty() {
        c.push(InvalidInput::new(
            "goals",
            "Tell the coach briefly what you would like to work on.",
        ));
    }
    let answers: Vec<Answer> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| Answer {
            question: q.clone(),
            answer: form.answers.get(i).cloned().unwrap_or_default(),
        })
        .collect();
    let answers = validate_answers(&mut c, &answers);
    c.finish()?;
    let Some((name, email, goals)) = person else {
        return Err(AppError::invalid("name", "Enter a name."));
    };
    store::insert(
        db.pool(),
        coach.coach_id,
        &NewRow {
            name: name.as_str(),
            email: email.as_str(),
            goals: &goals,
            answers: &answers_json(&answers)?,
            status: "new",
        },
    )
    .await?;
    Ok(())
}

/// Changes an application's status and fields.
pub async fn update(
    db: &Db,
    coach: &Account,
    id: i64,
    change: &ApplicationUpdate,
) -> AppResult<Application> {
    let current = store::get(db.pool(), coach_id(coach), id)
        .await
        .map_err(not_found)?;
    let from = ApplicationStatus::parse(&current.status)
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("stored status {:?}", current.status)))?;
    let mut c = Checker::default();
    let to = match change.status.as_deref() {
        None => from,
        Some(raw) => match ApplicationStatus::parse(raw) {
            Some(to) => match from.can_change_to(to) {
                Ok(()) => to,
                Err(e) => {
                    c.push(InvalidInput::new("status", e.to_string()));
                    from
                }
            },
            None => {
                c.push(InvalidInput::new(
                    "status",
                    "Use new, reviewing, discovery_scheduled, accepted or declined.",
                ));
                from
            }
        },
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
        Some(Some(pid)) => {
            match crate::store::packages::get(db.pool(), coach_id(coach), pid).await {
                Ok(p) if p.archived_at.is_none() => Some(pid),
                Ok(_) => {
                    c.push(InvalidInput::new(
                        "packageId",
                        "That package is archived; restore it or choose another.",
                    ));
                    None
                }
                Err(StoreError::NotFound) => {
                    c.push(InvalidInput::new(
                        "packageId",
                        "Choose one of your packages.",
                    ));
                    None
                }
                Err(e) => return Err(e.into()),
            }
        }
    };
    c.finish()?;
    let Some((name, email, goals)) = person else {
        return Err(AppError::invalid("name", "Enter a name."));
    };
    // The call is booked first: if its time is refused, nothing about the application changes.
    let to = match &change.discovery_call {
        Some(call) => {
            crate::app::bookings::schedule_discovery(db, coach, id, current.booking_id, call)
                .await?;
            if change.status.is_none()
                && matches!(from, ApplicationStatus::New | ApplicationStatus::Reviewing)
            {
                ApplicationStatus::DiscoveryScheduled
            } else {
                to
            }
        }
        None => to,
    };
    store::update(
        db.pool(),
        coach_id(coach),
        id,
        &ApplicationFields {
            name: name.as_str(),
            email: email.as_str(),
            goals: &goals,
            status: to.as_str(),
            package_id,
        },
    )
    .await
    .map_err(not_found)?;
    get(db, coach, id).await
}

/// Promotes an application: creates the client (or reuses the coach's client with that email),
/// enrols them in the package chosen, marks the application promoted and moves its discovery
/// booking to the client — all in one transaction. Promoting again returns the same client.
pub async fn promote(
    db: &Db,
    coach: &Account,
    application_id: i64,
    package_id: Option<i64>,
) -> AppResult<Promotion> {
    let cid = coach_id(coach);
    let today = Timestamp::now().to_zoned(zone(&coach.time_zone)).date();
    let mut tx = db.begin_write().await?;
    store::lock(&mut *tx, cid, application_id)
        .await
        .map_err(not_found)?;
    let app = store::get(&mut *tx, cid, application_id)
        .await
        .map_err(not_found)?;
    let status = ApplicationStatus::parse(&app.status)
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("stored status {:?}", app.status)))?;
    if let (ApplicationStatus::Promoted, Some(client_id)) = (status, app.client_id) {
        // Already done: the same answer, nothing new written.
        tx.rollback().await?;
        return Ok(Promotion {
            client_id,
            application_id,
            booking_id: app.booking_id,
            enrolment_id: None,
        });
    }
    if let Err(e) = status.can_promote() {
        return Err(AppError::Conflict(e.to_string()));
    }
    let package = match package_id.or(app.package_id) {
        Some(pid) => Some(package_for_enrolment(&mut tx, cid, pid).await?),
        None => None,
    };
    let client_id = match clients::find_by_email(&mut *tx, cid, &app.email).await {
        Ok(existing) => {
            if existing.status != "active" {
                clients::reactivate(&mut *tx, cid, existing.id).await?;
            }
            existing.id
        }
        Err(StoreError::NotFound) => clients::insert(
            &mut *tx,
            cid,
            &ClientFields {
                name: app.name.clone(),
                email: app.email.clone(),
                phone: String::new(),
                notes: String::new(),
                status: "active".into(),
            },
        )
        .await
        .map_err(|e| {
            if e.is_unique_on("email") {
                AppError::Conflict(
                    "A client with this email was added at the same moment; try again.".into(),
                )
            } else {
                e.into()
            }
        })?,
        Err(e) => return Err(e.into()),
    };
    let enrolment_id = match &package {
        Some(p) => Some(enrol_in(&mut tx, coach, client_id, p, today).await?),
        None => None,
    };
    store::set_promoted(
        &mut *tx,
        cid,
        application_id,
        client_id,
        package.as_ref().map(|p| p.id),
    )
    .await?;
    if let Some(booking_id) = app.booking_id {
        clients::link_booking(&mut *tx, cid, booking_id, client_id).await?;
    }
    tx.commit().await?;
    Ok(Promotion {
        client_id,
        application_id,
        booking_id: app.booking_id,
        enrolment_id,
    })
}

/// The coach's intake questions, one per line.
pub async fn intake_questions(db: &Db, coach: &Account) -> AppResult<String> {
    Ok(store::intake_questions(db.pool(), coach_id(coach)).await?)
}

pub async fn set_intake_questions(db: &Db, coach: &Account, raw: &str) -> AppResult<String> {
    let questions = split_questions(raw);
    if questions.len() > MAX_QUESTIONS {
        return Err(AppError::invalid(
            "intakeQuestions",
            format!("Ask at most {MAX_QUESTIONS} questions."),
        ));
    }
    if questions
        .iter()
        .any(|q| q.chars().count() > MAX_QUESTION_CHARS || q.chars().any(char::is_control))
    {
        return Err(AppError::invalid(
            "intakeQuestions",
            format!("Keep each question to one line of at most {MAX_QUESTION_CHARS} characters."),
        ));
    }
    let joined = questions.join("\n");
    store::set_intake_questions(db.pool(), coach_id(coach), &joined).await?;
    Ok(joined)
}
