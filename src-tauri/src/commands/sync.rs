//! The sync status (also pushed as the `sync-status` event) and a pull on demand.

use ecab_protocol::client::SyncStatus;
use tauri::State;

use crate::Desktop;
use crate::error::CmdResult;

#[tauri::command]
pub async fn sync_status(desktop: State<'_, Desktop>) -> CmdResult<SyncStatus> {
    Ok(desktop.engine.status())
}

#[tauri::command]
pub async fn sync_now(desktop: State<'_, Desktop>) -> CmdResult<SyncStatus> {
    Ok(desktop.engine.sync_once().await?)
}
