//! Questions, opinions and proposals (câu hỏi, ý kiến, đề xuất) that delegates send before
//! a meeting, and the secretary's aggregation of them (tổng hợp ý kiến): who may write,
//! see, merge, assign and answer, and until when. The server enforces these; the ui shows
//! its buttons and the time left with the same functions.
//!
//! No clock: the time is passed in, as any ordered type (the server and the ui pass
//! `chrono::DateTime<Utc>`).

use crate::access::{Actor, Relation, can_view_meeting, is_staff};
use crate::rules::{self, Field, Invalid, Rule};
use crate::types::{MeetingStatus, Role};

crate::vocabulary! {
    /// What a delegate sends.
    pub QuestionKind {
        /// Câu hỏi.
        Question = "question",
        /// Ý kiến.
        Opinion = "opinion",
        /// Đề xuất.
        Proposal = "proposal",
    }
}

crate::vocabulary! {
    /// Where a question stands in the aggregation.
    pub QuestionStatus {
        /// Sent; its author may still change or withdraw it until the deadline.
        Submitted = "submitted",
        /// Given to the presenting unit to answer.
        Assigned = "assigned",
        /// The unit has answered.
        Answered = "answered",
        /// Folded into another question, which now lists its author too.
        Merged = "merged",
        /// Taken back by its author.
        Withdrawn = "withdrawn",
    }
}

impl QuestionStatus {
    /// Still in the secretary's inbox (not merged away, not withdrawn).
    pub fn is_open(self) -> bool {
        !matches!(self, QuestionStatus::Merged | QuestionStatus::Withdrawn)
    }
}

/// Why a question operation is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuestionDenied {
    /// The meeting (or the question) is not for the caller to know about: "not found".
    Hidden,
    /// The caller sees it but may not do this.
    Forbidden,
    /// The deadline for opinions has passed, or the meeting no longer takes them.
    Closed,
    /// The question is no longer in a state that allows this.
    Settled(QuestionStatus),
}

/// What a rule knows of one question and the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuestionFacts {
    pub status: QuestionStatus,
    /// The caller wrote it (its first author).
    pub own: bool,
    /// The caller is one of its authors (its own, or one merged into it).
    pub co_author: bool,
    /// The caller belongs to the unit the question is assigned to.
    pub in_assigned_unit: bool,
}

/// Whether the meeting still takes opinions at `now`: it is published (not yet live) and
/// its deadline, if it has one, is still ahead.
pub fn is_open_for_questions<T: Ord>(status: MeetingStatus, deadline: Option<&T>, now: &T) -> bool {
    status == MeetingStatus::Published && deadline.is_none_or(|d| now < d)
}

/// Who may write a question: an invited delegate, while the meeting takes opinions.
pub fn can_submit<T: Ord>(
    actor: Actor,
    rel: Relation,
    status: MeetingStatus,
    deadline: Option<&T>,
    now: &T,
) -> Result<(), QuestionDenied> {
    can_view_meeting(actor, rel, status).map_err(|_| QuestionDenied::Hidden)?;
    if !rel.delegate || actor.role == Role::BridgePoint {
        return Err(QuestionDenied::Forbidden);
    }
    if !is_open_for_questions(status, deadline, now) {
        return Err(QuestionDenied::Closed);
    }
    Ok(())
}

/// Who may see a question: the meeting's staff, its authors, and, once it is assigned,
/// the people of the unit that answers it.
pub fn can_view_question(
    actor: Actor,
    rel: Relation,
    status: MeetingStatus,
    q: QuestionFacts,
) -> Result<(), QuestionDenied> {
    can_view_meeting(actor, rel, status).map_err(|_| QuestionDenied::Hidden)?;
    let assigned = matches!(q.status, QuestionStatus::Assigned | QuestionStatus::Answered);
    if is_staff(actor, rel) || q.co_author || (assigned && q.in_assigned_unit && rel.delegate) {
        Ok(())
    } else {
        Err(QuestionDenied::Hidden)
    }
}

