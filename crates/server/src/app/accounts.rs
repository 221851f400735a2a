//! Accounts: creating coaches and users, signing in, settings, passwords and API tokens.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use base64::Engine;
use coachbook_core::validate::{Email, InvalidInput, Password, PersonName, Slug, TimeZoneName};
use sha2::{Digest, Sha256};

use super::{AppError, AppResult, Checker};
use crate::store::{api_tokens, users, Db, StoreError};

pub use crate::store::users::Account;

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
    time_zone: TimeZoneName,
}

fn validate_new(new: &NewAccount) -> AppResult<ValidAccount> {
    let mut c = Checker::default();
    let name = c.check(PersonName::parse("name", &new.name));
    let email = c.check(Email::parse("email", &new.email));
    let password = c.check(Password::parse("password", &new.password));
    let time_zone = c.check(TimeZoneName::parse("timeZone", &new.time_zone));
    c.finish()?;
    match (name, email, password, time_zone) {
        (Some(name), Some(email), Some(password), Some(time_zone)) => Ok(ValidAccount {
            name,
            email,
            password,
            time_zone,
        }),
        _ => Err(anyhow::anyhow!("validation passed without values").into()),
    }
}

fn email_taken() -> AppError {
    AppError::invalid(
        "email",
        "An account with this email already exists; sign in instead.",
    )
}

/// Creates a coach: a user with the coach role and a practice page at `/c/{slug}`.
pub async fn create_coach(db: &Db, new: &NewAccount) -> AppResult<Account> {
    let valid = validate_new(new)?;
    let requested_slug = match new.slug.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(raw) => Some(Slug::parse("slug", raw)?),
        None => None,
    };
    let hash = hash_password(&valid.password).await?;
    let mut tx = db.begin_write().await?;
    let user_id = users::insert_user(
        &mut *tx,
        &users::NewUser {
            email: valid.email.as_str(),
            name: valid.name.as_str(),
            password_hash: &hash,
            time_zone: valid.time_zone.as_str(),
            role: "coach",
        },
    )
    .await
    .map_err(|e| {
        if e.is_unique_on("email") {
            email_taken()
        } else {
            e.into()
        }
    })?;
    let slug = match requested_slug {
        Some(slug) => {
            if users::slug_taken(&mut *tx, slug.as_str(), None).await? {
                return Err(AppError::invalid(
                    "slug",
                    "This page address is taken; choose another.",
                ));
            }
            slug.as_str().to_owned()
        }
        None => free_slug(&mut tx, &Slug::suggest(valid.name.as_str())).await?,
    };
    users::insert_coach(&mut *tx, user_id, &slug)
        .await
        .map_err(|e| {
            if e.is_unique_on("slug") {
                AppError::invalid("slug", "This page address is taken; choose another.")
            } else {
                e.into()
            }
        })?;
    let account = users::get(&mut *tx, user_id).await?;
    tx.commit().await?;
    Ok(account)
}

async fn free_slug(tx: &mut crate::store::Tx, base: &Slug) -> AppResult<String> {
    let mut candidate = base.as_str().to_owned();
    for n in 2..1000 {
        if !users::slug_taken(&mut **tx, &candidate, None).await? {
            return Ok(candidate);
        }
        candidate = format!("{}-{n}", base.as_str());
    }
    Err(AppError::invalid(
        "slug",
        "Choose a page address for this coach.",
    ))
}

/// Creates a plain user account (not a coach).
pub async fn sign_up(db: &Db, new: &NewAccount) -> AppResult<Account> {
    let valid = validate_new(new)?;
    let hash = hash_password(&valid.password).await?;
    let mut tx = db.begin().await?;
    let user_id = users::insert_user(
        &mut *tx,
        &users::NewUser {
            email: valid.email.as_str(),
            name: valid.name.as_str(),
            password_hash: &hash,
            time_zone: valid.time_zone.as_str(),
            role: "user",
        },
    )
    .await
    .map_err(|e| {
        if e.is_unique_on("email") {
            email_taken()
        } else {
            e.into()
        }
    })?;
    let account = users::get(&mut *tx, user_id).await?;
    tx.commit().await?;
    Ok(account)
}

