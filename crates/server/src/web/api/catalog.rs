//! The catalogue's API: session types and packages have the same six routes (list, create, get,
//! replace, archive, restore) over the same use cases, so they are written once, here, and each
//! resource says only its paths, types and wording.

use serde::Deserialize;
use utoipa::IntoParams;

/// `?includeArchived=true` lists archived entries too (after the active ones).
#[derive(Debug, Deserialize, IntoParams, Default)]
#[serde(rename_all = "camelCase", default)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Include archived entries.
    #[param(required = false)]
    pub include_archived: bool,
}

/// The six handlers of one catalogue resource, with their OpenAPI descriptions.
macro_rules! catalog_api {
    (
        use_cases: $app:ident, item: $item:ty, input: $input:ty, tag: $tag:literal,
        paths: ($list_path:literal, $one_path:literal, $archive_path:literal, $restore_path:literal),
        list: $list:ident $list_doc:literal,
        create: $create:ident $create_doc:literal,
        get: $get:ident $get_doc:literal,
        update: $update:ident $update_doc:literal,
        archive: $archive:ident $archive_doc:literal,
        restore: $restore:ident $restore_doc:literal $(,)?
    ) => {
        #[doc = $list_doc]
        #[utoipa::path(get, path = $list_path, tag = $tag, params($crate::web::api::catalog::ListQuery),
            responses((status = 200, body = [$item]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
            security(("bearer" = [])))]
        pub async fn $list(
            State(state): State<AppState>,
            ApiCoach(coach): ApiCoach,
            ApiQuery(q): ApiQuery<$crate::web::api::catalog::ListQuery>,
        ) -> ApiResult<Json<Vec<$item>>> {
            Ok(Json($app::list(state.ctx(), &coach, q.include_archived).await?))
        }

        #[doc = $create_doc]
        #[utoipa::path(post, path = $list_path, tag = $tag, request_body = $input,
            responses((status = 201, body = $item), (status = 422, description = "A field is invalid", body = ErrorBody)),
            security(("bearer" = [])))]
        pub async fn $create(
            State(state): State<AppState>,
            ApiCoach(coach): ApiCoach,
            ApiJson(new): ApiJson<$input>,
        ) -> ApiResult<(StatusCode, Json<$item>)> {
            let created = $app::create(state.ctx(), &coach, &new).await?;
            Ok((StatusCode::CREATED, Json(created)))
        }

        #[doc = $get_doc]
        #[utoipa::path(get, path = $one_path, tag = $tag, params(("id" = i64, Path)),
            responses((status = 200, body = $item), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
        pub async fn $get(
            State(state): State<AppState>,
            ApiCoach(coach): ApiCoach,
            ApiPath(id): ApiPath<i64>,
        ) -> ApiResult<Json<$item>> {
            Ok(Json($app::get(state.ctx(), &coach, id).await?))
        }

        #[doc = $update_doc]
        #[utoipa::path(put, path = $one_path, tag = $tag, params(("id" = i64, Path)), request_body = $input,
            responses((status = 200, body = $item), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
            security(("bearer" = [])))]
        pub async fn $update(
            State(state): State<AppState>,
            ApiCoach(coach): ApiCoach,
            ApiPath(id): ApiPath<i64>,
            ApiJson(new): ApiJson<$input>,
        ) -> ApiResult<Json<$item>> {
            Ok(Json($app::update(state.ctx(), &coach, id, &new).await?))
        }

        #[doc = $archive_doc]
        #[utoipa::path(post, path = $archive_path, tag = $tag, params(("id" = i64, Path)),
            responses((status = 200, body = $item), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
        pub async fn $archive(
            State(state): State<AppState>,
            ApiCoach(coach): ApiCoach,
            ApiPath(id): ApiPath<i64>,
        ) -> ApiResult<Json<$item>> {
            Ok(Json($app::set_archived(state.ctx(), &coach, id, true).await?))
        }

        #[doc = $restore_doc]
        #[utoipa::path(post, path = $restore_path, tag = $tag, params(("id" = i64, Path)),
            responses((status = 200, body = $item), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
        pub async fn $restore(
            State(state): State<AppState>,
            ApiCoach(coach): ApiCoach,
            ApiPath(id): ApiPath<i64>,
        ) -> ApiResult<Json<$item>> {
            Ok(Json($app::set_archived(state.ctx(), &coach, id, false).await?))
        }
    };
}
pub(crate) use catalog_api;