/// Who may change the text of a question: its writer (first author), while it is only
/// submitted and the meeting still takes opinions.
pub fn can_change_own<T: Ord>(
    actor: Actor,
    rel: Relation,
    status: MeetingStatus,
    deadline: Option<&T>,
    now: &T,
    q: QuestionFacts,
) -> Result<(), QuestionDenied> {
    author_may_change(actor, rel, status, deadline, now, q, q.own)
}

/// Who may withdraw from a question: any of its authors (its writer, or one whose question
/// was merged into it), while it is only submitted and the meeting still takes opinions.
/// See [`after_leaving`] for what remains.
pub fn can_withdraw<T: Ord>(
    actor: Actor,
    rel: Relation,
    status: MeetingStatus,
    deadline: Option<&T>,
    now: &T,
    q: QuestionFacts,
) -> Result<(), QuestionDenied> {
    author_may_change(actor, rel, status, deadline, now, q, q.co_author)
}

/// The common part of changing and withdrawing: the caller is the `author` the change
/// needs, the question is only submitted, and the meeting still takes opinions.
fn author_may_change<T: Ord>(
    actor: Actor,
    rel: Relation,
    status: MeetingStatus,
    deadline: Option<&T>,
    now: &T,
    q: QuestionFacts,
    author: bool,
) -> Result<(), QuestionDenied> {
    can_view_question(actor, rel, status, q)?;
    if !author {
        return Err(QuestionDenied::Forbidden);
    }
    if q.status != QuestionStatus::Submitted {
        return Err(QuestionDenied::Settled(q.status));
    }
    if !is_open_for_questions(status, deadline, now) {
        return Err(QuestionDenied::Closed);
    }
    Ok(())
}

/// The authors left when `me` withdraws, and whether the question is withdrawn: only when
/// nobody is left. A merged question stays for its other authors; the next becomes its writer.
pub fn after_leaving<Id: Copy + PartialEq>(authors: &[Id], me: Id) -> (Vec<Id>, bool) {
    let left: Vec<Id> = authors.iter().copied().filter(|a| *a != me).collect();
    if left.is_empty() { (authors.to_vec(), true) } else { (left, false) }
}

/// Who aggregates: the meeting's own secretary, from publication until the meeting ends
/// (the deadline closes writing, not aggregation).
pub fn can_aggregate(actor: Actor, rel: Relation, status: MeetingStatus) -> Result<(), QuestionDenied> {
    can_view_meeting(actor, rel, status).map_err(|_| QuestionDenied::Hidden)?;
    if !(rel.owner && actor.role == Role::Secretary) {
        return Err(QuestionDenied::Forbidden);
    }
    if !matches!(status, MeetingStatus::Published | MeetingStatus::Live) {
        return Err(QuestionDenied::Closed);
    }
    Ok(())
}

/// Who downloads the chair's briefing of the aggregated questions: the meeting's staff, once
/// the meeting is published (before that there are no questions).
pub fn can_view_briefing(actor: Actor, rel: Relation, status: MeetingStatus) -> Result<(), QuestionDenied> {
    can_view_meeting(actor, rel, status).map_err(|_| QuestionDenied::Hidden)?;
    if !is_staff(actor, rel) {
        return Err(QuestionDenied::Forbidden);
    }
    if !status.is_published() {
        return Err(QuestionDenied::Closed);
    }
    Ok(())
}

/// Whether `source` may be merged into `target`: both open, not answered, not the same.
pub fn can_merge(target: QuestionStatus, source: QuestionStatus, same: bool) -> Result<(), QuestionDenied> {
    if same {
        return Err(QuestionDenied::Forbidden);
    }
    for s in [target, source] {
        if !s.is_open() || s == QuestionStatus::Answered {
            return Err(QuestionDenied::Settled(s));
        }
    }
    Ok(())
}

