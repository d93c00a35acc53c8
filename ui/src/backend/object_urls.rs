//! The object URLs the browser backend hands to `<img>` for page images it fetched with the
//! token, up to a number of them. One pushed out is revoked, so the browser frees its blob.
//! Which go first is `quick_cache`'s choice (S3-FIFO): a page shown again stays while
//! thumbnails scrolled past once go.

use quick_cache::unsync::Cache;
use quick_cache::{DefaultHashBuilder, Lifecycle, OptionsBuilder, UnitWeighter};
use uuid::Uuid;

/// Document, page, width.
pub type PageKey = (Uuid, u32, u32);

/// Revokes what the cache evicts.
#[derive(Clone, Copy)]
struct Revoke(fn(&str));

impl Lifecycle<PageKey, String> for Revoke {
    type RequestState = ();

    fn on_evict(&self, _: &mut (), _: PageKey, url: String) {
        (self.0)(&url);
    }
}

pub struct ObjectUrls {
    cache: Cache<PageKey, String, UnitWeighter, DefaultHashBuilder, Revoke>,
    revoke: Revoke,
}

impl ObjectUrls {
    /// Keep up to `capacity` URLs; `revoke` is called with each one let go.
    pub fn new(capacity: usize, revoke: fn(&str)) -> Self {
        let options = OptionsBuilder::new()
            .estimated_items_capacity(capacity)
            .weight_capacity(capacity as u64)
            .build()
            .expect("both capacities are set");
        let revoke = Revoke(revoke);
        ObjectUrls { cache: Cache::with_options(options, UnitWeighter, DefaultHashBuilder::default(), revoke), revoke }
    }

    pub fn get(&self, key: &PageKey) -> Option<String> {
        self.cache.get(key).cloned()
    }

    /// Keep `url` for `key`, revoking the URL it replaces (two fetches of one page that
    /// crossed) and whatever the cache evicts to make room.
    pub fn insert(&mut self, key: PageKey, url: String) {
        if let Some((_, old)) = self.cache.remove(&key) {
            (self.revoke.0)(&old);
        }
        self.cache.insert(key, url);
    }

    /// Revoke every URL (sign-out).
    pub fn clear(&mut self) {
        for (_, url) in self.cache.drain() {
            (self.revoke.0)(&url);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;

    thread_local! {
        static REVOKED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    }

    fn record(url: &str) {
        REVOKED.with(|r| r.borrow_mut().push(url.to_owned()));
    }

    fn forget_revoked() {
        REVOKED.with(|r| r.borrow_mut().clear());
    }

    fn revoked() -> Vec<String> {
        REVOKED.with(|r| r.borrow().clone())
    }

    fn key(page: u32) -> PageKey {
        (Uuid::nil(), page, 160)
    }

    #[test]
    fn an_evicted_url_is_revoked_and_one_kept_is_not() {
        forget_revoked();
        let mut urls = ObjectUrls::new(10, record);
        urls.insert((Uuid::nil(), 0, 1200), "blob:page-1".into());
        for page in 0..100 {
            assert_eq!(urls.get(&(Uuid::nil(), 0, 1200)).as_deref(), Some("blob:page-1"), "after {page} thumbnails");
            urls.insert(key(page), format!("blob:{page}"));
        }
        let kept: Vec<u32> = (0..100).filter(|&p| urls.get(&key(p)).is_some()).collect();
        let gone = revoked();
        assert!(kept.len() < 10, "{} thumbnails kept", kept.len());
        assert_eq!(gone.len(), 100 - kept.len(), "every thumbnail let go was revoked, once");
        for p in 0..100 {
            let url = format!("blob:{p}");
            assert_eq!(gone.contains(&url), !kept.contains(&p), "{url}");
        }
        assert!(!gone.iter().any(|u| u == "blob:page-1"), "the page being read is kept, its URL alive");
    }

    #[test]
    fn a_replaced_url_and_all_at_sign_out_are_revoked() {
        forget_revoked();
        let mut urls = ObjectUrls::new(10, record);
        urls.insert(key(1), "blob:a".into());
        urls.insert(key(1), "blob:b".into());
        assert_eq!(urls.get(&key(1)).as_deref(), Some("blob:b"));
        urls.insert(key(2), "blob:c".into());
        assert_eq!(revoked(), ["blob:a"]);
        urls.clear();
        let mut gone = revoked();
        gone.sort();
        assert_eq!(gone, ["blob:a", "blob:b", "blob:c"]);
        assert_eq!(urls.get(&key(2)), None);
    }
}
