//! Coachbook's pure domain: no I/O, no async, `now` is always an argument.

pub mod validate;
