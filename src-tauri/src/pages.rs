//! The page-image protocol: `ecab://localhost/page/<document>/<n>?width=W` (pages from 0;
//! thumbnails are small widths) answers a PNG rendered here by pdfium worker processes.
//!
//! pdfium reads files, so the document's content (decrypted by the engine when it is kept
//! encrypted) is copied for the workers into a scratch folder (`$XDG_RUNTIME_DIR/<app>/pages`,
//! in memory, where there is one; else the cache folder), readable by this user only
//! (0600 in a 0700 folder). A copy lives while its document is among the last few read and
//! was rendered from in the last [`IDLE`]; it is removed then, at sign-out, at exit, and at
//! the next start after a crash.
//! A page whose document is still downloading waits for it (up to [`DOWNLOAD_WAIT`]).
//! Pages of confidential documents carry the signed-in reader's name as a watermark (their
//! full name, given with [`PageServer::set_reader`], else their username); without either
//! such a page is refused rather than shown unmarked.

use std::collections::{HashMap, VecDeque};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use ecab_client::{ClientError, Engine};
use ecab_pdf::{MAX_RENDER_WIDTH, Mark, PdfError, PdfPool, PoolConfig, WorkerCommand};
use ecab_protocol::document::{Document, PageText};
use ecab_protocol::{ApiError, Confidentiality, ErrorCode};
use tauri::http::{Request, Response, StatusCode, header};
use tokio::sync::{Mutex, OnceCell};
use tokio::time::Instant;
use uuid::Uuid;

/// Plain copies kept at once (the document being read and the few before it).
const COPIES: usize = 3;
/// Rendered pages kept in memory (a screenful of thumbnails and the pages around).
const RENDERED: usize = 96;
const DEFAULT_WIDTH: u32 = 1200;
/// Failed page addresses remembered for the ui's "why" (cleared beyond this).
const MAX_FAILURES_KEPT: usize = 256;
const MAX_WORKERS: usize = 2;
/// How long a page request waits for its document to arrive.
const DOWNLOAD_WAIT: Duration = Duration::from_secs(60);
/// A plain copy not rendered from for this long is removed.
const IDLE: Duration = Duration::from_secs(20);

/// The plain copies, least recently used first, with when each was last used.
type Copies = VecDeque<(Arc<PlainCopy>, Instant)>;

pub struct PageServer {
    dir: PathBuf,
    worker: WorkerCommand,
    pool: OnceCell<Result<PdfPool, String>>,
    copies: Arc<Mutex<Copies>>,
    rendered: RenderedPages,
    /// The signed-in reader's full name, for watermarks.
    reader: std::sync::Mutex<Option<String>>,
    /// The last error of each page address that failed, until it succeeds.
    failures: std::sync::Mutex<HashMap<(Uuid, u32, u32), ApiError>>,
}

/// A document's content in a private file, removed when the last user drops it.
struct PlainCopy {
    sha256: String,
    path: PathBuf,
}

impl Drop for PlainCopy {
    fn drop(&mut self) {
        if let Err(e) = std::fs::remove_file(&self.path)
            && e.kind() != std::io::ErrorKind::NotFound
        {
            tracing::warn!(path = %self.path.display(), error = %e, "could not remove a page source copy");
        }
    }
}

/// What one page request asks for.
#[derive(Debug, PartialEq)]
pub struct PageRequest {
    pub document: Uuid,
    pub page: u32,
    pub width: u32,
}

impl PageRequest {
    /// `/page/<uuid>/<n>` with an optional `width=` query.
    pub fn parse(path: &str, query: Option<&str>) -> Option<PageRequest> {
        let mut parts = path.trim_start_matches('/').split('/');
        let (Some("page"), Some(doc), Some(page), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let width = match query.into_iter().flat_map(|q| q.split('&')).find_map(|kv| kv.strip_prefix("width=")) {
            Some(w) => w.parse().ok()?,
            None => DEFAULT_WIDTH,
        };
        Some(PageRequest { document: doc.parse().ok()?, page: page.parse().ok()?, width })
    }
}

impl PageServer {
    /// Serve pages with workers started by `worker`, keeping copies in `dir` (emptied now:
    /// whatever is there was left by a run that did not exit cleanly).
    pub async fn new(dir: PathBuf, worker: WorkerCommand) -> std::io::Result<PageServer> {
        if tokio::fs::try_exists(&dir).await? {
            tokio::fs::remove_dir_all(&dir).await?;
        }
        create_private_dir(&dir)?;
        let copies = Arc::new(Mutex::new(VecDeque::new()));
        tokio::spawn(remove_idle(Arc::downgrade(&copies)));
        Ok(PageServer {
            dir,
            worker,
            pool: OnceCell::new(),
            copies,
            rendered: RenderedPages::new(RENDERED),
            reader: std::sync::Mutex::new(None),
            failures: std::sync::Mutex::new(HashMap::new()),
        })
    }

