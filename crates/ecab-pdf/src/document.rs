//! What a worker does with pdfium: open, validate, extract text, render pages and export
//! annotated copies.
//!
//! Only worker processes call into this module; pdfium is never loaded by the pool's process.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use pdfium_render::prelude::*;

use crate::text::{Bounds, RawChar};
use crate::watermark::Stamp;
use crate::{DocInfo, ImageFormat, Mark, PageInfo, PageText, PdfError};

/// Widest rendering the pool accepts, in pixels.
pub const MAX_RENDER_WIDTH: u32 = 8192;
/// Largest rendering in pixels (width × height); very tall pages are scaled down to fit.
const MAX_RENDER_PIXELS: u64 = 64 * 1024 * 1024;
/// PDF readers look for the header and the end-of-file marker within this many bytes.
const SNIFF_WINDOW: u64 = 1024;

/// A loaded pdfium library.
pub(crate) struct Engine {
    pdfium: Pdfium,
}

/// A rendered page.
pub(crate) struct Rendered {
    pub width: u32,
    pub height: u32,
    pub format: ImageFormat,
    pub bytes: Vec<u8>,
}

impl Engine {
    /// Loads and initialises the library at `library`.
    pub fn load(library: &Path) -> Result<Engine, PdfError> {
        let bindings = Pdfium::bind_to_library(library)
            .map_err(|e| PdfError::LibraryLoad(format!("{}: {e}", library.display())))?;
        Ok(Engine { pdfium: Pdfium::new(bindings) })
    }

    /// Opens the document and touches every page, so damage anywhere is reported now.
    pub fn inspect(&self, path: &Path) -> Result<DocInfo, PdfError> {
        let sniff = Sniff::read(path)?;
        let doc = self.open(path, &sniff)?;
        if !sniff.has_eof_marker {
            return Err(PdfError::Corrupt("the file is truncated (no %%EOF marker at its end)".into()));
        }
        let pages = doc.pages();
        let page_count = page_count(pages)?;
        if page_count == 0 {
            return Err(PdfError::Corrupt("the document has no pages".into()));
        }
        let mut infos = Vec::with_capacity(page_count as usize);
        for index in 0..pages.len() {
            let page = pages.get(index).map_err(|e| corrupt_page(index, &e))?;
            let text = page.text().map_err(|e| corrupt_page(index, &e))?.all();
            infos.push(PageInfo { width_pt: page.width().value, height_pt: page.height().value, text });
        }
        let title = doc
            .metadata()
            .get(PdfDocumentMetadataTagType::Title)
            .map(|tag| tag.value().trim().to_string())
            .filter(|t| !t.is_empty());
        Ok(DocInfo { page_count, title, pages: infos })
    }

    /// Renders page `page` (from 0) `width_px` pixels wide, keeping the aspect ratio, with
    /// `watermark` drawn over it when given: as an RGB PNG, or when `compact` as an indexed PNG
    /// or a JPEG, whichever suits the page (see [`crate::compact`]).
    pub fn render(
        &self,
        path: &Path,
        page: u32,
        width_px: u32,
        watermark: Option<&str>,
        compact: bool,
    ) -> Result<Rendered, PdfError> {
        if width_px == 0 || width_px > MAX_RENDER_WIDTH {
            return Err(PdfError::InvalidWidth { width_px, max: MAX_RENDER_WIDTH });
        }
        let watermark = watermark.map(crate::watermark::validate).transpose()?;
        let sniff = Sniff::read(path)?;
        let mut doc = self.open(path, &sniff)?;
        let stamp = match &watermark {
            Some(text) => Some(Stamp::prepare(&mut doc, text)?),
            None => None,
        };
        let (index, mut pdf_page) = page_of(&doc, page)?;
        if let Some(stamp) = &stamp {
            stamp.apply(&doc, &mut pdf_page)?;
        }
        let max_height = (MAX_RENDER_PIXELS / u64::from(width_px)).min(i32::MAX as u64) as i32;
        let config = PdfRenderConfig::new()
            .set_target_width(width_px as i32)
            .set_maximum_height(max_height)
            // Three bytes per pixel with red first: rows go to the PNG encoder as they are.
            .set_format(PdfBitmapFormat::BGR)
            .set_reverse_byte_order(true)
            .render_form_data(true);
        let bitmap = pdf_page
            .render_with_config(&config)
            .map_err(|e| PdfError::Corrupt(format!("page {index} could not be rendered: {e}")))?;
        let (width, height) = (bitmap.width().max(0) as u32, bitmap.height().max(0) as u32);
        let raw = bitmap.as_raw_bytes();
        let (format, bytes) = if compact {
            crate::compact::encode(&crate::png::packed_rgb(&raw, width, height)?, width, height)?
        } else {
            (ImageFormat::Png, crate::png::encode_rgb(&raw, width, height)?)
        };
        Ok(Rendered { width, height, format, bytes })
    }

