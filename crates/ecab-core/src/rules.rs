//! What a request must satisfy before anything is written: required texts, meeting
//! times, agenda minutes, who may chair, who may be invited, what a return needs.
//! The server refuses with these (`validation`, naming the [`Field`]); the ui checks
//! with the same functions before sending and shows its own text per [`Rule`].
//!
//! No clock: times are passed in, and any ordered type will do (the server and the ui
//! pass `chrono::DateTime<Utc>`).

use crate::types::Role;

crate::vocabulary! {
    /// The request fields a validation error may name (their JSON names).
    pub Field {
        Title = "title",
        StartsAt = "starts_at",
        EndsAt = "ends_at",
        Place = "place",
        ChairId = "chair_id",
        QuestionDeadline = "question_deadline",
        Presenter = "presenter",
        PresentingUnitId = "presenting_unit_id",
        Minutes = "minutes",
        AgendaItemId = "agenda_item_id",
        File = "file",
        DelegateIds = "delegate_ids",
        BridgePointIds = "bridge_point_ids",
        ItemIds = "item_ids",
        Reason = "reason",
        Username = "username",
        FullName = "full_name",
        Password = "password",
        Name = "name",
        Code = "code",
        Text = "text",
        QuestionIds = "question_ids",
        UnitId = "unit_id",
        DocumentId = "document_id",
        Page = "page",
        DeputyId = "deputy_id",
        UserId = "user_id",
        Topic = "topic",
        Anchor = "anchor",
        Note = "note",
        Question = "question",
        Comment = "comment",
        Deadline = "deadline",
    }
}

/// Which rule a value breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// A required text is empty or only spaces.
    Required,
    /// The meeting ends at or before it starts.
    EndsBeforeStart,
    /// The deadline for opinions falls after the meeting starts.
    DeadlineAfterStart,
    /// More minutes than a day has ([`MAX_AGENDA_MINUTES`]).
    TooManyMinutes,
    /// Not an active user with the chair role.
    NotAChair,
    /// Administrators, bridge-point device accounts and inactive or unknown users are
    /// not invited as delegates.
    NotInvitable,
    /// A text longer than its limit ([`crate::questions::MAX_QUESTION_CHARS`]).
    TooLong,
    /// A reference to something that is not part of this meeting (an agenda item, a
    /// document, a page, a question, a unit).
    NotInMeeting,
    /// Not someone who may stand in for this invitee ([`crate::attendance::may_deputise`]).
    NotADeputy,
    /// An annotation's shape does not fit its kind, or exceeds the limits of
    /// [`crate::annotations`].
    BadShape,
    /// A page the document does not have, or a position off the page.
    OutsidePage,
    /// A time that must still be ahead has already come.
    InThePast,
}

/// A rule broken by the value of one field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub struct Invalid {
    pub field: Field,
    pub rule: Rule,
}

impl Invalid {
    pub fn new(field: Field, rule: Rule) -> Self {
        Invalid { field, rule }
    }

    /// An English explanation for the API's `message` (the ui has its own texts).
    pub fn message(&self) -> String {
        match self.rule {
            Rule::Required => format!("{} must not be empty", self.field),
            Rule::EndsBeforeStart => "the meeting must end after it starts".into(),
            Rule::DeadlineAfterStart => "the deadline for opinions must be before the meeting starts".into(),
            Rule::TooManyMinutes => format!("at most {MAX_AGENDA_MINUTES} minutes"),
            Rule::NotAChair => "the chair must be an active user with the chair role".into(),
            Rule::NotInvitable => "only active users other than administrators and bridge points are invited".into(),
            Rule::TooLong => format!("{} is longer than {} characters", self.field, max_chars(self.field)),
            Rule::NotInMeeting => format!("{} does not belong to this meeting", self.field),
            Rule::NotADeputy => {
                "a deputy is an active delegate of the invitee's unit who is not invited already".into()
            }
            Rule::BadShape => "the annotation's shape does not fit its kind or is too large".into(),
            Rule::OutsidePage => format!("{} is not on the document's pages", self.field),
            Rule::InThePast => format!("{} must be in the future", self.field),
        }
    }
}

/// The longest text a field takes, in characters.
pub fn max_chars(field: Field) -> usize {
    match field {
        Field::Reason | Field::Topic => crate::attendance::MAX_REASON_CHARS,
        Field::Note => crate::annotations::MAX_NOTE_CHARS,
        Field::Question | Field::Comment => crate::polls::MAX_POLL_CHARS,
        _ => crate::questions::MAX_QUESTION_CHARS,
    }
}

/// An agenda item lasts at most a day.
pub const MAX_AGENDA_MINUTES: u32 = 24 * 60;

/// A user account as these rules see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Account {
    pub role: Role,
    pub active: bool,
}

fn check(ok: bool, field: Field, rule: Rule) -> Result<(), Invalid> {
    if ok { Ok(()) } else { Err(Invalid::new(field, rule)) }
}

