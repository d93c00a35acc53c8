//! The browser transport: the server's JSON API under `/api/v1` on the same origin.
//!
//! - The bearer token lives in `sessionStorage` (gone when the tab closes; never
//!   `localStorage`).
//! - Every write sends its [`WriteKey`] as `Idempotency-Key`; a write that fails to
//!   reach the server is retried once with the same key.
//! - A failed `fetch` (no network, server down) is [`BackendError::Offline`]; any HTTP
//!   answer means the server is online, whatever its status.
//! - Page images need the token, so they are fetched and handed to `<img>` as object
//!   URLs (the browser's HTTP cache still keeps the PNGs: they are `immutable`).

use std::cell::RefCell;
use std::rc::Rc;

use ecab_protocol::annotation::{Annotation, AnnotationEntry};
use ecab_protocol::auth::{LoginRequest, LoginResponse, User};
use ecab_protocol::client::SyncStatus;
use ecab_protocol::directory::{BridgePoint, Unit};
use ecab_protocol::document::{Document, DocumentMeta, DocumentText, PageText};
use ecab_protocol::meeting::{Meeting, MeetingDetail};
use ecab_protocol::notification::Notification;
use ecab_protocol::ops::{self, Input, OpInfo, Operation};
use ecab_protocol::question::{Question, QuestionEntry};
use ecab_protocol::{ApiError, IDEMPOTENCY_KEY};
use gloo_timers::callback::Timeout;
use serde::de::DeserializeOwned;
use uuid::Uuid;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    FormData, Headers, MessageEvent, ProgressEvent, Request, RequestInit, Response, WebSocket, XmlHttpRequest,
};
use yew::Callback;

use super::object_urls::ObjectUrls;
use super::{Backend, BackendError, Exported, Fut, UploadProgress, Watch, WriteKey};

const TOKEN_KEY: &str = "ecab.token";
/// Object URLs of page images kept at once (thumbnails of a long report plus a few pages).
const PAGE_CACHE: usize = 400;

pub struct HttpBackend {
    inner: Rc<RefCell<Inner>>,
}

struct Inner {
    status: SyncStatus,
    on_status: Option<Callback<SyncStatus>>,
    pages: ObjectUrls,
}

impl Default for Inner {
    fn default() -> Self {
        Inner {
            status: SyncStatus {
                online: true,
                last_sync: None,
                last_error: None,
                pending_writes: 0,
                downloads: Vec::new(),
            },
            on_status: None,
            pages: ObjectUrls::new(PAGE_CACHE, revoke_object_url),
        }
    }
}

impl Default for HttpBackend {
    fn default() -> Self {
        Self::new()
    }
}

impl HttpBackend {
    pub fn new() -> Self {
        HttpBackend { inner: Rc::new(RefCell::new(Inner::default())) }
    }

    fn token() -> Option<String> {
        session_storage()?.get_item(TOKEN_KEY).ok().flatten()
    }

    fn set_token(token: Option<&str>) {
        if let Some(s) = session_storage() {
            let _ = match token {
                Some(t) => s.set_item(TOKEN_KEY, t),
                None => s.remove_item(TOKEN_KEY),
            };
        }
    }

    /// Record how the last exchange went and tell the ui if that changed anything.
    fn note(&self, online: bool, read_ok: bool, error: Option<ApiError>) {
        let (status, listener) = {
            let mut inner = self.inner.borrow_mut();
            let before = inner.status.clone();
            inner.status.online = online;
            if read_ok {
                inner.status.last_sync = Some(crate::time::now());
                inner.status.last_error = None;
            }
            if error.is_some() {
                inner.status.last_error = error;
            }
            if inner.status == before {
                return;
            }
            (inner.status.clone(), inner.on_status.clone())
        };
        if let Some(cb) = listener {
            cb.emit(status);
        }
    }

