//! Meetings: list, create, read, change, move through the workflow, repeat or copy,
//! invite.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use ecab_core::Attendance;
use ecab_core::access::{can_create_meeting, can_edit_meeting, can_view_document, can_view_meeting};
use ecab_core::attendance::can_view_reply;
use ecab_core::rules::{self, Account, Field};
use ecab_core::{MeetingStatus, Relation, Role, Transition, WorkflowState, apply};
use ecab_protocol::meeting::{CreateMeeting, Meeting, MeetingDetail, MeetingList, UpdateMeeting};
use ecab_protocol::ops;
use ecab_protocol::query::ListMeetingsQuery;
use serde_json::json;
use sqlx::SqliteConnection;
use utoipa_axum::router::OpenApiRouter;
use uuid::Uuid;

use super::extract::{ApiJson, ApiPath, ApiQuery, Origin};
use super::op::OpRouter;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::write::{Audit, Write};
use crate::{feed, store};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .op(ops::ListMeetings, list)
        .op(ops::CreateMeeting, create)
        .op(ops::GetMeeting, detail)
        .op(ops::UpdateMeeting, update)
        .op(ops::TransitionMeeting, transition)
}

/// Load a meeting the caller may see, with how they stand to it. Hidden is "not found".
pub async fn visible(db: &mut SqliteConnection, id: Uuid, user: &AuthUser) -> AppResult<(Meeting, Relation)> {
    let m = store::meetings::meeting(db, id).await?.ok_or_else(|| AppError::not_found("meeting"))?;
    let rel = store::meetings::relation(db, &m, user).await?;
    can_view_meeting(user.actor(), rel, m.status).map_err(|d| AppError::denied(d, "meeting"))?;
    Ok((m, rel))
}

/// Load a meeting the caller may edit now.
pub async fn editable(db: &mut SqliteConnection, id: Uuid, user: &AuthUser) -> AppResult<Meeting> {
    let (m, rel) = visible(db, id, user).await?;
    can_edit_meeting(user.actor(), rel, m.status).map_err(|d| AppError::denied(d, "meeting"))?;
    Ok(m)
}

/// Mark the meeting changed and return its new state.
pub async fn touch(db: &mut SqliteConnection, id: Uuid) -> AppResult<Meeting> {
    sqlx::query("UPDATE meetings SET updated_at = ? WHERE id = ?").bind(Utc::now()).bind(id).execute(&mut *db).await?;
    store::meetings::meeting(db, id).await?.ok_or_else(|| AppError::not_found("meeting"))
}

pub async fn detail_of(
    db: &mut SqliteConnection,
    m: Meeting,
    rel: Relation,
    user: &AuthUser,
) -> AppResult<MeetingDetail> {
    let agenda = store::meetings::agenda(db, m.id).await?;
    let documents = store::documents::for_meeting(db, m.id)
        .await?
        .into_iter()
        .filter(|d| can_view_document(user.actor(), rel, m.status, d.confidentiality).is_ok())
        .collect();
    let invitees = store::meetings::invitees(db, m.id).await?;
    let replies = store::attendance::replies(db, m.id)
        .await?
        .into_iter()
        .filter(|r| r.status != Attendance::Pending)
        .filter(|r| can_view_reply(user.actor(), rel, r.user_id == user.id, r.deputy_id == Some(user.id)))
        .collect();
    let speakers = store::attendance::speakers(db, m.id).await?;
    let reads = if ecab_core::reading::can_view_reads(user.actor(), rel) {
        store::reads::of_meeting(db, m.id).await?
    } else {
        Vec::new()
    };
    let polls = super::polls::seen_in(db, &m, rel, user).await?;
    Ok(MeetingDetail { meeting: m, agenda, documents, invitees, replies, speakers, reads, polls })
}

/// The meetings the caller may see, by start time.
async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<ListMeetingsQuery>,
) -> AppResult<Json<MeetingList>> {
    let mut conn = state.db.acquire().await?;
    let mut meetings = Vec::new();
    for m in store::meetings::related_meetings(&mut conn, &user, q.from, q.to).await? {
        let rel = store::meetings::relation(&mut conn, &m, &user).await?;
        if can_view_meeting(user.actor(), rel, m.status).is_ok() {
            meetings.push(m);
        }
    }
    Ok(Json(MeetingList { meetings }))
}

pub async fn require_chair(db: &mut SqliteConnection, chair_id: Uuid) -> AppResult<()> {
    let row: Option<(String, bool)> =
        sqlx::query_as("SELECT role, active FROM users WHERE id = ?").bind(chair_id).fetch_optional(db).await?;
    let account = row.and_then(|(role, active)| Some(Account { role: Role::parse(&role)?, active }));
    Ok(rules::chair(account)?)
}

