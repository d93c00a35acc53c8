//! The error type shared by library discovery, the pool and the worker protocol.

use std::fmt;
use std::path::PathBuf;

/// Everything that can go wrong while finding pdfium or inspecting and rendering a PDF.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// No `libpdfium.so` in any of the places that were searched.
    #[error(
        "libpdfium.so not found (looked in: {}). Run `cargo xtask install-pdfium` or set ECAB_PDFIUM_LIBRARY",
        SearchedPaths(searched)
    )]
    LibraryNotFound { searched: Vec<PathBuf> },
    /// The library exists but could not be loaded or bound (wrong architecture, missing symbols).
    #[error("could not load pdfium: {0}")]
    LibraryLoad(String),
    /// The file is not a PDF document.
    #[error("the file is not a PDF document")]
    NotPdf,
    /// The document is encrypted and needs a password to open.
    #[error("the PDF document is password-protected")]
    Encrypted,
    /// The file claims to be a PDF but is damaged or truncated.
    #[error("the PDF document is damaged: {0}")]
    Corrupt(String),
    /// The requested page does not exist (pages are numbered from 0).
    #[error("page {page} is out of range (the document has {page_count} pages)")]
    PageOutOfRange { page: u32, page_count: u32 },
    /// The requested render width is zero or larger than the pool allows.
    #[error("render width {width_px} px is not between 1 and {max} px")]
    InvalidWidth { width_px: u32, max: u32 },
    /// The watermark text is empty, too long or holds control characters.
    #[error("invalid watermark: {0}")]
    InvalidWatermark(String),
    /// An annotated export was asked for more marks than it accepts.
    #[error("{count} marks is too many for one export (at most {max})")]
    TooManyMarks { count: usize, max: usize },
    /// A mark of an annotated export is malformed: coordinates off the page or not finite, too
    /// many rectangles or points, an over-long or control-character text. `index` is its
    /// position in the list given.
    #[error("mark {index} is invalid: {reason}")]
    InvalidMark { index: usize, reason: String },
    /// The worker process died while handling this request (a crash inside pdfium, usually
    /// caused by a hostile or malformed document). The worker has been replaced.
    #[error("the PDF worker crashed while handling this document")]
    WorkerCrashed,
    /// The worker did not answer in time; it has been killed and replaced.
    #[error("the PDF worker did not answer in time")]
    Timeout,
    /// The pool has been shut down.
    #[error("the PDF worker pool has been shut down")]
    PoolShutDown,
    /// Reading the file or talking to a worker failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// The worker sent something that does not follow the protocol.
    #[error("PDF worker protocol error: {0}")]
    Protocol(String),
}

struct SearchedPaths<'a>(&'a [PathBuf]);

impl fmt::Display for SearchedPaths<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("nowhere");
        }
        for (i, path) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}", path.display())?;
        }
        Ok(())
    }
}
