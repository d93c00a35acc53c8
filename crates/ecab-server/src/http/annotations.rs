//! Annotations on documents: list, create, change, delete. Every decision is
//! `ecab_core::annotations`'s; carrying them onto new versions is `crate::anchoring`'s.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Utc;
use ecab_core::annotations::{self as rules, Shape, can_annotate, can_change_annotation, can_view_annotation};
use ecab_core::rules::{Field, Invalid, Rule};
use ecab_pdf::Mark;
use ecab_protocol::annotation::{Annotation, CreateAnnotation, UpdateAnnotation};
use ecab_protocol::document::Document;
use ecab_protocol::ops;
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use uuid::Uuid;

use super::documents::readable;
use super::extract::{ApiJson, ApiPath, Origin};
use super::op::OpRouter;
use crate::anchoring::Layer;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::write::{Audit, Write};
use crate::upload::pdf_error;
use crate::{feed, store};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .op(ops::ListAnnotations, list)
        .op(ops::CreateAnnotation, create)
        .op(ops::UpdateAnnotation, update)
        .op(ops::DeleteAnnotation, delete)
        .op(ops::ExportAnnotated, export)
}

fn denied(d: ecab_core::access::Denied) -> AppError {
    AppError::denied(d, "annotation")
}

/// The caller's own annotations of a document and those shared with the meeting.
async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<Vec<Annotation>>> {
    let mut conn = state.db.acquire().await?;
    let (d, m, rel) = readable(&mut conn, id, &user).await?;
    let all = store::annotations::of_document(&mut conn, id, Some(user.id)).await?;
    let actor = user.actor();
    let seen = all.into_iter().filter(|a| {
        can_view_annotation(actor, rel, m.status, d.confidentiality, a.author == user.id, a.shared).is_ok()
    });
    Ok(Json(seen.collect()))
}

/// Annotate a document. An annotation made on an older version (offline, before the new
/// one arrived) is carried onto the current one where its words are still there.
async fn create(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<CreateAnnotation>,
) -> AppResult<(StatusCode, Json<Annotation>)> {
    let (d, m, rel) = readable(&mut *state.db.acquire().await?, id, &user).await?;
    can_annotate(user.actor(), rel, m.status, d.confidentiality).map_err(denied)?;
    let note = rules::note(req.kind, &req.note)?.to_owned();
    let a = &req.anchor;
    let pages =
        d.version(&a.sha256).map(|v| v.page_count).ok_or_else(|| Invalid::new(Field::Anchor, Rule::NotInMeeting))?;
    let strokes: Vec<usize> = a.strokes.iter().map(Vec::len).collect();
    let shape = Shape { rects: a.rects.len(), strokes: &strokes, point: a.point.is_some() };
    rules::anchor(req.kind, shape, a.coords(), a.page, pages)?;
    ecab_core::anchor::check(&a.quote).map_err(|_| Invalid::new(Field::Anchor, Rule::TooLong))?;
    let now = Utc::now();
    let made = Annotation {
        id: req.id,
        meeting_id: m.id,
        document_id: id,
        author: user.id,
        kind: req.kind,
        color: req.color,
        note,
        shared: req.shared,
        anchor: req.anchor.clone(),
        made_on: None,
        created_at: now,
        updated_at: now,
    };
    // Words of the current version, read before the write takes the store's lock.
    let current = &d.current;
    let layer = if made.anchor.sha256 != current.sha256 && !made.anchor.quote.exact.is_empty() {
        let path = state.blobs.path(&current.sha256);
        Some(Layer::read(&state, &current.sha256, &path, current.page_count).await?)
    } else {
        None
    };
    let annotation = layer.as_ref().and_then(|l| l.carried(&made)).unwrap_or(made);

    let mut tx = Write::begin(&state, &user, &origin).await?;
    let (d, m, _) = readable(&mut tx, id, &user).await?;
    if let Some((existing, deleted)) = store::annotations::one(&mut tx, req.id).await? {
        if existing.author != user.id || existing.document_id != id {
            return Err(AppError::conflict("this id is taken"));
        }
        if deleted {
            return Err(AppError::not_found("annotation"));
        }
        return Ok((StatusCode::OK, Json(existing)));
    }
    store::annotations::insert(&mut tx, &annotation).await?;
    feed::annotation(&mut tx, &m, &d, &annotation, false).await?;
    tx.commit(Audit {
        action: "annotate",
        entity: "annotation",
        id: Some(annotation.id),
        detail: json!({ "document_id": id, "kind": annotation.kind, "shared": annotation.shared }),
    })
    .await?;
    Ok((StatusCode::CREATED, Json(annotation)))
}

