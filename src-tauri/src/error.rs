//! Command errors. The ui receives an `ecab_protocol::ApiError` with a stable code:
//! `unavailable` when the server cannot be reached, `unauthenticated` when nobody is signed
//! in, `not_found`, `forbidden`… exactly as the server would answer.

use ecab_client::ClientError;
use serde::{Serialize, Serializer};

#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct CommandError(#[from] pub ClientError);

impl From<std::io::Error> for CommandError {
    fn from(e: std::io::Error) -> Self {
        CommandError(ClientError::Io(e))
    }
}

impl Serialize for CommandError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.to_api_error().serialize(s)
    }
}

pub type CmdResult<T> = Result<T, CommandError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offline_and_signed_out_have_their_codes() {
        let offline = serde_json::to_value(CommandError(ClientError::Offline("refused".into()))).unwrap();
        assert_eq!(offline["code"], "unavailable");
        let signed_out = serde_json::to_value(CommandError(ClientError::NotSignedIn)).unwrap();
        assert_eq!(signed_out["code"], "unauthenticated");
    }
}
