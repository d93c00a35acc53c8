//! A written opinion poll from start to end, through the apps: the secretary prepares and
//! sends it, every member answers from their own engine (one of them offline, delivered
//! later), the chair's app shows the tally and who has not answered, and once it is closed
//! every member's app shows the result. What the tally should say is `ecab_core`'s count
//! of the answers given.

use chrono::{Duration, Utc};
use ecab_client::EngineOptions;
use ecab_core::polls::{Outcome, Tally};
use ecab_core::{PollChoice, PollStatus};
use ecab_protocol::ops;
use ecab_protocol::poll::{AnswerPoll, CreatePoll, Poll};
use uuid::Uuid;

use crate::common::{Client, Server, closed_port_url};

async fn poll_in(c: &Client, meeting: Uuid, id: Uuid) -> Option<Poll> {
    c.engine.sync_once().await.expect("sync");
    c.engine.meeting(meeting).await.expect("meeting").polls.into_iter().find(|p| p.id == id)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_poll_answered_by_every_member_and_tallied() {
    let s = Server::start().await;
    let http = s.login("thuky").await;
    let meeting = http.meeting_id("bằng văn bản").await;
    let secretary = Client::signed_in(&s, "thuky").await;
    secretary.engine.sync_once().await.expect("sync");
    let detail = secretary.engine.meeting(meeting).await.expect("meeting");
    let id = Uuid::now_v7();
    let req = CreatePoll {
        id,
        document_id: detail.documents.first().map(|d| d.id),
        question: "Đồng chí có đồng ý thông qua Đề án sắp xếp đơn vị hành chính cấp xã không?".into(),
        deadline: Utc::now() + Duration::days(2),
    };
    secretary.engine.enqueue::<ops::CreatePoll>(&meeting, &req).await.expect("queue");
    secretary.engine.enqueue::<ops::SendPoll>(&id, &()).await.expect("queue");
    let sent = poll_in(&secretary, meeting, id).await.expect("the secretary's app has it");
    assert_eq!(sent.status, PollStatus::Open);
    assert!(secretary.engine.outbox().await.expect("outbox").is_empty());

    // Every member answers from their own app; the users' names come from the directory.
    let users = http.get("/api/v1/users").await.1;
    let username = |id: &Uuid| {
        users.as_array().unwrap().iter().find(|u| u["id"] == id.to_string().as_str()).unwrap()["username"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let choice_of = |n: usize| match n % 5 {
        0 | 1 | 3 => PollChoice::Agree,
        2 => PollChoice::Disagree,
        _ => PollChoice::Other,
    };
    let mut given = Vec::new();
    for (n, voter) in sent.voters.iter().enumerate() {
        let mut member = Client::signed_in(&s, &username(voter)).await;
        let theirs = poll_in(&member, meeting, id).await.expect("each member's app has it");
        if *voter != detail.meeting.chair_id {
            assert!(theirs.tally.is_none() && theirs.answers.is_empty(), "no one else's answers, no tally yet");
        }
        let choice = choice_of(n);
        let comment = if choice == PollChoice::Other { "Đề nghị lấy thêm ý kiến cử tri." } else { "" };
        let answer = AnswerPoll { choice, comment: comment.into() };
        if n == 1 {
            // One answers offline: kept, shown as pending, delivered when back online.
            member.reopen(&closed_port_url().await, EngineOptions::default()).await;
            member.engine.enqueue::<ops::AnswerPoll>(&id, &answer).await.expect("queue");
            let shown = member.engine.meeting(meeting).await.expect("meeting").polls;
            let mine = shown.iter().find(|p| p.id == id).and_then(|p| p.answer_of(*voter)).expect("shown at once");
            assert!(mine.pending);
            member.reopen(&s.base, EngineOptions::default()).await;
        } else {
            member.engine.enqueue::<ops::AnswerPoll>(&id, &answer).await.expect("queue");
        }
        let theirs = poll_in(&member, meeting, id).await.expect("poll");
        let mine = theirs.answer_of(*voter).expect("delivered");
        assert_eq!((mine.choice, mine.pending), (choice, false));
        given.push(Some(choice));
    }

    // The chair's app: the tally of exactly the answers given, and no one left to answer.
    let chair = Client::signed_in(&s, "chutich").await;
    let seen = poll_in(&chair, meeting, id).await.expect("the chair's app has it");
    let want = Tally::of(given.iter().copied());
    assert_eq!(seen.tally, Some(want));
    assert!(seen.unanswered().is_empty());
    assert_eq!(want.outcome(PollStatus::Closed), Outcome::Passed, "{want:?}");
    let answered: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM poll_answers WHERE poll_id = ?")
        .bind(id)
        .fetch_one(&s.state.db)
        .await
        .unwrap();
    assert_eq!(answered as usize, sent.voters.len(), "one answer each, the offline one once");

    // Closed by the chair: each member's app shows the result.
    chair.engine.enqueue::<ops::ClosePoll>(&id, &()).await.expect("queue");
    assert_eq!(poll_in(&chair, meeting, id).await.expect("poll").status, PollStatus::Closed);
    let last = Client::signed_in(&s, &username(sent.voters.last().unwrap())).await;
    let theirs = poll_in(&last, meeting, id).await.expect("poll");
    assert_eq!((theirs.status, theirs.tally), (PollStatus::Closed, Some(want)));
    assert_eq!(theirs.answers.len(), 1, "still only their own answer");
}
