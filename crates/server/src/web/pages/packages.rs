//! The coach's Packages page: list (with how many clients are enrolled), create, edit, archive
//! and restore.

use askama::Template;
use axum::response::Response;
use axum::Router;
use serde::Deserialize;
use tower_sessions::Session;

use super::catalog::{self, status_for, CatalogPage};
use super::{render, FieldErrors, Numbers, Shell, Tr};
use crate::app::accounts::Coach;
use crate::app::i18n::msg;
use crate::app::packages::{self, NewPackage, Package};
use crate::app::session_types::{self, SessionType};
use crate::app::{AppResult, Ctx};
use crate::web::error::PageResult;
use crate::web::AppState;
use coachbook_core::validate::InvalidInput;

pub fn router() -> Router<AppState> {
    catalog::router::<PackagesPage>()
}

const PAGE: &str = "/admin/packages";

/// The Packages page, on the shared catalogue handlers.
pub struct PackagesPage;

impl CatalogPage for PackagesPage {
    type Form = PackageForm;
    type Input = NewPackage;
    type Item = Package;
    const PAGE: &'static str = PAGE;
    const ARCHIVED: &'static str = msg("packages-archived-means");

    fn name(item: &Package) -> &str {
        &item.name
    }

    fn parse(form: &PackageForm) -> (NewPackage, Vec<InvalidInput>) {
        form.parse()
    }

    async fn check(cx: &Ctx, coach: &Coach, input: &NewPackage) -> AppResult<()> {
        packages::check(cx, coach, input).await
    }

    async fn create(cx: &Ctx, coach: &Coach, input: &NewPackage) -> AppResult<Package> {
        packages::create(cx, coach, input).await
    }

    async fn update(cx: &Ctx, coach: &Coach, id: i64, input: &NewPackage) -> AppResult<Package> {
        packages::update(cx, coach, id, input).await
    }

    async fn set_archived(cx: &Ctx, coach: &Coach, id: i64, archived: bool) -> AppResult<Package> {
        packages::set_archived(cx, coach, id, archived).await
    }

    async fn list_page(
        state: &AppState,
        session: &Session,
        coach: &Coach,
        sent: Option<(PackageForm, FieldErrors)>,
    ) -> PageResult<Response> {
        let shell = Shell::for_coach(Tr::current().t("packages-title"), coach, PAGE, session).await;
        let packages = packages::list(state.ctx(), coach, true).await?;
        let types = session_types::list(state.ctx(), coach, false).await?;
        let status = status_for(&sent);
        let (form, errors) = sent.unwrap_or_else(|| {
            let blank = NewPackage {
                session_minutes: Some(60),
                ..NewPackage::default()
            };
            (PackageForm::from_package(&blank), FieldErrors::default())
        });
        let page = ListPage {
            shell,
            packages,
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
        sent: Option<(PackageForm, FieldErrors)>,
    ) -> PageResult<Response> {
        let package = packages::get(state.ctx(), coach, id).await?;
        let types = session_types::list(state.ctx(), coach, true).await?;
        let title = Tr::current().t1("packages-edit-title", "name", &package.name);
        let shell = Shell::for_coach(title, coach, PAGE, session).await;
        let status = status_for(&sent);
        let (form, errors) = sent.unwrap_or_else(|| {
            let saved = NewPackage::from(&package);
            (PackageForm::from_package(&saved), FieldErrors::default())
        });
        let page = EditPage {
            shell,
            package,
            types,
            form,
            errors,
        };
        render(status, &page)
    }
}

/// The form as typed; numbers arrive as text and are checked here, beside their fields.
#[derive(Deserialize, Default, Clone)]
#[serde(rename_all = "camelCase", default)]
pub struct PackageForm {
    name: String,
    session_type_id: String,
    session_count: String,
    session_minutes: String,
    price: String,
    currency: String,
    validity_days: String,
    description: String,
}

impl PackageForm {
    fn from_package(p: &NewPackage) -> Self {
        Self {
            name: p.name.clone(),
            session_type_id: p
                .session_type_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            session_count: p.session_count.to_string(),
            session_minutes: p.session_minutes.map(|m| m.to_string()).unwrap_or_default(),
            price: format!("{}.{:02}", p.price_cents / 100, p.price_cents % 100),
            currency: p.currency.clone(),
            validity_days: p.validity_days.map(|d| d.to_string()).unwrap_or_default(),
            description: p.description.clone(),
        }
    }

    fn parse(&self) -> (NewPackage, Vec<InvalidInput>) {
        let mut n = Numbers::default();
        let new = NewPackage {
            name: self.name.clone(),
            session_type_id: n.optional("sessionTypeId", &self.session_type_id, ""),
            session_count: n
                .optional("sessionCount", &self.session_count, "")
                .unwrap_or(0),
            session_minutes: n.optional("sessionMinutes", &self.session_minutes, ""),
            price_cents: n.price("priceCents", &self.price, &self.currency),
            currency: self.currency.clone(),
            validity_days: n.optional("validityDays", &self.validity_days, ""),
            description: self.description.clone(),
        };
        n.parts(new)
    }
}

#[derive(Template)]
#[template(path = "pages/packages.html")]
struct ListPage {
    shell: Shell,
    packages: Vec<Package>,
    types: Vec<SessionType>,
    form: PackageForm,
    errors: FieldErrors,
}

impl ListPage {
    /// "EUR 480.00" / "480,00 EUR", or "Free".
    fn price(&self, p: &Package) -> String {
        super::catalog::price(self.shell.tr, p.price_cents, &p.currency)
    }

    /// "90 days", or "No expiry".
    fn validity(&self, p: &Package) -> String {
        match p.validity_days {
            Some(days) => self.shell.tr.t1("packages-validity", "days", days),
            None => self.shell.tr.t("packages-no-expiry"),
        }
    }
}

#[derive(Template)]
#[template(path = "pages/package_edit.html")]
struct EditPage {
    shell: Shell,
    package: Package,
    types: Vec<SessionType>,
    form: PackageForm,
    errors: FieldErrors,
}
