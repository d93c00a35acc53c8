//! `GET /api/v1/sync?since=SEQ`: the changes after `since` that the caller may see.
//!
//! The log holds everyone's changes; a caller may see a small part of it. The SQL narrows
//! the scan to the rows that could concern the caller — those targeted at them, the
//! directory's, and those of the meetings they stand in some relation to, of the audiences
//! the rules could let through — read through the indexes of migration 0007;
//! `ecab_core::access` then decides row by row, exactly as over the whole log. A page is
//! what a scan of the whole log gives, which [`page_reference`] (that scan, kept for the
//! tests and the benchmark) checks.

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use ecab_core::access::{Actor, Audience, is_staff, sees_change, sees_directory_change};
use ecab_core::{MeetingStatus, Relation};
use ecab_protocol::ops;
use ecab_protocol::query::SyncQuery;
use ecab_protocol::sync::{Change, ChangeOp, Entity, SyncPage};
use sqlx::sqlite::SqliteArguments;
use sqlx::{Arguments, SqliteConnection, SqlitePool};
use utoipa_axum::router::OpenApiRouter;
use uuid::Uuid;

use super::extract::ApiQuery;
use super::op::OpRouter;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().op(ops::Sync, sync)
}

const DEFAULT_LIMIT: u32 = 500;
const MAX_LIMIT: u32 = 2000;
/// Rows loaded by one query, at most.
const SCAN_BATCH: i64 = 1000;
/// The narrowed rows are mostly seen: a narrowed query asks for what the page still
/// needs and this share more (rows the rules turn down), not a whole batch. Every row
/// loaded crosses from the store's thread to this one, the cost of a pull.
const SLACK: (i64, i64) = (1, 4);
/// A narrowed query covers a window of seqs: it doubles while the caller's rows are
/// sparse, halves when a batch does not hold them all, and stays below this so one query
/// never sorts more than this many rows.
const MAX_WINDOW: i64 = 64 * SCAN_BATCH;

// The narrowed scans. Each reads the rows after `?1` up to `?2` that could concern the user
// `?3`, in seq order, at most `?4`; `?5` and `?6` are the JSON arrays of [`Audiences`]
// (directory, meetings), `?7` and `?8` those of the caller's meetings by id in hex (those
// they own or chair, the others they stand in some relation to). A row targeted at the
// caller always passes, whatever their relation to its meeting: a withdrawal reaches
// someone who no longer has one.

/// For callers with few meetings: the rows targeted at them, the directory's, and the
/// untargeted rows of each of their meetings, each part read from an index in seq order
/// (the meetings' parts then sorted).
const BY_MEETING: &str = "\
SELECT seq, at, meeting_id, audience, target_user, entity, entity_id, op, data FROM changes
WHERE target_user = ?3 AND seq > ?1 AND seq <= ?2
UNION ALL
SELECT seq, at, meeting_id, audience, target_user, entity, entity_id, op, data FROM changes
WHERE meeting_id IS NULL AND target_user IS NULL AND seq > ?1 AND seq <= ?2
  AND audience IN (SELECT value FROM json_each(?5))
UNION ALL
SELECT c.seq, c.at, c.meeting_id, c.audience, c.target_user, c.entity, c.entity_id, c.op, c.data
FROM json_each(?7) m JOIN changes c ON c.meeting_id = unhex(m.value)
WHERE c.target_user IS NULL AND c.seq > ?1 AND c.seq <= ?2
UNION ALL
SELECT c.seq, c.at, c.meeting_id, c.audience, c.target_user, c.entity, c.entity_id, c.op, c.data
FROM json_each(?8) m JOIN changes c ON c.meeting_id = unhex(m.value)
WHERE c.target_user IS NULL AND c.seq > ?1 AND c.seq <= ?2 AND c.audience IN (SELECT value FROM json_each(?6))
ORDER BY seq LIMIT ?4";

