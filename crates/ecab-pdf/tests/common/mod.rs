//! Helpers shared by the integration tests: fixtures, the library, a pool to test.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use ecab_pdf::{CRASH_MARKER_ENV, LIBRARY_ENV, PdfPool, PoolConfig, WorkerCommand, find_library};

pub const CRASH_MARKER: &str = "ECAB-TEST-CRASH-7f3a91";

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn fixture(name: &str) -> PathBuf {
    let path = workspace_root().join("assets/fixtures").join(name);
    assert!(path.is_file(), "missing test fixture {} (see assets/fixtures/README.md)", path.display());
    path
}

/// The library as the server finds it; `cargo test` runs in the crate folder, so when
/// `ECAB_PDFIUM_LIBRARY` is not set the workspace's `.pdfium` folder is tried as well.
pub fn library() -> PathBuf {
    match find_library(None) {
        Ok(path) => path,
        Err(first) if std::env::var_os(LIBRARY_ENV).is_none() => {
            find_library(Some(&workspace_root().join(".pdfium"))).unwrap_or_else(|_| panic!("{first}"))
        }
        Err(e) => panic!("{e}"),
    }
}

pub fn config(workers: usize) -> PoolConfig {
    let mut cfg =
        PoolConfig::new(library(), WorkerCommand::new(env!("CARGO_BIN_EXE_ecab-pdf-worker"), Vec::<OsString>::new()));
    cfg.workers = workers;
    cfg.extra_env = vec![(CRASH_MARKER_ENV.into(), CRASH_MARKER.into())];
    cfg
}

pub async fn pool(workers: usize) -> PdfPool {
    PdfPool::start(config(workers)).await.unwrap_or_else(|e| panic!("pool did not start: {e}"))
}

pub fn decode_png(png: &[u8]) -> image::RgbImage {
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    image::load_from_memory_with_format(png, image::ImageFormat::Png).expect("valid PNG").to_rgb8()
}

/// A one-page PDF, 200 × 100 pt: the left half red, the right half blue.
pub fn two_colour_pdf() -> Vec<u8> {
    one_page_pdf("", "1 0 0 rg 0 0 100 100 re f 0 0 1 rg 100 0 100 100 re f")
}

/// A one-page PDF, 200 × 100 pt, with `extra` in its page dictionary and `content` as its
/// content stream.
pub fn one_page_pdf(extra: &str, content: &str) -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] {extra} /Contents 4 0 R >>"),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    let trailer = format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1);
    pdf.extend_from_slice(trailer.as_bytes());
    pdf
}
