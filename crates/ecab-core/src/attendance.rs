//! Attendance before the meeting (xác nhận tham dự): each invited delegate confirms,
//! declines with a reason, or sends a deputy (cử người dự thay), who then receives the
//! pack under the same rules as the invitee. The secretary may record a reply on an
//! invitee's behalf (a phone call to the office). Replies are taken while the meeting is
//! published; once it is live the roll call takes over.

use crate::access::{Actor, Denied, Relation, can_view_meeting, is_staff};
use crate::rules::{Account, Field, Invalid, Rule};
use crate::types::{MeetingStatus, Role};

crate::vocabulary! {
    /// An invitee's reply.
    pub Attendance {
        /// Not answered yet.
        Pending = "pending",
        /// Xác nhận tham dự.
        Attending = "attending",
        /// Vắng mặt, with a reason.
        Absent = "absent",
        /// Cử người dự thay.
        Deputy = "deputy",
    }
}

/// The longest reason or note, in characters.
pub const MAX_REASON_CHARS: usize = 500;

/// Whether this reply means the invitee comes themself (not absent, no deputy sent).
pub fn comes(reply: Attendance) -> bool {
    !matches!(reply, Attendance::Absent | Attendance::Deputy)
}

/// Whether the meeting still takes replies.
pub fn is_open_for_replies(status: MeetingStatus) -> bool {
    status == MeetingStatus::Published
}

/// Who may reply for an invitee: the invitee (not a deputy), or the owning secretary on
/// their behalf. `for_self` says the reply is the caller's own; the server checks that
/// the person replied for is invited.
pub fn can_reply(actor: Actor, rel: Relation, status: MeetingStatus, for_self: bool) -> Result<(), Denied> {
    can_view_meeting(actor, rel, status)?;
    let allowed = if for_self {
        rel.delegate && !rel.deputy && actor.role != Role::BridgePoint
    } else {
        rel.owner && actor.role == Role::Secretary
    };
    if !allowed {
        return Err(Denied::Forbidden);
    }
    if !is_open_for_replies(status) {
        return Err(Denied::Locked(status));
    }
    Ok(())
}

/// Who sees an invitee's reply: the staff, the invitee, and the deputy it names.
pub fn can_view_reply(actor: Actor, rel: Relation, own: bool, named_deputy: bool) -> bool {
    is_staff(actor, rel) || own || named_deputy
}

/// What the rules know of a proposed deputy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub account: Account,
    /// Of the invitee's own unit.
    pub same_unit: bool,
    /// Already invited to this meeting in their own right (or the invitee themself).
    pub invited: bool,
}

/// Whether someone may stand in for an invitee: an active delegate of the invitee's unit
/// who is not invited already.
pub fn may_deputise(c: Candidate) -> bool {
    c.account.active && c.account.role == Role::Delegate && c.same_unit && !c.invited
}

/// A reply as sent: its reason (trimmed) is required when absent, and a deputy (`None`:
/// no such user, or none named) only and always with [`Attendance::Deputy`].
pub fn reply(status: Attendance, reason: &str, deputy: Option<Option<Candidate>>) -> Result<&str, Invalid> {
    let reason = reason.trim();
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(Invalid::new(Field::Reason, Rule::TooLong));
    }
    if status == Attendance::Absent && reason.is_empty() {
        return Err(Invalid::new(Field::Reason, Rule::Required));
    }
    match (status, deputy) {
        (Attendance::Deputy, None) => Err(Invalid::new(Field::DeputyId, Rule::Required)),
        (Attendance::Deputy, Some(c)) if !c.is_some_and(may_deputise) => {
            Err(Invalid::new(Field::DeputyId, Rule::NotADeputy))
        }
        (Attendance::Deputy, Some(_)) => Ok(reason),
        (_, Some(_)) => Err(Invalid::new(Field::DeputyId, Rule::NotADeputy)),
        (_, None) => Ok(reason),
    }
}