/// The same rows for callers with many meetings: the log in seq order, each row looked up
/// in the sets of their meetings (no sort). `NOT INDEXED` keeps SQLite from answering the
/// ORs with the indexes and a sort.
const BY_SEQ: &str = "\
SELECT seq, at, meeting_id, audience, target_user, entity, entity_id, op, data FROM changes NOT INDEXED
WHERE seq > ?1 AND seq <= ?2 AND (target_user = ?3 OR (target_user IS NULL AND (
    (meeting_id IS NULL AND audience IN (SELECT value FROM json_each(?5)))
    OR meeting_id IN (SELECT unhex(value) FROM json_each(?7))
    OR (meeting_id IN (SELECT unhex(value) FROM json_each(?8)) AND audience IN (SELECT value FROM json_each(?6))))))
ORDER BY seq LIMIT ?4";

/// For a caller who is staff of every meeting (a chief of office): all rows but those
/// targeted at someone else and the directory's for other audiences, in seq order.
const ALL_MEETINGS: &str = "\
SELECT seq, at, meeting_id, audience, target_user, entity, entity_id, op, data FROM changes NOT INDEXED
WHERE seq > ?1 AND seq <= ?2 AND (target_user = ?3 OR (target_user IS NULL
    AND (meeting_id IS NOT NULL OR audience IN (SELECT value FROM json_each(?5)))))
ORDER BY seq LIMIT ?4";

/// The meetings the user `?1` stands in some relation to (`store::meetings::relation`), as
/// JSON arrays of ids in hex (those they own or chair, then their others), with the number
/// of the former and of all meetings: one row, whatever the number of meetings.
const MEETINGS_OF: &str = "\
WITH related(id, staff) AS (
    SELECT id, 1 FROM meetings WHERE secretary_id = ?1 OR chair_id = ?1
    UNION SELECT meeting_id, 0 FROM meeting_delegates WHERE user_id = ?1
    UNION SELECT meeting_id, 0 FROM replies WHERE deputy_id = ?1 AND status = 'deputy'
    UNION SELECT mb.meeting_id, 0 FROM bridge_points b JOIN meeting_bridge_points mb ON mb.bridge_point_id = b.id
          WHERE b.account_id = ?1
), mine(id, staff) AS (SELECT id, MAX(staff) FROM related GROUP BY id)
SELECT json_group_array(hex(id)) FILTER (WHERE staff), json_group_array(hex(id)) FILTER (WHERE NOT staff),
       COUNT(*) FILTER (WHERE staff), (SELECT COUNT(*) FROM meetings)
FROM mine";

/// A caller who owns or chairs at most this share of all meetings has their rows read
/// through the index of each of their meetings: the others give them only the rows of a
/// few audiences (see [`Audiences`]), a small part of the log. Beyond it the rows of the
/// meetings they run are much of the log, and reading it by seq costs less. (1 in 8 is a
/// judgement from trying both on the benchmark's store, see BENCHMARKS.md, "Change feed".)
const BY_MEETING_SHARE: (i64, i64) = (1, 8);

/// Which rows of the log could concern one caller: the query, and what it binds.
struct Narrowing {
    sql: &'static str,
    user: Uuid,
    audiences: Audiences,
    /// JSON arrays of meeting ids in hex: those the caller owns or chairs, their others.
    staff_of: String,
    member_of: String,
}

impl Narrowing {
    /// The rules say a caller with no relation to a meeting sees its changes only if their
    /// role alone makes them its staff (a chief of office).
    async fn of(db: &mut SqliteConnection, user: &AuthUser) -> AppResult<Self> {
        let audiences = Audiences::of(user.actor());
        let mut narrowing =
            Narrowing { sql: ALL_MEETINGS, user: user.id, audiences, staff_of: "[]".into(), member_of: "[]".into() };
        if is_staff(user.actor(), Relation::default()) {
            return Ok(narrowing);
        }
        let (staff_of, member_of, staff, all): (String, String, i64, i64) =
            sqlx::query_as(MEETINGS_OF).bind(user.id).fetch_one(&mut *db).await?;
        let (num, den) = BY_MEETING_SHARE;
        narrowing.sql = if staff * den <= all * num { BY_MEETING } else { BY_SEQ };
        narrowing.staff_of = staff_of;
        narrowing.member_of = member_of;
        Ok(narrowing)
    }

