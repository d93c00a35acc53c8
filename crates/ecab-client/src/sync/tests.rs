//! The core driven by hand, with a simulated clock: no network, no store, no sleeps.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use ecab_protocol::{ApiError, ErrorCode};
use uuid::Uuid;

use super::core::{Action, CachedBlob, Failure, Input, MAX_BACKOFF, SyncCore, WantedBlob, backoff};
use super::outbox::{Attempt, Delivery, after_attempt};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 0, 15, 0).single().expect("valid time")
}

fn wanted(sha: &str, size: u64, confidential: bool) -> WantedBlob {
    WantedBlob { document_id: Uuid::nil(), sha256: sha.into(), size, confidential }
}

fn cached(sha: &str, complete: bool, encrypted: bool, resume_from: u64) -> CachedBlob {
    CachedBlob { sha256: sha.into(), complete, encrypted, resume_from }
}

fn offline() -> Failure {
    Failure {
        offline: true,
        error: ApiError { code: ErrorCode::Unavailable, message: "down".into(), field: None, retry_after: None },
    }
}

/// Pull to the end of the feed: one page, then the inventory request.
fn pull(core: &mut SyncCore, now: DateTime<Utc>, next_since: i64) {
    core.handle(now, Input::PullRequested);
    assert_eq!(core.poll(now), Some(Action::FetchPage { since: core.cursor() }));
    core.handle(now, Input::PageApplied { next_since, has_more: false });
    assert_eq!(core.poll(now), Some(Action::TakeInventory));
}

#[test]
fn pages_are_pulled_until_the_feed_is_exhausted() {
    let mut core = SyncCore::new(0, None);
    assert_eq!(core.poll(t0()), None, "nothing to do until asked");
    core.handle(t0(), Input::PullRequested);
    assert_eq!(core.poll(t0()), Some(Action::FetchPage { since: 0 }));
    assert_eq!(core.poll(t0()), None, "one request at a time");
    core.handle(t0(), Input::PageApplied { next_since: 500, has_more: true });
    assert_eq!(core.poll(t0()), Some(Action::FetchPage { since: 500 }));
    core.handle(t0(), Input::PageApplied { next_since: 731, has_more: false });
    assert_eq!(core.poll(t0()), Some(Action::TakeInventory));
    core.handle(t0(), Input::Inventory { wanted: vec![], cached: vec![] });
    assert_eq!(core.poll(t0()), None);
    assert!(!core.busy());
    assert_eq!(core.cursor(), 731);
    assert_eq!(core.status(0).last_sync, Some(t0()));
}

#[test]
fn a_caller_that_wants_only_the_feed_can_stop_before_the_blobs_and_resume_later() {
    let mut core = SyncCore::new(0, None);
    core.handle(t0(), Input::PullRequested);
    assert!(!core.feed_read());
    assert_eq!(core.poll(t0()), Some(Action::FetchPage { since: 0 }));
    assert!(!core.feed_read(), "a page is still in flight");
    core.handle(t0(), Input::PageApplied { next_since: 7, has_more: false });
    assert!(core.feed_read());
    // Stopped here; the next cycle takes up where this one left off.
    core.handle(t0(), Input::PullRequested);
    assert_eq!(core.poll(t0()), Some(Action::TakeInventory));
    assert!(!core.feed_read());
    core.handle(t0(), Input::Inventory { wanted: vec![], cached: vec![] });
    assert_eq!(core.poll(t0()), Some(Action::FetchPage { since: 7 }), "then the pull asked for meanwhile");
}

#[test]
fn a_poke_pulls_only_when_the_feed_moved() {
    let mut core = SyncCore::new(40, None);
    core.handle(t0(), Input::Poke { seq: 40 });
    assert_eq!(core.poll(t0()), None);
    core.handle(t0(), Input::Poke { seq: 41 });
    assert_eq!(core.poll(t0()), Some(Action::FetchPage { since: 40 }));
}

#[test]
fn missing_blobs_are_downloaded_resumed_and_unreferenced_ones_deleted() {
    let mut core = SyncCore::new(0, None);
    pull(&mut core, t0(), 10);
    core.handle(
        t0(),
        Input::Inventory {
            wanted: vec![wanted("aa", 100, false), wanted("bb", 300, false), wanted("cc", 50, false)],
            cached: vec![cached("aa", true, false, 0), cached("bb", false, false, 120), cached("zz", true, false, 0)],
        },
    );
    assert_eq!(core.poll(t0()), Some(Action::DeleteBlob { sha256: "zz".into() }));
    assert_eq!(core.poll(t0()), Some(Action::Download { sha256: "bb".into(), from: 120, size: 300, encrypted: false }));
    assert_eq!(core.poll(t0()), None, "one download at a time");
    core.handle(t0(), Input::Received { sha256: "bb".into(), bytes: 80 });
    let bb = core.status(0).downloads.into_iter().find(|d| d.sha256 == "bb").expect("progress of bb");
    assert_eq!((bb.received, bb.total, bb.done), (200, 300, false));
    core.handle(t0(), Input::Downloaded { sha256: "bb".into(), verified: true });
    assert_eq!(core.poll(t0()), Some(Action::Download { sha256: "cc".into(), from: 0, size: 50, encrypted: false }));
    core.handle(t0(), Input::Downloaded { sha256: "cc".into(), verified: true });
    assert_eq!(core.poll(t0()), None);
    assert!(core.status(0).downloads.iter().all(|d| d.done), "aa was already there, never downloaded");
}

