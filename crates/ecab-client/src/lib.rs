//! eCabinet's offline-first client engine, used by the desktop app and the `ecab` CLI.
//!
//! - [`sync::core`] decides (sans IO): which feed page to fetch, which blob to download from
//!   which offset, which cached blob to delete, when to retry after a failure.
//!   [`sync::outbox`] decides what becomes of a local write after each delivery attempt.
//!   Writes whose answer the user waits for (the secretary's and reviewers' screens, document
//!   uploads) skip the outbox: [`Engine::write`] sends them at once with their key.
//! - [`store`] is the local SQLite store (migrations in `migrations/client`).
//! - [`Engine`] is the thin async driver: reqwest for HTTP, a WebSocket for the live poke,
//!   files for blobs. It reads the token and the blob key through a [`SecretStore`]
//!   (the OS keyring on a desktop) and never writes them anywhere else.
//!
//! Invariant: a blob is served ([`Engine::read_blob`]) only after its SHA-256 matched.
//! Invariant: the content of confidential documents is never on disk in clear
//! (see [`crypto`] for the format).

pub mod annotations;
pub mod attendance;
mod blobs;
pub mod cli;
pub mod crypto;
mod cycle;
mod deliver;
mod directory;
mod engine;
mod error;
mod http;
mod live;
pub mod polls;
pub mod questions;
mod reads;
mod reports;
pub mod secrets;
pub mod store;
pub mod sync;
mod transfer;
mod upload;
mod writes;

pub use engine::{Engine, EngineOptions, OutboxItem, OutboxState};
pub use error::ClientError;
pub use secrets::{KeyringSecretStore, MemorySecretStore, SecretStore};
pub use upload::UploadSource;

pub type Result<T, E = ClientError> = std::result::Result<T, E>;
