//! The reader's name drawn over a page before it is rendered: diagonal, repeated and
//! semi-transparent, so the page stays readable and any photo or screenshot of it names its
//! reader.
//!
//! The text is added as pdfium text objects to the page loaded for this one request (the
//! document is opened per request and never saved, so nothing persists). The page's content
//! stream is not regenerated: pdfium renders the objects it holds in memory.

use pdfium_render::prelude::*;

use crate::PdfError;

/// DejaVu Sans covers Vietnamese (precomposed letters and combining marks).
const FONT: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
/// Longest watermark text accepted, in characters.
pub const MAX_WATERMARK_CHARS: usize = 120;
/// Grey at about 22 % opacity: visible on white, the page's text stays readable through it.
const COLOUR: (u8, u8, u8, u8) = (110, 110, 110, 56);
const ANGLE_DEGREES: f32 = 30.0;
/// Font size as a share of the page's shorter side (about 24 pt on A4).
const FONT_SCALE: f32 = 0.04;
/// Distance between rows as a multiple of the font size.
const ROW_SPACING: f32 = 6.0;
/// Gap between repetitions along a row as a multiple of the font size.
const COLUMN_GAP: f32 = 4.0;

/// Checks and normalises a watermark text: trimmed, not empty, no control characters, at most
/// [`MAX_WATERMARK_CHARS`] characters.
pub(crate) fn validate(text: &str) -> Result<String, PdfError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(PdfError::InvalidWatermark("the watermark text is empty".into()));
    }
    if text.chars().any(char::is_control) {
        return Err(PdfError::InvalidWatermark("the watermark text contains control characters".into()));
    }
    if text.chars().count() > MAX_WATERMARK_CHARS {
        return Err(PdfError::InvalidWatermark(format!(
            "the watermark text is longer than {MAX_WATERMARK_CHARS} characters"
        )));
    }
    Ok(text.to_owned())
}

/// A person's name made fit for a watermark: control characters become spaces, the text is
/// trimmed and cut to [`MAX_WATERMARK_CHARS`] characters; `None` when nothing is left.
pub fn watermark_text(name: &str) -> Option<String> {
    let clean: String = name.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let cut: String = clean.trim().chars().take(MAX_WATERMARK_CHARS).collect();
    let cut = cut.trim_end();
    (!cut.is_empty()).then(|| cut.to_owned())
}

/// Where the repetitions go: centres in page space for a text `text_w` points wide, in font
/// size `size`, covering the rectangle `page` (left, bottom, right, top).
fn centres(page: (f32, f32, f32, f32), text_w: f32, size: f32) -> Vec<(f32, f32)> {
    let (left, bottom, right, top) = page;
    let (cx, cy) = ((left + right) / 2.0, (bottom + top) / 2.0);
    let reach = ((right - left).hypot(top - bottom) + text_w) / 2.0;
    let (sin, cos) = ANGLE_DEGREES.to_radians().sin_cos();
    let (col_step, row_step) = (text_w + COLUMN_GAP * size, ROW_SPACING * size);
    let rows = (reach / row_step).ceil() as i32;
    let cols = (reach / col_step).ceil() as i32 + 1;
    let margin = text_w / 2.0;
    let mut out = Vec::new();
    for row in -rows..=rows {
        // Every other row is shifted by half a step, so repetitions do not line up in columns.
        let shift = if row % 2 == 0 { 0.0 } else { col_step / 2.0 };
        let v = row as f32 * row_step;
        for col in -cols..=cols {
            let u = col as f32 * col_step + shift;
            let (x, y) = (cx + u * cos - v * sin, cy + u * sin + v * cos);
            if x > left - margin && x < right + margin && y > bottom - margin && y < top + margin {
                out.push((x, y));
            }
        }
    }
    out
}

/// A watermark ready to be drawn on pages of one document: its font loaded into it.
pub(crate) struct Stamp<'t> {
    text: &'t str,
    font: PdfFontToken,
}

