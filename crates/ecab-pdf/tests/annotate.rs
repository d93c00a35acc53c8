//! Annotated export (`PdfPool::annotate`) against the real pdfium library: the annotations in
//! the exported file, what it looks like rendered, what other PDF tools make of it, and input
//! that is refused.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{decode_png, fixture, library, pool, two_colour_pdf};
use ecab_pdf::{MAX_MARKS, Mark, MarkKind, PdfError, PdfPool, Point, Rect};
use pdfium_render::prelude::*;

/// A4 as the fixtures have it, in points.
const A4: (f32, f32) = (595.2756, 841.8898);
/// How far a bound may be from where the fractions put it, in points.
const SLACK_PT: f32 = 2.0;

const YELLOW: [u8; 3] = [255, 220, 0];
const BLUE: [u8; 3] = [0, 60, 220];
const RED: [u8; 3] = [220, 0, 0];
const GREEN: [u8; 3] = [0, 160, 0];

fn mark(page: u32, kind: MarkKind, color: [u8; 3], author: &str, contents: &str) -> Mark {
    Mark { page, kind, color, author: author.into(), contents: contents.into() }
}

fn pt(x: f32, y: f32) -> Point {
    Point { x, y }
}

/// The word boxes of the fixture's first page, by text.
async fn word_rect(pool: &PdfPool, path: &Path, page: u32, text: &str) -> Rect {
    let words = pool.page_text(path, page).await.expect("page text").words;
    words.iter().find(|w| w.text == text).unwrap_or_else(|| panic!("no word {text:?}")).rect
}

/// One mark of each kind on `hello.pdf`: a highlight over the heading (two words, two
/// rectangles) and an underline under the footer and a note on page 0, ink on page 1.
async fn marks_on_hello(pool: &PdfPool, hello: &Path) -> Vec<Mark> {
    let xin = word_rect(pool, hello, 0, "Xin").await;
    let chao = word_rect(pool, hello, 0, "chào").await;
    let footer = word_rect(pool, hello, 0, "1/3").await;
    vec![
        mark(0, MarkKind::Highlight { rects: vec![xin, chao] }, YELLOW, "Nguyễn Văn An", "Tiêu đề cần sửa"),
        mark(0, MarkKind::Underline { rects: vec![footer] }, BLUE, "Trần Thị Bình", "Số trang"),
        mark(0, MarkKind::Note { at: pt(0.8, 0.3) }, RED, "Lê Văn Cường", "Ghi chú: xem lại điều 3\nvà điều 4"),
        mark(
            1,
            MarkKind::Ink { strokes: vec![vec![pt(0.2, 0.5), pt(0.5, 0.5), pt(0.5, 0.6)], vec![pt(0.6, 0.7)]] },
            GREEN,
            "Phạm Thị Dung",
            "Chữ ký (xác nhận)",
        ),
    ]
}

/// Page-space bounds (left, bottom, right, top) of a rectangle given in fractions of an
/// upright A4 page from its top-left corner.
fn expected_bounds(r: &Rect) -> [f32; 4] {
    let (w, h) = A4;
    [r.x * w, h - (r.y + r.h) * h, (r.x + r.w) * w, h - r.y * h]
}

fn assert_near(got: [f32; 4], want: [f32; 4], what: &str) {
    for (g, w) in got.iter().zip(want) {
        assert!((g - w).abs() <= SLACK_PT, "{what}: bounds {got:?}, expected {want:?}");
    }
}

/// An annotation as pdfium reads it back from the exported file.
#[derive(Debug)]
struct Found {
    kind: PdfPageAnnotationType,
    contents: Option<String>,
    author: Option<String>,
    /// Left, bottom, right, top.
    bounds: [f32; 4],
    quads: Vec<[f32; 4]>,
}

fn ltrb(r: &PdfRect) -> [f32; 4] {
    [r.left().value, r.bottom().value, r.right().value, r.top().value]
}

