//! Attendance before the meeting: invitees confirm, decline with a reason or send a
//! deputy, who then receives the pack as the invitee does; the staff see the roll. And
//! registrations to speak, kept in the order they came.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::common::{Client, Server, user_id};

async fn regular(thuky: &Client<'_>) -> (String, Vec<String>) {
    let id = thuky.meeting_id("thường kỳ").await;
    let (_, d) = thuky.get(&format!("/api/v1/meetings/{id}")).await;
    let items = d["agenda"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_owned()).collect();
    (id, items)
}

async fn reply(c: &Client<'_>, meeting: &str, invitee: &str, body: Value) -> (StatusCode, Value) {
    c.call(Method::PUT, &format!("/api/v1/meetings/{meeting}/attendance/{invitee}"), Some(body)).await
}

async fn roll(c: &Client<'_>, meeting: &str) -> Vec<Value> {
    let (status, list) = c.get(&format!("/api/v1/meetings/{meeting}/attendance")).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list.as_array().unwrap().clone()
}

fn status_of<'a>(roll: &'a [Value], user: &str) -> &'a str {
    roll.iter().find(|r| r["user_id"] == user).unwrap()["status"].as_str().unwrap()
}

#[tokio::test]
async fn invitees_reply_and_the_staff_see_the_whole_roll() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let chair = s.login("chutich").await;
    let a = s.login("daibieu11").await;
    let b = s.login("daibieu12").await;
    let (meeting, _) = regular(&thuky).await;
    let (_, invitees) = thuky.get(&format!("/api/v1/meetings/{meeting}")).await;
    let invited = invitees["invitees"]["delegate_ids"].as_array().unwrap().len();

    let (status, r) = reply(&a, &meeting, &a.id, json!({ "status": "attending" })).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!((r["status"].as_str(), r["by"].as_str()), (Some("attending"), Some(a.id.as_str())));

    // Declining needs a reason; a refused reply writes nothing.
    let (status, e) = reply(&b, &meeting, &b.id, json!({ "status": "absent", "reason": "  " })).await;
    assert_eq!(
        (status, e["code"].as_str(), e["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("validation"), Some("reason")),
        "{e}"
    );
    assert_eq!(status_of(&roll(&thuky, &meeting).await, &b.id), "pending");
    let (status, r) = reply(&b, &meeting, &b.id, json!({ "status": "absent", "reason": " Đi công tác " })).await;
    assert_eq!((status, r["reason"].as_str()), (StatusCode::OK, Some("Đi công tác")), "{r}");

    // The staff see every invitee, pending ones too; a delegate only their own reply.
    for staff in [&thuky, &chair] {
        let all = roll(staff, &meeting).await;
        assert_eq!(all.len(), invited);
        assert_eq!((status_of(&all, &a.id), status_of(&all, &b.id)), ("attending", "absent"));
    }
    let mine = roll(&a, &meeting).await;
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert_eq!(mine[0]["user_id"], a.id.as_str());

    // Nobody replies for someone else but the secretary, and only for an invitee.
    let (status, e) = reply(&a, &meeting, &b.id, json!({ "status": "attending" })).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{e}");
    let (status, r) = reply(&thuky, &meeting, &b.id, json!({ "status": "attending" })).await;
    assert_eq!((status, r["by"].as_str()), (StatusCode::OK, Some(thuky.id.as_str())), "{r}");
    let outsider = user_id(&thuky, "phogiamdoc01").await;
    let (status, e) = reply(&thuky, &meeting, &outsider, json!({ "status": "attending" })).await;
    assert_eq!((status, e["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("user_id")), "{e}");

    // The invitee's reply reaches the staff and the invitee through the feed, nobody else.
    let (feed_b, _) = b.sync_all(0).await;
    let (feed_a, _) = a.sync_all(0).await;
    let replies_of = |feed: &[Value], user: &str| {
        feed.iter().filter(|c| c["entity"] == "reply" && c["data"]["user_id"] == user).count()
    };
    assert!(replies_of(&feed_b, &b.id) >= 2);
    assert_eq!(replies_of(&feed_a, &b.id), 0);
}

#[tokio::test]
async fn a_deputy_receives_the_pack_and_the_invitee_keeps_theirs() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let invitee = s.login("daibieu01").await; // Sở Tài chính
    let deputy = s.login("phogiamdoc01").await; // Phó Giám đốc Sở Tài chính
    let other_unit = user_id(&thuky, "phogiamdoc02").await;
    let (meeting, items) = regular(&thuky).await;
    let path = format!("/api/v1/meetings/{meeting}");
    assert_eq!(deputy.get(&path).await.0, StatusCode::NOT_FOUND, "not invited: not even known");
    let (_, since) = deputy.sync_all(0).await;

    // Only a delegate of the invitee's own unit, not invited already, may stand in.
    let cases = [
        (other_unit.as_str(), "another unit"),
        (thuky.id.as_str(), "not a delegate"),
        (invitee.id.as_str(), "oneself"),
    ];
    for (who, why) in cases {
        let (status, e) = reply(&invitee, &meeting, &invitee.id, json!({ "status": "deputy", "deputy_id": who })).await;
        assert_eq!((status, e["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("deputy_id")), "{why}: {e}");
    }
    let (status, e) = reply(&invitee, &meeting, &invitee.id, json!({ "status": "deputy" })).await;
    assert_eq!((status, e["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("deputy_id")), "{e}");

    let (status, r) =
        reply(&invitee, &meeting, &invitee.id, json!({ "status": "deputy", "deputy_id": deputy.id })).await;
    assert_eq!(status, StatusCode::OK, "{r}");

    // The deputy sees what the invitee sees, confidential documents included.
    let (status, theirs) = deputy.get(&path).await;
    assert_eq!(status, StatusCode::OK, "{theirs}");
    let (_, mine) = invitee.get(&path).await;
    let titles = |d: &Value| d["documents"].as_array().unwrap().iter().map(|d| d["id"].clone()).collect::<Vec<_>>();
    assert_eq!(titles(&theirs), titles(&mine));
    assert!(theirs["documents"].as_array().unwrap().iter().any(|d| d["confidentiality"] == "confidential"));
    assert_eq!(theirs["replies"].as_array().unwrap().len(), 1, "the reply that names them");
    let (fed, _) = deputy.sync_all(since).await;
    let docs = fed.iter().filter(|c| c["entity"] == "document" && c["op"] == "upsert").count();
    assert_eq!(docs, mine["documents"].as_array().unwrap().len(), "the whole pack reaches the deputy's devices");
    assert!(fed.iter().any(|c| c["entity"] == "meeting" && c["op"] == "upsert"));
    let (status, _) = invitee.get(&path).await;
    assert_eq!(status, StatusCode::OK, "the invitee keeps the meeting");

    // The deputy takes part: sends an opinion, registers to speak; but does not reply.
    let (status, q) = deputy
        .post(&format!("{path}/questions"), json!({ "id": Uuid::now_v7(), "text": "Ý kiến của người dự thay" }))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{q}");
    let (status, sp) =
        deputy.post(&format!("{path}/speakers"), json!({ "id": Uuid::now_v7(), "agenda_item_id": items[0] })).await;
    assert_eq!(status, StatusCode::CREATED, "{sp}");
    let (status, e) = reply(&deputy, &meeting, &deputy.id, json!({ "status": "attending" })).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{e}");
    // The invitee who sent a deputy does not register to speak.
    let (status, e) =
        invitee.post(&format!("{path}/speakers"), json!({ "id": Uuid::now_v7(), "agenda_item_id": items[0] })).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{e}");

    // The invitee comes after all: the deputy loses the meeting, on their devices too.
    let (_, since) = deputy.sync_all(since).await;
    let (status, _) = reply(&invitee, &meeting, &invitee.id, json!({ "status": "attending" })).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(deputy.get(&path).await.0, StatusCode::NOT_FOUND);
    let (_, list) = thuky.get(&format!("{path}/speakers")).await;
    assert!(list.as_array().unwrap().iter().all(|s| s["user_id"] != deputy.id.as_str()), "their registration goes too");
    let (fed, _) = deputy.sync_all(since).await;
    assert!(fed.iter().any(|c| c["entity"] == "meeting" && c["op"] == "delete"), "{fed:?}");
    assert_eq!(invitee.get(&path).await.0, StatusCode::OK);
}

#[tokio::test]
async fn taking_an_invitee_off_the_list_takes_the_meeting_from_their_deputy() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let invitee = s.login("daibieu02").await; // Sở Kế hoạch và Đầu tư
    let deputy = s.login("phogiamdoc02").await;
    let (meeting, _) = regular(&thuky).await;
    let path = format!("/api/v1/meetings/{meeting}");
    let (status, _) =
        reply(&invitee, &meeting, &invitee.id, json!({ "status": "deputy", "deputy_id": deputy.id })).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(deputy.get(&path).await.0, StatusCode::OK);

    let (_, d) = thuky.get(&path).await;
    let mut inv = d["invitees"].clone();
    inv["delegate_ids"] = json!(
        inv["delegate_ids"].as_array().unwrap().iter().filter(|x| **x != invitee.id.as_str()).collect::<Vec<_>>()
    );
    let (status, e) = thuky.call(Method::PUT, &format!("{path}/invitees"), Some(inv)).await;
    assert_eq!(status, StatusCode::OK, "{e}");
    assert_eq!(deputy.get(&path).await.0, StatusCode::NOT_FOUND);
    assert!(roll(&thuky, &meeting).await.iter().all(|r| r["user_id"] != invitee.id.as_str()));
    assert_eq!(s.count("SELECT COUNT(*) FROM replies WHERE status = 'deputy'").await, 0);
}

#[tokio::test]
async fn registrations_to_speak_are_kept_in_order_and_once() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let a = s.login("daibieu03").await;
    let b = s.login("daibieu04").await;
    let absent = s.login("daibieu07").await; // declined in the demo
    let wall = s.login("diemcau01").await;
    let (meeting, items) = regular(&thuky).await;
    let path = format!("/api/v1/meetings/{meeting}/speakers");
    let (_, before) = thuky.get(&path).await;
    let before = before.as_array().unwrap().len();

    let id = Uuid::now_v7();
    let body = json!({ "id": id, "agenda_item_id": items[1], "topic": "  Về thu ngân sách  " });
    let (status, sp) = a.post(&path, body.clone()).await;
    assert_eq!((status, sp["topic"].as_str()), (StatusCode::CREATED, Some("Về thu ngân sách")), "{sp}");
    let (status, again) = a.post(&path, body).await;
    assert_eq!((status, &again), (StatusCode::OK, &sp), "a retry answers the same registration");
    let (status, same_item) = a.post(&path, json!({ "id": Uuid::now_v7(), "agenda_item_id": items[1] })).await;
    assert_eq!((status, same_item["id"].as_str()), (StatusCode::OK, Some(id.to_string().as_str())), "once per item");
    let (status, e) = b.post(&path, json!({ "id": id, "agenda_item_id": items[1] })).await;
    assert_eq!(status, StatusCode::CONFLICT, "someone else's id: {e}");
    let (status, _) = b.post(&path, json!({ "id": Uuid::now_v7(), "agenda_item_id": items[1] })).await;
    assert_eq!(status, StatusCode::CREATED);

    let (status, e) = absent.post(&path, json!({ "id": Uuid::now_v7(), "agenda_item_id": items[1] })).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "who declined does not register: {e}");
    let (status, e) = a.post(&path, json!({ "id": Uuid::now_v7(), "agenda_item_id": Uuid::now_v7() })).await;
    assert_eq!((status, e["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("agenda_item_id")), "{e}");

    // Everyone who sees the meeting sees the list, in the order people registered.
    let (_, list) = wall.get(&path).await;
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), before + 2);
    assert_eq!(
        (list[before]["user_id"].as_str(), list[before + 1]["user_id"].as_str()),
        (Some(a.id.as_str()), Some(b.id.as_str()))
    );

    let one = format!("/api/v1/speakers/{id}");
    assert_eq!(b.call(Method::DELETE, &one, None).await.0, StatusCode::FORBIDDEN);
    assert_eq!(a.call(Method::DELETE, &one, None).await.0, StatusCode::NO_CONTENT);
    let (_, list) = thuky.get(&path).await;
    assert_eq!(list.as_array().unwrap().len(), before + 1);
    assert_eq!(a.call(Method::DELETE, &one, None).await.0, StatusCode::NOT_FOUND);

    // Who then declines is taken off the list.
    let (status, _) = reply(&b, &meeting, &b.id, json!({ "status": "absent", "reason": "Ốm" })).await;
    assert_eq!(status, StatusCode::OK);
    let (_, list) = thuky.get(&path).await;
    assert_eq!(list.as_array().unwrap().len(), before);
    assert!(list.as_array().unwrap().iter().all(|s| s["user_id"] != b.id.as_str()));
}
