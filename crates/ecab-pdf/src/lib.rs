//! pdfium in worker processes.
//!
//! pdfium is C++, not thread-safe, and hostile PDFs crash it. This crate therefore never loads
//! it in the calling process: a [`PdfPool`] runs a few worker processes (one per core by
//! default), each answering one request at a time over its stdin/stdout. A crash or a hang
//! fails only the request that caused it ([`PdfError::WorkerCrashed`], [`PdfError::Timeout`])
//! and the worker is replaced.
//!
//! The worker is not a separate executable: a host binary calls [`worker_main`] from a hidden
//! subcommand (the server runs `ecab-server pdf-worker`) and names itself in
//! [`PoolConfig::worker`]. The pdfium library is located once at start-up with
//! [`find_library`].
//!
//! `examples/render_page.rs` is a complete program: a pool, one inspection, one page to PNG.
//! `examples/compact_sizes.rs` measures [`PdfPool::render_compact`] against the RGB PNG.
//!
//! [`PdfPool::annotate`] exports a document with a delegate's marks as real PDF annotations.

mod annotate;
mod compact;
mod document;
mod error;
mod library;
mod png;
mod pool;
mod process;
mod protocol;
mod revision;
mod text;
mod watermark;
mod worker;

use serde::{Deserialize, Serialize};

pub use annotate::{
    MAX_AUTHOR_CHARS, MAX_CONTENTS_CHARS, MAX_INK_POINTS, MAX_MARK_RECTS, MAX_MARKS, Mark, MarkKind, Point,
};
pub use compact::{ImageFormat, PageImage};
pub use document::MAX_RENDER_WIDTH;
pub use error::PdfError;
pub use library::{LIBRARY_ENV, find_library, library_file_name};
pub use pool::{DEFAULT_TIMEOUT, PdfPool, PoolConfig};
pub use process::WorkerCommand;
pub use text::{PageText, Rect, Word};
pub use watermark::{MAX_WATERMARK_CHARS, watermark_text};
pub use worker::{CRASH_MARKER_ENV, worker_main};

/// What a PDF contains, as found by [`PdfPool::inspect`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocInfo {
    pub page_count: u32,
    /// The title from the document information, if set and not blank.
    pub title: Option<String>,
    /// One entry per page, in order.
    pub pages: Vec<PageInfo>,
}

/// One page of a PDF.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageInfo {
    /// Page width in PDF points (1/72 inch).
    pub width_pt: f32,
    /// Page height in PDF points.
    pub height_pt: f32,
    /// The page's text as extracted by pdfium.
    pub text: String,
}
