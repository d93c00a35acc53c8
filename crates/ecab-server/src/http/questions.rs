//! Questions, opinions and proposals: delegates send them until the deadline for opinions;
//! the meeting's secretary aggregates them (merges duplicates, orders, marks for discussion,
//! gives them to a unit); the unit answers. Every decision is `ecab_core::questions`'.

use std::collections::HashSet;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Utc;
use ecab_core::access::can_view_document;
use ecab_core::questions::{self as rules, can_aggregate, can_answer, can_change_own, can_submit, can_view_question};
use ecab_core::rules::{Field, Invalid, Rule};
use ecab_core::{QuestionStatus, Relation};
use ecab_protocol::meeting::Meeting;
use ecab_protocol::ops;
use ecab_protocol::query::ReportQuery;
use ecab_protocol::question::{
    Answer, AnswerQuestion, AssignQuestion, MarkQuestion, MergeQuestions, Question, ReorderQuestions, SubmitQuestion,
    UpdateQuestion,
};
use serde_json::json;
use sqlx::SqliteConnection;
use utoipa_axum::router::OpenApiRouter;
use uuid::Uuid;

use super::attachment;
use super::extract::{ApiJson, ApiPath, ApiQuery, Origin};
use super::meetings::visible;
use super::op::OpRouter;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::reports;
use crate::state::AppState;
use crate::store::questions::{facts, readers};
use crate::store::write::{Audit, Write};
use crate::{feed, store};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .op(ops::ListQuestions, list)
        .op(ops::SubmitQuestion, submit)
        .op(ops::UpdateQuestion, update)
        .op(ops::WithdrawQuestion, withdraw)
        .op(ops::MergeQuestions, merge)
        .op(ops::ReorderQuestions, reorder)
        .op(ops::MarkQuestion, mark)
        .op(ops::AssignQuestion, assign)
        .op(ops::AnswerQuestion, answer)
        .op(ops::Briefing, briefing)
}

/// The meeting, how the caller stands to it, and the caller's unit.
struct Context {
    m: Meeting,
    rel: Relation,
    unit: Option<Uuid>,
}

async fn context(db: &mut SqliteConnection, meeting: Uuid, user: &AuthUser) -> AppResult<Context> {
    let (m, rel) = visible(db, meeting, user).await?;
    let unit = store::questions::unit_of(db, user.id).await?;
    Ok(Context { m, rel, unit })
}

/// A question the caller may see, with its context. Hidden is "not found".
async fn seen(db: &mut SqliteConnection, id: Uuid, user: &AuthUser) -> AppResult<(Question, Context)> {
    let q = store::questions::one(db, id).await?.ok_or_else(|| AppError::not_found("question"))?;
    let cx = context(db, q.meeting_id, user).await.map_err(|_| AppError::not_found("question"))?;
    can_view_question(user.actor(), cx.rel, cx.m.status, facts(&q, user.id, cx.unit))?;
    Ok((q, cx))
}

/// Save a changed question, tell its readers (and those who no longer are), and commit.
async fn finish(mut tx: Write<'_>, m: &Meeting, q: &Question, before: &HashSet<Uuid>, action: &str) -> AppResult<()> {
    store::questions::save(&mut tx, q).await?;
    feed::question(&mut tx, m, q, before).await?;
    tx.commit(Audit {
        action,
        entity: "question",
        id: Some(q.id),
        detail: json!({ "meeting_id": q.meeting_id, "status": q.status }),
    })
    .await
}

/// The questions of a meeting the caller may see, by agenda item and the secretary's order.
async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<Vec<Question>>> {
    let mut conn = state.db.acquire().await?;
    let cx = context(&mut conn, id, &user).await?;
    let all = store::questions::for_meeting(&mut conn, id).await?;
    let mine = all
        .into_iter()
        .filter(|q| can_view_question(user.actor(), cx.rel, cx.m.status, facts(q, user.id, cx.unit)).is_ok())
        .collect();
    Ok(Json(mine))
}

