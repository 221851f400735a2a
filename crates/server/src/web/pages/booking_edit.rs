//! A booking's Edit page (notes, meeting link, session type, package) and Reschedule page (a
//! date and time in the coach's zone, through the booking conflict check), reached from the
//! Bookings list, a client's Sessions tab and the Calendar's side panel. Plain forms: each
//! mistake is shown beside its field and nothing is saved until all is well.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use coachbook_core::practice::EnrolmentStatus;
use coachbook_core::validate::InvalidInput;
use serde::Deserialize;
use tower_sessions::Session;

use super::{form_errors, local_path, render, set_notice, FieldErrors, Shell, Tr};
use crate::app::accounts::Coach;
use crate::app::booking_edit::{self, BookingEdit};
use crate::app::bookings::{self, Booking, TimeInput};
use crate::app::clients::{self, Enrolment};
use crate::app::i18n::msg;
use crate::app::session_types::{self, SessionType};
use crate::app::{sessions, AppError, Refusal};
use crate::web::error::{PageError, PageResult};
use crate::web::extract::{PageCoach, PageForm};
use crate::web::{dates, words, AppState};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/bookings/{id}/edit", get(edit_get).post(edit_post))
        .route(
            "/admin/bookings/{id}/reschedule",
            get(reschedule_get).post(reschedule_post),
        )
}

/// The menu item these pages sit under.
const SECTION: &str = "/admin/bookings";

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
struct Back {
    next: String,
}

/// Where to go back to: a path on this site, else the Bookings page.
fn back(next: &str) -> String {
    local_path(next).unwrap_or(SECTION).to_owned()
}

/// The Edit form as posted.
#[derive(Debug, Deserialize, Default, Clone)]
#[serde(rename_all = "camelCase", default)]
pub struct EditForm {
    pub notes: String,
    pub meeting_url: String,
    pub session_type_id: String,
    /// An enrolment id of the client's, or empty for no package.
    pub enrolment_id: String,
    pub next: String,
}

/// The Reschedule form as posted.
#[derive(Debug, Deserialize, Default, Clone)]
#[serde(rename_all = "camelCase", default)]
pub struct RescheduleForm {
    pub date: String,
    pub start_time: String,
    /// `earlier` or `later`, for a time the clocks show twice.
    pub fold: String,
    /// Ticked after the time was refused as outside the coach's hours.
    pub override_availability: Option<String>,
    pub next: String,
}

#[derive(Template)]
#[template(path = "pages/booking_edit.html")]
struct EditPage {
    shell: Shell,
    /// `edit` or `reschedule`.
    mode: &'static str,
    b: Booking,
    day: String,
    time: String,
    time_zone: String,
    back: String,
    /// The coach's session types (the booking's own too, even if archived since).
    types: Vec<SessionType>,
    /// The client's enrolments a credit can come from (and the one held now).
    enrolments: Vec<Enrolment>,
    /// Others booked into the same session: a type or link change is theirs too.
    others: i64,
    /// Past its start or no longer live: only the notes change.
    notes_only: bool,
    edit: EditForm,
    move_to: RescheduleForm,
    errors: FieldErrors,
    /// The override checkbox's label, once the time was refused as outside the hours.
    override_label: Option<String>,
}

impl EditPage {
    /// "Package A — 3 of 5 credits left" for the package picker.
    fn enrolment_label(&self, e: &Enrolment) -> String {
        let tr = self.shell.tr;
        let label = tr.args(
            if e.expired {
                msg("booking-edit-package-expired")
            } else {
                msg("booking-edit-package-option")
            },
            &[
                ("package", e.package_name.as_str().into()),
                ("left", e.credits_remaining.into()),
                ("total", e.sessions_total.into()),
            ],
        );
        if Some(e.package_id) == self.b.package_id
            && self.b.package_name.as_deref() == Some(e.package_name.as_str())
        {
            return tr.t1("booking-edit-package-used-now", "label", label);
        }
        label
    }

    /// Why the booking can no longer change, from its status and whether it has begun.
    fn state_text(&self, id: &str) -> String {
        let started = if self.b.status.is_live() { "yes" } else { "no" };
        self.shell
            .tr
            .t2(id, "status", self.b.status.as_str(), "started", started)
    }
}