/// The roll at a glance: how many invitees gave each reply.
pub fn tally(replies: impl IntoIterator<Item = Attendance>) -> Vec<(Attendance, usize)> {
    let mut counts: Vec<(Attendance, usize)> = Attendance::ALL.iter().map(|&a| (a, 0)).collect();
    for r in replies {
        if let Some(c) = counts.iter_mut().find(|(a, _)| *a == r) {
            c.1 += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    const DELEGATE: Actor = Actor { role: Role::Delegate };
    const SECRETARY: Actor = Actor { role: Role::Secretary };
    const P: MeetingStatus = MeetingStatus::Published;

    fn candidate(role: Role, active: bool, same_unit: bool, invited: bool) -> Candidate {
        Candidate { account: Account { role, active }, same_unit, invited }
    }

    #[test]
    fn vocabulary_round_trips() {
        crate::types::tests::round_trips::<Attendance>();
    }

    #[test]
    fn invitees_reply_for_themselves_and_the_secretary_for_anyone() {
        let invited = Relation { delegate: true, ..Default::default() };
        let deputy = Relation { delegate: true, deputy: true, ..Default::default() };
        let owner = Relation { owner: true, ..Default::default() };
        assert_eq!(can_reply(DELEGATE, invited, P, true), Ok(()));
        assert_eq!(can_reply(DELEGATE, deputy, P, true), Err(Denied::Forbidden), "a deputy does not reply");
        assert_eq!(can_reply(DELEGATE, invited, P, false), Err(Denied::Forbidden));
        assert_eq!(can_reply(SECRETARY, owner, P, false), Ok(()));
        assert_eq!(can_reply(DELEGATE, Relation::default(), P, true), Err(Denied::Hidden));
        let live = MeetingStatus::Live;
        assert_eq!(can_reply(DELEGATE, invited, live, true), Err(Denied::Locked(live)));
        assert_eq!(can_reply(DELEGATE, invited, MeetingStatus::Draft, true), Err(Denied::Hidden));
    }

    #[test]
    fn a_deputy_is_an_active_delegate_of_the_same_unit_not_yet_invited() {
        for &role in Role::ALL {
            for bits in 0..8u8 {
                let c = candidate(role, bits & 1 != 0, bits & 2 != 0, bits & 4 != 0);
                let expected = role == Role::Delegate && bits == 3;
                assert_eq!(may_deputise(c), expected, "{c:?}");
            }
        }
    }

    #[test]
    fn replies_carry_what_they_need() {
        let good = Some(Some(candidate(Role::Delegate, true, true, false)));
        assert_eq!(reply(Attendance::Attending, " ", None), Ok(""));
        assert_eq!(reply(Attendance::Absent, " ", None), Err(Invalid::new(Field::Reason, Rule::Required)));
        assert_eq!(reply(Attendance::Absent, " Đi công tác ", None), Ok("Đi công tác"));
        assert_eq!(reply(Attendance::Deputy, "", None), Err(Invalid::new(Field::DeputyId, Rule::Required)));
        assert_eq!(reply(Attendance::Deputy, "", good), Ok(""));
        assert_eq!(reply(Attendance::Deputy, "", Some(None)), Err(Invalid::new(Field::DeputyId, Rule::NotADeputy)));
        assert_eq!(reply(Attendance::Attending, "", good), Err(Invalid::new(Field::DeputyId, Rule::NotADeputy)));
        let long = "ý".repeat(MAX_REASON_CHARS + 1);
        assert_eq!(reply(Attendance::Absent, &long, None), Err(Invalid::new(Field::Reason, Rule::TooLong)));
    }

    #[test]
    fn the_tally_counts_every_reply_once() {
        use Attendance::*;
        let t = tally([Attending, Absent, Attending, Pending]);
        assert_eq!(t, vec![(Pending, 1), (Attending, 2), (Absent, 1), (Deputy, 0)]);
    }
}