    /// The words of page `page` (from 0) with their boxes, in pdfium's reading order.
    pub fn page_text(&self, path: &Path, page: u32) -> Result<PageText, PdfError> {
        let sniff = Sniff::read(path)?;
        let doc = self.open(path, &sniff)?;
        let (index, pdf_page) = page_of(&doc, page)?;
        let to_unit = ToUnit::of(&pdf_page)?;
        let text = pdf_page.text().map_err(|e| corrupt_page(index, &e))?;
        let chars = text.chars();
        let raw = chars
            .iter()
            .map(|c| RawChar { unit: c.unicode_value(), bounds: c.loose_bounds().ok().map(|r| to_unit.bounds(&r)) });
        let words = crate::text::words(raw);
        Ok(PageText { width_pt: pdf_page.width().value, height_pt: pdf_page.height().value, words })
    }

    /// The document with `marks` added as PDF annotations, saved to bytes (see
    /// [`crate::annotate`]). Only pdfium's copy in memory is changed, never the file.
    pub fn annotate(&self, path: &Path, marks: &[Mark]) -> Result<Vec<u8>, PdfError> {
        crate::annotate::validate(marks)?;
        let sniff = Sniff::read(path)?;
        let doc = self.open(path, &sniff)?;
        let mut saved = crate::annotate::apply(&doc, marks)?;
        if let Err(reason) = crate::revision::append(&mut saved.pdf, &saved.ink) {
            // The strokes still show (pdfium wrote their appearance streams); only the list of
            // their points, which readers use to edit them, is left out.
            eprintln!("pdf worker: ink lists left out of an annotated export: {reason}");
        }
        Ok(saved.pdf)
    }

    fn open<'a>(&'a self, path: &Path, sniff: &Sniff) -> Result<PdfDocument<'a>, PdfError> {
        if !sniff.has_header {
            return Err(PdfError::NotPdf);
        }
        self.pdfium.load_pdf_from_file(path, None).map_err(classify_load_error)
    }
}

/// The affine map from page space (points, origin bottom-left, before the page's rotation) to
/// fractions of the displayed page with the origin at the top-left: `u = a·x + c·y + e`,
/// `v = b·x + d·y + f`. Taken from pdfium's own page-to-device mapping, so crop boxes and
/// rotated pages come out as the page image shows them.
struct ToUnit {
    a: f64,
    b: f64,
    c: f64,
    d: f64,
    e: f64,
    f: f64,
}

impl ToUnit {
    /// Device size used to sample the mapping: a millionth of the page is finer than the
    /// four decimals kept.
    const DEVICE: i32 = 1_000_000;
    /// Distance between the sampled points, in points.
    const SPAN: f32 = 1000.0;

