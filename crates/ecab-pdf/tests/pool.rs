//! The pool against the real pdfium library and the shared fixtures in `assets/fixtures`.
//!
//! The library is found with `find_library` (honouring `ECAB_PDFIUM_LIBRARY`); when it is
//! missing these tests fail with the message that says how to install it.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{CRASH_MARKER, config, decode_png, fixture, pool, two_colour_pdf};
use ecab_pdf::{PdfError, PdfPool, WorkerCommand};

#[tokio::test(flavor = "multi_thread")]
async fn inspects_a_multi_page_pdf() {
    let pool = pool(1).await;
    let info = pool.inspect(&fixture("hello.pdf")).await.expect("hello.pdf is valid");
    assert_eq!(info.page_count, 3);
    assert_eq!(info.pages.len(), 3);
    assert_eq!(info.title.as_deref(), Some("Xin chào"));
    for (i, page) in info.pages.iter().enumerate() {
        assert!((page.width_pt - 595.27).abs() < 0.5, "A4 width, got {}", page.width_pt);
        assert!((page.height_pt - 841.89).abs() < 0.5, "A4 height, got {}", page.height_pt);
        assert!(page.text.contains(&format!("Xin chào – trang {}", i + 1)), "page {i} text: {:?}", page.text);
        assert!(page.text.contains("Ủy ban nhân dân"), "page {i} text: {:?}", page.text);
    }
    pool.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn garbage_is_not_a_pdf() {
    let pool = pool(1).await;
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.pdf");
    std::fs::write(&empty, b"").unwrap();
    for path in [fixture("not-a-pdf.pdf"), empty] {
        assert!(matches!(pool.inspect(&path).await, Err(PdfError::NotPdf)), "{}", path.display());
        assert!(matches!(pool.render(&path, 0, 100).await, Err(PdfError::NotPdf)), "{}", path.display());
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn truncated_file_is_corrupt() {
    let pool = pool(1).await;
    match pool.inspect(&fixture("truncated.pdf")).await {
        Err(PdfError::Corrupt(why)) => assert!(!why.is_empty()),
        other => panic!("expected Corrupt, got {other:?}"),
    }
    // Cut before `startxref`: pdfium rebuilds the cross-reference table and would open it.
    let dir = tempfile::tempdir().unwrap();
    let whole = std::fs::read(fixture("hello.pdf")).unwrap();
    let cut = whole.windows(9).rposition(|w| w == b"startxref").expect("startxref");
    let cut_path = dir.path().join("cut.pdf");
    std::fs::write(&cut_path, &whole[..cut]).unwrap();
    assert!(matches!(pool.inspect(&cut_path).await, Err(PdfError::Corrupt(_))));
    // A file cut right after its header is damaged too, not "not a PDF".
    let stub = dir.path().join("stub.pdf");
    std::fs::write(&stub, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Cat").unwrap();
    assert!(matches!(pool.inspect(&stub).await, Err(PdfError::Corrupt(_))));
}

#[tokio::test(flavor = "multi_thread")]
async fn password_protected_file_is_encrypted() {
    let pool = pool(1).await;
    let path = fixture("encrypted.pdf");
    assert!(matches!(pool.inspect(&path).await, Err(PdfError::Encrypted)));
    assert!(matches!(pool.render(&path, 0, 200).await, Err(PdfError::Encrypted)));
}

#[tokio::test(flavor = "multi_thread")]
async fn renders_a_page_at_the_requested_width() {
    let pool = pool(1).await;
    let png = pool.render(&fixture("hello.pdf"), 0, 800).await.expect("render");
    let img = decode_png(&png);
    assert_eq!(img.width(), 800);
    let expected_height = 800.0 * 841.89 / 595.27;
    assert!((f64::from(img.height()) - expected_height).abs() <= 1.0, "height {}", img.height());
    assert_eq!(img.get_pixel(0, 0).0, [255, 255, 255], "white paper");
    let dark = img.pixels().filter(|p| p.0.iter().all(|&c| c < 100)).count();
    assert!(dark > 500, "the text is drawn ({dark} dark pixels)");
}

#[tokio::test(flavor = "multi_thread")]
async fn colours_come_out_as_rgb() {
    let pool = pool(1).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("colours.pdf");
    std::fs::write(&path, two_colour_pdf()).unwrap();
    let info = pool.inspect(&path).await.expect("hand-made PDF is valid");
    assert_eq!((info.page_count, info.pages[0].width_pt, info.pages[0].height_pt), (1, 200.0, 100.0));
    // 302 px: rows of 906 bytes, which pdfium pads to 908.
    let img = decode_png(&pool.render(&path, 0, 302).await.expect("render"));
    assert_eq!(img.dimensions(), (302, 151));
    assert_eq!(img.get_pixel(50, 75).0, [255, 0, 0], "left half is red");
    assert_eq!(img.get_pixel(250, 75).0, [0, 0, 255], "right half is blue");
}

#[tokio::test(flavor = "multi_thread")]
async fn page_out_of_range_and_bad_width() {
    let pool = pool(1).await;
    let hello = fixture("hello.pdf");
    match pool.render(&hello, 3, 300).await {
        Err(PdfError::PageOutOfRange { page: 3, page_count: 3 }) => {}
        other => panic!("expected PageOutOfRange, got {other:?}"),
    }
    assert!(matches!(pool.render(&hello, 0, 0).await, Err(PdfError::InvalidWidth { .. })));
    assert!(matches!(pool.render(&hello, 0, 1_000_000).await, Err(PdfError::InvalidWidth { .. })));
    assert!(pool.render(&hello, 2, 300).await.is_ok(), "the last page renders");
}

#[tokio::test(flavor = "multi_thread")]
async fn missing_file_is_an_io_error() {
    let pool = pool(1).await;
    match pool.inspect(Path::new("/nonexistent/ecab/missing.pdf")).await {
        Err(PdfError::Io(e)) => assert_eq!(e.kind(), std::io::ErrorKind::NotFound),
        other => panic!("expected Io(NotFound), got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_crash_kills_only_the_worker() {
    // One worker, so the requests after the crash must be served by its replacement.
    let pool = pool(1).await;
    let dir = tempfile::tempdir().unwrap();
    let hostile = dir.path().join("hostile.pdf");
    let mut bytes = std::fs::read(fixture("hello.pdf")).unwrap();
    bytes.extend_from_slice(format!("\n% {CRASH_MARKER}\n").as_bytes());
    std::fs::write(&hostile, bytes).unwrap();

    assert!(matches!(pool.inspect(&hostile).await, Err(PdfError::WorkerCrashed)));
    let info = pool.inspect(&fixture("hello.pdf")).await.expect("the pool recovers");
    assert_eq!(info.page_count, 3);
    assert!(matches!(pool.render(&hostile, 0, 200).await, Err(PdfError::WorkerCrashed)));
    decode_png(&pool.render(&fixture("hello.pdf"), 1, 200).await.expect("the pool recovers again"));
    pool.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn parallel_renders_all_succeed() {
    let pool = pool(4).await;
    let hello = fixture("hello.pdf");
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..16u32 {
        let (pool, hello) = (pool.clone(), hello.clone());
        tasks.spawn(async move { (i, pool.render(&hello, i % 3, 300 + i).await) });
    }
    let mut done = 0;
    while let Some(joined) = tasks.join_next().await {
        let (i, result) = joined.expect("task");
        let png = result.unwrap_or_else(|e| panic!("render {i}: {e}"));
        assert_eq!(decode_png(&png).width(), 300 + i);
        done += 1;
    }
    assert_eq!(done, 16);
    pool.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn shut_down_pool_refuses_requests() {
    let pool = pool(2).await;
    pool.shutdown().await;
    assert!(matches!(pool.inspect(&fixture("hello.pdf")).await, Err(PdfError::PoolShutDown)));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_library_that_does_not_load_fails_start_up() {
    let mut cfg = config(1);
    cfg.library = fixture("not-a-pdf.pdf");
    match PdfPool::start(cfg).await {
        Err(PdfError::LibraryLoad(message)) => {
            assert!(message.contains("not-a-pdf.pdf"), "{message}")
        }
        Err(other) => panic!("expected LibraryLoad, got {other}"),
        Ok(_) => panic!("expected LibraryLoad, the pool started"),
    }
    let mut cfg = config(1);
    cfg.library = PathBuf::from("/nonexistent/libpdfium.so");
    assert!(matches!(PdfPool::start(cfg).await, Err(PdfError::LibraryNotFound { .. })));
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread")]
async fn a_worker_that_hangs_times_out() {
    let mut cfg = config(1);
    cfg.worker = WorkerCommand::new("/bin/sh", ["-c", "exec sleep 30"]);
    cfg.timeout = Duration::from_millis(300);
    let started = std::time::Instant::now();
    assert!(matches!(PdfPool::start(cfg).await, Err(PdfError::Timeout)));
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread")]
async fn a_worker_that_exits_is_reported_as_crashed() {
    let mut cfg = config(1);
    cfg.worker = WorkerCommand::new("/bin/sh", ["-c", "exit 3"]);
    assert!(matches!(PdfPool::start(cfg).await, Err(PdfError::WorkerCrashed)));
}

/// Pixels that differ between two renderings of the same size.
fn changed(a: &image::RgbImage, b: &image::RgbImage) -> Vec<(u32, u32)> {
    assert_eq!(a.dimensions(), b.dimensions());
    a.enumerate_pixels().filter(|(x, y, p)| b.get_pixel(*x, *y) != *p).map(|(x, y, _)| (x, y)).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_watermark_is_drawn_across_the_page_and_keeps_it_readable() {
    let pool = pool(1).await;
    let hello = fixture("hello.pdf");
    let plain_png = pool.render(&hello, 0, 600).await.expect("render");
    let none = pool.render_watermarked(&hello, 0, 600, None).await.expect("render without watermark");
    assert_eq!(plain_png, none, "no watermark renders exactly as before");
    let plain = decode_png(&plain_png);
    let marked = decode_png(&pool.render_watermarked(&hello, 0, 600, Some("Nguyễn Thị Ánh")).await.expect("render"));
    assert_eq!(marked.dimensions(), plain.dimensions());

    let diff = changed(&plain, &marked);
    let (w, h) = plain.dimensions();
    assert!(diff.len() > (w * h / 50) as usize, "only {} of {} pixels changed", diff.len(), w * h);
    for (qx, qy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
        let in_quarter = diff.iter().filter(|&&(x, y)| x * 2 / w == qx && y * 2 / h == qy).count();
        assert!(in_quarter > 500, "quarter {qx},{qy} has {in_quarter} changed pixels: the text is repeated");
    }
    // Semi-transparent: on white paper the watermark is a light grey, never solid.
    let on_paper = diff.iter().filter(|&&(x, y)| plain.get_pixel(x, y).0 == [255, 255, 255]);
    for &(x, y) in on_paper {
        let p = marked.get_pixel(x, y).0;
        assert!(p.iter().all(|&c| c >= 150), "pixel {x},{y} is {p:?}: too dark for a see-through mark");
    }
    // The page's own text stays dark under it.
    let dark: Vec<_> = plain.enumerate_pixels().filter(|(_, _, p)| p.0.iter().all(|&c| c < 100)).collect();
    let still_dark = dark.iter().filter(|(x, y, _)| marked.get_pixel(*x, *y).0.iter().all(|&c| c < 130)).count();
    assert!(still_dark * 100 >= dark.len() * 98, "{still_dark} of {} text pixels stay dark", dark.len());
    pool.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn watermarks_name_their_reader_in_vietnamese() {
    let pool = pool(2).await;
    let hello = fixture("hello.pdf");
    let render = |text: &'static str| {
        let (pool, hello) = (pool.clone(), hello.clone());
        async move { decode_png(&pool.render_watermarked(&hello, 1, 500, Some(text)).await.expect("render")) }
    };
    let a = render("Trần Văn An").await;
    assert_eq!(changed(&a, &render("Trần Văn An").await).len(), 0, "the same name renders the same");
    assert!(!changed(&a, &render("Lê Thị Bình").await).is_empty(), "another reader, another image");
    // Letters that differ only by their diacritics must look different: a font without
    // Vietnamese glyphs would draw both as the same missing-glyph box.
    let hook_above = render("ễ ễ ễ ễ ễ ễ").await;
    let dot_below = render("ệ ệ ệ ệ ệ ệ").await;
    assert!(changed(&hook_above, &dot_below).len() > 50, "ễ and ệ render alike");
    pool.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_watermarks_are_refused_clearly() {
    let pool = pool(1).await;
    let hello = fixture("hello.pdf");
    let too_long = "ă".repeat(ecab_pdf::MAX_WATERMARK_CHARS + 1);
    for text in ["", "   ", "line\nbreak", too_long.as_str()] {
        match pool.render_watermarked(&hello, 0, 300, Some(text)).await {
            Err(e @ PdfError::InvalidWatermark(_)) => assert!(e.to_string().contains("watermark"), "{e}"),
            other => panic!("{text:?}: expected InvalidWatermark, got {other:?}"),
        }
    }
    let spaced = pool.render_watermarked(&hello, 0, 300, Some("  Lò Văn Ù  ")).await.expect("trimmed");
    let trimmed = pool.render_watermarked(&hello, 0, 300, Some("Lò Văn Ù")).await.expect("render");
    assert_eq!(spaced, trimmed);
}
