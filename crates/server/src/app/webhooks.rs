//! Webhooks: the coach registers endpoints (an http(s) URL, the event types it wants, a secret)
//! and every change of those types is POSTed to them as JSON, signed per the Standard Webhooks
//! spec (`webhook-id`, `webhook-timestamp`, `webhook-signature`: HMAC-SHA256 with the
//! endpoint's `whsec_` secret, through the `standardwebhooks` crate).
//!
//! A change emits in its own transaction ([`on_event`] from `notify::on`, and [`application`]
//! and [`client_saved`] at those use cases): one delivery row and one `webhook.deliver` job per
//! subscribed endpoint, so a change that commits is never lost and one that is refused (a 409)
//! sends nothing. The job ([`run`]) makes one attempt through `cx.outbound` (the SSRF policy, its
//! timeouts and body limit); a 2xx delivers, anything else is retried with the queue's backoff
//! until the attempts run out, then the delivery is failed. Every attempt is recorded.
//!
//! A payload holds what the endpoint's owner (the coach) may see of their own practice: ids,
//! times in the coach's zone, statuses, the session type and the participant's id, name and
//! email. Never another coach's records, and no free text (notes, messages, reasons, answers).

use std::time::Instant;

use coachbook_core::time::{rfc3339, Zone};
use coachbook_core::validate::InvalidInput;
use jiff::Timestamp;
use rand::Rng;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use utoipa::{IntoParams, ToSchema};

use super::accounts::Coach;
use super::jobs::{self, kinds, Outcome};
use super::notify::{Event, RequestChange};
use super::{AppError, AppResult, Checker, Ctx};
use crate::store::clients::ClientRow;
use crate::store::jobs::JobRow;
use crate::store::types::UnixTime;
use crate::store::webhooks::{self as store, Attempt, DeliveryRow, EndpointRow, NewDelivery};
use crate::store::{StoreError, Tx};

pub use crate::store::webhooks::DeliveryStatus;

const WHAT: &str = "webhook";

coachbook_core::text_enum! {
    /// What an endpoint can subscribe to.
    pub enum EventType ("webhook event type") {
        BookingCreated = "booking.created",
        BookingConfirmed = "booking.confirmed",
        BookingCancelled = "booking.cancelled",
        BookingRescheduled = "booking.rescheduled",
        SessionRequestReceived = "session_request.received",
        SessionRequestApproved = "session_request.approved",
        SessionRequestDeclined = "session_request.declined",
        SessionRequestExpired = "session_request.expired",
        SessionRequestWithdrawn = "session_request.withdrawn",
        ApplicationReceived = "application.received",
        ApplicationStatusChanged = "application.status_changed",
        ApplicationPromoted = "application.promoted",
        ClientCreated = "client.created",
        ClientUpdated = "client.updated",
        ClientArchived = "client.archived",
    }
}

impl EventType {
    /// What the page says beside its checkbox.
    pub fn label(self) -> &'static str {
        match self {
            Self::BookingCreated => "A booking is made",
            Self::BookingConfirmed => "A pending booking is confirmed",
            Self::BookingCancelled => "A booking is cancelled",
            Self::BookingRescheduled => "A booking moves (or its meeting link changes)",
            Self::SessionRequestReceived => "A session request arrives",
            Self::SessionRequestApproved => "You approve a session request",
            Self::SessionRequestDeclined => "You decline a session request",
            Self::SessionRequestExpired => "A session request expires unanswered",
            Self::SessionRequestWithdrawn => "A requester withdraws their request",
            Self::ApplicationReceived => "An application arrives (or you enter one)",
            Self::ApplicationStatusChanged => "An application's status changes",
            Self::ApplicationPromoted => "An application is promoted to a client",
            Self::ClientCreated => "A client is added",
            Self::ClientUpdated => "A client's record changes",
            Self::ClientArchived => "A client is archived",
        }
    }
}

