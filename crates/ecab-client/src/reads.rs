//! What the ui reads, answered from the local store (works offline).

use ecab_protocol::document::{Document, DocumentText};
use ecab_protocol::meeting::{AgendaItem, Invitees, Meeting, MeetingDetail};
use ecab_protocol::sync::{Change, Entity};
use reqwest::Method;
use uuid::Uuid;

use crate::attendance::{overlay_replies, overlay_speakers};
use crate::blobs;
use crate::engine::Engine;
use crate::polls::overlay_answers;
use crate::{ClientError, Result, store};

impl Engine {
    /// Every meeting in the local store, soonest first.
    pub async fn meetings(&self) -> Result<Vec<Meeting>> {
        let mut all: Vec<Meeting> = store::entities(&self.inner.db, Entity::Meeting, None).await?;
        all.sort_by(|a, b| a.starts_at.cmp(&b.starts_at).then(a.id.cmp(&b.id)));
        Ok(all)
    }

    /// A meeting with its agenda (in order), documents and invitees, from the local store.
    pub async fn meeting(&self, id: Uuid) -> Result<MeetingDetail> {
        let db = &self.inner.db;
        let meeting: Meeting = store::entity(db, Entity::Meeting, id)
            .await?
            .ok_or_else(|| ClientError::NotFound(format!("meeting {id}")))?;
        let mut agenda: Vec<AgendaItem> = store::entities(db, Entity::AgendaItem, Some(id)).await?;
        agenda.sort_by_key(|i| (i.position, i.id));
        let mut documents: Vec<Document> = store::entities(db, Entity::Document, Some(id)).await?;
        documents.sort_by(|a, b| a.agenda_item_id.cmp(&b.agenda_item_id).then(a.title.cmp(&b.title)));
        let invitees = store::entity(db, Entity::Invitees, id)
            .await?
            .unwrap_or(Invitees { delegate_ids: Vec::new(), bridge_point_ids: Vec::new() });
        let outbox = self.outbox().await?;
        let replies = overlay_replies(store::entities(db, Entity::Reply, Some(id)).await?, &outbox, id);
        let me = self.me_id().await?;
        let speakers = overlay_speakers(store::entities(db, Entity::Speaker, Some(id)).await?, &outbox, id, me);
        let reads = store::entities(db, Entity::Read, Some(id)).await?;
        let polls = overlay_answers(store::entities(db, Entity::Poll, Some(id)).await?, &outbox, id, me);
        Ok(MeetingDetail { meeting, agenda, documents, invitees, replies, speakers, reads, polls })
    }

    pub async fn document(&self, id: Uuid) -> Result<Document> {
        store::entity(&self.inner.db, Entity::Document, id)
            .await?
            .ok_or_else(|| ClientError::NotFound(format!("document {id}")))
    }

    /// The text of each page of a document's current version: from the server when it
    /// can be reached (then kept), else the copy kept earlier.
    pub async fn document_text(&self, id: Uuid) -> Result<DocumentText> {
        let doc = self.document(id).await?;
        let db = &self.inner.db;
        let cached = store::document_text(db, id).await?.filter(|(sha, _)| *sha == doc.current.sha256);
        if let Some((_, data)) = &cached {
            return Ok(serde_json::from_str(data)?);
        }
        let token = self.token()?;
        let api = &self.inner.api;
        let text: DocumentText =
            api.json(api.request(Method::GET, &format!("/api/v1/documents/{id}/text"), Some(&token))).await?;
        store::put_document_text(db, id, &text.sha256, &serde_json::to_string(&text)?).await?;
        Ok(text)
    }

    /// The content of a cached blob, decrypted if it is stored encrypted, and checked
    /// against its SHA-256. Content that does not match is deleted (the next sync fetches
    /// it again) and refused with `ClientError::Integrity`.
    pub async fn read_blob(&self, sha256: &str) -> Result<Vec<u8>> {
        let i = &self.inner;
        let row = match store::blob(&i.db, sha256).await? {
            Some(r) if blobs::valid_name(sha256) => r,
            _ => return Err(ClientError::NotFound(format!("content {sha256}"))),
        };
        let opened = match blobs::open(&i.files.at(&row.path), row.encrypted, &i.key, sha256).await {
            Ok(o) => o,
            Err(ClientError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(e),
        };
        match opened {
            Some(bytes) => Ok(bytes),
            None => {
                tracing::warn!(%sha256, "cached content does not match its SHA-256; discarded");
                i.files.remove(sha256).await?;
                store::delete_blob(&i.db, sha256).await?;
                self.core().refuse(sha256);
                self.publish();
                // Heal at once rather than at the next scheduled sync: the inventory now finds
                // the content missing and downloads it again (a reader waiting for it is woken).
                let engine = self.clone();
                tokio::spawn(async move {
                    if let Err(e) = engine.sync_once().await {
                        tracing::info!(error = %e, "fetching discarded content again must wait for the next sync");
                    }
                });
                Err(ClientError::Integrity { sha256: sha256.to_owned() })
            }
        }
    }

    /// The content of a document's current version (see [`Engine::read_blob`]).
    pub async fn document_content(&self, id: Uuid) -> Result<Vec<u8>> {
        let doc = self.document(id).await?;
        self.read_blob(&doc.current.sha256).await
    }

    /// Remember that the user looked at this meeting now.
    pub async fn mark_seen(&self, meeting: Uuid) -> Result<()> {
        let seq = self.core().cursor();
        store::mark_seen(&self.inner.db, meeting, Self::now(), seq).await
    }

    /// What changed in a meeting since the user last looked at it (everything received,
    /// if never), oldest first. Upserts carry the new state in `data`.
    pub async fn changes_since_seen(&self, meeting: Uuid) -> Result<Vec<Change>> {
        let after = store::seen(&self.inner.db, meeting).await?.map(|(_, seq)| seq).unwrap_or(0);
        store::changes_after(&self.inner.db, meeting, after).await
    }
}

/// At most this many notifications are kept for the ui, newest first.
pub const NOTIFICATIONS_SHOWN: usize = 50;

impl Engine {
    /// What the user has been told of, from the local store (works offline), newest first;
    /// not what they did themselves.
    pub async fn notifications(&self) -> Result<Vec<ecab_protocol::notification::Notification>> {
        let me = self.me_id().await?;
        let mut all: Vec<ecab_protocol::notification::Notification> =
            store::entities(&self.inner.db, Entity::Notification, None).await?;
        all.retain(|n| ecab_core::notifications::tells(n.by.as_ref(), &me));
        all.sort_by(|a, b| b.at.cmp(&a.at).then(b.id.cmp(&a.id)));
        all.truncate(NOTIFICATIONS_SHOWN);
        Ok(all)
    }
}
