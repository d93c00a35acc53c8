//! The sync core under random interleavings. A simulated server, disk and clock drive it
//! the way `Engine` does (one request at a time, each answered once), while pulls, pokes,
//! new writes on the server, bytes and time arrive in between; answers may fail, be cut
//! off, be corrupt, or come from a server that is behind. Then the network heals and the
//! core runs until it rests, and what it left on disk is compared with what the store
//! wants.

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use ecab_protocol::{ApiError, ErrorCode};
use proptest::prelude::*;
use uuid::Uuid;

use super::core::{Action, CachedBlob, Failure, Input, MAX_DOWNLOAD_ATTEMPTS, SyncCore, WantedBlob};

/// Content some document references while the feed is between `added` and `removed`.
#[derive(Clone, Debug)]
struct Blob {
    sha: String,
    size: u64,
    added: i64,
    removed: Option<i64>,
    /// From this seq on, a document with this content is confidential.
    confidential_from: Option<i64>,
    /// The server's copy never matches its name.
    bad: bool,
}

impl Blob {
    fn wanted_at(&self, cursor: i64) -> Option<WantedBlob> {
        let live = self.added <= cursor && self.removed.is_none_or(|r| cursor < r);
        live.then(|| WantedBlob {
            document_id: Uuid::nil(),
            sha256: self.sha.clone(),
            size: self.size,
            confidential: self.confidential_from.is_some_and(|c| c <= cursor),
        })
    }
}

#[derive(Clone, Copy, Debug)]
enum Answer {
    Ok {
        corrupt: bool,
    },
    Offline,
    /// The server answered with an error.
    Refused,
    /// A page from a server restored to an older state: `next_since` behind `since`.
    Behind(i64),
    Interrupted {
        offline: bool,
    },
}

#[derive(Clone, Debug)]
enum Event {
    /// Answer the request in flight, if any.
    Answer(Answer),
    Poll,
    Pull,
    /// The live channel announces the server's head, give or take.
    Poke(i64),
    /// Writes on the server.
    Write(i64),
    Tick(i64),
    RetryNow,
    /// Bytes of the download in flight.
    Received(u64),
}

#[derive(Debug)]
enum Pending {
    Page { since: i64 },
    Inventory,
    Download { sha: String, from: u64, size: u64, encrypted: bool, received: u64 },
}

struct World {
    core: SyncCore,
    now: DateTime<Utc>,
    head: i64,
    page: i64,
    blobs: Vec<Blob>,
    disk: HashMap<String, CachedBlob>,
    pending: Option<Pending>,
    /// What the last inventory said the store wants.
    wanted: Vec<WantedBlob>,
    /// Downloads started since the last inventory.
    downloads: HashMap<String, u32>,
}

fn failure(offline: bool) -> Failure {
    let code = if offline { ErrorCode::Unavailable } else { ErrorCode::Internal };
    Failure { offline, error: ApiError { code, message: "simulated".into(), field: None, retry_after: None } }
}

impl World {
    fn handle(&mut self, input: Input) {
        let before = self.core.cursor();
        self.core.handle(self.now, input.clone());
        assert!(self.core.cursor() >= before, "the cursor went back from {before} on {input:?}");
        for p in self.core.status(0).downloads {
            assert!(p.received <= p.total, "{p:?}");
        }
    }

    fn bad(&self, sha: &str) -> bool {
        self.blobs.iter().any(|b| b.sha == sha && b.bad)
    }

