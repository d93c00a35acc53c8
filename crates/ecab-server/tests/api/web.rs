//! The server hands the web ui to browsers, with the app's own routes working on reload.

use reqwest::StatusCode;

use crate::common::Server;

#[tokio::test]
async fn the_ui_is_served_with_a_fallback_to_its_index() {
    let ui = tempfile::tempdir().unwrap();
    std::fs::write(ui.path().join("index.html"), "<!doctype html><title>eCabinet</title>").unwrap();
    std::fs::write(ui.path().join("app.js"), "console.log(1)").unwrap();
    let dir = ui.path().to_owned();
    let s = Server::start_with(|c| c.ui_dir = Some(dir)).await;
    let get = |p: &str| s.http.get(s.url(p)).send();
    let res = get("/").await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["x-frame-options"], "DENY");
    assert!(res.text().await.unwrap().contains("eCabinet"));
    assert_eq!(get("/app.js").await.unwrap().text().await.unwrap(), "console.log(1)");
    let deep = get("/meetings/0190f0f0-0000-7000-8000-000000000000").await.unwrap();
    assert_eq!(deep.status(), StatusCode::OK);
    assert_eq!(deep.headers()["cache-control"], "no-cache", "a new build reaches users at their next load");
    assert!(deep.text().await.unwrap().contains("<title>eCabinet</title>"));
    let api = get("/api/v1/nothing").await.unwrap();
    assert_eq!(api.status(), StatusCode::NOT_FOUND);
    assert_eq!(api.json::<serde_json::Value>().await.unwrap()["code"], "not_found");
}

#[tokio::test]
async fn the_ui_has_a_strict_policy_long_lived_assets_and_gzip() {
    let ui = tempfile::tempdir().unwrap();
    let loader = "\nimport init from '/app-0123456789abcdef.js';\nawait init();\n";
    let index = format!("<!doctype html><title>eCabinet</title><script type=\"module\">{loader}</script>");
    std::fs::write(ui.path().join("index.html"), index).unwrap();
    let wasm = vec![7u8; 4096];
    std::fs::write(ui.path().join("app-0123456789abcdef_bg.wasm"), &wasm).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, &wasm).unwrap();
    let gz = gz.finish().unwrap();
    std::fs::write(ui.path().join("app-0123456789abcdef_bg.wasm.gz"), &gz).unwrap();
    let dir = ui.path().to_owned();
    let s = Server::start_with(|c| c.ui_dir = Some(dir)).await;

    let page = s.http.get(s.url("/")).send().await.unwrap();
    let csp = page.headers()["content-security-policy"].to_str().unwrap().to_owned();
    use base64::Engine as _;
    use sha2::Digest as _;
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(loader.as_bytes()));
    assert!(csp.contains(&format!("'sha256-{hash}'")), "the loader is allowed by its hash: {csp}");
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"), "{csp}");
    assert!(!csp.contains("'unsafe-eval'") && csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(page.headers()["cache-control"], "no-cache");

    // reqwest is built without gzip decoding, so the raw body is what went over the wire.
    let asset = s.url("/app-0123456789abcdef_bg.wasm");
    let zipped = s.http.get(&asset).header("accept-encoding", "gzip").send().await.unwrap();
    assert_eq!(zipped.status(), StatusCode::OK);
    assert_eq!(zipped.headers()["content-encoding"], "gzip");
    assert_eq!(zipped.headers()["content-type"], "application/wasm");
    assert_eq!(zipped.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(zipped.bytes().await.unwrap(), gz);
    let plain = s.http.get(&asset).send().await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(plain.bytes().await.unwrap(), wasm);
}
