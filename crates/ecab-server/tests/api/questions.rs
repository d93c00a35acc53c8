//! Questions and opinions: delegates send them until the deadline, the secretary merges,
//! orders, marks and assigns them, the presenting unit answers, and each person sees
//! exactly the questions the rules of `ecab_core::questions` give them.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::common::{Client, Server};

/// The published regular meeting of the demo and its first agenda item.
async fn regular(thuky: &Client<'_>) -> (String, Vec<String>) {
    let id = thuky.meeting_id("thường kỳ").await;
    let (_, d) = thuky.get(&format!("/api/v1/meetings/{id}")).await;
    let items = d["agenda"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_owned()).collect();
    (id, items)
}

async fn questions(c: &Client<'_>, meeting: &str) -> Vec<Value> {
    let (status, list) = c.get(&format!("/api/v1/meetings/{meeting}/questions")).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list.as_array().unwrap().clone()
}

fn ids(list: &[Value]) -> Vec<String> {
    list.iter().map(|q| q["id"].as_str().unwrap().to_owned()).collect()
}

async fn submit(c: &Client<'_>, meeting: &str, body: Value) -> (StatusCode, Value) {
    c.post(&format!("/api/v1/meetings/{meeting}/questions"), body).await
}

/// The questions among the feed's changes after `since`, as the caller receives them.
async fn fed(c: &Client<'_>, since: i64) -> Vec<Value> {
    let (all, _) = c.sync_all(since).await;
    all.into_iter().filter(|ch| ch["entity"] == "question").collect()
}

#[tokio::test]
async fn a_question_reaches_its_author_and_the_staff_only_and_a_retry_creates_it_once() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let author = s.login("daibieu07").await;
    let other = s.login("daibieu08").await;
    let chair = s.login("chutich").await;
    let (meeting, items) = regular(&thuky).await;
    let (_, since) = other.sync_all(0).await;

    let id = Uuid::now_v7();
    let body =
        json!({ "id": id, "agenda_item_id": items[1], "kind": "opinion", "text": "  Đề nghị bổ sung số liệu.  " });
    let (status, q) = submit(&author, &meeting, body.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{q}");
    assert_eq!(q["text"], "Đề nghị bổ sung số liệu.", "trimmed");
    assert_eq!(q["authors"], json!([author.id]));
    assert_eq!(q["status"], "submitted");
    let (status, again) = submit(&author, &meeting, body).await;
    assert_eq!((status, &again), (StatusCode::CREATED, &q), "a retry answers the same question");
    assert_eq!(s.count(&format!("SELECT COUNT(*) FROM questions WHERE id = x'{}'", id.simple())).await, 1);

    assert!(ids(&questions(&author, &meeting).await).contains(&id.to_string()));
    assert!(ids(&questions(&thuky, &meeting).await).contains(&id.to_string()));
    assert!(ids(&questions(&chair, &meeting).await).contains(&id.to_string()));
    assert!(!ids(&questions(&other, &meeting).await).contains(&id.to_string()), "another delegate does not see it");
    assert!(fed(&other, since).await.is_empty(), "nor does it reach them through the feed");
    let to_author = fed(&author, since).await;
    assert!(to_author.iter().any(|c| c["entity_id"] == id.to_string()), "{to_author:?}");

    // Someone else's question id is refused, not overwritten.
    let (status, e) = submit(&other, &meeting, json!({ "id": id, "text": "Chiếm chỗ" })).await;
    assert_eq!(status, StatusCode::CONFLICT, "{e}");
    let (_, mine) = author.get(&format!("/api/v1/meetings/{meeting}/questions")).await;
    assert!(mine.to_string().contains("Đề nghị bổ sung số liệu."));

    // The author edits and withdraws; nobody else may.
    let path = format!("/api/v1/questions/{id}");
    let (status, e) = other.call(Method::PATCH, &path, Some(json!({ "text": "Sửa hộ" }))).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")), "{e}");
    let (status, e) = thuky.call(Method::PATCH, &path, Some(json!({ "text": "Sửa hộ" }))).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{e}");
    let (status, edited) =
        author.call(Method::PATCH, &path, Some(json!({ "text": "Đề nghị bổ sung số liệu quý III." }))).await;
    assert_eq!((status, edited["text"].as_str()), (StatusCode::OK, Some("Đề nghị bổ sung số liệu quý III.")));
    let (status, gone) = author.post(&format!("{path}/withdraw"), json!({})).await;
    assert_eq!((status, gone["status"].as_str()), (StatusCode::OK, Some("withdrawn")), "{gone}");
    let (status, e) = author.call(Method::PATCH, &path, Some(json!({ "text": "Lại" }))).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::CONFLICT, Some("question_settled")), "{e}");
}

