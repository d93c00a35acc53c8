//! Questions of a meeting as this device knows them: those the feed delivered, with the
//! user's own writes still waiting in the outbox laid over them, so a question written
//! offline shows at once (marked pending) and one the server refused keeps its text.
//!
//! [`overlay`] is pure; [`Engine::questions`] reads the store and the outbox for it.

use chrono::{DateTime, Utc};
use ecab_protocol::QuestionStatus;
use ecab_protocol::auth::User;
use ecab_protocol::ops::{self, Operation};
use ecab_protocol::question::{Question, QuestionEntry, SubmitQuestion, UpdateQuestion};
use ecab_protocol::sync::Entity;
use uuid::Uuid;

use crate::engine::{Engine, OutboxItem, OutboxState};
use crate::{Result, store};

/// The questions of `meeting` delivered by the feed (`stored`), with the writes of `outbox`
/// (oldest first) that concern them applied on top, each entry marked pending while its
/// write waits and refused when the server refused it. `me` writes the new ones.
pub fn overlay(stored: Vec<Question>, outbox: &[OutboxItem], meeting: Uuid, me: Uuid) -> Vec<QuestionEntry> {
    let mut entries: Vec<QuestionEntry> = stored
        .into_iter()
        .filter(|q| q.meeting_id == meeting)
        .map(|question| QuestionEntry { question, pending: false, write_id: None, refused: None })
        .collect();
    for item in outbox {
        let Some(body) = &item.body else {
            if item.operation == ops::WithdrawQuestion::INFO.name
                && let Some(e) = entry_of(&mut entries, item)
            {
                e.question.status = QuestionStatus::Withdrawn;
                mark(e, item);
            }
            continue;
        };
        if item.operation == ops::SubmitQuestion::INFO.name && item.params.first() == Some(&meeting.to_string()) {
            let Ok(req) = serde_json::from_value::<SubmitQuestion>(body.clone()) else { continue };
            if entries.iter().any(|e| e.question.id == req.id) {
                // Delivered already (the feed has it); the outbox row is about to go.
                continue;
            }
            let mut e = QuestionEntry {
                question: written(&req, meeting, me, item.created_at),
                pending: true,
                write_id: None,
                refused: None,
            };
            mark(&mut e, item);
            entries.push(e);
        } else if item.operation == ops::UpdateQuestion::INFO.name {
            let Ok(req) = serde_json::from_value::<UpdateQuestion>(body.clone()) else { continue };
            if let Some(e) = entry_of(&mut entries, item) {
                if let Some(text) = req.text {
                    e.question.text = text.trim().to_owned();
                }
                if let Some(kind) = req.kind {
                    e.question.kind = kind;
                }
                mark(e, item);
            }
        }
    }
    entries
}

fn entry_of<'a>(entries: &'a mut [QuestionEntry], item: &OutboxItem) -> Option<&'a mut QuestionEntry> {
    let id = item.params.first()?;
    entries.iter_mut().find(|e| e.question.id.to_string() == *id)
}

fn mark(e: &mut QuestionEntry, item: &OutboxItem) {
    e.pending = true;
    e.write_id = Some(item.id);
    e.refused = match item.state {
        OutboxState::Failed => item.last_error.clone(),
        OutboxState::Pending => None,
    };
}

/// A question as its writer sent it, before the server numbered it.
fn written(req: &SubmitQuestion, meeting: Uuid, me: Uuid, at: DateTime<Utc>) -> Question {
    Question {
        id: req.id,
        meeting_id: meeting,
        agenda_item_id: req.agenda_item_id,
        document_id: req.document_id,
        page: req.page,
        kind: req.kind,
        text: req.text.trim().to_owned(),
        authors: vec![me],
        status: QuestionStatus::Submitted,
        merged_into: None,
        position: u32::MAX,
        for_discussion: false,
        assigned_unit_id: None,
        answer: None,
        created_at: at,
        updated_at: at,
    }
}

impl Engine {
    /// The signed-in user's id, as kept at sign-in (nil before).
    pub(crate) async fn me_id(&self) -> Result<Uuid> {
        Ok(match store::setting(&self.inner.db, "user").await? {
            Some(json) => serde_json::from_str::<User>(&json)?.id,
            None => Uuid::nil(),
        })
    }

