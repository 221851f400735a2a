//! A CalDAV source (RFC 4791) read with `libdav`: discovery from the address the coach gave (a
//! calendar itself, or a server or principal address whose calendar home set lists calendars;
//! with several, the one named like the source, else the first, and the note says which), then
//! only what changed: an RFC 6578 `sync-collection` with the last sync-token (changed resources
//! fetched with `calendar-multiget`, deleted ones dropped), or where the server has no sync, the
//! ctag and a time-ranged `calendar-query` whose etags are compared with the stored ones.
//!
//! Every request goes through `cx.outbound` (the SSRF policy, timeouts and the body limit):
//! libdav is handed a small tower service over it rather than a client of its own.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use coachbook_core::time::{Interval, Zone};
use jiff::SignedDuration;
use libdav::caldav::{FindCalendarHomeSet, FindCalendars, GetCalendarResources};
use libdav::caldav::{ListCalendarResources, TimeRange, UtcTimestamp};
use libdav::dav::{GetProperty, SyncCollection, WebDavClient, WebDavError};
use libdav::{names, CalDavClient, PropertyName};

use super::{http_error, ics, rows, window_fresh, Synced, Update, BODY_LIMIT};
use crate::app::outbound::{Outbound, OutboundError};
use crate::app::Ctx;
use crate::store::busy_calendars::{BusyCalendarRow, IntervalRow, SyncState};

/// The calendar server's change tag (not in RFC 4791, but kept by most servers).
const GETCTAG: PropertyName<'static, 'static> =
    PropertyName::new(names::CALENDAR_SERVER, "getctag");
/// Resources fetched per `calendar-multiget`.
const BATCH: usize = 50;

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct DavHttpError(OutboundError);

/// libdav's HTTP client: requests through [`Outbound`], with the source's credentials.
#[derive(Clone)]
struct Dav {
    outbound: Arc<Outbound>,
    auth: Option<(String, String)>,
}

type DavFuture = Pin<Box<dyn Future<Output = Result<http::Response<String>, DavHttpError>> + Send>>;

impl tower::Service<http::Request<String>> for Dav {
    type Response = http::Response<String>;
    type Error = DavHttpError;
    type Future = DavFuture;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: http::Request<String>) -> Self::Future {
        let outbound = Arc::clone(&self.outbound);
        let auth = self.auth.clone();
        Box::pin(async move {
            let (parts, body) = req.into_parts();
            let url = outbound
                .policy()
                .check_url(&parts.uri.to_string())
                .map_err(DavHttpError)?;
            let mut request = outbound
                .client()
                .request(parts.method, url)
                .headers(parts.headers)
                .body(body);
            if let Some((user, password)) = auth {
                request = request.basic_auth(user, Some(password));
            }
            let answer = outbound
                .fetch(request, BODY_LIMIT)
                .await
                .map_err(DavHttpError)?;
            let mut response =
                http::Response::new(String::from_utf8_lossy(&answer.body).into_owned());
            *response.status_mut() = answer.status;
            *response.headers_mut() = answer.headers;
            Ok(response)
        })
    }
}

type Client = CalDavClient<Dav>;

/// A libdav error in words for the coach.
fn words(e: WebDavError<DavHttpError>) -> String {
    match e {
        WebDavError::BadStatusCode(status) => http_error(status),
        WebDavError::Request(libdav::dav::RequestError::Client(DavHttpError(e))) => e.to_string(),
        WebDavError::Request(e) => format!("the request failed: {e}"),
        WebDavError::Xml(_) | WebDavError::InvalidResponse(_) => {
            "the server's answer is not valid CalDAV; check the address is a CalDAV one".into()
        }
        other => other.to_string(),
    }
}

