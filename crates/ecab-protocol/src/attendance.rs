//! Attendance before the meeting (replies, deputies) and registrations to speak. Who may
//! do what is decided by `ecab_core::attendance` and `ecab_core::speaking`.

use chrono::{DateTime, Utc};
use ecab_core::Attendance;
use uuid::Uuid;

crate::wire! {
    /// One invitee's reply, as the roll shows it. An invitee who has not replied is listed
    /// as pending, with no `updated_at`.
    pub struct Reply {
        pub meeting_id: Uuid,
        /// The invited delegate.
        pub user_id: Uuid,
        pub status: Attendance,
        /// Why they are absent (or a note with any reply).
        pub reason: String,
        /// Who stands in for them, with [`Attendance::Deputy`].
        pub deputy_id: Option<Uuid>,
        /// Who recorded the reply: the invitee, or the secretary on their behalf.
        pub by: Option<Uuid>,
        pub updated_at: Option<DateTime<Utc>>,
    }

    /// Reply for an invitee: confirm, decline with a reason, or send a deputy.
    pub struct SetReply {
        pub status: Attendance,
        #[serde(default)]
        pub reason: String,
        #[serde(default)]
        pub deputy_id: Option<Uuid>,
    }

    /// One registration to speak on an agenda item, in the order they came.
    pub struct Speaker {
        pub id: Uuid,
        pub meeting_id: Uuid,
        pub agenda_item_id: Uuid,
        pub user_id: Uuid,
        /// What they mean to raise (may be empty).
        pub topic: String,
        pub created_at: DateTime<Utc>,
    }

    /// A delegate has opened a document (theo dõi đọc): the first and the last time, and the
    /// newest version they opened.
    pub struct Read {
        pub meeting_id: Uuid,
        pub document_id: Uuid,
        pub user_id: Uuid,
        pub version: u32,
        pub first_at: DateTime<Utc>,
        pub last_at: DateTime<Utc>,
    }

    /// Report having opened a document's version `version` at `at` (the client's clock: a
    /// report made offline arrives later).
    pub struct ReportRead {
        pub version: u32,
        pub at: DateTime<Utc>,
    }

    /// Register to speak. `id` is made by the client, so a retry registers once.
    pub struct RegisterToSpeak {
        pub id: Uuid,
        pub agenda_item_id: Uuid,
        #[serde(default)]
        pub topic: String,
    }
}

impl Read {
    /// A read's id in the change feed: one per document and reader.
    pub fn id_for(document: Uuid, user: Uuid) -> Uuid {
        Uuid::new_v5(&document, user.as_bytes())
    }
}

impl Reply {
    /// A reply's id in the change feed: derived from its meeting and invitee, so every
    /// client names the same reply alike.
    pub fn id_for(meeting: Uuid, user: Uuid) -> Uuid {
        Uuid::new_v5(&meeting, user.as_bytes())
    }

    /// The reply of an invitee who has not answered.
    pub fn pending(meeting_id: Uuid, user_id: Uuid) -> Self {
        Reply {
            meeting_id,
            user_id,
            status: Attendance::Pending,
            reason: String::new(),
            deputy_id: None,
            by: None,
            updated_at: None,
        }
    }
}
