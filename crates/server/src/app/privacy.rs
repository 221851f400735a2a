//! The coach's public page and its privacy settings: reading and saving them (Settings and
//! `/api/me/privacy`), and [`visit`]: who is looking at a coach's page and what they may see,
//! decided by the core's [`coachbook_core::privacy::view`]. Every read path for non-coaches
//! starts from a [`Visit`].

use coachbook_core::privacy::{
    self, BookingAudience, CalendarVisibility, Denied, PrivacySettings, ShowBooked, TypeVisibility,
    View, Viewer,
};
use coachbook_core::time::Zone;
use coachbook_core::validate::InvalidInput;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::accounts::{Account, Coach};
use super::{AllChecked, AppError, AppResult, Checker, Ctx};
use crate::store::privacy::{self as store, PageRow};
use crate::store::session_types;
use crate::store::StoreError;

/// The settings and profile as the coach sees and sends them.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Privacy {
    /// `private` (only you), `connected` (your connected clients) or `public`.
    #[schema(value_type = String)]
    pub calendar_visibility: CalendarVisibility,
    /// Who may book and send session requests: `connected`, `registered` or `public`.
    #[schema(value_type = String)]
    pub booking_audience: BookingAudience,
    /// How booked time shows to others: `no`, `booked` or `booked_with_type`.
    #[schema(value_type = String)]
    pub show_booked: ShowBooked,
    pub show_prices: bool,
    /// A few lines about you, on your page.
    pub bio: String,
    /// An `https` link to your photo, or empty.
    pub photo_url: String,
    /// Who sees each active session type.
    pub session_types: Vec<TypeVisibilityView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TypeVisibilityView {
    pub id: i64,
    pub name: String,
    /// `nobody`, `connected`, `registered` or `public`.
    #[schema(value_type = String)]
    pub visibility: TypeVisibility,
}

/// What `PUT /api/me/privacy` takes: every setting (the page sends them all); session types
/// left out keep their visibility.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PrivacyInput {
    #[schema(schema_with = super::schema::calendar_visibility)]
    pub calendar_visibility: String,
    #[schema(schema_with = super::schema::booking_audience)]
    pub booking_audience: String,
    #[schema(schema_with = super::schema::show_booked)]
    pub show_booked: String,
    pub show_prices: bool,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub bio: String,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub photo_url: String,
    #[serde(default)]
    pub session_types: Vec<TypeVisibilityInput>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TypeVisibilityInput {
    pub id: i64,
    #[schema(schema_with = super::schema::type_visibility_given)]
    pub visibility: String,
}

/// The most a bio may hold.
pub const BIO_MAX: usize = 2000;

pub async fn get(cx: &Ctx, coach: &Coach) -> AppResult<Privacy> {
    let mut conn = cx.db.pool().acquire().await?;
    let row = store::by_coach(&mut *conn, coach.id).await?;
    let types = session_types::list(&mut *conn, coach.id, false).await?;
    let settings = row.settings();
    Ok(Privacy {
        calendar_visibility: settings.calendar,
        booking_audience: settings.booking,
        show_booked: settings.show_booked,
        show_prices: settings.show_prices,
        bio: row.bio,
        photo_url: row.photo_url,
        session_types: types
            .into_iter()
            .map(|t| TypeVisibilityView {
                id: t.id,
                name: t.name,
                visibility: t.visibility,
            })
            .collect(),
    })
}

/// A photo link: empty, or an `https` URL.
fn photo_url(raw: &str) -> Result<String, InvalidInput> {
    super::bookings::meeting_url(raw).map_err(|_| {
        InvalidInput::new(
            "photoUrl",
            "Use a link to your photo starting with https://, or leave it empty.",
        )
        .key("validate-use-link-photo-starting")
    })
}