    fn args(&self, after: i64, upto: i64, batch: i64) -> AppResult<SqliteArguments> {
        let mut args = SqliteArguments::default();
        let mut add = || -> Result<(), sqlx::error::BoxDynError> {
            args.add(after)?;
            args.add(upto)?;
            args.add(self.user)?;
            args.add(batch)?;
            args.add(self.audiences.directory.clone())?;
            args.add(self.audiences.meeting.clone())?;
            args.add(self.staff_of.clone())?;
            args.add(self.member_of.clone())
        };
        add().map_err(AppError::internal)?;
        Ok(args)
    }

    async fn rows(&self, db: &mut SqliteConnection, after: i64, upto: i64, batch: i64) -> AppResult<Vec<ChangeRow>> {
        Ok(sqlx::query_as_with(self.sql, self.args(after, upto, batch)?).fetch_all(db).await?)
    }
}

/// The audiences whose changes may reach a caller, asked of the rules themselves
/// (`ecab_core::access`) and kept as JSON arrays: of a meeting they neither own nor chair,
/// over every other relation and every status (`meeting`); of the directory (`directory`).
/// No other row can reach them, so the SQL leaves the rest out.
struct Audiences {
    meeting: String,
    directory: String,
}

impl Audiences {
    fn of(actor: Actor) -> Self {
        let member = |bits: u8| Relation {
            owner: false,
            chair: false,
            delegate: bits & 1 != 0,
            deputy: bits & 2 != 0,
            bridge_point: bits & 4 != 0,
        };
        let meeting: Vec<&str> = Audience::ALL
            .iter()
            .filter(|&&a| (0..8).any(|bits| MeetingStatus::ALL.iter().any(|&s| sees_change(actor, member(bits), s, a))))
            .map(|a| a.as_str())
            .collect();
        let directory: Vec<&str> =
            Audience::ALL.iter().filter(|&&a| sees_directory_change(actor, a)).map(|a| a.as_str()).collect();
        let json = |list: Vec<&str>| serde_json::Value::from(list).to_string();
        Audiences { meeting: json(meeting), directory: json(directory) }
    }
}

#[derive(sqlx::FromRow)]
struct ChangeRow {
    seq: i64,
    at: DateTime<Utc>,
    meeting_id: Option<Uuid>,
    audience: String,
    target_user: Option<Uuid>,
    entity: String,
    entity_id: Uuid,
    op: String,
    data: String,
}

impl ChangeRow {
    fn into_change(self) -> AppResult<Change> {
        let entity = Entity::parse(&self.entity).ok_or_else(|| AppError::internal("bad entity in store"))?;
        let op = ChangeOp::parse(&self.op).ok_or_else(|| AppError::internal("bad operation in store"))?;
        let data = serde_json::from_str(&self.data).map_err(AppError::internal)?;
        Ok(Change {
            seq: self.seq,
            at: self.at,
            meeting_id: self.meeting_id,
            entity,
            entity_id: self.entity_id,
            op,
            data,
        })
    }
}

/// How the caller stands to each meeting met while scanning, loaded once per request.
struct Standing<'a> {
    user: &'a AuthUser,
    meetings: HashMap<Uuid, Option<(Relation, MeetingStatus)>>,
}

impl<'a> Standing<'a> {
    fn new(user: &'a AuthUser) -> Self {
        Standing { user, meetings: HashMap::new() }
    }

