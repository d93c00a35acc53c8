//! Written opinion polls: the secretary prepares one on a draft and sends it to the
//! members; each answers agree, disagree or another opinion until the deadline; the staff
//! see the tally and who has not answered, the members see the tally once it is closed.
//! What is expected comes from `ecab_core::polls`.

use chrono::{Duration, Utc};
use ecab_core::PollChoice;
use ecab_core::polls::{Outcome, Tally};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::common::{Client, Server, user_id};

async fn polls(c: &Client<'_>, meeting: &str) -> Vec<Value> {
    let (status, list) = c.get(&format!("/api/v1/meetings/{meeting}/polls")).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list.as_array().unwrap().clone()
}

async fn answer(c: &Client<'_>, poll: &str, choice: &str, comment: &str) -> (StatusCode, Value) {
    let body = json!({ "choice": choice, "comment": comment });
    c.call(Method::PUT, &format!("/api/v1/polls/{poll}/answer"), Some(body)).await
}

/// The tally `ecab-core` makes of a poll's voters and answers, as the staff see them.
fn tally_of(p: &Value) -> Tally {
    let answers = p["answers"].as_array().unwrap();
    Tally::of(p["voters"].as_array().unwrap().iter().map(|v| {
        answers
            .iter()
            .find(|a| a["user_id"] == *v)
            .map(|a| serde_json::from_value::<PollChoice>(a["choice"].clone()).unwrap())
    }))
}

fn tally(p: &Value) -> Tally {
    serde_json::from_value(p["tally"].clone()).unwrap()
}

#[tokio::test]
async fn members_answer_until_the_poll_closes_and_the_staff_see_the_tally() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let meeting = thuky.meeting_id("bằng văn bản").await;
    let all = polls(&thuky, &meeting).await;
    assert_eq!(all.len(), 2, "the demo's open poll and its draft");
    let open = all.iter().find(|p| p["status"] == "open").unwrap().clone();
    let draft = all.iter().find(|p| p["status"] == "draft").unwrap().clone();
    let id = open["id"].as_str().unwrap().to_owned();
    // The members: the chair, then the twelve delegates invited.
    let (_, detail) = thuky.get(&format!("/api/v1/meetings/{meeting}")).await;
    let mut members = vec![detail["meeting"]["chair_id"].clone()];
    members.extend(detail["invitees"]["delegate_ids"].as_array().unwrap().iter().cloned());
    assert_eq!(open["voters"].as_array().unwrap(), &members);
    assert_eq!(tally(&open), tally_of(&open));
    assert_eq!(tally(&open).unanswered as usize, members.len() - 4);

    // A member who has not answered sees the sent poll only, without the others' answers.
    let a = s.login("daibieu05").await;
    let theirs = polls(&a, &meeting).await;
    assert_eq!(theirs.len(), 1, "not the draft");
    assert!(theirs[0]["answers"].as_array().unwrap().is_empty());
    assert!(theirs[0]["tally"].is_null(), "no tally while it is open");
    let (status, e) = answer(&a, &id, "other", "  ").await;
    assert_eq!((status, e["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("comment")), "{e}");
    let (status, mine) = answer(&a, &id, "agree", "").await;
    assert_eq!(status, StatusCode::OK, "{mine}");
    assert_eq!(mine["answers"].as_array().unwrap().len(), 1);
    let (status, mine) = answer(&a, &id, "disagree", "Chưa phù hợp với khu vực miền núi.").await;
    assert_eq!(status, StatusCode::OK, "{mine}");
    assert_eq!(mine["answers"][0]["choice"], "disagree", "an answer changes while open");

    // Who is not asked cannot answer; who may not see the meeting does not know of it.
    let (status, e) = answer(&thuky, &id, "agree", "").await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")));
    assert_eq!(answer(&s.login("phochutich").await, &id, "agree", "").await.0, StatusCode::NOT_FOUND);
    let draft_id = draft["id"].as_str().unwrap();
    assert_eq!(answer(&a, draft_id, "agree", "").await.0, StatusCode::NOT_FOUND, "a draft is hidden");

    // The chair sees every answer and who has not answered, and closes early.
    let chair = s.login("chutich").await;
    let seen = polls(&chair, &meeting).await.into_iter().find(|p| p["id"] == id.as_str()).unwrap();
    assert_eq!(tally(&seen), tally_of(&seen));
    let daibieu05 = user_id(&thuky, "daibieu05").await;
    assert!(seen["answers"].as_array().unwrap().iter().any(|x| x["user_id"] == daibieu05.as_str()));
    let (status, closed) = chair.post(&format!("/api/v1/polls/{id}/close"), json!(null)).await;
    assert_eq!(status, StatusCode::OK, "{closed}");
    assert_eq!(closed["status"], "closed");
    let t = tally(&closed);
    assert_eq!(t.outcome(ecab_core::PollStatus::Closed), Outcome::NotPassed, "{t:?}: not more than half agree");
    let (status, e) = answer(&a, &id, "agree", "").await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::CONFLICT, Some("poll_closed")), "{e}");
    let theirs = polls(&a, &meeting).await;
    assert_eq!(tally(&theirs[0]), t, "members see the tally once it is closed");
    assert_eq!(theirs[0]["answers"].as_array().unwrap().len(), 1, "still only their own answer");

    // The member's device learns of it through the feed: its own view, with the tally.
    let (changes, _) = a.sync_all(0).await;
    let last = changes.iter().rfind(|c| c["entity"] == "poll" && c["entity_id"] == id.as_str()).unwrap();
    assert_eq!(last["data"]["status"], "closed");
    assert_eq!(last["data"]["answers"].as_array().unwrap().len(), 1);
    assert!(changes.iter().all(|c| c["entity_id"] != draft["id"]), "drafts are for the staff");
}

