//! Session types: templates for the kinds of session a coach offers.

use coachbook_core::booking::SessionKind;
use coachbook_core::privacy::TypeVisibility;
use coachbook_core::validate::InvalidInput;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::accounts::Coach;
use super::catalog::{self, in_range};
use super::{AllChecked, AppError, AppResult, Checker, Ctx};
use crate::store::session_types::{self, SessionTypeFields, SessionTypeRow};

/// A session type as the coach sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SessionType {
    pub id: i64,
    pub name: String,
    /// `one_on_one`, `group` or `discovery`.
    #[schema(value_type = String)]
    pub kind: SessionKind,
    pub duration_minutes: i64,
    /// Price in the currency's minor unit (cents).
    pub price_cents: i64,
    /// ISO 4217 code, e.g. `EUR`.
    pub currency: String,
    /// Participants per session: 1 unless the kind is `group`.
    pub capacity: i64,
    pub buffer_before_minutes: i64,
    pub buffer_after_minutes: i64,
    /// `#rrggbb`, used on calendars.
    pub color: String,
    /// Bookings wait for the coach's approval.
    pub requires_approval: bool,
    pub archived: bool,
    /// One line for clients on the coach's page.
    pub description: String,
    /// Who sees it on the coach's page: `nobody`, `connected`, `registered` or `public`.
    #[schema(value_type = String)]
    pub visibility: TypeVisibility,
    /// Tiered prices, by first session; empty when every session costs `priceCents`.
    pub price_tiers: Vec<super::pricing::PriceTier>,
}

impl From<SessionTypeRow> for SessionType {
    fn from(r: SessionTypeRow) -> Self {
        Self {
            id: r.id,
            name: r.name,
            kind: r.kind,
            duration_minutes: r.duration_minutes,
            price_cents: r.price_cents,
            currency: r.currency,
            capacity: r.capacity,
            buffer_before_minutes: r.buffer_before_minutes,
            buffer_after_minutes: r.buffer_after_minutes,
            color: r.color,
            requires_approval: r.requires_approval.0,
            archived: r.archived_at.is_some(),
            description: r.description,
            visibility: r.visibility,
            price_tiers: Vec::new(),
        }
    }
}

/// What a coach submits to create or change a session type. Omitted fields take the defaults
/// shown.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct NewSessionType {
    #[schema(required = true, min_length = 1, max_length = 80)]
    pub name: String,
    #[schema(schema_with = super::schema::session_kind)]
    pub kind: String,
    /// Default 60.
    #[schema(minimum = 5, maximum = 720)]
    pub duration_minutes: i64,
    #[schema(minimum = 0, maximum = 100_000_000)]
    pub price_cents: i64,
    /// An ISO 4217 code; default `EUR`.
    #[schema(min_length = 3, max_length = 3, pattern = "^[A-Za-z]{3}$")]
    pub currency: String,
    /// Default 1; 2 to 500 for groups, 1 otherwise.
    #[schema(minimum = 1, maximum = 500)]
    pub capacity: i64,
    #[schema(minimum = 0, maximum = 240)]
    pub buffer_before_minutes: i64,
    #[schema(minimum = 0, maximum = 240)]
    pub buffer_after_minutes: i64,
    #[schema(min_length = 7, max_length = 7, pattern = "^#[0-9A-Fa-f]{6}$")]
    pub color: String,
    pub requires_approval: bool,
    /// One line for clients on the coach's page.
    #[schema(max_length = 300)]
    pub description: String,
    /// Who sees it on the coach's page; default `public`.
    #[schema(schema_with = super::schema::type_visibility)]
    pub visibility: Option<String>,
    /// Tiered prices: the first from session 1, then later first sessions, at most 10. When
    /// given, the first tier's price becomes `priceCents`. `[]` removes the tiers; left out,
    /// they stay as they are.
    #[schema(max_items = 10)]
    pub price_tiers: Option<Vec<super::pricing::PriceTier>>,
}

impl Default for NewSessionType {
    fn default() -> Self {
        Self {
            name: String::new(),
            kind: "one_on_one".into(),
            duration_minutes: 60,
            price_cents: 0,
            currency: "EUR".into(),
            capacity: 1,
            buffer_before_minutes: 0,
            buffer_after_minutes: 0,
            color: "#2f6f62".into(),
            requires_approval: false,
            description: String::new(),
            visibility: None,
            price_tiers: None,
        }
    }
}

