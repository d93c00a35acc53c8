//! Errors on the wire: a stable machine-readable code plus a human message.

use serde::{Deserialize, Serialize};

ecab_core::vocabulary! {
    /// Stable error codes. Clients branch on these, never on messages.
    pub ErrorCode {
        BadRequest = "bad_request",
        InvalidJson = "invalid_json",
        Validation = "validation",
        Unauthenticated = "unauthenticated",
        TokenExpired = "token_expired",
        InvalidCredentials = "invalid_credentials",
        AccountLocked = "account_locked",
        Forbidden = "forbidden",
        NotFound = "not_found",
        Conflict = "conflict",
        /// The idempotency key was already used for a different request.
        IdempotencyKeyReused = "idempotency_key_reused",
        /// The same idempotent request is still being processed; retry shortly.
        RequestInProgress = "request_in_progress",
        InvalidTransition = "invalid_transition",
        /// The meeting is in review or approved: withdraw it to draft to edit.
        MeetingLocked = "meeting_locked",
        /// The deadline for opinions has passed, or the meeting no longer takes them.
        DeadlinePassed = "deadline_passed",
        /// The question was merged, withdrawn, assigned or answered: it cannot change so.
        QuestionSettled = "question_settled",
        /// The poll is closed: it takes no more answers.
        PollClosed = "poll_closed",
        /// The poll was sent: it can no longer be edited or deleted.
        PollSent = "poll_sent",
        PayloadTooLarge = "payload_too_large",
        UnsupportedMediaType = "unsupported_media_type",
        NotPdf = "not_pdf",
        PdfEncrypted = "pdf_encrypted",
        PdfCorrupt = "pdf_corrupt",
        /// The PDF crashed or hung the renderer.
        PdfRejected = "pdf_rejected",
        RangeNotSatisfiable = "range_not_satisfiable",
        Internal = "internal",
        Unavailable = "unavailable",
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
pub(crate) mod tests {
    use super::*;
    use ecab_core::Vocabulary;
    use serde::de::DeserializeOwned;

    /// Every value's serde name is its `as_str`, and both read back to the value.
    pub(crate) fn round_trips<V: Vocabulary + Serialize + DeserializeOwned>() {
        assert!(!V::ALL.is_empty());
        for &v in V::ALL {
            let text = v.as_str();
            assert_eq!(serde_json::to_value(v).unwrap(), serde_json::Value::String(text.into()), "{v:?}");
            assert_eq!(V::parse(text), Some(v), "{text}");
            assert_eq!(serde_json::from_value::<V>(serde_json::Value::String(text.into())).unwrap(), v);
            assert_eq!(V::ALL.iter().filter(|w| w.as_str() == text).count(), 1, "{text} names one value");
        }
    }

    #[test]
    fn every_code_serializes_as_its_stable_name() {
        round_trips::<ErrorCode>();
        // The texts clients already branch on: an `ErrorCode`'s text never changes.
        let known = [(ErrorCode::NotPdf, "not_pdf"), (ErrorCode::IdempotencyKeyReused, "idempotency_key_reused")];
        for (code, text) in known {
            assert_eq!(code.as_str(), text);
        }
    }

    #[test]
    fn an_error_body_carries_its_code_by_name() {
        let e = ApiError {
            code: ErrorCode::Validation,
            message: "m".into(),
            field: Some("title".into()),
            retry_after: None,
        };
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "validation");
        assert_eq!(serde_json::from_value::<ApiError>(json).unwrap(), e);
    }
}
