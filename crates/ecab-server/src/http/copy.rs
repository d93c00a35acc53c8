//! Repeat a meeting on another day (the daily 07:15 Steering Committee meeting), or
//! copy an earlier one as the start of a new draft.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use ecab_core::Recurrence;
use ecab_core::access::can_create_meeting;
use ecab_protocol::meeting::{CopyMeeting, MeetingDetail};
use ecab_protocol::ops;
use serde_json::json;
use sqlx::SqliteConnection;
use utoipa_axum::router::OpenApiRouter;
use uuid::Uuid;

use super::extract::{ApiJson, ApiPath, Origin};
use super::meetings::{detail_of, visible};
use super::op::OpRouter;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::write::{Audit, Write};
use crate::time::{local_day, same_time_on};
use crate::{feed, store};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().op(ops::CopyMeeting, copy)
}

/// A new draft with the source's details, chair, invitees, bridge points and agenda (not
/// its documents) on `date`, owned by the caller. With `repeat`, the new meeting joins
/// the source's series and there is at most one per day: asking again for the same day
/// returns the existing one.
async fn copy(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(source_id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<CopyMeeting>,
) -> AppResult<(StatusCode, Json<MeetingDetail>)> {
    if !can_create_meeting(user.actor()) {
        return Err(AppError::forbidden("only secretaries create meetings"));
    }
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let (src, _) = visible(&mut tx, source_id, &user).await?;
    let series = if req.repeat { Some(src.series_id.unwrap_or(src.id)) } else { None };
    if let Some(series) = series {
        if local_day(src.starts_at) == req.date && src.series_id.is_none() {
            return Err(AppError::invalid("date", "the meeting already takes place on that day"));
        }
        let existing: Option<Uuid> =
            sqlx::query_scalar("SELECT id FROM meetings WHERE series_id = ? AND series_day = ?")
                .bind(series)
                .bind(req.date)
                .fetch_optional(&mut *tx)
                .await?;
        if let Some(existing) = existing {
            let (m, rel) = visible(&mut tx, existing, &user).await?;
            return Ok((StatusCode::OK, Json(detail_of(&mut tx, m, rel, &user).await?)));
        }
        // The source becomes the first of its series.
        sqlx::query("UPDATE meetings SET series_id = ?, series_day = COALESCE(series_day, ?) WHERE id = ? AND series_id IS NULL")
            .bind(series).bind(local_day(src.starts_at)).bind(src.id).execute(&mut *tx).await?;
    }
    let id = req.id.unwrap_or_else(Uuid::now_v7);
    if let Some(existing) = store::meetings::meeting(&mut tx, id).await? {
        if existing.secretary_id != user.id {
            return Err(AppError::conflict("id already used"));
        }
        let (m, rel) = visible(&mut tx, existing.id, &user).await?;
        return Ok((StatusCode::OK, Json(detail_of(&mut tx, m, rel, &user).await?)));
    }
    let starts_at = same_time_on(src.starts_at, req.date);
    let ends_at = starts_at + (src.ends_at - src.starts_at);
    let deadline = src.question_deadline.map(|d| starts_at - (src.starts_at - d));
    let now = Utc::now();
    let recurrence = if req.repeat { src.recurrence } else { Recurrence::None };
    sqlx::query(
        "INSERT INTO meetings (id, title, kind, status, starts_at, ends_at, place, chair_id, secretary_id, confidentiality,
         question_deadline, recurrence, series_id, series_day, created_at, updated_at)
         VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id).bind(&src.title).bind(src.kind.as_str()).bind(starts_at).bind(ends_at).bind(&src.place)
    .bind(src.chair_id).bind(user.id).bind(src.confidentiality.as_str()).bind(deadline)
    .bind(recurrence.as_str()).bind(series).bind(series.map(|_| req.date)).bind(now).bind(now)
    .execute(&mut *tx).await?;
    copy_children(&mut tx, src.id, id).await?;
    let m = store::meetings::meeting(&mut tx, id).await?.ok_or_else(|| AppError::internal("meeting vanished"))?;
    feed::snapshot(&mut tx, &m, None).await?;
    let (m, rel) = visible(&mut tx, id, &user).await?;
    let detail = detail_of(&mut tx, m, rel, &user).await?;
    let action = if req.repeat { "repeat" } else { "copy" };
    tx.commit(Audit { action, entity: "meeting", id: Some(id), detail: json!({ "source": src.id, "date": req.date }) })
        .await?;
    Ok((StatusCode::CREATED, Json(detail)))
}

/// Agenda (new ids, same order) and invitation lists.
pub async fn copy_children(db: &mut SqliteConnection, from: Uuid, to: Uuid) -> AppResult<()> {
    for item in store::meetings::agenda(db, from).await? {
        sqlx::query("INSERT INTO agenda_items (id, meeting_id, position, title, presenter, presenting_unit_id, minutes, summary)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            .bind(Uuid::now_v7()).bind(to).bind(item.position as i64).bind(&item.title).bind(&item.presenter)
            .bind(item.presenting_unit_id).bind(item.minutes as i64).bind(&item.summary)
            .execute(&mut *db).await?;
    }
    sqlx::query("INSERT INTO meeting_delegates (meeting_id, user_id) SELECT ?, user_id FROM meeting_delegates WHERE meeting_id = ?")
        .bind(to).bind(from).execute(&mut *db).await?;
    sqlx::query("INSERT INTO meeting_bridge_points (meeting_id, bridge_point_id) SELECT ?, bridge_point_id FROM meeting_bridge_points WHERE meeting_id = ?")
        .bind(to).bind(from).execute(&mut *db).await?;
    Ok(())
}
