//! `/api/notifications`: the signed-in account's own in-app notifications (coach or user), read
//! and marked read. Another account's notification is not found.

use axum::extract::State;
use axum::Json;
use coachbook_core::time::{rfc3339, Zone};
use serde::{Deserialize, Serialize};
use utoipa::openapi::Object;
use utoipa::{IntoParams, ToSchema};

use crate::app::notify::inapp::{self, ListQuery, Notification, MAX_LIMIT, UNREAD_COUNT_CAP};
use crate::store::notifications::NotificationKind;
use crate::web::error::{ApiResult, ErrorBody};
use crate::web::extract::{ApiAccount, ApiPath, ApiQuery};
use crate::web::AppState;

/// The kinds a notification can be of, listed from the enum itself.
fn kind_schema() -> Object {
    let all: Vec<&'static str> = NotificationKind::ALL.iter().map(|k| k.as_str()).collect();
    crate::app::schema::one_of(&all, "What it is about.")
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NotificationView {
    pub id: i64,
    #[schema(schema_with = kind_schema)]
    pub kind: String,
    pub title: String,
    pub body: String,
    /// A path on this site to what it is about, e.g. `/admin/bookings?when=all#booking-12`.
    pub link: String,
    /// The practice it happened in.
    pub coach_id: i64,
    pub booking_id: Option<i64>,
    pub application_id: Option<i64>,
    /// RFC 3339 in your time zone.
    pub created_at: String,
    pub read: bool,
    /// RFC 3339 in your time zone; `null` while unread.
    pub read_at: Option<String>,
}

impl NotificationView {
    pub fn new(n: &Notification, zone: &Zone) -> Self {
        Self {
            id: n.id,
            kind: n.kind.as_str().to_owned(),
            title: n.title.clone(),
            body: n.body.clone(),
            link: n.link.clone(),
            coach_id: n.coach_id,
            booking_id: n.booking_id,
            application_id: n.application_id,
            created_at: rfc3339(n.created_at, zone),
            read: n.read_at.is_some(),
            read_at: n.read_at.map(|t| rfc3339(t, zone)),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NotificationList {
    /// Newest first.
    pub items: Vec<NotificationView>,
    /// How many of yours are unread (counted up to 1000).
    pub unread_count: i64,
    /// Whether older ones follow: ask again with `before` set to the last item's `id`.
    pub more: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReadAllResult {
    /// How many were unread and are now read.
    pub marked: u64,
    /// How many of yours are unread now (one may have come in meanwhile).
    pub unread_count: i64,
}

/// `GET /api/notifications` options.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", default)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only those not yet read.
    pub unread: Option<bool>,
    /// Only those older than this notification id (for the next page).
    pub before: Option<i64>,
    /// How many at most (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

/// Your notifications, newest first, with how many are unread. `limit` is 1 to 100 (default 20);
/// `unread=true` lists only unread ones. For the bell's count alone, ask with `limit=1`.
#[utoipa::path(get, path = "/notifications", tag = "notifications", params(ListParams),
    responses(
        (status = 200, body = NotificationList),
        (status = 422, description = "`limit` is outside 1 to 100", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn notifications_list(
    State(state): State<AppState>,
    ApiAccount(account): ApiAccount,
    ApiQuery(q): ApiQuery<ListParams>,
) -> ApiResult<Json<NotificationList>> {
    let query = ListQuery {
        unread_only: q.unread.unwrap_or(false),
        before: q.before,
        limit: q.limit,
    };
    let listed = inapp::list(state.ctx(), account.id, query).await?;
    Ok(Json(NotificationList {
        items: listed
            .items
            .iter()
            .map(|n| NotificationView::new(n, &account.zone))
            .collect(),
        unread_count: listed.unread_count,
        more: listed.more,
    }))
}

/// Mark one of your notifications read (one already read stays read since it was first read).
#[utoipa::path(post, path = "/notifications/{id}/read", tag = "notifications",
    params(("id" = i64, Path)),
    responses(
        (status = 200, description = "The notification, read", body = NotificationView),
        (status = 404, description = "You have no notification of that id", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn notifications_read(
    State(state): State<AppState>,
    ApiAccount(account): ApiAccount,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<NotificationView>> {
    let n = inapp::mark_read(state.ctx(), account.id, id).await?;
    Ok(Json(NotificationView::new(&n, &account.zone)))
}

/// Mark all your notifications read.
#[utoipa::path(post, path = "/notifications/read-all", tag = "notifications",
    responses((status = 200, body = ReadAllResult)),
    security(("bearer" = [])))]
pub async fn notifications_read_all(
    State(state): State<AppState>,
    ApiAccount(account): ApiAccount,
) -> ApiResult<Json<ReadAllResult>> {
    let marked = inapp::mark_all_read(state.ctx(), account.id).await?;
    let unread_count = inapp::unread_count(state.ctx(), account.id).await?;
    Ok(Json(ReadAllResult {
        marked,
        unread_count,
    }))
}

// The documented limits are the use case's.
const _: () = assert!(MAX_LIMIT == 100 && UNREAD_COUNT_CAP == 1000);
