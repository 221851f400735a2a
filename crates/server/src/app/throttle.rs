//! Sign-in throttling. Only failures count, and a success forgets them: the owner signing in ten
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

/// A generic cell-rate limiter on failures: after `burst` failures in a row, one more each
/// `period`. Keeps, per key, the instant the next failure would be "due" (the GCRA's theoretical
/// arrival time); monotonic time, since this is about durations, not dates.
struct Failures<K> {
    burst: u32,
    period: Duration,
    due: Mutex<HashMap<K, Instant>>,
}

impl<K: Hash + Eq + Clone> Failures<K> {
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
        let Some(tat) = due.get(key) else {
            return Duration::ZERO;
        };
        // The allowance: `burst` periods ahead of now.
        let allowance = self.period * self.burst;
        tat.saturating_duration_since(now)
            .saturating_sub(allowance.saturating_sub(self.period))
    }

    fn fail(&self, key: &K, now: Instant) {
        let mut due = self.due.lock().unwrap_or_else(PoisonError::into_inner);
        let tat = due.get(key).copied().unwrap_or(now).max(now);
        due.insert(key.clone(), tat + self.period);
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
    pair: Failures<(String, IpAddr)>,
    address: Failures<IpAddr>,
    account: Failures<String>,
}

impl std::fmt::Debug for LoginThrottle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LoginThrottle")
    }
}

impl Default for LoginThrottle {
    fn default() -> Self {
        Self {
            pair: Failures::new(10, Duration::from_secs(30)),
            address: Failures::new(20, Duration::from_secs(6)),
            account: Failures::new(100, Duration::from_secs(60)),
        }
    }
}

fn account_key(account: &str) -> String {
    account.trim().to_lowercase()
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
            // Rounded up: a client that waits what it is told is never refused again.
            let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            Err(AppError::RateLimited {
                retry_after_secs: secs.max(1),
            })
        }
    }

    /// Counts a failed try (a wrong password, a wrong setup code).
    pub fn failed(&self, account: &str, address: IpAddr) {
        let now = Instant::now();
        let account = account_key(account);
        self.pair.fail(&(account.clone(), address), now);
        self.address.fail(&address, now);
        self.account.fail(&account, now);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_the_burst_one_failure_each_period_is_allowed() {
        let f = Failures::new(3, Duration::from_secs(10));
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(f.wait(&"k", t0), Duration::ZERO);
            f.fail(&"k", t0);
        }
        assert_eq!(f.wait(&"k", t0), Duration::from_secs(10));
        assert_eq!(f.wait(&"k", t0 + Duration::from_secs(10)), Duration::ZERO);
        f.forget(&"k");
        assert_eq!(f.wait(&"k", t0), Duration::ZERO);
    }
}
