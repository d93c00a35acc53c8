//! Meetings from the local store (work offline).

use ecab_protocol::meeting::{Meeting, MeetingDetail};
use tauri::State;
use uuid::Uuid;

use crate::Desktop;
use crate::error::CmdResult;

#[tauri::command]
pub async fn meetings(desktop: State<'_, Desktop>) -> CmdResult<Vec<Meeting>> {
    Ok(desktop.engine.meetings().await?)
}

#[tauri::command]
pub async fn meeting(desktop: State<'_, Desktop>, id: Uuid) -> CmdResult<MeetingDetail> {
    Ok(desktop.engine.meeting(id).await?)
}

#[tauri::command]
pub async fn mark_seen(desktop: State<'_, Desktop>, id: Uuid) -> CmdResult<()> {
    Ok(desktop.engine.mark_seen(id).await?)
}
