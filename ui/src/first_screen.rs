//! The first screen's data from the desktop shell: who is signed in and their meetings,
//! read from the local store while the window was made (`src-tauri/src/first_screen.rs`).
//! With it the meeting list is drawn in the first render instead of after two commands;
//! `me` is still asked at once (a confirmed user changes nothing) and the list is asked for
//! again at the first refresh.
//!
//! Used on the page's first load only: a reload, or a later navigation in the same
//! window, finds the same script again but may follow a sign-out, so it is ignored then.

use std::cell::RefCell;

use ecab_protocol::auth::User;
use ecab_protocol::client::{FIRST_SCREEN_GLOBAL, FirstScreen};
use ecab_protocol::meeting::Meeting;
use wasm_bindgen::JsValue;

thread_local! {
    static FIRST: RefCell<Option<FirstScreen>> = RefCell::new(read());
}

/// The user the shell found signed in, if the first screen came with the page.
pub fn user() -> Option<User> {
    FIRST.with(|f| f.borrow().as_ref().map(|f| f.user.clone()))
}

/// The meetings for the first list, once: later lists are asked for.
pub fn take_meetings() -> Option<Vec<Meeting>> {
    FIRST.with(|f| f.borrow_mut().take().map(|f| f.meetings))
}

fn read() -> Option<FirstScreen> {
    let window = web_sys::window()?;
    let key = JsValue::from_str(FIRST_SCREEN_GLOBAL);
    let value = js_sys::Reflect::get(&window, &key).ok()?.as_string();
    let _ = js_sys::Reflect::delete_property(&window, &key);
    if !first_load(&window) {
        return None;
    }
    serde_json::from_str(&value?).ok()
}

/// Whether this document is the window's first: a plain navigation (not a reload or a
/// move through history) with nothing before it in the history.
fn first_load(window: &web_sys::Window) -> bool {
    let navigate = window
        .performance()
        .map(|p| p.get_entries_by_type("navigation").get(0))
        .and_then(|entry| js_sys::Reflect::get(&entry, &JsValue::from_str("type")).ok())
        .and_then(|t| t.as_string())
        .is_some_and(|t| t == "navigate");
    let alone = window.history().ok().and_then(|h| h.length().ok()) == Some(1);
    navigate && alone
}
