//! The secretary's aggregation under random sequences of merges, assignments, answers and
//! withdrawals, applied as the server applies them (each step only when the rules of
//! `ecab_core::questions` allow it): nobody who sent a question is ever lost.

use std::collections::BTreeSet;

use ecab_core::QuestionStatus;
use ecab_core::questions::{after_assignment, can_merge, merged_authors};
use proptest::prelude::*;

#[derive(Clone, Debug)]
struct Q {
    authors: Vec<u8>,
    status: QuestionStatus,
    merged_into: Option<usize>,
    unit: Option<u8>,
}

#[derive(Clone, Debug)]
enum Step {
    /// Merge these into the first.
    Merge(usize, Vec<usize>),
    Assign(usize, Option<u8>),
    Answer(usize),
    Withdraw(usize),
}

fn step(n: usize) -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..n, proptest::collection::vec(0..n, 1..4)).prop_map(|(t, s)| Step::Merge(t, s)),
        (0..n, proptest::option::of(0..3u8)).prop_map(|(q, u)| Step::Assign(q, u)),
        (0..n).prop_map(Step::Answer),
        (0..n).prop_map(Step::Withdraw),
    ]
}

/// Apply a step as the server does: refused steps change nothing.
fn apply(qs: &mut [Q], s: &Step) {
    match s {
        Step::Merge(t, sources) => {
            let mut ids: Vec<usize> = Vec::new();
            for i in sources {
                if !ids.contains(i) {
                    ids.push(*i);
                }
            }
            if ids.iter().any(|&i| can_merge(qs[*t].status, qs[i].status, i == *t).is_err()) {
                return;
            }
            let lists: Vec<Vec<u8>> = ids.iter().map(|&i| qs[i].authors.clone()).collect();
            let refs: Vec<&[u8]> = lists.iter().map(Vec::as_slice).collect();
            qs[*t].authors = merged_authors(&qs[*t].authors, &refs);
            for i in ids {
                qs[i].status = QuestionStatus::Merged;
                qs[i].merged_into = Some(*t);
            }
        }
        Step::Assign(q, unit) => {
            if let Ok(status) = after_assignment(qs[*q].status, unit.map(|u| qs[*q].unit == Some(u))) {
                qs[*q].status = status;
                qs[*q].unit = *unit;
            }
        }
        Step::Answer(q) => {
            if qs[*q].status == QuestionStatus::Assigned {
                qs[*q].status = QuestionStatus::Answered;
            }
        }
        Step::Withdraw(q) => {
            if qs[*q].status == QuestionStatus::Submitted {
                qs[*q].status = QuestionStatus::Withdrawn;
            }
        }
    }
}

/// The open question a question ended in (itself, or where its merges lead).
fn resting_place(qs: &[Q], mut i: usize) -> usize {
    let mut hops = 0;
    while let Some(next) = qs[i].merged_into {
        i = next;
        hops += 1;
        assert!(hops <= qs.len(), "a merge cycle: {qs:?}");
    }
    i
}

proptest! {
    #[test]
    fn merges_never_lose_an_author(
        authors in proptest::collection::vec(0..6u8, 2..8),
        steps in proptest::collection::vec(step(8), 0..40),
    ) {
        let mut qs: Vec<Q> = authors.iter().map(|a| Q { authors: vec![*a], status: QuestionStatus::Submitted, merged_into: None, unit: None }).collect();
        for s in &steps {
            if let Step::Merge(t, src) = s && (*t >= qs.len() || src.iter().any(|i| *i >= qs.len())) {
                continue;
            }
            if let Step::Assign(q, _) | Step::Answer(q) | Step::Withdraw(q) = s && *q >= qs.len() {
                continue;
            }
            apply(&mut qs, s);
        }
        for (i, q) in qs.iter().enumerate() {
            let unique: BTreeSet<u8> = q.authors.iter().copied().collect();
            prop_assert_eq!(unique.len(), q.authors.len(), "each author once: {:?}", q);
            // Every original author is still an author where their question rests.
            let rest = resting_place(&qs, i);
            prop_assert!(qs[rest].status.is_open() || qs[rest].status == QuestionStatus::Withdrawn, "{:?}", qs);
            prop_assert!(qs[rest].authors.contains(&authors[i]), "author {} of {} lost: {:?}", authors[i], i, qs);
            prop_assert_eq!(q.status == QuestionStatus::Merged, q.merged_into.is_some());
            if q.status == QuestionStatus::Answered {
                prop_assert!(q.unit.is_some(), "an answer comes from an assigned unit: {:?}", q);
            }
        }
    }
}
