//! The real server (see `ecab-testkit`) with a 2 MB upload limit and the crash marker in its
//! workers' environment, plus a small typed client.

use std::ops::Deref;
use std::path::PathBuf;

use ecab_pdf::{CRASH_MARKER_ENV, WorkerCommand};
use ecab_server::Config;
use ecab_testkit::TestServer;
pub use ecab_testkit::{PASSWORD, asset, read};
use reqwest::{Method, StatusCode};
use serde_json::Value;

/// Bytes that make a pdfium worker abort when they appear in a file (test hook).
pub const CRASH_MARKER: &str = "ECAB-TEST-CRASH-PDFIUM";
/// Upload limit in these tests, so "too large" needs only a few MiB.
pub const MAX_UPLOAD_MB: u64 = 2;

pub struct Server(TestServer);

impl Deref for Server {
    type Target = TestServer;

    fn deref(&self) -> &TestServer {
        &self.0
    }
}

impl Server {
    pub async fn start() -> Server {
        Self::start_with(|_| {}).await
    }

    /// Start with a changed configuration (its data folder is already temporary).
    pub async fn start_with(change: impl FnOnce(&mut Config)) -> Server {
        let worker = WorkerCommand::new(env!("CARGO_BIN_EXE_ecab-server"), ["pdf-worker"]);
        let server = TestServer::setup(worker)
            .worker_env(CRASH_MARKER_ENV, CRASH_MARKER)
            .config(|c| {
                c.max_upload_mb = MAX_UPLOAD_MB;
                change(c);
            })
            .start()
            .await;
        Server(server)
    }

    pub async fn login(&self, username: &str) -> Client<'_> {
        let session = self.sign_in(username).await;
        Client { server: self, token: session.token, id: session.user.id.to_string() }
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
