//! The outbox: local writes kept in the store until the server acknowledges them, sent in
//! order with their id as the `Idempotency-Key`, retried with back-off.

use std::sync::atomic::Ordering;

use chrono::{DateTime, Utc};
use ecab_protocol::ops::{Operation, PathParams, Req};
use ecab_protocol::{ApiError, IDEMPOTENCY_KEY};
use serde_json::Value;
use sqlx::SqlitePool;
use uuid::Uuid;

use crate::engine::Engine;
use crate::sync::outbox::{Attempt, Delivery, after_attempt};
use crate::{ClientError, Result};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutboxState {
    /// Waiting to be (re)sent.
    Pending,
    /// The server refused it for good; `last_error` says why.
    Failed,
}

/// A local write not yet acknowledged.
#[derive(Clone, Debug, PartialEq)]
pub struct OutboxItem {
    /// Also its Idempotency-Key.
    pub id: Uuid,
    /// The name of an operation of `ecab_protocol::ops`.
    pub operation: String,
    /// Its path parameters, in order.
    pub params: Vec<String>,
    pub body: Option<Value>,
    pub state: OutboxState,
    pub attempts: u32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<ApiError>,
    pub created_at: DateTime<Utc>,
}

type Row = (String, String, String, Option<String>, String, i64, DateTime<Utc>, Option<String>, DateTime<Utc>);

fn item(r: Row) -> Result<OutboxItem> {
    let (id, operation, params, body, state, attempts, next_attempt_at, last_error, created_at) = r;
    Ok(OutboxItem {
        id: Uuid::parse_str(&id).map_err(|e| ClientError::Protocol(e.to_string()))?,
        operation,
        params: serde_json::from_str(&params)?,
        body: body.map(|b| serde_json::from_str(&b)).transpose()?,
        state: if state == "failed" { OutboxState::Failed } else { OutboxState::Pending },
        attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
        next_attempt_at,
        last_error: last_error.map(|e| serde_json::from_str(&e)).transpose()?,
        created_at,
    })
}

const COLUMNS: &str = "id, operation, params, body, state, attempts, next_attempt_at, last_error, created_at";