/// The authors of a merged question: the target's, then each source's in turn, each person
/// once. Nobody is ever lost by a merge.
pub fn merged_authors<Id: Copy + PartialEq>(target: &[Id], sources: &[&[Id]]) -> Vec<Id> {
    let mut all: Vec<Id> = Vec::with_capacity(target.len() + sources.iter().map(|s| s.len()).sum::<usize>());
    for id in target.iter().chain(sources.iter().flat_map(|s| s.iter())) {
        if !all.contains(id) {
            all.push(*id);
        }
    }
    all
}

/// Who answers an assigned question: an invited delegate of the assigned unit, while the
/// meeting is published or live.
pub fn can_answer(actor: Actor, rel: Relation, status: MeetingStatus, q: QuestionFacts) -> Result<(), QuestionDenied> {
    can_view_question(actor, rel, status, q)?;
    if !(q.in_assigned_unit && rel.delegate) {
        return Err(QuestionDenied::Forbidden);
    }
    if !matches!(q.status, QuestionStatus::Assigned | QuestionStatus::Answered) {
        return Err(QuestionDenied::Settled(q.status));
    }
    if !matches!(status, MeetingStatus::Published | MeetingStatus::Live) {
        return Err(QuestionDenied::Closed);
    }
    Ok(())
}

/// The status after the secretary gives a question to a unit (`Some(same_unit)`: whether
/// it is the unit it already had) or takes it back (`None`). An answer stands only while
/// the question stays with the unit that gave it.
pub fn after_assignment(current: QuestionStatus, assigned: Option<bool>) -> Result<QuestionStatus, QuestionDenied> {
    if !current.is_open() {
        return Err(QuestionDenied::Settled(current));
    }
    Ok(match (current, assigned) {
        (QuestionStatus::Answered, Some(true)) => QuestionStatus::Answered,
        (_, Some(_)) => QuestionStatus::Assigned,
        (_, None) => QuestionStatus::Submitted,
    })
}

/// The longest question, opinion or answer, in characters.
pub const MAX_QUESTION_CHARS: usize = 4000;

