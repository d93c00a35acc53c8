//! Queries of the read operations, the page-width rule, and the small answers that have no
//! other home.

use chrono::{DateTime, Utc};
use uuid::Uuid;

crate::wire! {
    /// `GET /health`.
    pub struct Health {
        pub status: String,
        pub version: String,
    }

    /// Which meetings to list.
    #[derive(Default)]
    pub struct ListMeetingsQuery {
        /// Only meetings starting at or after this instant.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub from: Option<DateTime<Utc>>,
        /// Only meetings starting before this instant.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub to: Option<DateTime<Utc>>,
    }

    /// Where to continue the change feed.
    #[derive(Default)]
    pub struct SyncQuery {
        /// The `next_since` of the previous page; 0 for everything.
        #[serde(default)]
        pub since: i64,
        /// At most this many changes (default 500, at most 2000).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub limit: Option<u32>,
    }

    /// A page of the audit log.
    #[derive(Default)]
    pub struct AuditQuery {
        /// Entries with an id below this (for paging backwards).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub before: Option<i64>,
        /// At most this many (default 100, at most 1000).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub limit: Option<u32>,
    }

    /// One entry of the audit log: who did what, when, from where.
    pub struct AuditEntry {
        pub id: i64,
        pub at: DateTime<Utc>,
        pub user_id: Option<Uuid>,
        pub action: String,
        pub entity: String,
        pub entity_id: Option<Uuid>,
        pub ip: Option<String>,
        pub user_agent: Option<String>,
        /// JSON text.
        pub detail: String,
    }

    /// The language of a generated report: `vi` (the default) or `en`; anything else is
    /// refused as a bad query.
    #[derive(Default)]
    pub struct ReportQuery {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "openapi", schema(inline))]
        pub lang: Option<ecab_core::Lang>,
    }

    /// How wide a page image.
    #[derive(Default)]
    pub struct PageQuery {
        /// Width in pixels (80–2400, rounded up to a multiple of 80). Small widths are thumbnails.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub width: Option<u32>,
    }
}

/// Page images come in widths of this many pixels, so that caches (the server's, the
/// desktop's, the browser's) hold few sizes of each page.
pub const PAGE_WIDTH_STEP: u32 = 80;
pub const PAGE_MIN_WIDTH: u32 = 80;
pub const PAGE_MAX_WIDTH: u32 = 2400;
/// The width of a page image when none is asked for.
pub const PAGE_DEFAULT_WIDTH: u32 = 1200;

/// The width a page image is rendered at for a wish of `width` pixels: clamped to
/// 80–2400 and rounded up to a step.
pub fn page_width(width: u32) -> u32 {
    width.clamp(PAGE_MIN_WIDTH, PAGE_MAX_WIDTH).div_ceil(PAGE_WIDTH_STEP) * PAGE_WIDTH_STEP
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_clamped_and_rounded_up_to_a_step() {
        assert_eq!(page_width(0), PAGE_MIN_WIDTH);
        assert_eq!(page_width(81), 160);
        assert_eq!(page_width(160), 160);
        assert_eq!(page_width(99_999), PAGE_MAX_WIDTH);
        for w in 0..3000 {
            let b = page_width(w);
            assert!(b.is_multiple_of(PAGE_WIDTH_STEP) && (PAGE_MIN_WIDTH..=PAGE_MAX_WIDTH).contains(&b));
            assert!(b >= w.min(PAGE_MAX_WIDTH));
        }
    }
}
