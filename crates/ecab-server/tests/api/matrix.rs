//! The permission matrix: every operation of the OpenAPI description, called by every kind
//! of user, each operation on a fresh server (and again fresh after any write that was
//! let through). What each call should answer is derived from `ecab-core`'s rules and the
//! server's own mapping of their refusals, never typed by hand. An operation of the
//! description without a case here fails the test. `MATRIX_ONLY=<operation name>` runs one.

use ecab_core::access::{
    Denied, can_create_meeting, can_edit_meeting, can_manage_directory, can_view_document, can_view_meeting,
};
use ecab_core::annotations::{can_annotate, can_change_annotation};
use ecab_core::attendance::can_reply;
use ecab_core::polls::{self, PollDenied, PollFacts};
use ecab_core::questions::{
    QuestionDenied, QuestionFacts, can_aggregate, can_answer, can_change_own, can_merge, can_submit, can_view_question,
};
use ecab_core::reading::{can_report_read, can_view_reads};
use ecab_core::workflow::{WorkflowState, apply};
use ecab_core::{Actor, Attendance, Confidentiality, MeetingStatus, Relation, ReviewStage, Role, Transition, speaking};
use ecab_protocol::ops::{ALL, Input, OpInfo, Output};
use ecab_server::error::AppError;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::common::{Client, PASSWORD, Server, asset, new_meeting_body, user_id};

const ACTORS: &[&str] = &[
    "admin",
    "thuky",
    "chanhvanphong",
    "chutich",
    "phochutich",
    "daibieu01",
    "daibieu02",
    "daibieu05",
    "diemcau01",
    "diemcau25",
];

/// What a call is checked against: a rule of `ecab-core`, on a meeting of the demo.
#[derive(Clone, Copy)]
enum Rule {
    /// Anyone (health, sign-in).
    Anyone,
    /// Anyone signed in.
    SignedIn,
    /// Administrators (`can_manage_directory`).
    Directory,
    /// `can_create_meeting`.
    CreateMeeting,
    /// `can_create_meeting`, then seeing the source.
    Copy(Target),
    View(Target),
    Edit(Target),
    ViewDocument(Target, Confidentiality),
    Transition(Target, fn() -> Transition),
    /// `can_submit` on the published meeting, now.
    Submit,
    /// `can_aggregate` on the published meeting.
    AggregateMeeting,
    /// A rule of `ecab_core::questions` on one of the published meeting's demo questions.
    Question(QuestionRule, Pick),
    /// `can_reply` for daibieu01 on the published meeting.
    Reply,
    /// `speaking::can_register` on the published meeting, with the caller's reply.
    Register,
    /// `speaking::can_withdraw` of the demo registration (daibieu05's).
    WithdrawSpeaker,
    /// `reading::can_report_read` on the published meeting's normal document.
    ReportRead,
    /// `reading::can_view_reads` on the published meeting.
    ViewReads,
    /// `annotations::can_annotate` on the document of the demo's shared note.
    Annotate,
    /// `annotations::can_change_annotation` of the demo's shared note (daibieu05's).
    ChangeAnnotation,
    /// `questions::can_view_briefing` on the published meeting.
    Briefing,
    /// `polls::can_prepare` on the written meeting.
    PreparePoll,
    /// A rule of `ecab_core::polls` on one of the written meeting's demo polls.
    Poll(PollRule, PollPick),
}

#[derive(Clone, Copy)]
enum PollRule {
    /// `sees_answers`, once sent.
    Result,
    Edit,
    Send,
    Close,
    Answer,
}

/// Which demo poll of the written meeting.
#[derive(Clone, Copy)]
enum PollPick {
    Open,
    Draft,
}

#[derive(Clone, Copy)]
enum QuestionRule {
    ChangeOwn,
    Withdraw,
    Aggregate,
    /// Merging the open question into the assigned one.
    Merge,
    Answer,
}

/// Which demo question of the published meeting.
#[derive(Clone, Copy)]
enum Pick {
    /// daibieu01's, assigned to the presenting unit (Sở Kế hoạch và Đầu tư).
    Assigned,
    /// daibieu05's, only submitted.
    Open,
}

