//! Booking a session for the coach, and asking whether a time would book.

use coachbook_core::booking::BookingStatus;
use coachbook_core::credit::CreditKind;
use coachbook_core::time::Interval;
use coachbook_core::validate::InvalidInput;
use jiff::Timestamp;
use sqlx::AnyConnection;

use super::super::accounts::Coach;
use super::super::{notify, AppError, AppResult, Ctx, Refusal};
use super::place::{new_session, place, Placement};
use super::request::{check_credit, check_request, BookingInput, Checked, Notice};
use super::Booking;
use crate::store::bookings::{self as store, NewBooking, StoredResponse};
use crate::store::enrolments::{self, NewCredit};
use crate::store::{applications, Tx};

/// What a create call produced: a new booking, or the stored answer to a retried request.
#[derive(Debug)]
pub enum Created {
    New {
        booking: Box<Booking>,
        /// How typed times were read, when that needs saying.
        notices: Vec<Notice>,
    },
    Replayed {
        status: u16,
        body: String,
    },
}

/// Makes retries safe: a request repeating `key` gets the first answer back and books nothing.
/// `encode` writes that answer (the caller's representation), which is stored with the booking
/// in the same transaction.
pub struct Replay<'a> {
    pub key: &'a str,
    pub request_hash: String,
    pub encode: &'a (dyn Fn(&Booking, &[Notice]) -> String + Sync),
}

/// Books a session for the coach.
pub async fn create(
    cx: &Ctx,
    coach: &Coach,
    input: &BookingInput,
    replay: Option<Replay<'_>>,
) -> AppResult<Created> {
    let checked = {
        let mut conn = cx.db.pool().acquire().await?;
        check_request(&mut conn, coach, input).await?
    };
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    store::lock_coach(&mut *tx, coach.id).await?;
    if let Some(replay) = &replay {
        if let Some(stored) = store::find_idempotent(&mut *tx, coach.user_id, replay.key).await? {
            if stored.request_hash != replay.request_hash {
                return Err(AppError::from(
                    InvalidInput::new(
                        "Idempotency-Key",
                        "This Idempotency-Key was used for a different request; use a new key.",
                    )
                    .key("validate-idempotency-key-was-used"),
                ));
            }
            let status = u16::try_from(stored.response_status).map_err(|_| {
                anyhow::anyhow!("stored response status {}", stored.response_status)
            })?;
            return Ok(Created::Replayed {
                status,
                body: stored.response_body,
            });
        }
    }
    let id = create_in(&mut tx, coach, &checked, now).await?;
    let event = notify::Event::BookingCreated { booking_id: id };
    notify::on(&mut tx, cx, coach.id, &event, now).await?;
    let booking = Booking::from(store::get_booking(&mut *tx, coach.id, id).await?);
    if let Some(replay) = &replay {
        let response = StoredResponse {
            request_hash: replay.request_hash.clone(),
            response_status: 201,
            response_body: (replay.encode)(&booking, &checked.notices),
        };
        store::store_idempotent(&mut *tx, coach.user_id, replay.key, &response, now.into()).await?;
    }
    tx.commit().await?;
    cx.wake.notify();
    Ok(Created::New {
        booking: Box::new(booking),
        notices: checked.notices,
    })
}

