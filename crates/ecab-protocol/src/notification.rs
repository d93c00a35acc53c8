//! Notifications: what the app tells a person of (see `ecab_core::notifications`). Carried
//! by the change feed like any entity; the ui words them from these fields.

use chrono::{DateTime, Utc};
use ecab_core::NotificationKind;
use uuid::Uuid;

crate::wire! {
    pub struct Notification {
        pub id: Uuid,
        pub kind: NotificationKind,
        pub meeting_id: Uuid,
        pub meeting_title: String,
        /// What it is about: the document, the question or the poll (none when the meeting
        /// itself moved).
        pub subject_id: Option<Uuid>,
        /// Its title, or the start of its text.
        pub subject: String,
        /// The new version of a document.
        pub version: Option<u32>,
        /// When: the meeting's new start, or the poll's deadline.
        pub when: Option<DateTime<Utc>>,
        /// The meeting's new place.
        pub place: Option<String>,
        /// Who made the change: they are not told of their own doing.
        pub by: Option<Uuid>,
        pub at: DateTime<Utc>,
    }
}

/// At most this many characters of a question's or a poll's text name it.
pub const SUBJECT_CHARS: usize = 120;

/// The start of `text`, at most [`SUBJECT_CHARS`] characters, with "…" when cut.
pub fn subject(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= SUBJECT_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().take(SUBJECT_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_subjects_are_cut() {
        assert_eq!(super::subject(" Câu hỏi "), "Câu hỏi");
        let long = "ý ".repeat(200);
        let s = super::subject(&long);
        assert!(s.chars().count() <= super::SUBJECT_CHARS && s.ends_with('…'));
    }
}
