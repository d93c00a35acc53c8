//! Bad input gets the right status and a stable code, and loses or leaves nothing.

use reqwest::{Method, StatusCode, header};
use serde_json::json;

use crate::common::{CRASH_MARKER, MAX_UPLOAD_MB, Server, asset, new_meeting_body, read};

#[tokio::test]
async fn rejected_uploads_leave_no_blob_and_no_row() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let (_, m) = thuky.post("/api/v1/meetings", new_meeting_body(&thuky, "Họp thử tệp hỏng").await).await;
    let path = format!("/api/v1/meetings/{}/documents", m["meeting"]["id"].as_str().unwrap());
    let blobs = s.blob_files();
    let docs = s.count("SELECT COUNT(*) FROM documents").await;
    let mut crashing = asset("fixtures/hello.pdf");
    crashing.extend_from_slice(format!("\n% {CRASH_MARKER}\n").as_bytes());
    let big = {
        let mut b = b"%PDF-1.7\n".to_vec();
        b.resize((MAX_UPLOAD_MB as usize + 1) * 1024 * 1024, b' ');
        b
    };
    let cases: Vec<(&str, Vec<u8>, StatusCode, &str)> = vec![
        ("not a PDF", asset("fixtures/not-a-pdf.pdf"), StatusCode::UNPROCESSABLE_ENTITY, "not_pdf"),
        ("truncated", asset("fixtures/truncated.pdf"), StatusCode::UNPROCESSABLE_ENTITY, "pdf_corrupt"),
        ("encrypted", asset("fixtures/encrypted.pdf"), StatusCode::UNPROCESSABLE_ENTITY, "pdf_encrypted"),
        ("crashes pdfium", crashing, StatusCode::UNPROCESSABLE_ENTITY, "pdf_rejected"),
        ("empty", Vec::new(), StatusCode::UNPROCESSABLE_ENTITY, "not_pdf"),
        ("too large", big, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
    ];
    for (what, bytes, status, code) in cases {
        let (got, body) = thuky.upload(&path, Some(json!({ "title": what })), "x.pdf", bytes).await;
        assert_eq!((got, body["code"].as_str()), (status, Some(code)), "{what}: {body}");
        assert!(!body["message"].as_str().unwrap().is_empty());
    }
    assert_eq!(s.blob_files(), blobs, "no blob kept");
    assert_eq!(s.tmp_files(), 0, "no temporary file left");
    assert_eq!(s.count("SELECT COUNT(*) FROM documents").await, docs, "no row kept");
    // The worker that crashed was replaced: a good PDF still goes in.
    let (status, doc) =
        thuky.upload(&path, Some(json!({ "title": "Tốt" })), "ok.pdf", asset("fixtures/hello.pdf")).await;
    assert_eq!(status, StatusCode::CREATED, "{doc}");
    let (status, e) = thuky.upload(&path, None, "ok.pdf", asset("fixtures/hello.pdf")).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("validation")),
        "meta is required"
    );
}

