//! Encryption at rest of confidential documents' blobs.
//!
//! Format of an encrypted blob file: the STREAM construction (Hoang–Reyhanitabar–Rogaway–
//! Vizár 2015) over ChaCha20-Poly1305, as the `aead` crate's [`StreamBE32`] builds it:
//!
//! ```text
//! "ECABENC2"                      8 bytes, magic: the format's version
//! nonce prefix                    7 random bytes, new for every file
//! chunk 0 … chunk n-1             each: ChaCha20-Poly1305(plaintext of CHUNK bytes) = CHUNK + 16 bytes;
//!                                 the last chunk holds 0..=CHUNK bytes (+16) and is always present
//! ```
//!
//! The key is the device's 32-byte blob key (random, kept in the OS keyring). Chunk `i` is
//! sealed at STREAM position `i` (nonce `prefix ‖ i as u32 big-endian ‖ last`, `last` = 1 for
//! the final chunk, else 0), with `"ECABENC2" ‖ the blob's SHA-256 (hex)` as associated
//! data. So a chunk cannot be moved, dropped, truncated away at the end, swapped between
//! files, or read as another version of the format without failing to open. Files stream
//! in and out one chunk at a time; a partial download keeps its whole chunks and resumes
//! after them.
//!
//! Files written before (`"ECABENC1"`: the same layout, with nonces built by hand and the
//! SHA-256 alone as associated data) are still read, by [`legacy`]; nothing writes that
//! format any more, and a partial download in it is started again rather than resumed.

use chacha20poly1305::aead::Payload;
use chacha20poly1305::aead::generic_array::GenericArray;
use chacha20poly1305::aead::stream::{DecryptorBE32, NewStream, StreamBE32, StreamPrimitive};
use chacha20poly1305::{ChaCha20Poly1305, Key};
use rand::RngCore;

use crate::ClientError;

/// The magic of the format written now.
pub const MAGIC: &[u8; 8] = b"ECABENC2";
/// The magic of the first format, read only.
pub const LEGACY_MAGIC: &[u8; 8] = b"ECABENC1";
pub const HEADER_LEN: usize = 15;
/// Plaintext bytes per chunk.
pub const CHUNK: usize = 64 * 1024;
pub const TAG_LEN: usize = 16;
/// Bytes of one full sealed chunk.
pub const SEALED: usize = CHUNK + TAG_LEN;

/// The random part of every chunk's nonce (12 bytes less STREAM's counter and flag).
type Prefix = [u8; 7];

/// A new random 32-byte key.
pub fn new_key() -> [u8; 32] {
    let mut key = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut key);
    key
}

