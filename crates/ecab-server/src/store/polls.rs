//! Written opinion polls, their members and their answers; and what each caller sees of a
//! poll (`ecab_core::polls` decides).

use chrono::{DateTime, Utc};
use ecab_core::access::{Actor, Relation};
use ecab_core::polls::{self as rules, PollFacts, Tally};
use ecab_core::{PollChoice, PollStatus, Role};
use ecab_protocol::meeting::Meeting;
use ecab_protocol::poll::{Poll, PollAnswer};
use sqlx::SqliteConnection;
use uuid::Uuid;

use super::word;
use crate::error::AppResult;

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    meeting_id: Uuid,
    document_id: Option<Uuid>,
    question: String,
    deadline: DateTime<Utc>,
    status: String,
    created_at: DateTime<Utc>,
    sent_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
    updated_at: DateTime<Utc>,
}

const COLUMNS: &str =
    "id, meeting_id, document_id, question, deadline, status, created_at, sent_at, closed_at, updated_at";

/// A poll whole, as the staff see it: every answer and the tally.
async fn whole(db: &mut SqliteConnection, r: Row) -> AppResult<Poll> {
    let voters: Vec<Uuid> = sqlx::query_scalar("SELECT user_id FROM poll_voters WHERE poll_id = ? ORDER BY position")
        .bind(r.id)
        .fetch_all(&mut *db)
        .await?;
    let rows: Vec<(Uuid, String, String, DateTime<Utc>)> = sqlx::query_as(
        "SELECT a.user_id, a.choice, a.comment, a.answered_at FROM poll_answers a
         JOIN poll_voters v ON v.poll_id = a.poll_id AND v.user_id = a.user_id
         WHERE a.poll_id = ? ORDER BY v.position",
    )
    .bind(r.id)
    .fetch_all(&mut *db)
    .await?;
    let mut answers = Vec::with_capacity(rows.len());
    for (user_id, choice, comment, answered_at) in rows {
        answers.push(PollAnswer {
            user_id,
            choice: word(&choice, PollChoice::parse)?,
            comment,
            answered_at,
            pending: false,
        });
    }
    let status = word(&r.status, PollStatus::parse)?;
    let tally = (status != PollStatus::Draft)
        .then(|| Tally::of(voters.iter().map(|v| answers.iter().find(|a| a.user_id == *v).map(|a| a.choice))));
    Ok(Poll {
        id: r.id,
        meeting_id: r.meeting_id,
        document_id: r.document_id,
        question: r.question,
        deadline: r.deadline,
        status,
        voters,
        answers,
        tally,
        created_at: r.created_at,
        sent_at: r.sent_at,
        closed_at: r.closed_at,
        updated_at: r.updated_at,
    })
}

pub async fn one(db: &mut SqliteConnection, id: Uuid) -> AppResult<Option<Poll>> {
    let sql = format!("SELECT {COLUMNS} FROM polls WHERE id = ?");
    let row: Option<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&mut *db).await?;
    match row {
        Some(r) => Ok(Some(whole(db, r).await?)),
        None => Ok(None),
    }
}

/// A meeting's polls, oldest first.
pub async fn for_meeting(db: &mut SqliteConnection, meeting: Uuid) -> AppResult<Vec<Poll>> {
    let sql = format!("SELECT {COLUMNS} FROM polls WHERE meeting_id = ? ORDER BY created_at, id");
    let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(meeting).fetch_all(&mut *db).await?;
    let mut polls = Vec::with_capacity(rows.len());
    for r in rows {
        polls.push(whole(db, r).await?);
    }
    Ok(polls)
}

/// Open polls whose deadline has come.
pub async fn due(db: &mut SqliteConnection, now: DateTime<Utc>) -> AppResult<Vec<Uuid>> {
    Ok(sqlx::query_scalar("SELECT id FROM polls WHERE status = 'open' AND deadline <= ? ORDER BY deadline")
        .bind(now)
        .fetch_all(db)
        .await?)
}

/// Add a new poll (a draft) prepared by `created_by`.
pub async fn insert(db: &mut SqliteConnection, p: &Poll, created_by: Uuid) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO polls (id, meeting_id, document_id, question, deadline, status, created_by, created_at, sent_at,
                            closed_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(p.id)
    .bind(p.meeting_id)
    .bind(p.document_id)
    .bind(&p.question)
    .bind(p.deadline)
    .bind(p.status.as_str())
    .bind(created_by)
    .bind(p.created_at)
    .bind(p.sent_at)
    .bind(p.closed_at)
    .bind(p.updated_at)
    .execute(db)
    .await?;
    Ok(())
}

