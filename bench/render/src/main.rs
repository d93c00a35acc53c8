//! Page rendering benchmark: open-to-first-page latency and pages per second of ecab-pdf's
//! worker pool (PNG, as the webview gets it) against `mutool draw` and `pdftoppm` writing PNG
//! at the same DPI, on the demo's 126-page report and on a 300-page document made from the
//! demo pack with `mutool merge`. Prints a Markdown report.
//!
//! The program is its own pdfium worker: the pool runs it again as `render-bench pdf-worker`.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use clap::Parser;
use ecab_pdf::{PdfPool, PoolConfig, WorkerCommand, find_library};

#[derive(Parser)]
struct Args {
    /// Resolution of every renderer; the pool renders at the matching width in pixels.
    #[arg(long, default_value_t = 150)]
    dpi: u32,
    /// Runs of each measurement; the median is reported.
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// pdfium worker processes (default: one per core).
    #[arg(long)]
    workers: Option<usize>,
    /// Folder of the demo pack.
    #[arg(long, default_value = "assets/demo")]
    demo: PathBuf,
    /// Pages of the generated long document.
    #[arg(long, default_value_t = 300)]
    long_pages: u32,
}

const REPORT: &str = "bao-cao-kinh-te-xa-hoi-10-thang-2026.pdf";

fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some("pdf-worker") {
        return ecab_pdf::worker_main();
    }
    let args = Args::parse();
    let run = tokio::runtime::Runtime::new().map_err(anyhow::Error::from).and_then(|rt| rt.block_on(bench(&args)));
    match run {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("render-bench: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// One row of the report.
struct Row {
    renderer: String,
    first_page: Duration,
    pages_per_s: f64,
    kb_per_page: f64,
}

async fn bench(args: &Args) -> Result<()> {
    ensure!(args.runs > 0, "--runs must be at least 1");
    let scratch = tempfile::tempdir()?;
    let report = args.demo.join(REPORT);
    ensure!(report.is_file(), "{} not found: run from the repository root or pass --demo", report.display());
    let long = scratch.path().join(format!("long-{}.pdf", args.long_pages));

    let mut cfg = PoolConfig::new(find_library(None)?, WorkerCommand::current_exe(["pdf-worker"])?);
    if let Some(workers) = args.workers {
        cfg.workers = workers;
    }
    let workers = cfg.workers;
    let started = Instant::now();
    let pool = PdfPool::start(cfg).await?;
    let pool_start = started.elapsed();
    make_long(&pool, &args.demo, &long, args.long_pages).await?;

    println!(
        "{workers} pdfium workers (pool start {:.1} ms), {} DPI, median of {} runs\n",
        ms(pool_start),
        args.dpi,
        args.runs
    );
    for doc in [report.as_path(), long.as_path()] {
        let info = pool.inspect(doc).await?;
        let width = (f64::from(info.pages[0].width_pt) / 72.0 * f64::from(args.dpi)).round() as u32;
        let pages = info.page_count;
        let name = doc.file_name().unwrap_or_default().to_string_lossy();
        println!("### {name}: {pages} pages, {width} px wide\n");
        let rows = [
            measure_pool(&pool, doc, pages, width, args.runs, scratch.path()).await?,
            measure_tool("mutool draw", args.runs, pages, scratch.path(), |out, first| {
                let mut c = Command::new("mutool");
                c.args(["draw", "-q", "-r", &args.dpi.to_string(), "-o"]).arg(out.join("out%d.png")).arg(doc);
                if first {
                    c.arg("1");
                }
                c
            })?,
            measure_tool("pdftoppm -png", args.runs, pages, scratch.path(), |out, first| {
                let mut c = Command::new("pdftoppm");
                c.args(["-png", "-r", &args.dpi.to_string()]);
                if first {
                    c.args(["-f", "1", "-l", "1"]);
                }
                c.arg(doc).arg(out.join("out"));
                c
            })?,
        ];
        print_rows(&rows);
        let marked = first_watermarked(&pool, doc, width, args.runs).await?;
        println!("Open → first page with a reader's name as watermark (ecab-pdf): {:.1} ms\n", ms(marked));
    }
    pool.shutdown().await;
    Ok(())
}

/// A long document from the demo pack's PDFs, whole, in name order, repeated until `pages`.
async fn make_long(pool: &PdfPool, demo: &Path, out: &Path, pages: u32) -> Result<()> {
    let entries: Vec<PathBuf> =
        std::fs::read_dir(demo)?.map(|e| e.map(|e| e.path())).collect::<std::io::Result<_>>()?;
    let mut sources: Vec<PathBuf> = entries.into_iter().filter(|p| p.extension().is_some_and(|x| x == "pdf")).collect();
    sources.sort();
    ensure!(!sources.is_empty(), "no PDF in {}", demo.display());
    let mut cmd = Command::new("mutool");
    cmd.arg("merge").arg("-o").arg(out);
    let mut total = 0;
    'fill: loop {
        for source in &sources {
            let count = pool.inspect(source).await?.page_count;
            let take = count.min(pages - total);
            cmd.arg(source).arg(format!("1-{take}"));
            total += take;
            if total == pages {
                break 'fill;
            }
        }
    }
    run(&mut cmd)?;
    let made = pool.inspect(out).await?.page_count;
    ensure!(made == pages, "the merged document has {made} pages, not {pages}");
    Ok(())
}

async fn measure_pool(pool: &PdfPool, doc: &Path, pages: u32, width: u32, runs: usize, scratch: &Path) -> Result<Row> {
    let mut first = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let png = pool.render(doc, 0, width).await?;
        tokio::fs::write(scratch.join("first.png"), &png).await?;
        first.push(t.elapsed());
    }
    let mut whole = Vec::new();
    let mut bytes = 0;
    for _ in 0..runs {
        let out = fresh_dir(scratch)?;
        let t = Instant::now();
        let mut tasks = tokio::task::JoinSet::new();
        for page in 0..pages {
            let (pool, doc, file) = (pool.clone(), doc.to_path_buf(), out.join(format!("out{}.png", page + 1)));
            tasks.spawn(async move {
                let png = pool.render(&doc, page, width).await?;
                tokio::fs::write(&file, &png).await?;
                anyhow::Ok(png.len() as u64)
            });
        }
        bytes = 0;
        while let Some(done) = tasks.join_next().await {
            bytes += done??;
        }
        whole.push(t.elapsed());
    }
    let renderer = "ecab-pdf pool (PNG)".to_string();
    Ok(Row {
        renderer,
        first_page: median(first),
        pages_per_s: rate(pages, median(whole)),
        kb_per_page: kb(bytes, pages),
    })
}

