//! Read tracking: delegates' apps report the documents they open; the staff see who has
//! read what. The decisions are `ecab_core::reading`'s.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use ecab_core::reading::{can_report_read, can_view_reads};
use ecab_protocol::attendance::{Read, ReportRead};
use ecab_protocol::ops;
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use uuid::Uuid;

use super::documents::readable;
use super::extract::{ApiJson, ApiPath, Origin};
use super::meetings::visible;
use super::op::OpRouter;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::write::{Audit, Write};
use crate::{feed, store};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().op(ops::ReportRead, report).op(ops::ListReads, list)
}

/// A report from a clock this far ahead of the server's is taken as now.
const CLOCK_SLACK: Duration = Duration::minutes(5);

/// A delegate opened a document. Reports made offline arrive late and in any order: the
/// first and last times and the newest version are kept.
async fn report(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<ReportRead>,
) -> AppResult<StatusCode> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let (d, m, rel) = readable(&mut tx, id, &user).await?;
    can_report_read(user.actor(), rel, m.status, d.confidentiality).map_err(|e| AppError::denied(e, "document"))?;
    if req.version == 0 || req.version > d.current.version {
        return Err(AppError::invalid("version", "not a version of this document"));
    }
    let now = Utc::now();
    let at = if req.at > now + CLOCK_SLACK { now } else { req.at };
    let read = store::reads::record(&mut tx, m.id, id, user.id, req.version, at).await?;
    feed::read(&mut tx, &m, &read).await?;
    tx.commit(Audit { action: "read", entity: "document", id: Some(id), detail: json!({ "version": req.version }) })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Who has opened which document of a meeting: the staff only.
async fn list(State(state): State<AppState>, user: AuthUser, ApiPath(id): ApiPath<Uuid>) -> AppResult<Json<Vec<Read>>> {
    let mut conn = state.db.acquire().await?;
    let (_, rel) = visible(&mut conn, id, &user).await?;
    if !can_view_reads(user.actor(), rel) {
        return Err(AppError::denied(ecab_core::access::Denied::Forbidden, "meeting"));
    }
    Ok(Json(store::reads::of_meeting(&mut conn, id).await?))
}
