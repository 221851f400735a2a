//! Accounts: creating coaches and users, signing in, settings, passwords and API tokens.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use base64::Engine;
use coachbook_core::locale::Locale;
use coachbook_core::practice::Role;
use coachbook_core::time::Zone;
use coachbook_core::validate::{self, Email, InvalidInput, Password, PersonName, Slug};
use jiff::Timestamp;
use sha2::{Digest, Sha256};
use tower_sessions::session::Id as SessionId;

use super::{AllChecked, AppError, AppResult, Checker, Ctx, Refusal};
use crate::store::users::{self, UserRow};
use crate::store::{api_tokens, login_sessions, StoreError, Tx};

/// Who is signed in. Built from the stored user, never the row itself: no password hash travels
/// with it.
#[derive(Debug, Clone)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub zone: Zone,
    pub role: Role,
    pub created_at: Timestamp,
    /// The practice, when the account runs one: (coach id, page address).
    pub practice: Option<(i64, String)>,
    /// The practice's calendar version as read with the account (0 without a practice).
    pub calendar_version: i64,
    /// The language the person chose; `None` lets their browser (else their coach) decide.
    pub locale: Option<Locale>,
    /// Coaches: the language their practice speaks to people who chose none.
    pub default_locale: Option<Locale>,
}

impl From<UserRow> for Account {
    fn from(u: UserRow) -> Self {
        Self {
            id: u.id,
            email: u.email,
            name: u.name,
            zone: u.time_zone.0,
            role: u.role,
            created_at: u.created_at.timestamp(),
            practice: u.coach_id.zip(u.slug),
            calendar_version: u.calendar_version.unwrap_or_default(),
            locale: u.locale.0,
            default_locale: u.default_locale.0,
        }
    }
}

impl Account {
    /// The coach behind this account, when it runs a practice.
    pub fn coach(&self) -> Option<Coach> {
        match (&self.practice, self.role) {
            (Some((id, slug)), Role::Coach) => Some(Coach {
                id: *id,
                user_id: self.id,
                name: self.name.clone(),
                email: self.email.clone(),
                slug: slug.clone(),
                zone: self.zone.clone(),
                calendar_version: self.calendar_version,
            }),
            _ => None,
        }
    }

    pub fn is_coach(&self) -> bool {
        self.coach().is_some()
    }
}

/// A signed-in coach. Coach-only use cases take this, so none of them checks the role again and
/// every query is scoped by `id`.
#[derive(Debug, Clone)]
pub struct Coach {
    /// The coach (practice) id that every coach-owned record carries.
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub slug: String,
    /// The zone the coach's hours are wall-clock times in.
    pub zone: Zone,
    /// The calendar version when this request read the coach: a cached calendar loaded at this
    /// version is the calendar as it is now.
    pub calendar_version: i64,
}

/// Argon2id with the crate's defaults (the OWASP-recommended m=19 MiB, t=2, p=1). Hashing is
/// deliberately slow, so it runs off the async threads.
pub async fn hash_password(password: &Password) -> AppResult<String> {
    let password = password.expose().to_owned();
    let hash = tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|e| anyhow::anyhow!("password hashing task failed: {e}"))?
    .map_err(|e| anyhow::anyhow!("password hashing failed: {e}"))?;
    Ok(hash)
}

/// A real hash of a random password, verified against when the account does not exist, so that
/// the answer takes as long for unknown emails as for known ones.
static DECOY_HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();

fn decoy_hash() -> String {
    DECOY_HASH
        .get_or_init(|| {
            let salt = SaltString::generate(&mut OsRng);
            Argon2::default()
                .hash_password(b"no account has this password", &salt)
                .map(|h| h.to_string())
                .unwrap_or_default()
        })
        .clone()
}

/// Verifies `candidate` against `hash`, or against the decoy when there is no account.
async fn verify_password(hash: Option<&str>, candidate: &str) -> AppResult<bool> {
    let hash = hash.map(str::to_owned);
    let candidate = candidate.to_owned();
    let ok = tokio::task::spawn_blocking(move || {
        let real = hash.is_some();
        let hash = hash.unwrap_or_else(decoy_hash);
        let matches = PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(candidate.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false);
        matches && real
    })
    .await
    .map_err(|e| anyhow::anyhow!("password check task failed: {e}"))?;
    Ok(ok)
}

/// What a person types to create an account. Missing fields read as empty, so they are reported
/// beside the field like any other mistake.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct NewAccount {
    pub name: String,
    pub email: String,
    pub password: String,
    pub time_zone: String,
    /// Coaches only: the address of their public page, `/c/{slug}`. Suggested from the name when empty.
    pub slug: Option<String>,
}

