//! Meetings, agenda items, invitees, and how a user stands to a meeting.

use chrono::{DateTime, Utc};
use ecab_core::{Confidentiality, MeetingKind, MeetingStatus, Recurrence, Relation, ReviewStage};
use ecab_protocol::meeting::{AgendaItem, Invitees, Meeting};
use sqlx::SqliteConnection;
use uuid::Uuid;

use super::word;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};

#[derive(sqlx::FromRow)]
struct MeetingRow {
    id: Uuid,
    title: String,
    kind: String,
    status: String,
    review_stage: Option<String>,
    rejection_reason: Option<String>,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    place: String,
    chair_id: Uuid,
    secretary_id: Uuid,
    confidentiality: String,
    question_deadline: Option<DateTime<Utc>>,
    recurrence: String,
    series_id: Option<Uuid>,
    updated_at: DateTime<Utc>,
}

pub const MEETING_COLUMNS: &str = "id, title, kind, status, review_stage, rejection_reason, starts_at, ends_at, place,
    chair_id, secretary_id, confidentiality, question_deadline, recurrence, series_id, updated_at";

impl TryFrom<MeetingRow> for Meeting {
    type Error = AppError;

    fn try_from(r: MeetingRow) -> AppResult<Meeting> {
        Ok(Meeting {
            id: r.id,
            title: r.title,
            kind: word(&r.kind, MeetingKind::parse)?,
            status: word(&r.status, MeetingStatus::parse)?,
            review_stage: r.review_stage.as_deref().map(|s| word(s, ReviewStage::parse)).transpose()?,
            rejection_reason: r.rejection_reason,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            place: r.place,
            chair_id: r.chair_id,
            secretary_id: r.secretary_id,
            confidentiality: word(&r.confidentiality, Confidentiality::parse)?,
            question_deadline: r.question_deadline,
            recurrence: word(&r.recurrence, Recurrence::parse)?,
            series_id: r.series_id,
            updated_at: r.updated_at,
        })
    }
}

pub async fn meeting(db: &mut SqliteConnection, id: Uuid) -> AppResult<Option<Meeting>> {
    let sql = format!("SELECT {MEETING_COLUMNS} FROM meetings WHERE id = ?");
    let row: Option<MeetingRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(db).await?;
    row.map(Meeting::try_from).transpose()
}

/// Meetings the user has any relation to (the access rules then decide), optionally
/// starting in `[from, to)`.
pub async fn related_meetings(
    db: &mut SqliteConnection,
    user: &AuthUser,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
) -> AppResult<Vec<Meeting>> {
    let chief = user.role == ecab_core::Role::ChiefOfOffice;
    let sql = format!(
        "SELECT {MEETING_COLUMNS} FROM meetings m
         WHERE (?1 OR m.secretary_id = ?2 OR m.chair_id = ?2
                OR EXISTS (SELECT 1 FROM meeting_delegates d WHERE d.meeting_id = m.id AND d.user_id = ?2)
                OR EXISTS (SELECT 1 FROM replies r WHERE r.meeting_id = m.id AND r.deputy_id = ?2
                           AND r.status = 'deputy')
                OR EXISTS (SELECT 1 FROM meeting_bridge_points mb JOIN bridge_points b ON b.id = mb.bridge_point_id
                           WHERE mb.meeting_id = m.id AND b.account_id = ?2))
           AND (?3 IS NULL OR m.starts_at >= ?3) AND (?4 IS NULL OR m.starts_at < ?4)
         ORDER BY m.starts_at"
    );
    let rows: Vec<MeetingRow> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(chief).bind(user.id).bind(from).bind(to).fetch_all(db).await?;
    rows.into_iter().map(Meeting::try_from).collect()
}

pub async fn relation(db: &mut SqliteConnection, m: &Meeting, user: &AuthUser) -> AppResult<Relation> {
    let (invited, deputy, bridge_point): (bool, bool, bool) = sqlx::query_as(
        "SELECT EXISTS (SELECT 1 FROM meeting_delegates WHERE meeting_id = ?1 AND user_id = ?2),
                EXISTS (SELECT 1 FROM replies WHERE meeting_id = ?1 AND deputy_id = ?2 AND status = 'deputy'),
                EXISTS (SELECT 1 FROM meeting_bridge_points mb JOIN bridge_points b ON b.id = mb.bridge_point_id
                        WHERE mb.meeting_id = ?1 AND b.account_id = ?2)",
    )
    .bind(m.id)
    .bind(user.id)
    .fetch_one(db)
    .await?;
    Ok(Relation {
        owner: m.secretary_id == user.id,
        chair: m.chair_id == user.id,
        delegate: invited || deputy,
        deputy: deputy && !invited,
        bridge_point,
    })
}

#[derive(sqlx::FromRow)]
struct AgendaRow {
    id: Uuid,
    meeting_id: Uuid,
    position: i64,
    title: String,
    presenter: String,
    presenting_unit_id: Option<Uuid>,
    minutes: i64,
    summary: String,
}

impl From<AgendaRow> for AgendaItem {
    fn from(r: AgendaRow) -> Self {
        AgendaItem {
            id: r.id,
            meeting_id: r.meeting_id,
            position: r.position as u32,
            title: r.title,
            presenter: r.presenter,
            presenting_unit_id: r.presenting_unit_id,
            minutes: r.minutes as u32,
            summary: r.summary,
        }
    }
}

const AGENDA_COLUMNS: &str = "id, meeting_id, position, title, presenter, presenting_unit_id, minutes, summary";

pub async fn agenda(db: &mut SqliteConnection, meeting_id: Uuid) -> AppResult<Vec<AgendaItem>> {
    let sql = format!("SELECT {AGENDA_COLUMNS} FROM agenda_items WHERE meeting_id = ? ORDER BY position");
    let rows: Vec<AgendaRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(meeting_id).fetch_all(db).await?;
    Ok(rows.into_iter().map(AgendaItem::from).collect())
}

pub async fn agenda_item(db: &mut SqliteConnection, id: Uuid) -> AppResult<Option<AgendaItem>> {
    let sql = format!("SELECT {AGENDA_COLUMNS} FROM agenda_items WHERE id = ?");
    let row: Option<AgendaRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(db).await?;
    Ok(row.map(AgendaItem::from))
}

pub async fn invitees(db: &mut SqliteConnection, meeting_id: Uuid) -> AppResult<Invitees> {
    let delegate_ids: Vec<Uuid> =
        sqlx::query_scalar("SELECT user_id FROM meeting_delegates WHERE meeting_id = ? ORDER BY rowid")
            .bind(meeting_id)
            .fetch_all(&mut *db)
            .await?;
    let bridge_point_ids: Vec<Uuid> =
        sqlx::query_scalar("SELECT bridge_point_id FROM meeting_bridge_points WHERE meeting_id = ? ORDER BY rowid")
            .bind(meeting_id)
            .fetch_all(db)
            .await?;
    Ok(Invitees { delegate_ids, bridge_point_ids })
}

/// The device accounts of the bridge points invited to a meeting.
pub async fn bridge_point_accounts(db: &mut SqliteConnection, meeting_id: Uuid) -> AppResult<Vec<Uuid>> {
    Ok(sqlx::query_scalar(
        "SELECT b.account_id FROM meeting_bridge_points mb JOIN bridge_points b ON b.id = mb.bridge_point_id
         WHERE mb.meeting_id = ? AND b.account_id IS NOT NULL",
    )
    .bind(meeting_id)
    .fetch_all(db)
    .await?)
}