    /// Poll once and carry out the action; false when there was none.
    fn poll(&mut self) -> bool {
        let Some(action) = self.core.poll(self.now) else { return false };
        match action {
            Action::FetchPage { since } => {
                assert!(self.pending.is_none(), "{action:?} while {:?} is in flight", self.pending);
                assert_eq!(since, self.core.cursor(), "a page is fetched from the cursor");
                self.pending = Some(Pending::Page { since });
            }
            Action::TakeInventory => {
                assert!(self.pending.is_none(), "{action:?} while {:?} is in flight", self.pending);
                self.pending = Some(Pending::Inventory);
            }
            Action::DeleteBlob { sha256 } | Action::DiscardPartial { sha256 } => {
                self.disk.remove(&sha256);
            }
            Action::Download { sha256, from, size, encrypted } => {
                if let Some(Pending::Download { sha: other, .. }) = &self.pending {
                    assert_ne!(*other, sha256, "two concurrent downloads of one blob");
                    panic!("two downloads at once: {other} and {sha256}");
                }
                assert!(self.pending.is_none(), "a download while {:?} is in flight", self.pending);
                let w = self.wanted.iter().find(|w| w.sha256 == sha256).expect("only wanted content is downloaded");
                assert_eq!(
                    (size, encrypted),
                    (w.size, w.confidential),
                    "{sha256}: its size, encrypted when confidential"
                );
                match self.disk.get(&sha256) {
                    Some(c) if c.complete => panic!("{sha256} is downloaded again though it is held: {c:?}"),
                    Some(c) if from > 0 => {
                        assert!(c.encrypted == encrypted && from <= c.resume_from, "resumes {from} from {c:?}")
                    }
                    None if from > 0 => panic!("{sha256} resumed at {from} with no partial file"),
                    _ => {}
                }
                self.disk.insert(
                    sha256.clone(),
                    CachedBlob { sha256: sha256.clone(), complete: false, encrypted, resume_from: from },
                );
                *self.downloads.entry(sha256.clone()).or_default() += 1;
                self.pending = Some(Pending::Download { sha: sha256, from, size, encrypted, received: 0 });
            }
        }
        true
    }

    fn answer(&mut self, answer: Answer) {
        let Some(pending) = self.pending.take() else { return };
        match (pending, answer) {
            (Pending::Page { .. } | Pending::Inventory, Answer::Offline) => self.handle(Input::Failed(failure(true))),
            (Pending::Page { .. } | Pending::Inventory, Answer::Refused) => self.handle(Input::Failed(failure(false))),
            (Pending::Page { since }, Answer::Behind(k)) => {
                self.handle(Input::PageApplied { next_since: since - k, has_more: false })
            }
            (Pending::Page { since }, _) => {
                let next_since = (since + self.page).min(self.head).max(since);
                self.handle(Input::PageApplied { next_since, has_more: next_since < self.head });
            }
            (Pending::Inventory, _) => {
                let cursor = self.core.cursor();
                self.wanted = self.blobs.iter().filter_map(|b| b.wanted_at(cursor)).collect();
                self.downloads.clear();
                let mut cached: Vec<CachedBlob> = self.disk.values().cloned().collect();
                cached.sort_by(|a, b| a.sha256.cmp(&b.sha256));
                self.handle(Input::Inventory { wanted: self.wanted.clone(), cached });
            }
            (Pending::Download { sha, encrypted, size, .. }, Answer::Ok { corrupt }) => {
                let verified = !corrupt && !self.bad(&sha);
                let kept = CachedBlob { sha256: sha.clone(), complete: verified, encrypted, resume_from: size };
                self.disk.insert(sha.clone(), kept);
                self.handle(Input::Downloaded { sha256: sha, verified });
            }
            (Pending::Download { .. }, Answer::Offline) => self.handle(Input::Failed(failure(true))),
            (Pending::Download { sha, from, encrypted, received, .. }, Answer::Interrupted { offline }) => {
                let resume_from = from + received;
                self.disk
                    .insert(sha.clone(), CachedBlob { sha256: sha.clone(), complete: false, encrypted, resume_from });
                self.handle(Input::DownloadInterrupted { sha256: sha, resume_from, failure: failure(offline) });
            }
            (Pending::Download { sha, from, encrypted, received, .. }, Answer::Refused | Answer::Behind(_)) => {
                let resume_from = from + received;
                self.disk
                    .insert(sha.clone(), CachedBlob { sha256: sha.clone(), complete: false, encrypted, resume_from });
                self.handle(Input::DownloadInterrupted { sha256: sha, resume_from, failure: failure(false) });
            }
        }
    }

    fn event(&mut self, e: Event) {
        match e {
            Event::Answer(a) => self.answer(a),
            Event::Poll => {
                self.poll();
            }
            Event::Pull => self.handle(Input::PullRequested),
            Event::Poke(d) => self.handle(Input::Poke { seq: self.head + d }),
            Event::Write(n) => self.head += n,
            Event::Tick(ms) => self.now += TimeDelta::milliseconds(ms),
            Event::RetryNow => self.core.retry_now(),
            Event::Received(n) => {
                if let Some(Pending::Download { sha, from, size, received, .. }) = &mut self.pending {
                    let bytes = n.min(*size - *from - *received);
                    *received += bytes;
                    let sha256 = sha.clone();
                    self.handle(Input::Received { sha256, bytes });
                }
            }
        }
    }

