//! From blocks to pages: every block becomes rows (one line of text each, or one line of every
//! cell of a table row), the rows are dealt onto pages, and each page gets its header and
//! footer. Coordinates are in points from the page's top-left corner.

use crate::font::{Face, Fonts};
use crate::paginate::{Keep, Row, paginate};
use crate::text::{clean, clean_line, line_width, space_extra, truncate, wrap};
use crate::{Align, Block, Column, Report};

/// A4 portrait, in points.
pub(crate) const PAGE_WIDTH: f32 = 595.276;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;
/// 20 mm on every side; the header and footer sit inside the top and bottom margins.
pub(crate) const MARGIN: f32 = 56.693;
const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;

/// How text of one kind is set: face, size, line height and grey level (0 is black).
#[derive(Debug, Clone, Copy)]
struct Style {
    face: Face,
    size: f32,
    leading: f32,
    gray: f32,
}

const TITLE: Style = Style { face: Face::Bold, size: 16.0, leading: 20.0, gray: 0.0 };
const SUBTITLE: Style = Style { face: Face::Regular, size: 10.5, leading: 14.0, gray: 0.2 };
const HEADING: Style = Style { face: Face::Bold, size: 12.0, leading: 16.0, gray: 0.0 };
const BODY: Style = Style { face: Face::Regular, size: 10.5, leading: 14.0, gray: 0.0 };
const LABEL: Style = Style { face: Face::Bold, ..BODY };
const META: Style = Style { face: Face::Regular, size: 9.0, leading: 12.0, gray: 0.4 };
const CELL: Style = Style { face: Face::Regular, size: 9.5, leading: 12.5, gray: 0.0 };
const CELL_HEAD: Style = Style { face: Face::Bold, ..CELL };
const MARGINALIA: Style = Style { face: Face::Regular, size: 8.0, leading: 10.0, gray: 0.35 };

const CELL_PAD_X: f32 = 3.0;
const CELL_PAD_Y: f32 = 2.5;
/// The smallest hanging indent of an item's text, so that "1." to "99." line up.
const ITEM_INDENT: f32 = 22.0;

/// Something to draw.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    /// A line of text; `y` is its baseline. `space_extra` widens each space, in thousandths of
    /// an em (see [`space_extra`]).
    Text { x: f32, y: f32, face: Face, size: f32, gray: f32, space_extra: f32, text: String },
    /// A horizontal line from `x1` to `x2`.
    Line { x1: f32, x2: f32, y: f32, width: f32, gray: f32 },
    /// A filled rectangle; `y` is its top.
    Fill { x: f32, y: f32, w: f32, h: f32, gray: f32 },
}

impl Op {
    fn moved(&self, dx: f32, dy: f32) -> Op {
        match self.clone() {
            Op::Text { x, y, face, size, gray, space_extra, text } => {
                Op::Text { x: x + dx, y: y + dy, face, size, gray, space_extra, text }
            }
            Op::Line { x1, x2, y, width, gray } => Op::Line { x1: x1 + dx, x2: x2 + dx, y: y + dy, width, gray },
            Op::Fill { x, y, w, h, gray } => Op::Fill { x: x + dx, y: y + dy, w, h, gray },
        }
    }
}

/// A page's drawing, header and footer included.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Page {
    pub ops: Vec<Op>,
}

/// The report on pages.
pub(crate) fn layout(report: &Report, fonts: &Fonts) -> Vec<Page> {
    let mut flow = Flow { fonts, rows: Vec::new(), after_heading: false };
    flow.title(report);
    for block in &report.blocks {
        flow.block(block);
    }
    let placed = paginate(&flow.rows);
    let total = placed.len();
    let header = clean_line(&report.title);
    let generated = clean_line(&report.generated);
    placed
        .iter()
        .enumerate()
        .map(|(i, rows)| {
            let mut ops: Vec<Op> = rows
                .iter()
                .flat_map(|&(r, y)| flow.rows[r].ops.iter().map(move |op| op.moved(MARGIN, MARGIN + y)))
                .collect();
            if i > 0 && !header.is_empty() {
                let font = fonts.face(MARGINALIA.face);
                let text = truncate(&header, font, MARGINALIA.size, CONTENT_WIDTH);
                ops.push(text_op(fonts, MARGIN, CONTENT_WIDTH, Align::Left, MARGIN - 18.0, MARGINALIA, text));
                ops.push(Op::Line { x1: MARGIN, x2: PAGE_WIDTH - MARGIN, y: MARGIN - 12.0, width: 0.4, gray: 0.6 });
            }
            footer(&mut ops, fonts, &generated, &page_label(&report.page_label, i + 1, total));
            Page { ops }
        })
        .collect()
}