#[derive(Clone, Copy, PartialEq)]
enum Target {
    /// The secretary's draft ("giao ban Văn phòng").
    Draft,
    /// The published regular meeting ("thường kỳ"), with a confidential document.
    Published,
    /// The published written meeting ("bằng văn bản"), with polls.
    Written,
}

/// One call: the rule, the path's parameters and the body.
struct Case {
    rule: Rule,
    params: Vec<String>,
    body: Option<Value>,
}

/// What the demo holds that the cases name.
struct Demo {
    draft: String,
    published: String,
    draft_item: String,
    draft_items: Vec<String>,
    normal_doc: (String, String),
    confidential_doc: (String, String),
    user: String,
    unit: String,
    bridge_point: String,
    meeting_body: Value,
    assigned_q: Value,
    open_q: Value,
    third_on_first_item: String,
    skhdt: String,
    daibieu01: String,
    published_item: String,
    speaker: Value,
    /// The shared note of the published meeting, and its document's id and version.
    note: Value,
    note_doc: (String, String),
    /// The written meeting ("bằng văn bản"), its first document, its open and draft polls.
    written: String,
    written_doc: String,
    open_poll: Value,
    draft_poll: Value,
}

impl Demo {
    async fn read(thuky: &Client<'_>) -> Demo {
        let draft = thuky.meeting_id("giao ban Văn phòng").await;
        let published = thuky.meeting_id("thường kỳ").await;
        let (_, d) = thuky.get(&format!("/api/v1/meetings/{draft}")).await;
        let draft_items: Vec<String> =
            d["agenda"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_owned()).collect();
        let (_, p) = thuky.get(&format!("/api/v1/meetings/{published}")).await;
        let doc = |conf: &str| {
            let d = p["documents"].as_array().unwrap().iter().find(|d| d["confidentiality"] == conf).unwrap();
            (d["id"].as_str().unwrap().to_owned(), d["current"]["sha256"].as_str().unwrap().to_owned())
        };
        let (_, units) = thuky.get("/api/v1/units").await;
        let (_, bps) = thuky.get("/api/v1/bridge-points").await;
        let (_, qs) = thuky.get(&format!("/api/v1/meetings/{published}/questions")).await;
        let written_by = |name: &'static str| {
            let qs = qs.clone();
            async move {
                let id = user_id(thuky, name).await;
                qs.as_array().unwrap().iter().find(|q| q["authors"][0] == id.as_str()).unwrap().clone()
            }
        };
        let (assigned_q, open_q) = (written_by("daibieu01").await, written_by("daibieu05").await);
        let third_on_first_item = qs
            .as_array()
            .unwrap()
            .iter()
            .find(|q| {
                q["agenda_item_id"] == open_q["agenda_item_id"]
                    && q["id"] != open_q["id"]
                    && q["id"] != assigned_q["id"]
            })
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let published_item = p["agenda"][1]["id"].as_str().unwrap().to_owned();
        let speaker = p["speakers"][0].clone();
        let mut note = Value::Null;
        for d in p["documents"].as_array().unwrap() {
            let (_, list) = thuky.get(&format!("/api/v1/documents/{}/annotations", d["id"].as_str().unwrap())).await;
            if let Some(first) = list.as_array().and_then(|l| l.first()) {
                note = first.clone();
            }
        }
        let note_doc = p["documents"].as_array().unwrap().iter().find(|d| d["id"] == note["document_id"]).unwrap();
        let note_doc =
            (note_doc["id"].as_str().unwrap().to_owned(), note_doc["current"]["sha256"].as_str().unwrap().to_owned());
        let written = thuky.meeting_id("bằng văn bản").await;
        let (_, w) = thuky.get(&format!("/api/v1/meetings/{written}")).await;
        let (_, ps) = thuky.get(&format!("/api/v1/meetings/{written}/polls")).await;
        let poll = |status: &str| ps.as_array().unwrap().iter().find(|p| p["status"] == status).unwrap().clone();
        Demo {
            written_doc: w["documents"][0]["id"].as_str().unwrap().to_owned(),
            open_poll: poll("open"),
            draft_poll: poll("draft"),
            written,
            note,
            note_doc,
            daibieu01: user_id(thuky, "daibieu01").await,
            published_item,
            speaker,
            assigned_q,
            open_q,
            third_on_first_item,
            skhdt: units.as_array().unwrap().iter().find(|u| u["code"] == "SKHDT").unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned(),
            draft_item: draft_items[0].clone(),
            draft_items,
            normal_doc: doc("normal"),
            confidential_doc: doc("confidential"),
            user: user_id(thuky, "daibieu20").await,
            unit: units[0]["id"].as_str().unwrap().to_owned(),
            bridge_point: bps[0]["id"].as_str().unwrap().to_owned(),
            meeting_body: new_meeting_body(thuky, "Cuộc họp thử quyền").await,
            draft,
            published,
        }
    }

    fn question(&self, p: Pick) -> &Value {
        match p {
            Pick::Assigned => &self.assigned_q,
            Pick::Open => &self.open_q,
        }
    }

    fn question_id(&self, p: Pick) -> String {
        self.question(p)["id"].as_str().unwrap().to_owned()
    }

    fn poll(&self, p: PollPick) -> &Value {
        match p {
            PollPick::Open => &self.open_poll,
            PollPick::Draft => &self.draft_poll,
        }
    }

    fn poll_id(&self, p: PollPick) -> String {
        self.poll(p)["id"].as_str().unwrap().to_owned()
    }

    fn meeting(&self, t: Target) -> String {
        match t {
            Target::Draft => self.draft.clone(),
            Target::Published => self.published.clone(),
            Target::Written => self.written.clone(),
        }
    }
}

