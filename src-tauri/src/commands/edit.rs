//! The secretary's and reviewers' writes: sent to the server at once with the ui's key as
//! `Idempotency-Key` (a retry with the same key is not applied twice); offline they fail
//! with `unavailable` and the ui keeps what was typed. On success the local store already
//! shows the change.

use ecab_protocol::Transition;
use ecab_protocol::meeting::{
    AgendaItem, CreateAgendaItem, CreateMeeting, Invitees, Meeting, MeetingDetail, ReorderAgenda, SetInvitees,
    UpdateAgendaItem, UpdateMeeting,
};
use tauri::State;
use uuid::Uuid;

use crate::Desktop;
use crate::error::CmdResult;

#[tauri::command]
pub async fn create_meeting(desktop: State<'_, Desktop>, key: Uuid, req: CreateMeeting) -> CmdResult<MeetingDetail> {
    Ok(desktop.engine.create_meeting(key, &req).await?)
}

#[tauri::command]
pub async fn update_meeting(
    desktop: State<'_, Desktop>,
    key: Uuid,
    id: Uuid,
    req: UpdateMeeting,
) -> CmdResult<Meeting> {
    Ok(desktop.engine.update_meeting(key, id, &req).await?)
}

#[tauri::command]
pub async fn add_agenda_item(
    desktop: State<'_, Desktop>,
    key: Uuid,
    meeting: Uuid,
    req: CreateAgendaItem,
) -> CmdResult<AgendaItem> {
    Ok(desktop.engine.add_agenda_item(key, meeting, &req).await?)
}

#[tauri::command]
pub async fn update_agenda_item(
    desktop: State<'_, Desktop>,
    key: Uuid,
    item: Uuid,
    req: UpdateAgendaItem,
) -> CmdResult<AgendaItem> {
    Ok(desktop.engine.update_agenda_item(key, item, &req).await?)
}

#[tauri::command]
pub async fn reorder_agenda(
    desktop: State<'_, Desktop>,
    key: Uuid,
    meeting: Uuid,
    req: ReorderAgenda,
) -> CmdResult<Vec<AgendaItem>> {
    Ok(desktop.engine.reorder_agenda(key, meeting, &req).await?)
}

#[tauri::command]
pub async fn remove_agenda_item(desktop: State<'_, Desktop>, key: Uuid, item: Uuid) -> CmdResult<()> {
    Ok(desktop.engine.remove_agenda_item(key, item).await?)
}

#[tauri::command]
pub async fn set_invitees(
    desktop: State<'_, Desktop>,
    key: Uuid,
    meeting: Uuid,
    req: SetInvitees,
) -> CmdResult<Invitees> {
    Ok(desktop.engine.set_invitees(key, meeting, &req).await?)
}

/// Send for review, approve, return with a reason…
#[tauri::command]
pub async fn transition(
    desktop: State<'_, Desktop>,
    key: Uuid,
    meeting: Uuid,
    transition: Transition,
) -> CmdResult<Meeting> {
    Ok(desktop.engine.transition(key, meeting, &transition).await?)
}
