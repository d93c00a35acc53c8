//! Anchors by quoted text (the full module arrives with re-anchoring).

use serde::{Deserialize, Serialize};

/// The words under an annotation, with a little context on either side.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quote {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

pub struct Placement {
    pub page: u32,
    pub start: usize,
    pub len: usize,
}

pub fn check(_q: &Quote) -> Result<(), &'static str> {
    Ok(())
}

pub fn locate(_q: &Quote, _hint: u32, _pages: &[Vec<String>]) -> Option<Placement> {
    None
}

pub const CONTEXT_WORDS: usize = 8;

pub fn quote<S: AsRef<str>>(page: &[S], start: usize, len: usize) -> Quote {
    let end = (start + len).min(page.len());
    let start = start.min(end);
    let join = |w: &[S]| w.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(" ");
    Quote {
        exact: join(&page[start..end]),
        prefix: join(&page[start.saturating_sub(CONTEXT_WORDS)..start]),
        suffix: join(&page[end..(end + CONTEXT_WORDS).min(page.len())]),
    }
}
