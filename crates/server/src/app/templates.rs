//! Session templates: what pre-fills a new session or booking (session type, length, capacity,
//! meeting link, notes, and a price agreed with one client). The coach keeps them by name, saves
//! any session as one, and names one as `templateId` when booking or making a session: the
//! fields given explicitly win over the template's. Only the coach ever reads a template.

use coachbook_core::booking::SessionKind;
use coachbook_core::time::{rfc3339, Zone};
use coachbook_core::validate::InvalidInput;
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;
use utoipa::ToSchema;

use super::accounts::Coach;
use super::catalog::{self, in_range};
use super::{AppError, AppResult, Checker, Ctx};
use crate::store::session_types::SessionTypeRow;
use crate::store::templates::{self as store, TemplateFields, TemplateRow};
use crate::store::{clients, StoreError};

const WHAT: &str = "session template";

/// A template as the coach sees it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Template {
    pub id: i64,
    pub name: String,
    pub session_type_id: i64,
    pub session_type_name: String,
    pub duration_minutes: i64,
    /// Participants per session: 1 unless the type is a group.
    pub capacity: i64,
    /// `https://…`, or empty (then your meeting-link setting applies).
    pub meeting_url: String,
    pub notes: String,
    /// The client the price below is for.
    pub client_id: Option<i64>,
    pub client_name: Option<String>,
    /// The price agreed with that client, in the currency's minor unit; shown only to you.
    pub client_specific_price_cents: Option<i64>,
    pub currency: String,
    /// RFC 3339 in your time zone.
    pub created_at: String,
    pub updated_at: String,
}

impl Template {
    pub fn new(r: TemplateRow, zone: &Zone) -> Self {
        Self {
            id: r.id,
            name: r.name,
            session_type_id: r.session_type_id,
            session_type_name: r.session_type_name,
            duration_minutes: r.duration_minutes,
            capacity: r.capacity,
            meeting_url: r.meeting_url,
            notes: r.notes,
            client_id: r.client_id,
            client_name: r.client_name,
            client_specific_price_cents: r.client_specific_price_cents,
            currency: r.currency,
            created_at: rfc3339(r.created_at.timestamp(), zone),
            updated_at: rfc3339(r.updated_at.timestamp(), zone),
        }
    }
}

/// What the coach sends to create or replace a template. Omitted numbers take the session
/// type's.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct NewTemplate {
    #[schema(required = true, min_length = 1, max_length = 80)]
    pub name: String,
    /// One of your session types (not archived).
    #[schema(required = true, minimum = 1)]
    pub session_type_id: i64,
    /// Default: the type's length.
    #[schema(minimum = 5, maximum = 720)]
    pub duration_minutes: Option<i64>,
    /// Default: the type's capacity; 1 to 500 for a group type, 1 otherwise.
    #[schema(minimum = 1, maximum = 500)]
    pub capacity: Option<i64>,
    /// `https://…`, or empty.
    #[schema(max_length = 2000)]
    pub meeting_url: String,
    #[schema(max_length = 10000)]
    pub notes: String,
    /// One of your clients, whom the price below is for.
    pub client_id: Option<i64>,
    /// A price for that client, in the currency's minor unit.
    #[schema(minimum = 0, maximum = 100_000_000)]
    pub client_specific_price_cents: Option<i64>,
    /// ISO 4217; default the type's currency.
    #[schema(min_length = 3, max_length = 3, pattern = "^[A-Za-z]{3}$")]
    pub currency: Option<String>,
}

/// The capacity a session of `st` may have: 1 to 500 for a group, exactly 1 otherwise.
pub(crate) fn capacity_for(st: &SessionTypeRow, capacity: i64) -> Result<i64, InvalidInput> {
    if st.kind == SessionKind::Group {
        in_range("capacity", capacity, 1, 500, "group size")
    } else if capacity == 1 {
        Ok(1)
    } else {
        Err(InvalidInput::new(
            "capacity",
            "Only group sessions take more than one participant; use 1 or choose a group type.",
        )
        .key("validate-only-group-sessions-take-2"))
    }
}