/// Create a draft meeting (secretaries). A retry with the same `id` returns the first one.
async fn create(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiJson(req): ApiJson<CreateMeeting>,
) -> AppResult<(StatusCode, Json<MeetingDetail>)> {
    if !can_create_meeting(user.actor()) {
        return Err(AppError::forbidden("only secretaries create meetings"));
    }
    let title = rules::required(Field::Title, &req.title)?;
    rules::meeting_times(req.starts_at, req.ends_at, req.question_deadline)?;
    let id = req.id.unwrap_or_else(Uuid::now_v7);
    let mut tx = Write::begin(&state, &user, &origin).await?;
    if let Some(existing) = store::meetings::meeting(&mut tx, id).await? {
        if existing.secretary_id != user.id {
            return Err(AppError::conflict("id already used"));
        }
        let rel = store::meetings::relation(&mut tx, &existing, &user).await?;
        return Ok((StatusCode::OK, Json(detail_of(&mut tx, existing, rel, &user).await?)));
    }
    require_chair(&mut tx, req.chair_id).await?;
    let now = Utc::now();
    let series = (req.recurrence != ecab_core::Recurrence::None).then_some(id);
    sqlx::query(
        "INSERT INTO meetings (id, title, kind, status, starts_at, ends_at, place, chair_id, secretary_id, confidentiality,
         question_deadline, recurrence, series_id, series_day, created_at, updated_at)
         VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id).bind(title).bind(req.kind.as_str()).bind(req.starts_at).bind(req.ends_at).bind(req.place.trim())
    .bind(req.chair_id).bind(user.id).bind(req.confidentiality.as_str()).bind(req.question_deadline)
    .bind(req.recurrence.as_str()).bind(series).bind(series.map(|_| crate::time::local_day(req.starts_at))).bind(now).bind(now)
    .execute(&mut *tx).await?;
    let m = store::meetings::meeting(&mut tx, id).await?.ok_or_else(|| AppError::internal("meeting vanished"))?;
    feed::meeting(&mut tx, &m).await?;
    let rel = Relation { owner: true, ..Relation::default() };
    let detail = detail_of(&mut tx, m, rel, &user).await?;
    tx.commit(Audit { action: "create", entity: "meeting", id: Some(id), detail: json!({ "title": title }) }).await?;
    Ok((StatusCode::CREATED, Json(detail)))
}

/// A meeting with its agenda, the documents the caller may read, and its invitees.
async fn detail(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<MeetingDetail>> {
    let mut conn = state.db.acquire().await?;
    let (m, rel) = visible(&mut conn, id, &user).await?;
    Ok(Json(detail_of(&mut conn, m, rel, &user).await?))
}

/// Change a meeting's details (its secretary, in draft or after publication).
async fn update(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<UpdateMeeting>,
) -> AppResult<Json<Meeting>> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let m = editable(&mut tx, id, &user).await?;
    let title = rules::required(Field::Title, req.title.as_deref().unwrap_or(&m.title))?.to_owned();
    let starts_at = req.starts_at.unwrap_or(m.starts_at);
    let ends_at = req.ends_at.unwrap_or(m.ends_at);
    let deadline = req.question_deadline.or(m.question_deadline);
    rules::meeting_times(starts_at, ends_at, deadline)?;
    if let Some(chair) = req.chair_id.filter(|c| *c != m.chair_id) {
        require_chair(&mut tx, chair).await?;
    }
    sqlx::query("UPDATE meetings SET title = ?, kind = ?, starts_at = ?, ends_at = ?, place = ?, chair_id = ?, confidentiality = ?,
                 question_deadline = ?, recurrence = ? WHERE id = ?")
        .bind(&title).bind(req.kind.unwrap_or(m.kind).as_str()).bind(starts_at).bind(ends_at)
        .bind(req.place.as_deref().map(str::trim).unwrap_or(&m.place)).bind(req.chair_id.unwrap_or(m.chair_id))
        .bind(req.confidentiality.unwrap_or(m.confidentiality).as_str()).bind(deadline)
        .bind(req.recurrence.unwrap_or(m.recurrence).as_str()).bind(id)
        .execute(&mut *tx).await?;
    let updated = touch(&mut tx, id).await?;
    feed::meeting(&mut tx, &updated).await?;
    let (before, after) =
        ((&m.starts_at, &m.ends_at, m.place.as_str()), (&updated.starts_at, &updated.ends_at, updated.place.as_str()));
    if ecab_core::notifications::moved(m.status.is_published(), before, after) {
        feed::meeting_moved(&mut tx, &updated, user.id, Utc::now()).await?;
    }
    tx.commit(Audit::update("meeting", id, &req)).await?;
    Ok(Json(updated))
}

/// Move the meeting through its workflow: submit, withdraw, approve, reject (with a
/// reason), publish, start, end, archive.
async fn transition(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(t): ApiJson<Transition>,
) -> AppResult<Json<Meeting>> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let (m, rel) = visible(&mut tx, id, &user).await?;
    let agenda_items: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM agenda_items WHERE meeting_id = ?")
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    let ws = WorkflowState { status: m.status, review_stage: m.review_stage, agenda_items: agenda_items as usize };
    let out = apply(&ws, user.actor(), rel, &t)?;
    let reason = match &t {
        Transition::Reject { .. } => out.rejection_reason.clone(),
        Transition::Submit => None,
        _ => m.rejection_reason.clone(),
    };
    sqlx::query("UPDATE meetings SET status = ?, review_stage = ?, rejection_reason = ? WHERE id = ?")
        .bind(out.status.as_str())
        .bind(out.review_stage.map(|s| s.as_str()))
        .bind(reason)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let updated = touch(&mut tx, id).await?;
    if out.status == MeetingStatus::Published && m.status != MeetingStatus::Published {
        feed::snapshot(&mut tx, &updated, None).await?;
    } else {
        feed::meeting(&mut tx, &updated).await?;
    }
    tx.commit(Audit {
        action: t.name(),
        entity: "meeting",
        id: Some(id),
        detail: json!({ "from": m.status, "to": out.status, "reason": out.rejection_reason }),
    })
    .await?;
    Ok(Json(updated))
}
