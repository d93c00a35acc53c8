//! The real server for tests: `ecab_server::start` and `ecab_server::app` served on an
//! ephemeral loopback port, with a temporary data folder, the demo data and real pdfium
//! workers; plus what more than one suite needs (signing in as a demo user, the demo
//! password, the files under `assets/`).
//!
//! A dev-dependency only. The caller names the pdfium worker, since only a test crate knows
//! its own executables (`env!("CARGO_BIN_EXE_…")`): the server's tests run
//! `ecab-server pdf-worker`, the desktop's `ecabinet pdf-worker`.
//!
//! ```ignore
//! let worker = WorkerCommand::new(env!("CARGO_BIN_EXE_ecab-server"), ["pdf-worker"]);
//! let server = TestServer::setup(worker).config(|c| c.max_upload_mb = 2).start().await;
//! let token = server.sign_in("thuky").await.token;
//! ```

use std::ffi::OsString;
use std::net::SocketAddr;
use std::path::PathBuf;

use ecab_pdf::WorkerCommand;
use ecab_protocol::auth::LoginResponse;
use ecab_server::{AppState, Config};
use reqwest::StatusCode;
use serde_json::Value;
use tempfile::TempDir;

/// Every demo account's password.
pub use ecab_server::demo::PASSWORD;

/// A server running in this process until dropped: it then stops serving (so its store,
/// workers and sockets are let go) and its data folder is removed.
pub struct TestServer {
    /// `http://127.0.0.1:<port>`, no trailing slash.
    pub base: String,
    pub state: AppState,
    pub http: reqwest::Client,
    task: tokio::task::JoinHandle<()>,
    _dir: TempDir,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A server about to start: its configuration, its workers' command and environment.
pub struct Setup {
    dir: TempDir,
    config: Config,
    worker: WorkerCommand,
    worker_env: Vec<(OsString, OsString)>,
}

impl Setup {
    /// Change the configuration. The data folder is already temporary; `listen` is unused
    /// (the server is served on an ephemeral port).
    pub fn config(mut self, change: impl FnOnce(&mut Config)) -> Self {
        change(&mut self.config);
        self
    }

    /// Extra environment for the pdfium workers (e.g. `ecab_pdf::CRASH_MARKER_ENV`).
    pub fn worker_env(mut self, name: impl Into<OsString>, value: impl Into<OsString>) -> Self {
        self.worker_env.push((name.into(), value.into()));
        self
    }

    pub async fn start(self) -> TestServer {
        let state = ecab_server::start(self.config, self.worker, self.worker_env)
            .await
            .expect("server starts (is libpdfium installed? run `cargo xtask install-pdfium`)");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port");
        let addr = listener.local_addr().expect("address");
        let app = ecab_server::app(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        TestServer { base: format!("http://{addr}"), state, http: reqwest::Client::new(), task, _dir: self.dir }
    }
}

impl TestServer {
    /// The demo province with two pdfium workers run as `worker` and a 50 MB upload limit.
    pub fn setup(worker: WorkerCommand) -> Setup {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = Config {
            listen: "127.0.0.1:0".parse().expect("address"),
            data_dir: dir.path().join("data"),
            demo: true,
            max_upload_mb: 50,
            pdfium: None,
            pdf_workers: Some(2),
            session_hours: 24,
            log_json: false,
            ui_dir: None,
            watermark_confidential: true,
        };
        Setup { dir, config, worker, worker_env: Vec::new() }
    }

    /// `setup(worker).start()`.
    pub async fn start(worker: WorkerCommand) -> TestServer {
        Self::setup(worker).start().await
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Sign in as a demo user over HTTP; panics unless the server says yes.
    pub async fn sign_in(&self, username: &str) -> LoginResponse {
        let res = self
            .http
            .post(self.url("/api/v1/auth/login"))
            .json(&serde_json::json!({ "username": username, "password": PASSWORD }))
            .send()
            .await
            .expect("login request");
        let (status, body) = read(res).await;
        assert_eq!(status, StatusCode::OK, "login {username}: {body}");
        serde_json::from_value(body).expect("a login response")
    }
}

/// A response's status and body: JSON, else the text as a string, `Null` when empty.
pub async fn read(res: reqwest::Response) -> (StatusCode, Value) {
    let status = res.status();
    let text = res.text().await.expect("response body");
    let value = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
    (status, value)
}

/// Where a file under the repository's `assets/` is (`"fixtures/hello.pdf"`).
pub fn asset_path(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets").join(path)
}

/// The bytes of a file under `assets/`.
pub fn asset(path: &str) -> Vec<u8> {
    let p = asset_path(path);
    std::fs::read(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}
