//! Coachbook's pure domain: no I/O, no async, `now` is always an argument.

#[macro_use]
pub mod codes;

pub mod application;
pub mod availability;
pub mod booking;
pub mod credit;
pub mod locale;
pub mod policy;
pub mod practice;
pub mod pricing;
pub mod privacy;
pub mod time;
pub mod validate;
