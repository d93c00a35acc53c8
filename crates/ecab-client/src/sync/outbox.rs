//! What to do with a local write after an attempt to deliver it, without IO.
//!
//! Every write carries its outbox id as the `Idempotency-Key`, so sending it again after a
//! lost answer is harmless: the server replays its first response.

use chrono::{DateTime, TimeDelta, Utc};
use ecab_protocol::{ApiError, ErrorCode};

use super::core::backoff;

/// How an attempt ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Attempt {
    /// No answer: connect error or timeout.
    Unreachable,
    /// The server answered with this status (and, for errors, its body).
    Answered { status: u16, error: Option<ApiError> },
}

/// What becomes of the write.
#[derive(Clone, Debug, PartialEq)]
pub enum Delivery {
    /// The server took it: remove it from the queue.
    Acknowledged,
    /// Try again at this time, keeping the error for the ui.
    RetryAt(DateTime<Utc>, Option<ApiError>),
    /// It will never succeed as it is: keep it, marked failed, for the ui to show.
    Failed(ApiError),
}

/// The verdict after attempt number `attempts` (1 for the first) ended as `attempt`.
pub fn after_attempt(now: DateTime<Utc>, attempts: u32, attempt: Attempt) -> Delivery {
    let later = |error: Option<ApiError>| {
        let wait = error
            .as_ref()
            .and_then(|e| e.retry_after)
            .map(|s| TimeDelta::seconds(i64::try_from(s).unwrap_or(i64::MAX / 1000).min(3600)))
            .unwrap_or_else(|| backoff(attempts));
        Delivery::RetryAt(now + wait, error)
    };
    match attempt {
        Attempt::Unreachable => later(Some(unreachable_error())),
        Attempt::Answered { status, .. } if (200..300).contains(&status) => Delivery::Acknowledged,
        Attempt::Answered { status, error } => {
            let code = error.as_ref().map(|e| e.code);
            let transient = status >= 500
                || status == 408
                || status == 429
                || matches!(
                    code,
                    Some(
                        ErrorCode::RequestInProgress
                            | ErrorCode::Unauthenticated
                            | ErrorCode::TokenExpired
                            | ErrorCode::Unavailable
                            | ErrorCode::AccountLocked
                    )
                )
                || status == 401;
            if transient {
                later(error)
            } else {
                Delivery::Failed(error.unwrap_or_else(|| ApiError {
                    code: ErrorCode::BadRequest,
                    message: format!("the server refused the write with status {status}"),
                    field: None,
                    retry_after: None,
                }))
            }
        }
    }
}

pub fn unreachable_error() -> ApiError {
    ApiError {
        code: ErrorCode::Unavailable,
        message: "the server cannot be reached".into(),
        field: None,
        retry_after: None,
    }
}
