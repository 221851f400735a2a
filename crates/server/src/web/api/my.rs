//! `/api/my`: the signed-in person's own bookings and package credits at every practice they are
//! connected to or booked with, and cancelling and rescheduling them under the coach's cut-offs.
//! Another person's booking id answers 404, exactly as a missing one.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use coachbook_core::time::rfc3339;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::app::my_sessions::{self, MyBooking, MyCredits, MyError};
use crate::app::AppError;
use crate::web::error::{ApiError, ErrorBody, Public};
use crate::web::extract::{ApiAccount, ApiJson, ApiPath, ApiQuery};
use crate::web::AppState;

/// A refusal of the person's change as the API answers it: 409 with its code, else the usual.
pub fn my_error(e: MyError) -> Response {
    match e {
        MyError::Refused(r) => Public::new(StatusCode::CONFLICT, r.code(), r.message()).into_json(),
        MyError::App(e) => ApiError(e).into_response(),
    }
}

/// Your bookings at every practice: upcoming (soonest first), then past (newest first), at most
/// 100 of each. Times are in your time zone; each says whether and on what terms you may cancel
/// or reschedule it now.
#[utoipa::path(get, path = "/my/bookings", tag = "my",
    responses((status = 200, body = [MyBooking]), (status = 401, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn my_bookings_list(
    State(state): State<AppState>,
    ApiAccount(account): ApiAccount,
) -> Result<Json<Vec<MyBooking>>, ApiError> {
    Ok(Json(my_sessions::bookings(state.ctx(), &account).await?))
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct MyCancel {
    /// Why, for the coach (optional).
    #[schema(max_length = 1000)]
    pub reason: String,
}

/// Cancel one of your bookings. Before the coach's cancellation cut-off a package credit it holds
/// is given back; after it the session counts as used (`cancelPolicy` in the booking says which
/// before you ask). The coach is told.
#[utoipa::path(post, path = "/my/bookings/{id}/cancel", tag = "my", params(("id" = i64, Path)),
    request_body = MyCancel,
    responses((status = 200, body = MyBooking), (status = 404, description = "Not one of your bookings", body = ErrorBody),
        (status = 409, description = "`session_started` or `not_changeable`: nothing to cancel", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn my_bookings_cancel(
    State(state): State<AppState>,
    ApiAccount(account): ApiAccount,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<MyCancel>,
) -> Response {
    let cx = state.ctx();
    let run = async {
        let m = my_sessions::mine(cx, &account, id).await?;
        my_sessions::cancel(cx, &m, &body.reason, Some(account.id)).await?;
        Ok::<_, MyError>(my_sessions::mine(cx, &account, id).await?.booking)
    };
    match run.await {
        Ok(b) => Json(b).into_response(),
        Err(e) => my_error(e),
    }
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MyReschedule {
    /// The new start, RFC 3339 with an offset: one of the open times
    /// (`GET /api/my/bookings/{id}/open-times`).
    #[schema(max_length = 64)]
    pub start: String,
}

/// Move one of your bookings to another open time of its session type, until the coach's
/// reschedule cut-off. The time is checked under the coach's lock against everything on the
/// calendar, as every booking is. The coach is told.
#[utoipa::path(post, path = "/my/bookings/{id}/reschedule", tag = "my", params(("id" = i64, Path)),
    request_body = MyReschedule,
    responses((status = 200, body = MyBooking), (status = 404, description = "Not one of your bookings", body = ErrorBody),
        (status = 409, description = "`conflict`: the time collides with something (taken meanwhile); `past_cutoff`: too close to the session; `session_started`, `not_changeable` or `reschedule_unavailable`", body = ErrorBody),
        (status = 422, description = "`start` is not an RFC 3339 time, or not an open time", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn my_bookings_reschedule(
    State(state): State<AppState>,
    ApiAccount(account): ApiAccount,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<MyReschedule>,
) -> Response {
    let cx = state.ctx();
    let run = async {
        let m = my_sessions::mine(cx, &account, id).await?;
        my_sessions::reschedule(cx, &m, &body.start).await?;
        Ok::<_, MyError>(my_sessions::mine(cx, &account, id).await?.booking)
    };
    match run.await {
        Ok(b) => Json(b).into_response(),
        Err(e) => my_error(e),
    }
}

/// An open time a booking can move to.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OpenTime {
    /// RFC 3339 in your time zone.
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct OpenTimesQuery {
    /// Only times from this instant on (RFC 3339 with an offset); default now. Page on with the
    /// last `start` you got.
    #[param(max_length = 64)]
    pub from: Option<String>,
}

/// The open times one of your bookings can move to: its session type's slots over the 14 days
/// from `from` (at most 60). Empty when it can no longer be rescheduled.
#[utoipa::path(get, path = "/my/bookings/{id}/open-times", tag = "my", params(("id" = i64, Path), OpenTimesQuery),
    responses((status = 200, body = [OpenTime]), (status = 404, description = "Not one of your bookings", body = ErrorBody),
        (status = 422, description = "`from` is not an RFC 3339 time", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn my_bookings_open_times(
    State(state): State<AppState>,
    ApiAccount(account): ApiAccount,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<OpenTimesQuery>,
) -> Result<Json<Vec<OpenTime>>, ApiError> {
    let cx = state.ctx();
    let after = match q.from.as_deref().map(str::trim).filter(|f| !f.is_empty()) {
        Some(raw) => Some(coachbook_core::validate::instant("from", raw).map_err(AppError::from)?),
        None => None,
    };
    let m = my_sessions::mine(cx, &account, id).await?;
    let slots = my_sessions::open_times(cx, &m, after).await?;
    Ok(Json(
        slots
            .iter()
            .map(|s| OpenTime {
                start: rfc3339(s.start, &account.zone),
                end: rfc3339(s.end, &account.zone),
            })
            .collect(),
    ))
}

/// Your package credits at every practice you are connected to: each enrolment with the
/// credits left, and the ledger, newest first.
#[utoipa::path(get, path = "/my/credits", tag = "my",
    responses((status = 200, body = [MyCredits]), (status = 401, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn my_credits(
    State(state): State<AppState>,
    ApiAccount(account): ApiAccount,
) -> Result<Json<Vec<MyCredits>>, ApiError> {
    Ok(Json(my_sessions::credits(state.ctx(), &account).await?))
}
