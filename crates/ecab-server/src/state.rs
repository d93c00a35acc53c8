//! What every handler shares.

use std::sync::Arc;

use ecab_pdf::PdfPool;
use sqlx::SqlitePool;

use crate::auth::SessionCache;
use crate::blobs::BlobStore;
use crate::cache::{AccessCache, BlobCache};
use crate::config::Config;

#[derive(Clone)]
pub struct AppState {
    pub db: SqlitePool,
    pub config: Arc<Config>,
    pub blobs: BlobStore,
    pub pdf: PdfPool,
    pub sessions: Arc<SessionCache>,
    /// The newest change-feed `seq`, watched by the live channel to poke clients.
    pub blob_cache: Arc<BlobCache>,
    pub access: Arc<AccessCache>,
    pub feed_head: Arc<tokio::sync::watch::Sender<i64>>,
}