/// The calendar to import at the coach's address, and a note on the choice.
async fn discover(client: &Client, row: &BusyCalendarRow) -> Result<(String, String), String> {
    let path = client.base_url().path().to_owned();
    let at_path = client.request(FindCalendars::new(&path)).await;
    let mut calendars = match at_path {
        Ok(found) => found.calendars,
        Err(WebDavError::BadStatusCode(s)) if s.as_u16() == 404 => {
            return Err(http_error(s));
        }
        Err(e) => return Err(words(e)),
    };
    if calendars.is_empty() {
        let principal = client
            .find_current_user_principal()
            .await
            .map_err(|e| format!("the server did not say whose calendars these are: {e}"))?
            .ok_or("no calendars were found at this address; give the calendar's own address")?;
        let homes = client
            .request(FindCalendarHomeSet::new(principal.path()))
            .await
            .map_err(words)?
            .home_sets;
        for home in homes {
            let found = client
                .request(FindCalendars::new(home.path()))
                .await
                .map_err(words)?;
            calendars.extend(found.calendars);
        }
    }
    let name = |c: &libdav::dav::FoundCollection| {
        c.properties
            .iter()
            .find(|(p, _)| **p == names::DISPLAY_NAME)
            .and_then(|(_, v)| v.clone())
            .unwrap_or_else(|| c.href.clone())
    };
    let same = |href: &str| href.trim_end_matches('/') == path.trim_end_matches('/');
    let chosen = calendars
        .iter()
        .find(|c| same(&c.href))
        .or_else(|| {
            calendars
                .iter()
                .find(|c| name(c).eq_ignore_ascii_case(row.name.trim()))
        })
        .or_else(|| calendars.first())
        .ok_or("no calendars were found at this address")?;
    let note = if same(&chosen.href) || calendars.len() == 1 {
        String::new()
    } else {
        let others: Vec<String> = calendars
            .iter()
            .filter(|c| c.href != chosen.href)
            .map(name)
            .collect();
        format!(
            "Imports \"{}\"; also found: {}. To import another, add it with its own address or name this source like it.",
            name(chosen),
            others.join(", ")
        )
    };
    Ok((chosen.href.clone(), note))
}

/// Fetches `hrefs` and reads their busy intervals, tagged with href and etag.
async fn fetch(
    client: &Client,
    calendar: &str,
    hrefs: &[String],
    reader: &ics::Reader<'_>,
) -> Result<Vec<IntervalRow>, String> {
    let mut out = Vec::new();
    for batch in hrefs.chunks(BATCH) {
        let found = client
            .request(GetCalendarResources::new(calendar).with_hrefs(batch))
            .await
            .map_err(words)?;
        for r in found.resources {
            // A resource gone between listing and fetching has no busy time.
            let Ok(content) = r.content else { continue };
            let intervals = reader
                .read(&content.data)
                .map_err(|e| format!("an event at {}: {e}", r.href))?;
            out.extend(rows(&intervals, &r.href, &content.etag));
            if out.len() > ics::MAX_INTERVALS {
                return Err(format!(
                    "the calendar has more than {} events in the coming year",
                    ics::MAX_INTERVALS
                ));
            }
        }
    }
    Ok(out)
}

fn utc(t: jiff::Timestamp) -> Result<UtcTimestamp, String> {
    t.strftime("%Y%m%dT%H%M%SZ")
        .to_string()
        .parse::<UtcTimestamp>()
        .map_err(|_| "the sync window is out of range".to_owned())
}

