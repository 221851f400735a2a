//! Reading a booking request: who it is for (a client, an application or a name and email),
//! which session type and package, and when. Every field is checked before anything is written,
//! and every mistake is reported at once, beside its field.

use coachbook_core::booking::SessionKind;
use coachbook_core::credit;
use coachbook_core::time::{local_date, resolve_wall, supported, Fold, Interval, WallNote, Zone};
use coachbook_core::validate::{self, Email, InvalidInput, PersonName};
use jiff::{SignedDuration, Timestamp};
use sqlx::AnyConnection;

use super::super::accounts::Coach;
use super::super::session_types;
use super::super::{AllChecked, AppError, AppResult, Checker};
use crate::store::applications::{self, ApplicationRow};
use crate::store::clients::{self, ClientRow};
use crate::store::enrolments::{self, EnrolmentRow};
use crate::store::packages::{self, PackageRow};
use crate::store::session_types::SessionTypeRow;
use crate::store::StoreError;

/// When, as a person or a script gave it: an RFC 3339 `start` (and optional `end`), or a `date`
/// with wall-clock `start_time` (and optional `end_time`) in the coach's zone. `fold` picks the
/// first or second occurrence of a time that happens twice when the clocks go back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimeInput {
    pub start: String,
    pub end: Option<String>,
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    pub fold: Option<String>,
}

/// What the coach asks to book.
#[derive(Debug, Clone, Default)]
pub struct BookingInput {
    /// Default: the package's type, else (for a discovery call) the coach's discovery type.
    pub session_type_id: Option<i64>,
    pub when: TimeInput,
    /// Default: the client's or applicant's.
    pub name: String,
    pub email: String,
    pub notes: String,
    pub meeting_url: String,
    /// Book even though the time is outside the coach's hours (never over anything).
    pub override_hours: bool,
    pub client_id: Option<i64>,
    /// A package the client is enrolled in: the session holds one of its credits.
    pub package_id: Option<i64>,
    /// The booking becomes this application's discovery call.
    pub application_id: Option<i64>,
    /// A session template: it fills what the request leaves out (type, length, capacity, link,
    /// notes, its client and that client's price).
    pub template_id: Option<i64>,
}

/// How a typed time was read when it was not simply one instant (a time the clock skips or
/// shows twice), to show beside `field`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notice {
    pub field: &'static str,
    pub note: WallNote,
}

/// The times asked for, read in the coach's zone.
pub(crate) struct Times {
    pub start: Timestamp,
    pub end: Option<Timestamp>,
    /// The field an error about the end belongs beside.
    pub end_field: &'static str,
    pub notices: Vec<Notice>,
}

impl Times {
    /// The proposed session: the end given, else `start` + `length`. At most 12 hours.
    pub fn interval(&self, length: SignedDuration) -> AppResult<Interval> {
        let end = match self.end {
            Some(end) => end,
            None => self.start.checked_add(length).map_err(|_| {
                AppError::from(
                    InvalidInput::new(self.end_field, "Choose an earlier time.")
                        .key("validate-choose-earlier-time"),
                )
            })?,
        };
        span(self.start, end, self.end_field)
    }
}

/// The proposed time as a checked interval: end after start, at most 12 hours, in range.
pub(crate) fn span(
    start: Timestamp,
    end: Timestamp,
    end_field: &'static str,
) -> AppResult<Interval> {
    if end <= start {
        return Err(AppError::from(
            InvalidInput::new(end_field, "The end must be after the start.")
                .key("validate-end-must-after-start"),
        ));
    }
    if end.duration_since(start) > SignedDuration::from_hours(12) {
        return Err(AppError::from(
            InvalidInput::new(end_field, "A session can last at most 12 hours.")
                .key("validate-session-can-last-most"),
        ));
    }
    supported(end).map_err(|_| {
        AppError::from(
            InvalidInput::new(
                end_field,
                "Choose an earlier end: times and dates must lie between the years 2000 and 2199.",
            )
            .key("validate-choose-earlier-end"),
        )
    })?;
    Ok(Interval { start, end })
}