/// The case of every operation. A new operation lands in the `None` arm until it has one.
fn case(op: &OpInfo, d: &Demo, actor: &str) -> Option<Case> {
    use Target::*;
    let c = |rule, params: Vec<String>, body: Option<Value>| Some(Case { rule, params, body });
    match op.name {
        "health" => c(Rule::Anyone, vec![], None),
        "login" => c(Rule::Anyone, vec![], Some(json!({ "username": actor, "password": PASSWORD }))),
        "logout" | "me" | "list_users" | "list_units" | "list_bridge_points" | "list_meetings" | "sync"
        | "list_notifications" => c(Rule::SignedIn, vec![], None),
        "change_password" => c(
            Rule::SignedIn,
            vec![],
            Some(json!({ "current_password": PASSWORD, "new_password": "một-mật-khẩu-mới-dài" })),
        ),
        "create_user" => c(
            Rule::Directory,
            vec![],
            Some(json!({ "username": "nguoimoi", "full_name": "Người Mới", "role": "delegate", "password": PASSWORD })),
        ),
        "update_user" => c(Rule::Directory, vec![d.user.clone()], Some(json!({ "full_name": "Đại biểu Hai Mươi" }))),
        "create_unit" => {
            c(Rule::Directory, vec![], Some(json!({ "code": "X", "name": "Đơn vị thử", "kind": "department" })))
        }
        "update_unit" => c(Rule::Directory, vec![d.unit.clone()], Some(json!({ "name": "Đơn vị đổi tên" }))),
        "create_bridge_point" => c(Rule::Directory, vec![], Some(json!({ "name": "Điểm cầu thử" }))),
        "update_bridge_point" => {
            c(Rule::Directory, vec![d.bridge_point.clone()], Some(json!({ "location": "Tầng 2" })))
        }
        "audit" => c(Rule::Directory, vec![], None),
        "create_meeting" => c(Rule::CreateMeeting, vec![], Some(d.meeting_body.clone())),
        "get_meeting" => c(Rule::View(Published), vec![d.published.clone()], None),
        "update_meeting" => c(Rule::Edit(Draft), vec![d.draft.clone()], Some(json!({ "place": "Phòng 5" }))),
        "transition" => c(
            Rule::Transition(Draft, || Transition::Submit),
            vec![d.draft.clone()],
            Some(json!({ "action": "submit" })),
        ),
        "copy_meeting" => c(Rule::Copy(Published), vec![d.published.clone()], Some(json!({ "date": "2031-03-02" }))),
        "set_invitees" => {
            c(Rule::Edit(Draft), vec![d.draft.clone()], Some(json!({ "delegate_ids": [], "bridge_point_ids": [] })))
        }
        "add_agenda_item" => c(Rule::Edit(Draft), vec![d.draft.clone()], Some(json!({ "title": "Mục bổ sung" }))),
        "update_agenda_item" => c(Rule::Edit(Draft), vec![d.draft_item.clone()], Some(json!({ "minutes": 20 }))),
        "remove_agenda_item" => c(Rule::Edit(Draft), vec![d.draft_item.clone()], None),
        "reorder_agenda" => {
            let mut order = d.draft_items.clone();
            order.reverse();
            c(Rule::Edit(Draft), vec![d.draft.clone()], Some(json!({ "item_ids": order })))
        }
        "upload_document" => c(
            Rule::Edit(Published),
            vec![d.published.clone()],
            Some(json!({ "title": "Tài liệu bổ sung", "kind": "report" })),
        ),
        "add_version" => c(Rule::Edit(Published), vec![d.normal_doc.0.clone()], Some(json!({}))),
        "update_document" => {
            c(Rule::Edit(Published), vec![d.normal_doc.0.clone()], Some(json!({ "title": "Báo cáo (sửa)" })))
        }
        "revoke_document" => c(Rule::Edit(Published), vec![d.normal_doc.0.clone()], None),
        "get_document" => {
            c(Rule::ViewDocument(Published, Confidentiality::Confidential), vec![d.confidential_doc.0.clone()], None)
        }
        "document_text" => {
            c(Rule::ViewDocument(Published, Confidentiality::Confidential), vec![d.confidential_doc.0.clone()], None)
        }
        "page_text" => c(
            Rule::ViewDocument(Published, Confidentiality::Confidential),
            vec![d.confidential_doc.0.clone(), "0".into()],
            None,
        ),
        "page_image" => {
            c(Rule::ViewDocument(Published, Confidentiality::Normal), vec![d.normal_doc.0.clone(), "0".into()], None)
        }
        "blob" => {
            c(Rule::ViewDocument(Published, Confidentiality::Confidential), vec![d.confidential_doc.1.clone()], None)
        }
        "list_questions" | "list_replies" | "list_speakers" => {
            c(Rule::View(Published), vec![d.published.clone()], None)
        }
        "set_reply" => {
            c(Rule::Reply, vec![d.published.clone(), d.daibieu01.clone()], Some(json!({ "status": "attending" })))
        }
        "register_to_speak" => c(
            Rule::Register,
            vec![d.published.clone()],
            Some(json!({ "id": uuid::Uuid::now_v7(), "agenda_item_id": d.published_item, "topic": "Thử quyền" })),
        ),
        "report_read" => {
            c(Rule::ReportRead, vec![d.normal_doc.0.clone()], Some(json!({ "version": 1, "at": chrono::Utc::now() })))
        }
        "list_reads" => c(Rule::ViewReads, vec![d.published.clone()], None),
        "list_annotations" | "export_annotated" => {
            c(Rule::ViewDocument(Published, Confidentiality::Normal), vec![d.note_doc.0.clone()], None)
        }
        "create_annotation" => c(
            Rule::Annotate,
            vec![d.note_doc.0.clone()],
            Some(json!({ "id": uuid::Uuid::now_v7(), "kind": "note", "color": "blue", "note": "Thử quyền",
                         "anchor": { "sha256": d.note_doc.1, "page": 0, "point": { "x": 0.5, "y": 0.5 } } })),
        ),
        "update_annotation" => {
            c(Rule::ChangeAnnotation, vec![d.note["id"].as_str().unwrap().to_owned()], Some(json!({ "color": "red" })))
        }
        "delete_annotation" => c(Rule::ChangeAnnotation, vec![d.note["id"].as_str().unwrap().to_owned()], None),
        "withdraw_speaker" => c(Rule::WithdrawSpeaker, vec![d.speaker["id"].as_str().unwrap().to_owned()], None),
        "submit_question" => c(
            Rule::Submit,
            vec![d.published.clone()],
            Some(json!({ "id": uuid::Uuid::now_v7(), "kind": "opinion", "text": "Ý kiến thử quyền" })),
        ),
        "update_question" => c(
            Rule::Question(QuestionRule::ChangeOwn, Pick::Open),
            vec![d.question_id(Pick::Open)],
            Some(json!({ "text": "Câu hỏi (sửa)" })),
        ),
        "withdraw_question" => {
            c(Rule::Question(QuestionRule::Withdraw, Pick::Open), vec![d.question_id(Pick::Open)], None)
        }
        "merge_questions" => c(
            Rule::Question(QuestionRule::Merge, Pick::Assigned),
            vec![d.question_id(Pick::Assigned)],
            Some(json!({ "question_ids": [d.question_id(Pick::Open)] })),
        ),
        "reorder_questions" => {
            let item = d.open_q["agenda_item_id"].clone();
            let (assigned, open) = (d.question_id(Pick::Assigned), d.question_id(Pick::Open));
            // The demo's first item holds these two and one more opinion, in this order.
            let third = d.third_on_first_item.clone();
            c(
                Rule::AggregateMeeting,
                vec![d.published.clone()],
                Some(json!({ "agenda_item_id": item, "question_ids": [third, open, assigned] })),
            )
        }
        "mark_question" => c(
            Rule::Question(QuestionRule::Aggregate, Pick::Open),
            vec![d.question_id(Pick::Open)],
            Some(json!({ "for_discussion": true })),
        ),
        "assign_question" => c(
            Rule::Question(QuestionRule::Aggregate, Pick::Open),
            vec![d.question_id(Pick::Open)],
            Some(json!({ "unit_id": d.skhdt })),
        ),
        "answer_question" => c(
            Rule::Question(QuestionRule::Answer, Pick::Assigned),
            vec![d.question_id(Pick::Assigned)],
            Some(json!({ "text": "Trả lời thử quyền" })),
        ),
        "list_polls" => c(Rule::View(Written), vec![d.written.clone()], None),
        "poll_result" => c(Rule::Poll(PollRule::Result, PollPick::Open), vec![d.poll_id(PollPick::Open)], None),
        "briefing" => c(Rule::Briefing, vec![d.published.clone()], None),
        "create_poll" => c(
            Rule::PreparePoll,
            vec![d.written.clone()],
            Some(json!({ "id": uuid::Uuid::now_v7(), "document_id": d.written_doc, "question": "Thử quyền?",
                         "deadline": chrono::Utc::now() + chrono::Duration::days(1) })),
        ),
        "edit_poll" => c(
            Rule::Poll(PollRule::Edit, PollPick::Draft),
            vec![d.poll_id(PollPick::Draft)],
            Some(json!({ "question": "Thử quyền (sửa)?", "deadline": chrono::Utc::now() + chrono::Duration::days(1) })),
        ),
        "delete_poll" => c(Rule::Poll(PollRule::Edit, PollPick::Draft), vec![d.poll_id(PollPick::Draft)], None),
        "send_poll" => c(Rule::Poll(PollRule::Send, PollPick::Draft), vec![d.poll_id(PollPick::Draft)], None),
        "close_poll" => c(Rule::Poll(PollRule::Close, PollPick::Open), vec![d.poll_id(PollPick::Open)], None),
        "answer_poll" => c(
            Rule::Poll(PollRule::Answer, PollPick::Open),
            vec![d.poll_id(PollPick::Open)],
            Some(json!({ "choice": "agree" })),
        ),
        _ => None,
    }
}

