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

/// Everyone's name, title and unit, and every unit's name, for the reports.
pub async fn names(db: &mut sqlx::SqliteConnection) -> Result<crate::reports::Names, AppError> {
    let people: Vec<(uuid::Uuid, String, String, Option<uuid::Uuid>)> =
        sqlx::query_as("SELECT id, full_name, title, unit_id FROM users").fetch_all(&mut *db).await?;
    let units: Vec<(uuid::Uuid, String)> = sqlx::query_as("SELECT id, name FROM units").fetch_all(db).await?;
    Ok(crate::reports::Names {
        people: people
            .into_iter()
            .map(|(id, name, title, unit)| (id, crate::reports::Person { name, title, unit }))
            .collect(),
        units: units.into_iter().collect(),
    })
}