    async fn of(&mut self, db: &mut SqliteConnection, id: Uuid) -> AppResult<Option<(Relation, MeetingStatus)>> {
        if let Some(known) = self.meetings.get(&id) {
            return Ok(*known);
        }
        let found = match store::meetings::meeting(db, id).await? {
            Some(m) => Some((store::meetings::relation(db, &m, self.user).await?, m.status)),
            None => None,
        };
        self.meetings.insert(id, found);
        Ok(found)
    }

    async fn sees(&mut self, db: &mut SqliteConnection, row: &ChangeRow) -> AppResult<bool> {
        let audience = Audience::parse(&row.audience).ok_or_else(|| AppError::internal("bad audience in store"))?;
        if let Some(target) = row.target_user {
            if target != self.user.id {
                return Ok(false);
            }
            if ChangeOp::parse(&row.op) == Some(ChangeOp::Delete) {
                return Ok(true);
            }
        }
        let actor = self.user.actor();
        match row.meeting_id {
            None => Ok(sees_directory_change(actor, audience)),
            Some(mid) => Ok(match self.of(db, mid).await? {
                Some((rel, status)) => sees_change(actor, rel, status, audience),
                None => false,
            }),
        }
    }
}

/// The newest changes of `entity` that `user` may see, newest first: at most `limit` of
/// them, among the latest `scan` upserts of that kind targeted at them or at no one.
pub async fn newest(
    db: &SqlitePool,
    user: &AuthUser,
    entity: Entity,
    limit: usize,
    scan: i64,
) -> AppResult<Vec<Change>> {
    let mut conn = db.acquire().await?;
    let rows: Vec<ChangeRow> = sqlx::query_as(
        "SELECT seq, at, meeting_id, audience, target_user, entity, entity_id, op, data FROM changes
         WHERE entity = ? AND op = 'upsert' AND (target_user IS NULL OR target_user = ?)
         ORDER BY seq DESC LIMIT ?",
    )
    .bind(entity.as_str())
    .bind(user.id)
    .bind(scan)
    .fetch_all(&mut *conn)
    .await?;
    let mut standing = Standing::new(user);
    let mut out = Vec::new();
    for row in rows {
        if out.len() == limit {
            break;
        }
        if standing.sees(&mut conn, &row).await? {
            out.push(row.into_change()?);
        }
    }
    Ok(out)
}

fn page_limit(limit: Option<u32>) -> usize {
    limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT) as usize
}

/// Changes after `since`, oldest first, filtered to what the caller may see now.
async fn sync(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<SyncQuery>,
) -> AppResult<Json<SyncPage>> {
    Ok(Json(page(&state.db, &user, q.since, q.limit).await?))
}

/// The page of the feed after `since` for `user`: at most `limit` changes (500 by
/// default, 2000 at most) they may see, oldest first. `next_since` is the seq of the last
/// change when the page is full and the log goes on (`has_more`), else the log's head.
pub async fn page(db: &SqlitePool, user: &AuthUser, since: i64, limit: Option<u32>) -> AppResult<SyncPage> {
    let limit = page_limit(limit);
    let since = since.max(0);
    // One read transaction: the head, the narrowing and the rules see the same store, so
    // the narrowing keeps every row the rules would let through.
    let mut tx = db.begin().await?;
    let head: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM changes").fetch_one(&mut *tx).await?;
    let narrowing = Narrowing::of(&mut tx, user).await?;
    let mut standing = Standing::new(user);
    let mut changes = Vec::new();
    let mut cursor = since;
    let mut window = SCAN_BATCH;
    'scan: while cursor < head {
        let upto = head.min(cursor.saturating_add(window));
        let wanted = (limit - changes.len()) as i64;
        let batch = SCAN_BATCH.min(wanted + wanted * SLACK.0 / SLACK.1 + 1);
        let rows = narrowing.rows(&mut tx, cursor, upto, batch).await?;
        // A full batch may leave rows of the window behind: go on after its last row.
        let full = rows.len() as i64 == batch;
        let next = if full { rows.last().map_or(upto, |r| r.seq) } else { upto };
        for row in rows {
            if standing.sees(&mut tx, &row).await? {
                changes.push(row.into_change()?);
                if changes.len() == limit {
                    break 'scan;
                }
            }
        }
        cursor = next;
        window = if full { (window / 2).max(SCAN_BATCH) } else { (window * 2).min(MAX_WINDOW) };
    }
    tx.commit().await?;
    Ok(match changes.last().map(|c| c.seq) {
        Some(last) if changes.len() == limit && last < head => SyncPage { changes, next_since: last, has_more: true },
        _ => SyncPage { changes, next_since: since.max(head), has_more: false },
    })
}