/// How `actor` stands to a meeting, read as its secretary sees it.
async fn relation(
    thuky: &Client<'_>,
    meeting: &str,
    actor_id: &str,
) -> (Relation, MeetingStatus, Option<ReviewStage>, usize) {
    let (_, d) = thuky.get(&format!("/api/v1/meetings/{meeting}")).await;
    let (_, bps) = thuky.get("/api/v1/bridge-points").await;
    let m = &d["meeting"];
    let invited_bps: Vec<&Value> = d["invitees"]["bridge_point_ids"].as_array().unwrap().iter().collect();
    let invited = d["invitees"]["delegate_ids"].as_array().unwrap().iter().any(|x| x == actor_id);
    let deputy = d["replies"].as_array().unwrap().iter().any(|r| r["status"] == "deputy" && r["deputy_id"] == actor_id);
    let rel = Relation {
        owner: m["secretary_id"] == actor_id,
        chair: m["chair_id"] == actor_id,
        delegate: invited || deputy,
        deputy: deputy && !invited,
        bridge_point: bps
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["account_id"] == actor_id && invited_bps.contains(&&b["id"])),
    };
    let status = serde_json::from_value(m["status"].clone()).unwrap();
    let stage = serde_json::from_value(m["review_stage"].clone()).unwrap();
    (rel, status, stage, d["agenda"].as_array().unwrap().len())
}