/// Reads the annotations of every page of `pdf` with pdfium in this process. pdfium binds once
/// per process, so only one test calls this. Colours are checked with qpdf instead: pdfium-render
/// 0.9 cannot read the colour of an annotation that has an appearance stream.
fn read_annotations(pdf: &[u8]) -> Vec<Vec<Found>> {
    let pdfium = Pdfium::new(Pdfium::bind_to_library(library()).expect("bind pdfium"));
    let doc = pdfium.load_pdf_from_byte_slice(pdf, None).expect("the exported PDF opens");
    doc.pages()
        .iter()
        .map(|page| {
            page.annotations()
                .iter()
                .map(|a| Found {
                    kind: a.annotation_type(),
                    contents: a.contents(),
                    author: a.creator(),
                    bounds: ltrb(&a.bounds().expect("bounds")),
                    quads: a.attachment_points().iter().map(|q| ltrb(&q.to_rect())).collect(),
                })
                .collect()
        })
        .collect()
}

fn write_temp(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[tokio::test(flavor = "multi_thread")]
async fn exports_one_annotation_of_each_kind() {
    let pool = pool(1).await;
    let hello = fixture("hello.pdf");
    let original = std::fs::read(&hello).unwrap();
    let marks = marks_on_hello(&pool, &hello).await;
    let pdf = pool.annotate(&hello, &marks).await.expect("annotated export");
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    assert_eq!(std::fs::read(&hello).unwrap(), original, "the original file is unchanged");

    let pages = read_annotations(&pdf);
    assert_eq!(pages.len(), 3, "the pages are all there");
    assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [3, 1, 0], "annotations per page");

    let [highlight, underline, note] = &pages[0][..] else { unreachable!() };
    let MarkKind::Highlight { rects } = &marks[0].kind else { unreachable!() };
    assert_eq!(highlight.kind, PdfPageAnnotationType::Highlight);
    assert_eq!(highlight.contents.as_deref(), Some("Tiêu đề cần sửa"));
    assert_eq!(highlight.author.as_deref(), Some("Nguyễn Văn An"));
    assert_eq!(highlight.quads.len(), 2, "one quadrilateral per rectangle");
    assert_near(highlight.quads[0], expected_bounds(&rects[0]), "first quad");
    assert_near(highlight.quads[1], expected_bounds(&rects[1]), "second quad");
    let (first, second) = (expected_bounds(&rects[0]), expected_bounds(&rects[1]));
    let union = [first[0].min(second[0]), first[1].min(second[1]), first[2].max(second[2]), first[3].max(second[3])];
    assert_near(highlight.bounds, union, "highlight");

    let MarkKind::Underline { rects } = &marks[1].kind else { unreachable!() };
    assert_eq!(underline.kind, PdfPageAnnotationType::Underline);
    assert_eq!(underline.contents.as_deref(), Some("Số trang"));
    assert_eq!(underline.author.as_deref(), Some("Trần Thị Bình"));
    assert_eq!(underline.quads.len(), 1);
    assert_near(underline.bounds, expected_bounds(&rects[0]), "underline");

    assert_eq!(note.kind, PdfPageAnnotationType::Text);
    assert_eq!(note.contents.as_deref(), Some("Ghi chú: xem lại điều 3\nvà điều 4"));
    assert_eq!(note.author.as_deref(), Some("Lê Văn Cường"));
    // A 20 pt icon with its top-left corner at the point.
    let (x, y) = (0.8 * A4.0, A4.1 - 0.3 * A4.1);
    assert_near(note.bounds, [x, y - 20.0, x + 20.0, y], "note");

    let ink = &pages[1][0];
    assert_eq!(ink.kind, PdfPageAnnotationType::Ink);
    assert_eq!(ink.author.as_deref(), Some("Phạm Thị Dung"));
    assert_eq!(ink.contents.as_deref(), Some("Chữ ký (xác nhận)"));
    // The strokes' box (0.2..0.6 across, 0.5..0.7 down) with room for the pen's width.
    let strokes = expected_bounds(&Rect { x: 0.2, y: 0.5, w: 0.4, h: 0.2 });
    assert_near(ink.bounds, [strokes[0] - 2.0, strokes[1] - 2.0, strokes[2] + 2.0, strokes[3] + 2.0], "ink");
    pool.shutdown().await;
}

