//! The change feed: what each caller may see, from draft to revocation.

use reqwest::Method;
use serde_json::{Value, json};

use crate::common::{Client, Server, asset, new_meeting_body};

fn about<'a>(changes: &'a [Value], meeting: &str) -> Vec<&'a Value> {
    changes.iter().filter(|c| c["meeting_id"] == meeting).collect()
}

fn has(changes: &[&Value], entity: &str, op: &str) -> bool {
    changes.iter().any(|c| c["entity"] == entity && c["op"] == op)
}

async fn publish(thuky: &Client<'_>, chief: &Client<'_>, chair: &Client<'_>, id: &str) {
    let path = format!("/api/v1/meetings/{id}/transition");
    for (who, action) in [(thuky, "submit"), (chief, "approve"), (chair, "approve"), (thuky, "publish")] {
        let (status, body) = who.post(&path, json!({ "action": action })).await;
        assert!(status.is_success(), "{action}: {body}");
    }
}

#[tokio::test]
async fn delegates_see_a_meeting_from_publication_until_they_are_uninvited() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let chief = s.login("chanhvanphong").await;
    let chair = s.login("chutich").await;
    let d1 = s.login("daibieu11").await;
    let d2 = s.login("daibieu12").await;
    let bp = s.login("diemcau02").await;
    let (_, start1) = d1.sync_all(0).await;
    let (_, start_bp) = bp.sync_all(0).await;

    let (_, m) = thuky.post("/api/v1/meetings", new_meeting_body(&thuky, "Họp thử đồng bộ").await).await;
    let id = m["meeting"]["id"].as_str().unwrap().to_owned();
    let (_, item) = thuky.post(&format!("/api/v1/meetings/{id}/agenda"), json!({ "title": "Mục 1" })).await;
    let docs = format!("/api/v1/meetings/{id}/documents");
    let (_, normal) = thuky
        .upload(
            &docs,
            Some(json!({ "title": "Báo cáo", "agenda_item_id": item["id"] })),
            "a.pdf",
            asset("fixtures/hello.pdf"),
        )
        .await;
    let (_, secret) = thuky
        .upload(
            &docs,
            Some(json!({ "title": "Tài liệu mật", "confidentiality": "confidential" })),
            "b.pdf",
            asset("demo/bao-cao-nhanh-tinh-hinh-trong-ngay.pdf"),
        )
        .await;
    let (_, bps) = thuky.get("/api/v1/bridge-points").await;
    let bp_id = bps.as_array().unwrap().iter().find(|b| b["account_id"] == bp.id.as_str()).unwrap()["id"].clone();
    thuky
        .call(
            Method::PUT,
            &format!("/api/v1/meetings/{id}/invitees"),
            Some(json!({ "delegate_ids": [d1.id, d2.id], "bridge_point_ids": [bp_id] })),
        )
        .await;

    // Drafts reach staff only.
    let (staff, _) = chief.sync_all(0).await;
    assert!(has(&about(&staff, &id), "meeting", "upsert"));
    let (seen, after_draft) = d1.sync_all(start1).await;
    assert!(about(&seen, &id).is_empty(), "a delegate sees nothing of a draft");

    publish(&thuky, &chief, &chair, &id).await;
    let (seen, after_publish) = d1.sync_all(after_draft).await;
    let mine = about(&seen, &id);
    for entity in ["meeting", "agenda_item", "document", "invitees"] {
        assert!(has(&mine, entity, "upsert"), "publication brings the {entity}");
    }
    let doc_ids: Vec<&Value> = mine.iter().filter(|c| c["entity"] == "document").map(|c| &c["entity_id"]).collect();
    assert!(doc_ids.contains(&&normal["id"]) && doc_ids.contains(&&secret["id"]));
    let (seen_bp, _) = bp.sync_all(start_bp).await;
    let bp_docs: Vec<&Value> =
        about(&seen_bp, &id).into_iter().filter(|c| c["entity"] == "document").map(|c| &c["entity_id"]).collect();
    assert_eq!(bp_docs, vec![&normal["id"]], "a bridge point never receives a confidential document");

    // A revoked document is a delete for everyone who had it, and its content stops being
    // served at once, even to someone who just downloaded it.
    let blob = format!("/api/v1/blobs/{}", normal["current"]["sha256"].as_str().unwrap());
    assert_eq!(d1.req(Method::GET, &blob).send().await.unwrap().status(), 200);
    assert_eq!(
        thuky.call(Method::DELETE, &format!("/api/v1/documents/{}", normal["id"].as_str().unwrap()), None).await.0,
        204
    );
    let (seen, after_revoke) = d1.sync_all(after_publish).await;
    assert!(seen.iter().any(|c| c["entity"] == "document"
        && c["op"] == "delete"
        && c["entity_id"] == normal["id"]
        && c["data"]["sha256"].is_string()));
    let (status, _) = d1.get(&format!("/api/v1/blobs/{}", normal["current"]["sha256"].as_str().unwrap())).await;
    assert_eq!(status, 404, "revoked content is no longer served");

    // Uninvited: the meeting is withdrawn from that delegate, and later changes stay hidden.
    thuky
        .call(
            Method::PUT,
            &format!("/api/v1/meetings/{id}/invitees"),
            Some(json!({ "delegate_ids": [d2.id], "bridge_point_ids": [] })),
        )
        .await;
    thuky.call(Method::PATCH, &format!("/api/v1/meetings/{id}"), Some(json!({ "place": "Phòng 3" }))).await;
    let (seen, _) = d1.sync_all(after_revoke).await;
    let mine = about(&seen, &id);
    assert!(has(&mine, "meeting", "delete"));
    assert!(!has(&mine, "meeting", "upsert"), "nothing after the withdrawal: {mine:?}");
    let (seen, _) = d2.sync_all(after_revoke).await;
    assert!(about(&seen, &id).iter().any(|c| c["entity"] == "meeting" && c["data"]["place"] == "Phòng 3"));

    // Newly invited after publication: the whole meeting arrives.
    let d3 = s.login("daibieu13").await;
    let (_, since3) = d3.sync_all(0).await;
    thuky
        .call(
            Method::PUT,
            &format!("/api/v1/meetings/{id}/invitees"),
            Some(json!({ "delegate_ids": [d2.id, d3.id], "bridge_point_ids": [] })),
        )
        .await;
    let (seen, _) = d3.sync_all(since3).await;
    let mine = about(&seen, &id);
    assert!(has(&mine, "meeting", "upsert") && has(&mine, "agenda_item", "upsert") && has(&mine, "document", "upsert"));
}

#[tokio::test]
async fn pages_are_ordered_and_complete() {
    let s = Server::start().await;
    let d = s.login("daibieu01").await;
    let (all, last) = d.sync_all(0).await;
    assert!(all.len() > 30, "the demo gives delegates plenty: {}", all.len());
    let seqs: Vec<i64> = all.iter().map(|c| c["seq"].as_i64().unwrap()).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]));
    let (_, body) = d.get(&format!("/api/v1/sync?since={last}")).await;
    assert!(body["changes"].as_array().unwrap().is_empty());
    let (status, body) = d.get("/api/v1/sync?since=abc").await;
    assert_eq!((status.as_u16(), body["code"].as_str()), (400, Some("bad_request")));
}
