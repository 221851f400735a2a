//! Users and coaches: the `users` and `coaches` tables.

use coachbook_core::locale::Locale;
use coachbook_core::practice::Role;
use sqlx::{Any, Executor};

use super::types::{MaybeText, StoredZone, UnixTime};
use super::{dialect, touched, Backend, Result};

/// A person with an account, and their practice when they run one. The password hash is not
/// part of it: it is read only to check a password ([`password_hash`]).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub time_zone: StoredZone,
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub created_at: UnixTime,
    pub coach_id: Option<i64>,
    pub slug: Option<String>,
    /// Bumped by every change to the coach's calendar (migration 0005).
    pub calendar_version: Option<i64>,
    /// The language the user chose, NULL when none (migration 0026).
    #[sqlx(try_from = "Option<String>")]
    pub locale: MaybeText<Locale>,
    /// The language of the user's practice, for coaches (migration 0026).
    #[sqlx(try_from = "Option<String>")]
    pub default_locale: MaybeText<Locale>,
}

/// The columns of a [`UserRow`], from `users u LEFT JOIN coaches c ON c.user_id = u.id`.
macro_rules! user_columns {
    () => {
        "u.id, u.email, u.name, u.time_zone, u.role, u.created_at, c.id AS coach_id, c.slug, c.calendar_version, u.locale, c.default_locale"
    };
}
pub(crate) use user_columns;

const SELECT_USER: &str = concat!(
    "SELECT ",
    user_columns!(),
    " FROM users u LEFT JOIN coaches c ON c.user_id = u.id"
);

pub struct NewUser<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub password_hash: &'a str,
    pub time_zone: &'a str,
    pub role: Role,
}

pub async fn insert_user<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    new: &NewUser<'_>,
    now: UnixTime,
) -> Result<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO users (email, name, password_hash, time_zone, role, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(new.email)
    .bind(new.name)
    .bind(new.password_hash)
    .bind(new.time_zone)
    .bind(new.role.as_str())
    .bind(now)
    .fetch_one(ex)
    .await?;
    Ok(id)
}

pub async fn insert_coach<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: i64,
    slug: &str,
    now: UnixTime,
) -> Result<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO coaches (user_id, slug, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(user_id)
    .bind(slug)
    .bind(now)
    .fetch_one(ex)
    .await?;
    Ok(id)
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<UserRow> {
    Ok(sqlx::query_as(&format!("{SELECT_USER} WHERE u.id = $1"))
        .bind(id)
        .fetch_one(ex)
        .await?)
}

pub async fn find_by_email<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    email: &str,
) -> Result<UserRow> {
    Ok(sqlx::query_as(&format!("{SELECT_USER} WHERE u.email = $1"))
        .bind(email)
        .fetch_one(ex)
        .await?)
}

/// The stored password hash of a user, to check a password against.
pub async fn password_hash<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: i64,
) -> Result<String> {
    Ok(
        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(ex)
            .await?,
    )
}

pub async fn count_coaches<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM coaches")
        .fetch_one(ex)
        .await?)
}

/// Serialises first-run setup across connections and nodes for the rest of the transaction, so
/// that "no coach exists yet" cannot be true for two submissions at once. SQLite's
/// `BEGIN IMMEDIATE` already holds the write lock.
pub async fn lock_setup<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    backend: Backend,
) -> Result<()> {
    if let Some(sql) = dialect::setup_lock(backend) {
        sqlx::query(sql).execute(ex).await?;
    }
    Ok(())
}

pub async fn slug_taken<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    slug: &str,
    except_coach: Option<i64>,
) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM coaches WHERE slug = $1 AND ($2 IS NULL OR id <> $2)",
    )
    .bind(slug)
    .bind(except_coach)
    .fetch_one(ex)
    .await?;
    Ok(n > 0)
}

pub async fn update_profile<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: i64,
    name: &str,
    email: &str,
    time_zone: &str,
    now: UnixTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE users SET name = $1, email = $2, time_zone = $3, updated_at = $4 WHERE id = $5",
    )
    .bind(name)
    .bind(email)
    .bind(time_zone)
    .bind(now)
    .bind(user_id)
    .execute(ex)
    .await?;
    touched(&done)
}

pub async fn update_slug<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    slug: &str,
) -> Result<()> {
    sqlx::query("UPDATE coaches SET slug = $1 WHERE id = $2")
        .bind(slug)
        .bind(coach_id)
        .execute(ex)
        .await?;
    Ok(())
}

