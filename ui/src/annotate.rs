//! Making annotations from what the user did on a page: a run of selected words, ink
//! strokes, a point for a note. Pure: the reader's pointer handling calls these with the
//! page's text layer, and checks the result with ecab-core's own rules before sending.

use ecab_core::anchor;
use ecab_core::annotations::{self, Shape};
use ecab_core::rules::Invalid;
use ecab_core::{AnnotationColor, AnnotationKind};
use ecab_protocol::annotation::{Anchor, CreateAnnotation, Point};
use ecab_protocol::document::{PageText, Rect};
use uuid::Uuid;

/// The word at or nearest to `p` (fractions of the page), if the page has words.
pub fn word_at(text: &PageText, p: Point) -> Option<usize> {
    let distance = |r: &Rect| {
        let dx = (r.x - p.x).max(p.x - (r.x + r.w)).max(0.0);
        // A line's height counts more than its width: stay on the line pointed at.
        let dy = (r.y - p.y).max(p.y - (r.y + r.h)).max(0.0) * 3.0;
        dx * dx + dy * dy
    };
    text.words
        .iter()
        .enumerate()
        .min_by(|(_, a), (_, b)| distance(&a.rect).total_cmp(&distance(&b.rect)))
        .map(|(i, _)| i)
}

/// The words from `a` to `b` (either order), inclusive, as a start and a length.
pub fn span(a: usize, b: usize) -> (usize, usize) {
    (a.min(b), a.max(b) - a.min(b) + 1)
}

fn texts(text: &PageText) -> Vec<&str> {
    text.words.iter().map(|w| w.text.as_str()).collect()
}

fn bounds(text: &PageText, start: usize, len: usize) -> Option<Rect> {
    text.words.get(start..start + len)?.iter().map(|w| w.rect).reduce(Rect::union)
}

/// The boxes, one per line, of the words `start..start+len`.
pub fn line_boxes(text: &PageText, start: usize, len: usize) -> Vec<Rect> {
    text.words.get(start..start + len).map(|w| Rect::lines(w.iter().map(|w| w.rect))).unwrap_or_default()
}

/// The anchor of a highlight or underline over the words `start..start+len`.
pub fn words_anchor(text: &PageText, start: usize, len: usize) -> Anchor {
    Anchor {
        sha256: text.sha256.clone(),
        page: text.page,
        rects: line_boxes(text, start, len),
        strokes: Vec::new(),
        point: None,
        quote: anchor::quote(&texts(text), start, len),
        quote_box: bounds(text, start, len),
    }
}

/// At most this many words are quoted for ink or a note (the words under or nearest to it).
const NEAR_WORDS: usize = 12;

/// The words under a box (ink), or the one nearest to its middle: what it is anchored to.
fn near(text: &PageText, area: Rect) -> Option<(usize, usize)> {
    let inside = |r: &Rect| r.x < area.x + area.w && r.x + r.w > area.x && r.y < area.y + area.h && r.y + r.h > area.y;
    let under: Vec<usize> = text.words.iter().enumerate().filter(|(_, w)| inside(&w.rect)).map(|(i, _)| i).collect();
    let (first, last) = match (under.first(), under.last()) {
        (Some(&f), Some(&l)) => (f, l),
        _ => {
            let i = word_at(text, Point { x: area.x + area.w / 2.0, y: area.y + area.h / 2.0 })?;
            (i, i)
        }
    };
    Some((first, (last - first + 1).min(NEAR_WORDS)))
}

fn anchored_near(text: &PageText, area: Rect, strokes: Vec<Vec<Point>>, point: Option<Point>) -> Anchor {
    let (quote, quote_box) = match near(text, area) {
        Some((start, len)) => (anchor::quote(&texts(text), start, len), bounds(text, start, len)),
        None => (Default::default(), None),
    };
    Anchor { sha256: text.sha256.clone(), page: text.page, rects: Vec::new(), strokes, point, quote, quote_box }
}

/// The anchor of ink strokes.
pub fn ink_anchor(text: &PageText, strokes: Vec<Vec<Point>>) -> Anchor {
    let all = strokes.iter().flatten();
    let (mut x0, mut y0, mut x1, mut y1) = (1.0f32, 1.0f32, 0.0f32, 0.0f32);
    for p in all {
        (x0, y0, x1, y1) = (x0.min(p.x), y0.min(p.y), x1.max(p.x), y1.max(p.y));
    }
    let area = Rect { x: x0, y: y0, w: (x1 - x0).max(0.0), h: (y1 - y0).max(0.0) };
    anchored_near(text, area, strokes, None)
}

