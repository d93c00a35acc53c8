//! A deputy sent offline: the invitee's reply waits in the outbox, lands once when they are
//! back, and the deputy's own engine then receives the whole pack, confidential documents
//! included; the invitee keeps theirs. When the invitee comes after all, the deputy's
//! devices lose the meeting.

use ecab_client::{ClientError, EngineOptions};
use ecab_protocol::attendance::{RegisterToSpeak, SetReply};
use ecab_protocol::{Attendance, Confidentiality, ops};
use uuid::Uuid;

use crate::common::{Client, Server, closed_port_url, sha256_hex};

async fn replies(s: &Server, meeting: Uuid) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM replies WHERE meeting_id = ? AND status = 'deputy'")
        .bind(meeting)
        .fetch_one(&s.state.db)
        .await
        .expect("count")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_deputy_sent_offline_receives_the_pack_and_the_invitee_keeps_theirs() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let meeting = thuky.meeting_id("thường kỳ").await;
    let mut invitee = Client::signed_in(&s, "daibieu01").await;
    let deputy = Client::signed_in(&s, "phogiamdoc01").await;
    invitee.engine.sync_once().await.expect("sync");
    deputy.engine.sync_once().await.expect("sync");
    assert!(deputy.engine.meetings().await.expect("meetings").is_empty(), "not invited");
    let (_, users) = thuky.get("/api/v1/users").await;
    let id_of = |name: &str| -> Uuid {
        users.as_array().unwrap().iter().find(|u| u["username"] == name).unwrap()["id"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap()
    };
    let (invitee_id, deputy_id) = (id_of("daibieu01"), id_of("phogiamdoc01"));
    let item = invitee.engine.meeting(meeting).await.expect("meeting").agenda[0].id;

    // Offline, the invitee sends a deputy; the app shows the reply at once.
    invitee.reopen(&closed_port_url().await, EngineOptions::default()).await;
    let reply = SetReply { status: Attendance::Deputy, reason: String::new(), deputy_id: Some(deputy_id) };
    invitee.engine.enqueue::<ops::SetReply>(&(meeting, invitee_id), &reply).await.expect("queue");
    invitee.engine.enqueue::<ops::SetReply>(&(meeting, invitee_id), &reply).await.expect("queue twice");
    assert!(invitee.engine.sync_once().await.expect_err("offline").is_offline());
    let shown = invitee.engine.meeting(meeting).await.expect("offline").replies;
    let mine = shown.iter().find(|r| r.user_id == invitee_id).expect("the reply shows offline");
    assert_eq!((mine.status, mine.deputy_id), (Attendance::Deputy, Some(deputy_id)));
    assert_eq!(replies(&s, meeting).await, 0, "nothing reached the server");

    // Back online: delivered, once.
    invitee.reopen(&s.base, EngineOptions::default()).await;
    invitee.engine.sync_once().await.expect("sync");
    assert!(invitee.engine.outbox().await.expect("outbox").is_empty());
    assert_eq!(replies(&s, meeting).await, 1);

    // The deputy's engine gets the meeting and every document's content, verified.
    deputy.engine.sync_once().await.expect("sync");
    let theirs = deputy.engine.meeting(meeting).await.expect("the deputy has the meeting");
    let ours = invitee.engine.meeting(meeting).await.expect("the invitee keeps it");
    let ids = |d: &ecab_protocol::meeting::MeetingDetail| d.documents.iter().map(|d| d.id).collect::<Vec<_>>();
    assert_eq!(ids(&theirs), ids(&ours));
    assert!(theirs.documents.iter().any(|d| d.confidentiality == Confidentiality::Confidential));
    for d in &theirs.documents {
        let bytes = deputy.engine.read_blob(&d.current.sha256).await.expect("downloaded");
        assert_eq!(sha256_hex(&bytes), d.current.sha256, "{}", d.title);
    }
    assert!(theirs.replies.iter().any(|r| r.deputy_id == Some(deputy_id)), "the reply that names them");

    // The deputy registers to speak, offline-capable and once.
    let reg = RegisterToSpeak { id: Uuid::now_v7(), agenda_item_id: item, topic: "Thu chi ngân sách".into() };
    deputy.engine.enqueue::<ops::RegisterToSpeak>(&meeting, &reg).await.expect("queue");
    deputy.engine.enqueue::<ops::RegisterToSpeak>(&meeting, &reg).await.expect("queue again");
    deputy.engine.sync_once().await.expect("sync");
    let listed = deputy.engine.meeting(meeting).await.expect("meeting").speakers;
    assert_eq!(listed.iter().filter(|sp| sp.id == reg.id).count(), 1);

    // The invitee comes after all: the meeting leaves the deputy's devices.
    let attend = SetReply { status: Attendance::Attending, reason: String::new(), deputy_id: None };
    invitee.engine.enqueue::<ops::SetReply>(&(meeting, invitee_id), &attend).await.expect("queue");
    invitee.engine.sync_once().await.expect("sync");
    deputy.engine.sync_once().await.expect("sync");
    assert!(matches!(deputy.engine.meeting(meeting).await, Err(ClientError::NotFound(_))));
    for d in &theirs.documents {
        assert!(deputy.engine.read_blob(&d.current.sha256).await.is_err(), "{} is gone from the cache", d.title);
    }
    assert!(invitee.engine.meeting(meeting).await.is_ok());
}
