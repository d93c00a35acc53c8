//! The real server (see `ecab-testkit`), real client engines against it, and a small HTTP
//! helper for checking what the server holds.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ecab_client::{Engine, EngineOptions, MemorySecretStore, SecretStore};
pub use ecab_testkit::PASSWORD;
use ecab_testkit::TestServer;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use tempfile::TempDir;

pub struct Server(TestServer);

impl Deref for Server {
    type Target = TestServer;

    fn deref(&self) -> &TestServer {
        &self.0
    }
}

impl Server {
    pub async fn start() -> Server {
        let worker = ecab_pdf::WorkerCommand::new(env!("CARGO_BIN_EXE_ecab-e2e-pdf-worker"), Vec::<String>::new());
        Server(TestServer::start(worker).await)
    }

    /// Sign in over plain HTTP, for checking the server's side.
    pub async fn login(&self, username: &str) -> Http<'_> {
        Http { server: self, token: self.sign_in(username).await.token }
    }
}

pub struct Http<'a> {
    pub server: &'a Server,
    pub token: String,
}

impl Http<'_> {
    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let mut req =
            self.server.http.request(method, format!("{}{}", self.server.base, path)).bearer_auth(&self.token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        ecab_testkit::read(req.send().await.expect("request")).await
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, None).await
    }

    pub async fn bytes(&self, path: &str) -> Vec<u8> {
        let res = self
            .server
            .http
            .get(format!("{}{}", self.server.base, path))
            .bearer_auth(&self.token)
            .send()
            .await
            .expect("request");
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        res.bytes().await.expect("body").to_vec()
    }

    /// The id of the caller's newest meeting whose title contains `part`.
    pub async fn meeting_id(&self, part: &str) -> uuid::Uuid {
        let (_, body) = self.get("/api/v1/meetings").await;
        let m = body["meetings"]
            .as_array()
            .expect("meetings")
            .iter()
            .filter(|m| m["title"].as_str().unwrap_or_default().contains(part))
            .max_by_key(|m| m["starts_at"].as_str().unwrap_or_default().to_owned())
            .unwrap_or_else(|| panic!("no meeting with {part:?}"));
        m["id"].as_str().and_then(|s| s.parse().ok()).expect("meeting id")
    }
}

/// A client engine with its own data folder and in-memory secrets.
pub struct Client {
    pub engine: Engine,
    pub dir: TempDir,
    pub secrets: Arc<dyn SecretStore>,
}

impl Client {
    pub async fn new(server_url: &str) -> Client {
        let dir = tempfile::tempdir().expect("temp dir");
        let secrets: Arc<dyn SecretStore> = Arc::new(MemorySecretStore::new());
        let engine = Engine::open(dir.path(), server_url, secrets.clone()).await.expect("engine opens");
        Client { engine, dir, secrets }
    }

    pub async fn signed_in(server: &Server, username: &str) -> Client {
        let c = Client::new(&server.base).await;
        c.engine.login(username, PASSWORD).await.expect("engine signs in");
        c
    }

    /// Close this engine and open another on the same folder and secrets.
    pub async fn reopen(&mut self, server_url: &str, options: EngineOptions) {
        self.engine.close().await;
        self.engine = Engine::open_with(self.dir.path(), server_url, self.secrets.clone(), options)
            .await
            .expect("engine reopens");
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() { out.extend(files_under(&p)) } else { out.push(p) }
        }
    }
    out
}

/// Where a complete blob lives in a client's data folder.
pub fn blob_path(data: &Path, sha256: &str) -> PathBuf {
    data.join("blobs").join(&sha256[..2]).join(sha256)
}

/// An address where nothing listens.
pub async fn closed_port_url() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    drop(listener);
    format!("http://{addr}")
}
