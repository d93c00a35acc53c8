//! Load generator for the "meeting pack download" benchmark.
//!
//! Every client signs in to the eCabinet server as one of the demo delegates, then
//! downloads every document blob of one published meeting (its "pack"), over and over,
//! with full GETs that read the whole body. After a warm-up, packs completed inside a
//! fixed window are counted, and the CPU time of the given server processes over that
//! same window is read from `/proc/<pid>/stat`.
//!
//! Sign-in and discovery always go to `--api` (the eCabinet server); the blobs are
//! fetched from `--target` (the same server, or a static file server such as nginx that
//! serves the same files under the same URLs and ignores the `Authorization` header).

use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail, ensure};
use clap::Parser;
use serde::{Deserialize, Serialize};
use tokio::task::JoinSet;

#[derive(Parser, Debug)]
#[command(about = "Many concurrent clients downloading a published meeting's whole document pack")]
struct Args {
    /// Base URL of the eCabinet server, used to sign in and to find the pack.
    #[arg(long)]
    api: String,
    /// Base URL the blobs are downloaded from (`/api/v1/blobs/{sha256}` is appended);
    /// defaults to `--api`.
    #[arg(long)]
    target: Option<String>,
    /// Concurrent clients; each has its own connection and its own sign-in.
    #[arg(long, default_value_t = 100)]
    clients: usize,
    /// Client i signs in as `{user_prefix}{(i % users) + 1:02}`.
    #[arg(long, default_value = "daibieu")]
    user_prefix: String,
    #[arg(long, default_value_t = 20)]
    users: usize,
    #[arg(long, default_value = "ecabinet-demo")]
    password: String,
    /// Meeting id; by default the published meeting with the most document bytes.
    #[arg(long)]
    meeting: Option<String>,
    /// Seconds of load before the measured window.
    #[arg(long, default_value_t = 3.0)]
    warmup: f64,
    /// Length of the measured window, in seconds.
    #[arg(long, default_value_t = 15.0)]
    duration: f64,
    /// Processes whose CPU time (utime + stime) is measured over the window
    /// (comma-separated; for nginx give the master and every worker).
    #[arg(long, value_delimiter = ',')]
    pid: Vec<u32>,
    /// Clock ticks per second of `/proc/<pid>/stat` (`getconf CLK_TCK`).
    #[arg(long, default_value_t = 100)]
    clk_tck: u64,
    /// Name of this target in the output.
    #[arg(long, default_value = "target")]
    label: String,
    /// Worker threads of this load generator's runtime (default: one per core).
    #[arg(long)]
    threads: Option<usize>,
}

#[derive(Deserialize)]
struct Login {
    token: String,
}

#[derive(Deserialize)]
struct MeetingList {
    meetings: Vec<MeetingSummary>,
}

#[derive(Deserialize)]
struct MeetingSummary {
    id: String,
    title: String,
    status: String,
}

#[derive(Deserialize)]
struct MeetingDetail {
    documents: Vec<Document>,
}

#[derive(Deserialize)]
struct Document {
    current: Option<Version>,
}

#[derive(Deserialize)]
struct Version {
    sha256: String,
    size: u64,
}

#[derive(Clone, Debug)]
struct Blob {
    url: String,
    size: u64,
}

/// One line of machine-readable output per run.
#[derive(Serialize)]
struct Report {
    label: String,
    target: String,
    meeting: String,
    clients: usize,
    pack_documents: usize,
    pack_bytes: u64,
    window_s: f64,
    packs: usize,
    packs_per_s: f64,
    mb_per_s: f64,
    p50_ms: f64,
    p99_ms: f64,
    errors: u64,
    server_cpu_s: f64,
    server_cpu_s_per_gb: f64,
    client_cpu_s: f64,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let mut rt = tokio::runtime::Builder::new_multi_thread();
    if let Some(n) = args.threads {
        rt.worker_threads(n);
    }
    rt.enable_all().build()?.block_on(run(args))
}

fn http_client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder().pool_max_idle_per_host(1).tcp_nodelay(true).timeout(Duration::from_secs(120)).build()
}

async fn login(client: &reqwest::Client, api: &str, username: &str, password: &str) -> anyhow::Result<String> {
    let res = client
        .post(format!("{api}/api/v1/auth/login"))
        .json(&serde_json::json!({ "username": username, "password": password }))
        .send()
        .await?;
    let status = res.status();
    if !status.is_success() {
        bail!("sign-in as {username} failed: {status} {}", res.text().await.unwrap_or_default());
    }
    Ok(res.json::<Login>().await?.token)
}

