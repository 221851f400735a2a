//! The JSON API under `/api`, and its OpenAPI description generated from the handlers.

pub mod applications;
pub mod availability;
pub mod availability_impact;
pub mod bookings;
pub mod bulk;
pub mod busy_calendars;
pub mod catalog;
pub mod clients;
pub mod coaches;
pub mod cohosts;
pub mod emails;
pub mod events;
pub mod feeds;
pub mod insights;
pub mod invitations;
pub mod me;
pub mod my;
pub mod notifications;
pub mod packages;
pub mod payments;
pub mod privacy;
pub mod series;
pub mod session_requests;
pub mod session_types;
pub mod sessions;
pub mod templates;
pub mod waitlist;
pub mod webhooks;

use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Coachbook API",
        description = "Scheduling and client management for coaching practices. Authenticate with \
                       `Authorization: Bearer TOKEN` (create one with `coachbook token create`). \
                       Times are RFC 3339 with offsets; time zones are IANA names; fields are camelCase. \
                       Errors are `{ \"error\": { \"code\", \"message\", \"fields\"? } }`."
    ),
    modifiers(&BearerAuth),
    components(schemas(super::error::ErrorBody))
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

fn api() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    use availability as av;
    use session_types as st;
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(me::me_get, me::me_patch))
        .routes(routes!(feeds::feeds_list))
        .routes(routes!(feeds::feeds_rotate))
        .routes(routes!(coaches::coaches_get))
        .routes(routes!(coaches::coaches_calendar))
        .routes(routes!(coaches::coaches_book))
        .routes(routes!(privacy::privacy_get, privacy::privacy_put))
        .routes(routes!(
            busy_calendars::busy_calendars_list,
            busy_calendars::busy_calendars_create
        ))
        .routes(routes!(
            busy_calendars::busy_calendars_rename,
            busy_calendars::busy_calendars_delete
        ))
        .routes(routes!(busy_calendars::busy_calendars_sync))
        .routes(routes!(notifications::notifications_list))
        .routes(routes!(notifications::notifications_read))
        .routes(routes!(notifications::notifications_read_all))
        .routes(routes!(emails::emails_list))
        .routes(routes!(emails::emails_get))
        .routes(routes!(events::coach_events))
        .routes(routes!(events::own_events))
        .routes(routes!(st::session_types_list, st::session_types_create))
        .routes(routes!(st::session_types_get, st::session_types_update))
        .routes(routes!(st::session_types_archive))
        .routes(routes!(st::session_types_restore))
        .routes(routes!(packages::packages_list, packages::packages_create))
        .routes(routes!(packages::packages_get, packages::packages_update))
        .routes(routes!(packages::packages_archive))
        .routes(routes!(packages::packages_restore))
        .routes(routes!(clients::clients_list, clients::clients_create))
        .routes(routes!(clients::clients_get, clients::clients_update))
        .routes(routes!(clients::clients_enrol))
        .routes(routes!(clients::clients_credits))
        .routes(routes!(clients::clients_bookings))
        .routes(routes!(
            invitations::invitation_get,
            invitations::invitation_create,
            invitations::invitation_revoke
        ))
        .routes(routes!(invitations::clients_disconnect))
        .routes(routes!(my::my_bookings_list))
        .routes(routes!(my::my_bookings_cancel))
        .routes(routes!(my::my_bookings_reschedule))
        .routes(routes!(my::my_bookings_open_times))
        .routes(routes!(my::my_credits))
        .routes(routes!(
            applications::applications_list,
            applications::applications_create
        ))
        .routes(routes!(
            applications::applications_get,
            applications::applications_update
        ))
        .routes(routes!(applications::applications_promote))
        .routes(routes!(applications::applications_merge))
        .routes(routes!(bookings::bookings_create, bookings::bookings_list))
        .routes(routes!(bookings::bookings_get, bookings::bookings_update))
        .routes(routes!(bookings::bookings_check))
        .routes(routes!(bookings::bookings_confirm))
        .routes(routes!(bookings::bookings_cancel))
        .routes(routes!(bookings::bookings_complete))
        .routes(routes!(bookings::bookings_no_show))
        .routes(routes!(bookings::bookings_reschedule))
        .routes(routes!(bookings::bookings_waive))
        .routes(routes!(av::availability_slots))
        .routes(routes!(av::availability_schedule))
        .routes(routes!(
            av::availability_rules_get,
            av::availability_rules_put
        ))
        .routes(routes!(av::availability_overrides_list))
        .routes(routes!(
            av::availability_override_put,
            av::availability_override_delete
        ))
        .routes(routes!(
            av::availability_blocks_list,
            av::availability_blocks_create
        ))
        .routes(routes!(av::availability_blocks_delete))
        .routes(routes!(availability_impact::availability_impact))
        .routes(routes!(
            av::availability_policy_get,
            av::availability_policy_put
        ))
        .routes(routes!(session_requests::session_requests_create))
        .routes(routes!(session_requests::session_requests_list))
        .routes(routes!(session_requests::session_requests_demand))
        .routes(routes!(
            session_requests::session_requests_settings_get,
            session_requests::session_requests_settings_put
        ))
        .routes(routes!(session_requests::session_requests_get))
        .routes(routes!(session_requests::session_requests_approve))
        .routes(routes!(session_requests::session_requests_decline))
        .routes(routes!(sessions::sessions_list, sessions::sessions_create))
        .routes(routes!(sessions::sessions_get, sessions::sessions_update))
        .routes(routes!(sessions::sessions_move))
        .routes(routes!(sessions::sessions_cancel))
        .routes(routes!(sessions::sessions_capacity))
        .routes(routes!(sessions::sessions_save_template))
        .routes(routes!(cohosts::sessions_hosts_invite))
        .routes(routes!(cohosts::sessions_hosts_accept))
        .routes(routes!(cohosts::sessions_hosts_decline))
        .routes(routes!(cohosts::sessions_hosts_remove))
        .routes(routes!(cohosts::cohost_candidates))
        .routes(routes!(bulk::sessions_bulk))
        .routes(routes!(bulk::sessions_bulk_cancel))
        .routes(routes!(series::series_get, series::series_update))
        .routes(routes!(series::series_cancel))
        .routes(routes!(series::series_book))
        .routes(routes!(
            sessions::meeting_links_get,
            sessions::meeting_links_put
        ))
        .routes(routes!(
            templates::templates_list,
            templates::templates_create
        ))
        .routes(routes!(
            templates::templates_get,
            templates::templates_update,
            templates::templates_delete
        ))
        .routes(routes!(
            waitlist::waitlist_get,
            waitlist::waitlist_join,
            waitlist::waitlist_leave
        ))
        .routes(routes!(waitlist::waitlist_claim))
        .routes(routes!(waitlist::waitlist_order))
        .routes(routes!(waitlist::waitlist_offer))
        .routes(routes!(
            waitlist::waitlist_settings_get,
            waitlist::waitlist_settings_put
        ))
        .routes(routes!(webhooks::webhooks_list, webhooks::webhooks_create))
        .routes(routes!(webhooks::webhooks_delete))
        .routes(routes!(webhooks::webhooks_deliveries))
        .routes(routes!(webhooks::webhooks_test))
        .routes(routes!(insights::insights_get))
        .routes(routes!(insights::insights_csv))
        .routes(routes!(payments::payments_list, payments::payments_create))
        .routes(routes!(payments::payments_delete))
        .routes(routes!(payments::payments_due))
        .routes(routes!(payments::clients_balance))
        .routes(routes!(payments::client_prices_list))
        .routes(routes!(
            payments::client_prices_put,
            payments::client_prices_delete
        ))
        .split_for_parts()
}

