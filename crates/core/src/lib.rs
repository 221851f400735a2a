//! Coachbook's pure domain: no I/O, no async, `now` is always an argument.

pub mod application;
pub mod availability;
pub mod booking;
pub mod policy;
pub mod time;
pub mod validate;