    /// The signed-in reader's name, drawn over pages of confidential documents.
    pub fn set_reader(&self, full_name: Option<&str>) {
        *self.reader.lock().unwrap_or_else(|p| p.into_inner()) = full_name.and_then(ecab_pdf::watermark_text);
    }

    /// The watermark for a confidential page: the reader's name, else their username.
    async fn watermark(&self, engine: &Engine) -> Result<String, ApiError> {
        if let Some(name) = self.reader.lock().unwrap_or_else(|p| p.into_inner()).clone() {
            return Ok(name);
        }
        let username = engine.username().await.map_err(|e| e.to_api_error())?;
        username.as_deref().and_then(ecab_pdf::watermark_text).ok_or_else(|| {
            api(
                ErrorCode::Unauthenticated,
                "sign in to read confidential documents: their pages carry the reader's name".into(),
            )
        })
    }

    /// The answer to one request of the protocol.
    pub async fn respond(&self, engine: &Engine, request: &Request<Vec<u8>>) -> Response<Vec<u8>> {
        let uri = request.uri();
        let Some(want) = PageRequest::parse(uri.path(), uri.query()) else {
            return error(StatusCode::NOT_FOUND, ErrorCode::NotFound, format!("no such page address: {uri}"));
        };
        let outcome = self.page(engine, &want).await;
        self.note_outcome(&want, outcome.as_ref().err());
        match outcome {
            Ok((png, confidential)) => {
                let cache = if confidential { "no-store" } else { "private, max-age=3600" };
                Response::builder()
                    .status(StatusCode::OK)
                    .header(header::CONTENT_TYPE, "image/png")
                    .header(header::CACHE_CONTROL, cache)
                    .body(png.to_vec())
                    .unwrap_or_default()
            }
            Err(e) => {
                let status = match e.code {
                    ErrorCode::NotFound => StatusCode::NOT_FOUND,
                    ErrorCode::Unauthenticated => StatusCode::UNAUTHORIZED,
                    ErrorCode::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
                    ErrorCode::Validation | ErrorCode::BadRequest => StatusCode::BAD_REQUEST,
                    _ => StatusCode::INTERNAL_SERVER_ERROR,
                };
                tracing::info!(document = %want.document, page = want.page, code = e.code.as_str(), message = %e.message, "page not served");
                error(status, e.code, e.message)
            }
        }
    }

    /// Why the last request for this page failed, if it did. The webview reports a failed
    /// image only as an `error` event (and cannot fetch custom-scheme addresses), so the ui
    /// asks here to say why.
    pub fn last_failure(&self, want: &PageRequest) -> Option<ApiError> {
        self.failures.lock().unwrap_or_else(|p| p.into_inner()).get(&(want.document, want.page, want.width)).cloned()
    }

    fn note_outcome(&self, want: &PageRequest, failure: Option<&ApiError>) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let key = (want.document, want.page, want.width);
        match failure {
            Some(e) => {
                if failures.len() >= MAX_FAILURES_KEPT {
                    failures.clear();
                }
                failures.insert(key, e.clone());
            }
            None => {
                failures.remove(&key);
            }
        }
    }

    /// Page `want.page` of a document as PNG, and whether the document is confidential.
    pub async fn page(&self, engine: &Engine, want: &PageRequest) -> Result<(Arc<Vec<u8>>, bool), ApiError> {
        if want.width == 0 || want.width > MAX_RENDER_WIDTH {
            return Err(api(ErrorCode::Validation, format!("width must be 1 to {MAX_RENDER_WIDTH}")));
        }
        let doc = engine.document(want.document).await.map_err(|e| e.to_api_error())?;
        let confidential = doc.confidentiality == Confidentiality::Confidential;
        let watermark = if confidential { Some(self.watermark(engine).await?) } else { None };
        let key = PageKey { sha256: doc.current.sha256.clone(), page: want.page, width: want.width, watermark };
        if let Some(png) = self.rendered.get(&key) {
            return Ok((png, confidential));
        }
        let copy = self.copy_of(engine, &doc).await.map_err(|e| e.to_api_error())?;
        let pool = self.pool().await?;
        let rendered = pool.render_watermarked(&copy.path, want.page, want.width, key.watermark.as_deref()).await;
        let png = Arc::new(rendered.map_err(pdf_error)?);
        self.rendered.insert(key, png.clone());
        Ok((png, confidential))
    }

