//! Writes whose answer the user waits for (the secretary's and the reviewers' screens): sent
//! to the server at once, not queued, with the caller's key as `Idempotency-Key` so that a
//! retry of the same write (same key) after a network error is answered from the server's
//! record instead of being applied again. Unreachable server: `ClientError::Offline`
//! (code `unavailable`), nothing is kept, and the ui keeps what was typed.
//!
//! After the server accepted a write the feed is pulled, so the local store shows it when
//! the call returns; blobs follow in the background.

use std::time::Duration;

use ecab_protocol::IDEMPOTENCY_KEY;
use ecab_protocol::Transition;
use ecab_protocol::meeting::{
    AgendaItem, CreateAgendaItem, CreateMeeting, Invitees, Meeting, MeetingDetail, ReorderAgenda, SetInvitees,
    UpdateAgendaItem, UpdateMeeting,
};
use reqwest::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use uuid::Uuid;

use crate::engine::Engine;
use crate::http::transport;
use crate::{ClientError, Result};

/// A write that did not reach the server is sent once more, with the same key, after this.
const RETRY_PAUSE: Duration = Duration::from_millis(1_000);

impl Engine {
    /// Send one write now: `method` on `path` (e.g. `/api/v1/meetings`) with a JSON `body`,
    /// `key` as its `Idempotency-Key`. Returns the server's answer (`Null` when empty).
    pub async fn write(&self, key: Uuid, method: Method, path: &str, body: Option<&Value>) -> Result<Value> {
        let token = self.token()?;
        let api = &self.inner.api;
        let mut retried = false;
        let text = loop {
            let mut req = api.request(method.clone(), path, Some(&token)).header(IDEMPOTENCY_KEY, key.to_string());
            if let Some(b) = body {
                req = req.json(b);
            }
            let sent = match api.send(req).await {
                Ok(res) => res.text().await.map_err(transport),
                Err(e) => Err(e),
            };
            match sent {
                Err(e) if e.is_offline() && !retried => {
                    tracing::info!(error = %e, "a write did not reach the server; trying once more");
                    retried = true;
                    tokio::time::sleep(RETRY_PAUSE).await;
                }
                other => break other?,
            }
        };
        let answer = if text.trim().is_empty() { Value::Null } else { serde_json::from_str(&text)? };
        self.written().await;
        Ok(answer)
    }

    /// [`Engine::write`] with typed body and answer.
    pub async fn write_as<B: Serialize, T: DeserializeOwned>(
        &self,
        key: Uuid,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<T> {
        let body = body.map(serde_json::to_value).transpose()?;
        let answer = self.write(key, method, path, body.as_ref()).await?;
        serde_json::from_value(answer).map_err(|e| ClientError::Protocol(format!("unexpected answer to {path}: {e}")))
    }

    /// The server has done a write: bring the local store up to date with the feed now, and
    /// the blob cache in the background. A failure here does not undo the write; the
    /// background sync catches up.
    pub(crate) async fn written(&self) {
        if let Err(e) = self.pull_feed().await {
            tracing::info!(error = %e, "pulling after a write failed");
            return;
        }
        let engine = self.clone();
        tokio::spawn(async move {
            if let Err(e) = engine.run_cycle().await {
                tracing::info!(error = %e, "downloads after a write failed");
            }
        });
    }

    pub async fn create_meeting(&self, key: Uuid, req: &CreateMeeting) -> Result<MeetingDetail> {
        self.write_as(key, Method::POST, "/api/v1/meetings", Some(req)).await
    }

    pub async fn update_meeting(&self, key: Uuid, id: Uuid, req: &UpdateMeeting) -> Result<Meeting> {
        self.write_as(key, Method::PATCH, &format!("/api/v1/meetings/{id}"), Some(req)).await
    }

    pub async fn add_agenda_item(&self, key: Uuid, meeting: Uuid, req: &CreateAgendaItem) -> Result<AgendaItem> {
        self.write_as(key, Method::POST, &format!("/api/v1/meetings/{meeting}/agenda"), Some(req)).await
    }

    pub async fn update_agenda_item(&self, key: Uuid, item: Uuid, req: &UpdateAgendaItem) -> Result<AgendaItem> {
        self.write_as(key, Method::PATCH, &format!("/api/v1/agenda/{item}"), Some(req)).await
    }

    pub async fn reorder_agenda(&self, key: Uuid, meeting: Uuid, req: &ReorderAgenda) -> Result<Vec<AgendaItem>> {
        self.write_as(key, Method::PUT, &format!("/api/v1/meetings/{meeting}/agenda/order"), Some(req)).await
    }

    pub async fn remove_agenda_item(&self, key: Uuid, item: Uuid) -> Result<()> {
        self.write(key, Method::DELETE, &format!("/api/v1/agenda/{item}"), None).await.map(|_| ())
    }

    pub async fn set_invitees(&self, key: Uuid, meeting: Uuid, req: &SetInvitees) -> Result<Invitees> {
        self.write_as(key, Method::PUT, &format!("/api/v1/meetings/{meeting}/invitees"), Some(req)).await
    }

    /// Send for review, approve, return with a reason, publish…
    pub async fn transition(&self, key: Uuid, meeting: Uuid, t: &Transition) -> Result<Meeting> {
        self.write_as(key, Method::POST, &format!("/api/v1/meetings/{meeting}/transition"), Some(t)).await
    }
}