    fn of(page: &PdfPage<'_>) -> Result<ToUnit, PdfError> {
        let config = PdfRenderConfig::new().set_fixed_size(Self::DEVICE, Self::DEVICE);
        let n = f64::from(Self::DEVICE);
        let map = |x: f32, y: f32| {
            page.points_to_pixels(PdfPoints::new(x), PdfPoints::new(y), &config)
                .map(|(px, py)| (f64::from(px) / n, f64::from(py) / n))
                .map_err(|e| PdfError::Corrupt(format!("page coordinates could not be mapped: {e}")))
        };
        let (e, f) = map(0.0, 0.0)?;
        let (x1, y1) = map(Self::SPAN, 0.0)?;
        let (x2, y2) = map(0.0, Self::SPAN)?;
        let span = f64::from(Self::SPAN);
        Ok(ToUnit { a: (x1 - e) / span, b: (y1 - f) / span, c: (x2 - e) / span, d: (y2 - f) / span, e, f })
    }

    fn point(&self, x: f32, y: f32) -> (f32, f32) {
        let (x, y) = (f64::from(x), f64::from(y));
        ((self.a * x + self.c * y + self.e) as f32, (self.b * x + self.d * y + self.f) as f32)
    }

    /// A page-space rectangle as page fractions; on a rotated page its corners swap roles.
    fn bounds(&self, r: &PdfRect) -> Bounds {
        let (u1, v1) = self.point(r.left().value, r.bottom().value);
        let (u2, v2) = self.point(r.right().value, r.top().value);
        Bounds { left: u1.min(u2), top: v1.min(v2), right: u1.max(u2), bottom: v1.max(v2) }
    }
}

fn page_count(pages: &PdfPages<'_>) -> Result<u32, PdfError> {
    u32::try_from(pages.len()).map_err(|_| PdfError::Corrupt("invalid page count".into()))
}

/// Page `page` (from 0) of `doc`, or why there is none.
pub(crate) fn page_of<'a>(doc: &PdfDocument<'a>, page: u32) -> Result<(PdfPageIndex, PdfPage<'a>), PdfError> {
    let pages = doc.pages();
    let page_count = page_count(pages)?;
    if page >= page_count {
        return Err(PdfError::PageOutOfRange { page, page_count });
    }
    let index = PdfPageIndex::try_from(page).map_err(|_| PdfError::PageOutOfRange { page, page_count })?;
    Ok((index, pages.get(index).map_err(|e| corrupt_page(index, &e))?))
}

fn corrupt_page(index: PdfPageIndex, e: &PdfiumError) -> PdfError {
    PdfError::Corrupt(format!("page {index} could not be loaded: {e}"))
}

fn classify_load_error(e: PdfiumError) -> PdfError {
    match e {
        PdfiumError::PdfiumLibraryInternalError(
            PdfiumInternalError::PasswordError | PdfiumInternalError::SecurityError,
        ) => PdfError::Encrypted,
        PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::FormatError) => {
            PdfError::Corrupt("the document structure could not be parsed".into())
        }
        PdfiumError::IoError(io) => PdfError::Io(io),
        other => PdfError::Corrupt(other.to_string()),
    }
}

/// What the first and last bytes of a file say about it.
struct Sniff {
    /// `%PDF-` within the first kilobyte.
    has_header: bool,
    /// `%%EOF` within the last kilobyte (missing when an upload or copy was cut short).
    has_eof_marker: bool,
}

impl Sniff {
    fn read(path: &Path) -> Result<Sniff, PdfError> {
        let mut file = File::open(path)?;
        let len = file.metadata()?.len();
        let mut head = Vec::new();
        file.by_ref().take(SNIFF_WINDOW).read_to_end(&mut head)?;
        let tail_start = len.saturating_sub(SNIFF_WINDOW);
        file.seek(SeekFrom::Start(tail_start))?;
        let mut tail = Vec::new();
        file.take(SNIFF_WINDOW).read_to_end(&mut tail)?;
        Ok(Sniff { has_header: contains(&head, b"%PDF-"), has_eof_marker: contains(&tail, b"%%EOF") })
    }
}

pub(crate) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}
