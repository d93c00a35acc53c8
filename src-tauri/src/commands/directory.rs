//! Users, units and bridge points: from the server, or the copy kept for offline.

use ecab_protocol::directory::Directory;
use tauri::State;

use crate::Desktop;
use crate::error::CmdResult;

#[tauri::command]
pub async fn directory(desktop: State<'_, Desktop>) -> CmdResult<Directory> {
    Ok(desktop.engine.directory().await?)
}
