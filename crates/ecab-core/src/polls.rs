//! Written opinion polls (phiếu lấy ý kiến thành viên UBND): the province's way of deciding
//! without meeting. The meeting's secretary prepares a poll on one of the meeting's
//! documents (a draft), with a question and a deadline, and sends it to the members: the
//! chair and the delegates invited in their own right. Each member answers agree, disagree
//! or another opinion, with a comment, and may change the answer until the poll closes (at
//! its deadline, or earlier by the secretary or the chair). The staff see the tally and who
//! has not answered; the members see the tally once the poll is closed. A decision passes
//! with more than half of all members asked agreeing.
//!
//! No clock: the time is passed in, as any ordered type.

use crate::access::{Actor, Relation, can_view_meeting, is_staff};
use crate::rules::{Field, Invalid, Rule};
use crate::types::{MeetingStatus, Role};

crate::vocabulary! {
    /// A member's answer.
    pub PollChoice {
        /// Đồng ý.
        Agree = "agree",
        /// Không đồng ý.
        Disagree = "disagree",
        /// Ý kiến khác: the comment says what.
        Other = "other",
    }
}

crate::vocabulary! {
    /// Where a poll stands, as stored. A poll open past its deadline is closed: see
    /// [`status_at`].
    pub PollStatus {
        /// Being prepared; only the staff see it.
        Draft = "draft",
        /// Sent to the members, taking answers.
        Open = "open",
        /// No more answers; the result is kept.
        Closed = "closed",
    }
}

/// The longest question or comment, in characters.
pub const MAX_POLL_CHARS: usize = 4000;

/// Why a poll operation is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PollDenied {
    /// The meeting or the poll is not for the caller to know about: "not found".
    Hidden,
    /// The caller sees it but may not do this.
    Forbidden,
    /// The poll is not in a state that allows this (a draft cannot be answered, a sent
    /// poll cannot be edited, a closed one takes no answers).
    NotNow(PollStatus),
    /// The meeting no longer takes polls (it ended), or does not yet (not published).
    MeetingLocked(MeetingStatus),
    /// A value breaks a field rule (a deadline already past when sending).
    Invalid(Invalid),
}

/// What the rules know of one poll and the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PollFacts {
    /// The stored status.
    pub status: PollStatus,
    /// The caller is one of the members asked.
    pub voter: bool,
}

/// The status at `now`: an open poll whose deadline has come is closed.
pub fn status_at<T: Ord>(stored: PollStatus, deadline: &T, now: &T) -> PollStatus {
    if stored == PollStatus::Open && now >= deadline { PollStatus::Closed } else { stored }
}

/// Who is asked when a poll is sent: the meeting's chair, and the delegates invited in
/// their own right (not deputies, not bridge points' device accounts).
pub fn is_member(actor: Actor, rel: Relation) -> bool {
    actor.role != Role::BridgePoint && (rel.chair || (rel.delegate && !rel.deputy))
}

/// Whether a meeting in this state takes new polls and sends them: once its pack is out
/// (published) and until it ends.
pub fn takes_polls(status: MeetingStatus) -> bool {
    matches!(status, MeetingStatus::Published | MeetingStatus::Live)
}

/// Who prepares polls (creates, edits and deletes drafts, sends them): the meeting's own
/// secretary, while the meeting is editable (a draft meeting's polls are sent once it is
/// published).
pub fn can_prepare(actor: Actor, rel: Relation, status: MeetingStatus) -> Result<(), PollDenied> {
    can_view_meeting(actor, rel, status).map_err(|_| PollDenied::Hidden)?;
    if !(rel.owner && actor.role == Role::Secretary) {
        return Err(PollDenied::Forbidden);
    }
    if matches!(status, MeetingStatus::Draft) || takes_polls(status) {
        Ok(())
    } else {
        Err(PollDenied::MeetingLocked(status))
    }
}

/// Who sees a poll: the staff, always; the members asked, once it is sent.
pub fn can_view_poll(actor: Actor, rel: Relation, status: MeetingStatus, p: PollFacts) -> Result<(), PollDenied> {
    can_view_meeting(actor, rel, status).map_err(|_| PollDenied::Hidden)?;
    if is_staff(actor, rel) || (p.voter && p.status != PollStatus::Draft) { Ok(()) } else { Err(PollDenied::Hidden) }
}

