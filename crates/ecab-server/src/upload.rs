//! Receiving a document file: stream it into the blob store's temporary area, check it
//! is a PDF pdfium can open, and hand back what the handler records.

use axum::extract::Multipart;
use axum::extract::multipart::{Field, MultipartError};
use axum::http::StatusCode;
use ecab_pdf::{DocInfo, PdfError};
use ecab_protocol::ErrorCode;
use ecab_protocol::document::DocumentMeta;

use crate::blobs::{Incoming, ReceiveError};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// A received upload: the file (not yet in place) and, when it is new, what pdfium read.
pub struct Upload {
    pub meta: Option<DocumentMeta>,
    pub file: Incoming,
    pub filename: String,
    /// `None` when the same content is already stored (validated before).
    pub info: Option<DocInfo>,
}

fn multipart_error(e: MultipartError) -> AppError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::new(StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::PayloadTooLarge, "the upload is larger than allowed")
    } else {
        AppError::bad_request(format!("bad multipart body: {}", e.body_text()))
    }
}

fn receive_error(e: ReceiveError) -> AppError {
    match e {
        ReceiveError::TooLarge { limit } => AppError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::PayloadTooLarge,
            format!("the file is larger than the limit of {} MiB", limit / (1024 * 1024)),
        ),
        ReceiveError::Body(msg) if msg.contains("length limit") => AppError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::PayloadTooLarge,
            "the upload is larger than allowed",
        ),
        ReceiveError::Body(msg) => AppError::bad_request(format!("the upload was interrupted: {msg}")),
        ReceiveError::Io(e) => AppError::internal(e),
    }
}

pub fn pdf_error(e: PdfError) -> AppError {
    let unprocessable = |code, msg: &str| AppError::new(StatusCode::UNPROCESSABLE_ENTITY, code, msg);
    match e {
        PdfError::NotPdf => unprocessable(ErrorCode::NotPdf, "the file is not a PDF"),
        PdfError::Encrypted => {
            unprocessable(ErrorCode::PdfEncrypted, "the PDF is protected by a password: upload it without one")
        }
        PdfError::Corrupt(why) => {
            unprocessable(ErrorCode::PdfCorrupt, &format!("the PDF is damaged or incomplete ({why})"))
        }
        PdfError::WorkerCrashed | PdfError::Timeout => {
            unprocessable(ErrorCode::PdfRejected, "the PDF could not be processed safely and was refused")
        }
        other => {
            tracing::error!(error = %other, "pdf service failure");
            AppError::new(StatusCode::SERVICE_UNAVAILABLE, ErrorCode::Unavailable, "the PDF service is unavailable")
        }
    }
}

/// The last path component, without control characters, at most 200 characters.
pub fn clean_filename(name: Option<&str>) -> String {
    let base = name.unwrap_or("").rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    if clean.trim().is_empty() { "document.pdf".to_owned() } else { clean.trim().to_owned() }
}

async fn read_meta(field: Field<'_>) -> AppResult<DocumentMeta> {
    let text = field.text().await.map_err(multipart_error)?;
    serde_json::from_str(&text).map_err(|e| {
        AppError::new(StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::Validation, format!("bad `meta` part: {e}"))
    })
}

/// Read `meta` (JSON, optional) and `file` parts, in either order.
pub async fn receive(state: &AppState, mut form: Multipart) -> AppResult<Upload> {
    let mut meta = None;
    let mut file = None;
    while let Some(field) = form.next_field().await.map_err(multipart_error)? {
        match field.name() {
            Some("meta") => meta = Some(read_meta(field).await?),
            Some("file") if file.is_none() => {
                let filename = clean_filename(field.file_name());
                let incoming =
                    state.blobs.receive(field, state.config.max_upload_bytes()).await.map_err(receive_error)?;
                file = Some((incoming, filename));
            }
            other => {
                return Err(AppError::bad_request(format!(
                    "unexpected part {:?}: send `meta` and one `file`",
                    other.unwrap_or("")
                )));
            }
        }
    }
    let (file, filename) = file.ok_or_else(|| AppError::invalid("file", "the `file` part is missing"))?;
    if file.size == 0 {
        return Err(AppError::new(StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::NotPdf, "the file is empty"));
    }
    if !file.head.windows(5).any(|w| w == b"%PDF-") {
        return Err(pdf_error(PdfError::NotPdf));
    }
    let known: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM blobs WHERE sha256 = ?").bind(&file.sha256).fetch_optional(&state.db).await?;
    let info = if known.is_some() && state.blobs.exists(&file.sha256).await {
        None
    } else {
        Some(state.pdf.inspect(&file.path).await.map_err(pdf_error)?)
    };
    Ok(Upload { meta, file, filename, info })
}

#[cfg(test)]
mod tests {
    use super::clean_filename;

    #[test]
    fn filenames_lose_their_folders() {
        assert_eq!(clean_filename(Some("../../etc/passwd")), "passwd");
        assert_eq!(clean_filename(Some("C:\\Users\\a\\Tờ trình.pdf")), "Tờ trình.pdf");
        assert_eq!(clean_filename(None), "document.pdf");
    }
}