    /// One request. `Ok(None)` for an empty body (204).
    async fn exchange(
        &self,
        method: &str,
        path: &str,
        body: Option<&str>,
        key: Option<WriteKey>,
    ) -> Result<Option<String>, BackendError> {
        let init = RequestInit::new();
        init.set_method(method);
        let headers = Headers::new().map_err(js_unexpected)?;
        headers.set("accept", "application/json").map_err(js_unexpected)?;
        if let Some(token) = Self::token() {
            headers.set("authorization", &format!("Bearer {token}")).map_err(js_unexpected)?;
        }
        if let Some(key) = key {
            headers.set(IDEMPOTENCY_KEY, &key.0.to_string()).map_err(js_unexpected)?;
        }
        if let Some(body) = body {
            headers.set("content-type", "application/json").map_err(js_unexpected)?;
            init.set_body(&JsValue::from_str(body));
        }
        init.set_headers(&headers);
        let request = Request::new_with_str_and_init(path, &init).map_err(js_unexpected)?;
        let response = self.send(&request).await?;
        let text = body_text(&response).await;
        if response.ok() {
            self.note(true, method == "GET", None);
            return Ok(if text.is_empty() { None } else { Some(text) });
        }
        Err(self.failure(response.status(), &text, true))
    }

    /// Fetch; a request that never got an answer means offline.
    async fn send(&self, request: &Request) -> Result<Response, BackendError> {
        let window = web_sys::window().ok_or_else(|| BackendError::Unexpected("no window".into()))?;
        match JsFuture::from(window.fetch_with_request(request)).await {
            Ok(r) => Ok(r.unchecked_into::<Response>()),
            Err(_) => {
                self.note(false, false, None);
                Err(BackendError::Offline)
            }
        }
    }

    /// The error an unsuccessful answer stands for, noted in the connection status (the
    /// error itself only when `remember`: a page that cannot be drawn is the reader's news,
    /// not the header's).
    fn failure(&self, status: u16, text: &str, remember: bool) -> BackendError {
        match serde_json::from_str::<ApiError>(text) {
            Ok(err) => {
                self.note(true, false, remember.then(|| err.clone()));
                BackendError::Server(err)
            }
            // A gateway between us and the server answered: the server is not reachable.
            Err(_) if matches!(status, 502..=504) => {
                self.note(false, false, None);
                BackendError::Offline
            }
            Err(_) => {
                self.note(true, false, None);
                BackendError::Unexpected(format!("HTTP {status}"))
            }
        }
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, BackendError> {
        let text = self.exchange("GET", path, None, None).await?;
        decode(text)
    }

    /// A write: sent with its key, and sent once more with the same key if the first
    /// attempt never reached the server (or its answer never reached us).
    async fn write(
        &self,
        method: &str,
        path: &str,
        key: WriteKey,
        body: Option<String>,
    ) -> Result<Option<String>, BackendError> {
        let first = self.exchange(method, path, body.as_deref(), Some(key)).await;
        let text = match first {
            Err(BackendError::Offline) => {
                gloo_timers::future::TimeoutFuture::new(1_500).await;
                self.exchange(method, path, body.as_deref(), Some(key)).await?
            }
            other => other?,
        };
        Ok(text)
    }

    async fn fetch_page(&self, document: Uuid, page: u32, width: u32) -> Result<String, BackendError> {
        let cache_key = (document, page, width);
        if let Some(url) = self.inner.borrow().pages.get(&cache_key) {
            return Ok(url);
        }
        let object_url = self.fetch_object_url(&self.page_url(document, page, width)).await?;
        self.inner.borrow_mut().pages.insert(cache_key, object_url.clone());
        Ok(object_url)
    }

    /// GET `url` with the session's token; its body as an object URL (the caller revokes it).
    async fn fetch_object_url(&self, url: &str) -> Result<String, BackendError> {
        let init = RequestInit::new();
        init.set_method("GET");
        let headers = Headers::new().map_err(js_unexpected)?;
        if let Some(token) = Self::token() {
            headers.set("authorization", &format!("Bearer {token}")).map_err(js_unexpected)?;
        }
        init.set_headers(&headers);
        let request = Request::new_with_str_and_init(url, &init).map_err(js_unexpected)?;
        let response = self.send(&request).await?;
        if !response.ok() {
            let text = body_text(&response).await;
            return Err(self.failure(response.status(), &text, false));
        }
        let blob = JsFuture::from(response.blob().map_err(js_unexpected)?).await.map_err(|_| BackendError::Offline)?;
        web_sys::Url::create_object_url_with_blob(&blob.unchecked_into()).map_err(js_unexpected)
    }

    /// Fetch `path` with the session's token and hand it to the browser as a download.
    async fn download(&self, path: String, filename: String) -> Result<Exported, BackendError> {
        let url = self.fetch_object_url(&path).await?;
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| BackendError::Unexpected("no document".into()))?;
        let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(js_unexpected)?.unchecked_into();
        a.set_href(&url);
        a.set_download(&filename);
        a.click();
        // The browser has taken the bytes once the click is handled.
        Timeout::new(60_000, move || revoke_object_url(&url)).forget();
        Ok(Exported::Downloaded(filename))
    }