#[tokio::test]
async fn the_deadline_closes_writing_but_not_aggregation() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let author = s.login("daibieu07").await;
    let (meeting, items) = regular(&thuky).await;
    let id = Uuid::now_v7();
    let (status, _) =
        submit(&author, &meeting, json!({ "id": id, "agenda_item_id": items[0], "text": "Kịp hạn" })).await;
    assert_eq!(status, StatusCode::CREATED);

    let past = chrono::Utc::now() - chrono::Duration::minutes(1);
    let (status, m) = thuky
        .call(Method::PATCH, &format!("/api/v1/meetings/{meeting}"), Some(json!({ "question_deadline": past })))
        .await;
    assert_eq!(status, StatusCode::OK, "{m}");

    let late = json!({ "id": Uuid::now_v7(), "agenda_item_id": items[0], "text": "Trễ hạn" });
    let (status, e) = submit(&author, &meeting, late).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::CONFLICT, Some("deadline_passed")), "{e}");
    let path = format!("/api/v1/questions/{id}");
    let (status, e) = author.call(Method::PATCH, &path, Some(json!({ "text": "Sửa muộn" }))).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::CONFLICT, Some("deadline_passed")), "{e}");
    let (status, e) = author.post(&format!("{path}/withdraw"), json!({})).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::CONFLICT, Some("deadline_passed")), "{e}");

    let (status, q) =
        thuky.call(Method::PUT, &format!("{path}/discussion"), Some(json!({ "for_discussion": true }))).await;
    assert_eq!((status, &q["for_discussion"]), (StatusCode::OK, &json!(true)), "{q}");
    assert_eq!(q["text"], "Kịp hạn", "what came in time is kept");
}

