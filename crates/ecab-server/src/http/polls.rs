//! Written opinion polls: the meeting's secretary prepares one on a draft and sends it to
//! the members; they answer until the deadline; the staff see the tally. Every decision is
//! `ecab_core::polls`'. A poll closes at its deadline by [`close_due`], run every few
//! seconds, and the rules treat it as closed from that instant on.

use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, Utc};
use ecab_core::polls::{
    self as rules, PollDenied, can_answer, can_close, can_edit, can_prepare, can_send, can_view_poll,
};
use ecab_core::rules::{Field, Invalid, Rule};
use ecab_core::{PollStatus, Relation};
use ecab_protocol::meeting::Meeting;
use ecab_protocol::ops;
use ecab_protocol::poll::{AnswerPoll, CreatePoll, EditPoll, Poll, PollAnswer};
use ecab_protocol::query::ReportQuery;
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
use crate::store::polls::{facts, view};
use crate::store::write::{Audit, Write};
use crate::{feed, store};

/// How often open polls past their deadline are closed in the store.
pub const CLOSE_EVERY: Duration = Duration::from_secs(5);

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .op(ops::ListPolls, list)
        .op(ops::CreatePoll, create)
        .op(ops::EditPoll, edit)
        .op(ops::DeletePoll, delete)
        .op(ops::SendPoll, send)
        .op(ops::ClosePoll, close)
        .op(ops::AnswerPoll, answer)
        .op(ops::PollResult, result)
}

/// A poll the caller may see, with its meeting and the caller's relation to it.
async fn seen(db: &mut SqliteConnection, id: Uuid, user: &AuthUser) -> AppResult<(Poll, Meeting, Relation)> {
    let p = store::polls::one(db, id).await?.ok_or_else(|| AppError::not_found("poll"))?;
    let (m, rel) = visible(db, p.meeting_id, user).await.map_err(|_| AppError::not_found("poll"))?;
    can_view_poll(user.actor(), rel, m.status, facts(&p, user.id))?;
    Ok((p, m, rel))
}

/// The document a poll asks about: one of this meeting's, not revoked.
async fn check_document(db: &mut SqliteConnection, m: &Meeting, id: Option<Uuid>) -> AppResult<()> {
    let Some(id) = id else { return Ok(()) };
    match store::documents::one(db, id).await? {
        Some((d, false)) if d.meeting_id == m.id => Ok(()),
        _ => Err(Invalid::new(Field::DocumentId, Rule::NotInMeeting).into()),
    }
}

fn ahead(deadline: DateTime<Utc>, now: DateTime<Utc>) -> AppResult<()> {
    if deadline <= now {
        return Err(Invalid::new(Field::Deadline, Rule::InThePast).into());
    }
    Ok(())
}

/// Save a changed poll, tell the staff and the members concerned, and commit.
async fn finish(mut tx: Write<'_>, m: &Meeting, p: &Poll, only: Option<Uuid>, action: &str) -> AppResult<()> {
    let now = Utc::now();
    feed::poll(&mut tx, m, p, only, now).await?;
    tx.commit(Audit {
        action,
        entity: "poll",
        id: Some(p.id),
        detail: json!({ "meeting_id": p.meeting_id, "status": p.status }),
    })
    .await
}

/// The polls of a meeting the caller may see, each as they may see it.
async fn list(State(state): State<AppState>, user: AuthUser, ApiPath(id): ApiPath<Uuid>) -> AppResult<Json<Vec<Poll>>> {
    let mut conn = state.db.acquire().await?;
    let (m, rel) = visible(&mut conn, id, &user).await?;
    Ok(Json(seen_in(&mut conn, &m, rel, &user).await?))
}

/// The polls of meeting `m` that `user` (standing `rel` to it) may see, each as they may see it.
pub async fn seen_in(db: &mut SqliteConnection, m: &Meeting, rel: Relation, user: &AuthUser) -> AppResult<Vec<Poll>> {
    let now = Utc::now();
    Ok(store::polls::for_meeting(db, m.id)
        .await?
        .into_iter()
        .filter(|p| can_view_poll(user.actor(), rel, m.status, facts(p, user.id)).is_ok())
        .map(|p| view(&p, user.id, user.actor(), rel, now))
        .collect())
}

