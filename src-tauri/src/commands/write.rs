//! Every write of the secretary's and reviewers' screens, through one command: the ui names
//! an operation of `ecab_protocol::ops`, its path parameters and body; the engine sends it to
//! the server at once with the ui's key as `Idempotency-Key` (a retry with the same key is
//! not applied twice). Only the keyed writes of the list pass (`ops::keyed_write`);
//! anything else is refused with `bad_request` before a request is made. Offline, writes
//! fail with `unavailable` and the ui keeps what was typed. On success the local store
//! already shows the change.

use serde_json::Value;
use tauri::State;
use uuid::Uuid;

use crate::Desktop;
use crate::error::CmdResult;

#[tauri::command]
pub async fn send(
    desktop: State<'_, Desktop>,
    key: Uuid,
    op: String,
    params: Vec<String>,
    body: Value,
) -> CmdResult<Value> {
    Ok(desktop.engine.send_named(key, &op, &params, body).await?)
}

/// Queue a keyed write in the outbox (a delegate's question, written offline too): it is
/// kept on this device until the server acknowledges it, with its id as `Idempotency-Key`,
/// and delivery starts at once when the server can be reached. Returns the write's id.
#[tauri::command]
pub async fn queue(desktop: State<'_, Desktop>, op: String, params: Vec<String>, body: Value) -> CmdResult<Uuid> {
    let id = desktop.engine.enqueue_named(&op, &params, body).await?;
    let engine = desktop.engine.clone();
    tauri::async_runtime::spawn(async move {
        if let Err(e) = engine.sync_once().await {
            tracing::info!(error = %e, "a queued write waits for the next sync");
        }
    });
    Ok(id)
}

/// Drop a queued write the server refused (the ui has kept or shown its text).
#[tauri::command]
pub async fn discard(desktop: State<'_, Desktop>, id: Uuid) -> CmdResult<()> {
    Ok(desktop.engine.discard_write(id).await?)
}
