//! A document's annotations as this device knows them: what the feed delivered with the
//! user's writes still in the outbox laid over it, so an annotation made offline shows at
//! once (pending), a change shows before the server has it, and one the server refused
//! keeps what was drawn and written (refused). [`overlay`] is pure.

use chrono::{DateTime, Utc};
use ecab_protocol::annotation::{Annotation, AnnotationEntry, CreateAnnotation, UpdateAnnotation};
use ecab_protocol::document::Document;
use ecab_protocol::ops::{self, Operation};
use ecab_protocol::sync::Entity;
use uuid::Uuid;

use crate::engine::{Engine, OutboxItem, OutboxState};
use crate::{ClientError, Result, store};

/// The annotations of `document` (of `meeting`) delivered by the feed, with the queued
/// writes (oldest first) applied. `me` makes the new ones.
pub fn overlay(
    stored: Vec<Annotation>,
    outbox: &[OutboxItem],
    meeting: Uuid,
    document: Uuid,
    me: Uuid,
) -> Vec<AnnotationEntry> {
    let mut entries: Vec<AnnotationEntry> = stored
        .into_iter()
        .filter(|a| a.document_id == document)
        .map(|annotation| AnnotationEntry { annotation, pending: false, refused: None, write_id: None })
        .collect();
    for item in outbox {
        let op = item.operation.as_str();
        if op == ops::CreateAnnotation::INFO.name && item.params.first() == Some(&document.to_string()) {
            let Some(req) = item.body.clone().and_then(|b| serde_json::from_value::<CreateAnnotation>(b).ok()) else {
                continue;
            };
            if entries.iter().any(|e| e.annotation.id == req.id) {
                continue; // delivered already; the outbox row is about to go
            }
            let mut e = AnnotationEntry {
                annotation: made(req, meeting, document, me, item.created_at),
                pending: true,
                refused: None,
                write_id: None,
            };
            mark(&mut e, item);
            entries.push(e);
        } else if op == ops::UpdateAnnotation::INFO.name {
            let Some(req) = item.body.clone().and_then(|b| serde_json::from_value::<UpdateAnnotation>(b).ok()) else {
                continue;
            };
            if let Some(e) = entry_of(&mut entries, item) {
                let a = &mut e.annotation;
                a.color = req.color.unwrap_or(a.color);
                a.shared = req.shared.unwrap_or(a.shared);
                if let Some(note) = req.note {
                    a.note = note.trim().to_owned();
                }
                a.updated_at = item.created_at;
                mark(e, item);
            }
        } else if op == ops::DeleteAnnotation::INFO.name {
            match item.state {
                // Gone at once; a refusal brings it back, marked.
                OutboxState::Pending => entries.retain(|e| item.params.first() != Some(&e.annotation.id.to_string())),
                OutboxState::Failed => {
                    if let Some(e) = entry_of(&mut entries, item) {
                        mark(e, item);
                    }
                }
            }
        }
    }
    entries.sort_by_key(|e| (e.annotation.anchor.page, e.annotation.created_at, e.annotation.id));
    entries
}

fn entry_of<'a>(entries: &'a mut [AnnotationEntry], item: &OutboxItem) -> Option<&'a mut AnnotationEntry> {
    let id = item.params.first()?;
    entries.iter_mut().find(|e| e.annotation.id.to_string() == *id)
}

fn mark(e: &mut AnnotationEntry, item: &OutboxItem) {
    e.pending = true;
    e.write_id = Some(item.id);
    e.refused = match item.state {
        OutboxState::Failed => item.last_error.clone(),
        OutboxState::Pending => None,
    };
}

/// An annotation as its author made it, before the server has it.
fn made(req: CreateAnnotation, meeting: Uuid, document: Uuid, me: Uuid, at: DateTime<Utc>) -> Annotation {
    Annotation {
        id: req.id,
        meeting_id: meeting,
        document_id: document,
        author: me,
        kind: req.kind,
        color: req.color,
        note: req.note.trim().to_owned(),
        shared: req.shared,
        anchor: req.anchor,
        made_on: None,
        created_at: at,
        updated_at: at,
    }
}

