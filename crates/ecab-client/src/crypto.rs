//! Encryption at rest of confidential documents' blobs.
//!
//! Format of an encrypted blob file (the STREAM construction, Hoang–Reyhanitabar–Rogaway–
//! Vizár 2015, over ChaCha20-Poly1305):
//!
//! ```text
//! "ECABENC1"                      8 bytes, magic
//! nonce prefix                    7 random bytes, new for every file
//! chunk 0 … chunk n-1             each: ChaCha20-Poly1305(plaintext of CHUNK bytes) = CHUNK + 16 bytes;
//!                                 the last chunk holds 0..=CHUNK bytes (+16) and is always present
//! ```
//!
//! The key is the device's 32-byte blob key (random, kept in the OS keyring). Chunk `i` is
//! sealed with nonce `prefix ‖ i as u32 big-endian ‖ last` (`last` = 1 for the final chunk,
//! else 0), and the blob's SHA-256 (hex) as associated data. So a chunk cannot be moved,
//! dropped, truncated away at the end, or swapped between files without failing to open.
//! Files stream in and out one chunk at a time; a partial download keeps its whole chunks
//! and resumes after them.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use rand::RngCore;

use crate::ClientError;

pub const MAGIC: &[u8; 8] = b"ECABENC1";
pub const HEADER_LEN: usize = 15;
/// Plaintext bytes per chunk.
pub const CHUNK: usize = 64 * 1024;
pub const TAG_LEN: usize = 16;
/// Bytes of one full sealed chunk.
pub const SEALED: usize = CHUNK + TAG_LEN;

/// A new random 32-byte key.
pub fn new_key() -> [u8; 32] {
    let mut key = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut key);
    key
}

fn nonce(prefix: &[u8; 7], index: u32, last: bool) -> [u8; 12] {
    let mut n = [0u8; 12];
    n[..7].copy_from_slice(prefix);
    n[7..11].copy_from_slice(&index.to_be_bytes());
    n[11] = u8::from(last);
    n
}

fn failed(what: &str) -> ClientError {
    ClientError::Crypto(what.to_owned())
}

/// Encrypts a blob as its bytes arrive.
pub struct Encryptor {
    cipher: ChaCha20Poly1305,
    prefix: [u8; 7],
    index: u32,
    buffer: Vec<u8>,
    aad: String,
}

impl Encryptor {
    /// A new file: returns the encryptor and the header to write first.
    pub fn start(key: &[u8; 32], sha256: &str) -> (Self, Vec<u8>) {
        let mut prefix = [0u8; 7];
        rand::rngs::OsRng.fill_bytes(&mut prefix);
        let mut header = MAGIC.to_vec();
        header.extend_from_slice(&prefix);
        (Self::at(key, sha256, prefix, 0), header)
    }

    /// Continue a partial file whose header is `header` and which holds `chunks` whole chunks.
    pub fn resume(key: &[u8; 32], sha256: &str, header: &[u8], chunks: u32) -> Result<Self, ClientError> {
        let prefix = parse_header(header)?;
        Ok(Self::at(key, sha256, prefix, chunks))
    }

    fn at(key: &[u8; 32], sha256: &str, prefix: [u8; 7], index: u32) -> Self {
        let cipher = ChaCha20Poly1305::new(Key::from_slice(key));
        Encryptor { cipher, prefix, index, buffer: Vec::with_capacity(CHUNK), aad: sha256.to_owned() }
    }

    fn seal(&mut self, plain: &[u8], last: bool) -> Result<Vec<u8>, ClientError> {
        let n = nonce(&self.prefix, self.index, last);
        self.index = self.index.checked_add(1).ok_or_else(|| failed("file too large"))?;
        self.cipher
            .encrypt(Nonce::from_slice(&n), Payload { msg: plain, aad: self.aad.as_bytes() })
            .map_err(|_| failed("encryption"))
    }

    /// Add plaintext; returns the sealed chunks now complete, to append to the file.
    /// A full chunk is sealed only once more bytes follow it: the final chunk is sealed by
    /// [`Encryptor::finish`].
    pub fn push(&mut self, mut data: &[u8]) -> Result<Vec<u8>, ClientError> {
        let mut out = Vec::new();
        while !data.is_empty() {
            if self.buffer.len() == CHUNK {
                let chunk = std::mem::take(&mut self.buffer);
                out.extend(self.seal(&chunk, false)?);
                self.buffer = chunk;
                self.buffer.clear();
            }
            let take = (CHUNK - self.buffer.len()).min(data.len());
            self.buffer.extend_from_slice(&data[..take]);
            data = &data[take..];
        }
        Ok(out)
    }

    /// The final chunk.
    pub fn finish(mut self) -> Result<Vec<u8>, ClientError> {
        let chunk = std::mem::take(&mut self.buffer);
        self.seal(&chunk, true)
    }
}

fn parse_header(header: &[u8]) -> Result<[u8; 7], ClientError> {
    if header.len() < HEADER_LEN || &header[..8] != MAGIC {
        return Err(failed("not an encrypted blob"));
    }
    let mut prefix = [0u8; 7];
    prefix.copy_from_slice(&header[8..HEADER_LEN]);
    Ok(prefix)
}

