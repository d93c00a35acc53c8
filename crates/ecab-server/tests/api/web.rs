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
    assert!(deep.text().await.unwrap().contains("<title>eCabinet</title>"));
    let api = get("/api/v1/nothing").await.unwrap();
    assert_eq!(api.status(), StatusCode::NOT_FOUND);
    assert_eq!(api.json::<serde_json::Value>().await.unwrap()["code"], "not_found");
}

#[tokio::test]
async fn the_openapi_description_names_every_route() {
    let s = Server::start().await;
    let doc: serde_json::Value = s.http.get(s.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/api/v1/auth/login",
        "/api/v1/meetings/{id}/transition",
        "/api/v1/blobs/{sha256}",
        "/api/v1/sync",
        "/api/v1/audit",
    ] {
        assert!(paths.contains_key(p), "{p} missing from the description");
    }
    assert!(doc["components"]["schemas"]["ErrorCode"].is_object());
    assert!(paths.contains_key("/api/v1/meetings/{id}/documents"), "upload routes too");
}