    /// The network heals: answer everything, wait out back-offs, until the core rests.
    fn settle(&mut self) {
        self.core.retry_now();
        self.handle(Input::PullRequested);
        for _ in 0..10_000 {
            if self.pending.is_some() {
                self.answer(Answer::Ok { corrupt: false });
                continue;
            }
            if self.poll() {
                continue;
            }
            match self.core.next_attempt() {
                Some(at) if self.core.pull_wanted() => self.now = self.now.max(at),
                _ => {
                    assert!(!self.core.busy(), "the core waits for nothing in flight");
                    assert!(!self.core.pull_wanted());
                    return;
                }
            }
        }
        panic!("the core never rested");
    }
}

fn blob() -> impl Strategy<Value = (u64, i64, Option<i64>, Option<i64>, bool)> {
    (
        1u64..5000,
        0i64..30,
        proptest::option::of(1i64..30),
        proptest::option::of(0i64..40),
        proptest::bool::weighted(0.2),
    )
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        5 => proptest::bool::weighted(0.15).prop_map(|corrupt| Answer::Ok { corrupt }),
        1 => Just(Answer::Offline),
        1 => Just(Answer::Refused),
        1 => (1i64..5).prop_map(Answer::Behind),
        1 => any::<bool>().prop_map(|offline| Answer::Interrupted { offline }),
    ]
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        4 => answer().prop_map(Event::Answer),
        5 => Just(Event::Poll),
        1 => Just(Event::Pull),
        1 => (-2i64..=2).prop_map(Event::Poke),
        1 => (1i64..6).prop_map(Event::Write),
        1 => (0i64..3000).prop_map(Event::Tick),
        1 => Just(Event::RetryNow),
        1 => (0u64..3000).prop_map(Event::Received),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_interleavings(
        head in 0i64..20,
        behind in 0i64..20,
        page in 1i64..8,
        specs in proptest::collection::vec(blob(), 0..6),
        held in proptest::collection::vec((0usize..6, any::<bool>(), any::<bool>(), 0u64..5000), 0..4),
        events in proptest::collection::vec(event(), 0..200),
    ) {
        let blobs: Vec<Blob> = specs
            .into_iter()
            .enumerate()
            .map(|(i, (size, added, removed, confidential_from, bad))| Blob {
                sha: format!("{i:064x}"),
                size,
                added,
                removed: removed.map(|d| added + d),
                confidential_from,
                bad,
            })
            .collect();
        // What the device holds at start: copies of some of this content, and some of no use.
        let mut disk = HashMap::new();
        for (i, complete, encrypted, resume_from) in held {
            let (sha256, size) = blobs.get(i).map(|b| (b.sha.clone(), b.size)).unwrap_or((format!("stray{i}"), 5000));
            let resume_from = if complete { 0 } else { resume_from.min(size) };
            disk.insert(sha256.clone(), CachedBlob { sha256, complete: complete && !blobs.get(i).is_some_and(|b| b.bad), encrypted, resume_from });
        }
        let start = Utc.with_ymd_and_hms(2026, 11, 2, 0, 15, 0).single().expect("valid time");
        let mut w = World {
            core: SyncCore::new((head - behind).max(0), None),
            now: start,
            head,
            page,
            blobs,
            disk,
            pending: None,
            wanted: Vec::new(),
            downloads: HashMap::new(),
        };
        for e in events {
            w.event(e);
        }
        w.settle();

        prop_assert_eq!(w.core.cursor(), w.head, "the feed is read to its end");
        let wanted: Vec<WantedBlob> = w.blobs.iter().filter_map(|b| b.wanted_at(w.head)).collect();
        prop_assert_eq!(&w.wanted, &wanted, "the last inventory is of the final state");
        for want in &wanted {
            let held = w.disk.get(&want.sha256);
            if w.bad(&want.sha256) {
                prop_assert!(w.core.refused().contains(&want.sha256), "{} refused", want.sha256);
                prop_assert!(held.is_none(), "refused content is not kept: {:?}", held);
                prop_assert_eq!(w.downloads.get(&want.sha256).copied(), Some(MAX_DOWNLOAD_ATTEMPTS));
            } else {
                let ok = held.is_some_and(|c| c.complete && (c.encrypted || !want.confidential));
                prop_assert!(ok, "{} downloaded (encrypted when confidential): {:?}", want.sha256, held);
            }
        }
        for sha in w.disk.keys() {
            prop_assert!(wanted.iter().any(|x| &x.sha256 == sha), "unreferenced {} deleted", sha);
        }
        prop_assert!(w.core.status(0).downloads.iter().all(|d| d.done || w.bad(&d.sha256)));
    }
}