struct ValidAccount {
    name: PersonName,
    email: Email,
    password: Password,
    zone: Zone,
}

fn validate_new(new: &NewAccount) -> AppResult<ValidAccount> {
    let mut c = Checker::default();
    let name = c.check(PersonName::parse("name", &new.name));
    let email = c.check(Email::parse("email", &new.email));
    let password = c.check(Password::parse("password", &new.password));
    let zone = c.check(validate::zone("timeZone", &new.time_zone));
    let (name, email, password, zone) = c.done((name, email, password, zone).all())?;
    Ok(ValidAccount {
        name,
        email,
        password,
        zone,
    })
}

fn email_taken() -> AppError {
    AppError::from(
        InvalidInput::new(
            "email",
            "An account with this email already exists; sign in instead.",
        )
        .key("validate-account-email-already-exists"),
    )
}

/// Creates a coach: a user with the coach role and a practice page at `/c/{slug}`.
pub async fn create_coach(cx: &Ctx, new: &NewAccount) -> AppResult<Account> {
    let (valid, slug) = validate_coach(new)?;
    let hash = hash_password(&valid.password).await?;
    let mut tx = cx.db.begin_write().await?;
    let account = insert_coach(cx, &mut tx, &valid, slug, &hash).await?;
    tx.commit().await?;
    Ok(account)
}

/// First-run setup: creates the first coach, but only while no coach exists. The check and the
/// creation share one write transaction under a lock, so two submissions racing with the setup
/// code make one coach, and the other is told setup is done.
pub async fn first_run_setup(cx: &Ctx, new: &NewAccount) -> AppResult<Account> {
    let (valid, slug) = validate_coach(new)?;
    let hash = hash_password(&valid.password).await?;
    let mut tx = cx.db.begin_write().await?;
    users::lock_setup(&mut *tx, cx.db.backend()).await?;
    if users::count_coaches(&mut *tx).await? > 0 {
        return Err(Refusal::SetupDone.into());
    }
    let account = insert_coach(cx, &mut tx, &valid, slug, &hash).await?;
    tx.commit().await?;
    Ok(account)
}

fn validate_coach(new: &NewAccount) -> AppResult<(ValidAccount, Option<Slug>)> {
    let valid = validate_new(new)?;
    let slug = match new.slug.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(raw) => Some(Slug::parse("slug", raw)?),
        None => None,
    };
    Ok((valid, slug))
}

fn slug_taken() -> AppError {
    AppError::from(
        InvalidInput::new("slug", "This page address is taken; choose another.")
            .key("validate-page-address-taken-choose"),
    )
}

async fn insert_coach(
    cx: &Ctx,
    tx: &mut Tx,
    valid: &ValidAccount,
    requested_slug: Option<Slug>,
    hash: &str,
) -> AppResult<Account> {
    let now = cx.stamp();
    let user_id = users::insert_user(
        &mut **tx,
        &users::NewUser {
            email: valid.email.as_str(),
            name: valid.name.as_str(),
            password_hash: hash,
            time_zone: valid.zone.name(),
            role: Role::Coach,
        },
        now,
    )
    .await
    .map_err(email_conflict)?;
    let slug = match requested_slug {
        Some(slug) => {
            if users::slug_taken(&mut **tx, slug.as_str(), None).await? {
                return Err(slug_taken());
            }
            slug.as_str().to_owned()
        }
        None => free_slug(tx, &Slug::suggest(valid.name.as_str())).await?,
    };
    users::insert_coach(&mut **tx, user_id, &slug, now)
        .await
        .map_err(|e| {
            if e.is_unique_on("slug") {
                slug_taken()
            } else {
                e.into()
            }
        })?;
    Ok(users::get(&mut **tx, user_id).await?.into())
}

fn email_conflict(e: StoreError) -> AppError {
    if e.is_unique_on("email") {
        email_taken()
    } else {
        e.into()
    }
}

async fn free_slug(tx: &mut Tx, base: &Slug) -> AppResult<String> {
    let mut candidate = base.as_str().to_owned();
    for n in 2..1000 {
        if !users::slug_taken(&mut **tx, &candidate, None).await? {
            return Ok(candidate);
        }
        candidate = format!("{}-{n}", base.as_str());
    }
    Err(AppError::from(
        InvalidInput::new("slug", "Choose a page address for this coach.")
            .key("validate-choose-page-address-coach"),
    ))
}

/// What a sign-up did. The public form answers both alike, so that it does not tell a stranger
/// whether an email has an account.
#[derive(Debug)]
pub enum SignUp {
    Created(Account),
    /// The email already has an account; nothing was created or changed.
    EmailTaken,
}

