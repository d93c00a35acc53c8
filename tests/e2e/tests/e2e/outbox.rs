//! Writes made offline reach the server exactly once after reconnecting.

use ecab_client::{EngineOptions, OutboxState};
use ecab_protocol::ErrorCode;
use ecab_protocol::ops;
use serde_json::json;
use uuid::Uuid;

use crate::common::{Client, Server, closed_port_url};

#[tokio::test(flavor = "multi_thread")]
async fn a_write_made_offline_is_delivered_exactly_once_after_reconnecting() {
    let s = Server::start().await;
    let mut c = Client::signed_in(&s, "thuky").await;
    c.engine.sync_once().await.expect("sync");
    let thuky = s.login("thuky").await;
    let meeting = thuky.meeting_id("giao ban Văn phòng").await;
    let before = c.engine.meeting(meeting).await.expect("draft meeting").agenda.len();

    // Offline: the server's address answers nothing.
    c.reopen(&closed_port_url().await, EngineOptions::default()).await;
    let item = Uuid::now_v7();
    let body = json!({ "id": item, "title": "Mục bổ sung soạn khi mất mạng", "minutes": 15 });
    c.engine.enqueue_named("add_agenda_item", &[meeting.to_string()], body).await.expect("enqueue");
    assert_eq!(c.engine.status().pending_writes, 1);
    let err = c.engine.sync_once().await.expect_err("offline");
    assert!(err.is_offline(), "{err}");
    let status = c.engine.status();
    assert!(!status.online && status.pending_writes == 1, "{status:?}");
    let queued = c.engine.outbox().await.expect("outbox");
    assert_eq!(queued.len(), 1);
    assert_eq!((queued[0].state, queued[0].attempts), (OutboxState::Pending, 1));
    assert_eq!(queued[0].last_error.as_ref().map(|e| e.code), Some(ErrorCode::Unavailable));
    let count = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM agenda_items WHERE id = ?")
            .bind(item)
            .fetch_one(&s.state.db)
            .await
            .expect("count")
    };
    assert_eq!(count().await, 0);

    // Back online: delivered at once (no waiting out the back-off), and pulled back.
    c.reopen(&s.base, EngineOptions::default()).await;
    let status = c.engine.sync_once().await.expect("sync");
    assert!(status.online && status.pending_writes == 0, "{status:?}");
    assert!(c.engine.outbox().await.expect("outbox").is_empty());
    assert_eq!(count().await, 1);
    let agenda = c.engine.meeting(meeting).await.expect("meeting").agenda;
    assert_eq!(agenda.len(), before + 1);
    assert_eq!(agenda.iter().filter(|i| i.id == item).count(), 1);

    c.engine.sync_once().await.expect("sync again");
    assert_eq!(count().await, 1, "still exactly one");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_write_the_server_refuses_for_good_is_kept_as_failed_with_its_error() {
    let s = Server::start().await;
    let c = Client::signed_in(&s, "thuky").await;
    let thuky = s.login("thuky").await;
    let meeting = thuky.meeting_id("giao ban Văn phòng").await;
    let body = json!({ "title": "   " });
    c.engine.enqueue_named("add_agenda_item", &[meeting.to_string()], body).await.expect("enqueue");
    let status = c.engine.sync_once().await.expect("sync");
    assert_eq!(status.pending_writes, 0);
    let kept = c.engine.outbox().await.expect("outbox");
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].state, OutboxState::Failed);
    assert_eq!(kept[0].last_error.as_ref().map(|e| e.code), Some(ErrorCode::Validation));
    c.engine.discard_write(kept[0].id).await.expect("discard");
    assert!(c.engine.outbox().await.expect("outbox").is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn only_keyed_writes_of_the_operation_list_can_be_queued() {
    let s = Server::start().await;
    let c = Client::signed_in(&s, "thuky").await;
    let meeting = s.login("thuky").await.meeting_id("giao ban Văn phòng").await;
    let id = [meeting.to_string()];
    for (name, params) in
        [("login", &[][..]), ("get_meeting", &id[..]), ("upload_document", &id[..]), ("nope", &[][..])]
    {
        let err = c.engine.enqueue_named(name, params, json!({})).await.expect_err(name);
        assert_eq!(err.to_api_error().code, ErrorCode::BadRequest, "{name}: {err}");
    }
    // The right operation with a parameter that would reach another route.
    let err = c.engine.enqueue_named("add_agenda_item", &["../users".into()], json!({})).await.expect_err("path");
    assert_eq!(err.to_api_error().code, ErrorCode::BadRequest, "{err}");
    assert!(c.engine.outbox().await.expect("outbox").is_empty());
    // Typed, the same write is queued.
    let req = ecab_protocol::meeting::ReorderAgenda { item_ids: Vec::new() };
    c.engine.enqueue::<ops::ReorderAgenda>(&meeting, &req).await.expect("typed");
    assert_eq!(c.engine.outbox().await.expect("outbox")[0].operation, "reorder_agenda");
}
