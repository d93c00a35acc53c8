//! The `/InkList` of exported ink annotations.
//!
//! pdfium can write an ink annotation's strokes (`FPDFAnnot_AddInkStroke`), but pdfium-render
//! 0.9 offers no safe call for it and this workspace forbids `unsafe`. The export therefore
//! saves the document with pdfium first, each ink annotation's `Contents` and `T` holding a
//! unique placeholder, then appends an incremental update (ISO 32000-1, 7.5.6) that rewrites
//! those annotations with the real comment and author and with their `/InkList`. Readers that
//! edit ink use the list; every reader draws the appearance stream pdfium wrote.
//!
//! pdfium saves a full copy with a classic cross-reference table and no object streams, so
//! the placeholders and the trailer are found as plain text. Anything unexpected is an error
//! (the caller then exports without ink lists) rather than a guess.

use std::fmt::Write as _;

/// One ink annotation as pdfium saved it, found by its placeholders.
pub(crate) struct InkEntry {
    /// Placeholder written as the annotation's `Contents`.
    pub contents_marker: String,
    /// Placeholder written as the annotation's `T`.
    pub author_marker: String,
    pub contents: String,
    pub author: String,
    /// The strokes in page space, in points.
    pub strokes: Vec<Vec<(f32, f32)>>,
}

/// `pdf` with an incremental update that gives each of `entries` its real texts and its
/// `/InkList`; `Err` with the reason when the saved file is not as expected.
pub(crate) fn append(mut pdf: Vec<u8>, entries: &[InkEntry]) -> Result<Vec<u8>, String> {
    if entries.is_empty() {
        return Ok(pdf);
    }
    let prev = last_startxref(&pdf)?;
    let trailer = last_trailer(&pdf)?;
    if contains(trailer.as_bytes(), b"/Prev") || contains(trailer.as_bytes(), b"/Encrypt") {
        return Err("the saved document's trailer is not a single full save".into());
    }
    let mut objects: Vec<(u32, u32, Vec<u8>)> = Vec::with_capacity(entries.len());
    for entry in entries {
        let contents_token = literal(&entry.contents_marker);
        let at = find(&pdf, &contents_token, 0).ok_or("an ink annotation's placeholder is missing")?;
        let (number, generation, body_start) = object_header_before(&pdf, at)?;
        let end = find(&pdf, b"endobj", at).ok_or("an ink annotation's object has no end")?;
        let body = trim(&pdf[body_start..end]);
        if !body.starts_with(b"<<") || !body.ends_with(b">>") || contains(body, b"stream") {
            return Err("an ink annotation is not a plain dictionary".into());
        }
        let author_token = literal(&entry.author_marker);
        if find(body, &author_token, 0).is_none() {
            return Err("an ink annotation's author placeholder is missing".into());
        }
        let inner = &body[..body.len() - 2];
        let inner = replace(inner, &contents_token, hex_text(&entry.contents).as_bytes());
        let mut dict = replace(&inner, &author_token, hex_text(&entry.author).as_bytes());
        dict.extend_from_slice(ink_list(&entry.strokes).as_bytes());
        dict.extend_from_slice(b">>");
        objects.push((number, generation, dict));
    }
    objects.sort_by_key(|(number, _, _)| *number);

    if !pdf.ends_with(b"\n") {
        pdf.push(b'\n');
    }
    let mut xref = String::from("xref\n");
    for (number, generation, dict) in &objects {
        let offset = pdf.len();
        pdf.extend_from_slice(format!("{number} {generation} obj\n").as_bytes());
        pdf.extend_from_slice(dict);
        pdf.extend_from_slice(b"\nendobj\n");
        let _ = write!(xref, "{number} 1\n{offset:010} {generation:05} n \n");
    }
    let xref_offset = pdf.len();
    pdf.extend_from_slice(xref.as_bytes());
    let trailer = format!("trailer\n<<{trailer} /Prev {prev}>>\nstartxref\n{xref_offset}\n%%EOF\n");
    pdf.extend_from_slice(trailer.as_bytes());
    Ok(pdf)
}

/// The strokes as an `/InkList` entry: one array of x y pairs per stroke.
fn ink_list(strokes: &[Vec<(f32, f32)>]) -> String {
    let mut out = String::from("/InkList[");
    for stroke in strokes {
        out.push('[');
        for (i, (x, y)) in stroke.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            let _ = write!(out, "{} {}", number(*x), number(*y));
        }
        out.push(']');
    }
    out.push(']');
    out
}

/// A coordinate as a PDF number: at most three decimals, no exponent.
fn number(v: f32) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-" || s == "-0" { "0".into() } else { s.into() }
}

/// A text string as PDF writes one in UTF-16BE: `<FEFF…>`; `()` when empty.
pub(crate) fn hex_text(text: &str) -> String {
    if text.is_empty() {
        return "()".into();
    }
    let mut out = String::from("<FEFF");
    for unit in text.encode_utf16() {
        let _ = write!(out, "{unit:04X}");
    }
    out.push('>');
    out
}

