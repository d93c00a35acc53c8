//! The wire between eCabinet's server, its clients and its ui. One definition of every
//! request, response and error code; builds for wasm32.
//!
//! Invariant: no IO and no behaviour beyond (de)serialization and small constructors.

pub mod annotation;
pub mod attendance;
pub mod auth;
pub mod client;
pub mod directory;
pub mod document;
pub mod error;
pub mod meeting;
pub mod notification;
pub mod ops;
pub mod poll;
pub mod query;
pub mod question;
pub mod sync;

pub use ecab_core::{
    AnnotationColor, AnnotationKind, Attendance, Confidentiality, DocumentKind, MeetingKind, MeetingStatus,
    NotificationKind, PollChoice, PollStatus, QuestionKind, QuestionStatus, Recurrence, ReviewStage, Role, Transition,
    UnitKind,
};
pub use error::{ApiError, ErrorCode};

/// The live channel's WebSocket: it sends a [`sync::LivePoke`] whenever the feed grows.
pub const LIVE_PATH: &str = "/api/v1/live";

/// Header carrying a client-made id (UUID) that makes a write idempotent.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// Shorthand for deriving the OpenAPI schema only when the feature is on.
#[macro_export]
#[doc(hidden)]
macro_rules! wire {
    ($($item:item)*) => {
        $(
            #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
            #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
            $item
        )*
    };
}