impl Engine {
    /// The annotations of a document this user may see (their own and the shared ones),
    /// with their writes not yet delivered; works offline.
    pub async fn annotations(&self, document: Uuid) -> Result<Vec<AnnotationEntry>> {
        let db = &self.inner.db;
        let doc: Document = store::entity(db, Entity::Document, document)
            .await?
            .ok_or_else(|| ClientError::NotFound(format!("document {document}")))?;
        let stored: Vec<Annotation> = store::entities(db, Entity::Annotation, Some(doc.meeting_id)).await?;
        let me = self.me_id().await?;
        Ok(overlay(stored, &self.outbox().await?, doc.meeting_id, document, me))
    }
}

#[cfg(test)]
mod tests {
    use ecab_protocol::annotation::{Anchor, Point, Quote};
    use ecab_protocol::{AnnotationColor, AnnotationKind, ApiError, ErrorCode};
    use serde_json::json;

    use super::*;

    fn item(op: &str, param: Uuid, body: Option<serde_json::Value>, state: OutboxState) -> OutboxItem {
        OutboxItem {
            id: Uuid::now_v7(),
            operation: op.into(),
            params: vec![param.to_string()],
            body,
            state,
            attempts: 0,
            next_attempt_at: Utc::now(),
            last_error: (state == OutboxState::Failed).then(|| ApiError {
                code: ErrorCode::Forbidden,
                message: "no".into(),
                field: None,
                retry_after: None,
            }),
            created_at: Utc::now(),
        }
    }

    fn note(id: Uuid) -> CreateAnnotation {
        CreateAnnotation {
            id,
            kind: AnnotationKind::Note,
            color: AnnotationColor::Yellow,
            note: " Xem lại ".into(),
            shared: false,
            anchor: Anchor {
                sha256: "a".repeat(64),
                page: 2,
                rects: vec![],
                strokes: vec![],
                point: Some(Point { x: 0.5, y: 0.5 }),
                quote: Quote::default(),
                quote_box: None,
            },
        }
    }

    #[test]
    fn made_offline_changed_and_deleted_before_delivery() {
        let (meeting, doc, me, id) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let create =
            item("create_annotation", doc, Some(serde_json::to_value(note(id)).unwrap()), OutboxState::Pending);
        let recolour = item("update_annotation", id, Some(json!({ "color": "green" })), OutboxState::Pending);
        let shown = overlay(vec![], &[create.clone(), recolour.clone()], meeting, doc, me);
        assert_eq!(shown.len(), 1);
        let a = &shown[0].annotation;
        assert!(shown[0].pending);
        assert_eq!((a.author, a.note.as_str(), a.color), (me, "Xem lại", AnnotationColor::Green));

        let delete = item("delete_annotation", id, None, OutboxState::Pending);
        assert!(overlay(vec![], &[create.clone(), recolour, delete], meeting, doc, me).is_empty());

        let other_doc = overlay(vec![], std::slice::from_ref(&create), meeting, Uuid::now_v7(), me);
        assert!(other_doc.is_empty(), "an annotation of another document");

        // Delivered: the stored one stands, the queued creation does not add a second.
        let delivered = made(note(id), meeting, doc, me, Utc::now());
        let once = overlay(vec![delivered.clone()], &[create], meeting, doc, me);
        assert_eq!(once.len(), 1);
        assert!(!once[0].pending);

        // A refused deletion brings it back, marked.
        let refused = item("delete_annotation", id, None, OutboxState::Failed);
        let back = overlay(vec![delivered], &[refused], meeting, doc, me);
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].refused.as_ref().map(|e| e.code), Some(ErrorCode::Forbidden));
    }
}
