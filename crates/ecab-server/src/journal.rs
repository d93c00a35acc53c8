//! The two records every write leaves, inside its transaction: a change in the feed
//! (what clients pull) and an entry in the audit log (who did it, from where).

use chrono::Utc;
use ecab_core::access::Audience;
use ecab_protocol::sync::{ChangeOp, Entity};
use serde::Serialize;
use sqlx::SqliteConnection;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::http::extract::Origin;

pub struct NewChange<'a, T: Serialize> {
    pub meeting_id: Option<Uuid>,
    pub audience: Audience,
    /// Only this user sees the change (an invitation or its withdrawal).
    pub target_user: Option<Uuid>,
    pub entity: Entity,
    pub entity_id: Uuid,
    pub op: ChangeOp,
    pub data: &'a T,
}

pub async fn change<T: Serialize>(db: &mut SqliteConnection, c: NewChange<'_, T>) -> AppResult<i64> {
    let data = serde_json::to_string(c.data).map_err(crate::error::AppError::internal)?;
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO changes (at, meeting_id, audience, target_user, entity, entity_id, op, data)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq",
    )
    .bind(Utc::now())
    .bind(c.meeting_id)
    .bind(c.audience.as_str())
    .bind(c.target_user)
    .bind(c.entity.as_str())
    .bind(c.entity_id)
    .bind(c.op.as_str())
    .bind(data)
    .fetch_one(db)
    .await?;
    Ok(seq)
}

pub async fn audit(
    db: &mut SqliteConnection,
    user: Option<&AuthUser>,
    origin: &Origin,
    action: &str,
    entity: &str,
    entity_id: Option<Uuid>,
    detail: serde_json::Value,
) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, user_id, action, entity, entity_id, ip, user_agent, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(Utc::now())
    .bind(user.map(|u| u.id))
    .bind(action)
    .bind(entity)
    .bind(entity_id)
    .bind(origin.ip.as_deref())
    .bind(origin.user_agent.as_deref())
    .bind(detail.to_string())
    .execute(db)
    .await?;
    Ok(())
}
