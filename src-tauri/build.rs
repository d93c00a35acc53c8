//! Compiles tauri.conf.json and capabilities/ into the binary. The app's commands are listed
//! here so that each gets an `allow-<command>` permission a capability can grant.

use std::path::Path;

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
    "page_problem",
    "sync_status",
    "sync_now",
    "directory",
    "send",
    "queue",
    "discard",
    "questions",
    "annotations",
    "page_text",
    "export_annotated",
    "report",
    "notifications",
    "notify",
    "upload_document",
];

fn main() {
    // The webview's files are embedded at compile time; say how to make them rather than
    // letting `generate_context!` fail with a bare path.
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/dist/index.html");
    println!("cargo:rerun-if-changed=../ui/dist");
    if !dist.exists() {
        panic!("the web ui is not built (ui/dist/index.html is missing): run `cargo xtask ui` first");
    }
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)).expect("tauri-build");
}
