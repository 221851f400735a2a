//! Live updates as server-sent events: `GET /api/coaches/{slug}/events` for whoever may see a
//! coach's calendar, `GET /api/events` for the coach's own. Each event says only that the
//! calendar is now at version N (`event: calendar`, `data: {"version":N}`, `id: N`); the page
//! then fetches the calendar again through the usual privacy rules. Nothing about who booked
//! ever travels here.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use coachbook_core::privacy::Viewer;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::app::live::{self, Admitted, Watcher};
use crate::app::privacy;
use crate::web::error::{ApiResult, ErrorBody, Public};
use crate::web::extract::{ApiCoach, ApiPath, ApiQuery, MaybeApiAccount};
use crate::web::AppState;

/// How often a comment line keeps an idle stream (and the proxies on its way) open.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How soon a browser reconnects after the stream ends (told in the first event).
const RETRY: Duration = Duration::from_secs(1);
/// What a client refused for lack of room is told to wait, in seconds.
const BUSY_RETRY_AFTER: u64 = 10;

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventsQuery {
    /// `true`: send the current version as one event and end the stream (for scripts that
    /// poll). Without it the stream stays open, with a comment line every 15 seconds, until
    /// the server ends it (`event_stream_max_secs`, or shutdown); clients reconnect then.
    #[serde(default)]
    pub once: bool,
}

/// One event of the stream as an SSE client reads it.
#[derive(Debug, ToSchema)]
#[expect(
    dead_code,
    reason = "describes the stream in the OpenAPI document; never built"
)]
pub struct CalendarEvent {
    /// Always `calendar`.
    #[schema(example = "calendar")]
    event: String,
    /// JSON: `{"version": N}`, the calendar's version now. A different number than the last
    /// one means: fetch the calendar again.
    #[schema(example = "{\"version\":42}")]
    data: String,
    /// The version again: a reconnecting client sends it back as `Last-Event-ID` and is not
    /// told the same version twice.
    #[schema(example = "42")]
    id: Option<String>,
    /// Milliseconds to wait before reconnecting (in the first event).
    retry: Option<u64>,
}

/// Live updates of a coach's calendar (server-sent events).
///
/// An event whenever anyone books, cancels or moves a session, or the coach changes hours, time
/// off, session types or privacy settings. A calendar the viewer may not see answers exactly as
/// an unknown coach does; a stream ends when the coach hides it meanwhile.
#[utoipa::path(
    get,
    path = "/coaches/{slug}/events",
    tag = "live",
    params(
        ("slug" = String, Path, description = "The coach's page address, as in /c/{slug}"),
        EventsQuery,
        ("Last-Event-ID" = Option<String>, Header, description = "The last version this client was told (EventSource sends it when it reconnects)"),
    ),
    responses(
        (status = 200, description = "A server-sent event stream: `event: calendar`, `data: {\"version\":N}`, `id: N`; first the current version, then each new one", content_type = "text/event-stream", body = CalendarEvent),
        (status = 404, description = "No such coach, or their calendar is not shown to you", body = ErrorBody),
        (status = 503, description = "This server serves as many live streams as it may; try again after `Retry-After` seconds", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    ),
    security((), ("bearer" = []))
)]
pub async fn coach_events(
    State(state): State<AppState>,
    MaybeApiAccount(account): MaybeApiAccount,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(q): ApiQuery<EventsQuery>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let cx = state.ctx();
    let visit = privacy::visit(cx, account.as_ref(), &slug).await?;
    visit
        .view
        .calendar()
        .map_err(|d| privacy::denied(d, "coach"))?;
    stream(&state, visit.page.coach_id, visit.viewer(), &q, &headers).await
}

/// Live updates of the signed-in coach's own calendar (server-sent events).
///
/// The same events as `/api/coaches/{slug}/events`, for the coach's pages.
#[utoipa::path(
    get,
    path = "/events",
    tag = "live",
    params(
        EventsQuery,
        ("Last-Event-ID" = Option<String>, Header, description = "The last version this client was told (EventSource sends it when it reconnects)"),
    ),
    responses(
        (status = 200, description = "A server-sent event stream: `event: calendar`, `data: {\"version\":N}`, `id: N`; first the current version, then each new one", content_type = "text/event-stream", body = CalendarEvent),
        (status = 503, description = "This server serves as many live streams as it may; try again after `Retry-After` seconds", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    ),
    security(("bearer" = []))
)]
pub async fn own_events(
    State(state): State<AppState>,
    ApiCoach(coach): ApiCoach,
    ApiQuery(q): ApiQuery<EventsQuery>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    stream(&state, coach.id, Viewer::Owner, &q, &headers).await
}

/// The stream itself, once the viewer has been let see the calendar.
async fn stream(
    state: &AppState,
    coach_id: i64,
    viewer: Viewer,
    q: &EventsQuery,
    headers: &HeaderMap,
) -> ApiResult<Response> {
    let cx = state.ctx();
    let Some(place) = cx.live.admit() else {
        return Ok(busy());
    };
    let mut watcher = live::subscribe(cx, coach_id, viewer).await?;
    // A reconnecting client is not told the version it has; one asking `once` always is.
    let seen = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok());
    if let (Some(seen), false) = (seen, q.once) {
        watcher.has(seen);
    }
    let lifetime = Duration::from_secs(state.config().event_stream_max_secs.max(1));
    let open = Open {
        watcher,
        _place: place,
        first: true,
        once: q.once,
        done: false,
        ends_at: tokio::time::Instant::now() + lifetime,
    };
    let events = futures_util::stream::unfold(open, |mut open| async move {
        if open.done {
            return None;
        }
        let version = tokio::select! {
            version = open.watcher.next() => version?,
            () = tokio::time::sleep_until(open.ends_at) => return None,
        };
        let mut event = Event::default()
            .event("calendar")
            .id(version.to_string())
            .data(format!("{{\"version\":{version}}}"));
        if open.first {
            event = event.retry(RETRY);
            open.first = false;
        }
        open.done = open.once;
        Some((Ok::<_, Infallible>(event), open))
    });
    let mut res = Sse::new(events)
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
        .into_response();
    // Proxies that buffer responses (nginx) would hold the events back.
    res.headers_mut()
        .insert("x-accel-buffering", HeaderValue::from_static("no"));
    Ok(res)
}

/// One open stream: what it watches and the place it holds.
struct Open {
    watcher: Watcher,
    _place: Admitted,
    first: bool,
    once: bool,
    done: bool,
    ends_at: tokio::time::Instant,
}

fn busy() -> Response {
    let mut public = Public::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "busy",
        "This server has as many live calendars open as it can serve. The calendar still works; \
         live updates resume when you reload in a little while.",
    );
    public.retry_after = Some(BUSY_RETRY_AFTER);
    public.into_json()
}
