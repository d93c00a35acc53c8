//! Two small in-memory caches that keep downloads off the disk and the database when
//! a whole meeting opens its pack at once.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use bytes::Bytes;
use quick_cache::sync::{Cache, DefaultLifecycle};
use quick_cache::{DefaultHashBuilder, OptionsBuilder, Weighter};
use uuid::Uuid;

/// What a blob typically weighs (the demo's PDFs are 0.1–2 MB): sizes the cache's tables.
const TYPICAL_BLOB: usize = 512 * 1024;

/// Blob contents by SHA-256, up to a budget in bytes. Blobs never change, so entries are
/// never stale. Which go when the budget is reached is `quick_cache`'s choice (S3-FIFO): a
/// blob read again (the pack a meeting is opening) stays, one read once goes first.
pub struct BlobCache {
    largest: usize,
    cache: Cache<String, Bytes, ByLength>,
}

/// A blob weighs its length (at least 1: an item of weight 0 would never be evicted).
#[derive(Clone)]
struct ByLength;

impl Weighter<String, Bytes> for ByLength {
    fn weight(&self, _sha256: &String, bytes: &Bytes) -> u64 {
        (bytes.len() as u64).max(1)
    }
}

impl BlobCache {
    /// Keep up to `budget` bytes, files of at most `largest` bytes each.
    pub fn new(budget: usize, largest: usize) -> Self {
        // Each shard holds its part of the budget: keep that part at least four of the
        // largest files, so every file that fits the cache fits its shard.
        let shards = (budget / largest.max(1) / 4).clamp(1, 8);
        let options = OptionsBuilder::new()
            .shards(1 << shards.ilog2())
            .estimated_items_capacity((budget / TYPICAL_BLOB).max(1))
            .weight_capacity(budget as u64)
            .build()
            .expect("both capacities are set");
        let cache = Cache::with_options(options, ByLength, DefaultHashBuilder::default(), DefaultLifecycle::default());
        Self { largest, cache }
    }

    pub fn fits(&self, size: u64) -> bool {
        size <= self.largest as u64
    }

    pub fn get(&self, sha256: &str) -> Option<Bytes> {
        self.cache.get(sha256)
    }

    pub fn put(&self, sha256: &str, bytes: Bytes) {
        if bytes.len() > self.largest {
            return;
        }
        self.cache.insert(sha256.to_owned(), bytes);
    }

    /// Bytes held now.
    #[cfg(test)]
    fn weight(&self) -> u64 {
        self.cache.weight()
    }
}

const ACCESS_TTL: Duration = Duration::from_secs(30);

/// "This user may read this blob", remembered briefly. Any write clears it, so a
/// revocation or an uninvitation takes effect at once.
#[derive(Default)]
pub struct AccessCache {
    allowed: Mutex<HashMap<(Uuid, String), Instant>>,
}

impl AccessCache {
    pub fn allows(&self, user: Uuid, sha256: &str) -> bool {
        let Ok(map) = self.allowed.lock() else { return false };
        map.get(&(user, sha256.to_owned())).is_some_and(|at| at.elapsed() < ACCESS_TTL)
    }

    pub fn remember(&self, user: Uuid, sha256: &str) {
        if let Ok(mut map) = self.allowed.lock() {
            if map.len() > 100_000 {
                map.retain(|_, at| at.elapsed() < ACCESS_TTL);
            }
            map.insert((user, sha256.to_owned()), Instant::now());
        }
    }

    pub fn clear(&self) {
        if let Ok(mut map) = self.allowed.lock() {
            map.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_blob_cache_keeps_to_its_budget() {
        let c = BlobCache::new(10, 6);
        c.put("a", Bytes::from_static(b"12345"));
        c.put("big", Bytes::from_static(b"1234567"));
        assert!(c.get("a").is_some() && c.get("big").is_none(), "a file over the largest is not kept");
        assert!(c.fits(6) && !c.fits(7));
        for name in ["b", "c", "d", "e"] {
            c.put(name, Bytes::from_static(b"12345"));
            assert!(c.weight() <= 10, "{} bytes held", c.weight());
        }
        let kept = ["a", "b", "c", "d", "e"].iter().filter(|n| c.get(n).is_some()).count();
        assert!(kept <= 2, "{kept} blobs of 5 bytes kept in 10");
    }

    /// The case the old first-in-first-out cache lost: while a meeting's pack is being read
    /// by everyone, one-off downloads passing through do not push it out.
    #[test]
    fn a_blob_read_again_outlasts_blobs_read_once() {
        let c = BlobCache::new(100, 30);
        let blob = |i: u8| Bytes::from(vec![i; 20]);
        c.put("pack", blob(0));
        for i in 1..=20u8 {
            assert_eq!(c.get("pack"), Some(blob(0)), "after {i} other blobs");
            c.put(&format!("once-{i}"), blob(i));
            assert!(c.weight() <= 100, "{} bytes held", c.weight());
        }
        assert!(c.get("pack").is_some());
        let once = (1..=20).filter(|i| c.get(&format!("once-{i}")).is_some()).count();
        assert!(once <= 4, "{once} one-off blobs kept beside the pack");
    }

    #[test]
    fn access_is_forgotten_on_clear() {
        let c = AccessCache::default();
        let u = Uuid::nil();
        c.remember(u, "x");
        assert!(c.allows(u, "x") && !c.allows(u, "y"));
        c.clear();
        assert!(!c.allows(u, "x"));
    }
}
