//! What a write puts in the change feed, and for whom. Before publication a meeting's
//! changes are for its staff only; publishing replays the whole meeting to its
//! invitees; after that every change reaches them as it happens.

use chrono::{DateTime, Utc};
use ecab_core::access::{Actor, Audience};
use ecab_core::{NotificationKind, PollStatus};
use ecab_protocol::annotation::Annotation;
use ecab_protocol::attendance::{Read, Reply, Speaker};
use ecab_protocol::document::Document;
use ecab_protocol::meeting::{AgendaItem, Meeting};
use ecab_protocol::notification::{self as nt, Notification};
use ecab_protocol::poll::Poll;
use ecab_protocol::question::Question;
use ecab_protocol::sync::{ChangeOp, Entity};
use std::collections::HashSet;

use serde::Serialize;
use serde_json::json;
use sqlx::SqliteConnection;
use uuid::Uuid;

use crate::error::AppResult;
use crate::journal::{NewChange, change};
use crate::store;

/// The audience of a meeting-level change (the meeting itself, agenda, invitees).
pub fn meeting_audience(m: &Meeting) -> Audience {
    if m.status.is_published() { Audience::Members } else { Audience::Staff }
}

pub fn document_audience(m: &Meeting, d: &Document) -> Audience {
    if m.status.is_published() { Audience::for_document(d.confidentiality) } else { Audience::Staff }
}

#[allow(clippy::too_many_arguments)] // one call site per change kind, all in this file
async fn put<T: Serialize>(
    db: &mut SqliteConnection,
    m: &Meeting,
    audience: Audience,
    target_user: Option<Uuid>,
    entity: Entity,
    entity_id: Uuid,
    op: ChangeOp,
    data: &T,
) -> AppResult<i64> {
    change(db, NewChange { meeting_id: Some(m.id), audience, target_user, entity, entity_id, op, data }).await
}

pub async fn meeting(db: &mut SqliteConnection, m: &Meeting) -> AppResult<i64> {
    put(db, m, meeting_audience(m), None, Entity::Meeting, m.id, ChangeOp::Upsert, m).await
}

pub async fn agenda_item(db: &mut SqliteConnection, m: &Meeting, item: &AgendaItem) -> AppResult<i64> {
    put(db, m, meeting_audience(m), None, Entity::AgendaItem, item.id, ChangeOp::Upsert, item).await
}

pub async fn agenda_item_deleted(db: &mut SqliteConnection, m: &Meeting, id: Uuid) -> AppResult<i64> {
    put(db, m, meeting_audience(m), None, Entity::AgendaItem, id, ChangeOp::Delete, &json!({})).await
}

pub async fn document(db: &mut SqliteConnection, m: &Meeting, d: &Document) -> AppResult<i64> {
    put(db, m, document_audience(m, d), None, Entity::Document, d.id, ChangeOp::Upsert, d).await
}

/// A document revoked, or hidden from some readers: everyone who could see it deletes it.
pub async fn document_deleted(
    db: &mut SqliteConnection,
    m: &Meeting,
    d: &Document,
    target_user: Option<Uuid>,
) -> AppResult<i64> {
    let data = json!({ "sha256": d.current.sha256 });
    put(db, m, document_audience(m, d), target_user, Entity::Document, d.id, ChangeOp::Delete, &data).await
}

pub async fn invitees(db: &mut SqliteConnection, m: &Meeting) -> AppResult<i64> {
    let inv = store::meetings::invitees(db, m.id).await?;
    put(db, m, meeting_audience(m), None, Entity::Invitees, m.id, ChangeOp::Upsert, &inv).await
}

/// The whole meeting as changes: to every invitee on publication (`target_user` none),
/// or to one user newly invited to a published meeting.
pub async fn snapshot(db: &mut SqliteConnection, m: &Meeting, target_user: Option<Uuid>) -> AppResult<()> {
    let aud = meeting_audience(m);
    put(db, m, aud, target_user, Entity::Meeting, m.id, ChangeOp::Upsert, m).await?;
    for item in store::meetings::agenda(db, m.id).await? {
        put(db, m, aud, target_user, Entity::AgendaItem, item.id, ChangeOp::Upsert, &item).await?;
    }
    for d in store::documents::for_meeting(db, m.id).await? {
        put(db, m, document_audience(m, &d), target_user, Entity::Document, d.id, ChangeOp::Upsert, &d).await?;
    }
    let inv = store::meetings::invitees(db, m.id).await?;
    put(db, m, aud, target_user, Entity::Invitees, m.id, ChangeOp::Upsert, &inv).await?;
    for a in store::annotations::shared_of_meeting(db, m.id).await? {
        if let Some((d, false)) = store::documents::one(db, a.document_id).await? {
            put(db, m, document_audience(m, &d), target_user, Entity::Annotation, a.id, ChangeOp::Upsert, &a).await?;
        }
    }
    Ok(())
}

