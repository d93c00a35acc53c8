//! Laid-out pages as PDF objects: each face a Type 0 font over a CIDFontType2 subset of the
//! TrueType file, with its own ToUnicode map.
//!
//! Every distinct character of a face gets its own CID (1, 2, … in order of first use) and a
//! CIDToGIDMap stream points it at its glyph in the subset. So the ToUnicode map gives every
//! character back exactly, even two that share a glyph, or one the font lacks (drawn as glyph 0).

use std::collections::HashMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use subsetter::GlyphRemapper;

use crate::Error;
use crate::font::{Face, Font, Fonts};
use crate::layout::{Op, PAGE_HEIGHT, PAGE_WIDTH, Page};

const SYSTEM_INFO: SystemInfo = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };
const FACES: [(Face, &[u8]); 2] = [(Face::Regular, b"R"), (Face::Bold, b"B")];

/// The characters set in one face, each with its CID.
struct Used<'a> {
    font: &'a Font,
    cids: HashMap<char, u16>,
    /// By CID, less one (CID 0 is the font's empty box and maps to no character).
    chars: Vec<char>,
}

impl<'a> Used<'a> {
    fn new(font: &'a Font) -> Self {
        Used { font, cids: HashMap::new(), chars: Vec::new() }
    }

    /// `text` as two-byte CIDs.
    fn encode(&mut self, text: &str) -> Result<Vec<u8>, Error> {
        let mut out = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            let cid = match self.cids.get(&c) {
                Some(&cid) => cid,
                None => {
                    let cid = u16::try_from(self.chars.len() + 1)
                        .map_err(|_| Error::TooManyCharacters(self.chars.len() + 1))?;
                    self.cids.insert(c, cid);
                    self.chars.push(c);
                    cid
                }
            };
            out.extend(cid.to_be_bytes());
        }
        Ok(out)
    }
}

/// The whole document.
pub(crate) fn write(pages: &[Page], fonts: &Fonts, title: &str) -> Result<Vec<u8>, Error> {
    let mut used = [Used::new(&fonts.regular), Used::new(&fonts.bold)];
    let contents = pages.iter().map(|page| content(page, &mut used)).collect::<Result<Vec<_>, _>>()?;

    let mut next = 1;
    let mut alloc = || {
        next += 1;
        Ref::new(next - 1)
    };
    let catalog = alloc();
    let tree = alloc();
    let info = alloc();
    let page_refs: Vec<(Ref, Ref)> = pages.iter().map(|_| (alloc(), alloc())).collect();
    let font_refs: Vec<Option<FontRefs>> =
        used.iter().map(|u| (!u.chars.is_empty()).then(|| FontRefs::new(&mut alloc))).collect();

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids(page_refs.iter().map(|p| p.0)).count(i32::try_from(pages.len()).unwrap_or(i32::MAX));
    let mut doc = pdf.document_info(info);
    if !title.is_empty() {
        doc.title(TextStr(title));
    }
    doc.producer(TextStr("eCabinet"));
    doc.finish();

    for (&(page_ref, content_ref), data) in page_refs.iter().zip(&contents) {
        let mut page = pdf.page(page_ref);
        page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT)).parent(tree).contents(content_ref);
        let mut resources = page.resources();
        let mut dict = resources.fonts();
        for ((_, name), refs) in FACES.iter().zip(&font_refs) {
            if let Some(refs) = refs {
                dict.pair(Name(name), refs.type0);
            }
        }
        dict.finish();
        resources.finish();
        page.finish();
        let data = deflate(data);
        check_length(&data)?;
        pdf.stream(content_ref, &data).filter(Filter::FlateDecode);
    }
    for (u, refs) in used.iter().zip(&font_refs) {
        if let Some(refs) = refs {
            write_font(&mut pdf, refs, u)?;
        }
    }
    Ok(pdf.finish())
}

/// One page's content stream.
fn content(page: &Page, used: &mut [Used; 2]) -> Result<Vec<u8>, Error> {
    let mut c = Content::new();
    for op in &page.ops {
        match op {
            Op::Fill { x, y, w, h, gray } => {
                c.set_fill_gray(*gray).rect(*x, PAGE_HEIGHT - y - h, *w, *h).fill_nonzero();
            }
            Op::Line { x1, x2, y, width, gray } => {
                let y = PAGE_HEIGHT - y;
                c.set_stroke_gray(*gray).set_line_width(*width).move_to(*x1, y).line_to(*x2, y).stroke();
            }
            Op::Text { x, y, face, size, gray, space_extra, text } => {
                let (slot, (_, name)) = match face {
                    Face::Regular => (0, FACES[0]),
                    Face::Bold => (1, FACES[1]),
                };
                c.set_fill_gray(*gray).begin_text().set_font(Name(name), *size).next_line(*x, PAGE_HEIGHT - y);
                if *space_extra > 0.0 {
                    // Each space followed by a shift to the right.
                    let mut shown = c.show_positioned();
                    let mut items = shown.items();
                    for (i, piece) in text.split_inclusive(' ').enumerate() {
                        if i > 0 {
                            items.adjust(-space_extra);
                        }
                        items.show(Str(&used[slot].encode(piece)?));
                    }
                    items.finish();
                    shown.finish();
                } else {
                    c.show(Str(&used[slot].encode(text)?));
                }
                c.end_text();
            }
        }
    }
    Ok(c.finish().to_vec())
}

