//! The roll and the speaking list as this device knows them: what the feed delivered with
//! the user's writes still in the outbox laid over it, so a reply or a registration made
//! offline shows at once. Both overlays are pure; [`Engine::meeting`] applies them.
//!
//! [`Engine::meeting`]: crate::Engine::meeting

use chrono::{DateTime, Utc};
use ecab_protocol::attendance::{RegisterToSpeak, Reply, SetReply, Speaker};
use ecab_protocol::ops::{self, Operation};
use uuid::Uuid;

use crate::engine::OutboxItem;

fn for_meeting(item: &OutboxItem, meeting: Uuid) -> bool {
    item.params.first() == Some(&meeting.to_string())
}

/// `stored` replies of `meeting` with the queued replies (oldest first) applied.
pub fn overlay_replies(mut stored: Vec<Reply>, outbox: &[OutboxItem], meeting: Uuid) -> Vec<Reply> {
    stored.retain(|r| r.meeting_id == meeting);
    for item in outbox.iter().filter(|i| i.operation == ops::SetReply::INFO.name && for_meeting(i, meeting)) {
        let Some(user) = item.params.get(1).and_then(|p| Uuid::parse_str(p).ok()) else { continue };
        let Some(req) = item.body.clone().and_then(|b| serde_json::from_value::<SetReply>(b).ok()) else { continue };
        let reply = Reply {
            meeting_id: meeting,
            user_id: user,
            status: req.status,
            reason: req.reason.trim().to_owned(),
            deputy_id: req.deputy_id,
            by: None,
            updated_at: Some(item.created_at),
        };
        match stored.iter_mut().find(|r| r.user_id == user) {
            Some(r) => *r = reply,
            None => stored.push(reply),
        }
    }
    stored
}

/// `stored` registrations of `meeting` with the queued registrations and withdrawals
/// (oldest first) applied, in the order they came. `me` registers the new ones.
pub fn overlay_speakers(mut stored: Vec<Speaker>, outbox: &[OutboxItem], meeting: Uuid, me: Uuid) -> Vec<Speaker> {
    stored.retain(|s| s.meeting_id == meeting);
    for item in outbox {
        if item.operation == ops::RegisterToSpeak::INFO.name && for_meeting(item, meeting) {
            let Some(req) = item.body.clone().and_then(|b| serde_json::from_value::<RegisterToSpeak>(b).ok()) else {
                continue;
            };
            let taken =
                stored.iter().any(|s| s.id == req.id || (s.agenda_item_id == req.agenda_item_id && s.user_id == me));
            if !taken {
                stored.push(registered(&req, meeting, me, item.created_at));
            }
        } else if item.operation == ops::WithdrawSpeaker::INFO.name {
            stored.retain(|s| item.params.first() != Some(&s.id.to_string()));
        }
    }
    stored.sort_by_key(|s| (s.created_at, s.id));
    stored
}

fn registered(req: &RegisterToSpeak, meeting: Uuid, me: Uuid, at: DateTime<Utc>) -> Speaker {
    Speaker {
        id: req.id,
        meeting_id: meeting,
        agenda_item_id: req.agenda_item_id,
        user_id: me,
        topic: req.topic.trim().to_owned(),
        created_at: at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::OutboxState;
    use ecab_protocol::Attendance;

    fn queued(op: &str, params: Vec<String>, body: serde_json::Value, at: i64) -> OutboxItem {
        OutboxItem {
            id: Uuid::new_v4(),
            operation: op.into(),
            params,
            body: Some(body),
            state: OutboxState::Pending,
            attempts: 0,
            next_attempt_at: DateTime::from_timestamp(at, 0).unwrap(),
            last_error: None,
            created_at: DateTime::from_timestamp(at, 0).unwrap(),
        }
    }

    #[test]
    fn a_reply_made_offline_replaces_the_delivered_one() {
        let (m, u) = (Uuid::new_v4(), Uuid::new_v4());
        let stored = vec![Reply::pending(m, u), Reply::pending(Uuid::new_v4(), u)];
        let body = serde_json::json!({ "status": "absent", "reason": " Đi công tác " });
        let out = overlay_replies(
            stored,
            &[queued(ops::SetReply::INFO.name, vec![m.to_string(), u.to_string()], body, 5)],
            m,
        );
        assert_eq!(out.len(), 1, "only this meeting's");
        assert_eq!((out[0].status, out[0].reason.as_str()), (Attendance::Absent, "Đi công tác"));
    }

    #[test]
    fn registrations_made_offline_show_once_and_withdrawals_hide_them() {
        let (m, me, item) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        let id = Uuid::new_v4();
        let body = serde_json::json!({ "id": id, "agenda_item_id": item, "topic": "Vốn" });
        let reg = queued(ops::RegisterToSpeak::INFO.name, vec![m.to_string()], body.clone(), 1);
        let again = queued(ops::RegisterToSpeak::INFO.name, vec![m.to_string()], body, 2);
        let out = overlay_speakers(Vec::new(), &[reg.clone(), again], m, me);
        assert_eq!(out.len(), 1);
        assert_eq!((out[0].id, out[0].user_id), (id, me));
        let mut gone = queued(ops::WithdrawSpeaker::INFO.name, vec![id.to_string()], serde_json::Value::Null, 3);
        gone.body = None;
        assert!(overlay_speakers(Vec::new(), &[reg, gone], m, me).is_empty());
    }
}
