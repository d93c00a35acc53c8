//! The signed-in user's profile (`user.json` in the data folder: id, name, role; no secret),
//! so the ui knows who is signed in when the app starts offline. The token itself stays in
//! the OS keyring, held by the engine.

use std::path::{Path, PathBuf};

use ecab_protocol::auth::User;

pub struct Profile {
    path: PathBuf,
}

impl Profile {
    pub fn new(data_dir: &Path) -> Self {
        Profile { path: data_dir.join("user.json") }
    }

    pub async fn load(&self) -> std::io::Result<Option<User>> {
        match tokio::fs::read(&self.path).await {
            Ok(bytes) => Ok(serde_json::from_slice(&bytes).ok()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub async fn save(&self, user: &User) -> std::io::Result<()> {
        let tmp = self.path.with_extension("json.tmp");
        tokio::fs::write(&tmp, serde_json::to_vec(user)?).await?;
        tokio::fs::rename(&tmp, &self.path).await
    }

    pub async fn forget(&self) -> std::io::Result<()> {
        match tokio::fs::remove_file(&self.path).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}