fn refused(d: Denied) -> u16 {
    AppError::denied(d, "it").status.as_u16()
}

/// The answer `ecab-core`'s rules call for.
async fn expected(rule: Rule, op: &OpInfo, role: Role, actor_id: &str, thuky: &Client<'_>, demo: &Demo) -> u16 {
    let actor = Actor { role };
    let ok = op.status;
    let target = match rule {
        Rule::Anyone | Rule::SignedIn => return ok,
        Rule::Directory => return if can_manage_directory(actor) { ok } else { 403 },
        Rule::CreateMeeting => return if can_create_meeting(actor) { ok } else { 403 },
        Rule::Copy(t) if !can_create_meeting(actor) => {
            let _ = t;
            return 403;
        }
        Rule::Copy(t) | Rule::View(t) | Rule::Edit(t) | Rule::ViewDocument(t, _) | Rule::Transition(t, _) => t,
        Rule::Submit | Rule::AggregateMeeting | Rule::Question(..) | Rule::Briefing => {
            return expected_of_question(rule, op, actor, actor_id, thuky, demo).await;
        }
        Rule::Reply | Rule::Register | Rule::WithdrawSpeaker => {
            return expected_of_attendance(rule, op, actor, actor_id, thuky, demo).await;
        }
        Rule::ReportRead | Rule::ViewReads => {
            let (rel, status, _, _) = relation(thuky, &demo.published, actor_id).await;
            let verdict = match rule {
                Rule::ReportRead => can_report_read(actor, rel, status, Confidentiality::Normal),
                _ => can_view_meeting(actor, rel, status)
                    .and_then(|()| if can_view_reads(actor, rel) { Ok(()) } else { Err(Denied::Forbidden) }),
            };
            return match verdict {
                Ok(()) => ok,
                Err(d) => refused(d),
            };
        }
        Rule::PreparePoll | Rule::Poll(..) => return expected_of_poll(rule, op, actor, actor_id, thuky, demo).await,
        Rule::Annotate | Rule::ChangeAnnotation => {
            let (rel, status, _, _) = relation(thuky, &demo.published, actor_id).await;
            let own = demo.note["author"] == actor_id;
            let verdict = match rule {
                Rule::Annotate => can_annotate(actor, rel, status, Confidentiality::Normal),
                _ => can_change_annotation(actor, rel, status, Confidentiality::Normal, own, true),
            };
            return match verdict {
                Ok(()) => ok,
                Err(d) => refused(d),
            };
        }
    };
    let (rel, status, review_stage, agenda_items) = relation(thuky, &demo.meeting(target), actor_id).await;
    let verdict = match rule {
        Rule::Copy(_) | Rule::View(_) => can_view_meeting(actor, rel, status),
        Rule::Edit(_) => can_view_meeting(actor, rel, status).and_then(|()| can_edit_meeting(actor, rel, status)),
        Rule::ViewDocument(_, conf) => can_view_document(actor, rel, status, conf),
        Rule::Transition(_, t) => match can_view_meeting(actor, rel, status) {
            Err(d) => Err(d),
            Ok(()) => {
                let state = WorkflowState { status, review_stage, agenda_items };
                return match apply(&state, actor, rel, &t()) {
                    Ok(_) => ok,
                    Err(e) => AppError::from(e).status.as_u16(),
                };
            }
        },
        _ => unreachable!(),
    };
    match verdict {
        Ok(()) => ok,
        Err(d) => refused(d),
    }
}

