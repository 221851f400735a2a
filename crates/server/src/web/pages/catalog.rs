//! What the Session types and Packages pages share: a list with a form for a new entry, an edit
//! page, archive and restore buttons, each answering with a notice on the list. The handlers are
//! written once here; each page says how its form reads, which use cases it calls and how its
//! two pages look.

use std::future::Future;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use coachbook_core::validate::InvalidInput;
use serde::de::DeserializeOwned;
use tower_sessions::Session;

use super::{form_errors, set_notice, FieldErrors, Tr};
use crate::app::accounts::Coach;
use crate::app::catalog::with_typed_errors;
use crate::app::{AppError, AppResult, Ctx};
use crate::web::error::PageResult;
use crate::web::extract::{PageCoach, PageForm};
use crate::web::AppState;

/// A catalogue page: one kind of entry the coach lists, creates, edits, archives and restores.
pub trait CatalogPage: Send + Sync + 'static {
    /// The form as typed (numbers as text, checked beside their fields).
    type Form: DeserializeOwned + Send + 'static;
    /// What the use cases take.
    type Input: Send + Sync;
    type Item: Send;

    /// Where the list lives, e.g. `/admin/packages`.
    const PAGE: &'static str;
    /// The message id of what archiving means for people, after "Archived “name”."
    const ARCHIVED: &'static str;

    fn name(item: &Self::Item) -> &str;
    /// The input, with a placeholder for each number that did not read, and their errors.
    fn parse(form: &Self::Form) -> (Self::Input, Vec<InvalidInput>);
    /// The use case's checks alone, writing nothing: run when a number did not read, so the
    /// page shows every field's error at once.
    fn check(
        cx: &Ctx,
        coach: &Coach,
        input: &Self::Input,
    ) -> impl Future<Output = AppResult<()>> + Send;
    fn create(
        cx: &Ctx,
        coach: &Coach,
        input: &Self::Input,
    ) -> impl Future<Output = AppResult<Self::Item>> + Send;
    fn update(
        cx: &Ctx,
        coach: &Coach,
        id: i64,
        input: &Self::Input,
    ) -> impl Future<Output = AppResult<Self::Item>> + Send;
    fn set_archived(
        cx: &Ctx,
        coach: &Coach,
        id: i64,
        archived: bool,
    ) -> impl Future<Output = AppResult<Self::Item>> + Send;

    /// The list, with the new-entry form as sent back with its errors (or empty).
    fn list_page(
        state: &AppState,
        session: &Session,
        coach: &Coach,
        sent: Option<(Self::Form, FieldErrors)>,
    ) -> impl Future<Output = PageResult<Response>> + Send;
    /// One entry's edit page, with the form as sent back with its errors (or as saved).
    fn edit_page(
        state: &AppState,
        session: &Session,
        coach: &Coach,
        id: i64,
        sent: Option<(Self::Form, FieldErrors)>,
    ) -> impl Future<Output = PageResult<Response>> + Send;
}

/// The routes of a catalogue page.
pub fn router<P: CatalogPage>() -> Router<AppState> {
    let one = format!("{}/{{id}}", P::PAGE);
    Router::new()
        .route(P::PAGE, get(list_get::<P>).post(create_post::<P>))
        .route(&one, get(edit_get::<P>).post(edit_post::<P>))
        .route(&format!("{one}/archive"), post(archive_post::<P>))
        .route(&format!("{one}/restore"), post(restore_post::<P>))
}

async fn back_with_notice(session: &Session, page: &str, message: &str) -> Response {
    set_notice(session, message).await;
    Redirect::to(page).into_response()
}

async fn list_get<P: CatalogPage>(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
) -> PageResult<Response> {
    P::list_page(&state, &session, &coach, None).await
}

async fn create_post<P: CatalogPage>(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    PageForm(form): PageForm<P::Form>,
) -> PageResult<Response> {
    let result = match P::parse(&form) {
        (input, typed) if typed.is_empty() => P::create(state.ctx(), &coach, &input).await,
        (input, typed) => Err(typos::<P>(&state, &coach, &input, typed).await),
    };
    match result {
        Ok(created) => {
            let message = Tr::current().t1("catalog-created", "name", P::name(&created));
            Ok(back_with_notice(&session, P::PAGE, &message).await)
        }
        Err(e) => P::list_page(&state, &session, &coach, Some((form, form_errors(e)?))).await,
    }
}

/// The errors of a form where some number did not read, with the use case's own complaints about
/// the other fields.
async fn typos<P: CatalogPage>(
    state: &AppState,
    coach: &Coach,
    input: &P::Input,
    typed: Vec<InvalidInput>,
) -> AppError {
    with_typed_errors(typed, P::check(state.ctx(), coach, input).await)
}

async fn edit_get<P: CatalogPage>(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(id): Path<i64>,
) -> PageResult<Response> {
    P::edit_page(&state, &session, &coach, id, None).await
}

async fn edit_post<P: CatalogPage>(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(id): Path<i64>,
    PageForm(form): PageForm<P::Form>,
) -> PageResult<Response> {
    let result = match P::parse(&form) {
        (input, typed) if typed.is_empty() => P::update(state.ctx(), &coach, id, &input).await,
        (input, typed) => Err(typos::<P>(&state, &coach, &input, typed).await),
    };
    match result {
        Ok(updated) => {
            let message = Tr::current().t1("catalog-saved", "name", P::name(&updated));
            Ok(back_with_notice(&session, P::PAGE, &message).await)
        }
        Err(e) => {
            let sent = Some((form, form_errors(e)?));
            P::edit_page(&state, &session, &coach, id, sent).await
        }
    }
}

async fn archive_post<P: CatalogPage>(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(id): Path<i64>,
) -> PageResult<Response> {
    let item = P::set_archived(state.ctx(), &coach, id, true).await?;
    let tr = Tr::current();
    let message = tr.t2(
        "catalog-archived",
        "name",
        P::name(&item),
        "means",
        tr.t(P::ARCHIVED),
    );
    Ok(back_with_notice(&session, P::PAGE, &message).await)
}

async fn restore_post<P: CatalogPage>(
    State(state): State<AppState>,
    session: Session,
    PageCoach(coach): PageCoach,
    Path(id): Path<i64>,
) -> PageResult<Response> {
    let item = P::set_archived(state.ctx(), &coach, id, false).await?;
    let message = Tr::current().t1("catalog-restored", "name", P::name(&item));
    Ok(back_with_notice(&session, P::PAGE, &message).await)
}

/// 422 when a form came back with errors, else 200.
pub fn status_for<T>(sent: &Option<T>) -> axum::http::StatusCode {
    if sent.is_some() {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        axum::http::StatusCode::OK
    }
}

/// A price as the coach's pages write it: "€480.00" / "480,00 €", or "Free".
pub fn price(tr: Tr, cents: i64, currency: &str) -> String {
    crate::app::money::format(cents, currency, tr.locale().code())
}