/// Checks every field (each error at once) and saves; nothing changes when any is wrong.
pub async fn update(cx: &Ctx, coach: &Coach, input: &PrivacyInput) -> AppResult<Privacy> {
    let mut c = Checker::default();
    let calendar = c.check(
        CalendarVisibility::parse(input.calendar_visibility.trim()).map_err(|_| {
            InvalidInput::new(
                "calendarVisibility",
                "Choose who sees your calendar: private, connected or public.",
            )
            .key("validate-choose-who-sees-calendar")
        }),
    );
    let booking = c.check(
        BookingAudience::parse(input.booking_audience.trim()).map_err(|_| {
            InvalidInput::new(
                "bookingAudience",
                "Choose who may book: connected, registered or public.",
            )
            .key("validate-choose-who-may-book")
        }),
    );
    let show_booked = c.check(ShowBooked::parse(input.show_booked.trim()).map_err(|_| {
        InvalidInput::new(
            "showBooked",
            "Choose how booked time shows: no, booked or booked_with_type.",
        )
        .key("validate-choose-how-booked-time")
    }));
    let bio = input.bio.trim();
    let bio_fits = bio.chars().count() <= BIO_MAX
        && !bio
            .chars()
            .any(|ch| ch.is_control() && ch != '\n' && ch != '\r' && ch != '\t');
    if !bio_fits {
        c.push(
            InvalidInput::new("bio", "Keep your bio to at most 2000 characters of text.")
                .key("validate-bio-too-long"),
        );
    }
    let photo = c.check(photo_url(&input.photo_url));
    let mut types = Vec::new();
    for t in &input.session_types {
        if let Some(v) = c.check(TypeVisibility::parse(t.visibility.trim()).map_err(|_| {
            InvalidInput::new(
                "sessionTypes",
                "Choose who sees each session type: nobody, connected, registered or public.",
            )
            .key("validate-choose-who-sees-each")
        })) {
            types.push((t.id, v));
        }
    }
    let (calendar, booking, show_booked, photo) =
        c.done((calendar, booking, show_booked, photo).all())?;
    let settings = PrivacySettings {
        calendar,
        booking,
        show_booked,
        show_prices: input.show_prices,
    };
    let now = cx.stamp();
    let mut tx = cx.db.begin_write().await?;
    for (id, visibility) in types {
        session_types::set_visibility(&mut *tx, coach.id, id, visibility, now)
            .await
            .map_err(|e| match e {
                StoreError::NotFound => AppError::from(
                    InvalidInput::new(
                        "sessionTypes",
                        format!("Session type {id} is not one of yours."),
                    )
                    .key("validate-session-type-not-one-2")
                    .arg("id", id),
                ),
                e => e.into(),
            })?;
    }
    store::set(&mut *tx, coach.id, &settings, bio, &photo).await?;
    tx.commit().await?;
    get(cx, coach).await
}

/// A coach's page as a visitor reaches it: who the coach is and what they allow.
#[derive(Debug, Clone)]
pub struct Page {
    pub coach_id: i64,
    pub user_id: i64,
    pub slug: String,
    pub name: String,
    pub bio: String,
    pub photo_url: String,
    pub zone: Zone,
    pub settings: PrivacySettings,
    pub calendar_version: i64,
    email: String,
}

impl From<PageRow> for Page {
    fn from(r: PageRow) -> Self {
        Self {
            settings: r.settings(),
            coach_id: r.coach_id,
            user_id: r.user_id,
            slug: r.slug,
            name: r.name,
            bio: r.bio,
            photo_url: r.photo_url,
            zone: r.time_zone.0,
            calendar_version: r.calendar_version,
            email: r.email,
        }
    }
}

impl Page {
    /// The coach as the coach-scoped use cases take it, for the work done on a visitor's
    /// behalf (booking, requests). Never handed to a template or serialised.
    pub fn coach(&self) -> Coach {
        Coach {
            id: self.coach_id,
            user_id: self.user_id,
            name: self.name.clone(),
            email: self.email.clone(),
            slug: self.slug.clone(),
            zone: self.zone.clone(),
            calendar_version: self.calendar_version,
        }
    }
}

/// One viewer on one coach's page.
#[derive(Debug, Clone)]
pub struct Visit {
    pub page: Page,
    pub view: View,
    /// The signed-in account, when there is one.
    pub account: Option<Account>,
}

impl Visit {
    pub fn viewer(&self) -> Viewer {
        self.view.viewer
    }
}

/// A viewer's refusal as the error the web layer words: hidden things are "not found" exactly
/// as missing ones are.
pub fn denied(d: Denied, what: &'static str) -> AppError {
    match d {
        Denied::Hidden => AppError::NotFound(what),
        Denied::SignIn => AppError::Unauthenticated,
        Denied::ClientsOnly => AppError::Forbidden,
    }
}

/// Who `account` is to the coach at `slug`: the coach, a connected client, a registered user, or
/// (no account) a visitor. An unknown page is "not found".
pub async fn visit(cx: &Ctx, account: Option<&Account>, slug: &str) -> AppResult<Visit> {
    let mut conn = cx.db.pool().acquire().await?;
    let page: Page = store::by_slug(&mut *conn, slug)
        .await
        .map_err(AppError::missing("coach"))?
        .into();
    let viewer = match account {
        None => Viewer::Visitor,
        Some(a)
            if a.practice
                .as_ref()
                .is_some_and(|(id, _)| *id == page.coach_id) =>
        {
            Viewer::Owner
        }
        Some(a) => match store::connected_client(&mut *conn, page.coach_id, a.id).await? {
            Some(client_id) => Viewer::Client {
                client_id,
                user_id: a.id,
            },
            None => Viewer::Registered { user_id: a.id },
        },
    };
    let view = privacy::view(viewer, page.settings);
    Ok(Visit {
        page,
        view,
        account: account.cloned(),
    })
}