/// The footer: a thin line, `generated` at the left and the page's label at the right.
fn footer(ops: &mut Vec<Op>, fonts: &Fonts, generated: &str, label: &str) {
    let font = fonts.face(MARGINALIA.face);
    let size = MARGINALIA.size;
    let baseline = PAGE_HEIGHT - MARGIN + 22.0;
    ops.push(Op::Line { x1: MARGIN, x2: PAGE_WIDTH - MARGIN, y: PAGE_HEIGHT - MARGIN + 10.0, width: 0.4, gray: 0.6 });
    let label = truncate(label, font, size, CONTENT_WIDTH);
    let mut label_width = 0.0;
    if !label.is_empty() {
        let op = text_op(fonts, MARGIN, CONTENT_WIDTH, Align::Right, baseline, MARGINALIA, label);
        if let Op::Text { x, .. } = op {
            label_width = PAGE_WIDTH - MARGIN - x;
        }
        ops.push(op);
    }
    let room = CONTENT_WIDTH - label_width - 12.0;
    if !generated.is_empty() && room > 0.0 {
        let text = truncate(generated, font, size, room);
        ops.push(text_op(fonts, MARGIN, room, Align::Left, baseline, MARGINALIA, text));
    }
}

/// The label with `{n}` and `{total}` replaced.
pub(crate) fn page_label(template: &str, n: usize, total: usize) -> String {
    let template = clean_line(template);
    let mut out = String::with_capacity(template.len() + 8);
    let mut rest = template.as_str();
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(tail) = rest.strip_prefix("{n}") {
            out.push_str(&n.to_string());
            rest = tail;
        } else if let Some(tail) = rest.strip_prefix("{total}") {
            out.push_str(&total.to_string());
            rest = tail;
        } else {
            out.push('{');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// A line of text in the box from `left` to `left + width`, aligned in it, with its spaces
/// widened where that keeps them in extracted text and still fits.
fn text_op(fonts: &Fonts, left: f32, width: f32, align: Align, y: f32, style: Style, text: String) -> Op {
    let font = fonts.face(style.face);
    let space_extra = space_extra(&text, font, style.size, width);
    let w = line_width(&text, font, style.size, space_extra);
    let x = match align {
        Align::Left => left,
        Align::Right => left + width - w,
        Align::Center => left + (width - w) / 2.0,
    };
    Op::Text { x, y, face: style.face, size: style.size, gray: style.gray, space_extra, text }
}

/// The rows, built block by block.
struct Flow<'a> {
    fonts: &'a Fonts,
    rows: Vec<Row>,
    /// The last block was a heading: the next one's first two lines go with it.
    after_heading: bool,
}

impl Flow<'_> {
    /// The baseline of `style`'s text in a line box of its leading.
    fn baseline(&self, style: Style) -> f32 {
        let font = self.fonts.face(style.face);
        let ink = (font.ascent - font.descent) * style.size;
        (style.leading - ink) / 2.0 + font.ascent * style.size
    }

    /// One row per line of `text` wrapped at `width`, starting at `x`.
    fn lines(&self, style: Style, x: f32, width: f32, text: &str) -> Vec<Row> {
        let baseline = self.baseline(style);
        wrap(text, self.fonts.face(style.face), style.size, width)
            .into_iter()
            .map(|line| {
                let mut row = Row::new(style.leading);
                if !line.is_empty() {
                    row.ops.push(text_op(self.fonts, x, width, Align::Left, baseline, style, line));
                }
                row
            })
            .collect()
    }

    fn title(&mut self, report: &Report) {
        let mut rows = Vec::new();
        let title = clean(&report.title);
        if !title.trim().is_empty() {
            rows.extend(self.lines(TITLE, 0.0, CONTENT_WIDTH, &title));
        }
        for (i, line) in report.subtitle.iter().enumerate() {
            let mut lines = self.lines(SUBTITLE, 0.0, CONTENT_WIDTH, &clean(line));
            if i == 0 && !rows.is_empty() {
                lines[0].space_before = 4.0;
            }
            rows.extend(lines);
        }
        if !rows.is_empty() {
            self.rows.extend(rows);
            self.rows.push(rule(6.0));
        }
    }

    fn block(&mut self, block: &Block) {
        let start = self.rows.len();
        match block {
            Block::Heading(text) => {
                let mut rows = self.lines(HEADING, 0.0, CONTENT_WIDTH, &clean(text));
                rows[0].space_before = 12.0;
                for row in &mut rows {
                    row.keep = Keep::Hard;
                }
                self.rows.extend(rows);
                self.after_heading = true;
                return;
            }
            Block::Rule => {
                let mut row = rule(2.0);
                if self.after_heading {
                    row.keep = Keep::Hard;
                }
                self.rows.push(row);
                return;
            }
            Block::Paragraph(text) => {
                let mut rows = self.lines(BODY, 0.0, CONTENT_WIDTH, &clean(text));
                rows[0].space_before = 5.0;
                let n = rows.len();
                if n >= 2 {
                    rows[0].keep = Keep::Hard;
                    rows[n - 2].keep = Keep::Hard;
                }
                self.rows.extend(rows);
            }
            Block::Item { label, text, meta } => self.item(label, text, meta),
            Block::Table { columns, rows } => self.table(columns, rows),
        }
        if std::mem::take(&mut self.after_heading) && self.rows.len() >= start + 2 {
            self.rows[start].keep = Keep::Hard;
        }
    }

    fn item(&mut self, label: &str, text: &str, meta: &[String]) {
        let label = clean_line(label);
        let bold = self.fonts.face(LABEL.face);
        let indent = (bold.width(&label, LABEL.size) + 6.0).clamp(ITEM_INDENT, CONTENT_WIDTH / 3.0);
        let width = CONTENT_WIDTH - indent;
        let labels = if label.is_empty() { Vec::new() } else { self.lines(LABEL, 0.0, indent - 4.0, &label) };
        let texts = self.lines(BODY, indent, width, &clean(text));
        let mut rows = parallel(vec![labels, texts]);
        for line in meta {
            rows.extend(self.lines(META, indent, width, &clean(line)));
        }
        rows[0].space_before = 6.0;
        let n = rows.len();
        for row in &mut rows[..n - 1] {
            row.keep = Keep::Soft;
        }
        if n >= 2 {
            rows[0].keep = Keep::Hard;
        }
        self.rows.extend(rows);
    }

    fn table(&mut self, columns: &[Column], body: &[Vec<String>]) {
        let count = body.iter().map(Vec::len).max().unwrap_or(0).max(columns.len());
        if count == 0 {
            return;
        }
        let widths = column_widths(columns, count);
        let aligns: Vec<Align> = (0..count).map(|i| columns.get(i).map_or(Align::Left, |c| c.align)).collect();
        let titles: Vec<String> = columns.iter().map(|c| c.title.clone()).collect();
        let first = self.rows.len();
        let mut header = None;
        if titles.iter().any(|t| !clean_line(t).is_empty()) {
            let mut rows = self.table_row(&titles, &widths, &aligns, CELL_HEAD);
            for row in &mut rows {
                row.keep = Keep::Hard;
                row.ops.insert(0, Op::Fill { x: 0.0, y: 0.0, w: CONTENT_WIDTH, h: row.height, gray: 0.9 });
            }
            self.rows.extend(rows);
            header = Some((first, self.rows.len()));
        }
        for cells in body {
            let mut rows = self.table_row(cells, &widths, &aligns, CELL);
            for row in &mut rows {
                row.header = header;
            }
            self.rows.extend(rows);
        }
        let Some(top) = self.rows.get_mut(first) else { return };
        top.space_before = 6.0;
        top.ops.push(Op::Line { x1: 0.0, x2: CONTENT_WIDTH, y: 0.0, width: 0.8, gray: 0.2 });
        if let Some((_, end)) = header
            && let Some(last) = self.rows.get_mut(end - 1)
        {
            let y = last.height;
            last.ops.push(Op::Line { x1: 0.0, x2: CONTENT_WIDTH, y, width: 0.8, gray: 0.2 });
        }
    }

    /// The rows of one table row: line k of every cell side by side, a thin line under the last.
    fn table_row(&self, cells: &[String], widths: &[f32], aligns: &[Align], style: Style) -> Vec<Row> {
        let font = self.fonts.face(style.face);
        let baseline = self.baseline(style);
        let mut x = 0.0;
        let mut columns = Vec::with_capacity(widths.len());
        for (i, (&width, &align)) in widths.iter().zip(aligns).enumerate() {
            let inner = (width - 2.0 * CELL_PAD_X).max(1.0);
            let cell = cells.get(i).map(|c| clean(c)).unwrap_or_default();
            let lines = wrap(&cell, font, style.size, inner);
            columns.push((x, inner, align, lines));
            x += width;
        }
        let n = columns.iter().map(|c| c.3.len()).max().unwrap_or(1);
        (0..n)
            .map(|k| {
                let top = if k == 0 { CELL_PAD_Y } else { 0.0 };
                let bottom = if k + 1 == n { CELL_PAD_Y } else { 0.0 };
                let mut row = Row::new(top + style.leading + bottom);
                row.keep = if k + 1 < n { Keep::Soft } else { Keep::None };
                for (x, inner, align, lines) in &columns {
                    let Some(line) = lines.get(k).filter(|l| !l.is_empty()) else { continue };
                    let op = text_op(self.fonts, x + CELL_PAD_X, *inner, *align, top + baseline, style, line.clone());
                    row.ops.push(op);
                }
                if k + 1 == n {
                    row.ops.push(Op::Line { x1: 0.0, x2: CONTENT_WIDTH, y: row.height, width: 0.3, gray: 0.6 });
                }
                row
            })
            .collect()
    }
}