/// A text that must not be blank (titles, names, codes): the trimmed text.
pub fn required(field: Field, text: &str) -> Result<&str, Invalid> {
    let text = text.trim();
    check(!text.is_empty(), field, Rule::Required)?;
    Ok(text)
}

/// A meeting ends after it starts; the deadline for opinions, if any, is not after the start.
pub fn meeting_times<T: Ord>(starts_at: T, ends_at: T, question_deadline: Option<T>) -> Result<(), Invalid> {
    check(ends_at > starts_at, Field::EndsAt, Rule::EndsBeforeStart)?;
    check(question_deadline.is_none_or(|d| d <= starts_at), Field::QuestionDeadline, Rule::DeadlineAfterStart)
}

/// An agenda item's planned minutes: 0 (not said) to [`MAX_AGENDA_MINUTES`].
pub fn agenda_minutes(minutes: u32) -> Result<u32, Invalid> {
    check(minutes <= MAX_AGENDA_MINUTES, Field::Minutes, Rule::TooManyMinutes)?;
    Ok(minutes)
}

/// Whether this account may chair a meeting.
pub fn may_chair(account: Account) -> bool {
    account.active && account.role == Role::Chair
}

/// The chair chosen for a meeting (`None`: no such user).
pub fn chair(account: Option<Account>) -> Result<(), Invalid> {
    check(account.is_some_and(may_chair), Field::ChairId, Rule::NotAChair)
}

/// Whether this account may be invited as a delegate. Bridge points are invited as
/// bridge points, never through their device account.
pub fn may_be_delegate(account: Account) -> bool {
    account.active && !matches!(account.role, Role::Admin | Role::BridgePoint)
}

/// One user invited as a delegate (`None`: no such user).
pub fn delegate(account: Option<Account>) -> Result<(), Invalid> {
    check(account.is_some_and(may_be_delegate), Field::DelegateIds, Rule::NotInvitable)
}

/// A meeting is returned (rejected) only with a reason: the trimmed reason.
pub fn return_reason(reason: &str) -> Result<&str, Invalid> {
    required(Field::Reason, reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_round_trip() {
        crate::types::tests::round_trips::<Field>();
    }

    #[test]
    fn texts_are_trimmed_and_blank_ones_refused() {
        assert_eq!(required(Field::Title, "  Họp UBND  "), Ok("Họp UBND"));
        for blank in ["", " ", "\t\n", "\u{3000}"] {
            assert_eq!(required(Field::Name, blank), Err(Invalid::new(Field::Name, Rule::Required)));
        }
        assert_eq!(return_reason(" "), Err(Invalid::new(Field::Reason, Rule::Required)));
        assert_eq!(return_reason(" Thiếu tờ trình "), Ok("Thiếu tờ trình"));
    }

    #[test]
    fn a_meeting_ends_after_it_starts_and_opinions_come_before() {
        assert_eq!(meeting_times(8, 10, None), Ok(()));
        assert_eq!(meeting_times(8, 10, Some(8)), Ok(()), "a deadline at the start is in time");
        assert_eq!(meeting_times(8, 8, None), Err(Invalid::new(Field::EndsAt, Rule::EndsBeforeStart)));
        assert_eq!(meeting_times(8, 7, Some(9)), Err(Invalid::new(Field::EndsAt, Rule::EndsBeforeStart)));
        assert_eq!(meeting_times(8, 10, Some(9)), Err(Invalid::new(Field::QuestionDeadline, Rule::DeadlineAfterStart)));
    }

    #[test]
    fn an_item_lasts_at_most_a_day() {
        assert_eq!(agenda_minutes(0), Ok(0));
        assert_eq!(agenda_minutes(1440), Ok(1440));
        assert_eq!(agenda_minutes(1441), Err(Invalid::new(Field::Minutes, Rule::TooManyMinutes)));
    }

    #[test]
    fn who_may_chair_and_who_may_be_invited() {
        for &role in Role::ALL {
            for active in [true, false] {
                let a = Account { role, active };
                assert_eq!(chair(Some(a)).is_ok(), active && role == Role::Chair, "{a:?}");
                let invitable = active && role != Role::Admin && role != Role::BridgePoint;
                assert_eq!(delegate(Some(a)).is_ok(), invitable, "{a:?}");
            }
        }
        assert_eq!(chair(None), Err(Invalid::new(Field::ChairId, Rule::NotAChair)));
        assert_eq!(delegate(None), Err(Invalid::new(Field::DelegateIds, Rule::NotInvitable)));
    }

    #[test]
    fn messages_name_what_is_wrong() {
        assert_eq!(Invalid::new(Field::FullName, Rule::Required).to_string(), "full_name must not be empty");
        assert_eq!(Invalid::new(Field::Minutes, Rule::TooManyMinutes).to_string(), "at most 1440 minutes");
    }
}