/// Whether a file starts like an encrypted blob.
pub fn is_encrypted(head: &[u8]) -> bool {
    head.len() >= HEADER_LEN && &head[..8] == MAGIC
}

/// For a partial encrypted file of `file_len` bytes: the whole chunks it holds (the file
/// is cut to `HEADER_LEN + chunks * SEALED` before resuming) and their plaintext length.
pub fn resumable(file_len: u64) -> (u32, u64) {
    let body = file_len.saturating_sub(HEADER_LEN as u64);
    let chunks = u32::try_from(body / SEALED as u64).unwrap_or(u32::MAX);
    (chunks, u64::from(chunks) * CHUNK as u64)
}

/// Opens the chunks of a file one at a time.
pub struct Decryptor {
    cipher: ChaCha20Poly1305,
    prefix: [u8; 7],
    index: u32,
    aad: String,
}

impl Decryptor {
    pub fn new(key: &[u8; 32], sha256: &str, header: &[u8]) -> Result<Self, ClientError> {
        let prefix = parse_header(header)?;
        Ok(Decryptor { cipher: ChaCha20Poly1305::new(Key::from_slice(key)), prefix, index: 0, aad: sha256.to_owned() })
    }

    /// Open the next sealed chunk; `last` must be true for the file's final chunk only.
    pub fn open(&mut self, sealed: &[u8], last: bool) -> Result<Vec<u8>, ClientError> {
        let n = nonce(&self.prefix, self.index, last);
        self.index = self.index.checked_add(1).ok_or_else(|| failed("file too large"))?;
        self.cipher
            .decrypt(Nonce::from_slice(&n), Payload { msg: sealed, aad: self.aad.as_bytes() })
            .map_err(|_| failed("a chunk does not authenticate (wrong key, or altered)"))
    }
}

/// Decrypt a whole file held in memory.
pub fn decrypt_all(key: &[u8; 32], sha256: &str, file: &[u8]) -> Result<Vec<u8>, ClientError> {
    let mut d = Decryptor::new(key, sha256, file)?;
    let body = &file[HEADER_LEN..];
    if body.len() < TAG_LEN {
        return Err(failed("truncated"));
    }
    let mut out = Vec::with_capacity(body.len());
    let mut chunks = body.chunks(SEALED).peekable();
    while let Some(chunk) = chunks.next() {
        let last = chunks.peek().is_none();
        out.extend(d.open(chunk, last)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encrypt(key: &[u8; 32], sha: &str, plain: &[u8], piece: usize) -> Vec<u8> {
        let (mut e, mut file) = Encryptor::start(key, sha);
        for p in plain.chunks(piece.max(1)) {
            file.extend(e.push(p).unwrap());
        }
        file.extend(e.finish().unwrap());
        file
    }

    #[test]
    fn round_trips_any_length_in_any_pieces() {
        let key = new_key();
        for len in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 17] {
            let plain: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            for piece in [7, 8192, CHUNK + 3] {
                let file = encrypt(&key, "abc", &plain, piece);
                assert_eq!(decrypt_all(&key, "abc", &file).unwrap(), plain, "len {len} piece {piece}");
                assert_eq!(file.len(), HEADER_LEN + len + TAG_LEN * len.div_ceil(CHUNK).max(1));
            }
        }
    }

    #[test]
    fn tampering_truncation_wrong_key_or_name_fail() {
        let key = new_key();
        let plain = vec![42u8; 2 * CHUNK + 5];
        let file = encrypt(&key, "abc", &plain, 1000);
        let mut flipped = file.clone();
        flipped[HEADER_LEN + 10] ^= 1;
        assert!(decrypt_all(&key, "abc", &flipped).is_err());
        assert!(decrypt_all(&key, "abc", &file[..HEADER_LEN + 2 * SEALED]).is_err(), "dropping the last chunk");
        assert!(decrypt_all(&new_key(), "abc", &file).is_err());
        assert!(decrypt_all(&key, "abd", &file).is_err());
    }

    #[test]
    fn a_partial_file_resumes_after_its_whole_chunks() {
        let key = new_key();
        let plain: Vec<u8> = (0..3 * CHUNK + 100).map(|i| (i % 13) as u8).collect();
        let (mut e, mut file) = Encryptor::start(&key, "s");
        file.extend(e.push(&plain[..CHUNK + CHUNK / 2]).unwrap());
        // The process stops here: the buffered half chunk is lost.
        let (chunks, plain_len) = resumable(file.len() as u64);
        assert_eq!((chunks, plain_len), (1, CHUNK as u64));
        let mut e = Encryptor::resume(&key, "s", &file[..HEADER_LEN], chunks).unwrap();
        file.extend(e.push(&plain[plain_len as usize..]).unwrap());
        file.extend(e.finish().unwrap());
        assert_eq!(decrypt_all(&key, "s", &file).unwrap(), plain);
    }
}