/// Reads the source: discovery on its first run, then only what changed.
pub(crate) async fn sync(
    cx: &Ctx,
    row: &BusyCalendarRow,
    zone: &Zone,
    window: Interval,
) -> Result<Synced, String> {
    let base: http::Uri = cx
        .outbound
        .policy()
        .check_url(&row.url)
        .map_err(|e| format!("the address cannot be used: {e}"))?
        .as_str()
        .parse()
        .map_err(|e| format!("the address cannot be used: {e}"))?;
    let dav = Dav {
        outbound: Arc::clone(&cx.outbound),
        auth: (!row.username.is_empty() || !row.password.is_empty())
            .then(|| (row.username.clone(), row.password.clone())),
    };
    let client = CalDavClient::new(WebDavClient::new(base, dav));
    let reader = ics::Reader {
        coach_tz: zone.tz(),
        coach_zone_name: zone.name(),
        window,
    };
    let (calendar, note) = if row.calendar_url.is_empty() {
        discover(&client, row).await?
    } else {
        (row.calendar_url.clone(), row.note.clone())
    };
    // Expansion slides with time: once a week everything is read again.
    let fresh = window_fresh(row, window, SignedDuration::from_hours(7 * 24));
    let state = |sync_token: Option<String>, ctag: Option<String>| SyncState {
        calendar_url: calendar.clone(),
        note: note.clone(),
        sync_token,
        ctag,
        window_end_at: Some(window.end.into()),
        ..SyncState::default()
    };

    // RFC 6578 first.
    let token = row.sync_token.as_deref().filter(|_| fresh);
    let mut request = SyncCollection::new(&calendar);
    if let Some(t) = token {
        request = request.with_sync_token(t);
    }
    let synced = match client.request(request).await {
        Err(WebDavError::PreconditionFailed(_)) if token.is_some() => {
            // The server forgot the token: read everything again.
            client.request(SyncCollection::new(&calendar)).await
        }
        other => other,
    };
    match synced {
        Ok(answer) => {
            let changed: Vec<String> = answer.changed.iter().map(|r| r.href.clone()).collect();
            let add = fetch(&client, &calendar, &changed, &reader).await?;
            let update = match token {
                Some(t)
                    if t == answer.new_sync_token
                        && changed.is_empty()
                        && answer.deleted.is_empty() =>
                {
                    Update::Keep
                }
                Some(_) => {
                    let mut drop = answer.deleted;
                    drop.extend(changed);
                    Update::Patch { drop, add }
                }
                None => Update::Replace(add),
            };
            return Ok(Synced {
                state: state(Some(answer.new_sync_token), None),
                update,
            });
        }
        // No sync support (or a refusal of it): ctag and etags below.
        Err(WebDavError::BadStatusCode(s))
            if matches!(s.as_u16(), 400 | 403 | 405 | 409 | 415 | 501) => {}
        Err(
            WebDavError::Xml(_)
            | WebDavError::InvalidResponse(_)
            | WebDavError::PreconditionFailed(_),
        ) => {}
        Err(e) => return Err(words(e)),
    }

    let ctag = client
        .request(GetProperty::new(&calendar, &GETCTAG))
        .await
        .ok()
        .and_then(|r| r.value);
    if fresh && ctag.is_some() && ctag == row.ctag {
        return Ok(Synced {
            state: state(None, ctag),
            update: Update::Keep,
        });
    }
    let listed = client
        .request(
            ListCalendarResources::new(&calendar).with_component_and_time_range(
                libdav::caldav::CalendarComponent::VEvent,
                TimeRange::Between(utc(window.start)?, utc(window.end)?),
            ),
        )
        .await
        .map_err(words)?
        .resources;
    let stored = crate::store::busy_calendars::intervals_of(cx.db.pool(), row.id)
        .await
        .map_err(|e| {
            tracing::error!(busy_calendar = row.id, error = %e, "reading stored busy intervals");
            "the server's calendar could not be compared with what is stored; the next sync tries again".to_owned()
        })?;
    let known: std::collections::HashSet<(&str, &str)> = stored
        .iter()
        .map(|r| (r.href.as_str(), r.etag.as_str()))
        .collect();
    let changed: Vec<String> = listed
        .iter()
        .filter(|r| !fresh || !known.contains(&(r.href.as_str(), r.etag.as_deref().unwrap_or(""))))
        .map(|r| r.href.clone())
        .collect();
    let add = fetch(&client, &calendar, &changed, &reader).await?;
    let update = if fresh {
        let listed_hrefs: std::collections::HashSet<&str> =
            listed.iter().map(|r| r.href.as_str()).collect();
        let mut drop: Vec<String> = stored
            .iter()
            .filter(|r| !listed_hrefs.contains(r.href.as_str()))
            .map(|r| r.href.clone())
            .collect();
        drop.extend(changed);
        Update::Patch { drop, add }
    } else {
        Update::Replace(add)
    };
    Ok(Synced {
        state: state(None, ctag),
        update,
    })
}
