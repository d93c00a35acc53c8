//! PNG encoding of rendered pages. Encoding costs as much as rendering, and the size is what a
//! reader on 3G waits for: zlib level 1 with adaptive filters takes about 8 ms for an A4 page at
//! 150 DPI and gives ~315 KB, where the fastest setting (fdeflate) takes ~4 ms and gives
//! ~505 KB (measured on the demo report; see BENCHMARKS.md).

use std::borrow::Cow;

use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{ExtendedColorType, ImageEncoder};

use crate::PdfError;

/// Encodes an RGB bitmap whose rows may be padded (pdfium aligns rows to 4 bytes) as PNG.
pub(crate) fn encode_rgb(raw: &[u8], width: u32, height: u32) -> Result<Vec<u8>, PdfError> {
    let rgb = packed_rgb(raw, width, height)?;
    let mut out = Vec::with_capacity(rgb.len() / 8);
    PngEncoder::new_with_quality(&mut out, CompressionType::Level(1), FilterType::Adaptive)
        .write_image(&rgb, width, height, ExtendedColorType::Rgb8)
        .map_err(|e| PdfError::Io(std::io::Error::other(format!("PNG encoding failed: {e}"))))?;
    Ok(out)
}

/// The rows of an RGB bitmap without their padding: `width * 3` bytes each.
pub(crate) fn packed_rgb(raw: &[u8], width: u32, height: u32) -> Result<Cow<'_, [u8]>, PdfError> {
    let (w, h) = (width as usize, height as usize);
    if w == 0 || h == 0 {
        return Err(PdfError::Corrupt("the page rendered to an empty image".into()));
    }
    let row_len = w * 3;
    let stride = raw.len() / h;
    if stride < row_len {
        return Err(PdfError::Corrupt("pdfium returned a bitmap of unexpected size".into()));
    }
    if stride == row_len {
        return Ok(Cow::Borrowed(&raw[..row_len * h]));
    }
    let mut packed = Vec::with_capacity(row_len * h);
    for row in raw.chunks_exact(stride).take(h) {
        packed.extend_from_slice(&row[..row_len]);
    }
    Ok(Cow::Owned(packed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_rows_are_packed() {
        // 2×2 pixels, rows padded from 6 to 8 bytes; first pixel red, the rest white.
        let mut raw = vec![255u8; 16];
        raw[..3].copy_from_slice(&[255, 0, 0]);
        raw[6..8].copy_from_slice(&[7, 7]);
        let png = encode_rgb(&raw, 2, 2).unwrap();
        let img = image::load_from_memory(&png).unwrap().to_rgb8();
        assert_eq!(img.dimensions(), (2, 2));
        assert_eq!(img.get_pixel(0, 0).0, [255, 0, 0]);
        assert_eq!(img.get_pixel(1, 0).0, [255, 255, 255]);
        assert_eq!(img.get_pixel(1, 1).0, [255, 255, 255]);
    }

    #[test]
    fn unpadded_rows_are_used_as_they_are() {
        let raw = [0, 0, 255, 0, 255, 0];
        let img = image::load_from_memory(&encode_rgb(&raw, 2, 1).unwrap()).unwrap().to_rgb8();
        assert_eq!(img.get_pixel(0, 0).0, [0, 0, 255]);
        assert_eq!(img.get_pixel(1, 0).0, [0, 255, 0]);
    }
}
