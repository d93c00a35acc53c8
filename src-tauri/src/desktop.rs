//! The app's state: the engine, the page server, the background sync loop.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ecab_client::{ClientError, Engine, KeyringSecretStore, MemorySecretStore, SecretStore};
use ecab_protocol::auth::{LoginRequest, LoginResponse, User};
use ecab_protocol::client::SyncStatus;
use tokio::sync::oneshot;

use crate::error::CmdResult;
use crate::pages::PageServer;
use crate::profile::Profile;

/// A label for the server-side session.
const DEVICE: &str = "eCabinet desktop";
/// At most this many status events a second reach the ui (downloads report every chunk).
const STATUS_PAUSE: Duration = Duration::from_millis(150);

pub struct Desktop {
    pub engine: Engine,
    pub pages: PageServer,
    profile: Profile,
    /// Stops the running sync loop.
    sync: Mutex<Option<oneshot::Sender<()>>>,
}

impl Desktop {
    /// Open the engine in `data_dir` (secrets in the OS keyring), prepare the page server in
    /// `scratch_dir`, forward every sync status to `notify`, and start syncing if a session
    /// was kept.
    pub async fn open(
        data_dir: &Path,
        scratch_dir: &Path,
        server_url: &str,
        worker: ecab_pdf::WorkerCommand,
        notify: impl Fn(&SyncStatus) + Send + Sync + 'static,
    ) -> Result<Desktop, ClientError> {
        let started = std::time::Instant::now();
        let store = data_dir.join("store");
        let keyring: Arc<dyn SecretStore> = Arc::new(KeyringSecretStore::default());
        let options = ecab_client::EngineOptions { device: Some(DEVICE.to_owned()), ..Default::default() };
        let engine = match Engine::open_with(&store, server_url, keyring, options.clone()).await {
            Err(ClientError::Secret(e)) => {
                // No usable OS keyring (no Secret Service, or locked): keep secrets in memory
                // for this run rather than in a file. Confidential downloads are redone
                // next time, and the user signs in again.
                tracing::error!(error = %e, "the OS keyring is not available; secrets are kept in memory only");
                let memory: Arc<dyn SecretStore> = Arc::new(MemorySecretStore::new());
                Engine::open_with(&store, server_url, memory, options).await?
            }
            other => other?,
        };
        let ms = started.elapsed().as_millis();
        tracing::info!(server = server_url, signed_in = engine.signed_in(), ms, "engine opened");
        let pages = PageServer::new(scratch_dir.join("pages"), worker).await?;
        let desktop = Desktop { engine, pages, profile: Profile::new(data_dir), sync: Mutex::new(None) };
        if let Ok(Some(user)) = desktop.profile.load().await {
            desktop.pages.set_reader(Some(&user.full_name));
        }
        desktop.forward_status(notify);
        if desktop.engine.signed_in() {
            desktop.start_sync();
        }
        Ok(desktop)
    }

    pub async fn login(&self, req: LoginRequest) -> CmdResult<LoginResponse> {
        let mut res = self.engine.login(&req.username, &req.password).await?;
        self.profile.save(&res.user).await?;
        self.pages.set_reader(Some(&res.user.full_name));
        self.start_sync();
        // The token stays with the engine (and the keyring); the webview never holds it.
        res.token = String::new();
        Ok(res)
    }

    pub async fn logout(&self) -> CmdResult<()> {
        self.stop_sync();
        self.pages.forget().await;
        self.profile.forget().await?;
        Ok(self.engine.logout().await?)
    }

    /// Who is signed in, from the profile kept at sign-in (works offline).
    pub async fn me(&self) -> CmdResult<User> {
        if !self.engine.signed_in() {
            return Err(ClientError::NotSignedIn.into());
        }
        self.profile.load().await?.ok_or_else(|| ClientError::NotSignedIn.into())
    }

    /// Keep the engine in sync (live channel, pulls, downloads, outbox) until sign-out.
    fn start_sync(&self) {
        let mut running = self.sync.lock().unwrap_or_else(|p| p.into_inner());
        if running.is_some() {
            return;
        }
        let (stop, stopped) = oneshot::channel::<()>();
        let engine = self.engine.clone();
        tauri::async_runtime::spawn(async move {
            engine
                .run(async {
                    let _ = stopped.await;
                })
                .await;
            tracing::info!("sync loop stopped");
        });
        *running = Some(stop);
    }

    fn stop_sync(&self) {
        if let Some(stop) = self.sync.lock().unwrap_or_else(|p| p.into_inner()).take() {
            let _ = stop.send(());
        }
    }

    fn forward_status(&self, notify: impl Fn(&SyncStatus) + Send + Sync + 'static) {
        let mut changes = self.engine.subscribe();
        tauri::async_runtime::spawn(async move {
            while changes.changed().await.is_ok() {
                let status = changes.borrow_and_update().clone();
                notify(&status);
                tokio::time::sleep(STATUS_PAUSE).await;
            }
        });
    }

    /// Before the process exits: stop syncing and the pdfium workers, remove plain copies.
    pub async fn shutdown(&self) {
        tracing::info!("shutting down");
        self.stop_sync();
        self.pages.shutdown().await;
        self.engine.close().await;
    }
}
