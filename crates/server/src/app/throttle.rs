//! Sign-in throttling: too many attempts for one account or from one address get refused for a
//! while. Counted per node; several nodes multiply the allowance, which stays far below what
//! guessing a 10-character password needs.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::AppError;

pub struct LoginThrottle {
    by_account: DefaultKeyedRateLimiter<String>,
    by_address: DefaultKeyedRateLimiter<IpAddr>,
}

impl std::fmt::Debug for LoginThrottle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LoginThrottle")
    }
}

fn quota(burst: u32, one_every: Duration) -> Quota {
    Quota::with_period(one_every)
        .unwrap_or_else(|| Quota::per_minute(NonZeroU32::MIN))
        .allow_burst(NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN))
}

impl Default for LoginThrottle {
    /// 10 attempts per account then one every 30 s; 20 per address then one every 6 s.
    fn default() -> Self {
        Self {
            by_account: RateLimiter::keyed(quota(10, Duration::from_secs(30))),
            by_address: RateLimiter::keyed(quota(20, Duration::from_secs(6))),
        }
    }
}

impl LoginThrottle {
    /// Counts one sign-in attempt; refuses it when either budget is spent.
    pub fn attempt(&self, email: &str, address: IpAddr) -> Result<(), AppError> {
        let now = DefaultClock::default().now();
        let refused = |not_until: governor::NotUntil<_>| AppError::RateLimited {
            retry_after_secs: not_until.wait_time_from(now).as_secs().max(1),
        };
        self.by_address.check_key(&address).map_err(refused)?;
        self.by_account
            .check_key(&email.trim().to_lowercase())
            .map_err(refused)?;
        Ok(())
    }

    /// Drops idle keys so the maps do not grow without bound.
    pub fn prune(&self) {
        self.by_account.retain_recent();
        self.by_address.retain_recent();
    }
}
