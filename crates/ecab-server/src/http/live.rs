//! The live channel: a WebSocket that pokes a client whenever the change feed grows,
//! so it pulls at once instead of polling. The client's first message is its bearer
//! token (never in the URL, which ends up in logs); the server then sends
//! `{"seq": N}` with the newest `seq` now and on every change. What the client may see
//! is still decided by `/api/v1/sync`.

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use std::time::Duration;

use crate::auth::{AuthUser, token_hash};
use crate::state::AppState;

const AUTH_TIMEOUT: Duration = Duration::from_secs(10);
const PING_EVERY: Duration = Duration::from_secs(25);

/// Read the newest `seq` and wake the watchers if it moved.
pub async fn refresh_head(state: &AppState) {
    match sqlx::query_scalar::<_, i64>("SELECT COALESCE(MAX(seq), 0) FROM changes").fetch_one(&state.db).await {
        Ok(head) => {
            state.feed_head.send_if_modified(|h| {
                let moved = *h != head;
                *h = head;
                moved
            });
        }
        Err(e) => tracing::warn!(error = %e, "could not read the feed head"),
    }
}

/// After every successful write, move the feed head.
pub async fn after_writes(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let write = matches!(*req.method(), Method::POST | Method::PUT | Method::PATCH | Method::DELETE);
    let res = next.run(req).await;
    if write && res.status().is_success() {
        state.access.clear();
        refresh_head(&state).await;
    }
    res
}

pub async fn socket(State(state): State<AppState>, ws: WebSocketUpgrade) -> Response {
    ws.on_upgrade(move |socket| serve(state, socket))
}

async fn serve(state: AppState, mut socket: WebSocket) {
    let Some(user) = authenticate(&state, &mut socket).await else {
        let refusal = serde_json::json!({ "error": ecab_protocol::ErrorCode::Unauthenticated });
        let _ = socket.send(Message::Text(refusal.to_string().into())).await;
        return;
    };
    tracing::debug!(user = %user.id, "live channel open");
    let mut head = state.feed_head.subscribe();
    let mut ping = tokio::time::interval_at(tokio::time::Instant::now() + PING_EVERY, PING_EVERY);
    let mut sent = None;
    loop {
        let seq = *head.borrow_and_update();
        if sent != Some(seq) {
            if socket.send(Message::Text(poke(seq).into())).await.is_err() {
                return;
            }
            sent = Some(seq);
        }
        tokio::select! {
            changed = head.changed() => if changed.is_err() { return },
            _ = ping.tick() => if socket.send(Message::Ping(Default::default())).await.is_err() { return },
            msg = socket.recv() => match msg {
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return,
                Some(Ok(_)) => {}
            },
        }
    }
}

async fn authenticate(state: &AppState, socket: &mut WebSocket) -> Option<AuthUser> {
    let first = tokio::time::timeout(AUTH_TIMEOUT, socket.recv()).await.ok()??.ok()?;
    let Message::Text(token) = first else { return None };
    let hash = token_hash(token.as_str().trim());
    let row: Option<(uuid::Uuid, String)> = sqlx::query_as(
        "SELECT u.id, u.role FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ? AND s.expires_at > ? AND u.active = 1",
    )
    .bind(&hash[..])
    .bind(chrono::Utc::now())
    .fetch_optional(&state.db)
    .await
    .ok()?;
    let (id, role) = row?;
    Some(AuthUser { id, role: ecab_core::Role::parse(&role)?, token_hash: hash })
}

/// The message that says the feed is at `seq`.
fn poke(seq: i64) -> String {
    serde_json::to_string(&ecab_protocol::sync::LivePoke { seq }).unwrap_or_default()
}
