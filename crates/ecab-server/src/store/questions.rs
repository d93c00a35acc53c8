//! Questions and their authors, read into wire types; who receives a question's changes.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use ecab_core::questions::QuestionFacts;
use ecab_core::{QuestionKind, QuestionStatus};
use ecab_protocol::question::{Answer, Question};
use sqlx::SqliteConnection;
use uuid::Uuid;

use super::word;
use crate::error::{AppError, AppResult};

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    meeting_id: Uuid,
    agenda_item_id: Option<Uuid>,
    document_id: Option<Uuid>,
    page: Option<i64>,
    kind: String,
    text: String,
    status: String,
    merged_into: Option<Uuid>,
    position: i64,
    for_discussion: bool,
    assigned_unit_id: Option<Uuid>,
    answer_text: Option<String>,
    answer_by: Option<Uuid>,
    answer_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, meeting_id, agenda_item_id, document_id, page, kind, text, status, merged_into, position,
    for_discussion, assigned_unit_id, answer_text, answer_by, answer_at, created_at, updated_at";

impl Row {
    fn into_question(self, authors: Vec<Uuid>) -> AppResult<Question> {
        let answer = match (self.answer_text, self.answer_by, self.answer_at) {
            (Some(text), Some(by), Some(at)) => Some(Answer { text, by, at }),
            _ => None,
        };
        Ok(Question {
            id: self.id,
            meeting_id: self.meeting_id,
            agenda_item_id: self.agenda_item_id,
            document_id: self.document_id,
            page: self.page.map(|p| p as u32),
            kind: word(&self.kind, QuestionKind::parse)?,
            text: self.text,
            authors,
            status: word(&self.status, QuestionStatus::parse)?,
            merged_into: self.merged_into,
            position: self.position as u32,
            for_discussion: self.for_discussion,
            assigned_unit_id: self.assigned_unit_id,
            answer,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

async fn authors(db: &mut SqliteConnection, id: Uuid) -> AppResult<Vec<Uuid>> {
    Ok(sqlx::query_scalar("SELECT user_id FROM question_authors WHERE question_id = ? ORDER BY ord")
        .bind(id)
        .fetch_all(db)
        .await?)
}

pub async fn one(db: &mut SqliteConnection, id: Uuid) -> AppResult<Option<Question>> {
    let sql = format!("SELECT {COLUMNS} FROM questions WHERE id = ?");
    let row: Option<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&mut *db).await?;
    match row {
        Some(r) => {
            let a = authors(db, r.id).await?;
            Ok(Some(r.into_question(a)?))
        }
        None => Ok(None),
    }
}

/// Every question of a meeting, by agenda item and the secretary's order.
pub async fn for_meeting(db: &mut SqliteConnection, meeting: Uuid) -> AppResult<Vec<Question>> {
    let sql = format!("SELECT {COLUMNS} FROM questions WHERE meeting_id = ? ORDER BY agenda_item_id, position, id");
    let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(meeting).fetch_all(&mut *db).await?;
    let pairs: Vec<(Uuid, Uuid)> = sqlx::query_as(
        "SELECT a.question_id, a.user_id FROM question_authors a JOIN questions q ON q.id = a.question_id
         WHERE q.meeting_id = ? ORDER BY a.question_id, a.ord",
    )
    .bind(meeting)
    .fetch_all(&mut *db)
    .await?;
    rows.into_iter()
        .map(|r| {
            let a = pairs.iter().filter(|(q, _)| *q == r.id).map(|(_, u)| *u).collect();
            r.into_question(a)
        })
        .collect()
}

/// The unit a user belongs to.
pub async fn unit_of(db: &mut SqliteConnection, user: Uuid) -> AppResult<Option<Uuid>> {
    Ok(sqlx::query_scalar("SELECT unit_id FROM users WHERE id = ?").bind(user).fetch_optional(db).await?.flatten())
}

/// What the rules need to know of `q` and `user` (whose unit is `unit`).
pub fn facts(q: &Question, user: Uuid, unit: Option<Uuid>) -> QuestionFacts {
    QuestionFacts {
        status: q.status,
        own: q.authors.first() == Some(&user),
        co_author: q.authors.contains(&user),
        in_assigned_unit: unit.is_some() && q.assigned_unit_id == unit,
    }
}

/// Who besides the staff receives a question's changes: its authors and, once it is
/// assigned, the delegates of the assigned unit taking part (invited, or deputies).
pub async fn readers(db: &mut SqliteConnection, q: &Question) -> AppResult<HashSet<Uuid>> {
    let mut all: HashSet<Uuid> = q.authors.iter().copied().collect();
    if let (Some(unit), QuestionStatus::Assigned | QuestionStatus::Answered) = (q.assigned_unit_id, q.status) {
        all.extend(super::attendance::participants_of_unit(db, q.meeting_id, unit).await?);
    }
    Ok(all)
}

/// The next free position at the end of an agenda item's questions.
pub async fn next_position(db: &mut SqliteConnection, meeting: Uuid, item: Option<Uuid>) -> AppResult<u32> {
    let max: Option<i64> =
        sqlx::query_scalar("SELECT MAX(position) FROM questions WHERE meeting_id = ? AND agenda_item_id IS ?")
            .bind(meeting)
            .bind(item)
            .fetch_one(db)
            .await?;
    Ok(max.map_or(0, |m| m as u32 + 1))
}

/// Write a question's row (insert or replace) and append any new authors.
pub async fn save(db: &mut SqliteConnection, q: &Question) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO questions (id, meeting_id, agenda_item_id, document_id, page, kind, text, status, merged_into,
             position, for_discussion, assigned_unit_id, answer_text, answer_by, answer_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET agenda_item_id = excluded.agenda_item_id, kind = excluded.kind,
             text = excluded.text, status = excluded.status, merged_into = excluded.merged_into,
             position = excluded.position, for_discussion = excluded.for_discussion,
             assigned_unit_id = excluded.assigned_unit_id, answer_text = excluded.answer_text,
             answer_by = excluded.answer_by, answer_at = excluded.answer_at, updated_at = excluded.updated_at",
    )
    .bind(q.id)
    .bind(q.meeting_id)
    .bind(q.agenda_item_id)
    .bind(q.document_id)
    .bind(q.page.map(i64::from))
    .bind(q.kind.as_str())
    .bind(&q.text)
    .bind(q.status.as_str())
    .bind(q.merged_into)
    .bind(i64::from(q.position))
    .bind(q.for_discussion)
    .bind(q.assigned_unit_id)
    .bind(q.answer.as_ref().map(|a| a.text.as_str()))
    .bind(q.answer.as_ref().map(|a| a.by))
    .bind(q.answer.as_ref().map(|a| a.at))
    .bind(q.created_at)
    .bind(q.updated_at)
    .execute(&mut *db)
    .await?;
    // The authors as they now are, in order: a merge adds some, leaving takes one away.
    sqlx::query("DELETE FROM question_authors WHERE question_id = ?").bind(q.id).execute(&mut *db).await?;
    for (ord, user) in q.authors.iter().enumerate() {
        sqlx::query("INSERT OR IGNORE INTO question_authors (question_id, user_id, ord) VALUES (?, ?, ?)")
            .bind(q.id)
            .bind(user)
            .bind(ord as i64)
            .execute(&mut *db)
            .await?;
    }
    Ok(())
}

/// A question that must exist (a corrupt reference otherwise).
pub async fn must(db: &mut SqliteConnection, id: Uuid) -> AppResult<Question> {
    one(db, id).await?.ok_or_else(|| AppError::internal(format!("question {id} vanished")))
}
