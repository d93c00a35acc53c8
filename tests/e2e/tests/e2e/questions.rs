//! Preparing a meeting with questions: two delegates and the secretary, one delegate
//! offline for the whole preparation who reconnects after the others; the deadline; a
//! merge that keeps every author.

use ecab_client::{EngineOptions, OutboxState};
use ecab_protocol::ops;
use ecab_protocol::question::{MergeQuestions, Question, QuestionEntry, SubmitQuestion, UpdateQuestion};
use ecab_protocol::{ErrorCode, QuestionKind, QuestionStatus};
use reqwest::Method;
use serde_json::json;
use uuid::Uuid;

use crate::common::{Client, Server, closed_port_url};

fn ask(item: Uuid, text: &str) -> SubmitQuestion {
    SubmitQuestion {
        id: Uuid::now_v7(),
        agenda_item_id: Some(item),
        document_id: None,
        page: None,
        kind: QuestionKind::Question,
        text: text.into(),
    }
}

fn find(list: &[QuestionEntry], id: Uuid) -> &QuestionEntry {
    list.iter().find(|e| e.question.id == id).unwrap_or_else(|| panic!("question {id} not in {list:?}"))
}

async fn rows(s: &Server, id: Uuid) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM questions WHERE id = ?")
        .bind(id)
        .fetch_one(&s.state.db)
        .await
        .expect("count")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_delegate_offline_for_the_whole_preparation_joins_the_others_exactly_once() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let meeting = thuky.meeting_id("thường kỳ").await;
    let online = Client::signed_in(&s, "daibieu07").await;
    let mut offline = Client::signed_in(&s, "daibieu08").await;
    online.engine.sync_once().await.expect("sync");
    offline.engine.sync_once().await.expect("sync");
    let item = online.engine.meeting(meeting).await.expect("meeting").agenda[1].id;

    // The second delegate loses the network for the whole preparation.
    offline.reopen(&closed_port_url().await, EngineOptions::default()).await;
    let dup = ask(item, "Tỷ lệ giải ngân vốn đầu tư công đến nay là bao nhiêu?");
    let own = ask(item, "Đề nghị làm rõ danh mục dự án khởi công mới.");
    offline.engine.enqueue::<ops::SubmitQuestion>(&meeting, &dup).await.expect("queue");
    offline.engine.enqueue::<ops::SubmitQuestion>(&meeting, &own).await.expect("queue");
    let edit = UpdateQuestion {
        kind: Some(QuestionKind::Proposal),
        text: Some("Đề xuất công bố danh mục dự án khởi công mới.".into()),
    };
    offline
        .engine
        .enqueue::<ops::UpdateQuestion>(&own.id, &edit)
        .await
        .expect("queue an edit of a question not yet sent");
    assert!(offline.engine.sync_once().await.expect_err("offline").is_offline());
    let local = offline.engine.questions(meeting).await.expect("questions offline");
    let shown = find(&local, own.id);
    assert!(shown.pending && shown.refused.is_none(), "{shown:?}");
    assert_eq!(
        (shown.question.kind, shown.question.text.as_str()),
        (QuestionKind::Proposal, "Đề xuất công bố danh mục dự án khởi công mới.")
    );
    assert!(find(&local, dup.id).pending);
    assert_eq!(rows(&s, own.id).await, 0, "nothing reached the server");

    // Meanwhile the first delegate asks, online.
    let first = ask(item, "Giải ngân vốn đầu tư công đạt bao nhiêu phần trăm?");
    let q = online.engine.send::<ops::SubmitQuestion>(first.id, &meeting, &first).await.expect("send");
    assert_eq!(q.authors.len(), 1);

    // The offline delegate comes back after the others: every write lands once, in order.
    offline.reopen(&s.base, EngineOptions::default()).await;
    let status = offline.engine.sync_once().await.expect("sync");
    assert_eq!(status.pending_writes, 0, "{status:?}");
    assert!(offline.engine.outbox().await.expect("outbox").is_empty());
    for id in [dup.id, own.id, first.id] {
        assert_eq!(rows(&s, id).await, 1, "{id}");
    }
    let local = offline.engine.questions(meeting).await.expect("questions");
    let shown = find(&local, own.id);
    assert!(!shown.pending, "{shown:?}");
    assert_eq!(
        (shown.question.kind, shown.question.text.as_str()),
        (QuestionKind::Proposal, "Đề xuất công bố danh mục dự án khởi công mới.")
    );
    assert!(local.iter().all(|e| e.question.id != first.id), "another delegate's question stays theirs");
    offline.engine.sync_once().await.expect("sync again");
    assert_eq!(rows(&s, dup.id).await, 1, "still exactly once");

    // The secretary merges the duplicate: both delegates now share one question.
    let (code, merged) = thuky
        .call(
            Method::POST,
            &format!("/api/v1/questions/{}/merge", first.id),
            Some(json!(MergeQuestions { question_ids: vec![dup.id] })),
        )
        .await;
    assert_eq!(code, 200, "{merged}");
    let merged: Question = serde_json::from_value(merged).expect("question");
    let (a, b) = (online.engine.me().await.expect("me").id, offline.engine.me().await.expect("me").id);
    assert_eq!(merged.authors, vec![a, b]);
    for c in [&online, &offline] {
        c.engine.sync_once().await.expect("sync");
        let local = c.engine.questions(meeting).await.expect("questions");
        assert_eq!(find(&local, first.id).question.authors, vec![a, b], "each author sees both");
    }
    let local = offline.engine.questions(meeting).await.expect("questions");
    assert_eq!(find(&local, dup.id).question.status, QuestionStatus::Merged);
    assert_eq!(find(&local, dup.id).question.merged_into, Some(first.id));

    // The deadline passes: a question sent after it is refused, and kept with its text.
    let past = chrono::Utc::now() - chrono::Duration::seconds(1);
    let (code, m) = thuky
        .call(Method::PATCH, &format!("/api/v1/meetings/{meeting}"), Some(json!({ "question_deadline": past })))
        .await;
    assert_eq!(code, 200, "{m}");
    offline.reopen(&closed_port_url().await, EngineOptions::default()).await;
    let late = ask(item, "Câu hỏi viết khi mất mạng, gửi sau hạn.");
    offline.engine.enqueue::<ops::SubmitQuestion>(&meeting, &late).await.expect("queue");
    offline.reopen(&s.base, EngineOptions::default()).await;
    offline.engine.sync_once().await.expect("sync");
    let kept = offline.engine.outbox().await.expect("outbox");
    assert_eq!(kept.len(), 1);
    assert_eq!(
        (kept[0].state, kept[0].last_error.as_ref().map(|e| e.code)),
        (OutboxState::Failed, Some(ErrorCode::DeadlinePassed))
    );
    let shown = offline.engine.questions(meeting).await.expect("questions");
    let shown = find(&shown, late.id);
    assert_eq!(shown.question.text, "Câu hỏi viết khi mất mạng, gửi sau hạn.", "the text is not lost");
    assert_eq!(shown.refused.as_ref().map(|e| e.code), Some(ErrorCode::DeadlinePassed));
    assert_eq!(rows(&s, late.id).await, 0);
}
