//! Meetings, their agenda and their invitees.

use chrono::{DateTime, NaiveDate, Utc};
use ecab_core::{Confidentiality, MeetingKind, MeetingStatus, Recurrence, ReviewStage};
use uuid::Uuid;

use crate::document::Document;

crate::wire! {
    pub struct Meeting {
        pub id: Uuid,
        pub title: String,
        pub kind: MeetingKind,
        pub status: MeetingStatus,
        /// Who must approve next, while in review.
        pub review_stage: Option<ReviewStage>,
        /// Why the last reviewer returned it, if they did.
        pub rejection_reason: Option<String>,
        pub starts_at: DateTime<Utc>,
        pub ends_at: DateTime<Utc>,
        pub place: String,
        pub chair_id: Uuid,
        pub secretary_id: Uuid,
        pub confidentiality: Confidentiality,
        /// Hạn gửi ý kiến.
        pub question_deadline: Option<DateTime<Utc>>,
        pub recurrence: Recurrence,
        /// Meetings repeated from one another share a series id.
        pub series_id: Option<Uuid>,
        pub updated_at: DateTime<Utc>,
    }

    pub struct CreateMeeting {
        /// Client-made id; a retry with the same id changes nothing.
        #[serde(default)]
        pub id: Option<Uuid>,
        pub title: String,
        pub kind: MeetingKind,
        pub starts_at: DateTime<Utc>,
        pub ends_at: DateTime<Utc>,
        #[serde(default)]
        pub place: String,
        pub chair_id: Uuid,
        #[serde(default = "normal")]
        pub confidentiality: Confidentiality,
        #[serde(default)]
        pub question_deadline: Option<DateTime<Utc>>,
        #[serde(default = "no_recurrence")]
        pub recurrence: Recurrence,
    }

    /// Every field optional: only those present change.
    pub struct UpdateMeeting {
        #[serde(default)]
        pub title: Option<String>,
        #[serde(default)]
        pub kind: Option<MeetingKind>,
        #[serde(default)]
        pub starts_at: Option<DateTime<Utc>>,
        #[serde(default)]
        pub ends_at: Option<DateTime<Utc>>,
        #[serde(default)]
        pub place: Option<String>,
        #[serde(default)]
        pub chair_id: Option<Uuid>,
        #[serde(default)]
        pub confidentiality: Option<Confidentiality>,
        #[serde(default)]
        pub question_deadline: Option<DateTime<Utc>>,
        #[serde(default)]
        pub recurrence: Option<Recurrence>,
    }

    /// Repeat or copy a meeting: same chair, invitees, bridge points and agenda, on
    /// another day, without its documents. With `repeat: true` the copy joins the
    /// series (one meeting per series and day).
    pub struct CopyMeeting {
        #[serde(default)]
        pub id: Option<Uuid>,
        /// The day (Asia/Ho_Chi_Minh) of the new meeting; its time of day is kept.
        pub date: NaiveDate,
        #[serde(default)]
        pub repeat: bool,
    }

    /// Nội dung (mục) of the agenda.
    pub struct AgendaItem {
        pub id: Uuid,
        pub meeting_id: Uuid,
        /// 0-based order in the agenda.
        pub position: u32,
        pub title: String,
        pub presenter: String,
        pub presenting_unit_id: Option<Uuid>,
        pub minutes: u32,
        pub summary: String,
    }

    pub struct CreateAgendaItem {
        #[serde(default)]
        pub id: Option<Uuid>,
        pub title: String,
        #[serde(default)]
        pub presenter: String,
        #[serde(default)]
        pub presenting_unit_id: Option<Uuid>,
        #[serde(default)]
        pub minutes: u32,
        #[serde(default)]
        pub summary: String,
        /// Where to insert; at the end when absent.
        #[serde(default)]
        pub position: Option<u32>,
    }

    pub struct UpdateAgendaItem {
        #[serde(default)]
        pub title: Option<String>,
        #[serde(default)]
        pub presenter: Option<String>,
        #[serde(default)]
        pub presenting_unit_id: Option<Uuid>,
        #[serde(default)]
        pub minutes: Option<u32>,
        #[serde(default)]
        pub summary: Option<String>,
    }

    /// The complete new order: every item of the meeting exactly once.
    pub struct ReorderAgenda {
        pub item_ids: Vec<Uuid>,
    }

    /// Replace the invitation lists (idempotent by nature).
    pub struct SetInvitees {
        pub delegate_ids: Vec<Uuid>,
        pub bridge_point_ids: Vec<Uuid>,
    }

    pub struct Invitees {
        pub delegate_ids: Vec<Uuid>,
        pub bridge_point_ids: Vec<Uuid>,
    }

    pub struct MeetingDetail {
        pub meeting: Meeting,
        pub agenda: Vec<AgendaItem>,
        pub documents: Vec<Document>,
        pub invitees: Invitees,
        /// The replies given so far that the caller may see (all for the staff, one's own or
        /// the one naming one as deputy for a delegate); an invitee not listed has not replied.
        #[serde(default)]
        pub replies: Vec<crate::attendance::Reply>,
        /// The registrations to speak, in the order they came.
        #[serde(default)]
        pub speakers: Vec<crate::attendance::Speaker>,
        /// Who has opened which document: for the staff only (empty for others).
        #[serde(default)]
        pub reads: Vec<crate::attendance::Read>,
        /// The written opinion polls the caller may see, each as they may see it.
        #[serde(default)]
        pub polls: Vec<crate::poll::Poll>,
    }

    pub struct MeetingList {
        pub meetings: Vec<Meeting>,
    }
}

fn normal() -> Confidentiality {
    Confidentiality::Normal
}

fn no_recurrence() -> Recurrence {
    Recurrence::None
}