async fn page(
    state: &AppState,
    session: &Session,
    coach: &Coach,
    id: i64,
    mode: &'static str,
    fill: impl FnOnce(&mut EditPage),
) -> PageResult<EditPage> {
    let b = bookings::get(state.ctx(), coach, id).await?;
    let now = state.clock().now();
    let mut types = session_types::list(state.ctx(), coach, false).await?;
    if !types.iter().any(|t| t.id == b.session_type_id) {
        // An archived type stays the booking's own choice until another is picked.
        if let Ok(t) = session_types::get(state.ctx(), coach, b.session_type_id).await {
            types.insert(0, t);
        }
    }
    let enrolments = match b.client_id {
        Some(client_id) => clients::get(state.ctx(), coach, client_id)
            .await?
            .enrolments
            .into_iter()
            .filter(|e| e.status == EnrolmentStatus::Active)
            .collect(),
        None => Vec::new(),
    };
    let others = match sessions::get(state.ctx(), coach, b.session_id).await {
        Ok(s) => (s.seats_taken - 1).max(0),
        Err(AppError::NotFound(_)) => 0,
        Err(e) => return Err(PageError(e)),
    };
    let enrolment_id = enrolment_of(&b, &enrolments);
    let title = Tr::current().t(if mode == "edit" {
        msg("booking-edit-title")
    } else {
        msg("booking-edit-reschedule-title")
    });
    let mut p = EditPage {
        shell: Shell::for_coach(title, coach, SECTION, session).await,
        mode,
        day: dates::day(b.start, &coach.zone),
        time: dates::time_range(b.start, b.end, &coach.zone),
        time_zone: coach.zone.name().to_owned(),
        back: SECTION.to_owned(),
        types,
        enrolments,
        others,
        notes_only: !(b.status.is_live() && b.start > now),
        edit: EditForm {
            notes: b.notes.clone(),
            meeting_url: b.meeting_url.clone(),
            session_type_id: b.session_type_id.to_string(),
            enrolment_id,
            next: String::new(),
        },
        move_to: RescheduleForm {
            date: b.start.to_zoned(coach.zone.tz().clone()).date().to_string(),
            start_time: b
                .start
                .to_zoned(coach.zone.tz().clone())
                .strftime("%H:%M")
                .to_string(),
            ..RescheduleForm::default()
        },
        b,
        errors: FieldErrors::default(),
        override_label: None,
    };
    fill(&mut p);
    Ok(p)
}

/// The enrolment whose credit the booking holds, as the picker's value.
fn enrolment_of(b: &Booking, enrolments: &[Enrolment]) -> String {
    // The booking names the package; the client's active enrolment in it is the one it uses
    // (the newest, as listed first, when there are two).
    b.package_id
        .and_then(|p| enrolments.iter().find(|e| e.package_id == p))
        .map(|e| e.id.to_string())
        .unwrap_or_default()
}

async fn edit_get(
    State(state): State<AppState>,
    PageCoach(coach): PageCoach,
    session: Session,
    Path(id): Path<i64>,
    Query(q): Query<Back>,
) -> PageResult<Response> {
    let p = page(&state, &session, &coach, id, "edit", |p| {
        p.back = back(&q.next);
    })
    .await?;
    render(StatusCode::OK, &p)
}

/// The id chosen in a picker: none when left empty; anything that is not an id is `message`
/// beside `field`.
fn picked(
    raw: &str,
    field: &'static str,
    message: &str,
    errors: &mut Vec<InvalidInput>,
) -> Option<i64> {
    match raw.trim() {
        "" => None,
        raw => raw
            .parse::<i64>()
            .map_err(|_| errors.push(InvalidInput::new(field, message)))
            .ok(),
    }
}

