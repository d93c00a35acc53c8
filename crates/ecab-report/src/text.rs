//! Text as the layout takes it: cleaned, normalized, and wrapped to a width by the glyphs' real
//! advances.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::font::Font;

/// Slack for comparing summed advances with a width.
const EPSILON: f32 = 1e-3;

/// The text as it will be set: line breaks as '\n', a tab as a space, no control characters,
/// invisible formatting characters (which would draw as boxes) or noncharacters, then NFC.
pub(crate) fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\n' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push(' '),
            // Other C0 and C1 controls, zero-width and bidirectional formatting characters, the
            // byte-order mark and the interlinear annotation marks.
            '\0'..='\u{1F}'
            | '\u{7F}'..='\u{9F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}' => {}
            // Noncharacters: never text.
            c if ('\u{FDD0}'..='\u{FDEF}').contains(&c) || (c as u32) & 0xFFFE == 0xFFFE => {}
            c => out.push(c),
        }
    }
    out.nfc().collect()
}

/// [`clean`], on one line: line breaks become spaces, runs of spaces one space.
pub(crate) fn clean_line(s: &str) -> String {
    clean(s).split([' ', '\n']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Splits cleaned text into lines no wider than `width` at `size` points: at spaces where it can,
/// inside a word wider than the whole line where it must (never between a letter and its
/// combining marks). Each '\n' starts a new line; an empty line stays (as ""). Runs of spaces
/// count as one. Always at least one line.
pub(crate) fn wrap(text: &str, font: &Font, size: f32, width: f32) -> Vec<String> {
    let space = font.width(" ", size);
    let mut lines = Vec::new();
    for hard in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in hard.split(' ').filter(|w| !w.is_empty()) {
            let word_width = font.width(word, size);
            if !line.is_empty() && line_width + space + word_width <= width + EPSILON {
                line.push(' ');
                line.push_str(word);
                line_width += space + word_width;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if word_width <= width + EPSILON {
                line.push_str(word);
                line_width = word_width;
                continue;
            }
            // Wider than a line: as many letters as fit on each line, the rest goes on.
            line_width = 0.0;
            for cluster in clusters(word) {
                let w = font.width(cluster, size);
                if !line.is_empty() && line_width + w > width + EPSILON {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                }
                line.push_str(cluster);
                line_width += w;
            }
        }
        lines.push(line);
    }
    lines
}

/// The gap, in em, that a line of one-letter words needs between them: poppler's pdftotext
/// reads a line whose words are all single letters ("ỹ ợ ữ ặ", "5 / 7") as letter-spaced text,
/// one word, unless its gaps are at least 0.4 em (measured with poppler 22.12); DejaVu's space
/// is 0.318 em.
const LETTER_WORD_GAP: f32 = 0.45;

/// How much wider, in thousandths of an em, each space of `line` is set so that text extraction
/// keeps its spaces: only for a line of two or more one-letter words, and only when the wider
/// spaces still fit in `width`; 0 otherwise.
pub(crate) fn space_extra(line: &str, font: &Font, size: f32, width: f32) -> f32 {
    let mut words = line.split(' ');
    if words.clone().count() < 2 || !words.all(|w| clusters(w).count() == 1) {
        return 0.0;
    }
    let extra = (LETTER_WORD_GAP * 1000.0 - font.advance_milli(font.glyph(' '))).max(0.0);
    let spaces = line.matches(' ').count() as f32;
    if font.width(line, size) + spaces * extra * size / 1000.0 > width + EPSILON {
        return 0.0;
    }
    extra
}

/// The width of `line` with each space widened by `space_extra` thousandths of an em.
pub(crate) fn line_width(line: &str, font: &Font, size: f32, space_extra: f32) -> f32 {
    font.width(line, size) + line.matches(' ').count() as f32 * space_extra * size / 1000.0
}

/// The text cut at the end, with "…", to fit `width`; as it is when it fits.
pub(crate) fn truncate(text: &str, font: &Font, size: f32, width: f32) -> String {
    if font.width(text, size) <= width + EPSILON {
        return text.to_owned();
    }
    let room = width - font.width("…", size);
    let mut out = String::new();
    let mut used = 0.0;
    for cluster in clusters(text) {
        let w = font.width(cluster, size);
        if used + w > room + EPSILON {
            break;
        }
        out.push_str(cluster);
        used += w;
    }
    let kept = out.trim_end().len();
    out.truncate(kept);
    out.push('…');
    out
}

/// A letter with the combining marks after it: the smallest piece a line may be broken into.
fn clusters(word: &str) -> impl Iterator<Item = &str> {
    let mut rest = word;
    std::iter::from_fn(move || {
        let mut chars = rest.char_indices();
        chars.next()?;
        let end = chars.find(|&(_, c)| !is_combining_mark(c)).map_or(rest.len(), |(i, _)| i);
        let (cluster, tail) = rest.split_at(end);
        rest = tail;
        Some(cluster)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::font::Fonts;

    fn regular() -> &'static Font {
        &Fonts::get().unwrap().regular
    }

    const VIETNAMESE: &str = "Ủy ban nhân dân tỉnh tổng hợp ý kiến của các sở, ban, ngành về báo cáo \
        kinh tế - xã hội; đồng chí Nguyễn Thị Hằng đề nghị làm rõ tiến độ giải ngân vốn đầu tư công \
        và các giải pháp tháo gỡ khó khăn ỹ ợ ữ ặ.";

    #[test]
    fn clean_normalizes_to_nfc_and_drops_controls() {
        // "Hằng" with the breve and the grave as combining marks, a NUL, a zero-width space, a tab.
        let decomposed = "Ha\u{0306}\u{0300}ng\0\u{200B}\u{FFFF}\u{10FFFE}\tx\r\ny\rz\u{2028}";
        assert_eq!(clean(decomposed), "Hằng x\ny\nz\n");
        assert_eq!(clean_line(" a \n\n b\t\tc "), "a b c");
    }

    #[test]
    fn every_line_fits_and_the_words_come_back() {
        let font = regular();
        for width in [40.0, 90.0, 150.0, 300.0, 481.0] {
            let lines = wrap(VIETNAMESE, font, 10.5, width);
            for line in &lines {
                assert!(font.width(line, 10.5) <= width + EPSILON, "{line:?} is wider than {width}");
                assert!(!line.starts_with(' ') && !line.ends_with(' '), "{line:?}");
            }
            let words: Vec<&str> = lines.iter().flat_map(|l| l.split(' ')).collect();
            let longest = VIETNAMESE.split(' ').map(|w| font.width(w, 10.5)).fold(0.0, f32::max);
            if longest <= width {
                assert_eq!(words, VIETNAMESE.split(' ').collect::<Vec<_>>());
            } else {
                // Some words broken: the letters are all there, in order.
                assert_eq!(lines.concat().replace(' ', ""), VIETNAMESE.replace(' ', ""));
            }
        }
    }

    #[test]
    fn lines_are_filled_greedily() {
        // Each line but the last would overflow with the next line's first word added.
        let font = regular();
        let width = 200.0;
        let lines = wrap(VIETNAMESE, font, 10.5, width);
        assert!(lines.len() >= 3);
        for pair in lines.windows(2) {
            let next_word = pair[1].split(' ').next().unwrap();
            let joined = format!("{} {next_word}", pair[0]);
            assert!(font.width(&joined, 10.5) > width, "{joined:?} would have fit");
        }
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken() {
        let font = regular();
        let word = "Đồngý".repeat(40);
        let width = 100.0;
        let lines = wrap(&format!("a {word} b"), font, 10.0, width);
        assert!(lines.len() > 3);
        assert_eq!(lines[0], "a");
        assert_eq!(lines.concat(), format!("a{word} b"));
        for line in &lines {
            assert!(font.width(line, 10.0) <= width + EPSILON);
        }
        // Narrower than one letter: one letter a line, with its marks.
        let lines = wrap("e\u{0323}\u{0302}x", font, 10.0, 1.0);
        assert_eq!(lines, ["e\u{0323}\u{0302}", "x"]);
    }

    #[test]
    fn newlines_start_lines_and_empty_text_is_one_empty_line() {
        let font = regular();
        assert_eq!(wrap("", font, 10.0, 100.0), [""]);
        assert_eq!(wrap("một\n\nhai  ba", font, 10.0, 400.0), ["một", "", "hai ba"]);
    }

    #[test]
    fn only_lines_of_one_letter_words_get_wider_spaces() {
        let font = regular();
        let extra = space_extra("ỹ ợ ữ ặ", font, 10.0, 400.0);
        let space = font.advance_milli(font.glyph(' '));
        assert!((space + extra - LETTER_WORD_GAP * 1000.0).abs() < 0.01, "{space} + {extra}");
        assert!(line_width("ỹ ợ ữ ặ", font, 10.0, extra) > font.width("ỹ ợ ữ ặ", 10.0));
        assert_eq!(space_extra("Nguyễn Thị Hằng", font, 10.0, 400.0), 0.0);
        assert_eq!(space_extra("ỹ", font, 10.0, 400.0), 0.0);
        // Not when the wider line would not fit.
        let tight = font.width("ỹ ợ ữ ặ", 10.0);
        assert_eq!(space_extra("ỹ ợ ữ ặ", font, 10.0, tight), 0.0);
    }

    #[test]
    fn truncate_fits_the_width() {
        let font = regular();
        let width = 120.0;
        let cut = truncate(VIETNAMESE, font, 8.0, width);
        assert!(cut.ends_with('…'));
        assert!(font.width(&cut, 8.0) <= width + EPSILON);
        assert!(VIETNAMESE.starts_with(cut.trim_end_matches('…')));
        assert_eq!(truncate("Trang 1/3", font, 8.0, width), "Trang 1/3");
    }

    #[test]
    fn vietnamese_letters_have_glyphs() {
        let alphabet = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ";
        let fonts = Fonts::get().unwrap();
        for font in [&fonts.regular, &fonts.bold] {
            for c in alphabet.chars().chain(alphabet.to_uppercase().chars()) {
                assert_ne!(font.glyph(c), 0, "{} has no glyph for {c}", font.name);
            }
        }
    }
}
