//! Who has opened which document.

use chrono::{DateTime, Utc};
use ecab_protocol::attendance::Read;
use sqlx::SqliteConnection;
use uuid::Uuid;

use crate::error::AppResult;

#[derive(sqlx::FromRow)]
struct Row {
    meeting_id: Uuid,
    document_id: Uuid,
    user_id: Uuid,
    version: i64,
    first_at: DateTime<Utc>,
    last_at: DateTime<Utc>,
}

fn read(r: Row) -> Read {
    Read {
        meeting_id: r.meeting_id,
        document_id: r.document_id,
        user_id: r.user_id,
        version: r.version.clamp(0, u32::MAX as i64) as u32,
        first_at: r.first_at,
        last_at: r.last_at,
    }
}

/// Every read of a meeting's documents, oldest first.
pub async fn of_meeting(db: &mut SqliteConnection, meeting: Uuid) -> AppResult<Vec<Read>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT meeting_id, document_id, user_id, version, first_at, last_at FROM reads WHERE meeting_id = ?
         ORDER BY first_at, document_id, user_id",
    )
    .bind(meeting)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(read).collect())
}

/// Record that `user` opened version `version` of a document at `at`: the first time stays
/// the earliest, the last the latest, the version the newest, whatever order reports
/// arrive in. Answers the read as it now stands.
pub async fn record(
    db: &mut SqliteConnection,
    meeting: Uuid,
    document: Uuid,
    user: Uuid,
    version: u32,
    at: DateTime<Utc>,
) -> AppResult<Read> {
    let row: Row = sqlx::query_as(
        "INSERT INTO reads (document_id, user_id, meeting_id, version, first_at, last_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)
         ON CONFLICT (document_id, user_id) DO UPDATE SET
             version = max(version, excluded.version),
             first_at = min(first_at, excluded.first_at),
             last_at = max(last_at, excluded.last_at)
         RETURNING meeting_id, document_id, user_id, version, first_at, last_at",
    )
    .bind(document)
    .bind(user)
    .bind(meeting)
    .bind(version as i64)
    .bind(at)
    .fetch_one(db)
    .await?;
    Ok(read(row))
}
