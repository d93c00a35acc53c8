//! `GET /api/v1/notifications`: what the caller has been told of, newest first, for a
//! client with no local store (the browser); not what they did themselves. The same rows
//! as the feed delivers, decided by the same rule (`super::sync::newest`).

use axum::Json;
use axum::extract::State;
use ecab_protocol::notification::Notification;
use ecab_protocol::ops;
use ecab_protocol::sync::Entity;
use utoipa_axum::router::OpenApiRouter;

use super::op::OpRouter;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The newest notifications answered.
pub const SHOWN: usize = 50;
/// At most this many recent notification rows are looked at for them.
const SCAN: i64 = 2000;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().op(ops::ListNotifications, list)
}

async fn list(State(state): State<AppState>, user: AuthUser) -> AppResult<Json<Vec<Notification>>> {
    let mut out = Vec::new();
    for change in super::sync::newest(&state.db, &user, Entity::Notification, usize::MAX, SCAN).await? {
        let n: Notification = serde_json::from_value(change.data).map_err(AppError::internal)?;
        if ecab_core::notifications::tells(n.by.as_ref(), &user.id) {
            out.push(n);
        }
        if out.len() == SHOWN {
            break;
        }
    }
    Ok(Json(out))
}
