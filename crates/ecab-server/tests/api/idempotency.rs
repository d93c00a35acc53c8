//! The same write twice changes nothing the second time.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::common::{Server, asset, new_meeting_body, read};

#[tokio::test]
async fn a_retried_write_with_the_same_key_runs_once() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let body = new_meeting_body(&thuky, "Họp thử gửi lại").await;
    let before = s.count("SELECT COUNT(*) FROM meetings").await;
    let send = || {
        thuky
            .req(Method::POST, "/api/v1/meetings")
            .header("idempotency-key", "0193a1b2-0000-7000-8000-00000000c0de")
            .json(&body)
            .send()
    };
    let first = send().await.unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let (_, first) = read(first).await;
    let second = send().await.unwrap();
    assert_eq!(second.status(), StatusCode::CREATED);
    assert_eq!(second.headers().get("idempotent-replayed").unwrap(), "true");
    let (_, second) = read(second).await;
    assert_eq!(first, second);
    assert_eq!(s.count("SELECT COUNT(*) FROM meetings").await, before + 1);
    let changes = s.count("SELECT COUNT(*) FROM changes").await;

    // The same key on another route is refused.
    let id = first["meeting"]["id"].as_str().unwrap();
    let res = thuky
        .req(Method::POST, &format!("/api/v1/meetings/{id}/agenda"))
        .header("idempotency-key", "0193a1b2-0000-7000-8000-00000000c0de")
        .json(&json!({ "title": "x" }))
        .send()
        .await
        .unwrap();
    let (status, e) = read(res).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("idempotency_key_reused")));
    assert_eq!(s.count("SELECT COUNT(*) FROM changes").await, changes, "nothing was written");
}

#[tokio::test]
async fn client_made_ids_make_creates_idempotent() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let id = "0193a1b2-1111-7000-8000-000000000001";
    let mut body = new_meeting_body(&thuky, "Họp có mã do máy khách tạo").await;
    body["id"] = json!(id);
    let (a, _) = thuky.post("/api/v1/meetings", body.clone()).await;
    let (b, again) = thuky.post("/api/v1/meetings", body).await;
    assert_eq!((a, b), (StatusCode::CREATED, StatusCode::OK));
    assert_eq!(again["meeting"]["id"], id);

    let item = json!({ "id": "0193a1b2-2222-7000-8000-000000000002", "title": "Mục một" });
    assert_eq!(thuky.post(&format!("/api/v1/meetings/{id}/agenda"), item.clone()).await.0, StatusCode::CREATED);
    assert_eq!(thuky.post(&format!("/api/v1/meetings/{id}/agenda"), item).await.0, StatusCode::OK);
    let (_, detail) = thuky.get(&format!("/api/v1/meetings/{id}")).await;
    assert_eq!(detail["agenda"].as_array().unwrap().len(), 1);

    let meta = json!({ "id": "0193a1b2-3333-7000-8000-000000000003", "title": "Tài liệu" });
    let path = format!("/api/v1/meetings/{id}/documents");
    assert_eq!(
        thuky.upload(&path, Some(meta.clone()), "a.pdf", asset("fixtures/hello.pdf")).await.0,
        StatusCode::CREATED
    );
    assert_eq!(thuky.upload(&path, Some(meta), "a.pdf", asset("fixtures/hello.pdf")).await.0, StatusCode::OK);
    let (_, detail) = thuky.get(&format!("/api/v1/meetings/{id}")).await;
    assert_eq!(detail["documents"].as_array().unwrap().len(), 1);

    // Another secretary cannot take over the id.
    let admin = s.login("admin").await;
    admin.post("/api/v1/users", json!({ "username": "thuky2", "full_name": "Thư ký Hai", "role": "secretary", "password": "ecabinet-demo" })).await;
    let other = s.login("thuky2").await;
    let mut body = new_meeting_body(&other, "Chiếm mã").await;
    body["id"] = json!(id);
    assert_eq!(other.post("/api/v1/meetings", body).await.0, StatusCode::CONFLICT);
}
