//! Pulling a delegate's meetings and documents: complete, verified, resumable, encrypted
//! when confidential, and refusing content that does not match its name.

use std::collections::BTreeSet;

use ecab_client::{ClientError, EngineOptions};
use ecab_protocol::Confidentiality;
use ecab_protocol::meeting::MeetingDetail;
use reqwest::Method;
use serde_json::json;

use crate::common::{Client, Server, blob_path, sha256_hex};

#[tokio::test(flavor = "multi_thread")]
async fn a_delegate_pulls_every_published_meeting_and_document_verified_against_the_server() {
    let s = Server::start().await;
    let c = Client::signed_in(&s, "daibieu01").await;
    let status = c.engine.sync_once().await.expect("sync");
    assert!(status.online && status.last_error.is_none(), "{status:?}");
    assert!(!status.downloads.is_empty() && status.downloads.iter().all(|d| d.done && d.received == d.total));

    let http = s.login("daibieu01").await;
    let (_, list) = http.get("/api/v1/meetings").await;
    let on_server: BTreeSet<String> =
        list["meetings"].as_array().expect("list").iter().map(|m| m["id"].as_str().expect("id").to_owned()).collect();
    let local = c.engine.meetings().await.expect("meetings");
    let here: BTreeSet<String> = local.iter().map(|m| m.id.to_string()).collect();
    assert_eq!(here, on_server);
    assert_eq!(local.len(), 5, "yesterday's and today's 07:15, the regular meeting, the written one, the past one");

    let mut distinct = BTreeSet::new();
    let mut confidential = 0;
    // A file shared by a confidential document and a normal one (the written consultation's
    // draft is the regular meeting's confidential one) is kept encrypted for both.
    let mut secret = BTreeSet::new();
    for m in &local {
        for d in c.engine.meeting(m.id).await.expect("local detail").documents {
            if d.confidentiality == Confidentiality::Confidential {
                secret.insert(d.current.sha256.clone());
            }
        }
    }
    for m in &local {
        let (_, server_detail) = http.get(&format!("/api/v1/meetings/{}", m.id)).await;
        let mut server_detail: MeetingDetail = serde_json::from_value(server_detail).expect("detail");
        let mut detail = c.engine.meeting(m.id).await.expect("local detail");
        for d in [&mut server_detail, &mut detail] {
            d.documents.sort_by_key(|doc| doc.id);
        }
        assert_eq!(detail, server_detail, "the local copy of {} is the server's", m.title);
        for d in &detail.documents {
            let sha = &d.current.sha256;
            let served = http.bytes(&format!("/api/v1/blobs/{sha}")).await;
            assert_eq!(&sha256_hex(&served), sha);
            assert_eq!(&c.engine.read_blob(sha).await.expect("cached"), &served, "{}", d.title);
            let on_disk = std::fs::read(blob_path(c.dir.path(), sha)).expect("blob file");
            if d.confidentiality == Confidentiality::Confidential {
                confidential += 1;
            }
            if secret.contains(sha) {
                assert!(!on_disk.windows(5).any(|w| w == b"%PDF-"), "{} is not stored in clear", d.title);
                assert_ne!(on_disk, served);
            } else {
                assert_eq!(on_disk, served);
            }
            distinct.insert((sha.clone(), d.current.size));
        }
    }
    assert!(confidential >= 2, "the demo has confidential drafts in two of these meetings");
    let total: u64 = distinct.iter().map(|(_, size)| size).sum();
    assert_eq!(c.engine.bytes_received(), total, "each distinct blob downloaded exactly once");

    c.engine.sync_once().await.expect("second sync");
    assert_eq!(c.engine.bytes_received(), total, "nothing is downloaded twice");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_download_cut_mid_way_resumes_with_only_the_remainder() {
    let s = Server::start().await;
    let mut c = Client::signed_in(&s, "daibieu01").await;
    c.reopen(&s.base, EngineOptions { stop_download_after: Some(70_000), ..Default::default() }).await;
    let cut = c.engine.sync_once().await.expect("sync with cut downloads");
    let unfinished: Vec<_> = cut.downloads.iter().filter(|d| !d.done).collect();
    assert!(!unfinished.is_empty(), "{cut:?}");
    assert!(unfinished.iter().any(|d| d.received > 0), "some bytes were kept to resume from");
    let first_run = c.engine.bytes_received();
    let remainder: u64 = unfinished.iter().map(|d| d.total - d.received).sum();

    c.reopen(&s.base, EngineOptions::default()).await;
    let done = c.engine.sync_once().await.expect("sync");
    assert!(done.downloads.iter().all(|d| d.done), "{done:?}");
    assert_eq!(c.engine.bytes_received(), remainder, "only the missing bytes were requested (first run: {first_run})");
    for d in &done.downloads {
        let bytes = c.engine.read_blob(&d.sha256).await.expect("verified blob");
        assert_eq!(sha256_hex(&bytes), d.sha256);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn content_that_does_not_match_its_hash_is_refused_and_fetched_again() {
    let s = Server::start().await;
    let http = s.login("daibieu01").await;
    let id = http.meeting_id("thường kỳ").await;
    let (_, detail) = http.get(&format!("/api/v1/meetings/{id}")).await;
    let doc = detail["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .find(|d| d["confidentiality"] == "normal")
        .expect("a normal document");
    let sha = doc["current"]["sha256"].as_str().expect("sha").to_owned();
    let real = http.bytes(&format!("/api/v1/blobs/{sha}")).await;

    // A partial download whose kept bytes are wrong: the finished file cannot match.
    let c = Client::new(&s.base).await;
    let mut wrong = real[..real.len() / 2].to_vec();
    wrong[100] ^= 0xff;
    std::fs::write(c.dir.path().join("blobs/partial").join(&sha), &wrong).expect("seed partial");
    c.engine.login("daibieu01", crate::common::PASSWORD).await.expect("login");
    let status = c.engine.sync_once().await.expect("sync");
    assert_eq!(c.engine.refused_blobs(), vec![sha.clone()]);
    assert!(status.last_error.is_some_and(|e| e.message.contains(&sha)), "the refusal is reported");
    assert!(status.downloads.iter().all(|d| d.done));
    assert_eq!(c.engine.read_blob(&sha).await.expect("fetched again"), real);

    // A cached file altered on disk is refused when read, deleted, and fetched again.
    let path = blob_path(c.dir.path(), &sha);
    let mut altered = std::fs::read(&path).expect("blob");
    altered[200] ^= 1;
    std::fs::write(&path, altered).expect("alter");
    assert!(matches!(c.engine.read_blob(&sha).await, Err(ClientError::Integrity { .. })));
    assert!(!path.exists(), "refused content is deleted");
    c.engine.sync_once().await.expect("sync");
    assert_eq!(c.engine.read_blob(&sha).await.expect("fetched again"), real);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_live_channel_pulls_a_change_without_being_asked() {
    let s = Server::start().await;
    let c = Client::signed_in(&s, "daibieu01").await;
    c.engine.sync_once().await.expect("sync");
    let thuky = s.login("thuky").await;
    let id = thuky.meeting_id("thường kỳ").await;

    let engine = c.engine.clone();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let runner = tokio::spawn(async move {
        engine
            .run(async {
                let _ = stopped.await;
            })
            .await
    });
    let mut updates = c.engine.subscribe();
    // Only once the channel is open: from then on nothing but a poke makes the engine pull.
    tokio::time::timeout(std::time::Duration::from_secs(20), async {
        while !c.engine.live_connected() {
            updates.changed().await.expect("engine alive");
        }
    })
    .await
    .expect("the live channel opens");
    let (status, body) =
        thuky.call(Method::PATCH, &format!("/api/v1/meetings/{id}"), Some(json!({ "place": "Phòng họp số 3" }))).await;
    assert!(status.is_success(), "{body}");
    let arrived = tokio::time::timeout(std::time::Duration::from_secs(20), async {
        loop {
            if c.engine.meeting(id).await.is_ok_and(|d| d.meeting.place == "Phòng họp số 3") {
                return;
            }
            if updates.changed().await.is_err() {
                return;
            }
        }
    })
    .await;
    let _ = stop.send(());
    runner.await.expect("runner ends");
    assert!(arrived.is_ok(), "the change arrived through the live channel");
    assert_eq!(c.engine.meeting(id).await.expect("meeting").meeting.place, "Phòng họp số 3");
}

/// A download that fails on the laptop itself (here: its place in the cache is taken by a
/// folder) is reported to the sync core like any failure, so the next sync tries again
/// instead of waiting for ever on a download nobody is doing.
#[tokio::test(flavor = "multi_thread")]
async fn a_download_that_fails_locally_is_tried_again_by_the_next_sync() {
    let s = Server::start().await;
    let c = Client::signed_in(&s, "daibieu01").await;
    let http = s.login("daibieu01").await;
    let meeting = http.meeting_id("thường kỳ").await;
    let (_, detail) = http.get(&format!("/api/v1/meetings/{meeting}")).await;
    let doc = &detail["documents"].as_array().expect("documents")[0];
    let (id, sha) = (doc["id"].as_str().expect("id").to_owned(), doc["current"]["sha256"].as_str().expect("sha"));
    let blocked = blob_path(c.dir.path(), sha);
    std::fs::create_dir_all(blocked.join("in-the-way")).expect("a folder where the blob goes");

    let first = c.engine.sync_once().await;
    assert!(first.is_err() || c.engine.status().last_error.is_some(), "the failure is reported: {first:?}");
    let id = id.parse().expect("uuid");
    assert!(c.engine.document_content(id).await.is_err(), "not downloaded while blocked");

    std::fs::remove_dir_all(&blocked).expect("clear the way");
    for _ in 0..3 {
        let _ = c.engine.sync_once().await;
        if c.engine.document_content(id).await.is_ok() {
            break;
        }
    }
    let bytes = c.engine.document_content(id).await.expect("downloaded once the way is clear");
    assert_eq!(sha256_hex(&bytes), sha);
}
