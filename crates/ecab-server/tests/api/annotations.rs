//! Annotations on documents: private by default, shared with the meeting's readers, changed
//! only by their author, checked against their kind and the page; and carried onto a new
//! version of the document where their words are still there (real PDFs, real text layers).

use ecab_core::anchor::quote;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::common::{Client, Server};

/// A new document in the regular (published) meeting, from a fixture.
async fn upload(thuky: &Client<'_>, fixture: &str) -> (String, String) {
    let meeting = thuky.meeting_id("thường kỳ").await;
    let meta = json!({ "title": "Dự thảo nghị quyết bảng giá đất", "kind": "draft" });
    let bytes = ecab_testkit::asset(&format!("fixtures/{fixture}"));
    let (status, d) = thuky.upload(&format!("/api/v1/meetings/{meeting}/documents"), Some(meta), fixture, bytes).await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    (d["id"].as_str().unwrap().to_owned(), d["current"]["sha256"].as_str().unwrap().to_owned())
}

async fn words(c: &Client<'_>, doc: &str, page: u32) -> Vec<Value> {
    let (status, t) = c.get(&format!("/api/v1/documents/{doc}/pages/{page}/text")).await;
    assert_eq!(status, StatusCode::OK, "{t}");
    t["words"].as_array().unwrap().clone()
}

/// Where the words `phrase` start on a page of words.
fn find(words: &[Value], phrase: &str) -> (usize, usize) {
    let texts: Vec<&str> = words.iter().map(|w| w["text"].as_str().unwrap()).collect();
    let want: Vec<&str> = phrase.split_whitespace().collect();
    let found = texts.windows(want.len()).position(|w| w == want.as_slice());
    let start = found.unwrap_or_else(|| panic!("{phrase:?} in {texts:?}"));
    (start, want.len())
}

fn union(words: &[Value]) -> Value {
    let f = |w: &Value, k: &str| w["rect"][k].as_f64().unwrap();
    let x = words.iter().map(|w| f(w, "x")).fold(1.0, f64::min);
    let y = words.iter().map(|w| f(w, "y")).fold(1.0, f64::min);
    let r = words.iter().map(|w| f(w, "x") + f(w, "w")).fold(0.0, f64::max);
    let b = words.iter().map(|w| f(w, "y") + f(w, "h")).fold(0.0, f64::max);
    json!({ "x": x, "y": y, "w": r - x, "h": b - y })
}

/// An anchor over `phrase` of page `page` of version `sha`, as the reader makes it.
async fn anchor_over(c: &Client<'_>, doc: &str, sha: &str, page: u32, phrase: &str) -> Value {
    let all = words(c, doc, page).await;
    let (start, len) = find(&all, phrase);
    let texts: Vec<&str> = all.iter().map(|w| w["text"].as_str().unwrap()).collect();
    let q = quote(&texts, start, len);
    let under = &all[start..start + len];
    json!({
        "sha256": sha, "page": page, "rects": [union(under)],
        "quote": { "exact": q.exact, "prefix": q.prefix, "suffix": q.suffix }, "quote_box": union(under),
    })
}

async fn create(c: &Client<'_>, doc: &str, body: Value) -> (StatusCode, Value) {
    c.post(&format!("/api/v1/documents/{doc}/annotations"), body).await
}

async fn list(c: &Client<'_>, doc: &str) -> Vec<Value> {
    let (status, l) = c.get(&format!("/api/v1/documents/{doc}/annotations")).await;
    assert_eq!(status, StatusCode::OK, "{l}");
    l.as_array().unwrap().clone()
}

fn by_id<'a>(all: &'a [Value], id: &str) -> Option<&'a Value> {
    all.iter().find(|a| a["id"] == id)
}

