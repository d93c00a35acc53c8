//! A PDF answered as a download: its type, no caching, and its file name (RFC 6266, with
//! the UTF-8 name of RFC 5987 for Vietnamese names).

use axum::body::Body;
use axum::http::{HeaderValue, header};
use axum::response::Response;

use crate::error::{AppError, AppResult};

/// `bytes` as a PDF download named `ascii` (for old clients) and `name`.
pub fn pdf(bytes: Vec<u8>, ascii: &str, name: &str) -> Response {
    let mut res = Response::new(Body::from(bytes));
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{}", encode(name));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// Render a report off the async threads and answer it as a download.
pub async fn report(report: ecab_report::Report, ascii: &str, name: &str) -> AppResult<Response> {
    let bytes = tokio::task::spawn_blocking(move || ecab_report::render(&report))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    Ok(pdf(bytes, ascii, name))
}

/// A file name for `filename*` (RFC 5987): unreserved bytes as they are, the rest escaped.
fn encode(name: &str) -> String {
    name.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_are_escaped_for_the_header() {
        assert_eq!(super::encode("Kết quả.pdf"), "K%E1%BA%BFt%20qu%E1%BA%A3.pdf");
    }
}
