//! The text layer (`PdfPool::page_text`) against the real pdfium library: the shared fixtures
//! and PDFs made here with pdfium (Vietnamese typed with combining marks, a rotated page).

mod common;

use std::path::Path;
use std::sync::OnceLock;

use common::{CRASH_MARKER, decode_png, fixture, library, pool, two_colour_pdf, workspace_root};
use ecab_pdf::{PageText, PdfError, Rect, Word};
use pdfium_render::prelude::*;

/// A sentence of the kind a meeting document holds.
const SENTENCE: &str = "Nghị quyết về kế hoạch đầu tư công trung hạn của tỉnh";

fn word<'a>(text: &'a PageText, wanted: &str) -> &'a Word {
    text.words.iter().find(|w| w.text == wanted).unwrap_or_else(|| panic!("no word {wanted:?} in {:?}", texts(text)))
}

fn texts(text: &PageText) -> Vec<&str> {
    text.words.iter().map(|w| w.text.as_str()).collect()
}

fn inside(inner: &Rect, outer: &Rect) -> bool {
    const SLACK: f32 = 2e-4;
    inner.x >= outer.x - SLACK
        && inner.y >= outer.y - SLACK
        && inner.x + inner.w <= outer.x + outer.w + SLACK
        && inner.y + inner.h <= outer.y + outer.h + SLACK
}

const PAGE: Rect = Rect { x: 0.0, y: 0.0, w: 1.0, h: 1.0 };

