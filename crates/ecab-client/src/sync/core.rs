//! The sync engine's decisions, without IO: no sockets, no SQL, no clock.
//!
//! Shaped like str0m: the driver feeds [`Input`]s with the time passed in
//! ([`SyncCore::handle`]), then drains [`Action`]s ([`SyncCore::poll`]) and carries them out
//! (an HTTP request, a file deletion, a query), reporting each result as a new input. When
//! `poll` returns `None` the cycle is over or waiting; [`SyncCore::next_attempt`] says until
//! when. One cycle: pull the feed page by page, take an inventory of the blobs the store
//! wants and holds, delete the unreferenced ones, download the missing ones one at a time
//! (resuming partial files), refuse any whose hash does not match.

use std::collections::VecDeque;

use chrono::{DateTime, Utc};
use ecab_protocol::client::{DownloadProgress, SyncStatus};
use ecab_protocol::{ApiError, ErrorCode};
use uuid::Uuid;

pub use super::backoff::{FIRST_BACKOFF, MAX_BACKOFF, backoff};

/// A blob whose hash does not match is downloaded again at most this many times per cycle.
pub const MAX_DOWNLOAD_ATTEMPTS: u32 = 2;

/// Content a live document of the store references.
#[derive(Clone, Debug, PartialEq)]
pub struct WantedBlob {
    pub document_id: Uuid,
    pub sha256: String,
    pub size: u64,
    /// Some document with this content is confidential: store it encrypted.
    pub confidential: bool,
}

/// Content present on this device.
#[derive(Clone, Debug, PartialEq)]
pub struct CachedBlob {
    pub sha256: String,
    /// Complete and verified (else a partial download).
    pub complete: bool,
    pub encrypted: bool,
    /// For a partial download: how many bytes can be kept and resumed from.
    pub resume_from: u64,
}

/// Why a request failed.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    /// The server could not be reached at all (connect error, timeout).
    pub offline: bool,
    pub error: ApiError,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    /// Pull now: at start, on a timer, when the user asks.
    PullRequested,
    /// The live channel says the feed's newest `seq`.
    Poke { seq: i64 },
    /// A page of the feed was fetched and applied to the store.
    PageApplied { next_since: i64, has_more: bool },
    /// The answer to [`Action::TakeInventory`].
    Inventory { wanted: Vec<WantedBlob>, cached: Vec<CachedBlob> },
    /// Bytes of the current download arrived.
    Received { sha256: String, bytes: u64 },
    /// The current download got every byte; `verified` says whether the SHA-256 matched.
    Downloaded { sha256: String, verified: bool },
    /// The current download stopped early; the partial file keeps `resume_from` bytes.
    DownloadInterrupted { sha256: String, resume_from: u64, failure: Failure },
    /// A page request (or the inventory) failed: the cycle stops and is retried later.
    Failed(Failure),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    FetchPage {
        since: i64,
    },
    /// List what the store wants and holds; answer with [`Input::Inventory`].
    TakeInventory,
    /// Delete a cached blob (complete or partial) that no live document references.
    DeleteBlob {
        sha256: String,
    },
    /// Delete a partial download whose bytes did not hash to its name.
    DiscardPartial {
        sha256: String,
    },
    /// Download `sha256` from byte `from` (a `Range` request when `from > 0`).
    Download {
        sha256: String,
        from: u64,
        size: u64,
        encrypted: bool,
    },
}

#[derive(Clone, Debug)]
struct Job {
    blob: WantedBlob,
    from: u64,
    attempts: u32,
}

#[derive(Clone, Debug)]
enum Phase {
    Idle,
    /// `waiting`: a request is in flight.
    Pulling {
        waiting: bool,
    },
    Inventory {
        waiting: bool,
    },
    Blobs {
        deletes: VecDeque<String>,
        discard: Option<String>,
        queue: VecDeque<Job>,
        active: Option<Job>,
    },
}

/// The state of one client's synchronisation.
#[derive(Clone, Debug)]
pub struct SyncCore {
    cursor: i64,
    phase: Phase,
    pull_wanted: bool,
    online: bool,
    failures: u32,
    retry_at: Option<DateTime<Utc>>,
    last_sync: Option<DateTime<Utc>>,
    last_error: Option<ApiError>,
    downloads: Vec<DownloadProgress>,
    refused: Vec<String>,
}

