//! Throttles: for sign-in ([`LoginThrottle`]) and for the public forms ([`FormThrottle`]).
//!
//! Sign-in: only failures count, and a success forgets them: the owner signing in ten
//! times is never locked out. Failures are counted per account *and address* first (ten, then one
//! try every 30 s), so a stranger guessing from one place slows only themselves; per address
//! (twenty, then one every 6 s) against guessing many accounts; and per account over all
//! addresses with a far larger allowance (a hundred, then one a minute) against guessing from
//! many places.
//!
//! The counts live in the database (`throttles`), so several nodes on one PostgreSQL hold the
//! documented allowance together instead of each granting it again; time is the injected clock's.
//!
//! Written here rather than with `governor` (which the server used before): a throttle on
//! failures must ask "may this try go ahead?" without spending anything, and forget a key on
//! success, and a GCRA limiter offers neither; nor does it keep its state in a shared database.

use std::net::IpAddr;
use std::time::Duration;

use sha2::{Digest, Sha256};

use super::{AppError, AppResult, Ctx};
use crate::store::throttles;

/// A cell-rate limiter over one scope of keys: after `burst` events in a row, one more each
/// `period`. The state is, per key, the instant the next event would be "due" (the GCRA's
/// theoretical arrival time), kept in the database and read by the injected clock, so that every
/// node counts against the same allowance.
struct Allowance {
    scope: &'static str,
    burst: u32,
    period: Duration,
}

/// What a key is stored as: its SHA-256, so the table holds no address or email.
fn digest(key: &str) -> String {
    Sha256::digest(key.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

impl Allowance {
    const fn new(scope: &'static str, burst: u32, period: Duration) -> Self {
        Self {
            scope,
            burst,
            period,
        }
    }

    fn period_ms(&self) -> i64 {
        millis(self.period)
    }

    /// How far ahead of now a key may be due and still have an event left: `burst − 1` periods.
    fn room_ms(&self) -> i64 {
        self.period_ms() * i64::from(self.burst.saturating_sub(1))
    }

    /// How long a key due at `due_ms` must wait at `now_ms`; zero when it may go ahead.
    fn wait(&self, due_ms: i64, now_ms: i64) -> Duration {
        let ms = due_ms - now_ms - self.room_ms();
        Duration::from_millis(u64::try_from(ms).unwrap_or(0))
    }

    /// Counts one event for `key`.
    async fn spend(&self, cx: &Ctx, key: &str, now_ms: i64) -> AppResult<()> {
        let (period, key) = (self.period_ms(), digest(key));
        throttles::spend(cx.db.writer(), self.scope, &key, now_ms, period, None).await?;
        Ok(())
    }

    /// Counts one event if `key` may have one now (checked and counted in one statement, so
    /// simultaneous tries on any node cannot all slip through); otherwise how long to wait.
    async fn take(&self, cx: &Ctx, key: &str, now_ms: i64) -> AppResult<Result<(), Duration>> {
        let (period, digest) = (self.period_ms(), digest(key));
        let room = Some(self.room_ms());
        if throttles::spend(cx.db.writer(), self.scope, &digest, now_ms, period, room).await? {
            return Ok(Ok(()));
        }
        let due = throttles::due(cx.db.writer(), &[(self.scope, &digest)]).await?;
        let wait = due
            .first()
            .map_or(Duration::ZERO, |(_, d)| self.wait(*d, now_ms));
        Ok(Err(wait.max(Duration::from_millis(1))))
    }

    /// Gives back an event counted by [`Allowance::take`] that turned out not to count.
    async fn give_back(&self, cx: &Ctx, key: &str) -> AppResult<()> {
        throttles::give_back(cx.db.writer(), self.scope, &digest(key), self.period_ms()).await?;
        Ok(())
    }

    async fn forget(&self, cx: &Ctx, key: &str) -> AppResult<()> {
        throttles::forget(cx.db.writer(), self.scope, &digest(key)).await?;
        Ok(())
    }
}

pub struct LoginThrottle {
    pair: Allowance,
    address: Allowance,
    account: Allowance,
}

impl std::fmt::Debug for LoginThrottle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LoginThrottle")
    }
}

impl Default for LoginThrottle {
    fn default() -> Self {
        Self {
            pair: Allowance::new("login.pair", 10, Duration::from_secs(30)),
            address: Allowance::new("login.address", 20, Duration::from_secs(6)),
            account: Allowance::new("login.account", 100, Duration::from_secs(60)),
        }
    }
}

fn account_key(account: &str) -> String {
    account.trim().to_lowercase()
}

/// Whole seconds to wait, rounded up: a client that waits what it is told is never refused again.
fn refusal(wait: Duration) -> AppError {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    AppError::RateLimited {
        retry_after_secs: secs.max(1),
    }
}

fn now_ms(cx: &Ctx) -> i64 {
    cx.now().as_millisecond()
}

impl LoginThrottle {
    fn keys(account: &str, address: IpAddr) -> (String, String, String) {
        let account = account_key(account);
        (
            format!("{account}\n{address}"),
            address.to_string(),
            account,
        )
    }

