//! The text layer of a page: its words with their boxes, so a reader can select and highlight
//! text drawn over the page image.
//!
//! Boxes are fractions of the page's displayed width and height with the origin at the
//! top-left corner (the page image's own orientation), rounded to four decimals (about 0.1 pt
//! on A4) to keep the JSON small.

pub use ecab_protocol::document::{Rect, Word};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The text layer of one page, as found by [`PdfPool::page_text`](crate::PdfPool::page_text).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PageText {
    /// Page width in PDF points (1/72 inch), as displayed (after the page's rotation).
    pub width_pt: f32,
    /// Page height in PDF points, as displayed.
    pub height_pt: f32,
    /// The page's words in the order pdfium reads them.
    pub words: Vec<Word>,
}

/// One character as pdfium reports it: a UTF-16 code unit and its box, already converted to
/// page fractions with a top-left origin, as (left, top, right, bottom). `None` when pdfium
/// has no box for it (characters it generated, such as line breaks).
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawChar {
    pub unit: u32,
    pub bounds: Option<Bounds>,
}

/// Left, top, right, bottom in page fractions, top-left origin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Bounds {
    pub left: f32,
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
}

impl Bounds {
    fn union(self, other: Bounds) -> Bounds {
        Bounds {
            left: self.left.min(other.left),
            top: self.top.min(other.top),
            right: self.right.max(other.right),
            bottom: self.bottom.max(other.bottom),
        }
    }

    /// At its right edge, no width: the place of a character pdfium gave no box of its own.
    fn after(self) -> Bounds {
        Bounds { left: self.right, ..self }
    }

    fn intersects_page(self) -> bool {
        self.right >= 0.0 && self.left <= 1.0 && self.bottom >= 0.0 && self.top <= 1.0
    }

    fn to_rect(self) -> Rect {
        let clamp = |v: f32| if v.is_finite() { v.clamp(0.0, 1.0) } else { 0.0 };
        let (left, top) = (clamp(self.left), clamp(self.top));
        let (right, bottom) = (clamp(self.right).max(left), clamp(self.bottom).max(top));
        let (x, y) = (round4(left), round4(top));
        // Width and height from the rounded edges, so x + w never leaves the page.
        Rect { x, y, w: round4(round4(right) - x).max(0.0), h: round4(round4(bottom) - y).max(0.0) }
    }
}

/// Rounds to four decimals.
fn round4(v: f32) -> f32 {
    (f64::from(v) * 10_000.0).round() as f32 / 10_000.0
}

/// Decodes pdfium's UTF-16 code units into characters, each with its box; a surrogate pair is
/// one character with the box of both halves, a lone surrogate becomes U+FFFD.
fn decode(raw: impl IntoIterator<Item = RawChar>) -> Vec<(char, Option<Bounds>)> {
    let mut out: Vec<(char, Option<Bounds>)> = Vec::new();
    let mut high: Option<(u32, Option<Bounds>)> = None;
    for RawChar { unit, bounds } in raw {
        if let Some((h, h_bounds)) = high.take() {
            if (0xDC00..0xE000).contains(&unit) {
                let c = char::from_u32(0x10000 + ((h - 0xD800) << 10) + (unit - 0xDC00)).unwrap_or('\u{FFFD}');
                out.push((c, merge(h_bounds, bounds)));
                continue;
            }
            out.push(('\u{FFFD}', h_bounds));
        }
        if (0xD800..0xDC00).contains(&unit) {
            high = Some((unit, bounds));
        } else {
            out.push((char::from_u32(unit).unwrap_or('\u{FFFD}'), bounds));
        }
    }
    if let Some((_, h_bounds)) = high {
        out.push(('\u{FFFD}', h_bounds));
    }
    out
}

fn merge(a: Option<Bounds>, b: Option<Bounds>) -> Option<Bounds> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.union(b)),
        (a, b) => a.or(b),
    }
}

/// Splits pdfium's characters into words on white space. Control characters other than white
/// space are dropped; characters without a box take a zero-width box after the one before
/// them; words with no box at all or wholly off the page are left out.
pub(crate) fn words(raw: impl IntoIterator<Item = RawChar>) -> Vec<Word> {
    let mut words = Vec::new();
    let mut current: Vec<(char, Option<Bounds>)> = Vec::new();
    for (c, bounds) in decode(raw) {
        if c.is_whitespace() {
            words.extend(finish(&mut current));
        } else if !c.is_control() {
            current.push((c, bounds));
        }
    }
    words.extend(finish(&mut current));
    words
}

