//! Entries pdfium-render cannot set, added to annotations of a PDF that pdfium has just saved,
//! as an incremental update (a new revision of those objects appended to the file).
//!
//! pdfium-render keeps pdfium's annotation handles private (and this workspace forbids
//! `unsafe`), so an Ink annotation's `/InkList` (its strokes as numbers, required by the PDF
//! specification, used by readers that edit ink; poppler reports an ink annotation without one
//! as a syntax error) cannot be written through it. This module adds it afterwards: it reads
//! the saved file's cross-reference table, walks the page tree to the annotated page, finds the
//! annotation by its place in the page's `/Annots` and writes that one object again with the
//! extra entries.
//!
//! It only reads what pdfium writes for a full save: a classic cross-reference table and
//! trailer, every dictionary uncompressed. The added entries are numbers, names and arrays,
//! never strings, so they stay valid when the document is encrypted (pdfium keeps the
//! encryption of an owner-password document; strings already in the object are copied
//! byte for byte, and the object keeps its number, which their encryption depends on).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

/// Deepest nesting of arrays and dictionaries read (pdfium's parser stops at 64 as well).
const MAX_DEPTH: usize = 64;
/// Deepest page tree walked.
const MAX_TREE_DEPTH: usize = 64;
/// The trailer and `startxref` are looked for within this many bytes of the end.
const TAIL_WINDOW: usize = 4096;

/// Entries to add to one annotation dictionary.
#[derive(Debug, Clone)]
pub(crate) struct Addition {
    /// The page, from 0.
    pub page: u32,
    /// The annotation's place in the page's `/Annots`, counted from the end (0 is the last).
    pub from_end: usize,
    /// The subtype the annotation must have, such as `Ink`: a check that the right one is found.
    pub subtype: &'static str,
    /// The key of the first entry added; the annotation must not have it yet.
    pub key: &'static str,
    /// The entries in PDF syntax, such as `/InkList[[1 2 3 4]]`.
    pub entries: String,
}

/// Appends `additions` to `pdf` as one incremental update. On error `pdf` is left as it was
/// and the error says what in the file was not as pdfium writes it.
pub(crate) fn append(pdf: &mut Vec<u8>, additions: &[Addition]) -> Result<(), String> {
    if additions.is_empty() {
        return Ok(());
    }
    let update = update(pdf, additions)?;
    pdf.extend_from_slice(&update);
    Ok(())
}

