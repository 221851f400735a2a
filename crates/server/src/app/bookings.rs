//! Booking a session: re-checked inside the write transaction under the per-coach lock, so two
//! requests can never both take overlapping time.

use coachbook_core::availability::{
    Block, Calendar, Conflict, ConflictError, ExistingSession, Schedule,
};
use coachbook_core::time::{Buffers, Interval, SessionId, SessionTypeId};
use coachbook_core::validate::{Email, InvalidInput, PersonName};
use jiff::civil::{Date, Time, Weekday};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::accounts::Account;
use super::{AppError, AppResult, Checker};
use crate::store::bookings::{self as store, BlockRow, BookingRow, NewBooking, NewSession};
use crate::store::{session_types, Db, StoreError};

/// A coach's booking of a session: who, what and when.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct NewBookingRequest {
    pub session_type_id: i64,
    /// RFC 3339 with offset, e.g. `2026-12-01T10:00:00+00:00`.
    pub start: String,
    /// Optional RFC 3339 end; defaults to start + the type's duration.
    pub end: Option<String>,
    pub name: String,
    pub email: String,
    pub notes: String,
    pub meeting_url: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BookingView {
    pub id: i64,
    pub session_id: i64,
    pub session_type_id: i64,
    /// RFC 3339 in the coach's time zone.
    pub start: String,
    pub end: String,
    pub time_zone: String,
    pub name: String,
    pub email: String,
    /// `pending`, `confirmed`, `cancelled`, `completed` or `no_show`.
    pub status: String,
    pub notes: String,
    pub meeting_url: String,
}

/// What a create call produced: a new booking, or the stored answer to a retried request.
pub enum Created {
    New(BookingView),
    Replayed { status: u16, body: String },
}

fn rfc3339(ts: i64, tz: &jiff::tz::TimeZone) -> String {
    Timestamp::from_second(ts)
        .map(|t| {
            t.to_zoned(tz.clone())
                .strftime("%Y-%m-%dT%H:%M:%S%:z")
                .to_string()
        })
        .unwrap_or_default()
}

fn view(row: BookingRow, tz_name: &str) -> BookingView {
    let tz = jiff::tz::db()
        .get(tz_name)
        .unwrap_or(jiff::tz::TimeZone::UTC);
    BookingView {
        id: row.id,
        session_id: row.session_id,
        session_type_id: row.session_type_id,
        start: rfc3339(row.start_at, &tz),
        end: rfc3339(row.end_at, &tz),
        time_zone: tz_name.to_owned(),
        name: row.name,
        email: row.email,
        status: row.status,
        notes: row.notes,
        meeting_url: row.meeting_url,
    }
}

fn parse_instant(field: &'static str, raw: &str) -> Result<Timestamp, InvalidInput> {
    raw.trim().parse::<Timestamp>().map_err(|_| {
        InvalidInput::new(
            field,
            "Give the time as RFC 3339 with an offset, e.g. 2026-12-01T10:00:00+01:00.",
        )
    })
}

fn block_from_row(row: &BlockRow) -> Option<Block> {
    let date = |s: &Option<String>| s.as_deref().and_then(|d| d.parse::<Date>().ok());
    let time = |m: Option<i64>| {
        m.and_then(|m| Time::new(i8::try_from(m / 60).ok()?, i8::try_from(m % 60).ok()?, 0, 0).ok())
    };
    match row.kind.as_str() {
        "once" => Some(Block::OneOff {
            start: Timestamp::from_second(row.start_at?).ok()?,
            end: Timestamp::from_second(row.end_at?).ok()?,
        }),
        "days" => Some(Block::Days {
            from: date(&row.from_date)?,
            until: date(&row.until_date)?,
        }),
        "weekly" => {
            let weekdays = row
                .weekdays
                .split(',')
                .filter_map(|d| d.trim().parse::<i8>().ok())
                .filter_map(|n| Weekday::from_monday_one_offset(n).ok())
                .collect();
            let end = match row.end_minute {
                Some(1440) => Time::MAX,
                m => time(m)?,
            };
            Some(Block::Weekly {
                weekdays,
                start: time(row.start_minute)?,
                end,
                from: date(&row.from_date)?,
                until: date(&row.until_date),
            })
        }
        _ => None,
    }
}

