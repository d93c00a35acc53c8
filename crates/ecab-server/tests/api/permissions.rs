//! Each role against each endpoint: allowed or denied, and nobody sees a meeting or
//! document they are not part of.

use std::collections::HashMap;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::common::{Client, Server, new_meeting_body};

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

/// Expected status per actor, in the order of `ACTORS`.
fn row(codes: [u16; 10]) -> HashMap<&'static str, u16> {
    ACTORS.iter().copied().zip(codes).collect()
}

async fn doc_sha(c: &Client<'_>, meeting: &str, title_part: &str) -> String {
    let (_, d) = c.get(&format!("/api/v1/meetings/{meeting}")).await;
    d["documents"].as_array().unwrap().iter().find(|d| d["title"].as_str().unwrap().contains(title_part)).unwrap()["current"]["sha256"]
        .as_str().unwrap().to_owned()
}

#[tokio::test]
async fn every_role_against_every_endpoint() {
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
    let confidential = doc_sha(thuky, &published, "giá đất").await;
    let normal = doc_sha(thuky, &published, "kinh tế").await;
    let meeting = new_meeting_body(thuky, "Cuộc họp thử quyền").await;

    type Case = (Method, String, Option<Value>, HashMap<&'static str, u16>);
    let cases: Vec<Case> = vec![
        (
            Method::GET,
            format!("/api/v1/meetings/{published}"),
            None,
            row([404, 200, 404, 200, 200, 404, 200, 200, 200, 404]),
        ),
        (
            Method::GET,
            format!("/api/v1/meetings/{draft}"),
            None,
            row([404, 200, 404, 200, 200, 404, 404, 404, 404, 404]),
        ),
        (
            Method::PATCH,
            format!("/api/v1/meetings/{draft}"),
            Some(json!({ "place": "Phòng 5" })),
            row([404, 200, 404, 403, 403, 404, 404, 404, 404, 404]),
        ),
        (
            Method::POST,
            format!("/api/v1/meetings/{published}/agenda"),
            Some(json!({ "title": "Mục bổ sung" })),
            row([404, 201, 404, 403, 403, 404, 403, 403, 403, 404]),
        ),
        (
            Method::POST,
            format!("/api/v1/meetings/{draft}/transition"),
            Some(json!({ "action": "approve" })),
            row([404, 409, 404, 409, 409, 404, 404, 404, 404, 404]),
        ),
        (
            Method::POST,
            format!("/api/v1/meetings/{published}/transition"),
            Some(json!({ "action": "start" })),
            row([404, 403, 404, 403, 200, 404, 403, 403, 403, 404]),
        ),
        (
            Method::PUT,
            format!("/api/v1/meetings/{draft}/invitees"),
            Some(json!({ "delegate_ids": [], "bridge_point_ids": [] })),
            row([404, 200, 404, 403, 403, 404, 404, 404, 404, 404]),
        ),
        (
            Method::GET,
            format!("/api/v1/blobs/{confidential}"),
            None,
            row([404, 200, 404, 200, 200, 404, 200, 200, 404, 404]),
        ),
        (Method::GET, format!("/api/v1/blobs/{normal}"), None, row([404, 200, 404, 200, 200, 404, 200, 200, 200, 404])),
        (
            Method::POST,
            "/api/v1/meetings".into(),
            Some(meeting),
            row([403, 201, 201, 403, 403, 403, 403, 403, 403, 403]),
        ),
        (
            Method::POST,
            "/api/v1/units".into(),
            Some(json!({ "code": "X", "name": "Đơn vị thử", "kind": "department" })),
            row([201, 403, 403, 403, 403, 403, 403, 403, 403, 403]),
        ),
        (Method::GET, "/api/v1/audit".into(), None, row([200, 403, 403, 403, 403, 403, 403, 403, 403, 403])),
        (Method::GET, "/api/v1/units".into(), None, row([200; 10])),
        (Method::GET, "/api/v1/sync".into(), None, row([200; 10])),
    ];
    let mut failures = Vec::new();
    for (method, path, body, expected) in &cases {
        for actor in ACTORS {
            let (status, answer) = clients[actor].call(method.clone(), path, body.clone()).await;
            let want = expected[actor];
            if status.as_u16() != want {
                failures.push(format!("{actor} {method} {path}: got {status}, want {want}: {answer}"));
            }
            if !status.is_success() {
                assert!(answer["code"].is_string(), "errors carry a code: {answer}");
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

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
