//! The change feed: what each caller may see, from draft to revocation; and the narrowed
//! scan giving, page for page, what a scan of the whole log gives.

use ecab_core::Role;
use ecab_server::auth::AuthUser;
use ecab_server::http::sync;
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

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

// The narrowed scan against the full one it replaced (`sync::page_reference`).

const DEMO_USERS: [&str; 5] = ["admin", "thuky", "chanhvanphong", "chutich", "phochutich"];

fn demo_usernames() -> Vec<String> {
    let numbered = |prefix: &'static str, n: usize| (1..=n).map(move |i| format!("{prefix}{i:02}"));
    DEMO_USERS
        .iter()
        .map(|u| (*u).to_owned())
        .chain(numbered("daibieu", 20))
        .chain(numbered("phogiamdoc", 3))
        .chain(numbered("diemcau", 30))
        .collect()
}

/// The caller as the server knows them, for calling the feed's functions directly.
async fn auth_user(s: &Server, username: &str) -> AuthUser {
    let (id, role): (Uuid, String) = sqlx::query_as("SELECT id, role FROM users WHERE username = ?")
        .bind(username)
        .fetch_one(&s.state.db)
        .await
        .unwrap();
    AuthUser { id, role: Role::parse(&role).unwrap(), token_hash: [0; 32] }
}

async fn reference(s: &Server, user: &AuthUser, since: i64, limit: u32) -> Value {
    serde_json::to_value(sync::page_reference(&s.state.db, user, since, Some(limit)).await.unwrap()).unwrap()
}

async fn head(s: &Server) -> i64 {
    s.count("SELECT COALESCE(MAX(seq), 0) FROM changes").await
}

/// Every change after `since`, in pages of `limit`, and the last `next_since`.
async fn pull(c: &Client<'_>, since: i64, limit: u32) -> (Vec<Value>, i64) {
    let mut since = since;
    let mut all = Vec::new();
    loop {
        let (status, page) = c.get(&format!("/api/v1/sync?since={since}&limit={limit}")).await;
        assert_eq!(status, 200, "{page}");
        all.extend(page["changes"].as_array().unwrap().iter().cloned());
        since = page["next_since"].as_i64().unwrap();
        if !page["has_more"].as_bool().unwrap() {
            return (all, since);
        }
    }
}

/// Invitees of a meeting as `PUT …/invitees` takes them, with `user` added or taken off.
async fn invitees_with(thuky: &Client<'_>, meeting: &str, user: &str, invited: bool) {
    let path = format!("/api/v1/meetings/{meeting}");
    let (_, d) = thuky.get(&path).await;
    let mut inv = d["invitees"].clone();
    let mut ids: Vec<Value> =
        inv["delegate_ids"].as_array().unwrap().iter().filter(|x| x.as_str() != Some(user)).cloned().collect();
    if invited {
        ids.push(json!(user));
    }
    inv["delegate_ids"] = json!(ids);
    let (status, e) = thuky.call(Method::PUT, &format!("{path}/invitees"), Some(inv)).await;
    assert_eq!(status, 200, "{e}");
}

