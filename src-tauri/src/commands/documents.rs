//! Documents from the local store. Page images are not a command: the `ecab://` protocol
//! serves them (see `pages.rs`).

use ecab_protocol::ApiError;
use ecab_protocol::document::{Document, DocumentText};
use tauri::State;
use uuid::Uuid;

use crate::Desktop;
use crate::error::CmdResult;

#[tauri::command]
pub async fn document(desktop: State<'_, Desktop>, id: Uuid) -> CmdResult<Document> {
    Ok(desktop.engine.document(id).await?)
}

#[tauri::command]
pub async fn document_text(desktop: State<'_, Desktop>, id: Uuid) -> CmdResult<DocumentText> {
    Ok(desktop.engine.document_text(id).await?)
}

/// Why the page image at this address failed to load (`None` once it has loaded).
#[tauri::command]
pub fn page_problem(desktop: State<'_, Desktop>, document: Uuid, page: u32, width: u32) -> Option<ApiError> {
    desktop.pages.last_failure(&crate::pages::PageRequest { document, page, width })
}