/// Reads `when` in `zone`, recording every mistake in `c`.
pub(crate) fn read_times(c: &mut Checker, when: &TimeInput, zone: &Zone) -> Option<Times> {
    // Every field is held to what the API states, whichever form of the time is used.
    let sent = [
        ("start", when.start.as_str()),
        ("end", when.end.as_deref().unwrap_or_default()),
        ("date", when.date.as_str()),
        ("startTime", when.start_time.as_str()),
        ("endTime", when.end_time.as_str()),
    ];
    let lengths: Vec<_> = sent
        .iter()
        .map(|(field, raw)| c.check(validate::code(field, raw)))
        .collect();
    let fold = match when
        .fold
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
    {
        None => Some(Fold::Earlier),
        Some(raw) => c.check(Fold::parse(raw).map_err(|_| {
            InvalidInput::new(
                "fold",
                "Use earlier or later to say which of a repeated time you mean.",
            )
            .key("validate-use-earlier-later-say")
        })),
    };
    if lengths.iter().any(Option::is_none) {
        return None;
    }
    if !when.start.trim().is_empty() {
        fold?;
        let start = c.check(validate::instant("start", &when.start));
        let end = match when.end.as_deref().filter(|e| !e.trim().is_empty()) {
            Some(raw) => c.check(validate::instant("end", raw)).map(Some),
            None => Some(None),
        };
        let (start, end) = (start, end).all()?;
        return Some(Times {
            start,
            end,
            end_field: "end",
            notices: Vec::new(),
        });
    }
    let date = c.check(validate::date("date", &when.date));
    let start_time = c.check(validate::time_of_day("startTime", &when.start_time));
    let end_time = if when.end_time.trim().is_empty() {
        Some(None)
    } else {
        c.check(validate::time_of_day("endTime", &when.end_time))
            .map(Some)
    };
    let (date, start_time, end_time, fold) = (date, start_time, end_time, fold).all()?;
    let mut notices = Vec::new();
    let mut at = |field: &'static str, time: jiff::civil::Time| {
        let resolved = resolve_wall(zone.tz(), date.to_datetime(time), fold)?;
        if let Some(note) = resolved.note {
            notices.push(Notice { field, note });
        }
        Some(resolved.instant)
    };
    let Some(start) = at("startTime", start_time) else {
        c.push(
            InvalidInput::new("startTime", "Choose another time.")
                .key("validate-choose-another-time"),
        );
        return None;
    };
    let end = end_time.and_then(|t| at("endTime", t));
    Some(Times {
        start,
        end,
        end_field: if when.end_time.trim().is_empty() {
            "end"
        } else {
            "endTime"
        },
        notices,
    })
}

/// A booking request that passed every check that needs no lock.
pub(crate) struct Checked {
    pub name: PersonName,
    pub email: Email,
    pub session_type: SessionTypeRow,
    pub proposed: Interval,
    pub client_id: Option<i64>,
    /// The enrolment whose credit the booking holds.
    pub enrolment: Option<EnrolmentRow>,
    pub application_id: Option<i64>,
    pub notices: Vec<Notice>,
    /// Normalised (empty, or an https URL).
    pub meeting_url: String,
    pub notes: String,
    pub override_hours: bool,
    /// A new session's capacity, when a template sets it.
    pub capacity: Option<i64>,
    /// The price agreed with the client (a template's), in minor units, and its currency.
    pub price: Option<(i64, String)>,
    /// The session the booking goes into (an occurrence of a series), instead of one placed by
    /// its time.
    pub into_session: Option<i64>,
}

