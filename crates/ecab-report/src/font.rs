//! The two embedded faces and their metrics: the layout measures with exactly the advances the
//! PDF's width arrays declare, so a line that fits on paper fits in the layout.

use std::sync::LazyLock;

use crate::Error;

/// The font files, compiled in: the server needs no font on its machine.
const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// Which of the two faces a piece of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Face {
    Regular,
    Bold,
}

/// A face read once: glyph ids of the Basic Multilingual Plane in a dense table, advances by
/// glyph id, and the metrics the font descriptor needs.
pub(crate) struct Font {
    /// The PostScript name, also the font's name in the PDF.
    pub name: &'static str,
    pub data: &'static [u8],
    face: ttf_parser::Face<'static>,
    bmp: Vec<u16>,
    advances: Vec<u16>,
    units_per_em: f32,
    /// Ascender and descender (negative), in em.
    pub ascent: f32,
    pub descent: f32,
}

impl Font {
    fn read(name: &'static str, data: &'static [u8]) -> Option<Font> {
        let face = ttf_parser::Face::parse(data, 0).ok()?;
        let units_per_em = f32::from(face.units_per_em());
        let advances =
            (0..face.number_of_glyphs()).map(|g| face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0)).collect();
        let mut bmp = vec![0u16; 0x1_0000];
        let cmap = face.tables().cmap?;
        for subtable in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
            subtable.codepoints(|cp| {
                if let (Some(slot), Some(g)) = (bmp.get_mut(cp as usize), subtable.glyph_index(cp))
                    && *slot == 0
                {
                    *slot = g.0;
                }
            });
        }
        Some(Font {
            name,
            data,
            bmp,
            advances,
            units_per_em,
            ascent: f32::from(face.ascender()) / units_per_em,
            descent: f32::from(face.descender()) / units_per_em,
            face,
        })
    }

    /// The glyph that draws `c`, 0 (the empty box) when the font has none.
    pub fn glyph(&self, c: char) -> u16 {
        match self.bmp.get(c as usize) {
            Some(&g) => g,
            None => self.face.glyph_index(c).map_or(0, |g| g.0),
        }
    }

    /// A glyph's advance in thousandths of an em, as the PDF's width array has it.
    pub fn advance_milli(&self, glyph: u16) -> f32 {
        let units = self.advances.get(usize::from(glyph)).copied().unwrap_or(0);
        f32::from(units) * 1000.0 / self.units_per_em
    }

    /// The width of `text` set at `size` points, in points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance_milli(self.glyph(c))).sum::<f32>() * size / 1000.0
    }

    /// Metrics for the font descriptor, in thousandths of an em:
    /// (bounding box, cap height, stem width).
    pub fn descriptor_metrics(&self) -> ([f32; 4], f32, f32) {
        let scale = |v: i16| f32::from(v) * 1000.0 / self.units_per_em;
        let b = self.face.global_bounding_box();
        let cap = self.face.capital_height().map_or(self.ascent * 1000.0, scale);
        // The usual estimate from the weight class (as krilla and typst make it).
        let stem = 10.0 + 0.244 * (f32::from(self.face.weight().to_number()) - 50.0);
        ([scale(b.x_min), scale(b.y_min), scale(b.x_max), scale(b.y_max)], cap, stem)
    }
}

/// Both faces.
pub(crate) struct Fonts {
    pub regular: Font,
    pub bold: Font,
}

static FONTS: LazyLock<Result<Fonts, &'static str>> = LazyLock::new(|| {
    Ok(Fonts {
        regular: Font::read("DejaVuSans", REGULAR).ok_or("DejaVuSans")?,
        bold: Font::read("DejaVuSans-Bold", BOLD).ok_or("DejaVuSans-Bold")?,
    })
});

impl Fonts {
    /// The faces, read on first use.
    pub fn get() -> Result<&'static Fonts, Error> {
        FONTS.as_ref().map_err(|name| Error::Font(name))
    }

    pub fn face(&self, face: Face) -> &Font {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }
}