pub async fn pending_count(db: &SqlitePool) -> Result<u32> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE state = 'pending'").fetch_one(db).await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// The server answered again: writes that waited only because it was unreachable are due now.
pub async fn reconnected(db: &SqlitePool, now: DateTime<Utc>) -> Result<()> {
    sqlx::query(
        "UPDATE outbox SET next_attempt_at = ? WHERE state = 'pending' AND json_extract(last_error, '$.code') = 'unavailable'",
    )
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

impl Engine {
    /// Queue the write `O` (creations should carry a client-made `id` in `req`). Returns
    /// the write's id, also its `Idempotency-Key`.
    pub async fn enqueue<O: Operation>(&self, params: &O::Params, req: &Req<O>) -> Result<Uuid> {
        self.enqueue_named(O::INFO.name, &params.segments(), serde_json::to_value(req)?).await
    }

    /// Queue the keyed write named `name` (see `ecab_protocol::ops::keyed_write`); anything
    /// else is refused.
    pub async fn enqueue_named(&self, name: &str, segments: &[String], body: Value) -> Result<Uuid> {
        let (op, _) = crate::writes::keyed(name, segments)?;
        let body = (op.input == ecab_protocol::ops::Input::Json).then_some(body);
        let id = Uuid::now_v7();
        let now = Self::now();
        sqlx::query(
            "INSERT INTO outbox (id, operation, params, body, state, attempts, next_attempt_at, created_at)
             VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)",
        )
        .bind(id.to_string())
        .bind(op.name)
        .bind(serde_json::to_string(segments)?)
        .bind(body.map(|b| b.to_string()))
        .bind(now)
        .bind(now)
        .execute(&self.inner.db)
        .await?;
        self.refresh_pending().await?;
        Ok(id)
    }

    /// Writes not yet acknowledged, oldest first (pending and failed).
    pub async fn outbox(&self) -> Result<Vec<OutboxItem>> {
        let rows: Vec<Row> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM outbox ORDER BY created_at, id")))
                .fetch_all(&self.inner.db)
                .await?;
        rows.into_iter().map(item).collect()
    }

    /// Drop a write (typically one the server refused).
    pub async fn discard_write(&self, id: Uuid) -> Result<()> {
        sqlx::query("DELETE FROM outbox WHERE id = ?").bind(id.to_string()).execute(&self.inner.db).await?;
        self.refresh_pending().await
    }

    async fn refresh_pending(&self) -> Result<()> {
        self.inner.pending.store(pending_count(&self.inner.db).await?, Ordering::Relaxed);
        self.publish();
        Ok(())
    }

    /// When the oldest pending write is due, if any.
    pub async fn next_delivery(&self) -> Result<Option<DateTime<Utc>>> {
        Ok(sqlx::query_scalar("SELECT MIN(next_attempt_at) FROM outbox WHERE state = 'pending'")
            .fetch_one(&self.inner.db)
            .await?)
    }

    /// Send due writes in order, stopping at the first that must wait (later writes may
    /// depend on it). Returns how many the server acknowledged. Not signed in: nothing sent.
    pub async fn deliver_outbox(&self) -> Result<usize> {
        let Ok(token) = self.token() else { return Ok(0) };
        let _one_at_a_time = self.inner.delivering.lock().await;
        let mut delivered = 0;
        loop {
            let row: Option<Row> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM outbox WHERE state = 'pending' ORDER BY created_at, id LIMIT 1"
            )))
            .fetch_optional(&self.inner.db)
            .await?;
            let Some(row) = row else { break };
            let write = item(row)?;
            let now = Self::now();
            if write.next_attempt_at > now {
                break;
            }
            let attempt = self.send_write(&write, &token).await;
            if attempt == Attempt::Unreachable {
                let error = crate::sync::outbox::unreachable_error();
                self.handle(crate::sync::core::Input::Failed(crate::sync::core::Failure { offline: true, error }));
            }
            let attempts = write.attempts.saturating_add(1);
            let verdict = after_attempt(Self::now(), attempts, attempt);
            let id = write.id.to_string();
            let db = &self.inner.db;
            match verdict {
                Delivery::Acknowledged => {
                    sqlx::query("DELETE FROM outbox WHERE id = ?").bind(&id).execute(db).await?;
                    delivered += 1;
                }
                Delivery::Failed(error) => {
                    tracing::warn!(write = %id, code = error.code.as_str(), "the server refused a queued write");
                    sqlx::query("UPDATE outbox SET state = 'failed', attempts = ?, last_error = ? WHERE id = ?")
                        .bind(attempts)
                        .bind(serde_json::to_string(&error)?)
                        .bind(&id)
                        .execute(db)
                        .await?;
                }
                Delivery::RetryAt(at, error) => {
                    sqlx::query("UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?")
                        .bind(attempts)
                        .bind(at)
                        .bind(error.map(|e| serde_json::to_string(&e)).transpose()?)
                        .bind(&id)
                        .execute(db)
                        .await?;
                    self.refresh_pending().await?;
                    return Ok(delivered);
                }
            }
        }
        self.refresh_pending().await?;
        Ok(delivered)
    }

    async fn send_write(&self, write: &OutboxItem, token: &str) -> Attempt {
        let Ok((op, path)) = crate::writes::keyed(&write.operation, &write.params) else {
            let error = ClientError::Refused(format!("{} is not a write of this version", write.operation));
            return Attempt::Answered { status: 400, error: Some(error.to_api_error()) };
        };
        let api = &self.inner.api;
        let mut req = api
            .request(crate::writes::method(op.method), &path, Some(token))
            .header(IDEMPOTENCY_KEY, write.id.to_string());
        if let Some(body) = &write.body {
            req = req.json(body);
        }
        match api.send(req).await {
            Ok(res) => Attempt::Answered { status: res.status().as_u16(), error: None },
            Err(ClientError::Api { status, error }) => Attempt::Answered { status, error: Some(error) },
            Err(_) => Attempt::Unreachable,
        }
    }
}
