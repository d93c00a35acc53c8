//! Compact page images for slow links: a page of text at phone width as a 4-bit (16-colour)
//! or 8-bit indexed PNG, a page with pictures as JPEG. The choice is made from the rendered
//! bitmap by counting its colours.
//!
//! Colours are counted in 4096 bins (16 levels per channel). Anti-aliased black text on white
//! paper, with or without the grey watermark, fills about 16 bins along the grey axis; coloured
//! headings and charts add a few dozen; a photograph spreads over hundreds. The palette is the
//! mean colour of the most used bins; every pixel takes the palette colour nearest to its bin.

use image::ExtendedColorType;
use image::codecs::jpeg::JpegEncoder;
use serde::{Deserialize, Serialize};

use crate::PdfError;

/// Share of the pixels the palette's bins must hold for a 16-colour PNG.
const COVER_16: f64 = 0.999;
/// Share of the pixels the palette's bins must hold for a 256-colour PNG; below it, JPEG.
const COVER_256: f64 = 0.995;
/// Largest step between neighbouring pixels counted as smooth by [`smooth_share`].
const SMOOTH_STEP: u8 = 12;
/// Share of smooth neighbours above which a page is treated as a picture (JPEG) even when its
/// colours would fit a palette: a black-and-white photograph in 16 greys would show bands.
/// Watermarked text pages of the demo pack at 780 px: 2.6–4.9 %; a page half covered by a
/// photograph: 36 %.
const MAX_SMOOTH: f64 = 0.10;
/// JPEG quality for pages with pictures: the text and the watermark on them stay sharp enough
/// to read at phone width.
const JPEG_QUALITY: u8 = 80;
/// zlib level of the indexed PNGs. On the demo pack at 780 px: level 1 gives 73 KB a page,
/// 3 gives 59 KB in about the time of the RGB PNG, 6 and 9 save 2–3 KB more for 8–20 ms.
const PNG_LEVEL: u8 = 3;

/// The file format of a page image.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum ImageFormat {
    #[default]
    Png,
    Jpeg,
}

impl ImageFormat {
    /// The media type to send with the bytes.
    pub fn content_type(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
        }
    }
}

/// A rendered page in the format [`PdfPool::render_compact`](crate::PdfPool::render_compact)
/// chose for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageImage {
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

impl PageImage {
    /// The media type of `bytes`.
    pub fn content_type(&self) -> &'static str {
        self.format.content_type()
    }
}

/// The nearest of 16 evenly spaced levels (0, 17, …, 255): white's bin holds 247–255 only, so
/// the watermark's lightest grey does not fall into the paper's.
const LEVEL: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = ((c * 15 + 127) / 255) as u8;
        c += 1;
    }
    t
};

fn bin(p: &[u8]) -> usize {
    (usize::from(LEVEL[usize::from(p[0])]) << 8)
        | (usize::from(LEVEL[usize::from(p[1])]) << 4)
        | usize::from(LEVEL[usize::from(p[2])])
}

/// Encodes packed RGB rows (`width * 3` bytes each) compactly; returns the format chosen.
pub(crate) fn encode(rgb: &[u8], width: u32, height: u32) -> Result<(ImageFormat, Vec<u8>), PdfError> {
    let pixels = rgb.len() / 3;
    if pixels == 0 || pixels != width as usize * height as usize {
        return Err(PdfError::Corrupt("the page rendered to an image of unexpected size".into()));
    }
    if smooth_share(rgb, width as usize) > MAX_SMOOTH {
        return jpeg(rgb, width, height).map(|bytes| (ImageFormat::Jpeg, bytes));
    }
    let mut count = vec![0u64; 4096];
    let mut sum = vec![[0u64; 3]; 4096];
    for p in rgb.chunks_exact(3) {
        let b = bin(p);
        count[b] += 1;
        for (s, &c) in sum[b].iter_mut().zip(p) {
            *s += u64::from(c);
        }
    }
    let mut used: Vec<usize> = (0..4096).filter(|&b| count[b] > 0).collect();
    used.sort_by(|&a, &b| count[b].cmp(&count[a]).then(a.cmp(&b)));
    let covered = |n: usize| used.iter().take(n).map(|&b| count[b]).sum::<u64>() as f64 / pixels as f64;
    let colours = if covered(16) >= COVER_16 {
        16
    } else if covered(256) >= COVER_256 {
        256
    } else {
        return jpeg(rgb, width, height).map(|bytes| (ImageFormat::Jpeg, bytes));
    };
    let palette: Vec<[u8; 3]> =
        used.iter().take(colours).map(|&b| sum[b].map(|s| ((s + count[b] / 2) / count[b]).min(255) as u8)).collect();
    // The palette entry nearest to each bin's mean (its own entry for the palette's bins).
    let mut lut = vec![0u8; 4096];
    for (i, &b) in used.iter().enumerate().take(colours) {
        lut[b] = i as u8;
    }
    for &b in used.iter().skip(colours) {
        let mean = sum[b].map(|s| (s / count[b]) as i32);
        let nearest = palette
            .iter()
            .enumerate()
            .min_by_key(|(_, c)| (0..3).map(|i| (i32::from(c[i]) - mean[i]).pow(2)).sum::<i32>())
            .map_or(0, |(i, _)| i);
        lut[b] = nearest as u8;
    }
    let indexed = pack(rgb, width as usize, &lut, colours == 16);
    let depth = if colours == 16 { png::BitDepth::Four } else { png::BitDepth::Eight };
    indexed_png(&indexed, width, height, depth, &palette).map(|bytes| (ImageFormat::Png, bytes))
}

