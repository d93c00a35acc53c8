//! Annotated export: a document with a delegate's marks written into it as real PDF
//! annotations (Highlight, Underline, Ink, Text), so any PDF reader shows them and lists them
//! with their comments and authors.
//!
//! Marks use the coordinates of the text layer ([`PageText`](crate::PageText)): fractions
//! 0..1 of the page as displayed, with the origin at its top-left corner. The worker converts
//! them to PDF user space (points from the bottom-left of the page, before its rotation) with
//! pdfium's own page-to-device mapping, so the crop box and a page's `/Rotate` are honoured the
//! same way as by rendering and by the text layer. Rectangles stay axis-aligned because page
//! rotations are multiples of 90°; a note's 20 pt icon is placed with its displayed top-left
//! corner at the point, moved just enough to stay on the page near its right or bottom edge. The page's content stream is never rewritten.
//!
//! Appearance streams: readers differ in whether they draw an annotation that has none, so
//! every exported annotation carries one. pdfium generates them for highlights, underlines and
//! notes when it first lays out a page's annotations; the worker therefore renders each page
//! it annotated once (a tiny bitmap, thrown away) before saving. (Annotations already in the
//! document that lack an appearance stream get one the same way on those pages, and pdfium
//! marks generated streams with its private key `PDFIUM_HasGeneratedAP`, which readers ignore.) Ink strokes are drawn as path
//! objects inside the annotation, which pdfium turns into the annotation's appearance stream;
//! their `/InkList` is added to the saved file afterwards (see [`crate::revision`]).

use std::collections::BTreeMap;

use pdfium_render::prelude::*;
use serde::{Deserialize, Serialize};

use crate::revision::{Addition, number};
use crate::{PdfError, Rect};

/// Most marks one export accepts.
pub const MAX_MARKS: usize = 5000;
/// Most rectangles in one highlight or underline.
pub const MAX_MARK_RECTS: usize = 1000;
/// Most ink points in one export, all strokes of all marks together.
pub const MAX_INK_POINTS: usize = 200_000;
/// Longest comment (`contents`), in characters.
pub const MAX_CONTENTS_CHARS: usize = 20_000;
/// Longest author name, in characters.
pub const MAX_AUTHOR_CHARS: usize = 200;

/// Width of an ink stroke, in points.
const INK_WIDTH: f32 = 2.0;
/// Side of a note's icon, in points (the size pdfium draws the icon).
const NOTE_SIZE: f32 = 20.0;
/// Slack allowed past the page's edge for coordinates rounded to four decimals.
const EDGE_SLACK: f32 = 1e-3;

/// One of a delegate's marks on a page.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Mark {
    /// The page, from 0.
    pub page: u32,
    pub kind: MarkKind,
    /// The colour, RGB.
    pub color: [u8; 3],
    /// Who made the mark (the annotation's title, `T`, which readers show as the author).
    pub author: String,
    /// The comment (the annotation's `Contents`); may be empty.
    pub contents: String,
}

/// What a mark is. All coordinates are fractions 0..1 of the page as displayed, from its
/// top-left corner.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum MarkKind {
    /// A highlight over text: one quadrilateral per rectangle (usually one per line).
    Highlight { rects: Vec<Rect> },
    /// An underline of text: one quadrilateral per rectangle, the line at its bottom.
    Underline { rects: Vec<Rect> },
    /// Free-hand strokes, each a list of points.
    Ink { strokes: Vec<Vec<Point>> },
    /// A note: an icon with its top-left corner at `at` (moved onto the page when `at` is too
    /// close to the right or bottom edge for it); the comment opens from it.
    Note { at: Point },
}

/// A point on a page, in fractions 0..1 of the page from its top-left corner.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

impl Mark {
    /// An annotation of the reader as a mark for the export, by `author`; `None` when its
    /// shape does not fit its kind (nothing to draw).
    pub fn of(a: &ecab_protocol::annotation::Annotation, author: &str) -> Option<Mark> {
        use ecab_protocol::AnnotationKind as K;
        let anchor = &a.anchor;
        let kind = match a.kind {
            K::Highlight if !anchor.rects.is_empty() => MarkKind::Highlight { rects: anchor.rects.clone() },
            K::Underline if !anchor.rects.is_empty() => MarkKind::Underline { rects: anchor.rects.clone() },
            K::Ink if !anchor.strokes.is_empty() => MarkKind::Ink {
                strokes: anchor.strokes.iter().map(|s| s.iter().map(|p| Point { x: p.x, y: p.y }).collect()).collect(),
            },
            K::Note => anchor.point.map(|p| MarkKind::Note { at: Point { x: p.x, y: p.y } })?,
            _ => return None,
        };
        Some(Mark {
            page: anchor.page,
            kind,
            color: a.color.rgb(),
            author: author.to_owned(),
            contents: a.note.clone(),
        })
    }
}

