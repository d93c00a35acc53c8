//! End-to-end tests of the server's API: a real server on loopback, a real SQLite
//! file, real pdfium workers, the demo data.

mod annotations;
mod attendance;
mod bad_inputs;
mod common;
mod directory;
mod idempotency;
mod live;
mod matrix;
mod notifications;
mod openapi;
mod pages;
mod permissions;
mod polls;
mod questions;
mod reads;
mod reports;
mod sync;
mod web;
mod workflow;