impl SyncCore {
    /// A core that has read the feed up to `cursor`.
    pub fn new(cursor: i64, last_sync: Option<DateTime<Utc>>) -> Self {
        SyncCore {
            cursor,
            phase: Phase::Idle,
            pull_wanted: false,
            online: true,
            failures: 0,
            retry_at: None,
            last_sync,
            last_error: None,
            downloads: Vec::new(),
            refused: Vec::new(),
        }
    }

    pub fn cursor(&self) -> i64 {
        self.cursor
    }

    /// Whether a cycle is under way (not idle).
    pub fn busy(&self) -> bool {
        !matches!(self.phase, Phase::Idle)
    }

    /// Whether the feed has been read to its end and the cycle's next step is the blob
    /// inventory (a caller that only wanted the feed may stop here; the next poll resumes).
    pub fn feed_read(&self) -> bool {
        matches!(self.phase, Phase::Inventory { waiting: false })
    }

    /// Whether a pull is due at `now` or later (a poke, a request or a retry).
    pub fn pull_wanted(&self) -> bool {
        self.pull_wanted
    }

    /// When the next attempt may start after a failure; `None` when not waiting.
    pub fn next_attempt(&self) -> Option<DateTime<Utc>> {
        self.retry_at
    }

    /// The user asked for a sync: do not wait out the back-off.
    pub fn retry_now(&mut self) {
        self.retry_at = None;
    }

    /// Hashes of blobs refused because their content did not match their name.
    pub fn refused(&self) -> &[String] {
        &self.refused
    }

    pub fn status(&self, pending_writes: u32) -> SyncStatus {
        SyncStatus {
            online: self.online,
            last_sync: self.last_sync,
            last_error: self.last_error.clone(),
            pending_writes,
            downloads: self.downloads.clone(),
        }
    }

    pub fn handle(&mut self, now: DateTime<Utc>, input: Input) {
        match input {
            Input::PullRequested => self.pull_wanted = true,
            Input::Poke { seq } => {
                if seq > self.cursor {
                    self.pull_wanted = true;
                }
            }
            Input::PageApplied { next_since, has_more } => {
                self.succeeded();
                self.cursor = self.cursor.max(next_since);
                self.phase =
                    if has_more { Phase::Pulling { waiting: false } } else { Phase::Inventory { waiting: false } };
                if !has_more {
                    self.last_sync = Some(now);
                }
            }
            Input::Inventory { wanted, cached } => self.plan(wanted, cached),
            Input::Received { sha256, bytes } => {
                if let Some(p) = self.progress(&sha256) {
                    p.received = (p.received + bytes).min(p.total);
                }
            }
            Input::Downloaded { sha256, verified } => self.downloaded(sha256, verified),
            Input::DownloadInterrupted { sha256, resume_from, failure } => {
                if let Some(p) = self.progress(&sha256) {
                    p.received = resume_from;
                }
                if let Phase::Blobs { active, .. } = &mut self.phase {
                    *active = None;
                }
                if failure.offline {
                    self.fail(now, failure);
                } else {
                    self.last_error = Some(failure.error);
                }
            }
            Input::Failed(failure) => self.fail(now, failure),
        }
    }

    /// The next thing to do, if any.
    pub fn poll(&mut self, now: DateTime<Utc>) -> Option<Action> {
        loop {
            match &mut self.phase {
                Phase::Idle => {
                    if !self.pull_wanted || self.retry_at.is_some_and(|t| now < t) {
                        return None;
                    }
                    self.pull_wanted = false;
                    self.retry_at = None;
                    self.phase = Phase::Pulling { waiting: false };
                }
                Phase::Pulling { waiting } => {
                    if *waiting {
                        return None;
                    }
                    *waiting = true;
                    return Some(Action::FetchPage { since: self.cursor });
                }
                Phase::Inventory { waiting } => {
                    if *waiting {
                        return None;
                    }
                    *waiting = true;
                    return Some(Action::TakeInventory);
                }
                Phase::Blobs { deletes, discard, queue, active } => {
                    if let Some(sha256) = discard.take() {
                        return Some(Action::DiscardPartial { sha256 });
                    }
                    if let Some(sha256) = deletes.pop_front() {
                        return Some(Action::DeleteBlob { sha256 });
                    }
                    if active.is_some() {
                        return None;
                    }
                    // A pull asked for while the pack downloads goes between two blobs: a
                    // writer waits for its change, not for the rest of the pack. The
                    // inventory after the pull takes the queue up again (partials resume).
                    if self.pull_wanted && self.retry_at.is_none_or(|t| now >= t) {
                        self.pull_wanted = false;
                        self.retry_at = None;
                        self.phase = Phase::Pulling { waiting: false };
                        continue;
                    }
                    let Some(job) = queue.pop_front() else {
                        self.phase = Phase::Idle;
                        continue;
                    };
                    let action = Action::Download {
                        sha256: job.blob.sha256.clone(),
                        from: job.from,
                        size: job.blob.size,
                        encrypted: job.blob.confidential,
                    };
                    *active = Some(job);
                    return Some(action);
                }
            }
        }
    }

