//! Read tracking: delegates' apps report the documents they open; the staff see who has
//! read what ("read by 14 of 20"); reports arriving late or twice keep the first and last
//! times and the newest version.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::common::{Client, Server};

async fn report(c: &Client<'_>, doc: &str, version: u32, at: &str) -> (StatusCode, Value) {
    c.call(Method::PUT, &format!("/api/v1/documents/{doc}/read"), Some(json!({ "version": version, "at": at }))).await
}

#[tokio::test]
async fn delegates_report_reading_and_the_staff_see_who_has_read_what() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let meeting = thuky.meeting_id("thường kỳ").await;
    let (_, d) = thuky.get(&format!("/api/v1/meetings/{meeting}")).await;
    let doc = d["documents"].as_array().unwrap().iter().find(|d| d["confidentiality"] == "normal").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (a, b) = (s.login("daibieu05").await, s.login("daibieu06").await);

    // A report made offline in the afternoon arrives after one from the evening.
    assert_eq!(report(&a, &doc, 1, "2026-11-20T12:00:00Z").await.0, StatusCode::NO_CONTENT);
    assert_eq!(report(&a, &doc, 1, "2026-11-20T05:00:00Z").await.0, StatusCode::NO_CONTENT);
    assert_eq!(report(&a, &doc, 1, "2026-11-20T05:00:00Z").await.0, StatusCode::NO_CONTENT, "again: no harm");
    assert_eq!(report(&b, &doc, 1, "2026-11-20T07:00:00Z").await.0, StatusCode::NO_CONTENT);

    let (status, reads) = thuky.get(&format!("/api/v1/meetings/{meeting}/reads")).await;
    assert_eq!(status, StatusCode::OK, "{reads}");
    let reads = reads.as_array().unwrap();
    assert_eq!(reads.len(), 2, "one per reader: {reads:?}");
    let mine = reads.iter().find(|r| r["user_id"] == a.id.as_str()).unwrap();
    assert_eq!(mine["first_at"], "2026-11-20T05:00:00Z");
    assert_eq!(mine["last_at"], "2026-11-20T12:00:00Z");
    let (_, detail) = s.login("chutich").await.get(&format!("/api/v1/meetings/{meeting}")).await;
    assert_eq!(detail["reads"].as_array().unwrap().len(), 2, "the chair sees them in the meeting");

    // Delegates are not told who has read what; walls and the staff do not report.
    assert_eq!(a.get(&format!("/api/v1/meetings/{meeting}/reads")).await.0, StatusCode::FORBIDDEN);
    let (_, theirs) = a.get(&format!("/api/v1/meetings/{meeting}")).await;
    assert!(theirs["reads"].as_array().unwrap().is_empty());
    assert_eq!(report(&s.login("diemcau03").await, &doc, 1, "2026-11-20T05:00:00Z").await.0, StatusCode::FORBIDDEN);
    assert_eq!(report(&thuky, &doc, 1, "2026-11-20T05:00:00Z").await.0, StatusCode::FORBIDDEN);
    let (status, e) = report(&a, &doc, 7, "2026-11-20T05:00:00Z").await;
    assert_eq!((status, e["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("version")), "{e}");
    assert_eq!(report(&s.login("phochutich").await, &doc, 1, "2026-11-20T05:00:00Z").await.0, StatusCode::NOT_FOUND);

    // The staff's devices receive reads through the feed.
    let (changes, _) = thuky.sync_all(0).await;
    assert!(changes.iter().filter(|c| c["entity"] == "read").count() >= 2);
    let (changes, _) = a.sync_all(0).await;
    assert!(changes.iter().all(|c| c["entity"] != "read"), "not for delegates");
}