impl From<&SessionType> for NewSessionType {
    fn from(t: &SessionType) -> Self {
        Self {
            name: t.name.clone(),
            kind: t.kind.as_str().to_owned(),
            duration_minutes: t.duration_minutes,
            price_cents: t.price_cents,
            currency: t.currency.clone(),
            capacity: t.capacity,
            buffer_before_minutes: t.buffer_before_minutes,
            buffer_after_minutes: t.buffer_after_minutes,
            color: t.color.clone(),
            requires_approval: t.requires_approval,
            description: t.description.clone(),
            visibility: Some(t.visibility.as_str().to_owned()),
            price_tiers: Some(t.price_tiers.clone()),
        }
    }
}

/// A checked session type and, when tiers were sent, what to store for them.
type Checked = (
    SessionTypeFields,
    Option<Option<coachbook_core::pricing::TieredPrice>>,
);

fn validate(new: &NewSessionType) -> AppResult<Checked> {
    let mut c = Checker::default();
    let name = catalog::name(
        &mut c,
        &new.name,
        InvalidInput::new(
            "name",
            "Give the session type a name, e.g. \"Coaching session\".",
        )
        .key("validate-name-session-type"),
    );
    let kind = c.check(SessionKind::parse(new.kind.trim()).map_err(|_| {
        InvalidInput::new("kind", "Choose one_on_one, group or discovery.")
            .key("validate-choose-one-one-group")
    }));
    c.check(in_range(
        "durationMinutes",
        new.duration_minutes,
        5,
        720,
        "duration in minutes",
    ));
    let currency = catalog::price(&mut c, new.price_cents, &new.currency);
    if kind == Some(SessionKind::Group) {
        c.check(in_range("capacity", new.capacity, 2, 500, "group size"));
    } else if new.capacity != 1 {
        c.push(
            InvalidInput::new(
                "capacity",
                "Only group sessions take more than one participant; use 1 or make it a group.",
            )
            .key("validate-only-group-sessions-take"),
        );
    }
    c.check(in_range(
        "bufferBeforeMinutes",
        new.buffer_before_minutes,
        0,
        240,
        "buffer in minutes",
    ));
    c.check(in_range(
        "bufferAfterMinutes",
        new.buffer_after_minutes,
        0,
        240,
        "buffer in minutes",
    ));
    let color = new.color.to_lowercase();
    if color.len() != 7
        || !color.starts_with('#')
        || !color[1..].chars().all(|ch| ch.is_ascii_hexdigit())
    {
        c.push(
            InvalidInput::new("color", "Use a colour like #2f6f62.")
                .key("validate-use-colour-like-2f6f62"),
        );
    }
    let description = new.description.trim();
    if description.chars().count() > 300 || description.chars().any(char::is_control) {
        c.push(
            InvalidInput::new(
                "description",
                "Keep the description to one line of at most 300 characters.",
            )
            .key("validate-keep-description-one-line"),
        );
    }
    let visibility = match new.visibility.as_deref().map(str::trim) {
        None | Some("") => "public",
        Some(v) => v,
    };
    let visibility = c.check(TypeVisibility::parse(visibility).map_err(|_| {
        InvalidInput::new(
            "visibility",
            "Choose who sees it: nobody, connected, registered or public.",
        )
        .key("validate-choose-who-sees-nobody")
    }));
    let tiers = match &new.price_tiers {
        None => None,
        Some(list) => match super::pricing::check_tiers(&currency, list) {
            Ok(t) => Some(t),
            Err(errors) => {
                for e in errors {
                    c.push(e);
                }
                None
            }
        },
    };
    let (kind, visibility) = c.done((kind, visibility).all())?;
    // With tiers, the first tier's price is the list price (a first session's).
    let price_cents = match &tiers {
        Some(Some(p)) => p.unit_price(1),
        _ => new.price_cents,
    };
    let fields = SessionTypeFields {
        name,
        kind,
        duration_minutes: new.duration_minutes,
        price_cents,
        currency,
        capacity: new.capacity,
        buffer_before_minutes: new.buffer_before_minutes,
        buffer_after_minutes: new.buffer_after_minutes,
        color,
        requires_approval: new.requires_approval,
        description: description.to_owned(),
        visibility,
    };
    Ok((fields, tiers))
}

const WHAT: &str = "session type";