    fn succeeded(&mut self) {
        self.online = true;
        self.failures = 0;
        self.retry_at = None;
        self.last_error = None;
    }

    fn fail(&mut self, now: DateTime<Utc>, failure: Failure) {
        self.online = !failure.offline;
        self.failures = self.failures.saturating_add(1);
        self.retry_at = Some(now + backoff(self.failures));
        self.last_error = Some(failure.error);
        self.pull_wanted = true;
        self.phase = Phase::Idle;
    }

    fn progress(&mut self, sha256: &str) -> Option<&mut DownloadProgress> {
        self.downloads.iter_mut().find(|p| p.sha256 == sha256)
    }

    /// Decide deletions and downloads from what the store wants and holds.
    fn plan(&mut self, wanted: Vec<WantedBlob>, cached: Vec<CachedBlob>) {
        let mut deletes = VecDeque::new();
        for c in &cached {
            match wanted.iter().find(|w| w.sha256 == c.sha256) {
                None => deletes.push_back(c.sha256.clone()),
                // Became confidential while cached in clear: replace it by an encrypted copy.
                Some(w) if c.complete && w.confidential && !c.encrypted => deletes.push_back(c.sha256.clone()),
                Some(_) => {}
            }
        }
        let mut queue = VecDeque::new();
        self.downloads.clear();
        let mut seen: Vec<&str> = Vec::new();
        for w in &wanted {
            if seen.contains(&w.sha256.as_str()) {
                continue;
            }
            seen.push(&w.sha256);
            let held = cached.iter().find(|c| c.sha256 == w.sha256);
            let replaced = deletes.contains(&w.sha256);
            let (done, from) = match held {
                Some(c) if c.complete && !replaced => (true, w.size),
                Some(c) if !c.complete && c.encrypted == w.confidential => (false, c.resume_from.min(w.size)),
                _ => (false, 0),
            };
            self.downloads.push(DownloadProgress {
                document_id: w.document_id,
                sha256: w.sha256.clone(),
                received: from,
                total: w.size,
                done,
            });
            if !done {
                queue.push_back(Job { blob: w.clone(), from, attempts: 0 });
            }
        }
        // A partial file in the wrong form (encrypted or not) cannot be resumed.
        for c in &cached {
            let restart = !c.complete && wanted.iter().any(|w| w.sha256 == c.sha256 && w.confidential != c.encrypted);
            if restart && !deletes.contains(&c.sha256) {
                deletes.push_back(c.sha256.clone());
            }
        }
        self.phase = Phase::Blobs { deletes, discard: None, queue, active: None };
    }

    /// Cached content was found not to match its name (and was deleted by the caller).
    pub fn refuse(&mut self, sha256: &str) {
        self.refused.push(sha256.to_owned());
        self.last_error = Some(mismatch(sha256));
    }

    fn downloaded(&mut self, sha256: String, verified: bool) {
        let Phase::Blobs { discard, queue, active, .. } = &mut self.phase else { return };
        let Some(mut job) = active.take().filter(|j| j.blob.sha256 == sha256) else { return };
        if verified {
            if let Some(p) = self.downloads.iter_mut().find(|p| p.sha256 == sha256) {
                p.received = p.total;
                p.done = true;
            }
            return;
        }
        *discard = Some(sha256.clone());
        self.refused.push(sha256.clone());
        self.last_error = Some(mismatch(&sha256));
        if let Some(p) = self.downloads.iter_mut().find(|p| p.sha256 == sha256) {
            p.received = 0;
        }
        job.attempts += 1;
        job.from = 0;
        if job.attempts < MAX_DOWNLOAD_ATTEMPTS {
            queue.push_front(job);
        }
    }
}

fn mismatch(sha256: &str) -> ApiError {
    ApiError {
        code: ErrorCode::PdfCorrupt,
        message: format!("the content of {sha256} does not match its SHA-256; it was discarded"),
        field: None,
        retry_after: None,
    }
}