#[tokio::test]
async fn the_secretary_prepares_sends_and_the_deadline_closes() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let meeting = thuky.meeting_id("bằng văn bản").await;
    let (_, detail) = thuky.get(&format!("/api/v1/meetings/{meeting}")).await;
    let doc = detail["documents"][0]["id"].clone();
    let other = thuky.meeting_id("thường kỳ").await;
    let (_, elsewhere) = thuky.get(&format!("/api/v1/meetings/{other}")).await;
    let path = format!("/api/v1/meetings/{meeting}/polls");
    let id = uuid::Uuid::now_v7();
    let deadline = Utc::now() + Duration::hours(1);
    let body = |deadline: chrono::DateTime<Utc>, doc: &Value| json!({ "id": id, "document_id": doc, "question": "Đồng chí có đồng ý với dự thảo không?", "deadline": deadline });

    let (status, e) = thuky.post(&path, body(Utc::now() - Duration::minutes(1), &doc)).await;
    assert_eq!((status, e["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("deadline")), "{e}");
    let (status, e) = thuky.post(&path, body(deadline, &elsewhere["documents"][0]["id"])).await;
    assert_eq!((status, e["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("document_id")), "{e}");
    let (status, p) = thuky.post(&path, body(deadline, &doc)).await;
    assert_eq!((status, p["status"].as_str()), (StatusCode::CREATED, Some("draft")), "{p}");
    assert_eq!(thuky.post(&path, body(deadline, &doc)).await.0, StatusCode::CREATED, "a retry returns it");
    assert_eq!(s.login("chutich").await.post(&path, body(deadline, &doc)).await.0, StatusCode::CONFLICT);
    let (status, e) = s
        .login("chutich")
        .await
        .post(&path, json!({ "id": uuid::Uuid::now_v7(), "question": "?", "deadline": deadline }))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "only the meeting's secretary prepares: {e}");

    let edit =
        json!({ "document_id": doc, "question": "  Đồng chí có đồng ý ban hành không?  ", "deadline": deadline });
    let (status, p) = thuky.call(Method::PUT, &format!("/api/v1/polls/{id}"), Some(edit.clone())).await;
    assert_eq!((status, p["question"].as_str()), (StatusCode::OK, Some("Đồng chí có đồng ý ban hành không?")));
    let (status, sent) = thuky.post(&format!("/api/v1/polls/{id}/send"), json!(null)).await;
    assert_eq!((status, sent["status"].as_str()), (StatusCode::OK, Some("open")), "{sent}");
    assert_eq!(sent["voters"].as_array().unwrap().len(), 13);
    assert_eq!(tally(&sent).unanswered, 13);
    let (status, e) = thuky.call(Method::PUT, &format!("/api/v1/polls/{id}"), Some(edit)).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::CONFLICT, Some("poll_sent")), "{e}");
    let (status, e) = thuky.call(Method::DELETE, &format!("/api/v1/polls/{id}"), None).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::CONFLICT, Some("poll_sent")), "{e}");

    // Every member agrees: passed, once the deadline has closed it.
    for name in ["chutich", "daibieu01", "daibieu02", "daibieu03", "daibieu04", "daibieu05", "daibieu06"] {
        assert_eq!(answer(&s.login(name).await, &id.to_string(), "agree", "").await.0, StatusCode::OK, "{name}");
    }
    let closed = ecab_server::http::polls::close_due(&s.state, deadline + Duration::seconds(1)).await.unwrap();
    assert_eq!(closed, 1, "the demo's own poll is due later");
    let p = polls(&thuky, &meeting).await.into_iter().find(|p| p["id"] == id.to_string().as_str()).unwrap();
    assert_eq!(p["status"], "closed");
    assert_eq!(p["closed_at"].as_str().map(|t| t.parse::<chrono::DateTime<Utc>>().unwrap()), Some(deadline));
    let t = tally(&p);
    assert_eq!((t.agree, t.unanswered), (7, 6));
    assert_eq!(t.outcome(ecab_core::PollStatus::Closed), Outcome::Passed);
    let (status, e) = answer(&s.login("daibieu07").await, &id.to_string(), "agree", "").await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::CONFLICT, Some("poll_closed")));

    // A draft is deleted; then it is not found.
    let draft = polls(&thuky, &meeting).await.into_iter().find(|p| p["status"] == "draft").unwrap();
    let del = format!("/api/v1/polls/{}", draft["id"].as_str().unwrap());
    assert_eq!(thuky.call(Method::DELETE, &del, None).await.0, StatusCode::NO_CONTENT);
    assert_eq!(thuky.call(Method::DELETE, &del, None).await.0, StatusCode::NOT_FOUND);
    assert_eq!(polls(&thuky, &meeting).await.len(), 2);
}
