//! The session request form on the coach's page, `/c/{slug}/request`: a session type this viewer
//! may see, up to three dates and times in the viewer's zone, a message, and (for visitors) name
//! and email. Works without JavaScript; each mistake shows beside its field.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use coachbook_core::privacy::Denied;
use coachbook_core::time::Zone;
use coachbook_core::validate::InvalidInput;
use jiff::Timestamp;
use serde::Deserialize;
use tower_sessions::Session;

use super::{render, time_zones, with_retry_after, FieldErrors, Shell};
use crate::app::i18n::Tr;
use crate::app::privacy::{visit, Visit};
use crate::app::session_requests::{self as requests, FormType, NewSessionRequest, ProposedInput};
use crate::app::throttle::PublicForm;
use crate::app::AppError;
use crate::web::error::{PageError, PageResult};
use crate::web::extract::{ClientAddr, MaybeAccount, PageForm};
use crate::web::{words, AppState};

pub fn router() -> Router<AppState> {
    Router::new().route("/c/{slug}/request", get(request_get).post(request_post))
}

/// The form as posted; the three times are `date0`/`time0` … `date2`/`time2`.
#[derive(Deserialize, Default, Clone)]
#[serde(rename_all = "camelCase", default)]
struct RequestForm {
    session_type_id: String,
    date0: String,
    time0: String,
    date1: String,
    time1: String,
    date2: String,
    time2: String,
    time_zone: String,
    message: String,
    name: String,
    email: String,
    /// A field people never see (hidden by CSS); bots fill it in.
    website: String,
}

impl RequestForm {
    fn slot(&self, i: usize) -> (&str, &str) {
        match i {
            0 => (&self.date0, &self.time0),
            1 => (&self.date1, &self.time1),
            _ => (&self.date2, &self.time2),
        }
    }

    fn type_id(&self) -> i64 {
        self.session_type_id.trim().parse().unwrap_or(0)
    }
}

/// `?sessionTypeId=&start=` from the coach's page (a time outside the booking rules), `sent`
/// after a request went out.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct RequestQuery {
    session_type_id: String,
    start: String,
    tz: String,
    sent: String,
}

/// Where each slot's error shows.
const SLOT_FIELDS: [&str; 3] = ["slot0", "slot1", "slot2"];

#[derive(Template)]
#[template(path = "pages/request_form.html")]
struct RequestPage {
    shell: Shell,
    coach_name: String,
    slug: String,
    types: Vec<FormType>,
    form: RequestForm,
    errors: FieldErrors,
    /// Signed in: name and email come from the account.
    signed_in: bool,
    zones: &'static [String],
    coach_zone: String,
    expiry_hours: i64,
    /// Why this viewer cannot ask here (sign in first, clients only); the form is not shown.
    refused: Option<(String, bool)>,
    sent: bool,
    /// A message for the whole form (too many requests).
    alert: Option<String>,
}

impl RequestPage {
    fn slots(&self) -> Vec<(usize, String, String)> {
        (0..3)
            .map(|i| {
                let (d, t) = self.form.slot(i);
                (i, d.to_owned(), t.to_owned())
            })
            .collect()
    }

    fn slot_error(&self, i: &usize) -> Option<&str> {
        self.errors.get(SLOT_FIELDS[*i])
    }

    fn selected(&self, id: &i64) -> bool {
        self.form.type_id() == *id
    }
}

async fn shell(title: String, v: &Visit, session: &Session) -> Shell {
    match &v.account {
        Some(a) => Shell::signed_in(title, a, "", session).await,
        None => Shell::public(title),
    }
}

struct Ask {
    form: RequestForm,
    errors: FieldErrors,
    sent: bool,
    alert: Option<String>,
}

async fn page(state: &AppState, v: &Visit, session: &Session, ask: Ask) -> PageResult<RequestPage> {
    let coach_name = v.page.name.clone();
    let tr = Tr::current();
    let refused = match v.view.may_book() {
        Ok(_) if v.view.is_owner() => Some((tr.t("extra-request-own-page"), false)),
        Ok(_) => None,
        Err(Denied::Hidden) => return Err(PageError(AppError::NotFound("coach"))),
        Err(Denied::SignIn) => Some((
            tr.t1("extra-request-sign-in", "coach", coach_name.as_str()),
            true,
        )),
        Err(Denied::ClientsOnly) => Some((
            tr.t1("extra-request-clients-only", "coach", coach_name.as_str()),
            false,
        )),
    };
    let (types, expiry_hours) = if refused.is_none() {
        requests::form(state.ctx(), v).await?
    } else {
        (Vec::new(), 0)
    };
    Ok(RequestPage {
        shell: shell(
            tr.t1("request-title", "coach", coach_name.as_str()),
            v,
            session,
        )
        .await,
        coach_name,
        slug: v.page.slug.clone(),
        types,
        form: ask.form,
        errors: ask.errors,
        signed_in: v.account.is_some(),
        zones: time_zones(),
        coach_zone: v.page.zone.name().to_owned(),
        expiry_hours,
        refused,
        sent: ask.sent,
        alert: ask.alert,
    })
}

