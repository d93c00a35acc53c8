//! The meeting workflow under random actors and random sequences of transitions, and
//! the set of moves `apply` allows, derived from `apply` itself.

use std::collections::{BTreeSet, HashSet, VecDeque};

use ecab_core::access::is_staff;
use ecab_core::workflow::Outcome;
use ecab_core::{
    Actor, MeetingStatus, Relation, ReviewStage, Role, Transition, TransitionKind, WorkflowError, WorkflowState, apply,
};
use proptest::prelude::*;
use proptest::sample::select;

/// Every relation a user can have to a meeting.
fn relations() -> Vec<Relation> {
    (0..16u8)
        .map(|b| Relation {
            owner: b & 1 != 0,
            chair: b & 2 != 0,
            delegate: b & 4 != 0,
            bridge_point: b & 8 != 0,
            deputy: false,
        })
        .collect()
}

fn every_actor() -> Vec<(Actor, Relation)> {
    Role::ALL.iter().flat_map(|&role| relations().into_iter().map(move |rel| (Actor { role }, rel))).collect()
}

fn every_transition() -> Vec<Transition> {
    TransitionKind::ALL.iter().flat_map(|k| ["", "Thiếu tờ trình"].map(|r| k.with_reason(r))).collect()
}

/// Every state the type can hold, consistent or not.
fn every_state() -> Vec<WorkflowState> {
    let stages = std::iter::once(None).chain(ReviewStage::ALL.iter().copied().map(Some)).collect::<Vec<_>>();
    let mut all = Vec::new();
    for &status in MeetingStatus::ALL {
        for &review_stage in &stages {
            for agenda_items in [0, 1] {
                all.push(WorkflowState { status, review_stage, agenda_items });
            }
        }
    }
    all
}

fn next(s: &WorkflowState, out: &Outcome) -> WorkflowState {
    WorkflowState { status: out.status, review_stage: out.review_stage, agenda_items: s.agenda_items }
}

/// A move: from a status, by a kind of transition, to a status.
type Move = (MeetingStatus, TransitionKind, MeetingStatus);

/// The order of `MeetingStatus::ALL` is the diagram's: draft first, archived last.
fn rank(s: MeetingStatus) -> usize {
    MeetingStatus::ALL.iter().position(|x| *x == s).expect("every status is in ALL")
}

#[test]
fn every_move_apply_allows_is_reachable_from_draft() {
    let (actors, transitions) = (every_actor(), every_transition());
    let mut allowed: BTreeSet<(usize, usize, usize)> = BTreeSet::new();
    let key = |(from, kind, to): Move| {
        (rank(from), TransitionKind::ALL.iter().position(|k| *k == kind).expect("kind in ALL"), rank(to))
    };
    for s in every_state() {
        for (actor, rel) in &actors {
            for t in &transitions {
                if let Ok(out) = apply(&s, *actor, *rel, t) {
                    allowed.insert(key((s.status, t.kind(), out.status)));
                }
            }
        }
    }
    assert!(!allowed.is_empty());

    let start =
        [0, 1].map(|agenda_items| WorkflowState { status: MeetingStatus::Draft, review_stage: None, agenda_items });
    let mut seen: HashSet<(MeetingStatus, Option<ReviewStage>, usize)> = HashSet::new();
    let mut queue: VecDeque<WorkflowState> = start.into_iter().collect();
    let mut realized = BTreeSet::new();
    while let Some(s) = queue.pop_front() {
        if !seen.insert((s.status, s.review_stage, s.agenda_items)) {
            continue;
        }
        for (actor, rel) in &actors {
            for t in &transitions {
                if let Ok(out) = apply(&s, *actor, *rel, t) {
                    realized.insert(key((s.status, t.kind(), out.status)));
                    queue.push_back(next(&s, &out));
                }
            }
        }
    }
    let missing: Vec<_> = allowed
        .difference(&realized)
        .map(|&(f, k, t)| (MeetingStatus::ALL[f], TransitionKind::ALL[k], MeetingStatus::ALL[t]))
        .collect();
    assert!(missing.is_empty(), "moves apply allows but no sequence from draft reaches: {missing:?}");
    let statuses: BTreeSet<usize> = seen.iter().map(|(s, _, _)| rank(*s)).collect();
    assert_eq!(statuses.len(), MeetingStatus::ALL.len(), "every status is reachable from draft");
}

