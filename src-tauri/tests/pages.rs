//! The page protocol against a real server: the demo province in-process on a loopback port,
//! a client engine signed in as a delegate, pages rendered by this package's own executable
//! run as `ecabinet pdf-worker`. Needs libpdfium (`cargo xtask install-pdfium`).

use std::path::Path;
use std::sync::Arc;

use ecab_client::{Engine, MemorySecretStore};
use ecab_desktop::pages::{PageRequest, PageServer};
use ecab_pdf::WorkerCommand;
use ecab_protocol::{Confidentiality, ErrorCode};
use ecab_testkit::{PASSWORD, TestServer};
use tauri::http::{Request, StatusCode};

const APP: &str = env!("CARGO_BIN_EXE_ecabinet");

fn get(uri: &str) -> Request<Vec<u8>> {
    Request::builder().uri(uri).body(Vec::new()).expect("request")
}

fn files(dir: &Path) -> Vec<std::fs::Metadata> {
    std::fs::read_dir(dir).expect("dir").flatten().map(|e| e.metadata().expect("metadata")).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delegate_sees_pages_rendered_locally_and_no_plain_copy_outlives_its_use() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server =
        TestServer::setup(WorkerCommand::new(APP, ["pdf-worker"])).config(|c| c.pdf_workers = Some(1)).start().await;
    let engine =
        Engine::open(dir.path().join("store"), &server.base, Arc::new(MemorySecretStore::new())).await.expect("engine");
    engine.login("daibieu01", PASSWORD).await.expect("sign in");
    engine.sync_once().await.expect("sync");

    let mut docs = Vec::new();
    for m in engine.meetings().await.expect("meetings") {
        docs.extend(engine.meeting(m.id).await.expect("meeting").documents);
    }
    let secret =
        docs.iter().find(|d| d.confidentiality == Confidentiality::Confidential).expect("a confidential document");
    let report = docs.iter().find(|d| d.current.page_count == 126).expect("the 126-page report");

    let scratch = dir.path().join("scratch/pages");
    let pages = PageServer::new(scratch.clone(), WorkerCommand::new(APP, ["pdf-worker"])).await.expect("page server");

    // A confidential document: decrypted into a private copy, served with no-store.
    let res = pages.respond(&engine, &get(&format!("ecab://localhost/page/{}/0?width=300", secret.id))).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "image/png");
    assert_eq!(res.headers()["cache-control"], "no-store");
    assert!(res.body().starts_with(b"\x89PNG"));
    let png = image_width(res.body());
    assert_eq!(png, 300, "rendered at the width asked for");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let copies = files(&scratch);
        assert_eq!(copies.len(), 1);
        assert_eq!(copies[0].permissions().mode() & 0o777, 0o600, "readable by this user only");
        assert_eq!(std::fs::metadata(&scratch).expect("dir").permissions().mode() & 0o777, 0o700);
    }

    // Its pages carry the reader's name: the username until the full name is known, then
    // the name; another reader's page is another image. A normal document is never marked.
    let secret_page = PageRequest { document: secret.id, page: 0, width: 300 };
    let by_username = pages.page(&engine, &secret_page).await.expect("page").0;
    assert_eq!(*by_username, *res.body());
    pages.set_reader(Some("Nguyễn Văn Ân"));
    let by_name = pages.page(&engine, &secret_page).await.expect("page").0;
    pages.set_reader(Some("Trần Thị Bé"));
    let by_other = pages.page(&engine, &secret_page).await.expect("page").0;
    assert!(by_name != by_username && by_other != by_name, "each reader's own watermark");
    pages.set_reader(Some("Nguyễn Văn Ân"));
    assert_eq!(pages.page(&engine, &secret_page).await.expect("page").0, by_name);
    let report_page = PageRequest { document: report.id, page: 2, width: 300 };
    let report_by_other = pages.page(&engine, &report_page).await.expect("page").0;
    pages.set_reader(Some("Trần Thị Bé"));
    assert_eq!(pages.page(&engine, &report_page).await.expect("page").0, report_by_other, "not per reader");

    // The first page of every document, at the reader's width, as the protocol answers it:
    // a drawn page, not a blank sheet.
    for doc in &docs {
        let res = pages.respond(&engine, &get(&format!("ecab://localhost/page/{}/0?width=1040", doc.id))).await;
        assert_eq!(res.status(), StatusCode::OK, "{}", doc.title);
        let share = ink(res.body());
        eprintln!("page 1 of {}: {:.2}% ink", doc.title, share * 100.0);
        assert!(share > 0.002, "page 1 of {:?} is blank ({share} ink)", doc.title);
    }

    // The last page of the report and one past it (pages count from 0).
    let last = PageRequest { document: report.id, page: 125, width: 120 };
    let (png, confidential) = pages.page(&engine, &last).await.expect("page 126");
    assert!(!confidential);
    assert_eq!(image_width(&png), 120);
    let past = pages.page(&engine, &PageRequest { page: 126, ..last }).await.expect_err("no page 127");
    assert_eq!(past.code, ErrorCode::NotFound);

    // Not a document of this user, and not a page address.
    let unknown = pages.respond(&engine, &get(&format!("ecab://localhost/page/{}/0", uuid::Uuid::nil()))).await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let body: ecab_protocol::ApiError = serde_json::from_slice(unknown.body()).expect("an ApiError");
    assert_eq!(body.code, ErrorCode::NotFound);
    assert_eq!(pages.respond(&engine, &get("ecab://localhost/other")).await.status(), StatusCode::NOT_FOUND);

    // Sign-out: no plain copy is left (until then, those of the last three documents read).
    assert_eq!(files(&scratch).len(), 3);
    pages.forget().await;
    assert!(files(&scratch).is_empty());
    pages.shutdown().await;
}

/// The width in a PNG's IHDR chunk.
fn image_width(png: &[u8]) -> u32 {
    u32::from_be_bytes(png[16..20].try_into().expect("IHDR"))
}

/// The share of a PNG's pixels that are ink (no channel above 160).
fn ink(png: &[u8]) -> f64 {
    let image = image::load_from_memory(png).expect("a PNG").to_rgb8();
    let dark = image.pixels().filter(|p| p.0.iter().all(|&c| c <= 160)).count();
    dark as f64 / (f64::from(image.width()) * f64::from(image.height()))
}