/// The event "Send test event" sends; endpoints get it whatever they subscribe to.
pub const TEST_EVENT: &str = "webhook.test";
/// What an endpoint subscribes to for every type, present and future.
pub const ALL: &str = "*";
/// The most deliveries one page of the log holds.
pub const PAGE_MAX: i64 = 100;
/// The answer read from an endpoint, at most (the rest is not needed).
const BODY_LIMIT: usize = 64 * 1024;
/// The characters of an answer (or an error) kept in the log.
const EXCERPT: usize = 300;

/// An endpoint as the coach sees it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Webhook {
    pub id: i64,
    /// Where events are POSTed.
    pub url: String,
    pub description: String,
    /// The event types it receives; `["*"]` for all of them, present and future.
    pub event_types: Vec<String>,
    pub enabled: bool,
    /// RFC 3339 in your time zone.
    pub created_at: String,
    /// How the newest delivery went; none before the first.
    pub last_delivery: Option<LastDelivery>,
    /// The signing secret (`whsec_…`): only in the answer that created the endpoint (the
    /// Webhooks settings page shows it again).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
}

/// The newest delivery of an endpoint, in brief.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LastDelivery {
    pub event_type: String,
    /// `pending`, `delivered` or `failed`.
    pub status: String,
    pub response_code: Option<i64>,
    /// RFC 3339 in your time zone: the last attempt, or when it was queued.
    pub at: String,
}

/// What the coach sends to register an endpoint.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct NewWebhook {
    /// An `https://` (or `http://`) address on the public internet.
    #[schema(required = true, min_length = 1, max_length = 2000)]
    pub url: String,
    /// A note for yourself, e.g. "CRM sync".
    #[schema(max_length = 200)]
    pub description: String,
    /// Event types to receive (e.g. `booking.created`), or `["*"]` for all.
    #[schema(required = true, schema_with = event_types_schema)]
    pub event_types: Vec<String>,
}

fn event_types_schema() -> utoipa::openapi::schema::Array {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, SchemaType, Type};
    let values: Vec<Value> = std::iter::once(ALL)
        .chain(EventType::ALL.iter().map(|t| t.as_str()))
        .map(Value::from)
        .collect();
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(SchemaType::new(Type::String))
                .enum_values(Some(values)),
        )
        .min_items(Some(1))
        .max_items(Some(EventType::ALL.len() + 1))
        .description(Some(
            "Event types to receive (e.g. `booking.created`), or `[\"*\"]` for all.",
        ))
        .build()
}

/// One delivery of an event to an endpoint, with each attempt.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Delivery {
    pub id: i64,
    pub webhook_id: i64,
    /// The `webhook-id` header: the same on every attempt, for deduplicating.
    pub message_id: String,
    pub event_type: String,
    /// `pending` (queued or waiting to retry), `delivered` or `failed`.
    pub status: String,
    pub attempts: i64,
    /// The last attempt's HTTP status; none when no answer came.
    pub response_code: Option<i64>,
    /// The start of the last answer, or why it failed.
    pub response: String,
    /// RFC 3339 in your time zone.
    pub created_at: String,
    pub last_attempt_at: Option<String>,
    pub delivered_at: Option<String>,
    /// How long the last attempt took.
    pub duration_ms: Option<i64>,
    /// Every attempt, oldest first.
    pub attempt_log: Vec<DeliveryAttempt>,
    /// The body sent: `{ "type", "timestamp", "data" }`.
    #[schema(value_type = Object)]
    pub payload: Value,
}

/// One attempt of a delivery.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryAttempt {
    /// RFC 3339 in your time zone.
    pub at: String,
    pub response_code: Option<i64>,
    /// The start of the answer, or why there was none.
    pub detail: String,
    pub duration_ms: i64,
}

