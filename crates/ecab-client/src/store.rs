//! The local SQLite store: the feed's entities as JSON, the cursor, blob rows, the outbox,
//! what was seen per meeting. Plain reads and writes; no decisions.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use ecab_protocol::document::Document;
use ecab_protocol::sync::{Change, ChangeOp, Entity};
use serde::de::DeserializeOwned;
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use uuid::Uuid;

use crate::Result;

pub async fn open(path: &Path) -> Result<SqlitePool> {
    let options = SqliteConnectOptions::from_str("sqlite:")?
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(10));
    let pool = SqlitePoolOptions::new().max_connections(4).connect_with(options).await?;
    sqlx::migrate!("../../migrations/client").run(&pool).await?;
    Ok(pool)
}

pub async fn setting(db: &SqlitePool, name: &str) -> Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT value FROM settings WHERE name = ?").bind(name).fetch_optional(db).await?)
}

pub async fn set_setting(db: &SqlitePool, name: &str, value: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
    )
    .bind(name)
    .bind(value)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn cursor(db: &SqlitePool) -> Result<(i64, Option<DateTime<Utc>>)> {
    Ok(sqlx::query_as("SELECT since, last_sync FROM sync_cursor WHERE id = 1").fetch_one(db).await?)
}

/// Apply one page of the feed and move the cursor, in one transaction.
pub async fn apply_page(
    db: &SqlitePool,
    changes: &[Change],
    next_since: i64,
    now: DateTime<Utc>,
    last: bool,
) -> Result<()> {
    let mut tx = db.begin().await?;
    for c in changes {
        let entity = c.entity.as_str();
        let id = c.entity_id.to_string();
        let meeting = c.meeting_id.map(|m| m.to_string());
        match c.op {
            ChangeOp::Upsert => {
                sqlx::query(
                    "INSERT INTO entities (entity, id, meeting_id, seq, data) VALUES (?, ?, ?, ?, ?)
                     ON CONFLICT (entity, id) DO UPDATE SET meeting_id = excluded.meeting_id, seq = excluded.seq, data = excluded.data",
                )
                .bind(entity)
                .bind(&id)
                .bind(&meeting)
                .bind(c.seq)
                .bind(c.data.to_string())
                .execute(&mut *tx)
                .await?;
            }
            ChangeOp::Delete => {
                sqlx::query("DELETE FROM entities WHERE entity = ? AND id = ?")
                    .bind(entity)
                    .bind(&id)
                    .execute(&mut *tx)
                    .await?;
                if c.entity == Entity::Meeting {
                    // The meeting is gone for us: so are its agenda, documents and invitees.
                    sqlx::query("DELETE FROM entities WHERE meeting_id = ?").bind(&id).execute(&mut *tx).await?;
                    sqlx::query("DELETE FROM seen WHERE meeting_id = ?").bind(&id).execute(&mut *tx).await?;
                    sqlx::query("DELETE FROM change_log WHERE meeting_id = ?").bind(&id).execute(&mut *tx).await?;
                }
                if c.entity == Entity::Document {
                    sqlx::query("DELETE FROM document_texts WHERE document_id = ?").bind(&id).execute(&mut *tx).await?;
                }
            }
        }
        let withdrawn = c.entity == Entity::Meeting && c.op == ChangeOp::Delete;
        if c.meeting_id.is_some() && !withdrawn {
            sqlx::query("INSERT OR REPLACE INTO change_log (seq, meeting_id, change) VALUES (?, ?, ?)")
                .bind(c.seq)
                .bind(&meeting)
                .bind(serde_json::to_string(c)?)
                .execute(&mut *tx)
                .await?;
        }
    }
    sqlx::query(
        "UPDATE sync_cursor SET since = MAX(since, ?), last_sync = CASE WHEN ? THEN ? ELSE last_sync END WHERE id = 1",
    )
    .bind(next_since)
    .bind(last)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Forget everything pulled (another user signs in on this data folder).
pub async fn forget_all(db: &SqlitePool) -> Result<()> {
    let mut tx = db.begin().await?;
    for table in ["entities", "change_log", "seen", "document_texts", "blobs", "outbox"] {
        sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table}"))).execute(&mut *tx).await?;
    }
    sqlx::query("UPDATE sync_cursor SET since = 0, last_sync = NULL").execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

fn parse<T: DeserializeOwned>(rows: Vec<String>) -> Result<Vec<T>> {
    rows.iter().map(|d| serde_json::from_str(d).map_err(Into::into)).collect()
}

/// Every entity of a kind, optionally of one meeting.
pub async fn entities<T: DeserializeOwned>(db: &SqlitePool, entity: Entity, meeting: Option<Uuid>) -> Result<Vec<T>> {
    let rows: Vec<String> = match meeting {
        Some(m) => {
            sqlx::query_scalar("SELECT data FROM entities WHERE entity = ? AND meeting_id = ?")
                .bind(entity.as_str())
                .bind(m.to_string())
                .fetch_all(db)
                .await?
        }
        None => {
            sqlx::query_scalar("SELECT data FROM entities WHERE entity = ?").bind(entity.as_str()).fetch_all(db).await?
        }
    };
    parse(rows)
}

pub async fn entity<T: DeserializeOwned>(db: &SqlitePool, entity: Entity, id: Uuid) -> Result<Option<T>> {
    let row: Option<String> = sqlx::query_scalar("SELECT data FROM entities WHERE entity = ? AND id = ?")
        .bind(entity.as_str())
        .bind(id.to_string())
        .fetch_optional(db)
        .await?;
    Ok(row.map(|d| serde_json::from_str(&d)).transpose()?)
}

pub async fn documents(db: &SqlitePool) -> Result<Vec<Document>> {
    entities(db, Entity::Document, None).await
}

/// A complete, verified blob on disk.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct BlobRow {
    pub sha256: String,
    pub size: i64,
    pub encrypted: bool,
    /// Relative to the data folder.
    pub path: String,
}

