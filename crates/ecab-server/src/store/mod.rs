//! Reading the store into wire types, and [`write::Write`]: every write with its audit
//! entry, its commit and the blobs it references, in one place.

pub mod annotations;
pub mod attendance;
pub mod blobs;
pub mod documents;
pub mod meetings;
pub mod polls;
pub mod questions;
pub mod reads;
pub mod write;

use crate::error::AppError;

/// Parse a stored vocabulary word; a bad one is a corrupt store, not a client error.
pub fn word<T>(text: &str, parse: fn(&str) -> Option<T>) -> Result<T, AppError> {
    parse(text).ok_or_else(|| AppError::internal(format!("unexpected value in store: {text}")))
}
