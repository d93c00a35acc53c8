//! What the signed-in user may do to a meeting, and whether a form would be accepted,
//! predicted with ecab-core's own rules (the same functions the server enforces with),
//! so a button shows only when the server would accept it and a form says what is wrong
//! before it is sent.

use chrono::{DateTime, Utc};
use ecab_core::access::{can_create_meeting, can_edit_meeting};
use ecab_core::attendance;
use ecab_core::polls::{self, PollFacts};
use ecab_core::questions::{self, QuestionDenied, QuestionFacts};
use ecab_core::rules::{self as core_rules, Account, Field};
use ecab_core::workflow::{WorkflowState, apply};
use ecab_core::{Actor, Attendance, Relation, Transition};
use ecab_core::{PollChoice, PollStatus, reading, speaking};
use ecab_protocol::attendance::{Reply, Speaker};
use ecab_protocol::auth::User;
use ecab_protocol::document::Document;
use ecab_protocol::meeting::MeetingDetail;
use ecab_protocol::poll::Poll;
use ecab_protocol::question::Question;
use uuid::Uuid;

use super::Directory;
use crate::i18n::{self, T};

pub fn relation(me: &User, detail: &MeetingDetail, dir: &Directory) -> Relation {
    let m = &detail.meeting;
    let invited = detail.invitees.delegate_ids.contains(&me.id);
    let deputy = detail.replies.iter().any(|r| r.status == Attendance::Deputy && r.deputy_id == Some(me.id));
    Relation {
        owner: m.secretary_id == me.id,
        chair: m.chair_id == me.id,
        delegate: invited || deputy,
        deputy: deputy && !invited,
        bridge_point: detail
            .invitees
            .bridge_point_ids
            .iter()
            .filter_map(|id| dir.bridge_point(*id))
            .any(|b| b.account_id == Some(me.id)),
    }
}

pub fn may_edit(me: &User, detail: &MeetingDetail, dir: &Directory) -> bool {
    can_edit_meeting(Actor { role: me.role }, relation(me, detail, dir), detail.meeting.status).is_ok()
}

pub fn may_create(me: &User) -> bool {
    can_create_meeting(Actor { role: me.role })
}

/// The workflow actions to offer, in the order the buttons show. `Submit` is offered
/// with an empty agenda too when only the agenda is missing (the ui says why it fails).
pub fn actions(me: &User, detail: &MeetingDetail, dir: &Directory) -> Vec<Transition> {
    let state = WorkflowState {
        status: detail.meeting.status,
        review_stage: detail.meeting.review_stage,
        agenda_items: detail.agenda.len().max(1),
    };
    let actor = Actor { role: me.role };
    let rel = relation(me, detail, dir);
    [
        Transition::Submit,
        Transition::Approve,
        Transition::Reject { reason: "-".into() },
        Transition::Publish,
        Transition::Withdraw,
    ]
    .into_iter()
    .filter(|t| apply(&state, actor, rel, t).is_ok())
    .collect()
}

fn account(u: &User) -> Account {
    Account { role: u.role, active: u.active }
}

/// Whether the server would accept this user as a meeting's chair.
pub fn may_chair(u: &User) -> bool {
    core_rules::may_chair(account(u))
}

/// Whether the server would accept this user in a meeting's list of delegates.
pub fn may_be_delegate(u: &User) -> bool {
    core_rules::may_be_delegate(account(u))
}

/// A title (of a meeting, an agenda item, a document), trimmed.
pub fn title(text: &str) -> Result<&str, T> {
    core_rules::required(Field::Title, text).map_err(i18n::invalid)
}

pub fn meeting_times(
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    deadline: Option<DateTime<Utc>>,
) -> Result<(), T> {
    core_rules::meeting_times(starts_at, ends_at, deadline).map_err(i18n::invalid)
}

pub fn agenda_minutes(minutes: u32) -> Result<u32, T> {
    core_rules::agenda_minutes(minutes).map_err(i18n::invalid)
}

/// The reason a meeting is returned with, trimmed.
pub fn return_reason(reason: &str) -> Result<&str, T> {
    core_rules::return_reason(reason).map_err(i18n::invalid)
}

/// What `ecab_core::questions` needs to know of a question and the signed-in user.
pub fn question_facts(me: &User, q: &Question) -> QuestionFacts {
    QuestionFacts {
        status: q.status,
        own: q.authors.first() == Some(&me.id),
        co_author: q.authors.contains(&me.id),
        in_assigned_unit: me.unit_id.is_some() && q.assigned_unit_id == me.unit_id,
    }
}