/// The objects of one face.
struct FontRefs {
    type0: Ref,
    cid: Ref,
    descriptor: Ref,
    file: Ref,
    cid_to_gid: Ref,
    to_unicode: Ref,
}

impl FontRefs {
    fn new(alloc: &mut impl FnMut() -> Ref) -> Self {
        FontRefs {
            type0: alloc(),
            cid: alloc(),
            descriptor: alloc(),
            file: alloc(),
            cid_to_gid: alloc(),
            to_unicode: alloc(),
        }
    }
}

fn write_font(pdf: &mut Pdf, refs: &FontRefs, used: &Used) -> Result<(), Error> {
    let font = used.font;
    let glyphs: Vec<u16> = used.chars.iter().map(|&c| font.glyph(c)).collect();
    let mut remapper = GlyphRemapper::new();
    let subset_glyphs: Vec<u16> = glyphs.iter().map(|&g| remapper.remap(g)).collect();
    let subset = subsetter::subset(font.data, 0, &remapper)
        .map_err(|e| Error::Subset { font: font.name, reason: e.to_string() })?;
    let base_font = format!("{}+{}", subset_tag(font.name, &glyphs), font.name);

    pdf.type0_font(refs.type0)
        .base_font(Name(base_font.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(refs.cid)
        .to_unicode(refs.to_unicode);

    let mut cid = pdf.cid_font(refs.cid);
    cid.subtype(CidFontType::Type2)
        .base_font(Name(base_font.as_bytes()))
        .system_info(SYSTEM_INFO)
        .font_descriptor(refs.descriptor)
        .default_width(font.advance_milli(0))
        .cid_to_gid_map_stream(refs.cid_to_gid);
    cid.widths().consecutive(1, glyphs.iter().map(|&g| font.advance_milli(g)));
    cid.finish();

    let ([left, bottom, right, top], cap_height, stem) = font.descriptor_metrics();
    pdf.font_descriptor(refs.descriptor)
        .name(Name(base_font.as_bytes()))
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(left, bottom, right, top))
        .italic_angle(0.0)
        .ascent(font.ascent * 1000.0)
        .descent(font.descent * 1000.0)
        .cap_height(cap_height)
        .stem_v(stem)
        .font_file2(refs.file);

    let data = deflate(&subset);
    check_length(&data)?;
    pdf.stream(refs.file, &data)
        .filter(Filter::FlateDecode)
        .pair(Name(b"Length1"), i32::try_from(subset.len()).unwrap_or(i32::MAX));

    let map: Vec<u8> = [0u16].iter().chain(&subset_glyphs).flat_map(|g| g.to_be_bytes()).collect();
    pdf.stream(refs.cid_to_gid, &deflate(&map)).filter(Filter::FlateDecode);

    let mut cmap = UnicodeCmap::new(Name(b"Custom"), SYSTEM_INFO);
    for (i, &c) in used.chars.iter().enumerate() {
        // At most u16::MAX characters, as `Used::encode` saw to.
        cmap.pair(u16::try_from(i + 1).unwrap_or(0), c);
    }
    pdf.stream(refs.to_unicode, &deflate(&cmap.finish())).filter(Filter::FlateDecode);
    Ok(())
}

/// Six capital letters that name a subset (PDF 32000 §9.6.4), the same for the same glyphs.
fn subset_tag(name: &str, glyphs: &[u16]) -> String {
    // FNV-1a, enough to tell subsets apart; stable across Rust versions, unlike `DefaultHasher`.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in name.bytes().chain(glyphs.iter().flat_map(|g| g.to_be_bytes())) {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    (0..6)
        .map(|_| {
            let letter = char::from(b'A' + (hash % 26) as u8);
            hash /= 26;
            letter
        })
        .collect()
}

fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

/// pdf-writer panics on a stream longer than `i32::MAX` bytes.
fn check_length(data: &[u8]) -> Result<(), Error> {
    if i32::try_from(data.len()).is_err() {
        return Err(Error::TooLarge);
    }
    Ok(())
}
