//! Meeting documents: upload, new versions, move or rename, revoke, page text.

use axum::Json;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use chrono::Utc;
use ecab_core::access::can_view_document;
use ecab_core::rules::{self, Field};
use ecab_core::{Confidentiality, Role};
use ecab_protocol::ApiError;
use ecab_protocol::document::{Document, DocumentMeta, DocumentText, UpdateDocument};
use serde_json::json;
use sqlx::SqliteConnection;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::extract::{ApiJson, ApiPath, Origin};
use super::meetings::{editable, touch, visible};
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::journal::audit;
use crate::state::AppState;
use crate::upload::{self, Upload};
use crate::{db, feed, store};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload_document))
        .routes(routes!(add_version))
        .routes(routes!(get_document, update, revoke))
        .routes(routes!(text))
}

/// Store the blob row, its page text, and move the file into place. Runs inside the
/// caller's transaction; the file is renamed last, so a failure before leaves nothing.
async fn keep_blob(state: &AppState, db: &mut SqliteConnection, up: Upload) -> AppResult<(String, String)> {
    let sha = up.file.sha256.clone();
    if let Some(info) = &up.info {
        store::blobs::record(db, &sha, up.file.size, info).await?;
    }
    state.blobs.commit(up.file).await?;
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
#[utoipa::path(post, path = "/api/v1/meetings/{id}/documents", tag = "documents",
    request_body(content_type = "multipart/form-data", description = "`meta`: DocumentMeta as JSON; `file`: the PDF"),
    responses((status = 201, body = Document), (status = 413, body = ApiError), (status = 422, body = ApiError), (status = 404, body = ApiError)))]
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
    let mut tx = db::write(&state.db).await?;
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
    let (sha, filename) = keep_blob(&state, &mut tx, up).await?;
    sqlx::query("INSERT INTO document_versions (document_id, version, sha256, filename, uploaded_by, uploaded_at) VALUES (?, 1, ?, ?, ?, ?)")
        .bind(id).bind(&sha).bind(&filename).bind(user.id).bind(now).execute(&mut *tx).await?;
    let m = touch(&mut tx, meeting_id).await?;
    let doc = store::documents::one(&mut tx, id)
        .await?
        .map(|d| d.0)
        .ok_or_else(|| AppError::internal("document vanished"))?;
    feed::document(&mut tx, &m, &doc).await?;
    audit(
        &mut tx,
        Some(&user),
        &origin,
        "upload",
        "document",
        Some(id),
        json!({ "meeting_id": meeting_id, "sha256": sha, "title": title }),
    )
    .await?;
    tx.commit().await?;
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
#[utoipa::path(post, path = "/api/v1/documents/{id}/versions", tag = "documents",
    request_body(content_type = "multipart/form-data", description = "`file`: the PDF"),
    responses((status = 201, body = Document), (status = 200, body = Document), (status = 413, body = ApiError), (status = 422, body = ApiError)))]
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
    let mut tx = db::write(&state.db).await?;
    editable(&mut tx, meeting_id, &user).await?;
    let (doc, _, _) = readable(&mut tx, id, &user).await?;
    if doc.current.sha256 == up.file.sha256 {
        return Ok((StatusCode::OK, Json(doc)));
    }
    let version = doc.current.version + 1;
    let (sha, filename) = keep_blob(&state, &mut tx, up).await?;
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
    audit(
        &mut tx,
        Some(&user),
        &origin,
        "new_version",
        "document",
        Some(id),
        json!({ "version": version, "sha256": sha }),
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(doc)))
}

#[utoipa::path(get, path = "/api/v1/documents/{id}", tag = "documents",
    responses((status = 200, body = Document), (status = 404, body = ApiError)))]
async fn get_document(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<Document>> {
    let mut conn = state.db.acquire().await?;
    Ok(Json(readable(&mut conn, id, &user).await?.0))
}

/// Rename, change kind or confidentiality, or move to another agenda item.
#[utoipa::path(patch, path = "/api/v1/documents/{id}", tag = "documents", request_body = UpdateDocument,
    responses((status = 200, body = Document), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
async fn update(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<UpdateDocument>,
) -> AppResult<Json<Document>> {
    let mut tx = db::write(&state.db).await?;
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
    audit(
        &mut tx,
        Some(&user),
        &origin,
        "update",
        "document",
        Some(id),
        serde_json::to_value(&req).unwrap_or_default(),
    )
    .await?;
    tx.commit().await?;
    Ok(Json(doc))
}

/// Revoke a document: it disappears from the meeting and from every device's cache.
#[utoipa::path(delete, path = "/api/v1/documents/{id}", tag = "documents",
    responses((status = 204), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
async fn revoke(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<StatusCode> {
    let mut tx = db::write(&state.db).await?;
    let (doc, m, _) = readable(&mut tx, id, &user).await?;
    editable(&mut tx, m.id, &user).await?;
    sqlx::query("UPDATE documents SET revoked = 1, updated_at = ? WHERE id = ?")
        .bind(Utc::now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let m = touch(&mut tx, m.id).await?;
    feed::document_deleted(&mut tx, &m, &doc, None).await?;
    audit(
        &mut tx,
        Some(&user),
        &origin,
        "revoke",
        "document",
        Some(id),
        json!({ "meeting_id": m.id, "title": doc.title }),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The text of every page of the current version, as pdfium reads it.
#[utoipa::path(get, path = "/api/v1/documents/{id}/text", tag = "documents",
    responses((status = 200, body = DocumentText), (status = 404, body = ApiError)))]
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