    /// The text layer of page `page` of a document's current version (for selecting text),
    /// read here by pdfium: it works offline.
    pub async fn text(&self, engine: &Engine, document: Uuid, page: u32) -> Result<PageText, ApiError> {
        let doc = engine.document(document).await.map_err(|e| e.to_api_error())?;
        if page >= doc.current.page_count {
            return Err(api(ErrorCode::NotFound, format!("page {page} does not exist")));
        }
        let copy = self.copy_of(engine, &doc).await.map_err(|e| e.to_api_error())?;
        let found = self.pool().await?.page_text(&copy.path, page).await.map_err(pdf_error)?;
        Ok(PageText {
            sha256: doc.current.sha256.clone(),
            page,
            width_pt: found.width_pt,
            height_pt: found.height_pt,
            words: found.words,
        })
    }

    /// The document's current version with `marks` on it as PDF annotations.
    pub async fn annotated(&self, engine: &Engine, doc: &Document, marks: &[Mark]) -> Result<Vec<u8>, ApiError> {
        let copy = self.copy_of(engine, doc).await.map_err(|e| e.to_api_error())?;
        self.pool().await?.annotate(&copy.path, marks).await.map_err(pdf_error)
    }

    /// Remove every copy and rendered page, and forget the reader (sign-out).
    pub async fn forget(&self) {
        self.set_reader(None);
        self.copies.lock().await.clear();
        self.rendered.clear();
    }

    pub async fn shutdown(&self) {
        self.forget().await;
        if let Some(Ok(pool)) = self.pool.get() {
            pool.shutdown().await;
        }
    }

    async fn pool(&self) -> Result<&PdfPool, ApiError> {
        let started = self
            .pool
            .get_or_init(|| async {
                let library = ecab_pdf::find_library(None).map_err(|e| e.to_string())?;
                let mut config = PoolConfig::new(library, self.worker.clone());
                config.workers = config.workers.min(MAX_WORKERS);
                PdfPool::start(config).await.map_err(|e| e.to_string())
            })
            .await;
        started.as_ref().map_err(|e| {
            tracing::error!(error = %e, "pdfium is not available; pages cannot be shown");
            api(ErrorCode::Internal, e.clone())
        })
    }

    /// The content of `doc` in a private file, made if needed (waiting for the download).
    async fn copy_of(&self, engine: &Engine, doc: &Document) -> Result<Arc<PlainCopy>, ClientError> {
        let sha = &doc.current.sha256;
        let mut copies = self.copies.lock().await;
        if let Some(i) = copies.iter().position(|(c, _)| &c.sha256 == sha) {
            let (copy, _) = copies.remove(i).expect("position is in range");
            copies.push_back((copy.clone(), Instant::now()));
            return Ok(copy);
        }
        let bytes = content(engine, doc).await?;
        let path = self.dir.join(format!("{sha}.pdf"));
        let file_path = path.clone();
        tokio::task::spawn_blocking(move || write_private(&file_path, &bytes))
            .await
            .map_err(|e| ClientError::Io(std::io::Error::other(e)))??;
        let copy = Arc::new(PlainCopy { sha256: sha.clone(), path });
        copies.push_back((copy.clone(), Instant::now()));
        while copies.len() > COPIES {
            copies.pop_front();
        }
        Ok(copy)
    }
}

/// What a rendered page was drawn from: the document's content, the page, the width and the
/// watermark (a page drawn for one reader is never shown with another's name).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct PageKey {
    sha256: String,
    page: u32,
    width: u32,
    watermark: Option<String>,
}

/// Rendered pages as PNG, up to a number of pages. Which go first is `quick_cache`'s choice
/// (S3-FIFO): a page shown again (the one being read, thumbnails scrolled back to) stays
/// while pages fetched once (thumbnails scrolled past, the next page fetched ahead) go.
type RenderedPages = quick_cache::sync::Cache<PageKey, Arc<Vec<u8>>>;

