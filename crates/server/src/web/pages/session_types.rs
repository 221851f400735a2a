//! The coach's Session types page: list, create, edit, archive and restore.

use askama::Template;
use axum::response::Response;
use axum::Router;
use serde::Deserialize;
use tower_sessions::Session;

use super::catalog::{self, status_for, CatalogPage};
use super::{render, FieldErrors, Numbers, Shell, Tr};
use crate::app::accounts::Coach;
use crate::app::i18n::msg;
use crate::app::pricing::PriceTier;
use crate::app::session_types::{self, NewSessionType, SessionType};
use crate::app::{AppResult, Ctx};
use crate::web::error::PageResult;
use crate::web::AppState;
use coachbook_core::privacy::TypeVisibility;
use coachbook_core::validate::InvalidInput;

pub fn router() -> Router<AppState> {
    catalog::router::<SessionTypesPage>()
}

const PAGE: &str = "/admin/session-types";

/// The Session types page, on the shared catalogue handlers.
pub struct SessionTypesPage;

impl CatalogPage for SessionTypesPage {
    type Form = SessionTypeForm;
    type Input = NewSessionType;
    type Item = SessionType;
    const PAGE: &'static str = PAGE;
    const ARCHIVED: &'static str = msg("session-types-archived-means");

    fn name(item: &SessionType) -> &str {
        &item.name
    }

    fn parse(form: &SessionTypeForm) -> (NewSessionType, Vec<InvalidInput>) {
        form.parse()
    }

    async fn check(cx: &Ctx, coach: &Coach, input: &NewSessionType) -> AppResult<()> {
        session_types::check(cx, coach, input).await
    }

    async fn create(cx: &Ctx, coach: &Coach, input: &NewSessionType) -> AppResult<SessionType> {
        session_types::create(cx, coach, input).await
    }

    async fn update(
        cx: &Ctx,
        coach: &Coach,
        id: i64,
        input: &NewSessionType,
    ) -> AppResult<SessionType> {
        session_types::update(cx, coach, id, input).await
    }

    async fn set_archived(
        cx: &Ctx,
        coach: &Coach,
        id: i64,
        archived: bool,
    ) -> AppResult<SessionType> {
        session_types::set_archived(cx, coach, id, archived).await
    }

    async fn list_page(
        state: &AppState,
        session: &Session,
        coach: &Coach,
        sent: Option<(SessionTypeForm, FieldErrors)>,
    ) -> PageResult<Response> {
        let shell =
            Shell::for_coach(Tr::current().t("session-types-title"), coach, PAGE, session).await;
        let types = session_types::list(state.ctx(), coach, true).await?;
        let status = status_for(&sent);
        let (form, errors) = sent.unwrap_or_else(|| {
            (
                SessionTypeForm::from_type(&NewSessionType::default()),
                FieldErrors::default(),
            )
        });
        let page = ListPage {
            shell,
            visibilities: TypeVisibility::ALL,
            types,
            form,
            errors,
        };
        render(status, &page)
    }

    async fn edit_page(
        state: &AppState,
        session: &Session,
        coach: &Coach,
        id: i64,
        sent: Option<(SessionTypeForm, FieldErrors)>,
    ) -> PageResult<Response> {
        let session_type = session_types::get(state.ctx(), coach, id).await?;
        let title = Tr::current().t1("session-types-edit-title", "name", &session_type.name);
        let shell = Shell::for_coach(title, coach, PAGE, session).await;
        let status = status_for(&sent);
        let (form, errors) = sent.unwrap_or_else(|| {
            let saved = NewSessionType::from(&session_type);
            (SessionTypeForm::from_type(&saved), FieldErrors::default())
        });
        let page = EditPage {
            shell,
            visibilities: TypeVisibility::ALL,
            session_type,
            form,
            errors,
        };
        render(status, &page)
    }
}

/// The form as typed: numbers arrive as text and are checked here, so a typo is reported beside
/// its field instead of failing the whole form.
#[derive(Deserialize, Default, Clone)]
#[serde(rename_all = "camelCase", default)]
pub struct SessionTypeForm {
    name: String,
    kind: String,
    duration_minutes: String,
    price: String,
    currency: String,
    capacity: String,
    buffer_before_minutes: String,
    buffer_after_minutes: String,
    color: String,
    requires_approval: Option<String>,
    description: String,
    visibility: String,
    /// Later tiers typed as "5: 90, 10: 80" (first session: price each); the first tier is
    /// `price`.
    price_tiers: String,
}

