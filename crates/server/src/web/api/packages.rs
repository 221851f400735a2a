//! `/api/coaching/packages`: the coach's packages.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::app::packages::{self, NewPackage, Package};
use crate::web::error::{ApiResult, ErrorBody};
use crate::web::extract::{ApiCoach, ApiJson, ApiPath, ApiQuery};
use crate::web::AppState;

#[derive(Debug, Deserialize, IntoParams, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct ListQuery {
    /// Include archived packages.
    include_archived: bool,
}

/// The coach's packages, active first, with how many clients are enrolled.
#[utoipa::path(get, path = "/coaching/packages", tag = "packages", params(ListQuery),
    responses((status = 200, body = [Package]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn packages_list(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> ApiResult<Json<Vec<Package>>> {
    Ok(Json(
        packages::list(state.ctx(), &coach, q.include_archived).await?,
    ))
}

/// Create a package.
#[utoipa::path(post, path = "/coaching/packages", tag = "packages", request_body = NewPackage,
    responses((status = 201, body = Package), (status = 422, description = "A field is invalid", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn packages_create(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiJson(new): ApiJson<NewPackage>,
) -> ApiResult<(StatusCode, Json<Package>)> {
    Ok((
        StatusCode::CREATED,
        Json(packages::create(state.ctx(), &coach, &new).await?),
    ))
}

/// One package.
#[utoipa::path(get, path = "/coaching/packages/{id}", tag = "packages", params(("id" = i64, Path)),
    responses((status = 200, body = Package), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
pub async fn packages_get(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Package>> {
    Ok(Json(packages::get(state.ctx(), &coach, id).await?))
}

/// Replace a package's settings. Clients already enrolled keep what they bought.
#[utoipa::path(put, path = "/coaching/packages/{id}", tag = "packages", params(("id" = i64, Path)), request_body = NewPackage,
    responses((status = 200, body = Package), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn packages_update(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
    ApiJson(new): ApiJson<NewPackage>,
) -> ApiResult<Json<Package>> {
    Ok(Json(packages::update(state.ctx(), &coach, id, &new).await?))
}

/// Archive a package: no new enrolments; existing ones go on.
#[utoipa::path(post, path = "/coaching/packages/{id}/archive", tag = "packages", params(("id" = i64, Path)),
    responses((status = 200, body = Package), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
pub async fn packages_archive(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Package>> {
    Ok(Json(
        packages::set_archived(state.ctx(), &coach, id, true).await?,
    ))
}

/// Offer an archived package again.
#[utoipa::path(post, path = "/coaching/packages/{id}/restore", tag = "packages", params(("id" = i64, Path)),
    responses((status = 200, body = Package), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
pub async fn packages_restore(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Package>> {
    Ok(Json(
        packages::set_archived(state.ctx(), &coach, id, false).await?,
    ))
}
