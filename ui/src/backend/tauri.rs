//! The desktop transport: Tauri commands answered by `ecab-client`'s local store (works
//! offline), page images from the shell's `ecab://` protocol, the sync status from the
//! shell's `sync-status` event.
//!
//! Commands are called only through the typed functions of [`cmd`]: one per command,
//! taking and returning `ecab-protocol` types. A command's error is the server's
//! `ApiError`; `unavailable` (the server cannot be reached) becomes [`BackendError::Offline`].
//!
//! Writes go through the engine straight to the server with the ui's [`WriteKey`] (the
//! shell retries once with the same key); when they return, the local store already shows
//! them. A document's bytes cross as the raw body of the `upload_document` call, its
//! description as a header, the upload's progress on a Tauri channel.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use ecab_protocol::annotation::AnnotationEntry;
use ecab_protocol::auth::{LoginRequest, LoginResponse, User};
use ecab_protocol::client::{SyncStatus, UploadRequest};
use ecab_protocol::directory::{BridgePoint, Directory, Unit};
use ecab_protocol::document::{Document, DocumentMeta, DocumentText, PageText};
use ecab_protocol::meeting::{Meeting, MeetingDetail};
use ecab_protocol::notification::Notification;
use ecab_protocol::ops::OpInfo;
use ecab_protocol::question::QuestionEntry;
use ecab_protocol::{ApiError, ErrorCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::json;
use uuid::Uuid;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use yew::Callback;

use super::{Backend, BackendError, Exported, Fut, UploadProgress, Watch, WriteKey};

#[wasm_bindgen]
extern "C" {
    /// `window.__TAURI__.core.invoke` (the shell sets `withGlobalTauri`).
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;

    /// `invoke` with options (request headers); `args` may be raw bytes (`Uint8Array`).
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke_with(cmd: &str, args: JsValue, options: JsValue) -> Result<JsValue, JsValue>;

    /// `window.__TAURI__.core.Channel`: messages the shell sends during one call.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"])]
    type Channel;

    #[wasm_bindgen(constructor, js_namespace = ["window", "__TAURI__", "core"])]
    fn new() -> Channel;

    #[wasm_bindgen(method, getter)]
    fn id(this: &Channel) -> f64;

    #[wasm_bindgen(method, setter)]
    fn set_onmessage(this: &Channel, handler: &js_sys::Function);

    /// `window.__TAURI__.event.listen`: resolves to the function that stops listening.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "event"], js_name = listen, catch)]
    async fn tauri_listen(event: &str, handler: &Closure<dyn FnMut(JsValue)>) -> Result<JsValue, JsValue>;
}

/// The event the shell sends with every change of the sync status.
const SYNC_STATUS_EVENT: &str = "sync-status";

/// Whether the ui runs inside the desktop shell.
pub fn available() -> bool {
    web_sys::window().is_some_and(|w| js_sys::Reflect::has(&w, &JsValue::from_str("__TAURI__")).unwrap_or(false))
}

/// One typed function per command of the shell (src-tauri/src/commands).
mod cmd {
    use super::*;

    #[derive(Serialize)]
    struct Id {
        id: Uuid,
    }

    #[derive(Serialize)]
    struct Login<'a> {
        req: &'a LoginRequest,
    }

    pub async fn login(req: &LoginRequest) -> Result<LoginResponse, BackendError> {
        call("login", &Login { req }).await
    }

    pub async fn logout() -> Result<(), BackendError> {
        call("logout", &()).await
    }

    pub async fn me() -> Result<User, BackendError> {
        call("me", &()).await
    }

    pub async fn meetings() -> Result<Vec<Meeting>, BackendError> {
        call("meetings", &()).await
    }

    pub async fn meeting(id: Uuid) -> Result<MeetingDetail, BackendError> {
        call("meeting", &Id { id }).await
    }

    pub async fn document_text(id: Uuid) -> Result<DocumentText, BackendError> {
        call("document_text", &Id { id }).await
    }

    #[derive(Serialize)]
    struct PageAddress {
        document: Uuid,
        page: u32,
        width: u32,
    }

    pub async fn page_problem(document: Uuid, page: u32, width: u32) -> Result<Option<ApiError>, BackendError> {
        call("page_problem", &PageAddress { document, page, width }).await
    }

    pub async fn sync_status() -> Result<SyncStatus, BackendError> {
        call("sync_status", &()).await
    }

    pub async fn directory() -> Result<Directory, BackendError> {
        call("directory", &()).await
    }

    /// Any keyed write of `ecab_protocol::ops`, through the shell's one `send` command.
    pub async fn send(
        key: WriteKey,
        op: OpInfo,
        params: Vec<String>,
        body: serde_json::Value,
    ) -> Result<serde_json::Value, BackendError> {
        call("send", &json!({ "key": key.0, "op": op.name, "params": params, "body": body })).await
    }

    /// The outbox makes the write's key (its id), so the ui's is not needed.
    pub async fn queue(op: OpInfo, params: Vec<String>, body: serde_json::Value) -> Result<(), BackendError> {
        let _write: Uuid = call("queue", &json!({ "op": op.name, "params": params, "body": body })).await?;
        Ok(())
    }

    pub async fn discard(id: Uuid) -> Result<(), BackendError> {
        call("discard", &Id { id }).await
    }

    #[derive(Serialize)]
    struct PageOf {
        document: Uuid,
        page: u32,
    }

    pub async fn page_text(document: Uuid, page: u32) -> Result<PageText, BackendError> {
        call("page_text", &PageOf { document, page }).await
    }

    #[derive(Serialize)]
    struct OfDocument {
        document: Uuid,
    }

    pub async fn annotations(document: Uuid) -> Result<Vec<AnnotationEntry>, BackendError> {
        call("annotations", &OfDocument { document }).await
    }

    #[derive(Serialize)]
    struct Export {
        document: Uuid,
        filename: String,
    }

    /// Saved in the user's downloads folder; answers the path.
    pub async fn export_annotated(document: Uuid, filename: String) -> Result<String, BackendError> {
        call("export_annotated", &Export { document, filename }).await
    }

    #[derive(Serialize)]
    struct Report {
        operation: &'static str,
        id: Uuid,
        lang: crate::i18n::Lang,
        filename: String,
    }

    /// Fetched from the server and saved in the user's downloads folder; answers the path.
    pub async fn report(
        operation: &'static str,
        id: Uuid,
        lang: crate::i18n::Lang,
        filename: String,
    ) -> Result<String, BackendError> {
        call("report", &Report { operation, id, lang, filename }).await
    }

    pub async fn notifications() -> Result<Vec<Notification>, BackendError> {
        call("notifications", &json!({})).await
    }

    pub async fn notify(title: String, body: String) -> Result<(), BackendError> {
        call("notify", &json!({ "title": title, "body": body })).await
    }

    pub async fn questions(meeting: Uuid) -> Result<Vec<QuestionEntry>, BackendError> {
        call("questions", &json!({ "meeting": meeting })).await
    }

    /// The file's bytes as the raw body; the rest in the `ecab-upload` header; progress
    /// on a channel named in `ecab-progress`.
    pub async fn upload_document(
        key: WriteKey,
        meeting: Uuid,
        meta: DocumentMeta,
        file: web_sys::File,
        progress: Callback<UploadProgress>,
    ) -> Result<Document, BackendError> {
        let buffer =
            JsFuture::from(file.array_buffer()).await.map_err(|e| BackendError::Unexpected(format!("{e:?}")))?;
        let bytes = js_sys::Uint8Array::new(&buffer);
        let req = UploadRequest { key: key.0, meeting, meta, file_name: file.name() };
        let header = serde_json::to_string(&req).map_err(|e| BackendError::Unexpected(e.to_string()))?;
        let channel = Channel::new();
        let on_message = Closure::<dyn FnMut(JsValue)>::new(move |message: JsValue| {
            if let Ok(p) = decode::<ecab_protocol::client::UploadProgress>(&message) {
                progress.emit(UploadProgress { sent: p.sent as f64, total: p.total as f64 });
            }
        });
        channel.set_onmessage(on_message.as_ref().unchecked_ref());
        let headers = js_sys::Object::new();
        let set = |o: &js_sys::Object, k: &str, v: &JsValue| js_sys::Reflect::set(o, &JsValue::from_str(k), v);
        let channel_name = format!("__CHANNEL__:{}", channel.id());
        set(&headers, "ecab-upload", &JsValue::from_str(&ascii_only(&header)))
            .and_then(|_| set(&headers, "ecab-progress", &JsValue::from_str(&channel_name)))
            .map_err(|e| BackendError::Unexpected(format!("{e:?}")))?;
        let options = js_sys::Object::new();
        set(&options, "headers", &headers).map_err(|e| BackendError::Unexpected(format!("{e:?}")))?;
        let answer = tauri_invoke_with("upload_document", bytes.into(), options.into()).await;
        drop(on_message);
        match answer {
            Ok(value) => decode(&value),
            Err(error) => Err(command_error(&error)),
        }
    }

    /// JSON with every character outside ASCII written as `\uXXXX` (header values are
    /// bytes; Vietnamese titles must survive them).
    pub fn ascii_only(json: &str) -> String {
        let mut out = String::with_capacity(json.len());
        for c in json.chars() {
            if c.is_ascii() {
                out.push(c);
            } else {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
        out
    }

    /// Arguments and results cross as JSON (no extra serializer in the wasm).
    async fn call<A: Serialize, T: DeserializeOwned>(command: &str, args: &A) -> Result<T, BackendError> {
        let args = serde_json::to_string(args).map_err(|e| BackendError::Unexpected(e.to_string()))?;
        let args = match args.as_str() {
            "null" => JsValue::UNDEFINED,
            json => js_sys::JSON::parse(json).map_err(|e| BackendError::Unexpected(format!("{e:?}")))?,
        };
        match tauri_invoke(command, args).await {
            Ok(value) => decode(&value),
            Err(error) => Err(command_error(&error)),
        }
    }

    fn decode<T: DeserializeOwned>(value: &JsValue) -> Result<T, BackendError> {
        let text = if value.is_undefined() {
            "null".to_owned()
        } else {
            js_sys::JSON::stringify(value).ok().and_then(|s| s.as_string()).unwrap_or_else(|| "null".to_owned())
        };
        serde_json::from_str(&text).map_err(|e| BackendError::Unexpected(format!("bad answer: {e}")))
    }

    /// The shell's `ApiError`; anything else (a string from Tauri itself, e.g. a command
    /// the capability does not grant) is unexpected.
    pub fn command_error(error: &JsValue) -> BackendError {
        match decode::<ApiError>(error) {
            Ok(e) if e.code == ErrorCode::Unavailable => BackendError::Offline,
            Ok(e) => BackendError::Server(e),
            Err(_) => BackendError::Unexpected(error.as_string().unwrap_or_else(|| format!("{error:?}"))),
        }
    }
}

/// The ui asks for users, units and bridge points one after the other; one answer of the
/// shell serves all three for this long.
const DIRECTORY_FRESH_MS: f64 = 10_000.0;

pub struct TauriBackend {
    /// Where the shell's page protocol is reached from this webview.
    page_base: &'static str,
    /// The last directory and when it came (`Date.now()`).
    directory: RefCell<Option<(f64, Directory)>>,
}

impl Default for TauriBackend {
    fn default() -> Self {
        Self::new()
    }
}

impl TauriBackend {
    pub fn new() -> Self {
        // WebView2 (Windows) reaches custom schemes as http://<scheme>.localhost; WebKit
        // (Linux, macOS) as <scheme>://localhost.
        let user_agent = web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("navigator")).ok())
            .and_then(|n| js_sys::Reflect::get(&n, &JsValue::from_str("userAgent")).ok())
            .and_then(|ua| ua.as_string());
        let windows = user_agent.is_some_and(|ua| ua.contains("Windows"));
        let page_base = if windows { "http://ecab.localhost" } else { "ecab://localhost" };
        TauriBackend { page_base, directory: RefCell::new(None) }
    }

    async fn directory(&self) -> Result<Directory, BackendError> {
        let now = js_sys::Date::now();
        if let Some((at, d)) = &*self.directory.borrow()
            && now - at < DIRECTORY_FRESH_MS
        {
            return Ok(d.clone());
        }
        let d = cmd::directory().await?;
        *self.directory.borrow_mut() = Some((now, d.clone()));
        Ok(d)
    }
}

