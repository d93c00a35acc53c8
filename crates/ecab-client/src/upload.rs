//! Uploading a document: `POST /api/v1/meetings/{id}/documents` as multipart (`meta` JSON,
//! `file` streamed from memory or from a file), with its key as `Idempotency-Key` and the
//! bytes sent reported as they go. Like the other direct writes it is not queued: offline,
//! it fails with `ClientError::Offline` and may be retried with the same key.

use std::path::PathBuf;
use std::sync::Arc;

use ecab_protocol::IDEMPOTENCY_KEY;
use ecab_protocol::client::UploadProgress;
use ecab_protocol::document::{Document, DocumentMeta};
use reqwest::multipart::{Form, Part};
use reqwest::{Body, Method};
use tokio::io::{AsyncRead, AsyncReadExt};
use uuid::Uuid;

use crate::engine::Engine;
use crate::http::transport;
use crate::{ClientError, Result};

/// Bytes read (and handed to the connection) at a time.
const CHUNK: usize = 64 * 1024;
/// Progress is reported at most this many times per upload (plus the last byte).
const REPORTS: u64 = 200;

/// Where the PDF comes from.
pub enum UploadSource {
    Bytes { file_name: String, bytes: Vec<u8> },
    File(PathBuf),
}

type Progress = Arc<dyn Fn(UploadProgress) + Send + Sync>;

impl Engine {
    /// Upload a PDF to a meeting. `meta.id` (a client-made id) makes a retry harmless even
    /// without the key; `progress` is told of the bytes sent.
    pub async fn upload_document(
        &self,
        key: Uuid,
        meeting: Uuid,
        meta: &DocumentMeta,
        source: UploadSource,
        progress: impl Fn(UploadProgress) + Send + Sync + 'static,
    ) -> Result<Document> {
        let token = self.token()?;
        let (file_name, total, reader): (String, u64, Box<dyn AsyncRead + Send + Unpin>) = match source {
            UploadSource::Bytes { file_name, bytes } => {
                (file_name, bytes.len() as u64, Box::new(std::io::Cursor::new(bytes)))
            }
            UploadSource::File(path) => {
                let file = tokio::fs::File::open(&path).await?;
                let len = file.metadata().await?.len();
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                (name, len, Box::new(file))
            }
        };
        let body = counted(reader, total, Arc::new(progress));
        let file = Part::stream_with_length(body, total)
            .file_name(file_name)
            .mime_str("application/pdf")
            .map_err(|e| ClientError::Protocol(e.to_string()))?;
        let meta = Part::text(serde_json::to_string(meta)?)
            .mime_str("application/json")
            .map_err(|e| ClientError::Protocol(e.to_string()))?;
        let form = Form::new().part("meta", meta).part("file", file);
        let api = &self.inner.api;
        let req = api
            .request(Method::POST, &format!("/api/v1/meetings/{meeting}/documents"), Some(&token))
            .header(IDEMPOTENCY_KEY, key.to_string())
            .multipart(form);
        let res = api.send(req).await?;
        let document: Document = res.json().await.map_err(transport)?;
        self.written().await;
        Ok(document)
    }
}

/// A request body that reads `reader` in chunks and reports the bytes handed over.
fn counted(reader: Box<dyn AsyncRead + Send + Unpin>, total: u64, progress: Progress) -> Body {
    let step = (total / REPORTS).max(1);
    let state = (reader, 0u64, 0u64, progress);
    let stream = futures_util::stream::unfold(state, move |(mut reader, sent, reported, progress)| async move {
        let mut buf = vec![0u8; CHUNK];
        match reader.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                let sent = sent + n as u64;
                let reported = if sent - reported >= step || sent == total {
                    progress(UploadProgress { sent, total });
                    sent
                } else {
                    reported
                };
                Some((Ok(buf), (reader, sent, reported, progress)))
            }
            Err(e) => Some((Err(e), (reader, sent, reported, progress))),
        }
    });
    Body::wrap_stream(stream)
}
