//! Replies of invitees (attending, absent, a deputy) and registrations to speak.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use ecab_core::Attendance;
use ecab_core::rules::Account;
use ecab_protocol::attendance::{Reply, Speaker};
use sqlx::SqliteConnection;
use uuid::Uuid;

use super::word;
use crate::error::AppResult;

#[derive(sqlx::FromRow)]
struct ReplyRow {
    user_id: Uuid,
    status: Option<String>,
    reason: Option<String>,
    deputy_id: Option<Uuid>,
    by_user: Option<Uuid>,
    updated_at: Option<DateTime<Utc>>,
}

fn reply_of(meeting_id: Uuid, r: ReplyRow) -> AppResult<Reply> {
    let Some(status) = r.status else { return Ok(Reply::pending(meeting_id, r.user_id)) };
    Ok(Reply {
        meeting_id,
        user_id: r.user_id,
        status: word(&status, Attendance::parse)?,
        reason: r.reason.unwrap_or_default(),
        deputy_id: r.deputy_id,
        by: r.by_user,
        updated_at: r.updated_at,
    })
}

const REPLY_SELECT: &str = "SELECT d.user_id, r.status, r.reason, r.deputy_id, r.by_user, r.updated_at
     FROM meeting_delegates d LEFT JOIN replies r ON r.meeting_id = d.meeting_id AND r.user_id = d.user_id
     WHERE d.meeting_id = ?1";

/// The roll: one reply per invited delegate (pending where none was given), in the order
/// they were invited.
pub async fn replies(db: &mut SqliteConnection, meeting: Uuid) -> AppResult<Vec<Reply>> {
    let sql = format!("{REPLY_SELECT} ORDER BY d.rowid");
    let rows: Vec<ReplyRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(meeting).fetch_all(db).await?;
    rows.into_iter().map(|r| reply_of(meeting, r)).collect()
}

/// The reply of one invitee; `None` if they are not invited.
pub async fn reply(db: &mut SqliteConnection, meeting: Uuid, user: Uuid) -> AppResult<Option<Reply>> {
    let sql = format!("{REPLY_SELECT} AND d.user_id = ?2");
    let row: Option<ReplyRow> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(meeting).bind(user).fetch_optional(db).await?;
    row.map(|r| reply_of(meeting, r)).transpose()
}

/// Store a reply; a pending one removes the row.
pub async fn save_reply(db: &mut SqliteConnection, r: &Reply) -> AppResult<()> {
    if r.status == Attendance::Pending {
        sqlx::query("DELETE FROM replies WHERE meeting_id = ? AND user_id = ?")
            .bind(r.meeting_id)
            .bind(r.user_id)
            .execute(db)
            .await?;
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO replies (meeting_id, user_id, status, reason, deputy_id, by_user, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (meeting_id, user_id) DO UPDATE SET status = excluded.status, reason = excluded.reason,
             deputy_id = excluded.deputy_id, by_user = excluded.by_user, updated_at = excluded.updated_at",
    )
    .bind(r.meeting_id)
    .bind(r.user_id)
    .bind(r.status.as_str())
    .bind(&r.reason)
    .bind(r.deputy_id)
    .bind(r.by)
    .bind(r.updated_at)
    .execute(db)
    .await?;
    Ok(())
}

/// Forget the replies of people no longer invited.
pub async fn drop_uninvited(db: &mut SqliteConnection, meeting: Uuid) -> AppResult<Vec<Uuid>> {
    Ok(sqlx::query_scalar(
        "DELETE FROM replies WHERE meeting_id = ?1
             AND user_id NOT IN (SELECT user_id FROM meeting_delegates WHERE meeting_id = ?1)
         RETURNING user_id",
    )
    .bind(meeting)
    .fetch_all(db)
    .await?)
}

/// The ids of everyone taking part in meeting `?1` as a delegate: the invited and the
/// deputies they sent.
const PARTICIPANTS: &str = "SELECT user_id FROM meeting_delegates WHERE meeting_id = ?1
     UNION SELECT deputy_id FROM replies WHERE meeting_id = ?1 AND status = 'deputy' AND deputy_id IS NOT NULL";

/// Everyone taking part as a delegate: the invited and their deputies.
pub async fn participants(db: &mut SqliteConnection, meeting: Uuid) -> AppResult<HashSet<Uuid>> {
    let ids: Vec<Uuid> = sqlx::query_scalar(PARTICIPANTS).bind(meeting).fetch_all(db).await?;
    Ok(ids.into_iter().collect())
}

/// Those of them who belong to `unit`.
pub async fn participants_of_unit(db: &mut SqliteConnection, meeting: Uuid, unit: Uuid) -> AppResult<Vec<Uuid>> {
    let sql = format!("SELECT id FROM users WHERE unit_id = ?2 AND id IN ({PARTICIPANTS})");
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(meeting).bind(unit).fetch_all(db).await?)
}

