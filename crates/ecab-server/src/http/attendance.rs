//! Attendance before the meeting (replies and deputies) and registrations to speak. Every
//! decision is `ecab_core::attendance`'s or `ecab_core::speaking`'s.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use ecab_core::access::is_staff;
use ecab_core::attendance::{self as rules, can_reply, can_view_reply};
use ecab_core::rules::{Field, Invalid, Rule};
use ecab_core::{Attendance, speaking};
use ecab_protocol::attendance::{RegisterToSpeak, Reply, SetReply, Speaker};
use ecab_protocol::meeting::Meeting;
use ecab_protocol::ops;
use serde_json::json;
use sqlx::SqliteConnection;
use utoipa_axum::router::OpenApiRouter;
use uuid::Uuid;

use super::extract::{ApiJson, ApiPath, Origin};
use super::meetings::visible;
use super::op::OpRouter;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::write::{Audit, Write};
use crate::{feed, store};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .op(ops::ListReplies, list)
        .op(ops::SetReply, set)
        .op(ops::ListSpeakers, speakers)
        .op(ops::RegisterToSpeak, register)
        .op(ops::WithdrawSpeaker, withdraw)
}

fn meeting_denied(d: ecab_core::access::Denied) -> AppError {
    AppError::denied(d, "meeting")
}

/// The roll as the caller may see it: all of it for the staff; a delegate's own reply, or
/// the one that names them as deputy.
async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<Vec<Reply>>> {
    let mut conn = state.db.acquire().await?;
    let (_, rel) = visible(&mut conn, id, &user).await?;
    let all = store::attendance::replies(&mut conn, id).await?;
    let actor = user.actor();
    let seen =
        all.into_iter().filter(|r| can_view_reply(actor, rel, r.user_id == user.id, r.deputy_id == Some(user.id)));
    Ok(Json(seen.collect()))
}

/// Reply for an invitee: the invitee, or the secretary on their behalf. Naming a deputy
/// gives them the meeting; replacing or dropping one takes it from them.
async fn set(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath((id, invitee)): ApiPath<(Uuid, Uuid)>,
    ApiJson(req): ApiJson<SetReply>,
) -> AppResult<Json<Reply>> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let (m, rel) = visible(&mut tx, id, &user).await?;
    can_reply(user.actor(), rel, m.status, invitee == user.id).map_err(meeting_denied)?;
    let old = store::attendance::reply(&mut tx, id, invitee)
        .await?
        .ok_or_else(|| AppError::from(Invalid::new(Field::UserId, Rule::NotInMeeting)))?;
    let deputy = match req.deputy_id {
        Some(d) => Some(store::attendance::candidate(&mut tx, id, invitee, d).await?),
        None => None,
    };
    let reason = rules::reply(req.status, &req.reason, deputy)?.to_owned();
    let reply = Reply {
        meeting_id: id,
        user_id: invitee,
        status: req.status,
        reason,
        deputy_id: req.deputy_id,
        by: Some(user.id),
        updated_at: Some(Utc::now()),
    };
    let before = feed::receivers(&mut tx, id).await?;
    store::attendance::save_reply(&mut tx, &reply).await?;
    let mut away = feed::reach(&mut tx, &m, &before).await?;
    if !rules::comes(reply.status) {
        away.push(invitee);
    }
    drop_registrations(&mut tx, &m, &away).await?;
    feed::reply(&mut tx, &m, &reply, old.deputy_id).await?;
    tx.commit(Audit {
        action: "set_reply",
        entity: "reply",
        id: Some(Reply::id_for(id, invitee)),
        detail: json!({ "meeting_id": id, "user_id": invitee, "status": reply.status, "deputy_id": reply.deputy_id }),
    })
    .await?;
    Ok(Json(reply))
}

/// The registrations to speak of people who no longer come (they declined, sent a deputy,
/// or lost the meeting) are withdrawn with them.
pub async fn drop_registrations(db: &mut SqliteConnection, m: &Meeting, users: &[Uuid]) -> AppResult<()> {
    for user in users {
        for s in store::attendance::drop_speakers(db, m.id, *user).await? {
            feed::speaker_deleted(db, m, s).await?;
        }
    }
    Ok(())
}

/// The registrations to speak, for everyone who sees the meeting.
async fn speakers(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<Vec<Speaker>>> {
    let mut conn = state.db.acquire().await?;
    visible(&mut conn, id, &user).await?;
    Ok(Json(store::attendance::speakers(&mut conn, id).await?))
}

/// Register to speak on an agenda item. Registering again (a retry, or the same item
/// twice) answers the registration already there.
async fn register(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<RegisterToSpeak>,
) -> AppResult<(StatusCode, Json<Speaker>)> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let (m, rel) = visible(&mut tx, id, &user).await?;
    let reply = store::attendance::reply(&mut tx, id, user.id).await?.map_or(Attendance::Pending, |r| r.status);
    speaking::can_register(user.actor(), rel, m.status, reply).map_err(meeting_denied)?;
    let item = store::meetings::agenda_item(&mut tx, req.agenda_item_id).await?;
    if item.is_none_or(|i| i.meeting_id != id) {
        return Err(Invalid::new(Field::AgendaItemId, Rule::NotInMeeting).into());
    }
    let topic = speaking::topic(&req.topic)?.to_owned();
    if let Some(existing) = store::attendance::speaker(&mut tx, req.id, Some((req.agenda_item_id, user.id))).await? {
        if existing.user_id != user.id || existing.meeting_id != id {
            return Err(AppError::conflict("this id is taken"));
        }
        return Ok((StatusCode::OK, Json(existing)));
    }
    let speaker = Speaker {
        id: req.id,
        meeting_id: id,
        agenda_item_id: req.agenda_item_id,
        user_id: user.id,
        topic,
        created_at: Utc::now(),
    };
    store::attendance::insert_speaker(&mut tx, &speaker).await?;
    feed::speaker(&mut tx, &m, &speaker).await?;
    tx.commit(Audit {
        action: "register_to_speak",
        entity: "speaker",
        id: Some(speaker.id),
        detail: json!({ "meeting_id": id, "agenda_item_id": speaker.agenda_item_id }),
    })
    .await?;
    Ok((StatusCode::CREATED, Json(speaker)))
}

/// Take a registration back: its speaker, or the secretary.
async fn withdraw(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<StatusCode> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let s = store::attendance::speaker(&mut tx, id, None).await?.ok_or_else(|| AppError::not_found("speaker"))?;
    let (m, rel) = visible(&mut tx, s.meeting_id, &user).await.map_err(|_| AppError::not_found("speaker"))?;
    speaking::can_withdraw(user.actor(), rel, m.status, s.user_id == user.id).map_err(meeting_denied)?;
    store::attendance::delete_speaker(&mut tx, id).await?;
    feed::speaker_deleted(&mut tx, &m, id).await?;
    let staff = is_staff(user.actor(), rel);
    tx.commit(Audit {
        action: "withdraw_speaker",
        entity: "speaker",
        id: Some(id),
        detail: json!({ "meeting_id": m.id, "by_staff": staff }),
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
