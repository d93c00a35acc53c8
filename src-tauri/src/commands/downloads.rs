//! Files the user asked for, saved in their downloads folder: an export with annotations,
//! a report made by the server (a poll's result, the chair's briefing).

use std::path::{Path, PathBuf};

use ecab_client::ClientError;
use tauri::{Manager, Runtime, State};
use uuid::Uuid;

use crate::Desktop;

/// Save `bytes` as `filename` in the user's downloads folder (where none is configured, no
/// XDG user dirs, ~/Downloads); answers the file's path.
pub fn keep<R: Runtime>(
    app: &tauri::AppHandle<R>,
    filename: &str,
    bytes: &[u8],
) -> Result<String, ecab_protocol::ApiError> {
    let failed = |e: std::io::Error| ClientError::Io(e).to_api_error();
    let dir = app
        .path()
        .download_dir()
        .or_else(|_| app.path().home_dir().map(|home| home.join("Downloads")))
        .map_err(|e| failed(std::io::Error::other(e)))?;
    let path = save(&dir, filename, bytes).map_err(failed)?;
    Ok(path.display().to_string())
}

/// Fetch a report of the server (`ecab_protocol::ops::report` names which) for `id` in
/// `lang` and save it in the downloads folder; answers the file's path.
#[tauri::command]
pub async fn report<R: Runtime>(
    app: tauri::AppHandle<R>,
    desktop: State<'_, Desktop>,
    operation: String,
    id: Uuid,
    lang: ecab_core::Lang,
    filename: String,
) -> Result<String, ecab_protocol::ApiError> {
    let bytes = desktop.engine.report_pdf(&operation, id, lang).await.map_err(|e| e.to_api_error())?;
    keep(&app, &filename, &bytes)
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
