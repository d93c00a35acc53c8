//! Writes sent at once (the secretary's and reviewers' screens), document uploads and the
//! directory, through the client engine against the real server.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use ecab_client::{EngineOptions, UploadSource};
use ecab_protocol::client::UploadProgress;
use ecab_protocol::document::DocumentMeta;
use ecab_protocol::meeting::CreateAgendaItem;
use ecab_protocol::ops;
use ecab_protocol::{Confidentiality, DocumentKind, ErrorCode, MeetingStatus, Transition};
use serde_json::json;
use uuid::Uuid;

use crate::common::{Client, Server, blob_path, closed_port_url, sha256_hex};

async fn agenda_rows(s: &Server, meeting: Uuid, title: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM agenda_items WHERE meeting_id = ? AND title = ?")
        .bind(meeting)
        .bind(title)
        .fetch_one(&s.state.db)
        .await
        .expect("count")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_write_sent_again_with_the_same_key_is_applied_once_and_is_in_the_local_store_at_once() {
    let s = Server::start().await;
    let c = Client::signed_in(&s, "thuky").await;
    c.engine.sync_once().await.expect("sync");
    let meeting = s.login("thuky").await.meeting_id("giao ban Văn phòng").await;
    let before = c.engine.meeting(meeting).await.expect("draft meeting").agenda.len();

    // No client-made id in the body: only the key keeps a retry from adding a second item.
    let title = "Mục do thư ký thêm trên máy tính";
    let body = json!({ "title": title, "minutes": 10 });
    let params = [meeting.to_string()];
    let key = Uuid::now_v7();
    let first = c.engine.send_named(key, "add_agenda_item", &params, body.clone()).await.expect("write");
    assert_eq!(first["title"], title);
    // The local store already holds it when the call returns: no separate sync needed.
    let agenda = c.engine.meeting(meeting).await.expect("meeting").agenda;
    assert_eq!(agenda.len(), before + 1);
    assert!(agenda.iter().any(|i| i.id.to_string() == first["id"].as_str().unwrap_or_default()));
    let again = c.engine.send_named(key, "add_agenda_item", &params, body.clone()).await.expect("retry");
    assert_eq!(again["id"], first["id"], "the retry gets the first answer");
    assert_eq!(agenda_rows(&s, meeting, title).await, 1);

    // Another key is another write.
    c.engine.send_named(Uuid::now_v7(), "add_agenda_item", &params, body).await.expect("second write");
    assert_eq!(agenda_rows(&s, meeting, title).await, 2);
    assert!(c.engine.outbox().await.expect("outbox").is_empty(), "direct writes are not queued");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_write_while_offline_fails_as_unavailable_and_leaves_nothing_behind() {
    let s = Server::start().await;
    let mut c = Client::signed_in(&s, "thuky").await;
    c.engine.sync_once().await.expect("sync");
    let meeting = s.login("thuky").await.meeting_id("giao ban Văn phòng").await;

    c.reopen(&closed_port_url().await, EngineOptions::default()).await;
    let title = "Soạn khi mất mạng";
    let req = CreateAgendaItem {
        id: None,
        title: title.into(),
        presenter: String::new(),
        presenting_unit_id: None,
        minutes: 5,
        summary: String::new(),
        position: None,
    };
    let err = c.engine.send::<ops::AddAgendaItem>(Uuid::now_v7(), &meeting, &req).await.expect_err("offline");
    assert!(err.is_offline(), "{err}");
    assert_eq!(err.to_api_error().code, ErrorCode::Unavailable);
    assert!(c.engine.outbox().await.expect("outbox").is_empty(), "nothing queued");
    assert_eq!(c.engine.status().pending_writes, 0);
    assert_eq!(agenda_rows(&s, meeting, title).await, 0);

    // Online again, the same key goes through once.
    c.reopen(&s.base, EngineOptions::default()).await;
    let key = Uuid::now_v7();
    let item = c.engine.send::<ops::AddAgendaItem>(key, &meeting, &req).await.expect("online");
    assert_eq!(item.title, title);
    assert_eq!(agenda_rows(&s, meeting, title).await, 1);
}

const HELLO_PDF: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/fixtures/hello.pdf");

/// The secretary's engine after a first full sync, the bytes it received so far, a draft
/// meeting of theirs, and a small PDF to upload.
async fn synced_secretary() -> (Server, Client, u64, Uuid, Vec<u8>) {
    let s = Server::start().await;
    let c = Client::signed_in(&s, "thuky").await;
    c.engine.sync_once().await.expect("first sync");
    let received = c.engine.bytes_received();
    let meeting = s.login("thuky").await.meeting_id("giao ban Văn phòng").await;
    let pdf = std::fs::read(HELLO_PDF).expect("fixture");
    (s, c, received, meeting, pdf)
}

fn upload_meta(id: Uuid, title: &str, confidentiality: Confidentiality) -> DocumentMeta {
    DocumentMeta {
        id: Some(id),
        title: title.into(),
        kind: DocumentKind::Submission,
        agenda_item_id: None,
        confidentiality,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_upload_lands_a_document_with_progress_and_its_content_comes_back() {
    let (_s, c, received, meeting, pdf) = synced_secretary().await;
    let id = Uuid::now_v7();
    let meta = upload_meta(id, "Tờ trình tải lên từ máy tính", Confidentiality::Normal);
    let seen: Arc<Mutex<Vec<UploadProgress>>> = Arc::default();
    let report = seen.clone();
    let source = UploadSource::Bytes { file_name: "to-trinh.pdf".into(), bytes: pdf.clone() };
    let doc = c
        .engine
        .upload_document(Uuid::now_v7(), meeting, &meta, source, move |p| report.lock().expect("lock").push(p))
        .await
        .expect("upload");
    assert_eq!((doc.id, doc.meeting_id), (id, meeting));
    assert_eq!(doc.current.sha256, sha256_hex(&pdf));
    let total = pdf.len() as u64;
    assert_eq!(seen.lock().expect("lock").last(), Some(&UploadProgress { sent: total, total }));
    assert_eq!(c.engine.document(id).await.expect("in the local store").title, meta.title);

    // From a file too; a broken PDF is refused with the server's code.
    let broken = UploadSource::File(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/fixtures/truncated.pdf").into());
    let meta2 = upload_meta(Uuid::now_v7(), "Hỏng", Confidentiality::Normal);
    let err = c.engine.upload_document(Uuid::now_v7(), meeting, &meta2, broken, |_| {}).await.expect_err("refused");
    assert!(!err.is_offline(), "{err}");
    assert_ne!(err.to_api_error().code, ErrorCode::Unavailable);

    // The uploaded bytes are the local copy at once, and the sync does not fetch them back.
    assert_eq!(std::fs::read(blob_path(c.dir.path(), &doc.current.sha256)).expect("kept"), pdf);
    c.engine.sync_once().await.expect("sync");
    assert_eq!(c.engine.document_content(id).await.expect("content"), pdf);
    assert_eq!(c.engine.bytes_received(), received, "nothing downloaded after the upload");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_confidential_upload_is_kept_encrypted_and_not_downloaded_back() {
    let (_s, c, received, meeting, pdf) = synced_secretary().await;
    let id = Uuid::now_v7();
    let meta = upload_meta(id, "Dự thảo mật tải lên từ máy tính", Confidentiality::Confidential);
    let source = UploadSource::File(HELLO_PDF.into());
    let doc = c.engine.upload_document(Uuid::now_v7(), meeting, &meta, source, |_| {}).await.expect("upload");

    let at_rest = std::fs::read(blob_path(c.dir.path(), &doc.current.sha256)).expect("kept");
    assert!(at_rest.starts_with(ecab_client::crypto::MAGIC), "a confidential copy is encrypted at rest");
    assert!(!at_rest.windows(5).any(|w| w == b"%PDF-"), "no plain PDF at rest");
    c.engine.sync_once().await.expect("sync");
    assert_eq!(c.engine.document_content(id).await.expect("content"), pdf);
    assert_eq!(c.engine.bytes_received(), received, "nothing downloaded after the upload");
}

#[tokio::test(flavor = "multi_thread")]
async fn secretary_submits_and_the_chief_of_office_returns_it_with_a_reason() {
    let s = Server::start().await;
    let secretary = Client::signed_in(&s, "thuky").await;
    let chief = Client::signed_in(&s, "chanhvanphong").await;
    let meeting = s.login("thuky").await.meeting_id("giao ban Văn phòng").await;

    let m = secretary
        .engine
        .send::<ops::TransitionMeeting>(Uuid::now_v7(), &meeting, &Transition::Submit)
        .await
        .expect("submit");
    assert_eq!(m.status, MeetingStatus::InReview);
    assert_eq!(secretary.engine.meeting(meeting).await.expect("local").meeting.status, MeetingStatus::InReview);

    chief.engine.sync_once().await.expect("chief syncs");
    let reason = "Bổ sung tài liệu cho mục 2";
    let t = Transition::Reject { reason: reason.into() };
    let m = chief.engine.send::<ops::TransitionMeeting>(Uuid::now_v7(), &meeting, &t).await.expect("return");
    assert_eq!(m.status, MeetingStatus::Draft);
    let local = chief.engine.meeting(meeting).await.expect("local").meeting;
    assert_eq!(local.status, MeetingStatus::Draft);

    // The secretary may not approve: the server's refusal, with its code.
    let err = secretary
        .engine
        .send::<ops::TransitionMeeting>(Uuid::now_v7(), &meeting, &Transition::Approve)
        .await
        .expect_err("refused");
    assert!(matches!(err.to_api_error().code, ErrorCode::Forbidden | ErrorCode::InvalidTransition), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn me_and_the_directory_come_from_the_server_and_are_kept_for_offline() {
    let s = Server::start().await;
    let mut c = Client::signed_in(&s, "thuky").await;
    let me = c.engine.me().await.expect("me");
    assert_eq!(me.username, "thuky");
    let dir = c.engine.directory().await.expect("directory");
    assert!(dir.users.iter().any(|u| u.username == "chutich"));
    assert!(!dir.units.is_empty());
    assert_eq!(dir.bridge_points.len(), 30);

    c.reopen(&closed_port_url().await, EngineOptions::default()).await;
    assert_eq!(c.engine.me().await.expect("kept me").username, "thuky");
    assert_eq!(c.engine.directory().await.expect("kept directory"), dir);

    // Nothing kept yet and offline: the offline error, not an empty directory.
    let mut fresh = Client::signed_in(&s, "daibieu01").await;
    fresh.reopen(&closed_port_url().await, EngineOptions::default()).await;
    let err = fresh.engine.directory().await.expect_err("nothing kept");
    assert!(err.is_offline(), "{err}");
}

/// A loopback proxy to `target` that sends the server's answers at about `bytes_per_second`
/// (a 3G link), the requests unhindered.
async fn slow_link(target: &str, bytes_per_second: u64) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let target = target.trim_start_matches("http://").to_owned();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let target = target.clone();
            tokio::spawn(async move {
                let Ok(server) = tokio::net::TcpStream::connect(&target).await else { return };
                let (mut client_read, mut client_write) = client.into_split();
                let (mut server_read, mut server_write) = server.into_split();
                tokio::spawn(async move { tokio::io::copy(&mut client_read, &mut server_write).await });
                let mut buf = vec![0u8; 4096];
                while let Ok(n) = server_read.read(&mut buf).await {
                    if n == 0 || client_write.write_all(&buf[..n]).await.is_err() {
                        break;
                    }
                    tokio::time::sleep(Duration::from_micros(n as u64 * 1_000_000 / bytes_per_second)).await;
                }
            });
        }
    });
    format!("http://{addr}")
}

/// A write while the meeting pack is downloading over a slow link answers without waiting
/// for the whole pack: the download gives way between documents, and goes on after.
#[tokio::test(flavor = "multi_thread")]
async fn a_write_does_not_wait_for_the_whole_pack_to_download() {
    let s = Server::start().await;
    let link = slow_link(&s.base, 200_000).await;
    let mut c = Client::signed_in(&s, "thuky").await;
    c.reopen(&link, EngineOptions::default()).await;
    let meeting = s.login("thuky").await.meeting_id("giao ban Văn phòng").await;

    let background = c.engine.clone();
    let pack = tokio::spawn(async move { background.sync_once().await });
    let downloading = || c.engine.status().downloads.iter().any(|d| d.received > 0 && !d.done);
    let started = tokio::time::Instant::now();
    while !downloading() {
        assert!(started.elapsed() < Duration::from_secs(30), "the pack starts downloading");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let req = CreateAgendaItem {
        id: None,
        title: "Mục thêm khi đang tải tài liệu".into(),
        presenter: String::new(),
        presenting_unit_id: None,
        minutes: 10,
        summary: String::new(),
        position: None,
    };
    let item = c.engine.send::<ops::AddAgendaItem>(Uuid::now_v7(), &meeting, &req).await.expect("write");
    let downloads = c.engine.status().downloads;
    let left = downloads.iter().filter(|d| !d.done).count();
    assert!(left > 0, "the write waited for the whole pack ({:?} after it began): {downloads:?}", started.elapsed());
    assert!(c.engine.meeting(meeting).await.expect("local").agenda.iter().any(|i| i.id == item.id));

    pack.await.expect("join").expect("the pack");
    let mut done = false;
    for _ in 0..100 {
        if c.engine.status().downloads.iter().all(|d| d.done) {
            done = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(done, "the pack goes on downloading after the write: {:?}", c.engine.status().downloads);
}
