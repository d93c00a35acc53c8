//! Compact page images (`PdfPool::render_compact`) against the real pdfium library: a page of
//! text at phone width fits a slow link, a page with a photograph comes out as JPEG.

mod common;

use common::{decode_png, fixture, library, pool, two_colour_pdf};
use ecab_pdf::{ImageFormat, PdfError};
use pdfium_render::prelude::*;

/// Phone width in device pixels (a 390-pt screen at 2×).
const PHONE: u32 = 780;
const BUDGET: usize = 120 * 1024;

fn decode(bytes: &[u8], format: ImageFormat) -> image::RgbImage {
    let expected = match format {
        ImageFormat::Png => image::ImageFormat::Png,
        ImageFormat::Jpeg => image::ImageFormat::Jpeg,
    };
    assert_eq!(image::guess_format(bytes).expect("a known image format"), expected);
    image::load_from_memory_with_format(bytes, expected).expect("decodes").to_rgb8()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_text_page_at_phone_width_fits_the_budget() {
    let pool = pool(1).await;
    let hello = fixture("hello.pdf");
    let full = pool.render(&hello, 0, PHONE).await.expect("render");
    let compact = pool.render_compact(&hello, 0, PHONE, None).await.expect("render compact");
    assert_eq!(compact.format, ImageFormat::Png);
    assert_eq!(compact.content_type(), "image/png");
    assert!(compact.bytes.len() <= BUDGET, "{} bytes (RGB PNG: {})", compact.bytes.len(), full.len());
    let img = decode(&compact.bytes, compact.format);
    let reference = decode_png(&full);
    assert_eq!(img.dimensions(), reference.dimensions());
    assert_eq!((compact.width, compact.height), reference.dimensions());
    assert_eq!(img.width(), PHONE);
    // Close to the full rendering everywhere: the text is the same text.
    let far = img.pixels().zip(reference.pixels()).filter(|(a, b)| (0..3).any(|i| a[i].abs_diff(b[i]) > 24)).count();
    assert!(far * 1000 < (img.width() * img.height()) as usize, "{far} pixels off by more than 24");
    let dark = img.pixels().filter(|p| p.0.iter().all(|&c| c < 100)).count();
    assert!(dark > 500, "the text is drawn ({dark} dark pixels)");
    pool.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_watermark_stays_legible() {
    let pool = pool(1).await;
    let hello = fixture("hello.pdf");
    let name = "Nguyễn Thị Ánh";
    let plain = pool.render_compact(&hello, 0, PHONE, None).await.expect("render");
    let marked = pool.render_compact(&hello, 0, PHONE, Some(name)).await.expect("render");
    assert!(marked.bytes.len() <= BUDGET, "{} bytes with the watermark", marked.bytes.len());
    let full = decode_png(&pool.render_watermarked(&hello, 0, PHONE, Some(name)).await.expect("render"));
    let (plain, marked) = (decode(&plain.bytes, plain.format), decode(&marked.bytes, marked.format));
    // The watermark's letters on blank paper in the full rendering (not their faintest
    // anti-aliased edges) are still marked in the compact one.
    let mark: Vec<(u32, u32)> = full
        .enumerate_pixels()
        .filter(|(x, y, p)| plain.get_pixel(*x, *y).0 == [255, 255, 255] && p.0.iter().all(|&c| c <= 240))
        .map(|(x, y, _)| (x, y))
        .collect();
    assert!(mark.len() > 2000, "{} watermark pixels", mark.len());
    let kept = mark.iter().filter(|&&(x, y)| marked.get_pixel(x, y).0 != [255, 255, 255]).count();
    assert!(kept * 100 >= mark.len() * 98, "{kept} of {} watermark pixels kept", mark.len());
    // Grey, see-through, and different from the paper by a visible step.
    for &(x, y) in &mark {
        let p = marked.get_pixel(x, y).0;
        assert!(p.iter().all(|&c| c >= 150), "pixel {x},{y} is {p:?}");
    }
    let (w, h) = full.dimensions();
    for (qx, qy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
        let in_quarter = mark
            .iter()
            .filter(|&&(x, y)| x * 2 / w == qx && y * 2 / h == qy && marked.get_pixel(x, y).0[0] <= 245)
            .count();
        assert!(in_quarter > 300, "quarter {qx},{qy}: {in_quarter} visibly marked pixels");
    }
    pool.shutdown().await;
}

/// A one-page PDF holding a photograph-like picture (smooth colour gradients with grain) over
/// most of the page and a line of text.
fn photo_pdf() -> Vec<u8> {
    let pdfium = Pdfium::new(Pdfium::bind_to_library(library()).expect("bind pdfium"));
    let mut doc = pdfium.create_new_pdf().expect("new pdf");
    let mut page = doc.pages_mut().create_page_at_end(PdfPagePaperSize::a4()).expect("page");
    let mut state = 0x1234_5678_u32;
    let photo = image::RgbImage::from_fn(600, 450, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let grain = (state % 24) as f32 - 12.0;
        let (fx, fy) = (x as f32 / 600.0, y as f32 / 450.0);
        let sky = |base: f32| (base + grain).clamp(0.0, 255.0) as u8;
        image::Rgb([
            sky(60.0 + 160.0 * fx * (1.0 - fy)),
            sky(90.0 + 120.0 * (fx * 6.0).sin().abs() * fy),
            sky(200.0 - 150.0 * fy + 40.0 * (fy * 9.0 + fx * 4.0).cos()),
        ])
    });
    let object =
        PdfPageImageObject::new_with_width(&doc, &image::DynamicImage::ImageRgb8(photo), PdfPoints::new(500.0))
            .expect("image object");
    let mut object = object;
    object.translate(PdfPoints::new(47.0), PdfPoints::new(300.0)).expect("place");
    page.objects_mut().add_image_object(object).expect("add");
    drop(page);
    doc.save_to_bytes().expect("save")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_with_a_photo_is_a_jpeg_and_few_colours_stay_exact() {
    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("photo.pdf");
    std::fs::write(&photo, photo_pdf()).unwrap();
    let pool = pool(1).await;
    let compact = pool.render_compact(&photo, 0, PHONE, Some("Trần Văn An")).await.expect("render");
    assert_eq!(compact.format, ImageFormat::Jpeg);
    assert_eq!(compact.content_type(), "image/jpeg");
    let img = decode(&compact.bytes, compact.format);
    assert_eq!(img.width(), PHONE);
    assert_eq!((compact.width, compact.height), img.dimensions());
    let full = pool.render_watermarked(&photo, 0, PHONE, Some("Trần Văn An")).await.expect("render");
    assert!(compact.bytes.len() * 3 < full.len(), "JPEG {} bytes, PNG {}", compact.bytes.len(), full.len());

    // Two flat colours: an indexed PNG with the colours exact.
    let colours = dir.path().join("colours.pdf");
    std::fs::write(&colours, two_colour_pdf()).unwrap();
    let compact = pool.render_compact(&colours, 0, 302, None).await.expect("render");
    assert_eq!(compact.format, ImageFormat::Png);
    let img = decode(&compact.bytes, compact.format);
    assert_eq!(img.dimensions(), (302, 151));
    assert_eq!(img.get_pixel(50, 75).0, [255, 0, 0]);
    assert_eq!(img.get_pixel(250, 75).0, [0, 0, 255]);
    pool.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn compact_renders_check_their_arguments_as_render_does() {
    let pool = pool(1).await;
    let hello = fixture("hello.pdf");
    assert!(matches!(pool.render_compact(&hello, 3, 300, None).await, Err(PdfError::PageOutOfRange { .. })));
    assert!(matches!(pool.render_compact(&hello, 0, 0, None).await, Err(PdfError::InvalidWidth { .. })));
    assert!(matches!(pool.render_compact(&hello, 0, 300, Some(" ")).await, Err(PdfError::InvalidWatermark(_))));
    assert!(matches!(pool.render_compact(&fixture("not-a-pdf.pdf"), 0, 300, None).await, Err(PdfError::NotPdf)));
    // The existing rendering is unchanged: an RGB PNG.
    let png = pool.render(&hello, 0, 300).await.expect("render");
    assert_eq!(png[25], 2, "colour type: RGB");
}
