//! One error type for every handler, mapped once to a status and a stable code.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use ecab_core::access::Denied;
use ecab_core::polls::{PollDenied, PollStatus};
use ecab_core::questions::QuestionDenied;
use ecab_core::{Invalid, WorkflowError};
use ecab_protocol::{ApiError, ErrorCode};

#[derive(Debug)]
pub struct AppError {
    pub status: StatusCode,
    pub body: ApiError,
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        Self { status, body: ApiError { code, message: message.into(), field: None, retry_after: None } }
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, format!("{what} not found"))
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, ErrorCode::Forbidden, message)
    }

    pub fn unauthenticated(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, ErrorCode::Unauthenticated, message)
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, ErrorCode::Conflict, message)
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, ErrorCode::BadRequest, message)
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        let mut e = Self::new(StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::Validation, message);
        e.body.field = Some(field.to_owned());
        e
    }

    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.body.retry_after = Some(seconds);
        self
    }

    pub fn internal(err: impl std::fmt::Display) -> Self {
        tracing::error!(error = %err, "internal error");
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal, "internal server error")
    }

    /// Map an access decision: hidden meetings are "not found", not "forbidden".
    pub fn denied(d: Denied, what: &str) -> Self {
        match d {
            Denied::Hidden => Self::not_found(what),
            Denied::Forbidden => Self::forbidden(format!("you may not change this {what}")),
            Denied::Locked(status) => Self::new(
                StatusCode::CONFLICT,
                ErrorCode::MeetingLocked,
                format!("the meeting is {status}: withdraw it to draft to change it"),
            ),
        }
    }
}

/// A refusal of `ecab_core::questions`: hidden is "not found", a passed deadline and a
/// settled question are conflicts with their own codes.
impl From<QuestionDenied> for AppError {
    fn from(d: QuestionDenied) -> Self {
        match d {
            QuestionDenied::Hidden => Self::not_found("question"),
            QuestionDenied::Forbidden => Self::forbidden("you may not do this to this question"),
            QuestionDenied::Closed => Self::new(
                StatusCode::CONFLICT,
                ErrorCode::DeadlinePassed,
                "the deadline for opinions has passed, or the meeting no longer takes them",
            ),
            QuestionDenied::Settled(status) => Self::new(
                StatusCode::CONFLICT,
                ErrorCode::QuestionSettled,
                format!("the question is {status}: it can no longer change so"),
            ),
        }
    }
}

/// A refusal of `ecab_core::polls`: hidden is "not found"; a poll in the wrong state is a
/// conflict saying which.
impl From<PollDenied> for AppError {
    fn from(d: PollDenied) -> Self {
        match d {
            PollDenied::Hidden => Self::not_found("poll"),
            PollDenied::Forbidden => Self::forbidden("you may not do this to this poll"),
            PollDenied::NotNow(PollStatus::Closed) => {
                Self::new(StatusCode::CONFLICT, ErrorCode::PollClosed, "the poll is closed: it takes no more answers")
            }
            PollDenied::NotNow(PollStatus::Open) => {
                Self::new(StatusCode::CONFLICT, ErrorCode::PollSent, "the poll was sent: it can no longer change")
            }
            PollDenied::NotNow(PollStatus::Draft) => {
                Self::new(StatusCode::CONFLICT, ErrorCode::InvalidTransition, "the poll has not been sent yet")
            }
            PollDenied::MeetingLocked(status) => Self::new(
                StatusCode::CONFLICT,
                ErrorCode::MeetingLocked,
                format!("the meeting is {status}: it takes no polls now"),
            ),
            PollDenied::Invalid(e) => e.into(),
        }
    }
}

impl From<WorkflowError> for AppError {
    fn from(e: WorkflowError) -> Self {
        let (status, code) = match e {
            WorkflowError::Forbidden { .. } => (StatusCode::FORBIDDEN, ErrorCode::Forbidden),
            WorkflowError::InvalidTransition { .. } => (StatusCode::CONFLICT, ErrorCode::InvalidTransition),
            WorkflowError::EmptyAgenda | WorkflowError::ReasonRequired => {
                (StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::Validation)
            }
        };
        let mut err = Self::new(status, code, e.to_string());
        err.body.field = e.field().map(|f| f.as_str().to_owned());
        err
    }
}

/// A broken field rule of `ecab_core::rules`: `validation`, naming the field.
impl From<Invalid> for AppError {
    fn from(e: Invalid) -> Self {
        Self::invalid(e.field.as_str(), e.message())
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e {
            if db.is_unique_violation() {
                return Self::conflict("an entry with the same unique value exists");
            }
            if db.is_foreign_key_violation() {
                return Self::invalid("reference", "a referenced entry does not exist");
            }
        }
        Self::internal(e)
    }
}

impl From<std::io::Error> for AppError {
    fn from(e: std::io::Error) -> Self {
        Self::internal(e)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let retry = self.body.retry_after;
        let mut res = (self.status, axum::Json(self.body)).into_response();
        if let Some(s) = retry.and_then(|s| HeaderValue::from_str(&s.to_string()).ok()) {
            res.headers_mut().insert(header::RETRY_AFTER, s);
        }
        res
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.body.message, self.body.code.as_str())
    }
}

impl std::error::Error for AppError {}