    async fn upload(
        &self,
        key: WriteKey,
        meeting: Uuid,
        meta: DocumentMeta,
        file: web_sys::File,
        progress: Callback<UploadProgress>,
    ) -> Result<Document, BackendError> {
        let meta = serde_json::to_string(&meta).map_err(|e| BackendError::Unexpected(e.to_string()))?;
        let form = FormData::new().map_err(js_unexpected)?;
        form.append_with_str("meta", &meta).map_err(js_unexpected)?;
        form.append_with_blob_and_filename("file", &file, &file.name()).map_err(js_unexpected)?;

        let xhr = XmlHttpRequest::new().map_err(js_unexpected)?;
        xhr.open("POST", &ops::UploadDocument::path(&meeting)).map_err(js_unexpected)?;
        if let Some(token) = Self::token() {
            xhr.set_request_header("authorization", &format!("Bearer {token}")).map_err(js_unexpected)?;
        }
        xhr.set_request_header(IDEMPOTENCY_KEY, &key.0.to_string()).map_err(js_unexpected)?;
        xhr.set_request_header("accept", "application/json").map_err(js_unexpected)?;

        let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
            if e.length_computable() {
                progress.emit(UploadProgress { sent: e.loaded(), total: e.total() });
            }
        });
        xhr.upload().map_err(js_unexpected)?.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));

        // Resolve with `true` when an answer came, `false` when the network failed.
        let done = js_sys::Promise::new(&mut |resolve, _reject| {
            let ok = resolve.clone();
            let onload = Closure::once_into_js(move || {
                let _ = ok.call1(&JsValue::NULL, &JsValue::TRUE);
            });
            let onerror = Closure::once_into_js(move || {
                let _ = resolve.call1(&JsValue::NULL, &JsValue::FALSE);
            });
            xhr.set_onload(Some(onload.unchecked_ref()));
            xhr.set_onerror(Some(onerror.unchecked_ref()));
            xhr.set_onabort(Some(onerror.unchecked_ref()));
        });
        xhr.send_with_opt_form_data(Some(&form)).map_err(js_unexpected)?;
        let answered = JsFuture::from(done).await.map(|v| v.is_truthy()).unwrap_or(false);
        drop(on_progress);
        if !answered {
            self.note(false, false, None);
            return Err(BackendError::Offline);
        }
        let status = xhr.status().unwrap_or(0);
        let text = xhr.response_text().ok().flatten().unwrap_or_default();
        if (200..300).contains(&status) {
            self.note(true, false, None);
            return decode(Some(text));
        }
        match serde_json::from_str::<ApiError>(&text) {
            Ok(err) => {
                self.note(true, false, Some(err.clone()));
                Err(BackendError::Server(err))
            }
            Err(_) => Err(BackendError::Unexpected(format!("HTTP {status}"))),
        }
    }
}

