//! Annotations from the local store with the user's writes not yet delivered, the page's
//! text layer read here, and the export of a document with the user's annotations into the
//! downloads folder. All of it works offline.

use ecab_client::ClientError;
use ecab_pdf::Mark;
use ecab_protocol::annotation::AnnotationEntry;
use ecab_protocol::document::PageText;
use tauri::{Runtime, State};
use uuid::Uuid;

use crate::Desktop;
use crate::error::CmdResult;

#[tauri::command]
pub async fn annotations(desktop: State<'_, Desktop>, document: Uuid) -> CmdResult<Vec<AnnotationEntry>> {
    Ok(desktop.engine.annotations(document).await?)
}

#[tauri::command]
pub async fn page_text(
    desktop: State<'_, Desktop>,
    document: Uuid,
    page: u32,
) -> Result<PageText, ecab_protocol::ApiError> {
    desktop.pages.text(&desktop.engine, document, page).await
}

/// Save the document with the user's own annotations (those on its current version) in the
/// downloads folder; answers the file's path.
#[tauri::command]
pub async fn export_annotated<R: Runtime>(
    app: tauri::AppHandle<R>,
    desktop: State<'_, Desktop>,
    document: Uuid,
    filename: String,
) -> Result<String, ecab_protocol::ApiError> {
    let failed = |e: ClientError| e.to_api_error();
    let engine = &desktop.engine;
    let doc = engine.document(document).await.map_err(failed)?;
    if !ecab_core::annotations::exportable(doc.confidentiality) {
        return Err(ecab_protocol::ApiError {
            code: ecab_protocol::ErrorCode::Forbidden,
            message: "a confidential document is not exported".into(),
            field: None,
            retry_after: None,
        });
    }
    let me = engine.me().await.map_err(failed)?;
    let marks: Vec<Mark> = engine
        .annotations(document)
        .await
        .map_err(failed)?
        .iter()
        .filter(|e| e.annotation.author == me.id && e.annotation.anchor.sha256 == doc.current.sha256)
        .filter_map(|e| Mark::of(&e.annotation, &me.full_name))
        .collect();
    let bytes = desktop.pages.annotated(engine, &doc, &marks).await?;
    super::downloads::keep(&app, &filename, &bytes)
}
