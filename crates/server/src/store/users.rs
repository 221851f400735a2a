//! Users and coaches: the `users` and `coaches` tables.

use sqlx::{Any, Executor};

use super::{unix_now, Result};

/// A signed-in person: a user, and the coach record when they run a practice.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub name: String,
    #[sqlx(default)]
    pub password_hash: String,
    pub time_zone: String,
    pub role: String,
    pub created_at: i64,
    pub coach_id: Option<i64>,
    pub slug: Option<String>,
}

impl Account {
    pub fn is_coach(&self) -> bool {
        self.role == "coach" && self.coach_id.is_some()
    }
}

const SELECT_ACCOUNT: &str =
    "SELECT u.id, u.email, u.name, u.password_hash, u.time_zone, u.role, u.created_at,
        c.id AS coach_id, c.slug
    FROM users u LEFT JOIN coaches c ON c.user_id = u.id";

pub struct NewUser<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub password_hash: &'a str,
    pub time_zone: &'a str,
    pub role: &'a str,
}

pub async fn insert_user<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    new: &NewUser<'_>,
) -> Result<i64> {
    let now = unix_now();
    let id = sqlx::query_scalar(
        "INSERT INTO users (email, name, password_hash, time_zone, role, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(new.email)
    .bind(new.name)
    .bind(new.password_hash)
    .bind(new.time_zone)
    .bind(new.role)
    .bind(now)
    .fetch_one(ex)
    .await?;
    Ok(id)
}

pub async fn insert_coach<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: i64,
    slug: &str,
) -> Result<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO coaches (user_id, slug, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(user_id)
    .bind(slug)
    .bind(unix_now())
    .fetch_one(ex)
    .await?;
    Ok(id)
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<Account> {
    Ok(sqlx::query_as(&format!("{SELECT_ACCOUNT} WHERE u.id = $1"))
        .bind(id)
        .fetch_one(ex)
        .await?)
}

pub async fn find_by_email<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    email: &str,
) -> Result<Account> {
    Ok(
        sqlx::query_as(&format!("{SELECT_ACCOUNT} WHERE u.email = $1"))
            .bind(email)
            .fetch_one(ex)
            .await?,
    )
}

pub async fn count_coaches<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM coaches")
        .fetch_one(ex)
        .await?)
}

pub async fn slug_taken<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    slug: &str,
    except_coach: Option<i64>,
) -> Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM coaches WHERE slug = $1 AND id <> $2")
        .bind(slug)
        .bind(except_coach.unwrap_or(-1))
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
) -> Result<()> {
    sqlx::query(
        "UPDATE users SET name = $1, email = $2, time_zone = $3, updated_at = $4 WHERE id = $5",
    )
    .bind(name)
    .bind(email)
    .bind(time_zone)
    .bind(unix_now())
    .bind(user_id)
    .execute(ex)
    .await?;
    Ok(())
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
) -> Result<()> {
    sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
        .bind(hash)
        .bind(unix_now())
        .bind(user_id)
        .execute(ex)
        .await?;
    Ok(())
}
