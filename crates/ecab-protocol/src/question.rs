//! Questions, opinions and proposals of delegates, and the secretary's aggregation of
//! them. Who may do what is decided by `ecab_core::questions`.

use chrono::{DateTime, Utc};
use ecab_core::{QuestionKind, QuestionStatus};
use uuid::Uuid;

use crate::ApiError;

crate::wire! {
    /// One question, opinion or proposal, as its readers see it.
    pub struct Question {
        pub id: Uuid,
        pub meeting_id: Uuid,
        /// The agenda item it is about; none for the meeting as a whole.
        pub agenda_item_id: Option<Uuid>,
        /// The document it points at, if any (the meeting can jump to it).
        pub document_id: Option<Uuid>,
        /// The page of that document (0-based), if any.
        pub page: Option<u32>,
        pub kind: QuestionKind,
        pub text: String,
        /// Who sent it: its writer first, then the authors of questions merged into it.
        pub authors: Vec<Uuid>,
        pub status: QuestionStatus,
        /// The question it was merged into.
        pub merged_into: Option<Uuid>,
        /// Its place in the secretary's order of the agenda item (0 first).
        pub position: u32,
        /// The secretary marked it for discussion at the meeting.
        pub for_discussion: bool,
        /// The unit asked to answer it.
        pub assigned_unit_id: Option<Uuid>,
        pub answer: Option<Answer>,
        pub created_at: DateTime<Utc>,
        pub updated_at: DateTime<Utc>,
    }

    /// The presenting unit's answer.
    pub struct Answer {
        pub text: String,
        pub by: Uuid,
        pub at: DateTime<Utc>,
    }

    /// Send a question. `id` is made by the client, so a retry (or a write queued offline
    /// and delivered twice) creates it once.
    pub struct SubmitQuestion {
        pub id: Uuid,
        #[serde(default)]
        pub agenda_item_id: Option<Uuid>,
        #[serde(default)]
        pub document_id: Option<Uuid>,
        #[serde(default)]
        pub page: Option<u32>,
        #[serde(default = "question")]
        pub kind: QuestionKind,
        pub text: String,
    }

    /// Change one's own question before the deadline; only the fields present change.
    pub struct UpdateQuestion {
        #[serde(default)]
        pub kind: Option<QuestionKind>,
        #[serde(default)]
        pub text: Option<String>,
    }

    /// Fold these questions into the one of the path; its authors grow by theirs.
    pub struct MergeQuestions {
        pub question_ids: Vec<Uuid>,
    }

    /// The secretary's order of one agenda item's open questions (or of the questions on
    /// the meeting as a whole, with no item): every one of them, exactly once.
    pub struct ReorderQuestions {
        #[serde(default)]
        pub agenda_item_id: Option<Uuid>,
        pub question_ids: Vec<Uuid>,
    }

    /// Mark a question for discussion at the meeting, or unmark it.
    pub struct MarkQuestion {
        pub for_discussion: bool,
    }

    /// Give a question to a unit to answer; none takes it back.
    pub struct AssignQuestion {
        #[serde(default)]
        pub unit_id: Option<Uuid>,
    }

    pub struct AnswerQuestion {
        pub text: String,
    }

    /// A question as a client shows it: delivered, or still waiting in the outbox.
    pub struct QuestionEntry {
        pub question: Question,
        /// Written on this device and not yet acknowledged by the server.
        pub pending: bool,
        /// The outbox write that carries it, while pending or refused.
        pub write_id: Option<Uuid>,
        /// The server refused the pending write for good (the text is kept).
        pub refused: Option<ApiError>,
    }
}

fn question() -> QuestionKind {
    QuestionKind::Question
}
