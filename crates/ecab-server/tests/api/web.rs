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
