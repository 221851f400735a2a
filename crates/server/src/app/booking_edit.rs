//! Editing one booking from the coach's pages: its notes, its session's meeting link and session
//! type, and the package whose credit it holds. Every field is checked first and every mistake
//! named beside its field; then all of it is written in one transaction under the coach's lock,
//! so a refusal (a longer buffer colliding, no credit left) changes nothing. The time moves with
//! `bookings::reschedule`, the status with the status actions.

use coachbook_core::booking::SessionKind;
use coachbook_core::credit::{self, CreditKind, CreditState};
use coachbook_core::time::{local_date, Buffers, Interval};
use coachbook_core::validate::InvalidInput;
use jiff::{SignedDuration, Timestamp};

use super::accounts::Coach;
use super::availability::load_calendar;
use super::bookings::{self, add_credit, Booking, BookingUpdate};
use super::{catalog, notify, AppError, AppResult, Checker, Ctx};
use crate::store::bookings::{self as booking_store, BookingRow};
use crate::store::enrolments::{self, EnrolmentRow};
use crate::store::session_types::SessionTypeRow;
use crate::store::{booking_edits, sessions as session_store, StoreError, Tx};

/// What the coach changes; `None` keeps what is there.
#[derive(Debug, Clone, Default)]
pub struct BookingEdit {
    pub notes: Option<String>,
    /// `https://…`, or empty to remove it. The link is the session's: everyone in it gets it.
    pub meeting_url: Option<String>,
    /// Another of the coach's session types, for the booking's session (its buffers are
    /// re-checked against the calendar; the time stays).
    pub session_type_id: Option<i64>,
    /// `Some(None)`: use no package; `Some(Some(id))`: hold a credit of the client's enrolment
    /// `id` instead (the one held before is released).
    pub enrolment_id: Option<Option<i64>>,
}

/// A type change that passed its checks: the type and the capacity the session keeps.
struct TypeChange {
    st: SessionTypeRow,
    capacity: i64,
}

/// Applies `edit` to the coach's booking `id`.
pub async fn edit(cx: &Ctx, coach: &Coach, id: i64, edit: &BookingEdit) -> AppResult<Booking> {
    let mut c = Checker::default();
    let url = edit
        .meeting_url
        .as_deref()
        .and_then(|u| c.check(bookings::meeting_url(u)));
    let notes = edit
        .notes
        .as_deref()
        .and_then(|n| c.check(catalog::text("notes", n, 10_000)));
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    booking_store::lock_coach(&mut *tx, coach.id).await?;
    let row = booking_store::get_booking(&mut *tx, coach.id, id)
        .await
        .map_err(AppError::missing("booking"))?;
    let live = row.status.is_live();
    let not_live = |field: &'static str, what: &str| {
        InvalidInput::new(
            field,
            format!(
                "This booking is {}; its {what} can no longer change.",
                row.status.label().to_lowercase()
            ),
        )
    };
    let type_change = match edit.session_type_id {
        Some(t) if t != row.session_type_id => {
            if live {
                check_type(&mut tx, &mut c, coach, &row, t).await?
            } else {
                c.push(not_live("sessionTypeId", "session type"));
                None
            }
        }
        _ => None,
    };
    let enrolment = match edit.enrolment_id {
        Some(e) if e != row.enrolment_id => {
            if live {
                Some(check_enrolment(&mut tx, &mut c, coach, &row, e).await?)
            } else {
                c.push(not_live("enrolmentId", "package"));
                None
            }
        }
        _ => None,
    };
    let url_changed = url.as_ref().is_some_and(|u| *u != row.meeting_url);
    if url_changed && !live {
        c.push(not_live("meetingUrl", "meeting link"));
    }
    c.finish()?;
    let stamp = now.into();
    if let Some(change) = &type_change {
        let st = &change.st;
        let at = Interval {
            start: row.start_at.timestamp(),
            end: row.end_at.timestamp(),
        };
        let pad = Buffers::new(
            SignedDuration::from_mins(st.buffer_before_minutes),
            SignedDuration::from_mins(st.buffer_after_minutes),
        );
        // The time stays (the coach booked it); only the new buffers must fit around it.
        let calendar = load_calendar(&mut tx, coach.id, &coach.zone, at, None).await?;
        bookings::check_free(&calendar, coach, at, pad, Some(row.session_id))?;
        session_store::set_type(
            &mut *tx,
            coach.id,
            row.session_id,
            (
                st.id,
                st.buffer_before_minutes,
                st.buffer_after_minutes,
                change.capacity,
            ),
            stamp,
        )
        .await
        .map_err(bookings::overlap_refused)?;
    }
    if let Some(new) = &enrolment {
        move_credit(&mut tx, coach, &row, new.as_ref(), now).await?;
    }
    bookings::update_in(
        &mut tx,
        coach,
        id,
        &BookingUpdate {
            notes,
            meeting_url: url.filter(|_| url_changed),
        },
        stamp,
    )
    .await?;
    // A new link or type is news for everyone in the session (an updated invitation); a package
    // for the client alone; notes for nobody.
    let mut told = Vec::new();
    if url_changed || type_change.is_some() {
        let people = session_store::participants(&mut tx, coach.id, &[row.session_id]).await?;
        told.extend(people.iter().filter(|p| p.status.is_live()).map(|p| p.id));
    } else if enrolment.is_some() {
        told.push(id);
    }
    for booking_id in &told {
        let event = notify::Event::BookingRescheduled {
            booking_id: *booking_id,
        };
        notify::on(&mut tx, cx, coach.id, &event, now).await?;
    }
    let updated = booking_store::get_booking(&mut *tx, coach.id, id).await?;
    tx.commit().await?;
    if !told.is_empty() {
        cx.wake.notify();
    }
    Ok(updated.into())
}

