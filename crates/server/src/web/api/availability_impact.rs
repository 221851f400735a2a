//! `POST /api/availability/impact`: which booked sessions a change to the weekly hours, a date
//! override or new time off would hit, asked before saving it. Saving itself never refuses over
//! bookings (the routes that save stay as they were); a client that wants the warning asks here
//! first, as the Availability page does.

use axum::extract::State;
use axum::Json;
use coachbook_core::time::rfc3339;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::app::availability::{self, BlockInput, HoursChange, RangeInput, WindowInput};
use crate::app::AppError;
use crate::web::error::{ApiResult, ErrorBody};
use crate::web::extract::{ApiCoach, ApiJson};
use crate::web::AppState;

/// One date's hours as `PUT /availability/overrides/{date}` would save them.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OverrideChange {
    /// `YYYY-MM-DD` in your time zone.
    #[schema(max_length = 64)]
    pub date: String,
    /// Empty: closed all day.
    #[serde(default)]
    pub windows: Vec<RangeInput>,
}

/// The change to check: exactly one of the three.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ImpactRequest {
    /// The whole week, as `PUT /availability/rules` would save it.
    pub weekly_hours: Option<Vec<WindowInput>>,
    pub date_override: Option<OverrideChange>,
    /// New time off, as `POST /availability/blocks` would save it.
    pub time_off: Option<BlockInput>,
}

/// A booked session the change would leave outside your hours or under time off.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AffectedBooking {
    pub booking_id: i64,
    pub session_id: i64,
    /// RFC 3339 in your time zone.
    pub start: String,
    pub end: String,
    pub session_type_id: i64,
    pub session_type_name: String,
    /// The participant.
    pub name: String,
    pub email: String,
    /// `pending` or `confirmed`.
    pub status: String,
}

/// What the change would hit.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Impact {
    /// `affects_bookings` when `affected` is not empty, else `none`.
    pub code: String,
    /// Upcoming pending and confirmed bookings, soonest first.
    pub affected: Vec<AffectedBooking>,
}

/// Check a change to your hours or time off against your upcoming bookings without saving it:
/// the bookings (pending or confirmed, not started) it would leave outside your hours or under
/// the time off. The change is validated as saving it would (the same 422 field errors).
#[utoipa::path(post, path = "/availability/impact", tag = "availability", request_body = ImpactRequest,
    responses((status = 200, body = Impact),
        (status = 422, description = "Not exactly one change given, or the change itself does not validate", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn availability_impact(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiJson(req): ApiJson<ImpactRequest>,
) -> ApiResult<Json<Impact>> {
    let change = match (req.weekly_hours, req.date_override, req.time_off) {
        (Some(w), None, None) => HoursChange::WeeklyHours(w),
        (None, Some(o), None) => HoursChange::DateOverride {
            date: o.date,
            windows: o.windows,
        },
        (None, None, Some(b)) => HoursChange::TimeOff(b),
        _ => {
            return Err(AppError::invalid(
                "weeklyHours",
                "Send exactly one of weeklyHours, dateOverride or timeOff.",
            )
            .into())
        }
    };
    let affected: Vec<AffectedBooking> = availability::impact(state.ctx(), &coach, &change)
        .await?
        .into_iter()
        .map(|b| AffectedBooking {
            booking_id: b.id,
            session_id: b.session_id,
            start: rfc3339(b.start, &coach.zone),
            end: rfc3339(b.end, &coach.zone),
            session_type_id: b.session_type_id,
            session_type_name: b.session_type_name,
            name: b.name,
            email: b.email,
            status: b.status.to_string(),
        })
        .collect();
    Ok(Json(Impact {
        code: if affected.is_empty() {
            "none"
        } else {
            "affects_bookings"
        }
        .to_owned(),
        affected,
    }))
}
