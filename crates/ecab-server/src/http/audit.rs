//! Reading the audit log (administrators).

use axum::Json;
use axum::extract::State;
use ecab_core::access::can_manage_directory;
use ecab_protocol::ops;
use ecab_protocol::query::{AuditEntry, AuditQuery};
use utoipa_axum::router::OpenApiRouter;

use super::extract::ApiQuery;
use super::op::OpRouter;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().op(ops::Audit, list)
}

/// The newest entries first.
async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> AppResult<Json<Vec<AuditEntry>>> {
    if !can_manage_directory(user.actor()) {
        return Err(AppError::forbidden("only administrators read the audit log"));
    }
    let rows: Vec<(
        i64,
        chrono::DateTime<chrono::Utc>,
        Option<uuid::Uuid>,
        String,
        String,
        Option<uuid::Uuid>,
        Option<String>,
        Option<String>,
        String,
    )> = sqlx::query_as(
        "SELECT id, at, user_id, action, entity, entity_id, ip, user_agent, detail FROM audit_log
         WHERE id < ? ORDER BY id DESC LIMIT ?",
    )
    .bind(q.before.unwrap_or(i64::MAX))
    .bind(q.limit.unwrap_or(100).clamp(1, 1000))
    .fetch_all(&state.db)
    .await?;
    Ok(Json(
        rows.into_iter()
            .map(|(id, at, user_id, action, entity, entity_id, ip, user_agent, detail)| AuditEntry {
                id,
                at,
                user_id,
                action,
                entity,
                entity_id,
                ip,
                user_agent,
                detail,
            })
            .collect(),
    ))
}
