pub async fn load(_state: &crate::AppState) -> anyhow::Result<()> { Ok(()) }