/// A thin line across the page.
fn rule(space_before: f32) -> Row {
    let mut row = Row::new(8.0);
    row.space_before = space_before;
    row.ops.push(Op::Line { x1: 0.0, x2: CONTENT_WIDTH, y: 4.0, width: 0.5, gray: 0.55 });
    row
}

/// Columns of rows (all of one height per column) side by side: row k holds row k of each.
fn parallel(columns: Vec<Vec<Row>>) -> Vec<Row> {
    let n = columns.iter().map(Vec::len).max().unwrap_or(0).max(1);
    (0..n)
        .map(|k| {
            let height = columns.iter().filter_map(|c| c.get(k)).map(|r| r.height).fold(0.0, f32::max);
            let mut row = Row::new(height);
            row.ops = columns.iter().filter_map(|c| c.get(k)).flat_map(|r| r.ops.iter().cloned()).collect();
            row
        })
        .collect()
}

/// The columns' widths in points: the content width shared by weight. A weight that is not a
/// positive finite number, and a column past `columns`, weighs as the others do on average.
fn column_widths(columns: &[Column], count: usize) -> Vec<f32> {
    let valid: Vec<f32> = columns.iter().map(|c| c.width).filter(|w| w.is_finite() && *w > 0.0).collect();
    // Scaled by the largest weight first, so that the sum cannot overflow.
    let max = valid.iter().copied().fold(0.0, f32::max);
    let scaled: Vec<f32> = valid.iter().map(|w| w / max).collect();
    let mean = if scaled.is_empty() { 1.0 } else { scaled.iter().sum::<f32>() / scaled.len() as f32 };
    let weights: Vec<f32> = (0..count)
        .map(|i| columns.get(i).map(|c| c.width).filter(|w| w.is_finite() && *w > 0.0).map_or(mean, |w| w / max))
        .collect();
    let sum: f32 = weights.iter().sum();
    weights.iter().map(|w| CONTENT_WIDTH * w / sum).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(blocks: Vec<Block>) -> Report {
        Report {
            title: "Tổng hợp ý kiến".into(), page_label: "Trang {n}/{total}".into(), blocks, ..Report::default()
        }
    }

    fn texts(page: &Page) -> Vec<(f32, &str)> {
        page.ops
            .iter()
            .filter_map(|op| match op {
                Op::Text { y, text, .. } => Some((*y, text.as_str())),
                _ => None,
            })
            .collect()
    }

    fn fonts() -> &'static Fonts {
        Fonts::get().unwrap()
    }

    #[test]
    fn page_label_replaces_both_placeholders() {
        assert_eq!(page_label("Trang {n}/{total}", 2, 7), "Trang 2/7");
        assert_eq!(page_label("Page {n} of {total} {x} {", 1, 1), "Page 1 of 1 {x} {");
        assert_eq!(page_label("", 1, 1), "");
    }

    #[test]
    fn everything_stays_inside_the_page_and_the_text_inside_the_margins() {
        let blocks: Vec<Block> = (0..200)
            .map(|i| Block::Item {
                label: format!("{i}."),
                text: "Đề nghị làm rõ tiến độ giải ngân vốn đầu tư công ".repeat(i % 7 + 1),
                meta: vec!["Nguyễn Thị Hằng · Sở Tài chính".into()],
            })
            .collect();
        let pages = layout(&report(blocks), fonts());
        assert!(pages.len() > 3);
        for page in &pages {
            for op in &page.ops {
                if let Op::Text { x, y, face, size, space_extra, text, .. } = op {
                    let right = x + line_width(text, fonts().face(*face), *size, *space_extra);
                    assert!(*x >= MARGIN - 0.001 && right <= PAGE_WIDTH - MARGIN + 0.01, "{text:?} at {x}..{right}");
                    assert!(*y > 0.0 && *y < PAGE_HEIGHT, "{text:?} at y {y}");
                }
            }
        }
    }

    #[test]
    fn a_heading_is_never_last_on_a_page() {
        // Headings each followed by a paragraph of a few lines, in enough numbers that some fall
        // near a page's bottom.
        let mut blocks = Vec::new();
        for i in 0..120 {
            blocks.push(Block::Heading(format!("{i}. Báo cáo kinh tế - xã hội")));
            blocks.push(Block::Paragraph("Ý kiến của đại biểu về tình hình thực hiện. ".repeat(i % 5 + 2)));
        }
        let pages = layout(&report(blocks), fonts());
        assert!(pages.len() > 5);
        let heading_size = HEADING.size;
        for (n, page) in pages.iter().enumerate() {
            // The content's last text line (the footer's are below the content area).
            let last = page
                .ops
                .iter()
                .filter_map(|op| match op {
                    Op::Text { y, size, .. } if *y < PAGE_HEIGHT - MARGIN => Some((*y, *size)),
                    _ => None,
                })
                .max_by(|a, b| a.0.total_cmp(&b.0));
            let (_, size) = last.expect("text on every page");
            assert_ne!(size, heading_size, "page {} ends with a heading", n + 1);
        }
    }

    #[test]
    fn a_table_header_repeats_after_a_break() {
        let columns = vec![
            Column { title: "Đại biểu".into(), width: 3.0, align: Align::Left },
            Column { title: "Ý kiến".into(), width: 1.0, align: Align::Center },
        ];
        let rows = (0..150).map(|i| vec![format!("Đại biểu số {i}"), "Đồng ý".into()]).collect();
        let pages = layout(&report(vec![Block::Table { columns, rows }]), fonts());
        assert!(pages.len() >= 2);
        for page in &pages {
            let first = texts(page).into_iter().filter(|(y, _)| *y > MARGIN).min_by(|a, b| a.0.total_cmp(&b.0));
            let page_top_texts: Vec<&str> = texts(page)
                .into_iter()
                .filter(|(y, _)| first.is_some_and(|f| (*y - f.0).abs() < 0.01))
                .map(|(_, t)| t)
                .collect();
            if page == &pages[0] {
                assert_eq!(page_top_texts, ["Tổng hợp ý kiến"]);
            } else {
                assert_eq!(page_top_texts, ["Đại biểu", "Ý kiến"]);
            }
        }
    }

    #[test]
    fn column_widths_share_the_content_width() {
        let col = |width| Column { title: String::new(), width, align: Align::Left };
        let widths = column_widths(&[col(3.0), col(1.0), col(f32::NAN), col(f32::MAX)], 5);
        assert_eq!(widths.len(), 5);
        assert!((widths.iter().sum::<f32>() - CONTENT_WIDTH).abs() < 0.01);
        assert!(widths.iter().all(|w| w.is_finite() && *w > 0.0));
        assert!(widths[3] > widths[0] && widths[0] > widths[1]);
    }
}
