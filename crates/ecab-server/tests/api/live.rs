//! The live channel pokes a signed-in client when the change feed grows.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

use crate::common::Server;

async fn next_seq<S>(ws: &mut S) -> i64
where
    S: futures_util::Stream<Item = Result<Message, tokio_tungstenite::tungstenite::Error>> + Unpin,
{
    loop {
        let msg =
            tokio::time::timeout(Duration::from_secs(10), ws.next()).await.expect("a poke in time").unwrap().unwrap();
        if let Message::Text(text) = msg {
            let v: Value = serde_json::from_str(text.as_str()).unwrap();
            return v["seq"].as_i64().unwrap_or_else(|| panic!("not a poke: {v}"));
        }
    }
}

#[tokio::test]
async fn a_write_pokes_listeners_and_strangers_are_turned_away() {
    let s = Server::start().await;
    let d = s.login("daibieu01").await;
    let thuky = s.login("thuky").await;
    let url = format!("{}/api/v1/live", s.base.replace("http://", "ws://"));

    let (mut ws, _) = tokio_tungstenite::connect_async(&url).await.unwrap();
    ws.send(Message::Text(d.token.clone().into())).await.unwrap();
    let first = next_seq(&mut ws).await;
    let meeting = thuky.meeting_id("thường kỳ").await;
    let (status, _) = thuky.post(&format!("/api/v1/meetings/{meeting}/agenda"), json!({ "title": "Mục mới" })).await;
    assert!(status.is_success());
    let head = *s.state.feed_head.borrow();
    assert!(head > first, "head {head} first {first}");
    assert!(next_seq(&mut ws).await > first);

    let (mut stranger, _) = tokio_tungstenite::connect_async(&url).await.unwrap();
    stranger.send(Message::Text("not-a-token".into())).await.unwrap();
    let msg = tokio::time::timeout(Duration::from_secs(10), stranger.next()).await.unwrap().unwrap().unwrap();
    assert!(msg.to_text().unwrap().contains("unauthenticated"));
}
