//! The pool: a queue of requests handed to idle worker processes, N workers for N parallel
//! requests. A worker that crashes or hangs fails only its own request and is replaced.

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::document::MAX_RENDER_WIDTH;
use crate::process::{Spawn, WorkerCommand, WorkerProcess};
use crate::protocol::{Request, Response};
use crate::watermark::validate;
use crate::{DocInfo, Mark, PageImage, PageText, PdfError};

/// Default time a worker gets to answer one request.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// How to run the pool.
#[derive(Debug, Clone)]
pub struct PoolConfig {
    /// The pdfium library, usually from [`find_library`](crate::find_library).
    pub library: PathBuf,
    /// Number of worker processes, i.e. of requests served in parallel (at least 1).
    pub workers: usize,
    /// How to start a worker process.
    pub worker: WorkerCommand,
    /// Time a worker gets to answer one request (time spent queued is not counted).
    pub timeout: Duration,
    /// Extra environment for the workers (tests use it for the crash hook).
    pub extra_env: Vec<(OsString, OsString)>,
}

impl PoolConfig {
    /// One worker per available core, [`DEFAULT_TIMEOUT`], no extra environment.
    pub fn new(library: impl Into<PathBuf>, worker: WorkerCommand) -> Self {
        let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        PoolConfig { library: library.into(), workers, worker, timeout: DEFAULT_TIMEOUT, extra_env: Vec::new() }
    }
}

/// A handle to the worker pool; cheap to clone, shared by all tasks.
#[derive(Clone)]
pub struct PdfPool {
    inner: Arc<Inner>,
}

struct Inner {
    cfg: PoolConfig,
    /// Idle workers; `None` is a slot whose worker must be (re)started before use.
    idle: Mutex<Vec<Option<WorkerProcess>>>,
    /// One permit per slot: holding one guarantees `idle` has an entry to take.
    permits: Arc<Semaphore>,
    closed: AtomicBool,
}

impl Inner {
    fn idle(&self) -> MutexGuard<'_, Vec<Option<WorkerProcess>>> {
        // The lock is never held across a panic-prone call; recover rather than propagate.
        self.idle.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn spawn(&self) -> Result<WorkerProcess, PdfError> {
        WorkerProcess::spawn(&Spawn {
            command: &self.cfg.worker,
            library: &self.cfg.library,
            extra_env: &self.cfg.extra_env,
        })
    }
}

impl PdfPool {
    /// Spawns the workers and pings one, so a library that fails to load is a clear start-up
    /// error rather than a failure of the first request.
    pub async fn start(mut cfg: PoolConfig) -> Result<PdfPool, PdfError> {
        if !cfg.library.is_file() {
            return Err(PdfError::LibraryNotFound { searched: vec![cfg.library] });
        }
        cfg.workers = cfg.workers.max(1);
        let inner = Arc::new(Inner {
            permits: Arc::new(Semaphore::new(cfg.workers)),
            idle: Mutex::new(Vec::with_capacity(cfg.workers)),
            closed: AtomicBool::new(false),
            cfg,
        });
        for _ in 0..inner.cfg.workers {
            let worker = inner.spawn()?;
            inner.idle().push(Some(worker));
        }
        let pool = PdfPool { inner };
        match pool.call(Request::Ping).await {
            Ok((Response::Pong, _)) => {}
            Ok((other, _)) => {
                pool.abort();
                return Err(unexpected(&other));
            }
            Err(e) => {
                pool.abort();
                return Err(e);
            }
        }
        tracing::info!(workers = pool.inner.cfg.workers, library = %pool.inner.cfg.library.display(), "PDF pool started");
        Ok(pool)
    }

    /// Validates a PDF file: opens it, reads its title, and extracts the text of every page.
    pub async fn inspect(&self, path: &Path) -> Result<DocInfo, PdfError> {
        let path = std::path::absolute(path)?;
        match self.call(Request::Inspect { path }).await? {
            (Response::Info { info }, _) => Ok(info),
            (other, _) => Err(unexpected(&other)),
        }
    }

    /// Renders page `page` (from 0) `width_px` pixels wide, keeping the aspect ratio; PNG bytes.
    pub async fn render(&self, path: &Path, page: u32, width_px: u32) -> Result<Vec<u8>, PdfError> {
        self.render_watermarked(path, page, width_px, None).await
    }

