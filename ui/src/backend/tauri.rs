//! The desktop transport: Tauri commands answered by `ecab-client`'s local store (works
//! offline), page images from the shell's `ecab://` protocol, the sync status from the
//! shell's `sync-status` event.
//!
//! Commands are called only through the typed functions of [`cmd`]: one per command,
//! taking and returning `ecab-protocol` types. A command's error is the server's
//! `ApiError`; `unavailable` (the server cannot be reached) becomes [`BackendError::Offline`].
//!
//! Not available here yet (the engine has no API for them): the directory (users, units,
//! bridge points) and writes; they answer [`BackendError::Unexpected`].

use std::cell::RefCell;
use std::rc::Rc;

use ecab_protocol::auth::{LoginRequest, LoginResponse, User};
use ecab_protocol::client::SyncStatus;
use ecab_protocol::directory::{BridgePoint, Unit};
use ecab_protocol::document::{Document, DocumentMeta, DocumentText};
use ecab_protocol::meeting::{
    AgendaItem, CreateAgendaItem, CreateMeeting, Invitees, Meeting, MeetingDetail, ReorderAgenda, SetInvitees,
    UpdateAgendaItem, UpdateMeeting,
};
use ecab_protocol::{ApiError, ErrorCode, Transition};
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;
use wasm_bindgen::prelude::*;
use yew::Callback;

use super::{Backend, BackendError, Fut, UploadProgress, Watch, WriteKey};

#[wasm_bindgen]
extern "C" {
    /// `window.__TAURI__.core.invoke` (the shell sets `withGlobalTauri`).
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;

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

    pub async fn sync_status() -> Result<SyncStatus, BackendError> {
        call("sync_status", &()).await
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

pub struct TauriBackend {
    /// Where the shell's page protocol is reached from this webview.
    page_base: &'static str,
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
        TauriBackend { page_base: if windows { "http://ecab.localhost" } else { "ecab://localhost" } }
    }
}

fn not_here<T: 'static>(what: &str) -> Fut<'static, T> {
    let error = BackendError::Unexpected(format!("{what} is not available in the desktop app yet"));
    Box::pin(async move { Err(error) })
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

    fn page_image(&self, document: Uuid, page: u32, width: u32) -> Fut<'_, String> {
        let url = self.page_url(document, page, width);
        Box::pin(async move { Ok(url) })
    }

    fn sync_status(&self) -> Fut<'_, SyncStatus> {
        Box::pin(cmd::sync_status())
    }

    fn users(&self) -> Fut<'_, Vec<User>> {
        not_here("the user directory")
    }

    fn bridge_points(&self) -> Fut<'_, Vec<BridgePoint>> {
        not_here("the bridge point directory")
    }

    fn units(&self) -> Fut<'_, Vec<Unit>> {
        not_here("the unit directory")
    }

    fn create_meeting(&self, _key: WriteKey, _req: CreateMeeting) -> Fut<'_, MeetingDetail> {
        not_here("creating a meeting")
    }

    fn update_meeting(&self, _key: WriteKey, _id: Uuid, _req: UpdateMeeting) -> Fut<'_, Meeting> {
        not_here("editing a meeting")
    }

    fn add_agenda_item(&self, _key: WriteKey, _meeting: Uuid, _req: CreateAgendaItem) -> Fut<'_, AgendaItem> {
        not_here("editing the agenda")
    }

    fn update_agenda_item(&self, _key: WriteKey, _item: Uuid, _req: UpdateAgendaItem) -> Fut<'_, AgendaItem> {
        not_here("editing the agenda")
    }

    fn reorder_agenda(&self, _key: WriteKey, _meeting: Uuid, _req: ReorderAgenda) -> Fut<'_, Vec<AgendaItem>> {
        not_here("editing the agenda")
    }

    fn remove_agenda_item(&self, _key: WriteKey, _item: Uuid) -> Fut<'_, ()> {
        not_here("editing the agenda")
    }

    fn upload_document(
        &self,
        _key: WriteKey,
        _meeting: Uuid,
        _meta: DocumentMeta,
        _file: web_sys::File,
        _progress: Callback<UploadProgress>,
    ) -> Fut<'_, Document> {
        not_here("uploading a document")
    }

    fn set_invitees(&self, _key: WriteKey, _meeting: Uuid, _req: SetInvitees) -> Fut<'_, Invitees> {
        not_here("editing the invitees")
    }

    fn transition(&self, _key: WriteKey, _meeting: Uuid, _t: Transition) -> Fut<'_, Meeting> {
        not_here("changing a meeting's state")
    }

    /// `status` gets every sync status the shell sends; `changed` fires when a pull has
    /// finished (new data may be in the local store).
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