/// Share of the pixels of `r` (page fractions) for which `test` holds.
fn share(img: &image::RgbImage, r: &Rect, test: impl Fn([u8; 3]) -> bool) -> f32 {
    let (w, h) = (img.width() as f32, img.height() as f32);
    // One pixel in from each edge, so anti-aliased borders do not count.
    let (x0, x1) = ((r.x * w) as u32 + 1, ((r.x + r.w) * w) as u32 - 1);
    let (y0, y1) = ((r.y * h) as u32 + 1, ((r.y + r.h) * h) as u32 - 1);
    let mut hits = 0;
    let mut all = 0;
    for y in y0..y1 {
        for x in x0..x1 {
            all += 1;
            hits += usize::from(test(img.get_pixel(x, y).0));
        }
    }
    assert!(all > 0, "empty box {r:?}");
    hits as f32 / all as f32
}

fn yellowish([r, g, b]: [u8; 3]) -> bool {
    r > 200 && g > 160 && b < 120
}

#[tokio::test(flavor = "multi_thread")]
async fn a_highlight_over_text_shows_when_rendered() {
    let pool = pool(1).await;
    let hello = fixture("hello.pdf");
    let marks = marks_on_hello(&pool, &hello).await;
    let pdf = pool.annotate(&hello, &marks).await.expect("annotated export");
    let dir = tempfile::tempdir().unwrap();
    let exported = write_temp(&dir, "exported.pdf", &pdf);

    let before = decode_png(&pool.render(&hello, 0, 800).await.expect("render the original"));
    let after = decode_png(&pool.render(&exported, 0, 800).await.expect("render the export"));
    assert_eq!(before.dimensions(), after.dimensions());
    let MarkKind::Highlight { rects } = &marks[0].kind else { unreachable!() };
    let heading = rects[0];
    assert!(share(&before, &heading, yellowish) < 0.01, "the original has no yellow there");
    let tinted = share(&after, &heading, yellowish);
    assert!(tinted > 0.5, "only {tinted} of the highlight is yellow");
    // The text stays readable under the highlight (multiply, not paint over).
    let dark = |[r, g, b]: [u8; 3]| u32::from(r) + u32::from(g) + u32::from(b) < 200;
    assert!(share(&after, &heading, dark) > 0.02, "the heading's letters still show");
    // Elsewhere the page is as it was.
    let elsewhere = Rect { x: 0.1, y: 0.45, w: 0.3, h: 0.05 };
    assert!(share(&after, &elsewhere, yellowish) < 0.01);

    // The ink shows on page 1: the middle of its first, horizontal segment is green.
    let ink = decode_png(&pool.render(&exported, 1, 800).await.expect("render page 1"));
    let (w, h) = (ink.width() as f32, ink.height() as f32);
    let [r, g, b] = ink.get_pixel((0.35 * w) as u32, (0.5 * h) as u32).0;
    assert!(g > 100 && r < 100 && b < 100, "stroke pixel is {:?}", [r, g, b]);
    pool.shutdown().await;
}