/// What the rules need to know of a proposed deputy for `invitee`.
pub async fn candidate(
    db: &mut SqliteConnection,
    meeting: Uuid,
    invitee: Uuid,
    deputy: Uuid,
) -> AppResult<Option<ecab_core::attendance::Candidate>> {
    let row: Option<(String, bool, bool, bool)> = sqlx::query_as(
        "SELECT u.role, u.active,
                u.unit_id IS NOT NULL AND u.unit_id IS (SELECT unit_id FROM users WHERE id = ?3),
                u.id = ?3 OR EXISTS (SELECT 1 FROM meeting_delegates WHERE meeting_id = ?1 AND user_id = u.id)
         FROM users u WHERE u.id = ?2",
    )
    .bind(meeting)
    .bind(deputy)
    .bind(invitee)
    .fetch_optional(db)
    .await?;
    Ok(row.and_then(|(role, active, same_unit, invited)| {
        let role = ecab_core::Role::parse(&role)?;
        Some(ecab_core::attendance::Candidate { account: Account { role, active }, same_unit, invited })
    }))
}

#[derive(sqlx::FromRow)]
struct SpeakerRow {
    id: Uuid,
    meeting_id: Uuid,
    agenda_item_id: Uuid,
    user_id: Uuid,
    topic: String,
    created_at: DateTime<Utc>,
}

impl From<SpeakerRow> for Speaker {
    fn from(r: SpeakerRow) -> Self {
        Speaker {
            id: r.id,
            meeting_id: r.meeting_id,
            agenda_item_id: r.agenda_item_id,
            user_id: r.user_id,
            topic: r.topic,
            created_at: r.created_at,
        }
    }
}

const SPEAKER_COLUMNS: &str = "id, meeting_id, agenda_item_id, user_id, topic, created_at";

/// A meeting's registrations to speak, in the order they came.
pub async fn speakers(db: &mut SqliteConnection, meeting: Uuid) -> AppResult<Vec<Speaker>> {
    let sql = format!("SELECT {SPEAKER_COLUMNS} FROM speakers WHERE meeting_id = ? ORDER BY created_at, rowid");
    let rows: Vec<SpeakerRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(meeting).fetch_all(db).await?;
    Ok(rows.into_iter().map(Speaker::from).collect())
}

/// One registration by id, or the one `user` already has on `item`.
pub async fn speaker(
    db: &mut SqliteConnection,
    id: Uuid,
    item_and_user: Option<(Uuid, Uuid)>,
) -> AppResult<Option<Speaker>> {
    let (item, user) = item_and_user.unzip();
    let sql = format!(
        "SELECT {SPEAKER_COLUMNS} FROM speakers WHERE id = ?1 OR (agenda_item_id = ?2 AND user_id = ?3) LIMIT 1"
    );
    let row: Option<SpeakerRow> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).bind(item).bind(user).fetch_optional(db).await?;
    Ok(row.map(Speaker::from))
}

pub async fn insert_speaker(db: &mut SqliteConnection, s: &Speaker) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO speakers (id, meeting_id, agenda_item_id, user_id, topic, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(s.id)
    .bind(s.meeting_id)
    .bind(s.agenda_item_id)
    .bind(s.user_id)
    .bind(&s.topic)
    .bind(s.created_at)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn delete_speaker(db: &mut SqliteConnection, id: Uuid) -> AppResult<()> {
    sqlx::query("DELETE FROM speakers WHERE id = ?").bind(id).execute(db).await?;
    Ok(())
}

/// Remove the registrations of `user` in a meeting; their ids.
pub async fn drop_speakers(db: &mut SqliteConnection, meeting: Uuid, user: Uuid) -> AppResult<Vec<Uuid>> {
    Ok(sqlx::query_scalar("DELETE FROM speakers WHERE meeting_id = ? AND user_id = ? RETURNING id")
        .bind(meeting)
        .bind(user)
        .fetch_all(db)
        .await?)
}