#[tokio::test]
async fn every_demo_user_gets_the_pages_of_a_full_scan() {
    let s = Server::start().await;
    let names = demo_usernames();
    assert_eq!(s.count("SELECT COUNT(*) FROM users").await, names.len() as i64, "the list is the whole demo");
    let thuky = s.login("thuky").await;
    let regular = thuky.meeting_id("thường kỳ").await;
    // A deputy (a relation through replies), and a delegate invited then taken off the list
    // (a withdrawal targeted at someone who no longer relates to the meeting).
    let invitee = s.login("daibieu01").await;
    let deputy = s.login("phogiamdoc01").await;
    let (status, r) = invitee
        .call(
            Method::PUT,
            &format!("/api/v1/meetings/{regular}/attendance/{}", invitee.id),
            Some(json!({ "status": "deputy", "deputy_id": deputy.id })),
        )
        .await;
    assert_eq!(status, 200, "{r}");
    let gone = s.login("phogiamdoc03").await;
    invitees_with(&thuky, &regular, &gone.id, true).await;
    invitees_with(&thuky, &regular, &gone.id, false).await;
    // A delegate who chairs two meetings and is invited to others: staff of some, member of
    // others, and many enough to have the log read by seq.
    let chair = auth_user(&s, "daibieu02").await;
    sqlx::query(
        "UPDATE meetings SET chair_id = ? WHERE title LIKE '%chuyển đổi số%' OR title LIKE '%giải phóng mặt bằng%'",
    )
    .bind(chair.id)
    .execute(&s.state.db)
    .await
    .unwrap();
    let read_by_seq = sync::plan(&s.state.db, &chair).await.unwrap().join("\n");
    assert!(read_by_seq.contains("USING INTEGER PRIMARY KEY"), "{read_by_seq}");
    // The directory's changes: a unit for everyone, made by an administrator; a copy of it
    // for administrators only, and copies of a withdrawal and of a reply targeted at the
    // chief of office, written straight into the log (no write path makes those today).
    let admin = s.login("admin").await;
    let (status, unit) =
        admin.post("/api/v1/units", json!({ "code": "SVHTTDL", "name": "Sở Văn hóa", "kind": "department" })).await;
    assert_eq!(status, 201, "{unit}");
    let chief = auth_user(&s, "chanhvanphong").await;
    for copy in [
        "SELECT at, meeting_id, 'admin', NULL, entity, entity_id, op, data FROM changes WHERE meeting_id IS NULL",
        "SELECT at, meeting_id, audience, ?1, entity, entity_id, op, data FROM changes
         WHERE entity = 'meeting' AND op = 'delete' AND target_user IS NOT NULL",
        "SELECT at, meeting_id, audience, ?1, entity, entity_id, op, data FROM changes
         WHERE entity = 'reply' AND op = 'upsert' AND target_user IS NOT NULL",
    ] {
        let sql = format!(
            "INSERT INTO changes (at, meeting_id, audience, target_user, entity, entity_id, op, data)
             {copy} ORDER BY seq DESC LIMIT 1"
        );
        let done = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(chief.id).execute(&s.state.db).await.unwrap();
        assert_eq!(done.rows_affected(), 1, "{copy}");
    }
    let head = head(&s).await;

    for name in &names {
        let c = s.login(name).await;
        let user = auth_user(&s, name).await;
        for limit in [2000, 50, 7] {
            let mut since = 0;
            loop {
                let (status, page) = c.get(&format!("/api/v1/sync?since={since}&limit={limit}")).await;
                assert_eq!(status, 200, "{page}");
                assert_eq!(page, reference(&s, &user, since, limit).await, "{name}, since {since}, limit {limit}");
                since = page["next_since"].as_i64().unwrap();
                if !page["has_more"].as_bool().unwrap() {
                    break;
                }
            }
            assert_eq!(since, head, "{name} reaches the head of the log");
        }
        // And from a cursor that is no page boundary.
        for since in [1, head / 3, head / 2 + 1, head - 1, head, head + 5] {
            let (_, page) = c.get(&format!("/api/v1/sync?since={since}&limit=20")).await;
            assert_eq!(page, reference(&s, &user, since, 20).await, "{name}, since {since}");
        }
    }
}

#[tokio::test]
async fn a_withdrawal_reaches_who_no_longer_relates_to_the_meeting() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let d = s.login("phogiamdoc03").await; // invited to no demo meeting
    let user = auth_user(&s, "phogiamdoc03").await;
    let regular = thuky.meeting_id("thường kỳ").await;
    let (before, since) = d.sync_all(0).await;
    assert!(about(&before, &regular).is_empty());

    invitees_with(&thuky, &regular, &d.id, true).await;
    let (seen, since) = d.sync_all(since).await;
    assert!(has(&about(&seen, &regular), "meeting", "upsert"), "invited: the meeting arrives");
    invitees_with(&thuky, &regular, &d.id, false).await;
    let invited: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM meeting_delegates WHERE user_id = ?")
        .bind(user.id)
        .fetch_one(&s.state.db)
        .await
        .unwrap();
    assert_eq!(invited, 0, "invited nowhere any more");

    let (seen, _) = d.sync_all(since).await;
    let mine = about(&seen, &regular);
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert_eq!((mine[0]["entity"].as_str(), mine[0]["op"].as_str()), (Some("meeting"), Some("delete")));
    // From the start, only the withdrawal is left of the meeting: the copy sent at the
    // invitation was for them, but they may no longer see it.
    let (all, _) = d.sync_all(0).await;
    let mine = about(&all, &regular);
    assert!(mine.len() == 1 && mine[0]["op"] == "delete", "{mine:?}");
    let (_, page) = d.get("/api/v1/sync?since=0&limit=2000").await;
    assert_eq!(page, reference(&s, &user, 0, 2000).await);
}

