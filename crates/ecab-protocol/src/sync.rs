//! The change feed: `GET /api/v1/sync?since=SEQ` returns what the caller may see of
//! every write after `seq`, oldest first.

use chrono::{DateTime, Utc};
use uuid::Uuid;

ecab_core::vocabulary! {
    /// The kinds of entity the feed carries; also the local store's entity names.
    pub Entity {
        Meeting = "meeting",
        AgendaItem = "agenda_item",
        Document = "document",
        Invitees = "invitees",
        User = "user",
        Unit = "unit",
        BridgePoint = "bridge_point",
        Question = "question",
        Reply = "reply",
        Speaker = "speaker",
        Annotation = "annotation",
        Read = "read",
        Poll = "poll",
        Notification = "notification",
    }
}

ecab_core::vocabulary! {
    pub ChangeOp {
        /// `data` holds the entity's new state.
        Upsert = "upsert",
        /// The entity is gone for this caller (deleted, revoked, or they were uninvited):
        /// a client deletes its copy and any cached blob only it referenced.
        Delete = "delete",
    }
}

crate::wire! {
    pub struct Change {
        pub seq: i64,
        pub at: DateTime<Utc>,
        pub meeting_id: Option<Uuid>,
        pub entity: Entity,
        pub entity_id: Uuid,
        pub op: ChangeOp,
        /// The entity (`Meeting`, `AgendaItem`, `Document`, `Invitees`, …) for upserts.
        pub data: serde_json::Value,
    }

    pub struct SyncPage {
        pub changes: Vec<Change>,
        /// Pass as `since` for the next page.
        pub next_since: i64,
        pub has_more: bool,
    }
}

crate::wire! {
    /// A message of the live channel ([`crate::LIVE_PATH`]): the newest `seq` of the feed,
    /// sent at once and whenever it grows. A client pulls when it moved.
    pub struct LivePoke {
        pub seq: i64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::tests::round_trips;

    #[test]
    fn entities_and_operations_round_trip() {
        round_trips::<Entity>();
        round_trips::<ChangeOp>();
    }
}
