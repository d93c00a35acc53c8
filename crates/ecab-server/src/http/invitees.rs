//! Who is invited: delegates and bridge points. Newly invited people receive a
//! published meeting whole; people taken off the list lose it from their devices.

use std::collections::HashSet;

use axum::Json;
use axum::extract::State;
use ecab_core::Role;
use ecab_core::rules::{self, Account};
use ecab_protocol::meeting::{Invitees, SetInvitees};
use ecab_protocol::ops;
use serde_json::json;
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
    OpenApiRouter::new().op(ops::SetInvitees, set)
}

fn dedup(ids: &[Uuid]) -> Vec<Uuid> {
    let mut seen = HashSet::new();
    ids.iter().copied().filter(|id| seen.insert(*id)).collect()
}

/// Replace the lists of invited delegates and bridge points. Those taken off lose their
/// replies (and their deputies the meeting).
async fn set(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<SetInvitees>,
) -> AppResult<Json<Invitees>> {
    let delegates = dedup(&req.delegate_ids);
    let bridge_points = dedup(&req.bridge_point_ids);
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let m = editable(&mut tx, id, &user).await?;
    for d in &delegates {
        let row: Option<(String, bool)> =
            sqlx::query_as("SELECT role, active FROM users WHERE id = ?").bind(d).fetch_optional(&mut *tx).await?;
        let account = row.and_then(|(role, active)| Some(Account { role: Role::parse(&role)?, active }));
        rules::delegate(account).map_err(|e| AppError::invalid(e.field.as_str(), format!("{d}: {e}")))?;
    }
    for b in &bridge_points {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM bridge_points WHERE id = ?").bind(b).fetch_optional(&mut *tx).await?;
        if found.is_none() {
            return Err(AppError::invalid("bridge_point_ids", format!("no bridge point {b}")));
        }
    }
    let before = feed::receivers(&mut tx, id).await?;
    sqlx::query("DELETE FROM meeting_delegates WHERE meeting_id = ?").bind(id).execute(&mut *tx).await?;
    sqlx::query("DELETE FROM meeting_bridge_points WHERE meeting_id = ?").bind(id).execute(&mut *tx).await?;
    for d in &delegates {
        sqlx::query("INSERT INTO meeting_delegates (meeting_id, user_id) VALUES (?, ?)")
            .bind(id)
            .bind(d)
            .execute(&mut *tx)
            .await?;
    }
    for b in &bridge_points {
        sqlx::query("INSERT INTO meeting_bridge_points (meeting_id, bridge_point_id) VALUES (?, ?)")
            .bind(id)
            .bind(b)
            .execute(&mut *tx)
            .await?;
    }
    let dropped = store::attendance::drop_uninvited(&mut tx, id).await?;
    let m = touch(&mut tx, m.id).await?;
    let gone = feed::reach(&mut tx, &m, &before).await?;
    super::attendance::drop_registrations(&mut tx, &m, &gone).await?;
    for user in dropped {
        feed::reply_deleted(&mut tx, &m, user).await?;
    }
    feed::invitees(&mut tx, &m).await?;
    let invitees = store::meetings::invitees(&mut tx, id).await?;
    tx.commit(Audit {
        action: "set_invitees",
        entity: "meeting",
        id: Some(id),
        detail: json!({ "delegates": invitees.delegate_ids.len(), "bridge_points": invitees.bridge_point_ids.len() }),
    })
    .await?;
    Ok(Json(invitees))
}
