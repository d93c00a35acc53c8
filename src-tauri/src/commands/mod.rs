//! The ui's commands, one module per domain. Each is a one-line adapter into
//! [`crate::Desktop`] or `ecab_client::Engine`, taking and returning `ecab-protocol` types;
//! a failure reaches the ui as an `ApiError` (see [`crate::error`]).
//!
//! A new write needs no command: it is an operation of `ecab_protocol::ops`, sent through
//! [`write::send`]. A new local read goes in `generate_handler!` (lib.rs), `COMMANDS`
//! (build.rs), the capability that grants it (capabilities/) and the ui's `backend/tauri.rs`.

pub mod annotations;
pub mod directory;
pub mod documents;
pub mod downloads;
pub mod meetings;
pub mod notifications;
pub mod questions;
pub mod session;
pub mod sync;
pub mod upload;
pub mod write;
