//! Annotations on documents: highlights, underlines, ink and notes. Who may see and change
//! them, and what shape each kind takes, is decided by `ecab_core::annotations`.

use chrono::{DateTime, Utc};
pub use ecab_core::anchor::Quote;
use ecab_core::{AnnotationColor, AnnotationKind};
use uuid::Uuid;

use crate::ApiError;
use crate::document::Rect;

crate::wire! {
    pub struct Annotation {
        pub id: Uuid,
        pub meeting_id: Uuid,
        pub document_id: Uuid,
        pub author: Uuid,
        pub kind: AnnotationKind,
        pub color: AnnotationColor,
        /// The comment; for a note, its text.
        pub note: String,
        /// Seen by everyone who reads the document; otherwise by its author only.
        pub shared: bool,
        /// Where it is. When its `sha256` is not the document's current version, the
        /// annotation could not be carried onto that version and stays on the older one.
        pub anchor: Anchor,
        /// The version it was made on, when it has since been carried onto a newer one.
        pub made_on: Option<String>,
        pub created_at: DateTime<Utc>,
        pub updated_at: DateTime<Utc>,
    }

    /// An annotation's place on one version of a document: page coordinates, and the text
    /// under it with a little context (to find it again on a new version).
    pub struct Anchor {
        /// The version (its SHA-256).
        pub sha256: String,
        /// 0-based.
        pub page: u32,
        /// Highlights and underlines: the boxes of their words.
        #[serde(default)]
        pub rects: Vec<Rect>,
        /// Ink: each stroke's points.
        #[serde(default)]
        pub strokes: Vec<Vec<Point>>,
        /// A note: where it is pinned.
        #[serde(default)]
        pub point: Option<Point>,
        /// The words under it (for ink and notes, the words nearest to it; empty on a page
        /// with no text).
        #[serde(default)]
        pub quote: Quote,
        /// The box around the quoted words on this page: moving an ink stroke or a note
        /// with its words when they move on a new version.
        #[serde(default)]
        pub quote_box: Option<Rect>,
    }

    /// A point on a page, as fractions of the page from its top-left corner.
    #[derive(Copy)]
    pub struct Point {
        pub x: f32,
        pub y: f32,
    }

    /// Make an annotation. `id` is made by the client, so a retry (or a write queued offline
    /// and delivered twice) creates it once.
    pub struct CreateAnnotation {
        pub id: Uuid,
        pub kind: AnnotationKind,
        pub color: AnnotationColor,
        #[serde(default)]
        pub note: String,
        #[serde(default)]
        pub shared: bool,
        pub anchor: Anchor,
    }

    /// Change one's own annotation; only the fields present change.
    pub struct UpdateAnnotation {
        #[serde(default)]
        pub color: Option<AnnotationColor>,
        #[serde(default)]
        pub note: Option<String>,
        #[serde(default)]
        pub shared: Option<bool>,
    }

    /// An annotation as a client shows it: delivered, or still waiting in the outbox.
    pub struct AnnotationEntry {
        pub annotation: Annotation,
        /// Written on this device and not yet acknowledged by the server.
        pub pending: bool,
        /// The server refused the pending write for good (what was written is kept).
        pub refused: Option<ApiError>,
        /// The outbox write that carries it, while pending or refused.
        pub write_id: Option<Uuid>,
    }
}

impl Anchor {
    /// Every coordinate it holds, for the page-bounds rule.
    pub fn coords(&self) -> impl Iterator<Item = f32> + '_ {
        let rects = self.rects.iter().flat_map(|r| [r.x, r.y, r.x + r.w, r.y + r.h]);
        let strokes = self.strokes.iter().flatten().flat_map(|p| [p.x, p.y]);
        let point = self.point.iter().flat_map(|p| [p.x, p.y]);
        let quoted = self.quote_box.iter().flat_map(|r| [r.x, r.y, r.x + r.w, r.y + r.h]);
        rects.chain(strokes).chain(point).chain(quoted)
    }
}