async fn edit_post(
    State(state): State<AppState>,
    PageCoach(coach): PageCoach,
    session: Session,
    Path(id): Path<i64>,
    PageForm(form): PageForm<EditForm>,
) -> PageResult<Response> {
    let before = bookings::get(state.ctx(), &coach, id).await?;
    let mut errors = Vec::new();
    let session_type_id = picked(
        &form.session_type_id,
        "sessionTypeId",
        &Tr::current().t("booking-edit-error-type"),
        &mut errors,
    );
    let enrolment_id = picked(
        &form.enrolment_id,
        "enrolmentId",
        &Tr::current().t("booking-edit-error-package"),
        &mut errors,
    );
    // A package left as it was is no change, even when it is the second of two enrolments.
    let current = before.package_id.map(|_| ());
    let unchanged_package = enrolment_id.is_none() && current.is_none();
    let edit = BookingEdit {
        notes: Some(form.notes.clone()),
        meeting_url: Some(form.meeting_url.clone()),
        session_type_id,
        enrolment_id: None,
    };
    let result = if errors.is_empty() {
        let edit = BookingEdit {
            enrolment_id: match (unchanged_package, enrolment_id) {
                (true, _) => None,
                (false, e) => Some(e),
            },
            ..edit
        };
        let edit = keep_same_enrolment(&state, &coach, &before, edit).await?;
        booking_edit::edit(state.ctx(), &coach, id, &edit).await
    } else {
        Err(AppError::Invalid(errors))
    };
    let next = back(&form.next);
    match result {
        Ok(b) => {
            let notice = Tr::current().t1("booking-edit-saved", "name", &b.name);
            set_notice(&session, &notice).await;
            Ok(Redirect::to(&next).into_response())
        }
        Err(AppError::Refused(r)) => {
            let message = words::refusal_on_page(&r);
            let p = page(&state, &session, &coach, id, "edit", |p| {
                p.back = next;
                p.edit = form;
                p.errors = FieldErrors::message("sessionTypeId", message);
            })
            .await?;
            render(StatusCode::CONFLICT, &p)
        }
        Err(e) => {
            let errors = form_errors(e)?;
            let p = page(&state, &session, &coach, id, "edit", |p| {
                p.back = next;
                p.edit = form;
                p.errors = errors;
            })
            .await?;
            render(StatusCode::UNPROCESSABLE_ENTITY, &p)
        }
    }
}

/// The picker shows the enrolment of the booking's package; choosing it again is no change
/// (the credit stays where it is held).
async fn keep_same_enrolment(
    state: &AppState,
    coach: &Coach,
    before: &Booking,
    mut edit: BookingEdit,
) -> PageResult<BookingEdit> {
    if let (Some(Some(chosen)), Some(client_id), Some(package_id)) =
        (edit.enrolment_id, before.client_id, before.package_id)
    {
        let detail = clients::get(state.ctx(), coach, client_id).await?;
        let same = detail
            .enrolments
            .iter()
            .find(|e| e.id == chosen)
            .is_some_and(|e| e.package_id == package_id);
        if same {
            edit.enrolment_id = None;
        }
    }
    Ok(edit)
}

async fn reschedule_get(
    State(state): State<AppState>,
    PageCoach(coach): PageCoach,
    session: Session,
    Path(id): Path<i64>,
    Query(q): Query<Back>,
) -> PageResult<Response> {
    let p = page(&state, &session, &coach, id, "reschedule", |p| {
        p.back = back(&q.next);
    })
    .await?;
    render(StatusCode::OK, &p)
}

async fn reschedule_post(
    State(state): State<AppState>,
    PageCoach(coach): PageCoach,
    session: Session,
    Path(id): Path<i64>,
    PageForm(form): PageForm<RescheduleForm>,
) -> PageResult<Response> {
    let when = TimeInput {
        date: form.date.clone(),
        start_time: form.start_time.clone(),
        fold: Some(form.fold.clone()).filter(|f| !f.trim().is_empty()),
        ..TimeInput::default()
    };
    let next = back(&form.next);
    let result = bookings::reschedule(
        state.ctx(),
        &coach,
        id,
        &when,
        form.override_availability.is_some(),
    )
    .await;
    match result {
        Ok((b, notices)) => {
            let mut message = Tr::current().args(
                "booking-edit-moved",
                &[
                    ("name", b.name.as_str().into()),
                    ("day", dates::day(b.start, &coach.zone).into()),
                    (
                        "time",
                        dates::time_range(b.start, b.end, &coach.zone).into(),
                    ),
                ],
            );
            for n in &notices {
                message.push(' ');
                message.push_str(&words::notice(n));
            }
            set_notice(&session, &message).await;
            Ok(Redirect::to(&next).into_response())
        }
        Err(AppError::Refused(r)) => {
            let message = words::refusal_on_page(&r);
            let override_label = match &r {
                Refusal::OutsideHours(reason) => Some(super::bookings::override_label(*reason)),
                _ => None,
            };
            let p = page(&state, &session, &coach, id, "reschedule", |p| {
                p.back = next;
                p.move_to = form;
                p.errors = FieldErrors::message("startTime", message);
                p.override_label = override_label;
            })
            .await?;
            render(StatusCode::CONFLICT, &p)
        }
        Err(e) => {
            let errors = form_errors(e)?;
            let p = page(&state, &session, &coach, id, "reschedule", |p| {
                p.back = next;
                p.move_to = form;
                p.errors = errors;
            })
            .await?;
            render(StatusCode::UNPROCESSABLE_ENTITY, &p)
        }
    }
}