/// The meeting is gone for this user (uninvited).
pub async fn meeting_withdrawn(db: &mut SqliteConnection, m: &Meeting, user: Uuid) -> AppResult<i64> {
    put(db, m, Audience::Members, Some(user), Entity::Meeting, m.id, ChangeOp::Delete, &json!({})).await
}

/// A question changed: the staff see it, and so does each of its readers (its authors, the
/// assigned unit's delegates, see `store::questions::readers`) by a change of their own;
/// those of `before` who are no longer readers lose it.
pub async fn question(db: &mut SqliteConnection, m: &Meeting, q: &Question, before: &HashSet<Uuid>) -> AppResult<()> {
    let after = store::questions::readers(db, q).await?;
    put(db, m, Audience::Staff, None, Entity::Question, q.id, ChangeOp::Upsert, q).await?;
    let mut readers: Vec<&Uuid> = after.iter().collect();
    readers.sort();
    for reader in readers {
        put(db, m, Audience::Members, Some(*reader), Entity::Question, q.id, ChangeOp::Upsert, q).await?;
    }
    let mut gone: Vec<&Uuid> = before.difference(&after).collect();
    gone.sort();
    for reader in gone {
        put(db, m, Audience::Members, Some(*reader), Entity::Question, q.id, ChangeOp::Delete, &json!({})).await?;
    }
    Ok(())
}

/// Everyone who receives a meeting because of its lists: the delegates taking part
/// (invited, and deputies) and the device accounts of invited bridge points.
pub async fn receivers(db: &mut SqliteConnection, meeting: Uuid) -> AppResult<HashSet<Uuid>> {
    let mut all = store::attendance::participants(db, meeting).await?;
    all.extend(store::meetings::bridge_point_accounts(db, meeting).await?);
    Ok(all)
}

/// After a change of who receives a meeting: those who lost it have it withdrawn, those
/// who gained it get it whole (once it is published). Answers who lost it.
pub async fn reach(db: &mut SqliteConnection, m: &Meeting, before: &HashSet<Uuid>) -> AppResult<Vec<Uuid>> {
    let after = receivers(db, m.id).await?;
    let mut gone: Vec<Uuid> = before.difference(&after).copied().collect();
    gone.sort();
    if !m.status.is_published() {
        return Ok(gone);
    }
    for user in &gone {
        meeting_withdrawn(db, m, *user).await?;
    }
    let mut new: Vec<&Uuid> = after.difference(before).collect();
    new.sort();
    for user in new {
        snapshot(db, m, Some(*user)).await?;
    }
    Ok(gone)
}

/// An invitee's reply: the staff see it, and so do the invitee and the deputy it names,
/// each by a change of their own; a deputy it no longer names loses it.
pub async fn reply(db: &mut SqliteConnection, m: &Meeting, r: &Reply, old_deputy: Option<Uuid>) -> AppResult<()> {
    let id = Reply::id_for(m.id, r.user_id);
    put(db, m, Audience::Staff, None, Entity::Reply, id, ChangeOp::Upsert, r).await?;
    put(db, m, Audience::Members, Some(r.user_id), Entity::Reply, id, ChangeOp::Upsert, r).await?;
    if let Some(deputy) = r.deputy_id {
        put(db, m, Audience::Members, Some(deputy), Entity::Reply, id, ChangeOp::Upsert, r).await?;
    }
    if let Some(old) = old_deputy.filter(|old| Some(*old) != r.deputy_id) {
        put(db, m, Audience::Members, Some(old), Entity::Reply, id, ChangeOp::Delete, &json!({})).await?;
    }
    Ok(())
}

/// The replies of people no longer invited are gone from the staff's roll.
pub async fn reply_deleted(db: &mut SqliteConnection, m: &Meeting, user: Uuid) -> AppResult<i64> {
    put(db, m, Audience::Staff, None, Entity::Reply, Reply::id_for(m.id, user), ChangeOp::Delete, &json!({})).await
}

pub async fn speaker(db: &mut SqliteConnection, m: &Meeting, s: &Speaker) -> AppResult<i64> {
    put(db, m, meeting_audience(m), None, Entity::Speaker, s.id, ChangeOp::Upsert, s).await
}

pub async fn speaker_deleted(db: &mut SqliteConnection, m: &Meeting, id: Uuid) -> AppResult<i64> {
    put(db, m, meeting_audience(m), None, Entity::Speaker, id, ChangeOp::Delete, &json!({})).await
}

/// An annotation changed. A shared one reaches everyone who reads its document; a private
/// one only its author. Unsharing (`was_shared`) takes it from the others first.
pub async fn annotation(
    db: &mut SqliteConnection,
    m: &Meeting,
    d: &Document,
    a: &Annotation,
    was_shared: bool,
) -> AppResult<()> {
    let aud = document_audience(m, d);
    if a.shared {
        put(db, m, aud, None, Entity::Annotation, a.id, ChangeOp::Upsert, a).await?;
        return Ok(());
    }
    if was_shared {
        put(db, m, aud, None, Entity::Annotation, a.id, ChangeOp::Delete, &json!({})).await?;
    }
    put(db, m, aud, Some(a.author), Entity::Annotation, a.id, ChangeOp::Upsert, a).await?;
    Ok(())
}