fn revoke_object_url(url: &str) {
    let _ = web_sys::Url::revoke_object_url(url);
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn js_unexpected(e: JsValue) -> BackendError {
    BackendError::Unexpected(format!("{e:?}"))
}

fn decode<T: DeserializeOwned>(text: Option<String>) -> Result<T, BackendError> {
    let text = text.unwrap_or_else(|| "null".into());
    serde_json::from_str(&text).map_err(|e| BackendError::Unexpected(format!("bad JSON: {e}")))
}

impl Backend for HttpBackend {
    fn login(&self, req: LoginRequest) -> Fut<'_, LoginResponse> {
        Box::pin(async move {
            let body = serde_json::to_string(&req).map_err(|e| BackendError::Unexpected(e.to_string()))?;
            let res: LoginResponse = decode(self.exchange("POST", ops::Login::INFO.path, Some(&body), None).await?)?;
            Self::set_token(Some(&res.token));
            Ok(res)
        })
    }

    fn logout(&self) -> Fut<'_, ()> {
        Box::pin(async move {
            let res = self.exchange("POST", ops::Logout::INFO.path, None, None).await.map(|_| ());
            Self::set_token(None);
            self.inner.borrow_mut().pages.clear();
            res
        })
    }

    fn has_session(&self) -> bool {
        Self::token().is_some()
    }

    fn me(&self) -> Fut<'_, User> {
        Box::pin(self.get(ops::Me::INFO.path))
    }

    fn meetings(&self) -> Fut<'_, Vec<Meeting>> {
        Box::pin(
            async move { Ok(self.get::<ops::Res<ops::ListMeetings>>(ops::ListMeetings::INFO.path).await?.meetings) },
        )
    }

    fn meeting(&self, id: Uuid) -> Fut<'_, MeetingDetail> {
        Box::pin(async move { self.get(&ops::GetMeeting::path(&id)).await })
    }

    fn document_text(&self, document: Uuid) -> Fut<'_, DocumentText> {
        Box::pin(async move { self.get(&ops::DocumentText::path(&document)).await })
    }

    fn page_url(&self, document: Uuid, page: u32, width: u32) -> String {
        format!("{}?width={width}", ops::PageImage::path(&(document, page)))
    }

    fn page_image(&self, document: Uuid, page: u32, width: u32) -> Fut<'_, String> {
        Box::pin(self.fetch_page(document, page, width))
    }

    fn page_text(&self, document: Uuid, page: u32) -> Fut<'_, PageText> {
        Box::pin(async move { self.get(&ops::PageText::path(&(document, page))).await })
    }

    fn annotations(&self, document: Uuid) -> Fut<'_, Vec<AnnotationEntry>> {
        Box::pin(async move {
            let list: Vec<Annotation> = self.get(&ops::ListAnnotations::path(&document)).await?;
            Ok(list
                .into_iter()
                .map(|annotation| AnnotationEntry { annotation, pending: false, refused: None, write_id: None })
                .collect())
        })
    }

    fn export_annotated(&self, document: Uuid, filename: String) -> Fut<'_, Exported> {
        Box::pin(self.download(ops::ExportAnnotated::path(&document), filename))
    }

    fn report(&self, op: OpInfo, id: Uuid, lang: crate::i18n::Lang, filename: String) -> Fut<'_, Exported> {
        Box::pin(async move {
            let path = op.fill(&[id.to_string()]).ok_or_else(|| BackendError::Unexpected("bad report".into()))?;
            self.download(format!("{path}?lang={}", lang.as_str()), filename).await
        })
    }

    fn notifications(&self) -> Fut<'_, Vec<Notification>> {
        Box::pin(self.get(ops::ListNotifications::INFO.path))
    }

    /// A browser tab shows the list in the page; it raises no OS notification.
    fn os_notify(&self, _title: String, _body: String) {}

    fn questions(&self, meeting: Uuid) -> Fut<'_, Vec<QuestionEntry>> {
        Box::pin(async move {
            let list: Vec<Question> = self.get(&ops::ListQuestions::path(&meeting)).await?;
            Ok(list
                .into_iter()
                .map(|question| QuestionEntry { question, pending: false, write_id: None, refused: None })
                .collect())
        })
    }

    fn queue(&self, key: WriteKey, op: OpInfo, params: Vec<String>, body: serde_json::Value) -> Fut<'_, ()> {
        Box::pin(async move { Backend::send(self, key, op, params, body).await.map(|_| ()) })
    }

    fn discard(&self, _write: Uuid) -> Fut<'_, ()> {
        Box::pin(async { Ok(()) })
    }

    fn sync_status(&self) -> Fut<'_, SyncStatus> {
        let status = self.inner.borrow().status.clone();
        Box::pin(async move { Ok(status) })
    }

    fn users(&self) -> Fut<'_, Vec<User>> {
        Box::pin(self.get(ops::ListUsers::INFO.path))
    }

    fn bridge_points(&self) -> Fut<'_, Vec<BridgePoint>> {
        Box::pin(self.get(ops::ListBridgePoints::INFO.path))
    }

    fn units(&self) -> Fut<'_, Vec<Unit>> {
        Box::pin(self.get(ops::ListUnits::INFO.path))
    }

    fn send(
        &self,
        key: WriteKey,
        op: OpInfo,
        params: Vec<String>,
        body: serde_json::Value,
    ) -> Fut<'_, serde_json::Value> {
        Box::pin(async move {
            let path =
                op.fill(&params).ok_or_else(|| BackendError::Unexpected(format!("bad parameters for {}", op.name)))?;
            let body = (op.input == Input::Json).then(|| body.to_string());
            decode(self.write(op.method.as_str(), &path, key, body).await?)
        })
    }

    fn upload_document(
        &self,
        key: WriteKey,
        meeting: Uuid,
        meta: DocumentMeta,
        file: web_sys::File,
        progress: Callback<UploadProgress>,
    ) -> Fut<'_, Document> {
        Box::pin(self.upload(key, meeting, meta, file, progress))
    }

    fn watch(&self, changed: Callback<()>, status: Callback<SyncStatus>) -> Watch {
        self.inner.borrow_mut().on_status = Some(status);
        let live = Rc::new(RefCell::new(Live { changed, ..Default::default() }));
        Live::connect(&live);
        Watch::new(LiveGuard(live))
    }
}

