//! The engine: opens the local store, holds the secrets, and drives [`SyncCore`] with real
//! IO. Clone it freely (it is an `Arc`); one sync cycle runs at a time.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use ecab_protocol::auth::{LoginRequest, LoginResponse};
use ecab_protocol::client::SyncStatus;
use reqwest::Method;
use sqlx::SqlitePool;
use tokio::sync::watch;

use crate::blobs::BlobFiles;
use crate::http::Api;
use crate::secrets::SecretStore;
use crate::sync::core::{Input, SyncCore};
use crate::{ClientError, Result, crypto, store};

pub use crate::deliver::{OutboxItem, OutboxState};

/// Knobs, mostly for tests.
#[derive(Clone, Debug, Default)]
pub struct EngineOptions {
    /// A label for the server-side session, e.g. "Laptop – Sở Tài chính".
    pub device: Option<String>,
    /// Test hook: stop every download after this many bytes of a response, keeping the
    /// partial file (simulates a connection cut mid-way).
    pub stop_download_after: Option<u64>,
}

#[derive(Clone)]
pub struct Engine {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub api: Api,
    pub db: SqlitePool,
    pub files: BlobFiles,
    pub secrets: Arc<dyn SecretStore>,
    /// Random id of this data folder; names its secrets in the store.
    pub installation: String,
    pub key: [u8; 32],
    pub token: Mutex<Option<String>>,
    pub core: Mutex<SyncCore>,
    pub status: watch::Sender<SyncStatus>,
    pub pending: AtomicU32,
    pub received: AtomicU64,
    /// The live channel is open.
    pub live: AtomicBool,
    pub cycle: tokio::sync::Mutex<()>,
    /// Writers waiting to pull the feed: a running cycle gives way to them between blobs.
    pub feed_waiters: AtomicU32,
    /// One delivery of the outbox at a time.
    pub delivering: tokio::sync::Mutex<()>,
    pub options: EngineOptions,
}

/// Run a secret-store call (the keyring talks D-Bus synchronously) off the async threads.
pub(crate) async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f).await.map_err(|e| ClientError::Secret(e.to_string()))?
}

impl Engine {
    /// Open (or create) the local store in `data_dir`, talking to `server_url`, with the
    /// token and the blob key kept in `secrets`.
    pub async fn open(data_dir: impl AsRef<Path>, server_url: &str, secrets: Arc<dyn SecretStore>) -> Result<Engine> {
        Self::open_with(data_dir, server_url, secrets, EngineOptions::default()).await
    }

    pub async fn open_with(
        data_dir: impl AsRef<Path>,
        server_url: &str,
        secrets: Arc<dyn SecretStore>,
        options: EngineOptions,
    ) -> Result<Engine> {
        let data: PathBuf = data_dir.as_ref().to_owned();
        let files = BlobFiles::new(&data);
        tokio::fs::create_dir_all(files.partial_dir()).await?;
        let db = store::open(&data.join("client.sqlite3")).await?;
        let installation = match store::setting(&db, "installation_id").await? {
            Some(id) => id,
            None => {
                let id = uuid::Uuid::new_v4().to_string();
                store::set_setting(&db, "installation_id", &id).await?;
                id
            }
        };
        // Two keyring reads, each a D-Bus session of its own: at once, not one after the other.
        let token = {
            let (s, name) = (secrets.clone(), format!("token:{installation}"));
            blocking(move || s.get(&name))
        };
        let (key, token) = tokio::try_join!(Self::blob_key(&db, &files, &secrets, &installation), token)?;
        let (cursor, last_sync) = store::cursor(&db).await?;
        let core = SyncCore::new(cursor, last_sync);
        let pending = crate::deliver::pending_count(&db).await?;
        let (status, _) = watch::channel(core.status(pending));
        let inner = Inner {
            api: Api::new(server_url)?,
            db,
            files,
            secrets,
            installation,
            key,
            token: Mutex::new(token),
            core: Mutex::new(core),
            status,
            pending: AtomicU32::new(pending),
            received: AtomicU64::new(0),
            live: AtomicBool::new(false),
            cycle: tokio::sync::Mutex::new(()),
            feed_waiters: AtomicU32::new(0),
            delivering: tokio::sync::Mutex::new(()),
            options,
        };
        Ok(Engine { inner: Arc::new(inner) })
    }

    /// The key of confidential blobs. Without one in the secret store (first start, or a
    /// store that forgot it) a new key is made and blobs encrypted with the old one, now
    /// unreadable, are dropped to be downloaded again.
    async fn blob_key(
        db: &SqlitePool,
        files: &BlobFiles,
        secrets: &Arc<dyn SecretStore>,
        install: &str,
    ) -> Result<[u8; 32]> {
        let (s, name) = (secrets.clone(), format!("blob-key:{install}"));
        if let Some(hex_key) = blocking(move || s.get(&name)).await? {
            let mut key = [0u8; 32];
            if hex::decode_to_slice(hex_key.trim(), &mut key).is_ok() {
                return Ok(key);
            }
        }
        let key = crypto::new_key();
        let (s, name, value) = (secrets.clone(), format!("blob-key:{install}"), hex::encode(key));
        blocking(move || s.set(&name, &value)).await?;
        for row in store::blobs(db).await?.into_iter().filter(|b| b.encrypted) {
            files.remove(&row.sha256).await?;
            store::delete_blob(db, &row.sha256).await?;
        }
        for p in files.partials().await?.into_iter().filter(|p| p.encrypted) {
            files.remove(&p.sha256).await?;
        }
        Ok(key)
    }