/// `pdftoppm` (poppler) and `qpdf`, when installed: the export is a sound PDF, every
/// annotation in it carries an appearance stream, and another renderer shows the highlight.
#[tokio::test(flavor = "multi_thread")]
async fn other_pdf_tools_accept_the_export() {
    let pool = pool(1).await;
    let hello = fixture("hello.pdf");
    let marks = marks_on_hello(&pool, &hello).await;
    let pdf = pool.annotate(&hello, &marks).await.expect("annotated export");
    let dir = tempfile::tempdir().unwrap();
    let exported = write_temp(&dir, "exported.pdf", &pdf);

    match Command::new("qpdf").arg("--check").arg(&exported).output() {
        Err(_) => println!("note: qpdf not found, the qpdf checks are skipped"),
        Ok(check) => {
            assert!(check.status.success(), "qpdf --check: {}", String::from_utf8_lossy(&check.stdout));
            let json = Command::new("qpdf").args(["--json=2", "--json-key=qpdf"]).arg(&exported).output().unwrap();
            assert!(json.status.success(), "qpdf --json failed");
            let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("qpdf JSON");
            let annotations = annotation_dicts(&value);
            assert_eq!(annotations.len(), 4, "qpdf sees four annotations: {annotations:?}");
            for a in &annotations {
                assert!(a.get("/AP").and_then(|ap| ap.get("/N")).is_some(), "no appearance stream: {a}");
                let want = match a.get("/Subtype").and_then(|s| s.as_str()) {
                    Some("/Highlight") => YELLOW,
                    Some("/Underline") => BLUE,
                    Some("/Text") => RED,
                    _ => GREEN,
                };
                let got: Vec<f64> = a["/C"].as_array().expect("/C").iter().filter_map(|v| v.as_f64()).collect();
                let want: Vec<f64> = want.iter().map(|&c| f64::from(c) / 255.0).collect();
                assert_eq!(got.len(), 3, "{a}");
                assert!(got.iter().zip(&want).all(|(g, w)| (g - w).abs() < 0.01), "colour {got:?}, expected {want:?}");
            }
            // The ink annotation lists its strokes in page space: 3 points, then 1.
            let ink = annotations.iter().find(|a| a["/Subtype"] == "/Ink").expect("ink annotation");
            let strokes: Vec<Vec<f64>> = ink["/InkList"]
                .as_array()
                .expect("/InkList")
                .iter()
                .map(|s| s.as_array().expect("stroke").iter().filter_map(|v| v.as_f64()).collect())
                .collect();
            let (w, h) = (f64::from(A4.0), f64::from(A4.1));
            let want = [vec![0.2 * w, 0.5 * h, 0.5 * w, 0.5 * h, 0.5 * w, 0.4 * h], vec![0.6 * w, 0.3 * h]];
            assert_eq!(strokes.len(), want.len(), "{strokes:?}");
            for (got, want) in strokes.iter().zip(&want) {
                assert_eq!(got.len(), want.len(), "{strokes:?}");
                assert!(got.iter().zip(want).all(|(g, w)| (g - w).abs() < 1.0), "{strokes:?}, expected {want:?}");
            }
        }
    }

    match Command::new("pdftoppm").args(["-r", "72", "-f", "1", "-l", "1", "-png"]).arg(&exported).output() {
        Err(_) => println!("note: pdftoppm not found, the poppler check is skipped"),
        Ok(out) => {
            assert!(out.status.success(), "pdftoppm: {}", String::from_utf8_lossy(&out.stderr));
            let img = decode_png(&out.stdout);
            let MarkKind::Highlight { rects } = &marks[0].kind else { unreachable!() };
            let tinted = share(&img, &rects[0], yellowish);
            assert!(tinted > 0.5, "poppler shows only {tinted} of the highlight yellow");
        }
    }
    pool.shutdown().await;
}

/// The dictionaries in qpdf's JSON (version 2, `--json-key=qpdf`) that are annotations of the kinds
/// the export writes.
fn annotation_dicts(qpdf: &serde_json::Value) -> Vec<serde_json::Value> {
    let objects = qpdf.get("qpdf").and_then(|q| q.get(1)).expect("objects");
    let kinds = ["/Highlight", "/Underline", "/Ink", "/Text"];
    objects
        .as_object()
        .expect("object map")
        .values()
        .filter_map(|o| o.get("value").cloned())
        .filter(|d| {
            d.get("/Type").and_then(|t| t.as_str()) == Some("/Annot")
                && d.get("/Subtype").and_then(|t| t.as_str()).is_some_and(|s| kinds.contains(&s))
        })
        .collect()
}

/// A one-page PDF, 200 × 100 pt, white, with `extra` in its page dictionary.
fn blank_pdf(extra: &str) -> Vec<u8> {
    common::one_page_pdf(extra, "")
}

