//! Meeting documents: upload, new versions, move or rename, revoke, page text.

use axum::Json;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use chrono::Utc;
use ecab_core::access::can_view_document;
use ecab_core::rules::{self, Field};
use ecab_core::{Confidentiality, Role};
use ecab_protocol::document::{Document, DocumentMeta, DocumentText, UpdateDocument};
use ecab_protocol::ops;
use serde_json::json;
use sqlx::SqliteConnection;
use utoipa_axum::router::OpenApiRouter;
use uuid::Uuid;

use super::extract::{ApiJson, ApiPath, Origin};
use super::meetings::{editable, touch, visible};
use super::op::OpRouter;
use crate::anchoring::{Layer, carry_all};
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::write::{Audit, Write};
use crate::upload::{self, Upload};
use crate::{feed, store};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .op(ops::UploadDocument, upload_document)
        .op(ops::AddVersion, add_version)
        .op(ops::GetDocument, get_document)
        .op(ops::UpdateDocument, update)
        .op(ops::RevokeDocument, revoke)
        .op(ops::DocumentText, text)
}

/// Store the blob row and its page text in the write; the file moves into place when the
/// write commits.
async fn keep_blob(tx: &mut Write<'_>, up: Upload) -> AppResult<(String, String)> {
    let sha = up.file.sha256.clone();
    if let Some(info) = &up.info {
        store::blobs::record(tx, &sha, up.file.size, info).await?;
    }
    tx.keep_blob(up.file);
    Ok((sha, up.filename))
}

async fn item_belongs(db: &mut SqliteConnection, item: Option<Uuid>, meeting_id: Uuid) -> AppResult<()> {
    let Some(item) = item else { return Ok(()) };
    match store::meetings::agenda_item(db, item).await? {
        Some(i) if i.meeting_id == meeting_id => Ok(()),
        _ => Err(AppError::invalid("agenda_item_id", "no such agenda item in this meeting")),
    }
}