    /// The questions of a meeting this user may see, with their own writes not yet
    /// delivered (works offline), by agenda item and the secretary's order.
    pub async fn questions(&self, meeting: Uuid) -> Result<Vec<QuestionEntry>> {
        let db = &self.inner.db;
        let stored: Vec<Question> = store::entities(db, Entity::Question, Some(meeting)).await?;
        let me = self.me_id().await?;
        let mut all = overlay(stored, &self.outbox().await?, meeting, me);
        all.sort_by(|a, b| {
            let (a, b) = (&a.question, &b.question);
            (a.agenda_item_id, a.position, a.created_at, a.id).cmp(&(b.agenda_item_id, b.position, b.created_at, b.id))
        });
        Ok(all)
    }
}

#[cfg(test)]
mod tests {
    use ecab_protocol::{ApiError, ErrorCode, QuestionKind};
    use serde_json::json;

    use super::*;

    fn item(op: &str, params: Vec<String>, body: Option<serde_json::Value>, state: OutboxState) -> OutboxItem {
        OutboxItem {
            id: Uuid::now_v7(),
            operation: op.into(),
            params,
            body,
            state,
            attempts: 0,
            next_attempt_at: Utc::now(),
            last_error: (state == OutboxState::Failed).then(|| ApiError {
                code: ErrorCode::DeadlinePassed,
                message: "late".into(),
                field: None,
                retry_after: None,
            }),
            created_at: Utc::now(),
        }
    }

    #[test]
    fn writes_waiting_in_the_outbox_show_over_what_the_feed_delivered() {
        let (meeting, me) = (Uuid::now_v7(), Uuid::now_v7());
        let delivered = written(
            &SubmitQuestion {
                id: Uuid::now_v7(),
                agenda_item_id: None,
                document_id: None,
                page: None,
                kind: QuestionKind::Question,
                text: "Đã gửi".into(),
            },
            meeting,
            me,
            Utc::now(),
        );
        let new_id = Uuid::now_v7();
        let late_id = Uuid::now_v7();
        let m = meeting.to_string();
        let outbox = vec![
            item(
                "submit_question",
                vec![m.clone()],
                Some(json!({ "id": new_id, "text": " Mới viết " })),
                OutboxState::Pending,
            ),
            item(
                "update_question",
                vec![delivered.id.to_string()],
                Some(json!({ "text": "Đã sửa" })),
                OutboxState::Pending,
            ),
            item(
                "submit_question",
                vec![m.clone()],
                Some(json!({ "id": late_id, "text": "Trễ", "kind": "opinion" })),
                OutboxState::Failed,
            ),
            item(
                "submit_question",
                vec![Uuid::now_v7().to_string()],
                Some(json!({ "id": Uuid::now_v7(), "text": "Cuộc họp khác" })),
                OutboxState::Pending,
            ),
            item("withdraw_question", vec![new_id.to_string()], None, OutboxState::Pending),
            item("set_invitees", vec![m.clone()], Some(json!({})), OutboxState::Pending),
        ];
        let all = overlay(vec![delivered.clone()], &outbox, meeting, me);
        assert_eq!(all.len(), 3, "{all:?}");
        assert_eq!((all[0].question.text.as_str(), all[0].pending), ("Đã sửa", true));
        assert_eq!(all[1].question.id, new_id);
        assert_eq!((all[1].question.text.as_str(), all[1].question.status), ("Mới viết", QuestionStatus::Withdrawn));
        assert_eq!(all[1].question.authors, vec![me]);
        assert_eq!(all[2].question.kind, QuestionKind::Opinion);
        assert_eq!(all[2].refused.as_ref().map(|e| e.code), Some(ErrorCode::DeadlinePassed), "refused, text kept");
        assert_eq!(all[2].write_id, Some(outbox[2].id));

        // Once the feed has delivered the new question, it is not shown twice.
        let mut arrived = written(
            &SubmitQuestion {
                id: new_id,
                agenda_item_id: None,
                document_id: None,
                page: None,
                kind: QuestionKind::Question,
                text: "Mới viết".into(),
            },
            meeting,
            me,
            Utc::now(),
        );
        arrived.position = 0;
        let again = overlay(vec![delivered, arrived], &outbox[..1], meeting, me);
        assert_eq!(again.len(), 2);
        assert!(again.iter().all(|e| !e.pending));
    }

