//! Errors on the wire: a stable machine-readable code plus a human message.

use serde::{Deserialize, Serialize};

/// Stable error codes. Clients branch on these, never on messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    BadRequest,
    InvalidJson,
    Validation,
    Unauthenticated,
    TokenExpired,
    InvalidCredentials,
    AccountLocked,
    Forbidden,
    NotFound,
    Conflict,
    /// The idempotency key was already used for a different request.
    IdempotencyKeyReused,
    /// The same idempotent request is still being processed; retry shortly.
    RequestInProgress,
    InvalidTransition,
    /// The meeting is in review or approved: withdraw it to draft to edit.
    MeetingLocked,
    PayloadTooLarge,
    UnsupportedMediaType,
    NotPdf,
    PdfEncrypted,
    PdfCorrupt,
    /// The PDF crashed or hung the renderer.
    PdfRejected,
    RangeNotSatisfiable,
    Internal,
    Unavailable,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        // Mirrors the serde names above; a unit test keeps the two in step.
        match self {
            Self::BadRequest => "bad_request",
            Self::InvalidJson => "invalid_json",
            Self::Validation => "validation",
            Self::Unauthenticated => "unauthenticated",
            Self::TokenExpired => "token_expired",
            Self::InvalidCredentials => "invalid_credentials",
            Self::AccountLocked => "account_locked",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not_found",
            Self::Conflict => "conflict",
            Self::IdempotencyKeyReused => "idempotency_key_reused",
            Self::RequestInProgress => "request_in_progress",
            Self::InvalidTransition => "invalid_transition",
            Self::MeetingLocked => "meeting_locked",
            Self::PayloadTooLarge => "payload_too_large",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::NotPdf => "not_pdf",
            Self::PdfEncrypted => "pdf_encrypted",
            Self::PdfCorrupt => "pdf_corrupt",
            Self::PdfRejected => "pdf_rejected",
            Self::RangeNotSatisfiable => "range_not_satisfiable",
            Self::Internal => "internal",
            Self::Unavailable => "unavailable",
        }
    }
}

/// The body of every error response.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub code: ErrorCode,
    /// A human-readable explanation (English); the ui shows its own text per code.
    pub message: String,
    /// For `validation`: the offending field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// For `account_locked` and `request_in_progress`: seconds to wait.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialize_as_their_stable_names() {
        for code in [ErrorCode::NotPdf, ErrorCode::IdempotencyKeyReused, ErrorCode::RangeNotSatisfiable] {
            assert_eq!(serde_json::to_value(code).unwrap(), serde_json::Value::String(code.as_str().into()));
        }
    }
}
