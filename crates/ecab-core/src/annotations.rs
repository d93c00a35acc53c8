//! Annotations on a meeting's documents (ghi chú): highlights and underlines of words,
//! freehand ink and sticky notes. Each is private to its author unless shared with the
//! meeting, and then everyone who may read the document sees it, by author. Only the
//! author changes or deletes one.

use crate::access::{Actor, Denied, Relation, can_view_document};
use crate::rules::{Field, Invalid, Rule};
use crate::types::{Confidentiality, MeetingStatus, Role};

crate::vocabulary! {
    /// What an annotation is.
    pub AnnotationKind {
        /// Đánh dấu: a coloured band over words.
        Highlight = "highlight",
        /// Gạch chân: a line under words.
        Underline = "underline",
        /// Vẽ tay: freehand strokes.
        Ink = "ink",
        /// Ghi chú: a note pinned to a point of the page.
        Note = "note",
    }
}

crate::vocabulary! {
    /// The colours the reader offers.
    pub AnnotationColor {
        Yellow = "yellow",
        Green = "green",
        Blue = "blue",
        Pink = "pink",
        Red = "red",
    }
}

impl AnnotationColor {
    /// Red, green and blue (the reader's and the exported PDF's colour).
    pub fn rgb(self) -> [u8; 3] {
        match self {
            AnnotationColor::Yellow => [0xff, 0xd4, 0x00],
            AnnotationColor::Green => [0x4c, 0xc2, 0x4c],
            AnnotationColor::Blue => [0x3d, 0x8b, 0xfd],
            AnnotationColor::Pink => [0xff, 0x6f, 0xb5],
            AnnotationColor::Red => [0xe0, 0x2b, 0x2b],
        }
    }

    /// `#rrggbb`.
    pub fn hex(self) -> String {
        let [r, g, b] = self.rgb();
        format!("#{r:02x}{g:02x}{b:02x}")
    }
}

/// The longest comment or note, in characters.
pub const MAX_NOTE_CHARS: usize = 4000;
/// At most this many word boxes under one highlight or underline.
pub const MAX_RECTS: usize = 400;
/// At most this many strokes in one ink annotation…
pub const MAX_STROKES: usize = 200;
/// …and this many points in all of them.
pub const MAX_POINTS: usize = 5_000;

/// Who may annotate a document: anyone who may read it, except a bridge point's shared
/// device account (a wall in a meeting room has no author). Any state of the meeting:
/// notes made while reading the archive are one's own.
pub fn can_annotate(
    actor: Actor,
    rel: Relation,
    status: MeetingStatus,
    confidentiality: Confidentiality,
) -> Result<(), Denied> {
    can_view_document(actor, rel, status, confidentiality)?;
    if actor.role == Role::BridgePoint && !rel.delegate {
        return Err(Denied::Forbidden);
    }
    Ok(())
}

/// Who sees an annotation: its author, and, once shared, everyone who may read the
/// document. Anyone else is not told it exists.
pub fn can_view_annotation(
    actor: Actor,
    rel: Relation,
    status: MeetingStatus,
    confidentiality: Confidentiality,
    own: bool,
    shared: bool,
) -> Result<(), Denied> {
    can_view_document(actor, rel, status, confidentiality)?;
    if own || shared { Ok(()) } else { Err(Denied::Hidden) }
}

/// Who changes or deletes an annotation: its author only (others who see it, as a shared
/// one, are refused).
pub fn can_change_annotation(
    actor: Actor,
    rel: Relation,
    status: MeetingStatus,
    confidentiality: Confidentiality,
    own: bool,
    shared: bool,
) -> Result<(), Denied> {
    can_view_annotation(actor, rel, status, confidentiality, own, shared)?;
    if own { Ok(()) } else { Err(Denied::Forbidden) }
}

/// Who may take a document away with their annotations as a PDF file: anyone who reads
/// it, unless it is confidential (mật): a confidential document never leaves the app in clear.
pub fn can_export(
    actor: Actor,
    rel: Relation,
    status: MeetingStatus,
    confidentiality: Confidentiality,
) -> Result<(), Denied> {
    can_view_document(actor, rel, status, confidentiality)?;
    if exportable(confidentiality) { Ok(()) } else { Err(Denied::Forbidden) }
}

