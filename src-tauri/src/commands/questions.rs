//! Questions of a meeting from the local store, with the user's writes not yet delivered
//! (works offline).

use ecab_protocol::question::QuestionEntry;
use tauri::State;
use uuid::Uuid;

use crate::Desktop;
use crate::error::CmdResult;

#[tauri::command]
pub async fn questions(desktop: State<'_, Desktop>, meeting: Uuid) -> CmdResult<Vec<QuestionEntry>> {
    Ok(desktop.engine.questions(meeting).await?)
}
