//! `GET /api/v1/notifications`: what the caller has been told of, newest first, for a
//! client with no local store (the browser); not what they did themselves. The same rows as the feed delivers, decided by
//! the same rule (`ecab_core::access::sees_change`).

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use ecab_core::access::{Audience, sees_change};
use ecab_core::{MeetingStatus, Relation};
use ecab_protocol::notification::Notification;
use ecab_protocol::ops;
use utoipa_axum::router::OpenApiRouter;
use uuid::Uuid;

use super::op::OpRouter;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store;

/// The newest notifications answered.
pub const SHOWN: usize = 50;
/// At most this many recent notification rows are looked at for them.
const SCAN: i64 = 2000;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().op(ops::ListNotifications, list)
}

async fn list(State(state): State<AppState>, user: AuthUser) -> AppResult<Json<Vec<Notification>>> {
    let mut conn = state.db.acquire().await?;
    let rows: Vec<(Option<Uuid>, String, String)> = sqlx::query_as(
        "SELECT meeting_id, audience, data FROM changes
         WHERE entity = 'notification' AND op = 'upsert' AND (target_user IS NULL OR target_user = ?)
         ORDER BY seq DESC LIMIT ?",
    )
    .bind(user.id)
    .bind(SCAN)
    .fetch_all(&mut *conn)
    .await?;
    let mut standing: HashMap<Uuid, Option<(Relation, MeetingStatus)>> = HashMap::new();
    let mut out = Vec::new();
    for (meeting, audience, data) in rows {
        let Some(meeting) = meeting else { continue };
        let known = match standing.get(&meeting) {
            Some(known) => *known,
            None => {
                let found = match store::meetings::meeting(&mut conn, meeting).await? {
                    Some(m) => Some((store::meetings::relation(&mut conn, &m, &user).await?, m.status)),
                    None => None,
                };
                standing.insert(meeting, found);
                found
            }
        };
        let audience = Audience::parse(&audience).ok_or_else(|| AppError::internal("bad audience in store"))?;
        let sees = known.is_some_and(|(rel, status)| sees_change(user.actor(), rel, status, audience));
        let n = serde_json::from_str::<Notification>(&data).map_err(AppError::internal)?;
        if sees && n.by != Some(user.id) {
            out.push(n);
            if out.len() == SHOWN {
                break;
            }
        }
    }
    Ok(Json(out))
}
