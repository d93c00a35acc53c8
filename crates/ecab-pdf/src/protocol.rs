//! The pool ↔ worker protocol: typed requests and responses in small frames.
//!
//! A frame is `"ECPW"`, the header length and the payload length (both `u32`, big-endian),
//! the header as JSON, then the payload bytes (the image of a rendered page, the PDF of an
//! annotated export; empty otherwise).
//! The magic makes stray output on the worker's stdout fail fast instead of being read as a
//! length.

use std::io::{self, Read, Write};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

use crate::{DocInfo, ImageFormat, Mark, PageText, PdfError};

const MAGIC: [u8; 4] = *b"ECPW";
const PREFIX_LEN: usize = 12;
/// Largest JSON header accepted (the text of every page of a large document).
pub(crate) const MAX_HEADER: usize = 128 * 1024 * 1024;
/// Largest payload accepted (an image or an annotated PDF).
pub(crate) const MAX_PAYLOAD: usize = 512 * 1024 * 1024;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub(crate) enum Request {
    /// Answered with `Pong` once the library is loaded, so start-up can report a bad library.
    Ping,
    Inspect {
        path: PathBuf,
    },
    Render {
        path: PathBuf,
        page: u32,
        width_px: u32,
        /// Text drawn over the page (the reader's name on confidential documents).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        watermark: Option<String>,
        /// An indexed PNG or a JPEG, whichever suits the page, instead of an RGB PNG.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        compact: bool,
    },
    /// The words of one page with their boxes.
    PageText {
        path: PathBuf,
        page: u32,
    },
    /// The document with `marks` added as PDF annotations; answered with `Annotated`.
    Annotate {
        path: PathBuf,
        marks: Vec<Mark>,
    },
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub(crate) enum Response {
    Pong,
    Info {
        info: DocInfo,
    },
    /// The payload holds the image.
    Rendered {
        width: u32,
        height: u32,
        #[serde(default)]
        format: ImageFormat,
    },
    Text {
        text: PageText,
    },
    /// The payload holds the annotated PDF.
    Annotated,
    Error {
        error: WireError,
    },
}

/// A [`PdfError`] as it crosses the process boundary.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum WireError {
    LibraryLoad { message: String },
    NotPdf,
    Encrypted,
    Corrupt { message: String },
    PageOutOfRange { page: u32, page_count: u32 },
    InvalidWidth { width_px: u32, max: u32 },
    InvalidWatermark { message: String },
    TooManyMarks { count: usize, max: usize },
    InvalidMark { index: usize, reason: String },
    Io { not_found: bool, permission_denied: bool, message: String },
}

impl From<PdfError> for WireError {
    fn from(e: PdfError) -> Self {
        match e {
            PdfError::LibraryLoad(message) => WireError::LibraryLoad { message },
            PdfError::NotPdf => WireError::NotPdf,
            PdfError::Encrypted => WireError::Encrypted,
            PdfError::Corrupt(message) => WireError::Corrupt { message },
            PdfError::PageOutOfRange { page, page_count } => WireError::PageOutOfRange { page, page_count },
            PdfError::InvalidWidth { width_px, max } => WireError::InvalidWidth { width_px, max },
            PdfError::InvalidWatermark(message) => WireError::InvalidWatermark { message },
            PdfError::TooManyMarks { count, max } => WireError::TooManyMarks { count, max },
            PdfError::InvalidMark { index, reason } => WireError::InvalidMark { index, reason },
            PdfError::Io(e) => WireError::Io {
                not_found: e.kind() == io::ErrorKind::NotFound,
                permission_denied: e.kind() == io::ErrorKind::PermissionDenied,
                message: e.to_string(),
            },
            other => WireError::Corrupt { message: other.to_string() },
        }
    }
}

impl From<WireError> for PdfError {
    fn from(e: WireError) -> Self {
        match e {
            WireError::LibraryLoad { message } => PdfError::LibraryLoad(message),
            WireError::NotPdf => PdfError::NotPdf,
            WireError::Encrypted => PdfError::Encrypted,
            WireError::Corrupt { message } => PdfError::Corrupt(message),
            WireError::PageOutOfRange { page, page_count } => PdfError::PageOutOfRange { page, page_count },
            WireError::InvalidWidth { width_px, max } => PdfError::InvalidWidth { width_px, max },
            WireError::InvalidWatermark { message } => PdfError::InvalidWatermark(message),
            WireError::TooManyMarks { count, max } => PdfError::TooManyMarks { count, max },
            WireError::InvalidMark { index, reason } => PdfError::InvalidMark { index, reason },
            WireError::Io { not_found, permission_denied, message } => {
                let kind = if not_found {
                    io::ErrorKind::NotFound
                } else if permission_denied {
                    io::ErrorKind::PermissionDenied
                } else {
                    io::ErrorKind::Other
                };
                PdfError::Io(io::Error::new(kind, message))
            }
        }
    }
}