/// Whether the user may write a question now.
pub fn may_submit(
    me: &User,
    detail: &MeetingDetail,
    dir: &Directory,
    now: DateTime<Utc>,
) -> Result<(), QuestionDenied> {
    let m = &detail.meeting;
    questions::can_submit(
        Actor { role: me.role },
        relation(me, detail, dir),
        m.status,
        m.question_deadline.as_ref(),
        &now,
    )
}

/// Whether the user may withdraw from this question now (any of its authors).
pub fn may_withdraw(me: &User, detail: &MeetingDetail, dir: &Directory, now: DateTime<Utc>, q: &Question) -> bool {
    let m = &detail.meeting;
    let rel = relation(me, detail, dir);
    let facts = question_facts(me, q);
    questions::can_withdraw(Actor { role: me.role }, rel, m.status, m.question_deadline.as_ref(), &now, facts).is_ok()
}

/// Whether the user may change the text of this question now (its writer).
pub fn may_change_own(me: &User, detail: &MeetingDetail, dir: &Directory, now: DateTime<Utc>, q: &Question) -> bool {
    let m = &detail.meeting;
    let rel = relation(me, detail, dir);
    questions::can_change_own(
        Actor { role: me.role },
        rel,
        m.status,
        m.question_deadline.as_ref(),
        &now,
        question_facts(me, q),
    )
    .is_ok()
}

/// Whether the user aggregates this meeting's questions.
pub fn may_aggregate(me: &User, detail: &MeetingDetail, dir: &Directory) -> bool {
    questions::can_aggregate(Actor { role: me.role }, relation(me, detail, dir), detail.meeting.status).is_ok()
}

/// Whether the user answers this question (for their unit).
pub fn may_answer(me: &User, detail: &MeetingDetail, dir: &Directory, q: &Question) -> bool {
    let rel = relation(me, detail, dir);
    questions::can_answer(Actor { role: me.role }, rel, detail.meeting.status, question_facts(me, q)).is_ok()
}

/// Whether the user may reply for `invitee` (themself, or as the secretary for anyone).
pub fn may_reply_for(me: &User, detail: &MeetingDetail, dir: &Directory, invitee: Uuid) -> bool {
    let rel = relation(me, detail, dir);
    attendance::can_reply(Actor { role: me.role }, rel, detail.meeting.status, invitee == me.id).is_ok()
}

/// The user's own reply (pending when none is known).
pub fn reply_of(detail: &MeetingDetail, user: Uuid) -> Reply {
    detail
        .replies
        .iter()
        .find(|r| r.user_id == user)
        .cloned()
        .unwrap_or_else(|| Reply::pending(detail.meeting.id, user))
}

/// What the rules know of `candidate` as a deputy for `invitee`.
fn candidate(detail: &MeetingDetail, dir: &Directory, invitee: Uuid, candidate: &User) -> attendance::Candidate {
    let unit = dir.user(invitee).and_then(|u| u.unit_id);
    attendance::Candidate {
        account: Account { role: candidate.role, active: candidate.active },
        same_unit: unit.is_some() && candidate.unit_id == unit,
        invited: candidate.id == invitee || detail.invitees.delegate_ids.contains(&candidate.id),
    }
}

/// Who may stand in for `invitee`, by name.
pub fn deputy_candidates<'a>(detail: &MeetingDetail, dir: &'a Directory, invitee: Uuid) -> Vec<&'a User> {
    let mut all: Vec<&User> =
        dir.users.iter().filter(|u| attendance::may_deputise(candidate(detail, dir, invitee, u))).collect();
    all.sort_by(|a, b| a.full_name.cmp(&b.full_name));
    all
}

/// A reply as the form would send it: the trimmed reason, or what is wrong.
pub fn reply_form(
    detail: &MeetingDetail,
    dir: &Directory,
    invitee: Uuid,
    status: Attendance,
    reason: &str,
    deputy: Option<Uuid>,
) -> Result<String, T> {
    let deputy = deputy.map(|d| dir.user(d).map(|u| candidate(detail, dir, invitee, u)));
    match attendance::reply(status, reason, deputy) {
        Ok(r) => Ok(r.to_owned()),
        Err(e) if e.field == Field::Reason && e.rule == core_rules::Rule::Required => Err(T::AbsenceReasonRequired),
        Err(e) => Err(i18n::invalid(e)),
    }
}

