//! A secretary prepares a meeting, the chief of office and the chair review it, it is
//! published and the invited delegates see it and fetch its documents.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::common::{Server, asset, new_meeting_body, user_id};

#[tokio::test]
async fn prepare_review_publish_and_read() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let chief = s.login("chanhvanphong").await;
    let chair = s.login("chutich").await;
    let invited = s.login("daibieu03").await;
    let outsider = s.login("daibieu04").await;

    // Create and prepare.
    let (status, created) = thuky.post("/api/v1/meetings", new_meeting_body(&thuky, "Họp về giá đất").await).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["meeting"]["status"], "draft");
    let id = created["meeting"]["id"].as_str().unwrap().to_owned();
    let mut items = Vec::new();
    for title in ["Khai mạc", "Dự thảo bảng giá đất", "Kết luận"] {
        let (status, item) = thuky
            .post(
                &format!("/api/v1/meetings/{id}/agenda"),
                json!({ "title": title, "presenter": "Sở TN&MT", "minutes": 20 }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{item}");
        items.push(item["id"].as_str().unwrap().to_owned());
    }
    // Insert at the front, then move the last item first.
    let (_, first) =
        thuky.post(&format!("/api/v1/meetings/{id}/agenda"), json!({ "title": "Điểm danh", "position": 0 })).await;
    assert_eq!(first["position"], 0);
    let order = json!({ "item_ids": [items[2], first["id"], items[0], items[1]] });
    let (status, agenda) = thuky.call(Method::PUT, &format!("/api/v1/meetings/{id}/agenda/order"), Some(order)).await;
    assert_eq!(status, StatusCode::OK, "{agenda}");
    let titles: Vec<&str> = agenda.as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Kết luận", "Điểm danh", "Khai mạc", "Dự thảo bảng giá đất"]);

    let meta = json!({ "title": "Dự thảo", "kind": "draft", "agenda_item_id": items[1] });
    let (status, doc) = thuky
        .upload(&format!("/api/v1/meetings/{id}/documents"), Some(meta), "du-thao.pdf", asset("fixtures/hello.pdf"))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{doc}");
    assert_eq!(doc["current"]["page_count"], 3);
    let sha = doc["current"]["sha256"].as_str().unwrap().to_owned();
    let doc_id = doc["id"].as_str().unwrap().to_owned();

    let delegate = invited.id.clone();
    let bridge: String = {
        let (_, bps) = thuky.get("/api/v1/bridge-points").await;
        bps[0]["id"].as_str().unwrap().to_owned()
    };
    let (status, inv) = thuky
        .call(
            Method::PUT,
            &format!("/api/v1/meetings/{id}/invitees"),
            Some(json!({ "delegate_ids": [delegate], "bridge_point_ids": [bridge] })),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{inv}");

    // Before publication the invitee does not see it.
    assert_eq!(invited.get(&format!("/api/v1/meetings/{id}")).await.0, StatusCode::NOT_FOUND);

    // Review: chief of office, then chair; a return needs a reason and goes back to draft.
    let t = |action: &str| json!({ "action": action });
    let path = format!("/api/v1/meetings/{id}/transition");
    assert_eq!(thuky.post(&path, t("submit")).await.0, StatusCode::OK);
    let (status, e) =
        thuky.call(Method::PATCH, &format!("/api/v1/meetings/{id}"), Some(json!({ "place": "Phòng 2" }))).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::CONFLICT, Some("meeting_locked")));
    let (status, e) = chair.post(&path, t("approve")).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden")),
        "the chair approves after the chief of office"
    );
    let (status, m) = chief.post(&path, t("approve")).await;
    assert_eq!((status, m["review_stage"].as_str()), (StatusCode::OK, Some("chair")));
    let (status, e) = chair.post(&path, json!({ "action": "reject", "reason": " " })).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("validation")));
    let (status, m) = chair.post(&path, json!({ "action": "reject", "reason": "Bổ sung tờ trình" })).await;
    assert_eq!(
        (status, m["status"].as_str(), m["rejection_reason"].as_str()),
        (StatusCode::OK, Some("draft"), Some("Bổ sung tờ trình"))
    );
    assert_eq!(thuky.post(&path, t("submit")).await.0, StatusCode::OK);
    assert_eq!(chief.post(&path, t("approve")).await.0, StatusCode::OK);
    let (status, m) = chair.post(&path, t("approve")).await;
    assert_eq!((status, m["status"].as_str()), (StatusCode::OK, Some("approved")));
    let (status, e) = invited.post(&path, t("publish")).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    let (status, m) = thuky.post(&path, t("publish")).await;
    assert_eq!((status, m["status"].as_str()), (StatusCode::OK, Some("published")));

    // The invitee sees it and downloads the document; an outsider sees nothing.
    let (status, detail) = invited.get(&format!("/api/v1/meetings/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!(detail["agenda"].as_array().unwrap().len(), 4);
    assert_eq!(detail["documents"][0]["current"]["sha256"], sha.as_str());
    let res = invited.req(Method::GET, &format!("/api/v1/blobs/{sha}")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.bytes().await.unwrap().as_ref(), asset("fixtures/hello.pdf").as_slice());
    assert_eq!(outsider.get(&format!("/api/v1/meetings/{id}")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        outsider.req(Method::GET, &format!("/api/v1/blobs/{sha}")).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    let (_, list) = outsider.get("/api/v1/meetings").await;
    assert!(list["meetings"].as_array().unwrap().iter().all(|m| m["id"] != id.as_str()));

    let (status, text) = invited.get(&format!("/api/v1/documents/{doc_id}/text")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(text["pages"][0].as_str().unwrap().contains("Xin chào"), "{text}");

    // After publication: a new version reaches the delegate; history is kept.
    let v2 = asset("demo/bao-cao-nhanh-tinh-hinh-trong-ngay.pdf");
    let (status, doc) =
        thuky.upload(&format!("/api/v1/documents/{doc_id}/versions"), None, "du-thao-v2.pdf", v2.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{doc}");
    assert_eq!((doc["current"]["version"].as_u64(), doc["history"][0]["version"].as_u64()), (Some(2), Some(1)));
    let (_, d) = invited.get(&format!("/api/v1/documents/{doc_id}")).await;
    assert_eq!(d["current"]["filename"], "du-thao-v2.pdf");
    assert_eq!(d["current"]["page_count"], 2);
    let (status, same) = thuky.upload(&format!("/api/v1/documents/{doc_id}/versions"), None, "again.pdf", v2).await;
    assert_eq!(
        (status, same["current"]["version"].as_u64()),
        (StatusCode::OK, Some(2)),
        "the same content makes no new version"
    );

    // The audit log has it all, with where it came from.
    let admin = s.login("admin").await;
    let (status, log) = admin.get("/api/v1/audit?limit=1000").await;
    assert_eq!(status, StatusCode::OK);
    let actions: Vec<&str> = log.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    for a in ["create", "upload", "submit", "approve", "reject", "publish", "new_version", "set_invitees", "reorder"] {
        assert!(actions.contains(&a), "audit lacks {a}");
    }
    assert!(log[0]["ip"].as_str().unwrap().starts_with("127."));
    let _ = user_id;
}

#[tokio::test]
async fn the_daily_meeting_repeats_with_its_agenda_and_invitees() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let daily = thuky.meeting_id("07:15").await;
    let (_, today) = thuky.get(&format!("/api/v1/meetings/{daily}")).await;
    let date = ecab_server::time::local_day(chrono::Utc::now()) + chrono::Duration::days(1);
    let body = json!({ "date": date, "repeat": true });
    let (status, next) = thuky.post(&format!("/api/v1/meetings/{daily}/copy"), body.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{next}");
    assert_eq!(next["meeting"]["status"], "draft");
    assert_eq!(next["meeting"]["series_id"], today["meeting"]["series_id"]);
    assert!(next["meeting"]["starts_at"].as_str().unwrap().ends_with("00:15:00Z"), "07:15 in Hà Nội time");
    assert_eq!(next["agenda"].as_array().unwrap().len(), today["agenda"].as_array().unwrap().len());
    assert_eq!(next["invitees"], today["invitees"]);
    assert_eq!(next["documents"].as_array().unwrap().len(), 0, "each day has its own documents");
    // Asking again for the same day gives the same meeting.
    let (status, again) = thuky.post(&format!("/api/v1/meetings/{daily}/copy"), body).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["meeting"]["id"], next["meeting"]["id"]);
}