/// Upload a document to a meeting (multipart: `meta` JSON, then `file`). The file must
/// be a PDF pdfium can open; anything else is refused and nothing is kept.
async fn upload_document(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(meeting_id): ApiPath<Uuid>,
    form: Multipart,
) -> AppResult<(StatusCode, Json<Document>)> {
    // Refuse before reading the body when the caller may not add documents here.
    editable(&mut *state.db.acquire().await?, meeting_id, &user).await?;
    let mut up = upload::receive(&state, form).await?;
    let meta: DocumentMeta = up.meta.take().ok_or_else(|| AppError::invalid("meta", "the `meta` part is missing"))?;
    let title = rules::required(Field::Title, &meta.title)?.to_owned();
    let id = meta.id.unwrap_or_else(Uuid::now_v7);
    let mut tx = Write::begin(&state, &user, &origin).await?;
    editable(&mut tx, meeting_id, &user).await?;
    if let Some((existing, _)) = store::documents::one(&mut tx, id).await? {
        return if existing.meeting_id == meeting_id && existing.current.sha256 == up.file.sha256 {
            Ok((StatusCode::OK, Json(existing)))
        } else {
            Err(AppError::conflict("id already used"))
        };
    }
    item_belongs(&mut tx, meta.agenda_item_id, meeting_id).await?;
    let now = Utc::now();
    sqlx::query("INSERT INTO documents (id, meeting_id, agenda_item_id, title, kind, confidentiality, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(id).bind(meeting_id).bind(meta.agenda_item_id).bind(&title).bind(meta.kind.as_str()).bind(meta.confidentiality.as_str()).bind(now).bind(now)
        .execute(&mut *tx).await?;
    let (sha, filename) = keep_blob(&mut tx, up).await?;
    sqlx::query("INSERT INTO document_versions (document_id, version, sha256, filename, uploaded_by, uploaded_at) VALUES (?, 1, ?, ?, ?, ?)")
        .bind(id).bind(&sha).bind(&filename).bind(user.id).bind(now).execute(&mut *tx).await?;
    let m = touch(&mut tx, meeting_id).await?;
    let doc = store::documents::one(&mut tx, id)
        .await?
        .map(|d| d.0)
        .ok_or_else(|| AppError::internal("document vanished"))?;
    feed::document(&mut tx, &m, &doc).await?;
    tx.commit(Audit {
        action: "upload",
        entity: "document",
        id: Some(id),
        detail: json!({ "meeting_id": meeting_id, "sha256": sha, "title": title }),
    })
    .await?;
    Ok((StatusCode::CREATED, Json(doc)))
}

/// A document the caller may read (not revoked), with its meeting.
pub async fn readable(
    db: &mut SqliteConnection,
    id: Uuid,
    user: &AuthUser,
) -> AppResult<(Document, ecab_protocol::meeting::Meeting, ecab_core::Relation)> {
    let (doc, revoked) = store::documents::one(db, id).await?.ok_or_else(|| AppError::not_found("document"))?;
    if revoked {
        return Err(AppError::not_found("document"));
    }
    let (m, rel) = visible(db, doc.meeting_id, user).await.map_err(|_| AppError::not_found("document"))?;
    can_view_document(user.actor(), rel, m.status, doc.confidentiality).map_err(|d| AppError::denied(d, "document"))?;
    Ok((doc, m, rel))
}

/// Upload a new version of a document (multipart `file`). The same content as the
/// current version changes nothing.
async fn add_version(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    form: Multipart,
) -> AppResult<(StatusCode, Json<Document>)> {
    let meeting_id = {
        let mut conn = state.db.acquire().await?;
        let (doc, _, _) = readable(&mut conn, id, &user).await?;
        editable(&mut conn, doc.meeting_id, &user).await?;
        doc.meeting_id
    };
    let up = upload::receive(&state, form).await?;
    // The new version's words, read before the write, to carry the annotations onto it.
    let annotated = store::annotations::any(&mut *state.db.acquire().await?, id).await?;
    let layer = match (&up.info, annotated) {
        (Some(info), true) => Some(Layer::read(&state, &up.file.sha256, &up.file.path, info.page_count).await?),
        _ => None,
    };
    let mut tx = Write::begin(&state, &user, &origin).await?;
    editable(&mut tx, meeting_id, &user).await?;
    let (doc, _, _) = readable(&mut tx, id, &user).await?;
    if doc.current.sha256 == up.file.sha256 {
        return Ok((StatusCode::OK, Json(doc)));
    }
    let version = doc.current.version + 1;
    let (sha, filename) = keep_blob(&mut tx, up).await?;
    let now = Utc::now();
    sqlx::query("INSERT INTO document_versions (document_id, version, sha256, filename, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(id).bind(version as i64).bind(&sha).bind(&filename).bind(user.id).bind(now).execute(&mut *tx).await?;
    sqlx::query("UPDATE documents SET updated_at = ? WHERE id = ?").bind(now).bind(id).execute(&mut *tx).await?;
    let m = touch(&mut tx, meeting_id).await?;
    let doc = store::documents::one(&mut tx, id)
        .await?
        .map(|d| d.0)
        .ok_or_else(|| AppError::internal("document vanished"))?;
    feed::document(&mut tx, &m, &doc).await?;
    feed::new_version(&mut tx, &m, &doc, user.id, now).await?;
    let (carried, stayed) = match &layer {
        Some(layer) => carry_all(&mut tx, &m, &doc, layer).await?,
        None => (0, 0),
    };
    tx.commit(Audit {
        action: "new_version",
        entity: "document",
        id: Some(id),
        detail: json!({ "version": version, "sha256": sha, "annotations_carried": carried, "annotations_left": stayed }),
    })
    .await?;
    Ok((StatusCode::CREATED, Json(doc)))
}

async fn get_document(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<Document>> {
    let mut conn = state.db.acquire().await?;
    Ok(Json(readable(&mut conn, id, &user).await?.0))
}

/// Rename, change kind or confidentiality, or move to another agenda item.
async fn update(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<UpdateDocument>,
) -> AppResult<Json<Document>> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let (old, m, _) = readable(&mut tx, id, &user).await?;
    editable(&mut tx, m.id, &user).await?;
    let title = rules::required(Field::Title, req.title.as_deref().unwrap_or(&old.title))?.to_owned();
    let item = req.agenda_item_id.unwrap_or(old.agenda_item_id);
    item_belongs(&mut tx, item, m.id).await?;
    let confidentiality = req.confidentiality.unwrap_or(old.confidentiality);
    sqlx::query("UPDATE documents SET title = ?, kind = ?, agenda_item_id = ?, confidentiality = ?, updated_at = ? WHERE id = ?")
        .bind(&title).bind(req.kind.unwrap_or(old.kind).as_str()).bind(item).bind(confidentiality.as_str()).bind(Utc::now()).bind(id)
        .execute(&mut *tx).await?;
    let m = touch(&mut tx, m.id).await?;
    let doc = store::documents::one(&mut tx, id)
        .await?
        .map(|d| d.0)
        .ok_or_else(|| AppError::internal("document vanished"))?;
    if m.status.is_published()
        && old.confidentiality == Confidentiality::Normal
        && confidentiality == Confidentiality::Confidential
    {
        // Bridge points no longer receive it: tell their devices to drop it.
        for account in store::meetings::bridge_point_accounts(&mut tx, m.id).await? {
            let role: Option<String> = sqlx::query_scalar("SELECT role FROM users WHERE id = ?")
                .bind(account)
                .fetch_optional(&mut *tx)
                .await?;
            if role.as_deref() == Some(Role::BridgePoint.as_str()) {
                feed::document_deleted(&mut tx, &m, &old, Some(account)).await?;
            }
        }
    }
    feed::document(&mut tx, &m, &doc).await?;
    tx.commit(Audit::update("document", id, &req)).await?;
    Ok(Json(doc))
}

/// Revoke a document: it disappears from the meeting and from every device's cache.
async fn revoke(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<StatusCode> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let (doc, m, _) = readable(&mut tx, id, &user).await?;
    editable(&mut tx, m.id, &user).await?;
    sqlx::query("UPDATE documents SET revoked = 1, updated_at = ? WHERE id = ?")
        .bind(Utc::now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let m = touch(&mut tx, m.id).await?;
    feed::document_deleted(&mut tx, &m, &doc, None).await?;
    tx.commit(Audit {
        action: "revoke",
        entity: "document",
        id: Some(id),
        detail: json!({ "meeting_id": m.id, "title": doc.title }),
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The text of every page of the current version, as pdfium reads it.
async fn text(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<DocumentText>> {
    let mut conn = state.db.acquire().await?;
    let (doc, _, _) = readable(&mut conn, id, &user).await?;
    let pages: Vec<String> = sqlx::query_scalar("SELECT text FROM blob_pages WHERE sha256 = ? ORDER BY page")
        .bind(&doc.current.sha256)
        .fetch_all(&mut *conn)
        .await?;
    Ok(Json(DocumentText { sha256: doc.current.sha256, pages }))
}