async fn get_json<T: for<'de> Deserialize<'de>>(client: &reqwest::Client, url: &str, token: &str) -> anyhow::Result<T> {
    let res = client.get(url).bearer_auth(token).send().await?;
    let status = res.status();
    if !status.is_success() {
        bail!("GET {url}: {status} {}", res.text().await.unwrap_or_default());
    }
    Ok(res.json().await?)
}

/// The published meeting with the most document bytes (or the one asked for) and its blobs.
async fn find_pack(
    client: &reqwest::Client,
    api: &str,
    token: &str,
    wanted: Option<&str>,
) -> anyhow::Result<(MeetingSummary, Vec<(String, u64)>)> {
    let list: MeetingList = get_json(client, &format!("{api}/api/v1/meetings"), token).await?;
    let mut best: Option<(MeetingSummary, Vec<(String, u64)>)> = None;
    for m in list.meetings {
        let eligible = match wanted {
            Some(id) => m.id == id,
            None => m.status == "published",
        };
        if !eligible {
            continue;
        }
        let detail: MeetingDetail = get_json(client, &format!("{api}/api/v1/meetings/{}", m.id), token).await?;
        let blobs: Vec<(String, u64)> =
            detail.documents.into_iter().filter_map(|d| d.current).map(|v| (v.sha256, v.size)).collect();
        let bytes: u64 = blobs.iter().map(|b| b.1).sum();
        if best.as_ref().is_none_or(|(_, b)| b.iter().map(|x| x.1).sum::<u64>() < bytes) {
            best = Some((m, blobs));
        }
    }
    best.context("no matching meeting with documents is visible to this account")
}

/// utime + stime of the processes, in seconds; processes that have gone are skipped.
fn cpu_seconds(pids: &[u32], clk_tck: u64) -> f64 {
    pids.iter().filter_map(|pid| process_ticks(&format!("/proc/{pid}/stat"))).sum::<u64>() as f64 / clk_tck as f64
}

fn process_ticks(path: &str) -> Option<u64> {
    let stat = std::fs::read_to_string(path).ok()?;
    // The command name is in parentheses and may contain spaces: count fields after it.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // Fields 14 and 15 of proc(5) are utime and stime; `rest` starts at field 3.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted[rank.min(sorted.len()) - 1].as_secs_f64() * 1000.0
}

struct Shared {
    bytes: AtomicU64,
    errors: AtomicU64,
    stop: AtomicBool,
    /// Latency of every pack completed inside the window.
    latencies: Mutex<Vec<Duration>>,
}

/// Download every blob once, reading each body to the end and checking its length.
async fn download_pack(client: &reqwest::Client, token: &str, pack: &[Blob], shared: &Shared) -> anyhow::Result<()> {
    for blob in pack {
        let mut res = client.get(&blob.url).bearer_auth(token).send().await?;
        ensure!(res.status() == reqwest::StatusCode::OK, "GET {}: {}", blob.url, res.status());
        let mut got = 0u64;
        while let Some(chunk) = res.chunk().await? {
            got += chunk.len() as u64;
            shared.bytes.fetch_add(chunk.len() as u64, Ordering::Relaxed);
        }
        ensure!(got == blob.size, "GET {}: {got} bytes, expected {}", blob.url, blob.size);
    }
    Ok(())
}