/// Every few seconds, drop the copies idle for [`IDLE`] (a render under way keeps its own
/// reference, so its file stays until it is done). Ends with the page server.
async fn remove_idle(copies: std::sync::Weak<Mutex<Copies>>) {
    loop {
        tokio::time::sleep(IDLE / 4).await;
        let Some(copies) = copies.upgrade() else { return };
        copies.lock().await.retain(|(_, used)| used.elapsed() < IDLE);
    }
}

/// The document's content, waiting while the sync loop is still downloading it.
async fn content(engine: &Engine, doc: &Document) -> Result<Vec<u8>, ClientError> {
    let mut changes = engine.subscribe();
    let deadline = tokio::time::Instant::now() + DOWNLOAD_WAIT;
    loop {
        match engine.read_blob(&doc.current.sha256).await {
            Err(ClientError::NotFound(what)) => {
                if tokio::time::timeout_at(deadline, changes.changed()).await.is_err() {
                    return Err(ClientError::Offline(format!("{what} has not been downloaded yet")));
                }
            }
            other => return other,
        }
    }
}

/// A folder only this user may enter.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.recursive(true).create(dir)
}

/// A file only this user may read.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.write(true).create(true).truncate(true).open(path)?;
    file.write_all(bytes)
}

fn pdf_error(e: PdfError) -> ApiError {
    let code = match e {
        PdfError::PageOutOfRange { .. } => ErrorCode::NotFound,
        PdfError::InvalidWidth { .. } => ErrorCode::Validation,
        PdfError::NotPdf => ErrorCode::NotPdf,
        PdfError::Encrypted => ErrorCode::PdfEncrypted,
        PdfError::Corrupt(_) => ErrorCode::PdfCorrupt,
        PdfError::WorkerCrashed | PdfError::Timeout => ErrorCode::PdfRejected,
        _ => ErrorCode::Internal,
    };
    api(code, e.to_string())
}

fn api(code: ErrorCode, message: String) -> ApiError {
    ApiError { code, message, field: None, retry_after: None }
}

fn error(status: StatusCode, code: ErrorCode, message: String) -> Response<Vec<u8>> {
    let body = serde_json::to_vec(&api(code, message)).unwrap_or_default();
    // The ui fetches a failed image's address to read why: let it read this answer.
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
        .body(body)
        .unwrap_or_default()
}

/// The answer while the app is still starting.
pub fn not_ready() -> Response<Vec<u8>> {
    error(StatusCode::SERVICE_UNAVAILABLE, ErrorCode::Unavailable, "the app is starting".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_addresses() {
        let id = Uuid::nil();
        let p = PageRequest::parse(&format!("/page/{id}/49"), Some("width=240"));
        assert_eq!(p, Some(PageRequest { document: id, page: 49, width: 240 }));
        assert_eq!(PageRequest::parse(&format!("/page/{id}/0"), None).map(|p| p.width), Some(DEFAULT_WIDTH));
        assert_eq!(PageRequest::parse(&format!("/page/{id}/x"), None), None);
        assert_eq!(PageRequest::parse("/page/nope/1", None), None);
        assert_eq!(PageRequest::parse(&format!("/page/{id}/1/more"), None), None);
        assert_eq!(PageRequest::parse(&format!("/page/{id}/1"), Some("width=big")), None);
    }

    #[test]
    fn rendered_pages_keep_to_their_number_and_to_the_page_being_read() {
        let pages = RenderedPages::new(RENDERED);
        let thumb = |page| PageKey { sha256: "ab".repeat(32), page, width: 160, watermark: None };
        let reading = PageKey { width: 1200, ..thumb(0) };
        pages.insert(reading.clone(), Arc::new(vec![1]));
        // The thumbnails of a long report scrolled past while page 1 stays on screen.
        for n in 0..500 {
            assert!(pages.get(&reading).is_some(), "page 1 after {n} thumbnails");
            pages.insert(thumb(n), Arc::new(vec![2]));
            assert!(pages.len() <= RENDERED, "{} pages kept", pages.len());
        }
        let thumbs = (0..500).filter(|&n| pages.get(&thumb(n)).is_some()).count();
        assert!(thumbs < RENDERED, "{thumbs} thumbnails kept");
        let marked = PageKey { watermark: Some("Nguyễn Văn An".into()), ..reading.clone() };
        assert!(pages.get(&marked).is_none(), "a page drawn for another reader is another page");
        pages.clear();
        assert!(pages.get(&reading).is_none());
    }
}