pub async fn update_password<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: i64,
    hash: &str,
    now: UnixTime,
) -> Result<()> {
    sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
        .bind(hash)
        .bind(now)
        .bind(user_id)
        .execute(ex)
        .await?;
    Ok(())
}

/// What decides a person's language (migration 0026): their own choice (`users.locale`, when
/// `user_id` is given and they chose), and the default of the coach whose page it is (`slug`),
/// else of the coach they are or are a client of, else of the practice's first coach.
pub async fn locale_choice<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: Option<i64>,
    slug: Option<&str>,
) -> Result<(Option<Locale>, Option<Locale>)> {
    #[derive(sqlx::FromRow)]
    struct Choice {
        #[sqlx(try_from = "Option<String>")]
        user_locale: MaybeText<Locale>,
        #[sqlx(try_from = "Option<String>")]
        coach_default: MaybeText<Locale>,
    }
    let c: Choice = sqlx::query_as(
        "SELECT (SELECT locale FROM users WHERE id = $1) AS user_locale,
                COALESCE(
                  (SELECT default_locale FROM coaches WHERE slug = $2),
                  (SELECT default_locale FROM coaches WHERE user_id = $1),
                  (SELECT c.default_locale FROM clients cl JOIN coaches c ON c.id = cl.coach_id
                    WHERE cl.user_id = $1 ORDER BY cl.id LIMIT 1),
                  (SELECT default_locale FROM coaches ORDER BY id LIMIT 1)) AS coach_default",
    )
    .bind(user_id)
    .bind(slug)
    .fetch_one(ex)
    .await?;
    Ok((c.user_locale.0, c.coach_default.0))
}

/// Sets (or, with `None`, clears) the language a user chose.
pub async fn update_locale<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: i64,
    locale: Option<&str>,
) -> Result<()> {
    sqlx::query("UPDATE users SET locale = $1 WHERE id = $2")
        .bind(locale)
        .bind(user_id)
        .execute(ex)
        .await?;
    Ok(())
}

/// Sets the language a coach's practice speaks to people who chose none.
pub async fn update_default_locale<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    locale: &str,
) -> Result<()> {
    sqlx::query("UPDATE coaches SET default_locale = $1 WHERE id = $2")
        .bind(locale)
        .bind(coach_id)
        .execute(ex)
        .await?;
    Ok(())
}

/// What decides the language of a message to one person: their choice (when they have an
/// account) and the default of the coach writing.
pub async fn recipient_locale<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: Option<i64>,
    coach_id: i64,
) -> Result<(Option<Locale>, Option<Locale>)> {
    #[derive(sqlx::FromRow)]
    struct Choice {
        #[sqlx(try_from = "Option<String>")]
        user_locale: MaybeText<Locale>,
        #[sqlx(try_from = "Option<String>")]
        coach_default: MaybeText<Locale>,
    }
    let c: Choice = sqlx::query_as(
        "SELECT (SELECT locale FROM users WHERE id = $1) AS user_locale,
                (SELECT default_locale FROM coaches WHERE id = $2) AS coach_default",
    )
    .bind(user_id)
    .bind(coach_id)
    .fetch_one(ex)
    .await?;
    Ok((c.user_locale.0, c.coach_default.0))
}

/// The language a coach chose for themselves, and their practice's default.
pub async fn coach_locales<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
) -> Result<(Option<Locale>, Option<Locale>)> {
    #[derive(sqlx::FromRow)]
    struct Choice {
        #[sqlx(try_from = "Option<String>")]
        locale: MaybeText<Locale>,
        #[sqlx(try_from = "Option<String>")]
        default_locale: MaybeText<Locale>,
    }
    let c: Choice = sqlx::query_as(
        "SELECT u.locale, c.default_locale FROM coaches c JOIN users u ON u.id = c.user_id
         WHERE c.id = $1",
    )
    .bind(coach_id)
    .fetch_one(ex)
    .await?;
    Ok((c.locale.0, c.default_locale.0))
}

/// The language a coach's client chose, when the client has an account and chose one.
pub async fn client_locale<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    coach_id: i64,
    client_id: i64,
) -> Result<Option<Locale>> {
    let raw: Option<Option<String>> = sqlx::query_scalar(
        "SELECT u.locale FROM clients cl JOIN users u ON u.id = cl.user_id
         WHERE cl.id = $1 AND cl.coach_id = $2",
    )
    .bind(client_id)
    .bind(coach_id)
    .fetch_optional(ex)
    .await?;
    raw.flatten()
        .map(|code| {
            Locale::try_from(code)
                .map_err(|e| super::StoreError::Corrupt(format!("users.locale: {e}")))
        })
        .transpose()
}
