//! Reading the audit log (administrators).

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use ecab_core::access::can_manage_directory;
use ecab_protocol::ApiError;
use serde::{Deserialize, Serialize};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::extract::ApiQuery;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

#[derive(Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct AuditEntry {
    id: i64,
    at: DateTime<Utc>,
    user_id: Option<Uuid>,
    action: String,
    entity: String,
    entity_id: Option<Uuid>,
    ip: Option<String>,
    user_agent: Option<String>,
    /// JSON text.
    detail: String,
}

#[derive(Deserialize, utoipa::IntoParams)]
struct AuditQuery {
    /// Entries with an id below this (for paging backwards).
    before: Option<i64>,
    /// At most this many (default 100, at most 1000).
    limit: Option<u32>,
}

/// The newest entries first.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditQuery),
    responses((status = 200, body = [AuditEntry]), (status = 403, body = ApiError)))]
async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> AppResult<Json<Vec<AuditEntry>>> {
    if !can_manage_directory(user.actor()) {
        return Err(AppError::forbidden("only administrators read the audit log"));
    }
    let rows = sqlx::query_as(
        "SELECT id, at, user_id, action, entity, entity_id, ip, user_agent, detail FROM audit_log
         WHERE id < ? ORDER BY id DESC LIMIT ?",
    )
    .bind(q.before.unwrap_or(i64::MAX))
    .bind(q.limit.unwrap_or(100).clamp(1, 1000))
    .fetch_all(&state.db)
    .await?;
    Ok(Json(rows))
}