/// Whether the user may register to speak now.
pub fn may_register(me: &User, detail: &MeetingDetail, dir: &Directory) -> bool {
    let rel = relation(me, detail, dir);
    let reply = reply_of(detail, me.id).status;
    speaking::can_register(Actor { role: me.role }, rel, detail.meeting.status, reply).is_ok()
}

/// Whether the user may export this document with their annotations.
pub fn may_export(me: &User, detail: &MeetingDetail, dir: &Directory, doc: &Document) -> bool {
    let rel = relation(me, detail, dir);
    ecab_core::annotations::can_export(Actor { role: me.role }, rel, detail.meeting.status, doc.confidentiality).is_ok()
}

/// Whether the user's app reports opening this document (a delegate taking part).
pub fn may_report_read(me: &User, detail: &MeetingDetail, dir: &Directory, doc: &Document) -> bool {
    let rel = relation(me, detail, dir);
    reading::can_report_read(Actor { role: me.role }, rel, detail.meeting.status, doc.confidentiality).is_ok()
}

/// Who is expected to read a meeting's documents: the delegates taking part (invited, and
/// deputies).
pub fn readers(detail: &MeetingDetail) -> Vec<Uuid> {
    let mut all = detail.invitees.delegate_ids.clone();
    all.extend(detail.replies.iter().filter(|r| r.status == Attendance::Deputy).filter_map(|r| r.deputy_id));
    all.sort();
    all.dedup();
    all
}

/// "Read by 14 of 20": how many expected readers have opened `document`, for the staff
/// (`None` for others, who are not told).
pub fn read_by(me: &User, detail: &MeetingDetail, dir: &Directory, document: Uuid) -> Option<(usize, usize)> {
    let rel = relation(me, detail, dir);
    reading::can_view_reads(Actor { role: me.role }, rel).then(|| {
        let read = detail.reads.iter().filter(|r| r.document_id == document).map(|r| r.user_id);
        reading::tally(read, readers(detail))
    })
}

/// How many of the meeting's documents `user` has opened, of those there are.
pub fn documents_read(detail: &MeetingDetail, user: Uuid) -> (usize, usize) {
    let read = detail.reads.iter().filter(|r| r.user_id == user).map(|r| r.document_id);
    reading::tally(read, detail.documents.iter().map(|d| d.id))
}

/// Whether the user may take this registration back.
pub fn may_withdraw_speaker(me: &User, detail: &MeetingDetail, dir: &Directory, s: &Speaker) -> bool {
    let rel = relation(me, detail, dir);
    speaking::can_withdraw(Actor { role: me.role }, rel, detail.meeting.status, s.user_id == me.id).is_ok()
}

/// What a speaker means to raise, trimmed.
pub fn speak_topic(text: &str) -> Result<&str, T> {
    speaking::topic(text).map_err(i18n::invalid)
}

/// What the poll rules know of `p` and the user.
fn poll_facts(me: &User, p: &Poll) -> PollFacts {
    PollFacts { status: p.status, voter: p.voters.contains(&me.id) }
}

/// What the user may do to the polls of a meeting, and to one poll at `now`: the buttons
/// of the polls panel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PollActions {
    pub answer: bool,
    pub edit: bool,
    pub send: bool,
    pub close: bool,
    pub sees_answers: bool,
}

pub fn may_prepare_poll(me: &User, detail: &MeetingDetail, dir: &Directory) -> bool {
    let rel = relation(me, detail, dir);
    polls::can_prepare(Actor { role: me.role }, rel, detail.meeting.status).is_ok()
}

pub fn poll_actions(me: &User, detail: &MeetingDetail, dir: &Directory, p: &Poll, now: DateTime<Utc>) -> PollActions {
    let (actor, rel, status) = (Actor { role: me.role }, relation(me, detail, dir), detail.meeting.status);
    let f = poll_facts(me, p);
    PollActions {
        answer: polls::can_answer(actor, rel, status, f, &p.deadline, &now).is_ok(),
        edit: polls::can_edit(actor, rel, status, f).is_ok(),
        send: polls::can_send(actor, rel, status, f, &p.deadline, &now).is_ok(),
        close: polls::can_close(actor, rel, status, f, &p.deadline, &now).is_ok(),
        sees_answers: polls::sees_answers(actor, rel),
    }
}