/// The answer `ecab_core::questions` calls for.
async fn expected_of_question(
    rule: Rule,
    op: &OpInfo,
    actor: Actor,
    actor_id: &str,
    thuky: &Client<'_>,
    demo: &Demo,
) -> u16 {
    let (rel, status, _, _) = relation(thuky, &demo.published, actor_id).await;
    let (_, m) = thuky.get(&format!("/api/v1/meetings/{}", demo.published)).await;
    let deadline: Option<chrono::DateTime<chrono::Utc>> =
        serde_json::from_value(m["meeting"]["question_deadline"].clone()).unwrap();
    let now = chrono::Utc::now();
    let (_, users) = thuky.get("/api/v1/users").await;
    let unit = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == actor_id)
        .map(|u| u["unit_id"].clone())
        .unwrap_or(Value::Null);
    let facts = |q: &Value| QuestionFacts {
        status: serde_json::from_value(q["status"].clone()).unwrap(),
        own: q["authors"][0] == actor_id,
        co_author: q["authors"].as_array().unwrap().iter().any(|a| a == actor_id),
        in_assigned_unit: !unit.is_null() && q["assigned_unit_id"] == unit,
    };
    let verdict: Result<(), QuestionDenied> = match rule {
        Rule::Submit => can_submit(actor, rel, status, deadline.as_ref(), &now),
        Rule::AggregateMeeting => can_aggregate(actor, rel, status),
        Rule::Briefing => ecab_core::questions::can_view_briefing(actor, rel, status),
        Rule::Question(r, pick) => {
            let q = demo.question(pick);
            let seen = can_view_question(actor, rel, status, facts(q));
            match r {
                QuestionRule::ChangeOwn => can_change_own(actor, rel, status, deadline.as_ref(), &now, facts(q)),
                QuestionRule::Withdraw => {
                    ecab_core::questions::can_withdraw(actor, rel, status, deadline.as_ref(), &now, facts(q))
                }
                QuestionRule::Aggregate => seen.and_then(|()| can_aggregate(actor, rel, status)),
                QuestionRule::Merge => seen
                    .and_then(|()| can_aggregate(actor, rel, status))
                    .and_then(|()| can_merge(facts(q).status, facts(&demo.open_q).status, false)),
                QuestionRule::Answer => can_answer(actor, rel, status, facts(q)),
            }
        }
        _ => unreachable!(),
    };
    match verdict {
        Ok(()) => op.status,
        Err(d) => AppError::from(d).status.as_u16(),
    }
}

