//! A real server on an ephemeral loopback port, with a real SQLite file, real pdfium
//! workers and the demo data, plus a small typed client.

use std::net::SocketAddr;
use std::path::PathBuf;

use ecab_pdf::{CRASH_MARKER_ENV, WorkerCommand};
use ecab_server::{AppState, Config};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use tempfile::TempDir;

/// Bytes that make a pdfium worker abort when they appear in a file (test hook).
pub const CRASH_MARKER: &str = "ECAB-TEST-CRASH-PDFIUM";
pub const PASSWORD: &str = "ecabinet-demo";
/// Upload limit in these tests, so "too large" needs only a few MiB.
pub const MAX_UPLOAD_MB: u64 = 2;

pub struct Server {
    pub base: String,
    pub state: AppState,
    pub http: reqwest::Client,
    task: tokio::task::JoinHandle<()>,
    _dir: TempDir,
}

/// A dropped server stops serving, so its store, workers and sockets are let go.
impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

pub fn asset(path: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets").join(path);
    std::fs::read(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

impl Server {
    pub async fn start() -> Server {
        Self::start_with(|_| {}).await
    }

    /// Start with a changed configuration (its data folder is already temporary).
    pub async fn start_with(change: impl FnOnce(&mut Config)) -> Server {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = Config {
            listen: "127.0.0.1:0".parse().unwrap(),
            data_dir: dir.path().join("data"),
            demo: true,
            max_upload_mb: MAX_UPLOAD_MB,
            pdfium: None,
            pdf_workers: Some(2),
            session_hours: 24,
            log_json: false,
            ui_dir: None,
            watermark_confidential: true,
        };
        change(&mut config);
        let worker = WorkerCommand::new(env!("CARGO_BIN_EXE_ecab-server"), ["pdf-worker"]);
        let env = vec![(CRASH_MARKER_ENV.into(), CRASH_MARKER.into())];
        let state = ecab_server::start(config, worker, env)
            .await
            .expect("server starts (is libpdfium installed? run `cargo xtask install-pdfium`)");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = ecab_server::app(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Server { base: format!("http://{addr}"), state, http: reqwest::Client::new(), task, _dir: dir }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn login(&self, username: &str) -> Client<'_> {
        let (status, body) = self
            .anon(
                Method::POST,
                "/api/v1/auth/login",
                Some(serde_json::json!({ "username": username, "password": PASSWORD })),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "login {username}: {body}");
        let token = body["token"].as_str().unwrap().to_owned();
        let id = body["user"]["id"].as_str().unwrap().to_owned();
        Client { server: self, token, id }
    }

    pub async fn anon(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let mut req = self.http.request(method, self.url(path));
        if let Some(b) = body {
            req = req.json(&b);
        }
        read(req.send().await.unwrap()).await
    }

    /// Files under the blob store (not counting its temporary folder).
    pub fn blob_files(&self) -> usize {
        let root = self.state.blobs.root();
        walk(root).into_iter().filter(|p| !p.starts_with(root.join("tmp"))).count()
    }

    pub fn tmp_files(&self) -> usize {
        walk(&self.state.blobs.root().join("tmp")).len()
    }

    pub async fn count(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned())).fetch_one(&self.state.db).await.unwrap()
    }
}

fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
        }
    }
    out
}

pub async fn read(res: reqwest::Response) -> (StatusCode, Value) {
    let status = res.status();
    let text = res.text().await.unwrap();
    let value = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
    (status, value)
}

pub struct Client<'a> {
    pub server: &'a Server,
    pub token: String,
    pub id: String,
}

impl Client<'_> {
    pub fn req(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.server.http.request(method, self.server.url(path)).bearer_auth(&self.token)
    }

    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let mut req = self.req(method, path);
        if let Some(b) = body {
            req = req.json(&b);
        }
        read(req.send().await.unwrap()).await
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, Some(body)).await
    }

    pub async fn upload(&self, path: &str, meta: Option<Value>, filename: &str, bytes: Vec<u8>) -> (StatusCode, Value) {
        let mut form = reqwest::multipart::Form::new();
        if let Some(m) = meta {
            form = form.text("meta", m.to_string());
        }
        form = form.part("file", reqwest::multipart::Part::bytes(bytes).file_name(filename.to_owned()));
        read(self.req(Method::POST, path).multipart(form).send().await.unwrap()).await
    }

    /// The caller's meetings by title fragment.
    pub async fn meeting_id(&self, title_part: &str) -> String {
        let (status, body) = self.get("/api/v1/meetings").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["meetings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["title"].as_str().unwrap().contains(title_part))
            .max_by_key(|m| m["starts_at"].as_str().unwrap().to_owned())
            .unwrap_or_else(|| panic!("no meeting with {title_part:?}"))["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    pub async fn sync_all(&self, since: i64) -> (Vec<Value>, i64) {
        let mut since = since;
        let mut all = Vec::new();
        loop {
            let (status, page) = self.get(&format!("/api/v1/sync?since={since}&limit=50")).await;
            assert_eq!(status, StatusCode::OK, "{page}");
            all.extend(page["changes"].as_array().unwrap().iter().cloned());
            since = page["next_since"].as_i64().unwrap();
            if !page["has_more"].as_bool().unwrap() {
                return (all, since);
            }
        }
    }
}

/// An id of a demo user, by username.
pub async fn user_id(c: &Client<'_>, username: &str) -> String {
    let (_, users) = c.get("/api/v1/users").await;
    users.as_array().unwrap().iter().find(|u| u["username"] == username).unwrap()["id"].as_str().unwrap().to_owned()
}

/// A valid meeting body, tomorrow at 08:00 UTC.
pub async fn new_meeting_body(c: &Client<'_>, title: &str) -> Value {
    let chair = user_id(c, "chutich").await;
    let start = chrono::Utc::now() + chrono::Duration::days(1);
    serde_json::json!({
        "title": title, "kind": "regular", "starts_at": start, "ends_at": start + chrono::Duration::hours(2),
        "place": "Hội trường", "chair_id": chair,
    })
}