fn describe(conflict: &Conflict, tz: &jiff::tz::TimeZone, tz_name: &str) -> String {
    let i = conflict.interval();
    let fmt = |t: Timestamp| {
        t.to_zoned(tz.clone())
            .strftime("%a %d %b %H:%M")
            .to_string()
    };
    let what = match conflict {
        Conflict::Session { .. } => "another session",
        Conflict::Block { .. } => "time off",
        Conflict::Busy { .. } => "busy time from another calendar",
    };
    format!(
        "That time collides with {what} ({} – {}, {tz_name}). Choose another time.",
        fmt(i.start),
        fmt(i.end)
    )
}

/// Books a session for the coach. `idempotency` is (key, request hash): a retried request with the
/// same key gets the first answer back and books nothing.
pub async fn create(
    db: &Db,
    coach: &Account,
    req: &NewBookingRequest,
    idempotency: Option<(&str, &str)>,
) -> AppResult<Created> {
    let coach_id = coach.coach_id.ok_or(AppError::Forbidden)?;
    let mut c = Checker::default();
    let name = c.check(PersonName::parse("name", &req.name));
    let email = c.check(Email::parse("email", &req.email));
    let start = c.check(parse_instant("start", &req.start));
    let end = match req.end.as_deref().filter(|e| !e.trim().is_empty()) {
        Some(raw) => c.check(parse_instant("end", raw)).map(Some),
        None => Some(None),
    };
    if req.meeting_url.len() > 2000
        || !(req.meeting_url.is_empty()
            || req.meeting_url.starts_with("https://")
            || req.meeting_url.starts_with("http://"))
    {
        c.push(InvalidInput::new(
            "meetingUrl",
            "Use a meeting link starting with https://.",
        ));
    }
    if req.notes.len() > 10_000 {
        c.push(InvalidInput::new(
            "notes",
            "Keep notes under 10,000 characters.",
        ));
    }
    let session_type = match session_types::get(db.pool(), coach_id, req.session_type_id).await {
        Ok(t) if t.archived_at.is_none() => Some(t),
        Ok(_) => {
            c.push(InvalidInput::new(
                "sessionTypeId",
                "This session type is archived; restore it or choose another.",
            ));
            None
        }
        Err(StoreError::NotFound) => {
            c.push(InvalidInput::new(
                "sessionTypeId",
                "No such session type among yours.",
            ));
            None
        }
        Err(e) => return Err(e.into()),
    };
    c.finish()?;
    let (Some(name), Some(email), Some(start), Some(end), Some(st)) =
        (name, email, start, end, session_type)
    else {
        return Err(anyhow::anyhow!("validation passed without values").into());
    };
    let end = end.unwrap_or_else(|| start + SignedDuration::from_mins(st.duration_minutes));
    if end <= start {
        return Err(AppError::invalid("end", "The end must be after the start."));
    }
    if end.duration_since(start) > SignedDuration::from_hours(12) {
        return Err(AppError::invalid(
            "end",
            "A session can last at most 12 hours.",
        ));
    }
    let proposed = Interval { start, end };
    let buffers = Buffers::new(
        SignedDuration::from_mins(st.buffer_before_minutes),
        SignedDuration::from_mins(st.buffer_after_minutes),
    );

    let mut tx = db.begin_write().await?;
    store::lock_coach(&mut *tx, coach_id).await?;
    if let Some((key, hash)) = idempotency {
        if let Some((stored_hash, status, body)) =
            store::find_idempotent(&mut *tx, coach.id, key).await?
        {
            if stored_hash != hash {
                return Err(AppError::invalid(
                    "Idempotency-Key",
                    "This Idempotency-Key was used for a different request; use a new key.",
                ));
            }
            return Ok(Created::Replayed {
                status: u16::try_from(status).unwrap_or(200),
                body,
            });
        }
    }

    let margin = SignedDuration::from_hours(24).as_secs();
    let near = store::sessions_between(
        &mut *tx,
        coach_id,
        start.as_second() - margin,
        end.as_second() + margin,
    )
    .await?;
    let tz = jiff::tz::db()
        .get(&coach.time_zone)
        .unwrap_or(jiff::tz::TimeZone::UTC);

    // A group session of the same type at the same time with a free seat is joined, not doubled.
    let joinable = near.iter().find(|s| {
        s.session_type_id == st.id
            && s.start_at == start.as_second()
            && s.end_at == end.as_second()
            && s.booked < s.capacity
            && st.capacity > 1
    });
    let session_id = if let Some(group) = joinable {
        group.id
    } else {
        let sessions = near
            .iter()
            .map(|s| ExistingSession {
                id: SessionId(s.id),
                start: Timestamp::from_second(s.start_at).unwrap_or(Timestamp::UNIX_EPOCH),
                end: Timestamp::from_second(s.end_at).unwrap_or(Timestamp::UNIX_EPOCH),
                session_type_id: SessionTypeId(s.session_type_id),
                capacity: u32::try_from(s.capacity).unwrap_or(1),
                booked: u32::try_from(s.booked).unwrap_or(0),
                buffer_before: SignedDuration::from_mins(s.buffer_before_minutes),
                buffer_after: SignedDuration::from_mins(s.buffer_after_minutes),
            })
            .collect();
        let blocks = store::blocks(&mut *tx, coach_id)
            .await?
            .iter()
            .filter_map(block_from_row)
            .collect();
        let schedule = Schedule {
            time_zone: tz.clone(),
            rules: Vec::new(),
            overrides: Vec::new(),
        };
        let calendar = Calendar::new(schedule, sessions, blocks, Vec::new())
            .map_err(|e| anyhow::anyhow!("calendar data is inconsistent: {e}"))?;
        match calendar.check_conflict(proposed, buffers, None) {
            Ok(()) => {}
            Err(ConflictError::Conflict(conflict)) => {
                return Err(AppError::Conflict(describe(
                    &conflict,
                    &tz,
                    &coach.time_zone,
                )))
            }
            Err(e) => return Err(AppError::invalid("start", e.to_string())),
        }
        store::insert_session(
            &mut *tx,
            &NewSession {
                coach_id,
                session_type_id: st.id,
                start_at: start.as_second(),
                end_at: end.as_second(),
                buffer_before_minutes: st.buffer_before_minutes,
                buffer_after_minutes: st.buffer_after_minutes,
                capacity: st.capacity,
                meeting_url: &req.meeting_url,
            },
        )
        .await
        .map_err(|e| match e {
            StoreError::Overlap => AppError::Conflict(
                "That time collides with another session. Choose another time.".into(),
            ),
            e => e.into(),
        })?
    };
    let booking_id = store::insert_booking(
        &mut *tx,
        &NewBooking {
            coach_id,
            session_id,
            user_id: None,
            name: name.as_str(),
            email: email.as_str(),
            status: "confirmed",
            notes: &req.notes,
        },
    )
    .await?;
    let booking = view(
        store::get_booking(&mut *tx, coach_id, booking_id).await?,
        &coach.time_zone,
    );
    if let Some((key, hash)) = idempotency {
        let body =
            serde_json::to_string(&booking).map_err(|e| anyhow::anyhow!("encode booking: {e}"))?;
        store::store_idempotent(&mut *tx, coach.id, key, hash, 201, &body).await?;
    }
    tx.commit().await?;
    Ok(Created::New(booking))
}

pub async fn get(db: &Db, coach: &Account, id: i64) -> AppResult<BookingView> {
    let coach_id = coach.coach_id.ok_or(AppError::Forbidden)?;
    match store::get_booking(db.pool(), coach_id, id).await {
        Ok(row) => Ok(view(row, &coach.time_zone)),
        Err(StoreError::NotFound) => Err(AppError::NotFound("booking")),
        Err(e) => Err(e.into()),
    }
}