fn encode<T: Serialize>(header: &T, payload: &[u8]) -> io::Result<Vec<u8>> {
    let json = serde_json::to_vec(header).map_err(io::Error::other)?;
    let too_big = || io::Error::new(io::ErrorKind::InvalidInput, "frame too large");
    if json.len() > MAX_HEADER || payload.len() > MAX_PAYLOAD {
        return Err(too_big());
    }
    let header_len = u32::try_from(json.len()).map_err(|_| too_big())?;
    let payload_len = u32::try_from(payload.len()).map_err(|_| too_big())?;
    let mut out = Vec::with_capacity(PREFIX_LEN + json.len() + payload.len());
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&header_len.to_be_bytes());
    out.extend_from_slice(&payload_len.to_be_bytes());
    out.extend_from_slice(&json);
    out.extend_from_slice(payload);
    Ok(out)
}

/// Checks the prefix and returns (header length, payload length).
fn decode_prefix(prefix: &[u8; PREFIX_LEN]) -> io::Result<(usize, usize)> {
    let bad = |msg: &str| io::Error::new(io::ErrorKind::InvalidData, msg.to_string());
    if prefix[..4] != MAGIC {
        return Err(bad("bad frame magic"));
    }
    let header_len = u32::from_be_bytes([prefix[4], prefix[5], prefix[6], prefix[7]]) as usize;
    let payload_len = u32::from_be_bytes([prefix[8], prefix[9], prefix[10], prefix[11]]) as usize;
    if header_len > MAX_HEADER || payload_len > MAX_PAYLOAD {
        return Err(bad("frame too large"));
    }
    Ok((header_len, payload_len))
}