#[tokio::test]
async fn private_until_shared_and_changed_only_by_their_author() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let (a, b) = (s.login("daibieu05").await, s.login("daibieu06").await);
    let (doc, sha) = upload(&thuky, "draft-v1.pdf").await;
    let anchor = anchor_over(&a, &doc, &sha, 0, "Đối tượng áp dụng:").await;
    let id = Uuid::now_v7().to_string();
    let body = json!({ "id": id, "kind": "highlight", "color": "yellow", "note": " Cần làm rõ ", "anchor": anchor });
    let (status, made) = create(&a, &doc, body.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    assert_eq!((made["note"].as_str(), made["shared"].as_bool()), (Some("Cần làm rõ"), Some(false)));
    // A retry answers the same annotation.
    let (status, again) = create(&a, &doc, body).await;
    assert_eq!((status, &again["id"]), (StatusCode::OK, &made["id"]));

    assert!(by_id(&list(&a, &doc).await, &id).is_some());
    assert!(by_id(&list(&b, &doc).await, &id).is_none(), "private to its author");
    assert!(by_id(&list(&thuky, &doc).await, &id).is_none(), "the staff do not see private ones either");
    let (_, b_feed_before) = b.sync_all(0).await;

    let path = format!("/api/v1/annotations/{id}");
    assert_eq!(b.call(Method::PATCH, &path, Some(json!({ "color": "red" }))).await.0, StatusCode::NOT_FOUND);
    let (status, shared) = a.call(Method::PATCH, &path, Some(json!({ "shared": true, "color": "green" }))).await;
    assert_eq!((status, shared["color"].as_str()), (StatusCode::OK, Some("green")), "{shared}");
    assert!(by_id(&list(&b, &doc).await, &id).is_some(), "shared with the meeting");
    let (changes, _) = b.sync_all(b_feed_before).await;
    assert!(changes.iter().any(|c| c["entity"] == "annotation" && c["entity_id"] == id && c["op"] == "upsert"));

    // Others see it and may not change or delete it.
    let (status, e) = b.call(Method::PATCH, &path, Some(json!({ "note": "x" }))).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")), "{e}");
    assert_eq!(b.call(Method::DELETE, &path, None).await.0, StatusCode::FORBIDDEN);

    // Unshared, it leaves the others' devices.
    let (_, b_feed) = b.sync_all(0).await;
    assert_eq!(a.call(Method::PATCH, &path, Some(json!({ "shared": false }))).await.0, StatusCode::OK);
    let (changes, _) = b.sync_all(b_feed).await;
    assert!(changes.iter().any(|c| c["entity_id"] == id && c["op"] == "delete"), "{changes:?}");
    assert!(by_id(&list(&b, &doc).await, &id).is_none());

    assert_eq!(a.call(Method::DELETE, &path, None).await.0, StatusCode::NO_CONTENT);
    assert!(by_id(&list(&a, &doc).await, &id).is_none());
    // A late retry of its creation does not bring it back.
    let body = json!({ "id": id, "kind": "highlight", "color": "yellow", "anchor": anchor_over(&a, &doc, &sha, 0, "Đối tượng áp dụng:").await });
    assert_eq!(create(&a, &doc, body).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn shapes_pages_and_readers_are_checked() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let a = s.login("daibieu05").await;
    let (doc, sha) = upload(&thuky, "draft-v1.pdf").await;
    let good = anchor_over(&a, &doc, &sha, 0, "Phạm vi điều chỉnh:").await;
    let before = s.count("SELECT count(*) FROM annotations").await;
    let refused = |kind: &str, anchor: Value, note: &str| json!({ "id": Uuid::now_v7(), "kind": kind, "color": "blue", "note": note, "anchor": anchor });
    let cases = [
        (refused("highlight", json!({ "sha256": sha, "page": 0 }), ""), "anchor"),
        (refused("note", json!({ "sha256": sha, "page": 0, "point": { "x": 0.5, "y": 0.5 } }), "  "), "note"),
        (refused("note", json!({ "sha256": sha, "page": 0, "point": { "x": 1.5, "y": 0.5 } }), "ok"), "anchor"),
        (refused("note", json!({ "sha256": sha, "page": 9, "point": { "x": 0.5, "y": 0.5 } }), "ok"), "page"),
        (refused("ink", json!({ "sha256": sha, "page": 0, "strokes": [[{ "x": 0.1, "y": 0.1 }]] }), ""), "anchor"),
        (refused("highlight", json!({ "sha256": "0".repeat(64), "page": 0, "rects": good["rects"] }), ""), "anchor"),
    ];
    for (body, field) in cases {
        let (status, e) = create(&a, &doc, body.clone()).await;
        assert_eq!(
            (status, e["code"].as_str(), e["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("validation"), Some(field)),
            "{body} → {e}"
        );
    }
    assert_eq!(s.count("SELECT count(*) FROM annotations").await, before, "nothing refused was kept");

    // A bridge point's wall does not annotate; an outsider is not told the document exists.
    let body = refused("highlight", good.clone(), "");
    assert_eq!(create(&s.login("diemcau03").await, &doc, body.clone()).await.0, StatusCode::FORBIDDEN);
    assert_eq!(create(&s.login("phochutich").await, &doc, body).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_new_version_carries_annotations_to_their_words_and_lists_the_rest() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let a = s.login("daibieu05").await;
    let (doc, v1) = upload(&thuky, "draft-v1.pdf").await;
    let mut made = Vec::new();
    for (kind, page, phrase) in [
        ("highlight", 0, "Đối tượng áp dụng:"),    // stays on page 1, lower down
        ("underline", 1, "trồng lúa nước hai vụ"), // page 2 becomes page 3
        ("note", 1, "Sở Tài chính chủ trì"),       // Điều 5 is deleted
        ("ink", 2, "báo cáo kết quả thực hiện"),   // page 3 becomes page 2
    ] {
        let mut anchor = anchor_over(&a, &doc, &v1, page, phrase).await;
        let b = anchor["quote_box"].clone();
        let (x, y) = (b["x"].as_f64().unwrap(), b["y"].as_f64().unwrap());
        match kind {
            "note" => {
                anchor["rects"] = json!([]);
                anchor["point"] = json!({ "x": x, "y": y });
            }
            "ink" => {
                anchor["rects"] = json!([]);
                anchor["strokes"] = json!([[{ "x": x, "y": y + 0.02 }, { "x": x + 0.2, "y": y + 0.02 }]]);
            }
            _ => {}
        }
        let id = Uuid::now_v7().to_string();
        let (status, m) =
            create(&a, &doc, json!({ "id": id, "kind": kind, "color": "pink", "note": "ý kiến", "anchor": anchor }))
                .await;
        assert_eq!(status, StatusCode::CREATED, "{m}");
        made.push(m);
    }

    let v2_bytes = ecab_testkit::asset("fixtures/draft-v2.pdf");
    let (status, d) = thuky.upload(&format!("/api/v1/documents/{doc}/versions"), None, "draft-v2.pdf", v2_bytes).await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    let v2 = d["current"]["sha256"].as_str().unwrap().to_owned();

    let now = list(&a, &doc).await;
    let after = |i: usize| by_id(&now, made[i]["id"].as_str().unwrap()).unwrap().clone();
    let y = |v: &Value| v["anchor"]["quote_box"]["y"].as_f64().unwrap();
    let (highlight, underline, note, ink) = (after(0), after(1), after(2), after(3));
    for (carried, page) in [(&highlight, 0), (&underline, 2), (&ink, 1)] {
        assert_eq!(carried["anchor"]["sha256"], v2, "{carried}");
        assert_eq!(carried["anchor"]["page"], page, "{carried}");
        assert_eq!(carried["made_on"], v1);
        assert_eq!(carried["note"], "ý kiến", "the comment goes with it");
    }
    assert!(y(&highlight) > y(&made[0]) + 0.02, "moved down by the paragraph inserted above it");
    let v2_words = words(&a, &doc, 0).await;
    let (start, len) = find(&v2_words, "Đối tượng áp dụng:");
    let want = union(&v2_words[start..start + len]);
    assert!((y(&highlight) - want["y"].as_f64().unwrap()).abs() < 1e-4, "on its words: {highlight} vs {want}");
    // Ink moves with its words.
    let stroke_y = ink["anchor"]["strokes"][0][0]["y"].as_f64().unwrap();
    assert!((stroke_y - (y(&ink) + 0.02)).abs() < 1e-3, "{ink}");
    // Điều 5 is gone: the note stays on the first version, with its text, to be listed.
    assert_eq!(note["anchor"]["sha256"], v1, "{note}");
    assert_eq!((note["note"].as_str(), note["anchor"]["page"].as_u64()), (Some("ý kiến"), Some(1)));

    // Made offline on the first version and delivered after the second: carried at once.
    let late = anchor_over(&a, &doc, &v1, 0, "Giá đất ở tại đô thị").await;
    let (status, m) =
        create(&a, &doc, json!({ "id": Uuid::now_v7(), "kind": "highlight", "color": "yellow", "anchor": late })).await;
    assert_eq!(status, StatusCode::CREATED, "{m}");
    assert_eq!((m["anchor"]["sha256"].as_str(), m["made_on"].as_str()), (Some(v2.as_str()), Some(v1.as_str())), "{m}");

    // The export holds the annotations on the current version as PDF annotations; the note
    // left on the first version is not in it, and another reader gets none of these.
    let res = a.req(Method::GET, &format!("/api/v1/documents/{doc}/annotated")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let pdf = String::from_utf8_lossy(&res.bytes().await.unwrap()).into_owned();
    assert!(pdf.starts_with("%PDF"));
    for subtype in ["/Highlight", "/Underline", "/Ink"] {
        assert!(pdf.contains(subtype), "{subtype} in the export");
    }
    assert!(!pdf.contains("/Subtype /Text") && !pdf.contains("/Subtype/Text"), "the note stays out");
    // A confidential document never leaves the app in clear.
    let meeting = thuky.meeting_id("thường kỳ").await;
    let (_, detail) = thuky.get(&format!("/api/v1/meetings/{meeting}")).await;
    let secret =
        detail["documents"].as_array().unwrap().iter().find(|d| d["confidentiality"] == "confidential").unwrap();
    let res = a
        .req(Method::GET, &format!("/api/v1/documents/{}/annotated", secret["id"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let other = s.login("daibieu06").await;
    let res = other.req(Method::GET, &format!("/api/v1/documents/{doc}/annotated")).send().await.unwrap();
    let theirs = String::from_utf8_lossy(&res.bytes().await.unwrap()).into_owned();
    assert!(!theirs.contains("/Highlight"), "another reader's export has none of these");
}