/// Turns the characters of one word into a [`Word`], composing each letter with its
/// combining marks (NFC); empties `chars`.
fn finish(chars: &mut Vec<(char, Option<Bounds>)>) -> Option<Word> {
    if chars.is_empty() {
        return None;
    }
    let taken = std::mem::take(chars);
    // Boxes: a character without one sits right after the previous one (or before the next).
    let mut boxes: Vec<Option<Bounds>> = taken.iter().map(|(_, b)| *b).collect();
    let mut last = None;
    for b in &mut boxes {
        match b {
            Some(found) => last = Some(*found),
            None => *b = last.map(Bounds::after),
        }
    }
    let first = boxes.iter().flatten().next().copied()?;
    for b in &mut boxes {
        b.get_or_insert(Bounds { right: first.left, ..first });
    }
    let boxes: Vec<Bounds> = boxes.into_iter().flatten().collect();
    let word_box = boxes.iter().copied().reduce(Bounds::union)?;
    if !word_box.intersects_page() {
        return None;
    }

    let mut text = String::new();
    let mut rects = Vec::new();
    let mut start = 0;
    while start < taken.len() {
        // A cluster: one character and the combining marks after it.
        let mut end = start + 1;
        while end < taken.len() && is_combining_mark(taken[end].0) {
            end += 1;
        }
        let cluster_box = boxes[start..end].iter().copied().reduce(Bounds::union).unwrap_or(first);
        if end - start == 1 {
            text.push(taken[start].0);
            rects.push(cluster_box.to_rect());
        } else {
            let composed: String = taken[start..end].iter().map(|(c, _)| *c).nfc().collect();
            for c in composed.chars() {
                text.push(c);
                rects.push(cluster_box.to_rect());
            }
        }
        start = end;
    }
    Some(Word { text, rect: word_box.to_rect(), chars: rects })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(left: f32, top: f32, right: f32, bottom: f32) -> Option<Bounds> {
        Some(Bounds { left, top, right, bottom })
    }

    fn units(s: &str, start: f32) -> Vec<RawChar> {
        let mut x = start;
        s.encode_utf16()
            .map(|unit| {
                let bounds = b(x, 0.1, x + 0.01, 0.12);
                x += 0.01;
                RawChar { unit: u32::from(unit), bounds }
            })
            .collect()
    }

    #[test]
    fn splits_on_white_space_and_drops_controls() {
        let mut raw = units("Xin chào\r\n–\ttrang\u{2}1", 0.1);
        raw.push(RawChar { unit: ' ' as u32, bounds: None });
        let got: Vec<String> = words(raw).into_iter().map(|w| w.text).collect();
        assert_eq!(got, ["Xin", "chào", "–", "trang1"]);
    }

    #[test]
    fn word_box_covers_its_characters() {
        let w = &words(units("Hòa", 0.2))[0];
        assert_eq!(w.chars.len(), 3);
        assert_eq!(w.rect, Rect { x: 0.2, y: 0.1, w: 0.03, h: 0.02 });
        assert_eq!(w.chars[1], Rect { x: 0.21, y: 0.1, w: 0.01, h: 0.02 });
    }

    #[test]
    fn combining_marks_compose_with_their_letter() {
        // "Việt" typed as V, i, e, combining dot below, combining circumflex, t.
        let raw = units("Vie\u{323}\u{302}t", 0.0);
        let w = &words(raw)[0];
        assert_eq!(w.text, "Việt");
        assert_eq!(w.chars.len(), 4);
        assert_eq!(w.chars[2], Rect { x: 0.02, y: 0.1, w: 0.03, h: 0.02 }, "ệ covers e and both marks");
        assert_eq!(w.chars[3].x, 0.05);
        // A mark with no precomposed form stays a character of its own, in the cluster's box.
        let w = &words(units("q\u{301}", 0.0))[0];
        assert_eq!(w.text, "q\u{301}");
        assert_eq!(w.chars.len(), 2);
    }

    #[test]
    fn surrogate_pairs_and_lone_surrogates() {
        let w = &words(units("a𝔸b", 0.0))[0];
        assert_eq!(w.text, "a𝔸b");
        assert_eq!(w.chars.len(), 3);
        assert_eq!(w.chars[1], Rect { x: 0.01, y: 0.1, w: 0.02, h: 0.02 });
        let lone =
            [RawChar { unit: 0xD800, bounds: b(0.0, 0.0, 0.1, 0.1) }, RawChar { unit: 'x' as u32, bounds: None }];
        assert_eq!(words(lone)[0].text, "\u{FFFD}x");
    }

    #[test]
    fn missing_boxes_and_off_page_words() {
        let raw = [
            RawChar { unit: 'a' as u32, bounds: None },
            RawChar { unit: 'b' as u32, bounds: b(0.5, 0.5, 0.6, 0.6) },
            RawChar { unit: 'c' as u32, bounds: None },
        ];
        let w = &words(raw)[0];
        assert_eq!(w.chars[0], Rect { x: 0.5, y: 0.5, w: 0.0, h: 0.1 });
        assert_eq!(w.chars[2], Rect { x: 0.6, y: 0.5, w: 0.0, h: 0.1 });
        assert!(words([RawChar { unit: 'z' as u32, bounds: None }]).is_empty(), "no box at all");
        assert!(words([RawChar { unit: 'z' as u32, bounds: b(1.2, 0.1, 1.3, 0.2) }]).is_empty(), "off the page");
    }

    #[test]
    fn boxes_are_clamped_and_rounded() {
        let w = &words([RawChar { unit: 'a' as u32, bounds: b(-0.1, 0.123_456, 0.333_333_3, 1.5) }])[0];
        assert_eq!(w.rect, Rect { x: 0.0, y: 0.1235, w: 0.3333, h: 0.8765 });
        let json = serde_json::to_string(&w.rect).unwrap();
        assert_eq!(json, r#"{"x":0.0,"y":0.1235,"w":0.3333,"h":0.8765}"#);
    }
}
