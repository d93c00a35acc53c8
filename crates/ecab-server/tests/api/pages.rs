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
