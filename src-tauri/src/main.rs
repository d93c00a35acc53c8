// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    // The pdfium worker: the app runs itself with this hidden argument (see `pages.rs`).
    // Nothing else may run first, and nothing may print to stdout in that mode.
    if std::env::args_os().nth(1).is_some_and(|a| a == "pdf-worker") {
        return ecab_pdf::worker_main();
    }
    ecab_desktop::run()
}