/// Where a new question points: its agenda item, document and page, each of this meeting
/// and visible to the caller. A question on a document belongs to the document's item
/// unless it names one.
async fn anchor(
    db: &mut SqliteConnection,
    cx: &Context,
    user: &AuthUser,
    req: &SubmitQuestion,
) -> AppResult<(Option<Uuid>, Option<Uuid>, Option<u32>)> {
    let not_here = |field| AppError::from(Invalid::new(field, Rule::NotInMeeting));
    let mut item = req.agenda_item_id;
    if let Some(i) = item {
        let found = store::meetings::agenda_item(db, i).await?;
        if found.is_none_or(|a| a.meeting_id != cx.m.id) {
            return Err(not_here(Field::AgendaItemId));
        }
    }
    let Some(doc_id) = req.document_id else {
        if req.page.is_some() {
            return Err(not_here(Field::Page));
        }
        return Ok((item, None, None));
    };
    let doc = match store::documents::one(db, doc_id).await? {
        Some((d, revoked))
            if !revoked
                && d.meeting_id == cx.m.id
                && can_view_document(user.actor(), cx.rel, cx.m.status, d.confidentiality).is_ok() =>
        {
            d
        }
        _ => return Err(not_here(Field::DocumentId)),
    };
    if req.page.is_some_and(|p| p >= doc.current.page_count) {
        return Err(not_here(Field::Page));
    }
    item = item.or(doc.agenda_item_id);
    Ok((item, Some(doc_id), req.page))
}

/// Send a question (an invited delegate, until the deadline). The same `id` again from its
/// writer answers the question as it is now.
async fn submit(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(meeting_id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<SubmitQuestion>,
) -> AppResult<(StatusCode, Json<Question>)> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let cx = context(&mut tx, meeting_id, &user).await?;
    if let Some(existing) = store::questions::one(&mut tx, req.id).await? {
        if existing.meeting_id == meeting_id && existing.authors.first() == Some(&user.id) {
            return Ok((StatusCode::CREATED, Json(existing)));
        }
        return Err(AppError::conflict("another question has this id"));
    }
    let now = Utc::now();
    can_submit(user.actor(), cx.rel, cx.m.status, cx.m.question_deadline.as_ref(), &now)?;
    let text = rules::text(&req.text)?.to_owned();
    let (agenda_item_id, document_id, page) = anchor(&mut tx, &cx, &user, &req).await?;
    let position = store::questions::next_position(&mut tx, meeting_id, agenda_item_id).await?;
    let q = Question {
        id: req.id,
        meeting_id,
        agenda_item_id,
        document_id,
        page,
        kind: req.kind,
        text,
        authors: vec![user.id],
        status: QuestionStatus::Submitted,
        merged_into: None,
        position,
        for_discussion: false,
        assigned_unit_id: None,
        answer: None,
        created_at: now,
        updated_at: now,
    };
    finish(tx, &cx.m, &q, &HashSet::new(), "create").await?;
    Ok((StatusCode::CREATED, Json(q)))
}

/// Change one's own question, until the deadline.
async fn update(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<UpdateQuestion>,
) -> AppResult<Json<Question>> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let (mut q, cx) = seen(&mut tx, id, &user).await?;
    let now = Utc::now();
    let f = facts(&q, user.id, cx.unit);
    can_change_own(user.actor(), cx.rel, cx.m.status, cx.m.question_deadline.as_ref(), &now, f)?;
    let before = readers(&mut tx, &q).await?;
    if let Some(text) = &req.text {
        q.text = rules::text(text)?.to_owned();
    }
    if let Some(kind) = req.kind {
        q.kind = kind;
    }
    q.updated_at = now;
    finish(tx, &cx.m, &q, &before, "update").await?;
    Ok(Json(q))
}