/// The OpenAPI document, with paths as they are served (under `/api`).
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, mut doc) = api();
    let paths = std::mem::take(&mut doc.paths.paths);
    for (path, mut item) in paths {
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            document_common_answers(op, path.contains('{'));
        }
        doc.paths.paths.insert(format!("/api{path}"), item);
    }
    doc
}

/// Adds the answers any operation can give, whatever its handler: the ones the extractors and
/// layers in front of every handler produce. Each is the error body; a handler's own wording of
/// one of these codes is kept.
fn document_common_answers(op: &mut Operation, has_path_params: bool) {
    let has_query = op.parameters.as_ref().is_some_and(|ps| {
        ps.iter()
            .any(|p| matches!(p.parameter_in, ParameterIn::Query))
    });
    let has_body = op.request_body.is_some();
    let mut answers = vec![
        (
            "401",
            "No valid API token (`Authorization: Bearer TOKEN`) or session.",
        ),
        (
            "403",
            "The token's account is not a coach, or the request came from another site.",
        ),
    ];
    if has_query || has_body {
        answers.push((
            "400",
            "Malformed: a body that is not JSON, or a query value of the wrong type.",
        ));
    }
    if has_query && !has_body {
        answers.push((
            "422",
            "A query value is not acceptable (too long, control characters); `fields` names it.",
        ));
    }
    if has_path_params {
        answers.push((
            "404",
            "No such resource of yours (or the id is not a number).",
        ));
    }
    if has_body {
        answers.extend([
            ("413", "The body is larger than 256 KiB."),
            (
                "415",
                "The body is not sent as `Content-Type: application/json`.",
            ),
            (
                "422",
                "A field is missing, of the wrong type or not acceptable; `fields` names each.",
            ),
        ]);
    }
    for (code, description) in answers {
        let entry = op
            .responses
            .responses
            .entry(code.to_owned())
            .or_insert_with(|| {
                RefOr::T(
                    ResponseBuilder::new()
                        .content(
                            "application/json",
                            ContentBuilder::new()
                                .schema(Some(Ref::from_schema_name("ErrorBody")))
                                .build(),
                        )
                        .build(),
                )
            });
        if let RefOr::T(response) = entry {
            if response.description.is_empty() {
                description.clone_into(&mut response.description);
            }
        }
    }
    for (code, response) in &mut op.responses.responses {
        if let RefOr::T(response) = response {
            if response.description.is_empty() {
                response.description = match code.as_str() {
                    "200" => "OK.",
                    "201" => "Created.",
                    "204" => "Done; nothing to return.",
                    "404" => "Not found.",
                    "409" => "Refused as things stand (see `code` and `message`).",
                    _ => "See `code` and `message`.",
                }
                .to_owned();
            }
        }
    }
}

pub fn router() -> Router<AppState> {
    let (routes, _) = api();
    routes
        .route("/openapi.json", get(openapi_json))
        .route("/docs", get(docs))
}

async fn openapi_json() -> Response {
    Json(openapi()).into_response()
}

/// A readable API reference rendered from the same OpenAPI document.
async fn docs() -> Response {
    match super::pages::api_docs(&openapi()) {
        Ok(html) => Html(html).into_response(),
        Err(e) => super::error::PageError(e).into_response(),
    }
}
