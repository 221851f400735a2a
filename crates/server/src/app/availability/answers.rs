//! A node's copies of availability answers, as sent (JSON bytes), for the second they were
//! computed in.
//!
//! An answer depends on the coach's calendar (its version, read with the request's account), on
//! what was asked (every query parameter, and the coach's zone for dates), and on `now`, through
//! the minimum notice and the horizon only: a start is offered when `start − notice ≥ now` and
//! `start ≤ now + horizon`. Every stored time is a whole second and every notice and horizon a
//! whole number of minutes, so for all `now` strictly inside one second (not on its first
//! nanosecond) these comparisons come out the same: the answer is the same. So answers are kept
//! per second, only while the second lasts, and an instant exactly on a second is never served
//! from the copy. Under load many identical questions (everyone looking at one coach's month)
//! are then answered once a second; a write on any node changes the version, so the next
//! question is computed afresh.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use bytes::Bytes;
use jiff::Timestamp;

/// At most this many bytes of answers are kept for one second; beyond it answers are computed
/// and not kept (a node's memory stays bounded whatever is asked).
const MAX_BYTES: usize = 4 << 20;

/// What an answer was computed from, besides `now`'s second.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AnswerKey {
    pub coach_id: i64,
    pub calendar_version: i64,
    /// The coach's zone: a date in `from` or `to` is midnight there.
    pub coach_zone: String,
    /// Every query parameter as given (the route's name first).
    pub asked: Vec<Option<String>>,
}

#[derive(Debug, Default)]
struct Second {
    at: i64,
    bytes: usize,
    answers: HashMap<AnswerKey, Bytes>,
}

#[derive(Debug, Default)]
pub struct AnswerCache {
    second: Mutex<Second>,
    hits: AtomicU64,
}

/// The second `now` is strictly inside, or `None` when it is exactly on one.
fn second_of(now: Timestamp) -> Option<i64> {
    (now.subsec_nanosecond() != 0).then(|| now.as_second())
}

impl AnswerCache {
    /// The answer to `key` computed earlier in `now`'s second.
    pub fn get(&self, key: &AnswerKey, now: Timestamp) -> Option<Bytes> {
        let at = second_of(now)?;
        let second = self.second.lock().unwrap_or_else(PoisonError::into_inner);
        let found = (second.at == at)
            .then(|| second.answers.get(key).cloned())
            .flatten();
        if found.is_some() {
            self.hits.fetch_add(1, Ordering::Relaxed);
        }
        found
    }

    /// How many answers were served from the copies.
    pub fn hits(&self) -> u64 {
        self.hits.load(Ordering::Relaxed)
    }

    /// Keeps `answer`, computed at `now`, for the rest of its second.
    pub fn put(&self, key: AnswerKey, now: Timestamp, answer: &Bytes) {
        let Some(at) = second_of(now) else {
            return;
        };
        let mut second = self.second.lock().unwrap_or_else(PoisonError::into_inner);
        if second.at != at {
            if at < second.at {
                // Computed in a second that has passed: of no use.
                return;
            }
            *second = Second {
                at,
                ..Second::default()
            };
        }
        if second.bytes + answer.len() > MAX_BYTES {
            return;
        }
        second.bytes += answer.len();
        second.answers.insert(key, answer.clone());
    }
}