/// An annotation the caller may change, with its document and meeting.
async fn own(
    tx: &mut Write<'_>,
    user: &AuthUser,
    id: Uuid,
) -> AppResult<(Annotation, Document, ecab_protocol::meeting::Meeting)> {
    let hidden = || AppError::not_found("annotation");
    let (a, deleted) = store::annotations::one(tx, id).await?.ok_or_else(hidden)?;
    if deleted {
        return Err(hidden());
    }
    let (d, m, rel) = readable(tx, a.document_id, user).await.map_err(|_| hidden())?;
    can_change_annotation(user.actor(), rel, m.status, d.confidentiality, a.author == user.id, a.shared)
        .map_err(denied)?;
    Ok((a, d, m))
}

/// Recolour, comment, share or unshare one's own annotation.
async fn update(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<UpdateAnnotation>,
) -> AppResult<Json<Annotation>> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let (old, d, m) = own(&mut tx, &user, id).await?;
    let note = match &req.note {
        Some(text) => rules::note(old.kind, text)?.to_owned(),
        None => old.note.clone(),
    };
    let a = Annotation {
        color: req.color.unwrap_or(old.color),
        shared: req.shared.unwrap_or(old.shared),
        note,
        updated_at: Utc::now(),
        ..old.clone()
    };
    store::annotations::update(&mut tx, &a).await?;
    feed::annotation(&mut tx, &m, &d, &a, old.shared).await?;
    tx.commit(Audit::update("annotation", id, &req)).await?;
    Ok(Json(a))
}

/// Delete one's own annotation.
async fn delete(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<StatusCode> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let (a, d, m) = own(&mut tx, &user, id).await?;
    store::annotations::delete(&mut tx, id, Utc::now()).await?;
    feed::annotation_deleted(&mut tx, &m, &d, &a).await?;
    tx.commit(Audit { action: "delete", entity: "annotation", id: Some(id), detail: json!({ "document_id": d.id }) })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The current version with the caller's own annotations on it (those that could not be
/// carried onto it stay out), as real PDF annotations.
async fn export(State(state): State<AppState>, user: AuthUser, ApiPath(id): ApiPath<Uuid>) -> AppResult<Response> {
    let mut conn = state.db.acquire().await?;
    let (d, m, rel) = readable(&mut conn, id, &user).await?;
    rules::can_export(user.actor(), rel, m.status, d.confidentiality).map_err(|e| AppError::denied(e, "document"))?;
    let (name, username): (String, String) = sqlx::query_as("SELECT full_name, username FROM users WHERE id = ?")
        .bind(user.id)
        .fetch_one(&mut *conn)
        .await?;
    let author = if name.trim().is_empty() { username } else { name };
    let marks: Vec<Mark> = store::annotations::of_document(&mut conn, id, Some(user.id))
        .await?
        .iter()
        .filter(|a| a.author == user.id && a.anchor.sha256 == d.current.sha256)
        .filter_map(|a| Mark::of(a, &author))
        .collect();
    drop(conn);
    let bytes = state.pdf.annotate(&state.blobs.path(&d.current.sha256), &marks).await.map_err(pdf_error)?;
    Ok(super::attachment::pdf(bytes, "annotated.pdf", &d.current.filename))
}