/// Changing or deleting a poll: its secretary, while it is a draft.
pub fn can_edit(actor: Actor, rel: Relation, status: MeetingStatus, p: PollFacts) -> Result<(), PollDenied> {
    can_view_poll(actor, rel, status, p)?;
    can_prepare(actor, rel, status)?;
    if p.status != PollStatus::Draft {
        return Err(PollDenied::NotNow(p.status));
    }
    Ok(())
}

/// Sending a draft to the members: its secretary, once the meeting is published, with a
/// deadline still ahead.
pub fn can_send<T: Ord>(
    actor: Actor,
    rel: Relation,
    status: MeetingStatus,
    p: PollFacts,
    deadline: &T,
    now: &T,
) -> Result<(), PollDenied> {
    can_edit(actor, rel, status, p)?;
    if !takes_polls(status) {
        return Err(PollDenied::MeetingLocked(status));
    }
    if now >= deadline {
        return Err(Invalid::new(Field::Deadline, Rule::InThePast).into());
    }
    Ok(())
}

/// Answering, or changing one's answer: a member asked, while the poll is open.
pub fn can_answer<T: Ord>(
    actor: Actor,
    rel: Relation,
    status: MeetingStatus,
    p: PollFacts,
    deadline: &T,
    now: &T,
) -> Result<(), PollDenied> {
    can_view_poll(actor, rel, status, p)?;
    if !p.voter {
        return Err(PollDenied::Forbidden);
    }
    open_at(p, deadline, now)
}

/// Closing before the deadline: the secretary or the chair, while it is open.
pub fn can_close<T: Ord>(
    actor: Actor,
    rel: Relation,
    status: MeetingStatus,
    p: PollFacts,
    deadline: &T,
    now: &T,
) -> Result<(), PollDenied> {
    can_view_poll(actor, rel, status, p)?;
    if !((rel.owner && actor.role == Role::Secretary) || rel.chair) {
        return Err(PollDenied::Forbidden);
    }
    open_at(p, deadline, now)
}

/// A poll that is open at `now`, or the status that refuses.
fn open_at<T: Ord>(p: PollFacts, deadline: &T, now: &T) -> Result<(), PollDenied> {
    match status_at(p.status, deadline, now) {
        PollStatus::Open => Ok(()),
        other => Err(PollDenied::NotNow(other)),
    }
}

/// Who sees every member's answer, who has not answered, and the result as a PDF: the staff.
pub fn sees_answers(actor: Actor, rel: Relation) -> bool {
    is_staff(actor, rel)
}

/// Who sees the tally: the staff at any time; the members once the poll is closed.
pub fn sees_tally(actor: Actor, rel: Relation, p: PollFacts, effective: PollStatus) -> bool {
    is_staff(actor, rel) || (p.voter && effective == PollStatus::Closed)
}

/// A poll's question: required, at most [`MAX_POLL_CHARS`].
pub fn question(text: &str) -> Result<&str, Invalid> {
    limited(Field::Question, crate::rules::required(Field::Question, text)?)
}

/// An answer's comment, trimmed: required for another opinion, at most [`MAX_POLL_CHARS`].
pub fn comment(choice: PollChoice, text: &str) -> Result<&str, Invalid> {
    let text = text.trim();
    if choice == PollChoice::Other && text.is_empty() {
        return Err(Invalid::new(Field::Comment, Rule::Required));
    }
    limited(Field::Comment, text)
}

fn limited(field: Field, text: &str) -> Result<&str, Invalid> {
    if text.chars().count() > MAX_POLL_CHARS {
        return Err(Invalid::new(field, Rule::TooLong));
    }
    Ok(text)
}

impl From<Invalid> for PollDenied {
    fn from(e: Invalid) -> Self {
        PollDenied::Invalid(e)
    }
}

/// The count of answers among the members asked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tally {
    pub agree: u32,
    pub disagree: u32,
    pub other: u32,
    /// Members who have not answered.
    pub unanswered: u32,
}

/// What a poll decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Still open: answers may change.
    Pending,
    /// More than half of all members asked agreed.
    Passed,
    /// Closed without that majority.
    NotPassed,
}

