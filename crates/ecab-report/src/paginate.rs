//! Rows onto pages: where the page breaks fall, which rows are held together, and the table
//! header repeated at the top of a page. Pure arithmetic on heights; no text, no fonts.

use crate::layout::{MARGIN, Op, PAGE_HEIGHT};

/// The height of the content area of a page, between the top and bottom margins.
pub(crate) const CONTENT_HEIGHT: f32 = PAGE_HEIGHT - 2.0 * MARGIN;
const EPSILON: f32 = 1e-3;

/// How strongly a row holds on to the next one at a page break.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Keep {
    /// A break may fall here.
    None,
    /// Not here if the rows held together fit on one page (an item, a table row).
    Soft,
    /// Not here if it can be helped at all: a heading and the first lines after it, a
    /// paragraph's first and last two lines, a table's header and its first row.
    Hard,
}

/// One horizontal slice of the flow. Its ops are relative to the content area's left edge and
/// the row's top.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub height: f32,
    /// Space above the row, dropped at the top of a page.
    pub space_before: f32,
    pub keep: Keep,
    /// The table header rows (a range of row indices) to repeat above this row when it starts a
    /// page.
    pub header: Option<(usize, usize)>,
    pub ops: Vec<Op>,
}

impl Row {
    pub fn new(height: f32) -> Row {
        Row { height, space_before: 0.0, keep: Keep::None, header: None, ops: Vec::new() }
    }
}

/// Deals the rows onto pages: (row index, top of the row below the content area's top).
pub(crate) fn paginate(rows: &[Row]) -> Vec<Vec<(usize, f32)>> {
    let mut pages = Vec::new();
    let mut page: Vec<(usize, f32)> = Vec::new();
    let mut y = 0.0;
    for (i, row) in rows.iter().enumerate() {
        if !page.is_empty() {
            let before = row.space_before;
            let mut need = before + row.height;
            let prev = if i == 0 { Keep::None } else { rows[i - 1].keep };
            // Rows held together are kept together where they fit on a page at all.
            for (strength, starts) in [(Keep::Soft, prev == Keep::None), (Keep::Hard, prev < Keep::Hard)] {
                if starts && let Some(chain) = chain_height(rows, i, strength) {
                    need = need.max(before + chain);
                }
            }
            if y + need > CONTENT_HEIGHT + EPSILON {
                pages.push(std::mem::take(&mut page));
                y = 0.0;
            }
        }
        if page.is_empty() {
            // A table going on: its header first, unless it would take half the page.
            if let Some((start, end)) = row.header
                && !(start..end).contains(&i)
                && rows[start..end].iter().map(|r| r.height).sum::<f32>() <= CONTENT_HEIGHT / 2.0
            {
                for (h, header) in rows.iter().enumerate().take(end).skip(start) {
                    page.push((h, y));
                    y += header.height;
                }
            }
            if page.is_empty() {
                page.push((i, 0.0));
                y = row.height;
                continue;
            }
        }
        page.push((i, y + row.space_before));
        y += row.space_before + row.height;
    }
    pages.push(page);
    pages
}

/// The height of the rows from `start` held to each other at least as strongly as `strength`,
/// from the top of the first (its space before not counted); None when they would not fit on
/// an empty page anyway.
fn chain_height(rows: &[Row], start: usize, strength: Keep) -> Option<f32> {
    let mut height = rows[start].height;
    let mut i = start;
    while rows[i].keep >= strength && i + 1 < rows.len() {
        i += 1;
        height += rows[i].space_before + rows[i].height;
        if height > CONTENT_HEIGHT + EPSILON {
            return None;
        }
    }
    Some(height)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flow_fills_pages_without_overflow() {
        let rows: Vec<Row> = (0..500)
            .map(|i| {
                let mut row = Row::new(10.0 + (i % 13) as f32);
                row.space_before = (i % 3) as f32;
                row.keep = [Keep::None, Keep::Soft, Keep::Hard][i % 3];
                row
            })
            .collect();
        let pages = paginate(&rows);
        let placed: Vec<usize> = pages.iter().flatten().map(|&(i, _)| i).collect();
        assert_eq!(placed, (0..rows.len()).collect::<Vec<_>>());
        for page in &pages {
            let &(last, y) = page.last().unwrap();
            assert!(y + rows[last].height <= CONTENT_HEIGHT + EPSILON);
            assert_eq!(page[0].1, 0.0);
        }
    }
}