/// The answer `ecab_core::polls` calls for.
async fn expected_of_poll(
    rule: Rule,
    op: &OpInfo,
    actor: Actor,
    actor_id: &str,
    thuky: &Client<'_>,
    demo: &Demo,
) -> u16 {
    let (rel, status, _, _) = relation(thuky, &demo.written, actor_id).await;
    let now = chrono::Utc::now();
    let verdict: Result<(), PollDenied> = match rule {
        Rule::PreparePoll => polls::can_prepare(actor, rel, status),
        Rule::Poll(r, pick) => {
            let p = demo.poll(pick);
            let facts = PollFacts {
                status: serde_json::from_value(p["status"].clone()).unwrap(),
                voter: p["voters"].as_array().unwrap().iter().any(|v| v == actor_id),
            };
            let deadline: chrono::DateTime<chrono::Utc> = serde_json::from_value(p["deadline"].clone()).unwrap();
            match r {
                PollRule::Result => polls::can_view_poll(actor, rel, status, facts)
                    .and_then(|()| if polls::sees_answers(actor, rel) { Ok(()) } else { Err(PollDenied::Forbidden) }),
                PollRule::Edit => polls::can_edit(actor, rel, status, facts),
                PollRule::Send => polls::can_send(actor, rel, status, facts, &deadline, &now),
                PollRule::Close => polls::can_close(actor, rel, status, facts, &deadline, &now),
                PollRule::Answer => polls::can_answer(actor, rel, status, facts, &deadline, &now),
            }
        }
        _ => unreachable!(),
    };
    match verdict {
        Ok(()) => op.status,
        Err(d) => AppError::from(d).status.as_u16(),
    }
}

