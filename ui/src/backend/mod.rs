//! How the ui reaches its data. One trait, [`Backend`], with one typed method per
//! operation, taking and returning `ecab-protocol` types. Two transports fit it:
//!
//! - [`http::HttpBackend`] (browsers, bridge points): the server's `/api/v1` on the
//!   same origin, a bearer token in `sessionStorage`, the live WebSocket for pokes.
//! - A Tauri transport (the desktop app, later): each method becomes one typed call of a
//!   Tauri command answered by `ecab-client`'s local store; `page_image` becomes the
//!   page-image protocol URL, `watch` a Tauri event listener. Nothing here assumes HTTP.
//!
//! Methods return boxed local futures so the trait stays object-safe (`Rc<dyn Backend>`
//! in a Yew context); wasm is single-threaded, so nothing is `Send`.

pub mod http;
mod object_urls;
pub mod tauri;

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use ecab_protocol::annotation::AnnotationEntry;
use ecab_protocol::auth::{LoginRequest, LoginResponse, User};
use ecab_protocol::client::SyncStatus;
use ecab_protocol::directory::{BridgePoint, Unit};
use ecab_protocol::document::{Document, DocumentMeta, DocumentText, PageText};
use ecab_protocol::meeting::{Meeting, MeetingDetail};
use ecab_protocol::notification::Notification;
use ecab_protocol::ops::{OpInfo, Operation, PathParams, Req, Res};
use ecab_protocol::question::QuestionEntry;
use ecab_protocol::{ApiError, ErrorCode};
use serde_json::Value;
use uuid::Uuid;
use yew::Callback;

/// Why a call failed. `Offline` (the server could not be reached) is kept apart from
/// what the server answered, so the ui can say "ngoại tuyến" and keep the user's input.
#[derive(Clone, Debug, PartialEq)]
pub enum BackendError {
    Offline,
    Server(ApiError),
    /// A reply that is not what the API describes (a proxy's HTML page, bad JSON).
    Unexpected(String),
}

impl BackendError {
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            BackendError::Server(e) => Some(e.code),
            _ => None,
        }
    }

    /// The session is gone: the ui returns to the sign-in screen.
    pub fn signed_out(&self) -> bool {
        matches!(self.code(), Some(ErrorCode::Unauthenticated | ErrorCode::TokenExpired))
    }
}

pub type Fut<'a, T> = Pin<Box<dyn Future<Output = Result<T, BackendError>> + 'a>>;

/// The key of one write. The same key is sent again when the same write is retried
/// (after a network error the server may already have done it: it then replays its
/// answer instead of doing it twice). See [`crate::hooks::use_write_key`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WriteKey(pub Uuid);

impl WriteKey {
    /// A fresh UUID v7: browser time and `crypto.getRandomValues`.
    pub fn new() -> Self {
        let mut random = [0u8; 10];
        if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
            let _ = crypto.get_random_values_with_u8_array(&mut random);
        }
        let millis = js_sys::Date::now() as u64;
        WriteKey(uuid::Builder::from_unix_timestamp_millis(millis, &random).into_uuid())
    }
}

/// Upload progress: bytes of the request body sent so far.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UploadProgress {
    pub sent: f64,
    pub total: f64,
}

/// Where an exported file went.
#[derive(Clone, Debug, PartialEq)]
pub enum Exported {
    /// The browser downloaded it under this name.
    Downloaded(String),
    /// The desktop app saved it at this path.
    Saved(String),
}

