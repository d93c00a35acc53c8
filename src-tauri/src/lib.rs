//! eCabinet's desktop shell: the Yew ui (`ui/dist`) in a Tauri webview, answered by
//! `ecab-client`'s offline engine.
//!
//! - [`commands`]: one-line adapters from the ui's `TauriBackend` into [`Desktop`] and
//!   `ecab_client::Engine`; errors reach the ui as `ecab_protocol::ApiError` ([`error`]).
//! - [`pages`]: the `ecab://` protocol serving page images rendered locally by pdfium
//!   workers (this executable run as `ecabinet pdf-worker`).
//! - [`desktop`]: the app's state: the engine (secrets in the OS keyring), the page server,
//!   the background sync loop, whose status goes to the ui as the `sync-status` event.
//!
//! Invariant: no business rule lives here; what the ui may see and do is decided by the
//! server and mirrored by the engine's local store.

pub mod commands;
pub mod config;
pub mod desktop;
pub mod error;
mod first_screen;
pub mod pages;
mod profile;

use std::process::ExitCode;

use ecab_protocol::client::SyncStatus;
use tauri::{Builder, Emitter, Manager, RunEvent, Runtime};

pub use desktop::Desktop;

/// The event carrying every change of the engine's [`SyncStatus`].
pub const SYNC_STATUS_EVENT: &str = "sync-status";

/// The URI scheme of page images: `ecab://localhost/page/<document>/<n>?width=W`
/// (`http://ecab.localhost/…` where the webview is WebView2).
pub const PAGE_SCHEME: &str = "ecab";

/// Run the app until its last window closes.
pub fn run() -> ExitCode {
    init_tracing();
    let app = match builder(Builder::default()).build(tauri::generate_context!()) {
        Ok(app) => app,
        Err(e) => {
            tracing::error!(error = %e, "the app could not start");
            return ExitCode::FAILURE;
        }
    };
    app.run(|handle, event| {
        if let RunEvent::Exit = event
            && let Some(desktop) = handle.try_state::<Desktop>()
        {
            tauri::async_runtime::block_on(desktop.shutdown());
        }
    });
    ExitCode::SUCCESS
}

/// The app on any runtime: state, page protocol, commands.
pub fn builder<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder
        // Its commands are not granted to the webview: the shell's own `notify` uses it.
        .plugin(tauri_plugin_notification::init())
        .setup(|app| {
            let paths = app.path();
            let data = paths.app_data_dir()?;
            // pdfium's plain copies of documents: in memory (XDG_RUNTIME_DIR is a per-user
            // tmpfs) where there is one, else the cache folder.
            let scratch = match paths.runtime_dir() {
                Ok(dir) => dir.join(&app.config().identifier),
                Err(_) => paths.app_cache_dir()?,
            };
            let server = config::server_url(&data);
            let handle = app.handle().clone();
            let notify = move |status: &SyncStatus| {
                if let Err(e) = handle.emit(SYNC_STATUS_EVENT, status) {
                    tracing::debug!(error = %e, "sync status not delivered");
                }
            };
            let worker = ecab_pdf::WorkerCommand::current_exe(["pdf-worker"])?;
            let (desktop, first_screen) = tauri::async_runtime::block_on(async {
                let desktop = Desktop::open(&data, &scratch, &server, worker, notify).await?;
                let first_screen = first_screen::script(&desktop).await;
                Ok::<_, ecab_client::ClientError>((desktop, first_screen))
            })?;
            app.manage(desktop);
            // The window is made here, not from the config, to carry the first screen.
            for config in app.config().app.windows.clone() {
                let mut window = tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?;
                if let Some(script) = &first_screen {
                    window = window.initialization_script(script);
                }
                window.build()?;
            }
            exit_on_signal(app.handle().clone());
            Ok(())
        })
        .register_asynchronous_uri_scheme_protocol(PAGE_SCHEME, |ctx, request, responder| {
            let app = ctx.app_handle().clone();
            tauri::async_runtime::spawn(async move {
                let response = match app.try_state::<Desktop>() {
                    Some(desktop) => desktop.pages.respond(&desktop.engine, &request).await,
                    None => pages::not_ready(),
                };
                responder.respond(response);
            });
        })
        .invoke_handler(tauri::generate_handler![
            commands::session::login,
            commands::session::logout,
            commands::session::me,
            commands::meetings::meetings,
            commands::meetings::meeting,
            commands::meetings::mark_seen,
            commands::documents::document,
            commands::documents::document_text,
            commands::documents::page_problem,
            commands::sync::sync_status,
            commands::sync::sync_now,
            commands::directory::directory,
            commands::write::send,
            commands::write::queue,
            commands::write::discard,
            commands::questions::questions,
            commands::annotations::annotations,
            commands::annotations::page_text,
            commands::annotations::export_annotated,
            commands::downloads::report,
            commands::notifications::notifications,
            commands::notifications::notify,
            commands::upload::upload_document,
        ])
}

/// SIGTERM and Ctrl-C end the app like closing its window (plain copies removed, workers
/// stopped), instead of killing it.
fn exit_on_signal<R: Runtime>(app: tauri::AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let Ok(mut term) = signal(SignalKind::terminate()) else { return };
            tokio::select! {
                _ = term.recv() => {}
                _ = tokio::signal::ctrl_c() => {}
            }
        }
        #[cfg(not(unix))]
        if tokio::signal::ctrl_c().await.is_err() {
            return;
        }
        tracing::info!("signal received; exiting");
        app.exit(0);
    });
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .try_init();
}
