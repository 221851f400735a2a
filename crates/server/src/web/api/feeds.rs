//! `/api/me/feeds`: the signed-in person's calendar feed addresses, and rotating one.

use axum::extract::State;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use crate::app::feeds::{self, Feed, RotateFeed};
use crate::web::error::{ApiResult, ErrorBody};
use crate::web::extract::{ApiAccount, ApiJson};
use crate::web::AppState;

/// A person's feeds: a coach's own and anonymised ones, and one per coach they are a client of.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FeedList {
    pub feeds: Vec<Feed>,
}

/// The signed-in person's iCalendar feed addresses (made on first ask). Each is a secret: anyone
/// with the address sees what the feed holds, until it is rotated.
#[utoipa::path(get, path = "/me/feeds", tag = "feeds",
    responses(
        (status = 200, description = "The feeds", body = FeedList),
        (status = 401, description = "No valid token or session", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn feeds_list(
    State(state): State<AppState>,
    ApiAccount(account): ApiAccount,
) -> ApiResult<Json<FeedList>> {
    let base = state.config().public_url();
    let feeds = feeds::list(state.ctx(), &account, &base).await?;
    Ok(Json(FeedList { feeds }))
}

/// Gives one feed a new address: the old one answers 404 from now on. Answers every feed.
#[utoipa::path(post, path = "/me/feeds/rotate", tag = "feeds",
    request_body = RotateFeed,
    responses(
        (status = 200, description = "The feeds, the rotated one with its new address", body = FeedList),
        (status = 401, description = "No valid token or session", body = ErrorBody),
        (status = 422, description = "No such feed of yours; `fields` names `kind` or `coachId`", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn feeds_rotate(
    State(state): State<AppState>,
    ApiAccount(account): ApiAccount,
    ApiJson(input): ApiJson<RotateFeed>,
) -> ApiResult<Json<FeedList>> {
    let base = state.config().public_url();
    let feeds = feeds::rotate(state.ctx(), &account, &input, &base).await?;
    Ok(Json(FeedList { feeds }))
}