fn parse<T: for<'de> Deserialize<'de>>(json: &[u8]) -> io::Result<T> {
    serde_json::from_slice(json).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// Writes one frame and flushes.
pub(crate) fn write_frame<T: Serialize>(w: &mut impl Write, header: &T, payload: &[u8]) -> io::Result<()> {
    w.write_all(&encode(header, payload)?)?;
    w.flush()
}

/// Reads one frame; `Ok(None)` on a clean end of input before the first byte.
pub(crate) fn read_frame<T: for<'de> Deserialize<'de>>(r: &mut impl Read) -> io::Result<Option<(T, Vec<u8>)>> {
    let mut prefix = [0u8; PREFIX_LEN];
    let mut filled = 0;
    while filled < PREFIX_LEN {
        match r.read(&mut prefix[filled..]) {
            Ok(0) if filled == 0 => return Ok(None),
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let (header_len, payload_len) = decode_prefix(&prefix)?;
    let mut json = vec![0u8; header_len];
    r.read_exact(&mut json)?;
    let mut payload = vec![0u8; payload_len];
    r.read_exact(&mut payload)?;
    Ok(Some((parse(&json)?, payload)))
}

/// Writes one frame and flushes (async side).
pub(crate) async fn write_frame_async<T: Serialize>(
    w: &mut (impl AsyncWrite + Unpin),
    header: &T,
    payload: &[u8],
) -> io::Result<()> {
    w.write_all(&encode(header, payload)?).await?;
    w.flush().await
}

/// Reads one frame (async side); end of input is `UnexpectedEof`.
pub(crate) async fn read_frame_async<T: for<'de> Deserialize<'de>>(
    r: &mut (impl AsyncRead + Unpin),
) -> io::Result<(T, Vec<u8>)> {
    let mut prefix = [0u8; PREFIX_LEN];
    r.read_exact(&mut prefix).await?;
    let (header_len, payload_len) = decode_prefix(&prefix)?;
    let mut json = vec![0u8; header_len];
    r.read_exact(&mut json).await?;
    let mut payload = vec![0u8; payload_len];
    r.read_exact(&mut payload).await?;
    Ok((parse(&json)?, payload))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip() {
        let req = Request::Render {
            path: "/d/a.pdf".into(),
            page: 3,
            width_px: 800,
            watermark: Some("Lê Thị Ả".into()),
            compact: false,
        };
        let mut buf = Vec::new();
        write_frame(&mut buf, &req, b"png").unwrap();
        let mut r = buf.as_slice();
        let (got, payload): (Request, Vec<u8>) = read_frame(&mut r).unwrap().unwrap();
        assert!(matches!(&got, Request::Render { page: 3, width_px: 800, watermark: Some(w), .. } if w == "Lê Thị Ả"));
        assert_eq!(payload, b"png");
        assert!(read_frame::<Request>(&mut r).unwrap().is_none());
    }

    #[test]
    fn page_text_frames_round_trip() {
        let mut buf = Vec::new();
        write_frame(&mut buf, &Request::PageText { path: "/d/a.pdf".into(), page: 2 }, &[]).unwrap();
        let rect = crate::Rect { x: 0.1, y: 0.2, w: 0.05, h: 0.01 };
        let word = crate::Word { text: "Việt".into(), rect, chars: vec![rect; 4] };
        let text = PageText { width_pt: 595.0, height_pt: 842.0, words: vec![word] };
        write_frame(&mut buf, &Response::Text { text: text.clone() }, &[]).unwrap();
        let mut r = buf.as_slice();
        let (req, _): (Request, _) = read_frame(&mut r).unwrap().unwrap();
        assert!(matches!(req, Request::PageText { page: 2, .. }));
        let (resp, _): (Response, _) = read_frame(&mut r).unwrap().unwrap();
        assert!(matches!(resp, Response::Text { text: got } if got == text));
    }

    #[test]
    fn annotate_frames_round_trip() {
        let marks = vec![crate::Mark {
            page: 1,
            kind: crate::MarkKind::Ink { strokes: vec![vec![crate::Point { x: 0.1, y: 0.2 }]] },
            color: [1, 2, 3],
            author: "Trần Thị B".into(),
            contents: "Ghi chú".into(),
        }];
        let mut buf = Vec::new();
        write_frame(&mut buf, &Request::Annotate { path: "/d/a.pdf".into(), marks }, &[]).unwrap();
        write_frame(&mut buf, &Response::Annotated, b"%PDF-1.7").unwrap();
        let mut r = buf.as_slice();
        let (req, _): (Request, _) = read_frame(&mut r).unwrap().unwrap();
        assert!(matches!(&req, Request::Annotate { marks, .. } if marks.len() == 1 && marks[0].author == "Trần Thị B"));
        let (resp, payload): (Response, _) = read_frame(&mut r).unwrap().unwrap();
        assert!(matches!(resp, Response::Annotated));
        assert_eq!(payload, b"%PDF-1.7");
    }

    #[test]
    fn stray_output_is_rejected() {
        let mut r: &[u8] = b"hello world, not a frame";
        assert_eq!(read_frame::<Request>(&mut r).unwrap_err().kind(), io::ErrorKind::InvalidData);
    }

    #[test]
    fn truncated_frame_is_unexpected_eof() {
        let mut buf = Vec::new();
        write_frame(&mut buf, &Response::Pong, &[]).unwrap();
        let mut r = &buf[..buf.len() - 1];
        assert_eq!(read_frame::<Response>(&mut r).unwrap_err().kind(), io::ErrorKind::UnexpectedEof);
    }

    #[test]
    fn errors_cross_the_boundary() {
        let e: PdfError = WireError::from(PdfError::PageOutOfRange { page: 9, page_count: 2 }).into();
        assert!(matches!(e, PdfError::PageOutOfRange { page: 9, page_count: 2 }));
        let io = PdfError::Io(io::Error::new(io::ErrorKind::NotFound, "gone"));
        let back: PdfError = WireError::from(io).into();
        assert!(matches!(back, PdfError::Io(e) if e.kind() == io::ErrorKind::NotFound));
        let e: PdfError = WireError::from(PdfError::InvalidMark { index: 3, reason: "NaN".into() }).into();
        assert!(matches!(e, PdfError::InvalidMark { index: 3, reason } if reason == "NaN"));
        let e: PdfError = WireError::from(PdfError::TooManyMarks { count: 9, max: 5 }).into();
        assert!(matches!(e, PdfError::TooManyMarks { count: 9, max: 5 }));
    }
}