/// Withdraw from a question, until the deadline: its last author withdraws it; another
/// leaves it to the others.
async fn withdraw(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<Question>> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let (mut q, cx) = seen(&mut tx, id, &user).await?;
    if q.status == QuestionStatus::Withdrawn && q.authors.first() == Some(&user.id) {
        return Ok(Json(q));
    }
    let now = Utc::now();
    let f = facts(&q, user.id, cx.unit);
    rules::can_withdraw(user.actor(), cx.rel, cx.m.status, cx.m.question_deadline.as_ref(), &now, f)?;
    let before = readers(&mut tx, &q).await?;
    let (authors, withdrawn) = rules::after_leaving(&q.authors, user.id);
    q.authors = authors;
    if withdrawn {
        q.status = QuestionStatus::Withdrawn;
    }
    q.updated_at = now;
    finish(tx, &cx.m, &q, &before, "withdraw").await?;
    Ok(Json(q))
}

/// Merge duplicates into the question of the path: it keeps every author of them all.
async fn merge(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<MergeQuestions>,
) -> AppResult<Json<Question>> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let (mut target, cx) = seen(&mut tx, id, &user).await?;
    can_aggregate(user.actor(), cx.rel, cx.m.status)?;
    let mut ids: Vec<Uuid> = Vec::new();
    for i in &req.question_ids {
        if !ids.contains(i) {
            ids.push(*i);
        }
    }
    if ids.is_empty() {
        return Err(Invalid::new(Field::QuestionIds, Rule::Required).into());
    }
    let mut sources = Vec::with_capacity(ids.len());
    for i in ids {
        let source = match store::questions::one(&mut tx, i).await? {
            Some(s) if s.meeting_id == target.meeting_id => s,
            _ => return Err(Invalid::new(Field::QuestionIds, Rule::NotInMeeting).into()),
        };
        rules::can_merge(target.status, source.status, source.id == target.id)?;
        sources.push(source);
    }
    let now = Utc::now();
    let target_before = readers(&mut tx, &target).await?;
    let author_lists: Vec<&[Uuid]> = sources.iter().map(|s| s.authors.as_slice()).collect();
    target.authors = rules::merged_authors(&target.authors, &author_lists);
    target.updated_at = now;
    store::questions::save(&mut tx, &target).await?;
    feed::question(&mut tx, &cx.m, &target, &target_before).await?;
    for mut source in sources {
        let before = readers(&mut tx, &source).await?;
        source.status = QuestionStatus::Merged;
        source.merged_into = Some(target.id);
        source.for_discussion = false;
        source.updated_at = now;
        store::questions::save(&mut tx, &source).await?;
        feed::question(&mut tx, &cx.m, &source, &before).await?;
    }
    tx.commit(Audit {
        action: "merge",
        entity: "question",
        id: Some(target.id),
        detail: json!({ "meeting_id": target.meeting_id, "merged": req.question_ids, "authors": target.authors.len() }),
    })
    .await?;
    Ok(Json(target))
}

/// Put one agenda item's open questions in a new order: every one of them, exactly once.
async fn reorder(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(meeting_id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<ReorderQuestions>,
) -> AppResult<Json<Vec<Question>>> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let cx = context(&mut tx, meeting_id, &user).await?;
    can_aggregate(user.actor(), cx.rel, cx.m.status)?;
    let open: Vec<Question> = store::questions::for_meeting(&mut tx, meeting_id)
        .await?
        .into_iter()
        .filter(|q| q.agenda_item_id == req.agenda_item_id && q.status.is_open())
        .collect();
    let given: HashSet<Uuid> = req.question_ids.iter().copied().collect();
    let have: HashSet<Uuid> = open.iter().map(|q| q.id).collect();
    if given != have || given.len() != req.question_ids.len() {
        return Err(Invalid::new(Field::QuestionIds, Rule::NotInMeeting).into());
    }
    let now = Utc::now();
    let mut ordered = Vec::with_capacity(open.len());
    for (pos, id) in req.question_ids.iter().enumerate() {
        let Some(mut q) = open.iter().find(|q| q.id == *id).cloned() else { continue };
        if q.position != pos as u32 {
            let before = readers(&mut tx, &q).await?;
            q.position = pos as u32;
            q.updated_at = now;
            store::questions::save(&mut tx, &q).await?;
            feed::question(&mut tx, &cx.m, &q, &before).await?;
        }
        ordered.push(q);
    }
    tx.commit(Audit {
        action: "reorder",
        entity: "question",
        id: None,
        detail: json!({ "meeting_id": meeting_id, "agenda_item_id": req.agenda_item_id, "count": ordered.len() }),
    })
    .await?;
    Ok(Json(ordered))
}

