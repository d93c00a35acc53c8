//! A document revoked on the server leaves the delegate's cache.

use ecab_client::ClientError;
use reqwest::Method;

use crate::common::{Client, Server, blob_path};

#[tokio::test(flavor = "multi_thread")]
async fn a_revoked_document_disappears_from_the_cache_unless_another_document_shares_its_content() {
    let s = Server::start().await;
    let c = Client::signed_in(&s, "daibieu01").await;
    c.engine.sync_once().await.expect("sync");
    let thuky = s.login("thuky").await;
    let regular = thuky.meeting_id("thường kỳ").await;
    let today = thuky.meeting_id("07:15").await;

    let docs = c.engine.meeting(regular).await.expect("regular meeting").documents;
    let all: Vec<_> = {
        let mut v = Vec::new();
        for m in c.engine.meetings().await.expect("meetings") {
            v.extend(c.engine.meeting(m.id).await.expect("meeting").documents);
        }
        v
    };
    let shared_by = |sha: &str| all.iter().filter(|d| d.current.sha256 == sha).count();
    let unique = docs.iter().find(|d| shared_by(&d.current.sha256) == 1).expect("a document only this meeting has");
    let daily = c.engine.meeting(today).await.expect("today").documents;
    let shared = daily.iter().find(|d| shared_by(&d.current.sha256) > 1).expect("content shared with other meetings");
    for d in [unique, shared] {
        assert!(blob_path(c.dir.path(), &d.current.sha256).exists(), "{} is cached", d.title);
        let (status, body) = thuky.call(Method::DELETE, &format!("/api/v1/documents/{}", d.id), None).await;
        assert_eq!(status, 204, "{body}");
    }

    c.engine.sync_once().await.expect("sync");
    let after = c.engine.meeting(regular).await.expect("regular meeting");
    assert!(after.documents.iter().all(|d| d.id != unique.id), "gone from the meeting");
    assert!(!blob_path(c.dir.path(), &unique.current.sha256).exists(), "its cached file is deleted");
    assert!(matches!(c.engine.read_blob(&unique.current.sha256).await, Err(ClientError::NotFound(_))));
    assert!(matches!(c.engine.document(unique.id).await, Err(ClientError::NotFound(_))));

    assert!(c.engine.meeting(today).await.expect("today").documents.iter().all(|d| d.id != shared.id));
    assert!(
        blob_path(c.dir.path(), &shared.current.sha256).exists(),
        "content still referenced by another meeting's document stays"
    );
    assert!(c.engine.read_blob(&shared.current.sha256).await.is_ok());
}
