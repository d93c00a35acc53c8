//! Notifications: a new version, an answer to one's question, a meeting moved and a poll
//! waiting reach exactly those the change concerns, through the feed (the desktop app) and
//! the list (the browser).

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::common::{Client, Server};

/// The notifications in `c`'s feed.
async fn told(c: &Client<'_>) -> Vec<Value> {
    let (changes, _) = c.sync_all(0).await;
    changes.into_iter().filter(|c| c["entity"] == "notification").map(|c| c["data"].clone()).collect()
}

fn of_kind<'a>(list: &'a [Value], kind: &str) -> Vec<&'a Value> {
    list.iter().filter(|n| n["kind"] == kind).collect()
}

#[tokio::test]
async fn each_change_tells_those_it_concerns() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let regular = thuky.meeting_id("thường kỳ").await;
    let (_, detail) = thuky.get(&format!("/api/v1/meetings/{regular}")).await;
    let (delegate, outsider, wall) =
        (s.login("daibieu05").await, s.login("phochutich").await, s.login("diemcau01").await);

    // A new version of the confidential draft: delegates are told, the walls are not.
    let secret =
        detail["documents"].as_array().unwrap().iter().find(|d| d["confidentiality"] == "confidential").unwrap();
    let bytes = ecab_testkit::asset("fixtures/draft-v2.pdf");
    let path = format!("/api/v1/documents/{}/versions", secret["id"].as_str().unwrap());
    let (status, d) = thuky.upload(&path, None, "draft-v2.pdf", bytes).await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    let mine = told(&delegate).await;
    let versions = of_kind(&mine, "new_version");
    assert_eq!(versions.len(), 1, "{mine:?}");
    assert_eq!((versions[0]["subject_id"].clone(), versions[0]["version"].as_u64()), (secret["id"].clone(), Some(2)));
    assert!(
        of_kind(&told(&wall).await, "new_version").is_empty(),
        "a bridge point never hears of a confidential draft"
    );
    assert!(told(&outsider).await.is_empty(), "nor does anyone not invited");

    // The unit answers daibieu01's question: daibieu01 is told, daibieu05 is not.
    let (_, qs) = thuky.get(&format!("/api/v1/meetings/{regular}/questions")).await;
    let author = s.login("daibieu01").await;
    let q = qs.as_array().unwrap().iter().find(|q| q["authors"][0] == author.id.as_str()).unwrap();
    let answer = json!({ "text": "Do giá nguyên liệu đầu vào tăng cao." });
    let path = format!("/api/v1/questions/{}/answer", q["id"].as_str().unwrap());
    let (status, e) = s.login("daibieu02").await.call(Method::PUT, &path, Some(answer)).await;
    assert_eq!(status, StatusCode::OK, "{e}");
    let answered = of_kind(&told(&author).await, "question_answered").len();
    assert_eq!(answered, 1);
    assert!(of_kind(&told(&delegate).await, "question_answered").is_empty());

    // The meeting moves to another room: everyone it reaches is told, walls included.
    let path = format!("/api/v1/meetings/{regular}");
    let (status, e) = thuky.call(Method::PATCH, &path, Some(json!({ "place": "Phòng họp số 1, tầng 2" }))).await;
    assert_eq!(status, StatusCode::OK, "{e}");
    for c in [&delegate, &wall] {
        let moved = told(c).await;
        let moved = of_kind(&moved, "meeting_moved");
        assert_eq!(moved.len(), 1);
        assert_eq!(moved[0]["place"], "Phòng họp số 1, tầng 2");
    }
    let (status, _) =
        thuky.call(Method::PATCH, &path, Some(json!({ "title": "Phiên họp thường kỳ tháng 11 (bổ sung)" }))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(of_kind(&told(&delegate).await, "meeting_moved").len(), 1, "a new title moves nothing");

    // A poll sent: each member asked is told; a draft tells no one.
    let written = thuky.meeting_id("bằng văn bản").await;
    let id = Uuid::now_v7();
    let body = json!({ "id": id, "question": "Đồng ý?", "deadline": chrono::Utc::now() + chrono::Duration::days(1) });
    assert_eq!(thuky.post(&format!("/api/v1/meetings/{written}/polls"), body).await.0, StatusCode::CREATED);
    assert!(of_kind(&told(&delegate).await, "poll_waiting").is_empty());
    let (status, p) = thuky.post(&format!("/api/v1/polls/{id}/send"), json!(null)).await;
    assert_eq!(status, StatusCode::OK, "{p}");
    let waiting = told(&delegate).await;
    let waiting = of_kind(&waiting, "poll_waiting");
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0]["subject_id"], id.to_string().as_str());
    let invited_elsewhere = s.login("daibieu15").await; // in the regular meeting, not in the written one
    assert!(of_kind(&told(&invited_elsewhere).await, "poll_waiting").is_empty());

    // No one is told of their own doing.
    let (_, own) = thuky.get("/api/v1/notifications").await;
    assert!(own.as_array().unwrap().iter().all(|n| n["by"] != thuky.id.as_str()), "{own}");
    assert!(
        told(&thuky).await.iter().any(|n| n["by"] == thuky.id.as_str()),
        "the feed carries them; the list leaves them out"
    );

    // The browser's list holds the same, newest first.
    for c in [&delegate, &author, &wall, &outsider, &invited_elsewhere] {
        let (status, list) = c.get("/api/v1/notifications").await;
        assert_eq!(status, StatusCode::OK, "{list}");
        let mut fed: Vec<Value> = told(c).await.into_iter().filter(|n| n["by"] != c.id.as_str()).collect();
        fed.reverse();
        assert_eq!(list.as_array().unwrap(), &fed, "{}", c.id);
    }
}