/// Prepare a poll (a draft). The same `id` again answers the poll as it is now.
async fn create(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(meeting_id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<CreatePoll>,
) -> AppResult<(StatusCode, Json<Poll>)> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let (m, rel) = visible(&mut tx, meeting_id, &user).await?;
    if let Some(existing) = store::polls::one(&mut tx, req.id).await? {
        if existing.meeting_id == meeting_id && can_prepare(user.actor(), rel, m.status).is_ok() {
            return Ok((StatusCode::CREATED, Json(existing)));
        }
        return Err(AppError::conflict("another poll has this id"));
    }
    can_prepare(user.actor(), rel, m.status)?;
    let question = rules::question(&req.question)?.to_owned();
    let now = Utc::now();
    ahead(req.deadline, now)?;
    check_document(&mut tx, &m, req.document_id).await?;
    let p = Poll {
        id: req.id,
        meeting_id,
        document_id: req.document_id,
        question,
        deadline: req.deadline,
        status: PollStatus::Draft,
        voters: Vec::new(),
        answers: Vec::new(),
        tally: None,
        created_at: now,
        sent_at: None,
        closed_at: None,
        updated_at: now,
    };
    store::polls::insert(&mut tx, &p, user.id).await?;
    finish(tx, &m, &p, None, "create").await?;
    Ok((StatusCode::CREATED, Json(p)))
}

/// Replace a draft's document, question and deadline.
async fn edit(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<EditPoll>,
) -> AppResult<Json<Poll>> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let (mut p, m, rel) = seen(&mut tx, id, &user).await?;
    can_edit(user.actor(), rel, m.status, facts(&p, user.id))?;
    let now = Utc::now();
    p.question = rules::question(&req.question)?.to_owned();
    ahead(req.deadline, now)?;
    check_document(&mut tx, &m, req.document_id).await?;
    p.document_id = req.document_id;
    p.deadline = req.deadline;
    p.updated_at = now;
    store::polls::update(&mut tx, &p).await?;
    finish(tx, &m, &p, None, "update").await?;
    Ok(Json(p))
}

/// Delete a draft.
async fn delete(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<StatusCode> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    // A retry is answered by its idempotency key; without one, a poll gone is not found.
    let (p, m, rel) = seen(&mut tx, id, &user).await?;
    can_edit(user.actor(), rel, m.status, facts(&p, user.id))?;
    store::polls::delete(&mut tx, id).await?;
    feed::poll_deleted(&mut tx, &m, id).await?;
    tx.commit(Audit { action: "delete", entity: "poll", id: Some(id), detail: json!({ "meeting_id": m.id }) }).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Send a draft to the members; sending a sent poll again answers it as it is.
async fn send(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<Poll>> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let (mut p, m, rel) = seen(&mut tx, id, &user).await?;
    if p.status != PollStatus::Draft && can_prepare(user.actor(), rel, m.status).is_ok() {
        return Ok(Json(p));
    }
    let now = Utc::now();
    can_send(user.actor(), rel, m.status, facts(&p, user.id), &p.deadline, &now)?;
    let voters = store::polls::members(&mut tx, &m).await?;
    if voters.is_empty() {
        return Err(Invalid::new(Field::DelegateIds, Rule::Required).into());
    }
    store::polls::set_voters(&mut tx, p.id, &voters).await?;
    p.status = PollStatus::Open;
    p.sent_at = Some(now);
    p.updated_at = now;
    store::polls::update(&mut tx, &p).await?;
    let p = store::polls::one(&mut tx, id).await?.ok_or_else(|| AppError::not_found("poll"))?;
    feed::poll_waiting(&mut tx, &m, &p, user.id, now).await?;
    finish(tx, &m, &p, None, "send").await?;
    Ok(Json(p))
}

/// Close an open poll before its deadline.
async fn close(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<Poll>> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let (mut p, m, rel) = seen(&mut tx, id, &user).await?;
    let now = Utc::now();
    if p.status == PollStatus::Closed {
        return Ok(Json(view(&p, user.id, user.actor(), rel, now)));
    }
    can_close(user.actor(), rel, m.status, facts(&p, user.id), &p.deadline, &now)?;
    p.status = PollStatus::Closed;
    p.closed_at = Some(now);
    p.updated_at = now;
    store::polls::update(&mut tx, &p).await?;
    finish(tx, &m, &p, None, "close").await?;
    Ok(Json(view(&p, user.id, user.actor(), rel, now)))
}

/// Answer a poll, or change one's answer, while it is open.
async fn answer(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<AnswerPoll>,
) -> AppResult<Json<Poll>> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let (p, m, rel) = seen(&mut tx, id, &user).await?;
    let now = Utc::now();
    can_answer(user.actor(), rel, m.status, facts(&p, user.id), &p.deadline, &now)?;
    let comment = rules::comment(req.choice, &req.comment)?.to_owned();
    let a = PollAnswer { user_id: user.id, choice: req.choice, comment, answered_at: now, pending: false };
    store::polls::save_answer(&mut tx, p.id, &a).await?;
    let mut p = store::polls::one(&mut tx, id).await?.ok_or_else(|| AppError::not_found("poll"))?;
    p.updated_at = now;
    store::polls::update(&mut tx, &p).await?;
    finish(tx, &m, &p, Some(user.id), "answer").await?;
    Ok(Json(view(&p, user.id, user.actor(), rel, now)))
}

