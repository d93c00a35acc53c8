//! eCabinet's central server: the HTTP API over a SQLite store and a content-addressed
//! blob store, with pdfium in worker processes to validate documents.
//!
//! `app(state)` is the whole application as a `Router`, so tests drive it in-process on
//! a real socket; `main.rs` only parses the command line.

pub mod anchoring;
pub mod auth;
pub mod blobs;
pub mod cache;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod feed;
pub mod http;
pub mod idempotency;
pub mod journal;
pub mod reports;
pub mod state;
pub mod store;
pub mod time;
pub mod upload;
pub mod users;

use std::ffi::OsString;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use ecab_pdf::{PdfPool, PoolConfig, WorkerCommand};

pub use config::Config;
pub use http::{app, openapi};
pub use state::AppState;

/// Memory for blob contents: a meeting pack is a few MB, a province's week of packs fits.
const BLOB_CACHE_BYTES: usize = 256 * 1024 * 1024;
const BLOB_CACHE_LARGEST: usize = 16 * 1024 * 1024;

/// pdfium workers run as this same executable with the hidden `pdf-worker` subcommand.
pub fn default_worker() -> anyhow::Result<WorkerCommand> {
    WorkerCommand::current_exe(["pdf-worker"]).context("cannot find the server's own executable")
}

/// Open (or create) the store, start the pdfium workers and, with `--demo`, load the
/// demo data into an empty store. `pdf_env` is extra environment for the workers.
pub async fn start(
    config: Config,
    worker: WorkerCommand,
    pdf_env: Vec<(OsString, OsString)>,
) -> anyhow::Result<AppState> {
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("cannot create the data folder {}", config.data_dir.display()))?;
    let library = ecab_pdf::find_library(config.pdfium.as_deref())?;
    let workers = config.pdf_workers.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let pdf = PdfPool::start(PoolConfig { workers, extra_env: pdf_env, ..PoolConfig::new(library, worker) })
        .await
        .context("cannot start the pdfium workers")?;
    let db = db::open(&config.database_path()).await.context("cannot open the database")?;
    let blobs = blobs::BlobStore::open(config.blob_dir()).await.context("cannot open the blob store")?;
    let head: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM changes").fetch_one(&db).await?;
    let feed_head = Arc::new(tokio::sync::watch::Sender::new(head));
    let state = AppState {
        db,
        config: Arc::new(config),
        blobs,
        pdf,
        sessions: Arc::default(),
        blob_cache: Arc::new(cache::BlobCache::new(BLOB_CACHE_BYTES, BLOB_CACHE_LARGEST)),
        access: Arc::default(),
        feed_head,
    };
    if state.config.demo {
        demo::load(&state).await.context("cannot load the demo data")?;
        http::live::refresh_head(&state).await;
    }
    idempotency::prune(&state.db).await?;
    http::polls::spawn_closer(state.clone());
    Ok(state)
}

/// Serve until Ctrl-C or SIGTERM, then finish the requests under way.
pub async fn serve(state: AppState) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(state.config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", state.config.listen))?;
    tracing::info!(address = %listener.local_addr()?, "eCabinet server listening");
    let pdf = state.pdf.clone();
    let db = state.db.clone();
    axum::serve(listener, app(state).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    tracing::info!("shutting down");
    pdf.shutdown().await;
    db.close().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