pub async fn blobs(db: &SqlitePool) -> Result<Vec<BlobRow>> {
    Ok(sqlx::query_as("SELECT sha256, size, encrypted, path FROM blobs WHERE state = 'complete'").fetch_all(db).await?)
}

pub async fn blob(db: &SqlitePool, sha256: &str) -> Result<Option<BlobRow>> {
    Ok(sqlx::query_as("SELECT sha256, size, encrypted, path FROM blobs WHERE sha256 = ? AND state = 'complete'")
        .bind(sha256)
        .fetch_optional(db)
        .await?)
}

pub async fn put_blob(db: &SqlitePool, row: &BlobRow) -> Result<()> {
    sqlx::query(
        "INSERT INTO blobs (sha256, size, state, encrypted, path) VALUES (?, ?, 'complete', ?, ?)
         ON CONFLICT (sha256) DO UPDATE SET size = excluded.size, state = 'complete', encrypted = excluded.encrypted, path = excluded.path",
    )
    .bind(&row.sha256)
    .bind(row.size)
    .bind(row.encrypted)
    .bind(&row.path)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn delete_blob(db: &SqlitePool, sha256: &str) -> Result<()> {
    sqlx::query("DELETE FROM blobs WHERE sha256 = ?").bind(sha256).execute(db).await?;
    Ok(())
}

/// Remember that the user looked at a meeting now, with the feed read up to `seq`.
pub async fn mark_seen(db: &SqlitePool, meeting: Uuid, now: DateTime<Utc>, seq: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO seen (meeting_id, seen_at, seen_seq) VALUES (?, ?, ?)
         ON CONFLICT (meeting_id) DO UPDATE SET seen_at = excluded.seen_at, seen_seq = excluded.seen_seq",
    )
    .bind(meeting.to_string())
    .bind(now)
    .bind(seq)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn seen(db: &SqlitePool, meeting: Uuid) -> Result<Option<(DateTime<Utc>, i64)>> {
    Ok(sqlx::query_as("SELECT seen_at, seen_seq FROM seen WHERE meeting_id = ?")
        .bind(meeting.to_string())
        .fetch_optional(db)
        .await?)
}

/// The changes to a meeting applied after feed position `seq`, oldest first.
pub async fn changes_after(db: &SqlitePool, meeting: Uuid, seq: i64) -> Result<Vec<Change>> {
    let rows: Vec<String> =
        sqlx::query_scalar("SELECT change FROM change_log WHERE meeting_id = ? AND seq > ? ORDER BY seq")
            .bind(meeting.to_string())
            .bind(seq)
            .fetch_all(db)
            .await?;
    parse(rows)
}

pub async fn document_text(db: &SqlitePool, document: Uuid) -> Result<Option<(String, String)>> {
    Ok(sqlx::query_as("SELECT sha256, data FROM document_texts WHERE document_id = ?")
        .bind(document.to_string())
        .fetch_optional(db)
        .await?)
}

pub async fn put_document_text(db: &SqlitePool, document: Uuid, sha256: &str, data: &str) -> Result<()> {
    sqlx::query("INSERT OR REPLACE INTO document_texts (document_id, sha256, data) VALUES (?, ?, ?)")
        .bind(document.to_string())
        .bind(sha256)
        .bind(data)
        .execute(db)
        .await?;
    Ok(())
}
