//! Booking sessions and changing them. Every write that takes time on the calendar (a new
//! booking, a reschedule, approving a pending one) runs inside `BEGIN IMMEDIATE` under the
//! per-coach lock and re-checks the calendar there ([`place`]), so two requests can never both
//! take overlapping time.
//!
//! - [`request`]: reading what was asked (who, what, when) into checked values;
//! - [`place`]: where a booking goes, decided under the lock;
//! - [`create`]: booking, and asking whether a time would book;
//! - [`reschedule`]: moving a booking;
//! - [`change`]: status changes, package credits, notes and links.

mod change;
mod create;
mod place;
mod request;
mod reschedule;

pub use change::{change_status, update, waive_credit, BookingUpdate};
pub use create::{check, create, create_into, BookingCheck, Created, Replay};
pub use request::{BookingInput, Notice, TimeInput};
pub use reschedule::reschedule;

pub(crate) use change::{add_credit, status_in, update_in};
pub(crate) use create::{create_as, create_in};
pub(crate) use place::{check_free, overlap_refused};
pub(crate) use request::{check_request, credit_refused, meeting_url, read_times};
pub(crate) use reschedule::reschedule_in;

use coachbook_core::booking::{allowed_actions, AllowedActions, BookingStatus};
use coachbook_core::credit::CreditState;
use coachbook_core::time::Interval;
use jiff::Timestamp;

use super::accounts::Coach;
use super::{AppError, AppResult, Ctx};
use crate::store::bookings::{self as store, BookingFilter, BookingRow};
use crate::store::types::UnixTime;

/// A booking as the coach sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booking {
    pub id: i64,
    pub session_id: i64,
    pub session_type_id: i64,
    pub session_type_name: String,
    /// The type's calendar colour, `#rrggbb`.
    pub session_type_color: String,
    pub start: Timestamp,
    pub end: Timestamp,
    pub name: String,
    pub email: String,
    pub status: BookingStatus,
    pub cancel_reason: String,
    pub notes: String,
    pub meeting_url: String,
    pub client_id: Option<i64>,
    /// The package whose credit the booking uses.
    pub package_id: Option<i64>,
    pub package_name: Option<String>,
    pub application_id: Option<i64>,
    pub credit: Option<CreditState>,
}

impl From<BookingRow> for Booking {
    fn from(row: BookingRow) -> Self {
        Self {
            id: row.id,
            session_id: row.session_id,
            session_type_id: row.session_type_id,
            session_type_name: row.session_type_name,
            session_type_color: row.session_type_color,
            start: row.start_at.timestamp(),
            end: row.end_at.timestamp(),
            name: row.name,
            email: row.email,
            status: row.status,
            cancel_reason: row.cancel_reason,
            notes: row.notes,
            meeting_url: row.meeting_url,
            client_id: row.client_id,
            package_id: row.package_id,
            package_name: row.package_name,
            application_id: row.application_id,
            credit: row.last_credit_entry.0.and_then(CreditState::after),
        }
    }
}

impl Booking {
    pub fn interval(&self) -> Interval {
        Interval {
            start: self.start,
            end: self.end,
        }
    }

    /// What the coach can do with it at `now` (the core decides).
    pub fn actions(&self, now: Timestamp) -> AllowedActions {
        allowed_actions(self.status, now >= self.start, self.credit)
    }
}

const WHAT: &str = "booking";

pub async fn get(cx: &Ctx, coach: &Coach, id: i64) -> AppResult<Booking> {
    store::get_booking(cx.db.pool(), coach.id, id)
        .await
        .map(Booking::from)
        .map_err(AppError::missing(WHAT))
}

/// Which of the coach's bookings to list; `None` = any.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub status: Option<BookingStatus>,
    pub session_type_id: Option<i64>,
    pub client_id: Option<i64>,
    /// Only bookings ending after this.
    pub from: Option<Timestamp>,
    /// Only bookings starting before this.
    pub to: Option<Timestamp>,
    /// Text in the name or email.
    pub search: Option<String>,
}

/// The most bookings one list answers with.
pub const LIST_LIMIT: i64 = 1000;

/// The coach's bookings matching `f`, by start time.
pub async fn list(cx: &Ctx, coach: &Coach, f: &ListFilter) -> AppResult<Vec<Booking>> {
    let search = super::catalog::search("q", f.search.as_deref())?;
    let rows = store::list_bookings(
        cx.db.pool(),
        coach.id,
        &BookingFilter {
            status: f.status,
            session_type_id: f.session_type_id,
            client_id: f.client_id,
            from: f.from.map(UnixTime::from),
            to: f.to.map(UnixTime::from),
            search,
            limit: LIST_LIMIT,
        },
    )
    .await?;
    Ok(rows.into_iter().map(Booking::from).collect())
}