/// Checks an email and password. Unknown emails and wrong passwords are indistinguishable.
pub async fn authenticate(db: &Db, email: &str, password: &str) -> AppResult<Account> {
    let email = email.trim().to_lowercase();
    let found = match users::find_by_email(db.pool(), &email).await {
        Ok(account) => Some(account),
        Err(StoreError::NotFound) => None,
        Err(e) => return Err(e.into()),
    };
    let ok = verify_password(found.as_ref().map(|a| a.password_hash.as_str()), password).await?;
    match found {
        Some(account) if ok => Ok(account),
        _ => Err(AppError::BadCredentials),
    }
}

pub async fn get_account(db: &Db, user_id: i64) -> AppResult<Account> {
    users::get(db.pool(), user_id).await.map_err(|e| match e {
        StoreError::NotFound => AppError::Unauthenticated,
        e => e.into(),
    })
}

/// The settings form: name, email, time zone and, for coaches, the page address.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct SettingsUpdate {
    pub name: String,
    pub email: String,
    pub time_zone: String,
    /// Coaches only: the address of their public page, `/c/{slug}`.
    pub slug: Option<String>,
}

pub async fn update_settings(
    db: &Db,
    account: &Account,
    update: &SettingsUpdate,
) -> AppResult<Account> {
    let mut c = Checker::default();
    let name = c.check(PersonName::parse("name", &update.name));
    let email = c.check(Email::parse("email", &update.email));
    let time_zone = c.check(TimeZoneName::parse("timeZone", &update.time_zone));
    let slug = match (account.coach_id, update.slug.as_deref()) {
        (Some(_), Some(raw)) => c.check(Slug::parse("slug", raw)),
        _ => None,
    };
    c.finish()?;
    let (Some(name), Some(email), Some(time_zone)) = (name, email, time_zone) else {
        return Err(anyhow::anyhow!("validation passed without values").into());
    };
    let mut tx = db.begin_write().await?;
    users::update_profile(
        &mut *tx,
        account.id,
        name.as_str(),
        email.as_str(),
        time_zone.as_str(),
    )
    .await
    .map_err(|e| {
        if e.is_unique_on("email") {
            AppError::invalid("email", "Another account uses this email.")
        } else {
            e.into()
        }
    })?;
    if let (Some(coach_id), Some(slug)) = (account.coach_id, slug) {
        if users::slug_taken(&mut *tx, slug.as_str(), Some(coach_id)).await? {
            return Err(AppError::invalid(
                "slug",
                "This page address is taken; choose another.",
            ));
        }
        users::update_slug(&mut *tx, coach_id, slug.as_str()).await?;
    }
    let updated = users::get(&mut *tx, account.id).await?;
    tx.commit().await?;
    Ok(updated)
}

/// Changes a password after checking the current one. The caller ends the other sessions.
pub async fn change_password(
    db: &Db,
    account: &Account,
    current: &str,
    new: &str,
) -> AppResult<()> {
    let mut c = Checker::default();
    let new = c.check(Password::parse("newPassword", new));
    let full = users::get(db.pool(), account.id).await?;
    if !verify_password(Some(&full.password_hash), current).await? {
        c.push(InvalidInput::new(
            "currentPassword",
            "The current password is wrong.",
        ));
    }
    c.finish()?;
    let Some(new) = new else {
        return Err(anyhow::anyhow!("validation passed without a password").into());
    };
    let hash = hash_password(&new).await?;
    users::update_password(db.pool(), account.id, &hash).await?;
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
pub async fn create_token(db: &Db, email: &str, name: &str) -> AppResult<(Account, String)> {
    let account = match users::find_by_email(db.pool(), &email.trim().to_lowercase()).await {
        Ok(a) => a,
        Err(StoreError::NotFound) => {
            return Err(AppError::invalid(
                "email",
                format!("No account has the email {email}."),
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
    api_tokens::insert(db.pool(), account.id, name, &token_hash(&token)).await?;
    Ok((account, token))
}

/// The account a bearer token belongs to.
pub async fn account_for_token(db: &Db, token: &str) -> AppResult<Account> {
    if !token.starts_with("cb_") || token.len() > 100 {
        return Err(AppError::Unauthenticated);
    }
    match api_tokens::use_token(db.pool(), &token_hash(token)).await {
        Ok(user_id) => get_account(db, user_id).await,
        Err(StoreError::NotFound) => Err(AppError::Unauthenticated),
        Err(e) => Err(e.into()),
    }
}