    /// A delegate's writes on a few questions, oldest first: each question is submitted
    /// first, may be edited, and may be withdrawn last.
    fn writes() -> impl proptest::strategy::Strategy<Value = Vec<(usize, Option<String>)>> {
        use proptest::prelude::*;
        proptest::collection::vec((0..4usize, proptest::option::of("[a-zđ ]{1,12}"), any::<bool>()), 1..24).prop_map(
            |raw| {
                // (question, Some(text) = submit or edit, None = withdraw)
                let mut out = Vec::new();
                let mut state = [0u8; 4]; // 0 unsent, 1 sent, 2 withdrawn
                for (q, text, withdraw) in raw {
                    match (state[q], withdraw) {
                        (2, _) => {}
                        (0, _) => {
                            out.push((q, Some(text.unwrap_or_else(|| "x".into()))));
                            state[q] = 1;
                        }
                        (_, true) => {
                            out.push((q, None));
                            state[q] = 2;
                        }
                        (_, false) => out.push((q, Some(text.unwrap_or_else(|| "y".into())))),
                    }
                }
                out
            },
        )
    }

    proptest::proptest! {
        /// Whatever part of the outbox the server has taken (its effect delivered by the feed,
        /// its row gone) and whatever part still waits, the delegate sees each question once,
        /// with the newest text and status of all their writes.
        #[test]
        fn every_write_shows_once_whatever_has_been_delivered(writes in writes(), delivered in 0..24usize) {
            let (meeting, me) = (Uuid::now_v7(), Uuid::now_v7());
            let ids: Vec<Uuid> = (0..4).map(|_| Uuid::now_v7()).collect();
            let mut outbox = Vec::new();
            let mut seen = [false; 4];
            for (q, text) in &writes {
                let it = match (text, seen[*q]) {
                    (Some(t), false) => {
                        seen[*q] = true;
                        item("submit_question", vec![meeting.to_string()], Some(json!({ "id": ids[*q], "text": t })), OutboxState::Pending)
                    }
                    (Some(t), true) => item("update_question", vec![ids[*q].to_string()], Some(json!({ "text": t })), OutboxState::Pending),
                    (None, _) => item("withdraw_question", vec![ids[*q].to_string()], None, OutboxState::Pending),
                };
                outbox.push(it);
            }
            // The server's state after the first `delivered` writes, as the feed delivers it.
            let cut = delivered.min(outbox.len());
            let apply = |upto: usize| {
                let mut qs: Vec<Question> = Vec::new();
                for (q, text) in &writes[..upto] {
                    match (text, qs.iter().position(|x| x.id == ids[*q])) {
                        (Some(t), None) => qs.push(written(
                            &SubmitQuestion { id: ids[*q], agenda_item_id: None, document_id: None, page: None, kind: QuestionKind::Question, text: t.clone() },
                            meeting, me, Utc::now(),
                        )),
                        (Some(t), Some(i)) => qs[i].text = t.trim().to_owned(),
                        (None, Some(i)) => qs[i].status = QuestionStatus::Withdrawn,
                        (None, None) => unreachable!("withdrawn before sent"),
                    }
                }
                qs
            };
            let shown = overlay(apply(cut), &outbox[cut..], meeting, me);
            let all = apply(writes.len());
            proptest::prop_assert_eq!(shown.len(), all.len());
            for want in &all {
                let got: Vec<&QuestionEntry> = shown.iter().filter(|e| e.question.id == want.id).collect();
                proptest::prop_assert_eq!(got.len(), 1, "{:?} shown once", want.id);
                proptest::prop_assert_eq!(&got[0].question.text, &want.text);
                proptest::prop_assert_eq!(got[0].question.status, want.status);
            }
        }
    }
}
