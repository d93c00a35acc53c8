//! Writes whose answer the user waits for (the secretary's and the reviewers' screens): sent
//! to the server at once, not queued, with the caller's key as `Idempotency-Key` so that a
//! retry of the same write (same key) after a network error is answered from the server's
//! record instead of being applied again. Unreachable server: `ClientError::Offline`
//! (code `unavailable`), nothing is kept, and the ui keeps what was typed.
//!
//! Any operation of `ecab_protocol::ops` that [`ops::keyed_write`] accepts goes through here:
//! typed with [`Engine::send`], or by name with [`Engine::send_named`] (the desktop's bridge).
//!
//! After the server accepted a write the feed is pulled, so the local store shows it when
//! the call returns; blobs follow in the background.

use std::time::Duration;

use ecab_protocol::IDEMPOTENCY_KEY;
use ecab_protocol::ops::{self, Input, OpInfo, Operation, PathParams, Req, Res};
use reqwest::Method;
use serde_json::Value;
use uuid::Uuid;

use crate::engine::Engine;
use crate::http::transport;
use crate::{ClientError, Result};

/// A write that did not reach the server is sent once more, with the same key, after this.
const RETRY_PAUSE: Duration = Duration::from_millis(1_000);

/// reqwest's method for an operation's.
pub(crate) fn method(m: ops::Method) -> Method {
    match m {
        ops::Method::Get => Method::GET,
        ops::Method::Post => Method::POST,
        ops::Method::Put => Method::PUT,
        ops::Method::Patch => Method::PATCH,
        ops::Method::Delete => Method::DELETE,
    }
}

/// The keyed write named `name` with these path segments, or why not.
pub(crate) fn keyed(name: &str, segments: &[String]) -> Result<(&'static OpInfo, String)> {
    let op =
        ops::keyed_write(name).ok_or_else(|| ClientError::Refused(format!("{name} is not a write a client sends")))?;
    let path = op.fill(segments).ok_or_else(|| ClientError::Refused(format!("bad path parameters for {name}")))?;
    Ok((op, path))
}

impl Engine {
    /// Send the write `O` now, with `key` as its `Idempotency-Key`.
    pub async fn send<O: Operation>(&self, key: Uuid, params: &O::Params, req: &Req<O>) -> Result<Res<O>> {
        let body = serde_json::to_value(req)?;
        let answer = self.send_named(key, O::INFO.name, &params.segments(), body).await?;
        serde_json::from_value(answer)
            .map_err(|e| ClientError::Protocol(format!("unexpected answer to {}: {e}", O::INFO.name)))
    }

    /// Send the keyed write named `name` now: its path filled with `segments`, `body` as
    /// its JSON (ignored by operations without one). Returns the server's answer (`Null`
    /// when empty). Anything but a keyed write of the list is refused before any request.
    pub async fn send_named(&self, key: Uuid, name: &str, segments: &[String], body: Value) -> Result<Value> {
        let (op, path) = keyed(name, segments)?;
        let body = (op.input == Input::Json).then_some(body);
        let token = self.token()?;
        let api = &self.inner.api;
        let mut retried = false;
        let text = loop {
            let mut req = api.request(method(op.method), &path, Some(&token)).header(IDEMPOTENCY_KEY, key.to_string());
            if let Some(b) = &body {
                req = req.json(b);
            }
            let sent = match api.send(req).await {
                Ok(res) => res.text().await.map_err(transport),
                Err(e) => Err(e),
            };
            match sent {
                Err(e) if e.is_offline() && !retried => {
                    tracing::info!(error = %e, operation = name, "a write did not reach the server; trying once more");
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
}