/// Whether the application still needs its discovery call: one that is pending or confirmed
/// already is the call, and an application has one, never a second. Read under the lock.
async fn discovery_free(
    conn: &mut AnyConnection,
    coach: &Coach,
    application_id: i64,
) -> AppResult<()> {
    let app = applications::get(&mut *conn, coach.id, application_id)
        .await
        .map_err(AppError::missing("application"))?;
    if let Some(booking_id) = app.booking_id {
        match store::get_booking(&mut *conn, coach.id, booking_id).await {
            Ok(b) if b.status.is_live() => return Err(Refusal::DiscoveryCallBooked.into()),
            Ok(_) | Err(crate::store::StoreError::NotFound) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// Writes a checked booking inside `tx`, which holds the coach's lock: the calendar, the
/// package credit and the application's call are checked again here, where no other booking
/// can slip in between. Returns the new booking's id.
pub(crate) async fn create_in(
    tx: &mut Tx,
    coach: &Coach,
    checked: &Checked,
    now: Timestamp,
) -> AppResult<i64> {
    create_as(tx, coach, checked, now, BookingStatus::Confirmed, None).await
}

/// [`create_in`] with the booking's status and the account that booked it: the coach's page
/// books `pending` when the type needs approval, and records a signed-in booker's account.
pub(crate) async fn create_as(
    tx: &mut Tx,
    coach: &Coach,
    checked: &Checked,
    now: Timestamp,
    status: BookingStatus,
    user_id: Option<i64>,
) -> AppResult<i64> {
    if let Some(application_id) = checked.application_id {
        discovery_free(tx, coach, application_id).await?;
    }
    let st = &checked.session_type;
    let placed = match checked.into_session {
        Some(id) => Placement::Join(into_session(tx, coach, st, id).await?),
        None => {
            place(
                tx,
                coach,
                st,
                checked.proposed,
                checked.override_hours,
                None,
                now,
            )
            .await?
        }
    };
    let session_id = match placed {
        Placement::Join(id) => id,
        Placement::New => {
            let id =
                new_session(tx, coach, st, checked.proposed, &checked.meeting_url, now).await?;
            if let Some(capacity) = checked.capacity {
                crate::store::sessions::set_capacity(&mut **tx, coach.id, id, capacity, now.into())
                    .await?;
            }
            id
        }
    };
    let stamp = now.into();
    let booking_id = store::insert_booking(
        &mut **tx,
        &NewBooking {
            coach_id: coach.id,
            session_id,
            user_id,
            name: checked.name.as_str(),
            email: checked.email.as_str(),
            status,
            notes: &checked.notes,
            client_id: checked.client_id,
            enrolment_id: checked.enrolment.as_ref().map(|e| e.id),
            application_id: checked.application_id,
        },
        stamp,
    )
    .await?;
    if let Some((cents, currency)) = &checked.price {
        crate::store::sessions::set_booking_price(
            &mut **tx, coach.id, booking_id, *cents, currency,
        )
        .await?;
    } else if let (Some(client_id), None) = (checked.client_id, &checked.enrolment) {
        // No credit pays for it: the price the client's tiers (or own price) give now is kept.
        crate::app::pricing::price_new_booking(tx, coach.id, booking_id, client_id, st).await?;
    }
    if let Some(e) = &checked.enrolment {
        // Re-read under the lock: two bookings racing for the last credit cannot both take it.
        let fresh = enrolments::get(&mut **tx, coach.id, e.id).await?;
        check_credit(&fresh, checked.proposed.start, &coach.zone)?;
        enrolments::add_credit(
            &mut **tx,
            &NewCredit {
                coach_id: coach.id,
                enrolment_id: e.id,
                booking_id: Some(booking_id),
                kind: CreditKind::Hold,
                delta: CreditKind::Hold.delta(0),
                actor_user_id: Some(coach.user_id),
                note: "",
            },
            stamp,
        )
        .await?;
    }
    if let Some(application_id) = checked.application_id {
        let app = applications::get(&mut **tx, coach.id, application_id).await?;
        applications::set_discovery_call(
            &mut **tx,
            coach.id,
            application_id,
            booking_id,
            app.status.after_discovery_booked(),
            stamp,
        )
        .await?;
    }
    Ok(booking_id)
}

/// Whether the session `id` takes a booking of `st`, read under the lock: the coach's, still
/// scheduled, of that type, with a seat left.
async fn into_session(
    tx: &mut Tx,
    coach: &Coach,
    st: &crate::store::session_types::SessionTypeRow,
    id: i64,
) -> AppResult<i64> {
    use super::super::sessions::SessionRefusal;
    let s = crate::store::sessions::get(&mut **tx, coach.id, id)
        .await
        .map_err(AppError::missing("session"))?;
    if s.status != coachbook_core::booking::SessionStatus::Scheduled {
        return Err(Refusal::Session(SessionRefusal::Cancelled).into());
    }
    if s.session_type_id != st.id {
        return Err(AppError::from(
            InvalidInput::new("sessionTypeId", "The session is of another type.")
                .key("validate-session-another-type"),
        ));
    }
    if s.seats_taken >= s.capacity {
        return Err(Refusal::Session(SessionRefusal::Full).into());
    }
    Ok(id)
}

/// Books the coach's request into the session `session_id` (an occurrence of a series) rather
/// than one placed by its time; its own transaction, notice and invitation. The booking's id.
pub async fn create_into(
    cx: &Ctx,
    coach: &Coach,
    input: &BookingInput,
    session_id: i64,
) -> AppResult<i64> {
    let mut checked = {
        let mut conn = cx.db.pool().acquire().await?;
        check_request(&mut conn, coach, input).await?
    };
    checked.into_session = Some(session_id);
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    store::lock_coach(&mut *tx, coach.id).await?;
    let id = create_in(&mut tx, coach, &checked, now).await?;
    let event = notify::Event::BookingCreated { booking_id: id };
    notify::on(&mut tx, cx, coach.id, &event, now).await?;
    tx.commit().await?;
    cx.wake.notify();
    Ok(id)
}

/// The answer to "would this book?", without booking.
#[derive(Debug)]
pub struct BookingCheck {
    /// `None` when the time is free; else why not.
    pub refusal: Option<Refusal>,
    /// The time as understood.
    pub at: Interval,
    pub notices: Vec<Notice>,
}

/// Whether `input` would book, asked as the coach types: the same checks as [`create`], read
/// without the lock and without writing.
pub async fn check(cx: &Ctx, coach: &Coach, input: &BookingInput) -> AppResult<BookingCheck> {
    let mut conn = cx.db.pool().acquire().await?;
    let checked = check_request(&mut conn, coach, input).await?;
    let mut outcome = match checked.application_id {
        Some(id) => discovery_free(&mut conn, coach, id).await,
        None => Ok(()),
    };
    if outcome.is_ok() {
        outcome = place(
            &mut conn,
            coach,
            &checked.session_type,
            checked.proposed,
            input.override_hours,
            None,
            cx.now(),
        )
        .await
        .map(|_| ());
    }
    let refusal = match outcome {
        Ok(()) => None,
        Err(AppError::Refused(r)) => Some(r),
        Err(e) => return Err(e),
    };
    Ok(BookingCheck {
        refusal,
        at: checked.proposed,
        notices: checked.notices,
    })
}