fn failed(what: &str) -> ClientError {
    ClientError::Crypto(what.to_owned())
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Format {
    Stream,
    Legacy,
}

fn parse_header(header: &[u8]) -> Result<(Format, Prefix), ClientError> {
    let format = match header.get(..8) {
        _ if header.len() < HEADER_LEN => return Err(failed("not an encrypted blob")),
        Some(m) if m == MAGIC => Format::Stream,
        Some(m) if m == LEGACY_MAGIC => Format::Legacy,
        _ => return Err(failed("not an encrypted blob")),
    };
    let mut prefix = [0u8; 7];
    prefix.copy_from_slice(&header[8..HEADER_LEN]);
    Ok((format, prefix))
}

/// The associated data of every chunk: the format's magic and the blob's name.
fn associated_data(sha256: &str) -> Vec<u8> {
    [MAGIC.as_slice(), sha256.as_bytes()].concat()
}

fn stream(key: &[u8; 32], prefix: &Prefix) -> StreamBE32<ChaCha20Poly1305> {
    StreamBE32::new(Key::from_slice(key), GenericArray::from_slice(prefix))
}

/// Encrypts a blob as its bytes arrive.
///
/// It seals each chunk at an explicit position of the [`StreamBE32`] primitive rather than
/// through `EncryptorBE32`, which always starts at position 0: a resumed download continues
/// after the chunks already on disk.
pub struct Encryptor {
    stream: StreamBE32<ChaCha20Poly1305>,
    position: u32,
    buffer: Vec<u8>,
    aad: Vec<u8>,
}

impl Encryptor {
    /// A new file: returns the encryptor and the header to write first.
    pub fn start(key: &[u8; 32], sha256: &str) -> (Self, Vec<u8>) {
        let mut prefix = [0u8; 7];
        rand::rngs::OsRng.fill_bytes(&mut prefix);
        let header = [MAGIC.as_slice(), &prefix].concat();
        (Self::at(key, sha256, &prefix, 0), header)
    }

    /// Continue a partial file whose header is `header` and which holds `chunks` whole chunks.
    /// Only a file in the current format can be continued.
    pub fn resume(key: &[u8; 32], sha256: &str, header: &[u8], chunks: u32) -> Result<Self, ClientError> {
        match parse_header(header)? {
            (Format::Stream, prefix) => Ok(Self::at(key, sha256, &prefix, chunks)),
            (Format::Legacy, _) => Err(failed("a file in the older format is not continued")),
        }
    }

    fn at(key: &[u8; 32], sha256: &str, prefix: &Prefix, position: u32) -> Self {
        Encryptor {
            stream: stream(key, prefix),
            position,
            buffer: Vec::with_capacity(CHUNK),
            aad: associated_data(sha256),
        }
    }

    fn seal(&mut self, plain: &[u8], last: bool) -> Result<Vec<u8>, ClientError> {
        // STREAM keeps the counter's largest value for a final chunk.
        if !last && self.position == u32::MAX {
            return Err(failed("file too large"));
        }
        let sealed = self
            .stream
            .encrypt(self.position, last, Payload { msg: plain, aad: &self.aad })
            .map_err(|_| failed("encryption"))?;
        self.position = self.position.saturating_add(1);
        Ok(sealed)
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

/// Whether a file starts like an encrypted blob, in either format.
pub fn is_encrypted(head: &[u8]) -> bool {
    parse_header(head).is_ok()
}

/// Whether a file starts like an encrypted blob in the format written now (the only one a
/// partial download is continued in).
pub fn is_current_format(head: &[u8]) -> bool {
    matches!(parse_header(head), Ok((Format::Stream, _)))
}

/// For a partial encrypted file of `file_len` bytes: the whole chunks it holds (the file
/// is cut to `HEADER_LEN + chunks * SEALED` before resuming) and their plaintext length.
pub fn resumable(file_len: u64) -> (u32, u64) {
    let body = file_len.saturating_sub(HEADER_LEN as u64);
    let chunks = u32::try_from(body / SEALED as u64).unwrap_or(u32::MAX);
    (chunks, u64::from(chunks) * CHUNK as u64)
}

/// Opens the chunks of a file one at a time, in whichever format it was written.
pub struct Decryptor(Opener);

enum Opener {
    /// `None` once the last chunk was opened.
    Stream {
        stream: Option<DecryptorBE32<ChaCha20Poly1305>>,
        aad: Vec<u8>,
    },
    Legacy(legacy::Decryptor),
}

impl Decryptor {
    pub fn new(key: &[u8; 32], sha256: &str, header: &[u8]) -> Result<Self, ClientError> {
        let opener = match parse_header(header)? {
            (Format::Stream, prefix) => Opener::Stream {
                stream: Some(DecryptorBE32::from_stream_primitive(stream(key, &prefix))),
                aad: associated_data(sha256),
            },
            (Format::Legacy, prefix) => Opener::Legacy(legacy::Decryptor::new(key, sha256, prefix)),
        };
        Ok(Decryptor(opener))
    }

    /// Open the next sealed chunk; `last` must be true for the file's final chunk only.
    pub fn open(&mut self, sealed: &[u8], last: bool) -> Result<Vec<u8>, ClientError> {
        let refused = |_| failed("a chunk does not authenticate (wrong key, or altered)");
        match &mut self.0 {
            Opener::Stream { stream, aad } => {
                let payload = Payload { msg: sealed, aad };
                if last {
                    let stream = stream.take().ok_or_else(|| failed("a chunk after the last"))?;
                    stream.decrypt_last(payload).map_err(refused)
                } else {
                    let stream = stream.as_mut().ok_or_else(|| failed("a chunk after the last"))?;
                    stream.decrypt_next(payload).map_err(refused)
                }
            }
            Opener::Legacy(d) => d.open(sealed, last).map_err(refused),
        }
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

/// The first format (`"ECABENC1"`), read only: the STREAM nonces built here, the blob's
/// SHA-256 alone as associated data.
mod legacy {
    use chacha20poly1305::aead::{Aead, KeyInit, Payload};
    use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};

    use super::Prefix;

    pub(super) struct Decryptor {
        cipher: ChaCha20Poly1305,
        prefix: Prefix,
        index: u32,
        aad: String,
    }

    /// `prefix ‖ index as u32 big-endian ‖ last`.
    pub(super) fn nonce(prefix: &Prefix, index: u32, last: bool) -> [u8; 12] {
        let mut n = [0u8; 12];
        n[..7].copy_from_slice(prefix);
        n[7..11].copy_from_slice(&index.to_be_bytes());
        n[11] = u8::from(last);
        n
    }

    impl Decryptor {
        pub(super) fn new(key: &[u8; 32], sha256: &str, prefix: Prefix) -> Self {
            Decryptor { cipher: ChaCha20Poly1305::new(Key::from_slice(key)), prefix, index: 0, aad: sha256.to_owned() }
        }

        pub(super) fn open(&mut self, sealed: &[u8], last: bool) -> Result<Vec<u8>, chacha20poly1305::Error> {
            let n = nonce(&self.prefix, self.index, last);
            self.index = self.index.checked_add(1).ok_or(chacha20poly1305::Error)?;
            self.cipher.decrypt(Nonce::from_slice(&n), Payload { msg: sealed, aad: self.aad.as_bytes() })
        }
    }
}

#[cfg(test)]
mod tests {
    use chacha20poly1305::aead::{Aead, KeyInit};
    use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};

    use super::*;

    fn encrypt(key: &[u8; 32], sha: &str, plain: &[u8], piece: usize) -> Vec<u8> {
        let (mut e, mut file) = Encryptor::start(key, sha);
        for p in plain.chunks(piece.max(1)) {
            file.extend(e.push(p).unwrap());
        }
        file.extend(e.finish().unwrap());
        file
    }

    /// A file as the first format wrote it: nonces built by hand, the name alone as
    /// associated data.
    fn encrypt_legacy(key: &[u8; 32], sha: &str, prefix: Prefix, plain: &[u8]) -> Vec<u8> {
        let cipher = ChaCha20Poly1305::new(Key::from_slice(key));
        let mut file = [LEGACY_MAGIC.as_slice(), &prefix].concat();
        let chunks: Vec<&[u8]> = if plain.is_empty() { vec![&[]] } else { plain.chunks(CHUNK).collect() };
        for (i, chunk) in chunks.iter().enumerate() {
            let n = legacy::nonce(&prefix, i as u32, i + 1 == chunks.len());
            file.extend(cipher.encrypt(Nonce::from_slice(&n), Payload { msg: chunk, aad: sha.as_bytes() }).unwrap());
        }
        file
    }

    #[test]
    fn round_trips_any_length_in_any_pieces() {
        let key = new_key();
        for len in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 17] {
            let plain: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            for piece in [7, 8192, CHUNK + 3] {
                let file = encrypt(&key, "abc", &plain, piece);
                assert!(file.starts_with(MAGIC) && is_current_format(&file));
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
        assert!(decrypt_all(&key, "abc", &file[..HEADER_LEN + 5]).is_err(), "a body shorter than a tag");
        assert!(decrypt_all(&new_key(), "abc", &file).is_err());
        assert!(decrypt_all(&key, "abd", &file).is_err());
        let mut swapped = file.clone();
        swapped[HEADER_LEN..HEADER_LEN + SEALED].copy_from_slice(&file[HEADER_LEN + SEALED..HEADER_LEN + 2 * SEALED]);
        swapped[HEADER_LEN + SEALED..HEADER_LEN + 2 * SEALED].copy_from_slice(&file[HEADER_LEN..HEADER_LEN + SEALED]);
        assert!(decrypt_all(&key, "abc", &swapped).is_err(), "chunks in another order");
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

    #[test]
    fn files_in_the_first_format_are_still_read() {
        let key = new_key();
        let prefix = [7u8; 7];
        for len in [0, 1, CHUNK, 2 * CHUNK + 9] {
            let plain: Vec<u8> = (0..len).map(|i| (i % 199) as u8).collect();
            let file = encrypt_legacy(&key, "abc", prefix, &plain);
            assert!(is_encrypted(&file) && !is_current_format(&file));
            assert_eq!(decrypt_all(&key, "abc", &file).unwrap(), plain, "len {len}");
            // Chunk by chunk too, as a resumed download re-hashes what it kept.
            let mut d = Decryptor::new(&key, "abc", &file).unwrap();
            let mut opened = Vec::new();
            let body: Vec<&[u8]> = file[HEADER_LEN..].chunks(SEALED).collect();
            for (i, sealed) in body.iter().enumerate() {
                opened.extend(d.open(sealed, i + 1 == body.len()).unwrap());
            }
            assert_eq!(opened, plain);
        }
        let file = encrypt_legacy(&key, "abc", prefix, &vec![1u8; 2 * CHUNK + 9]);
        let mut flipped = file.clone();
        flipped[HEADER_LEN + SEALED + 3] ^= 1;
        assert!(decrypt_all(&key, "abc", &flipped).is_err());
        assert!(decrypt_all(&key, "abc", &file[..HEADER_LEN + 2 * SEALED]).is_err(), "dropping the last chunk");
        assert!(decrypt_all(&key, "abd", &file).is_err());
        assert!(Encryptor::resume(&key, "abc", &file[..HEADER_LEN], 1).is_err(), "never continued");
    }

    #[test]
    fn a_file_does_not_open_as_the_other_format() {
        let key = new_key();
        let plain = vec![5u8; CHUNK + 1];
        let mut file = encrypt(&key, "abc", &plain, CHUNK);
        file[..8].copy_from_slice(LEGACY_MAGIC);
        assert!(decrypt_all(&key, "abc", &file).is_err(), "a new file relabelled as old");
        let mut old = encrypt_legacy(&key, "abc", [3u8; 7], &plain);
        old[..8].copy_from_slice(MAGIC);
        assert!(decrypt_all(&key, "abc", &old).is_err(), "an old file relabelled as new");
        assert!(!is_encrypted(b"ECABENC3xxxxxxxxx") && !is_encrypted(b"ECABENC2"));
    }
}
