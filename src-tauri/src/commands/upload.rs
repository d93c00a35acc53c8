//! Uploading a document. The file's bytes are the raw IPC request body (not a JSON array of
//! numbers); the `ecab-upload` header says what they are (an `UploadRequest` as ASCII JSON);
//! the bytes sent to the server are reported on the channel named by `ecab-progress`.

use ecab_client::{ClientError, UploadSource};
use ecab_protocol::client::{UploadProgress, UploadRequest};
use ecab_protocol::document::Document;
use std::str::FromStr;
use tauri::http::HeaderMap;
use tauri::ipc::{Channel, InvokeBody, JavaScriptChannelId, Request};
use tauri::{Runtime, State, Webview};

use crate::Desktop;
use crate::error::CmdResult;

/// The header carrying the [`UploadRequest`].
pub const UPLOAD_HEADER: &str = "ecab-upload";
/// The header naming the channel that receives [`UploadProgress`].
pub const PROGRESS_HEADER: &str = "ecab-progress";

#[tauri::command]
pub async fn upload_document<R: Runtime>(
    desktop: State<'_, Desktop>,
    webview: Webview<R>,
    request: Request<'_>,
) -> CmdResult<Document> {
    let (upload, bytes) = read(request.headers(), request.body())?;
    let progress: Option<Channel<UploadProgress>> = request
        .headers()
        .get(PROGRESS_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| JavaScriptChannelId::from_str(v).ok())
        .map(|id| id.channel_on(webview));
    let report = move |p: UploadProgress| {
        if let Some(channel) = &progress
            && let Err(e) = channel.send(p)
        {
            tracing::debug!(error = %e, "upload progress not delivered");
        }
    };
    let source = UploadSource::Bytes { file_name: upload.file_name, bytes };
    Ok(desktop.engine.upload_document(upload.key, upload.meeting, &upload.meta, source, report).await?)
}

/// The upload the headers describe, and the file's bytes.
fn read(headers: &HeaderMap, body: &InvokeBody) -> Result<(UploadRequest, Vec<u8>), ClientError> {
    let bad = |why: &str| ClientError::Protocol(format!("document upload: {why}"));
    let header = headers.get(UPLOAD_HEADER).ok_or_else(|| bad("the upload header is missing"))?;
    let upload: UploadRequest = serde_json::from_slice(header.as_bytes())?;
    match body {
        InvokeBody::Raw(bytes) if !bytes.is_empty() => Ok((upload, bytes.clone())),
        InvokeBody::Raw(_) => Err(bad("the file is empty")),
        InvokeBody::Json(_) => Err(bad("the file must be sent as raw bytes")),
    }
}

#[cfg(test)]
mod tests {
    use ecab_protocol::document::DocumentMeta;
    use ecab_protocol::{Confidentiality, DocumentKind};
    use tauri::http::HeaderValue;
    use uuid::Uuid;

    use super::*;

    fn upload() -> UploadRequest {
        UploadRequest {
            key: Uuid::from_u128(1),
            meeting: Uuid::from_u128(2),
            meta: DocumentMeta {
                id: None,
                title: "Tờ trình đề án".into(),
                kind: DocumentKind::Submission,
                agenda_item_id: None,
                confidentiality: Confidentiality::Normal,
            },
            file_name: "tờ-trình.pdf".into(),
        }
    }

    /// What the ui sends: JSON with every non-ASCII character escaped.
    fn ascii_json(u: &UploadRequest) -> String {
        let json = serde_json::to_string(u).unwrap();
        json.encode_utf16()
            .map(|unit| if unit < 0x80 { char::from(unit as u8).to_string() } else { format!("\\u{unit:04x}") })
            .collect()
    }

    #[test]
    fn the_header_and_raw_body_make_the_upload() {
        let u = upload();
        let mut headers = HeaderMap::new();
        headers.insert(UPLOAD_HEADER, HeaderValue::from_str(&ascii_json(&u)).unwrap());
        let (read_back, bytes) = read(&headers, &InvokeBody::Raw(b"%PDF-1.7".to_vec())).unwrap();
        assert_eq!(read_back, u, "Vietnamese text survives the header");
        assert_eq!(bytes, b"%PDF-1.7");
    }

    #[test]
    fn a_missing_header_an_empty_file_or_a_json_body_is_refused() {
        let u = upload();
        let mut headers = HeaderMap::new();
        let raw = InvokeBody::Raw(b"%PDF".to_vec());
        assert!(read(&headers, &raw).is_err());
        headers.insert(UPLOAD_HEADER, HeaderValue::from_str(&ascii_json(&u)).unwrap());
        assert!(read(&headers, &InvokeBody::Raw(Vec::new())).is_err());
        assert!(read(&headers, &InvokeBody::Json(serde_json::json!([37, 80]))).is_err());
        headers.insert(UPLOAD_HEADER, HeaderValue::from_static("{not json"));
        assert!(read(&headers, &raw).is_err());
    }
}
