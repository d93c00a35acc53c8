//! The meeting state machine: draft → in review (chief of office, then chair) →
//! approved → published → live → ended → archived. A rejection returns the meeting
//! to draft with a reason; the secretary may withdraw a meeting from review.

use crate::access::{Actor, Relation};
use crate::rules::{self, Field};
use crate::types::{MeetingStatus, ReviewStage, Role};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkflowState {
    pub status: MeetingStatus,
    pub review_stage: Option<ReviewStage>,
    pub agenda_items: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Transition {
    /// Trình duyệt: the secretary sends the meeting for review.
    Submit,
    /// The secretary takes it back to draft.
    Withdraw,
    /// Phê duyệt.
    Approve,
    /// Trả lại, kèm lý do.
    Reject {
        reason: String,
    },
    /// Phát hành: the pack goes to the invitees.
    Publish,
    Start,
    End,
    Archive,
}

crate::vocabulary! {
    /// The kinds of [`Transition`], named as on the wire (`{"action": "submit"}`) and in
    /// the audit log.
    pub TransitionKind {
        Submit = "submit",
        Withdraw = "withdraw",
        Approve = "approve",
        Reject = "reject",
        Publish = "publish",
        Start = "start",
        End = "end",
        Archive = "archive",
    }
}

impl TransitionKind {
    /// The transition of this kind; a rejection carries `reason`.
    pub fn with_reason(self, reason: &str) -> Transition {
        match self {
            Self::Submit => Transition::Submit,
            Self::Withdraw => Transition::Withdraw,
            Self::Approve => Transition::Approve,
            Self::Reject => Transition::Reject { reason: reason.to_owned() },
            Self::Publish => Transition::Publish,
            Self::Start => Transition::Start,
            Self::End => Transition::End,
            Self::Archive => Transition::Archive,
        }
    }
}

impl Transition {
    pub fn kind(&self) -> TransitionKind {
        match self {
            Self::Submit => TransitionKind::Submit,
            Self::Withdraw => TransitionKind::Withdraw,
            Self::Approve => TransitionKind::Approve,
            Self::Reject { .. } => TransitionKind::Reject,
            Self::Publish => TransitionKind::Publish,
            Self::Start => TransitionKind::Start,
            Self::End => TransitionKind::End,
            Self::Archive => TransitionKind::Archive,
        }
    }

    pub fn name(&self) -> &'static str {
        self.kind().as_str()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WorkflowError {
    #[error("you may not {action} this meeting")]
    Forbidden { action: &'static str },
    #[error("cannot {action} a meeting that is {from}")]
    InvalidTransition { from: MeetingStatus, action: &'static str },
    #[error("the agenda is empty")]
    EmptyAgenda,
    #[error("a reason is required to return a meeting")]
    ReasonRequired,
}

impl WorkflowError {
    /// The request field a validation failure is about.
    pub fn field(&self) -> Option<Field> {
        match self {
            Self::ReasonRequired => Some(Field::Reason),
            Self::Forbidden { .. } | Self::InvalidTransition { .. } | Self::EmptyAgenda => None,
        }
    }
}

/// The state after a transition, and the reason when it was a rejection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub status: MeetingStatus,
    pub review_stage: Option<ReviewStage>,
    pub rejection_reason: Option<String>,
}

/// Decide a transition. Pure: the caller stores the outcome.
pub fn apply(
    state: &WorkflowState,
    actor: Actor,
    rel: Relation,
    transition: &Transition,
) -> Result<Outcome, WorkflowError> {
    use MeetingStatus as S;
    let action = transition.name();
    let owner = rel.owner && actor.role == Role::Secretary;
    let forbidden = WorkflowError::Forbidden { action };
    let invalid = WorkflowError::InvalidTransition { from: state.status, action };
    let to = |status, review_stage| Outcome { status, review_stage, rejection_reason: None };

    match transition {
        Transition::Submit => {
            require(owner, forbidden)?;
            require(state.status == S::Draft, invalid)?;
            require(state.agenda_items > 0, WorkflowError::EmptyAgenda)?;
            Ok(to(S::InReview, Some(ReviewStage::ChiefOfOffice)))
        }
        Transition::Withdraw => {
            require(owner, forbidden)?;
            require(matches!(state.status, S::InReview | S::Approved), invalid)?;
            Ok(to(S::Draft, None))
        }
        Transition::Approve | Transition::Reject { .. } => {
            require(state.status == S::InReview, invalid)?;
            let may = match state.review_stage {
                Some(ReviewStage::ChiefOfOffice) => actor.role == Role::ChiefOfOffice,
                Some(ReviewStage::Chair) => rel.chair,
                None => false,
            };
            require(may, forbidden)?;
            if let Transition::Reject { reason } = transition {
                let reason = rules::return_reason(reason).map_err(|_| WorkflowError::ReasonRequired)?;
                return Ok(Outcome { status: S::Draft, review_stage: None, rejection_reason: Some(reason.to_owned()) });
            }
            Ok(match state.review_stage {
                Some(ReviewStage::ChiefOfOffice) => to(S::InReview, Some(ReviewStage::Chair)),
                _ => to(S::Approved, None),
            })
        }
        Transition::Publish => {
            require(owner || rel.chair, forbidden)?;
            require(state.status == S::Approved, invalid)?;
            Ok(to(S::Published, None))
        }
        Transition::Start | Transition::End => {
            require(rel.chair, forbidden)?;
            let (from, next) =
                if matches!(transition, Transition::Start) { (S::Published, S::Live) } else { (S::Live, S::Ended) };
            require(state.status == from, invalid)?;
            Ok(to(next, None))
        }
        Transition::Archive => {
            require(owner || rel.chair, forbidden)?;
            require(state.status == S::Ended, invalid)?;
            Ok(to(S::Archived, None))
        }
    }
}

fn require(cond: bool, err: WorkflowError) -> Result<(), WorkflowError> {
    if cond { Ok(()) } else { Err(err) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRETARY: Actor = Actor { role: Role::Secretary };
    const CHIEF: Actor = Actor { role: Role::ChiefOfOffice };
    const CHAIR: Actor = Actor { role: Role::Chair };
    const OWNER: Relation = Relation { owner: true, chair: false, delegate: false, bridge_point: false, deputy: false };
    const CHAIRS: Relation =
        Relation { owner: false, chair: true, delegate: false, bridge_point: false, deputy: false };
    const NONE: Relation = Relation { owner: false, chair: false, delegate: false, bridge_point: false, deputy: false };

    fn step(s: &mut WorkflowState, actor: Actor, rel: Relation, t: Transition) -> Result<(), WorkflowError> {
        let out = apply(s, actor, rel, &t)?;
        s.status = out.status;
        s.review_stage = out.review_stage;
        Ok(())
    }

    #[test]
    fn the_whole_path() {
        let mut s = WorkflowState { status: MeetingStatus::Draft, review_stage: None, agenda_items: 3 };
        step(&mut s, SECRETARY, OWNER, Transition::Submit).unwrap();
        assert_eq!(
            step(&mut s, CHAIR, CHAIRS, Transition::Approve),
            Err(WorkflowError::Forbidden { action: "approve" })
        );
        step(&mut s, CHIEF, NONE, Transition::Approve).unwrap();
        assert_eq!(s.review_stage, Some(ReviewStage::Chair));
        assert!(step(&mut s, CHIEF, NONE, Transition::Approve).is_err());
        step(&mut s, CHAIR, CHAIRS, Transition::Approve).unwrap();
        assert_eq!(s.status, MeetingStatus::Approved);
        step(&mut s, SECRETARY, OWNER, Transition::Publish).unwrap();
        step(&mut s, CHAIR, CHAIRS, Transition::Start).unwrap();
        step(&mut s, CHAIR, CHAIRS, Transition::End).unwrap();
        step(&mut s, SECRETARY, OWNER, Transition::Archive).unwrap();
        assert_eq!(s.status, MeetingStatus::Archived);
    }

    #[test]
    fn rejection_needs_a_reason_and_returns_to_draft() {
        let s = WorkflowState {
            status: MeetingStatus::InReview,
            review_stage: Some(ReviewStage::ChiefOfOffice),
            agenda_items: 1,
        };
        let blank = Transition::Reject { reason: "  ".into() };
        assert_eq!(apply(&s, CHIEF, NONE, &blank), Err(WorkflowError::ReasonRequired));
        let out = apply(&s, CHIEF, NONE, &Transition::Reject { reason: "Thiếu tờ trình".into() }).unwrap();
        assert_eq!(out.status, MeetingStatus::Draft);
        assert_eq!(out.rejection_reason.as_deref(), Some("Thiếu tờ trình"));
    }

    #[test]
    fn transition_kinds_name_the_wire_tag() {
        crate::types::tests::round_trips::<TransitionKind>();
        for &kind in TransitionKind::ALL {
            let t = kind.with_reason("x");
            assert_eq!(t.kind(), kind);
            let wire = serde_json::to_value(&t).unwrap();
            assert_eq!(wire["action"], kind.as_str(), "{t:?}");
            assert_eq!(serde_json::from_value::<Transition>(wire).unwrap(), t);
        }
    }

    #[test]
    fn an_empty_agenda_cannot_be_submitted() {
        let s = WorkflowState { status: MeetingStatus::Draft, review_stage: None, agenda_items: 0 };
        assert_eq!(apply(&s, SECRETARY, OWNER, &Transition::Submit), Err(WorkflowError::EmptyAgenda));
    }

    #[test]
    fn only_listed_moves_exist() {
        // From every state, by every kind of actor, an outcome is one of the moves the
        // diagram allows; everything else is refused.
        let allowed = |from: MeetingStatus, to: MeetingStatus| {
            use MeetingStatus as S;
            matches!(
                (from, to),
                (S::Draft, S::InReview)
                    | (S::InReview, S::InReview)
                    | (S::InReview, S::Approved)
                    | (S::InReview, S::Draft)
                    | (S::Approved, S::Draft)
                    | (S::Approved, S::Published)
                    | (S::Published, S::Live)
                    | (S::Live, S::Ended)
                    | (S::Ended, S::Archived)
            )
        };
        let ts: Vec<Transition> = TransitionKind::ALL.iter().map(|k| k.with_reason("x")).collect();
        for &status in MeetingStatus::ALL {
            for stage in [None, Some(ReviewStage::ChiefOfOffice), Some(ReviewStage::Chair)] {
                let s = WorkflowState { status, review_stage: stage, agenda_items: 2 };
                for &role in Role::ALL {
                    for rel in [OWNER, CHAIRS, NONE] {
                        for t in &ts {
                            if let Ok(out) = apply(&s, Actor { role }, rel, t) {
                                assert!(allowed(status, out.status), "{status} -> {} by {role} via {t:?}", out.status);
                            }
                        }
                    }
                }
            }
        }
    }
}
