//! Uploading a document: `POST /api/v1/meetings/{id}/documents` as multipart (`meta` JSON,
//! `file` streamed from memory or from a file), with its key as `Idempotency-Key` and the
//! bytes sent reported as they go. Like the other direct writes it is not queued: offline,
//! it fails with `ClientError::Offline` and may be retried with the same key.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ecab_protocol::Confidentiality;
use ecab_protocol::IDEMPOTENCY_KEY;
use ecab_protocol::client::UploadProgress;
use ecab_protocol::document::{Document, DocumentMeta};
use reqwest::multipart::{Form, Part};
use reqwest::{Body, Method};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use uuid::Uuid;

use crate::blobs::BlobFiles;
use crate::crypto::Encryptor;
use crate::engine::Engine;
use crate::http::transport;
use crate::store;
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
        // The bytes stay at hand (shared with the body, or in the file) to be kept after.
        let (file_name, total, reader, kept): (String, u64, Box<dyn AsyncRead + Send + Unpin>, Kept) = match source {
            UploadSource::Bytes { file_name, bytes } => {
                let bytes = Arc::new(bytes);
                let reader = Box::new(std::io::Cursor::new(Shared(bytes.clone())));
                (file_name, bytes.len() as u64, reader, Kept::Bytes(bytes))
            }
            UploadSource::File(path) => {
                let file = tokio::fs::File::open(&path).await?;
                let len = file.metadata().await?.len();
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                (name, len, Box::new(file), Kept::File(path))
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
        // The bytes are here already: keep them as the local copy rather than download them
        // back at the next sync. Best effort: if that fails, the sync downloads them.
        let plain: Result<Box<dyn AsyncRead + Send + Unpin>> = match kept {
            Kept::Bytes(bytes) => Ok(Box::new(std::io::Cursor::new(Shared(bytes)))),
            Kept::File(path) => tokio::fs::File::open(&path).await.map(|f| Box::new(f) as _).map_err(Into::into),
        };
        if let Err(e) = async { self.keep_uploaded(&document, plain?).await }.await {
            tracing::warn!(document = %document.id, error = %e, "the uploaded file was not kept; the sync will download it");
        }
        self.written().await;
        Ok(document)
    }

    /// Store `plain`, just uploaded as `document`'s current version, as if downloaded: under
    /// its SHA-256, encrypted when the document is confidential, streamed into a file of its
    /// own and renamed into place only when the bytes hash to that SHA-256.
    async fn keep_uploaded(&self, document: &Document, plain: impl AsyncRead + Unpin) -> Result<()> {
        let sha256 = &document.current.sha256;
        let encrypted = document.confidentiality == Confidentiality::Confidential;
        let files = &self.inner.files;
        // Not the download's partial file: the sync loop may be fetching the same blob.
        let tmp = files.partial_dir().join(format!("{sha256}.uploaded"));
        let key = encrypted.then_some(&self.inner.key);
        let size = match write_copy(&tmp, plain, key, sha256).await {
            Ok((hash, size)) if hash == *sha256 => size,
            // Not the bytes the server kept (the file changed meanwhile), or not written:
            // the sync fetches them.
            other => {
                let _ = tokio::fs::remove_file(&tmp).await;
                return other.map(|_| ());
            }
        };
        let dest = files.complete(sha256);
        if let Some(parent) = dest.parent() {
            tokio::fs::create_dir_all(parent).await?;
        }
        tokio::fs::rename(&tmp, &dest).await?;
        let row = store::BlobRow {
            sha256: sha256.clone(),
            size: i64::try_from(size).unwrap_or(i64::MAX),
            encrypted,
            path: BlobFiles::relative(sha256),
        };
        store::put_blob(&self.inner.db, &row).await
    }
}

/// Copy `plain` into `path` (encrypted with `key` when given, bound to `sha256`), synced to
/// disk; the SHA-256 (hex) and size of what was read.
async fn write_copy(
    path: &Path,
    mut plain: impl AsyncRead + Unpin,
    key: Option<&[u8; 32]>,
    sha256: &str,
) -> Result<(String, u64)> {
    let mut file = tokio::fs::File::create(path).await?;
    let mut enc = match key {
        Some(key) => {
            let (enc, header) = Encryptor::start(key, sha256);
            file.write_all(&header).await?;
            Some(enc)
        }
        None => None,
    };
    let (mut hasher, mut size, mut buf) = (Sha256::new(), 0u64, vec![0u8; CHUNK]);
    loop {
        let n = plain.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        size += n as u64;
        match &mut enc {
            Some(enc) => file.write_all(&enc.push(&buf[..n])?).await?,
            None => file.write_all(&buf[..n]).await?,
        }
    }
    if let Some(enc) = enc {
        file.write_all(&enc.finish()?).await?;
    }
    file.sync_all().await?;
    Ok((hex::encode(hasher.finalize()), size))
}

/// Where the uploaded bytes can be found again.
enum Kept {
    Bytes(Arc<Vec<u8>>),
    File(PathBuf),
}

/// The bytes of an upload, shared between the request body and the local copy kept after.
struct Shared(Arc<Vec<u8>>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        &self.0
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
