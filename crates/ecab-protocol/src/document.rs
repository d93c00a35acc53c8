//! Meeting documents and their versions. A version's content is a blob named by its
//! SHA-256, downloaded from `/api/v1/blobs/{sha256}`.

use chrono::{DateTime, Utc};
use ecab_core::{Confidentiality, DocumentKind};
use uuid::Uuid;

crate::wire! {
    pub struct Document {
        pub id: Uuid,
        pub meeting_id: Uuid,
        /// The agenda item it belongs to; none for documents of the whole meeting.
        pub agenda_item_id: Option<Uuid>,
        pub title: String,
        pub kind: DocumentKind,
        pub confidentiality: Confidentiality,
        pub current: DocumentVersion,
        /// Older versions, newest first.
        pub history: Vec<DocumentVersion>,
    }

    /// Phiên bản.
    pub struct DocumentVersion {
        pub version: u32,
        pub sha256: String,
        pub size: u64,
        pub page_count: u32,
        pub filename: String,
        pub uploaded_by: Uuid,
        pub uploaded_at: DateTime<Utc>,
    }

    /// The `meta` part of a document upload (multipart: `meta` JSON, then `file`).
    pub struct DocumentMeta {
        #[serde(default)]
        pub id: Option<Uuid>,
        pub title: String,
        #[serde(default = "other")]
        pub kind: DocumentKind,
        #[serde(default)]
        pub agenda_item_id: Option<Uuid>,
        #[serde(default = "normal")]
        pub confidentiality: Confidentiality,
    }

    /// Rename, move to another item (or to the whole meeting), change kind or confidentiality.
    pub struct UpdateDocument {
        #[serde(default)]
        pub title: Option<String>,
        #[serde(default)]
        pub kind: Option<DocumentKind>,
        /// `Some(None)` moves the document to the whole meeting.
        #[serde(default, with = "double_option")]
        pub agenda_item_id: Option<Option<Uuid>>,
        #[serde(default)]
        pub confidentiality: Option<Confidentiality>,
    }

    /// Text of each page, from pdfium.
    pub struct DocumentText {
        pub sha256: String,
        pub pages: Vec<String>,
    }

    /// The text layer of one page: its words in reading order, each with its box and one
    /// box per letter (`chars.len()` is the word's letter count), as fractions of the page
    /// from its top-left corner.
    pub struct PageText {
        /// The document version it was read from.
        pub sha256: String,
        pub page: u32,
        pub width_pt: f32,
        pub height_pt: f32,
        pub words: Vec<Word>,
    }

    /// One word: a run of letters between white space, in NFC.
    pub struct Word {
        pub text: String,
        pub rect: Rect,
        /// One box per letter of `text`, in order; a letter composed from a base and
        /// combining marks gets the box around all of them.
        pub chars: Vec<Rect>,
    }

    /// A box on a page: left, top, width and height, each 0..1 of the page.
    #[derive(Copy)]
    pub struct Rect {
        pub x: f32,
        pub y: f32,
        pub w: f32,
        pub h: f32,
    }
}

impl Document {
    /// The version with this SHA-256, current or older.
    pub fn version(&self, sha256: &str) -> Option<&DocumentVersion> {
        std::iter::once(&self.current).chain(&self.history).find(|v| v.sha256 == sha256)
    }
}

impl Rect {
    /// The smallest box holding both.
    pub fn union(self, other: Rect) -> Rect {
        let (x, y) = (self.x.min(other.x), self.y.min(other.y));
        let right = (self.x + self.w).max(other.x + other.w);
        let bottom = (self.y + self.h).max(other.y + other.h);
        Rect { x, y, w: right - x, h: bottom - y }
    }

    /// Word boxes joined into one box per line: a highlight over many words sends few boxes.
    /// Consecutive boxes are on one line when their vertical middles are within half a box.
    pub fn lines(words: impl IntoIterator<Item = Rect>) -> Vec<Rect> {
        let mut out: Vec<Rect> = Vec::new();
        for r in words {
            match out.last_mut() {
                Some(last) if ((last.y + last.h / 2.0) - (r.y + r.h / 2.0)).abs() < last.h.max(r.h) / 2.0 => {
                    *last = last.union(r)
                }
                _ => out.push(r),
            }
        }
        out
    }
}

fn other() -> DocumentKind {
    DocumentKind::Other
}

fn normal() -> Confidentiality {
    Confidentiality::Normal
}

/// `absent` → None, `null` → Some(None), value → Some(Some(v)).
mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer, T: Serialize>(v: &Option<Option<T>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            None | Some(None) => s.serialize_none(),
            Some(Some(x)) => x.serialize(s),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(d).map(Some)
    }
}
