//! eCabinet's domain core: who may do what to a meeting, and how a meeting moves
//! from draft to archive.
//!
//! Invariant: this crate does no IO. No clock, no sockets, no SQL: callers pass in
//! what the rules need and get decisions back, so the server enforces exactly the
//! rules the ui predicts with.

pub mod access;
pub mod types;
pub mod workflow;

pub use access::{Actor, Relation};
pub use types::{Confidentiality, DocumentKind, MeetingKind, MeetingStatus, Recurrence, ReviewStage, Role, UnitKind};
pub use workflow::{Transition, WorkflowError, WorkflowState, apply};