/// Keeps a live subscription open; dropping it closes it.
pub struct Watch(#[allow(dead_code)] Box<dyn std::any::Any>);

impl Watch {
    pub fn new(inner: impl std::any::Any) -> Self {
        Watch(Box::new(inner))
    }
}

pub trait Backend {
    /// Sign in and keep the session for this tab.
    fn login(&self, req: LoginRequest) -> Fut<'_, LoginResponse>;
    fn logout(&self) -> Fut<'_, ()>;
    /// Whether a session is kept (a reload of the tab stays signed in).
    fn has_session(&self) -> bool;
    fn me(&self) -> Fut<'_, User>;

    fn meetings(&self) -> Fut<'_, Vec<Meeting>>;
    fn meeting(&self, id: Uuid) -> Fut<'_, MeetingDetail>;
    fn document_text(&self, document: Uuid) -> Fut<'_, DocumentText>;
    /// Where page `page` (0-based) of a document's current version is, `width` pixels wide.
    fn page_url(&self, document: Uuid, page: u32, width: u32) -> String;
    /// A `src` an `<img>` can show for that page (the HTTP transport fetches it with the
    /// session's token and hands out an object URL; a local transport returns `page_url`).
    fn page_image(&self, document: Uuid, page: u32, width: u32) -> Fut<'_, String>;
    /// Why the `<img>` showing a `page_image` address failed to load (the webview tells no
    /// more than "error"). The HTTP transport's images are fetched first, so their failures
    /// are already known; a broken image there is all that can be said.
    fn page_problem(
        &self,
        _document: Uuid,
        _page: u32,
        _width: u32,
    ) -> Pin<Box<dyn Future<Output = BackendError> + '_>> {
        Box::pin(async { BackendError::Unexpected("the page image did not load".into()) })
    }
    fn sync_status(&self) -> Fut<'_, SyncStatus>;
    /// The text layer of page `page` (0-based) of a document's current version: its words
    /// and their boxes, for selecting text.
    fn page_text(&self, document: Uuid, page: u32) -> Fut<'_, PageText>;
    /// The annotations of a document the user may see (their own and the shared ones); in
    /// the desktop app with the user's own writes not yet delivered (marked pending).
    fn annotations(&self, document: Uuid) -> Fut<'_, Vec<AnnotationEntry>>;
    /// The document with the user's annotations as PDF annotations: where it went.
    fn export_annotated(&self, document: Uuid, filename: String) -> Fut<'_, Exported>;
    /// A report the server makes (an operation `ecab_protocol::ops::report` accepts) of
    /// `id`, in the ui's language, saved or downloaded as `filename`: where it went.
    fn report(&self, operation: OpInfo, id: Uuid, lang: crate::i18n::Lang, filename: String) -> Fut<'_, Exported>;
    /// What the user has been told of, newest first.
    fn notifications(&self) -> Fut<'_, Vec<Notification>>;
    /// Show an OS notification (the desktop app); elsewhere nothing.
    fn os_notify(&self, title: String, body: String);
    /// The questions of a meeting the user may see; in the desktop app with the user's own
    /// writes not yet delivered (marked pending).
    fn questions(&self, meeting: Uuid) -> Fut<'_, Vec<QuestionEntry>>;

    fn users(&self) -> Fut<'_, Vec<User>>;
    fn bridge_points(&self) -> Fut<'_, Vec<BridgePoint>>;
    fn units(&self) -> Fut<'_, Vec<Unit>>;

    /// Send the keyed write `op` (see `ecab_protocol::ops::keyed_write`) with its path
    /// parameters and JSON body; its JSON answer (`null` when empty). Call it typed, through
    /// [`dyn Backend::write`].
    fn send(&self, key: WriteKey, op: OpInfo, params: Vec<String>, body: Value) -> Fut<'_, Value>;
    /// Queue the keyed write `op`: the desktop keeps it in its outbox until the server takes
    /// it (offline too); a browser, having no outbox, sends it now. Call it typed, through
    /// [`dyn Backend::queue_write`].
    fn queue(&self, key: WriteKey, op: OpInfo, params: Vec<String>, body: Value) -> Fut<'_, ()>;
    /// Drop a queued write the server refused.
    fn discard(&self, write: Uuid) -> Fut<'_, ()>;
    fn upload_document(
        &self,
        key: WriteKey,
        meeting: Uuid,
        meta: DocumentMeta,
        file: web_sys::File,
        progress: Callback<UploadProgress>,
    ) -> Fut<'_, Document>;

    /// Tell the ui when the data may have changed (`changed`) and how the connection
    /// stands (`status`), until the returned [`Watch`] is dropped.
    fn watch(&self, changed: Callback<()>, status: Callback<SyncStatus>) -> Watch;
}

impl dyn Backend {
    /// Send the write `O` of `ecab_protocol::ops` with `key` as its `Idempotency-Key`.
    pub async fn write<O: Operation>(
        &self,
        key: WriteKey,
        params: O::Params,
        req: Req<O>,
    ) -> Result<Res<O>, BackendError> {
        let body = serde_json::to_value(&req).map_err(|e| BackendError::Unexpected(e.to_string()))?;
        let answer = self.send(key, O::INFO, params.segments(), body).await?;
        serde_json::from_value(answer)
            .map_err(|e| BackendError::Unexpected(format!("bad answer to {}: {e}", O::INFO.name)))
    }
}

impl dyn Backend {
    /// Queue the write `O` (see [`Backend::queue`]).
    pub async fn queue_write<O: Operation>(
        &self,
        key: WriteKey,
        params: O::Params,
        req: Req<O>,
    ) -> Result<(), BackendError> {
        let body = serde_json::to_value(&req).map_err(|e| BackendError::Unexpected(e.to_string()))?;
        self.queue(key, O::INFO, params.segments(), body).await
    }
}

/// The backend in a Yew context. Equal when it is the same backend.
#[derive(Clone)]
pub struct BackendHandle(pub Rc<dyn Backend>);

impl PartialEq for BackendHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for BackendHandle {
    type Target = dyn Backend;
    fn deref(&self) -> &Self::Target {
        &*self.0
    }
}