fn status_of(p: &RequestPage) -> StatusCode {
    if p.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

async fn request_get(
    State(state): State<AppState>,
    session: Session,
    MaybeAccount(account): MaybeAccount,
    Path(slug): Path<String>,
    Query(q): Query<RequestQuery>,
) -> PageResult<Response> {
    let v = visit(state.ctx(), account.as_ref(), &slug).await?;
    // The viewer's zone: asked for, else the account's; empty lets the browser fill in its own.
    let zone = Zone::get(q.tz.trim())
        .ok()
        .or_else(|| v.account.as_ref().map(|a| a.zone.clone()));
    let mut form = RequestForm {
        session_type_id: q.session_type_id.trim().to_owned(),
        time_zone: zone
            .as_ref()
            .map(|z| z.name().to_owned())
            .unwrap_or_default(),
        ..RequestForm::default()
    };
    // A time the coach's page could not book: the first slot, in the viewer's zone.
    if let Ok(start) = q.start.trim().parse::<Timestamp>() {
        let z = zone.unwrap_or_else(|| v.page.zone.clone());
        let local = start.to_zoned(z.tz().clone());
        form.date0 = local.date().to_string();
        form.time0 = local.strftime("%H:%M").to_string();
        form.time_zone = z.name().to_owned();
    }
    let ask = Ask {
        form,
        errors: FieldErrors::default(),
        sent: !q.sent.is_empty(),
        alert: None,
    };
    let p = page(&state, &v, &session, ask).await?;
    render(StatusCode::OK, &p)
}

/// The typed slots as the use case takes them, and which slot each became (empty ones are
/// skipped); a slot with only a date or only a time is an error beside it.
fn slots(form: &RequestForm) -> (Vec<ProposedInput>, Vec<usize>, Vec<InvalidInput>) {
    let (mut times, mut positions, mut errors) = (Vec::new(), Vec::new(), Vec::new());
    for (i, field) in SLOT_FIELDS.iter().enumerate() {
        let (d, t) = form.slot(i);
        let (d, t) = (d.trim(), t.trim());
        match (d.is_empty(), t.is_empty()) {
            (true, true) => {}
            (false, false) => {
                times.push(ProposedInput {
                    start: format!("{d}T{t}"),
                    end: None,
                });
                positions.push(i);
            }
            _ => errors.push(
                InvalidInput::new(field, "Give both a date and a time.")
                    .key("validate-date-and-time"),
            ),
        }
    }
    (times, positions, errors)
}

/// The use case's field names as the form's: `times[1].start` is the slot it came from.
fn on_form(errors: Vec<InvalidInput>, positions: &[usize]) -> Vec<InvalidInput> {
    errors
        .into_iter()
        .map(|e| {
            let field = match e.field {
                "times" => "slots",
                f if f.starts_with("times[") => f
                    .get(6..7)
                    .and_then(|n| n.parse::<usize>().ok())
                    .and_then(|k| positions.get(k))
                    .map_or("slots", |p| SLOT_FIELDS[*p]),
                f => f,
            };
            InvalidInput { field, ..e }
        })
        .collect()
}

async fn request_post(
    State(state): State<AppState>,
    session: Session,
    MaybeAccount(account): MaybeAccount,
    ClientAddr(addr): ClientAddr,
    Path(slug): Path<String>,
    PageForm(form): PageForm<RequestForm>,
) -> PageResult<Response> {
    let cx = state.ctx();
    let v = visit(cx, account.as_ref(), &slug).await?;
    requests::permitted(&v).map_err(PageError)?;
    let thanks = format!("/c/{}/request?sent=1", v.page.slug);
    let (times, positions, slot_errors) = slots(&form);
    let input = NewSessionRequest {
        session_type_id: form.type_id(),
        times,
        time_zone: Some(form.time_zone.clone()).filter(|z| !z.trim().is_empty()),
        message: form.message.clone(),
        name: form.name.clone(),
        email: form.email.clone(),
    };
    let email = requests::throttle_email(&v, &input).to_owned();
    let admitted = match state
        .forms()
        .admit(cx, PublicForm::Request(v.page.coach_id), addr, &email)
        .await
    {
        Ok(a) => a,
        Err(AppError::RateLimited { retry_after_secs }) => {
            let alert = format!(
                "Too many requests from here or with this email. Wait {}, then try again.",
                words::wait(retry_after_secs)
            );
            let ask = Ask {
                form,
                errors: FieldErrors::default(),
                sent: false,
                alert: Some(alert),
            };
            let p = page(&state, &v, &session, ask).await?;
            let res =
                with_retry_after(render(StatusCode::TOO_MANY_REQUESTS, &p)?, retry_after_secs);
            return Ok(res);
        }
        Err(e) => return Err(PageError(e)),
    };
    if !form.website.is_empty() {
        // A bot filled the invisible field: answer as if it worked, store nothing.
        return Ok(Redirect::to(&thanks).into_response());
    }
    let result = if slot_errors.is_empty() {
        requests::create(cx, &v, &input).await.map(|_| ())
    } else {
        // Nothing is sent, but the rest is checked too, so every mistake shows at once.
        match requests::check(cx, &v, &input).await {
            Err(AppError::Invalid(mut e)) => {
                e.retain(|x| x.field != "times");
                e.extend(slot_errors.clone());
                Err(AppError::Invalid(e))
            }
            Ok(()) => Err(AppError::Invalid(slot_errors.clone())),
            Err(other) => Err(other),
        }
    };
    match result {
        Ok(_) => Ok(Redirect::to(&thanks).into_response()),
        Err(AppError::Invalid(errors)) => {
            admitted.give_back(cx).await?;
            let mut errors = on_form(errors, &positions);
            // Slot errors found here are already in the slots' names.
            errors.dedup_by(|a, b| a.field == b.field && a.message == b.message);
            let ask = Ask {
                form,
                errors: FieldErrors::new(errors),
                sent: false,
                alert: None,
            };
            let p = page(&state, &v, &session, ask).await?;
            render(status_of(&p), &p)
        }
        Err(e) => {
            if matches!(e, AppError::NotFound(_)) {
                admitted.give_back(cx).await?;
            }
            Err(PageError(e))
        }
    }
}
