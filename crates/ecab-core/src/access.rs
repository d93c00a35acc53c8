//! Who may see and change what. Every endpoint of the server asks these functions;
//! the SQL only narrows the rows it loads.

use crate::types::{Confidentiality, MeetingStatus, Role};

/// The caller, as far as the rules care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Actor {
    pub role: Role,
}

/// How the caller stands to one meeting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Relation {
    /// The secretary who created and owns the meeting.
    pub owner: bool,
    /// The meeting's chair.
    pub chair: bool,
    /// Takes part as a delegate: invited, or sent as an invitee's deputy.
    pub delegate: bool,
    /// Takes part only as an invitee's deputy (cử người dự thay), not invited in their own
    /// right: receives the pack as the invitee does, but does not reply for them.
    pub deputy: bool,
    /// Invited as a bridge point (the caller is that bridge point's device account).
    pub bridge_point: bool,
}

/// Why something is refused. `Hidden` means the caller may not even know the meeting
/// exists (the API answers 404, not 403).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Denied {
    Hidden,
    Forbidden,
    Locked(MeetingStatus),
}

crate::vocabulary! {
    /// Who a change in the feed is meant for.
    pub Audience {
        /// Every signed-in user (the directory of units and bridge points).
        All = "all",
        /// Administrators only (user accounts).
        Admin = "admin",
        /// The meeting's staff: owner, chair, chiefs of office.
        Staff = "staff",
        /// Staff and every invitee, once published.
        Members = "members",
        /// Staff and invited delegates, not bridge points (confidential documents).
        Delegates = "delegates",
    }
}

impl Audience {
    /// The audience of a document with this confidentiality.
    pub fn for_document(c: Confidentiality) -> Self {
        match c {
            Confidentiality::Normal => Self::Members,
            Confidentiality::Confidential => Self::Delegates,
        }
    }
}

/// Reviewers and owner: they see a meeting in every state.
pub fn is_staff(actor: Actor, rel: Relation) -> bool {
    (rel.owner && actor.role == Role::Secretary) || rel.chair || actor.role == Role::ChiefOfOffice
}

pub fn can_view_meeting(actor: Actor, rel: Relation, status: MeetingStatus) -> Result<(), Denied> {
    if is_staff(actor, rel) || ((rel.delegate || rel.bridge_point) && status.is_published()) {
        Ok(())
    } else {
        Err(Denied::Hidden)
    }
}

/// A confidential document is never delivered to a bridge point's device account.
pub fn can_view_document(
    actor: Actor,
    rel: Relation,
    status: MeetingStatus,
    confidentiality: Confidentiality,
) -> Result<(), Denied> {
    can_view_meeting(actor, rel, status)?;
    let shared_device = actor.role == Role::BridgePoint && !is_staff(actor, rel) && !rel.delegate;
    if confidentiality == Confidentiality::Confidential && shared_device {
        return Err(Denied::Hidden);
    }
    Ok(())
}

/// Editing the agenda, documents and invitations: the owning secretary, while the
/// meeting is a draft or after publication (changes then reach delegates). In review
/// and once approved the content is frozen: withdraw it to draft first.
pub fn can_edit_meeting(actor: Actor, rel: Relation, status: MeetingStatus) -> Result<(), Denied> {
    can_view_meeting(actor, rel, status)?;
    if !(rel.owner && actor.role == Role::Secretary) {
        return Err(Denied::Forbidden);
    }
    match status {
        MeetingStatus::Draft | MeetingStatus::Published | MeetingStatus::Live => Ok(()),
        other => Err(Denied::Locked(other)),
    }
}

pub fn can_create_meeting(actor: Actor) -> bool {
    actor.role == Role::Secretary
}

/// Users, units and bridge points are managed by administrators.
pub fn can_manage_directory(actor: Actor) -> bool {
    actor.role == Role::Admin
}

/// Whether a change with this audience, about a meeting in `status`, reaches the caller.
pub fn sees_change(actor: Actor, rel: Relation, status: MeetingStatus, audience: Audience) -> bool {
    if can_view_meeting(actor, rel, status).is_err() {
        return false;
    }
    if is_staff(actor, rel) {
        return true;
    }
    match audience {
        Audience::Members => true,
        Audience::Delegates => rel.delegate,
        Audience::Staff | Audience::All | Audience::Admin => false,
    }
}

/// Whether a change that belongs to no meeting reaches the caller.
pub fn sees_directory_change(actor: Actor, audience: Audience) -> bool {
    match audience {
        Audience::All => true,
        Audience::Admin => actor.role == Role::Admin,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DELEGATE: Actor = Actor { role: Role::Delegate };
    const SECRETARY: Actor = Actor { role: Role::Secretary };
    const CHIEF: Actor = Actor { role: Role::ChiefOfOffice };
    const DEVICE: Actor = Actor { role: Role::BridgePoint };

    #[test]
    fn a_draft_is_seen_only_by_its_secretary_and_reviewers() {
        let invited = Relation { delegate: true, ..Default::default() };
        let owner = Relation { owner: true, ..Default::default() };
        assert_eq!(can_view_meeting(DELEGATE, invited, MeetingStatus::Draft), Err(Denied::Hidden));
        assert!(can_view_meeting(SECRETARY, owner, MeetingStatus::Draft).is_ok());
        assert!(can_view_meeting(CHIEF, Relation::default(), MeetingStatus::Draft).is_ok());
        assert_eq!(can_view_meeting(SECRETARY, Relation::default(), MeetingStatus::Draft), Err(Denied::Hidden));
        assert!(can_view_meeting(DELEGATE, invited, MeetingStatus::Published).is_ok());
        assert_eq!(can_view_meeting(DELEGATE, Relation::default(), MeetingStatus::Published), Err(Denied::Hidden));
    }

    #[test]
    fn bridge_points_never_get_confidential_documents() {
        let device = Relation { bridge_point: true, ..Default::default() };
        let s = MeetingStatus::Published;
        assert!(can_view_document(DEVICE, device, s, Confidentiality::Normal).is_ok());
        assert_eq!(can_view_document(DEVICE, device, s, Confidentiality::Confidential), Err(Denied::Hidden));
        assert!(!sees_change(DEVICE, device, s, Audience::Delegates));
        let delegate = Relation { delegate: true, ..Default::default() };
        assert!(sees_change(DELEGATE, delegate, s, Audience::Delegates));
        assert!(!sees_change(DELEGATE, delegate, s, Audience::Staff));
    }

    #[test]
    fn audiences_round_trip() {
        crate::types::tests::round_trips::<Audience>();
    }

    #[test]
    fn content_is_frozen_in_review() {
        let owner = Relation { owner: true, ..Default::default() };
        assert!(can_edit_meeting(SECRETARY, owner, MeetingStatus::Draft).is_ok());
        assert_eq!(
            can_edit_meeting(SECRETARY, owner, MeetingStatus::InReview),
            Err(Denied::Locked(MeetingStatus::InReview))
        );
        assert!(can_edit_meeting(SECRETARY, owner, MeetingStatus::Published).is_ok());
        assert_eq!(can_edit_meeting(CHIEF, Relation::default(), MeetingStatus::Draft), Err(Denied::Forbidden));
    }
}
