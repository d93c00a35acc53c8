//! The engine's errors, each convertible to the wire's [`ApiError`] so the ui can branch on
//! a stable code ("offline" is not "forbidden").

use ecab_protocol::{ApiError, ErrorCode};

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("not signed in")]
    NotSignedIn,
    #[error("the server cannot be reached: {0}")]
    Offline(String),
    /// The server answered with an error.
    #[error("the server answered {status}: {} ({})", .error.message, .error.code.as_str())]
    Api { status: u16, error: ApiError },
    #[error("{0} is not in the local store")]
    NotFound(String),
    /// Content whose SHA-256 does not match its name; it was deleted.
    #[error("the content of {sha256} does not match its SHA-256 and was discarded")]
    Integrity { sha256: String },
    #[error("secret store: {0}")]
    Secret(String),
    #[error("decryption failed: {0}")]
    Crypto(String),
    #[error("unexpected answer from the server: {0}")]
    Protocol(String),
    /// A request the engine will not send (not an operation of the list, bad parameters).
    #[error("refused: {0}")]
    Refused(String),
    #[error("local store: {0}")]
    Store(#[from] sqlx::Error),
    #[error("local store migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
}

impl ClientError {
    pub fn is_offline(&self) -> bool {
        matches!(self, ClientError::Offline(_))
    }

    /// The error as the ui sees it.
    pub fn to_api_error(&self) -> ApiError {
        let code = match self {
            ClientError::Api { error, .. } => return error.clone(),
            ClientError::NotSignedIn => ErrorCode::Unauthenticated,
            ClientError::Offline(_) => ErrorCode::Unavailable,
            ClientError::NotFound(_) => ErrorCode::NotFound,
            ClientError::Integrity { .. } => ErrorCode::PdfCorrupt,
            ClientError::Refused(_) => ErrorCode::BadRequest,
            _ => ErrorCode::Internal,
        };
        ApiError { code, message: self.to_string(), field: None, retry_after: None }
    }
}