impl Backend for TauriBackend {
    fn login(&self, req: LoginRequest) -> Fut<'_, LoginResponse> {
        Box::pin(async move { cmd::login(&req).await })
    }

    fn logout(&self) -> Fut<'_, ()> {
        Box::pin(cmd::logout())
    }

    /// The shell keeps the session (token in the OS keyring); `me` says whether one exists.
    fn has_session(&self) -> bool {
        true
    }

    fn me(&self) -> Fut<'_, User> {
        Box::pin(cmd::me())
    }

    fn meetings(&self) -> Fut<'_, Vec<Meeting>> {
        Box::pin(cmd::meetings())
    }

    fn meeting(&self, id: Uuid) -> Fut<'_, MeetingDetail> {
        Box::pin(cmd::meeting(id))
    }

    fn document_text(&self, document: Uuid) -> Fut<'_, DocumentText> {
        Box::pin(cmd::document_text(document))
    }

    fn page_url(&self, document: Uuid, page: u32, width: u32) -> String {
        format!("{}/page/{document}/{page}?width={width}", self.page_base)
    }

    fn page_problem(&self, document: Uuid, page: u32, width: u32) -> Pin<Box<dyn Future<Output = BackendError> + '_>> {
        Box::pin(async move {
            match cmd::page_problem(document, page, width).await {
                Ok(Some(api)) => BackendError::Server(api),
                Ok(None) => BackendError::Unexpected("the page image did not load".into()),
                Err(e) => e,
            }
        })
    }

    fn page_image(&self, document: Uuid, page: u32, width: u32) -> Fut<'_, String> {
        let url = self.page_url(document, page, width);
        Box::pin(async move { Ok(url) })
    }

    fn sync_status(&self) -> Fut<'_, SyncStatus> {
        Box::pin(cmd::sync_status())
    }

    fn users(&self) -> Fut<'_, Vec<User>> {
        Box::pin(async move { Ok(self.directory().await?.users) })
    }

    fn bridge_points(&self) -> Fut<'_, Vec<BridgePoint>> {
        Box::pin(async move { Ok(self.directory().await?.bridge_points) })
    }

    fn units(&self) -> Fut<'_, Vec<Unit>> {
        Box::pin(async move { Ok(self.directory().await?.units) })
    }

    fn send(
        &self,
        key: WriteKey,
        op: OpInfo,
        params: Vec<String>,
        body: serde_json::Value,
    ) -> Fut<'_, serde_json::Value> {
        Box::pin(cmd::send(key, op, params, body))
    }

    fn queue(&self, _key: WriteKey, op: OpInfo, params: Vec<String>, body: serde_json::Value) -> Fut<'_, ()> {
        Box::pin(cmd::queue(op, params, body))
    }

    fn discard(&self, write: Uuid) -> Fut<'_, ()> {
        Box::pin(cmd::discard(write))
    }

    fn questions(&self, meeting: Uuid) -> Fut<'_, Vec<QuestionEntry>> {
        Box::pin(cmd::questions(meeting))
    }

    fn notifications(&self) -> Fut<'_, Vec<Notification>> {
        Box::pin(cmd::notifications())
    }

    fn os_notify(&self, title: String, body: String) {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = cmd::notify(title, body).await;
        });
    }

    fn report(&self, op: OpInfo, id: Uuid, lang: crate::i18n::Lang, filename: String) -> Fut<'_, Exported> {
        Box::pin(async move { cmd::report(op.name, id, lang, filename).await.map(Exported::Saved) })
    }

    fn page_text(&self, document: Uuid, page: u32) -> Fut<'_, PageText> {
        Box::pin(cmd::page_text(document, page))
    }

    fn annotations(&self, document: Uuid) -> Fut<'_, Vec<AnnotationEntry>> {
        Box::pin(cmd::annotations(document))
    }

    fn export_annotated(&self, document: Uuid, filename: String) -> Fut<'_, Exported> {
        Box::pin(async move { cmd::export_annotated(document, filename).await.map(Exported::Saved) })
    }

    fn upload_document(
        &self,
        key: WriteKey,
        meeting: Uuid,
        meta: DocumentMeta,
        file: web_sys::File,
        progress: Callback<UploadProgress>,
    ) -> Fut<'_, Document> {
        Box::pin(cmd::upload_document(key, meeting, meta, file, progress))
    }

    fn watch(&self, changed: Callback<()>, status: Callback<SyncStatus>) -> Watch {
        let last_sync = Rc::new(RefCell::new(None));
        let handler = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let Ok(payload) = js_sys::Reflect::get(&event, &JsValue::from_str("payload")) else { return };
            let Some(json) = js_sys::JSON::stringify(&payload).ok().and_then(|s| s.as_string()) else { return };
            let Ok(s) = serde_json::from_str::<SyncStatus>(&json) else { return };
            let pulled = s.last_sync.is_some() && *last_sync.borrow() != s.last_sync;
            *last_sync.borrow_mut() = s.last_sync;
            status.emit(s);
            if pulled {
                changed.emit(());
            }
        });
        let listening = Rc::new(Listening { unlisten: RefCell::new(None), stopped: RefCell::new(false), handler });
        let pending = listening.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Ok(unlisten) = tauri_listen(SYNC_STATUS_EVENT, &pending.handler).await {
                let unlisten: js_sys::Function = unlisten.unchecked_into();
                if *pending.stopped.borrow() {
                    let _ = unlisten.call0(&JsValue::NULL);
                } else {
                    *pending.unlisten.borrow_mut() = Some(unlisten);
                }
            }
        });
        Watch::new(ListenGuard(listening))
    }
}

/// A listener of the shell's event; the closure lives as long as the listener.
struct Listening {
    unlisten: RefCell<Option<js_sys::Function>>,
    stopped: RefCell<bool>,
    handler: Closure<dyn FnMut(JsValue)>,
}

struct ListenGuard(Rc<Listening>);

impl Drop for ListenGuard {
    fn drop(&mut self) {
        *self.0.stopped.borrow_mut() = true;
        if let Some(unlisten) = self.0.unlisten.borrow_mut().take() {
            let _ = unlisten.call0(&JsValue::NULL);
        }
    }
}
