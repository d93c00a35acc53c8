//! Render one page of a PDF to PNG through a worker pool, the way the server and the desktop
//! app use this crate:
//!
//! ```text
//! cargo run -p ecab-pdf --example render_page -- agenda.pdf 1 1200 page-1.png
//! ```
//!
//! The program is its own worker: the pool starts it again with `pdf-worker`.

use std::path::PathBuf;
use std::process::ExitCode;

use ecab_pdf::{PdfPool, PoolConfig, WorkerCommand, find_library, worker_main};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("pdf-worker") {
        return worker_main();
    }
    let [pdf, page, width, out] = args.as_slice() else {
        eprintln!("usage: render_page FILE.pdf PAGE(1-based) WIDTH_PX OUT.png");
        return ExitCode::from(2);
    };
    let (Ok(page @ 1..), Ok(width)) = (page.parse::<u32>(), width.parse::<u32>()) else {
        eprintln!("PAGE must be a number from 1 and WIDTH_PX a number of pixels");
        return ExitCode::from(2);
    };
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(render(PathBuf::from(pdf), page - 1, width, PathBuf::from(out))) {
        Ok(pages) => {
            println!("{out}: page {page} of {pages}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{pdf}: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn render(pdf: PathBuf, page: u32, width: u32, out: PathBuf) -> Result<u32, Box<dyn std::error::Error>> {
    let library = find_library(None)?;
    let worker = WorkerCommand::current_exe(["pdf-worker"])?;
    let pool = PdfPool::start(PoolConfig::new(library, worker)).await?;
    let info = pool.inspect(&pdf).await?;
    let png = pool.render(&pdf, page, width).await?;
    pool.shutdown().await;
    std::fs::write(out, png)?;
    Ok(info.page_count)
}