    /// Whether a try for `account` from `address` may go ahead now (`RateLimited` if not);
    /// nothing is counted.
    pub async fn check(&self, cx: &Ctx, account: &str, address: IpAddr) -> AppResult<()> {
        let now = now_ms(cx);
        let (pair, address, account) = Self::keys(account, address);
        let keys = [
            (self.pair.scope, digest(&pair)),
            (self.address.scope, digest(&address)),
            (self.account.scope, digest(&account)),
        ];
        let asked: Vec<(&str, &str)> = keys.iter().map(|(s, k)| (*s, k.as_str())).collect();
        let wait = throttles::due(cx.db.writer(), &asked)
            .await?
            .into_iter()
            .map(|(scope, due)| {
                [&self.pair, &self.address, &self.account]
                    .into_iter()
                    .find(|a| a.scope == scope)
                    .map_or(Duration::ZERO, |a| a.wait(due, now))
            })
            .max()
            .unwrap_or(Duration::ZERO);
        if wait.is_zero() {
            Ok(())
        } else {
            Err(refusal(wait))
        }
    }

    /// Counts a failed try (a wrong password, a wrong setup code).
    pub async fn failed(&self, cx: &Ctx, account: &str, address: IpAddr) -> AppResult<()> {
        let now = now_ms(cx);
        let (pair, address, account) = Self::keys(account, address);
        self.pair.spend(cx, &pair, now).await?;
        self.address.spend(cx, &address, now).await?;
        self.account.spend(cx, &account, now).await
    }

    /// Forgets the account's failures: its owner has just proved who they are.
    pub async fn succeeded(&self, cx: &Ctx, account: &str, address: IpAddr) -> AppResult<()> {
        let (pair, _, account) = Self::keys(account, address);
        self.pair.forget(cx, &pair).await?;
        self.account.forget(cx, &account).await
    }
}

/// Deletes every throttle key whose events have all been paid off (housekeeping).
pub async fn prune(cx: &Ctx) -> AppResult<u64> {
    Ok(throttles::prune(cx.db.writer(), now_ms(cx)).await?)
}

/// A public form anyone can send: each submission may create a record (an account, an
/// application), so they are limited per address and per email.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PublicForm {
    SignUp,
    /// An application to the coach with this id.
    Apply(i64),
    /// A booking on the page of the coach with this id.
    Book(i64),
    /// A session request to the coach with this id.
    Request(i64),
}

/// Limits on the public forms, per sending address and per email named in the form. Generous
/// for people (a family sharing one address, a second try after a typo), tight for scripts.
/// The burst is spent by submissions that were taken in; one refused as invalid is given back.
pub struct FormThrottle {
    sign_up_address: Allowance,
    apply_address: Allowance,
    sign_up_email: Allowance,
    apply_email: Allowance,
    book_address: Allowance,
    book_email: Allowance,
    request_address: Allowance,
    request_email: Allowance,
}

impl std::fmt::Debug for FormThrottle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FormThrottle")
    }
}

impl Default for FormThrottle {
    fn default() -> Self {
        // Ten from one address, then one every six minutes (ten an hour); an address is limited
        // over all coaches' apply forms together.
        let per_address = Duration::from_secs(360);
        // Three for one email (per coach for applications), then one an hour.
        let per_email = Duration::from_secs(3600);
        Self {
            sign_up_address: Allowance::new("form.signup.address", 10, per_address),
            apply_address: Allowance::new("form.apply.address", 10, per_address),
            sign_up_email: Allowance::new("form.signup.email", 3, per_email),
            apply_email: Allowance::new("form.apply.email", 3, per_email),
            // Booking is what the page is for: twenty from one address, then one every three
            // minutes; five bookings for one email per coach, then one every twenty minutes.
            book_address: Allowance::new("form.book.address", 20, Duration::from_secs(180)),
            book_email: Allowance::new("form.book.email", 5, Duration::from_secs(1200)),
            request_address: Allowance::new("form.request.address", 10, per_address),
            request_email: Allowance::new("form.request.email", 3, per_email),
        }
    }
}

/// A submission counted by [`FormThrottle::admit`]; [`Admitted::give_back`] when nothing came
/// of it because the input was invalid.
#[must_use]
pub struct Admitted<'a> {
    address: (&'a Allowance, String),
    email: (&'a Allowance, String),
}

impl Admitted<'_> {
    pub async fn give_back(self, cx: &Ctx) -> AppResult<()> {
        self.address.0.give_back(cx, &self.address.1).await?;
        self.email.0.give_back(cx, &self.email.1).await
    }
}

impl FormThrottle {
    /// Counts a submission of `form` from `address` naming `email`, or refuses it with how long
    /// to wait.
    pub async fn admit(
        &self,
        cx: &Ctx,
        form: PublicForm,
        address: IpAddr,
        email: &str,
    ) -> AppResult<Admitted<'_>> {
        let now = now_ms(cx);
        let email = account_key(email);
        let (by_address, by_email, email) = match form {
            PublicForm::SignUp => (&self.sign_up_address, &self.sign_up_email, email),
            PublicForm::Apply(coach) => (
                &self.apply_address,
                &self.apply_email,
                format!("{coach}\n{email}"),
            ),
            PublicForm::Book(coach) => (
                &self.book_address,
                &self.book_email,
                format!("{coach}\n{email}"),
            ),
            PublicForm::Request(coach) => (
                &self.request_address,
                &self.request_email,
                format!("{coach}\n{email}"),
            ),
        };
        let address = address.to_string();
        by_address.take(cx, &address, now).await?.map_err(refusal)?;
        if let Err(wait) = by_email.take(cx, &email, now).await? {
            by_address.give_back(cx, &address).await?;
            return Err(refusal(wait));
        }
        Ok(Admitted {
            address: (by_address, address),
            email: (by_email, email),
        })
    }
}