/// Write a poll's own fields as they now are (not its members or answers).
pub async fn update(db: &mut SqliteConnection, p: &Poll) -> AppResult<()> {
    sqlx::query(
        "UPDATE polls SET document_id = ?, question = ?, deadline = ?, status = ?, sent_at = ?, closed_at = ?,
             updated_at = ? WHERE id = ?",
    )
    .bind(p.document_id)
    .bind(&p.question)
    .bind(p.deadline)
    .bind(p.status.as_str())
    .bind(p.sent_at)
    .bind(p.closed_at)
    .bind(p.updated_at)
    .bind(p.id)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn delete(db: &mut SqliteConnection, id: Uuid) -> AppResult<()> {
    sqlx::query("DELETE FROM polls WHERE id = ?").bind(id).execute(db).await?;
    Ok(())
}

/// Fix the members asked, in this order.
pub async fn set_voters(db: &mut SqliteConnection, poll: Uuid, voters: &[Uuid]) -> AppResult<()> {
    for (position, v) in voters.iter().enumerate() {
        sqlx::query("INSERT INTO poll_voters (poll_id, user_id, position) VALUES (?, ?, ?)")
            .bind(poll)
            .bind(v)
            .bind(position as i64)
            .execute(&mut *db)
            .await?;
    }
    Ok(())
}

/// Record (or replace) one member's answer.
pub async fn save_answer(db: &mut SqliteConnection, poll: Uuid, a: &PollAnswer) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO poll_answers (poll_id, user_id, choice, comment, answered_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (poll_id, user_id) DO UPDATE SET choice = excluded.choice, comment = excluded.comment,
             answered_at = excluded.answered_at",
    )
    .bind(poll)
    .bind(a.user_id)
    .bind(a.choice.as_str())
    .bind(&a.comment)
    .bind(a.answered_at)
    .execute(db)
    .await?;
    Ok(())
}

/// The members a poll of this meeting is sent to (`rules::is_member`): the chair first,
/// then the delegates invited in their own right, in the order of the invitation.
pub async fn members(db: &mut SqliteConnection, m: &Meeting) -> AppResult<Vec<Uuid>> {
    let invited: Vec<(Uuid, String)> = sqlx::query_as(
        "SELECT u.id, u.role FROM meeting_delegates d JOIN users u ON u.id = d.user_id
         WHERE d.meeting_id = ? AND u.active ORDER BY d.rowid",
    )
    .bind(m.id)
    .fetch_all(&mut *db)
    .await?;
    let chair_role: Option<String> = sqlx::query_scalar("SELECT role FROM users WHERE id = ? AND active")
        .bind(m.chair_id)
        .fetch_optional(db)
        .await?;
    let mut out = Vec::new();
    let candidates = chair_role.map(|r| (m.chair_id, r)).into_iter().chain(invited);
    for (id, role) in candidates {
        let rel = member_relation(m, id);
        if rules::is_member(Actor { role: word(&role, Role::parse)? }, rel) && !out.contains(&id) {
            out.push(id);
        }
    }
    Ok(out)
}

/// The roles of a poll's members, for their views in the feed.
pub async fn voter_roles(db: &mut SqliteConnection, poll: Uuid) -> AppResult<Vec<(Uuid, Role)>> {
    let rows: Vec<(Uuid, String)> = sqlx::query_as(
        "SELECT u.id, u.role FROM poll_voters v JOIN users u ON u.id = v.user_id WHERE v.poll_id = ? ORDER BY v.position",
    )
    .bind(poll)
    .fetch_all(db)
    .await?;
    rows.into_iter().map(|(id, role)| Ok((id, word(&role, Role::parse)?))).collect()
}

/// What the rules know of `p` and `user`.
pub fn facts(p: &Poll, user: Uuid) -> PollFacts {
    PollFacts { status: p.status, voter: p.voters.contains(&user) }
}

/// `p` as `user` (of role `role`, standing `rel` to its meeting) sees it at `now`: the
/// staff whole; a member their own answer, and the tally once it is closed.
pub fn view(p: &Poll, user: Uuid, actor: Actor, rel: Relation, now: DateTime<Utc>) -> Poll {
    if rules::sees_answers(actor, rel) {
        return p.clone();
    }
    let effective = rules::status_at(p.status, &p.deadline, &now);
    let mut seen = p.clone();
    seen.answers.retain(|a| a.user_id == user);
    if !rules::sees_tally(actor, rel, facts(p, user), effective) {
        seen.tally = None;
    }
    seen
}

/// How a member asked (the chair, or a delegate invited) stands to the meeting, for the poll
/// rules (`members` when sending, [`view`] in the feed).
pub fn member_relation(m: &Meeting, user: Uuid) -> Relation {
    Relation {
        owner: m.secretary_id == user,
        chair: m.chair_id == user,
        delegate: m.chair_id != user,
        deputy: false,
        bridge_point: false,
    }
}