/// The answer `ecab_core::attendance` and `ecab_core::speaking` call for.
async fn expected_of_attendance(
    rule: Rule,
    op: &OpInfo,
    actor: Actor,
    actor_id: &str,
    thuky: &Client<'_>,
    demo: &Demo,
) -> u16 {
    let (rel, status, _, _) = relation(thuky, &demo.published, actor_id).await;
    let (_, m) = thuky.get(&format!("/api/v1/meetings/{}", demo.published)).await;
    let reply = m["replies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["user_id"] == actor_id)
        .map_or(Attendance::Pending, |r| serde_json::from_value(r["status"].clone()).unwrap());
    let verdict = match rule {
        Rule::Reply => can_reply(actor, rel, status, actor_id == demo.daibieu01),
        Rule::Register => speaking::can_register(actor, rel, status, reply),
        Rule::WithdrawSpeaker => speaking::can_withdraw(actor, rel, status, demo.speaker["user_id"] == actor_id),
        _ => unreachable!(),
    };
    match verdict {
        Ok(()) => op.status,
        Err(d) => refused(d),
    }
}

async fn send(c: &Client<'_>, op: &OpInfo, path: &str, body: Option<Value>) -> (StatusCode, Value) {
    let method = Method::from_bytes(op.method.as_str().as_bytes()).unwrap();
    match op.input {
        Input::Multipart => {
            let meta = body.filter(|b| b.as_object().is_some_and(|o| !o.is_empty()));
            c.upload(path, meta, "ban-moi.pdf", asset("fixtures/hello.pdf")).await
        }
        Input::Json => c.call(method, path, body).await,
        Input::Nothing | Input::Query => c.call(method, path, None).await,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_answers_every_role_as_the_core_rules_say() {
    let mut s = Server::start().await;
    let doc: Value = s.http.get(s.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    let names: Vec<String> = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values().map(|o| o["operationId"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(names.len(), ALL.len());
    let mut failures = Vec::new();
    let mut calls = 0;
    for name in &names {
        let op = ALL.iter().find(|o| o.name == name).expect("described operations are in the list");
        if std::env::var("MATRIX_ONLY").is_ok_and(|o| &o != name) {
            continue;
        }
        // A fresh server for every operation, and again after any write that went through.
        s = Server::start().await;
        let mut dirty = false;
        for actor in ACTORS {
            if dirty {
                s = Server::start().await;
            }
            let thuky = s.login("thuky").await;
            let demo = Demo::read(&thuky).await;
            let Some(case) = case(op, &demo, actor) else {
                panic!("{name} is in the OpenAPI description but not in the permission matrix");
            };
            let me = s.login(actor).await;
            let (_, user) = me.get("/api/v1/auth/me").await;
            let role: Role = serde_json::from_value(user["role"].clone()).unwrap();
            let want = expected(case.rule, op, role, user["id"].as_str().unwrap(), &thuky, &demo).await;
            let path = op.fill(&case.params).expect("plain parameters");
            let (status, answer) = send(&me, op, &path, case.body).await;
            calls += 1;
            if status.as_u16() != want {
                failures.push(format!(
                    "{actor} {} {path} ({name}): got {status}, want {want}: {answer}",
                    op.method.as_str()
                ));
            }
            if !status.is_success() {
                assert!(answer["code"].is_string(), "{name}: errors carry a code: {answer}");
            } else if op.output == Output::Json {
                assert!(!answer.is_null(), "{name}: a JSON answer");
            }
            dirty = status.is_success() && op.method != ecab_protocol::ops::Method::Get;
        }
    }
    assert!(failures.is_empty(), "{} of {calls} calls answered otherwise:\n{}", failures.len(), failures.join("\n"));
}