/// Open-to-first-page latency of a confidential page: the reader's name drawn over it.
async fn first_watermarked(pool: &PdfPool, doc: &Path, width: u32, runs: usize) -> Result<Duration> {
    let mut samples = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        pool.render_watermarked(doc, 0, width, Some("Nguyễn Thị Ánh Tuyết")).await?;
        samples.push(t.elapsed());
    }
    Ok(median(samples))
}

/// Times a reference tool: the first page alone, then the whole document, in a fresh folder.
fn measure_tool(
    name: &str,
    runs: usize,
    pages: u32,
    scratch: &Path,
    command: impl Fn(&Path, bool) -> Command,
) -> Result<Row> {
    let time = |first: bool| -> Result<(Duration, PathBuf)> {
        let out = fresh_dir(scratch)?;
        let t = Instant::now();
        run(&mut command(&out, first))?;
        Ok((t.elapsed(), out))
    };
    let first = (0..runs).map(|_| time(true).map(|(d, _)| d)).collect::<Result<Vec<_>>>()?;
    let mut whole = Vec::new();
    let mut bytes = 0;
    for _ in 0..runs {
        let (elapsed, out) = time(false)?;
        let files: Vec<_> = std::fs::read_dir(&out)?.collect::<std::io::Result<_>>()?;
        ensure!(files.len() == pages as usize, "{name} wrote {} files for {pages} pages", files.len());
        bytes = files.iter().map(|f| f.metadata().map(|m| m.len())).sum::<std::io::Result<u64>>()?;
        whole.push(elapsed);
    }
    Ok(Row {
        renderer: name.to_string(),
        first_page: median(first),
        pages_per_s: rate(pages, median(whole)),
        kb_per_page: kb(bytes, pages),
    })
}

fn print_rows(rows: &[Row]) {
    let find = |prefix: &str| rows.iter().find(|r| r.renderer.starts_with(prefix));
    let (mutool, poppler) = (find("mutool"), find("pdftoppm"));
    println!("| renderer | open → first page ms | pages/s | KB/page | pages/s vs mutool | pages/s vs pdftoppm |");
    println!("|---|---:|---:|---:|---:|---:|");
    for r in rows {
        let vs = |other: Option<&Row>| other.map_or("–".into(), |o| format!("{:.2}×", r.pages_per_s / o.pages_per_s));
        println!(
            "| {} | {:.1} | {:.1} | {:.0} | {} | {} |",
            r.renderer,
            ms(r.first_page),
            r.pages_per_s,
            r.kb_per_page,
            vs(mutool),
            vs(poppler)
        );
    }
    println!();
}

fn run(cmd: &mut Command) -> Result<()> {
    let out = cmd.output().with_context(|| format!("cannot run {:?}", cmd.get_program()))?;
    if !out.status.success() {
        bail!("{cmd:?} failed ({}): {}", out.status, String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(())
}

fn fresh_dir(scratch: &Path) -> Result<PathBuf> {
    let dir = scratch.join("out");
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir(&dir)?;
    Ok(dir)
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn rate(pages: u32, elapsed: Duration) -> f64 {
    f64::from(pages) / elapsed.as_secs_f64()
}

fn kb(bytes: u64, pages: u32) -> f64 {
    bytes as f64 / 1024.0 / f64::from(pages)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