/// Looks up one of the coach's records named by id; unknown ids are a field error.
async fn own<T, F>(
    c: &mut Checker,
    id: Option<i64>,
    unknown: InvalidInput,
    fetch: F,
) -> AppResult<Option<T>>
where
    F: std::future::Future<Output = Result<T, StoreError>>,
{
    if id.is_none() {
        return Ok(None);
    }
    match fetch.await {
        Ok(found) => Ok(Some(found)),
        Err(StoreError::NotFound) => {
            c.push(unknown);
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

async fn client(
    conn: &mut AnyConnection,
    c: &mut Checker,
    coach: &Coach,
    id: Option<i64>,
) -> AppResult<Option<ClientRow>> {
    let fetch = clients::get(&mut *conn, coach.id, id.unwrap_or_default());
    let unknown =
        InvalidInput::new("clientId", "No such client among yours.").key("validate-no-such-client");
    own(c, id, unknown, fetch).await
}

async fn application(
    conn: &mut AnyConnection,
    c: &mut Checker,
    coach: &Coach,
    id: Option<i64>,
) -> AppResult<Option<ApplicationRow>> {
    let fetch = applications::get(&mut *conn, coach.id, id.unwrap_or_default());
    own(
        c,
        id,
        InvalidInput::new("applicationId", "No such application among yours.")
            .key("validate-no-such-application"),
        fetch,
    )
    .await
}

async fn package(
    conn: &mut AnyConnection,
    c: &mut Checker,
    coach: &Coach,
    id: Option<i64>,
) -> AppResult<Option<PackageRow>> {
    let fetch = packages::get(&mut *conn, coach.id, id.unwrap_or_default());
    own(
        c,
        id,
        InvalidInput::new("coachingPackageId", "No such package among yours.")
            .key("validate-no-such-package"),
        fetch,
    )
    .await
}

/// The enrolment a package session takes its credit from: the client's active enrolment in the
/// package, preferring one with credits left.
async fn enrolment(
    conn: &mut AnyConnection,
    c: &mut Checker,
    coach: &Coach,
    package: Option<&PackageRow>,
    client: Option<&ClientRow>,
    client_named: bool,
) -> AppResult<Option<EnrolmentRow>> {
    match (package, client) {
        (Some(_), None) if !client_named => {
            c.push(
                InvalidInput::new(
                    "clientId",
                    "Choose the client whose package credit this session uses.",
                )
                .key("validate-choose-client-whose-package"),
            );
            Ok(None)
        }
        (Some(p), Some(client)) => {
            let found = enrolments::for_client(&mut *conn, coach.id, client.id)
                .await?
                .into_iter()
                .filter(|e| {
                    e.package_id == p.id
                        && e.status == coachbook_core::practice::EnrolmentStatus::Active
                })
                .max_by_key(|e| (e.credits_remaining > 0, e.id));
            if found.is_none() {
                let (name, package) = (&client.name, &p.name);
                c.push(
                    InvalidInput::new(
                        "coachingPackageId",
                        format!(
                            "{name} is not enrolled in {package}. Enrol them on their page first, or book without a package."
                        ),
                    )
                    .key("validate-not-enrolled")
                    .arg("name", name)
                    .arg("package", package),
                );
            }
            Ok(found)
        }
        _ => Ok(None),
    }
}

/// The session type: as asked; else the package's; else, for a discovery call, the coach's
/// discovery type.
async fn session_type(
    conn: &mut AnyConnection,
    c: &mut Checker,
    coach: &Coach,
    asked: Option<i64>,
    package: Option<&PackageRow>,
    for_application: bool,
) -> AppResult<Option<SessionTypeRow>> {
    let id = match asked {
        Some(id) => Some(id),
        None => match package.and_then(|p| p.session_type_id) {
            Some(id) => Some(id),
            None if for_application => {
                crate::store::session_types::list(&mut *conn, coach.id, false)
                    .await?
                    .into_iter()
                    .find(|t| t.kind == SessionKind::Discovery)
                    .map(|t| t.id)
            }
            None => None,
        },
    };
    let Some(id) = id else {
        c.push(
            InvalidInput::new("sessionTypeId", "Choose a session type.")
                .key("validate-choose-session-type"),
        );
        return Ok(None);
    };
    match session_types::active(&mut *conn, coach.id, id).await {
        Ok(t) => Ok(Some(t)),
        Err(e) => c.absorb(e).map(|()| None),
    }
}

/// A meeting link: empty, or an `https` URL (parsed, not prefix-checked), as it is written
/// normalised. Control characters, spaces and quotes are refused rather than cleaned up.
pub(crate) fn meeting_url(raw: &str) -> Result<String, InvalidInput> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(String::new());
    }
    let refuse = || {
        InvalidInput::new(
            "meetingUrl",
            "Use a meeting link starting with https://, e.g. https://meet.example.com/ana.",
        )
        .key("validate-use-meeting-link-starting")
    };
    if raw.len() > 2000
        || raw
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '"' || c == '<' || c == '>')
    {
        return Err(refuse());
    }
    match url::Url::parse(raw) {
        Ok(u) if u.scheme() == "https" && u.host_str().is_some_and(|h| !h.is_empty()) => {
            Ok(u.to_string())
        }
        _ => Err(refuse()),
    }
}

pub(crate) fn notes(raw: &str) -> Result<String, InvalidInput> {
    super::super::catalog::text("notes", raw, 10_000)
}

/// The field error for a package credit that cannot pay for a session.
pub(crate) fn credit_refused(
    e: &EnrolmentRow,
    refusal: credit::CreditRefusal,
    field: &'static str,
) -> AppError {
    let package = &e.package_name;
    let refused = match refusal {
        credit::CreditRefusal::NoneLeft { total } => InvalidInput::new(
            field,
            format!(
                "No credits left in {package}: all {total} sessions are booked or used. Book without a package, or enrol the client again."
            ),
        )
        .key("validate-credits-none-left")
        .arg("package", package)
        .arg("total", total),
        credit::CreditRefusal::Expired { expires_on } => InvalidInput::new(
            field,
            format!(
                "The {package} credits can be used for sessions before {expires_on}; choose an earlier date or book without a package."
            ),
        )
        .key("validate-credits-expired")
        .arg("package", package)
        .arg("expires-on", expires_on),
    };
    AppError::from(refused)
}

