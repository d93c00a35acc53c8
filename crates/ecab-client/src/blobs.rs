//! The blob cache on disk: `<data>/blobs/<sha[..2]>/<sha>` for complete, verified blobs and
//! `<data>/blobs/partial/<sha>` for downloads in progress. Confidential content is stored
//! in the format of [`crate::crypto`].

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use tokio::io::AsyncReadExt;

use crate::Result;
use crate::crypto;
use crate::sync::core::CachedBlob;

/// 64 lowercase hex digits: the only names ever turned into paths.
pub fn valid_name(sha256: &str) -> bool {
    sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[derive(Clone, Debug)]
pub struct BlobFiles {
    data: PathBuf,
}

impl BlobFiles {
    pub fn new(data: &Path) -> Self {
        BlobFiles { data: data.to_owned() }
    }

    /// Where a complete blob lives, relative to the data folder (as stored in the `blobs` table).
    pub fn relative(sha256: &str) -> String {
        format!("blobs/{}/{}", &sha256[..2], sha256)
    }

    pub fn complete(&self, sha256: &str) -> PathBuf {
        self.data.join(Self::relative(sha256))
    }

    pub fn at(&self, relative: &str) -> PathBuf {
        self.data.join(relative)
    }

    pub fn partial_dir(&self) -> PathBuf {
        self.data.join("blobs").join("partial")
    }

    pub fn partial(&self, sha256: &str) -> PathBuf {
        self.partial_dir().join(sha256)
    }

    /// Remove both the complete and the partial file of a blob, if present.
    pub async fn remove(&self, sha256: &str) -> Result<()> {
        for p in [self.complete(sha256), self.partial(sha256)] {
            match tokio::fs::remove_file(&p).await {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(())
    }

    /// Downloads in progress, with what each can resume from.
    pub async fn partials(&self) -> Result<Vec<CachedBlob>> {
        let mut out = Vec::new();
        let mut dir = match tokio::fs::read_dir(self.partial_dir()).await {
            Ok(d) => d,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(e.into()),
        };
        while let Some(entry) = dir.next_entry().await? {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !valid_name(&name) {
                continue;
            }
            let len = entry.metadata().await?.len();
            let mut head = [0u8; crypto::HEADER_LEN];
            let mut file = tokio::fs::File::open(entry.path()).await?;
            let n = read_up_to(&mut file, &mut head).await?;
            let encrypted = crypto::is_encrypted(&head[..n]);
            let resume_from = match (encrypted, crypto::is_current_format(&head[..n])) {
                (false, _) => len,
                (true, true) => crypto::resumable(len).1,
                // The older format is not continued: the download starts again.
                (true, false) => 0,
            };
            out.push(CachedBlob { sha256: name, complete: false, encrypted, resume_from });
        }
        Ok(out)
    }
}

/// Read until `buf` is full or the file ends; the count read.
pub async fn read_up_to(file: &mut tokio::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        let got = file.read(&mut buf[n..]).await?;
        if got == 0 {
            break;
        }
        n += got;
    }
    Ok(n)
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The plaintext of a stored blob, or `None` when it cannot be opened or does not hash to
/// its name (the caller then discards it).
pub async fn open(path: &Path, encrypted: bool, key: &[u8; 32], sha256: &str) -> Result<Option<Vec<u8>>> {
    let file = tokio::fs::read(path).await?;
    let plain = if encrypted {
        match crypto::decrypt_all(key, sha256, &file) {
            Ok(p) => p,
            Err(_) => return Ok(None),
        }
    } else {
        file
    };
    Ok((sha256_hex(&plain) == sha256).then_some(plain))
}