/// Whether the user may download the chair's briefing of the aggregated questions.
pub fn may_view_briefing(me: &User, detail: &MeetingDetail, dir: &Directory) -> bool {
    let rel = relation(me, detail, dir);
    questions::can_view_briefing(Actor { role: me.role }, rel, detail.meeting.status).is_ok()
}

/// A poll's status at `now` (an open poll past its deadline is closed).
pub fn poll_status(p: &Poll, now: DateTime<Utc>) -> PollStatus {
    polls::status_at(p.status, &p.deadline, &now)
}

/// A poll's question, trimmed.
pub fn poll_question(text: &str) -> Result<&str, T> {
    polls::question(text).map_err(i18n::invalid)
}

/// An answer's comment, trimmed (required for another opinion).
pub fn poll_comment(choice: PollChoice, text: &str) -> Result<&str, T> {
    polls::comment(choice, text).map_err(i18n::invalid)
}

/// The text of a question or an answer, trimmed.
pub fn question_text(text: &str) -> Result<&str, T> {
    questions::text(text).map_err(i18n::invalid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};
    use ecab_core::{Confidentiality, MeetingKind, MeetingStatus, Recurrence, ReviewStage, Role};
    use ecab_protocol::meeting::{Invitees, Meeting};
    use uuid::Uuid;

    fn user(role: Role) -> User {
        User {
            id: Uuid::from_u128(role as u128 + 1),
            username: String::new(),
            full_name: String::new(),
            role,
            title: String::new(),
            unit_id: None,
            active: true,
        }
    }

    fn detail(status: MeetingStatus, stage: Option<ReviewStage>, secretary: &User, chair: &User) -> MeetingDetail {
        MeetingDetail {
            meeting: Meeting {
                id: Uuid::nil(),
                title: String::new(),
                kind: MeetingKind::Thematic,
                status,
                review_stage: stage,
                rejection_reason: None,
                starts_at: DateTime::<Utc>::UNIX_EPOCH,
                ends_at: DateTime::<Utc>::UNIX_EPOCH,
                place: String::new(),
                chair_id: chair.id,
                secretary_id: secretary.id,
                confidentiality: Confidentiality::Normal,
                question_deadline: None,
                recurrence: Recurrence::None,
                series_id: None,
                updated_at: DateTime::<Utc>::UNIX_EPOCH,
            },
            agenda: vec![],
            documents: vec![],
            invitees: Invitees { delegate_ids: vec![], bridge_point_ids: vec![] },
            replies: vec![],
            reads: vec![],
            speakers: vec![],
            polls: vec![],
        }
    }

    #[test]
    fn buttons_follow_the_workflow() {
        let (sec, chief, chair, delegate) =
            (user(Role::Secretary), user(Role::ChiefOfOffice), user(Role::Chair), user(Role::Delegate));
        let dir = Directory::default();
        let draft = detail(MeetingStatus::Draft, None, &sec, &chair);
        assert_eq!(actions(&sec, &draft, &dir), vec![Transition::Submit]);
        assert!(may_edit(&sec, &draft, &dir));
        assert!(actions(&chief, &draft, &dir).is_empty());

        let review = detail(MeetingStatus::InReview, Some(ReviewStage::ChiefOfOffice), &sec, &chair);
        assert_eq!(actions(&chief, &review, &dir).len(), 2);
        assert!(actions(&chair, &review, &dir).is_empty());
        assert_eq!(actions(&sec, &review, &dir), vec![Transition::Withdraw]);
        assert!(!may_edit(&sec, &review, &dir));

        let approved = detail(MeetingStatus::Approved, None, &sec, &chair);
        assert!(actions(&chair, &approved, &dir).contains(&Transition::Publish));
        assert!(actions(&delegate, &approved, &dir).is_empty());
    }

    #[test]
    fn forms_are_checked_by_the_servers_rules() {
        assert_eq!(title("  Họp  "), Ok("Họp"));
        assert_eq!(title(" "), Err(T::TitleRequired));
        assert_eq!(return_reason("\t"), Err(T::ReasonRequired));
        assert_eq!(agenda_minutes(core_rules::MAX_AGENDA_MINUTES + 1), Err(T::BadMinutes));
        let t = DateTime::<Utc>::UNIX_EPOCH;
        assert_eq!(meeting_times(t, t, None), Err(T::EndBeforeStart));
        assert!(may_chair(&user(Role::Chair)) && !may_chair(&user(Role::Delegate)));
        assert!(may_be_delegate(&user(Role::Delegate)) && !may_be_delegate(&user(Role::BridgePoint)));
    }
}
