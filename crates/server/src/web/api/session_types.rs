//! `/api/session-types`: the coach's session types (the shared catalogue routes).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use super::catalog::catalog_api;
use crate::app::session_types::{self, NewSessionType, SessionType};
use crate::web::error::{ApiResult, ErrorBody};
use crate::web::extract::{ApiCoach, ApiJson, ApiPath, ApiQuery};
use crate::web::AppState;

catalog_api! {
    use_cases: session_types, item: SessionType, input: NewSessionType, tag: "session types",
    paths: ("/session-types", "/session-types/{id}", "/session-types/{id}/archive", "/session-types/{id}/restore"),
    list: session_types_list "The coach's session types, active first.",
    create: session_types_create "Create a session type.",
    get: session_types_get "One session type.",
    update: session_types_update "Replace a session type's settings. Existing sessions keep the duration and buffers they were booked with.",
    archive: session_types_archive "Archive a session type: no longer offered; past and booked sessions keep it.",
    restore: session_types_restore "Offer an archived session type again.",
}
