//! Change feed benchmark: pulls of `GET /api/v1/sync` (in the desktop client's pages of 500,
//! to the head of the log) with the narrowed scan the server uses against the full scan it
//! replaced (`sync::page_reference`), side by side in the same run, on the demo store grown
//! by generated meetings. Both are called in-process, as the handler calls them (no HTTP).
//! Checks that both give the same changes, prints the narrowed query's plans and a Markdown
//! report.
//!
//! The program is its own pdfium worker (the demo's documents are validated when it loads):
//! the pool runs it again as `feed-sync-bench pdf-worker`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use chrono::Utc;
use clap::Parser;
use ecab_core::{Attendance, Confidentiality, DocumentKind, MeetingKind, MeetingStatus, Recurrence, Role};
use ecab_pdf::WorkerCommand;
use ecab_protocol::attendance::{Read, Reply};
use ecab_server::auth::AuthUser;
use ecab_server::http::sync;
use ecab_server::{AppState, Config, feed, store};
use sqlx::SqlitePool;
use uuid::Uuid;

#[derive(Parser)]
struct Args {
    /// Meetings generated on top of the demo's.
    #[arg(long, default_value_t = 400)]
    meetings: usize,
    /// Rounds of activity in each published generated meeting; a round is an edit of the
    /// meeting, every delegate opening every document and replying.
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// Runs of each pull; the median is reported.
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Changes of the catch-up pull: a device coming back after this much activity.
    #[arg(long, default_value_t = 2000)]
    catch_up: i64,
    /// Only these callers (repeatable; default: all of them).
    #[arg(long = "caller")]
    callers: Vec<String>,
    /// Build the store in this folder (empty or new) and leave it there, instead of a
    /// temporary one.
    #[arg(long)]
    data: Option<PathBuf>,
}

/// The desktop client's page size (`ecab-client`'s `PAGE_LIMIT`).
const PAGE: u32 = 500;
const DELEGATES_PER_MEETING: usize = 12;
const BRIDGE_POINTS_PER_MEETING: usize = 10;
const AGENDA_ITEMS: usize = 6;

/// Who pulls, and why they are of interest.
const CALLERS: [(&str, &str); 8] = [
    ("phogiamdoc02", "delegate invited to 2 meetings"),
    ("phogiamdoc01", "delegate invited to 1 in 10"),
    ("phogiamdoc03", "delegate invited to 1 in 5"),
    ("daibieu05", "delegate invited to 60 % of them"),
    ("diemcau05", "bridge point invited to 1 in 3"),
    ("chutich", "chair of half of them"),
    ("thuky", "secretary owning every meeting"),
    ("chanhvanphong", "chief of office: every meeting"),
];

fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some("pdf-worker") {
        return ecab_pdf::worker_main();
    }
    let args = Args::parse();
    let run = tokio::runtime::Runtime::new().map_err(anyhow::Error::from).and_then(|rt| rt.block_on(bench(&args)));
    match run {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("feed-sync-bench: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn bench(args: &Args) -> Result<()> {
    ensure!(args.runs > 0, "--runs must be at least 1");
    ensure!(args.meetings >= 30, "--meetings must be at least 30");
    let dir = tempfile::tempdir()?;
    let config = Config {
        listen: "127.0.0.1:0".parse()?,
        data_dir: args.data.clone().unwrap_or_else(|| dir.path().join("data")),
        demo: true,
        max_upload_mb: 50,
        pdfium: None,
        pdf_workers: Some(1),
        session_hours: 24,
        log_json: false,
        ui_dir: None,
        watermark_confidential: true,
    };
    let db_path = config.database_path();
    let state = ecab_server::start(config, WorkerCommand::current_exe(["pdf-worker"])?, Vec::new())
        .await
        .context("cannot start the server (is libpdfium installed? see ECAB_PDFIUM_LIBRARY)")?;
    let demo_changes = count(&state.db, "SELECT COUNT(*) FROM changes").await?;
    let t = Instant::now();
    generate(&state, args).await?;
    let generated_in = t.elapsed();
    let db = &state.db;
    let head = count(db, "SELECT MAX(seq) FROM changes").await?;
    let targeted = count(db, "SELECT COUNT(*) FROM changes WHERE target_user IS NOT NULL").await?;
    let meetings = count(db, "SELECT COUNT(*) FROM meetings").await?;
    let wal = std::fs::metadata(db_path.with_extension("sqlite3-wal")).map_or(0, |m| m.len());
    let size = std::fs::metadata(&db_path)?.len() + wal;
    println!(
        "Store: {meetings} meetings ({} generated, {} rounds of activity each), {head} changes \
         ({demo_changes} from the demo, {targeted} targeted at one user), {:.1} MB with its WAL; \
         generated in {:.1} s. Pages of {PAGE}, median of {} runs.\n",
        args.meetings,
        args.rounds,
        size as f64 / 1e6,
        generated_in.as_secs_f64(),
        args.runs,
    );

    println!(
        "| caller | narrowed scan | pull | changes seen | pages | narrowed ms | full scan ms | narrowed CPU ms | full scan CPU ms | full / narrowed, CPU | full / narrowed, wall |"
    );
    println!("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (username, what) in CALLERS {
        if !args.callers.is_empty() && !args.callers.iter().any(|c| c == username) {
            continue;
        }
        let user = auth_user(db, username).await?;
        let plan = sync::plan(db, &user).await?.join("\n");
        let read = if plan.contains("USING INDEX changes_meeting") {
            "by meeting"
        } else if plan.contains("caller's meetings") {
            "by seq"
        } else {
            "by seq, every meeting"
        };
        for (pull, since) in [("full, since 0", 0), ("catch-up", (head - args.catch_up).max(0))] {
            let (mut narrowed, mut full) = (Vec::new(), Vec::new());
            let mut seen = (0, 0);
            for run in 0..args.runs {
                // Alternate which goes first, so neither always finds the cache warmer.
                let order = if run % 2 == 0 { [true, false] } else { [false, true] };
                let mut got = Vec::new();
                for narrow in order {
                    let (t, cpu) = (Instant::now(), cpu_time()?);
                    let (seqs, pages) = pull_all(db, &user, since, narrow).await?;
                    let took = (t.elapsed(), cpu_time()?.saturating_sub(cpu));
                    (if narrow { &mut narrowed } else { &mut full }).push(took);
                    got.push(seqs);
                    seen = (got[0].len() - 1, pages);
                }
                ensure!(got[0] == got[1], "{username}: the narrowed scan and the full scan disagree");
            }
            let wall = |v: &[(Duration, Duration)]| median(v.iter().map(|t| t.0).collect());
            let cpu = |v: &[(Duration, Duration)]| median(v.iter().map(|t| t.1).collect());
            let (nw, fw, nc, fc) = (wall(&narrowed), wall(&full), cpu(&narrowed), cpu(&full));
            let pull = if since == 0 { pull.to_owned() } else { format!("{pull}, last {} changes", head - since) };
            println!(
                "| {username} ({what}) | {read} | {pull} | {} | {} | {:.2} | {:.2} | {:.2} | {:.2} | **{:.1}×** | {:.1}× |",
                seen.0,
                seen.1,
                ms(nw),
                ms(fw),
                ms(nc),
                ms(fc),
                fc.as_secs_f64() / nc.as_secs_f64(),
                fw.as_secs_f64() / nw.as_secs_f64(),
            );
        }
    }

    for username in ["phogiamdoc02", "thuky", "chanhvanphong"] {
        let plan = sync::plan(db, &auth_user(db, username).await?).await?;
        println!("\nQuery plans of the narrowed scan for {username}:\n\n```\n{}\n```", plan.join("\n"));
    }
    Ok(())
}

/// A full pull from `since` as a client makes it: the seqs received, ending with the last
/// `next_since`; and the pages.
async fn pull_all(db: &SqlitePool, user: &AuthUser, since: i64, narrowed: bool) -> Result<(Vec<i64>, usize)> {
    let mut since = since;
    let mut seqs = Vec::new();
    let mut pages = 0;
    loop {
        let page = if narrowed {
            sync::page(db, user, since, Some(PAGE)).await?
        } else {
            sync::page_reference(db, user, since, Some(PAGE)).await?
        };
        pages += 1;
        seqs.extend(page.changes.iter().map(|c| c.seq));
        since = page.next_since;
        if !page.has_more {
            seqs.push(since);
            return Ok((seqs, pages));
        }
    }
}

struct People {
    secretary: Uuid,
    chairs: [Uuid; 2],
    delegates: Vec<Uuid>,
    bridge_points: Vec<Uuid>,
    /// Invited to two generated meetings and nothing else.
    two_meetings: Uuid,
    /// Invited to one generated meeting in ten, and to one in five.
    one_in_ten: Uuid,
    one_in_five: Uuid,
}

/// Meetings like the demo's, through the server's own feed code: each published one with
/// its snapshot, then rounds of edits, reads and replies (the feed's rows only: the reads
/// and replies themselves are not stored, the feed does not consult them). One meeting in
/// ten stays a draft (its staff's only), one in ten has ended.
async fn generate(state: &AppState, args: &Args) -> Result<()> {
    let db = &state.db;
    let id = |name: &'static str| async move {
        sqlx::query_scalar::<_, Uuid>("SELECT id FROM users WHERE username = ?")
            .bind(name)
            .fetch_one(db)
            .await
            .with_context(|| format!("no demo user {name}"))
    };
    let delegates: Vec<Uuid> =
        sqlx::query_scalar("SELECT id FROM users WHERE username LIKE 'daibieu%' ORDER BY username")
            .fetch_all(db)
            .await?;
    let bridge_points: Vec<Uuid> =
        sqlx::query_scalar("SELECT b.id FROM bridge_points b JOIN users u ON u.id = b.account_id ORDER BY u.username")
            .fetch_all(db)
            .await?;
    ensure!(delegates.len() == 20 && bridge_points.len() == 30, "not the demo's people");
    let people = People {
        secretary: id("thuky").await?,
        chairs: [id("chutich").await?, id("phochutich").await?],
        delegates,
        bridge_points,
        two_meetings: id("phogiamdoc02").await?,
        one_in_ten: id("phogiamdoc01").await?,
        one_in_five: id("phogiamdoc03").await?,
    };
    let blobs: Vec<(String, String)> =
        sqlx::query_as("SELECT sha256, MIN(filename) FROM document_versions GROUP BY sha256 ORDER BY sha256 LIMIT 3")
            .fetch_all(db)
            .await?;
    ensure!(blobs.len() == 3, "the demo has fewer than 3 documents");
    // Two published meetings (index 5 mod 10), a third and two thirds of the way.
    let two = [args.meetings / 30 * 10 + 5, args.meetings * 2 / 30 * 10 + 5];
    for i in 0..args.meetings {
        let status = match i % 10 {
            0 => MeetingStatus::Draft,
            1 => MeetingStatus::Ended,
            _ => MeetingStatus::Published,
        };
        meeting(state, &people, &blobs, i, status, two.contains(&i), args.rounds).await?;
    }
    Ok(())
}