    /// Like [`render`](Self::render), with `watermark` (such as the reader's name) drawn
    /// diagonally across the page, repeated and semi-transparent. The text is trimmed; an empty
    /// one, one with control characters or one longer than [`MAX_WATERMARK_CHARS`](crate::MAX_WATERMARK_CHARS) characters
    /// is refused with [`PdfError::InvalidWatermark`].
    pub async fn render_watermarked(
        &self,
        path: &Path,
        page: u32,
        width_px: u32,
        watermark: Option<&str>,
    ) -> Result<Vec<u8>, PdfError> {
        Ok(self.render_as(path, page, width_px, watermark, false).await?.bytes)
    }

    /// Like [`render_watermarked`](Self::render_watermarked), in the smallest suitable format for
    /// slow links: a page of text (few colours in the rendered image) as a 16- or 256-colour
    /// indexed PNG, a page with pictures as JPEG. [`PageImage::content_type`] names the format.
    /// A page of text 780 px wide takes about a fifth of the bytes of [`render`](Self::render)
    /// (50–75 KB on the demo pack).
    pub async fn render_compact(
        &self,
        path: &Path,
        page: u32,
        width_px: u32,
        watermark: Option<&str>,
    ) -> Result<PageImage, PdfError> {
        self.render_as(path, page, width_px, watermark, true).await
    }

    async fn render_as(
        &self,
        path: &Path,
        page: u32,
        width_px: u32,
        watermark: Option<&str>,
        compact: bool,
    ) -> Result<PageImage, PdfError> {
        if width_px == 0 || width_px > MAX_RENDER_WIDTH {
            return Err(PdfError::InvalidWidth { width_px, max: MAX_RENDER_WIDTH });
        }
        let watermark = watermark.map(validate).transpose()?;
        let path = std::path::absolute(path)?;
        match self.call(Request::Render { path, page, width_px, watermark, compact }).await? {
            (Response::Rendered { width, height, format }, bytes) => Ok(PageImage { format, width, height, bytes }),
            (other, _) => Err(unexpected(&other)),
        }
    }

    /// The words of page `page` (from 0), in the order pdfium reads them, each with its box and
    /// the box of each of its characters, as fractions of the page measured from its top-left
    /// corner (see [`PageText`]). A page that does not exist is
    /// [`PdfError::PageOutOfRange`]; a page without text has no words.
    pub async fn page_text(&self, path: &Path, page: u32) -> Result<PageText, PdfError> {
        let path = std::path::absolute(path)?;
        match self.call(Request::PageText { path, page }).await? {
            (Response::Text { text }, _) => Ok(text),
            (other, _) => Err(unexpected(&other)),
        }
    }

    /// A copy of the PDF at `path` with `marks` added as real PDF annotations (Highlight,
    /// Underline, Ink, Text), each with its colour, its comment (`Contents`) and its author
    /// (`T`) and with an appearance stream, so any reader shows it; the bytes of the new PDF.
    /// The file itself is not modified.
    ///
    /// Coordinates are fractions of the page as displayed (as in [`PageText`]). More than
    /// [`MAX_MARKS`](crate::MAX_MARKS) marks is [`PdfError::TooManyMarks`]; a mark off the page,
    /// with coordinates that are not finite, with too many rectangles or points or with an
    /// over-long text is [`PdfError::InvalidMark`]; a page that does not exist is
    /// [`PdfError::PageOutOfRange`]. No marks gives the document as pdfium saves it.
    pub async fn annotate(&self, path: &Path, marks: &[Mark]) -> Result<Vec<u8>, PdfError> {
        crate::annotate::validate(marks)?;
        let path = std::path::absolute(path)?;
        match self.call(Request::Annotate { path, marks: marks.to_vec() }).await? {
            (Response::Annotated, pdf) => Ok(pdf),
            (other, _) => Err(unexpected(&other)),
        }
    }

    /// Stops idle workers and refuses new requests; requests in flight finish, then their
    /// workers are stopped too.
    pub async fn shutdown(&self) {
        self.inner.closed.store(true, Ordering::SeqCst);
        self.inner.permits.close();
        let idle: Vec<WorkerProcess> = self.inner.idle().drain(..).flatten().collect();
        let mut stopping = tokio::task::JoinSet::new();
        for worker in idle {
            stopping.spawn(worker.stop());
        }
        while stopping.join_next().await.is_some() {}
    }