/// Checks everything that can be checked without the document: counts, lengths and
/// coordinates. Pages are checked against the document by the worker.
pub(crate) fn validate(marks: &[Mark]) -> Result<(), PdfError> {
    if marks.len() > MAX_MARKS {
        return Err(PdfError::TooManyMarks { count: marks.len(), max: MAX_MARKS });
    }
    let mut ink_points = 0usize;
    for (index, mark) in marks.iter().enumerate() {
        let invalid = |reason: String| PdfError::InvalidMark { index, reason };
        check_text(&mark.author, "author", MAX_AUTHOR_CHARS, false).map_err(invalid)?;
        check_text(&mark.contents, "contents", MAX_CONTENTS_CHARS, true).map_err(invalid)?;
        match &mark.kind {
            MarkKind::Highlight { rects } | MarkKind::Underline { rects } => {
                if rects.is_empty() {
                    return Err(invalid("no rectangles".into()));
                }
                if rects.len() > MAX_MARK_RECTS {
                    return Err(invalid(format!("{} rectangles (at most {MAX_MARK_RECTS})", rects.len())));
                }
                for r in rects {
                    check_rect(r).map_err(invalid)?;
                }
            }
            MarkKind::Ink { strokes } => {
                if strokes.is_empty() {
                    return Err(invalid("no strokes".into()));
                }
                for stroke in strokes {
                    if stroke.is_empty() {
                        return Err(invalid("an empty stroke".into()));
                    }
                    ink_points = ink_points.saturating_add(stroke.len());
                    if ink_points > MAX_INK_POINTS {
                        return Err(invalid(format!("more than {MAX_INK_POINTS} ink points in the export")));
                    }
                    for p in stroke {
                        check_point(p).map_err(invalid)?;
                    }
                }
            }
            MarkKind::Note { at } => check_point(at).map_err(invalid)?,
        }
    }
    Ok(())
}

fn check_text(text: &str, what: &str, max: usize, multi_line: bool) -> Result<(), String> {
    let count = text.chars().count();
    if count > max {
        return Err(format!("{what} is {count} characters long (at most {max})"));
    }
    let allowed = |c: char| multi_line && matches!(c, '\n' | '\r' | '\t');
    if text.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(format!("{what} holds control characters"));
    }
    Ok(())
}

fn in_unit(v: f32) -> bool {
    v.is_finite() && (0.0..=1.0).contains(&v)
}

fn check_point(p: &Point) -> Result<(), String> {
    if in_unit(p.x) && in_unit(p.y) {
        Ok(())
    } else {
        Err(format!("point ({}, {}) is not on the page (coordinates are fractions 0..1)", p.x, p.y))
    }
}

fn check_rect(r: &Rect) -> Result<(), String> {
    let fits = |start: f32, len: f32| in_unit(start) && len.is_finite() && len > 0.0 && start + len <= 1.0 + EDGE_SLACK;
    if fits(r.x, r.w) && fits(r.y, r.h) {
        Ok(())
    } else {
        Err(format!(
            "rectangle (x {}, y {}, w {}, h {}) is empty or not on the page (coordinates are fractions 0..1)",
            r.x, r.y, r.w, r.h
        ))
    }
}

/// The affine map from fractions of the displayed page (origin top-left) to page space
/// (points, origin bottom-left, before the page's rotation): `x = a·u + c·v + e`,
/// `y = b·u + d·v + f`. Sampled from pdfium's device-to-page mapping.
struct FromUnit {
    a: f64,
    b: f64,
    c: f64,
    d: f64,
    e: f64,
    f: f64,
}

impl FromUnit {
    /// Device size used to sample the mapping (a millionth of the page).
    const DEVICE: i32 = 1_000_000;

    fn of(page: &PdfPage<'_>) -> Result<FromUnit, PdfError> {
        let config = PdfRenderConfig::new().set_fixed_size(Self::DEVICE, Self::DEVICE);
        let map = |px: i32, py: i32| {
            page.pixels_to_points(px, py, &config)
                .map(|(x, y)| (f64::from(x.value), f64::from(y.value)))
                .map_err(|e| PdfError::Corrupt(format!("page coordinates could not be mapped: {e}")))
        };
        let (e, f) = map(0, 0)?;
        let (x1, y1) = map(Self::DEVICE, 0)?;
        let (x2, y2) = map(0, Self::DEVICE)?;
        Ok(FromUnit { a: x1 - e, b: y1 - f, c: x2 - e, d: y2 - f, e, f })
    }

