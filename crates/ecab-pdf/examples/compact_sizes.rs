//! Sizes of compact page images against the RGB PNG, for every page of some PDFs, at phone
//! width and with a reader's name as watermark (as a confidential document is served):
//!
//! ```text
//! cargo run --release -p ecab-pdf --example compact_sizes -- 780 assets/demo/*.pdf
//! ```
//!
//! Prints a Markdown table: pages per format, KB per page (median and largest) and encoding
//! time per page. The program is its own worker: the pool starts it again with `pdf-worker`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use ecab_pdf::{ImageFormat, PdfPool, PoolConfig, WorkerCommand, find_library, worker_main};

const READER: &str = "Nguyễn Thị Ánh Tuyết";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("pdf-worker") {
        return worker_main();
    }
    let Some((Ok(width), pdfs)) = args.split_first().map(|(w, rest)| (w.parse::<u32>(), rest)) else {
        eprintln!("usage: compact_sizes WIDTH_PX FILE.pdf...");
        return ExitCode::from(2);
    };
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(measure(width, pdfs.iter().map(PathBuf::from).collect())) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("compact_sizes: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn measure(width: u32, pdfs: Vec<PathBuf>) -> Result<(), Box<dyn std::error::Error>> {
    let mut cfg = PoolConfig::new(find_library(None)?, WorkerCommand::current_exe(["pdf-worker"])?);
    cfg.workers = 1;
    let pool = PdfPool::start(cfg).await?;
    println!("{width} px wide, watermarked, one worker, one page at a time\n");
    println!(
        "| document | pages | PNG 16 col. / 256 col. / JPEG | compact KB median / max | RGB PNG KB median / max | compact / RGB | ms/page compact / RGB |"
    );
    println!("|---|---:|---|---:|---:|---:|---:|");
    for pdf in pdfs {
        let pages = pool.inspect(&pdf).await?.page_count;
        let (mut compact, mut rgb) = (Vec::new(), Vec::new());
        let (mut t_compact, mut t_rgb) = (Duration::ZERO, Duration::ZERO);
        let mut formats = [0u32; 3];
        for page in 0..pages {
            let t = Instant::now();
            let image = pool.render_compact(&pdf, page, width, Some(READER)).await?;
            t_compact += t.elapsed();
            let t = Instant::now();
            let png = pool.render_watermarked(&pdf, page, width, Some(READER)).await?;
            t_rgb += t.elapsed();
            let slot = match (image.format, image.bytes.get(24)) {
                (ImageFormat::Png, Some(4)) => 0,
                (ImageFormat::Png, _) => 1,
                (ImageFormat::Jpeg, _) => 2,
            };
            formats[slot] += 1;
            compact.push(image.bytes.len());
            rgb.push(png.len());
        }
        let (sum_c, sum_r) = (compact.iter().sum::<usize>(), rgb.iter().sum::<usize>());
        let name = pdf.file_name().unwrap_or_default().to_string_lossy().into_owned();
        println!(
            "| {name} | {pages} | {} / {} / {} | {:.0} / {:.0} | {:.0} / {:.0} | {:.2} | {:.1} / {:.1} |",
            formats[0],
            formats[1],
            formats[2],
            kb(median(&mut compact)),
            kb(compact.iter().copied().max().unwrap_or(0)),
            kb(median(&mut rgb)),
            kb(rgb.iter().copied().max().unwrap_or(0)),
            sum_c as f64 / sum_r as f64,
            t_compact.as_secs_f64() * 1000.0 / f64::from(pages),
            t_rgb.as_secs_f64() * 1000.0 / f64::from(pages),
        );
    }
    pool.shutdown().await;
    Ok(())
}

fn median(values: &mut [usize]) -> usize {
    values.sort_unstable();
    values[values.len() / 2]
}

fn kb(bytes: usize) -> f64 {
    bytes as f64 / 1024.0
}