/// Every box is on the page, not empty, and holds its characters' boxes; one box per character.
fn check_boxes(text: &PageText) {
    for w in &text.words {
        assert_eq!(w.chars.len(), w.text.chars().count(), "{:?}", w.text);
        assert!(inside(&w.rect, &PAGE), "{:?} {:?}", w.text, w.rect);
        assert!(w.rect.w > 0.0 && w.rect.h > 0.0, "{:?} {:?}", w.text, w.rect);
        for c in &w.chars {
            assert!(inside(c, &w.rect), "{:?}: char {c:?} outside {:?}", w.text, w.rect);
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn words_of_a_known_page_in_reading_order() {
    let pool = pool(1).await;
    let text = pool.page_text(&fixture("hello.pdf"), 0).await.expect("page text");
    assert!((text.width_pt - 595.27).abs() < 0.5 && (text.height_pt - 841.89).abs() < 0.5, "A4");
    let expected = "Xin chào – trang 1 Ủy ban nhân dân tỉnh Hòa Bình An – dòng 1: Tiếng Việt có dấu: \
                    ă â đ ê ô ơ ư, Ả Ấ Ầ Ẩ Ẫ Ậ, ỹ ỷ ỳ. Trang 1/3";
    assert_eq!(texts(&text), expected.split(' ').collect::<Vec<_>>());
    check_boxes(&text);

    // The heading is near the top, the footer near the bottom (origin at the top-left).
    let heading = word(&text, "Xin");
    assert!(heading.rect.y < 0.15, "heading at {:?}", heading.rect);
    let footer = word(&text, "Trang");
    assert!(footer.rect.y > 0.85, "footer at {:?}", footer.rect);
    // Words of one line run left to right at the same height.
    let line = &text.words[..5];
    for pair in line.windows(2) {
        assert!(pair[0].rect.x + pair[0].rect.w <= pair[1].rect.x + 1e-4, "{:?} then {:?}", pair[0], pair[1]);
        assert!((pair[0].rect.y - pair[1].rect.y).abs() < 0.01, "{:?} and {:?}", pair[0].rect, pair[1].rect);
    }
    // Characters of a word run left to right too.
    let viet = word(&text, "Việt");
    for pair in viet.chars.windows(2) {
        assert!(pair[0].x < pair[1].x, "{:?}", viet.chars);
    }

    // The boxes are where the page image shows the text: ink inside, paper below.
    let img = decode_png(&pool.render(&fixture("hello.pdf"), 0, 600).await.expect("render"));
    let dark_in = |r: &Rect, dy: f32| {
        let (w, h) = (img.width() as f32, img.height() as f32);
        let (x0, x1) = ((r.x * w) as u32, ((r.x + r.w) * w).ceil() as u32);
        let (y0, y1) = (((r.y + dy) * h) as u32, (((r.y + r.h + dy) * h).ceil() as u32).min(img.height()));
        (y0..y1).flat_map(|y| (x0..x1).map(move |x| (x, y))).filter(|&(x, y)| img.get_pixel(x, y).0[0] < 128).count()
    };
    for w in [heading, word(&text, "Ủy"), viet, footer] {
        assert!(dark_in(&w.rect, 0.0) > 10, "no ink in the box of {:?}", w.text);
    }
    assert_eq!(dark_in(&heading.rect, 0.4), 0, "the box flipped upside down would be on blank paper");
    pool.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_page_has_its_own_words() {
    let pool = pool(2).await;
    let hello = fixture("hello.pdf");
    for page in 0..3u32 {
        let text = pool.page_text(&hello, page).await.expect("page text");
        let n = (page + 1).to_string();
        assert_eq!(texts(&text)[..5], ["Xin", "chào", "–", "trang", n.as_str()]);
        assert_eq!(text.words.last().map(|w| w.text.clone()), Some(format!("{n}/3")));
    }
    // A page without text has no words.
    let dir = tempfile::tempdir().unwrap();
    let blank = dir.path().join("colours.pdf");
    std::fs::write(&blank, two_colour_pdf()).unwrap();
    let text = pool.page_text(&blank, 0).await.expect("page text");
    assert_eq!((text.width_pt, text.height_pt, text.words.len()), (200.0, 100.0, 0));
    pool.shutdown().await;
}

/// PDFs made with pdfium in this process, once (pdfium binds once per process).
struct Made {
    /// Page 0: [`SENTENCE`] near the top in precomposed letters, under it the same sentence
    /// typed with combining marks (NFD), and "Cuối" near the bottom.
    vietnamese: Vec<u8>,
    /// One A4 page turned 90° clockwise, with "Góc" written at the unturned page's
    /// bottom-left corner.
    rotated: Vec<u8>,
}

fn made() -> &'static Made {
    static MADE: OnceLock<Made> = OnceLock::new();
    MADE.get_or_init(|| {
        let pdfium = Pdfium::new(Pdfium::bind_to_library(library()).expect("bind pdfium"));
        let font_bytes = std::fs::read(workspace_root().join("assets/fonts/DejaVuSans.ttf")).expect("font");
        let make = |lines: &[(&str, f32, f32)], rotate: bool| -> Vec<u8> {
            let mut doc = pdfium.create_new_pdf().expect("new pdf");
            let font = doc.fonts_mut().load_true_type_from_bytes(&font_bytes, true).expect("font");
            let mut page = doc.pages_mut().create_page_at_end(PdfPagePaperSize::a4()).expect("page");
            for &(line, x, y) in lines {
                let mut object = PdfPageTextObject::new(&doc, line, font, PdfPoints::new(14.0)).expect("text");
                object.translate(PdfPoints::new(x), PdfPoints::new(y)).expect("place");
                page.objects_mut().add_text_object(object).expect("add");
            }
            if rotate {
                page.set_rotation(PdfPageRenderRotation::Degrees90);
            }
            drop(page);
            doc.save_to_bytes().expect("save")
        };
        let decomposed = decompose(SENTENCE);
        assert_ne!(decomposed, SENTENCE);
        Made {
            vietnamese: make(&[(SENTENCE, 50.0, 780.0), (&decomposed, 50.0, 740.0), ("Cuối", 50.0, 40.0)], false),
            rotated: make(&[("Góc", 30.0, 30.0)], true),
        }
    })
}

/// The sentence typed as base letters followed by combining marks (canonical order).
fn decompose(s: &str) -> String {
    s.chars()
        .map(|c| {
            match c {
                'ị' => "i\u{323}",
                'ế' => "e\u{302}\u{301}",
                'ề' => "e\u{302}\u{300}",
                'ạ' => "a\u{323}",
                'ầ' => "a\u{302}\u{300}",
                'ư' => "u\u{31b}",
                'ô' => "o\u{302}",
                'ủ' => "u\u{309}",
                'ỉ' => "i\u{309}",
                'ơ' => "o\u{31b}",
                'đ' => "đ",
                'ó' => "o\u{301}",
                other => return other.to_string(),
            }
            .to_string()
        })
        .collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[tokio::test(flavor = "multi_thread")]
async fn vietnamese_with_combining_marks_comes_out_composed() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "vi.pdf", &made().vietnamese);
    let pool = pool(1).await;
    let text = pool.page_text(&path, 0).await.expect("page text");
    check_boxes(&text);
    let expected: Vec<&str> = SENTENCE.split(' ').collect();
    let n = expected.len();
    assert_eq!(texts(&text).len(), 2 * n + 1, "{:?}", texts(&text));
    assert_eq!(texts(&text)[..n], expected[..], "precomposed line");
    assert_eq!(texts(&text)[n..2 * n], expected[..], "the line typed with combining marks");
    // In the decomposed line, "kế" is k + e + two marks: its second character covers all three.
    let ke = &text.words[n + 3];
    assert_eq!(ke.text, "kế");
    assert_eq!(ke.chars.len(), 2);
    assert!(ke.chars[1].w > 0.0 && ke.chars[0].x < ke.chars[1].x);
    // Lines from the top: the first line above the second, "Cuối" at the bottom.
    assert!(text.words[0].rect.y < 0.1 && text.words[0].rect.y < text.words[n].rect.y);
    assert!(text.words[2 * n].rect.y > 0.9, "{:?}", text.words[2 * n]);
    pool.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rotated_page_is_measured_as_displayed() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "rotated.pdf", &made().rotated);
    let pool = pool(1).await;
    let text = pool.page_text(&path, 0).await.expect("page text");
    assert!(text.width_pt > text.height_pt, "landscape as displayed: {} × {}", text.width_pt, text.height_pt);
    check_boxes(&text);
    let goc = word(&text, "Góc");
    // Turned clockwise, the unturned bottom-left corner is the displayed top-left one, and
    // the text runs downwards.
    assert!(goc.rect.x < 0.1 && goc.rect.y < 0.15, "{:?}", goc.rect);
    assert!(goc.rect.h > goc.rect.w, "{:?}", goc.rect);
    assert!(goc.chars[0].y < goc.chars[2].y, "{:?}", goc.chars);
    // The page image agrees: ink inside the box.
    let img = decode_png(&pool.render(&path, 0, 842).await.expect("render"));
    let (w, h) = (img.width() as f32, img.height() as f32);
    let r = goc.rect;
    let ink = (((r.y * h) as u32)..(((r.y + r.h) * h) as u32))
        .flat_map(|y| (((r.x * w) as u32)..(((r.x + r.w) * w) as u32)).map(move |x| (x, y)))
        .filter(|&(x, y)| img.get_pixel(x, y).0[0] < 128)
        .count();
    assert!(ink > 10, "no ink in {r:?} ({}×{} image)", img.width(), img.height());
    pool.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_out_of_range_is_a_clear_error() {
    let pool = pool(1).await;
    match pool.page_text(&fixture("hello.pdf"), 3).await {
        Err(e @ PdfError::PageOutOfRange { page: 3, page_count: 3 }) => {
            assert!(e.to_string().contains("out of range"), "{e}")
        }
        other => panic!("expected PageOutOfRange, got {other:?}"),
    }
    assert!(matches!(pool.page_text(&fixture("hello.pdf"), u32::MAX).await, Err(PdfError::PageOutOfRange { .. })));
}

#[tokio::test(flavor = "multi_thread")]
async fn damaged_files_are_errors_not_crashes() {
    let pool = pool(1).await;
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(pool.page_text(&fixture("not-a-pdf.pdf"), 0).await, Err(PdfError::NotPdf)));
    assert!(matches!(pool.page_text(&fixture("encrypted.pdf"), 0).await, Err(PdfError::Encrypted)));
    match pool.page_text(&fixture("truncated.pdf"), 0).await {
        Err(PdfError::Corrupt(why)) => assert!(!why.is_empty()),
        other => panic!("expected Corrupt, got {other:?}"),
    }
    let stub = write(dir.path(), "stub.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Cat");
    assert!(matches!(pool.page_text(&stub, 0).await, Err(PdfError::Corrupt(_))));
    // Random bytes after a valid header.
    let mut noise = b"%PDF-1.4\n".to_vec();
    let mut state = 0x2545_f491_u32;
    noise.extend((0..20_000).map(|_| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state as u8
    }));
    noise.extend_from_slice(b"\n%%EOF\n");
    let noise = write(dir.path(), "noise.pdf", &noise);
    assert!(matches!(pool.page_text(&noise, 0).await, Err(PdfError::Corrupt(_))));
    match pool.page_text(Path::new("/nonexistent/ecab/missing.pdf"), 0).await {
        Err(PdfError::Io(e)) => assert_eq!(e.kind(), std::io::ErrorKind::NotFound),
        other => panic!("expected Io(NotFound), got {other:?}"),
    }
    // A document that kills pdfium fails only its request.
    let mut hostile = std::fs::read(fixture("hello.pdf")).unwrap();
    hostile.extend_from_slice(format!("\n% {CRASH_MARKER}\n").as_bytes());
    let hostile = write(dir.path(), "hostile.pdf", &hostile);
    assert!(matches!(pool.page_text(&hostile, 0).await, Err(PdfError::WorkerCrashed)));
    let text = pool.page_text(&fixture("hello.pdf"), 1).await.expect("the pool still answers");
    assert_eq!(text.words[0].text, "Xin");
    pool.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_json_is_compact() {
    let pool = pool(1).await;
    let text = pool.page_text(&fixture("hello.pdf"), 0).await.expect("page text");
    let json = serde_json::to_string(&text).unwrap();
    let back: PageText = serde_json::from_str(&json).unwrap();
    assert_eq!(back, text);
    let words = serde_json::to_string(&text.words).unwrap();
    for number in words.split(|c: char| !(c.is_ascii_digit() || c == '.')).filter(|s| s.contains('.')) {
        let decimals = number.split('.').nth(1).unwrap_or_default().len();
        assert!(decimals <= 4, "{number} in the JSON");
    }
    assert!(json.len() < 40 * 1024, "{} bytes for a page of {} words", json.len(), text.words.len());
    pool.shutdown().await;
}
