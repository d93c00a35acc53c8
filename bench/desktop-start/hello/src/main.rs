//! The smallest Tauri v2 app: one window showing one element (`#hello`). It has the desktop
//! app's tauri version, features, profile and window size, and nothing else.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default().run(tauri::generate_context!()).expect("the window could not start");
}
