//! Sign-in and sign-out. The token never reaches the webview.

use ecab_protocol::auth::{LoginRequest, LoginResponse, User};
use tauri::State;

use crate::Desktop;
use crate::error::CmdResult;

#[tauri::command]
pub async fn login(desktop: State<'_, Desktop>, req: LoginRequest) -> CmdResult<LoginResponse> {
    desktop.login(req).await
}

#[tauri::command]
pub async fn logout(desktop: State<'_, Desktop>) -> CmdResult<()> {
    desktop.logout().await
}

#[tauri::command]
pub async fn me(desktop: State<'_, Desktop>) -> CmdResult<User> {
    desktop.me().await
}
