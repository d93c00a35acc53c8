//! Carrying annotations onto a document's new version: each one's quoted words are looked
//! for in the new version's text layer (`ecab_core::anchor::locate`). Found, the annotation
//! moves with its words; not found, it stays on the version it was made on, where the
//! reader lists it. Nothing is dropped.

use std::path::Path;

use chrono::Utc;
use ecab_core::AnnotationKind;
use ecab_core::anchor::locate;
use ecab_protocol::annotation::{Anchor, Annotation, Point};
use ecab_protocol::document::{Document, PageText, Rect};
use ecab_protocol::meeting::Meeting;
use sqlx::SqliteConnection;

use crate::error::AppResult;
use crate::http::pages::text_layer;
use crate::state::AppState;
use crate::{feed, store};

/// The words of every page of one version.
pub struct Layer {
    sha256: String,
    pages: Vec<PageText>,
    words: Vec<Vec<String>>,
}

impl Layer {
    /// Read the text layer of the version `sha` (its file at `path`), `page_count` pages.
    pub async fn read(state: &AppState, sha: &str, path: &Path, page_count: u32) -> AppResult<Layer> {
        let mut pages = Vec::with_capacity(page_count as usize);
        for n in 0..page_count {
            pages.push(text_layer(state, sha, path, n).await?);
        }
        let words = pages.iter().map(|p| p.words.iter().map(|w| w.text.clone()).collect()).collect();
        Ok(Layer { sha256: sha.to_owned(), pages, words })
    }

    /// Where `anchor` goes on this version, if its words are there.
    pub fn carry(&self, kind: AnnotationKind, anchor: &Anchor) -> Option<Anchor> {
        let at = locate(&anchor.quote, anchor.page, &self.words)?;
        let page = self.pages.get(at.page as usize)?;
        let words = page.words.get(at.start..at.start + at.len)?;
        let quote_box = words.iter().map(|w| w.rect).reduce(Rect::union)?;
        let mut carried = Anchor {
            sha256: self.sha256.clone(),
            page: at.page,
            rects: Vec::new(),
            strokes: Vec::new(),
            point: None,
            quote: anchor.quote.clone(),
            quote_box: Some(quote_box),
        };
        match kind {
            AnnotationKind::Highlight | AnnotationKind::Underline => {
                carried.rects = Rect::lines(words.iter().map(|w| w.rect));
            }
            AnnotationKind::Ink | AnnotationKind::Note => {
                // Moved by as much as its words moved.
                let old = anchor.quote_box?;
                let (dx, dy) = (quote_box.x - old.x, quote_box.y - old.y);
                let shift = |p: &Point| Point { x: (p.x + dx).clamp(0.0, 1.0), y: (p.y + dy).clamp(0.0, 1.0) };
                carried.strokes = anchor.strokes.iter().map(|s| s.iter().map(shift).collect()).collect();
                carried.point = anchor.point.as_ref().map(shift);
            }
        }
        Some(carried)
    }

    /// `a` carried onto this version, if it is not there already and its words are found.
    pub fn carried(&self, a: &Annotation) -> Option<Annotation> {
        if a.anchor.sha256 == self.sha256 {
            return None;
        }
        let anchor = self.carry(a.kind, &a.anchor)?;
        let made_on = a.made_on.clone().or_else(|| Some(a.anchor.sha256.clone()));
        Some(Annotation { anchor, made_on, updated_at: Utc::now(), ..a.clone() })
    }
}

/// After a new version `d` of a document: carry its annotations onto it, in the write that
/// adds the version. Answers how many moved and how many stay behind.
pub async fn carry_all(db: &mut SqliteConnection, m: &Meeting, d: &Document, layer: &Layer) -> AppResult<(u32, u32)> {
    let (mut moved, mut stayed) = (0, 0);
    for a in store::annotations::of_document(db, d.id, None).await? {
        match layer.carried(&a) {
            Some(carried) => {
                store::annotations::update(db, &carried).await?;
                feed::annotation(db, m, d, &carried, false).await?;
                moved += 1;
            }
            None if a.anchor.sha256 != layer.sha256 => stayed += 1,
            None => {}
        }
    }
    Ok((moved, stayed))
}
