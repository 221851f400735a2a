//! `/api/me`: the account making the request.

use axum::extract::State;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use crate::app::accounts::{self, Account, SettingsUpdate};
use crate::web::error::{ApiResult, ErrorBody};
use crate::web::extract::{ApiAccount, ApiJson};
use crate::web::AppState;

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AccountView {
    pub id: i64,
    pub email: String,
    pub name: String,
    /// IANA time zone name, e.g. `Europe/London`.
    pub time_zone: String,
    /// `coach` or `user`.
    pub role: String,
    /// The language the person chose for pages and emails (`en`, `de`), `null` when none: their
    /// browser decides, else their coach's default. The API itself answers in English.
    pub locale: Option<String>,
    /// Present when the account runs a practice.
    pub coach: Option<CoachView>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CoachView {
    pub id: i64,
    pub slug: String,
    /// The coach's public page, relative to the server.
    pub page_path: String,
    /// The language the practice speaks to people who chose none (`en`, `de`).
    pub default_locale: String,
}

impl From<Account> for AccountView {
    fn from(a: Account) -> Self {
        let coach = a.coach().map(|c| CoachView {
            id: c.id,
            page_path: format!("/c/{}", c.slug),
            default_locale: a.default_locale.unwrap_or_default().code().to_owned(),
            slug: c.slug,
        });
        Self {
            id: a.id,
            email: a.email,
            name: a.name,
            time_zone: a.zone.name().to_owned(),
            role: a.role.as_str().to_owned(),
            locale: a.locale.map(|l| l.code().to_owned()),
            coach,
        }
    }
}

/// The signed-in account.
#[utoipa::path(
    get,
    path = "/me",
    tag = "account",
    responses(
        (status = 200, description = "The account behind the token or session", body = AccountView),
        (status = 401, description = "No valid token or session", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn me_get(ApiAccount(account): ApiAccount) -> Json<AccountView> {
    Json(account.into())
}

/// Update the signed-in account's name, email, time zone and (coaches) page address.
#[utoipa::path(
    patch,
    path = "/me",
    tag = "account",
    request_body = SettingsUpdate,
    responses(
        (status = 200, description = "The updated account", body = AccountView),
        (status = 401, description = "No valid token or session", body = ErrorBody),
        (status = 422, description = "A field is invalid; `fields` says which", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn me_patch(
    State(state): State<AppState>,
    ApiAccount(account): ApiAccount,
    ApiJson(update): ApiJson<SettingsUpdate>,
) -> ApiResult<Json<AccountView>> {
    let updated = accounts::update_settings(state.ctx(), &account, &update).await?;
    Ok(Json(updated.into()))
}
