//! Two small in-memory caches that keep downloads off the disk and the database when
//! a whole meeting opens its pack at once.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use bytes::Bytes;
use uuid::Uuid;

/// Blob contents by SHA-256. Blobs never change, so entries are never stale; the
/// oldest are dropped when the total passes the budget.
pub struct BlobCache {
    budget: usize,
    largest: usize,
    inner: Mutex<BlobEntries>,
}

#[derive(Default)]
struct BlobEntries {
    map: HashMap<String, Bytes>,
    order: VecDeque<String>,
    total: usize,
}

impl BlobCache {
    /// Keep up to `budget` bytes, files of at most `largest` bytes each.
    pub fn new(budget: usize, largest: usize) -> Self {
        Self { budget, largest, inner: Mutex::default() }
    }

    pub fn fits(&self, size: u64) -> bool {
        size <= self.largest as u64
    }

    pub fn get(&self, sha256: &str) -> Option<Bytes> {
        self.inner.lock().ok()?.map.get(sha256).cloned()
    }

    pub fn put(&self, sha256: &str, bytes: Bytes) {
        if bytes.len() > self.largest {
            return;
        }
        let Ok(mut e) = self.inner.lock() else { return };
        if e.map.contains_key(sha256) {
            return;
        }
        e.total += bytes.len();
        e.map.insert(sha256.to_owned(), bytes);
        e.order.push_back(sha256.to_owned());
        while e.total > self.budget {
            let Some(old) = e.order.pop_front() else { break };
            if let Some(b) = e.map.remove(&old) {
                e.total -= b.len();
            }
        }
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
        c.put("b", Bytes::from_static(b"12345"));
        c.put("big", Bytes::from_static(b"1234567"));
        assert!(c.get("a").is_some() && c.get("b").is_some() && c.get("big").is_none());
        c.put("c", Bytes::from_static(b"123"));
        assert!(c.get("a").is_none(), "the oldest goes first");
        assert!(c.get("b").is_some() && c.get("c").is_some());
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