impl Tally {
    /// The tally of each member's answer (`None`: not answered).
    pub fn of(answers: impl IntoIterator<Item = Option<PollChoice>>) -> Self {
        answers.into_iter().fold(Tally::default(), |mut t, a| {
            match a {
                Some(PollChoice::Agree) => t.agree += 1,
                Some(PollChoice::Disagree) => t.disagree += 1,
                Some(PollChoice::Other) => t.other += 1,
                None => t.unanswered += 1,
            }
            t
        })
    }

    /// Every member asked.
    pub fn total(&self) -> u32 {
        self.agree + self.disagree + self.other + self.unanswered
    }

    pub fn answered(&self) -> u32 {
        self.total() - self.unanswered
    }

    /// The decision at this status: more than half of all members asked agreeing.
    pub fn outcome(&self, status: PollStatus) -> Outcome {
        match status {
            PollStatus::Closed if u64::from(self.agree) * 2 > u64::from(self.total()) => Outcome::Passed,
            PollStatus::Closed => Outcome::NotPassed,
            _ => Outcome::Pending,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRETARY: Actor = Actor { role: Role::Secretary };
    const CHAIR: Actor = Actor { role: Role::Chair };
    const DELEGATE: Actor = Actor { role: Role::Delegate };
    const DEVICE: Actor = Actor { role: Role::BridgePoint };
    const OWNER: Relation = Relation { owner: true, chair: false, delegate: false, deputy: false, bridge_point: false };
    const CHAIRS: Relation =
        Relation { owner: false, chair: true, delegate: false, deputy: false, bridge_point: false };
    const INVITED: Relation =
        Relation { owner: false, chair: false, delegate: true, deputy: false, bridge_point: false };
    const DEPUTY: Relation = Relation { owner: false, chair: false, delegate: true, deputy: true, bridge_point: false };
    const PUBLISHED: MeetingStatus = MeetingStatus::Published;

    fn open(voter: bool) -> PollFacts {
        PollFacts { status: PollStatus::Open, voter }
    }

    #[test]
    fn members_are_the_chair_and_the_delegates_invited_in_their_own_right() {
        assert!(is_member(CHAIR, CHAIRS));
        assert!(is_member(DELEGATE, INVITED));
        assert!(!is_member(DELEGATE, DEPUTY));
        assert!(!is_member(SECRETARY, OWNER));
        let device = Relation { bridge_point: true, delegate: true, ..Default::default() };
        assert!(!is_member(DEVICE, device));
    }

    #[test]
    fn a_draft_is_for_the_staff_and_a_sent_poll_for_its_members_too() {
        let draft = PollFacts { status: PollStatus::Draft, voter: true };
        assert!(can_view_poll(SECRETARY, OWNER, PUBLISHED, draft).is_ok());
        assert_eq!(can_view_poll(DELEGATE, INVITED, PUBLISHED, draft), Err(PollDenied::Hidden));
        assert!(can_view_poll(DELEGATE, INVITED, PUBLISHED, open(true)).is_ok());
        assert_eq!(can_view_poll(DELEGATE, DEPUTY, PUBLISHED, open(false)), Err(PollDenied::Hidden));
        assert_eq!(can_view_poll(DELEGATE, Relation::default(), PUBLISHED, open(true)), Err(PollDenied::Hidden));
    }

    #[test]
    fn only_the_meetings_secretary_prepares_and_only_drafts_change() {
        assert!(can_prepare(SECRETARY, OWNER, MeetingStatus::Draft).is_ok());
        assert!(can_prepare(SECRETARY, OWNER, MeetingStatus::Live).is_ok());
        assert_eq!(
            can_prepare(SECRETARY, OWNER, MeetingStatus::InReview),
            Err(PollDenied::MeetingLocked(MeetingStatus::InReview))
        );
        assert_eq!(
            can_prepare(SECRETARY, OWNER, MeetingStatus::Ended),
            Err(PollDenied::MeetingLocked(MeetingStatus::Ended))
        );
        assert_eq!(can_prepare(CHAIR, CHAIRS, PUBLISHED), Err(PollDenied::Forbidden));
        assert_eq!(can_edit(SECRETARY, OWNER, PUBLISHED, open(false)), Err(PollDenied::NotNow(PollStatus::Open)));
    }

    #[test]
    fn sending_needs_a_published_meeting_and_a_deadline_ahead() {
        let draft = PollFacts { status: PollStatus::Draft, voter: false };
        assert!(can_send(SECRETARY, OWNER, PUBLISHED, draft, &10, &9).is_ok());
        assert_eq!(
            can_send(SECRETARY, OWNER, PUBLISHED, draft, &10, &10),
            Err(PollDenied::Invalid(Invalid::new(Field::Deadline, Rule::InThePast)))
        );
        assert_eq!(
            can_send(SECRETARY, OWNER, MeetingStatus::Draft, draft, &10, &9),
            Err(PollDenied::MeetingLocked(MeetingStatus::Draft))
        );
    }

    #[test]
    fn members_answer_until_the_deadline_or_the_close() {
        assert!(can_answer(DELEGATE, INVITED, PUBLISHED, open(true), &10, &9).is_ok());
        assert_eq!(
            can_answer(DELEGATE, INVITED, PUBLISHED, open(true), &10, &10),
            Err(PollDenied::NotNow(PollStatus::Closed))
        );
        let closed = PollFacts { status: PollStatus::Closed, voter: true };
        assert_eq!(
            can_answer(DELEGATE, INVITED, PUBLISHED, closed, &10, &1),
            Err(PollDenied::NotNow(PollStatus::Closed))
        );
        assert_eq!(can_answer(SECRETARY, OWNER, PUBLISHED, open(false), &10, &9), Err(PollDenied::Forbidden));
        // The answers stand even when the meeting moves on.
        assert!(can_answer(DELEGATE, INVITED, MeetingStatus::Ended, open(true), &10, &9).is_ok());
    }

    #[test]
    fn the_secretary_or_the_chair_closes_early() {
        assert!(can_close(SECRETARY, OWNER, PUBLISHED, open(false), &10, &9).is_ok());
        assert!(can_close(CHAIR, CHAIRS, PUBLISHED, open(true), &10, &9).is_ok());
        assert_eq!(can_close(DELEGATE, INVITED, PUBLISHED, open(true), &10, &9), Err(PollDenied::Forbidden));
        assert_eq!(
            can_close(CHAIR, CHAIRS, PUBLISHED, open(true), &10, &11),
            Err(PollDenied::NotNow(PollStatus::Closed))
        );
    }

    #[test]
    fn members_see_the_tally_once_closed_and_never_the_others_answers() {
        assert!(sees_tally(CHAIR, CHAIRS, open(true), PollStatus::Open));
        assert!(!sees_tally(DELEGATE, INVITED, open(true), PollStatus::Open));
        assert!(sees_tally(DELEGATE, INVITED, open(true), PollStatus::Closed));
        assert!(sees_answers(CHAIR, CHAIRS));
        assert!(!sees_answers(DELEGATE, INVITED));
    }

    #[test]
    fn more_than_half_of_all_members_must_agree() {
        use PollChoice::*;
        let t = Tally::of([Some(Agree), Some(Agree), Some(Disagree), None]);
        assert_eq!(t, Tally { agree: 2, disagree: 1, other: 0, unanswered: 1 });
        assert_eq!((t.total(), t.answered()), (4, 3));
        assert_eq!(t.outcome(PollStatus::Closed), Outcome::NotPassed, "half is not more than half");
        assert_eq!(t.outcome(PollStatus::Open), Outcome::Pending);
        let t = Tally::of([Some(Agree), Some(Agree), Some(Other), None, Some(Agree)]);
        assert_eq!(t.outcome(PollStatus::Closed), Outcome::Passed);
        assert_eq!(Tally::of([]).outcome(PollStatus::Closed), Outcome::NotPassed);
    }

    #[test]
    fn another_opinion_says_what() {
        assert_eq!(comment(PollChoice::Other, "  "), Err(Invalid::new(Field::Comment, Rule::Required)));
        assert_eq!(comment(PollChoice::Agree, "  "), Ok(""));
        assert_eq!(comment(PollChoice::Other, " Đề nghị bổ sung "), Ok("Đề nghị bổ sung"));
        let long = "ý".repeat(MAX_POLL_CHARS + 1);
        assert_eq!(comment(PollChoice::Agree, &long), Err(Invalid::new(Field::Comment, Rule::TooLong)));
        assert_eq!(question(" "), Err(Invalid::new(Field::Question, Rule::Required)));
    }

    #[test]
    fn vocabularies_round_trip() {
        crate::types::tests::round_trips::<PollChoice>();
        crate::types::tests::round_trips::<PollStatus>();
    }
}