/// A placeholder as pdfium writes it: a literal string (placeholders are plain ASCII letters,
/// digits and dashes, which need no escaping).
fn literal(marker: &str) -> Vec<u8> {
    format!("({marker})").into_bytes()
}

/// Object number, generation and the offset after `obj` of the object that holds `at`.
fn object_header_before(pdf: &[u8], at: usize) -> Result<(u32, u32, usize), String> {
    let bad = || "an ink annotation's object header was not found".to_string();
    let keyword = rfind(&pdf[..at], b" obj").ok_or_else(bad)?;
    let head = &pdf[..keyword];
    let (generation, rest) = trailing_number(head).ok_or_else(bad)?;
    let rest = rest.strip_suffix(b" ").ok_or_else(bad)?;
    let (number, _) = trailing_number(rest).ok_or_else(bad)?;
    Ok((number, generation, keyword + 4))
}

/// The decimal number at the end of `bytes` and what comes before it.
fn trailing_number(bytes: &[u8]) -> Option<(u32, &[u8])> {
    let digits = bytes.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 10 {
        return None;
    }
    let (rest, number) = bytes.split_at(bytes.len() - digits);
    std::str::from_utf8(number).ok()?.parse().ok().map(|n| (n, rest))
}

/// The offset after the last `startxref`.
fn last_startxref(pdf: &[u8]) -> Result<usize, String> {
    let at = rfind(pdf, b"startxref").ok_or("the saved document has no startxref")?;
    let rest = &pdf[at + b"startxref".len()..];
    let digits: String = rest
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .map(|&b| b as char)
        .collect();
    digits.parse().map_err(|_| "the saved document's startxref is not a number".into())
}

/// The inside of the last trailer dictionary (without its `<<` and `>>`).
fn last_trailer(pdf: &[u8]) -> Result<String, String> {
    let at = rfind(pdf, b"trailer").ok_or("the saved document has no classic trailer")?;
    let start = find(pdf, b"<<", at).ok_or("the trailer has no dictionary")? + 2;
    let end = find(pdf, b">>", start).ok_or("the trailer's dictionary has no end")?;
    let inner = &pdf[start..end];
    if contains(inner, b"<<") {
        return Err("the trailer holds a nested dictionary".into());
    }
    String::from_utf8(inner.to_vec()).map_err(|_| "the trailer is not text".into())
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|i| i + from)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle, 0).is_some()
}

fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|b| !b.is_ascii_whitespace()).map_or(start, |i| i + 1);
    &bytes[start..end]
}

/// `bytes` with the first `from` replaced by `to`.
fn replace(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    match find(bytes, from, 0) {
        Some(i) => [&bytes[..i], to, &bytes[i + from.len()..]].concat(),
        None => bytes.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_and_numbers() {
        assert_eq!(hex_text(""), "()");
        assert_eq!(hex_text("Ả("), "<FEFF1EA20028>");
        assert_eq!(hex_text("𝔸"), "<FEFFD835DD38>");
        assert_eq!(number(12.0), "12");
        assert_eq!(number(-0.0001), "0");
        assert_eq!(number(595.2756), "595.276");
        assert_eq!(ink_list(&[vec![(1.0, 2.5)], vec![(3.0, 4.0), (5.0, 6.0)]]), "/InkList[[1 2.5][3 4 5 6]]");
    }

    #[test]
    fn appends_an_update_for_each_ink_annotation() {
        let pdf = b"%PDF-1.7\r\n1 0 obj\r\n<</Type/Catalog>>\r\nendobj\r\n12 0 obj\r\n<</Contents(m-c)/Subtype/Ink/T(m-t)>>\r\nendobj\r\nxref\r\n0 13\r\ntrailer\r\n<</Root 1 0 R /Size 13>>\r\nstartxref\r\n77\r\n%%EOF\r\n".to_vec();
        let entry = InkEntry {
            contents_marker: "m-c".into(),
            author_marker: "m-t".into(),
            contents: "Ký".into(),
            author: "".into(),
            strokes: vec![vec![(1.0, 2.0), (3.0, 4.0)]],
        };
        let out = append(pdf.clone(), &[entry]).unwrap();
        assert!(out.starts_with(&pdf), "the saved bytes are kept as they are");
        let update = String::from_utf8_lossy(&out[pdf.len()..]).into_owned();
        let object_at = pdf.len();
        assert!(
            update.contains("12 0 obj\n<</Contents<FEFF004B00FD>/Subtype/Ink/T()/InkList[[1 2 3 4]]>>\nendobj\n"),
            "{update}"
        );
        assert!(update.contains(&format!("xref\n12 1\n{object_at:010} 00000 n \n")), "{update}");
        assert!(update.contains("trailer\n<</Root 1 0 R /Size 13 /Prev 77>>\nstartxref\n"), "{update}");
        assert!(update.ends_with("%%EOF\n"));
        // A placeholder that is not in the file is an error, not a silent skip.
        let missing = InkEntry {
            contents_marker: "other".into(),
            author_marker: "m-t".into(),
            contents: String::new(),
            author: String::new(),
            strokes: vec![],
        };
        assert!(append(pdf, &[missing]).is_err());
    }
}
