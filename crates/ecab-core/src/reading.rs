//! Read tracking (theo dõi đọc tài liệu): a delegate's app reports which documents they
//! have opened, offline too. The staff see "read by 14 of 20" per document and per delegate,
//! so the secretary knows before the meeting who has not opened the pack.

use std::collections::HashSet;
use std::hash::Hash;

use crate::access::{Actor, Denied, Relation, can_view_document, is_staff};
use crate::types::{Confidentiality, MeetingStatus, Role};

/// Who reports having read a document: a delegate taking part (invited or a deputy) who may
/// read it. A bridge point's wall is not a reader, and the staff's own reading is not tracked.
pub fn can_report_read(
    actor: Actor,
    rel: Relation,
    status: MeetingStatus,
    confidentiality: Confidentiality,
) -> Result<(), Denied> {
    can_view_document(actor, rel, status, confidentiality)?;
    if !rel.delegate || actor.role == Role::BridgePoint {
        return Err(Denied::Forbidden);
    }
    Ok(())
}

/// Who sees who has read what: the staff (owner, chair, chiefs of office).
pub fn can_view_reads(actor: Actor, rel: Relation) -> bool {
    is_staff(actor, rel)
}

/// How many of `readers` (those expected to read) are among `read_by`: (read, of).
pub fn tally<T: Eq + Hash>(
    read_by: impl IntoIterator<Item = T>,
    readers: impl IntoIterator<Item = T>,
) -> (usize, usize) {
    let read: HashSet<T> = read_by.into_iter().collect();
    let readers: HashSet<T> = readers.into_iter().collect();
    (readers.iter().filter(|r| read.contains(r)).count(), readers.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DELEGATE: Actor = Actor { role: Role::Delegate };
    const SECRETARY: Actor = Actor { role: Role::Secretary };
    const DEVICE: Actor = Actor { role: Role::BridgePoint };
    const P: MeetingStatus = MeetingStatus::Published;
    const N: Confidentiality = Confidentiality::Normal;

    #[test]
    fn delegates_report_and_the_staff_see() {
        let invited = Relation { delegate: true, ..Default::default() };
        let deputy = Relation { delegate: true, deputy: true, ..Default::default() };
        let owner = Relation { owner: true, ..Default::default() };
        let wall = Relation { bridge_point: true, ..Default::default() };
        assert!(can_report_read(DELEGATE, invited, P, N).is_ok());
        assert!(can_report_read(DELEGATE, deputy, P, Confidentiality::Confidential).is_ok());
        assert_eq!(can_report_read(SECRETARY, owner, P, N), Err(Denied::Forbidden));
        assert_eq!(can_report_read(DEVICE, wall, P, N), Err(Denied::Forbidden));
        assert_eq!(can_report_read(DELEGATE, Relation::default(), P, N), Err(Denied::Hidden));
        assert_eq!(can_report_read(DELEGATE, invited, MeetingStatus::Draft, N), Err(Denied::Hidden));
        assert!(can_view_reads(SECRETARY, owner));
        assert!(!can_view_reads(DELEGATE, invited));
    }

    #[test]
    fn only_expected_readers_count_once() {
        assert_eq!(tally([1, 2, 2, 9], [1, 2, 3, 4]), (2, 4));
        assert_eq!(tally(Vec::<u8>::new(), [1]), (0, 1));
        assert_eq!(tally([1], Vec::<u8>::new()), (0, 0));
    }
}
