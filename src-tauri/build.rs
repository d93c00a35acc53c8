//! Compiles tauri.conf.json and capabilities/ into the binary. The app's commands are listed
//! here so that each gets an `allow-<command>` permission a capability can grant.

/// Every command of `src/commands`, as registered in `lib.rs`.
const COMMANDS: &[&str] = &[
    "login",
    "logout",
    "me",
    "meetings",
    "meeting",
    "mark_seen",
    "document",
    "document_text",
    "sync_status",
    "sync_now",
];

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)).expect("tauri-build");
}
