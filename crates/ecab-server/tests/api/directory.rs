//! Administrators manage accounts, units and bridge points; people change their own password.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::common::Server;

#[tokio::test]
async fn accounts_units_and_bridge_points() {
    let s = Server::start().await;
    let admin = s.login("admin").await;
    let (status, u) = admin
        .post("/api/v1/users", json!({ "username": "daibieu21", "full_name": "Đại biểu Mới", "role": "delegate", "password": "mat-khau-dai-du" }))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{u}");
    let (status, e) = admin
        .post(
            "/api/v1/users",
            json!({ "username": "daibieu22", "full_name": "X", "role": "delegate", "password": "short" }),
        )
        .await;
    assert_eq!((status, e["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("password")));
    let (status, e) = admin
        .post(
            "/api/v1/users",
            json!({ "username": "DAIBIEU21", "full_name": "X", "role": "delegate", "password": "mat-khau-dai-du" }),
        )
        .await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::CONFLICT, Some("conflict")),
        "usernames are case-insensitive"
    );

    // The new delegate changes their password; the old one stops working.
    let (status, body) = s
        .anon(
            Method::POST,
            "/api/v1/auth/login",
            Some(json!({ "username": "daibieu21", "password": "mat-khau-dai-du" })),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let token = body["token"].as_str().unwrap();
    let change = |current: &str, new: &str| {
        s.http
            .post(s.url("/api/v1/auth/password"))
            .bearer_auth(token)
            .json(&json!({ "current_password": current, "new_password": new }))
            .send()
    };
    assert_eq!(change("wrong-password", "mat-khau-moi-123").await.unwrap().status(), StatusCode::FORBIDDEN);
    assert_eq!(change("mat-khau-dai-du", "mat-khau-moi-123").await.unwrap().status(), StatusCode::NO_CONTENT);
    let (status, _) = s
        .anon(
            Method::POST,
            "/api/v1/auth/login",
            Some(json!({ "username": "daibieu21", "password": "mat-khau-dai-du" })),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // Deactivating an account ends its sessions at once.
    let victim = s.login("daibieu09").await;
    assert_eq!(victim.get("/api/v1/auth/me").await.0, StatusCode::OK);
    let (status, _) =
        admin.call(Method::PATCH, &format!("/api/v1/users/{}", victim.id), Some(json!({ "active": false }))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(victim.get("/api/v1/auth/me").await.0, StatusCode::UNAUTHORIZED);

    // Units and bridge points.
    let (status, unit) =
        admin.post("/api/v1/units", json!({ "code": "SVHTTDL", "name": "Sở Văn hóa", "kind": "department" })).await;
    assert_eq!(status, StatusCode::CREATED);
    let uid = unit["id"].as_str().unwrap();
    let (status, unit) = admin
        .call(
            Method::PATCH,
            &format!("/api/v1/units/{uid}"),
            Some(json!({ "name": "Sở Văn hóa, Thể thao và Du lịch" })),
        )
        .await;
    assert_eq!((status, unit["name"].as_str()), (StatusCode::OK, Some("Sở Văn hóa, Thể thao và Du lịch")));
    let (status, bp) = admin
        .post("/api/v1/bridge-points", json!({ "name": "Phòng họp Sở VHTTDL", "unit_id": uid, "account_id": u["id"] }))
        .await;
    assert_eq!(
        (status, bp["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("validation")),
        "a delegate is not a device account"
    );
    let (status, bp) =
        admin.post("/api/v1/bridge-points", json!({ "name": "Phòng họp Sở VHTTDL", "unit_id": uid })).await;
    assert_eq!(status, StatusCode::CREATED);
    let path = format!("/api/v1/bridge-points/{}", bp["id"].as_str().unwrap());
    let (status, bp) = admin.call(Method::PATCH, &path, Some(json!({ "location": "Tầng 2" }))).await;
    assert_eq!((status, bp["location"].as_str()), (StatusCode::OK, Some("Tầng 2")));
    let thuky = s.login("thuky").await;
    assert_eq!(thuky.call(Method::PATCH, &path, Some(json!({ "main": true }))).await.0, StatusCode::FORBIDDEN);
    assert_eq!(
        thuky.call(Method::PATCH, &format!("/api/v1/users/{}", thuky.id), Some(json!({ "role": "admin" }))).await.0,
        StatusCode::FORBIDDEN
    );
}