#[tokio::test(flavor = "multi_thread")]
async fn marks_land_where_the_page_shows_them_on_cropped_and_rotated_pages() {
    let pool = pool(1).await;
    let dir = tempfile::tempdir().unwrap();
    // Cropped to 160 × 80 pt and turned a quarter: displayed 80 wide and 160 tall.
    let path = write_temp(&dir, "turned.pdf", &blank_pdf("/CropBox [20 10 180 90] /Rotate 90"));
    let target = Rect { x: 0.1, y: 0.6, w: 0.3, h: 0.2 };
    let marks = [mark(0, MarkKind::Highlight { rects: vec![target] }, YELLOW, "A", "")];
    let pdf = pool.annotate(&path, &marks).await.expect("annotated export");
    let exported = write_temp(&dir, "turned-annotated.pdf", &pdf);
    let img = decode_png(&pool.render(&exported, 0, 200).await.expect("render"));
    assert_eq!(img.dimensions(), (200, 400), "displayed upright as 80 × 160");
    assert!(share(&img, &target, yellowish) > 0.95, "the highlight is where the fractions say");
    for outside in [Rect { x: 0.5, y: 0.6, w: 0.4, h: 0.2 }, Rect { x: 0.1, y: 0.1, w: 0.3, h: 0.4 }] {
        assert!(share(&img, &outside, yellowish) < 0.01, "nothing at {outside:?}");
    }
    pool.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_marks_are_refused_and_the_pool_keeps_serving() {
    let pool = pool(1).await;
    let hello = fixture("hello.pdf");
    let good = mark(0, MarkKind::Note { at: pt(0.5, 0.5) }, RED, "A", "ok");

    let off = mark(3, MarkKind::Note { at: pt(0.5, 0.5) }, RED, "A", "");
    let err = pool.annotate(&hello, &[good.clone(), off]).await.unwrap_err();
    assert!(matches!(err, PdfError::PageOutOfRange { page: 3, page_count: 3 }), "{err}");

    let nan =
        mark(0, MarkKind::Highlight { rects: vec![Rect { x: f32::NAN, y: 0.1, w: 0.1, h: 0.1 }] }, YELLOW, "A", "");
    let err = pool.annotate(&hello, &[good.clone(), nan]).await.unwrap_err();
    assert!(matches!(err, PdfError::InvalidMark { index: 1, .. }), "{err}");

    let outside = mark(0, MarkKind::Ink { strokes: vec![vec![pt(0.5, 0.5), pt(1.5, 0.5)]] }, GREEN, "A", "");
    let err = pool.annotate(&hello, &[outside]).await.unwrap_err();
    assert!(matches!(err, PdfError::InvalidMark { index: 0, .. }), "{err}");

    let many = vec![good.clone(); MAX_MARKS + 1];
    let err = pool.annotate(&hello, &many).await.unwrap_err();
    assert!(matches!(err, PdfError::TooManyMarks { count, max: MAX_MARKS } if count == MAX_MARKS + 1), "{err}");

    let err = pool.annotate(&fixture("not-a-pdf.pdf"), std::slice::from_ref(&good)).await.unwrap_err();
    assert!(matches!(err, PdfError::NotPdf), "{err}");

    // No marks: the document as it was, saved again.
    let dir = tempfile::tempdir().unwrap();
    let colours = write_temp(&dir, "colours.pdf", &two_colour_pdf());
    let pdf = pool.annotate(&colours, &[]).await.expect("export without marks");
    let again = write_temp(&dir, "again.pdf", &pdf);
    assert_eq!(pool.inspect(&again).await.expect("inspect").page_count, 1);

    // The pool still serves, and as many marks as allowed are fine.
    let pdf = pool.annotate(&hello, &vec![good; MAX_MARKS]).await.expect("annotated export");
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(pool.inspect(&hello).await.expect("inspect").page_count, 3);
    pool.shutdown().await;
}

/// A document that opens without a password but has an owner password (printing and copying
/// restricted, as official documents often are) stays encrypted in the export, and its ink
/// annotation still gets its `/InkList`: the list is numbers, which encryption leaves as they
/// are. The fixture is a blank 200 × 100 pt page encrypted with
/// `qpdf --encrypt "" chusohuu 256 --print=none --modify=none --`.
#[tokio::test(flavor = "multi_thread")]
async fn ink_lists_are_added_to_documents_with_an_owner_password() {
    let pool = pool(1).await;
    let locked = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/owner-password.pdf");
    let stroke = vec![pt(0.1, 0.5), pt(0.5, 0.5)];
    let marks = [
        mark(0, MarkKind::Ink { strokes: vec![stroke] }, GREEN, "Đỗ Thị Hà", "Ký (đã xem)"),
        mark(0, MarkKind::Note { at: pt(0.7, 0.2) }, RED, "Đỗ Thị Hà", "Ghi chú"),
    ];
    let pdf = pool.annotate(&locked, &marks).await.expect("annotated export");
    assert!(contains(&pdf, b"/Encrypt"), "the export keeps the document's encryption");
    // Page space of the 200 × 100 page: (20, 50) to (100, 50).
    assert!(contains(&pdf, b"/InkList[[20 50 100 50]]"), "no ink list in the export");
    let dir = tempfile::tempdir().unwrap();
    let exported = write_temp(&dir, "locked-annotated.pdf", &pdf);
    assert_eq!(pool.inspect(&exported).await.expect("the export opens").page_count, 1);

    match Command::new("qpdf").args(["--json=2", "--json-key=qpdf"]).arg(&exported).output() {
        Err(_) => println!("note: qpdf not found, the decrypted texts are not checked"),
        Ok(json) => {
            assert!(json.status.success(), "qpdf --json failed");
            let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("qpdf JSON");
            let annotations = annotation_dicts(&value);
            assert_eq!(annotations.len(), 2, "{annotations:?}");
            let ink = annotations.iter().find(|a| a["/Subtype"] == "/Ink").expect("ink annotation");
            assert_eq!(ink["/InkList"], serde_json::json!([[20, 50, 100, 50]]));
            assert_eq!(ink["/BS"]["/W"], 2);
            // qpdf decrypts the texts pdfium encrypted: they were copied into the update as
            // they were, in the object whose number their key depends on.
            assert_eq!(ink["/Contents"], "u:Ký (đã xem)");
            assert_eq!(ink["/T"], "u:Đỗ Thị Hà");
        }
    }
    pool.shutdown().await;
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A note at the page's bottom-right corner: its icon is moved onto the page, where a reader
/// can see and open it, rather than drawn past the edge.
#[tokio::test(flavor = "multi_thread")]
async fn a_note_at_the_edge_stays_on_the_page() {
    let pool = pool(1).await;
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(&dir, "blank.pdf", &blank_pdf(""));
    let marks = [mark(0, MarkKind::Note { at: pt(1.0, 1.0) }, RED, "A", "Góc trang")];
    let pdf = pool.annotate(&path, &marks).await.expect("annotated export");
    let exported = write_temp(&dir, "blank-annotated.pdf", &pdf);
    // 400 × 200 px for 200 × 100 pt: the 20 pt icon covers the last 10 % across and 20 % down.
    // (pdfium draws its standard note icon, yellow whatever the annotation's colour.)
    let img = decode_png(&pool.render(&exported, 0, 400).await.expect("render"));
    let inked = |p: [u8; 3]| p.iter().any(|&c| c < 200);
    let corner = Rect { x: 0.9, y: 0.8, w: 0.1, h: 0.2 };
    let shown = share(&img, &corner, inked);
    assert!(shown > 0.2, "only {shown} of the bottom-right corner shows the note");
    assert_eq!(share(&img, &Rect { x: 0.0, y: 0.0, w: 0.85, h: 0.75 }, inked), 0.0, "the note is elsewhere");
    pool.shutdown().await;
}