/// A page of the delivery log.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", default)]
#[into_params(parameter_in = Query)]
pub struct DeliveryQuery {
    /// Only deliveries older than this delivery id (the last id of the page before).
    #[param(minimum = 1)]
    pub before: Option<i64>,
    /// At most this many (default 50, at most 100).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

/// The stored subscription as a list (`["*"]` for all).
fn subscribed(row: &EndpointRow) -> AppResult<Vec<String>> {
    if row.event_types == ALL {
        return Ok(vec![ALL.to_owned()]);
    }
    row.event_types
        .split_whitespace()
        .map(|t| {
            EventType::parse(t)
                .map(|t| t.as_str().to_owned())
                .map_err(|e| {
                    AppError::Store(StoreError::Corrupt(format!(
                        "webhook endpoint {}'s event types: {e}",
                        row.id
                    )))
                })
        })
        .collect()
}

fn receives(row: &EndpointRow, ty: EventType) -> bool {
    row.event_types == ALL || row.event_types.split_whitespace().any(|t| t == ty.as_str())
}

fn webhook(row: EndpointRow, last: Option<&DeliveryRow>, zone: &Zone) -> AppResult<Webhook> {
    Ok(Webhook {
        id: row.id,
        event_types: subscribed(&row)?,
        url: row.url,
        description: row.description,
        enabled: row.enabled.0,
        created_at: rfc3339(row.created_at.timestamp(), zone),
        last_delivery: last.map(|d| LastDelivery {
            event_type: d.event_type.clone(),
            status: d.status.as_str().to_owned(),
            response_code: d.response_code,
            at: rfc3339(d.last_attempt_at.unwrap_or(d.created_at).timestamp(), zone),
        }),
        secret: None,
    })
}

/// The coach's endpoints, oldest first, each with how its newest delivery went.
pub async fn list(cx: &Ctx, coach: &Coach) -> AppResult<Vec<Webhook>> {
    let rows = store::list(cx.db.pool(), coach.id).await?;
    let latest = store::latest(cx.db.pool(), coach.id).await?;
    rows.into_iter()
        .map(|r| {
            let last = latest.iter().find(|d| d.endpoint_id == r.id);
            webhook(r, last, &coach.zone)
        })
        .collect()
}

/// An endpoint's signing secret (the settings page reveals it on request).
pub async fn secret(cx: &Ctx, coach: &Coach, id: i64) -> AppResult<String> {
    Ok(store::get(cx.db.pool(), coach.id, id)
        .await
        .map_err(AppError::missing(WHAT))?
        .secret)
}

/// A new signing secret: `whsec_` and 32 random bytes in base64, as the spec's libraries read it.
fn new_secret() -> String {
    use base64::Engine;
    let bytes: [u8; 32] = rand::thread_rng().gen();
    format!(
        "whsec_{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

/// A message id for the `webhook-id` header: `msg_` and 24 random characters.
fn new_message_id() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::thread_rng();
    let id: String = (0..24)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect();
    format!("msg_{id}")
}

/// Whether `c` may not stand in an address: whitespace, control characters and the invisible
/// ones that make an address read as another (bidirectional overrides, zero-width spaces).
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// Checks what the coach typed: the address under the outbound policy (loopback and private
/// addresses refused unless the operator allows them), the note, and the event types.
fn validate(cx: &Ctx, new: &NewWebhook) -> AppResult<(String, String, String)> {
    let mut c = Checker::default();
    let url =
        if new.url.trim().is_empty() {
            c.push(InvalidInput::new(
            "url",
            "Enter the address to send events to, e.g. https://hooks.example.com/coachbook.",
        ).key("validate-enter-address-send-events"));
            None
        } else if new.url.chars().count() > 2000 {
            c.push(
                InvalidInput::new("url", "Use an address of at most 2000 characters.")
                    .key("validate-use-address-most-2000"),
            );
            None
        } else if new.url.chars().any(invisible) {
            c.push(InvalidInput::new(
            "url",
            "The address holds a space, control or invisible character; type it again without.",
        ).key("validate-address-holds-space-control"));
            None
        } else {
            // Kept as typed (the answer shows what was sent); checked again before every delivery.
            match cx.outbound.policy().check_url(&new.url) {
                Ok(_) => Some(new.url.trim().to_owned()),
                Err(e) => {
                    c.push(InvalidInput::new(
                        "url",
                        format!("Use another address: {e}."),
                    ));
                    None
                }
            }
        };
    let description = c.check(super::catalog::text("description", &new.description, 200));
    let types = if new.event_types.is_empty() {
        c.push(
            InvalidInput::new(
                "eventTypes",
                "Choose at least one event type, or \"*\" for all of them.",
            )
            .key("validate-choose-least-one-event"),
        );
        None
    } else if new.event_types.iter().any(|t| t.trim() == ALL) {
        Some(ALL.to_owned())
    } else {
        let mut chosen = Vec::new();
        let mut unknown = None;
        for raw in &new.event_types {
            match EventType::parse(raw.trim()) {
                Ok(t) => chosen.push(t),
                Err(_) => {
                    unknown.get_or_insert_with(|| raw.chars().take(60).collect::<String>());
                }
            }
        }
        match unknown {
            Some(u) => {
                let known: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
                let known = known.join(", ");
                c.push(
                    InvalidInput::new(
                        "eventTypes",
                        format!("\"{u}\" is not an event type; use \"*\" or any of {known}."),
                    )
                    .key("validate-webhook-event-type")
                    .arg("u", &u)
                    .arg("known", &known),
                );
                None
            }
            None => Some(
                EventType::ALL
                    .iter()
                    .filter(|t| chosen.contains(t))
                    .map(|t| t.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
        }
    };
    c.done(url.zip(description).zip(types).map(|((u, d), t)| (u, d, t)))
}

/// Registers an endpoint with a new secret, shown in the answer.
pub async fn create(cx: &Ctx, coach: &Coach, new: &NewWebhook) -> AppResult<Webhook> {
    let (url, description, types) = validate(cx, new)?;
    let secret = new_secret();
    let id = store::insert(
        cx.db.writer(),
        coach.id,
        &store::NewEndpoint {
            url: &url,
            description: &description,
            event_types: &types,
            secret: &secret,
        },
        cx.stamp(),
    )
    .await?;
    tracing::info!(
        coach = coach.id,
        webhook = id,
        "webhook endpoint registered"
    );
    let row = store::get(cx.db.pool(), coach.id, id).await?;
    let mut made = webhook(row, None, &coach.zone)?;
    made.secret = Some(secret);
    Ok(made)
}

/// Deletes an endpoint: nothing more is sent to it; deliveries still queued end as failed.
pub async fn delete(cx: &Ctx, coach: &Coach, id: i64) -> AppResult<()> {
    store::delete(cx.db.writer(), coach.id, id, cx.stamp())
        .await
        .map_err(AppError::missing(WHAT))
}

fn delivery(d: DeliveryRow, attempts: &[store::AttemptRow], zone: &Zone) -> AppResult<Delivery> {
    let payload = serde_json::from_str(&d.payload).map_err(|e| {
        AppError::Store(StoreError::Corrupt(format!(
            "webhook delivery {}'s payload: {e}",
            d.id
        )))
    })?;
    let at = |t: UnixTime| rfc3339(t.timestamp(), zone);
    Ok(Delivery {
        attempt_log: attempts
            .iter()
            .filter(|a| a.delivery_id == d.id)
            .map(|a| DeliveryAttempt {
                at: at(a.attempted_at),
                response_code: a.response_code,
                detail: a.detail.clone(),
                duration_ms: a.duration_ms,
            })
            .collect(),
        id: d.id,
        webhook_id: d.endpoint_id,
        message_id: d.message_id,
        event_type: d.event_type,
        status: d.status.as_str().to_owned(),
        attempts: d.attempts,
        response_code: d.response_code,
        response: d.response_excerpt,
        created_at: at(d.created_at),
        last_attempt_at: d.last_attempt_at.map(at),
        delivered_at: d.delivered_at.map(at),
        duration_ms: d.duration_ms,
        payload,
    })
}

/// A page of an endpoint's deliveries, newest first.
pub async fn deliveries(
    cx: &Ctx,
    coach: &Coach,
    id: i64,
    q: &DeliveryQuery,
) -> AppResult<Vec<Delivery>> {
    let mut c = Checker::default();
    let limit = match q.limit {
        None => 50,
        Some(n) => c
            .check(super::catalog::in_range(
                "limit",
                n,
                1,
                PAGE_MAX,
                "page size",
            ))
            .unwrap_or(50),
    };
    if q.before.is_some_and(|b| b < 1) {
        c.push(
            InvalidInput::new(
                "before",
                "Give the id of the last delivery of the page before (1 or more).",
            )
            .key("validate-give-id-last-delivery"),
        );
    }
    c.finish()?;
    store::get(cx.db.pool(), coach.id, id)
        .await
        .map_err(AppError::missing(WHAT))?;
    let rows = store::deliveries(cx.db.pool(), coach.id, id, q.before, limit).await?;
    let ids: Vec<i64> = rows.iter().map(|d| d.id).collect();
    let attempts = store::attempts(cx.db.pool(), &ids).await?;
    rows.into_iter()
        .map(|d| delivery(d, &attempts, &coach.zone))
        .collect()
}

/// The job's arguments.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DeliverArgs {
    delivery_id: i64,
}

/// Queues one delivery of `event_type` with `data` to `endpoint`, in `tx`.
async fn queue(
    tx: &mut Tx,
    endpoint: &EndpointRow,
    event_type: &str,
    data: &Value,
    now: Timestamp,
) -> AppResult<i64> {
    let stamp = UnixTime::from(now);
    let body = json!({
        "type": event_type,
        "timestamp": stamp.timestamp().to_string(),
        "data": data,
    });
    let payload =
        serde_json::to_string(&body).map_err(|e| anyhow::anyhow!("webhook payload: {e}"))?;
    let message_id = new_message_id();
    let id = store::insert_delivery(
        &mut **tx,
        &NewDelivery {
            endpoint_id: endpoint.id,
            coach_id: endpoint.coach_id,
            message_id: &message_id,
            event_type,
            payload: &payload,
        },
        stamp,
    )
    .await?;
    jobs::enqueue(
        &mut **tx,
        kinds::WEBHOOK_DELIVER,
        &DeliverArgs { delivery_id: id },
        Some(endpoint.coach_id),
        now,
        None,
        now,
    )
    .await?;
    Ok(id)
}

/// Emits `ty` with `data` to each of `endpoints` subscribed to it.
async fn emit(
    tx: &mut Tx,
    endpoints: &[EndpointRow],
    ty: EventType,
    data: &Value,
    now: Timestamp,
) -> AppResult<()> {
    for e in endpoints.iter().filter(|e| receives(e, ty)) {
        queue(tx, e, ty.as_str(), data, now).await?;
    }
    Ok(())
}

/// The coach's delivering endpoints and zone; `None` when they have no endpoint (most coaches:
/// one indexed read, then nothing more).
async fn audience(tx: &mut Tx, coach_id: i64) -> AppResult<Option<(Vec<EndpointRow>, Zone)>> {
    let endpoints = store::enabled(&mut **tx, coach_id).await?;
    if endpoints.is_empty() {
        return Ok(None);
    }
    let zone = crate::store::emails::coach_contact(&mut **tx, coach_id)
        .await?
        .time_zone
        .0;
    Ok(Some((endpoints, zone)))
}

async fn booking_data(tx: &mut Tx, coach_id: i64, id: i64, zone: &Zone) -> AppResult<Value> {
    let b = crate::store::bookings::get_booking(&mut **tx, coach_id, id).await?;
    Ok(json!({
        "bookingId": b.id,
        "sessionId": b.session_id,
        "status": b.status.as_str(),
        "start": rfc3339(b.start_at.timestamp(), zone),
        "end": rfc3339(b.end_at.timestamp(), zone),
        "timeZone": zone.name(),
        "sessionType": {"id": b.session_type_id, "name": b.session_type_name},
        "participant": {"clientId": b.client_id, "name": b.name, "email": b.email},
        "applicationId": b.application_id,
        "createdAt": rfc3339(b.created_at.timestamp(), zone),
    }))
}

async fn request_data(tx: &mut Tx, coach_id: i64, id: i64, zone: &Zone) -> AppResult<Value> {
    let r = crate::store::session_requests::get(&mut **tx, coach_id, id).await?;
    let times = crate::store::session_requests::times(&mut **tx, &[id]).await?;
    let times: Vec<Value> = times
        .iter()
        .map(|t| {
            json!({
                "start": rfc3339(t.start_at.timestamp(), zone),
                "end": rfc3339(t.end_at.timestamp(), zone),
            })
        })
        .collect();
    Ok(json!({
        "requestId": r.id,
        "status": r.status.as_str(),
        "sessionType": {"id": r.session_type_id, "name": r.session_type_name},
        "participant": {"clientId": r.client_id, "name": r.name, "email": r.email},
        "times": times,
        "timeZone": zone.name(),
        "expiresAt": rfc3339(r.expires_at.timestamp(), zone),
        "bookingId": r.booking_id,
        "createdAt": rfc3339(r.created_at.timestamp(), zone),
    }))
}

/// Emits the webhook events of a booking or session request change (called by `notify::on`,
/// in the change's transaction). Applications are emitted at their use cases ([`application`]).
pub async fn on_event(tx: &mut Tx, coach_id: i64, event: &Event, now: Timestamp) -> AppResult<()> {
    let (ty, booking) = match *event {
        Event::BookingCreated { booking_id } => (EventType::BookingCreated, booking_id),
        Event::BookingConfirmed { booking_id } => (EventType::BookingConfirmed, booking_id),
        Event::BookingCancelled { booking_id, .. } => (EventType::BookingCancelled, booking_id),
        Event::BookingRescheduled { booking_id } => (EventType::BookingRescheduled, booking_id),
        Event::SessionRequest { request_id, change } => {
            let ty = match change {
                RequestChange::Received => EventType::SessionRequestReceived,
                RequestChange::Declined => EventType::SessionRequestDeclined,
                RequestChange::Expired => EventType::SessionRequestExpired,
                RequestChange::Withdrawn => EventType::SessionRequestWithdrawn,
            };
            let Some((endpoints, zone)) = audience(tx, coach_id).await? else {
                return Ok(());
            };
            let data = request_data(tx, coach_id, request_id, &zone).await?;
            return emit(tx, &endpoints, ty, &data, now).await;
        }
        Event::ApplicationReceived { .. } | Event::ReminderDue { .. } => return Ok(()),
    };
    let Some((endpoints, zone)) = audience(tx, coach_id).await? else {
        return Ok(());
    };
    let mut data = booking_data(tx, coach_id, booking, &zone).await?;
    if let Event::BookingCancelled { by_client, .. } = *event {
        data["cancelledBy"] = json!(if by_client { "client" } else { "coach" });
    }
    emit(tx, &endpoints, ty, &data, now).await?;
    // An approved session request is a booking made from it.
    if ty == EventType::BookingCreated {
        if let Some(request_id) = store::request_of_booking(&mut **tx, coach_id, booking).await? {
            let data = request_data(tx, coach_id, request_id, &zone).await?;
            emit(
                tx,
                &endpoints,
                EventType::SessionRequestApproved,
                &data,
                now,
            )
            .await?;
        }
    }
    Ok(())
}

/// Emits `ty` (`application.*`) for application `id`, in the change's transaction.
pub async fn application(
    tx: &mut Tx,
    coach_id: i64,
    id: i64,
    ty: EventType,
    now: Timestamp,
) -> AppResult<()> {
    let Some((endpoints, zone)) = audience(tx, coach_id).await? else {
        return Ok(());
    };
    let a = crate::store::applications::get(&mut **tx, coach_id, id).await?;
    let data = json!({
        "applicationId": a.id,
        "status": a.status.as_str(),
        "participant": {"name": a.name, "email": a.email},
        "clientId": a.client_id,
        "bookingId": a.booking_id,
        "packageId": a.package_id,
        "createdAt": rfc3339(a.created_at.timestamp(), &zone),
        "updatedAt": rfc3339(a.updated_at.timestamp(), &zone),
    });
    emit(tx, &endpoints, ty, &data, now).await?;
    // Promotion made a new client when the record was written by this very change.
    if let (EventType::ApplicationPromoted, Some(client_id)) = (ty, a.client_id) {
        let c = crate::store::clients::get(&mut **tx, coach_id, client_id).await?;
        if c.created_at == UnixTime::from(now) {
            emit(
                tx,
                &endpoints,
                EventType::ClientCreated,
                &client_data(&c, &zone),
                now,
            )
            .await?;
        }
    }
    Ok(())
}

fn client_data(c: &ClientRow, zone: &Zone) -> Value {
    json!({
        "clientId": c.id,
        "status": c.status.as_str(),
        "name": c.name,
        "email": c.email,
        "connected": c.user_id.is_some(),
        "createdAt": rfc3339(c.created_at.timestamp(), zone),
        "updatedAt": rfc3339(c.updated_at.timestamp(), zone),
    })
}

/// Emits `client.created` (no `before`), `client.archived` (an active client archived) or
/// `client.updated` for client `id`, in the change's transaction.
pub async fn client_saved(
    tx: &mut Tx,
    coach_id: i64,
    id: i64,
    before: Option<coachbook_core::practice::ClientStatus>,
    now: Timestamp,
) -> AppResult<()> {
    use coachbook_core::practice::ClientStatus;
    let Some((endpoints, zone)) = audience(tx, coach_id).await? else {
        return Ok(());
    };
    let c = crate::store::clients::get(&mut **tx, coach_id, id).await?;
    let ty = match before {
        None => EventType::ClientCreated,
        Some(ClientStatus::Active) if c.status == ClientStatus::Archived => {
            EventType::ClientArchived
        }
        Some(_) => EventType::ClientUpdated,
    };
    emit(tx, &endpoints, ty, &client_data(&c, &zone), now).await
}

/// Emits `client.updated` for client `id` (an account connected or disconnected).
pub async fn client_updated(tx: &mut Tx, coach_id: i64, id: i64, now: Timestamp) -> AppResult<()> {
    let Some((endpoints, zone)) = audience(tx, coach_id).await? else {
        return Ok(());
    };
    let c = crate::store::clients::get(&mut **tx, coach_id, id).await?;
    emit(
        tx,
        &endpoints,
        EventType::ClientUpdated,
        &client_data(&c, &zone),
        now,
    )
    .await
}

/// Queues a `webhook.test` event to one of the coach's endpoints.
pub async fn send_test(cx: &Ctx, coach: &Coach, id: i64) -> AppResult<Delivery> {
    let now = cx.now();
    let mut tx = cx.db.begin_write().await?;
    let endpoint = store::get(&mut *tx, coach.id, id)
        .await
        .map_err(AppError::missing(WHAT))?;
    let data = json!({
        "webhookId": endpoint.id,
        "message": "A test event from Coachbook: your endpoint is reachable and the signature verifies.",
    });
    let delivery_id = queue(&mut tx, &endpoint, TEST_EVENT, &data, now).await?;
    tx.commit().await?;
    cx.wake.notify();
    let row = store::delivery(cx.db.pool(), coach.id, delivery_id).await?;
    delivery(row, &[], &coach.zone)
}

/// The first characters of an answer or error, on one line, for the log.
fn excerpt(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(EXCERPT)
        .collect::<String>()
        .trim()
        .to_owned()
}

/// The `webhook.deliver` job: one attempt of one delivery.
pub async fn run(cx: &Ctx, job: &JobRow) -> Outcome {
    let args: DeliverArgs = match jobs::args(job) {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let last = job.attempts >= job.max_attempts;
    match attempt(cx, args.delivery_id, last).await {
        Ok(outcome) => outcome,
        Err(e) => Outcome::Retry(format!("webhook delivery {}: {e}", args.delivery_id)),
    }
}

async fn attempt(cx: &Ctx, id: i64, last: bool) -> AppResult<Outcome> {
    let out = match store::outgoing(cx.db.pool(), id).await {
        Ok(o) => o,
        Err(StoreError::NotFound) => {
            return Ok(Outcome::Fail(format!("webhook delivery {id} is gone")))
        }
        Err(e) => return Err(e.into()),
    };
    if out.status != DeliveryStatus::Pending {
        return Ok(Outcome::Done);
    }
    if !out.live.0 {
        match store::give_up(
            cx.db.writer(),
            id,
            "The endpoint was deleted before this was sent.",
        )
        .await
        {
            Ok(()) | Err(StoreError::NotFound) => return Ok(Outcome::Done),
            Err(e) => return Err(e.into()),
        }
    }
    let now = cx.now();
    let started = Instant::now();
    let (code, detail, permanent) = match send(cx, &out, now).await {
        Ok(fetched) => {
            let body = String::from_utf8_lossy(&fetched.body);
            (
                Some(i64::from(fetched.status.as_u16())),
                excerpt(&body),
                false,
            )
        }
        Err(Unsent::Refused(why)) => (None, excerpt(&why), true),
        Err(Unsent::Failed(why)) => (None, excerpt(&why), false),
    };
    let duration_ms = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
    let delivered = code.is_some_and(|c| (200..300).contains(&c));
    let status = if delivered {
        DeliveryStatus::Delivered
    } else if last || permanent {
        DeliveryStatus::Failed
    } else {
        DeliveryStatus::Pending
    };
    let mut tx = cx.db.begin_write().await?;
    store::record_attempt(
        &mut tx,
        id,
        &Attempt {
            at: now.into(),
            response_code: code,
            detail: &detail,
            duration_ms,
            status,
        },
    )
    .await?;
    tx.commit().await?;
    let why = match code {
        Some(c) => format!("the endpoint answered {c}"),
        None => detail,
    };
    Ok(match status {
        DeliveryStatus::Delivered => Outcome::Done,
        _ if permanent => Outcome::Fail(why),
        _ => Outcome::Retry(why),
    })
}

/// Why a delivery got no answer: refused for good (an address the policy refuses, a secret that
/// does not read) or failed for now (no connection, a timeout).
enum Unsent {
    Refused(String),
    Failed(String),
}

/// POSTs the stored payload, signed for this attempt's time.
async fn send(
    cx: &Ctx,
    out: &store::Outgoing,
    now: Timestamp,
) -> Result<crate::app::outbound::Fetched, Unsent> {
    use crate::app::outbound::OutboundError;
    let url = cx
        .outbound
        .policy()
        .check_url(&out.url)
        .map_err(|e| Unsent::Refused(e.to_string()))?;
    let signer = standardwebhooks::Webhook::new(&out.secret).map_err(|e| {
        tracing::error!(delivery = out.id, error = %e, "a webhook endpoint's stored secret does not read");
        Unsent::Refused(format!("the endpoint's secret does not read: {e}"))
    })?;
    let timestamp = now.as_second();
    let signature = signer
        .sign(&out.message_id, timestamp, out.payload.as_bytes())
        .map_err(|e| Unsent::Refused(format!("cannot sign the payload: {e}")))?;
    let request = cx
        .outbound
        .client()
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(standardwebhooks::HEADER_WEBHOOK_ID, &out.message_id)
        .header(
            standardwebhooks::HEADER_WEBHOOK_TIMESTAMP,
            timestamp.to_string(),
        )
        .header(standardwebhooks::HEADER_WEBHOOK_SIGNATURE, signature)
        .body(out.payload.clone());
    cx.outbound
        .fetch(request, BODY_LIMIT)
        .await
        .map_err(|e| match e {
            OutboundError::BadUrl(_) | OutboundError::Private(_) => Unsent::Refused(e.to_string()),
            e => Unsent::Failed(e.to_string()),
        })
}
