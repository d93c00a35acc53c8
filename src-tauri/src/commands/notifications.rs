//! What the user has been told of (from the local store), and the OS notification the ui
//! asks for when something new arrives: the ui words it, the shell shows it.

use ecab_protocol::notification::Notification;
use tauri::{Runtime, State};
use tauri_plugin_notification::NotificationExt;

use crate::Desktop;
use crate::error::CmdResult;

#[tauri::command]
pub async fn notifications(desktop: State<'_, Desktop>) -> CmdResult<Vec<Notification>> {
    Ok(desktop.engine.notifications().await?)
}

/// Show one OS notification. Where the desktop has no notification service, the in-app
/// list still has it: the failure is logged, not the ui's to handle.
#[tauri::command]
pub fn notify<R: Runtime>(app: tauri::AppHandle<R>, title: String, body: String) {
    let (title, body) = (limit(&title, 120), limit(&body, 400));
    if let Err(e) = app.notification().builder().title(title).body(body).show() {
        tracing::warn!(error = %e, "the OS notification could not be shown");
    }
}

fn limit(text: &str, chars: usize) -> String {
    text.chars().filter(|c| !c.is_control()).take(chars).collect()
}
