//! Text layer benchmark: ecab-pdf's `PdfPool::page_text` (words with their boxes, as the reader
//! gets them for highlighting) against `pdftotext -bbox-layout` on the same documents in the
//! same run. Per page one request at a time (the reader opening a page), all pages at once
//! (throughput), and how well the two agree (same words on a page, distance between the
//! centres of the same word's boxes). Prints a Markdown report.
//!
//! The program is its own pdfium worker: the pool runs it again as `text-layer-bench pdf-worker`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use clap::Parser;
use ecab_pdf::{PageText, PdfPool, PoolConfig, WorkerCommand, find_library};

#[derive(Parser)]
struct Args {
    /// Documents to measure (default: two of the demo pack's).
    #[arg(long = "doc")]
    docs: Vec<PathBuf>,
    /// Runs of each measurement; the median is reported.
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// pdfium worker processes (default: one per core).
    #[arg(long)]
    workers: Option<usize>,
}

const DEFAULT_DOCS: [&str; 2] =
    ["assets/demo/bao-cao-kinh-te-xa-hoi-10-thang-2026.pdf", "assets/demo/du-thao-nghi-quyet-bang-gia-dat.pdf"];

fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some("pdf-worker") {
        return ecab_pdf::worker_main();
    }
    let args = Args::parse();
    let run = tokio::runtime::Runtime::new().map_err(anyhow::Error::from).and_then(|rt| rt.block_on(bench(&args)));
    match run {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("text-layer-bench: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn bench(args: &Args) -> Result<()> {
    ensure!(args.runs > 0, "--runs must be at least 1");
    let docs: Vec<PathBuf> =
        if args.docs.is_empty() { DEFAULT_DOCS.iter().map(PathBuf::from).collect() } else { args.docs.clone() };
    for doc in &docs {
        ensure!(doc.is_file(), "{} not found: run from the repository root or pass --doc", doc.display());
    }
    let mut cfg = PoolConfig::new(find_library(None)?, WorkerCommand::current_exe(["pdf-worker"])?);
    if let Some(workers) = args.workers {
        cfg.workers = workers;
    }
    let workers = cfg.workers;
    let pool = PdfPool::start(cfg).await?;
    println!("{workers} pdfium workers, {}, median of {} runs\n", pdftotext_version()?, args.runs);
    println!(
        "| document | tool | one page at a time, ms/page | all pages, pages/s | KB/page | gzip KB/page | ms/page vs pdftotext | pages/s vs pdftotext |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|");
    let mut agreement = Vec::new();
    for doc in &docs {
        let pages = pool.inspect(doc).await?.page_count;
        let name = doc.file_name().unwrap_or_default().to_string_lossy().into_owned();

        // ecab-pdf: one request at a time, then all pages queued at once.
        let mut one = Vec::new();
        let mut ours = Vec::new();
        for _ in 0..args.runs {
            let t = Instant::now();
            ours.clear();
            for page in 0..pages {
                ours.push(pool.page_text(doc, page).await?);
            }
            one.push(t.elapsed() / pages);
        }
        let mut all = Vec::new();
        for _ in 0..args.runs {
            let t = Instant::now();
            let mut tasks = tokio::task::JoinSet::new();
            for page in 0..pages {
                let (pool, doc) = (pool.clone(), doc.clone());
                tasks.spawn(async move { pool.page_text(&doc, page).await });
            }
            while let Some(done) = tasks.join_next().await {
                done??;
            }
            all.push(t.elapsed());
        }
        let (mut json, mut json_gz) = (0, 0);
        for text in &ours {
            let bytes = serde_json::to_vec(text)?;
            json += bytes.len();
            json_gz += gzip_len(&bytes)?;
        }

        // pdftotext: one process per page, then one process for the whole document.
        let mut one_tool = Vec::new();
        for _ in 0..args.runs {
            let t = Instant::now();
            for page in 1..=pages {
                pdftotext(doc, Some(page))?;
            }
            one_tool.push(t.elapsed() / pages);
        }
        let mut all_tool = Vec::new();
        let mut html = String::new();
        for _ in 0..args.runs {
            let t = Instant::now();
            html = pdftotext(doc, None)?;
            all_tool.push(t.elapsed());
        }
        let theirs = parse_bbox_layout(&html)?;
        ensure!(theirs.len() == pages as usize, "pdftotext gave {} pages for {pages}", theirs.len());

        let (one, one_tool) = (median(one), median(one_tool));
        let (rate, rate_tool) = (per_s(pages, median(all)), per_s(pages, median(all_tool)));
        let kb = |bytes: usize| bytes as f64 / 1024.0 / f64::from(pages);
        println!(
            "| {name}, {pages} p. | ecab-pdf page_text (JSON) | {:.2} | {rate:.0} | {:.1} | {:.1} | **{:.1}× faster** | **{:.2}×** |",
            ms(one),
            kb(json),
            kb(json_gz),
            ms(one_tool) / ms(one),
            rate / rate_tool
        );
        println!(
            "| | pdftotext -bbox-layout (XHTML) | {:.2} | {rate_tool:.0} | {:.1} | {:.1} | 1.0× | 1.00× |",
            ms(one_tool),
            kb(html.len()),
            kb(gzip_len(html.as_bytes())?)
        );
        agreement.push((name, compare(&ours, &theirs)));
    }
    println!("\nAgreement with pdftotext (same words, same place):\n");
    println!(
        "| document | words (ecab-pdf / pdftotext) | pages with the same words | words matched | centre offset median / p95, pt |"
    );
    println!("|---|---:|---:|---:|---:|");
    for (name, a) in agreement {
        println!(
            "| {name} | {} / {} | {} of {} | {:.1} % | {:.2} / {:.2} |",
            a.ours,
            a.theirs,
            a.same_pages,
            a.pages,
            100.0 * a.matched as f64 / a.ours.max(1) as f64,
            a.offset_median,
            a.offset_p95
        );
    }
    pool.shutdown().await;
    Ok(())
}

fn pdftotext_version() -> Result<String> {
    let out =
        Command::new("pdftotext").arg("-v").output().context("cannot run pdftotext (apt install poppler-utils)")?;
    let text = String::from_utf8_lossy(&out.stderr);
    Ok(text.lines().next().unwrap_or("pdftotext").trim().to_string())
}

/// `pdftotext -bbox-layout` of one page (from 1) or of the whole document, to stdout.
fn pdftotext(doc: &Path, page: Option<u32>) -> Result<String> {
    let mut cmd = Command::new("pdftotext");
    cmd.arg("-bbox-layout");
    if let Some(page) = page {
        cmd.args(["-f", &page.to_string(), "-l", &page.to_string()]);
    }
    cmd.arg(doc).arg("-");
    let out = cmd.output().context("cannot run pdftotext")?;
    if !out.status.success() {
        bail!("{cmd:?} failed ({}): {}", out.status, String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(String::from_utf8(out.stdout)?)
}

/// A word of pdftotext's output: its text and box centre as fractions of the page.
struct TheirWord {
    text: String,
    cx: f64,
    cy: f64,
}

/// Pages of `pdftotext -bbox-layout` output: `<page width= height=>` holding
/// `<word xMin= yMin= xMax= yMax=>text</word>` (points, origin top-left).
fn parse_bbox_layout(html: &str) -> Result<Vec<(f64, f64, Vec<TheirWord>)>> {
    let mut pages = Vec::new();
    for chunk in html.split("<page ").skip(1) {
        let head = chunk.split('>').next().unwrap_or_default();
        let (w, h) = (attr(head, "width")?, attr(head, "height")?);
        let mut words = Vec::new();
        for part in chunk.split("<word ").skip(1) {
            let (tag, rest) = part.split_once('>').context("unterminated <word>")?;
            let text = rest.split("</word>").next().unwrap_or_default();
            let (x0, y0, x1, y1) = (attr(tag, "xMin")?, attr(tag, "yMin")?, attr(tag, "xMax")?, attr(tag, "yMax")?);
            words.push(TheirWord { text: unescape(text), cx: (x0 + x1) / 2.0 / w, cy: (y0 + y1) / 2.0 / h });
        }
        pages.push((w, h, words));
    }
    Ok(pages)
}

fn attr(tag: &str, name: &str) -> Result<f64> {
    let key = format!("{name}=\"");
    let start = tag.find(&key).with_context(|| format!("no {name} in <{tag}>"))? + key.len();
    let end = tag[start..].find('"').context("unterminated attribute")?;
    Ok(tag[start..start + end].parse()?)
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

struct Agreement {
    pages: usize,
    same_pages: usize,
    ours: usize,
    theirs: usize,
    matched: usize,
    offset_median: f64,
    offset_p95: f64,
}

/// Pages whose words are the same multiset; each of our words matched to the nearest unused
/// word of pdftotext's with the same text on that page, and the distance of their centres.
fn compare(ours: &[PageText], theirs: &[(f64, f64, Vec<TheirWord>)]) -> Agreement {
    let mut a = Agreement {
        pages: ours.len(),
        same_pages: 0,
        ours: 0,
        theirs: 0,
        matched: 0,
        offset_median: 0.0,
        offset_p95: 0.0,
    };
    let mut offsets = Vec::new();
    for (page, (w, h, their_words)) in ours.iter().zip(theirs) {
        a.ours += page.words.len();
        a.theirs += their_words.len();
        let mut count: HashMap<&str, i64> = HashMap::new();
        for word in &page.words {
            *count.entry(word.text.as_str()).or_default() += 1;
        }
        for word in their_words {
            *count.entry(word.text.as_str()).or_default() -= 1;
        }
        if count.values().all(|&n| n == 0) {
            a.same_pages += 1;
        }
        let mut used = vec![false; their_words.len()];
        for word in &page.words {
            let cx = f64::from(word.rect.x + word.rect.w / 2.0);
            let cy = f64::from(word.rect.y + word.rect.h / 2.0);
            let nearest = their_words
                .iter()
                .enumerate()
                .filter(|(i, t)| !used[*i] && t.text == word.text)
                .map(|(i, t)| (i, ((cx - t.cx) * w).hypot((cy - t.cy) * h)))
                .min_by(|x, y| x.1.total_cmp(&y.1));
            if let Some((i, offset)) = nearest {
                used[i] = true;
                a.matched += 1;
                offsets.push(offset);
            }
        }
    }
    offsets.sort_by(f64::total_cmp);
    if !offsets.is_empty() {
        a.offset_median = offsets[offsets.len() / 2];
        a.offset_p95 = offsets[(offsets.len() * 95 / 100).min(offsets.len() - 1)];
    }
    a
}

/// Size after gzip at the default level, as a web server would send it.
fn gzip_len(bytes: &[u8]) -> Result<usize> {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes)?;
    Ok(gz.finish()?.len())
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn per_s(pages: u32, elapsed: Duration) -> f64 {
    f64::from(pages) / elapsed.as_secs_f64()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
