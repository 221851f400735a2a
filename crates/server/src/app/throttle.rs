//! Throttles: for sign-in ([`LoginThrottle`]) and for the public forms ([`FormThrottle`]).
//!
//! Sign-in: only failures count, and a success forgets them: the owner signing in ten
//! times is never locked out. Failures are counted per account *and address* first (ten, then one
//! try every 30 s), so a stranger guessing from one place slows only themselves; per address
//! (twenty, then one every 6 s) against guessing many accounts; and per account over all
//! addresses with a far larger allowance (a hundred, then one a minute) against guessing from
//! many places. Counted per node; several nodes multiply the allowance, which stays far below
//! what guessing a 10-character password needs.
//!
//! Written here rather than with `governor` (which the server used before): a throttle on
//! failures must ask "may this try go ahead?" without spending anything, and forget a key on
//! success, and a GCRA limiter offers neither.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::AppError;

/// A generic cell-rate limiter: after `burst` events in a row, one more each `period`. Keeps, per
/// key, the instant the next event would be "due" (the GCRA's theoretical arrival time);
/// monotonic time, since this is about durations, not dates.
struct Allowance<K> {
    burst: u32,
    period: Duration,
    due: Mutex<HashMap<K, Instant>>,
}

impl<K: Hash + Eq + Clone> Allowance<K> {
    fn new(burst: u32, period: Duration) -> Self {
        Self {
            burst,
            period,
            due: Mutex::new(HashMap::new()),
        }
    }

    /// How long `key` must wait before its next try; zero when it may try now.
    fn wait(&self, key: &K, now: Instant) -> Duration {
        let due = self.due.lock().unwrap_or_else(PoisonError::into_inner);
        self.wait_locked(&due, key, now)
    }

    fn wait_locked(&self, due: &HashMap<K, Instant>, key: &K, now: Instant) -> Duration {
        let Some(tat) = due.get(key) else {
            return Duration::ZERO;
        };
        // The allowance: `burst` periods ahead of now.
        let allowance = self.period * self.burst;
        tat.saturating_duration_since(now)
            .saturating_sub(allowance.saturating_sub(self.period))
    }

    /// Counts one event for `key`.
    fn spend(&self, key: &K, now: Instant) {
        let mut due = self.due.lock().unwrap_or_else(PoisonError::into_inner);
        let tat = due.get(key).copied().unwrap_or(now).max(now);
        due.insert(key.clone(), tat + self.period);
    }

    /// Counts one event if `key` may have one now (checked and counted under one lock, so
    /// simultaneous tries cannot all slip through); otherwise how long to wait.
    fn take(&self, key: &K, now: Instant) -> Result<(), Duration> {
        let mut due = self.due.lock().unwrap_or_else(PoisonError::into_inner);
        let wait = self.wait_locked(&due, key, now);
        if !wait.is_zero() {
            return Err(wait);
        }
        let tat = due.get(key).copied().unwrap_or(now).max(now);
        due.insert(key.clone(), tat + self.period);
        Ok(())
    }

    /// Gives back an event counted by [`Allowance::take`] that turned out not to count.
    fn give_back(&self, key: &K) {
        let mut due = self.due.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(tat) = due.get_mut(key) {
            *tat = tat.checked_sub(self.period).unwrap_or(*tat);
        }
    }

    fn forget(&self, key: &K) {
        self.due
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(key);
    }

    /// Drops keys whose failures have all been paid off.
    fn prune(&self, now: Instant) {
        self.due
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|_, tat| *tat > now);
    }
}

pub struct LoginThrottle {
    pair: Allowance<(String, IpAddr)>,
    address: Allowance<IpAddr>,
    account: Allowance<String>,
}

impl std::fmt::Debug for LoginThrottle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LoginThrottle")
    }
}

