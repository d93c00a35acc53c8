//! The worker process: one pdfium instance answering one request at a time over stdin/stdout.

use std::env;
use std::io::{self, BufReader, BufWriter};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::PdfError;
use crate::document::{Engine, contains};
use crate::library::LIBRARY_ENV;
use crate::protocol::{Request, Response, WireError, read_frame, write_frame};

/// Test hook for fault injection, never set in production: when this variable is set in a
/// worker's environment and a requested file contains its value as a byte string, the worker
/// aborts (as pdfium does on a hostile document), so tests can prove a crash takes down only
/// that worker and the request fails with [`PdfError::WorkerCrashed`].
pub const CRASH_MARKER_ENV: &str = "ECAB_PDF_WORKER_CRASH_MARKER";

/// The worker loop: reads requests on stdin, answers on stdout, one at a time. A host binary
/// exposes it through a hidden subcommand (the server runs `ecab-server pdf-worker`), so there
/// is no separate executable to ship. The library path comes from `ECAB_PDFIUM_LIBRARY`, which
/// the pool sets.
///
/// Nothing else may write to stdout in this process: the host must not install a logger on
/// stdout before calling this. Diagnostics go to stderr.
pub fn worker_main() -> ExitCode {
    // A library that fails to load is reported in answer to every request (the pool pings
    // at start-up), rather than as an exit the pool could only describe as a crash.
    let engine: Result<Engine, String> = match env::var_os(LIBRARY_ENV).filter(|v| !v.is_empty()) {
        Some(path) => Engine::load(Path::new(&path)).map_err(|e| match e {
            PdfError::LibraryLoad(message) => message,
            other => other.to_string(),
        }),
        None => Err(format!("{LIBRARY_ENV} is not set for the PDF worker")),
    };
    let crash_marker = env::var_os(CRASH_MARKER_ENV).filter(|v| !v.is_empty());
    let mut input = BufReader::new(io::stdin().lock());
    let mut output = BufWriter::new(io::stdout().lock());
    loop {
        let request = match read_frame::<Request>(&mut input) {
            Ok(Some((request, _payload))) => request,
            Ok(None) => return ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("pdf worker: bad request: {e}");
                return ExitCode::FAILURE;
            }
        };
        if let Some(marker) = &crash_marker {
            crash_if_marked(&request, marker.as_encoded_bytes());
        }
        let (response, payload) = match &engine {
            Ok(engine) => handle(engine, request),
            Err(message) => (error_response(PdfError::LibraryLoad(message.clone())), Vec::new()),
        };
        if let Err(e) = write_frame(&mut output, &response, &payload) {
            eprintln!("pdf worker: cannot answer: {e}");
            return ExitCode::FAILURE;
        }
    }
}

fn handle(engine: &Engine, request: Request) -> (Response, Vec<u8>) {
    match request {
        Request::Ping => (Response::Pong, Vec::new()),
        Request::Inspect { path } => match engine.inspect(&path) {
            Ok(info) => (Response::Info { info }, Vec::new()),
            Err(e) => (error_response(e), Vec::new()),
        },
        Request::Render { path, page, width_px, watermark, compact } => {
            match engine.render(&path, page, width_px, watermark.as_deref(), compact) {
                Ok(r) => (Response::Rendered { width: r.width, height: r.height, format: r.format }, r.bytes),
                Err(e) => (error_response(e), Vec::new()),
            }
        }
        Request::PageText { path, page } => match engine.page_text(&path, page) {
            Ok(text) => (Response::Text { text }, Vec::new()),
            Err(e) => (error_response(e), Vec::new()),
        },
        Request::Annotate { path, marks } => match engine.annotate(&path, &marks) {
            Ok(pdf) => (Response::Annotated, pdf),
            Err(e) => (error_response(e), Vec::new()),
        },
    }
}

fn error_response(e: PdfError) -> Response {
    Response::Error { error: WireError::from(e) }
}

fn crash_if_marked(request: &Request, marker: &[u8]) {
    let path: &PathBuf = match request {
        Request::Ping => return,
        Request::Inspect { path }
        | Request::Render { path, .. }
        | Request::PageText { path, .. }
        | Request::Annotate { path, .. } => path,
    };
    if std::fs::read(path).is_ok_and(|bytes| contains(&bytes, marker)) {
        eprintln!("pdf worker: crash marker found, aborting (test hook)");
        std::process::abort();
    }
}