/// Creates a plain user account (not a coach). The password is hashed whether or not the email
/// is taken, so both answers take as long.
pub async fn sign_up(cx: &Ctx, new: &NewAccount) -> AppResult<SignUp> {
    let valid = validate_new(new)?;
    let hash = hash_password(&valid.password).await?;
    let mut tx = cx.db.begin().await?;
    let inserted = users::insert_user(
        &mut *tx,
        &users::NewUser {
            email: valid.email.as_str(),
            name: valid.name.as_str(),
            password_hash: &hash,
            time_zone: valid.zone.name(),
            role: Role::User,
        },
        cx.stamp(),
    )
    .await;
    let user_id = match inserted {
        Ok(id) => id,
        Err(e) if e.is_unique_on("email") => return Ok(SignUp::EmailTaken),
        Err(e) => return Err(e.into()),
    };
    let account = users::get(&mut *tx, user_id).await?.into();
    tx.commit().await?;
    Ok(SignUp::Created(account))
}

/// Checks an email and password. Unknown emails and wrong passwords are indistinguishable.
pub async fn authenticate(cx: &Ctx, email: &str, password: &str) -> AppResult<Account> {
    // An address no account can have is looked up as nobody's (and costs the same hash).
    let found = match Email::parse("email", email) {
        Ok(email) => match users::find_by_email(cx.db.pool(), email.as_str()).await {
            Ok(user) => Some(user),
            Err(StoreError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
        Err(_) => None,
    };
    let hash = match &found {
        Some(user) => Some(users::password_hash(cx.db.pool(), user.id).await?),
        None => None,
    };
    let ok = verify_password(hash.as_deref(), password).await?;
    match found {
        Some(user) if ok => Ok(user.into()),
        _ => Err(AppError::BadCredentials),
    }
}

pub async fn get_account(cx: &Ctx, user_id: i64) -> AppResult<Account> {
    users::get(cx.db.pool(), user_id)
        .await
        .map(Account::from)
        .map_err(|e| match e {
            StoreError::NotFound => AppError::Unauthenticated,
            e => e.into(),
        })
}

/// The settings form: name, email, time zone and, for coaches, the page address.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct SettingsUpdate {
    #[schema(required = true, min_length = 1, max_length = 100)]
    pub name: String,
    #[schema(required = true, min_length = 3, max_length = 254)]
    pub email: String,
    /// An IANA time zone, e.g. `Europe/London`.
    #[schema(required = true, min_length = 1, max_length = 64)]
    pub time_zone: String,
    /// Coaches only: the address of their public page, `/c/{slug}`: `a-z`, digits and single
    /// inner hyphens.
    #[schema(min_length = 3, max_length = 40)]
    pub slug: Option<String>,
    /// The language of the person's pages and emails: `en` or `de`; `""` clears the choice (their
    /// browser's `Accept-Language` decides, else their coach's default); absent leaves it as is.
    #[schema(max_length = 8)]
    pub locale: Option<String>,
    /// Coaches only: the language their practice speaks to people who chose none (`en`, `de`);
    /// absent leaves it as is.
    #[schema(max_length = 8)]
    pub default_locale: Option<String>,
}

const LOCALE_HINT: &str = "Choose en (English) or de (Deutsch).";

/// A submitted language: `Some(None)` clears the choice, `None` leaves it (absent).
fn parse_locale(
    field: &'static str,
    raw: Option<&str>,
    may_clear: bool,
) -> Result<Option<Option<Locale>>, InvalidInput> {
    match raw.map(str::trim) {
        None => Ok(None),
        Some("") if may_clear => Ok(Some(None)),
        Some(code) => Locale::from_code(code)
            .map(|l| Some(Some(l)))
            .ok_or_else(|| InvalidInput::new(field, LOCALE_HINT).key("validate-locale")),
    }
}

pub async fn update_settings(
    cx: &Ctx,
    account: &Account,
    update: &SettingsUpdate,
) -> AppResult<Account> {
    let coach_id = account.practice.as_ref().map(|(id, _)| *id);
    let mut c = Checker::default();
    let name = c.check(PersonName::parse("name", &update.name));
    let email = c.check(Email::parse("email", &update.email));
    let zone = c.check(validate::zone("timeZone", &update.time_zone));
    let slug = match (coach_id, update.slug.as_deref()) {
        (Some(_), Some(raw)) => c.check(Slug::parse("slug", raw)),
        _ => None,
    };
    let locale = c.check(parse_locale("locale", update.locale.as_deref(), true));
    let default_locale = match coach_id {
        Some(_) => c.check(parse_locale(
            "defaultLocale",
            update.default_locale.as_deref(),
            false,
        )),
        None => Some(None),
    };
    let (name, email, zone, locale, default_locale) =
        c.done((name, email, zone, locale, default_locale).all())?;
    let mut tx = cx.db.begin_write().await?;
    if let Some(locale) = locale {
        users::update_locale(&mut *tx, account.id, locale.map(Locale::code)).await?;
    }
    if let (Some(coach_id), Some(Some(default))) = (coach_id, default_locale) {
        users::update_default_locale(&mut *tx, coach_id, default.code()).await?;
    }
    users::update_profile(
        &mut *tx,
        account.id,
        name.as_str(),
        email.as_str(),
        zone.name(),
        cx.stamp(),
    )
    .await
    .map_err(|e| {
        if e.is_unique_on("email") {
            AppError::from(
                InvalidInput::new("email", "Another account uses this email.")
                    .key("validate-another-account-uses-email"),
            )
        } else {
            e.into()
        }
    })?;
    if let (Some(coach_id), Some(slug)) = (coach_id, slug) {
        if users::slug_taken(&mut *tx, slug.as_str(), Some(coach_id)).await? {
            return Err(slug_taken());
        }
        users::update_slug(&mut *tx, coach_id, slug.as_str())
            .await
            .map_err(|e| {
                if e.is_unique_on("slug") {
                    slug_taken()
                } else {
                    e.into()
                }
            })?;
    }
    let updated = users::get(&mut *tx, account.id).await?.into();
    tx.commit().await?;
    Ok(updated)
}

/// Changes a password after checking the current one. The caller ends the other sessions.
/// Changes a password after checking the current one, and ends every other session of the
/// account (`keep` is the one making the change). Answers how many sessions ended.
pub async fn change_password(
    cx: &Ctx,
    account: &Account,
    current: &str,
    new: &str,
    keep: Option<&SessionId>,
) -> AppResult<u64> {
    let mut c = Checker::default();
    let new = c.check(Password::parse("newPassword", new));
    let stored = users::password_hash(cx.db.pool(), account.id).await?;
    if !verify_password(Some(&stored), current).await? {
        c.push(
            InvalidInput::new("currentPassword", "The current password is wrong.")
                .key("validate-current-password-wrong"),
        );
    }
    let new = c.done(new)?;
    let hash = hash_password(&new).await?;
    users::update_password(cx.db.pool(), account.id, &hash, cx.stamp()).await?;
    Ok(login_sessions::end_all_for_user(&cx.db, account.id, keep).await?)
}

/// Signing out ends every session of the account, on every device.
pub async fn sign_out_everywhere(cx: &Ctx, user_id: i64) -> AppResult<()> {
    login_sessions::end_all_for_user(&cx.db, user_id, None).await?;
    Ok(())
}

fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Creates an API token for the account with `email`; returns the token text, which is shown once
/// and never stored.
pub async fn create_token(cx: &Ctx, email: &str, name: &str) -> AppResult<(Account, String)> {
    let email = Email::parse("email", email)?;
    let account = match users::find_by_email(cx.db.pool(), email.as_str()).await {
        Ok(a) => Account::from(a),
        Err(StoreError::NotFound) => {
            return Err(AppError::invalid(
                "email",
                format!("No account has the email {}.", email.as_str()),
            ))
        }
        Err(e) => return Err(e.into()),
    };
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token = format!(
        "cb_{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    );
    api_tokens::insert(
        cx.db.pool(),
        account.id,
        name,
        &token_hash(&token),
        cx.stamp(),
    )
    .await?;
    Ok((account, token))
}

/// How stale a token's "last used" time may get: it is written at most this often, so that API
/// requests read and do not queue for the write lock.
const TOKEN_USE_GRANULARITY: jiff::SignedDuration = jiff::SignedDuration::from_mins(5);

/// The account a bearer token belongs to. Reading it takes no write, except to record the
/// token's "last used" time when that is older than [`TOKEN_USE_GRANULARITY`].
pub async fn account_for_token(cx: &Ctx, token: &str) -> AppResult<Account> {
    if !token.starts_with("cb_") || token.len() > 100 {
        return Err(AppError::Unauthenticated);
    }
    let hash = token_hash(token);
    let (user, last_used) = match api_tokens::find(cx.db.pool(), &hash).await {
        Ok(found) => found,
        Err(StoreError::NotFound) => return Err(AppError::Unauthenticated),
        Err(e) => return Err(e.into()),
    };
    let now = cx.now();
    let since = now.checked_sub(TOKEN_USE_GRANULARITY).unwrap_or(now).into();
    if last_used.is_none_or(|t| t < since) {
        // Not worth failing the request over: the time is a hint for the account's owner.
        if let Err(e) = api_tokens::record_use(cx.db.pool(), &hash, now.into(), since).await {
            tracing::warn!(error = %e, "could not record an API token's use");
        }
    }
    Ok(user.into())
}