impl Default for LoginThrottle {
    fn default() -> Self {
        Self {
            pair: Allowance::new(10, Duration::from_secs(30)),
            address: Allowance::new(20, Duration::from_secs(6)),
            account: Allowance::new(100, Duration::from_secs(60)),
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

impl LoginThrottle {
    /// Whether a try for `account` from `address` may go ahead now; nothing is counted.
    pub fn check(&self, account: &str, address: IpAddr) -> Result<(), AppError> {
        let now = Instant::now();
        let account = account_key(account);
        let wait = self
            .pair
            .wait(&(account.clone(), address), now)
            .max(self.address.wait(&address, now))
            .max(self.account.wait(&account, now));
        if wait.is_zero() {
            Ok(())
        } else {
            Err(refusal(wait))
        }
    }

    /// Counts a failed try (a wrong password, a wrong setup code).
    pub fn failed(&self, account: &str, address: IpAddr) {
        let now = Instant::now();
        let account = account_key(account);
        self.pair.spend(&(account.clone(), address), now);
        self.address.spend(&address, now);
        self.account.spend(&account, now);
    }

    /// Forgets the account's failures: its owner has just proved who they are.
    pub fn succeeded(&self, account: &str, address: IpAddr) {
        let account = account_key(account);
        self.pair.forget(&(account.clone(), address));
        self.account.forget(&account);
    }

    /// Drops idle keys so the maps do not grow without bound.
    pub fn prune(&self) {
        let now = Instant::now();
        self.pair.prune(now);
        self.address.prune(now);
        self.account.prune(now);
    }
}

/// A public form anyone can send: each submission may create a record (an account, an
/// application), so they are limited per address and per email.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PublicForm {
    SignUp,
    /// An application to the coach with this id.
    Apply(i64),
}

/// Limits on the public forms, per sending address and per email named in the form. Generous
/// for people (a family sharing one address, a second try after a typo), tight for scripts.
/// The burst is spent by submissions that were taken in; one refused as invalid is given back.
pub struct FormThrottle {
    address: Allowance<(IpAddr, Kind)>,
    email: Allowance<(PublicForm, String)>,
}

/// The form without its coach: an address is limited over all coaches' apply forms together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    SignUp,
    Apply,
}

impl std::fmt::Debug for FormThrottle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FormThrottle")
    }
}

impl Default for FormThrottle {
    fn default() -> Self {
        Self {
            // Ten from one address, then one every six minutes (ten an hour).
            address: Allowance::new(10, Duration::from_secs(360)),
            // Three for one email (per coach for applications), then one an hour.
            email: Allowance::new(3, Duration::from_secs(3600)),
        }
    }
}

/// A submission counted by [`FormThrottle::admit`]; [`Admitted::give_back`] when nothing came
/// of it because the input was invalid.
#[must_use]
pub struct Admitted<'a> {
    throttle: &'a FormThrottle,
    address: (IpAddr, Kind),
    email: (PublicForm, String),
}

impl Admitted<'_> {
    pub fn give_back(self) {
        self.throttle.address.give_back(&self.address);
        self.throttle.email.give_back(&self.email);
    }
}

impl FormThrottle {
    /// Counts a submission of `form` from `address` naming `email`, or refuses it with how long
    /// to wait.
    pub fn admit(
        &self,
        form: PublicForm,
        address: IpAddr,
        email: &str,
    ) -> Result<Admitted<'_>, AppError> {
        let now = Instant::now();
        let kind = match form {
            PublicForm::SignUp => Kind::SignUp,
            PublicForm::Apply(_) => Kind::Apply,
        };
        let address = (address, kind);
        let email = (form, account_key(email));
        self.address.take(&address, now).map_err(refusal)?;
        if let Err(wait) = self.email.take(&email, now) {
            self.address.give_back(&address);
            return Err(refusal(wait));
        }
        Ok(Admitted {
            throttle: self,
            address,
            email,
        })
    }

    pub fn prune(&self) {
        let now = Instant::now();
        self.address.prune(now);
        self.email.prune(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_the_burst_one_failure_each_period_is_allowed() {
        let f = Allowance::new(3, Duration::from_secs(10));
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(f.wait(&"k", t0), Duration::ZERO);
            f.spend(&"k", t0);
        }
        assert_eq!(f.wait(&"k", t0), Duration::from_secs(10));
        assert_eq!(f.wait(&"k", t0 + Duration::from_secs(10)), Duration::ZERO);
        f.forget(&"k");
        assert_eq!(f.wait(&"k", t0), Duration::ZERO);
    }

    #[test]
    fn take_counts_only_what_it_admits_and_give_back_returns_it() {
        let f = Allowance::new(2, Duration::from_secs(10));
        let t0 = Instant::now();
        assert!(f.take(&"k", t0).is_ok());
        assert!(f.take(&"k", t0).is_ok());
        assert_eq!(f.take(&"k", t0), Err(Duration::from_secs(10)));
        f.give_back(&"k");
        assert!(f.take(&"k", t0).is_ok());
    }
}