/// Whether a document of this confidentiality may leave the app as a file (the desktop,
/// which reads only what it was given, asks this alone).
pub fn exportable(confidentiality: Confidentiality) -> bool {
    confidentiality != Confidentiality::Confidential
}

/// What an annotation's anchor holds, counted: the word boxes, the number of points of each
/// stroke, whether it has a point.
#[derive(Clone, Copy, Debug)]
pub struct Shape<'a> {
    pub rects: usize,
    pub strokes: &'a [usize],
    pub point: bool,
}

/// An annotation's shape fits its kind: word boxes for highlights and underlines, strokes
/// of two points or more for ink, one point for a note, within the limits above; every
/// coordinate (`coords`, fractions of the page) is within the page; the page is one of
/// the document's.
pub fn anchor(
    kind: AnnotationKind,
    shape: Shape<'_>,
    coords: impl IntoIterator<Item = f32>,
    page: u32,
    page_count: u32,
) -> Result<(), Invalid> {
    let bad = || Invalid::new(Field::Anchor, Rule::BadShape);
    let fits = match kind {
        AnnotationKind::Highlight | AnnotationKind::Underline => {
            (1..=MAX_RECTS).contains(&shape.rects) && shape.strokes.is_empty() && !shape.point
        }
        AnnotationKind::Ink => {
            (1..=MAX_STROKES).contains(&shape.strokes.len())
                && shape.strokes.iter().all(|&n| n >= 2)
                && shape.strokes.iter().sum::<usize>() <= MAX_POINTS
                && shape.rects == 0
                && !shape.point
        }
        AnnotationKind::Note => shape.point && shape.rects == 0 && shape.strokes.is_empty(),
    };
    if !fits {
        return Err(bad());
    }
    if !coords.into_iter().all(|c| c.is_finite() && (0.0..=1.0).contains(&c)) {
        return Err(Invalid::new(Field::Anchor, Rule::OutsidePage));
    }
    if page >= page_count {
        return Err(Invalid::new(Field::Page, Rule::OutsidePage));
    }
    Ok(())
}