    fn point(&self, u: f32, v: f32) -> (f32, f32) {
        let (u, v) = (f64::from(u), f64::from(v));
        ((self.a * u + self.c * v + self.e) as f32, (self.b * u + self.d * v + self.f) as f32)
    }

    /// A displayed rectangle in page space; on a rotated page its corners swap roles.
    fn rect(&self, r: &Rect) -> PdfRect {
        let (x1, y1) = self.point(r.x, r.y);
        let (x2, y2) = self.point((r.x + r.w).min(1.0), (r.y + r.h).min(1.0));
        PdfRect::new_from_values(y1.min(y2), x1.min(x2), y1.max(y2), x1.max(x2))
    }

    /// The page-space square of side `size` points whose displayed top-left corner is at `p`,
    /// moved left or up as far as needed for it to stay on the page.
    fn square_at(&self, p: &Point, size: f32) -> PdfRect {
        // The displayed width and height in points: the lengths of the page's unit axes.
        let fit = |v: f32, extent: f64| {
            if extent > 0.0 { v.min((1.0 - f64::from(size) / extent).max(0.0) as f32) } else { v }
        };
        let (x, y) = self.point(fit(p.x, self.a.hypot(self.b)), fit(p.y, self.c.hypot(self.d)));
        let unit = |dx: f64, dy: f64| {
            let len = dx.hypot(dy);
            if len > 0.0 { ((dx / len) as f32 * size, (dy / len) as f32 * size) } else { (0.0, 0.0) }
        };
        // One step right and one step down, as displayed.
        let (rx, ry) = unit(self.a, self.b);
        let (dx, dy) = unit(self.c, self.d);
        let (x2, y2) = (x + rx + dx, y + ry + dy);
        PdfRect::new_from_values(y.min(y2), x.min(x2), y.max(y2), x.max(x2))
    }
}

fn union(a: PdfRect, b: PdfRect) -> PdfRect {
    PdfRect::new_from_values(
        a.bottom().value.min(b.bottom().value),
        a.left().value.min(b.left().value),
        a.top().value.max(b.top().value),
        a.right().value.max(b.right().value),
    )
}

/// The quadrilateral of a text-markup annotation for `r`, corners in the order readers
/// expect: top-left, top-right, bottom-left, bottom-right.
fn quad(r: &PdfRect) -> PdfQuadPoints {
    let (l, b, rt, t) = (r.left().value, r.bottom().value, r.right().value, r.top().value);
    PdfQuadPoints::new_from_values(l, t, rt, t, l, b, rt, b)
}

/// A document saved by [`apply`], and the entries its ink annotations still lack (their
/// `/InkList` and pen width), for [`crate::revision::append`].
pub(crate) struct Saved {
    pub pdf: Vec<u8>,
    pub ink: Vec<Addition>,
}

/// Adds `marks` to `doc` (the worker's copy, opened from the file) and saves it to bytes. The
/// file itself is never written.
pub(crate) fn apply(doc: &PdfDocument<'_>, marks: &[Mark]) -> Result<Saved, PdfError> {
    validate(marks)?;
    let page_count = u32::try_from(doc.pages().len()).map_err(|_| PdfError::Corrupt("invalid page count".into()))?;
    let mut by_page: BTreeMap<u32, Vec<(usize, &Mark)>> = BTreeMap::new();
    for (index, mark) in marks.iter().enumerate() {
        if mark.page >= page_count {
            return Err(PdfError::PageOutOfRange { page: mark.page, page_count });
        }
        by_page.entry(mark.page).or_default().push((index, mark));
    }
    let mut ink = Vec::new();
    for (page_number, page_marks) in by_page {
        let (_, mut page) = crate::document::page_of(doc, page_number)?;
        // Annotations live outside the page's content; its content stream stays as it is.
        page.set_content_regeneration_strategy(PdfPageContentRegenerationStrategy::Manual);
        let map = FromUnit::of(&page)?;
        let on_page = page_marks.len();
        for (place, (index, mark)) in page_marks.into_iter().enumerate() {
            let strokes = add(doc, &mut page, &map, mark).map_err(|e| PdfError::InvalidMark {
                index,
                reason: format!("pdfium could not create the annotation: {e}"),
            })?;
            if let Some(strokes) = strokes {
                // pdfium appends new annotations to the end of the page's `/Annots`.
                ink.push(Addition {
                    page: page_number,
                    from_end: on_page - 1 - place,
                    subtype: "Ink",
                    key: "InkList",
                    entries: ink_entries(&strokes),
                });
            }
        }
        // Laying out the page's annotations makes pdfium generate the missing appearance
        // streams (highlight, underline, note), which are then saved with the document.
        let config = PdfRenderConfig::new().set_fixed_size(8, 8).render_annotations(true);
        page.render_with_config(&config)
            .map_err(|e| PdfError::Corrupt(format!("page {page_number} could not be laid out: {e}")))?;
    }
    let pdf = doc
        .save_to_bytes()
        .map_err(|e| PdfError::Corrupt(format!("the annotated document could not be saved: {e}")))?;
    Ok(Saved { pdf, ink })
}