/// Share of horizontally adjacent pixel pairs that differ, but only a little (at most
/// [`SMOOTH_STEP`] in every channel): the fine gradients and grain of photographs and scans.
/// Text and drawings are flat areas with sharp edges; only the faint rim of anti-aliasing
/// (and of the watermark's letters) changes by small steps.
fn smooth_share(rgb: &[u8], width: usize) -> f64 {
    let mut smooth = 0u64;
    for row in rgb.chunks_exact(width * 3) {
        for pair in row.windows(6).step_by(3) {
            let (a, b) = (&pair[..3], &pair[3..]);
            let step = (0..3).map(|i| a[i].abs_diff(b[i])).max().unwrap_or(0);
            if step > 0 && step <= SMOOTH_STEP {
                smooth += 1;
            }
        }
    }
    smooth as f64 / (rgb.len() / 3) as f64
}

/// Palette indices, row by row; two pixels a byte (high nibble first) when `four_bits`.
fn pack(rgb: &[u8], width: usize, lut: &[u8], four_bits: bool) -> Vec<u8> {
    let row_len = width * 3;
    if !four_bits {
        return rgb.chunks_exact(3).map(|p| lut[bin(p)]).collect();
    }
    let mut out = Vec::with_capacity(rgb.len() / row_len * width.div_ceil(2));
    for row in rgb.chunks_exact(row_len) {
        for pair in row.chunks(6) {
            let hi = lut[bin(&pair[..3])];
            let lo = if pair.len() == 6 { lut[bin(&pair[3..])] } else { 0 };
            out.push((hi << 4) | (lo & 0x0f));
        }
    }
    out
}

fn indexed_png(
    data: &[u8],
    width: u32,
    height: u32,
    depth: png::BitDepth,
    palette: &[[u8; 3]],
) -> Result<Vec<u8>, PdfError> {
    let failed = |e: png::EncodingError| PdfError::Io(std::io::Error::other(format!("PNG encoding failed: {e}")));
    let mut out = Vec::with_capacity(data.len() / 4);
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(depth);
    encoder.set_palette(palette.concat());
    encoder.set_deflate_compression(png::DeflateCompression::Level(PNG_LEVEL));
    encoder.set_filter(png::Filter::NoFilter);
    let mut writer = encoder.write_header().map_err(failed)?;
    writer.write_image_data(data).map_err(failed)?;
    writer.finish().map_err(failed)?;
    Ok(out)
}

fn jpeg(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, PdfError> {
    let mut out = Vec::with_capacity(rgb.len() / 10);
    JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .encode(rgb, width, height, ExtendedColorType::Rgb8)
        .map_err(|e| PdfError::Io(std::io::Error::other(format!("JPEG encoding failed: {e}"))))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> image::RgbImage {
        image::load_from_memory(bytes).unwrap().to_rgb8()
    }

    #[test]
    fn black_and_white_is_a_16_colour_png() {
        // 5 × 2 (an odd width: the last byte of each row holds one pixel).
        let (w, h) = (5u32, 2u32);
        let mut rgb = vec![255u8; (w * h * 3) as usize];
        rgb[..3].copy_from_slice(&[0, 0, 0]);
        rgb[12..15].copy_from_slice(&[128, 128, 128]);
        let (format, bytes) = encode(&rgb, w, h).unwrap();
        assert_eq!(format, ImageFormat::Png);
        let img = decode(&bytes);
        assert_eq!(img.dimensions(), (w, h));
        assert_eq!(img.get_pixel(0, 0).0, [0, 0, 0]);
        assert_eq!(img.get_pixel(4, 0).0, [128, 128, 128]);
        assert_eq!(img.get_pixel(1, 1).0, [255, 255, 255]);
        // 4 bits a pixel: the IHDR's bit depth.
        assert_eq!(bytes[24], 4, "bit depth");
        assert_eq!(bytes[25], 3, "colour type: indexed");
    }

    #[test]
    fn a_few_dozen_colours_are_an_8_bit_png_and_noise_is_a_jpeg() {
        let (w, h) = (64u32, 64u32);
        // 40 colours, each in a bin of its own.
        let colour = |k: u32| [(k % 16 * 16 + 8) as u8, (k / 16 * 64 + 8) as u8, (k * 7 % 16 * 16) as u8];
        let few: Vec<u8> = (0..w * h).flat_map(|i| colour(i % 40)).collect();
        let (format, bytes) = encode(&few, w, h).unwrap();
        assert_eq!((format, bytes[24]), (ImageFormat::Png, 8));
        let img = decode(&bytes);
        assert_eq!(img.get_pixel(5, 0).0, colour(5));
        assert_eq!(img.get_pixel(39, 0).0, colour(39));

        let mut state = 0x9e37_79b9_u32;
        let noise: Vec<u8> = (0..w * h * 3)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                state as u8
            })
            .collect();
        let (format, bytes) = encode(&noise, w, h).unwrap();
        assert_eq!(format, ImageFormat::Jpeg);
        // A black-and-white photograph: few greys, but smooth, so not posterised to 16 levels.
        let grey: Vec<u8> = (0..w * h)
            .flat_map(|i| {
                let v = (60 + (i % w) * 2 + (i / w) + (i * 7 % 5)) as u8;
                [v, v, v]
            })
            .collect();
        assert_eq!(encode(&grey, w, h).unwrap().0, ImageFormat::Jpeg);
        assert_eq!(format.content_type(), "image/jpeg");
        assert_eq!(decode(&bytes).dimensions(), (w, h));
    }
}
