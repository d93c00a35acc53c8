//! Annotations on documents. Deleted ones keep their row, marked, so their id stays taken.

use chrono::{DateTime, Utc};
use ecab_core::{AnnotationColor, AnnotationKind};
use ecab_protocol::annotation::{Anchor, Annotation};
use sqlx::SqliteConnection;
use uuid::Uuid;

use super::word;
use crate::error::{AppError, AppResult};

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    document_id: Uuid,
    meeting_id: Uuid,
    author: Uuid,
    kind: String,
    color: String,
    note: String,
    shared: bool,
    anchor: String,
    made_on: Option<String>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    deleted_at: Option<DateTime<Utc>>,
}

const SELECT: &str = "SELECT id, document_id, meeting_id, author, kind, color, note, shared, anchor, made_on,
     created_at, updated_at, deleted_at FROM annotations";

fn annotation(r: Row) -> AppResult<Annotation> {
    Ok(Annotation {
        id: r.id,
        meeting_id: r.meeting_id,
        document_id: r.document_id,
        author: r.author,
        kind: word(&r.kind, AnnotationKind::parse)?,
        color: word(&r.color, AnnotationColor::parse)?,
        note: r.note,
        shared: r.shared,
        anchor: serde_json::from_str(&r.anchor).map_err(|_| AppError::internal("a stored anchor is not JSON"))?,
        made_on: r.made_on,
        created_at: r.created_at,
        updated_at: r.updated_at,
    })
}

/// One annotation, and whether it was deleted.
pub async fn one(db: &mut SqliteConnection, id: Uuid) -> AppResult<Option<(Annotation, bool)>> {
    let sql = format!("{SELECT} WHERE id = ?");
    let row: Option<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(db).await?;
    row.map(|r| {
        let deleted = r.deleted_at.is_some();
        annotation(r).map(|a| (a, deleted))
    })
    .transpose()
}

/// The live annotations of a document, oldest first: all of them, or those `reader` may
/// see (their own and the shared ones).
pub async fn of_document(
    db: &mut SqliteConnection,
    document: Uuid,
    reader: Option<Uuid>,
) -> AppResult<Vec<Annotation>> {
    let sql = format!(
        "{SELECT} WHERE document_id = ?1 AND deleted_at IS NULL AND (?2 IS NULL OR author = ?2 OR shared = 1)
         ORDER BY created_at, id"
    );
    let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(document).bind(reader).fetch_all(db).await?;
    rows.into_iter().map(annotation).collect()
}

/// The shared annotations of a meeting's documents (for a snapshot of the meeting).
pub async fn shared_of_meeting(db: &mut SqliteConnection, meeting: Uuid) -> AppResult<Vec<Annotation>> {
    let sql = format!("{SELECT} WHERE meeting_id = ? AND deleted_at IS NULL AND shared = 1 ORDER BY created_at, id");
    let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(meeting).fetch_all(db).await?;
    rows.into_iter().map(annotation).collect()
}

/// Whether a document has any live annotation.
pub async fn any(db: &mut SqliteConnection, document: Uuid) -> AppResult<bool> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM annotations WHERE document_id = ? AND deleted_at IS NULL LIMIT 1")
            .bind(document)
            .fetch_optional(db)
            .await?;
    Ok(found.is_some())
}

fn anchor_json(a: &Anchor) -> AppResult<String> {
    serde_json::to_string(a).map_err(AppError::internal)
}

pub async fn insert(db: &mut SqliteConnection, a: &Annotation) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO annotations (id, document_id, meeting_id, author, kind, color, note, shared, anchor, made_on,
             created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(a.id)
    .bind(a.document_id)
    .bind(a.meeting_id)
    .bind(a.author)
    .bind(a.kind.as_str())
    .bind(a.color.as_str())
    .bind(&a.note)
    .bind(a.shared)
    .bind(anchor_json(&a.anchor)?)
    .bind(&a.made_on)
    .bind(a.created_at)
    .bind(a.updated_at)
    .execute(db)
    .await?;
    Ok(())
}

/// Store what may change: colour, comment, sharing, the anchor (carried onto a new version).
pub async fn update(db: &mut SqliteConnection, a: &Annotation) -> AppResult<()> {
    sqlx::query(
        "UPDATE annotations SET color = ?, note = ?, shared = ?, anchor = ?, made_on = ?, updated_at = ? WHERE id = ?",
    )
    .bind(a.color.as_str())
    .bind(&a.note)
    .bind(a.shared)
    .bind(anchor_json(&a.anchor)?)
    .bind(&a.made_on)
    .bind(a.updated_at)
    .bind(a.id)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn delete(db: &mut SqliteConnection, id: Uuid, at: DateTime<Utc>) -> AppResult<()> {
    sqlx::query("UPDATE annotations SET deleted_at = ?, updated_at = ? WHERE id = ?")
        .bind(at)
        .bind(at)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}
