//! The content-addressed blob store on local disk: `blobs/ab/<sha256>`. A blob arrives
//! in a temporary file while it is hashed, and is renamed into place only once it has
//! been validated and recorded, so a failed upload leaves nothing behind.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use tokio::fs;
use tokio::io::AsyncWriteExt;

#[derive(Clone, Debug)]
pub struct BlobStore {
    root: PathBuf,
}

/// A blob received into a temporary file. Dropping it removes the file unless it was
/// committed.
#[derive(Debug)]
pub struct Incoming {
    pub path: PathBuf,
    pub sha256: String,
    pub size: u64,
    pub head: Vec<u8>,
    committed: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ReceiveError {
    #[error("the file is larger than the limit of {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("the upload was interrupted: {0}")]
    Body(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl BlobStore {
    pub async fn open(root: PathBuf) -> std::io::Result<Self> {
        fs::create_dir_all(root.join("tmp")).await?;
        // Leftovers of uploads cut off by a stop are never completed: clear them.
        let mut dir = fs::read_dir(root.join("tmp")).await?;
        while let Some(entry) = dir.next_entry().await? {
            let _ = fs::remove_file(entry.path()).await;
        }
        Ok(Self { root })
    }

    pub fn path(&self, sha256: &str) -> PathBuf {
        self.root.join(&sha256[..2]).join(sha256)
    }

    pub fn is_valid_name(sha256: &str) -> bool {
        sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    }

    /// Stream chunks into a temporary file, hashing as they come, up to `limit` bytes.
    pub async fn receive<S, E>(&self, mut chunks: S, limit: u64) -> Result<Incoming, ReceiveError>
    where
        S: futures_util::Stream<Item = Result<bytes::Bytes, E>> + Unpin,
        E: std::fmt::Display,
    {
        use futures_util::StreamExt;
        let path = self.root.join("tmp").join(uuid::Uuid::new_v4().to_string());
        let mut incoming = Incoming { path, sha256: String::new(), size: 0, head: Vec::new(), committed: false };
        let mut file = fs::File::create(&incoming.path).await?;
        let mut hasher = Sha256::new();
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk.map_err(|e| ReceiveError::Body(e.to_string()))?;
            incoming.size += chunk.len() as u64;
            if incoming.size > limit {
                return Err(ReceiveError::TooLarge { limit });
            }
            if incoming.head.len() < 1024 {
                let take = (1024 - incoming.head.len()).min(chunk.len());
                incoming.head.extend_from_slice(&chunk[..take]);
            }
            hasher.update(&chunk);
            file.write_all(&chunk).await?;
        }
        file.sync_all().await?;
        incoming.sha256 = hex::encode(hasher.finalize());
        Ok(incoming)
    }

    /// Move a received blob into place. Idempotent: an existing blob is kept.
    pub async fn commit(&self, mut incoming: Incoming) -> std::io::Result<()> {
        let dest = self.path(&incoming.sha256);
        if fs::try_exists(&dest).await? {
            return Ok(()); // dropping `incoming` removes the duplicate
        }
        if let Some(parent) = dest.parent() {
            fs::create_dir_all(parent).await?;
        }
        fs::rename(&incoming.path, &dest).await?;
        incoming.committed = true;
        Ok(())
    }

    pub async fn exists(&self, sha256: &str) -> bool {
        fs::try_exists(self.path(sha256)).await.unwrap_or(false)
    }

    pub async fn remove(&self, sha256: &str) -> std::io::Result<()> {
        fs::remove_file(self.path(sha256)).await
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
}

impl Drop for Incoming {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}