/// The comment of an annotation (the text of a note, which must not be blank): the trimmed text.
pub fn note(kind: AnnotationKind, text: &str) -> Result<&str, Invalid> {
    let text = text.trim();
    if kind == AnnotationKind::Note && text.is_empty() {
        return Err(Invalid::new(Field::Note, Rule::Required));
    }
    if text.chars().count() > MAX_NOTE_CHARS {
        return Err(Invalid::new(Field::Note, Rule::TooLong));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DELEGATE: Actor = Actor { role: Role::Delegate };
    const DEVICE: Actor = Actor { role: Role::BridgePoint };
    const P: MeetingStatus = MeetingStatus::Published;
    const N: Confidentiality = Confidentiality::Normal;

    fn invited() -> Relation {
        Relation { delegate: true, ..Default::default() }
    }

    #[test]
    fn vocabularies_round_trip() {
        crate::types::tests::round_trips::<AnnotationKind>();
        crate::types::tests::round_trips::<AnnotationColor>();
        assert_eq!(AnnotationColor::Yellow.hex(), "#ffd400");
    }

    #[test]
    fn readers_annotate_and_walls_do_not() {
        assert!(can_annotate(DELEGATE, invited(), P, N).is_ok());
        assert!(can_annotate(DELEGATE, invited(), MeetingStatus::Ended, N).is_ok());
        let wall = Relation { bridge_point: true, ..Default::default() };
        assert_eq!(can_annotate(DEVICE, wall, P, N), Err(Denied::Forbidden));
        assert_eq!(can_annotate(DELEGATE, Relation::default(), P, N), Err(Denied::Hidden));
        assert_eq!(can_annotate(DELEGATE, invited(), MeetingStatus::Draft, N), Err(Denied::Hidden));
    }

    #[test]
    fn private_ones_are_hidden_and_shared_ones_read_only_to_others() {
        let rel = invited();
        assert!(can_view_annotation(DELEGATE, rel, P, N, true, false).is_ok());
        assert_eq!(can_view_annotation(DELEGATE, rel, P, N, false, false), Err(Denied::Hidden));
        assert!(can_view_annotation(DELEGATE, rel, P, N, false, true).is_ok());
        assert!(can_change_annotation(DELEGATE, rel, P, N, true, true).is_ok());
        assert_eq!(can_change_annotation(DELEGATE, rel, P, N, false, true), Err(Denied::Forbidden));
        assert_eq!(can_change_annotation(DELEGATE, rel, P, N, false, false), Err(Denied::Hidden));
        let wall = Relation { bridge_point: true, ..Default::default() };
        let confidential = Confidentiality::Confidential;
        assert_eq!(can_view_annotation(DEVICE, wall, P, confidential, false, true), Err(Denied::Hidden));
    }

    #[test]
    fn confidential_documents_are_not_exported() {
        assert!(can_export(DELEGATE, invited(), P, N).is_ok());
        assert_eq!(can_export(DELEGATE, invited(), P, Confidentiality::Confidential), Err(Denied::Forbidden));
        assert_eq!(can_export(DELEGATE, Relation::default(), P, N), Err(Denied::Hidden));
    }

    #[test]
    fn shapes_fit_their_kind() {
        let words = Shape { rects: 2, strokes: &[], point: false };
        let ink = Shape { rects: 0, strokes: &[3, 2], point: false };
        let pin = Shape { rects: 0, strokes: &[], point: true };
        let inside = [0.0, 0.5, 1.0];
        let bad = Err(Invalid::new(Field::Anchor, Rule::BadShape));
        assert_eq!(anchor(AnnotationKind::Highlight, words, inside, 0, 1), Ok(()));
        assert_eq!(anchor(AnnotationKind::Underline, words, inside, 0, 1), Ok(()));
        assert_eq!(anchor(AnnotationKind::Ink, ink, inside, 0, 1), Ok(()));
        assert_eq!(anchor(AnnotationKind::Note, pin, inside, 0, 1), Ok(()));
        assert_eq!(anchor(AnnotationKind::Highlight, pin, inside, 0, 1), bad);
        assert_eq!(anchor(AnnotationKind::Note, words, inside, 0, 1), bad);
        assert_eq!(anchor(AnnotationKind::Ink, Shape { strokes: &[1], ..ink }, inside, 0, 1), bad);
        assert_eq!(anchor(AnnotationKind::Ink, Shape { strokes: &[], ..ink }, inside, 0, 1), bad);
        let many = vec![2; MAX_STROKES + 1];
        assert_eq!(anchor(AnnotationKind::Ink, Shape { strokes: &many, ..ink }, inside, 0, 1), bad);
        let long = [MAX_POINTS];
        assert_eq!(anchor(AnnotationKind::Ink, Shape { strokes: &long, ..ink }, inside, 0, 1), Ok(()));
        let longer = [MAX_POINTS, 2];
        assert_eq!(anchor(AnnotationKind::Ink, Shape { strokes: &longer, ..ink }, inside, 0, 1), bad);
        assert_eq!(anchor(AnnotationKind::Highlight, Shape { rects: MAX_RECTS + 1, ..words }, inside, 0, 1), bad);
    }

    #[test]
    fn anchors_stay_on_the_page() {
        let pin = Shape { rects: 0, strokes: &[], point: true };
        let outside = Err(Invalid::new(Field::Anchor, Rule::OutsidePage));
        for c in [-0.01, 1.01, f32::NAN, f32::INFINITY] {
            assert_eq!(anchor(AnnotationKind::Note, pin, [0.5, c], 0, 1), outside, "{c}");
        }
        assert_eq!(
            anchor(AnnotationKind::Note, pin, [0.5, 0.5], 1, 1),
            Err(Invalid::new(Field::Page, Rule::OutsidePage))
        );
    }

    #[test]
    fn notes_need_text_and_comments_have_a_limit() {
        assert_eq!(note(AnnotationKind::Note, "  Xem lại số liệu "), Ok("Xem lại số liệu"));
        assert_eq!(note(AnnotationKind::Note, " "), Err(Invalid::new(Field::Note, Rule::Required)));
        assert_eq!(note(AnnotationKind::Highlight, ""), Ok(""));
        let long = "a".repeat(MAX_NOTE_CHARS + 1);
        assert_eq!(note(AnnotationKind::Ink, &long), Err(Invalid::new(Field::Note, Rule::TooLong)));
    }
}
