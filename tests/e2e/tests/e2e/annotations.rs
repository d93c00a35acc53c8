//! A delegate annotates offline for the whole preparation while the secretary puts out a
//! new version: on reconnecting, every annotation lands exactly once (a creation queued
//! twice, a change, a deletion before delivery), those whose words are still there are
//! carried onto the new version, the rest stay on the old one; another delegate receives
//! only what was shared.

use ecab_client::EngineOptions;
use ecab_core::anchor::quote;
use ecab_protocol::annotation::{Anchor, CreateAnnotation, Point, UpdateAnnotation};
use ecab_protocol::document::PageText;
use ecab_protocol::{AnnotationColor, AnnotationKind, ops};
use reqwest::{Method, StatusCode};
use uuid::Uuid;

use crate::common::{Client, Http, Server, closed_port_url};

async fn upload(thuky: &Http<'_>, path: &str, fixture: &str, meta: Option<serde_json::Value>) -> serde_json::Value {
    let bytes = ecab_testkit::asset(&format!("fixtures/{fixture}"));
    let mut form = reqwest::multipart::Form::new();
    if let Some(m) = meta {
        form = form.text("meta", m.to_string());
    }
    form = form.part("file", reqwest::multipart::Part::bytes(bytes).file_name(fixture.to_owned()));
    let req = thuky.server.http.request(Method::POST, format!("{}{}", thuky.server.base, path));
    let (status, d) = ecab_testkit::read(req.bearer_auth(&thuky.token).multipart(form).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    d
}

/// A highlight (or, with `at`, a note) over `phrase` of a page's text layer.
fn over(text: &PageText, phrase: &str, kind: AnnotationKind, note: &str, shared: bool) -> CreateAnnotation {
    let words: Vec<&str> = text.words.iter().map(|w| w.text.as_str()).collect();
    let want: Vec<&str> = phrase.split_whitespace().collect();
    let start = words.windows(want.len()).position(|w| w == want.as_slice()).expect(phrase);
    let rects: Vec<_> = text.words[start..start + want.len()].iter().map(|w| w.rect).collect();
    let quote_box = rects.iter().copied().reduce(|a, b| a.union(b));
    let point = (kind == AnnotationKind::Note).then(|| Point { x: rects[0].x, y: rects[0].y });
    CreateAnnotation {
        id: Uuid::now_v7(),
        kind,
        color: AnnotationColor::Yellow,
        note: note.into(),
        shared,
        anchor: Anchor {
            sha256: text.sha256.clone(),
            page: text.page,
            rects: if point.is_some() { vec![] } else { rects },
            strokes: vec![],
            point,
            quote: quote(&words, start, want.len()),
            quote_box,
        },
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn annotations_made_offline_land_once_and_follow_their_words_onto_a_new_version() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let meeting = thuky.meeting_id("thường kỳ").await;
    let meta = serde_json::json!({ "title": "Dự thảo nghị quyết bảng giá đất", "kind": "draft" });
    let d = upload(&thuky, &format!("/api/v1/meetings/{meeting}/documents"), "draft-v1.pdf", Some(meta)).await;
    let doc: Uuid = d["id"].as_str().unwrap().parse().unwrap();
    let v1 = d["current"]["sha256"].as_str().unwrap().to_owned();
    let mut a = Client::signed_in(&s, "daibieu05").await;
    let b = Client::signed_in(&s, "daibieu06").await;
    a.engine.sync_once().await.expect("sync");
    let reader = s.login("daibieu05").await;
    let text = |page: u32| {
        let reader = &reader;
        async move {
            let (status, t) = reader.get(&format!("/api/v1/documents/{doc}/pages/{page}/text")).await;
            assert_eq!(status, StatusCode::OK, "{t}");
            serde_json::from_value::<PageText>(t).unwrap()
        }
    };
    let (p0, p1) = (text(0).await, text(1).await);

    // Offline for the whole preparation.
    a.reopen(&closed_port_url().await, EngineOptions::default()).await;
    let shared = over(&p0, "Đối tượng áp dụng:", AnnotationKind::Highlight, "", true);
    let private = over(&p1, "Sở Tài chính chủ trì", AnnotationKind::Note, "Hỏi Sở Tài chính", false);
    let dropped = over(&p0, "Giá đất ở tại đô thị", AnnotationKind::Underline, "", false);
    for req in [&shared, &shared, &private, &dropped] {
        a.engine.enqueue::<ops::CreateAnnotation>(&doc, req).await.expect("queue");
    }
    let green = UpdateAnnotation { color: Some(AnnotationColor::Green), note: None, shared: None };
    a.engine.enqueue::<ops::UpdateAnnotation>(&shared.id, &green).await.expect("queue");
    a.engine.enqueue::<ops::DeleteAnnotation>(&dropped.id, &()).await.expect("queue");
    assert!(a.engine.sync_once().await.expect_err("offline").is_offline());
    let shown = a.engine.annotations(doc).await.expect("offline");
    assert_eq!(shown.len(), 2, "made offline, shown at once: {shown:?}");
    assert!(shown.iter().all(|e| e.pending));
    let mine = shown.iter().find(|e| e.annotation.id == shared.id).unwrap();
    assert_eq!(mine.annotation.color, AnnotationColor::Green);

    // Meanwhile the secretary puts out the revised draft.
    upload(&thuky, &format!("/api/v1/documents/{doc}/versions"), "draft-v2.pdf", None).await;

    // Back online: every write once.
    a.reopen(&s.base, EngineOptions::default()).await;
    a.engine.sync_once().await.expect("sync");
    assert!(a.engine.outbox().await.expect("outbox").is_empty());
    let rows: Vec<(Uuid, Option<String>)> =
        sqlx::query_as("SELECT id, deleted_at FROM annotations WHERE document_id = ?")
            .bind(doc)
            .fetch_all(&s.state.db)
            .await
            .unwrap();
    assert_eq!(rows.len(), 3, "each creation once: {rows:?}");
    assert_eq!(rows.iter().filter(|(_, deleted)| deleted.is_none()).count(), 2);

    let now = a.engine.annotations(doc).await.expect("annotations");
    assert_eq!(now.len(), 2);
    assert!(now.iter().all(|e| !e.pending));
    let carried = now.iter().find(|e| e.annotation.id == shared.id).unwrap();
    let v2 =
        a.engine.meeting(meeting).await.unwrap().documents.into_iter().find(|d| d.id == doc).unwrap().current.sha256;
    assert_eq!(carried.annotation.anchor.sha256, v2, "carried onto the new version");
    assert_eq!(carried.annotation.made_on.as_deref(), Some(v1.as_str()));
    assert_eq!(carried.annotation.color, AnnotationColor::Green);
    let left = now.iter().find(|e| e.annotation.id == private.id).unwrap();
    assert_eq!(left.annotation.anchor.sha256, v1, "Điều 5 is gone: the note stays on the first version");
    assert_eq!(left.annotation.note, "Hỏi Sở Tài chính");

    // The other delegate receives the shared one only.
    b.engine.sync_once().await.expect("sync");
    let theirs = b.engine.annotations(doc).await.expect("annotations");
    assert_eq!(theirs.iter().map(|e| e.annotation.id).collect::<Vec<_>>(), vec![shared.id]);
}
