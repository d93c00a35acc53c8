//! Rendered reports read back with the real tools: poppler's pdftotext, pdffonts and pdfinfo,
//! and qpdf (Debian's poppler-utils and qpdf packages).

use std::path::{Path, PathBuf};
use std::process::Command;

use ecab_report::{Align, Block, Column, Report, render};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// A rendered report on disk, in a folder of its own.
struct Rendered {
    _dir: tempfile::TempDir,
    path: PathBuf,
    bytes: usize,
}

fn rendered(report: &Report) -> Rendered {
    let pdf = render(report).expect("the report renders");
    assert!(pdf.starts_with(b"%PDF-"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, &pdf).unwrap();
    Rendered { _dir: dir, path, bytes: pdf.len() }
}

/// A tool's standard output; the test fails when it is missing or exits with an error.
fn run(tool: &str, args: &[&str], file: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(file)
        .args(if tool == "pdftotext" { &["-"][..] } else { &[][..] })
        .output()
        .unwrap_or_else(|e| panic!("{tool} cannot be run ({e}): apt-get install poppler-utils qpdf"));
    assert!(out.status.success(), "{tool} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 from the tool")
}

/// The text, NFC (as the report was given).
fn text(file: &Path, args: &[&str]) -> String {
    run("pdftotext", args, file).nfc().collect()
}

fn page_text(file: &Path, page: usize) -> String {
    let n = page.to_string();
    text(file, &["-f", &n, "-l", &n])
}

fn pages(file: &Path) -> usize {
    let info = run("pdfinfo", &[], file);
    let line = info.lines().find(|l| l.starts_with("Pages:")).expect("pdfinfo gives the page count");
    line["Pages:".len()..].trim().parse().unwrap()
}

/// qpdf finds the file's structure sound: no errors, no warnings.
fn assert_valid(file: &Path) {
    let out = Command::new("qpdf").arg("--check").arg(file).output().expect("qpdf runs: apt-get install qpdf");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "qpdf --check: {stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("No syntax or stream encoding errors found"), "{stdout}");
}

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

const LABEL: &str = "Trang {n}/{total}";

fn report(title: &str, blocks: Vec<Block>) -> Report {
    Report {
        title: title.into(),
        subtitle: vec!["Phiên họp thường kỳ tháng 12".into(), "Thứ Năm, 03/12/2026 07:15".into()],
        blocks,
        page_label: LABEL.into(),
        generated: "Lập lúc 14:05 ngày 03/12/2026".into(),
    }
}

fn vote_columns() -> Vec<Column> {
    vec![
        Column { title: "STT".into(), width: 0.6, align: Align::Right },
        Column { title: "Đại biểu".into(), width: 3.0, align: Align::Left },
        Column { title: "Biểu quyết".into(), width: 1.5, align: Align::Center },
    ]
}

fn question(i: usize) -> Block {
    Block::Item {
        label: format!("{i}."),
        text: format!(
            "Đề nghị Sở Kế hoạch và Đầu tư làm rõ tiến độ giải ngân vốn đầu tư công của dự án số {i}, \
             nguyên nhân chậm và giải pháp tháo gỡ khó khăn trong quý tới."
        ),
        meta: vec![format!("Nguyễn Thị Hằng, Trần Văn Đức · Sở Tài chính · câu hỏi {i}"), "Đã trả lời".into()],
    }
}

/// A chair's briefing of `n` questions under a few agenda items.
fn briefing(n: usize) -> Report {
    let mut blocks = vec![Block::Paragraph("Tổng hợp ý kiến của các đại biểu theo từng nội dung.".into())];
    for i in 1..=n {
        if i % 25 == 1 {
            blocks.push(Block::Heading(format!("{}. Báo cáo kinh tế - xã hội, phần {}", i / 25 + 1, i / 25 + 1)));
        }
        blocks.push(question(i));
    }
    report("Ủy ban nhân dân tỉnh — Tổng hợp ý kiến", blocks)
}

#[test]
fn vietnamese_text_comes_back_exactly() {
    let strings = [
        "Ủy ban nhân dân tỉnh",
        "Thứ Năm, 03/12/2026 07:15",
        "Tổng hợp ý kiến",
        "Đồng ý / Không đồng ý",
        "Nguyễn Thị Hằng",
        "ỹ ợ ữ ặ",
        "Lập lúc 14:05 ngày 03/12/2026",
        "Trang 1/1",
    ];
    // Given decomposed (NFD), as some keyboards and browsers send it: NFC comes out.
    let nfd = |s: &str| s.nfd().collect::<String>();
    let r = Report {
        title: nfd(strings[0]),
        subtitle: vec![nfd(strings[1])],
        blocks: vec![
            Block::Heading(nfd(strings[2])),
            Block::Paragraph(nfd(strings[3])),
            Block::Item { label: "1.".into(), text: nfd(strings[4]), meta: vec![nfd(strings[5])] },
        ],
        page_label: LABEL.into(),
        generated: nfd(strings[6]),
    };
    assert_ne!(r.title, strings[0], "the input is really decomposed");
    let pdf = rendered(&r);
    let raw = text(&pdf.path, &[]);
    let lines: Vec<&str> = raw.lines().map(str::trim).collect();
    for s in strings {
        assert!(lines.contains(&s), "{s:?} is not a line of {raw:?}");
    }
    let layout = text(&pdf.path, &["-layout"]);
    for s in strings {
        assert!(layout.contains(s), "{s:?} is not in {layout:?}");
    }
    // The document's title, for viewers' title bars and search.
    let info: String = run("pdfinfo", &[], &pdf.path).nfc().collect();
    assert!(info.lines().any(|l| l.strip_prefix("Title:").map(str::trim) == Some(strings[0])), "{info}");
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    let r = briefing(40);
    assert_eq!(render(&r).unwrap(), render(&r.clone()).unwrap());
    let mut other = r.clone();
    other.generated = "Lập lúc 14:06 ngày 03/12/2026".into();
    assert_ne!(render(&r).unwrap(), render(&other).unwrap());
}

#[test]
fn wrapped_paragraphs_come_back_word_for_word() {
    let paragraph = "Căn cứ Luật Tổ chức chính quyền địa phương, Ủy ban nhân dân tỉnh tổng hợp ý kiến \
        của các sở, ban, ngành và Ủy ban nhân dân các huyện, thị xã, thành phố về dự thảo Nghị quyết \
        quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí tham quan di tích lịch sử; đề nghị \
        các đơn vị nghiên cứu, góp ý bằng văn bản trước ngày 10/12/2026. Tổ chức, cá nhân có ý kiến \
        khác xin gửi về Văn phòng Ủy ban nhân dân tỉnh để tổng hợp, báo cáo Chủ tịch."
        .repeat(3);
    let long_word = "Đồngýđồngý".repeat(30);
    let r = report("Góp ý dự thảo", vec![Block::Paragraph(paragraph.clone()), Block::Paragraph(long_word.clone())]);
    let pdf = rendered(&r);
    let raw = text(&pdf.path, &[]);
    let got = words(&raw);
    let want = words(&paragraph);
    assert!(got.windows(want.len()).any(|w| w == want), "the paragraph's words are not all back in order: {raw}");
    // The word too long for a line is broken, and its pieces join up again.
    let joined: String =
        raw.lines().map(str::trim).filter(|l| !l.is_empty() && l.chars().all(|c| "Đđồngý".contains(c))).collect();
    assert_eq!(joined, long_word);
    assert!(raw.lines().filter(|l| l.contains("ýđồngý")).count() > 1, "the long word is on several lines");
}

#[test]
fn fonts_are_embedded_subsets_with_unicode_maps() {
    let pdf = rendered(&briefing(5));
    let listing = run("pdffonts", &[], &pdf.path);
    // name type encoding emb sub uni object ID, after a two-line head.
    let fonts: Vec<Vec<&str>> = listing.lines().skip(2).map(|l| l.split_whitespace().collect()).collect();
    assert_eq!(fonts.len(), 2, "{listing}");
    let mut names: Vec<&str> = fonts.iter().map(|f| f[0].split_once('+').expect("a subset tag").1).collect();
    names.sort();
    assert_eq!(names, ["DejaVuSans", "DejaVuSans-Bold"]);
    for f in &fonts {
        let n = f.len();
        assert_eq!(&f[1..3], ["CID", "TrueType"], "{listing}");
        assert_eq!(&f[n - 5..n - 2], ["yes", "yes", "yes"], "emb, sub and uni in {listing}");
    }
}

#[test]
fn qpdf_finds_the_files_sound() {
    let empty = Report::default();
    let table = report("Kết quả lấy ý kiến", vec![Block::Table { columns: vote_columns(), rows: vec![] }, Block::Rule]);
    for r in [empty, table, briefing(40)] {
        assert_valid(&rendered(&r).path);
    }
}

#[test]
fn an_empty_report_is_one_page() {
    let pdf = rendered(&Report::default());
    assert_eq!(pages(&pdf.path), 1);
    assert_valid(&pdf.path);
    assert_eq!(text(&pdf.path, &[]).trim_matches(['\n', '\u{c}', ' ']), "");
    // With only a footer.
    let footer = Report { page_label: "Page {n} of {total}".into(), ..Report::default() };
    assert_eq!(text(&rendered(&footer).path, &[]).trim_matches(['\n', '\u{c}']), "Page 1 of 1");
}

#[test]
fn a_long_report_numbers_its_pages() {
    let pdf = rendered(&briefing(300));
    let n = pages(&pdf.path);
    // A question is two lines of text (14 pt each), two lines of meta (12 pt) and 6 pt above:
    // 58 pt, 12 of them to the 728 pt of a page, so 300 need at least 25 pages; the 12 headings
    // and questions kept whole add a few.
    assert!((25..=30).contains(&n), "{n} pages");
    for page in 1..=n {
        let t = page_text(&pdf.path, page);
        let label = format!("Trang {page}/{n}");
        assert!(t.lines().any(|l| l.trim() == label), "page {page} has no {label:?}: {t}");
        assert!(t.contains("Lập lúc 14:05 ngày 03/12/2026"));
        // The title first, big on page 1 and in the small header of every page after it.
        assert_eq!(t.lines().next().map(str::trim), Some("Ủy ban nhân dân tỉnh — Tổng hợp ý kiến"), "page {page}");
    }
    // Every question is there, once.
    let all = text(&pdf.path, &[]);
    for i in [1, 150, 300] {
        let s = format!("câu hỏi {i}");
        assert_eq!(all.lines().filter(|l| l.trim_end().ends_with(&s)).count(), 1, "{s}");
    }
    // And in English.
    let mut english = briefing(300);
    english.page_label = "Page {n} of {total}".into();
    let t = page_text(&rendered(&english).path, n);
    assert!(t.contains(&format!("Page {n} of {n}")), "{t}");
}

#[test]
fn a_table_header_repeats_after_a_page_break() {
    let rows: Vec<Vec<String>> = (1..=120)
        .map(|i| vec![i.to_string(), format!("Đại biểu Nguyễn Văn {i}"), ["Đồng ý", "Không đồng ý"][i % 2].into()])
        .collect();
    let r = report("Kết quả lấy ý kiến bằng phiếu", vec![Block::Table { columns: vote_columns(), rows }]);
    let pdf = rendered(&r);
    let n = pages(&pdf.path);
    assert!(n >= 3, "{n} pages");
    for page in 1..=n {
        let t = text(&pdf.path, &["-layout", "-f", &page.to_string(), "-l", &page.to_string()]);
        let lines: Vec<&str> = t.lines().filter(|l| !l.trim().is_empty()).collect();
        // Page 1: title, two subtitle lines, then the header; later pages: the small title, then the header.
        let at = if page == 1 { 3 } else { 1 };
        assert_eq!(words(lines[at]), ["STT", "Đại", "biểu", "Biểu", "quyết"], "page {page}: {t}");
        assert_eq!(t.matches("Biểu quyết").count(), 1);
    }
    let all = text(&pdf.path, &["-layout"]);
    assert!(
        all.contains("120 Đại biểu Nguyễn Văn 120")
            || words(&all).windows(5).any(|w| w == ["120", "Đại", "biểu", "Nguyễn", "Văn"])
    );
}

/// Measured: the 3-page briefing below (30 questions and a table) is 33.2 KB; the bound leaves
/// room for more letters, not for a whole font (DejaVu Sans alone is 740 KB).
#[test]
fn a_three_page_report_is_small() {
    let mut r = briefing(30);
    r.blocks.push(Block::Table {
        columns: vote_columns(),
        rows: (1..=10).map(|i| vec![i.to_string(), format!("Lê Thị Hằng {i}"), "Đồng ý".into()]).collect(),
    });
    let pdf = rendered(&r);
    assert_eq!(pages(&pdf.path), 3);
    assert!(pdf.bytes < 50_000, "{} bytes", pdf.bytes);
}

#[test]
fn hostile_input_renders() {
    // Every control but the line breaks and the tab, and invisible formatting characters.
    let controls: String = (0u8..32)
        .filter(|b| !(9..=13).contains(b))
        .map(char::from)
        .chain(['\u{7f}', '\u{9f}', '\u{200b}', '\u{feff}', '\u{202e}', '\u{10FFFF}', '\u{FDD0}'])
        .collect();
    let text = format!("a{controls}b\tc\r\nd\u{1F600}e\u{E000}f\u{85}g 漢字");
    let blocks = vec![
        Block::Heading(text.clone()),
        Block::Paragraph(text.clone()),
        Block::Paragraph("x".repeat(20_000)),
        Block::Item { label: "y".repeat(500), text: String::new(), meta: vec![String::new(), text.clone()] },
        Block::Table { columns: vec![], rows: vec![vec![text.clone(); 40], vec![]] },
        Block::Table {
            columns: vec![Column { title: "z".repeat(5000), width: f32::NAN, align: Align::Right }],
            rows: vec![vec!["w".repeat(3000), "extra".into()]],
        },
        Block::Heading(String::new()),
    ];
    let r = Report {
        title: text.clone(),
        subtitle: vec![text.clone()],
        blocks,
        page_label: "{n}{total}{".into(),
        generated: text,
    };
    let pdf = rendered(&r);
    assert_valid(&pdf.path);
    let t = page_text(&pdf.path, 1);
    // Controls gone, the tab a space, the line breaks kept; an emoji and a private-use character
    // DejaVu has no glyph for (drawn as its empty box) still extract as themselves.
    assert!(t.contains("ab c\nd\u{1F600}e\u{E000}f\ng 漢字"), "{t:?}");
}

#[test]
fn ten_thousand_items_render() {
    let r = Report { blocks: (1..=10_000).map(question).collect(), ..briefing(0) };
    let started = std::time::Instant::now();
    let pdf = rendered(&r);
    let elapsed = started.elapsed();
    let n = pages(&pdf.path);
    assert!(n > 300, "{n} pages");
    assert_valid(&pdf.path);
    assert!(page_text(&pdf.path, n).contains(&format!("Trang {n}/{n}")));
    eprintln!("10,000 items: {n} pages, {} bytes, {elapsed:?}", pdf.bytes);
}

/// Text from anywhere: Vietnamese letters and marks, controls, any character at all.
fn messy() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        3 => proptest::sample::select(vec!["Đồng ý", "Không", "ỹ", "ợ", "ữ", "ặ", " ", "\n", "\t", "{n}", "{total}"])
            .prop_map(String::from),
        2 => proptest::sample::select(vec!['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}', '\u{0306}', '\u{031B}'])
            .prop_map(String::from),
        2 => (0u32..0x20).prop_map(|c| char::from_u32(c).map(String::from).unwrap_or_default()),
        3 => any::<char>().prop_map(String::from),
        1 => (1usize..400).prop_map(|n| "w".repeat(n)),
    ];
    proptest::collection::vec(pieces, 0..40).prop_map(|p| p.concat())
}

fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        messy().prop_map(Block::Heading),
        messy().prop_map(Block::Paragraph),
        (messy(), messy(), proptest::collection::vec(messy(), 0..3)).prop_map(|(label, text, meta)| Block::Item {
            label,
            text,
            meta
        }),
        (
            proptest::collection::vec((messy(), -2.0f32..10.0), 0..4),
            proptest::collection::vec(proptest::collection::vec(messy(), 0..5), 0..6)
        )
            .prop_map(|(cols, rows)| Block::Table {
                columns: cols.into_iter().map(|(title, width)| Column { title, width, align: Align::Center }).collect(),
                rows,
            }),
        Just(Block::Rule),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_text_gives_a_sound_pdf(
        title in messy(),
        subtitle in proptest::collection::vec(messy(), 0..3),
        blocks in proptest::collection::vec(block(), 0..12),
        page_label in messy(),
        generated in messy(),
    ) {
        let r = Report { title, subtitle, blocks, page_label, generated };
        let pdf = rendered(&r);
        assert_valid(&pdf.path);
        // And its text can be read (pdftotext fails on a broken font or ToUnicode map).
        text(&pdf.path, &[]);
    }
}