/// An annotation deleted: gone for whoever had it.
pub async fn annotation_deleted(
    db: &mut SqliteConnection,
    m: &Meeting,
    d: &Document,
    a: &Annotation,
) -> AppResult<i64> {
    let target = (!a.shared).then_some(a.author);
    put(db, m, document_audience(m, d), target, Entity::Annotation, a.id, ChangeOp::Delete, &json!({})).await
}

/// A delegate opened a document: news for the staff.
pub async fn read(db: &mut SqliteConnection, m: &Meeting, r: &Read) -> AppResult<i64> {
    let id = Read::id_for(r.document_id, r.user_id);
    put(db, m, Audience::Staff, None, Entity::Read, id, ChangeOp::Upsert, r).await
}

/// A poll changed: the staff see it whole; once it is sent, each member asked sees it as
/// `store::polls::view` shows it to them, by a change of their own. `only` limits those to
/// one member (whose answer changed).
pub async fn poll(
    db: &mut SqliteConnection,
    m: &Meeting,
    p: &Poll,
    only: Option<Uuid>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    put(db, m, Audience::Staff, None, Entity::Poll, p.id, ChangeOp::Upsert, p).await?;
    if p.status == PollStatus::Draft {
        return Ok(());
    }
    for (voter, role) in store::polls::voter_roles(db, p.id).await? {
        if only.is_some_and(|o| o != voter) {
            continue;
        }
        let seen = store::polls::view(p, voter, Actor { role }, store::polls::member_relation(m, voter), now);
        put(db, m, Audience::Members, Some(voter), Entity::Poll, p.id, ChangeOp::Upsert, &seen).await?;
    }
    Ok(())
}

/// A draft poll deleted: only the staff had it.
pub async fn poll_deleted(db: &mut SqliteConnection, m: &Meeting, id: Uuid) -> AppResult<i64> {
    put(db, m, Audience::Staff, None, Entity::Poll, id, ChangeOp::Delete, &json!({})).await
}

fn notification(
    m: &Meeting,
    kind: NotificationKind,
    subject_id: Option<Uuid>,
    subject: &str,
    by: Uuid,
    at: DateTime<Utc>,
) -> Notification {
    Notification {
        id: Uuid::now_v7(),
        kind,
        meeting_id: m.id,
        meeting_title: m.title.clone(),
        subject_id,
        subject: nt::subject(subject),
        version: None,
        when: None,
        place: None,
        by: Some(by),
        at,
    }
}

async fn notify(
    db: &mut SqliteConnection,
    m: &Meeting,
    audience: Audience,
    target_user: Option<Uuid>,
    n: &Notification,
) -> AppResult<i64> {
    put(db, m, audience, target_user, Entity::Notification, n.id, ChangeOp::Upsert, n).await
}

/// A new version of a document: everyone who reads it is told, once the meeting is out.
pub async fn new_version(
    db: &mut SqliteConnection,
    m: &Meeting,
    d: &Document,
    by: Uuid,
    at: DateTime<Utc>,
) -> AppResult<()> {
    if !m.status.is_published() {
        return Ok(());
    }
    let mut n = notification(m, NotificationKind::NewVersion, Some(d.id), &d.title, by, at);
    n.version = Some(d.current.version);
    notify(db, m, document_audience(m, d), None, &n).await?;
    Ok(())
}

/// A question answered: each of its authors is told.
pub async fn question_answered(
    db: &mut SqliteConnection,
    m: &Meeting,
    q: &Question,
    by: Uuid,
    at: DateTime<Utc>,
) -> AppResult<()> {
    let n = notification(m, NotificationKind::QuestionAnswered, Some(q.id), &q.text, by, at);
    for author in &q.authors {
        notify(db, m, Audience::Members, Some(*author), &n).await?;
    }
    Ok(())
}

/// A published meeting moved (`ecab_core::notifications::moved`): everyone it reaches is told.
pub async fn meeting_moved(db: &mut SqliteConnection, m: &Meeting, by: Uuid, at: DateTime<Utc>) -> AppResult<i64> {
    let mut n = notification(m, NotificationKind::MeetingMoved, None, &m.title, by, at);
    n.when = Some(m.starts_at);
    n.place = Some(m.place.clone());
    notify(db, m, meeting_audience(m), None, &n).await
}

/// A poll sent: each member asked is told it waits for their answer.
pub async fn poll_waiting(
    db: &mut SqliteConnection,
    m: &Meeting,
    p: &Poll,
    by: Uuid,
    at: DateTime<Utc>,
) -> AppResult<()> {
    let mut n = notification(m, NotificationKind::PollWaiting, Some(p.id), &p.question, by, at);
    n.when = Some(p.deadline);
    for voter in &p.voters {
        notify(db, m, Audience::Members, Some(*voter), &n).await?;
    }
    Ok(())
}
