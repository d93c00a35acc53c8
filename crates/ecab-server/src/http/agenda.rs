//! The agenda of a meeting: add, change, remove and reorder items.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use ecab_core::rules::{self, Field};
use ecab_protocol::meeting::{AgendaItem, CreateAgendaItem, ReorderAgenda, UpdateAgendaItem};
use ecab_protocol::ops;
use serde_json::json;
use sqlx::SqliteConnection;
use utoipa_axum::router::OpenApiRouter;
use uuid::Uuid;

use super::extract::{ApiJson, ApiPath, Origin};
use super::meetings::{editable, touch};
use super::op::OpRouter;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::write::{Audit, Write};
use crate::{feed, store};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .op(ops::AddAgendaItem, add)
        .op(ops::UpdateAgendaItem, update)
        .op(ops::RemoveAgendaItem, remove)
        .op(ops::ReorderAgenda, reorder)
}

async fn unit_exists(db: &mut SqliteConnection, unit: Option<Uuid>) -> AppResult<()> {
    let Some(unit) = unit else { return Ok(()) };
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM units WHERE id = ?").bind(unit).fetch_optional(db).await?;
    found.map(|_| ()).ok_or_else(|| AppError::invalid("presenting_unit_id", "no such unit"))
}

/// Write positions 0..n in the given order and tell the feed about every item that moved.
async fn renumber(db: &mut SqliteConnection, meeting_id: Uuid, order: &[Uuid]) -> AppResult<()> {
    let before = store::meetings::agenda(db, meeting_id).await?;
    for (pos, id) in order.iter().enumerate() {
        sqlx::query("UPDATE agenda_items SET position = ? WHERE id = ?")
            .bind(pos as i64)
            .bind(id)
            .execute(&mut *db)
            .await?;
    }
    let m = touch(db, meeting_id).await?;
    for item in store::meetings::agenda(db, meeting_id).await? {
        if before.iter().find(|b| b.id == item.id).map(|b| b.position) != Some(item.position) {
            feed::agenda_item(db, &m, &item).await?;
        }
    }
    Ok(())
}