    /// Sign in. The token goes to the secret store only. Signing in as another user than
    /// the one whose data this folder holds forgets that data first.
    pub async fn login(&self, username: &str, password: &str) -> Result<LoginResponse> {
        let i = &self.inner;
        let body = LoginRequest {
            username: username.to_owned(),
            password: password.to_owned(),
            device: i.options.device.clone(),
        };
        let res: LoginResponse =
            i.api.json(i.api.request(Method::POST, "/api/v1/auth/login", None).json(&body)).await?;
        let user = res.user.id.to_string();
        if store::setting(&i.db, "user_id").await?.is_some_and(|u| u != user) {
            self.forget_local_data().await?;
        }
        store::set_setting(&i.db, "user_id", &user).await?;
        store::set_setting(&i.db, "username", &res.user.username).await?;
        self.keep_user(&res.user).await?;
        let (s, name, token) = (i.secrets.clone(), self.token_name(), res.token.clone());
        blocking(move || s.set(&name, &token)).await?;
        *self.lock_token() = Some(res.token.clone());
        Ok(res)
    }

    /// Sign out: end the session on the server if it can be reached, forget the token.
    /// The local copy stays readable offline.
    pub async fn logout(&self) -> Result<()> {
        let i = &self.inner;
        let token = self.lock_token().take();
        if let Some(t) = token {
            let req = i.api.request(Method::POST, "/api/v1/auth/logout", Some(&t));
            if let Err(e) = i.api.send(req).await {
                tracing::info!(error = %e, "the server did not end the session");
            }
        }
        let (s, name) = (i.secrets.clone(), self.token_name());
        blocking(move || s.delete(&name)).await
    }

    pub fn signed_in(&self) -> bool {
        self.lock_token().is_some()
    }

    /// The user this data folder belongs to, if anyone signed in.
    pub async fn username(&self) -> Result<Option<String>> {
        store::setting(&self.inner.db, "username").await
    }

    fn token_name(&self) -> String {
        format!("token:{}", self.inner.installation)
    }

    fn lock_token(&self) -> MutexGuard<'_, Option<String>> {
        self.inner.token.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn token(&self) -> Result<String> {
        self.lock_token().clone().ok_or(ClientError::NotSignedIn)
    }

    pub(crate) fn core(&self) -> MutexGuard<'_, SyncCore> {
        self.inner.core.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Feed the core an input at the current time and publish the new status.
    pub(crate) fn handle(&self, input: Input) {
        self.core().handle(Utc::now(), input);
        self.publish();
    }

    pub(crate) fn publish(&self) {
        let status = self.core().status(self.inner.pending.load(Ordering::Relaxed));
        self.inner.status.send_replace(status);
    }

    /// What the ui shows: online, last sync, last error, pending writes, downloads.
    pub fn status(&self) -> SyncStatus {
        self.core().status(self.inner.pending.load(Ordering::Relaxed))
    }

    /// Every change of [`Engine::status`], e.g. download progress, as it happens.
    pub fn subscribe(&self) -> watch::Receiver<SyncStatus> {
        self.inner.status.subscribe()
    }

    /// Blob bytes received from the server by this engine since it was opened.
    pub fn bytes_received(&self) -> u64 {
        self.inner.received.load(Ordering::Relaxed)
    }

    /// Whether the live channel is open (changes arrive within moments).
    pub fn live_connected(&self) -> bool {
        self.inner.live.load(Ordering::Relaxed)
    }

    /// Hashes of downloaded or cached content refused because it did not match its name.
    pub fn refused_blobs(&self) -> Vec<String> {
        self.core().refused().to_vec()
    }

    /// The server this engine talks to.
    pub fn server_url(&self) -> &str {
        &self.inner.api.base
    }

    pub(crate) fn now() -> DateTime<Utc> {
        Utc::now()
    }

    async fn forget_local_data(&self) -> Result<()> {
        let i = &self.inner;
        for row in store::blobs(&i.db).await? {
            i.files.remove(&row.sha256).await?;
        }
        for p in i.files.partials().await? {
            i.files.remove(&p.sha256).await?;
        }
        store::forget_all(&i.db).await?;
        *self.core() = SyncCore::new(0, None);
        i.pending.store(0, Ordering::Relaxed);
        self.publish();
        Ok(())
    }

    /// Close the local store (waits for its connections to finish).
    pub async fn close(&self) {
        self.inner.db.close().await;
    }
}