/// The bytes of the incremental update that applies `additions` to `pdf`.
fn update(pdf: &[u8], additions: &[Addition]) -> Result<Vec<u8>, String> {
    let file = File::read(pdf)?;
    let pages = file.pages()?;
    // Object number → (generation, new body).
    let mut changed: BTreeMap<u32, (u16, Vec<u8>)> = BTreeMap::new();
    for addition in additions {
        let &page_ref = pages
            .get(addition.page as usize)
            .ok_or_else(|| format!("page {} is not in the saved document's page tree", addition.page))?;
        let page = file.object(page_ref)?;
        let annots = match page.value.get(b"Annots") {
            Some(Obj::Ref(r)) => file.object(*r)?.value,
            Some(direct) => direct.clone(),
            None => return Err(format!("page {} has no annotations", addition.page)),
        };
        let Obj::Array(annots) = annots else {
            return Err(format!("the annotations of page {} are not an array", addition.page));
        };
        let place = annots
            .len()
            .checked_sub(addition.from_end + 1)
            .ok_or_else(|| format!("page {} has fewer annotations than expected", addition.page))?;
        let Obj::Ref(annot_ref) = annots[place] else {
            return Err(format!("annotation {place} of page {} is not an indirect object", addition.page));
        };
        if changed.contains_key(&annot_ref.0) {
            return Err(format!("annotation object {} is named twice", annot_ref.0));
        }
        let annot = file.object(annot_ref)?;
        if annot.value.get(b"Subtype") != Some(&Obj::Name(addition.subtype.as_bytes().to_vec())) {
            return Err(format!("annotation {place} of page {} is not of subtype {}", addition.page, addition.subtype));
        }
        if annot.value.get(addition.key.as_bytes()).is_some() {
            return Err(format!("annotation {place} of page {} already has /{}", addition.page, addition.key));
        }
        // The dictionary again, the new entries just before its closing `>>`.
        let close = annot.end - 2;
        let mut body = Vec::with_capacity(annot.end - annot.start + addition.entries.len());
        body.extend_from_slice(&pdf[annot.start..close]);
        body.extend_from_slice(addition.entries.as_bytes());
        body.extend_from_slice(&pdf[close..annot.end]);
        changed.insert(annot_ref.0, (annot_ref.1, body));
    }

    // Offsets in the update count from the start of the whole file.
    let mut out = Vec::new();
    if !pdf.ends_with(b"\n") {
        out.push(b'\n');
    }
    let mut offsets = Vec::with_capacity(changed.len());
    for (&number, (generation, body)) in &changed {
        offsets.push((number, *generation, pdf.len() + out.len()));
        out.extend_from_slice(format!("{number} {generation} obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref_at = pdf.len() + out.len();
    let mut xref = String::from("xref\n");
    for (number, generation, offset) in offsets {
        // Entries are exactly 20 bytes: the line ends with a space and a line feed.
        let _ = write!(xref, "{number} 1\n{offset:010} {generation:05} n \n");
    }
    xref.push_str("trailer\n<<");
    out.extend_from_slice(xref.as_bytes());
    // The newest trailer's entries as they are, but for the links to older tables.
    for entry in file.trailer.iter().filter(|e| e.key != b"Prev" && e.key != b"XRefStm") {
        out.push(b'/');
        out.extend_from_slice(&entry.key);
        out.push(b' ');
        out.extend_from_slice(&pdf[entry.span.0..entry.span.1]);
    }
    out.extend_from_slice(format!("/Prev {}>>\nstartxref\n{xref_at}\n%%EOF\n", file.startxref).as_bytes());
    Ok(out)
}

/// A number in PDF syntax: at most three decimals, no exponent, no trailing zeros.
pub(crate) fn number(v: f32) -> String {
    let mut s = format!("{:.3}", if v.is_finite() { v } else { 0.0 });
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" { "0".into() } else { s }
}

/// An object reference: number and generation.
type Ref = (u32, u16);

/// A PDF object as far as this module needs it: strings are not kept.
#[derive(Debug, Clone, PartialEq)]
enum Obj {
    Null,
    Bool(bool),
    Num(f64),
    Name(Vec<u8>),
    Str,
    Array(Vec<Obj>),
    Dict(Vec<Entry>),
    Ref(Ref),
}

#[derive(Debug, Clone, PartialEq)]
struct Entry {
    key: Vec<u8>,
    value: Obj,
    /// Where the value's text is in the file.
    span: (usize, usize),
}

impl Obj {
    fn get(&self, key: &[u8]) -> Option<&Obj> {
        match self {
            Obj::Dict(entries) => entries.iter().rev().find(|e| e.key == key).map(|e| &e.value),
            _ => None,
        }
    }
}

/// An indirect object read from the file: its value and where the value's text is.
struct Object {
    value: Obj,
    start: usize,
    end: usize,
}

/// The saved file as its last cross-reference table describes it.
struct File<'a> {
    buf: &'a [u8],
    /// Object number → (offset, generation) of objects in use.
    offsets: HashMap<u32, (usize, u16)>,
    /// The newest trailer.
    trailer: Vec<Entry>,
    /// Where the newest cross-reference table starts.
    startxref: usize,
}

impl<'a> File<'a> {
    fn read(buf: &'a [u8]) -> Result<File<'a>, String> {
        let tail_start = buf.len().saturating_sub(TAIL_WINDOW);
        let at = rfind(&buf[tail_start..], b"startxref")
            .map(|i| tail_start + i + b"startxref".len())
            .ok_or("no startxref at the end of the saved document")?;
        let mut p = Parser::new(buf, at);
        let startxref = match p.object()? {
            Obj::Num(n) if n >= 0.0 && n.fract() == 0.0 && (n as usize) < buf.len() => n as usize,
            _ => return Err("startxref is not an offset in the file".into()),
        };
        let mut file = File { buf, offsets: HashMap::new(), trailer: Vec::new(), startxref };
        let mut next = Some(startxref);
        let mut seen = HashSet::new();
        while let Some(at) = next.take() {
            if !seen.insert(at) {
                return Err("the cross-reference tables form a loop".into());
            }
            let trailer = file.read_table(at)?;
            next = match trailer.iter().rev().find(|e| e.key == b"Prev").map(|e| &e.value) {
                Some(Obj::Num(n)) if *n >= 0.0 && n.fract() == 0.0 && (*n as usize) < buf.len() => Some(*n as usize),
                Some(_) => return Err("the trailer's /Prev is not an offset in the file".into()),
                None => None,
            };
            if file.trailer.is_empty() {
                file.trailer = trailer;
            }
        }
        Ok(file)
    }

    /// Reads the cross-reference table at `at` (entries already known from a newer table win)
    /// and answers its trailer.
    fn read_table(&mut self, at: usize) -> Result<Vec<Entry>, String> {
        let mut p = Parser::new(self.buf, at);
        p.skip_space();
        if !p.keyword(b"xref") {
            return Err("the saved document has no classic cross-reference table".into());
        }
        loop {
            p.skip_space();
            if p.keyword(b"trailer") {
                break;
            }
            let first = p.unsigned()?;
            let count = p.unsigned()?;
            for i in 0..count {
                let offset = p.unsigned()?;
                let generation = u16::try_from(p.unsigned()?).map_err(|_| "bad generation number")?;
                p.skip_space();
                let in_use = match p.peek() {
                    Some(b'n') => true,
                    Some(b'f') => false,
                    _ => return Err("bad cross-reference entry".into()),
                };
                p.pos += 1;
                let number = u32::try_from(first + i).map_err(|_| "bad object number")?;
                if in_use {
                    self.offsets.entry(number).or_insert((offset, generation));
                }
            }
        }
        match p.object()? {
            Obj::Dict(entries) => Ok(entries),
            _ => Err("the trailer is not a dictionary".into()),
        }
    }

    fn object(&self, (number, generation): Ref) -> Result<Object, String> {
        let &(offset, found_generation) =
            self.offsets.get(&number).ok_or_else(|| format!("object {number} is not in the saved document"))?;
        if found_generation != generation {
            return Err(format!("object {number} has generation {found_generation}, not {generation}"));
        }
        let mut p = Parser::new(self.buf, offset);
        let header_ok =
            p.unsigned().ok() == Some(number as usize) && p.unsigned().ok() == Some(usize::from(generation)) && {
                p.skip_space();
                p.keyword(b"obj")
            };
        if !header_ok {
            return Err(format!("object {number} is not where the cross-reference table says"));
        }
        p.skip_space();
        let start = p.pos;
        let value = p.object()?;
        let end = p.pos;
        p.skip_space();
        if !p.keyword(b"endobj") {
            return Err(format!("object {number} is a stream or is not closed"));
        }
        Ok(Object { value, start, end })
    }

    /// The page objects in order.
    fn pages(&self) -> Result<Vec<Ref>, String> {
        let root = match self.trailer.iter().rev().find(|e| e.key == b"Root").map(|e| &e.value) {
            Some(Obj::Ref(r)) => *r,
            _ => return Err("the trailer names no catalog".into()),
        };
        let catalog = self.object(root)?.value;
        let Some(Obj::Ref(tree)) = catalog.get(b"Pages") else {
            return Err("the catalog names no page tree".into());
        };
        let mut pages = Vec::new();
        let mut seen = HashSet::new();
        self.walk(*tree, 0, &mut seen, &mut pages)?;
        Ok(pages)
    }

    fn walk(&self, node: Ref, depth: usize, seen: &mut HashSet<u32>, pages: &mut Vec<Ref>) -> Result<(), String> {
        if depth > MAX_TREE_DEPTH || !seen.insert(node.0) {
            return Err("the page tree is too deep or forms a loop".into());
        }
        let value = self.object(node)?.value;
        let kids = match value.get(b"Kids") {
            Some(Obj::Ref(r)) => Some(self.object(*r)?.value),
            other => other.cloned(),
        };
        match (value.get(b"Type"), kids) {
            (Some(Obj::Name(t)), _) if t == b"Page" => pages.push(node),
            (_, Some(Obj::Array(kids))) => {
                for kid in kids {
                    match kid {
                        Obj::Ref(r) => self.walk(r, depth + 1, seen, pages)?,
                        _ => return Err("a page tree node's kid is not an indirect object".into()),
                    }
                }
            }
            _ => pages.push(node),
        }
        Ok(())
    }
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

fn is_regular(b: u8) -> bool {
    !is_space(b) && !is_delimiter(b)
}

/// Reads PDF objects (not stream data) from a buffer.
struct Parser<'a> {
    buf: &'a [u8],
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn new(buf: &'a [u8], pos: usize) -> Self {
        Parser { buf, pos, depth: 0 }
    }

    fn peek(&self) -> Option<u8> {
        self.buf.get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b) = self.peek() {
            if is_space(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.peek().is_some_and(|b| b != b'\n' && b != b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// Consumes `word` if it comes next as a whole token.
    fn keyword(&mut self, word: &[u8]) -> bool {
        let end = self.pos + word.len();
        let whole = self.buf.get(self.pos..end) == Some(word) && self.buf.get(end).is_none_or(|&b| !is_regular(b));
        if whole {
            self.pos = end;
        }
        whole
    }

    fn regular(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.peek().is_some_and(is_regular) {
            self.pos += 1;
        }
        &self.buf[start..self.pos]
    }

    fn unsigned(&mut self) -> Result<usize, String> {
        self.skip_space();
        let token = self.regular();
        if token.is_empty() || !token.iter().all(u8::is_ascii_digit) {
            return Err("a number was expected".into());
        }
        std::str::from_utf8(token).ok().and_then(|s| s.parse().ok()).ok_or_else(|| "number too large".into())
    }

    fn object(&mut self) -> Result<Obj, String> {
        self.skip_space();
        let Some(b) = self.peek() else {
            return Err("unexpected end of the file".into());
        };
        match b {
            b'<' if self.buf.get(self.pos + 1) == Some(&b'<') => self.nested(Self::dict),
            b'<' => {
                let end = self.buf[self.pos..].iter().position(|&c| c == b'>').ok_or("unterminated hex string")?;
                self.pos += end + 1;
                Ok(Obj::Str)
            }
            b'(' => self.literal_string(),
            b'[' => self.nested(Self::array),
            b'/' => {
                self.pos += 1;
                Ok(Obj::Name(self.regular().to_vec()))
            }
            b'+' | b'-' | b'.' | b'0'..=b'9' => self.number_or_ref(),
            _ => {
                let token = self.regular();
                match token {
                    b"true" => Ok(Obj::Bool(true)),
                    b"false" => Ok(Obj::Bool(false)),
                    b"null" => Ok(Obj::Null),
                    _ => Err(format!("unexpected {:?} at offset {}", String::from_utf8_lossy(token), self.pos)),
                }
            }
        }
    }

    fn nested(&mut self, read: fn(&mut Self) -> Result<Obj, String>) -> Result<Obj, String> {
        if self.depth >= MAX_DEPTH {
            return Err("objects nested too deeply".into());
        }
        self.depth += 1;
        let result = read(self);
        self.depth -= 1;
        result
    }

    fn dict(&mut self) -> Result<Obj, String> {
        self.pos += 2;
        let mut entries = Vec::new();
        loop {
            self.skip_space();
            if self.buf[self.pos..].starts_with(b">>") {
                self.pos += 2;
                return Ok(Obj::Dict(entries));
            }
            let Obj::Name(key) = self.object()? else {
                return Err(format!("a dictionary key was expected at offset {}", self.pos));
            };
            self.skip_space();
            let start = self.pos;
            let value = self.object()?;
            entries.push(Entry { key, value, span: (start, self.pos) });
        }
    }

    fn array(&mut self) -> Result<Obj, String> {
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_space();
            if self.peek() == Some(b']') {
                self.pos += 1;
                return Ok(Obj::Array(items));
            }
            items.push(self.object()?);
        }
    }

    fn literal_string(&mut self) -> Result<Obj, String> {
        self.pos += 1;
        let mut depth = 1usize;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'\\' => self.pos += 1,
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(Obj::Str);
                    }
                }
                _ => {}
            }
        }
        Err("unterminated string".into())
    }

    /// A number, or `number generation R`.
    fn number_or_ref(&mut self) -> Result<Obj, String> {
        let token = self.regular();
        let text = std::str::from_utf8(token).map_err(|_| "bad number")?;
        let value: f64 = text.parse().map_err(|_| format!("bad number {text:?}"))?;
        if token.iter().all(u8::is_ascii_digit) {
            let save = self.pos;
            if let (Ok(number), Ok(generation)) = (u32::try_from(value as u64), self.unsigned()) {
                self.skip_space();
                if let (Ok(generation), true) = (u16::try_from(generation), self.keyword(b"R")) {
                    return Ok(Obj::Ref((number, generation)));
                }
            }
            self.pos = save;
        }
        Ok(Obj::Num(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF as pdfium writes one: two pages under a nested tree, annotations as indirect
    /// objects, one page's `/Annots` indirect, a string with parentheses and `>>` in it.
    fn sample() -> Vec<u8> {
        let objects = [
            "<</Type/Catalog/Pages 2 0 R>>",
            "<</Type/Pages/Kids[ 3 0 R]/Count 2>>",
            "<</Type/Pages/Parent 2 0 R/Kids[ 4 0 R 5 0 R ]/Count 2>>",
            "<</Type/Page/Parent 3 0 R/MediaBox[ 0 0 200 100]/Annots[ 6 0 R  7 0 R ]>>",
            "<</Type/Page/Parent 3 0 R/MediaBox[0 0 200 100]/Annots 8 0 R>>",
            "<</Type/Annot/Subtype/Highlight/Rect[ 1 2 3 4]/Contents(a \\) >> b)>>",
            "<</AP<</N 10 0 R >>/C[ 0 .5 0]/Contents<FEFF0041>/Rect[ 10 20 30 40]/Subtype/Ink/Type/Annot>>",
            "[ 9 0 R ]",
            "<</Type/Annot/Subtype/Ink/Rect[ 0 0 1 1]% a comment\r\n/F 4>>",
            "<</Type/XObject/Subtype/Form/BBox[0 0 1 1]/Length 0>>stream\r\n\r\nendstream",
        ];
        let mut pdf = b"%PDF-1.7\r\n%\xa1\xb3\xc5\xd7\r\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(pdf.len());
            pdf.extend_from_slice(format!("{} 0 obj\r\n{body}\r\nendobj\r\n", i + 1).as_bytes());
        }
        let xref = pdf.len();
        pdf.extend_from_slice(format!("xref\r\n0 {}\r\n0000000000 65535 f\r\n", objects.len() + 1).as_bytes());
        for offset in offsets {
            pdf.extend_from_slice(format!("{offset:010} 00000 n\r\n").as_bytes());
        }
        let trailer = format!(
            "trailer\r\n<</Root 1 0 R/Size {}/ID[<00AA><11BB>]>>\r\nstartxref\r\n{xref}\r\n%%EOF\r\n",
            objects.len() + 1
        );
        pdf.extend_from_slice(trailer.as_bytes());
        pdf
    }

    fn ink(page: u32, from_end: usize, entries: &str) -> Addition {
        Addition { page, from_end, subtype: "Ink", key: "InkList", entries: entries.into() }
    }

    #[test]
    fn reads_objects_pages_and_trailer() {
        let pdf = sample();
        let file = File::read(&pdf).unwrap();
        assert_eq!(file.pages().unwrap(), vec![(4, 0), (5, 0)]);
        let highlight = file.object((6, 0)).unwrap().value;
        assert_eq!(highlight.get(b"Subtype"), Some(&Obj::Name(b"Highlight".to_vec())));
        assert_eq!(highlight.get(b"Contents"), Some(&Obj::Str));
        let rect = file.object((7, 0)).unwrap().value.get(b"Rect").cloned();
        assert_eq!(rect, Some(Obj::Array(vec![Obj::Num(10.0), Obj::Num(20.0), Obj::Num(30.0), Obj::Num(40.0)])));
        let raw = |e: &Entry| (String::from_utf8_lossy(&e.key).into_owned(), &pdf[e.span.0..e.span.1]);
        assert_eq!(raw(&file.trailer[0]), ("Root".to_string(), &b"1 0 R"[..]));
        assert_eq!(raw(&file.trailer[2]), ("ID".to_string(), &b"[<00AA><11BB>]"[..]));
        assert!(file.object((10, 0)).is_err(), "a stream is not read as a dictionary");
    }

    #[test]
    fn appends_entries_as_a_new_revision() {
        let pdf = sample();
        let mut out = pdf.clone();
        append(&mut out, &[ink(0, 0, "/InkList[[1 2 3 4]]"), ink(1, 0, "/InkList[[5 6]]")]).unwrap();
        assert!(out.starts_with(&pdf), "the saved document is kept as it is");
        let file = File::read(&out).unwrap();
        assert!(file.trailer.iter().any(|e| e.key == b"Prev"));
        let first = file.object((7, 0)).unwrap();
        let list = first.value.get(b"InkList").cloned();
        assert_eq!(
            list,
            Some(Obj::Array(vec![Obj::Array(vec![1.0, 2.0, 3.0, 4.0].into_iter().map(Obj::Num).collect())]))
        );
        assert_eq!(first.value.get(b"Contents"), Some(&Obj::Str), "the other entries stay");
        assert!(file.object((9, 0)).unwrap().value.get(b"InkList").is_some());
        // Nothing else changed: the highlight is still read from the first revision.
        assert!(file.offsets[&6].0 < pdf.len());
        assert_eq!(file.pages().unwrap().len(), 2);
        // And a second update on top of the first still finds its way.
        let mut again = out.clone();
        append(&mut again, &[Addition { key: "BS", ..ink(0, 0, "/BS<</W 2>>") }]).unwrap();
        let file = File::read(&again).unwrap();
        let annot = file.object((7, 0)).unwrap().value;
        assert!(annot.get(b"BS").is_some() && annot.get(b"InkList").is_some());
    }

    #[test]
    fn refuses_the_wrong_annotation() {
        let pdf = sample();
        for (addition, why) in [
            (ink(0, 1, "/InkList[]"), "subtype"),
            (ink(0, 2, "/InkList[]"), "fewer"),
            (ink(2, 0, "/InkList[]"), "page tree"),
        ] {
            let mut copy = pdf.clone();
            let err = append(&mut copy, &[addition]).unwrap_err();
            assert!(err.contains(why), "{err}");
            assert_eq!(copy, pdf, "nothing is appended on error");
        }
        let twice = append(&mut pdf.clone(), &[ink(0, 0, "/InkList[]"), ink(0, 0, "/InkList[]")]).unwrap_err();
        assert!(twice.contains("twice"), "{twice}");
        let mut once = pdf;
        append(&mut once, &[ink(0, 0, "/InkList[]")]).unwrap();
        let err = append(&mut once, &[ink(0, 0, "/InkList[]")]).unwrap_err();
        assert!(err.contains("already"), "{err}");
    }

    #[test]
    fn refuses_what_pdfium_does_not_write() {
        assert!(append(&mut b"%PDF-1.7\n".to_vec(), &[ink(0, 0, "")]).is_err());
        let mut stream_xref = sample();
        let at = rfind(&stream_xref, b"xref\r\n0 ").unwrap();
        stream_xref[at..at + 4].copy_from_slice(b"XREF");
        let err = append(&mut stream_xref, &[ink(0, 0, "")]).unwrap_err();
        assert!(err.contains("classic"), "{err}");
        let mut deep = b"%PDF-1.7\n1 0 obj\n".to_vec();
        deep.extend(std::iter::repeat_n(b'[', 100));
        assert!(Parser::new(&deep, 17).object().is_err());
        let mut not_pdf = b"not a pdf".to_vec();
        append(&mut not_pdf, &[]).unwrap();
        assert_eq!(not_pdf, b"not a pdf", "nothing to add, nothing read");
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(number(12.0), "12");
        assert_eq!(number(0.5), "0.5");
        assert_eq!(number(-2.71838), "-2.718");
        assert_eq!(number(595.2756), "595.276");
        assert_eq!(number(-0.0001), "0");
        assert_eq!(number(f32::NAN), "0");
    }
}
