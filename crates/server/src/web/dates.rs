//! The one way to write dates and times for people, as the pages use it: it lives in
//! [`crate::app::dates`], since notices and emails written in the use cases need it too.

pub use crate::app::dates::*;