/// An ink annotation's `/InkList` (one array of x y pairs per stroke, in page space) and its
/// pen width (`/BS`), which readers use when they redraw or edit the strokes.
fn ink_entries(strokes: &[Vec<(f32, f32)>]) -> String {
    let mut out = String::from("/InkList[");
    for stroke in strokes {
        out.push('[');
        for (i, &(x, y)) in stroke.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&number(x));
            out.push(' ');
            out.push_str(&number(y));
        }
        out.push(']');
    }
    out.push_str("]/BS<</W ");
    out.push_str(&number(INK_WIDTH));
    out.push_str(">>");
    out
}

/// Adds one mark to `page`; for ink, answers its strokes in page space.
fn add(
    doc: &PdfDocument<'_>,
    page: &mut PdfPage<'_>,
    map: &FromUnit,
    mark: &Mark,
) -> Result<Option<Vec<Vec<(f32, f32)>>>, PdfiumError> {
    let [r, g, b] = mark.color;
    let color = PdfColor::new(r, g, b, 255);
    let annotations = page.annotations_mut();
    match &mark.kind {
        MarkKind::Highlight { rects } => {
            let mut annotation = annotations.create_highlight_annotation()?;
            let (bounds, quads) = markup(map, rects);
            annotation.set_bounds(bounds)?;
            add_quads(annotation.attachment_points_mut(), quads)?;
            finish(&mut annotation, color, &mark.contents, &mark.author).map(|()| None)
        }
        MarkKind::Underline { rects } => {
            let mut annotation = annotations.create_underline_annotation()?;
            let (bounds, quads) = markup(map, rects);
            annotation.set_bounds(bounds)?;
            add_quads(annotation.attachment_points_mut(), quads)?;
            finish(&mut annotation, color, &mark.contents, &mark.author).map(|()| None)
        }
        MarkKind::Note { at } => {
            let mut annotation = annotations.create_text_annotation(&mark.contents)?;
            annotation.set_bounds(map.square_at(at, NOTE_SIZE))?;
            finish(&mut annotation, color, &mark.contents, &mark.author).map(|()| None)
        }
        MarkKind::Ink { strokes } => {
            let mut annotation = annotations.create_ink_annotation()?;
            let points: Vec<Vec<(f32, f32)>> =
                strokes.iter().map(|s| s.iter().map(|p| map.point(p.x, p.y)).collect()).collect();
            let pad = INK_WIDTH;
            let (mut left, mut bottom, mut right, mut top) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
            for &(x, y) in points.iter().flatten() {
                (left, bottom, right, top) = (left.min(x), bottom.min(y), right.max(x), top.max(y));
            }
            // The bounds come first: the appearance stream's box is taken from them. The colour
            // too: once the annotation has an appearance stream, pdfium refuses to set it (and
            // pdfium-render's fallback for that case crashes).
            annotation.set_bounds(PdfRect::new_from_values(bottom - pad, left - pad, top + pad, right + pad))?;
            finish(&mut annotation, color, &mark.contents, &mark.author)?;
            for stroke in &points {
                let (x0, y0) = stroke[0];
                let mut path = PdfPagePathObject::new(
                    doc,
                    PdfPoints::new(x0),
                    PdfPoints::new(y0),
                    Some(color),
                    Some(PdfPoints::new(INK_WIDTH)),
                    None,
                )?;
                path.set_line_cap(PdfPageObjectLineCap::Round)?;
                path.set_line_join(PdfPageObjectLineJoin::Round)?;
                if stroke.len() == 1 {
                    // A tap: a dot, drawn by the round cap of a very short line.
                    path.line_to(PdfPoints::new(x0 + 0.01), PdfPoints::new(y0))?;
                }
                for &(x, y) in &stroke[1..] {
                    path.line_to(PdfPoints::new(x), PdfPoints::new(y))?;
                }
                annotation.objects_mut().add_path_object(path)?;
            }
            Ok(Some(points))
        }
    }
}

