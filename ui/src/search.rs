//! Text search in a document's pages: case- and diacritics-insensitive, so "giai ngan"
//! finds "giải ngân". Pure; the reader feeds it the text from `document_text`.

/// One page that matches.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// 0-based.
    pub page: u32,
    pub count: usize,
    /// Some text around the first match.
    pub snippet: String,
}

const SNIPPET_CHARS: usize = 40;

/// Lowercase and drop Vietnamese diacritics, one char for one char (so positions in
/// the folded text are positions in the original).
fn fold(c: char) -> char {
    let lower = c.to_lowercase().next().unwrap_or(c);
    const GROUPS: [(&str, char); 6] = [
        ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
        ("èéẻẽẹêềếểễệ", 'e'),
        ("ìíỉĩị", 'i'),
        ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
        ("ùúủũụưừứửữự", 'u'),
        ("ỳýỷỹỵ", 'y'),
    ];
    if lower == 'đ' {
        return 'd';
    }
    for (set, base) in GROUPS {
        if set.contains(lower) {
            return base;
        }
    }
    lower
}

pub fn find(pages: &[String], query: &str) -> Vec<Hit> {
    let needle: Vec<char> = query.trim().chars().map(fold).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for (i, text) in pages.iter().enumerate() {
        let original: Vec<char> = text.chars().collect();
        let folded: Vec<char> = original.iter().map(|c| fold(*c)).collect();
        let mut first = None;
        let mut count = 0;
        let mut at = 0;
        while at + needle.len() <= folded.len() {
            if folded[at..at + needle.len()] == needle[..] {
                count += 1;
                first.get_or_insert(at);
                at += needle.len();
            } else {
                at += 1;
            }
        }
        if let Some(pos) = first {
            let start = pos.saturating_sub(SNIPPET_CHARS);
            let end = (pos + needle.len() + SNIPPET_CHARS).min(original.len());
            let mut snippet: String = original[start..end].iter().collect();
            snippet = snippet.split_whitespace().collect::<Vec<_>>().join(" ");
            if start > 0 {
                snippet.insert(0, '…');
            }
            if end < original.len() {
                snippet.push('…');
            }
            hits.push(Hit { page: i as u32, count, snippet });
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_without_diacritics_or_case() {
        let pages = vec![
            "Báo cáo tiến độ GIẢI NGÂN vốn đầu tư công".to_string(),
            "Không liên quan".to_string(),
            "giải ngân đạt 45%; giải ngân chậm".to_string(),
        ];
        let hits = find(&pages, "giai ngan");
        assert_eq!(hits.iter().map(|h| (h.page, h.count)).collect::<Vec<_>>(), vec![(0, 1), (2, 2)]);
        assert!(hits[0].snippet.contains("GIẢI NGÂN"));
        assert_eq!(find(&pages, "Đầu tư")[0].page, 0);
        assert!(find(&pages, "   ").is_empty());
    }
}
