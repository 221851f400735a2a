//! `coachbook demo`: a small, realistic practice to explore. Running it twice changes nothing.

use super::accounts::{self, NewAccount};
use super::{AppError, AppResult};
use crate::store::{users, Db, StoreError};

pub const DEMO_COACH_EMAIL: &str = "coach@demo.coachbook.test";
pub const DEMO_USER_EMAIL: &str = "sam@demo.coachbook.test";

/// The demo accounts' password: COACHBOOK_PASSWORD, or a documented default for local trials.
fn demo_password() -> String {
    std::env::var("COACHBOOK_PASSWORD").unwrap_or_else(|_| "demo-password-1".to_owned())
}

pub async fn load(db: &Db) -> AppResult<()> {
    let password = demo_password();
    match users::find_by_email(db.pool(), DEMO_COACH_EMAIL).await {
        Ok(_) => println!("The demo practice is already loaded."),
        Err(StoreError::NotFound) => {
            let coach = accounts::create_coach(
                db,
                &NewAccount {
                    name: "Ana Ruiz".into(),
                    email: DEMO_COACH_EMAIL.into(),
                    password: password.clone(),
                    time_zone: "Europe/London".into(),
                    slug: Some("ana-ruiz".into()),
                },
            )
            .await?;
            println!(
                "Coach: {} <{}>, page /c/{}",
                coach.name,
                coach.email,
                coach.slug.unwrap_or_default()
            );
        }
        Err(e) => return Err(AppError::Store(e)),
    }
    match users::find_by_email(db.pool(), DEMO_USER_EMAIL).await {
        Ok(_) => {}
        Err(StoreError::NotFound) => {
            let user = accounts::sign_up(
                db,
                &NewAccount {
                    name: "Sam Lee".into(),
                    email: DEMO_USER_EMAIL.into(),
                    password: password.clone(),
                    time_zone: "America/New_York".into(),
                    slug: None,
                },
            )
            .await?;
            println!("User:  {} <{}>", user.name, user.email);
        }
        Err(e) => return Err(AppError::Store(e)),
    }
    println!("Sign in with either email and the password {password:?} (set COACHBOOK_PASSWORD to choose another).");
    Ok(())
}