async fn meeting(
    state: &AppState,
    p: &People,
    blobs: &[(String, String)],
    i: usize,
    status: MeetingStatus,
    with_two: bool,
    rounds: usize,
) -> Result<()> {
    let now = Utc::now();
    let starts_at = now - chrono::Duration::days(i as i64);
    let id = Uuid::now_v7();
    let mut tx = ecab_server::db::write(&state.db).await?;
    sqlx::query(
        "INSERT INTO meetings (id, title, kind, status, starts_at, ends_at, place, chair_id, secretary_id,
         confidentiality, recurrence, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(format!("Họp chuyên đề số {}", i + 1))
    .bind(MeetingKind::Thematic.as_str())
    .bind(status.as_str())
    .bind(starts_at)
    .bind(starts_at + chrono::Duration::hours(2))
    .bind("Phòng họp số 2, UBND tỉnh")
    .bind(p.chairs[i % 2])
    .bind(p.secretary)
    .bind(Confidentiality::Normal.as_str())
    .bind(Recurrence::None.as_str())
    .bind(now)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let mut docs = Vec::new();
    for pos in 0..AGENDA_ITEMS {
        let item = Uuid::now_v7();
        sqlx::query("INSERT INTO agenda_items (id, meeting_id, position, title) VALUES (?, ?, ?, ?)")
            .bind(item)
            .bind(id)
            .bind(pos as i64)
            .bind(format!("Nội dung {}", pos + 1))
            .execute(&mut *tx)
            .await?;
        if let Some((sha256, filename)) = blobs.get(pos) {
            let doc = Uuid::now_v7();
            let conf = if pos == 2 { Confidentiality::Confidential } else { Confidentiality::Normal };
            sqlx::query(
                "INSERT INTO documents (id, meeting_id, agenda_item_id, title, kind, confidentiality, created_at, updated_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(doc)
            .bind(id)
            .bind(item)
            .bind(format!("Tài liệu {}", pos + 1))
            .bind(DocumentKind::Report.as_str())
            .bind(conf.as_str())
            .bind(now)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO document_versions (document_id, version, sha256, filename, uploaded_by, uploaded_at)
                 VALUES (?, 1, ?, ?, ?, ?)",
            )
            .bind(doc)
            .bind(sha256)
            .bind(filename)
            .bind(p.secretary)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            docs.push(doc);
        }
    }
    let mut invited: Vec<Uuid> = (0..DELEGATES_PER_MEETING).map(|k| p.delegates[(i + k) % p.delegates.len()]).collect();
    if with_two {
        invited.push(p.two_meetings);
    }
    if i % 10 == 3 {
        invited.push(p.one_in_ten);
    }
    if i % 5 == 2 {
        invited.push(p.one_in_five);
    }
    for user in &invited {
        sqlx::query("INSERT INTO meeting_delegates (meeting_id, user_id) VALUES (?, ?)")
            .bind(id)
            .bind(user)
            .execute(&mut *tx)
            .await?;
    }
    for k in 0..BRIDGE_POINTS_PER_MEETING {
        sqlx::query("INSERT INTO meeting_bridge_points (meeting_id, bridge_point_id) VALUES (?, ?)")
            .bind(id)
            .bind(p.bridge_points[(i * 3 + k) % p.bridge_points.len()])
            .execute(&mut *tx)
            .await?;
    }
    let m = store::meetings::meeting(&mut tx, id).await?.context("generated meeting vanished")?;
    feed::snapshot(&mut tx, &m, None).await?;
    for round in 0..rounds {
        feed::meeting(&mut tx, &m).await?;
        if !status.is_published() {
            continue;
        }
        let at = now + chrono::Duration::minutes(round as i64);
        for user in &invited {
            for doc in &docs {
                let read =
                    Read { meeting_id: id, document_id: *doc, user_id: *user, version: 1, first_at: now, last_at: at };
                feed::read(&mut tx, &m, &read).await?;
            }
            let reply = Reply {
                meeting_id: id,
                user_id: *user,
                status: if round % 2 == 0 { Attendance::Attending } else { Attendance::Absent },
                reason: String::new(),
                deputy_id: None,
                by: Some(*user),
                updated_at: Some(at),
            };
            feed::reply(&mut tx, &m, &reply, None).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

async fn auth_user(db: &SqlitePool, username: &str) -> Result<AuthUser> {
    let (id, role): (Uuid, String) =
        sqlx::query_as("SELECT id, role FROM users WHERE username = ?").bind(username).fetch_one(db).await?;
    let role = Role::parse(&role).context("bad role in store")?;
    Ok(AuthUser { id, role, token_hash: [0; 32] })
}

async fn count(db: &SqlitePool, sql: &'static str) -> Result<i64> {
    Ok(sqlx::query_scalar(sql).fetch_one(db).await?)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// CPU time of this process so far, every thread's (`/proc/self/task/*/schedstat`, in ns):
/// the pulls run on the runtime's threads and on the store's connection threads.
fn cpu_time() -> Result<Duration> {
    let mut ns = 0u64;
    for task in std::fs::read_dir("/proc/self/task")? {
        let stat = std::fs::read_to_string(task?.path().join("schedstat")).unwrap_or_default();
        ns += stat.split_whitespace().next().and_then(|n| n.parse::<u64>().ok()).unwrap_or(0);
    }
    Ok(Duration::from_nanos(ns))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
