//! `GET /api/v1/sync?since=SEQ`: the changes after `since` that the caller may see.

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use ecab_core::access::{Audience, sees_change, sees_directory_change};
use ecab_core::{MeetingStatus, Relation};
use ecab_protocol::ops;
use ecab_protocol::query::SyncQuery;
use ecab_protocol::sync::{Change, ChangeOp, Entity, SyncPage};
use sqlx::SqliteConnection;
use utoipa_axum::router::OpenApiRouter;
use uuid::Uuid;

use super::extract::ApiQuery;
use super::op::OpRouter;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().op(ops::Sync, sync)
}

const DEFAULT_LIMIT: u32 = 500;
const MAX_LIMIT: u32 = 2000;
const SCAN_BATCH: i64 = 1000;

#[derive(sqlx::FromRow)]
struct ChangeRow {
    seq: i64,
    at: DateTime<Utc>,
    meeting_id: Option<Uuid>,
    audience: String,
    target_user: Option<Uuid>,
    entity: String,
    entity_id: Uuid,
    op: String,
    data: String,
}

/// How the caller stands to each meeting met while scanning, loaded once per request.
struct Standing<'a> {
    user: &'a AuthUser,
    meetings: HashMap<Uuid, Option<(Relation, MeetingStatus)>>,
}

impl Standing<'_> {
    async fn of(&mut self, db: &mut SqliteConnection, id: Uuid) -> AppResult<Option<(Relation, MeetingStatus)>> {
        if let Some(known) = self.meetings.get(&id) {
            return Ok(*known);
        }
        let found = match store::meetings::meeting(db, id).await? {
            Some(m) => Some((store::meetings::relation(db, &m, self.user).await?, m.status)),
            None => None,
        };
        self.meetings.insert(id, found);
        Ok(found)
    }

    async fn sees(&mut self, db: &mut SqliteConnection, row: &ChangeRow) -> AppResult<bool> {
        let audience = Audience::parse(&row.audience).ok_or_else(|| AppError::internal("bad audience in store"))?;
        if let Some(target) = row.target_user {
            if target != self.user.id {
                return Ok(false);
            }
            if ChangeOp::parse(&row.op) == Some(ChangeOp::Delete) {
                return Ok(true);
            }
        }
        let actor = self.user.actor();
        match row.meeting_id {
            None => Ok(sees_directory_change(actor, audience)),
            Some(mid) => Ok(match self.of(db, mid).await? {
                Some((rel, status)) => sees_change(actor, rel, status, audience),
                None => false,
            }),
        }
    }
}

/// Changes after `since`, oldest first, filtered to what the caller may see now.
async fn sync(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<SyncQuery>,
) -> AppResult<Json<SyncPage>> {
    let limit = q.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT) as usize;
    let mut conn = state.db.acquire().await?;
    let mut standing = Standing { user: &user, meetings: HashMap::new() };
    let mut changes = Vec::new();
    let mut cursor = q.since.max(0);
    let mut has_more = false;
    'scan: loop {
        let rows: Vec<ChangeRow> = sqlx::query_as(
            "SELECT seq, at, meeting_id, audience, target_user, entity, entity_id, op, data FROM changes
             WHERE seq > ? ORDER BY seq LIMIT ?",
        )
        .bind(cursor)
        .bind(SCAN_BATCH)
        .fetch_all(&mut *conn)
        .await?;
        let exhausted = (rows.len() as i64) < SCAN_BATCH;
        for row in rows {
            if changes.len() == limit {
                has_more = true;
                break 'scan;
            }
            cursor = row.seq;
            if !standing.sees(&mut conn, &row).await? {
                continue;
            }
            let entity = Entity::parse(&row.entity).ok_or_else(|| AppError::internal("bad entity in store"))?;
            let op = ChangeOp::parse(&row.op).ok_or_else(|| AppError::internal("bad operation in store"))?;
            let data = serde_json::from_str(&row.data).map_err(AppError::internal)?;
            changes.push(Change {
                seq: row.seq,
                at: row.at,
                meeting_id: row.meeting_id,
                entity,
                entity_id: row.entity_id,
                op,
                data,
            });
        }
        if exhausted {
            break;
        }
    }
    Ok(Json(SyncPage { changes, next_since: cursor, has_more }))
}