/// The bounds and quadrilaterals of a highlight or underline.
fn markup(map: &FromUnit, rects: &[Rect]) -> (PdfRect, Vec<PdfQuadPoints>) {
    let boxes: Vec<PdfRect> = rects.iter().map(|r| map.rect(r)).collect();
    let bounds = boxes.iter().copied().reduce(union).unwrap_or(PdfRect::ZERO);
    (bounds, boxes.iter().map(quad).collect())
}

fn add_quads(points: &mut PdfPageAnnotationAttachmentPoints<'_>, quads: Vec<PdfQuadPoints>) -> Result<(), PdfiumError> {
    for q in quads {
        points.create_attachment_point_at_end(q)?;
    }
    Ok(())
}

/// Colour, comment, author and flags, common to every kind.
fn finish(
    annotation: &mut impl PdfPageAnnotationCommon,
    color: PdfColor,
    contents: &str,
    author: &str,
) -> Result<(), PdfiumError> {
    annotation.set_stroke_color(color)?;
    annotation.set_contents(contents)?;
    annotation.set_creator(author)?;
    annotation.set_is_printed(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(kind: MarkKind) -> Mark {
        Mark { page: 0, kind, color: [255, 220, 0], author: "Nguyễn Văn A".into(), contents: "Xem lại".into() }
    }

    fn rect(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect { x, y, w, h }
    }

    #[test]
    fn accepts_each_kind() {
        let marks = [
            mark(MarkKind::Highlight { rects: vec![rect(0.1, 0.1, 0.5, 0.02), rect(0.0, 0.98, 1.0, 0.02)] }),
            mark(MarkKind::Underline { rects: vec![rect(0.1, 0.2, 0.3, 0.02)] }),
            mark(MarkKind::Ink { strokes: vec![vec![Point { x: 0.0, y: 0.0 }, Point { x: 1.0, y: 1.0 }]] }),
            mark(MarkKind::Note { at: Point { x: 0.5, y: 0.5 } }),
        ];
        validate(&marks).unwrap();
    }

    #[test]
    fn refuses_bad_coordinates() {
        let bad = [
            mark(MarkKind::Highlight { rects: vec![rect(f32::NAN, 0.1, 0.1, 0.1)] }),
            mark(MarkKind::Underline { rects: vec![rect(0.5, 0.1, 0.6, 0.1)] }),
            mark(MarkKind::Highlight { rects: vec![rect(0.5, 0.1, 0.0, 0.1)] }),
            mark(MarkKind::Highlight { rects: vec![] }),
            mark(MarkKind::Ink { strokes: vec![vec![Point { x: 0.1, y: f32::INFINITY }]] }),
            mark(MarkKind::Ink { strokes: vec![vec![]] }),
            mark(MarkKind::Note { at: Point { x: -0.01, y: 0.5 } }),
        ];
        for m in bad {
            let err = validate(std::slice::from_ref(&m)).unwrap_err();
            assert!(matches!(err, PdfError::InvalidMark { index: 0, .. }), "{m:?}: {err}");
        }
    }

    #[test]
    fn refuses_too_much() {
        let note = mark(MarkKind::Note { at: Point { x: 0.5, y: 0.5 } });
        let many = vec![note.clone(); MAX_MARKS + 1];
        assert!(
            matches!(validate(&many), Err(PdfError::TooManyMarks { count, max: MAX_MARKS }) if count == MAX_MARKS + 1)
        );
        let stroke = vec![Point { x: 0.5, y: 0.5 }; MAX_INK_POINTS / 2 + 1];
        let ink = mark(MarkKind::Ink { strokes: vec![stroke.clone(), stroke] });
        assert!(matches!(validate(&[ink]), Err(PdfError::InvalidMark { index: 0, .. })));
        let long = Mark { contents: "a".repeat(MAX_CONTENTS_CHARS + 1), ..note.clone() };
        assert!(matches!(validate(&[note.clone(), long]), Err(PdfError::InvalidMark { index: 1, .. })));
        let control = Mark { author: "A\u{0}B".into(), ..note };
        assert!(matches!(validate(&[control]), Err(PdfError::InvalidMark { index: 0, .. })));
    }
}
