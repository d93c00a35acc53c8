//! Documents and their versions.

use chrono::{DateTime, Utc};
use ecab_core::{Confidentiality, DocumentKind};
use ecab_protocol::document::{Document, DocumentVersion};
use sqlx::SqliteConnection;
use uuid::Uuid;

use super::word;
use crate::error::AppResult;

#[derive(sqlx::FromRow)]
struct DocumentRow {
    id: Uuid,
    meeting_id: Uuid,
    agenda_item_id: Option<Uuid>,
    title: String,
    kind: String,
    confidentiality: String,
}

#[derive(sqlx::FromRow)]
struct VersionRow {
    document_id: Uuid,
    version: i64,
    sha256: String,
    size: i64,
    page_count: i64,
    filename: String,
    uploaded_by: Uuid,
    uploaded_at: DateTime<Utc>,
}

const VERSION_SELECT: &str = "SELECT v.document_id, v.version, v.sha256, b.size, b.page_count, v.filename,
    v.uploaded_by, v.uploaded_at FROM document_versions v JOIN blobs b ON b.sha256 = v.sha256";

/// The live (not revoked) documents of a meeting, in upload order.
pub async fn for_meeting(db: &mut SqliteConnection, meeting_id: Uuid) -> AppResult<Vec<Document>> {
    let rows: Vec<DocumentRow> = sqlx::query_as(
        "SELECT id, meeting_id, agenda_item_id, title, kind, confidentiality FROM documents
         WHERE meeting_id = ? AND revoked = 0 ORDER BY created_at, id",
    )
    .bind(meeting_id)
    .fetch_all(&mut *db)
    .await?;
    let sql = format!(
        "{VERSION_SELECT} JOIN documents d ON d.id = v.document_id WHERE d.meeting_id = ? ORDER BY v.version DESC"
    );
    let versions: Vec<VersionRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(meeting_id).fetch_all(db).await?;
    assemble(rows, versions)
}

pub async fn one(db: &mut SqliteConnection, id: Uuid) -> AppResult<Option<(Document, bool)>> {
    let row: Option<(Uuid, Uuid, Option<Uuid>, String, String, String, bool)> = sqlx::query_as(
        "SELECT id, meeting_id, agenda_item_id, title, kind, confidentiality, revoked FROM documents WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *db)
    .await?;
    let Some((id, meeting_id, agenda_item_id, title, kind, confidentiality, revoked)) = row else { return Ok(None) };
    let sql = format!("{VERSION_SELECT} WHERE v.document_id = ? ORDER BY v.version DESC");
    let versions: Vec<VersionRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_all(db).await?;
    let row = DocumentRow { id, meeting_id, agenda_item_id, title, kind, confidentiality };
    Ok(assemble(vec![row], versions)?.pop().map(|d| (d, revoked)))
}

fn assemble(rows: Vec<DocumentRow>, versions: Vec<VersionRow>) -> AppResult<Vec<Document>> {
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let mut history: Vec<DocumentVersion> =
            versions.iter().filter(|v| v.document_id == r.id).map(clone_version).collect();
        if history.is_empty() {
            continue; // a document always has a version; a row without one is mid-creation
        }
        let current = history.remove(0);
        out.push(Document {
            id: r.id,
            meeting_id: r.meeting_id,
            agenda_item_id: r.agenda_item_id,
            title: r.title,
            kind: word(&r.kind, DocumentKind::parse)?,
            confidentiality: word(&r.confidentiality, Confidentiality::parse)?,
            current,
            history,
        });
    }
    Ok(out)
}

fn clone_version(v: &VersionRow) -> DocumentVersion {
    DocumentVersion {
        version: v.version as u32,
        sha256: v.sha256.clone(),
        size: v.size as u64,
        page_count: v.page_count as u32,
        filename: v.filename.clone(),
        uploaded_by: v.uploaded_by,
        uploaded_at: v.uploaded_at,
    }
}
