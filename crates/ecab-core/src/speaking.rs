//! Registering to speak (đăng ký phát biểu) on an agenda item before the meeting. The list
//! is seen by everyone who sees the meeting and is kept, in the order people registered,
//! for the live meeting's speaking list.

use crate::access::{Actor, Denied, Relation, can_view_meeting};
use crate::attendance::{Attendance, MAX_REASON_CHARS, comes};
use crate::rules::{Field, Invalid, Rule};
use crate::types::{MeetingStatus, Role};

/// Whether the meeting still takes registrations (the live meeting has raised hands).
pub fn is_open_for_registration(status: MeetingStatus) -> bool {
    status == MeetingStatus::Published
}

/// Who may register: someone taking part as a delegate (invited or a deputy), not a
/// device account, unless their own reply (`reply`, pending if none) says they will not come
/// (absent, or sending a deputy). A deputy has no reply of their own: they come.
pub fn can_register(actor: Actor, rel: Relation, status: MeetingStatus, reply: Attendance) -> Result<(), Denied> {
    can_view_meeting(actor, rel, status)?;
    let stays_away = !rel.deputy && !comes(reply);
    if !rel.delegate || actor.role == Role::BridgePoint || stays_away {
        return Err(Denied::Forbidden);
    }
    if !is_open_for_registration(status) {
        return Err(Denied::Locked(status));
    }
    Ok(())
}

/// Who may take a registration back: the one who registered, or the owning secretary.
pub fn can_withdraw(actor: Actor, rel: Relation, status: MeetingStatus, own: bool) -> Result<(), Denied> {
    can_view_meeting(actor, rel, status)?;
    if !(own || (rel.owner && actor.role == Role::Secretary)) {
        return Err(Denied::Forbidden);
    }
    if !is_open_for_registration(status) {
        return Err(Denied::Locked(status));
    }
    Ok(())
}

/// What the speaker means to raise, optional: the trimmed text.
pub fn topic(text: &str) -> Result<&str, Invalid> {
    let text = text.trim();
    if text.chars().count() > MAX_REASON_CHARS {
        return Err(Invalid::new(Field::Topic, Rule::TooLong));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DELEGATE: Actor = Actor { role: Role::Delegate };
    const SECRETARY: Actor = Actor { role: Role::Secretary };
    const P: MeetingStatus = MeetingStatus::Published;

    #[test]
    fn delegates_who_come_register_and_deputies_too() {
        let invited = Relation { delegate: true, ..Default::default() };
        let deputy = Relation { delegate: true, deputy: true, ..Default::default() };
        for reply in Attendance::ALL.iter().copied() {
            let comes = matches!(reply, Attendance::Pending | Attendance::Attending);
            assert_eq!(can_register(DELEGATE, invited, P, reply).is_ok(), comes, "{reply:?}");
        }
        for reply in Attendance::ALL.iter().copied() {
            assert_eq!(can_register(DELEGATE, deputy, P, reply), Ok(()), "a deputy comes: {reply:?}");
        }
        let device = Relation { bridge_point: true, ..Default::default() };
        let bp = Actor { role: Role::BridgePoint };
        assert_eq!(can_register(bp, device, P, Attendance::Pending), Err(Denied::Forbidden));
        let owner = Relation { owner: true, ..Default::default() };
        assert_eq!(can_register(SECRETARY, owner, P, Attendance::Pending), Err(Denied::Forbidden));
        let live = MeetingStatus::Live;
        assert_eq!(can_register(DELEGATE, invited, live, Attendance::Attending), Err(Denied::Locked(live)));
    }

    #[test]
    fn a_registration_is_withdrawn_by_its_speaker_or_the_secretary() {
        let invited = Relation { delegate: true, ..Default::default() };
        let owner = Relation { owner: true, ..Default::default() };
        assert_eq!(can_withdraw(DELEGATE, invited, P, true), Ok(()));
        assert_eq!(can_withdraw(DELEGATE, invited, P, false), Err(Denied::Forbidden));
        assert_eq!(can_withdraw(SECRETARY, owner, P, false), Ok(()));
    }

    #[test]
    fn topics_are_optional_and_bounded() {
        assert_eq!(topic("  Về vốn đầu tư công "), Ok("Về vốn đầu tư công"));
        assert_eq!(topic(""), Ok(""));
        let long = "ý".repeat(MAX_REASON_CHARS + 1);
        assert_eq!(topic(&long), Err(Invalid::new(Field::Topic, Rule::TooLong)));
    }
}
