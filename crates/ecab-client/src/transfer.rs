//! One blob download: resume the partial file with `Range`, hash the plaintext as it
//! arrives, encrypt it on the way to disk when confidential, rename into place only when
//! the SHA-256 matches.

use reqwest::{Method, StatusCode, header};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncSeekExt, AsyncWriteExt};

use crate::blobs::{BlobFiles, read_up_to};
use crate::crypto::{self, Encryptor};
use crate::http::{Api, answer_error, transport};
use crate::{ClientError, Result};

pub struct Request<'a> {
    pub api: &'a Api,
    pub token: &'a str,
    pub files: &'a BlobFiles,
    pub key: &'a [u8; 32],
    pub sha256: &'a str,
    pub size: u64,
    pub encrypted: bool,
    /// Test hook: stop after this many bytes of the response (the partial file is kept).
    pub stop_after: Option<u64>,
}

pub enum Outcome {
    /// Every byte arrived; `verified`: the hash matched and the blob is in place.
    Complete { verified: bool },
    /// Stopped early; the partial file keeps `resume_from` bytes of plaintext.
    Interrupted { resume_from: u64, error: ClientError },
}

enum Writer {
    Plain,
    Encrypted(Encryptor),
}

/// Where a download stands: the open partial file, the hash so far, the bytes kept.
struct Partial {
    file: tokio::fs::File,
    hasher: Sha256,
    writer: Writer,
    kept: u64,
}

/// Open the partial file and re-hash what it keeps; start afresh when it cannot be resumed.
async fn prepare(r: &Request<'_>) -> Result<Partial> {
    let path = r.files.partial(r.sha256);
    tokio::fs::create_dir_all(r.files.partial_dir()).await?;
    let mut file =
        tokio::fs::OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path).await?;
    let len = file.metadata().await?.len();
    if len > 0 {
        match rehash(r, &mut file, len).await {
            Ok(Some(p)) => return Ok(p),
            Ok(None) => {}
            Err(e) => tracing::warn!(sha256 = r.sha256, error = %e, "cannot resume a partial download; starting again"),
        }
    }
    file.set_len(0).await?;
    file.seek(std::io::SeekFrom::Start(0)).await?;
    let writer = if r.encrypted {
        let (enc, header) = Encryptor::start(r.key, r.sha256);
        file.write_all(&header).await?;
        Writer::Encrypted(enc)
    } else {
        Writer::Plain
    };
    Ok(Partial { file, hasher: Sha256::new(), writer, kept: 0 })
}

async fn rehash(r: &Request<'_>, file: &mut tokio::fs::File, len: u64) -> Result<Option<Partial>> {
    let mut hasher = Sha256::new();
    file.seek(std::io::SeekFrom::Start(0)).await?;
    if !r.encrypted {
        let kept = len.min(r.size);
        file.set_len(kept).await?;
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = file.read(&mut buf).await?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
        }
        let file = file.try_clone().await?;
        return Ok(Some(Partial { file, hasher, writer: Writer::Plain, kept }));
    }
    // A file in the older format is written again, in the current one.
    let mut header = [0u8; crypto::HEADER_LEN];
    if read_up_to(file, &mut header).await? < header.len() || !crypto::is_current_format(&header) {
        return Ok(None);
    }
    let (chunks, kept) = crypto::resumable(len);
    if kept > r.size {
        return Ok(None);
    }
    let mut dec = crypto::Decryptor::new(r.key, r.sha256, &header)?;
    let mut sealed = vec![0u8; crypto::SEALED];
    for _ in 0..chunks {
        file.read_exact(&mut sealed).await?;
        hasher.update(dec.open(&sealed, false)?);
    }
    file.set_len(crypto::HEADER_LEN as u64 + u64::from(chunks) * crypto::SEALED as u64).await?;
    let enc = Encryptor::resume(r.key, r.sha256, &header, chunks)?;
    let file = file.try_clone().await?;
    Ok(Some(Partial { file, hasher, writer: Writer::Encrypted(enc), kept }))
}

/// Download one blob; `on_bytes` is told of every piece received.
pub async fn download(r: Request<'_>, mut on_bytes: impl FnMut(u64)) -> Result<Outcome> {
    let mut p = prepare(&r).await?;
    p.file.seek(std::io::SeekFrom::End(0)).await?;
    let mut req = r.api.request(Method::GET, &format!("/api/v1/blobs/{}", r.sha256), Some(r.token));
    if p.kept > 0 {
        req = req.header(header::RANGE, format!("bytes={}-", p.kept));
    }
    let mut res = match req.send().await {
        Ok(res) => res,
        Err(e) => return Ok(Outcome::Interrupted { resume_from: p.kept, error: transport(e) }),
    };
    match res.status() {
        StatusCode::PARTIAL_CONTENT if p.kept > 0 => {}
        StatusCode::OK if p.kept == 0 => {}
        StatusCode::OK | StatusCode::RANGE_NOT_SATISFIABLE => {
            // The server ignored or refused the range: the partial file cannot be trusted to
            // line up with it. Start again next time.
            drop(p);
            r.files.remove(r.sha256).await?;
            let error = ClientError::Protocol(format!("the server answered {} to a resumed download", res.status()));
            return Ok(Outcome::Interrupted { resume_from: 0, error });
        }
        _ => return Ok(Outcome::Interrupted { resume_from: p.kept, error: answer_error(res).await }),
    }
    let mut received = 0u64;
    let mut total = p.kept;
    let stopped = loop {
        match res.chunk().await {
            Ok(Some(bytes)) => {
                if total + bytes.len() as u64 > r.size {
                    break Some(ClientError::Protocol("the server sent more bytes than the document's size".into()));
                }
                p.hasher.update(&bytes);
                match &mut p.writer {
                    Writer::Plain => p.file.write_all(&bytes).await?,
                    Writer::Encrypted(enc) => p.file.write_all(&enc.push(&bytes)?).await?,
                }
                received += bytes.len() as u64;
                total += bytes.len() as u64;
                on_bytes(bytes.len() as u64);
                if r.stop_after.is_some_and(|limit| received >= limit) && total < r.size {
                    break Some(ClientError::Protocol("stopped by the download limit (test hook)".into()));
                }
            }
            Ok(None) if total == r.size => break None,
            Ok(None) => break Some(ClientError::Offline("the download ended early".into())),
            Err(e) => break Some(transport(e)),
        }
    };
    if let Some(error) = stopped {
        p.file.flush().await?;
        let len = p.file.metadata().await?.len();
        let resume_from = if r.encrypted { crypto::resumable(len).1 } else { len };
        return Ok(Outcome::Interrupted { resume_from, error });
    }
    if let Writer::Encrypted(enc) = p.writer {
        p.file.write_all(&enc.finish()?).await?;
    }
    p.file.flush().await?;
    p.file.sync_all().await?;
    drop(p.file);
    if hex::encode(p.hasher.finalize()) != r.sha256 {
        return Ok(Outcome::Complete { verified: false });
    }
    let dest = r.files.complete(r.sha256);
    if let Some(parent) = dest.parent() {
        tokio::fs::create_dir_all(parent).await?;
    }
    tokio::fs::rename(r.files.partial(r.sha256), &dest).await?;
    Ok(Outcome::Complete { verified: true })
}
