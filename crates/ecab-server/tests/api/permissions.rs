//! Nobody sees a meeting or document they are not part of, in lists and meeting pages (the
//! answers of every operation to every role are checked in `matrix.rs`), and nothing answers
//! without a token.

use std::collections::HashMap;

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::common::Server;

const ACTORS: &[&str] = &[
    "admin",
    "thuky",
    "thuky2",
    "chanhvanphong",
    "chutich",
    "phochutich",
    "daibieu01",
    "daibieu05",
    "diemcau01",
    "diemcau25",
];

#[tokio::test]
async fn lists_and_meeting_pages_show_only_what_each_may_see() {
    let s = Server::start().await;
    let admin = s.login("admin").await;
    let body =
        json!({ "username": "thuky2", "full_name": "Thư ký Hai", "role": "secretary", "password": "ecabinet-demo" });
    assert_eq!(admin.post("/api/v1/users", body).await.0, StatusCode::CREATED);
    let mut clients = HashMap::new();
    for a in ACTORS {
        clients.insert(*a, s.login(a).await);
    }
    let thuky = &clients["thuky"];
    let published = thuky.meeting_id("thường kỳ").await;
    let draft = thuky.meeting_id("giao ban Văn phòng").await;

    // Lists never show a meeting one is not part of.
    for actor in ["admin", "thuky2", "phochutich", "diemcau25"] {
        let (_, list) = clients[actor].get("/api/v1/meetings").await;
        let ids: Vec<&str> = list["meetings"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
        assert!(!ids.contains(&published.as_str()) && !ids.contains(&draft.as_str()), "{actor} sees {ids:?}");
    }
    // A bridge point sees the meeting without its confidential document.
    let (_, d) = clients["diemcau01"].get(&format!("/api/v1/meetings/{published}")).await;
    assert!(d["documents"].as_array().unwrap().iter().all(|d| d["confidentiality"] == "normal"));
    assert!(!d["documents"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn without_a_token_every_endpoint_says_unauthenticated() {
    let s = Server::start().await;
    let id = "0190f0f0-0000-7000-8000-000000000000";
    let routes = [
        (Method::GET, "/api/v1/meetings".to_owned()),
        (Method::POST, "/api/v1/meetings".to_owned()),
        (Method::GET, format!("/api/v1/meetings/{id}")),
        (Method::PATCH, format!("/api/v1/meetings/{id}")),
        (Method::POST, format!("/api/v1/meetings/{id}/transition")),
        (Method::POST, format!("/api/v1/meetings/{id}/agenda")),
        (Method::PUT, format!("/api/v1/meetings/{id}/invitees")),
        (Method::POST, format!("/api/v1/meetings/{id}/documents")),
        (Method::GET, format!("/api/v1/documents/{id}")),
        (Method::DELETE, format!("/api/v1/documents/{id}")),
        (Method::GET, format!("/api/v1/blobs/{}", "a".repeat(64))),
        (Method::GET, "/api/v1/sync".to_owned()),
        (Method::GET, "/api/v1/users".to_owned()),
        (Method::GET, "/api/v1/audit".to_owned()),
        (Method::GET, "/api/v1/auth/me".to_owned()),
    ];
    for (method, path) in routes {
        let (status, body) = s.anon(method.clone(), &path, Some(json!({}))).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::UNAUTHORIZED, Some("unauthenticated")),
            "{method} {path}"
        );
    }
    assert_eq!(s.anon(Method::GET, "/api/v1/health", None).await.0, StatusCode::OK);
}
