//! Annotations from the local store with the user's writes not yet delivered, the page's
//! text layer read here, and the export of a document with the user's annotations into the
//! downloads folder. All of it works offline.

use std::path::{Path, PathBuf};

use ecab_client::ClientError;
use ecab_pdf::Mark;
use ecab_protocol::annotation::AnnotationEntry;
use ecab_protocol::document::PageText;
use tauri::{Manager, Runtime, State};
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
    // The user's downloads folder; where none is configured (no XDG user dirs), ~/Downloads.
    let dir = app
        .path()
        .download_dir()
        .or_else(|_| app.path().home_dir().map(|home| home.join("Downloads")))
        .map_err(|e| failed(ClientError::Io(std::io::Error::other(e))))?;
    let path = save(&dir, &filename, &bytes).map_err(|e| failed(ClientError::Io(e)))?;
    Ok(path.display().to_string())
}

/// Write `bytes` as `name` in `dir` without replacing a file there ("name (2).pdf"…),
/// through a temporary file so a half-written export never carries the name.
fn save(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let clean: String = name.chars().filter(|c| !c.is_control() && !matches!(c, '/' | '\\')).collect();
    let clean = clean.trim().trim_start_matches('.');
    let (stem, ext) = clean.rsplit_once('.').unwrap_or((clean, "pdf"));
    let stem = if stem.is_empty() { "document" } else { stem };
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".{}.part", Uuid::new_v4()));
    std::fs::write(&tmp, bytes)?;
    for n in 1..1000 {
        let candidate =
            if n == 1 { dir.join(format!("{stem}.{ext}")) } else { dir.join(format!("{stem} ({n}).{ext}")) };
        // A hard link fails when the name is taken: no race with another export.
        match std::fs::hard_link(&tmp, &candidate) {
            Ok(()) => {
                std::fs::remove_file(&tmp)?;
                return Ok(candidate);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                return Err(e);
            }
        }
    }
    let _ = std::fs::remove_file(&tmp);
    Err(std::io::Error::other("too many files of that name"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn exports_never_replace_a_file_and_keep_to_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let a = super::save(dir.path(), "Báo cáo - ghi chu.pdf", b"one").unwrap();
        let b = super::save(dir.path(), "Báo cáo - ghi chu.pdf", b"two").unwrap();
        assert_eq!(a.file_name().unwrap(), "Báo cáo - ghi chu.pdf");
        assert_eq!(b.file_name().unwrap(), "Báo cáo - ghi chu (2).pdf");
        assert_eq!(std::fs::read(&a).unwrap(), b"one");
        let c = super::save(dir.path(), "../../etc/x.pdf", b"three").unwrap();
        assert_eq!(c.parent().unwrap(), dir.path());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3, "no temporary file left");
    }
}