pub async fn list(cx: &Ctx, coach: &Coach, include_archived: bool) -> AppResult<Vec<SessionType>> {
    let tiers = crate::store::pricing::tiers_for_coach(cx.db.pool(), coach.id).await?;
    Ok(
        session_types::list(cx.db.pool(), coach.id, include_archived)
            .await?
            .into_iter()
            .map(|r| {
                let mut t = SessionType::from(r);
                let own: Vec<_> = tiers
                    .iter()
                    .filter(|x| x.session_type_id == t.id)
                    .cloned()
                    .collect();
                t.price_tiers = super::pricing::tiers_out(&own);
                t
            })
            .collect(),
    )
}

pub async fn get(cx: &Ctx, coach: &Coach, id: i64) -> AppResult<SessionType> {
    let mut t: SessionType = session_types::get(cx.db.pool(), coach.id, id)
        .await
        .map(Into::into)
        .map_err(AppError::missing(WHAT))?;
    let rows = crate::store::pricing::tiers_for_type(cx.db.pool(), t.id).await?;
    t.price_tiers = super::pricing::tiers_out(&rows);
    Ok(t)
}

/// Checks `new` as [`create`] and [`update`] would, writing nothing: every field's error at once.
pub async fn check(_cx: &Ctx, _coach: &Coach, new: &NewSessionType) -> AppResult<()> {
    validate(new).map(|_| ())
}

pub async fn create(cx: &Ctx, coach: &Coach, new: &NewSessionType) -> AppResult<SessionType> {
    let (fields, tiers) = validate(new)?;
    let mut tx = cx.db.begin_write().await?;
    let id = session_types::insert(&mut *tx, coach.id, &fields, cx.stamp()).await?;
    if let Some(tiers) = &tiers {
        super::pricing::store_tiers(&mut tx, id, tiers.as_ref()).await?;
    }
    tx.commit().await?;
    get(cx, coach, id).await
}

pub async fn update(
    cx: &Ctx,
    coach: &Coach,
    id: i64,
    new: &NewSessionType,
) -> AppResult<SessionType> {
    let (fields, tiers) = validate(new)?;
    let mut tx = cx.db.begin_write().await?;
    session_types::update(&mut *tx, coach.id, id, &fields, cx.stamp())
        .await
        .map_err(AppError::missing(WHAT))?;
    if let Some(tiers) = &tiers {
        super::pricing::store_tiers(&mut tx, id, tiers.as_ref()).await?;
    }
    tx.commit().await?;
    get(cx, coach, id).await
}

pub async fn set_archived(
    cx: &Ctx,
    coach: &Coach,
    id: i64,
    archived: bool,
) -> AppResult<SessionType> {
    catalog::set_archived(cx, session_types::TABLE, coach.id, id, archived, WHAT).await?;
    get(cx, coach, id).await
}

/// The coach's session type `id`, for booking or offering: it must be theirs and not archived,
/// else a field error on `sessionTypeId`.
pub(crate) async fn active<'e, E>(ex: E, coach_id: i64, id: i64) -> AppResult<SessionTypeRow>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    match session_types::get(ex, coach_id, id).await {
        Ok(t) if t.archived_at.is_none() => Ok(t),
        Ok(_) => Err(AppError::from(
            InvalidInput::new(
                "sessionTypeId",
                "This session type is archived; restore it or choose another.",
            )
            .key("validate-session-type-archived-restore"),
        )),
        Err(crate::store::StoreError::NotFound) => Err(AppError::from(
            InvalidInput::new("sessionTypeId", "No such session type among yours.")
                .key("validate-no-such-session-type-2"),
        )),
        Err(e) => Err(e.into()),
    }
}

/// The engine's view of a session type.
pub(crate) fn spec(t: &SessionTypeRow) -> AppResult<coachbook_core::availability::SessionTypeSpec> {
    use jiff::SignedDuration;
    let capacity = u32::try_from(t.capacity)
        .map_err(|_| anyhow::anyhow!("session type {} has capacity {}", t.id, t.capacity))?;
    Ok(coachbook_core::availability::SessionTypeSpec {
        id: coachbook_core::time::SessionTypeId(t.id),
        duration: SignedDuration::from_mins(t.duration_minutes),
        buffer_before: SignedDuration::from_mins(t.buffer_before_minutes),
        buffer_after: SignedDuration::from_mins(t.buffer_after_minutes),
        capacity,
    })
}