#[tokio::test]
async fn merged_questions_keep_all_their_authors_and_each_author_sees_the_result() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let a = s.login("daibieu07").await;
    let b = s.login("daibieu08").await;
    let c = s.login("daibieu09").await;
    let (meeting, items) = regular(&thuky).await;
    let mut made = Vec::new();
    for (who, text) in
        [(&a, "Tiến độ giải ngân?"), (&b, "Giải ngân đạt bao nhiêu?"), (&c, "Tỷ lệ giải ngân vốn đầu tư công?")]
    {
        let id = Uuid::now_v7();
        let (status, q) = submit(who, &meeting, json!({ "id": id, "agenda_item_id": items[1], "text": text })).await;
        assert_eq!(status, StatusCode::CREATED, "{q}");
        made.push(id.to_string());
    }
    let (_, since_a) = a.sync_all(0).await;

    let (status, merged) = thuky
        .post(&format!("/api/v1/questions/{}/merge", made[0]), json!({ "question_ids": [made[1], made[2], made[1]] }))
        .await;
    assert_eq!(status, StatusCode::OK, "{merged}");
    assert_eq!(merged["authors"], json!([a.id, b.id, c.id]), "every author, once, the writer first");
    // Merging again changes nothing: the merged ones are settled.
    let (status, e) =
        thuky.post(&format!("/api/v1/questions/{}/merge", made[0]), json!({ "question_ids": [made[1]] })).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::CONFLICT, Some("question_settled")), "{e}");

    for (who, own) in [(&b, &made[1]), (&c, &made[2])] {
        let list = questions(who, &meeting).await;
        let target = list.iter().find(|q| q["id"] == made[0].as_str()).expect("an author sees the merged question");
        assert_eq!(target["authors"].as_array().unwrap().len(), 3);
        let theirs = list.iter().find(|q| q["id"] == own.as_str()).unwrap();
        assert_eq!(
            (theirs["status"].as_str(), theirs["merged_into"].as_str()),
            (Some("merged"), Some(made[0].as_str()))
        );
    }
    let to_a = fed(&a, since_a).await;
    let last = to_a.iter().rev().find(|ch| ch["entity_id"] == made[0].as_str()).unwrap();
    assert_eq!(last["data"]["authors"].as_array().unwrap().len(), 3, "the feed carries the merged authors");
    let inbox: Vec<Value> =
        questions(&thuky, &meeting).await.into_iter().filter(|q| q["agenda_item_id"] == items[1].as_str()).collect();
    let open: Vec<&Value> = inbox.iter().filter(|q| q["status"] != "merged" && q["status"] != "withdrawn").collect();
    assert_eq!(open.len(), inbox.len() - 2);

    // Reordering names every open question of the item exactly once.
    let mut order: Vec<String> = open.iter().map(|q| q["id"].as_str().unwrap().to_owned()).collect();
    order.reverse();
    let path = format!("/api/v1/meetings/{meeting}/questions/order");
    let (status, e) =
        thuky.call(Method::PUT, &path, Some(json!({ "agenda_item_id": items[1], "question_ids": [made[1]] }))).await;
    assert_eq!((status, e["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("question_ids")), "{e}");
    let (status, ordered) =
        thuky.call(Method::PUT, &path, Some(json!({ "agenda_item_id": items[1], "question_ids": order }))).await;
    assert_eq!(status, StatusCode::OK, "{ordered}");
    assert_eq!(ids(ordered.as_array().unwrap()), order);
    let (status, e) =
        a.call(Method::PUT, &path, Some(json!({ "agenda_item_id": items[1], "question_ids": order }))).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{e}");
}

#[tokio::test]
async fn the_presenting_unit_answers_and_the_author_sees_the_answer() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let author = s.login("daibieu07").await;
    let presenter = s.login("daibieu02").await; // Sở Kế hoạch và Đầu tư
    let outsider = s.login("daibieu05").await;
    let (meeting, items) = regular(&thuky).await;
    let id = Uuid::now_v7();
    let (status, _) = submit(
        &author,
        &meeting,
        json!({ "id": id, "agenda_item_id": items[0], "text": "Dự báo tăng trưởng cả năm?" }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let path = format!("/api/v1/questions/{id}");
    assert!(!ids(&questions(&presenter, &meeting).await).contains(&id.to_string()), "not yet theirs");

    let (_, units) = thuky.get("/api/v1/units").await;
    let skhdt = units.as_array().unwrap().iter().find(|u| u["code"] == "SKHDT").unwrap()["id"].clone();
    let (status, e) = author.call(Method::PUT, &format!("{path}/assignee"), Some(json!({ "unit_id": skhdt }))).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{e}");
    let (status, e) =
        thuky.call(Method::PUT, &format!("{path}/assignee"), Some(json!({ "unit_id": Uuid::now_v7() }))).await;
    assert_eq!((status, e["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("unit_id")), "{e}");
    let (status, q) = thuky.call(Method::PUT, &format!("{path}/assignee"), Some(json!({ "unit_id": skhdt }))).await;
    assert_eq!((status, q["status"].as_str()), (StatusCode::OK, Some("assigned")), "{q}");

    assert!(ids(&questions(&presenter, &meeting).await).contains(&id.to_string()), "the unit sees what it must answer");
    let (status, e) =
        outsider.call(Method::PUT, &format!("{path}/answer"), Some(json!({ "text": "Không phải tôi" }))).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{e}");
    let (status, e) = presenter.call(Method::PUT, &format!("{path}/answer"), Some(json!({ "text": "   " }))).await;
    assert_eq!((status, e["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("text")), "{e}");
    let (status, q) = presenter
        .call(Method::PUT, &format!("{path}/answer"), Some(json!({ "text": "Dự báo cả năm tăng 7,8%." })))
        .await;
    assert_eq!((status, q["status"].as_str()), (StatusCode::OK, Some("answered")), "{q}");

    let mine = questions(&author, &meeting).await;
    let q = mine.iter().find(|q| q["id"] == id.to_string()).unwrap();
    assert_eq!(q["answer"]["text"], "Dự báo cả năm tăng 7,8%.");
    assert_eq!(q["answer"]["by"], presenter.id.as_str());

    // Given to another unit, the first unit loses it from its list and its feed.
    let (_, since) = presenter.sync_all(0).await;
    let other_unit = units.as_array().unwrap().iter().find(|u| u["code"] == "STC").unwrap()["id"].clone();
    let (status, q) =
        thuky.call(Method::PUT, &format!("{path}/assignee"), Some(json!({ "unit_id": other_unit }))).await;
    assert_eq!((status, q["status"].as_str(), &q["answer"]), (StatusCode::OK, Some("assigned"), &Value::Null), "{q}");
    assert!(!ids(&questions(&presenter, &meeting).await).contains(&id.to_string()));
    let gone = fed(&presenter, since).await;
    assert!(gone.iter().any(|c| c["entity_id"] == id.to_string() && c["op"] == "delete"), "{gone:?}");
}

#[tokio::test]
async fn bad_questions_are_refused_with_the_field_and_nothing_is_written() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let author = s.login("daibieu07").await;
    let (meeting, _) = regular(&thuky).await;
    let draft = thuky.meeting_id("giao ban Văn phòng").await;
    let (_, d) = thuky.get(&format!("/api/v1/meetings/{draft}")).await;
    let foreign_item = d["agenda"][0]["id"].clone();
    let (_, m) = thuky.get(&format!("/api/v1/meetings/{meeting}")).await;
    let doc = m["documents"].as_array().unwrap().iter().find(|d| d["confidentiality"] == "normal").unwrap().clone();
    let pages = doc["current"]["page_count"].as_u64().unwrap();
    let before = s.count("SELECT COUNT(*) FROM questions").await;
    let long = "ý".repeat(ecab_core::questions::MAX_QUESTION_CHARS + 1);
    for (body, field) in [
        (json!({ "text": " " }), "text"),
        (json!({ "text": long }), "text"),
        (json!({ "text": "Mục của cuộc họp khác", "agenda_item_id": foreign_item }), "agenda_item_id"),
        (json!({ "text": "Trang không có", "document_id": doc["id"], "page": pages }), "page"),
        (json!({ "text": "Trang không tài liệu", "page": 0 }), "page"),
        (json!({ "text": "Tài liệu lạ", "document_id": Uuid::now_v7() }), "document_id"),
    ] {
        let mut body = body;
        body["id"] = json!(Uuid::now_v7());
        let (status, e) = submit(&author, &meeting, body.clone()).await;
        assert_eq!(
            (status, e["code"].as_str(), e["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("validation"), Some(field)),
            "{body}: {e}"
        );
    }
    let (status, e) =
        author.post(&format!("/api/v1/meetings/{meeting}/questions"), json!({ "text": "Thiếu id" })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert_eq!(s.count("SELECT COUNT(*) FROM questions").await, before);

    // On a page of a document: the question belongs to the document's agenda item.
    let id = Uuid::now_v7();
    let (status, q) = submit(
        &author,
        &meeting,
        json!({ "id": id, "document_id": doc["id"], "page": pages - 1, "text": "Trang cuối" }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{q}");
    assert_eq!((&q["agenda_item_id"], &q["page"]), (&doc["agenda_item_id"], &json!(pages - 1)));
    // A meeting the delegate may not see answers as if it did not exist.
    let (status, e) = submit(&author, &draft, json!({ "id": Uuid::now_v7(), "text": "Bản nháp" })).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")), "{e}");
}

#[tokio::test]
async fn an_author_of_a_merged_question_withdraws_their_share_and_the_others_keep_it() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let (x, y) = (s.login("daibieu07").await, s.login("daibieu08").await);
    let (meeting, items) = regular(&thuky).await;
    let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
    for (c, id, text) in [(&x, a, "Tiến độ giải ngân quý IV?"), (&y, b, "Giải ngân quý IV đến đâu?")]
    {
        let (status, _) = submit(c, &meeting, json!({ "id": id, "agenda_item_id": items[0], "text": text })).await;
        assert_eq!(status, StatusCode::CREATED);
    }
    let (status, merged) = thuky.post(&format!("/api/v1/questions/{a}/merge"), json!({ "question_ids": [b] })).await;
    assert_eq!(status, StatusCode::OK, "{merged}");
    assert_eq!(merged["authors"], json!([x.id, y.id]));

    // The writer withdraws: the question stays, its other author now its writer.
    let (status, q) = x.post(&format!("/api/v1/questions/{a}/withdraw"), json!(null)).await;
    assert_eq!(status, StatusCode::OK, "{q}");
    assert_eq!((q["status"].as_str(), q["authors"].clone()), (Some("submitted"), json!([y.id])));
    assert!(!ids(&questions(&x, &meeting).await).contains(&a.to_string()), "no longer the writer's");
    assert!(ids(&questions(&y, &meeting).await).contains(&a.to_string()), "still the other author's");
    let (status, e) = x.call(Method::PATCH, &format!("/api/v1/questions/{a}"), Some(json!({ "text": "Sửa" }))).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{e}");

    // The last author withdraws it.
    let (status, q) = y.post(&format!("/api/v1/questions/{a}/withdraw"), json!(null)).await;
    assert_eq!((status, q["status"].as_str()), (StatusCode::OK, Some("withdrawn")), "{q}");
    let seen = questions(&thuky, &meeting).await;
    let a_now = seen.iter().find(|q| q["id"] == a.to_string().as_str()).unwrap();
    assert_eq!((a_now["status"].as_str(), a_now["authors"].clone()), (Some("withdrawn"), json!([y.id])));
}
