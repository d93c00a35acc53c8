//! Written opinion polls as this device knows them: what the feed delivered, with the
//! user's answers still in the outbox laid over it (marked pending), so an answer given
//! offline shows at once. [`overlay_answers`] is pure; `Engine::meeting` applies it.

use ecab_protocol::ops::{self, Operation};
use ecab_protocol::poll::{AnswerPoll, Poll, PollAnswer};
use uuid::Uuid;

use crate::engine::{OutboxItem, OutboxState};

/// `stored` polls of `meeting` (by creation) with `me`'s queued answers (oldest first)
/// applied. An answer the server refused is not laid over: the poll shows as delivered.
pub fn overlay_answers(mut stored: Vec<Poll>, outbox: &[OutboxItem], meeting: Uuid, me: Uuid) -> Vec<Poll> {
    stored.retain(|p| p.meeting_id == meeting);
    stored.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
    let queued = outbox.iter().filter(|i| i.operation == ops::AnswerPoll::INFO.name && i.state == OutboxState::Pending);
    for item in queued {
        let Some(p) = stored.iter_mut().find(|p| item.params.first() == Some(&p.id.to_string())) else { continue };
        let Some(req) = item.body.clone().and_then(|b| serde_json::from_value::<AnswerPoll>(b).ok()) else { continue };
        let answer = PollAnswer {
            user_id: me,
            choice: req.choice,
            comment: req.comment.trim().to_owned(),
            answered_at: item.created_at,
            pending: true,
        };
        match p.answers.iter_mut().find(|a| a.user_id == me) {
            Some(a) => *a = answer,
            None => p.answers.push(answer),
        }
    }
    stored
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};
    use ecab_protocol::{PollChoice, PollStatus};

    fn poll(meeting: Uuid, at: i64) -> Poll {
        let t = DateTime::<Utc>::from_timestamp(at, 0).unwrap();
        Poll {
            id: Uuid::new_v4(),
            meeting_id: meeting,
            document_id: None,
            question: "Đồng ý?".into(),
            deadline: t + chrono::Duration::days(1),
            status: PollStatus::Open,
            voters: Vec::new(),
            answers: Vec::new(),
            tally: None,
            created_at: t,
            sent_at: Some(t),
            closed_at: None,
            updated_at: t,
        }
    }

    fn queued(poll: Uuid, body: serde_json::Value, state: OutboxState) -> OutboxItem {
        let at = DateTime::from_timestamp(50, 0).unwrap();
        OutboxItem {
            id: Uuid::new_v4(),
            operation: ops::AnswerPoll::INFO.name.into(),
            params: vec![poll.to_string()],
            body: Some(body),
            state,
            attempts: 0,
            next_attempt_at: at,
            last_error: None,
            created_at: at,
        }
    }

    #[test]
    fn an_answer_given_offline_shows_pending_and_the_last_one_wins() {
        let (m, me) = (Uuid::new_v4(), Uuid::new_v4());
        let (late, early) = (poll(m, 20), poll(m, 10));
        let other = poll(Uuid::new_v4(), 5);
        let first = queued(late.id, serde_json::json!({ "choice": "agree" }), OutboxState::Pending);
        let second =
            queued(late.id, serde_json::json!({ "choice": "other", "comment": " Bổ sung " }), OutboxState::Pending);
        let out = overlay_answers(vec![late.clone(), other, early.clone()], &[first, second], m, me);
        assert_eq!(
            out.iter().map(|p| p.id).collect::<Vec<_>>(),
            vec![early.id, late.id],
            "this meeting's, oldest first"
        );
        let a = &out[1].answers;
        assert_eq!(a.len(), 1);
        assert_eq!((a[0].choice, a[0].comment.as_str(), a[0].pending), (PollChoice::Other, "Bổ sung", true));
    }

    #[test]
    fn a_refused_answer_is_not_laid_over() {
        let (m, me) = (Uuid::new_v4(), Uuid::new_v4());
        let p = poll(m, 1);
        let refused = queued(p.id, serde_json::json!({ "choice": "agree" }), OutboxState::Failed);
        assert!(overlay_answers(vec![p], &[refused], m, me)[0].answers.is_empty());
    }
}
