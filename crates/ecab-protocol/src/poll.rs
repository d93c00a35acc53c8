//! Written opinion polls (phiếu lấy ý kiến). Who may do what, and what passes, is decided
//! by `ecab_core::polls`.

use chrono::{DateTime, Utc};
use ecab_core::polls::Tally;
use ecab_core::{PollChoice, PollStatus};
use uuid::Uuid;

crate::wire! {
    /// One poll, as the caller may see it: the staff see every answer and the tally; a
    /// member asked sees their own answer, and the tally once the poll is closed.
    pub struct Poll {
        pub id: Uuid,
        pub meeting_id: Uuid,
        /// The draft asked about: one of the meeting's documents.
        pub document_id: Option<Uuid>,
        pub question: String,
        /// Answers are taken until then; the poll is closed from then on.
        pub deadline: DateTime<Utc>,
        /// As stored: an open poll past its deadline is closed (`ecab_core::polls::status_at`).
        pub status: PollStatus,
        /// The members asked, fixed when it is sent (empty while a draft).
        pub voters: Vec<Uuid>,
        /// Every answer for the staff; one's own for a member.
        pub answers: Vec<PollAnswer>,
        /// For the staff always; for the members once it is closed.
        pub tally: Option<Tally>,
        pub created_at: DateTime<Utc>,
        pub sent_at: Option<DateTime<Utc>>,
        pub closed_at: Option<DateTime<Utc>>,
        pub updated_at: DateTime<Utc>,
    }

    /// One member's answer.
    pub struct PollAnswer {
        pub user_id: Uuid,
        pub choice: PollChoice,
        pub comment: String,
        pub answered_at: DateTime<Utc>,
        /// Given on this device and still waiting in its outbox (never set by the server).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        pub pending: bool,
    }

    /// Prepare a poll (a draft). `id` is made by the client, so a retry creates it once.
    pub struct CreatePoll {
        pub id: Uuid,
        #[serde(default)]
        pub document_id: Option<Uuid>,
        pub question: String,
        pub deadline: DateTime<Utc>,
    }

    /// Replace a draft's document, question and deadline.
    pub struct EditPoll {
        #[serde(default)]
        pub document_id: Option<Uuid>,
        pub question: String,
        pub deadline: DateTime<Utc>,
    }

    /// Answer a poll, or change one's answer while it is open.
    pub struct AnswerPoll {
        pub choice: PollChoice,
        #[serde(default)]
        pub comment: String,
    }
}

impl Poll {
    /// The members asked who have not answered (for the staff, who see every answer).
    pub fn unanswered(&self) -> Vec<Uuid> {
        self.voters.iter().copied().filter(|v| !self.answers.iter().any(|a| a.user_id == *v)).collect()
    }

    /// One member's answer, if they have given it.
    pub fn answer_of(&self, user: Uuid) -> Option<&PollAnswer> {
        self.answers.iter().find(|a| a.user_id == user)
    }
}