#[test]
fn a_blob_that_does_not_match_its_hash_is_discarded_and_fetched_again_once() {
    let mut core = SyncCore::new(0, None);
    pull(&mut core, t0(), 10);
    core.handle(t0(), Input::Inventory { wanted: vec![wanted("aa", 100, false)], cached: vec![] });
    assert!(matches!(core.poll(t0()), Some(Action::Download { from: 0, .. })));
    core.handle(t0(), Input::Downloaded { sha256: "aa".into(), verified: false });
    assert_eq!(core.poll(t0()), Some(Action::DiscardPartial { sha256: "aa".into() }));
    assert_eq!(core.poll(t0()), Some(Action::Download { sha256: "aa".into(), from: 0, size: 100, encrypted: false }));
    core.handle(t0(), Input::Downloaded { sha256: "aa".into(), verified: false });
    assert_eq!(core.poll(t0()), Some(Action::DiscardPartial { sha256: "aa".into() }));
    assert_eq!(core.poll(t0()), None, "given up for this cycle");
    assert_eq!(core.refused(), ["aa", "aa"]);
    assert_eq!(core.status(0).last_error.map(|e| e.code), Some(ErrorCode::PdfCorrupt));
}

#[test]
fn content_that_became_confidential_is_replaced_by_an_encrypted_copy() {
    let mut core = SyncCore::new(0, None);
    pull(&mut core, t0(), 10);
    core.handle(
        t0(),
        Input::Inventory {
            wanted: vec![wanted("aa", 100, true), wanted("bb", 100, true)],
            cached: vec![cached("aa", true, false, 0), cached("bb", false, false, 60)],
        },
    );
    let mut actions = Vec::new();
    while let Some(a) = core.poll(t0()) {
        if let Action::Download { sha256, .. } = &a {
            core.handle(t0(), Input::Downloaded { sha256: sha256.clone(), verified: true });
        }
        actions.push(a);
    }
    assert_eq!(
        actions,
        vec![
            Action::DeleteBlob { sha256: "aa".into() },
            Action::DeleteBlob { sha256: "bb".into() },
            Action::Download { sha256: "aa".into(), from: 0, size: 100, encrypted: true },
            Action::Download { sha256: "bb".into(), from: 0, size: 100, encrypted: true },
        ]
    );
}

#[test]
fn going_offline_backs_off_exponentially_up_to_a_minute() {
    let mut core = SyncCore::new(0, None);
    let mut now = t0();
    core.handle(now, Input::PullRequested);
    let mut waits = Vec::new();
    for _ in 0..9 {
        assert!(matches!(core.poll(now), Some(Action::FetchPage { .. })));
        core.handle(now, Input::Failed(offline()));
        assert!(!core.status(0).online);
        let at = core.next_attempt().expect("a retry is scheduled");
        assert_eq!(core.poll(at - TimeDelta::milliseconds(1)), None, "not before its time");
        waits.push((at - now).num_seconds());
        now = at;
    }
    assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
    assert_eq!(backoff(40), MAX_BACKOFF);
    assert!(matches!(core.poll(now), Some(Action::FetchPage { .. })));
    core.handle(now, Input::PageApplied { next_since: 3, has_more: false });
    let status = core.status(2);
    assert!(status.online && status.last_error.is_none() && core.next_attempt().is_none());
    assert_eq!(status.pending_writes, 2);
}

#[test]
fn a_download_cut_offline_resumes_in_the_next_cycle_from_the_kept_bytes() {
    let mut core = SyncCore::new(0, None);
    pull(&mut core, t0(), 10);
    core.handle(t0(), Input::Inventory { wanted: vec![wanted("aa", 1000, false)], cached: vec![] });
    assert!(matches!(core.poll(t0()), Some(Action::Download { from: 0, .. })));
    core.handle(t0(), Input::Received { sha256: "aa".into(), bytes: 400 });
    core.handle(t0(), Input::DownloadInterrupted { sha256: "aa".into(), resume_from: 400, failure: offline() });
    assert_eq!(core.poll(t0()), None);
    let later = core.next_attempt().expect("retry scheduled");
    pull(&mut core, later, 10);
    core.handle(
        later,
        Input::Inventory { wanted: vec![wanted("aa", 1000, false)], cached: vec![cached("aa", false, false, 400)] },
    );
    assert_eq!(
        core.poll(later),
        Some(Action::Download { sha256: "aa".into(), from: 400, size: 1000, encrypted: false })
    );
}

#[test]
fn outbox_retries_transient_failures_and_gives_up_on_refusals() {
    let now = t0();
    assert_eq!(after_attempt(now, 1, Attempt::Answered { status: 201, error: None }), Delivery::Acknowledged);
    match after_attempt(now, 3, Attempt::Unreachable) {
        Delivery::RetryAt(at, Some(e)) => {
            assert_eq!((at - now, e.code), (TimeDelta::seconds(4), ErrorCode::Unavailable))
        }
        other => panic!("{other:?}"),
    }
    let busy =
        ApiError { code: ErrorCode::RequestInProgress, message: "wait".into(), field: None, retry_after: Some(7) };
    assert!(matches!(
        after_attempt(now, 1, Attempt::Answered { status: 409, error: Some(busy) }),
        Delivery::RetryAt(at, _) if at - now == TimeDelta::seconds(7)
    ));
    assert!(matches!(after_attempt(now, 1, Attempt::Answered { status: 503, error: None }), Delivery::RetryAt(..)));
    let locked = ApiError { code: ErrorCode::MeetingLocked, message: "locked".into(), field: None, retry_after: None };
    assert_eq!(
        after_attempt(now, 1, Attempt::Answered { status: 409, error: Some(locked.clone()) }),
        Delivery::Failed(locked)
    );
    assert!(matches!(after_attempt(now, 1, Attempt::Answered { status: 422, error: None }), Delivery::Failed(_)));
}
