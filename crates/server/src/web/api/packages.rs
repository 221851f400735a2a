//! `/api/coaching/packages`: the coach's packages (the shared catalogue routes).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use super::catalog::catalog_api;
use crate::app::packages::{self, NewPackage, Package};
use crate::web::error::{ApiResult, ErrorBody};
use crate::web::extract::{ApiCoach, ApiJson, ApiPath, ApiQuery};
use crate::web::AppState;

catalog_api! {
    use_cases: packages, item: Package, input: NewPackage, tag: "packages",
    paths: ("/coaching/packages", "/coaching/packages/{id}", "/coaching/packages/{id}/archive", "/coaching/packages/{id}/restore"),
    list: packages_list "The coach's packages, active first, with how many clients are enrolled.",
    create: packages_create "Create a package.",
    get: packages_get "One package.",
    update: packages_update "Replace a package's settings. Clients already enrolled keep what they bought.",
    archive: packages_archive "Archive a package: no new enrolments; existing ones go on.",
    restore: packages_restore "Offer an archived package again.",
}