    /// Closes the pool and kills its workers at once (start-up failed).
    fn abort(&self) {
        self.inner.closed.store(true, Ordering::SeqCst);
        self.inner.permits.close();
        let idle: Vec<WorkerProcess> = self.inner.idle().drain(..).flatten().collect();
        for worker in idle {
            worker.discard("start-up failed");
        }
    }

    /// Runs one request on an idle worker, waiting in the queue for one if all are busy.
    async fn call(&self, request: Request) -> Result<(Response, Vec<u8>), PdfError> {
        let permit = Arc::clone(&self.inner.permits).acquire_owned().await.map_err(|_| PdfError::PoolShutDown)?;
        let slot = self.inner.idle().pop().flatten();
        let mut lease = Lease { inner: Arc::clone(&self.inner), worker: None, _permit: permit };
        let mut worker = match slot {
            Some(worker) => worker,
            None => self.inner.spawn()?,
        };
        let outcome = tokio::time::timeout(self.inner.cfg.timeout, worker.exchange(&request)).await;
        let result = match outcome {
            Ok(Ok((Response::Error { error }, _))) => Err(error.into()),
            Ok(Ok(answer)) => Ok(answer),
            Ok(Err(e)) => {
                let (err, reason) = classify_io(e);
                worker.discard(reason);
                lease.worker = self.replacement();
                return Err(err);
            }
            Err(_elapsed) => {
                worker.discard("timed out");
                lease.worker = self.replacement();
                return Err(PdfError::Timeout);
            }
        };
        lease.worker = Some(worker);
        result
    }

    /// A fresh worker for a slot whose worker was discarded; `None` retries on next use.
    fn replacement(&self) -> Option<WorkerProcess> {
        if self.inner.closed.load(Ordering::SeqCst) {
            return None;
        }
        match self.inner.spawn() {
            Ok(worker) => Some(worker),
            Err(e) => {
                tracing::error!(error = %e, "could not restart a PDF worker; will retry on next use");
                None
            }
        }
    }
}

/// A slot taken from the pool for one request; returns it (and the permit) when dropped,
/// including when the request's future is cancelled midway.
struct Lease {
    inner: Arc<Inner>,
    /// A worker known to be between requests, or `None` (slot to be refilled on next use).
    worker: Option<WorkerProcess>,
    _permit: OwnedSemaphorePermit,
}

impl Drop for Lease {
    fn drop(&mut self) {
        let worker = self.worker.take();
        if self.inner.closed.load(Ordering::SeqCst) {
            if let Some(worker) = worker {
                worker.discard("pool shut down");
            }
            return;
        }
        self.inner.idle().push(worker);
    }
}

/// A failed exchange: the worker's pipes closed (it died) or it broke the protocol.
fn classify_io(e: io::Error) -> (PdfError, &'static str) {
    match e.kind() {
        io::ErrorKind::UnexpectedEof | io::ErrorKind::BrokenPipe | io::ErrorKind::ConnectionReset => {
            (PdfError::WorkerCrashed, "crashed")
        }
        _ => (PdfError::Protocol(e.to_string()), "protocol error"),
    }
}

fn unexpected(response: &Response) -> PdfError {
    PdfError::Protocol(format!("unexpected answer from the worker: {response:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_send<T: Send>(_: &T) {}

    #[test]
    fn handle_and_futures_can_cross_threads() {
        fn assert_handle<T: Send + Sync + Clone + 'static>() {}
        assert_handle::<PdfPool>();
        let spawn_worker = WorkerCommand::new("worker", Vec::<OsString>::new());
        let start = PdfPool::start(PoolConfig::new("lib", spawn_worker));
        is_send(&start);
        // Futures are checked without running them: a pool value is never needed.
        fn requests(pool: &PdfPool, path: &Path) {
            is_send(&pool.inspect(path));
            is_send(&pool.render(path, 0, 100));
            is_send(&pool.render_watermarked(path, 0, 100, Some("A")));
            is_send(&pool.page_text(path, 0));
            is_send(&pool.render_compact(path, 0, 100, None));
            is_send(&pool.annotate(path, &[]));
            is_send(&pool.shutdown());
        }
        let _ = requests;
    }
}