/// Checks a new session type for the booking's session: one of the coach's, not archived, and
/// able to hold everyone booked into it.
async fn check_type(
    tx: &mut Tx,
    c: &mut Checker,
    coach: &Coach,
    row: &BookingRow,
    type_id: i64,
) -> AppResult<Option<TypeChange>> {
    let st = match super::session_types::active(&mut **tx, coach.id, type_id).await {
        Ok(t) => t,
        Err(AppError::NotFound(_)) => {
            c.push(
                InvalidInput::new("sessionTypeId", "No such session type among yours.")
                    .key("validate-no-such-session-type-2"),
            );
            return Ok(None);
        }
        Err(e) => {
            c.absorb(e)?;
            return Ok(None);
        }
    };
    let taken = booking_store::seats_taken(&mut **tx, row.session_id).await?;
    let capacity = if st.kind == SessionKind::Group {
        // A group keeps its capacity; a session becoming a group takes the type's.
        let kept = if row.capacity > 1 {
            row.capacity
        } else {
            st.capacity
        };
        kept.max(taken)
    } else if taken > 1 {
        let type_name = &st.name;
        c.push(
            InvalidInput::new(
                "sessionTypeId",
                format!(
                    "{taken} people are booked into this session; {type_name} takes one. Keep a group type, or cancel bookings first."
                ),
            )
            .key("validate-edit-group-taken")
            .arg("taken", taken)
            .arg("type-name", type_name),
        );
        return Ok(None);
    } else {
        1
    };
    Ok(Some(TypeChange { st, capacity }))
}

/// Checks the enrolment whose credit the booking should hold instead: the client's own, active,
/// with a credit left and valid on the session's day.
async fn check_enrolment(
    tx: &mut Tx,
    c: &mut Checker,
    coach: &Coach,
    row: &BookingRow,
    wanted: Option<i64>,
) -> AppResult<Option<EnrolmentRow>> {
    let Some(enrolment_id) = wanted else {
        return Ok(None);
    };
    let field = "enrolmentId";
    let Some(client_id) = row.client_id else {
        c.push(InvalidInput::new(
            field,
            "Only a client's booking can use a package credit: book the session for the client instead.",
        ).key("validate-only-client-s-booking"));
        return Ok(None);
    };
    let e = match enrolments::get(&mut **tx, coach.id, enrolment_id).await {
        Ok(e) if e.client_id == client_id => e,
        Ok(_) | Err(StoreError::NotFound) => {
            let name = &row.name;
            c.push(
                InvalidInput::new(
                    field,
                    format!(
                        "{name} has no such package. Enrol them on their page first, or keep the package as it is."
                    ),
                )
                .key("validate-edit-no-such-package")
                .arg("name", name),
            );
            return Ok(None);
        }
        Err(e) => return Err(e.into()),
    };
    if e.status != coachbook_core::practice::EnrolmentStatus::Active {
        c.push(InvalidInput::new(
            field,
            format!(
                "{}'s enrolment in {} is {}; choose an active package.",
                row.name,
                e.package_name,
                e.status.label().to_lowercase()
            ),
        ));
        return Ok(None);
    }
    let day = local_date(coach.zone.tz(), row.start_at.timestamp());
    let checked = credit::can_book(
        e.credits_remaining,
        e.sessions_total,
        e.expires_on.map(|d| d.date()),
        day,
    );
    if let Err(refusal) = checked {
        c.absorb(bookings::credit_refused(&e, refusal, field))?;
        return Ok(None);
    }
    Ok(Some(e))
}

/// Gives back the credit the booking holds (if it holds one) and holds one of `new` instead.
async fn move_credit(
    tx: &mut Tx,
    coach: &Coach,
    row: &BookingRow,
    new: Option<&EnrolmentRow>,
    now: Timestamp,
) -> AppResult<()> {
    let held = row.last_credit_entry.0.and_then(CreditState::after) == Some(CreditState::Held);
    if let (Some(old), true) = (row.enrolment_id, held) {
        add_credit(
            tx,
            coach,
            old,
            row.id,
            CreditKind::Release,
            "Moved to another package",
            now,
        )
        .await?;
    }
    booking_edits::set_enrolment(&mut **tx, coach.id, row.id, new.map(|e| e.id), now.into())
        .await?;
    if let Some(e) = new {
        add_credit(
            tx,
            coach,
            e.id,
            row.id,
            CreditKind::Hold,
            "Package changed by the coach",
            now,
        )
        .await?;
    }
    Ok(())
}