fn actor() -> impl Strategy<Value = (Actor, Relation)> {
    (select(Role::ALL), select(relations())).prop_map(|(role, rel)| (Actor { role }, rel))
}

fn reason() -> impl Strategy<Value = String> {
    proptest::collection::vec(select(vec![' ', '\t', 'a', 'ý', '\n']), 0..4).prop_map(String::from_iter)
}

fn transition() -> impl Strategy<Value = Transition> {
    (select(TransitionKind::ALL), reason()).prop_map(|(k, r)| k.with_reason(&r))
}

/// Properties of one decision, whatever the state.
fn check_step(s: &WorkflowState, (actor, rel): (Actor, Relation), t: &Transition, other: (Actor, Relation)) {
    let result = apply(s, actor, rel, t);
    match &result {
        Ok(out) => {
            assert_eq!(
                out.review_stage.is_some(),
                out.status == MeetingStatus::InReview,
                "stage only in review: {out:?}"
            );
            assert!(is_staff(actor, rel), "only a meeting's staff move it: {actor:?} {rel:?} {t:?}");
            assert!(
                rank(out.status) >= rank(s.status) || out.status == MeetingStatus::Draft,
                "backwards only to draft: {s:?} -> {out:?}"
            );
            assert_ne!(s.status, MeetingStatus::Archived, "archived is final");
            if out.status == MeetingStatus::Published && s.status != MeetingStatus::Published {
                assert_eq!(s.status, MeetingStatus::Approved, "published only from approved");
            }
            if s.status == MeetingStatus::Draft && out.status != MeetingStatus::Draft {
                assert!(s.agenda_items > 0, "an empty agenda leaves draft: {t:?}");
            }
            match (t, &out.rejection_reason) {
                (Transition::Reject { reason }, Some(kept)) => {
                    assert_eq!(kept, reason.trim());
                    assert!(!kept.is_empty());
                    assert_eq!(out.status, MeetingStatus::Draft);
                }
                (Transition::Reject { .. }, None) => panic!("a return keeps its reason"),
                (_, Some(r)) => panic!("{t:?} invented a reason {r:?}"),
                (_, None) => {}
            }
        }
        Err(WorkflowError::InvalidTransition { from, action }) => {
            assert_eq!((*from, *action), (s.status, t.name()));
        }
        Err(WorkflowError::Forbidden { action }) => assert_eq!(*action, t.name()),
        Err(WorkflowError::ReasonRequired) => {
            assert!(matches!(t, Transition::Reject { reason } if reason.trim().is_empty()));
        }
        Err(WorkflowError::EmptyAgenda) => assert_eq!(s.agenda_items, 0),
    }
    // Who asks decides whether, never where to.
    if let (Ok(a), Ok(b)) = (&result, apply(s, other.0, other.1, t)) {
        assert_eq!(*a, b, "{t:?} from {s:?} by {actor:?}/{rel:?} and by {other:?}");
    }
}

fn any_state() -> impl Strategy<Value = WorkflowState> {
    select(every_state())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Decisions are well-formed from every state, consistent or not.
    #[test]
    fn any_single_decision(s in any_state(), who in actor(), t in transition(), other in actor()) {
        check_step(&s, who, &t, other);
    }

    /// Walks from draft: the state stays consistent and approval needs both reviewers,
    /// in order, within one round of review.
    #[test]
    fn walks_from_draft(
        agenda_items in 0usize..3,
        steps in proptest::collection::vec((actor(), transition(), actor()), 0..60),
    ) {
        let mut s = WorkflowState { status: MeetingStatus::Draft, review_stage: None, agenda_items };
        let mut round: Vec<(Actor, Relation)> = Vec::new();
        for (who, t, other) in steps {
            check_step(&s, who, &t, other);
            let Ok(out) = apply(&s, who.0, who.1, &t) else { continue };
            if s.status == MeetingStatus::Draft {
                round.clear();
            }
            if matches!(t, Transition::Approve) {
                round.push(who);
            }
            if out.status == MeetingStatus::Approved && s.status == MeetingStatus::InReview {
                prop_assert_eq!(round.len(), 2, "two approvals in this round");
                prop_assert_eq!(round[0].0.role, Role::ChiefOfOffice, "the chief of office first");
                prop_assert!(round[1].1.chair, "then the meeting's chair");
            }
            s = next(&s, &out);
            prop_assert_eq!(s.review_stage.is_some(), s.status == MeetingStatus::InReview);
        }
    }
}