fn failed(what: &str, e: PdfiumError) -> PdfError {
    PdfError::Corrupt(format!("the watermark could not be {what}: {e}"))
}

impl<'t> Stamp<'t> {
    /// Loads the font into `doc` for the (already validated) `text`.
    pub fn prepare(doc: &mut PdfDocument<'_>, text: &'t str) -> Result<Stamp<'t>, PdfError> {
        let font = doc.fonts_mut().load_true_type_from_bytes(FONT, true).map_err(|e| failed("prepared", e))?;
        Ok(Stamp { text, font })
    }

    /// Adds the repetitions to `page` (of the document the stamp was prepared for). They
    /// last as long as this loaded page: render it, do not reload it.
    pub fn apply<'a>(&self, doc: &PdfDocument<'a>, page: &mut PdfPage<'a>) -> Result<(), PdfError> {
        // Keep pdfium from rewriting the page's content stream for every object added.
        page.set_content_regeneration_strategy(PdfPageContentRegenerationStrategy::Manual);
        let bounds = page
            .boundaries()
            .media()
            .map(|b| (b.bounds.left().value, b.bounds.bottom().value, b.bounds.right().value, b.bounds.top().value))
            .unwrap_or((0.0, 0.0, page.width().value, page.height().value));
        let size = ((bounds.2 - bounds.0).abs().min((bounds.3 - bounds.1).abs()) * FONT_SCALE).max(4.0);
        let (r, g, b, a) = COLOUR;
        let make = || -> Result<PdfPageTextObject<'a>, PdfiumError> {
            let mut object = PdfPageTextObject::new(doc, self.text, self.font, PdfPoints::new(size))?;
            object.set_fill_color(PdfColor::new(r, g, b, a))?;
            Ok(object)
        };
        let text_w = make().and_then(|probe| probe.width()).map_err(|e| failed("measured", e))?.value.max(size);
        for (x, y) in centres(bounds, text_w, size) {
            let placed = make().and_then(|mut object| {
                object.translate(PdfPoints::new(-text_w / 2.0), PdfPoints::new(-size / 3.0))?;
                object.rotate_counter_clockwise_degrees(ANGLE_DEGREES)?;
                object.translate(PdfPoints::new(x), PdfPoints::new(y))?;
                page.objects_mut().add_text_object(object).map(drop)
            });
            placed.map_err(|e| failed("placed", e))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_checked() {
        assert_eq!(validate("  Nguyễn Văn Ả ").unwrap(), "Nguyễn Văn Ả");
        assert!(matches!(validate(" \t "), Err(PdfError::InvalidWatermark(_))));
        assert!(matches!(validate("a\nb"), Err(PdfError::InvalidWatermark(_))));
        assert!(validate(&"ệ".repeat(MAX_WATERMARK_CHARS)).is_ok());
        assert!(matches!(validate(&"ệ".repeat(MAX_WATERMARK_CHARS + 1)), Err(PdfError::InvalidWatermark(_))));
    }

    #[test]
    fn names_are_made_fit() {
        assert_eq!(watermark_text(" Phạm\tThị Ngọc ").as_deref(), Some("Phạm Thị Ngọc"));
        assert_eq!(watermark_text("\n \u{7}"), None);
        let long = watermark_text(&"Ư".repeat(500)).unwrap();
        assert_eq!(long.chars().count(), MAX_WATERMARK_CHARS);
        assert!(validate(&long).is_ok());
    }

    #[test]
    fn repetitions_cover_the_page() {
        let a4 = (0.0, 0.0, 595.0, 842.0);
        let spots = centres(a4, 200.0, 24.0);
        assert!(spots.len() >= 6, "{} repetitions", spots.len());
        // Every quarter of the page gets at least one.
        for (qx, qy) in [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)] {
            let hit = spots
                .iter()
                .any(|&(x, y)| (x - 297.5 * qx - 148.0).abs() < 200.0 && (y - 421.0 * qy - 210.0).abs() < 260.0);
            assert!(hit, "quarter {qx},{qy}: {spots:?}");
        }
    }
}