/// Checks `new` against the coach's records.
async fn validate(
    conn: &mut AnyConnection,
    coach: &Coach,
    new: &NewTemplate,
) -> AppResult<TemplateFields> {
    let mut c = Checker::default();
    let name = catalog::name(
        &mut c,
        &new.name,
        InvalidInput::new(
            "name",
            "Give the template a name, e.g. \"Weekly group class\".",
        )
        .key("validate-name-template"),
    );
    let st = if new.session_type_id == 0 {
        c.push(
            InvalidInput::new("sessionTypeId", "Choose a session type.")
                .key("validate-choose-session-type"),
        );
        None
    } else {
        match super::session_types::active(&mut *conn, coach.id, new.session_type_id).await {
            Ok(t) => Some(t),
            Err(e) => c.absorb(e).map(|()| None)?,
        }
    };
    if let Some(d) = new.duration_minutes {
        c.check(in_range("durationMinutes", d, 5, 720, "length in minutes"));
    }
    let capacity = st
        .as_ref()
        .and_then(|st| c.check(capacity_for(st, new.capacity.unwrap_or(st.capacity))));
    let meeting_url = c.check(super::bookings::meeting_url(&new.meeting_url));
    let notes = c.check(catalog::text("notes", &new.notes, 10_000));
    if let Some(id) = new.client_id {
        match clients::get(&mut *conn, coach.id, id).await {
            Ok(_) => {}
            Err(StoreError::NotFound) => c.push(
                InvalidInput::new("clientId", "No such client among yours.")
                    .key("validate-no-such-client"),
            ),
            Err(e) => return Err(e.into()),
        }
    }
    if let Some(cents) = new.client_specific_price_cents {
        c.check(in_range(
            "clientSpecificPriceCents",
            cents,
            0,
            100_000_000,
            "price in cents",
        ));
        if new.client_id.is_none() {
            c.push(
                InvalidInput::new(
                    "clientId",
                    "Choose the client this price is for, or leave the price out.",
                )
                .key("validate-choose-client-price-leave"),
            );
        }
    }
    let currency = match (&new.currency, &st) {
        (Some(cur), _) => {
            let cur = cur.trim().to_uppercase();
            if cur.len() != 3 || !cur.chars().all(|ch| ch.is_ascii_uppercase()) {
                c.push(
                    InvalidInput::new(
                        "currency",
                        "Use a three-letter currency code such as EUR, USD or GBP.",
                    )
                    .key("validate-use-three-letter-currency"),
                );
            }
            cur
        }
        (None, Some(st)) => st.currency.clone(),
        (None, None) => String::new(),
    };
    let (st, capacity, meeting_url, notes) = c.done(
        st.zip(capacity)
            .zip(meeting_url.zip(notes))
            .map(|((a, b), (m, n))| (a, b, m, n)),
    )?;
    Ok(TemplateFields {
        name,
        session_type_id: st.id,
        duration_minutes: new.duration_minutes.unwrap_or(st.duration_minutes),
        capacity,
        meeting_url,
        notes,
        client_id: new.client_id,
        client_specific_price_cents: new.client_specific_price_cents,
        currency,
    })
}

/// A name already taken among the coach's templates, said beside the name.
fn name_taken(name: &str) -> impl Fn(StoreError) -> AppError + '_ {
    move |e| {
        if e.is_unique_on("name") {
            AppError::from(
                InvalidInput::new(
                    "name",
                    format!("You already have a template called \"{name}\"; choose another name."),
                )
                .key("validate-already-have-template-called")
                .arg("name", name),
            )
        } else {
            AppError::missing(WHAT)(e)
        }
    }
}

pub async fn list(cx: &Ctx, coach: &Coach) -> AppResult<Vec<Template>> {
    Ok(store::list(cx.db.pool(), coach.id)
        .await?
        .into_iter()
        .map(|r| Template::new(r, &coach.zone))
        .collect())
}

pub async fn get(cx: &Ctx, coach: &Coach, id: i64) -> AppResult<Template> {
    store::get(cx.db.pool(), coach.id, id)
        .await
        .map(|r| Template::new(r, &coach.zone))
        .map_err(AppError::missing(WHAT))
}

pub async fn create(cx: &Ctx, coach: &Coach, new: &NewTemplate) -> AppResult<Template> {
    let fields = {
        let mut conn = cx.db.pool().acquire().await?;
        validate(&mut conn, coach, new).await?
    };
    let id = store::insert(cx.db.pool(), coach.id, &fields, cx.stamp())
        .await
        .map_err(name_taken(&fields.name))?;
    get(cx, coach, id).await
}

pub(crate) async fn insert_fields(
    cx: &Ctx,
    coach: &Coach,
    fields: &TemplateFields,
) -> AppResult<Template> {
    let id = store::insert(cx.db.pool(), coach.id, fields, cx.stamp())
        .await
        .map_err(name_taken(&fields.name))?;
    get(cx, coach, id).await
}

pub async fn update(cx: &Ctx, coach: &Coach, id: i64, new: &NewTemplate) -> AppResult<Template> {
    // An unknown template is 404 before its fields are judged.
    store::get(cx.db.pool(), coach.id, id)
        .await
        .map_err(AppError::missing(WHAT))?;
    let fields = {
        let mut conn = cx.db.pool().acquire().await?;
        validate(&mut conn, coach, new).await?
    };
    store::update(cx.db.pool(), coach.id, id, &fields, cx.stamp())
        .await
        .map_err(name_taken(&fields.name))?;
    get(cx, coach, id).await
}

pub async fn delete(cx: &Ctx, coach: &Coach, id: i64) -> AppResult<()> {
    store::delete(cx.db.pool(), coach.id, id)
        .await
        .map_err(AppError::missing(WHAT))
}

/// The template a booking or session names as `templateId`; one that is not the coach's is a
/// field error (the request is otherwise well-formed).
pub(crate) async fn prefill(
    conn: &mut AnyConnection,
    c: &mut Checker,
    coach_id: i64,
    id: Option<i64>,
) -> AppResult<Option<TemplateRow>> {
    let Some(id) = id else { return Ok(None) };
    match store::get(&mut *conn, coach_id, id).await {
        Ok(t) => Ok(Some(t)),
        Err(StoreError::NotFound) => {
            c.push(
                InvalidInput::new("templateId", "No such session template among yours.")
                    .key("validate-no-such-session-template"),
            );
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}
