//! Idempotent writes: a write sent with an `Idempotency-Key` header runs once; a retry
//! with the same key gets the first response again. Keys are scoped to the user and
//! bound to the method and path they were first used with.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{Duration, Utc};
use ecab_protocol::{ErrorCode, IDEMPOTENCY_KEY};

use crate::auth::authenticate;
use crate::error::AppError;
use crate::state::AppState;

/// A first attempt that never finished (the server stopped mid-way) is forgotten after this.
const ABANDONED_AFTER: Duration = Duration::minutes(5);
const MAX_STORED_BODY: usize = 4 * 1024 * 1024;
pub const REPLAYED_HEADER: &str = "idempotent-replayed";

pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let write = matches!(*req.method(), Method::POST | Method::PUT | Method::PATCH | Method::DELETE);
    let key = req.headers().get(IDEMPOTENCY_KEY).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let (Some(key), true) = (key, write) else { return next.run(req).await };
    if key.is_empty() || key.len() > 100 {
        return AppError::bad_request("Idempotency-Key must be 1 to 100 characters").into_response();
    }
    let (mut parts, body) = req.into_parts();
    // Writes without a signed-in user (sign-in itself) are not replayed.
    let Ok(user) = authenticate(&state, &parts).await else {
        return next.run(Request::from_parts(parts, body)).await;
    };
    parts.extensions.insert(user.clone());
    let fingerprint = format!("{} {}", parts.method, parts.uri.path());

    match claim(&state, user.id, &key, &fingerprint).await {
        Ok(Claim::Mine) => {}
        Ok(Claim::Replay(status, body)) => return replay(status, body),
        Err(e) => return e.into_response(),
    }

    let res = next.run(Request::from_parts(parts, body)).await;
    let (res_parts, res_body) = res.into_parts();
    let bytes = match to_bytes(res_body, MAX_STORED_BODY).await {
        Ok(b) => b,
        Err(e) => return AppError::internal(e).into_response(),
    };
    let outcome = if res_parts.status.is_success() {
        sqlx::query("UPDATE idempotency SET status = ?, body = ? WHERE user_id = ? AND key = ?")
            .bind(res_parts.status.as_u16() as i64)
            .bind(&bytes[..])
            .bind(user.id)
            .bind(&key)
            .execute(&state.db)
            .await
    } else {
        // Failures are not remembered: the retry runs again against the current state.
        sqlx::query("DELETE FROM idempotency WHERE user_id = ? AND key = ?")
            .bind(user.id)
            .bind(&key)
            .execute(&state.db)
            .await
    };
    if let Err(e) = outcome {
        tracing::warn!(error = %e, "could not record an idempotent response");
    }
    Response::from_parts(res_parts, Body::from(bytes))
}

enum Claim {
    Mine,
    Replay(u16, Vec<u8>),
}

async fn claim(state: &AppState, user: uuid::Uuid, key: &str, fingerprint: &str) -> Result<Claim, AppError> {
    let now = Utc::now();
    let inserted = sqlx::query(
        "INSERT INTO idempotency (user_id, key, fingerprint, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (user_id, key) DO UPDATE SET created_at = excluded.created_at, fingerprint = excluded.fingerprint
         WHERE idempotency.status IS NULL AND idempotency.created_at < ?",
    )
    .bind(user)
    .bind(key)
    .bind(fingerprint)
    .bind(now)
    .bind(now - ABANDONED_AFTER)
    .execute(&state.db)
    .await?;
    if inserted.rows_affected() == 1 {
        return Ok(Claim::Mine);
    }
    let (stored_fp, status, body): (String, Option<i64>, Option<Vec<u8>>) =
        sqlx::query_as("SELECT fingerprint, status, body FROM idempotency WHERE user_id = ? AND key = ?")
            .bind(user)
            .bind(key)
            .fetch_one(&state.db)
            .await?;
    if stored_fp != fingerprint {
        return Err(AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::IdempotencyKeyReused,
            "this Idempotency-Key was used for another request",
        ));
    }
    match status {
        Some(status) => Ok(Claim::Replay(status as u16, body.unwrap_or_default())),
        None => Err(AppError::new(
            StatusCode::CONFLICT,
            ErrorCode::RequestInProgress,
            "the same request is still being processed",
        )
        .retry_after(1)),
    }
}

fn replay(status: u16, body: Vec<u8>) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let mut res = (status, body).into_response();
    let headers = res.headers_mut();
    headers.insert(axum::http::header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(REPLAYED_HEADER, HeaderValue::from_static("true"));
    res
}

/// Forget keys older than a week.
pub async fn prune(db: &sqlx::SqlitePool) -> Result<u64, sqlx::Error> {
    let cutoff = Utc::now() - Duration::days(7);
    Ok(sqlx::query("DELETE FROM idempotency WHERE created_at < ?").bind(cutoff).execute(db).await?.rows_affected())
}