/// The live channel: a WebSocket whose messages `{"seq": N}` say the feed moved.
/// Reconnects with a growing pause while the server is unreachable.
#[derive(Default)]
struct Live {
    changed: Callback<()>,
    socket: Option<WebSocket>,
    handlers: Vec<Closure<dyn FnMut(JsValue)>>,
    retry: Option<Timeout>,
    pause_ms: u32,
    last_seq: Option<i64>,
    stopped: bool,
}

struct LiveGuard(Rc<RefCell<Live>>);

impl Drop for LiveGuard {
    fn drop(&mut self) {
        let mut live = self.0.borrow_mut();
        live.stopped = true;
        live.retry = None;
        if let Some(ws) = live.socket.take() {
            ws.set_onclose(None);
            let _ = ws.close();
        }
        live.handlers.clear();
    }
}

impl Live {
    fn connect(this: &Rc<RefCell<Live>>) {
        let Some(token) = HttpBackend::token() else { return };
        let Some(location) = web_sys::window().map(|w| w.location()) else { return };
        let scheme = if location.protocol().ok().as_deref() == Some("https:") { "wss" } else { "ws" };
        let host = location.host().unwrap_or_default();
        let Ok(ws) = WebSocket::new(&format!("{scheme}://{host}{}", ecab_protocol::LIVE_PATH)) else {
            Live::schedule(this);
            return;
        };
        let on_open = Closure::<dyn FnMut(JsValue)>::new({
            let ws = ws.clone();
            let this = Rc::downgrade(this);
            move |_| {
                let _ = ws.send_with_str(&token);
                if let Some(this) = this.upgrade() {
                    this.borrow_mut().pause_ms = 0;
                }
            }
        });
        let on_message = Closure::<dyn FnMut(JsValue)>::new({
            let this = Rc::downgrade(this);
            move |e: JsValue| {
                let Some(this) = this.upgrade() else { return };
                let Some(text) = e.unchecked_into::<MessageEvent>().data().as_string() else { return };
                let Ok(ecab_protocol::sync::LivePoke { seq }) = serde_json::from_str(&text) else { return };
                let changed = {
                    let mut live = this.borrow_mut();
                    let moved = live.last_seq.is_some_and(|last| last != seq);
                    live.last_seq = Some(seq);
                    moved.then(|| live.changed.clone())
                };
                if let Some(cb) = changed {
                    cb.emit(());
                }
            }
        });
        let on_close = Closure::<dyn FnMut(JsValue)>::new({
            let this = Rc::downgrade(this);
            move |_| {
                if let Some(this) = this.upgrade() {
                    let changed = this.borrow().changed.clone();
                    // The server may have gone: let the ui find out by asking.
                    changed.emit(());
                    Live::schedule(&this);
                }
            }
        });
        ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        let mut live = this.borrow_mut();
        live.handlers = vec![on_open, on_message, on_close];
        live.socket = Some(ws);
    }

    fn schedule(this: &Rc<RefCell<Live>>) {
        let mut live = this.borrow_mut();
        if live.stopped {
            return;
        }
        live.socket = None;
        live.pause_ms = (live.pause_ms * 2).clamp(2_000, 30_000);
        let weak = Rc::downgrade(this);
        live.retry = Some(Timeout::new(live.pause_ms, move || {
            if let Some(this) = weak.upgrade()
                && !this.borrow().stopped
            {
                Live::connect(&this);
            }
        }));
    }
}

/// The body of an answer as text (empty when it cannot be read).
async fn body_text(response: &Response) -> String {
    match response.text() {
        Ok(p) => JsFuture::from(p).await.ok().and_then(|v| v.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    }
}
