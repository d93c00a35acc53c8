//! Page images rendered by the server for browser readers.

use reqwest::{Method, StatusCode, header};

use crate::common::Server;

fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    (be(16), be(20))
}

#[tokio::test]
async fn pages_render_cache_and_respect_permissions() {
    let s = Server::start().await;
    let d = s.login("daibieu05").await;
    let meeting = d.meeting_id("thường kỳ").await;
    let (_, detail) = d.get(&format!("/api/v1/meetings/{meeting}")).await;
    let docs = detail["documents"].as_array().unwrap();
    let big = docs.iter().find(|x| x["current"]["page_count"].as_u64() > Some(100)).unwrap()["id"].as_str().unwrap();
    let secret = docs.iter().find(|x| x["confidentiality"] == "confidential").unwrap()["id"].as_str().unwrap();

    let path = format!("/api/v1/documents/{big}/pages/49?width=400");
    let res = d.req(Method::GET, &path).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "image/png");
    let etag = res.headers()[header::ETAG].clone();
    let (w, h) = png_size(&res.bytes().await.unwrap());
    assert_eq!(w, 400);
    assert!(h > w, "an A4 portrait page");
    let again = d.req(Method::GET, &path).header(header::IF_NONE_MATCH, etag).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);

    let (status, e) = d.get(&format!("/api/v1/documents/{big}/pages/500")).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    let outsider = s.login("phochutich").await;
    assert_eq!(outsider.get(&path).await.0, StatusCode::NOT_FOUND);
    let bridge = s.login("diemcau03").await;
    assert_eq!(bridge.get(&format!("/api/v1/documents/{secret}/pages/0")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(d.get(&format!("/api/v1/documents/{secret}/pages/0?width=100")).await.0, StatusCode::OK);
}

/// Whether two PNGs hold the same pixels.
fn same_pixels(a: &[u8], b: &[u8]) -> bool {
    let decode = |png: &[u8]| image::load_from_memory_with_format(png, image::ImageFormat::Png).unwrap().to_rgb8();
    decode(a) == decode(b)
}

async fn page_png(c: &crate::common::Client<'_>, path: &str) -> (Vec<u8>, String) {
    let res = c.req(Method::GET, path).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    let etag = res.headers()[header::ETAG].to_str().unwrap().to_owned();
    (res.bytes().await.unwrap().to_vec(), etag)
}

/// The documents of the regular meeting: (the 126-page report, the confidential draft).
async fn report_and_secret(c: &crate::common::Client<'_>) -> (String, String) {
    let meeting = c.meeting_id("thường kỳ").await;
    let (_, detail) = c.get(&format!("/api/v1/meetings/{meeting}")).await;
    let docs = detail["documents"].as_array().unwrap();
    let id = |doc: &serde_json::Value| doc["id"].as_str().unwrap().to_owned();
    let big = docs.iter().find(|x| x["current"]["page_count"].as_u64() > Some(100)).map(id).unwrap();
    let secret = docs.iter().find(|x| x["confidentiality"] == "confidential").map(id).unwrap();
    (big, secret)
}

#[tokio::test]
async fn confidential_pages_carry_each_readers_name_and_are_never_shared() {
    let s = Server::start().await;
    let (a, b) = (s.login("daibieu05").await, s.login("daibieu06").await);
    let (big, secret) = report_and_secret(&a).await;
    let secret_page = format!("/api/v1/documents/{secret}/pages/0?width=480");

    // A first, then B: B's page is not A's cached one, and A gets theirs back from the cache.
    let (for_a, etag_a) = page_png(&a, &secret_page).await;
    let (for_b, etag_b) = page_png(&b, &secret_page).await;
    assert_ne!(etag_a, etag_b, "the tag names the watermark");
    assert!(!same_pixels(&for_a, &for_b), "each reader's page carries their own name");
    assert_eq!(page_png(&a, &secret_page).await.0, for_a, "A's page again, from the cache");
    assert_eq!(page_png(&b, &secret_page).await.0, for_b, "B's page again, from the cache");
    // B presenting A's tag gets B's page, not a 304 for A's.
    let res = b.req(Method::GET, &secret_page).header(header::IF_NONE_MATCH, &etag_a).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(same_pixels(&res.bytes().await.unwrap(), &for_b));

    // Without watermarks (another server, same demo) the page is neither A's nor B's.
    let plain_server = Server::start_with(|c| c.watermark_confidential = false).await;
    let plain_reader = plain_server.login("daibieu05").await;
    let (plain_big, plain_secret) = report_and_secret(&plain_reader).await;
    let (plain, _) = page_png(&plain_reader, &format!("/api/v1/documents/{plain_secret}/pages/0?width=480")).await;
    assert!(!same_pixels(&plain, &for_a) && !same_pixels(&plain, &for_b), "the watermark is drawn");

    // A normal document is not watermarked: both readers get the same page, same tag.
    let report_page = format!("/api/v1/documents/{big}/pages/3?width=480");
    let (report_a, tag_a) = page_png(&a, &report_page).await;
    let (report_b, tag_b) = page_png(&b, &report_page).await;
    assert_eq!((report_a, tag_a), (report_b, tag_b));
    let (unmarked, _) = page_png(&plain_reader, &format!("/api/v1/documents/{plain_big}/pages/3?width=480")).await;
    assert!(same_pixels(&unmarked, &page_png(&a, &report_page).await.0), "a normal page is never marked");
}

/// What a phone over 3G gets: the first page of the report at 390 CSS px on a 2× screen in
/// a compact encoding, and the page's text layer, gzipped.
#[tokio::test]
async fn a_phone_gets_a_compact_page_and_the_text_layer() {
    let s = Server::start().await;
    let d = s.login("daibieu05").await;
    let (big, secret) = report_and_secret(&d).await;

    let res = d.req(Method::GET, &format!("/api/v1/documents/{big}/pages/0?width=780")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "image/png");
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.len() <= 120 * 1024, "a text page costs {} KB", bytes.len() / 1024);
    assert_eq!(png_size(&bytes).0, ecab_protocol::query::page_width(780), "the width bucket that covers 780 px");

    let path = format!("/api/v1/documents/{big}/pages/0/text");
    let (status, layer) = d.get(&path).await;
    assert_eq!(status, StatusCode::OK, "{layer}");
    let words = layer["words"].as_array().unwrap();
    assert!(words.len() > 20, "{layer}");
    for w in words {
        let letters = w["text"].as_str().unwrap().chars().count();
        assert_eq!(w["chars"].as_array().unwrap().len(), letters, "{w}");
        for k in ["x", "y", "w", "h"] {
            let v = w["rect"][k].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&v), "{w}");
        }
    }
    // The same words as the page's plain text, in the same order.
    let (_, text) = d.get(&format!("/api/v1/documents/{big}/text")).await;
    let plain: Vec<&str> = text["pages"][0].as_str().unwrap().split_whitespace().collect();
    let layered: Vec<&str> = words.iter().map(|w| w["text"].as_str().unwrap()).collect();
    assert_eq!(layered, plain);

    let res = d.req(Method::GET, &path).header(header::ACCEPT_ENCODING, "gzip").send().await.unwrap();
    assert_eq!(res.headers().get(header::CONTENT_ENCODING).map(|v| v.to_str().unwrap()), Some("gzip"));
    let gz = res.bytes().await.unwrap().len();
    assert!(gz * 3 < layer.to_string().len(), "gzip: {gz} bytes");

    let (status, e) = d.get(&format!("/api/v1/documents/{big}/pages/500/text")).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    let bridge = s.login("diemcau03").await;
    assert_eq!(bridge.get(&format!("/api/v1/documents/{secret}/pages/0/text")).await.0, StatusCode::NOT_FOUND);
}