/// Add an item, at the end or at `position`. A retry with the same `id` returns it.
async fn add(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(meeting_id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<CreateAgendaItem>,
) -> AppResult<(StatusCode, Json<AgendaItem>)> {
    let title = rules::required(Field::Title, &req.title)?;
    rules::agenda_minutes(req.minutes)?;
    let mut tx = Write::begin(&state, &user, &origin).await?;
    editable(&mut tx, meeting_id, &user).await?;
    let id = req.id.unwrap_or_else(Uuid::now_v7);
    if let Some(existing) = store::meetings::agenda_item(&mut tx, id).await? {
        return if existing.meeting_id == meeting_id {
            Ok((StatusCode::OK, Json(existing)))
        } else {
            Err(AppError::conflict("id already used"))
        };
    }
    unit_exists(&mut tx, req.presenting_unit_id).await?;
    let mut order: Vec<Uuid> = store::meetings::agenda(&mut tx, meeting_id).await?.into_iter().map(|i| i.id).collect();
    let pos = req.position.map(|p| p as usize).unwrap_or(order.len()).min(order.len());
    sqlx::query("INSERT INTO agenda_items (id, meeting_id, position, title, presenter, presenting_unit_id, minutes, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(id).bind(meeting_id).bind(pos as i64).bind(title).bind(req.presenter.trim()).bind(req.presenting_unit_id)
        .bind(req.minutes as i64).bind(req.summary.trim())
        .execute(&mut *tx).await?;
    order.insert(pos, id);
    renumber(&mut tx, meeting_id, &order).await?;
    let item = store::meetings::agenda_item(&mut tx, id).await?.ok_or_else(|| AppError::internal("item vanished"))?;
    // `renumber` announces the items that moved; the new one is announced here.
    let m = store::meetings::meeting(&mut tx, meeting_id).await?.ok_or_else(|| AppError::not_found("meeting"))?;
    feed::agenda_item(&mut tx, &m, &item).await?;
    tx.commit(Audit {
        action: "create",
        entity: "agenda_item",
        id: Some(id),
        detail: json!({ "meeting_id": m.id, "title": title }),
    })
    .await?;
    Ok((StatusCode::CREATED, Json(item)))
}

async fn item_of_editable(db: &mut SqliteConnection, id: Uuid, user: &AuthUser) -> AppResult<AgendaItem> {
    let item = store::meetings::agenda_item(db, id).await?.ok_or_else(|| AppError::not_found("agenda item"))?;
    editable(db, item.meeting_id, user).await?;
    Ok(item)
}

async fn update(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<UpdateAgendaItem>,
) -> AppResult<Json<AgendaItem>> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let old = item_of_editable(&mut tx, id, &user).await?;
    let title = rules::required(Field::Title, req.title.as_deref().unwrap_or(&old.title))?.to_owned();
    let minutes = rules::agenda_minutes(req.minutes.unwrap_or(old.minutes))?;
    unit_exists(&mut tx, req.presenting_unit_id).await?;
    sqlx::query("UPDATE agenda_items SET title = ?, presenter = ?, presenting_unit_id = ?, minutes = ?, summary = ? WHERE id = ?")
        .bind(&title).bind(req.presenter.as_deref().map(str::trim).unwrap_or(&old.presenter))
        .bind(req.presenting_unit_id.or(old.presenting_unit_id)).bind(minutes as i64)
        .bind(req.summary.as_deref().map(str::trim).unwrap_or(&old.summary)).bind(id)
        .execute(&mut *tx).await?;
    let m = touch(&mut tx, old.meeting_id).await?;
    let item = store::meetings::agenda_item(&mut tx, id).await?.ok_or_else(|| AppError::internal("item vanished"))?;
    feed::agenda_item(&mut tx, &m, &item).await?;
    tx.commit(Audit::update("agenda_item", id, &req)).await?;
    Ok(Json(item))
}

/// Remove an item; its documents stay with the meeting as a whole.
async fn remove(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<StatusCode> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let item = item_of_editable(&mut tx, id, &user).await?;
    let moved: Vec<Uuid> = sqlx::query_scalar("SELECT id FROM documents WHERE agenda_item_id = ? AND revoked = 0")
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
    sqlx::query("UPDATE documents SET agenda_item_id = NULL WHERE agenda_item_id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    // Its questions stay, on the meeting as a whole, at the end of those.
    let questions: Vec<Uuid> =
        sqlx::query_scalar("SELECT id FROM questions WHERE agenda_item_id = ? ORDER BY position")
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
    for q in &questions {
        let position = store::questions::next_position(&mut tx, item.meeting_id, None).await?;
        sqlx::query("UPDATE questions SET agenda_item_id = NULL, position = ? WHERE id = ?")
            .bind(i64::from(position))
            .bind(q)
            .execute(&mut *tx)
            .await?;
    }
    // Registrations to speak on it go with it.
    let speakers: Vec<Uuid> = sqlx::query_scalar("DELETE FROM speakers WHERE agenda_item_id = ? RETURNING id")
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM agenda_items WHERE id = ?").bind(id).execute(&mut *tx).await?;
    let m = touch(&mut tx, item.meeting_id).await?;
    feed::agenda_item_deleted(&mut tx, &m, id).await?;
    for s in speakers {
        feed::speaker_deleted(&mut tx, &m, s).await?;
    }
    for doc in moved {
        if let Some((d, _)) = store::documents::one(&mut tx, doc).await? {
            feed::document(&mut tx, &m, &d).await?;
        }
    }
    for q in questions {
        let q = store::questions::must(&mut tx, q).await?;
        let before = store::questions::readers(&mut tx, &q).await?;
        feed::question(&mut tx, &m, &q, &before).await?;
    }
    let order: Vec<Uuid> = store::meetings::agenda(&mut tx, m.id).await?.into_iter().map(|i| i.id).collect();
    renumber(&mut tx, m.id, &order).await?;
    tx.commit(Audit {
        action: "delete",
        entity: "agenda_item",
        id: Some(id),
        detail: json!({ "meeting_id": m.id, "title": item.title }),
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Put the agenda in a new order: every item of the meeting, exactly once.
async fn reorder(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(meeting_id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<ReorderAgenda>,
) -> AppResult<Json<Vec<AgendaItem>>> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    editable(&mut tx, meeting_id, &user).await?;
    let mut current: Vec<Uuid> =
        store::meetings::agenda(&mut tx, meeting_id).await?.into_iter().map(|i| i.id).collect();
    let mut wanted = req.item_ids.clone();
    current.sort();
    wanted.sort();
    if current != wanted {
        return Err(AppError::invalid("item_ids", "list every item of this meeting exactly once"));
    }
    renumber(&mut tx, meeting_id, &req.item_ids).await?;
    let agenda = store::meetings::agenda(&mut tx, meeting_id).await?;
    tx.commit(Audit {
        action: "reorder",
        entity: "agenda",
        id: Some(meeting_id),
        detail: json!({ "item_ids": req.item_ids }),
    })
    .await?;
    Ok(Json(agenda))
}
