//! The catalogue's API: session types and packages have the same six routes (list, create, get,
//! replace, archive, restore) over the same use cases, so they are written once, here, and each
//! resource says only its paths, types and wording.

use axum::http::StatusCode;
use axum::response::Response;
use coachbook_core::validate::InvalidInput;
use serde::de::{DeserializeOwned, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};
use utoipa::IntoParams;

use crate::web::error::Public;

/// `?includeArchived=true` lists archived entries too (after the active ones).
#[derive(Debug, Deserialize, IntoParams, Default)]
#[serde(rename_all = "camelCase", default)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Include archived entries.
    #[param(required = false)]
    pub include_archived: bool,
}

/// A body read field by field: the input, with the default where a field had the wrong JSON type
/// (text for a number, say), and an error for each such field, so the use case can still check
/// the others and every mistake is reported at once.
pub fn read_fields<T: DeserializeOwned>(
    body: Map<String, Value>,
) -> Result<(T, Vec<InvalidInput>), Box<Response>> {
    let whole = match serde_json::from_value::<T>(Value::Object(body.clone())) {
        Ok(input) => return Ok((input, Vec::new())),
        Err(e) => e,
    };
    let names = field_names::<T>();
    let mut typed = Vec::new();
    let mut rest = Map::new();
    for (key, value) in body {
        let alone = Map::from_iter([(key.clone(), value.clone())]);
        match serde_json::from_value::<T>(Value::Object(alone)) {
            Ok(_) => {
                rest.insert(key, value);
            }
            Err(e) => match names.iter().find(|n| **n == key) {
                Some(name) => typed.push(InvalidInput::new(name, wrong_type(&e))),
                None => {
                    rest.insert(key, value);
                }
            },
        }
    }
    match serde_json::from_value::<T>(Value::Object(rest)) {
        Ok(input) if !typed.is_empty() => Ok((input, typed)),
        // Not one field's type alone: say what serde says.
        _ => Err(Box::new(
            Public::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_input",
                format!("The body does not match the request schema: {whole}."),
            )
            .into_json(),
        )),
    }
}

/// What to send instead of a value of the wrong JSON type.
fn wrong_type(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let expected = text.rsplit("expected ").next().unwrap_or_default();
    match expected {
        "i64" | "i32" | "u32" | "u64" => "Send a whole number.".to_owned(),
        "a string" => "Send text (a JSON string).".to_owned(),
        "a boolean" => "Send true or false.".to_owned(),
        _ => format!("Send a value of the right type ({text})."),
    }
}

/// The JSON property names of a struct `T` deserializes, as serde hands them to a deserializer.
fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut names: &'static [&'static str] = &[];
    // The deserializer records the names and refuses, so nothing is built.
    let _ = T::deserialize(FieldNames(&mut names));
    names
}

struct FieldNames<'a>(&'a mut &'static [&'static str]);

impl<'de> Deserializer<'de> for FieldNames<'_> {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(serde::de::Error::custom(
            "only the field names are asked for",
        ))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(serde::de::Error::custom(
            "only the field names are asked for",
        ))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
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
            ApiJson(body): ApiJson<serde_json::Map<String, serde_json::Value>>,
        ) -> Result<(StatusCode, Json<$item>), axum::response::Response> {
            let api = |e: crate::app::AppError| axum::response::IntoResponse::into_response(crate::web::error::ApiError(e));
            let (new, typed) = $crate::web::api::catalog::read_fields::<$input>(body).map_err(|r| *r)?;
            if !typed.is_empty() {
                let checked = $app::check(state.ctx(), &coach, &new).await;
                return Err(api(crate::app::catalog::with_typed_errors(typed, checked)));
            }
            let created = $app::create(state.ctx(), &coach, &new).await.map_err(api)?;
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
            ApiJson(body): ApiJson<serde_json::Map<String, serde_json::Value>>,
        ) -> Result<Json<$item>, axum::response::Response> {
            let api = |e: crate::app::AppError| axum::response::IntoResponse::into_response(crate::web::error::ApiError(e));
            let (new, typed) = $crate::web::api::catalog::read_fields::<$input>(body).map_err(|r| *r)?;
            if !typed.is_empty() {
                // A missing one is a 404 before any field complaint, as when the types are right.
                $app::get(state.ctx(), &coach, id).await.map_err(api)?;
                let checked = $app::check(state.ctx(), &coach, &new).await;
                return Err(api(crate::app::catalog::with_typed_errors(typed, checked)));
            }
            Ok(Json($app::update(state.ctx(), &coach, id, &new).await.map_err(api)?))
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