/// Whether the enrolment can pay for a new session at `start` (one left, and in date).
pub(crate) fn check_credit(e: &EnrolmentRow, start: Timestamp, zone: &Zone) -> AppResult<()> {
    let day = local_date(zone.tz(), start);
    credit::can_book(
        e.credits_remaining,
        e.sessions_total,
        e.expires_on.map(|d| d.date()),
        day,
    )
    .map_err(|r| credit_refused(e, r, "coachingPackageId"))
}

/// Checks a booking request against the coach's records, reading on `conn`. Nothing is locked:
/// what can change before the write (credits, the calendar, the application's call) is checked
/// again inside it.
pub(crate) async fn check_request(
    conn: &mut AnyConnection,
    coach: &Coach,
    input: &BookingInput,
) -> AppResult<Checked> {
    let mut c = Checker::default();
    let template =
        super::super::templates::prefill(conn, &mut c, coach.id, input.template_id).await?;
    let t = template.as_ref();
    // The template's client, unless the request names someone itself.
    let named = !input.name.trim().is_empty() || !input.email.trim().is_empty();
    let client_id = match input.client_id {
        Some(id) => Some(id),
        None if named || input.application_id.is_some() => None,
        None => t.and_then(|t| t.client_id),
    };
    let client = client(conn, &mut c, coach, client_id).await?;
    let application = application(conn, &mut c, coach, input.application_id).await?;
    let package = package(conn, &mut c, coach, input.package_id).await?;

    // A client's or applicant's stored name and email fill what the request left empty.
    let stored = client
        .as_ref()
        .map(|c| (c.name.as_str(), c.email.as_str()))
        .or_else(|| {
            application
                .as_ref()
                .map(|a| (a.name.as_str(), a.email.as_str()))
        });
    let typed_or = |typed: &str, stored: Option<&str>| {
        if typed.trim().is_empty() {
            stored.unwrap_or_default().to_owned()
        } else {
            typed.to_owned()
        }
    };
    let name = c.check(PersonName::parse(
        "name",
        &typed_or(&input.name, stored.map(|s| s.0)),
    ));
    let email = c.check(Email::parse(
        "email",
        &typed_or(&input.email, stored.map(|s| s.1)),
    ));
    let enrolment = enrolment(
        conn,
        &mut c,
        coach,
        package.as_ref(),
        client.as_ref(),
        client_id.is_some(),
    )
    .await?;
    let times = read_times(&mut c, &input.when, &coach.zone);
    let given_or = |given: &str, template: Option<&str>| {
        if given.trim().is_empty() {
            template.unwrap_or_default().to_owned()
        } else {
            given.to_owned()
        }
    };
    let meeting_url = c.check(meeting_url(&given_or(
        &input.meeting_url,
        t.map(|t| t.meeting_url.as_str()),
    )));
    let notes = c.check(notes(&given_or(&input.notes, t.map(|t| t.notes.as_str()))));
    let session_type = session_type(
        conn,
        &mut c,
        coach,
        input.session_type_id.or(t.map(|t| t.session_type_id)),
        package.as_ref(),
        application.is_some(),
    )
    .await?;
    let (name, email, times, st, (meeting_url, notes)) =
        c.done((name, email, times, session_type, meeting_url.zip(notes)).all())?;
    let minutes = match t {
        Some(t) => t.duration_minutes,
        None => package
            .as_ref()
            .map_or(st.duration_minutes, |p| p.session_minutes),
    };
    // A template made for this type sets a new session's capacity (if it still fits the type).
    let capacity = t
        .filter(|t| t.session_type_id == st.id)
        .and_then(|t| super::super::templates::capacity_for(&st, t.capacity).ok());
    let price = t
        .filter(|t| t.client_id.is_some() && t.client_id == client.as_ref().map(|c| c.id))
        .and_then(|t| Some((t.client_specific_price_cents?, t.currency.clone())));
    let proposed = times.interval(SignedDuration::from_mins(minutes))?;
    if let Some(e) = &enrolment {
        check_credit(e, proposed.start, &coach.zone)?;
    }
    Ok(Checked {
        name,
        email,
        session_type: st,
        proposed,
        client_id: client.map(|c| c.id),
        enrolment,
        application_id: application.map(|a| a.id),
        notices: times.notices,
        meeting_url,
        notes,
        override_hours: input.override_hours,
        capacity,
        price,
        into_session: None,
    })
}
