//! What an offline-first client engine reports to its ui (the desktop's local engine,
//! or the browser ui's own view of the server).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::ApiError;
use crate::auth::User;
use crate::document::DocumentMeta;
use crate::meeting::Meeting;

crate::wire! {
    pub struct SyncStatus {
        /// Whether the server answered the last attempt.
        pub online: bool,
        /// When the last complete pull finished.
        pub last_sync: Option<DateTime<Utc>>,
        /// Why the last attempt failed, if it did.
        pub last_error: Option<ApiError>,
        /// Local writes not yet acknowledged by the server.
        pub pending_writes: u32,
        /// Documents being downloaded or waiting to be.
        pub downloads: Vec<DownloadProgress>,
    }

    pub struct DownloadProgress {
        pub document_id: Uuid,
        pub sha256: String,
        pub received: u64,
        pub total: u64,
        pub done: bool,
    }
}

crate::wire! {
    /// A document upload handed to the desktop's engine: the file's bytes travel as the
    /// request body, this as a header.
    pub struct UploadRequest {
        /// Its `Idempotency-Key`; the same for a retry of the same upload.
        pub key: Uuid,
        pub meeting: Uuid,
        pub meta: DocumentMeta,
        pub file_name: String,
    }

    /// How far an upload is: bytes of the file sent so far.
    pub struct UploadProgress {
        pub sent: u64,
        pub total: u64,
    }
}

/// The window global through which the desktop shell hands the ui its [`FirstScreen`] (a
/// JSON string set by the webview's initialization script).
pub const FIRST_SCREEN_GLOBAL: &str = "__ECAB_FIRST_SCREEN__";

crate::wire! {
    /// What the desktop shell already knows when it makes the window: who is signed in and
    /// their meetings, from the local store, so the ui draws the list in its first render.
    pub struct FirstScreen {
        pub user: User,
        pub meetings: Vec<Meeting>,
    }
}
