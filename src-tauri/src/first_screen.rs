//! The first screen's data, handed to the page before its first script runs.
//!
//! A signed-in start would otherwise ask two commands in turn (`me`, then `meetings`) and
//! draw the page three times (loading, shell, list) before the list can be used. The
//! shell reads both from the local store while the window is being made and puts them in
//! the webview's initialization script as `window.__ECAB_FIRST_SCREEN__` (a JSON string);
//! the ui draws the list from it at once, confirms the user with `me` right after, and
//! asks for the meetings again at its first refresh.
//!
//! Only the page's first load uses it (the ui ignores it on a reload or any later
//! navigation, see `ui/src/first_screen.rs`), so a sign-out followed by a reload never
//! shows the previous user's meetings.

use ecab_protocol::client::{FIRST_SCREEN_GLOBAL, FirstScreen};

use crate::Desktop;

/// The initialization script: the data when a session is kept and the local store reads,
/// else nothing (the ui then asks as usual).
pub async fn script(desktop: &Desktop) -> Option<String> {
    let user = desktop.me().await.ok()?;
    let meetings = match desktop.engine.meetings().await {
        Ok(m) => m,
        Err(e) => {
            tracing::warn!(error = %e, "meetings not read for the first screen");
            return None;
        }
    };
    let json = serde_json::to_string(&FirstScreen { user, meetings }).ok()?;
    // A JSON string inside a JavaScript string literal: parsed by the ui, never evaluated.
    let literal = serde_json::to_string(&json).ok()?;
    Some(format!("window.{FIRST_SCREEN_GLOBAL} = {literal};"))
}