/// The result as a PDF, for the staff, once the poll is sent.
async fn result(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(q): ApiQuery<ReportQuery>,
) -> AppResult<Response> {
    let mut conn = state.db.acquire().await?;
    let (p, m, rel) = seen(&mut conn, id, &user).await?;
    if !rules::sees_answers(user.actor(), rel) {
        return Err(PollDenied::Forbidden.into());
    }
    if p.status == PollStatus::Draft {
        return Err(PollDenied::NotNow(PollStatus::Draft).into());
    }
    let document = match p.document_id {
        Some(d) => store::documents::one(&mut conn, d).await?.map(|(d, _)| d.title),
        None => None,
    };
    let names = store::names(&mut conn).await?;
    drop(conn);
    let lang = q.lang.unwrap_or_default();
    let report = reports::poll_result(lang, &m, &p, document.as_deref(), &names, Utc::now());
    let name = lang.pick("ket-qua-lay-y-kien.pdf", "poll-result.pdf");
    attachment::report(report, name, &format!("{}.pdf", lang.pick("Kết quả lấy ý kiến", "Poll result"))).await
}

/// Close in the store every open poll whose deadline has come, as closed at its deadline,
/// and tell the staff and the members. Answers how many closed.
pub async fn close_due(state: &AppState, now: DateTime<Utc>) -> AppResult<usize> {
    // Looked for first without the store's write lock: most ticks find nothing.
    if store::polls::due(&mut *state.db.acquire().await?, now).await?.is_empty() {
        return Ok(0);
    }
    let mut tx = Write::system(state).await?;
    let due = store::polls::due(&mut tx, now).await?;
    if due.is_empty() {
        return Ok(0); // closed meanwhile by someone else: nothing to write
    }
    for id in &due {
        let Some(mut p) = store::polls::one(&mut tx, *id).await? else { continue };
        let Some(m) = store::meetings::meeting(&mut tx, p.meeting_id).await? else { continue };
        p.status = PollStatus::Closed;
        p.closed_at = Some(p.deadline);
        p.updated_at = now;
        store::polls::update(&mut tx, &p).await?;
        feed::poll(&mut tx, &m, &p, None, now).await?;
    }
    tx.commit(Audit { action: "close_due", entity: "poll", id: None, detail: json!({ "polls": due }) }).await?;
    super::live::refresh_head(state).await;
    Ok(due.len())
}

/// Run [`close_due`] every [`CLOSE_EVERY`] for as long as the server runs.
pub fn spawn_closer(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(CLOSE_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = close_due(&state, Utc::now()).await {
                tracing::warn!(error = %e, "could not close the polls past their deadline");
            }
        }
    });
}
