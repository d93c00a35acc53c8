//! What people are told of inside the app (and, in the desktop app, by the OS): the changes
//! that concern them, and who each is for. The server writes a notification with the change
//! that causes it; the feed delivers it to exactly those who may see that change.

crate::vocabulary! {
    /// Why someone is told.
    pub NotificationKind {
        /// A document of a meeting one takes part in has a new version.
        NewVersion = "new_version",
        /// One's question has been answered by the presenting unit.
        QuestionAnswered = "question_answered",
        /// A published meeting moved: another time or place.
        MeetingMoved = "meeting_moved",
        /// A written opinion poll waits for one's answer.
        PollWaiting = "poll_waiting",
    }
}

/// Whether a change of a meeting's times or place moves it, for those who were told of it:
/// only once it is published (before, nobody but its staff knows it).
pub fn moved<T: PartialEq>(published: bool, before: (&T, &T, &str), after: (&T, &T, &str)) -> bool {
    published && (before.0 != after.0 || before.1 != after.1 || before.2.trim() != after.2.trim())
}

/// Whether a notification of a change made `by` someone is for `me`: nobody is told of
/// their own doing.
pub fn tells<Id: PartialEq>(by: Option<&Id>, me: &Id) -> bool {
    by != Some(me)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nobody_is_told_of_their_own_doing() {
        assert!(!tells(Some(&1), &1));
        assert!(tells(Some(&2), &1));
        assert!(tells(None, &1), "the server's own changes (a poll closing) tell everyone");
    }

    #[test]
    fn a_published_meeting_moves_when_its_time_or_place_changes() {
        assert!(moved(true, (&1, &2, "Hội trường"), (&1, &3, "Hội trường")));
        assert!(moved(true, (&1, &2, "Hội trường"), (&1, &2, "Phòng 2")));
        assert!(!moved(true, (&1, &2, "Hội trường"), (&1, &2, " Hội trường ")));
        assert!(!moved(false, (&1, &2, "Hội trường"), (&5, &6, "Phòng 2")), "a draft is nobody's news");
    }

    #[test]
    fn kinds_round_trip() {
        crate::types::tests::round_trips::<NotificationKind>();
    }
}
