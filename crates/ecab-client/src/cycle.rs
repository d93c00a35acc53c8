//! One sync cycle: carry out the core's actions (fetch pages, take the inventory, delete
//! and download blobs) and report their results back to it.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};

use ecab_protocol::Confidentiality;
use ecab_protocol::client::SyncStatus;
use ecab_protocol::meeting::Meeting;
use ecab_protocol::sync::{Entity, SyncPage};
use reqwest::Method;

use crate::blobs::valid_name;
use crate::engine::Engine;
use crate::http::failure;
use crate::sync::core::{Action, CachedBlob, Input, WantedBlob};
use crate::transfer::{self, Outcome};
use crate::{ClientError, Result, store};

const PAGE_LIMIT: u32 = 500;

impl Engine {
    /// Deliver due writes, pull the whole feed, bring the blob cache in line with it, then
    /// deliver the writes that waited for the network. Fails when the server cannot be
    /// reached (the status then says offline); a blob that could not be downloaded is
    /// reported in the status, not as an error.
    pub async fn sync_once(&self) -> Result<SyncStatus> {
        self.deliver_outbox().await?;
        self.core().retry_now();
        self.run_cycle().await?;
        // The server answered: writes that waited for it go now, and their effects come back.
        crate::deliver::reconnected(&self.inner.db, Self::now()).await?;
        if self.deliver_outbox().await? > 0 {
            self.handle(Input::PullRequested);
            self.run_cycle().await?;
        }
        Ok(self.status())
    }

    /// Run the core until it has nothing left to do (or must wait after a failure).
    pub(crate) async fn run_cycle(&self) -> Result<()> {
        self.run_until(false).await
    }