/// The text of a question or an answer: not blank, at most [`MAX_QUESTION_CHARS`]; trimmed.
pub fn text(text: &str) -> Result<&str, Invalid> {
    let text = rules::required(Field::Text, text)?;
    if text.chars().count() > MAX_QUESTION_CHARS {
        return Err(Invalid::new(Field::Text, Rule::TooLong));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_merged_question_stays_for_its_other_authors() {
        assert_eq!(after_leaving(&[1, 2, 3], 2), (vec![1, 3], false));
        assert_eq!(after_leaving(&[1, 2], 1), (vec![2], false), "the next author becomes its writer");
        assert_eq!(after_leaving(&[1], 1), (vec![1], true), "the last author withdraws it");
        let facts = |own, co_author| QuestionFacts {
            status: QuestionStatus::Submitted,
            own,
            co_author,
            in_assigned_unit: false,
        };
        let invited = Relation { delegate: true, ..Default::default() };
        let d = Actor { role: Role::Delegate };
        let open = MeetingStatus::Published;
        assert!(
            can_withdraw(d, invited, open, Some(&10), &5, facts(false, true)).is_ok(),
            "a co-author withdraws their share"
        );
        assert_eq!(
            can_change_own(d, invited, open, Some(&10), &5, facts(false, true)),
            Err(QuestionDenied::Forbidden),
            "but does not edit the text"
        );
        assert_eq!(can_withdraw(d, invited, open, Some(&10), &10, facts(true, true)), Err(QuestionDenied::Closed));
    }

    #[test]
    fn the_briefing_is_for_the_staff_of_a_published_meeting() {
        let chair = Relation { chair: true, ..Default::default() };
        let invited = Relation { delegate: true, ..Default::default() };
        let (c, d) = (Actor { role: Role::Chair }, Actor { role: Role::Delegate });
        assert!(can_view_briefing(c, chair, MeetingStatus::Published).is_ok());
        assert!(can_view_briefing(c, chair, MeetingStatus::Ended).is_ok());
        assert_eq!(can_view_briefing(c, chair, MeetingStatus::Draft), Err(QuestionDenied::Closed));
        assert_eq!(can_view_briefing(d, invited, MeetingStatus::Published), Err(QuestionDenied::Forbidden));
        assert_eq!(can_view_briefing(d, Relation::default(), MeetingStatus::Published), Err(QuestionDenied::Hidden));
    }

    const DELEGATE: Actor = Actor { role: Role::Delegate };
    const SECRETARY: Actor = Actor { role: Role::Secretary };
    const DEVICE: Actor = Actor { role: Role::BridgePoint };
    const INVITED: Relation =
        Relation { owner: false, chair: false, delegate: true, bridge_point: false, deputy: false };
    const OWNER: Relation = Relation { owner: true, chair: false, delegate: false, bridge_point: false, deputy: false };
    const P: MeetingStatus = MeetingStatus::Published;

    fn facts(status: QuestionStatus, own: bool, unit: bool) -> QuestionFacts {
        QuestionFacts { status, own, co_author: own, in_assigned_unit: unit }
    }

    #[test]
    fn texts_are_required_and_bounded() {
        assert_eq!(text("  Đề nghị làm rõ  "), Ok("Đề nghị làm rõ"));
        assert_eq!(text(" "), Err(Invalid::new(Field::Text, Rule::Required)));
        let long = "ý".repeat(MAX_QUESTION_CHARS + 1);
        assert_eq!(text(&long), Err(Invalid::new(Field::Text, Rule::TooLong)));
        assert!(text(&long[..long.len() - "ý".len()]).is_ok(), "the limit counts characters, not bytes");
    }

    #[test]
    fn vocabularies_round_trip() {
        crate::types::tests::round_trips::<QuestionKind>();
        crate::types::tests::round_trips::<QuestionStatus>();
    }

    #[test]
    fn delegates_write_until_the_deadline() {
        assert_eq!(can_submit(DELEGATE, INVITED, P, Some(&10), &9), Ok(()));
        assert_eq!(can_submit(DELEGATE, INVITED, P, Some(&10), &10), Err(QuestionDenied::Closed));
        assert_eq!(can_submit(DELEGATE, INVITED, P, None::<&i32>, &99), Ok(()), "no deadline: until it goes live");
        assert_eq!(can_submit(DELEGATE, INVITED, MeetingStatus::Live, None::<&i32>, &0), Err(QuestionDenied::Closed));
        assert_eq!(can_submit(DELEGATE, Relation::default(), P, None::<&i32>, &0), Err(QuestionDenied::Hidden));
        assert_eq!(can_submit(SECRETARY, OWNER, P, None::<&i32>, &0), Err(QuestionDenied::Forbidden));
        let device = Relation { bridge_point: true, ..Default::default() };
        assert_eq!(can_submit(DEVICE, device, P, None::<&i32>, &0), Err(QuestionDenied::Forbidden));
        assert_eq!(can_submit(DELEGATE, INVITED, MeetingStatus::Draft, None::<&i32>, &0), Err(QuestionDenied::Hidden));
    }

    #[test]
    fn a_question_is_seen_by_staff_authors_and_the_assigned_unit() {
        let other = facts(QuestionStatus::Submitted, false, true);
        assert_eq!(can_view_question(DELEGATE, INVITED, P, other), Err(QuestionDenied::Hidden));
        assert_eq!(can_view_question(SECRETARY, OWNER, P, other), Ok(()));
        assert_eq!(can_view_question(DELEGATE, INVITED, P, facts(QuestionStatus::Submitted, true, false)), Ok(()));
        assert_eq!(can_view_question(DELEGATE, INVITED, P, facts(QuestionStatus::Assigned, false, true)), Ok(()));
        assert_eq!(
            can_view_question(DELEGATE, INVITED, P, facts(QuestionStatus::Assigned, false, false)),
            Err(QuestionDenied::Hidden)
        );
    }

    #[test]
    fn only_the_author_changes_a_question_and_only_before_it_is_settled() {
        let own = facts(QuestionStatus::Submitted, true, false);
        assert_eq!(can_change_own(DELEGATE, INVITED, P, Some(&5), &1, own), Ok(()));
        assert_eq!(can_change_own(DELEGATE, INVITED, P, Some(&5), &5, own), Err(QuestionDenied::Closed));
        let merged = facts(QuestionStatus::Merged, true, false);
        assert_eq!(
            can_change_own(DELEGATE, INVITED, P, Some(&5), &1, merged),
            Err(QuestionDenied::Settled(QuestionStatus::Merged))
        );
        let co = QuestionFacts { own: false, ..own };
        assert_eq!(can_change_own(DELEGATE, INVITED, P, Some(&5), &1, co), Err(QuestionDenied::Forbidden));
    }

    #[test]
    fn the_owning_secretary_aggregates_after_the_deadline_too() {
        assert_eq!(can_aggregate(SECRETARY, OWNER, P), Ok(()));
        assert_eq!(can_aggregate(SECRETARY, OWNER, MeetingStatus::Live), Ok(()));
        assert_eq!(can_aggregate(SECRETARY, OWNER, MeetingStatus::Ended), Err(QuestionDenied::Closed));
        assert_eq!(can_aggregate(DELEGATE, INVITED, P), Err(QuestionDenied::Forbidden));
        assert_eq!(can_aggregate(SECRETARY, Relation::default(), P), Err(QuestionDenied::Hidden));
    }

    #[test]
    fn merges_keep_every_author_once() {
        assert_eq!(merged_authors(&[1, 2], &[&[2, 3], &[1], &[4, 3]]), vec![1, 2, 3, 4]);
        assert_eq!(can_merge(QuestionStatus::Submitted, QuestionStatus::Assigned, false), Ok(()));
        assert_eq!(
            can_merge(QuestionStatus::Submitted, QuestionStatus::Submitted, true),
            Err(QuestionDenied::Forbidden)
        );
        assert_eq!(
            can_merge(QuestionStatus::Merged, QuestionStatus::Submitted, false),
            Err(QuestionDenied::Settled(QuestionStatus::Merged))
        );
        assert_eq!(
            can_merge(QuestionStatus::Submitted, QuestionStatus::Answered, false),
            Err(QuestionDenied::Settled(QuestionStatus::Answered))
        );
    }

    #[test]
    fn the_assigned_unit_answers() {
        let assigned = facts(QuestionStatus::Assigned, false, true);
        assert_eq!(can_answer(DELEGATE, INVITED, P, assigned), Ok(()));
        assert_eq!(
            can_answer(DELEGATE, INVITED, P, facts(QuestionStatus::Assigned, false, false)),
            Err(QuestionDenied::Hidden)
        );
        assert_eq!(can_answer(SECRETARY, OWNER, P, assigned), Err(QuestionDenied::Forbidden));
        assert_eq!(after_assignment(QuestionStatus::Submitted, Some(false)), Ok(QuestionStatus::Assigned));
        assert_eq!(after_assignment(QuestionStatus::Answered, Some(true)), Ok(QuestionStatus::Answered));
        assert_eq!(after_assignment(QuestionStatus::Answered, Some(false)), Ok(QuestionStatus::Assigned));
        assert_eq!(after_assignment(QuestionStatus::Answered, None), Ok(QuestionStatus::Submitted));
        assert_eq!(
            after_assignment(QuestionStatus::Withdrawn, Some(false)),
            Err(QuestionDenied::Settled(QuestionStatus::Withdrawn))
        );
    }
}