impl SessionTypeForm {
    fn from_type(t: &NewSessionType) -> Self {
        Self {
            name: t.name.clone(),
            kind: t.kind.clone(),
            duration_minutes: t.duration_minutes.to_string(),
            price: format!("{}.{:02}", t.price_cents / 100, t.price_cents % 100),
            currency: t.currency.clone(),
            capacity: t.capacity.to_string(),
            buffer_before_minutes: t.buffer_before_minutes.to_string(),
            buffer_after_minutes: t.buffer_after_minutes.to_string(),
            color: t.color.clone(),
            requires_approval: t.requires_approval.then(|| "on".to_owned()),
            description: t.description.clone(),
            visibility: t.visibility.clone().unwrap_or_default(),
            price_tiers: t
                .price_tiers
                .iter()
                .flatten()
                .skip(1)
                .map(|p| {
                    format!(
                        "{}: {}.{:02}",
                        p.from,
                        p.price_cents / 100,
                        p.price_cents % 100
                    )
                })
                .collect::<Vec<_>>()
                .join(", "),
        }
    }

    fn parse(&self) -> (NewSessionType, Vec<InvalidInput>) {
        let mut n = Numbers::default();
        let price_cents = n.price("priceCents", &self.price, &self.currency);
        let (price_tiers, tier_error) = match self.tiers(price_cents) {
            Ok(t) => (t, None),
            Err(e) => (Vec::new(), Some(e)),
        };
        let new = NewSessionType {
            name: self.name.clone(),
            kind: self.kind.clone(),
            duration_minutes: n.whole("durationMinutes", &self.duration_minutes),
            price_cents,
            currency: self.currency.clone(),
            capacity: n.whole("capacity", &self.capacity),
            buffer_before_minutes: n.whole("bufferBeforeMinutes", &self.buffer_before_minutes),
            buffer_after_minutes: n.whole("bufferAfterMinutes", &self.buffer_after_minutes),
            color: self.color.clone(),
            requires_approval: self.requires_approval.is_some(),
            description: self.description.clone(),
            visibility: Some(self.visibility.clone()),
            price_tiers: Some(price_tiers),
        };
        let (new, mut errors) = n.parts(new);
        errors.extend(tier_error);
        (new, errors)
    }
}

impl SessionTypeForm {
    /// The tiers typed: the price field from session 1, then each "from: price". Empty when no
    /// later tier is typed. A part that does not read is one error on `priceTiers`.
    fn tiers(&self, first_cents: i64) -> Result<Vec<PriceTier>, InvalidInput> {
        let typed = self.price_tiers.trim();
        if typed.is_empty() {
            return Ok(Vec::new());
        }
        let mut tiers = vec![PriceTier {
            from: 1,
            price_cents: first_cents,
            currency: None,
        }];
        for part in typed.split([',', ';', '\n']).map(str::trim) {
            if part.is_empty() {
                continue;
            }
            let read = part.split_once(':').and_then(|(from, price)| {
                let from = from
                    .trim()
                    .trim_start_matches('#')
                    .trim_end_matches('+')
                    .trim()
                    .parse::<i64>()
                    .ok()?;
                let price = super::parse_price(price.trim())?;
                Some(PriceTier {
                    from,
                    price_cents: price.cents,
                    currency: price.code,
                })
            });
            match read {
                Some(t) => tiers.push(t),
                None => {
                    return Err(InvalidInput::new(
                        "priceTiers",
                        format!(
                            "\"{part}\" does not read; write each tier as first session: price, \
                             like \"5: 90, 10: 80\"."
                        ),
                    )
                    .key("validate-does-not-read-write")
                    .arg("part", part));
                }
            }
        }
        Ok(tiers)
    }
}

/// "€80.00" / "80,00 €", or "Free", in the page's language.
pub fn price_label(t: &SessionType) -> String {
    crate::app::money::show(t.price_cents, &t.currency)
}

/// The message id of a visibility's label on the session type form.
fn visibility_id(v: &TypeVisibility) -> String {
    format!("stform-visibility-{}", v.as_str())
}

impl ListPage {
    fn visibility_label(&self, v: &TypeVisibility) -> String {
        self.shell.tr.t(&visibility_id(v))
    }
}

impl EditPage {
    fn visibility_label(&self, v: &TypeVisibility) -> String {
        self.shell.tr.t(&visibility_id(v))
    }
}

#[derive(Template)]
#[template(path = "pages/session_types.html")]
struct ListPage {
    shell: Shell,
    visibilities: &'static [TypeVisibility],
    types: Vec<SessionType>,
    form: SessionTypeForm,
    errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "pages/session_type_edit.html")]
struct EditPage {
    shell: Shell,
    visibilities: &'static [TypeVisibility],
    session_type: SessionType,
    form: SessionTypeForm,
    errors: FieldErrors,
}
