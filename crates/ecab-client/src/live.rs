//! The background loop: keep the live channel (`GET /api/v1/live`, a WebSocket) open, pull
//! when it says the feed moved, deliver due writes, and back off while offline.

use std::sync::atomic::Ordering;
use std::time::Duration;

use ecab_protocol::LIVE_PATH;
use ecab_protocol::sync::LivePoke;
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;

use crate::engine::Engine;
use crate::sync::core::{Input, backoff};
use crate::{ClientError, Result};

/// Without news from the live channel, look at the outbox this often anyway.
const IDLE_CHECK: Duration = Duration::from_secs(30);

impl Engine {
    /// Keep this client in sync until `stop` resolves: sync now, then on every poke of the
    /// live channel; reconnect with exponential back-off (capped at a minute) while offline.
    pub async fn run(&self, stop: impl std::future::Future<Output = ()>) {
        tokio::pin!(stop);
        let mut failures = 0u32;
        loop {
            let session = async {
                if let Err(e) = self.sync_once().await {
                    tracing::info!(error = %e, "sync failed");
                }
                self.live_session().await
            };
            tokio::select! {
                () = &mut stop => return,
                ended = session => match ended {
                    Ok(()) => failures = 0,
                    Err(e) => {
                        failures = failures.saturating_add(1);
                        tracing::info!(error = %e, failures, "live channel lost");
                    }
                },
            }
            let wait = backoff(failures.max(1)).to_std().unwrap_or(Duration::from_secs(60));
            tokio::select! {
                () = &mut stop => return,
                () = tokio::time::sleep(wait) => {}
            }
        }
    }

    fn live_url(&self) -> String {
        let base = self.server_url();
        let ws = if let Some(rest) = base.strip_prefix("https://") {
            format!("wss://{rest}")
        } else if let Some(rest) = base.strip_prefix("http://") {
            format!("ws://{rest}")
        } else {
            base.to_owned()
        };
        format!("{ws}{LIVE_PATH}")
    }

    /// One connection of the live channel, until it closes.
    async fn live_session(&self) -> Result<()> {
        let ended = self.live_connection().await;
        self.inner.live.store(false, Ordering::Relaxed);
        self.publish();
        ended
    }

    async fn live_connection(&self) -> Result<()> {
        let token = self.token()?;
        let (mut ws, _) = tokio_tungstenite::connect_async(self.live_url())
            .await
            .map_err(|e| ClientError::Offline(format!("live channel: {e}")))?;
        ws.send(Message::Text(token.into())).await.map_err(|e| ClientError::Offline(e.to_string()))?;
        self.inner.live.store(true, Ordering::Relaxed);
        self.publish();
        loop {
            let next_write = self.next_delivery().await?;
            let wait = match next_write {
                Some(at) => (at - Self::now()).to_std().unwrap_or(Duration::ZERO).min(IDLE_CHECK),
                None => IDLE_CHECK,
            };
            tokio::select! {
                msg = ws.next() => match msg {
                    Some(Ok(Message::Text(text))) => {
                        if let Ok(head) = serde_json::from_str::<LivePoke>(text.as_str()) {
                            self.handle(Input::Poke { seq: head.seq });
                            if self.core().pull_wanted() {
                                self.sync_once().await?;
                            }
                        } else {
                            return Err(ClientError::Protocol(format!("live channel: {text}")));
                        }
                    }
                    Some(Ok(Message::Close(_))) | None => return Ok(()),
                    Some(Ok(_)) => {}
                    Some(Err(e)) => return Err(ClientError::Offline(format!("live channel: {e}"))),
                },
                () = tokio::time::sleep(wait) => {
                    if self.deliver_outbox().await? > 0 {
                        self.sync_once().await?;
                    }
                }
            }
        }
    }
}