#[tokio::test]
async fn small_pages_give_the_rows_of_one_big_page_even_as_the_log_grows() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let regular = thuky.meeting_id("thường kỳ").await;
    for name in ["chanhvanphong", "thuky", "daibieu20", "diemcau02", "admin"] {
        let c = s.login(name).await;
        let (_, big) = c.get("/api/v1/sync?since=0&limit=2000").await;
        assert!(!big["has_more"].as_bool().unwrap(), "{name}: the demo fits one page");
        let (small, next) = pull(&c, 0, 3).await;
        assert_eq!(&small, big["changes"].as_array().unwrap(), "{name}");
        assert_eq!(next, big["next_since"].as_i64().unwrap());
    }

    // Paging while the secretary writes: every change reaches the delegate once, in order.
    let d = s.login("daibieu20").await;
    let user = auth_user(&s, "daibieu20").await;
    let mut since = 0;
    let mut got = Vec::new();
    for place in ["Phòng 1", "Phòng 2", "Phòng 3", "Phòng 4"] {
        let (_, page) = d.get(&format!("/api/v1/sync?since={since}&limit=5")).await;
        got.extend(page["changes"].as_array().unwrap().iter().cloned());
        since = page["next_since"].as_i64().unwrap();
        let (status, e) =
            thuky.call(Method::PATCH, &format!("/api/v1/meetings/{regular}"), Some(json!({ "place": place }))).await;
        assert!(status.is_success(), "{e}");
    }
    let (rest, _) = pull(&d, since, 5).await;
    got.extend(rest);
    let whole = reference(&s, &user, 0, 2000).await;
    assert_eq!(&got, whole["changes"].as_array().unwrap());
    assert!(about(&got, &regular).iter().any(|c| c["entity"] == "meeting" && c["data"]["place"] == "Phòng 4"));
}

#[tokio::test]
async fn the_narrowed_scan_reads_the_feed_through_its_indexes() {
    let s = Server::start().await;
    let plan = async |name: &str| {
        let plan = sync::plan(&s.state.db, &auth_user(&s, name).await).await.unwrap();
        // No step reads a table whole: the only scans are of the caller's meetings as they
        // are gathered (related, mine) and passed (JSON), and of an index to count meetings.
        let allowed = ["SCAN related", "SCAN mine", "VIRTUAL TABLE", "SCAN meetings USING COVERING INDEX"];
        let whole: Vec<&String> = plan
            .iter()
            .filter(|l| l.trim_start().starts_with("SCAN") && !allowed.iter().any(|a| l.contains(a)))
            .collect();
        assert!(whole.is_empty(), "{name} scans {whole:?}:\n{}", plan.join("\n"));
        plan.join("\n")
    };
    // Running few of the demo's 7 meetings: the rows of each of theirs through the index,
    // those targeted at them through theirs.
    for name in ["daibieu01", "diemcau02", "phogiamdoc03", "admin"] {
        let text = plan(name).await;
        for index in ["changes_target", "changes_meeting", "meetings_secretary", "meeting_delegates_user"] {
            assert!(text.contains(&format!("USING INDEX {index} ")), "{name}, {index}:\n{text}");
        }
    }
    // Running most of them (owner, chair), or every one (a chief of office): the log by
    // seq range.
    for name in ["thuky", "chutich", "chanhvanphong"] {
        let text = plan(name).await;
        assert!(text.contains("SEARCH changes USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)"), "{name}:\n{text}");
    }
}

#[tokio::test]
async fn dense_stretches_of_the_log_give_the_same_pages() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let regular = thuky.meeting_id("thường kỳ").await;
    // 3,000 edits of one meeting in a row, then some more activity: the narrowed scan
    // meets windows whose rows all concern the caller (more than one batch of them).
    let meeting = Uuid::parse_str(&regular).unwrap();
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
         INSERT INTO changes (at, meeting_id, audience, target_user, entity, entity_id, op, data)
         SELECT c.at, c.meeting_id, c.audience, c.target_user, c.entity, c.entity_id, c.op, c.data FROM n,
             (SELECT * FROM changes WHERE meeting_id = ? AND entity = 'meeting' AND target_user IS NULL
              ORDER BY seq DESC LIMIT 1) c",
    )
    .bind(meeting)
    .execute(&s.state.db)
    .await
    .unwrap();
    let (status, e) =
        thuky.call(Method::PATCH, &format!("/api/v1/meetings/{regular}"), Some(json!({ "place": "Phòng 5" }))).await;
    assert!(status.is_success(), "{e}");
    let head = head(&s).await;

    for name in ["thuky", "chanhvanphong", "daibieu20", "diemcau02", "phogiamdoc03"] {
        let user = auth_user(&s, name).await;
        for limit in [2000, 120] {
            let mut since = 0;
            loop {
                let page = sync::page(&s.state.db, &user, since, Some(limit)).await.unwrap();
                let page = serde_json::to_value(page).unwrap();
                assert_eq!(page, reference(&s, &user, since, limit).await, "{name}, since {since}, limit {limit}");
                since = page["next_since"].as_i64().unwrap();
                if !page["has_more"].as_bool().unwrap() {
                    break;
                }
            }
            assert_eq!(since, head);
        }
    }
}