/// The anchor of a note pinned at `p`.
pub fn note_anchor(text: &PageText, p: Point) -> Anchor {
    anchored_near(text, Rect { x: p.x, y: p.y, w: 0.0, h: 0.0 }, Vec::new(), Some(p))
}

/// A new annotation, checked with the rules the server applies.
pub fn create(
    id: Uuid,
    kind: AnnotationKind,
    color: AnnotationColor,
    note: &str,
    shared: bool,
    anchor: Anchor,
    page_count: u32,
) -> Result<CreateAnnotation, Invalid> {
    let note = annotations::note(kind, note)?.to_owned();
    let strokes: Vec<usize> = anchor.strokes.iter().map(Vec::len).collect();
    let shape = Shape { rects: anchor.rects.len(), strokes: &strokes, point: anchor.point.is_some() };
    annotations::anchor(kind, shape, anchor.coords(), anchor.page, page_count)?;
    Ok(CreateAnnotation { id, kind, color, note, shared, anchor })
}

/// A point of the page from a pointer position inside the page's box on screen.
pub fn point_in(x: f64, y: f64, left: f64, top: f64, width: f64, height: f64) -> Point {
    let f = |v: f64, o: f64, s: f64| if s > 0.0 { ((v - o) / s).clamp(0.0, 1.0) as f32 } else { 0.0 };
    Point { x: f(x, left, width), y: f(y, top, height) }
}

#[cfg(test)]
mod tests {
    use ecab_protocol::document::Word;

    use super::*;

    fn page() -> PageText {
        let words = ["Báo", "cáo", "kinh", "tế", "xã", "hội", "năm", "2026"];
        let word = |i: usize, t: &str| {
            let (x, y) = (0.1 * (i % 4) as f32 + 0.05, if i < 4 { 0.1 } else { 0.2 });
            let rect = Rect { x, y, w: 0.08, h: 0.03 };
            Word { text: t.into(), rect, chars: vec![rect; t.chars().count()] }
        };
        PageText {
            sha256: "a".repeat(64),
            page: 0,
            width_pt: 595.0,
            height_pt: 842.0,
            words: words.iter().enumerate().map(|(i, t)| word(i, t)).collect(),
        }
    }

    #[test]
    fn a_drag_over_two_lines_quotes_its_words_with_a_box_per_line() {
        let p = page();
        let (start, len) = span(5, 2);
        let a = words_anchor(&p, start, len);
        assert_eq!(a.quote.exact, "kinh tế xã hội");
        assert_eq!(a.quote.prefix, "Báo cáo");
        assert_eq!(a.quote.suffix, "năm 2026");
        assert_eq!(a.rects.len(), 2, "{:?}", a.rects);
        assert!(create(Uuid::nil(), AnnotationKind::Highlight, AnnotationColor::Yellow, "", false, a, 1).is_ok());
    }

    #[test]
    fn the_nearest_word_stays_on_the_line_pointed_at() {
        let p = page();
        assert_eq!(word_at(&p, Point { x: 0.06, y: 0.11 }), Some(0));
        assert_eq!(word_at(&p, Point { x: 0.99, y: 0.21 }), Some(7));
        let empty = PageText { words: vec![], ..page() };
        assert_eq!(word_at(&empty, Point { x: 0.5, y: 0.5 }), None);
    }

    #[test]
    fn ink_and_notes_are_anchored_to_the_words_near_them() {
        let p = page();
        let ink = ink_anchor(&p, vec![vec![Point { x: 0.15, y: 0.11 }, Point { x: 0.3, y: 0.12 }]]);
        assert_eq!(ink.quote.exact, "cáo kinh", "the words under the stroke");
        assert!(ink.quote_box.is_some());
        let note = note_anchor(&p, Point { x: 0.9, y: 0.9 });
        assert_eq!(note.quote.exact, "2026");
        let refused = create(Uuid::nil(), AnnotationKind::Note, AnnotationColor::Yellow, " ", false, note, 1);
        assert!(refused.is_err(), "a note needs its text");
    }
}
