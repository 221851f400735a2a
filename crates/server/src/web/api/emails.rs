//! `/api/emails`: the coach's outbox, as `/admin/emails` shows it: every email written on the
//! coach's behalf, with what became of it. Another coach's email is not found.

use axum::extract::State;
use axum::Json;
use coachbook_core::time::{rfc3339, Zone};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::app::notify::email::{self, Email, STATUSES};
use crate::app::AppError;
use crate::web::error::{ApiResult, ErrorBody};
use crate::web::extract::{ApiCoach, ApiPath, ApiQuery};
use crate::web::AppState;

/// One email, without its parts (ask for it by id for those).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EmailSummary {
    pub id: i64,
    /// What it is: `booking_created`, `booking_confirmed`, `booking_cancelled`,
    /// `booking_cancelled_coach`, `booking_rescheduled`, `discovery_call`, `application_received`,
    /// `application_acknowledged` or `reminder`.
    pub kind: String,
    /// `queued` (waiting or retrying), `sent`, `kept` (no mail server configured) or `failed`.
    pub status: String,
    /// Why the last attempt failed; empty when none did.
    pub last_error: String,
    pub to_name: String,
    pub to_email: String,
    pub subject: String,
    pub booking_id: Option<i64>,
    pub application_id: Option<i64>,
    /// RFC 3339 in your time zone.
    pub created_at: String,
    /// When the mail server took it (or it was kept); RFC 3339 in your time zone.
    pub sent_at: Option<String>,
}

/// One email as written.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EmailDetail {
    #[serde(flatten)]
    pub summary: EmailSummary,
    pub from_name: String,
    pub reply_to: String,
    pub message_id: String,
    pub text: String,
    pub html: String,
    /// The calendar invitation (iCalendar), when it has one.
    pub ics: Option<String>,
    /// `REQUEST` or `CANCEL`.
    pub ics_method: Option<String>,
    pub ics_sequence: Option<i64>,
}

fn summary(e: &Email, zone: &Zone) -> EmailSummary {
    EmailSummary {
        id: e.id,
        kind: e.kind.clone(),
        status: e.status.clone(),
        last_error: e.last_error.clone(),
        to_name: e.to_name.clone(),
        to_email: e.to_email.clone(),
        subject: e.subject.clone(),
        booking_id: e.booking_id,
        application_id: e.application_id,
        created_at: rfc3339(e.created_at.timestamp(), zone),
        sent_at: e.sent_at.map(|t| rfc3339(t.timestamp(), zone)),
    }
}

/// `GET /api/emails` options.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", default)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only emails of this status: `queued`, `sent`, `kept` or `failed`.
    pub status: Option<String>,
    /// How many at most (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
}

/// Your emails, newest first.
#[utoipa::path(get, path = "/emails", tag = "emails", params(ListParams),
    responses(
        (status = 200, body = Vec<EmailSummary>),
        (status = 422, description = "`status` or `limit` is not one of the accepted values", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn emails_list(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiQuery(q): ApiQuery<ListParams>,
) -> ApiResult<Json<Vec<EmailSummary>>> {
    let status = q.status.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if let Some(s) = status {
        if !STATUSES.contains(&s) {
            return Err(AppError::invalid(
                "status",
                "status must be one of queued, sent, kept or failed",
            )
            .into());
        }
    }
    let limit = q.limit.unwrap_or(50);
    if !(1..=500).contains(&limit) {
        return Err(AppError::invalid("limit", "limit must be from 1 to 500").into());
    }
    let list = email::outbox(state.ctx(), coach.id, status, limit).await?;
    Ok(Json(list.iter().map(|e| summary(e, &coach.zone)).collect()))
}

/// One of your emails as written: headers, text and HTML parts, and its invitation.
#[utoipa::path(get, path = "/emails/{id}", tag = "emails", params(("id" = i64, Path)),
    responses(
        (status = 200, body = EmailDetail),
        (status = 404, description = "You have no email of that id", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn emails_get(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<EmailDetail>> {
    let e = email::one(state.ctx(), coach.id, id).await?;
    Ok(Json(EmailDetail {
        summary: summary(&e, &coach.zone),
        from_name: e.from_name,
        reply_to: format!("{} <{}>", e.reply_to_name, e.reply_to_email),
        message_id: e.message_id,
        text: e.text_body,
        html: e.html_body,
        ics: e.ics,
        ics_method: e.ics_method,
        ics_sequence: e.ics_sequence,
    }))
}
