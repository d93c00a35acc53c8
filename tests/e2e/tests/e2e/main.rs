//! End-to-end scenarios: the real server in-process on loopback, real client engines (and
//! the `ecab` CLI as a process) against it. Needs `ECAB_PDFIUM_LIBRARY` (or
//! `cargo xtask install-pdfium`) for the server's pdfium workers.

mod annotations;
mod attendance;
mod cli;
mod common;
mod outbox;
mod polls;
mod pull;
mod questions;
mod reads;
mod revoke;
mod writes;