    /// Pull the feed to its end and stop before the blobs (a later cycle resumes there):
    /// what a write needs to see its effect in the local store without waiting for downloads.
    /// A cycle downloading blobs gives way at the next blob, so a write waits for one
    /// document at most, not for the whole pack.
    pub(crate) async fn pull_feed(&self) -> Result<()> {
        struct Waiting<'a>(&'a AtomicU32);
        impl Drop for Waiting<'_> {
            fn drop(&mut self) {
                self.0.fetch_sub(1, Ordering::Relaxed);
            }
        }
        self.inner.feed_waiters.fetch_add(1, Ordering::Relaxed);
        let _waiting = Waiting(&self.inner.feed_waiters);
        self.core().retry_now();
        self.run_until(true).await
    }

    async fn run_until(&self, feed_only: bool) -> Result<()> {
        let _one_at_a_time = self.inner.cycle.lock().await;
        self.handle(Input::PullRequested);
        loop {
            if feed_only && self.core().feed_read() {
                break;
            }
            // A writer waits for the feed: let it have the store now; whoever asked for
            // this cycle runs another (a write does, once it has pulled).
            if !feed_only && self.inner.feed_waiters.load(Ordering::Relaxed) > 0 {
                break;
            }
            let action = self.core().poll(Self::now());
            let Some(action) = action else { break };
            self.publish();
            match action {
                Action::FetchPage { since } => {
                    let page = match self.fetch_page(since).await {
                        Ok(p) => p,
                        Err(e) => return Err(self.failed(e)),
                    };
                    let last = !page.has_more;
                    if let Err(e) =
                        store::apply_page(&self.inner.db, &page.changes, page.next_since, Self::now(), last).await
                    {
                        return Err(self.failed(e));
                    }
                    self.handle(Input::PageApplied { next_since: page.next_since, has_more: page.has_more });
                }
                Action::TakeInventory => match self.inventory().await {
                    Ok((wanted, cached)) => self.handle(Input::Inventory { wanted, cached }),
                    Err(e) => return Err(self.failed(e)),
                },
                Action::DeleteBlob { sha256 } | Action::DiscardPartial { sha256 } => {
                    let removed = async {
                        self.inner.files.remove(&sha256).await?;
                        store::delete_blob(&self.inner.db, &sha256).await
                    };
                    if let Err(e) = removed.await {
                        return Err(self.failed(e));
                    }
                }
                // A failure on this side (the disk, the store) is the core's to hear too, or
                // it would wait for ever on a download nobody is doing.
                Action::Download { sha256, size, encrypted, .. } => {
                    if let Err(e) = self.download(sha256, size, encrypted).await {
                        return Err(if e.is_offline() { e } else { self.failed(e) });
                    }
                }
            }
        }
        self.publish();
        Ok(())
    }

    /// Tell the core, and hand the error back.
    fn failed(&self, e: ClientError) -> ClientError {
        self.handle(Input::Failed(failure(&e)));
        e
    }

    async fn fetch_page(&self, since: i64) -> Result<SyncPage> {
        let token = self.token()?;
        let api = &self.inner.api;
        let path = format!("/api/v1/sync?since={since}&limit={PAGE_LIMIT}");
        api.json(api.request(Method::GET, &path, Some(&token))).await
    }

    /// The blobs live documents reference (soonest meeting first) and the blobs on disk.
    async fn inventory(&self) -> Result<(Vec<WantedBlob>, Vec<CachedBlob>)> {
        let db = &self.inner.db;
        let starts: HashMap<_, _> = store::entities::<Meeting>(db, Entity::Meeting, None)
            .await?
            .into_iter()
            .map(|m| (m.id, m.starts_at))
            .collect();
        let mut docs = store::documents(db).await?;
        docs.sort_by_key(|d| (starts.get(&d.meeting_id).copied(), d.id));
        let mut wanted: Vec<WantedBlob> = Vec::new();
        for d in docs {
            if !valid_name(&d.current.sha256) {
                tracing::warn!(document = %d.id, "ignoring a document whose content name is not a SHA-256");
                continue;
            }
            let confidential = d.confidentiality == Confidentiality::Confidential;
            match wanted.iter_mut().find(|w| w.sha256 == d.current.sha256) {
                Some(w) => w.confidential |= confidential,
                None => wanted.push(WantedBlob {
                    document_id: d.id,
                    sha256: d.current.sha256,
                    size: d.current.size,
                    confidential,
                }),
            }
        }
        let mut cached = Vec::new();
        for row in store::blobs(db).await? {
            if tokio::fs::try_exists(self.inner.files.at(&row.path)).await? {
                cached.push(CachedBlob {
                    sha256: row.sha256,
                    complete: true,
                    encrypted: row.encrypted,
                    resume_from: 0,
                });
            } else {
                store::delete_blob(db, &row.sha256).await?;
            }
        }
        for p in self.inner.files.partials().await? {
            if !cached.iter().any(|c| c.sha256 == p.sha256) {
                cached.push(p);
            }
        }
        Ok((wanted, cached))
    }

    async fn download(&self, sha256: String, size: u64, encrypted: bool) -> Result<()> {
        let token = match self.token() {
            Ok(t) => t,
            Err(e) => {
                self.handle(Input::Failed(failure(&e)));
                return Ok(());
            }
        };
        let i = &self.inner;
        let request = transfer::Request {
            api: &i.api,
            token: &token,
            files: &i.files,
            key: &i.key,
            sha256: &sha256,
            size,
            encrypted,
            stop_after: i.options.stop_download_after,
        };
        let outcome = transfer::download(request, |n| {
            i.received.fetch_add(n, Ordering::Relaxed);
            self.handle(Input::Received { sha256: sha256.clone(), bytes: n });
        })
        .await?;
        match outcome {
            Outcome::Complete { verified: true } => {
                let row = store::BlobRow {
                    sha256: sha256.clone(),
                    size: i64::try_from(size).unwrap_or(i64::MAX),
                    encrypted,
                    path: crate::blobs::BlobFiles::relative(&sha256),
                };
                store::put_blob(&i.db, &row).await?;
                self.handle(Input::Downloaded { sha256, verified: true });
            }
            Outcome::Complete { verified: false } => {
                tracing::warn!(%sha256, "downloaded content does not match its SHA-256; discarded");
                self.handle(Input::Downloaded { sha256, verified: false });
            }
            Outcome::Interrupted { resume_from, error } => {
                tracing::info!(%sha256, resume_from, error = %error, "download interrupted");
                self.handle(Input::DownloadInterrupted { sha256, resume_from, failure: failure(&error) });
                if error.is_offline() {
                    return Err(error);
                }
            }
        }
        Ok(())
    }
}
