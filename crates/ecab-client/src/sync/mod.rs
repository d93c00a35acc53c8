//! Synchronisation decisions, apart from IO (see `core` and `outbox`).

mod backoff;
pub mod core;
pub mod outbox;

#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;
