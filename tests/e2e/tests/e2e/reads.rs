//! A delegate reads the pack offline: the app's reports wait in the outbox, land once when
//! the network is back, and the secretary's engine shows who has read what.

use ecab_client::EngineOptions;
use ecab_protocol::attendance::ReportRead;
use ecab_protocol::ops;

use crate::common::{Client, Server, closed_port_url};

#[tokio::test(flavor = "multi_thread")]
async fn reading_offline_reaches_the_secretary_once() {
    let s = Server::start().await;
    let http = s.login("thuky").await;
    let meeting = http.meeting_id("thường kỳ").await;
    let mut reader = Client::signed_in(&s, "daibieu05").await;
    let secretary = Client::signed_in(&s, "thuky").await;
    reader.engine.sync_once().await.expect("sync");
    let docs = reader.engine.meeting(meeting).await.expect("meeting").documents;
    assert!(docs.len() >= 2);

    reader.reopen(&closed_port_url().await, EngineOptions::default()).await;
    for d in &docs[..2] {
        let req = ReportRead { version: d.current.version, at: chrono::Utc::now() };
        reader.engine.enqueue::<ops::ReportRead>(&d.id, &req).await.expect("queue");
        reader.engine.enqueue::<ops::ReportRead>(&d.id, &req).await.expect("queue again");
    }
    assert!(reader.engine.sync_once().await.expect_err("offline").is_offline());

    reader.reopen(&s.base, EngineOptions::default()).await;
    reader.engine.sync_once().await.expect("sync");
    assert!(reader.engine.outbox().await.expect("outbox").is_empty());
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reads").fetch_one(&s.state.db).await.unwrap();
    assert_eq!(rows, 2, "one per document");

    secretary.engine.sync_once().await.expect("sync");
    let seen = secretary.engine.meeting(meeting).await.expect("meeting").reads;
    let read: Vec<_> = seen.iter().map(|r| r.document_id).collect();
    assert_eq!(read.len(), 2, "{seen:?}");
    assert!(docs[..2].iter().all(|d| read.contains(&d.id)));
    assert!(reader.engine.meeting(meeting).await.expect("meeting").reads.is_empty(), "not the delegate's to know");
}