#[tokio::test]
async fn bad_json_unknown_ids_and_expired_tokens() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let res = thuky
        .req(Method::POST, "/api/v1/meetings")
        .header(header::CONTENT_TYPE, "application/json")
        .body("{\"title\": ")
        .send()
        .await
        .unwrap();
    let (status, e) = read(res).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_json")));
    let (status, e) = thuky.post("/api/v1/meetings", json!({ "title": 5 })).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("validation")));
    let mut body = new_meeting_body(&thuky, "Sai giờ").await;
    body["ends_at"] = body["starts_at"].clone();
    let (status, e) = thuky.post("/api/v1/meetings", body).await;
    assert_eq!(
        (status, e["code"].as_str(), e["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("validation"), Some("ends_at"))
    );
    for path in [
        "/api/v1/meetings/0190f0f0-0000-7000-8000-000000000000",
        "/api/v1/meetings/not-a-uuid",
        "/api/v1/documents/0190f0f0-0000-7000-8000-000000000000",
        "/api/v1/nothing",
    ] {
        let (status, e) = thuky.get(path).await;
        assert_eq!((status, e["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")), "{path}");
    }
    let (status, e) = thuky.get(&format!("/api/v1/blobs/{}", "0".repeat(64))).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));

    // An expired session.
    let late = s.login("daibieu01").await;
    sqlx::query("UPDATE sessions SET expires_at = '2000-01-01T00:00:00Z' WHERE user_id = (SELECT id FROM users WHERE username = 'daibieu01')")
        .execute(&s.state.db).await.unwrap();
    let (status, e) = late.get("/api/v1/sync").await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("token_expired")));
    // Logging out ends a session at once.
    let fresh = s.login("thuky").await;
    assert_eq!(fresh.call(Method::POST, "/api/v1/auth/logout", None).await.0, StatusCode::NO_CONTENT);
    assert_eq!(fresh.get("/api/v1/meetings").await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn ranges_etags_and_resume() {
    let s = Server::start().await;
    let d = s.login("daibieu02").await;
    let meeting = d.meeting_id("thường kỳ").await;
    let (_, detail) = d.get(&format!("/api/v1/meetings/{meeting}")).await;
    let doc = detail["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["current"]["page_count"].as_u64() > Some(100))
        .unwrap();
    let sha = doc["current"]["sha256"].as_str().unwrap();
    let file = asset("demo/bao-cao-kinh-te-xa-hoi-10-thang-2026.pdf");
    let path = format!("/api/v1/blobs/{sha}");

    let res = d.req(Method::GET, &path).header(header::RANGE, "bytes=1000-").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT);
    let etag = res.headers()[header::ETAG].to_str().unwrap().to_owned();
    assert_eq!(etag, format!("\"{sha}\""));
    assert_eq!(res.bytes().await.unwrap().as_ref(), &file[1000..]);

    let res = d.req(Method::GET, &path).header(header::IF_NONE_MATCH, &etag).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);

    let past_end = format!("bytes={}-", file.len() + 10);
    let res = d.req(Method::GET, &path).header(header::RANGE, past_end).send().await.unwrap();
    let (status, e) = read(res).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::RANGE_NOT_SATISFIABLE, Some("range_not_satisfiable")));

    let res = d.req(Method::GET, &path).header(header::RANGE, "bytes=-100").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(res.bytes().await.unwrap().as_ref(), &file[file.len() - 100..]);
    let res = d
        .req(Method::GET, &path)
        .header(header::RANGE, "bytes=0-9")
        .header(header::IF_RANGE, "\"another\"")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "a range against other content gets the whole file");
    assert_eq!(res.bytes().await.unwrap().len(), file.len());

    let res = d.req(Method::HEAD, &path).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_LENGTH].to_str().unwrap(), file.len().to_string());
}

#[tokio::test]
async fn repeated_wrong_passwords_lock_the_account_for_a_while() {
    let s = Server::start().await;
    for _ in 0..5 {
        let (status, e) = s
            .anon(
                Method::POST,
                "/api/v1/auth/login",
                Some(json!({ "username": "daibieu07", "password": "wrong-password" })),
            )
            .await;
        assert_eq!((status, e["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("invalid_credentials")));
    }
    let (status, e) = s
        .anon(Method::POST, "/api/v1/auth/login", Some(json!({ "username": "daibieu07", "password": "ecabinet-demo" })))
        .await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("account_locked")));
    assert!(e["retry_after"].as_u64().unwrap() > 0);
    // Others are not affected; an unknown user gets the same answer as a wrong password.
    s.login("daibieu08").await;
    let (status, e) =
        s.anon(Method::POST, "/api/v1/auth/login", Some(json!({ "username": "nobody", "password": "x" }))).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("invalid_credentials")));
}

/// An upload refused before its body is read closes its connection, so the client's next
/// requests go on a new one instead of failing on a half-used one (which a client takes
/// for being offline).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_upload_does_not_break_later_requests() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let meeting = thuky.meeting_id("thường kỳ").await;
    let (_, detail) = thuky.get(&format!("/api/v1/meetings/{meeting}")).await;
    let doc = detail["documents"][0]["id"].as_str().unwrap().to_owned();
    for actor in ["chanhvanphong", "chutich", "daibieu01", "admin"] {
        let c = s.login(actor).await;
        let path = format!("/api/v1/documents/{doc}/versions");
        let (status, e) = c.upload(&path, None, "x.pdf", asset("fixtures/hello.pdf")).await;
        assert!(status.is_client_error(), "{e}");
        for _ in 0..4 {
            assert_eq!(thuky.get(&format!("/api/v1/meetings/{meeting}")).await.0, StatusCode::OK);
        }
        let again = s.login(actor).await;
        assert_eq!(again.get("/api/v1/auth/me").await.0, StatusCode::OK);
    }
}