/// Mark a question for discussion at the meeting, or unmark it.
async fn mark(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<MarkQuestion>,
) -> AppResult<Json<Question>> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let (mut q, cx) = seen(&mut tx, id, &user).await?;
    can_aggregate(user.actor(), cx.rel, cx.m.status)?;
    if !q.status.is_open() {
        return Err(rules::QuestionDenied::Settled(q.status).into());
    }
    let before = readers(&mut tx, &q).await?;
    q.for_discussion = req.for_discussion;
    q.updated_at = Utc::now();
    finish(tx, &cx.m, &q, &before, "mark").await?;
    Ok(Json(q))
}

/// Give a question to a unit to answer, or take it back.
async fn assign(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<AssignQuestion>,
) -> AppResult<Json<Question>> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let (mut q, cx) = seen(&mut tx, id, &user).await?;
    can_aggregate(user.actor(), cx.rel, cx.m.status)?;
    if let Some(unit) = req.unit_id {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM units WHERE id = ?").bind(unit).fetch_optional(&mut *tx).await?;
        if found.is_none() {
            return Err(Invalid::new(Field::UnitId, Rule::NotInMeeting).into());
        }
    }
    let status = rules::after_assignment(q.status, req.unit_id.map(|u| q.assigned_unit_id == Some(u)))?;
    let before = readers(&mut tx, &q).await?;
    q.status = status;
    q.assigned_unit_id = req.unit_id;
    if status != QuestionStatus::Answered {
        q.answer = None;
    }
    q.updated_at = Utc::now();
    finish(tx, &cx.m, &q, &before, "assign").await?;
    Ok(Json(q))
}

/// Answer a question given to one's unit (again, to correct the answer).
async fn answer(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<AnswerQuestion>,
) -> AppResult<Json<Question>> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let (mut q, cx) = seen(&mut tx, id, &user).await?;
    can_answer(user.actor(), cx.rel, cx.m.status, facts(&q, user.id, cx.unit))?;
    let text = rules::text(&req.text)?.to_owned();
    let before = readers(&mut tx, &q).await?;
    let now = Utc::now();
    q.answer = Some(Answer { text, by: user.id, at: now });
    q.status = QuestionStatus::Answered;
    q.updated_at = now;
    feed::question_answered(&mut tx, &cx.m, &q, user.id, now).await?;
    finish(tx, &cx.m, &q, &before, "answer").await?;
    Ok(Json(q))
}

/// The chair's briefing of the aggregated questions, as a PDF.
async fn briefing(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(q): ApiQuery<ReportQuery>,
) -> AppResult<Response> {
    let mut conn = state.db.acquire().await?;
    let (m, rel) = visible(&mut conn, id, &user).await?;
    rules::can_view_briefing(user.actor(), rel, m.status)?;
    let agenda = store::meetings::agenda(&mut conn, id).await?;
    let questions = store::questions::for_meeting(&mut conn, id).await?;
    let names = store::names(&mut conn).await?;
    drop(conn);
    let lang = q.lang.unwrap_or_default();
    let report = reports::briefing(lang, &m, &agenda, &questions, &names, Utc::now());
    let name = lang.pick("tong-hop-y-kien.pdf", "briefing.pdf");
    attachment::report(report, name, &format!("{}.pdf", lang.pick("Tổng hợp ý kiến", "Briefing"))).await
}
