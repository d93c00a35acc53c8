//! pdfium in worker processes (placeholder while being built).