/// `EXPLAIN QUERY PLAN` of the queries of the narrowed scan for `user`: the one finding
/// their meetings (unless they are staff of every meeting), then the one reading the log.
/// One line per step, indented as SQLite nests them.
#[doc(hidden)]
pub async fn plan(db: &SqlitePool, user: &AuthUser) -> AppResult<Vec<String>> {
    let mut conn = db.acquire().await?;
    let narrowing = Narrowing::of(&mut conn, user).await?;
    let mut lines = Vec::new();
    if narrowing.sql != ALL_MEETINGS {
        lines.push("-- the caller's meetings".to_owned());
        let mut args = SqliteArguments::default();
        args.add(user.id).map_err(AppError::internal)?;
        lines.extend(explain(&mut conn, MEETINGS_OF, args).await?);
    }
    lines.push("-- the rows that could concern them".to_owned());
    lines.extend(explain(&mut conn, narrowing.sql, narrowing.args(0, 0, SCAN_BATCH)?).await?);
    Ok(lines)
}

async fn explain(db: &mut SqliteConnection, sql: &str, args: SqliteArguments) -> AppResult<Vec<String>> {
    let sql = format!("EXPLAIN QUERY PLAN {sql}");
    let steps: Vec<(i64, i64, i64, String)> =
        sqlx::query_as_with(sqlx::AssertSqlSafe(sql), args).fetch_all(&mut *db).await?;
    let mut depth: HashMap<i64, usize> = HashMap::new();
    let mut lines = Vec::new();
    for (id, parent, _, detail) in steps {
        let d = depth.get(&parent).map_or(0, |d| d + 1);
        depth.insert(id, d);
        lines.push(format!("{}{detail}", "  ".repeat(d)));
    }
    Ok(lines)
}

/// The feed as it was computed before the narrowing: every row after `since` read in
/// batches and judged by the rules. The reference [`page`] must agree with, page for page.
#[doc(hidden)]
pub async fn page_reference(db: &SqlitePool, user: &AuthUser, since: i64, limit: Option<u32>) -> AppResult<SyncPage> {
    let limit = page_limit(limit);
    let mut conn = db.acquire().await?;
    let mut standing = Standing::new(user);
    let mut changes = Vec::new();
    let mut cursor = since.max(0);
    let mut has_more = false;
    'scan: loop {
        let rows: Vec<ChangeRow> = sqlx::query_as(
            "SELECT seq, at, meeting_id, audience, target_user, entity, entity_id, op, data FROM changes
             WHERE seq > ? ORDER BY seq LIMIT ?",
        )
        .bind(cursor)
        .bind(SCAN_BATCH)
        .fetch_all(&mut *conn)
        .await?;
        let exhausted = (rows.len() as i64) < SCAN_BATCH;
        for row in rows {
            if changes.len() == limit {
                has_more = true;
                break 'scan;
            }
            cursor = row.seq;
            if !standing.sees(&mut conn, &row).await? {
                continue;
            }
            changes.push(row.into_change()?);
        }
        if exhausted {
            break;
        }
    }
    Ok(SyncPage { changes, next_since: cursor, has_more })
}
