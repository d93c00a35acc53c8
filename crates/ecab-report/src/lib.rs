//! Printable A4 reports as PDF: the chair's briefing of the questions gathered per agenda item,
//! the result of a written opinion poll (phiếu lấy ý kiến).
//!
//! The server hands over a [`Report`], a title and a list of [`Block`]s, and [`render`] gives
//! back the bytes of a PDF: DejaVu Sans (regular and bold) embedded as subsets holding only the
//! glyphs used, a ToUnicode map so the text can be searched and copied back exactly, A4 pages
//! with 20 mm margins, a small header with the title on every page after the first and a footer
//! with the page number on every page.
//!
//! **Invariant:** no input makes [`render`] panic. Text is normalized to NFC; control characters
//! are dropped, a tab is a space, runs of spaces are one space; a word wider than the line is
//! broken where it must be. A character DejaVu has no glyph for is drawn as the font's empty box
//! but still extracts as itself.
//!
//! **Invariant:** the crate does no IO and has no clock: the same report gives the same bytes.
//! The caller passes the dates it wants printed ([`Report::generated`]).

mod font;
mod layout;
mod paginate;
mod pdf;
mod text;

/// A report: a title, lines under it, and the body.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// Big and bold at the top of page 1; small in the header of the pages after it.
    pub title: String,
    /// Lines under the title: the meeting's name, its date ("Thứ Năm, 03/12/2026 07:15"), ….
    pub subtitle: Vec<String>,
    pub blocks: Vec<Block>,
    /// The page number at the right of every footer: `{n}` is replaced by the page's number and
    /// `{total}` by the number of pages, e.g. "Trang {n}/{total}" or "Page {n} of {total}".
    pub page_label: String,
    /// Small, at the left of every footer, e.g. "Lập lúc 14:05 ngày 03/12/2026".
    pub generated: String,
}

/// One piece of a report's body, laid out top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section's title, bold, never left alone at the bottom of a page: it goes with at least
    /// the first two lines of what follows.
    Heading(String),
    /// Text wrapped to the page's width; "\n" starts a new line.
    Paragraph(String),
    /// A numbered entry: `label` (such as "1.") in the margin, `text` wrapped with a hanging
    /// indent, and `meta` lines smaller and grey below it (authors, status). Kept on one page
    /// when it fits on one.
    Item { label: String, text: String, meta: Vec<String> },
    /// A table: cells wrap within their column; the header row is bold, and repeated at the top
    /// of a page when the table goes on over a page break. A row with more cells than there are
    /// columns gets extra, untitled columns (nothing is dropped).
    Table { columns: Vec<Column>, rows: Vec<Vec<String>> },
    /// A thin horizontal line across the page.
    Rule,
}

/// A table's column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The header cell; when every column's title is empty, the table has no header row.
    pub title: String,
    /// The column's share of the page's width, relative to the other columns' (a weight that is
    /// not a positive finite number counts as 1).
    pub width: f32,
    pub align: Align,
}

/// Where a cell's lines sit within their column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Right,
    Center,
}

/// Why a report could not be rendered.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// One of the fonts compiled into the crate could not be read (a broken build).
    #[error("the embedded font {0} cannot be read")]
    Font(&'static str),
    /// The font subsetter refused the glyphs asked of it.
    #[error("the font {font} could not be subset: {reason}")]
    Subset { font: &'static str, reason: String },
    /// More distinct characters in one font than the two-byte codes of a PDF font can name.
    #[error("the report uses {0} distinct characters in one font, more than the 65,535 a PDF font can address")]
    TooManyCharacters(usize),
    /// A stream (a page's content) over the 2 GiB a PDF object can hold.
    #[error("the report is too large for a PDF")]
    TooLarge,
}

/// Lays the report out on A4 pages and writes it as a PDF.
pub fn render(report: &Report) -> Result<Vec<u8>, Error> {
    let fonts = font::Fonts::get()?;
    let pages = layout::layout(report, fonts);
    pdf::write(&pages, fonts, &text::clean_line(&report.title))
}