async fn client_loop(
    client: reqwest::Client,
    token: String,
    pack: Arc<Vec<Blob>>,
    shared: Arc<Shared>,
    window: (Instant, Instant),
) {
    while !shared.stop.load(Ordering::Relaxed) {
        let start = Instant::now();
        match download_pack(&client, &token, &pack, &shared).await {
            Ok(()) => {
                let end = Instant::now();
                if end >= window.0
                    && end <= window.1
                    && let Ok(mut l) = shared.latencies.lock()
                {
                    l.push(end - start);
                }
            }
            Err(e) => {
                if shared.errors.fetch_add(1, Ordering::Relaxed) < 5 {
                    eprintln!("error: {e:#}");
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
}

async fn run(args: Args) -> anyhow::Result<()> {
    let api = args.api.trim_end_matches('/').to_string();
    let target = args.target.as_deref().unwrap_or(&api).trim_end_matches('/').to_string();
    ensure!(args.clients > 0 && args.users > 0, "--clients and --users must be positive");

    // One client (connection) and one sign-in per simulated device.
    let mut logins = JoinSet::new();
    for i in 0..args.clients {
        let username = format!("{}{:02}", args.user_prefix, (i % args.users) + 1);
        let (api, password) = (api.clone(), args.password.clone());
        logins.spawn(async move {
            let client = http_client()?;
            let token = login(&client, &api, &username, &password).await?;
            anyhow::Ok((i, client, token))
        });
    }
    let mut clients = Vec::with_capacity(args.clients);
    while let Some(joined) = logins.join_next().await {
        clients.push(joined??);
    }
    clients.sort_by_key(|c| c.0);

    let (meeting, blobs) = find_pack(&clients[0].1, &api, &clients[0].2, args.meeting.as_deref()).await?;
    let pack: Arc<Vec<Blob>> = Arc::new(
        blobs.iter().map(|(sha, size)| Blob { url: format!("{target}/api/v1/blobs/{sha}"), size: *size }).collect(),
    );
    let pack_bytes: u64 = pack.iter().map(|b| b.size).sum();
    eprintln!(
        "[{}] meeting {:?} ({}): {} documents, {} bytes; {} clients against {target}",
        args.label,
        meeting.title,
        meeting.id,
        pack.len(),
        pack_bytes,
        args.clients
    );

    let shared = Arc::new(Shared {
        bytes: AtomicU64::new(0),
        errors: AtomicU64::new(0),
        stop: AtomicBool::new(false),
        latencies: Mutex::new(Vec::new()),
    });
    let begin = Instant::now();
    let window_start = begin + Duration::from_secs_f64(args.warmup);
    let window_end = window_start + Duration::from_secs_f64(args.duration);
    let mut tasks = JoinSet::new();
    for (_, client, token) in clients {
        tasks.spawn(client_loop(client, token, pack.clone(), shared.clone(), (window_start, window_end)));
    }

    tokio::time::sleep_until(window_start.into()).await;
    let (bytes0, errors0) = (shared.bytes.load(Ordering::Relaxed), shared.errors.load(Ordering::Relaxed));
    let cpu0 = cpu_seconds(&args.pid, args.clk_tck);
    let self0 = process_ticks("/proc/self/stat").unwrap_or(0);
    let t0 = Instant::now();

    tokio::time::sleep_until(window_end.into()).await;
    let (bytes1, errors1) = (shared.bytes.load(Ordering::Relaxed), shared.errors.load(Ordering::Relaxed));
    let cpu1 = cpu_seconds(&args.pid, args.clk_tck);
    let self1 = process_ticks("/proc/self/stat").unwrap_or(0);
    let elapsed = t0.elapsed().as_secs_f64();
    shared.stop.store(true, Ordering::Relaxed);
    tasks.abort_all();
    while tasks.join_next().await.is_some() {}

    let mut latencies = shared.latencies.lock().map(|l| l.clone()).unwrap_or_default();
    latencies.sort();
    let bytes = bytes1 - bytes0;
    let server_cpu = cpu1 - cpu0;
    let report = Report {
        label: args.label.clone(),
        target,
        meeting: meeting.id,
        clients: args.clients,
        pack_documents: pack.len(),
        pack_bytes,
        window_s: elapsed,
        packs: latencies.len(),
        packs_per_s: latencies.len() as f64 / elapsed,
        mb_per_s: bytes as f64 / 1e6 / elapsed,
        p50_ms: percentile(&latencies, 50.0),
        p99_ms: percentile(&latencies, 99.0),
        errors: errors1 - errors0,
        server_cpu_s: server_cpu,
        server_cpu_s_per_gb: if bytes > 0 { server_cpu / (bytes as f64 / 1e9) } else { f64::NAN },
        client_cpu_s: self1.saturating_sub(self0) as f64 / args.clk_tck as f64,
    };
    eprintln!(
        "[{}] {:.1} packs/s, {:.1} MB/s, p50 {:.1} ms, p99 {:.1} ms, server CPU {:.2} s ({:.2} s/GB), client CPU {:.2} s, errors {}",
        report.label,
        report.packs_per_s,
        report.mb_per_s,
        report.p50_ms,
        report.p99_ms,
        report.server_cpu_s,
        report.server_cpu_s_per_gb,
        report.client_cpu_s,
        report.errors
    );
    println!("{}", serde_json::to_string(&report)?);
    Ok(())
}
