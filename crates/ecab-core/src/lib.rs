//! eCabinet's domain core: who may do what to a meeting, how a meeting moves from
//! draft to archive, and what a request must satisfy.
//!
//! Invariant: this crate does no IO. No clock, no sockets, no SQL: callers pass in
//! what the rules need and get decisions back, so the server enforces exactly the
//! rules the ui predicts with.

pub mod vocabulary;

pub mod access;
pub mod anchor;
pub mod annotations;
pub mod attendance;
pub mod notifications;
pub mod polls;
pub mod questions;
pub mod reading;
pub mod rules;
pub mod speaking;
pub mod types;
pub mod workflow;

pub use access::{Actor, Audience, Relation};
pub use annotations::{AnnotationColor, AnnotationKind};
pub use attendance::Attendance;
pub use notifications::NotificationKind;
pub use polls::{PollChoice, PollStatus};
pub use questions::{QuestionKind, QuestionStatus};
pub use rules::{Account, Field, Invalid, Rule};
pub use types::{
    Confidentiality, DocumentKind, Lang, MeetingKind, MeetingStatus, Recurrence, ReviewStage, Role, UnitKind,
};
pub use vocabulary::Vocabulary;
pub use workflow::{Transition, TransitionKind, WorkflowError, WorkflowState, apply};
